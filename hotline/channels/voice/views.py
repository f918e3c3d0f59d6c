"""Twilio voice webhooks under ``/twilio/voice``: the steps of a call.

Configure the number's "a call comes in" webhook as ``POST /twilio/voice``,
its fallback as ``POST /twilio/voice/fallback`` and its call status
callback as ``POST /twilio/voice/status`` (those and the recording status
callback are in ``callbacks``); the other URLs are named in the TwiML
itself. Every webhook is signature-checked (``blueprint``).

Thin views: parse (``inbound`` drops what we must not keep), call one
operation, commit, answer TwiML.
"""

from __future__ import annotations

from typing import Final

from flask import Response, abort, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from hotline.cases.models import Case
from hotline.channels.voice import (
    callbacks,  # noqa: F401 - registers the status, fallback and prompt routes
    calls,
    inbound,
    operations,
    prompts,
    schedule,
    twiml,
)
from hotline.channels.voice.blueprint import (
    blueprint,
    call_step,
    current_settings,
    failed_answers,
    goodbye,
)
from hotline.channels.voice.blueprint import twiml_response as _twiml
from hotline.channels.voice.inbound import CallStep, MalformedWebhook
from hotline.channels.voice.models import VoiceCall
from hotline.channels.voice.twiml import MAX_REPEATS
from hotline.db import utcnow
from hotline.extensions import db

__all__ = ["blueprint"]
ANSWERS: Final = {prompts.YES_KEY: True, prompts.NO_KEY: False}


def _notice(step: CallStep) -> prompts.Prompt:
    return prompts.INVALID if step.digits else prompts.NO_INPUT


@blueprint.route("", methods=["POST"])
def incoming() -> ResponseReturnValue:
    settings, step, now = current_settings(), call_step(), utcnow()
    try:
        calls.current(db.session, step.call, now)
        schedule.sweep_calls(db.session, now)
        db.session.commit()
    except IntegrityError:  # a retried webhook, committed first by its twin
        db.session.rollback()
    languages = calls.menu_languages(db.session, settings)
    db.session.commit()
    return _twiml(twiml.language_menu(settings, languages, first=_caller_language(languages)))


def _caller_language(languages: tuple[str, ...]) -> str | None:
    return calls.caller_language(languages, inbound.caller_number(request.form))


@blueprint.route("/language", methods=["POST"])
def language() -> ResponseReturnValue:
    settings, step, failures = current_settings(), call_step(), failed_answers()
    languages = calls.menu_languages(db.session, settings)
    chosen = calls.pick_language(languages, step.digits)
    if chosen is None:
        db.session.commit()
        if failures >= MAX_REPEATS:
            return goodbye(settings.default_language)
        return _twiml(twiml.language_menu(settings, languages, failures + 1, _notice(step),
                                          first=_caller_language(languages)))
    calls.current(db.session, step.call, utcnow()).language = chosen
    db.session.commit()
    return _twiml(twiml.intro(settings, chosen))


@blueprint.route("/intro", methods=["POST"])
def intro() -> ResponseReturnValue:
    settings, step = current_settings(), call_step()
    chosen = calls.language_of(settings, db.session.get(VoiceCall, step.call))
    db.session.commit()
    if step.digits == prompts.RETURNING_KEY:
        return _twiml(twiml.code_entry(settings, chosen))
    return _twiml(twiml.record(settings, chosen))


@blueprint.route("/code", methods=["POST"])
def code() -> ResponseReturnValue:
    settings, step, failures = current_settings(), call_step(), failed_answers()
    call = calls.current(db.session, step.call, utcnow())
    chosen = calls.language_of(settings, call)
    case = calls.find_case(db.session, step.digits)
    if case is None:
        db.session.commit()
        if failures >= MAX_REPEATS:
            return goodbye(chosen)
        notice = prompts.CODE_UNKNOWN if step.digits else prompts.NO_INPUT
        return _twiml(twiml.code_entry(settings, chosen, failures + 1, notice))
    call.case_id, call.follow_up = case.id, True
    db.session.commit()
    return _twiml(twiml.record(settings, chosen))


