"""`audit verify`: is every `post.approved` record backed by the votes behind it?

Walking the chain, each `post.approved` record is judged as publishing would have judged it
at that point (`policies.approval.prove_approvals`): the `approval.recorded` records of its
revision before it (those since a `post.consent_revoked` of the revision, which voided
the earlier ones), the writers the trail names so far (`post.created` / `post.edited`), and
the approver list of the last `policy.changed` record before it (a vote's transaction names
the policy in force first, social_bot/policy_audit.py). A record they do not prove fails
verify, named by ids only. A record before which the trail names no policy (one handed to
the App, not read from a file; a trail older than session 45) cannot be judged: it is
counted in a note, not failed.

It also holds the trail to one `post.approved` per revision and approval round (a round
begins with each move of the revision into pending_approval; the index
uq_audit_approval_round, migration 0015): a second one in a round was planted.

Everything comes from the rows the walk reads anyway: no query per record (session 49).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from policies.approval import (
    ApprovalPolicy,
    Approver,
    VoteEvidence,
    by_identity,
    prove_approvals,
    wrote_it,
)
from social_bot import vote_seal

_Key = tuple[Any, Any]  # (post id, revision number)
ROUND_BEGINS = '"to": "pending_approval"'  # canonical JSON (set_status records from/to)
# The records that void every vote then on their revision (dismissals.send_back deletes
# the rows): a revocation of the authorization a dismissal cited, or its lapse.
VOIDS = ("post.consent_revoked", "post.authorization_lapsed")
_SEEN = frozenset({"post.created", "post.edited", "approval.recorded", *VOIDS,
                   "post.approved"})


def begins_round(action: str, detail: Any) -> bool:
    """Does this record (its parsed detail) begin a round of approval of its revision?"""
    return action != "post.approved" and isinstance(detail, Mapping) \
        and detail.get("to") == "pending_approval"


def _person(entry: Any) -> Approver | None:
    """An approver back from `policy_audit._person`'s "Name (slack:U1, os:dana)"."""
    if not isinstance(entry, str) or not entry.endswith(")") or " (" not in entry:
        return None
    name, _, ids = entry[:-1].rpartition(" (")
    fields: dict[str, str] = {}
    for part in filter(None, ids.split(", ")):
        kind, sep, value = part.partition(":")
        if not sep or kind not in ("slack", "mattermost", "os"):
            return None
        fields[{"slack": "slack_id", "mattermost": "mattermost_id", "os": "os_user"}[kind]] = value
    return Approver(name=name, **fields) if name else None


def approval_policy(summary: Any) -> ApprovalPolicy | None:
    """The two-person rule a `policy.changed` record's policy summary holds, or None."""
    if not isinstance(summary, Mapping):
        return None
    required, listed = summary.get("approval.required"), summary.get("approval.approvers")
    if type(required) is not int or not isinstance(listed, list):
        return None
    approvers = [_person(entry) for entry in listed]
    if any(a is None for a in approvers):
        return None
    return ApprovalPolicy(required=required, approvers=tuple(a for a in approvers if a))


# A rejection is a vote too (sealed since the seal shipped): forged, it only stops a post,
# but the trail must say it was forged (session 50; verify did not check its seal before).
_VOTE_KINDS = {"approval.recorded": "approve", "approval.sealed": "approve",
               "hold.release_vote": "release", "post.rejected": "reject"}
# What the seal check reads besides the votes: where a hold began (release votes count after)
_HOLDS = ("post.held", "delivery.held")
SEAL_SEEN = frozenset({*_VOTE_KINDS, *_HOLDS})


def _time(text: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=UTC)


