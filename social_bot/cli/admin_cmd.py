"""`socialbot init` and `socialbot audit ...`."""

from __future__ import annotations

import sys

import click

from social_bot.cli.common import open_app
from social_bot.cli.export_cmd import (
    export,
    parse_anchor,
    public_key,
    rotate_signing_key,
    verify_export,
)


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
    from social_bot.db.engine import _redacted  # the one place a URL is made safe to show

    click.echo(f"database ready: {_redacted(report.db.url)}", err=True)


@click.group()
def audit() -> None:
    """Verify, anchor or export the audit trail."""


@audit.command("verify")
@click.option("--anchor", callback=parse_anchor, metavar="SEQ:MAC",
              help="A head printed earlier by `socialbot audit anchor`: proves nothing up to "
                   "it was removed or rewritten.")
def verify(anchor) -> None:  # noqa: ANN001
    """Check the keyed chain and that it matches the tables; exit 1 naming the first problem."""
    from social_bot import audit as trail

    app = open_app()
    result = trail.verify_database(app.db, anchor=anchor)
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
    result = trail.verify_database(app.db)
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
    result = trail.verify_database(app.db)
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


for _command in (export, public_key, rotate_signing_key, verify_export):
    audit.add_command(_command)
