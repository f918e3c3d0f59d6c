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

Issue 7 extends this to 30 languages: add a column per language, nothing
else. ``keyword_conflicts()`` (run by the tests) refuses a phrase that means
two different things in two languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

ACTIONS: Final = ("stop", "start", "help", "delete", "lang", "exit", "police", "yes", "no")


def _w(entries: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in entries.split(";") if e.strip())


KEYWORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "stop": _w("stop; stopall; unsubscribe; cancel; end; quit; revoke; optout; opt out"),
        "start": _w("start; unstop"),
        "help": _w("help; info"),
        "delete": _w("delete; delete my number; forget me"),
        "lang": _w("lang; language"),
        "exit": _w("bye; goodbye"),
        "police": _w("police"),
        "yes": _w("yes; y"),
        "no": _w("no; n"),
    },
    "es": {
        "stop": _w("alto; parar; detener; baja; cancelar"),
        "start": _w("reanudar; iniciar"),
        "help": _w("ayuda; información"),
        "delete": _w("borrar; eliminar; borrar mi número"),
        "lang": _w("idioma"),
        "exit": _w("chao; chau; adiós"),
        "police": _w("policía"),
        "yes": _w("sí"),
        "no": _w("no"),
    },
    "fr": {
        "stop": _w("arrêt; arrête; arrêter; désabonner"),
        "start": _w("reprendre"),
        "help": _w("aide"),
        "delete": _w("effacer; supprimer; supprimer mon numéro"),
        "lang": _w("langue"),
        "exit": _w("ciao; adieu"),
        "police": _w("police"),
        "yes": _w("oui"),
        "no": _w("non"),
    },
    "ar": {
        "stop": _w("توقف; قف; إيقاف; إلغاء"),
        # Not ابدأ: without its hamza it is أبدا, "never".
        "start": _w("استئناف; اشتراك"),
        "help": _w("مساعدة; معلومات"),
        "delete": _w("احذف; حذف; امسح رقمي"),
        "lang": _w("لغة; اللغة"),
        "exit": _w("مع السلامة; باي"),
        "police": _w("شرطة; الشرطة"),
        "yes": _w("نعم; اي"),
        "no": _w("لا"),
    },
    # Often typed without diacritics: normalize() makes both forms equal.
    "vi": {
        "stop": _w("dừng; ngừng; hủy"),
        "start": _w("tiếp tục; bắt đầu"),
        "help": _w("giúp; trợ giúp"),
        "delete": _w("xóa; xoá; xóa số"),
        "lang": _w("ngôn ngữ"),
        "exit": _w("tạm biệt"),
        "police": _w("công an; cảnh sát"),
        "yes": _w("có; đồng ý"),
        "no": _w("không"),
    },
}

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


@lru_cache(maxsize=16)
def _table(languages: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """normalized phrase -> (action, language), English first."""
    table: dict[str, tuple[str, str]] = {}
    for language in ("en", *[code for code in languages if code != "en"]):
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                table.setdefault(normalize(phrase), (action, language))
    return table


def match(text: str, languages: Iterable[str]) -> Keyword | None:
    """The keyword this whole message is, or None if it is not one."""
    cleaned = normalize(text)
    if not cleaned or len(cleaned) > 40:
        return None
    table = _table(tuple(languages))
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


def keyword_conflicts(languages: Iterable[str] | None = None) -> list[str]:
    """Phrases that mean different actions in different languages."""
    seen: dict[str, str] = {}
    problems = []
    for language in languages or KEYWORDS:
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                key = normalize(phrase)
                if seen.setdefault(key, action) != action:
                    problems.append(f"{language}: {phrase!r} is {action}, elsewhere {seen[key]}")
    return problems
