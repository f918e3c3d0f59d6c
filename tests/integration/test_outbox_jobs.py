"""The outbox queue: enqueue in the caller's transaction, dedupe, retries with
backoff, dead jobs audited, leases that expire, and the worker entry points."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

from hotline.audit.log import append as audit
from hotline.audit.log import verify
from hotline.audit.models import AuditEntry
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.jobs import PermanentFailure, RetryLater, enqueue, handler
from hotline.outbox.models import Job
from hotline.outbox.service import prune
from hotline.outbox.worker import claim, run_forever, run_job, run_once

CANARY = "+1 415 555 0199"
calls: list[tuple[str, dict]] = []


@handler("test.jobs.ok")
def _ok(ctx, payload):
    calls.append(("ok", payload))
    audit(ctx.session, ctx.settings.pepper, "test.handled", details={"n": payload.get("n", 0)})


@handler("test.jobs.plain")
def _plain(ctx, payload):
    calls.append(("plain", payload))


@handler("test.jobs.retry")
def _retry(ctx, payload):
    audit(ctx.session, ctx.settings.pepper, "test.handled")  # must be rolled back
    raise RetryLater(payload.get("delay"))


@handler("test.jobs.boom")
def _boom(ctx, payload):
    raise ValueError(f"cannot text {CANARY}")  # the message must never be logged


class NeverWorks(PermanentFailure):
    pass


@handler("test.jobs.permanent")
def _permanent(ctx, payload):
    raise NeverWorks()


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


def _add(app, kind, payload=None, **kwargs) -> int:
    with app.app_context():
        job = enqueue(db.session, kind, payload or {}, **kwargs)
        db.session.commit()
        return job.id


def _job(app, job_id) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)  # keep its loaded state after the context ends
        return job


def _make_due(app, job_id):
    with app.app_context():
        db.session.execute(update(Job).where(Job.id == job_id).values(
            run_after=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def _handled_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "test.handled"))


def test_enqueue_only_flushes_and_dedupes(app):
    with app.app_context():
        job = enqueue(db.session, "test.jobs.ok", {"n": 1}, dedupe_key="hash-1")
        assert job is not None and job.id is not None and job.status == "pending"
        assert enqueue(db.session, "test.jobs.ok", {"n": 2}, dedupe_key="hash-1") is None
        db.session.rollback()  # the caller's transaction decides
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0
    first = _add(app, "test.jobs.ok", {"n": 1}, dedupe_key="hash-1")
    with app.app_context():
        assert enqueue(db.session, "test.jobs.ok", {"n": 2}, dedupe_key="hash-1") is None
        other = enqueue(db.session, "test.jobs.ok", {"n": 3})
        db.session.commit()
        assert other.id != first
        assert json.loads(db.session.get(Job, first).payload) == {"n": 1}


def test_dedupe_race_between_two_transactions(app):
    """The loser of a race on a dedupe key gets None and a usable transaction."""
    results: dict[str, object] = {}
    with app.app_context():
        assert enqueue(db.session, "test.jobs.ok", {}, dedupe_key="race") is not None

        def second() -> None:
            with app.app_context():
                results["dup"] = enqueue(db.session, "test.jobs.ok", {}, dedupe_key="race")
                results["next"] = enqueue(db.session, "test.jobs.ok", {}, dedupe_key="race-2")
                db.session.commit()

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)  # the second transaction now waits on our insert
        db.session.commit()
        thread.join(30)
    assert results["dup"] is None and results["next"] is not None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job)) == 2


def test_handler_work_and_done_commit_together(app, drain_outbox):
    job_id = _add(app, "test.jobs.ok", {"n": 7, "sealed": "c2VhbGVk"})
    assert drain_outbox() == 1
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.payload) == ("done", 1, "{}")  # payload not kept
    assert job.finished_at is not None and job.locked_by is None
    assert calls == [("ok", {"n": 7, "sealed": "c2VhbGVk"})]
    assert _handled_count(app) == 1
    assert drain_outbox() == 0


def test_retry_later_rolls_back_and_backs_off(app):
    job_id = _add(app, "test.jobs.retry")
    before = utcnow()
    assert run_job(app, job_id) == "retry"
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.last_error) == ("pending", 1, "RetryLater")
    assert before <= job.run_after <= utcnow() + timedelta(seconds=2)  # full jitter, 2 s cap
    assert _handled_count(app) == 0, "the handler's writes were rolled back"

    delayed = _add(app, "test.jobs.retry", {"delay": 30})
    assert run_job(app, delayed) == "retry"
    wait = _job(app, delayed).run_after - utcnow()
    assert timedelta(seconds=28) < wait <= timedelta(seconds=30)


def test_dead_after_max_attempts_is_audited(app, caplog):
    caplog.set_level(logging.DEBUG)
    job_id = _add(app, "test.jobs.boom", {"to": "sealed-value"})
    with app.app_context():
        db.session.execute(update(Job).where(Job.id == job_id).values(max_attempts=3))
        db.session.commit()
    outcomes = []
    for _ in range(3):
        _make_due(app, job_id)
        outcomes.append(run_job(app, job_id))
    assert outcomes == ["retry", "retry", "dead"]
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.last_error, job.payload) == ("dead", 3, "ValueError", "{}")
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "outbox.dead")).all()
        assert [json.loads(e.details) for e in entries] == [{"kind": "test.jobs.boom"}]
        assert verify(db.session, app.config["HOTLINE_SETTINGS"].pepper)[1] == []
    assert "ValueError" in caplog.text
    assert "415" not in caplog.text and "cannot text" not in caplog.text
    _make_due(app, job_id)
    assert run_job(app, job_id) == "skipped"  # dead stays dead


def test_permanent_failure_goes_dead_at_once(app):
    job_id = _add(app, "test.jobs.permanent")
    assert run_job(app, job_id) == "dead"
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.last_error) == ("dead", 1, "NeverWorks")


def test_unknown_kind_is_retried_not_lost(app):
    job_id = _add(app, "test.jobs.not-registered")
    assert run_job(app, job_id) == "retry"
    assert _job(app, job_id).last_error == "UnknownJobKind"


def test_expired_lease_is_claimed_again(app):
    job_id = _add(app, "test.jobs.ok")
    with app.app_context():
        [job] = claim(db.session, "worker-a", 10, timedelta(hours=1))
        assert (job.id, job.status, job.locked_by, job.attempts) == (job_id, "running", "worker-a", 1)
        assert claim(db.session, "worker-b", 10, timedelta(hours=1)) == []
        # worker-a dies; its lease runs out
        db.session.execute(update(Job).where(Job.id == job_id).values(
            locked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        [again] = claim(db.session, "worker-b", 10, timedelta(minutes=5))
        assert (again.locked_by, again.attempts) == ("worker-b", 2)
    assert run_job(app, job_id, worker_id="worker-a") == "skipped"  # a lost lease runs nothing
    assert run_job(app, job_id, worker_id="worker-b") == "done"
    assert len(calls) == 1


def test_job_that_keeps_killing_its_worker_goes_dead(app):
    job_id = _add(app, "test.jobs.ok")
    with app.app_context():
        db.session.execute(update(Job).where(Job.id == job_id).values(
            status="running", attempts=12, locked_by="dead-worker",
            locked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert run_once(app, worker_id="w") == 1
    job = _job(app, job_id)
    assert (job.status, job.last_error, job.attempts) == ("dead", "WorkerLost", 13)
    assert calls == []


def test_not_due_jobs_wait(app, drain_outbox):
    job_id = _add(app, "test.jobs.ok", run_after=utcnow() + timedelta(minutes=5))
    assert drain_outbox() == 0
    _make_due(app, job_id)
    assert drain_outbox() == 1


def test_prune_removes_old_finished_jobs(app, drain_outbox):
    old, recent = _add(app, "test.jobs.ok"), _add(app, "test.jobs.ok")
    waiting = _add(app, "test.jobs.ok", run_after=utcnow() + timedelta(days=30))
    drain_outbox()
    with app.app_context():
        db.session.execute(update(Job).where(Job.id == old).values(
            finished_at=utcnow() - timedelta(days=8)))
        assert prune(db.session) == 1
        db.session.commit()
        left = set(db.session.scalars(select(Job.id)))
    assert left == {recent, waiting}


def test_run_forever_until_stopped(app):
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(app, 0.05, stop),
                              kwargs={"handle_signals": False}, daemon=True)
    thread.start()
    ids = [_add(app, "test.jobs.ok", {"n": n}) for n in range(3)]
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_job(app, i).status != "done" for i in ids):
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert [_job(app, i).status for i in ids] == ["done"] * 3


def test_cli_worker_once(app, settings):
    from hotline.cli import main
    from hotline.settings import encode_secret

    ids = [_add(app, "test.jobs.plain", {"n": n}) for n in range(2)]
    env = {
        "HOTLINE_INSTANCE": str(settings.instance_path),
        "HOTLINE_ENV": "testing",
        "HOTLINE_ARGON2": "insecure-test",
        "HOTLINE_SECRET_KEY": encode_secret(settings.secret_key),
        "HOTLINE_PEPPER": encode_secret(settings.pepper),
        "HOTLINE_RELAY_KEY": encode_secret(settings.relay_key),
        "DATABASE_URL": settings.database_url,
        "HOTLINE_PROVIDER": "recording",
    }
    result = CliRunner().invoke(main, ["worker", "--once", "--concurrency", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert "Ran 2 job(s)." in result.output
    assert [_job(app, i).status for i in ids] == ["done", "done"]
