"""Console forms: sign-in, account and case work. Labels are lazy."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        # Translators: on the second sign-in step.
        description=_l("The 6-digit code from your authenticator app, or one of your backup codes."),
        validators=[DataRequired(), Length(max=32)])


class EnrolForm(FlaskForm):
    code = StringField(_l("Code from the app"),
                       description=_l("Enter the 6-digit code your app shows now."),
                       validators=[DataRequired(), Length(max=16)])


class NewPasswordMixin:
    new_password = PasswordField(_l("New password"),
                                 description=_l("At least 12 characters. A few random words work well."),
                                 validators=[DataRequired(), Length(min=12, max=200)])
    confirm = PasswordField(_l("New password again"),
                            validators=[DataRequired(),
                                        EqualTo("new_password",
                                                message=_l("The two passwords differ."))])


class PasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])


class RecoverForm(NewPasswordMixin, FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired()])
    recovery_key = StringField(_l("Recovery key"),
                               description=_l("The key you were given when your account was made."),
                               validators=[DataRequired(), Length(max=200)])


class ReplyForm(FlaskForm):
    text = TextAreaField(_l("Reply to the reporter"),
                         validators=[DataRequired(), Length(max=20000)])


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Internal note"),
                         description=_l("Only your team can read notes. The reporter never sees them."),
                         validators=[DataRequired(), Length(max=20000)])


class StatusForm(FlaskForm):
    status = HiddenField(validators=[DataRequired()])
    close_reason = SelectField(_l("Reason for closing"), choices=[], validate_choice=False,
                               validators=[Optional()])


class TagsForm(FlaskForm):
    tags = StringField(_l("Tags"),
                       description=_l("Short labels separated by spaces: letters, digits and dashes. Never names or places."),  # noqa: E501
                       validators=[Optional(), Length(max=400)])


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Assign to"), choices=[], validate_choice=False,
                           validators=[Optional()])


class MergeForm(FlaskForm):
    primary_code = StringField(_l("Case code of the primary case"),
                               validators=[DataRequired(), Length(max=16)])


class EscalateForm(FlaskForm):
    team_id = SelectField(_l("Law-enforcement queue"), choices=[], coerce=int,
                          validate_choice=False, validators=[InputRequired()])
    reason_code = SelectField(_l("Reason for the override"), choices=[], validate_choice=False,
                              validators=[Optional()])
    reason_text = TextAreaField(_l("Explain the override"),
                                description=_l("Sealed like a note: only your team can read it."),
                                validators=[Optional(), Length(max=5000)])


class PageForm(FlaskForm):
    """A bare form: a CSRF token for a one-button action."""

    value = IntegerField(validators=[Optional()])
