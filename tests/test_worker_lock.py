"""One process per worker id: a second copy refuses to start (it would reconcile the first
one's in-flight attempts and publish them again)."""

from __future__ import annotations

import pytest

from social_bot.daemon.worker_lock import WorkerLock
from social_bot.errors import UserError


def test_a_second_process_with_the_same_worker_id_is_refused(db):
    first = WorkerLock(db, "clinic-a")
    first.acquire()
    try:
        with pytest.raises(UserError, match="already running as worker 'clinic-a'"):
            WorkerLock(db, "clinic-a").acquire()
        other = WorkerLock(db, "clinic-b")  # another id on the same database is fine
        other.acquire()
        other.release()
    finally:
        first.release()
    again = WorkerLock(db, "clinic-a")  # released: the next start succeeds
    again.acquire()
    again.release()


def test_a_refused_daemon_logs_its_refusal_and_never_the_running_ones_stop(make_app, caplog):
    """Session 49 (newcomer's item 10): the second daemon logged daemon.stopping and
    daemon.stopped with the running daemon's worker name, as if that one had stopped."""
    import logging
    import os

    from social_bot.daemon.runner import Daemon

    app = make_app()
    running = WorkerLock(app.db, "clinic-a")
    running.acquire()
    try:
        second = Daemon(app, worker_id="clinic-a", serve_http=False, platforms=())
        caplog.set_level(logging.INFO, logger="socialbot.daemon")
        with pytest.raises(UserError, match="already running as worker 'clinic-a'"):
            second.run_forever()
        second.stop()  # a second stop says nothing either
    finally:
        running.release()
    logged = [(r.getMessage(), r.levelno) for r in caplog.records
              if r.name == "socialbot.daemon"]
    assert logged == [("daemon.refused", logging.ERROR)]
    refused = next(r for r in caplog.records if r.getMessage() == "daemon.refused")
    assert refused.pid == os.getpid()
    assert "already running as worker 'clinic-a'" in refused.why
    assert not hasattr(refused, "worker")  # the name of the healthy daemon's own field
