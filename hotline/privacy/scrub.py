"""Mask what identifies people in free text: phone numbers, emails, links,
handles and document numbers.

The redacted copy is what law enforcement sees without the reporter's
consent for the full text (DESIGN.md, invariant 4), so a miss is worse than
an over-mask: every long run of digits is masked, whatever it is, except the
few shapes that are clearly not identifiers (dates, year ranges, amounts next
to a currency). Short numbers ("3 women", "25 years", "2024") stay.

Detection runs on a "shadow" of the text, equal in length, where every
decimal digit in any script is ASCII; spans found there are cut from the
original, so Arabic-Indic or Devanagari digits are masked as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from hotline.privacy import patterns as p

Span = tuple[int, int, str]

KINDS: Final = ("email", "url", "phone", "handle", "number")
_PRIORITY: Final = {kind: rank for rank, kind in enumerate(KINDS)}
MIN_DIGITS: Final = 6
# No phone number anywhere has fewer digits than this (Niue, Tokelau: 4);
# below it we skip the (comparatively slow) phone matcher.
_MIN_PHONE_DIGITS: Final = 4


def redact(text: str, region: str | None = None) -> str:
    """A copy of ``text`` with identifiers replaced by ``[phone]``, ``[email]``,
    ``[url]``, ``[handle]`` or ``[number]``.

    ``region`` (ISO 3166, e.g. the region of the reporter's number) lets
    local-format numbers be recognised as phone numbers; without it they are
    still masked, as ``[number]``.
    """
    text = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    position = 0
    for start, end, kind in find_identifiers(text, region):
        parts.append(text[position:start])
        parts.append(f"[{kind}]")
        position = end
    parts.append(text[position:])
    return "".join(parts)


def find_identifiers(text: str, region: str | None = None) -> list[Span]:
    """Sorted, non-overlapping ``(start, end, kind)`` spans of identifiers.

    Offsets index ``text`` as given; redact() NFC-normalises first, and
    callers that cut spans themselves should do the same.
    """
    shadow = _shadow(text)
    spans: list[Span] = []
    spans += _regex_spans(p.EMAIL, shadow, "email")
    spans += _url_spans(shadow)
    spans += _regex_spans(p.HANDLE, shadow, "handle")
    spans += _phone_spans(shadow, region)
    spans += _number_spans(shadow)
    return _merge(spans)


def _shadow(text: str) -> str:
    if text.isascii():
        return text
    return "".join(map(_shadow_char, text))


@lru_cache(maxsize=8192)
def _shadow_char(char: str) -> str:
    # unicodedata.decimal, not .digit: superscripts and circled numbers
    # ("m²", "①") are not digits of a phone number.
    value = unicodedata.decimal(char, None)
    if value is not None:
        return str(value)
    if char in "＋﹢":
        return "+"
    if unicodedata.category(char) == "Cf":
        # Direction marks and joiners that phones insert between digits.
        return " "
    return char


def _regex_spans(pattern: re.Pattern[str], shadow: str, kind: str) -> list[Span]:
    return [(m.start(), m.end(), kind) for m in pattern.finditer(shadow)]


def _url_spans(shadow: str) -> list[Span]:
    spans = []
    for match in p.URL.finditer(shadow):
        end = match.end()
        while end > match.start() and shadow[end - 1] in p.URL_TRAILING:
            end -= 1
        spans.append((match.start(), end, "url"))
    return spans


def _phone_spans(shadow: str, region: str | None) -> list[Span]:
    if sum(ch.isdigit() for ch in shadow) < _MIN_PHONE_DIGITS:
        return []
    region = (region or "").upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        region = "ZZ"  # only numbers written with + are recognised
    with_plus = p.IDD_00.sub(" +", shadow)
    spans = []
    # POSSIBLE (right length for the region) rather than VALID: numbers in
    # newly issued ranges, or typed with one digit wrong, still identify.
    for match in PhoneNumberMatcher(with_plus, region, leniency=Leniency.POSSIBLE):
        start, end = match.start, match.end
        if with_plus[start] == "+" and shadow[start] != "+":
            start -= 1  # cover the "0" that became " +"
        if phonenumbers.is_valid_number(match.number) or not _spared(shadow, start, end):
            spans.append((start, end, "phone"))
    return spans


def _number_spans(shadow: str) -> list[Span]:
    spans = []
    for match in p.DIGIT_RUN.finditer(shadow):
        run = match.group()
        if _count_digits(run) >= MIN_DIGITS and not _spared(shadow, match.start(), match.end()):
            spans.append((match.start(), match.end(), "number"))
    for pattern in (p.ALNUM_TOKEN, p.IBAN):
        for match in pattern.finditer(shadow):
            if _count_digits(match.group()) >= MIN_DIGITS:
                spans.append((match.start(), match.end(), "number"))
    return spans


def _count_digits(run: str) -> int:
    return sum(ch.isdigit() for ch in run)


def _spared(shadow: str, start: int, end: int) -> bool:
    """Whether a long digit run is a date, a year range or an amount."""
    run = shadow[start:end].strip("()")
    if p.YEAR_RANGE.fullmatch(run):
        return True
    date = p.DATE.fullmatch(run)
    if date:
        first, second = (date["a"], date["b"]) if date["a"] else (date["c"], date["d"])
        return min(int(first), int(second)) <= 12 and max(int(first), int(second)) <= 31
    return bool(p.AMOUNT_SHAPE.fullmatch(run)) and _next_to_currency(shadow, start, end)


def _next_to_currency(shadow: str, start: int, end: int) -> bool:
    before = p.PREVIOUS_WORD.search(shadow[max(0, start - 24) : start])
    after = p.NEXT_WORD.match(shadow, end)
    return any(
        unicodedata.category(word[0]) == "Sc" or word.casefold() in p.CURRENCY_WORDS
        for word in _words(before, after)
    )


def _words(*matches: re.Match[str] | None) -> Iterable[str]:
    return (m.group(1) for m in matches if m)


def _merge(spans: list[Span]) -> list[Span]:
    """Union overlapping spans; the longest contributor names the kind."""
    merged: list[Span] = []
    best_length = 0
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1], _PRIORITY[s[2]])):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_kind = merged[-1]
            if end - start > best_length:
                last_kind, best_length = kind, end - start
            merged[-1] = (last_start, max(last_end, end), last_kind)
        else:
            merged.append((start, end, kind))
            best_length = end - start
    return merged
