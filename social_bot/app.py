"""The composition root: settings, database, policy, PHI screen and platform rules together.

Every door (CLI, chat endpoint, daemon, demo) builds one App and calls the service
functions with it; the heavy parts (spaCy, adapters) load only when first used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from social_bot.db.engine import Database, existing_sqlite_mode
from social_bot.errors import UserError
from social_bot.settings import Settings, audit_key_watch, load_audit_keys

if TYPE_CHECKING:
    from policies.phi.answering import Answered

Screener = Callable[[Sequence[str], str], list[list[Any]]]
Validator = Callable[[str, str, Sequence[Path]], list[str]]


def _phi_screener(app: App) -> Screener:
    def screen(texts: Sequence[str], context: str) -> list[list[Any]]:
        from policies.phi import EmptyText, ScreenUnavailable, get_screen

        try:
            # comments are screened under the last good policy while the file is refused
            # (policy_watch); a post's text, which publishing needs, only under a good one
            policy = app.policy_or_last_good if context == "comment" else app.policy
            phi = get_screen(policy.phi, app.settings.spacy_model)
            return phi.screen_many(list(texts), context=context)
        except ScreenUnavailable as exc:
            raise UserError(f"PHI screen unavailable, nothing can be queued: {exc}") from None
        except EmptyText as exc:
            raise UserError(str(exc)) from None

    return screen


def _platform_validator(platform: str, text: str, media: Sequence[Path]) -> list[str]:
    from adapters import validate_draft
    from adapters.base import Draft

    return validate_draft(platform, Draft(text=text, media=tuple(media)))


def _carry_vote_keys(db: Database, settings: Settings) -> None:
    """Which vote key this process seals and checks votes with (social_bot/vote_seal.py)."""
    from social_bot.vote_seal import VoteKeys

    db.carry("vote_keys", VoteKeys(settings))


class App:
    def __init__(
        self,
        settings: Settings,
        *,
        db: Database | None = None,
        policy: Any = None,
        screener: Screener | None = None,
        validator: Validator | None = None,
        policy_required: bool = True,
    ) -> None:
        self.settings = settings
        self._db = db
        if db is not None:  # the practice's zone, for the expiry days its rows show
            db.use_timezone(settings.timezone)
            _carry_vote_keys(db, settings)
        self._policy = policy
        self._policy_required = policy_required
        # The daemon's: a policy file another login could change is refused, not warned
        # about (set by run_daemon before the policy is first read; settings.load_policy)
        self.policy_daemon = False
        self._screener = screener
        self._validator = validator or _platform_validator
        self._screen_lock = threading.RLock()

    @property
    def db(self) -> Database:
        if self._db is None:
            url = self.settings.database_url
            read_only = existing_sqlite_mode(url)  # no file: "run init", nothing created
            self._db = Database(url, audit_keys=load_audit_keys(self.settings),
                                read_only=read_only, key_watch=audit_key_watch(self.settings),
                                timezone=self.settings.timezone)
            self._db.check_ready()
            _carry_vote_keys(self._db, self.settings)
        return self._db

    @property
    def policy(self) -> Any:
        """The policy in force: an injected one (tests, tools), else the policy file as it
        is now (reloaded when it changes; see social_bot/policy_watch.py)."""
        if self._policy is not None:
            return self._policy
        return self._policy_watch.current()

    @property
    def policy_or_last_good(self) -> Any:
        """The policy in force or, while its file is refused, the last good one: only for
        what protects and counts no vote (the monitor's judging and hiding of comments, the
        comments' PHI screen, call pacing). Votes, publishing and people's decisions read
        `policy` and wait for the file to be fixed."""
        if self._policy is not None:
            return self._policy
        return self._policy_watch.current_or_last_good()

    @property
    def policy_refused(self) -> bool:
        """The policy file is refused now (never for a policy handed in)."""
        return self._policy is None and self._policy_watch.refused()

    def policy_stands_in(self, policy: Any) -> dict[str, Any] | None:
        """What ``policy`` stands in for, when it is the last good one used while the file is
        refused (`PolicyWatch.stands_in`); None for the policy in force or one handed in."""
        if self._policy is not None or "_policy_watch" not in self.__dict__:
            return None
        return self._policy_watch.stands_in(policy)

    @property
    def policy_from_file(self) -> bool:
        """The policy is the watched file's, not one handed in (tests, tools)."""
        return self._policy is None

    @cached_property
    def _policy_watch(self) -> Any:
        from social_bot.policy_watch import PolicyWatch

        return PolicyWatch(self.settings, required=self._policy_required,
                           daemon=self.policy_daemon)

    @property
    def policy_version(self) -> int:
        """Changes whenever the policy in force may have changed (for caches)."""
        return 0 if self._policy is not None else self._policy_watch.version

    def reload_policy(self, why: str = "SIGHUP") -> None:
        if self._policy is None:
            self._policy_watch.reload(why)

    @property
    def media_dir(self) -> Path:
        return self.settings.data_dir / "media"

    def screen(self, texts: Sequence[str], context: str = "post",
               answering: Sequence[str | Answered | None] | None = None) -> list[list[Any]]:
        """Findings per text. `answering`, for replies: the comment each one answers (its
        text, or an ``Answered`` with the writer of a health comment; None: none known),
        read with it, and with the comment's own findings (policies/phi/answering.py)."""
        screener = self._screener or _phi_screener(self)
        # One call at a time per process: spaCy pipelines are not documented as safe for
        # concurrent calls, and the chat threads screen what they send too.
        with self._screen_lock:
            found = screener(texts, context)
            if answering is None:
                return found
            from policies.phi.answering import comments_found, with_answers

            read = comments_found(screener, answering)
        return with_answers(list(texts), found, answering, read)

    def validate(self, platform: str, text: str, media: Sequence[Path]) -> list[str]:
        return self._validator(platform, text, media)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
