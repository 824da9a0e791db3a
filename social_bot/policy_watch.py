"""The policy in force: reloaded when its file changes (and on SIGHUP), so an approver
removed from the file stops counting at once, not at the next restart.

Every read of ``App.policy`` goes through ``PolicyWatch.current``, which looks at the
file at most every ``CHECK_EVERY`` seconds: its identity (inode, size, modification time,
mode, owner) and a SHA-256 of its bytes. The hash is what tells an edit from none: an
in-place edit of the same size with its time put back (``touch -r``) kept the old policy
in force until a restart (session 45). A new file that does not parse, or fails validation,
is *not* used, and the old one is not kept either: until it is fixed, everything that
needs the policy (votes, the PHI screen's allow-lists, publishing) refuses with the file's
error. A policy nobody can check must not decide who approves. Only what protects and
decides nobody's vote, the daemon's own judging and hiding of comments and its call pacing,
goes on under the last good policy (``current_or_last_good``, session 46): before, a bad
edit (or a refused loosening) stopped comment polling, and a comment with PHI stayed
visible until the file was fixed. A file that changed while it was being read is not used;
the next look reads it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
import time
from typing import Any

from social_bot.errors import UserError
from social_bot.filesafety import open_checked
from social_bot.settings import Settings, load_policy

log = logging.getLogger("socialbot.policy")

CHECK_EVERY = 0.5  # seconds between looks at the policy file
# While the last good policy stands in for a refused file, the error is said again this often
# (seconds): a file refused on a Monday left one log line, and the daemon hid comments under
# the old policy while votes and publishing waited, unsaid, for a week (session 46 review).
REMIND_EVERY = 3600.0
# A look: (inode, size, mtime_ns, mode, uid, sha256 of the bytes); GONE when it cannot be read
Look = tuple[int, int, int, int, int, str]
GONE: Look = (-1, -1, -1, -1, -1, "")


def _look(settings: Settings) -> Look | None:
    if settings.policy_path is None:
        return None
    from policies.config import MAX_POLICY_BYTES

    try:
        st = os.stat(settings.policy_path)
        if not stat.S_ISREG(st.st_mode):
            return GONE  # a FIFO would block the read: load_policy names the problem
        with os.fdopen(open_checked(settings.policy_path, os.O_RDONLY), "rb") as fh:
            digest = hashlib.sha256(fh.read(MAX_POLICY_BYTES + 1)).hexdigest()
    except OSError:
        return GONE  # gone or unreadable: load_policy names the problem
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_mode, st.st_uid, digest)


class PolicyWatch:
    def __init__(self, settings: Settings, required: bool = True, *,
                 daemon: bool = False) -> None:
        self.settings = settings
        self.required = required
        self.daemon = daemon  # a file another login could change is refused (load_policy)
        self.version = 0  # bumped at each reload (caches keyed on the policy use it)
        self._lock = threading.Lock()
        self._policy: Any = None
        self._last_good: Any = None  # the last policy the file gave that loaded
        self._error: UserError | None = None
        self._seen: Look | None = None
        self._checked = 0.0
        self.clock = time.monotonic
        self._refused_at: float | None = None  # clock() when the file was first refused
        self._reminded = 0.0

    def _load(self, identity: Look | None, why: str) -> None:
        first = self._policy is None and self._error is None
        policy, error = None, None
        try:
            policy = load_policy(self.settings, required=self.required, daemon=self.daemon)
        except UserError as exc:
            error = exc
        # The file read is the file looked at, unchanged meanwhile: else it may be half of a
        # file being rewritten in place, which can parse as a smaller policy. Then the
        # policy in force stays, and the next look reads the file again.
        steady = identity is None or (_look(self.settings) == identity and (
            policy is None or policy.digest == identity[5]))
        if not steady and not first:
            return
        self._policy, self._error = policy, error
        if policy is not None:
            self._last_good = policy
        self._note_refusal(error is not None)
        if error is not None and not first:  # at start the caller says it, in one line
            log.error("policy not usable (%s): %s; votes, screening and publishing wait "
                      "until the file is fixed%s", why, error,
                      "; comments are still judged and hidden under the last good policy"
                      if self._last_good is not None else "")
        elif not first:
            log.warning("policy reloaded (%s) from %s", why, self.settings.policy_path)
        self._seen = identity if steady else None
        self.version += 1

    def current(self) -> Any:
        with self._lock:
            self._refresh()
            if self._error is not None:
                raise self._error
            return self._policy

    def refused(self) -> bool:
        """The file is refused now (looked at again if due): the daemon tells chat once when
        this turns true and once when it turns false (session 51, the newcomer's #13)."""
        with self._lock:
            self._refresh()
            return self._error is not None

    def current_or_last_good(self) -> Any:
        """The policy in force or, while the file is refused, the last one that loaded (for
        what only protects: the monitor's judging and hiding). Raises if none ever did."""
        with self._lock:
            self._refresh()
            if self._error is not None:
                if self._last_good is None:
                    raise self._error
                self._remind()
                return self._last_good
            return self._policy

    def stands_in(self, policy: Any) -> dict[str, Any] | None:
        """When ``policy`` is the last good one standing in for the refused file: that
        file's SHA-256 (None if it could not be read) and why it was refused, for the trail's
        `policy.changed` record (session 46: the record did not say so, and read as if the
        file in force were the one it names). None otherwise."""
        with self._lock:
            if self._error is None or policy is None or policy is not self._last_good:
                return None
            digest = self._seen[5] if self._seen is not None else ""
            return {"sha256": digest or None, "refused": " ".join(str(self._error).split())}

    def _note_refusal(self, refused: bool) -> None:
        """Since when the file is refused, for the reminders and the metric a monitor alerts
        on (socialbot_policy_refused_since_timestamp_seconds, 0 while the file loads)."""
        if refused == (self._refused_at is not None):
            return
        from social_bot import metrics

        self._refused_at = self.clock() if refused else None
        self._reminded = self._refused_at or 0.0
        metrics.POLICY_REFUSED_SINCE.set(time.time() if refused else 0)

    def _remind(self) -> None:
        now = self.clock()
        if self._refused_at is None or now - self._reminded < REMIND_EVERY:
            return
        self._reminded = now
        log.error("policy %s refused for %d h: %s; comments are judged and hidden under the "
                  "last good policy (sha256 %s...), votes, publishing and people's comment "
                  "decisions wait until the file is fixed", self.settings.policy_path,
                  (now - self._refused_at) // 3600, self._error,
                  getattr(self._last_good, "digest", "")[:12])

    def _refresh(self) -> None:
        now = self.clock()
        if self._policy is None and self._error is None:
            self._load(_look(self.settings), "start")
            self._checked = now
        elif now - self._checked >= CHECK_EVERY:
            self._checked = now
            identity = _look(self.settings)
            if identity != self._seen:
                self._load(identity, "file changed")

    def reload(self, why: str = "SIGHUP") -> None:
        """Read the file again now, changed or not (the daemon calls this on SIGHUP)."""
        with self._lock:
            self._load(_look(self.settings), why)
            self._checked = self.clock()
