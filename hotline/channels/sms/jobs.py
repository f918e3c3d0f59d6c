"""Outbox handlers of the SMS channel (discovered by ``hotline worker``).

- ``sms.purge_message``: delete a message (inbound, or outbound once it is
  final) at the provider; audited with the keyed hash of its id only.
- ``sms.fetch_media``: download an MMS's pictures, strip them, store them
  encrypted, delete them at the provider, then purge the message.
- ``sms.send_reply``: text a caseworker's reply through the relay, exactly
  once (``hotline.outbox.sends``), never after STOP; then (sent, failed or
  cancelled) drop the reply's copy sealed to the relay-wrapped reporter key.
- ``sms.sweep_relays``: purge the numbers of idle conversations, and
  overwrite the keyed hash of conversations past their window, hourly.
  Every SMS job makes sure the next sweep is scheduled.

Handlers read first, then talk to the provider with no transaction open (on
SQLite an open transaction holds the write lock), then write. The worker
clears a job's payload (sealed ids and URLs) when the job finishes.
"""

from __future__ import annotations

from typing import Any, Final

from hotline.audit.log import append as audit
from hotline.cases.models import Case, Message
from hotline.cases.sealing import REPORTER, drop_reporter_copies, open_message
from hotline.channels.sms import conversations, schedule
from hotline.channels.sms.media import fetch_all
from hotline.channels.sms.models import SmsConversation, SmsDelivery
from hotline.channels.sms.operations import STOP_ERROR_CODE, sid_hash
from hotline.channels.sms.relay import open_number, open_token, unwrap_reporter_key
from hotline.channels.sms.signature import public_url
from hotline.db import utcnow
from hotline.outbox.jobs import JobContext, RetryLater, handler
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderPermanent
from hotline.outbox.sends import send_once

# Twilio refuses to delete a message that is still being processed.
MESSAGE_IN_PROGRESS: Final = 20009
STATUS_PATH: Final = "/twilio/sms/status"
PURGE_BATCH: Final = 500


@handler(schedule.PURGE_MESSAGE)
def purge_message(ctx: JobContext, payload: dict[str, Any]) -> None:
    schedule.sweep_relays(ctx.session, utcnow())
    ctx.session.commit()  # no transaction open while the provider is called
    sid = open_token(ctx.settings, schedule.SID_PURPOSE, payload["sid"])
    try:
        ctx.provider.delete_message(sid)
    except ProviderPermanent as error:
        if error.code == MESSAGE_IN_PROGRESS:
            raise RetryLater(60) from None
        raise
    audit(ctx.session, ctx.settings.pepper, "provider.purged",
          details={"kind": "message", "direction": str(payload.get("direction", "")),
                   "ref": sid_hash(ctx.settings, sid)})


@handler(schedule.FETCH_MEDIA)
def fetch_media(ctx: JobContext, payload: dict[str, Any]) -> None:
    sid = open_token(ctx.settings, schedule.SID_PURPOSE, payload["sid"])
    hashed = sid_hash(ctx.settings, sid)
    stored, rejected, urls = fetch_all(ctx, payload, hashed)
    audit(ctx.session, ctx.settings.pepper, "media.stored", case_id=int(payload["case_id"]),
          details={"stored": stored, "rejected": rejected})
    ctx.session.commit()  # the pictures are safe before the provider's copies go
    if not ctx.settings.provider_purge:
        return
    for url in urls:
        ctx.provider.delete_media(url)
    audit(ctx.session, ctx.settings.pepper, "provider.purged",
          details={"kind": "media", "count": len(urls), "ref": hashed})
    schedule.purge_message(ctx.session, ctx.settings, sid, hashed, direction="inbound")


@handler(schedule.SEND_REPLY)
def send_reply(ctx: JobContext, payload: dict[str, Any]) -> None:
    session, settings = ctx.session, ctx.settings
    schedule.sweep_relays(session, utcnow())
    delivery = session.get(SmsDelivery, payload["delivery_id"])
    if delivery is None or delivery.status != "queued":
        return
    conversation = session.get(SmsConversation, delivery.conversation_id)
    assert conversation is not None
    case = session.get(Case, conversation.case_id)
    message = session.get(Message, delivery.message_id)
    if (conversation.opted_out or conversation.relay_sealed is None or case is None
            or message is None or case.reporter_private_key_wrapped is None):
        delivery.status, delivery.updated_at = "cancelled", utcnow()
        if case is not None:
            drop_reporter_copies(session, case.id, delivery.message_id)
        return
    private = unwrap_reporter_key(settings, case.id, case.reporter_private_key_wrapped)
    opened = open_message(session, message, {REPORTER: private})
    if opened is None:
        delivery.status, delivery.updated_at = "cancelled", utcnow()
        return
    case_id, message_id = case.id, message.id
    number = open_number(settings, conversation.id, conversation.relay_sealed)
    try:
        result = send_once(ctx, to=number, body=opened.text,
                           status_callback=public_url(settings, STATUS_PATH))
    except ProviderPermanent as error:
        delivery = session.get(SmsDelivery, payload["delivery_id"])
        assert delivery is not None
        delivery.status, delivery.error_code, delivery.updated_at = "failed", error.code, utcnow()
        drop_reporter_copies(session, case_id, message_id)
        if error.code == STOP_ERROR_CODE:
            conversation = session.get(SmsConversation, delivery.conversation_id)
            assert conversation is not None
            conversations.set_opted_out(session, settings, conversation, True, "provider")
        return
    delivery = session.get(SmsDelivery, payload["delivery_id"], populate_existing=True)
    assert delivery is not None
    delivery.sid_hash = result.sid_hash
    if delivery.status == "queued":
        delivery.status = "accepted"
    delivery.updated_at = utcnow()
    # The provider has the text: the relay needs no copy of it any more.
    drop_reporter_copies(session, case_id, message_id)


@handler(schedule.SWEEP_RELAYS)
def sweep_relays(ctx: JobContext, payload: dict[str, Any]) -> None:
    now = utcnow()
    while conversations.purge_idle(ctx.session, ctx.settings, now) == PURGE_BATCH:
        ctx.session.commit()
    while conversations.forget_past_window(ctx.session, ctx.settings, now) == PURGE_BATCH:
        ctx.session.commit()
    # Free this job's hour slot, so that the next sweep is scheduled even
    # when this one ran before its slot began (a manual or early run).
    own = ctx.session.get(Job, ctx.job_id)
    if own is not None:
        own.dedupe_key = None
        ctx.session.flush()
    schedule.sweep_relays(ctx.session, now)
