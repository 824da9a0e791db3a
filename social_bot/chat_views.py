"""The keyed MAC of a `chat_views` row, and `audit verify`'s check of every row.

A view row says a verified chat identity was shown a revision in full, so that a plain
`approve ID` binds to it (chat/memory.py). Since session 47 each row carries an HMAC under
the audit key over identity, post, content hash and time; a row whose MAC does not check
never counts as shown (it fails closed at vote time). Here, outside the chat package, so
`audit.verify` can report such rows without importing the chat layer (session 48).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from social_bot.audit_key import AuditKeys
from social_bot.db.models import ChatView

VIEW_LABEL = b"socialbot chat view\0"  # keeps these MACs apart from the chain's
IDS_SHOWN = 20  # ids a report names; the count says how many more


def view_mac(key: bytes, identity: str, post_id: int, content_hash: str,
             shown_at: datetime) -> str:
    """The keyed MAC of one view row: who was shown which revision of which post, when."""
    fields = json.dumps([identity, post_id, content_hash,
                         shown_at.isoformat(timespec="microseconds")], ensure_ascii=False)
    return hmac.new(key, VIEW_LABEL + fields.encode(), hashlib.sha256).hexdigest()


def view_checks(keys: AuditKeys, identity: str, post_id: int, content_hash: str,
                shown_at: datetime | None, mac: str | None, key_id: str | None) -> bool:
    """Does a view row's MAC check, under the key it names (a retired one too)?"""
    key = keys.get(key_id) if key_id else None
    if key is None or not mac or shown_at is None:
        return False
    return hmac.compare_digest(view_mac(key, identity, post_id, content_hash, shown_at), mac)


def _stored_time(value: Any) -> datetime | None:
    """The row's time as stored: a text that is no time (SQLite keeps what it is given)
    is None, so its row fails the check instead of crashing verify."""
    if value is not None and not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _rows_said(ids: tuple[int, ...], what: str, why: str) -> str | None:
    """"N chat view row(s) WHAT (ids 1, 2 ...): WHY", or None when there are none."""
    if not ids:
        return None
    named = ", ".join(str(i) for i in ids[:IDS_SHOWN])
    more = f" and {len(ids) - IDS_SHOWN} more" if len(ids) > IDS_SHOWN else ""
    return f"{len(ids)} chat view row(s) {what}{named}{more}): {why}"


@dataclass(frozen=True)
class ViewCheck:
    """Row ids of `chat_views` whose MAC does not check (``bad``: changed or written in the
    database, or naming a key nobody holds) and of rows with no MAC at all (``unkeyed``:
    written before the session 47 upgrade, or inserted since; neither counts as shown)."""

    bad: tuple[int, ...] = ()
    unkeyed: tuple[int, ...] = ()

    def problem(self) -> str | None:
        return _rows_said(self.bad, "fail their MAC check (ids ",
                          "changed or written in the database, or keyed with a key that is "
                          "not configured; they do not count as shown")

    def note(self) -> str | None:
        return _rows_said(self.unkeyed, "are unkeyed (from before the upgrade; ids ",
                          "they do not count as shown, so a plain `approve ID` needs a "
                          "fresh `show`")


def check_views(session: Session, keys: AuditKeys) -> ViewCheck:
    """Every `chat_views` row checked against its MAC: ids only, never what a row says."""
    bad: list[int] = []
    unkeyed: list[int] = []
    stmt = select(ChatView.id, ChatView.identity, ChatView.post_id, ChatView.content_hash,
                  type_coerce(ChatView.shown_at, String).label("shown_at"), ChatView.mac,
                  ChatView.key_id).order_by(ChatView.id)
    for row in session.execute(stmt):
        if row.mac is None and row.key_id is None:
            unkeyed.append(row.id)
        elif not view_checks(keys, row.identity, row.post_id, row.content_hash,
                             _stored_time(row.shown_at), row.mac, row.key_id):
            bad.append(row.id)
    return ViewCheck(tuple(bad), tuple(unkeyed))
