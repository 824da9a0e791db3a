"""A daemon job still running at its next tick: no WARNING per skipped tick (session 49,
the newcomer's item 12), one ``job.overlap`` line with a count; real scheduler errors keep
their level."""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

import pytest

from social_bot.daemon.overlap import OverlapNotes, SchedulerLog, new_scheduler


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def records():
    handler = _Records()
    watched = [logging.getLogger(n) for n in ("apscheduler", "test.overlap")]
    levels = [lg.level for lg in watched]
    for lg in watched:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield handler.records
    for lg, level in zip(watched, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def test_a_pass_outlasting_its_interval_is_one_overlap_line_not_warnings(records):
    notes = OverlapNotes(logging.getLogger("test.overlap"))
    scheduler = new_scheduler(2, notes)
    release = threading.Event()
    skipped = threading.Event()
    seen: list[str] = []

    def on_skip(scheduler_event):
        seen.append(scheduler_event.job_id)
        if len(seen) >= 3:
            skipped.set()

    scheduler.add_listener(on_skip, 2 ** 16)  # EVENT_JOB_MAX_INSTANCES, after `notes`
    scheduler.add_job(release.wait, "interval", seconds=0.05, id="publish:x", args=[30])
    scheduler.start()
    try:
        assert skipped.wait(30), "the scheduler never skipped a tick"
    finally:
        release.set()
        scheduler.shutdown(wait=True)
    notes.flush()
    warnings = [r for r in records if r.levelno >= logging.WARNING]
    assert warnings == []
    overlaps = [r for r in records if r.getMessage() == "job.overlap"]
    # the first skip is said at once; the rest wait for the window (600 s) or the stop
    assert len(overlaps) == 2
    assert overlaps[0].skipped == {"publish:x": 1}
    assert sum(r.total for r in overlaps) == len(seen)
    assert overlaps[1].skipped == {"publish:x": len(seen) - 1}
    demoted = [r for r in records if "maximum number of running instances" in r.getMessage()]
    assert demoted and {r.levelno for r in demoted} == {logging.DEBUG}


def test_overlap_lines_are_rate_limited_with_counts_per_job(records):
    now = [0.0]
    notes = OverlapNotes(logging.getLogger("test.overlap"), every=600, clock=lambda: now[0])
    for job in ("publish:x", "publish:x", "poll:x", "publish:facebook"):
        notes(SimpleNamespace(job_id=job))
        now[0] += 100
    now[0] = 650.0
    notes(SimpleNamespace(job_id="poll:x"))
    notes.flush()
    lines = [(r.skipped, r.total) for r in records if r.getMessage() == "job.overlap"]
    assert lines == [
        ({"publish:x": 1}, 1),
        ({"poll:x": 2, "publish:facebook": 1, "publish:x": 1}, 4),
    ]
    notes.flush()  # nothing more to say
    assert len([r for r in records if r.getMessage() == "job.overlap"]) == 2


def test_other_scheduler_warnings_and_errors_keep_their_level(records):
    log = SchedulerLog()
    log.warning("Error getting due jobs from job store %r: %s", "default", "db down")
    log.error('Executor lookup ("%s") failed for job "%s"', "x", "publish:x")
    levels = [(r.levelno, r.name) for r in records]
    assert levels == [(logging.WARNING, "apscheduler.scheduler"),
                      (logging.ERROR, "apscheduler.scheduler")]
