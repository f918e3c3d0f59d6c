"""The language-identification evaluation corpus: loading and checking.

Two sets of files, one language a file (``<code>.txt``), each with a
``[short]`` section (SMS-style messages of 20-80 characters) and a
``[two-word]`` section, one text a line; ``#`` lines are comments:

- ``data/``: the **development set**, all of it. It was once split into a
  seeded dev third and a test two thirds, but that test part was looked at
  while the detector was tuned, so it is no longer held out; the whole
  directory, ``[short dev-only]`` and ``[two-word dev-only]`` sections
  included, is now for development (``--errors`` may be used on it freely).
- ``fresh/``: the **test set**, written by authors who saw neither the
  detector nor ``data/``, and committed (9aab1fc) before any detector was
  run on it. It has only ``[short]`` and ``[two-word]`` sections. It is never
  edited, and its mistakes are not read before a run's figures are recorded.

Both sets get the same checks (lengths, two words, duplicates within a
language). A text that occurs, identically (case-folded), in two languages
(Indonesian and Malay share many two-word phrases) has no single right
answer: it is left out of both sets and counted in ``Corpus.ambiguous``.
Ambiguity is decided over the two sets together, so a text written as
Malay in ``data/`` and as Indonesian in ``fresh/`` is left out too.
Test texts that also occur, in the same language, in the development set
are kept (the authors wrote them independently) and counted in
``Corpus.overlap``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).with_name("data")  # development set
FRESH_DIR: Final = Path(__file__).with_name("fresh")  # held-out test set
KINDS: Final = ("short", "two-word")
DEV_ONLY: Final = " dev-only"
SPLITS: Final = ("dev", "test")
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
    # (text, languages) left out of both sets; ambiguous_count[split] -> texts left out there
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    ambiguous_count: dict[str, int] = field(default_factory=dict)
    # test texts that also occur, in the same language, in the development set (kept)
    overlap: list[tuple[str, str, str]] = field(default_factory=list)

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


def _read_dir(directory: Path, dev_only_allowed: bool) -> dict[str, dict[str, list[str]]]:
    raw = {path.stem: _read(path) for path in sorted(directory.glob("*.txt"))}
    if not dev_only_allowed:
        for code, sections in raw.items():
            if any(sections[kind + DEV_ONLY] for kind in KINDS):
                raise CorpusError(f"{directory.name}/{code}.txt: dev-only sections are for data/ only")
    return raw


def load(data_dir: Path = DATA_DIR, fresh_dir: Path = FRESH_DIR, strict: bool = True) -> Corpus:
    """dev = every text of ``data_dir``; test = every text of ``fresh_dir``."""
    raw = {"dev": _read_dir(data_dir, True), "test": _read_dir(fresh_dir, False)}
    if sorted(raw["dev"]) != sorted(raw["test"]):
        raise CorpusError(
            f"data/ and fresh/ cover different languages: {sorted(raw['dev'])} {sorted(raw['test'])}"
        )
    problems = [
        f"{split_name}: {p}"
        for split_name, files in raw.items()
        for code, sections in files.items()
        for p in check(code, sections)
    ]
    if problems and strict:
        raise CorpusError("\n".join(problems))
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for files in raw.values():
        for code, sections in files.items():
            for section, items in sections.items():
                for text in items:
                    owners[(section.removesuffix(DEV_ONLY), text.casefold())].add(code)
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    ambiguous = sorted((text, tuple(sorted(codes))) for (_, text), codes in shared.items())
    texts: dict[str, dict[str, dict[str, list[str]]]] = {s: {k: {} for k in KINDS} for s in SPLITS}
    ambiguous_count = dict.fromkeys(SPLITS, 0)
    for split_name, files in raw.items():
        for code, sections in files.items():
            for kind in KINDS:
                written = sections[kind] + sections[kind + DEV_ONLY]
                kept = [t for t in written if (kind, t.casefold()) not in shared]
                ambiguous_count[split_name] += len(written) - len(kept)
                texts[split_name][kind][code] = kept
    dev_texts = {
        (kind, code, t.casefold()) for kind in KINDS for code, v in texts["dev"][kind].items() for t in v
    }
    overlap = sorted(
        (code, kind, t)
        for kind in KINDS
        for code, v in texts["test"][kind].items()
        for t in v
        if (kind, code, t.casefold()) in dev_texts
    )
    return Corpus(texts, ambiguous, ambiguous_count, overlap)


if __name__ == "__main__":  # corpus checks only: no detector runs, no test text is printed
    corpus = load(strict=False)
    for directory in (DATA_DIR, FRESH_DIR):
        for code in sorted(p.stem for p in directory.glob("*.txt")):
            for problem in check(code, _read(directory / f"{code}.txt")):
                print(directory.name, problem)
    print("ambiguous (left out):", corpus.ambiguous_count)
    print("test texts also in dev (kept):", len(corpus.overlap))
    for s in SPLITS:
        for k in KINDS:
            sizes = {c: len(v) for c, v in corpus.texts[s][k].items()}
            print(s, k, corpus.count(s, k), "min", min(sizes.values()), "max", max(sizes.values()))
