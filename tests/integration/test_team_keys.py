"""Team keys: a member added later reads old reports; a removed member,
after rotation, cannot open reports that arrive afterwards."""

from __future__ import annotations

from sqlalchemy import select

from hotline.cases.models import Case, Message
from hotline.cases.sealing import open_message, team_recipient
from hotline.crypto import KemSuite
from hotline.extensions import db
from hotline.staff.models import StaffUser, Team
from hotline.staff.operations import (
    remove_member,
    reset_with_recovery_key,
    unlock_private_key,
    unlock_team_keys,
)
from tests.conftest import submit_web_report


def _keys(user: StaffUser, password: str) -> dict[str, bytes]:
    private = unlock_private_key(user, password)
    return {team_recipient(k): v for k, v in unlock_team_keys(db.session, user, private).items()}


def _report(code: str) -> Message:
    case = db.session.scalar(select(Case).where(Case.case_code == code))
    return db.session.scalar(select(Message).where(Message.case_id == case.id))


def test_removed_member_cannot_open_reports_after_rotation(app, client, admin, make_staff):
    before, _ = submit_web_report(client, "Report before the rotation.")
    leaver = make_staff("lea", "caseworker", ["survivor-support"])
    stayer = make_staff("sam", "caseworker", ["survivor-support"])
    with app.app_context():
        user = db.session.get(StaffUser, leaver.user_id)
        old_keys = _keys(user, leaver.password)
        assert open_message(db.session, _report(before), old_keys).text == "Report before the rotation."
        team = db.session.scalar(select(Team).where(Team.slug == "survivor-support"))
        remove_member(db.session, team, user, KemSuite.X25519)
        db.session.commit()
    after, _ = submit_web_report(client, "Report after the rotation.")
    with app.app_context():
        assert open_message(db.session, _report(after), old_keys) is None
        assert unlock_team_keys(db.session, db.session.get(StaffUser, leaver.user_id),
                                unlock_private_key(db.session.get(StaffUser, leaver.user_id),
                                                   leaver.password)) == {}
        stay_keys = _keys(db.session.get(StaffUser, stayer.user_id), stayer.password)
        assert open_message(db.session, _report(after), stay_keys).text == "Report after the rotation."
        assert open_message(db.session, _report(before), stay_keys).text == "Report before the rotation."


def test_recovery_key_restores_access_without_losing_reports(app, client, admin, make_staff):
    code, _ = submit_web_report(client, "Recovered member still reads this.")
    member = make_staff("rui", "caseworker", ["survivor-support"])
    with app.app_context():
        user = db.session.get(StaffUser, member.user_id)
        from hotline.crypto.passwords import INSECURE_TEST_PARAMS

        new_recovery = reset_with_recovery_key(user, member.recovery_key, "a brand new password",
                                               INSECURE_TEST_PARAMS)
        db.session.commit()
        assert new_recovery != member.recovery_key
        keys = _keys(user, "a brand new password")
        assert open_message(db.session, _report(code), keys).text == "Recovered member still reads this."


def test_hybrid_post_quantum_suite_round_trip(app, client, admin, make_staff, settings):
    import dataclasses

    from hotline import create_app
    from hotline.staff.operations import rotate_team_key

    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.slug == "survivor-support"))
        rotate_team_key(db.session, team, KemSuite.HYBRID)
        db.session.commit()
    hybrid = create_app(dataclasses.replace(settings, kem_suite="mlkem768-x25519"))
    code, _ = submit_web_report(hybrid.test_client(), "Sealed with ML-KEM-768 + X25519.")
    with app.app_context():
        keys = _keys(db.session.get(StaffUser, admin.user_id), admin.password)
        assert open_message(db.session, _report(code), keys).text == "Sealed with ML-KEM-768 + X25519."
        case = db.session.scalar(select(Case).where(Case.case_code == code))
        assert case.reporter_public_key[:1] != b""
