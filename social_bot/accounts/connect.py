"""`socialbot connect linkedin|facebook|x`: obtain a platform credential and store it.

- LinkedIn: OAuth 2.0 authorization code (three-legged) with a loopback redirect and `state`
  checked (requests-oauthlib), then the organization chosen from those the member
  administers (`organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`).
- Facebook: Facebook Login (the same code flow), the short-lived user token exchanged for a
  long-lived one (`fb_exchange_token`), then the Page token from `/me/accounts`.
- X: OAuth 1.0a with a PIN (`oauth_callback=oob`) through tweepy's `OAuth1UserHandler`.

Nothing here prints or logs a token; errors name the step that failed, not the values sent.
"""

from __future__ import annotations

import contextlib
import secrets
import select
import sys
import webbrowser
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO
from urllib.parse import urlsplit

from adapters.base import DEFAULT_DEADLINE
from social_bot.accounts.identity import x_label
from social_bot.accounts.loopback import LoopbackReceiver, fileno_of, state_matches
from social_bot.accounts.needs import needed
from social_bot.accounts.store import Credential
from social_bot.errors import UserError

LINKEDIN_AUTH_BASE = "https://www.linkedin.com"
LINKEDIN_API_BASE = "https://api.linkedin.com"
FACEBOOK_AUTH_BASE = "https://www.facebook.com"
FACEBOOK_API_BASE = "https://graph.facebook.com"
FACEBOOK_VERSION = "v25.0"
X_API_BASE = "https://api.x.com"
# The organization roles LinkedIn lets post as the organization (w_organization_social is
# "restricted to organizations in which the authenticated member has one of" them; sources
# in docs/adapters.md). `connect` offers administrators only; `check` accepts any of these.
LINKEDIN_POSTING_ROLES = frozenset({"ADMINISTRATOR", "CONTENT_ADMINISTRATOR",
                                    "DIRECT_SPONSORED_CONTENT_POSTER", "RECRUITING_POSTER"})
TIMEOUT = (5.0, 30.0)  # (connect, read): each read, not the whole answer
# Seconds for one request, answer included, as for an adapter's (adapters._deadline): a
# peer trickling its answer, each byte within the read timeout, held `connect` for ever.
DEADLINE = DEFAULT_DEADLINE


def bounded(method: str, url: str, **kwargs: Any) -> Any:
    """One request of `connect`/`check`: TIMEOUT per read, DEADLINE for the whole of it."""
    from adapters._deadline import request_within

    return request_within(DEADLINE, method, url, timeout=TIMEOUT, **kwargs)


STALE_STATE = ("the answer's state does not match the request (a stale or forged redirect); "
               "run connect again")


@dataclass
class Console:
    """How the flow talks to the person running it (tests drive it through pipes)."""

    out: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    open_browser: bool = True
    timeout: float = 300.0
    port: int = 0
    # `--no-browser`: the answer can only be pasted, so the end of standard input ends the
    # wait for it (`</dev/null` sat the whole --timeout, 300 s: session 49)
    paste_only: bool = False

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, url: str, what: str) -> None:
        self.say(f"Open this address to {what}:\n\n  {url}\n")
        if self.open_browser:
            with contextlib.suppress(webbrowser.Error):
                webbrowser.open(url)

    def ask(self, prompt: str) -> str:
        piped = not self.stdin.isatty()  # no one types after the prompt: end its line
        self.out.write(prompt + ("\n" if piped else ""))
        self.out.flush()
        fd = fileno_of(self.stdin)  # --timeout holds here too (X's PIN waited for ever)
        if fd is not None and not select.select([fd], [], [], self.timeout)[0]:
            raise UserError(f"no answer on standard input within {self.timeout:g} s (--timeout)"
                            "; run connect again")
        line = self.stdin.readline()
        if not line:
            raise UserError("no answer on standard input")
        return line.strip()

    def choose(self, what: str, options: Sequence[tuple[str, str]], wanted: str | None,
               option: str) -> tuple[str, str]:
        """One of (id, name): the one named by `wanted`, the only one, or asked for."""
        if not options:
            raise UserError(f"no {what} to choose from")
        if wanted is not None:
            for ident, name in options:
                if ident == wanted:
                    return ident, name
            listed = ", ".join(f"{i} ({n})" for i, n in options)
            raise UserError(f"{option} {wanted} is not one of the {what}s you can use: {listed}")
        if len(options) == 1:
            return options[0]
        if not self.stdin.isatty():
            listed = ", ".join(f"{i} ({n})" for i, n in options)
            raise UserError(f"several {what}s; choose one with {option} ID: {listed}")
        from policies.rendering import visible  # names are the platform's: no escapes

        for number, (ident, name) in enumerate(options, 1):
            self.say(visible(f"  {number}. {name} ({ident})"))
        answer = self.ask(f"Which {what} (1-{len(options)})? ")
        if not answer.isdigit() or not 1 <= int(answer) <= len(options):
            raise UserError(f"expected a number from 1 to {len(options)}")
        return options[int(answer) - 1]


