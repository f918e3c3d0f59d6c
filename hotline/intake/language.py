"""Which language a reporter is writing in.

Runs on the SMS webhook for every message, so it must be cheap and must never
raise. The approach:

1. Count letters per script. Most of our languages are the only one written
   in their script (Thai, Khmer, Burmese, Bengali, Chinese), so the script
   alone answers, even for one word.
2. Within a shared script, lingua decides among the enabled languages it
   models (high-accuracy mode: SMS are short, and short text is where the
   low-accuracy mode fails).
3. lingua has no model for Burmese, Khmer, Nepali, Amharic, Tigrinya or
   Hausa. Burmese and Khmer are settled by script; Amharic/Tigrinya and
   Hindi/Nepali by pycld2, overruled by clear marker words, endings and
   letters (hotline.intake.language_markers); Hausa by pycld2 or its marker
   words before lingua decides.
4. Neighbours lingua confuses even when it sounds sure (Indonesian/Malay,
   Russian/Ukrainian/Bulgarian) are settled by the same kind of markers when
   the text has clear ones.

benchmarks/langid measures all this on short and two-word texts in all 30
languages.

"Unsure" is an answer (None): the caller then keeps the conversation's
language or uses the default for the caller's country.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

import pycld2
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from hotline.intake.language_markers import (
    _GROUP_OF,
    _HAUSA,
    _VIETNAMESE,
    _marker_choice,
    _marker_scores,
)
from hotline.intake.languages import ALL_LANGUAGES, LANGUAGE_SCRIPTS

# Detection reads this much of a text: a long web report is no clearer
# after its first paragraphs, and lingua's time grows with length.
MAX_SAMPLE_CHARS: Final = 1000
# Fewer letters than this carry no signal ("a", "k").
MIN_LETTERS: Final = 2
# lingua's confidence values are relative; we name the top language only when
# it leads the runner-up by this much. That is what lingua's
# with_minimum_relative_distance() does inside detect_language_of() (our
# phrase set gives identical answers either way); applying it ourselves to
# compute_language_confidence_values() gets the language and its confidence
# from one lingua pass instead of two. Tuned on short SMS-like phrases: 0.2
# keeps "aide", "thank you", "помогите" unsure and still names "help",
# "ayuda", "necesito ayuda".
MIN_MARGIN: Final = 0.2
# choose_language() leaves a conversation's language only on a detection at
# least this confident.
SWITCH_CONFIDENCE: Final = 0.5
# When lingua is torn between two languages and pycld2 picks one, the answer
# is as sure as the pair's share times how often pycld2 picks right between
# neighbours (about 0.8 for Indonesian/Malay sentences on the dev split of
# benchmarks/langid): enough to leave another script, not a neighbour.
CLD2_TIE_TRUST: Final = 0.7
# ... and a switch to a close neighbour of the conversation's language
# (Malay to Indonesian, say) only on one at least this confident.
NEIGHBOUR_SWITCH_CONFIDENCE: Final = 0.75

_LINGUA: Final[dict[str, Language]] = {
    lang.iso_code_639_1.name.lower(): lang for lang in Language.all()
}
LINGUA_UNSUPPORTED: Final = frozenset(c for c in ALL_LANGUAGES if c not in _LINGUA)

_ALL: Final = frozenset(ALL_LANGUAGES)

# Unicode character names begin with the script ("ETHIOPIC SYLLABLE HA",
# "CJK UNIFIED IDEOGRAPH-4E00"). The stdlib has no Script property, and this
# avoids both a new dependency (the `regex` module) and a hand-kept range
# table that would drift from the Unicode version Python ships.
_NAME_PREFIX_TO_SCRIPT: Final[dict[str, str]] = {
    "LATIN": "Latn",
    "ARABIC": "Arab",
    "CYRILLIC": "Cyrl",
    "DEVANAGARI": "Deva",
    "ETHIOPIC": "Ethi",
    "CJK": "Hani",
    "THAI": "Thai",
    "MYANMAR": "Mymr",
    "KHMER": "Khmr",
    "BENGALI": "Beng",
}

# Hausa marker points (2 a word) that settle a Latin text as Hausa on their
# own; fewer only break a tie that lingua, blind to Hausa, could not.
HAUSA_SURE: Final = 4
# Vietnamese marker points (two words) that settle a text lingua is unsure of.
UNACCENTED_VIETNAMESE: Final = 4
# Scripts where lingua lacks a language of the pair (Nepali; Amharic, Tigrinya).
_MODEL_FREE_SCRIPTS: Final = frozenset({"Deva", "Ethi"})


def detect_language(text: str, enabled: Iterable[str] | None = None) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when unsure."""
    return detect_language_with_confidence(text, enabled)[0]


