"""X (Twitter) through tweepy's v2 `Client`, OAuth 1.0a user context.

Pointing tweepy at X_API_BASE: `Client.request` joins a hard-coded "https://api.twitter.com"
with the route and sends it through `self.session`, a documented public attribute. We give the
Client our own Session (adapters._http.BaseUrlSession) that rewrites that host to X_API_BASE and
adds the timeouts tweepy never sets. Nothing else in tweepy is patched.

Media goes through the v2 one-shot upload, POST /2/media/upload (multipart, media_category
tweet_image), signed with tweepy's OAuth 1.0a handler: X retired v1.1 media/upload and tweepy
4.x has no v2 upload method.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import re
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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
    utc_from_timestamp,
)
from adapters.x_length import MAX_WEIGHTED, weighted_length

if TYPE_CHECKING:
    import requests

T = TypeVar("T")

DEFAULT_BASE = "https://api.twitter.com"
TWEEPY_HOSTS = ("https://api.twitter.com", "https://api.x.com")
MAX_IMAGES = 4
IMAGE_BYTES = 5 * 1024 * 1024
MAX_PAGES = 5
# media_category per type for the chunked upload; any other type is an image (one-shot).
CHUNKED_CATEGORY = {"image/gif": "tweet_gif", "video/mp4": "tweet_video",
                    "video/quicktime": "tweet_video"}
CHUNK_BYTES = 4 * 1024 * 1024  # APPEND takes at most 5 MB per segment
STATUS_CHECKS = 30
TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "referenced_tweets"]
ENV_NAMES = ("X_CONSUMER_KEY", "X_CONSUMER_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")


# Recent search serves the last 7 days; a minute of margin for clock skew and the request.
SEARCH_WINDOW = timedelta(days=7) - timedelta(minutes=1)
MONITOR_DAYS = 7  # X comments cannot be read further back than this (see the review queue)
TWEPOCH_MS = 1288834974657

log = logging.getLogger(__name__)


def snowflake_time(tweet_id: str) -> datetime:
    """When a post was created, from its id (X ids are snowflakes: ms since X's epoch << 22)."""
    return utc_from_timestamp(((int(tweet_id) >> 22) + TWEPOCH_MS) / 1000)


def post_url(tweet_id: str) -> str:
    return f"https://x.com/i/web/status/{tweet_id}"


# the link X appends to a post's text for its photo or video: not a link the text had
_MEDIA_LINK = re.compile(r"(?:twitter|x)\.com/[^/]+/status/\d+/(?:photo|video)/\d+", re.I)


def expanded_links(tweet: Mapping[str, Any]) -> list[str] | None:
    """The targets of a post's links (``entities.urls[].expanded_url``, asked for with
    tweet.fields=entities), in order, without the link X appends for attached media; None
    when the answer carries no entities (the t.co links in the text are then all there is).
    X shortens every link to t.co, so only these tell two posts that differ only in their
    links apart (adapters.base.same_post)."""
    urls = (tweet.get("entities") or {}).get("urls") if isinstance(
        tweet.get("entities"), Mapping) else None
    if not isinstance(urls, list):
        return None
    found = [u for u in urls if isinstance(u, Mapping) and u.get("expanded_url")]
    if len(found) != len(urls):
        return None  # a link without its target: compare the text's own links
    return [str(u["expanded_url"]) for u in found  # in the text's order, as X lists them
            if not u.get("media_key") and not _MEDIA_LINK.search(str(u["expanded_url"]))]


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def rate_limit_info(headers: Mapping[str, str]) -> RateLimitInfo | None:
    def number(name: str) -> int | None:
        try:
            return int(headers[name])
        except (KeyError, ValueError):
            return None

    remaining, limit, reset = (number(f"x-rate-limit-{k}") for k in ("remaining", "limit", "reset"))
    if remaining is None and reset is None:
        return None
    return RateLimitInfo(
        remaining=remaining,
        limit=limit,
        reset_at=utc_from_timestamp(reset) if reset is not None else None,
    )


def error_for(response: requests.Response, method: str, path: str) -> AdapterError:
    from adapters._http import body_json, server_error

    body = body_json(response)
    body = body if isinstance(body, dict) else {}
    status = response.status_code
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    # an error entry without either said "None" in the line (s54 reread B)
    messages = [str(e.get("message") or e.get("detail") or "") for e in errors
                if isinstance(e, dict)]
    # X's invalid-request problem says only "One or more parameters to your request was
    # invalid." in `detail`; what was wrong is in `errors` (e.g. a media_ids rule), so both
    detail = "; ".join(part for part in (str(body.get("detail") or ""), *messages) if part)
    detail = (detail or str(response.reason or ""))[:300]
    problem = str(body.get("type") or "")
    where = f"{method} {path}"
    if status == 401:
        return AuthError(
            f"x: credentials rejected (401) on {where}; renew X_ACCESS_TOKEN and "
            "X_ACCESS_TOKEN_SECRET (check X_CONSUMER_KEY / X_CONSUMER_SECRET too)"
        )
    if status == 429:
        return _rate_limited(response, where, problem)
    if status == 402:
        # Pay per use: the prepaid credits are spent. Not the post's fault and not for ever:
        # held until someone buys credits (an outside review, session 43, saw it failed).
        return NeedsAction(
            f"x: out of API credits (HTTP 402 on {where}); buy credits in the X Developer "
            "Console: held X posts are tried again every SOCIALBOT_CREDITS_RETRY seconds "
            "(an hour by default) and at a daemon restart",
            kind="credits",
        )
    if status == 403 and "duplicate" in detail.lower():
        return Rejected(f"x: duplicate content: {detail}", duplicate=True)
    if status == 403 and "oauth1-permissions" in problem:
        return AuthError(
            f"x: the app may not write ({where}); give it Read and Write permission, then "
            "renew X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET"
        )
    if status >= 500:
        return server_error(f"x: server error {status} on {where}", method)
    if status == 404:
        return Gone(f"x: {status} on {where}: {detail}", status=status)
    return PermanentError(f"x: {status} on {where}: {detail}", status=status)


# A 429 says which limit ran out by its headers: the 15-minute endpoint window
# (x-rate-limit-*), the 24-hour per-user and per-app caps on posting (x-user-limit-24hour-*,
# x-app-limit-24hour-*), or the plan's usage cap (problem type .../usage-capped, no reset
# header: it lifts when the billing period renews or the cap is raised).
WINDOWS = (("x-user-limit-24hour", "24-hour user limit"), ("x-app-limit-24hour",
           "24-hour app limit"), ("x-rate-limit", "15-minute window"))
USAGE_CAP_WAIT = 24 * 3600.0


def _rate_limited(response: requests.Response, where: str, problem: str) -> RateLimited:
    from adapters._http import retry_after_header

    headers = response.headers
    if "usage-capped" in problem.lower():
        return RateLimited(f"x: the plan's usage cap is reached on {where}; raise the cap in "
                           "the X Developer Console or wait for the next billing period",
                           retry_after=USAGE_CAP_WAIT, window="usage cap")
    now = time.time()
    for prefix, label in WINDOWS:
        try:
            remaining = int(headers[f"{prefix}-remaining"])
            reset = float(headers[f"{prefix}-reset"])
        except (KeyError, ValueError):
            continue
        if remaining <= 0:  # this is the limit that ran out: wait for its own reset
            return RateLimited(f"x: {label} reached on {where}",
                               retry_after=max(1.0, reset - now), window=label)
    retry = retry_after_header(response)
    return RateLimited(f"x: rate limited on {where}", retry_after=retry, window="")


class XAdapter(Adapter):
    name: ClassVar[str] = "x"
    can_delete_others: ClassVar[bool] = False

    def __init__(
        self,
        *,
        base_url: str,
        consumer_key: str,
        consumer_secret: str,
        access_token: str,
        access_token_secret: str,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        import tweepy

        from adapters._http import BaseUrlSession, protect_logs

        self.base_url = base_url.rstrip("/")
        self.secrets = (consumer_key, consumer_secret, access_token, access_token_secret)
        protect_logs(self.secrets)
        self.client = tweepy.Client(
            consumer_key=consumer_key,
            consumer_secret=consumer_secret,
            access_token=access_token,
            access_token_secret=access_token_secret,
            return_type=dict,
        )
        self.session = BaseUrlSession(base_url, timeout, rewrite_hosts=TWEEPY_HOSTS,
                                      deadline=deadline)
        self.client.session = self.session
        self.rate_limit = None
        self._me: dict[str, Any] | None = None

    @classmethod
    def validate(cls, draft: Draft) -> list[str]:
        text = published_text(draft)
        length, valid = weighted_length(text)
        problems = length_problem("x", length, MAX_WEIGHTED)
        if not problems and not valid:
            problems.append("x: the text holds characters X does not accept (e.g. U+FFFE)")
        return problems + media_problems(
            "x",
            draft.media,
            max_count=MAX_IMAGES,
            max_bytes=IMAGE_BYTES,
            extensions=frozenset({"jpg", "jpeg", "png", "gif", "webp"}),
        )

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, timeout: tuple[float, float] | None = None
    ) -> XAdapter:
        require_settings("x", env, ENV_NAMES)
        base_url = env.get("X_API_BASE") or DEFAULT_BASE
        require_secure("x", "X_API_BASE", base_url, env)
        return cls(
            base_url=base_url,
            consumer_key=env["X_CONSUMER_KEY"],
            consumer_secret=env["X_CONSUMER_SECRET"],
            access_token=env["X_ACCESS_TOKEN"],
            access_token_secret=env["X_ACCESS_TOKEN_SECRET"],
            timeout=timeout or timeout_from_env(env),
            deadline=deadline_from_env(env),
        )

    # -- plumbing ------------------------------------------------------------------------

    def _call(self, method: str, path: str, send: Callable[[], T]) -> T:
        """Run one tweepy call; every failure comes out as an AdapterError without secrets."""
        import requests
        import tweepy

        from adapters._http import is_write, scrubbed, transport_error

        try:
            try:
                return send()
            finally:
                self.rate_limit = rate_limit_info(self.session.last_headers) or self.rate_limit
        except tweepy.HTTPException as exc:
            error = error_for(exc.response, method, path)
        except requests.JSONDecodeError:
            error = TransientError(
                f"x: malformed JSON in the response to {method} {path}",
                ambiguous=is_write(method),
            )
        except requests.RequestException as exc:
            error = transport_error("x", method, path, exc)
        except tweepy.TweepyException as exc:
            error = PermanentError(f"x: {type(exc).__name__} on {method} {path}")
        raise scrubbed(error, self.secrets) from None

    def _oauth1(self) -> Any:
        import tweepy

        return tweepy.OAuth1UserHandler(*self.secrets).apply_auth()

    def _me_info(self) -> dict[str, Any]:
        if self._me is None:
            body = self._call("GET", "/2/users/me", lambda: self.client.get_me(user_auth=True))
            self._me = dict(body.get("data") or {})
            if not self._me.get("id"):
                raise TransientError("x: /2/users/me answered without a user id")
        return self._me

    def _upload(self, path: Path) -> str:
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if mime in CHUNKED_CATEGORY:
            return self._upload_chunked(path, mime, CHUNKED_CATEGORY[mime])
        category = "tweet_image"  # the one-shot upload takes images only

        def send() -> dict[str, Any]:
            import tweepy

            response = self.session.post(
                f"{self.base_url}/2/media/upload",
                data={"media_category": category, "media_type": mime},
                files={"media": (path.name, read_media(path), mime)},
                auth=self._oauth1(),
            )
            if response.status_code >= 400:
                raise tweepy.HTTPException(response)
            return response.json()

        body = self._call("POST", "/2/media/upload", send)
        media_id = (body.get("data") or {}).get("id")
        if not media_id:
            raise TransientError("x: media upload answered without an id", ambiguous=False)
        return str(media_id)

    def _media_call(self, what: str, data: dict[str, Any], files: Any = None,
                    method: str = "POST") -> dict[str, Any]:
        def send() -> dict[str, Any]:
            import tweepy

            url = f"{self.base_url}/2/media/upload"
            if method == "GET":
                response = self.session.get(url, params=data, auth=self._oauth1())
            else:
                response = self.session.post(url, data=data, files=files, auth=self._oauth1())
            if response.status_code >= 400:
                raise tweepy.HTTPException(response)
            return response.json() if response.content else {}

        return self._call(method, f"/2/media/upload ({what})", send)

    def _upload_chunked(self, path: Path, mime: str, category: str) -> str:
        """GIFs and video: INIT, APPEND in chunks, FINALIZE, then STATUS until processed
        (docs.x.com, "Chunked media upload")."""
        payload = read_media(path)
        init = self._media_call("INIT", {"command": "INIT", "media_type": mime,
                                         "total_bytes": str(len(payload)),
                                         "media_category": category})
        media_id = str((init.get("data") or {}).get("id") or "")
        if not media_id:
            raise TransientError("x: chunked upload was not initialized", ambiguous=False)
        for index, start in enumerate(range(0, len(payload), CHUNK_BYTES)):
            self._media_call("APPEND", {"command": "APPEND", "media_id": media_id,
                                        "segment_index": str(index)},
                             files={"media": ("chunk", payload[start:start + CHUNK_BYTES],
                                              "application/octet-stream")})
        done = self._media_call("FINALIZE", {"command": "FINALIZE", "media_id": media_id})
        info = (done.get("data") or {}).get("processing_info")
        for _ in range(STATUS_CHECKS):
            if not info or info.get("state") == "succeeded":
                return media_id
            if info.get("state") == "failed":
                raise PermanentError(f"x: {path.name} could not be processed by X: "
                                     f"{(info.get('error') or {}).get('message', 'failed')}")
            time.sleep(min(5.0, float(info.get("check_after_secs") or 1)))
            status = self._media_call("STATUS", {"command": "STATUS", "media_id": media_id},
                                      method="GET")
            info = (status.get("data") or {}).get("processing_info")
        raise TransientError(f"x: {path.name} is still being processed by X", ambiguous=False)

    # -- posts ---------------------------------------------------------------------------

    def _describe(self, media_id: str, alt: str) -> None:
        """Alt text for an uploaded image: POST /2/media/metadata (X API v2)."""

        def send() -> dict[str, Any]:
            import tweepy

            response = self.session.post(
                f"{self.base_url}/2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": alt}}},
                auth=self._oauth1(),
            )
            if response.status_code >= 400:
                raise tweepy.HTTPException(response)
            return response.json()

        self._call("POST", "/2/media/metadata", send)

    def publish(self, text: str, media: Sequence[Path] = (),
                alt_texts: Sequence[str] = ()) -> RemotePost:
        media_ids = [self._upload(Path(p)) for p in media]
        for media_id, alt in zip(media_ids, alt_texts, strict=False):
            if alt:
                self._describe(media_id, alt)
        body = self._call(
            "POST",
            "/2/tweets",
            lambda: self.client.create_tweet(
                text=text, media_ids=media_ids or None, user_auth=True
            ),
        )
        tweet_id = (body.get("data") or {}).get("id")
        if not tweet_id:
            raise TransientError("x: post created without an id", ambiguous=True)
        return RemotePost(id=str(tweet_id), url=post_url(str(tweet_id)))

    def find_published(self, text: str, since: datetime | None = None,
                       exclude: Collection[str] = ()) -> RemotePost | None:
        """Our post among the account's own (GET /2/users/:id/tweets, newest first, from
        ``since`` on by start_time). "Not found" only once X has said the list ended (a page
        without meta.next_token: docs.x.com "Pagination"), which with start_time is the end of
        the since-window. A page bound reached while X names a next page, a next_token
        repeated (a loop), a page without meta, or an answer carrying ``errors`` (partial: X
        answers 200 with some results missing) is no "not found", which would publish again,
        but in doubt (not_read_to_the_end; s56-findpub). X serves only a user's 3,200 newest
        posts; the bound (MAX_PAGES of 100) stays below that, so its silent end is never
        reached."""
        me = self._me_info()["id"]
        token: str | None = None
        used: set[str] = set()
        partial = False
        for _ in range(MAX_PAGES):
            page_token = token
            body = self._call(
                "GET",
                "/2/users/:id/tweets",
                lambda page_token=page_token: self.client.get_users_tweets(
                    me,
                    max_results=100,
                    start_time=since,
                    tweet_fields=["created_at", "entities"],
                    pagination_token=page_token,
                    user_auth=True,
                ),
            )
            body = body if isinstance(body, Mapping) else {}
            data = body.get("data")
            for tweet in data if isinstance(data, list) else []:
                if not (isinstance(tweet, Mapping) and tweet.get("id")) or \
                        str(tweet["id"]) in exclude:
                    continue
                same = same_post(text, str(tweet.get("text") or ""), expanded_links(tweet))
                if same is not False:
                    return RemotePost(id=str(tweet["id"]), url=post_url(str(tweet["id"])),
                                      links_unknown=same is None)
            partial = partial or bool(body.get("errors"))
            meta = body.get("meta")
            if not isinstance(meta, Mapping):
                raise not_read_to_the_end("x", "the account's posts", "a page without meta")
            token = str(meta.get("next_token") or "") or None
            if token is None:
                if partial:
                    raise not_read_to_the_end("x", "the account's posts",
                                              "X answered with errors, some posts missing")
                return None
            if token in used:
                raise not_read_to_the_end("x", "the account's posts",
                                          "a next_token repeated")
            used.add(token)
        raise not_read_to_the_end("x", "the account's posts",
                                  f"more than {MAX_PAGES} pages of 100")

    # -- replies as comments -------------------------------------------------------------

    def fetch_comments(
        self, remote_id: str, cursor: str | None
    ) -> tuple[list[RemoteComment], str | None]:
        """Replies in the post's conversation newer than the cursor (a tweet id, `since_id`),
        newest first, up to MAX_PAGES pages a poll. A read the bound ends early leaves a gap
        (since_id, until_id) that the next poll reads first (_XCursor): more than a bound's
        worth of replies between two polls used to move the cursor past the ones not read."""
        me = self._me_info()["id"]
        gap = _XCursor.parse(cursor)
        since_id = gap.since if gap else (cursor if cursor and cursor.isdigit() else None)
        until_id = gap.until if gap else None
        start_time = None
        oldest = datetime.now(UTC) - SEARCH_WINDOW
        if until_id and snowflake_time(until_id) < oldest:
            # the rest of the gap has aged out of recent search (7 days): nothing in it can be
            # read any more; carry on from the newest
            log.warning("x: replies older than %s could not be read before recent search's "
                        "window passed them", until_id)
            return [], gap.top if gap else cursor
        if since_id and snowflake_time(since_id) < oldest:
            # Recent search refuses a since_id older than its window: read the whole window
            # instead (comments already stored are recognised by id).
            since_id, start_time = None, oldest
        comments: list[RemoteComment] = []
        newest = int(since_id) if since_id else 0
        lowest: int | None = None
        token: str | None = None
        for _ in range(MAX_PAGES):
            page_token = token
            body = self._call(
                "GET",
                "/2/tweets/search/recent",
                lambda page_token=page_token: self.client.search_recent_tweets(
                    f"conversation_id:{remote_id}",
                    since_id=since_id,
                    until_id=until_id,
                    start_time=start_time,
                    max_results=100,
                    next_token=page_token,
                    tweet_fields=TWEET_FIELDS,
                    expansions=["author_id"],
                    user_fields=["username"],
                    user_auth=True,
                ),
            )
            users = {u.get("id"): u for u in (body.get("includes") or {}).get("users") or []}
            for tweet in body.get("data") or []:
                newest = max(newest, int(tweet["id"]))
                lowest = int(tweet["id"]) if lowest is None else min(lowest, int(tweet["id"]))
                if tweet.get("author_id") == me:
                    continue  # our own replies are not comments to moderate
                author = users.get(tweet.get("author_id")) or {}
                parent = next(
                    (
                        ref.get("id")
                        for ref in tweet.get("referenced_tweets") or []
                        if ref.get("type") == "replied_to"
                    ),
                    None,
                )
                comments.append(
                    RemoteComment(
                        id=str(tweet["id"]),
                        author=str(author.get("username") or tweet.get("author_id") or "unknown"),
                        text=str(tweet.get("text") or ""),
                        created_at=_parse_time(tweet["created_at"])
                        if tweet.get("created_at")
                        else datetime.now(UTC),
                        parent_id=parent,
                        # an edit is a new post whose history names the earlier versions,
                        # oldest first (edit_history_tweet_ids, a default field)
                        earlier_ids=tuple(str(i) for i in tweet.get("edit_history_tweet_ids")
                                          or () if str(i) != str(tweet["id"])),
                    )
                )
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                break
        comments.sort(key=lambda c: int(c.id))
        top = max(int(gap.top), newest) if gap and gap.top else newest
        if token and lowest is not None:  # the bound ended the read: the gap goes on
            return comments, _XCursor(since_id, str(lowest), str(top)).encode()
        return comments, (str(top) if top else cursor)

    def hide_comment(self, comment_id: str) -> None:
        self._call(
            "PUT",
            "/2/tweets/:id/hidden",
            lambda: self.client.hide_reply(comment_id, user_auth=True),
        )

    def unhide_comment(self, comment_id: str) -> None:
        self._call(
            "PUT",
            "/2/tweets/:id/hidden",
            lambda: self.client.unhide_reply(comment_id, user_auth=True),
        )

    def delete_comment(self, comment_id: str, *, post_id: str = "",
                       parent_id: str | None = None) -> None:
        """X deletes only the account's own posts; another user's reply answers 403."""
        self._call(
            "DELETE",
            "/2/tweets/:id",
            lambda: self.client.delete_tweet(comment_id, user_auth=True),
        )

    def reply_to_comment(self, remote_post_id: str, comment_id: str, text: str) -> RemotePost:
        try:
            body = self._call(
                "POST",
                "/2/tweets",
                lambda: self.client.create_tweet(
                    text=text, in_reply_to_tweet_id=comment_id, user_auth=True
                ),
            )
        except PermanentError as exc:
            if exc.status != 403:
                raise
            # Since 2026-02-23 self-serve apps may reply only where the author mentioned or
            # quoted the account; retrying changes nothing, so a person answers in the app.
            raise NeedsAction(
                f"x: X lets apps reply only to people who mentioned or quoted the account; "
                f"reply in the X app instead: {post_url(comment_id)} ({exc.reason})",
                kind="by_hand",
            ) from None
        tweet_id = (body.get("data") or {}).get("id")
        if not tweet_id:
            raise TransientError("x: reply created without an id", ambiguous=True)
        return RemotePost(id=str(tweet_id), url=post_url(str(tweet_id)))

    def check_credentials(self) -> None:
        self._me = None
        self._me_info()


@dataclass(frozen=True)
class _XCursor:
    """A read the page bound ended early: the replies between ``since`` (exclusive; None for
    the whole search window) and ``until`` (exclusive) are still to be read, and ``top`` is
    the newest reply seen. A plain tweet id is a cursor with no gap."""

    since: str | None
    until: str
    top: str

    def encode(self) -> str:
        return json.dumps({"since": self.since, "until": self.until, "top": self.top,
                           "more": True})

    @staticmethod
    def parse(cursor: str | None) -> _XCursor | None:
        if not cursor or cursor.isdigit():
            return None
        try:
            raw = json.loads(cursor)
            since = raw.get("since")
            if (since is not None and not str(since).isdigit()) or not str(raw["until"]).isdigit():
                return None
            return _XCursor(None if since is None else str(since), str(raw["until"]),
                            str(raw.get("top") or raw["until"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