def _base(env: Mapping[str, str], name: str, default: str) -> str:
    """The base address `name` sets; UserError when a credential must not go there."""
    from adapters.base import base_problem

    url = (env.get(name) or default).rstrip("/")
    problem = base_problem(env, name, url)
    if problem:
        raise UserError(problem)
    return url


def _require(env: Mapping[str, str], platform: str, names: Sequence[str]) -> list[str]:
    missing = [n for n in names if not env.get(n)]
    if missing:
        raise UserError(f"{platform}: set {', '.join(missing)} (your app's credentials from "
                        "the platform's developer console; see docs/accounts.md)")
    return [env[n] for n in names]


def _wanted(env: Mapping[str, str], option_value: str | None, option: str,
            setting: str) -> tuple[str | None, str]:
    """Which account to choose, and what named it: the option, else the environment's
    setting, which wins over what `connect` stores (the adapters would post with this
    token to that id). Before, a Page other than FACEBOOK_PAGE_ID could be chosen and
    stored; the daemon then posted with that Page's token to FACEBOOK_PAGE_ID."""
    in_env = (env.get(setting) or "").strip()
    if option_value is not None and in_env and option_value != in_env:
        raise UserError(f"{option} {option_value}, but {setting}={in_env} in the environment "
                        f"wins over what connect stores; unset {setting} or choose {in_env}")
    if option_value is not None:
        return option_value, option
    return (in_env, f"the environment's {setting}") if in_env else (None, option)


def _check_transport(url: str) -> None:
    from adapters.base import transport_problem

    problem = transport_problem(url)
    if problem:
        raise UserError(problem)


@contextlib.contextmanager
def _oauthlib_loopback() -> Iterator[None]:
    """oauthlib refuses http URLs; the redirect comes back on http://127.0.0.1 by design
    (RFC 8252), and the token endpoint was checked to be https or loopback. Platforms also
    answer scopes in their own spelling (LinkedIn: comma-separated), which we compare
    ourselves rather than have oauthlib raise a bare Warning."""
    from social_bot.settings import library_environment

    names = ("OAUTHLIB_INSECURE_TRANSPORT", "OAUTHLIB_RELAX_TOKEN_SCOPE")
    with library_environment(dict.fromkeys(names, "1")):
        yield


def _fail(step: str, exc: BaseException, *secrets: str) -> UserError:
    """A one-line error naming the step, without the exception's text when it could hold a
    URL with a code or token in it; the platform's description is masked (`secrets`)."""
    from oauthlib.oauth2.rfc6749.errors import MismatchingStateError, OAuth2Error

    from social_bot.logs import mask

    if isinstance(exc, MismatchingStateError):
        return UserError(f"{step}: {STALE_STATE}")
    if isinstance(exc, OAuth2Error):
        return UserError(f"{step}: {mask(str(exc.error), secrets)}"
                         + (f" ({mask(exc.description, secrets)[:200]})"
                            if exc.description else ""))
    return UserError(f"{step}: {type(exc).__name__}")


