"""Languages Twilio has no voice for are spoken with <Play> of prompt files,
synthetic (espeak-ng, scripts/build-voice-prompts) or recorded by a native
speaker (scripts/import-voice-prompts), served unsigned from a fixed route;
a prompt with no fresh file falls back to the default voice."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import io
import json
import secrets
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
import soundfile

from hotline.channels.voice import prompt_audio, voices
from hotline.channels.voice.prompts import every_prompt
from hotline.intake.languages import ALL_LANGUAGES

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
PROMPT_IDS = [prompt.id for prompt in every_prompt("km", len(ALL_LANGUAGES))]


def script(name: str) -> ModuleType:
    """One of scripts/ (no .py suffix), loaded as a module: its ``main`` runs as the command
    does, against the monkeypatched ``prompt_audio.PROMPTS_DIR``."""
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(SCRIPTS / name))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def takes(tmp_path_factory) -> Path:
    """A voice talent's folder: one take per prompt id, as they come from a studio (44.1 kHz
    stereo WAV, FLAC and OGG, silence around them), here espeak-ng's English voice saying
    the prompt's id, and sox tones for the digits."""
    # Installed by the test setup: a missing tool fails loudly instead of hiding the test.
    assert shutil.which("espeak-ng") and shutil.which("sox"), \
        "espeak-ng and sox are needed: scripts/install-system-deps"
    folder, scratch = tmp_path_factory.mktemp("takes"), tmp_path_factory.mktemp("speech")
    for number, prompt_id in enumerate(PROMPT_IDS):
        take = folder / f"{prompt_id}{('.wav', '.flac', '.ogg')[number % 3]}"
        if prompt_id.startswith("digit-"):
            tone = ["synth", "0.6", "sine", str(300 + 40 * int(prompt_id[-1]))]
            subprocess.run(["sox", "-q", "-n", "-r", "48000", "-c", "2", str(take), *tone],
                           check=True)
            continue
        speech = scratch / f"{prompt_id}.wav"
        subprocess.run(["espeak-ng", "-v", "en", "-w", str(speech), prompt_id.replace("-", " ")],
                       check=True)
        subprocess.run(["sox", "-q", str(speech), "-r", "44100", "-c", "2", str(take),
                        "pad", "0.6", "0.9"], check=True)
    return folder


def import_takes(language: str, folder: Path, *options: str) -> int:
    return script("import-voice-prompts").main([language, str(folder), *options])


def partial_takes(takes: Path, tmp_path: Path, without: set[str]) -> Path:
    """A copy of ``takes`` without the takes of the prompt ids in ``without``."""
    folder = tmp_path / "partial-takes"
    shutil.copytree(takes, folder, ignore=lambda _dir, names: [
        name for name in names if name.rsplit(".", 1)[0] in without])
    return folder


@pytest.fixture
def khmer_recorded(voice, app, takes, tmp_path, monkeypatch):
    """Khmer (no Twilio voice, no espeak-ng voice) enabled, its prompts recorded and
    imported with the real script into a scratch prompts folder."""
    assert voices.twilio_voice("km") is None and "km" not in voices.ESPEAK_VOICES
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", tmp_path / "prompts")
    voice.configure(languages=("en", "es", "fr", "ar", "km"))
    assert import_takes("km", takes, "--note", "Test takes, not a native speaker") == 0
    assert prompt_audio.source("km") == {"kind": "recorded",
                                         "note": "Test takes, not a native speaker"}
    return voice


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


def call_played_from_files(voice, digit: str):
    """A whole call in the language of menu key ``digit``: the intro's Gather
    and the closing TwiML."""
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    root = voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits=digit))
    gather = root.find("Gather")
    voice.step("/twilio/voice/recorded?n=0", call, RecordingSid="RE" + secrets.token_hex(16),
               RecordingUrl="https://api.twilio.com/x", RecordingDuration="5")
    voice.step("/twilio/voice/consent?n=0", call, Digits="2")
    return gather, voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="2"))


def assert_spoken_from_files(gather, closing) -> None:
    assert gather.get("language") is None  # no BCP-47 tag to give for a voiceless language
    assert [p.text.rsplit("/", 1)[-1] for p in gather.findall("Play")] == [
        "safety.wav", "returning.wav"]
    played = [p.text.rsplit("/", 1)[-1] for p in closing.iter("Play")]
    assert played[:2] == ["received.wav", "code-intro.wav"]
    digits = [name for name in played if name.startswith("digit-")]
    assert len(digits) == 20  # ten digits, read twice
    assert closing.find("Say") is None and closing.find("Hangup") is not None


def test_a_call_in_that_language_is_played_from_files(vietnamese_from_files, app):
    assert_spoken_from_files(*call_played_from_files(vietnamese_from_files, "5"))


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


