"""The statistics dashboard, its charts, and the CSV and JSON downloads.

The page shows server-rendered SVG charts (``<img>``, no JavaScript) with
the same tables as text beside them. Every figure comes from the
k-anonymous tables; the weekly chart is for supervisors only and is not in
the downloads (see ``stats.weekly_by_channel``). Counting reads every case,
so the counts are kept per app for ``CACHE_SECONDS``: the page and its
charts, fetched together, show the same numbers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Final

from flask import Response, abort, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.audit.log import append as audit
from hotline.console.blueprint import current_user, settings
from hotline.console.policy import require
from hotline.exports import charts
from hotline.exports.blueprint import blueprint
from hotline.exports.labels import TABLE_TITLES, labeller, value_label
from hotline.exports.stats import (
    Counts,
    count_cases,
    current_month,
    export_meta,
    published_tables,
    tables_by_name,
    weekly_by_channel,
)
from hotline.exports.tables import Table, csv_chunks, json_chunks
from hotline.extensions import db
from hotline.i18n import text_direction

CACHE_SECONDS: Final = 30
CACHE_KEY: Final = "hotline_stats_counts"
CHARTS: Final = ("weekly_channel", "language", "first_response", "category")
SVG_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'"


def _counts() -> Counts:
    cached = current_app.extensions.get(CACHE_KEY)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    counts = count_cases(db.session)
    db.session.commit()
    current_app.extensions[CACHE_KEY] = (time.monotonic(), counts)
    return counts


def _now() -> datetime:
    return datetime.now(UTC)


def _tables() -> dict[str, Table]:
    counts = _counts()
    tables = tables_by_name(published_tables(counts, current_month(_now())))
    tables["weekly_channel"] = weekly_by_channel(counts)
    return tables


@blueprint.route("/stats")
@require("stats.view")
def stats_page() -> ResponseReturnValue:
    tables = _tables()
    order = [*CHARTS, *(name for name in tables if name not in CHARTS)]
    return render_template("exports/stats.html", tables=[tables[name] for name in order],
                           charts=CHARTS, titles=TABLE_TITLES, value_label=value_label)


def _chart(name: str, table: Table) -> bytes:
    title = str(TABLE_TITLES[name])
    empty = _("Too few reports to show without risk of identifying anyone.")
    if name == "weekly_channel":
        return charts.stacked_chart(table, title, labeller(name), _("Withheld"), empty,
                                    _("Reports"))
    return charts.totals_chart(table, title, labeller(name), empty, _("Reports"),
                               rtl=text_direction() == "rtl")


@blueprint.route("/stats/chart/<name>.svg")
@require("stats.view")
def stats_chart(name: str) -> ResponseReturnValue:
    if name not in CHARTS:
        abort(404)
    response = Response(_chart(name, _tables()[name]), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


def _download(body: Iterator[str], mimetype: str, filename: str) -> Response:
    """Streamed: the tables are built already; the generators only format
    them, so they need no request context while the body is sent."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _exported(fmt: str, tables: list[Table]) -> None:
    """Every export is audited (DESIGN.md invariant 5): format and sizes only."""
    audit(db.session, settings().pepper, "stats.exported", actor_kind="staff",
          actor_id=current_user().id, details={
              "format": fmt, "tables": sum(1 for table in tables if not table.empty)})
    db.session.commit()


@blueprint.route("/stats/statistics.csv")
@require("stats.view")
def stats_csv() -> ResponseReturnValue:
    tables = published_tables(_counts(), current_month(_now()))
    _exported("csv", tables)
    return _download(csv_chunks(tables), "text/csv", "statistics.csv")


@blueprint.route("/stats/statistics.json")
@require("stats.view")
def stats_json() -> ResponseReturnValue:
    tables = published_tables(_counts(), current_month(_now()))
    _exported("json", tables)
    return _download(json_chunks(tables, export_meta()), "application/json", "statistics.json")
