"""The escalation page: send a case to a law-enforcement queue."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.escalation import OVERRIDE_REASONS, escalate, targets
from hotline.console.forms import EscalateForm
from hotline.console.operations import CaseError
from hotline.console.policy import allowed, case_for, require
from hotline.extensions import db
from hotline.staff.models import Team


@blueprint.route("/cases/<int:case_id>/escalate", methods=["GET", "POST"])
@require("case.escalate")
def case_escalate(case_id: int) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    options = targets(db.session, case)
    override = not case.consent_law_enforcement
    may_override = allowed(user, "case.escalate_override")
    form = EscalateForm()
    form.team_id.choices = [(team.id, team.name) for team in options]
    form.reason_code.choices = [("", "")] + [(code, code) for code in OVERRIDE_REASONS]
    error = None
    if form.validate_on_submit():
        team = db.session.get(Team, form.team_id.data)
        try:
            if team is None:
                raise CaseError(_("That queue cannot receive this case."))
            escalate(db.session, settings(), user, case, team, g.staff_keys,
                     reason_code=form.reason_code.data or None,
                     reason_text=form.reason_text.data or None)
        except CaseError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Sent to %(team)s.", team=team.name), "notice")
            return redirect(url_for("console.case_page", case_id=case.id))
    db.session.commit()
    return render_template("console/escalate.html", case=case, form=form, options=options,
                           override=override, may_override=may_override, error=error,
                           reasons=OVERRIDE_REASONS)
