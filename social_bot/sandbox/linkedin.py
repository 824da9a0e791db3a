"""Stand-in for LinkedIn's versioned REST API: Posts, Images, Social Actions comments.

Written from LinkedIn's documentation, independently of adapters/linkedin.py, so a mistake on
one side shows up as a failing end-to-end test rather than cancelling out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote

from adapters.limits import REPLY_LIMITS, TEXT_LIMITS, over_by, text_length
from adapters.versions import is_retired
from social_bot.sandbox.http import Reply, Request
from social_bot.sandbox.state import Comment, SandboxState

PREFIX = "/linkedin"
PLATFORM = "linkedin"
_RESERVED = r"\|{}@[]()<>#*_~"
_UNESCAPE = re.compile(r"\\([" + re.escape(_RESERVED) + "])")
_ESCAPE = re.compile("([" + re.escape(_RESERVED) + "])")
_ORG = re.compile(r"^urn:li:organization:\d+$")
_COMMENT_URN = re.compile(r"^urn:li:comment:\((?P<target>[^,]+),(?P<id>[^)]+)\)$")


# The organization roles whose holders may post as the organization: LinkedIn restricts
# w_organization_social to members with one of them ("Organization Access Control by Role";
# docs/adapters.md). ANALYST, CURATOR and the lead roles may not.
POSTING_ROLES = frozenset({"ADMINISTRATOR", "CONTENT_ADMINISTRATOR",
                           "DIRECT_SPONSORED_CONTENT_POSTER", "RECRUITING_POSTER"})


def org_role(urn: str) -> str | None:
    """The sandbox member's APPROVED role on an organization (every token, the static one
    too, is that member's), None when it has none or the organization does not exist."""
    from social_bot.sandbox.oauth import LINKEDIN_ORGS

    ident = urn.rsplit(":", 1)[-1]
    return next((role for oid, _name, role in LINKEDIN_ORGS if oid == ident), None)


def not_allowed(urn: str, what: str) -> Reply | None:
    """LinkedIn's answer when the member may not act as the organization (before the sandbox
    checked, any organization id of the right shape was posted to: a review, session 43)."""
    if org_role(urn) in POSTING_ROLES:
        return None
    return error(403, f"Not enough permissions to access: {what} as {urn}", "ACCESS_DENIED",
                 serviceErrorCode=100)


@dataclass
class Context:
    state: SandboxState
    base_url: str
    token: str


def error(status: int, message: str, code: str | None = None, **extra: object) -> Reply:
    body: dict[str, object] = {"status": status, "message": message, **extra}
    if code:
        body["code"] = code
    return Reply(status, body)


def comment_too_long(text: str) -> Reply:
    """A comment over REPLY_LIMITS' figure (adapters/limits.py; a weak source): LinkedIn's
    answer to one is not documented where we read, so its 422 validation shape is used, as
    for the comment's other field errors here."""
    most = REPLY_LIMITS[PLATFORM].most
    return error(422, f"ERROR :: /message/text :: length {text_length(PLATFORM, text)} "
                 f"exceeds the maximum allowed ({most} characters)")


def too_long(text: str) -> Reply:
    """LinkedIn's 400 for commentary over 3,000 characters, in the shape a LinkedIn user
    logged it (n8n-io/n8n#22899), counted as the adapter counts it (adapters/limits.py)."""
    most = TEXT_LIMITS[PLATFORM].most
    return error(400, "com.linkedin.content.common.exception.BadRequestResponseException: "
                 f"ShareCommentary text length ({text_length(PLATFORM, text)} characters) "
                 f"exceeded the maximum allowed ({most} characters)",
                 errorDetailType="com.linkedin.common.error.BadRequest",
                 errorDetails={"inputErrors": [{
                     "description": "Size of array cannot be higher than the maxLength",
                     "input": {"inputPath": {"fieldPath": "/commentary"}},
                     "code": "FIELD_ARRAY_SIZE_TOO_HIGH", "maxLength": most}]})


