"""`socialbot init` and `socialbot audit ...`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

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
    from social_bot.db.engine import _redacted  # the one place a URL is made safe to show

    click.echo(f"database ready: {_redacted(report.db.url)}", err=True)


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


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to a new file instead of stdout (created 0600).")
@click.option("--force", is_flag=True, help="Replace --output if it exists (never one of "
              "socialbot's own files).")
def export(fmt: str, output: str | None, force: bool) -> None:
    """Write every audit record, oldest first (CSV cells never start a formula)."""
    from social_bot import audit as trail

    app = open_app()
    target = _export_target(app.settings, output, force) if output else None
    with app.db.read() as session:
        if target is None:
            trail.export(session, sys.stdout, fmt)
            return
        # a temporary file beside the target, renamed over it once complete: a failed
        # export leaves what was there, never half a file
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                count = trail.export(session, fh, fmt)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    click.echo(f"{count} records written to {output}", err=True)


def _export_target(settings, output: str, force: bool) -> Path:  # noqa: ANN001 - Settings
    """Where `audit export -o` may write: never socialbot's own files (the data directory,
    which holds the audit keys, credentials.json and .env; the database; the policy file),
    symlinks and hard links followed, and an existing file only with --force (an outside
    review, session 43: `-o $DATA/audit.key` replaced the key, `-o socialbot.db` emptied
    the database)."""
    from social_bot.db.engine import sqlite_file
    from social_bot.errors import UserError

    target = Path(output).expanduser().resolve()
    data_dir = settings.data_dir.expanduser().resolve()
    database = sqlite_file(settings.database_url)
    own = [p for p in (database, settings.policy_path) if p]
    own += [database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal")
            ] if database else []
    exists = os.path.lexists(target)
    if exists:  # a hard link elsewhere to a file of the data directory (resolve() keeps it)
        own += [p for p in data_dir.iterdir() if p.is_file()] if data_dir.is_dir() else []
    if target == data_dir or data_dir in target.parents or any(
            _same_file(target, p) for p in own):
        raise UserError(f"refusing to write the export to {output}: it is one of socialbot's "
                        "own files (the data directory, the database or the policy); "
                        "choose a path outside them")
    if exists and not target.is_file():
        raise UserError(f"refusing to write the export to {output}: not a regular file")
    if exists and not force:
        raise UserError(f"{output} exists: choose a new file name, or add --force to "
                        "replace it")
    return target


def _same_file(path: Path, other: Path) -> bool:
    """The same path once resolved, or the same file by device and inode (a hard link)."""
    try:
        other = other.expanduser().resolve()
    except OSError:
        return False
    if path == other:
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them does not exist
        return False