def detect_language_with_confidence(
    text: str, enabled: Iterable[str] | None = None
) -> tuple[str | None, float]:
    """Like detect_language(), with a confidence in [0, 1] (0.0 when None)."""
    languages = _ALL if enabled is None else frozenset(_base_code(c) for c in enabled)
    sample = _clean(text[:MAX_SAMPLE_CHARS])
    script = _dominant_script(sample)
    if script is None:
        return None, 0.0
    candidates = _candidates(languages, script)
    if not candidates:
        return None, 0.0
    if len(candidates) == 1:
        return next(iter(candidates)), 1.0
    if script in _MODEL_FREE_SCRIPTS:
        return _by_cld2_and_markers(sample, candidates)
    return _by_lingua(sample, candidates)


def choose_language(
    text: str, current: str | None, enabled: Iterable[str] | None = None
) -> str | None:
    """The language to continue a conversation in after a new message.

    A reply like "ok", "si" or a name is no reason to change language, so a
    single word or an unsure detection keeps ``current``. A confident single
    word in a script ``current`` is not written in does switch: "مساعدة" in
    an English conversation is not English. Between close neighbours (the
    marker groups: Indonesian/Malay, Russian/Ukrainian/Bulgarian, Hindi/Nepali,
    Amharic/Tigrinya) a switch needs a surer detection, because that is where
    short texts are most often misread.
    """
    detected, confidence = detect_language_with_confidence(text, enabled)
    if current is None or detected is None:
        return detected or current
    base = _base_code(current)  # callers may store "zh_Hans"
    if detected == base or confidence < SWITCH_CONFIDENCE:
        return current
    if detected in _GROUP_OF.get(base, ()) and confidence < NEIGHBOUR_SWITCH_CONFIDENCE:
        return current  # Malay and Indonesian, say: a lukewarm guess is no reason to flip
    if sum(any(ch.isalpha() for ch in word) for word in text.split()) > 1:
        return detected
    if LANGUAGE_SCRIPTS.get(_base_code(current)) != LANGUAGE_SCRIPTS.get(detected):
        return detected
    return current


def warm_up(enabled: Iterable[str] | None = None) -> None:
    """Load lingua's models now (3-10 s on a busy 2-core machine, ~470 MB) instead of on a request.

    Call in the process that forks the workers (gunicorn ``preload_app``):
    the models are process-global in lingua, and forked workers then share
    their pages instead of loading a copy each.
    """
    languages = _ALL if enabled is None else frozenset(_base_code(c) for c in enabled)
    modelled = [_LINGUA[c] for c in languages if c in _LINGUA]
    if modelled:
        LanguageDetectorBuilder.from_languages(*modelled).with_preloaded_language_models().build()
    for script in set(LANGUAGE_SCRIPTS.values()):
        group = frozenset(c for c in _candidates(languages, script) if c in _LINGUA)
        if len(group) > 1:
            _detector(group).compute_language_confidence_values("warm up")


def _clean(text: str) -> str:
    """NFKC (fullwidth Latin, Arabic presentation forms -> plain letters),
    with lone surrogates replaced: lingua and pycld2 take UTF-8 only."""
    sample = unicodedata.normalize("NFKC", text)
    if sample.isascii():
        return sample
    return sample.encode("utf-8", "replace").decode("utf-8")


def _base_code(code: str) -> str:
    """Language part of a locale: callers may pass "zh_Hans" or "pt-BR"."""
    return code.replace("-", "_").split("_", 1)[0].lower()


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str:
    try:
        prefix = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:  # unnamed code point
        return ""
    return _NAME_PREFIX_TO_SCRIPT.get(prefix, prefix)


