"""The voice channel's domain work: a recording becomes a report (or a
follow-up), and the caller's answers to the two questions after it.

There is no transcription. Twilio's built-in one sends the audio to a
third party and covers only 2 to 120 seconds, so the case's message is a
placeholder ("[voice recording, 42 s]", in the caller's language) and the
recording itself, disguised, is its attachment. The webhook only files the
placeholder and schedules the download; the audio is handled after commit
by the outbox (``jobs``).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from hotline.cases.models import Case
from hotline.channels.sms import schedule as sms_schedule
from hotline.channels.sms.conversations import reporter_hash
from hotline.channels.sms.models import SmsConversation
from hotline.channels.sms.relay import seal_number, wrap_reporter_key
from hotline.channels.voice import schedule
from hotline.channels.voice.inbound import RecordingEvent
from hotline.channels.voice.models import VoiceCall, VoiceRecording
from hotline.channels.voice.prompts import placeholder
from hotline.crypto import KemSuite, generate_keypair
from hotline.exports.consent import LAW_ENFORCEMENT, record_consent
from hotline.intake.model import Intake
from hotline.intake.pipeline import add_reporter_message, submit_report
from hotline.settings import Settings


def recording_arrived(session: Session, settings: Settings, call: VoiceCall,
                      event: RecordingEvent, language: str, now: datetime) -> Case:
    """File the recording's placeholder message: a new report, or a
    follow-up on the case a returning caller keyed in. Idempotent on the
    recording: a retried Record action returns the same case."""
    existing = session.get(VoiceRecording, event.ref)
    if existing is not None:
        case = session.get(Case, existing.case_id)
        assert case is not None
        return case
    text = placeholder(language, event.duration)
    followed = session.get(Case, call.case_id) if call.follow_up and call.case_id else None
    if followed is not None:
        case = followed
        message = add_reporter_message(session, settings, case, text)
    else:
        submitted = submit_report(session, settings, Intake(
            channel="voice", text=text, locale=language), issue_receipt=False)
        case, message = submitted.case, submitted.message
        # The caller chose the language in the menu: that settles it.
        case.language = language
        call.case_id, call.follow_up = case.id, False
    call.recorded = True
    session.add(VoiceRecording(id=event.ref, case_id=case.id, message_id=message.id,
                               duration_seconds=event.duration, status="pending",
                               created_at=now))
    session.flush()
    schedule.fetch_recording(session, settings, event, now + schedule.SETTLE, now)
    return case


def answer_consent(session: Session, settings: Settings, case: Case, given: bool) -> None:
    """May the police see the report? The redacted copy only (as for SMS);
    routing it there is the console's escalation step: the server holds no
    team private key to re-seal with. Recorded and audited by the exports
    package's consent records (source "voice")."""
    record_consent(session, settings, case, LAW_ENFORCEMENT, "redacted" if given else "none",
                   "voice")


def answer_contact(session: Session, settings: Settings, case: Case, language: str,
                   safe: bool, number: str | None, now: datetime) -> None:
    """Is it safe to call or text the caller back? Only a yes, from a number
    that can be called, keeps the number, and only sealed under the relay
    key as an SMS conversation of the case: caseworkers' replies can then go
    out by text, texts from the number join this case, and STOP, DELETE and
    the idle purge (``HOTLINE_RELAY_IDLE_DAYS``) work as for any texter."""
    if not safe or number is None:
        case.safe_to_contact = False
        return
    if case.reporter_private_key_wrapped is None:
        pair = generate_keypair(KemSuite(settings.kem_suite))
        case.reporter_public_key = pair.public
        case.reporter_private_key_wrapped = wrap_reporter_key(settings, case.id, pair.private)
    conversation = SmsConversation(
        id=str(uuid.uuid4()), case_id=case.id, reporter_hash=reporter_hash(settings, number),
        language=language, language_chosen=True, opted_out=False, consent_open=False,
        number_deleted=False, created_at=now, last_inbound_at=now,
        relay_purge_after=now + timedelta(days=settings.relay_idle_days))
    conversation.relay_sealed = seal_number(settings, conversation.id, number)
    session.add(conversation)
    case.safe_to_contact = True
    sms_schedule.sweep_relays(session, now)  # the idle purge must be running
