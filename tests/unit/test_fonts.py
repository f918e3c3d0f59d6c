"""The shipped fonts (scripts/build-fonts) cover every character any catalog
writes, and fonts.css loads only files that exist, from this site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from hotline.i18n import TRANSLATIONS_DIR

STATIC = Path(__file__).resolve().parents[2] / "hotline" / "static"
MANIFEST = json.loads((STATIC / "fonts" / "manifest.json").read_text())
CATALOGS = sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))


def _covered() -> set[int]:
    return {code for face in MANIFEST for start, end in face["ranges"]
            for code in range(start, end + 1)}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_every_character_of_the_catalog_has_a_shipped_font(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    used = {char for message in catalog if message.id
            for text in (message.string if isinstance(message.string, tuple) else (message.string,))
            for char in text or ""}
    ignorable = {char for char in used if char.isspace() or ord(char) < 0x20}
    missing = sorted(char for char in used - ignorable if ord(char) not in _covered())
    assert not missing, (f"no shipped font draws {''.join(missing)!r}: run `make fonts` "
                         "(scripts/build-fonts; Chinese is cut to the zh_Hans catalog)")


def test_the_font_faces_are_local_files_swapped_in():
    css = (STATIC / "fonts.css").read_text()
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(faces) == len(MANIFEST)
    for face in faces:
        url = re.search(r'url\("([^"]+)"\)', face)[1]
        assert not re.match(r"\w+:|//", url), "no third-party font requests"
        assert (STATIC / url).is_file()
        assert "font-display: swap" in face and "unicode-range:" in face
    assert (STATIC / "fonts" / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") == 1
