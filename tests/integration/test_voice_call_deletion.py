"""Twilio's call records are deleted (invariant 6, review finding 6).

A Call resource keeps the caller's number, FromCity/State/Zip/Country, the
times and the duration. On a final call status the voice channel enqueues
``voice.delete_call`` with the CallSid sealed (as recording sids are); the
outbox deletes the record through the provider interface, retried until
done, after the call's recordings are downloaded, and audits it without
any provider id."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.channels.voice import schedule
from hotline.channels.voice.models import VoiceRecording
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderTransient
from tests.integration.test_voice_recording import speech, start_message  # noqa: F401 - fixture

LATER = {"voice.sweep_calls"}


def make_due(app, *, except_kinds: set[str] = LATER) -> None:
    with app.app_context():
        for job in db.session.scalars(select(Job).where(Job.status == "pending")):
            if job.kind not in except_kinds:
                job.run_after = job.created_at
        db.session.commit()


def delete_jobs(app) -> list[Job]:
    with app.app_context():
        jobs = db.session.scalars(select(Job).where(Job.kind == schedule.DELETE_CALL)).all()
        db.session.expunge_all()
        return list(jobs)


def test_a_finished_call_is_deleted_at_the_provider(voice, app, admin, speech):  # noqa: F811
    call, recording = start_message(voice, speech)
    sid = recording["RecordingSid"]
    voice.xml(voice.step("/twilio/voice/recorded?n=0", call, **recording))
    voice.step("/twilio/voice/status", call, CallStatus="completed")
    voice.step("/twilio/voice/status", call, CallStatus="completed")  # Twilio retries

    [job] = delete_jobs(app)
    assert call not in job.payload, "the CallSid is sealed"
    assert job.run_after > utcnow(), "not at once: the call's recording comes first"
    assert job.max_attempts == schedule.DELETE_ATTEMPTS

    # Due, but the call's recording is still waiting to be downloaded: it waits.
    make_due(app, except_kinds=LATER | {schedule.FETCH_RECORDING})
    voice.drain()
    assert voice.provider.of("delete_call") == []
    [job] = delete_jobs(app)
    assert job.status == "pending" and job.last_error == "RetryLater"

    # The recording is fetched, stored and deleted; then the call record goes.
    voice.step("/twilio/voice/recording", call, RecordingStatus="completed", **recording)
    voice.drain()
    make_due(app)
    voice.drain()
    assert [e["sid"] for e in voice.provider.of("delete_call")] == [call]
    assert [e["sid"] for e in voice.provider.of("delete_recording")] == [sid]
    with app.app_context():
        assert db.session.scalars(select(VoiceRecording.status)).one() == "stored"
        [entry] = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "voice.call.deleted"))
        assert entry.case_id is None and call not in entry.details
    [job] = delete_jobs(app)
    assert job.status == "done" and job.payload == "{}"


def test_a_missed_call_is_deleted_too_and_provider_errors_are_retried(voice, app, admin):
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/status", call, CallStatus="no-answer")
    voice.provider.fail_next(ProviderTransient(None), count=2, method="delete_call")
    for _ in range(3):
        make_due(app)
        voice.drain()
    assert [e["sid"] for e in voice.provider.of("delete_call")] == [call]
    [job] = delete_jobs(app)
    assert job.status == "done" and job.attempts == 3


def test_a_call_in_progress_is_not_deleted(voice, app, admin):
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/status", call, CallStatus="in-progress")
    assert delete_jobs(app) == []


def test_the_deletion_waits_for_the_hour_slot(voice, app, admin):
    """Calls ended within one hour are deleted together, at the next hour:
    the outbox and the audit log do not time each call to the second."""
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/status", call, CallStatus="completed")
    [job] = delete_jobs(app)
    run_after = job.run_after
    assert (run_after.minute, run_after.second, run_after.microsecond) == (0, 0, 0)
    assert timedelta(0) < run_after - utcnow() <= timedelta(hours=1)
