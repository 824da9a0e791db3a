"""The vote seal: an approval counts only if the chat door signed it (session 49).

Every login that runs the CLI holds the audit key and the database, so the keyed audit
trail cannot tell a vote the chat platform verified from one a staff member wrote by
calling ``approvals.approve`` themselves (an outside review, session 49, finding 1). The
chat door (the daemon, which checks the Slack signature or the Mattermost token) therefore
signs each vote it records with an Ed25519 key only its OS account can read: ``vote.key``
(``SOCIALBOT_VOTE_KEY_FILE``, default in the data directory; 0600, made by the daemon's
first start). The public half is written beside it (``vote.pub``) for anyone to check with.

The seal covers the post id, the revision's content hash, the verified identity, the kind
of vote (approve, reject, void) and the time the door received the request. The publisher
(in the daemon) checks seals with the public half of the key it holds itself, so a
``vote.pub`` swapped by someone else fools only a display; `post show` and chat read
``vote.pub``. A vote without a valid seal does not count (policies.approval.Void.UNSEALED).

The protection holds only when the daemon runs under its own OS account that staff cannot
become (docs/security.md); in the one-user demo the same login can read the key.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from social_bot.audit_key import read_private_file
from social_bot.errors import UserError
from social_bot.export_key import PublicKey, SigningKey, create_key_file
from social_bot.filesafety import read_text_checked, write_text_checked

# "witness": the door's word that a revision's writer login left its file (witness.py)
# "accept": a vote key's own signature on its `vote_key.accepted` record (check_door_key)
KINDS = ("approve", "reject", "release", "void", "witness", "accept")
NOT_SEALED = "vote not sealed by the chat door"
_WHAT = "the vote key"
# v1 (the first days of session 49) did not name the revision number: an edit A -> B -> A
# gave a revision with the old hash, and v1 seals copied onto it verified (a re-review,
# finding B). v1 seals are no longer counted (`holds`); `audit verify` reads them (`legacy`).
_CONTEXT_V1 = "socialbot vote seal v1"
_CONTEXT = "socialbot vote seal v2"
VERSION = 2


def key_file(settings: Any) -> Path:
    """Where the door's private key lives (the setting, else the data directory)."""
    return settings.vote_key_file or settings.data_dir / "vote.key"


def public_file(path: Path) -> Path:
    return path.with_suffix(".pub")


def message(post_id: int, revision: int, revision_hash: str, identity: str, kind: str,
            at: str) -> bytes:
    """The bytes a seal signs: one canonical JSON line, so no field can shift into another."""
    if kind not in KINDS:
        raise ValueError(f"unknown vote kind {kind!r}")
    return json.dumps([_CONTEXT, int(post_id), int(revision), revision_hash, identity, kind,
                       at], separators=(",", ":"), ensure_ascii=True).encode()


def _message_v1(post_id: int, revision_hash: str, identity: str, kind: str, at: str) -> bytes:
    return json.dumps([_CONTEXT_V1, int(post_id), revision_hash, identity, kind, at],
                      separators=(",", ":"), ensure_ascii=True).encode()


def create_key(path: Path) -> bool:
    """Make the key (0600, never over an existing one) and its public half; True if made."""
    # readable by all: vote.pub is for anyone to check with; the key itself is 0600
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    key = create_key_file(path)
    if key is None:
        return False
    _write_public(path, key.public)
    return True


def _write_public(path: Path, public: PublicKey) -> None:
    target = public_file(path)
    temporary = target.with_name(f".{target.name}.tmp")
    write_text_checked(temporary, public.text + "\n")
    temporary.chmod(0o644)
    os.replace(temporary, target)


