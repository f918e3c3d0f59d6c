"""Voice channel parts: stripping webhook parameters, the language menu with
more than nine languages, and TwiML that parses as XML."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from flask import Flask
from flask_babel import Babel

from hotline.channels.voice import twiml
from hotline.channels.voice.calls import pick_language
from hotline.channels.voice.inbound import (
    MalformedWebhook,
    caller_number,
    parse_recording,
    parse_step,
)
from hotline.i18n import TRANSLATIONS_DIR
from hotline.intake.languages import ALL_LANGUAGES
from hotline.settings import Settings

CALL = "CA" + "0f" * 16
RECORDING = "RE" + "1e" * 16


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(instance_path=tmp_path, database_url="sqlite://",
                    secret_key=secrets.token_bytes(32), pepper=secrets.token_bytes(32),
                    relay_key=secrets.token_bytes(32), public_url="https://line.example")


@pytest.fixture
def babel_app() -> Flask:
    app = Flask("voice-test")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    Babel(app)
    return app


def test_a_step_keeps_only_the_hash_of_the_call_and_the_keys(settings):
    step = parse_step(settings, {"CallSid": CALL, "From": "+34611000222", "Digits": "1",
                                 "FromCity": "Canaryburgo", "CallerZip": "29007"})
    assert step.digits == "1" and len(step.call) == 64 and CALL not in repr(step)
    assert parse_step(settings, {"CallSid": CALL}).digits is None  # a timeout
    for bad in ({}, {"CallSid": "CA123"}, {"CallSid": CALL, "Digits": "1<x>"}):
        with pytest.raises(MalformedWebhook):
            parse_step(settings, bad)


def test_recording_ids_stay_out_of_repr(settings):
    url = f"https://api.twilio.com/2010-04-01/Accounts/AC{'0' * 32}/Recordings/{RECORDING}"
    event = parse_recording(settings, {"RecordingSid": RECORDING, "RecordingUrl": url,
                                       "RecordingDuration": "42"})
    assert event is not None and event.duration == 42 and event.status == "completed"
    assert RECORDING not in repr(event) and url not in repr(event)
    assert parse_recording(settings, {"CallSid": CALL}) is None
    with pytest.raises(MalformedWebhook):
        parse_recording(settings, {"RecordingSid": RECORDING, "RecordingUrl": "http://x"})


def test_withheld_numbers_are_not_kept():
    assert caller_number({"From": "+34 611 00 02 22"}) == "+34611000222"
    for withheld in ("anonymous", "Restricted", "", "+266696687"):
        assert caller_number({"From": withheld}) is None


def test_more_than_nine_languages_take_one_or_two_keys(settings, babel_app):
    languages = ALL_LANGUAGES[:12]
    assert pick_language(languages, "1") == "en"
    assert pick_language(languages, "12") == languages[11]
    for invalid in (None, "", "0", "13", "1*", "#"):
        assert pick_language(languages, invalid) is None
    with babel_app.app_context():
        root = ElementTree.fromstring(twiml.language_menu(settings, languages))
    gather = root.find("Gather")
    assert gather.get("finishOnKey") == "#" and gather.get("numDigits") is None
    assert len(list(gather)) == 12


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar"])
def test_every_response_is_xml_in_the_chosen_voice(settings, babel_app, language):
    tags = {"en": "en-US", "es": "es-MX", "fr": "fr-FR", "ar": "ar-XA"}
    with babel_app.app_context():
        documents = [twiml.intro(settings, language), twiml.record(settings, language, 1),
                     twiml.code_entry(settings, language),
                     twiml.finish(settings, language, "0123456789"),
                     twiml.closing(settings, language, twiml.prompts.GOODBYE)]
    for document in documents:
        root = ElementTree.fromstring(document)
        assert root.tag == "Response"
        says = list(root.iter("Say"))
        assert says and {say.get("language") for say in says} == {tags[language]}
        for element in root.iter():
            for name in ("action", "recordingStatusCallback"):
                if element.get(name):
                    assert element.get(name).startswith("https://line.example/twilio/voice/")


def test_record_length_follows_the_setting(settings, babel_app):
    with babel_app.app_context():
        root = ElementTree.fromstring(twiml.record(replace(settings, voice_max_record_seconds=90),
                                                  "en"))
    assert root.find("Record").get("maxLength") == "90"
