"""Download a recording, disguise it, and store it encrypted to the case's teams.

Decision: the disguise is computed once, here, at ingest, and the disguised
copy is what is stored as the case's attachment. Staff are then never sent
the original (it exists only when ``HOTLINE_VOICE_KEEP_ORIGINAL`` is on,
as a second attachment that no console route serves), playback is a plain
streamed decryption, and the CPU cost (a few seconds a minute of speech)
falls on the worker rather than on a caseworker waiting for a page.

Everything happens in memory: the download is streamed into a buffer capped
well above the longest recording allowed, decoded and re-synthesised from
memory, and each result is encrypted in chunks as it is written
(``hotline.media``). No plaintext audio touches the disk.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Final

import soundfile

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.channels.voice.disguise import DisguiseError, disguise_wav
from hotline.channels.voice.models import VoiceRecording
from hotline.db import utcnow
from hotline.media.operations import store_attachment
from hotline.outbox.jobs import JobContext
from hotline.settings import Settings

CONTENT_TYPE: Final = "audio/wav"
_NAMESPACE: Final = uuid.UUID("3b7f2c64-1f0e-4d59-9a53-5c1d8e0b7a42")
# Twilio records calls as 8 kHz 16-bit WAV (mono, or two channels when
# asked): allow twice the sample rate and both channels, plus headroom.
_BYTES_PER_SECOND: Final = 16_000 * 2 * 2


class TooLarge(Exception):
    pass


@dataclass(frozen=True)
class Audio:
    """What ``store_attachment`` stores: bytes and their media type."""

    data: bytes
    content_type: str = CONTENT_TYPE


def attachment_id(ref: str, kind: str) -> str:
    """Derived from the recording, so a retried job overwrites, never doubles."""
    return str(uuid.uuid5(_NAMESPACE, f"{ref}:{kind}"))


def max_bytes(settings: Settings) -> int:
    return settings.voice_max_record_seconds * _BYTES_PER_SECOND + 1024 * 1024


def download(ctx: JobContext, url: str) -> bytes:
    limit = max_bytes(ctx.settings)
    parts: list[bytes] = []
    size = 0
    with ctx.provider.open_recording(url) as chunks:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise TooLarge
            parts.append(chunk)
    return b"".join(parts)


def duration_seconds(data: bytes) -> int | None:
    try:
        info = soundfile.info(io.BytesIO(data))
    except (RuntimeError, soundfile.LibsndfileError):
        return None
    return round(info.frames / info.samplerate) if info.samplerate else None


def disguise(data: bytes) -> bytes | None:
    """The disguised recording, or None when there is no voice to disguise
    (silence, noise, not audio): then nothing is played to staff."""
    try:
        return disguise_wav(data)
    except DisguiseError:
        return None


def store(ctx: JobContext, row: VoiceRecording, case: Case, original: bytes,
          disguised: bytes | None) -> None:
    """Store the disguised copy (and the original if the setting says so)."""
    session, settings = ctx.session, ctx.settings
    if disguised is not None:
        stored = store_attachment(session, settings.instance_path, case, row.message_id,
                                  Audio(disguised),
                                  attachment_id=attachment_id(row.id, "disguised"))
        row.disguised_attachment_id = stored.id
    if settings.voice_keep_original:
        kept = store_attachment(session, settings.instance_path, case, row.message_id,
                                Audio(original),
                                attachment_id=attachment_id(row.id, "original"))
        row.original_attachment_id = kept.id
        audit(session, settings.pepper, "voice.original.kept", case_id=case.id,
              details={"message": row.message_id})
    seconds = duration_seconds(original)
    if seconds is not None:
        row.duration_seconds = seconds
    row.status = "stored" if disguised is not None else "undisguisable"
    row.stored_at = utcnow()
    audit(session, settings.pepper, "voice.recording.stored", case_id=case.id,
          details={"message": row.message_id, "disguised": disguised is not None,
                   "original_kept": settings.voice_keep_original})
