"""Jobs the SMS channel puts in the outbox, in the caller's transaction.

Payloads hold sealed values only (``relay.seal_token``): a provider message
id or media URL is readable only with the relay key, and the handler clears
the payload when it is done. Dedupe keys are keyed hashes, so a retried
webhook or status callback never schedules twice.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from hotline.channels.sms.inbound import MediaItem
from hotline.channels.sms.models import SmsDelivery
from hotline.channels.sms.relay import seal_token
from hotline.outbox.jobs import enqueue
from hotline.settings import Settings

PURGE_MESSAGE: Final = "sms.purge_message"
FETCH_MEDIA: Final = "sms.fetch_media"
SEND_REPLY: Final = "sms.send_reply"
SWEEP_RELAYS: Final = "sms.sweep_relays"

# Purposes that seal_token binds into each sealed value.
SID_PURPOSE: Final = "sms-message-sid"
MEDIA_PURPOSE: Final = "sms-media"
# Carriers that never report "delivered" leave a message at "sent": it is
# purged this long after that instead.
LATE_PURGE: Final = timedelta(hours=1)
# How often idle numbers are looked for (HOTLINE_RELAY_IDLE_DAYS is days).
SWEEP_EVERY: Final = timedelta(hours=1)


def purge_message(session: Session, settings: Settings, sid: str, sid_hash: str, *,
                  direction: str, delay: timedelta | None = None,
                  now: datetime | None = None, dedupe: bool = True) -> None:
    """Delete a message (inbound or outbound) at the provider, if purge is on.

    ``dedupe=False`` saves a query on the webhook's hot path, where the
    inbound dedupe row, in the same transaction, already guarantees one job
    per MessageSid."""
    if not settings.provider_purge:
        return
    late = delay is not None
    enqueue(session, PURGE_MESSAGE,
            {"sid": seal_token(settings, SID_PURPOSE, sid), "direction": direction},
            run_after=(now + delay) if late and now else None,
            dedupe_key=f"sms-purge{'-late' if late else ''}:{sid_hash}" if dedupe else None)


def fetch_media(session: Session, settings: Settings, sid: str, sid_hash: str, case_id: int,
                message_id: str, media: tuple[MediaItem, ...]) -> None:
    """Download, strip and store the pictures, then purge the message (the
    purge would delete the media, so it waits for the download). Called once
    per MessageSid (the inbound dedupe row), so no dedupe key."""
    sealed = [seal_token(settings, MEDIA_PURPOSE, json.dumps([item.url, item.content_type]))
              for item in media]
    enqueue(session, FETCH_MEDIA,
            {"sid": seal_token(settings, SID_PURPOSE, sid), "case_id": case_id,
             "message_id": message_id, "media": sealed})


def send_reply(session: Session, delivery: SmsDelivery) -> None:
    enqueue(session, SEND_REPLY, {"delivery_id": delivery.id},
            dedupe_key=f"sms-reply:{delivery.id}")


def sweep_relays(session: Session, now: datetime) -> None:
    """Make sure the next sweep of idle numbers is scheduled (once per hour
    slot). Every SMS job and every sweep calls this, so the chain keeps
    itself alive without a scheduler and costs the webhook nothing."""
    due = now.replace(minute=0, second=0, microsecond=0) + SWEEP_EVERY
    enqueue(session, SWEEP_RELAYS, {}, run_after=due,
            dedupe_key=f"sms-sweep:{due.strftime('%Y%m%d%H')}")
