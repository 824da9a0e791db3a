"""Session 51, settings and daemon hardening (docs/history/security.md, "Session 51: settings").

A4 (session 50's third review): the daemon's settings-file check looked at the file's own
folder only, so a folder further up that others may write, or a symlinked folder planted in
a shared sticky folder (/tmp), swapped the whole folder under a file that passed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from social_bot.errors import UserError
from social_bot.filesafety import folder_problem
from social_bot.settings import daemon_environment

OTHER_UID = 4242  # a staff login that is not this process's
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another uid "
                                                          "needs root")


def settings_file(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    own = folder / "daemon.env"
    own.write_text("SOCIALBOT_USER=daemon\n")
    own.chmod(0o600)
    return own


def read(path: Path) -> dict[str, str]:
    return daemon_environment({"SOCIALBOT_ENV_FILE": str(path)})


def test_a_private_folder_inside_one_others_may_write_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    own = settings_file(shared / "etc")
    shared.chmod(0o777)  # not sticky: anyone may rename etc/ away and put theirs there
    with pytest.raises(UserError, match=f"is in {shared}, where other users may put"):
        read(own)
    shared.chmod(0o775)  # the group may, too
    with pytest.raises(UserError, match="where other users may put"):
        read(own)
    shared.chmod(0o755)
    assert read(own)["SOCIALBOT_USER"] == "daemon"


def test_a_missing_file_under_a_folder_others_may_write_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "etc").mkdir(parents=True, mode=0o700)
    shared.chmod(0o777)
    with pytest.raises(UserError, match="does not exist, and in"):
        read(shared / "etc" / "absent.env")


@needs_root
def test_a_folder_higher_up_another_login_owns_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    own = settings_file(theirs / "a" / "etc")
    theirs.chmod(0o755)
    os.chown(theirs, OTHER_UID, OTHER_UID)
    with pytest.raises(UserError, match=f"is in {theirs}, which belongs to uid {OTHER_UID}"):
        read(own)


@needs_root
def test_a_symlinked_folder_in_a_sticky_folder_is_refused_unless_it_is_ours(
        tmp_path: Path) -> None:
    """/tmp's sticky bit keeps others from renaming our entries, not from planting theirs:
    a link planted there by another login can be pointed elsewhere at any time."""
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)
    real = tmp_path / "real"
    settings_file(real)
    real.chmod(0o755)
    link = sticky / "conf"
    link.symlink_to(real)
    os.lchown(link, OTHER_UID, OTHER_UID)
    with pytest.raises(UserError, match=f"reached through {link}, which belongs to uid"):
        read(link / "daemon.env")
    os.lchown(link, os.geteuid(), os.getegid())  # our own link there: nobody can re-point it
    assert read(link / "daemon.env")["SOCIALBOT_USER"] == "daemon"


def test_a_symlinked_folder_is_checked_where_it_points(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    real = settings_file(shared / "etc").parent
    shared.chmod(0o777)
    safe = tmp_path / "safe"
    safe.mkdir(mode=0o755)
    (safe / "conf").symlink_to(real)
    with pytest.raises(UserError, match=f"is in {shared}, where other users may put"):
        read(safe / "conf" / "daemon.env")
    (safe / "rel").symlink_to(Path("..") / "shared" / "etc")
    with pytest.raises(UserError, match=f"is in {shared}, where other users may put"):
        read(safe / "rel" / "daemon.env")


def test_the_pytest_folder_and_slash_tmp_itself_pass(tmp_path: Path) -> None:
    """/tmp is sticky and world-writable; a folder in it that is ours is fine."""
    assert folder_problem(settings_file(tmp_path / "etc")) is None


def test_a_loop_of_links_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        folder_problem(tmp_path / "a" / "daemon.env")


# -- `socialbot init` keeps a shared data directory's group (session 50, left open) --------


def test_init_and_connect_keep_a_shared_data_directorys_group(tmp_path: Path) -> None:
    """The documented unit runs `socialbot init` before every start; it set the staff's
    shared data directory back to 0700 each time (and `connect` did when it saved)."""
    import stat

    from test_session50_envfile import daemon_env, init

    from social_bot.accounts.store import Credential, CredentialStore

    env = daemon_env(tmp_path)
    data = init(env)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700  # a new one is private
    data.chmod(0o2770)  # shared with the staff group, new files in it keep that group
    init(env)
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
    CredentialStore(data).save(Credential(platform="x", values={"X_ACCESS_TOKEN": "t0k"}))
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770


def test_connect_saving_a_credential_keeps_a_shared_data_directorys_group(
        tmp_path: Path) -> None:
    import stat

    from social_bot.accounts.store import Credential, CredentialStore

    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o2770)
    CredentialStore(data).save(Credential(platform="x", values={"X_ACCESS_TOKEN": "t0k"}))
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
    new = tmp_path / "new"
    CredentialStore(new).save(Credential(platform="x", values={"X_ACCESS_TOKEN": "t0k"}))
    assert stat.S_IMODE(new.stat().st_mode) == 0o700


def test_init_closes_a_data_directory_to_other_users_and_says_so_once(tmp_path: Path) -> None:
    import stat
    import subprocess
    import sys

    from test_session50_envfile import daemon_env, init

    env = daemon_env(tmp_path)
    data = init(env)
    data.chmod(0o2775)
    done = subprocess.run([sys.executable, "-m", "social_bot", "init"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert stat.S_IMODE(data.stat().st_mode) == 0o2770
    assert done.stderr.count("was open to all users (mode 2775); now 2770") == 1
    again = subprocess.run([sys.executable, "-m", "social_bot", "init"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "open to all users" not in again.stderr


# -- `connect`'s callback listener: connections at once are capped -------------------------


def test_the_callback_listener_closes_connections_past_its_cap_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing capped the listener's connections (a thread, a timer and a descriptor each,
    up to 5 s, renewed at will). Past the cap a connection is closed unread, no thread is
    started for it, and once the holders go the browser's redirect is answered."""
    import socket
    import threading
    from urllib.parse import urlsplit

    import requests

    from social_bot.accounts import loopback

    monkeypatch.setattr(loopback, "MAX_CONNECTIONS", 4, raising=False)  # new here
    monkeypatch.setattr(loopback, "REQUEST_SECONDS", 30.0)  # the holders are not cut here
    with loopback.LoopbackReceiver(0, "s") as receiver:
        port = int(urlsplit(receiver.redirect_uri).port or 0)
        before = threading.active_count()
        held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(4)]
        try:
            extra = [socket.create_connection(("127.0.0.1", port), timeout=5)
                     for _ in range(12)]
            for conn in extra:  # each is closed by the listener, well before 30 s
                with contextlib.suppress(ConnectionResetError):
                    assert conn.recv(1) == b""
                conn.close()
            # a thread and a deadline timer for each held connection, none for the rest
            assert threading.active_count() <= before + 2 * 4
        finally:
            for conn in held:
                conn.close()
        url = f"{receiver.redirect_uri}?code=c&state=s"
        for _ in range(50):  # the held slots come free as their threads see the close
            try:
                answer = requests.get(url, timeout=5)
                break
            except requests.ConnectionError:
                threading.Event().wait(0.1)
        assert answer.status_code == 200
        assert receiver.wait(1).endswith("code=c&state=s")


