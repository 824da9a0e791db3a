"""Each platform's daily call budget, shared by the publishers and comment monitors of every
daemon using the database: polling stops at its allowance (the policy's daily_calls less the
publishing reserve), so a busy comment section never uses up the calls a scheduled post needs.

The count lives in the database (`call_budget`, one row per platform and UTC day), so two
daemons, or a daemon restarted at noon, draw on one budget instead of each starting from
zero. Every change is one atomic statement:

- publishing adds what it spent, unconditionally (it is never refused by the budget);
- a poll first takes one call, only while the day's count is below polling's allowance
  (`UPDATE ... WHERE used < allowance`, or the first insert of the day), then adds whatever
  more the poll spent. Two daemons racing for the last call cannot both get it; the overrun
  past the allowance is at most one poll's extra calls per daemon, and the publishing reserve
  absorbs it.

The platform's own quota, which the sandbox enforces, stays the hard limit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from policies.polling import PollingPolicy
from social_bot.db.models import CallBudgetDay

if TYPE_CHECKING:
    from social_bot.db.engine import Database

KEEP_DAYS = 7  # older rows are dropped (they only ever served one day's decisions)


class CallBudget:
    def __init__(self, db: Database, policy: Callable[[], PollingPolicy],
                 clock: Callable[[], datetime]) -> None:
        self.db = db
        self.policy = policy  # read each time: a policy reload applies at once
        self.clock = clock
        self._pruned: str | None = None

    def _day(self) -> str:
        return self.clock().date().isoformat()

    @staticmethod
    def _insert(session: Session, platform: str, day: str, calls: int) -> bool:
        """Start the day's row with `calls`; False when it already exists."""
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        stmt = (dialect.insert(CallBudgetDay)
                .values(platform=platform, day=day, used=calls)
                .on_conflict_do_nothing(index_elements=["platform", "day"])
                .returning(CallBudgetDay.used))
        # RETURNING, not rowcount: the PostgreSQL driver may report -1 for a skipped insert.
        return session.execute(stmt).scalar_one_or_none() is not None

    def _prune(self, session: Session, day: str) -> None:
        if self._pruned == day:
            return
        oldest = (self.clock().date() - timedelta(days=KEEP_DAYS)).isoformat()
        session.execute(delete(CallBudgetDay).where(CallBudgetDay.day < oldest))
        self._pruned = day

    def spend(self, platform: str, calls: int) -> None:
        """Count calls already made (publishing, or what a poll spent past its first call)."""
        if calls <= 0:
            return
        day = self._day()
        with self.db.write() as session:
            self._prune(session, day)
            if self._insert(session, platform, day, calls):
                return
            session.execute(update(CallBudgetDay)
                            .where(CallBudgetDay.platform == platform, CallBudgetDay.day == day)
                            .values(used=CallBudgetDay.used + calls))

    def take_poll_call(self, platform: str) -> bool:
        """Take one call for a poll if polling's allowance has room; False when spent.
        Atomic across processes: the check and the increment are one statement."""
        allowance = self.policy().poll_allowance(platform)
        day = self._day()
        with self.db.write() as session:
            if allowance is None:  # no budget set: count the call, never refuse
                if not self._insert(session, platform, day, 1):
                    session.execute(update(CallBudgetDay)
                                    .where(CallBudgetDay.platform == platform,
                                           CallBudgetDay.day == day)
                                    .values(used=CallBudgetDay.used + 1))
                return True
            if allowance <= 0:
                return False
            if self._insert(session, platform, day, 1):
                return True
            taken = session.execute(
                update(CallBudgetDay)
                .where(CallBudgetDay.platform == platform, CallBudgetDay.day == day,
                       CallBudgetDay.used < allowance)
                .values(used=CallBudgetDay.used + 1)
                .returning(CallBudgetDay.used))
            return taken.scalar_one_or_none() is not None

    def used(self, platform: str) -> int:
        with self.db.read() as session:
            found = session.scalar(select(CallBudgetDay.used).where(
                CallBudgetDay.platform == platform, CallBudgetDay.day == self._day()))
        return int(found or 0)

    def may_poll(self, platform: str) -> bool:
        """False once today's calls reach polling's allowance (publishing keeps the rest).
        A look only: a poll takes its call with take_poll_call."""
        allowance = self.policy().poll_allowance(platform)
        return allowance is None or self.used(platform) < allowance
