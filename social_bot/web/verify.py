"""Checks that run before anything is parsed or acted on: size, signature or token, form shape."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

MAX_BODY = 16 * 1024  # a slash command is a few KiB at most
# A button click carries the whole message it sits on (its blocks and its fallback text),
# and a click refused for size is silently lost in Slack. Sized for the largest card
# socialbot posts: the post's text quoted on the blocks (render.SLACK_TEXT_CHARS, 12,000
# characters) and again in a `show` answer's text (render.MATTERMOST_POST_CHARS, 16,000),
# at up to 16 bytes a character (one outside the BMP is a JSON surrogate pair, "\ud83c\udf89",
# with each backslash form-encoded as %5C), with room for the rest of the card, a 500-character
# reason and Slack's own fields. Measured (session 55): a `show` card of 20,000 emoji, the
# largest, 447,712 bytes so encoded (336,712 in UTF-8); 8,000 Cyrillic characters 121,729.
# 64 KiB (session 44) refused the Approve click on any card of about 6,000 non-Latin
# characters (session 55, A2).
MAX_ACTION_BODY = 512 * 1024
MAX_FIELDS = 64
REPLAY_WINDOW = 5 * 60  # seconds, Slack's own window for a signed request
BODY_TIMEOUT = 10.0  # seconds to receive a whole body (SOCIALBOT_HTTP_BODY_TIMEOUT)
MAX_JSON_DEPTH = 32  # a Slack interaction payload nests about 8 deep
# A user or team id, command or button: Slack's are about 11 characters, Mattermost's 26.
# Longer ones were taken from a command as they came (a button's were not): on PostgreSQL
# the refusal counter's insert failed (identity columns hold 200) and the person got
# "Something went wrong", on SQLite an audited refusal (session 55, A3).
MAX_ID = 64


class Rejected(Exception):
    """A request refused before it reached the command layer (status, one-line reason)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_capped(headers: Mapping[str, str], stream: AsyncIterator[bytes],
                      limit: int = MAX_BODY, timeout: float = BODY_TIMEOUT) -> bytes:
    """The raw body, refused (413) once it passes ``limit``, whatever Content-Length claims,
    and (408) if it has not all arrived within ``timeout`` seconds: a client trickling a
    body byte by byte would otherwise hold a connection and a slot for ever."""
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isascii() or not declared.isdigit():
            raise Rejected(400, "malformed Content-Length header")
        if int(declared) > limit:
            raise Rejected(413, f"request body larger than {limit} bytes refused")
    from starlette.requests import ClientDisconnect

    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in stream:
                size += len(chunk)
                if size > limit:
                    raise Rejected(413, f"request body larger than {limit} bytes refused")
                chunks.append(chunk)
    except TimeoutError:
        raise Rejected(408, f"the request body did not arrive within {timeout:g} s") from None
    except ClientDisconnect:  # was a 500 and a logged traceback, for anyone who hangs up
        raise Rejected(400, "the client closed the connection before the body arrived"
                       ) from None
    return b"".join(chunks)


def slack_signature_ok(secret: str, body: bytes, headers: Mapping[str, str]) -> bool:
    """Slack's v0 signature over the raw body, with its 5-minute replay window."""
    from slack_sdk.signature import SignatureVerifier

    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature or not timestamp.isascii() or not timestamp.isdigit():
        return False
    if not signature.isascii():  # hmac.compare_digest raises on it: was a 500 and a traceback
        return False
    try:
        return SignatureVerifier(secret).is_valid(body, timestamp, signature)
    except (ValueError, UnicodeDecodeError):  # a body that is not UTF-8 cannot be Slack's
        return False


