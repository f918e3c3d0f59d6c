"""The one table of languages the service knows.

Everything else (detection, keyword tables, the language picker, the default
language for a caller's country) is keyed by the ISO 639-1 codes listed here,
so that adding a language is a change in one place plus its translations.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from babel import Locale

# Ordered roughly by expected volume; the web form's picker keeps this order.
ALL_LANGUAGES: Final[tuple[str, ...]] = (
    "en", "es", "fr", "pt", "ar", "fa", "ur", "ru", "uk", "ro",
    "bg", "pl", "sq", "tr", "zh", "vi", "th", "tl", "id", "ms",
    "my", "km", "ne", "hi", "bn", "sw", "am", "ti", "so", "ha",
)  # fmt: skip

RTL_LANGUAGES: Final = frozenset({"ar", "fa", "ur"})

# Detection speaks ISO 639-1; translations need a full locale where the bare
# code is ambiguous (we ship Simplified Chinese only).
LOCALE_IDENTIFIERS: Final[dict[str, str]] = {"zh": "zh_Hans"}

# ISO 15924 script each language is written in on phones. Detection uses it
# to narrow candidates, and a conversation switches language on a single word
# only when that word is in a script the current language cannot be written in.
LANGUAGE_SCRIPTS: Final[dict[str, str]] = {
    **dict.fromkeys(
        ("en", "es", "fr", "pt", "ro", "pl", "sq", "tr", "vi", "tl", "id", "ms", "sw", "so", "ha"),
        "Latn",
    ),
    **dict.fromkeys(("ar", "fa", "ur"), "Arab"),
    **dict.fromkeys(("ru", "uk", "bg"), "Cyrl"),
    **dict.fromkeys(("hi", "ne"), "Deva"),
    **dict.fromkeys(("am", "ti"), "Ethi"),
    "zh": "Hani",
    "th": "Thai",
    "my": "Mymr",
    "km": "Khmr",
    "bn": "Beng",
}


def _regions(regions: str, language: str) -> dict[str, str]:
    return dict.fromkeys(regions.split(), language)


# First language to greet a caller in, from the region of their number, when
# the message itself does not tell us. Only countries where one of our
# languages is what most people read are listed; others fall back to the
# app's default. Choices where a country has several candidates are noted.
COUNTRY_DEFAULT_LANGUAGE: Final[dict[str, str]] = {
    **_regions("US CA GB IE AU NZ JM TT BZ GY SG GH LR SL GM UG RW SS ZA ZM ZW MW BW NA LK", "en"),
    "NG": "en",  # Hausa is regional; English is read across the country
    **_regions("MX GT HN SV NI CR PA CU DO PR CO VE EC PE BO CL AR PY UY ES GQ", "es"),
    **_regions("BR PT AO MZ CV GW ST TL", "pt"),
    # Haitian Creole is not offered; French is the written language in Haiti.
    **_regions("FR BE LU MC HT SN CI ML BF GN BJ TG CM CD CG GA CF TD MG BI", "fr"),
    **_regions("EG SA AE QA KW BH OM YE JO LB SY IQ PS LY TN DZ MA SD MR", "ar"),
    "IR": "fa",
    "AF": "fa",  # Dari is written like Persian
    "PK": "ur",
    # Russian as the lingua franca of the former Soviet states whose own
    # languages we do not offer.
    **_regions("RU BY KZ KG UZ TJ TM AM AZ GE", "ru"),
    "UA": "uk",
    "RO": "ro",
    "MD": "ro",
    "BG": "bg",
    "PL": "pl",
    "AL": "sq",
    "XK": "sq",
    "TR": "tr",
    **_regions("CN TW HK MO", "zh"),
    "VN": "vi",
    "TH": "th",
    "LA": "th",  # Lao is not offered; written Thai is widely understood in Laos
    "PH": "tl",
    "ID": "id",
    "MY": "ms",
    "BN": "ms",
    "MM": "my",
    "KH": "km",
    "NP": "ne",
    "IN": "hi",
    "BD": "bn",
    "KE": "sw",
    "TZ": "sw",
    "ET": "am",
    "ER": "ti",
    "SO": "so",
    "DJ": "so",
    "NE": "ha",  # Niger: Hausa is the most spoken language
}


def locale_identifier(code: str) -> str:
    """The Babel/gettext locale for a language code (``zh`` -> ``zh_Hans``)."""
    return LOCALE_IDENTIFIERS.get(code, code)


@cache
def native_name(code: str) -> str:
    """The language's name in itself, capitalised for a stand-alone picker label.

    CLDR (through Babel) writes most names in lower case because that is
    right mid-sentence ("español"); a picker shows them on their own.
    """
    name = Locale.parse(code).get_language_name() or code
    return name[:1].upper() + name[1:]
