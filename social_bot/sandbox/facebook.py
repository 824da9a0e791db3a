"""Stand-in for the Facebook Graph API calls a Page uses: feed, photos, posts, comments.

Error bodies follow Graph's `{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}` shape; tokens are accepted in the Authorization header or as access_token.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlencode

from adapters.limits import REPLY_LIMITS, TEXT_LIMITS, over_by
from social_bot.sandbox.http import Reply, Request, trace_id
from social_bot.sandbox.state import Comment, Post, SandboxState, member_id

PREFIX = "/facebook"
PLATFORM = "facebook"
PAGE_NAME = "Sandbox Practice"


@dataclass
class Context:
    state: SandboxState
    base_url: str
    token: str


def error(
    status: int, code: int, message: str, subcode: int | None = None,
    kind: str = "OAuthException", **extra: object
) -> Reply:
    body: dict[str, object] = {
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": trace_id(),
        **extra,
    }
    if subcode is not None:
        body["error_subcode"] = subcode
    return Reply(status, {"error": body})


def _token(req: Request) -> str | None:
    auth = req.header("Authorization")
    for scheme in ("Bearer ", "OAuth "):
        if auth.startswith(scheme):
            return auth[len(scheme) :].strip()
    return req.param("access_token")


def check_version(req: Request) -> Reply | None:
    """Graph answers a call to an expired version with the oldest version still served
    (Platform Versioning), so only a version that never existed is refused here; Graph's
    exact answer to one is not documented where we read: its invalid-parameter code 100."""
    from adapters.versions import Standing, standing

    match = re.match(r"/(v[^/]+)/", req.path)
    if match is None:
        return None
    verdict = standing(PLATFORM, match[1], datetime.now(UTC).date())
    if verdict.standing in (Standing.MALFORMED, Standing.UNRELEASED):
        return error(400, 100, f"(#100) Unknown API version {match[1]}")
    return None


def check_auth(req: Request, token: str) -> Reply | None:
    refused = check_version(req)
    if refused is not None:
        return refused
    given = _token(req)
    if not given:
        return error(
            400,
            2500,
            "An active access token must be used to query information about the current user.",
        )
    if given != token:
        reply = error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        reply.headers["WWW-Authenticate"] = (
            'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"'
        )
        return reply
    return None


def fault_reply(mode: str) -> Reply:
    if mode.startswith("429"):
        usage = {
            "sandbox": [
                {
                    "type": "pages",
                    "call_count": 100,
                    "total_cputime": 20,
                    "total_time": 30,
                    "estimated_time_to_regain_access": 1,
                }
            ]
        }
        reply = error(400, 32, "Page request limit reached")
        reply.headers["X-Business-Use-Case-Usage"] = json.dumps(usage)
        return reply
    return error(
        500,
        2,
        "An unexpected error has occurred. Please retry your request later.",
        is_transient=True,
    )


def _time(created: float) -> str:
    return datetime.fromtimestamp(created, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _cursor(item: dict[str, object]) -> str:
    return base64.b64encode(str(item.get("id")).encode()).decode()


def _page(items: list[dict[str, object]], req: Request, path: str, ctx: Context) -> Reply:
    """One page of a Graph edge with cursor paging. As Graph's "Paginated Results" says, a
    cursor marks one item (here its id, base64: opaque to the adapter) and is invalidated
    when that item is deleted or removed; a page goes on after the item, wherever it now is,
    so a deletion elsewhere skips nothing."""
    limit = max(1, min(100, int(req.param("limit") or 25)))
    after = req.param("after")
    start = 0
    if after:
        try:
            marked = base64.b64decode(after, validate=True).decode()
        except ValueError:
            marked = None
        at = [n for n, item in enumerate(items) if str(item.get("id")) == marked]
        if not at:
            # Graph's answer to a paging token it cannot use is its invalid-parameter error
            # (code 100); the exact message is not documented
            return error(400, 100, "(#100) Invalid cursor")
        start = at[0] + 1
    chunk = items[start : start + limit]
    body: dict[str, object] = {"data": chunk}
    if chunk:
        cursors = {"before": _cursor(chunk[0]), "after": _cursor(chunk[-1])}
        paging: dict[str, object] = {"cursors": cursors}
        if start + len(chunk) < len(items):
            query = {k: v[-1] for k, v in req.query.items() if k != "access_token"}
            query["after"] = cursors["after"]
            paging["next"] = f"{ctx.base_url}{PREFIX}{path}?{urlencode(query)}"
        body["paging"] = paging
    return Reply(200, body)


def _post_json(post: Post) -> dict[str, object]:
    return {
        "id": post.id,
        "message": post.text,
        "created_time": _time(post.created),
        "permalink_url": f"https://www.facebook.com/{post.id}",
    }


def _comment_json(comment: Comment, page_id: str) -> dict[str, object]:
    author = (
        {"name": PAGE_NAME, "id": page_id}
        if comment.author_id == page_id
        else {"name": comment.author, "id": comment.author_id}
    )
    body: dict[str, object] = {
        "id": comment.id,
        "created_time": _time(comment.created),
        "from": author,
        "is_hidden": comment.hidden,
    }
    if comment.text:  # a comment that is only a photo, sticker or GIF carries no text
        body["message"] = comment.text
    if comment.attachment:
        body["attachment"] = {"type": comment.attachment}
    if comment.parent_id:
        body["parent"] = {"id": comment.parent_id}
    return body


def acting_page(req: Request, ctx: Context) -> str | None:
    """The Page whose token made the request: a Page token is "unique to each Page, admin and
    app" (Graph's access-token guide), so it acts for that Page only. The static credential
    is the sandbox Page's token; a user token acts for no Page."""
    from social_bot.sandbox.oauth import FACEBOOK_PAGES, registry

    given = _token(req)
    if given == ctx.token:
        return FACEBOOK_PAGES[0][0]
    issued = registry(ctx.state).tokens.get(given or "")
    return issued.subject if issued is not None and issued.kind == "page" else None