def _json(response: Any, step: str, *secrets: str) -> Any:
    """The answer's JSON; on an HTTP error, one line quoting the platform's message with
    `secrets` (what this request sent: client secret, code, token) masked, as
    `inspect.gather` does, since a platform or proxy may echo them back."""
    from social_bot.logs import mask

    if response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            body = {}
        detail = ""
        if isinstance(body, dict):
            err = body.get("error")
            detail = mask(str((err.get("message") if isinstance(err, dict) else err)
                              or body.get("message") or body.get("detail") or ""),
                          secrets)[:200]
        raise UserError(f"{step}: HTTP {response.status_code} {detail}".rstrip())
    try:
        return response.json()
    except ValueError:
        raise UserError(f"{step}: the answer is not JSON") from None


def _code_of(url: str) -> list[str]:
    """The authorization code a redirect carried (not its error text, which staff need)."""
    from urllib.parse import parse_qsl

    return [v for k, v in parse_qsl(urlsplit(url).query) if k == "code"]


def _expiry(seconds: Any, now: datetime) -> datetime | None:
    try:
        value = int(seconds)
    except (TypeError, ValueError):
        return None
    return now + timedelta(seconds=value) if value > 0 else None


def _code_flow(console: Console, *, client_id: str, client_secret: str, authorize_url: str,
               token_url: str, scope: Sequence[str], what: str) -> dict[str, Any]:
    """OAuth 2.0 authorization code with a loopback redirect; the token response."""
    from requests_oauthlib import OAuth2Session

    from adapters._deadline import watched_session, within

    _check_transport(token_url)
    _check_transport(authorize_url)
    state = secrets.token_urlsafe(24)  # this run's alone: the listener takes no other
    with LoopbackReceiver(console.port, state) as receiver:
        session = watched_session(OAuth2Session(
            client_id, redirect_uri=receiver.redirect_uri, scope=list(scope), state=state))
        with _oauthlib_loopback():
            url, _state = session.authorization_url(authorize_url)
        console.show(url, what)
        console.say("Waiting for the browser to come back (or paste the address it was sent "
                    "to, then Enter)...")
        answer = receiver.wait(console.timeout, console.stdin,
                               end_of_input_ends=console.paste_only)
    if not state_matches(answer, state):  # a pasted address (the listener checked its own)
        if not urlsplit(answer).query:  # the code alone, or a half-copied address
            raise UserError("paste the whole address the browser was sent to "
                            f"({receiver.redirect_uri}?code=...&state=...); run connect again")
        raise UserError(f"exchanging the authorization code: {STALE_STATE}")
    try:
        with _oauthlib_loopback():
            token = within(DEADLINE, lambda: session.fetch_token(
                token_url, client_secret=client_secret, authorization_response=answer,
                include_client_id=True, timeout=TIMEOUT))
    except Exception as exc:  # noqa: BLE001 - one line, never the URL (it holds the code)
        raise _fail("exchanging the authorization code", exc, client_secret,
                    *_code_of(answer)) from None
    return dict(token)


def _scopes(raw: Any) -> tuple[str, ...]:
    """Scopes as a sorted tuple, whatever the spelling: a list (Graph, or oauthlib's split of
    a space-separated answer) or LinkedIn's comma-separated string."""
    text = " ".join(str(s) for s in raw) if isinstance(raw, list | tuple) else str(raw or "")
    return tuple(sorted({s for s in text.replace(",", " ").split() if s}))


# -- LinkedIn --------------------------------------------------------------------------------


