"""The heads trained on independent writers' practice comments (model.WriterHeads,
weights_writers.*; training/writers.py): loaded without a download, stacked on the
classifier's own scores, explained in the review queue, and never able to hide a
self-disclosure. Every sentence here is our own."""

from __future__ import annotations

import json
import math

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import OWN_SHARE
from policies.moderation.model import WRITER_META, WRITER_WEIGHTS, WriterHeads, writer_heads
from policies.moderation.policy import DEFAULT_THRESHOLDS, NEVER_AUTO_HIDE
from policies.moderation.training import writers

FAMILY_STORY = ("My grandson had his cast taken off last week and he was back on the "
                "soccer field by Saturday, thank you all so much!")
COMPLAINT = "Sat two hours in the lobby with a crying baby and not one update from anybody."
HOURS = "Are you open the Friday after Thanksgiving?"


def test_shipped_heads_are_small_versioned_and_match_the_training_list() -> None:
    meta = json.loads(WRITER_META.read_text("utf-8"))
    assert tuple(meta["heads"]) == writers.KEEP
    assert WRITER_WEIGHTS.stat().st_size < 200_000  # committed small
    for name in meta["heads"]:
        head = meta["head"][name]
        # the flags' scores and the extra stacked inputs the head was trained with: a head
        # retrained now has them all; the negative head, carried over from session 7,
        # predates negative_rules
        extra = set(meta["stack_extra"]) if name in writers.RETRAINED else set()
        assert set(head["stack"]) == set(writers.STACK_FLAGS) | extra
        assert head["training"] and head["version"]
        if name in writers.RETRAINED:
            assert set(head["training"]) == set(writers.WRITERS)
        # the bias shift puts the threshold chosen in training on the policy's default
        shift = math.log(DEFAULT_THRESHOLDS[name] / (1 - DEFAULT_THRESHOLDS[name])) - \
            math.log(head["threshold"] / (1 - head["threshold"]))
        assert head["bias_shift"] == pytest.approx(shift, abs=1e-5)


def test_every_labelled_comment_set_is_a_training_set_or_waits_for_the_next_retrain() -> None:
    """A set committed after a retrain is listed in NOT_YET, so that the shipped heads' record
    (WRITERS) stays what they learned; the public negative head's writers are not theirs."""
    from policies.moderation.training.train import NEGATIVE_WRITERS

    found = set(writers.labelled_comment_sets())
    assert found == set(writers.WRITERS) | set(writers.NOT_YET) | set(NEGATIVE_WRITERS)
    assert not set(writers.WRITERS) & (set(writers.NOT_YET) | set(NEGATIVE_WRITERS))


def test_writer_heads_never_include_an_auto_hide_flag_without_a_hide_check() -> None:
    # a writers' head may only replace a flag that cannot hide on its own say-so
    assert set(writers.KEEP) <= set(NEVER_AUTO_HIDE) | {"medical_advice", "spam"}


def test_the_stacked_scores_move_the_head() -> None:
    heads = writer_heads()
    assert heads is not None
    low = heads.score(FAMILY_STORY, {"self_disclosure": 0.0}, explain=False)
    high = heads.score(FAMILY_STORY, {"self_disclosure": 0.9}, explain=False)
    assert high["self_disclosure"].probability > low["self_disclosure"].probability
    assert heads.stack["negative"]["negative"] > 0  # the classifier's own reading leads


def test_a_family_story_is_self_disclosure_named_with_score_and_words_and_stays_visible(
) -> None:
    policy = ModerationPolicy()
    flags = CommentClassifier(policy).classify(FAMILY_STORY)
    names = {f.flag for f in flags}
    assert "self_disclosure" in names
    assert "negative" not in names
    flag = next(f for f in flags if f.flag == "self_disclosure")
    assert "practice-comment model" in flag.reason
    assert "must not confirm" in flag.reason
    assert not should_auto_hide(flags, policy)


def test_a_complaint_is_negative_and_the_reason_names_the_driving_words() -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(COMPLAINT)
    negative = next(f for f in flags if f.flag == "negative")
    assert negative.score >= DEFAULT_THRESHOLDS["negative"]
    assert "practice-comment model" in negative.reason and "driven by" in negative.reason
    assert '"."' not in negative.reason  # punctuation is no driving word


def test_a_plain_question_is_not_flagged() -> None:
    assert CommentClassifier(ModerationPolicy()).classify(HOURS) == []


def test_without_the_writers_heads_the_scores_are_the_stacked_inputs() -> None:
    """writers=False gives the classifier the heads were trained on; with them, only the
    kept flags' scores change: to the head's probability, mixed with OWN_SHARE of the
    flag's own score."""
    policy = ModerationPolicy()
    # (without the second look, which averages some of the heads' flags afterwards)
    base = CommentClassifier(policy, writers=False, second_look=False).scores(FAMILY_STORY)
    full = CommentClassifier(policy, second_look=False).scores(FAMILY_STORY)
    for flag in base:
        if flag not in writers.KEEP:
            assert full[flag] == base[flag]
    heads = writer_heads()
    assert heads is not None
    want = heads.score(FAMILY_STORY, {f: s for f, (s, _) in base.items() if f != "unjudged"},
                       explain=False)
    for flag in writers.KEEP:
        share = OWN_SHARE.get(flag, 0.0)
        expected = (1 - share) * want[flag].probability + share * base[flag][0]
        assert full[flag][0] == pytest.approx(expected, abs=0.001)


def test_a_practice_threshold_still_decides() -> None:
    strict = ModerationPolicy(thresholds={**DEFAULT_THRESHOLDS, "self_disclosure": 0.999})
    assert "self_disclosure" not in {f.flag for f in CommentClassifier(strict).classify(
        FAMILY_STORY)}


def test_a_language_the_models_cannot_read_gets_no_writers_score() -> None:
    scores = CommentClassifier(ModerationPolicy()).scores(
        "Bác sĩ ơi, phòng khám có làm việc vào chủ nhật không vậy?")  # Vietnamese
    assert scores["unjudged"][0] == 1.0
    assert "practice-comment model" not in scores["negative"][1]


def test_loading_reads_only_the_committed_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the writers' heads tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    heads = WriterHeads()
    assert heads.flags == writers.KEEP


def test_threshold_choice_prefers_recall_at_the_precision_floor() -> None:
    import numpy as np

    gold = np.asarray([True, True, True, False, False, False])
    prob = np.asarray([0.9, 0.8, 0.3, 0.7, 0.1, 0.2])
    # at 0.75 precision 1.0 recall 2/3; lower thresholds let the 0.7 negative in
    assert writers.choose(prob, gold, 0.85) == pytest.approx(0.725, abs=0.03)
