"""The one interface `social_bot` knows of a platform, its value types and its error family.

Importable without requests or tweepy: `post create` validates drafts through it.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

# (connect, read) seconds for every request an adapter makes.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
# Seconds for a whole request, answer included (adapters._deadline): the read timeout bounds
# one socket read only. Long enough for a 10 MB image on a slow uplink; well under the 120 s
# a decision waits for another one's call on the same comment (social_bot/comment_lock.py).
DEFAULT_DEADLINE = 60.0


@dataclass(frozen=True)
class Draft:
    text: str
    media: tuple[Path, ...] = ()
    link: str | None = None


@dataclass(frozen=True)
class RemotePost:
    id: str
    url: str
    # find_published: the words matched but the platform's links were shortened and not
    # expanded, so a post differing only in its links cannot be told from it (same_post)
    links_unknown: bool = False


# a surrogate code point in a str is always a lone one (JSON's "\ud800" escapes carry them);
# NUL, which PostgreSQL's text refuses: one comment holding "\u0000" failed every poll of its
# post, once a second, and nothing after it was stored (an attack review, session 52, W2)
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


@dataclass(frozen=True)
class RemoteComment:
    id: str
    author: str
    text: str
    created_at: datetime
    parent_id: str | None = None
    hidden: bool = False
    # ids of this comment's earlier versions: an edit on X makes a new post with a new id
    # (edit_history_tweet_ids), so the stored comment is found by one of these
    earlier_ids: tuple[str, ...] = ()
    # characters no database stores that were replaced with U+FFFD: a person is to read
    # the comment on the platform (the monitor flags it)
    replaced: int = 0

    def __post_init__(self) -> None:
        # A platform's JSON may carry half a UTF-16 pair; no database or classifier can
        # encode one, and one such comment failed its whole page on every poll (review,
        # session 15). It becomes U+FFFD here, where every adapter's comments enter; so
        # does a NUL (session 52).
        for name in ("author", "text", "id", "parent_id"):
            value = getattr(self, name)
            if isinstance(value, str) and _UNSTORABLE.search(value):
                value, n = _UNSTORABLE.subn("\ufffd", value)
                object.__setattr__(self, name, value)
                object.__setattr__(self, "replaced", self.replaced + n)


@dataclass(frozen=True)
class RateLimitInfo:
    """The last rate-limit state a platform reported, for the daemon to pace polling."""

    remaining: int | None = None
    limit: int | None = None
    reset_at: datetime | None = None


class AdapterError(Exception):
    """Base of every adapter error. Messages are built by adapters and never hold a token."""


class AuthError(AdapterError):
    """Missing, expired or revoked credentials. Never retried; the message names what to renew."""


class RateLimited(AdapterError):
    """`retry_after` is how long the limit that was hit lasts, read from that limit's own
    window (a 15-minute X window, a 24-hour cap, LinkedIn's daily quota or a short throttle);
    `window` names it for the log and for staff."""

    def __init__(self, message: str, retry_after: float | None = None, *,
                 window: str = "") -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.window = window


class TransientError(AdapterError):
    """Worth retrying later. `ambiguous` means the platform may already have applied the request,
    so the caller must reconcile (find_published) before trying again."""

    def __init__(self, message: str, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


class PermanentError(AdapterError):
    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status  # the platform's HTTP status, when it answered


class Gone(PermanentError):
    """What was asked for is not there (HTTP 404 on X and LinkedIn): a comment deleted since
    it was read. Not Graph's code 100/33, which also means "cannot be loaded due to missing
    permissions": read as gone, a PHI comment whose hide failed for want of a permission
    would have been recorded deleted while still visible (a code review, session 42)."""


class NotVisible(PermanentError):
    """Graph's code 100 with subcode 33 ("Object with ID ... does not exist, cannot be loaded
    due to missing permissions, or does not support this operation"): the same answer for
    an object deleted on Facebook and for one this token may not load, so it is never read
    as Gone (a still-visible comment would be recorded deleted). Its text is one sentence a
    person can act on: both possibilities, and `socialbot check` to tell them apart."""

    def __init__(self, platform: str, subject: str) -> None:
        self.platform = platform
        self.subject = subject
        super().__init__(self.sentence(subject))

    def sentence(self, subject: str) -> str:
        name = self.platform.capitalize()
        return (f"either {subject} was deleted on {name} or socialbot's token lacks a "
                f"permission for it ({name} answers both the same way: code 100/33); "
                f"run `socialbot check {self.platform}`: if it lists no missing permission, it "
                "was deleted, otherwise renew the token as check says")


class Rejected(AdapterError):
    """The platform refused the content itself (policy, or a duplicate of an earlier post).

    `duplicate` is set by the adapter from the platform's own error code, never guessed from
    the wording later: a duplicate may be our own earlier try, so the daemon looks before it
    calls the delivery failed."""

    def __init__(self, reason: str, *, duplicate: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.duplicate = duplicate


class NeedsAction(AdapterError):
    """Only a person can get this through: a setting to change (a retired API version), a
    reply the API no longer allows (answer in the platform's own app). Retrying cannot help
    and failing would lose the post, so the daemon holds the delivery. `kind` says what
    releases it: "config" (a daemon restart with new settings), "auth" (reconnecting),
    "by_hand" (a person does it on the platform; nothing releases it automatically),
    "credits" (the platform's prepaid credits ran out: tried again after
    SOCIALBOT_CREDITS_RETRY seconds and at a daemon restart)."""

    def __init__(self, reason: str, *, kind: str = "config") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


_SPACE_RE = re.compile(r"\s+")


def _without_urls(text: str) -> str:
    """The text with every URL removed, URLs found the way twitter-text finds them (so also
    "example.com/path" without a scheme, which X turns into a t.co link too)."""
    from twitter_text import extract_urls_with_indices

    for found in sorted(extract_urls_with_indices(text), key=lambda u: -u["indices"][0]):
        start, end = found["indices"]
        text = text[:start] + " " + text[end:]
    return text


def normalize_for_marker(text: str) -> str:
    """What survives a round trip through every platform: platforms shorten or rewrite links
    (X's t.co, media links appended to the text) and HTML-escape some characters."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    return _SPACE_RE.sub(" ", _without_urls(text)).strip()


def content_marker(text: str) -> str:
    """A stable hash of the normalized published text, used to find our post again."""
    digest = hashlib.sha256(normalize_for_marker(text).encode("utf-8")).hexdigest()
    return digest[:32]


def not_read_to_the_end(platform: str, what: str, why: str) -> TransientError:
    """What ``find_published`` raises when it could not read the account's list of posts to
    its end (or back past ``since``): a page bound reached while the platform names more, a
    paging token repeated (a loop), a page it cannot follow, or an answer that is partial.
    "Not found" (None) would publish again at once (decide: NOT_FOUND retries), while the post
    may sit on a page not read: a double post. A TransientError, not ambiguous, keeps the
    attempt in doubt: checked again later, and failed "check by hand" once in doubt for the
    daemon's max_in_doubt (s55-reread-small for Facebook, s56-findpub for X and LinkedIn)."""
    return TransientError(f"{platform}: {what} could not be read to the end ({why}); "
                          "whether the post went out is unknown")


# Link shorteners the platforms rewrite links into (X: t.co; LinkedIn: lnkd.in): a link
# on one of them, not expanded by the platform's answer, says nothing about its target.
SHORTENERS = frozenset({"t.co", "lnkd.in"})


def link_key(url: str) -> str:
    """A link as compared between the text sent and the platform's copy: scheme left out
    (X expands "example.com/a" to "http://example.com/a"), host in lower case, one trailing
    slash dropped."""
    from urllib.parse import unquote

    url = html.unescape(url.strip())
    rest = url.split("://", 1)[1] if "://" in url else url
    host, _, path = rest.partition("/")
    # a link with letters beyond ASCII comes back from X as the IRI's URI: its host in
    # punycode, its path percent-encoded ("clínica.org/niños" -> "xn--clnica-xta.org/
    # ni%C3%B1os"), and a port may be spelled out; one link all the same. Unequal keys for
    # it read the post just sent as not found and sent it again (a re-read, session 56).
    host = ".".join(_unpunycode(label) for label in host.lower().split("."))
    host = host.removesuffix(":443").removesuffix(":80")
    key = host + ("/" + unquote(path) if path else "")
    return key[:-1] if key.endswith("/") else key


def _unpunycode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label  # not valid punycode: compared as it stands


def links_of(text: str) -> list[str]:
    """The links in ``text``, found as twitter-text finds them, in order (``link_key``)."""
    from twitter_text import extract_urls_with_indices

    return [link_key(u["url"]) for u in extract_urls_with_indices(text)]


def _shortened(key: str) -> bool:
    return key.split("/", 1)[0].removeprefix("www.") in SHORTENERS


def same_post(sent: str, seen: str, seen_links: Sequence[str] | None = None) -> bool | None:
    """Is ``seen`` (a post's text as the platform returns it) the post of ``sent``?

    True: the same words (``content_marker``) and the same links; False: other words, or
    other links; None: the same words, but a link of the platform's copy is shortened
    (t.co, lnkd.in) and not expanded, so a post whose text differs only in its links
    cannot be told from it. ``seen_links``: the links' targets where the platform's answer
    gives them (X's ``entities.urls[].expanded_url``), in order; else read from ``seen``.
    Links are part of what a reader sees: the marker alone, which leaves them out, matched
    "New on our blog: <link A>" to "... <link B>" and one post was credited with the
    other's (an outside attack, session 56, T2)."""
    if content_marker(sent) != content_marker(seen):
        return False
    ours = links_of(sent)
    theirs = [link_key(u) for u in seen_links] if seen_links is not None else links_of(seen)
    if ours == theirs:
        return True
    # X appends a shortened link to its copy for attached media: extra shortened links at
    # the end may be that, or a link the sent text lacks; either way, not a sure match
    extra = theirs[len(ours):]
    if len(theirs) >= len(ours) and all(_shortened(b) for b in extra) and all(
            a == b or _shortened(b) for a, b in zip(ours, theirs, strict=False)):
        return None
    return False


def redact(message: str, secrets: Iterable[str]) -> str:
    """Belt and braces: adapters build their own messages, but never let a secret through."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            message = message.replace(secret, "***")
    return message


def utc_from_timestamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def media_problems(
    platform: str,
    media: Sequence[Path],
    *,
    max_count: int,
    max_bytes: int,
    extensions: frozenset[str],
) -> list[str]:
    """The cheap media rules shared by every platform: count, type by extension, size."""
    problems = []
    if len(media) > max_count:
        problems.append(
            f"{platform}: {len(media)} of {max_count} media files ({len(media) - max_count} over)"
        )
    for path in media:
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in extensions:
            problems.append(f"{platform}: {path.name}: .{suffix} is not a supported image type")
        elif path.exists() and path.stat().st_size > max_bytes:
            size = path.stat().st_size
            # the file, its size, the limit and what to do (the newcomer, session 51, #10:
            # "d245e6d6...443bb.jpg: 5546615 of 4194304 bytes (1352311 over)"); the door
            # names the person's own file for the stored one (posts.prepare_draft)
            problems.append(
                f"{platform}: {path.name} is {megabytes(size)} after cleaning; "
                f"{PLATFORM_NAMES.get(platform, platform)} takes at most "
                f"{megabytes(max_bytes)} an image: resize it (e.g. to 2048 px wide) and "
                "attach it again"
            )
    return problems


PLATFORM_NAMES = {"facebook": "Facebook", "linkedin": "LinkedIn", "x": "X"}


def read_media(path: Path) -> bytes:
    """An image's bytes for an upload or a header check, read through
    `social_bot.filesafety`: a database file of this process, under any name (a hard link
    planted in the shared media folder), is refused before a descriptor of it exists, whose
    close would drop SQLite's locks (docs/history/security.md, "Session 53: every file read
    by path goes through `open_checked`"). Raises OSError."""
    from social_bot.filesafety import read_bytes_checked  # stdlib only: no import cycle

    return read_bytes_checked(path)


def megabytes(size: int) -> str:
    """"5.3 MB (5,546,615 bytes)": MB as file managers mostly count them (2**20), and the
    bytes, so a size just over the limit never reads as equal to it."""
    return f"{size / 2**20:.1f} MB ({size:,} bytes)"


def length_problem(platform: str, used: int, limit: int, unit: str = "characters") -> list[str]:
    if used <= limit:
        return []
    return [f"{platform}: {used} of {limit} {unit} ({used - limit} over)"]


# Where plain http may carry a credential: a sandbox on this machine (RFC 8252 loopback).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def connected_host(url: str) -> str | None:
    """The host requests would connect to for ``url``, as urllib3 (which requests uses)
    reads it, or None when it reads none or urlsplit reads another. The two differ on "\\":
    `https://evil.example\\@api.linkedin.com` is api.linkedin.com to urlsplit and
    evil.example to urllib3 (session 50, second attack review, F2)."""
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    try:
        host = parse_url(url).host
        split = urlsplit(url).hostname
    except (LocationParseError, ValueError):
        return None
    # urllib3 keeps an IPv6 literal's brackets ("[::1]"), urlsplit drops them ("::1")
    host = (host or "").lower().removeprefix("[").removesuffix("]") or None
    return host if host == split else None


def transport_problem(url: str) -> str | None:
    """Why a credential must not be sent to `url` (None: https, or http to loopback). The one
    rule for `connect`, `check` and the adapters: only `connect` applied it once, and `check`
    sent the client secret and the token over plain http (an outside review, session 43)."""
    parts = urlsplit(url)
    host = connected_host(url)
    if parts.scheme == "https" and host:
        return None
    if parts.scheme == "http" and host in LOOPBACK_HOSTS:
        return None
    return (f"refusing to send credentials to {parts.scheme or '?'}://{host or '?'}: "
            "only https (or a loopback sandbox) is allowed")


def base_shape_problem(url: str) -> str | None:
    """Why ``url`` is no plain base address (scheme, host, optional port and path): a "\\",
    an "@", user info, a query or a fragment let the host read by one parser differ from the
    one connected to, and a base needs none of them."""
    parts = urlsplit(url)
    if "\\" in url or "@" in url or parts.username or parts.password:
        return "holds a \"\\\" or an \"@\" (user info)"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "holds a query or a fragment"
    return None


# The platforms' own hosts, per base setting. Any other address is a sandbox or a test
# server, and may carry a credential only when SANDBOX_SETTING says so in the daemon's own
# settings: a planted `.env` pointed LINKEDIN_API_BASE at a staff member's listener and the
# daemon sent the token there (session 50 attack review, finding 2).
OFFICIAL_HOSTS: dict[str, tuple[str, ...]] = {
    "LINKEDIN_API_BASE": ("api.linkedin.com",),
    "LINKEDIN_AUTH_BASE": ("www.linkedin.com",),
    "FACEBOOK_API_BASE": ("graph.facebook.com",),
    "FACEBOOK_AUTH_BASE": ("www.facebook.com",),
    "X_API_BASE": ("api.x.com", "api.twitter.com"),
}
SANDBOX_SETTING = "SOCIALBOT_SANDBOX"


def sandbox_allowed(env: Mapping[str, str]) -> bool:
    return (env.get(SANDBOX_SETTING) or "").strip() == "1"


def base_problem(env: Mapping[str, str], setting: str, url: str) -> str | None:
    """Why `url`, the value of the base `setting`, must not carry a credential (None: fine):
    plain http off this machine, or any host but the platform's own without the sandbox flag."""
    shape = base_shape_problem(url)
    if shape:
        return (f"refusing to send credentials: {setting} {shape}; set it to "
                f"https://{OFFICIAL_HOSTS[setting][0]} or a sandbox's https://host[:port]/path")
    problem = transport_problem(url)
    if problem:
        return f"{problem}; set {setting} to an https address"
    parts = urlsplit(url)
    host = connected_host(url)  # the host requests connects to, not urlsplit's alone
    official = OFFICIAL_HOSTS[setting]
    if sandbox_allowed(env) or (parts.scheme == "https" and host in official):
        return None
    return (f"refusing to send credentials to {parts.scheme}://{host}: {setting} "
            f"must be https://{official[0]} unless {SANDBOX_SETTING}=1 says this is a sandbox")


def require_secure(platform: str, setting: str, url: str, env: Mapping[str, str]) -> None:
    """Refuse to build an adapter that would send its token over plain http or to a host
    that is not the platform's. A setting to change, so the delivery is held (and released
    when the daemon restarts), not failed."""
    problem = base_problem(env, setting, url)
    if problem:
        raise NeedsAction(f"{platform}: {problem}", kind="config")


def require_settings(platform: str, env: Mapping[str, str], names: Sequence[str]) -> None:
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise AuthError(f"{platform}: missing setting(s) {', '.join(missing)}")


MAX_TIMEOUT = 3600.0  # seconds; a longer wait on one request is a hang, not a timeout


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """NaN, infinity, zero or less are refused here: requests only fails on them once a request
    is under way, after a post may have gone out (an outside review, session 43)."""
    try:
        value = float(env.get(name) or default)
    except ValueError:
        raise PermanentError(f"adapters: {name} must be a number of seconds") from None
    if not 0 < value <= MAX_TIMEOUT:  # also false for NaN
        raise PermanentError(f"adapters: {name} must be more than 0 and at most "
                             f"{MAX_TIMEOUT:g} seconds")
    return value


def timeout_from_env(env: Mapping[str, str]) -> tuple[float, float]:
    """SOCIALBOT_CONNECT_TIMEOUT / SOCIALBOT_READ_TIMEOUT (seconds) override the defaults."""
    return (_seconds(env, "SOCIALBOT_CONNECT_TIMEOUT", DEFAULT_TIMEOUT[0]),
            _seconds(env, "SOCIALBOT_READ_TIMEOUT", DEFAULT_TIMEOUT[1]))


def deadline_from_env(env: Mapping[str, str]) -> float:
    """SOCIALBOT_REQUEST_DEADLINE (seconds) overrides DEFAULT_DEADLINE."""
    return _seconds(env, "SOCIALBOT_REQUEST_DEADLINE", DEFAULT_DEADLINE)


class Adapter(ABC):
    name: ClassVar[str]
    can_hide: ClassVar[bool] = True
    # X can only delete the account's own posts; the others can delete any comment on our posts.
    can_delete_others: ClassVar[bool] = True

    rate_limit: RateLimitInfo | None = None

    @property
    def calls_made(self) -> int:
        """Requests this adapter has sent so far (the daemon counts them against the daily
        budget). Adapters built on adapters._http report their session's count."""
        session = getattr(getattr(self, "http", None), "session", None) or getattr(
            self, "session", None)
        return int(getattr(session, "calls", 0))

    @classmethod
    @abstractmethod
    def validate(cls, draft: Draft) -> list[str]:
        """Problems with the draft, one line each naming the platform and the overrun."""

    @classmethod
    @abstractmethod
    def from_env(
        cls, env: Mapping[str, str], *, timeout: tuple[float, float] | None = None
    ) -> Adapter: ...

    @abstractmethod
    def publish(self, text: str, media: Sequence[Path] = (),
                alt_texts: Sequence[str] = ()) -> RemotePost:
        """Publish ``text`` with ``media``; ``alt_texts`` (one per image, "" for none) go
        with the images as each platform's alt text."""
        ...

    @abstractmethod
    def find_published(self, text: str, since: datetime | None = None,
                       exclude: Collection[str] = ()) -> RemotePost | None:
        """Our newest post since ``since`` whose text is ``text`` (by content_marker, so
        texts differing only in their links match), other than those in ``exclude``: the
        ids other deliveries already recorded. Without ``exclude`` the newest match could be
        a look-alike post's, and ours, further down, was never looked at (an outside review,
        session 42: a photo post went out twice)."""

    @abstractmethod
    def fetch_comments(
        self, remote_id: str, cursor: str | None
    ) -> tuple[list[RemoteComment], str | None]: ...

    def reread_comments(self, remote_id: str, cursor: str | None) -> list[RemoteComment]:
        """Comments already read, read again as they stand now (a bounded number of pages),
        for a platform that tells no edit time: the daemon compares their text with what it
        stored. Platforms whose ordinary read shows an edit (X: a new id; LinkedIn: the
        comment's lastModified) need none; ``cursor`` is the post's stored cursor."""
        return []

    def comment_text(self, comment_id: str) -> str | None:
        """One comment's words as they stand now, read just before a reply to it is sent:
        the daemon cancels the reply if they differ from the words it was written for.
        None where the platform offers no such read (X: an edit is a new id, which the
        monitor sees; the edit sweep stays the defence elsewhere)."""
        return None

    @abstractmethod
    def hide_comment(self, comment_id: str) -> None: ...

    @abstractmethod
    def unhide_comment(self, comment_id: str) -> None: ...

    @abstractmethod
    def delete_comment(self, comment_id: str, *, post_id: str,
                       parent_id: str | None = None) -> None:
        """Delete a comment on our post ``post_id`` (the remote post id); ``parent_id`` is the
        remote id of the comment it answers, for a nested reply (LinkedIn addresses a reply
        through its parent)."""

    @abstractmethod
    def reply_to_comment(self, remote_post_id: str, comment_id: str, text: str) -> RemotePost: ...

    @abstractmethod
    def check_credentials(self) -> None: ...


def published_text(draft: Draft) -> str:
    """The text as it goes out: a draft's link is appended unless the text already holds it."""
    if draft.link and draft.link not in draft.text:
        return f"{draft.text.rstrip()} {draft.link}"
    return draft.text