def check_auth(req: Request, token: str) -> Reply | None:
    if req.header("Authorization") != f"Bearer {token}":
        return error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", serviceErrorCode=65600)
    if req.path.startswith("/_upload/"):
        return None  # the upload URL is not a versioned REST resource
    version = req.header("LinkedIn-Version")
    if not version:
        return error(
            400,
            "A version must be present. Please specify a version by adding the "
            "LinkedIn-Version header.",
            "VERSION_MISSING",
        )
    if not re.fullmatch(r"\d{6}(\.\d{2})?", version) or is_retired(
        PLATFORM, version, datetime.now(UTC).date()
    ):
        # What LinkedIn answers for a sunset version, on every call.
        return error(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
    if req.header("X-Restli-Protocol-Version") != "2.0.0":
        return error(400, "This resource requires X-Restli-Protocol-Version 2.0.0", "BAD_REQUEST")
    return None


def fault_reply(mode: str) -> Reply:
    if mode == "429":
        # A 429 that names no daily window: the wording of LinkedIn's own example (API guide,
        # "Response Decoration"); LinkedIn's rate-limit page documents only daily limits,
        # plus rare infrastructure-protection 429s that "return to normal automatically".
        return error(
            429,
            "Resource level throttle limit for calls to this resource is reached.",
            "TOO_MANY_REQUESTS",
            serviceErrorCode=101,
        )
    if mode == "429_day":  # the daily quota: lasts until midnight UTC
        return error(
            429,
            "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
            "TOO_MANY_REQUESTS",
            serviceErrorCode=101,
        )
    return error(500, "Internal Server Error")


def _comment_json(comment: Comment) -> dict[str, object]:
    numeric = _COMMENT_URN.match(comment.id)
    stamp = {"actor": comment.author_id, "time": int(comment.created * 1000)}
    changed = {"actor": comment.author_id,
               "time": int((comment.modified or comment.created) * 1000)}
    body: dict[str, object] = {
        "actor": comment.author_id,
        "commentUrn": comment.id,
        "id": numeric["id"] if numeric else comment.id,
        "message": {"text": comment.text, "attributes": []},
        "created": stamp,
        "lastModified": changed,
        "object": comment.post_id,
    }
    if comment.parent_id:
        body["parentComment"] = comment.parent_id
    return body


def _with_summary(ctx: Context, comment: Comment) -> dict[str, object]:
    """A comment as listed: with the count of replies under it (read from the comment's own
    socialActions; the post's list holds first-level comments only)."""
    body = _comment_json(comment)
    replies = [c for c in ctx.state.comments_of(PLATFORM, comment.post_id)
               if c.parent_id == comment.id]
    body["commentsSummary"] = {"totalFirstLevelComments": len(replies),
                               "aggregatedTotalComments": len(replies), "selectedComments": []}
    return body


# Largest `count` the stand-in serves a page (s56-findpub). LinkedIn's "Pagination" page gives
# start (default 0) and count (default 10) and "fewer elements than count" as the end of the
# data, but no maximum for the Posts or Comments finders where we read; client code caps it at
# 100. The stand-in once clamped a larger count to 100, so an adapter asking for more read a
# 100-long page as "short: the end". It refuses instead, and refuses a start or count that is
# no whole number (they were a sandbox 500).
MAX_COUNT = 100


def _paging(req: Request, total: int) -> tuple[int, int, dict[str, object]] | Reply:
    start_text = req.query.get("start", ["0"])[-1] or "0"
    count_text = req.query.get("count", ["10"])[-1] or "10"
    if not re.fullmatch(r"[0-9]{1,9}", start_text):
        return error(400, f"Invalid value for param start: {start_text}", "ILLEGAL_ARGUMENT")
    if not re.fullmatch(r"[0-9]{1,9}", count_text) or not 1 <= int(count_text) <= MAX_COUNT:
        return error(400, f"Invalid value for param count: {count_text} (1 to {MAX_COUNT})",
                     "ILLEGAL_ARGUMENT")
    start, count = int(start_text), int(count_text)
    return start, count, {"start": start, "count": count, "total": total, "links": []}


# Posts API, find by author: sortBy LAST_MODIFIED (what the adapter sends, and taken as the
# default here) or CREATED, newest first. Any other value is refused.
SORTS = ("LAST_MODIFIED", "CREATED")


# Posts API, Post schema (learn.microsoft.com/linkedin/marketing/community-management/shares/
# posts-api, as quoted by client code; docs/history/security.md): lifecycleState "PUBLISHED is
# the only accepted field during creation"; visibility PUBLIC, CONNECTIONS, LOGGED_IN or
# CONTAINER; distribution.feedDistribution MAIN_FEED or NONE. MultiImage API: "minimum of 2
# images and maximum of 20 images". The sandbox once took any value of the three.
CREATE_STATES = frozenset({"PUBLISHED"})
VISIBILITIES = frozenset({"PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"})
FEED_DISTRIBUTIONS = frozenset({"MAIN_FEED", "NONE"})
MULTI_IMAGES = (2, 20)
# What LinkedIn answered (HTTP 400) a post whose asset the author does not own, as reported
# in MicrosoftDocs/feedback issue 1815 (2019-08-07 and 2019-09-16, on /v2/ugcPosts; no report
# for /rest/posts was found, read 2026-12-07).
FOREIGN_ASSET = ("com.linkedin.publishing.util.common.ResponseException: One or more of the "
                 "assets is not owned by the author. All assets must be owned by the author")


def field_refusal(body: dict[str, object]) -> Reply | None:
    """LinkedIn's 422 for a Post field outside what creation accepts (the wording follows
    the sandbox's other 422s; LinkedIn's own text for these is not documented)."""
    distribution = body.get("distribution")
    feed = distribution.get("feedDistribution") if isinstance(distribution, dict) else None
    for path, value, allowed in (("/lifecycleState", body.get("lifecycleState"), CREATE_STATES),
                                 ("/visibility", body.get("visibility"), VISIBILITIES),
                                 ("/distribution/feedDistribution", feed, FEED_DISTRIBUTIONS)):
        if not isinstance(value, str) or value not in allowed:
            return error(422, f"ERROR :: {path} :: {value!r} is not one of "
                         f"{', '.join(sorted(allowed))}")
    return None


def create_post(req: Request, ctx: Context) -> Reply:
    body = req.json()
    if not isinstance(body, dict):
        return error(400, "Request body must be a JSON object")
    missing = [
        k for k in ("author", "visibility", "distribution", "lifecycleState") if k not in body
    ]
    if missing:
        return error(422, f"ERROR :: /{missing[0]} :: field is required but not found")
    if not _ORG.match(str(body["author"])):
        return error(422, "ERROR :: /author :: not an organization URN")
    if (refused := field_refusal(body)) is not None:
        return refused
    if (refused := not_allowed(str(body["author"]), "POST /rest/posts")) is not None:
        return refused
    text = _UNESCAPE.sub(r"\1", str(body.get("commentary") or ""))
    if over_by(PLATFORM, text):
        return too_long(text)
    for post in ctx.state.live_posts(PLATFORM, body["author"]):
        if ctx.state.reject_duplicates and post.text == text:
            return error(422, f"Content is a duplicate of {post.id}")
    content = body.get("content") or {}
    images = [content["media"]["id"]] if "media" in content else []
    several = [i["id"] for i in (content.get("multiImage") or {}).get("images", [])]
    if "multiImage" in content and not MULTI_IMAGES[0] <= len(several) <= MULTI_IMAGES[1]:
        return error(422, "ERROR :: /content/multiImage/images :: a multiImage post takes "
                     f"{MULTI_IMAGES[0]} to {MULTI_IMAGES[1]} images, not {len(several)}")
    for urn in images + several:
        upload = ctx.state.uploads.get(urn, {})
        if not upload.get("data"):
            return error(422, f"ERROR :: /content :: {urn} has not been uploaded")
        if upload.get("owner") != body["author"]:
            # "Please ensure that all images being used are owned by the author or
            # organization" (MultiImage API); before session 54 any upload was taken. The
            # answer is LinkedIn's as reported (400, not the 422 or 403 guessed until session
            # 55): FOREIGN_ASSET, from MicrosoftDocs/feedback#1815 (docs/history/security.md).
            return error(400, FOREIGN_ASSET)
    images += several
    described = ([content["media"]] if "media" in content else []) + list(
        (content.get("multiImage") or {}).get("images", []))
    for item in described:
        if "altText" in item:
            if not isinstance(item["altText"], str) or len(item["altText"]) > 4086:
                return error(422, "ERROR :: /content/media/altText :: too long (max 4086)")
            ctx.state.uploads[item["id"]]["alt"] = item["altText"]
    urn = f"urn:li:share:{7100000000000000000 + ctx.state.next_number()}"
    ctx.state.add_post(PLATFORM, urn, text, body["author"], images)
    return Reply(201, None, {"x-restli-id": urn, "x-linkedin-id": urn})


def list_posts(req: Request, ctx: Context) -> Reply:
    if req.query.get("q", [""])[-1] != "author" or "author" not in req.query:
        return error(400, "Query parameters q=author and author are required")
    author = req.query["author"][-1]
    sort = req.query.get("sortBy", ["LAST_MODIFIED"])[-1]
    if sort not in SORTS:
        return error(400, f"Invalid value for param sortBy: {sort}", "ILLEGAL_ARGUMENT")
    # an edited post (Post.modified) moves up a LAST_MODIFIED list, created time unchanged
    posts = sorted(ctx.state.live_posts(PLATFORM, author), reverse=True,
                   key=lambda p: p.created if sort == "CREATED" else p.modified or p.created)
    paged = _paging(req, len(posts))
    if isinstance(paged, Reply):
        return paged
    start, count, paging = paged
    elements = [
        {
            "id": p.id,
            "author": p.author,
            "commentary": _ESCAPE.sub(r"\\\1", p.text),
            "visibility": "PUBLIC",
            "lifecycleState": "PUBLISHED",
            "createdAt": int(p.created * 1000),
            "publishedAt": int(p.created * 1000),
            "lastModifiedAt": int((p.modified or p.created) * 1000),
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": []},
            "isReshareDisabledByAuthor": False,
        }
        for p in posts[start : start + count]
    ]
    return Reply(200, {"elements": elements, "paging": paging})


def init_upload(req: Request, ctx: Context) -> Reply:
    if req.query.get("action", [""])[-1] != "initializeUpload":
        return error(400, "Unsupported action")
    owner = ((req.json() or {}).get("initializeUploadRequest") or {}).get("owner", "")
    if not _ORG.match(str(owner)):
        return error(422, "ERROR :: /initializeUploadRequest/owner :: invalid owner")
    if (refused := not_allowed(str(owner), "POST /rest/images")) is not None:
        return refused
    number = ctx.state.next_number()
    urn = f"urn:li:image:C4E10AQ{number:012d}"
    ctx.state.uploads[urn] = {"owner": owner, "data": b""}
    return Reply(
        200,
        {
            "value": {
                "uploadUrlExpiresAt": int((ctx.state.now() + 3600) * 1000),
                "uploadUrl": f"{ctx.base_url}{PREFIX}/_upload/{number:012d}",
                "image": urn,
            }
        },
    )


# Images API: an image's total pixel count (width x height) must be less than this.
MAX_PIXELS = 36_152_320


def _pixels(data: bytes) -> int | None:
    """width x height from the image's header; None if Pillow cannot open it."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                return int(image.width * image.height)
    except Exception:  # noqa: BLE001 - whatever does not open is refused the same way
        return None


def put_upload(req: Request, ctx: Context, number: str) -> Reply:
    urn = f"urn:li:image:C4E10AQ{number}"
    if urn not in ctx.state.uploads:
        return error(404, "Upload not found", "NOT_FOUND")
    pixels = _pixels(req.body)
    # LinkedIn's exact reply to an oversized upload is not documented; the stand-in refuses
    # it at the upload, so nothing gets as far as a post. (Bytes that are no image at all
    # are still taken: adapter tests upload placeholders.)
    if pixels is not None and pixels >= MAX_PIXELS:
        return error(400, f"Image has {pixels} pixels; images must have fewer than "
                          f"{MAX_PIXELS} pixels")
    ctx.state.uploads[urn]["data"] = req.body
    return Reply(201, None)


def _thread(ctx: Context, target: str) -> tuple[str, str | None] | None:
    """(post URN, parent comment URN) for a post or comment target, None if it is unknown."""
    if ctx.state.find_post(PLATFORM, target):
        return target, None
    comment = ctx.state.find_comment(PLATFORM, target)
    if comment and not comment.deleted:
        return comment.post_id, comment.id
    return None


def list_comments(req: Request, ctx: Context, target: str) -> Reply:
    thread = _thread(ctx, target)
    if thread is None:
        return error(404, f"Not Found: {target}", "NOT_FOUND")
    post_urn, parent = thread
    comments = [c for c in ctx.state.comments_of(PLATFORM, post_urn) if c.parent_id == parent]
    paged = _paging(req, len(comments))
    if isinstance(paged, Reply):
        return paged
    start, count, paging = paged
    return Reply(
        200,
        {"elements": [_with_summary(ctx, c) for c in comments[start : start + count]],
         "paging": paging},
    )


def create_comment(req: Request, ctx: Context, target: str) -> Reply:
    body = req.json() or {}
    thread = _thread(ctx, target)
    if thread is None:
        return error(404, f"Not Found: {target}", "NOT_FOUND")
    post_urn, parent = thread
    text = str((body.get("message") or {}).get("text") or "")
    if not body.get("actor") or not text:
        return error(422, "ERROR :: /actor or /message :: field is required but not found")
    if parent and body.get("parentComment") != parent:
        return error(422, "ERROR :: /parentComment :: must name the comment replied to")
    if over_by(PLATFORM, text, reply=True):  # counted as the adapter counts it
        return comment_too_long(text)
    actor = str(body["actor"])
    if _ORG.match(actor) and (refused := not_allowed(actor, "POST comments")) is not None:
        return refused
    comment = add_comment(ctx.state, post_urn, text, str(body["actor"]), parent)
    return Reply(201, _comment_json(comment), {"x-restli-id": comment.id.split(",")[-1][:-1]})


def delete_comment(req: Request, ctx: Context, target: str, ident: str) -> Reply:
    """Comments API, "Delete a Comment": DELETE socialActions/{target}/comments/{comment id}
    with ?actor=, where the target is the post's share/ugcPost URN, or for a reply the parent
    comment's URN. The activity URN embedded in a comment URN is not a documented target
    (a post's activity id differs from its share id), so it finds nothing here."""
    comment = next(
        (
            c
            for c in ctx.state.comments
            if c.platform == PLATFORM
            and not c.deleted
            and c.id.endswith(f",{ident})")
            and target == (c.parent_id or c.post_id)
        ),
        None,
    )
    if comment is None:
        return error(404, "Comment not found", "NOT_FOUND")
    actor = req.query.get("actor", [""])[-1]
    post = ctx.state.find_post(PLATFORM, comment.post_id)
    if actor not in (comment.author_id, post.author if post else None):
        return error(403, "Not enough permissions to delete this comment", "ACCESS_DENIED")
    comment.deleted = True
    return Reply(204, None)


def activity_urn(post_urn: str) -> str:
    """The activity a post's comments hang on: LinkedIn comment URNs embed it, not the
    share/ugcPost URN (and its id differs from the share's)."""
    digits = post_urn.rsplit(":", 1)[-1]
    return f"urn:li:activity:{int(digits) - 100000000000000000 if digits.isdigit() else digits}"


def add_comment(
    state: SandboxState, post_urn: str, text: str, actor: str, parent: str | None = None
) -> Comment:
    number = 7200000000000000000 + state.next_number()
    urn = f"urn:li:comment:({activity_urn(post_urn)},{number})"
    return state.add_comment(
        Comment(PLATFORM, urn, post_urn, text, actor, actor, state.now(), parent_id=parent)
    )


def person_urn(author: str) -> str:
    return "urn:li:person:" + (re.sub(r"[^A-Za-z0-9]", "", author) or "member")


def organization(ident: str) -> Reply:
    """An organization's lookup: the sandbox's organizations only (it once answered any id,
    so `check` passed an organization that does not exist)."""
    from social_bot.sandbox.oauth import LINKEDIN_ORGS

    found = next((name for oid, name, _role in LINKEDIN_ORGS if oid == ident), None)
    if found is None:
        return error(404, f"Not Found: urn:li:organization:{ident}", "NOT_FOUND")
    return Reply(200, {"id": int(ident), "localizedName": found,
                       "vanityName": found.lower().replace(" ", "-")})


def handle(req: Request, ctx: Context) -> Reply:
    path, method = req.path, req.method
    if path == "/rest/posts":
        if method == "POST":
            return create_post(req, ctx)
        if method == "GET":
            return list_posts(req, ctx)
    if path == "/rest/images" and method == "POST":
        return init_upload(req, ctx)
    if (m := re.fullmatch(r"/_upload/(\d+)", path)) and method == "PUT":
        return put_upload(req, ctx, m[1])
    if m := re.fullmatch(r"/rest/socialActions/([^/]+)/comments", path):
        if method == "GET":
            return list_comments(req, ctx, unquote(m[1]))
        if method == "POST":
            return create_comment(req, ctx, unquote(m[1]))
    if (m := re.fullmatch(r"/rest/socialActions/([^/]+)/comments/([^/]+)", path)) and (
        method == "DELETE"
    ):
        return delete_comment(req, ctx, unquote(m[1]), unquote(m[2]))
    if (m := re.fullmatch(r"/rest/organizations/(\d+)", path)) and method == "GET":
        return organization(m[1])
    return error(404, f"No resource found for {method} {path}", "NOT_FOUND")


def inject_comment(state: SandboxState, post_id: str, text: str, author: str,
                   parent: str | None, created: float | None = None) -> Comment:
    """POST /_sandbox/comments for LinkedIn: a member's comment (or reply) on our post."""
    comment = add_comment(state, post_id, text, person_urn(author), parent)
    if created is not None:
        comment.created = created
    return comment


def edit_comment(state: SandboxState, comment: Comment, text: str) -> Reply:
    """PATCH /_sandbox/comments/{id} for LinkedIn (a member's "Edit a Comment"): the same
    URN, the new text, and its lastModified audit stamp moved to now."""
    comment.text = text
    comment.modified = state.now()
    return Reply(200, {"id": comment.id})


def usage_headers(count: int) -> dict[str, str]:
    return {}  # LinkedIn sends no rate-limit headers
