"""The hash chain catches an edited, removed or out-of-order record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import delete, select, update

from social_bot import audit
from social_bot.db.models import AuditRecord


def write_records(db, count=5) -> None:
    for n in range(count):
        with db.write() as session:
            # post.note: records of no table's row (verify compares post.created with the
            # revision it wrote since session 44)
            audit.append(session, actor=f"staff{n}", action="post.note", post_id=n + 1,
                         revision=1, revision_hash="ab" * 32, detail={"n": n})


def verify(db) -> audit.VerifyResult:
    with db.read() as session:
        return audit.verify(session)


def test_intact_chain_verifies(db):
    write_records(db)
    result = verify(db)
    assert result.ok and result.checked == 5


def test_edited_record_is_named(db):
    write_records(db)
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 3)
                        .values(actor="someone else"))
    result = verify(db)
    assert not result.ok and "#3" in result.problem and "edited" in result.problem


def test_removed_record_is_named(db):
    write_records(db)
    with db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.seq == 2))
    result = verify(db)
    assert not result.ok and "#2 was removed" in result.problem


def test_removed_tail_is_caught(db):
    write_records(db)
    with db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.seq == 5))
    result = verify(db)
    assert not result.ok and "removed from the end" in result.problem


def test_record_inserted_out_of_order_is_named(db):
    write_records(db, 3)
    with db.write() as session:
        rows = session.scalars(select(AuditRecord).order_by(AuditRecord.seq)).all()
        # Re-insert record #2 after #3, as if history had been rewritten.
        moved = {c: getattr(rows[1], c) for c in audit.FIELDS}
        session.delete(rows[1])
        session.flush()
        session.add(AuditRecord(**moved))
    result = verify(db)
    assert not result.ok and "#3" in result.problem


def test_forged_record_with_recomputed_unkeyed_hash_is_caught(db):
    write_records(db)
    with db.write() as session:
        record = session.scalars(select(AuditRecord).where(AuditRecord.seq == 2)).one()
        fields = {c: getattr(record, c) for c in audit.FIELDS}
        fields["at"] = record.at.isoformat(timespec="microseconds")
        fields["actor"] = "forger"
        record.actor, record.hash = "forger", audit.record_hash(fields)
    result = verify(db)
    assert not result.ok and "#2" in result.problem and "edited" in result.problem


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_writes_every_record(db, fmt):
    write_records(db, 3)
    with db.read() as session:
        text = audit.export_text(session, fmt)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    assert [str(r["seq"]) for r in rows] == ["1", "2", "3"]
    assert rows[1]["prev_hash"] == rows[0]["hash"]
