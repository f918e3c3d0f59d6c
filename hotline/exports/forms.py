"""Forms of the exports pages. Labels are lazy so they follow the locale."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ReferForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), choices=[], coerce=int,
                                  validate_choice=False, validators=[DataRequired()])
    reason = SelectField(_l("Reason for the referral"), choices=[], validate_choice=False,
                         validators=[DataRequired()])
    details = TextAreaField(
        _l("Details for the organisation (optional)"),
        # Translators: help text under a field on the referral page.
        description=_l("Goes only into the encrypted packet. Never write the reporter's name "
                       "or contact details here."),
        validators=[Optional(), Length(max=5000)])
    override_code = SelectField(_l("Reason for the override"), choices=[],
                                validate_choice=False, validators=[Optional()])
    override_text = TextAreaField(_l("Explain the override"),
                                  description=_l("Sealed like a note: only your team can "
                                                 "read it."),
                                  validators=[Optional(), Length(max=5000)])


class ConsentForm(FlaskForm):
    recipient_type = SelectField(_l("Kind of recipient"), choices=[], validate_choice=False,
                                 validators=[DataRequired()])
    scope = SelectField(_l("What the reporter agreed to share"), choices=[],
                        validate_choice=False, validators=[DataRequired()])


class ReferralStatusForm(FlaskForm):
    status = StringField(validators=[DataRequired(), Length(max=16)])


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    org_type = SelectField(_l("Kind of organisation"), choices=[], validate_choice=False,
                           validators=[DataRequired()])
    public_key = TextAreaField(
        _l("OpenPGP public key"),
        description=_l("The organisation's public key, as exported by GnuPG or Kleopatra "
                       "(it begins with -----BEGIN PGP PUBLIC KEY BLOCK-----)."),
        validators=[DataRequired(), Length(max=200_000)])


class OrganisationActiveForm(FlaskForm):
    active = BooleanField(_l("Receives referrals"))


class PartnerLinkForm(FlaskForm):
    user_id = SelectField(_l("Partner account"), choices=[], coerce=int, validate_choice=False,
                          validators=[DataRequired()])
