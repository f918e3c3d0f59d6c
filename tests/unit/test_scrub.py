import itertools
import time
import unicodedata

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.privacy.scrub import KINDS, find_identifiers, redact

PHONES = [
    # (region, as written)
    ("US", "(415) 555-0100"),
    ("US", "415.555.0100"),
    ("US", "415-555-0100"),
    ("US", "4155550100"),
    ("US", "1-415-555-0100"),
    ("US", "+1 415 555 0100"),
    ("US", "+14155550100"),
    ("US", "011 44 20 7946 0958"),
    ("MX", "55 1234 5678"),
    ("MX", "55-1234-5678"),
    ("MX", "+52 55 1234 5678"),
    ("MX", "+52 (55) 1234-5678"),
    ("ES", "612 34 56 78"),
    ("ES", "612.345.678"),
    ("ES", "+34 612 34 56 78"),
    ("ES", "0034 612 345 678"),
    ("VN", "091 234 56 78"),
    ("VN", "0912.345.678"),
    ("VN", "+84 91 234 56 78"),
    ("EG", "010 1234 5678"),
    ("EG", "+20 10 1234 5678"),
    ("EG", "٠١٠١٢٣٤٥٦٧٨"),
    ("EG", "+٢٠ ١٠ ١٢٣٤ ٥٦٧٨"),
    ("ET", "091 123 4567"),
    ("ET", "0911-234567"),
    ("ET", "+251 91 123 4567"),
    ("IR", "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
]


@pytest.mark.parametrize(("region", "number"), PHONES)
def test_phone_numbers_in_the_reporters_region(region: str, number: str) -> None:
    assert redact(f"llamen al {number} por favor", region) == "llamen al [phone] por favor"


@pytest.mark.parametrize(("region", "number"), PHONES)
def test_phone_numbers_without_a_region_are_still_masked(region: str, number: str) -> None:
    masked = redact(f"call {number} now")
    assert masked in ("call [phone] now", "call [number] now")


@pytest.mark.parametrize(
    "number",
    [
        "+44 20 7946 0958",
        "0044 20 7946 0958",
        "+52 1 55 1234 5678",
        "+251911234567",
        "+84912345678",
    ],
)
def test_international_numbers_in_any_region(number: str) -> None:
    for region in (None, "US", "MX", "VN", "EG"):
        masked = redact(f"my sister: {number}.", region)
        assert masked in ("my sister: [phone].", "my sister: [number].")


def test_separators_phones_insert() -> None:
    # non-breaking and thin spaces, a left-to-right mark, fullwidth digits
    assert redact("tel 06\u00a012\u00a034\u00a056\u00a078", "FR") == "tel [phone]"
    assert redact("tel 06\u202f12\u202f34\u202f56\u202f78") == "tel [number]"
    assert redact("رقم \u200e+20 10 1234 5678") == "رقم \u200e[phone]"
    assert redact("電話 ０９０-１２３４-５６７８", "JP") == "電話 [phone]"


def test_arabic_indic_digits_inside_arabic_text() -> None:
    text = "اتصل بي على ٠١٠١٢٣٤٥٦٧٨ من فضلك"
    assert redact(text, "EG") == "اتصل بي على [phone] من فضلك"
    assert redact(text) == "اتصل بي على [number] من فضلك"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to maria.lopez+help@gmail.com please", "write to [email] please"),
        ("mail: josé.pérez@correo.es", "mail: [email]"),
        ("see https://example.org/path?x=1&y=2.", "see [url]."),
        ("at www.facebook.com/maria.lopez, now", "at [url], now"),
        ("Facebook.com/maria", "[url]"),
        ("whatsapp wa.me/5215512345678", "whatsapp [url]"),
        ("telegram t.me/ayuda_ya", "telegram [url]"),
        ("site: trabajo-facil.mx", "site: [url]"),
        ("follow @maria_88 on insta", "follow [handle] on insta"),
        ("Telegram: @help.me.now", "Telegram: [handle]"),
        ("passport X1234567 taken", "passport [number] taken"),
        ("pasaporte G12345678", "pasaporte [number]"),
        ("CURP GODE561231HDFRRN09", "CURP [number]"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN [number]"),
        ("IBAN GB29 NWBK 6016 1331 9268 19 ok", "IBAN [number] ok"),
        ("card 4111 1111 1111 1111", "card [number]"),
        ("ID 1234-5678-90", "ID [number]"),
        ("at 19.4326, -99.1332", "at [number], -[number]"),
    ],
)
def test_other_identifiers(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3 women and 2 children",
        "she is 15, I am 25 years old",
        "since 2024, before that 2019",
        "I worked there 2019-2023",
        "from 2015 to 2018",
        "on 12/05/2024 and 2024-05-12 and 3.4.2023",
        "I owe them $1,500 and 15000 pesos",
        "debo 1.500.000 pesos",
        "a debt of 1 500 000 pesos",
        "paid USD 250000",
        "€ 2.000.000",
        "we work 16 hours a day, 7 days, for 300 dollars",
        "room 12, floor 3, bus 121",
        "i.e. e.g. U.S. a.m. 5 p.m.",
        "at the house.It was late",
        "Ella tiene 17 años y somos 12 personas",
        "عمري ٢٥ سنة",
        "m² ① ²³",
        "",
    ],
)
def test_ordinary_numbers_and_text_survive(text: str) -> None:
    for region in (None, "US", "MX"):
        assert redact(text, region) == text


