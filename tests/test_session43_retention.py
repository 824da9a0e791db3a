"""Retention, from an outside review (session 43): a purge empties the dismissals of the
revisions it purges; settled comments lose their text and author after the monitoring
window plus [retention] comments_days, or at once with `socialbot comments purge ID`; the
purged text leaves SQLite's -wal file and PostgreSQL's old row versions; a purge leaves an
image file used within the grace period alone; `post show` of a purged post says what is
true of its images."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, select, text
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from adapters.base import Gone
from policies.config import RetentionPolicy
from policies.moderation.policy import Flag
from social_bot import audit
from social_bot.comment_retention import (
    purge_comment,
    purge_expired_comments,
    reads_the_same,
)
from social_bot.comments import apply_decision, list_comments, resolve_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Comment, Delivery, Dismissal, utcnow
from social_bot.dismissals import dismiss
from social_bot.domain import CommentAction
from social_bot.errors import UserError
from social_bot.posts import Staff, create_post, prepare_draft, show_post
from social_bot.retention import (
    MEDIA_GRACE,
    purge_expired,
    purge_post,
    sweep_orphan_media,
)

AUTHOR = Staff("Pat Author", "pat")
PATIENT = "Thaddeus Quillfeather"
RECORD = "MRN 55021944"
CAPTION = f"Congratulations to {PATIENT} on finishing radiation therapy with us! {RECORD}."
NOTE = "Thaddeus is the name of the lab's goldfish, not a patient (cell 253-555-0147)"


def name_and_record_screen(texts, context="post"):  # noqa: ANN001, ANN201
    """Blocks the made-up patient's name and record number wherever they appear."""
    results = []
    for body in texts:
        found = []
        for category, span in (("name", PATIENT), ("mrn", RECORD)):
            start = body.find(span)
            if start >= 0:
                found.append(SimpleNamespace(
                    category=category, start=start, end=start + len(span), text=span,
                    severity="block", score=1.0, rule="test", reason=f"a {category}",
                    redaction=f"[{category}]"))
        results.append(found)
    return results


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def image_file(tmp_path: Path, name: str, colour: tuple[int, int, int]) -> str:
    from PIL import Image

    path = tmp_path / f"{name}.png"
    Image.new("RGB", (40, 30), colour).save(path)
    return str(path)


def age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


# --- finding 1: a dismissal's text and note go with the purge ------------------------------


def dismissed_then_blocked(app) -> int:  # noqa: ANN001
    """A post blocked on a name and a record number; the name dismissed with a note, so the
    record number still blocks it."""
    post_id = create_post(app, AUTHOR, prepare_draft(app, CAPTION, ["x"]))
    dismiss(app, AUTHOR, post_id, "F1", "not_a_person", note=NOTE)
    assert show_post(app, post_id)["status"] == "blocked_phi"
    return post_id


@pytest.mark.parametrize("how", ["purge", "retention"])
def test_purge_empties_the_dismissal_text_and_note(make_app, how):  # noqa: ANN001
    app = make_app(screener=name_and_record_screen)
    post_id = dismissed_then_blocked(app)
    if how == "purge":
        assert purge_post(app, post_id, AUTHOR).cancelled
    else:
        assert [p.post_id for p in purge_expired(app, now=utcnow() + timedelta(days=31))] \
            == [post_id]
    with app.db.read() as session:
        (row,) = session.scalars(select(Dismissal)).all()
        assert (row.text, row.note) == ("", None)
        assert (row.reason, row.category) == ("not_a_person", "name")  # the decision stays
        purged = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "revision.purged")).one()
        assert json.loads(purged.detail)["dismissals"] == 1
        assert audit.verify(session).ok
    detail = show_post(app, post_id)
    assert detail["status"] == "cancelled"
    (view,) = [f for f in detail["findings"] if f["dismissal"]]
    assert view["dismissal"]["note"] is None and view["text"] == ""


