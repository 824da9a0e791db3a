"""Shared fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL comes from SOCIALBOT_TEST_PG_URL (default: the local server, database `test`);
each test session creates its own database there and drops it at the end. When no server
answers, PostgreSQL cases are skipped locally and fail under CI (CI=true), so a green CI
always means both back ends ran.
"""

from __future__ import annotations

import os
import secrets
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from social_bot.audit_key import AuditKeys
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade

# The audit chain's HMAC key in tests (the real one lives in the data dir or the environment).
TEST_AUDIT_KEY = "test-audit-key-" + "0123456789abcdef" * 2
TEST_KEYS = AuditKeys.from_secret(TEST_AUDIT_KEY)


def blocking(screen: Any, text: str, context: str = "post") -> list[str]:
    """A PHI screen's blocking findings for one text, as "category:text" (PHI tests)."""
    return [f"{f.category}:{f.text}" for f in screen.screen(text, context=context)
            if f.severity == "block"]


def blocking_rules(screen: Any, text: str, context: str = "post") -> set[str]:
    """The rules behind a PHI screen's blocking findings for one text (PHI tests)."""
    return {f.rule for f in screen.screen(text, context=context) if f.severity == "block"}


def auto_hidden(text: str) -> bool:
    """Whether the default moderation policy hides one comment (comment tests)."""
    from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide

    policy = ModerationPolicy()
    return should_auto_hide(CommentClassifier(policy).classify(text), policy)



PG_ADMIN_URL = os.environ.get(
    "SOCIALBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TABLES = ("call_budget", "hold_releases", "post_holds", "chat_refusals", "chat_views",
          "chat_replays", "account_notices", "finding_dismissals", "consents", "outbox",
          "audit_records", "approvals", "findings", "comments", "deliveries", "revisions",
          "posts")

POLICY_TOML = textwrap.dedent(
    """
    [approval]
    required = 2
    approvers = [
      { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", os_user = "dana" },
      { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", os_user = "luis" },
      { name = "Mina Okafor",    slack_id = "U03MINA", mattermost_id = "mina", os_user = "mina" },
    ]

    [phi]
    allow_names = ["Dr. Priya Raman", "Northside Family Medicine"]
    allow_addresses = ["1200 Harbor Blvd, Suite 4, Tacoma, WA 98402"]
    allow_phones = ["+1 253 555 0100"]
    allow_domains = ["northsidefm.example"]

    [moderation]
    auto_hide = ["phi", "abuse"]
    monitor_days = 14
    """
)


def flag_names(classifier: Any, text: str) -> set[str]:
    """The flags a comment classifier raises on one comment (comment tests)."""
    return {f.flag for f in classifier.classify(text)}


@pytest.fixture(autouse=True)
def chat_door_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every App a test builds in-process takes votes as the chat door (the daemon) does:
    the vote key the daemon's first start makes is in the test's data directory, where a
    `socialbot` subprocess on that directory finds it too. A test that plays someone
    without the door's key names another SOCIALBOT_VOTE_KEY_FILE (tests/test_vote_seal.py)."""
    from social_bot import vote_seal

    real = vote_seal.key_file
    base = tmp_path_factory.getbasetemp()

    def door_key(settings: Any) -> Path:
        if settings.vote_key_file is not None:
            return real(settings)
        path = real(settings)
        if not path.is_relative_to(base):  # a test without a data dir of its own
            path = base / "door" / "vote.key"
        vote_seal.create_key(path)
        return path

    # its own patch: a test's `monkeypatch.undo()` must not take the door's key away
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vote_seal, "key_file", door_key)
        yield


@pytest.fixture(scope="module")
def screened_classifier() -> Any:
    """The comment classifier with the default policy and the PHI screen (empty allow-list),
    which reads the phones, dates and handles the comment rules start from."""
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason

    screen, note = phi_screen_or_reason(None)
    assert screen is not None, note
    return CommentClassifier(ModerationPolicy(), screen)


@pytest.fixture(scope="module")
def rules_phi() -> Any:
    """The PHI screen's rules alone, without the learned parts (tests that pin a rule's
    constructions, whose decisions a learned score must not mask)."""
    from policies.phi import PhiScreen

    return PhiScreen(learned=False)


def _pg_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("SOCIALBOT_REQUIRE_PG"))


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated to head."""
    admin_url = make_url(PG_ADMIN_URL)
    if admin_url.drivername == "postgresql":
        admin_url = admin_url.set(drivername="postgresql+psycopg")
    name = f"sbtest_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        admin.dispose()
        message = f"PostgreSQL not reachable at {admin_url.render_as_string()}: {exc}"
        if _pg_required():
            pytest.fail(message)
        pytest.skip(message)
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    upgrade(db)
    db.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = :g"), {"g": "0" * 64})
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database on each back end."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'socialbot.db'}"
        db = Database(url)
        upgrade(db)
        db.dispose()
        return url
    url = request.getfixturevalue("pg_url")
    _reset_pg(url)
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url, audit_keys=TEST_KEYS)
    yield database
    database.dispose()


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(POLICY_TOML, encoding="utf-8")
    return path


@pytest.fixture
def cli_env(tmp_path: Path, database_url: str, policy_file: Path) -> dict[str, str]:
    """Environment for running the `socialbot` command against the test database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    env.update({
        "SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url,
        "SOCIALBOT_POLICY": str(policy_file),
        "SOCIALBOT_USER": "Pat Author",
        "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
    })
    return env


def keyword_screener(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in PHI screen for state-machine tests: blocks the literal word SSN-LIKE."""
    from types import SimpleNamespace as Finding

    results = []
    for body in texts:
        found = []
        start = body.find("SSN-LIKE")
        if start >= 0:
            found.append(Finding(category="ssn", start=start, end=start + 8, text="SSN-LIKE",
                                 severity="block", score=1.0, rule="test", reason="test finding",
                                 redaction="[ssn]"))
        results.append(found)
    return results


@pytest.fixture
def make_app(db: Database, policy_file: Path, tmp_path: Path) -> Callable[..., object]:
    """An App on the test database with the test policy and a stand-in screen."""
    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.settings import load_settings

    def build(screener=keyword_screener, validator=None):  # noqa: ANN001, ANN202
        settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                                  "DATABASE_URL": db.url,
                                  "SOCIALBOT_POLICY": str(policy_file),
                                  "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                                  # an expiry day ends at midnight in this zone: the tests'
                                  # dates must not move with the machine's
                                  "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
        return App(settings, db=db, policy=load_policy_file(policy_file), screener=screener,
                   validator=validator or (lambda platform, text, media: []))

    return build


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow trials first: with pytest-xdist the longest tests then overlap the many short
    ones instead of running alone at the end (the suite's wall time is the longest worker)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="module")
def phi():  # noqa: ANN201
    """The PHI rules alone, with tests/data/phi's allow-list: the PHI tests pin the rules'
    constructions (the learned second opinion is tested in test_phi_learned.py and measured
    by its trainer and bench/phi_eval.py). Modules with another allow-list override it."""
    import tomllib

    from policies.phi import PhiAllowList, PhiScreen

    policy = tomllib.loads((Path(__file__).parent / "data" / "phi" / "policy.toml").read_text())
    return PhiScreen(PhiAllowList.from_toml(policy["phi"]), learned=False)


@pytest.fixture
def sandbox():  # noqa: ANN201
    """The platform sandbox on 127.0.0.1 for one test.

    A module that needs a token, a fault delay or module scope defines its own.
    """
    from social_bot.sandbox import start_sandbox

    with start_sandbox() as server:
        yield server
