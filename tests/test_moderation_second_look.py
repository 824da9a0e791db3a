"""The comment second look (policies/moderation/second_look.py): the shipped model loads and
reads, one comment at a time; only the flags it shares move; a broken install is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from policies.moderation import CommentClassifier, ModerationPolicy, second_look
from social_bot.cli.classify_cmd import classify

OWN_NEWS = "Six weeks in the walking boot and it finally comes off on Friday, I can't wait!"
HOURS = "Is the Elm Street office open the Saturday after Thanksgiving?"
ASKS = "I've had a dull ache under my right ribs since Sunday, is that something to worry about?"


def test_the_shipped_model_reads_own_news_and_a_care_question_apart_from_a_question_on_hours():
    news, hours, asks = second_look.probabilities([OWN_NEWS, HOURS, ASKS])
    assert news["self_disclosure"] > 0.5 > hours["self_disclosure"]
    assert asks["medical_advice"] > 0.5 > hours["medical_advice"]
    assert all(0.0 <= p <= 1.0 for p in (*news.values(), *hours.values(), *asks.values()))
    assert set(news) == set(second_look.OUTPUTS)


def test_a_comment_scores_the_same_whatever_is_read_beside_it():
    together = second_look.probabilities([HOURS, OWN_NEWS * 5, ASKS])
    alone = [second_look.probabilities([t])[0] for t in (HOURS, OWN_NEWS * 5, ASKS)]
    assert together == alone
    assert second_look.probabilities([]) == []


def test_a_batch_read_on_the_worker_threads_flags_as_each_comment_alone(monkeypatch):
    # classify_many hands the workers' readings to scores(); classify reads one in place
    monkeypatch.setattr(second_look, "WORKERS", 2)  # the pool, even on a one-core runner
    texts = [OWN_NEWS, HOURS, ASKS, "Xin chào bác sĩ, cảm ơn nhiều", "", OWN_NEWS * 40,
             "Should I double my lisinopril if I missed yesterday's dose?"] * 3
    for classifier in (CommentClassifier(ModerationPolicy()),
                       # without the writers' heads, whose reading of the boot story is
                       # already above the second look's: its raise shows in the reason
                       CommentClassifier(ModerationPolicy(), writers=False)):
        batch = classifier.classify_many(texts)
        assert batch == [classifier.classify(t) for t in texts]
    assert any("second look" in f.reason for f in batch[0])


def test_a_failed_batch_drops_the_readings_not_yet_begun(monkeypatch):
    import threading

    gate = threading.Event()
    read, readings = second_look._read, []
    monkeypatch.setattr(second_look, "WORKERS", 2)
    monkeypatch.setattr(second_look, "_read", lambda s, ids: (gate.wait(5), read(s, ids))[1])
    begun = second_look.start
    monkeypatch.setattr(second_look, "start", lambda texts: readings.append(begun(texts))
                        or readings[-1])

    def screen_down(texts):
        raise RuntimeError("the PHI screen is down")

    classifier = CommentClassifier(ModerationPolicy(), phi_screen=screen_down)
    with pytest.raises(RuntimeError, match="screen is down"):
        classifier.classify_many([f"Comment number {i} about parking" for i in range(20)])
    gate.set()
    futures = readings[-1]._futures
    assert len(futures) == 20 and sum(f.cancelled() for f in futures) >= 18  # 2 were running


def test_a_pool_that_takes_no_more_work_reads_on_the_calling_thread(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    closed = ThreadPoolExecutor(1)
    closed.shutdown()  # as at interpreter shutdown: submit raises RuntimeError
    monkeypatch.setattr(second_look, "WORKERS", 2)
    monkeypatch.setattr(second_look, "_workers", lambda: closed)
    assert second_look.probabilities([HOURS, ASKS]) == [
        second_look.probabilities([t])[0] for t in (HOURS, ASKS)]


def test_only_the_shared_flags_move_only_up_to_the_mean_and_say_why():
    policy = ModerationPolicy()
    raised = 0
    for text in (OWN_NEWS, HOURS, ASKS, "You people are idiots and the wait was 3 hours.",
                 "You people are idiots. Should I stop my metformin?"):
        before = CommentClassifier(policy, second_look=False).scores(text)
        after = CommentClassifier(policy).scores(text)
        look = second_look.probabilities([text])[0]
        for flag in before:
            if flag in second_look.SHARES and look[flag] > before[flag][0]:
                raised += 1
                w = second_look.SHARES[flag]
                assert after[flag][0] == pytest.approx(
                    min(0.99, (1 - w) * before[flag][0] + w * look[flag]), abs=0.001)
                assert after[flag][1].endswith(f"(second look {look[flag]:.2f}).")
            else:  # never lowered, and the other flags untouched
                assert after[flag] == before[flag], (text, flag)
    assert raised


def test_padding_never_costs_a_flag_and_a_long_comment_is_read_in_windows():
    """Only raising: padding that pulls the model's reading down (a question in a window of
    cheer reads low) leaves the classifier's own score standing."""
    policy = ModerationPolicy()
    cheer = ("Love the new Saturday hours and the parking lot looks great, thanks to the whole "
             "front desk team for being so kind and patient with everyone. ")
    question = "Should I keep taking ibuprofen for the swelling in my knee after the injection?"
    for text in (question, cheer * 3 + question, ". " * 80 + question, cheer * 30 + question):
        before = CommentClassifier(policy, second_look=False).scores(text)
        after = CommentClassifier(policy).scores(text)
        for flag in second_look.SHARES:
            assert after[flag][0] >= before[flag][0]
    # past 64 word pieces the comment is read in windows, every one of them
    story = ("A long thank-you from our family to everyone at the front desk, the nurses who "
             "answered the phone at all hours, the volunteers who handed out coffee in the "
             "lobby during the winter storm, and the parking attendant who always waved. "
             "You made a hard season easier than it had any right to be, and we noticed "
             "every small kindness along the way. As for me, I had my hip replaced here in "
             "March, the boot comes off Friday and I start physical therapy on Monday.")
    assert len(second_look._loaded()[1].encode(story).ids) > second_look.MAX_TOKENS + 30
    long_one = second_look.probabilities([story])[0]
    assert long_one is not None and long_one["self_disclosure"] > 0.5
    # too long for the windows: no reading, the classifier's scores stand
    assert second_look.probabilities([cheer * 40 + ASKS]) == [None]


