"""Publish-time check: a delivery the keyed audit trail already records as published is not
published again.

`deliveries.status` is a row anyone with database access can set back to pending; the
publisher then called the platform a second time and the post went out twice (verify
noticed only afterwards). The intact `delivery.published` record of this post and platform
is the publisher's own word that it went out, so the claim fails the delivery instead,
audited and announced in chat, with the remote id it went out as.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from social_bot import audit
from social_bot.daemon.decide import Action
from social_bot.db.models import AuditRecord

if TYPE_CHECKING:
    from social_bot.daemon.preflight import ClaimContext, Refusal


def published_record(ctx: ClaimContext) -> AuditRecord | None:
    """The intact `delivery.published` record of this post on this platform, if any (a post
    has one delivery per platform)."""
    keys = audit.session_keys(ctx.session)
    records = audit.post_records(ctx.session, ctx.post.id,
                                 AuditRecord.action == "delivery.published")
    return next((r for r in records
                 if json.loads(r.detail or "{}").get("platform") == ctx.platform
                 and audit.record_intact(r, keys)), None)


def already_published_check(ctx: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight import Refusal

    record = published_record(ctx)
    if record is None:
        return None
    remote = json.loads(record.detail or "{}").get("remote_id")
    return Refusal(Action.FAIL, f"already published on {ctx.platform} as {remote} (audit "
                   f"record #{record.seq}); the delivery was set back to waiting outside "
                   "socialbot, so it was not sent again", "already_published")
