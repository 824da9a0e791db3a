"""Session 52's attack review of approval and publishing (findings 4, 5 and 7): each test
here failed on the code before its fix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, LUIS, FakeAdapter
from test_session44_consent import CONFIG, PATIENT, _authorized, screener

from adapters import _deadline
from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.consents import revoke_consent
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Consent, Post, Revision
from social_bot.errors import Refused
from social_bot.posts import Staff, create_post, prepare_draft, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
DANA_AT_SHELL = Staff("Dana at the shell", "dana")  # an approver who also writes posts


# --- finding 5: the door judges writers by the keyed trail, as the publisher does ---------


def _written_by_dana_columns_say_pat(app) -> int:  # noqa: ANN001
    post_id = create_post(app, DANA_AT_SHELL,
                          prepare_draft(app, "Flu shots on Tuesdays from nine", ["x"]))
    # the author rewrites the writer columns with the database alone (no audit key)
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(author_os_user="pat"))
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(written_by="os:pat"))
    return post_id


def test_an_author_who_rewrote_the_writer_columns_cannot_approve(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, DANA, post_id)
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert not detail["revisions"][-1].get("approvals")  # nothing recorded, nothing sealed
    assert approve(app, LUIS, post_id).approvals == ["Luis Ortega"]


def test_an_author_who_rewrote_the_writer_columns_cannot_reject(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        reject(app, DANA, post_id, "not for us")
    assert show_post(app, post_id)["status"] == "pending_approval"


# --- finding 7: a revocation during a photo post's requests stops its last one -------------


class Uploads(FakeAdapter):
    """A photo post's requests (two uploads, then the one that makes the post public), each
    behind the fence the publisher installs, as a real adapter's connection runs it just
    before the request's first byte. ``between`` runs after the first upload."""

    between: Callable[[], None] = staticmethod(lambda: None)
    sent: list[str]

    def publish(self, text, media=(), **kwargs):  # noqa: ANN001, ANN003, ANN201
        self.sent = []
        for step in ("upload 1", "upload 2", "make public"):
            _deadline._local.before_send()
            self.sent.append(step)
            if step == "upload 1":
                self.between()
        return self._apply(text)


class Later:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _revoked_then_row_cleared(app, cid: int) -> None:  # noqa: ANN001
    """The revocation, then its row set back by someone with the database alone: the
    trail's `consent.revoked` record still stops the post."""
    revoke_consent(app, AUTHOR, cid, "the patient withdrew it")
    with app.db.write() as session:
        session.execute(update(Consent).values(revoked_at=None, revoked_by=None,
                                               revoke_reason=None))


@pytest.mark.parametrize("meanwhile", ["nothing", "revoked", "row cleared", "expired"])
def test_a_lapse_during_the_uploads_stops_the_request_that_makes_it_public(
        make_app, meanwhile: str) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    adapter = Uploads("facebook")
    clock = Later()
    cid, post_id = _authorized(app, ("facebook",))
    if meanwhile == "revoked":
        adapter.between = lambda: revoke_consent(app, AUTHOR, cid, "the patient withdrew it")
    elif meanwhile == "row cleared":
        adapter.between = lambda: _revoked_then_row_cleared(app, cid)
    elif meanwhile == "expired":  # _authorized's authorization runs to 2030-01-01
        adapter.between = lambda: setattr(clock, "now", datetime(2030, 1, 2, 1, tzinfo=UTC))
    Publisher(app, lambda platform: adapter, "w1", CONFIG, clock=clock).run_lane("facebook")
    delivery = show_post(app, post_id)["deliveries"][0]
    if meanwhile == "nothing":
        assert adapter.sent == ["upload 1", "upload 2", "make public"]
        assert delivery["status"] == "published"
        return
    assert adapter.sent == ["upload 1"] and adapter.posts == []
    assert delivery["status"] == "failed"
    why = "expired" if meanwhile == "expired" else "was revoked"
    assert f"authorization #{cid} {why}" in delivery["last_error"]
    assert "the name finding it cleared blocks again" in delivery["last_error"]
    assert PATIENT not in delivery["last_error"]
    with app.db.read() as session:
        failed = session.scalars(select(AuditRecord.detail).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "delivery.failed")).all()
    assert len(failed) == 1 and f"authorization #{cid}" in failed[0]
