"""The development phone: only in development mode, and it goes through the
same signed webhook path as Twilio."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from hotline.cases.models import Case
from hotline.channels.sms.models import InboundDedupe
from hotline.extensions import db
from tests.conftest import csrf_from


def test_no_development_phone_outside_development(client):
    assert client.get("/dev/phone").status_code == 404
    assert client.post("/dev/phone", data={"body": "hi"}).status_code in (400, 404)


class TestInDevelopment:
    @pytest.fixture
    def settings(self, settings):
        return replace(settings, environment="development")

    def test_text_reply_and_caseworker_reply(self, app, admin):
        from hotline.console.operations import reply
        from hotline.staff.models import StaffUser

        phone = app.test_client()
        page = phone.get("/dev/phone?number=%2B34600000123").get_data(as_text=True)
        assert "+34600000123" in page and 'href="/console/' in page
        response = phone.post("/dev/phone", data={
            "csrf_token": csrf_from(page), "number": "+34600000123",
            "body": "Me tienen encerrada y no me pagan"})
        assert response.status_code == 302
        page = phone.get(response.headers["Location"]).get_data(as_text=True)
        with app.app_context():
            case = db.session.scalars(select(Case)).one()
            assert case.channel == "sms" and case.language == "es"
            # It came through the webhook: deduplicated on the (hashed) sid.
            assert db.session.scalars(select(InboundDedupe)).first() is not None
            code = case.case_code
            user = db.session.get(StaffUser, admin.user_id)
            reply(db.session, app.config["HOTLINE_SETTINGS"], user, case, "Te ayudamos.")
            db.session.commit()
        assert "Me tienen encerrada" in page
        assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in page
        assert "Automatic reply" in page and "ALTO" in page
        response = phone.post("/dev/phone/deliver", data={
            "csrf_token": csrf_from(page), "number": "+34600000123"})
        page = phone.get(response.headers["Location"]).get_data(as_text=True)
        assert "Reply from a caseworker" in page and "Te ayudamos." in page
        assert len(re.findall('data-from="caseworker"', page)) == 1
