"""Keywords on the SMS line: STOP/START, HELP, DELETE, LANG, the exit word
and the police-consent question, in the reporter's language."""

from __future__ import annotations

import json

from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, Message
from hotline.channels.sms import texts
from hotline.channels.sms.models import SmsConversation
from hotline.extensions import db

SPANISH = "+34600000123"
US = "+12025550143"
REPORT = "They took my passport and keep us locked in the farm house at night"


def state(app) -> tuple[Case, SmsConversation]:
    with app.app_context():
        conversation = db.session.scalars(
            select(SmsConversation).order_by(SmsConversation.created_at.desc())).first()
        case = db.session.get(Case, conversation.case_id)
        db.session.expunge_all()
        return case, conversation


def audit_actions(app) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(entry.action, json.loads(entry.details))
                for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def count_cases(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Case.id)).all())


def test_stop_then_silence_then_start(sms, app):
    sms.text(US, REPORT)
    replies = sms.replies(sms.text(US, "STOP"))
    assert len(replies) == 1 and "no more texts" in replies[0] and "START" in replies[0]
    case, conversation = state(app)
    assert conversation.opted_out and not case.safe_to_contact
    # Still a report, but nothing is sent back while opted out.
    assert sms.replies(sms.text(US, "They moved us to another house")) == []
    assert sms.replies(sms.text(US, "help")) == []
    replies = sms.replies(sms.text(US, "start"))
    assert replies == ["You will get texts from us again."]
    case, conversation = state(app)
    assert not conversation.opted_out and case.safe_to_contact
    actions = [action for action, _ in audit_actions(app)]
    assert "sms.opted_out" in actions and "sms.opted_in" in actions


def test_localized_stop_answers_in_the_conversation_language(sms, app):
    sms.text(SPANISH, "Me quitaron el pasaporte y no me pagan")
    [reply] = sms.replies(sms.text(SPANISH, "¡Alto!"))
    assert "No recibirás más mensajes" in reply and "REANUDAR" in reply


def test_a_report_containing_a_keyword_is_a_report(sms, app):
    replies = sms.replies(sms.text(US, "Please help, they will not stop hitting us"))
    assert count_cases(app) == 1 and len(replies) == 2


def test_help_from_a_conversation_and_from_a_stranger(sms, app):
    [reply] = sms.replies(sms.text(US, "HELP"))
    assert "confidential line" in reply and "STOP" in reply and "LANG" in reply
    assert count_cases(app) == 0  # a keyword alone is not a report
    [reply] = sms.replies(sms.text(SPANISH, "ayuda"))
    assert "línea confidencial" in reply
    sms.text(US, REPORT)
    [reply] = sms.replies(sms.text(US, "Help."))
    assert "confidential line" in reply


def in_spanish(app, render) -> str:
    with app.test_request_context():
        return render("es")


def test_delete_removes_the_number_and_the_report(sms, app):
    sms.text(SPANISH, "Me quitaron el pasaporte y no me pagan")
    sms.text(SPANISH, "Estamos en la finca del norte")
    [reply] = sms.replies(sms.text(SPANISH, "BORRAR"))
    assert reply == in_spanish(app, texts.report_deleted) and reply.startswith("Borramos")
    assert count_cases(app) == 0
    with app.app_context():
        assert db.session.scalars(select(SmsConversation)).first() is None
        assert db.session.scalars(select(Message)).first() is None
    deleted = [details for action, details in audit_actions(app) if action == "reporter.deleted"]
    assert deleted == [{"via": "sms", "content_kept": False, "messages": 2, "attachments": 0}]
    # The number is forgotten with the report: a later text is a new report.
    assert len(sms.replies(sms.text(SPANISH, "Seguimos aquí"))) == 2
    assert count_cases(app) == 1


