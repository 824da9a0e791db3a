"""`socialbot --help` and `post list` stay light: no spaCy, tweepy or platform code."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "tweepy", "presidio_analyzer", "vaderSentiment", "adapters.x",
         "adapters.facebook", "adapters.linkedin", "requests", "policies.phi.model")

PROBE = """
import json, sys
from social_bot.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded_modules(args: list[str], env: dict[str, str]) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True,
                          text=True, timeout=60)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def test_help_imports_nothing_heavy(cli_env):
    code, modules = loaded_modules(["--help"], cli_env)
    assert code == 0
    assert not [m for m in HEAVY if m in modules]
    assert "sqlalchemy" not in modules


def test_post_list_imports_no_nlp_or_platform_code(cli_env):
    code, modules = loaded_modules(["post", "list", "--json"], cli_env)
    assert code == 0
    assert not [m for m in HEAVY if m in modules]
