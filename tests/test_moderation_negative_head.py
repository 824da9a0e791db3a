"""The negative head's training data (training/train.py) and its record in weights.json."""

from __future__ import annotations

import json

from policies.moderation.model import META, WRITER_META
from policies.moderation.training import train, writers


def test_the_negative_head_learns_no_comment_the_writers_heads_were_trained_on() -> None:
    """The writers' heads take the negative head's score as an input: on their own training
    comments that score must stay out-of-sample, as it was when they were trained."""
    stacked_on = set(json.loads(WRITER_META.read_text("utf-8"))["training"])
    assert stacked_on and not stacked_on & set(train.NEGATIVE_WRITERS)
    texts = {text for text, _ in train.writer_comments("negative")}
    for name in stacked_on:
        shared = texts & {text for text, _ in writers.load_writer(name)}
        # independent writers do write the same stock line now and then ("👏👏", an opening-
        # hours question); nothing longer may be shared
        assert all(len(text.split()) <= 8 for text in shared), (name, shared)


def test_only_the_negative_head_gets_writers_comments() -> None:
    assert train.writer_comments("abuse") == [] == train.writer_comments("spam")
    rows = train.writer_comments("negative")
    assert len(rows) > 1000 and any("negative" in labels for _, labels in rows)


def test_weights_json_records_the_writers_the_shipped_head_learned_from() -> None:
    info = json.loads(META.read_text("utf-8"))["training"]["negative"]
    assert info["writers"] == list(train.NEGATIVE_WRITERS)
    assert info["writer_weight"] == train.WRITER_WEIGHT
    assert info["writer_comments"] == len(train.writer_comments("negative"))
