from datetime import UTC, datetime

import pytest

from social_bot.domain import (
    DeliveryStatus,
    MediaRef,
    RevisionContent,
    Status,
    after_screen,
    check_editable,
    check_transition,
    check_votable,
    overall_delivery_status,
)
from social_bot.errors import Refused

BASE = RevisionContent(text="Flu shots Saturday", platforms=("x", "linkedin"))


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Flu shots Sunday"},
        {"platforms": ("x",)},
        {"media": (MediaRef(path="/a.png", sha256="ab" * 32),)},
        {"scheduled_at": datetime(2030, 1, 1, tzinfo=UTC)},
    ],
)
def test_content_hash_covers_text_media_platforms_and_schedule(change):
    changed = RevisionContent(**{**BASE.__dict__, **change})
    assert changed.content_hash() != BASE.content_hash()


def test_content_hash_ignores_platform_order():
    reordered = RevisionContent(text=BASE.text, platforms=("linkedin", "x"))
    assert reordered.content_hash() == BASE.content_hash()


def test_screen_outcome_decides_next_state():
    assert after_screen(blocking=True) == Status.BLOCKED_PHI
    assert after_screen(blocking=False) == Status.PENDING_APPROVAL


@pytest.mark.parametrize(
    ("current", "target"),
    [("draft", "approved"), ("blocked_phi", "approved"), ("rejected", "pending_approval"),
     ("published", "cancelled"), ("partially_published", "cancelled"),
     ("cancelled", "pending_approval")],
)
def test_forbidden_transitions_are_refused(current, target):
    with pytest.raises(Refused):
        check_transition(current, target)


def test_allowed_transitions():
    for current, target in [("draft", "pending_approval"), ("pending_approval", "approved"),
                            ("approved", "publishing"), ("approved", "cancelled"),
                            ("publishing", "partially_published"),
                            ("partially_published", "published")]:
        check_transition(current, target)


def test_editing_stops_when_publishing_starts():
    for status in ("draft", "blocked_phi", "pending_approval", "approved"):
        check_editable(status)
    for status in ("publishing", "published", "partially_published", "rejected", "cancelled"):
        with pytest.raises(Refused):
            check_editable(status)


def test_votes_only_while_pending():
    check_votable("pending_approval")
    for status in ("approved", "cancelled", "published", "blocked_phi", "rejected"):
        with pytest.raises(Refused):
            check_votable(status)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["published", "published"], Status.PUBLISHED),
        (["published", "attempting"], Status.PARTIALLY_PUBLISHED),
        (["published", "failed"], Status.PARTIALLY_PUBLISHED),
        (["failed", "failed"], Status.FAILED),
        (["pending", "retry"], Status.PUBLISHING),
    ],
)
def test_post_status_from_deliveries(statuses, expected):
    assert overall_delivery_status([DeliveryStatus(s) for s in statuses]) == expected
