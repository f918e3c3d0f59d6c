"""Statistics over a generated population, end to end: counted from the
database, downloaded as CSV and JSON from the console, written by
`hotline stats export`, and drawn as SVG charts. Every table is attacked by
linear programming (``assert_safe``) against the true counts; the CSV, the
JSON, the CLI files, the page's tables and the charts all carry the same
numbers."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotline.cases.models import Case, Message
from hotline.exports.models import CaseConsent
from hotline.exports.tables import Table
from hotline.extensions import db
from tests.conftest import cli_env, signed_in
from tests.unit.test_stats_suppression import assert_safe

SVG = "{http://www.w3.org/2000/svg}"
LANGUAGES = ["en"] * 10 + ["es"] * 5 + ["fr"] * 2 + ["ar"] * 2 + ["vi", None]
CATEGORIES = ["labour"] * 5 + ["sexual"] * 3 + ["forced_marriage", "drugs", "other", None]
CLOSE_REASONS = ["resolved", "referred_elsewhere", "no_contact", "duplicate", "other"]


def month_start(when: datetime, back: int) -> datetime:
    year, month = when.year, when.month - back
    while month <= 0:
        year, month = year - 1, month + 12
    return datetime(year, month, 1, tzinfo=UTC)


def seed_population(app, rng: random.Random, size: int, months: int) -> list[dict]:
    """Cases spread over the ``months`` complete months before this one."""
    now = datetime.now(UTC)
    first = month_start(now, months)
    span = (month_start(now, 0) - first).total_seconds()
    records = []
    with app.app_context():
        for index in range(size):
            created = first + timedelta(seconds=rng.random() * span * rng.random() ** 0.3)
            status = rng.choice(["new", "in_progress", "referred", "closed", "closed"])
            record = {
                "created": created, "channel": rng.choice(["web"] * 6 + ["sms"] * 3 + ["voice"]),
                "language": rng.choice(LANGUAGES), "category": rng.choice(CATEGORIES),
                "urgent": rng.random() < 0.15, "status": status,
                "close_reason": rng.choice(CLOSE_REASONS) if status == "closed" else None,
                "police": rng.choice(["none", "none", "redacted", "full"]),
                "partner": rng.choice(["none", "none", "redacted", "full"]),
                "reply_after": rng.choice([None, 0.5, 5, 30, 100, 400]),
            }
            case = Case(case_code=f"P{index:011d}", channel=record["channel"],
                        language=record["language"], category=record["category"],
                        urgent=record["urgent"], status=status,
                        close_reason=record["close_reason"],
                        consent_law_enforcement=record["police"] != "none",
                        consent_full_text=record["police"] == "full",
                        created_at=created, updated_at=created)
            db.session.add(case)
            db.session.flush()
            if record["reply_after"] is not None:
                db.session.add(Message(id=str(uuid.uuid4()), case_id=case.id, kind="reply",
                                       body=b"-", created_at=created + timedelta(
                                           hours=record["reply_after"])))
            if record["partner"] != "none":
                db.session.add(CaseConsent(case_id=case.id, recipient_type="NGO",
                                           scope=record["partner"], source="web"))
            records.append(record)
        db.session.commit()
    return records


def true_value(record: dict, table: str) -> str:
    reply = record["reply_after"]
    return {
        "channel": record["channel"], "language": record["language"] or "unknown",
        "category": record["category"] or "unknown",
        "urgency": "urgent" if record["urgent"] else "not_urgent",
        "outcome": (f"closed_{record['close_reason']}" if record["status"] == "closed"
                    else "referred" if record["status"] == "referred" else "open"),
        "consent_police": record["police"], "consent_partner": record["partner"],
        "first_response": ("no_reply" if reply is None else "under_1h" if reply < 1
                           else "1h_to_1d" if reply < 24 else "1d_to_7d" if reply < 168
                           else "over_7d"),
    }[table]


def months_of(label: str) -> list[str]:
    first, _, last = label.partition("/")
    last = last or first
    found, year, month = [], int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def as_table(data: dict) -> Table:
    return Table(data["name"], tuple(data["periods"]), tuple(data["values"]),
                 tuple(tuple(row) for row in data["cells"]), tuple(data["period_totals"]),
                 tuple(data["value_totals"]), data["total"])


def truth(records: list[dict], table: Table) -> list[list[int]]:
    period_of = {month: r for r, label in enumerate(table.rows) for month in months_of(label)}
    matrix = [[0] * len(table.columns) for _ in table.rows]
    for record in records:
        value = true_value(record, table.name)
        column = value if value in table.columns else "other"
        matrix[period_of[record["created"].strftime("%Y-%m")]][table.columns.index(column)] += 1
    return matrix


def csv_numbers(text: str) -> dict[tuple[str, str, str], int | None]:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and set(rows[0]) == {"table", "period", "value", "count", "suppressed"}
    return {(row["table"], row["period"], row["value"]):
            None if row["suppressed"] == "1" else int(row["count"]) for row in rows}


def json_numbers(document: dict) -> dict[tuple[str, str, str], int | None]:
    numbers = {}
    for data in document["tables"]:
        name = data["name"]
        for r, period in enumerate(data["periods"]):
            for c, value in enumerate(data["values"]):
                numbers[(name, period, value)] = data["cells"][r][c]
            numbers[(name, period, "total")] = data["period_totals"][r]
        for c, value in enumerate(data["values"]):
            numbers[(name, "total", value)] = data["value_totals"][c]
        numbers[(name, "total", "total")] = data["total"]
    return numbers


def bars(svg: bytes, table: str) -> dict[str, tuple[int | None, float, float]]:
    """Bar id -> (number in the id, width, height) read from the SVG."""
    found = {}
    for group in ElementTree.fromstring(svg).iter(f"{SVG}g"):
        gid = group.get("id", "")
        match = re.fullmatch(rf"([vw])-{table}-(\w+)-(\d+)-?(\w*)", gid)
        if not match:
            continue
        points = [float(n) for path in group.iter(f"{SVG}path")
                  for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        xs, ys = points[0::2], points[1::2]
        number = match.group(4) if match.group(1) == "v" else match.group(3)
        found[gid] = (None if number == "w" else int(number), max(xs) - min(xs),
                      max(ys) - min(ys))
    return found


def assert_proportional(pairs: list[tuple[int, float]]) -> None:
    """Bar lengths are one scale times the numbers they show."""
    scales = [length / number for number, length in pairs if number]
    assert scales and max(scales) - min(scales) < 0.01 * max(scales), pairs


@pytest.fixture
def population(app):
    return seed_population(app, random.Random(20261122), 900, 14)


def test_published_tables_are_k_anonymous_and_agree_everywhere(app, admin, make_staff,
                                                               population, tmp_path):
    supervisor = signed_in(app, make_staff("sup-stats", "supervisor", ["survivor-support"]))
    csv_response = supervisor.get("/console/stats/statistics.csv")
    assert csv_response.status_code == 200 and csv_response.is_streamed
    assert csv_response.mimetype == "text/csv"
    json_response = supervisor.get("/console/stats/statistics.json")
    document = json.loads(json_response.get_data(as_text=True))
    assert document["k"] == 11
    from_csv = csv_numbers(csv_response.get_data(as_text=True))
    assert from_csv == json_numbers(document)

    names = [data["name"] for data in document["tables"]]
    assert names == ["channel", "language", "category", "urgency", "outcome",
                     "consent_police", "consent_partner", "first_response"]
    withheld = 0
    for data in document["tables"]:
        table = as_table(data)
        assert not table.empty and table.total == len(population)
        for label in table.rows:
            assert re.fullmatch(r"\d{4}-\d{2}(/\d{4}-\d{2})?", label), "months or coarser"
        assert_safe(table, truth(population, table))
        withheld += sum(value is None for row in table.cells for value in row)
    assert withheld > 0, "the population must exercise suppression"

    for name in ("language", "category", "first_response"):
        svg = supervisor.get(f"/console/stats/chart/{name}.svg")
        assert svg.mimetype == "image/svg+xml"
        drawn = bars(svg.get_data(), name)
        data = next(d for d in document["tables"] if d["name"] == name)
        assert sorted(n for n, _w, _h in drawn.values()) == sorted(data["value_totals"])
        assert_proportional([(n, width) for n, width, _h in drawn.values()])

    # The CLI writes the very same files.
    env = cli_env(app.config["HOTLINE_SETTINGS"])
    import hotline.exports.cli as stats_cli
    from hotline.cli import main

    stats_cli.LONG_RUN, long_run = 1, stats_cli.LONG_RUN
    try:
        result = CliRunner().invoke(main, ["stats", "export", "--out", str(tmp_path / "out")],
                                    env=env)
    finally:
        stats_cli.LONG_RUN = long_run
    assert result.exit_code == 0, result.output
    assert "Counting reports" in result.output
    assert (tmp_path / "out" / "statistics.csv").read_text() == csv_response.get_data(
        as_text=True)
    assert json.loads((tmp_path / "out" / "statistics.json").read_text()) == document


def test_weekly_dashboard_chart_matches_its_table(app, make_staff, population):
    supervisor = signed_in(app, make_staff("sup-weeks", "supervisor", ["survivor-support"]))
    page = supervisor.get("/console/stats").get_data(as_text=True)
    section = page.split('id="table-weekly_channel"', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<tr data-period="([^"]+)">(.*?)</tr>', section, re.S)
    assert len(rows) > 4 and all(re.fullmatch(r"\d{4}-W\d{2}(/\d{4}-W\d{2})?", p)
                                 for p, _ in rows)
    drawn = bars(supervisor.get("/console/stats/chart/weekly_channel.svg").get_data(),
                 "weekly_channel")
    pairs = []
    for r, (_period, cells) in enumerate(rows):
        numbers = re.findall(r"<td[^>]*>(.*?)</td>", cells)
        *values, total = numbers
        shown = 0
        for c, text in enumerate(values):
            gid = next(g for g in drawn if g.startswith(f"v-weekly_channel-{r}-{c}-"))
            number, _width, height = drawn[gid]
            if "visually-hidden" in text:
                assert number is None and height == 0, "a withheld cell is never drawn"
            else:
                assert number == int(text) >= 11
                pairs.append((number, height))
                shown += number
        rest = [v for g, v in drawn.items() if g.startswith(f"w-weekly_channel-{r}-")]
        if rest:
            assert rest[0][0] == int(total) - shown
            pairs.append((rest[0][0], rest[0][2]))
    assert_proportional(pairs)
    assert not any(data["name"].startswith("weekly") for data in json.loads(
        supervisor.get("/console/stats/statistics.json").get_data(as_text=True))["tables"])


def test_current_month_is_not_published(app, make_staff, population):
    from hotline.intake.model import Intake
    from hotline.intake.pipeline import submit_report

    before = json.loads(signed_in(app, make_staff("sup-a", "supervisor", ["survivor-support"]))
                        .get("/console/stats/statistics.json").get_data(as_text=True))
    with app.app_context():
        submit_report(db.session, app.config["HOTLINE_SETTINGS"],
                      Intake(channel="web", text="A new report this month."),
                      issue_receipt=False)
        db.session.commit()
    app.extensions.pop("hotline_stats_counts", None)
    after = json.loads(signed_in(app, make_staff("sup-b", "supervisor", ["survivor-support"]))
                       .get("/console/stats/statistics.json").get_data(as_text=True))
    assert before == after


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(size=st.integers(5, 160), months=st.integers(1, 8), seed=st.integers(0, 2**16))
def test_any_small_population_is_safe(app, size, months, seed):
    """Small and lopsided populations: the hard case for suppression."""
    from hotline.exports.stats import count_cases, published_tables

    with app.app_context():
        db.session.query(CaseConsent).delete()
        db.session.query(Message).delete()
        db.session.query(Case).delete()
        db.session.commit()
    records = seed_population(app, random.Random(seed), size, months)
    with app.app_context():
        counts = count_cases(db.session)
    tables = published_tables(counts, datetime.now(UTC).strftime("%Y-%m"))
    for table in tables:
        if size < 11:
            assert table.empty
            continue
        assert table.total == size
        assert_safe(table, truth(records, table))
    assert Counter(table.empty for table in tables)[True] in (0, len(tables))
