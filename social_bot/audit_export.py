"""`audit export -o` with a signed manifest, and `audit verify-export`: the files around the
functional core in export_manifest.py.

The export is signed only after `verify` passed in the same database snapshot: a signature
says "socialbot exported this intact trail", so it must never be put on a trail whose MACs
or table cross-checks fail (that would launder a tampered database into a signed file).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from social_bot import audit
from social_bot.db.models import AuditRecord
from social_bot.errors import UserError
from social_bot.export_key import PublicKey, SigningKey
from social_bot.export_manifest import (
    MAX_MANIFEST_BYTES,
    ExportFormat,
    Link,
    Manifest,
    SignedManifest,
    capped,
    link_problems,
    signed,
)
from social_bot.filesafety import open_checked

_CHUNK = 1 << 20
_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # a record's detail may exceed csv's 128 KiB default
_MAX_LINE = 64 * 1024 * 1024
_SIGNING_ROTATED = "audit.signing_key_rotated"


class TrailBroken(Exception):
    """`verify` failed: nothing is signed (the CLI says so and exits 1, as `anchor` does)."""


def manifest_path(export: Path) -> Path:
    return export.with_name(export.name + ".manifest")


def file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with os.fdopen(open_checked(path, os.O_RDONLY), "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _write_private(directory: Path, name: str, write) -> Path:  # noqa: ANN001 - a callable
    """A new 0600 temporary file beside the target, filled by ``write(fh)``."""
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_export(session: Session, target: Path, fmt: ExportFormat,
                 key: SigningKey) -> Manifest:
    """Verify the trail, write it to ``target`` and its signed manifest beside it, via
    temporary files renamed once both are complete: a failure before the renames leaves
    what was there, never half a file; a crash between them leaves a file without a
    manifest, never a file with another export's manifest."""
    result = audit.verify(session)
    if not result.ok:
        raise TrailBroken(result.problem)
    if (retired_at := signing_key_retired_at(session, key.public.key_id)) is not None:
        # read before this snapshot, the key was retired by a rotation committed since:
        # signed with it, the export would hold the record that says it may not sign it
        raise UserError(f"the export signing key {key.public.key_id} was retired by audit "
                        f"record #{retired_at} (`audit rotate-signing-key` ran meanwhile); "
                        "nothing was written: export again")
    count: list[int] = []
    written = [_write_private(target.parent, target.name,
                              lambda fh: count.append(audit.export(session, fh, str(fmt))))]
    try:
        if count[0] != result.checked:  # one snapshot: cannot differ unless the code does
            raise UserError("the audit trail changed while it was exported; export again")
        sha256, size = file_digest(written[0])
        head = result.head
        manifest = Manifest(
            format=fmt, sha256=sha256, size=size, records=count[0],
            first_seq=1 if head else 0, last_seq=head.seq if head else 0,
            head_mac=head.mac if head else audit.GENESIS,
            exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            key_id=key.public.key_id)
        text = signed(manifest, key).decode("ascii")
        written.append(_write_private(target.parent, target.name + ".manifest",
                                      lambda fh: fh.write(text)))
        # Two renames cannot be one step: the old manifest goes first, so a crash between
        # them leaves an export without a manifest ("no manifest" from verify-export), never
        # a new export beside an old manifest (read as a changed file: a false alarm).
        manifest_path(target).unlink(missing_ok=True)
        os.replace(written[0], target)
        os.replace(written[1], manifest_path(target))
        return manifest
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def signing_key_retired_at(session: Session, key_id: str) -> int | None:
    """The seq of the record that retired this export signing key, if one did."""
    rows = session.execute(select(AuditRecord.seq, AuditRecord.detail).where(
        AuditRecord.action == _SIGNING_ROTATED).order_by(AuditRecord.seq))
    return next((seq for seq, detail in rows if _retired_key(detail) == key_id), None)


def _retired_key(detail: object) -> str | None:
    """The old_key_id of a signing key rotation record's detail (JSON text), if any."""
    try:
        value = json.loads(detail) if isinstance(detail, str) else None
    except ValueError:
        return None
    old = value.get("old_key_id") if isinstance(value, dict) else None
    return old if isinstance(old, str) else None


@dataclass(frozen=True)
class ExportCheck:
    manifest: Manifest | None
    problems: list[str]


def read_manifest(path: Path) -> SignedManifest:
    """The manifest file, split; UserError (bad input, exit 2) when it is not one."""
    with os.fdopen(open_checked(path, os.O_RDONLY), "rb") as fh:
        data = fh.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise UserError(f"{path} is not an export manifest: over {MAX_MANIFEST_BYTES:,} bytes")
    try:
        return SignedManifest.split(data)
    except ValueError as exc:
        raise UserError(f"{path} is not an export manifest: {exc}") from None


