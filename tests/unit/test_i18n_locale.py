"""Locale choice and the start-up catalog check (hotline.i18n)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from hotline.i18n import (
    best_accepted,
    check_enabled_catalogs,
    language_code,
    language_tag,
    text_direction,
)
from hotline.intake.languages import ALL_LANGUAGES, RTL_LANGUAGES
from hotline.settings import (
    DEFAULT_LANGUAGES,
    SettingsError,
    encode_secret,
    load_settings,
    parse_languages,
)


@pytest.mark.parametrize(("header", "expected"), [
    ("ur-PK,en;q=0.5", "ur"),  # werkzeug's best_match would pick the exact "en"
    ("zh-CN,zh;q=0.9", "zh"),
    ("zh-Hans-CN", "zh"),
    ("fil-PH,en;q=0.8", "tl"),
    ("de-DE,fr;q=0.7,en;q=0.3", "fr"),
    ("pt-BR", "pt"),
    ("de", None),
    ("*", None),
])
def test_accept_language_by_primary_subtag(header, expected):
    accept = parse_accept_header(header, LanguageAccept)
    assert best_accepted(accept, ALL_LANGUAGES) == expected


def test_every_language_has_a_tag_and_a_direction():
    assert DEFAULT_LANGUAGES == ALL_LANGUAGES and len(ALL_LANGUAGES) == 30
    assert language_tag("zh") == "zh-Hans" and language_code("zh_Hans") == "zh"
    assert {code for code in ALL_LANGUAGES if text_direction(code) == "rtl"} == set(RTL_LANGUAGES)


def test_languages_setting_is_normalised_and_validated():
    assert parse_languages("en, es,zh_Hans,zh-Hans,ZH") == ("en", "es", "zh")
    with pytest.raises(SettingsError, match="'klingon'"):
        parse_languages("en,klingon")
    with pytest.raises(SettingsError):
        parse_languages(" , ")
    secrets_env = {name: encode_secret(secrets.token_bytes(32))
                   for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}
    settings = load_settings({**secrets_env, "HOTLINE_INSTANCE": "/nonexistent",
                              "HOTLINE_LANGUAGES": "en,zh-Hans", "HOTLINE_DEFAULT_LANGUAGE": "zh_Hans"})
    assert settings.languages == ("en", "zh") and settings.default_language == "zh"
    assert load_settings({**secrets_env, "HOTLINE_INSTANCE": "/nonexistent"}).languages == ALL_LANGUAGES


def _compiled(root: Path, locale: str, translated: dict[str, str]) -> None:
    folder = root / locale / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale=locale)
    for msgid, msgstr in translated.items():
        catalog.add(msgid, msgstr)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)


def test_start_up_refuses_a_missing_or_incomplete_catalog(tmp_path):
    template = Catalog()
    for msgid in ("Report safely", "Send report"):
        template.add(msgid)
    with (tmp_path / "messages.pot").open("wb") as handle:
        write_po(handle, template)
    _compiled(tmp_path, "es", {"Report safely": "Denuncie", "Send report": "Enviar"})
    _compiled(tmp_path, "zh_Hans", {"Report safely": "安全举报", "Send report": "发送"})
    _compiled(tmp_path, "fr", {"Report safely": "Signaler"})
    check_enabled_catalogs(("en", "es", "zh"), tmp_path)
    with pytest.raises(SettingsError) as raised:
        check_enabled_catalogs(("en", "es", "fr", "vi"), tmp_path)
    message = str(raised.value)
    assert "fr (" in message and "lacks 1 messages" in message
    assert "vi (" in message and "does not exist" in message
    assert "es (" not in message


@pytest.mark.parametrize("environment", ["production", "testing"])
def test_production_refuses_to_start_and_tests_warn(monkeypatch, tmp_path, caplog, environment):
    import hotline.i18n
    from hotline import create_app

    def incomplete(languages, directory=None):
        raise SettingsError("HOTLINE_LANGUAGES enables languages without a complete catalog: vi")

    monkeypatch.setattr(hotline.i18n, "check_enabled_catalogs", incomplete)
    env = {name: encode_secret(secrets.token_bytes(32))
           for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}
    env.update(HOTLINE_INSTANCE=str(tmp_path), HOTLINE_ENV=environment,
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    if environment == "production":
        with pytest.raises(SettingsError, match="vi"):
            create_app(load_settings(env))
    else:
        create_app(load_settings({**env, "HOTLINE_ARGON2": "insecure-test"}))
        assert "without a complete catalog: vi" in caplog.text
