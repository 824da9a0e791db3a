"""The learned scorer's second look (policies/phi/contextual.py, learned.LOOK_FROM): when it
runs, what it adds, and the shipped model file. What it is worth is measured by
bench/phi_finetune_experiment.py and bench/phi_eval.py, not here."""

from __future__ import annotations

import pytest

from policies.moderation.features import N_HASH
from policies.phi import contextual, learned, registry
from policies.phi.findings import BLOCK, WARN
from policies.phi.hits import Hit
from policies.phi.model import ScreenUnavailable
from policies.phi.screen import PhiScreen

UNEASY = "We were so glad to see you back on Tuesday, and the new brace fits well."


def _model(bias: float) -> learned.Model:
    return learned.Model(bytes(N_HASH), 1.0, (0.0,) * len(learned.DENSE), bias)


def _never(text: str) -> float:
    raise AssertionError("the second look ran where it must not")


def test_an_uneasy_scorer_asks_and_a_sure_second_look_blocks():
    hit = learned.learned_hit(UNEASY, [], "post", 0.9275, _model(0.0), look_at=0.98,
                              second_look=lambda text: 0.99)
    assert hit is not None
    assert (hit.severity, hit.category, hit.rule) == (BLOCK, "other_id", "learned_context")
    assert hit.score == pytest.approx(0.99)
    assert UNEASY[hit.start:hit.end].strip()
    # plain words: the next steps, not the models' scores (session 52)
    assert "0.50" not in hit.why and "0.99" not in hit.why and "model" not in hit.why
    assert "dismiss it with reason not_a_person" in hit.why and "consent add" in hit.why


def test_a_learned_block_keeps_the_rules_warnings_in_view(monkeypatch):
    # the hand-made scorer has no driver words, so the block spans the whole text; the link
    # warning inside it stays for the approvers instead of being swallowed by the block
    monkeypatch.setattr(learned, "load", lambda: _model(0.0))
    monkeypatch.setattr(contextual, "probability", lambda text: 0.99)
    text = ("What a week it has been for the Thursday walking group, everyone kept a great pace. "
            "Read more about the group at https://walkers.example/news")
    found = PhiScreen().screen(text)
    assert [f.rule for f in found if f.severity == BLOCK] == ["learned_context"]
    assert any(f.category == "url" and f.severity != BLOCK for f in found)


def test_an_unsure_second_look_adds_nothing():
    assert learned.learned_hit(UNEASY, [], "post", 0.9275, _model(0.0), look_at=0.98,
                               second_look=lambda text: 0.97) is None


def test_a_calm_scorer_does_not_ask():
    # sigmoid(-3) = 0.047 < LOOK_FROM
    assert learned.learned_hit(UNEASY, [], "post", 0.9275, _model(-3.0), look_at=0.98,
                               second_look=_never) is None


def test_a_sure_scorer_blocks_on_its_own():
    hit = learned.learned_hit(UNEASY, [], "post", 0.9275, _model(6.0), look_at=0.98,
                              second_look=_never)
    assert hit is not None and hit.rule == "learned"


def test_without_a_threshold_there_is_no_second_look():
    assert learned.learned_hit(UNEASY, [], "post", 0.9275, _model(0.0),
                               second_look=_never) is None


def test_comments_get_no_second_look():
    assert learned.learned_hit(UNEASY, [], "comment", 0.9275, _model(0.0), look_at=0.98,
                               second_look=_never) is None


def test_the_screen_reads_the_threshold_from_the_registry(monkeypatch):
    monkeypatch.setattr(learned, "load", lambda: _model(0.0))
    monkeypatch.setattr(contextual, "probability", lambda text: 0.985)
    found = PhiScreen().screen(UNEASY)
    assert any(f.rule == "learned_context" and f.severity == BLOCK for f in found)
    row = registry.REGISTRY["learned_context"]
    monkeypatch.setitem(registry.REGISTRY, "learned_context",
                        registry.replace(row, block_at=0.99, report_at=0.99))
    assert not any(f.rule == "learned_context" for f in PhiScreen().screen(UNEASY))


def test_the_shipped_model_loads_and_reads_a_story_apart_from_a_tip():
    story = ("Big hugs to our friend from the Thursday walking group, who finished her last "
             "round of chemo this week and rang the bell with her grandkids watching!")
    tip = "Reminder: the clinic is closed on Friday for staff training. Have a safe weekend!"
    told, general = contextual.probability(story), contextual.probability(tip)
    assert 0.0 <= general < told <= 1.0
    assert general < 0.5 < told


