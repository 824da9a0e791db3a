"""Which approver read a revision in full in the CLI (`socialbot post show N`).

Chat cannot show some posts in full (images, long posts, text the guard cuts); those are
approved with the revision's code, which `post show` prints. Before session 51's attack
review the code alone counted: a code the author read and relayed approved a post the
approver never saw (finding 4). The identity the CLI can verify is the OS login running it,
which the policy maps to an approver (`os_user`); so a `post show` by an approver's login
of a revision waiting for approval is recorded (`post.read_in_cli`, with the revision and
its hash), and a coded chat approval of a revision not shown in full needs one by that
approver's login.

What this does not stop: the record is written by a staff process with the audit key, as
every staff record is (the CLI holds no key of the daemon's, unlike the chat views the
daemon seals with its vote key, session 50). Whoever holds the audit key, or runs commands
under another person's login (root, a shared account, sudo to them), can write one for an
approver who read nothing. It binds a person's login, not their eyes. With `[approval]
os_witness` (session 52) the door also wants the file `post show` leaves in its witness
folder, which the kernel says that login's process made (social_bot/witness.py): the record
alone, written by another staff login, no longer counts; root and sudo still can.
"""

from __future__ import annotations

from typing import Any

from policies.approval import Approver
from social_bot import audit, witness
from social_bot.app import App

ACTION = "post.read_in_cli"


def approver_of_login(app: App, os_user: str | None) -> Approver | None:
    """The approver the policy maps this OS login to, or None."""
    if not os_user:
        return None
    return next((a for a in app.policy.require_approval().approvers if a.os_user == os_user),
                None)


def record_read(app: App, os_user: str | None, detail: dict[str, Any]) -> bool:
    """Record that this login was shown the post's current revision in full (``detail``:
    what `post show` printed). Only an approver's login, only a revision waiting for
    approval whose text is there to read; once per login and revision. True if recorded
    (now or before)."""
    approver = approver_of_login(app, os_user)
    current = next((r for r in detail.get("revisions", ())
                    if r["number"] == detail["revision"]), None)
    if (approver is None or detail.get("status") != "pending_approval" or current is None
            or current.get("purged") or detail.get("not_shown")):
        return False  # not_shown: the stored words were not printed (posts.post_detail)
    post_id, number, digest = detail["id"], detail["revision"], detail["revision_hash"]
    with app.db.write() as session:
        if not _recorded(session, approver, post_id, number, digest):
            audit.append(session, actor=approver.name, os_user=os_user, action=ACTION,
                         post_id=post_id, revision=number, revision_hash=digest,
                         detail={"via": "socialbot post show"})
    # ... and the OS's word for it, which the door checks with [approval] os_witness
    witness.leave_or_log(app.settings, witness.READ, post_id, number, digest)
    return True


def changed_images(media: list[dict[str, Any]]) -> list[int]:
    """The numbers (from 1) of the images whose file, where the revision names it, is there
    but no longer hashes to the sha256 the revision's hash, and so every vote, binds. A
    database writer could swap the file, or the row's `path` (outside the hash), while an
    approver ran `post show`, and put it back before publishing (session 54, P1 for
    images). A file not there at all is said by `render_media` as before."""
    import hashlib
    import hmac
    from pathlib import Path

    from social_bot.filesafety import read_bytes_checked

    changed = []
    for n, m in enumerate(media, start=1):
        path = Path(str(m.get("path") or ""))
        if not path.exists() and not path.is_symlink():
            continue
        try:
            digest = hashlib.sha256(read_bytes_checked(path)).hexdigest()
        except OSError:  # a link, a pipe, unreadable: not the approved image either
            digest = ""
        if not hmac.compare_digest(digest, str(m.get("sha256") or "")):
            changed.append(n)
    return changed


def was_read(app: App, approver: Approver, post_id: int, revision: int,
             revision_hash: str) -> bool:
    """Whether this approver's OS login was shown this revision in full by `post show`: an
    intact record (its MAC holds), this revision's number and hash, this login."""
    with app.db.read() as session:
        return _recorded(session, approver, post_id, revision, revision_hash)


def _recorded(session: Any, approver: Approver, post_id: int, revision: int,
              revision_hash: str) -> bool:
    if not approver.os_user:
        return False
    records = audit.intact_revision_records(session, post_id, revision, revision_hash,
                                            (ACTION,))
    return any(r.os_user == approver.os_user for r in records)


def chat_code(app: App, detail: dict[str, Any]) -> dict[str, Any]:
    """What `post show --json` adds for a chat-only approver (the newcomer walk-through,
    session 52): ``code``, the code of the current revision, where chat's `show` card would
    print it, i.e. when chat shows that revision in full (``commands.not_in_full``, the
    door's own test, with the chat guard); else None, and ``code_note`` says why and
    where it is read. Never for a revision chat cannot show in full (session 51, A6 and
    finding 4): the code of such a post is what the approver reads in the text form of
    `post show` under their own login, not something a script should pass along. Only
    while the post waits for approval: the door's test runs the chat guard, whose screen
    costs about 2 s of CPU to load (measured: `post show --json` 3.2 s CPU against 0.9-1.2 s
    for the text form), which a script listing published posts should not pay."""
    from social_bot.chat.commands import not_in_full
    from social_bot.chat.render import MATTERMOST
    from social_bot.errors import UserError
    from social_bot.revision_code import detail_code

    if detail.get("status") != "pending_approval":  # no vote to give: the screen not loaded
        return {"code": None, "code_note": "the post is not waiting for approval"}
    current = next((r for r in detail.get("revisions", ())
                    if r["number"] == detail["revision"]), None)
    if current is None or current.get("purged"):
        return {"code": None, "code_note": "the revision's text is purged"}
    if detail.get("not_shown"):
        return {"code": None, "code_note": detail["not_shown"]}
    try:
        why = not_in_full(app, detail, MATTERMOST)
    except UserError as exc:  # no usable policy: the door could not show it either
        why = str(exc)
    if why is not None:
        return {"code": None,
                "code_note": f"chat cannot show revision {detail['revision']} in full "
                             f"({why}): the code is read in `socialbot post show "
                             f"{detail['id']}` (no --json), under the approver's own login"}
    return {"code": detail_code(detail)}
