import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.intake.classify import (
    CATEGORIES,
    URGENCY_WORDS,
    classify_category,
    fold,
    is_urgent,
)
from hotline.intake.word_tables import CATEGORY_KEYWORDS


def test_tables_cover_the_required_languages() -> None:
    assert CATEGORIES == ("labour", "sexual", "forced_marriage", "drugs", "other")
    for code in ("en", "es", "fr", "ar", "pt", "ru", "vi"):
        assert set(CATEGORY_KEYWORDS[code]) == set(CATEGORIES)
    required = {"en", "es", "fr", "pt", "ar", "fa", "ru", "uk", "vi", "zh", "hi", "am", "tl", "ro"}
    assert required <= set(URGENCY_WORDS)
    assert all(URGENCY_WORDS[code] for code in URGENCY_WORDS)


def test_fold() -> None:
    assert fold("¡Me QUITARON el pasaporte!") == " me quitaron el pasaporte "
    assert fold("Cocaína, COCAÍNA, cocaina") == " cocaina cocaina cocaina "
    assert fold("Đồng Nai") == " dong nai "
    assert fold("j'ai besoin d’aide") == " j ai besoin d aide "
    assert fold("вбʼють ёлка") == " вб ють елка "
    assert fold("أجبروني على الزواج") == fold("اجبرونى على الزواج")
    # marks are letters in abugidas: Hindi keeps its vowel signs
    assert fold("मुझे बचाओ") == " मुझे बचाओ "


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("They make me work on a farm with no pay, I owe them a debt", "en", "labour"),
        ("I was sold to a brothel and forced into prostitution", "en", "sexual"),
        ("My family is forcing me to marry an old man", "en", "forced_marriage"),
        ("they make us carry packages of cocaine across the border", "en", "drugs"),
        ("we are held in a scam compound and must do online fraud", "en", "other"),
        ("the children are forced to beg in the street", "en", "other"),
        ("Me obligan a trabajar en una finca sin pago", "es", "labour"),
        ("La tienen en un burdel, la obligan a prostituirse", "es", "sexual"),
        ("me obligan a casarme con un señor", "es", "forced_marriage"),
        ("lo obligan a ser halcón y vender droga para el cártel", "es", "drugs"),
        ("je travaille dans une usine sans salaire", "fr", "labour"),
        ("elle a été violée et forcée à la prostitution", "fr", "sexual"),
        ("mes parents veulent me marier de force, mariage forcé", "fr", "forced_marriage"),
        ("me forçam a fazer programa na boate", "pt", "sexual"),
        ("trabalho escravo na fazenda, sem salário", "pt", "labour"),
        ("أجبروني على الزواج من رجل كبير", "ar", "forced_marriage"),
        ("أعمل خادمة بدون راتب والكفيل لا يسمح لي بالخروج", "ar", "labour"),
        ("أجبروها على الدعارة", "ar", "sexual"),
        ("Меня заставляют делать закладки с наркотиками", "ru", "drugs"),
        ("Работаю на стройке без оплаты, хозяин забрал документы", "ru", "labour"),
        ("Tôi bị ép kết hôn với một người đàn ông", "vi", "forced_marriage"),
        ("Toi bi ep ket hon", "vi", "forced_marriage"),  # typed without diacritics
        ("họ bắt tôi bán dâm", "vi", "sexual"),
    ],
)
def test_classify_category(text: str, language: str, category: str) -> None:
    assert classify_category(text, language) == category


def test_english_is_checked_alongside_the_language() -> None:
    assert classify_category("trabajo en un brothel", "es") == "sexual"


