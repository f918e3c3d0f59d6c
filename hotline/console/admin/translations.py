"""Admin page: translation status per locale (share translated, fuzzy
entries, machine-drafted or reviewed, enabled, how voice prompts are spoken).
Read-only; the figures come from ``translations_ops``."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from hotline.console import store
from hotline.console.admin.translations_ops import translation_status
from hotline.console.blueprint import blueprint, settings
from hotline.console.policy import require
from hotline.extensions import db
from hotline.i18n import TRANSLATIONS_DIR
from hotline.intake.languages import native_name


@blueprint.route("/admin/translations", methods=["GET"])
@require("admin.translations")
def admin_translations() -> ResponseReturnValue:
    enabled = store.enabled_languages(db.session, settings())
    rows = translation_status(TRANSLATIONS_DIR, enabled)
    db.session.commit()
    return render_template("console/admin/translations.html", rows=rows,
                           default_language=native_name(settings().default_language))
