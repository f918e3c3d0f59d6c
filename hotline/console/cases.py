"""Case work: status workflow, claim and assignment, notes, tags, merging
duplicates, and the case's audit trail. Every change is audited; details
hold ids and enumerated codes only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, CaseQueue, Message
from hotline.cases.sealing import Recipients, add_message, team_recipient
from hotline.console.models import CaseTag
from hotline.console.operations import CaseError
from hotline.console.policy import (
    case_visible,
    may_be_assigned,
    team_ids,
    writes_for_law_enforcement,
)
from hotline.db import utcnow
from hotline.settings import Settings
from hotline.staff.models import StaffUser, Team, TeamKey

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("triaged", "in_progress", "closed"),
    "triaged": ("in_progress", "referred", "closed"),
    "in_progress": ("referred", "closed"),
    "referred": ("in_progress", "closed"),
    "closed": ("in_progress",),  # reopen
}
CLOSE_REASONS = ("resolved", "referred_elsewhere", "no_further_action", "not_trafficking",
                 "no_contact", "duplicate", "other")
TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
MAX_TAGS = 12


def _audit(session: Session, settings: Settings, user: StaffUser, action: str, case: Case,
           **details: object) -> None:
    audit(session, settings.pepper, action, actor_kind="staff", actor_id=user.id,
          case_id=case.id, details=details)


def change_status(session: Session, settings: Settings, user: StaffUser, case: Case,
                  status: str, close_reason: str | None = None) -> None:
    if status not in TRANSITIONS.get(case.status, ()):
        raise CaseError(_l("That status change is not allowed."))
    if status == "closed" and close_reason not in CLOSE_REASONS:
        raise CaseError(_l("Choose a reason for closing the case."))
    previous = case.status
    case.status, case.updated_at = status, utcnow()
    case.close_reason = close_reason if status == "closed" else None
    details: dict[str, object] = {"from": previous, "to": status}
    if status == "closed":
        details["reason"] = close_reason
    _audit(session, settings, user, "case.status", case, **details)


def claim(session: Session, settings: Settings, user: StaffUser, case: Case) -> None:
    if case.assignee_id not in (None, user.id):
        raise CaseError(_l("Someone else has this case."))
    case.assignee_id = user.id
    _audit(session, settings, user, "case.claimed", case)


def assign(session: Session, settings: Settings, actor: StaffUser, case: Case,
           assignee: StaffUser | None) -> None:
    if assignee is not None and not may_be_assigned(session, assignee, case):
        raise CaseError(_l("That person cannot read this case."))
    case.assignee_id = assignee.id if assignee else None
    _audit(session, settings, actor, "case.assigned", case,
           assignee=assignee.id if assignee else None)


def assignable(session: Session, case: Case) -> list[StaffUser]:
    """Active members of the case's queues who may read cases."""
    users = session.scalars(select(StaffUser).where(StaffUser.active.is_(True))
                            .order_by(StaffUser.username)).all()
    return [user for user in users if may_be_assigned(session, user, case)]


def note_recipients(session: Session, user: StaffUser, case: Case) -> Recipients:
    """The active keys of the author's own teams that hold the case, on the
    author's side only.

    A support member's note (or override explanation) is never sealed to a
    law-enforcement queue (or the reporter), and police notes stay with the
    police queues: the author's role decides the side, not their
    memberships, so the first admin (a member of both teams) or a
    supervisor in a police team still writes support notes.
    """
    police_side = Team.kind == "law_enforcement"
    rows = session.execute(
        select(TeamKey.id, TeamKey.public_key)
        .join(CaseQueue, CaseQueue.team_id == TeamKey.team_id)
        .join(Team, Team.id == TeamKey.team_id)
        .where(CaseQueue.case_id == case.id, TeamKey.retired_at.is_(None),
               TeamKey.team_id.in_(team_ids(session, user)),
               police_side if writes_for_law_enforcement(user) else ~police_side)).all()
    if not rows:
        raise CaseError(_l("None of your teams holds this case."))
    return Recipients({team_recipient(key_id): public for key_id, public in rows}, {})


