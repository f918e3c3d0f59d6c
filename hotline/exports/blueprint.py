"""The exports pages, under /console: statistics, referrals, organisations.

A blueprint of its own (so its templates live in this package), signed in
exactly like the console: the console's ``load_staff`` runs before every
request, and permissions come from ``hotline.console.policy``.
"""

from __future__ import annotations

from flask import Blueprint

from hotline.console.blueprint import load_staff

blueprint = Blueprint("exports", __name__, url_prefix="/console", template_folder="templates")
blueprint.before_request(load_staff)
