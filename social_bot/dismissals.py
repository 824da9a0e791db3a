"""Dismissing a blocking finding: the author's recorded decision, audited, shown to both
approvers, carried over an edit only while its span and what its reason rests on around
it (review.context_kept) read the same.

The rules (which reasons exist, what an authorization must cover) are in
policies/review.py; this module reads and writes the database around them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, object_session

from policies.approval import same_person
from policies.review import (
    REASON_LABELS,
    WHOLE_TEXT_REASONS,
    DismissReason,
    FindingKey,
    carries_over,
    consent_problem,
    context_kept,
    coverage_problem,
    dismissal_problem,
    needed_scopes,
    schedule_problem,
    untouched_span,
    validity,
)
from social_bot import audit
from social_bot.app import App
from social_bot.consents import audited_problem, terms, typed_trace
from social_bot.db.models import Consent, Dismissal, Finding, Post, Revision, utcnow
from social_bot.domain import Status
from social_bot.errors import NotFound, Refused, UserError
from social_bot.posts import Staff, as_policy_names, current_revision, lock_post, set_status
from social_bot.review_card import lapsed
from social_bot.timefmt import session_zone


def ordered_findings(revision: Revision) -> list[Finding]:
    """The order `post show` numbers findings in (F1, F2, ...): the caption first, then
    each image's findings, each in text order."""
    return sorted(revision.findings,
                  key=lambda f: (f.source != "text", f.source or "", f.start, f.end, f.id or 0))


def key_of(finding: Any) -> FindingKey:
    get = finding.get if isinstance(finding, dict) else (lambda k: getattr(finding, k, None))
    return FindingKey(category=str(get("category")), source=str(get("source") or "text"),
                      text=str(get("text")), rule=str(get("rule") or ""))


def _span_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def is_post_author(post: Post, staff: Staff) -> bool:
    """The OS login decides when both are known (a staff name can be typed by anyone)."""
    if post.author_os_user and staff.os_user:
        return same_person(post.author_os_user, staff.os_user)
    return same_person(post.author, staff.name)


def undismissed_blocking(revision: Revision) -> list[Finding]:
    return [f for f in revision.findings if f.severity == "block" and f.dismissal is None]


def lapse(d: Dismissal, now: datetime | None = None) -> str | None:
    """Why this dismissal no longer clears its finding, or None: the authorization it cites
    is not in force now (revoked, expired, or untrustworthy: the row and the keyed audit
    trail) or no longer covers the finding. The publisher, the approval and `post dismiss`
    ask this one question; the reason names no patient (it is shown in chat)."""
    if d.consent is None:
        return None
    return _consent_problem(d.consent, now or utcnow()) or uncovered(d)


def lapsed_dismissals(revision: Revision, now: datetime | None = None
                      ) -> list[tuple[str, Finding, str]]:
    """(F-number, finding, why) for each finding of the revision whose dismissal no longer
    holds (``lapse``): such a finding blocks again."""
    now = now or utcnow()
    return [(f"F{i}", f, why) for i, f in enumerate(ordered_findings(revision), start=1)
            if f.dismissal is not None and (why := lapse(f.dismissal, now))]


def still_blocking(revision: Revision, now: datetime | None = None) -> list[Finding]:
    """The findings that keep the revision from approval: the undismissed blocking ones and
    those whose dismissal rests on an authorization no longer in force (or no longer
    covering them). Only the first were counted before session 49, so a post blocked for
    another finding when its authorization was revoked went to approval, carrying the
    revoked dismissal, once that other finding was dismissed (an outside review)."""
    return undismissed_blocking(revision) + [f for _, f, _ in lapsed_dismissals(revision, now)]


