"""Category and urgency of a report, from keyword lists.

Keywords, not a model: routing must be explainable to the admin who writes
the rules ("it matched 'brothel'"), editable without retraining, and work
in languages no available model covers. Matching is on a folded copy of the
text (see fold()), so "Cocaína", "cocaina" and "COCAÍNA" are one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final

from hotline.intake.word_tables import CATEGORY_KEYWORDS, URGENCY_WORDS

__all__ = ["CATEGORIES", "URGENCY_WORDS", "classify_category", "fold", "is_urgent"]

CATEGORIES: Final = ("labour", "sexual", "forced_marriage", "drugs", "other")

# Languages written without spaces between words: keywords match anywhere.
_UNSPACED: Final = frozenset({"zh", "ja", "th", "my", "km", "lo"})
# Arabic attaches "and", "so", "with", "to", "like" and "the" to the word.
# (Written with the folded kaf, ک, as the text they run on is folded.)
_ARABIC_PROCLITICS: Final = "(?:[وف]?[بلک]?(?:ال|ل)?)"
# Letters NFKD does not decompose, and Arabic/Persian spelling variants, that
# people type interchangeably. Apostrophes (including the Ukrainian ʼ, which
# is a letter to Unicode) split words, as on the keyword side.
_FOLD: Final = str.maketrans(
    {
        "đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i",
        "ك": "ک", "ي": "ی", "ى": "ی", "ة": "ه", "ـ": "",
        "ʼ": " ", "ʻ": " ", "’": " ", "‘": " ",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-cased, accent-free text as space-separated words, padded with a
    space at each end so that every word is bounded by spaces.

    Marks are dropped only on alphabetic scripts (below U+0700: Latin,
    Greek, Cyrillic, Hebrew, Arabic), where they are optional accents; in
    Devanagari, Ethiopic or Thai they are part of the letter.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    chars: list[str] = []
    base = " "
    for char in decomposed:
        if unicodedata.combining(char):
            if base >= "\u0700":
                chars.append(char)
            continue
        base = char
        chars.append(char if unicodedata.category(char)[0] in "LMN" else " ")
    return " " + " ".join("".join(chars).split()) + " "


def classify_category(text: str, language: str | None) -> str | None:
    """The category whose keywords the text matches most, or None.

    Checks the text's language and English (reporters mix them); with no
    language, or one without a table, every table. A phrase counts as many
    points as it has words, so "forced marriage" outweighs "husband". Ties
    go to the category listed first in CATEGORIES.
    """
    folded = fold(text)
    scores = dict.fromkeys(CATEGORIES, 0)
    for lang in _languages_to_check(language, CATEGORY_KEYWORDS):
        for category, words in CATEGORY_KEYWORDS[lang].items():
            for match in _pattern(lang, words).finditer(folded):
                scores[category] += match.group().count(" ") + 1
    best = max(CATEGORIES, key=lambda category: scores[category])
    return best if scores[best] else None


def is_urgent(
    text: str,
    language: str | None,
    extra_words: Mapping[str, Iterable[str]] | None = None,
) -> bool:
    """Whether the text contains an imminent-danger word.

    Checks the text's language and English; with no language, or one
    without a list, every list. ``extra_words`` are admin additions keyed by
    language, with ``"*"`` for words to look for whatever the language.
    """
    folded = fold(text)
    lists = _languages_to_check(language, URGENCY_WORDS)
    if any(_pattern(lang, URGENCY_WORDS[lang]).search(folded) for lang in lists):
        return True
    if not extra_words:
        return False
    wanted = {_base_code(language), "en", "*"} if language else None
    for key, words in extra_words.items():
        lang = key if key == "*" else _base_code(key)
        if wanted is None or lang in wanted:
            extra = tuple(words)
            if extra and _pattern(lang, extra).search(folded):
                return True
    return False


def _base_code(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


def _languages_to_check(language: str | None, tables: Mapping[str, object]) -> tuple[str, ...]:
    code = _base_code(language) if language else None
    if code not in tables:
        return tuple(tables)
    return (code,) if code == "en" else (code, "en")


@lru_cache(maxsize=512)
def _pattern(language: str, words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for a language's list, longest entries first."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        prefix = word.endswith("*")
        folded = fold(word.rstrip("*")).strip()
        if not folded:
            continue
        if language in _UNSPACED:
            alternatives.append(re.escape(folded))
        else:
            alternatives.append(re.escape(folded) + ("" if prefix else "(?= )"))
    if not alternatives:
        return re.compile(r"(?!)")
    body = "(?:" + "|".join(alternatives) + ")"
    if language in _UNSPACED:
        return re.compile(body)
    proclitics = _ARABIC_PROCLITICS if language == "ar" else ""
    return re.compile(f"(?<= ){proclitics}{body}")