def slack_clock_skew(secret: str, body: bytes, headers: Mapping[str, str],
                     now: float | None = None) -> int | None:
    """Seconds this server's clock is ahead of a request's timestamp (behind: negative) when
    the request is signed with the right secret but falls outside the replay window, so was
    refused; None for any other refusal. Refused alike, a daemon whose clock drifted looked
    like one with a wrong secret (session 55's attack review): the log can now tell them
    apart. Only the holder of the secret can sign, so a stranger cannot make it say so."""
    import time

    from slack_sdk.signature import SignatureVerifier

    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not (timestamp.isascii() and timestamp.isdigit() and signature.isascii()):
        return None
    try:
        skew = int(time.time() if now is None else now) - int(timestamp)
        expected = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    except (ValueError, UnicodeDecodeError):  # over 4,300 digits; a body not UTF-8
        return None
    if abs(skew) <= REPLAY_WINDOW or not expected:
        return None
    return skew if hmac.compare_digest(expected, signature) else None


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
    if missing:  # response_url: where the reply goes, its host listed in the setting below
        where = (" (the chat server sends it with each command; its host must be listed in "
                 "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES)" if "response_url" in missing else "")
        raise Rejected(400, f"malformed request: missing {', '.join(missing)}{where}")
    return [form[name] for name in names]


def bad_id(value: str) -> str | None:
    """Why ``value`` cannot be a chat user or team id (None: it can). Over MAX_ID
    characters, or holding a character that is not printable (a NUL, a line break, a bidi
    control): Slack's and Mattermost's ids are letters and digits. A NUL was taken as it
    came: SQLite audited the refusal, PostgreSQL refused the insert and the person got
    "Something went wrong" (session 55's re-read of the A3 fix)."""
    if len(value) > MAX_ID:
        return f"is longer than {MAX_ID} characters"
    if not value.isprintable():
        return "holds a control character"
    return None


def check_ids(form: Mapping[str, str]) -> None:
    """400 for a command whose ``user_id`` or ``team_id`` is not a possible id (``bad_id``),
    before the command layer reads it; a button's are checked the same
    (``parse_block_action``)."""
    for name in ("user_id", "team_id"):
        why = bad_id(form.get(name, ""))
        if why:
            raise Rejected(400, f"malformed request: {name} {why}")