def _dominant_script(sample: str) -> str | None:
    if sample.isascii():
        letters = sum(ch.isalpha() for ch in sample)
        return "Latn" if letters >= MIN_LETTERS else None
    counts = Counter(_script_of(ch) for ch in sample if ch.isalpha())
    if sum(counts.values()) < MIN_LETTERS:
        return None
    return counts.most_common(1)[0][0]


@lru_cache(maxsize=256)
def _candidates(languages: frozenset[str], script: str) -> frozenset[str]:
    return frozenset(c for c in languages if LANGUAGE_SCRIPTS.get(c) == script)


@lru_cache(maxsize=64)
def _detector(codes: frozenset[str]) -> LanguageDetector:
    # Built lazily (no preloading): a worker that was not warmed up loads
    # only the models its traffic needs.
    return LanguageDetectorBuilder.from_languages(*(_LINGUA[c] for c in codes)).build()


def _cld2(sample: str) -> tuple[str, float] | None:
    """pycld2's reliable guess and its percentage of the text, if any."""
    try:
        reliable, _, details = pycld2.detect(sample)
    except (pycld2.error, ValueError):  # invalid UTF-8, e.g. lone surrogates
        return None
    if not reliable:
        return None
    _, code, percent, _ = details[0]
    return code.split("-", 1)[0], percent / 100


def _by_lingua(sample: str, candidates: frozenset[str]) -> tuple[str | None, float]:
    hausa = 0
    if "ha" in candidates:  # lingua cannot see Hausa; pycld2 can, in sentences
        guess = _cld2(sample)
        if guess and guess[0] == "ha":
            return guess
        hausa = _marker_scores(sample, _HAUSA)["ha"]
        if hausa >= HAUSA_SURE:
            return "ha", (hausa + 1) / (hausa + 2)
    modelled = frozenset(c for c in candidates if c in _LINGUA)
    if not modelled:
        return None, 0.0
    values = _detector(modelled).compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    top = values[0]
    runner_up = values[1].value if len(values) > 1 else 0.0
    top_code = top.language.iso_code_639_1.name.lower()
    group = _GROUP_OF.get(top_code, frozenset()) & candidates
    if len(group) > 1:
        # Neighbours lingua confuses even when it sounds sure (Indonesian and
        # Malay above all): clear marker evidence outranks it.
        choice = _marker_choice(sample, group)
        if choice is not None:
            return choice if choice[0] != top_code else (top_code, max(choice[1], top.value))
    if top.value - runner_up >= MIN_MARGIN:
        return top_code, top.value
    if hausa:  # lingua is unsure and the text has Hausa words
        return "ha", (hausa + 1) / (hausa + 2)
    if "vi" in candidates and top_code != "vi":
        vietnamese = _marker_scores(sample, _VIETNAMESE)["vi"]
        if vietnamese >= UNACCENTED_VIETNAMESE:
            return "vi", (vietnamese + 1) / (vietnamese + 2)
    if len(values) > 1:
        # Close calls between neighbours (Indonesian/Malay, Russian/Bulgarian):
        # pycld2 is a second opinion, trusted only to pick one of the two.
        second_code = values[1].language.iso_code_639_1.name.lower()
        guess = _cld2(sample)
        if guess and guess[0] in (top_code, second_code):
            return guess[0], min(1.0, top.value + runner_up) * CLD2_TIE_TRUST
    return None, 0.0


def _by_cld2_and_markers(sample: str, candidates: frozenset[str]) -> tuple[str | None, float]:
    """Hindi/Nepali and Amharic/Tigrinya, which lingua does not model both of."""
    guess = _cld2(sample)
    choice = _marker_choice(sample, candidates)
    if guess and guess[0] in candidates:
        # pycld2 is right on most sentences but leans to Hindi and Amharic on
        # a few words; clear markers for the other language win.
        return choice if choice is not None and choice[0] != guess[0] else guess
    if choice is None:
        choice = _marker_choice(sample, candidates, clear=False)
    return choice or (None, 0.0)
