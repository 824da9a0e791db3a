"""Session 50 attack review, finding 2: a `.env` planted in the staff-writable data directory
chose the daemon's chat token and the host its LinkedIn token went to. The daemon now refuses
a settings file another login could change, and no credential goes to a host that is not the
platform's own unless SOCIALBOT_SANDBOX=1 says it is a sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import POLICY_TOML

from adapters.base import NeedsAction
from adapters.linkedin import LinkedInAdapter
from adapters.x import XAdapter
from social_bot.errors import UserError

PLANTED = ("MATTERMOST_TOKEN=chosen-by-staff-0123456789\n"
           "LINKEDIN_API_BASE=http://127.0.0.1:9/linkedin\n")


def daemon_env(tmp_path: Path) -> dict[str, str]:
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY_TOML)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SOCIALBOT_", "DATABASE_", "MATTERMOST_", "LINKEDIN_"))}
    env.update({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_POLICY": str(policy),
                "SOCIALBOT_VOTE_KEY_FILE": str(tmp_path / "door" / "vote.key")})
    return env


def init(env: dict[str, str]) -> Path:
    """An initialised data directory: on the code before, `daemon --once` then ran."""
    done = subprocess.run([sys.executable, "-m", "social_bot", "init"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return Path(env["SOCIALBOT_DATA_DIR"])


def start_daemon(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", "daemon", "--once", "--no-http"],
                          env=env, capture_output=True, text=True, timeout=180)


def refused_in_one_line(done: subprocess.CompletedProcess[str], why: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("error: refusing to start the daemon")
    assert why in lines[0] and "chosen-by-staff" not in done.stderr


def test_daemon_refuses_an_env_file_in_a_folder_others_may_write(tmp_path: Path) -> None:
    env = daemon_env(tmp_path)
    data = init(env)
    data.chmod(0o770)  # the staff group writes the data directory (SQLite, media)
    (data / ".env").write_text(PLANTED)
    (data / ".env").chmod(0o600)
    refused_in_one_line(start_daemon(env), "where other users may put another file")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another uid needs root")
def test_daemon_refuses_an_env_file_another_login_owns(tmp_path: Path) -> None:
    env = daemon_env(tmp_path)
    data = init(env)
    planted = data / ".env"
    planted.write_text(PLANTED)
    planted.chmod(0o600)
    os.chown(planted, 4242, 4242)  # the attack review's staff login
    refused_in_one_line(start_daemon(env), "belongs to uid 4242")


def test_the_daemon_check_passes_its_own_file_and_a_missing_one(tmp_path: Path) -> None:
    from social_bot.settings import daemon_environment

    etc = tmp_path / "etc"
    etc.mkdir(mode=0o755)
    own = etc / "daemon.env"
    own.write_text("SOCIALBOT_USER=daemon\n")
    own.chmod(0o600)
    assert daemon_environment({"SOCIALBOT_ENV_FILE": str(own)})["SOCIALBOT_USER"] == "daemon"
    assert "SOCIALBOT_USER" not in daemon_environment(
        {"SOCIALBOT_ENV_FILE": str(etc / "absent.env")})
    own.chmod(0o620)
    with pytest.raises(UserError, match="writable by other users"):
        daemon_environment({"SOCIALBOT_ENV_FILE": str(own)})


def test_the_staff_cli_still_reads_its_env_file_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot.settings import load_settings

    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o770)
    (data / ".env").write_text("SOCIALBOT_USER=Pat\n")
    (data / ".env").chmod(0o600)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(data))
    monkeypatch.delenv("SOCIALBOT_ENV_FILE", raising=False)
    monkeypatch.delenv("SOCIALBOT_USER", raising=False)
    assert load_settings().user == "Pat"


# -- API hosts ------------------------------------------------------------------------------


@pytest.mark.parametrize(("setting", "url", "allowed"), [
    ("LINKEDIN_API_BASE", "https://api.linkedin.com", True),
    ("X_API_BASE", "https://api.twitter.com", True),
    ("X_API_BASE", "https://api.x.com", True),
    ("FACEBOOK_AUTH_BASE", "https://www.facebook.com", True),
    ("LINKEDIN_API_BASE", "https://api.linkedin.com.evil.example", False),
    ("LINKEDIN_API_BASE", "http://127.0.0.1:28702/linkedin", False),
    ("FACEBOOK_API_BASE", "https://graph.example.net", False),
    ("LINKEDIN_AUTH_BASE", "http://api.linkedin.com", False),
])
def test_only_the_platforms_own_https_hosts_without_the_sandbox_flag(
        setting: str, url: str, allowed: bool) -> None:
    from adapters.base import base_problem

    assert (base_problem({}, setting, url) is None) is allowed
    if not url.startswith("http://api.linkedin"):  # plain http off this machine: never
        assert base_problem({"SOCIALBOT_SANDBOX": "1"}, setting, url) is None


def test_an_adapter_pointed_elsewhere_is_held_unless_the_sandbox_flag_is_set() -> None:
    linkedin = {"LINKEDIN_API_BASE": "http://127.0.0.1:28702/linkedin",
                "LINKEDIN_ACCESS_TOKEN": "AQVtokenForTheTest", "LINKEDIN_ORG_ID": "1"}
    with pytest.raises(NeedsAction, match="SOCIALBOT_SANDBOX=1") as held:
        LinkedInAdapter.from_env(linkedin)
    assert held.value.kind == "config" and "AQVtokenForTheTest" not in str(held.value)
    LinkedInAdapter.from_env({**linkedin, "SOCIALBOT_SANDBOX": "1"})
    x = {"X_API_BASE": "https://x.example.net", "X_CONSUMER_KEY": "ck1234",
         "X_CONSUMER_SECRET": "cs1234", "X_ACCESS_TOKEN": "at1234",
         "X_ACCESS_TOKEN_SECRET": "as1234"}
    with pytest.raises(NeedsAction, match="https://api.x.com"):
        XAdapter.from_env(x)


def test_connect_and_check_refuse_a_foreign_auth_host() -> None:
    from social_bot.accounts import connect as flows
    from social_bot.accounts.inspect import insecure

    env = {"LINKEDIN_AUTH_BASE": "https://auth.example.net"}
    with pytest.raises(UserError, match="LINKEDIN_AUTH_BASE must be https://www.linkedin.com"):
        flows._base(env, "LINKEDIN_AUTH_BASE", flows.LINKEDIN_AUTH_BASE)
    assert insecure("linkedin", env)
    assert not insecure("linkedin", {**env, "SOCIALBOT_SANDBOX": "1"})
    assert not insecure("linkedin", {})


def test_the_sandbox_settings_carry_the_flag() -> None:
    from social_bot.sandbox import sandbox_env
    from social_bot.sandbox.oauth import oauth_env

    assert sandbox_env("http://127.0.0.1:8700")["SOCIALBOT_SANDBOX"] == "1"
    assert oauth_env("http://127.0.0.1:8700")["SOCIALBOT_SANDBOX"] == "1"


def test_the_staff_cli_takes_no_credential_route_from_a_file_others_can_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot.settings import load_settings

    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o770)
    (data / ".env").write_text("SOCIALBOT_USER=Pat\nSOCIALBOT_SANDBOX=1\n"
                               "LINKEDIN_AUTH_BASE=https://auth.example.net\n")
    (data / ".env").chmod(0o600)
    for name in ("SOCIALBOT_ENV_FILE", "SOCIALBOT_USER", "SOCIALBOT_SANDBOX",
                 "LINKEDIN_AUTH_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(data))
    env = load_settings().env
    assert env["SOCIALBOT_USER"] == "Pat"
    assert "SOCIALBOT_SANDBOX" not in env and "LINKEDIN_AUTH_BASE" not in env
    data.chmod(0o700)  # the person's own file in their own folder: read whole
    assert load_settings().env["LINKEDIN_AUTH_BASE"] == "https://auth.example.net"


def test_a_root_owned_file_shared_with_the_daemons_own_group_alone_is_private(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/daemon.md's /etc/socialbot/daemon.env, root:socialbot 0640."""
    import grp
    import pwd
    from types import SimpleNamespace

    from social_bot import settings

    me = SimpleNamespace(pw_name="socialbot", pw_gid=4300)
    monkeypatch.setattr(os, "getegid", lambda: 4300)
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: me)
    monkeypatch.setattr(pwd, "getpwall", lambda: [me, SimpleNamespace(pw_name="pat",
                                                                      pw_gid=100)])
    monkeypatch.setattr(grp, "getgrgid", lambda gid: SimpleNamespace(gr_mem=[]))
    shared = SimpleNamespace(st_uid=0, st_gid=4300)
    assert settings._own_group_alone(shared)
    monkeypatch.setattr(grp, "getgrgid", lambda gid: SimpleNamespace(gr_mem=["pat"]))
    assert not settings._own_group_alone(shared)  # a staff login in the group reads it
    monkeypatch.setattr(grp, "getgrgid", lambda gid: SimpleNamespace(gr_mem=[]))
    assert not settings._own_group_alone(SimpleNamespace(st_uid=1000, st_gid=4300))
    assert not settings._own_group_alone(SimpleNamespace(st_uid=0, st_gid=100))
