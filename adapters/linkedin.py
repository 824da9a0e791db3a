"""LinkedIn organization pages through the versioned REST API (Posts, Images, Social Actions).

Docs followed: "Posts API", "Images API", "Comments API" (Community Management) and
"Little Text Format" on learn.microsoft.com/linkedin. Every call sends `LinkedIn-Version: YYYYMM`
and `X-Restli-Protocol-Version: 2.0.0`; URNs in paths and query strings are URL-encoded.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from adapters import _cursor
from adapters.base import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    Adapter,
    AdapterError,
    AuthError,
    Draft,
    Gone,
    NeedsAction,
    PermanentError,
    RateLimited,
    Rejected,
    RemoteComment,
    RemotePost,
    TransientError,
    deadline_from_env,
    length_problem,
    media_problems,
    not_read_to_the_end,
    published_text,
    read_media,
    require_secure,
    require_settings,
    same_post,
    timeout_from_env,
    utc_from_timestamp,
)
from adapters.limits import TEXT_LIMITS, text_length
from adapters.versions import LINKEDIN_DEFAULT, refuse_unknown_version, sunset_date

if TYPE_CHECKING:
    import requests

DEFAULT_BASE = "https://api.linkedin.com"
# Versions live about a year (adapters/versions.py has their sunset dates); the operator
# moves on with LINKEDIN_API_VERSION, and `socialbot check` warns 30 days before the sunset.
DEFAULT_VERSION = LINKEDIN_DEFAULT
VERSION_SETTING = "LINKEDIN_API_VERSION"
MAX_COMMENTARY = TEXT_LIMITS["linkedin"].most  # one table with the sandbox: adapters/limits.py
MAX_IMAGES = 20  # a multiImage post takes 2..20 images
IMAGE_BYTES = 10 * 1024 * 1024
# Images API: "total pixel count (width x height) less than 36,152,320" (docs/adapters.md,
# read 2026-12-06); a larger image is refused at `post create`, not at publishing time.
MAX_IMAGE_PIXELS = 36_152_320
PAGE_SIZE = 50
MAX_PAGES = 10
MAX_THREADS = 50  # comment threads read per poll (each is one more call)

# Little Text Format: these characters are markup and must be backslash-escaped in commentary.
_RESERVED = r"\|{}@[]()<>#*_~"
_ESCAPE_RE = re.compile("([" + re.escape(_RESERVED) + "])")
_UNESCAPE_RE = re.compile(r"\\([" + re.escape(_RESERVED) + "])")
_COMMENT_URN_RE = re.compile(r"^urn:li:comment:\((?P<target>urn:li:[^,]+:[^,]+),(?P<id>[^)]+)\)$")


def escape_little_text(text: str) -> str:
    return _ESCAPE_RE.sub(r"\\\1", text)


def unescape_little_text(text: str) -> str:
    return _UNESCAPE_RE.sub(r"\1", text)


def post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


def _seconds_to_utc_midnight(now: datetime | None = None) -> float:
    """LinkedIn documents daily limits reset at midnight UTC and sends no Retry-After."""
    now = now or datetime.now(UTC)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


# LinkedIn documents daily limits (application and member, reset at midnight UTC) and rare
# infrastructure-protection 429s that clear by themselves (API guide, "Rate Limits"). Bodies
# seen in the wild name the daily window ("Resource level throttle APPLICATION DAY limit for
# calls to this resource is reached.") or none ("Resource level throttle limit for calls to
# this resource is reached.", LinkedIn's own example). Only a named DAY limit waits until
# midnight UTC; anything else waits a minute, and the daemon's backoff grows the wait while
# it persists, so one protective 429 never stops LinkedIn for the rest of the day.
_DAY_LIMIT = re.compile(r"\bDAY\b")
THROTTLE_WAIT = 60.0


def _throttle_wait(detail: str, now: datetime | None = None) -> float:
    return _seconds_to_utc_midnight(now) if _DAY_LIMIT.search(detail) else THROTTLE_WAIT


def error_for(response: requests.Response, method: str, path: str) -> AdapterError:
    from adapters._http import body_json, retry_after_header, server_error

    body = body_json(response)
    body = body if isinstance(body, dict) else {}
    status = response.status_code
    detail = str(body.get("message") or response.reason or "")[:300]
    code = body.get("code") or body.get("serviceErrorCode") or status
    where = f"{method} {path}"
    if status == 401:
        return AuthError(
            f"linkedin: access token rejected ({code}) on {where}; renew LINKEDIN_ACCESS_TOKEN"
        )
    if status == 426:
        # The LinkedIn-Version we send is retired (or never existed): nothing goes through
        # until the operator picks a supported one, so the delivery is held, not failed.
        version = response.request.headers.get("LinkedIn-Version") if response.request else None
        sunset = sunset_date("linkedin", str(version)) if version else None
        when = f" (sunset {sunset.isoformat()})" if sunset else ""
        return NeedsAction(
            f"linkedin: API version {version or '?'} is no longer served{when} ({code}); set "
            f"{VERSION_SETTING} to a supported version (e.g. {LINKEDIN_DEFAULT}, see "
            "docs/adapters.md) and restart the daemon",
            kind="config",
        )
    if status == 429:
        return RateLimited(f"linkedin: rate limited on {where}: {detail}",
                           retry_after=retry_after_header(response) or _throttle_wait(detail),
                           window="daily quota" if _DAY_LIMIT.search(detail) else "throttle")
    if status == 422 and "duplicate" in detail.lower():
        return Rejected(f"linkedin: duplicate content: {detail}", duplicate=True)
    if status >= 500:
        return server_error(f"linkedin: server error {status} on {where}", method)
    if status == 403 and method == "POST" and path in ("/rest/posts", "/rest/images"):
        # The member may not post as the organization (no posting role there, or the role
        # was taken away): a person must reconnect or fix the role, so the delivery is held
        # (AuthError) rather than failed with the approved post lost.
        return AuthError(
            f"linkedin: not allowed to post as the organization ({detail}); give the "
            "connected member an administrator role there, then run `socialbot connect "
            "linkedin` (which releases the post), or connect an organization it administers"
        )
    if status == 403:
        return PermanentError(
            f"linkedin: permission denied on {where} ({detail}); LINKEDIN_ACCESS_TOKEN needs "
            "the organization social scopes (w_organization_social[_feed], "
            "r_organization_social[_feed]) and an admin role on the page"
        )
    if status == 404:
        return Gone(f"linkedin: {status} on {where}: {detail}")
    return PermanentError(f"linkedin: {status} on {where}: {detail}")


def _pixel_problem(path: Path) -> str | None:
    """LinkedIn's pixel limit, read from the image's header (None when within it, or when
    the file cannot be read: the cleaning step has refused such files already)."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(read_media(path))) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if width * height < MAX_IMAGE_PIXELS:
        return None
    return (f"linkedin: {path.name}: {width}x{height} is {width * height:,} pixels; LinkedIn "
            f"takes fewer than {MAX_IMAGE_PIXELS:,} (scale it down)")


