"""Settings have one owner: only social_bot/settings.py reads the process environment.

A setting read anywhere else silently ignores `.env` (and escapes `.env.example`), which is
how SOCIALBOT_USER in `.env` once had no effect. Tests and benchmarks are exempt.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("social_bot", "policies", "adapters")
OWNER = ROOT / "social_bot" / "settings.py"
# Modules that touch the environment for a reason that is no setting, each with that reason.
EXEMPT = {
    ROOT / "policies" / "onnx_runtime.py":
        "writes onnxruntime's own telemetry switch (ORT_DISABLE_TELEMETRY=1) before its import; "
        "reads nothing, so no setting can escape .env",
}
# Reading these means reading the environment; writing is as suspect (it leaks to children).
ENV_NAMES = {"environ", "getenv", "environb", "getenvb", "putenv", "unsetenv"}


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines that touch os.environ/os.getenv, however imported (os.x, from os import x,
    import os as o, dotenv.load_dotenv/dotenv_values)."""
    os_aliases = {"os"}
    direct: set[str] = set()
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "os":
                    os_aliases.add(alias.asname or "os")
                if alias.name == "dotenv":
                    lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.module == "os":
                for alias in node.names:
                    if alias.name in ENV_NAMES:
                        direct.add(alias.asname or alias.name)
                        lines.append(node.lineno)
            if node.module and node.module.split(".")[0] == "dotenv":
                lines.append(node.lineno)
    for node in ast.walk(tree):
        os_attribute = (isinstance(node, ast.Attribute) and node.attr in ENV_NAMES
                        and isinstance(node.value, ast.Name) and node.value.id in os_aliases)
        if os_attribute or (isinstance(node, ast.Name) and node.id in direct):
            lines.append(node.lineno)
    return sorted(set(lines))


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_only_settings_reads_the_environment():
    offenders = []
    for path in _modules():
        if path == OWNER or path in EXEMPT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [f"{path.relative_to(ROOT)}:{line}" for line in _environment_reads(tree)]
    assert not offenders, (
        "read settings through social_bot/settings.py (and list them in .env.example): "
        + ", ".join(offenders)
    )


def test_the_owner_is_seen_reading_it():
    """The detector itself works: settings.py does read os.environ."""
    tree = ast.parse(OWNER.read_text(encoding="utf-8"))
    assert _environment_reads(tree)


@pytest.mark.parametrize("source", [
    "import os\nx = os.environ['A']",
    "import os\nx = os.getenv('A')",
    "import os as o\nx = o.environ.get('A')",
    "from os import environ\nx = environ['A']",
    "from os import getenv as g\nx = g('A')",
    "from dotenv import load_dotenv",
])
def test_detector_catches_every_spelling(source):
    assert _environment_reads(ast.parse(source))


def test_dotenv_fills_gaps_without_overriding(tmp_path, monkeypatch):
    from social_bot.settings import load_settings

    (tmp_path / ".env").write_text(
        "SOCIALBOT_USER=Dot Env\nSOCIALBOT_SPACY_MODEL=from_dotenv\nSOCIALBOT_HTTP_PORT=9999\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path))  # .env is read from the data dir
    monkeypatch.setenv("SOCIALBOT_HTTP_PORT", "8123")
    monkeypatch.delenv("SOCIALBOT_USER", raising=False)
    monkeypatch.delenv("SOCIALBOT_SPACY_MODEL", raising=False)
    settings = load_settings()
    assert settings.user == "Dot Env"
    assert settings.spacy_model == "from_dotenv"
    assert settings.http_port == 8123  # the real environment wins
    import os

    assert "SOCIALBOT_USER" not in os.environ  # .env never leaks into os.environ
