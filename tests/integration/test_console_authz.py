"""The authorization matrix: every console route, by every role and by an
anonymous visitor, against a case of another team.

``ALLOWED`` below is written out by hand (not derived from the policy
table): the roles that get past authorization on each route. Everything
else must be refused with 403 or 404 (an anonymous visitor is sent to the
sign-in page), and no response, allowed or not, may carry the other team's
report text or case code. A refused case route must look exactly like a case
that does not exist. A console route missing from the table fails the test.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from hotline.cases.models import Case, RoutingRule
from hotline.crypto import KemSuite
from hotline.extensions import db
from hotline.security import argon2_params
from hotline.staff.operations import create_team, enroll_user
from tests.conftest import csrf_from, make_report, signed_in

ROLES = ("caseworker", "le_triage", "supervisor", "admin", "ngo_partner")
WORKERS = {"caseworker", "le_triage", "supervisor", "admin"}
EVERYONE = set(ROLES)
CANARY = "CANARY-OTHER-TEAM-7731 the other team's report"

PUBLIC = {"console.login_page", "console.login_code", "console.login_enrol",
          "console.login_recover", "console.logout"}
ALLOWED: dict[str, set[str]] = {
    "console.queue_page": WORKERS,
    "console.account": EVERYONE,
    "console.account_backup_codes": EVERYONE,
    "console.account_password": EVERYONE,
    "console.audit_log": {"supervisor", "admin"},
    "console.audit_verify": {"supervisor", "admin"},
    # The case belongs to another team: nobody gets past case_for.
    **{f"console.{name}": set() for name in (
        "case_page", "case_reply", "case_note", "case_status", "case_claim", "case_assign",
        "case_tags", "case_merge", "case_audit", "case_escalate", "case_recording")},
    **{f"console.{name}": {"admin"} for name in (
        "admin_users", "admin_invite", "admin_disable", "admin_reset", "admin_reset_totp",
        "admin_unlock", "admin_teams", "admin_rotate", "admin_add_member",
        "admin_remove_member", "admin_rules", "admin_rule_edit", "admin_rule_history",
        "admin_settings", "admin_urgency", "admin_retention", "admin_languages",
        "admin_translations")},
}


@pytest.fixture
def other_team_case(app, admin):
    """A case routed only to "other-team", whose single member is an outsider."""
    with app.app_context():
        settings = app.config["HOTLINE_SETTINGS"]
        outsider = enroll_user(db.session, "outsider", "caseworker", argon2_params(settings),
                               KemSuite(settings.kem_suite), password="outsider password")
        team = create_team(db.session, "other-team", "Other team", "support",
                           KemSuite(settings.kem_suite), [outsider.user])
        db.session.execute(update(RoutingRule).values(active=False))
        db.session.add(RoutingRule(position=1, name="Everything to the other team",
                                   conditions="{}", team_id=team.id))
        db.session.commit()
        ids = {"team_id": team.id, "user_id": outsider.user.id,
               "rule_id": db.session.scalar(select(RoutingRule.id).limit(1))}
    case_id = make_report(app, CANARY, consent_law_enforcement=True)
    with app.app_context():
        code = db.session.get(Case, case_id).case_code
    return {"case_id": case_id, "code": code, "attachment_id": "no-such-recording", **ids}


def _strip_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def _console_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("console.")]


def test_every_console_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in _console_rules(app)}
    assert endpoints == set(ALLOWED) | PUBLIC


@pytest.mark.parametrize("role", [*ROLES, None])
def test_authorization_matrix(app, make_staff, other_team_case, role):
    if role is None:
        client = app.test_client()
        token = csrf_from(client.get("/console/login").get_data(as_text=True))
    else:
        teams = {"le_triage": ["law-enforcement"], "ngo_partner": []}.get(
            role, ["survivor-support", "law-enforcement"] if role == "admin"
            else ["survivor-support"])
        client = signed_in(app, make_staff(f"matrix-{role}", role, teams))
        token = csrf_from(client.get("/console/account").get_data(as_text=True))
    missing_case = {**other_team_case, "case_id": 10_000_000}
    outcomes = []
    for rule in sorted(_console_rules(app), key=lambda r: (r.endpoint == "console.logout",
                                                           r.rule)):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            url = rule.build({k: other_team_case[k] for k in rule.arguments})[1]
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(url, method=method, data=data)
            body = response.get_data(as_text=True)
            assert CANARY not in body and other_team_case["code"] not in body, (url, method)
            location = response.headers.get("Location", "")
            if role is None:
                allowed = rule.endpoint in PUBLIC or not location.endswith("/console/login")
            else:
                allowed = response.status_code not in (403, 404)
            expected = rule.endpoint in PUBLIC or (role in ALLOWED[rule.endpoint])
            outcomes.append((rule.endpoint, method, response.status_code))
            assert allowed == expected, (role, method, url, response.status_code, location)
            if not expected and role is not None:
                assert response.status_code in (403, 404)
                if "case_id" in rule.arguments:
                    twin = client.open(rule.build({k: missing_case[k]
                                                   for k in rule.arguments})[1],
                                       method=method, data=data)
                    assert (twin.status_code, _strip_tokens(twin.get_data(as_text=True))) == (
                        response.status_code, _strip_tokens(body)), "no hint the case exists"
    assert outcomes
