"""Admin pages for teams (the key-holding queues): key generations,
members, rotation."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from hotline.audit.log import append as audit
from hotline.console.admin import operations as ops
from hotline.console.admin.forms import AddMemberForm
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.forms import PageForm
from hotline.console.policy import require
from hotline.crypto import KemSuite, fingerprint
from hotline.extensions import db
from hotline.staff.models import Membership, StaffUser, Team, TeamKey
from hotline.staff.operations import StaffError, remove_member, team_members


def _team(team_id: int) -> Team:
    team = db.session.get(Team, team_id)
    if team is None:
        abort(404)
    return team


@blueprint.route("/admin/teams")
@require("admin.teams")
def admin_teams() -> ResponseReturnValue:
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    keys = {team.id: db.session.scalars(select(TeamKey).where(TeamKey.team_id == team.id)
                                        .order_by(TeamKey.id.desc())).all() for team in teams}
    members = {team.id: team_members(db.session, team) for team in teams}
    users = db.session.scalars(select(StaffUser).where(StaffUser.active.is_(True))
                               .order_by(StaffUser.username)).all()
    db.session.commit()
    add_form = AddMemberForm()
    add_form.user_id.choices = [(user.id, user.username) for user in users]
    return render_template("console/admin/teams.html", teams=teams, keys=keys,
                           members=members, fingerprint=fingerprint, form=PageForm(),
                           add_form=add_form)


@blueprint.route("/admin/teams/<int:team_id>/rotate", methods=["POST"])
@require("admin.teams")
def admin_rotate(team_id: int) -> ResponseReturnValue:
    team = _team(team_id)
    if not PageForm().validate_on_submit():
        abort(400)
    try:
        ops.rotate(db.session, settings(), current_user(), team)
    except StaffError:
        db.session.rollback()
        flash(_("Not rotated: the team has no active member."), "error")
    else:
        db.session.commit()
        flash(_("Key rotated. Members sign in again to read reports sealed to the new key."),
              "notice")
    return redirect(url_for("console.admin_teams"))


@blueprint.route("/admin/teams/<int:team_id>/members", methods=["POST"])
@require("admin.teams")
def admin_add_member(team_id: int) -> ResponseReturnValue:
    team = _team(team_id)
    form = AddMemberForm()
    if not form.validate_on_submit():
        abort(400)
    user = db.session.get(StaffUser, form.user_id.data)
    if user is None or not user.active:
        abort(400)
    try:
        ops.add_to_team(db.session, settings(), current_user(), g.staff_keys, user, team)
    except StaffError:
        db.session.rollback()
        flash(_("Not added: already a member, or you do not hold the team's current key."),
              "error")
    else:
        db.session.commit()
        flash(_("Member added."), "notice")
    return redirect(url_for("console.admin_teams"))


@blueprint.route("/admin/teams/<int:team_id>/members/<int:user_id>/remove", methods=["POST"])
@require("admin.teams")
def admin_remove_member(team_id: int, user_id: int) -> ResponseReturnValue:
    team = _team(team_id)
    user = db.session.get(StaffUser, user_id)
    if user is None or db.session.get(Membership, (user_id, team_id)) is None:
        abort(404)
    if not PageForm().validate_on_submit():
        abort(400)
    try:
        key = remove_member(db.session, team, user, KemSuite(settings().kem_suite))
    except StaffError:
        db.session.rollback()
        flash(_("Not removed: the team would have no member left."), "error")
    else:
        audit(db.session, settings().pepper, "staff.team_left", actor_kind="staff",
              actor_id=current_user().id, details={"user": user.id, "team": team.id,
                                                   "team_key": key.id})
        db.session.commit()
        flash(_("Member removed and the team key rotated."), "notice")
    return redirect(url_for("console.admin_teams"))
