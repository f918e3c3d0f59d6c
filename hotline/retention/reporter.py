"""A reporter deletes their report: "delete my report" in the web inbox, or
the DELETE keyword by SMS.

Their contact data goes at once: the receipt and reporter key (web), the
sealed relay number (SMS), open inbox sessions. The case content goes too,
unless a caseworker has already passed it on (a referral to a partner that
was not revoked, an escalation to law enforcement, or the case marked as
referred): then the sealed content stays with the teams that hold it, and
the reporter is told so (``ReporterDeletion.content_kept``).

For the SMS channel: call ``delete_reporter_data`` last in the keyword's
handling, and do not touch the conversation row afterwards: when the
content goes, the conversation row goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.db import utcnow
from hotline.exports.models import Referral
from hotline.retention.erase import Erased, erase_cases, remove_files
from hotline.retention.purge import forget_inbox
from hotline.settings import Settings

VIA = ("web", "sms")


@dataclass(frozen=True)
class ReporterDeletion:
    content_kept: bool
    erased: Erased

    def remove_files(self, instance_path: Path) -> int:
        """Call after commit: removes the deleted case's encrypted files."""
        return remove_files(instance_path, self.erased)


def already_referred(session: Session, case: Case) -> bool:
    from hotline.console.models import Escalation

    if case.status == "referred":
        return True
    if session.scalar(select(Referral.id).where(Referral.case_id == case.id,
                                                Referral.status != "revoked").limit(1)):
        return True
    return session.scalar(select(Escalation.id).where(Escalation.case_id == case.id)
                          .limit(1)) is not None


def _forget_sms_numbers(session: Session, settings: Settings, case: Case) -> None:
    from hotline.channels.sms.conversations import purge_number
    from hotline.channels.sms.models import SmsConversation

    now = utcnow()
    for conversation in session.scalars(select(SmsConversation).where(
            SmsConversation.case_id == case.id)):
        purge_number(session, settings, conversation, "delete")
        conversation.consent_open = False
        if conversation.ended_at is None:
            conversation.ended_at = now  # later texts start a new report


def delete_reporter_data(session: Session, settings: Settings, case: Case, *,
                         via: str) -> ReporterDeletion:
    """Delete what the reporter asked us to; the caller commits, then calls
    ``remove_files`` on the result."""
    if via not in VIA:
        raise ValueError(via)
    if already_referred(session, case):
        forget_inbox(session, case)
        _forget_sms_numbers(session, settings, case)
        audit(session, settings.pepper, "reporter.deleted", actor_kind="reporter",
              case_id=case.id, details={"via": via, "content_kept": True})
        session.flush()
        return ReporterDeletion(True, Erased())
    erased = erase_cases(session, [case.id])
    # No case id: the case is gone, and the entry must not point at it.
    audit(session, settings.pepper, "reporter.deleted", actor_kind="reporter",
          details={"via": via, "content_kept": False, "messages": erased.rows["message"],
                   "attachments": len(erased.blob_ids)})
    return ReporterDeletion(False, erased)
