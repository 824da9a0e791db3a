"""The chat door's seal on a `chat_views` row, and `audit verify`'s check of every row.

A view row says a verified chat identity was shown a revision in full, so that a plain
`approve ID` (and `approve ID CODE`) binds to it (chat/memory.py). Session 47 keyed the rows
with an HMAC under the audit key; every staff login holds that key, and an author planted
views of an edit nobody saw, so the approvers' plain approve counted for it (an outside
attack review, session 50, finding 4). Since session 50 a row counts only when the chat
door signed it with its vote key (social_bot/vote_seal.py), as it signs votes: a row without
that seal (inserted in the database, written by a CLI process, or from before the upgrade)
never counts as shown. Here, outside the chat package, so `audit.verify` can report such
rows without importing the chat layer (session 48).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from social_bot.db.models import ChatView
from social_bot.export_key import PublicKey, SigningKey

VIEW_CONTEXT = "socialbot view seal v1"  # keeps these signatures apart from the votes'
IDS_SHOWN = 20  # ids a report names; the count says how many more


def view_message(identity: str, post_id: int, content_hash: str, shown_at: datetime) -> bytes:
    """The bytes a view seal signs: who was shown which revision of which post, when
    (naive times, as some databases give them back, are UTC)."""
    when = shown_at.astimezone(UTC) if shown_at.tzinfo else shown_at.replace(tzinfo=UTC)
    return json.dumps([VIEW_CONTEXT, int(post_id), content_hash, identity,
                       when.isoformat(timespec="microseconds")],
                      separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True)
class ViewSeal:
    signature: str  # base64 Ed25519 signature of view_message
    key_id: str  # the vote key that made it


def seal_view(door: SigningKey, identity: str, post_id: int, content_hash: str,
              shown_at: datetime) -> ViewSeal:
    signed = door.sign(view_message(identity, post_id, content_hash, shown_at))
    return ViewSeal(base64.b64encode(signed).decode(), door.public.key_id)


def view_sealed(public: PublicKey | None, identity: str, post_id: int, content_hash: str,
                shown_at: datetime | None, seal: str | None) -> bool:
    """Does a view row's seal verify under the door's public key for exactly these fields?"""
    if public is None or not seal or shown_at is None:
        return False
    try:
        raw = base64.b64decode(seal, validate=True)
    except (binascii.Error, ValueError):
        return False
    return public.verifies(raw, view_message(identity, post_id, content_hash, shown_at))


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
    """Row ids of `chat_views` whose seal does not verify (``bad``: changed or written in
    the database, or sealed with a key that is not the door's), of rows with no seal
    (``unsealed``: from before the session 50 upgrade, keyed with the audit key or not at
    all, or written since by something other than the door; none counts as shown) and of
    sealed rows this process could not check (``unchecked``: it has no public half of the
    vote key, as a compliance officer's copy without ``vote.pub``; session 51)."""

    bad: tuple[int, ...] = ()
    unsealed: tuple[int, ...] = ()
    unchecked: tuple[int, ...] = ()

    def problem(self) -> str | None:
        return _rows_said(self.bad, "fail their seal check (ids ",
                          "changed or written in the database, or sealed with a key that "
                          "is not the chat door's; they do not count as shown")

    def notes(self) -> tuple[str, ...]:
        said = (_rows_said(self.unsealed, "carry no seal of the chat door (from before the "
                           "upgrade, or not written by the door; ids ",
                           "they do not count as shown, so an approve needs a fresh `show`"),
                _rows_said(self.unchecked, "not checked (ids ",
                           "no public half of the vote key to check their seals with "
                           "(vote.pub, beside SOCIALBOT_VOTE_KEY_FILE); the daemon checks "
                           "each with its own key before a view counts for an approve"))
        return tuple(n for n in said if n)


def check_views(session: Session, public: PublicKey | None) -> ViewCheck:
    """Every `chat_views` row checked against its seal: ids only, never what a row says.
    Without the door's public key (no vote.pub) no seal can be checked: the sealed rows are
    ``unchecked``, not bad, as vote seals are then (audit_approvals.SealCheck.note). That
    costs nothing at vote time: `was_shown` (chat/memory.py) counts a row only when its seal
    verifies under the key the daemon holds, so a planted row never counts for an approve,
    whether or not a reader without the key could check it (session 51, newcomer #1)."""
    bad: list[int] = []
    unsealed: list[int] = []
    unchecked: list[int] = []
    stmt = select(ChatView.id, ChatView.identity, ChatView.post_id, ChatView.content_hash,
                  type_coerce(ChatView.shown_at, String).label("shown_at"), ChatView.seal,
                  ChatView.seal_key).order_by(ChatView.id)
    for row in session.execute(stmt):
        if row.seal is None and row.seal_key is None:
            unsealed.append(row.id)
        elif public is None:
            unchecked.append(row.id)
        elif not view_sealed(public, row.identity, row.post_id, row.content_hash,
                             _stored_time(row.shown_at), row.seal):
            bad.append(row.id)
    return ViewCheck(tuple(bad), tuple(unsealed), tuple(unchecked))