def test_a_recorded_language_is_played_in_the_menu(khmer_recorded, app):
    voice = khmer_recorded
    root = voice.xml(voice.step("/twilio/voice", voice.new_call()))
    gather = root.find("Gather")
    assert len(gather.findall("Say")) == 4
    [play] = gather.findall("Play")
    assert play.text == "http://127.0.0.1:5000/twilio/voice/prompts/km/option-5.wav"
    response = voice.client.get(voice.path_of(play.text))
    assert response.status_code == 200 and response.mimetype == "audio/wav"
    info = soundfile.info(io.BytesIO(response.get_data()))
    assert (info.samplerate, info.channels, info.subtype) == (8000, 1, "ULAW")
    assert 0.6 < info.duration < 2.5, "the talent's silence trimmed, a little kept"


def test_a_call_in_a_recorded_language_is_played_from_files(khmer_recorded, app):
    gather, closing = call_played_from_files(khmer_recorded, "5")
    assert gather.find("Say") is None
    assert_spoken_from_files(gather, closing)


def intro_of(voice, language_digit: str) -> list[tuple[str, str]]:
    """How the safety message and the returning-caller prompt are spoken: ("play", file) or
    ("say", BCP-47 tag)."""
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    gather = voice.xml(voice.step("/twilio/voice/language?n=0", call,
                                  Digits=language_digit)).find("Gather")
    return [("play", el.text.rsplit("/", 1)[-1]) if el.tag == "Play" else ("say", el.get("language"))
            for el in gather if el.tag in ("Play", "Say")]


def test_stale_or_missing_recordings_fall_back_prompt_by_prompt(khmer_recorded, app):
    voice = khmer_recorded
    folder = prompt_audio.PROMPTS_DIR / "km"
    assert intro_of(voice, "5") == [("play", "safety.wav"), ("play", "returning.wav")]
    texts = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
    texts["safety"] = "An earlier wording of the safety message."  # the catalog changed since
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    assert intro_of(voice, "5") == [("say", "en-US"), ("play", "returning.wav")]
    (folder / "returning.wav").unlink()
    assert intro_of(voice, "5") == [("say", "en-US"), ("say", "en-US")]
    with app.test_request_context():
        assert folder_problems("km")  # and the shipped-files test would fail on it


def test_an_import_with_takes_missing_writes_nothing_unless_allowed(khmer_recorded, app, takes,
                                                                    tmp_path, capsys):
    voice = khmer_recorded
    folder = prompt_audio.PROMPTS_DIR / "km"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    capsys.readouterr()
    partial = partial_takes(takes, tmp_path, {"safety", "record"})
    [returning] = partial.glob("returning.*")
    shutil.copy(returning, partial / f"safty{returning.suffix}")  # a misnamed take
    assert import_takes("km", partial) == 1
    err = capsys.readouterr().err
    assert f"safty{returning.suffix}" in err and "safety" in err and "nothing was written" in err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before

    # With --allow-missing, a missing take keeps its earlier recording while that is fresh:
    # re-recording what a catalog change made stale is enough.
    texts = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
    texts["record"] = "An earlier wording."
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    assert import_takes("km", partial, "--allow-missing") == 0
    out = capsys.readouterr().out
    assert "earlier recordings kept: safety" in out and "fall back" in out and "record" in out
    assert (folder / "safety.wav").read_bytes() == before["safety.wav"]
    assert not (folder / "record.wav").exists()
    shipped = prompt_audio.shipped_texts("km")
    assert "record" not in shipped and len(shipped) == len(PROMPT_IDS) - 1
    assert prompt_audio.source("km") == {"kind": "recorded"}  # no --note this time
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/language?n=0", call, Digits="5")
    root = voice.xml(voice.step("/twilio/voice/record?n=0", call))
    assert [el.tag for el in root][:1] == ["Say"] and root.find("Say").get("language") == "en-US"


