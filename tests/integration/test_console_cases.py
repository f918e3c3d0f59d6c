"""The case page: time-ordered conversation, notes sealed to the team only,
replies, the status workflow with a mandatory close reason and reopen, tags,
merging duplicates, and the case's audit trail."""

from __future__ import annotations

import re

from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, Message, WrappedKey
from hotline.console.models import CaseTag
from hotline.extensions import db
from hotline.staff.models import Team, TeamKey
from tests.conftest import csrf_from, make_report, post_form, signed_in, submit_web_report

NOTE = "Internal: reporter sounded scared, call back carefully"


def _case(app, case_id: int) -> Case:
    with app.app_context():
        case = db.session.get(Case, case_id)
        db.session.expunge(case)
        return case


def _actions(app, case_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).where(
            AuditEntry.case_id == case_id).order_by(AuditEntry.id)))


def test_note_is_sealed_to_the_team_and_never_to_the_reporter(app, client, make_staff):
    code, passphrase = submit_web_report(client, "My employer keeps my documents.",
                                         consent="police_redacted")
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.case_code == code))
    worker = make_staff("nia", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    post_form(staff, f"/console/cases/{case_id}", f"/console/cases/{case_id}/note", {"note": NOTE})
    assert NOTE in staff.get(f"/console/cases/{case_id}").get_data(as_text=True)
    with app.app_context():
        note = db.session.scalar(select(Message).where(Message.kind == "note"))
        assert NOTE.encode() not in note.body
        recipients = set(db.session.scalars(select(WrappedKey.recipient).where(
            WrappedKey.message_id == note.id)))
        support_key = db.session.scalar(select(TeamKey.id).join(Team).where(
            Team.slug == "survivor-support"))
    assert recipients == {f"team-key:{support_key}"}, "not the police queue, not the reporter"
    officer = make_staff("ode", "le_triage", ["law-enforcement"])
    police = signed_in(app, officer)
    assert NOTE not in police.get(f"/console/cases/{case_id}").get_data(as_text=True)
    reporter = app.test_client()
    page = reporter.get("/inbox").get_data(as_text=True)
    reporter.post("/inbox", data={"csrf_token": csrf_from(page), "case_code": code,
                                  "passphrase": passphrase})
    assert NOTE not in reporter.get("/inbox/messages").get_data(as_text=True)


def test_status_workflow_close_reason_and_reopen(app, make_staff):
    case_id = make_report(app, "Someone is forced to work in a restaurant kitchen.")
    worker = make_staff("sol", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    url = f"/console/cases/{case_id}"
    for status in ("triaged", "in_progress", "referred"):
        post_form(staff, url, f"{url}/status", {"status": status})
        assert _case(app, case_id).status == status
    post_form(staff, url, f"{url}/status", {"status": "new"})
    assert _case(app, case_id).status == "referred", "no way back to new"
    response = post_form(staff, url, f"{url}/status", {"status": "closed"}, follow_redirects=True)
    assert "Choose a reason for closing" in response.get_data(as_text=True)
    assert _case(app, case_id).status == "referred"
    post_form(staff, url, f"{url}/status", {"status": "closed", "close_reason": "resolved"})
    case = _case(app, case_id)
    assert (case.status, case.close_reason) == ("closed", "resolved")
    assert "Reopen" in staff.get(url).get_data(as_text=True)
    post_form(staff, url, f"{url}/status", {"status": "in_progress"})
    case = _case(app, case_id)
    assert (case.status, case.close_reason) == ("in_progress", None)
    with app.app_context():
        details = db.session.scalars(select(AuditEntry.details).where(
            AuditEntry.case_id == case_id, AuditEntry.action == "case.status")).all()
    assert any('"reason":"resolved"' in d for d in details)


def test_tags_are_validated_labels(app, make_staff):
    case_id = make_report(app, "Forced to sell drugs by the gang.")
    worker = make_staff("tia", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    url = f"/console/cases/{case_id}"
    post_form(staff, url, f"{url}/tags", {"tags": "minor follow-up, Minor"})
    post_form(staff, url, f"{url}/tags", {"tags": "Maria <b>"})
    with app.app_context():
        tags = set(db.session.scalars(select(CaseTag.tag)))
    assert tags == {"minor", "follow-up"}
    assert "follow-up" in staff.get("/console/").get_data(as_text=True)


def test_merge_points_the_duplicate_at_the_primary(app, client, make_staff):
    code_primary, _ = submit_web_report(client, "First report: they hold us at the farm.")
    code_dup, pass_dup = submit_web_report(client, "Second report: same farm, same people.")
    with app.app_context():
        ids = dict(db.session.execute(select(Case.case_code, Case.id)).all())
    primary, dup = ids[code_primary], ids[code_dup]
    worker = make_staff("uma", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    response = post_form(staff, f"/console/cases/{dup}", f"/console/cases/{dup}/merge",
                         {"primary_code": code_primary.lower()})
    assert response.headers["Location"].endswith(f"/console/cases/{primary}")
    duplicate = _case(app, dup)
    assert (duplicate.merged_into_id, duplicate.status, duplicate.close_reason) == (
        primary, "closed", "duplicate")
    html = staff.get(f"/console/cases/{primary}").get_data(as_text=True)
    assert "First report" in html and "Second report" in html
    assert html.index("First report") < html.index("Second report"), "time-ordered"
    assert "From a merged duplicate" in html
    # The duplicate's reporter still reads their own conversation.
    reporter = app.test_client()
    page = reporter.get("/inbox").get_data(as_text=True)
    reporter.post("/inbox", data={"csrf_token": csrf_from(page), "case_code": code_dup,
                                  "passphrase": pass_dup})
    assert "Second report" in reporter.get("/inbox/messages").get_data(as_text=True)
    assert "case.merged" in _actions(app, dup) and "case.merged_in" in _actions(app, primary)


def test_audit_trail_of_the_case(app, make_staff):
    case_id = make_report(app, "Report for the trail.")
    worker = make_staff("val", "caseworker", ["survivor-support"])
    staff = signed_in(app, worker)
    url = f"/console/cases/{case_id}"
    post_form(staff, url, f"{url}/claim", {})
    post_form(staff, url, f"{url}/reply", {"text": "We are here to help."})
    post_form(staff, url, f"{url}/status", {"status": "closed", "close_reason": "resolved"})
    html = staff.get(f"{url}/audit").get_data(as_text=True)
    actions = re.findall(r'data-action="([^"]+)"', html)
    assert actions[0] == "report.received"
    for action in ("case.read", "case.claimed", "case.reply", "case.status"):
        assert action in actions
    assert "We are here to help" not in html
    assert "val" in html
