"""LinkedIn adapter against mocked HTTP (`responses`), payloads shaped like LinkedIn's docs."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests
import responses
from urllib3.exceptions import ProtocolError

from adapters.base import (
    AuthError,
    Draft,
    PermanentError,
    RateLimited,
    Rejected,
    TransientError,
)
from adapters.linkedin import (
    DEFAULT_VERSION,
    LinkedInAdapter,
    escape_little_text,
    unescape_little_text,
)

DATA = Path(__file__).parent / "data" / "adapters" / "linkedin"
BASE = "https://api.linkedin.test"
TOKEN = "li-AQXsecretTOKEN-4242"
ORG = "urn:li:organization:5515715"
POST_URN = "urn:li:share:6844785523593134080"
COMMENT_URN = "urn:li:comment:(urn:li:activity:6844785523593134080,6844785600000000001)"
ENV = {
    "SOCIALBOT_SANDBOX": "1",  # a test host, not api.linkedin.com
    "LINKEDIN_API_BASE": BASE,
    "LINKEDIN_ACCESS_TOKEN": TOKEN,
    "LINKEDIN_ORG_ID": "5515715",
}


def payload(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make() -> LinkedInAdapter:
    return LinkedInAdapter.from_env(ENV, timeout=(0.5, 0.5))


@dataclass
class Call:
    method: str
    url: str | re.Pattern[str]
    run: Callable[[LinkedInAdapter], object]
    ok: dict
    parses_json: bool = True


COMMENTS_URL = re.compile(re.escape(BASE) + r"/rest/socialActions/[^/]+/comments")
CALLS = {
    "publish": Call(
        "POST",
        f"{BASE}/rest/posts",
        lambda a: a.publish("Flu shots are in"),
        {"status": 201, "body": "", "headers": {"x-restli-id": POST_URN}},
        parses_json=False,
    ),
    "find_published": Call(
        "GET",
        f"{BASE}/rest/posts",
        lambda a: a.find_published("An older post"),
        {"json": payload("posts_by_author.json")},
    ),
    "fetch_comments": Call(
        "GET",
        COMMENTS_URL,
        lambda a: a.fetch_comments(POST_URN, None),
        {"json": payload("comments.json")},
    ),
    "reply_to_comment": Call(
        "POST",
        COMMENTS_URL,
        lambda a: a.reply_to_comment(POST_URN, COMMENT_URN, "Thanks for asking!"),
        {"status": 201, "json": payload("comment_created.json")},
    ),
    "delete_comment": Call(
        "DELETE",
        re.compile(re.escape(BASE) + r"/rest/socialActions/[^/]+/comments/\d+"),
        lambda a: a.delete_comment(COMMENT_URN, post_id=POST_URN),
        {"status": 204, "body": ""},
        parses_json=False,
    ),
    "check_credentials": Call(
        "GET",
        f"{BASE}/rest/organizations/5515715",
        lambda a: a.check_credentials(),
        {"json": payload("organization.json")},
        parses_json=False,
    ),
}


def expected_attempts(call: Call) -> int:
    return 2 if call.method == "GET" else 1  # only idempotent reads get their one retry


# -- success paths -------------------------------------------------------------------------


@responses.activate
def test_publish_sends_versioned_headers_and_escaped_commentary() -> None:
    responses.add("POST", f"{BASE}/rest/posts", status=201, headers={"x-restli-id": POST_URN})
    post = make().publish("Walk-ins welcome (Sat) #flu @9am")
    assert post.id == POST_URN
    assert post.url == f"https://www.linkedin.com/feed/update/{POST_URN}/"
    sent = responses.calls[0].request
    assert sent.headers["LinkedIn-Version"] == DEFAULT_VERSION == "202603"
    assert sent.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    body = json.loads(sent.body)
    assert body["author"] == ORG
    assert body["commentary"] == r"Walk-ins welcome \(Sat\) \#flu \@9am"
    assert body["lifecycleState"] == "PUBLISHED" and body["visibility"] == "PUBLIC"
    assert body["distribution"]["feedDistribution"] == "MAIN_FEED"
    assert "content" not in body


@responses.activate
def test_publish_with_images_uploads_each_then_references_them(tmp_path: Path) -> None:
    upload = payload("image_initialize.json")["value"]
    responses.add("POST", f"{BASE}/rest/images", json=payload("image_initialize.json"))
    responses.add("PUT", upload["uploadUrl"].split("?")[0], status=201)
    responses.add("POST", f"{BASE}/rest/posts", status=201, headers={"x-restli-id": POST_URN})
    one, two = tmp_path / "a.png", tmp_path / "b.jpg"
    one.write_bytes(b"\x89PNG fake")
    two.write_bytes(b"\xff\xd8 fake")

    make().publish("Two pictures", [one, two])

    init = responses.calls[0].request
    assert parse_qs(urlsplit(init.url).query)["action"] == ["initializeUpload"]
    assert json.loads(init.body) == {"initializeUploadRequest": {"owner": ORG}}
    assert responses.calls[1].request.body == b"\x89PNG fake"
    body = json.loads(responses.calls[-1].request.body)
    assert body["content"] == {
        "multiImage": {"images": [{"id": upload["image"]}, {"id": upload["image"]}]}
    }


@responses.activate
def test_publish_with_one_image_uses_media_content(tmp_path: Path) -> None:
    responses.add("POST", f"{BASE}/rest/images", json=payload("image_initialize.json"))
    responses.add("PUT", re.compile(r"https://www\.linkedin\.com/dms-uploads/.*"), status=201)
    responses.add("POST", f"{BASE}/rest/posts", status=201, headers={"x-restli-id": POST_URN})
    image = tmp_path / "a.png"
    image.write_bytes(b"png")
    make().publish("One picture", [image])
    body = json.loads(responses.calls[-1].request.body)
    assert body["content"] == {"media": {"id": "urn:li:image:C4E10AQFoyyAjHPMQuQ"}}


@responses.activate
def test_find_published_matches_unescaped_commentary_and_encodes_the_author() -> None:
    responses.add("GET", f"{BASE}/rest/posts", json=payload("posts_by_author.json"))
    found = make().find_published("Flu shots are in (walk-ins welcome) #health https://x.co/1")
    assert found is not None and found.id == POST_URN
    query = urlsplit(responses.calls[0].request.url).query
    assert "author=urn%3Ali%3Aorganization%3A5515715" in query
    assert parse_qs(query)["q"] == ["author"]


@responses.activate
def test_find_published_respects_since_and_misses_unknown_text() -> None:
    from datetime import UTC, datetime

    responses.add("GET", f"{BASE}/rest/posts", json=payload("posts_by_author.json"))
    adapter = make()
    assert adapter.find_published("An older post", since=datetime(2024, 10, 1, tzinfo=UTC)) is None
    assert adapter.find_published("An older post") is not None
    assert adapter.find_published("never published") is None


@responses.activate
def test_fetch_comments_skips_our_own_and_advances_the_cursor() -> None:
    responses.add("GET", COMMENTS_URL, json=payload("comments.json"))
    adapter = make()
    comments, cursor = adapter.fetch_comments(POST_URN, None)
    assert [c.text for c in comments] == ["Do you take walk-ins on Saturday?", "Worst clinic ever"]
    assert comments[0].id == COMMENT_URN and comments[0].author == "urn:li:person:A1b2C3"
    assert comments[0].created_at.timestamp() == 1730000100
    path = urlsplit(responses.calls[0].request.url).path
    assert unquote(path.split("/")[3]) == POST_URN and "%3A" in path
    again, same = adapter.fetch_comments(POST_URN, cursor)
    assert again == [] and same == cursor


@responses.activate
def test_reply_posts_a_nested_comment() -> None:
    responses.add("POST", COMMENTS_URL, status=201, json=payload("comment_created.json"))
    reply = make().reply_to_comment(POST_URN, COMMENT_URN, "Thanks for asking!")
    assert reply.id == payload("comment_created.json")["commentUrn"]
    body = json.loads(responses.calls[0].request.body)
    assert body == {
        "actor": ORG,
        "object": POST_URN,
        "message": {"text": "Thanks for asking!"},
        "parentComment": COMMENT_URN,
    }
    assert unquote(urlsplit(responses.calls[0].request.url).path.split("/")[3]) == COMMENT_URN


@responses.activate
def test_delete_comment_addresses_the_post_and_actor() -> None:
    """Comments API "Delete a Comment": socialActions/{share|ugcPost URN}/comments/{id}, not
    the activity URN the comment URN embeds."""
    responses.add("DELETE", CALLS["delete_comment"].url, status=204)
    make().delete_comment(COMMENT_URN, post_id=POST_URN)
    url = urlsplit(responses.calls[0].request.url)
    assert unquote(url.path.split("/")[3]) == POST_URN
    assert url.path.endswith("/comments/6844785600000000001")
    assert parse_qs(url.query)["actor"] == [ORG]


@responses.activate
def test_delete_a_nested_reply_addresses_its_parent_comment() -> None:
    responses.add("DELETE", CALLS["delete_comment"].url, status=204)
    reply = "urn:li:comment:(urn:li:activity:6844785523593134080,6844785600000000002)"
    make().delete_comment(reply, post_id=POST_URN, parent_id=COMMENT_URN)
    url = urlsplit(responses.calls[0].request.url)
    assert unquote(url.path.split("/")[3]) == COMMENT_URN
    assert url.path.endswith("/comments/6844785600000000002")


def test_hiding_is_not_possible_on_linkedin() -> None:
    adapter = make()
    assert LinkedInAdapter.can_hide is False
    for action in (adapter.hide_comment, adapter.unhide_comment):
        with pytest.raises(PermanentError, match="linkedin: comments cannot be hidden"):
            action(COMMENT_URN)


def test_delete_rejects_a_malformed_comment_id() -> None:
    with pytest.raises(PermanentError, match="urn:li:comment"):
        make().delete_comment("not-a-comment", post_id=POST_URN)


# -- error paths, for every call ------------------------------------------------------------


def _fail(call: Call, **kwargs: object) -> None:
    responses.add(call.method, call.url, **kwargs)


def _expect(call: Call, error: type[Exception], caplog: pytest.LogCaptureFixture) -> Exception:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(error) as info:
        call.run(make())
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value.args)
    assert TOKEN not in caplog.text
    return info.value


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_auth_failure_names_the_token_to_renew(name: str, caplog) -> None:
    call = CALLS[name]
    _fail(call, status=401, json=payload("error_401.json"))
    error = _expect(call, AuthError, caplog)
    assert "LINKEDIN_ACCESS_TOKEN" in str(error)
    assert len(responses.calls) == 1


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_rate_limit_carries_retry_after(name: str, caplog) -> None:
    call = CALLS[name]
    _fail(call, status=429, json=payload("error_429.json"), headers={"Retry-After": "120"})
    error = _expect(call, RateLimited, caplog)
    assert error.retry_after == 120


@responses.activate
def test_rate_limit_without_header_waits_for_the_daily_reset(caplog) -> None:
    call = CALLS["publish"]
    _fail(call, status=429, json=payload("error_429.json"))
    error = _expect(call, RateLimited, caplog)
    assert 0 < error.retry_after <= 86400


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_server_error_is_ambiguous_for_writes_and_only_reads_are_retried(
    name: str, status: int, caplog
) -> None:
    # A gateway can answer any 5xx after LinkedIn applied a write: the caller must reconcile.
    call = CALLS[name]
    _fail(call, status=status, json=payload("error_500.json"))
    error = _expect(call, TransientError, caplog)
    assert f"server error {status}" in str(error)
    assert error.ambiguous is (call.method != "GET")
    assert len(responses.calls) == expected_attempts(call)


@pytest.mark.parametrize("failing", ["initialize", "upload"])
@responses.activate
def test_image_upload_server_error_is_ambiguous(tmp_path: Path, failing: str, caplog) -> None:
    upload_url = re.compile(r"https://www\.linkedin\.com/dms-uploads/.*")
    if failing == "initialize":
        responses.add("POST", f"{BASE}/rest/images", status=503, body="<html>busy</html>")
    else:
        responses.add("POST", f"{BASE}/rest/images", json=payload("image_initialize.json"))
        responses.add("PUT", upload_url, status=502, body="<html>Bad Gateway</html>")
    responses.add("POST", f"{BASE}/rest/posts", status=201, headers={"x-restli-id": POST_URN})
    image = tmp_path / "a.png"
    image.write_bytes(b"png")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TransientError) as info:
        make().publish("One picture", [image])
    assert info.value.ambiguous is True
    assert not [c for c in responses.calls if c.request.url.endswith("/rest/posts")]
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_read_timeout_is_ambiguous_for_writes(name: str, caplog) -> None:
    call = CALLS[name]
    _fail(call, body=requests.ReadTimeout("read timed out"))
    error = _expect(call, TransientError, caplog)
    assert error.ambiguous is (call.method != "GET")
    assert len(responses.calls) == expected_attempts(call)


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_dropped_connection_is_ambiguous_for_writes(name: str, caplog) -> None:
    call = CALLS[name]
    dropped = requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError()))
    _fail(call, body=dropped)
    error = _expect(call, TransientError, caplog)
    assert error.ambiguous is (call.method != "GET")


@pytest.mark.parametrize("name", [n for n, c in CALLS.items() if c.parses_json])
@responses.activate
def test_malformed_json_is_transient(name: str, caplog) -> None:
    call = CALLS[name]
    _fail(call, status=call.ok.get("status", 200), body="<html>oops</html>")
    error = _expect(call, TransientError, caplog)
    assert "malformed JSON" in str(error)
    assert error.ambiguous is (call.method != "GET")


@responses.activate
def test_publish_without_an_id_header_is_ambiguous(caplog) -> None:
    _fail(CALLS["publish"], status=201, body="")
    error = _expect(CALLS["publish"], TransientError, caplog)
    assert error.ambiguous is True


@responses.activate
def test_duplicate_content_is_rejected(caplog) -> None:
    _fail(CALLS["publish"], status=422, json=payload("error_422_duplicate.json"))
    error = _expect(CALLS["publish"], Rejected, caplog)
    assert "duplicate" in error.reason


@pytest.mark.parametrize("name", CALLS)
@responses.activate
def test_success_for_every_call(name: str) -> None:
    call = CALLS[name]
    responses.add(call.method, call.url, **call.ok)
    call.run(make())
    assert responses.calls[0].request.headers["X-Restli-Protocol-Version"] == "2.0.0"


# -- settings and validation ----------------------------------------------------------------


def test_from_env_names_missing_settings() -> None:
    with pytest.raises(AuthError, match="LINKEDIN_ACCESS_TOKEN"):
        LinkedInAdapter.from_env({"LINKEDIN_ORG_ID": "1"})


def test_version_is_overridable_and_checked() -> None:
    adapter = LinkedInAdapter.from_env({**ENV, "LINKEDIN_VERSION": "202601"})
    assert adapter.http.session.headers["LinkedIn-Version"] == "202601"
    with pytest.raises(PermanentError, match="YYYYMM"):
        LinkedInAdapter.from_env({**ENV, "LINKEDIN_VERSION": "latest"})


def test_validate_names_the_overrun() -> None:
    assert LinkedInAdapter.validate(Draft("a" * 3000)) == []
    assert LinkedInAdapter.validate(Draft("a" * 3001)) == [
        "linkedin: 3001 of 3000 characters (1 over)"
    ]
    assert LinkedInAdapter.validate(Draft("x", media=(Path("clip.mp4"),))) == [
        "linkedin: clip.mp4: .mp4 is not a supported image type"
    ]


@pytest.mark.parametrize(
    "text", ["plain", r"a\b", "(x) [y] {z} <w> #tag @who *b* _i_ ~s~ |p|", "emoji 😀 (ok)"]
)
def test_little_text_escaping_round_trips(text: str) -> None:
    escaped = escape_little_text(text)
    assert unescape_little_text(escaped) == text
    assert not re.search(r"(?<!\\)[(){}\[\]<>#@*_~|]", escaped)