def send_back(session: Session, post: Post, revision: Revision, consent_id: int | None,
              why: str, *, actor: str, os_user: str | None, action: str,
              detail: dict[str, Any], tell: bool = True) -> int:
    """Back to blocked_phi because a dismissal's authorization lapsed (``why``): the
    revision's votes voided (as an edit would), audited under ``action``, and the approvers
    told in chat (their buttons no longer count; set_status announces no move to
    blocked_phi); ``tell``: the chat notice says ``why`` (a revocation's says its own
    words). Returns how many votes were voided."""
    from social_bot import outbox

    voided = len(revision.approvals)
    for vote in list(revision.approvals):
        session.delete(vote)
    set_status(session, post, Status.BLOCKED_PHI, actor=actor, os_user=os_user, action=action,
               detail={**detail, "consent": consent_id, "approvals_voided": voided},
               reason=f"{why}: the finding it cleared blocks again; edit the post to remove "
                      "what it covered")
    outbox.add(session, outbox.PostConsentRevoked(
        post_id=post.id, revision=revision.number, consent=consent_id or 0,
        approvals_voided=voided, why=why if tell else ""))
    return voided


def refuse_lapsed(session: Session, post: Post, revision: Revision, *, actor: str,
                  identity: str, verb: str) -> str | None:
    """Why no vote (approve, or release a hold: ``verb``) may be cast because a dismissal
    of this revision no longer holds (``lapse``: the authorization it cites expired while
    the post waited, is untrustworthy, or no longer covers the finding), or None. The post
    goes back to blocked_phi (``send_back``), as a revocation sends it; an expiry has no
    command to do so. Before session 49 such a post was approved, and stopped only at
    publishing (an outside review)."""
    lapsed = lapsed_dismissals(revision)
    if not lapsed:
        return None
    ref, finding, why = lapsed[0]
    send_back(session, post, revision, finding.dismissal.consent_id, why, actor=actor,
              os_user=None, action="post.authorization_lapsed",
              detail={"finding": ref, "identity": identity})
    return (f"post {post.id} cannot be {verb}: {ref}'s dismissal no longer holds ({why}), "
            f"so the {finding.category} finding it cleared blocks again; the post is back "
            "with its author as blocked_phi")


def parse_ref(value: str) -> int:
    text = value.strip().upper().removeprefix("F")
    if not text.isdigit() or int(text) < 1:
        raise UserError(f"{value!r} is not a finding reference: use the F-number `post show` "
                        "lists (e.g. F2)")
    return int(text)


def parse_reason(value: str) -> DismissReason:
    try:
        return DismissReason(value.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in DismissReason)
        raise UserError(f"unknown reason {value!r}: choose one of {choices}") from None


def identifier_digest(key: bytes, text: str) -> str:
    from social_bot.chat.typed import identifier_digest as digest

    return digest(key, text)


def _audit_detail(session: Session, d: Dismissal, ref: str) -> dict[str, Any]:
    # The span's hash, not its text: the trail is kept for ever, a patient's name need not be.
    # The note is free text (it may name the patient): kept as length and keyed digest.
    return {"finding": ref, "category": d.category, "source": d.source, "start": d.start,
            "end": d.end,
            "span_hmac": identifier_digest(audit.session_keys(session).current, d.text),
            "reason": d.reason,
            "consent": d.consent_id,
            "note": typed_trace(session, d.note) if d.note else None,
            **_scope_detail(d.finding, d.consent)}


def _needs(finding: Any) -> tuple[str, ...]:
    """The scopes a finding needs, judged on the text of its revision (a name-only rule needs
    `story` too in a text that tells of care: review.needed_scopes)."""
    revision = getattr(finding, "revision", None)
    return needed_scopes(key_of(finding), revision.text if revision is not None else None)


def _scope_detail(finding: Any, consent: Consent | None) -> dict[str, Any]:
    """For a decision citing an authorization: the scopes the finding needed (by its rule,
    review.needed_scopes) and those the authorization covers, as the audit trail keeps them."""
    if consent is None or finding is None:
        return {}
    return {"scopes_needed": [str(s) for s in _needs(finding)],
            "consent_scopes": list(consent.scopes)}


