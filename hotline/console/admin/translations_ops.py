"""Translation status: how complete and how reviewed each locale's catalog
is, whether the language is enabled, and how its voice prompts are spoken.

Machine-drafted catalogs say so in their header comment (``MACHINE-DRAFTED``);
they work, but need a native speaker's review. Catalogs are parsed once per
change of the file (cached by modification time).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.pofile import read_po

from hotline.channels.voice.prompt_audio import recorded, shipped_texts
from hotline.channels.voice.voices import ESPEAK_VOICES, twilio_voice
from hotline.i18n import SOURCE_LANGUAGE, catalog_path, language_code
from hotline.intake.languages import ALL_LANGUAGES, native_name

MACHINE_DRAFTED = "MACHINE-DRAFTED"


@dataclass(frozen=True)
class CatalogFigures:
    translated: int  # template messages translated and not fuzzy
    fuzzy: int
    machine_drafted: bool


@dataclass(frozen=True)
class VoiceStatus:
    kind: str  # "twilio", "recorded", "espeak" or "none"
    voice: str = ""  # the Twilio voice and its tag, or the espeak-ng voice
    files_shipped: bool = False  # espeak, recorded: the prompt files are in the repository


@dataclass(frozen=True)
class LocaleStatus:
    code: str
    native_name: str
    total: int  # messages in the template
    catalog: CatalogFigures | None  # None: no catalog (or English, the source)
    enabled: bool
    voice: VoiceStatus

    @property
    def source(self) -> bool:
        return self.code == SOURCE_LANGUAGE

    @property
    def translated(self) -> int:
        if self.source:
            return self.total
        return self.catalog.translated if self.catalog else 0

    @property
    def share(self) -> float:
        """Translated share, rounded down (99.9% must not read as 100%)."""
        if not self.total:
            return 0.0
        return (self.translated * 100 // self.total) / 100

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not (self.catalog and self.catalog.fuzzy)


@dataclass(frozen=True)
class _Parsed:
    all_ids: frozenset[str]
    translated_ids: frozenset[str]
    fuzzy: int
    machine_drafted: bool


@lru_cache(maxsize=128)
def _parse_cached(path: Path, mtime: float) -> _Parsed:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    all_ids, translated, fuzzy = set(), set(), 0
    for message in catalog:
        if not message.id:
            continue
        key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        all_ids.add(key)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated.add(key)
    return _Parsed(frozenset(all_ids), frozenset(translated), fuzzy,
                   MACHINE_DRAFTED in (catalog.header_comment or ""))


def _parse(path: Path) -> _Parsed:
    return _parse_cached(path, path.stat().st_mtime)


def catalog_figures(code: str, directory: Path) -> CatalogFigures | None:
    path = catalog_path(code, directory)
    if not path.is_file():
        return None
    template = _parse(directory / "messages.pot").all_ids
    parsed = _parse(path)
    return CatalogFigures(translated=len(parsed.translated_ids & template), fuzzy=parsed.fuzzy,
                          machine_drafted=parsed.machine_drafted)


def voice_status(code: str, prompts_dir: Path | None = None) -> VoiceStatus:
    """Twilio's <Say> where it has a voice, else a native speaker's recorded
    prompt files (scripts/import-voice-prompts), else espeak-ng prompt files,
    else none (the call falls back to the default language)."""
    voice = twilio_voice(code)
    if voice is not None:
        return VoiceStatus("twilio", f"{voice.name} ({voice.tag})")
    if recorded(code, prompts_dir):
        return VoiceStatus("recorded", files_shipped=shipped_texts(code, prompts_dir) is not None)
    if code in ESPEAK_VOICES:
        return VoiceStatus("espeak", ESPEAK_VOICES[code],
                           shipped_texts(code, prompts_dir) is not None)
    return VoiceStatus("none")


def locale_codes(directory: Path) -> list[str]:
    """Every language the service knows, then any other catalog shipped."""
    extra = sorted(language_code(path.name) for path in directory.iterdir()
                   if path.is_dir() and (path / "LC_MESSAGES").is_dir())
    return [*ALL_LANGUAGES, *(code for code in extra if code not in ALL_LANGUAGES)]


def _name(code: str) -> str:
    try:
        return native_name(code)
    except (UnknownLocaleError, ValueError):
        return code


def translation_status(directory: Path, enabled: Collection[str],
                       prompts_dir: Path | None = None) -> list[LocaleStatus]:
    total = len(_parse(directory / "messages.pot").all_ids)
    return [LocaleStatus(code=code, native_name=_name(code), total=total,
                         catalog=None if code == SOURCE_LANGUAGE else catalog_figures(code, directory),
                         enabled=code in enabled, voice=voice_status(code, prompts_dir))
            for code in locale_codes(directory)]
