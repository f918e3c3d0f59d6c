"""Admin pages for stored settings: urgency words per language, retention,
enabled languages. Changes are audited by name, never by value."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from hotline.audit.log import append as audit
from hotline.console import store
from hotline.console.admin.forms import LanguagesForm, RetentionForm, UrgencyWordsForm
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.policy import require
from hotline.extensions import db
from hotline.intake.classify import URGENCY_WORDS
from hotline.intake.languages import ALL_LANGUAGES, native_name


def _audit(action: str, **details: object) -> None:
    audit(db.session, settings().pepper, action, actor_kind="staff", actor_id=current_user().id,
          details=details)


@blueprint.route("/admin/settings", methods=["GET"])
@require("admin.settings")
def admin_settings() -> ResponseReturnValue:
    words = store.urgency_words(db.session)
    kept = store.retention(db.session)
    enabled = store.enabled_languages(db.session, settings())
    urgency_form = UrgencyWordsForm()
    urgency_form.language.choices = [("*", _("Any language"))] + [
        (code, f"{native_name(code)} ({code})") for code in ALL_LANGUAGES]
    retention_form = RetentionForm(data=kept.__dict__)
    languages_form = _languages_form(enabled)
    db.session.commit()
    return render_template("console/admin/settings.html", words=words, builtin=URGENCY_WORDS,
                           urgency_form=urgency_form, retention_form=retention_form,
                           languages_form=languages_form, enabled=enabled,
                           native_name=native_name)


def _languages_form(enabled: tuple[str, ...]) -> LanguagesForm:
    form = LanguagesForm()
    form.languages.choices = [(code, f"{native_name(code)} ({code})")
                              for code in store.complete_catalogs()]
    if not form.is_submitted():
        form.languages.data = list(enabled)
    return form


@blueprint.route("/admin/settings/urgency", methods=["POST"])
@require("admin.settings")
def admin_urgency() -> ResponseReturnValue:
    form = UrgencyWordsForm()
    language = form.language.data or ""
    if form.validate_on_submit() and (language == "*" or language in ALL_LANGUAGES):
        words = store.parse_words(form.words.data or "")
        store.set_urgency_words(db.session, language, words, current_user().id)
        _audit("settings.urgency_words", language=language, count=len(words))
        db.session.commit()
        flash(_("Urgency words saved."), "notice")
    else:
        flash(_("Nothing was saved."), "error")
    return redirect(url_for("console.admin_settings"))


@blueprint.route("/admin/settings/retention", methods=["POST"])
@require("admin.settings")
def admin_retention() -> ResponseReturnValue:
    form = RetentionForm()
    if form.validate_on_submit():
        changed = store.set_retention(db.session, store.Retention(
            closed_case_days=form.closed_case_days.data or 0,
            relay_idle_days=form.relay_idle_days.data or 0,
            recording_days=form.recording_days.data or 0), current_user().id)
        _audit("settings.retention", changed=changed)
        db.session.commit()
        flash(_("Retention settings saved."), "notice")
    else:
        flash(_("Nothing was saved."), "error")
    return redirect(url_for("console.admin_settings"))


@blueprint.route("/admin/settings/languages", methods=["POST"])
@require("admin.settings")
def admin_languages() -> ResponseReturnValue:
    form = _languages_form(())
    try:
        if not form.validate_on_submit():
            raise ValueError("invalid form")
        chosen = store.set_enabled_languages(db.session, settings(), form.languages.data or [],
                                             current_user().id)
    except ValueError:
        db.session.rollback()
        flash(_("Nothing was saved: the default language must stay enabled."), "error")
    else:
        _audit("settings.languages", languages=list(chosen))
        db.session.commit()
        flash(_("Enabled languages saved."), "notice")
    return redirect(url_for("console.admin_settings"))