_DISMISSAL_RECORDS = ("finding.dismissed", "finding.dismissal_carried")


def audited_before_approval(session: Session, post: Post, revision: Revision,
                            dismissals: list[Dismissal]) -> list[Dismissal]:
    """The dismissals whose `finding.dismissed` (or, carried over by an edit,
    `finding.dismissal_carried`) record in the keyed audit trail exists, is intact (the
    chain's MAC) and precedes the revision's first recorded approval; the publisher trusts
    only these (the dismissal rows alone can be written by anyone with database access).
    Before session 42 a carried dismissal was not among them, so an edited post whose
    dismissals carried over was approved and then refused at publish, for ever."""
    records = audit.intact_revision_records(session, post.id, revision.number,
                                            revision.content_hash,
                                            (*_DISMISSAL_RECORDS, "approval.recorded"))
    first_vote = next((r.seq for r in records if r.action == "approval.recorded"), None)
    keys = audit.session_keys(session)
    recorded = []
    for r in records:
        if r.action in _DISMISSAL_RECORDS and (first_vote is None or r.seq < first_vote):
            detail = json.loads(r.detail or "{}")
            recorded.append(((detail.get("category"), detail.get("source"), detail.get("start"),
                              detail.get("end"), detail.get("consent"), detail.get("reason")),
                             detail, keys.get(r.key_id)))

    def same_span(detail: dict[str, Any], key: bytes | None, text: str) -> bool:
        if "span_hmac" in detail:  # keyed (this session on); before, a plain SHA-256
            return key is not None and hmac.compare_digest(
                str(detail["span_hmac"]), identifier_digest(key, text))
        return detail.get("span_sha256") == _span_hash(text)

    return [d for d in dismissals
            if any(fields == (d.category, d.source, d.start, d.end, d.consent_id, d.reason)
                   and same_span(detail, key, d.text) for fields, detail, key in recorded)]


def dismiss(app: App, staff: Staff, post_id: int, ref: str, reason: str,
            consent_id: int | None = None, note: str | None = None) -> dict[str, Any]:
    """Record the author's dismissal of one blocking finding of the current revision.

    When nothing blocks any more, the post moves on to pending_approval (its card lists
    every dismissal). Refusals are audited like refused votes.
    """
    why = parse_reason(reason)
    number = parse_ref(ref)
    staff = as_policy_names(app, staff)  # the policy's name for the login, as posts show
    note = " ".join((note or "").split()) or None
    refusal: str | None = None
    result: dict[str, Any] = {}
    with app.db.write() as session:
        post = lock_post(session, post_id)
        revision = current_revision(post)
        refusal = _precheck(post, revision, staff)
        findings = ordered_findings(revision)
        if refusal is None and number > len(findings):
            raise NotFound(f"post {post_id} has no finding F{number} (it has {len(findings)})")
        finding = findings[number - 1] if refusal is None else None
        consent = session.get(Consent, consent_id) if consent_id is not None else None
        if consent_id is not None and consent is None:
            raise NotFound(f"no authorization with id {consent_id}")
        scope_detail = _scope_detail(finding, consent)  # for a refusal's record, below
        if finding is not None:
            refusal = _finding_problem(finding, why, note, consent, revision)
        if refusal is None and consent is not None:
            refusal = audited_problem(session, consent)
        if refusal is None and finding is not None:
            row = Dismissal(finding=finding, post_id=post.id, revision=revision.number,
                            category=finding.category, source=finding.source,
                            start=finding.start, end=finding.end, text=finding.text,
                            reason=str(why), consent_id=consent_id, note=note,
                            dismissed_by=staff.name, os_user=staff.os_user)
            session.add(row)
            session.flush()
            audit.append(session, actor=staff.name, os_user=staff.os_user,
                         action="finding.dismissed", post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail=_audit_detail(session, row, f"F{number}"))
            left = still_blocking(revision)
            if not left:
                set_status(session, post, Status.PENDING_APPROVAL, actor=staff.name,
                           os_user=staff.os_user, action="post.cleared",
                           detail={"dismissed": sum(1 for f in revision.findings
                                                    if f.dismissal is not None)})
            result = {"post": post.id, "finding": f"F{number}", "category": finding.category,
                      "text": finding.text, "reason": str(why), "status": post.status,
                      "still_blocking": len(left),
                      "lapsed": [(ref, reason) for ref, _, reason in
                                 lapsed_dismissals(revision)]}
    if refusal is not None:
        with app.db.write() as session:
            audit.append(session, actor=staff.name, os_user=staff.os_user,
                         action="finding.dismiss_refused", post_id=post_id,
                         detail={"finding": f"F{number}", "reason": str(why),
                                 "consent": consent_id, "refusal": refusal, **scope_detail})
        raise Refused(refusal)
    return result


