"""Gathering the facts `status.evaluate` judges: from the credential store and the platforms.

Each platform is asked who we are (which also proves the credential works) and, where the
app's own credentials are set, what the token grants and when it expires (LinkedIn's token
introspection, Graph's debug_token). Without them the store's record of the `connect` is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from social_bot.accounts import connect as flows
from social_bot.accounts.status import Facts
from social_bot.accounts.store import (
    SECRETS,
    CredentialStore,
    credential_source,
    env_fingerprint,
    platform_env,
)
from social_bot.accounts.versions import (
    earliest_sunset,
    sunset,
    version_in_use,
    version_problem,
)
from social_bot.errors import UserError
from social_bot.logs import mask, secret_values

TIMEOUT = (5.0, 15.0)
AUTH_STATUSES = (401, 403)


class _Refused(Exception):
    pass


class _NotFound(UserError):
    """The platform says what was asked for does not exist (HTTP 404, Graph code 100)."""


def _get(method: str, url: str, **kwargs: Any) -> Any:
    """One request: the JSON body, `_Refused` on an auth answer, UserError otherwise."""
    import requests

    from adapters._deadline import request_within

    try:  # TIMEOUT per read, connect's DEADLINE for the whole answer (a trickling peer)
        answer = request_within(flows.DEADLINE, method, url, timeout=TIMEOUT, **kwargs)
    except requests.RequestException as exc:
        raise UserError(f"{type(exc).__name__} reaching {url.split('?')[0]}") from None
    body: Any
    try:
        body = answer.json()
    except ValueError:
        body = {}
    graph_code = (body.get("error") or {}).get("code") if isinstance(body, dict) and isinstance(
        body.get("error"), dict) else None
    if answer.status_code in AUTH_STATUSES or graph_code == 190:
        detail = ""
        if isinstance(body, dict):
            err = body.get("error")
            detail = str((err.get("message") if isinstance(err, dict) else None)
                         or body.get("message") or body.get("detail") or "")[:160]
        raise _Refused(f"HTTP {answer.status_code}{': ' + detail if detail else ''}")
    if answer.status_code == 404 or graph_code == 100:
        raise _NotFound(f"HTTP {answer.status_code}: nothing at {url.split('?')[0]}")
    if answer.status_code >= 400:
        raise UserError(f"HTTP {answer.status_code} from {url.split('?')[0]}")
    return body


def _stamp(value: Any) -> datetime | None:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    return datetime.fromtimestamp(seconds, UTC) if seconds > 0 else None


def gather(platform: str, env: Mapping[str, str], data_dir: Path | None) -> Facts:
    merged = platform_env(env, data_dir)
    fp = env_fingerprint(platform, merged)
    version = version_in_use(platform, merged)
    exact = sunset(platform, version)
    floor = earliest_sunset(platform, version)
    base = Facts(platform=platform, configured=fp is not None, api_version=version,
                 version_sunset=exact or floor, version_sunset_estimated=floor is not None,
                 version_problem=version_problem(platform, version, datetime.now(UTC).date()))
    source = credential_source(platform, env)
    # A damaged stored entry stops `check` with the command that mends it, unless the
    # environment supplies the credential instead (then the store is not used).
    stored = CredentialStore(data_dir).get(platform) if (
        data_dir is not None and source == "store") else None
    if fp is None:
        return base
    facts = replace(base, source=source)
    if stored is not None and stored.fingerprint == fp:
        facts = replace(facts, account=stored.account or None, granted=stored.scopes or None,
                        expires_at=stored.expires_at, never_expires=stored.expires_at is None,
                        refresh_expires_at=stored.refresh_expires_at)
    unsafe = insecure(platform, merged)
    if unsafe:  # nothing is sent: the token and the client secret would travel in clear
        return replace(facts, problems=unsafe)
    # A platform's error text is quoted to staff (`check`, the held-platform notice in
    # chat); a server that echoes the credential back must not put it there.
    secrets = secret_values({**env, **merged})
    try:
        found = _ASK[platform](merged, facts)
        return replace(found, unreachable=mask(found.unreachable, secrets)
                       if found.unreachable else None)
    except _Refused as exc:
        return replace(facts, rejected=mask(str(exc), secrets))
    except UserError as exc:
        return replace(facts, unreachable=mask(str(exc), secrets))


# Every address a platform's check sends a credential to (the setting, its default).
_BASES: dict[str, tuple[tuple[str, str], ...]] = {
    "linkedin": (("LINKEDIN_API_BASE", flows.LINKEDIN_API_BASE),
                 ("LINKEDIN_AUTH_BASE", flows.LINKEDIN_AUTH_BASE)),
    "facebook": (("FACEBOOK_API_BASE", flows.FACEBOOK_API_BASE),),
    "x": (("X_API_BASE", flows.X_API_BASE),),
}


def insecure(platform: str, env: Mapping[str, str]) -> tuple[str, ...]:
    """Why the platform's addresses must not carry a credential (adapters.base's one rule,
    which `connect` and the adapters apply too)."""
    from adapters.base import base_problem

    found = []
    for name, default in _BASES[platform]:
        problem = base_problem(env, name, (env.get(name) or default).rstrip("/"))
        if problem:
            found.append(problem)
    return tuple(found)


@dataclass(frozen=True)
class Introspection:
    """What a platform's token introspection says of a token (LinkedIn's introspectToken,
    Graph's debug_token)."""

    active: bool
    expires_at: datetime | None = None
    never_expires: bool = False
    scopes: tuple[str, ...] | None = None
    reason: str = ""  # why it is not active: "expired", "revoked", Graph's message
    notes: tuple[str, ...] = ()