class LinkedInAdapter(Adapter):
    name: ClassVar[str] = "linkedin"
    can_hide: ClassVar[bool] = False

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        org_id: str,
        version: str = DEFAULT_VERSION,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        from adapters._http import HttpClient

        self.org_urn = f"urn:li:organization:{org_id}"
        self.org_id = org_id
        self.rate_limit = None
        self.http = HttpClient(
            "linkedin",
            base_url,
            timeout,
            headers={
                "Authorization": f"Bearer {token}",
                "LinkedIn-Version": version,
                "X-Restli-Protocol-Version": "2.0.0",
            },
            secrets=(token,),
            error_for=error_for,
            deadline=deadline,
        )

    @classmethod
    def validate(cls, draft: Draft) -> list[str]:
        text = published_text(draft)
        return length_problem("linkedin", text_length("linkedin", text),
                              MAX_COMMENTARY) + media_problems(
            "linkedin",
            draft.media,
            max_count=MAX_IMAGES,
            max_bytes=IMAGE_BYTES,
            extensions=frozenset({"jpg", "jpeg", "png", "gif"}),
        ) + [p for path in draft.media if (p := _pixel_problem(path))]

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, timeout: tuple[float, float] | None = None
    ) -> LinkedInAdapter:
        require_settings("linkedin", env, ["LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORG_ID"])
        # LINKEDIN_VERSION is the name this setting had before; the new name wins.
        version = env.get(VERSION_SETTING) or env.get("LINKEDIN_VERSION") or DEFAULT_VERSION
        if not re.fullmatch(r"\d{6}(\.\d{2})?", version):
            raise PermanentError(f"linkedin: {VERSION_SETTING} must look like YYYYMM")
        refuse_unknown_version("linkedin", VERSION_SETTING, version)
        base_url = env.get("LINKEDIN_API_BASE") or DEFAULT_BASE
        require_secure("linkedin", "LINKEDIN_API_BASE", base_url, env)
        return cls(
            base_url=base_url,
            token=env["LINKEDIN_ACCESS_TOKEN"],
            org_id=env["LINKEDIN_ORG_ID"],
            version=version,
            timeout=timeout or timeout_from_env(env),
            deadline=deadline_from_env(env),
        )

    # -- posts ---------------------------------------------------------------------------

    def _upload_image(self, path: Path) -> str:
        response = self.http.call(
            "POST",
            "/rest/images",
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": self.org_urn}},
        )
        value = (self.http.json(response, "POST", "/rest/images") or {}).get("value") or {}
        upload_url, image_urn = value.get("uploadUrl"), value.get("image")
        if not upload_url or not image_urn:
            raise TransientError("linkedin: image upload was not initialized", ambiguous=False)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.http.call(
            "PUT",
            "/image upload",
            url=upload_url,
            data=read_media(path),
            headers={"Content-Type": mime},
        )
        return str(image_urn)

    def publish(self, text: str, media: Sequence[Path] = (),
                alt_texts: Sequence[str] = ()) -> RemotePost:
        images = [self._upload_image(Path(p)) for p in media]
        alts = list(alt_texts) + [""] * (len(images) - len(alt_texts))
        body: dict[str, Any] = {
            "author": self.org_urn,
            "commentary": escape_little_text(text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        # Each image's altText rides in the post's content (Posts API media content).
        described = [{"id": urn, **({"altText": alt} if alt else {})}
                     for urn, alt in zip(images, alts, strict=False)]
        if len(images) == 1:
            body["content"] = {"media": described[0]}
        elif images:
            body["content"] = {"multiImage": {"images": described}}
        response = self.http.call("POST", "/rest/posts", json=body)
        urn = response.headers.get("x-restli-id")
        if not urn:
            # Created (2xx) but no id: the post exists; only a lookup can tell which it is.
            raise TransientError("linkedin: post created without an x-restli-id", ambiguous=True)
        return RemotePost(id=urn, url=post_url(urn))

    def find_published(self, text: str, since: datetime | None = None,
                       exclude: Collection[str] = ()) -> RemotePost | None:
        """Our post among the organization's (Posts API, find by author, sortBy LAST_MODIFIED,
        pages of PAGE_SIZE by start/count). "Not found" only once the list was read to its end
        or back past ``since`` (s56-findpub):

        - the end is a page shorter than the count asked for (or than ``paging.count``, should
          LinkedIn serve fewer a page) with ``paging.total``, when given, not beyond what was
          read (LinkedIn's "Pagination": fewer elements than ``count`` ends the data);
        - past ``since``: the list is ordered by when each post was last changed, newest first,
          and a post is changed no earlier than it was created, so once a post's
          ``lastModifiedAt`` is before ``since`` no post further on was created after it. A
          post created earlier but edited since comes before newer ones, and is passed over
          (its ``createdAt``), never taken for the end. Should the times read not come in that
          order, the look-up stops trusting it and reads on. The stop is judged on each whole
          page read, never at its first old post (s56-reread-findpub R1).

        A page bound reached before either, an answer without a list of elements, an empty page
        while ``paging.total`` says more, ``paging.total`` shrinking between pages (a post
        deleted while read moves the next one before ``start``: R2), or a post with our words
        and no creation time (ours, or an earlier one with the same words?) is no "not found",
        which would publish again, but in doubt (not_read_to_the_end)."""
        since_ms = since.timestamp() * 1000 if since else None
        start = 0
        undated = False  # a post with our words whose creation time is not given
        lowest: float | None = None  # the earliest lastModifiedAt read so far
        ordered = True
        known: int | None = None  # paging.total as the previous page gave it
        for _ in range(MAX_PAGES):
            response = self.http.call(
                "GET",
                "/rest/posts",
                params={
                    "author": self.org_urn,
                    "q": "author",
                    "count": PAGE_SIZE,
                    "start": start,
                    "sortBy": "LAST_MODIFIED",
                },
            )
            body = self.http.json(response, "GET", "/rest/posts")
            elements = body.get("elements") if isinstance(body, Mapping) else None
            if not isinstance(elements, list):
                raise not_read_to_the_end("linkedin", "the organization's posts",
                                          "an answer without a list of elements")
            for post in elements:
                if not isinstance(post, Mapping):
                    continue
                modified = _epoch_ms(post.get("lastModifiedAt"))
                if modified is not None:
                    ordered = ordered and (lowest is None or modified <= lowest)
                    lowest = modified if lowest is None else min(lowest, modified)
                    if since_ms is not None and modified < since_ms:
                        continue  # changed, so created, before since: not ours
                commentary = unescape_little_text(str(post.get("commentary") or ""))
                same = same_post(text, commentary) \
                    if post.get("id") and str(post["id"]) not in exclude else False
                if same is False:
                    continue
                created = _epoch_ms(post.get("createdAt")) or _epoch_ms(post.get("publishedAt"))
                if since_ms is None or (created is not None and created >= since_ms):
                    return RemotePost(id=str(post["id"]), url=post_url(str(post["id"])),
                                      links_unknown=same is None)
                if created is None and (modified is None or modified >= since_ms):
                    undated = True  # ours, or an earlier post with the same words
            paging = body.get("paging") if isinstance(body.get("paging"), Mapping) else {}
            served = paging.get("count")
            size = min(PAGE_SIZE, served) if _count(served) else PAGE_SIZE
            total = paging.get("total") if _count(paging.get("total"), 0) else None
            more = len(elements) >= size or (total is not None and start + len(elements) < total)
            # the stop is judged on the whole page read (s56-reread-findpub R1): taken at the
            # first old post, before a second time was seen, a list served oldest first
            # stopped at its first element with ours further on the page
            past = since_ms is not None and ordered and lowest is not None and lowest < since_ms
            if known is not None and total is not None and total < known:
                # a post deleted between two pages moved those after it up: the first not yet
                # read now sits before `start`, never served, whether or not this page is the
                # last or reaches back past since (R2)
                raise not_read_to_the_end("linkedin", "the organization's posts",
                                          f"the list shrank from {known} to {total} while read")
            known = total if total is not None else known
            if past or not more:
                if undated:
                    raise not_read_to_the_end("linkedin", "the organization's posts",
                                              "a post with these words has no creation time")
                return None
            if not elements:
                raise not_read_to_the_end("linkedin", "the organization's posts",
                                          f"an empty page at {start} of {total}")
            start += len(elements)  # a short page that is not the end: on from what was read
        changed = " changed since the attempt" if since_ms is not None else ""
        raise not_read_to_the_end("linkedin", "the organization's posts",
                                  f"more than {MAX_PAGES} pages of {PAGE_SIZE}{changed}")

    # -- comments ------------------------------------------------------------------------

    def fetch_comments(
        self, remote_id: str, cursor: str | None
    ) -> tuple[list[RemoteComment], str | None]:
        """The comments read this poll (the daemon stores each id once), up to MAX_PAGES
        pages of the post's list and MAX_THREADS reply threads. LinkedIn pages by offset and
        no page we read gives the list's order, so a list longer than a poll's bound is read
        a stretch a poll, on from where the last one stopped (one page back, for deletions),
        and from its start again once its end is reached; a comment's replies are read when
        its reply count differs from what the cursor last read (_LinkedInCursor). Before
        session 42 every poll read the first 500 comments only, so a post's later comments
        were never stored, judged or flagged."""
        state = _LinkedInCursor.parse(cursor)
        read_from = state.start
        elements, finished = self._comment_pages(remote_id, read_from)
        if read_from and not elements:
            read_from = 0  # the list shrank below where the last read stopped
            elements, finished = self._comment_pages(remote_id, read_from)
        items: list[tuple[float, str, RemoteComment]] = []
        pending: list[tuple[str, int]] = []

        def take(found: Sequence[Mapping[str, Any]]) -> None:
            for element in found:
                comment = self._comment(element)
                if comment is not None:  # an edited comment reads as new (_version_time)
                    items.append((_version_time(element), comment.id, comment))
                urn = element.get("commentUrn") or element.get("$URN")
                total = _reply_total(element)
                if urn and total and (state.counts.get(str(urn)) != total
                                      or str(urn) in state.thread_at):
                    pending.append((str(urn), total))

        take(elements)
        # threads a poll before found changed but had no room to read go first, whatever
        # stretch of the list this poll reads
        here = {urn for urn, _ in pending}
        pending[:0] = [(urn, total) for urn, total in state.due.items() if urn not in here]
        counts, thread_at = dict(state.counts), dict(state.thread_at)
        read = 0
        while pending and read < MAX_THREADS:
            urn, total = pending.pop(0)
            read += 1
            try:
                replies, done = self._comment_pages(urn, thread_at.get(urn, 0))
            except Gone:
                # the comment is gone (deleted since it was read): its thread with it; left
                # queued, it failed every later poll of the post (a code review)
                counts.pop(urn, None)
                thread_at.pop(urn, None)
                continue
            take(replies)
            if done:
                counts[urn] = total
                thread_at.pop(urn, None)
            else:  # a thread longer than the bound: on from here next poll
                thread_at[urn] = max(0, thread_at.get(urn, 0) + len(replies) - PAGE_SIZE)
        due = {urn: total for urn, total in pending}
        more = not finished or bool(pending) or bool(thread_at)
        next_start = 0 if finished else max(0, read_from + len(elements) - PAGE_SIZE)
        # the floor (every comment up to it read) moves up only once a read has gone through
        # the whole list and every thread it had to read, and only to the newest comment of
        # the read's first poll: a reply posted under an early comment meanwhile is older
        # than the newer comments a later stretch meets (a code review lost one that way)
        floor = state.read
        top = floor.top or _cursor.newest(items, (floor.since, floor.seen))
        new = _cursor.fresh(items, floor.since, floor.seen)
        if more:
            read = _cursor.ReadState(floor.since, floor.seen, top=top, more=True)
            next_state = _LinkedInCursor(read, next_start, counts, thread_at, due)
        else:
            next_state = _LinkedInCursor(_cursor.ReadState(*top), next_start, counts, thread_at)
        return new, next_state.encode()

    def _comment_pages(self, target: str, start: int) -> tuple[list[Mapping[str, Any]], bool]:
        """Up to MAX_PAGES pages of a comments list from offset ``start``, and whether the
        list's end was reached."""
        path = f"/rest/socialActions/{quote(target, safe='')}/comments"
        found: list[Mapping[str, Any]] = []
        for page in range(MAX_PAGES):
            response = self.http.call(
                "GET", path, params={"start": start + page * PAGE_SIZE, "count": PAGE_SIZE}
            )
            elements = (self.http.json(response, "GET", path) or {}).get("elements") or []
            found.extend(elements)
            if len(elements) < PAGE_SIZE:
                return found, True
        return found, False

    def _comment(self, element: Mapping[str, Any]) -> RemoteComment | None:
        actor = element.get("actor") or (element.get("created") or {}).get("actor") or ""
        urn = element.get("commentUrn") or element.get("$URN")
        if not urn or actor == self.org_urn:
            return None  # our own replies are not comments to moderate
        created_ms = (element.get("created") or {}).get("time") or 0
        return RemoteComment(
            id=str(urn),
            author=str(actor),
            text=str((element.get("message") or {}).get("text") or ""),
            created_at=utc_from_timestamp(created_ms / 1000),
            parent_id=element.get("parentComment"),
        )

    def reread_comments(self, remote_id: str, cursor: str | None) -> list[RemoteComment]:
        """The replies of the comments whose threads were read (the cursor's ``threads``),
        up to MAX_THREADS threads: a post's own list is read at every poll, and an edited
        comment there reads as new by its lastModified, but a thread is read again only when
        its reply count changes, which an edit does not."""
        found: list[RemoteComment] = []
        for urn in list(_LinkedInCursor.parse(cursor).counts)[:MAX_THREADS]:
            try:
                replies, _ = self._comment_pages(urn, 0)
            except Gone:
                continue  # the comment was deleted, its replies with it
            found += [c for element in replies if (c := self._comment(element)) is not None]
        return found

    def hide_comment(self, comment_id: str) -> None:
        raise PermanentError("linkedin: comments cannot be hidden")

    def unhide_comment(self, comment_id: str) -> None:
        raise PermanentError("linkedin: comments cannot be hidden")

    def delete_comment(self, comment_id: str, *, post_id: str,
                       parent_id: str | None = None) -> None:
        """Comments API "Delete a Comment": DELETE socialActions/{target}/comments/{id}, the
        target being the post's share/ugcPost URN or, for a reply, its parent comment's URN.
        The activity URN inside the comment URN is not that target."""
        match = _COMMENT_URN_RE.match(comment_id)
        ident = match["id"] if match else comment_id
        if not ident.isdigit():
            raise PermanentError("linkedin: comment id must be a urn:li:comment:(target,id) URN "
                                 "or its numeric id")
        target = parent_id or post_id
        if not target:
            raise PermanentError("linkedin: deleting a comment needs the post's URN")
        path = f"/rest/socialActions/{quote(target, safe='')}/comments/{quote(ident, safe='')}"
        self.http.call("DELETE", path, params={"actor": self.org_urn})

    def reply_to_comment(self, remote_post_id: str, comment_id: str, text: str) -> RemotePost:
        path = f"/rest/socialActions/{quote(comment_id, safe='')}/comments"
        response = self.http.call(
            "POST",
            path,
            json={
                "actor": self.org_urn,
                "object": remote_post_id,
                "message": {"text": text},
                "parentComment": comment_id,
            },
        )
        # The created comment comes back in the body; x-restli-id may hold only its numeric id.
        body = self.http.json(response, "POST", path) if response.content else {}
        urn = (body or {}).get("commentUrn") or response.headers.get("x-restli-id")
        if not urn:
            raise TransientError("linkedin: reply created without an id", ambiguous=True)
        return RemotePost(id=str(urn), url=post_url(remote_post_id))

    def check_credentials(self) -> None:
        self.http.call("GET", f"/rest/organizations/{quote(self.org_id, safe='')}")


def _epoch_ms(value: object) -> float | None:
    """A Posts API time (epoch milliseconds), or None when absent or not a positive number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


def _count(value: object, least: int = 1) -> bool:
    """Whether ``value`` is a whole number of at least ``least`` (a paging count or total)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _version_time(element: Mapping[str, Any]) -> float:
    """When the comment's current words were written, in seconds: its ``lastModified``
    audit stamp (Comments API; moved by an edit), or ``created`` when it has none. Read
    as the comment's time by the cursor, an edit made after the floor reads as new, and
    the daemon, finding the id stored with other words, judges the new ones."""
    times = [int((element.get(key) or {}).get("time") or 0) for key in ("created", "lastModified")]
    return max(times) / 1000


def _reply_total(element: Mapping[str, Any]) -> int:
    summary = element.get("commentsSummary") or {}
    return int(summary.get("aggregatedTotalComments")
               or summary.get("totalFirstLevelComments") or 0)


@dataclass(frozen=True)
class _LinkedInCursor:
    """The shared read state (the floor, the newest seen while unfinished, "more") and where
    the next read of a post's comments starts (``start`` in the post's list), how many
    replies each comment with replies had when its thread was last read through
    (``counts``), where an unfinished long thread goes on (``thread_at``) and the changed
    threads a poll had no room to read (``due``)."""

    read: _cursor.ReadState = field(default_factory=_cursor.ReadState)
    start: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    thread_at: dict[str, int] = field(default_factory=dict)
    due: dict[str, int] = field(default_factory=dict)

    def encode(self) -> str:
        body = {**self.read.as_dict(), "start": self.start, "threads": self.counts}
        if self.due:
            body["due"] = self.due
        if self.thread_at:
            body["thread_at"] = self.thread_at
        return json.dumps(body)

    @staticmethod
    def parse(cursor: str | None) -> _LinkedInCursor:
        state = _cursor.read_state(cursor)
        try:
            raw = json.loads(cursor or "{}")
            return _LinkedInCursor(
                state, max(0, int(raw.get("start") or 0)),
                {str(k): int(v) for k, v in (raw.get("threads") or {}).items()},
                {str(k): max(0, int(v)) for k, v in (raw.get("thread_at") or {}).items()},
                {str(k): int(v) for k, v in (raw.get("due") or {}).items()})
        except (ValueError, TypeError, AttributeError):
            return _LinkedInCursor(_cursor.ReadState(state.since, state.seen))
