"""Regular expressions and word lists behind the text scrubber.

Kept apart from scrub.py so the scrubber reads as a pipeline and the tables
can grow without burying it. All patterns run on the scrubber's "shadow" of
the text, where every decimal digit is already ASCII.
"""

from __future__ import annotations

import re
from typing import Final


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Top-level domains we accept in a bare domain ("wa.me", "example.mx"): the
# generic ones people actually type plus the ccTLDs of our corridor
# countries. A bare word.word with any TLD would mask typos like "end.It".
_TLDS: Final = _words(
    "com net org info biz io co me app dev xyz online site top club shop store link live life "
    "ly gl gd to tk ml ga cf gq ws cc tv fm be us uk ca au nz ie de fr es it nl ch at pt ru ua "
    "by kz pl ro md bg al tr cn hk tw mo vn th ph id my mm kh la np in pk bd lk ir af eg sa ae "
    "qa kw bh om jo lb sy iq ye ma dz tn ly sd ng gh ke tz ug et er so za mx gt hn sv ni cr pa "
    "cu do ve ec pe bo cl ar py uy br ht sn ci cm cd"
)

_NOT_HOST: Final = r"[^\s<>\"'`]"
# Longest first: "com" is tried before "co" (fewer backtracks).
_TLD: Final = "(?-i:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + ")"

# Anchored at the start of a token: without the lookbehind every position of
# a long word would be retried, quadratic on a 20k-character paste.
EMAIL: Final = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

URL: Final = re.compile(
    rf"""
    (?:https?|ftp)://{_NOT_HOST}+
    | www\d{{0,3}}\.{_NOT_HOST}+
    # bare domain: a label of two or more characters ("i.e." is not a URL),
    # or any label followed by a path ("t.me/name"). The TLD must be lower
    # case: "house.It was" is a missing space, "Facebook.com" is a domain.
    | (?<![\w@.-])
      (?:[\w-]+\.)*
      (?:[\w-]{{2,}}\.{_TLD}(?![\w-])(?:[/?#]{_NOT_HOST}*)?
        | [\w-]+\.{_TLD}[/?#]{_NOT_HOST}*)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Sentence punctuation right after a URL is not part of it.
URL_TRAILING: Final = ".,;:!?)]}»”’'\"،。、！？"

# Messaging handles (@name on Telegram, Instagram, TikTok, X): ASCII only on
# all of them.
HANDLE: Final = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,30}[A-Za-z0-9_])?")

# A run of digits that may be broken up by a few spaces or one separator
# mark between groups ("(415) 555-0100", "06 12 34 56 78", "030/1234567").
# Newlines end a run: numbers on separate lines are separate numbers.
_GAP: Final = r"[^\S\r\n]{0,2}[-./()‐‑‒–—―−]?[^\S\r\n]{0,2}"
DIGIT_RUN: Final = re.compile(rf"\+?\(?\d(?:{_GAP}\d)*")

# Passport, ID card and document numbers: one token of ASCII letters and
# digits ("X1234567", "GODE561231HDFRRN09"); the caller requires >= 6 digits.
ALNUM_TOKEN: Final = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]*\d[A-Za-z0-9]*(?![A-Za-z0-9])"
)
# IBAN as written for people: country, check digits, groups of four.
IBAN: Final = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)

# "00" as the international call prefix at the start of a number
# ("0044 20 7946 0958"); rewritten to " +" so phonenumbers sees it in any
# region while every offset stays the same.
IDD_00: Final = re.compile(r"(?<![\w+])00(?=[1-9])")

# Digit runs that are not identifiers even though long.
DATE: Final = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?:\d{4}|\d{2})"
    r"|\d{4}(?P<sep2>[./-])(?P<c>\d{1,2})(?P=sep2)(?P<d>\d{1,2})"
)
YEAR_RANGE: Final = re.compile(r"(?:1[89]|20)\d{2}\s*[-/‐‑‒–—―−]\s*(?:(?:1[89]|20)\d{2}|\d{2})")
# Only amounts grouped like amounts ("1.500.000", "1 500 000", "250000.50")
# are spared next to a currency; "55 1234 5678" is never an amount.
AMOUNT_SHAPE: Final = re.compile(r"\d{1,3}(?:[., ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?")
NEXT_WORD: Final = re.compile(r"[^\S\r\n]{0,2}([^\W\d_]+\.?|\S)")
PREVIOUS_WORD: Final = re.compile(r"([^\W\d_]+\.?|\S)[^\S\r\n]{0,2}$")

# Currency words and codes (casefolded) that may stand next to an amount;
# currency symbols are recognised by their Unicode category (Sc) instead.
CURRENCY_WORDS: Final = frozenset(
    _words(
        """
    usd eur gbp mxn cop pen brl ars clp gtq hnl dop vnd thb php idr myr inr npr pkr bdt etb ern
    ngn kes tzs ugx sos egp sar aed qar kwd jod lbp iqd irr afn rub uah ron mdl bgn pln all try
    cny rmb khr mmk lak us$ rs rs. rp rp. rm ksh tsh
    dollar dollars dólar dólares dolar dolares dollari peso pesos euro euros pound pounds libra
    libras real reais quetzal quetzales lempira lempiras sol soles rupee rupees rupia rupias
    rupiah ringgit baht dong đồng kyat riel birr nakfa naira shilling shillings riyal riyals
    rial dirham dirhams dinar dinars lira lire ruble rubles rouble roubles lei leu lev leva
    zloty złoty złotych zł lek lekë yuan taka afghani toman tomans cfa fcfa
    рублей рубля рубль руб руб. гривень гривні гривня грн грн. лв лв. лева
    دولار ريال ریال تومان جنيه درهم دينار ليرة روپے روپیہ
    元 块 円 টাকা रुपये रुपया रुपए
    """
    )
)
