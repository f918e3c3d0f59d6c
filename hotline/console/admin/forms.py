"""Admin forms: users, teams, routing rules, stored settings, audit filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from hotline.staff.models import ROLES

TRI_STATE = [SelectChoice("", _l("Any")), SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


class InviteForm(FlaskForm):
    username = StringField(_l("User name"),
                           validators=[DataRequired(), Length(min=2, max=64),
                                       Regexp(r"^[a-z0-9._-]+$",
                                              message=_l("Lower-case letters, digits, dots, dashes."))])
    role = SelectField(_l("Role"), choices=[SelectChoice(role, role) for role in ROLES])
    teams = SelectMultipleField(_l("Teams"), choices=[], coerce=int, validate_choice=False)


class RecoveryResetForm(FlaskForm):
    recovery_key = StringField(_l("The member's recovery key"),
                               description=_l("Ask the member to read it to you over a trusted channel."),
                               validators=[DataRequired(), Length(max=200)])


class AddMemberForm(FlaskForm):
    user_id = SelectField(_l("Staff member"), choices=[], coerce=int, validate_choice=False,
                          validators=[InputRequired()])


class RuleForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    position = IntegerField(_l("Position"), default=100,
                            description=_l("Rules are evaluated from the lowest position up."),
                            validators=[InputRequired(), NumberRange(min=0, max=100000)])
    team_id = SelectField(_l("Destination queue"), choices=[], coerce=int,
                          validate_choice=False, validators=[InputRequired()])
    channel = SelectMultipleField(_l("Channel is one of"), choices=[], validate_choice=False)
    language = SelectMultipleField(_l("Language is one of"), choices=[], validate_choice=False)
    category = SelectMultipleField(_l("Category is one of"), choices=[], validate_choice=False)
    urgent = SelectField(_l("Urgent"), choices=TRI_STATE)
    consent_law_enforcement = SelectField(_l("Consent to law enforcement"), choices=TRI_STATE)
    active = BooleanField(_l("Active"), default=True)


class SampleForm(FlaskForm):
    """A sample report's facts for the routing preview (no text, never stored)."""

    class Meta:
        csrf = False

    channel = SelectField(_l("Channel"), choices=[], validate_choice=False)
    language = SelectField(_l("Language"), choices=[], validate_choice=False)
    category = SelectField(_l("Category"), choices=[], validate_choice=False)
    urgent = BooleanField(_l("Urgent"))
    consent = SelectField(_l("Consent"), choices=[], validate_choice=False)


class UrgencyWordsForm(FlaskForm):
    language = SelectField(_l("Language"), choices=[], validate_choice=False)
    words = TextAreaField(_l("Words and phrases, one per line"),
                          description=_l("A trailing * matches the beginning of a word."),
                          validators=[Optional(), Length(max=20000)])


class RetentionForm(FlaskForm):
    closed_case_days = IntegerField(_l("Closed cases: days to keep"),
                                    validators=[InputRequired(), NumberRange(min=0, max=36500)])
    relay_idle_days = IntegerField(_l("Reporters' phone numbers: days after the last message"),
                                   validators=[InputRequired(), NumberRange(min=0, max=3650)])
    recording_days = IntegerField(_l("Voice recordings: days to keep"),
                                  validators=[InputRequired(), NumberRange(min=0, max=36500)])


class LanguagesForm(FlaskForm):
    languages = SelectMultipleField(_l("Enabled languages"), choices=[], validate_choice=False)


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = StringField(_l("Action"), validators=[Optional(), Length(max=64)])
    actor = IntegerField(_l("Staff id"), validators=[Optional()])
    case = IntegerField(_l("Case id"), validators=[Optional()])
