"""Who sees which referral, link expiry, revocation, partner status changes,
consent recorded on the reporter's behalf, organisation key checks, and the
authorization of every exports route."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hotline.db import utcnow
from hotline.extensions import db
from tests.conftest import csrf_from, make_report, post_form, signed_in
from tests.integration import test_referral_roundtrip as roundtrip
from tests.integration.test_referral_roundtrip import (
    REPORT,
    add_organisation,
    organisation_id,
    refer,
    web_report,
)

partner_setup = roundtrip.partner_setup  # the fixture, shared


def only_referral(app):
    from types import SimpleNamespace

    from hotline.exports.models import Referral

    with app.app_context():
        row = db.session.scalar(select(Referral))
        return SimpleNamespace(id=row.id, status=row.status)


def test_partner_sees_only_its_own_organisation(app, partner_setup, make_staff,
                                                partner_gpg_key):
    add_organisation(partner_setup["admin"], partner_gpg_key.public_key, name="Other NGO")
    other_id = organisation_id(app, "Other NGO")
    stranger = make_staff("other-intake", "ngo_partner", [])
    post_form(partner_setup["admin"], "/console/organisations",
              f"/console/organisations/{other_id}/partners", {"user_id": stranger.user_id})
    case_id = web_report(app, REPORT, referral="redacted")
    worker = signed_in(app, partner_setup["worker"])
    assert refer(worker, case_id, partner_setup["org_id"]).status_code == 302
    referral = only_referral(app)

    outsider = signed_in(app, stranger)
    assert referral.id not in outsider.get("/console/referrals").get_data(as_text=True)
    assert outsider.get(f"/console/referrals/{referral.id}/packet").status_code == 404
    unlinked = signed_in(app, make_staff("unlinked", "ngo_partner", []))
    assert unlinked.get(f"/console/referrals/{referral.id}/packet").status_code == 404
    # Partners never reach case pages.
    assert signed_in(app, partner_setup["partner"]).get(
        f"/console/cases/{case_id}").status_code == 403


def test_links_expire_and_revocation_deletes_the_packet(app, partner_setup):
    case_id = web_report(app, REPORT, referral="redacted")
    worker = signed_in(app, partner_setup["worker"])
    refer(worker, case_id, partner_setup["org_id"])
    referral = only_referral(app)
    partner = signed_in(app, partner_setup["partner"])
    url = f"/console/referrals/{referral.id}/packet"
    assert partner.get(url).status_code == 200

    from hotline.exports.models import Referral

    with app.app_context():
        row = db.session.get(Referral, referral.id)
        expires = row.expires_at
        assert timedelta(days=29) < expires - row.created_at <= timedelta(days=30)
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert partner.get(url).status_code == 410
    with app.app_context():
        db.session.get(Referral, referral.id).expires_at = expires
        db.session.commit()

    path = (app.config["HOTLINE_SETTINGS"].instance_path / "exports" / referral.id[:2]
            / f"{referral.id}.pgp")
    assert path.exists()
    response = post_form(worker, "/console/referrals",
                         f"/console/referrals/{referral.id}/status", {"status": "revoked"})
    assert response.status_code == 302
    assert not path.exists()
    assert partner.get(url).status_code == 410
    assert only_referral(app).status == "revoked"


def test_partner_accepts_or_rejects_but_cannot_revoke(app, partner_setup):
    case_id = web_report(app, REPORT, referral="redacted")
    refer(signed_in(app, partner_setup["worker"]), case_id, partner_setup["org_id"])
    referral = only_referral(app)
    partner = signed_in(app, partner_setup["partner"])
    status_url = f"/console/referrals/{referral.id}/status"
    post_form(partner, "/console/referrals", status_url, {"status": "revoked"})
    assert only_referral(app).status == "in_progress"
    post_form(partner, "/console/referrals", status_url, {"status": "accepted"})
    assert only_referral(app).status == "accepted"
    # A second open referral to the same organisation is refused.
    again = refer(signed_in(app, partner_setup["worker"]), case_id, partner_setup["org_id"])
    assert 'id="refer-error"' in again.get_data(as_text=True)


def test_caseworker_records_consent_given_by_phone(app, partner_setup):
    case_id = make_report(app, REPORT, channel="sms")
    worker = signed_in(app, partner_setup["worker"])
    page = f"/console/cases/{case_id}/refer"
    assert 'id="refer-error"' in refer(worker, case_id, partner_setup["org_id"]).get_data(
        as_text=True)
    response = post_form(worker, page, f"/console/cases/{case_id}/consent",
                         {"recipient_type": "NGO", "scope": "redacted"})
    assert response.status_code == 302
    assert 'data-type="NGO" data-scope="redacted"' in worker.get(page).get_data(as_text=True)
    assert refer(worker, case_id, partner_setup["org_id"]).status_code == 302

    from hotline.exports.models import CaseConsent

    with app.app_context():
        row = db.session.scalar(select(CaseConsent))
        assert (row.source, row.recorded_by) == ("caseworker", partner_setup["worker"].user_id)


def test_organisation_keys_are_checked(app, admin, partner_gpg_key):
    client = signed_in(app, admin)
    garbage = add_organisation(client, "not a key at all", name="Broken")
    assert 'id="organisation-error"' in garbage.get_data(as_text=True)
    private = add_organisation(client, "-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n",
                               name="Oops")
    assert "private key" in private.get_data(as_text=True)
    assert organisation_id(app, "Broken") is None and organisation_id(app, "Oops") is None
    good = add_organisation(client, partner_gpg_key.public_key, name="Fine")
    assert good.status_code == 302
    page = f"/console/organisations/{organisation_id(app, 'Fine')}"
    form = client.get(page).get_data(as_text=True)
    assert "BEGIN PGP PUBLIC KEY BLOCK" in form
    saved = post_form(client, page, page, {"name": "Fine Renamed", "org_type": "NGO",
                                           "public_key": partner_gpg_key.public_key})
    assert saved.status_code == 302 and organisation_id(app, "Fine Renamed") is not None


EXPORTS_ALLOWED = {
    "exports.stats_page": {"supervisor", "admin"},
    "exports.stats_chart": {"supervisor", "admin"},
    "exports.stats_csv": {"supervisor", "admin"},
    "exports.stats_json": {"supervisor", "admin"},
    "exports.organisations_page": {"admin"},
    "exports.organisation_edit": {"admin"},
    "exports.organisation_active": {"admin"},
    "exports.organisation_link": {"admin"},
    "exports.referrals_page": {"caseworker", "supervisor", "admin", "ngo_partner"},
}


@pytest.mark.parametrize("role", ["caseworker", "le_triage", "supervisor", "admin",
                                  "ngo_partner", None])
def test_exports_authorization(app, make_staff, partner_gpg_key, role):
    from hotline.exports.models import Organisation

    with app.app_context():
        db.session.add(Organisation(name="X", org_type="NGO", public_key="-",
                                    fingerprint="0" * 40))
        db.session.commit()
        org_id = db.session.scalar(select(Organisation.id))
    if role is None:
        client = app.test_client()
        token = csrf_from(client.get("/console/login").get_data(as_text=True))
    else:
        teams = {"le_triage": ["law-enforcement"], "ngo_partner": []}.get(
            role, ["survivor-support"])
        client = signed_in(app, make_staff(f"x-{role}", role, teams))
        token = csrf_from(client.get("/console/account").get_data(as_text=True))
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in EXPORTS_ALLOWED:
            continue
        url = rule.build({"organisation_id": org_id, "name": "language"})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method,
                                   data={"csrf_token": token} if method == "POST" else None)
            if role is None:
                assert response.headers.get("Location", "").endswith("/console/login") or \
                    response.status_code == 401, (url, method)
                continue
            allowed = response.status_code not in (401, 403, 404)
            assert allowed == (role in EXPORTS_ALLOWED[rule.endpoint]), (
                role, url, method, response.status_code)
    # Case routes: nobody gets a case they cannot see.
    if role is not None:
        assert client.get("/console/cases/10000000/refer").status_code in (403, 404)
