"""Routing rules as versioned data.

An edit never changes a stored rule: it adds a row with ``version + 1``
that ``replaces_id`` the old one and deactivates the old row, so the history
of every rule stays readable and each change is audited. The current rules
are the rows nothing replaces. ``preview`` runs the real router
(``hotline.intake.route.route``) on a sample's facts, optionally with an
unsaved candidate rule, and stores nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from hotline.audit.log import append as audit
from hotline.cases.models import RoutingRule
from hotline.db import utcnow
from hotline.intake.route import Destination, Facts, Rule, matches, parse_conditions, route
from hotline.settings import Settings
from hotline.staff.models import StaffUser, Team

LIST_KEYS = ("channel", "language", "category")
BOOL_KEYS = ("urgent", "consent_law_enforcement")


@dataclass(frozen=True)
class Draft:
    name: str
    position: int
    team_id: int
    conditions: dict[str, object]
    active: bool

    def as_rule(self) -> Rule:
        return Rule(self.name, self.conditions, self.team_id)


def conditions_from(lists: dict[str, list[str]], flags: dict[str, str]) -> dict[str, object]:
    """Build conditions from form values; empty lists and "any" are left out."""
    conditions: dict[str, object] = {key: sorted(set(values)) for key, values in lists.items()
                                     if key in LIST_KEYS and values}
    for key in BOOL_KEYS:
        if flags.get(key) in ("yes", "no"):
            conditions[key] = flags[key] == "yes"
    parse_conditions(json.dumps(conditions))  # the router's own validation
    return conditions


def current_rules(session: Session) -> list[RoutingRule]:
    """The newest version of every rule, active or not, in evaluation order."""
    successor = aliased(RoutingRule)
    replaced = select(successor.replaces_id).where(successor.replaces_id.is_not(None))
    return list(session.scalars(select(RoutingRule).where(RoutingRule.id.not_in(replaced))
                                .order_by(RoutingRule.position, RoutingRule.id)))


def history(session: Session, rule: RoutingRule) -> list[RoutingRule]:
    """This rule's versions, newest first."""
    versions = [rule]
    while versions[-1].replaces_id is not None:
        previous = session.get(RoutingRule, versions[-1].replaces_id)
        if previous is None:
            break
        versions.append(previous)
    return versions


def is_current(session: Session, rule: RoutingRule) -> bool:
    return session.scalar(select(RoutingRule.id).where(RoutingRule.replaces_id == rule.id)
                          .limit(1)) is None


def save(session: Session, settings: Settings, admin: StaffUser, draft: Draft,
         replaces: RoutingRule | None = None) -> RoutingRule:
    if session.get(Team, draft.team_id) is None:
        raise ValueError("unknown team")
    row = RoutingRule(position=draft.position, name=draft.name,
                      conditions=json.dumps(draft.conditions, sort_keys=True),
                      team_id=draft.team_id, active=draft.active, updated_at=utcnow(),
                      version=1 if replaces is None else replaces.version + 1,
                      replaces_id=None if replaces is None else replaces.id)
    if replaces is not None:
        replaces.active = False
    session.add(row)
    session.flush()
    audit(session, settings.pepper, "routing.rule_saved", actor_kind="staff", actor_id=admin.id,
          details={"rule": row.id, "replaces": row.replaces_id, "version": row.version,
                   "team": row.team_id, "position": row.position, "active": row.active,
                   "conditions": draft.conditions})
    return row


@dataclass(frozen=True)
class Preview:
    destinations: list[Destination]
    matched: list[str]
    candidate_matches: bool | None


def preview(session: Session, facts: Facts, candidate: Draft | None = None,
            replacing: RoutingRule | None = None) -> Preview:
    """Where a report with these facts would go; nothing is stored."""
    teams = {team.id: team for team in session.scalars(select(Team))}
    default = next((t.id for t in teams.values() if t.is_default), None)
    if default is None:
        raise LookupError("no default team")
    entries: list[tuple[int, int, Rule]] = []
    for row in current_rules(session):
        if replacing is not None and row.id == replacing.id:
            continue
        if row.active:
            entries.append((row.position, row.id, Rule(row.name, parse_conditions(row.conditions),
                                                       row.team_id)))
    if candidate is not None and candidate.active:
        entries.append((candidate.position, 1 << 62, candidate.as_rule()))
    rules = [rule for _, _, rule in sorted(entries, key=lambda item: item[:2])]
    matched = [rule.name for rule in rules if matches(rule.conditions, facts)]
    return Preview(route(facts, rules, teams, default), matched,
                   None if candidate is None else matches(candidate.conditions, facts))
