"""Admin pages: invite, disable, reset with the recovery key, rotate keys,
routing rules (versioned, audited, previewed without storing), urgency
words (used by intake), retention, enabled languages; the audit viewer."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select, update

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, RoutingRule
from hotline.console.models import StoredSetting
from hotline.console.store import complete_catalogs
from hotline.extensions import db
from hotline.keysession import KeySession
from hotline.staff.models import StaffUser, Team, TeamKey
from tests.conftest import Staff, csrf_from, make_report, post_form, signed_in


def _ids(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(select(Team.slug, Team.id)).all())


def test_invite_then_first_sign_in(app, admin):
    boss = signed_in(app, admin)
    teams = _ids(app)
    response = post_form(boss, "/console/admin/users/new", "/console/admin/users/new", {
        "username": "newbie", "role": "caseworker", "teams": [teams["survivor-support"]]})
    html = response.get_data(as_text=True)
    password = re.search(r'id="new-password">([^<]+)<', html).group(1)
    recovery = re.search(r'id="new-recovery-key">([^<]+)<', html).group(1)
    with app.app_context():
        user = db.session.scalar(select(StaffUser).where(StaffUser.username == "newbie"))
        assert user.must_change_password and user.totp_enrolled_at is None
        user_id = user.id
    case_id = make_report(app, "A report the new member can read.")
    member = app.test_client()
    response = post_form(member, "/console/login", "/console/login",
                         {"username": "newbie", "password": password})
    assert response.headers["Location"].endswith("/console/login/enrol")
    page = member.get("/console/login/enrol").get_data(as_text=True)
    import pyotp

    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = member.post("/console/login/enrol", data={
        "csrf_token": csrf_from(page), "code": pyotp.TOTP(secret).now()})
    assert "backup-codes" in response.get_data(as_text=True)
    assert member.get("/console/").headers["Location"].endswith("/console/account/password")
    post_form(member, "/console/account/password", "/console/account/password", {
        "current_password": password, "new_password": "my very own words",
        "confirm": "my very own words"})
    assert "A report the new member" in member.get(f"/console/cases/{case_id}").get_data(
        as_text=True)
    # Admin-assisted reset with the member's recovery key.
    response = post_form(boss, f"/console/admin/users/{user_id}/reset",
                         f"/console/admin/users/{user_id}/reset", {"recovery_key": recovery})
    one_time = re.search(r'id="new-password">([^<]+)<', response.get_data(as_text=True)).group(1)
    assert member.get("/console/").status_code == 302, "the member's sessions ended"
    newbie = Staff("newbie", one_time, "", user_id, secret)
    again = signed_in(app, newbie)  # changes the one-time password on the way
    assert "A report the new member" in again.get(f"/console/cases/{case_id}").get_data(
        as_text=True)


def test_disable_rotates_keys_and_ends_sessions(app, admin, make_staff):
    leaver = make_staff("lev", "caseworker", ["survivor-support"])
    make_staff("stay", "caseworker", ["survivor-support"])
    session_of_leaver = signed_in(app, leaver)
    boss = signed_in(app, admin)
    with app.app_context():
        before = db.session.scalar(select(func.count(TeamKey.id)))
    post_form(boss, "/console/admin/users", f"/console/admin/users/{leaver.user_id}/disable", {})
    with app.app_context():
        assert not db.session.get(StaffUser, leaver.user_id).active
        assert db.session.scalar(select(func.count(TeamKey.id))) == before + 1
        assert db.session.scalar(select(KeySession.id).where(
            KeySession.staff_user_id == leaver.user_id)) is None
    assert session_of_leaver.get("/console/").status_code == 302


def test_rotate_team_key(app, admin):
    boss = signed_in(app, admin)
    team_id = _ids(app)["law-enforcement"]
    post_form(boss, "/console/admin/teams", f"/console/admin/teams/{team_id}/rotate", {})
    with app.app_context():
        keys = db.session.scalars(select(TeamKey).where(TeamKey.team_id == team_id)).all()
        assert len(keys) == 2 and sum(key.retired_at is None for key in keys) == 1
        assert db.session.scalar(select(AuditEntry.id).where(
            AuditEntry.action == "team.key_rotated")) is not None


def test_routing_rule_edit_makes_a_version_and_preview_stores_nothing(app, admin):
    boss = signed_in(app, admin)
    teams = _ids(app)
    with app.app_context():
        rule_id = db.session.scalar(select(RoutingRule.id).where(RoutingRule.position == 20))
        rules_before = db.session.scalar(select(func.count(RoutingRule.id)))
        audit_before = db.session.scalar(select(func.count(AuditEntry.id)))
    url = f"/console/admin/rules/{rule_id}/edit"
    form = {"name": "Consented Spanish reports to police", "position": "20",
            "team_id": teams["law-enforcement"], "language": ["es"],
            "consent_law_enforcement": "yes", "urgent": "", "active": "y",
            "sample-channel": "web", "sample-language": "es", "sample-category": "",
            "sample-consent": "redacted"}
    response = post_form(boss, url, url, {**form, "preview": "1"})
    html = response.get_data(as_text=True)
    assert "This rule matches the sample." in html
    assert 'data-team="law-enforcement"' in html and 'data-team="survivor-support"' in html
    with app.app_context():
        assert db.session.scalar(select(func.count(RoutingRule.id))) == rules_before
        assert db.session.scalar(select(func.count(AuditEntry.id))) == audit_before
    response = post_form(boss, url, url, {**form, "save": "1"})
    assert response.status_code == 302
    with app.app_context():
        newest = db.session.scalar(select(RoutingRule).where(RoutingRule.replaces_id == rule_id))
        assert newest.version == 2 and newest.active
        assert not db.session.get(RoutingRule, rule_id).active
        assert json.loads(newest.conditions) == {"consent_law_enforcement": True,
                                                 "language": ["es"]}
        assert db.session.scalar(select(AuditEntry.id).where(
            AuditEntry.action == "routing.rule_saved")) is not None
        newest_id = newest.id
    history = boss.get(f"/console/admin/rules/{newest_id}/history").get_data(as_text=True)
    assert history.count("<tr><td>") == 2
    sample = boss.get("/console/admin/rules?sample-channel=web&sample-language=fr"
                      "&sample-consent=redacted").get_data(as_text=True)
    assert 'data-team="law-enforcement"' not in sample


def test_urgency_words_reach_intake(app, admin):
    boss = signed_in(app, admin)
    calm = "There is a blue van parked by the orchard gate every evening."
    assert not _urgent(app, make_report(app, calm))
    post_form(boss, "/console/admin/settings", "/console/admin/settings/urgency",
              {"language": "en", "words": "blue van\norchard gate"})
    assert _urgent(app, make_report(app, calm))
    with app.app_context():
        details = db.session.scalar(select(AuditEntry.details).where(
            AuditEntry.action == "settings.urgency_words"))
    assert "orchard" not in details


def _urgent(app, case_id: int) -> bool:
    with app.app_context():
        return db.session.get(Case, case_id).urgent


def test_retention_and_languages_are_stored(app, admin):
    boss = signed_in(app, admin)
    post_form(boss, "/console/admin/settings", "/console/admin/settings/retention",
              {"closed_case_days": "90", "relay_idle_days": "7", "recording_days": "3"})
    post_form(boss, "/console/admin/settings", "/console/admin/settings/languages",
              {"languages": ["en", "es", "xx", "am"]})
    with app.app_context():
        kept = json.loads(db.session.get(StoredSetting, "retention").value)
        languages = json.loads(db.session.get(StoredSetting, "enabled_languages").value)
    assert kept == {"closed_case_days": 90, "relay_idle_days": 7, "recording_days": 3}
    complete = complete_catalogs()
    assert "xx" not in complete
    expected = [code for code in ("en", "es", "am") if code in complete]
    assert languages == expected, "only languages with a complete catalog"
    html = boss.get("/console/admin/settings").get_data(as_text=True)
    assert f'id="enabled-languages">{", ".join(expected)}<' in html
    post_form(boss, "/console/admin/settings", "/console/admin/settings/languages",
              {"languages": ["es"]})
    with app.app_context():
        stored = json.loads(db.session.get(StoredSetting, "enabled_languages").value)
    assert stored == expected, "the default language cannot be switched off"


def test_audit_viewer_filters_and_verifies(app, admin, make_staff):
    case_id = make_report(app, "Report for the audit viewer.")
    boss = signed_in(app, admin)
    boss.get(f"/console/cases/{case_id}")
    html = boss.get(f"/console/audit?action=case.&case={case_id}").get_data(as_text=True)
    assert re.findall(r'data-action="([^"]+)"', html) == ["case.read"]
    response = post_form(boss, "/console/audit", "/console/audit/verify", {})
    assert "The chain is intact" in response.get_data(as_text=True)
    with app.app_context():
        db.session.execute(update(AuditEntry).where(AuditEntry.case_id == case_id)
                           .values(details='{"edited":true}'))
        db.session.commit()
    response = post_form(boss, "/console/audit", "/console/audit/verify", {})
    assert "The chain is broken" in response.get_data(as_text=True)
    worker = make_staff("wes", "caseworker", ["survivor-support"])
    assert signed_in(app, worker).get("/console/audit").status_code == 403
