"""The catalog gate fails on what it promises to catch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hotline import i18n_check

POT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Signed in as %(name)s"
msgstr ""

msgid "Read <strong>this</strong>"
msgstr ""
'''


def _catalog(tmp_path: Path, first: str, second: str, fuzzy: bool = False) -> Path:
    root = tmp_path / "translations"
    (root / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (root / "messages.pot").write_text(POT)
    flag = "#, fuzzy\n" if fuzzy else ""
    (root / "xx" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'{flag}msgid "Signed in as %(name)s"\nmsgstr "{first}"\n\n'
        f'msgid "Read <strong>this</strong>"\nmsgstr "{second}"\n')
    return root


@pytest.mark.parametrize(("first", "second", "fuzzy", "expected"), [
    ("Conectado como %(name)s", "Lee <strong>esto</strong>", False, None),
    ("Conectado como %(nombre)s", "Lee <strong>esto</strong>", False, "placeholders"),
    ("Conectado como %(name)s", "Lee <em>esto</em>", False, "placeholders or tags"),
    ("Conectado como %(name)s", "", False, "untranslated"),
    ("Conectado como %(name)s", "Lee <strong>esto</strong>", True, "fuzzy"),
])
def test_check_catalog(tmp_path, monkeypatch, first, second, fuzzy, expected):
    root = _catalog(tmp_path, first, second, fuzzy)
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    problems = i18n_check.check_catalog("xx")
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


def test_missing_messages_are_reported(tmp_path, monkeypatch):
    root = _catalog(tmp_path, "Conectado como %(name)s", "Lee <strong>esto</strong>")
    (root / "messages.pot").write_text(POT + '\nmsgid "A new message"\nmsgstr ""\n')
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    assert any("missing" in p for p in i18n_check.check_catalog("xx"))


def test_stale_template_is_reported(tmp_path, monkeypatch):
    root = tmp_path / "translations"
    root.mkdir()
    shutil.copy(i18n_check.TRANSLATIONS_DIR / "messages.pot", root / "messages.pot")
    text = (root / "messages.pot").read_text().replace('msgid "Exit this page"', 'msgid "Old text"')
    (root / "messages.pot").write_text(text)
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    assert i18n_check.check_template_fresh() != []


def test_shipped_catalogs_pass():
    assert i18n_check.check_template_fresh() == []
    for locale in ("es", "fr", "ar"):
        assert i18n_check.check_catalog(locale) == []
