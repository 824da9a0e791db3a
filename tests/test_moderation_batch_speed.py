"""A performance-only path of the comment classifier (session 53, issue 13): a text repeated in
a batch gets one second-look run. It changes no reading and no flag: the test pins that too.
No timing here; the figures are bench/moderation_throughput.py's."""

from __future__ import annotations

from policies.moderation import CommentClassifier, ModerationPolicy, second_look

WAVE = "Limited offer on teeth whitening kits, message me today for the price list"
OTHER = "Does the east entrance have a ramp for my mother's wheelchair on weekends?"


def test_a_text_repeated_in_a_batch_is_read_once_and_each_place_gets_its_own_reading(
        monkeypatch):
    read, calls = second_look._read, []
    monkeypatch.setattr(second_look, "WORKERS", 2)
    monkeypatch.setattr(second_look, "_read", lambda s, ids: (calls.append(ids), read(s, ids))[1])
    batch = second_look.probabilities([WAVE, OTHER, WAVE, WAVE])
    assert len(calls) == 2  # before: one run per place, 4
    alone = [second_look.probabilities([t])[0] for t in (WAVE, OTHER)]
    assert batch == [alone[0], alone[1], alone[0], alone[0]]
    assert batch[0] is not batch[2] and batch[2] is not batch[3]  # a caller may change one
    classifier = CommentClassifier(ModerationPolicy())
    assert classifier.classify_many([WAVE, OTHER, WAVE]) == [
        classifier.classify(t) for t in (WAVE, OTHER, WAVE)]