def check_response_url(url: str, prefixes: Sequence[str] = ("https://hooks.slack.com/",)
                       ) -> str:
    """``url`` if it is under one of ``prefixes`` (scheme, host, port when the prefix names
    one, path prefix); otherwise 400. Replies are POSTed there, so without this check a
    signed request could make the daemon call any host, internal ones included."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Rejected(400, "malformed request: response_url is not a URL") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Rejected(400, "malformed request: response_url is not an http(s) URL")
    if parts.username is not None or parts.password is not None or "\\" in url:
        raise Rejected(400, "malformed request: response_url carries credentials")
    if any(segment in (".", "..") for segment in unquote(parts.path).split("/")):
        # The HTTP client resolves "/hooks/../api" to "/api": past the allowed path prefix.
        raise Rejected(400, "malformed request: response_url has a '.' or '..' segment")
    for prefix in prefixes:
        allowed = urlsplit(prefix)
        if (parts.scheme == allowed.scheme and parts.hostname == allowed.hostname
                and (allowed.port is None or port == allowed.port)
                and (parts.path or "/").startswith(allowed.path or "/")):
            return url
    raise Rejected(400, "response_url is not on an allowed chat host (only "
                        + ", ".join(prefixes) + "; see SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES)")


def json_depth(raw: str) -> int:
    """How deeply ``raw`` nests arrays and objects (brackets inside strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _text(value: Any, what: str, limit: int = 2000) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise Rejected(400, f"malformed interaction payload: {what}")
    return value


def slack_teams(env: Mapping[str, str]) -> frozenset[str]:
    """The Slack workspace id(s) the door takes requests from (SLACK_TEAM_ID, comma-separated
    for an Enterprise Grid practice with several); empty: any workspace the app is in."""
    return frozenset(t.strip() for t in (env.get("SLACK_TEAM_ID") or "").split(",") if t.strip())


def check_slack_team(allowed: frozenset[str], team_id: str) -> None:
    """An approver is a user id *in the practice's workspace*: the same signing secret signs
    requests from every workspace the app is installed in, and a user id is unique only
    within one (session 50 attack review, note on the Slack identity)."""
    if allowed and team_id not in allowed:
        raise Rejected(403, "this request comes from a Slack workspace socialbot does not "
                            "serve (SLACK_TEAM_ID); nothing was done")


def slack_team_warning(env: Mapping[str, str]) -> str | None:
    """`socialbot check`'s warning when the Slack door takes any workspace; silent when only
    Mattermost is set up."""
    if slack_teams(env) or (env.get("MATTERMOST_TOKEN") and not env.get("SLACK_SIGNING_SECRET")):
        return None
    return ("SLACK_TEAM_ID is not set: the Slack door takes signed requests from every "
            "workspace the app is installed in; set it to your workspace's id (T...) in the "
            "daemon's settings")


# Shorter than this, a signing secret or command token is not one Slack or Mattermost made
# (Slack's are 32 hex digits, Mattermost's 26 characters) and may be guessable.
MIN_SECRET = 20


def weak_secret_warnings(env: Mapping[str, str]) -> list[str]:
    """`socialbot check`'s warnings for a chat secret too short to be the one the chat
    server generated (``MATTERMOST_TOKEN=test`` was taken: session 55's attack review).
    Only the length is said, never the value."""
    warnings = []
    for name, whose in (("SLACK_SIGNING_SECRET", "Slack's are 32 characters"),
                        ("MATTERMOST_TOKEN", "Mattermost's are 26")):
        value = (env.get(name) or "").strip()
        if value and len(value) < MIN_SECRET:
            warnings.append(f"{name} is only {len(value)} characters ({whose}): anyone who "
                            "guesses it can act as any approver; paste the one the chat "
                            "server generated")
    return warnings


def parse_block_action(form: Mapping[str, str],
                       prefixes: Sequence[str] = ("https://hooks.slack.com/",)) -> dict[str, Any]:
    """The parts of a Slack block_actions payload socialbot uses: who, which button, reason."""
    (raw,) = required(form, "payload")
    if json_depth(raw) > MAX_JSON_DEPTH:  # json.loads recurses: 5,000 levels crash it
        raise Rejected(400, f"malformed interaction payload: nested deeper than "
                            f"{MAX_JSON_DEPTH} levels")
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        raise Rejected(400, "malformed interaction payload: not JSON") from None
    if not isinstance(payload, dict) or payload.get("type") != "block_actions":
        raise Rejected(400, "unsupported interaction: only button clicks (block_actions)")
    user, actions = payload.get("user"), payload.get("actions")
    if not isinstance(user, dict) or not isinstance(actions, list) or len(actions) != 1 \
            or not isinstance(actions[0], dict):
        raise Rejected(400, "malformed interaction payload: user or actions")
    action = actions[0]
    team = payload.get("team")
    team_id = (team.get("id") if isinstance(team, dict) else None) or user.get("team_id")
    if isinstance(team_id, str) and bad_id(team_id):
        raise Rejected(400, "malformed interaction payload: team id")
    user_id = _text(user.get("id"), "user id", MAX_ID)
    if bad_id(user_id):
        raise Rejected(400, "malformed interaction payload: user id")
    return {
        "user_id": user_id,
        "team_id": team_id if isinstance(team_id, str) else "",
        "action_id": _text(action.get("action_id"), "action_id", 255),
        "value": _text(action.get("value"), "button value"),
        "response_url": check_response_url(_text(payload.get("response_url"), "response_url"),
                                           prefixes),
        "reason": _reason(payload),
    }


def _reason(payload: dict[str, Any]) -> str | None:
    from social_bot.chat.render import REASON_BLOCK, REASON_INPUT

    node: Any = payload
    for key in ("state", "values", REASON_BLOCK, REASON_INPUT, "value"):
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, str) else None
