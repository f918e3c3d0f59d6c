"""A reporter deletes their report: contact data goes at once; the content
goes too unless a caseworker already referred it, and the page says which.
The SMS channel calls the same domain function for its DELETE keyword."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import func, select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, Message, WrappedKey
from hotline.extensions import db
from hotline.keysession import KeySession
from hotline.staff.models import StaffUser
from tests.conftest import csrf_from, submit_web_report


def open_inbox(client, code: str, passphrase: str) -> None:
    page = client.get("/inbox")
    response = client.post("/inbox", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                           "case_code": code, "passphrase": passphrase})
    assert response.status_code == 302


def delete(client, passphrase: str):
    page = client.get("/inbox/delete")
    assert page.status_code == 200
    return client.post("/inbox/delete", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "passphrase": passphrase})


def case_id_for(app, code: str) -> int | None:
    with app.app_context():
        return db.session.scalar(select(Case.id).where(Case.case_code == code))


def refer_row(app, case_id: int) -> None:
    from hotline.db import utcnow
    from hotline.exports.models import Organisation, Referral

    with app.app_context():
        org = Organisation(name="NGO", org_type="NGO", public_key="-", fingerprint="0" * 40)
        db.session.add(org)
        db.session.flush()
        db.session.add(Referral(id=str(uuid.uuid4()), case_id=case_id, organisation_id=org.id,
                                basis="consent", scope="redacted", referral_reason="Other",
                                fingerprint="0" * 40, packet_sha256="0" * 64,
                                created_by=db.session.scalar(select(StaffUser.id)),
                                expires_at=utcnow()))
        db.session.commit()


def test_delete_my_report_when_nothing_was_referred(app, admin):
    client = app.test_client()
    code, passphrase = submit_web_report(client, "Please help, they keep us locked in.")
    case_id = case_id_for(app, code)
    open_inbox(client, code, passphrase)
    assert 'id="delete-report"' in client.get("/inbox/messages").get_data(as_text=True)

    wrong = delete(client, "not the passphrase at all")
    assert "Nothing was deleted" in wrong.get_data(as_text=True)
    assert case_id_for(app, code) == case_id

    done = delete(client, passphrase)
    assert 'data-content-kept="no"' in done.get_data(as_text=True)
    assert case_id_for(app, code) is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Message.case_id == case_id)) == 0
        assert db.session.scalar(select(func.count()).where(KeySession.case_id == case_id)) == 0
        entry = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "reporter.deleted"))
        assert entry.case_id is None and json.loads(entry.details)["content_kept"] is False
    assert client.get("/inbox/messages").status_code == 302, "the inbox session is gone"
    again = app.test_client()
    page = again.get("/inbox")
    response = again.post("/inbox", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                          "case_code": code, "passphrase": passphrase})
    assert response.status_code == 200, "the receipt no longer opens anything"


def test_delete_my_report_after_a_referral_keeps_the_content(app, admin):
    client = app.test_client()
    code, passphrase = submit_web_report(client, "They took our passports at the farm.")
    case_id = case_id_for(app, code)
    refer_row(app, case_id)
    open_inbox(client, code, passphrase)
    done = delete(client, passphrase)
    assert 'data-content-kept="yes"' in done.get_data(as_text=True)
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case is not None and case.receipt_hash is None
        assert case.reporter_public_key is None and case.reporter_private_key_wrapped is None
        assert not case.safe_to_contact
        assert db.session.scalar(select(func.count()).where(Message.case_id == case_id)) == 1
        assert db.session.scalar(select(func.count()).select_from(WrappedKey).where(
            WrappedKey.recipient == "reporter")) == 0
        entry = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "reporter.deleted"))
        assert entry.case_id == case_id and json.loads(entry.details)["content_kept"] is True


def test_sms_delete_purges_the_number_and_the_case(app, sms):
    from hotline.channels.sms.models import SmsConversation
    from hotline.retention.reporter import delete_reporter_data

    sms.text("+447700900111", "Help, my boss took my passport at the farm")
    sms.text("+447700900222", "Help, they lock us in at night")
    settings = app.config["HOTLINE_SETTINGS"]
    with app.app_context():
        first, second = db.session.scalars(select(SmsConversation.case_id).order_by(
            SmsConversation.created_at)).all()
    refer_row(app, second)
    with app.app_context():
        gone = delete_reporter_data(db.session, settings, db.session.get(Case, first),
                                    via="sms")
        kept = delete_reporter_data(db.session, settings, db.session.get(Case, second),
                                    via="sms")
        db.session.commit()
        assert (gone.content_kept, kept.content_kept) == (False, True)
        assert db.session.get(Case, first) is None
        remaining = db.session.scalars(select(SmsConversation)).all()
        assert len(remaining) == 1 and remaining[0].relay_sealed is None
        assert remaining[0].ended_at is not None and remaining[0].number_deleted
        assert db.session.get(Case, second).reporter_private_key_wrapped is None
