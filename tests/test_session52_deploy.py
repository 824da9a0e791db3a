"""Session 52's attack review (approval and publishing), findings 2, 3, 3b and 8: in the
multi-account deployment docs/daemon.md describes, a staff login swapped the daemon's policy
file in the shared data directory, squatted the chat door's TCP port, or ran a daemon of its
own with a vote key of its own. Now the daemon refuses a policy another login could change,
can serve its door on a Unix socket in a folder only its account writes, and refuses to start
while the trail holds seals by another vote key. Own texts and synthetic names only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from conftest import POLICY_TOML
from test_daemon_helpers import DANA
from test_policy_reload import live_app  # noqa: F401 - a fixture
from test_session50_envfile import daemon_env, init
from test_web_support import chat_app_fixture, command_body, new_post, slack_headers

from social_bot import policy_watch, vote_seal
from social_bot.approvals import approve
from social_bot.errors import UserError
from social_bot.settings import load_policy, load_settings

assert chat_app_fixture  # the `chat_app` fixture, used below
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another uid needs root")
STAFF_UID = 4242  # the attack review's staff login


def _daemon_once(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", "daemon", "--once", "--no-http"],
                          env=env, capture_output=True, text=True, timeout=240)


def _one_line(done: subprocess.CompletedProcess[str], *wanted: str) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-2000:]
    assert len(lines) == 1, lines
    for part in wanted:
        assert part in lines[0], lines[0]
    return lines[0]


# --- finding 2: the daemon's policy ------------------------------------------------------

def _settings(policy: Path, tmp_path: Path):  # noqa: ANN202
    return load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                          "SOCIALBOT_POLICY": str(policy)}, dotenv=False)


@ROOT_ONLY
def test_the_daemon_refuses_at_start_a_policy_another_login_owns(tmp_path: Path) -> None:
    env = daemon_env(tmp_path)
    data = init(env)
    swapped = data / "policy.toml"  # the policy by default, in the data directory
    swapped.write_text(POLICY_TOML)
    swapped.chmod(0o644)
    os.chown(swapped, STAFF_UID, STAFF_UID)
    env.pop("SOCIALBOT_POLICY")
    _one_line(_daemon_once(env), "error: refusing policy file", f"belongs to uid {STAFF_UID}",
              "/etc/socialbot/policy.toml")


def test_the_daemon_refuses_its_own_policy_in_a_folder_staff_may_write(tmp_path: Path) -> None:
    shared = tmp_path / "data"
    shared.mkdir()
    shared.chmod(0o2770)  # docs/daemon.md's data directory staff share
    policy = shared / "policy.toml"
    policy.write_text(POLICY_TOML)
    policy.chmod(0o600)
    with pytest.raises(UserError, match="refusing policy file .* where other users may put"):
        load_policy(_settings(policy, tmp_path), daemon=True)
    policy.chmod(0o664)
    with pytest.raises(UserError, match="is writable by other users"):
        load_policy(_settings(policy, tmp_path), daemon=True)
    # a staff command reading the same file still only warns
    assert load_policy(_settings(policy, tmp_path)).approval.required == 2


def test_a_single_login_policy_in_a_private_folder_still_loads(tmp_path: Path) -> None:
    private = tmp_path / "data"
    private.mkdir(mode=0o700)
    policy = private / "policy.toml"
    policy.write_text(POLICY_TOML)
    policy.chmod(0o600)
    assert load_policy(_settings(policy, tmp_path), daemon=True).approval.required == 2


def test_a_policy_made_replaceable_while_the_daemon_runs_is_refused_and_said_in_chat(
        live_app, policy_file, monkeypatch) -> None:  # noqa: ANN001, F811
    from test_polish2_session51 import _kinds

    from social_bot.daemon.runner import Daemon

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    live_app.policy_daemon = True
    good = live_app.policy
    runner = SimpleNamespace(app=live_app, _policy_refused=False)
    Daemon._policy_notice(runner)
    assert _kinds(live_app) == []
    policy_file.chmod(0o664)  # another login of the group may now rewrite it
    with pytest.raises(UserError, match="refusing policy file"):
        live_app.policy  # noqa: B018 - votes and publishing wait
    assert live_app.policy_or_last_good is good  # the last good one still guards comments
    Daemon._policy_notice(runner)
    assert _kinds(live_app) == ["policy.refused"]
    policy_file.chmod(0o644)
    assert live_app.policy.approval.required == 2
    Daemon._policy_notice(runner)
    assert _kinds(live_app) == ["policy.refused", "policy.restored"]


# --- findings 3 and 3b: the chat door on a Unix socket -----------------------------------

def _socket_app(chat_app, folder: Path):  # noqa: ANN001, ANN202
    chat_app.settings = replace(chat_app.settings, chat_socket=folder / "chat.sock")
    return chat_app


def test_the_daemon_serves_signed_slack_requests_on_its_unix_socket(
        chat_app, tmp_path: Path) -> None:  # noqa: ANN001
    from social_bot.daemon.runner import Daemon

    (tmp_path / "run").mkdir()
    app = _socket_app(chat_app, tmp_path / "run" / "socialbot")  # made at start, 0755
    post_id = new_post(app)
    runner = Daemon(app, worker_id="uds", serve_http=True, platforms=())
    runner._start_http()
    try:
        sock = tmp_path / "run" / "socialbot" / "chat.sock"
        assert runner.url == f"unix:{sock}"
        assert (tmp_path / "run" / "socialbot").stat().st_mode & 0o777 == 0o755
        transport = httpx.HTTPTransport(uds=str(sock))
        with httpx.Client(transport=transport, base_url="http://socialbot") as client:
            assert client.get("/healthz").json()["status"] == "ok"
            body = command_body(f"approve {post_id}", "U01DANA", "https://hooks.example/r")
            answer = client.post("/slack/commands", content=body, headers=slack_headers(body))
            assert answer.status_code == 200, answer.text
            assert "(1/2)" in answer.json()["text"]
            forged = client.post("/slack/commands", content=body,
                                 headers=slack_headers(body, secret="not-the-secret-000000"))
            assert forged.status_code == 401
    finally:
        runner._http.stop()


@pytest.mark.parametrize("mode", [0o770, 0o1777])
def test_a_chat_socket_in_a_folder_others_may_write_stops_the_start(
        chat_app, tmp_path: Path, mode: int) -> None:  # noqa: ANN001
    from social_bot.daemon.runner import Daemon

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)  # a group's folder, or one like /tmp
    app = _socket_app(chat_app, folder)
    with pytest.raises(UserError, match=r"chat socket .* which others may write"):
        Daemon(app, worker_id="uds", serve_http=True, platforms=())


@ROOT_ONLY
def test_a_chat_socket_folder_another_login_owns_stops_the_start(
        chat_app, tmp_path: Path) -> None:  # noqa: ANN001
    from social_bot.daemon.runner import Daemon

    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    os.chown(folder, STAFF_UID, STAFF_UID)
    app = _socket_app(chat_app, folder)
    with pytest.raises(UserError, match=f"belongs to uid {STAFF_UID}"):
        Daemon(app, worker_id="uds", serve_http=True, platforms=())


def test_check_warns_of_a_tcp_door_where_staff_have_logins(tmp_path: Path,
                                                            policy_file: Path) -> None:
    from social_bot.cli.accounts_cmd import _vote_key_exposure
    from social_bot.cli.common import os_login

    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_POLICY": str(policy_file),
           "SOCIALBOT_VOTE_KEY_FILE": str(tmp_path / "door" / "vote.key")}
    said = " ".join(_vote_key_exposure(load_settings(env, dotenv=False)))
    assert "listens on TCP 127.0.0.1:8787" in said and "dana, luis, mina" in said
    assert "SOCIALBOT_CHAT_SOCKET=/run/socialbot/chat.sock" in said
    on_socket = {**env, "SOCIALBOT_CHAT_SOCKET": str(tmp_path / "run" / "chat.sock")}
    assert "TCP" not in " ".join(_vote_key_exposure(load_settings(on_socket, dotenv=False)))
    # a policy whose only people are the daemon's own login (one-user setups): no warning
    alone = tmp_path / "alone.toml"
    alone.write_text(POLICY_TOML.replace('"dana"', f'"{os_login()}"')
                     .replace('os_user = "luis"', "").replace('os_user = "mina"', ""))
    mine = {**env, "SOCIALBOT_POLICY": str(alone)}
    assert "TCP" not in " ".join(_vote_key_exposure(load_settings(mine, dotenv=False)))


def test_the_documented_unit_and_proxy_use_the_socket_and_a_root_owned_policy() -> None:
    text = (Path(__file__).parent.parent / "docs" / "daemon.md").read_text(encoding="utf-8")
    unit = text[text.index("# /etc/systemd/system/socialbot.service"):]
    unit = unit[:unit.index("WantedBy=")]
    assert "Environment=SOCIALBOT_POLICY=/etc/socialbot/policy.toml" in unit
    assert "Environment=SOCIALBOT_CHAT_SOCKET=/run/socialbot/chat.sock" in unit
    assert "RuntimeDirectory=socialbot" in unit
    assert "proxy_pass http://unix:/run/socialbot/chat.sock;" in text
    assert not re.search(r"localhost:\d", text)  # a TCP upstream is 127.0.0.1, never localhost


# --- finding 8: a daemon of a staff login's own, with a vote key of its own ---------------

def _daemon_app(make_app, tmp_path: Path, key: str, **env: str):  # noqa: ANN001, ANN202
    """A daemon's App on the test database, its vote key at tmp_path/KEY/vote.key."""
    from conftest import TEST_KEYS, keyword_screener

    from social_bot.app import App
    from social_bot.db.engine import Database

    base = make_app()
    settings = load_settings({**base.settings.env, "SOCIALBOT_VOTE_KEY_FILE":
                              str(tmp_path / key / "vote.key"), **env}, dotenv=False)
    return App(settings, db=Database(base.db.url, audit_keys=TEST_KEYS), policy=base.policy,
               screener=keyword_screener, validator=lambda platform, text, media: [])


