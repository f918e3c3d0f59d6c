"""Referral pages: refer a case, record consent, list and follow referrals,
download a packet. Thin: parse, authorize (``policy``), one operation,
commit, render. No report text reaches a URL, a title, a flash or a log.
"""

from __future__ import annotations

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.console.blueprint import current_user, settings
from hotline.console.escalation import OVERRIDE_REASONS
from hotline.console.operations import CaseError
from hotline.console.policy import allowed, case_for, require
from hotline.exports import labels
from hotline.exports.blueprint import blueprint
from hotline.exports.consent import ConsentError, consents, record_consent
from hotline.exports.forms import ConsentForm, ReferForm, ReferralStatusForm
from hotline.exports.htcds import ORG_TYPES, REFERRAL_REASONS
from hotline.exports.models import CONSENT_SCOPES, Organisation, Referral
from hotline.exports.organisations import format_fingerprint, organisation_of, organisations
from hotline.exports.packet_files import read_packet
from hotline.exports.referrals import (
    download,
    link_open,
    may_view,
    refer,
    referrals_for,
    set_status,
)
from hotline.extensions import db


def _refer_form() -> ReferForm:
    form = ReferForm()
    form.organisation_id.choices = [(o.id, o.name) for o in organisations(db.session,
                                                                          active_only=True)]
    form.reason.choices = [(code, str(labels.REFERRAL_REASON_LABELS[code]))
                           for code in REFERRAL_REASONS]
    form.override_code.choices = [("", "")] + [(code, code) for code in OVERRIDE_REASONS]
    return form


def _consent_form() -> ConsentForm:
    form = ConsentForm()
    form.recipient_type.choices = [(kind, str(labels.ORG_TYPE_LABELS[kind]))
                                   for kind in ORG_TYPES]
    form.scope.choices = [(scope, str(labels.SCOPE_LABELS[scope])) for scope in CONSENT_SCOPES]
    return form


@blueprint.route("/cases/<int:case_id>/refer", methods=["GET", "POST"])
@require("case.refer")
def case_refer(case_id: int) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    in_force = consents(db.session, case)
    form = _refer_form()
    error = None
    if form.validate_on_submit():
        organisation = db.session.get(Organisation, form.organisation_id.data)
        try:
            if organisation is None:
                raise CaseError(_("Choose an organisation."))
            refer(db.session, settings(), user, case, organisation, g.staff_keys,
                  reason=form.reason.data or "", details=form.details.data or "",
                  override_code=form.override_code.data or None,
                  override_text=form.override_text.data or None)
        except CaseError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Referred to %(name)s. The packet is encrypted to their key.",
                    name=organisation.name), "notice")
            return redirect(url_for("exports.referrals_page"))
    db.session.commit()
    orgs = organisations(db.session, active_only=True)
    return render_template(
        "exports/refer.html", case=case, form=form, consent_form=_consent_form(),
        consents=in_force, organisations=orgs, error=error, labels=labels,
        reasons=OVERRIDE_REASONS, may_override=allowed(user, "case.refer_override"),
        referrals=referrals_for(db.session, case_id=case.id),
        names={o.id: o.name for o in orgs}, fingerprint=format_fingerprint)


@blueprint.route("/cases/<int:case_id>/consent", methods=["POST"])
@require("case.consent")
def case_consent(case_id: int) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    form = _consent_form()
    if not form.validate_on_submit():
        abort(400)
    try:
        record_consent(db.session, settings(), case, form.recipient_type.data or "",
                       form.scope.data or "", "caseworker", recorded_by=user.id)
    except ConsentError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Consent recorded."), "notice")
    return redirect(url_for("exports.case_refer", case_id=case.id))


@blueprint.route("/referrals")
@require("referrals.view")
def referrals_page() -> ResponseReturnValue:
    user = current_user()
    organisation = None
    if allowed(user, "referrals.manage"):
        rows = referrals_for(db.session)
    elif allowed(user, "referrals.partner"):
        organisation = organisation_of(db.session, user)
        rows = referrals_for(db.session, organisation_id=organisation.id) if organisation else []
    else:
        rows = referrals_for(db.session, created_by=user.id)
    names = {o.id: o.name for o in organisations(db.session)}
    db.session.commit()
    return render_template("exports/referrals.html", referrals=rows, names=names,
                           organisation=organisation, labels=labels, link_open=link_open,
                           partner=allowed(user, "referrals.partner"),
                           status_form=ReferralStatusForm())


def _referral(referral_id: str) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not may_view(db.session, current_user(), referral):
        abort(404)
    return referral


@blueprint.route("/referrals/<referral_id>/packet")
@require("referrals.view")
def referral_packet(referral_id: str) -> ResponseReturnValue:
    referral = _referral(referral_id)
    try:
        download(db.session, settings(), current_user(), referral)
    except CaseError:
        db.session.rollback()
        abort(410)
    db.session.commit()
    response = Response(read_packet(settings().instance_path, referral.id),
                        mimetype="application/pgp-encrypted")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="referral-{referral.id[:8]}.zip.gpg"')
    return response


@blueprint.route("/referrals/<referral_id>/status", methods=["POST"])
@require("referrals.view")
def referral_status(referral_id: str) -> ResponseReturnValue:
    referral = _referral(referral_id)
    form = ReferralStatusForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        set_status(db.session, settings(), current_user(), referral, form.status.data or "")
    except CaseError as exc:
        db.session.rollback()
        flash(_("That could not be done: %(reason)s", reason=str(exc)), "error")
    else:
        db.session.commit()
        flash(_("Referral updated."), "notice")
    return redirect(url_for("exports.referrals_page"))