def _precheck(post: Post, revision: Revision, staff: Staff) -> str | None:
    if not is_post_author(post, staff):
        return f"only the author of post {post.id} ({post.author}) can dismiss its findings"
    if post.status != Status.BLOCKED_PHI:
        return f"post {post.id} is {post.status}: only a blocked post's findings are dismissed"
    if revision.approvals:
        return (f"revision {revision.number} of post {post.id} already has approvals; edit the "
                "post so the approvers see the new decision on a new revision")
    return None


def _finding_problem(finding: Finding, why: DismissReason, note: str | None,
                     consent: Consent | None, revision: Revision) -> str | None:
    if finding.severity != "block":
        return f"{finding.category} finding is a warning: it does not block, nothing to dismiss"
    if finding.dismissal is not None:
        if why_lapsed := lapse(finding.dismissal):
            return (f"this finding's dismissal no longer holds ({why_lapsed}): edit the post "
                    "to remove what it covered (or record a new authorization and dismiss "
                    "the new revision's finding with it)")
        return f"this finding was already dismissed ({finding.dismissal.reason})"
    return dismissal_problem(key_of(finding), why, note=note,
                             consent=terms(consent) if consent is not None else None,
                             post_text=revision.text, now=utcnow(),
                             scheduled_at=revision.scheduled_at,
                             others=other_people(revision, finding))


def other_people(revision: Revision, finding: Finding) -> list[FindingKey]:
    """The revision's findings besides this one that may be another patient, for the
    authorization's terms (review.coverage_problem): the blocking ones, but those dismissed
    as staff, a public figure or not a person (WHOLE_TEXT_REASONS), whose person is no
    patient. A warning ("Nurse Kim ... by her side", `name+no_health`) tells no one's care
    and cannot be dismissed: counted, it would refuse the patient's own town for good."""
    return [key_of(f) for f in revision.findings if f is not finding and f.severity == "block"
            and not (f.dismissal is not None and f.dismissal.reason in WHOLE_TEXT_REASONS)]


def _source_text(revision: Revision, source: str) -> str | None:
    """The text a finding's span is counted in: the caption, or an image's alt text."""
    if source == "text":
        return revision.text
    kind, _, index = source.partition(":")
    media = revision.media or []
    if kind == "alt" and index.isdigit() and int(index) < len(media):
        return str(media[int(index)].get("alt") or "")
    return None


def _same_place(previous: Revision, revision: Revision, d: Dismissal, finding: Finding) -> bool:
    """The new finding is the dismissed span itself, at the place the edit left it (an
    image's text or faces: the same image, the same place in it)."""
    old_text, new_text = _source_text(previous, d.source), _source_text(revision, d.source)
    if old_text is None or new_text is None:
        kind, _, index = d.source.partition(":")
        old_media, new_media = previous.media or [], revision.media or []
        same_image = index.isdigit() and int(index) < min(len(old_media), len(new_media)) and \
            old_media[int(index)].get("sha256") == new_media[int(index)].get("sha256")
        return same_image and (d.start, d.end) == (finding.start, finding.end)
    span = (finding.start, finding.end)
    # the span's sentence kept, and what the reason rests on around it (review.context_kept:
    # the whole text for staff, public_figure, not_a_person; the neighbouring sentences
    # for an authorization)
    return untouched_span(old_text, new_text, d.start, d.end) == span and context_kept(
        d.reason, old_text, new_text, (d.start, d.end), span)


