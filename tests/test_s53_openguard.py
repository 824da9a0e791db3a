"""Every file the product opens by path goes through `filesafety.open_checked` (session 53).

Closing any descriptor of the SQLite database in a process that has a connection to it drops
SQLite's POSIX locks, and another process then deletes the live -wal (docs/history/security.md,
"Session 53: a staff command no longer deletes the daemon's SQLite -wal");
a staff login can plant a hard link to the database under any name the daemon reads.
`open_checked` refuses such a file before a descriptor of it exists. This test reads the
product's packages (pyproject's `packages.find`) as syntax trees and finds every call that
opens a file by path; each must go through `open_checked` (or a helper built on it:
`read_bytes_checked`, `read_text_checked`, `write_text_checked`) or be in ALLOWED below with
the reason it can never be one of the database's files. How to add a file read:
docs/history/security.md, "Session 53: every file read by path goes through `open_checked`".
"""

from __future__ import annotations

import ast
import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Called with a path, each opens (or creates) the file it names. Names are resolved through
# the module's imports (`from PIL import Image` makes `Image.open` "PIL.Image.open").
PATH_OPENERS = frozenset({
    "open", "io.open", "os.open", "codecs.open", "gzip.open", "bz2.open", "lzma.open",
    "tarfile.open", "zipfile.ZipFile", "wave.open", "shelve.open", "dbm.open",
    "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move",
    "sqlite3.connect", "PIL.Image.open", "cv2.imread", "cv2.CascadeClassifier",
    "onnxruntime.InferenceSession", "tokenizers.Tokenizer.from_file", "numpy.load",
    "numpy.fromfile", "spacy.load", "safetensors.safe_open", "logging.FileHandler",
    "logging.handlers.RotatingFileHandler", "logging.handlers.TimedRotatingFileHandler",
    "logging.handlers.WatchedFileHandler", "dotenv.load_dotenv", "dotenv.dotenv_values",
    "tempfile.TemporaryFile",  # never an existing name, but listed: O_EXCL is checked below
})
# pathlib's (and zipfile's, tarfile's ...) methods on whatever object: each opens by path
PATH_METHODS = frozenset({"open", "read_bytes", "read_text", "write_bytes", "write_text",
                          "touch"})
NOT_FILES = frozenset({"webbrowser.open"})  # a URL in the browser
# Flags with which os.open never gives a descriptor of an existing regular file: O_PATH
# (its close drops no lock), O_DIRECTORY (a file is refused, ENOTDIR), O_CREAT|O_EXCL
# (an existing name, a symlink too, is refused: the file is this process's own, new).
SAFE_FLAGS = ({"O_PATH"}, {"O_DIRECTORY"}, {"O_CREAT", "O_EXCL"})
IN_MEMORY = frozenset({"io.BytesIO", "BytesIO", "io.StringIO", "StringIO"})

PACKAGE_DATA = "reads a file shipped in the package (installed read-only with the code)"
BUILD_SCRIPT = ("a developer's build or training script, run by hand, never imported by the "
                "product: no database engine in its process")

