"""Marker rules for the language pairs the statistical models confuse.

The detection cases were wrong or unsure before the marker tables existed
(lingua and pycld2 alone), so they fail if a rule stops firing; the "do not
capture" and "needs ... enabled" cases guard against a rule firing too often.
"""

import pytest

from hotline.intake import language as lang
from hotline.intake import language_markers as markers
from hotline.intake.language import choose_language, detect_language, warm_up


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Malaysian words and spellings (budak, bot, pasport, tak) against
        # lingua, which reads these as Indonesian.
        ("di rumah pangsa tingkat atas ada budak perempuan", "ms"),
        ("rasanya sepupu saya dipaksa bekerja atas bot nelayan", "ms"),
        # Indonesian ones (nggak, bisa, kabur, paspor).
        ("mau kabur", "id"),
        ("paspor ditahan", "id"),
    ],
)
def test_indonesian_and_malay(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("моля ви", "bg"),  # моля "please"
        ("страх ме", "bg"),  # clitic ме
        ("телефона нет", "ru"),  # нет; Ukrainian немає, Bulgarian няма
    ],
)
def test_cyrillic_words_without_telltale_letters(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_nepali_verb_ending_outranks_pycld2() -> None:
    # pycld2 calls this Hindi; चाहियो is the Nepali past of "need".
    assert detect_language("सहयोग चाहियो") == "ne"
    assert detect_language("मुझे सहायता चाहिए") == "hi"


def test_amharic_and_tigrinya_negation_and_suffixes() -> None:
    assert detect_language("መውጣት አልችልም") == "am"  # አል...ም
    assert detect_language("ክወጽእ ኣይክእልን") == "ti"  # ኣይ...ን
    assert detect_language("ውሰዱኒ ካብዚ") == "ti"  # -ኒ "me", and ካብ-
    assert detect_language("ይከታተሉናል ሁልጊዜ") == "am"  # -ናል, ሁልጊዜ


@pytest.mark.parametrize("text", ["babu kudi", "babu albashi", "yarinya bace", "suna kallo"])
def test_hausa_words_without_pycld2(text: str) -> None:
    assert detect_language(text) == "ha"


def test_hausa_markers_need_hausa_enabled() -> None:
    assert detect_language("babu kudi", enabled=["en", "sw", "so"]) != "ha"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("nataka kurudi nyumbani lakini sina pesa", "sw"),
        ("yung yaya namin hindi pinapakain ng amo", "tl"),
    ],
)
def test_hausa_markers_do_not_capture_neighbours(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_one_hausa_word_does_not_outvote_a_sure_lingua() -> None:
    # "allah" is a Hausa marker word, but Malay/Indonesian lingua is sure here.
    assert detect_language("ya allah tolong saya, majikan tidak bayar gaji") in {"id", "ms"}


def test_marker_choice_wants_clear_evidence() -> None:
    pair = frozenset({"id", "ms"})
    assert markers._marker_choice("saya mau pulang", pair) == ("id", pytest.approx(0.75))
    assert markers._marker_choice("saya mau pulang tak boleh", pair) is None  # 2 against 2
    assert markers._marker_choice("saya mau pulang, tak bisa", pair)[0] == "id"  # 4 against 2
    assert markers._marker_choice("saya pulang", pair) is None
    ethiopic = frozenset({"am", "ti"})
    assert markers._marker_choice("ኣሎ ነው", ethiopic) is None  # 3 (word + letter) against 2
    assert markers._marker_choice("ኣሎ ነው", ethiopic, clear=False)[0] == "ti"


def test_a_pair_with_one_language_enabled_needs_no_markers() -> None:
    assert detect_language("सहयोग चाहियो", enabled=["hi", "en"]) == "hi"
    assert detect_language("መውጣት አልችልም", enabled=["ti"]) == "ti"


def test_conversation_switches_on_a_clear_marker_sentence() -> None:
    assert choose_language("моля ви", "ru") == "bg"  # two words, markers sure
    assert choose_language("моля", "ru") == "ru"  # one word never switches within a script


def test_neighbour_switch_needs_a_sure_detection() -> None:
    text = "datang cepat"  # Malay, read as Indonesian at about 0.5
    detected, confidence = lang.detect_language_with_confidence(text)
    assert detected == "id"
    assert lang.SWITCH_CONFIDENCE <= confidence < lang.NEIGHBOUR_SWITCH_CONFIDENCE
    assert choose_language(text, "ms") == "ms"
    assert choose_language(text, "en") == "id"  # not a neighbour of English: switches
    assert choose_language("aku nggak bisa pulang, paspor ditahan majikan", "ms") == "id"


def test_choose_language_accepts_a_locale_as_current() -> None:
    assert choose_language("救命 救命", "zh_Hans") == "zh_Hans"


@pytest.mark.parametrize(
    "text",
    ["lam on giup toi, toi dang rat so", "ho bat toi lam viec tren tau ca", "con toi mat tich da hai thang"],
)
def test_vietnamese_without_diacritics(text: str) -> None:
    # lingua is unsure of these; two Vietnamese-only syllables settle them.
    assert detect_language(text) == "vi"


def test_vietnamese_markers_only_break_an_unsure_call() -> None:
    assert detect_language("toi", enabled=["vi", "en"]) != "vi"  # one syllable is not enough
    assert detect_language("please help me, my boss took my passport and my phone") == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("dia kata hutang saya makin banyak setiap bulan", "ms"),  # hutang (id: utang)
        ("saya kerja dari pagi sampai tengah malam tanpa rehat", "ms"),  # rehat (id: istirahat)
        ("gaji saya dipotong untuk makan dan tilam", "ms"),  # tilam (id: kasur)
        ("gaji saya dipotong buat makan dan kasur", "id"),
    ],
)
def test_malaysian_and_indonesian_spellings(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Malaysian words and spellings lingua reads as Indonesian.
        ("adik saya terperangkap", "ms"),  # Indonesian: terjebak
        ("tolong saya, saya terperangkap", "ms"),
        ("mereka bergaduh", "ms"),  # Indonesian: berkelahi
        # "sangat" after its adjective: Malaysian word order.
        ("kami takut sangat", "ms"),
        ("saya sakit sangat", "ms"),
        # "tengah" before a verb: the Malaysian progressive.
        ("kami tengah dipukul", "ms"),
        # The question particle "ke" closing a clause.
        ("dia gaduh ke", "ms"),
        # Indonesian ones.
        ("kami terjebak di sini", "id"),
        ("kami berkelahi", "id"),
        ("kami dikurungin", "id"),  # Jakarta -in after di-
        ("bayar Rp50.000", "id"),
    ],
)
def test_more_indonesian_and_malay_features(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sangat takut", "id"),  # "sangat" first: both languages; lingua's call stands
        ("di tengah malam kami lari", "id"),  # "di tengah" is "in the middle of", not the progressive
        ("uangnya dijamin aman", "id"),  # the root "jamin" ends in -in: not the Jakarta suffix
    ],
)
def test_malay_word_order_rules_do_not_fire_on_shared_forms(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["da sauri", "ina boye", "mutane sun zo"])
def test_more_hausa_words(text: str) -> None:
    assert detect_language(text) == "ha"
