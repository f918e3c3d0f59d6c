"""Download an MMS's pictures and store them stripped and encrypted.

Each download is streamed from the provider into memory, capped at
``HOTLINE_MAX_MMS_BYTES``, and re-encoded without metadata
(``hotline.media.images``) before anything is written; only the encrypted
result reaches the disk. Attachment ids are derived from the message and the
item's position, so a job that runs again after a crash skips what it
already stored instead of storing it twice.

Rejected items (not JPEG/PNG/GIF/WebP, too large, corrupt, gone at the
provider) are counted by reason in the audit log and otherwise dropped.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Final

from hotline.cases.models import Case
from hotline.channels.sms.relay import open_token
from hotline.channels.sms.schedule import MEDIA_PURPOSE
from hotline.media.images import CleanImage, RejectedImage, strip_metadata
from hotline.media.models import Attachment
from hotline.media.operations import store_attachment
from hotline.outbox.jobs import JobContext
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient

_NAMESPACE: Final = uuid.UUID("6f1d4c3e-9a52-4b8e-8f0a-2f3c7d5e9b11")
# After this many runs a download that keeps failing is given up, so that
# the message (and what it holds) is still deleted at the provider.
MAX_DOWNLOAD_ATTEMPTS: Final = 6


class TooLarge(Exception):
    pass


def attachment_id(sid_hash: str, index: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{sid_hash}:{index}"))


def download(ctx: JobContext, url: str) -> bytes:
    limit = ctx.settings.max_mms_bytes
    parts: list[bytes] = []
    size = 0
    with ctx.provider.open_media(url) as chunks:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise TooLarge
            parts.append(chunk)
    return b"".join(parts)


def fetch_all(ctx: JobContext, payload: dict[str, Any],
              sid_hash: str) -> tuple[int, dict[str, int], list[str]]:
    """Store every picture of the message; return (stored, rejected by
    reason, the media URLs to delete at the provider)."""
    session = ctx.session
    items = [json.loads(open_token(ctx.settings, MEDIA_PURPOSE, token))
             for token in payload["media"]]
    ids = [attachment_id(sid_hash, index) for index in range(len(items))]
    done = {i for i, aid in enumerate(ids) if session.get(Attachment, aid) is not None}
    session.rollback()  # no transaction open while the provider is called
    cleaned: dict[int, CleanImage] = {}
    rejected: dict[str, int] = {}
    for index, (url, _content_type) in enumerate(items):
        if index in done:
            continue
        try:
            cleaned[index] = strip_metadata(download(ctx, url))
        except ProviderTransient:
            if ctx.attempt < MAX_DOWNLOAD_ATTEMPTS:
                raise
            reason = "unavailable"
        except ProviderPermanent:
            reason = "unavailable"
        except TooLarge:
            reason = "size"
        except RejectedImage as error:
            reason = error.reason
        else:
            continue
        rejected[reason] = rejected.get(reason, 0) + 1
    case = session.get(Case, int(payload["case_id"]))
    if case is not None:
        for index, image in cleaned.items():
            store_attachment(session, ctx.settings.instance_path, case,
                             str(payload["message_id"]), image, attachment_id=ids[index])
    return len(cleaned), rejected, [url for url, _ in items]
