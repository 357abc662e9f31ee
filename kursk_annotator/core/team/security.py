"""The rights of a team store, enforced by PostgreSQL itself.

Installed by ``team init`` and again by ``team upgrade`` (every statement is idempotent),
always over an administrator's connection. The tables stay owned by that administrator:
row-level security does not apply to a table's owner, so no analyst's role owns one.

- Group roles: ``kursk_analyst`` (annotate, comment), ``kursk_reviewer`` (give verdicts)
  and ``kursk_admin`` (delete articles). Each analyst is a login role in some of them;
  ``session_user`` is mapped to its analyst by :data:`CURRENT_ANALYST`.
- Row-level security on every table. An analyst inserts annotations only as themself and
  only pending, changes and deletes only their own, gives verdicts only on others' work.
- History is written by triggers, so a change made with plain SQL is recorded too, and is
  insert-only for every analyst role. A verdict changes the annotation's status inside
  the same trigger, so verdict and status are stored together or not at all.
- Triggers raise ``NOTIFY kursk_changes`` so open windows show colleagues' work.
"""

from __future__ import annotations

import sqlalchemy as sa

SECURITY_VERSION = 1
GROUPS = ("kursk_analyst", "kursk_reviewer", "kursk_admin")
CHANNEL = "kursk_changes"

# Tables whose policies are written out below; any other table (added by a later
# revision) gets the generic rule of _generic_policies.
KNOWN_TABLES = ("analyst", "article", "annotation", "review", "history", "orphan")

_FUNCTIONS = (
    # The analyst behind this connection: its login, never a name the client claims.
    """CREATE OR REPLACE FUNCTION kursk_current_analyst() RETURNS integer
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
       $$ SELECT id FROM public.analyst WHERE login = session_user AND disabled_at IS NULL $$""",
    f"""CREATE OR REPLACE FUNCTION kursk_team_version() RETURNS integer
       LANGUAGE sql IMMUTABLE AS $$ SELECT {SECURITY_VERSION} $$""",
    """CREATE OR REPLACE FUNCTION kursk_annotation_snapshot(a public.annotation) RETURNS json
       LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public AS $$
       SELECT json_build_object('kind', a.kind, 'start', a.start_offset, 'end', a.end_offset,
                                'quote', a.quote, 'note', a.note, 'attributes', a.attributes,
                                'status', a.status) $$""",
    # Before an update: an annotation keeps its author, article and identity; its status
    # changes only through a verdict (the review trigger, one trigger level down); every
    # change bumps the version, so a stale window notices even a plain-SQL edit.
    """CREATE OR REPLACE FUNCTION kursk_annotation_guard() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       BEGIN
         IF NEW.analyst_id IS DISTINCT FROM OLD.analyst_id THEN
           RAISE EXCEPTION 'an annotation keeps its author' USING ERRCODE = '42501';
         END IF;
         IF NEW.id <> OLD.id OR NEW.uid <> OLD.uid OR NEW.article_id <> OLD.article_id
            OR NEW.created_at <> OLD.created_at THEN
           RAISE EXCEPTION 'an annotation keeps its id, article and creation time'
             USING ERRCODE = '42501';
         END IF;
         IF NEW.status IS DISTINCT FROM OLD.status AND pg_trigger_depth() < 2
            AND pg_has_role(session_user, 'kursk_analyst', 'MEMBER') THEN
           RAISE EXCEPTION 'the review status changes only through a verdict by another analyst'
             USING ERRCODE = '42501';
         END IF;
         NEW.version := OLD.version + 1;
         RETURN NEW;
       END $$""",
    """CREATE OR REPLACE FUNCTION kursk_annotation_history() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       DECLARE
         who integer := kursk_current_analyst();
         act text;
         b json;
         a json;
         r public.annotation;
       BEGIN
         IF TG_OP = 'INSERT' THEN
           act := 'create'; a := kursk_annotation_snapshot(NEW); r := NEW;
         ELSIF TG_OP = 'DELETE' THEN
           act := 'purge'; b := kursk_annotation_snapshot(OLD); r := OLD;
         ELSE
           r := NEW;
           IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
             act := 'delete'; b := kursk_annotation_snapshot(OLD);
           ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
             act := 'restore'; a := kursk_annotation_snapshot(NEW);
           ELSIF NEW.status IS DISTINCT FROM OLD.status
                 AND kursk_annotation_snapshot(NEW)::jsonb - 'status'
                     = kursk_annotation_snapshot(OLD)::jsonb - 'status' THEN
             act := 'status';
             b := json_build_object('status', OLD.status);
             a := json_build_object('status', NEW.status);
           ELSE
             act := 'update';
             b := kursk_annotation_snapshot(OLD); a := kursk_annotation_snapshot(NEW);
           END IF;
         END IF;
         INSERT INTO public.history (entity, entity_id, action, analyst_id, at, before, after)
           VALUES ('annotation', r.id, act, who, now(), b, a);
         PERFORM pg_notify('kursk_changes', json_build_object(
           'entity', 'annotation', 'id', r.id, 'article_id', r.article_id, 'action', act,
           'version', r.version, 'analyst_id', who)::text);
         RETURN NULL;
       END $$""",
    # A verdict: its history entry and the annotation's new status, in the same statement.
    """CREATE OR REPLACE FUNCTION kursk_review_history() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       DECLARE
         who integer := kursk_current_analyst();
         art integer;
         new_status text := CASE NEW.verdict WHEN 'accept' THEN 'accepted'
                                             WHEN 'reject' THEN 'rejected'
                                             WHEN 'request_changes' THEN 'changes_requested'
                            END;
       BEGIN
         INSERT INTO public.history (entity, entity_id, action, analyst_id, at, before, after)
           VALUES ('annotation', NEW.annotation_id, 'review', who, now(), NULL,
                   json_build_object('verdict', NEW.verdict, 'text', NEW.text,
                                     'review_id', NEW.id));
         IF new_status IS NOT NULL THEN
           UPDATE public.annotation SET status = new_status, updated_at = now()
             WHERE id = NEW.annotation_id AND status IS DISTINCT FROM new_status;
         END IF;
         SELECT article_id INTO art FROM public.annotation WHERE id = NEW.annotation_id;
         PERFORM pg_notify('kursk_changes', json_build_object(
           'entity', 'review', 'id', NEW.id, 'annotation_id', NEW.annotation_id,
           'article_id', art, 'action', 'review', 'analyst_id', who)::text);
         RETURN NULL;
       END $$""",
    """CREATE OR REPLACE FUNCTION kursk_article_history() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       DECLARE
         who integer := kursk_current_analyst();
         b jsonb := '{}';
         a jsonb := '{}';
         k text;
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO public.history (entity, entity_id, action, analyst_id, at, before, after)
             VALUES ('article', NEW.id, 'import', who, now(), NULL,
                     json_build_object('title', NEW.title, 'source_name', NEW.source_name));
         ELSIF TG_OP = 'UPDATE' THEN
           FOR k IN SELECT key FROM jsonb_each(to_jsonb(NEW))
                    WHERE key <> 'text'
                      AND to_jsonb(NEW) -> key IS DISTINCT FROM to_jsonb(OLD) -> key
           LOOP
             b := b || jsonb_build_object(k, to_jsonb(OLD) -> k);
             a := a || jsonb_build_object(k, to_jsonb(NEW) -> k);
           END LOOP;
           INSERT INTO public.history (entity, entity_id, action, analyst_id, at, before, after)
             VALUES ('article', NEW.id, 'update', who, now(), b::json, a::json);
         ELSE
           INSERT INTO public.history (entity, entity_id, action, analyst_id, at, before, after)
             VALUES ('article', OLD.id, 'delete', who, now(),
                     json_build_object('title', OLD.title), NULL);
         END IF;
         PERFORM pg_notify('kursk_changes', json_build_object(
           'entity', 'article', 'id', COALESCE(NEW.id, OLD.id), 'action', TG_OP,
           'analyst_id', who)::text);
         RETURN NULL;
       END $$""",
)

