"""The two-person rule, as plain functions over plain data.

Who may approve comes only from the policy's approver list; the identity is the one the
chat platform verified, never a name typed by the caller.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_REQUIRED = 2


@dataclass(frozen=True)
class Approver:
    name: str
    slack_id: str | None = None
    mattermost_id: str | None = None
    os_user: str | None = None


@dataclass(frozen=True)
class ApprovalPolicy:
    required: int
    approvers: tuple[Approver, ...]

    @classmethod
    def from_toml(cls, section: Mapping[str, object]) -> ApprovalPolicy:
        required = section.get("required", MIN_REQUIRED)
        if not isinstance(required, int) or isinstance(required, bool):
            raise ValueError("[approval] required must be a whole number")
        if required < MIN_REQUIRED:
            raise ValueError(
                f"[approval] required = {required} is refused: at least {MIN_REQUIRED} people "
                "must approve every post"
            )
        raw = section.get("approvers")
        if not isinstance(raw, list) or not raw:
            raise ValueError("[approval] approvers is missing or empty: list who may approve posts")
        approvers = tuple(_approver(entry, i) for i, entry in enumerate(raw, start=1))
        _check_unique(approvers)
        if len(approvers) < required:
            raise ValueError(
                f"[approval] lists {len(approvers)} approver(s) but {required} approvals "
                "are required"
            )
        return cls(required=required, approvers=approvers)


def _approver(entry: object, position: int) -> Approver:
    if not isinstance(entry, Mapping):
        raise ValueError(f"[approval] approver #{position} must be a table with a name")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"[approval] approver #{position} has no name")
    fields = {}
    for key in ("slack_id", "mattermost_id", "os_user"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"[approval] approver {name!r}: {key} must be text")
        fields[key] = value or None
    return Approver(name=name.strip(), **fields)


def _check_unique(approvers: Sequence[Approver]) -> None:
    for attr in ("name", "slack_id", "mattermost_id"):
        seen: set[str] = set()
        for approver in approvers:
            value = getattr(approver, attr)
            if value is None:
                continue
            key = value.casefold()
            if key in seen:
                raise ValueError(f"[approval] {attr} {value!r} appears twice in the approver list")
            seen.add(key)


def find_approver(
    policy: ApprovalPolicy, *, slack_id: str | None = None, mattermost_id: str | None = None
) -> Approver | None:
    """Map a chat platform's verified user id to an approver, or None."""
    for approver in policy.approvers:
        if slack_id is not None and approver.slack_id == slack_id:
            return approver
        if mattermost_id is not None and approver.mattermost_id == mattermost_id:
            return approver
    return None


def _canonical(name: str) -> str:
    """Compare names as people read them: compatibility forms folded, invisible format
    characters (zero-width spaces and joiners) dropped, spacing and case ignored."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split()).casefold()


def same_person(name_a: str | None, name_b: str | None) -> bool:
    if not name_a or not name_b:
        return False
    return _canonical(name_a) == _canonical(name_b)


def is_author(approver: Approver, author: str, author_os_user: str | None) -> bool:
    """Is this approver the post's author? The author is a typed staff name plus the OS
    login that ran the command, so match both against every name the approver goes by."""
    aliases = [approver.name, approver.os_user, approver.slack_id, approver.mattermost_id]
    return any(same_person(alias, who) for alias in aliases for who in (author, author_os_user))


@dataclass(frozen=True)
class VoteCheck:
    allowed: bool
    reason: str = ""
    completes: bool = False  # this vote makes the post approved


def check_vote(
    policy: ApprovalPolicy,
    approver: Approver | None,
    *,
    author: str,
    author_os_user: str | None,
    earlier_votes: Sequence[str],
) -> VoteCheck:
    """May this approver's vote count for the current revision?

    ``earlier_votes`` are the approver names already recorded for that revision.
    """
    if approver is None:
        return VoteCheck(False, "you are not on the approver list for this practice")
    if approver not in policy.approvers:
        return VoteCheck(False, f"{approver.name} is not on the approver list")
    if is_author(approver, author, author_os_user):
        return VoteCheck(False, "the author of a post cannot approve it")
    if any(same_person(approver.name, earlier) for earlier in earlier_votes):
        return VoteCheck(False, f"{approver.name} has already approved this revision")
    if len(earlier_votes) >= policy.required:
        return VoteCheck(False, "this revision already has all the approvals it needs")
    completes = len(earlier_votes) + 1 >= policy.required
    return VoteCheck(True, completes=completes)
