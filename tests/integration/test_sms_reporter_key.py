"""Review finding 1: the SMS (and voice) reporter key is wrapped under the
relay key alone, so whatever is sealed to it opens with the database and
the server's config. Reporter-authored messages are never sealed to it; a
caseworker's reply is, only until it has been handed to the provider; and
the key goes when the number goes (DELETE, exit word, idle purge)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hotline.cases.models import Case, Message, WrappedKey
from hotline.cases.sealing import REPORTER, open_message
from hotline.channels.sms.models import SmsConversation
from hotline.channels.sms.relay import unwrap_reporter_key
from hotline.db import utcnow
from hotline.extensions import db
from tests.conftest import post_form, signed_in
from tests.integration.test_voice_flow import choose, record

US = "+12025550143"
REPORT = "They took my passport and keep us locked in the farm house at night"
FOLLOW_UP = "I am at the farm on the old road behind the church, the boss is Marco"
REPLY = "We can help. Are you safe to talk tonight?"


def opened_with_relay_key(app, settings) -> list[str]:
    """Everything the relay key and the database alone open (the reviewer's
    proof: unwrap_reporter_key, then open_message)."""
    with app.app_context():
        found = []
        for case in db.session.scalars(select(Case)):
            if case.reporter_private_key_wrapped is None:
                continue
            private = unwrap_reporter_key(settings, case.id, case.reporter_private_key_wrapped)
            for message in db.session.scalars(select(Message).where(Message.case_id == case.id)
                                              .order_by(Message.created_at)):
                opened = open_message(db.session, message, {REPORTER: private})
                if opened is not None:
                    found.append(opened.text)
        return found


def reporter_wraps(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(WrappedKey.id).where(
            WrappedKey.recipient == REPORTER)).all())


def only_case(app) -> Case:
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        db.session.expunge_all()
        return case


def console_reply(app, admin, case_id: int, text: str) -> None:
    client = signed_in(app, admin)
    page = f"/console/cases/{case_id}"
    response = post_form(client, page, f"{page}/reply", {"text": text})
    assert response.status_code == 302


def test_sms_follow_ups_do_not_open_with_the_relay_key(sms, app):
    sms.text(US, REPORT)
    sms.text(US, FOLLOW_UP)
    sms.text(US, "They also keep two children there")
    assert opened_with_relay_key(app, sms.settings) == []
    assert reporter_wraps(app) == 0


def test_texts_joining_a_voice_case_do_not_open_with_the_relay_key(voice, app):
    call = voice.new_call()
    choose(voice, call, "es")
    record(voice, call)
    voice.step("/twilio/voice/consent?n=0", call, Digits="2")
    voice.step("/twilio/voice/contact?n=0", call, Digits="1")  # safe to contact: a key
    assert only_case(app).reporter_private_key_wrapped is not None
    voice.text(voice.caller, "También hay niños en la casa de la calle Mayor.")
    returning = voice.new_call()
    choose(voice, returning, "es")
    voice.step("/twilio/voice/intro", returning, Digits="0")
    voice.step("/twilio/voice/code?n=0", returning, Digits=only_case(app).case_code)
    record(voice, returning, seconds="9")
    with app.app_context():
        assert len(db.session.scalars(select(Message.id)).all()) == 3
    assert opened_with_relay_key(app, voice.settings) == []


def test_a_reply_opens_with_the_relay_key_only_until_it_is_sent(sms, app, admin):
    sms.text(US, REPORT)
    case = only_case(app)
    console_reply(app, admin, case.id, REPLY)
    # The outbound job must read it to text it out ...
    assert opened_with_relay_key(app, sms.settings) == [REPLY]
    sms.drain()
    assert sms.provider.bodies_to(US) == [REPLY]
    # ... and once the provider has it, the relay's copy is gone.
    assert opened_with_relay_key(app, sms.settings) == []
    assert reporter_wraps(app) == 0


def test_a_cancelled_reply_drops_the_relay_copy(sms, app, admin):
    report_with_a_pending_reply(sms, app, admin)
    sms.text(US, "STOP")
    sms.drain()
    assert sms.provider.sent == []
    assert opened_with_relay_key(app, sms.settings) == []


def _key_gone(app) -> None:
    case = only_case(app)
    assert case.reporter_private_key_wrapped is None and case.reporter_public_key is None
    assert reporter_wraps(app) == 0


def report_with_a_pending_reply(sms, app, admin, *, referred: bool = False) -> None:
    """A texted report and a caseworker's reply still waiting in the outbox."""
    sms.text(US, REPORT)
    if referred:
        from tests.integration.test_retention_reporter import refer_row

        refer_row(app, only_case(app).id)
    console_reply(app, admin, only_case(app).id, REPLY)