_TRIGGERS = (
    ("annotation", "kursk_annotation_guard", "BEFORE UPDATE", "kursk_annotation_guard"),
    (
        "annotation",
        "kursk_annotation_history",
        "AFTER INSERT OR UPDATE OR DELETE",
        "kursk_annotation_history",
    ),
    ("review", "kursk_review_history", "AFTER INSERT", "kursk_review_history"),
    (
        "article",
        "kursk_article_history",
        "AFTER INSERT OR UPDATE OR DELETE",
        "kursk_article_history",
    ),
)

ME = "kursk_current_analyst()"
OWN = f"analyst_id = {ME}"

# (table, policy, command, roles, USING, WITH CHECK)
_POLICIES: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("analyst", "read", "SELECT", "kursk_analyst", "true", None),
    ("article", "read", "SELECT", "kursk_analyst", "true", None),
    ("article", "import", "INSERT", "kursk_analyst", None, "true"),
    ("article", "edit_metadata", "UPDATE", "kursk_analyst", "true", "true"),
    ("article", "admin_delete", "DELETE", "kursk_admin", "true", None),
    ("annotation", "read", "SELECT", "kursk_analyst", "true", None),
    (
        "annotation",
        "insert_own",
        "INSERT",
        "kursk_analyst",
        None,
        f"analyst_id = {ME} AND status = 'pending' AND deleted_at IS NULL",
    ),
    ("annotation", "update_own", "UPDATE", "kursk_analyst", OWN, OWN),
    ("annotation", "delete_own", "DELETE", "kursk_analyst", f"analyst_id = {ME}", None),
    ("review", "read", "SELECT", "kursk_analyst", "true", None),
    (
        "review",
        "comment_as_self",
        "INSERT",
        "kursk_analyst",
        None,
        f"review.analyst_id = {ME} AND review.verdict = 'comment'",
    ),
    (
        "review",
        "verdict_on_others",
        "INSERT",
        "kursk_reviewer",
        None,
        f"review.analyst_id = {ME} AND EXISTS (SELECT 1 FROM public.annotation a "
        f"WHERE a.id = review.annotation_id AND a.analyst_id <> {ME} AND a.deleted_at IS NULL)",
    ),
    ("history", "read", "SELECT", "kursk_analyst", "true", None),
    ("history", "insert_as_self", "INSERT", "kursk_analyst", None, f"analyst_id = {ME}"),
    ("orphan", "shared", "ALL", "kursk_analyst", "true", "true"),
    ("alembic_version", "read", "SELECT", "kursk_analyst", "true", None),
)