def test_post_show_of_a_purged_post_prints_no_note(cli_env, make_app):  # noqa: ANN001
    app = make_app(screener=name_and_record_screen)
    post_id = dismissed_then_blocked(app)
    purge_post(app, post_id, AUTHOR)
    for args in (("post", "show", str(post_id)), ("post", "show", str(post_id), "--json")):
        shown = run_cli(cli_env, *args)
        assert shown.returncode == 0, shown.stderr
        assert "goldfish" not in shown.stdout and "Thaddeus" not in shown.stdout
    plain = run_cli(cli_env, "post", "show", str(post_id)).stdout
    assert "dismissed by" in plain and "text purged" in plain


def test_the_migration_empties_dismissals_purged_before_it(tmp_path):  # noqa: ANN001
    """A database purged by the old code still held the dismissal's span and note: the
    retention3 migration empties them (and leaves a live revision's dismissal alone)."""
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    database = Database(url)
    upgrade(database, "accounts2")
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO posts (id, status, author, current_revision, created_at, updated_at)"
            " VALUES (1, 'cancelled', 'pat', 1, '2026-01-01', '2026-01-01'),"
            " (2, 'blocked_phi', 'pat', 1, '2026-01-01', '2026-01-01')"))
        conn.execute(text(
            "INSERT INTO revisions (id, post_id, number, text, platforms, media, content_hash,"
            " created_by, purged_at, created_at) VALUES"
            " (1, 1, 1, '', '[\"x\"]', '[]', 'aa', 'pat', '2026-02-01', '2026-01-01'),"
            " (2, 2, 1, :caption, '[\"x\"]', '[]', 'bb', 'pat', NULL, '2026-01-01')"),
            {"caption": CAPTION})
        for n in (1, 2):
            conn.execute(text(
                "INSERT INTO findings (id, revision_id, category, start, \"end\", text,"
                " severity, score, rule, reason, redaction, source) VALUES"
                " (:n, :n, 'name', 18, 39, :span, 'block', 1.0, 't', '', '', 'text')"),
                {"n": n, "span": "" if n == 1 else PATIENT})
            conn.execute(text(
                "INSERT INTO finding_dismissals (id, finding_id, post_id, revision, category,"
                " source, start, \"end\", text, reason, note, dismissed_by, created_at) VALUES"
                " (:n, :n, :n, 1, 'name', 'text', 18, 39, :span, 'not_a_person', :note,"
                " 'pat', '2026-01-01')"), {"n": n, "span": PATIENT, "note": NOTE})
    upgrade(database)
    with database.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT id, text, note FROM finding_dismissals ORDER BY id")).all()
    database.dispose()
    assert [tuple(r) for r in rows] == [(1, "", None), (2, PATIENT, NOTE)]


# --- finding 3: comments are purged ---------------------------------------------------------

PHI_COMMENT = "Saw Marguerite Oyelaran-Fitch in the chemo ward on Tuesday, hope she recovers"
HIDE_ME = "Is Desmond Achterberg still on dialysis with you? He was my neighbour"
KIND = "Lovely open house, thank you all"
GONE = "Bartholomew Quince told me his biopsy results came back from your lab"
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)


class StubClassifier:
    """Flags a comment as PHI when it names someone (the words above), nothing else."""

    def classify_many(self, texts):  # noqa: ANN001, ANN201
        return [[Flag("phi", 0.99, f"Names someone's care: {t.split()[1]}")]
                if t in (PHI_COMMENT, HIDE_ME, GONE) else [] for t in texts]


class GoneAdapter:
    """A platform where the comment was already deleted by its author."""

    def delete_comment(self, comment_id, post_id=None, parent_id=None):  # noqa: ANN001, ANN201
        raise Gone("no such comment")


def comments_by_text(app) -> dict[str, Comment]:  # noqa: ANN001
    with app.db.read() as session:
        return {c.text: c for c in session.scalars(select(Comment))}


