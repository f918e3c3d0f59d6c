"""Category and urgency words per language, kept as plain data in
``words/<language>.txt`` and read once at import.

Plain data, reviewed by native speakers on the team before each release;
admins add words at run time through routing rules (extra_words), not here.

A file holds ``[labour]``, ``[sexual]``, ``[forced_marriage]``, ``[drugs]``,
``[other]`` and ``[urgency]`` sections of entries separated by ``;``;
``#`` lines are notes for the next editor.

Notation, applied by hotline.intake.classify:
- entries are matched as whole words or phrases, ignoring case and accents
  (Latin, Cyrillic and Arabic diacritics; Arabic hamza/yeh/kaf variants);
- a trailing ``*`` makes the last word a prefix ("prostitu*");
- Arabic entries also match after the proclitics و ف ب ل ك ال;
- Chinese, Thai, Burmese and Khmer entries match anywhere (no spaces).

Signs common to every form of exploitation (a confiscated passport, threats)
are left out of the categories: they would outvote the specific words.

Entries are phrases where a single word would also mean something harmless
("no pay", not "pay"); in Vietnamese, which is often typed without
diacritics, single syllables are avoided because they collide once
stripped ("lương" salary / "lượng" amount).

Urgency words mark imminent danger, and such a report is sorted first: cries
for help rather than the plain word "help" (every report asks for help).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

WORDS_DIR: Final = Path(__file__).with_name("words")
CATEGORIES: Final = ("labour", "sexual", "forced_marriage", "drugs", "other")


def entries(text: str) -> tuple[str, ...]:
    """``"a; b c;\n d"`` -> ``("a", "b c", "d")``: the notation of every word table."""
    return tuple(e.strip() for e in text.split(";") if e.strip())


def read_sections(path: Path) -> dict[str, tuple[str, ...]]:
    """``[section]`` -> its entries; ``#`` lines are comments."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1], [])
        elif current is None:
            raise ValueError(f"{path.name}: entries before the first [section]")
        else:
            current.append(stripped)
    return {name: entries(" ".join(lines)) for name, lines in sections.items()}


def _load() -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, tuple[str, ...]]]:
    categories: dict[str, dict[str, tuple[str, ...]]] = {}
    urgency: dict[str, tuple[str, ...]] = {}
    for path in sorted(WORDS_DIR.glob("*.txt")):
        sections = read_sections(path)
        unknown = set(sections) - {*CATEGORIES, "urgency"}
        if unknown:
            raise ValueError(f"{path.name}: unknown sections {sorted(unknown)}")
        found = {name: sections[name] for name in CATEGORIES if sections.get(name)}
        if found:
            categories[path.stem] = found
        if sections.get("urgency"):
            urgency[path.stem] = sections["urgency"]
    return categories, urgency


CATEGORY_KEYWORDS, URGENCY_WORDS = _load()
