"""`.env.example` lists every setting the code reads (session 52 left two daemon settings
out of it, documented only in docs/daemon.md's table).

A setting is a string constant in social_bot/, policies/ or adapters/ spelled like one of
socialbot's names (SOCIALBOT_*, a platform's or a chat's prefix, DATABASE_URL). Each must
have a `NAME=` line in `.env.example`; an older alias still read for compatibility must at
least be named in a comment there.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("social_bot", "policies", "adapters")
SETTING = re.compile(
    r"^(?:SOCIALBOT|LINKEDIN|FACEBOOK|X|SLACK|MATTERMOST)_[A-Z0-9_]+$|^DATABASE_URL$")
# Older names still read when the new one is empty: named in a comment, no line of their own.
ALIASES = {"LINKEDIN_VERSION"}


def _settings_in_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and SETTING.match(node.value)):
                    found.setdefault(node.value, str(path.relative_to(ROOT)))
    return found


def _example_text() -> str:
    return (ROOT / ".env.example").read_text(encoding="utf-8")


def _listed(text: str) -> set[str]:
    # "NAME=" at a line's start, or the commented example "# DATABASE_URL=postgresql..."
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.M))


def test_every_setting_the_code_reads_is_in_env_example():
    text = _example_text()
    listed = _listed(text)
    missing = {name: where for name, where in _settings_in_code().items()
               if name not in listed and not (name in ALIASES and name in text)}
    assert not missing, f".env.example lacks (first read in): {missing}"


def test_the_daemon_settings_session_52_added_are_listed():
    listed = _listed(_example_text())
    assert {"SOCIALBOT_CHAT_SOCKET", "SOCIALBOT_VOTE_KEY_ACCEPT"} <= listed


def test_the_scan_sees_the_settings_module():
    """The scanner itself works: it finds names read in settings.py and elsewhere."""
    found = _settings_in_code()
    assert {"SOCIALBOT_DATA_DIR", "SOCIALBOT_CHAT_SOCKET", "LINKEDIN_ACCESS_TOKEN"} <= set(found)


def test_every_listed_line_is_a_setting_the_code_knows():
    """No stale line: each NAME= in .env.example is read somewhere."""
    stale = _listed(_example_text()) - set(_settings_in_code())
    assert not stale, f".env.example lists settings nothing reads: {sorted(stale)}"
