"""Review finding 7: the keyed hash of the reporter's number, HMAC(pepper,
E.164), opens to the number by brute force with the env file, so it must
go when the number goes: DELETE, the exit word, the idle purge, a deletion
of the report, and the end of the conversation window. A later text from
the number then starts a new report."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hotline.cases.models import Case
from hotline.channels.sms.models import SmsConversation
from hotline.db import utcnow
from hotline.extensions import db
from hotline.privacy.identifiers import PURPOSE_PHONE, keyed_hash
from tests.integration.test_sms_outbox import make_due

US = "+12025550143"
OTHER = "+447700900123"
REPORT = "They took my passport and keep us locked in the farm house at night"


def hash_of(sms, number: str) -> str:
    return keyed_hash(sms.settings.pepper, PURPOSE_PHONE, number)


def stored_hashes(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(SmsConversation.reporter_hash)))


def count_cases(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Case))


def brute_force(sms, app, candidates: list[str]) -> set[str]:
    """What an attacker with the database and the pepper recovers."""
    stored = set(stored_hashes(app))
    return {number for number in candidates if hash_of(sms, number) in stored}


def test_delete_forgets_the_hash_and_a_later_text_is_a_new_report(sms, app):
    sms.text(US, REPORT)
    sms.text(OTHER, "Another report from another phone")
    assert brute_force(sms, app, [US, OTHER]) == {US, OTHER}
    sms.text(US, "DELETE")  # the number and, as nothing was passed on, the report
    assert brute_force(sms, app, [US, OTHER]) == {OTHER}
    assert count_cases(app) == 1
    assert len(sms.replies(sms.text(US, "We are still here"))) == 2  # welcome + question
    assert count_cases(app) == 2


def test_exit_word_forgets_the_hash(sms, app):
    sms.text(US, REPORT)
    sms.text(US, "bye")
    assert brute_force(sms, app, [US]) == set()


def test_idle_purge_forgets_the_hash(sms, app):
    sms.text(US, REPORT)
    sms.text(OTHER, "Another report from another phone")
    sms.drain()  # schedules the hourly sweep
    with app.app_context():
        idle = db.session.scalars(select(SmsConversation).order_by(
            SmsConversation.created_at)).first()
        idle.relay_purge_after = utcnow() - timedelta(seconds=1)
        db.session.commit()
    make_due(app)
    sms.drain()
    assert brute_force(sms, app, [US, OTHER]) == {OTHER}


def test_the_end_of_the_window_forgets_the_hash(sms, app):
    sms.configure(relay_idle_days=90)  # the number outlives the 30-day window
    sms.text(US, REPORT)
    sms.drain()
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        conversation.last_inbound_at = utcnow() - timedelta(days=31)
        db.session.commit()
    make_due(app)
    sms.drain()
    assert brute_force(sms, app, [US]) == set()
    with app.app_context():
        # Replies can still go out until the idle purge takes the number.
        assert db.session.scalars(select(SmsConversation)).one().relay_sealed is not None


def test_deleting_the_report_forgets_the_hash(sms, app):
    from hotline.channels.sms.models import SmsConversation as Conversation
    from hotline.retention.reporter import delete_reporter_data
    from tests.integration.test_retention_reporter import refer_row

    sms.text(US, REPORT)
    with app.app_context():
        case_id = db.session.scalar(select(Conversation.case_id))
    refer_row(app, case_id)  # passed on: the case stays, the conversation row too
    with app.app_context():
        deletion = delete_reporter_data(db.session, sms.settings,
                                        db.session.get(Case, case_id), via="sms")
        db.session.commit()
        assert deletion.content_kept
    assert brute_force(sms, app, [US]) == set()
