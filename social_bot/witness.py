"""The OS's word on who wrote a revision, and who read one in the CLI (session 52).

Every staff login holds the database and the audit key, so the writer a `post.created` or
`post.edited` record names is whatever `Staff` the calling process passed: an approver
called `posts.create_post` with another login's name, approved her own text in chat, and it
published (session 52's attack review, finding 1). The same held for `post.read_in_cli`.

The witness is a spool folder the daemon makes at its start beside the vote key
(``<vote key's folder>/witness``, mode 1733: anyone may create a file there, as in /tmp,
nobody may rename or delete another's, and only the daemon can list it). When a revision is
written (`posts.create_post`, `posts.edit_post`, `socialbot post witness`) the writing
process leaves a file there naming the post, the revision and its hash; when an approver's
login runs `socialbot post show`, one naming what it read. The file's owner (``st_uid``) is
set by the kernel to the process's user: a login that is not root cannot create a file
owned by another. The chat door (the daemon, under its own OS account) maps that uid to a
login and, when it is the login the revision's writer record names, writes a
`revision.witnessed` record sealed with the vote key (`vote_seal`, kind "witness"), which
staff cannot read. With ``[approval] os_witness = true`` the door takes no vote, and the
publisher publishes nothing, while a revision of the post lacks such a sealed witness; and a
coded approval of a revision read in the CLI needs a read file owned by that approver.

What this does not stop: root, or anyone who can run commands as another login (sudo to
them, a shared account), writes as them; a writer who runs `socialbot post witness N` for a
revision someone else wrote under their name vouches for it. A file's content is plain: it
proves a login's process asked for it, not that a person read the text.
"""

from __future__ import annotations

import json
import logging
import os
import pwd
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from social_bot import audit, vote_seal
from social_bot.db.models import AuditRecord, Post, Revision
from social_bot.errors import UserError
from social_bot.filesafety import open_checked

log = logging.getLogger("socialbot.witness")

ACTION = "revision.witnessed"
SEAL_KIND = "witness"
WROTE = "wrote"
READ = "read"
SPOOL_MODE = 0o1733
FILE_MODE = 0o444
MAX_FILES = 1000  # names read per post and kind (a filled spool is read outside the lock)
_MAX_BYTES = 4096
_DOOR = "socialbot door"


def spool_dir(settings: Any) -> Path:
    """The spool: beside the vote key, in a folder only the daemon's account can write."""
    return vote_seal.key_file(settings).parent / "witness"


def ensure_spool(settings: Any) -> Path:
    """The daemon's start: make the spool (mode 1733), or refuse one it does not own."""
    path = spool_dir(settings)
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError as exc:
        raise UserError(f"the daemon cannot make the witness folder {path}: {exc}") from exc
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        raise UserError(f"the witness folder {path} is not a folder of the daemon's own OS "
                        "account: move it away and restart the daemon (it makes a new one)")
    if stat.S_IMODE(info.st_mode) != SPOOL_MODE:
        os.chmod(path, SPOOL_MODE)
    return path


def leave(settings: Any, kind: str, post_id: int, revision: int,
          revision_hash: str) -> str | None:
    """Leave this process's file in the spool (its owner is this login, as the kernel
    records it); None when left, else why not (no spool yet: no daemon has started)."""
    folder = spool_dir(settings)
    if not folder.is_dir():
        return (f"no witness folder at {folder} (the daemon makes it at its start), so "
                f"this login's {kind} of post {post_id} is not witnessed")
    body = json.dumps({"kind": kind, "post": post_id, "revision": revision,
                       "hash": revision_hash}, separators=(",", ":")).encode()
    target = folder / f"{kind}-{post_id}-{revision}-{secrets.token_hex(8)}"
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o444)
        try:
            os.write(fd, body)
            os.fchmod(fd, FILE_MODE)  # whatever the umask: nobody rewrites it for another post
        finally:
            os.close(fd)
    except OSError as exc:
        return f"could not leave a witness of post {post_id} in {folder}: {exc}"
    return None


def leave_or_log(settings: Any, kind: str, post_id: int, revision: int,
                 revision_hash: str) -> None:
    problem = leave(settings, kind, post_id, revision, revision_hash)
    if problem is not None:
        log.info("%s", problem)


@dataclass(frozen=True)
class Seen:
    """One spool file the daemon read: what it names, and whose it is."""

    revision: int
    revision_hash: str
    login: str
    uid: int
    name: str = ""  # the file's name in the spool (the daemon removes it once sealed)


def spool_problem(settings: Any) -> str | None:
    """Why the spool cannot be trusted (not the daemon's, or open to listing), or None."""
    path = spool_dir(settings)
    try:
        info = os.lstat(path)
    except OSError:
        return f"no witness folder at {path}: the daemon makes it at its start"
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() \
            or stat.S_IMODE(info.st_mode) != SPOOL_MODE:
        return (f"the witness folder {path} is not the daemon's own with mode 1733; restart "
                "the daemon after moving it away")
    return None


