"""Intake pipeline: normalize -> scrub -> classify -> route -> seal -> store.

One call, one transaction (the caller commits). Nothing here logs report
text or writes it anywhere but into ciphertext.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from hashlib import sha256

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case, CaseQueue, Message
from hotline.cases.sealing import add_message, case_recipients
from hotline.crypto import KemSuite, generate_keypair, keyed_receipt_hash, wrap_with_password
from hotline.db import utcnow
from hotline.intake.classify import classify_category, is_urgent
from hotline.intake.language import detect_language
from hotline.intake.model import Intake, normalize_text
from hotline.intake.route import Facts, load_rules, route
from hotline.privacy.identifiers import new_case_code, new_passphrase
from hotline.privacy.scrub import redact
from hotline.security import argon2_params
from hotline.settings import Settings


@dataclass(frozen=True)
class Receipt:
    case_code: str
    passphrase: str


@dataclass(frozen=True)
class Submitted:
    case: Case
    message: Message
    receipt: Receipt | None


def receipt_secret(settings: Settings, passphrase: str) -> str:
    """What wraps the reporter key: the passphrase bound to the server pepper,
    so a stolen database alone does not allow guessing it offline."""
    return hmac.new(settings.pepper, b"receipt-wrap\x00" + passphrase.encode(), sha256).hexdigest()


def _unique_case_code(session: Session) -> str:
    while True:
        code = new_case_code()
        if session.scalar(select(Case.id).where(Case.case_code == code)) is None:
            return code


def submit_report(session: Session, settings: Settings, intake: Intake, *,
                  issue_receipt: bool) -> Submitted:
    from hotline.console.store import enabled_languages, urgency_words

    text = normalize_text(intake.text, settings.max_report_chars)
    language = detect_language(text, enabled_languages(session, settings)) or intake.locale \
        or settings.default_language
    category = intake.category or classify_category(text, language)
    urgent = is_urgent(text, language, urgency_words(session))
    redacted = redact(text, intake.region)

    now = utcnow()
    case = Case(case_code=_unique_case_code(session), channel=intake.channel,
                language=language, category=category, urgent=urgent, status="new",
                reporter_role=intake.reporter_role, safe_to_contact=intake.safe_to_contact,
                consent_law_enforcement=intake.consent_law_enforcement,
                consent_full_text=intake.consent_full_text, created_at=now, updated_at=now)
    receipt = None
    if issue_receipt:
        params = argon2_params(settings)
        receipt = Receipt(case.case_code, new_passphrase())
        pair = generate_keypair(KemSuite(settings.kem_suite))
        case.receipt_hash = keyed_receipt_hash(receipt.passphrase, settings.pepper,
                                               case.case_code, params)
        case.reporter_public_key = pair.public
        case.reporter_private_key_wrapped = wrap_with_password(
            pair.private, receipt_secret(settings, receipt.passphrase), params)
    session.add(case)
    session.flush()

    rules, teams, default_team = load_rules(session)
    facts = Facts(intake.channel, language, category, urgent,
                  intake.consent_law_enforcement, intake.consent_full_text)
    destinations = route(facts, rules, teams, default_team)
    for destination in destinations:
        session.add(CaseQueue(case_id=case.id, team_id=destination.team_id,
                              reason=destination.reason,
                              redacted_only=destination.redacted_only, created_at=now))
    session.flush()

    message = add_message(session, case, "report", text, redacted,
                          case_recipients(session, case, include_reporter=True))
    audit(session, settings.pepper, "report.received", actor_kind="reporter", case_id=case.id,
          details={"channel": intake.channel, "language": language,
                   "queues": sorted(d.team_id for d in destinations)})
    return Submitted(case, message, receipt)


def add_reporter_message(session: Session, settings: Settings, case: Case, raw_text: str,
                         region: str | None = None) -> Message:
    """A follow-up from the reporter (web inbox, SMS thread, voice callback).

    Sealed to the reporter key only on web cases (the receipt opens it): an
    SMS or voice case's reporter key opens with the relay key alone."""
    text = normalize_text(raw_text, settings.max_report_chars)
    message = add_message(session, case, "reporter", text, redact(text, region),
                          case_recipients(session, case,
                                          include_reporter=case.receipt_hash is not None))
    case.updated_at = utcnow()
    if case.status == "closed":
        case.status = "in_progress"
    from hotline.console.store import urgency_words

    if is_urgent(text, case.language, urgency_words(session)):
        case.urgent = True
    audit(session, settings.pepper, "report.followup", actor_kind="reporter", case_id=case.id,
          details={"channel": case.channel})
    return message
