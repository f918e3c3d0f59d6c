"""Send an SMS exactly once per job, even when a worker dies mid-job.

A job's handler runs again after a crash (the lease expires, another worker
claims it), so a plain ``provider.send_sms()`` would text the reporter twice.
``send_once()`` splits the send into phases made durable in ``outbox_send``:

1. commit ``sending`` (token, started_at) - before the provider hears of it;
2. call ``send_sms(idempotency_token=token)``;
3. commit ``sent`` with the keyed hash of the sid - before anything else.

A later run of the job reads the phase: ``sent`` -> skip; no row or
``failed`` (the provider refused: nothing sent) -> send; ``sending`` -> the
earlier run died between 1 and 3, or its provider call failed transiently
(a timeout can hide an accepted message), and only the provider knows
whether step 2 happened. We wait until the attempt is
``outbox_settle_seconds`` old (default 60 s, longer than the provider's
20 s HTTP timeout, so a request the dead worker had in flight has been
processed or dropped), ask ``provider.find_sent()``, and send only if it
finds nothing. Takeovers are compare-and-set on ``tries``: two workers
cannot both resend.

How exact that answer is depends on the provider:

* With idempotency keys (the recording provider; the console provider
  within one process): exact, wherever the crash.
* Twilio has no idempotency keys, and we will not put tokens into message
  bodies a trafficker may read. Its ``find_sent`` lists the recent outbound
  messages to the recipient (from our sender) created since the attempt
  began (minus 5 s for clock skew) with the same body, skipping sids that
  other sends recorded. The residual window is *Twilio accepted the POST
  but step 3 did not commit*: a crash in between (one HTTP response plus
  one commit, well under a second), or a response lost to a timeout or a
  broken connection (up to 20 s). Within that window the answer is wrong
  only if (a) the message was deleted or redacted at Twilio before the
  retry looked (a purge triggered by its status callback), Twilio changed
  the body (Smart Encoding), or its list API had not caught up -> the text
  goes out twice; or (b) another send with the same body to the same
  number also fell into its window unrecorded -> one of the two is never
  sent. A crash before step 2 or after step 3 is always exact.
  To close (a) for purges, put ``send_token(job_id)`` into the status
  callback URL and call ``confirm_sent()`` from the status webhook before
  scheduling a purge: the attempt is then ``sent`` whatever Twilio keeps.
* A provider that cannot tell (``ProviderCannotTell``): the job goes dead
  as ``SendOutcomeUnknown`` rather than risk a second text (at most once).

``send_once`` commits ``ctx.session`` (phases 1 and 3 must be durable on
their own; on SQLite an open write transaction would also block them): call
it after the handler's reads and before its other writes, which then commit
with the job. The provider is never called inside a database transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline.db import utcnow
from hotline.outbox.jobs import JobContext, PermanentFailure, RetryLater
from hotline.outbox.models import SendAttempt
from hotline.outbox.providers.base import ProviderCannotTell, ProviderPermanent
from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash


class SendOutcomeUnknown(PermanentFailure):
    """An earlier run may have sent the message and the provider cannot say."""


@dataclass(frozen=True)
class SendResult:
    #: The provider's sid, in memory only. None when an earlier run sent it
    #: and only its keyed hash was kept.
    sid: str | None
    #: keyed_hash(pepper, PURPOSE_PROVIDER_SID, sid): what status callbacks match on.
    sid_hash: str
    #: True when nothing was sent now because an earlier run already had.
    already_sent: bool


def send_token(job_id: int, slot: str = "sms") -> str:
    """The idempotency token of a job's send: stable across its runs."""
    return f"outbox-{job_id}-{slot}"


