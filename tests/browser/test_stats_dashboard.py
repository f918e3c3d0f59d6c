"""In a real headless Chromium: the statistics dashboard renders its SVG
charts (each image loads, has a size, and is not blank) in English and in
Arabic (right to left). Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import random

import pyotp
import pytest
from PIL import Image, ImageStat

from tests.integration.test_stats_population import seed_population

pytestmark = pytest.mark.browser
CHARTS = ("weekly_channel", "language", "first_response", "category")


def sign_in(page, live_server, staff) -> None:
    page.goto(f"{live_server}/console/login")
    page.fill("#username", staff.username)
    page.fill("#password", staff.password)
    page.locator("form button[type=submit]").click()
    page.fill("#code", pyotp.TOTP(staff.totp_secret).now())
    page.locator("form button[type=submit]").click()


def check_charts(page) -> None:
    for name in CHARTS:
        image = page.locator(f"img[data-chart='{name}']")
        image.scroll_into_view_if_needed()
        assert image.get_attribute("alt"), "every chart has a text alternative"
        loaded = page.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=image.element_handle())
        assert loaded
        width = image.evaluate("el => el.naturalWidth")
        assert width > 200
        shot = Image.open(io.BytesIO(image.screenshot())).convert("L")
        assert ImageStat.Stat(shot).stddev[0] > 5, f"chart {name} is blank"
        # The table beside it, with the same title, is the text alternative.
        assert page.locator(f"#table-{name} h2").inner_text().strip()


def test_dashboard_charts_in_english_and_arabic(app, new_context, live_server, make_staff,
                                                artifacts):
    seed_population(app, random.Random(7), 600, 10)
    supervisor = make_staff("sup-dash", "supervisor", ["survivor-support"])
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server, supervisor)

    page.goto(f"{live_server}/console/stats?lang=en")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Statistics"
    check_charts(page)
    svg = page.request.get(f"{live_server}/console/stats/chart/language.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.body().count(b"<path") > 10
    page.screenshot(path=str(artifacts / "stats-dashboard-en.png"), full_page=True)

    page.goto(f"{live_server}/console/stats?lang=ar")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() != "Statistics"
    check_charts(page)
    page.screenshot(path=str(artifacts / "stats-dashboard-ar.png"), full_page=True)
