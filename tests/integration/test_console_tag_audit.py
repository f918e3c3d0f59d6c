"""Tag text never enters the append-only audit log (review finding 13):
tags are deleted with the case on "delete my report", the audit entries
are kept, so they record how many tags were added and removed, not which."""

from __future__ import annotations

import json

from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case
from hotline.console.models import CaseTag
from hotline.extensions import db
from tests.conftest import make_report, post_form, signed_in

TAGS = ("undocumented-canary", "pregnant-canary", "cousin-flat-canary")


def _tag(client, case_id: int, tags: str):
    return post_form(client, f"/console/cases/{case_id}", f"/console/cases/{case_id}/tags",
                     {"tags": tags})


def test_tag_changes_are_audited_as_counts_and_erased_with_the_case(app, make_staff):
    from hotline.retention.reporter import delete_reporter_data

    case_id = make_report(app, "They keep our passports at the car wash.")
    worker = signed_in(app, make_staff("cai", "caseworker", ["survivor-support"]))
    assert _tag(worker, case_id, f"{TAGS[0]} {TAGS[1]}").status_code == 302
    assert _tag(worker, case_id, f"{TAGS[1]} {TAGS[2]}").status_code == 302
    with app.app_context():
        assert set(db.session.scalars(select(CaseTag.tag))) == {TAGS[1], TAGS[2]}
        entries = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "case.tags").order_by(AuditEntry.id)).all()
        assert [json.loads(entry.details) for entry in entries] == [
            {"added": 2, "removed": 0}, {"added": 1, "removed": 1}]
    trail = worker.get(f"/console/cases/{case_id}/audit").get_data(as_text=True)
    assert "case.tags" in trail and "canary" not in trail

    with app.app_context():
        settings = app.config["HOTLINE_SETTINGS"]
        delete_reporter_data(db.session, settings, db.session.get(Case, case_id), via="web")
        db.session.commit()
        assert db.session.get(Case, case_id) is None
        assert not db.session.scalars(select(CaseTag)).all()
        details = " ".join(entry.details or "" for entry in db.session.scalars(
            select(AuditEntry)))
    assert "canary" not in details, "tag text outlived the erasure in the audit log"