def test_no_language_checks_every_table() -> None:
    assert classify_category("Работаю на стройке без оплаты", None) == "labour"
    assert classify_category("Работаю на стройке без оплаты", "ko") == "labour"
    assert classify_category("Работаю на стройке без оплаты", "ru_RU") == "labour"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hello, can I ask a question?", "en"),
        ("", "en"),
        ("my nationality is جنسيتي مصرية", "ar"),  # جنسية is not جنسي
        ("the organization helped me", "en"),  # "organ" is a whole word only
        ("Организация помогла", "ru"),
        ("I want to skill up", "en"),
    ],
)
def test_nothing_to_classify(text: str, language: str) -> None:
    assert classify_category(text, language) is None


def test_phrases_outweigh_single_words() -> None:
    # "forced marriage" (2 words) beats "farm" (1 word)
    assert classify_category("forced marriage to a man from the farm", "en") == "forced_marriage"


def test_ties_go_to_the_first_category() -> None:
    assert classify_category("my husband works on a farm", "en") == "labour"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("please help now, they have a gun", "en"),
        ("I am locked in the room", "en"),
        ("they will hurt me tonight", "en"),
        ("he said he would KILL me", "en"),
        ("Me van a matar", "es"),
        ("estoy encerrada en un cuarto", "es"),
        ("¡Auxilio!", "es"),
        ("au secours, ils vont me tuer", "fr"),
        ("socorro, estou presa em casa", "pt"),
        ("سيقتلونني الليلة", "ar"),
        ("وسيقتلونني", "ar"),  # with a proclitic
        ("انا محبوسة في البيت", "ar"),
        ("مرا می‌کشند", "fa"),
        ("Они убьют меня", "ru"),
        ("Вони вбʼють мене", "uk"),
        ("Вони вб'ють мене", "uk"),
        ("cứu tôi với", "vi"),
        ("cuu toi voi", "vi"),
        ("救命！他们要杀我", "zh"),
        ("मुझे बचाओ", "hi"),
        ("ሊገድሉኝ ነው", "am"),
        ("papatayin nila ako", "tl"),
        ("Mă omoară", "ro"),
        ("they have a knife", "es"),  # English checked with any language
        ("Me van a matar", None),  # no language: every list
        ("Me van a matar", "ko"),  # a language without a list: every list
    ],
)
def test_urgent(text: str, language: str | None) -> None:
    assert is_urgent(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I need help finding a job", "en"),
        ("necesito ayuda", "es"),
        ("I have a skill", "en"),  # "kill*" matches word starts only
        ("I am fine, thank you", "en"),
        ("", None),
    ],
)
def test_not_urgent(text: str, language: str | None) -> None:
    assert not is_urgent(text, language)


def test_extra_words_from_admins() -> None:
    assert is_urgent("the boss is coming back", "en", {"en": ["boss is coming"]})
    assert is_urgent("el patrón ya viene", "es", {"es": ["ya viene"]})
    assert is_urgent("el patrón ya viene", "es-MX", {"es_MX": ["ya viene"]})
    assert is_urgent("ya viene", "es", {"*": ["viene"]})
    # another language's extra words are not applied to a known language
    assert not is_urgent("ya viene", "fr", {"es": ["viene"]})
    assert is_urgent("ya viene", None, {"es": ["viene"]})
    assert not is_urgent("ya viene", "es", {"es": []})
    assert is_urgent("他来了", "zh", {"zh": ["来了"]})


@settings(database=None)
@given(st.text(), st.sampled_from([None, "en", "ar", "zh", "vi", "xx"]))
def test_never_raises(text: str, language: str | None) -> None:
    assert classify_category(text, language) in (*CATEGORIES, None)
    assert is_urgent(text, language) in (True, False)


def test_word_files_are_read_by_section(tmp_path) -> None:
    from hotline.intake.word_tables import read_sections

    path = tmp_path / "xx.txt"
    path.write_text("# note\n[labour]\nno pay; forced\nlabour;\n# a note\n[urgency]\nkill*\n")
    assert read_sections(path) == {"labour": ("no pay", "forced labour"), "urgency": ("kill*",)}
    path.write_text("no section; first\n")
    with pytest.raises(ValueError, match="before the first"):
        read_sections(path)