def connect_linkedin(env: Mapping[str, str], console: Console, *, org: str | None = None,
                     now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Credential:
    import requests

    client_id, client_secret = _require(env, "linkedin", ["LINKEDIN_CLIENT_ID",
                                                         "LINKEDIN_CLIENT_SECRET"])
    wanted = _wanted(env, org, "--org", "LINKEDIN_ORG_ID")  # refused before the consent
    auth = _base(env, "LINKEDIN_AUTH_BASE", LINKEDIN_AUTH_BASE)
    api = _base(env, "LINKEDIN_API_BASE", LINKEDIN_API_BASE)
    _check_transport(api)
    version = env.get("LINKEDIN_API_VERSION") or env.get("LINKEDIN_VERSION") or _li_version()
    started = now()
    token = _code_flow(console, client_id=client_id, client_secret=client_secret,
                       authorize_url=f"{auth}/oauth/v2/authorization",
                       token_url=f"{auth}/oauth/v2/accessToken", scope=needed("linkedin"),
                       what="let socialbot post for your LinkedIn organization")
    access = str(token.get("access_token") or "")
    if not access:
        raise UserError("linkedin: the token answer holds no access_token")
    headers = {"Authorization": f"Bearer {access}", "LinkedIn-Version": version,
               "X-Restli-Protocol-Version": "2.0.0"}
    try:
        answer = bounded("GET", f"{api}/rest/organizationAcls", headers=headers,
                         params={"q": "roleAssignee", "role": "ADMINISTRATOR",
                                      "state": "APPROVED"})
    except requests.RequestException as exc:
        raise UserError(f"linkedin: listing your organizations: {type(exc).__name__}") from None
    acls = _json(answer, "linkedin: listing the organizations you administer", access,
                 client_secret)
    orgs = []
    for element in acls.get("elements") or []:
        urn = str(element.get("organization") or element.get("organizationTarget") or "")
        if element.get("role") == "ADMINISTRATOR" and element.get("state") == "APPROVED" and (
                urn.startswith("urn:li:organization:")):
            ident = urn.rsplit(":", 1)[-1]
            orgs.append((ident, _li_org_name(api, headers, ident)))
    ident, name = console.choose("organization", orgs,
                                 *wanted)
    return Credential(
        platform="linkedin",
        values={"LINKEDIN_ACCESS_TOKEN": access, "LINKEDIN_ORG_ID": ident},
        account=f"{name} (organization {ident})",
        scopes=_scopes(token.get("scope")),
        expires_at=_expiry(token.get("expires_in"), started),
        refresh_token=token.get("refresh_token") or None,
        refresh_expires_at=_expiry(token.get("refresh_token_expires_in"), started),
        connected_at=started,
    )


def _li_version() -> str:
    from adapters.linkedin import DEFAULT_VERSION

    return DEFAULT_VERSION


def _li_org_name(api: str, headers: Mapping[str, str], ident: str) -> str:
    import requests

    try:
        answer = bounded("GET", f"{api}/rest/organizations/{ident}", headers=dict(headers))
        if answer.status_code == 200:
            return str(answer.json().get("localizedName") or f"organization {ident}")
    except (requests.RequestException, ValueError):
        pass
    return f"organization {ident}"


# -- Facebook --------------------------------------------------------------------------------


def connect_facebook(env: Mapping[str, str], console: Console, *, page: str | None = None,
                     now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Credential:
    import requests

    app_id, app_secret = _require(env, "facebook", ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"])
    wanted = _wanted(env, page, "--page", "FACEBOOK_PAGE_ID")  # refused before the consent
    version = env.get("FACEBOOK_GRAPH_VERSION") or FACEBOOK_VERSION
    auth = _base(env, "FACEBOOK_AUTH_BASE", FACEBOOK_AUTH_BASE)
    api = f"{_base(env, 'FACEBOOK_API_BASE', FACEBOOK_API_BASE)}/{version}"
    _check_transport(api)
    started = now()
    short = _code_flow(console, client_id=app_id, client_secret=app_secret,
                       authorize_url=f"{auth}/{version}/dialog/oauth",
                       token_url=f"{api}/oauth/access_token", scope=needed("facebook"),
                       what="let socialbot manage your Facebook Page")
    try:
        # POST, so that neither the app secret nor the token sits in a URL (and a log line).
        answer = bounded("POST", f"{api}/oauth/access_token", data={
            "grant_type": "fb_exchange_token", "client_id": app_id,
            "client_secret": app_secret, "fb_exchange_token": short.get("access_token", "")})
        long_lived = _json(answer, "facebook: exchanging for a long-lived user token",
                           app_secret, str(short.get("access_token", "")))
        user_token = str(long_lived.get("access_token") or "")
        answer = bounded("GET", f"{api}/me/accounts",
                         headers={"Authorization": f"Bearer {user_token}"},
                              params={"fields": "id,name,access_token,tasks"})
        accounts = _json(answer, "facebook: listing your Pages", user_token, app_secret)
    except requests.RequestException as exc:
        raise UserError(f"facebook: {type(exc).__name__} talking to Graph") from None
    pages = {str(p.get("id")): p for p in accounts.get("data") or []
             if "CREATE_CONTENT" in (p.get("tasks") or ())}  # a role that may publish
    ident, name = console.choose("Page", [(i, str(p.get("name") or i)) for i, p in
                                          pages.items()], *wanted)
    page_token = str(pages[ident].get("access_token") or "")
    facts = debug_token(api, app_id, app_secret, page_token) if page_token else {}
    problem = page_token_problem(facts, app_id, ident)
    if problem:
        raise UserError(f"facebook: {problem}; nothing was stored")
    expires = int(facts.get("expires_at") or 0)
    return Credential(
        platform="facebook",
        values={"FACEBOOK_PAGE_TOKEN": page_token, "FACEBOOK_PAGE_ID": ident},
        account=f"{name} (Page {ident})",
        scopes=_scopes(facts.get("scopes")),
        # expires_at 0: a Page token made from a long-lived user token does not expire.
        expires_at=datetime.fromtimestamp(expires, UTC) if expires else None,
        connected_at=started,
    )


def page_token_problem(facts: Mapping[str, Any], app_id: str, page_id: str) -> str | None:
    """Why the Page token `debug_token` described (`facts`) must not be stored as Page
    `page_id`'s for app `app_id`, or None. Before, whatever /me/accounts handed over was
    stored, valid or not, whoever's it was; the daemon then found out at the first post."""
    if not facts.get("is_valid"):
        return f"Graph gave no valid token for Page {page_id}"
    if str(facts.get("app_id") or "") != app_id:
        return f"the token for Page {page_id} was issued to another app, not FACEBOOK_APP_ID"
    if str(facts.get("type") or "").upper() != "PAGE" or str(
            facts.get("profile_id") or "") != page_id:
        return f"the token Graph gave for Page {page_id} is not that Page's"
    return None


def debug_token(api: str, app_id: str, app_secret: str, token: str) -> dict[str, Any]:
    """Graph's /debug_token for `token`, asked with the app access token."""
    import requests

    try:
        # A plain GET, as the debug_token reference documents it. It was a POST with
        # method=GET (the HTTP method override) to keep the token out of the URL, but Meta
        # refuses the override to apps created since 2026-11-04 on every Graph version
        # (docs/adapters.md "Session 46"). input_token is a query parameter, so the URL now
        # holds the Page token: the app token stays in the header, nothing here shows the
        # URL (the error names the exception's type only), and logs.redact_url masks it in
        # any log line a library writes.
        answer = bounded("GET", f"{api}/debug_token", params={"input_token": token},
                         headers={"Authorization": f"Bearer {app_id}|{app_secret}"})
    except requests.RequestException as exc:
        failed = type(exc).__name__
    else:
        failed = ""
    if failed:  # raised out here, so the UserError has no __context__ quoting the URL
        raise UserError(f"facebook: inspecting the token: {failed}")
    data = _json(answer, "facebook: inspecting the token", app_secret, token).get("data") or {}
    return data if isinstance(data, dict) else {}


# -- X ---------------------------------------------------------------------------------------


def _x_handler(base: str, consumer_key: str, consumer_secret: str) -> Any:
    import tweepy

    class Handler(tweepy.OAuth1UserHandler):
        """tweepy's handler, pointed at X_API_BASE (its one URL builder is the only
        override: the signing and the token exchange stay tweepy's)."""

        def _get_oauth_url(self, endpoint: str) -> str:
            return f"{base}/oauth/{endpoint}"

    return Handler(consumer_key, consumer_secret, callback="oob")


def connect_x(env: Mapping[str, str], console: Console,
              now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Credential:
    import tweepy

    key, secret = _require(env, "x", ["X_CONSUMER_KEY", "X_CONSUMER_SECRET"])
    base = _base(env, "X_API_BASE", X_API_BASE)
    _check_transport(base)
    handler = _x_handler(base, key, secret)
    try:
        url = handler.get_authorization_url()
    except tweepy.TweepyException:
        raise UserError("x: the request token was refused; check X_CONSUMER_KEY and "
                        "X_CONSUMER_SECRET") from None
    console.show(url, "let socialbot post as your X account")
    pin = console.ask("Enter the PIN X shows after you authorize: ")
    if not pin.isdigit():
        raise UserError("x: the PIN is the number X shows after you authorize")
    try:
        token, token_secret = handler.get_access_token(pin)
    except tweepy.TweepyException:
        raise UserError("x: the PIN was not accepted (it is good once, for a few minutes); "
                        "run connect again") from None
    who = x_whoami(base, key, secret, token, token_secret)
    return Credential(
        platform="x",
        values={"X_ACCESS_TOKEN": token, "X_ACCESS_TOKEN_SECRET": token_secret},
        account=x_label(who.get("username"), who.get("id")),
        scopes=(who["access_level"],) if who.get("access_level") else (),
        expires_at=None,  # X's OAuth 1.0a user tokens do not expire (they can be revoked)
        connected_at=now(),
    )


def x_whoami(base: str, key: str, secret: str, token: str, token_secret: str) -> dict[str, Any]:
    """GET /2/users/me: the account, and the token's access level (x-access-level)."""
    import requests
    from requests_oauthlib import OAuth1

    try:
        answer = bounded("GET", f"{base}/2/users/me",
                         auth=OAuth1(key, secret, token, token_secret))
    except requests.RequestException as exc:
        raise UserError(f"x: who am I: {type(exc).__name__}") from None
    data = _json(answer, "x: who am I", secret, token, token_secret).get("data") or {}
    return {"username": data.get("username"), "id": data.get("id"),
            "access_level": answer.headers.get("x-access-level")}


FLOWS: dict[str, Callable[..., Credential]] = {
    "linkedin": connect_linkedin,
    "facebook": connect_facebook,
    "x": connect_x,
}


def refresh_linkedin(env: Mapping[str, str], credential: Credential,
                     now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Credential:
    """A new LinkedIn access token from the stored refresh token (programmatic refresh
    tokens: approved Marketing partners get them; the refresh token's own lifetime is not
    extended, so the member still authorizes again within a year)."""
    from requests_oauthlib import OAuth2Session

    from adapters._deadline import watched_session, within

    if not credential.refresh_token:
        raise UserError("linkedin: no refresh token stored; run socialbot connect linkedin")
    client_id, client_secret = _require(env, "linkedin", ["LINKEDIN_CLIENT_ID",
                                                         "LINKEDIN_CLIENT_SECRET"])
    token_url = f"{_base(env, 'LINKEDIN_AUTH_BASE', LINKEDIN_AUTH_BASE)}/oauth/v2/accessToken"
    _check_transport(token_url)
    started = now()
    try:
        with _oauthlib_loopback():
            session = watched_session(OAuth2Session(client_id))
            token = within(DEADLINE, lambda: session.refresh_token(
                token_url, refresh_token=credential.refresh_token, client_id=client_id,
                client_secret=client_secret, include_client_id=True, timeout=TIMEOUT))
    except Exception as exc:  # noqa: BLE001 - one line, never the request body
        raise _fail("linkedin: refreshing the access token", exc, client_secret,
                    credential.refresh_token) from None
    access = str(token.get("access_token") or "")
    if not access:
        raise UserError("linkedin: the refresh answer holds no access_token")
    return replace(
        credential,
        values={**credential.values, "LINKEDIN_ACCESS_TOKEN": access},
        scopes=_scopes(token.get("scope")) or credential.scopes,
        expires_at=_expiry(token.get("expires_in"), started),
        refresh_token=token.get("refresh_token") or credential.refresh_token,
        # LinkedIn never extends a refresh token: keep the earlier end (the answer counts
        # whole seconds from a later start).
        refresh_expires_at=min(filter(None, (
            _expiry(token.get("refresh_token_expires_in"), started),
            credential.refresh_expires_at)), default=None),
    )
