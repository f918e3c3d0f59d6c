"""send_once: the phases of an exactly-once SMS, each re-run case, and errors."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from hotline.audit.models import AuditEntry
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.jobs import enqueue, handler
from hotline.outbox.models import Job, SendAttempt
from hotline.outbox.providers.base import ProviderCannotTell, ProviderPermanent, ProviderTransient
from hotline.outbox.providers.recording import RecordingProvider
from hotline.outbox.sends import confirm_sent, send_once, send_token
from hotline.outbox.worker import run_job
from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash

NUMBER = "+14155550111"
results: list = []
fail_after_send: dict[str, int] = {"count": 0}


@handler("test.sends.reply")
def _reply(ctx, payload):
    results.append(send_once(ctx, to=NUMBER, body=payload["body"]))
    if fail_after_send["count"] > 0:  # a later step of the job fails
        fail_after_send["count"] -= 1
        raise RuntimeError("after the send")


@pytest.fixture(autouse=True)
def _reset(app):
    results.clear()
    fail_after_send["count"] = 0
    app.config["HOTLINE_SETTINGS"] = replace(app.config["HOTLINE_SETTINGS"],
                                             outbox_settle_seconds=0)


def _enqueue(app, body="We received your message.") -> int:
    with app.app_context():
        job = enqueue(db.session, "test.sends.reply", {"body": body})
        db.session.commit()
        return job.id


def _attempt(app, job_id) -> SendAttempt | None:
    with app.app_context():
        attempt = db.session.scalar(select(SendAttempt).where(SendAttempt.job_id == job_id))
        if attempt is not None:
            db.session.expunge(attempt)
        return attempt


def _due(app, job_id):
    with app.app_context():
        db.session.execute(update(Job).where(Job.id == job_id).values(
            run_after=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_send_records_only_a_keyed_hash(app, recording_provider):
    job_id = _enqueue(app)
    assert run_job(app, job_id) == "done"
    [sent] = recording_provider.sent
    assert (sent["to"], sent["token"]) == (NUMBER, send_token(job_id))
    attempt = _attempt(app, job_id)
    pepper = app.config["HOTLINE_SETTINGS"].pepper
    assert attempt.state == "sent" and attempt.tries == 1 and attempt.sent_at is not None
    assert attempt.sid_hash == keyed_hash(pepper, PURPOSE_PROVIDER_SID, sent["sid"])
    assert results[0].sid == sent["sid"] and not results[0].already_sent


def test_failure_after_the_send_does_not_resend(app, recording_provider):
    fail_after_send["count"] = 1
    job_id = _enqueue(app)
    assert run_job(app, job_id) == "retry"
    _due(app, job_id)
    assert run_job(app, job_id) == "done"
    assert len(recording_provider.sent) == 1
    assert results[1].already_sent and results[1].sid is None
    assert results[1].sid_hash == results[0].sid_hash


def test_throttled_send_is_retried_after_retry_after(app, recording_provider):
    recording_provider.fail_next(ProviderTransient(retry_after=7), method="send_sms")
    job_id = _enqueue(app)
    assert run_job(app, job_id) == "retry"
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
    assert job.last_error == "ProviderTransient"
    assert timedelta(seconds=5) < job.run_after - utcnow() <= timedelta(seconds=7)
    assert recording_provider.sent == [] and _attempt(app, job_id).state == "sending"
    _due(app, job_id)
    assert run_job(app, job_id) == "done"
    assert len(recording_provider.sent) == 1
    assert [e["op"] for e in recording_provider.events] == ["find_sent", "send_sms"]
    assert _attempt(app, job_id).tries == 2


def test_stale_sending_attempt_found_at_provider_is_not_resent(app, recording_provider):
    job_id = _enqueue(app)
    with app.app_context():  # an earlier run committed phase 1 and reached the provider
        db.session.add(SendAttempt(token=send_token(job_id), job_id=job_id, state="sending",
                                   tries=1, started_at=utcnow() - timedelta(minutes=5)))
        db.session.commit()
    sid = recording_provider.send_sms(NUMBER, "We received your message.", status_callback=None,
                                      idempotency_token=send_token(job_id))
    assert run_job(app, job_id) == "done"
    assert len(recording_provider.sent) == 1
    assert results[0].already_sent and results[0].sid == sid
    assert _attempt(app, job_id).state == "sent"


def test_recent_sending_attempt_waits_to_settle(app, recording_provider):
    app.config["HOTLINE_SETTINGS"] = replace(app.config["HOTLINE_SETTINGS"],
                                             outbox_settle_seconds=60)
    job_id = _enqueue(app)
    with app.app_context():  # another run is (or just was) mid-send
        db.session.add(SendAttempt(token=send_token(job_id), job_id=job_id, state="sending",
                                   tries=1, started_at=utcnow() - timedelta(seconds=20)))
        db.session.commit()
    assert run_job(app, job_id) == "retry"
    with app.app_context():
        wait = db.session.get(Job, job_id).run_after - utcnow()
    assert timedelta(seconds=35) < wait <= timedelta(seconds=40)
    assert recording_provider.events == []


def test_provider_that_cannot_tell_means_dead_not_twice(app, recording_provider):
    class Blind(RecordingProvider):
        def find_sent(self, idempotency_token, **hints):
            raise ProviderCannotTell()

    blind = Blind()
    app.extensions["hotline_provider"] = blind
    job_id = _enqueue(app)
    with app.app_context():
        db.session.add(SendAttempt(token=send_token(job_id), job_id=job_id, state="sending",
                                   tries=1, started_at=utcnow() - timedelta(minutes=5)))
        db.session.commit()
    assert run_job(app, job_id) == "dead"
    with app.app_context():
        assert db.session.get(Job, job_id).last_error == "SendOutcomeUnknown"
        [entry] = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "outbox.dead")).all()
        assert json.loads(entry.details) == {"kind": "test.sends.reply"}
    assert blind.sent == []


def test_opted_out_recipient_is_dead_and_attempt_failed(app, recording_provider):
    recording_provider.fail_next(ProviderPermanent(21610), method="send_sms")
    job_id = _enqueue(app)
    assert run_job(app, job_id) == "dead"
    with app.app_context():
        assert db.session.get(Job, job_id).last_error == "ProviderPermanent"
    assert _attempt(app, job_id).state == "failed"
    assert recording_provider.sent == []


def test_failed_attempt_is_sent_on_a_later_run(app, recording_provider):
    job_id = _enqueue(app)
    with app.app_context():
        db.session.add(SendAttempt(token=send_token(job_id), job_id=job_id, state="failed",
                                   tries=1, started_at=utcnow()))
        db.session.commit()
    assert run_job(app, job_id) == "done"
    assert len(recording_provider.sent) == 1
    assert [e["op"] for e in recording_provider.events] == ["send_sms"]


def test_status_callback_confirmation_beats_reconciliation(app, recording_provider):
    """The send's token came back on a status callback before the retry: the
    retry must not ask the provider (the message may be purged there)."""
    job_id = _enqueue(app)
    token = send_token(job_id)
    with app.app_context():
        db.session.add(SendAttempt(token=token, job_id=job_id, state="sending", tries=1,
                                   started_at=utcnow() - timedelta(minutes=5)))
        db.session.commit()
        pepper = app.config["HOTLINE_SETTINGS"].pepper
        assert confirm_sent(db.session, pepper, token, "SM" + "7" * 32)
        assert not confirm_sent(db.session, pepper, token, "SM" + "7" * 32)
        assert not confirm_sent(db.session, pepper, "outbox-0-sms", "SM" + "7" * 32)
        db.session.commit()
    assert run_job(app, job_id) == "done"
    assert recording_provider.events == []
    assert results[0].already_sent
    assert results[0].sid_hash == keyed_hash(pepper, PURPOSE_PROVIDER_SID, "SM" + "7" * 32)
