"""Facebook Pages through the Graph API (a pinned version, FACEBOOK_GRAPH_VERSION overrides it).

Docs followed: Graph API "Page Feed" (POST /{page-id}/feed), "Page Photos", "Comments"
(GET /{object-id}/comments with order/filter, POST /{comment-id} is_hidden, DELETE), "Handling
Errors" (codes 190, 4/17/32/613, 368, is_transient) and "Rate Limiting" (usage headers).
The page token travels in the Authorization header, never in a URL, so no log line holds it.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

from adapters import _cursor
from adapters.base import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    Adapter,
    AdapterError,
    AuthError,
    Draft,
    NotVisible,
    PermanentError,
    RateLimited,
    RateLimitInfo,
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
)
from adapters.limits import TEXT_LIMITS, text_length
from adapters.versions import refuse_unknown_version

if TYPE_CHECKING:
    import requests

DEFAULT_BASE = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"  # seen in the current Graph reference; versions live >= 2 years
MAX_MESSAGE = TEXT_LIMITS["facebook"].most  # one table with the sandbox: adapters/limits.py
MAX_PHOTOS = 10
PHOTO_BYTES = 4 * 1024 * 1024  # Graph: photos "should be less than 4 MB"
PAGE_SIZE = 50
MAX_PAGES = 10
COMMENT_FIELDS = "id,message,from,created_time,is_hidden,parent{id}"


class Reread(list[RemoteComment]):
    """The comments a sweep of the comments edge read (FacebookAdapter.reread_paged), with
    ``trail``, the cursors the next sweep may go on from, the newest first (empty: the first
    page), and ``restarted``: every cursor it was given was refused and it began again at
    the first page."""

    trail: list[str]
    restarted: bool = False

    def __init__(self) -> None:
        super().__init__()
        self.trail = []


# Cursors kept for the next sweep of the edit re-read (the newest first): a lapsed one is
# followed by the one before it (reread_paged)
REREAD_TRAIL = 10
# Authors the first cursors of that trail mark comments of (reread_paged, _reread_anchors):
# one commenter deleting their own comments where the cursors stand cannot lapse them all
REREAD_ANCHORS = 3


RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
PERMISSION_CODES = frozenset({10, *range(200, 300)})
USAGE_HEADERS = ("X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage", "X-Ad-Account-Usage")
_URL_RE = re.compile(r"https?://\S+")


def _usage_entries(response: requests.Response) -> list[Mapping[str, Any]]:
    """Every usage object in the usage headers (business use case headers nest them per id)."""
    entries: list[Mapping[str, Any]] = []
    for header in USAGE_HEADERS:
        raw = response.headers.get(header)
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict) and any(isinstance(v, list) for v in value.values()):
            for items in value.values():
                entries.extend(item for item in items if isinstance(item, dict))
        elif isinstance(value, dict):
            entries.append(value)
    return entries


def usage_info(response: requests.Response) -> RateLimitInfo | None:
    """Usage headers as percent remaining (limit 100) and the estimated time access returns."""
    entries = _usage_entries(response)
    if not entries:
        return None
    used = max(
        float(entry.get(key) or 0)
        for entry in entries
        for key in ("call_count", "total_cputime", "total_time")
    )
    minutes = max(float(entry.get("estimated_time_to_regain_access") or 0) for entry in entries)
    reset = datetime.now(UTC) + timedelta(minutes=minutes) if minutes else None
    return RateLimitInfo(remaining=max(0, int(100 - used)), limit=100, reset_at=reset)


def error_for(response: requests.Response, method: str, path: str) -> AdapterError:
    from adapters._http import body_json, retry_after_header, server_error

    body = body_json(response)
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    subcode = error.get("error_subcode")
    detail = str(error.get("message") or response.reason or "")[:300]
    status = response.status_code
    where = f"{method} {path}"
    tag = f"code {code}" + (f"/{subcode}" if subcode else "")
    if code == 190 or status == 401:
        return AuthError(
            f"facebook: page token rejected ({tag}) on {where}; renew FACEBOOK_PAGE_TOKEN"
        )
    if code in RATE_LIMIT_CODES or status == 429:
        info = usage_info(response)
        retry = retry_after_header(response)
        if retry is None and info is not None and info.reset_at is not None:
            retry = max(1.0, (info.reset_at - datetime.now(UTC)).total_seconds())
        return RateLimited(f"facebook: rate limited ({tag}) on {where}", retry_after=retry or 60.0)
    if code == 100 and subcode == 33:
        # deleted, or not loadable with this token: Graph does not say which (NotVisible)
        return NotVisible("facebook", f"the object {_node(path)}")
    if code == 368:
        return Rejected(f"facebook: blocked by policy ({tag}): {detail}")
    if code == 506:
        return Rejected(f"facebook: duplicate post ({tag}): {detail}", duplicate=True)
    if error.get("is_transient") or status >= 500 or code in (1, 2):
        message = f"facebook: temporary error ({tag}, HTTP {status}) on {where}"
        return server_error(message, method)
    if code in PERMISSION_CODES:
        return AuthError(
            f"facebook: permission missing ({tag}) on {where}; renew FACEBOOK_PAGE_TOKEN with "
            "pages_manage_posts, pages_read_engagement and pages_manage_engagement"
        )
    return PermanentError(f"facebook: {tag} (HTTP {status}) on {where}: {detail}")


def next_after(body: Mapping[str, Any]) -> str | None:
    """The ``after`` cursor of the page after this one, or None at the end of the edge.
    Graph ("Paginated Results"): only a missing ``next`` link ends the data; a page may be
    empty, visibility and privacy filtering having removed every item, and still name a next
    page (outside review F of session 54: such a page was taken for the end). When the page
    has no ``cursors`` the ``after`` value is read out of the ``next`` link's query; the link
    itself is never followed (its host and path are not ours to trust)."""
    paging = body.get("paging") if isinstance(body, Mapping) else None
    if not isinstance(paging, Mapping) or not paging.get("next"):
        return None
    cursor = (paging.get("cursors") or {}).get("after") \
        if isinstance(paging.get("cursors"), Mapping) else None
    if not cursor:
        found = parse_qs(urlsplit(str(paging["next"])).query).get("after")
        cursor = found[-1] if found else None
    return str(cursor) if cursor else None


def _author(raw: Mapping[str, Any]) -> str:
    """Who wrote a comment as Graph lists it (``from.id``; "" when Graph leaves it out)."""
    author = raw.get("from")
    return str(author.get("id") or "") if isinstance(author, Mapping) else ""


def _node(path: str) -> str:
    """The object a Graph path names: /v25.0/{node}[/{edge}]."""
    parts = path.strip("/").split("/")
    return parts[1] if len(parts) > 1 else path


def _parse_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").astimezone(UTC)


def post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


class FacebookAdapter(Adapter):
    name: ClassVar[str] = "facebook"

    def __init__(
        self,
        *,
        base_url: str,
        page_id: str,
        token: str,
        version: str = DEFAULT_VERSION,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        from adapters._http import HttpClient

        self.page_id = page_id
        self.prefix = f"/{version}"
        self.rate_limit = None
        self.http = HttpClient(
            "facebook",
            base_url,
            timeout,
            headers={"Authorization": f"Bearer {token}"},
            secrets=(token,),
            error_for=error_for,
            deadline=deadline,
        )

    @classmethod
    def validate(cls, draft: Draft) -> list[str]:
        text = published_text(draft)
        return length_problem("facebook", text_length("facebook", text),
                              MAX_MESSAGE) + media_problems(
            "facebook",
            draft.media,
            max_count=MAX_PHOTOS,
            max_bytes=PHOTO_BYTES,
            extensions=frozenset({"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"}),
        )

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, timeout: tuple[float, float] | None = None
    ) -> FacebookAdapter:
        require_settings("facebook", env, ["FACEBOOK_PAGE_ID", "FACEBOOK_PAGE_TOKEN"])
        version = env.get("FACEBOOK_GRAPH_VERSION") or DEFAULT_VERSION
        if not re.fullmatch(r"v\d+\.\d+", version):
            raise PermanentError("facebook: FACEBOOK_GRAPH_VERSION must look like v23.0")
        refuse_unknown_version("facebook", "FACEBOOK_GRAPH_VERSION", version)
        base_url = env.get("FACEBOOK_API_BASE") or DEFAULT_BASE
        require_secure("facebook", "FACEBOOK_API_BASE", base_url, env)
        return cls(
            base_url=base_url,
            page_id=env["FACEBOOK_PAGE_ID"],
            token=env["FACEBOOK_PAGE_TOKEN"],
            version=version,
            timeout=timeout or timeout_from_env(env),
            deadline=deadline_from_env(env),
        )

    def _call(self, method: str, node: str, about: str | None = None, **kwargs: Any) -> Any:
        """One Graph call; ``about`` names what a 100/33 answer is about (NotVisible)."""
        path = f"{self.prefix}/{node}"
        try:
            response = self.http.call(method, path, **kwargs)
        except NotVisible as exc:
            if about is None:
                raise
            raise NotVisible("facebook", about) from exc
        self.rate_limit = usage_info(response) or self.rate_limit
        return self.http.json(response, method, path)

    # -- posts ---------------------------------------------------------------------------

    def _upload_photo(self, path: Path, message: str | None, published: bool,
                      alt: str = "") -> dict[str, Any]:
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data: dict[str, str] = {"published": "true" if published else "false"}
        if message is not None:
            data["message"] = message
        if alt:
            data["alt_text_custom"] = alt  # the Photo node's custom alt text
        return self._call(
            "POST",
            f"{quote(self.page_id)}/photos",
            data=data,
            files={"source": (path.name, read_media(path), mime)},
        )

    def publish(self, text: str, media: Sequence[Path] = (),
                alt_texts: Sequence[str] = ()) -> RemotePost:
        paths = [Path(p) for p in media]
        alts = list(alt_texts) + [""] * (len(paths) - len(alt_texts))
        if len(paths) == 1:
            result = self._upload_photo(paths[0], text, published=True, alt=alts[0])
            post_id = result.get("post_id") or result.get("id")
        else:
            data: dict[str, str] = {"message": text}
            if paths:
                ids = [self._upload_photo(p, None, published=False, alt=a).get("id")
                       for p, a in zip(paths, alts, strict=False)]
                data["attached_media"] = json.dumps([{"media_fbid": i} for i in ids])
            elif link := _URL_RE.search(text):
                data["link"] = link.group(0)
            post_id = self._call("POST", f"{quote(self.page_id)}/feed", data=data).get("id")
        if not post_id:
            raise TransientError("facebook: post created without an id", ambiguous=True)
        return RemotePost(id=str(post_id), url=post_url(str(post_id)))

    def find_published(self, text: str, since: datetime | None = None,
                       exclude: Collection[str] = ()) -> RemotePost | None:
        params: dict[str, Any] = {
            "fields": "id,message,created_time,permalink_url",
            "limit": PAGE_SIZE,
        }
        if since is not None:
            params["since"] = int(since.timestamp())
        used: set[str] = set()
        for _ in range(MAX_PAGES):
            body = self._call("GET", f"{quote(self.page_id)}/posts", params=params) or {}
            for post in body.get("data") or []:
                # the Page's copy keeps the links as sent: a link twin is told apart
                same = same_post(text, str(post.get("message") or "")) \
                    if post.get("id") and str(post["id"]) not in exclude else False
                if same is not False:
                    url = post.get("permalink_url") or post_url(post["id"])
                    return RemotePost(id=str(post["id"]), url=str(url),
                                      links_unknown=same is None)
            # a page with a `next` link but no `cursors.after` is not the end (next_after)
            after = next_after(body)
            if not after:
                if isinstance(body.get("paging"), Mapping) and body["paging"].get("next"):
                    break  # a next page named without a cursor (time-based paging): unread
                return None
            if after in used:
                break  # a cursor already read (a loop): the pages past it are unread
            used.add(after)
            params["after"] = after
        # "not found" would publish again (decide: NOT_FOUND retries at once) while the post
        # may be on a page not read: in doubt, checked again later (s55-reread-small)
        raise not_read_to_the_end("facebook", "the Page's posts",
                                  "a next page named without a usable cursor, a cursor "
                                  f"repeated, or more than {MAX_PAGES} pages")

    # -- comments ------------------------------------------------------------------------

    def fetch_comments(
        self, remote_id: str, cursor: str | None
    ) -> tuple[list[RemoteComment], str | None]:
        """Comments newer than the cursor, newest first, up to MAX_PAGES pages a poll. A read
        the bound ends early goes on from Graph's paging token at the next poll (_cursor):
        more than a bound's worth of comments between two polls used to move the cursor past
        the ones not read, which were then never stored, judged or hidden."""
        state = _cursor.read_state(cursor)
        resumed = state.resume is not None  # the cursor changes even when nothing is new
        params: dict[str, Any] = {
            "fields": COMMENT_FIELDS,
            "order": "reverse_chronological",
            "filter": "stream",
            "limit": PAGE_SIZE,
        }
        if state.resume:
            params["after"] = state.resume
        items: dict[str, tuple[float, str, RemoteComment]] = {}  # by id: pages may overlap
        in_order, previous, finished = True, float("inf"), False
        for _ in range(MAX_PAGES):
            try:
                body = self._call("GET", f"{quote(remote_id)}/comments", f"the post {remote_id}",
                                  params=params) or {}
            except PermanentError:
                if state.resume is None or params.get("after") != state.resume:
                    raise
                # Graph's paging tokens do not last for ever, and what it answers to a stale
                # one is not documented beyond a refusal (the sandbox: its invalid-parameter
                # error, code 100): a resumed read refused at once reads again from the
                # newest (the floor stays, so nothing not yet read is taken as read); a
                # passing failure (5xx, a timeout) fails the poll and keeps the token
                params.pop("after")
                state = _cursor.ReadState(state.since, state.seen, None, state.top)
                body = self._call("GET", f"{quote(remote_id)}/comments", f"the post {remote_id}",
                                  params=params) or {}
            data = body.get("data") or []
            for raw in data:
                comment = self._comment(raw)
                if comment is not None:
                    items[comment.id] = (comment.created_at.timestamp(), comment.id, comment)
            times = [_parse_time(str(c.get("created_time"))).timestamp() for c in data]
            # Graph may rank comments ("most relevant") whatever `order` asks for. Only while
            # every page so far came newest first may a page reaching back past the cursor
            # end the read; ranked, every page is read (over as many polls as it takes).
            in_order = in_order and all(a >= b for a, b in zip([previous, *times], times,
                                                                strict=False))
            previous = times[-1] if times else previous
            # an empty page that names a next one is not the end (next_after)
            after = next_after(body)
            if not after or (in_order and times and min(times) < state.since):
                finished = True
                break
            params["after"] = after
        # the floor moves up to the newest comment of a read's first poll: ranked, a comment
        # posted while a read goes on over several polls may land in pages already read, and
        # is read again next time (an outside review lost 9 of 10 PHI comments posted during
        # such a read to the newest seen); newest first, the later polls only read older ones
        top = state.top or _cursor.newest(items.values(), (state.since, state.seen))
        # every comment newer than the floor that this read met may be new (the daemon
        # stores each id once)
        new = _cursor.fresh(items.values(), state.since, state.seen)
        if finished:
            next_state = _cursor.ReadState(*top)
            if not new and not resumed:
                return [], cursor
        else:
            next_state = _cursor.ReadState(state.since, state.seen, str(params["after"]), top,
                                           more=True)
        return new, next_state.encode()

    def reread_paged(self, remote_id: str, after: Sequence[str], max_pages: int,
                     max_calls: int | None = None) -> Reread:
        """The post's comments read again for edits, page by page off its own comments edge
        (``GET /{version}/{post-id}/comments`` with ``filter=stream``,
        ``order=chronological``, ``limit`` and the ``after`` cursor: Graph reference
        "/{object-id}/comments" and "Paginated Results"), at most ``max_pages`` pages and
        ``max_calls`` calls. Graph's Comment node has `created_time` and no edit time or
        history (its Page webhooks tell edits, but only to a callback URL Facebook can reach,
        which socialbot does not run), so an edit shows only as a changed `message`
        (docs/adapters.md).

        History: before session 54 the newest 10 pages were read again, so an edit to an
        older comment was never seen (attack review C4); s54-cfix then read the stored ids
        with Graph's multi-ID read (``GET /?ids=``), which new apps may not use since
        2026-11-04 on any version (Meta, "Introducing Graph API v27.0"; outside review D,
        C4-c). Reading the edge names no comment id at all, so a stored id cannot name
        another object, and a deleted comment is simply not listed.

        ``after`` is the last sweep's ``trail``: cursors the round may go on from, the
        newest first (empty: the first page). Graph's cursors mark a comment and lapse when
        it is deleted (Graph says not to keep them): a refused one is followed by the next,
        older one (re-reading a page or more), and when every one is refused the round
        restarts once from the first page (``restarted``; the monitor logs it). One refused
        cursor cannot then send the round back to the start every sweep (a commenter
        deleting the comment a sweep stopped at would otherwise keep every comment past the
        first sweep's worth from ever being read again); the trail's next cursors mark
        comments of other authors (_reread_anchors), so one commenter deleting the comments
        at every stored position cannot force that restart either. Reaching the end of the
        edge, a sweep that began part way goes on from the first page and stops at the first page
        holding a comment it already read, so every comment is read again within
        ceil(pages / max_pages) sweeps. A refused token or a rate limit ends the read as any
        call's does; a cursor refused mid-sweep ends the sweep (the next tries it first)."""
        found = Reread()
        node, about = f"{quote(remote_id)}/comments", f"the post {remote_id}"
        params: dict[str, Any] = {"fields": COMMENT_FIELDS, "filter": "stream",
                                  "order": "chronological", "limit": PAGE_SIZE}
        given = [str(c) for c in after if c][:REREAD_TRAIL]
        position, rest = (given[0], given[1:]) if given else (None, [])
        trail: list[str] = []  # the page ends read since the round last began, newest first
        read: list[tuple[str | None, list[Mapping[str, Any]]]] = []  # (cursor before, page)
        seen: set[str] = set()
        wrapped = position is None  # a sweep from the first page never goes round again
        calls = pages = 0
        while pages < max_pages and (max_calls is None or calls < max_calls):
            if position is None:
                params.pop("after", None)
            else:
                params["after"] = position
            calls += 1
            try:
                body = self._call("GET", node, about, params=params) or {}
            except NotVisible:
                raise
            except PermanentError:  # not AuthError / RateLimited: those end the read
                if position is None:
                    raise  # the first page refused: as the poll's own read would be
                if pages:  # a cursor Graph gave this sweep: the next sweep tries it first
                    break
                if rest:  # a stored cursor lapsed: the one before it
                    position = rest.pop(0)
                    continue
                found.restarted, position, wrapped = True, None, True
                continue
            if position is None:  # the round begins (again): older cursors are behind it
                trail, rest, read = [], [], []
            pages += 1
            data = [raw for raw in (body.get("data") or []) if isinstance(raw, Mapping)]
            read.append((position, data))
            again = any(str(raw.get("id")) in seen for raw in data)
            for raw in data:
                if str(raw.get("id")) not in seen and (comment := self._comment(raw)):
                    found.append(comment)
            seen.update(str(raw.get("id")) for raw in data)
            position = next_after(body)
            if position is not None:
                trail.insert(0, position)
            if again:  # round the end and back to where this sweep began
                break
            if position is None:  # the end of the edge
                if wrapped:
                    break
                wrapped = True
        if position is None:
            found.trail = []
            return found
        spare = None if max_calls is None else max_calls - calls
        anchors = self._reread_anchors(node, about, params, read, spare)
        # an anchor may mark a page end the trail holds already: each cursor once
        found.trail = list(dict.fromkeys([*trail[:1], *anchors, *trail[1:], *rest]))[
            :REREAD_TRAIL]
        return found

    def _reread_anchors(self, node: str, about: str, params: dict[str, Any],
                        read: Sequence[tuple[str | None, Sequence[Mapping[str, Any]]]],
                        spare: int | None) -> list[str]:
        """Cursors marking comments of other authors than the one the sweep stopped at, the newest
        first, one per author, REREAD_ANCHORS - 1 at most (s55-small, C4). A cursor lapses only when
        its comment is deleted, and a commenter can delete only their own and the replies to them
        (so a reply counts as written by both its author and the author of the comment it answers,
        and one answering a comment not read this sweep is passed over: s55-reread-small): with the
        trail's first cursor and these marking comments of different authors, one commenter (or
        REREAD_ANCHORS - 1 together) deleting comments at the stored positions cannot send the next
        sweep further back than the newest comment of another author, where before ten deletions
        sent it back to the first page every sweep. Graph gives cursors only at page ends, so each
        is one more read of the page that holds the comment, with ``limit`` ending the page there:
        at most REREAD_ANCHORS - 1 calls a sweep, within ``spare``. A refusal or a failure of these
        reads keeps the trail as it was."""
        newest = read[-1][1] if read and read[-1][1] else None
        if newest is None:
            return []
        written = {str(raw.get("id")): _author(raw) for _, data in read for raw in data}

        def deleters(raw: Mapping[str, Any]) -> set[str] | None:
            """Who can delete ``raw``: its author and, for a reply, the author of the
            comment it answers (deleting a comment deletes its replies; s55-reread-small).
            None when that comment was not read this sweep (its author is unknown)."""
            parent = raw.get("parent")
            if not isinstance(parent, Mapping) or not parent.get("id"):
                return {_author(raw)}
            above = written.get(str(parent["id"]))
            return None if above is None else {_author(raw), above}

        authors = deleters(newest[-1]) or {_author(newest[-1])}
        wanted: list[tuple[str | None, int, str]] = []  # (cursor before its page, index, id)
        for before, data in reversed(read):
            for index in range(len(data) - 1, -1, -1):
                who = deleters(data[index])
                if who is None or who & authors or not data[index].get("id"):
                    continue
                authors |= who
                wanted.append((before, index, str(data[index]["id"])))
                if len(wanted) >= REREAD_ANCHORS - 1:
                    break
            if len(wanted) >= REREAD_ANCHORS - 1:
                break
        anchors: list[str] = []
        for before, index, ident in wanted[:spare]:
            ask = {**params, "limit": index + 1}
            if before is None:
                ask.pop("after", None)
            else:
                ask["after"] = before
            try:
                body = self._call("GET", node, about, params=ask) or {}
            except (PermanentError, TransientError):
                break
            data = body.get("data") or []
            cursor = next_after(body)
            if cursor and data and isinstance(data[-1], Mapping) \
                    and str(data[-1].get("id")) == ident:
                anchors.append(cursor)
        return anchors

    def _comment(self, raw: Mapping[str, Any]) -> RemoteComment | None:
        author = raw.get("from") or {}
        if author.get("id") == self.page_id or not raw.get("id"):
            return None  # the page's own replies are not comments to moderate
        return RemoteComment(
            id=str(raw["id"]),
            author=str(author.get("name") or author.get("id") or "unknown"),
            text=str(raw.get("message") or ""),
            created_at=_parse_time(str(raw.get("created_time"))),
            parent_id=(raw.get("parent") or {}).get("id"),
            hidden=bool(raw.get("is_hidden")),
        )

    def hide_comment(self, comment_id: str) -> None:
        self._call("POST", quote(comment_id), f"the comment {comment_id}",
                   data={"is_hidden": "true"})

    def unhide_comment(self, comment_id: str) -> None:
        self._call("POST", quote(comment_id), f"the comment {comment_id}",
                   data={"is_hidden": "false"})

    def delete_comment(self, comment_id: str, *, post_id: str = "",
                       parent_id: str | None = None) -> None:
        self._call("DELETE", quote(comment_id), f"the comment {comment_id}")

    def comment_text(self, comment_id: str) -> str:
        """GET /{comment-id}?fields=message: Graph reports no edit time, so an edit shows
        only in the words (a comment of only a photo or sticker has no message: "")."""
        body = self._call("GET", quote(comment_id),
                          f"the comment {comment_id} this reply answers",
                          params={"fields": "message"})
        return str((body or {}).get("message") or "")

    def reply_to_comment(self, remote_post_id: str, comment_id: str, text: str) -> RemotePost:
        body = self._call("POST", f"{quote(comment_id)}/comments",
                          f"the comment {comment_id} this reply answers", data={"message": text})
        reply_id = (body or {}).get("id")
        if not reply_id:
            raise TransientError("facebook: reply created without an id", ambiguous=True)
        return RemotePost(id=str(reply_id), url=f"{post_url(remote_post_id)}?comment_id={reply_id}")

    def check_credentials(self) -> None:
        self._call("GET", quote(self.page_id), params={"fields": "id,name"})