def carry_over(session: Session, post: Post, previous: Revision, revision: Revision,
               staff: Staff) -> int:
    """After an edit: repeat each earlier dismissal whose finding reads exactly the same, at
    the place the edit left it, with what its reason rests on around it unchanged
    (review.context_kept), in the new revision (and whose authorization, if any, is
    still in force); each dismissal carries to one finding at most. Returns how many
    blocking findings are left undismissed."""
    session.flush()  # the new findings need ids
    # only dismissals the keyed audit trail recorded: a row written into the database by
    # hand would otherwise become a genuine carried record, which the publisher trusts (a
    # code review, session 42)
    earlier = audited_before_approval(
        session, post, previous,
        [f.dismissal for f in previous.findings if f.dismissal is not None])
    used: set[int] = set()  # one dismissal, one finding
    now = utcnow()
    refs = {id(f): f"F{i}" for i, f in enumerate(ordered_findings(revision), start=1)}
    pairs = []
    for finding in revision.findings:
        if finding.severity != "block" or finding.dismissal is not None:
            continue
        match = next((d for d in earlier if id(d) not in used
                      and carries_over(key_of(d), key_of(finding))
                      and _same_place(previous, revision, d, finding)), None)
        if match is not None:
            used.add(id(match))
            pairs.append((finding, match))
    # the authorizations last: a name carried as staff is no other person for them
    # (other_people)
    for finding, match in sorted(pairs, key=lambda pair: pair[1].consent is not None):
        if match.consent is not None and (
                audited_problem(session, match.consent, now)
                or schedule_problem(terms(match.consent), revision.scheduled_at)
                or coverage_problem(terms(match.consent), key_of(finding), revision.text,
                                    other_people(revision, finding))):
            # out of force, expiring before the new schedule, the edit moved the detail
            # out of the patient's sentence, or it tells another person's care
            continue
        row = Dismissal(finding=finding, post_id=post.id, revision=revision.number,
                        category=finding.category, source=finding.source, start=finding.start,
                        end=finding.end, text=finding.text, reason=match.reason,
                        consent_id=match.consent_id, note=match.note,
                        dismissed_by=match.dismissed_by, os_user=match.os_user,
                        carried_from=match.id)
        session.add(row)
        session.flush()
        audit.append(session, actor=staff.name, os_user=staff.os_user,
                     action="finding.dismissal_carried", post_id=post.id,
                     revision=revision.number, revision_hash=revision.content_hash,
                     detail={**_audit_detail(session, row, refs[id(finding)]), "from": match.id})
    return len(undismissed_blocking(revision))


# --- what people see ---------------------------------------------------------------------


def _consent_problem(c: Consent, now: datetime) -> str | None:
    session = object_session(c)
    return (audited_problem(session, c, now) if session is not None
            else consent_problem(terms(c), now))


def uncovered(d: Dismissal) -> str | None:
    """Why the authorization a dismissal cites does not cover its finding under the rules
    in force now (policies/review.py), or None; a dismissal recorded under an older, broader
    rule shows its reason on the card and blocks at publish."""
    revision = d.finding.revision if d.finding is not None else None
    if d.consent is None or revision is None or revision.purged_at is not None:
        return None
    # the finding's key, which knows its rule: a date of birth is covered by no authorization,
    # and one recorded before session 51 said so blocks at publish (review.is_birth_date)
    return coverage_problem(terms(d.consent), key_of(d.finding), revision.text,
                            other_people(revision, d.finding))


