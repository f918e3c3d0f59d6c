"""Prompt audio for languages Twilio has no ``<Say>`` voice for.

Such languages are spoken with ``<Play>`` of files under
``hotline/channels/voice/prompts/<language>/<prompt id>.wav``: synthetic
speech made with espeak-ng from the translated prompt texts by
``scripts/build-voice-prompts`` and shipped in the repository (a fresh
install needs no speech engine; nothing is generated while a call waits).
Each language's folder holds ``texts.json``, the texts its files speak: the
tests fail when a catalog change leaves the files stale.
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
from pathlib import Path
from typing import Final

from hotline.channels.voice.prompts import every_prompt
from hotline.channels.voice.voices import ESPEAK_VOICES, twilio_voice
from hotline.intake.languages import ALL_LANGUAGES

PROMPTS_DIR: Final = Path(__file__).resolve().parent / "prompts"
MANIFEST: Final = "texts.json"
_NAME: Final = re.compile(r"^[a-z0-9-]{1,32}$")


class PromptBuildError(RuntimeError):
    """espeak-ng or sox is missing or failed."""


def valid_name(value: str) -> bool:
    return bool(_NAME.match(value))


def prompt_path(language: str, prompt_id: str, root: Path | None = None) -> Path | None:
    """The prompt's file, if it was built."""
    if not (valid_name(language) and valid_name(prompt_id)):
        return None
    path = (root or PROMPTS_DIR) / language / f"{prompt_id}.wav"
    return path if path.is_file() else None


def needs_files(language: str) -> bool:
    return twilio_voice(language) is None and language in ESPEAK_VOICES


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
        telephone = [sox, "-q", *map(str, parts), "-r", "8000", "-c", "1", "-e", "u-law", str(path)]
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


def build(languages: Iterable[str], out_dir: Path | None = None) -> list[Path]:
    """Render every prompt of ``languages`` that needs files; return them.

    Call inside an app context with Babel configured (the texts come from
    the catalogs). Languages with a Twilio voice are skipped."""
    root = out_dir or PROMPTS_DIR
    written: list[Path] = []
    for language in languages:
        if not needs_files(language):
            continue
        folder = root / language
        folder.mkdir(parents=True, exist_ok=True)
        wanted = current_texts(language)
        for stale in set(folder.glob("*.wav")) - {folder / f"{id_}.wav" for id_ in wanted}:
            stale.unlink()
        for prompt_id, text in wanted.items():
            path = folder / f"{prompt_id}.wav"
            synthesize(text, ESPEAK_VOICES[language], path)
            written.append(path)
        (folder / MANIFEST).write_text(json.dumps(wanted, ensure_ascii=False, indent=1,
                                                  sort_keys=True) + "\n", encoding="utf-8")
    return written


def current_texts(language: str) -> dict[str, str]:
    """prompt id -> the text the catalog has for it now (inside an app context)."""
    return {prompt.id: prompt.text(language)
            for prompt in every_prompt(language, len(ALL_LANGUAGES))}


def shipped_texts(language: str, root: Path | None = None) -> dict[str, str] | None:
    """prompt id -> the text the shipped files speak, or None without files."""
    path = (root or PROMPTS_DIR) / language / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
