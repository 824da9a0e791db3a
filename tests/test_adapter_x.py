"""X adapter (tweepy v2 Client, OAuth 1.0a) against mocked HTTP (`responses`)."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from urllib3.exceptions import ProtocolError

from adapters.base import AuthError, Draft, PermanentError, RateLimited, Rejected, TransientError
from adapters.x import XAdapter

DATA = Path(__file__).parent / "data" / "adapters" / "x"
BASE = "https://api.x.test/proxy"  # a base with a path proves tweepy's host is rewritten
SECRETS = {
    "X_CONSUMER_KEY": "ck-SECRET-consumer-1111",
    "X_CONSUMER_SECRET": "cs-SECRET-consumer-2222",
    "X_ACCESS_TOKEN": "at-SECRET-access-3333",
    "X_ACCESS_TOKEN_SECRET": "as-SECRET-access-4444",
}
ENV = {"X_API_BASE": BASE, "SOCIALBOT_SANDBOX": "1", **SECRETS}
POST_ID = "1445880548472328192"
REPLY_ID = "1445880600000000002"
ME_URL = f"{BASE}/2/users/me"


def payload(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make() -> XAdapter:
    return XAdapter.from_env(ENV, timeout=(0.5, 0.5))


@dataclass
class Call:
    method: str
    url: str | re.Pattern[str]
    run: Callable[[XAdapter], object]
    ok: dict
    needs_me: bool = False
    extra: list[tuple[str, str, dict]] = field(default_factory=list)


CALLS = {
    "publish": Call(
        "POST",
        f"{BASE}/2/tweets",
        lambda a: a.publish("Flu shots are in"),
        {"status": 201, "json": payload("create_tweet.json")},
    ),
    "find_published": Call(
        "GET",
        f"{BASE}/2/users/2244994945/tweets",
        lambda a: a.find_published("nope"),
        {"json": payload("users_tweets.json")},
        needs_me=True,
    ),
    "fetch_comments": Call(
        "GET",
        f"{BASE}/2/tweets/search/recent",
        lambda a: a.fetch_comments(POST_ID, None),
        {"json": payload("search_recent.json")},
        needs_me=True,
    ),
    "hide_comment": Call(
        "PUT",
        f"{BASE}/2/tweets/{REPLY_ID}/hidden",
        lambda a: a.hide_comment(REPLY_ID),
        {"json": payload("hidden.json")},
    ),
    "unhide_comment": Call(
        "PUT",
        f"{BASE}/2/tweets/{REPLY_ID}/hidden",
        lambda a: a.unhide_comment(REPLY_ID),
        {"json": payload("unhidden.json")},
    ),
    "delete_comment": Call(
        "DELETE",
        f"{BASE}/2/tweets/{REPLY_ID}",
        lambda a: a.delete_comment(REPLY_ID),
        {"json": payload("deleted.json")},
    ),
    "reply_to_comment": Call(
        "POST",
        f"{BASE}/2/tweets",
        lambda a: a.reply_to_comment(POST_ID, REPLY_ID, "Thanks!"),
        {"status": 201, "json": payload("create_tweet.json")},
    ),
    "check_credentials": Call(
        "GET", ME_URL, lambda a: a.check_credentials(), {"json": payload("users_me.json")}
    ),
}


def arrange(call: Call, **kwargs: object) -> None:
    if call.needs_me:
        responses.add("GET", ME_URL, json=payload("users_me.json"))
    responses.add(call.method, call.url, **kwargs)


def target_calls(call: Call) -> list[responses.Call]:
    return [
        c
        for c in responses.calls
        if urlsplit(c.request.url).path
        == urlsplit(call.url if isinstance(call.url, str) else "").path
    ]


# -- success paths -------------------------------------------------------------------------


@responses.activate
def test_publish_signs_with_oauth1_at_the_configured_base() -> None:
    responses.add("POST", f"{BASE}/2/tweets", status=201, json=payload("create_tweet.json"))
    post = make().publish("Flu shots are in")
    assert post.id == POST_ID and post.url == f"https://x.com/i/web/status/{POST_ID}"
    sent = responses.calls[0].request
    assert sent.url == f"{BASE}/2/tweets"
    assert json.loads(sent.body) == {"text": "Flu shots are in"}
    auth = (
        sent.headers["Authorization"].decode()
        if isinstance(sent.headers["Authorization"], bytes)
        else sent.headers["Authorization"]
    )
    assert auth.startswith("OAuth ")
    assert 'oauth_consumer_key="ck-SECRET-consumer-1111"' in auth
    assert 'oauth_token="at-SECRET-access-3333"' in auth and "oauth_signature=" in auth


@responses.activate
def test_publish_with_media_uses_the_v2_upload(tmp_path: Path) -> None:
    responses.add("POST", f"{BASE}/2/media/upload", json=payload("media_upload.json"))
    responses.add("POST", f"{BASE}/2/tweets", status=201, json=payload("create_tweet.json"))
    image = tmp_path / "flu.png"
    image.write_bytes(b"\x89PNG fake")
    make().publish("With a picture", [image])
    upload = responses.calls[0].request
    assert b'name="media"; filename="flu.png"' in upload.body and b"\x89PNG fake" in upload.body
    assert b'name="media_category"\r\n\r\ntweet_image' in upload.body
    auth = upload.headers["Authorization"]
    assert (auth.decode() if isinstance(auth, bytes) else auth).startswith("OAuth ")
    body = json.loads(responses.calls[1].request.body)
    assert body["media"] == {"media_ids": ["1880028106020515840"]}


@responses.activate
def test_find_published_matches_despite_tco_links_and_html_escapes() -> None:
    arrange(CALLS["find_published"], json=payload("users_tweets.json"))
    adapter = make()
    found = adapter.find_published("Flu shots are in (walk-ins welcome) https://northsidefm.com/a")
    assert found is not None and found.id == POST_ID
    assert adapter.find_published("Tips & tricks for the flu season") is not None
    assert adapter.find_published("not there") is None
    query = parse_qs(urlsplit(responses.calls[1].request.url).query)
    assert query["max_results"] == ["100"]


@responses.activate
def test_fetch_comments_reads_the_conversation_and_skips_our_replies() -> None:
    arrange(CALLS["fetch_comments"], json=payload("search_recent.json"))
    comments, cursor = make().fetch_comments(POST_ID, None)
    assert [c.author for c in comments] == ["samroe", "patdoe"]
    assert comments[0].parent_id == POST_ID
    assert cursor == "1445880600000000003"  # newest seen, ours included
    query = parse_qs(urlsplit(responses.calls[1].request.url).query)
    assert query["query"] == [f"conversation_id:{POST_ID}"]
    assert "since_id" not in query and query["expansions"] == ["author_id"]


@responses.activate
def test_fetch_comments_passes_the_cursor_as_since_id() -> None:
    # A snowflake from an hour ago: inside recent search's 7-day window.
    recent = str((int(time.time() * 1000) - 3_600_000 - 1288834974657) << 22 | 3)
    arrange(CALLS["fetch_comments"], json={"meta": {"result_count": 0}})
    comments, cursor = make().fetch_comments(POST_ID, recent)
    assert comments == [] and cursor == recent
    query = parse_qs(urlsplit(responses.calls[1].request.url).query)
    assert query["since_id"] == [recent] and "start_time" not in query


@responses.activate
def test_a_cursor_older_than_the_search_window_becomes_a_start_time() -> None:
    arrange(CALLS["fetch_comments"], json={"meta": {"result_count": 0}})
    comments, cursor = make().fetch_comments(POST_ID, "1445880600000000003")  # 2021
    assert comments == [] and cursor == "1445880600000000003"
    query = parse_qs(urlsplit(responses.calls[1].request.url).query)
    assert "since_id" not in query and query["start_time"]


@responses.activate
def test_hide_unhide_delete_and_reply_bodies() -> None:
    adapter = make()
    for name in ("hide_comment", "unhide_comment", "delete_comment", "reply_to_comment"):
        arrange(CALLS[name], **CALLS[name].ok)
        CALLS[name].run(adapter)
    bodies = [c.request.body for c in responses.calls]
    assert json.loads(bodies[0]) == {"hidden": True}
    assert json.loads(bodies[1]) == {"hidden": False}
    assert responses.calls[2].request.method == "DELETE"
    assert json.loads(bodies[3]) == {"text": "Thanks!", "reply": {"in_reply_to_tweet_id": REPLY_ID}}


@responses.activate
def test_rate_limit_headers_are_remembered() -> None:
    reset = int(time.time()) + 600
    responses.add(
        "GET",
        ME_URL,
        json=payload("users_me.json"),
        headers={
            "x-rate-limit-limit": "75",
            "x-rate-limit-remaining": "74",
            "x-rate-limit-reset": str(reset),
        },
    )
    adapter = make()
    adapter.check_credentials()
    assert adapter.rate_limit.remaining == 74 and adapter.rate_limit.limit == 75
    assert int(adapter.rate_limit.reset_at.timestamp()) == reset


# -- error paths, for every call ------------------------------------------------------------


def _expect(call: Call, error: type[Exception], caplog) -> Exception:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(error) as info:
        call.run(make())
    for secret in SECRETS.values():
        assert secret not in str(info.value) and secret not in caplog.text
    return info.value


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_401_is_an_auth_error(name: str, caplog) -> None:
    arrange(CALLS[name], status=401, json=payload("error_401.json"))
    assert "X_ACCESS_TOKEN" in str(_expect(CALLS[name], AuthError, caplog))


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_429_uses_the_reset_header(name: str, caplog) -> None:
    reset = int(time.time()) + 300
    arrange(
        CALLS[name],
        status=429,
        json=payload("error_429.json"),
        headers={
            "x-rate-limit-limit": "50",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(reset),
        },
    )
    error = _expect(CALLS[name], RateLimited, caplog)
    assert 295 <= error.retry_after <= 300


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_5xx_is_ambiguous_for_writes_and_only_reads_retry(name: str, status: int, caplog) -> None:
    # A gateway can answer any 5xx after X applied a write: the caller must reconcile first.
    call = CALLS[name]
    arrange(call, status=status, json=payload("error_503.json"))
    error = _expect(call, TransientError, caplog)
    assert f"server error {status}" in str(error)
    assert error.ambiguous is (call.method != "GET")
    hits = [
        c
        for c in responses.calls
        if c.request.method == call.method
        and c.response is not None
        and c.response.status_code == status
    ]
    assert len(hits) == (2 if call.method == "GET" else 1)


@pytest.mark.parametrize("status", [500, 503])
@responses.activate
def test_media_upload_server_error_is_ambiguous(tmp_path: Path, status: int, caplog) -> None:
    responses.add("POST", f"{BASE}/2/media/upload", status=status, body="<html>oops</html>")
    responses.add("POST", f"{BASE}/2/tweets", status=201, json=payload("create_tweet.json"))
    image = tmp_path / "flu.png"
    image.write_bytes(b"\x89PNG fake")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TransientError) as info:
        make().publish("With a picture", [image])
    assert info.value.ambiguous is True and "/2/media/upload" in str(info.value)
    assert [urlsplit(c.request.url).path for c in responses.calls] == ["/proxy/2/media/upload"]
    for secret in SECRETS.values():
        assert secret not in str(info.value) and secret not in caplog.text


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_timeout_and_drop_are_ambiguous_for_writes(name: str, caplog) -> None:
    call = CALLS[name]
    arrange(call, body=requests.ReadTimeout("timed out"))
    assert _expect(call, TransientError, caplog).ambiguous is (call.method != "GET")
    responses.replace(
        call.method,
        call.url,
        body=requests.ConnectionError(ProtocolError("Connection aborted.", OSError())),
    )
    assert _expect(call, TransientError, caplog).ambiguous is (call.method != "GET")


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_malformed_json_is_transient(name: str, caplog) -> None:
    call = CALLS[name]
    arrange(call, status=call.ok.get("status", 200), body="<html>")
    error = _expect(call, TransientError, caplog)
    assert "malformed JSON" in str(error) and error.ambiguous is (call.method != "GET")


@responses.activate
def test_duplicate_content_is_rejected(caplog) -> None:
    arrange(CALLS["publish"], status=403, json=payload("error_403_duplicate.json"))
    assert "duplicate" in _expect(CALLS["publish"], Rejected, caplog).reason


@responses.activate
def test_deleting_someone_elses_reply_is_permanent(caplog) -> None:
    body = {
        "title": "Forbidden",
        "detail": "You are not allowed to delete this Tweet.",
        "type": "about:blank",
        "status": 403,
    }
    arrange(CALLS["delete_comment"], status=403, json=body)
    assert XAdapter.can_delete_others is False
    assert "not allowed" in str(_expect(CALLS["delete_comment"], PermanentError, caplog))


@responses.activate
def test_missing_write_permission_is_an_auth_error(caplog) -> None:
    body = {
        "title": "Unsupported Authentication",
        "status": 403,
        "detail": "Your client app is not configured with the appropriate oauth1 app "
        "permissions for this endpoint.",
        "type": "https://api.twitter.com/2/problems/oauth1-permissions",
    }
    arrange(CALLS["publish"], status=403, json=body)
    assert "Read and Write" in str(_expect(CALLS["publish"], AuthError, caplog))


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_success_for_every_call(name: str) -> None:
    arrange(CALLS[name], **CALLS[name].ok)
    CALLS[name].run(make())
    assert all(c.request.url.startswith(BASE + "/2/") for c in responses.calls)


# -- settings and validation ----------------------------------------------------------------


def test_from_env_names_every_missing_setting() -> None:
    with pytest.raises(AuthError) as info:
        XAdapter.from_env({"X_CONSUMER_KEY": "k"})
    for name in ("X_CONSUMER_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"):
        assert name in str(info.value)


def test_validate_counts_urls_and_cjk_like_twitter() -> None:
    url = "https://northsidefm.com/" + "a" * 100
    assert XAdapter.validate(Draft("x" * 256 + " " + url)) == []  # 256 + 1 + 23 = 280
    assert XAdapter.validate(Draft("x" * 257 + " " + url)) == ["x: 281 of 280 characters (1 over)"]
    assert XAdapter.validate(Draft("你" * 141)) == ["x: 282 of 280 characters (2 over)"]
    assert XAdapter.validate(Draft("x" * 260, link="https://northsidefm.com/flu")) == [
        "x: 284 of 280 characters (4 over)"
    ]


def test_validate_media_rules(tmp_path: Path) -> None:
    files = tuple(tmp_path / f"{i}.png" for i in range(5))
    assert XAdapter.validate(Draft("ok", media=files)) == ["x: 5 of 4 media files (1 over)"]
