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

    settings = load_settings()
    report = init_storage(settings)
    try:
        for note in report.notes:
            click.echo(note, err=True)
    finally:
        report.db.dispose()
    from social_bot.db.engine import _redacted  # the one place a URL is made safe to show

    click.echo(f"database ready: {_redacted(report.db.url)}", err=True)
    if settings.policy_path is None:  # what a new practice does next
        from social_bot.settings import policy_next_step

        click.echo(f"next: {policy_next_step(settings)}", err=True)


@click.group()
def audit() -> None:
    """Verify, anchor or export the audit trail."""


@audit.command("verify")
@click.option("--anchor", callback=parse_anchor, metavar="SEQ:MAC",
              help="A head printed earlier by `socialbot audit anchor`: proves nothing up to "
                   "it was removed or rewritten.")
def verify(anchor) -> None:  # noqa: ANN001
    """Check the keyed chain and that it matches the tables (and the keyed chat view rows);
    exit 1 naming the first problem."""
    from social_bot import audit as trail

    app = open_app()
    result = trail.verify_database(app.db, anchor=anchor)
    if result.ok:
        extra = f", up to and including anchor #{anchor.seq}" if anchor else ""
        click.echo(f"audit trail intact: {result.checked} records{extra}")
    else:
        click.echo(f"audit trail BROKEN: {result.problem}", err=True)
    for note in result.notes:  # not tampering: said, without changing the exit status
        click.echo(f"note: {note}", err=True)
    if not result.ok:
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
    if _undo_unfinished_rotation(app):
        app.close()
        app = open_app()
    result = trail.verify_database(app.db)
    if not result.ok:
        click.echo(f"error: verify the trail before rotating: {result.problem}", err=True)
        sys.exit(2)
    old_id, new_id = _rotate(app)
    click.echo(f"audit key rotated: {old_id} retired (kept as audit.key.{old_id}.retired), "
               f"now writing with {new_id}", err=True)


def _rotate(app) -> tuple[str, str]:  # noqa: ANN001 - App
    """The record first, signed with the new key; the key files swapped before it commits;
    the old key put back if the commit fails. Before (an outside review, session 46) the
    files were swapped first and the record written after: a crash or a failed commit in
    between left a key in force that no record named, and the trail never verified again."""
    from social_bot import audit as trail
    from social_bot.audit_key import (
        current_key_text,
        key_id,
        new_key_text,
        put_back_key,
        rotated_keys,
        swap_key_files,
    )
    from social_bot.errors import UserError

    data_dir = app.settings.data_dir
    old_text, new_text = current_key_text(data_dir), new_key_text()
    keys = app.db.audit_keys
    old_id, new_id = keys.current_id, key_id(new_text.strip().encode())
    changed = UserError("audit.key changed while rotating it (another `audit rotate-key`?); "
                        "nothing was rotated: run it again")
    if key_id(old_text.strip().encode()) != old_id:
        raise changed
    swapped = False
    try:
        with app.db.write() as session:
            session.info["audit_keys"] = rotated_keys(keys, new_text)
            record = trail.append(session, actor="socialbot audit rotate-key",
                                  action="audit.key_rotated",
                                  detail={"old_key_id": old_id, "new_key_id": new_id})
            # under the chain head's lock: no other rotation can land now, but one may
            # have landed since this process read the keys
            if record.key_id != new_id or current_key_text(data_dir) != old_text:
                raise changed
            swap_key_files(data_dir, old_text, new_text)
            swapped = True
    except BaseException:
        if swapped:
            put_back_key(data_dir, old_text)
        raise
    return old_id, new_id


def _undo_unfinished_rotation(app) -> bool:  # noqa: ANN001 - App
    """Put back the key an interrupted rotation retired, if its successor signed nothing."""
    from social_bot import audit as trail
    from social_bot.audit_key import put_back_key, read_private_file

    keys = app.db.audit_keys
    if keys is None:
        return False
    with app.db.read() as session:
        retired = trail.unfinished_rotation(session, keys)
    if retired is None:
        return False
    data_dir = app.settings.data_dir
    put_back_key(data_dir, read_private_file(data_dir / f"audit.key.{retired}.retired",
                                             "the audit key"))
    click.echo(f"an interrupted rotation was undone: audit key {keys.current_id} signed "
               f"nothing and no record names it; {retired} is in force again", err=True)
    return True


for _command in (export, public_key, rotate_signing_key, verify_export):
    audit.add_command(_command)
