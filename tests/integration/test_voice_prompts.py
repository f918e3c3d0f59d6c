"""Languages Twilio has no voice for are spoken with <Play> of prompt files
built with espeak-ng (scripts/build-voice-prompts), served unsigned from a
fixed route; a language with no files falls back to the default voice."""

from __future__ import annotations

import io

import pytest
import soundfile

from hotline.channels.voice import prompt_audio, voices


@pytest.fixture
def vietnamese_from_files(voice, app, tmp_path, monkeypatch):
    """Vietnamese enabled, without its Twilio voice, its prompts built."""
    monkeypatch.delitem(voices.TWILIO_VOICES, "vi")
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", tmp_path / "prompts")
    voice.configure(languages=("en", "es", "fr", "ar", "vi"))
    with app.app_context():
        built = prompt_audio.build(["vi", "en"], tmp_path / "prompts")
    assert built and all(path.parent.name == "vi" for path in built)  # en has a voice
    return voice


def test_menu_plays_the_prompt_file_of_a_language_without_a_voice(vietnamese_from_files, app):
    voice = vietnamese_from_files
    root = voice.xml(voice.step("/twilio/voice", voice.new_call()))
    gather = root.find("Gather")
    assert len(gather.findall("Say")) == 4
    [play] = gather.findall("Play")
    assert play.text == "http://127.0.0.1:5000/twilio/voice/prompts/vi/option-5.wav"
    response = voice.client.get(voice.path_of(play.text))  # Twilio fetches it unsigned
    assert response.status_code == 200 and response.mimetype == "audio/wav"
    info = soundfile.info(io.BytesIO(response.get_data()))
    assert (info.samplerate, info.channels) == (8000, 1) and info.duration > 0.5


def test_a_call_in_that_language_is_played_from_files(vietnamese_from_files, app):
    voice = vietnamese_from_files
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    root = voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits="5"))
    gather = root.find("Gather")
    assert gather.get("language") is None  # no BCP-47 tag to give for a voiceless language
    assert [p.text.rsplit("/", 1)[-1] for p in gather.findall("Play")] == [
        "safety.wav", "returning.wav"]
    voice.step("/twilio/voice/recorded?n=0", call, RecordingSid="RE" + "a" * 32,
               RecordingUrl="https://api.twilio.com/x", RecordingDuration="5")
    voice.step("/twilio/voice/consent?n=0", call, Digits="2")
    root = voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="2"))
    played = [p.text.rsplit("/", 1)[-1] for p in root.iter("Play")]
    assert played[:2] == ["received.wav", "code-intro.wav"]
    digits = [name for name in played if name.startswith("digit-")]
    assert len(digits) == 20  # ten digits, read twice
    assert root.find("Say") is None and root.find("Hangup") is not None


def test_without_files_the_default_voice_speaks(voice, monkeypatch, tmp_path):
    monkeypatch.delitem(voices.TWILIO_VOICES, "vi")
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", tmp_path / "empty")
    voice.configure(languages=("en", "vi"))
    root = voice.xml(voice.step("/twilio/voice", voice.new_call()))
    spoken = [(say.get("language"), say.text) for say in root.find("Gather").findall("Say")]
    assert spoken[-1] == ("en-US", "For Vietnamese, press 2.")
    assert voice.client.get("/twilio/voice/prompts/vi/option-2.wav").status_code == 404
    assert voice.client.get("/twilio/voice/prompts/vi/..%2Fsecret.wav").status_code == 404


def test_prompt_route_is_the_only_unsigned_one(voice):
    for path in ("/twilio/voice", "/twilio/voice/status", "/twilio/voice/fallback"):
        assert voice.client.get(path).status_code == 405


def _languages_with_files() -> list[str]:
    from hotline.i18n import TRANSLATIONS_DIR
    from hotline.intake.languages import ALL_LANGUAGES, locale_identifier

    return [code for code in ALL_LANGUAGES if prompt_audio.needs_files(code)
            and (TRANSLATIONS_DIR / locale_identifier(code) / "LC_MESSAGES" / "messages.po").is_file()]


@pytest.mark.parametrize("language", _languages_with_files())
def test_shipped_prompt_files_speak_the_current_catalog(app, language):
    """Every language without a Twilio voice ships its prompt files, and they say what the
    catalog says now: after a translation change, run scripts/build-voice-prompts."""
    with app.test_request_context():
        current = prompt_audio.current_texts(language)
    shipped = prompt_audio.shipped_texts(language)
    assert shipped is not None, f"{language}: no prompt files; run scripts/build-voice-prompts"
    stale = sorted(id_ for id_ in current if shipped.get(id_) != current[id_])
    assert not stale, f"{language}: stale prompt files {stale}; run scripts/build-voice-prompts"
    for prompt_id in current:
        path = prompt_audio.prompt_path(language, prompt_id)
        assert path is not None, f"{language}/{prompt_id}.wav is missing"
        info = soundfile.info(str(path))
        assert (info.samplerate, info.channels, info.subtype) == (8000, 1, "ULAW")
        assert info.duration > 0.2
