"""Privacy invariant 1 and 2 on the web path, tested with canary strings.

Canaries in the report body may appear only inside ciphertext, so never as
bytes in the database file, the instance folder or the logs. Canaries in the
client address, User-Agent and cookies must appear nowhere at all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import text

from hotline.extensions import db
from tests.conftest import BACKEND, csrf_from, staff_login, submit_web_report

BODY_CANARY = "CANARYBODY7f3a9"
IP_CANARY = "203.0.113.77"
UA_CANARY = "CanaryAgent/9.9 (UAcanary5521)"
COOKIE_CANARY = "COOKIEcanary8812"


def _all_bytes(app) -> bytes:
    """Every stored byte we can reach: database rows (as text) and files."""
    chunks: list[bytes] = []
    with app.app_context():
        engine = db.engine
        if BACKEND == "sqlite":
            db_file = Path(engine.url.database)
            db.session.close()
            engine.dispose()
            for path in db_file.parent.glob(db_file.name + "*"):
                chunks.append(path.read_bytes())
        else:
            with engine.connect() as connection:
                tables = connection.execute(text(
                    "select tablename from pg_tables where schemaname='public'")).scalars().all()
                for table in tables:
                    for row in connection.execute(text(f'select * from "{table}"')):
                        chunks.append(repr(tuple(row)).encode())
    instance = Path(app.instance_path)
    for path in instance.rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes())
    return b"\n".join(chunks)


def test_canaries_never_stored_or_logged(app, admin, make_staff, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    headers = {
        "User-Agent": UA_CANARY,
        "X-Forwarded-For": IP_CANARY,
        "X-Real-IP": IP_CANARY,
        "Forwarded": f"for={IP_CANARY}",
        "Referer": f"https://example.org/?q={BODY_CANARY}",
        "Cookie": f"tracking={COOKIE_CANARY}",
    }
    reporter = app.test_client()
    reporter.environ_base.update({"REMOTE_ADDR": IP_CANARY, "HTTP_USER_AGENT": UA_CANARY})
    code, passphrase = submit_web_report(
        reporter, f"{BODY_CANARY} they keep us in the basement, call +1 415 555 0134",
        consent="police_redacted", headers=headers)
    worker = make_staff("caro", "caseworker", ["survivor-support"])
    staff = app.test_client()
    staff.environ_base.update({"REMOTE_ADDR": IP_CANARY, "HTTP_USER_AGENT": UA_CANARY})
    staff_login(staff, worker)
    from hotline.cases.models import Case

    with app.app_context():
        case_id = db.session.query(Case.id).filter(Case.case_code == code).scalar()
    html = staff.get(f"/console/cases/{case_id}", headers=headers).get_data(as_text=True)
    assert BODY_CANARY in html, "the caseworker can read it"
    staff.post(f"/console/cases/{case_id}/reply", headers=headers,
               data={"csrf_token": csrf_from(html), "text": f"reply {BODY_CANARY}"})
    page = reporter.get("/inbox", headers=headers).get_data(as_text=True)
    reporter.post("/inbox", headers=headers, data={
        "csrf_token": csrf_from(page), "case_code": code, "passphrase": passphrase})

    stored = _all_bytes(app)
    captured = capfd.readouterr()
    logs = (caplog.text + captured.out + captured.err).encode()
    for canary in (BODY_CANARY, IP_CANARY, UA_CANARY, "UAcanary5521", COOKIE_CANARY,
                   "415 555 0134", "4155550134", passphrase):
        needle = canary.encode()
        assert needle not in stored, f"{canary!r} found in stored bytes"
        assert needle not in logs, f"{canary!r} found in logs"


def test_app_never_sees_client_address(app, admin):
    seen = {}

    @app.route("/__probe")
    def probe():
        from flask import request

        seen["addr"] = request.remote_addr
        seen["ua"] = request.headers.get("User-Agent")
        seen["xff"] = request.headers.get("X-Forwarded-For")
        return "ok"

    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": IP_CANARY})
    client.get("/__probe", headers={"User-Agent": UA_CANARY, "X-Forwarded-For": IP_CANARY})
    assert seen == {"addr": "0.0.0.0", "ua": None, "xff": None}