def _start(app) -> str:  # noqa: ANN001
    key = vote_seal.ensure_door_key(app.settings)
    vote_seal.check_door_key(app, key, actor="daemon:test", os_user="socialbot")
    return key.public.key_id


def test_a_daemon_with_another_vote_key_than_the_trails_seals_refuses_to_start(
        make_app, tmp_path: Path) -> None:  # noqa: ANN001
    door = _daemon_app(make_app, tmp_path, "door")
    first = _start(door)  # a first start on an empty trail needs nothing
    approve(door, DANA, new_post(door))  # the door seals Dana's vote
    assert _start(door) == first  # its own seals: starts again
    rival = _daemon_app(make_app, tmp_path, "pat-home")
    with pytest.raises(UserError) as refused:
        _start(rival)
    line = str(refused.value)
    theirs = vote_seal.load_key(tmp_path / "pat-home" / "vote.key").public.key_id
    assert line.startswith("refusing to start the daemon") and "\n" not in line
    assert first in line and theirs in line and f"SOCIALBOT_VOTE_KEY_ACCEPT={theirs}" in line


def test_a_deliberate_vote_key_rotation_is_accepted_once_and_recorded(
        make_app, tmp_path: Path) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    door = _daemon_app(make_app, tmp_path, "door")
    old = _start(door)
    approve(door, DANA, new_post(door))
    (tmp_path / "door" / "vote.key").rename(tmp_path / "old.key")  # the admin rotates it
    with pytest.raises(UserError, match=f"by vote key {old}"):
        _start(door)
    new = vote_seal.load_key(tmp_path / "door" / "vote.key").public.key_id
    wrong = _daemon_app(make_app, tmp_path, "door", SOCIALBOT_VOTE_KEY_ACCEPT=old)
    with pytest.raises(UserError, match="does not name this daemon's vote key"):
        _start(wrong)
    accepted = _daemon_app(make_app, tmp_path, "door", SOCIALBOT_VOTE_KEY_ACCEPT=new)
    assert _start(accepted) == new
    assert _start(door) == new  # later starts need the setting no more
    with door.db.read() as session:
        record = session.execute(select(AuditRecord.detail, AuditRecord.os_user).where(
            AuditRecord.action == "vote_key.accepted")).one()
    assert f'"key": "{new}"' in record.detail and old in record.detail
    assert record.os_user == "socialbot"
    # a daemon still on the old key (or a rival that accepted its own) is refused after it
    (tmp_path / "stale").mkdir()
    (tmp_path / "old.key").rename(tmp_path / "stale" / "vote.key")
    stale = _daemon_app(make_app, tmp_path, "stale")
    with pytest.raises(UserError, match=f"by vote key {new}"):
        _start(stale)