# -- the chat endpoint: slow connections cannot keep the approvers' requests out -----------

BOUND = 10.0  # seconds a socket may wait before the test calls it a hang


@pytest.fixture(name="small_server")
def small_server_fixture(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The daemon's HTTP server with a cap of 3, in front of /ping (answers at once) and
    /slow (answers when the test says)."""
    import threading

    import anyio
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from social_bot.web import server as web_server

    release = threading.Event()
    entered: list[int] = []  # requests /slow is answering

    async def ping(request):  # noqa: ANN001, ANN202
        return PlainTextResponse("ok")

    async def slow(request):  # noqa: ANN001, ANN202
        await request.body()
        entered.append(1)
        await anyio.to_thread.run_sync(release.wait, BOUND)
        return PlainTextResponse("late")

    monkeypatch.setattr(web_server, "HEAD_TIMEOUT", BOUND)  # the holders are not cut here
    monkeypatch.setattr(web_server, "MAX_CONNECTIONS", 3)
    app = Starlette(routes=[Route("/ping", ping, methods=["POST"]),
                            Route("/slow", slow, methods=["POST"])])
    handle = web_server.serve_in_thread(app)
    handle.release, handle.entered = release, entered
    yield handle
    release.set()
    handle.stop()


def _open(handle, first: bytes = b""):  # noqa: ANN001, ANN202
    import socket

    conn = socket.create_connection((handle.host, handle.port), timeout=BOUND)
    if first:
        conn.sendall(first)
    return conn


def _until_closed(conn) -> bytes:  # noqa: ANN001
    answer = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


POST = b"POST /%s HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab"


def test_slow_connections_at_the_cap_make_room_for_a_new_request(small_server) -> None:
    """Session 44 refused the newest connection past the cap: a client holding them all
    (each renewed within the 10 s head deadline) kept every Slack request out."""
    held = [_open(small_server) for _ in range(3)]  # never send a head
    held[1].sendall(b"POST /ping HTTP/1.1\r\nHost: x\r\n")  # a head still arriving
    try:
        with _open(small_server, POST % b"ping") as slack:
            assert _until_closed(slack).startswith(b"HTTP/1.1 200")
        # the oldest of them was answered 503 and closed to make room
        assert _until_closed(held[0]).startswith(b"HTTP/1.1 503")
        held.append(_open(small_server))  # the holder takes its place again
        with _open(small_server, POST % b"ping") as again:  # the next oldest makes room
            assert _until_closed(again).endswith(b"ok")
        assert _until_closed(held[1]).startswith(b"HTTP/1.1 503")
    finally:
        for conn in held:
            conn.close()


def test_connections_being_answered_are_not_closed_to_make_room(small_server) -> None:
    busy = [_open(small_server, POST % b"slow") for _ in range(3)]  # whole requests in
    try:
        for _ in range(100):  # until the three are being answered (their bodies read)
            if len(small_server.entered) == 3:
                break
            threading_wait(0.05)
        with _open(small_server) as extra:  # before: refused too; now the only choice
            answer = _until_closed(extra)
        assert answer.startswith(b"HTTP/1.1 503")
        small_server.release.set()
        for conn in busy:
            assert _until_closed(conn).endswith(b"late")
    finally:
        for conn in busy:
            conn.close()


def threading_wait(seconds: float) -> None:
    import threading

    threading.Event().wait(seconds)


# -- a staff command refuses a settings file another login owns or can write ---------------


def _cli(env: dict[str, str], *args: str):  # noqa: ANN202
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@needs_root
def test_a_staff_command_refuses_a_colleagues_env_file(tmp_path: Path) -> None:
    """A colleague's `.env` in the shared data directory chose a staff command's database,
    audit key and tokens, with a warning only (session 50, left open)."""
    from test_session50_envfile import daemon_env, init

    env = daemon_env(tmp_path)
    data = init(env)
    planted = data / ".env"
    planted.write_text(f"DATABASE_URL=sqlite:///{tmp_path / 'theirs.db'}\n")
    planted.chmod(0o600)
    os.chown(planted, OTHER_UID, OTHER_UID)
    done = _cli(env, "audit", "verify")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: refusing to read settings file {planted}: it belongs "
                               f"to uid {OTHER_UID}")
    assert not (tmp_path / "theirs.db").exists()
    os.chown(planted, 0, 0)  # root's file: read (root can change anything anyway)
    planted.write_text("SOCIALBOT_TIMEZONE=UTC\n")
    assert _cli(env, "audit", "verify").returncode == 0


def test_a_staff_command_still_reads_its_own_file_in_a_shared_folder(tmp_path: Path) -> None:
    from test_session50_envfile import daemon_env, init

    env = daemon_env(tmp_path)
    data = init(env)
    data.chmod(0o2770)
    (data / ".env").write_text("SOCIALBOT_TIMEZONE=UTC\n")
    (data / ".env").chmod(0o600)
    done = _cli(env, "audit", "verify")
    assert done.returncode == 0, done.stderr
    assert "where other users may put another file in its place" in done.stderr
