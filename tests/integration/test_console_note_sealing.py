"""Internal notes and override explanations are sealed to the author's side
only (review finding 2): a support member's note never reaches a
law-enforcement queue, even when the author (the first admin, a supervisor)
is a member of both teams and the case sits in both queues; a police note
stays with the police queue."""

from __future__ import annotations

from sqlalchemy import select

from hotline.cases.models import Case, CaseQueue, Message, WrappedKey
from hotline.console.models import Escalation
from hotline.extensions import db
from hotline.staff.models import StaffUser, Team, TeamKey
from tests.conftest import make_report, post_form, signed_in, submit_web_report

REPORT = "They keep my passport at the car wash and I sleep in the back room."
NOTE = "Undocumented; lives with her cousin at 12 Elm Road, afraid of deportation."
WHY = "Caller said the boss threatened to kill her brother tonight"
POLICE_NOTE = "Officer note: plate seen outside matches an earlier tip."


def _team_key(app, slug: str) -> str:
    with app.app_context():
        team_id = db.session.scalar(select(Team.id).where(Team.slug == slug))
        key_id = db.session.scalar(select(TeamKey.id).where(TeamKey.team_id == team_id,
                                                            TeamKey.retired_at.is_(None)))
        return f"team-key:{key_id}"


def _shared_case(app, client) -> int:
    """A web report with redacted-only police consent: in both queues."""
    code, _ = submit_web_report(client, REPORT, consent="police_redacted")
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.case_code == code))
        queues = db.session.scalars(select(CaseQueue.team_id).where(
            CaseQueue.case_id == case_id)).all()
    assert len(queues) == 2, "routed to support and, with consent, to the police"
    return case_id


def _notes(app, case_id: int) -> dict[str, set[tuple[str, str]]]:
    """Each note's id -> its (recipient, part) wrappings."""
    with app.app_context():
        ids = db.session.scalars(select(Message.id).where(Message.case_id == case_id,
                                                          Message.kind == "note")).all()
        return {note_id: {(w.recipient, w.part) for w in db.session.scalars(
            select(WrappedKey).where(WrappedKey.message_id == note_id))} for note_id in ids}


def _add_note(client, case_id: int, text: str):
    return post_form(client, f"/console/cases/{case_id}", f"/console/cases/{case_id}/note",
                     {"note": text})


def test_admin_note_on_a_shared_case_stays_with_support(app, admin, make_staff, client):
    case_id = _shared_case(app, client)
    support, police = _team_key(app, "survivor-support"), _team_key(app, "law-enforcement")
    officer = signed_in(app, make_staff("oli", "le_triage", ["law-enforcement"]))
    assert REPORT[:20] in officer.get(f"/console/cases/{case_id}").get_data(as_text=True)

    boss = signed_in(app, admin)  # the first admin: a member of both teams
    assert _add_note(boss, case_id, NOTE).status_code == 302
    (wrapped,) = _notes(app, case_id).values()
    assert wrapped == {(support, "full")}, "a support note is never sealed to the police"
    assert NOTE in boss.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "12 Elm Road" not in officer.get(f"/console/cases/{case_id}").get_data(as_text=True)

    # A supervisor in both teams: the same.
    with app.app_context():
        from hotline.staff.operations import add_member

        both = make_staff("sue", "supervisor", ["survivor-support"])
        team = db.session.scalar(select(Team).where(Team.slug == "law-enforcement"))
        add_member(db.session, team, db.session.get(StaffUser, both.user_id),
                   db.session.get(StaffUser, admin.user_id), admin.password)
        db.session.commit()
    supervisor = signed_in(app, both)
    assert _add_note(supervisor, case_id, "Second assessment: " + NOTE).status_code == 302
    assert all(wrapped == {(support, "full")} for wrapped in _notes(app, case_id).values())
    assert police not in {r for wrapped in _notes(app, case_id).values() for r, _ in wrapped}
    assert "Second assessment" not in officer.get(
        f"/console/cases/{case_id}").get_data(as_text=True)


def test_police_note_stays_with_police(app, admin, make_staff, client):
    case_id = _shared_case(app, client)
    police = _team_key(app, "law-enforcement")
    officer = signed_in(app, make_staff("ola", "le_triage", ["law-enforcement"]))
    assert _add_note(officer, case_id, POLICE_NOTE).status_code == 302
    (wrapped,) = _notes(app, case_id).values()
    assert wrapped == {(police, "full")}
    worker = signed_in(app, make_staff("cai", "caseworker", ["survivor-support"]))
    assert "plate seen" not in worker.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "plate seen" in officer.get(f"/console/cases/{case_id}").get_data(as_text=True)


def test_override_explanation_never_reaches_a_police_queue_holding_the_case(app, admin):
    """A second override (to another police queue) by a member of both
    teams: the case already sits in the first police queue, and the
    explanation must still go to support only."""
    from hotline.crypto import KemSuite
    from hotline.staff.operations import create_team

    with app.app_context():
        settings = app.config["HOTLINE_SETTINGS"]
        create_team(db.session, "border-unit", "Border unit", "law_enforcement",
                    KemSuite(settings.kem_suite), [db.session.get(StaffUser, admin.user_id)])
        db.session.commit()
        teams = {t.slug: t.id for t in db.session.scalars(select(Team))}
    case_id = make_report(app, REPORT)  # no consent: support only
    support, police = _team_key(app, "survivor-support"), _team_key(app, "law-enforcement")
    border = _team_key(app, "border-unit")
    boss = signed_in(app, admin)
    url = f"/console/cases/{case_id}/escalate"
    for slug, why in (("law-enforcement", WHY), ("border-unit", "Second: " + WHY)):
        response = post_form(boss, url, url, {"team_id": teams[slug],
                                              "reason_code": "danger_to_life",
                                              "reason_text": why})
        assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        note_ids = {e.note_message_id for e in db.session.scalars(select(Escalation))}
    notes = _notes(app, case_id)
    assert set(notes) == note_ids and len(notes) == 2
    for wrapped in notes.values():
        assert wrapped == {(support, "full")}, (wrapped, police, border)
