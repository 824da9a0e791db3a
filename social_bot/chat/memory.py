"""What the chat layer remembers in the database, so it holds across restarts and across
daemons sharing one database:

- ``DbReplayGuard``: signed requests already received, for the signature window;
- ``record_view`` / ``was_shown``: which revision each verified identity was shown in
  full, so a plain ``approve ID`` binds to a revision that person read;
- ``RefusalLimiter``: refused attempts per identity; beyond the limit further attempts are
  not acted on and are audited as one count.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from social_bot import audit
from social_bot.chat_views import seal_view, view_sealed
from social_bot.db.engine import Database
from social_bot.db.models import ChatRefusals, ChatReplay, ChatView, utcnow
from social_bot.errors import Refused
from social_bot.vote_seal import VoteKeys, session_public

log = logging.getLogger(__name__)


def _insert(session: Session):  # noqa: ANN202 - the dialect's insert construct
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert


class DbReplayGuard:
    """Each signed request is accepted once while its signature could still verify."""

    def __init__(self, db: Database, window: float) -> None:
        self.db = db
        # Past both edges of the window: Slack accepts timestamps up to `window` old, and a
        # clock a little ahead must not let an early copy expire before the late one.
        self.keep = timedelta(seconds=2 * window)

    def first_time(self, signature: str) -> bool:
        now = utcnow()
        with self.db.write() as session:
            session.execute(delete(ChatReplay).where(ChatReplay.expires_at < now))
            inserted = session.execute(
                _insert(session)(ChatReplay)
                .values(signature=signature[:100], expires_at=now + self.keep)
                .on_conflict_do_nothing(index_elements=["signature"])
                .returning(ChatReplay.signature)  # rowcount is not reliable here on psycopg
            ).scalar_one_or_none()
            return inserted is not None


# --- what each approver was shown ----------------------------------------------------------


def record_view(db: Database, identity: str, post_id: int, content_hash: str) -> None:
    """Remember that ``identity`` was shown this revision in full, sealed with the chat
    door's vote key. A row already there is sealed again (it may predate the seal). Only
    the door holds that key: any other process is refused, writing nothing."""
    with db.write() as session:
        keys = session.info.get("vote_keys")
        door = keys.door() if isinstance(keys, VoteKeys) else None
        if door is None:
            raise Refused("views are recorded only by the chat door (the daemon), which "
                          "seals them with the vote key")
        at = utcnow()
        sealed = seal_view(door, identity, post_id, content_hash, at)
        values = {"shown_at": at, "seal": sealed.signature, "seal_key": sealed.key_id,
                  "mac": None, "key_id": None}  # the audit key's MAC is no mark of the door
        session.execute(
            _insert(session)(ChatView)
            .values(identity=identity, post_id=post_id, content_hash=content_hash, **values)
            .on_conflict_do_update(index_elements=["identity", "post_id", "content_hash"],
                                   set_=values)
        )


def was_shown(db: Database, identity: str, post_id: int, content_hash: str) -> bool:
    """Was this revision shown to ``identity`` by the chat door: a row whose seal verifies
    under the door's key. A row without one (inserted in the database, written by a staff
    login's process, or before session 50) does not count."""
    with db.read() as session:
        row = session.scalar(
            select(ChatView).where(ChatView.identity == identity,
                                   ChatView.post_id == post_id,
                                   ChatView.content_hash == content_hash))
        return row is not None and view_sealed(
            session_public(session), row.identity, row.post_id, row.content_hash,
            row.shown_at, row.seal)


# --- refused attempts -------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    refusals: int = 10  # refused attempts allowed per identity and window
    window: timedelta = timedelta(minutes=10)


class RefusalLimiter:
    """Counts refused attempts per verified identity. Past the limit, ``allowed`` says no
    until the window ends; those attempts are counted, not audited one by one, and the
    count is audited (``chat.refusals_limited``) when the limit is first reached and when
    the window closes."""

    def __init__(self, db: Database, limit: Limit | None = None) -> None:
        self.db = db
        self.limit = limit or Limit()

    def _row(self, session: Session, identity: str, now: datetime) -> ChatRefusals:
        # Insert-if-absent first, so two daemons seeing a new identity at once do not race.
        session.execute(_insert(session)(ChatRefusals)
                        .values(identity=identity, window_start=now, refused=0, suppressed=0)
                        .on_conflict_do_nothing(index_elements=["identity"]))
        row = session.execute(select(ChatRefusals).where(ChatRefusals.identity == identity)
                              .with_for_update()).scalar_one()
        if now - row.window_start >= self.limit.window:
            if row.suppressed:
                audit.append(session, actor=identity, action="chat.refusals_limited",
                             detail={"identity": identity, "suppressed": row.suppressed,
                                     "refused": row.refused, "window_closed": True,
                                     "window_start": row.window_start.isoformat()})
            row.window_start, row.refused, row.suppressed = now, 0, 0
        return row

    def allowed(self, identity: str) -> timedelta | None:
        """None if this identity may be served; else how long until it may again."""
        now = utcnow()
        with self.db.read() as session:  # the common case reads only (no writer lock)
            row = session.get(ChatRefusals, identity)
            if row is None or (row.refused < self.limit.refusals
                               and (not row.suppressed
                                    or now - row.window_start < self.limit.window)):
                return None
        with self.db.write() as session:
            row = self._row(session, identity, now)
            if row.refused < self.limit.refusals:
                return None
            row.suppressed += 1
            if row.suppressed == 1:
                audit.append(session, actor=identity, action="chat.refusals_limited",
                             detail={"identity": identity, "refused": row.refused,
                                     "suppressed": 1, "window_closed": False,
                                     "window_start": row.window_start.isoformat()})
            return row.window_start + self.limit.window - now

    def refused(self, identity: str) -> None:
        with self.db.write() as session:
            self._row(session, identity, utcnow()).refused += 1