def test_a_model_file_that_is_not_the_pinned_one_is_refused(monkeypatch, tmp_path):
    fake = tmp_path / "disclosure_minilm.onnx"
    fake.write_bytes(b"not a model")
    monkeypatch.setattr(contextual, "MODEL", fake)
    contextual._forget()
    try:
        with pytest.raises(contextual.ContextualModelMissing, match="not the pinned model"):
            contextual.probability("anything")
        monkeypatch.setattr(contextual, "MODEL", tmp_path / "absent.onnx")
        contextual._forget()
        with pytest.raises(contextual.ContextualModelMissing, match="missing"):
            contextual.probability("anything")
        assert issubclass(contextual.ContextualModelMissing, ScreenUnavailable)
    finally:
        contextual._forget()


def test_texts_reach_the_model_as_trained_unpadded_and_cut_at_96_word_pieces():
    _, tokenizer = contextual._loaded()
    short = tokenizer.encode("Welcome back, we missed you!")
    assert len(short.ids) == sum(short.attention_mask) < 16
    long = tokenizer.encode("word " * 300)
    assert len(long.ids) == contextual.MAX_TOKENS


# --- a short reply, read by the fine-tuned model alone (learned.short_reply_hit) ---
SHORT = "So glad to hear it! Keep at it."


def test_a_short_reply_goes_to_the_model_alone():
    # the word scorer may not read it (too short, nothing flagged): only the model decides
    hit = learned.learned_hit(SHORT, [], "reply", 0.9275, _model(6.0), look_at=0.95,
                              second_look=lambda text: 0.995, short_reply_at=0.99)
    assert hit is not None and hit.rule == "learned_short_reply" and hit.severity == BLOCK
    assert SHORT[hit.start:hit.end] == SHORT and "dismiss it with a reason" in hit.why


def test_a_short_reply_the_scorer_reads_as_calm_still_gets_the_model():
    # a handle or a name makes it readable by the scorer, which is unsure on so few words
    warned = [Hit("name", 0, 4, WARN, 0.4, "handle+no_health", "")]
    hit = learned.learned_hit("@wes 5.4! Told you it would help", warned, "reply", 0.9275,
                              _model(-3.0), look_at=0.95, second_look=lambda text: 0.995,
                              short_reply_at=0.99)
    assert hit is not None and hit.rule == "learned_short_reply"


LONG = "Thanks so much for the kind words, and we are thrilled things are finally going your way!"


def test_a_long_reply_the_scorer_reads_as_calm_goes_to_the_model_at_its_own_row():
    # learned.reply_hit: 12 words or more, no rule blocked, the word scorer below LOOK_FROM
    hit = learned.learned_hit(LONG, [], "reply", 0.9275, _model(-3.0), look_at=0.95,
                              second_look=lambda text: 0.995, short_reply_at=0.99,
                              reply_at=0.99)
    assert hit is not None and hit.rule == "learned_reply" and hit.severity == BLOCK
    assert LONG[hit.start:hit.end] == LONG and "this reply reads like" in hit.why
    assert learned.learned_hit(LONG, [], "reply", 0.9275, _model(-3.0), look_at=0.95,
                               second_look=lambda text: 0.985, short_reply_at=0.99,
                               reply_at=0.99) is None  # below its threshold
    # without the row, or on a post, the model is not asked
    assert learned.learned_hit(LONG, [], "reply", 0.9275, _model(-3.0), look_at=0.95,
                               second_look=_never, short_reply_at=0.99) is None
    assert learned.learned_hit(LONG, [], "post", 0.9275, _model(-3.0), look_at=0.95,
                               second_look=_never, short_reply_at=0.99, reply_at=0.99) is None


def test_a_long_reply_the_scorer_is_unsure_of_keeps_the_band_threshold():
    # between LOOK_FROM and the scorer's own block_at the learned_context row (0.95) decides,
    # as for a post, not learned_reply
    hit = learned.learned_hit(LONG, [], "reply", 0.9275, _model(-0.5), look_at=0.95,
                              second_look=lambda text: 0.96, reply_at=0.99)
    assert hit is not None and hit.rule == "learned_context"


