"""The language-identification evaluation corpus: loading, checking, splitting.

``data/<code>.txt`` holds one language: a ``[short]`` section (SMS-style
messages of 20-80 characters) and a ``[two-word]`` section, one text a line,
``#`` lines are comments. Every text was written before any detector was run
on it.

Each section is split into a dev part (a third) and a test part (two thirds)
by a shuffle seeded with the language and section names, so the split is
fixed, reproducible and independent of the order the lines were written in.
Tuning looks at dev only; the figures in RESULTS.md are from test.

A ``[short dev-only]`` or ``[two-word dev-only]`` section holds texts
written later, for tuning only: they always go to dev, and leave the
seeded test split as it was.

A text that occurs, identically, in two languages (Indonesian and Malay
share many two-word phrases) has no single right answer; it is left out of
both and counted in ``Corpus.ambiguous``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).with_name("data")
KINDS: Final = ("short", "two-word")
DEV_ONLY: Final = " dev-only"
SPLITS: Final = ("dev", "test")
DEV_SHARE: Final = 1 / 3
SHORT_MIN, SHORT_MAX = 20, 80
# Chinese is written without spaces: its two-word texts are two words run
# together ("救救我"), so they are checked by length instead; and a character
# carries a word, so its short texts are 6-40 characters, not 20-80.
UNSPACED: Final = frozenset({"zh"})
SHORT_MIN_UNSPACED, SHORT_MAX_UNSPACED = 6, 40


@dataclass
class Corpus:
    # texts[split][kind][code] -> list of texts
    texts: dict[str, dict[str, dict[str, list[str]]]]
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def languages(self) -> list[str]:
        return sorted(self.texts["test"]["short"])

    def count(self, split: str, kind: str) -> int:
        return sum(len(v) for v in self.texts[split][kind].values())


class CorpusError(ValueError):
    pass


def _read(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {k: [] for kind in KINDS for k in (kind, kind + DEV_ONLY)}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in sections:
                raise CorpusError(f"{path.name}:{number}: unknown section {line}")
            continue
        if current is None:
            raise CorpusError(f"{path.name}:{number}: text before any section")
        sections[current].append(" ".join(line.split()))
    return sections


def check(code: str, sections: dict[str, list[str]]) -> list[str]:
    """Problems with one language's texts (empty when it is well formed)."""
    problems = []
    for section, texts in sections.items():
        kind = section.removesuffix(DEV_ONLY)
        seen: set[str] = set(sections[kind]) if section != kind else set()
        for text in texts:
            if text in seen:
                problems.append(f"{code} {kind}: duplicate {text!r}")
            seen.add(text)
            low, high = (
                (SHORT_MIN_UNSPACED, SHORT_MAX_UNSPACED) if code in UNSPACED else (SHORT_MIN, SHORT_MAX)
            )
            if kind == "short" and not low <= len(text) <= high:
                problems.append(f"{code} short: {len(text)} characters: {text!r}")
            if kind == "two-word":
                if code in UNSPACED:
                    if " " in text or not 2 <= len(text) <= 8:
                        problems.append(f"{code} two-word: {text!r}")
                elif len(text.split()) != 2:
                    problems.append(f"{code} two-word: not two words: {text!r}")
    return problems


def split(code: str, kind: str, texts: list[str]) -> dict[str, list[str]]:
    shuffled = list(texts)
    random.Random(f"{code}/{kind}").shuffle(shuffled)
    n_dev = int(len(shuffled) * DEV_SHARE)
    return {"dev": shuffled[:n_dev], "test": shuffled[n_dev:]}


def load(data_dir: Path = DATA_DIR, strict: bool = True) -> Corpus:
    raw = {path.stem: _read(path) for path in sorted(data_dir.glob("*.txt"))}
    problems = [p for code, sections in raw.items() for p in check(code, sections)]
    if problems and strict:
        raise CorpusError("\n".join(problems))
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, sections in raw.items():
        for section, texts in sections.items():
            for text in texts:
                owners[(section.removesuffix(DEV_ONLY), text.casefold())].add(code)
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    ambiguous = sorted((text, tuple(sorted(codes))) for (_, text), codes in shared.items())
    texts: dict[str, dict[str, dict[str, list[str]]]] = {
        s: {k: {} for k in KINDS} for s in SPLITS
    }
    for code, sections in raw.items():
        for kind in KINDS:
            kept = [t for t in sections[kind] if (kind, t.casefold()) not in shared]
            for split_name, part in split(code, kind, kept).items():
                texts[split_name][kind][code] = part
            texts["dev"][kind][code] += [
                t for t in sections[kind + DEV_ONLY] if (kind, t.casefold()) not in shared
            ]
    return Corpus(texts, ambiguous)


if __name__ == "__main__":
    corpus = load(strict=False)
    for code in sorted({p.stem for p in DATA_DIR.glob("*.txt")}):
        for problem in check(code, _read(DATA_DIR / f"{code}.txt")):
            print(problem)
    for text, codes in corpus.ambiguous:
        print("ambiguous", codes, text)
    for s in SPLITS:
        for k in KINDS:
            sizes = {c: len(v) for c, v in corpus.texts[s][k].items()}
            print(s, k, corpus.count(s, k), "min", min(sizes.values()), "max", max(sizes.values()))
