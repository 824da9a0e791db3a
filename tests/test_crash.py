"""kill -9 of `socialbot daemon` at random moments while it publishes, then a restart:
every approved delivery is on the sandbox exactly once and recorded as published.

24 kill-and-restart trials in all (16 with one daemon on SQLite, 8 with two daemons
sharing PostgreSQL); bench/crash_trials.py runs hundreds with the same harness.

The daemons are bench/crash_daemon.py: `socialbot daemon --no-http` with a PHI screen that
finds nothing (the trials' notices pass the real one too), so a restart does not load
spaCy; that load was most of each restart and made these trials time out under load.
The harness's waits end at their events; the bounds only stop a hang.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from crash_trials import run_crash_trials  # noqa: E402


def _check(report, trials: int, daemons: int) -> None:  # noqa: ANN001
    print(report.as_dict())  # kills per daemon, restart times: shown with -rA, and on failure
    assert report.problems == [], report.problems
    assert report.duplicates == 0 and report.losses == 0
    assert report.kills >= trials
    assert report.deliveries == trials * 2 * 3
    # Most kills landed after a claim, i.e. while publishing (the case that matters).
    assert report.kills_after_claim >= trials * 3 // 4
    assert report.clean_exits == daemons  # SIGTERM at the end: exit 0


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_kill_9_and_restart_one_daemon_sqlite(database_url: str, tmp_path: Path) -> None:
    trials = 16
    report = run_crash_trials(database_url, trials, daemons=1, posts_per_trial=2,
                              latency=0.1, seed=6, workdir=tmp_path, settle_seconds=90,
                              phi_model=False)
    _check(report, trials, 1)


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_kill_9_and_restart_two_daemons_postgresql(database_url: str, tmp_path: Path) -> None:
    trials = 8
    report = run_crash_trials(database_url, trials, daemons=2, posts_per_trial=2,
                              latency=0.1, seed=7, workdir=tmp_path, settle_seconds=90,
                              phi_model=False)
    _check(report, trials, 2)
