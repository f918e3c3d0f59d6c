"""Escalation of a case to a law-enforcement queue.

Allowed only with the reporter's recorded consent, or as a supervisor's
override with a reason from a fixed list plus a written explanation (sealed
as a note to the supervisor's own team; only the reason code is clear).

Escalating adds the team's queue row and re-wraps each existing message's
data key to the team's active key with the escalating member's unlocked
keys (``hotline.crypto.add_recipient``): the redacted part only, unless the
consent covers the full text. Internal notes are never shared. New messages
reach the team through ``case_recipients`` like any other queue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case, CaseQueue, Message, WrappedKey
from hotline.cases.sealing import team_recipient
from hotline.console.cases import add_note
from hotline.console.models import Escalation
from hotline.console.operations import CaseError
from hotline.console.policy import allowed
from hotline.crypto import CryptoError, add_recipient
from hotline.db import utcnow
from hotline.settings import Settings
from hotline.staff.models import StaffUser, Team
from hotline.staff.operations import StaffError, active_key

OVERRIDE_REASONS = ("danger_to_life", "minor_at_risk")
SHARED_KINDS = ("report", "reporter", "reply")


def _aad(message_id: str, part: str) -> bytes:
    # Must match hotline.cases.sealing._aad.
    return f"message:{message_id}:{part}".encode()


def targets(session: Session, case: Case) -> list[Team]:
    """Law-enforcement teams that do not hold the case yet."""
    holding = select(CaseQueue.team_id).where(CaseQueue.case_id == case.id)
    return list(session.scalars(select(Team).where(Team.kind == "law_enforcement",
                                                   Team.id.not_in(holding))
                                .order_by(Team.name)))


@dataclass(frozen=True)
class Rewrapped:
    messages: int
    keys: int
    skipped: int


def rewrap(session: Session, case: Case, team_key_id: int, public_key: bytes,
           keys: Mapping[str, bytes], parts: tuple[str, ...]) -> Rewrapped:
    """Seal each shared message's data key(s) for ``parts`` to a new team key."""
    new_recipient = team_recipient(team_key_id)
    messages = session.scalars(select(Message).where(Message.case_id == case.id,
                                                     Message.kind.in_(SHARED_KINDS))).all()
    done = added = skipped = 0
    for message in messages:
        wrapped = session.scalars(select(WrappedKey).where(
            WrappedKey.message_id == message.id)).all()
        have = {(w.recipient, w.part) for w in wrapped}
        sealed_any = False
        for part in parts:
            if (new_recipient, part) in have:
                sealed_any = True
                continue
            for item in wrapped:
                if item.part != part or item.recipient not in keys:
                    continue
                try:
                    sealed = add_recipient(item.sealed_key, keys[item.recipient], public_key,
                                           _aad(message.id, part))
                except CryptoError:
                    continue
                session.add(WrappedKey(message_id=message.id, recipient=new_recipient,
                                       part=part, sealed_key=sealed))
                added += 1
                sealed_any = True
                break
        done += sealed_any
        skipped += not sealed_any
    session.flush()
    return Rewrapped(done, added, skipped)


def escalate(session: Session, settings: Settings, user: StaffUser, case: Case, team: Team,
             keys: Mapping[str, bytes], *, reason_code: str | None = None,
             reason_text: str | None = None) -> Escalation:
    if team.kind != "law_enforcement" or team.id not in {t.id for t in targets(session, case)}:
        raise CaseError(_l("That queue cannot receive this case."))
    if case.consent_law_enforcement:
        basis, redacted_only, reason_code = "consent", not case.consent_full_text, None
    else:
        if not allowed(user, "case.escalate_override"):
            raise CaseError(_l("Without the reporter's consent only a supervisor may escalate."))
        if reason_code not in OVERRIDE_REASONS or not (reason_text or "").strip():
            raise CaseError(_l("An override needs a reason and an explanation."))
        basis, redacted_only = "override", True
    try:
        key = active_key(session, team)
    except StaffError:
        raise CaseError(_l("That queue has no key.")) from None
    note = None
    if basis == "override":
        # Sealed like a support note (``note_recipients``): to the
        # supervisor's own support teams, never to a police queue, even one
        # that already holds the case or that the supervisor belongs to.
        note = add_note(session, settings, user, case, reason_text or "", audit_action=None)
    session.add(CaseQueue(case_id=case.id, team_id=team.id, redacted_only=redacted_only,
                          reason=basis if basis == "consent" else f"override:{reason_code}"))
    session.flush()
    parts = ("redacted",) if redacted_only else ("full", "redacted")
    result = rewrap(session, case, key.id, key.public_key, keys, parts)
    if result.messages == 0 and result.skipped:
        raise CaseError(_l("Your keys cannot open this case's messages."))
    escalation = Escalation(case_id=case.id, team_id=team.id, actor_id=user.id, basis=basis,
                            reason_code=reason_code, redacted_only=redacted_only,
                            note_message_id=note.id if note else None)
    session.add(escalation)
    case.updated_at = utcnow()
    audit(session, settings.pepper, "case.escalated", actor_kind="staff", actor_id=user.id,
          case_id=case.id, details={"team": team.id, "basis": basis, "reason": reason_code,
                                    "redacted_only": redacted_only,
                                    "note": note.id if note else None})
    audit(session, settings.pepper, "case.keys_rewrapped", actor_kind="staff",
          actor_id=user.id, case_id=case.id,
          details={"team_key": key.id, "parts": list(parts), "messages": result.messages,
                   "keys": result.keys, "skipped": result.skipped})
    session.flush()
    return escalation


def escalations(session: Session, case: Case) -> list[Escalation]:
    return list(session.scalars(select(Escalation).where(Escalation.case_id == case.id)
                                .order_by(Escalation.id)))
