"""`socialbot connect` and `socialbot check` end to end against the sandbox, over real HTTP:
the OAuth consent is the one step a test cannot click, so the test plays the browser."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from dates_ahead import a_live_linkedin_version

from social_bot.accounts.store import CredentialStore
from social_bot.sandbox import SandboxServer
from social_bot.sandbox.oauth import oauth_env

URL_RE = re.compile(r"(http://127\.0\.0\.1:\d+/\S+)")



@pytest.fixture
def env(sandbox: SandboxServer, tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("LINKEDIN_", "FACEBOOK_", "X_", "SOCIALBOT_"))}
    return {**base, **oauth_env(sandbox.url), "SOCIALBOT_DATA_DIR": str(tmp_path / "data")}


def connect(env: dict[str, str], *args: str,
            browser: Callable[[subprocess.Popen, str], None] | None = None,
            ) -> subprocess.CompletedProcess:
    """Run `socialbot connect ... --no-browser`; `browser` acts on the address it prints."""
    proc = subprocess.Popen([sys.executable, "-m", "social_bot", "connect", *args,
                             "--no-browser", "--timeout", "30"], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = []
    if browser is not None:
        for line in proc.stderr:
            seen.append(line)
            if match := URL_RE.search(line):
                browser(proc, match[1])
                break
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "".join(seen) + err)


def follow(_proc: subprocess.Popen, url: str) -> None:
    """The browser: consent, then the redirect to the loopback listener."""
    assert requests.get(url, timeout=10).status_code == 200


def paste(proc: subprocess.Popen, url: str) -> None:
    """The browser is elsewhere (SSH): the person pastes where it was sent."""
    answer = requests.get(url, timeout=10, allow_redirects=False)
    assert answer.status_code == 302
    proc.stdin.write(answer.headers["Location"] + "\n")
    proc.stdin.flush()


def pin(proc: subprocess.Popen, url: str) -> None:
    page = requests.get(url, timeout=10).text
    proc.stdin.write(re.search(r"PIN: (\d+)", page)[1] + "\n")
    proc.stdin.flush()


def check(env: dict[str, str], *platforms: str) -> tuple[int, list[dict]]:
    done = subprocess.run([sys.executable, "-m", "social_bot", "check", "--json", *platforms],
                          env=env, capture_output=True, text=True, timeout=60)
    return done.returncode, json.loads(done.stdout)


def test_connect_all_three_then_check_reports_accounts_scopes_and_expiry(env, tmp_path):
    env = {**env, "LINKEDIN_API_VERSION": a_live_linkedin_version()}  # not yet retired
    done = connect(env, "linkedin", "--org", "5515715", browser=follow)
    assert done.returncode == 0, done.stderr
    assert "connected linkedin as Sandbox Practice (organization 5515715)" in done.stdout
    done = connect(env, "facebook", browser=paste)
    assert done.returncode == 0, done.stderr
    assert "Sandbox Practice (Page 100000000000001)" in done.stdout
    done = connect(env, "x", browser=pin)
    assert done.returncode == 0, done.stderr
    assert "@sandbox_practice" in done.stdout

    data = tmp_path / "data"
    path = data / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    stored = CredentialStore(data).load_all()
    assert set(stored) == {"linkedin", "facebook", "x"}
    secrets = [stored["linkedin"].values["LINKEDIN_ACCESS_TOKEN"],
               stored["facebook"].values["FACEBOOK_PAGE_TOKEN"],
               stored["x"].values["X_ACCESS_TOKEN_SECRET"]]
    code, report = check(env)
    assert code == 0, report
    by = {r["platform"]: r for r in report}
    assert by["linkedin"]["account"] == "Sandbox Practice (organization 5515715)"
    assert by["linkedin"]["scopes_missing"] == [] and by["linkedin"]["source"] == "store"
    assert by["linkedin"]["expires_at"] is not None  # 60 days, from introspection
    assert by["facebook"]["never_expires"] and by["facebook"]["scopes_missing"] == []
    assert by["x"]["scopes_granted"] == ["read-write"] and by["x"]["never_expires"]
    text = subprocess.run([sys.executable, "-m", "social_bot", "check"], env=env,
                          capture_output=True, text=True, timeout=60)
    for secret in secrets:  # never on screen
        assert secret not in text.stdout + text.stderr + json.dumps(report)


def test_linkedin_offers_only_organizations_the_member_administers(env):
    done = connect(env, "linkedin", "--org", "5515717", browser=follow)  # an ANALYST role
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("error: --org 5515717 is not one")
    assert "5515715 (Sandbox Practice)" in done.stderr and "5515716" in done.stderr
    done = connect(env, "linkedin", browser=follow)  # two to choose from, no terminal
    assert done.returncode == 2 and "choose one with --org" in done.stderr


def test_a_forged_state_is_refused_and_nothing_is_stored(env, tmp_path):
    def forge(proc: subprocess.Popen, url: str) -> None:
        location = requests.get(url, timeout=10, allow_redirects=False).headers["Location"]
        proc.stdin.write(re.sub(r"state=[^&]+", "state=forged", location) + "\n")
        proc.stdin.flush()

    done = connect(env, "linkedin", "--org", "5515715", browser=forge)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: exchanging the authorization code: the answer's state")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "credentials.json").exists()


def test_bad_input_is_one_error_line_exit_2(env):
    missing_app = {k: v for k, v in env.items() if k != "LINKEDIN_CLIENT_SECRET"}
    done = connect(missing_app, "linkedin")
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: linkedin: set LINKEDIN_CLIENT_SECRET (your app's "
                                   "credentials from the platform's developer console; see "
                                   "docs/accounts.md)")
    done = connect(env, "myspace")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    done = connect(env, "x", browser=lambda proc, url: (proc.stdin.write("not-a-pin\n"),
                                                         proc.stdin.flush()))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == ("error: x: the PIN is the number X shows "
                                                    "after you authorize")
    done = connect({**env, "LINKEDIN_AUTH_BASE": "http://auth.example"}, "linkedin")
    assert done.returncode == 2 and "only https" in done.stderr


def test_check_without_connections_exits_1_and_names_the_command(env):
    code, report = check(env)
    assert code == 1
    assert [r["level"] for r in report] == ["problem"] * 3
    assert "socialbot connect linkedin" in report[0]["findings"][0]["message"]


def test_environment_wins_over_the_store(env, tmp_path):
    assert connect(env, "x", browser=pin).returncode == 0
    code, report = check({**env, "X_ACCESS_TOKEN": "sandbox", "X_ACCESS_TOKEN_SECRET": "sandbox"},
                         "x")
    assert code == 0 and report[0]["source"] == "environment"
    code, report = check({**env, "X_ACCESS_TOKEN": "revoked-or-wrong"}, "x")
    assert code == 1 and report[0]["source"] == "environment"
    assert "refuses the credential" in report[0]["findings"][0]["message"]


def test_connect_is_audited_without_the_token(sandbox, cli_env, db):
    env = {**{k: v for k, v in cli_env.items() if not k.startswith(("LINKEDIN_", "FACEBOOK_",
                                                                     "X_"))},
           **oauth_env(sandbox.url)}
    done = connect(env, "x", browser=pin)
    assert done.returncode == 0, done.stderr
    assert "not recorded" not in done.stderr
    exported = subprocess.run([sys.executable, "-m", "social_bot", "audit", "export", "--format",
                               "jsonl"], env=env, capture_output=True, text=True, timeout=60)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    [record] = [r for r in records if r["action"] == "account.connected"]
    detail = json.loads(record["detail"]) if isinstance(record["detail"], str) else \
        record["detail"]
    assert detail["platform"] == "x"
    assert detail["account"] == "@sandbox_practice (user 1500000000000000001)"
    stored = CredentialStore(Path(env["SOCIALBOT_DATA_DIR"])).get("x")
    assert detail["fingerprint"] == stored.fingerprint
    assert stored.values["X_ACCESS_TOKEN"] not in exported.stdout
    assert stored.values["X_ACCESS_TOKEN_SECRET"] not in exported.stdout


def test_a_declined_consent_is_one_error_line_and_nothing_is_stored(sandbox, env, tmp_path):
    requests.post(f"{sandbox.url}/_sandbox/oauth", json={"platform": "linkedin", "deny": True},
                  timeout=5).raise_for_status()
    done = connect(env, "linkedin", "--org", "5515715", browser=follow)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(
        "error: exchanging the authorization code: user_cancelled_authorize")
    assert not (tmp_path / "data" / "credentials.json").exists()
