"""Every reporter-facing page, rendered in every shipped locale in headless
Chromium at a phone's width.

Pages: the report form (empty, and with its errors), the receipt, the inbox
sign-in (and its error), the inbox with a reply from staff, the delete
confirmation, the deleted page, and the error pages a reporter can meet (not
found, a form that expired). For each, in each
locale that has a catalog folder (so a new catalog is picked up, and an
incomplete one fails rather than being skipped):

- no distinctive English source string (longer than 12 characters, seen on
  the same page in English) is visible, nor in the title or attributes
  people meet (placeholder, aria-label, title, alt);
- no text overflows its box: ``scrollWidth <= clientWidth + 1`` on the
  page's block containers (body, main, form, fieldsets, fields, labels,
  buttons, paragraphs ...), and the page does not scroll sideways;
- ``<html dir>`` is rtl for ar, fa and ur, ltr otherwise, and ``lang`` is the
  locale's BCP 47 tag; what people wrote keeps its own direction (dir=auto);
- every character on the page is covered by one of the shipped Noto subsets
  (hotline/static/fonts/manifest.json) whose face the page actually loaded,
  so no device shows tofu (Chinese included: its subset holds the zh_Hans
  catalog's characters, so a catalog change may need ``make fonts``);
- a screenshot per locale and page lands in test-artifacts/i18n/.

One browser, one live server and one context for all locales; the catalogs
are compiled fresh from the .po files into a temporary folder, so the test
sees what a drafter just wrote. The app starts with English only (start-up
refuses incomplete catalogs) and then enables every shipped locale, so one
incomplete catalog fails its own test, not the others.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from hotline import create_app
from hotline.bootstrap import seed
from hotline.cases.models import Case
from hotline.extensions import babel, db
from hotline.i18n import TRANSLATIONS_DIR, language_code, language_tag
from hotline.intake.languages import RTL_LANGUAGES
from hotline.settings import encode_secret, load_settings
from tests.browser.conftest import ARTIFACTS, serving
from tests.conftest import Staff, _clean, csrf_from, signed_in

pytestmark = pytest.mark.browser

# Every catalog folder, with or without its messages.po: a folder missing its
# catalog renders in English and fails here too.
SHIPPED = sorted(language_code(path.name) for path in TRANSLATIONS_DIR.iterdir()
                 if path.is_dir() and not path.name.startswith((".", "_")))
LOCALES = ["en", *SHIPPED]
FONTS = json.loads((Path(__file__).resolve().parents[2] / "hotline" / "static" / "fonts"
                    / "manifest.json").read_text())
VIEWPORT = {"width": 360, "height": 740}  # a small phone
REPORT = "Test report 4711: they took our documents."
REPLY = "Reply 4711 from the support team."
MIN_LENGTH = 12

# Text a person meets on the page: text nodes and the attributes read out or
# shown; not the language picker (native names in every script, by design),
# case codes and passphrases, or what the reporter and staff wrote.
COLLECT_TEXT = """() => {
  const skip = "script, style, nav.languages, .code, .entry-text, [data-i18n-skip]";
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skip)) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) texts.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], [alt]")) {
    if (el.closest(skip)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  return texts;
}"""

CHECK_OVERFLOW = """() => {
  const selector = "body, main, header, footer, form, fieldset, .field, .choice, label, button, "
    + ".button, h1, h2, p, dl, dd, dt, li, .receipt, .warning, .notice, .error-summary, "
    + ".exit-this-page";
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page scrolls sideways (${root.scrollWidth} > ${window.innerWidth})`);
  }
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.display === "inline" || style.display === "none") continue;
    if (el.closest(".visually-hidden")) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "");
      problems.push(`${name} overflows (${el.scrollWidth} > ${el.clientWidth}): `
        + el.textContent.replace(/\\s+/g, " ").trim().slice(0, 60));
    }
  }
  return problems;
}"""

# Every character drawn on the page (the picker included), and the faces loaded.
FONT_STATE = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].map(f => ({family: f.family.replace(/"/g, ""),
    weight: f.weight, status: f.status, range: f.unicodeRange}));
  return {text: document.body.innerText + " " + document.title, faces};
}"""


@dataclass
class Rendered:
    texts: list[str]
    overflow: list[str]
    direction: str
    lang: str
    chars: str
    loaded: set[tuple[str, str]] = field(default_factory=set)  # (family, manifest file)


def _compile_catalogs(target: Path) -> None:
    """Compile every shipped catalog as ``pybabel compile`` would (no fuzzy)."""
    for po in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"):
        out = target / po.parent.parent.name / "LC_MESSAGES"
        out.mkdir(parents=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with (out / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)


@pytest.fixture(scope="module")
def i18n_app(tmp_path_factory, database_url):
    instance = tmp_path_factory.mktemp("i18n-instance")
    settings = load_settings({
        "HOTLINE_INSTANCE": str(instance), "HOTLINE_ENV": "testing",
        "HOTLINE_ARGON2": "insecure-test", "DATABASE_URL": database_url,
        "HOTLINE_LANGUAGES": "en",
        **{name: encode_secret(secrets.token_bytes(32))
           for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")}})
    _clean(database_url)
    app = create_app(settings)
    app.config["HOTLINE_SETTINGS"] = replace(settings, languages=tuple(LOCALES))
    compiled = tmp_path_factory.mktemp("i18n-catalogs")
    _compile_catalogs(compiled)
    app.extensions["babel"].translation_directories = [str(compiled)]
    with app.app_context():
        babel.domain_instance.cache.clear()
    yield app
    with app.app_context():
        babel.domain_instance.cache.clear()  # later tests read the real catalogs again
    db.engine_for(app).dispose()


@pytest.fixture(scope="module")
def staff_client(i18n_app):
    """A signed-in admin (a member of the support team) to reply to reports."""
    from hotline.console.totp import enrol_now

    with i18n_app.app_context():
        enrolment = seed(db.session, i18n_app.config["HOTLINE_SETTINGS"]).admin
        secret = enrol_now(db.session, i18n_app.config["HOTLINE_SETTINGS"], enrolment.user)
        db.session.commit()
        staff = Staff(enrolment.user.username, enrolment.password, enrolment.recovery_key,
                      enrolment.user.id, secret)
    return signed_in(i18n_app, staff)


@pytest.fixture(scope="module")
def i18n_server(i18n_app) -> Iterator[str]:
    with serving(i18n_app) as url:
        yield url


@pytest.fixture(scope="module")
def i18n_page(browser, i18n_server):
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")

    def offline(route):
        if route.request.url.startswith(i18n_server):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    yield page
    context.close()


def _reply(app, client, case_code: str) -> None:
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.case_code == case_code))
    page = client.get(f"/console/cases/{case_id}")
    response = client.post(f"/console/cases/{case_id}/reply", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "text": REPLY})
    assert response.status_code == 302, response.status_code


def render_pages(page, server: str, app, staff_client, locale: str,
                 artifacts: Path) -> dict[str, Rendered]:
    page.context.clear_cookies()
    shots = artifacts / "i18n"
    shots.mkdir(parents=True, exist_ok=True)
    rendered: dict[str, Rendered] = {}

    def capture(name: str) -> None:
        page.wait_for_load_state("load")
        fonts = page.evaluate(FONT_STATE)
        state = Rendered(texts=page.evaluate(COLLECT_TEXT), overflow=page.evaluate(CHECK_OVERFLOW),
                         direction=page.locator("html").get_attribute("dir") or "",
                         lang=page.locator("html").get_attribute("lang") or "",
                         chars=fonts["text"])
        state.loaded = {(face["family"], face["range"]) for face in fonts["faces"]
                        if face["status"] == "loaded"}
        rendered[name] = state
        page.screenshot(path=str(shots / f"{locale}-{name}.png"), full_page=True)

    page.goto(f"{server}/?lang={locale}")
    capture("report")
    page.locator("main form button[type=submit]").click()
    capture("report-errors")
    page.fill("#what_happened", REPORT)
    page.check("#reporter_role-1")
    page.check("#safe_to_contact-0")
    page.locator("main form button[type=submit]").click()
    capture("receipt")
    case_code = page.locator("#case-code").inner_text().strip()
    passphrase = page.locator("#passphrase").inner_text().strip()
    _reply(app, staff_client, case_code.replace("-", ""))
    page.goto(f"{server}/inbox")
    capture("inbox-login")
    page.fill("#case_code", case_code)
    page.fill("#passphrase", "wrong words entirely")
    page.locator("main form button[type=submit]").click()
    capture("inbox-login-error")
    page.fill("#case_code", case_code)
    page.fill("#passphrase", passphrase)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/inbox/messages$"))
    assert REPLY in page.locator(".conversation").inner_text()
    capture("inbox")
    directions = page.eval_on_selector_all(
        ".entry-text", "els => els.map(el => getComputedStyle(el).direction)")
    if directions != ["ltr", "ltr"]:  # English text keeps its own direction on any page
        rendered["inbox"].overflow.append(f"what people wrote is laid out {directions}")
    page.goto(f"{server}/inbox/delete")
    capture("inbox-delete")
    page.fill("#passphrase", passphrase)
    page.locator("#confirm-delete").click()
    page.wait_for_selector("#deleted-outcome")
    capture("deleted")
    page.goto(f"{server}/no-such-page")
    capture("not-found")
    page.goto(f"{server}/")
    page.evaluate("document.querySelector('main form input[name=csrf_token]').value = 'stale'")
    page.locator("main form button[type=submit]").click()
    capture("form-expired")
    return rendered


@pytest.fixture(scope="module")
def english(i18n_page, i18n_server, i18n_app, staff_client) -> dict[str, Rendered]:
    return render_pages(i18n_page, i18n_server, i18n_app, staff_client, "en", ARTIFACTS)


def _distinctive(texts: list[str]) -> set[str]:
    return {text for text in texts if len(text) > MIN_LENGTH and re.search(r"[A-Za-z]{3}", text)
            and REPORT not in text and REPLY not in text}


def _in_ranges(code: int, ranges) -> bool:
    return any(start <= code <= end for start, end in ranges)


def _parse_range(css: str) -> list[tuple[int, int]]:
    ranges = []
    for part in css.split(","):
        bounds = part.strip().removeprefix("U+").removeprefix("u+").split("-")
        ranges.append((int(bounds[0], 16), int(bounds[-1], 16)))
    return ranges


def _font_problems(state: Rendered) -> list[str]:
    loaded = [(family, _parse_range(css)) for family, css in state.loaded]
    missing: dict[str, set[str]] = {}
    for char in set(state.chars):
        code = ord(char)
        if char.isspace() or code < 0x20 or 0x200B <= code <= 0x200F:
            continue
        shipped = [face["family"] for face in FONTS if _in_ranges(code, face["ranges"])]
        if not shipped:
            missing.setdefault("no shipped font covers (for Chinese: `make fonts`)", set()).add(
                f"{char} U+{code:04X}")
        elif not any(family in shipped and _in_ranges(code, ranges) for family, ranges in loaded):
            missing.setdefault(f"not loaded ({', '.join(sorted(set(shipped)))})", set()).add(
                f"{char} U+{code:04X}")
    return [f"{reason}: {' '.join(sorted(chars)[:12])}" for reason, chars in missing.items()]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_renders_in_the_locale(locale, english, i18n_page, i18n_server, i18n_app,
                                          staff_client):
    rendered = english if locale == "en" else render_pages(
        i18n_page, i18n_server, i18n_app, staff_client, locale, ARTIFACTS)
    problems: list[str] = []
    for name, state in rendered.items():
        expected_dir = "rtl" if locale in RTL_LANGUAGES else "ltr"
        if state.direction != expected_dir:
            problems.append(f"{name}: dir={state.direction!r}, expected {expected_dir}")
        if state.lang != language_tag(locale):
            problems.append(f"{name}: lang={state.lang!r}, expected {language_tag(locale)!r}")
        if locale != "en":
            page_text = "\n".join(state.texts)
            for source in sorted(_distinctive(english[name].texts)):
                if source in page_text:
                    problems.append(f"{name}: English is visible: {source[:70]!r}")
        problems += [f"{name}: {problem}" for problem in state.overflow]
        problems += [f"{name}: {problem}" for problem in _font_problems(state)]
    assert not problems, f"{locale} ({len(problems)} problems):\n" + "\n".join(problems)
