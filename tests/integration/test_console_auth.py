"""Console sign-in: mandatory TOTP, enrolment, backup codes, throttling,
recovery with the recovery key, forced password change, sign-out."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.extensions import db
from hotline.keysession import KeySession
from hotline.staff.models import StaffUser
from tests.conftest import csrf_from, post_form, signed_in, staff_login, totp_code


def _password_step(client, staff, password=None):
    return post_form(client, "/console/login", "/console/login",
                     {"username": staff.username, "password": password or staff.password})


def _code_step(client, code):
    return post_form(client, "/console/login/code", "/console/login/code", {"code": code})


def _user(app, user_id) -> StaffUser:
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        db.session.expunge(user)
        return user


def test_password_alone_does_not_open_the_console(app, make_staff):
    worker = make_staff("tina", "caseworker", ["survivor-support"])
    client = app.test_client()
    response = _password_step(client, worker)
    assert response.headers["Location"].endswith("/console/login/code")
    assert client.get("/console/").status_code == 302  # still the sign-in page
    response = _code_step(client, totp_code(app, worker))
    assert response.status_code == 302
    assert client.get("/console/").status_code == 200


def test_code_is_not_accepted_twice_and_failures_lock(app, make_staff):
    worker = make_staff("tom", "caseworker", ["survivor-support"])
    first = app.test_client()
    _password_step(first, worker)
    code = totp_code(app, worker)
    assert _code_step(first, code).status_code == 302
    second = app.test_client()
    _password_step(second, worker)
    replay = _code_step(second, code)
    assert replay.status_code == 200 and "did not work" in replay.get_data(as_text=True)
    for _ in range(4):
        _code_step(second, "000000")
    assert _user(app, worker.user_id).locked_until is not None, "TOTP failures count too"
    third = app.test_client()
    assert _password_step(third, worker).status_code == 200, "locked even with the password"
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "staff.locked" in actions


def test_backup_code_works_once(app, make_staff):
    worker = make_staff("bea", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    page = client.get("/console/account").get_data(as_text=True)
    response = client.post("/console/account/backup-codes", data={"csrf_token": csrf_from(page)})
    codes = re.findall(r'<li class="code-small">([a-z0-9-]+)</li>', response.get_data(as_text=True))
    assert len(codes) == 10
    fresh = app.test_client()
    _password_step(fresh, worker)
    assert _code_step(fresh, codes[0].upper()).status_code == 302
    again = app.test_client()
    _password_step(again, worker)
    assert _code_step(again, codes[0]).status_code == 200


def test_first_sign_in_enrols_totp_with_a_server_side_qr(app, make_staff):
    worker = make_staff("eli", "caseworker", ["survivor-support"])
    with app.app_context():
        user = db.session.get(StaffUser, worker.user_id)
        user.totp_secret_sealed = user.totp_enrolled_at = None
        db.session.commit()
    client = app.test_client()
    response = _password_step(client, worker)
    assert response.headers["Location"].endswith("/console/login/enrol")
    html = client.get("/console/login/enrol").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in html
    assert "<script" not in html.split("</head>")[1] and "style=" not in html
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)
    with app.app_context():
        sealed = db.session.get(StaffUser, worker.user_id).totp_secret_sealed
    assert secret.encode() not in sealed, "the secret is stored sealed"
    assert client.get("/console/").status_code == 302
    response = client.post("/console/login/enrol", data={
        "csrf_token": csrf_from(html), "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    assert len(re.findall(r'<li class="code-small">', response.get_data(as_text=True))) == 10
    assert client.get("/console/").status_code == 200


def test_logout_wipes_the_unlocked_keys(app, make_staff):
    worker = make_staff("lou", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    with app.app_context():
        assert db.session.scalar(select(KeySession.id).where(
            KeySession.staff_user_id == worker.user_id)) is not None
    post_form(client, "/console/account", "/console/logout", {})
    with app.app_context():
        assert db.session.scalar(select(KeySession.id).where(
            KeySession.staff_user_id == worker.user_id)) is None
    assert client.get("/console/").status_code == 302


def test_self_service_recovery_keeps_reports_readable(app, make_staff):
    from tests.conftest import make_report

    case_id = make_report(app, "They took my passport at the farm.")
    worker = make_staff("rio", "caseworker", ["survivor-support"])
    client = app.test_client()
    new_password = "a brand new passphrase"
    response = post_form(client, "/console/login/recover", "/console/login/recover", {
        "username": worker.username, "recovery_key": "AAAA-BBBB",
        "new_password": new_password, "confirm": new_password})
    assert "did not work" in response.get_data(as_text=True)
    response = post_form(client, "/console/login/recover", "/console/login/recover", {
        "username": worker.username, "recovery_key": worker.recovery_key.lower(),
        "new_password": new_password, "confirm": new_password})
    html = response.get_data(as_text=True)
    fresh_key = re.search(r'id="recovery-key">([^<]+)<', html).group(1)
    assert fresh_key != worker.recovery_key
    worker.password = new_password
    staff = signed_in(app, worker)  # still asks for the TOTP code
    assert "passport" in staff.get(f"/console/cases/{case_id}").get_data(as_text=True)


def test_one_time_password_must_be_changed_first(app, admin):
    client = app.test_client()
    old = admin.password
    _password_step(client, admin)
    response = _code_step(client, totp_code(app, admin))
    assert response.headers["Location"].endswith("/console/account/password")
    assert client.get("/console/").headers["Location"].endswith("/console/account/password")
    client.post("/console/logout", data={"csrf_token": csrf_from(
        client.get("/console/account/password").get_data(as_text=True))})
    staff_login(client, admin)  # the helper chooses a new password
    assert admin.password != old
    assert client.get("/console/").status_code == 200
