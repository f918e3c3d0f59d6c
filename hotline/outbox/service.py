"""``hotline worker``: run the outbox with N threads, prune finished jobs.

Each thread is an independent worker (own id, own connection), exactly as
safe as separate processes; any number of ``hotline worker`` processes may
run against one PostgreSQL database.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from flask import Flask
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.jobs import discover_handlers
from hotline.outbox.models import Job, SendAttempt
from hotline.outbox.providers.factory import provider_for_app
from hotline.outbox.worker import install_signal_handlers, new_worker_id, run_forever, run_once

log = logging.getLogger("hotline.outbox")
#: Finished jobs (payload already cleared) are kept this long for diagnosis,
#: and so that a late duplicate of a webhook still meets its dedupe_key.
RETENTION = timedelta(days=7)
PRUNE_EVERY = 3600.0


def prune(session: Session, older_than: timedelta = RETENTION, batch: int = 1000) -> int:
    """Delete done/dead jobs (and their send attempts) finished before the cutoff."""
    cutoff = utcnow() - older_than
    ids = list(session.scalars(select(Job.id).where(
        Job.status.in_(("done", "dead")), Job.finished_at < cutoff).limit(batch)))
    if ids:
        session.execute(delete(SendAttempt).where(SendAttempt.job_id.in_(ids)))
        session.execute(delete(Job).where(Job.id.in_(ids)))
    return len(ids)


def _prune(app: Flask) -> None:
    try:
        with app.app_context():
            while prune(db.session):
                db.session.commit()
            db.session.commit()
    except Exception as error:  # pruning must not stop the worker
        log.warning("outbox prune failed (%s)", type(error).__name__)


def serve(app: Flask, *, once: bool = False, concurrency: int = 1) -> int:
    """Run workers until stopped (SIGTERM/SIGINT), or with ``once`` until no
    job is due; return the number of jobs run (``once``) or 0."""
    kinds = discover_handlers()
    provider_for_app(app)  # fail at start-up on a misconfigured provider
    log.info("outbox worker: %d thread(s), %d job kind(s)", concurrency, len(kinds))
    stop = threading.Event()
    restore = install_signal_handlers(stop)
    try:
        return _run(app, stop, once, concurrency)
    finally:
        restore()


def _run(app: Flask, stop: threading.Event, once: bool, concurrency: int) -> int:
    counts = [0] * concurrency

    def drain(index: int) -> None:
        worker_id = new_worker_id()
        while not stop.is_set():
            ran = run_once(app, worker_id=worker_id, stop_event=stop)
            counts[index] += ran
            if ran == 0:
                return

    def loop(index: int) -> None:
        run_forever(app, stop_event=stop, handle_signals=False)

    threads = [threading.Thread(target=drain if once else loop, args=(i,),
                                name=f"outbox-{i}", daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    if not once:
        while not stop.wait(PRUNE_EVERY):
            _prune(app)
    for thread in threads:
        thread.join()
    _prune(app)
    return sum(counts)
