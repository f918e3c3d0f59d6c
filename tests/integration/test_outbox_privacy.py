"""Privacy invariant 1 on the outbox path: a send job to a canary number,
through the real Twilio provider (mocked HTTP), and the purge it schedules.
Neither the number nor the provider's sid may appear in a log line or in any
outbox/audit row."""

from __future__ import annotations

import base64
import logging
import os
from datetime import timedelta

import responses
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import text, update

from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.jobs import enqueue, handler
from hotline.outbox.models import Job
from hotline.outbox.providers.factory import EXTENSION_KEY
from hotline.outbox.providers.twilio import TwilioProvider
from hotline.outbox.sends import send_once
from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash

CANARY = "+14155550163"
CANARY_FORMS = (CANARY, "4155550163", "415 555 0163", "415-555-0163")
SID = "SM" + "c0ffee" * 5 + "42"
ACCOUNT = "AC" + "9" * 32
API = f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}"


def _seal(key: bytes, value: str) -> str:
    nonce = os.urandom(12)
    return base64.b64encode(nonce + ChaCha20Poly1305(key[:32]).encrypt(
        nonce, value.encode(), b"test-relay")).decode()


def _open(key: bytes, sealed: str) -> str:
    raw = base64.b64decode(sealed)
    return ChaCha20Poly1305(key[:32]).decrypt(raw[:12], raw[12:], b"test-relay").decode()


@handler("test.privacy.reply")
def _reply(ctx, payload):
    to = _open(ctx.settings.relay_key, payload["to"])
    result = send_once(ctx, to=to, body="Thank you. We will text you back.")
    enqueue(ctx.session, "test.privacy.purge",
            {"sid": _seal(ctx.settings.relay_key, result.sid)},
            dedupe_key=keyed_hash(ctx.settings.pepper, PURPOSE_PROVIDER_SID, result.sid))


@handler("test.privacy.purge")
def _purge(ctx, payload):
    ctx.provider.delete_message(_open(ctx.settings.relay_key, payload["sid"]))


@handler("test.privacy.crash")
def _crash(ctx, payload):
    raise RuntimeError(f"could not reach {_open(ctx.settings.relay_key, payload['to'])} ({SID})")


def _rows(app) -> str:
    with app.app_context(), db.engine.connect() as connection:
        dumps = []
        for table in ("outbox_job", "outbox_send", "audit_entry"):
            dumps += [repr(tuple(row)) for row in connection.execute(text(f"select * from {table}"))]
    return "\n".join(dumps)


def test_send_job_never_stores_or_logs_the_number_or_sid(app, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    app.extensions[EXTENSION_KEY] = TwilioProvider(ACCOUNT, "t" * 32, "+15005550006")
    relay = app.config["HOTLINE_SETTINGS"].relay_key
    with app.app_context():
        send = enqueue(db.session, "test.privacy.reply", {"to": _seal(relay, CANARY)}).id
        crash = enqueue(db.session, "test.privacy.crash", {"to": _seal(relay, CANARY)}).id
        db.session.execute(update(Job).where(Job.id == crash).values(max_attempts=1))
        db.session.commit()
    with responses.RequestsMock() as api:
        api.post(f"{API}/Messages.json", status=201, json={"sid": SID, "to": CANARY})
        api.delete(f"{API}/Messages/{SID}.json", status=204)
        from hotline.outbox.worker import run_once

        assert run_once(app, limit=10) == 3  # reply, crash, then the purge it enqueued
        assert len(api.calls) == 2
    with app.app_context():
        statuses = {job.kind: job.status for job in db.session.query(Job)}
        assert statuses == {"test.privacy.reply": "done", "test.privacy.purge": "done",
                            "test.privacy.crash": "dead"}
        assert db.session.get(Job, send).payload == "{}"
        db.session.execute(update(Job).values(finished_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()

    stored = _rows(app)
    captured = capfd.readouterr()
    logs = caplog.text + captured.out + captured.err
    assert "test.privacy.reply: done" in caplog.text
    assert "RuntimeError" in caplog.text
    for needle in (*CANARY_FORMS, SID, ACCOUNT):
        assert needle not in stored, f"{needle!r} stored"
        assert needle not in logs, f"{needle!r} logged"
