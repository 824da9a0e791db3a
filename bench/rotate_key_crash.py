"""Kill -9 `socialbot audit rotate-key` at each of its steps, and rotate while another
process appends: does `audit verify` still pass, can the practice keep writing, is a key
lost? (An outside review, session 46: docs/security.md.)

    python bench/rotate_key_crash.py                      # SQLite
    python bench/rotate_key_crash.py --database-url postgresql+psycopg://postgres@127.0.0.1/x
    PYTHONPATH=/work/main python bench/rotate_key_crash.py  # the same trials on other code

Each step gets a fresh database (`socialbot init`, key in audit.key, one post), then
rotate-key runs in a child that sends itself SIGKILL at that step (patched from outside the
product: no hook in the code). Then, as a user would: `audit verify`, `post create`, then
`audit rotate-key` again and `audit verify`. The concurrent trial runs a writer process
appending records while rotate-key runs --rotations times, then verifies. Every child has
a timeout; nothing listens on a port. It prints a table, not a verdict: each row says what
a user sees.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TIMEOUT = 120

# Where the child kills itself. Each is a patch applied before the CLI runs.
_KILL = """
import os, signal, sys
import social_bot.audit_key as ak
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
step = sys.argv[1]
if step == "record-flushed":          # the record written, not committed; files untouched
    ak.swap_key_files = die
elif step == "retired-copy-written":  # audit.key.<old>.retired written, audit.key not yet
    real = ak._write_private if hasattr(ak, "_write_private") else None
    if real is None:                  # older code: rename away, then create
        real_create = ak.create_key_file
        ak.create_key_file = die
    else:
        def write(data_dir, name, text, real=real):
            if name == ak.KEY_FILE:
                die()
            real(data_dir, name, text)
        ak._write_private = write
elif step == "files-swapped":         # both files written, the record not committed
    if hasattr(ak, "swap_key_files"):
        real_swap = ak.swap_key_files
        def swap(*a):
            real_swap(*a)
            die()
        ak.swap_key_files = swap
    else:
        real_rotate = ak.rotate_key_file
        def rotate(*a):
            real_rotate(*a)
            die()
        ak.rotate_key_file = rotate
elif step == "committed":             # everything done but the closing message
    import click
    real_echo = click.echo
    def echo(message=None, *a, **k):
        if message and str(message).startswith("audit key rotated"):
            die()
        real_echo(message, *a, **k)
    click.echo = echo
from social_bot.cli import main
main(["audit", "rotate-key"])
"""

_WRITER = """
import sys, time
from social_bot import audit
from social_bot.cli.common import open_app
from social_bot.errors import UserError
app = open_app()
ok = refused = 0
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    try:
        with app.db.write() as session:
            audit.append(session, actor="bench writer", action="bench.note", detail={"n": ok})
        ok += 1
    except UserError:
        refused += 1
print(ok, refused)
"""

STEPS = ("record-flushed", "retired-copy-written", "files-swapped", "committed")


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(env, "-m", "social_bot", *args)


def first_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = (done.stderr or done.stdout).strip().splitlines()
    return f"exit {done.returncode}" + (f": {lines[-1][:110]}" if lines else "")


def fresh(base: dict[str, str], root: Path, name: str, pg: str | None) -> dict[str, str]:
    env = dict(base)
    env["SOCIALBOT_DATA_DIR"] = str(root / name / "data")
    if pg:
        admin = make_url(pg)
        engine = create_engine(admin.set(database="postgres"), isolation_level="AUTOCOMMIT")
        db = f"{admin.database}_{name}".replace("-", "_")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}"'))
            conn.execute(text(f'CREATE DATABASE "{db}"'))
        engine.dispose()
        env["DATABASE_URL"] = admin.set(database=db).render_as_string(hide_password=False)
    else:
        env["DATABASE_URL"] = f"sqlite:///{root / name / 'socialbot.db'}"
    (root / name).mkdir(parents=True, exist_ok=True)
    for args in (("init",), ("post", "create", "--text", "Flu shots on Saturday.",
                             "--platform", "x")):
        done = cli(env, *args)
        if done.returncode != 0:
            raise SystemExit(f"setup failed: {first_line(done)}")
    return env


def crash_trial(env: dict[str, str], step: str) -> dict[str, str]:
    row = {"step": step}
    killed = run(env, "-c", _KILL, step)
    row["killed"] = "SIGKILL" if killed.returncode == -9 else first_line(killed)
    row["verify"] = first_line(cli(env, "audit", "verify"))
    row["write"] = first_line(cli(env, "post", "create", "--text", "Clinic closed Monday.",
                                  "--platform", "x"))
    row["rotate again"] = first_line(cli(env, "audit", "rotate-key"))
    row["verify after"] = first_line(cli(env, "audit", "verify"))
    return row


def concurrent_trial(env: dict[str, str], rotations: int, seconds: float) -> dict[str, str]:
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(seconds)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(min(1.0, seconds / 4))
    rotated = [cli(env, "audit", "rotate-key").returncode for _ in range(rotations)]
    out, err = writer.communicate(timeout=TIMEOUT)
    ok, refused = (out.split() + ["?", "?"])[:2] if writer.returncode == 0 else ("?", "?")
    return {"step": f"{rotations} rotations while a writer appends",
            "rotate exits": ",".join(map(str, rotated)),
            "writer": f"{ok} appended, {refused} refused"
                      + ("" if writer.returncode == 0 else f" (crashed: {err[-120:]!r})"),
            "verify after": first_line(cli(env, "audit", "verify"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL URL; a database named after it "
                        "plus a suffix is made per trial (default: SQLite files)")
    parser.add_argument("--rotations", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0,
                        help="how long the concurrent writer appends")
    args = parser.parse_args()
    if not 1 <= args.rotations <= 20 or not 1 <= args.seconds <= 60:
        parser.error("--rotations 1..20, --seconds 1..60")
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    base.update({"SOCIALBOT_POLICY": str(Path(__file__).resolve().parents[1] / "social_bot"
                                         / "policy.example.toml"),
                 "SOCIALBOT_USER": "Pat Author"})
    with tempfile.TemporaryDirectory(prefix="rotate-crash-") as tmp:
        root = Path(tmp)
        for step in STEPS:
            row = crash_trial(fresh(base, root, step, args.database_url), step)
            print("\n".join(f"{k:>13}: {v}" for k, v in row.items()), end="\n\n", flush=True)
        row = concurrent_trial(fresh(base, root, "concurrent", args.database_url),
                               args.rotations, args.seconds)
        print("\n".join(f"{k:>13}: {v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
