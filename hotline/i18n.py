"""Locale selection, catalog checks at start-up, and template helpers for
right-to-left scripts.

Web: ``?lang=`` (remembered in the session), then the session, then
Accept-Language, then the default. Languages are the ISO 639-1 codes of
``hotline.intake.languages``; a catalog lives under the locale identifier
(``zh`` -> ``translations/zh_Hans``).
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale, support
from flask import Flask, current_app, request, session
from flask_babel import Domain, get_locale
from werkzeug.datastructures import LanguageAccept

from hotline.extensions import babel
from hotline.intake.languages import ALL_LANGUAGES, LOCALE_IDENTIFIERS, locale_identifier
from hotline.settings import Settings, SettingsError

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
SOURCE_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "ug", "yi"})
# Accept-Language tags browsers send for our languages under another code.
LANGUAGE_ALIASES = {"fil": "tl", "in": "id", "zsm": "ms", "prs": "fa", "pes": "fa",
                    "npi": "ne", "swh": "sw", "cmn": "zh", "urd": "ur"}
_CODES_BY_LOCALE = {locale: code for code, locale in LOCALE_IDENTIFIERS.items()}
# Babel reads some codes as another locale: "tl" parses as Filipino, fil_PH.
# The catalog folder and the language code stay ours (translations/tl, "tl").
_FOLDERS_BY_BABEL_LOCALE = {str(Locale.parse(locale_identifier(code))): locale_identifier(code)
                            for code in ALL_LANGUAGES}
_CODES_BY_BABEL_LANGUAGE = {Locale.parse(locale_identifier(code)).language: code
                            for code in ALL_LANGUAGES}


def language_code(locale: str) -> str:
    """The language code of a catalog's locale identifier (``zh_Hans`` -> ``zh``)."""
    return _CODES_BY_LOCALE.get(locale, locale)


def best_accepted(accept: LanguageAccept, enabled: Iterable[str]) -> str | None:
    """The first enabled language the browser asks for, by quality then order.

    Matching is on the primary subtag, so ``ur-PK, en;q=0.5`` gives Urdu (a
    plain ``best_match`` prefers the exact ``en``) and ``zh-CN`` gives ``zh``.
    """
    enabled = tuple(enabled)
    for value, _quality in accept:
        primary = value.replace("_", "-").split("-")[0].lower()
        primary = LANGUAGE_ALIASES.get(primary, primary)
        if primary in enabled:
            return primary
    return None


def _settings() -> Settings:
    return current_app.config["HOTLINE_SETTINGS"]


def select_language() -> str:
    settings = _settings()
    wanted = request.args.get("lang")
    wanted = language_code(wanted) if wanted else None
    if wanted in settings.languages:
        session["lang"] = wanted
        return wanted
    remembered = session.get("lang")
    if remembered in settings.languages:
        return remembered
    return best_accepted(request.accept_languages, settings.languages) \
        or settings.default_language


def select_locale() -> str:
    return locale_identifier(select_language())


def current_language() -> str:
    """The request's language code (``zh`` for the ``zh_Hans`` catalog, ``tl``
    for what Babel calls ``fil_PH``)."""
    locale = get_locale()
    if locale is None:
        return SOURCE_LANGUAGE
    return _CODES_BY_BABEL_LANGUAGE.get(locale.language, locale.language)


class CatalogDomain(Domain):
    """Flask-Babel's domain, loading each locale from our catalog folder.

    Flask-Babel looks for ``translations/<str(locale)>``; for ``tl`` that is
    ``fil_PH``, and Tagalog pages (and texts) would silently be English.
    """

    def get_translations(self) -> support.NullTranslations:
        locale = get_locale()
        if locale is None:
            return support.NullTranslations()
        cache = self.get_translations_cache(None)
        key = (str(locale), self.domain[0])
        if key not in cache:
            folder = _FOLDERS_BY_BABEL_LOCALE.get(str(locale), str(locale))
            translations = support.Translations()
            for directory in self.translation_directories:
                catalog = support.Translations.load(directory, [folder], self.domain[0])
                translations.merge(catalog)
                if hasattr(catalog, "plural"):  # merge() does not copy the plural rule
                    translations.plural = catalog.plural
            cache[key] = translations
        return cache[key]


