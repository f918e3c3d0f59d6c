"""The audit log viewer for supervisors and admins: filters, keyset pages
(newest first), and a "verify chain" button (``hotline.audit.log.verify``)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from flask import render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from hotline.audit.log import append as audit
from hotline.audit.log import verify
from hotline.audit.models import AuditEntry
from hotline.console.admin.forms import AuditFilterForm
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.forms import PageForm
from hotline.console.policy import require
from hotline.console.queue import parse_date, usernames
from hotline.extensions import db

PAGE = 100


def _entries(form: AuditFilterForm) -> list[AuditEntry]:
    query = select(AuditEntry)
    action = (form.action.data or "").strip()
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if form.actor.data is not None:
        query = query.where(AuditEntry.actor_id == form.actor.data)
    if form.case.data is not None:
        query = query.where(AuditEntry.case_id == form.case.data)
    start, end = parse_date(request.args.get("from")), parse_date(request.args.get("to"))
    if start is not None:
        query = query.where(AuditEntry.created_at >= datetime.combine(start, time(), UTC))
    if end is not None:
        query = query.where(AuditEntry.created_at < datetime.combine(
            end + timedelta(days=1), time(), UTC))
    before = request.args.get("before", "")
    if before.isdigit():
        query = query.where(AuditEntry.id < int(before))
    return list(db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(PAGE)))


@blueprint.route("/audit")
@require("audit.view")
def audit_log() -> ResponseReturnValue:
    form = AuditFilterForm(request.args)
    form.validate()
    entries = _entries(form)
    names = usernames(db.session, {entry.actor_id for entry in entries})
    db.session.commit()
    args = {key: value for key, value in request.args.items() if key != "before" and value}
    older = entries[-1].id if len(entries) == PAGE else None
    return render_template("console/audit.html", form=form, entries=entries, names=names,
                           older=older, args=args, verify_form=PageForm(), result=None)


@blueprint.route("/audit/verify", methods=["POST"])
@require("audit.view")
def audit_verify() -> ResponseReturnValue:
    form = PageForm()
    result = None
    if form.validate_on_submit():
        checked, problems = verify(db.session, settings().pepper)
        result = {"checked": checked, "problems": problems[:50], "count": len(problems)}
        audit(db.session, settings().pepper, "audit.verified", actor_kind="staff",
              actor_id=current_user().id, details={"checked": checked,
                                                   "problems": len(problems)})
        db.session.commit()
    filters = AuditFilterForm(formdata=None)
    return render_template("console/audit.html", form=filters, entries=[], names={},
                           older=None, args={}, verify_form=PageForm(), result=result)
