"""The newcomer walk-through of session 51 (docs/history/security.md, "Session 51: newcomer"): each
test names the report's finding it covers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import insert, select
from test_cli_session48 import invoke  # noqa: F401 - a fixture
from test_session43_cli import SQLITE, env, run_main  # noqa: F401 - env is a fixture
from test_web_support import new_post

from social_bot import audit
from social_bot.chat_views import check_views, seal_view
from social_bot.db.models import ChatView, utcnow
from social_bot.export_key import SigningKey, create_signing_key
from social_bot.posts import show_post

DANA, LUIS = "slack:U01DANA", "slack:U02LUIS"


def run(environ: dict[str, str], *args: str, stdin: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=environ, input=stdin,
                          capture_output=True, text=True, timeout=180)


# --- #1: `audit verify` without the public half of the vote key -----------------------------


def officer(cli_env: dict[str, str], tmp_path: Path, with_pub: bool) -> dict[str, str]:
    """A shell without the daemon's vote key: its SOCIALBOT_VOTE_KEY_FILE names a folder of
    its own, holding a copy of vote.pub (the README's recipe) or nothing."""
    folder = tmp_path / ("officer-pub" if with_pub else "officer-none")
    folder.mkdir()
    if with_pub:
        shutil.copy(Path(cli_env["SOCIALBOT_DATA_DIR"]) / "vote.pub", folder / "vote.pub")
    return {**cli_env, "SOCIALBOT_VOTE_KEY_FILE": str(folder / "vote.key")}


def plant_view(app, post_id: int, identity: str) -> int:  # noqa: ANN001
    """A view row sealed with a key that is not the door's, as an author could write it."""
    content_hash = show_post(app, post_id)["revision_hash"]
    at = utcnow()
    forged = seal_view(SigningKey.generate(), identity, post_id, content_hash, at)
    with app.db.write() as session:
        session.execute(insert(ChatView).values(
            identity=identity, post_id=post_id, content_hash=content_hash, shown_at=at,
            seal=forged.signature, seal_key=forged.key_id))
        return session.scalar(select(ChatView.id).where(ChatView.identity == identity))


def test_view_seals_without_vote_pub_are_not_checked_not_broken(make_app, cli_env,
                                                                 tmp_path) -> None:  # noqa: ANN001
    app = make_app()
    new_post(app, shown_to=(DANA, LUIS))
    shell = officer(cli_env, tmp_path, with_pub=False)
    done = run(shell, "audit", "verify")
    assert done.returncode == 0, done.stderr
    assert "audit trail intact" in done.stdout
    assert "note: 2 chat view row(s) not checked (ids " in done.stderr
    assert "BROKEN" not in done.stderr
    anchored = run(shell, "audit", "anchor")
    assert anchored.returncode == 0, anchored.stderr
    create_signing_key(Path(cli_env["SOCIALBOT_DATA_DIR"]))  # `init` made it (the recipe copies it)
    out = tmp_path / "trail.csv"
    exported = run(shell, "audit", "export", "--format", "csv", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.exists()


def test_with_vote_pub_copied_every_view_seal_is_checked(make_app, cli_env,
                                                         tmp_path) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, shown_to=(DANA,))
    shell = officer(cli_env, tmp_path, with_pub=True)
    done = run(shell, "audit", "verify")
    assert done.returncode == 0, done.stderr
    assert "not checked" not in done.stderr
    row = plant_view(app, post_id, LUIS)
    broken = run(shell, "audit", "verify")
    assert broken.returncode == 1
    assert f"1 chat view row(s) fail their seal check (ids {row})" in broken.stderr


def test_a_planted_view_never_counts_whether_or_not_verify_could_check_it(make_app) -> None:  # noqa: ANN001
    from social_bot.chat.memory import was_shown

    app = make_app()
    post_id = new_post(app, shown_to=(DANA,))
    row = plant_view(app, post_id, LUIS)
    content_hash = show_post(app, post_id)["revision_hash"]
    with app.db.read() as session:
        unread = check_views(session, None)
    assert row in unread.unchecked and unread.bad == ()
    # the daemon checks the row with the key it holds: the planted one does not count
    assert not was_shown(app.db, LUIS, post_id, content_hash)
    assert was_shown(app.db, DANA, post_id, content_hash)
    result = _verified(app)
    assert not result.ok and f"(ids {row})" in result.problem


def _verified(app) -> audit.VerifyResult:  # noqa: ANN001
    with app.db.read() as session:
        return audit.verify(session)





# --- #5: SOCIALBOT_VOTE_KEY_FILE names a folder -----------------------------------------------


def test_a_vote_key_file_naming_a_folder_is_one_line_exit_2(cli_env, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "votekeys"
    folder.mkdir(mode=0o700)
    shell = {**cli_env, "SOCIALBOT_VOTE_KEY_FILE": str(folder)}
    for args in (("audit", "verify"), ("check",)):
        done = run(shell, *args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert lines == [f"error: SOCIALBOT_VOTE_KEY_FILE names a folder ({folder}); it takes "
                         f"the key's file path, e.g. {folder / 'vote.key'}, in a folder only "
                         "the daemon's account can write"], lines


def test_check_advises_a_file_path_for_the_vote_key(make_app) -> None:  # noqa: ANN001
    from social_bot import vote_seal

    app = make_app()
    said = " ".join(vote_seal.placement(app.settings))
    assert "in the data directory" in said
    assert "to a directory" not in said and "SOCIALBOT_VOTE_KEY_FILE to a file path" in said


# --- #6 and #2 (second half): socialbot's own words in chat ---------------------------------


def whole_lines(pattern: str):  # noqa: ANN201
    """A stand-in for the learned look that reads a whole line as an identifier."""
    import re
    from types import SimpleNamespace

    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        return [[SimpleNamespace(category="other_id", start=m.start(), end=m.end(),
                                 text=m.group(), severity="block", score=0.9, rule="test",
                                 reason="flagged", redaction="[identifier]")
                 for m in re.finditer(rf"[^\n]*(?:{pattern})[^\n]*", body)] for body in texts]
    return screen


def chat_sent(app, text: str) -> str:  # noqa: ANN001
    from social_bot.chat.guard import release

    return release(app, {"text": text}).body["text"]


REJECT_LINE = ("`/socialbot reject ID REASON` — reject, with a reason (no patient details: "
               "it is screened)")


def test_chat_help_passes_the_guard_whole_with_the_real_screen(make_app) -> None:  # noqa: ANN001
    from social_bot.approvals import VerifiedIdentity
    from social_bot.chat.commands import HELP, handle_command

    app = make_app(screener=None)  # the real PHI screen read the reject line as an identifier
    dana = VerifiedIdentity("slack", "U01DANA")
    out = chat_sent(app, handle_command(app, dana, "help").text)
    assert out == HELP and REJECT_LINE in out


def test_the_typo_answer_keeps_the_list_and_screens_the_typed_word(make_app) -> None:  # noqa: ANN001
    from social_bot.approvals import VerifiedIdentity
    from social_bot.chat.commands import HELP, handle_command

    app = make_app(screener=whole_lines("screened|Odile"))
    dana = VerifiedIdentity("slack", "U01DANA")
    out = chat_sent(app, handle_command(app, dana, "aprove").text)
    assert out.startswith("Refused: unknown command 'aprove'.") and out.endswith(HELP)
    typed = chat_sent(app, handle_command(app, dana, "Odile").text)
    assert "Odile" not in typed and typed.endswith(HELP)  # a person's word: still screened
    # the list typed by a person carries no mark: screened as any text
    assert REJECT_LINE not in chat_sent(app, HELP)


def test_a_flagged_comments_id_and_flags_survive_a_whole_line_finding(make_app) -> None:  # noqa: ANN001
    from social_bot.approvals import VerifiedIdentity
    from social_bot.chat.commands import handle_command
    from social_bot.db.models import Comment, Delivery

    # as the learned look read it: the whole line, socialbot's head with it
    app = make_app(screener=whole_lines(r"\[negative\]"))
    post_id = new_post(app)
    with app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform="x").one()
        row = Comment(delivery_id=delivery.id, post_id=post_id, platform="x", remote_id="c-9",
                      author="someone", text="I feel like giving up, nobody cares",
                      state="flagged", flags=[{"flag": "negative", "score": 0.8,
                                               "reason": "complaint"}])
        session.add(row)
        session.flush()
        comment_id = row.id
    out = chat_sent(app, handle_command(app, VerifiedIdentity("slack", "U01DANA"),
                                        "comments").text)
    assert f"• #{comment_id} x on post {post_id} [negative] " in out
    assert "nobody cares" not in out and "[identifier]" in out


# --- #9: `screen` refuses what `post create` refuses -----------------------------------------

TAGGED = "Flu shots are here\U000e0041 every weekday."


@SQLITE
def test_screen_refuses_a_tag_character_as_post_create_does(env, tmp_path) -> None:  # noqa: ANN001, F811
    tagged = tmp_path / "tag.txt"
    tagged.write_text(TAGGED, encoding="utf-8")
    said = "holds U+E0041 (tag latin capital letter a) at character 19"
    code, out, err = run_main("screen", "--file", str(tagged))
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and said in err, err
    code, _, created = run_main("post", "create", "--platform", "linkedin", "--file",
                                str(tagged))
    assert code == 2 and said in created
    assert err.split(said)[1] == created.split(said)[1]  # the same sentence after it
    batch = tmp_path / "calendar.txt"
    batch.write_text(f"Open house Sunday.\n{TAGGED}\n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert (code, out) == (2, "") and f"{batch}:2: the text {said}" in err


@SQLITE
def test_screen_of_a_comment_still_reads_it_as_it_came(env) -> None:  # noqa: ANN001, F811
    # a comment comes from the platform: no door of ours refused it, and the screen reads it
    code, out, err = run_main("screen", "--context", "comment", "--json", TAGGED)
    assert code == 0 and json.loads(out)["blocked"] is False, err


# --- #8: the same authorization recorded twice ------------------------------------------------


def test_consent_add_twice_warns_already_on_file(make_app, caplog) -> None:  # noqa: ANN001
    from dates_ahead import a_year_ahead

    from social_bot.consents import add_consent, revoke_consent
    from social_bot.posts import Staff

    app = make_app()
    pat = Staff("Pat Author", "pat")
    first = add_consent(app, pat, "Maria Gonzalez", ["name", "story"], a_year_ahead(),
                        form_ref="EHR 77")
    assert "already on file" not in caplog.text
    second = add_consent(app, pat, "maria  gonzalez", ["story", "name"], a_year_ahead(),
                         form_ref="EHR 77")
    assert (f"already on file as #{first}; #{second} is recorded too. If it was typed twice, "
            f"revoke one: `socialbot consent revoke {second}") in caplog.text
    assert "Maria" not in caplog.text and "maria" not in caplog.text  # a patient's name
    caplog.clear()
    add_consent(app, pat, "Maria Gonzalez", ["name"], a_year_ahead(), form_ref="EHR 77")
    assert "already on file" not in caplog.text  # another scope: another authorization
    revoke_consent(app, pat, first, "recorded twice")
    revoke_consent(app, pat, second, "recorded twice")
    add_consent(app, pat, "Maria Gonzalez", ["name", "story"], a_year_ahead(),
                form_ref="EHR 77")
    assert "already on file" not in caplog.text  # the earlier ones were revoked


# --- #10: an oversized image names the person's file, its size, the limit, the next step -----


def test_an_oversized_image_names_the_file_given_and_what_to_do(make_app, tmp_path,
                                                               monkeypatch) -> None:  # noqa: ANN001
    import pytest
    from PIL import Image

    import adapters.facebook
    from adapters import validate_draft
    from adapters.base import Draft
    from social_bot.errors import UserError
    from social_bot.posts import prepare_draft

    monkeypatch.setattr(adapters.facebook, "PHOTO_BYTES", 2000)  # a small image is too big
    photo = tmp_path / "holiday party.png"
    Image.effect_noise((64, 64), 80).convert("RGB").save(photo)
    app = make_app(validator=lambda platform, text, media: validate_draft(
        platform, Draft(text, media=tuple(media))))
    with pytest.raises(UserError) as refused:
        prepare_draft(app, "Our holiday party!", ["facebook"], media=[str(photo)])
    said = str(refused.value)
    assert said.startswith("facebook: holiday party.png is 0.0 MB (")
    assert ("bytes) after cleaning; Facebook takes at most 0.0 MB (2,000 bytes) an image: "
            "resize it (e.g. to 2048 px wide) and attach it again") in said
    assert not list((app.media_dir).glob("*.png"))  # the refused image left no file


# --- #11 (second half): `post list` piped gives a post's whole text, one line a row ---------


def test_post_list_piped_escapes_line_breaks_and_keeps_the_whole_text(
        make_app, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    # no tab: since s51-spaces2 a post's tab is stored as a space (a hidden-bit channel)
    text = "Flu shots are here!\n\nWalk in Monday to Friday, 8 to 5 (C:\\no\\path)."
    post_id = create_post(app, Staff("Pat Author", "pat"),
                          prepare_draft(app, text, ["facebook"]))
    monkeypatch.setenv("COLUMNS", "80")
    done = invoke(app, "post", "list")
    assert done.exit_code == 0, done.output
    header, row = done.stdout.splitlines()
    cells = row.split("\t")
    assert cells[0] == str(post_id) and len(cells) == len(header.split("\t"))
    assert cells[-1] == ("Flu shots are here!\\n\\nWalk in Monday to Friday, 8 to 5 "
                         "(C:\\\\no\\\\path).")
    unescaped = cells[-1].encode().decode("unicode_escape")  # what a script does
    assert unescaped == text


# --- #17: small ones --------------------------------------------------------------------------


def test_a_data_dir_that_is_a_file_is_said_in_one_line(cli_env, tmp_path) -> None:  # noqa: ANN001
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    shell = {**cli_env, "SOCIALBOT_DATA_DIR": str(a_file)}
    for args in (("init",), ("post", "list")):
        done = run(shell, *args)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            f"error: the data directory {a_file} (SOCIALBOT_DATA_DIR) is a file, not a folder: "
            "point SOCIALBOT_DATA_DIR at a folder (`socialbot init` makes it if missing)"]
    assert a_file.read_text(encoding="utf-8") == "x"  # nothing lost


def test_comments_reply_help_lists_the_templates(cli_env, tmp_path) -> None:  # noqa: ANN001
    from policies.moderation.policy import DEFAULT_REPLY_TEMPLATES

    policy = Path(cli_env["SOCIALBOT_POLICY"])
    own = tmp_path / "policy.toml"
    own.write_text(policy.read_text(encoding="utf-8") + "\n[moderation.reply_templates]\n"
                   'holiday_hours = "We are closed on Christmas Day; call us after."\n',
                   encoding="utf-8")
    done = run({**cli_env, "SOCIALBOT_POLICY": str(own)}, "comments", "reply", "--help")
    assert done.returncode == 0, done.stderr
    # the built-in ones, and the one the policy adds (session 52: "from policy.toml" read
    # as if every template came from it)
    assert f"Templates (built in, and holiday_hours from {own}):" in done.stdout
    listed = {line.split()[0] for line in done.stdout.split("Templates (")[1].splitlines()[1:]
              if line.startswith("  ") and not line.startswith("   ")}
    assert listed == {*DEFAULT_REPLY_TEMPLATES, "holiday_hours"}
    assert "We are closed on Christmas Day; call us after." in done.stdout


def test_a_comment_heads_shape_takes_only_platforms_and_flags() -> None:
    from social_bot.chat.ownwords import own, unmark

    ok = "• #12 x on post 3 [negative, crisis]"
    assert unmark(own(ok), set()) == (ok, [(0, len(ok))])
    for forged in ("• #12 maria on post 3 [negative]", "• #12 x on post 3 [maria]"):
        assert unmark(own(forged), set()) == (forged, [])  # a mark, but no own shape
