"""The sandbox's authorization servers: each platform's OAuth endpoints, the tokens they issue
(with an expiry and per-token scopes), and the check every API call of an issued token passes.

- LinkedIn: OAuth 2.0 authorization code (`/oauth/v2/authorization`, `/oauth/v2/accessToken`,
  `/oauth/v2/introspectToken`) and `/rest/organizationAcls?q=roleAssignee`.
- Facebook: the Login dialog (`/{version}/dialog/oauth`), `/{version}/oauth/access_token`
  (code exchange and `fb_exchange_token`), `/me/accounts`, `/debug_token`.
- X: OAuth 1.0a (`/oauth/request_token`, `/oauth/authorize` showing a PIN,
  `/oauth/access_token`); X user tokens do not expire, but carry the app's access level.

The sandbox's "member" approves every consent screen at once (the browser step is the one
thing a test cannot click), granting what was asked unless `POST /_sandbox/oauth` narrowed it.
The static credential (`sandbox`) keeps working unchanged: it has every scope and no expiry.
The OAuth signature of X requests is not verified (the sandbox has no real secrets).
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from social_bot.sandbox.http import Reply, Request, trace_id

LINKEDIN_MEMBER = "urn:li:person:SandboxAdmin"
# The organisations the sandbox member has a role on; only APPROVED ADMINISTRATOR roles count.
LINKEDIN_ORGS: tuple[tuple[str, str, str], ...] = (
    ("5515715", "Sandbox Practice", "ADMINISTRATOR"),
    ("5515716", "Sandbox Second Clinic", "ADMINISTRATOR"),
    ("5515717", "Sandbox Analytics Only", "ANALYST"),
)
FACEBOOK_USER_ID = "1700000000000001"
FACEBOOK_PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("100000000000001", "Sandbox Practice",
     ("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE")),
    ("100000000000002", "Sandbox Analyst Page", ("ANALYZE",)),
)
X_USER_ID = "1500000000000001"
X_SCREEN_NAME = "sandbox_practice"

LINKEDIN_TTL = 60 * 86400  # access tokens: 60 days
LINKEDIN_REFRESH_TTL = 365 * 86400
FACEBOOK_SHORT_TTL = 2 * 3600  # the token the Login dialog's code gives: hours
FACEBOOK_LONG_TTL = 60 * 86400  # after fb_exchange_token: about 60 days
FACEBOOK_DATA_ACCESS_TTL = 90 * 86400
CODE_TTL = 600

_WRITE = "w_organization_social"
_READ = "r_organization_social"
_ADMIN = ("rw_organization_admin", "r_organization_admin")


@dataclass
class Issued:
    platform: str
    kind: str  # access | refresh | user | page | request | x_access
    scopes: frozenset[str]
    expires_at: float | None  # None: never
    subject: str
    secret: str | None = None  # X token secret
    revoked: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at


@dataclass
class Grant:
    """How the next consent answers: lifetime and scopes granted (None: what was asked)."""

    expires_in: float | None = None
    scopes: frozenset[str] | None = None
    access_level: str = "read-write"  # X: the app's permission
    deny: bool = False  # the person clicks "Cancel" on the consent screen


class Registry:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tokens: dict[str, Issued] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.grants: dict[str, Grant] = {}

    def issue(self, platform: str, kind: str, scopes: frozenset[str], ttl: float | None,
              subject: str, prefix: str, **extra: Any) -> tuple[str, Issued]:
        token = prefix + secrets.token_urlsafe(24)
        issued = Issued(platform, kind, scopes, None if ttl is None else time.time() + ttl,
                        subject, extra=extra)
        with self.lock:
            self.tokens[token] = issued
        return token, issued

    def grant(self, platform: str) -> Grant:
        with self.lock:
            return self.grants.get(platform) or Grant()


def registry(state: Any) -> Registry:
    """The registry that lives beside a SandboxState (reset with it)."""
    with state.lock:
        found = state.__dict__.get("_oauth_registry")
        if found is None:
            found = state.__dict__["_oauth_registry"] = Registry()
        return found


def reset(state: Any) -> None:
    with state.lock:
        state.__dict__["_oauth_registry"] = Registry()


# -- errors in each platform's own shape -----------------------------------------------------


def _li_error(status: int, message: str, code: str, service: int) -> Reply:
    return Reply(status, {"status": status, "serviceErrorCode": service, "code": code,
                          "message": message})


def _oauth_error(status: int, error: str, description: str) -> Reply:
    """RFC 6749 section 5.2, which LinkedIn's and Graph's token endpoints follow in shape."""
    return Reply(status, {"error": error, "error_description": description})


def _fb_error(code: int, message: str, subcode: int | None = None, status: int = 400) -> Reply:
    body: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code,
                            "fbtrace_id": trace_id()}
    if subcode is not None:
        body["error_subcode"] = subcode
    return Reply(status, {"error": body})


def _x_problem(status: int, title: str, detail: str, kind: str = "about:blank") -> Reply:
    return Reply(status, {"title": title, "detail": detail, "type": kind, "status": status})


def _redirect(location: str) -> Reply:
    return Reply(302, b"", {"Location": location})


def _with_query(url: str, **params: str) -> str:
    return url + ("&" if urlsplit(url).query else "?") + urlencode(params)


def _loopback(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and parts.hostname in ("127.0.0.1", "localhost",
                                                                    "::1")


# -- what each API call needs ----------------------------------------------------------------

# (platform, method, path pattern) -> alternatives: any one set, wholly granted, is enough.
_NEEDS: tuple[tuple[str, str, re.Pattern[str], tuple[frozenset[str], ...]], ...] = tuple(
    (p, m, re.compile(rx), tuple(frozenset(a) for a in alts))
    for p, m, rx, alts in (
        ("linkedin", "POST", r"/rest/(posts|images)", ((_WRITE,),)),
        ("linkedin", "PUT", r"/_upload/\d+", ((_WRITE,),)),
        ("linkedin", "GET", r"/rest/posts", ((_READ,),)),
        ("linkedin", "GET", r"/rest/socialActions/[^/]+/comments", ((_READ,),)),
        ("linkedin", "POST", r"/rest/socialActions/[^/]+/comments", ((_WRITE,),)),
        ("linkedin", "DELETE", r"/rest/socialActions/[^/]+/comments/[^/]+", ((_WRITE,),)),
        ("linkedin", "GET", r"/rest/organizationAcls", tuple((s,) for s in _ADMIN)),
        ("facebook", "POST", r"/v[\d.]+/[^/]+/(feed|photos)",
         (("pages_manage_posts", "pages_read_engagement"),)),
        ("facebook", "GET", r"/v[\d.]+/[^/]+/(posts|published_posts|feed)",
         (("pages_read_engagement",),)),
        ("facebook", "GET", r"/v[\d.]+/[^/]+/comments",
         (("pages_read_engagement", "pages_read_user_content"),)),
        ("facebook", "POST", r"/v[\d.]+/[^/]+/comments", (("pages_manage_engagement",),)),
        ("facebook", "POST", r"/v[\d.]+/[^/]+", (("pages_manage_engagement",),)),
        ("facebook", "DELETE", r"/v[\d.]+/[^/]+", (("pages_manage_engagement",),)),
        ("facebook", "GET", r"/v[\d.]+/me/accounts", (("pages_show_list",),)),
    )
)
_X_WRITES = re.compile(r"/2/(tweets(/\d+(/hidden)?)?|media/upload)")


def _all_scopes(platform: str) -> tuple[str, ...]:
    """Every scope the platform's calls here need (what the static credential holds)."""
    return tuple(sorted({scope for p, _m, _rx, alts in _NEEDS if p == platform
                         for alt in alts for scope in alt}))


