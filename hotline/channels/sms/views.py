"""Twilio webhooks: ``POST /twilio/sms`` (inbound) and ``/twilio/sms/status``.

Thin views: bound the body, check the signature, parse (dropping what we
must not keep), call one operation, commit, answer TwiML. Every refusal is
a bare status with a fixed word: no page, nothing from the request echoed,
nothing logged, nothing stored.
"""

from __future__ import annotations

from typing import Final

from flask import Blueprint, Response, abort, current_app, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from hotline.channels.sms import twiml
from hotline.channels.sms.inbound import MalformedWebhook, parse_inbound, parse_status
from hotline.channels.sms.operations import (
    Outcome,
    already_received,
    receive,
    record_status,
)
from hotline.channels.sms.signature import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    public_url,
    valid,
)
from hotline.extensions import db
from hotline.intake.model import IntakeError
from hotline.settings import Settings

blueprint = Blueprint("sms", __name__, url_prefix="/twilio/sms")
# A Twilio webhook is a few kilobytes (a 1600-character body, 10 media URLs).
MAX_BODY_BYTES: Final = 64 * 1024
STATUS_PATH: Final = "/twilio/sms/status"


def _settings() -> Settings:
    return current_app.config["HOTLINE_SETTINGS"]


@blueprint.before_request
def _guard() -> None:
    """Refuse before parsing: size, type, then the signature."""
    if request.method != "POST":
        abort(405)
    if request.content_length is None:
        abort(411)
    if request.content_length > MAX_BODY_BYTES:
        abort(413)
    if request.mimetype != "application/x-www-form-urlencoded":
        abort(415)
    request.max_content_length = MAX_BODY_BYTES
    request.max_form_memory_size = MAX_BODY_BYTES
    settings = _settings()
    url = public_url(settings, request.path, request.query_string)
    if not valid(settings, url, request.form, request.headers.get(SIGNATURE_HEADER),
                 request.headers.get(SIGNATURE_SETTINGS_HEADER)):
        abort(403)


@blueprint.errorhandler(HTTPException)
def _refused(error: HTTPException) -> ResponseReturnValue:
    return Response(error.name, status=error.code or 400, mimetype="text/plain")


def _twiml(body: str) -> Response:
    return Response(body, mimetype="application/xml")


@blueprint.route("", methods=["POST"])
def inbound() -> ResponseReturnValue:
    settings = _settings()
    try:
        message = parse_inbound(request.form)
    except MalformedWebhook:
        abort(400)
    try:
        outcome = receive(db.session, settings, message)
        db.session.commit()
        outcome.after_commit(settings.instance_path)
    except IntegrityError:
        db.session.rollback()
        if not already_received(db.session, settings, message):
            raise
        # The same MessageSid, committed by a concurrent retry first.
        outcome = Outcome(duplicate=True)
    except IntakeError:
        db.session.rollback()
        abort(400)
    callback = public_url(settings, STATUS_PATH) if outcome.replies else None
    return _twiml(twiml.render(outcome.replies, callback))


@blueprint.route("/status", methods=["POST"])
def status() -> ResponseReturnValue:
    try:
        report = parse_status(request.form)
    except MalformedWebhook:
        abort(400)
    record_status(db.session, _settings(), report)
    db.session.commit()
    return _twiml(twiml.empty())
