"""SMS keywords: one table, keyed by language; English is always accepted.

A keyword counts only when it is the whole message (trimmed, ignoring case,
accents and surrounding punctuation), so a report that merely contains
"stop" or "ayuda" is still a report. ``LANG`` is the one keyword that takes
an argument ("LANG es", "idioma español").

Actions:

- ``stop``: no more messages (English words are the ones Twilio itself
  honours on long codes, plus the French ones it knows);
- ``start``: messages again after a stop;
- ``help``: what this line is and the keywords;
- ``delete``: purge the sealed number now;
- ``lang``: change the reply language;
- ``exit``: end the conversation silently (no reply, number purged). It must
  never be a word Twilio handles itself (END, QUIT ...), or Twilio would
  answer it and break the silence;
- ``police``: ask (again) whether police may see the report;
- ``yes`` / ``no``: answers to that question, and only while it is open.

Twilio answers STOP, START, YES, HELP and INFO itself unless Advanced
Opt-Out is configured (see the module docs of ``operations``).

The table itself, one column per language, is ``keyword_table``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from hotline.channels.sms.keyword_table import KEYWORDS

_EDGE_PUNCTUATION: Final = ".,;:!?¡¿'\"()[]«»“”‘’…-–—؟،؛*#"
# Letters that are distinct code points, not a base letter plus a mark.
_FOLD: Final = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})


@dataclass(frozen=True)
class Keyword:
    action: str
    language: str  # the table column it matched ("en" for shared English words)
    argument: str = ""


def normalize(text: str) -> str:
    """Casefolded, without accents or diacritics, edge punctuation or extra
    spaces: "¡Ayúda!" -> "ayuda", "أُبدأ" -> "ابدا"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    bare = bare.replace("\u0640", "")  # Arabic tatweel
    words = [w.strip(_EDGE_PUNCTUATION) for w in bare.casefold().translate(_FOLD).split()]
    return " ".join(w for w in words if w)


@lru_cache(maxsize=64)
def _table(languages: tuple[str, ...], prefer: str | None) -> dict[str, tuple[str, str]]:
    """normalized phrase -> (action, language): the preferred language first,
    then English, then the others in their order."""
    table: dict[str, tuple[str, str]] = {}
    first = (prefer,) if prefer in languages and prefer != "en" else ()
    for language in (*first, "en", *[code for code in languages if code not in ("en", *first)]):
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                table.setdefault(normalize(phrase), (action, language))
    return table


def match(text: str, languages: Iterable[str], prefer: str | None = None) -> Keyword | None:
    """The keyword this whole message is, or None if it is not one.

    ``prefer`` is the conversation's language: where a phrase means one thing
    there and another elsewhere ("tak" is yes in Polish, no in Malay), the
    conversation's language decides."""
    cleaned = normalize(text)
    if not cleaned or len(cleaned) > 40:
        return None
    table = _table(tuple(languages), prefer)
    found = table.get(cleaned)
    if found is not None:
        return Keyword(*found)
    # LANG <argument>: the keyword may be one or two words ("ngon ngu vi").
    words = cleaned.split()
    for size in (2, 1):
        head = " ".join(words[:size])
        found = table.get(head)
        if found is not None and found[0] == "lang" and len(words) > size:
            return Keyword("lang", found[1], " ".join(words[size:]))
    return None


# Answers to the police question, read only inside a conversation, whose
# language decides between them (see ``match``).
_ANSWERS: Final = frozenset({"yes", "no"})


def keyword_conflicts(languages: Iterable[str] | None = None) -> list[str]:
    """Phrases that mean different actions in different languages, except a
    yes in one language that is a no in another: those are only answers
    within a conversation, and its language decides."""
    seen: dict[str, str] = {}
    problems = []
    for language in languages or KEYWORDS:
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                key = normalize(phrase)
                other = seen.setdefault(key, action)
                if other != action and not {other, action} <= _ANSWERS:
                    problems.append(f"{language}: {phrase!r} is {action}, elsewhere {other}")
    return problems
