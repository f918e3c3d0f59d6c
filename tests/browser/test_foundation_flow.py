"""In a real headless Chromium: a Spanish report with JavaScript off reaches
the survivor-support queue, a caseworker answers, the reporter reads it."""

from __future__ import annotations

import pyotp
import pytest

pytestmark = pytest.mark.browser

REPORT = ("Me quitaron el pasaporte. Trabajo en una fábrica de ropa desde las seis de la "
          "mañana hasta la medianoche y no me dejan salir.")
REPLY = "Gracias por escribirnos. Estamos aquí para ayudarte."


def test_spanish_report_reply_and_inbox(new_context, live_server, make_staff, artifacts):
    worker = make_staff("lucia", "caseworker", ["survivor-support"])

    reporter = new_context(java_script_enabled=False, locale="es-MX").new_page()
    reporter.goto(f"{live_server}/?lang=es")
    assert reporter.locator("html").get_attribute("lang") == "es"
    reporter.fill("#what_happened", REPORT)
    reporter.check("#reporter_role-0")
    reporter.check("#safe_to_contact-0")
    reporter.check("#consent-0")
    reporter.locator("form button[type=submit]").click()
    shown_code = reporter.locator("#case-code").inner_text().strip()
    assert len(shown_code) == 12 and shown_code[4] == "-", "grouped for reading out"
    case_code = shown_code.replace("-", "")
    passphrase = reporter.locator("#passphrase").inner_text().strip()
    assert case_code and len(passphrase.split()) >= 5
    reporter.screenshot(path=str(artifacts / "foundation-receipt-es.png"), full_page=True)

    staff = new_context().new_page()
    staff.goto(f"{live_server}/console/login")
    staff.fill("#username", worker.username)
    staff.fill("#password", worker.password)
    staff.locator("form button[type=submit]").click()
    staff.fill("#code", pyotp.TOTP(worker.totp_secret).now())  # TOTP (issue 5)
    staff.locator("form button[type=submit]").click()
    row = staff.locator(f"tr[data-case-code='{case_code}']")
    assert row.locator("td.language").inner_text() == "es"
    row.locator("a").click()
    assert REPORT in staff.locator(".conversation").inner_text()
    assert "pasaporte" not in staff.title()
    staff.fill("#text", REPLY)
    staff.locator("form[action$='/reply'] button").click()
    assert REPLY in staff.locator(".conversation").inner_text()
    staff.screenshot(path=str(artifacts / "foundation-console-case.png"), full_page=True)

    reporter.goto(f"{live_server}/inbox")
    reporter.fill("#case_code", shown_code)
    reporter.fill("#passphrase", passphrase)
    reporter.locator("form button[type=submit]").click()
    conversation = reporter.locator(".conversation").inner_text()
    assert REPLY in conversation and REPORT in conversation
    reporter.screenshot(path=str(artifacts / "foundation-inbox-es.png"), full_page=True)


def test_quick_exit_is_first_and_leaves(new_context, live_server, admin):
    page = new_context().new_page()
    page.goto(f"{live_server}/?lang=es")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "exit-this-page"
    page.keyboard.press("Enter")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert page.title() == "Weather"
    page.go_back()
    assert "bbc.co.uk" in page.url or page.url == "about:blank", "the report page left history"


def test_quick_exit_works_without_javascript(new_context, live_server, admin):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server}/inbox")
    page.locator("#exit-this-page").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")


def test_three_shift_presses_leave(new_context, live_server, admin):
    page = new_context().new_page()
    page.goto(f"{live_server}/")
    page.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")