def needed(platform: str, method: str, path: str) -> tuple[frozenset[str], ...]:
    for p, m, pattern, alternatives in _NEEDS:
        if p == platform and m == method and pattern.fullmatch(path):
            return alternatives
    return ()


def _allowed(issued: Issued, alternatives: tuple[frozenset[str], ...]) -> bool:
    return not alternatives or any(alt <= issued.scopes for alt in alternatives)


# -- the hook every platform request passes (server.py) ----------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What `authorize` decided: answer now (`reply`), or go on to the platform stand-in,
    checking the request against `token` (the static credential or the issued one) unless
    `skip_static` (X: an issued token is not the consumer key, so the static check cannot
    apply)."""

    reply: Reply | None = None
    token: str | None = None
    skip_static: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def _bearer(req: Request) -> str | None:
    auth = req.header("Authorization")
    for scheme in ("Bearer ", "OAuth "):
        if auth.startswith(scheme) and "oauth_consumer_key" not in auth:
            return auth[len(scheme):].strip()
    return req.query.get("access_token", [None])[-1]


_OAUTH1 = re.compile(r'([a-z_]+)="([^"]*)"')


def _oauth1_params(req: Request) -> dict[str, str]:
    header = req.header("Authorization")
    if not header.startswith("OAuth "):
        return {}
    return {k: unquote(v) for k, v in _OAUTH1.findall(header)}


def authorize(platform: str, req: Request, state: Any, static_token: str,
              base_url: str) -> Verdict:
    """Serve the OAuth endpoints; judge a request made with an issued token."""
    reg = registry(state)
    endpoint = _ENDPOINTS.get(platform)
    if endpoint is not None:
        served = endpoint(req, reg, static_token, base_url)
        if served is not None:
            return Verdict(reply=served)
    now = time.time()
    if platform == "x":
        params = _oauth1_params(req)
        issued = reg.tokens.get(params.get("oauth_token", ""))
        if issued is None or issued.kind != "x_access":
            return Verdict(token=static_token)
        if params.get("oauth_consumer_key") != static_token or issued.revoked:
            return Verdict(reply=_x_problem(401, "Unauthorized", "Unauthorized"))
        level = str(issued.extra.get("access_level") or "read")
        headers = {"x-access-level": level}
        if (req.method in ("POST", "PUT", "DELETE") and _X_WRITES.fullmatch(req.path)
                and "write" not in level):
            reply = _x_problem(
                403, "Forbidden", "Your client app is not configured with the appropriate "
                "oauth1 app permissions for this endpoint.",
                "https://api.twitter.com/2/problems/oauth1-permissions")
            reply.headers.update(headers)
            return Verdict(reply=reply)
        return Verdict(skip_static=True, headers=headers)
    token = _bearer(req)
    issued = reg.tokens.get(token or "")
    if issued is None or issued.kind not in ("access", "page", "user"):
        return Verdict(token=static_token)
    if platform == "linkedin":
        if issued.revoked:
            return Verdict(reply=_li_error(401, "The token used in the request has been revoked "
                                           "by the user", "REVOKED_ACCESS_TOKEN", 65602))
        if issued.expired(now):
            return Verdict(reply=_li_error(401, "The token used in the request has expired",
                                           "EXPIRED_ACCESS_TOKEN", 65601))
        if not _allowed(issued, needed(platform, req.method, req.path)):
            return Verdict(reply=_li_error(
                403, f"Not enough permissions to access: {req.method} {req.path}",
                "ACCESS_DENIED", 100))
        return Verdict(token=token)
    if issued.revoked or issued.expired(now):
        stamp = time.strftime("%A, %d-%b-%y %H:%M:%S UTC", time.gmtime(issued.expires_at or now))
        message = (f"Error validating access token: Session has expired on {stamp}."
                   if not issued.revoked else
                   "Error validating access token: The user has not authorized application.")
        reply = _fb_error(190, message, 463 if not issued.revoked else 458)
        reply.headers["WWW-Authenticate"] = (
            'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"')
        return Verdict(reply=reply)
    alternatives = needed(platform, req.method, req.path)
    if not _allowed(issued, alternatives):
        missing = sorted(min(alternatives, key=len) - issued.scopes)
        code = 10 if req.method == "GET" else 200
        return Verdict(reply=_fb_error(
            code, f"(#{code}) This endpoint requires the {' and '.join(missing)} permission"
            f"{'s' if len(missing) > 1 else ''} to perform this action"))
    return Verdict(token=token)


# -- LinkedIn ------------------------------------------------------------------------------


def _client_ok(req: Request, static_token: str) -> bool:
    form = req.form()
    return bool(form.get("client_id")) and form.get("client_secret") == static_token


def _authorization_code(req: Request, reg: Registry, platform: str) -> Reply:
    """The consent screen, approved at once: back to the redirect URI with a code."""
    q = {k: v[-1] for k, v in req.query.items()}
    redirect, state = q.get("redirect_uri", ""), q.get("state", "")
    if not q.get("client_id") or not redirect:
        return _oauth_error(400, "invalid_request", "client_id and redirect_uri are required")
    if not _loopback(redirect) and not redirect.startswith("https://"):
        return _oauth_error(400, "invalid_redirect_uri", "redirect_uri must be https or loopback")
    if q.get("response_type") != "code":
        return _redirect(_with_query(redirect, error="unsupported_response_type", state=state))
    asked = frozenset(s for s in re.split(r"[ ,]+", q.get("scope", "")) if s)
    grant = reg.grant(platform)
    if grant.deny:  # LinkedIn's answer when the member cancels (Graph's is access_denied)
        error = "user_cancelled_authorize" if platform == "linkedin" else "access_denied"
        return _redirect(_with_query(redirect, error=error, state=state,
                                     error_description="The user cancelled the authorization"))
    granted = asked if grant.scopes is None else asked & grant.scopes
    code = secrets.token_urlsafe(16)
    with reg.lock:
        reg.codes[code] = {"platform": platform, "redirect_uri": redirect, "scopes": granted,
                           "expires": time.time() + CODE_TTL, "client_id": q["client_id"]}
    return _redirect(_with_query(redirect, code=code, state=state))


def _take_code(reg: Registry, platform: str, code: str, redirect: str) -> dict[str, Any] | None:
    with reg.lock:
        found = reg.codes.pop(code, None)  # a code is good once
    if (found is None or found["platform"] != platform or found["redirect_uri"] != redirect
            or time.time() > found["expires"]):
        return None
    return found


def _linkedin(req: Request, reg: Registry, static_token: str, base_url: str) -> Reply | None:
    path, method = req.path, req.method
    if path == "/oauth/v2/authorization" and method == "GET":
        return _authorization_code(req, reg, "linkedin")
    if path == "/oauth/v2/accessToken" and method == "POST":
        if not _client_ok(req, static_token):
            return _oauth_error(401, "invalid_client", "Client authentication failed")
        form = req.form()
        grant = reg.grant("linkedin")
        ttl = grant.expires_in if grant.expires_in is not None else LINKEDIN_TTL
        if form.get("grant_type") == "refresh_token":
            old = reg.tokens.get(form.get("refresh_token") or "")
            if old is None or old.kind != "refresh" or old.expired(time.time()):
                return _oauth_error(400, "invalid_request", "The provided refresh token is "
                                    "invalid or has expired")
            scopes, subject, refresh_left = old.scopes, old.subject, old.expires_at
        elif form.get("grant_type") == "authorization_code":
            found = _take_code(reg, "linkedin", form.get("code") or "",
                               form.get("redirect_uri") or "")
            if found is None:
                return _oauth_error(400, "invalid_grant", "The authorization code is invalid, "
                                    "expired, or was issued for another redirect_uri")
            scopes, subject, refresh_left = found["scopes"], LINKEDIN_MEMBER, None
        else:
            return _oauth_error(400, "unsupported_grant_type", "grant_type is not supported")
        token, _ = reg.issue("linkedin", "access", scopes, ttl, subject, "AQV",
                             client_id=form.get("client_id"), issued_at=time.time())
        refresh, issued_refresh = reg.issue("linkedin", "refresh", scopes, LINKEDIN_REFRESH_TTL,
                                            subject, "AQX")
        if refresh_left is not None:  # LinkedIn: refreshing never extends the refresh token
            issued_refresh.expires_at = refresh_left
        return Reply(200, {
            "access_token": token, "expires_in": int(ttl), "refresh_token": refresh,
            "refresh_token_expires_in": int((issued_refresh.expires_at or 0) - time.time()),
            "scope": ",".join(sorted(scopes)), "token_type": "Bearer"})
    if path == "/oauth/v2/introspectToken" and method == "POST":
        return _introspect(req, reg, static_token)
    if path == "/rest/organizationAcls" and method == "GET":
        return _organization_acls(req, reg, static_token)
    return None


def _introspect(req: Request, reg: Registry, static_token: str) -> Reply:
    """LinkedIn's Token Introspection (learn.microsoft.com/linkedin/shared/authentication/
    token-introspection): POST, form-encoded, client_id, client_secret and token all required;
    a token is described only to the app it was issued to."""
    if not req.header("Content-Type").startswith("application/x-www-form-urlencoded"):
        return _oauth_error(400, "invalid_request", "Content-Type must be "
                            "application/x-www-form-urlencoded")
    form = req.form()
    absent = [name for name in ("client_id", "client_secret", "token") if not form.get(name)]
    if absent:
        return _oauth_error(400, "invalid_request", f"A required parameter \"{absent[0]}\" "
                            "is missing")
    if not _client_ok(req, static_token):
        return _oauth_error(401, "invalid_client", "Client authentication failed")
    if form["token"] == static_token:  # the static credential: every scope, no expiry
        return Reply(200, {"active": True, "status": "active", "client_id": form["client_id"],
                           "scope": ",".join(_all_scopes("linkedin")), "auth_type": "3L"})
    issued = reg.tokens.get(form["token"])
    if issued is None or issued.platform != "linkedin" or issued.extra.get(
            "client_id", form["client_id"]) != form["client_id"]:
        return Reply(200, {"active": False})
    now = time.time()
    status = "revoked" if issued.revoked else "expired" if issued.expired(now) else "active"
    return Reply(200, {
        "active": status == "active", "status": status, "client_id": form["client_id"],
        "authorized_at": int(issued.extra.get("issued_at") or now),
        "created_at": int(issued.extra.get("issued_at") or now),
        "expires_at": int(issued.expires_at) if issued.expires_at else None,
        "scope": ",".join(sorted(issued.scopes)), "auth_type": "3L"})


def _organization_acls(req: Request, reg: Registry, static_token: str) -> Reply | None:
    from social_bot.sandbox import linkedin

    token = _bearer(req)
    issued = reg.tokens.get(token or "")
    if issued is None and token != static_token:
        return None  # the stand-in answers an unknown token with its own 401
    denied = linkedin.check_auth(req, token or "")  # version and Rest.li headers, as /rest does
    if denied is not None:
        return denied
    if issued is not None:
        if issued.expired(time.time()) or issued.revoked:
            return None  # authorize() answers it
        if not _allowed(issued, needed("linkedin", "GET", "/rest/organizationAcls")):
            return _li_error(403, "Not enough permissions to access: organizationAcls.FINDER-"
                             "roleAssignee", "ACCESS_DENIED", 100)
    q = {k: v[-1] for k, v in req.query.items()}
    if q.get("q") != "roleAssignee":
        return _li_error(400, "Query parameter q=roleAssignee is required", "BAD_REQUEST", 100)
    role, wanted_state = q.get("role"), q.get("state")
    elements = [
        {"roleAssignee": LINKEDIN_MEMBER, "state": "APPROVED", "role": r,
         "organization": f"urn:li:organization:{oid}"}
        for oid, _name, r in LINKEDIN_ORGS
        if role in (None, r) and wanted_state in (None, "APPROVED")
    ]
    return Reply(200, {"elements": elements,
                       "paging": {"start": 0, "count": len(elements), "links": []}})


# -- Facebook ------------------------------------------------------------------------------


def method_override_refused(req: Request) -> Reply | None:
    """Graph's HTTP method override (a `method` parameter in the query or the form) is
    refused, on every path and version. Meta's Graph API v27.0 post (2026-11-04): "new apps
    cannot use ... HTTP method override ... and existing apps cannot introduce new use cases
    for them. This applies across all Graph API versions." An app that installs socialbot
    today is one or the other, so the sandbox refuses it always. Meta documents no answer
    for it: this is Graph's answer for a removed feature (code 12, as its "(#12) ... is
    deprecated for versions v2.4 and higher" errors), in Graph's error shape."""
    if req.param("method") is None:
        return None
    return _fb_error(12, "(#12) HTTP method override is not available to this app: send "
                     "the request with its own HTTP method")