_GRANTS = (
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO kursk_analyst, kursk_reviewer, kursk_admin",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO kursk_analyst",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kursk_analyst",
    "GRANT INSERT ON article, annotation, review, history, orphan TO kursk_analyst",
    "GRANT UPDATE (title, outlet, author, url, published, language) ON article TO kursk_analyst",
    "GRANT UPDATE (kind, start_offset, end_offset, quote, prefix, suffix, note, attributes, "
    "status, version, updated_at, deleted_at) ON annotation TO kursk_analyst",
    "GRANT DELETE ON annotation TO kursk_analyst",
    "GRANT UPDATE, DELETE ON orphan TO kursk_analyst",
    "GRANT INSERT ON review TO kursk_reviewer",
    "GRANT DELETE ON article TO kursk_admin",
    "REVOKE UPDATE, DELETE, TRUNCATE ON history FROM kursk_analyst, kursk_reviewer, kursk_admin",
)


def _create_groups(con: sa.Connection) -> None:
    for group in GROUPS:
        # Roles belong to the whole server; several team databases share the groups.
        exists = con.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": group}
        ).first()
        if not exists:
            con.exec_driver_sql(f'CREATE ROLE "{group}" NOLOGIN')


def _generic_policies(con: sa.Connection, table: str) -> None:
    """A table this module does not know: readable by all, rows with an analyst_id owned."""
    columns = {
        r[0]
        for r in con.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %(t)s",
            {"t": table},
        )
    }
    con.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO kursk_analyst')
    rule = f"analyst_id = {ME}" if "analyst_id" in columns else "true"
    _policy(con, table, "read", "SELECT", "kursk_analyst", "true", None)
    _policy(con, table, "insert", "INSERT", "kursk_analyst", None, rule)
    _policy(con, table, "update", "UPDATE", "kursk_analyst", rule, rule)
    _policy(con, table, "delete", "DELETE", "kursk_analyst", rule, None)


def _policy(
    con: sa.Connection,
    table: str,
    name: str,
    command: str,
    roles: str,
    using: str | None,
    check: str | None,
) -> None:
    con.exec_driver_sql(f'DROP POLICY IF EXISTS "{name}" ON "{table}"')
    sql = f'CREATE POLICY "{name}" ON "{table}" FOR {command} TO {roles}'
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    con.exec_driver_sql(sql)


def install(con: sa.Connection) -> None:
    """Create or refresh roles, grants, functions, triggers and policies (idempotent)."""
    _create_groups(con)
    database = con.exec_driver_sql("SELECT current_database()").scalar()
    # Only team members connect; nobody gets temporary objects (a temporary trigger
    # could otherwise run our guards one trigger level down).
    con.exec_driver_sql(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    con.exec_driver_sql(
        f'GRANT CONNECT ON DATABASE "{database}" TO kursk_analyst, kursk_reviewer, kursk_admin'
    )
    for statement in _FUNCTIONS:
        con.exec_driver_sql(statement)
    for table, name, when, function in _TRIGGERS:
        con.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
        con.exec_driver_sql(
            f'CREATE TRIGGER "{name}" {when} ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for statement in _GRANTS:
        con.exec_driver_sql(statement)
    tables = [
        r[0]
        for r in con.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    for table in tables:
        con.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        if table not in (*KNOWN_TABLES, "alembic_version"):
            _generic_policies(con, table)
    for policy in _POLICIES:
        _policy(con, *policy)
    con.exec_driver_sql(
        "REVOKE EXECUTE ON FUNCTION kursk_annotation_guard(), kursk_annotation_history(), "
        "kursk_review_history(), kursk_article_history() FROM PUBLIC"
    )


def installed_version(con: sa.Connection) -> int | None:
    """The version of these rights in the database, or None when none are installed."""
    found = con.exec_driver_sql("SELECT to_regprocedure('kursk_team_version()')").scalar()
    if found is None:
        return None
    return int(con.exec_driver_sql("SELECT kursk_team_version()").scalar() or 0)
