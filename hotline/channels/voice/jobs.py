"""Outbox handlers of the voice channel (discovered by ``hotline worker``).

- ``voice.fetch_recording``: download a recording (streamed, with the
  account credentials), disguise it, store it encrypted to the case's
  teams, then schedule its deletion at the provider. It waits for the
  recording's row (the Record action) if the status callback came first,
  and for the file if the provider is not ready to serve it; when either
  never comes, nothing is stored and the provider's copy is deleted anyway.
- ``voice.delete_recording``: DELETE the Recording resource, retried until
  done (``schedule.DELETE_ATTEMPTS``), audited without any provider id.
- ``voice.delete_call``: DELETE a finished call's record (the caller's
  number, location, times), once the recordings that were waiting when the
  call ended are downloaded; retried until done, 404 is done, audited
  without any provider id.
- ``voice.sweep_calls``: end calls whose status callback never came
  (counting the missed ones), hourly; it schedules its successor.

Handlers talk to the provider with no transaction open (on SQLite an open
transaction holds the write lock). The worker clears a job's payload
(sealed sid and URL) when the job finishes.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import select

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.channels.sms.relay import open_token
from hotline.channels.voice import calls, recordings, schedule
from hotline.channels.voice.models import VoiceRecording
from hotline.db import utcnow
from hotline.outbox.jobs import JobContext, RetryLater, handler
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient

# Runs of the fetch job before it gives up waiting (for the Record action's
# row, or for the provider to serve the file) and only deletes.
MAX_FETCH_ATTEMPTS: Final = 8
WAIT_SECONDS: Final = 30


@handler(schedule.FETCH_RECORDING)
def fetch_recording(ctx: JobContext, payload: dict[str, Any]) -> None:
    session, ref = ctx.session, str(payload["ref"])
    row = session.get(VoiceRecording, ref)
    waiting = ctx.attempt < MAX_FETCH_ATTEMPTS
    if row is None:
        if waiting:
            raise RetryLater(WAIT_SECONDS)
        # No call step ever claimed this recording: nothing to attach it to.
        audit(session, ctx.settings.pepper, "voice.recording.dropped",
              details={"reason": "unclaimed"})
        schedule.delete_recording(session, payload["sid"], ref, None)
        return
    case_id = row.case_id
    if row.status == "pending":
        session.rollback()  # no transaction open while the provider is called
        outcome = _fetch(ctx, open_token(ctx.settings, schedule.URL_PURPOSE, payload["url"]),
                         waiting)
        row = session.get(VoiceRecording, ref)
        case = session.get(Case, case_id)
        if row is None or case is None:  # the case was deleted meanwhile
            schedule.delete_recording(session, payload["sid"], ref, None)
            return
        if isinstance(outcome, str):
            row.status = outcome
            audit(session, ctx.settings.pepper, "voice.recording.dropped", case_id=case_id,
                  details={"reason": outcome})
        else:
            original, disguised = outcome
            recordings.store(ctx, row, case, original, disguised)
    schedule.delete_recording(session, payload["sid"], ref, case_id)


def _fetch(ctx: JobContext, url: str, waiting: bool) -> tuple[bytes, bytes | None] | str:
    """(original, disguised or None), or why there is nothing to store."""
    try:
        original = recordings.download(ctx, url)
    except ProviderTransient:
        if waiting:
            raise
        return "unavailable"
    except ProviderPermanent:
        # Twilio answers 404 until the file is ready: wait for it, a while.
        if waiting:
            raise RetryLater(WAIT_SECONDS) from None
        return "unavailable"
    except recordings.TooLarge:
        return "rejected"
    return original, recordings.disguise(original)


@handler(schedule.DELETE_RECORDING)
def delete_recording(ctx: JobContext, payload: dict[str, Any]) -> None:
    sid = open_token(ctx.settings, schedule.SID_PURPOSE, payload["sid"])
    ctx.provider.delete_recording(sid)
    case_id = payload.get("case_id")
    audit(ctx.session, ctx.settings.pepper, "voice.recording.deleted",
          case_id=int(case_id) if case_id is not None else None, details={})


@handler(schedule.DELETE_CALL)
def delete_call(ctx: JobContext, payload: dict[str, Any]) -> None:
    session = ctx.session
    own = session.get(Job, ctx.job_id)
    # Recordings are tied to their call at the provider: let every download
    # that was due when this call ended finish before its record goes.
    waiting = own is not None and session.scalar(select(Job.id).where(
        Job.kind == schedule.FETCH_RECORDING, Job.status.in_(("pending", "running")),
        Job.created_at <= own.created_at).limit(1))
    session.rollback()  # no transaction open while the provider is called
    if waiting:
        raise RetryLater(WAIT_SECONDS)
    ctx.provider.delete_call(open_token(ctx.settings, schedule.CALL_SID_PURPOSE, payload["sid"]))
    audit(session, ctx.settings.pepper, "voice.call.deleted", details={})


@handler(schedule.SWEEP_CALLS)
def sweep_calls(ctx: JobContext, payload: dict[str, Any]) -> None:
    now = utcnow()
    while calls.sweep(ctx.session, now) == 500:
        ctx.session.commit()
    # Free this job's hour slot, so that the next sweep is scheduled even
    # when this one ran early (as the SMS sweep does).
    own = ctx.session.get(Job, ctx.job_id)
    if own is not None:
        own.dedupe_key = None
        ctx.session.flush()
    schedule.sweep_calls(ctx.session, now)
