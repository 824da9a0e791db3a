"""Session 53: small defects session 52 left open (its closing note), each pinned here.
The comments, names and ids are written for these tests (synthetic).

2. `comments resolve ID --action keep` on a LinkedIn comment built the platform's adapter
   before knowing whether a call was needed: with no LinkedIn settings the person saw
   "unexpected AuthError". A keep of a comment that is not hidden makes no platform call, so
   it needs no credentials; a decision that does need the platform says what to set.
"""

from __future__ import annotations

import pytest
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_polish_session52 import _linkedin_comment

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _without_linkedin(monkeypatch: pytest.MonkeyPatch, app) -> None:  # noqa: ANN001
    for name in ("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORG_ID"):
        monkeypatch.delenv(name, raising=False)
    assert not app.settings.env.get("LINKEDIN_ACCESS_TOKEN")
    monkeypatch.setattr("social_bot.accounts.store.platform_env",
                        lambda env, _data_dir: dict(env))


# --- 2. resolve keep on LinkedIn without credentials ----------------------------------------


@sqlite_only
def test_keeping_a_visible_linkedin_comment_needs_no_credentials(make_app, invoke,  # noqa: ANN001, F811
                                                                monkeypatch) -> None:
    app = make_app()
    _without_linkedin(monkeypatch, app)
    comment_id = _linkedin_comment(app, flagged=True)
    done = invoke(app, "comments", "resolve", str(comment_id), "--action", "keep")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"comment {comment_id} is now kept"
    assert "unexpected" not in done.output


@sqlite_only
def test_a_delete_without_credentials_says_what_to_set(make_app, invoke,  # noqa: ANN001, F811
                                                       monkeypatch) -> None:
    app = make_app()
    _without_linkedin(monkeypatch, app)
    comment_id = _linkedin_comment(app, flagged=True)
    done = invoke(app, "comments", "resolve", str(comment_id), "--action", "delete")
    assert done.exit_code == 2, done.output
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1, done.output
    assert "unexpected" not in done.output and "AuthError" not in done.output
    assert "LINKEDIN_ACCESS_TOKEN" in lines[0] and "socialbot connect linkedin" in lines[0]