def dismissal_view(d: Dismissal, now: datetime | None = None) -> dict[str, Any]:
    consent = None
    if d.consent is not None:
        c = d.consent
        consent = {"id": c.id, "patient_name": c.patient_name, "scopes": list(c.scopes),
                   "form_ref": c.form_ref, "expires_at": c.expires_at.isoformat(),
                   "valid": validity(c.expires_at, session_zone(object_session(c))),
                   "problem": _consent_problem(c, now or utcnow()),
                   "not_covered": uncovered(d),
                   "needs": ([str(s) for s in _needs(d.finding)]
                             if d.finding is not None else [])}
    return {"reason": d.reason, "reason_label": REASON_LABELS[DismissReason(d.reason)],
            "note": d.note, "by": d.dismissed_by, "at": d.created_at.isoformat(),
            "carried_from": d.carried_from, "consent": consent}


def finding_views(revision: Revision) -> list[dict[str, Any]]:
    """Findings as `post show` and the chat card list them, each with its F-number and,
    when dismissed, who dismissed it, why, and the authorization it rests on."""
    now = utcnow()
    return [
        {"ref": f"F{i}", "category": f.category, "start": f.start, "end": f.end,
         "text": f.text, "severity": f.severity, "score": f.score, "rule": f.rule,
         "reason": f.reason, "redaction": f.redaction, "source": f.source,
         "dismissal": dismissal_view(f.dismissal, now) if f.dismissal is not None else None}
        for i, f in enumerate(ordered_findings(revision), start=1)
    ]


def dismissal_line(finding: dict[str, Any], escape=lambda s: s,  # noqa: ANN001
                   mark=lambda s: s) -> str:  # noqa: ANN001
    """One line for an approver: what was dismissed, by whom, why, on what authority
    (``mark``: socialbot's own words, for the chat guard). `post show` and the chat card
    (Slack and Mattermost) print this same line. A dismissal that no longer holds
    (``review_card.lapsed``) leads with it, as `post show` marks the finding: "F1 BLOCKS:
    the dismissal no longer holds: authorization #3 was revoked on ...". The card said
    "NOT IN FORCE" (or "NOT COVERED") at its end, in different words (session 49)."""
    d = finding["dismissal"]
    when = f" {mark(_when(d['at']))}" if d.get("at") else ""
    line = (f"{finding['category']} \"{escape(finding['text'])}\" dismissed "
            f"by {mark(escape(d['by']))}{when}: {d['reason_label']}")
    if d["consent"] is not None:
        c = d["consent"]
        needs = f"; the finding needs {', '.join(c['needs'])}" if c.get("needs") else ""
        line += (f" (authorization #{c['id']} for {escape(c['patient_name'])}, covers "
                 f"{', '.join(c['scopes'])}{needs}, valid {mark(c['valid'])})")
    if d["note"]:
        line += f" — note: {escape(d['note'])}"
    elif d.get("note_kept"):  # chat: the note stays on the practice's computer
        kept = f"kept out of chat, read it with `{d['note_kept']}`"
        line += f" — note: {mark(kept)}"
    why = lapsed(d)
    if why:
        return f"{finding['ref']} BLOCKS: the dismissal no longer holds: {why}. It was: {line}"
    return f"{finding['ref']} {line}"


def _when(at: str) -> str:
    """When a dismissal was made, as its line says it: "on 2026-12-07 06:50 UTC"."""
    moment = datetime.fromisoformat(at)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return f"on {moment:%Y-%m-%d %H:%M} UTC"


def dismissal_lines(findings: Sequence[dict[str, Any]], escape=lambda s: s,  # noqa: ANN001
                    mark=lambda s: s) -> list[str]:  # noqa: ANN001
    return [dismissal_line(f, escape, mark) for f in findings if f.get("dismissal")]
