"""Session 55: the date-bound platform facts re-read on 2026-12-07 (docs/history/security.md).

Nothing dated moved; one answer's shape did: the only public report of what LinkedIn says to a
post whose image another author owns is HTTP 400 with "One or more of the assets is not owned
by the author" (MicrosoftDocs/feedback issue 1815), where the sandbox answered 422 since
session 54 (a guess between 422 and 403)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
import requests
from test_s54_sandbox_strict import OTHER_ORG, li_image, li_post, posts

from adapters.base import AuthError, PermanentError
from adapters.linkedin import error_for
from adapters.versions import VERSIONS, earliest_sunset, sunset_date
from social_bot.accounts.status import VERSION_WARN, Facts, Level, evaluate
from social_bot.sandbox import SandboxServer, start_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as running:
        yield running


def test_linkedin_answers_a_foreign_image_with_the_400_it_was_seen_to_send(
        sandbox: SandboxServer) -> None:
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    foreign = li_image(sandbox, OTHER_ORG)
    answer = li_post(sandbox, content={"media": {"id": foreign}})
    assert answer.status_code == 400
    assert answer.json() == {
        "status": 400,
        "message": "com.linkedin.publishing.util.common.ResponseException: One or more of "
                   "the assets is not owned by the author. All assets must be owned by the "
                   "author"}
    assert posts(sandbox, "linkedin") == []


def test_that_answer_fails_the_post_and_does_not_hold_it_for_a_reconnect() -> None:
    """A 403 on POST /rest/posts is an AuthError (held until `connect linkedin`): had LinkedIn
    answered a foreign image with 403, as one guess had it, the adapter would wait for a
    reconnect that cannot help. LinkedIn's 400 is a request to fix: one line, not retried."""
    response = requests.Response()
    response.status_code = 400
    response._content = (b'{"status": 400, "message": "com.linkedin.publishing.util.common.'
                         b'ResponseException: One or more of the assets is not owned by the '
                         b'author. All assets must be owned by the author"}')
    error = error_for(response, "POST", "/rest/posts")
    assert isinstance(error, PermanentError) and not isinstance(error, AuthError)
    assert "not owned by the author" in str(error) and "\n" not in str(error)


def _version_findings(platform: str, version: str, today: datetime) -> list[tuple[Level, str]]:
    dated = sunset_date(platform, version)
    floor = earliest_sunset(platform, version)
    facts = Facts(platform, configured=True, never_expires=True, api_version=version,
                  version_sunset=dated or floor,
                  version_sunset_estimated=dated is None and floor is not None)
    return [(f.level, f.message) for f in evaluate(facts, today).findings
            if "API version" in f.message]


@pytest.mark.parametrize("entry", VERSIONS, ids=lambda v: f"{v.platform}-{v.version}")
def test_check_warns_ahead_of_every_dated_sunset(entry) -> None:  # noqa: ANN001
    """Every date in adapters/versions.py gets its warning VERSION_WARN (30 days) ahead."""
    day = datetime.combine(entry.sunset, time(12), tzinfo=UTC)
    assert _version_findings(entry.platform, entry.version,
                             day - VERSION_WARN - timedelta(days=1)) == []
    [(level, message)] = _version_findings(entry.platform, entry.version, day - VERSION_WARN)
    assert level == Level.WARN and f"is retired on {entry.sunset}" in message
    [(level, message)] = _version_findings(entry.platform, entry.version, day)
    assert level == Level.PROBLEM and "was retired" in message


@pytest.mark.parametrize("version", ["202604", "202605", "202607"])
def test_check_warns_ahead_of_the_earliest_sunset_of_an_undated_linkedin_version(
        version: str) -> None:
    """202604 and 202605 exist (LinkedIn's DMA changelog names them; read 2026-12-07) but no
    page we read dates their sunset: check warns before the earliest day they can go."""
    floor = earliest_sunset("linkedin", version)
    assert floor is not None
    day = datetime.combine(floor, time(12), tzinfo=UTC)
    [(level, _)] = _version_findings("linkedin", version, day - VERSION_WARN - timedelta(1))
    assert level == Level.NOTE
    [(level, message)] = _version_findings("linkedin", version, day - VERSION_WARN)
    assert level == Level.WARN and f"not before {floor}" in message
