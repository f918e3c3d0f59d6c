"""Prompt audio for languages Twilio has no ``<Say>`` voice for.

Such languages are spoken with ``<Play>`` of files under
``hotline/channels/voice/prompts/<language>/<prompt id>.wav``, shipped in
the repository (a fresh install needs no speech engine; nothing is
generated while a call waits). The files are either

- synthetic: espeak-ng speech of the translated prompt texts, made by
  ``scripts/build-voice-prompts`` for the languages espeak-ng has a voice
  for (``ESPEAK_VOICES``), or
- recorded: a native speaker reading the texts, brought in by
  ``scripts/import-voice-prompts`` (any language; the only way for those
  espeak-ng cannot speak). The build never overwrites a recorded folder.

Each language's folder holds ``texts.json`` (prompt id -> the text its file
speaks) and ``source.json`` (how the files were made: ``{"kind":
"synthetic", "engine": ..., "voice": ...}`` or ``{"kind": "recorded",
"note": ...}``). A prompt is played from its file only while the file
exists and ``texts.json`` says it speaks the catalog's current text;
otherwise that prompt falls back to the default language (``twiml.Speaker``),
and the tests fail on stale shipped files.
The files are 8 kHz mono mu-law WAV, the telephone's own format, so Twilio
plays them without transcoding and each is a few kilobytes. They are
served, unsigned, by ``GET /twilio/voice/prompts/...``: public, fixed,
and holding nothing about anyone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

import soundfile

from hotline.channels.voice.prompts import Prompt, every_prompt
from hotline.channels.voice.voices import ESPEAK_VOICES, twilio_voice
from hotline.intake.languages import ALL_LANGUAGES

PROMPTS_DIR: Final = Path(__file__).resolve().parent / "prompts"
MANIFEST: Final = "texts.json"
SOURCE: Final = "source.json"
SYNTHETIC: Final = "synthetic"
RECORDED: Final = "recorded"
# What scripts/import-voice-prompts takes from a voice talent, in this order.
RECORDING_SUFFIXES: Final = (".wav", ".mp3", ".ogg", ".flac")
MIN_SECONDS: Final = 0.2  # shorter than this after trimming: an empty or broken take
_NAME: Final = re.compile(r"^[a-z0-9-]{1,32}$")


class PromptBuildError(RuntimeError):
    """espeak-ng or sox is missing or failed, or recordings cannot be imported."""


def valid_name(value: str) -> bool:
    return bool(_NAME.match(value))


def prompt_path(language: str, prompt_id: str, root: Path | None = None) -> Path | None:
    """The prompt's file, if it was built."""
    if not (valid_name(language) and valid_name(prompt_id)):
        return None
    path = (root or PROMPTS_DIR) / language / f"{prompt_id}.wav"
    return path if path.is_file() else None


def needs_files(language: str) -> bool:
    """Spoken from prompt files (where fresh ones exist): no Twilio voice."""
    return twilio_voice(language) is None


def can_synthesize(language: str) -> bool:
    """Prompt files can be built with espeak-ng (``build``)."""
    return needs_files(language) and language in ESPEAK_VOICES


def playable(language: str, prompt: Prompt, root: Path | None = None) -> bool:
    """``prompt`` can be played from ``language``'s file: the language has no
    Twilio voice, the file exists and it speaks the catalog's current text
    (synthetic or recorded alike; a stale or missing one falls back)."""
    if not needs_files(language) or prompt_path(language, prompt.id, root) is None:
        return False
    shipped = _json((root or PROMPTS_DIR) / language / MANIFEST)
    return shipped is not None and shipped.get(prompt.id) == prompt.text(language)


def source(language: str, root: Path | None = None) -> dict[str, str] | None:
    """How ``language``'s files were made (its ``source.json``), or None."""
    if not valid_name(language):
        return None
    found = _json((root or PROMPTS_DIR) / language / SOURCE)
    return dict(found) if isinstance(found, dict) else None


def recorded(language: str, root: Path | None = None) -> bool:
    return (source(language, root) or {}).get("kind") == RECORDED


def _json(path: Path) -> dict | None:
    """The JSON object in ``path`` (read once per change of the file; callers
    must not change it), or None."""
    try:
        stat = path.stat()
        return _json_cached(path, (stat.st_ino, stat.st_mtime_ns, stat.st_size))
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=256)
def _json_cached(path: Path, _version: tuple[int, int, int]) -> dict | None:
    found = json.loads(path.read_text(encoding="utf-8"))
    return found if isinstance(found, dict) else None


