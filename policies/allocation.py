"""Loading libraries and models without the cyclic garbage collector walking them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young-generation threshold for the duration (Python's default is 700). A threshold, not
# gc.disable(): srsly, which spaCy reads the pipeline with, calls gc.enable() itself.
_PAUSED = 1 << 30


@contextmanager
def long_lived() -> Iterator[None]:
    """For code that allocates objects which live as long as the process: importing
    SQLAlchemy or spaCy, loading the spaCy pipeline. They are hundreds of thousands of
    objects and next to no garbage (gc.collect() right after loading the pipeline finds
    none), yet with the default thresholds the collector walks them again and again: ~14%
    of `socialbot post create`'s CPU time (gc.callbacks; bench/phi_throughput.py). So
    automatic collection waits for the duration, and what exists at the end is moved to the
    permanent generation (gc.freeze), which later collections skip; reference counting
    still frees anything released. The caller's thresholds come back afterwards."""
    previous = gc.get_threshold()
    gc.set_threshold(_PAUSED, *previous[1:])
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*previous)
