"""Console domain work: reading a case and replying to the reporter.

The queue is in ``queue``, case work in ``cases``, escalation in
``escalation``; ``reply`` stays here (the SMS channel hooks into it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case, Message
from hotline.cases.sealing import OpenedMessage, add_message, case_recipients, open_message
from hotline.db import utcnow
from hotline.privacy.scrub import redact
from hotline.settings import Settings
from hotline.staff.models import StaffUser


class CaseError(Exception):
    """Refused; the message is safe to show."""


def read_case(session: Session, settings: Settings, user: StaffUser, case: Case,
              keys: Mapping[str, bytes], merged_ids: Sequence[int] = ()) -> list[OpenedMessage]:
    """Decrypt the conversation for this member, time-ordered across channels
    and across duplicates merged into the case; the read is audited.

    Each message opens with the best part the member's keys hold (full, else
    redacted); one they hold no key for is left out.
    """
    case_ids = [case.id, *merged_ids]
    messages = session.scalars(
        select(Message).where(Message.case_id.in_(case_ids))
        .order_by(Message.created_at, Message.id)).all()
    opened = [item for item in (open_message(session, m, keys) for m in messages) if item]
    details: dict[str, object] = {"messages": len(opened),
                                  "parts": sorted({item.part for item in opened})}
    if merged_ids:
        details["merged"] = list(merged_ids)
    audit(session, settings.pepper, "case.read", actor_kind="staff", actor_id=user.id,
          case_id=case.id, details=details)
    return opened


def reply(session: Session, settings: Settings, user: StaffUser, case: Case, text: str) -> Message:
    text = text.strip()
    if not text:
        raise CaseError("A reply cannot be empty.")
    if not case.safe_to_contact and case.channel != "web":
        raise CaseError("The reporter said it is not safe to contact them.")
    # The web reporter reads replies with their receipt; an SMS reply must be
    # readable by the relay to be texted out, and the outbound job drops that
    # copy once the provider has it. Nobody else is sent a reply.
    relay_copy = case.channel == "sms"
    message = add_message(session, case, "reply", text, redact(text),
                          case_recipients(session, case, include_reporter=(
                              case.receipt_hash is not None or relay_copy)),
                          author_id=user.id)
    if case.channel == "sms":
        # Texted after commit through the outbox; refused (CaseError) after STOP.
        from hotline.channels.sms.operations import queue_reply

        queue_reply(session, settings, case, message)
    case.updated_at = utcnow()
    if case.status == "new":
        case.status = "in_progress"
    audit(session, settings.pepper, "case.reply", actor_kind="staff", actor_id=user.id,
          case_id=case.id, details={"message": message.id})
    return message
