"""Catalog gate for CI: ``python -m hotline.i18n_check``.

Fails when the template (messages.pot) is stale against the source, or when
any shipped catalog (every ``translations/<locale>/`` folder) or any enabled
language (``DEFAULT_LANGUAGES``, and ``HOTLINE_LANGUAGES`` when set):

- has no catalog, or one that does not parse;
- is not 100% translated, or has fuzzy entries (a fuzzy header included:
  ``pybabel compile`` would skip the whole catalog);
- has a translation whose placeholders or HTML tags differ from its source,
  or the wrong number of plural forms (too few read as untranslated);
- does not compile.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from hotline.i18n import SOURCE_LANGUAGE, TRANSLATIONS_DIR
from hotline.intake.languages import locale_identifier
from hotline.settings import DEFAULT_LANGUAGES, SettingsError, parse_languages

ROOT = TRANSLATIONS_DIR.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
EXAMPLES = 3


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
        new, old = _ids(fresh), _ids(template)
        if new != old:
            missing, gone = sorted(new - old)[:EXAMPLES], sorted(old - new)[:EXAMPLES]
            return [f"messages.pot is stale (missing {missing}, no longer used {gone}): "
                    "run `make extract`"]
    return []


def _signature(text: str) -> tuple[list[str], list[str]]:
    return sorted(PLACEHOLDER.findall(text)), sorted(t.lower() for t in TAG.findall(text))


def _examples(label: str, locale: str, sources: list[str]) -> list[str]:
    if not sources:
        return []
    shown = ", ".join(repr(text[:50]) for text in sources[:EXAMPLES])
    more = f" and {len(sources) - EXAMPLES} more" if len(sources) > EXAMPLES else ""
    return [f"{locale}: {len(sources)} {label}: {shown}{more}"]


def _read(path: Path, locale: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


def _message_problems(locale: str, catalog: Catalog) -> list[str]:
    untranslated, fuzzy, differing = [], [], []
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(sources[0])
        elif message.fuzzy:
            fuzzy.append(sources[0])
        elif any(_signature(text) != _signature(sources[0]) for text in strings):
            differing.append(sources[0])
    # Too few plural forms read as untranslated, too many do not parse (babel).
    return (_examples("untranslated", locale, untranslated)
            + _examples("fuzzy", locale, fuzzy)
            + _examples("with placeholders or tags that differ from the source", locale,
                        differing))


def _compile_problems(locale: str, catalog: Catalog) -> list[str]:
    compiled = io.BytesIO()
    try:
        write_mo(compiled, catalog)
        gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))  # the plural rule too
    except Exception as error:
        return [f"{locale}: does not compile: {type(error).__name__}: {error}"]
    return []


def check_catalog(locale: str) -> list[str]:
    """Problems with one catalog (a locale identifier or a language code)."""
    locale = locale_identifier(locale)
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return [f"{locale}: no catalog ({path.relative_to(TRANSLATIONS_DIR.parent)})"]
    try:
        catalog = _read(path, locale)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        return [f"{locale}: does not parse: {error}"]
    problems = []
    if catalog.fuzzy:
        problems.append(f"{locale}: the header is marked fuzzy, so the catalog would not be "
                        "compiled")
    template_ids = _ids(TRANSLATIONS_DIR / "messages.pot")
    missing = sorted(template_ids - {str(m.id) for m in catalog if m.id})
    if missing:
        problems += _examples("messages missing (the drafts merge the template)", locale,
                              missing)
    return problems + _message_problems(locale, catalog) + _compile_problems(locale, catalog)


def shipped_locales() -> list[str]:
    """Every catalog folder in translations/."""
    return sorted(path.name for path in TRANSLATIONS_DIR.iterdir() if path.is_dir()
                  and not path.name.startswith((".", "_")))


def enabled_locales(environ: dict[str, str] | None = None) -> list[str]:
    environ = dict(os.environ) if environ is None else environ
    codes = list(DEFAULT_LANGUAGES)
    if environ.get("HOTLINE_LANGUAGES"):
        codes += parse_languages(environ["HOTLINE_LANGUAGES"])
    return [locale_identifier(code) for code in codes if code != SOURCE_LANGUAGE]


def locales_to_check(environ: dict[str, str] | None = None) -> list[str]:
    return sorted(set(shipped_locales()) | set(enabled_locales(environ)))


def main() -> int:
    problems = check_template_fresh()
    try:
        locales = locales_to_check()
    except SettingsError as error:
        locales, problems = shipped_locales(), [*problems, str(error)]
    for locale in locales:
        problems += check_catalog(locale)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"catalog gate failed: {len(problems)} problems in {len(locales)} catalogs",
              file=sys.stderr)
        return 1
    print(f"catalogs ok: {SOURCE_LANGUAGE} (source), {', '.join(locales)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
