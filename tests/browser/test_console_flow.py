"""The triage console in a real headless Chromium: sign in with TOTP, filter
the queue, claim, note, reply, escalate with consent, escalate without
consent as a supervisor override, the police officer's redacted copy with
coarsened dates, close with a reason, and the audit trail of every step."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from hotline.cases.models import RoutingRule
from hotline.extensions import db
from tests.conftest import make_report, totp_code

pytestmark = pytest.mark.browser

CONSENTED = ("Me quitaron el pasaporte en la fábrica de ropa. Trabajo dieciséis horas y no "
             "me pagan. Mi número es +34 612 345 678.")
UNCONSENTED = "Help me now, they will hurt my little sister tonight. Call +44 7700 900555."
OTHER = "Je travaille dans un restaurant sans salaire depuis six mois."
NOTE = "Spoke to a colleague: the factory is known to the labour inspectorate."
REPLY = "Gracias por escribirnos. ¿Estás a salvo ahora mismo?"
WHY = "The reporter's sister is a child and they mention tonight."


def sign_in(page, live_server: str, app, staff) -> None:
    page.goto(f"{live_server}/console/login")
    page.fill("#username", staff.username)
    page.fill("#password", staff.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/console/login/code$"))
    page.fill("#code", totp_code(app, staff))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/console/$"))


def test_console_triage_flow(app, new_context, live_server, make_staff, artifacts):
    with app.app_context():  # consented reports wait in support until escalated
        db.session.execute(update(RoutingRule).where(RoutingRule.position == 20)
                           .values(active=False))
        db.session.commit()
    consented = make_report(app, CONSENTED, locale="es", consent_law_enforcement=True)
    unconsented = make_report(app, UNCONSENTED)
    make_report(app, OTHER, locale="fr")
    worker = make_staff("carmen", "caseworker", ["survivor-support"])
    boss = make_staff("sara", "supervisor", ["survivor-support"])
    officer = make_staff("oscar", "le_triage", ["law-enforcement"])

    # 1. Sign in with TOTP; 2. filter the queue.
    page = new_context().new_page()
    sign_in(page, live_server, app, worker)
    assert page.locator("tbody tr").count() == 3
    page.select_option("#f-language", "es")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*language=es.*"))
    assert page.locator("tbody tr").count() == 1
    assert page.locator("td.language").inner_text() == "es"
    assert "pasaporte" not in page.content(), "the queue shows metadata only"
    page.screenshot(path=str(artifacts / "console-queue-filtered.png"), full_page=True)
    page.locator("tbody tr a").click()
    assert CONSENTED in page.locator(".conversation").inner_text()
    assert "pasaporte" not in page.title() and "pasaporte" not in page.url

    # 3. Claim; 4. note; 5. reply.
    page.locator("#claim").click()
    assert page.locator("#case-assignee").inner_text() == "carmen"
    page.fill("#note", NOTE)
    page.locator("form[action$='/note'] button").click()
    page.fill("#text", REPLY)
    page.locator("form[action$='/reply'] button").click()
    conversation = page.locator(".conversation").inner_text()
    assert NOTE in conversation and REPLY in conversation
    assert page.locator(".entry.kind-note").count() == 1

    # 6a. Escalate with the reporter's consent.
    page.locator("#escalate").click()
    assert page.locator("#consent-basis").is_visible()
    page.locator("main form button[type=submit]").click()
    assert page.locator(".escalations li[data-basis='consent']").count() == 1
    page.screenshot(path=str(artifacts / "console-case-escalated.png"), full_page=True)

    # 6b. Without consent: a supervisor's override with a reason.
    sup = new_context().new_page()
    sign_in(sup, live_server, app, boss)
    sup.goto(f"{live_server}/console/cases/{unconsented}/escalate")
    assert sup.locator("#override-basis").is_visible()
    sup.check("#reason-minor_at_risk")
    sup.fill("#reason_text", WHY)
    sup.locator("main form button[type=submit]").click()
    override = sup.locator(".escalations li[data-basis='override']")
    assert "A minor at risk" in override.inner_text()
    assert WHY in sup.locator(".conversation").inner_text(), "the explanation, sealed as a note"
    sup.screenshot(path=str(artifacts / "console-override.png"), full_page=True)

    # 7. The officer sees the redacted copies, with dates only.
    police = new_context().new_page()
    sign_in(police, live_server, app, officer)
    assert police.locator("tbody tr").count() == 2
    police.goto(f"{live_server}/console/cases/{consented}")
    text = police.locator(".conversation").inner_text()
    assert "pasaporte" in text and "612 345 678" not in text and NOTE not in text
    assert police.locator(".entry[data-part='redacted']").count() >= 1
    received = police.locator("#case-received time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", received.get_attribute("datetime"))
    assert ":" not in received.inner_text(), "no time of day for law enforcement"
    police.goto(f"{live_server}/console/cases/{unconsented}")
    text = police.locator(".conversation").inner_text()
    assert "little sister" in text and "900555" not in text and WHY not in text
    police.screenshot(path=str(artifacts / "console-police-redacted.png"), full_page=True)

    # 8. Close with a reason.
    page.goto(f"{live_server}/console/cases/{consented}")
    page.select_option("#close_reason", "referred_elsewhere")
    page.locator("#close-form button").click()
    assert page.locator("#case-status").get_attribute("data-status") == "closed"

    # 9. The audit trail shows each step.
    sup.goto(f"{live_server}/console/cases/{consented}/audit")
    actions = [row.get_attribute("data-action") for row in sup.locator("tbody tr").all()]
    for action in ("report.received", "case.read", "case.claimed", "case.note", "case.reply",
                   "case.escalated", "case.keys_rewrapped", "case.status"):
        assert action in actions, action
    trail = sup.locator("table").inner_text()
    assert "oscar" in trail, "the officer's read is on the trail"
    assert "pasaporte" not in trail and NOTE not in trail
    sup.screenshot(path=str(artifacts / "console-audit-trail.png"), full_page=True)
