"""Locale selection and template helpers for right-to-left scripts.

Web: ``?lang=`` (remembered in the session), then the session, then
Accept-Language, then the default.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from hotline.extensions import babel
from hotline.settings import Settings

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "ug", "yi"})


def select_locale() -> str:
    settings: Settings = current_app.config["HOTLINE_SETTINGS"]
    wanted = request.args.get("lang")
    if wanted in settings.languages:
        session["lang"] = wanted
        return wanted
    remembered = session.get("lang")
    if remembered in settings.languages:
        return remembered
    best = request.accept_languages.best_match(settings.languages)
    return best or settings.default_language


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "en"


def text_direction() -> str:
    return "rtl" if current_language() in RTL_LANGUAGES else "ltr"


def configure_i18n(app: Flask, settings: Settings) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config["BABEL_DEFAULT_LOCALE"] = settings.default_language
    babel.init_app(app, locale_selector=select_locale)

    from hotline.privacy.identifiers import format_case_code

    app.jinja_env.filters["case_code"] = format_case_code

    @app.context_processor
    def _i18n_context() -> dict[str, object]:
        from hotline.intake.languages import native_name

        return {
            "html_lang": current_language(),
            "text_direction": text_direction(),
            "enabled_languages": [(code, native_name(code)) for code in settings.languages],
        }
