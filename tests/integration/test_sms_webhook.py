"""The inbound SMS webhook: reports in several languages, threading,
idempotency, and refusals that store nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hotline.cases.models import Case, Message
from hotline.cases.sealing import open_message, team_recipient
from hotline.channels.sms.models import InboundDedupe, SmsConversation
from hotline.channels.sms.relay import open_number, unwrap_reporter_key
from hotline.db import Base
from hotline.extensions import db
from hotline.outbox.models import Job
from hotline.privacy.identifiers import PURPOSE_PHONE, format_case_code, keyed_hash
from hotline.staff.models import StaffUser
from hotline.staff.operations import unlock_private_key, unlock_team_keys

SPANISH = "+34600000123"
SAUDI = "+966500000123"
VIETNAM = "+84900000123"


def cases(app) -> list[Case]:
    with app.app_context():
        found = list(db.session.scalars(select(Case).order_by(Case.id)))
        db.session.expunge_all()  # readable after the context ends
        return found


def conversation_of(app, case_id: int) -> SmsConversation:
    with app.app_context():
        found = db.session.scalars(select(SmsConversation).where(
            SmsConversation.case_id == case_id)).one()
        db.session.expunge_all()
        return found


def texts_of(app, admin, case_id: int) -> list[str]:
    """The case's messages, decrypted with the admin's team keys."""
    with app.app_context():
        user = db.session.get(StaffUser, admin.user_id)
        private = unlock_private_key(user, admin.password)
        keys = {team_recipient(k): v
                for k, v in unlock_team_keys(db.session, user, private).items()}
        messages = db.session.scalars(select(Message).where(Message.case_id == case_id)
                                      .order_by(Message.created_at)).all()
        return [open_message(db.session, m, keys).text for m in messages]


def row_counts(app) -> dict[str, int]:
    with app.app_context():
        return {table.name: db.session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables}


def test_spanish_report_is_a_case_at_once(sms, app, admin):
    body = "Me tienen encerrada en una casa y no me pagan. Necesito ayuda."
    replies = sms.replies(sms.text(SPANISH, body))
    [case] = cases(app)
    assert (case.channel, case.language, case.status) == ("sms", "es", "new")
    assert case.safe_to_contact and case.receipt_hash is None
    assert texts_of(app, admin, case.id) == [body]
    welcome, question = replies
    assert format_case_code(case.case_code) in welcome
    for word in ("ALTO", "BORRAR", "IDIOMA", "CHAO", "número de teléfono", "nunca"):
        assert word in welcome
    assert "policía" in question and "SÍ" in question and "NO" in question

    conversation = conversation_of(app, case.id)
    assert conversation.reporter_hash == keyed_hash(sms.settings.pepper, PURPOSE_PHONE, SPANISH)
    assert conversation.language == "es" and conversation.consent_open
    assert open_number(sms.settings, conversation.id, conversation.relay_sealed) == SPANISH
    assert conversation.relay_purge_after is not None
    # The reporter key opens with the relay key only: the outbound job reads replies.
    private = unwrap_reporter_key(sms.settings, case.id, case.reporter_private_key_wrapped)
    assert private and case.reporter_public_key


def test_arabic_report_gets_arabic_replies(sms, app):
    replies = sms.replies(sms.text(SAUDI, "أعمل في منزل ولا يدفعون لي راتبي وأخذوا جواز سفري"))
    [case] = cases(app)
    assert case.language == "ar"
    assert "رمز الحالة" in replies[0] and format_case_code(case.case_code) in replies[0]
    assert "توقف" in replies[0] and "احذف" in replies[0]
    assert "شرطة" in replies[1] and "نعم" in replies[1]


def test_vietnamese_report_gets_vietnamese_replies(sms, app):
    sms.configure(languages=("en", "es", "fr", "ar", "vi"))
    replies = sms.replies(sms.text(
        VIETNAM, "Tôi bị giữ trong một nhà máy, họ lấy hộ chiếu của tôi và không trả lương"))
    [case] = cases(app)
    assert case.language == "vi"
    assert "Mã hồ sơ" in replies[0] and format_case_code(case.case_code) in replies[0]
    assert "DỪNG" in replies[0] and "XÓA" in replies[0]
    assert "công an" in replies[1] and "CÓ" in replies[1]


def test_language_falls_back_to_the_country_then_english(sms, app):
    sms.text("+33639980123", "+++ 12")  # no language in it: France's default
    sms.text("+12025550143", "!!! 12")  # no language in it: US default, English
    french, english = cases(app)
    assert french.language == "fr" and english.language == "en"


def test_follow_up_joins_the_case_and_is_acknowledged_once(sms, app, admin):
    sms.text(SPANISH, "Me quitaron el pasaporte en la fábrica")
    first = sms.replies(sms.text(SPANISH, "Somos cinco mujeres en la misma casa"))
    second = sms.replies(sms.text(SPANISH, "La dirección es cerca del mercado"))
    [case] = cases(app)
    assert len(texts_of(app, admin, case.id)) == 3
    assert len(first) == 1 and "agregamos tu mensaje" in first[0]
    assert format_case_code(case.case_code) in first[0]
    assert second == []  # acknowledged at most once an hour


def test_after_the_window_a_text_is_a_new_report(sms, app):
    sms.text(SPANISH, "Me quitaron el pasaporte en la fábrica")
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        conversation.last_inbound_at -= timedelta(days=sms.settings.sms_window_days + 1)
        db.session.commit()
    replies = sms.replies(sms.text(SPANISH, "Otra vez me encerraron"))
    assert len(cases(app)) == 2 and len(replies) == 2


def test_replayed_message_sid_is_a_no_op(sms, app):
    params = sms.params(SPANISH, "Me tienen encerrada y no me pagan")
    first = sms.post("/twilio/sms", params)
    counts = row_counts(app)
    again = sms.post("/twilio/sms", params)
    assert len(sms.replies(first)) == 2
    assert sms.replies(again) == []
    assert row_counts(app) == counts  # no second report, audit entry or job
    with app.app_context():
        kinds = sorted(db.session.scalars(select(Job.kind)))
    assert kinds == ["sms.purge_message"]


def test_bad_or_missing_signature_is_403_and_stores_nothing(sms, app, caplog):
    params = sms.params(SPANISH, "CANARYBODY hola")
    before = row_counts(app)
    for signature in ("", "bm90IHRoZSBzaWduYXR1cmU=", sms.signature("/twilio/sms/status", params)):
        response = sms.post("/twilio/sms", params, signature=signature)
        assert response.status_code == 403
        assert "CANARY" not in response.get_data(as_text=True)
    response = sms.client.post("/twilio/sms", data=params)  # no header at all
    assert response.status_code == 403
    assert row_counts(app) == before
    assert "CANARYBODY" not in caplog.text and SPANISH not in caplog.text


def test_url_is_rebuilt_from_settings_not_host(sms, app):
    params = sms.params(SPANISH, "Me tienen encerrada")
    from twilio.request_validator import RequestValidator

    from tests.conftest import TWILIO_TEST_TOKEN

    forged = RequestValidator(TWILIO_TEST_TOKEN).compute_signature(
        "http://evil.example/twilio/sms", params)
    response = sms.post("/twilio/sms", params, signature=forged,
                        headers={"Host": "evil.example"})
    assert response.status_code == 403
    # The genuine signature passes whatever Host the proxy passes on.
    response = sms.post("/twilio/sms", params, headers={"Host": "internal:8000"})
    assert response.status_code == 200 and len(cases(app)) == 1


def test_oversize_and_malformed_bodies_are_refused(sms, app):
    before = row_counts(app)
    huge = sms.params(SPANISH, "x" * (70 * 1024))
    assert sms.post("/twilio/sms", huge).status_code == 413
    no_from = sms.params(SPANISH, "hola")
    del no_from["From"]
    assert sms.post("/twilio/sms", no_from).status_code == 400
    no_sid = sms.params(SPANISH, "hola")
    no_sid["MessageSid"] = "not-a-sid"
    assert sms.post("/twilio/sms", no_sid).status_code == 400
    short_code = sms.params("12345", "hola")
    assert sms.post("/twilio/sms", short_code).status_code == 400
    bad_media = sms.params(SPANISH, "hola")
    bad_media["NumMedia"] = "many"
    assert sms.post("/twilio/sms", bad_media).status_code == 400
    json_body = sms.client.post("/twilio/sms", json={"From": SPANISH, "Body": "hola"},
                                headers={"X-Twilio-Signature": "x"})
    assert json_body.status_code == 415
    assert sms.client.get("/twilio/sms").status_code == 405
    for response in (sms.post("/twilio/sms", huge), json_body):
        assert response.mimetype == "text/plain" and "hola" not in response.get_data(as_text=True)
    assert row_counts(app) == before


def test_empty_text_stores_nothing_but_the_purge(sms, app):
    assert sms.replies(sms.text(SPANISH, "   ")) == []
    assert cases(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(InboundDedupe)) == 1
        assert [job.kind for job in db.session.scalars(select(Job))] == ["sms.purge_message"]
