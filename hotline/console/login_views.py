"""Sign-in (password, then TOTP), first TOTP enrolment, self-service
recovery with the recovery key, sign-out, and the member's own account."""

from __future__ import annotations

import time

from flask import g, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.audit.log import append as audit
from hotline.console import totp
from hotline.console.auth import (
    LoginError,
    enrol_second_factor,
    login,
    recover,
    second_factor,
)
from hotline.console.blueprint import STAFF_COOKIE, blueprint, current_user, settings
from hotline.console.forms import CodeForm, EnrolForm, LoginForm, PageForm, PasswordForm, RecoverForm
from hotline.console.policy import allowed, require, team_ids
from hotline.extensions import db
from hotline.keysession import SessionToken, close_key_session, open_key_session
from hotline.security import argon2_params
from hotline.staff.accounts import change_password, check_new_password
from hotline.staff.models import StaffUser, Team
from hotline.staff.operations import StaffError

PENDING = "staff_pending"
PENDING_SECONDS = 300


def _home() -> str:
    user = g.get("staff_user")
    if user is not None and user.must_change_password:
        return url_for("console.account_password")
    if allowed(user, "queue.view"):
        return url_for("console.queue_page")
    return url_for("console.account")


def _pending() -> tuple[StaffUser, SessionToken] | None:
    data = session.get(PENDING) or {}
    token = SessionToken.from_cookie(data)
    if token is None or time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        return None
    user = db.session.get(StaffUser, data.get("uid"))
    if user is None or not user.active:
        return None
    return user, token


def _drop_pending() -> None:
    pending = _pending()
    if pending is not None:
        close_key_session(db.session, pending[1].session_id)
    session.pop(PENDING, None)


def _finish(user: StaffUser, token: SessionToken) -> None:
    session.clear()
    session[STAFF_COOKIE] = token.as_cookie()
    g.staff_user = user


def _refused() -> str:
    return _("Those details did not work. After five failed tries the account is locked for 15 minutes.")


@blueprint.route("/login", methods=["GET", "POST"])
def login_page() -> ResponseReturnValue:
    if g.get("staff_user") is not None:
        return redirect(_home())
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user, keys = login(db.session, settings(), form.username.data or "",
                               form.password.data or "")
        except LoginError:
            db.session.commit()
            error = _refused()
        else:
            token = open_key_session(db.session, "staff", keys, staff_user_id=user.id)
            db.session.commit()
            session.clear()
            session[PENDING] = {**token.as_cookie(), "uid": user.id, "at": time.time()}
            target = "console.login_code" if totp.enrolled(user) else "console.login_enrol"
            return redirect(url_for(target))
    return render_template("console/login.html", form=form, error=error)


@blueprint.route("/login/code", methods=["GET", "POST"])
def login_code() -> ResponseReturnValue:
    pending = _pending()
    if pending is None:
        return redirect(url_for("console.login_page"))
    user, token = pending
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        try:
            second_factor(db.session, settings(), user, form.code.data or "")
        except LoginError:
            if user.locked_until is not None:
                _drop_pending()
            db.session.commit()
            error = _refused()
        else:
            db.session.commit()
            _finish(user, token)
            return redirect(_home())
    return render_template("console/login_code.html", form=form, error=error)


@blueprint.route("/login/enrol", methods=["GET", "POST"])
def login_enrol() -> ResponseReturnValue:
    pending = _pending()
    if pending is None or totp.enrolled(pending[0]):
        return redirect(url_for("console.login_page"))
    user, token = pending
    form = EnrolForm()
    error = None
    if form.validate_on_submit():
        try:
            codes = enrol_second_factor(db.session, settings(), user, form.code.data or "")
        except LoginError:
            if user.locked_until is not None:
                _drop_pending()
            db.session.commit()
            error = _("That code did not work. Check the time on your phone and try the next code.")
        else:
            db.session.commit()
            _finish(user, token)
            return render_template("console/backup_codes.html", codes=codes, next_url=_home())
    secret = totp.pending_secret(db.session, settings(), user)
    db.session.commit()
    uri = totp.provisioning_uri(secret, user.username)
    return render_template("console/login_enrol.html", form=form, error=error,
                           qr=totp.qr_data_uri(uri), secret=secret)


@blueprint.route("/login/recover", methods=["GET", "POST"])
def login_recover() -> ResponseReturnValue:
    form = RecoverForm()
    error = None
    if form.validate_on_submit():
        try:
            check_new_password(form.new_password.data or "")
            fresh = recover(db.session, settings(), form.username.data or "",
                            form.recovery_key.data or "", form.new_password.data or "")
        except (LoginError, StaffError):
            db.session.commit()
            error = _refused()
        else:
            db.session.commit()
            return render_template("console/recovered.html", recovery_key=fresh)
    return render_template("console/login_recover.html", form=form, error=error)


@blueprint.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    token = SessionToken.from_cookie(session.get(STAFF_COOKIE) or {})
    if token is not None:
        close_key_session(db.session, token.session_id)
        if g.get("staff_user") is not None:
            audit(db.session, settings().pepper, "staff.logout", actor_kind="staff",
                  actor_id=g.staff_user.id)
    _drop_pending()
    db.session.commit()
    session.clear()
    return redirect(url_for("console.login_page"))


@blueprint.route("/account")
@require("account")
def account() -> ResponseReturnValue:
    user = current_user()
    teams = db.session.query(Team).filter(Team.id.in_(team_ids(db.session, user))).all()
    left = totp.backup_codes_left(db.session, user)
    db.session.commit()
    return render_template("console/account.html", teams=teams, codes_left=left,
                           form=PageForm())


@blueprint.route("/account/backup-codes", methods=["POST"])
@require("account")
def account_backup_codes() -> ResponseReturnValue:
    if not PageForm().validate_on_submit():
        return redirect(url_for("console.account"))
    user = current_user()
    codes = totp.new_backup_codes(db.session, settings(), user)
    audit(db.session, settings().pepper, "staff.backup_codes", actor_kind="staff",
          actor_id=user.id)
    db.session.commit()
    return render_template("console/backup_codes.html", codes=codes,
                           next_url=url_for("console.account"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@require("account")
def account_password() -> ResponseReturnValue:
    user = current_user()
    form = PasswordForm()
    error = None
    if form.validate_on_submit():
        try:
            change_password(user, form.current_password.data or "",
                            form.new_password.data or "", argon2_params(settings()))
        except StaffError:
            db.session.rollback()
            error = _("The password was not changed. Check your current password; the new one needs at least 12 characters and must differ.")  # noqa: E501
        else:
            audit(db.session, settings().pepper, "staff.password_changed", actor_kind="staff",
                  actor_id=user.id)
            db.session.commit()
            return redirect(_home())
    return render_template("console/password.html", form=form, error=error)
