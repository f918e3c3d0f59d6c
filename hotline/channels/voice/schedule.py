"""Jobs the voice channel puts in the outbox, in the caller's transaction.

A recording's sid and URL are needed to download and delete it, and a
call's sid to delete its record when it ends; they are kept nowhere but
here: sealed under the relay key (``sms.relay.seal_token``, bound to a
purpose) in the job's payload, which the worker clears when the job
finishes. Dedupe keys are keyed hashes, so the Record action and the
recording status callback (which both name the recording, in either order)
schedule one download between them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import update
from sqlalchemy.orm import Session

from hotline.channels.sms.relay import seal_token
from hotline.channels.voice.inbound import RecordingEvent
from hotline.outbox.jobs import enqueue
from hotline.outbox.models import Job
from hotline.settings import Settings

FETCH_RECORDING: Final = "voice.fetch_recording"
DELETE_RECORDING: Final = "voice.delete_recording"
DELETE_CALL: Final = "voice.delete_call"
SWEEP_CALLS: Final = "voice.sweep_calls"

SID_PURPOSE: Final = "voice-recording-sid"
URL_PURPOSE: Final = "voice-recording-url"
CALL_SID_PURPOSE: Final = "voice-call-sid"
# The Record action comes when the caller stops speaking; the file is ready
# a few seconds later (the status callback says when, and pulls the job in).
SETTLE: Final = timedelta(seconds=30)
SWEEP_EVERY: Final = timedelta(hours=1)
# "Retried until done": with the backoff's one-hour cap, about a week.
DELETE_ATTEMPTS: Final = 200


def fetch_recording(session: Session, settings: Settings, event: RecordingEvent,
                    run_after: datetime, now: datetime) -> None:
    """Download, disguise and store the recording, then delete it at the
    provider. A second call for the same recording only brings the job
    forward to ``run_after`` if that is sooner."""
    key = f"voice-fetch:{event.ref}"
    job = enqueue(session, FETCH_RECORDING,
                  {"ref": event.ref, "sid": seal_token(settings, SID_PURPOSE, event.sid),
                   "url": seal_token(settings, URL_PURPOSE, event.url)},
                  run_after=max(run_after, now), dedupe_key=key)
    if job is None:
        session.execute(update(Job).where(Job.dedupe_key == key, Job.status == "pending",
                                          Job.run_after > run_after)
                        .values(run_after=run_after))


def delete_recording(session: Session, sealed_sid: str, ref: str, case_id: int | None) -> None:
    """Delete the recording at the provider, retried until done."""
    job = enqueue(session, DELETE_RECORDING, {"sid": sealed_sid, "ref": ref, "case_id": case_id},
                  dedupe_key=f"voice-delete:{ref}")
    if job is not None:
        job.max_attempts = DELETE_ATTEMPTS


def delete_unused(session: Session, settings: Settings, event: RecordingEvent) -> None:
    """A recording nothing will be made of (empty, failed): delete it."""
    delete_recording(session, seal_token(settings, SID_PURPOSE, event.sid), event.ref, None)


def delete_call(session: Session, settings: Settings, call_hash: str, sid: str,
                now: datetime) -> None:
    """Delete a finished call's record at the provider (the caller's number,
    location, times), retried until done. It runs at the next full hour:
    calls that ended in the same hour are deleted together, so neither the
    outbox's run times nor the audit log time a call to the second, and the
    call's recordings are downloaded first (the job also waits for them)."""
    due = now.replace(minute=0, second=0, microsecond=0) + SWEEP_EVERY
    job = enqueue(session, DELETE_CALL, {"sid": seal_token(settings, CALL_SID_PURPOSE, sid)},
                  run_after=due, dedupe_key=f"voice-delete-call:{call_hash}")
    if job is not None:
        job.max_attempts = DELETE_ATTEMPTS


def sweep_calls(session: Session, now: datetime) -> None:
    """Make sure the next sweep of finished calls is scheduled (one per hour
    slot). The sweep schedules its successor, so after the first call the
    chain runs every hour whether or not anyone calls: its jobs say
    nothing about when calls happen."""
    due = now.replace(minute=0, second=0, microsecond=0) + SWEEP_EVERY
    enqueue(session, SWEEP_CALLS, {}, run_after=due,
            dedupe_key=f"voice-sweep:{due.strftime('%Y%m%d%H')}")
