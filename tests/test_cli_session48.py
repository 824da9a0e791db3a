"""Session 48: what an outside newcomer's walk-through of the CLI found. `post edit --media`
and `--no-media`; a revoked authorization shown as blocking, with the live posts naming the
patient and a chat notice for the voided votes; lists piped without truncation; a keep of a
`phi`-flagged comment needs a reason; help and hints that say what is true."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from dates_ahead import a_year_ahead
from PIL import Image
from sqlalchemy import select, update
from test_comments_review import RecordingAdapter, published_facebook_post
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_dismissals import PATIENT, STORY, name_screener

from policies.review import DismissReason
from social_bot import outbox
from social_bot.approvals import approve
from social_bot.cli import cli, main
from social_bot.consents import add_consent, revoke_consent
from social_bot.db.models import AuditRecord, Comment, Delivery, OutboxMessage, Post
from social_bot.dismissals import dismiss
from social_bot.errors import UserError
from social_bot.posts import create_post, prepare_draft, show_post

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def invoke(monkeypatch, cli_env, capsys):  # noqa: ANN001, ANN201
    """Run the command as `socialbot` does (errors as one line, exit 2), stdout not a
    terminal, on the given app; ``output`` is stdout then stderr."""
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)

    def run(app, *args: str) -> SimpleNamespace:  # noqa: ANN001
        for module in ("posts_cmd", "review_cmd", "comments_cmd"):
            monkeypatch.setattr(f"social_bot.cli.{module}.open_app",
                                lambda policy_required=False: app)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return SimpleNamespace(exit_code=code, output=out.out + out.err, stdout=out.out)

    return run


# --- 1. post edit --media / --no-media ----------------------------------------------------


def _png(path: Path, colour: tuple[int, int, int]) -> str:
    Image.new("RGB", (320, 200), colour).save(path)
    return str(path)


@sqlite_only
def test_edit_replaces_or_removes_the_images(make_app, invoke, tmp_path) -> None:  # noqa: ANN001
    """A post blocked by what goes with its image (here its alt text) had no way out but a
    purge: `post edit --media` said "No such option"."""
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our new garden", ["facebook"], media=[_png(tmp_path / "a.png", (20, 120, 40))],
        alts=["SSN-LIKE on the sign"]))
    assert show_post(app, post_id)["status"] == "blocked_phi"

    both = invoke(app, "post", "edit", str(post_id), "--media",
                  str(tmp_path / "a.png"), "--no-media")
    assert both.exit_code == 2 and "give one of them" in both.output
    assert show_post(app, post_id)["revision"] == 1  # nothing changed

    removed = invoke(app, "post", "edit", str(post_id), "--no-media")
    assert removed.exit_code == 0, removed.output
    detail = show_post(app, post_id)
    assert detail["revision"] == 2 and detail["media"] == []
    assert detail["status"] == "pending_approval"  # the alt text went with the image
    assert "1 image(s) removed" in removed.output

    new = _png(tmp_path / "b.png", (200, 180, 40))
    added = invoke(app, "post", "edit", str(post_id), "--media", new,
                   "--alt", "Sunflowers by the front door")
    assert added.exit_code == 0, added.output
    detail = show_post(app, post_id)
    assert detail["revision"] == 3 and detail["status"] == "pending_approval"
    [image] = detail["media"]
    assert image["alt"] == "Sunflowers by the front door" and image["path"] != new
    # the same checks as create: the alt text is screened like the text
    blocked = invoke(app, "post", "edit", str(post_id), "--media", new,
                     "--alt", "SSN-LIKE again")
    assert blocked.exit_code == 0 and show_post(app, post_id)["status"] == "blocked_phi"


# --- 2. a revoked authorization ---------------------------------------------------------


def _relying_story(app, cid: int) -> int:  # noqa: ANN001
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    return post_id


def test_revoke_names_live_posts_and_tells_the_approvers(make_app, invoke) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    pending, live = _relying_story(app, cid), _relying_story(app, cid)
    approve(app, DANA, pending)
    with app.db.write() as session:  # published before the patient withdrew
        session.execute(update(Post).where(Post.id == live).values(status="published"))
        session.execute(update(Delivery).where(Delivery.post_id == live).values(
            status="published", remote_id="111_222",
            url="https://www.facebook.com/111_222"))

    done = invoke(app, "consent", "revoke", str(cid), "--reason",
                  "the patient withdrew it in writing")
    assert done.exit_code == 0, done.output
    assert f"post {pending} is blocked_phi again: its approvals no longer count" in done.output
    # where it is and what to do (session 51, the newcomer #8): socialbot deletes no post
    assert (f"post {live} is live and names this patient; if the patient asked, delete it on "
            "each platform by hand (socialbot cannot): facebook https://www.facebook.com/111_222 "
            '(docs/accounts.md, "Taking a published post down")') in done.output
    assert show_post(app, live)["status"] == "published"  # socialbot cannot take it down

    with app.db.read() as session:
        rows = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == str(outbox.Kind.POST_CONSENT_REVOKED))).all()
        [message] = [outbox.from_row(r.kind, r.post_id, r.comment_id, r.payload) for r in rows]
    assert message == outbox.PostConsentRevoked(post_id=pending, revision=1, consent=cid,
                                                approvals_voided=1)
    from social_bot.notify import render

    text = render(app, message)["text"]
    assert f"authorization #{cid}" in text and "1 approval(s)" in text
    assert PATIENT not in text  # ids and counts only


def test_show_marks_a_finding_whose_authorization_was_revoked_as_blocking(  # noqa: ANN001
        make_app, invoke) -> None:
    app = make_app(screener=name_screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    post_id = _relying_story(app, cid)
    before = invoke(app, "post", "show", str(post_id))
    assert "F1 OK" in before.output and "BLOCKS" not in before.output
    assert revoke_consent(app, AUTHOR, cid, "withdrawn").blocked == (post_id,)

    after = invoke(app, "post", "show", str(post_id))
    assert after.exit_code == 0, after.output
    assert "blocked by the PHI screen" in after.output  # in words (session 52)
    assert "F1 BLOCKS" in after.output and "F1 OK" not in after.output
    assert f"authorization #{cid} was revoked" in after.output


def test_revoke_with_a_post_approved_by_two_voids_both(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    post_id = _relying_story(app, cid)
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    done = revoke_consent(app, AUTHOR, cid, "withdrawn")
    assert done.blocked == (post_id,) and done.live == ()
    with app.db.read() as session:
        [row] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == str(outbox.Kind.POST_CONSENT_REVOKED))).all()
        assert row.payload["approvals_voided"] == 2


# --- 3. lists piped or redirected ---------------------------------------------------------


def test_post_list_piped_keeps_every_column_and_the_whole_text(make_app, invoke,  # noqa: ANN001
                                                                monkeypatch) -> None:
    app = make_app()
    text = ("Our flu-shot clinic is open Saturday from nine to noon at the east entrance; "
            "bring your insurance card and wear a short-sleeved shirt")
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["facebook", "x"]))
    monkeypatch.setenv("COLUMNS", "80")
    done = invoke(app, "post", "list")
    assert done.exit_code == 0, done.output
    header, row = done.stdout.splitlines()
    assert header.split("\t") == ["id", "status", "rev", "ok", "on", "at", "author", "text"]
    cells = row.split("\t")
    assert cells[0] == str(post_id) and cells[1] == "pending_approval"
    assert cells[-1] == text  # nothing cut at 80 columns


def test_comments_list_piped_keeps_the_text(make_app, db, invoke, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    words = "[b]brackets stay[/b] and a long comment " + "that goes on " * 8 + "to the end"
    with db.write() as session:
        post = published_facebook_post(session)
        session.add(Comment(delivery_id=post.deliveries[0].id, post_id=post.id,
                            platform="facebook", remote_id="200_9", author="Casey",
                            text=words, flags=[], state="new"))
    monkeypatch.setenv("COLUMNS", "80")
    done = invoke(app, "comments", "list")
    assert done.exit_code == 0, done.output
    rows = [line.split("\t") for line in done.output.splitlines() if "\t" in line]
    assert rows[0][-1] == "text" and rows[1][-1] == words and rows[1][-2] == "Casey"


# --- 4. keeping a comment flagged phi -----------------------------------------------------


@pytest.fixture
def hidden_phi(db):  # noqa: ANN001, ANN201
    with db.write() as session:
        post = published_facebook_post(session)
        comment = Comment(delivery_id=post.deliveries[0].id, post_id=post.id,
                          platform="facebook", remote_id="200_1", author="Alma",
                          text="my A1C is 9.2",
                          flags=[{"flag": "phi", "score": 0.9, "reason": "health detail"}],
                          state="flagged", hidden_on_platform=True)
        session.add(comment)
        session.flush()
        return comment.id


def _comment(app, comment_id: int) -> Comment:  # noqa: ANN001
    with app.db.read() as session:
        return session.get(Comment, comment_id)


def test_keep_of_a_phi_comment_needs_a_reason(make_app, invoke, hidden_phi,  # noqa: ANN001
                                              monkeypatch) -> None:
    app = make_app()
    adapter = RecordingAdapter()
    monkeypatch.setattr("social_bot.comments._default_adapters", lambda _app: lambda _p: adapter)
    bare = invoke(app, "comments", "resolve", str(hidden_phi),
                  "--action", "keep")
    assert bare.exit_code == 2
    assert len(bare.output.strip().splitlines()) == 1 and "--reason" in bare.output
    assert adapter.calls == [] and _comment(app, hidden_phi).hidden_on_platform  # nothing lost

    kept = invoke(app, "comments", "resolve", str(hidden_phi),
                  "--action", "keep", "--reason", "own_disclosure")
    assert kept.exit_code == 0, kept.output
    assert (f"comment {hidden_phi} is visible again on facebook; it was hidden for phi: "
            "health detail") in kept.output
    assert adapter.calls == [("unhide", "200_1")]
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "comment.kept")).one()
    assert json.loads(record.detail)["why"] == {"reason": "own_disclosure"}


def test_a_reason_in_own_words_is_screened_and_kept_as_a_digest(make_app, hidden_phi,  # noqa: ANN001
                                                                monkeypatch) -> None:
    from social_bot.comments import resolve_comment

    app = make_app()
    adapter = RecordingAdapter()
    factory = lambda _p: adapter  # noqa: E731
    with pytest.raises(UserError, match="patient details"):
        resolve_comment(app, "Pat", hidden_phi, "keep", factory, keep_reason="SSN-LIKE is ok")
    assert adapter.calls == []
    words = "the commenter asked us to show it"
    resolve_comment(app, "Pat", hidden_phi, "keep", factory, keep_reason=words)
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "comment.kept")).one()
    why = json.loads(record.detail)["why"]
    assert why["reason"] == "own_words" and why["words"]["chars"] == len(words)
    assert words not in record.detail


# --- 5. help and hints ---------------------------------------------------------------------


def test_the_dismiss_reasons_are_the_enum_and_the_hint_lists_them(make_app, invoke) -> None:  # noqa: ANN001
    from social_bot.cli.review_cmd import REASONS

    assert tuple(str(r) for r in DismissReason) == REASONS
    app = make_app(screener=name_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    shown = invoke(app, "post", "show", str(post_id))
    assert f"--reason {'|'.join(REASONS)}" in " ".join(shown.output.split())


def test_the_as_help_says_what_the_audit_keeps() -> None:
    done = CliRunner().invoke(cli, ["post", "create", "--help"])
    said = " ".join(done.output.split())
    assert "keeps only its length and a keyed digest" in said


def test_a_one_word_patient_name_is_warned_about(make_app, caplog) -> None:  # noqa: ANN001
    app = make_app()
    add_consent(app, AUTHOR, "Ann", ["name"], a_year_ahead(), form_ref="f")
    assert "the patient's name is one word" in caplog.text
    caplog.clear()
    add_consent(app, AUTHOR, "Ann Lee", ["name"], a_year_ahead(), form_ref="f")
    assert "one word" not in caplog.text


def test_an_x_token_from_the_environment_says_why_the_username_is_unknown(tmp_path) -> None:
    from social_bot.x_reply_check import Verdict, check_x_reply

    env = {"X_ACCESS_TOKEN": "t", "X_ACCESS_TOKEN_SECRET": "s"}
    found = check_x_reply(env, tmp_path, comment_id=4, comment_text="hi", comment_remote_id="9",
                          post_id=1, published_from=None)
    assert found.verdict is Verdict.UNKNOWN
    [line] = found.warnings
    assert "comes from the environment" in line and "X_USERNAME" in line
