"""The voice blueprint and what every voice webhook shares: the guard
(size, type, then the Twilio signature, exactly as for SMS: the public URL
from settings and the SDK's validator) and small parsing helpers.

A refusal is a bare status with a fixed word: nothing from the request is
echoed, logged or stored. Prompt files for languages without a Twilio voice
are the one unsigned route (``GET``, public, see ``callbacks``).
"""

from __future__ import annotations

from typing import Final

from flask import Blueprint, Response, abort, current_app, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from hotline.channels.sms.signature import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    public_url,
    valid,
)
from hotline.channels.voice import inbound, prompts, twiml
from hotline.channels.voice.inbound import CallStep, MalformedWebhook
from hotline.channels.voice.twiml import MAX_REPEATS
from hotline.settings import Settings

blueprint = Blueprint("voice", __name__, url_prefix=twiml.PATH)
# A voice webhook is a couple of kilobytes of parameters.
MAX_BODY_BYTES: Final = 32 * 1024
UNSIGNED_ENDPOINTS: Final = frozenset({"voice.prompt"})


def current_settings() -> Settings:
    return current_app.config["HOTLINE_SETTINGS"]


@blueprint.before_request
def _guard() -> None:
    """Refuse before parsing: size, type, then the signature."""
    if request.endpoint in UNSIGNED_ENDPOINTS:
        return
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
    current = current_settings()
    url = public_url(current, request.path, request.query_string)
    if not valid(current, url, request.form, request.headers.get(SIGNATURE_HEADER),
                 request.headers.get(SIGNATURE_SETTINGS_HEADER)):
        abort(403)


@blueprint.errorhandler(HTTPException)
def _refused(error: HTTPException) -> ResponseReturnValue:
    return Response(error.name, status=error.code or 400, mimetype="text/plain")


def twiml_response(body: str) -> Response:
    return Response(body, mimetype="application/xml")


def call_step() -> CallStep:
    try:
        return inbound.parse_step(current_settings(), request.form)
    except MalformedWebhook:
        abort(400)


def failed_answers() -> int:
    """``n`` of the query string: failed answers so far (TwiML sets it)."""
    raw = request.args.get("n", "0")
    return min(int(raw), MAX_REPEATS + 1) if raw.isdigit() else 0


def goodbye(language: str) -> Response:
    return twiml_response(twiml.closing(current_settings(), language, prompts.GOODBYE))
