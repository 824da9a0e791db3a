"""Session 52: what the screen and the classifier say must be true and plain.

A doctor or staff member's own health ("Dr. Lee is recovering from knee surgery") was
explained as "a staff member the practice treats is its patient", which the text never said;
a name with nothing about care warned as if a patient relationship were at stake; `post list`
and `post show` said "blocked_phi" and "pending_approval"; the comment classifier's reasons
read "(model 0.97, driven by ...)", "(second look 0.99)", "sentiment -0.32". The words change,
no decision does (bench/phi_set_diff.py; docs/history/phi.md, "Session 52: what the screen and
the classifier say"). Texts are written for these tests."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policies.moderation.wording import flag_words, plain_reason
from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList(names=("Dr. Priya Raman", "Northside Family Medicine"))


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)


@pytest.mark.parametrize(("text", "who"), [
    ("Dr. Lee is recovering from knee surgery and will be back in March.", "Lee"),
    ("Our MA Paula starts chemo on Monday; send her your good wishes.", "Paula"),
    ("Dr. Priya Raman had her gallbladder out last week, she is doing great.", "Priya Raman"),
])
def test_a_staff_members_own_health_does_not_claim_the_practice_treats_them(
        screen: PhiScreen, text: str, who: str) -> None:
    found = [f for f in screen.screen(text) if f.text == who]
    assert found and found[0].severity == "block", found  # the decision stands
    why = found[0].reason
    assert "treat" not in why and "its patient" not in why, why
    assert "own health or care" in why  # what the rule saw
    assert "dismiss it with reason staff" in why and "remove it" in why  # the next step


@pytest.mark.parametrize("text", [
    "Dr. Lee joins Northside Family Medicine this month as our new pediatrician.",
    "Thanks to Jordan Pike for the lovely flowers.",
])
def test_a_name_with_no_care_said_is_not_called_a_patient(screen: PhiScreen,
                                                          text: str) -> None:
    found = screen.screen(text)
    assert found and all(f.severity == "warn" for f in found), found
    why = found[0].reason
    assert "Nothing here says they are a patient" in why
    assert "does not block" in why and "written authorization" in why


def test_a_date_beside_staff_health_is_not_said_to_be_about_a_patient(
        screen: PhiScreen) -> None:
    found = screen.screen("Dr. Lee is recovering from knee surgery and will be back in March.")
    date = next(f for f in found if f.category == "date")
    assert "about a patient" not in date.reason
    assert "Leave the date out" in date.reason


def test_a_patients_name_with_their_care_names_the_next_steps(screen: PhiScreen) -> None:
    found = screen.screen("Congratulations to Tommy Baker on finishing his physical therapy!")
    name = next(f for f in found if f.text == "Tommy Baker")
    assert name.severity == "block"
    assert "socialbot consent add" in name.reason and "reason authorization" in name.reason


def test_a_public_figure_finding_names_the_public_figure_reason(screen: PhiScreen) -> None:
    found = screen.screen("Serena Williams has spoken publicly about her pulmonary embolism.")
    assert any("reason public_figure" in f.reason for f in found), found


# what the classifier composes (classifier.py: _combine, apply_writer_heads, the second look)
COMPOSED = (
    'Reads as a complaint (mentions "nobody", "waited"; sentiment -0.32) (model 1.00, driven '
    'by "worst", "nobody") (practice-comment model 0.98, driven by "waited", "ever"). Read as '
    'a whole, reads as a complaint or as unhappy (second look 1.00).'
)


def test_a_comment_reason_on_screen_has_no_model_scores() -> None:
    assert plain_reason(COMPOSED) == ('Reads as a complaint (mentions "nobody", "waited"). '
                                      'Read as a whole, it reads as a complaint or as unhappy.')
    assert plain_reason('Reads as insulting or offensive (model 0.36, driven by "worst", ".", '
                        '"ever"; rules 0.80).') == "Reads as insulting or offensive."
    assert plain_reason("Negative sentiment (VADER compound score -0.40).") == "Reads as unhappy."
    assert plain_reason("Spam (practice-comment model 0.91; before it 0.40).") == "Spam."


def test_flags_are_named_in_words_beside_their_machine_name() -> None:
    from policies.moderation.policy import FLAGS

    for flag in FLAGS:
        said = flag_words(flag)
        assert said.endswith(f"({flag})") and len(said) > len(flag) + 3, said


def test_classify_prints_words_and_json_keeps_the_scores(tmp_path, monkeypatch) -> None:
    from social_bot.cli.classify_cmd import classify

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOCIALBOT_POLICY", raising=False)
    text = "You people are idiots and should be fired."
    shown = CliRunner().invoke(classify, ["--fast", text])
    assert shown.exit_code == 1, shown.output
    assert "insulting or abusive (abuse):" in shown.output
    for jargon in ("model 0.", "driven by", "second look", "sentiment", "(0."):
        assert jargon not in shown.output, shown.output
    raw = json.loads(CliRunner().invoke(classify, ["--fast", "--json", text]).output)
    abuse = next(f for f in raw["flags"] if f["flag"] == "abuse")
    assert "model" in abuse["reason"] and isinstance(abuse["score"], float)


def test_post_list_at_a_terminal_says_the_state_in_words(make_app, monkeypatch) -> None:  # noqa: ANN001
    from rich.console import Console

    from social_bot.cli import posts_cmd
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    author = Staff("Pat Author", "pat")
    create_post(app, author, prepare_draft(app, "Our lab SSN-LIKE closes early", ["x"]))
    create_post(app, author, prepare_draft(app, "Flu shots on Saturday", ["x"]))
    monkeypatch.setattr(posts_cmd, "open_app", lambda: app)
    monkeypatch.setenv("COLUMNS", "200")
    piped = CliRunner().invoke(posts_cmd.post, ["list"]).output
    assert "\tblocked_phi\t" in piped and "\tpending_approval\t" in piped  # scripts read these
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    screen = CliRunner().invoke(posts_cmd.post, ["list"]).output
    assert "blocked by the PHI screen" in screen and "waiting for approval" in screen
    assert "blocked_phi" not in screen and "pending_approval" not in screen
    shown = CliRunner().invoke(posts_cmd.post, ["show", "1"]).output
    assert "reasons: staff = staff member;" in shown
