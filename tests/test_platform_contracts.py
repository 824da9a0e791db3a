"""Issue 15's platform contracts, each against the strict sandbox over real HTTP (and, for
header parsing, one adapter with `responses`): a retired LinkedIn version holds deliveries,
X replies only where mentioned, X polling inside recent search's 7 days, rate limits for
their own window."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
import responses
from test_daemon_helpers import approved_post

from adapters import adapter_class
from adapters.base import NeedsAction, RateLimited
from adapters.linkedin import LinkedInAdapter, _seconds_to_utc_midnight
from adapters.versions import LINKEDIN_DEFAULT, is_retired, sunset_date
from adapters.x import XAdapter, snowflake_time
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox

TODAY = datetime.now(UTC).date()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as server:
        yield server


@pytest.fixture(autouse=True)
def fresh(sandbox: SandboxServer) -> None:
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)


def make(sandbox: SandboxServer, platform: str, **overrides: str):  # noqa: ANN201
    env = {**sandbox_env(sandbox.url, "sandbox"), **overrides}
    return adapter_class(platform).from_env(env, timeout=(1.0, 2.0))


def inject(sandbox: SandboxServer, platform: str, post_id: str, text: str,
           age_s: float | None = None) -> str:
    body = {"platform": platform, "post_id": post_id, "text": text, "author": "Sam Roe",
            "age_s": age_s}
    answer = requests.post(sandbox.url + "/_sandbox/comments", json=body, timeout=5)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


# -- 1. LinkedIn versions ------------------------------------------------------------------

def test_the_default_linkedin_version_is_served_and_dated() -> None:
    assert not is_retired("linkedin", LINKEDIN_DEFAULT, TODAY)
    assert sunset_date("linkedin", "202510").isoformat() == "2026-10-15"
    assert sunset_date("linkedin", "202511.01").isoformat() == "2026-11-16"


def test_an_undated_linkedin_version_is_warned_before_its_earliest_sunset() -> None:
    """A version newer than the dated table (LinkedIn publishes sunsets late) still gets a
    warning: LinkedIn keeps a version at least a year, so 202607 cannot go before 2027-07-01."""
    from social_bot.accounts.status import Facts, Level, evaluate
    from social_bot.accounts.versions import earliest_sunset

    assert earliest_sunset("linkedin", "202607") == date(2027, 7, 1)
    assert earliest_sunset("linkedin", LINKEDIN_DEFAULT) is None  # dated: the real date counts
    assert earliest_sunset("facebook", "v26.0") is None
    facts = Facts("linkedin", True, api_version="202607", version_sunset=date(2027, 7, 1),
                  version_sunset_estimated=True, never_expires=True, granted=())
    early = evaluate(facts, datetime(2026, 12, 2, tzinfo=UTC))
    late = evaluate(facts, datetime(2027, 6, 10, tzinfo=UTC))
    assert [f.level for f in early.findings if "202607" in f.message] == [Level.NOTE]
    [warning] = [f for f in late.findings if "202607" in f.message]
    assert warning.level == Level.WARN and "not before 2027-07-01" in warning.message


def test_the_sandbox_refuses_a_retired_version_with_linkedins_426(
        sandbox: SandboxServer) -> None:
    answer = requests.get(sandbox.url + "/linkedin/rest/posts", timeout=5, headers={
        "Authorization": "Bearer sandbox", "LinkedIn-Version": "202510",
        "X-Restli-Protocol-Version": "2.0.0"}, params={"q": "author", "author": "x"})
    assert answer.status_code == 426 and answer.json()["code"] == "NONEXISTENT_VERSION"


def test_a_retired_version_names_the_setting(sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "linkedin", LINKEDIN_API_VERSION="202511")
    with pytest.raises(NeedsAction) as info:
        adapter.publish("Clinic news")
    assert "LINKEDIN_API_VERSION" in str(info.value) and "2026-11-16" in str(info.value)
    assert info.value.kind == "config"
    assert make(sandbox, "linkedin").publish("Clinic news").id  # the default goes through


def test_a_retired_version_holds_the_delivery_instead_of_failing_it(
        sandbox: SandboxServer, make_app) -> None:  # noqa: ANN001
    app = make_app()
    adapters = {"linkedin": make(sandbox, "linkedin", LINKEDIN_API_VERSION="202510")}
    post_id = approved_post(app, "Vaccines in stock", ["linkedin"])
    publisher = Publisher(app, adapters.__getitem__, "w1",
                          DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10))
    publisher.run_lane("linkedin")
    publisher.run_lane("linkedin")
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "held"
    assert "LINKEDIN_API_VERSION" in delivery["last_error"]
    posts = requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()["linkedin"]
    assert posts == []


# -- 2. X replies only where mentioned -----------------------------------------------------

def test_x_refuses_an_unsolicited_reply_and_we_hold_it_for_a_person(
        sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "x")
    post = adapter.publish("Flu clinic Saturday")
    plain = inject(sandbox, "x", post.id, "Do you take walk-ins?")
    with pytest.raises(NeedsAction) as info:
        adapter.reply_to_comment(post.id, plain, "Yes, 9 to 12.")
    assert info.value.kind == "by_hand" and "X app" in str(info.value)
    mentioned = inject(sandbox, "x", post.id, "@sandbox_practice do you take walk-ins?")
    assert adapter.reply_to_comment(post.id, mentioned, "Yes, 9 to 12.").id


# -- 3. X polling inside recent search's window --------------------------------------------

def test_an_old_cursor_falls_back_to_the_search_window(sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "x")
    post = adapter.publish("Parking lot repaved")
    old = inject(sandbox, "x", post.id, "Nice work", age_s=8 * 86400)
    assert snowflake_time(old) < datetime.now(UTC) - timedelta(days=7)
    new = inject(sandbox, "x", post.id, "Where do I park now?")
    # The API itself refuses the old cursor: the sandbox applies the window.
    raw = requests.get(sandbox.url + "/x/2/tweets/search/recent", timeout=5, params={
        "query": f"conversation_id:{post.id}", "since_id": old},
        headers={"Authorization": _oauth_header()})
    assert raw.status_code == 400 and "since_id" in raw.text
    comments, cursor = adapter.fetch_comments(post.id, old)
    assert [c.id for c in comments] == [new]  # the 8-day-old one is out of reach
    assert cursor == new


def _oauth_header() -> str:
    parts = {"oauth_consumer_key": "sandbox", "oauth_token": "sandbox",
             "oauth_signature_method": "HMAC-SHA1", "oauth_signature": "x",
             "oauth_timestamp": str(int(time.time())), "oauth_nonce": "n",
             "oauth_version": "1.0"}
    return "OAuth " + ", ".join(f'{k}="{v}"' for k, v in parts.items())


# -- 7. rate limits for their own window ---------------------------------------------------

def test_a_linkedin_429_naming_no_daily_window_waits_a_minute_not_until_midnight(
        sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "linkedin")
    for mode, longest in (("429", 120.0), ("429_day", None)):
        requests.post(sandbox.url + "/_sandbox/faults", json={
            "platform": "linkedin", "mode": mode, "every": 1}, timeout=5)
        with pytest.raises(RateLimited) as info:
            adapter.publish(f"Throttled {mode}")
        if longest is not None:
            assert info.value.retry_after <= longest and info.value.window == "throttle"
        else:
            assert info.value.retry_after == pytest.approx(_seconds_to_utc_midnight(), abs=5)
            assert info.value.window == "daily quota"
    requests.post(sandbox.url + "/_sandbox/faults", json={
        "platform": "linkedin", "mode": "429", "every": 0}, timeout=5)


def test_x_24_hour_cap_waits_for_its_own_reset(sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "x")
    requests.post(sandbox.url + "/_sandbox/faults", json={
        "platform": "x", "mode": "429_day", "every": 1}, timeout=5)
    with pytest.raises(RateLimited) as info:
        adapter.publish("Over the daily cap")
    assert info.value.retry_after > 23 * 3600 and info.value.window == "24-hour user limit"


@responses.activate
def test_x_usage_cap_is_not_a_15_minute_wait() -> None:
    responses.add("POST", "https://api.x.test/2/tweets", status=429, json={
        "title": "UsageCapExceeded", "type": "https://api.twitter.com/2/problems/usage-capped",
        "detail": "Usage cap exceeded: Monthly product cap", "status": 429},
        headers={"x-rate-limit-remaining": "10",
                 "x-rate-limit-reset": str(int(time.time()) + 900)})
    adapter = XAdapter.from_env({"SOCIALBOT_SANDBOX": "1", "X_API_BASE": "https://api.x.test",
                                 "X_CONSUMER_KEY": "ck1234",
                                 "X_CONSUMER_SECRET": "cs1234", "X_ACCESS_TOKEN": "at1234",
                                 "X_ACCESS_TOKEN_SECRET": "as1234"}, timeout=(0.5, 0.5))
    with pytest.raises(RateLimited) as info:
        adapter.publish("Over the plan's cap")
    assert info.value.window == "usage cap" and info.value.retry_after >= 24 * 3600


@responses.activate
def test_a_426_from_linkedin_becomes_a_hold_naming_the_setting() -> None:
    responses.add("POST", "https://api.linkedin.test/rest/posts", status=426, json={
        "status": 426, "code": "NONEXISTENT_VERSION",
        "message": "Requested version 202510 is not active"})
    adapter = LinkedInAdapter.from_env({
        "SOCIALBOT_SANDBOX": "1",
        "LINKEDIN_API_BASE": "https://api.linkedin.test", "LINKEDIN_ACCESS_TOKEN": "tok12345",
        "LINKEDIN_ORG_ID": "5515715", "LINKEDIN_API_VERSION": "202510"}, timeout=(0.5, 0.5))
    with pytest.raises(NeedsAction, match="LINKEDIN_API_VERSION"):
        adapter.publish("Hello")


# -- 4. Facebook comments in ranked order --------------------------------------------------

def _ranked(sandbox: SandboxServer, on: bool) -> None:
    requests.post(sandbox.url + "/_sandbox/faults", json={
        "platform": "facebook", "mode": "ranked", "every": int(on)}, timeout=5)


def test_ranked_facebook_comments_are_all_read_once(sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "facebook")
    post = adapter.publish("Open house Friday")
    first = {inject(sandbox, "facebook", post.id, f"Comment {n}", age_s=7200 - 60 * n)
             for n in range(60)}
    _ranked(sandbox, True)
    try:
        comments, cursor = adapter.fetch_comments(post.id, None)
        assert {c.id for c in comments} == first and len(comments) == 60
        later = {inject(sandbox, "facebook", post.id, f"Later {n}") for n in range(8)}
        comments, _ = adapter.fetch_comments(post.id, cursor)
        # Ranked, the new ones are spread over both pages: stopping at the first old comment
        # would skip some of them for good.
        assert sorted(c.id for c in comments) == sorted(later)
    finally:
        _ranked(sandbox, False)


# -- 8. media and replies ------------------------------------------------------------------

def test_x_sends_gifs_and_video_through_the_chunked_upload(sandbox: SandboxServer,
                                                           tmp_path) -> None:  # noqa: ANN001
    gif = tmp_path / "clinic.gif"
    gif.write_bytes(b"GIF89a" + bytes(range(256)) * 40)
    video = tmp_path / "tour.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x01" * (9 * 1024 * 1024))  # 3 chunks
    adapter = make(sandbox, "x")
    # one GIF or one video a post: X takes "up to 4 photos, 1 animated GIF, or 1 video" (the
    # strict sandbox refuses the two together since session 54; this test once sent both)
    posted = [adapter.publish("See the clinic", [gif]).id,
              adapter.publish("Take the tour", [video]).id]
    stored = requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()["x"]
    assert [p["id"] for p in stored] == posted and [len(p["media"]) for p in stored] == [1, 1]
    # The strict stand-in refuses a GIF sent the one-shot way, as X does.
    from adapters.x import CHUNKED_CATEGORY
    CHUNKED_CATEGORY.pop("image/gif")
    try:
        with pytest.raises(Exception, match="chunked"):
            adapter.publish("GIF the wrong way", [gif])
    finally:
        CHUNKED_CATEGORY["image/gif"] = "tweet_gif"


def test_linkedin_replies_to_comments_are_read(sandbox: SandboxServer) -> None:
    adapter = make(sandbox, "linkedin")
    post = adapter.publish("Walk-in hours extended")
    top = inject(sandbox, "linkedin", post.id, "Great news")
    answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=5, json={
        "platform": "linkedin", "post_id": post.id, "parent_id": top,
        "text": "Does this include Saturdays?", "author": "Ana Lee"})
    nested = answer.json()["id"]
    comments, _ = adapter.fetch_comments(post.id, None)
    by_id = {c.id: c for c in comments}
    assert set(by_id) == {top, nested} and by_id[nested].parent_id == top


# -- 8. LinkedIn comment deletion targets the documented URN ---------------------------------

def _li_delete(sandbox: SandboxServer, target: str, ident: str) -> int:
    from urllib.parse import quote

    return requests.delete(
        f"{sandbox.url}/linkedin/rest/socialActions/{quote(target, safe='')}/comments/{ident}",
        params={"actor": "urn:li:organization:5515715"}, timeout=5, headers={
            "Authorization": "Bearer sandbox", "LinkedIn-Version": LINKEDIN_DEFAULT,
            "X-Restli-Protocol-Version": "2.0.0"}).status_code


def test_the_sandbox_deletes_a_linkedin_comment_only_through_the_documented_target(
        sandbox: SandboxServer) -> None:
    """DELETE socialActions/{post URN | parent comment URN}/comments/{id}: the activity URN
    embedded in the comment URN (what the adapter used to send) is refused."""
    post = make(sandbox, "linkedin").publish("Parking lot closed Monday")
    top = inject(sandbox, "linkedin", post.id, "Thanks for the heads-up")
    nested = requests.post(sandbox.url + "/_sandbox/comments", timeout=5, json={
        "platform": "linkedin", "post_id": post.id, "parent_id": top,
        "text": "Where should we park?", "author": "Ana Lee"}).json()["id"]
    embedded, top_id = top[len("urn:li:comment:("):-1].split(",")
    assert embedded.startswith("urn:li:activity:") and embedded != post.id
    nested_id = nested[:-1].split(",")[-1]
    assert _li_delete(sandbox, embedded, top_id) == 404       # the old, undocumented form
    assert _li_delete(sandbox, post.id, nested_id) == 404     # a reply is under its parent
    assert _li_delete(sandbox, top, nested_id) == 204
    assert _li_delete(sandbox, post.id, top_id) == 204


def test_a_person_deletes_a_linkedin_reply_from_the_review_queue(
        sandbox: SandboxServer, make_app) -> None:  # noqa: ANN001
    """End to end: the monitor stores a nested LinkedIn reply with its parent, and a
    person's delete reaches the platform through the parent comment's URN."""
    from social_bot.comments import list_comments, resolve_comment
    from social_bot.daemon.monitor import Monitor

    app = make_app()
    adapters = {"linkedin": make(sandbox, "linkedin")}
    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10)
    post_id = approved_post(app, "Lab results by phone now", ["linkedin"])
    Publisher(app, adapters.__getitem__, "w1", config).run_lane("linkedin")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    top = inject(sandbox, "linkedin", remote, "Very handy")
    nested = requests.post(sandbox.url + "/_sandbox/comments", timeout=5, json={
        "platform": "linkedin", "post_id": remote, "parent_id": top,
        "text": "Buy cheap followers at spam.example", "author": "Bot"}).json()["id"]
    Monitor(app, adapters.__getitem__, "w1", config).run_platform("linkedin")
    stored = {c["text"]: c["id"] for c in list_comments(app)}
    for text in ("Buy cheap followers at spam.example", "Very handy"):
        done = resolve_comment(app, "Dana Whitfield", stored[text], "delete",
                               adapters=adapters.__getitem__)
        assert done["state"] == "deleted"
    deleted = {c["id"]: c["deleted"] for c in requests.get(
        sandbox.url + "/_sandbox/comments", timeout=5).json() if c["platform"] == "linkedin"}
    assert deleted[nested] is True and deleted[top] is True