def page_refusal(req: Request, ctx: Context, page_id: str, task: str | None) -> Reply | None:
    """Graph's permission error when the token is not this Page's, or its person lacks the
    Page `task` (CREATE_CONTENT to publish or reply, MODERATE to hide or delete; None for a
    read). Before, a token of one Page posted to any Page id (an outside review, session 43)."""
    from social_bot.sandbox.oauth import FACEBOOK_PAGES

    tasks = next((t for pid, _name, t in FACEBOOK_PAGES if pid == page_id), ())
    acting = acting_page(req, ctx)
    if acting is None and task == "CREATE_CONTENT":
        # a user token, not the Page's: Graph's own words for a write (Codeinwp/tweet-old-post
        # issue 649 quotes them), where the sandbox said "another Page's token"
        return error(403, 200, "(#200) If posting to a page, requires both "
                     "pages_read_engagement and pages_manage_posts as an admin with sufficient "
                     "administrative permission")
    if acting != page_id:
        code = 10 if task is None else 200
        return error(403, code, f"(#{code}) This Page access token belongs to another Page: "
                     "it cannot act for this one")
    if task is not None and task not in tasks:
        return error(403, 200, f"(#200) The person behind this token cannot perform the "
                     f"{task} task on this Page")
    return None


def _unsupported(method: str, node: str) -> Reply:
    """Graph's answer for an object that is not there, or that this token may not load: one
    answer for both (HTTP 400, GraphMethodException, code 100, subcode 33; the wording as
    Graph clients report it, e.g. restfb issue 1075, flutter_facebook_login issue 44)."""
    return error(
        400,
        100,
        f"Unsupported {method.lower()} request. Object with ID '{node}' does not exist, cannot "
        "be loaded due to missing permissions, or does not support this operation. Please "
        "read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        33,
        kind="GraphMethodException",
    )


def not_loadable(req: Request) -> Reply:
    """The "100_33" fault: Graph's 100/33 for an object that is still there, as Graph
    answers when the token may not load it (a permission missing)."""
    match = re.fullmatch(r"/v\d+\.\d+/([^/]+)(?:/[a-z_]+)?", req.path)
    return _unsupported(req.method, unquote(match[1]) if match else req.path)


def publish(req: Request, ctx: Context, page_id: str, text: str, media: list[str]) -> Reply:
    if not text and not media:
        return error(400, 100, "(#100) Missing message or attachment")
    if over_by(PLATFORM, text):  # counted as the adapter counts it (adapters/limits.py)
        return error(400, 100, f"(#100) The message is too long: at most "
                     f"{TEXT_LIMITS[PLATFORM].most} characters")
    if not media and ctx.state.reject_duplicates:
        for post in ctx.state.live_posts(PLATFORM, page_id):
            if post.text == text and not post.media:
                return error(400, 506, "(#506) Duplicate status message")
    post_id = f"{page_id}_{ctx.state.next_number()}"
    ctx.state.add_post(PLATFORM, post_id, text, page_id, media)
    return Reply(200, {"id": post_id})


