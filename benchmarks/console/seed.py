"""Seed a PostgreSQL database with N reports for the console benchmark.

    .venv/bin/python -m benchmarks.console.seed --reports 1000000

Creates (dropping any previous one) the database ``hotline_bench`` on
``$HOTLINE_BENCH_POSTGRES`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``),
migrates it, seeds teams and staff through the real code, then bulk-loads
the reports with COPY: one ``case_file`` row each (realistic triage
metadata), its queue rows (all in survivor-support, 15% also with law
enforcement), and one ``message`` + ``wrapped_key`` row each whose
ciphertext is a 32-byte DUMMY (nobody can or needs to decrypt those; they
give the tables and indexes their real size). A few real reports go through
the intake pipeline at the end so that opening a case decrypts for real.
Counting triggers are off during the load and the counts rebuilt after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

ADMIN_URL = os.environ.get("HOTLINE_BENCH_POSTGRES",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB_NAME = "hotline_bench"
STATE = Path(os.environ.get("HOTLINE_BENCH_STATE", "/tmp/hotline-bench-state.json"))

STATUSES = (("new", 20), ("triaged", 15), ("in_progress", 25), ("referred", 10), ("closed", 30))
LANGUAGES = (("en", 30), ("es", 20), ("fr", 12), ("ar", 10), ("pt", 6), ("ro", 5), ("uk", 5),
             ("ru", 4), ("vi", 4), ("sw", 2), (None, 2))
CHANNELS = (("web", 50), ("sms", 35), ("voice", 15))
CATEGORIES = (("labour", 35), ("sexual", 25), ("forced_marriage", 5), ("drugs", 10),
              ("other", 10), (None, 15))
STAFF = 20


def _pick(rng: random.Random, table: tuple[tuple[object, int], ...]) -> object:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def database_url() -> str:
    return make_url(ADMIN_URL).set(database=DB_NAME).render_as_string(hide_password=False)


def recreate_database() -> None:
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{DB_NAME}"'))
    admin.dispose()


def bench_settings(state: dict[str, str]):
    from hotline.settings import load_settings

    return load_settings({**state, "DATABASE_URL": database_url(), "HOTLINE_ENV": "testing",
                          "HOTLINE_ARGON2": "insecure-test",
                          "HOTLINE_INSTANCE": str(Path("/tmp/hotline-bench-instance"))})


def seed_people(app, state: dict[str, str]) -> dict[str, object]:
    from hotline.bootstrap import seed
    from hotline.console.totp import enrol_now
    from hotline.crypto import KemSuite
    from hotline.extensions import db
    from hotline.security import argon2_params
    from hotline.staff.models import Team
    from hotline.staff.operations import add_member, enroll_user

    with app.app_context():
        settings = app.config["HOTLINE_SETTINGS"]
        seeded = seed(db.session, settings)
        admin = seeded.admin
        teams = {t.slug: t for t in db.session.scalars(select(Team))}
        people = {}
        for n in range(STAFF):
            role, slug = ("le_triage", "law-enforcement") if n == 0 else ("caseworker",
                                                                          "survivor-support")
            enrolment = enroll_user(db.session, f"staff{n:02d}", role, argon2_params(settings),
                                    KemSuite(settings.kem_suite), password="bench password 1")
            add_member(db.session, teams[slug], enrolment.user, admin.user, admin.password)
            people[enrolment.user.username] = {"id": enrolment.user.id,
                                               "totp": enrol_now(db.session, settings,
                                                                 enrolment.user)}
        db.session.commit()
        return {"people": people, "support": teams["survivor-support"].id,
                "police": teams["law-enforcement"].id,
                "police_key": teams["law-enforcement"].keys[-1].id,
                "support_key": teams["survivor-support"].keys[-1].id}


def bulk_load(engine, reports: int, world: dict[str, object], seed: int = 5) -> None:
    rng = random.Random(seed)
    staff_ids = [person["id"] for person in world["people"].values()][1:]  # type: ignore[union-attr]
    now = datetime.now(UTC)
    dummy = b"\x01" + bytes(31)  # a DUMMY ciphertext: version byte + zeros
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("ALTER TABLE case_queue DISABLE TRIGGER USER")
        cursor.execute("ALTER TABLE case_file DISABLE TRIGGER USER")
        started = time.perf_counter()
        with cursor.copy("COPY case_file (id, case_code, channel, language, category, urgent, "
                         "status, reporter_role, safe_to_contact, consent_law_enforcement, "
                         "consent_full_text, created_at, updated_at, receipt_failures, "
                         "assignee_id, close_reason) FROM STDIN") as copy:
            for case_id in range(1, reports + 1):
                status = _pick(rng, STATUSES)
                created = now - timedelta(seconds=rng.randrange(730 * 86400))
                assignee = None if status == "new" or rng.random() < 0.4 else rng.choice(staff_ids)
                copy.write_row((case_id, f"9{case_id:09d}", _pick(rng, CHANNELS),
                                _pick(rng, LANGUAGES), _pick(rng, CATEGORIES),
                                rng.random() < 0.03, status, rng.choice(("victim", "witness")),
                                rng.random() < 0.7, case_id % 100 < 15, case_id % 100 < 5,
                                created, created, 0, assignee,
                                "resolved" if status == "closed" else None))
        print(f"  case_file: {reports} rows in {time.perf_counter() - started:.1f}s", flush=True)
        with cursor.copy("COPY case_queue (case_id, team_id, reason, redacted_only, created_at) "
                         "FROM STDIN") as copy:
            for case_id in range(1, reports + 1):
                copy.write_row((case_id, world["support"], "rule:bench", False, now))
                if case_id % 100 < 15:
                    copy.write_row((case_id, world["police"], "consent", True, now))
        with cursor.copy("COPY message (id, case_id, kind, created_at, body, redacted_body) "
                         "FROM STDIN") as copy:
            for case_id in range(1, reports + 1):
                copy.write_row((f"00000000-0000-4000-8000-{case_id:012d}", case_id, "report",
                                now, dummy, dummy))
        with cursor.copy("COPY wrapped_key (message_id, recipient, part, sealed_key) "
                         "FROM STDIN") as copy:
            for case_id in range(1, reports + 1):
                copy.write_row((f"00000000-0000-4000-8000-{case_id:012d}",
                                f"team-key:{world['support_key']}", "full", dummy))
        cursor.execute("SELECT setval(pg_get_serial_sequence('case_file', 'id'), %s)",
                       (reports,))
        cursor.execute("ALTER TABLE case_queue ENABLE TRIGGER USER")
        cursor.execute("ALTER TABLE case_file ENABLE TRIGGER USER")
        raw.commit()
        print(f"  all rows in {time.perf_counter() - started:.1f}s", flush=True)
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--real", type=int, default=20, help="real, decryptable reports")
    args = parser.parse_args()
    from hotline import create_app
    from hotline.console.counts import rebuild_counts
    from hotline.extensions import db, make_engine
    from hotline.intake.model import Intake
    from hotline.intake.pipeline import submit_report
    from hotline.migrate import upgrade
    from hotline.settings import encode_secret

    state = {name: encode_secret(secrets.token_bytes(32)) for name in (
        "HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}
    print(f"creating {DB_NAME} and migrating", flush=True)
    recreate_database()
    engine = make_engine(database_url())
    upgrade(engine)
    app = create_app(bench_settings(state))
    world = seed_people(app, state)
    print(f"bulk-loading {args.reports} reports (dummy ciphertexts)", flush=True)
    bulk_load(engine, args.reports, world)
    with app.app_context():
        settings = app.config["HOTLINE_SETTINGS"]
        real = []
        for n in range(args.real):
            submitted = submit_report(db.session, settings, Intake(
                channel="web", text=f"Real benchmark report {n}: they keep our passports and "
                f"we work every night at the farm. Call +44 7700 900{n:03d}.",
                consent_law_enforcement=n % 2 == 0), issue_receipt=False)
            real.append(submitted.case.id)
        rebuild_counts(db.session)
        db.session.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        started = time.perf_counter()
        connection.execute(text("VACUUM ANALYZE"))
        print(f"  VACUUM ANALYZE in {time.perf_counter() - started:.1f}s", flush=True)
    engine.dispose()
    STATE.write_text(json.dumps({"secrets": state, "world": world, "real": real,
                                 "reports": args.reports}, indent=1))
    STATE.chmod(0o600)
    print(f"done; state in {STATE}")


if __name__ == "__main__":
    main()