def _facebook(req: Request, reg: Registry, static_token: str, base_url: str) -> Reply | None:
    refused = method_override_refused(req)
    if refused is not None:
        return refused
    match = re.fullmatch(r"/v\d+\.\d+(/.*)", req.path)
    rest = match[1] if match else req.path
    if rest == "/dialog/oauth" and req.method == "GET":
        return _authorization_code(req, reg, "facebook")
    if rest == "/oauth/access_token" and req.method in ("GET", "POST"):
        return _facebook_token(req, reg, static_token)
    if rest == "/debug_token" and req.method == "GET":
        # Graph's /debug_token reference: input_token is required, and the caller's access
        # token is the app's, "{app-id}|{app-secret}" (or an app developer's user token), which
        # may inspect the tokens of that app only.
        app_id, _, app_secret = (_bearer(req) or req.param("access_token") or "").partition(
            "|")
        if not app_id or app_secret != static_token:
            return _fb_error(190, "Invalid OAuth access token - Cannot parse access token")
        if not req.param("input_token"):
            return _fb_error(100, "(#100) The parameter input_token is required")
        if req.param("input_token") == static_token:  # the static credential: no expiry
            return Reply(200, {"data": {
                "app_id": app_id, "type": "PAGE", "application": "socialbot", "is_valid": True,
                "expires_at": 0, "scopes": list(_all_scopes("facebook")),
                "profile_id": FACEBOOK_PAGES[0][0], "user_id": FACEBOOK_USER_ID}})
        issued = reg.tokens.get(req.param("input_token") or "")
        if issued is not None and (issued.platform != "facebook" or issued.extra.get(
                "app_id", app_id) != app_id):
            issued = None  # another app's token (or another platform's): nothing to say
        if issued is None:
            return Reply(200, {"data": {"is_valid": False, "error": {
                "code": 190, "message": "Invalid OAuth access token."}, "scopes": []}})
        now = time.time()
        data: dict[str, Any] = {
            # the app the token was issued to (the sandbox's codes do not record one: the
            # caller's, which the check above allowed)
            "app_id": issued.extra.get("app_id", app_id), "type": issued.kind.upper(),
            "application": "socialbot",
            "is_valid": not (issued.revoked or issued.expired(now)),
            "expires_at": int(issued.expires_at or 0), "scopes": sorted(issued.scopes),
            "user_id": FACEBOOK_USER_ID,
            "data_access_expires_at": int(issued.extra.get("data_access_expires_at") or 0),
        }
        if issued.kind == "page":
            data["profile_id"] = issued.subject
        return Reply(200, {"data": data})
    if rest == "/me/accounts" and req.method == "GET":
        issued = reg.tokens.get(_bearer(req) or "")
        if issued is None or issued.kind != "user":
            return None  # authorize() or the stand-in answers
        if issued.expired(time.time()) or issued.revoked:
            return None
        if "pages_show_list" not in issued.scopes:
            return _fb_error(200, "(#200) Requires pages_show_list permission")
        pages = []
        for page_id, name, tasks in FACEBOOK_PAGES:
            # A Page token made from a long-lived user token does not expire (Graph docs).
            ttl = None if issued.extra.get("long_lived") else FACEBOOK_SHORT_TTL
            token, page = reg.issue("facebook", "page", issued.scopes, ttl, page_id, "EAAP")
            page.extra["data_access_expires_at"] = issued.extra.get("data_access_expires_at")
            pages.append({"id": page_id, "name": name, "access_token": token,
                          "category": "Medical & Health", "tasks": list(tasks)})
        return Reply(200, {"data": pages, "paging": {"cursors": {"before": "MA==",
                                                                 "after": "MQ=="}}})
    return None