def feed(req: Request, ctx: Context, page_id: str) -> Reply:
    if (refused := page_refusal(req, ctx, page_id, "CREATE_CONTENT")) is not None:
        return refused
    media: list[str] = []
    if attached := req.param("attached_media"):
        try:
            media = [str(item["media_fbid"]) for item in json.loads(attached)]
        except (ValueError, KeyError, TypeError):
            return error(400, 100, "(#100) param attached_media must be an array of objects")
        # only photos this Page uploaded: the stand-ins share one upload table, and an X
        # media id or another Page's photo was once attached here without complaint
        if any(ctx.state.uploads.get(m, {}).get("owner") != page_id for m in media):
            return error(400, 100, "(#100) attached_media names an unknown photo")
    return publish(req, ctx, page_id, req.param("message") or "", media)


def photos(req: Request, ctx: Context, page_id: str) -> Reply:
    if (refused := page_refusal(req, ctx, page_id, "CREATE_CONTENT")) is not None:
        return refused
    source = req.files().get("source")
    if source is None and not req.param("url"):
        return error(400, 324, "(#324) Requires upload file")
    photo_id = str(ctx.state.next_number())
    ctx.state.uploads[photo_id] = {"owner": page_id, "data": source.data if source else b""}
    if alt := req.param("alt_text_custom"):
        ctx.state.uploads[photo_id]["alt"] = alt
    if (req.param("published") or "true") == "false":
        return Reply(200, {"id": photo_id})
    reply = publish(req, ctx, page_id, req.param("message") or "", [photo_id])
    if reply.status == 200:
        reply.body = {"id": photo_id, "post_id": reply.body["id"]}
    return reply


def posts(req: Request, ctx: Context, page_id: str, path: str) -> Reply:
    if (refused := page_refusal(req, ctx, page_id, None)) is not None:
        return refused
    since = float(req.param("since") or 0)
    items = sorted(
        (p for p in ctx.state.live_posts(PLATFORM, page_id) if p.created >= since),
        key=lambda p: p.created,
        reverse=True,
    )
    return _page([_post_json(p) for p in items], req, path, ctx)


def comments(req: Request, ctx: Context, node: str, path: str) -> Reply:
    post = ctx.state.find_post(PLATFORM, node)
    parent = None if post else ctx.state.find_comment(PLATFORM, node)
    if post is None and (parent is None or parent.deleted):
        return _unsupported("get", node)
    post_id = post.id if post else parent.post_id  # type: ignore[union-attr]
    page_id = post_id.split("_")[0]
    if (refused := page_refusal(req, ctx, page_id, None)) is not None:
        return refused
    found = ctx.state.comments_of(PLATFORM, post_id)
    stream = (req.param("filter") or "toplevel") == "stream"
    if parent is not None:
        found = [c for c in found if c.parent_id == parent.id]
    elif not stream:
        found = [c for c in found if c.parent_id is None]
    reverse = (req.param("order") or "chronological") == "reverse_chronological"
    found.sort(key=lambda c: c.created, reverse=reverse)
    if ctx.state.ranked.get(PLATFORM):
        # "Most relevant" ranking: an order unrelated to time (a stable shuffle by id).
        found.sort(key=lambda c: hashlib.sha256(c.id.encode()).hexdigest())
    return _page([_comment_json(c, page_id) for c in found], req, path, ctx)


def add_comment(
    state: SandboxState,
    post_id: str,
    text: str,
    author: str,
    author_id: str,
    parent: str | None = None,
) -> Comment:
    object_id = post_id.split("_")[-1]
    comment_id = f"{object_id}_{state.next_number()}"
    return state.add_comment(
        Comment(PLATFORM, comment_id, post_id, text, author, author_id, state.now(), parent)
    )


def reply(req: Request, ctx: Context, node: str) -> Reply:
    text = req.param("message") or ""
    if not text:
        return error(400, 100, "(#100) Missing message")
    if over_by(PLATFORM, text, reply=True):  # a comment's limit (adapters/limits.py)
        return error(400, 100, f"(#100) The comment is too long: at most "
                     f"{REPLY_LIMITS[PLATFORM].most} characters")
    post = ctx.state.find_post(PLATFORM, node)
    parent = None if post else ctx.state.find_comment(PLATFORM, node)
    if post is None and (parent is None or parent.deleted):
        return _unsupported("post", node)
    post_id = post.id if post else parent.post_id  # type: ignore[union-attr]
    page_id = post_id.split("_")[0]
    if (refused := page_refusal(req, ctx, page_id, "CREATE_CONTENT")) is not None:
        return refused
    comment = add_comment(
        ctx.state, post_id, text, PAGE_NAME, page_id, parent.id if parent else None
    )
    return Reply(200, {"id": comment.id})


