"""Each adapter end to end over loopback HTTP against the sandbox: nothing changed but the base
URLs. Read timeouts are short and the sandbox's timeout fault is held just past them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from adapters import PLATFORMS, adapter_class
from adapters.base import (
    Adapter,
    AuthError,
    PermanentError,
    RateLimited,
    Rejected,
    TransientError,
)
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox

READ_TIMEOUT = 0.4
MENTION = {"linkedin": "", "facebook": "", "x": "@sandbox_practice "}
FAULT_DELAY = 1.0


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox", fault_delay=FAULT_DELAY) as server:
        yield server


@pytest.fixture(autouse=True)
def fresh(sandbox: SandboxServer) -> None:
    control(sandbox, "POST", "/_sandbox/reset")


def control(sandbox: SandboxServer, method: str, path: str, body: dict | None = None):
    response = requests.request(method, sandbox.url + path, json=body, timeout=5)
    assert response.status_code < 400, response.text
    return response.json()


def make(sandbox: SandboxServer, platform: str, **overrides: str) -> Adapter:
    env = {**sandbox_env(sandbox.url, "sandbox"), **overrides}
    return adapter_class(platform).from_env(env, timeout=(1.0, READ_TIMEOUT))


def comment(sandbox: SandboxServer, platform: str, post_id: str, text: str, author: str) -> str:
    body = {"platform": platform, "post_id": post_id, "text": text, "author": author}
    return control(sandbox, "POST", "/_sandbox/comments", body)["id"]


def sandbox_comment(sandbox: SandboxServer, comment_id: str) -> dict:
    return next(c for c in control(sandbox, "GET", "/_sandbox/comments") if c["id"] == comment_id)


def posts_with_text(sandbox: SandboxServer, platform: str, text: str) -> list[dict]:
    return [p for p in control(sandbox, "GET", "/_sandbox/posts")[platform] if p["text"] == text]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_publish_then_find_published(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    adapter.check_credentials()
    text = f"Flu shots are in (walk-ins welcome) #health on {platform}"
    post = adapter.publish(text)
    stored = posts_with_text(sandbox, platform, text)
    assert [p["id"] for p in stored] == [post.id]
    found = adapter.find_published(text)
    assert found is not None and found.id == post.id
    assert adapter.find_published("never published") is None


@pytest.mark.parametrize("platform", PLATFORMS)
def test_publish_with_media(sandbox: SandboxServer, platform: str, tmp_path: Path) -> None:
    images = [tmp_path / "one.png", tmp_path / "two.jpg"]
    for image in images:
        image.write_bytes(b"\x89PNG sandbox image")
    adapter = make(sandbox, platform)
    single = adapter.publish("One picture", images[:1])
    double = adapter.publish("Two pictures", images)
    stored = {p["id"]: p for p in control(sandbox, "GET", "/_sandbox/posts")[platform]}
    assert len(stored[single.id]["media"]) == 1
    assert len(stored[double.id]["media"]) == 2


@pytest.mark.parametrize("platform", PLATFORMS)
def test_comments_arrive_once_with_the_cursor(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    post = adapter.publish("Open on Saturday")
    first = comment(sandbox, platform, post.id, "Great news", "Sam Roe")
    second = comment(sandbox, platform, post.id, "Worst clinic ever", "Pat Doe")

    comments, cursor = adapter.fetch_comments(post.id, None)
    assert [c.id for c in comments] == [first, second]
    assert [c.text for c in comments] == ["Great news", "Worst clinic ever"]
    assert "Pat" in comments[1].author

    assert adapter.fetch_comments(post.id, cursor)[0] == []
    third = comment(sandbox, platform, post.id, "What time?", "Lee Poe")
    later, cursor = adapter.fetch_comments(post.id, cursor)
    assert [c.id for c in later] == [third]
    assert adapter.fetch_comments(post.id, cursor)[0] == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_hide_and_unhide(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    post = adapter.publish("Hide test")
    cid = comment(sandbox, platform, post.id, "My chart number is 12345", "Pat Doe")
    if not adapter.can_hide:
        with pytest.raises(PermanentError, match="cannot be hidden"):
            adapter.hide_comment(cid)
        return
    adapter.hide_comment(cid)
    assert sandbox_comment(sandbox, cid)["hidden"] is True
    if platform == "facebook":
        assert adapter.fetch_comments(post.id, None)[0][0].hidden is True
    adapter.unhide_comment(cid)
    assert sandbox_comment(sandbox, cid)["hidden"] is False


@pytest.mark.parametrize("platform", PLATFORMS)
def test_reply_then_delete(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    post = adapter.publish("Reply test")
    # On X an app may reply only to someone who mentioned the account.
    cid = comment(sandbox, platform, post.id, f"{MENTION[platform]}Do you take walk-ins?",
                  "Sam Roe")
    reply = adapter.reply_to_comment(post.id, cid, "Yes, 9 to 12.")
    stored = sandbox_comment(sandbox, reply.id)
    assert stored["parent_id"] == cid and stored["text"] == "Yes, 9 to 12."
    # our own reply is not handed back as a comment to moderate
    assert [c.id for c in adapter.fetch_comments(post.id, None)[0]] == [cid]

    if adapter.can_delete_others:
        adapter.delete_comment(reply.id, post_id=post.id, parent_id=cid)
        assert sandbox_comment(sandbox, reply.id)["deleted"] is True
        adapter.delete_comment(cid, post_id=post.id)
        assert sandbox_comment(sandbox, cid)["deleted"] is True
        assert adapter.fetch_comments(post.id, None)[0] == []
    else:
        with pytest.raises(PermanentError):
            adapter.delete_comment(cid, post_id=post.id)
        adapter.delete_comment(reply.id, post_id=post.id, parent_id=cid)
        assert sandbox_comment(sandbox, reply.id)["deleted"] is True


@pytest.mark.parametrize("platform", PLATFORMS)
def test_wrong_token_is_the_platforms_auth_error(sandbox: SandboxServer, platform: str) -> None:
    wrong = {
        name: "not-the-sandbox-token"
        for name, value in sandbox_env(sandbox.url, "sandbox").items()
        if value == "sandbox"
    }
    adapter = make(sandbox, platform, **wrong)
    for action in (adapter.check_credentials, lambda: adapter.publish("nope")):
        with pytest.raises(AuthError) as info:
            action()
        assert "not-the-sandbox-token" not in str(info.value)
    assert control(sandbox, "GET", "/_sandbox/posts")[platform] == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_duplicate_is_rejected(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    adapter.publish("Same words twice")
    with pytest.raises(Rejected, match="duplicate") as info:
        adapter.publish("Same words twice")
    assert info.value.duplicate  # marked from the platform's error, not guessed by the daemon


def set_fault(sandbox: SandboxServer, platform: str, mode: str, every: int = 1) -> None:
    control(
        sandbox, "POST", "/_sandbox/faults", {"platform": platform, "mode": mode, "every": every}
    )


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fault_429_is_rate_limited(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    set_fault(sandbox, platform, "429")
    with pytest.raises(RateLimited) as info:
        adapter.publish("Rate limited post")
    assert info.value.retry_after is not None and info.value.retry_after > 0
    set_fault(sandbox, platform, "429", every=0)
    assert adapter.find_published("Rate limited post") is None


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fault_500_on_publish_is_ambiguous_and_reconciles_to_a_retry(
    sandbox: SandboxServer, platform: str
) -> None:
    # A 5xx to a write may come after the platform applied it, so it is ambiguous; here the
    # sandbox refused before applying, and reconciliation finds nothing and retries.
    adapter = make(sandbox, platform)
    text = "Server error post"
    set_fault(sandbox, platform, "500")
    with pytest.raises(TransientError) as info:
        adapter.publish(text)
    assert info.value.ambiguous is True
    set_fault(sandbox, platform, "500", every=0)
    assert adapter.find_published(text) is None
    assert posts_with_text(sandbox, platform, text) == []
    retried = adapter.publish(text)
    assert [p["id"] for p in posts_with_text(sandbox, platform, text)] == [retried.id]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fault_500_on_reply_is_ambiguous_and_not_applied(
    sandbox: SandboxServer, platform: str
) -> None:
    adapter = make(sandbox, platform)
    post = adapter.publish("Reply under a server error")
    cid = comment(sandbox, platform, post.id, f"{MENTION[platform]}Open on Sunday?", "Sam Roe")
    set_fault(sandbox, platform, "500")
    with pytest.raises(TransientError) as info:
        adapter.reply_to_comment(post.id, cid, "No, Saturdays only.")
    assert info.value.ambiguous is True
    set_fault(sandbox, platform, "500", every=0)
    texts = [c["text"] for c in control(sandbox, "GET", "/_sandbox/comments")]
    assert "No, Saturdays only." not in texts


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fault_500_on_a_read_is_not_ambiguous(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    adapter.check_credentials()  # X looks up its own user id once, before the fault
    set_fault(sandbox, platform, "500")
    with pytest.raises(TransientError) as info:
        adapter.find_published("Anything")
    assert info.value.ambiguous is False


@pytest.mark.parametrize("mode", ["timeout", "drop_after_apply"])
@pytest.mark.parametrize("platform", PLATFORMS)
def test_lost_answers_are_ambiguous_and_reconcile_to_one_post(
    sandbox: SandboxServer, platform: str, mode: str
) -> None:
    adapter = make(sandbox, platform)
    text = f"Applied but unanswered ({mode})"
    set_fault(sandbox, platform, mode)
    with pytest.raises(TransientError) as info:
        adapter.publish(text)
    assert info.value.ambiguous is True
    set_fault(sandbox, platform, mode, every=0)
    found = adapter.find_published(text)
    stored = posts_with_text(sandbox, platform, text)
    assert found is not None and [p["id"] for p in stored] == [found.id]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fault_every_n_hits_only_every_nth_request(sandbox: SandboxServer, platform: str) -> None:
    adapter = make(sandbox, platform)
    set_fault(sandbox, platform, "500", every=2)
    adapter.publish("first goes through")
    with pytest.raises(TransientError):
        adapter.publish("second fails")
    adapter.publish("third goes through")
    texts = {p["text"] for p in control(sandbox, "GET", "/_sandbox/posts")[platform]}
    assert texts == {"first goes through", "third goes through"}
