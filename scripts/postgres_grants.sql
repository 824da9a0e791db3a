-- socialbot on PostgreSQL: what the daemon's and the staff's login may do (docs/daemon.md,
-- "PostgreSQL roles"). Run as the owner role (the one `socialbot init` ran as), in the
-- socialbot database, after every `socialbot init` (an upgrade may add tables):
--     psql "$OWNER_URL" -v ON_ERROR_STOP=1 -f scripts/postgres_grants.sql
-- socialbot_app is the login the daemon and staff use (a role without superuser, made once
-- by an administrator: CREATE ROLE socialbot_app LOGIN PASSWORD '...').
GRANT USAGE ON SCHEMA public TO socialbot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO socialbot_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO socialbot_app;
-- socialbot only ever inserts into the audit trail; the schema version is the owner's
REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM socialbot_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM socialbot_app;
