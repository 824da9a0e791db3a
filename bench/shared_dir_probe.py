"""Session 52, finding 4, with two real OS accounts: the documented shared-SQLite data
directory (`DAEMON:GROUP 2770`), run as root:

    PYTHONPATH=. python bench/shared_dir_probe.py DAEMON_USER STAFF_USER GROUP

Both users must be in GROUP. Everything socialbot needs is imported here first, then each
step runs in a child process under that user (its uid, its primary group, GROUP; umask 077
as the CLI and daemon set it), because the interpreter and its packages may sit in a home
other users cannot read. Steps: the daemon's account runs `init_storage` (what `socialbot
init` does before every daemon start); the staff login stores a photo as `post create
--media` does (media.clean_image) and writes the database; the daemon's account reads the
image as the publisher does (publish_gate.verified_media) and writes the database; `init`
again (a restart); the staff login writes the database. Then (s52-locks) a comment decision
by each account on SQLite's lock folder beside the database: root publishes a post to a
fake Facebook (tests/test_daemon_helpers.py's) with two abusive comments waiting for the
policy's hide; the staff login hides one as `comments resolve` does, the daemon's account
hides the other as the monitor's policy hide does. Prints each step and the modes.
"""

from __future__ import annotations

import grp
import logging
import os
import pwd
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from social_bot import vote_seal
from social_bot.app import App
from social_bot.comments import resolve_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.engine import Database
from social_bot.db.models import Comment
from social_bot.media import clean_image
from social_bot.posts import show_post
from social_bot.publish_gate import verified_media
from social_bot.settings import load_settings
from social_bot.storage import init_storage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_daemon_helpers import FakePlatforms, approved_post  # noqa: E402 - the fake platform

KEY = "probe-audit-key-" + "0123456789abcdef" * 2
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)
POLICY = """[approval]
required = 2
approvers = [
  { name = "Dana Whitfield", slack_id = "U01DANA", os_user = "dana" },
  { name = "Luis Ortega", slack_id = "U02LUIS", os_user = "luis" },
]

[moderation]
auto_hide = ["phi", "abuse"]
monitor_days = 14
"""
ABUSE = "Go to hell you morons"


def comments_waiting(env: dict[str, str]) -> tuple[App, FakePlatforms, list[int]]:
    """A post on a fake Facebook with two abusive comments waiting for the policy's hide
    (the hide held back), in the database ``env`` names: (app, platforms, comment ids)."""
    app = App(load_settings(env, dotenv=False), validator=lambda platform, text, media: [],
              screener=lambda texts, context="post": [[] for _ in texts])
    platforms = FakePlatforms(["facebook"])
    post_id = approved_post(app, "Open house on Friday", ["facebook"])
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    for who in ("troll", "troll2"):
        platforms["facebook"].add_comment(remote, ABUSE, who)
    monitor = Monitor(app, platforms, "w1", CONFIG)
    monitor.hide = lambda *args, **kwargs: False  # type: ignore[method-assign]
    monitor.run_platform("facebook")
    with app.db.read() as session:
        ids = list(session.scalars(select(Comment.id).where(Comment.text == ABUSE)
                                   .order_by(Comment.id)))
    app.db.dispose()  # each child opens its own connections
    return app, platforms, ids


def staff_hides(app: App, platforms: FakePlatforms, comment_id: int) -> str:
    resolve_comment(app, "Dana Whitfield", comment_id, "hide", adapters=platforms)
    return f"comment {comment_id} hidden"


def policy_hides(app: App, platforms: FakePlatforms, comment_id: int) -> str:
    with app.db.read() as session:
        remote_id = session.get(Comment, comment_id).remote_id
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(str(getattr(record, "error", "")))  # type: ignore[method-assign]
    logging.getLogger("socialbot").addHandler(handler)
    if not Monitor(app, platforms, "w1", CONFIG).hide("facebook", comment_id, remote_id):
        raise RuntimeError(f"comment.hide_failed: {' '.join(said)}")
    return f"comment {comment_id} hidden by the policy"


def as_user(name: str, group: int, job: Callable[[], object]) -> tuple[bool, str]:
    user = pwd.getpwnam(name)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        ok = False
        try:
            os.setgroups(sorted({user.pw_gid, group}))
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.umask(0o077)
            said = job()
            os.write(write, str(said or "").encode())
            ok = True
        except BaseException as exc:  # noqa: BLE001 - told to the parent
            os.write(write, f"{type(exc).__name__}: {exc}".encode()[:500])
        finally:
            os._exit(0 if ok else 1)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0, said


