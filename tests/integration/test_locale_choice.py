"""The web's choice of locale, for every language: ?lang=, then the session,
then Accept-Language, then the default; lang/dir on <html>; native names in
the picker; and catalogs found under our folder names (zh_Hans, tl)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from hotline.extensions import babel
from hotline.i18n import language_tag
from hotline.intake.languages import ALL_LANGUAGES, RTL_LANGUAGES, native_name

HTML = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)">')


@pytest.fixture
def every_language(app):
    """The app with all 30 languages enabled (start-up would refuse the
    catalogs still being drafted; this test looks at the choice, not the text)."""
    app.config["HOTLINE_SETTINGS"] = replace(app.config["HOTLINE_SETTINGS"],
                                             languages=ALL_LANGUAGES)
    return app


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_each_language_by_query_session_and_header(every_language, code):
    client = every_language.test_client()
    expected = (language_tag(code), "rtl" if code in RTL_LANGUAGES else "ltr")
    assert HTML.search(client.get(f"/?lang={code}").get_data(as_text=True)).groups() == expected
    assert HTML.search(client.get("/inbox").get_data(as_text=True)).groups() == expected, \
        "remembered in the session"
    browser = every_language.test_client()
    header = {"zh": "zh-CN,zh;q=0.9", "tl": "fil-PH,fil;q=0.9"}.get(code, f"{code}-XX")
    html = browser.get("/", headers={"Accept-Language": f"{header},en;q=0.5"}).get_data(
        as_text=True)
    assert HTML.search(html).groups() == expected, "Accept-Language, region and all"


def test_query_beats_session_beats_header_beats_default(every_language):
    client = every_language.test_client()
    urdu_first = {"Accept-Language": "ur-PK,en;q=0.5"}
    assert HTML.search(client.get("/", headers=urdu_first).get_data(as_text=True))[1] == "ur"
    client.get("/?lang=am")
    assert HTML.search(client.get("/", headers=urdu_first).get_data(as_text=True))[1] == "am"
    assert HTML.search(client.get("/?lang=zh_Hans").get_data(as_text=True))[1] == "zh-Hans"
    assert HTML.search(client.get("/?lang=xx").get_data(as_text=True))[1] == "zh-Hans"
    assert HTML.search(every_language.test_client().get("/", headers={
        "Accept-Language": "de-DE"}).get_data(as_text=True))[1] == "en", "the default"


def test_the_picker_shows_native_names(every_language):
    html = every_language.test_client().get("/?lang=fr").get_data(as_text=True)
    links = re.findall(r'<a href="\?lang=([^"]+)" lang="([^"]+)" hreflang="[^"]+" dir="(\w+)"'
                       r'(?: aria-current="true")?>([^<]+)</a>', html)
    assert [code for code, *_ in links] == list(ALL_LANGUAGES)
    names = {code: name for code, _tag, _dir, name in links}
    assert names["zh"] == "中文" and names["am"] == "አማርኛ" and names["es"] == "Español"
    assert all(names[code] == native_name(code) for code in ALL_LANGUAGES)
    assert ('fr', 'fr', 'ltr') in [(c, t, d) for c, t, d, _ in links]
    assert re.search(r'lang="fr"[^>]*aria-current="true"', html)


def test_catalogs_are_found_under_our_folder_names(every_language, tmp_path):
    """Babel parses "tl" as fil_PH; the catalog is translations/tl all the same."""
    for folder, title in (("tl", "Mag-ulat nang ligtas"), ("zh_Hans", "安全举报")):
        catalog = Catalog(locale=folder)
        catalog.add("Report safely", title)
        (tmp_path / folder / "LC_MESSAGES").mkdir(parents=True)
        with (tmp_path / folder / "LC_MESSAGES" / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)
    every_language.extensions["babel"].translation_directories = [str(tmp_path)]
    with every_language.app_context():
        babel.domain_instance.cache.clear()
    try:
        client = every_language.test_client()
        assert "<title>Mag-ulat nang ligtas</title>" in client.get("/?lang=tl").get_data(
            as_text=True)
        assert "<title>安全举报</title>" in client.get("/?lang=zh").get_data(as_text=True)
    finally:
        with every_language.app_context():
            babel.domain_instance.cache.clear()
