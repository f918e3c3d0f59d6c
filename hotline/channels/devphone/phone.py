"""The development phone's workings: sign and dispatch a text, keep what
the phone "received".

Like a real phone, its history lives on the phone, not in the service: in
this process's memory, keyed by the fake number, gone on restart. Run the
development server as one process (``flask --app hotline run``, or
``hotline serve --workers 1``) or the history splits between workers.
Caseworker replies are sent by the outbox through the console provider;
"Deliver replies" runs the outbox here, so they land in this process's
console provider and show up on the page.
"""

from __future__ import annotations

import secrets
import threading
from typing import Final
from xml.etree import ElementTree

from flask import Flask
from werkzeug.test import Client

from hotline.channels.sms.signature import SIGNATURE_HEADER, public_url, sign
from hotline.outbox.providers.factory import provider_for_app

WEBHOOK_PATH: Final = "/twilio/sms"
DEV_LINE: Final = "+12025550100"
# Fictional or never-dialled numbers, one per enabled language's region.
FAKE_NUMBERS: Final = (
    ("+12025550143", "United States"),
    ("+447700900123", "United Kingdom"),
    ("+34600000123", "Spain"),
    ("+33639980123", "France"),
    ("+966500000123", "Saudi Arabia"),
    ("+84900000123", "Viet Nam"),
)
MAX_ENTRIES: Final = 50
_lock = threading.Lock()


def _store(app: Flask) -> dict[str, list[dict[str, str]]]:
    return app.extensions.setdefault("devphone_history", {})


def _append(app: Flask, number: str, sender: str, text: str) -> None:
    with _lock:
        entries = _store(app).setdefault(number, [])
        entries.append({"from": sender, "text": text})
        del entries[:-MAX_ENTRIES]


def history(app: Flask, number: str) -> list[dict[str, str]]:
    """What the phone shows, with caseworker replies the provider sent since."""
    provider = provider_for_app(app)
    sent_to = getattr(provider, "sent_to", None)
    if sent_to is not None:
        seen = app.extensions.setdefault("devphone_seen", {})
        bodies = sent_to(number)
        for body in bodies[seen.get(number, 0):]:
            _append(app, number, "caseworker", body)
        seen[number] = len(bodies)
    with _lock:
        return list(_store(app).get(number, []))


def send_text(app: Flask, number: str, body: str) -> None:
    """Text the hotline as Twilio would deliver it, and keep the replies."""
    settings = app.config["HOTLINE_SETTINGS"]
    params = {
        "MessageSid": "SM" + secrets.token_hex(16),
        "SmsSid": "SM" + secrets.token_hex(16),
        "AccountSid": "AC" + "0" * 32,
        "From": number,
        "To": DEV_LINE,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "SmsStatus": "received",
        "ApiVersion": "2010-04-01",
    }
    signature = sign(settings, public_url(settings, WEBHOOK_PATH), params)
    _append(app, number, "me", body)
    # A fresh application context: the webhook gets its own database
    # session and request state, as it would in its own request.
    with app.app_context():
        response = Client(app).post(WEBHOOK_PATH, data=params,
                                    headers={SIGNATURE_HEADER: signature})
    if response.status_code != 200:
        _append(app, number, "error", f"HTTP {response.status_code}")
        return
    # Our own TwiML, just produced by this process: trusted input.
    root = ElementTree.fromstring(response.get_data())  # noqa: S314
    for message in root.iter("Message"):
        _append(app, number, "line", message.text or "")


def deliver_queued(app: Flask, number: str, limit: int = 50) -> int:
    """Run due outbox jobs here (caseworker replies, purges)."""
    from hotline.outbox.jobs import discover_handlers
    from hotline.outbox.worker import run_once

    discover_handlers()
    ran = 0
    while ran < limit:
        count = run_once(app)
        if count == 0:
            break
        ran += count
    history(app, number)
    return ran
