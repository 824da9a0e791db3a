"""Session 53: small defects session 52 left open (its closing note), each pinned here.
The comments, names and ids are written for these tests (synthetic).

2. `comments resolve ID --action keep` on a LinkedIn comment built the platform's adapter
   before knowing whether a call was needed: with no LinkedIn settings the person saw
   "unexpected AuthError". A keep of a comment that is not hidden makes no platform call, so
   it needs no credentials; a decision that does need the platform says what to set.
4. The flags the daemon raises itself (`unstorable`, `too_long`, `unchecked`) were missing
   from some lists of flags: the chat guard's shape of a `/socialbot comments` line (so such
   a line was screened as a person's text), the flag words the screen shows, the docs table,
   and the policy validator called them "unknown". One list (ALL_FLAGS) now feeds them.
5. Passive suicidal ideation, the Columbia scale's "wish to be dead or not alive anymore"
   as people write it ("I don't want to be here anymore", "I just want to disappear"), was
   not flagged `crisis`; its look-alikes (a wait, a place, a good book) must stay quiet.
6. A reply's card hid the words its comment's card hid, and rewrote them inside a
   placeholder already in the reply ("[patient name]" became "[[health detail] name]"); a
   dismissed finding's words were rewritten the same way. A placeholder stays whole.
3. A second `socialbot demo --dir D` into the folder the first made was refused: the
   daemon's vote key, its public half and the witness spool (session 52) were not in the
   demo's list of its own files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_polish_session52 import _linkedin_comment

ROOT = Path(__file__).resolve().parent.parent
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _resolve_without_linkedin(make_app, invoke, monkeypatch, action: str):  # noqa: ANN001, ANN202, F811
    """`comments resolve` of a flagged LinkedIn comment, on a machine with no LinkedIn
    settings (neither in the environment nor stored by `socialbot connect`)."""
    app = make_app()
    for name in ("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORG_ID"):
        monkeypatch.delenv(name, raising=False)
    assert not app.settings.env.get("LINKEDIN_ACCESS_TOKEN")
    monkeypatch.setattr("social_bot.accounts.store.platform_env",
                        lambda env, _data_dir: dict(env))
    comment_id = _linkedin_comment(app, flagged=True)
    return comment_id, invoke(app, "comments", "resolve", str(comment_id), "--action", action)


# --- 2. resolve keep on LinkedIn without credentials ----------------------------------------


@sqlite_only
def test_keeping_a_visible_linkedin_comment_needs_no_credentials(make_app, invoke,  # noqa: ANN001, F811
                                                                monkeypatch) -> None:
    comment_id, done = _resolve_without_linkedin(make_app, invoke, monkeypatch, "keep")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"comment {comment_id} is now kept"
    assert "unexpected" not in done.output


@sqlite_only
def test_a_delete_without_credentials_says_what_to_set(make_app, invoke,  # noqa: ANN001, F811
                                                       monkeypatch) -> None:
    _, done = _resolve_without_linkedin(make_app, invoke, monkeypatch, "delete")
    assert done.exit_code == 2, done.output
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1, done.output
    assert "unexpected" not in done.output and "AuthError" not in done.output
    assert "LINKEDIN_ACCESS_TOKEN" in lines[0] and "socialbot connect linkedin" in lines[0]


# --- 3. the demo runs again into its own folder ---------------------------------------------


def test_a_second_demo_run_removes_the_vote_key_and_witness_spool_the_first_left(
        tmp_path: Path) -> None:
    from social_bot import vote_seal, witness
    from social_bot.demo import DEMO_MARKER, demo_folder
    from social_bot.settings import Settings

    folder = demo_folder(tmp_path / "demo")
    # where the daemon of the demo (no SOCIALBOT_VOTE_KEY_FILE) puts them
    settings = Settings(data_dir=folder, database_url="sqlite://", policy_path=None)
    key = vote_seal.key_file(settings)
    key.write_bytes(b"first run's key")
    vote_seal.public_file(key).write_bytes(b"first run's public half")
    spool = witness.spool_dir(settings)
    spool.mkdir()
    (spool / "wrote-1-1-0123456789abcdef").write_bytes(b"a seal")
    (folder / "socialbot.db").write_bytes(b"first run's posts")
    assert demo_folder(folder) == folder
    assert sorted(p.name for p in folder.iterdir()) == [DEMO_MARKER]


def test_a_second_demo_run_still_refuses_a_file_no_demo_makes(tmp_path: Path) -> None:
    from social_bot.demo import demo_folder
    from social_bot.errors import UserError

    folder = demo_folder(tmp_path / "demo")
    (folder / "vote.key").write_bytes(b"first run's key")
    (folder / "vote.key.bak").write_bytes(b"someone's copy")
    with pytest.raises(UserError, match="vote.key.bak"):
        demo_folder(folder)
    assert (folder / "vote.key").read_bytes() == b"first run's key"


# --- 4. every enumeration of comment flags agrees --------------------------------------------


def test_the_daemon_flags_are_the_monitors():
    from policies.moderation.policy import ALL_FLAGS, DAEMON_FLAGS, FLAGS
    from social_bot.daemon import monitor

    assert {monitor.TOO_LONG, monitor.UNCHECKED, monitor.UNSTORABLE} == set(DAEMON_FLAGS)
    assert (*FLAGS, *DAEMON_FLAGS) == ALL_FLAGS and len(set(ALL_FLAGS)) == len(ALL_FLAGS)


def test_the_flag_words_cover_every_flag():
    from policies.moderation.policy import ALL_FLAGS
    from policies.moderation.wording import FLAG_WORDS, flag_words

    assert set(FLAG_WORDS) == set(ALL_FLAGS)
    assert flag_words("unstorable") != "unstorable"


def test_the_docs_table_lists_every_flag():
    from policies.moderation.policy import ALL_FLAGS

    text = (ROOT / "docs" / "moderation.md").read_text(encoding="utf-8")
    start = text.index("| flag | raised when |")
    table = text[start:text.index("\n\n", start)]
    listed = re.findall(r"^\| `([a-z_]+)` \|", table, re.M)
    assert sorted(listed) == sorted(ALL_FLAGS)


@pytest.mark.parametrize("flags", ["unstorable", "negative, unstorable", "too_long",
                                   "unchecked, spam"])
def test_the_chat_guard_reads_a_daemon_flag_in_a_comments_line_as_socialbots(flags: str):
    from social_bot.chat.ownwords import own, unmark

    head = f"• #41 facebook on post 7 [{flags}]"
    text, spans = unmark(own(head) + " Sam Q.: the words", ())
    assert text.startswith(head)
    assert any(start == 0 and end >= len(head) for start, end in spans), spans


@pytest.mark.parametrize("key", ["thresholds", "auto_hide"])
def test_the_validator_says_a_daemon_flag_is_not_set_in_the_policy(key: str):
    from policies.moderation.policy import ModerationPolicy

    section = {"thresholds": {"unstorable": 0.5}} if key == "thresholds" else \
        {"auto_hide": ["phi", "unstorable"]}
    with pytest.raises(ValueError, match="raised by the daemon itself") as caught:
        ModerationPolicy.from_toml(section)
    assert "unknown flag" not in str(caught.value)


# --- 5. passive ideation: crisis ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Some nights I honestly don't want to be here anymore and I can't say it to anyone.",
    "i just want to disappear.",
    "Lately I just want to disappear for good",
    "I wish I wasn't around anymore, nothing helps",
    "I no longer want to be here.",
    "Most days I want to be dead, if I'm honest",
    "my brother says he doesn't want to be on this earth anymore",
    "Ya no quiero estar aquí, de verdad.",
    "A veces solo quiero desaparecer.",
    "Tengo ganas de estar muerta desde hace semanas",
    "Quisiera no seguir viviendo así",
    "ya no quiero seguir vivo",
])
def test_passive_ideation_is_flagged_crisis(text: str) -> None:
    from policies.moderation.crisis import crisis

    assert crisis(text)[0] >= 0.5, text


@pytest.mark.parametrize("text", [
    "I don't want to be here all day waiting for a refill again",
    "I want to disappear into a good book this weekend",
    "I don't want to be here anymore, the wait at this office is unreal",
    "Forty minutes in the lobby. I don't want to be here anymore",
    "The girls at the front desk act like they don't want to be here anymore",
    "I just want to disappear lol, I tripped right in front of the reception desk",
    "Honestly I just want to disappear to a beach for a week",
    "I want to be dead honest: the new parking lot is great",
    "I'm not saying I don't want to be here anymore, just that the hours are long",
    "No quiero estar aquí todo el día esperando la receta",
    "Quiero desaparecer un fin de semana a la playa",
    "Ya no quiero estar aquí en esta clínica, cambio de médico",
])
def test_its_look_alikes_stay_unflagged(text: str) -> None:
    from policies.moderation.crisis import crisis

    assert crisis(text)[0] == 0.0, text


# --- 6. a placeholder is never rewritten inside -------------------------------------------


def test_a_reply_cards_hidden_word_is_not_rewritten_inside_a_placeholder() -> None:
    from social_bot.chat.guard import _hide_answered

    # the comment's card hid "patient" (its own-health words) and a name; the reply's own
    # screen had already put "[patient name]" in the reply
    hidden = [("patient", "[health detail]", False), ("Orsolya", "[patient name]", True)]
    shown = _hide_answered("Dear [patient name], Orsolya's patient portal is open now.", hidden)
    assert "[[" not in shown and "]]" not in shown
    assert shown == "Dear [patient name], [patient name]'s [health detail] portal is open now."


def test_a_dismissed_words_are_not_rewritten_inside_a_placeholder() -> None:
    from social_bot.chat.guard import _hide_words

    dismissed = [{"text": "date", "category": "date"},
                 {"text": "Tobiah Renn", "category": "name"}]
    shown = _hide_words("[date] with Tobiah Renn, on that date", dismissed)
    assert "[[" not in shown and "]]" not in shown
    assert shown.count("[date]") == 2 and "Tobiah" not in shown