# (file, function, call) -> why this open can never be one of the database's files. "*"
# as function and call: the whole file (build scripts only).
ALLOWED: dict[tuple[str, str, str], str] = {
    # the guard itself
    ("social_bot/filesafety.py", "open_checked", "os.open"):
        "the guard: a plain os.open only when this process has no SQLite database, else "
        "the name is looked up with O_PATH and the checked file opened through /proc",
    ("social_bot/filesafety.py", "_open_same_file", "os.open"):
        "the guard without /proc: the name opened again after the O_PATH check, without "
        "O_TRUNC, and a database file swapped in meanwhile refused and never closed",
    # the process's own devices
    ("social_bot/cli/__init__.py", "_standard_streams", "os.open"):
        "/dev/null (os.devnull), a device: never a database's inode",
    ("social_bot/cli/__init__.py", "_pipe_closed", "os.open"):
        "/dev/null (os.devnull), a device: never a database's inode",
    # the demo's sandbox (`socialbot demo`), no practice's data directory
    ("social_bot/demo.py", "run_demo", "EXAMPLE_POLICY.read_text"): PACKAGE_DATA,
    ("social_bot/demo.py", "demo_folder", "<expr>.write_text"):
        "the demo's marker, in the sandbox folder the command made (or a --keep folder it "
        "emptied), before the demo opens a database",
    ("social_bot/demo.py", "run_demo", "<expr>.write_text"):
        "the demo's policy, in its sandbox folder, before the demo opens a database",
    ("social_bot/demo.py", "run_demo", "log_path.open"):
        "the demo daemon's log in its sandbox folder, which no other login writes in",
    ("social_bot/demo_media.py", "photo_post", "path.write_bytes"):
        "the demo's sample photo, in its sandbox folder, which no other login writes in",
    # adapters
    ("adapters/x_length.py", "_resource_string", "<expr>.read_bytes"):
        "twitter-text-parser's configuration, inside its installed package",
    # policies: package data, models and installed packages' data
    ("policies/config.py", "load_policy_file", "os.open"):
        "the default opener, for bench/ and tests; the product passes open_checked "
        "(settings.load_policy): policies/ imports nothing of social_bot",
    ("policies/embedding.py", "_model", "tokenizers.Tokenizer.from_file"):
        "wordllama's tokenizer, inside its installed package (bench/ experiments only)",
    ("policies/embedding.py", "_model", "safetensors.safe_open"):
        "wordllama's weights, inside its installed package (bench/ experiments only)",
    ("policies/hidden.py", "<module>", "<expr>.read_text"): PACKAGE_DATA,
    ("policies/media/engines.py", "_face_cascade", "cv2.CascadeClassifier"):
        "OpenCV's Haar cascade, inside its installed package",
    ("policies/moderation/classifier.py", "_profanity_words", "<expr>.read_text"):
        "better-profanity's word list, inside its installed package",
    ("policies/moderation/evaluation.py", "load_corpus", "path.read_text"):
        "labelled corpora for bench/ and training scripts; the product never calls it",
    ("policies/moderation/language.py", "_english_words", "_ENGLISH_WORDS.read_text"):
        PACKAGE_DATA,
    ("policies/moderation/language.py", "_parser_vocabulary", "path.read_text"):
        "the spaCy model's vocab/strings.json, inside its installed package",
    ("policies/moderation/model.py", "__init__", "meta.read_text"):
        PACKAGE_DATA + " (the product passes no other path)",
    ("policies/moderation/model.py", "__init__", "weights.read_bytes"):
        PACKAGE_DATA + " (the product passes no other path)",
    ("policies/phi/contextual.py", "load_minilm", "model.open"):
        "the pinned MiniLM shipped in the package (or the experiments' wheel), sha256-checked",
    ("policies/phi/contextual.py", "load_minilm", "tokenizers.Tokenizer.from_file"):
        PACKAGE_DATA,
    ("policies/phi/contextual.py", "load_minilm", "onnxruntime.InferenceSession"):
        "the MiniLM file just checked against its pinned sha256 (package data)",
    ("policies/phi/learned.py", "load", "META.read_text"): PACKAGE_DATA,
    ("policies/phi/learned.py", "load", "WEIGHTS.read_bytes"): PACKAGE_DATA,
    ("policies/phi/model.py", "_load", "spacy.load"):
        "an installed spaCy package by name, or the folder SOCIALBOT_SPACY_MODEL names in "
        "the operator's settings (refused when others can write it): not a staff file",
    ("policies/phi/prefilter.py", "_code_fingerprint", "<expr>.read_bytes"):
        "the module's own source file",
    ("policies/phi/misspelt.py", "_index", "NEAR_FILE.read_text"): PACKAGE_DATA,
    ("policies/phi/prefilter.py", "_needs_cache", "NEEDS_CACHE.read_text"): PACKAGE_DATA,
    ("policies/phi/spanish_names.py", "_everyday", "<expr>.read_text"): PACKAGE_DATA,
    ("policies/phi/subjects.py", "role_nouns", "open"): PACKAGE_DATA,
    ("policies/phi/vocabulary.py", "*", "open"): PACKAGE_DATA,
    ("policies/phi/vocabulary.py", "*", "<expr>.read_text"): PACKAGE_DATA,
    # build and training scripts
    ("policies/moderation/build_english_words.py", "*", "*"): BUILD_SCRIPT,
    ("policies/moderation/training/second_look.py", "*", "*"): BUILD_SCRIPT,
    ("policies/moderation/training/train.py", "*", "*"): BUILD_SCRIPT,
    ("policies/moderation/training/writers.py", "*", "*"): BUILD_SCRIPT,
    ("policies/phi/data/build_misspelt.py", "*", "*"): BUILD_SCRIPT,
    ("policies/phi/data/build_needs.py", "*", "*"): BUILD_SCRIPT,
    ("policies/phi/data/build_vocab.py", "*", "*"): BUILD_SCRIPT,
    ("policies/phi/training/second_look.py", "*", "*"): BUILD_SCRIPT,
    ("policies/phi/training/train_disclosure.py", "*", "*"): BUILD_SCRIPT,
}