def test_silent_takes_and_voiced_languages_are_refused(app, takes, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", tmp_path / "prompts")
    silent = partial_takes(takes, tmp_path, {"goodbye"})
    subprocess.run(["sox", "-q", "-n", "-r", "44100", str(silent / "goodbye.wav"), "trim", "0", "2"],
                   check=True)
    assert import_takes("km", silent) == 1
    assert "goodbye.wav: silent or too short" in capsys.readouterr().err
    assert not (tmp_path / "prompts" / "km").exists()
    assert import_takes("es", takes) == 1
    assert "Twilio voice" in capsys.readouterr().err


def test_the_reading_script_lists_every_prompt_text(app, capsys):
    assert script("import-voice-prompts").main(["km", "--print-script"]) == 0
    printed = capsys.readouterr().out
    with app.test_request_context():
        texts = prompt_audio.current_texts("km")
    assert f"1. safety.wav\n   {texts['safety']}\n" in printed
    assert all(f"\n{number}. {prompt_id}.wav" in printed and texts[prompt_id] in printed
               for number, prompt_id in enumerate(texts, start=1))
    assert f"\n{len(texts)}. digit-9.wav  (the single digit, said alone)\n   9\n" in printed


def test_the_build_leaves_a_recorded_folder_alone(app, takes, tmp_path, monkeypatch, capsys):
    """Amharic has an espeak-ng voice; once a native speaker's recordings are imported, no
    build overwrites them (of several languages, or of Amharic by name with the script)."""
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", tmp_path / "prompts")
    with app.app_context():
        prompt_audio.build(["am"])
    assert prompt_audio.source("am")["kind"] == "synthetic"
    assert import_takes("am", takes) == 0, "recordings replace synthetic files"
    assert "replacing synthetic files" in capsys.readouterr().out
    folder = tmp_path / "prompts" / "am"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    with app.app_context():
        written = prompt_audio.build(["am", "fa"])
    assert written and {path.parent.name for path in written} == {"fa"}
    assert script("build-voice-prompts").main(["am"]) == 0
    assert "am: recorded prompt files, left alone" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert prompt_audio.source("am") == {"kind": "recorded"}


def folder_problems(language: str, root: Path | None = None) -> list[str]:
    """What is wrong with ``language``'s prompt folder (inside a request context): files
    missing, stale, not telephone WAV, or no record of how they were made."""
    current = prompt_audio.current_texts(language)
    shipped = prompt_audio.shipped_texts(language, root)
    made = prompt_audio.source(language, root) or {}
    if shipped is None:
        return ["no prompt files: run scripts/build-voice-prompts"]
    redo = ("record them again: scripts/import-voice-prompts (--allow-missing keeps the "
            "fresh recordings)" if made.get("kind") == "recorded"
            else "run scripts/build-voice-prompts")
    problems = []
    if made.get("kind") == "synthetic":
        if made.get("voice") != voices.ESPEAK_VOICES.get(language) or not str(
                made.get("engine", "")).startswith("espeak-ng "):
            problems.append(f"source.json {made} does not match the build")
    elif made.get("kind") != "recorded":
        problems.append(f"source.json {made or 'missing'}: run scripts/build-voice-prompts")
    stale = sorted(id_ for id_ in current if shipped.get(id_) != current[id_])
    if stale:
        problems.append(f"stale or missing prompt files {stale}; {redo}")
    for prompt_id in sorted(set(current) - set(stale)):
        path = prompt_audio.prompt_path(language, prompt_id, root)
        if path is None:
            problems.append(f"{prompt_id}.wav is missing; {redo}")
            continue
        info = soundfile.info(str(path))
        if (info.samplerate, info.channels, info.subtype) != (8000, 1, "ULAW") or (
                info.duration <= 0.2):
            problems.append(f"{prompt_id}.wav is not 8 kHz mono mu-law speech")
    return problems


def _languages_with_files() -> list[str]:
    """Every language espeak-ng can speak for us (it must ship synthetic files), and every
    language with a prompt folder (synthetic or recorded)."""
    from hotline.i18n import TRANSLATIONS_DIR
    from hotline.intake.languages import locale_identifier

    folders = {path.name for path in prompt_audio.PROMPTS_DIR.iterdir() if path.is_dir()
               and prompt_audio.valid_name(path.name)}
    return [code for code in ALL_LANGUAGES if prompt_audio.needs_files(code) and (
        code in folders or (prompt_audio.can_synthesize(code) and (
            TRANSLATIONS_DIR / locale_identifier(code) / "LC_MESSAGES" / "messages.po").is_file()))]


def test_the_shipped_folders_are_checked():
    languages = _languages_with_files()
    assert {"am", "fa", "my", "ne", "sq", "sw", "ur"} <= set(languages)
    assert all(prompt_audio.needs_files(code) for code in languages)


@pytest.mark.parametrize("language", _languages_with_files())
def test_shipped_prompt_files_speak_the_current_catalog(app, language):
    """Every language espeak-ng can speak ships its prompt files, every recorded language its
    recordings, and all say what the catalog says now: after a translation change, run
    scripts/build-voice-prompts, or have the changed prompts recorded again."""
    with app.test_request_context():
        assert folder_problems(language) == []


def test_the_freshness_check_covers_recorded_folders(khmer_recorded, app):
    with app.test_request_context():
        assert folder_problems("km") == []
        (prompt_audio.PROMPTS_DIR / "km" / "code-keep.wav").unlink()
        assert folder_problems("km") == [
            "code-keep.wav is missing; record them again: scripts/import-voice-prompts "
            "(--allow-missing keeps the fresh recordings)"]
