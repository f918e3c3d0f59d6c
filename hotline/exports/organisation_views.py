"""Admin pages for partner organisations: name, HTCDS type, OpenPGP key
(with its fingerprint, to compare out of band), whether it receives
referrals, and which partner accounts belong to it. Audited in
``organisations``."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.console.blueprint import current_user, settings
from hotline.console.policy import require
from hotline.exports import labels
from hotline.exports.blueprint import blueprint
from hotline.exports.forms import OrganisationActiveForm, OrganisationForm, PartnerLinkForm
from hotline.exports.htcds import ORG_TYPES
from hotline.exports.models import Organisation
from hotline.exports.organisations import (
    OrganisationError,
    format_fingerprint,
    link_partner,
    organisations,
    partner_accounts,
    save_organisation,
    set_active,
)
from hotline.extensions import db
from hotline.staff.models import StaffUser


def _form(organisation: Organisation | None = None) -> OrganisationForm:
    form = OrganisationForm(obj=organisation)
    form.org_type.choices = [(kind, str(labels.ORG_TYPE_LABELS[kind])) for kind in ORG_TYPES]
    return form


def _link_form() -> PartnerLinkForm:
    form = PartnerLinkForm()
    form.user_id.choices = [(user.id, user.username)
                            for user, _org in partner_accounts(db.session)]
    return form


def _render(form: OrganisationForm, organisation: Organisation | None,
            error: str | None) -> ResponseReturnValue:
    accounts = partner_accounts(db.session)
    page = render_template(
        "exports/organisations.html", organisations=organisations(db.session), form=form,
        editing=organisation, error=error, labels=labels, fingerprint=format_fingerprint,
        accounts=accounts, link_form=_link_form(), active_form=OrganisationActiveForm())
    db.session.commit()
    return page


@blueprint.route("/organisations", methods=["GET", "POST"])
@require("admin.organisations")
def organisations_page() -> ResponseReturnValue:
    form = _form()
    error = None
    if form.validate_on_submit():
        try:
            organisation = save_organisation(
                db.session, settings(), current_user(), name=form.name.data or "",
                org_type=form.org_type.data or "", public_key=form.public_key.data or "")
        except OrganisationError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Organisation saved. Compare the fingerprint %(fp)s with the one the "
                    "organisation gives you by phone or in person before the first referral.",
                    fp=format_fingerprint(organisation.fingerprint)), "notice")
            return redirect(url_for("exports.organisations_page"))
    return _render(form, None, error)


def _organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return organisation


@blueprint.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@require("admin.organisations")
def organisation_edit(organisation_id: int) -> ResponseReturnValue:
    organisation = _organisation(organisation_id)
    form = _form(organisation)
    error = None
    if form.validate_on_submit():
        try:
            save_organisation(db.session, settings(), current_user(),
                              name=form.name.data or "", org_type=form.org_type.data or "",
                              public_key=form.public_key.data or "", organisation=organisation)
        except OrganisationError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Organisation saved."), "notice")
            return redirect(url_for("exports.organisations_page"))
    return _render(form, organisation, error)


@blueprint.route("/organisations/<int:organisation_id>/active", methods=["POST"])
@require("admin.organisations")
def organisation_active(organisation_id: int) -> ResponseReturnValue:
    organisation = _organisation(organisation_id)
    form = OrganisationActiveForm()
    if not form.validate_on_submit():
        abort(400)
    set_active(db.session, settings(), current_user(), organisation, bool(form.active.data))
    db.session.commit()
    flash(_("Organisation saved."), "notice")
    return redirect(url_for("exports.organisations_page"))


@blueprint.route("/organisations/<int:organisation_id>/partners", methods=["POST"])
@require("admin.organisations")
def organisation_link(organisation_id: int) -> ResponseReturnValue:
    organisation = _organisation(organisation_id)
    form = _link_form()
    user = db.session.get(StaffUser, form.user_id.data) if form.validate_on_submit() else None
    if user is None:
        abort(400)
    try:
        link_partner(db.session, settings(), current_user(), organisation, user)
    except OrganisationError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Partner account linked."), "notice")
    return redirect(url_for("exports.organisations_page"))