@blueprint.route("/record", methods=["POST"])
def record() -> ResponseReturnValue:
    settings, step, failures = current_settings(), call_step(), failed_answers()
    chosen = calls.language_of(settings, db.session.get(VoiceCall, step.call))
    db.session.commit()
    if failures > MAX_REPEATS:
        return goodbye(chosen)
    return _twiml(twiml.record(settings, chosen, failures))


@blueprint.route("/recorded", methods=["POST"])
def recorded() -> ResponseReturnValue:
    """The Record action (also requested when the caller hangs up while
    speaking; Twilio then ignores the answer)."""
    settings, step, failures, now = current_settings(), call_step(), failed_answers(), utcnow()
    try:
        event = inbound.parse_recording(settings, request.form)
    except MalformedWebhook:
        abort(400)
    call = calls.current(db.session, step.call, now)
    chosen = calls.language_of(settings, call)
    if event is None or event.duration == 0:
        if event is not None:
            schedule.delete_unused(db.session, settings, event)
        db.session.commit()
        if failures >= MAX_REPEATS:
            return goodbye(chosen)
        return _twiml(twiml.record(settings, chosen, failures + 1))
    try:
        operations.recording_arrived(db.session, settings, call, event, chosen, now)
        follow_up = call.follow_up
        db.session.commit()
    except IntegrityError:  # the same recording, committed first by a retry
        db.session.rollback()
        again = db.session.get(VoiceCall, step.call)
        follow_up = bool(again is not None and again.follow_up)
        db.session.commit()
    if follow_up:
        return _twiml(twiml.closing(settings, chosen, prompts.FOLLOWUP_DONE))
    return _twiml(twiml.question(settings, chosen, "consent", prompts.CONSENT))


def _answer(step: CallStep, failures: int, name: str,
            prompt: prompts.Prompt) -> tuple[Case | None, str, bool | None, Response | None]:
    """The call's case, language and yes/no answer, or the repeated question."""
    settings = current_settings()
    call = db.session.get(VoiceCall, step.call)
    chosen = calls.language_of(settings, call)
    case = db.session.get(Case, call.case_id) if call and call.case_id else None
    answer = ANSWERS.get(step.digits or "")
    if answer is None and failures < MAX_REPEATS:
        repeat = twiml.question(settings, chosen, name, prompt, failures + 1, _notice(step))
        return case, chosen, None, _twiml(repeat)
    return case, chosen, answer, None  # no answer after the repeats: treated as no


@blueprint.route("/consent", methods=["POST"])
def consent() -> ResponseReturnValue:
    settings, step = current_settings(), call_step()
    case, chosen, answer, repeat = _answer(step, failed_answers(), "consent", prompts.CONSENT)
    if repeat is not None:
        db.session.commit()
        return repeat
    if case is None:
        db.session.commit()
        return goodbye(chosen)
    if answer is not None:
        operations.answer_consent(db.session, settings, case, answer)
    db.session.commit()
    return _twiml(twiml.question(settings, chosen, "contact", prompts.CONTACT))


@blueprint.route("/contact", methods=["POST"])
def contact() -> ResponseReturnValue:
    settings, step = current_settings(), call_step()
    case, chosen, answer, repeat = _answer(step, failed_answers(), "contact", prompts.CONTACT)
    if repeat is not None:
        db.session.commit()
        return repeat
    if case is None:
        db.session.commit()
        return goodbye(chosen)
    number = inbound.caller_number(request.form) if answer else None
    operations.answer_contact(db.session, settings, case, chosen, bool(answer), number, utcnow())
    code_to_read = case.case_code
    db.session.commit()
    return _twiml(twiml.finish(settings, chosen, code_to_read))
