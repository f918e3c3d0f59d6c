"""Who may do what in the console: the one place permissions are decided.

Roles grant permissions (``ROLE_PERMISSIONS``); team membership decides which
cases. A case is visible to a member only if it sits in one of their teams'
queues, and a law-enforcement queue holds a case only with consent or an
audited supervisor override (``hotline.console.escalation``). Views use
``require`` and ``case_for``; templates use ``can``; nothing else tests a
role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import Case, CaseQueue
from hotline.staff.models import Membership, StaffUser

_CASEWORK = frozenset({
    "account", "queue.view", "case.read", "case.reply", "case.note", "case.status",
    "case.claim", "case.tag", "case.merge", "case.escalate", "case.audit",
    # Referral to partner organisations and consent recorded on the
    # reporter's behalf (hotline.exports, issue 6).
    "case.refer", "case.consent", "referrals.view",
})
_SUPERVISION = _CASEWORK | {"case.assign", "case.escalate_override", "audit.view",
                            # issue 6: referral overrides, all referrals, statistics
                            "case.refer_override", "referrals.manage", "stats.view"}
_ADMINISTRATION = frozenset({"admin.users", "admin.teams", "admin.rules", "admin.settings",
                             "admin.organisations",
                             # issue 7: which catalogs are complete, reviewed, enabled
                             "admin.translations"})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "caseworker": _CASEWORK,
    # Police triage: reads what was consented (or overridden), keeps its own
    # notes and status; never writes to the reporter, never sees the trail
    # of the support team's work.
    "le_triage": frozenset({"account", "queue.view", "case.read", "case.note", "case.status",
                            "case.claim"}),
    "supervisor": _SUPERVISION,
    # The first account of an installation is an admin and the only member
    # of both teams, so admins can also work cases.
    "admin": _SUPERVISION | _ADMINISTRATION,
    # Partner NGOs see and download their own organisation's referrals
    # (hotline.exports); no case pages.
    "ngo_partner": frozenset({"account", "referrals.view", "referrals.partner"}),
}

# Roles that work on the law-enforcement side. Their internal notes are
# sealed to the law-enforcement queues holding the case only; every other
# role's notes (and override explanations) to the other queues only, even
# when the author is a member of both kinds of team (review finding 2).
LAW_ENFORCEMENT_ROLES = frozenset({"le_triage"})

# Roles whose view of times is coarsened to the day (DESIGN: law enforcement).
COARSE_TIME_ROLES = frozenset({"le_triage"})

F = TypeVar("F", bound=Callable[..., Any])


def allowed(user: StaffUser | None, permission: str) -> bool:
    return bool(user is not None and user.active
                and permission in ROLE_PERMISSIONS.get(user.role, frozenset()))


def coarse_times(user: StaffUser | None) -> bool:
    return user is None or user.role in COARSE_TIME_ROLES


def writes_for_law_enforcement(user: StaffUser) -> bool:
    """Whether the member's notes belong to the law-enforcement side."""
    return user.role in LAW_ENFORCEMENT_ROLES


def team_ids(session: Session, user: StaffUser) -> list[int]:
    return list(session.scalars(select(Membership.team_id).where(Membership.user_id == user.id)))


def case_visible(session: Session, user: StaffUser, case_id: int) -> bool:
    return session.scalar(
        select(CaseQueue.case_id).where(CaseQueue.case_id == case_id,
                                        CaseQueue.team_id.in_(team_ids(session, user)))
        .limit(1)) is not None


def require(permission: str) -> Callable[[F], F]:
    """View decorator: a signed-in staff member holding ``permission``."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = g.get("staff_user")
            if user is None:
                abort(401)
            if not allowed(user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def case_for(session: Session, user: StaffUser, case_id: int) -> Case:
    """The case, or 404 when it is not in the member's queues (no hint that it exists)."""
    if not case_visible(session, user, case_id):
        abort(404)
    case = session.get(Case, case_id)
    if case is None:
        abort(404)
    return case


def may_be_assigned(session: Session, user: StaffUser, case: Case) -> bool:
    """An assignee must be able to read the case: active, permitted, in its queues."""
    return allowed(user, "case.read") and case_visible(session, user, case.id)
