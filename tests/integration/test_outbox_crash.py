"""A worker killed (SIGKILL) in the middle of a send job: the next worker
completes the job and the message is sent exactly once. Also: SIGTERM lets
the current job finish.

The worker runs in a subprocess started from this very module (see
``_harness`` at the bottom): a FileRecordingProvider persists every provider
call to a JSON-lines file, and blocks right before, or right after, the
provider accepts the send, until it is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from hotline.extensions import db
from hotline.outbox.jobs import enqueue, handler
from hotline.outbox.models import Job, SendAttempt
from hotline.outbox.providers.recording import FileRecordingProvider
from hotline.outbox.sends import send_once, send_token
from hotline.settings import encode_secret

ROOT = Path(__file__).resolve().parents[2]
CANARY_NUMBER = "+14155550177"
NUMBERS = {"ref-1": CANARY_NUMBER}


@handler("test.crash.send")
def _send(ctx, payload):
    send_once(ctx, to=NUMBERS[payload["ref"]], body="We received your message.")


@handler("test.crash.slow")
def _slow(ctx, payload):
    Path(payload["flag"]).touch()
    time.sleep(1.5)
    Path(payload["done"]).touch()


def _env(settings, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOTLINE_INSTANCE": str(settings.instance_path),
        "HOTLINE_ENV": "testing",
        "HOTLINE_ARGON2": "insecure-test",
        "HOTLINE_SECRET_KEY": encode_secret(settings.secret_key),
        "HOTLINE_PEPPER": encode_secret(settings.pepper),
        "HOTLINE_RELAY_KEY": encode_secret(settings.relay_key),
        "DATABASE_URL": settings.database_url,
        "HOTLINE_OUTBOX_LEASE_SECONDS": "1",
        "HOTLINE_OUTBOX_SETTLE_SECONDS": "1",
        "HOTLINE_OUTBOX_POLL_SECONDS": "1",
        **extra,
    }


def _start(env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("ab")
    return subprocess.Popen([sys.executable, "-m", "tests.integration.test_outbox_crash"],
                            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def _wait_for(path: Path, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, f"worker exited early:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"worker never got there:\n{log.read_text()}"
        time.sleep(0.05)


def _state(app, job_id) -> tuple[str, str | None]:
    with app.app_context():
        job = db.session.get(Job, job_id)
        attempt = db.session.scalar(select(SendAttempt).where(SendAttempt.job_id == job_id))
        return job.status, attempt.state if attempt else None


@pytest.mark.slow
@pytest.mark.parametrize("point", ["before", "after"])
def test_killed_mid_send_sends_exactly_once(app, settings, tmp_path, point):
    with app.app_context():
        job_id = enqueue(db.session, "test.crash.send", {"ref": "ref-1"}).id
        db.session.commit()
    record, flag, log = tmp_path / "provider.jsonl", tmp_path / "blocked", tmp_path / "worker.log"
    env = _env(settings, OUTBOX_RECORD=str(record), OUTBOX_BLOCK=point, OUTBOX_FLAG=str(flag),
               OUTBOX_JOB=str(job_id))
    proc = _start(env, log)
    _wait_for(flag, proc, log)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)

    sends = FileRecordingProvider(record).sent
    assert len(sends) == (1 if point == "after" else 0)
    assert _state(app, job_id) == ("running", "sending"), "died between phase 1 and phase 3"

    fresh = _start(env | {"OUTBOX_BLOCK": ""}, log)
    assert fresh.wait(90) == 0, log.read_text()
    assert _state(app, job_id) == ("done", "sent")
    provider = FileRecordingProvider(record)
    assert [(s["to"], s["token"]) for s in provider.sent] == [(CANARY_NUMBER, send_token(job_id))]
    assert len(provider.of("find_sent")) == 1, "the fresh worker asked the provider"
    output = log.read_text()
    assert CANARY_NUMBER not in output and "4155550177" not in output
    assert provider.sent[0]["sid"] not in output


@pytest.mark.slow
def test_sigterm_finishes_the_current_job(app, settings, tmp_path):
    flag, done, log = tmp_path / "started", tmp_path / "finished", tmp_path / "worker.log"
    with app.app_context():
        job_id = enqueue(db.session, "test.crash.slow", {"flag": str(flag), "done": str(done)}).id
        db.session.commit()
    proc = _start(_env(settings, OUTBOX_MODE="cli", HOTLINE_PROVIDER="recording"), log)
    _wait_for(flag, proc, log)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0, log.read_text()
    assert done.exists()
    with app.app_context():
        assert db.session.get(Job, job_id).status == "done"


# -- the worker process -----------------------------------------------------------


class _BlockingProvider(FileRecordingProvider):
    """Blocks (until killed) right before, or right after, accepting a send."""

    def __init__(self, path: str, block: str, flag: str) -> None:
        super().__init__(path)
        self.block, self.flag = block, Path(flag)

    def _stop_here(self) -> None:
        self.flag.touch()
        while True:
            time.sleep(1)

    def send_sms(self, to, body, *, status_callback, idempotency_token):
        if self.block == "before":
            self._stop_here()
        sid = super().send_sms(to, body, status_callback=status_callback,
                               idempotency_token=idempotency_token)
        if self.block == "after":
            self._stop_here()
        return sid


def _harness() -> int:
    from hotline import create_app
    from hotline.outbox.providers.factory import EXTENSION_KEY
    from hotline.outbox.worker import run_once

    if os.environ.get("OUTBOX_MODE") == "cli":
        from hotline.cli import main

        main(["worker"], standalone_mode=False)
        return 0
    app = create_app()
    app.extensions[EXTENSION_KEY] = _BlockingProvider(
        os.environ["OUTBOX_RECORD"], os.environ["OUTBOX_BLOCK"], os.environ["OUTBOX_FLAG"])
    job_id = int(os.environ["OUTBOX_JOB"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the dead worker's lease must expire first
        run_once(app, limit=1)
        with app.app_context():
            if db.session.get(Job, job_id).status == "done":
                return 0
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(_harness())
