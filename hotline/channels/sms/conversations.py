"""SMS conversations: threading texts into cases, and the reporter's number.

A conversation is found by the keyed hash of the sender's number and lives
for ``HOTLINE_SMS_WINDOW_DAYS`` after the last text; a text after that (or
after the exit word) starts a new report. The number itself is sealed under
the relay key (``relay.py``) and purged when the reporter texts DELETE or
the exit word, or after ``HOTLINE_RELAY_IDLE_DAYS`` without a text.

The keyed hash gives the number back to anyone holding the database and the
pepper (a country's numbers are few enough to try them all), so it goes
with the number: purging the number ends the conversation and overwrites
its hash (a later text from the number starts a new report), and the hourly
sweep overwrites the hash of every conversation past its window.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case, Message
from hotline.cases.sealing import drop_reporter_copies
from hotline.channels.sms.inbound import Inbound
from hotline.channels.sms.models import SmsConversation
from hotline.channels.sms.relay import seal_number, wrap_reporter_key
from hotline.crypto import KemSuite, generate_keypair
from hotline.db import utcnow
from hotline.intake.language import choose_language
from hotline.intake.languages import COUNTRY_DEFAULT_LANGUAGE
from hotline.intake.model import Intake
from hotline.intake.pipeline import add_reporter_message, submit_report
from hotline.privacy.identifiers import PURPOSE_PHONE, keyed_hash
from hotline.settings import Settings

# The report text of a message that is only a picture.
MEDIA_ONLY_TEXT = "[MMS]"
# YES/NO answer the police question only this soon after the reporter's
# last text (and only until their next text that is not an answer, or a
# caseworker's reply: see ``follow_up`` and ``operations.queue_reply``).
CONSENT_ANSWER_WINDOW = timedelta(hours=24)
# What replaces the keyed hash of a conversation that is over: it matches
# no number (a keyed hash is 64 hex digits).
FORGOTTEN = ""


def reporter_hash(settings: Settings, e164: str) -> str:
    return keyed_hash(settings.pepper, PURPOSE_PHONE, e164)


def country_language(settings: Settings, region: str | None) -> str | None:
    language = COUNTRY_DEFAULT_LANGUAGE.get(region or "")
    return language if language in settings.languages else None


def reply_language(settings: Settings, region: str | None, preferred: str | None = None) -> str:
    """A keyword's language, else the country's, else the default."""
    if preferred and preferred != "en" and preferred in settings.languages:
        return preferred
    return country_language(settings, region) or settings.default_language


def active_conversation(session: Session, settings: Settings, hashed: str,
                        now: datetime) -> SmsConversation | None:
    since = now - timedelta(days=settings.sms_window_days)
    return session.scalar(
        select(SmsConversation)
        .where(SmsConversation.reporter_hash == hashed,
               SmsConversation.last_inbound_at >= since,
               SmsConversation.ended_at.is_(None))
        .order_by(SmsConversation.last_inbound_at.desc()).limit(1))


def consent_question_open(conversation: SmsConversation, now: datetime) -> bool:
    return conversation.consent_open and \
        now - conversation.last_inbound_at <= CONSENT_ANSWER_WINDOW


def latest_for_case(session: Session, case_id: int) -> SmsConversation | None:
    return session.scalar(
        select(SmsConversation).where(SmsConversation.case_id == case_id)
        .order_by(SmsConversation.last_inbound_at.desc()).limit(1))


def start(session: Session, settings: Settings, inbound: Inbound, hashed: str,
          now: datetime) -> tuple[Case, SmsConversation, Message]:
    """The first text from a number is a report at once."""
    intake = Intake(channel="sms", text=inbound.body.strip() or MEDIA_ONLY_TEXT,
                    locale=country_language(settings, inbound.region), region=inbound.region,
                    # They texted us and replies go back the same way; STOP,
                    # DELETE and the exit word turn this off.
                    safe_to_contact=True)
    submitted = submit_report(session, settings, intake, issue_receipt=False)
    case = submitted.case
    pair = generate_keypair(KemSuite(settings.kem_suite))
    case.reporter_public_key = pair.public
    case.reporter_private_key_wrapped = wrap_reporter_key(settings, case.id, pair.private)
    conversation = SmsConversation(
        id=str(uuid.uuid4()), case_id=case.id, reporter_hash=hashed,
        language=case.language or settings.default_language, language_chosen=False,
        opted_out=False,
        consent_open=False, number_deleted=False, created_at=now, last_inbound_at=now,
        relay_purge_after=now + timedelta(days=settings.relay_idle_days))
    conversation.relay_sealed = seal_number(settings, conversation.id, inbound.sender)
    session.add(conversation)
    return case, conversation, submitted.message


def follow_up(session: Session, settings: Settings, conversation: SmsConversation,
              inbound: Inbound, text: str, now: datetime) -> tuple[Case, Message]:
    """A later text joins the conversation's case. It is not an answer to
    the police question, which it closes: a "yes" after it is a message."""
    conversation.consent_open = False
    case = session.get(Case, conversation.case_id)
    assert case is not None
    message = add_reporter_message(session, settings, case, text or MEDIA_ONLY_TEXT,
                                   inbound.region)
    if text and not conversation.language_chosen:
        conversation.language = choose_language(
            text, conversation.language, settings.languages) or conversation.language
    touch(session, settings, conversation, inbound, now)
    case.safe_to_contact = not conversation.opted_out and conversation.relay_sealed is not None
    return case, message


def touch(session: Session, settings: Settings, conversation: SmsConversation,
          inbound: Inbound, now: datetime) -> None:
    """A text arrived: the idle clock restarts. (A purge now ends the
    conversation; a number missing from a live one, purged for idleness
    before that, is sealed again.)"""
    conversation.last_inbound_at = now
    if conversation.number_deleted:
        return
    conversation.relay_purge_after = now + timedelta(days=settings.relay_idle_days)
    if conversation.relay_sealed is None:
        conversation.relay_sealed = seal_number(settings, conversation.id, inbound.sender)


def purge_number(session: Session, settings: Settings, conversation: SmsConversation,
                 reason: str) -> bool:
    """Drop the sealed number; True if there was one. ``reason``: delete,
    exit or idle (audited; the audit says nothing about the number). The
    conversation ends with it and its keyed hash is overwritten."""
    held = conversation.relay_sealed is not None
    conversation.relay_sealed = None
    conversation.relay_purge_after = None
    conversation.reporter_hash = FORGOTTEN
    conversation.consent_open = False
    if conversation.ended_at is None:
        conversation.ended_at = utcnow()
    if reason in ("delete", "exit"):
        conversation.number_deleted = True
    case = session.get(Case, conversation.case_id)
    if case is not None:
        case.safe_to_contact = False
        forget_relay_reporter_key(session, case, conversation)
    if held:
        audit(session, settings.pepper, "sms.number_purged", actor_kind=(
            "system" if reason == "idle" else "reporter"), case_id=conversation.case_id,
            details={"reason": reason})
    return held


def forget_relay_reporter_key(session: Session, case: Case,
                              conversation: SmsConversation) -> None:
    """Without a number to text, an SMS or voice case needs no reporter key:
    it opens with the relay key alone, so it goes, with every copy sealed to
    it (replies still waiting to be texted are then cancelled). Web cases
    keep theirs (the receipt opens it); so does a case with another
    conversation that still holds a number."""
    if case.receipt_hash is not None or case.reporter_private_key_wrapped is None:
        return
    others = session.scalar(select(SmsConversation.id).where(
        SmsConversation.case_id == case.id, SmsConversation.id != conversation.id,
        SmsConversation.relay_sealed.is_not(None)).limit(1))
    if others is not None:
        return
    drop_reporter_copies(session, case.id)
    case.reporter_public_key = None
    case.reporter_private_key_wrapped = None


def set_opted_out(session: Session, settings: Settings, conversation: SmsConversation,
                  opted_out: bool, via: str) -> None:
    if conversation.opted_out == opted_out:
        return
    conversation.opted_out = opted_out
    case = session.get(Case, conversation.case_id)
    if case is not None:
        case.safe_to_contact = not opted_out and conversation.relay_sealed is not None
    audit(session, settings.pepper, "sms.opted_out" if opted_out else "sms.opted_in",
          actor_kind="reporter", case_id=conversation.case_id, details={"via": via})


def purge_idle(session: Session, settings: Settings, now: datetime, limit: int = 500) -> int:
    """Purge the numbers of conversations idle past their purge time."""
    due = session.scalars(
        select(SmsConversation)
        .where(SmsConversation.relay_purge_after <= now,
               SmsConversation.relay_sealed.is_not(None))
        .order_by(SmsConversation.relay_purge_after).limit(limit)).all()
    for conversation in due:
        purge_number(session, settings, conversation, "idle")
    forget_past_window(session, settings, now, limit)
    return len(due)


def forget_past_window(session: Session, settings: Settings, now: datetime,
                       limit: int = 500) -> int:
    """Overwrite the keyed hash of conversations that are over (past the
    window, or ended before hashes were overwritten); returns how many. The
    number, if still held, stays until its idle purge: replies can go out."""
    since = now - timedelta(days=settings.sms_window_days)
    over = session.scalars(
        select(SmsConversation)
        .where(SmsConversation.reporter_hash != FORGOTTEN,
               or_(SmsConversation.ended_at.is_not(None),
                   SmsConversation.last_inbound_at < since))
        .limit(limit)).all()
    for conversation in over:
        conversation.reporter_hash = FORGOTTEN
        conversation.consent_open = False
    return len(over)