def language_tag(code: str) -> str:
    """BCP 47, as ``lang`` and ``hreflang`` want it: ``zh`` -> ``zh-Hans``."""
    return locale_identifier(code).replace("_", "-")


def text_direction(code: str | None = None) -> str:
    return "rtl" if (code or current_language()) in RTL_LANGUAGES else "ltr"


# -- catalogs -------------------------------------------------------------------

def catalog_path(code: str, directory: Path = TRANSLATIONS_DIR, suffix: str = "po") -> Path:
    return directory / locale_identifier(code) / "LC_MESSAGES" / f"messages.{suffix}"


@lru_cache(maxsize=128)
def _template_ids(path: Path, mtime: float) -> frozenset[object]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return frozenset((m.id[0], 0) if isinstance(m.id, tuple) else m.id
                         for m in read_po(handle) if m.id)


@lru_cache(maxsize=128)
def _compiled_ids(path: Path, mtime: float) -> frozenset[object]:
    with path.open("rb") as handle:
        return frozenset(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def untranslated_count(code: str, directory: Path = TRANSLATIONS_DIR) -> int | None:
    """How many template messages the compiled catalog lacks; None: no compiled catalog."""
    template, compiled = directory / "messages.pot", catalog_path(code, directory, "mo")
    if not compiled.is_file():
        return None
    wanted = _template_ids(template, template.stat().st_mtime)
    return len(wanted - _compiled_ids(compiled, compiled.stat().st_mtime))


def check_enabled_catalogs(languages: Iterable[str], directory: Path = TRANSLATIONS_DIR) -> None:
    """Start-up check: every enabled language has a complete compiled catalog.

    A language without one would be served as English pages under its own
    name; a production start refuses instead, naming what to do.
    """
    problems = []
    for code in languages:
        if code == SOURCE_LANGUAGE:
            continue
        missing = untranslated_count(code, directory)
        where = catalog_path(code, directory, "mo").relative_to(directory.parent)
        if missing is None:
            problems.append(f"{code} ({where} does not exist)")
        elif missing:
            problems.append(f"{code} ({where} lacks {missing} messages)")
    if problems:
        raise SettingsError(
            "HOTLINE_LANGUAGES enables languages without a complete compiled catalog: "
            + "; ".join(problems) + ". Complete the catalogs and run `make catalogs`, or "
            "leave these languages out of HOTLINE_LANGUAGES.")


def configure_i18n(app: Flask, settings: Settings) -> None:
    try:
        check_enabled_catalogs(settings.languages)
    except SettingsError as error:
        # Production refuses to start. Development and tests go on (a
        # developer who just added a string has catalogs to update; the
        # catalog gate fails CI until they are complete), saying so loudly.
        if settings.environment == "production":
            raise
        logging.getLogger(__name__).warning("%s", error)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config["BABEL_DEFAULT_LOCALE"] = locale_identifier(settings.default_language)
    babel.init_app(app, locale_selector=select_locale)
    babel.domain_instance = CatalogDomain()  # a fresh translations cache per app

    from hotline.privacy.identifiers import format_case_code

    app.jinja_env.filters["case_code"] = format_case_code

    @app.context_processor
    def _i18n_context() -> dict[str, object]:
        from hotline.intake.languages import native_name

        code = current_language()
        return {
            "html_lang": language_tag(code),
            "current_language": code,
            "text_direction": text_direction(code),
            "text_direction_of": text_direction,
            "language_tag": language_tag,
            "enabled_languages": [(other, native_name(other), language_tag(other))
                                  for other in _settings().languages],
        }
