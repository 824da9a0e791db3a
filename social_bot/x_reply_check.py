"""Refuse at queue time an X reply that X will refuse: the comment must mention our account.

X lets a self-serve app reply only where the author of the post replied to mentioned (or
quoted) the account (adapters/x_replies.py). Before this check two people approved such a
reply and the daemon then held it (`by_hand`, "reply in the X app"); the hold stays as the
backstop, since X may still refuse (rules change, a username changes).

Which account: what X confirmed, when it is known, before what a person typed:
1. the account `socialbot connect x` recorded from GET /2/users/me, while its token is the one
   in use (a token put in the environment by hand was never asked about);
2. the account the post under the comment went out from (`Delivery.account`, recorded at
   the claim from the same connection);
3. X_USERNAME, typed by whoever set the environment up.
Unknown: a warning line, never a refusal and never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from adapters.x_replies import ReplyRule, mentions, reply_rule, username
from social_bot.accounts.identity import x_account
from social_bot.errors import UserError

USERNAME_SETTING = "X_USERNAME"


class Verdict(StrEnum):
    ALLOWED = "allowed"    # the comment mentions our account, or X's rule does not apply
    REFUSED = "refused"    # X will refuse the reply: nothing may be queued
    UNKNOWN = "unknown"    # our username is unknown: queued, with a warning


@dataclass(frozen=True)
class Handle:
    """Our X username (None: unknown), how we know it, and a setting that disagrees."""

    name: str | None
    source: str = ""
    note: str | None = None


@dataclass(frozen=True)
class ReplyCheck:
    verdict: Verdict
    message: str = ""  # the refusal, or the warnings to print (one per line)
    warnings: tuple[str, ...] = ()


def _handle(recorded: str | None) -> str | None:
    # "@name (user 123)" once `connect x` kept X's user id: the mention is of the name
    found = x_account(recorded)
    return found.name if found is not None else None


def our_handle(connected: str | None, published_from: str | None, typed: str | None,
               post_id: int) -> Handle:
    """Pick the username by the order above (pure: the caller reads the store and rows)."""
    verified = [(name, source) for name, source in (
        (_handle(connected), "the account `socialbot connect x` recorded"),
        (_handle(published_from), f"the account post {post_id} went out from"),
    ) if name is not None]
    setting = username(typed)
    if not verified:
        return Handle(setting, USERNAME_SETTING) if setting else Handle(None)
    name, source = verified[0]
    note = None
    if setting is not None and setting.lower() != name.lower():
        note = (f"{USERNAME_SETTING} says @{setting} but X confirmed @{name} ({source}); "
                f"replies are checked against @{name}")
    return Handle(name, source, note)


# Why `socialbot check` names the account and a reply does not (the newcomer walk-through,
# session 48): check asks X live with the token in use; the reply reads what was recorded,
# and a token set in the environment by hand was never recorded with its account.
ENV_TOKEN_SOURCE = "environment token"  # noqa: S105 - a source label, not a secret
ENV_TOKEN = (f"the X token comes from the environment, whose account socialbot never "
             f"recorded: `socialbot check` asks X each time, a reply reads only what "
             f"`socialbot connect x` recorded or {USERNAME_SETTING}; set {USERNAME_SETTING} "
             "to the account `socialbot check x` shows, or run `socialbot connect x`")

UNCHECKED = ("X lets an app reply only where the author mentioned the account, and the daemon "
             "holds a reply X refuses for a person to answer in the X app")


def check(rule: ReplyRule, comment_id: int, comment_text: str | None, handle: Handle,
          comment_url: str) -> ReplyCheck:
    """Whether a reply to this X comment may be queued (pure). `comment_text` None: the
    retention purge erased it, so there is nothing to check."""
    notes = (handle.note,) if handle.note else ()
    if rule is ReplyRule.ANY:
        return ReplyCheck(Verdict.ALLOWED, warnings=notes)
    if handle.name is None:
        why = (ENV_TOKEN if handle.source == ENV_TOKEN_SOURCE else
               f"run `socialbot connect x`, or set {USERNAME_SETTING}")
        return ReplyCheck(Verdict.UNKNOWN, warnings=(
            f"the X account's username is unknown ({why}), so nobody checked that comment "
            f"{comment_id} mentions it: {UNCHECKED}",))
    if comment_text is None:
        return ReplyCheck(Verdict.UNKNOWN, warnings=(
            f"comment {comment_id}'s text was purged, so nobody checked that it mentions "
            f"@{handle.name}: {UNCHECKED}", *notes))
    if mentions(comment_text, handle.name):
        return ReplyCheck(Verdict.ALLOWED, warnings=notes)
    return ReplyCheck(Verdict.REFUSED, (
        f"comment {comment_id} does not mention @{handle.name} ({handle.source}), and X lets "
        "an app reply only where the author mentioned the account; nothing was queued: "
        f"reply in the X app instead: {comment_url}"), notes)


def connected_account(env: Mapping[str, str], data_dir: Path) -> str | None:
    """The account `connect x` recorded, if its token is the one in use (None otherwise, and
    when the credential file cannot be read: the check falls back, the queue goes on)."""
    from social_bot.accounts.store import CredentialStore, destination, platform_env

    try:
        return destination("x", platform_env(env, data_dir), CredentialStore(data_dir).get("x"))
    except UserError:
        return None


def check_x_reply(env: Mapping[str, str], data_dir: Path, *, comment_id: int,
                  comment_text: str | None, comment_remote_id: str, post_id: int,
                  published_from: str | None) -> ReplyCheck:
    """Read the rule, the store and the setting, then `check`."""
    from adapters.x import post_url

    try:
        rule = reply_rule(env)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    handle = our_handle(connected_account(env, data_dir) if rule is ReplyRule.SUMMONED
                        else None, published_from, env.get(USERNAME_SETTING), post_id)
    if handle.name is None:
        from social_bot.accounts.store import credential_source

        if credential_source("x", env) == "environment":
            handle = Handle(None, ENV_TOKEN_SOURCE)
    return check(rule, comment_id, comment_text, handle, post_url(comment_remote_id))
