"""Session 47: four known defects (docs/history/moderation.md, "Session 47: four defects").
Team-written examples only; no dev-set line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# --- 1. bench/moderation_eval.py --devset DIR ------------------------------------------------


@pytest.fixture(scope="module")
def moderation_eval():
    sys.path.insert(0, str(ROOT / "bench"))
    import moderation_eval

    return moderation_eval


def _write_set(folder: Path) -> None:
    rows = [{"text": "Thanks for squeezing us in this morning, the front desk was lovely",
             "flags": []},
            {"text": "Waited ninety minutes past my slot and nobody said a word. Awful.",
             "flags": ["negative"]}]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "comments.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                           encoding="utf-8")


def test_devset_option_takes_the_folder_the_readme_gives(moderation_eval, tmp_path,
                                                         monkeypatch, capsys) -> None:
    _write_set(tmp_path / "devset")
    _write_set(tmp_path / "team")  # stands in for the team corpus: the test stays quick
    (tmp_path / "team" / "dev.jsonl").write_text(
        (tmp_path / "team" / "comments.jsonl").read_text("utf-8"), encoding="utf-8")
    (tmp_path / "team" / "heldout.jsonl").write_text(
        (tmp_path / "team" / "comments.jsonl").read_text("utf-8"), encoding="utf-8")
    monkeypatch.setattr(moderation_eval, "CORPUS", tmp_path / "team")
    code = moderation_eval.main(["--devset", str(tmp_path / "devset"), "--fresh",
                                 str(tmp_path / "devset" / "comments.jsonl"), "--no-phi",
                                 "--mirrors", str(tmp_path / "no-mirrors")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{tmp_path / 'devset' / 'comments.jsonl'}  (n=2)" in out
    assert "harmless comments flagged:" in out


@pytest.mark.parametrize("given", ["missing", "empty-folder", "not-comments"])
def test_a_wrong_devset_is_one_line_and_exit_2(moderation_eval, tmp_path, capsys,
                                               given: str) -> None:
    path = tmp_path / given
    if given == "empty-folder":
        path.mkdir()
    elif given == "not-comments":
        path.write_text('{"id": "p1", "body": "a post, not a comment"}\n', encoding="utf-8")
    code = moderation_eval.main(["--devset", str(path), "--no-phi"])
    captured = capsys.readouterr()
    assert code == 2
    assert len(captured.err.strip().splitlines()) == 1 and "--devset" in captured.err
    assert "Traceback" not in captured.err and not captured.out


# --- 2. a reply that repeats a crisis comment, English or Spanish -----------------------------


@pytest.fixture(scope="module")
def screen():
    from policies.phi import PhiAllowList, PhiScreen

    return PhiScreen(PhiAllowList())


def _reply_findings(screen, reply: str, comment: str | None) -> list:
    return screen.screen_many([reply], context="reply",
                              answering=None if comment is None else [comment])[0]


@pytest.mark.parametrize(("comment", "reply"), [
    ("Ya no quiero vivir, nada tiene sentido", "Lamentamos mucho que ya no quiera vivir."),
    ("ya no quiero seguir viviendo así", "Sentimos que ya no quieras seguir viviendo."),
    ("Tengo ganas de morirme", "Qué tristeza que tenga ganas de morirse. Llámenos."),
    ("Me quiero hacer daño otra vez", "Lamentamos que quiera hacerse daño."),
    ("Siento que soy una carga para mi familia",
     "Nos duele que se sienta una carga para su familia."),
    ("I no longer want to live", "We're so sorry you no longer want to live."),
    ("been thinking about ending my life", "Sorry to hear you're thinking about ending your "
                                           "life. Please call us."),
])
def test_a_reply_repeating_a_crisis_is_held(screen, comment: str, reply: str) -> None:
    found = [f for f in _reply_findings(screen, reply, comment) if f.severity == "block"]
    assert [f.rule for f in found] == ["reply_restates_crisis"], found
    assert "'crisis' reply template" in found[0].reason
    assert comment not in found[0].reason  # the comment's words stay out of the finding


@pytest.mark.parametrize("reply", [
    "Lamentamos que se sienta así. Por favor llámenos, queremos ayudarle.",
    "Si usted o alguien que conoce piensa en quitarse la vida, llame o envíe un texto al 988.",
    "If you are ever thinking about ending your life, call or text 988.",
    "Thank you for reaching out. Our team will call you today.",
    "Sorry this heat is killing you, stay hydrated!",
    "¡Nos morimos de ganas de verlos en la feria!",
])
def test_general_or_figurative_replies_pass(screen, reply: str) -> None:
    found = _reply_findings(screen, reply, "Ya no quiero vivir")
    assert not any(f.rule == "reply_restates_crisis" for f in found), found


def test_the_crisis_template_passes_under_a_crisis_comment(screen) -> None:
    from policies.moderation.policy import DEFAULT_REPLY_TEMPLATES

    for comment in ("Ya no quiero vivir", "I no longer want to live"):
        found = _reply_findings(screen, DEFAULT_REPLY_TEMPLATES["crisis"], comment)
        assert not any(f.severity == "block" for f in found), found


def test_the_crisis_flag_reads_no_longer_wanting_to_live() -> None:
    from policies.moderation.crisis import crisis

    assert crisis("Honestly I no longer want to live")[0] > 0
    assert crisis("I no longer want to wait two hours for a refill")[0] == 0


# --- 4. Tagalog with English loan words is not judged as English -----------------------------


@pytest.mark.parametrize("text", [
    "Salamat po sa update!",
    "Magkano po ang flu shot?",
    "Pwede po ba mag walk-in bukas ng umaga?",
    "Ang bait ng nurse ninyo, thank you!",
])
def test_tagalog_with_english_words_is_noted_unread(text: str) -> None:
    from policies.moderation import CommentClassifier, ModerationPolicy, language

    flags = {f.flag: f for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert flags["unjudged"].score == 1.0 and flags["unjudged"].reason == language.MIXED_REASON


def test_what_the_english_words_tell_is_still_judged() -> None:
    """The note is added; the English cues' judgement stays (a request for advice here)."""
    from policies.moderation import CommentClassifier, ModerationPolicy

    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(
        "Ang anak ko po may fever na 39, should I give him Tylenol or Motrin?")}
    assert "unjudged" in flags and "medical_advice" in flags, flags


@pytest.mark.parametrize("text", [
    "Thank you po sa info!",  # English carries it: read
    "Dr. Ang was great with my son, thank you",
    "Is the PO box on the bill the right one for payments?",
    "Mañana vamos a la clínica, ¿abren a las ocho?",
    "Thanks! Nos vemos mañana at the clinic",
    "La doctora Sana Malik es muy amable, gracias",
])
def test_english_spanish_and_spanglish_stay_judged(text: str) -> None:
    from policies.moderation import language

    assert not language.unjudged(text) and not language.mixed_unread(text)
