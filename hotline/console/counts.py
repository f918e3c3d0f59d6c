"""Per-team, per-status case counts, kept by database triggers.

The queue page shows how many cases of each status a member's teams hold.
Counting a million rows on every page view costs hundreds of milliseconds,
so ``case_status_count`` is maintained by triggers: inserting or deleting a
``case_queue`` row and changing ``case_file.status`` adjust it in the same
transaction, whichever code path did it. The DDL lives here so the
migration and a later merge migration (SQLite drops a table's triggers when
a batch migration recreates the table) install the same thing; both
functions are idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from hotline.console.models import CaseStatusCount

TRIGGERS = ("trg_case_queue_count_insert", "trg_case_queue_count_delete",
            "trg_case_file_count_status")

_SQLITE = (
    """CREATE TRIGGER IF NOT EXISTS trg_case_queue_count_insert AFTER INSERT ON case_queue
    BEGIN
      INSERT OR IGNORE INTO case_status_count (team_id, status, n)
        SELECT NEW.team_id, status, 0 FROM case_file WHERE id = NEW.case_id;
      UPDATE case_status_count SET n = n + 1 WHERE team_id = NEW.team_id
        AND status = (SELECT status FROM case_file WHERE id = NEW.case_id);
    END""",
    """CREATE TRIGGER IF NOT EXISTS trg_case_queue_count_delete AFTER DELETE ON case_queue
    BEGIN
      UPDATE case_status_count SET n = n - 1 WHERE team_id = OLD.team_id
        AND status = (SELECT status FROM case_file WHERE id = OLD.case_id);
    END""",
    """CREATE TRIGGER IF NOT EXISTS trg_case_file_count_status
    AFTER UPDATE OF status ON case_file WHEN NEW.status IS NOT OLD.status
    BEGIN
      UPDATE case_status_count SET n = n - 1 WHERE status = OLD.status
        AND team_id IN (SELECT team_id FROM case_queue WHERE case_id = NEW.id);
      INSERT OR IGNORE INTO case_status_count (team_id, status, n)
        SELECT team_id, NEW.status, 0 FROM case_queue WHERE case_id = NEW.id;
      UPDATE case_status_count SET n = n + 1 WHERE status = NEW.status
        AND team_id IN (SELECT team_id FROM case_queue WHERE case_id = NEW.id);
    END""",
)

_POSTGRES = (
    """CREATE OR REPLACE FUNCTION hotline_count_queue_insert() RETURNS trigger AS $$
    BEGIN
      INSERT INTO case_status_count (team_id, status, n)
        SELECT NEW.team_id, c.status, 0 FROM case_file c WHERE c.id = NEW.case_id
        ON CONFLICT DO NOTHING;
      UPDATE case_status_count SET n = n + 1 WHERE team_id = NEW.team_id
        AND status = (SELECT c.status FROM case_file c WHERE c.id = NEW.case_id);
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION hotline_count_queue_delete() RETURNS trigger AS $$
    BEGIN
      UPDATE case_status_count SET n = n - 1 WHERE team_id = OLD.team_id
        AND status = (SELECT c.status FROM case_file c WHERE c.id = OLD.case_id);
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION hotline_count_status_update() RETURNS trigger AS $$
    BEGIN
      IF NEW.status IS DISTINCT FROM OLD.status THEN
        UPDATE case_status_count s SET n = s.n - 1 FROM case_queue q
          WHERE q.case_id = NEW.id AND s.team_id = q.team_id AND s.status = OLD.status;
        INSERT INTO case_status_count (team_id, status, n)
          SELECT q.team_id, NEW.status, 0 FROM case_queue q WHERE q.case_id = NEW.id
          ON CONFLICT DO NOTHING;
        UPDATE case_status_count s SET n = s.n + 1 FROM case_queue q
          WHERE q.case_id = NEW.id AND s.team_id = q.team_id AND s.status = NEW.status;
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS trg_case_queue_count_insert ON case_queue",
    """CREATE TRIGGER trg_case_queue_count_insert AFTER INSERT ON case_queue
       FOR EACH ROW EXECUTE FUNCTION hotline_count_queue_insert()""",
    "DROP TRIGGER IF EXISTS trg_case_queue_count_delete ON case_queue",
    """CREATE TRIGGER trg_case_queue_count_delete AFTER DELETE ON case_queue
       FOR EACH ROW EXECUTE FUNCTION hotline_count_queue_delete()""",
    "DROP TRIGGER IF EXISTS trg_case_file_count_status ON case_file",
    """CREATE TRIGGER trg_case_file_count_status AFTER UPDATE OF status ON case_file
       FOR EACH ROW EXECUTE FUNCTION hotline_count_status_update()""",
)


def install_triggers(connection: Connection) -> None:
    """Create (or re-create) the counting triggers, then recount."""
    statements = _POSTGRES if connection.dialect.name == "postgresql" else _SQLITE
    for statement in statements:
        connection.execute(text(statement))
    rebuild_counts(connection)


def drop_triggers(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for name, table in zip(TRIGGERS, ("case_queue", "case_queue", "case_file"), strict=True):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        for function in ("hotline_count_queue_insert", "hotline_count_queue_delete",
                         "hotline_count_status_update"):
            connection.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
    else:
        for name in TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def rebuild_counts(connection: Connection | Session) -> None:
    """Recount from scratch (after a bulk load that bypassed the triggers)."""
    connection.execute(text("DELETE FROM case_status_count"))
    connection.execute(text(
        "INSERT INTO case_status_count (team_id, status, n) "
        "SELECT q.team_id, c.status, COUNT(*) FROM case_queue q "
        "JOIN case_file c ON c.id = q.case_id GROUP BY q.team_id, c.status"))


def status_counts(session: Session, team_ids: Iterable[int]) -> dict[str, int]:
    """Cases per status across these teams.

    A case in two of the member's teams counts once per team: members of
    several queues see queue sizes, not distinct cases.
    """
    ids = list(team_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(CaseStatusCount.status, func.sum(CaseStatusCount.n))
        .where(CaseStatusCount.team_id.in_(ids)).group_by(CaseStatusCount.status))
    return {status: int(total or 0) for status, total in rows}
