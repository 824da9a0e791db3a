"""Stand-in for the X API v2 calls the adapter makes, with OAuth 1.0a user-context checks.

The OAuth signature is not verified (the sandbox has no real secrets); the header must be
OAuth 1.0a shaped and its consumer key and token must equal the sandbox token.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote

from adapters.limits import over_by
from adapters.x_replies import mentions
from social_bot.sandbox.http import Reply, Request
from social_bot.sandbox.state import Comment, SandboxState, member_id

PREFIX = "/x"
PLATFORM = "x"
ME_ID = "1500000000000000001"
ME_USERNAME = "sandbox_practice"
RATE_LIMIT = 300
WINDOW = 900  # seconds, X's 15-minute windows
# Recent search covers the last 7 days: an older since_id or start_time is refused.
SEARCH_WINDOW = 7 * 86400
TWEPOCH_MS = 1288834974657  # X's snowflake epoch: ids carry their creation time
# Since 2026-02-23 a reply through POST /2/tweets is refused unless the author of the post
# replied to mentioned or quoted the account (self-serve tiers; see docs/adapters.md).
REPLY_NOT_ALLOWED = ("Reply to this conversation is not allowed because you have not been "
                     "mentioned or otherwise engaged by the author of the post you are "
                     "replying to.")
# X's 400 for a text over 280 weighted characters, as tweepy users have logged it (X's docs
# give no example body); counted as the adapter counts it (adapters/limits.py)
TEXT_TOO_LONG = ("Your Tweet text is too long. For more information on how Twitter determines "
                 "text length see https://github.com/twitter/twitter-text.")
_OAUTH_PARAM = re.compile(r'([a-z_]+)="([^"]*)"')
_REQUIRED = (
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
)


@dataclass
class Context:
    state: SandboxState
    base_url: str
    token: str


def problem(status: int, title: str, detail: str, kind: str = "about:blank") -> Reply:
    return Reply(status, {"title": title, "detail": detail, "type": kind, "status": status})


def check_auth(req: Request, token: str) -> Reply | None:
    header = req.header("Authorization")
    params = {k: unquote(v) for k, v in _OAUTH_PARAM.findall(header)}
    shaped = (
        header.startswith("OAuth ")
        and all(params.get(k) for k in _REQUIRED)
        and params["oauth_version"] == "1.0"
        and params["oauth_signature_method"] in ("HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT")
    )
    if not shaped or params["oauth_consumer_key"] != token or params["oauth_token"] != token:
        return problem(401, "Unauthorized", "Unauthorized")
    return None


def rate_headers(remaining: int) -> dict[str, str]:
    reset = (int(time.time()) // WINDOW + 1) * WINDOW
    return {
        "x-rate-limit-limit": str(RATE_LIMIT),
        "x-rate-limit-remaining": str(max(0, remaining)),
        "x-rate-limit-reset": str(reset),
    }


def fault_reply(mode: str) -> Reply:
    if mode == "429":
        reply = problem(429, "Too Many Requests", "Too Many Requests")
        reply.headers.update(rate_headers(0))
        return reply
    if mode == "429_day":  # the 24-hour posting cap, while the 15-minute window has room
        reply = problem(429, "Too Many Requests", "Too Many Requests")
        reply.headers.update(rate_headers(RATE_LIMIT - 1))
        reply.headers.update({
            "x-user-limit-24hour-limit": "100",
            "x-user-limit-24hour-remaining": "0",
            "x-user-limit-24hour-reset": str(int(time.time()) + 86400),
        })
        return reply
    if mode == "402":
        # X's pay-per-use API once the prepaid credits are spent: HTTP 402, title
        # CreditsDepleted (docs/adapters.md cites where this was seen). Every request that
        # costs credits gets it until someone buys more.
        return problem(402, "CreditsDepleted", "Your enrolled account does not have any "
                       "credits to fulfill this request.",
                       "https://api.twitter.com/2/problems/credits")
    return problem(500, "Internal Server Error", "Internal Server Error")


def _time(created: float) -> str:
    stamp = datetime.fromtimestamp(created, tz=UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def _tweet_id(state: SandboxState, created: float | None = None) -> str:
    """A snowflake: the creation time in the high bits, so ids sort by time and the API can
    tell how old a since_id is."""
    moment = state.now() if created is None else created
    return str((int(moment * 1000) - TWEPOCH_MS) << 22 | (state.next_number() % 4096))


def id_time(tweet_id: str) -> float:
    return ((int(tweet_id) >> 22) + TWEPOCH_MS) / 1000


def _tweet_json(
    tid: str,
    text: str,
    author_id: str,
    created: float,
    conversation: str,
    replied_to: str | None,
    fields: set[str],
    history: list[str] | None = None,
) -> dict[str, object]:
    # edit_history_tweet_ids is a default field: every version's id, oldest first
    body: dict[str, object] = {"id": tid, "text": text,
                               "edit_history_tweet_ids": [*(history or []), tid]}
    if "author_id" in fields:
        body["author_id"] = author_id
    if "created_at" in fields:
        body["created_at"] = _time(created)
    if "conversation_id" in fields:
        body["conversation_id"] = conversation
    if "referenced_tweets" in fields and replied_to:
        body["referenced_tweets"] = [{"type": "replied_to", "id": replied_to}]
    return body


def shortened(text: str, fields: set[str]) -> tuple[str, dict[str, object] | None]:
    """``text`` as X returns it: every link (found as twitter-text finds them, "example.com/a"
    included) rewritten to a t.co link of 23 characters; with tweet.fields=entities, the
    links' targets in ``entities.urls`` (start, end, url, expanded_url with the scheme X
    adds, display_url). X's answers never carry the links as typed, so a check that
    compares links must ask for the entities (adapters.base.same_post)."""
    import hashlib

    from twitter_text import extract_urls_with_indices

    out, urls, cursor = "", [], 0
    for found in extract_urls_with_indices(text):
        start, end = found["indices"]
        typed = str(found["url"])
        code = hashlib.sha256(typed.encode()).hexdigest()[:10]
        tco = f"https://t.co/{code}"
        out += text[cursor:start]
        urls.append({"start": len(out), "end": len(out) + len(tco), "url": tco,
                     "expanded_url": typed if "://" in typed else f"http://{typed}",
                     "display_url": typed.split("://", 1)[-1][:30]})
        out += tco
        cursor = end
    out += text[cursor:]
    return out, ({"urls": urls} if urls and "entities" in fields else None)


def _fields(req: Request) -> set[str]:
    return set((req.query.get("tweet.fields", [""])[-1] or "").split(","))


def _conversation_of(state: SandboxState, tweet_id: str) -> tuple[str, str | None] | None:
    """(conversation id = root post, parent) for a tweet being replied to."""
    if state.find_post(PLATFORM, tweet_id):
        return tweet_id, None
    comment = state.find_comment(PLATFORM, tweet_id)
    if comment and not comment.deleted:
        return comment.post_id, comment.id
    return None


def add_reply(
    state: SandboxState,
    post_id: str,
    text: str,
    author: str,
    author_id: str,
    parent: str | None = None,
    created: float | None = None,
) -> Comment:
    moment = state.now() if created is None else created
    comment = Comment(
        PLATFORM,
        _tweet_id(state, moment),
        post_id,
        text,
        author,
        author_id,
        moment,
        parent_id=parent or post_id,
    )
    return state.add_comment(comment)


def _may_reply(state: SandboxState, target_id: str) -> bool:
    """Our own post, our own reply, or a post whose author mentioned us by @username (a
    quote of our post is a mention too: the stand-in has no separate quote tweets)."""
    if state.find_post(PLATFORM, target_id):
        return True
    comment = state.find_comment(PLATFORM, target_id)
    if comment is None:
        return False
    # the matcher the CLI refuses such a reply with at queue time (adapters/x_replies.py)
    return comment.author_id == ME_ID or mentions(comment.text, ME_USERNAME)


def create_tweet(req: Request, ctx: Context) -> Reply:
    body = req.json()
    if not isinstance(body, dict):
        return problem(
            400, "Invalid Request", "One or more parameters to your request was invalid."
        )
    text = str(body.get("text") or "")
    media = [str(m) for m in (body.get("media") or {}).get("media_ids") or []]
    if not text and not media:
        return problem(400, "Invalid Request", "Either text or media must be provided.")
    if (refused := media_refusal(ctx.state, media)) is not None:
        return refused
    if over_by(PLATFORM, text):
        return problem(400, "Invalid Request", TEXT_TOO_LONG,
                       "https://api.twitter.com/2/problems/invalid-request")
    duplicate = [p for p in ctx.state.live_posts(PLATFORM, ME_ID) if p.text == text] + [
        c
        for c in ctx.state.comments
        if c.platform == PLATFORM and c.author_id == ME_ID and not c.deleted and c.text == text
    ]
    if text and duplicate and ctx.state.reject_duplicates:
        return problem(
            403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
        )
    in_reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
    if in_reply_to:
        thread = _conversation_of(ctx.state, str(in_reply_to))
        if thread is None:
            return problem(
                400, "Invalid Request", "Tweet in reply to could not be found or was deleted."
            )
        if not _may_reply(ctx.state, str(in_reply_to)):
            return problem(403, "Forbidden", REPLY_NOT_ALLOWED)
        comment = add_reply(ctx.state, thread[0], text, ME_USERNAME, ME_ID, str(in_reply_to))
        tid = comment.id
    else:
        tid = _tweet_id(ctx.state)
        ctx.state.add_post(PLATFORM, tid, text, ME_ID, media)
    return Reply(201, {"data": {"id": tid, "text": text, "edit_history_tweet_ids": [tid]}})


# POST /2/tweets (xdevplatform/docs, the source of docs.x.com, commit 2871328 of 2026-08-22):
# openapi.json gives `media.media_ids` 1 to 4 ids of 1-19 digits; x-api/posts/create-post.mdx:
# "A Post may include up to 4 photos, 1 animated GIF, or 1 video"; the chunked-upload
# quickstart: "If processing_info is returned, proceed to Step 4 to wait for processing"
# and "Once processing is complete, create a Post with the media".
MAX_MEDIA = 4


def media_refusal(state: SandboxState, media: list[str]) -> Reply | None:
    """What X refuses in `media.media_ids` before anything is posted: more than 4 ids, an
    id that is no media this account uploaded here (another platform's upload id was taken
    before: the stand-ins share one upload table), a GIF or video with any other media, and
    a video still processing (FINALIZE said `pending`, no STATUS has said `succeeded`)."""
    ids = ",".join(media)
    if len(media) > MAX_MEDIA:
        return _invalid("media.media_ids", ids,
                        f"media.media_ids takes at most {MAX_MEDIA} ids, not {len(media)}.")
    uploads = [state.uploads.get(m) if re.fullmatch(r"\d{1,19}", m) else None for m in media]
    if any(u is None or u.get("owner") != ME_ID for u in uploads):
        return problem(400, "Invalid Request", "Your media IDs are invalid.")
    kinds = [str(u.get("kind") or "photo") for u in uploads]  # type: ignore[union-attr]
    if len(media) > 1 and any(k != "photo" for k in kinds):
        return _invalid("media.media_ids", ids,
                        "A post may include up to 4 photos, 1 animated GIF or 1 video.")
    if any(u.get("state", "succeeded") != "succeeded" for u in uploads):  # type: ignore[union-attr]
        return _invalid("media.media_ids", ids,
                        "The media is still being processed; wait for it to succeed.")
    return None


def _reply(state: SandboxState, tid: str) -> Comment | None:
    """A reply by its id or the id of one of its earlier versions (a past version is still
    a post that can be asked for by id; deleting one deletes the whole edit chain)."""
    return next((c for c in state.comments
                 if c.platform == PLATFORM and tid in (c.id, *c.history)), None)


def delete_tweet(ctx: Context, tid: str) -> Reply:
    post = ctx.state.find_post(PLATFORM, tid)
    target = post or _reply(ctx.state, tid)
    if target is None or target.deleted:
        return problem(
            404,
            "Not Found Error",
            f"Could not find tweet with id: [{tid}].",
            "https://api.twitter.com/2/problems/resource-not-found",
        )
    owner = post.author if post else target.author_id  # type: ignore[union-attr]
    if owner != ME_ID:
        return problem(
            403, "Forbidden", "You are not allowed to delete a Tweet you did not author."
        )
    target.deleted = True
    return Reply(200, {"data": {"deleted": True}})


def hide_reply(req: Request, ctx: Context, tid: str) -> Reply:
    hidden = (req.json() or {}).get("hidden")
    if not isinstance(hidden, bool):
        return problem(400, "Invalid Request", "The `hidden` field must be a boolean.")
    comment = _reply(ctx.state, tid)
    if comment is None or comment.deleted:
        return problem(
            404,
            "Not Found Error",
            f"Could not find tweet with id: [{tid}].",
            "https://api.twitter.com/2/problems/resource-not-found",
        )
    post = ctx.state.find_post(PLATFORM, comment.post_id)
    if post is None or post.author != ME_ID or comment.author_id == ME_ID:
        return problem(403, "Forbidden", "You can only hide replies to conversations you started.")
    comment.hidden = hidden
    return Reply(200, {"data": {"hidden": hidden}})


def max_results_refusal(req: Request, low: int, high: int) -> Reply | None:
    """X's 400 for `max_results` outside the endpoint's range (openapi.json of docs.x.com:
    10-100 for recent search, 5-100 for a user's posts); the stand-in once clamped it, so a
    page size X refuses passed here."""
    given = req.query.get("max_results", [""])[-1]
    # ASCII digits only: str.isdigit() also took "²", whose int() failed (a sandbox 500)
    if given and not (re.fullmatch(r"[0-9]{1,9}", given) and low <= int(given) <= high):
        return _invalid("max_results", given, f"The `max_results` query parameter value "
                        f"[{given}] is not between {low} and {high}")
    return None


def _token(req: Request) -> str:
    return req.query.get("pagination_token", req.query.get("next_token", [""]))[-1]


def token_refusal(req: Request) -> Reply | None:
    """X's 400 for a paging token it never issued (s56-findpub): the stand-in read one as
    "from the first page", so a garbled token answered page one again, a loop X would not
    serve. X's own wording for a bad token is not documented where we read; the parameter
    error shape is X's."""
    token = _token(req)
    if token and not re.fullmatch(r"[0-9]{1,9}", token):
        name = "pagination_token" if "pagination_token" in req.query else "next_token"
        return _invalid(name, token, f"The `{name}` query parameter value [{token}] is "
                        "not a valid token")
    return None


def _page(req: Request, items: list[dict[str, object]]) -> dict[str, object]:
    """One page; `max_results` was checked against the endpoint's range (default 10)."""
    limit = int(req.query.get("max_results", ["10"])[-1] or 10)
    token = _token(req)
    start = int(token) if token else 0  # token_refusal has refused any other
    chunk = items[start : start + limit]
    meta: dict[str, object] = {"result_count": len(chunk)}
    if chunk:
        meta["newest_id"], meta["oldest_id"] = chunk[0]["id"], chunk[-1]["id"]
    if start + limit < len(items):
        meta["next_token"] = str(start + limit)
    body: dict[str, object] = {"meta": meta}
    if chunk:
        body["data"] = chunk
    return body


def user_tweets(req: Request, ctx: Context, uid: str) -> Reply:
    if (refused := max_results_refusal(req, 5, 100) or token_refusal(req)) is not None:
        return refused
    if uid != ME_ID:
        return Reply(200, {"meta": {"result_count": 0}})
    start_time = req.query.get("start_time", [""])[-1]
    since = (
        datetime.fromisoformat(start_time.replace("Z", "+00:00")).timestamp() if start_time else 0
    )
    fields = _fields(req)
    tweets = [
        _tweet_json(p.id, p.text, ME_ID, p.created, p.id, None, fields)
        for p in ctx.state.live_posts(PLATFORM, ME_ID)
        if p.created >= since
    ] + [
        _tweet_json(c.id, c.text, ME_ID, c.created, c.post_id, c.parent_id, fields)
        for c in ctx.state.comments
        if c.platform == PLATFORM and c.author_id == ME_ID and not c.deleted and c.created >= since
    ]
    for tweet in tweets:  # links as X returns them: t.co, their targets in the entities
        tweet["text"], entities = shortened(str(tweet["text"]), fields)
        if entities:
            tweet["entities"] = entities
    tweets.sort(key=lambda t: int(str(t["id"])), reverse=True)
    return Reply(200, _page(req, tweets))


def _invalid(name: str, value: str, message: str) -> Reply:
    """X's 400 for a parameter out of range (the errors list names the parameter)."""
    reply = problem(400, "Invalid Request", "One or more parameters to your request was invalid.",
                    "https://api.twitter.com/2/problems/invalid-request")
    reply.body["errors"] = [{"parameters": {name: [value]}, "message": message}]  # type: ignore[index]
    return reply


def search_recent(req: Request, ctx: Context) -> Reply:
    query = req.query.get("query", [""])[-1]
    match = re.fullmatch(r"conversation_id:(\d+)", query.strip())
    if not match:
        return problem(400, "Invalid Request", "The sandbox supports only conversation_id:ID.")
    if (refused := max_results_refusal(req, 10, 100) or token_refusal(req)) is not None:
        return refused
    since_id = int(req.query.get("since_id", ["0"])[-1] or 0)
    start_time = req.query.get("start_time", [""])[-1]
    oldest = ctx.state.now() - SEARCH_WINDOW
    if since_id and id_time(str(since_id)) < oldest:
        return _invalid("since_id", str(since_id),
                        f"'since_id' must be a tweet id created after {_time(oldest)}.")
    since = oldest
    if start_time:
        since = datetime.fromisoformat(start_time.replace("Z", "+00:00")).timestamp()
        if since < oldest:
            return _invalid("start_time", start_time,
                            f"'start_time' must be on or after {_time(oldest)}.")
    # until_id: "Returns results with a Tweet ID less than (that is, older than) the
    # specified ID" (GET /2/tweets/search/recent reference)
    until_id = int(req.query.get("until_id", ["0"])[-1] or 0)
    fields = _fields(req)
    replies = sorted(
        (c for c in ctx.state.comments_of(PLATFORM, match[1])
         if int(c.id) > since_id and (not until_id or int(c.id) < until_id)
         and c.created >= since),
        key=lambda c: int(c.id),
        reverse=True,
    )
    body = _page(
        req,
        [
            _tweet_json(c.id, c.text, c.author_id, c.created, c.post_id, c.parent_id, fields,
                        c.history)
            for c in replies
        ],
    )
    if "author_id" in req.query.get("expansions", [""])[-1] and body.get("data"):
        shown = {str(t["id"]) for t in body["data"]}  # type: ignore[union-attr]
        users = {c.author_id: c.author for c in replies if c.id in shown}
        body["includes"] = {
            "users": [{"id": i, "name": n, "username": n} for i, n in users.items()]
        }
    return Reply(200, body)


# media_category each media type must be uploaded with; GIFs and video go through the
# chunked INIT/APPEND/FINALIZE upload, the one-shot upload takes images only.
CATEGORY = {"image/gif": "tweet_gif", "video/mp4": "tweet_video", "video/quicktime": "tweet_video"}
SIMPLE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/bmp")


def chunked_upload(req: Request, ctx: Context, form: dict[str, str]) -> Reply:
    command = form.get("command")
    sessions = ctx.state.uploads.setdefault("_chunked", {})
    if command == "INIT":
        kind, category = form.get("media_type", ""), form.get("media_category", "")
        try:
            total = int(form.get("total_bytes", ""))
        except ValueError:
            return problem(400, "Invalid Request", "total_bytes is required.")
        expected = CATEGORY.get(kind, "tweet_image" if kind in SIMPLE_TYPES else None)
        if expected is None or category.lower() != expected:
            return problem(400, "Invalid Request",
                           f"media_category {category or '(none)'} does not fit {kind}.")
        media_id = str(1900000000000000000 + ctx.state.next_number())
        sessions[media_id] = {"type": kind, "total": total, "chunks": {}, "category": category}
        return Reply(200, {"data": {"id": media_id, "media_key": f"7_{media_id}",
                                    "expires_after_secs": 86400}})
    session = sessions.get(form.get("media_id", ""))
    if session is None:
        return problem(400, "Invalid Request", "media_id is not an upload in progress.")
    if command == "APPEND":
        media = req.files().get("media")
        index = form.get("segment_index", "")
        if media is None or not index.isdigit() or int(index) > 999:
            return problem(400, "Invalid Request", "media and segment_index are required.")
        session["chunks"][int(index)] = media.data
        return Reply(204, None)
    if command == "FINALIZE":
        chunks = session["chunks"]
        data = b"".join(chunks[i] for i in sorted(chunks))
        if sorted(chunks) != list(range(len(chunks))) or len(data) != session["total"]:
            return problem(400, "Invalid Request",
                           "File size does not match total_bytes (a segment is missing).")
        media_id = form["media_id"]
        video = session["type"].startswith("video/")
        # the kind is the upload's type, not its path: INIT takes images too (tweet_image),
        # and X takes up to 4 photos however they were uploaded (s54 reread B)
        kind = "video" if video else "gif" if session["type"] == "image/gif" else "photo"
        ctx.state.uploads[media_id] = {"owner": ME_ID, "data": data, "kind": kind,
                                       "state": "pending" if video else "succeeded"}
        body: dict[str, object] = {"id": media_id, "size": len(data),
                                   "expires_after_secs": 86400}
        if video:  # video is processed before it can be used: STATUS says when it is
            body["processing_info"] = {"state": "pending", "check_after_secs": 0}
        return Reply(200, {"data": body})
    return problem(400, "Invalid Request", f"Unknown command {command!r}.")


def media_status(req: Request, ctx: Context) -> Reply:
    media_id = req.query.get("media_id", [""])[-1]
    upload = ctx.state.uploads.get(media_id) if media_id != "_chunked" else None
    if req.query.get("command", [""])[-1] != "STATUS" or upload is None \
            or upload.get("owner") != ME_ID:
        return problem(400, "Invalid Request", "command=STATUS and a media_id are required.")
    upload["state"] = "succeeded"  # the stand-in's processing ends at the first STATUS
    return Reply(200, {"data": {"id": media_id, "processing_info": {"state": "succeeded",
                                                                    "progress_percent": 100}}})


def media_upload(req: Request, ctx: Context) -> Reply:
    form = req.form()
    if form.get("command"):
        return chunked_upload(req, ctx, form)
    media = req.files().get("media")
    category = form.get("media_category")
    if media is None or not category:
        return problem(400, "Invalid Request", "media and media_category are required.")
    if media.content_type not in SIMPLE_TYPES or category.lower() != "tweet_image":
        # The one-shot upload takes images only: GIFs and video need INIT/APPEND/FINALIZE.
        return problem(400, "Invalid Request",
                       f"{media.content_type} must be sent with the chunked upload.")
    media_id = str(1900000000000000000 + ctx.state.next_number())
    ctx.state.uploads[media_id] = {"owner": ME_ID, "data": media.data}
    return Reply(
        200,
        {
            "data": {
                "id": media_id,
                "media_key": f"3_{media_id}",
                "size": len(media.data),
                "expires_after_secs": 86400,
                "image": {"image_type": media.content_type, "w": 1, "h": 1},
            }
        },
    )


def media_metadata(req: Request, ctx: Context) -> Reply:
    """POST /2/media/metadata: alt text (at most 1000 characters) for an uploaded image."""
    try:
        body = req.json() or {}
    except ValueError:
        return problem(400, "Invalid Request", "The request body is not valid JSON.")
    media_id = str(body.get("id") or "")
    alt = ((body.get("metadata") or {}).get("alt_text") or {}).get("text")
    if media_id not in ctx.state.uploads:
        return problem(400, "Invalid Request", f"The media id {media_id!r} was not found.")
    if not isinstance(alt, str) or not alt or len(alt) > 1000:
        return problem(400, "Invalid Request", "metadata.alt_text.text must be 1 to 1000 "
                       "characters.")
    ctx.state.uploads[media_id]["alt"] = alt
    return Reply(200, {"data": {"id": media_id, "associated_metadata": True}})


def handle(req: Request, ctx: Context) -> Reply:
    path, method = req.path, req.method
    if path == "/2/tweets" and method == "POST":
        return create_tweet(req, ctx)
    if (m := re.fullmatch(r"/2/tweets/(\d+)", path)) and method == "DELETE":
        return delete_tweet(ctx, m[1])
    if (m := re.fullmatch(r"/2/tweets/(\d+)/hidden", path)) and method == "PUT":
        return hide_reply(req, ctx, m[1])
    if path == "/2/users/me" and method == "GET":
        return Reply(
            200, {"data": {"id": ME_ID, "name": "Sandbox Practice", "username": ME_USERNAME}}
        )
    if (m := re.fullmatch(r"/2/users/(\d+)/tweets", path)) and method == "GET":
        return user_tweets(req, ctx, m[1])
    if path == "/2/tweets/search/recent" and method == "GET":
        return search_recent(req, ctx)
    if path == "/2/media/upload" and method == "POST":
        return media_upload(req, ctx)
    if path == "/2/media/upload" and method == "GET":
        return media_status(req, ctx)
    if path == "/2/media/metadata" and method == "POST":
        return media_metadata(req, ctx)
    return problem(
        404,
        "Not Found Error",
        "The requested resource could not be found.",
        "https://api.twitter.com/2/problems/resource-not-found",
    )


def inject_comment(state: SandboxState, post_id: str, text: str, author: str,
                   parent: str | None, created: float | None = None) -> Comment:
    """POST /_sandbox/comments for X: someone's reply to our post (or to a reply)."""
    return add_reply(state, post_id, text, author, member_id(author), parent, created)


# docs.x.com "Edit posts" (read 2026-12-06): 30 minutes from the original, 5 edits at most,
# each a new post id; replies to others (outside the author's own thread) cannot be edited
EDIT_WINDOW = 30 * 60
MAX_EDITS = 5


def edit_comment(state: SandboxState, comment: Comment, text: str) -> Reply:
    """PATCH /_sandbox/comments/{id} for X: the edit is a new post with a new snowflake id,
    the earlier ids in its history; search then shows the latest version only. Refused as X
    refuses it: a reply to someone else's post (only a reply in the author's own thread can
    be edited), after 30 minutes, or past 5 edits."""
    parent = state.find_comment(PLATFORM, comment.parent_id or "")
    if parent is None or parent.author_id != comment.author_id:
        return Reply(403, {"error": "x: a reply to someone else's post cannot be edited"})
    first = id_time(comment.history[0]) if comment.history else comment.created
    if state.now() - first > EDIT_WINDOW or len(comment.history) >= MAX_EDITS:
        return Reply(403, {"error": "x: this post can no longer be edited"})
    moment = state.now()
    comment.history.append(comment.id)
    comment.id, comment.text, comment.created = _tweet_id(state, moment), text, moment
    return Reply(200, {"id": comment.id, "edit_history_tweet_ids": [*comment.history,
                                                                    comment.id]})


def usage_headers(count: int) -> dict[str, str]:
    return rate_headers(RATE_LIMIT - count)
