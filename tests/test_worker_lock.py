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