def introspect(platform: str, env: Mapping[str, str]) -> Introspection | None:
    """Ask the platform about the token `env` gives it. None when it cannot be asked: no
    introspection endpoint (X user tokens do not expire), or the app's own credentials, which
    the endpoint requires, are not set. UserError when the endpoint could not be asked."""
    unsafe = insecure(platform, env)
    if unsafe:  # the daemon's daily check sends the client secret too
        raise UserError(unsafe[0])
    if platform == "linkedin":
        client_id, secret = env.get("LINKEDIN_CLIENT_ID"), env.get("LINKEDIN_CLIENT_SECRET")
        if not (client_id and secret):
            return None
        auth = flows._base(env, "LINKEDIN_AUTH_BASE", flows.LINKEDIN_AUTH_BASE)
        try:
            info = _get("POST", f"{auth}/oauth/v2/introspectToken", data={
                "client_id": client_id, "client_secret": secret,
                "token": env.get("LINKEDIN_ACCESS_TOKEN", "")})
        except _Refused as exc:  # the app's credentials, not the token: a setting to fix
            raise UserError(f"token introspection refused LINKEDIN_CLIENT_ID/SECRET "
                            f"({exc})") from None
        if not info.get("active"):
            return Introspection(False, reason=f"token {info.get('status') or 'inactive'}")
        return Introspection(True, expires_at=_stamp(info.get("expires_at")),
                             scopes=flows._scopes(info.get("scope")))
    if platform == "facebook":
        app_id, app_secret = env.get("FACEBOOK_APP_ID"), env.get("FACEBOOK_APP_SECRET")
        if not (app_id and app_secret):
            return None
        version = version_in_use("facebook", env) or flows.FACEBOOK_VERSION
        api = f"{flows._base(env, 'FACEBOOK_API_BASE', flows.FACEBOOK_API_BASE)}/{version}"
        data = flows.debug_token(api, app_id, app_secret, env.get("FACEBOOK_PAGE_TOKEN", ""))
        if not data.get("is_valid"):
            return Introspection(False, reason=str((data.get("error") or {}).get("message")
                                                   or "token not valid"))
        expires = _stamp(data.get("expires_at"))  # 0: a Page token that never expires
        notes: tuple[str, ...] = ()
        data_access = _stamp(data.get("data_access_expires_at"))
        if data_access is not None:
            notes = (f"data access expires {data_access:%Y-%m-%d} unless the Page admin uses "
                     "the app again (Graph data access expiration)",)
        return Introspection(True, expires_at=expires, never_expires=expires is None,
                             scopes=flows._scopes(data.get("scopes")), notes=notes)
    return None


def _introspected(platform: str, env: Mapping[str, str], facts: Facts) -> Facts:
    try:
        found = introspect(platform, env)
    except UserError as exc:
        return replace(facts, unreachable=str(exc))
    if found is None:
        return facts
    if not found.active:
        raise _Refused(found.reason)
    return replace(facts, granted=found.scopes, never_expires=found.never_expires,
                   expires_at=found.expires_at or (None if found.never_expires
                                                   else facts.expires_at),
                   notes=(*facts.notes, *found.notes))


