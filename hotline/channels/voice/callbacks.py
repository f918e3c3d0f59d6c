"""Twilio's callbacks about a call rather than steps in it: the recording
status callback, the call status callback, the fallback URL, and the
prompt files that ``<Play>`` fetches (the one unsigned route)."""

from __future__ import annotations

from contextlib import suppress

from flask import abort, request, send_file
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from hotline.channels.voice import calls, inbound, prompts, schedule, twiml
from hotline.channels.voice.blueprint import blueprint, call_step, current_settings
from hotline.channels.voice.blueprint import twiml_response as _twiml
from hotline.channels.voice.inbound import MalformedWebhook
from hotline.channels.voice.models import VoiceCall
from hotline.channels.voice.prompt_audio import prompt_path
from hotline.db import utcnow
from hotline.extensions import db


@blueprint.route("/recording", methods=["POST"])
def recording_status() -> ResponseReturnValue:
    """The recording status callback: the file is ready (or failed)."""
    settings, now = current_settings(), utcnow()
    try:
        event = inbound.parse_recording(settings, request.form)
    except MalformedWebhook:
        abort(400)
    if event is not None and event.status == "completed":
        schedule.fetch_recording(db.session, settings, event, now, now)
    elif event is not None and event.status == "failed":
        schedule.delete_unused(db.session, settings, event)
    db.session.commit()
    return _twiml(twiml.empty())


@blueprint.route("/status", methods=["POST"])
def call_status() -> ResponseReturnValue:
    """The call status callback: a finished call is forgotten, here and
    (by the outbox) at the provider."""
    step, now = call_step(), utcnow()
    if inbound.call_status(request.form) in inbound.FINAL_CALL_STATUSES:
        calls.end(db.session, step.call, now)
        schedule.delete_call(db.session, current_settings(), step.call,
                             inbound.call_sid(request.form), now)
    db.session.commit()
    return _twiml(twiml.empty())


@blueprint.route("/fallback", methods=["POST"])
def fallback() -> ResponseReturnValue:
    """Twilio calls this when a step failed: apologise in the caller's
    language if we can still tell it, else in the default one."""
    settings = current_settings()
    chosen = settings.default_language
    try:
        call = db.session.get(VoiceCall, inbound.call_hash(settings, request.form))
        chosen = calls.language_of(settings, call)
    except (MalformedWebhook, SQLAlchemyError):
        pass  # whatever failed, the caller still hears the apology
    finally:
        with suppress(SQLAlchemyError):
            db.session.rollback()
    return _twiml(twiml.closing(settings, chosen, prompts.FALLBACK))


@blueprint.route("/prompts/<language>/<name>.wav", methods=["GET"])
def prompt(language: str, name: str) -> ResponseReturnValue:
    path = prompt_path(language, name)
    if path is None:
        abort(404)
    return send_file(path, mimetype="audio/wav", max_age=86_400)
