"""SMS keywords: whole-message matching in every enabled language, always
English, ignoring case, accents and punctuation; no phrase means two things."""

from __future__ import annotations

import pytest

from hotline.channels.sms.keywords import KEYWORDS, keyword_conflicts, match, normalize
from hotline.intake.languages import ALL_LANGUAGES

ENABLED = ("en", "es", "fr", "ar", "vi")


def test_no_phrase_means_two_things():
    assert keyword_conflicts() == []


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_language_has_every_action(language):
    assert set(KEYWORDS.get(language, {})) == set(KEYWORDS["en"]), language
    assert all(KEYWORDS[language].values()), language


@pytest.mark.parametrize(("text", "action", "language"), [
    ("STOP", "stop", "en"),
    ("  stop.  ", "stop", "en"),
    ("Alto", "stop", "es"),
    ("ARRÊT", "stop", "fr"),
    ("arret", "stop", "fr"),
    ("توقف", "stop", "ar"),
    ("dung", "stop", "vi"),
    ("Dừng!", "stop", "vi"),
    ("¡Ayuda!", "help", "es"),
    ("aide", "help", "fr"),
    ("مساعدة", "help", "ar"),
    ("Borrar", "delete", "es"),
    ("supprimer", "delete", "fr"),
    ("احذف", "delete", "ar"),
    ("xoa", "delete", "vi"),
    ("bye", "exit", "en"),
    ("Adios", "exit", "es"),
    ("مع السلامة", "exit", "ar"),
    ("Si", "yes", "es"),
    ("sí", "yes", "es"),
    ("Oui", "yes", "fr"),
    ("نعم", "yes", "ar"),
    ("đồng ý", "yes", "vi"),
    ("dong y", "yes", "vi"),
    ("Non", "no", "fr"),
    ("لا", "no", "ar"),
    ("policia", "police", "es"),
])
def test_keywords_match_whole_messages(text, action, language):
    keyword = match(text, ENABLED)
    assert keyword is not None and (keyword.action, keyword.language) == (action, language)


@pytest.mark.parametrize("text", [
    "please stop them", "they told me to stop talking", "ayuda por favor, me tienen encerrada",
    "yes they took my passport", "", "   ", "STOP STOP STOP STOP STOP STOP STOP STOP STOP",
    "أبدا",  # "never": not the start word ابدأ, which is not a keyword at all
])
def test_a_report_that_contains_a_keyword_is_a_report(text):
    assert match(text, ENABLED) is None


def test_english_is_always_accepted_and_other_languages_only_when_enabled():
    assert match("STOP", ("es",)).action == "stop"
    assert match("Alto", ("en",)) is None
    assert match("Alto", ("en", "es")).action == "stop"


@pytest.mark.parametrize(("text", "argument"), [
    ("LANG es", "es"), ("lang: fr", "fr"), ("Idioma español", "espanol"),
    ("langue arabe", "arabe"), ("ngôn ngữ vi", "vi"), ("لغة ar", "ar"),
])
def test_lang_takes_an_argument(text, argument):
    keyword = match(text, ENABLED)
    assert keyword is not None and keyword.action == "lang" and keyword.argument == argument


def test_normalize_folds_case_accents_and_arabic_marks():
    assert normalize("  ¡AYÚDA!  ") == "ayuda"
    assert normalize("Đồng   Ý") == "dong y"
    assert normalize("مُسَاعَدَة") == "مساعدة"
    assert normalize("نعــم") == "نعم"  # tatweel


def test_the_conversation_language_decides_between_yes_and_no(monkeypatch):
    """"tak" is yes in Polish and no in Malay: the conversation's language decides."""
    from hotline.channels.sms import keywords

    table = {**KEYWORDS, "pl": {**KEYWORDS["en"], "yes": ("tak",), "no": ("nie",)},
             "ms": {**KEYWORDS["en"], "yes": ("ya",), "no": ("tidak", "tak")}}
    monkeypatch.setattr(keywords, "KEYWORDS", table)
    keywords._table.cache_clear()
    try:
        enabled = ("en", "pl", "ms")
        assert match("Tak", enabled, prefer="pl").action == "yes"
        assert match("tak!", enabled, prefer="ms").action == "no"
        assert match("tak", enabled, prefer="en").action == "yes"  # then the enabled order
        assert keyword_conflicts(enabled) == []  # tolerated: answers only
        table["ms"] = {**table["ms"], "stop": ("tak",)}
        assert keyword_conflicts(enabled) != []  # anything else is refused
    finally:
        keywords._table.cache_clear()


def test_texts_name_keywords_in_capitals_of_their_own_language():
    from hotline.channels.sms.texts import keyword_word

    assert keyword_word("es", "stop") == "ALTO"
    assert KEYWORDS["tr"]["delete"][0] == "sil"
    assert keyword_word("tr", "delete") == "SİL"  # Turkish dotted capital, not SIL
