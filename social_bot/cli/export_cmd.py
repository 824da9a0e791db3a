"""`socialbot audit export | public-key | rotate-signing-key | verify-export`: an export a
third party can check with the practice's public key alone (social_bot/audit_export.py)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from social_bot.cli.common import open_app, os_login

_MAX_KEY_FILE = 16 * 1024
_PEM_BLOCK = re.compile(r"-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", re.DOTALL)


def parse_anchor(_ctx, _param, value: str | None):  # noqa: ANN001, ANN202
    from social_bot.audit import Anchor

    if value is None:
        return None
    try:
        return Anchor.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to a new file instead of stdout (created 0600), with FILE.manifest "
                   "beside it: signed, so `audit verify-export` can check it anywhere.")
@click.option("--force", is_flag=True, help="Replace --output (and its manifest) if they "
              "exist (never one of socialbot's own files).")
def export(fmt: str, output: str | None, force: bool) -> None:
    """Write every audit record, oldest first (CSV cells never start a formula)."""
    from social_bot import audit as trail
    from social_bot.audit_export import TrailBroken, manifest_path, write_export
    from social_bot.export_key import load_signing_key, missing_signing_key_error
    from social_bot.export_manifest import ExportFormat

    app = open_app()
    if output is None:  # a pipe: the records alone, unsigned (docs/security.md)
        with app.db.read() as session:
            trail.export(session, sys.stdout, fmt)
        return
    target = _export_target(app.settings, output, force)
    _export_target(app.settings, str(manifest_path(target)), force)
    key = load_signing_key(app.settings.data_dir)
    if key is None:
        raise missing_signing_key_error(app.settings.data_dir)
    with app.db.read(snapshot=True) as session:
        try:
            manifest = write_export(session, target, ExportFormat(fmt), key)
        except TrailBroken as exc:
            click.echo(f"audit trail BROKEN, nothing signed or written: {exc} (`socialbot "
                       "audit export` without -o still writes the records, unsigned)", err=True)
            sys.exit(1)
    click.echo(f"{manifest.records} records written to {output}, signed by export key "
               f"{manifest.key_id} in {manifest_path(Path(output))}; anyone can check them "
               f"with `socialbot audit verify-export {output} --public-key KEY` (KEY: "
               "`socialbot audit public-key`)", err=True)


@click.command("public-key")
@click.option("--pem", is_flag=True, help="PEM (for OpenSSL) instead of one line.")
@click.option("--all", "show_all", is_flag=True,
              help="Also the keys `rotate-signing-key` retired, for older exports.")
def public_key(pem: bool, show_all: bool) -> None:
    """Print the public key that checks signed exports: give it to your auditor once."""
    from social_bot.export_key import (
        load_signing_key,
        missing_signing_key_error,
        retired_public_keys,
    )
    from social_bot.settings import load_settings

    data_dir = load_settings().data_dir
    key = load_signing_key(data_dir)
    if key is None:
        raise missing_signing_key_error(data_dir)
    keys = [key.public, *(retired_public_keys(data_dir) if show_all else [])]
    for number, public in enumerate(keys):
        click.echo(public.pem().rstrip("\n") if pem else public.text)
        click.echo(f"key id {public.key_id}" + (" (signs new exports)" if number == 0
                                                 else " (retired)"), err=True)


@click.command("rotate-signing-key")
def rotate_signing_key() -> None:
    """Sign new exports with a new key pair; the old public key still checks older ones."""
    from social_bot import audit as trail
    from social_bot.export_key import (
        SigningKey,
        load_signing_key,
        missing_signing_key_error,
        put_back_signing_key,
    )
    from social_bot.export_key import rotate_signing_key as rotate

    app = open_app()
    data_dir = app.settings.data_dir
    before = load_signing_key(data_dir)
    if before is None:
        raise missing_signing_key_error(data_dir)
    coming = SigningKey.generate()
    rotated = False
    # The record first, the key file before its commit, the old key put back if the commit
    # fails: a rotation must never go unrecorded. Before, the file was replaced first, so a
    # database out of reach printed "error: cannot reach the database" (exit 2) over a key
    # already rotated, unrecorded, whose public half nobody was shown.
    try:
        with app.db.write() as session:
            trail.append(session, actor="socialbot audit rotate-signing-key",
                         os_user=os_login(), action="audit.signing_key_rotated",
                         detail={"old_key_id": before.public.key_id,
                                 "new_key_id": coming.public.key_id,
                                 "new_public_key": coming.public.text})
            old, new = rotate(data_dir, coming)
            rotated = True
    except BaseException:
        if rotated:
            put_back_signing_key(data_dir, before)
        raise
    click.echo(new.text)
    click.echo(f"export signing key rotated: {old.key_id} retired (its private half deleted, "
               f"its public key kept as audit.sign.{old.key_id}.pub), new exports are signed "
               f"by {new.key_id}: give the line above to whoever checks exports", err=True)


def _public_keys(_ctx, _param, values: tuple[str, ...]):  # noqa: ANN001, ANN202
    """Each --public-key: a key as `audit public-key` prints it, or a file of them. Only
    what the user names: never a key found beside the export, which whoever swapped the
    export could have swapped too."""
    from social_bot.export_key import PublicKey

    keys = []
    for value in values:
        try:
            if value.strip().startswith(("ed25519:", "-----BEGIN")):
                keys.append(PublicKey.parse(value))
            else:
                keys += _key_file(Path(value))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return keys


def _key_file(path: Path) -> list:
    from social_bot.export_key import PublicKey

    if not path.is_file():
        raise ValueError(f"{str(path)[:80]!r} is neither a public key ('ed25519:...') nor a "
                         "file holding one")
    from social_bot.filesafety import open_checked

    with os.fdopen(open_checked(path, os.O_RDONLY), "rb") as fh:
        data = fh.read(_MAX_KEY_FILE + 1)
    try:  # a key line saved by Windows Notepad starts with a byte order mark
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        text = ""
    if len(data) > _MAX_KEY_FILE or not text.strip():
        raise ValueError(f"{path} does not hold a public key (UTF-8 text, under 16 KiB)")
    # each PEM block, then each 'ed25519:' line outside them: `audit public-key --all --pem`
    # writes one block a key, and only the first was read (an export signed before a
    # rotation was then "NOT VERIFIED ... give that key too", though it was given)
    blocks = _PEM_BLOCK.findall(text)
    rest = _PEM_BLOCK.sub("\n", text)
    if "-----BEGIN" in rest:
        raise ValueError(f"{path} holds a PEM block that is not a public key")
    return [*(PublicKey.parse(block) for block in blocks),
            *(PublicKey.parse(line) for line in rest.splitlines()
              if line.strip() and not line.lstrip().startswith("#"))]


@click.command("verify-export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--public-key", "keys", multiple=True, required=True, callback=_public_keys,
              metavar="KEY|FILE", help="The practice's public key (`socialbot audit "
              "public-key`), or a file of them; repeat for exports signed before a rotation.")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="The signed manifest [default: FILE.manifest].")
@click.option("--anchor", callback=parse_anchor, metavar="SEQ:MAC",
              help="A head `socialbot audit anchor` printed earlier: the export must hold it.")
def verify_export(file: str, keys: list, manifest: str | None, anchor) -> None:  # noqa: ANN001
    """Check a signed export offline: exit 0 intact, 1 not verified (one line per problem)."""
    from social_bot.audit_export import check_export, manifest_path, read_manifest
    from social_bot.errors import UserError

    path = Path(file)
    if not path.is_file():
        raise UserError(f"no export file {file}")
    signed_file = Path(manifest) if manifest else manifest_path(path)
    if not os.path.isfile(signed_file):
        raise UserError(f"no manifest {signed_file}: `socialbot audit export -o FILE` writes "
                        "FILE.manifest beside FILE; give it with --manifest")
    check = check_export(path, read_manifest(signed_file), keys, anchor)
    if check.problems:
        for problem in check.problems:
            click.echo(f"export NOT VERIFIED: {problem}", err=True)
        sys.exit(1)
    m = check.manifest
    click.echo(f"export verified: {m.records} records (#{m.first_seq} to #{m.last_seq}), "
               f"head {m.last_seq}:{m.head_mac}, exported {m.exported_at}, signed by key "
               f"{m.key_id}")


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
    if not target.parent.is_dir():  # said with the path typed, not the temporary file's
        raise UserError(f"cannot write the export to {output}: the folder "
                        f"{Path(output).expanduser().parent} does not exist")
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
