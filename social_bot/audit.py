"""The audit trail: append-only records chained by hash, verified and exported."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from social_bot.db.models import AuditHead, AuditRecord, utcnow

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "os_user", "action", "post_id", "revision", "revision_hash",
          "detail", "prev_hash", "hash")


def record_hash(fields: Mapping[str, Any]) -> str:
    """The hash of one record's content and its predecessor's hash."""
    canonical = json.dumps(
        {k: fields[k] for k in FIELDS if k != "hash"}, sort_keys=True, ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="microseconds")


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    os_user: str | None = None,
    post_id: int | None = None,
    revision: int | None = None,
    revision_hash: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditRecord:
    """Write one record in the caller's transaction. Locking the head serialises writers."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    at = utcnow()
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "at": _iso(at),
        "actor": actor,
        "os_user": os_user,
        "action": action,
        "post_id": post_id,
        "revision": revision,
        "revision_hash": revision_hash,
        "detail": json.dumps(dict(detail or {}), sort_keys=True, ensure_ascii=False, default=str),
        "prev_hash": head.hash,
    }
    fields["hash"] = record_hash(fields)
    record = AuditRecord(**{**fields, "at": at})
    session.add(record)
    head.seq, head.hash = fields["seq"], fields["hash"]
    session.flush()
    return record


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""


def _rows(session: Session) -> Iterator[dict[str, Any]]:
    columns = [getattr(AuditRecord, name) for name in FIELDS]
    stmt = select(AuditRecord.id, *columns).order_by(AuditRecord.id).execution_options(
        yield_per=5000
    )
    for row in session.execute(stmt):
        values = row._asdict()
        values["at"] = _iso(values["at"])
        yield values


def verify(session: Session) -> VerifyResult:
    """Walk the chain in insertion order; name the first record that does not fit."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for row in _rows(session):
        where = f"audit record #{row['seq']} (row id {row['id']}, {row['action']})"
        if row["seq"] < expected_seq:
            return VerifyResult(False, checked, f"{where} was inserted out of order")
        if row["seq"] > expected_seq:
            return VerifyResult(
                False, checked, f"audit record #{expected_seq} was removed (next is {where})"
            )
        if row["prev_hash"] != prev_hash:
            return VerifyResult(False, checked, f"{where} does not follow the record before it")
        if record_hash(row) != row["hash"]:
            return VerifyResult(False, checked, f"{where} was edited after it was written")
        prev_hash, expected_seq, checked = row["hash"], expected_seq + 1, checked + 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != prev_hash:
        last = head.seq if head else "?"
        return VerifyResult(
            False, checked,
            f"the chain ends at record #{checked} but #{last} was written: records were removed "
            "from the end",
        )
    return VerifyResult(True, checked)


def export(session: Session, out: TextIO, fmt: str = "jsonl") -> int:
    count = 0
    if fmt == "jsonl":
        for row in _rows(session):
            row.pop("id")
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
        writer.writeheader()
        for row in _rows(session):
            row.pop("id")
            writer.writerow(row)
            count += 1
        return count
    raise ValueError(f"unknown export format {fmt!r}")


def export_text(session: Session, fmt: str = "jsonl") -> str:
    buffer = io.StringIO()
    export(session, buffer, fmt)
    return buffer.getvalue()
