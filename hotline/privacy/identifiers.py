"""How reporters are known without being identified.

A reporter is a keyed hash of their phone number (SMS threading), or a case
code plus passphrase they were handed (web receipt). Raw numbers never leave
memory (DESIGN.md, invariant 1).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from functools import cache
from importlib import resources
from typing import Final

import phonenumbers

PURPOSE_PHONE: Final = "phone"
PURPOSE_PROVIDER_SID: Final = "provider-sid"
PURPOSE_RECEIPT: Final = "receipt"

# A phone number has ~10^10 possible values: the hash protects it only while
# the pepper is secret and too long to guess.
MIN_PEPPER_BYTES: Final = 16

CASE_CODE_DIGITS: Final = 10
PASSPHRASE_WORDS: Final = 6
# Separators people type or that phones insert inside a code read out to them.
_CODE_SEPARATORS: Final = frozenset(" -‐‑‒–—―−_.·/\u00a0\u2009\u202f")


def keyed_hash(pepper: bytes, purpose: str, value: str) -> str:
    """Hex HMAC-SHA256 of ``purpose + "\\x00" + value`` under ``pepper``.

    The purpose is bound in so that, say, a phone number and a provider id
    that happen to be the same string never share a hash.
    """
    if len(pepper) < MIN_PEPPER_BYTES:
        raise ValueError(f"pepper must be at least {MIN_PEPPER_BYTES} bytes")
    if not purpose or "\x00" in purpose:
        raise ValueError("purpose must be a non-empty string without NUL")
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(pepper, message, hashlib.sha256).hexdigest()


def normalize_phone(raw: str) -> str | None:
    """E.164 form of an international number, or None if it is not one.

    "+1 (415) 555-0100", "+14155550100" and "0014155550100" all become
    "+14155550100", so they hash the same. Only possible-length is checked,
    not validity: validity follows phonenumbers' metadata, and a number that
    became "invalid" after an upgrade would lose its conversation.
    """
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_region(e164: str) -> str | None:
    """ISO 3166 region of a number, for its default language and the
    scrubber; None for non-geographic or unknown numbers.

    Falls back to the country code's main region, so "+1 415 555 0100"
    (a fictional, invalid number) is still "US".
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number) or (
        phonenumbers.region_code_for_country_code(number.country_code)
    )
    if region in (None, "ZZ", "001"):
        return None
    return region


def new_case_code() -> str:
    """Ten random digits, stored without separators.

    Digits only, so it can be read out and typed on any phone keypad and in
    any script; display it with format_case_code().
    """
    return f"{secrets.randbelow(10**CASE_CODE_DIGITS):0{CASE_CODE_DIGITS}d}"


def format_case_code(code: str) -> str:
    """``1234567890`` -> ``1234-5678-90``, in groups one can read out."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalize_case_code(raw: str) -> str | None:
    """The stored form of a case code as typed, or None if it is not one.

    Accepts spaces and dashes anywhere and digits of any script ("١٢٣٤-...").
    """
    digits = []
    for char in raw.strip():
        if char in _CODE_SEPARATORS:
            continue
        value = unicodedata.decimal(char, None)
        if value is None:
            return None
        digits.append(str(value))
    code = "".join(digits)
    return code if len(code) == CASE_CODE_DIGITS else None


def new_passphrase() -> str:
    """Six words from the EFF short wordlist, space-separated (~62 bits).

    The list ships with xkcdpass; its words are short, common, and chosen to
    be unambiguous when typed or heard.
    """
    words = _wordlist()
    return " ".join(secrets.choice(words) for _ in range(PASSPHRASE_WORDS))


def normalize_passphrase(raw: str) -> str:
    """Typed passphrase -> the form new_passphrase() returns (case, spacing
    and dashes between words do not matter)."""
    text = unicodedata.normalize("NFKC", raw).casefold()
    for separator in "-_.,":
        text = text.replace(separator, " ")
    return " ".join(text.split())


@cache
def _wordlist() -> tuple[str, ...]:
    path = resources.files("xkcdpass") / "static" / "eff-short"
    listed = path.read_text(encoding="utf-8").split()
    # The EFF short list 1 has 6^4 words; anything else means a changed file.
    if len(listed) != 1296 or len(set(listed)) != 1296:
        raise RuntimeError("xkcdpass eff-short wordlist is not the expected EFF list")
    # Drop "yo-yo": a word with a dash would not survive normalize_passphrase().
    return tuple(word for word in listed if word.isalpha())