def send_once(ctx: JobContext, *, to: str, body: str, status_callback: str | None = None,
              slot: str = "sms") -> SendResult:
    """Send ``body`` to ``to`` unless an earlier run of this job already did.

    ``slot`` names the send when one job sends more than one message. Raises
    RetryLater (another run holds the attempt, or it must settle first),
    ProviderTransient, ProviderPermanent (nothing was sent) or
    SendOutcomeUnknown.
    """
    session, token = ctx.session, send_token(ctx.job_id, slot)
    session.commit()
    begun = _begin(ctx, token, to, body)
    if isinstance(begun, SendResult):
        return begun
    try:
        sid = ctx.provider.send_sms(to, body, status_callback=status_callback,
                                    idempotency_token=token)
    except ProviderPermanent:
        _swap(session, token, begun, state="failed")  # definitely not sent
        raise
    sid_hash = keyed_hash(ctx.settings.pepper, PURPOSE_PROVIDER_SID, sid)
    session.execute(update(SendAttempt).where(SendAttempt.token == token).values(
        state="sent", sid_hash=sid_hash, sent_at=utcnow()))
    session.commit()
    return SendResult(sid, sid_hash, already_sent=False)


def confirm_sent(session: Session, pepper: bytes, token: str, sid: str) -> bool:
    """Record, in the caller's transaction, that the provider confirmed the
    send with ``token`` (e.g. a status callback whose URL carried it).

    Also bumps ``tries``, so a worker reconciling that attempt right now
    loses its compare-and-set instead of resending. False if unknown or
    already recorded.
    """
    result = session.execute(update(SendAttempt).where(
        SendAttempt.token == token, SendAttempt.state != "sent").values(
        state="sent", tries=SendAttempt.tries + 1, sent_at=utcnow(),
        sid_hash=keyed_hash(pepper, PURPOSE_PROVIDER_SID, sid)))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _begin(ctx: JobContext, token: str, to: str, body: str) -> SendResult | int:
    """Phase 1: own the attempt (return its ``tries``), or the earlier result."""
    session = ctx.session
    settle = timedelta(seconds=ctx.settings.outbox_settle_seconds)
    attempt = session.scalar(select(SendAttempt).where(SendAttempt.token == token))
    if attempt is None:
        session.add(SendAttempt(token=token, job_id=ctx.job_id, state="sending", tries=1,
                                started_at=utcnow()))
        try:
            session.commit()
        except IntegrityError:  # another run of this job just began it
            session.rollback()
            raise RetryLater(settle.total_seconds()) from None
        return 1
    seen, state, since, sid_hash = attempt.tries, attempt.state, attempt.started_at, attempt.sid_hash
    session.commit()
    if state == "sent":
        assert sid_hash is not None
        return SendResult(None, sid_hash, already_sent=True)
    if state == "sending":
        waited = utcnow() - since
        if waited < settle:
            raise RetryLater((settle - waited).total_seconds())
        pepper = ctx.settings.pepper
        try:
            sid = ctx.provider.find_sent(token, to=to, body=body, since=since,
                                         known=lambda s: _claimed_elsewhere(session, pepper, token, s))
        except ProviderCannotTell:
            raise SendOutcomeUnknown() from None
        finally:
            session.commit()
        if sid is not None:
            found = keyed_hash(pepper, PURPOSE_PROVIDER_SID, sid)
            if not _swap(session, token, seen, state="sent", sid_hash=found, sent_at=utcnow()):
                raise RetryLater(settle.total_seconds())
            return SendResult(sid, found, already_sent=True)
    if not _swap(session, token, seen, state="sending", tries=seen + 1, started_at=utcnow()):
        raise RetryLater(settle.total_seconds())
    return seen + 1


def _swap(session: Session, token: str, seen: int, **values: object) -> bool:
    """Compare-and-set on ``tries``: update only if nobody took over since."""
    result = session.execute(update(SendAttempt).where(
        SendAttempt.token == token, SendAttempt.tries == seen).values(**values))
    session.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _claimed_elsewhere(session: Session, pepper: bytes, token: str, sid: str) -> bool:
    digest = keyed_hash(pepper, PURPOSE_PROVIDER_SID, sid)
    return session.scalar(select(SendAttempt.id).where(
        SendAttempt.sid_hash == digest, SendAttempt.token != token).limit(1)) is not None