def test_delete_of_a_referred_report_drops_the_reporter_key_and_pending_replies(sms, app, admin):
    """The report stays (it was passed on), the key and the reply waiting to go do not."""
    report_with_a_pending_reply(sms, app, admin, referred=True)
    sms.text(US, "DELETE")
    _key_gone(app)
    sms.drain()
    assert sms.provider.sent == []


def test_delete_of_a_report_takes_the_key_and_pending_replies_with_it(sms, app, admin):
    report_with_a_pending_reply(sms, app, admin)
    sms.text(US, "DELETE")
    with app.app_context():
        assert db.session.scalars(select(Case)).first() is None
    assert reporter_wraps(app) == 0
    sms.drain()
    assert sms.provider.sent == []


def test_exit_word_drops_the_reporter_key(sms, app, admin):
    report_with_a_pending_reply(sms, app, admin)
    sms.text(US, "bye")
    _key_gone(app)


def test_idle_purge_drops_the_reporter_key(sms, app, admin):
    report_with_a_pending_reply(sms, app, admin)
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        conversation.relay_purge_after = utcnow() - timedelta(seconds=1)
        db.session.commit()
    # The reply still waits in the outbox when the hourly sweep runs.
    with app.app_context():
        from hotline.channels.sms.conversations import purge_idle

        assert purge_idle(db.session, sms.settings, utcnow()) == 1
        db.session.commit()
    _key_gone(app)
    sms.drain()
    assert sms.provider.sent == []


def test_migration_0007_forgets_what_older_code_left(sms, app, admin):
    """Rows written before the fix (review findings 1 and 7): follow-ups and
    sent replies sealed to the relay-wrapped key, a key kept after the number
    went, a keyed hash kept after DELETE. Migration 0007 applies the rules."""
    import importlib.util
    from pathlib import Path

    from hotline.cases.sealing import add_message, case_recipients
    from hotline.channels.sms.models import SmsDelivery

    path = Path(__file__).parents[2] / "migrations/versions/2026_12_01_0007_forget_relay_copies.py"
    spec = importlib.util.spec_from_file_location("migration_0007", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    sms.text(US, REPORT)
    sms.text("+447700900123", "Another report: the boss took our phones")
    live_id, purged_id = only_case_of(app, 0), only_case_of(app, 1)
    console_reply(app, admin, live_id, "Still waiting to be texted")
    with app.app_context():
        live, purged = db.session.get(Case, live_id), db.session.get(Case, purged_id)
        for case in (live, purged):  # what add_reporter_message used to do
            add_message(db.session, case, "reporter", FOLLOW_UP, FOLLOW_UP,
                        case_recipients(db.session, case, include_reporter=True))
        sent = add_message(db.session, live, "reply", REPLY, REPLY,
                           case_recipients(db.session, live, include_reporter=True))
        conversation = db.session.scalars(select(SmsConversation).where(
            SmsConversation.case_id == live.id)).one()
        db.session.add(SmsDelivery(id="d-sent", conversation_id=conversation.id,
                                   message_id=sent.id, status="delivered",
                                   created_at=utcnow(), updated_at=utcnow()))
        old = db.session.scalars(select(SmsConversation).where(
            SmsConversation.case_id == purged.id)).one()
        old.relay_sealed, old.number_deleted = None, True  # DELETE, as it used to be
        kept_hash = old.reporter_hash
        db.session.commit()
        assert kept_hash
    assert sorted(opened_with_relay_key(app, sms.settings)) == sorted(
        [FOLLOW_UP, FOLLOW_UP, REPLY, "Still waiting to be texted"])
    with app.app_context():
        migration.forget(db.session.connection())
        db.session.commit()
    # Only the reply still waiting in the outbox opens, until it is sent.
    assert opened_with_relay_key(app, sms.settings) == ["Still waiting to be texted"]
    with app.app_context():
        assert db.session.get(Case, purged_id).reporter_private_key_wrapped is None
        assert db.session.get(Case, live_id).reporter_private_key_wrapped
        hashes = set(db.session.scalars(select(SmsConversation.reporter_hash)))
        assert kept_hash not in hashes and len(hashes) == 2


def only_case_of(app, index: int) -> int:
    with app.app_context():
        return db.session.scalars(select(Case.id).order_by(Case.id)).all()[index]