def test_the_daemon_command_refuses_in_one_line(cli_env: dict[str, str], make_app,
                                                tmp_path: Path) -> None:  # noqa: ANN001
    door = make_app()  # the door's key: tmp_path/data/vote.key, as the command finds it
    approve(door, DANA, new_post(door))
    env = {**cli_env, "SOCIALBOT_VOTE_KEY_FILE": str(tmp_path / "pat-home" / "vote.key")}
    _one_line(_daemon_once(env), "error: refusing to start the daemon",
              "not by this daemon's vote key", "SOCIALBOT_VOTE_KEY_ACCEPT=")


def test_a_rival_key_appearing_while_the_daemon_runs_is_said_in_chat_once(
        make_app, tmp_path: Path) -> None:  # noqa: ANN001
    from test_polish2_session51 import _kinds

    from social_bot import outbox
    from social_bot.daemon.runner import Daemon
    from social_bot.notify import render

    door = _daemon_app(make_app, tmp_path, "door")
    _start(door)
    approve(door, DANA, new_post(door))  # its own seal: nothing to say
    runner = Daemon(door, worker_id="door", serve_http=False, platforms=())
    runner._keys_read = 0  # the whole trail: its own seal is not another key's
    runner._rival_key_notice()
    assert "vote_key.rival" not in _kinds(door)
    # a staff login's daemon: refused, it accepts its own key (a trail record) and runs
    rival = _daemon_app(make_app, tmp_path, "pat-home", SOCIALBOT_VOTE_KEY_ACCEPT=vote_seal
                        .ensure_door_key(_daemon_app(make_app, tmp_path, "pat-home").settings)
                        .public.key_id)
    theirs = _start(rival)
    runner._rival_key_notice()
    runner._rival_key_notice()
    assert _kinds(door).count("vote_key.rival") == 1
    said = render(door, outbox.VoteKeyRival(keys=(theirs,), record=9))
    assert theirs in str(said) and "another daemon may be running" in str(said)
