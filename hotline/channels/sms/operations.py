"""The SMS channel's domain work: an inbound text, a status callback, and a
caseworker's reply on its way out.

The webhook path is the hot path (bursts of hundreds of texts a second):
one transaction, no provider call, no Argon2 (SMS reporters have no
receipt), and every slow step (deleting the provider's copy, downloading
pictures, texting a caseworker's reply) is an outbox job that runs after
commit. The auto-replies travel back in the webhook's own TwiML response.

Twilio deployments: Twilio answers STOP, START, YES, HELP and INFO itself
on long codes unless Advanced Opt-Out (Messaging Service) is configured.
Configure it to drop YES from the opt-in words and to send no default
replies, or reporters get Twilio's English answer as well as ours.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import Case, Message
from hotline.channels.sms import actions, conversations, schedule, texts
from hotline.channels.sms.inbound import Inbound, StatusReport
from hotline.channels.sms.keywords import Keyword, match
from hotline.channels.sms.models import InboundDedupe, SmsConversation, SmsDelivery
from hotline.console.operations import CaseError
from hotline.db import utcnow
from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash
from hotline.settings import Settings

if TYPE_CHECKING:
    from hotline.retention.reporter import ReporterDeletion

# Follow-ups are acknowledged at most this often (a burst of texts gets one
# acknowledgement, and the first follow-up always gets one).
ACK_INTERVAL: Final = timedelta(hours=1)
STOP_ERROR_CODE: Final = 21610
FINAL_STATUSES: Final = frozenset({"delivered", "read", "failed", "undelivered", "canceled"})
_STATUS_RANK: Final = {"queued": 0, "accepted": 1, "sent": 2, "failed": 3, "undelivered": 3,
                       "delivered": 4, "read": 5}


@dataclass(frozen=True)
class Outcome:
    """What to answer in the webhook response (nothing for a duplicate)."""

    replies: tuple[str, ...] = ()
    duplicate: bool = False
    # DELETE erased the report: its encrypted files go after commit.
    deletion: ReporterDeletion | None = None

    def after_commit(self, instance_path: Path) -> None:
        if self.deletion is not None:
            self.deletion.remove_files(instance_path)


class ReplyRefused(CaseError):
    """A caseworker's reply cannot go out by SMS; the message is safe to show.
    A CaseError, so the console refuses the reply and rolls it back."""


def sid_hash(settings: Settings, sid: str) -> str:
    return keyed_hash(settings.pepper, PURPOSE_PROVIDER_SID, sid)


def already_received(session: Session, settings: Settings, inbound: Inbound) -> bool:
    return session.get(InboundDedupe, sid_hash(settings, inbound.sid)) is not None


def receive(session: Session, settings: Settings, inbound: Inbound,
            now: datetime | None = None) -> Outcome:
    """Handle one inbound text. The caller commits, or rolls back and
    answers as for a duplicate when the dedupe insert loses a race."""
    now = now or utcnow()
    hashed_sid = sid_hash(settings, inbound.sid)
    if session.get(InboundDedupe, hashed_sid) is not None:
        return Outcome(duplicate=True)
    reporter = conversations.reporter_hash(settings, inbound.sender)
    conversation = conversations.active_conversation(session, settings, reporter, now)
    # Flushed with the first write below (a concurrent retry of the same
    # MessageSid then fails there or at commit, and the view answers it as a
    # duplicate), not in a flush of its own.
    session.add(InboundDedupe(sid_hash=hashed_sid, received_at=now))
    keyword = _keyword(settings, inbound, conversation, now)
    if keyword is not None:
        schedule.purge_message(session, settings, inbound.sid, hashed_sid, direction="inbound",
                               dedupe=False)
        if conversation is None:
            return Outcome(actions.without_conversation(settings, keyword, inbound))
        if keyword.action == "delete":
            replies, deletion = actions.delete_report(session, settings, conversation)
            return Outcome(replies, deletion=deletion)
        return Outcome(actions.in_conversation(session, settings, keyword, conversation,
                                               inbound, now))

    text = inbound.body.strip()
    if not settings.provider_purge:
        schedule.sweep_relays(session, now)  # else the purge job does it
    if not text and not inbound.media:
        schedule.purge_message(session, settings, inbound.sid, hashed_sid, direction="inbound",
                               dedupe=False)
        return Outcome()
    replies: tuple[str, ...]
    if conversation is None:
        # A new report reads only rows that no pending object changes
        # (settings, rules, team keys, the audit head), and flushes where it
        # needs ids; without autoflush its inserts go out in a few batches.
        with session.no_autoflush:
            case, conversation, message = conversations.start(session, settings, inbound,
                                                              reporter, now)
        conversation.consent_open = True
        replies = (texts.welcome(conversation.language, case.case_code, settings.languages),
                   texts.consent_question(conversation.language))
    else:
        case, message = conversations.follow_up(session, settings, conversation, inbound, text,
                                                 now)
        replies = ()
        if conversation.last_ack_at is None or now - conversation.last_ack_at >= ACK_INTERVAL:
            conversation.last_ack_at = now
            replies = (texts.acknowledged(conversation.language, case.case_code),)
    if inbound.media:
        schedule.fetch_media(session, settings, inbound.sid, hashed_sid, case.id, message.id,
                             inbound.media)
    else:
        schedule.purge_message(session, settings, inbound.sid, hashed_sid, direction="inbound",
                               dedupe=False)
    return Outcome(() if conversation.opted_out else replies)


def _keyword(settings: Settings, inbound: Inbound, conversation: SmsConversation | None,
             now: datetime) -> Keyword | None:
    """The keyword this text is, if it acts as one here. A picture is never a
    keyword; YES/NO are answers only while the police question is open (see
    ``conversations.consent_question_open``); and "police" from an unknown
    number is a report."""
    if inbound.media:
        return None
    keyword = match(inbound.body, settings.languages,
                    prefer=conversation.language if conversation is not None else None)
    if keyword is None:
        return None
    if keyword.action in ("yes", "no"):
        return keyword if conversation is not None and conversations.consent_question_open(
            conversation, now) else None
    if keyword.action == "police" and conversation is None:
        return None
    return keyword


def record_status(session: Session, settings: Settings, report: StatusReport,
                  now: datetime | None = None) -> None:
    """A delivery status callback: track caseworker replies, honour an
    opt-out reported as error 21610, and purge finished messages."""
    now = now or utcnow()
    hashed_sid = sid_hash(settings, report.sid)
    delivery = session.scalar(select(SmsDelivery).where(SmsDelivery.sid_hash == hashed_sid))
    if delivery is not None:
        if _STATUS_RANK.get(report.status, 3) >= _STATUS_RANK.get(delivery.status, 0):
            delivery.status = report.status if report.status in _STATUS_RANK else "failed"
        if report.error_code is not None:
            delivery.error_code = report.error_code
        delivery.updated_at = now
    if report.error_code == STOP_ERROR_CODE:
        conversation = None
        if delivery is not None:
            conversation = session.get(SmsConversation, delivery.conversation_id)
        elif report.recipient is not None:
            conversation = conversations.active_conversation(
                session, settings, conversations.reporter_hash(settings, report.recipient), now)
        if conversation is not None:
            conversations.set_opted_out(session, settings, conversation, True, "provider")
    if report.status in FINAL_STATUSES:
        schedule.purge_message(session, settings, report.sid, hashed_sid, direction="outbound")
    elif report.status == "sent":
        schedule.purge_message(session, settings, report.sid, hashed_sid, direction="outbound",
                               delay=schedule.LATE_PURGE, now=now)


def queue_reply(session: Session, settings: Settings, case: Case, message: Message) -> None:
    """Send a caseworker's reply (already sealed to the reporter key) by SMS
    after commit. Raises ReplyRefused when the reporter cannot be texted."""
    conversation = conversations.latest_for_case(session, case.id)
    if conversation is None:
        raise ReplyRefused("This case has no text conversation.")
    if conversation.opted_out:
        raise ReplyRefused("The reporter asked for no more texts (STOP).")
    if conversation.relay_sealed is None or conversation.ended_at is not None:
        raise ReplyRefused("The reporter's number is deleted: replies cannot reach them.")
    if case.reporter_private_key_wrapped is None:
        raise ReplyRefused("This case has no reporter key.")
    # A "yes" after this answers the caseworker, not the police question.
    conversation.consent_open = False
    now = utcnow()
    delivery = SmsDelivery(id=str(uuid.uuid4()), conversation_id=conversation.id, message_id=message.id,
                           status="queued", created_at=now, updated_at=now)
    session.add(delivery)
    session.flush()
    schedule.send_reply(session, delivery)
