"""The development phone: text the hotline from a browser, no Twilio needed.

Registered only when ``HOTLINE_ENV=development`` (so 404 everywhere else).
A text typed here is signed exactly as Twilio signs a webhook and sent
through the app's own WSGI stack to ``POST /twilio/sms``: the same size
checks, signature check, stripping, intake and TwiML as a real text.

Works without JavaScript: plain forms, post/redirect/get.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from hotline.channels.devphone.phone import (
    FAKE_NUMBERS,
    deliver_queued,
    history,
    send_text,
)
from hotline.privacy.identifiers import normalize_phone

blueprint = Blueprint("devphone", __name__, url_prefix="/dev", template_folder="templates")


def _number(raw: str | None) -> str:
    number = normalize_phone(raw or "") if raw else None
    return number or FAKE_NUMBERS[0][0]


@blueprint.before_request
def _development_only() -> None:
    if not current_app.config["HOTLINE_SETTINGS"].development:
        abort(404)


@blueprint.get("/phone")
def phone() -> ResponseReturnValue:
    number = _number(request.args.get("number"))
    return render_template("devphone/phone.html", number=number, numbers=FAKE_NUMBERS,
                           entries=history(current_app, number))


@blueprint.post("/phone")
def send() -> ResponseReturnValue:
    number = _number(request.form.get("number"))
    body = (request.form.get("body") or "").strip()
    if body:
        send_text(current_app, number, body[:1600])
    return redirect(url_for("devphone.phone", number=number))


@blueprint.post("/phone/deliver")
def deliver() -> ResponseReturnValue:
    number = _number(request.form.get("number"))
    deliver_queued(current_app, number)
    return redirect(url_for("devphone.phone", number=number))