def commented_post(app):  # noqa: ANN001, ANN201
    """A post published on X and LinkedIn with four comments, polled once:
    PHI_COMMENT (X, hidden by the policy, waiting), HIDE_ME (X, hidden by the policy, then
    hidden by a person: settled), KIND (LinkedIn, nothing flagged: settled), GONE (LinkedIn,
    flagged; the commenter deleted it: settled). Returns (post id, platforms, monitor, ids)."""
    platforms = FakePlatforms(["x", "linkedin"])
    post_id = approved_post(app, "Open house on Friday at the clinic", ["x", "linkedin"])
    publisher = Publisher(app, platforms, "w1", CONFIG)
    for name in ("x", "linkedin"):
        publisher.run_lane(name)
    remote = {d["platform"]: d["remote_id"] for d in show_post(app, post_id)["deliveries"]}
    platforms["x"].add_comment(remote["x"], PHI_COMMENT, "Ottoline Brandywine")
    platforms["x"].add_comment(remote["x"], HIDE_ME, "Cornelius Whitlock")
    platforms["linkedin"].add_comment(remote["linkedin"], KIND, "Philippa Dunmore")
    platforms["linkedin"].add_comment(remote["linkedin"], GONE, "Ambrose Tillingham")
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, classifier=StubClassifier(), clock=clock)
    for name in ("x", "linkedin"):
        monitor.run_platform(name)
    ids = {t: c.id for t, c in comments_by_text(app).items()}
    resolve_comment(app, "Dana Whitfield", ids[HIDE_ME], "hide", adapters=platforms)
    apply_decision(app, ids[GONE], CommentAction.DELETE, "Dana Whitfield", GoneAdapter())
    states = {t: (c.state, c.resolved_at is not None) for t, c in comments_by_text(app).items()}
    assert states == {PHI_COMMENT: ("hidden", False), HIDE_ME: ("hidden", True),
                      KIND: ("new", False), GONE: ("deleted", False)}
    return post_id, platforms, monitor, ids


def stored(app, comment_id: int) -> Comment:  # noqa: ANN001
    with app.db.read() as session:
        return session.get(Comment, comment_id)


def test_settled_comments_are_purged_after_the_window_and_retention(make_app):  # noqa: ANN001
    app = make_app()
    post_id, _, _, ids = commented_post(app)
    window = app.policy.moderation.monitor_days + app.policy.retention.comments_days
    assert purge_expired_comments(app, now=utcnow() + timedelta(days=window - 1)) == []
    done = purge_expired_comments(app, now=utcnow() + timedelta(days=window + 1))
    assert [(d.post_id, sorted(d.comment_ids)) for d in done] == \
        [(post_id, sorted([ids[HIDE_ME], ids[KIND], ids[GONE]]))]
    for words in (HIDE_ME, KIND, GONE):
        row = stored(app, ids[words])
        assert (row.text, row.author) == ("", "") and row.purged_at is not None
        assert row.remote_id and row.text_digest
        assert all("reason" not in f for f in row.flags)
    assert {f["flag"] for f in stored(app, ids[GONE]).flags} == {"phi"}
    waiting = stored(app, ids[PHI_COMMENT])  # hidden by the policy: a person must decide
    assert (waiting.text, waiting.author) == (PHI_COMMENT, "Ottoline Brandywine")
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "comments.purged")).one()
        assert audit.verify(session).ok
    for words in ("Desmond", "Cornelius", "Philippa", "Bartholomew", "Ambrose", "lovely"):
        assert words.lower() not in record.detail.lower()
    assert json.loads(record.detail)["comments"] == 3
    listed = {c["id"]: c for c in list_comments(app)}
    assert listed[ids[KIND]]["purged"] and listed[ids[KIND]]["text"] == ""


def test_zero_comment_days_keeps_comments(make_app):  # noqa: ANN001
    from dataclasses import replace

    app = make_app()
    commented_post(app)
    app._policy = replace(app.policy, retention=RetentionPolicy(comments_days=0))
    assert purge_expired_comments(app, now=utcnow() + timedelta(days=3650)) == []