def _write_json(path: Path, data: dict[str, str]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def synthesize(text: str, espeak_voice: str, path: Path) -> None:
    """Write espeak-ng speech of ``text`` to ``path`` as 8 kHz mono mu-law
    WAV (sox resamples and joins; to a file, so that the WAV header is exact)."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if espeak is None or sox is None:
        raise PromptBuildError("espeak-ng and sox are needed: scripts/install-system-deps")
    # Programs found on PATH, fixed arguments; the text goes in on stdin.
    speak = [espeak, "-v", espeak_voice, "-s", "150", "--stdout"]
    with tempfile.TemporaryDirectory() as tmp:  # public prompt texts only, never a report
        parts = []
        for index, piece in enumerate(_speakable(speak, text)):
            parts.append(Path(tmp) / f"{index}.wav")
            parts[-1].write_bytes(piece)
        # -R: sox's dither seeded the same on every run, so that a rebuild of
        # unchanged texts gives the same bytes (unseeded, every file changed).
        telephone = [sox, "-q", "-R", *map(str, parts), "-r", "8000", "-c", "1", "-e", "u-law",
                     str(path)]
        try:
            _run(telephone, b"")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise PromptBuildError(f"resampling failed ({type(error).__name__})") from None


def _speakable(speak: list[str], text: str) -> list[bytes]:
    """espeak-ng's WAV of ``text``; where espeak-ng fails on a long phrase
    (its Burmese voice overflows a buffer on some), of its halves, split
    between words, joined by sox."""
    try:
        return [_run(speak, text.encode("utf-8"))]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        words = text.split()
        if len(words) < 2:
            raise PromptBuildError(f"synthesis failed ({type(error).__name__})") from None
        half = len(words) // 2
        return [*_speakable(speak, " ".join(words[:half])),
                *_speakable(speak, " ".join(words[half:]))]


def _run(command: list[str], data: bytes) -> bytes:
    return subprocess.run(command, input=data, capture_output=True, check=True,  # noqa: S603
                          timeout=60).stdout


def espeak_version() -> str:
    """``espeak-ng 1.51``: the engine named in a synthetic ``source.json``."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise PromptBuildError("espeak-ng and sox are needed: scripts/install-system-deps")
    try:
        output = _run([espeak, "--version"], b"").decode("utf-8", "replace")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise PromptBuildError(f"espeak-ng --version failed ({type(error).__name__})") from None
    found = re.search(r":\s*(\S+)", output)  # "eSpeak NG text-to-speech: 1.51  Data at: ..."
    return f"espeak-ng {found.group(1) if found else 'unknown'}"


def build(languages: Iterable[str], out_dir: Path | None = None) -> list[Path]:
    """Render every prompt of ``languages`` that espeak-ng can speak; return
    the files written.

    Call inside an app context with Babel configured (the texts come from
    the catalogs). Languages with a Twilio voice or without an espeak-ng
    voice are skipped, and so is any folder of recorded files: a build
    never overwrites a native speaker's recordings."""
    root = out_dir or PROMPTS_DIR
    written: list[Path] = []
    engine: str | None = None
    for language in languages:
        if not can_synthesize(language) or recorded(language, root):
            continue
        engine = engine or espeak_version()
        folder = root / language
        folder.mkdir(parents=True, exist_ok=True)
        wanted = current_texts(language)
        for stale in set(folder.glob("*.wav")) - {folder / f"{id_}.wav" for id_ in wanted}:
            stale.unlink()
        for prompt_id, text in wanted.items():
            path = folder / f"{prompt_id}.wav"
            synthesize(text, ESPEAK_VOICES[language], path)
            written.append(path)
        _write_json(folder / MANIFEST, wanted)
        _write_json(folder / SOURCE, {"kind": SYNTHETIC, "engine": engine,
                                      "voice": ESPEAK_VOICES[language]})
    return written


@dataclass
class Imported:
    """What ``import_recordings`` found, and whether it wrote the folder."""

    folder: Path
    imported: list[str] = field(default_factory=list)  # prompt ids with a take in the DIR
    kept: list[str] = field(default_factory=list)  # no take, but a fresh earlier recording
    missing: list[str] = field(default_factory=list)  # neither: these fall back on the phone
    unused: list[str] = field(default_factory=list)  # audio files in the DIR naming no prompt
    replaced: str | None = None  # the kind of files the folder held before, if any
    written: bool = False


def find_recordings(language: str, directory: Path) -> tuple[dict[str, Path], list[str]]:
    """prompt id -> its take in ``directory`` (``<id>.wav|.mp3|.ogg|.flac``),
    and the audio files there that name no prompt (misnamed takes)."""
    found: dict[str, Path] = {}
    for prompt_id in current_texts(language):
        takes = [directory / f"{prompt_id}{suffix}" for suffix in RECORDING_SUFFIXES
                 if (directory / f"{prompt_id}{suffix}").is_file()]
        if len(takes) > 1:
            raise PromptBuildError(f"{prompt_id}: more than one recording "
                                   f"({', '.join(take.name for take in takes)}); keep one")
        if takes:
            found[prompt_id] = takes[0]
    unused = sorted(path.name for path in directory.iterdir()
                    if path.suffix.lower() in RECORDING_SUFFIXES and path not in found.values())
    return found, unused


def import_recordings(language: str, directory: Path, note: str | None = None,
                      allow_missing: bool = False, out_dir: Path | None = None) -> Imported:
    """Convert a native speaker's recordings of ``language``'s prompts into
    its prompt folder, marked ``recorded``; return what was done.

    Every prompt id of ``current_texts`` is looked for as
    ``directory/<id>.wav|.mp3|.ogg|.flac``. With any missing, nothing is
    written unless ``allow_missing``: then a missing prompt keeps the
    folder's earlier recording of it where that still speaks the current
    text (so only what a catalog change made stale need be recorded again),
    else it falls back to the default language on the phone. Each take is
    converted by sox to 8 kHz mono mu-law WAV, its silent ends trimmed (a
    little silence is added back, so prompts played one after another keep
    an even pace) and its peak normalised. The folder is replaced whole, at
    the end, whatever it held (synthetic files included). Call inside an
    app context with Babel configured (the texts come from the catalogs)."""
    if not valid_name(language) or language not in ALL_LANGUAGES:
        raise PromptBuildError(f"{language}: not a language of the service")
    if not needs_files(language):
        raise PromptBuildError(f"{language} has a Twilio voice: its prompts are spoken with "
                               "<Say>, and prompt files would never be played")
    if not directory.is_dir():
        raise PromptBuildError(f"{directory}: no such folder")
    root = out_dir or PROMPTS_DIR
    folder = root / language
    texts = current_texts(language)
    found, unused = find_recordings(language, directory)
    result = Imported(folder, imported=list(found), unused=unused)
    if folder.is_dir():
        result.replaced = (source(language, root) or {}).get("kind", "unknown")
    previous = (_json(folder / MANIFEST) or {}) if recorded(language, root) else {}
    for prompt_id in (id_ for id_ in texts if id_ not in found):
        fresh = previous.get(prompt_id) == texts[prompt_id] and prompt_path(
            language, prompt_id, root) is not None
        (result.kept if fresh else result.missing).append(prompt_id)
    if not found:
        raise PromptBuildError(f"{directory}: no recording named after a prompt "
                               f"(<prompt id>{'|'.join(RECORDING_SUFFIXES)})")
    if (result.kept or result.missing) and not allow_missing:
        return result
    sox = _sox_for(found.values())
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{language}-", dir=root))
    try:
        staging.chmod(0o755)  # mkdtemp's 0700 would stay on the folder
        for prompt_id, take in found.items():
            _convert(sox, take, staging / f"{prompt_id}.wav")
        for prompt_id in result.kept:
            shutil.copy2(folder / f"{prompt_id}.wav", staging / f"{prompt_id}.wav")
        _write_json(staging / MANIFEST, {id_: text for id_, text in texts.items()
                                         if id_ in found or id_ in result.kept})
        _write_json(staging / SOURCE, {"kind": RECORDED, **({"note": note} if note else {})})
        _replace(folder, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.written = True
    return result


def _sox_for(takes: Iterable[Path]) -> str:
    sox = shutil.which("sox")
    if sox is None:
        raise PromptBuildError("sox is needed: scripts/install-system-deps")
    help_text = subprocess.run([sox, "-h"], capture_output=True, text=True,  # noqa: S603
                               timeout=30).stdout
    formats = re.search(r"AUDIO FILE FORMATS:(.*)", help_text)
    readable = set(formats.group(1).split()) if formats else set()
    for suffix in sorted({take.suffix.lower().lstrip(".") for take in takes}):
        if readable and suffix not in readable:
            raise PromptBuildError(f"this sox cannot read .{suffix} files (on Debian: "
                                   f"apt-get install libsox-fmt-{suffix}, or convert them to "
                                   "WAV or FLAC first)")
    return sox


def _convert(sox: str, take: Path, path: Path) -> None:
    trim = ["silence", "1", "0.02", "-45d"]  # from the first sound above -45 dB
    command = [sox, "-q", "-R", str(take), "-r", "8000", "-c", "1", "-e", "u-law", str(path),
               *trim, "reverse", *trim, "reverse", "pad", "0.1", "0.3", "norm", "-3"]
    try:
        _run(command, b"")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = getattr(error, "stderr", b"") or b""
        raise PromptBuildError(f"{take.name}: sox could not convert it "
                               f"({detail.decode('utf-8', 'replace').strip()[:200]})") from None
    info = soundfile.info(str(path))
    if info.duration - 0.4 < MIN_SECONDS:  # 0.4 s: the silence added back
        raise PromptBuildError(f"{take.name}: silent or too short "
                               f"({max(info.duration - 0.4, 0):.2f} s of sound)")


def _replace(folder: Path, staging: Path) -> None:
    """Put ``staging`` in ``folder``'s place, with the old folder gone."""
    old = folder.with_name(f".{folder.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def current_texts(language: str) -> dict[str, str]:
    """prompt id -> the text the catalog has for it now (inside an app context)."""
    return {prompt.id: prompt.text(language)
            for prompt in every_prompt(language, len(ALL_LANGUAGES))}


def shipped_texts(language: str, root: Path | None = None) -> dict[str, str] | None:
    """prompt id -> the text the shipped files speak, or None without files."""
    if not valid_name(language):
        return None
    found = _json((root or PROMPTS_DIR) / language / MANIFEST)
    return dict(found) if found is not None else None
