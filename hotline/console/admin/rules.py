"""Admin pages for routing rules: the ordered list, edit (a new version),
history, and "test this rule against a sample" (stores nothing)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from hotline.cases.models import CHANNELS, RoutingRule
from hotline.console.admin import rules_ops
from hotline.console.admin.forms import RuleForm, SampleForm
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.policy import require
from hotline.extensions import db
from hotline.intake.classify import CATEGORIES
from hotline.intake.languages import ALL_LANGUAGES
from hotline.intake.route import Facts, parse_conditions
from hotline.staff.models import Team

CONSENTS = ("none", "redacted", "full")


def _sample_form() -> SampleForm:
    if request.method == "GET":
        form = SampleForm(request.args, prefix="sample")
    else:
        form = SampleForm(prefix="sample")
    form.channel.choices = [(c, c) for c in CHANNELS]
    form.language.choices = [(c, c) for c in ALL_LANGUAGES]
    form.category.choices = [("", "-")] + [(c, c) for c in CATEGORIES]
    form.consent.choices = [(c, c) for c in CONSENTS]
    return form


def _facts(form: SampleForm) -> Facts:
    consent = form.consent.data if form.consent.data in CONSENTS else "none"
    return Facts(channel=form.channel.data if form.channel.data in CHANNELS else "web",
                 language=form.language.data if form.language.data in ALL_LANGUAGES else None,
                 category=form.category.data if form.category.data in CATEGORIES else None,
                 urgent=bool(form.urgent.data), consent_law_enforcement=consent != "none",
                 consent_full_text=consent == "full")


def _teams() -> dict[int, Team]:
    return {team.id: team for team in db.session.scalars(select(Team).order_by(Team.name))}


@blueprint.route("/admin/rules")
@require("admin.rules")
def admin_rules() -> ResponseReturnValue:
    rules = rules_ops.current_rules(db.session)
    sample = _sample_form()
    result = None
    if request.args.get("sample-channel"):
        result = rules_ops.preview(db.session, _facts(sample))
    conditions = {rule.id: parse_conditions(rule.conditions) for rule in rules}
    db.session.commit()
    return render_template("console/admin/rules.html", rules=rules, conditions=conditions,
                           teams=_teams(), sample=sample, result=result)


def _rule_form(rule: RoutingRule | None) -> RuleForm:
    form = RuleForm()
    form.team_id.choices = [(team.id, team.name) for team in _teams().values()]
    form.channel.choices = [(c, c) for c in CHANNELS]
    form.language.choices = [(c, c) for c in ALL_LANGUAGES]
    form.category.choices = [(c, c) for c in CATEGORIES]
    if rule is not None and request.method == "GET":
        conditions = parse_conditions(rule.conditions)
        form.name.data, form.position.data = rule.name, rule.position
        form.team_id.data, form.active.data = rule.team_id, rule.active
        for key in rules_ops.LIST_KEYS:
            getattr(form, key).data = list(conditions.get(key, []))  # type: ignore[call-overload]
        for key in rules_ops.BOOL_KEYS:
            if key in conditions:
                getattr(form, key).data = "yes" if conditions[key] else "no"
    return form


@blueprint.route("/admin/rules/new", methods=["GET", "POST"], defaults={"rule_id": None})
@blueprint.route("/admin/rules/<int:rule_id>/edit", methods=["GET", "POST"])
@require("admin.rules")
def admin_rule_edit(rule_id: int | None) -> ResponseReturnValue:
    rule = None
    if rule_id is not None:
        rule = db.session.get(RoutingRule, rule_id)
        if rule is None or not rules_ops.is_current(db.session, rule):
            abort(404)
    form = _rule_form(rule)
    sample = _sample_form()
    result = None
    if form.validate_on_submit():
        draft = rules_ops.Draft(
            name=form.name.data or "", position=form.position.data or 0,
            team_id=form.team_id.data, active=bool(form.active.data),
            conditions=rules_ops.conditions_from(
                {key: getattr(form, key).data or [] for key in rules_ops.LIST_KEYS},
                {key: getattr(form, key).data or "" for key in rules_ops.BOOL_KEYS}))
        if "preview" in request.form:
            result = rules_ops.preview(db.session, _facts(sample), draft, rule)
        else:
            saved = rules_ops.save(db.session, settings(), current_user(), draft, rule)
            db.session.commit()
            flash(_("Rule saved as version %(version)d.", version=saved.version), "notice")
            return redirect(url_for("console.admin_rules"))
    db.session.commit()
    return render_template("console/admin/rule_edit.html", form=form, rule=rule,
                           sample=sample, result=result, teams=_teams())


@blueprint.route("/admin/rules/<int:rule_id>/history")
@require("admin.rules")
def admin_rule_history(rule_id: int) -> ResponseReturnValue:
    rule = db.session.get(RoutingRule, rule_id)
    if rule is None:
        abort(404)
    versions = rules_ops.history(db.session, rule)
    conditions = {row.id: parse_conditions(row.conditions) for row in versions}
    db.session.commit()
    return render_template("console/admin/rule_history.html", rule=rule, versions=versions,
                           conditions=conditions, teams=_teams())
