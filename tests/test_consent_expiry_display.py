"""`consent add --expires 2027-06-30` is valid through the 30th (stored as the first
instant of 1 July in the practice's zone, here UTC) and every place a person reads it shows
the 30th (security review, finding 12); the check at publish still uses the stored instant;
tests/test_session44_expiry.py has other zones."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from dates_ahead import a_year_ahead, day_after
from test_daemon_helpers import AUTHOR

from policies.review import ConsentTerms, Scope, consent_problem, validity
from social_bot.chat.guard import post_for_chat
from social_bot.chat.render import post_card
from social_bot.consents import add_consent, list_consents, parse_expiry
from social_bot.dismissals import dismiss, dismissal_line
from social_bot.posts import create_post, prepare_draft, show_post

NAME = "Ilse Marchetti"
EXPIRES = a_year_ahead()  # June 30 next year: the real clock checks it is ahead


def test_a_typed_day_reads_as_that_day_and_ends_after_it() -> None:
    before = datetime(2026, 12, 2, tzinfo=UTC)  # an injected clock: these dates stay fixed
    stored = parse_expiry("2027-06-30", now=before, zone=UTC)
    assert stored == datetime(2027, 7, 1, tzinfo=UTC)
    assert validity(stored, UTC) == "through 2027-06-30"
    assert validity(parse_expiry("2027-06-30T09:30-07:00", now=before), UTC) == \
        "until 2027-06-30 16:30 UTC"
    terms = ConsentTerms(id=3, patient_name=NAME, scopes=(Scope.NAME,), expires_at=stored,
                         zone=UTC)
    assert consent_problem(terms, stored - timedelta(seconds=1)) is None  # the 30th, 23:59:59
    late = consent_problem(terms, stored)
    assert late == "authorization #3 expired (it was valid through 2027-06-30)"


def _screener(texts, context="post"):  # noqa: ANN001, ANN201
    out = []
    for body in texts:
        start = body.find(NAME)
        out.append([SimpleNamespace(category="name", start=start, end=start + len(NAME),
                                    text=NAME, severity="block", score=0.9,
                                    rule="name+patient",
                                    reason="a name tied to care", redaction="[patient name]")]
                   if start >= 0 else [])
    return out


def test_card_post_show_and_list_show_the_day_typed(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener)
    cid = add_consent(app, AUTHOR, NAME, ["name"], EXPIRES, form_ref="cabinet B")
    [row] = list_consents(app)
    assert row["valid"] == f"through {EXPIRES}"
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, f"{NAME} ran the harbour 10k with us.", ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    detail = show_post(app, post_id)
    line = dismissal_line(detail["findings"][0])
    assert f"valid through {EXPIRES}" in line and day_after(EXPIRES) not in line
    card = json.dumps(post_card(post_for_chat(detail), 2))
    assert day_after(EXPIRES) not in card


def test_consent_list_table_shows_the_day_typed(cli_env) -> None:  # noqa: ANN001
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "social_bot", *args],
                              env={**cli_env, "COLUMNS": "200"},
                              capture_output=True, text=True, timeout=120)

    assert run("init").returncode == 0
    added = run("consent", "add", "--name", NAME, "--scope", "name", "--expires",
                EXPIRES, "--form", "cabinet B")
    assert added.returncode == 0, added.stderr
    table = run("consent", "list").stdout
    assert f"through {EXPIRES}" in table and day_after(EXPIRES) not in table
