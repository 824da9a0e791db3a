"""policies.allocation.long_lived: collection waits during a load, then resumes as before."""

from __future__ import annotations

import gc

from policies.allocation import long_lived


def test_thresholds_come_back_and_the_load_is_frozen() -> None:
    before = gc.get_threshold()
    with long_lived():
        assert gc.get_threshold()[0] > 100_000
        gc.enable()  # what srsly does while spaCy reads a pipeline
        kept = [[n] for n in range(1000)]
        assert gc.get_threshold()[0] > 100_000
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() >= len(kept)


def test_thresholds_come_back_after_an_error() -> None:
    before = gc.get_threshold()
    try:
        with long_lived():
            raise ValueError("load failed")
    except ValueError:
        pass
    assert gc.get_threshold() == before
