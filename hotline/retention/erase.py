"""Delete cases for good: every dependent row, then their encrypted files.

Dependent rows are found from the schema itself (every foreign key that
leads, directly or through other rows, to ``case_file``), so a table another
package adds later is deleted with its case without a list here to forget
to update. Children go before parents. Two references are not foreign keys
and are handled by name: reporter key sessions (``key_session.case_id``)
and duplicates merged into a deleted case (re-pointed to nothing). The
audit log keeps its entries: they hold ids and codes, never content, and
the chain must not break.

Files are removed only after the deletion commits (``remove_files``): if
the process dies in between, what is left on disk is ciphertext whose keys
were in the deleted rows, and nothing can open it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Column, Table, delete, select, update
from sqlalchemy.orm import Session

from hotline.cases.models import Case
from hotline.db import Base, import_all_models
from hotline.keysession import KeySession

CHUNK = 500


@dataclass
class Erased:
    """What a deletion removed: row counts by table, and the files to remove
    once it has committed."""

    rows: Counter[str] = field(default_factory=Counter)
    blob_ids: list[str] = field(default_factory=list)
    packet_ids: list[str] = field(default_factory=list)

    def merge(self, other: Erased) -> None:
        self.rows.update(other.rows)
        self.blob_ids += other.blob_ids
        self.packet_ids += other.packet_ids


def _chunks(values: Sequence[object]) -> Iterable[list[object]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start:start + CHUNK])


def _children(table: Table) -> list[tuple[Table, Column[object], Column[object]]]:
    """(child table, its referencing column, the referenced column of ``table``)."""
    found = []
    for child in Base.metadata.sorted_tables:
        if child is table:
            continue
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk.parent, fk.column))
    return found


def _delete(session: Session, table: Table, column: Column[object], values: Sequence[object],
            erased: Erased, depth: int = 0) -> None:
    if not values or depth > 8:
        return
    for child, child_column, parent_column in _children(table):
        for chunk in _chunks(values):
            keys = list(session.scalars(select(parent_column).where(column.in_(chunk))))
            _delete(session, child, child_column, keys, erased, depth + 1)
    for chunk in _chunks(values):
        result = session.execute(delete(table).where(column.in_(chunk)))
        erased.rows[table.name] += result.rowcount or 0


def erase_cases(session: Session, case_ids: Sequence[int]) -> Erased:
    """Delete the cases and everything that hangs off them (flushed, not committed)."""
    from hotline.exports.models import Referral
    from hotline.media.models import Attachment

    erased = Erased()
    ids = sorted(set(case_ids))
    if not ids:
        return erased
    import_all_models()  # every table that can hang off a case must be known
    session.flush()
    for chunk in _chunks(ids):
        erased.blob_ids += session.scalars(select(Attachment.id).where(
            Attachment.case_id.in_(chunk)))
        erased.packet_ids += session.scalars(select(Referral.id).where(
            Referral.case_id.in_(chunk), Referral.packet_deleted_at.is_(None)))
        session.execute(update(Case).where(Case.merged_into_id.in_(chunk),
                                           Case.id.not_in(ids)).values(merged_into_id=None))
        # Duplicates being deleted together may point at each other.
        session.execute(update(Case).where(Case.id.in_(chunk)).values(merged_into_id=None))
        result = session.execute(delete(KeySession).where(KeySession.case_id.in_(chunk)))
        erased.rows[KeySession.__tablename__] += result.rowcount or 0
    case_table = Case.__table__
    assert isinstance(case_table, Table)
    _delete(session, case_table, case_table.c.id, ids, erased)
    session.expire_all()
    return erased


def remove_files(instance_path: Path, erased: Erased) -> int:
    """Delete the erased cases' attachment blobs and referral packets; after commit."""
    from hotline.exports.packet_files import delete_packet
    from hotline.media.blobs import blob_path

    removed = 0
    for blob_id in erased.blob_ids:
        path = blob_path(instance_path, blob_id)
        if path.is_file():
            path.unlink()
            removed += 1
    for referral_id in erased.packet_ids:
        removed += delete_packet(instance_path, referral_id)
    return removed
