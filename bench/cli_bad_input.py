"""Every `socialbot` command fed bad input, as a person's shell would feed it: one table row a
case (exit code, stderr's first line, traceback or not, posts and audit records before and
after) and a verdict against the promise: one `error:` line on stderr, exit 2, nothing
written. Exit 1 is a verdict ("blocked", "flagged") and must never come from a crash.

    PYTHONPATH=$PWD python bench/cli_bad_input.py [--only SUBSTRING] [--json OUT]

Bounded: each case runs as its own process with a 90 s limit; the cases are a fixed list
(about 90). Every process runs without CAP_DAC_OVERRIDE (setpriv), so a chmod 000 file is
unreadable even to root, as it is to staff. A 4 MB tmpfs is mounted for the "disk full"
case when this process may mount one (root), else that case is skipped. Nothing listens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 90
POLICY = textwrap.dedent("""
    [approval]
    required = 2
    approvers = [
      { name = "Ann Approver", slack_id = "U0ANN", mattermost_id = "ann", os_user = "ann" },
      { name = "Bo Approver",  slack_id = "U0BO",  mattermost_id = "bo",  os_user = "bo" },
    ]

    [moderation]
    auto_hide = ["phi", "abuse"]
    monitor_days = 14
    """)
DROP_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search"]


@dataclass
class Case:
    kind: str
    argv: list[str]
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    redirect: str | None = None  # "closed" (>&-), "pipe" (| head -c1), "full" (>/dev/full)
    expect: int = 2  # 141 for a reader that went away
    writes: bool = False  # a command that may write on success (state is checked either way)
    setup: str | None = None  # a name in SETUPS, run just before the case


@dataclass
class Result:
    case: Case
    code: int
    first: str
    lines: int
    traceback: bool
    changed: str
    seconds: float

    @property
    def ok(self) -> bool:
        if self.case.expect == 141:  # or 0: the whole output fitted in the pipe's buffer
            return self.code in (0, 141) and not self.traceback and not self.changed
        if self.case.expect != 2:
            return self.code == self.case.expect and not self.traceback and not self.changed
        return (self.code == 2 and not self.traceback and self.lines == 1
                and self.first.startswith("error: ") and not self.changed)


def state(data: Path) -> tuple[int, int, int, int]:
    """(posts, revisions, approvals, audit records) in the SQLite database, -1 if unreadable."""
    db = data / "socialbot.db"
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                         for t in ("posts", "revisions", "approvals", "audit_log"))
        finally:
            con.close()
    except sqlite3.Error:
        return (-1, -1, -1, -1)


def cases(w: Path) -> list[Case]:
    f = w / "files"
    huge_arg = "Flu shots Saturday. " * (120_000 // 20)  # 120 KB: one argument's limit is 128 KB
    out: list[Case] = []

    def add(kind: str, *argv: str, **kw) -> None:  # noqa: ANN003
        out.append(Case(kind, list(argv), **kw))

    # --- usage and ids ---------------------------------------------------------------------
    add("usage", "post", "create")
    add("usage", "post", "create", "--text", "", "--platform", "x")
    add("usage", "post", "create", "--text", "Hi", "--platform", "myspace")
    add("usage", "post", "create", "--text", "Hi", "--platform", "x", "--at", "yesterday-ish")
    add("usage", "post", "create", "--text", "Hi", "--platform", "x", "--at", "99999-01-01")
    add("usage", "post", "list", "--limit", "-1")
    add("usage", "post", "list", "--limit", "99999999999999999999999")
    add("usage", "post", "list", "--offset", "x")
    add("usage", "post", "list", "--status", "nonsense")
    add("usage", "screen")
    add("usage", "screen", "--context", "tweet", "hi")
    add("usage", "comments", "classify")
    add("usage", "comments", "resolve", "1", "--action", "explode")
    add("usage", "audit", "export", "--format", "xml")
    add("usage", "check", "myspace")
    add("usage", "connect", "myspace")
    add("usage", "daemon", "--log-level", "LOUD", "--once")
    add("usage", "sandbox", "--port", "99999")
    add("usage", "nosuchcommand")
    for ident in ("999999", "-1", "0", "abc", "1e3", "99999999999999999999999999", " 1", "１"):
        add("id", "post", "show", ident)
    add("id", "post", "cancel", "999999", writes=True)
    add("id", "post", "edit", "999999", "--text", "Hello", writes=True)
    add("id", "post", "purge", "-5", writes=True)
    add("id", "post", "witness", "999999", "--yes", writes=True)
    add("id", "post", "dismiss", "999999", "F1", "--reason", "consent", writes=True)
    add("id", "post", "dismiss", "1", "F99", "--reason", "consent", writes=True)
    add("id", "comments", "reply", "999999", "--text", "Thanks!", writes=True)
    add("id", "comments", "resolve", "999999", "--action", "dismiss", writes=True)
    add("id", "comments", "purge", "0", writes=True)
    add("id", "consent", "revoke", "999999", writes=True)
    # --- arguments: huge, invisible, not UTF-8 ---------------------------------------------
    add("arg", "screen", huge_arg)
    add("arg", "post", "create", "--text", huge_arg, "--platform", "x", writes=True)
    add("arg", "comments", "classify", huge_arg)
    add("arg-bytes", "screen", "caf\udce9")  # a Latin-1 byte in the argument
    add("arg-bytes", "post", "create", "--text", "caf\udce9", "--platform", "x", writes=True)
    add("arg-bytes", "comments", "classify", "caf\udce9")
    add("arg-bytes", "post", "create", "--text", "Hi", "--platform", "x", "--as", "P\udcff",
        writes=True)
    add("arg-bytes", "post", "show", "1\udcff")
    add("arg-bytes", "post", "list", "--status", "\udcff")
    add("arg-bytes", "consent", "add", "--name", "R\udce9n", "--scope", "photo", writes=True)
    add("arg-bytes", "screen", "--file", str(f) + "/\udcff.txt")
    add("arg", "consent", "add", "--name", "", "--scope", "photo", writes=True)
    add("arg", "consent", "add", "--name", "Ren Lee", "--scope", "photo", "--expires", "soon",
        writes=True)
    add("arg", "comments", "reply", "1", writes=True)
    # --- files: binary, NUL, not UTF-8, directory, unreadable, loops, FIFO, huge -----------
    for label, path in (("nul", "nul.txt"), ("latin1", "latin1.txt"), ("dir", "adir"),
                        ("unreadable", "unreadable.txt"), ("loop", "loop"),
                        ("dangling", "dangling"), ("fifo", "fifo"), ("huge", "big.txt"),
                        ("empty", "empty.txt")):
        p = str(f / path)
        add(f"file-{label}", "screen", "--file", p)
        add(f"file-{label}", "screen", "--batch", p)
        add(f"file-{label}", "comments", "classify", "--file", p)
        add(f"file-{label}", "comments", "classify", "--batch", p)
        add(f"file-{label}", "post", "create", "--file", p, "--platform", "x", writes=True)
        add(f"file-{label}", "post", "edit", "1", "--file", p, writes=True)
    for label, path in (("text", "plain.txt"), ("dir", "adir"), ("unreadable", "unreadable.txt"),
                        ("loop", "loop"), ("huge", "big.txt"), ("empty", "empty.txt")):
        add(f"media-{label}", "post", "create", "--text", "Hi", "--platform", "x", "--media",
            str(f / path), writes=True)
    for label, path in (("unreadable", "unreadable.txt"), ("nul", "nul.txt"), ("dir", "adir")):
        add(f"form-{label}", "consent", "add", "--name", "Ren Lee", "--scope", "photo",
            "--form-file", str(f / path), writes=True)
    add("output", "audit", "export", "-o", str(f / "adir"))
    add("output", "audit", "export", "-o", str(f / "loop"))
    add("output", "audit", "export", "-o", str(f / "ro" / "out.csv"))
    add("output", "audit", "export", "-o", str(f / "plain.txt"))  # exists, no --force
    add("file-verify", "audit", "verify-export", str(f / "nul.txt"))
    add("file-verify", "audit", "verify-export", str(f / "bad.json"))
    add("file-verify", "audit", "verify-export", str(f / "unreadable.txt"))
    # --- malformed batch JSON ---------------------------------------------------------------
    for name in ("bad.json", "notdict.jsonl", "textnum.jsonl", "deep.jsonl", "ctxnum.jsonl"):
        add("json", "screen", "--batch", str(f / name))
        add("json", "comments", "classify", "--batch", str(f / name))
    # --- stdin -------------------------------------------------------------------------------
    add("stdin", "screen", "--file", "-", stdin=b"caf\xe9 au lait\n")
    add("stdin", "screen", "--file", "-", stdin=b"hello\x00world\n")
    add("stdin", "screen", "--batch", "-", stdin=b'{"text": 5}\n')
    # a batch of nothing judged nothing and exited 0, "nothing blocks" (session 54)
    for stdin in (b"", b"\n \n\t\n"):
        add("stdin", "comments", "classify", "--batch", "-", stdin=stdin)
    add("batch-blank", "screen", "--batch", str(f / "blank.txt"))
    add("batch-blank", "comments", "classify", "--batch", str(f / "blank.txt"))
    add("stdin", "comments", "classify", "--file", "-", stdin=b"\xff\xfe\xfa")
    add("stdin", "post", "create", "--file", "-", "--platform", "x", stdin=b"\xc3\x28 hi",
        writes=True)
    add("stdin", "post", "create", "--file", "-", "--platform", "x", stdin=b"", writes=True)
    # --- settings: policy, environment, data directory ---------------------------------------
    for name in ("policy-types.toml", "policy-syntax.toml", "policy-latin1.toml",
                 "policy-empty.toml"):
        add("policy", "post", "create", "--text", "Hi", "--platform", "x", writes=True,
            env={"SOCIALBOT_POLICY": str(f / name)})
        add("policy", "screen", "hello", env={"SOCIALBOT_POLICY": str(f / name)})
        add("policy", "comments", "classify", "thanks", env={"SOCIALBOT_POLICY": str(f / name)})
    add("policy", "screen", "hello", env={"SOCIALBOT_POLICY": str(f / "unreadable.txt")})
    add("policy", "screen", "hello", env={"SOCIALBOT_POLICY": str(f / "loop")})
    add("env", "post", "list", env={"SOCIALBOT_TIMEZONE": "Mars/Olympus"})
    add("env", "post", "list", env={"DATABASE_URL": "nosuchdb://x"})
    add("env", "post", "list", env={"DATABASE_URL": "sqlite:////nonexistent/dir/x.db"})
    add("env", "post", "list", env={"SOCIALBOT_HTTP_PORT": "eighty"})
    add("env", "post", "list", env={"SOCIALBOT_DATA_DIR": str(f / "plain.txt")})
    add("env", "post", "list", env={"SOCIALBOT_DATA_DIR": str(f / "loop")})
    add("env", "post", "list", env={"SOCIALBOT_AUDIT_KEY": "short"})
    add("env", "post", "list", env={"SOCIALBOT_ENV_FILE": str(f / "nul.txt")})
    add("datadir-ro", "post", "create", "--text", "Flu shots Monday.", "--platform", "x",
        writes=True, setup="readonly")
    add("datadir-ro", "init", setup="readonly", writes=True)
    add("disk-full", "post", "create", "--text", "Flu shots Monday. " * 100, "--platform",
        "linkedin", writes=True, setup="full")
    add("disk-full", "audit", "export", "-o", "FULL/out.csv", setup="full")
    # --- database locked --------------------------------------------------------------------
    add("db-locked", "post", "create", "--text", "Flu shots Monday.", "--platform", "x",
        writes=True, setup="lock")
    add("db-locked", "post", "cancel", "1", writes=True, setup="lock")
    add("db-locked", "consent", "add", "--name", "Ren Lee", "--scope", "photo", "--expires",
        "2030-01-01", "--form", "cabinet 3", writes=True, setup="lock")
    add("db-locked", "init", writes=True, setup="lock")
    # --- output: a reader that went away, a closed stdout -----------------------------------
    for argv in (["post", "list"], ["post", "list", "--json"], ["post", "show", "1"],
                 ["screen", "hello"], ["comments", "classify", "you are awful"],
                 ["audit", "export"], ["audit", "verify"], ["consent", "list"], ["--help"],
                 ["audit", "public-key"], ["comments", "list"]):
        out.append(Case("sigpipe", argv, redirect="pipe", expect=141))
        out.append(Case("stdout-closed", argv, redirect="closed"))
    out.append(Case("stdout-closed", ["post", "create", "--text", "Flu shots Monday.",
                                      "--platform", "x"], redirect="closed", writes=True))
    out.append(Case("stdout-full", ["post", "list"], redirect="full"))
    out.append(Case("stdout-full", ["screen", "hello"], redirect="full"))
    out.append(Case("stdout-full", ["post", "create", "--text", "Flu shots Monday.",
                                    "--platform", "x"], redirect="full", writes=True))
    for case in out:
        line = f"{case.kind} {' '.join(case.argv)}"
        for (kind, words, name), code in ANSWERED.items():
            if line.startswith(kind + " ") and words in line and line.endswith(name):
                case.expect = code
    return [c for c in out if not (c.kind == "file-huge" and "--batch" in c.argv)]


# Cases whose answer is not an error, and rightly so (the report says why): a comment with
# a NUL is a verdict (exit 1: unjudged, a person looks); "[...]" and a line that is not
# JSON are comments in a comment batch; `init` on
# a read-only database that needs no change has nothing to write. An 8 MB `--batch` is
# 400,000 texts of work, not bad input: left out (minutes).
ANSWERED = {
    ("file-nul", "comments classify --file", "nul.txt"): 1,
    ("file-nul", "comments classify --batch", "nul.txt"): 1,
    ("json", "--batch", "notdict.jsonl"): 0,
    ("json", "comments classify --batch", "bad.json"): 0,
    ("json", "comments classify --batch", "ctxnum.jsonl"): 0,
    ("datadir-ro", "init", "init"): 0,
}


def make_files(f: Path) -> None:
    f.mkdir()
    (f / "plain.txt").write_text("Flu shots on Saturday.\n")
    (f / "nul.txt").write_bytes(b"Flu shots\x00 on Saturday.\n")
    (f / "latin1.txt").write_bytes("Caf\xe9 open Saturday.\n".encode("latin-1"))
    (f / "adir").mkdir()
    (f / "unreadable.txt").write_text("Flu shots.\n")
    (f / "unreadable.txt").chmod(0)
    os.symlink(f / "loop", f / "loop")
    os.symlink(f / "nowhere", f / "dangling")
    os.mkfifo(f / "fifo")
    (f / "big.txt").write_text("Flu shots Saturday.\n" * (8 * 1024 * 1024 // 20))
    (f / "empty.txt").write_text("")
    (f / "blank.txt").write_text("\n  \n\t\n\n")
    (f / "bad.json").write_text('{"text": "hi"\n')
    (f / "notdict.jsonl").write_text('["a", "b"]\n{"text": "ok"}\n')
    (f / "textnum.jsonl").write_text('{"text": 12}\n')
    (f / "deep.jsonl").write_text("{" + '"a":[' * 50_000 + "\n")
    (f / "ctxnum.jsonl").write_text('{"text": "hi", "context": 3}\n')
    (f / "ro").mkdir()
    (f / "ro").chmod(0o500)
    (f / "policy-types.toml").write_text(
        '[approval]\nrequired = "two"\napprovers = "everyone"\n[moderation]\nmonitor_days = '
        '"a week"\nauto_hide = 5\n[phi]\nallow_names = 7\n')
    (f / "policy-syntax.toml").write_text("[approval\nrequired = 2\n")
    (f / "policy-latin1.toml").write_bytes(b"# caf\xe9\n[approval]\nrequired = 2\n")
    (f / "policy-empty.toml").write_text("")


def run(case: Case, w: Path, base_env: dict[str, str]) -> Result:
    data = Path(base_env["SOCIALBOT_DATA_DIR"])
    env = {**base_env, **case.env}
    argv = list(case.argv)
    cleanup = []
    if case.setup == "readonly":
        data.chmod(0o500)
        (data / "socialbot.db").chmod(0o400)
        cleanup.append(lambda: (data.chmod(0o700), (data / "socialbot.db").chmod(0o600)))
    if case.setup == "full":
        full = w / "tmpfs"
        if not full.is_dir():
            return Result(case, -9, "skipped: no tmpfs", 0, False, "", 0.0)
        argv = [a.replace("FULL", str(full)) for a in argv]
        fdata = full / "data"
        if not fdata.exists():
            shutil.copytree(data, fdata)
            fill = os.open(full / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                for _ in range(4096):  # 4 MB at most
                    os.write(fill, b"\0" * 1024)
            except OSError:
                pass
            finally:
                os.close(fill)
        env["SOCIALBOT_DATA_DIR"] = str(fdata)
        data = fdata
    before = state(data)
    locker = None
    if case.setup == "lock":
        locker = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3,sys,time\n"
             f"c=sqlite3.connect({str(data / 'socialbot.db')!r}, isolation_level=None)\n"
             "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(60)"],
            stdout=subprocess.PIPE)
        assert locker.stdout.readline().strip() == b"held"
    cmd = [*DROP_DAC, sys.executable, "-m", "social_bot", *argv]
    if case.redirect == "pipe":
        cmd = ["bash", "-c", '"$@" | head -c1 >/dev/null; exit "${PIPESTATUS[0]}"', "_", *cmd]
    elif case.redirect == "closed":
        cmd = ["bash", "-c", 'exec "$@" >&-', "_", *cmd]
    elif case.redirect == "full":
        cmd = ["bash", "-c", 'exec "$@" >/dev/full', "_", *cmd]
    start = time.monotonic()
    try:
        done = subprocess.run([os.fsencode(a) for a in cmd], input=case.stdin,
                              capture_output=True, env=env, timeout=LIMIT_S, cwd=w)
        code, err = done.returncode, done.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, err = -1, "TIMEOUT"
    seconds = time.monotonic() - start
    if locker is not None:
        locker.kill()
        locker.wait()
    for undo in cleanup:
        undo()
    after = state(data)
    changed = "" if before == after else f"{before} -> {after}"
    lines = [line for line in err.splitlines() if line.strip()
             and not line.startswith(("warning:", "note:"))]
    return Result(case, code, (lines[0] if lines else "")[:150], len(lines), "Traceback" in err,
                  changed, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the cases whose command line contains this")
    parser.add_argument("--kind", help="run the cases of this kind only")
    parser.add_argument("--json", help="write the results here too")
    parser.add_argument("--tree", default=str(ROOT),
                        help="the source tree to run (PYTHONPATH), e.g. a checkout of main")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-badinput-") as tmp:
        w = Path(tmp)
        w.chmod(0o755)
        make_files(w / "files")
        (w / "policy.toml").write_text(POLICY)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
        env.update(SOCIALBOT_DATA_DIR=str(w / "data"), SOCIALBOT_POLICY=str(w / "policy.toml"),
                   SOCIALBOT_USER="Pat Author", PYTHONPATH=args.tree,
                   SOCIALBOT_AUDIT_KEY="bench-audit-key-" + "0123456789abcdef" * 2)
        sb = [sys.executable, "-m", "social_bot"]
        subprocess.run([*sb, "init"], env=env, check=True, capture_output=True, cwd=w)
        subprocess.run([*sb, "post", "create", "--text", "Flu shots on Saturday at the clinic.",
                        "--platform", "x"], env=env, check=True, capture_output=True, cwd=w)
        mounted = False
        if os.geteuid() == 0:
            (w / "tmpfs").mkdir()
            mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs",
                                      str(w / "tmpfs")], capture_output=True).returncode == 0
            if not mounted:
                (w / "tmpfs").rmdir()
        try:
            chosen = [c for c in cases(w)
                      if (not args.only or args.only in " ".join(c.argv))
                      and (not args.kind or c.kind == args.kind)]
            results = []
            for case in chosen:
                r = run(case, w, env)
                results.append(r)
                mark = "ok  " if r.ok else "skip" if r.code == -9 else "FAIL"
                shown = " ".join(a if len(a) < 40 else a[:37] + "..." for a in case.argv)
                redirect = {"pipe": " | head -c1", "closed": " >&-", "full": " >/dev/full"}.get(
                    case.redirect or "", "")
                setup = f" [{case.setup}]" if case.setup else ""
                print(f"{mark} {case.kind:15} {r.code:4} tb={'Y' if r.traceback else '-'} "
                      f"lines={r.lines} {shown!a}{redirect}{setup}"
                      f"\n      {r.first!a}{'  CHANGED ' + r.changed if r.changed else ''}",
                      flush=True)
        finally:
            for p in (w / "files" / "ro", w / "data"):
                if p.exists():
                    p.chmod(0o700)
            if mounted:
                subprocess.run(["umount", str(w / "tmpfs")], check=False)
    failed = [r for r in results if not r.ok and r.code != -9]
    by_kind: dict[str, int] = {}
    for r in failed:
        by_kind[r.case.kind] = by_kind.get(r.case.kind, 0) + 1
    print(f"\n{len(failed)} of {len(results)} cases break the promise; by kind: "
          + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"kind": r.case.kind, "argv": r.case.argv, "redirect": r.case.redirect,
             "setup": r.case.setup, "code": r.code, "first": r.first, "lines": r.lines,
             "traceback": r.traceback, "changed": r.changed, "ok": r.ok} for r in results],
            indent=1))  # ASCII: an argument may hold a lone surrogate (a byte not in UTF-8)


if __name__ == "__main__":
    main()
