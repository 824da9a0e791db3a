"""The demo's accounts step: connect LinkedIn through the sandbox's OAuth consent with a token
that has only days left, and show that `socialbot check` (and then the daemon, in chat)
reports it."""

from __future__ import annotations

import io
import threading
from collections.abc import MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from social_bot.accounts.connect import Console, connect_linkedin
from social_bot.accounts.inspect import gather
from social_bot.accounts.status import Level, evaluate
from social_bot.accounts.store import SETTINGS, CredentialStore
from social_bot.sandbox.oauth import oauth_env

DAYS_LEFT = 5


class _SandboxBrowser(Console):
    """Plays the person at the consent page: opens the address, which the sandbox approves
    and redirects to socialbot's loopback listener."""

    def show(self, url: str, what: str) -> None:
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10},
                         daemon=True).start()


def connect_nearing_expiry(console: Any, env: MutableMapping[str, str], sandbox_url: str,
                           data_dir: Path) -> None:
    """Store a LinkedIn connection whose token expires in DAYS_LEFT days; `env` loses the
    static LinkedIn token so that the daemon uses the stored one."""
    requests.post(f"{sandbox_url}/_sandbox/oauth", timeout=5, json={
        "platform": "linkedin", "expires_in": DAYS_LEFT * 86400}).raise_for_status()
    for name in SETTINGS["linkedin"]:
        env.pop(name, None)
    env.update({k: v for k, v in oauth_env(sandbox_url).items() if k.startswith("LINKEDIN_")})
    credential = connect_linkedin(env, _SandboxBrowser(out=io.StringIO(), open_browser=False,
                                                       stdin=io.StringIO(), timeout=20),
                                  org="5515715")
    CredentialStore(data_dir).save(credential)
    console.print("[bold]0. LinkedIn is connected[/] (`socialbot connect linkedin`: OAuth "
                  "consent in the sandbox, token stored 0600)")
    console.print(f"  connected as {credential.account}; granted {', '.join(credential.scopes)}")
    status = evaluate(gather("linkedin", env, data_dir), datetime.now(UTC))
    console.print(f"  `socialbot check linkedin`: {str(status.level).upper()}")
    for finding in status.findings:
        if finding.level in (Level.WARN, Level.PROBLEM):
            console.print(f"    - {finding.level}: {finding.message}")
    console.print("  the daemon will warn the approvers in Slack as well (once a day)\n")


def token_warnings(received: list[dict[str, Any]]) -> list[str]:
    """The chat messages about tokens the Slack stand-in received."""
    return [str(m.get("text") or "") for m in received
            if "token" in str(m.get("text") or "").lower()
            or "account.token_expiring" in str(m.get("text") or "")]
