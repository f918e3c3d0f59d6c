"""The queue: filters, urgent first, keyset pagination, counts per status,
claim and the "my cases" / "unassigned" views; metadata only."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from hotline.cases.models import Case, CaseQueue
from hotline.console.counts import rebuild_counts, status_counts
from hotline.console.models import CaseStatusCount
from hotline.extensions import db
from hotline.staff.models import Team
from tests.conftest import make_report, post_form, signed_in

URGENT = "Help me now, they will hurt me tonight. I am locked in."


def _codes(html: str) -> list[str]:
    return re.findall(r'data-case-code="([^"]+)"', html)


def test_filters_urgent_first_and_metadata_only(app, make_staff):
    calm_es = make_report(app, "Trabajo en una granja y no me pagan desde hace meses.",
                          locale="es")
    urgent_en = make_report(app, URGENT)
    sms_fr = make_report(app, "On m'a pris mon passeport, je travaille sans salaire.",
                         channel="sms", locale="fr")
    worker = make_staff("ines", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    html = client.get("/console/").get_data(as_text=True)
    with app.app_context():
        codes = {case.id: case.case_code for case in db.session.scalars(select(Case))}
    assert _codes(html)[0] == codes[urgent_en], "urgent first"
    assert "passport" not in html and "granja" not in html, "bodies are not on the queue"
    assert _codes(client.get("/console/?language=es").get_data(as_text=True)) == [codes[calm_es]]
    assert _codes(client.get("/console/?channel=sms").get_data(as_text=True)) == [codes[sms_fr]]
    assert _codes(client.get("/console/?urgent=yes").get_data(as_text=True)) == [codes[urgent_en]]
    assert _codes(client.get("/console/?status=closed").get_data(as_text=True)) == []
    assert len(_codes(client.get("/console/?from=2000-01-01&to=2999-01-01")
                      .get_data(as_text=True))) == 3
    assert _codes(client.get("/console/?to=2000-01-01").get_data(as_text=True)) == []
    unknown = client.get("/console/?language=<script>&status=nope")
    assert unknown.status_code == 200 and "&lt;script" not in unknown.get_data(as_text=True)


def test_claim_my_cases_and_unassigned(app, make_staff):
    first = make_report(app, "Case one about the factory.")
    second = make_report(app, "Case two about the farm.")
    worker = make_staff("noa", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    response = post_form(client, f"/console/cases/{first}", f"/console/cases/{first}/claim", {})
    assert response.status_code == 302
    with app.app_context():
        code_first = db.session.get(Case, first).case_code
        code_second = db.session.get(Case, second).case_code
        assert db.session.get(Case, first).assignee_id == worker.user_id
    assert _codes(client.get("/console/?assignee=me").get_data(as_text=True)) == [code_first]
    assert _codes(client.get("/console/?assignee=none").get_data(as_text=True)) == [code_second]
    other = make_staff("ola", "caseworker", ["survivor-support"])
    rival = signed_in(app, other)
    post_form(rival, f"/console/cases/{first}", f"/console/cases/{first}/claim", {})
    with app.app_context():
        assert db.session.get(Case, first).assignee_id == worker.user_id, "no silent take-over"


def test_keyset_pages_cover_every_case_once(app, make_staff):
    ids = [make_report(app, f"Report number {n} about work without pay.") for n in range(57)]
    ids += [make_report(app, f"{URGENT} ({n})") for n in range(3)]
    worker = make_staff("pia", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    seen: list[str] = []
    url = "/console/"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += _codes(html)
        match = re.search(r'href="([^"]+)" id="older"', html)
        url = match.group(1).replace("&amp;", "&") if match else None
    assert len(seen) == len(set(seen)) == 60
    with app.app_context():
        urgent_codes = set(db.session.scalars(select(Case.case_code).where(Case.urgent)))
    assert set(seen[:3]) == urgent_codes


def test_counts_follow_every_change(app, make_staff):
    cases = [make_report(app, f"Report {n} about a farm.") for n in range(4)]
    make_report(app, "They locked us in the factory.", consent_law_enforcement=True)
    worker = make_staff("ray", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    post_form(client, f"/console/cases/{cases[0]}", f"/console/cases/{cases[0]}/status",
              {"status": "triaged"})
    post_form(client, f"/console/cases/{cases[1]}", f"/console/cases/{cases[1]}/status",
              {"status": "closed", "close_reason": "resolved"})
    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.slug == "survivor-support"))
        police = db.session.scalar(select(Team).where(Team.slug == "law-enforcement"))
        kept = status_counts(db.session, [team.id])
        assert kept == {"new": 3, "triaged": 1, "closed": 1}
        assert status_counts(db.session, [police.id]) == {"new": 1}
        truth = dict(db.session.execute(
            select(Case.status, func.count()).join(CaseQueue, CaseQueue.case_id == Case.id)
            .where(CaseQueue.team_id == team.id).group_by(Case.status)).all())
        assert {k: v for k, v in kept.items() if v} == truth
        rebuild_counts(db.session)
        assert status_counts(db.session, [team.id]) == kept
        assert db.session.scalar(select(func.min(CaseStatusCount.n))) >= 0
        db.session.rollback()
    html = client.get("/console/").get_data(as_text=True)
    assert re.search(r'data-status="triaged">[^<]*<span class="count">1</span>', html)