def _linkedin(env: Mapping[str, str], facts: Facts) -> Facts:
    token, org = env.get("LINKEDIN_ACCESS_TOKEN", ""), env.get("LINKEDIN_ORG_ID", "")
    api = flows._base(env, "LINKEDIN_API_BASE", flows.LINKEDIN_API_BASE)
    facts = _introspected("linkedin", env, facts)
    if not org:
        return replace(facts, notes=(*facts.notes, "LINKEDIN_ORG_ID is not set"))
    headers = {"Authorization": f"Bearer {token}", "LinkedIn-Version": facts.api_version or "",
               "X-Restli-Protocol-Version": "2.0.0"}
    facts = _linkedin_role(api, headers, org, facts)
    try:
        body = _get("GET", f"{api}/rest/organizations/{org}", headers=headers)
    except _NotFound:
        return replace(facts, problems=(*facts.problems, f"LINKEDIN_ORG_ID {org}: no such "
                                        "organization on LinkedIn; run 'socialbot connect "
                                        "linkedin' and choose one"))
    name = body.get("localizedName") or f"organization {org}"
    return replace(facts, account=f"{name} (organization {org})")


def _linkedin_role(api: str, headers: Mapping[str, str], org: str, facts: Facts) -> Facts:
    """Whether the member may post as `org`: its APPROVED roles there, from the ACL finder
    `connect` uses. Before, `check` said ok for an organization where the member is only an
    ANALYST, and the daemon posted there (an outside review, session 43)."""
    try:
        acls = _get("GET", f"{api}/rest/organizationAcls", headers=dict(headers),
                    params={"q": "roleAssignee", "state": "APPROVED"})
    except (_Refused, UserError):  # e.g. no r_organization_admin: cannot tell
        return replace(facts, notes=(*facts.notes, "the member's role on organization "
                                     f"{org} could not be read"))
    urn = f"urn:li:organization:{org}"
    roles = sorted({str(e.get("role")) for e in acls.get("elements") or []
                    if isinstance(e, dict) and e.get("state", "APPROVED") == "APPROVED"
                    and (e.get("organization") or e.get("organizationTarget")) == urn})
    if set(roles) & flows.LINKEDIN_POSTING_ROLES:
        return facts
    held = (f"the connected member has only the role(s) {', '.join(roles)} there"
            if roles else "the connected member has no role there")
    return replace(facts, problems=(*facts.problems, f"LINKEDIN_ORG_ID {org}: {held}, and "
                                    "LinkedIn refuses posts as it; run 'socialbot connect "
                                    "linkedin' and choose an organization you administer"))


def _facebook(env: Mapping[str, str], facts: Facts) -> Facts:
    token, page = env.get("FACEBOOK_PAGE_TOKEN", ""), env.get("FACEBOOK_PAGE_ID", "")
    api = f"{flows._base(env, 'FACEBOOK_API_BASE', flows.FACEBOOK_API_BASE)}/" \
          f"{facts.api_version or flows.FACEBOOK_VERSION}"
    facts = _introspected("facebook", env, facts)
    if not page:
        return replace(facts, notes=(*facts.notes, "FACEBOOK_PAGE_ID is not set"))
    headers = {"Authorization": f"Bearer {token}"}
    # /me is the Page the token belongs to (Graph API overview): a token of another Page
    # passed `check` and the daemon posted with it (an outside review, session 43).
    try:
        me = _get("GET", f"{api}/me", params={"fields": "id,name"}, headers=headers)
    except _NotFound:  # a user token, not a Page's
        me = {}
    owner = str(me.get("id") or "")
    if owner != page:
        whose = f"Page {owner}'s ({me.get('name') or 'unnamed'})" if owner else \
            "not a Page token"
        return replace(facts, problems=(*facts.problems, f"FACEBOOK_PAGE_TOKEN is {whose}, "
                                        f"not FACEBOOK_PAGE_ID {page}'s, and Graph refuses "
                                        "posts to a Page with another Page's token; run "
                                        "'socialbot connect facebook' and choose the Page"))
    return replace(facts, account=f"{me.get('name') or page} (Page {page})")


def _x(env: Mapping[str, str], facts: Facts) -> Facts:
    names = ("X_CONSUMER_KEY", "X_CONSUMER_SECRET", *SECRETS["x"])
    if not all(env.get(n) for n in names):
        missing = [n for n in names if not env.get(n)]
        return replace(facts, configured=False, notes=(f"missing {', '.join(missing)}",))
    base = flows._base(env, "X_API_BASE", flows.X_API_BASE)
    try:
        who = flows.x_whoami(base, *(env[n] for n in names))
    except UserError as exc:
        if " 401" in str(exc) or " 403" in str(exc):
            raise _Refused(str(exc).split(": ", 1)[-1]) from None
        raise
    level = who.get("access_level")
    return replace(facts, account=f"@{who.get('username')}", never_expires=True,
                   expires_at=None, granted=(level,) if level else facts.granted)


_ASK = {"linkedin": _linkedin, "facebook": _facebook, "x": _x}


def gather_all(platforms: tuple[str, ...], env: Mapping[str, str],
               data_dir: Path | None) -> list[Facts]:
    return [gather(p, env, data_dir) for p in platforms]
