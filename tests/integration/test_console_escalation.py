"""Escalation to law enforcement: with consent, or a supervisor's override
with a reason; the redacted copy only (unless full-text consent); the data
keys re-wrapped to the police queue's key; times coarsened for police."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from hotline.audit.models import AuditEntry
from hotline.cases.models import CaseQueue, Message, RoutingRule, WrappedKey
from hotline.console.models import Escalation
from hotline.extensions import db
from hotline.staff.models import Team, TeamKey
from tests.conftest import make_report, post_form, signed_in

TEXT = "The boss at the car wash keeps our passports. Call me on +44 7700 900123."
WHY = "Caller said the boss threatened to kill her brother tonight"


def _no_police_rule(app) -> None:
    """Consented reports then stay in support until someone escalates."""
    with app.app_context():
        db.session.execute(update(RoutingRule).where(RoutingRule.position == 20)
                           .values(active=False))
        db.session.commit()


def _police(app) -> tuple[int, int]:
    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.slug == "law-enforcement"))
        key = db.session.scalar(select(TeamKey.id).where(TeamKey.team_id == team.id))
        return team.id, key


def _escalate(client, case_id: int, **data):
    url = f"/console/cases/{case_id}/escalate"
    return post_form(client, url, url, data)


def test_escalation_with_consent_rewraps_the_redacted_copy(app, make_staff):
    _no_police_rule(app)
    case_id = make_report(app, TEXT, consent_law_enforcement=True)
    team_id, key_id = _police(app)
    officer = make_staff("oli", "le_triage", ["law-enforcement"])
    police = signed_in(app, officer)
    assert police.get(f"/console/cases/{case_id}").status_code == 404
    worker = make_staff("cai", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    response = _escalate(staff, case_id, team_id=team_id)
    assert response.status_code == 302
    with app.app_context():
        queue = db.session.get(CaseQueue, (case_id, team_id))
        assert (queue.reason, queue.redacted_only) == ("consent", True)
        parts = set(db.session.scalars(select(WrappedKey.part).where(
            WrappedKey.recipient == f"team-key:{key_id}")))
        assert parts == {"redacted"}
        actions = db.session.scalars(select(AuditEntry.action).where(
            AuditEntry.case_id == case_id)).all()
    assert "case.escalated" in actions and "case.keys_rewrapped" in actions
    html = police.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "keeps our passports" in html
    assert "900123" not in html, "the redacted copy"
    assert re.search(r'id="case-received"><time datetime="\d{4}-\d\d-\d\d">', html), \
        "police see the day, not the time"
    assert "T" not in re.search(r'<time datetime="([^"]+)"', html).group(1)


def test_override_needs_a_supervisor_and_a_reason(app, make_staff):
    case_id = make_report(app, TEXT)  # no consent
    team_id, key_id = _police(app)
    worker = make_staff("cam", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    response = _escalate(staff, case_id, team_id=team_id, reason_code="danger_to_life",
                         reason_text=WHY)
    assert response.status_code == 200 and "Only a supervisor" in response.get_data(as_text=True)
    boss = make_staff("sue", "supervisor", ["survivor-support"])
    supervisor = signed_in(app, boss)
    response = _escalate(supervisor, case_id, team_id=team_id, reason_code="", reason_text=WHY)
    assert response.status_code == 200, "no reason code: refused"
    response = _escalate(supervisor, case_id, team_id=team_id, reason_code="because",
                         reason_text=WHY)
    assert response.status_code == 200, "a reason outside the fixed list: refused"
    response = _escalate(supervisor, case_id, team_id=team_id, reason_code="danger_to_life",
                         reason_text=WHY)
    assert response.status_code == 302
    with app.app_context():
        escalation = db.session.scalar(select(Escalation))
        assert (escalation.basis, escalation.reason_code) == ("override", "danger_to_life")
        note = db.session.get(Message, escalation.note_message_id)
        assert WHY.encode() not in note.body
        note_to = set(db.session.scalars(select(WrappedKey.recipient).where(
            WrappedKey.message_id == note.id)))
        assert f"team-key:{key_id}" not in note_to, "the explanation stays with support"
        details = db.session.scalar(select(AuditEntry.details).where(
            AuditEntry.action == "case.escalated"))
        assert "danger_to_life" in details and "kill" not in details
    html = supervisor.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "supervisor override" in html and "Imminent danger to life" in html and WHY in html
    officer = make_staff("ola", "le_triage", ["law-enforcement"])
    police = signed_in(app, officer)
    html = police.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "keeps our passports" in html and "900123" not in html
    assert WHY not in html and "Imminent danger to life" in html


def test_full_text_consent_shares_the_full_text(app, make_staff):
    _no_police_rule(app)
    case_id = make_report(app, TEXT, consent_law_enforcement=True, consent_full_text=True)
    team_id, _ = _police(app)
    worker = make_staff("cyd", "caseworker", ["survivor-support"])
    _escalate(signed_in(app, worker), case_id, team_id=team_id)
    officer = make_staff("oz", "le_triage", ["law-enforcement"])
    html = signed_in(app, officer).get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "900123" in html


def test_follow_ups_after_escalation_reach_the_police_queue(app, make_staff):
    from hotline.cases.models import Case
    from hotline.intake.pipeline import add_reporter_message

    _no_police_rule(app)
    case_id = make_report(app, TEXT, consent_law_enforcement=True)
    team_id, _ = _police(app)
    worker = make_staff("cy", "caseworker", ["survivor-support"])
    _escalate(signed_in(app, worker), case_id, team_id=team_id)
    with app.app_context():
        add_reporter_message(db.session, app.config["HOTLINE_SETTINGS"],
                             db.session.get(Case, case_id), "They moved us to another town.")
        db.session.commit()
    officer = make_staff("oa", "le_triage", ["law-enforcement"])
    html = signed_in(app, officer).get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "another town" in html