def add_note(session: Session, settings: Settings, user: StaffUser, case: Case,
             text: str, *, audit_action: str | None = "case.note") -> Message:
    text = text.strip()
    if not text:
        raise CaseError(_l("A note cannot be empty."))
    message = add_message(session, case, "note", text, "",
                          note_recipients(session, user, case), author_id=user.id)
    case.updated_at = utcnow()
    if audit_action:
        _audit(session, settings, user, audit_action, case, message=message.id)
    return message


def parse_tags(raw: str) -> list[str]:
    tags = sorted({tag.strip().lower() for tag in raw.replace(",", " ").split() if tag.strip()})
    if len(tags) > MAX_TAGS or not all(TAG_PATTERN.match(tag) for tag in tags):
        raise CaseError(_l("Tags are short words of letters, digits and dashes."))
    return tags


def case_tags(session: Session, case: Case) -> list[str]:
    return list(session.scalars(select(CaseTag.tag).where(CaseTag.case_id == case.id)
                                .order_by(CaseTag.tag)))


def set_tags(session: Session, settings: Settings, user: StaffUser, case: Case,
             tags: Sequence[str]) -> None:
    before = case_tags(session, case)
    session.execute(delete(CaseTag).where(CaseTag.case_id == case.id))
    session.add_all(CaseTag(case_id=case.id, tag=tag) for tag in tags)
    session.flush()
    # Counts only: the audit log is append-only and outlives "delete my
    # report", and a tag's text can say as much as a note (finding 13).
    _audit(session, settings, user, "case.tags", case, added=len(set(tags) - set(before)),
           removed=len(set(before) - set(tags)))


def merge(session: Session, settings: Settings, user: StaffUser, duplicate: Case,
          primary_code: str) -> Case:
    """Mark ``duplicate`` as a duplicate of the case with ``primary_code``.

    Nothing is re-encrypted or moved: the duplicate points to the primary,
    is closed as ``duplicate``, and the primary's page shows both
    conversations, each message opened with the keys it was sealed to. So
    the duplicate's reporter inbox and every wrapped key keep working, and a
    team sees only the messages it could already read. Cases merged into the
    duplicate earlier are re-pointed at the primary.
    """
    primary = session.scalar(select(Case).where(Case.case_code == primary_code.strip().upper()))
    if primary is None or not case_visible(session, user, primary.id):
        raise CaseError(_l("No case with that code in your queues."))
    if primary.id == duplicate.id or primary.merged_into_id is not None:
        raise CaseError(_l("That case cannot be the primary."))
    if duplicate.merged_into_id is not None:
        raise CaseError(_l("This case is already merged."))
    session.execute(update(Case).where(Case.merged_into_id == duplicate.id)
                    .values(merged_into_id=primary.id))
    duplicate.merged_into_id = primary.id
    if duplicate.status != "closed":
        previous = duplicate.status
        duplicate.status, duplicate.close_reason = "closed", "duplicate"
        _audit(session, settings, user, "case.status", duplicate, to="closed",
               reason="duplicate", **{"from": previous})
    duplicate.updated_at = primary.updated_at = utcnow()
    _audit(session, settings, user, "case.merged", duplicate, into=primary.id)
    _audit(session, settings, user, "case.merged_in", primary, duplicate=duplicate.id)
    return primary


def merged_cases(session: Session, user: StaffUser, case: Case) -> list[Case]:
    """Duplicates merged into ``case`` that the member may see."""
    rows = session.scalars(select(Case).where(Case.merged_into_id == case.id)
                           .order_by(Case.id)).all()
    return [row for row in rows if case_visible(session, user, row.id)]


def trail(session: Session, case_ids: Sequence[int], limit: int = 500) -> list[AuditEntry]:
    """Who read or changed these cases, oldest first."""
    latest = session.scalars(select(AuditEntry).where(AuditEntry.case_id.in_(list(case_ids)))
                             .order_by(AuditEntry.id.desc()).limit(limit)).all()
    return list(reversed(latest))
