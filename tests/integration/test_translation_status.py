"""The admin translation status page: figures per locale, from a temporary
translations folder (the operation) and from the real catalogs (the page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from hotline.channels.voice import prompt_audio
from hotline.console.admin.translations_ops import translation_status
from hotline.i18n import TRANSLATIONS_DIR
from hotline.intake.languages import ALL_LANGUAGES
from tests.conftest import signed_in

POT = 'msgid ""\nmsgstr ""\n\n' + "".join(f'msgid "m{n}"\nmsgstr ""\n\n' for n in range(4))


def _po(header_comment: str, entries: list[tuple[str, str, bool]]) -> str:
    body = "".join(("#, fuzzy\n" if fuzzy else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
                   for msgid, msgstr, fuzzy in entries)
    return f'{header_comment}msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{body}'


def _write(root: Path, locale: str, text: str) -> None:
    (root / locale / "LC_MESSAGES").mkdir(parents=True)
    (root / locale / "LC_MESSAGES" / "messages.po").write_text(text, encoding="utf-8")


def test_figures_from_a_translations_folder(tmp_path):
    root = tmp_path / "translations"
    root.mkdir()
    (root / "messages.pot").write_text(POT)
    _write(root, "es", _po("# MACHINE-DRAFTED: needs review\n",
                           [(f"m{n}", f"t{n}", False) for n in range(4)]))
    _write(root, "fr", _po("# French, reviewed by a native speaker\n",
                           [("m0", "t0", False), ("m1", "t1", False), ("m2", "t2", True),
                            ("m3", "", False), ("gone", "obsolete", False)]))
    _write(root, "zh_Hans", _po("# MACHINE-DRAFTED\n", [("m0", "t0", False)]))
    _write(root, "xx", _po("", []))
    prompts = tmp_path / "prompts"
    (prompts / "am").mkdir(parents=True)
    (prompts / "am" / "texts.json").write_text("{}")
    for code in ("km", "sw"):  # recorded: without an espeak-ng voice, and instead of one
        (prompts / code).mkdir()
        (prompts / code / "texts.json").write_text("{}")
        (prompts / code / "source.json").write_text('{"kind": "recorded", "note": "test"}')
    rows = {row.code: row for row in translation_status(root, ("en", "es", "zh"), prompts)}
    assert list(rows) == [*ALL_LANGUAGES, "xx"], "every language, then other catalogs"
    es, fr, zh, en = rows["es"], rows["fr"], rows["zh"], rows["en"]
    assert (es.translated, es.total, es.share, es.catalog.fuzzy) == (4, 4, 1.0, 0)
    assert es.catalog.machine_drafted and es.enabled and es.complete
    assert (fr.translated, fr.share, fr.catalog.fuzzy) == (2, 0.5, 1), "fuzzy is not translated"
    assert not fr.catalog.machine_drafted and not fr.enabled and not fr.complete
    assert (zh.translated, zh.share, zh.enabled) == (1, 0.25, True), "zh is read from zh_Hans"
    assert en.source and en.share == 1.0 and en.catalog is None
    assert rows["ha"].catalog is None and rows["ha"].translated == 0
    assert rows["es"].voice.kind == "twilio" and "Polly" in rows["es"].voice.voice
    assert (rows["am"].voice.kind, rows["am"].voice.files_shipped) == ("espeak", True)
    assert (rows["fa"].voice.kind, rows["fa"].voice.files_shipped) == ("espeak", False)
    assert (rows["km"].voice.kind, rows["km"].voice.files_shipped) == ("recorded", True)
    assert rows["sw"].voice.kind == "recorded"
    assert rows["ti"].voice.kind == "none"


def test_share_is_rounded_down(tmp_path):
    root = tmp_path / "translations"
    root.mkdir()
    (root / "messages.pot").write_text(
        'msgid ""\nmsgstr ""\n\n' + "".join(f'msgid "m{n}"\nmsgstr ""\n\n' for n in range(1000)))
    _write(root, "es", _po("", [(f"m{n}", "t", False) for n in range(999)]))
    row = next(row for row in translation_status(root, ()) if row.code == "es")
    assert row.share == 0.99 and not row.complete


def test_the_page_shows_the_real_catalogs(app, admin):
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as handle:
        total = sum(1 for message in read_po(handle) if message.id)
    client = signed_in(app, admin)
    html = client.get("/console/admin/translations").get_data(as_text=True)
    rows = dict(re.findall(r'<tr data-locale="([^"]+)"(.*?)>', html, re.S))
    assert set(ALL_LANGUAGES) <= set(rows)

    def figures(code: str) -> dict[str, str]:
        return dict(re.findall(r'data-(\w+)="([^"]*)"', rows[code]))

    es = figures("es")
    assert es == {"translated": str(total), "total": str(total), "fuzzy": "0",
                  "review": "machine", "enabled": "yes", "voice": "twilio"}
    assert figures("en")["review"] == "source"
    assert figures("km")["voice"] == "none" and figures("am")["voice"] == "espeak"
    assert "Machine-drafted: needs native review" in html
    assert 'href="/console/admin/translations"' in html, "linked from the admin navigation"
    spanish = client.get("/console/admin/translations?lang=es").get_data(as_text=True)
    assert "Traducciones" in spanish and "100" in spanish


def test_the_page_shows_how_prompt_files_were_made(app, admin, tmp_path, monkeypatch):
    prompts = tmp_path / "prompts"
    shutil.copytree(prompt_audio.PROMPTS_DIR / "am", prompts / "am")
    (prompts / "km").mkdir()
    (prompts / "km" / "texts.json").write_text("{}")
    (prompts / "km" / "source.json").write_text('{"kind": "recorded"}')
    monkeypatch.setattr(prompt_audio, "PROMPTS_DIR", prompts)
    html = signed_in(app, admin).get("/console/admin/translations").get_data(as_text=True)
    cells = {code: re.sub(r"\s+", " ", cell).strip() for code, cell in re.findall(
        r'<tr data-locale="([^"]+)".*?<td>(?:(?!</tr>).)*<td>((?:(?!</tr>).)*?)</td>\s*</tr>',
        html, re.S)}
    assert cells["km"] == "Recorded prompt files"
    assert cells["am"] == "Synthetic prompt files (espeak-ng voice am)"
    assert cells["fa"] == "Synthetic prompt files, not built yet (espeak-ng voice fa)"
    assert cells["ti"] == "None: callers hear English"
    assert 'data-locale="km"' in html and re.search(r'data-locale="km"[^>]*data-voice="recorded"',
                                                    html, re.S)
