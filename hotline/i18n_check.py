"""Catalog gate for CI: ``python -m hotline.i18n_check``.

Fails when the template (messages.pot) is stale against the source, when an
enabled locale is not 100% translated (or has fuzzy entries), when a
translation's placeholders or HTML tags differ from its source, or when a
catalog does not compile.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from hotline.i18n import TRANSLATIONS_DIR
from hotline.settings import DEFAULT_LANGUAGES

ROOT = TRANSLATIONS_DIR.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.id) for m in catalog if m.id}


def check_template_fresh() -> list[str]:
    template = TRANSLATIONS_DIR / "messages.pot"
    if not template.exists():
        return ["translations/messages.pot is missing: run `make extract`"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "messages.pot"
        CommandLineInterface().run([
            "pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l",
            "-k", "lazy_gettext", "--add-comments=Translators:", "--no-location",
            "-o", str(fresh), str(ROOT / "hotline")])
        if _ids(fresh) != _ids(template):
            missing = sorted(_ids(fresh) - _ids(template))[:5]
            return [f"messages.pot is stale (e.g. missing {missing}): run `make extract`"]
    return []


def _signature(text: str) -> tuple[list[str], list[str]]:
    return sorted(PLACEHOLDER.findall(text)), sorted(t.lower() for t in TAG.findall(text))


def check_catalog(locale: str) -> list[str]:
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return [f"{locale}: no catalog"]
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    problems = []
    template_ids = _ids(TRANSLATIONS_DIR / "messages.pot")
    ids = {str(m.id) for m in catalog if m.id}
    if template_ids - ids:
        problems.append(f"{locale}: {len(template_ids - ids)} messages missing (run `make update-catalogs`)")
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"{locale}: untranslated or fuzzy: {sources[0][:60]!r}")
            continue
        for translated in strings:
            if _signature(translated) != _signature(sources[0]):
                problems.append(f"{locale}: placeholders or tags differ in {sources[0][:60]!r}")
    try:
        write_mo(io.BytesIO(), catalog)
    except Exception as error:
        problems.append(f"{locale}: does not compile: {error}")
    return problems


def main() -> int:
    problems = check_template_fresh()
    for locale in DEFAULT_LANGUAGES:
        if locale != "en":
            problems += check_catalog(locale)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"catalogs ok: {', '.join(DEFAULT_LANGUAGES)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
