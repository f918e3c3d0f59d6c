"""Unlocked-key sessions are purged on the server, not only when their
cookie comes back: the hourly retention round deletes idle rows (staff and
reporter inboxes) and sign-ins abandoned at the second-factor step, and its
audit entry counts them (review finding 5)."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from hotline.audit.models import AuditEntry
from hotline.db import utcnow
from hotline.extensions import db
from hotline.keysession import PENDING, KeySession
from tests.conftest import csrf_from, signed_in, submit_web_report
from tests.integration.test_retention_reporter import open_inbox


def rows() -> dict[str, str]:
    return {row.id: row.kind for row in db.session.scalars(select(KeySession))}


def password_only(app, staff) -> None:
    """A sign-in left at the second-factor page (its key row is written)."""
    client = app.test_client()
    page = client.get("/console/login")
    response = client.post("/console/login", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "username": staff.username, "password": staff.password})
    assert response.headers["Location"].endswith("/console/login/code")


def test_idle_and_abandoned_key_sessions_are_purged(app, admin, make_staff):
    from hotline.retention.purge import purge_all

    settings = app.config["HOTLINE_SETTINGS"]
    idle = timedelta(minutes=settings.session_idle_minutes)
    active_member = make_staff("ana", "caseworker", ["survivor-support"])
    abandoning = make_staff("ben", "caseworker", ["survivor-support"])
    active = signed_in(app, active_member)
    reporter = app.test_client()
    open_inbox(reporter, *submit_web_report(reporter, "They took my passport."))
    password_only(app, abandoning)
    with app.app_context():
        before = rows()
        assert sorted(before.values()) == ["reporter", "staff", "staff"]
        [pending] = [row_id for row_id, kind in before.items() if kind == "staff"
                     and db.session.get(KeySession, row_id).staff_user_id == abandoning.user_id]

    # Just past the second-factor window: only the abandoned sign-in goes.
    with app.app_context():
        totals = purge_all(db.session, settings, utcnow() + PENDING + timedelta(seconds=5))
        assert totals["key_sessions"] == 1
        assert pending not in rows() and len(rows()) == 2
    assert active.get("/console/").status_code == 200
    assert reporter.get("/inbox/messages").status_code == 200

    # Past the idle time: every row goes, staff and reporter alike.
    with app.app_context():
        totals = purge_all(db.session, settings, utcnow() + idle + timedelta(seconds=5))
        assert totals["key_sessions"] == 2
        assert db.session.scalar(select(func.count()).select_from(KeySession)) == 0
        counts = [json.loads(entry.details) for entry in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention.purged")
            .order_by(AuditEntry.id))]
        assert counts == [{"key_sessions": 1}, {"key_sessions": 2}]
    assert active.get("/console/").status_code in (302, 303)
    assert reporter.get("/inbox/messages").status_code in (302, 303)


def test_a_completed_sign_in_is_not_taken_for_an_abandoned_one(app, admin, make_staff):
    """The second-factor window does not apply once the member got through it,
    even if they made no request since (the backup-codes page, say)."""
    from hotline.retention.purge import purge_all

    settings = app.config["HOTLINE_SETTINGS"]
    member = make_staff("ana", "caseworker", ["survivor-support"])
    signed_in(app, member)
    with app.app_context():
        row = db.session.scalars(select(KeySession)).one()
        row.last_seen_at = row.created_at  # no request after the code page
        db.session.commit()
        totals = purge_all(db.session, settings, utcnow() + PENDING + timedelta(minutes=1))
        assert not totals["key_sessions"]
        assert db.session.scalar(select(func.count()).select_from(KeySession)) == 1


def test_the_pending_window_matches_the_sign_in_page():
    from hotline.console.login_views import PENDING_SECONDS

    assert timedelta(seconds=PENDING_SECONDS) == PENDING
