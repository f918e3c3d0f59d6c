"""``hotline stats export``: the published statistics as files.

Writes ``statistics.csv`` and ``statistics.json``, exactly what the console
downloads offer (complete months only, k = 11 with complementary
suppression). Counting reads every case; on long runs a progress bar shows
how far it got.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import click

LONG_RUN: Final = 10_000  # cases; below this no progress bar is drawn


def _write(path: Path, chunks: object) -> None:
    temporary = path.with_suffix(path.suffix + ".partial")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:  # type: ignore[attr-defined]
            handle.write(chunk)
    os.replace(temporary, path)


@click.group()
def stats() -> None:
    """Aggregate statistics that can never single anyone out (k = 11)."""


@stats.command("export")
@click.option("--out", "out", required=True,
              type=click.Path(file_okay=False, writable=True, path_type=Path),
              help="Folder to write statistics.csv and statistics.json into.")
def export(out: Path) -> None:
    """Write the published tables as CSV and JSON."""
    from sqlalchemy import func, select

    from hotline.cases.models import Case
    from hotline.cli import _app
    from hotline.db import utcnow
    from hotline.exports.stats import count_cases, current_month, export_meta, published_tables
    from hotline.exports.tables import csv_chunks, json_chunks
    from hotline.extensions import db

    app = _app()
    with app.app_context():
        total = db.session.scalar(select(func.count(Case.id))) or 0
        if total >= LONG_RUN:
            with click.progressbar(length=total, label="Counting reports") as bar:
                counts = count_cases(db.session, progress=bar.update)
        else:
            counts = count_cases(db.session)
        db.session.rollback()
    tables = published_tables(counts, current_month(utcnow()))
    with app.app_context():
        from hotline.audit.log import append as audit

        audit(db.session, app.config["HOTLINE_SETTINGS"].pepper, "stats.exported",
              details={"format": "files", "tables": sum(1 for t in tables if not t.empty)})
        db.session.commit()
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "statistics.csv", csv_chunks(tables))
    _write(out / "statistics.json", json_chunks(tables, export_meta()))
    published = sum(1 for table in tables if not table.empty)
    click.echo(f"Wrote {out / 'statistics.csv'} and {out / 'statistics.json'}: "
               f"{published} of {len(tables)} tables have enough reports to publish.")
