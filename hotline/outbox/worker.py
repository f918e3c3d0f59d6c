"""Run outbox jobs: claim with a lease, run each in its own transaction, retry.

A claim marks jobs ``running`` with ``locked_until = now + lease`` and
commits before any handler runs, so a worker that dies leaves a lease that
expires and the job is claimed again. On PostgreSQL the claim uses
``FOR UPDATE SKIP LOCKED``: concurrent workers never wait for or take each
other's jobs. SQLite serializes write transactions (``BEGIN IMMEDIATE``),
so a plain select is enough there.

A handler's writes and the job's ``done`` commit together; on failure both
roll back and, in a fresh transaction, the job is rescheduled (backoff) or
goes dead (audited "outbox.dead", kind only). Log lines say job id, kind
and outcome; errors are reduced to their class name (messages quote data).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.jobs import (
    JobContext,
    PermanentFailure,
    RetryLater,
    UnknownJobKind,
    WorkerLost,
    backoff,
    handler_for,
)
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient
from hotline.outbox.providers.factory import provider_for_app

log = logging.getLogger("hotline.outbox")


def new_worker_id() -> str:
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def _lease(app: Flask) -> timedelta:
    return timedelta(seconds=app.config["HOTLINE_SETTINGS"].outbox_lease_seconds)


def claim(session: Session, worker_id: str, limit: int, lease: timedelta) -> list[Job]:
    """Lease up to ``limit`` due jobs to ``worker_id`` and commit.

    Due: pending with ``run_after`` passed, or running with an expired lease.
    """
    now = utcnow()
    due = or_(and_(Job.status == "pending", Job.run_after <= now),
              and_(Job.status == "running", Job.locked_until < now))
    query = select(Job).where(due).order_by(Job.run_after, Job.id).limit(limit)
    if session.get_bind().dialect.name != "sqlite":
        query = query.with_for_update(skip_locked=True)
    jobs = list(session.scalars(query))
    for job in jobs:
        _take(job, worker_id, now, lease)
    session.commit()
    return jobs


def _take(job: Job, worker_id: str, now: datetime, lease: timedelta) -> None:
    job.status, job.locked_by, job.locked_until = "running", worker_id, now + lease
    job.attempts += 1


def _own(session: Session, job_id: int, worker_id: str) -> Job | None:
    """The job, row-locked, if this worker still holds its lease."""
    job = session.get(Job, job_id, with_for_update=True, populate_existing=True)
    owned = job is not None and job.status == "running" and job.locked_by == worker_id
    return job if owned else None


def _claim_this(session: Session, job_id: int, worker_id: str, lease: timedelta) -> bool:
    """Lease one given job (any pending, or running with an expired lease)."""
    now = utcnow()
    job = session.get(Job, job_id, with_for_update=True, populate_existing=True)
    ok = job is not None and (job.status == "pending" or (
        job.status == "running" and (job.locked_until or now) < now))
    if job is not None and ok:
        _take(job, worker_id, now, lease)
    session.commit()
    return ok


def run_job(app: Flask, job_id: int, *, worker_id: str | None = None) -> str:
    """Run one claimed job; return its outcome: done, retry, dead or skipped.

    Without ``worker_id`` the job is claimed here first (tests, tools).
    """
    settings = app.config["HOTLINE_SETTINGS"]
    with app.app_context():
        session = db.session
        if worker_id is None:
            worker_id = new_worker_id()
            if not _claim_this(session, job_id, worker_id, _lease(app)):
                return "skipped"
        job = _own(session, job_id, worker_id)
        if job is None:
            session.rollback()
            return "skipped"
        kind, attempt, limit = job.kind, job.attempts, job.max_attempts
        payload: dict[str, Any] = json.loads(job.payload)
        # End the read transaction: a handler may call the network first, and
        # on SQLite an open transaction holds the database's write lock.
        session.rollback()
        fn = handler_for(kind)
        try:
            if attempt > limit:
                raise WorkerLost()
            if fn is None:
                raise UnknownJobKind()
            fn(JobContext(session=session, settings=settings, provider=provider_for_app(app),
                          job_id=job_id, kind=kind, attempt=attempt, worker_id=worker_id),
               payload)
            job = _own(session, job_id, worker_id)
            if job is None:  # lease lost to another worker: undo, it will run there
                session.rollback()
                return _log(job_id, kind, "skipped", "LeaseLost")
            job.status, job.finished_at, job.payload = "done", utcnow(), "{}"
            job.locked_by = job.locked_until = job.last_error = None
            session.commit()
            return _log(job_id, kind, "done")
        except (RetryLater, ProviderTransient) as error:
            delay = (error.delay_seconds if isinstance(error, RetryLater)
                     else error.retry_after)
            return _fail(app, session, job_id, kind, worker_id, error, delay, dead=False)
        except (PermanentFailure, ProviderPermanent, WorkerLost) as error:
            return _fail(app, session, job_id, kind, worker_id, error, None, dead=True)
        except Exception as error:  # any bug: retry, then dead
            return _fail(app, session, job_id, kind, worker_id, error, None, dead=False)


def _fail(app: Flask, session: Session, job_id: int, kind: str, worker_id: str,
          error: BaseException, delay: float | None, *, dead: bool) -> str:
    session.rollback()
    name = type(error).__name__[:64]
    job = _own(session, job_id, worker_id)
    if job is None:
        session.rollback()
        return _log(job_id, kind, "skipped", name)
    now = utcnow()
    job.locked_by, job.locked_until, job.last_error = None, None, name
    if dead or job.attempts >= job.max_attempts:
        job.status, job.finished_at, job.payload = "dead", now, "{}"
        audit(session, app.config["HOTLINE_SETTINGS"].pepper, "outbox.dead",
              details={"kind": kind})
        outcome = "dead"
    else:
        wait = (timedelta(seconds=min(max(delay, 0.0), 86_400.0)) if delay is not None
                else backoff(job.attempts))
        job.status, job.run_after = "pending", now + wait
        outcome = "retry"
    session.commit()
    return _log(job_id, kind, outcome, name, _where(error))


def _where(error: BaseException) -> str:
    """file:line of the innermost frame of our own code: enough to debug, no data."""
    tb, where = error.__traceback__, ""
    while tb is not None:
        path = tb.tb_frame.f_code.co_filename
        if "site-packages" not in path:
            where = f"{path.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _log(job_id: int, kind: str, outcome: str, error: str = "", where: str = "") -> str:
    level = logging.WARNING if outcome == "dead" else logging.INFO
    detail = f" ({error}{' at ' + where if where else ''})" if error else ""
    log.log(level, "outbox job %d %s: %s%s", job_id, kind, outcome, detail)
    return outcome


def run_once(app: Flask, *, worker_id: str | None = None, limit: int = 10,
             stop_event: threading.Event | None = None) -> int:
    """Run up to ``limit`` due jobs, one claim at a time (so each lease is
    fresh when its job starts and other workers take the rest); return how many ran."""
    worker_id = worker_id or new_worker_id()
    ran = 0
    while ran < limit and not (stop_event is not None and stop_event.is_set()):
        with app.app_context():
            jobs = claim(db.session, worker_id, 1, _lease(app))
        if not jobs:
            break
        run_job(app, jobs[0].id, worker_id=worker_id)
        ran += 1
    return ran


def install_signal_handlers(stop_event: threading.Event) -> Callable[[], None]:
    """SIGTERM/SIGINT: finish the current job, then stop; a second one kills.

    Returns a function that puts the previous handlers back.
    """
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stop(signum: int, _frame: object) -> None:
        stop_event.set()
        signal.signal(signum, signal.SIG_DFL)

    for sig in previous:
        signal.signal(sig, stop)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return restore


def run_forever(app: Flask, poll_interval: float | None = None,
                stop_event: threading.Event | None = None, *, worker_id: str | None = None,
                handle_signals: bool = True) -> None:
    """Poll for due jobs until ``stop_event`` is set (or SIGTERM arrives)."""
    stop_event = stop_event or threading.Event()
    restore = (install_signal_handlers(stop_event) if handle_signals
               and threading.current_thread() is threading.main_thread() else None)
    poll = poll_interval if poll_interval is not None else float(
        app.config["HOTLINE_SETTINGS"].outbox_poll_seconds)
    worker_id = worker_id or new_worker_id()
    try:
        while not stop_event.is_set():
            try:
                ran = run_once(app, worker_id=worker_id, stop_event=stop_event)
            except Exception as error:  # e.g. the database restarting
                log.warning("outbox poll failed (%s)", type(error).__name__)
                ran = 0
            if ran == 0:
                stop_event.wait(poll)
    finally:
        if restore is not None:
            restore()
