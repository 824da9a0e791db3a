"""Issue 14.3: the keyed chain, the anchor, the cross-checks and the CSV export.

Each test replays an attack by someone who can write to the database but does not hold
the audit key (a database administrator): rewrite an approver, delete a record, truncate
the tail together with ``audit_head``, re-chain with a key of their own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys

import pytest
from conftest import TEST_AUDIT_KEY, TEST_KEYS
from sqlalchemy import delete, select, update

from social_bot import audit
from social_bot.audit_key import AuditKeys
from social_bot.db.models import Approval, AuditHead, AuditRecord, Delivery, Post, Revision

OTHER_KEYS = AuditKeys.from_secret("not-the-practice-key-" + "9" * 32)


def run(env, *args):  # noqa: ANN001, ANN201
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def write_records(db, count=5) -> None:
    for n in range(count):
        with db.write() as session:
            audit.append(session, actor=f"staff{n}", action="post.note", post_id=n + 1,
                         detail={"n": n})


def verify(db, **kwargs) -> audit.VerifyResult:
    with db.read() as session:
        return audit.verify(session, **kwargs)


def rechain(db, keys: AuditKeys) -> None:
    """What an attacker with database access but another key does after an edit: recompute
    every MAC from the first record on, and the head."""
    with db.write() as session:
        prev = audit.GENESIS
        for record in session.scalars(select(AuditRecord).order_by(AuditRecord.id)):
            fields = {name: getattr(record, name) for name in audit.FIELDS}
            fields["at"] = record.at.isoformat(timespec="microseconds")
            fields["prev_hash"], fields["key_id"] = prev, keys.current_id
            record.prev_hash, record.key_id = prev, keys.current_id
            record.hash = prev = audit.record_mac(fields, keys.current)
            session.flush()
        head = session.get(AuditHead, 1)
        head.hash = prev


def test_records_carry_a_keyed_mac(db):
    write_records(db, 2)
    with db.read() as session:
        records = session.scalars(select(AuditRecord)).all()
        assert all(r.key_id == TEST_KEYS.current_id for r in records)
        assert all(audit.record_intact(r, TEST_KEYS) for r in records)
        assert not any(audit.record_intact(r, OTHER_KEYS) for r in records)
    assert verify(db).ok


def test_rewritten_approver_and_rechained_with_another_key_is_caught(db):
    write_records(db)
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 3)
                        .values(actor="Mallory"))
    rechain(db, OTHER_KEYS)
    result = verify(db)
    assert not result.ok and "#1" in result.problem and "not configured" in result.problem


def test_rewrite_with_the_key_id_kept_is_caught_by_the_mac(db):
    write_records(db)
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 3)
                        .values(actor="Mallory"))
    # Re-chained under a forged key that claims the practice key's id.
    forged = AuditKeys(OTHER_KEYS.current)
    with db.write() as session:
        prev = audit.GENESIS
        for record in session.scalars(select(AuditRecord).order_by(AuditRecord.id)):
            fields = {name: getattr(record, name) for name in audit.FIELDS}
            fields["at"] = record.at.isoformat(timespec="microseconds")
            fields["prev_hash"] = prev
            record.prev_hash = prev
            record.hash = prev = audit.record_mac(fields, forged.current)
            session.flush()
        session.get(AuditHead, 1).hash = prev
    result = verify(db)
    assert not result.ok and "#1" in result.problem and "MAC" in result.problem


def test_deleted_record_and_rechained_is_caught(db):
    write_records(db)
    with db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.seq == 2))
        session.execute(update(AuditRecord).where(AuditRecord.seq > 2)
                        .values(seq=AuditRecord.seq - 1))
        session.execute(update(AuditHead).values(seq=4))
    rechain(db, OTHER_KEYS)
    assert not verify(db).ok


def test_truncated_tail_and_head_is_caught_by_the_anchor(db):
    write_records(db, 5)
    anchor = verify(db).head
    assert anchor is not None and anchor.seq == 5
    with db.write() as session:
        last_kept = session.scalars(select(AuditRecord).where(AuditRecord.seq == 3)).one()
        session.execute(delete(AuditRecord).where(AuditRecord.seq > 3))
        session.execute(update(AuditHead).values(seq=3, hash=last_kept.hash))
    # Without the anchor the shorter chain is self-consistent ...
    assert verify(db).ok
    # ... with it, the removal shows.
    result = verify(db, anchor=anchor)
    assert not result.ok and "#5" in result.problem and "removed" in result.problem


def test_anchor_catches_a_rewrite_before_it_even_with_the_key(db):
    write_records(db, 5)
    anchor = verify(db).head
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 2)
                        .values(actor="Mallory"))
    rechain(db, TEST_KEYS)  # someone who also stole the key
    assert verify(db).ok
    result = verify(db, anchor=anchor)
    assert not result.ok and "anchored" in result.problem


def test_anchor_parse():
    assert audit.Anchor.parse("12:" + "a" * 64) == audit.Anchor(12, "a" * 64)
    for bad in ("12", "x:" + "a" * 64, "3:abc", "3:" + "g" * 64):
        with pytest.raises(ValueError):
            audit.Anchor.parse(bad)


def test_unkeyed_record_after_keyed_ones_is_caught(db):
    write_records(db, 3)
    with db.write() as session:
        record = session.scalars(select(AuditRecord).where(AuditRecord.seq == 3)).one()
        fields = {c: getattr(record, c) for c in audit.FIELDS}
        fields["at"] = record.at.isoformat(timespec="microseconds")
        fields["actor"] = "Mallory"
        record.actor, record.key_id, record.hash = "Mallory", None, audit.record_hash(fields)
        session.get(AuditHead, 1).hash = record.hash
    result = verify(db)
    assert not result.ok and "unkeyed" in result.problem


def as_unkeyed(session, records, edit=lambda record: None) -> str:  # noqa: ANN001
    """Rechain these records from the start as the unkeyed code wrote them (plain SHA-256,
    which anyone can compute), after ``edit``; the last hash."""
    prev = audit.GENESIS
    for record in records:
        edit(record)
        fields = {c: getattr(record, c) for c in audit.FIELDS}
        fields["at"] = record.at.isoformat(timespec="microseconds")
        fields["prev_hash"] = prev
        record.prev_hash, record.key_id = prev, None
        record.hash = prev = audit.record_hash(fields)
        session.flush()
    return prev


def _legacy_chain(db, count: int) -> None:
    """Records as the unkeyed code wrote them before this change."""
    with db.write() as session:
        records = [audit.append(session, actor=f"old{n}", action="post.note")
                   for n in range(count)]
        session.get(AuditHead, 1).hash = as_unkeyed(session, records)


def test_legacy_chain_is_sealed_by_init_and_then_protected(db, tmp_path):
    from social_bot.settings import load_settings
    from social_bot.storage import init_storage

    _legacy_chain(db, 3)
    result = verify(db)
    assert not result.ok and "run `socialbot init`" in result.problem
    settings = load_settings({"DATABASE_URL": db.url, "SOCIALBOT_DATA_DIR": str(tmp_path / "d"),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY}, dotenv=False)
    report = init_storage(settings)
    report.db.dispose()
    assert any("sealed" in note for note in report.notes)
    assert verify(db).ok
    with db.read() as session:
        seal = session.scalars(select(AuditRecord).where(AuditRecord.seq == 4)).one()
    assert seal.action == "audit.keyed" and json.loads(seal.detail)["legacy_records"] == 3
    # A legacy record rewritten (and its unkeyed successors recomputed) after the seal:
    def mallory(record: AuditRecord) -> None:
        if record.seq == 1:
            record.actor = "Mallory"

    with db.write() as session:
        as_unkeyed(session, list(session.scalars(select(AuditRecord).where(
            AuditRecord.key_id.is_(None)).order_by(AuditRecord.id))), mallory)
    assert not verify(db).ok


def _approved_post(make_app):
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    draft = prepare_draft(app, "Flu shots on Saturday at the clinic.", ["x"])
    post_id = create_post(app, Staff("Pat Author", "pat"), draft)
    approve(app, VerifiedIdentity("slack", "U01DANA"), post_id)
    return app, post_id


def test_approval_row_without_audit_record_is_caught(make_app, db):
    app, post_id = _approved_post(make_app)
    assert verify(db).ok
    with db.write() as session:
        revision = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        session.add(Approval(post_id=post_id, revision_id=revision.id,
                             content_hash=revision.content_hash, approver="Luis Ortega",
                             identity="slack:U02LUIS", ordinal=2))
    result = verify(db)
    assert not result.ok and "slack:U02LUIS" in result.problem and "no audit record" in \
        result.problem


def test_audit_record_without_approval_row_is_caught(make_app, db):
    app, post_id = _approved_post(make_app)
    with db.write() as session:
        session.execute(delete(Approval).where(Approval.post_id == post_id))
    result = verify(db)
    assert not result.ok and "not in the database" in result.problem


def test_published_delivery_without_audit_record_is_caught(make_app, db):
    app, post_id = _approved_post(make_app)
    with db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(status="published"))
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(status="published", remote_id="123"))
    result = verify(db)
    assert not result.ok and "published delivery" in result.problem


def test_csv_export_neutralises_formulas(db):
    for text in ("=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx", "fine"):
        with db.write() as session:
            audit.append(session, actor=text, action="post.note")
    with db.read() as session:
        rows = list(csv.DictReader(io.StringIO(audit.export_text(session, "csv"), newline="")))
    actors = [r["actor"] for r in rows]
    assert actors[:6] == ["'=HYPERLINK(\"http://evil\")", "'+1+1", "'-2", "'@SUM(A1)",
                          "'\tx", "'\rx"]
    assert actors[6] == "fine"


def test_cli_anchor_then_verify_with_it(cli_env, db):
    write_records(db, 4)
    anchored = run(cli_env, "audit", "anchor")
    assert anchored.returncode == 0, anchored.stderr
    anchor = anchored.stdout.strip()
    assert anchor.startswith("4:")
    ok = run(cli_env, "audit", "verify", "--anchor", anchor)
    assert ok.returncode == 0 and "intact" in ok.stdout
    with db.write() as session:
        kept = session.scalars(select(AuditRecord).where(AuditRecord.seq == 2)).one()
        session.execute(delete(AuditRecord).where(AuditRecord.seq > 2))
        session.execute(update(AuditHead).values(seq=2, hash=kept.hash))
    broken = run(cli_env, "audit", "verify", "--anchor", anchor)
    assert broken.returncode == 1 and "removed" in broken.stderr
    bad = run(cli_env, "audit", "verify", "--anchor", "nonsense")
    assert bad.returncode == 2 and bad.stderr.startswith("error:")


def test_cli_without_a_key_refuses_with_one_line(cli_env, db):
    env = {k: v for k, v in cli_env.items() if k != "SOCIALBOT_AUDIT_KEY"}
    done = run(env, "audit", "verify")
    assert done.returncode == 2 and done.stderr.startswith("error: no audit key")
    assert "Traceback" not in done.stderr


# Its own fresh SQLite database, whatever the back end: one run is enough.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_init_creates_a_private_key_file_and_export_is_private(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "SOCIALBOT_AUDIT_KEY"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.db'}"
    done = run(env, "init")
    assert done.returncode == 0, done.stderr
    key = tmp_path / "data" / "audit.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    again = run(env, "init")  # safe to run again: the key is kept
    assert again.returncode == 0 and "audit key created" not in again.stderr
    out = tmp_path / "export.csv"
    assert run(env, "audit", "export", "--format", "csv", "-o", str(out)).returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


# The test makes its own SQLite database (a fresh one, whose key `init` creates), so a
# PostgreSQL run of it would repeat the SQLite one: run once.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_rotated_key_still_verifies_old_records(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "SOCIALBOT_AUDIT_KEY"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'rot.db'}"
    assert run(env, "init").returncode == 0
    assert run(env, "post", "create", "--text", "Flu shots on Saturday.", "--platform",
               "x").returncode == 0
    rotated = run(env, "audit", "rotate-key")
    assert rotated.returncode == 0, rotated.stderr
    assert len(list((tmp_path / "data").glob("audit.key.*.retired"))) == 1
    verified = run(env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
