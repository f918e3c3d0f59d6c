"""Queue and case pages. Thin: parse, authorize (``policy``), call one
operation, commit, redirect or render. No report text ever goes into a URL,
a page title, a flash message or a log line."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from hotline.cases.models import Case
from hotline.console import cases as work
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.counts import status_counts
from hotline.console.escalation import escalations, targets
from hotline.console.forms import (
    AssignForm,
    MergeForm,
    NoteForm,
    PageForm,
    ReplyForm,
    StatusForm,
    TagsForm,
)
from hotline.console.operations import CaseError, read_case, reply
from hotline.console.policy import allowed, case_for, require, team_ids
from hotline.console.queue import PAGE_SIZE, Cursor, Filters, queue, tags_for, usernames
from hotline.extensions import db
from hotline.intake.languages import ALL_LANGUAGES
from hotline.staff.models import StaffUser, Team


@blueprint.route("/")
@require("queue.view")
def queue_page() -> ResponseReturnValue:
    user = current_user()
    filters = Filters.parse(request.args)
    teams = team_ids(db.session, user)
    secret_key = settings().secret_key
    after = None
    if request.args.get("after"):
        # Only cursors this server sealed: a hand-made one is refused.
        after = Cursor.decode(request.args.get("after"), secret_key)
        if after is None:
            abort(400)
    rows = queue(db.session, teams, filters, user.id, after=after)
    next_cursor = rows[-1].cursor.encode(secret_key) if len(rows) == PAGE_SIZE else None
    names = usernames(db.session, {row.assignee_id for row in rows})
    tags = tags_for(db.session, [row.id for row in rows])
    counts = status_counts(db.session, teams)
    team_names = list(db.session.scalars(select(Team.name).where(Team.id.in_(teams))))
    db.session.commit()
    return render_template("console/queue.html", rows=rows, filters=filters, counts=counts,
                           next_cursor=next_cursor, team_names=team_names, names=names,
                           tags=tags, languages=ALL_LANGUAGES)


def _back(case_id: int) -> ResponseReturnValue:
    return redirect(url_for("console.case_page", case_id=case_id))


def _done(ok_message: str, error: CaseError | None, case_id: int) -> ResponseReturnValue:
    if error is None:
        db.session.commit()
        flash(ok_message, "notice")
    else:
        db.session.rollback()
        flash(_("That could not be done: %(reason)s", reason=str(error)), "error")
    return _back(case_id)


@blueprint.route("/cases/<int:case_id>")
@require("case.read")
def case_page(case_id: int) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    merged = work.merged_cases(db.session, user, case)
    messages = read_case(db.session, settings(), user, case, g.staff_keys,
                         [m.id for m in merged])
    primary = None
    if case.merged_into_id is not None:
        primary = db.session.get(Case, case.merged_into_id)
    status_form = StatusForm()
    assign_form = AssignForm()
    if allowed(user, "case.assign"):
        assign_form.assignee.choices = [("", _("Nobody"))] + [
            (str(u.id), u.username) for u in work.assignable(db.session, case)]
        assign_form.assignee.data = str(case.assignee_id or "")
    tags = work.case_tags(db.session, case)
    assignee = db.session.get(StaffUser, case.assignee_id) if case.assignee_id else None
    team_names = {row.id: row.name for row in db.session.execute(select(Team.id, Team.name))}
    context = dict(
        case=case, messages=messages, merged=merged, primary=primary, tags=tags,
        assignee=assignee, escalations=escalations(db.session, case), team_names=team_names,
        targets=targets(db.session, case) if allowed(user, "case.escalate") else [],
        transitions=work.TRANSITIONS.get(case.status, ()), close_reasons=work.CLOSE_REASONS,
        reply_form=ReplyForm(), note_form=NoteForm(), status_form=status_form,
        tags_form=TagsForm(data={"tags": " ".join(tags)}), assign_form=assign_form,
        merge_form=MergeForm(), page_form=PageForm())
    db.session.commit()
    return render_template("console/case.html", **context)


@blueprint.route("/cases/<int:case_id>/reply", methods=["POST"])
@require("case.reply")
def case_reply(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        reply(db.session, settings(), current_user(), case, form.text.data or "")
    except CaseError:
        db.session.rollback()
        flash(_("The reply could not be sent."), "error")
        return _back(case_id)
    return _done(_("Reply sent."), None, case_id)


@blueprint.route("/cases/<int:case_id>/note", methods=["POST"])
@require("case.note")
def case_note(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        abort(400)
    error = None
    try:
        work.add_note(db.session, settings(), current_user(), case, form.note.data or "")
    except CaseError as exc:
        error = exc
    return _done(_("Note added."), error, case_id)


@blueprint.route("/cases/<int:case_id>/status", methods=["POST"])
@require("case.status")
def case_status(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    error = None
    try:
        work.change_status(db.session, settings(), current_user(), case,
                           form.status.data or "", form.close_reason.data or None)
    except CaseError as exc:
        error = exc
    return _done(_("Status changed."), error, case_id)


@blueprint.route("/cases/<int:case_id>/claim", methods=["POST"])
@require("case.claim")
def case_claim(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    if not PageForm().validate_on_submit():
        abort(400)
    error = None
    try:
        work.claim(db.session, settings(), current_user(), case)
    except CaseError as exc:
        error = exc
    return _done(_("You have this case now."), error, case_id)


@blueprint.route("/cases/<int:case_id>/assign", methods=["POST"])
@require("case.assign")
def case_assign(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = AssignForm()
    if not form.validate_on_submit():
        abort(400)
    raw = form.assignee.data or ""
    assignee = db.session.get(StaffUser, int(raw)) if raw.isdigit() else None
    if raw and assignee is None:
        abort(400)
    error = None
    try:
        work.assign(db.session, settings(), current_user(), case, assignee)
    except CaseError as exc:
        error = exc
    return _done(_("Assignment saved."), error, case_id)


@blueprint.route("/cases/<int:case_id>/tags", methods=["POST"])
@require("case.tag")
def case_tags(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = TagsForm()
    if not form.validate_on_submit():
        abort(400)
    error = None
    try:
        work.set_tags(db.session, settings(), current_user(), case,
                      work.parse_tags(form.tags.data or ""))
    except CaseError as exc:
        error = exc
    return _done(_("Tags saved."), error, case_id)


@blueprint.route("/cases/<int:case_id>/merge", methods=["POST"])
@require("case.merge")
def case_merge(case_id: int) -> ResponseReturnValue:
    case = case_for(db.session, current_user(), case_id)
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        primary = work.merge(db.session, settings(), current_user(), case,
                             form.primary_code.data or "")
    except CaseError as exc:
        return _done("", exc, case_id)
    db.session.commit()
    flash(_("Merged: this case now points to the primary case."), "notice")
    return _back(primary.id)


@blueprint.route("/cases/<int:case_id>/audit")
@require("case.audit")
def case_audit(case_id: int) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    merged = work.merged_cases(db.session, user, case)
    entries = work.trail(db.session, [case.id, *(m.id for m in merged)])
    names = usernames(db.session, {entry.actor_id for entry in entries})
    db.session.commit()
    return render_template("console/case_audit.html", case=case, entries=entries, names=names)
