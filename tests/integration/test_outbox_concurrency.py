"""Several workers at once: every job runs exactly once (SKIP LOCKED on
PostgreSQL; serialized write transactions on SQLite)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hotline.extensions import db, make_engine
from hotline.outbox.jobs import enqueue, handler
from hotline.outbox.models import Job
from hotline.outbox.worker import claim, run_once
from tests.conftest import BACKEND

runs: Counter[int] = Counter()
by_worker: Counter[str] = Counter()
_lock = threading.Lock()


@handler("test.concurrency.count")
def _count(ctx, payload):
    with _lock:
        runs[ctx.job_id] += 1
        by_worker[ctx.worker_id] += 1
    time.sleep(0.002)  # long enough for the workers to interleave


def test_workers_drain_200_jobs_each_exactly_once(app):
    runs.clear()
    by_worker.clear()
    with app.app_context():
        ids = [enqueue(db.session, "test.concurrency.count", {"n": n}).id for n in range(200)]
        db.session.commit()
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        start.wait()
        try:
            while run_once(app, worker_id=name, limit=5):
                pass
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"w{i}",), daemon=True) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    assert sorted(runs) == sorted(ids)
    assert set(runs.values()) == {1}, "a job ran twice"
    assert len(by_worker) == 3 and min(by_worker.values()) > 0, by_worker
    with app.app_context():
        statuses = db.session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    assert statuses == [("done", 200)]


@pytest.mark.skipif(BACKEND == "sqlite", reason="SQLite has no row locks to skip")
def test_claim_skips_rows_locked_by_another_worker(app, database_url):
    with app.app_context():
        first, second = (enqueue(db.session, "test.concurrency.count", {}).id for _ in range(2))
        db.session.commit()
    other = make_engine(database_url)
    try:
        with other.connect() as connection:
            transaction = connection.begin()
            # Another worker is mid-claim on the first job.
            connection.execute(select(Job.id).where(Job.id == first).with_for_update())
            with app.app_context():
                started = time.monotonic()
                claimed = claim(db.session, "me", 10, timedelta(minutes=5))
                assert time.monotonic() - started < 5, "claim waited for a locked row"
            assert [job.id for job in claimed] == [second]
            transaction.rollback()
    finally:
        other.dispose()
