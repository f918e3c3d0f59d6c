"""axe-core (bundled with axe-playwright-python, no network) on every console
page: zero serious or critical violations. Each page is also checked for the
console's own safety rules: the strict CSP and ``no-store`` headers, no
inline script or style, and no report text in the title or URL."""

from __future__ import annotations

import re

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from hotline.extensions import db
from hotline.staff.models import StaffUser
from tests.browser.test_console_flow import sign_in
from tests.conftest import make_report

pytestmark = pytest.mark.browser

REPORT = "They keep our passports at the greenhouse and we sleep in a container."
_axe = Axe()


def check_page(page, response, name: str, problems: list[str]) -> None:
    if response is not None:
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        if "unsafe-inline" in csp or "script-src 'self'" not in csp:
            problems.append(f"{name}: weak CSP")
        if headers.get("cache-control") != "no-store":
            problems.append(f"{name}: cacheable")
    if page.locator("[style]").count() or page.locator("script:not([src])").count():
        problems.append(f"{name}: inline style or script")
    if "passports" in page.title() or "passports" in page.url:
        problems.append(f"{name}: report text in the title or URL")
    results = _axe.run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            problems.append(f"{name}: {violation['id']} ({violation['impact']}): "
                            f"{[node['target'] for node in violation['nodes']][:3]}")


def test_every_console_page_is_accessible(app, new_context, live_server, make_staff,
                                          artifacts):
    case_id = make_report(app, REPORT, consent_law_enforcement=False)
    root = make_staff("root", "admin", ["survivor-support", "law-enforcement"])
    newcomer = make_staff("newcomer", "caseworker", ["survivor-support"])
    with app.app_context():  # newcomer has not enrolled a second factor yet
        user = db.session.scalar(select(StaffUser).where(StaffUser.username == "newcomer"))
        user.totp_secret_sealed = user.totp_enrolled_at = None
        db.session.commit()
    problems: list[str] = []
    page = new_context().new_page()

    def visit(path: str, name: str) -> None:
        response = page.goto(f"{live_server}{path}")
        check_page(page, response, name, problems)

    # Signed out: sign-in, recovery; the enrolment pages of a new member.
    visit("/console/login", "login")
    visit("/console/login/recover", "recover")
    page.fill("#username", newcomer.username)
    page.fill("#recovery_key", "WRONG-KEY")
    page.fill("#new_password", "x")
    page.fill("#confirm", "y")
    page.locator("main form button[type=submit]").click()
    check_page(page, None, "recover with errors", problems)
    visit("/console/login", "login again")
    page.fill("#username", newcomer.username)
    page.fill("#password", newcomer.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/login/enrol$"))
    check_page(page, None, "enrol", problems)
    secret = page.locator("#totp-secret").inner_text()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    check_page(page, None, "backup codes", problems)
    page.context.clear_cookies()

    # Signed in as an admin who also works cases: every other page.
    page.goto(f"{live_server}/console/login")
    page.fill("#username", root.username)
    page.fill("#password", root.password)
    page.locator("main form button[type=submit]").click()
    check_page(page, None, "code", problems)
    page.context.clear_cookies()
    sign_in(page, live_server, app, root)
    for path, name in [
        ("/console/", "queue"),
        ("/console/?status=new&language=en&urgent=no", "queue filtered"),
        (f"/console/cases/{case_id}", "case"),
        (f"/console/cases/{case_id}/escalate", "escalate (override)"),
        (f"/console/cases/{case_id}/audit", "case audit trail"),
        ("/console/account", "account"),
        ("/console/account/password", "password"),
        ("/console/audit", "audit log"),
        ("/console/admin/users", "users"),
        ("/console/admin/users/new", "invite"),
        (f"/console/admin/users/{newcomer.user_id}/reset", "reset with recovery key"),
        ("/console/admin/teams", "teams"),
        ("/console/admin/rules", "rules"),
        ("/console/admin/rules?sample-channel=sms&sample-language=es&sample-consent=full",
         "rules preview"),
        ("/console/admin/rules/new", "new rule"),
        ("/console/admin/settings", "settings"),
        ("/console/admin/translations", "translation status"),
        ("/console/admin/translations?lang=ar", "translation status in Arabic"),
        ("/console/admin/translations?lang=en", "translation status in English again"),
        ("/console/cases/99999999", "not found"),
    ]:
        visit(path, name)
    page.screenshot(path=str(artifacts / "console-settings.png"), full_page=True)
    visit("/console/admin/translations", "translation status once more")
    page.screenshot(path=str(artifacts / "console-translations.png"), full_page=True)
    visit("/console/admin/rules", "rules again")
    page.locator("table a").first.click()
    check_page(page, None, "edit rule", problems)
    page.locator("#preview").click()
    check_page(page, None, "edit rule with preview", problems)
    visit("/console/admin/rules", "rules once more")
    page.locator("table a", has_text="History").first.click()
    check_page(page, None, "rule history", problems)
    visit("/console/audit", "audit log again")
    page.locator("#verify-chain").click()
    check_page(page, None, "audit verified", problems)
    visit("/console/admin/users/new", "invite again")
    page.fill("#username", "invited")
    page.locator("main form button[type=submit]").click()
    check_page(page, None, "credentials shown once", problems)
    visit(f"/console/cases/{case_id}", "case after reads")
    page.fill("#note", "A note for the record.")
    page.locator("form[action$='/note'] button").click()
    check_page(page, None, "case with note and flash", problems)
    assert not problems, "\n".join(problems)