def check_export(path: Path, manifest: SignedManifest, keys: list[PublicKey],
                 anchor: audit.Anchor | None = None) -> ExportCheck:
    """Every reason to distrust ``path``, one line each; none means it is what the holder of
    one of ``keys`` exported. Nothing from beside the file is trusted: the keys are the
    caller's, and the manifest counts only once its signature verifies with one of them."""
    verified, reason = manifest.verified(keys)
    if verified is None:
        return ExportCheck(None, [reason])
    problems: list[str] = []
    sha256, size = file_digest(path)
    if (sha256, size) != (verified.sha256, verified.size):
        problems.append(f"the file's SHA-256 is {sha256[:16]}... ({size:,} bytes), the manifest "
                        f"signs {verified.sha256[:16]}... ({verified.size:,} bytes): the file "
                        "was changed, or the manifest is another export's")
    seen: dict[int, str] = {}
    retired: list[int] = []
    links = _remember(_links(path, verified.format), seen, anchor, verified.key_id, retired)
    problems += link_problems(links, verified)
    if retired:
        # An export is signed with the key in force when it is made, so after a rotation
        # by the new key. One whose own records retire the key that signed it was signed by
        # a copy that outlived the rotation (a backup, a leaver): before, with every public
        # key given (`audit public-key --all`, as the help says), it verified (an outside
        # review, session 46). A copy can still sign a trail it cut before that record:
        # docs/security.md says what only an anchor or an earlier export proves.
        problems.insert(0, f"record #{retired[0]} in this export retired signing key "
                        f"{verified.key_id}, the key that signed its manifest: an export made "
                        "after a rotation is signed by the new key, so a copy of the retired "
                        "key signed this one")
    if anchor is not None and seen.get(anchor.seq) != anchor.mac:
        problems.append(f"record #{anchor.seq} is not in the export" if anchor.seq not in seen
                        else f"record #{anchor.seq} is not the one anchored as {anchor}: the "
                        "trail was rewritten before this export")
    return ExportCheck(verified, capped(problems))


def _remember(links: Iterator[Link | str], seen: dict[int, str], anchor: audit.Anchor | None,
              key_id: str, retired: list[int]) -> Iterator[Link | str]:
    for link in links:
        if anchor is not None and isinstance(link, Link) and link.seq == anchor.seq:
            seen[link.seq] = link.hash
        if isinstance(link, Link) and link.retires == key_id:
            retired.append(link.seq)
        yield link


class _LineTooLong(Exception):
    pass


def _bounded_lines(fh) -> Iterator[str]:  # noqa: ANN001 - a text file
    """The file's lines, none longer than _MAX_LINE: a file of one endless line, handed
    over as an export, must not be read into memory whole."""
    while line := fh.readline(_MAX_LINE + 1):
        if len(line) > _MAX_LINE:
            raise _LineTooLong
        yield line


def _links(path: Path, fmt: ExportFormat) -> Iterator[Link | str]:
    """Each record's place in the chain, or a line saying why a line is not a record."""
    try:
        with os.fdopen(open_checked(path, os.O_RDONLY), encoding="utf-8", newline="") as fh:
            if fmt is ExportFormat.JSONL:
                for number, line in enumerate(_bounded_lines(fh), 1):
                    yield _link(number, _json_record(line))
            else:
                yield from _csv_links(_bounded_lines(fh))
    except UnicodeDecodeError as exc:
        yield f"the file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x})"
    except _LineTooLong:
        yield f"a line is over {_MAX_LINE:,} characters: not an audit record; not read further"


def _json_record(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _csv_links(fh: Iterator[str]) -> Iterator[Link | str]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    reader = csv.reader(fh)
    try:
        header = next(reader, None)
        if header != list(audit.FIELDS):
            yield "line 1: not the header of an audit export"
            return
        for row in reader:
            values = dict(zip(audit.FIELDS, row, strict=False)) if len(row) == len(
                audit.FIELDS) else None
            yield _link(reader.line_num, values)
    except csv.Error as exc:
        yield f"line {reader.line_num}: not CSV ({exc})"


def _link(number: int, record: dict | None) -> Link | str:
    seq = record.get("seq") if record else None
    if isinstance(seq, str) and seq.isascii() and seq.isdigit():
        seq = int(seq)
    if type(seq) is not int or not all(isinstance(record.get(k), str)
                                       for k in ("prev_hash", "hash")):
        return f"line {number}: not an audit record"
    retires = (_retired_key(record.get("detail"))
               if record.get("action") == _SIGNING_ROTATED else None)
    return Link(number, seq, record["prev_hash"], record["hash"], retires)
