"""Review finding 4: withdrawn or narrowed police consent applies to every
later message. A law-enforcement queue that holds a case by consent gets
nothing new once consent is withdrawn, and only the redacted copy once it
no longer covers the full text; a supervisor's override keeps its
(redacted) copy."""

from __future__ import annotations

from sqlalchemy import select

from hotline.cases.models import Case, Message, WrappedKey
from hotline.channels.sms.models import SmsConversation
from hotline.extensions import db
from tests.conftest import csrf_from, make_report, post_form, signed_in, submit_web_report
from tests.integration.test_console_escalation import _escalate, _no_police_rule, _police

US = "+12025550143"
REPORT = "They took my passport and keep us locked in the farm house at night"
LATER = "They moved us to the house behind the petrol station, call +44 7700 900123"


def newest_wraps(app, case_id: int) -> set[tuple[str, str]]:
    with app.app_context():
        message = db.session.scalars(select(Message).where(Message.case_id == case_id)
                                     .order_by(Message.created_at.desc())).first()
        return {(row.recipient, row.part) for row in db.session.scalars(
            select(WrappedKey).where(WrappedKey.message_id == message.id))}


def test_sms_consent_withdrawn_by_no_stops_new_messages_to_police(sms, app, admin):
    sms.text(US, REPORT)
    sms.text(US, "yes")
    with app.app_context():
        case_id = db.session.scalar(select(SmsConversation.case_id))
    team_id, key_id = _police(app)
    assert _escalate(signed_in(app, admin), case_id, team_id=team_id).status_code == 302
    sms.text(US, "They came back last night")
    assert (f"team-key:{key_id}", "redacted") in newest_wraps(app, case_id)
    sms.text(US, "POLICE")
    sms.text(US, "no")
    with app.app_context():
        assert not db.session.get(Case, case_id).consent_law_enforcement
    sms.text(US, LATER)
    assert not any(recipient == f"team-key:{key_id}"
                   for recipient, _ in newest_wraps(app, case_id))


def _inbox_follow_up(app, code: str, passphrase: str, text: str) -> None:
    reporter = app.test_client()
    page = reporter.get("/inbox").get_data(as_text=True)
    response = reporter.post("/inbox", data={"csrf_token": csrf_from(page), "case_code": code,
                                             "passphrase": passphrase})
    assert response.status_code == 302
    inbox = reporter.get("/inbox/messages").get_data(as_text=True)
    reporter.post("/inbox/messages", data={"csrf_token": csrf_from(inbox), "text": text})


def _case_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Case.id).where(Case.case_code == code))


def test_full_consent_narrowed_to_redacted_sends_police_the_redacted_copy(app, client, admin,
                                                                          make_staff):
    code, passphrase = submit_web_report(client, REPORT, consent="police_full")
    case_id = _case_id(app, code)
    _, key_id = _police(app)
    police = f"team-key:{key_id}"
    assert (police, "full") in newest_wraps(app, case_id)
    worker = signed_in(app, make_staff("cai", "caseworker", ["survivor-support"]))
    response = post_form(worker, f"/console/cases/{case_id}/refer",
                         f"/console/cases/{case_id}/consent",
                         {"recipient_type": "LawEnforcement", "scope": "redacted"})
    assert response.status_code == 302
    _inbox_follow_up(app, code, passphrase, LATER)
    wraps = newest_wraps(app, case_id)
    assert (police, "redacted") in wraps and (police, "full") not in wraps
    officer = signed_in(app, make_staff("oli", "le_triage", ["law-enforcement"]))
    html = officer.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "petrol station" in html and "900123" not in html

    response = post_form(worker, f"/console/cases/{case_id}/refer",
                         f"/console/cases/{case_id}/consent",
                         {"recipient_type": "LawEnforcement", "scope": "none"})
    assert response.status_code == 302
    _inbox_follow_up(app, code, passphrase, "Now they have a dog at the gate")
    assert not any(recipient == police for recipient, _ in newest_wraps(app, case_id))


def test_an_override_keeps_sending_the_redacted_copy(app, make_staff):
    _no_police_rule(app)
    case_id = make_report(app, REPORT)  # no consent
    team_id, key_id = _police(app)
    boss = signed_in(app, make_staff("sue", "supervisor", ["survivor-support"]))
    response = _escalate(boss, case_id, team_id=team_id, reason_code="danger_to_life",
                         reason_text="She said they will hurt her tonight")
    assert response.status_code == 302
    with app.app_context():
        from hotline.intake.pipeline import add_reporter_message

        add_reporter_message(db.session, app.config["HOTLINE_SETTINGS"],
                             db.session.get(Case, case_id), LATER)
        db.session.commit()
    wraps = newest_wraps(app, case_id)
    assert (f"team-key:{key_id}", "redacted") in wraps
    assert (f"team-key:{key_id}", "full") not in wraps


def test_an_sms_no_overrides_consent_a_caseworker_recorded(sms, app, admin):
    """The consent in force for referrals to police organisations follows the
    reporter's latest answer too, not an older caseworker record."""
    from hotline.exports.consent import LAW_ENFORCEMENT, consent_scope

    sms.text(US, REPORT)
    with app.app_context():
        case_id = db.session.scalar(select(SmsConversation.case_id))
    client = signed_in(app, admin)
    response = post_form(client, f"/console/cases/{case_id}/refer",
                         f"/console/cases/{case_id}/consent",
                         {"recipient_type": LAW_ENFORCEMENT, "scope": "full"})
    assert response.status_code == 302
    sms.text(US, "POLICE")
    sms.text(US, "no")
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert not case.consent_law_enforcement
        assert consent_scope(db.session, case, LAW_ENFORCEMENT) == "none"
    page = client.get(f"/console/cases/{case_id}/refer").get_data(as_text=True)
    assert 'data-type="LawEnforcement" data-scope="none"' in page
