"""The two-person rule, as plain functions over plain data.

Who may approve comes only from the policy's approver list; the identity is the one the
chat platform verified, never a name typed by the caller. Who wrote a revision is an
identity the writer cannot type either: ``os:<login>`` (the password database's name for
the process's user) or a chat platform's verified ``slack:<id>`` / ``mattermost:<id>``.
Every writer of any revision is excluded from approving it, and at publishing time the
approvals are proven again from the votes themselves (``prove_approvals``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from policies.rendering import format_char

MIN_REQUIRED = 2
# an approval is good this many days after the approved time ([approval] publish_within_days)
PUBLISH_WITHIN_DAYS = 14


@dataclass(frozen=True)
class Approver:
    name: str
    slack_id: str | None = None
    mattermost_id: str | None = None
    os_user: str | None = None


@dataclass(frozen=True)
class StaffMember:
    """A writer who is not an approver: the OS login the policy maps to a name."""

    name: str
    os_user: str


@dataclass(frozen=True)
class ApprovalPolicy:
    required: int
    approvers: tuple[Approver, ...]
    staff: tuple[StaffMember, ...] = ()
    # a revision's writer counts only as the OS witnessed it (social_bot/witness.py): off
    # in code, so policies written before session 52 keep working; the example sets it
    os_witness: bool = False
    # how long an approval stays good: days after the approved schedule (or the last vote,
    # or a release from hold, whichever is latest); past it two approvers must release the
    # post again (social_bot/daemon/preflight_late.py; an outside attack, session 56, T3)
    publish_within_days: int = PUBLISH_WITHIN_DAYS

    def staff_name(self, os_user: str | None) -> str | None:
        """The name the policy gives this login (an approver's or a staff member's)."""
        if not os_user:
            return None
        for person in (*self.approvers, *self.staff):
            if same_person(person.os_user, os_user):
                return person.name
        return None

    @classmethod
    def from_toml(cls, section: Mapping[str, object]) -> ApprovalPolicy:
        unknown = sorted(set(section) - {"required", "approvers", "staff", "os_witness",
                                         "publish_within_days"})
        if unknown:  # "reqiured = 3" had left 2 approvals enough
            raise ValueError(f"[approval] unknown key(s): {', '.join(unknown)}")
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
        raw_staff = section.get("staff", [])
        if not isinstance(raw_staff, list):
            raise ValueError("[approval] staff must be a list of tables with name and os_user")
        staff = tuple(_staff(entry, i) for i, entry in enumerate(raw_staff, 1))
        _check_logins(approvers, staff)
        os_witness = section.get("os_witness", False)
        if not isinstance(os_witness, bool):
            raise ValueError("[approval] os_witness must be true or false")
        within = section.get("publish_within_days", PUBLISH_WITHIN_DAYS)
        if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= 365:
            raise ValueError("[approval] publish_within_days must be a whole number of days "
                             "from 1 to 365")
        return cls(required=required, approvers=approvers, staff=staff, os_witness=os_witness,
                   publish_within_days=within)


def _staff(entry: object, position: int) -> StaffMember:
    if not isinstance(entry, Mapping):
        raise ValueError(f"[approval] staff #{position} must be a table with name and os_user")
    name, login = entry.get("name"), entry.get("os_user")
    if not isinstance(name, str) or not name.strip() or not isinstance(login, str) \
            or not login.strip():
        raise ValueError(f"[approval] staff #{position} needs a name and an os_user (their "
                         "login on the machine that runs socialbot)")
    return StaffMember(name.strip(), login.strip())


def identity_problem(policy: ApprovalPolicy) -> str | None:
    """Why this policy cannot tell an approver from an author, or None. The rule tells
    them apart by OS login, so every approver needs one (checked when socialbot starts;
    a policy read only for its allow-lists, as the evaluations do, is not refused)."""
    for approver in policy.approvers:
        if not approver.os_user:
            return (f"approver {approver.name!r} has no os_user, so a post they write cannot "
                    "be told from one they approve: add os_user = \"<their login on the "
                    "machine that runs socialbot>\" to their entry in [approval] approvers")
    return None


def _check_logins(approvers: Sequence[Approver], staff: Sequence[StaffMember]) -> None:
    """A login shared by two people cannot tell an author from an approver."""
    owners: dict[str, str] = {}
    for person in (*approvers, *staff):
        if not person.os_user:
            continue  # an approver without a login is refused at start-up (identity_problem)
        key = _canonical(person.os_user)
        other = owners.get(key)
        if other is not None and not same_person(other, person.name):
            raise ValueError(
                f"os_user {person.os_user!r} is shared by {other!r} and {person.name!r}: a "
                "shared login cannot tell an author from an approver; give each person their "
                "own login and os_user")
        owners[key] = person.name
    # ... and one approver with two logins (an approver entry and a staff entry of the same
    # name) would write under the one and approve as the other: the rule tells people apart
    # by login, so a post by "dana2" was approvable by Dana (session 45)
    logins = {_canonical(a.name): a.os_user for a in approvers if a.os_user}
    for member in staff:
        login = logins.get(_canonical(member.name))
        if login is not None and not same_person(login, member.os_user):
            raise ValueError(
                f"{member.name!r} is an approver with os_user {login!r} and also staff with "
                f"os_user {member.os_user!r}: one person may have one login here, or a post "
                "they write under one could be approved by them under the other; remove the "
                "staff entry (or name two different people apart)")


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
    """One person, one entry. Names compare as people read them (_canonical): "Dana
    Whitfield" and "Dana  Whitfield" (two spaces, or a zero-width space) were two approvers,
    so one human with two chat accounts counted twice at publishing (session 45)."""
    for attr in ("name", "slack_id", "mattermost_id"):
        seen: set[str] = set()
        for approver in approvers:
            value = getattr(approver, attr)
            if value is None:
                continue
            key = _canonical(value) if attr == "name" else value.casefold()
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
    visible = "".join(ch for ch in folded if not format_char(ch))
    return " ".join(visible.split()).casefold()


def same_person(name_a: str | None, name_b: str | None) -> bool:
    if not name_a or not name_b:
        return False
    return _canonical(name_a) == _canonical(name_b)


def is_author(approver: Approver, author: str, author_os_user: str | None) -> bool:
    """Legacy: a typed name or login matched against every name the approver goes by
    (used only for revisions written before writers were recorded by identity)."""
    aliases = [approver.name, approver.os_user, approver.slack_id, approver.mattermost_id]
    return any(same_person(alias, who) for alias in aliases for who in (author, author_os_user))


def wrote_it(approver: Approver, writer: str) -> bool:
    """Is this writer identity (``os:login``, ``slack:id``, ``mattermost:id``; ``name:...``
    for revisions recorded before identities were) this approver?"""
    kind, _, value = writer.partition(":")
    if kind == "os":
        return same_person(approver.os_user, value)
    if kind == "slack":
        return approver.slack_id is not None and approver.slack_id == value
    if kind == "mattermost":
        return approver.mattermost_id is not None and approver.mattermost_id == value
    return is_author(approver, value, None)


def by_identity(policy: ApprovalPolicy, identity: str) -> Approver | None:
    """The approver a verified ``provider:user_id`` maps to under this policy."""
    provider, _, user_id = identity.partition(":")
    if provider == "slack":
        return find_approver(policy, slack_id=user_id)
    if provider == "mattermost":
        return find_approver(policy, mattermost_id=user_id)
    return None


@dataclass(frozen=True)
class VoteCheck:
    allowed: bool
    reason: str = ""
    completes: bool = False  # this vote makes the post approved
    again: bool = False  # no vote is added: the votes recorded already hold (holds_again)


def check_vote(
    policy: ApprovalPolicy,
    approver: Approver | None,
    *,
    earlier_votes: Sequence[str],
    writers: Sequence[str] = (),
    author: str | None = None,
    author_os_user: str | None = None,
) -> VoteCheck:
    """May this approver's vote count for the current revision?

    ``writers`` are the identities that wrote any revision of the post; ``author`` and
    ``author_os_user`` are the legacy typed name and login (matched by every alias).
    ``earlier_votes`` are the approver names already recorded for that revision.
    """
    if approver is None:
        return VoteCheck(False, "you are not on the approver list for this practice")
    if approver not in policy.approvers:
        return VoteCheck(False, f"{approver.name} is not on the approver list")
    if author is not None and is_author(approver, author, author_os_user):
        return VoteCheck(False, "the author of a post cannot approve it")
    if any(wrote_it(approver, writer) for writer in writers):
        return VoteCheck(False, "you wrote a revision of this post: the author of a post, "
                                "or anyone who edited it, cannot approve it")
    if any(same_person(approver.name, earlier) for earlier in earlier_votes):
        return VoteCheck(False, f"{approver.name} has already approved this revision")
    if len(earlier_votes) >= policy.required:
        return VoteCheck(False, "this revision already has all the approvals it needs")
    completes = len(earlier_votes) + 1 >= policy.required
    return VoteCheck(True, completes=completes)


HOLDS_AGAIN = "votes hold again under the current policy"


def holds_again(
    policy: ApprovalPolicy,
    approver: Approver | None,
    *,
    holding: Sequence[str],
    writers: Sequence[str] = (),
) -> VoteCheck:
    """A revision waiting for approval whose recorded votes already meet the requirement
    under the policy in force (``holding``: the distinct approvers ``judge_vote`` counts;
    on this revision, listed now, no writer, audit intact). Publishing sent it back when
    they did not hold (an approver left the list); they hold again (the approver was put
    back, or another process's policy says so). A vote can add nothing, so the attempt of
    an approver who may vote on this post (listed, no writer; whether or not they voted,
    whether or not they approved it in an earlier round) makes it approved again, with no
    vote recorded (an outside review, session 48: the post was stuck until edited; session
    49: also after as many rounds as there are approvers). The trail keeps one
    `post.approved` record per revision and round (migration 0015)."""
    if len(set(holding)) < policy.required:
        return VoteCheck(False, f"{len(set(holding))} of {policy.required} approvals hold")
    eligible = check_vote(policy, approver, earlier_votes=(), writers=writers)
    if not eligible.allowed or approver is None:
        return eligible
    return VoteCheck(True, completes=True, again=True)


@dataclass(frozen=True)
class VoteEvidence:
    """One recorded vote, as the publisher finds it at claim time."""

    identity: str        # the verified "provider:user_id" that cast it
    content_hash: str    # the revision it was cast on
    audit_intact: bool   # its audit record is present and its MAC valid
    name: str = ""       # the approver name recorded with the vote (for people to read)
    # its audit record carries the chat door's seal, valid for this vote (vote_seal.py);
    # approval_proof.vote_evidence always says which
    sealed: bool = True


class Void(StrEnum):
    """Why a recorded vote does not count now (``judge_vote``)."""

    OTHER_REVISION = "is for another revision"
    NOT_LISTED = "is no longer an approver"
    WROTE = "wrote a revision of this post"
    NO_AUDIT = "has no intact audit record"
    UNSEALED = "cast a vote not sealed by the chat door"


@dataclass(frozen=True)
class Proof:
    ok: bool
    approvers: tuple[str, ...]
    required: int
    problems: tuple[str, ...] = ()
    # each vote that does not count: (the name recorded with it, or its identity; why)
    dropped: tuple[tuple[str, Void], ...] = ()

    @property
    def reason(self) -> str:
        held = f"{len(self.approvers)} of {self.required} required approvals hold"
        return held + (": " + "; ".join(self.problems) if self.problems else "")


def judge_vote(policy: ApprovalPolicy, vote: VoteEvidence, *, revision_hash: str,
               writers: Sequence[str]) -> tuple[Approver | None, Void | None]:
    """One recorded vote under the policy in force now: the approver it counts for and
    None, or why it does not count. The publisher's proof and every display of a post's
    approvals (`post show`, `post list`, chat) count votes by this one rule."""
    approver = by_identity(policy, vote.identity)
    if vote.content_hash != revision_hash:
        return approver, Void.OTHER_REVISION
    if approver is None:
        return None, Void.NOT_LISTED
    if any(wrote_it(approver, writer) for writer in writers):
        return approver, Void.WROTE
    if not vote.audit_intact:
        return approver, Void.NO_AUDIT
    if not vote.sealed:
        return approver, Void.UNSEALED
    return approver, None


def prove_approvals(policy: ApprovalPolicy | None, *, revision_hash: str,
                    writers: Sequence[str], votes: Sequence[VoteEvidence]) -> Proof:
    """Do the votes themselves (not a status column) make this revision publishable under
    the policy in force now? Each vote must be on this exact revision, by someone on the
    current approver list who wrote no revision, with its audit record intact and sealed
    by the chat door (social_bot/vote_seal.py); distinct people count once."""
    if policy is None:
        return Proof(False, (), MIN_REQUIRED, ("no approval policy is in force",))
    counted: list[str] = []
    problems: list[str] = []
    dropped: list[tuple[str, Void]] = []
    for vote in votes:
        approver, void = judge_vote(policy, vote, revision_hash=revision_hash, writers=writers)
        if void is not None:
            dropped.append((vote.name or vote.identity, void))
        if void is Void.OTHER_REVISION:
            problems.append(f"the vote by {vote.identity} is for another revision")
        elif void is Void.NOT_LISTED:
            problems.append(f"{vote.identity} is not on the current approver list")
        elif void is not None:
            name = approver.name if approver is not None else vote.identity
            problems.append(f"the vote by {name} {void}" if void is Void.NO_AUDIT
                            else f"{name} {void}")
        elif approver is not None and approver.name not in counted:
            counted.append(approver.name)
    return Proof(len(counted) >= policy.required, tuple(counted), policy.required,
                 tuple(problems), tuple(dropped))