def update_or_delete(req: Request, ctx: Context, node: str) -> Reply:
    comment = ctx.state.find_comment(PLATFORM, node)
    if comment is None or comment.deleted:
        return _unsupported(req.method, node)
    page_id = comment.post_id.split("_")[0]
    if (refused := page_refusal(req, ctx, page_id, "MODERATE")) is not None:
        return refused
    if req.method == "DELETE":
        comment.deleted = True
        return Reply(200, {"success": True})
    hidden = req.param("is_hidden")
    if hidden not in ("true", "false"):
        return error(400, 100, "(#100) is_hidden must be a boolean")
    if comment.author_id == ctx.state.find_post(PLATFORM, comment.post_id).author:  # type: ignore[union-attr]
        return error(400, 100, "(#100) A Page cannot hide its own comment")
    comment.hidden = hidden == "true"
    return Reply(200, {"success": True})


def by_ids(req: Request, ctx: Context) -> Reply:
    """GET /{version}/?ids=... (or an edge's ?ids=): Graph's multi-ID read, which apps
    made since 2026-11-04 may not use on any version (Meta, "Introducing Graph API v27.0 and
    Marketing API v27.0"; deprecated in v28.0). The sandbox's app is such a new app, so the
    read is refused. The error's shape is not documented where we read (restfb issue 1692
    says only that root ``GET /?ids=`` "returns an error"): code 12 is Graph's code for a
    deprecated API, the rest is UNVERIFIED. The adapter does not use the read (its edit
    re-read pages the post's comments edge, s54-fbedits)."""
    return error(400, 12, "(#12) Multi-ID requests are not available for this app: "
                 "read each object, or its edge, on its own")


def handle(req: Request, ctx: Context) -> Reply:
    if req.method == "GET" and req.param("ids") is not None:  # at the root or on an edge
        return by_ids(req, ctx)
    match = re.fullmatch(r"/v\d+\.\d+/([^/]+)(?:/([a-z_]+))?", req.path)
    if not match:
        return error(400, 2500, "Unknown path components: " + req.path)
    node, edge, method = unquote(match[1]), match[2], req.method
    path = req.path
    if edge == "feed" and method == "POST":
        return feed(req, ctx, node)
    if edge == "photos" and method == "POST":
        return photos(req, ctx, node)
    if edge in ("posts", "published_posts", "feed") and method == "GET":
        return posts(req, ctx, node, path)
    if edge == "comments" and method == "GET":
        return comments(req, ctx, node, path)
    if edge == "comments" and method == "POST":
        return reply(req, ctx, node)
    if edge is None and method in ("POST", "DELETE"):
        return update_or_delete(req, ctx, node)
    if edge is None and method == "GET" and ctx.state.find_comment(PLATFORM, node):
        return one_comment(req, ctx, node)
    if edge is None and method == "GET":
        return page(req, ctx, node)
    return _unsupported(method, node)


def one_comment(req: Request, ctx: Context, node: str) -> Reply:
    """GET /{comment-id} (Graph's Comment node, its fields as the comments edge gives them):
    a deleted one is not there (100/33), a comment under another Page's post is refused as
    the edge refuses it."""
    comment = ctx.state.find_comment(PLATFORM, node)
    if comment is None or comment.deleted:
        return _unsupported("get", node)
    page_id = comment.post_id.split("_")[0]
    if (refused := page_refusal(req, ctx, page_id, None)) is not None:
        return refused
    return Reply(200, _comment_json(comment, page_id))


def page(req: Request, ctx: Context, node: str) -> Reply:
    """GET /me (the token's own Page, Graph API overview) or a Page's public id and name;
    an id that is no Page here does not exist (any numeric id was once a Page)."""
    from social_bot.sandbox.oauth import FACEBOOK_PAGES

    ident = acting_page(req, ctx) if node == "me" else node
    name = next((n for pid, n, _tasks in FACEBOOK_PAGES if pid == ident), None)
    if ident is None or name is None:
        return _unsupported("get", node)
    return Reply(200, {"id": ident, "name": name})


def inject_comment(state: SandboxState, post_id: str, text: str, author: str,
                   parent: str | None, created: float | None = None) -> Comment:
    """POST /_sandbox/comments for Facebook: a person's comment (or reply) on our post."""
    comment = add_comment(state, post_id, text, author, member_id(author), parent)
    if created is not None:
        comment.created = created
    return comment


def edit_comment(state: SandboxState, comment: Comment, text: str) -> Reply:
    """PATCH /_sandbox/comments/{id} for Facebook: the same comment id with a new message;
    Graph's Comment node reports no edit time, so nothing else changes."""
    comment.text = text
    return Reply(200, {"id": comment.id})


def usage_headers(count: int) -> dict[str, str]:
    """Graph's X-App-Usage: percentages of the app's hourly allowance."""
    return {"X-App-Usage": json.dumps({"call_count": min(100, count), "total_cputime": 1,
                                       "total_time": 1})}
