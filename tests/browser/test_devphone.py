"""In a real headless Chromium with JavaScript off: text the hotline from the
development phone, watch the case appear in the console, reply, and read the
reply on the phone."""

from __future__ import annotations

from dataclasses import replace

import pyotp
import pytest

pytestmark = pytest.mark.browser

REPORT = "Me quitaron el pasaporte y nos encierran en la finca por la noche."
REPLY = "Gracias por escribirnos. ¿Puedes hablar a salvo mañana?"


@pytest.fixture
def settings(settings):
    return replace(settings, environment="development")


def test_devphone_to_console_and_back(new_context, live_server, make_staff, artifacts):
    worker = make_staff("rosa", "caseworker", ["survivor-support"])

    phone = new_context(java_script_enabled=False).new_page()
    phone.goto(f"{live_server}/dev/phone")
    phone.select_option("#number", "+34600000123")
    phone.locator("form.devphone-number button").click()
    phone.fill("#body", REPORT)
    phone.locator("#send-text").click()
    messages = phone.locator("#phone-messages")
    assert REPORT in messages.inner_text()
    automatic = messages.locator("li[data-from='line']")
    assert automatic.count() == 2
    welcome = automatic.first.inner_text()
    assert "ALTO" in welcome and "BORRAR" in welcome
    shown_code = welcome.split("Código de caso: ")[1][:12]
    case_code = shown_code.replace("-", "")
    assert len(case_code) == 10 and case_code.isdigit()
    phone.screenshot(path=str(artifacts / "devphone-report-es.png"), full_page=True)
    console_link = phone.locator("#console-link")
    assert console_link.get_attribute("href") == "/console/"

    staff = new_context().new_page()
    staff.goto(f"{live_server}/console/login")
    staff.fill("#username", worker.username)
    staff.fill("#password", worker.password)
    staff.locator("form button[type=submit]").click()
    staff.fill("#code", pyotp.TOTP(worker.totp_secret).now())
    staff.locator("form button[type=submit]").click()
    row = staff.locator(f"tr[data-case-code='{case_code}']")
    assert row.locator("td.language").inner_text() == "es"
    row.locator("a").click()
    conversation = staff.locator(".conversation").inner_text()
    assert REPORT in conversation and "+34" not in conversation
    staff.fill("#text", REPLY)
    staff.locator("form[action$='/reply'] button").click()
    assert REPLY in staff.locator(".conversation").inner_text()

    phone.locator("#deliver").click()
    caseworker = phone.locator("#phone-messages li[data-from='caseworker']")
    assert caseworker.count() == 1 and REPLY in caseworker.inner_text()
    phone.screenshot(path=str(artifacts / "devphone-reply-es.png"), full_page=True)