def test_a_purged_comment_read_again_is_not_stored_again(make_app):  # noqa: ANN001
    """Purged at once while the post is still watched: the next poll, even one that reads
    every comment again from the start, stores nothing and brings no words back."""
    app = make_app()
    _, _, monitor, ids = commented_post(app)
    purge_comment(app, ids[KIND], AUTHOR)
    with app.db.write() as session:  # as if the cursor had not been saved
        session.execute(Delivery.__table__.update().values(comment_cursor=None))
    monitor.clock.advance(31)
    assert monitor.run_platform("linkedin").stored == 0
    row = stored(app, ids[KIND])
    assert (row.text, row.author) == ("", "")
    keys = app.db.audit_keys
    assert reads_the_same(keys, row, KIND) and not reads_the_same(keys, row, KIND + "!")


def test_a_comment_waiting_for_a_person_is_not_purged_on_request(make_app):  # noqa: ANN001
    app = make_app()
    _, _, _, ids = commented_post(app)
    with pytest.raises(UserError, match="waits for a person's decision"):
        purge_comment(app, ids[PHI_COMMENT], AUTHOR)
    assert stored(app, ids[PHI_COMMENT]).text == PHI_COMMENT
    purge_comment(app, ids[GONE], AUTHOR)
    with pytest.raises(UserError, match="already purged"):
        purge_comment(app, ids[GONE], AUTHOR)


def test_cli_comments_purge(cli_env, make_app):  # noqa: ANN001
    app = make_app()
    _, _, _, ids = commented_post(app)
    refused = run_cli(cli_env, "comments", "purge", str(ids[PHI_COMMENT]))
    assert refused.returncode == 2 and refused.stderr.startswith("error:")
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    done = run_cli(cli_env, "comments", "purge", str(ids[GONE]))
    assert done.returncode == 0 and "purged" in done.stderr, done.stderr
    missing = run_cli(cli_env, "comments", "purge", "999999")
    assert missing.returncode == 2 and "no comment" in missing.stderr
    listed = run_cli(cli_env, "comments", "list")
    assert "Bartholomew" not in listed.stdout and "Ambrose" not in listed.stdout
    assert "(purged)" in listed.stdout


def test_retention_settings_are_checked():
    with pytest.raises(ValueError, match="comments_days"):
        RetentionPolicy.from_toml({"comments_days": -3})
    with pytest.raises(ValueError, match="unknown key"):
        RetentionPolicy.from_toml({"comment_days": 7})
    assert RetentionPolicy.from_toml({"comments_days": 7}).comments_days == 7


# --- finding 5: the purged text leaves the files -------------------------------------------


def test_sqlite_purge_leaves_no_copy_in_the_wal(make_app, database_url):  # noqa: ANN001
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite files")
    app = make_app(screener=name_and_record_screen)
    with app.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    path = Path(app.db.engine.url.database)
    daemon = sqlite3.connect(path)  # a daemon's connection stays open: the -wal stays
    try:
        daemon.execute("SELECT count(*) FROM posts").fetchall()
        post_id = dismissed_then_blocked(app)
        wal = Path(f"{path}-wal")
        assert PATIENT.encode() in wal.read_bytes()
        done = purge_post(app, post_id, AUTHOR)
        for file in (path, wal):
            data = file.read_bytes() if file.exists() else b""
            assert PATIENT.encode() not in data and b"goldfish" not in data, file.name
        assert done.scrub_note is None
    finally:
        daemon.close()


def table_files(url: str, tables: tuple[str, ...]) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT relname, relfilenode FROM pg_class WHERE relname = ANY(:t)"),
            {"t": list(tables)}).all()
    engine.dispose()
    return {name: node for name, node in rows}