def test_own_news_in_everyday_words_is_flagged_self_disclosure_and_not_hidden():
    policy = ModerationPolicy()
    flags = {f.flag: f for f in CommentClassifier(policy).classify(OWN_NEWS)}
    assert "self_disclosure" in flags and "phi" not in flags
    # the second look only raises; whether it is the one that raised this comment depends on
    # the rules' own reading ("walking boot" is a care term) and on the model's last digits,
    # which differ between CPUs (this assertion failed on one machine and passed on another)
    alone = CommentClassifier(policy, second_look=False).scores(OWN_NEWS)["self_disclosure"]
    assert flags["self_disclosure"].score >= round(alone[0], 3)
    if flags["self_disclosure"].score > round(alone[0], 3):
        assert "Read as a whole" in flags["self_disclosure"].reason


def test_a_language_the_models_cannot_read_gets_no_second_look():
    text = "Salamat po sa mabilis na serbisyo, ang bait ng mga nars ninyo."
    policy = ModerationPolicy()
    before = CommentClassifier(policy, second_look=False).scores(text)
    assert before["unjudged"][0] == 1.0
    assert CommentClassifier(policy).scores(text) == before


def test_a_model_file_that_is_not_the_pinned_one_is_one_line_and_exit_2(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOCIALBOT_POLICY", raising=False)
    fake = tmp_path / "comment_minilm.onnx"
    fake.write_bytes(b"not a model")
    monkeypatch.setattr(second_look, "MODEL", fake)
    second_look._forget()
    try:
        with pytest.raises(second_look.CommentModelMissing, match="not the pinned model"):
            second_look.probabilities(["anything"])
        result = CliRunner().invoke(classify, ["--fast", "Thanks for the flu clinic!"])
        assert result.exit_code == 2
        assert "comment model cannot load" in result.output
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    finally:
        second_look._forget()


def test_a_lone_surrogate_is_judged_not_a_crash():
    """A JSON "\\ud800" escape reaches Python as half a UTF-16 pair; it used to fail the
    whole batch in the word hashing (review, session 15)."""
    classifier = CommentClassifier(ModerationPolicy())
    flags = classifier.classify_many(["my knee \ud800 hurts, should I ice it?", "lovely staff"])
    assert flags == classifier.classify_many(["my knee \ufffd hurts, should I ice it?",
                                              "lovely staff"])
    assert flags[0] and flags[1] == []


def test_a_third_partys_diagnosis_the_rules_miss_is_added_as_phi_and_hidden():
    from policies.moderation import should_auto_hide

    text = ("Everyone pray for Bobby Tran, 12, who was diagnosed with leukemia at your clinic "
            "last week")
    policy = ModerationPolicy()
    before = CommentClassifier(policy, second_look=False).scores(text)["phi"]
    look = second_look.probabilities([text])[0]["phi"]
    assert before[0] < policy.threshold("phi") and look >= second_look.ADDS["phi"]
    flags = CommentClassifier(policy).classify(text)
    phi = [f for f in flags if f.flag == "phi"]
    assert phi and phi[0].score == pytest.approx(look, abs=0.001)
    assert "someone else's health" in phi[0].reason and should_auto_hide(flags, policy)
