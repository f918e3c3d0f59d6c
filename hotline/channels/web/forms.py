"""Web report and inbox forms. Labels are lazy so they follow the locale."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from hotline.intake.classify import CATEGORIES

CATEGORY_LABELS = {
    # Translators: a kind of exploitation a reporter can choose on the web form.
    "labour": _l("Labour exploitation"),
    # Translators: a kind of exploitation a reporter can choose on the web form.
    "sexual": _l("Sexual exploitation"),
    # Translators: a kind of exploitation a reporter can choose on the web form.
    "forced_marriage": _l("Forced marriage"),
    # Translators: a kind of exploitation a reporter can choose on the web form.
    "drugs": _l("Drugs"),
    # Translators: a kind of exploitation a reporter can choose on the web form.
    "other": _l("Something else"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)

CONSENT_CHOICES = ("support", "police_redacted", "police_full")


class ReportForm(FlaskForm):
    what_happened = TextAreaField(
        _l("What happened?"),
        description=_l("Write in any language. Do not include your name unless you want to."),
        validators=[DataRequired(message=_l("Please tell us what happened.")),
                    Length(max=20000, message=_l("Please keep your report under 20,000 characters."))],
    )
    reporter_role = RadioField(
        _l("Are you the person this happened to, or a witness?"),
        choices=[SelectChoice("victim", _l("It happened to me")),
                 SelectChoice("witness", _l("I saw or heard about it"))],
        validators=[InputRequired(message=_l("Please choose one."))],
    )
    category = SelectField(
        _l("What is it about? (optional)"),
        choices=[SelectChoice("", _l("I am not sure"))]
        + [SelectChoice(value, label) for value, label in CATEGORY_LABELS.items()],
        default="",
    )
    safe_to_contact = RadioField(
        _l("Is it safe for us to reply to you?"),
        description=_l("Replies appear only in your private inbox on this site."),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        default="no",
        validators=[InputRequired()],
    )
    consent = RadioField(
        _l("Who may see your report?"),
        choices=[
            SelectChoice("support", _l("Only the survivor-support team")),
            SelectChoice("police_redacted", _l(
                "The survivor-support team and the police, with phone numbers and other contact "
                "details removed")),
            SelectChoice("police_full", _l("The survivor-support team and the police, in full")),
        ],
        default="support",
        validators=[InputRequired()],
    )
    # Consent to referral to partner organisations (HTCDS org_Type NGO),
    # recorded in hotline.exports.consent. Missing from a post = "none".
    consent_referral = RadioField(
        _l("May we pass your report to a partner organisation that can help you, such as a "
           "shelter or legal advice service?"),
        description=_l("We only do this if they can help. They receive it encrypted."),
        choices=[
            SelectChoice("none", _l("No")),
            SelectChoice("redacted", _l("Yes, with phone numbers and other contact details "
                                        "removed")),
            SelectChoice("full", _l("Yes, in full")),
        ],
        default="none",
    )


class InboxLoginForm(FlaskForm):
    case_code = StringField(_l("Case code"),
                            validators=[DataRequired(message=_l("Enter your case code."))])
    passphrase = PasswordField(_l("Passphrase"),
                               validators=[DataRequired(message=_l("Enter your passphrase."))])


class InboxMessageForm(FlaskForm):
    text = TextAreaField(
        _l("Add a message"),
        validators=[DataRequired(message=_l("Please write a message.")),
                    Length(max=20000, message=_l("Please keep your message under 20,000 characters."))],
    )


class InboxDeleteForm(FlaskForm):
    """Deleting a report asks for the passphrase again: an open inbox on a
    shared device must not be enough to delete it."""

    passphrase = PasswordField(_l("Passphrase"),
                               validators=[DataRequired(message=_l("Enter your passphrase."))])
