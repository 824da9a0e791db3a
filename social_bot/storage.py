"""`socialbot init` as a function: private data directory, audit key, schema, sealed chain.

The demo and the tests build their storage the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from social_bot.db.engine import Database
from social_bot.filesafety import make_private_dir
from social_bot.settings import Settings, load_audit_keys


@dataclass
class InitReport:
    db: Database
    notes: list[str] = field(default_factory=list)


def init_storage(settings: Settings) -> InitReport:
    """Create or migrate everything; safe to run again. The caller disposes ``.db``."""
    from social_bot import audit
    from social_bot.audit_key import create_key_file, missing_key_error
    from social_bot.db.migrate import upgrade

    notes: list[str] = []
    make_private_dir(settings.data_dir)
    if not settings.env.get("SOCIALBOT_AUDIT_KEY"):
        created = create_key_file(settings.data_dir)
        if created is not None:
            notes.append(f"audit key created: {created} (0600). Back it up apart from the "
                         "database: without it the audit trail cannot be verified")
    keys = load_audit_keys(settings)
    if keys is None:
        raise missing_key_error()
    db = Database(settings.database_url, audit_keys=keys)
    upgrade(db)
    with db.write() as session:
        if audit.is_legacy_head(session):
            # Records written before the chain was keyed: this record's MAC covers their
            # last hash, so from now on none of them can be rewritten unnoticed.
            legacy = audit.verify(session, keys, cross_check=False)
            intact = legacy.problem.startswith("no record is keyed")
            audit.append(session, actor="socialbot init", action="audit.keyed",
                         detail={"legacy_records": _legacy_count(session),
                                 "legacy_chain_intact": intact})
            notes.append("the existing audit chain was sealed with the audit key")
    return InitReport(db, notes)


def _legacy_count(session) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from social_bot.db.models import AuditRecord

    return int(session.scalar(select(func.count(AuditRecord.id))
                              .where(AuditRecord.key_id.is_(None))) or 0)

