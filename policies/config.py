"""The practice policy file (TOML): approval rules, PHI allow-lists, moderation settings."""

from __future__ import annotations

import hashlib
import os
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from policies import loosening
from policies.approval import ApprovalPolicy
from policies.moderation import ModerationPolicy
from policies.phi import PhiAllowList
from policies.polling import PollingPolicy


class PolicyError(ValueError):
    """The policy file is missing, unparsable or inconsistent (one line)."""


# A century. `blocked_days = 1000000` (explained under [loosened]) put the purge's cutoff
# before year 1: OverflowError at each hourly pass, which also skipped the comments' purge
# and the orphan media sweep after it, so a reason for keeping drafts longer kept every
# comment's text too (an outside review, session 46). 0 is "for ever".
MAX_DAYS = 36500


@dataclass(frozen=True)
class RetentionPolicy:
    """``[retention] blocked_days``: days a blocked revision keeps its text (0: for ever).
    ``comments_days``: days a settled comment keeps its text and author's name after its
    post's monitoring window ends (0: for ever)."""

    blocked_days: int = 30
    comments_days: int = 30

    @classmethod
    def from_toml(cls, section: Any) -> RetentionPolicy:
        if not isinstance(section, dict):
            raise ValueError("[retention] must be a table")
        days = section.get("blocked_days", cls.blocked_days)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_DAYS:
            raise ValueError("[retention] blocked_days must be a whole number of days up to "
                             f"{MAX_DAYS} (0 keeps blocked drafts for ever)")
        comments = section.get("comments_days", cls.comments_days)
        if (not isinstance(comments, int) or isinstance(comments, bool)
                or not 0 <= comments <= MAX_DAYS):
            raise ValueError("[retention] comments_days must be a whole number of days up to "
                             f"{MAX_DAYS} (0 keeps comments for ever)")
        unknown = set(section) - {"blocked_days", "comments_days"}
        if unknown:  # a mistyped retention setting would keep PHI silently
            raise ValueError(f"[retention] unknown key(s): {', '.join(sorted(unknown))}")
        return cls(blocked_days=days, comments_days=comments)


@dataclass(frozen=True)
class Policy:
    approval: ApprovalPolicy | None
    phi: PhiAllowList = field(default_factory=PhiAllowList)
    moderation: ModerationPolicy = field(default_factory=lambda: ModerationPolicy.from_toml({}))
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    source: str = "<none>"
    polling: PollingPolicy = field(default_factory=PollingPolicy)
    # SHA-256 of the file's bytes as parsed: what the audit trail names the policy by, and
    # how a reload tells an edit that kept the file's size and time from no edit
    digest: str = ""
    # os.fstat of the file the bytes were read from (owner, mode, time for the audit trail:
    # a stat taken later can describe a file swapped in since)
    stat: os.stat_result | None = field(default=None, compare=False, repr=False)
    # [loosened]: setting -> the reason the practice gave for a value looser than the shipped
    # default (policies/loosening.py); recorded in the audit trail with the policy
    loosened: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def require_approval(self) -> ApprovalPolicy:
        if self.approval is None:
            raise PolicyError(f"policy {self.source} has no [approval] table")
        return self.approval


# A misspelt section ("[moderaton]") was read as absent, so its defaults applied in silence:
# auto_hide without "spam", retention at 30 days where the practice chose 7 (session 45).
SECTIONS = ("approval", "phi", "moderation", "retention", "polling", loosening.SECTION)


def parse_policy(raw: dict[str, Any], source: str = "<text>") -> Policy:
    try:
        unknown = sorted(set(raw) - set(SECTIONS))
        if unknown:
            raise ValueError(f"unknown section(s) {', '.join(unknown)} (known: "
                             f"{', '.join(SECTIONS)})")
        approval_section = raw.get("approval")
        if not isinstance(approval_section, dict):
            raise ValueError("[approval] table is missing: list who may approve posts")
        policy = Policy(
            approval=ApprovalPolicy.from_toml(approval_section),
            phi=PhiAllowList.from_toml(raw.get("phi", {})),
            moderation=ModerationPolicy.from_toml(raw.get("moderation", {})),
            retention=RetentionPolicy.from_toml(raw.get("retention", {})),
            source=source,
            polling=PollingPolicy.from_toml(raw.get("polling", {})),
            loosened=MappingProxyType(loosening.reasons(raw.get(loosening.SECTION, {}))),
        )
        # a value inside its range can still switch a safeguard off (session 46)
        loosening.check(policy, policy.loosened)
        return policy
    except ValueError as exc:
        raise PolicyError(f"policy {source}: {exc}") from None
    except (TypeError, OverflowError) as exc:  # a value of a type no check above foresaw
        raise PolicyError(f"policy {source}: a value has the wrong type or is out of range "
                          f"({exc})") from None


# A policy is a few kilobytes (the example: 1.5 KB); a megabyte is thousands of staff names.
# Reading stops there: SOCIALBOT_POLICY=/dev/zero had grown `post create` to 22 GB until the
# kernel killed it (an outside review, session 43).
MAX_POLICY_BYTES = 1024 * 1024


def load_policy_file(path: Path,
                     opener: Callable[[Path, int], int] = os.open) -> Policy:
    """The policy in ``path``; ``opener``: an `os.open` that the product's
    `social_bot.filesafety.open_checked` replaces (settings.load_policy), so that a database
    file planted under the policy's name is refused unopened (docs/history/security.md,
    "Session 53: every file read by path goes through `open_checked`")."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block, a device not end
            raise PolicyError(f"policy file {path} is not a regular file")
        with os.fdopen(opener(path, os.O_RDONLY), "rb") as fh:
            data = fh.read(MAX_POLICY_BYTES + 1)
            read_from = os.fstat(fh.fileno())
    except OSError as exc:
        raise PolicyError(f"cannot read policy file {path}: {exc.strerror}") from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError(f"policy file {path} is larger than {MAX_POLICY_BYTES:,} bytes; "
                          "is it the right file?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"policy file {path} is not UTF-8 text (byte at offset "
                          f"{exc.start})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy file {path} is not valid TOML: {exc}") from None
    return replace(parse_policy(raw, source=str(path)), digest=hashlib.sha256(data).hexdigest(),
                   stat=read_from)


def empty_policy() -> Policy:
    """No file: no approvers (nothing can be approved), empty allow-lists."""
    return Policy(approval=None)
