"""Aggregate statistics: count cases by period and attribute, then publish
only k-anonymous tables (``tables.build_table``).

Only triage metadata in the clear is read (channel, language, category,
urgency, status, consent, dates): never text, never a location. Dates are
reduced to the month (the public tables) or the ISO week (the supervisors'
dashboard only, see ``weekly_by_channel``) as they are read. Duplicates
merged into another case are not counted again.

The population is read in batches (``yield_per``) and folded into counters,
so memory does not grow with the number of cases; ``progress`` is told how
many cases were read (the CLI draws a progress bar with it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hotline.cases.models import CHANNELS, Case, Message
from hotline.console.cases import CLOSE_REASONS
from hotline.exports.consent import NGO
from hotline.exports.models import CaseConsent
from hotline.exports.suppression import K, periods
from hotline.exports.tables import Table, build_table
from hotline.intake.classify import CATEGORIES
from hotline.intake.languages import ALL_LANGUAGES

UNKNOWN: Final = "unknown"
RESPONSE_BUCKETS: Final = ("under_1h", "1h_to_1d", "1d_to_7d", "over_7d", "no_reply")
OUTCOMES: Final = ("open", "referred", *(f"closed_{reason}" for reason in CLOSE_REASONS))
CONSENT_VALUES: Final = ("none", "redacted", "full")
# The published tables, in order, with the column order of each.
DIMENSIONS: Final[dict[str, tuple[str, ...]]] = {
    "channel": CHANNELS,
    "language": (*ALL_LANGUAGES, UNKNOWN),
    "category": (*CATEGORIES, UNKNOWN),
    "urgency": ("urgent", "not_urgent"),
    "outcome": OUTCOMES,
    "consent_police": CONSENT_VALUES,
    "consent_partner": CONSENT_VALUES,
    "first_response": RESPONSE_BUCKETS,
}
BATCH: Final = 5000


@dataclass
class Counts:
    """Counters over the population: by (month, value) per dimension, and
    by (ISO week, channel) for the dashboard."""

    cases: int = 0
    months: Counter[str] = field(default_factory=Counter)
    weeks: Counter[str] = field(default_factory=Counter)
    by_month: dict[str, Counter[tuple[str, str]]] = field(
        default_factory=lambda: {name: Counter() for name in DIMENSIONS})
    week_channel: Counter[tuple[str, str]] = field(default_factory=Counter)


def response_bucket(created: datetime, first_reply: datetime | None) -> str:
    if first_reply is None:
        return "no_reply"
    hours = (first_reply - created).total_seconds() / 3600
    if hours < 1:
        return "under_1h"
    if hours < 24:
        return "1h_to_1d"
    return "1d_to_7d" if hours < 24 * 7 else "over_7d"


def outcome(status: str, close_reason: str | None) -> str:
    if status == "closed":
        return f"closed_{close_reason}" if close_reason in CLOSE_REASONS else "closed_other"
    return "referred" if status == "referred" else "open"


def count_cases(session: Session, progress: Callable[[int], None] | None = None) -> Counts:
    partner = _partner_consent(session)
    first_reply = (select(Message.case_id, func.min(Message.created_at).label("first"))
                   .where(Message.kind == "reply").group_by(Message.case_id).subquery())
    query = (select(Case.id, Case.created_at, Case.channel, Case.language, Case.category,
                    Case.urgent, Case.status, Case.close_reason, Case.consent_law_enforcement,
                    Case.consent_full_text, first_reply.c.first)
             .outerjoin(first_reply, first_reply.c.case_id == Case.id)
             .where(Case.merged_into_id.is_(None))
             .execution_options(yield_per=BATCH))
    counts = Counts()
    seen = 0
    for row in session.execute(query):
        created: datetime = row.created_at
        month = created.strftime("%Y-%m")
        iso = created.isocalendar()
        week = f"{iso.year}-W{iso.week:02d}"
        police = ("full" if row.consent_full_text else "redacted") \
            if row.consent_law_enforcement else "none"
        values = {
            "channel": row.channel, "language": row.language or UNKNOWN,
            "category": row.category or UNKNOWN,
            "urgency": "urgent" if row.urgent else "not_urgent",
            "outcome": outcome(row.status, row.close_reason), "consent_police": police,
            "consent_partner": partner.get(row.id, "none"),
            "first_response": response_bucket(created, row.first),
        }
        counts.cases += 1
        counts.months[month] += 1
        counts.weeks[week] += 1
        for name, value in values.items():
            counts.by_month[name][(month, value)] += 1
        counts.week_channel[(week, row.channel)] += 1
        seen += 1
        if progress is not None and seen == BATCH:
            progress(seen)
            seen = 0
    if progress is not None and seen:
        progress(seen)
    return counts


def _partner_consent(session: Session) -> dict[int, str]:
    """The consent in force for partner NGOs, by case (the newest row wins)."""
    rows = session.execute(
        select(CaseConsent.case_id, CaseConsent.scope).where(CaseConsent.recipient_type == NGO)
        .order_by(CaseConsent.recorded_at, CaseConsent.id).execution_options(yield_per=BATCH))
    return {case_id: scope for case_id, scope in rows}


def published_tables(counts: Counts, before_month: str | None = None,
                     k: int = K) -> list[Table]:
    """The public tables: by month (or coarser), one per dimension.

    ``before_month`` ("YYYY-MM", normally the current month) leaves out
    the month still in progress: a table re-published every day would let a
    reader subtract yesterday's from today's and see single new reports.
    Publish snapshots of complete months, on a fixed schedule.
    """
    def keep(month: str) -> bool:
        return before_month is None or month < before_month

    months = Counter({month: n for month, n in counts.months.items() if keep(month)})
    shared = periods(months, k)
    return [build_table(name, Counter({key: n for key, n in counts.by_month[name].items()
                                       if keep(key[0])}), shared, order, k)
            for name, order in DIMENSIONS.items()]


def current_month(now: datetime) -> str:
    return now.strftime("%Y-%m")


def weekly_by_channel(counts: Counts, k: int = K) -> Table:
    """Reports per ISO week by channel, for the supervisors' dashboard only.

    Weeks cut across months, so publishing these next to the monthly tables
    would let a reader difference a week against a month and isolate a few
    days' reports. The table is k-suppressed like the others, but it is
    neither downloadable nor part of ``hotline stats export``.
    """
    return build_table("weekly_channel", counts.week_channel, periods(counts.weeks, k),
                       CHANNELS, k)


def tables_by_name(tables: list[Table]) -> dict[str, Table]:
    return {table.name: table for table in tables}


def export_meta(k: int = K) -> dict[str, object]:
    return {"k": k, "unit": "reports", "resolution": "month",
            "method": "periods merged to >= k; values under k merged into 'other'; cells "
                      "under k withheld with complementary suppression (cycles)"}
