"""A referral override's explanation is sealed like a support note (review
finding 2): on a case that also sits in the police queue, an admin who is
a member of both teams must not seal it to the law-enforcement team."""

from __future__ import annotations

from sqlalchemy import select

from hotline.cases.models import CaseQueue, Message, WrappedKey
from hotline.extensions import db
from hotline.staff.models import Team, TeamKey
from tests.conftest import signed_in
from tests.integration import test_referral_roundtrip as roundtrip
from tests.integration.test_referral_roundtrip import REPORT, refer, web_report

partner_setup = roundtrip.partner_setup  # the fixture, shared
WHY = "She is 15, undocumented, and alone at her cousin's flat tonight."


def test_referral_override_explanation_stays_with_support(app, admin, partner_setup,
                                                          make_staff):
    from hotline.exports.models import Referral

    case_id = web_report(app, REPORT, referral="none", police="police_redacted")
    with app.app_context():
        keys = {slug: f"team-key:{key_id}" for slug, key_id in db.session.execute(
            select(Team.slug, TeamKey.id).join(TeamKey, TeamKey.team_id == Team.id))}
        assert len(db.session.scalars(select(CaseQueue).where(
            CaseQueue.case_id == case_id)).all()) == 2, "in the police queue too"
    response = refer(partner_setup["admin"], case_id, partner_setup["org_id"],
                     override_code="minor_at_risk", override_text=WHY)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Referral.basis)) == "override"
        (note_id,) = db.session.scalars(select(Message.id).where(
            Message.case_id == case_id, Message.kind == "note")).all()
        wrapped = {(w.recipient, w.part) for w in db.session.scalars(
            select(WrappedKey).where(WrappedKey.message_id == note_id))}
    assert wrapped == {(keys["survivor-support"], "full")}
    officer = signed_in(app, make_staff("oli", "le_triage", ["law-enforcement"]))
    html = officer.get(f"/console/cases/{case_id}").get_data(as_text=True)
    assert "laundry" in html and "undocumented" not in html
