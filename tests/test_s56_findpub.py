"""s56-findpub: X's and LinkedIn's find_published answer "not found" only when the account's
list was read to its end (or back past ``since``); anything less keeps the attempt in doubt
(TransientError, not ambiguous), as Facebook's does since s55-reread-small.

Adapter tests mock HTTP with `responses`, one per branch; the daemon test runs the real
publisher and adapters against the sandbox over HTTP: a publish whose answer is lost, then a
busy account's list longer than the look-up's bound, must end in doubt and then "check by
hand", never in a second post."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from test_adapter_linkedin import BASE as LI_BASE
from test_adapter_linkedin import make as make_linkedin
from test_adapter_x import BASE as X_BASE
from test_adapter_x import ME_URL
from test_adapter_x import make as make_x
from test_daemon_helpers import Clock, approved_post

from adapters import linkedin, x
from adapters.base import TransientError
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.posts import show_post
from social_bot.sandbox import SANDBOX_ORG_ID, sandbox_env, start_sandbox

OURS = "Flu clinic hours change next week: Saturday mornings only"
X_TWEETS = f"{X_BASE}/2/users/2244994945/tweets"
LI_POSTS = f"{LI_BASE}/rest/posts"
ORG = f"urn:li:organization:{SANDBOX_ORG_ID}"
SINCE = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SINCE_MS = int(SINCE.timestamp() * 1000)


# --- X ----------------------------------------------------------------------------------

def _x_me() -> None:
    responses.add("GET", ME_URL, json={"data": {"id": "2244994945", "username": "clinic"}})


def _tweets(start: int, n: int) -> list[dict[str, str]]:
    return [{"id": str(1800000000000000000 - i), "text": f"Someone else's words {i}"}
            for i in range(start, start + n)]


def _x_pages(*bodies: dict[str, Any]) -> list[dict[str, Any]]:
    """Answer the timeline with ``bodies`` in turn (the last one again once they run out);
    return the query of every timeline call made."""
    asked: list[dict[str, Any]] = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        asked.append(parse_qs(urlsplit(request.url).query))
        body = bodies[min(len(asked), len(bodies)) - 1]
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    _x_me()
    responses.add_callback("GET", X_TWEETS, callback=answer)
    return asked


@responses.activate
def test_x_that_reaches_its_page_bound_with_more_named_is_in_doubt() -> None:
    """main read MAX_PAGES pages, each naming a next one, and answered "not found": the
    daemon published again while the post may sit on page MAX_PAGES + 1."""
    bodies = [{"data": _tweets(100 * n, 100), "meta": {"result_count": 100,
                                                          "next_token": f"tok{n + 1}"}}
              for n in range(x.MAX_PAGES)]
    asked = _x_pages(*bodies)
    with pytest.raises(TransientError) as raised:
        make_x().find_published(OURS, since=SINCE)
    assert not raised.value.ambiguous
    assert "could not be read to the end" in str(raised.value)
    assert len(asked) == x.MAX_PAGES
    assert asked[1]["pagination_token"] == ["tok1"]


@responses.activate
def test_x_whose_next_token_repeats_is_in_doubt_at_once() -> None:
    """A next_token already read (a loop): main read the same page MAX_PAGES times and said
    "not found"; now the second time a token is named the look-up stops, in doubt."""
    looping = {"data": _tweets(0, 100), "meta": {"result_count": 100, "next_token": "AGAIN"}}
    asked = _x_pages(looping)
    with pytest.raises(TransientError, match="next_token repeated"):
        make_x().find_published(OURS, since=SINCE)
    assert len(asked) == 2


@responses.activate
def test_x_answer_with_errors_and_no_data_is_in_doubt() -> None:
    """X answers 200 with ``errors`` when part of a request failed; a page with errors and no
    data (and no next_token) is no end of the list read: main answered "not found"."""
    _x_pages({"errors": [{"title": "Service Unavailable", "detail": "try again"}],
              "meta": {"result_count": 0}})
    with pytest.raises(TransientError, match="errors"):
        make_x().find_published(OURS, since=SINCE)


@responses.activate
def test_x_page_without_meta_is_in_doubt() -> None:
    _x_pages({"data": _tweets(0, 3)})
    with pytest.raises(TransientError, match="without meta"):
        make_x().find_published(OURS, since=SINCE)


@responses.activate
def test_x_match_found_even_on_a_page_that_also_carries_errors() -> None:
    ours = {"id": "1800000000000000999", "text": OURS + " https://t.co/Ab12Cd34Ef"}
    _x_pages({"data": [ours], "errors": [{"title": "Not Found Error"}],
              "meta": {"result_count": 1}})
    found = make_x().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]


@responses.activate
def test_x_reading_the_since_window_to_its_end_is_still_not_found() -> None:
    """With start_time X serves only the window since the attempt; its last page (no
    next_token) is the end of what could hold the post: "not found" stays right."""
    asked = _x_pages(
        {"data": _tweets(0, 100), "meta": {"result_count": 100, "next_token": "p2"}},
        {"data": _tweets(100, 7), "meta": {"result_count": 7}})
    assert make_x().find_published(OURS, since=SINCE) is None
    assert len(asked) == 2
    assert asked[0]["start_time"][0].startswith("2026-12-01T12:00:00")
    assert asked[0]["max_results"] == ["100"]


@responses.activate
def test_x_finds_a_post_on_a_later_page() -> None:
    ours = {"id": "1800000000000000999", "text": OURS}
    _x_pages({"data": _tweets(0, 100), "meta": {"result_count": 100, "next_token": "p2"}},
             {"data": [*_tweets(100, 50), ours], "meta": {"result_count": 51}})
    found = make_x().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]


# --- LinkedIn ---------------------------------------------------------------------------

def _li_post(n: int, *, created: int | None, modified: int | None, text: str = "") -> dict:
    post: dict[str, Any] = {"id": f"urn:li:share:70000000000000{n:05d}",
                            "author": "urn:li:organization:5515715",
                            "commentary": text or f"Other news {n}",
                            "lifecycleState": "PUBLISHED", "visibility": "PUBLIC"}
    if created is not None:
        post["createdAt"] = created
        post["publishedAt"] = created
    if modified is not None:
        post["lastModifiedAt"] = modified
    return post


def _recent(n: int, count: int = linkedin.PAGE_SIZE) -> list[dict]:
    """``count`` posts created and changed after SINCE, newest first, numbered from ``n``."""
    return [_li_post(n + i, created=SINCE_MS + 10_000_000 - (n + i) * 1000,
                     modified=SINCE_MS + 10_000_000 - (n + i) * 1000) for i in range(count)]


def _li_pages(*bodies: dict[str, Any]) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        asked.append(parse_qs(urlsplit(request.url).query))
        body = bodies[min(len(asked), len(bodies)) - 1]
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    responses.add_callback("GET", LI_POSTS, callback=answer)
    return asked


def _page(elements: list[dict], start: int = 0, **paging: int) -> dict[str, Any]:
    return {"elements": elements,
            "paging": {"start": start, "count": linkedin.PAGE_SIZE, "links": [], **paging}}


@responses.activate
def test_linkedin_that_reaches_its_page_bound_with_full_pages_is_in_doubt() -> None:
    """main read MAX_PAGES full pages and answered "not found" (a second post for an
    organization with many posts changed since the attempt)."""
    bodies = [_page(_recent(n * linkedin.PAGE_SIZE), n * linkedin.PAGE_SIZE)
              for n in range(linkedin.MAX_PAGES)]
    asked = _li_pages(*bodies)
    with pytest.raises(TransientError) as raised:
        make_linkedin().find_published(OURS, since=SINCE)
    assert not raised.value.ambiguous
    assert len(asked) == linkedin.MAX_PAGES
    assert [a["start"] for a in asked[:3]] == [["0"], ["50"], ["100"]]
    assert asked[0]["sortBy"] == ["LAST_MODIFIED"]


@responses.activate
def test_linkedin_stops_once_posts_were_last_changed_before_since() -> None:
    """Sorted by LAST_MODIFIED, newest first: a post changed before ``since`` was created
    before it too, and so was every post after it. One page read, then "not found"."""
    older = [_li_post(i, created=SINCE_MS - 9_000_000 - i, modified=SINCE_MS - 5_000_000 - i)
             for i in range(linkedin.PAGE_SIZE)]
    asked = _li_pages(_page(_recent(0, 3) + older, total=5000))
    assert make_linkedin().find_published(OURS, since=SINCE) is None
    assert len(asked) == 1


@responses.activate
def test_linkedin_an_old_post_edited_since_is_passed_over_not_taken_for_the_end() -> None:
    """A post created long before ``since`` but edited after it comes first in a
    LAST_MODIFIED list. Stopping at the first post created before ``since`` would end the
    search there; ours is further on."""
    edited = _li_post(1, created=SINCE_MS - 90_000_000, modified=SINCE_MS + 50_000_000,
                      text=OURS)  # also our words: an earlier post with the same text
    ours = _li_post(2, created=SINCE_MS + 1_000, modified=SINCE_MS + 1_000, text=OURS)
    filler = _recent(10, linkedin.PAGE_SIZE - 1)  # created after SINCE + 1 s: before ours
    for post in filler:
        post["createdAt"] = post["lastModifiedAt"] = SINCE_MS + 40_000_000
    asked = _li_pages(_page([edited, *filler]), _page([ours], linkedin.PAGE_SIZE))
    found = make_linkedin().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]
    assert len(asked) == 2


@responses.activate
def test_linkedin_times_out_of_order_are_not_trusted_to_stop_early() -> None:
    """Should the list not come ordered by lastModifiedAt, a post changed before ``since``
    says nothing of the posts after it: the look-up reads on (and finds ours)."""
    first = _li_post(1, created=SINCE_MS + 1_000, modified=SINCE_MS + 1_000)
    later = _li_post(2, created=SINCE_MS + 9_000, modified=SINCE_MS + 9_000)  # out of order
    old = [_li_post(10 + i, created=SINCE_MS - 1_000_000, modified=SINCE_MS - 1_000_000)
           for i in range(linkedin.PAGE_SIZE - 2)]
    ours = _li_post(99, created=SINCE_MS + 5_000, modified=SINCE_MS + 5_000, text=OURS)
    asked = _li_pages(_page([first, later, *old]), _page([ours], linkedin.PAGE_SIZE))
    found = make_linkedin().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]
    assert len(asked) == 2


@responses.activate
def test_linkedin_post_with_our_words_and_no_creation_time_is_in_doubt() -> None:
    """main read a missing createdAt as 0 (long before ``since``) and passed the post over:
    "not found", published again, while it may well be ours."""
    undated = _li_post(1, created=None, modified=None, text=OURS)
    _li_pages(_page([*_recent(5, 3), undated]))
    with pytest.raises(TransientError, match="no creation time"):
        make_linkedin().find_published(OURS, since=SINCE)


@responses.activate
def test_linkedin_undated_post_changed_before_since_is_no_doubt() -> None:
    undated = _li_post(1, created=None, modified=SINCE_MS - 1_000, text=OURS)
    asked = _li_pages(_page([*_recent(5, 3), undated], total=900))
    assert make_linkedin().find_published(OURS, since=SINCE) is None
    assert len(asked) == 1


@responses.activate
def test_linkedin_short_page_with_a_total_beyond_it_is_read_on() -> None:
    """A page shorter than asked while paging.total says more (LinkedIn may serve fewer, e.g.
    posts the member may not see): main took it for the end."""
    ours = _li_post(99, created=SINCE_MS + 5_000, modified=SINCE_MS + 5_000, text=OURS)
    asked = _li_pages(_page(_recent(0, 30), total=31), _page([ours], 30, total=31))
    found = make_linkedin().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]
    assert asked[1]["start"] == ["30"]  # on from what was read, nothing skipped


@responses.activate
def test_linkedin_empty_page_while_the_total_says_more_is_in_doubt() -> None:
    asked = _li_pages(_page([], total=400))
    with pytest.raises(TransientError, match="empty page"):
        make_linkedin().find_published(OURS, since=SINCE)
    assert len(asked) == 1


@responses.activate
def test_linkedin_smaller_served_count_is_a_full_page_not_the_end() -> None:
    """Should LinkedIn serve fewer a page than asked and say so in paging.count, a page of
    that many is full: main took any page under 50 for the end."""
    ours = _li_post(99, created=SINCE_MS + 5_000, modified=SINCE_MS + 5_000, text=OURS)
    served = {"elements": _recent(0, 10), "paging": {"start": 0, "count": 10, "links": []}}
    asked = _li_pages(served, {"elements": [ours], "paging": {"start": 10, "count": 10}})
    found = make_linkedin().find_published(OURS, since=SINCE)
    assert found is not None and found.id == ours["id"]
    assert len(asked) == 2


@responses.activate
def test_linkedin_answer_without_elements_is_in_doubt() -> None:
    _li_pages({"paging": {"start": 0, "count": 50}})
    with pytest.raises(TransientError, match="without a list of elements"):
        make_linkedin().find_published(OURS, since=SINCE)


@responses.activate
def test_linkedin_short_page_without_more_is_the_end() -> None:
    asked = _li_pages(_page(_recent(0, 12), total=12))
    assert make_linkedin().find_published(OURS, since=SINCE) is None
    assert len(asked) == 1


# --- the sandbox pages and refuses as the platforms do ----------------------------------

@pytest.fixture
def lax_sandbox() -> Iterator[Any]:
    # duplicates let through: a second publish of the same words is counted, not refused
    server = start_sandbox(0, reject_duplicates=False)
    yield server
    server.stop()


def _li_get(sandbox: Any, **params: str) -> requests.Response:
    return requests.get(f"{sandbox.url}/linkedin/rest/posts", timeout=5, params={
        "q": "author", "author": ORG, **params},
        headers={"Authorization": "Bearer sandbox", "LinkedIn-Version": linkedin.DEFAULT_VERSION,
                 "X-Restli-Protocol-Version": "2.0.0"})


def test_sandbox_linkedin_refuses_what_it_cannot_page(lax_sandbox: Any) -> None:
    """count beyond 100 was clamped (a 100-long answer to count=500 read as "short: the
    end"), and a start or count not a number was a sandbox 500."""
    for params in ({"count": "101"}, {"count": "0"}, {"start": "x"}, {"count": "ten"},
                   {"sortBy": "RELEVANCE"}):
        answer = _li_get(lax_sandbox, **params)
        assert answer.status_code == 400, (params, answer.status_code, answer.text)
    assert _li_get(lax_sandbox, count="100", sortBy="CREATED").status_code == 200


def test_sandbox_linkedin_lists_by_last_change_or_by_creation(lax_sandbox: Any) -> None:
    state = lax_sandbox.state
    with state.lock:
        old = state.add_post("linkedin", "urn:li:share:1", "Old, edited", ORG, [])
        new = state.add_post("linkedin", "urn:li:share:2", "New", ORG, [])
        old.modified = new.created + 60
    by_change = _li_get(lax_sandbox, sortBy="LAST_MODIFIED").json()["elements"]
    by_creation = _li_get(lax_sandbox, sortBy="CREATED").json()["elements"]
    assert [e["id"] for e in by_change] == ["urn:li:share:1", "urn:li:share:2"]
    assert by_change[0]["lastModifiedAt"] > by_change[0]["createdAt"]
    assert [e["id"] for e in by_creation] == ["urn:li:share:2", "urn:li:share:1"]


def test_sandbox_x_refuses_a_paging_token_it_never_gave(lax_sandbox: Any) -> None:
    """A garbled token was read as "from the first page": page one again, a loop."""
    adapter = x.XAdapter.from_env(sandbox_env(lax_sandbox.url, "sandbox"))
    me = adapter._me_info()["id"]
    from adapters.base import PermanentError

    with pytest.raises(PermanentError, match="pagination_token"):
        adapter._call("GET", "/2/users/:id/tweets", lambda: adapter.client.get_users_tweets(
            me, max_results=100, pagination_token="not-a-token", user_auth=True))


# --- through the daemon: lost answer, busy account, never a second post -----------------

def _busy_x(sandbox: Any) -> None:
    """A busy X account: a page bound's worth of the account's own posts after ours."""
    from social_bot.sandbox import x as sandbox_x

    state = sandbox.state
    with state.lock:
        for n in range(x.MAX_PAGES * 100):
            state.add_post("x", sandbox_x._tweet_id(state), f"Answer {n} to a question",
                           sandbox_x.ME_ID, [])


def _busy_linkedin(sandbox: Any) -> None:
    """An organization whose older posts were edited after ours went out (each edit moves a
    post up the LAST_MODIFIED list): a page bound's worth of them ahead of ours."""
    state = sandbox.state
    with state.lock:
        for n in range(linkedin.MAX_PAGES * linkedin.PAGE_SIZE):
            post = state.add_post("linkedin", f"urn:li:share:{7300000000000000000 + n}",
                                  f"Last year's notice {n}", ORG, [])
            post.created -= 3 * 86400  # long before the attempt
            post.modified = state.now()  # edited just now


class _AnswerLost:
    """The real adapter, but the first publish's answer is lost after the platform made the
    post (then ``meanwhile`` runs): an ambiguous failure, as a dropped connection gives."""

    def __init__(self, adapter: Any, meanwhile: Callable[[], None]) -> None:
        self._adapter, self._meanwhile, self.lost = adapter, meanwhile, False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._adapter, name)

    def publish(self, text: str, media: Any = (), **kwargs: Any) -> Any:
        posted = self._adapter.publish(text, media, **kwargs)
        if not self.lost:
            self.lost = True
            self._meanwhile()
            raise TransientError("the connection dropped after the request was sent",
                                 ambiguous=True)
        return posted


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("platform", "busy"), [("x", _busy_x), ("linkedin", _busy_linkedin)])
def test_a_post_past_the_look_up_bound_stays_in_doubt_and_goes_out_once(
        make_app: Any, lax_sandbox: Any, platform: str, busy: Callable[[Any], None]) -> None:
    """main: the look-up read its page bound, said "not found", and the daemon published the
    post a second time. Here the attempt stays in doubt (checked again, never re-sent, never
    failed quietly), then after the in-doubt limit fails "check by hand"."""
    app = make_app(screener=None)
    env = sandbox_env(lax_sandbox.url, "sandbox")
    from adapters import adapter_class

    real = adapter_class(platform).from_env(env)
    adapter = _AnswerLost(real, lambda: busy(lax_sandbox))
    clock = Clock()
    config = DaemonConfig(retry_base=1.0, retry_cap=30.0, max_attempts=30, batch=10)
    publisher = Publisher(app, lambda name: adapter, "w1", config, clock=clock)
    post_id = approved_post(app, OURS, [platform])

    def ours_on_the_platform() -> int:
        posts = requests.get(f"{lax_sandbox.url}/_sandbox/posts", timeout=5).json()[platform]
        return Counter(p["text"] for p in posts)[OURS]

    def delivery() -> dict[str, Any]:
        return show_post(app, post_id)["deliveries"][0]

    publisher.run_lane(platform)
    assert adapter.lost and ours_on_the_platform() == 1
    assert delivery()["status"] == "attempting"
    for _ in range(3):  # checked again and again: still in doubt, nothing sent again
        clock.advance(120)
        publisher.run_lane(platform)
        assert ours_on_the_platform() == 1
        assert delivery()["status"] == "attempting", delivery()
    clock.advance(7 * 3600)  # past the in-doubt limit (6 h): a person must look
    publisher.run_lane(platform)
    assert ours_on_the_platform() == 1
    last = delivery()
    assert last["status"] == "failed", last
    assert "check by hand" in json.dumps(last)
    assert "could not be read to the end" in json.dumps(last)
