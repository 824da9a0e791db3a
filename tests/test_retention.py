"""Issue 14, item 12: blocked drafts lose their text after [retention] blocked_days, or at
once with `socialbot post purge ID`; hashes and finding categories stay; all audited."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from policies.config import RetentionPolicy
from social_bot import audit
from social_bot.db.models import AuditRecord, Finding, Revision, utcnow
from social_bot.errors import UserError
from social_bot.posts import Staff, create_post, edit_post, prepare_draft, show_post
from social_bot.retention import purge_expired, purge_post

AUTHOR = Staff("pat", "pat")
SECRET_TEXT = "Get well soon SSN-LIKE from all of us"


def blocked_post(app) -> int:  # noqa: ANN001
    post_id = create_post(app, AUTHOR, prepare_draft(app, SECRET_TEXT, ["x"]))
    assert show_post(app, post_id)["status"] == "blocked_phi"
    return post_id


def stored_text(app, post_id):  # noqa: ANN001, ANN201
    with app.db.read() as session:
        revisions = session.scalars(select(Revision).where(Revision.post_id == post_id)
                                    .order_by(Revision.number)).all()
        findings = session.scalars(select(Finding).where(
            Finding.revision_id.in_([r.id for r in revisions]))).all()
        return ([(r.text, r.content_hash, r.purged_at is not None) for r in revisions],
                [(f.category, f.text, f.reason) for f in findings])


def test_purge_now_keeps_hash_and_categories_only(make_app):
    app = make_app()
    post_id = blocked_post(app)
    (before,), _ = stored_text(app, post_id)
    done = purge_post(app, post_id, AUTHOR)
    assert done.revisions == (1,) and done.cancelled
    (after,), findings = stored_text(app, post_id)
    assert after == ("", before[1], True)
    assert findings == [("ssn", "", "")]
    assert show_post(app, post_id)["status"] == "cancelled"
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "revision.purged")).one()
        assert json.loads(record.detail) == {"categories": ["ssn"], "why": "asked"}
        assert audit.verify(session).ok
    with pytest.raises(UserError, match="already purged"):
        purge_post(app, post_id, AUTHOR)


def test_retention_purges_after_the_configured_days(make_app):
    app = make_app()
    post_id = blocked_post(app)
    assert purge_expired(app, now=utcnow() + timedelta(days=29)) == []
    assert stored_text(app, post_id)[0][0][0] == SECRET_TEXT
    purged = purge_expired(app, now=utcnow() + timedelta(days=31))
    assert [p.post_id for p in purged] == [post_id]
    assert stored_text(app, post_id)[0][0][0] == ""


def test_superseded_blocked_revision_is_purged_and_the_post_goes_on(make_app):
    app = make_app()
    post_id = blocked_post(app)
    edit_post(app, AUTHOR, post_id, text="Get well soon from all of us")
    assert show_post(app, post_id)["status"] == "pending_approval"
    purge_expired(app, now=utcnow() + timedelta(days=31))
    revisions, _ = stored_text(app, post_id)
    assert revisions[0][0] == "" and revisions[1][0] == "Get well soon from all of us"
    assert show_post(app, post_id)["status"] == "pending_approval"


def test_zero_days_keeps_blocked_drafts(make_app):
    from dataclasses import replace

    app = make_app()
    app._policy = replace(app.policy, retention=RetentionPolicy(0))
    blocked_post(app)
    assert purge_expired(app, now=utcnow() + timedelta(days=3650)) == []


def test_bad_retention_setting_is_refused():
    with pytest.raises(ValueError, match="blocked_days"):
        RetentionPolicy.from_toml({"blocked_days": -1})


def test_cli_purge(cli_env, make_app):
    app = make_app()
    post_id = blocked_post(app)
    clean = create_post(app, AUTHOR, prepare_draft(app, "Flu shots Saturday", ["x"]))

    def run(*args):  # noqa: ANN002, ANN202
        return subprocess.run([sys.executable, "-m", "social_bot", "post", "purge", *args],
                              env=cli_env, capture_output=True, text=True, timeout=120)

    done = run(str(post_id))
    assert done.returncode == 0 and "purged" in done.stderr and "cancelled" in done.stderr
    refused = run(str(clean))
    assert refused.returncode == 2 and refused.stderr.startswith("error:") \
        and "nothing to purge" in refused.stderr


# --- media files go with the rows (both back ends) ------------------------------------


def image_file(tmp_path, name: str, colour: tuple[int, int, int]):  # noqa: ANN001, ANN201
    """A small plain image (no text, no face: the image screen passes it quickly)."""
    from PIL import Image

    path = tmp_path / f"{name}.png"
    Image.new("RGB", (48, 32), colour).save(path)
    return str(path)


def attached_hours_ago(app) -> None:  # noqa: ANN001
    """Every stored image last used two hours ago: past retention.MEDIA_GRACE, in which a
    purge leaves a file alone (a post being created may be about to use it)."""
    import os
    import time

    for path in app.media_dir.iterdir():
        os.utime(path, (time.time() - 7200, time.time() - 7200))


def stored_media(app, post_id: int) -> list[dict]:  # noqa: ANN001
    with app.db.read() as session:
        return [m for r in session.scalars(select(Revision).where(Revision.post_id == post_id)
                                           .order_by(Revision.number)) for m in r.media]


def test_purge_removes_media_files_nothing_else_uses(make_app, tmp_path):  # noqa: ANN001
    from pathlib import Path

    app = make_app()
    only = image_file(tmp_path, "only", (200, 30, 30))
    shared = image_file(tmp_path, "shared", (30, 30, 200))
    post_id = create_post(app, AUTHOR, prepare_draft(app, SECRET_TEXT, ["x"],
                                                     media=[only, shared],
                                                     alts=["a card for the ward", "flowers"]))
    assert show_post(app, post_id)["status"] == "blocked_phi"
    other = create_post(app, AUTHOR, prepare_draft(app, "Flu shots Saturday", ["x"],
                                                   media=[shared]))
    only_ref, shared_ref = stored_media(app, post_id)
    assert Path(only_ref["path"]).is_file() and Path(shared_ref["path"]).is_file()

    attached_hours_ago(app)
    done = purge_post(app, post_id, AUTHOR)
    assert done.media_removed == 1
    assert not Path(only_ref["path"]).exists()
    assert Path(shared_ref["path"]).is_file()  # still attached to the other post
    assert [m["sha256"] for m in stored_media(app, other)] == [shared_ref["sha256"]]
    after = stored_media(app, post_id)  # hashes stay; alt text (typed, maybe PHI) goes
    assert [m["sha256"] for m in after] == [only_ref["sha256"], shared_ref["sha256"]]
    assert all("alt" not in m for m in after)
    with app.db.read() as session:
        assert audit.verify(session).ok


def test_retention_removes_media_but_keeps_what_a_later_revision_kept(make_app, tmp_path):  # noqa: ANN001
    from pathlib import Path

    app = make_app()
    gone = image_file(tmp_path, "gone", (10, 160, 10))
    kept = image_file(tmp_path, "kept", (160, 160, 10))
    ended = create_post(app, AUTHOR, prepare_draft(app, SECRET_TEXT, ["x"], media=[gone]))
    edited = create_post(app, AUTHOR, prepare_draft(app, SECRET_TEXT, ["x"], media=[kept]))
    edit_post(app, AUTHOR, edited, text="Get well soon from all of us")  # keeps the image
    (gone_ref,) = stored_media(app, ended)
    kept_refs = stored_media(app, edited)
    assert len(kept_refs) == 2 and kept_refs[0]["sha256"] == kept_refs[1]["sha256"]

    attached_hours_ago(app)
    purged = purge_expired(app, now=utcnow() + timedelta(days=31))
    assert sorted((p.post_id, p.media_removed) for p in purged) == [(ended, 1), (edited, 0)]
    assert not Path(gone_ref["path"]).exists()
    assert Path(kept_refs[0]["path"]).is_file()
    assert show_post(app, edited)["status"] == "pending_approval"


def test_purge_deletes_only_socialbot_media_files(make_app, tmp_path):  # noqa: ANN001
    """A row's path is not trusted: only <sha256>.png|jpg in the media folder is removed."""
    from pathlib import Path

    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, SECRET_TEXT, ["x"], media=[image_file(tmp_path, "img", (90, 90, 90))]))
    bystander = tmp_path / "not-socialbot.png"
    bystander.write_bytes(b"someone else's file")
    with app.db.write() as session:
        revision = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        (ref,) = revision.media
        revision.media = [{**ref, "path": str(bystander), "sha256": "0" * 64}]
    assert purge_post(app, post_id, AUTHOR).media_removed == 0
    assert bystander.read_bytes() == b"someone else's file"
    assert Path(ref["path"]).is_file()  # a file the row no longer names is not guessed at
