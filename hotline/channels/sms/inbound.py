"""Parse Twilio's webhook parameters into what the SMS channel may use.

This is the "strip on arrival" step: of everything Twilio sends, only the
body, the media items (for the download job, sealed before they are
stored), the sender's number (hashed, sealed and dropped in memory) and the
message id (hashed, sealed and dropped in memory) are read; the location
fields, the account id and the rest are never even looked at. The
dataclasses keep identifiers out of ``repr`` so a traceback or a debugger
print cannot show them, and errors carry fixed messages only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from hotline.privacy.identifiers import normalize_phone, phone_region

MAX_MEDIA: Final = 10  # Twilio sends at most 10 media items per message
_SID: Final = re.compile(r"^[A-Z]{2}[0-9a-fA-F]{32}$")
_STATUSES: Final = frozenset({"accepted", "queued", "sending", "sent", "delivered", "read",
                              "failed", "undelivered", "receiving", "received", "scheduled",
                              "canceled", "partially_delivered"})


class MalformedWebhook(ValueError):
    """A required parameter is missing or malformed (fixed message only)."""


@dataclass(frozen=True)
class MediaItem:
    url: str = field(repr=False)
    content_type: str


@dataclass(frozen=True)
class Inbound:
    sid: str = field(repr=False)
    sender: str = field(repr=False)  # E.164
    region: str | None
    body: str = field(repr=False)
    media: tuple[MediaItem, ...] = ()


@dataclass(frozen=True)
class StatusReport:
    sid: str = field(repr=False)
    status: str
    error_code: int | None
    recipient: str | None = field(repr=False)  # E.164, when Twilio sent "To"


def _sid(params: Mapping[str, str], name: str) -> str:
    value = (params.get(name) or "").strip()
    if not _SID.match(value):
        raise MalformedWebhook(f"missing or malformed {name}")
    return value


def parse_inbound(params: Mapping[str, str]) -> Inbound:
    sid = _sid(params, "MessageSid")
    sender = normalize_phone(params.get("From") or "")
    if sender is None:
        # Short codes and alphanumeric senders cannot be texted back or threaded.
        raise MalformedWebhook("From is not an international phone number")
    try:
        count = int(params.get("NumMedia") or "0")
    except ValueError:
        raise MalformedWebhook("NumMedia is not a number") from None
    if not 0 <= count <= MAX_MEDIA:
        raise MalformedWebhook("NumMedia out of range")
    media = []
    for index in range(count):
        url = (params.get(f"MediaUrl{index}") or "").strip()
        if not url.startswith("https://"):
            raise MalformedWebhook("a media URL is missing")
        kind = (params.get(f"MediaContentType{index}") or "").strip().lower()[:64]
        media.append(MediaItem(url, kind))
    return Inbound(sid, sender, phone_region(sender), params.get("Body") or "", tuple(media))


def parse_status(params: Mapping[str, str]) -> StatusReport:
    sid = _sid(params, "MessageSid")
    status = (params.get("MessageStatus") or params.get("SmsStatus") or "").strip().lower()
    if status not in _STATUSES:
        raise MalformedWebhook("unknown MessageStatus")
    raw_code = (params.get("ErrorCode") or "").strip()
    try:
        error_code = int(raw_code) if raw_code else None
    except ValueError:
        raise MalformedWebhook("ErrorCode is not a number") from None
    return StatusReport(sid, status, error_code, normalize_phone(params.get("To") or ""))
