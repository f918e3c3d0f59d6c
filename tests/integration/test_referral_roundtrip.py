"""A referral round trip with the real GnuPG: an NGO key made by `gpg`, a
consented case referred from the console, the packet downloaded by the
NGO's account and opened with `gpg --decrypt`. The packet's JSON keys are
all HTCDS 2.0 field names (read from the standard's field list), and what
the consent does not cover is absent."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case
from hotline.extensions import db
from tests.conftest import csrf_from, post_form, signed_in

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "htcds-2.0-fields.txt"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "htcds-2.0-fields.txt"
REPORT = ("They took my passport and I work every night at the laundry. Call me on "
          "+44 7700 900123 or write to maria@example.org when it is safe.")
PICTURE = b"\x89PNG\r\n\x1a\n" + b"pretend pixels " * 40


def htcds_field_names() -> set[str]:
    """Every 'Field Name including Prefix' of the HTCDS 2.0 sheet."""
    if SHARED.exists():
        assert SHARED.read_text() == REFERENCE.read_text(), "vendored copy is stale"
    names = set()
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 6 and re.fullmatch(r"[a-z]{3}_[A-Za-z]+", parts[6]):
            names.add(parts[6])
    assert {"cas_Status", "con_Consent", "cco_CaseComment", "vic_TypeOfExploitation"} <= names
    return names


def web_report(app, text: str, *, referral: str, police: str = "support") -> int:
    client = app.test_client()
    token = csrf_from(client.get("/").get_data(as_text=True))
    response = client.post("/", data={
        "csrf_token": token, "what_happened": text, "reporter_role": "victim",
        "category": "labour", "safe_to_contact": "yes", "consent": police,
        "consent_referral": referral})
    assert response.status_code == 200
    code = re.search(r'id="case-code">([^<]+)<', response.get_data(as_text=True)).group(1)
    with app.app_context():
        return db.session.scalar(select(Case.id).where(Case.case_code == code.replace("-", "")))


def add_organisation(client, key: str, name: str = "Safe Harbour", org_type: str = "NGO"):
    return post_form(client, "/console/organisations", "/console/organisations",
                     {"name": name, "org_type": org_type, "public_key": key})


def organisation_id(app, name: str) -> int:
    from hotline.exports.models import Organisation

    with app.app_context():
        return db.session.scalar(select(Organisation.id).where(Organisation.name == name))


def refer(client, case_id: int, org_id: int, **extra):
    page = f"/console/cases/{case_id}/refer"
    return post_form(client, page, page, {"organisation_id": org_id,
                                          "reason": "AdditionalServicesRequired",
                                          "details": "Needs a safe place tonight.", **extra})


def attach_picture(app, case_id: int) -> None:
    from hotline.media.images import CleanImage
    from hotline.media.operations import store_attachment

    with app.app_context():
        case = db.session.get(Case, case_id)
        store_attachment(db.session, app.config["HOTLINE_SETTINGS"].instance_path, case, None,
                         CleanImage(PICTURE, "image/png", 10, 10))
        db.session.commit()


@pytest.fixture
def partner_setup(app, admin, make_staff, partner_gpg_key):
    """An NGO with a gpg-made key, its partner account, and a caseworker."""
    admin_client = signed_in(app, admin)
    page = add_organisation(admin_client, partner_gpg_key.public_key)
    assert page.status_code == 302, page.get_data(as_text=True)
    org_id = organisation_id(app, "Safe Harbour")
    listing = admin_client.get("/console/organisations").get_data(as_text=True)
    grouped = " ".join(re.findall("....", partner_gpg_key.fingerprint.upper()))
    assert grouped in listing, "the fingerprint is shown for out-of-band checking"
    partner = make_staff("harbour-intake", "ngo_partner", [])
    response = post_form(admin_client, "/console/organisations",
                         f"/console/organisations/{org_id}/partners", {"user_id": partner.user_id})
    assert response.status_code == 302
    worker = make_staff("caseworker-ana", "caseworker", ["survivor-support"])
    return {"org_id": org_id, "admin": admin_client, "partner": partner, "worker": worker}


def download_and_decrypt(app, partner, key) -> tuple[dict, list[str]]:
    client = signed_in(app, partner)
    listing = client.get("/console/referrals").get_data(as_text=True)
    links = re.findall(r'href="(/console/referrals/[^"]+/packet)"', listing)
    assert len(links) == 1, listing
    response = client.get(links[0])
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.zip.gpg"')
    ciphertext = response.get_data()
    assert b"referral.json" not in ciphertext and b"passport" not in ciphertext
    archive = zipfile.ZipFile(io.BytesIO(key.decrypt(ciphertext)))
    names = archive.namelist()
    return json.loads(archive.read("referral.json")), names


def test_redacted_consent_round_trip_with_gpg(app, partner_setup, partner_gpg_key):
    case_id = web_report(app, REPORT, referral="redacted")
    attach_picture(app, case_id)
    worker = signed_in(app, partner_setup["worker"])
    page = worker.get(f"/console/cases/{case_id}/refer").get_data(as_text=True)
    assert 'data-type="NGO" data-scope="redacted"' in page
    response = refer(worker, case_id, partner_setup["org_id"])
    assert response.status_code == 302, response.get_data(as_text=True)

    document, names = download_and_decrypt(app, partner_setup["partner"], partner_gpg_key)
    assert set(document) <= htcds_field_names()
    assert names == ["referral.json"], "no pictures without full consent"
    assert document["con_Consent"] is True
    assert document["cas_ReferredOrganisation"] == "Safe Harbour"
    assert document["cas_ReasonForOutgoingReferral"] == "AdditionalServicesRequired"
    assert document["cas_OutgoingReferralDetails"] == "Needs a safe place tonight."
    assert document["vic_TypeOfExploitation"] == ["ForcedLabour"]
    assert document["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"
    comment = " ".join(document["cco_CaseComment"])
    assert "passport" in comment and "[phone]" in comment and "[email]" in comment
    assert "7700" not in json.dumps(document) and "maria@" not in json.dumps(document)

    with app.app_context():
        from hotline.exports.models import Referral

        referral = db.session.scalar(select(Referral))
        assert referral.basis == "consent" and referral.scope == "redacted"
        stored = (app.config["HOTLINE_SETTINGS"].instance_path / "exports"
                  / referral.id[:2] / f"{referral.id}.pgp").read_bytes()
        assert b"passport" not in stored
        actions = [entry.action for entry in db.session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id))]
        assert "referral.created" in actions and "referral.downloaded" in actions


def test_full_consent_carries_full_text_and_pictures(app, partner_setup, partner_gpg_key):
    case_id = web_report(app, REPORT, referral="full")
    attach_picture(app, case_id)
    worker = signed_in(app, partner_setup["worker"])
    assert refer(worker, case_id, partner_setup["org_id"]).status_code == 302
    document, names = download_and_decrypt(app, partner_setup["partner"], partner_gpg_key)
    assert set(document) <= htcds_field_names()
    assert "+44 7700 900123" in " ".join(document["cco_CaseComment"])
    assert names == ["referral.json", "attachments/01.png"]


def test_without_consent_refused_unless_a_supervisor_overrides(app, partner_setup, make_staff,
                                                               partner_gpg_key):
    from hotline.exports.models import Referral

    case_id = web_report(app, REPORT, referral="none", police="police_full")
    worker = signed_in(app, partner_setup["worker"])
    response = refer(worker, case_id, partner_setup["org_id"])
    assert response.status_code == 200
    assert 'id="refer-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Referral)) is None
    assert not (app.config["HOTLINE_SETTINGS"].instance_path / "exports").exists()

    supervisor = signed_in(app, make_staff("sup-sam", "supervisor", ["survivor-support"]))
    without_reason = refer(supervisor, case_id, partner_setup["org_id"])
    assert 'id="refer-error"' in without_reason.get_data(as_text=True)
    overridden = refer(supervisor, case_id, partner_setup["org_id"],
                       override_code="minor_at_risk",
                       override_text="She is 15 and alone tonight.")
    assert overridden.status_code == 302, overridden.get_data(as_text=True)

    document, _names = download_and_decrypt(app, partner_setup["partner"], partner_gpg_key)
    assert document["con_Consent"] is False
    assert set(document) <= htcds_field_names()
    assert "7700" not in json.dumps(document), "an override shares the redacted copy only"
    assert "She is 15" not in json.dumps(document), "the explanation stays with the team"
    with app.app_context():
        referral = db.session.scalar(select(Referral))
        assert (referral.basis, referral.reason_code, referral.scope) == (
            "override", "minor_at_risk", "redacted")
        entry = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "referral.created"))
        details = json.loads(entry.details)
        assert details["basis"] == "override" and details["reason"] == "minor_at_risk"


def test_police_consent_covers_law_enforcement_organisations(app, partner_setup,
                                                             partner_gpg_key):
    """The web form's police consent is the consent for LawEnforcement."""
    add_organisation(partner_setup["admin"], partner_gpg_key.public_key, name="Police unit",
                     org_type="LawEnforcement")
    police_id = organisation_id(app, "Police unit")
    case_id = web_report(app, REPORT, referral="none", police="police_redacted")
    worker = signed_in(app, partner_setup["worker"])
    assert refer(worker, case_id, police_id).status_code == 302
    # ... and that NGO consent does not cover the police.
    other = web_report(app, REPORT, referral="full")
    response = refer(worker, other, police_id)
    assert 'id="refer-error"' in response.get_data(as_text=True)
