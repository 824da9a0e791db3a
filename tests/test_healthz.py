"""/healthz tells any caller only whether the database answers; the detail of a failure
goes to the log, without the database URL's password or any secret setting."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest
import requests
from sqlalchemy.exc import OperationalError
from test_web_support import chat_app_fixture  # noqa: F401 - fixture

from social_bot.db.engine import Database
from social_bot.logs import JsonFormatter, secret_values

PASSWORD = "hunter2-not-real-pw"  # noqa: S105 - a made-up password the test hunts for
# Port 1 on loopback: nothing listens, the connection is refused at once.
DEAD_URL = f"postgresql+psycopg://clinic_user:{PASSWORD}@127.0.0.1:1/socialbot?connect_timeout=5"


class _LeakyDriver(Exception):
    """A driver message that quotes the connection string, as some do on a bad DSN."""


def _failing_ping(app) -> None:  # noqa: ANN001
    def read():  # noqa: ANN202
        raise OperationalError("SELECT 1", {}, _LeakyDriver(
            f"invalid connection option in {DEAD_URL.replace('+psycopg', '')} "
            f"password={PASSWORD} token=EAAB-page-token-value\nsecond line"))

    app._db.read = read


@pytest.fixture
def records(caplog):  # noqa: ANN001, ANN201
    caplog.set_level(logging.WARNING, logger="social_bot.web.asgi")
    return caplog


@pytest.mark.parametrize("breakage", ["refused", "driver_quotes_url"])
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_unhealthy_database_is_a_bare_503_and_a_masked_log_line(
        chat_app, records, breakage: str) -> None:  # noqa: ANN001
    from social_bot.web import build_asgi_app, serve_in_thread

    env = {**chat_app.settings.env, "DATABASE_URL": DEAD_URL,
           "FACEBOOK_PAGE_TOKEN": "EAAB-page-token-value"}
    chat_app.settings = replace(chat_app.settings, env=env, database_url=DEAD_URL)
    healthy_db = chat_app._db
    if breakage == "refused":
        chat_app._db = Database(DEAD_URL)
    else:
        _failing_ping(chat_app)
    server = serve_in_thread(build_asgi_app(chat_app))
    try:
        answer = requests.get(f"{server.url}/healthz", timeout=60)
    finally:
        server.stop()
        if chat_app._db is not healthy_db:
            chat_app._db.dispose()
            chat_app._db = healthy_db
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}  # no host, user or driver text
    (record,) = [r for r in records.records if r.getMessage() == "healthz.unavailable"]
    line = JsonFormatter(secret_values(env)).format(record)
    logged = json.loads(line)["error"]
    assert logged.startswith("database error:")
    for secret in (PASSWORD, "EAAB-page-token-value"):
        assert secret not in record.error and secret not in line
    if breakage == "refused":
        assert "127.0.0.1" in logged  # the operator still learns where it failed
    else:
        assert "clinic_user:***@" in logged and "second line" not in logged
