"""Web channel: the report form, the receipt, and the reporter's inbox.

Thin views: parse the form, call one operation, commit, render. The client
address and User-Agent never reach this code (``StripClientIdentifiers``).
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.cases.models import Case
from hotline.cases.sealing import REPORTER
from hotline.channels.web.forms import InboxLoginForm, InboxMessageForm, ReportForm
from hotline.channels.web.operations import InboxError, inbox_entries, open_inbox
from hotline.extensions import db
from hotline.i18n import current_language
from hotline.intake.model import Intake, IntakeError
from hotline.intake.pipeline import add_reporter_message, submit_report
from hotline.keysession import (
    SessionToken,
    close_key_session,
    load_key_session,
    open_key_session,
)
from hotline.settings import Settings

blueprint = Blueprint("web", __name__, template_folder="templates")
INBOX_COOKIE = "inbox"


def _settings() -> Settings:
    return current_app.config["HOTLINE_SETTINGS"]


@blueprint.route("/", methods=["GET", "POST"])
def report() -> ResponseReturnValue:
    form = ReportForm()
    if form.validate_on_submit():
        consent = form.consent.data
        intake = Intake(
            channel="web",
            text=form.what_happened.data or "",
            locale=current_language(),
            reporter_role=form.reporter_role.data,
            category=form.category.data or None,
            safe_to_contact=form.safe_to_contact.data == "yes",
            consent_law_enforcement=consent in ("police_redacted", "police_full"),
            consent_full_text=consent == "police_full",
        )
        try:
            submitted = submit_report(db.session, _settings(), intake, issue_receipt=True)
        except IntakeError:
            form.what_happened.errors = [_("Please tell us what happened.")]
        else:
            if form.consent_referral.data in ("redacted", "full"):
                from hotline.exports.consent import NGO, record_consent

                record_consent(db.session, _settings(), submitted.case, NGO,
                               form.consent_referral.data, "web")
            db.session.commit()
            return render_template("web/receipt.html", receipt=submitted.receipt)
    return render_template("web/report.html", form=form)


@blueprint.route("/inbox", methods=["GET", "POST"])
def inbox_login() -> ResponseReturnValue:
    form = InboxLoginForm()
    error = None
    if form.validate_on_submit():
        try:
            case, private = open_inbox(db.session, _settings(), form.case_code.data or "",
                                       form.passphrase.data or "")
        except InboxError:
            db.session.commit()  # keep the failure count
            error = _("That case code and passphrase do not match. Check them and try again.")
        else:
            token = open_key_session(db.session, "reporter", {REPORTER: private},
                                     case_id=case.id)
            db.session.commit()
            session[INBOX_COOKIE] = token.as_cookie()
            return redirect(url_for("web.inbox"))
    return render_template("web/inbox_login.html", form=form, error=error)


def _inbox_session() -> tuple[Case, bytes] | None:
    token = SessionToken.from_cookie(session.get(INBOX_COOKIE) or {})
    if token is None:
        return None
    idle = timedelta(minutes=_settings().session_idle_minutes)
    unlocked = load_key_session(db.session, token, "reporter", idle)
    if unlocked is None or unlocked.row.case_id is None:
        session.pop(INBOX_COOKIE, None)
        return None
    case = db.session.get(Case, unlocked.row.case_id)
    if case is None:
        return None
    return case, unlocked.keys[REPORTER]


@blueprint.route("/inbox/messages", methods=["GET", "POST"])
def inbox() -> ResponseReturnValue:
    opened = _inbox_session()
    if opened is None:
        db.session.commit()
        return redirect(url_for("web.inbox_login"))
    case, private = opened
    form = InboxMessageForm()
    sent = False
    if form.validate_on_submit():
        try:
            add_reporter_message(db.session, _settings(), case, form.text.data or "")
        except IntakeError:
            form.text.errors = [_("Please write a message.")]
        else:
            sent = True
            form.text.data = ""
    entries = inbox_entries(db.session, case, private)
    db.session.commit()
    return render_template("web/inbox.html", case=case, entries=entries, form=form, sent=sent)


@blueprint.route("/inbox/delete", methods=["GET", "POST"])
def inbox_delete() -> ResponseReturnValue:
    """"Delete my report": contact data at once; the content too unless a
    caseworker already referred it (hotline.retention.reporter)."""
    from hotline.channels.web.forms import InboxDeleteForm
    from hotline.retention.reporter import delete_reporter_data

    opened = _inbox_session()
    if opened is None:
        db.session.commit()
        return redirect(url_for("web.inbox_login"))
    case, _private = opened
    form = InboxDeleteForm()
    error = None
    if form.validate_on_submit():
        try:
            open_inbox(db.session, _settings(), case.case_code, form.passphrase.data or "")
        except InboxError:
            db.session.commit()  # keep the failure count
            error = _("That passphrase does not match. Nothing was deleted.")
        else:
            result = delete_reporter_data(db.session, _settings(), case, via="web")
            db.session.commit()
            result.remove_files(_settings().instance_path)
            session.pop(INBOX_COOKIE, None)
            return render_template("web/deleted.html", content_kept=result.content_kept)
    db.session.commit()
    return render_template("web/inbox_delete.html", form=form, error=error)


@blueprint.route("/inbox/logout", methods=["POST"])
def inbox_logout() -> ResponseReturnValue:
    token = SessionToken.from_cookie(session.pop(INBOX_COOKIE, None) or {})
    if token is not None:
        close_key_session(db.session, token.session_id)
        db.session.commit()
    return redirect(url_for("web.report"))
