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
from social_bot.accounts.versions import earliest_sunset, sunset, version_in_use
from social_bot.errors import UserError
from social_bot.logs import mask, secret_values

TIMEOUT = (5.0, 15.0)
AUTH_STATUSES = (401, 403)


class _Refused(Exception):
    pass


def _get(method: str, url: str, **kwargs: Any) -> Any:
    """One request: the JSON body, `_Refused` on an auth answer, UserError otherwise."""
    import requests

    try:
        answer = requests.request(method, url, timeout=TIMEOUT, **kwargs)
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
                 version_sunset=exact or floor, version_sunset_estimated=floor is not None)
    if fp is None:
        return base
    stored = CredentialStore(data_dir).get(platform) if data_dir is not None else None
    facts = replace(base, source=credential_source(platform, env))
    if stored is not None and stored.fingerprint == fp:
        facts = replace(facts, account=stored.account or None, granted=stored.scopes or None,
                        expires_at=stored.expires_at, never_expires=stored.expires_at is None,
                        refresh_expires_at=stored.refresh_expires_at)
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
    body = _get("GET", f"{api}/rest/organizations/{org}", headers=headers)
    name = body.get("localizedName") or f"organization {org}"
    return replace(facts, account=f"{name} (organization {org})")


def _facebook(env: Mapping[str, str], facts: Facts) -> Facts:
    token, page = env.get("FACEBOOK_PAGE_TOKEN", ""), env.get("FACEBOOK_PAGE_ID", "")
    api = f"{flows._base(env, 'FACEBOOK_API_BASE', flows.FACEBOOK_API_BASE)}/" \
          f"{facts.api_version or flows.FACEBOOK_VERSION}"
    facts = _introspected("facebook", env, facts)
    if not page:
        return replace(facts, notes=(*facts.notes, "FACEBOOK_PAGE_ID is not set"))
    body = _get("GET", f"{api}/{page}", params={"fields": "id,name"},
                headers={"Authorization": f"Bearer {token}"})
    return replace(facts, account=f"{body.get('name') or page} (Page {page})")


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
