"""Checks that run before anything is parsed or acted on: size, signature or token, form shape."""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MAX_BODY = 16 * 1024  # a slash command is a few KiB at most
# A button click carries the whole message it sits on: a long post with emoji encodes to
# about 30 KiB, and a click refused for size is silently lost in Slack.
MAX_ACTION_BODY = 64 * 1024
MAX_FIELDS = 64
REPLAY_WINDOW = 5 * 60  # seconds, Slack's own window for a signed request


class Rejected(Exception):
    """A request refused before it reached the command layer (status, one-line reason)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_capped(headers: Mapping[str, str], stream: AsyncIterator[bytes],
                      limit: int = MAX_BODY) -> bytes:
    """The raw body, refused (413) once it passes ``limit``, whatever Content-Length claims."""
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isascii() or not declared.isdigit():
            raise Rejected(400, "malformed Content-Length header")
        if int(declared) > limit:
            raise Rejected(413, f"request body larger than {limit} bytes refused")
    chunks, size = [], 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            raise Rejected(413, f"request body larger than {limit} bytes refused")
        chunks.append(chunk)
    return b"".join(chunks)


def slack_signature_ok(secret: str, body: bytes, headers: Mapping[str, str]) -> bool:
    """Slack's v0 signature over the raw body, with its 5-minute replay window."""
    from slack_sdk.signature import SignatureVerifier

    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature or not timestamp.isascii() or not timestamp.isdigit():
        return False
    try:
        return SignatureVerifier(secret).is_valid(body, timestamp, signature)
    except (ValueError, UnicodeDecodeError):  # a body that is not UTF-8 cannot be Slack's
        return False


class ReplayGuard:
    """Remembers the signed requests seen within the replay window: a captured request sent
    again byte for byte (say, `approve 5` after the post was edited) is refused.

    Per process; several daemons behind one URL each keep their own memory.
    """

    def __init__(self, window: float = REPLAY_WINDOW, clock: Callable[[], float] = time.time
                 ) -> None:
        self.window = window
        self.clock = clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_time(self, signature: str) -> bool:
        now = self.clock()
        with self._lock:
            self._seen = {sig: until for sig, until in self._seen.items() if until > now}
            if signature in self._seen:
                return False
            self._seen[signature] = now + 2 * self.window  # past both edges of the window
            return True


def token_ok(expected: str, given: str | None) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def parse_form(body: bytes) -> dict[str, str]:
    """A strict x-www-form-urlencoded parse: UTF-8, well formed, each field once."""
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text),
                          max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Rejected(400, "malformed form body") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise Rejected(400, "malformed form body: a field appears twice")
        form[key] = value
    return form


def required(form: Mapping[str, str], *names: str) -> list[str]:
    missing = [name for name in names if not form.get(name)]
    if missing:
        raise Rejected(400, f"malformed request: missing {', '.join(missing)}")
    return [form[name] for name in names]


def check_response_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise Rejected(400, "malformed request: response_url is not an http(s) URL")
    return url


def _text(value: Any, what: str, limit: int = 2000) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise Rejected(400, f"malformed interaction payload: {what}")
    return value


def parse_block_action(form: Mapping[str, str]) -> dict[str, Any]:
    """The parts of a Slack block_actions payload socialbot uses: who, which button, reason."""
    (raw,) = required(form, "payload")
    try:
        payload = json.loads(raw)
    except ValueError:
        raise Rejected(400, "malformed interaction payload: not JSON") from None
    if not isinstance(payload, dict) or payload.get("type") != "block_actions":
        raise Rejected(400, "unsupported interaction: only button clicks (block_actions)")
    user, actions = payload.get("user"), payload.get("actions")
    if not isinstance(user, dict) or not isinstance(actions, list) or len(actions) != 1 \
            or not isinstance(actions[0], dict):
        raise Rejected(400, "malformed interaction payload: user or actions")
    action = actions[0]
    return {
        "user_id": _text(user.get("id"), "user id", 64),
        "action_id": _text(action.get("action_id"), "action_id", 255),
        "value": _text(action.get("value"), "button value"),
        "response_url": check_response_url(_text(payload.get("response_url"), "response_url")),
        "reason": _reason(payload),
    }


def _reason(payload: dict[str, Any]) -> str | None:
    from social_bot.chat.render import REASON_BLOCK, REASON_INPUT

    node: Any = payload
    for key in ("state", "values", REASON_BLOCK, REASON_INPUT, "value"):
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, str) else None
