"""Consent to referral, recorded per recipient type (HTCDS ``org_Type``).

The reporter decides, per kind of recipient, whether a referral may carry
nothing (none), the redacted copy (phone numbers, e-mail addresses and
other contact details masked), or the full text with attachments. The
latest ``CaseConsent`` row for a case and type is in force.

Law enforcement is the exception that predates this table: the web form
and the SMS YES/NO answer record it on the case itself
(``consent_law_enforcement``, ``consent_full_text``), and routing reads it
there. Without a ``LawEnforcement`` row, those columns are the consent.

Without consent, a referral is possible only as a supervisor's override
for one of the same reasons as an escalation to law enforcement (imminent
danger to life, a minor at risk), and then only with the redacted copy.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.exports.htcds import ORG_TYPES
from hotline.exports.models import CONSENT_SCOPES, CONSENT_SOURCES, CaseConsent
from hotline.settings import Settings

LAW_ENFORCEMENT = "LawEnforcement"
NGO = "NGO"


class ConsentError(Exception):
    """Refused; the message is safe to show."""


def consent_scope(session: Session, case: Case, recipient_type: str) -> str:
    """none, redacted or full: what ``case``'s reporter agreed to share with
    recipients of ``recipient_type``."""
    row = session.scalar(
        select(CaseConsent).where(CaseConsent.case_id == case.id,
                                  CaseConsent.recipient_type == recipient_type)
        .order_by(CaseConsent.recorded_at.desc(), CaseConsent.id.desc()).limit(1))
    if row is not None:
        return row.scope
    if recipient_type == LAW_ENFORCEMENT and case.consent_law_enforcement:
        return "full" if case.consent_full_text else "redacted"
    return "none"


def consents(session: Session, case: Case) -> dict[str, str]:
    """The scope in force for every recipient type."""
    return {kind: consent_scope(session, case, kind) for kind in ORG_TYPES}


def record_consent(session: Session, settings: Settings, case: Case, recipient_type: str,
                   scope: str, source: str, *, recorded_by: int | None = None) -> CaseConsent:
    """Add a consent record (the newest wins); audited with codes only."""
    if recipient_type not in ORG_TYPES:
        raise ConsentError(_l("Unknown kind of recipient."))
    if scope not in CONSENT_SCOPES:
        raise ConsentError(_l("Unknown consent scope."))
    if source not in CONSENT_SOURCES:
        raise ConsentError(_l("Unknown consent source."))
    row = CaseConsent(case_id=case.id, recipient_type=recipient_type, scope=scope,
                      source=source, recorded_by=recorded_by)
    session.add(row)
    if recipient_type == LAW_ENFORCEMENT:
        # Keep the columns routing and sealing read in step. Withdrawing
        # consent does not take a case back from a queue that holds it (that
        # is a caseworker's decision, recorded in the audit log), but from
        # now on that queue is sent nothing new, or only the redacted copy
        # (hotline.cases.sealing.case_recipients).
        case.consent_law_enforcement = scope != "none"
        case.consent_full_text = scope == "full"
    session.flush()
    audit(session, settings.pepper, "consent.recorded",
          actor_kind="staff" if recorded_by else "reporter", actor_id=recorded_by,
          case_id=case.id, details={"recipient_type": recipient_type, "scope": scope,
                                    "source": source})
    return row
