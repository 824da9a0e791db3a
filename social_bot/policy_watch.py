"""The policy in force: reloaded when its file changes (and on SIGHUP), so an approver
removed from the file stops counting at once, not at the next restart.

Every read of ``App.policy`` goes through ``PolicyWatch.current``, which looks at the
file's identity (inode, size, modification time) at most every ``CHECK_EVERY`` seconds.
A new file that does not parse, or fails validation, is *not* used, and the old one is
not kept either: until it is fixed, everything that needs the policy (votes, the PHI
screen's allow-lists, publishing) refuses with the file's error. A policy nobody can
check must not decide who approves.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from social_bot.errors import UserError
from social_bot.settings import Settings, load_policy

log = logging.getLogger("socialbot.policy")

CHECK_EVERY = 0.5  # seconds between stat() calls on the policy file


def _identity(settings: Settings) -> tuple[int, int, int] | None:
    if settings.policy_path is None:
        return None
    try:
        st = os.stat(settings.policy_path)
    except OSError:
        return (-1, -1, -1)  # gone: load_policy names the problem
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class PolicyWatch:
    def __init__(self, settings: Settings, required: bool = True) -> None:
        self.settings = settings
        self.required = required
        self.version = 0  # bumped at each reload (caches keyed on the policy use it)
        self._lock = threading.Lock()
        self._policy: Any = None
        self._error: UserError | None = None
        self._seen: tuple[int, int, int] | None = None
        self._checked = 0.0

    def _load(self, identity: tuple[int, int, int] | None, why: str) -> None:
        first = self._policy is None and self._error is None
        try:
            policy = load_policy(self.settings, required=self.required)
        except UserError as exc:
            self._policy, self._error = None, exc
            log.error("policy not usable (%s): %s; votes, screening and publishing wait "
                      "until the file is fixed", why, exc)
        else:
            self._policy, self._error = policy, None
            if not first:
                log.warning("policy reloaded (%s) from %s", why, self.settings.policy_path)
        self._seen = identity
        self.version += 1

    def current(self) -> Any:
        with self._lock:
            now = time.monotonic()
            if self._policy is None and self._error is None:
                self._load(_identity(self.settings), "start")
                self._checked = now
            elif now - self._checked >= CHECK_EVERY:
                self._checked = now
                identity = _identity(self.settings)
                if identity != self._seen:
                    self._load(identity, "file changed")
            if self._error is not None:
                raise self._error
            return self._policy

    def reload(self, why: str = "SIGHUP") -> None:
        """Read the file again now, changed or not (the daemon calls this on SIGHUP)."""
        with self._lock:
            self._load(_identity(self.settings), why)
            self._checked = time.monotonic()
