"""Admin pages for staff accounts: list, invite, disable, reset with the
recovery key, reset the second factor, unlock."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from hotline.console.admin import operations as ops
from hotline.console.admin.forms import InviteForm, RecoveryResetForm
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.forms import PageForm
from hotline.console.policy import require
from hotline.db import utcnow
from hotline.extensions import db
from hotline.staff.models import Membership, StaffUser, Team
from hotline.staff.operations import StaffError


def _user(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@blueprint.route("/admin/users")
@require("admin.users")
def admin_users() -> ResponseReturnValue:
    users = db.session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
    teams: dict[int, list[str]] = {}
    for user_id, name in db.session.execute(
            select(Membership.user_id, Team.name).join(Team, Team.id == Membership.team_id)):
        teams.setdefault(user_id, []).append(name)
    db.session.commit()
    return render_template("console/admin/users.html", users=users, teams=teams,
                           form=PageForm(), now_utc=utcnow())


@blueprint.route("/admin/users/new", methods=["GET", "POST"])
@require("admin.users")
def admin_invite() -> ResponseReturnValue:
    form = InviteForm()
    all_teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    form.teams.choices = [(team.id, team.name) for team in all_teams]
    error = None
    if form.validate_on_submit():
        chosen = [team for team in all_teams if team.id in (form.teams.data or [])]
        try:
            enrolment = ops.invite(db.session, settings(), current_user(), g.staff_keys,
                                   form.username.data or "", form.role.data or "", chosen)
        except StaffError:
            db.session.rollback()
            error = _("The account was not created: the name may be taken, or you do not hold a chosen team's current key.")  # noqa: E501
        else:
            db.session.commit()
            return render_template("console/admin/credentials.html",
                                   username=enrolment.user.username,
                                   password=enrolment.password,
                                   recovery_key=enrolment.recovery_key)
    return render_template("console/admin/invite.html", form=form, error=error)


@blueprint.route("/admin/users/<int:user_id>/disable", methods=["POST"])
@require("admin.users")
def admin_disable(user_id: int) -> ResponseReturnValue:
    user = _user(user_id)
    if not PageForm().validate_on_submit() or user.id == current_user().id:
        abort(400)
    try:
        ops.disable(db.session, settings(), current_user(), user)
    except StaffError:
        db.session.rollback()
        flash(_("Not disabled: a team would have nobody left to read new reports."), "error")
    else:
        db.session.commit()
        flash(_("Account disabled; its teams' keys were rotated."), "notice")
    return redirect(url_for("console.admin_users"))


@blueprint.route("/admin/users/<int:user_id>/reset", methods=["GET", "POST"])
@require("admin.users")
def admin_reset(user_id: int) -> ResponseReturnValue:
    user = _user(user_id)
    form = RecoveryResetForm()
    error = None
    if form.validate_on_submit():
        try:
            password, fresh = ops.reset_password(db.session, settings(), current_user(), user,
                                                 form.recovery_key.data or "")
        except StaffError:
            db.session.rollback()
            error = _("That recovery key does not open this account.")
        else:
            db.session.commit()
            return render_template("console/admin/credentials.html", username=user.username,
                                   password=password, recovery_key=fresh)
    return render_template("console/admin/reset.html", form=form, user=user, error=error)


@blueprint.route("/admin/users/<int:user_id>/reset-two-factor", methods=["POST"])
@require("admin.users")
def admin_reset_totp(user_id: int) -> ResponseReturnValue:
    user = _user(user_id)
    if not PageForm().validate_on_submit():
        abort(400)
    ops.reset_second_factor(db.session, settings(), current_user(), user)
    db.session.commit()
    flash(_("Two-factor reset: the member enrols again at the next sign-in."), "notice")
    return redirect(url_for("console.admin_users"))


@blueprint.route("/admin/users/<int:user_id>/unlock", methods=["POST"])
@require("admin.users")
def admin_unlock(user_id: int) -> ResponseReturnValue:
    user = _user(user_id)
    if not PageForm().validate_on_submit():
        abort(400)
    ops.unlock(db.session, settings(), current_user(), user)
    db.session.commit()
    flash(_("Account unlocked."), "notice")
    return redirect(url_for("console.admin_users"))
