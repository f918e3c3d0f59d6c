"""The foundation path: a web report reaches the right queue, encrypted; a
caseworker reads and answers it; the reporter reads the answer."""

from __future__ import annotations

import re

from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, CaseQueue, Message
from hotline.extensions import db
from hotline.staff.models import Team
from tests.conftest import csrf_from, staff_login, submit_web_report

SPANISH = ("Me quitaron el pasaporte y trabajo catorce horas al día en una granja. "
           "No me pagan y no puedo salir. Mi número es +52 55 1234 5678.")


def _case(app, code: str) -> Case:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.case_code == code))
        db.session.expunge(case)
        return case


def _queues(app, case_id: int) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(
            select(Team.slug).join(CaseQueue, CaseQueue.team_id == Team.id)
            .where(CaseQueue.case_id == case_id)))


def test_report_is_routed_classified_and_sealed(app, client, admin):
    code, passphrase = submit_web_report(client, SPANISH, lang="es")
    case = _case(app, code)
    assert case.language == "es"
    assert case.channel == "web"
    assert case.category == "labour"
    assert _queues(app, case.id) == {"survivor-support"}
    with app.app_context():
        message = db.session.scalar(select(Message).where(Message.case_id == case.id))
        assert b"pasaporte" not in message.body
        assert b"pasaporte" not in (message.redacted_body or b"")
        assert case.receipt_hash and passphrase not in case.receipt_hash
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "report.received" in actions


def test_consent_decides_law_enforcement_queue(app, client, admin):
    code_support, _ = submit_web_report(client, "They locked us in the factory.", consent="support")
    code_police, _ = submit_web_report(client, "They locked us in the factory.",
                                       consent="police_redacted")
    assert _queues(app, _case(app, code_support).id) == {"survivor-support"}
    assert _queues(app, _case(app, code_police).id) == {"survivor-support", "law-enforcement"}


def test_caseworker_reads_and_replies_reporter_reads_reply(app, client, admin, make_staff):
    code, passphrase = submit_web_report(client, SPANISH, lang="es")
    worker = make_staff("ana", "caseworker", ["survivor-support"])
    staff = app.test_client()
    staff_login(staff, worker)
    queue = staff.get("/console/").get_data(as_text=True)
    assert code in queue
    case = _case(app, code)
    page = staff.get(f"/console/cases/{case.id}")
    html = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert "pasaporte" in html
    assert "pasaporte" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    response = staff.post(f"/console/cases/{case.id}/reply", data={
        "csrf_token": csrf_from(html), "text": "Estamos aquí para ayudarte. ¿Estás a salvo ahora?"})
    assert response.status_code == 302
    response = staff.post(f"/console/cases/{case.id}/status", data={
        "csrf_token": csrf_from(html), "status": "closed", "close_reason": "resolved"})
    assert _case(app, code).status == "closed"

    reporter = app.test_client()
    login_page = reporter.get("/inbox").get_data(as_text=True)
    response = reporter.post("/inbox", data={"csrf_token": csrf_from(login_page),
                                             "case_code": code, "passphrase": passphrase})
    assert response.status_code == 302
    inbox = reporter.get("/inbox/messages").get_data(as_text=True)
    assert "Estamos aquí para ayudarte" in inbox
    assert "pasaporte" in inbox

    response = reporter.post("/inbox/messages", data={
        "csrf_token": csrf_from(inbox), "text": "Sí, estoy a salvo. Gracias."})
    assert "Gracias" in response.get_data(as_text=True)
    assert _case(app, code).status == "in_progress"  # a follow-up reopens

    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).where(
            AuditEntry.case_id == case.id).order_by(AuditEntry.id)).all()
    assert actions == ["report.received", "case.read", "case.reply", "case.status",
                       "report.followup"]


def test_wrong_passphrase_does_not_open_inbox_and_locks(app, client, admin):
    code, passphrase = submit_web_report(client, "Someone took my documents.")
    reporter = app.test_client()
    for _ in range(10):
        page = reporter.get("/inbox").get_data(as_text=True)
        response = reporter.post("/inbox", data={"csrf_token": csrf_from(page),
                                                 "case_code": code, "passphrase": "wrong words"})
        assert response.status_code == 200
        assert "do not match" in response.get_data(as_text=True)
    page = reporter.get("/inbox").get_data(as_text=True)
    response = reporter.post("/inbox", data={"csrf_token": csrf_from(page),
                                             "case_code": code, "passphrase": passphrase})
    assert response.status_code == 200, "locked after ten failures, even for the right receipt"


def test_law_enforcement_cannot_see_unconsented_report(app, client, admin, make_staff):
    code, _ = submit_web_report(client, "My cousin is held in a house, call me +1 415 555 0100.")
    consented, _ = submit_web_report(client, "Trafficker calls from +1 415 555 0199 every night.",
                                     consent="police_redacted")
    officer = make_staff("olu", "le_triage", ["law-enforcement"])
    police = app.test_client()
    staff_login(police, officer)
    queue = police.get("/console/").get_data(as_text=True)
    assert code not in queue
    assert consented in queue
    hidden = _case(app, code)
    response = police.get(f"/console/cases/{hidden.id}")
    assert response.status_code == 404
    assert "cousin" not in response.get_data(as_text=True)
    visible = police.get(f"/console/cases/{_case(app, consented).id}").get_data(as_text=True)
    assert "Trafficker calls" in visible
    assert "555 0199" not in visible, "law enforcement sees the redacted copy"
    assert "Redacted copy" in visible


def test_form_rejects_missing_csrf_and_empty_report(app, client, admin):
    response = client.post("/", data={"what_happened": "x", "reporter_role": "victim",
                                      "safe_to_contact": "no", "consent": "support"})
    assert response.status_code == 400
    page = client.get("/").get_data(as_text=True)
    response = client.post("/", data={"csrf_token": csrf_from(page), "what_happened": "   ",
                                      "reporter_role": "victim", "safe_to_contact": "no",
                                      "consent": "support"})
    assert response.status_code == 200
    assert "Please tell us what happened" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Case.id)) is None


def test_security_headers_and_language_choice(app, client, admin):
    response = client.get("/?lang=es")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    html = response.get_data(as_text=True)
    assert 'lang="es"' in html and "Salir de esta página" in html
    assert 'dir="rtl"' in client.get("/?lang=ar").get_data(as_text=True)
    fresh = app.test_client()
    html = fresh.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).get_data(as_text=True)
    assert 'lang="fr"' in html
    assert not re.search(r'(src|href)="https?://(?!www\.bbc\.co\.uk)', html), "no third-party requests"


def test_console_requires_login(app, client, admin):
    response = client.get("/console/")
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]