class SealCheck:
    """Each approval, release and rejection vote record's seal, checked with the public half of the
    vote key `audit verify` can read (an attack re-review, session 49, finding F: verify took
    every vote as sealed). A seal must verify for exactly its vote (v2: post, revision
    number and hash, identity, kind, time) and be made after the last record that voided its
    revision's votes (approvals) or began its hold (releases). Records from before votes
    were sealed (no seal, or a v1 seal without the revision number) are counted in a note
    until the trail holds a seal of the newer kind; after it, one is a problem."""

    def __init__(self, public: Any) -> None:
        self.public = public
        self._since: dict[tuple[_Key, str], datetime | None] = {}  # last void / hold start
        # by kind of vote, the newest kind of seal seen so far: 0 none, 1 v1, 2 v2 (release
        # votes were first sealed with v2: after any v2 seal, the door sealed every vote)
        self._newest: dict[str, int] = {}
        self.legacy = 0
        self.problems: list[str] = []
        # the identities whose release votes count since their revision's last hold began
        self.releasers: dict[_Key, list[str]] = {}

    def see(self, row: Mapping[str, Any], detail: Mapping[str, Any]) -> bool | None:
        """Record a void or a hold start; for a vote record, whether it counts as sealed
        (a legacy one does, with a note), or None for any other record."""
        action, key = row["action"], (row["post_id"], row["revision"])
        if action in VOIDS:
            self._since[(key, "approve")] = _time(row["at"])
        elif action in _HOLDS:
            self._since[(key, "release")] = _time(row["at"])
            self.releasers[key] = []
        if action not in _VOTE_KINDS or not detail.get("identity"):
            return None if action not in _VOTE_KINDS else True
        counts = self.public is None or self._judge(row, detail, _VOTE_KINDS[action])
        if counts and action == "hold.release_vote":
            self.releasers.setdefault(key, []).append(str(detail["identity"]))
        return counts

    def _judge(self, row: Mapping[str, Any], detail: Mapping[str, Any], kind: str) -> bool:
        where = (f"audit record #{row['seq']} ({row['action']} of post {row['post_id']}, "
                 f"revision {row['revision']})")
        vote = {"post_id": row["post_id"], "revision_hash": row["revision_hash"] or "",
                "identity": str(detail["identity"]), "kind": kind}
        since = self._since.get(((row["post_id"], row["revision"]), kind))
        newest = self._newest.get(kind, 0)
        if vote_seal.holds(self.public, detail, revision=row["revision"] or 0, **vote):
            self._newest = dict.fromkeys(("approve", "release", "reject"), 2)
            if vote_seal.sealed_after(detail, since):
                return True
            self.problems.append(f"{where} carries a seal made before its revision's votes "
                                 "were voided or its hold began: copied from an earlier vote")
            return False
        version = 1 if vote_seal.legacy(self.public, detail, **vote) else 0
        if "seal" in detail and not version:
            self.problems.append(f"{where} carries a seal that does not verify with the vote "
                                 "key's public half (vote.pub)")
            return False
        if newest > version:
            what = "not sealed" if not version else "sealed without its revision number"
            self.problems.append(f"{where} is {what}, although the chat door sealed such "
                                 "votes with it before: written outside the door")
            return False
        self._newest[kind] = max(newest, version)
        self.legacy += 1
        return True

    def note(self) -> str | None:
        if self.public is None:
            return ("vote seals not checked: no public half of the vote key to check them "
                    "with (vote.pub, beside SOCIALBOT_VOTE_KEY_FILE)")
        if not self.legacy:
            return None
        return (f"{self.legacy} vote record(s) from before votes were sealed as now (no seal, "
                "or one without the revision number): not failed; they no longer count "
                "for publishing")