def _packages() -> list[Path]:
    found = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = found["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({ROOT / p.rstrip("*").rstrip(".") for p in patterns})


def _flag_names(node: ast.AST) -> set[str]:
    """The O_* names OR-ed together in an os.open flags expression (not under ~, not in a
    mask): `os.O_RDONLY | os.O_DIRECTORY` gives both; getattr(os, "O_PATH", ...) too."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flag_names(node.left) | _flag_names(node.right)
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.Name):
        return {node.id}
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "getattr" and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)):
        return {node.args[1].value}
    return set()


class _Scan(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    self.aliases[a.asname or a.name.split(".")[0]] = (
                        a.name if a.asname else a.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        self.where: list[str] = []
        self.sites: list[tuple[int, str, str]] = []  # (line, function, call)
        self.called: set[int] = set()
        self.visit(tree)

    def dotted(self, node: ast.AST) -> str | None:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.aliases.get(node.id, node.id))
        return ".".join(reversed(parts))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.where.append(node.name)
        self.generic_visit(node)
        self.where.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _function

    def _add(self, node: ast.AST, label: str) -> None:
        # the innermost function (a method's name alone: its class adds nothing here)
        self.sites.append((node.lineno, self.where[-1] if self.where else "<module>", label))

    def visit_Call(self, node: ast.Call) -> None:
        self.called.add(id(node.func))
        name = self.dotted(node.func)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if name in NOT_FILES:
            pass
        elif name in PATH_OPENERS and not self._harmless(name, node):
            self._add(node, name)
        elif method in PATH_METHODS and name not in PATH_OPENERS:
            self._add(node, name if name and "." in name else f"<expr>.{method}")
        self.generic_visit(node)

    def _harmless(self, name: str, node: ast.Call) -> bool:
        first = node.args[0] if node.args else None
        if name in ("open", "io.open") and isinstance(first, ast.Constant) \
                and isinstance(first.value, int):
            return True  # open(0/1/2, closefd=False): a standard stream, no path
        if name == "PIL.Image.open" and isinstance(first, ast.Call) \
                and self.dotted(first.func) in IN_MEMORY:
            return True  # bytes already read
        if name.startswith("dotenv.") and not node.args and all(
                k.arg == "stream" for k in node.keywords):
            return True  # python-dotenv given text already read (stream=), no path
        if name == "os.open" and len(node.args) >= 2:
            flags = _flag_names(node.args[1])
            return any(safe <= flags for safe in SAFE_FLAGS)
        return False

    def visit_Attribute(self, node: ast.Attribute) -> None:
        # os.open / Path.read_text handed on as a value (a default, a key=, map()): the
        # call is made elsewhere, where this scan cannot see which path it gets
        if id(node) not in self.called and isinstance(node.ctx, ast.Load):
            name = self.dotted(node)
            if name in PATH_OPENERS - {"open"} or (
                    node.attr in PATH_METHODS and name is not None
                    and name.split(".")[0] in ("pathlib", "Path", "io", "os")):
                self._add(node, name)
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id == "open" and id(node) not in self.called \
                and isinstance(node.ctx, ast.Load) and "open" not in self.aliases:
            self._add(node, "open")


def scan(source: str) -> list[tuple[int, str, str]]:
    return _Scan(ast.parse(source)).sites


def _product_sites() -> list[tuple[str, int, str, str]]:
    sites = []
    for package in _packages():
        for file in sorted(package.rglob("*.py")):
            rel = file.relative_to(ROOT).as_posix()
            sites += [(rel, *site) for site in scan(file.read_text("utf-8"))]
    return sites


def _allowed(rel: str, function: str, label: str) -> tuple[str, str, str] | None:
    for key in ((rel, function, label), (rel, "*", label), (rel, "*", "*")):
        if key in ALLOWED:
            return key
    return None


def test_the_product_opens_files_by_path_only_through_open_checked() -> None:
    sites = _product_sites()
    assert len({s[0] for s in sites}) > 10, "the scan found almost nothing: is it reading?"
    unguarded = [f"{rel}:{line} in {function}(): {label}"
                 for rel, line, function, label in sites
                 if _allowed(rel, function, label) is None]
    assert not unguarded, (
        "these open a file by path without social_bot.filesafety.open_checked; a staff login "
        "may plant a hard link to the database under that name, and closing it drops "
        "SQLite's locks (docs/security.md, 'Files are private', says how to read a file):\n  "
        + "\n  ".join(unguarded))


def test_every_allowed_entry_still_names_an_open() -> None:
    used = {_allowed(rel, function, label) for rel, _line, function, label in _product_sites()}
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"ALLOWED entries that match no open any more (remove them): {stale}"
    assert all(reason.strip() for reason in ALLOWED.values())


@pytest.mark.parametrize("source, found", [
    ("open(p)", "open"),
    ("import io\nio.open(p, 'rb')", "io.open"),
    ("import os\nos.open(p, os.O_RDONLY)", "os.open"),
    ("import os\nos.open(p, os.O_RDONLY | os.O_NOFOLLOW)", "os.open"),
    ("import os\nos.open(p, flags)", "os.open"),
    ("p.read_text('utf-8')", "p.read_text"),
    ("(d / 'x').read_bytes()", "<expr>.read_bytes"),
    ("p.write_bytes(b'')", "p.write_bytes"),
    ("Path(p).open('rb')", "<expr>.open"),
    ("import shutil\nshutil.copy2(a, b)", "shutil.copy2"),
    ("from shutil import copyfile as c\nc(a, b)", "shutil.copyfile"),
    ("from PIL import Image\nImage.open(path)", "PIL.Image.open"),
    ("from PIL import Image\nImage.open(fh)", "PIL.Image.open"),
    ("import sqlite3\nsqlite3.connect(p)", "sqlite3.connect"),
    ("import tomllib\nwith open(p, 'rb') as f:\n    tomllib.load(f)", "open"),
    ("import os\ndef f(o=os.open):\n    pass", "os.open"),
    ("sorted(paths, key=Path.read_text)", "Path.read_text"),
    ("map(open, names)", "open"),
])
def test_the_scan_finds_each_way_of_opening_a_file(source: str, found: str) -> None:
    assert found in [label for _line, _where, label in scan(source)]


@pytest.mark.parametrize("source", [
    "import os\nos.open(p, os.O_PATH | os.O_NOFOLLOW)",
    "import os\nos.open(p, getattr(os, 'O_PATH', os.O_RDONLY) | os.O_DIRECTORY)",
    "import os\nos.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)",
    "import os\nos.fdopen(open_checked(p, os.O_RDONLY), 'rb')",
    "open(0, encoding='utf-8', closefd=False)",
    "import io\nfrom PIL import Image\nImage.open(io.BytesIO(data))",
    "import webbrowser\nwebbrowser.open(url)",
    "read_text_checked(p)",
])
def test_the_scan_passes_what_cannot_open_a_database_file(source: str) -> None:
    assert scan(source) == []


def test_os_open_with_the_exclusive_flags_only_makes_new_files(tmp_path: Path) -> None:
    """SAFE_FLAGS' claim, checked: O_CREAT|O_EXCL refuses an existing name (a hard link)."""
    existing = tmp_path / "db"
    existing.write_bytes(b"x")
    os.link(existing, tmp_path / "planted")
    with pytest.raises(FileExistsError):
        os.open(tmp_path / "planted", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with pytest.raises(NotADirectoryError):
        os.open(tmp_path / "planted", os.O_RDONLY | os.O_DIRECTORY)


def _daemon_database(data: Path) -> tuple[object, object]:
    """A daemon-like process's engine on ``data``/socialbot.db with uncheckpointed WAL
    frames and a connection held open (as the daemon's pool holds one)."""
    from sqlalchemy import text

    from social_bot.db.engine import Database

    db = Database(f"sqlite:///{data / 'socialbot.db'}")
    conn = db.engine.connect()
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    conn.execute(text("CREATE TABLE notes (body TEXT)"))
    conn.execute(text("INSERT INTO notes VALUES ('kept')"))
    conn.commit()
    return db, conn


def _another_process_closes_its_connection(data: Path) -> None:
    import subprocess
    import sys

    from test_s53_wal import _CLOSE_ONE

    other = subprocess.run([sys.executable, "-c", _CLOSE_ONE, f"sqlite:///{data / 'socialbot.db'}"],
                           cwd=ROOT, text=True, capture_output=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert other.returncode == 0, other.stderr


def test_a_watermark_file_planted_as_a_link_to_the_database_is_not_opened(
        tmp_path: Path) -> None:
    """The daemon reads `comments.since` beside its vote key (the data directory, by
    default) at every comment poll. A staff login in a shared (2770) data directory links
    the database there before the daemon first writes it: the daemon opened and closed the
    database at each poll, dropping SQLite's locks, and the next staff command deleted the
    daemon's live -wal (measured on the code before: the -wal was gone). Now the file is
    refused unopened, in one line, and the -wal survives."""
    from types import SimpleNamespace

    from social_bot.reply_target import KEPT_FILE, kept
    from social_bot.vote_seal import VoteKeys

    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o2770)
    db, conn = _daemon_database(data)
    try:
        os.link(data / "socialbot.db", data / KEPT_FILE)  # 0660: the group may link it
        keys = VoteKeys(SimpleNamespace(vote_key_file=None, data_dir=data))
        found = kept(SimpleNamespace(info={"vote_keys": keys}))
        assert found is not None and "database files" in (found.problem or "")
        assert "\n" not in found.problem
        _another_process_closes_its_connection(data)
        assert (data / "socialbot.db-wal").exists()  # before: deleted under the daemon
    finally:
        conn.close()
        db.dispose()


def test_the_checked_helpers_refuse_a_database_file_and_read_others_as_pathlib(
        tmp_path: Path) -> None:
    """`write_text_checked` (the retired export key's public half, vote.pub's temporary)
    refuses a database file planted under the name instead of truncating it; the readers
    give what pathlib gives for any other file."""
    import errno

    from social_bot.filesafety import read_bytes_checked, read_text_checked, write_text_checked

    db, conn = _daemon_database(tmp_path)
    try:
        size = (tmp_path / "socialbot.db").stat().st_size
        os.link(tmp_path / "socialbot.db", tmp_path / "audit.sign.x.pub")
        for attempt in (lambda p: write_text_checked(p, "key\n"), read_text_checked,
                        read_bytes_checked):
            with pytest.raises(OSError) as refused:
                attempt(tmp_path / "audit.sign.x.pub")
            assert refused.value.errno == errno.EPERM
        assert (tmp_path / "socialbot.db").stat().st_size == size  # before: truncated to 4
        plain = tmp_path / "plain.txt"
        write_text_checked(plain, "é\r\nb\n")
        assert plain.read_bytes() == "é\r\nb\n".encode()
        assert read_text_checked(plain) == plain.read_text("utf-8") == "é\nb\n"
        assert read_bytes_checked(plain) == plain.read_bytes()
        write_text_checked(plain, "short")
        assert plain.read_text("utf-8") == "short"  # truncated, as Path.write_text
    finally:
        conn.close()
        db.dispose()