def test_postgresql_purge_rewrites_the_touched_tables(make_app, database_url):  # noqa: ANN001
    """VACUUM FULL: a new file for each table (a plain VACUUM left the purged name's bytes
    in the page's free space)."""
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL")
    tables = ("revisions", "findings", "finding_dismissals")
    app = make_app(screener=name_and_record_screen)
    post_id = dismissed_then_blocked(app)
    before = table_files(database_url, tables)
    done = purge_post(app, post_id, AUTHOR)
    after = table_files(database_url, tables)
    assert all(after[t] != before[t] for t in tables), (before, after)
    assert done.scrub_note is None
    pool = app.db.engine.pool  # every pooled connection is as it was, the scrub's too
    pooled = [app.db.engine.connect() for _ in range(pool.checkedin())]
    try:
        assert pooled and all(c.exec_driver_sql("SHOW lock_timeout").scalar() == "0"
                              for c in pooled)
    finally:
        for conn in pooled:
            conn.close()


def test_postgresql_vacuum_not_permitted_is_said(database_url):  # noqa: ANN001
    """A database user that does not own the tables: the purge stands, the note says why
    the old row versions stay."""
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL")
    from sqlalchemy.engine import make_url

    from social_bot.db.engine import Database

    role = f"sb_noowner_{os.getpid()}"
    owner = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT SELECT, UPDATE ON comments TO "{role}"'))
    limited = Database(make_url(database_url).set(username=role, password=None)
                       .render_as_string(hide_password=False))
    try:
        note = limited.scrub(("comments",))
    finally:
        limited.dispose()
        with owner.connect() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        owner.dispose()
    assert note is not None and "not permitted" in note and "comments" in note


# --- finding 4: a purge leaves an image a post being created may use -----------------------


def test_purge_leaves_an_image_another_post_is_being_created_with(make_app, tmp_path):  # noqa: ANN001
    app = make_app()
    image = image_file(tmp_path, "flowers", (20, 110, 190))
    blocked = create_post(app, AUTHOR, prepare_draft(
        app, "Get well soon SSN-LIKE from all of us", ["x"], media=[image], alts=["flowers"]))
    stored_file = Path(show_post(app, blocked)["media"][0]["path"])
    age(stored_file, 3 * 3600)  # attached hours ago
    draft = prepare_draft(app, "Flu shots all week at the clinic", ["x"], media=[image])
    touched = time.time() - stored_file.stat().st_mtime
    done = purge_post(app, blocked, AUTHOR)  # while the new post is still being screened
    new = create_post(app, AUTHOR, draft)
    assert Path(show_post(app, new)["media"][0]["path"]).is_file()
    assert touched < 60  # reused: touched, so the purge saw it as in use
    assert (done.media_removed, done.media_deferred) == (0, 1)


def test_a_file_left_for_the_grace_period_goes_on_a_later_pass(make_app, tmp_path):  # noqa: ANN001
    app = make_app()
    image = image_file(tmp_path, "card", (200, 40, 90))
    blocked = create_post(app, AUTHOR, prepare_draft(
        app, "Get well soon SSN-LIKE from all of us", ["x"], media=[image]))
    stored_file = Path(show_post(app, blocked)["media"][0]["path"])
    assert purge_post(app, blocked, AUTHOR).media_deferred == 1
    assert sweep_orphan_media(app) == 0 and stored_file.is_file()  # still in its grace
    age(stored_file, MEDIA_GRACE.total_seconds() + 60)
    assert sweep_orphan_media(app) == 1 and not stored_file.exists()


# --- finding 6: what `post show` says of a purged post's image -----------------------------


def test_post_show_of_a_purged_post_with_an_image(cli_env, make_app, tmp_path):  # noqa: ANN001
    app = make_app()
    image = image_file(tmp_path, "poster", (90, 160, 60))
    blocked = create_post(app, AUTHOR, prepare_draft(
        app, "Get well soon SSN-LIKE from all of us", ["x"], media=[image]))
    age(Path(show_post(app, blocked)["media"][0]["path"]), 2 * 3600)
    assert purge_post(app, blocked, AUTHOR).media_removed == 1
    shown = run_cli(cli_env, "post", "show", str(blocked))
    assert shown.returncode == 0, shown.stderr
    assert "cleaned copy (what is published)" not in shown.stdout
    assert "no alt text" not in shown.stdout and "--alt" not in shown.stdout
    assert "purged with the text" in shown.stdout
