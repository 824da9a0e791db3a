"""Session 54 (s54-small): four small items. The models load without writing under $HOME
(onnxruntime's telemetry off); an empty `--batch` is bad input (exit 2), not a clean verdict;
media's reader refuses a pipe swapped in after its check; a killed publisher's private copy
folder is removed at the next daemon start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_moderation_cli import env as classify_env  # noqa: F401 - a fixture
from test_moderation_cli import run as classify
from test_session43_cli import SQLITE, env, run_main  # noqa: F401 - env is a fixture

ROOT = Path(__file__).resolve().parent.parent

# Every way the product starts an onnxruntime session: the PHI second look (the daemon's
# warm-up, `screen`), the comment second look (`comments classify`), the OCR engine.
LOAD_ALL = """
from policies.phi import contextual
from policies.moderation import second_look
from policies.media import engines
contextual.ensure_loaded()
second_look.ensure_loaded()
engines._ocr_engine()
print("loaded")
"""


@pytest.mark.timeout(120)
def test_loading_the_models_writes_nothing_under_home(tmp_path: Path) -> None:
    # onnxruntime 1.32 wrote $HOME/.cache/Microsoft/DeveloperTools/.onnxruntime/ (a deviceid
    # and its SQLite event store) on import. A bare environment: CI set (as under CI) is
    # one of the things that quiets onnxruntime on its own, so it must not be passed on.
    home = tmp_path / "home"
    home.mkdir()
    bare = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-c", LOAD_ALL], env=bare, cwd=tmp_path,
                          capture_output=True, text=True, timeout=100)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "loaded"
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []


# --- an empty batch is bad input, not a clean verdict -------------------------------------

EMPTY = "no text to judge: the batch is empty or holds blank lines only"


@SQLITE
@pytest.mark.parametrize("content", ["", "\n", " \n\t\n\n"])
def test_screen_batch_of_nothing_is_refused(env, tmp_path: Path, content: str) -> None:  # noqa: ANN001, F811
    # exit 0 with nothing printed read as "nothing blocks" for a calendar never judged
    batch = tmp_path / "calendar.txt"
    batch.write_text(content, encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert (code, out, err) == (2, "", f"error: {batch}: {EMPTY}\n")


@pytest.mark.parametrize("content", ["", "\n", " \n\t\n\n"])
def test_classify_batch_of_nothing_is_refused(classify_env: Path, content: str) -> None:  # noqa: F811
    path = classify_env / "comments.txt"
    path.write_text(content, encoding="utf-8")
    result = classify("--fast", "--batch", str(path))
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: {EMPTY}\n"


def test_classify_batch_of_empty_stdin_is_refused(classify_env: Path) -> None:  # noqa: F811
    result = classify("--fast", "--batch", "-", stdin="")
    assert result.exit_code == 2
    assert f": {EMPTY}" in result.output and "flags" not in result.output


# --- media's reader opens through open_regular: a pipe swapped in is refused, not waited on -

SWAPPED = """
import os, sys
from social_bot import media
from social_bot.errors import UserError
fifo, regular = sys.argv[1], os.lstat(sys.argv[2])
real = os.lstat
# the pipe takes the image's place between the lstat check and the open
os.lstat = lambda p, *a, **k: regular if str(p) == fifo else real(p, *a, **k)
try:
    media._read_regular(fifo)
except UserError as exc:
    print(exc)
"""


@pytest.mark.timeout(60)
def test_media_refuses_a_pipe_swapped_in_after_its_check(tmp_path: Path) -> None:
    fifo, image = tmp_path / "photo.png", tmp_path / "real.png"
    os.mkfifo(fifo)
    image.write_bytes(b"\x89PNG")
    try:  # before, the open waited for a writer for ever (bounded here)
        done = subprocess.run([sys.executable, "-c", SWAPPED, str(fifo), str(image)],
                              env={**os.environ, "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the media reader waited on a named pipe")
    assert done.stdout == f"media file {fifo} is not a regular file\n", done.stderr[-1500:]


# --- a killed publisher's private copies are removed at the next start -------------------

HOLD_COPIES = """
import sys, time
from pathlib import Path
from social_bot.publish_gate import verified_media
with verified_media([Path(sys.argv[1])], [sys.argv[2]]) as copies:
    print(copies[0].parent, flush=True)
    time.sleep(60)
"""


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


@pytest.mark.timeout(90)
def test_a_killed_publishers_copy_folder_is_removed_at_start(tmp_path: Path) -> None:
    import hashlib
    import signal

    from social_bot.publish_gate import MEDIA_PREFIX, remove_stale_media_folders

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG not really")
    digest = hashlib.sha256(image.read_bytes()).hexdigest()
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_COPIES, str(image), digest],
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)},
        stdout=subprocess.PIPE, text=True)
    try:
        folder = Path(child.stdout.readline().strip())  # type: ignore[union-attr]
        assert folder.parent == tmp and folder.name.startswith(f"{MEDIA_PREFIX}{child.pid}-")
        assert remove_stale_media_folders(tmp) == []  # in use by a live publisher: kept
        assert folder.is_dir()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        child.kill()
        child.stdout.close()  # type: ignore[union-attr]
    assert folder.is_dir()  # kill -9: no finally ran
    assert remove_stale_media_folders(tmp) == [folder.name]
    assert not folder.exists()


def test_stale_media_folders_only_a_dead_processes_own(tmp_path: Path) -> None:
    from social_bot.publish_gate import MEDIA_PREFIX, remove_stale_media_folders

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        made = {
            "dead": f"{MEDIA_PREFIX}{_dead_pid()}-abc123",
            "live": f"{MEDIA_PREFIX}{live.pid}-abc123",
            "mine": f"{MEDIA_PREFIX}{os.getpid()}-abc123",
            "unnamed_old": f"{MEDIA_PREFIX}k2j4_x9q",
            "unnamed_new": f"{MEDIA_PREFIX}z8y7_w6v",
            "other_prefix": f"socialbot-demo-{_dead_pid()}-abc",
        }
        for name in made.values():
            (tmp_path / name).mkdir()
        old = time.time() - 2 * 3600
        os.utime(tmp_path / made["unnamed_old"], (old, old))
        (tmp_path / f"{MEDIA_PREFIX}{_dead_pid()}-file").write_text("")  # not a folder
        target = tmp_path / "elsewhere"
        target.mkdir()
        os.symlink(target, tmp_path / f"{MEDIA_PREFIX}{_dead_pid()}-link")  # a link
        removed = remove_stale_media_folders(tmp_path)
    finally:
        live.kill()
        live.wait(timeout=30)
    assert sorted(removed) == sorted([made["dead"], made["unnamed_old"]])
    left = {p.name for p in tmp_path.iterdir()}
    assert {made[k] for k in ("live", "mine", "unnamed_new", "other_prefix")} <= left
    assert target.is_dir() and len(left) == 7