def main() -> None:
    if len(sys.argv) != 4 or os.geteuid() != 0:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    daemon, staff, group_name = sys.argv[1:]
    group = grp.getgrnam(group_name).gr_gid
    base = Path(tempfile.mkdtemp(prefix="socialbot-shared-probe-"))
    try:
        base.chmod(0o755)
        data = base / "data"
        data.mkdir()
        os.chown(data, pwd.getpwnam(daemon).pw_uid, group)
        data.chmod(0o2770)
        photo = base / "photo.png"
        Image.new("RGB", (320, 200), (40, 140, 200)).save(photo)
        photo.chmod(0o644)
        settings = load_settings({"SOCIALBOT_DATA_DIR": str(data), "SOCIALBOT_AUDIT_KEY": KEY,
                                  "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
        (base / "policy.toml").write_text(POLICY, encoding="utf-8")
        (base / "policy.toml").chmod(0o644)
        vote_seal.create_key(base / "vote.key")  # the chat door's, for the two approvals

        def app_env(folder: Path) -> dict[str, str]:
            return {"SOCIALBOT_DATA_DIR": str(folder), "SOCIALBOT_AUDIT_KEY": KEY,
                    "SOCIALBOT_TIMEZONE": "UTC", "SOCIALBOT_POLICY": str(base / "policy.toml"),
                    "SOCIALBOT_VOTE_KEY_FILE": str(base / "vote.key")}

        warm = base / "warm"  # every import the children need, done here as root
        clean_image(str(photo), warm / "media")
        init_storage(load_settings({"SOCIALBOT_DATA_DIR": str(warm),
                                    "SOCIALBOT_AUDIT_KEY": KEY}, dotenv=False)).db.dispose()
        app, platforms, ids = comments_waiting(app_env(warm))
        staff_hides(app, platforms, ids[0])
        policy_hides(app, platforms, ids[1])
        app.db.dispose()
        shutil.rmtree(warm)
        stored = clean_image(str(photo), base / "dry")  # where the staff step will store it
        shutil.rmtree(base / "dry")
        url = f"sqlite:///{data / 'socialbot.db'}"

        def write() -> str:
            db = Database(url)
            with db.engine.begin() as conn:
                conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (who TEXT)")
                conn.exec_driver_sql("INSERT INTO probe VALUES (?)", (str(os.getuid()),))
            db.dispose()
            return "database written"

        def store() -> str:
            image = clean_image(str(photo), data / "media")
            write()
            return f"stored {image.path.name}, database written"

        def publish_read() -> str:
            path = data / "media" / stored.path.name
            with verified_media([path], [stored.sha256]) as copies:
                count = len(copies)
            write()
            return f"{count} image read and re-hashed, database written"

        def init() -> str:
            init_storage(settings).db.dispose()
            return "init done"

        steps = [(daemon, "init (a daemon start)", init),
                 (staff, "post create --media: store the photo, write", store),
                 (daemon, "the publisher reads the photo, writes", publish_read),
                 (daemon, "init again (a restart)", init),
                 (staff, "a staff command writes", write)]
        failed = 0
        for user, what, job in steps:
            ok, said = as_user(user, group, job)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {user:>8}: {what}: {said}")
        app, platforms, ids = comments_waiting(app_env(data))  # root, on the daemon's database
        print(f"     {'root':>8}: a post with comments {ids} waiting for the policy's hide")
        for user, what, job in [
                (staff, "comments resolve --action hide",
                 lambda: staff_hides(app, platforms, ids[0])),
                (daemon, "the monitor's policy hide",
                 lambda: policy_hides(app, platforms, ids[1]))]:
            ok, said = as_user(user, group, job)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {user:>8}: {what}: {said}")
        with app.db.read() as session:
            states = [(c.id, c.state, c.hidden_on_platform) for c in session.scalars(
                select(Comment).order_by(Comment.id))]
        app.db.dispose()
        print(f"     {'root':>8}: the comments now (id, state, hidden): {states}")
        locks = data / "socialbot.db.locks"
        for path in [data, *sorted(data.glob("socialbot.db")), *sorted(data.glob("socialbot.db-*")),
                     locks, *sorted(locks.glob("*")), data / "media",
                     *sorted((data / "media").glob("*"))]:
            if path.exists():
                st = path.stat()
                print(f"  {stat.filemode(st.st_mode)} {pwd.getpwuid(st.st_uid).pw_name}:"
                      f"{grp.getgrgid(st.st_gid).gr_name} {path.relative_to(base)}")
        sys.exit(1 if failed else 0)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
