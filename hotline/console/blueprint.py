"""The console blueprint: who is signed in, and what every page may use.

Each request re-opens the member's key session (idle sessions end after
``HOTLINE_SESSION_IDLE_MINUTES``). A member holding a one-time password is
held on the password page until they choose their own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Blueprint, current_app, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from hotline.console.policy import allowed, coarse_times
from hotline.extensions import db
from hotline.keysession import SessionToken, load_key_session
from hotline.settings import Settings
from hotline.staff.models import StaffUser

blueprint = Blueprint("console", __name__, url_prefix="/console", template_folder="templates")
STAFF_COOKIE = "staff"
# Pages a member holding a one-time password may still reach.
_PASSWORD_GATE_OPEN = frozenset({"console.account_password", "console.logout"})


def settings() -> Settings:
    return current_app.config["HOTLINE_SETTINGS"]


def current_user() -> StaffUser:
    user = g.get("staff_user")
    assert user is not None, "only for views behind policy.require"
    return user


@blueprint.before_request
def load_staff() -> ResponseReturnValue | None:
    g.staff_user, g.staff_keys = None, {}
    token = SessionToken.from_cookie(session.get(STAFF_COOKIE) or {})
    if token is None:
        return None
    idle = timedelta(minutes=settings().session_idle_minutes)
    unlocked = load_key_session(db.session, token, "staff", idle)
    user = db.session.get(StaffUser, unlocked.row.staff_user_id) if unlocked else None
    if unlocked is None or user is None or not user.active:
        db.session.commit()  # an idle row load_key_session deleted stays deleted
        session.pop(STAFF_COOKIE, None)
        return None
    g.staff_user, g.staff_keys = user, unlocked.keys
    if user.must_change_password and request.endpoint not in _PASSWORD_GATE_OPEN:
        return redirect(url_for("console.account_password"))
    return None


def staff_time(value: datetime | None) -> Markup:
    """A ``<time>`` element in UTC, ``YYYY-MM-DD HH:MM``; the day only for
    law enforcement (DESIGN: times coarsened to the day).

    ISO 8601 rather than a localized format: unambiguous to staff working in
    several languages, sortable, and cheap to render 50 times a page.
    """
    if value is None:
        return Markup("")
    value = value.astimezone(UTC)
    if coarse_times(g.get("staff_user")):
        day = value.date().isoformat()
        return Markup('<time datetime="{}">{}</time>').format(day, day)
    return Markup('<time datetime="{}">{} UTC</time>').format(
        value.isoformat(timespec="minutes"), value.strftime("%Y-%m-%d %H:%M"))


@blueprint.app_context_processor
def _console_context() -> dict[str, object]:
    user = g.get("staff_user")
    return {"staff_user": user, "can": lambda p: allowed(user, p), "staff_time": staff_time}
