"""Review finding 3: the police-consent question closes on the reporter's
next text that is not an answer, when a caseworker's reply is queued, and
after a day; a later "yes" is then a message to the caseworker, not
consent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hotline.cases.models import Message
from hotline.channels.sms.models import SmsConversation
from hotline.extensions import db
from tests.integration.test_sms_keywords import audit_actions, state
from tests.integration.test_sms_reporter_key import console_reply
from tests.integration.test_sms_webhook import texts_of

US = "+12025550143"
REPORT = "They took my passport and keep us locked in the farm house at night"
WHERE = "I am at the farm on the old road behind the church"


def _no_consent_recorded(app) -> None:
    case, conversation = state(app)
    assert not case.consent_law_enforcement and not conversation.consent_open
    assert "consent.recorded" not in [action for action, _ in audit_actions(app)]


def test_a_follow_up_closes_the_question(sms, app, admin):
    sms.text(US, REPORT)
    sms.text(US, WHERE)
    replies = sms.replies(sms.text(US, "Yes"))
    assert not any("police may now see" in reply for reply in replies)
    _no_consent_recorded(app)
    case, _ = state(app)
    assert texts_of(app, admin, case.id) == [REPORT, WHERE, "Yes"]


def test_a_caseworker_reply_closes_the_question(sms, app, admin):
    sms.text(US, REPORT)
    case, _ = state(app)
    console_reply(app, admin, case.id, "Are you safe now? Reply yes or no.")
    sms.text(US, "yes")
    _no_consent_recorded(app)
    assert texts_of(app, admin, case.id)[-1] == "yes"


def test_the_question_closes_after_a_day(sms, app, admin):
    sms.text(US, REPORT)
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        conversation.created_at -= timedelta(hours=25)
        conversation.last_inbound_at -= timedelta(hours=25)
        db.session.commit()
    sms.text(US, "yes")
    _no_consent_recorded(app)
    with app.app_context():
        assert len(db.session.scalars(select(Message.id)).all()) == 2


def test_an_answer_right_after_the_question_still_counts(sms, app):
    sms.text(US, REPORT)
    sms.text(US, "LANG es")  # a keyword is not a reason to close it
    [reply] = sms.replies(sms.text(US, "sí"))
    assert "policía" in reply
    case, conversation = state(app)
    assert case.consent_law_enforcement and not conversation.consent_open
