"""Publish-time checks and held deliveries: a refusal at the claim holds or fails the
delivery before any platform call; a hold is released only by what its kind names."""

from __future__ import annotations

from test_daemon_helpers import FakePlatforms, approved_post
from test_publish import actions, deliveries, make_publisher

from adapters.base import NeedsAction
from social_bot.daemon import preflight
from social_bot.daemon.claims import release_holds
from social_bot.daemon.decide import Action
from social_bot.domain import HoldKind


def test_a_check_that_holds_stops_the_call_and_tells_staff(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    seen: list[str] = []

    def no_x(context: preflight.ClaimContext) -> preflight.Refusal | None:
        seen.append(context.platform)  # the rows are locked and visible to the check
        assert context.revision.text == "Open late Thursday"
        return preflight.Refusal(Action.HOLD, "x: not connected; run socialbot connect x",
                                 "test_auth", HoldKind.AUTH)

    monkeypatch.setattr(preflight, "CHECKS", [no_x])
    post_id = approved_post(app, "Open late Thursday", ["x"])
    make_publisher(app, platforms).run_lane("x")
    assert seen == ["x"] and platforms["x"].publish_calls == 0
    held = deliveries(app, post_id)["x"]
    assert held["status"] == "held" and "socialbot connect x" in held["last_error"]
    assert "delivery.held" in actions(app, post_id)

    monkeypatch.setattr(preflight, "CHECKS", [])
    assert release_holds(app, "x", (HoldKind.CONFIG,), actor="test") == 0  # wrong kind
    make_publisher(app, platforms).run_lane("x")
    assert platforms["x"].publish_calls == 0  # held: not in the queue
    assert release_holds(app, "x", (HoldKind.AUTH,), actor="test") == 1
    make_publisher(app, platforms).run_lane("x")
    assert deliveries(app, post_id)["x"]["status"] == "published"
    assert platforms["x"].publish_calls == 1


def test_a_check_that_fails_fails_the_delivery(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    monkeypatch.setattr(preflight, "CHECKS", [
        lambda ctx: preflight.Refusal(Action.FAIL, "approvals no longer valid", "test")])
    post_id = approved_post(app, "Walk-in hours", ["facebook"])
    make_publisher(app, platforms).run_lane("facebook")
    assert deliveries(app, post_id)["facebook"]["status"] == "failed"
    assert platforms["facebook"].publish_calls == 0


def test_an_adapter_needing_a_person_holds_instead_of_failing(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["linkedin"])
    platforms["linkedin"].script = [NeedsAction("linkedin: set LINKEDIN_API_VERSION")]
    post_id = approved_post(app, "Parking lot repaving", ["linkedin"])
    publisher = make_publisher(app, platforms)
    publisher.run_lane("linkedin")
    publisher.run_lane("linkedin")
    held = deliveries(app, post_id)["linkedin"]
    assert held["status"] == "held" and "LINKEDIN_API_VERSION" in held["last_error"]
    assert platforms["linkedin"].publish_calls == 1  # not retried
    assert release_holds(app, "linkedin", (HoldKind.CONFIG,), actor="test") == 1
    publisher.run_lane("linkedin")
    assert deliveries(app, post_id)["linkedin"]["status"] == "published"
