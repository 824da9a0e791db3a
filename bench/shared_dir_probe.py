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
again (a restart); the staff login writes the database. Prints each step and the modes.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from social_bot.db.engine import Database
from social_bot.media import clean_image
from social_bot.publish_gate import verified_media
from social_bot.settings import load_settings
from social_bot.storage import init_storage

KEY = "probe-audit-key-" + "0123456789abcdef" * 2


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
        warm = base / "warm"  # every import the children need, done here as root
        clean_image(str(photo), warm / "media")
        init_storage(load_settings({"SOCIALBOT_DATA_DIR": str(warm),
                                    "SOCIALBOT_AUDIT_KEY": KEY}, dotenv=False)).db.dispose()
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
        for path in [data, *sorted(data.glob("socialbot.db*")), data / "media",
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