def test_delete_after_a_referral_keeps_the_report_and_says_so(sms, app):
    from hotline.console.operations import CaseError
    from hotline.staff.models import StaffUser
    from tests.integration.test_retention_reporter import refer_row

    sms.text(SPANISH, "Me quitaron el pasaporte y no me pagan")
    case, _ = state(app)
    refer_row(app, case.id)
    [reply] = sms.replies(sms.text(SPANISH, "BORRAR"))
    assert reply == in_spanish(app, texts.report_kept) and reply.startswith("Borramos")
    assert reply != in_spanish(app, texts.report_deleted)
    case, conversation = state(app)
    assert conversation.relay_sealed is None and conversation.number_deleted
    assert not case.safe_to_contact
    assert ("sms.number_purged", {"reason": "delete"}) in audit_actions(app)
    assert ("reporter.deleted", {"via": "sms", "content_kept": True}) in audit_actions(app)
    # The conversation ends with the number and its keyed hash is forgotten
    # (review finding 7): a later text is a new report, not threaded.
    assert conversation.ended_at is not None and conversation.reporter_hash == ""
    assert len(sms.replies(sms.text(SPANISH, "Seguimos aquí"))) == 2
    assert count_cases(app) == 2
    with app.app_context():
        from hotline.console.operations import reply

        user = db.session.scalars(select(StaffUser)).first()
        live = db.session.get(Case, case.id)
        live.safe_to_contact = True  # even if a flag said so, the relay refuses
        try:
            reply(db.session, sms.settings, user, live, "hola")
            raise AssertionError("reply should be refused")
        except CaseError:
            db.session.rollback()


def test_lang_switches_the_reply_language(sms, app):
    sms.text(US, REPORT)
    [reply] = sms.replies(sms.text(US, "LANG fr"))
    assert reply == "Nous vous écrirons en français."
    assert state(app)[1].language == "fr"
    [reply] = sms.replies(sms.text(US, "langue arabe"))
    assert "العربية" in reply and state(app)[1].language == "ar"
    [reply] = sms.replies(sms.text(US, "lang klingon"))
    assert "es (Español)" in reply and "fr (Français)" in reply
    assert state(app)[1].language == "ar"
    [reply] = sms.replies(sms.text(US, "Please, they came back"))
    assert "أضفنا رسالتك" in reply


def test_lang_from_a_stranger_answers_help_in_that_language(sms, app):
    [reply] = sms.replies(sms.text(US, "idioma español"))
    assert "línea confidencial" in reply and count_cases(app) == 0


def test_consent_yes_is_recorded_and_audited(sms, app):
    sms.text(SPANISH, "Me quitaron el pasaporte y no me pagan")
    [reply] = sms.replies(sms.text(SPANISH, "Sí"))
    assert "La policía ahora puede ver tu reporte" in reply
    case, conversation = state(app)
    assert case.consent_law_enforcement and not case.consent_full_text
    assert not conversation.consent_open
    assert ("consent.recorded", {"channel": "sms", "full_text": False,
                                 "law_enforcement": True}) in audit_actions(app)
    # With no question open, "sí" is just a message in the case.
    assert len(sms.replies(sms.text(SPANISH, "sí"))) == 1
    assert state(app)[0].consent_law_enforcement


def test_police_reopens_the_question_and_no_withdraws(sms, app):
    sms.text(US, REPORT)
    sms.text(US, "yes")
    [question] = sms.replies(sms.text(US, "POLICE"))
    assert "police" in question and "YES" in question
    [reply] = sms.replies(sms.text(US, "no"))
    assert "stays with our support team" in reply
    assert not state(app)[0].consent_law_enforcement


def test_police_and_yes_from_a_stranger_are_reports(sms, app):
    assert len(sms.replies(sms.text(US, "police"))) == 2
    assert count_cases(app) == 1


def test_exit_word_ends_the_conversation_silently(sms, app):
    sms.text(SPANISH, "Me quitaron el pasaporte y no me pagan")
    response = sms.text(SPANISH, "chao")
    assert sms.replies(response) == []
    case, conversation = state(app)
    assert conversation.ended_at is not None and conversation.relay_sealed is None
    assert not case.safe_to_contact
    assert ("sms.number_purged", {"reason": "exit"}) in audit_actions(app)
    # The next text starts afresh.
    assert len(sms.replies(sms.text(SPANISH, "Hola, necesito ayuda otra vez"))) == 2
    assert count_cases(app) == 2


def test_keywords_from_a_stranger_store_nothing(sms, app):
    for word in ("STOP", "start", "DELETE", "bye"):
        sms.text(US, word)
    assert count_cases(app) == 0
    with app.app_context():
        assert db.session.scalars(select(SmsConversation)).first() is None
