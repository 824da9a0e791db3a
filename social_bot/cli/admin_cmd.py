"""`socialbot init` and `socialbot audit ...`."""

from __future__ import annotations

import os
import sys

import click

from social_bot.cli.common import open_app


@click.command()
def init() -> None:
    """Create or migrate the database and the audit key (safe to run again)."""
    from social_bot.settings import load_settings
    from social_bot.storage import init_storage

    report = init_storage(load_settings())
    try:
        for note in report.notes:
            click.echo(note, err=True)
    finally:
        report.db.dispose()
    url = report.db.engine.url.render_as_string(hide_password=True)
    click.echo(f"database ready: {url}", err=True)


@click.group()
def audit() -> None:
    """Verify, anchor or export the audit trail."""


def _parse_anchor(_ctx, _param, value: str | None):  # noqa: ANN001, ANN202
    from social_bot.audit import Anchor

    if value is None:
        return None
    try:
        return Anchor.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@audit.command("verify")
@click.option("--anchor", callback=_parse_anchor, metavar="SEQ:MAC",
              help="A head printed earlier by `socialbot audit anchor`: proves nothing up to "
                   "it was removed or rewritten.")
def verify(anchor) -> None:  # noqa: ANN001
    """Check the keyed chain and that it matches the tables; exit 1 naming the first problem."""
    from social_bot import audit as trail

    app = open_app()
    with app.db.read() as session:
        result = trail.verify(session, anchor=anchor)
    if result.ok:
        extra = f", up to and including anchor #{anchor.seq}" if anchor else ""
        click.echo(f"audit trail intact: {result.checked} records{extra}")
        return
    click.echo(f"audit trail BROKEN: {result.problem}", err=True)
    sys.exit(1)


@audit.command("anchor")
def anchor() -> None:
    """Print the chain's head as SEQ:MAC, after verifying it: keep it outside this system."""
    from social_bot import audit as trail

    app = open_app()
    with app.db.read() as session:
        result = trail.verify(session)
    if not result.ok:
        click.echo(f"audit trail BROKEN, nothing to anchor: {result.problem}", err=True)
        sys.exit(1)
    if result.head is None:
        click.echo("error: the audit trail is empty; there is nothing to anchor yet", err=True)
        sys.exit(2)
    click.echo(str(result.head))
    click.echo("Keep this line somewhere the database administrator cannot write (a signed "
               "email, a paper log); later run `socialbot audit verify --anchor "
               f"{result.head}`.", err=True)


@audit.command("rotate-key")
def rotate_key() -> None:
    """Start writing with a new audit key; the old one is kept to verify older records."""
    from social_bot import audit as trail
    from social_bot.audit_key import rotate_key_file
    from social_bot.errors import UserError
    from social_bot.settings import load_settings

    settings = load_settings()
    if settings.env.get("SOCIALBOT_AUDIT_KEY"):
        # The file is not what signs records then: rotating it would report a rotation
        # that did not happen, while the environment's key kept signing.
        raise UserError("the audit key in force comes from SOCIALBOT_AUDIT_KEY (the "
                        "environment or .env), not from audit.key: rotate it by setting a new "
                        "value there, adding the old one to SOCIALBOT_AUDIT_OLD_KEYS "
                        "(comma-separated) and restarting socialbot (docs/security.md)")
    app = open_app()
    with app.db.read() as session:
        result = trail.verify(session)
    if not result.ok:
        click.echo(f"error: verify the trail before rotating: {result.problem}", err=True)
        sys.exit(2)
    old_id, new_id = rotate_key_file(settings.data_dir)
    app.close()
    app = open_app()
    with app.db.write() as session:
        trail.append(session, actor="socialbot audit rotate-key", action="audit.key_rotated",
                     detail={"old_key_id": old_id, "new_key_id": new_id})
    click.echo(f"audit key rotated: {old_id} retired (kept as audit.key.{old_id}.retired), "
               f"now writing with {new_id}", err=True)


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to a file instead of stdout (created 0600).")
def export(fmt: str, output: str | None) -> None:
    """Write every audit record, oldest first (CSV cells never start a formula)."""
    from social_bot import audit as trail

    app = open_app()
    with app.db.read() as session:
        if output:
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                count = trail.export(session, fh, fmt)
            click.echo(f"{count} records written to {output}", err=True)
        else:
            trail.export(session, sys.stdout, fmt)