def test_output_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "José, llámame al 55 1234 5678")
    assert redact(decomposed, "MX") == "José, llámame al [phone]"


def test_find_identifiers_spans() -> None:
    text = "mail a@b.co or +1 415 555 0100, @maria_88"
    spans = find_identifiers(text)
    assert [(text[s:e], kind) for s, e, kind in spans] == [
        ("a@b.co", "email"),
        ("+1 415 555 0100", "phone"),
        ("@maria_88", "handle"),
    ]


def test_overlapping_finds_merge_into_one_token() -> None:
    # the phone number inside the link must not leave pieces behind
    assert redact("https://wa.me/14155550100?text=hi", "US") == "[url]"
    assert redact("maria5512345678@gmail.com", "MX") == "[email]"


_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
_EXAMPLES = [
    number
    for region in _REGIONS
    for kind in _TYPES
    if (number := phonenumbers.example_number_for_type(region, kind)) is not None
]


def test_examples_cover_many_regions() -> None:
    assert len(_EXAMPLES) > 400


@settings(max_examples=500, deadline=None, database=None)
@given(
    number=st.sampled_from(_EXAMPLES),
    style=st.sampled_from(
        [phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL]
    ),
    before=st.text(max_size=30),
    after=st.text(max_size=30),
    region=st.none() | st.sampled_from(_REGIONS),
)
def test_no_example_number_survives(
    number: phonenumbers.PhoneNumber, style: int, before: str, after: str, region: str | None
) -> None:
    written = phonenumbers.format_number(number, style)
    before = unicodedata.normalize("NFC", before)
    text = unicodedata.normalize("NFC", before + written + after)
    start = len(before)
    assert text[start : start + len(written)] == written
    spans = find_identifiers(text, region)
    assert any(s <= start and start + len(written) <= e for s, e, _ in spans), (text, spans)
    masked = redact(before + written + after, region)
    assert written not in masked


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(), st.none() | st.sampled_from(["US", "MX", "EG", "VN"]))
def test_any_text_gives_sorted_disjoint_spans(text: str, region: str | None) -> None:
    spans = find_identifiers(text, region)
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start
    assert all(0 <= s < e <= len(text) and kind in KINDS for s, e, kind in spans)
    redact(text, region)


@pytest.mark.parametrize("piece", ["a", "1", "x1", "a.", "a-", "+1", "1 ", "a@", "www."])
def test_long_pastes_stay_linear(piece: str) -> None:
    # a quadratic pattern takes minutes here; linear ones take milliseconds
    text = piece * (50_000 // len(piece))
    start = time.perf_counter()
    redact(text, "US")
    assert time.perf_counter() - start < 2.0
