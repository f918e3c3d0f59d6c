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


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
GOOD = ('msgid "Signed in as %(name)s"\nmsgstr "Conectado como %(name)s"\n\n'
        'msgid "Read <strong>this</strong>"\nmsgstr "Lee <strong>esto</strong>"\n')


def _write(tmp_path: Path, locale: str, text: str) -> Path:
    root = tmp_path / "translations"
    (root / locale / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    (root / "messages.pot").write_text(POT)
    (root / locale / "LC_MESSAGES" / "messages.po").write_text(text)
    return root


@pytest.mark.parametrize(("text", "expected"), [
    # A plural rule gettext cannot evaluate: pybabel compile writes it, the app cannot load it.
    (HEADER + '"Plural-Forms: nplurals=2; plural=(n != 1;\\n"\n\n' + GOOD, "does not compile"),
    (HEADER + "\n" + GOOD + 'msgstr "a second translation"\nbogus line\n', "does not parse"),
    ("#, fuzzy\n" + HEADER + "\n" + GOOD, "header is marked fuzzy"),
    (HEADER + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' + GOOD
     + 'msgid "%(num)d case"\nmsgid_plural "%(num)d cases"\nmsgstr[0] "%(num)d caso"\n'
     'msgstr[1] "%(num)d casos"\nmsgstr[2] "%(num)d casitos"\n', "more translations than num_plurals"),
])
def test_broken_catalogs_are_reported(tmp_path, monkeypatch, text, expected):
    root = _write(tmp_path, "xx", text)
    if "plurals" in expected:
        (root / "messages.pot").write_text(
            POT + '\nmsgid "%(num)d case"\nmsgid_plural "%(num)d cases"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    problems = i18n_check.check_catalog("xx")
    assert any(expected in problem for problem in problems), problems


def test_every_shipped_catalog_and_every_enabled_language_is_checked(tmp_path, monkeypatch):
    root = _write(tmp_path, "xx", HEADER + "\n" + GOOD)  # shipped, not enabled
    (root / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)  # a folder without a catalog
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    monkeypatch.setattr(i18n_check, "DEFAULT_LANGUAGES", ("en", "es"))
    assert i18n_check.locales_to_check({"HOTLINE_LANGUAGES": "en,zh,vi"}) == [
        "es", "vi", "xx", "zh_Hans"]
    assert i18n_check.check_catalog("xx") == []
    assert "no catalog" in i18n_check.check_catalog("vi")[0], "enabled without a catalog"
    assert "no catalog" in i18n_check.check_catalog("zh")[0], "zh is looked for as zh_Hans"


def test_the_gate_fails_on_any_incomplete_catalog(tmp_path, monkeypatch, capsys):
    root = _write(tmp_path, "xx", HEADER + "\n" + GOOD)
    monkeypatch.setattr(i18n_check, "TRANSLATIONS_DIR", root)
    monkeypatch.setattr(i18n_check, "DEFAULT_LANGUAGES", ("en",))
    monkeypatch.setattr(i18n_check, "check_template_fresh", list)
    monkeypatch.delenv("HOTLINE_LANGUAGES", raising=False)
    assert i18n_check.main() == 0
    assert "catalogs ok" in capsys.readouterr().out
    _write(tmp_path, "yy", HEADER + '\nmsgid "Signed in as %(name)s"\nmsgstr ""\n')
    assert i18n_check.main() == 1, "a shipped catalog that is not enabled still counts"
    assert "yy: 1 untranslated" in capsys.readouterr().err
