"""Which PostgreSQL role socialbot connects as, and whether it is more than it needs to be
(session 54's attack review, D1; docs/daemon.md, "PostgreSQL roles").

Every staff command and the daemon connect with DATABASE_URL. A superuser there is OS command
execution as the server's account for whoever holds the URL (`COPY ... TO PROGRAM`) and reads
of any server file; an owner of `audit_records`, or a role granted UPDATE, DELETE or TRUNCATE
on it, can rewrite or empty the trail outside socialbot (which only ever inserts there; the
hash chain shows a rewrite, but not who made it). `socialbot check` says so in one line.
"""

from __future__ import annotations

from sqlalchemy import text

from social_bot.db.engine import check_url, make_engine

# the one privilege check: superuser; then any way to change the audit trail's rows: a right
# to UPDATE, DELETE or TRUNCATE it, owning it or being a member of its owner (even NOINHERIT:
# SET ROLE takes the owner's rights, which ALTER and GRANT restore if revoked), or CREATEROLE
# (which may grant itself the owner role). Outside review D of session 54: only the rights
# were asked, so those three were silent.
_ROLE = text(
    "SELECT current_user, r.rolsuper, r.rolcreaterole, "
    "CASE WHEN to_regclass('audit_records') IS NULL THEN false ELSE ("
    "pg_has_role(current_user, (SELECT relowner FROM pg_class "
    "WHERE oid = to_regclass('audit_records')), 'MEMBER') OR "
    "has_table_privilege(current_user, 'audit_records', 'UPDATE') OR "
    "has_table_privilege(current_user, 'audit_records', 'DELETE') OR "
    "has_table_privilege(current_user, 'audit_records', 'TRUNCATE')) END "
    "FROM pg_roles r WHERE r.rolname = current_user")


def role_warning(url: str) -> str | None:
    """One line when ``url``'s PostgreSQL role is a superuser, or may change or delete audit
    records; None for SQLite, a role that may not, or a server that does not answer (the
    other checks and `init` say that)."""
    try:
        if check_url(url).get_backend_name() != "postgresql":
            return None
        engine = make_engine(url)
    except Exception:  # noqa: BLE001 - not ours to report here
        return None
    try:
        with engine.connect() as conn:
            role, superuser, creates_roles, rewrites = conn.execute(_ROLE).one()
    except Exception:  # noqa: BLE001 - no answer: nothing to say about the role
        return None
    finally:
        engine.dispose()
    if superuser:
        return (f"DATABASE_URL connects as the PostgreSQL superuser {role!r}: whoever holds "
                "it can run commands on the database server (COPY ... TO PROGRAM) and read "
                "its files; use an owner role for `socialbot init` and a login without "
                "superuser for the daemon and staff (docs/daemon.md, \"PostgreSQL roles\")")
    if rewrites or creates_roles:
        how = ("may create roles (CREATEROLE), so it can make itself audit_records' owner"
               if not rewrites else "may UPDATE, DELETE or TRUNCATE audit_records, or own "
               "them (as their owner or a member of that role)")
        return (f"DATABASE_URL connects as PostgreSQL role {role!r}, which {how}: socialbot "
                "only inserts there; give the daemon and staff a role with SELECT and INSERT "
                "on it only, no member of the owner (docs/daemon.md, \"PostgreSQL roles\")")
    return None
