"""Which text-to-speech voice speaks each language on the phone.

Twilio's ``<Say>`` speaks a language only where Amazon Polly or Google has a
voice for it, and wants a full BCP-47 tag (``en-US``, never ``en``) with
it. The table below names one voice per language of ``ALL_LANGUAGES`` that
has one. A language missing here is spoken with ``<Play>`` of shipped prompt
files (``prompt_audio``): recorded by a native speaker
(``scripts/import-voice-prompts``) or synthesised with espeak-ng
(``scripts/build-voice-prompts``). A prompt without a fresh file is spoken
in the default language, so a caller never hears silence.

Standard (not neural) voices: they are available in every Twilio region and
cost least. Check a change against Twilio's list of voices and languages
(console: Voice > Text-to-speech) before shipping it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Voice:
    tag: str  # BCP-47, as <Say language> and <Gather language> take it
    name: str  # <Say voice>


TWILIO_VOICES: Final[dict[str, Voice]] = {
    "en": Voice("en-US", "Polly.Joanna"),
    "es": Voice("es-MX", "Polly.Mia"),
    "fr": Voice("fr-FR", "Polly.Lea"),
    "pt": Voice("pt-BR", "Polly.Camila"),
    "ar": Voice("ar-XA", "Google.ar-XA-Standard-A"),
    "ru": Voice("ru-RU", "Polly.Tatyana"),
    "uk": Voice("uk-UA", "Google.uk-UA-Standard-A"),
    "ro": Voice("ro-RO", "Polly.Carmen"),
    "bg": Voice("bg-BG", "Google.bg-BG-Standard-A"),
    "pl": Voice("pl-PL", "Polly.Ewa"),
    "tr": Voice("tr-TR", "Polly.Filiz"),
    "zh": Voice("cmn-CN", "Google.cmn-CN-Standard-A"),
    "vi": Voice("vi-VN", "Google.vi-VN-Standard-A"),
    "th": Voice("th-TH", "Google.th-TH-Standard-A"),
    "tl": Voice("fil-PH", "Google.fil-PH-Standard-A"),
    "id": Voice("id-ID", "Google.id-ID-Standard-A"),
    "ms": Voice("ms-MY", "Google.ms-MY-Standard-A"),
    "hi": Voice("hi-IN", "Polly.Aditi"),
    "bn": Voice("bn-IN", "Google.bn-IN-Standard-A"),
}

# espeak-ng voice names for the languages without a Twilio voice (prompt
# files). Khmer, Tigrinya, Somali and Hausa have neither: until someone
# records their prompts they fall back to the default language.
ESPEAK_VOICES: Final[dict[str, str]] = {
    "fa": "fa", "ur": "ur", "sq": "sq", "my": "my", "ne": "ne", "sw": "sw", "am": "am",
    # Used by the tests, which take away Vietnamese's Twilio voice to
    # exercise the <Play> path with a language that has a catalog.
    "vi": "vi",
}  # fmt: skip


def twilio_voice(language: str) -> Voice | None:
    return TWILIO_VOICES.get(language)