def load_key(path: Path) -> SigningKey | None:
    """The door's key, or None when this login cannot read it (or it does not exist):
    such a process takes no votes."""
    try:
        if not path.is_file() or not os.access(path, os.R_OK):
            return None
    except OSError:
        return None
    text = read_private_file(path, _WHAT)
    try:
        private = serialization.load_pem_private_key(text.encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        raise UserError(f"{_WHAT} {path} is not an Ed25519 private key in PEM form; move it "
                        "away and restart the daemon to make a new one (votes sealed with "
                        "the old key then need approving again)")
    return SigningKey(private)


def load_public(path: Path) -> PublicKey | None:
    try:
        return PublicKey.parse(read_text_checked(public_file(path)))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def ensure_door_key(settings: Any) -> SigningKey:
    """The daemon's start: make the key on first start, and keep ``vote.pub`` its match."""
    path = key_file(settings)
    for _ in ("before", "after"):  # the folder as found, then as made (0755) if missing
        if (refusal := folder_refusal(path)) is not None:
            raise UserError(refusal)
        create_key(path)
    key = load_key(path)
    if key is None:
        raise UserError(f"the daemon cannot read {_WHAT} {path}: it must belong to the "
                        "daemon's own OS account (docs/daemon.md)")
    if load_public(path) != key.public:
        _write_public(path, key.public)
    return key


def folder_refusal(path: Path) -> str | None:
    """The daemon's start: why the vote key's folder is not the daemon's alone, or None.
    Beside the key are vote.pub, the witness folder and comments.since; in a folder group or
    others can write (the default, the data directory: 2770 where staff share it), a staff
    login could rename any of them away and put its own in place, so every vote and publish
    waited, or the comment watermark was gone (session 52's second attack review, D). A
    missing folder is made (0755) and checked then."""
    from social_bot.filesafety import folder_problem

    folder = path.absolute().parent
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"refusing to start the daemon: the vote key's folder {folder}: {exc.strerror}"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        why = (f"is in {folder}, which group or others may write (mode "
               f"{stat.S_IMODE(info.st_mode):o})")
    elif (why := folder_problem(path)) is None:
        return None
    return (f"refusing to start the daemon: {_WHAT} {path} {why}, so another login could "
            "replace vote.pub, the witness folder or comments.since beside it; set "
            "SOCIALBOT_VOTE_KEY_FILE to a file in a folder only the daemon's account can "
            "write, e.g. /var/lib/socialbot-door/vote.key (docs/daemon.md's unit), or close "
            "the folder to group and others' writes on a one-login machine")


class VoteKeys:
    """One process's view of the seal: the key it can sign with (the door's, if this login
    can read it) and the public key it checks seals with."""

    def __init__(self, settings: Any) -> None:
        self.path = key_file(settings)
        self._door: SigningKey | None = None

    def door(self) -> SigningKey | None:
        if self._door is None:
            self._door = load_key(self.path)
        return self._door

    def public(self) -> PublicKey | None:
        """The half of the key this process holds, else ``vote.pub`` (for reading only)."""
        door = self.door()
        return door.public if door is not None else load_public(self.path)


def session_public(session: Any) -> PublicKey | None:
    """The key this session's process checks seals with (App puts its VoteKeys there)."""
    keys = session.info.get("vote_keys")
    return keys.public() if isinstance(keys, VoteKeys) else None


def app_keys(app: Any) -> VoteKeys:
    """The App's VoteKeys (carried by its database's sessions)."""
    keys = app.db.carried("vote_keys")
    return keys if isinstance(keys, VoteKeys) else VoteKeys(app.settings)


def door_problem(keys: VoteKeys) -> str | None:
    """Why this process may not take votes, or None (it holds the door's key)."""
    if keys.door() is not None:
        return None
    return ("votes are taken only by the chat door (the daemon), which seals them with "
            f"{_WHAT}; this process cannot read {keys.path}")


@dataclass(frozen=True)
class Seal:
    at: str
    signature: str
    key_id: str

    def as_detail(self) -> dict[str, Any]:
        return {"v": VERSION, "at": self.at, "sig": self.signature, "key": self.key_id}


def seal(keys: VoteKeys | None, *, post_id: int, revision: int, revision_hash: str,
         identity: str, kind: str, at: datetime | None = None) -> Seal | None:
    """The door's seal on one vote, or None when this process cannot seal. ``at`` (tests
    only) defaults to the daemon's clock now, at sealing: inside the vote's transaction,
    after the post's lock, so later than any record that voided votes before it."""
    door = keys.door() if keys is not None else None
    if door is None:
        return None
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    signed = door.sign(message(post_id, revision, revision_hash, identity, kind, when))
    return Seal(when, base64.b64encode(signed).decode(), door.public.key_id)


def sealed_at(detail: Mapping[str, Any]) -> datetime | None:
    """The time a record's seal names (the daemon's clock at sealing), or None."""
    found = detail.get("seal")
    at = found.get("at") if isinstance(found, Mapping) else None
    if not isinstance(at, str):
        return None
    try:
        return _aware(datetime.fromisoformat(at))
    except ValueError:
        return None


def _signature(found: Any) -> tuple[str, bytes] | None:
    if not isinstance(found, Mapping):
        return None
    at, sig = found.get("at"), found.get("sig")
    if not isinstance(at, str) or not isinstance(sig, str):
        return None
    try:
        return at, base64.b64decode(sig, validate=True)
    except (binascii.Error, ValueError):
        return None


def holds(public: PublicKey | None, detail: Mapping[str, Any], *, post_id: int,
          revision: int, revision_hash: str, identity: str, kind: str,
          after: datetime | None = None) -> bool:
    """Does the record's ``seal`` verify for exactly this vote, and was it sealed after
    ``after`` (the last record that voided this revision's votes, or began the hold a
    release vote is for)? A seal made before it is an earlier vote's, copied."""
    signed = _signature(detail.get("seal"))
    if public is None or signed is None:
        return False
    at, raw = signed
    if not public.verifies(raw, message(post_id, revision, revision_hash, identity, kind, at)):
        return False
    return sealed_after(detail, after)


def sealed_after(detail: Mapping[str, Any], after: datetime | None) -> bool:
    """Was the record's seal made after ``after`` (None: no void or hold to be newer than)?
    The time half of `holds`, for a caller that has already checked the signature: checking
    it twice was about a third of `audit verify` (bench/verify_scale.py)."""
    when = sealed_at(detail)
    return after is None or (when is not None and when > _aware(after))


def legacy(public: PublicKey | None, detail: Mapping[str, Any], *, post_id: int,
           revision_hash: str, identity: str, kind: str) -> bool:
    """Does the record carry a v1 seal (no revision number) that verifies? Such seals were
    made by the door before this check; they no longer count (`audit verify` notes them)."""
    signed = _signature(detail.get("seal"))
    if public is None or signed is None:
        return False
    at, raw = signed
    return public.verifies(raw, _message_v1(post_id, revision_hash, identity, kind, at))


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def exposure(settings: Any, *, people: Collection[str] = (), login: str | None = None,
             login_uid: int | None = None) -> str | None:
    """Why the vote key is not the daemon's alone, as far as this login can tell, or None
    (`socialbot check`). ``people``: the OS logins the policy gives staff and approvers;
    ``login``: this process's login name."""
    path = key_file(settings)
    try:
        info = path.stat()
    except OSError:
        return None  # not made yet, or not even visible to this login: as it should be
    uid = os.geteuid() if login_uid is None else login_uid
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        return (f"{_WHAT} {path} is open to others than its owner (mode {mode:o}): "
                f"chmod 600 it; anyone who can read it can seal votes in any approver's name")
    if uid != info.st_uid and os.access(path, os.R_OK):
        return (f"{_WHAT} {path} is readable by this login (uid {uid}), which does not own "
                "it: any process of this login can seal votes in any approver's name")
    if uid == info.st_uid and login and any(login.casefold() == p.casefold() for p in people):
        return (f"{_WHAT} {path} belongs to {login}, a person's login in the policy: they "
                "can seal votes in any approver's name; run the daemon under its own OS "
                "account that staff cannot become, and give the key to it (docs/daemon.md)")
    return None


def placement(settings: Any) -> list[str]:
    """Where the vote key lives lets someone other than its owner replace ``vote.pub`` or
    delete ``vote.key`` (then the daemon's next start makes a new key and every unpublished
    vote is void): the key, its public half or their directory writable by group or others
    or owned by another login, or the key in the data directory, which staff must be able to
    write for SQLite (an attack re-review, session 49, finding G). `socialbot check`."""
    path = key_file(settings)
    out: list[str] = []
    try:
        inside = path.parent.resolve() == Path(settings.data_dir).resolve()
    except OSError:
        inside = False
    try:
        path.stat()
        made = True
    except FileNotFoundError:
        made = False  # no daemon has started yet (a permission error: there, unseen)
    except OSError:
        made = True
    if inside and not made:
        # said before any daemon ran, "is in the data directory" named a file that was not
        # there (the newcomer walk-through, session 50, finding 9)
        out.append(f"{_WHAT} will be made at {path}, in the data directory, at the daemon's "
                   "first start; staff must be able to write there, so they could replace "
                   "vote.pub or delete vote.key: before that start, set "
                   "SOCIALBOT_VOTE_KEY_FILE to a file path in a folder only the daemon's "
                   "account can write, e.g. /var/lib/socialbot-door/vote.key "
                   "(docs/daemon.md)")
    elif inside:
        out.append(f"{_WHAT} {path} is in the data directory, which staff must be able to "
                   "write: they could replace vote.pub or delete vote.key; set "
                   "SOCIALBOT_VOTE_KEY_FILE to a file path in a folder only the daemon's "
                   "account can write, e.g. /var/lib/socialbot-door/vote.key "
                   "(docs/daemon.md)")
    owner: int | None = None
    for what, target in ((_WHAT, path), ("its public half", public_file(path)),
                         ("its directory", path.parent)):
        try:
            info = target.stat()
        except OSError:
            continue  # not there, or not even visible to this login
        owner = info.st_uid if owner is None else owner
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o022:
            out.append(f"{what} {target} is writable by others than its owner (mode "
                       f"{mode:o}): chmod go-w it")
        elif info.st_uid != owner:
            out.append(f"{what} {target} belongs to uid {info.st_uid}, not to the vote "
                       f"key's owner (uid {owner}), who alone should be able to change it")
    return out


# A rival door (session 52's attack review, finding 8): a staff login started a daemon of
# its own on the shared database, with a vote key of its own; at a due minute it claimed
# first and sent approved posts back ("vote not sealed"), since its publisher counts only
# its own key's seals. A daemon now refuses to start while the trail holds seals (or an
# acceptance) by another key than its own, since the last acceptance of its own key.
ACCEPT_SETTING = "SOCIALBOT_VOTE_KEY_ACCEPT"
ACCEPTED = "vote_key.accepted"


@dataclass(frozen=True)
class OtherKeys:
    """Vote keys besides this daemon's that the trail names after ``since`` (the record
    accepting this daemon's key, 0 for none): each key id with the last record naming it."""

    mine: str
    since: int
    last: dict[str, int]
    upto: int = 0  # the last record read (the next look starts after it)

    def refusal(self) -> str:
        named = ", ".join(f"{key} (last at audit record #{seq})"
                          for key, seq in sorted(self.last.items(), key=lambda kv: kv[1]))
        return (f"refusing to start the daemon: the audit trail holds votes sealed (or a key "
                f"accepted) by vote key {named}, not by this daemon's vote key {self.mine}; "
                "another daemon with a key of its own may use this database: find and stop "
                "it (each record names the OS login that wrote it). If you replaced the vote "
                "key on purpose (votes sealed with the old one no longer count), start once "
                f"with {ACCEPT_SETTING}={self.mine} (docs/daemon.md)")


def other_keys(db: Any, mine: str, after: int = 0) -> OtherKeys:
    """What the trail says about vote keys besides ``mine``, after the last record that
    accepted ``mine`` and after record ``after`` (a seal names its key:
    ``detail["seal"]["key"]``). An acceptance counts only when the key it accepts signed it
    at its place in the trail (`acceptance_key`): any staff login holds the audit key, and
    an acceptance of the real key it wrote after its own seals hid them from the real
    daemon, at its next start and while it ran (session 52's second attack review, C)."""
    from sqlalchemy import or_, select

    from social_bot.db.models import AuditRecord

    with db.read() as session:
        accepted = session.execute(
            select(AuditRecord.seq, AuditRecord.prev_hash, AuditRecord.detail)
            .where(AuditRecord.action == ACCEPTED).order_by(AuditRecord.seq)).all()
        since = max((seq for seq, prev, detail in accepted
                     if acceptance_key(seq, prev, detail) == mine), default=after)
        since = max(since, after)
        rows = session.execute(
            select(AuditRecord.seq, AuditRecord.prev_hash, AuditRecord.action,
                   AuditRecord.detail)
            .where(AuditRecord.seq > since,
                   or_(AuditRecord.action == ACCEPTED,
                       AuditRecord.detail.like('%"seal": {%')))
            .order_by(AuditRecord.seq)).all()
    last: dict[str, int] = {}
    for seq, prev, action, detail in rows:
        key = acceptance_key(seq, prev, detail) if action == ACCEPTED \
            else _named_key(detail, "seal")
        if key is not None and key != mine:
            last[key] = seq
    return OtherKeys(mine, since, last, max((row[0] for row in rows), default=since))


def _named_key(detail: str, inside: str) -> str | None:
    """The key id a record's detail names in ``detail[inside]["key"]``."""
    try:
        parsed = json.loads(detail)
    except (TypeError, ValueError):
        return None
    found = parsed.get(inside) if isinstance(parsed, dict) else None
    key = found.get("key") if isinstance(found, dict) else None
    return key if isinstance(key, str) else None


def _accept_message(seq: int, prev_hash: str, key_id: str, at: str) -> bytes:
    """What a key signs to accept itself: its id, and the record's seq and prev_hash, so
    the signed record cannot be copied to another place in the trail."""
    return message(0, seq, prev_hash, key_id, "accept", at)


def acceptance_key(seq: int, prev_hash: str | None, detail: str) -> str | None:
    """The key a `vote_key.accepted` record accepts, when that key signed it there
    (``detail["public"]`` is the key, ``detail["seal"]`` its signature), else None."""
    try:
        parsed = json.loads(detail)
        # A planted row of any shape is no acceptance, never a traceback at the daemon's start
        # (the re-read of session 52: {"public": 1} raised AttributeError).
        if not isinstance(parsed, dict) or not isinstance(parsed.get("public"), str):
            return None
        public = PublicKey.parse(parsed["public"])
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    key = parsed.get("key")
    signed = _signature(parsed.get("seal"))
    if signed is None or key != public.key_id or prev_hash is None:
        return None
    at, raw = signed
    return key if public.verifies(raw, _accept_message(seq, prev_hash, key, at)) else None


def check_door_key(app: Any, key: SigningKey, *, actor: str, os_user: str | None) -> None:
    """The daemon's start: refuse (UserError, one line) while the trail names another vote
    key since this key was last accepted; with SOCIALBOT_VOTE_KEY_ACCEPT naming this key's
    id, record its acceptance (``vote_key.accepted``: the key, the ones it replaces, who)
    and go on. A first start on a trail without seals needs nothing."""
    from social_bot import audit

    mine = key.public.key_id
    found = other_keys(app.db, mine)
    if not found.last:
        return
    accept = (app.settings.env.get(ACCEPT_SETTING) or "").strip()
    if accept != mine:
        if accept:
            raise UserError(f"{ACCEPT_SETTING}={accept[:40]} does not name this daemon's vote "
                            f"key ({mine}, {key_file(app.settings)}); "
                            + found.refusal().removeprefix("refusing to start the daemon: "))
        raise UserError(found.refusal())
    with app.db.write() as session:
        seq, prev_hash = audit.next_place(session)
        at = datetime.now(UTC).isoformat(timespec="microseconds")
        signed = key.sign(_accept_message(seq, prev_hash, mine, at))
        record = audit.append(session, actor=actor, os_user=os_user, action=ACCEPTED,
                              detail={"key": mine, "public": key.public.text,
                                      "replaces": sorted(found.last),
                                      "file": str(key_file(app.settings)),
                                      "seal": Seal(at, base64.b64encode(signed).decode(),
                                                   mine).as_detail()})
        if record.seq != seq:  # the head was locked: never, but the signature says where
            raise UserError("the audit trail moved while the vote key was accepted; start "
                            "the daemon again")
