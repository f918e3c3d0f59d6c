"""Logging with a last line of defence against identifiers.

Code must never log identifiers in the first place (tests check it); this
filter also masks IP addresses and phone-number-like runs in any record, in
case a library does.
"""

from __future__ import annotations

import logging
import re

IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b")
# Compressed forms ("::1", "fe80::1", "2001:db8::7"); not "std::vector".
IPV6_COMPRESSED = re.compile(
    r"(?<![0-9A-Za-z:])(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?::"
    r"(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?(?![0-9A-Za-z]|:[0-9A-Za-z:])")
PHONEISH = re.compile(r"\+?\d[\d\s().-]{6,}\d")


def _compressed(match: re.Match[str]) -> str:
    return "[ip]" if any(ch not in ":" for ch in match.group()) else match.group()


class IdentifierFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = IPV6_COMPRESSED.sub(_compressed, IPV4.sub("[ip]", message))
        masked = PHONEISH.sub("[number]", IPV6.sub("[ip]", masked))
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure_logging(level: str) -> None:
    # urllib3 (behind the Twilio SDK) logs request paths with provider sids
    # at DEBUG, which the filter cannot recognize.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    root = logging.getLogger()
    if any(isinstance(f, IdentifierFilter) for h in root.handlers for f in h.filters):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(IdentifierFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # The development server's request log prints the client address.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def filter_logger(logger: logging.Logger) -> None:
    """Put the filter on a logger that does not propagate to the root
    (gunicorn's): on the logger itself and on each of its handlers."""
    for target in (logger, *logger.handlers):
        if not any(isinstance(f, IdentifierFilter) for f in target.filters):
            target.addFilter(IdentifierFilter())