class ApprovalBacking:
    """What the walk has seen so far that a `post.approved` record is judged by."""

    def __init__(self, public: Any = None) -> None:
        self.seals = SealCheck(public)
        self._policies: dict[int, ApprovalPolicy | None] = {}  # seq: its record's rule
        self._policy: tuple[int, ApprovalPolicy | None] | None = None  # the last named
        self._writers: dict[Any, list[str]] = {}  # post: writer identities so far
        self._votes: dict[_Key, list[VoteEvidence]] = {}
        self._begun: dict[_Key, int] = {}  # rounds begun
        self._approved_in: dict[_Key, int] = {}  # the round of its last post.approved
        self.unjudged = 0
        self.problems: list[str] = []

    def policy_changed(self, seq: int, text: str | None) -> None:
        try:
            detail = json.loads(text or "{}")
        except ValueError:
            detail = None
        if not isinstance(detail, dict):
            self._policy = (seq, None)
            return
        if "policy" in detail:
            rule = approval_policy(detail["policy"])
        else:  # a pointer `audit verify` has checked leads to an earlier record holding it
            rule = self._policies.get(detail.get("policy_in"))  # type: ignore[arg-type]
        self._policies[seq] = rule
        self._policy = (seq, rule)

    def see(self, row: Mapping[str, Any], detail: Mapping[str, Any]) -> None:
        action = row["action"]
        sealed = self.seals.see(row, detail)
        if action == "post.released":
            self._released(row)
        if action not in _SEEN and detail.get("to") != "pending_approval":
            return
        post_id, number = row["post_id"], row["revision"]
        key = (post_id, number)
        if action in ("post.created", "post.edited"):
            writer = f"os:{row['os_user']}" if row["os_user"] else f"name:{row['actor']}"
            self._writers.setdefault(post_id, []).append(writer)
        elif action == "approval.recorded" and detail.get("identity"):
            self._votes.setdefault(key, []).append(VoteEvidence(
                str(detail["identity"]), row["revision_hash"] or "", True, row["actor"],
                sealed=sealed is not False))
        elif action == "approval.sealed" and sealed:
            # the door sealed a vote recorded before (approvals.approve): it counts now
            self._votes[key] = [replace(v, sealed=True) if v.identity == detail.get("identity")
                                else v for v in self._votes.get(key, ())]
        elif action in VOIDS:
            self._votes.pop(key, None)  # it voided every vote then on the revision
        if begins_round(action, detail):
            self._begun[key] = self._begun.get(key, 0) + 1
        elif action == "post.approved":
            self._approved(row, detail, key)

    def _approved(self, row: Mapping[str, Any], detail: Mapping[str, Any], key: _Key) -> None:
        where = (f"audit record #{row['seq']} (post.approved of post {row['post_id']}, "
                 f"revision {row['revision']})")
        begun = self._begun.get(key, 0)
        if "from" in detail and self._approved_in.get(key) == begun:
            self.problems.append(f"{where} approves it a second time in one approval round "
                                 f"(round {begun}; nothing sent it back for approval between)")
        elif "round" in detail and detail["round"] != begun:
            self.problems.append(f"{where} names approval round {detail['round']} but the "
                                 f"trail had begun {begun}")
        self._approved_in[key] = begun
        if self._policy is None or self._policy[1] is None:
            self.unjudged += 1
            return
        seq, rule = self._policy
        proof = prove_approvals(rule, revision_hash=row["revision_hash"] or "",
                                writers=self._writers.get(row["post_id"], ()),
                                votes=self._votes.get(key, ()))
        if not proof.ok:
            self.problems.append(f"{where} is not backed by the votes recorded before it: "
                                 f"{len(proof.approvers)} of {proof.required} required "
                                 f"approvals hold under the policy of audit record #{seq}")

    def _released(self, row: Mapping[str, Any]) -> None:
        """A `post.released` record is backed by the release votes counted since its
        revision's last hold began, as the publisher counts them (release_voters)."""
        rule = self._policy[1] if self._policy is not None else None
        if rule is None:
            return
        writers = self._writers.get(row["post_id"], ())
        people = {who.name for i in self.seals.releasers.get((row["post_id"], row["revision"]),
                                                            ())
                  if (who := by_identity(rule, i)) is not None
                  and not any(wrote_it(who, w) for w in writers)}
        if len(people) < rule.required:
            self.problems.append(
                f"audit record #{row['seq']} (post.released of post {row['post_id']}, revision "
                f"{row['revision']}) is not backed by the release votes recorded since its hold "
                f"began: {len(people)} of {rule.required} required count")

    def note(self) -> str | None:
        if not self.unjudged:
            return None
        return (f"{self.unjudged} post.approved record(s) not checked against their votes: "
                "the trail names no approver list before them (a policy handed to socialbot "
                "rather than read from its file, or records older than session 45)")