def _facebook_token(req: Request, reg: Registry, static_token: str) -> Reply:
    client_id, secret = req.param("client_id"), req.param("client_secret")
    if not client_id or secret != static_token:
        return _fb_error(1, "Error validating client secret.", 0)
    grant_type = req.param("grant_type")
    grant = reg.grant("facebook")
    if grant_type == "fb_exchange_token":
        short = reg.tokens.get(req.param("fb_exchange_token") or "")
        if short is None or short.kind != "user" or short.expired(time.time()):
            return _fb_error(190, "Error validating access token: the token is invalid or "
                             "has expired", 463)
        ttl = grant.expires_in if grant.expires_in is not None else FACEBOOK_LONG_TTL
        token, issued = reg.issue("facebook", "user", short.scopes, ttl, FACEBOOK_USER_ID,
                                  "EAAL", long_lived=True)
        issued.extra["data_access_expires_at"] = time.time() + FACEBOOK_DATA_ACCESS_TTL
        return Reply(200, {"access_token": token, "token_type": "bearer",
                           "expires_in": int(ttl)})
    found = _take_code(reg, "facebook", req.param("code") or "", req.param("redirect_uri") or "")
    if found is None:
        return _fb_error(100, "Invalid verification code format.", 36007)
    token, issued = reg.issue("facebook", "user", found["scopes"], FACEBOOK_SHORT_TTL,
                              FACEBOOK_USER_ID, "EAAS")
    issued.extra["data_access_expires_at"] = time.time() + FACEBOOK_DATA_ACCESS_TTL
    return Reply(200, {"access_token": token, "token_type": "bearer",
                       "expires_in": FACEBOOK_SHORT_TTL})


