"""Measure the console's queue page and case page on the seeded database.

    .venv/bin/python -m benchmarks.console.seed --reports 1000000
    .venv/bin/python -m benchmarks.console.bench [--requests 100]

Server time is the in-process time of a full request through the real app
(WSGI, session and key-session load, policy, queries, template, commit),
measured around Flask's test client: no network, no browser. Each queue
scenario is measured at several page depths; the keyset cursor for a depth
is computed up front with an (untimed) OFFSET query in the same order and
sealed with the app's secret key, like the "Older cases" link.
Prints a Markdown table and writes the raw figures to ``--json``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

import pyotp
from sqlalchemy import select

from benchmarks.console.seed import STATE, bench_settings

PAGE = 50
DEPTHS = (0, 10, 100, 1000, 5000)
SCENARIOS: list[tuple[str, str, dict[str, str]]] = [
    ("all cases", "staff01", {}),
    ("status=new", "staff01", {"status": "new"}),
    ("status=in_progress, language=es", "staff01", {"status": "in_progress", "language": "es"}),
    ("channel=sms, category=labour, urgent=no", "staff01",
     {"channel": "sms", "category": "labour", "urgent": "no"}),
    ("assignee=me", "staff01", {"assignee": "me"}),
    ("assignee=none, status=new", "staff01", {"assignee": "none", "status": "new"}),
    ("status=new, one month", "staff01", {"status": "new", "from": "MONTH_START",
                                          "to": "MONTH_END"}),
    ("police queue (15% of cases)", "staff00", {}),
    ("police: status=new, language=ar", "staff00", {"status": "new", "language": "ar"}),
    ("rare: language=sw, channel=voice, category=drugs", "staff01",
     {"language": "sw", "channel": "voice", "category": "drugs"}),
]


def _login(app, username: str, person: dict[str, object]):
    from hotline.extensions import db
    from hotline.staff.models import StaffUser

    client = app.test_client()

    def token(path: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                         client.get(path).get_data(as_text=True)).group(1)

    client.post("/console/login", data={"csrf_token": token("/console/login"),
                                        "username": username, "password": "bench password 1"})
    with app.app_context():
        db.session.get(StaffUser, person["id"]).totp_last_step = None
        db.session.commit()
    response = client.post("/console/login/code", data={
        "csrf_token": token("/console/login/code"),
        "code": pyotp.TOTP(str(person["totp"])).now()})
    assert response.status_code == 302, "sign-in failed"
    return client


def _cursor(app, user_id: int, args: dict[str, str], depth: int) -> str | None:
    """The cursor that opens page ``depth`` (untimed OFFSET query)."""
    from hotline.cases.models import Case
    from hotline.console.policy import team_ids
    from hotline.console.queue import Cursor, Filters, _filtered
    from hotline.extensions import db
    from hotline.staff.models import StaffUser

    if depth == 0:
        return ""
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        query = _filtered(team_ids(db.session, user), Filters.parse(args), user_id)
        row = db.session.execute(query.order_by(Case.urgent.desc(), Case.created_at.desc(),
                                                Case.id.desc())
                                 .offset(depth * PAGE - 1).limit(1)).first()
        db.session.rollback()
    secret_key = app.config["HOTLINE_SETTINGS"].secret_key
    return None if row is None else Cursor(row.urgent, row.created_at, row.id).encode(secret_key)


def _time(client, url: str, requests: int) -> dict[str, float]:
    for _ in range(5):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
            "max_ms": round(samples[-1], 2)}


def _time_query(app, user_id: int, filters: dict[str, str], cursor: str,
                requests: int) -> dict[str, float]:
    """The queue's SQL alone (``console.queue.queue``), for the same page."""
    from hotline.console.policy import team_ids
    from hotline.console.queue import Cursor, Filters, queue
    from hotline.extensions import db
    from hotline.staff.models import StaffUser

    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        teams, parsed, after = team_ids(db.session, user), Filters.parse(filters), \
            Cursor.decode(cursor, app.config["HOTLINE_SETTINGS"].secret_key)
        samples = []
        for n in range(requests + 5):
            started = time.perf_counter()
            queue(db.session, teams, parsed, user_id, after=after)
            if n >= 5:
                samples.append((time.perf_counter() - started) * 1000)
        db.session.rollback()
    samples.sort()
    return {"sql_median_ms": round(statistics.median(samples), 2),
            "sql_p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--json", type=Path, default=Path("/tmp/hotline-console-bench.json"))
    args = parser.parse_args()
    from urllib.parse import urlencode

    from hotline import create_app
    from hotline.cases.models import Case
    from hotline.extensions import db

    state = json.loads(STATE.read_text())
    app = create_app(bench_settings(state["secrets"]))
    people = state["world"]["people"]
    clients = {name: _login(app, name, people[name]) for name in ("staff00", "staff01")}
    with app.app_context():
        newest = db.session.scalar(select(Case.created_at).order_by(Case.created_at.desc())
                                   .limit(1))
    month = {"MONTH_START": (newest.date().replace(day=1)).isoformat(),
             "MONTH_END": newest.date().isoformat()}
    results = []
    print("| scenario | page depth | page median ms | page p99 ms | page max ms | SQL median ms "
          "| SQL p99 ms |\n|---|---:|---:|---:|---:|---:|---:|")
    for name, username, filters in SCENARIOS:
        filters = {key: month.get(value, value) for key, value in filters.items()}
        for depth in DEPTHS:
            cursor = _cursor(app, people[username]["id"], filters, depth)
            if cursor is None:
                continue
            query = {**filters, **({"after": cursor} if cursor else {})}
            figures = _time(clients[username], f"/console/?{urlencode(query)}", args.requests)
            figures.update(_time_query(app, people[username]["id"], filters, cursor,
                                       args.requests))
            results.append({"scenario": name, "depth": depth, **figures})
            print(f"| {name} | {depth} | {figures['median_ms']} | {figures['p99_ms']} | "
                  f"{figures['max_ms']} | {figures['sql_median_ms']} | {figures['sql_p99_ms']} |",
                  flush=True)
    real = state["real"]
    samples = []
    for n in range(max(args.requests, len(real))):
        case_id = real[n % len(real)]
        started = time.perf_counter()
        response = clients["staff01"].get(f"/console/cases/{case_id}")
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and "passports" in response.get_data(as_text=True)
    samples.sort()
    opened = {"scenario": "open a case (decrypt + audit)", "depth": 0,
              "median_ms": round(statistics.median(samples), 2),
              "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
              "max_ms": round(samples[-1], 2)}
    results.append(opened)
    print(f"| {opened['scenario']} | - | {opened['median_ms']} | {opened['p99_ms']} | "
          f"{opened['max_ms']} | | |")
    args.json.write_text(json.dumps({"reports": state["reports"], "results": results}, indent=1))


if __name__ == "__main__":
    main()
