"""Parse Twilio's voice webhook parameters into what the voice channel may use.

This is the "strip on arrival" step for calls. A voice webhook carries the
caller's number (``From``, ``Caller``), our number (``To``, ``Called``), the
location of both (``FromCity``, ``CallerState``, ``CalledZip`` ...), the
account and the ``CallSid``. Of these only the ``CallSid`` is read, and it
is replaced at once by its keyed hash, which is all that correlates a
call's steps; when the call ends it is sealed into the outbox job that
deletes the call's record at the provider. The caller's number is read in exactly one place, when the
caller said it is safe to call or text them back (``caller_number``), and
then only to be sealed under the relay key. Recording ids and URLs are read
for the outbox job that downloads and deletes the recording, which seals
them. The dataclasses keep provider ids out of ``repr``; errors carry fixed
messages only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash, normalize_phone
from hotline.settings import Settings

_CALL_SID: Final = re.compile(r"^CA[0-9a-fA-F]{32}$")
_RECORDING_SID: Final = re.compile(r"^RE[0-9a-fA-F]{32}$")
_DIGITS: Final = re.compile(r"^[0-9*#]{0,32}$")
FINAL_CALL_STATUSES: Final = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})


class MalformedWebhook(ValueError):
    """A required parameter is missing or malformed (fixed message only)."""


@dataclass(frozen=True)
class CallStep:
    """One webhook of a call: which call (hashed) and the keys pressed."""

    call: str  # keyed hash of the CallSid
    digits: str | None  # None: no Gather result (a timeout's redirect)


@dataclass(frozen=True)
class RecordingEvent:
    ref: str  # keyed hash of the RecordingSid
    sid: str = field(repr=False)
    url: str = field(repr=False)
    duration: int
    status: str  # completed (the Record action), or the status callback's


def provider_hash(settings: Settings, sid: str) -> str:
    return keyed_hash(settings.pepper, PURPOSE_PROVIDER_SID, sid)


def call_sid(params: Mapping[str, str]) -> str:
    """The CallSid, validated: for hashing, or sealing into the job that
    deletes the call's record at the provider; never stored or logged."""
    sid = (params.get("CallSid") or "").strip()
    if not _CALL_SID.match(sid):
        raise MalformedWebhook("missing or malformed CallSid")
    return sid


def call_hash(settings: Settings, params: Mapping[str, str]) -> str:
    return provider_hash(settings, call_sid(params))


def parse_step(settings: Settings, params: Mapping[str, str]) -> CallStep:
    raw = params.get("Digits")
    if raw is not None and not _DIGITS.match(raw.strip()):
        raise MalformedWebhook("malformed Digits")
    digits = raw.strip() if raw is not None else None
    return CallStep(call_hash(settings, params), digits)


def parse_recording(settings: Settings, params: Mapping[str, str]) -> RecordingEvent | None:
    """The recording a Record action or a recording status callback names;
    None when there is none (nothing was recorded)."""
    sid = (params.get("RecordingSid") or "").strip()
    url = (params.get("RecordingUrl") or "").strip()
    if not sid and not url:
        return None
    if not _RECORDING_SID.match(sid) or not url.startswith("https://"):
        raise MalformedWebhook("malformed RecordingSid or RecordingUrl")
    raw = (params.get("RecordingDuration") or "0").strip()
    if not raw.lstrip("-").isdigit():
        raise MalformedWebhook("malformed RecordingDuration")
    status = (params.get("RecordingStatus") or "completed").strip().lower()[:16]
    return RecordingEvent(provider_hash(settings, sid), sid, url, max(0, int(raw)), status)


def call_status(params: Mapping[str, str]) -> str:
    return (params.get("CallStatus") or "").strip().lower()[:16]


def caller_number(params: Mapping[str, str]) -> str | None:
    """The caller's E.164 number, or None when withheld or not a number
    ("anonymous", "+266696687" and the like fail normalization or are not
    callable). For sealing only: never stored, logged or returned."""
    return normalize_phone(params.get("From") or "")