def seen(settings: Any, kind: str, post_id: int) -> Iterator[Seen]:
    """The spool's files of this kind about this post, with their owners' logins. What a
    file says is read from its content (its name only finds it): a hard link to another
    post's file names that post. A file counts only as `leave` writes it: regular, mode
    exactly 0444 (only its owner can chmod), one link, at most 4 KiB, checked on the open
    file (fstat, O_NOFOLLOW). A hard link to another login's writable file (the daemon's
    own SQLite -wal, 0660) kept its owner and was read as that login's witness (session
    52's second attack review, finding A). At most `MAX_FILES` names per post and owner are read."""
    if spool_problem(settings) is not None:
        return
    folder = spool_dir(settings)
    prefix = f"{kind}-{post_id}-"
    # The cap is per owner: names another login made cannot push the writer's own file out
    # (the re-read of session 52 hid a writer's file behind 1,000 names that sort first).
    by_owner: dict[int, list[str]] = {}
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(prefix):
                try:
                    owner = entry.stat(follow_symlinks=False).st_uid
                except OSError:
                    continue
                by_owner.setdefault(owner, []).append(entry.name)
    except OSError:
        return
    names = [n for owned in by_owner.values() for n in sorted(owned)[:MAX_FILES]]
    for name in names:
        try:
            fd = open_checked(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            raw = os.read(fd, _MAX_BYTES + 1) if _as_left(info) else b""
        except OSError:
            continue
        finally:
            os.close(fd)
        found = _parsed(raw, kind, post_id)
        if found is None:
            continue
        login = login_of(info.st_uid)
        if login is not None:
            yield Seen(found[0], found[1], login, info.st_uid, name)


def _as_left(info: os.stat_result) -> bool:
    """Is this open file one `leave` could have made (regular, 0444, one link, small)?"""
    return (stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == FILE_MODE
            and info.st_nlink == 1 and info.st_size <= _MAX_BYTES)


def login_of(uid: int) -> str | None:
    """The password database's name for this uid (None: no entry)."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _parsed(raw: bytes, kind: str, post_id: int) -> tuple[int, str] | None:
    if not raw or len(raw) > _MAX_BYTES:
        return None
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(body, dict) or body.get("kind") != kind or body.get("post") != post_id:
        return None
    number, digest = body.get("revision"), body.get("hash")
    if type(number) is not int or not isinstance(digest, str):
        return None
    return number, digest


def _written_by_record(session: Session, post: Post, revision: Revision) -> set[str]:
    """The logins the intact write record of this revision names."""
    records = audit.intact_revision_records(session, post.id, revision.number,
                                            revision.content_hash,
                                            ("post.created", "post.edited"))
    return {r.os_user for r in records if r.os_user}


def gather(settings: Any, keys: vote_seal.VoteKeys, post_id: int) -> list[Seen]:
    """The writers' files about this post, read before the vote's transaction: listing a
    spool anyone can fill, under the database's write lock, held every other writer up
    (session 52's second attack review, finding E). Nothing when this process cannot seal."""
    return list(seen(settings, WROTE, post_id)) if keys.door() is not None else []


def single_login(settings: Any) -> bool:
    """Is this the one-login setup (the demo, `socialbot init`'s private data directory)?
    The data directory is this process's own and closed to group and others' writes, so no
    other login shares its database (SQLite) or its folder."""
    try:
        info = os.stat(settings.data_dir)
    except OSError:
        return False
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def writer_problem(settings: Any, policy: object, file: Seen) -> str | None:
    """Why this file's owner cannot be a revision's writer, or None: root and the daemon's
    own account (no person writes posts as either; a revision "by sbd" has no honest source,
    session 52's second attack review, finding A), except in the one-login setup; any other
    login only if the policy names it as a person (staff or approver `os_user`)."""
    if file.uid in {0, os.geteuid()}:
        return None if single_login(settings) else (
            f"its owner {file.login} is root or the daemon's own account")
    approval = getattr(policy, "approval", None)
    people = {p.os_user for p in (*getattr(approval, "approvers", ()),
                                  *getattr(approval, "staff", ())) if p.os_user}
    return None if file.login in people else (
        f"its owner {file.login} is no staff member's or approver's os_user in the policy")


def collect(session: Session, settings: Any, keys: vote_seal.VoteKeys, post: Post,
            policy: object, files: list[Seen]) -> list[str]:
    """The door, under the post's lock: seal a `revision.witnessed` record for each revision
    of the post whose spool file (``files``, from `gather`) belongs to the login its writer
    records name (the revision's `written_by` and its intact write record both), once, when
    that login may write posts (`writer_problem`). The names of the files whose revision is
    now witnessed (sealed here or before): `remove` them once the transaction commits."""
    if keys.door() is None:
        return []
    done = {(n, h) for n, h, _ in witnessed(session, post)}
    spent: list[str] = []
    for file in files:
        revision = next((r for r in post.revisions if r.number == file.revision
                         and r.content_hash == file.revision_hash), None)
        identity = f"os:{file.login}"
        if revision is None or revision.written_by != identity:
            continue
        if (revision.number, revision.content_hash) in done:
            spent.append(file.name)
            continue
        if _written_by_record(session, post, revision) != {file.login}:
            continue
        if (why := writer_problem(settings, policy, file)) is not None:
            log.warning("witness file %s for post %s not sealed: %s", file.name, post.id, why)
            continue
        made_seal = vote_seal.seal(keys, post_id=post.id, revision=revision.number,
                                   revision_hash=revision.content_hash, identity=identity,
                                   kind=SEAL_KIND)
        if made_seal is None:
            break
        audit.append(session, actor=_DOOR, os_user=file.login, action=ACTION,
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={"identity": identity, "uid": file.uid,
                             "seal": made_seal.as_detail()})
        done.add((revision.number, revision.content_hash))
        spent.append(file.name)
    session.flush()
    return spent


def remove(settings: Any, names: list[str]) -> None:
    """After the seal's commit: the spool's files it used up (the sticky folder's owner,
    the daemon, may delete anyone's), so the folder does not only grow (finding E)."""
    folder = spool_dir(settings)
    for name in names:
        try:
            os.unlink(folder / name)
        except OSError as exc:
            log.info("could not remove witness file %s: %s", name, exc.strerror)


def witnessed(session: Session, post: Post) -> list[tuple[int, str, str]]:
    """(revision, hash, identity) of this post's intact `revision.witnessed` records whose
    door seal holds."""
    public = vote_seal.session_public(session)
    keys = audit.session_keys(session)
    out = []
    for record in audit.post_records(session, post.id, AuditRecord.action == ACTION):
        if record.revision is None or record.revision_hash is None \
                or not audit.record_intact(record, keys):
            continue
        try:
            detail = json.loads(record.detail or "{}")
        except ValueError:
            continue
        identity = detail.get("identity") if isinstance(detail, dict) else None
        if not isinstance(identity, str):
            continue
        if vote_seal.holds(public, detail, post_id=post.id, revision=record.revision,
                           revision_hash=record.revision_hash, identity=identity,
                           kind=SEAL_KIND):
            out.append((record.revision, record.revision_hash, identity))
    return out


def required(policy: object) -> bool:
    return bool(getattr(getattr(policy, "approval", None), "os_witness", False))


def problem(session: Session, policy: object, post: Post) -> str | None:
    """With `os_witness` on: why this post's writers are not proven by the OS (the first
    revision without a door-sealed witness by its writer's login), or None."""
    if not required(policy):
        return None
    have = set(witnessed(session, post))
    for revision in sorted(post.revisions, key=lambda r: r.number):
        writer = revision.written_by or ""
        if (revision.number, revision.content_hash, writer) in have:
            continue
        if writer.startswith("os:"):
            return (f"revision {revision.number} of post {post.id} has no witness from its "
                    f"writer's OS login ({writer[3:]}): {writer[3:]} runs `socialbot post "
                    f"witness {post.id}`, which shows it; check the text first: if you did "
                    "not write it, cancel the post")
        return (f"revision {revision.number} of post {post.id} names no OS login as its "
                "writer, so no witness can prove who wrote it: cancel it and queue it again "
                "from the writer's own login")
    return None


def read_by(settings: Any, login: str | None, post_id: int, revision: int,
            revision_hash: str) -> bool:
    """Did this login's process leave a read file for this revision (`post show`)?"""
    if not login:
        return False
    return any(f.login == login and f.revision == revision
               and f.revision_hash == revision_hash
               for f in seen(settings, READ, post_id))


def off_warning(approval: Any) -> str | None:
    """`socialbot check`: os_witness off on a machine where more than one of the policy's
    logins exists, any of whom can write a post under another's login, or None."""
    if approval is None or getattr(approval, "os_witness", False):
        return None
    present = []
    for login in sorted({p.os_user for p in (*approval.approvers, *approval.staff)
                         if p.os_user}):
        try:
            pwd.getpwnam(login)
        except KeyError:
            continue
        present.append(login)
    if len(present) < 2:
        return None
    return (f"[approval] os_witness is off and this machine has {len(present)} staff logins "
            f"({', '.join(present)}): any of them can write a post under another's login "
            "and approve it herself; set os_witness = true in the policy (docs/security.md)")