# -- X ---------------------------------------------------------------------------------------


def _x(req: Request, reg: Registry, static_token: str, base_url: str) -> Reply | None:
    path = req.path
    if path not in ("/oauth/request_token", "/oauth/authorize", "/oauth/access_token"):
        return None
    if path == "/oauth/authorize":
        request_token = req.query.get("oauth_token", [""])[-1]
        issued = reg.tokens.get(request_token)
        if issued is None or issued.kind != "request":
            return Reply(400, b"This page is no longer valid.",
                         {"Content-Type": "text/plain; charset=utf-8"})
        pin = f"{secrets.randbelow(10**7):07d}"
        issued.extra["verifier"] = pin
        page = (f"You've granted access to {X_SCREEN_NAME}'s app.\n"
                f"Next, return to the app and enter this PIN to complete the authorization "
                f"process:\nPIN: {pin}\n")
        return Reply(200, page.encode(), {"Content-Type": "text/plain; charset=utf-8"})
    params = _oauth1_params(req)
    if params.get("oauth_consumer_key") != static_token:
        return Reply(401, {"errors": [{"code": 32, "message": "Could not authenticate you."}]})
    if path == "/oauth/request_token":
        if params.get("oauth_callback") not in ("oob",) and not _loopback(
                params.get("oauth_callback", "")):
            return Reply(401, {"errors": [{"code": 417, "message": "Desktop applications only "
                                           "support the oauth_callback value 'oob'"}]})
        token, issued = reg.issue("x", "request", frozenset(), CODE_TTL, "", "req-")
        issued.secret = secrets.token_urlsafe(24)
        body = urlencode({"oauth_token": token, "oauth_token_secret": issued.secret,
                          "oauth_callback_confirmed": "true"})
        return Reply(200, body.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    # /oauth/access_token
    request = reg.tokens.get(params.get("oauth_token", ""))
    verifier = params.get("oauth_verifier") or req.form().get("oauth_verifier")
    if (request is None or request.kind != "request" or request.expired(time.time())
            or not verifier or request.extra.get("verifier") != verifier):
        return Reply(401, b"Error processing your OAuth request: Invalid oauth_verifier "
                     b"parameter", {"Content-Type": "text/plain; charset=utf-8"})
    with reg.lock:
        reg.tokens.pop(params.get("oauth_token", ""), None)  # a request token is good once
    level = reg.grant("x").access_level
    token, issued = reg.issue("x", "x_access", frozenset(), None, X_USER_ID,
                              f"{X_USER_ID}-", access_level=level)
    issued.secret = secrets.token_urlsafe(32)
    body = urlencode({"oauth_token": token, "oauth_token_secret": issued.secret,
                      "user_id": X_USER_ID, "screen_name": X_SCREEN_NAME})
    return Reply(200, body.encode(), {"Content-Type": "application/x-www-form-urlencoded"})


_ENDPOINTS = {"linkedin": _linkedin, "facebook": _facebook, "x": _x}


# -- /_sandbox/oauth ------------------------------------------------------------------------


def control(req: Request, state: Any) -> Reply:
    """`POST /_sandbox/oauth` {"platform", "expires_in"?, "scopes"?, "access_level"?,
    "deny"?}: how the next consent answers; `POST /_sandbox/oauth/expire` {"platform"}:
    every token of the platform expires now; `POST /_sandbox/oauth/revoke` likewise revokes;
    `GET /_sandbox/oauth`: the issued tokens (without their values)."""
    reg = registry(state)
    if req.method == "GET" and req.path == "/_sandbox/oauth":
        with reg.lock:
            return Reply(200, [
                {"platform": t.platform, "kind": t.kind, "scopes": sorted(t.scopes),
                 "expires_at": t.expires_at, "revoked": t.revoked, "subject": t.subject}
                for t in reg.tokens.values()])
    body = req.json()
    if req.method != "POST" or not isinstance(body, dict) or body.get("platform") not in (
            "linkedin", "facebook", "x"):
        return Reply(400, {"error": "POST a JSON object with platform (linkedin|facebook|x)"})
    platform = body["platform"]
    if req.path in ("/_sandbox/oauth/expire", "/_sandbox/oauth/revoke"):
        now, count = time.time(), 0
        with reg.lock:
            for issued in reg.tokens.values():
                if issued.platform == platform and issued.kind not in ("request", "refresh"):
                    if req.path.endswith("expire"):
                        issued.expires_at = now - 1
                    else:
                        issued.revoked = True
                    count += 1
        return Reply(200, {"platform": platform, "tokens": count})
    if req.path != "/_sandbox/oauth":
        return Reply(404, {"error": f"unknown sandbox endpoint {req.method} {req.path}"})
    try:
        expires_in = float(body["expires_in"]) if body.get("expires_in") is not None else None
    except (TypeError, ValueError):
        return Reply(400, {"error": "expires_in must be a number of seconds"})
    scopes = body.get("scopes")
    if scopes is not None and not (isinstance(scopes, list)
                                   and all(isinstance(s, str) for s in scopes)):
        return Reply(400, {"error": "scopes must be a list of strings"})
    level = str(body.get("access_level") or "read-write")
    if level not in ("read", "read-write", "read-write-directmessages"):
        return Reply(400, {"error": "access_level must be read, read-write or "
                           "read-write-directmessages"})
    with reg.lock:
        reg.grants[platform] = Grant(expires_in, frozenset(scopes) if scopes is not None
                                     else None, level, bool(body.get("deny")))
    return Reply(200, {"platform": platform, "expires_in": expires_in, "scopes": scopes,
                       "access_level": level})


def oauth_env(url: str, token: str | None = None) -> dict[str, str]:
    """The app credentials and authorization bases `socialbot connect` needs for a sandbox at
    `url` (the API bases come from `sandbox_env`). Token settings are left out on purpose:
    `connect` obtains them."""
    from social_bot.sandbox import sandbox_token

    token = token or sandbox_token()
    base = url.rstrip("/")
    return {
        # the adapters send credentials to a host not the platform's only when told so
        "SOCIALBOT_SANDBOX": "1",
        "LINKEDIN_API_BASE": f"{base}/linkedin",
        "LINKEDIN_AUTH_BASE": f"{base}/linkedin",
        "LINKEDIN_CLIENT_ID": "sandbox",
        "LINKEDIN_CLIENT_SECRET": token,
        "FACEBOOK_API_BASE": f"{base}/facebook",
        "FACEBOOK_AUTH_BASE": f"{base}/facebook",
        "FACEBOOK_APP_ID": "sandbox",
        "FACEBOOK_APP_SECRET": token,
        "X_API_BASE": f"{base}/x",
        "X_CONSUMER_KEY": token,
        "X_CONSUMER_SECRET": token,
    }
