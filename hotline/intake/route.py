"""Routing: rules (data) -> destination queues; consent gates law enforcement.

Rules are evaluated in order and every matching rule adds its team. Whatever
the rules say, a law-enforcement team receives a report only with the
reporter's consent, and then the redacted copy unless the consent covers the
full text. A report no rule places lands in the default support queue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline.cases.models import RoutingRule
from hotline.staff.models import Team

CONDITION_KEYS = ("channel", "language", "category", "urgent", "consent_law_enforcement")


@dataclass(frozen=True)
class Facts:
    channel: str
    language: str | None
    category: str | None
    urgent: bool
    consent_law_enforcement: bool
    consent_full_text: bool


@dataclass(frozen=True)
class Rule:
    name: str
    conditions: dict[str, object]
    team_id: int


@dataclass(frozen=True)
class Destination:
    team_id: int
    reason: str
    redacted_only: bool


def parse_conditions(raw: str) -> dict[str, object]:
    conditions = json.loads(raw or "{}")
    if not isinstance(conditions, dict) or set(conditions) - set(CONDITION_KEYS):
        raise ValueError("routing conditions must be an object with known keys")
    return conditions


def matches(conditions: dict[str, object], facts: Facts) -> bool:
    for key, wanted in conditions.items():
        actual = getattr(facts, key)
        if isinstance(wanted, list):
            if actual not in wanted:
                return False
        elif actual != wanted:
            return False
    return True


def route(facts: Facts, rules: Sequence[Rule], teams: dict[int, Team],
          default_team_id: int) -> list[Destination]:
    chosen: dict[int, Destination] = {}
    for rule in rules:
        team = teams.get(rule.team_id)
        if team is None or rule.team_id in chosen or not matches(rule.conditions, facts):
            continue
        if team.kind == "law_enforcement":
            if not facts.consent_law_enforcement:
                continue
            chosen[team.id] = Destination(team.id, "consent",
                                          redacted_only=not facts.consent_full_text)
        else:
            chosen[team.id] = Destination(team.id, f"rule:{rule.name}", redacted_only=False)
    if not any(teams[d.team_id].kind == "support" for d in chosen.values()):
        chosen.setdefault(default_team_id, Destination(default_team_id, "default", False))
    return list(chosen.values())


def load_rules(session: Session) -> tuple[list[Rule], dict[int, Team], int]:
    """The active rules in order, the teams by id, and the default team id."""
    teams = {team.id: team for team in session.scalars(select(Team))}
    default = next((t.id for t in teams.values() if t.is_default), None)
    if default is None:
        raise LookupError("no default team: run `hotline init`")
    rows = session.scalars(select(RoutingRule).where(RoutingRule.active.is_(True))
                           .order_by(RoutingRule.position, RoutingRule.id))
    rules = [Rule(row.name, parse_conditions(row.conditions), row.team_id) for row in rows]
    return rules, teams, default
