import hashlib
import hmac
import re

import pytest

from hotline.privacy.identifiers import (
    PASSPHRASE_WORDS,
    PURPOSE_PHONE,
    PURPOSE_PROVIDER_SID,
    PURPOSE_RECEIPT,
    format_case_code,
    keyed_hash,
    new_case_code,
    new_passphrase,
    normalize_case_code,
    normalize_passphrase,
    normalize_phone,
    phone_region,
)

PEPPER = b"p" * 32


def test_keyed_hash_is_hmac_sha256_over_purpose_and_value() -> None:
    expected = hmac.new(PEPPER, b"phone\x00+14155550100", hashlib.sha256).hexdigest()
    assert keyed_hash(PEPPER, PURPOSE_PHONE, "+14155550100") == expected
    assert re.fullmatch(r"[0-9a-f]{64}", expected)


def test_keyed_hash_separates_purposes_and_peppers() -> None:
    value = "SM0123456789abcdef"
    hashes = {
        keyed_hash(PEPPER, PURPOSE_PHONE, value),
        keyed_hash(PEPPER, PURPOSE_PROVIDER_SID, value),
        keyed_hash(PEPPER, PURPOSE_RECEIPT, value),
        keyed_hash(b"q" * 32, PURPOSE_PHONE, value),
    }
    assert len(hashes) == 4
    # the NUL separator keeps ("ab", "c") and ("a", "bc") apart
    assert keyed_hash(PEPPER, "ab", "c") != keyed_hash(PEPPER, "a", "bc")


def test_keyed_hash_refuses_weak_pepper_and_bad_purpose() -> None:
    with pytest.raises(ValueError, match="pepper"):
        keyed_hash(b"", PURPOSE_PHONE, "x")
    with pytest.raises(ValueError, match="pepper"):
        keyed_hash(b"short", PURPOSE_PHONE, "x")
    with pytest.raises(ValueError, match="purpose"):
        keyed_hash(PEPPER, "", "x")
    with pytest.raises(ValueError, match="purpose"):
        keyed_hash(PEPPER, "phone\x00x", "x")


@pytest.mark.parametrize(
    "raw",
    ["+1 (415) 555-0100", "+14155550100", " +1.415.555.0100 ", "0014155550100", "+1 415 555 0100"],
)
def test_normalize_phone_same_number_same_hash(raw: str) -> None:
    assert normalize_phone(raw) == "+14155550100"
    assert keyed_hash(PEPPER, PURPOSE_PHONE, normalize_phone(raw) or "") == keyed_hash(
        PEPPER, PURPOSE_PHONE, "+14155550100"
    )


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+52 55 1234 5678", "+525512345678"),
        ("+20 10 1234 5678", "+201012345678"),
        ("+٢٠ ١٠ ١٢٣٤ ٥٦٧٨", "+201012345678"),
        ("+251 91 123 4567", "+251911234567"),
    ],
)
def test_normalize_phone_other_countries(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw", ["", "anonymous", "4155550100", "+1 23", "+999 123", "client:alice"]
)
def test_normalize_phone_rejects_non_numbers(raw: str) -> None:
    assert normalize_phone(raw) is None


@pytest.mark.parametrize(
    ("e164", "region"),
    [
        ("+14155550100", "US"),
        ("+14165550100", "CA"),
        ("+525512345678", "MX"),
        ("+201012345678", "EG"),
        ("+84912345678", "VN"),
        ("+251911234567", "ET"),
        ("+2917123456", "ER"),
        ("+80012345678", None),  # international freephone: no region
        ("not a number", None),
    ],
)
def test_phone_region(e164: str, region: str | None) -> None:
    assert phone_region(e164) == region


def test_case_code_is_ten_random_digits() -> None:
    codes = {new_case_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(r"\d{10}", code) for code in codes)


def test_case_code_keeps_leading_zeros(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hotline.privacy.identifiers.secrets.randbelow", lambda _: 42)
    assert new_case_code() == "0000000042"


def test_case_code_display_and_normalize_round_trip() -> None:
    code = new_case_code()
    shown = format_case_code(code)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{2}", shown)
    assert normalize_case_code(shown) == code
    assert format_case_code("1234567890") == "1234-5678-90"


@pytest.mark.parametrize(
    "raw",
    [
        "1234567890",
        "1234-5678-90",
        " 1234 5678 90 ",
        "12 34 56 78 90",
        "1234–5678–90",
        "١٢٣٤-٥٦٧٨-٩٠",
        "۱۲۳۴ ۵۶۷۸ ۹۰",
        "१२३४५६७८९०",
        "１２３４５６７８９０",
    ],
)
def test_normalize_case_code_accepts(raw: str) -> None:
    assert normalize_case_code(raw) == "1234567890"


@pytest.mark.parametrize(
    "raw", ["", "123456789", "12345678901", "1234-5678-9O", "abcd", "12³4567890"]
)
def test_normalize_case_code_rejects(raw: str) -> None:
    assert normalize_case_code(raw) is None


def test_passphrase_is_six_short_words() -> None:
    phrases = {new_passphrase() for _ in range(200)}
    assert len(phrases) == 200
    for phrase in phrases:
        words = phrase.split(" ")
        assert len(words) == PASSPHRASE_WORDS
        assert all(word.isascii() and word.isalpha() and word.islower() for word in words)
        assert all(3 <= len(word) <= 5 for word in words)
        assert normalize_passphrase(phrase) == phrase


def test_normalize_passphrase_forgives_case_and_spacing() -> None:
    assert normalize_passphrase("  Acid-ACORN   acre\tacts ") == "acid acorn acre acts"