def test_the_screen_reads_the_long_reply_threshold_from_the_registry(monkeypatch):
    monkeypatch.setattr(contextual, "probability", lambda text: 0.995)
    monkeypatch.setattr(learned, "score", lambda text, dense, model=None: learned.Scored(
        0.05, (), tuple(text.split())))
    assert "learned_reply" in {f.rule for f in PhiScreen().screen(LONG, context="reply")}
    assert not PhiScreen().screen(LONG, context="post")
    row = registry.REGISTRY["learned_reply"]
    monkeypatch.setitem(registry.REGISTRY, "learned_reply",
                        registry.replace(row, block_at=0.999, report_at=0.999))
    assert not PhiScreen().screen(LONG, context="reply")


def test_a_short_reply_below_its_threshold_passes():
    assert learned.learned_hit(SHORT, [], "reply", 0.9275, _model(6.0), look_at=0.95,
                               second_look=lambda text: 0.985, short_reply_at=0.99) is None


def test_short_posts_and_unset_thresholds_get_no_short_look():
    assert learned.learned_hit(SHORT, [], "post", 0.9275, _model(6.0), look_at=0.95,
                               second_look=_never, short_reply_at=0.99) is None
    assert learned.learned_hit(SHORT, [], "reply", 0.9275, _model(6.0), look_at=0.95,
                               second_look=_never) is None


def test_a_redacted_copy_gets_no_short_look():
    assert learned.learned_hit("Thanks, [patient name]!", [], "reply", 0.9275, _model(6.0),
                               look_at=0.95, second_look=_never, short_reply_at=0.99) is None


def test_the_screen_reads_the_short_reply_threshold_from_the_registry(monkeypatch):
    monkeypatch.setattr(contextual, "probability", lambda text: 0.995)
    found = PhiScreen().screen(SHORT, context="reply")
    assert any(f.rule == "learned_short_reply" and f.severity == BLOCK for f in found)
    row = registry.REGISTRY["learned_short_reply"]
    monkeypatch.setitem(registry.REGISTRY, "learned_short_reply",
                        registry.replace(row, block_at=0.999, report_at=0.999))
    assert not PhiScreen().screen(SHORT, context="reply")
    # the screen passes this row's number to the model's check, not another row's: above
    # every other learned row, only this row's 0.999 lets the 0.9995 through
    monkeypatch.setattr(contextual, "probability", lambda text: 0.9995)
    for name in ("learned", "learned_context"):
        other = registry.REGISTRY[name]
        monkeypatch.setitem(registry.REGISTRY, name,
                            registry.replace(other, block_at=0.99999, report_at=0.99999))
    assert [f.rule for f in PhiScreen().screen(SHORT, context="reply")] == [
        "learned_short_reply"]


def test_a_short_reply_block_keeps_the_rules_warnings_in_view(monkeypatch):
    monkeypatch.setattr(contextual, "probability", lambda text: 0.995)
    # a word scorer that reads it as calm, whatever the shipped weights say of it
    monkeypatch.setattr(learned, "load", lambda: _model(-3.0))
    found = PhiScreen().screen("Thanks @wes_h, see bit.ly/abc", context="reply")
    assert any(f.rule == "learned_short_reply" for f in found)
    assert any(f.severity != BLOCK for f in found)  # the handle or the link stays in view


def test_a_long_redacted_copy_gets_no_model():
    # the chat card's redacted text never blocks: placeholders stop the whole-reply look
    text = "Thanks so much, [patient name], we are thrilled things are finally going your way!"
    assert learned.learned_hit(text, [], "reply", 0.9275, _model(-3.0), look_at=0.95,
                               second_look=_never, short_reply_at=0.99, reply_at=0.99) is None


def test_only_the_long_reply_row_given_leaves_short_replies_alone():
    assert learned.learned_hit(SHORT, [], "reply", 0.9275, _model(-3.0), look_at=0.95,
                               second_look=_never, reply_at=0.99) is None


def test_a_long_reply_block_keeps_the_rules_warnings_in_view(monkeypatch):
    monkeypatch.setattr(contextual, "probability", lambda text: 0.999)
    monkeypatch.setattr(learned, "score", lambda text, dense, model=None: learned.Scored(
        0.05, (), tuple(text.split())))
    found = PhiScreen().screen("Thanks so much for the kind words, and the full menu is at "
                               "bit.ly/abc for you!", context="reply")
    assert any(f.rule == "learned_reply" for f in found)
    assert any(f.severity != BLOCK for f in found)  # the link stays in view
