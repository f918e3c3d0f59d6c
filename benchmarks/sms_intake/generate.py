"""Pre-generate signed Twilio SMS webhooks for the load generator.

Each line of the output is ``<X-Twilio-Signature>\\t<urlencoded body>``: a
fresh ``MessageSid``, a fresh sender (so every request is a new report, the
heaviest path), a body from ``corpus.py`` and the parameters Twilio sends
with a real inbound SMS (location fields included, so that stripping them is
part of what is measured). The signature is computed with the Twilio SDK's
``RequestValidator`` over the public URL, exactly as Twilio signs.

    python -m benchmarks.sms_intake.generate --count 100000 --token T \\
        --url https://hotline.example.org/twilio/sms --seed 1 --out requests.tsv
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from benchmarks.sms_intake.corpus import BODIES, COUNTRIES

# Share of each language in the generated traffic.
MIX = {"es": 25, "ar": 20, "vi": 15, "en": 25, "fr": 15}
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
HOTLINE_NUMBER = "+15005550006"
PLACES = {"34": ("Madrid", "", "28001", "ES"), "52": ("Tijuana", "BC", "22000", "MX"),
          "57": ("Bogota", "", "110111", "CO"), "966": ("Riyadh", "", "", "SA"),
          "20": ("Cairo", "", "", "EG"), "212": ("Casablanca", "", "", "MA"),
          "84": ("Hanoi", "", "", "VN"), "1": ("Houston", "TX", "77002", "US"),
          "44": ("London", "", "", "GB"), "33": ("Lyon", "", "69001", "FR"),
          "221": ("Dakar", "", "", "SN")}


def _hex(rng: random.Random, digits: int) -> str:
    return f"{rng.getrandbits(4 * digits):0{digits}x}"


def webhook(rng: random.Random, used: set[str]) -> dict[str, str]:
    language = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    code, length = rng.choice(COUNTRIES[language])
    while True:
        sender = f"+{code}{rng.randint(1, 9)}{rng.randrange(10 ** (length - 1)):0{length - 1}d}"
        if sender not in used:
            used.add(sender)
            break
    city, state, zip_code, country = PLACES[code]
    sid = "SM" + _hex(rng, 32)
    return {
        "ToCountry": "US", "ToState": "CA", "SmsMessageSid": sid, "NumMedia": "0",
        "ToCity": "", "FromZip": zip_code, "SmsSid": sid, "FromState": state,
        "SmsStatus": "received", "FromCity": city, "Body": rng.choice(BODIES[language]),
        "FromCountry": country, "To": HOTLINE_NUMBER, "ToZip": "", "NumSegments": "1",
        "MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": sender,
        "ApiVersion": "2010-04-01",
    }


def generate(count: int, token: str, url: str, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    validator = RequestValidator(token)
    used: set[str] = set()
    out = []
    for _ in range(count):
        params = webhook(rng, used)
        out.append((validator.compute_signature(url, params), urlencode(params)))
    return out


def write(path: Path, requests: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="ascii") as handle:
        for signature, body in requests:
            handle.write(f"{signature}\t{body}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.out, generate(args.count, args.token, args.url, args.seed))


if __name__ == "__main__":
    main()
