"""The queue's "Older cases" cursor is opaque and authenticated (review
finding 12): police see times to the day only, so the link must not carry
a case's creation time, and a hand-made cursor must not let an officer
bisect to exact times."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from hotline.cases.models import Case
from hotline.extensions import db
from tests.conftest import make_report, signed_in


def _codes(html: str) -> list[str]:
    return re.findall(r'data-case-code="([^"]+)"', html)


def _older(html: str) -> str | None:
    match = re.search(r'href="([^"]+)" id="older"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def _times(app) -> dict[str, tuple[int, int, str]]:
    """case code -> (id, microseconds since the epoch, ISO time)."""
    with app.app_context():
        return {case.case_code: (case.id, int(case.created_at.timestamp() * 1_000_000),
                                 case.created_at.isoformat())
                for case in db.session.scalars(select(Case))}


def _leaks(token: str, micros: int, iso: str) -> bool:
    seconds = str(micros // 1_000_000)
    if seconds in token or iso[:19] in token:
        return True
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return False
    return seconds.encode() in raw or iso[:19].encode() in raw


def test_police_cursor_carries_no_time_and_cannot_be_forged(app, make_staff):
    for n in range(53):
        make_report(app, f"Report {n}: they hold our papers at the farm.",
                    consent_law_enforcement=True)
    officer = signed_in(app, make_staff("oli", "le_triage", ["law-enforcement"]))
    html = officer.get("/console/").get_data(as_text=True)
    first_page = _codes(html)
    assert len(first_page) == 50
    link = _older(html)
    assert link is not None
    (token,) = parse_qs(urlsplit(link).query)["after"]
    times = _times(app)
    last_id, last_micros, last_iso = times[first_page[-1]]
    assert not _leaks(token, last_micros, last_iso), "the link carries the creation time"
    assert str(last_micros) not in token

    # The link works, and the pages cover every case once.
    seen = list(first_page)
    url = link
    while url:
        page = officer.get(url)
        assert page.status_code == 200
        seen += _codes(page.get_data(as_text=True))
        url = _older(page.get_data(as_text=True))
    assert len(seen) == len(set(seen)) == 53

    # Hand-made cursors (the old readable format, a time between two cases)
    # and tampered ones are refused: nothing to bisect with.
    oldest_id, oldest_micros, _ = times[seen[-1]]
    for forged in (f"0.{oldest_micros + 1}.{oldest_id + 1}", f"0.{last_micros}.{last_id}",
                   token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), "x" * 40):
        response = officer.get(f"/console/?after={forged}")
        assert response.status_code == 400, forged
        assert not _codes(response.get_data(as_text=True))
    # An empty cursor is the first page.
    assert _codes(officer.get("/console/?after=").get_data(as_text=True)) == first_page


def test_benchmark_cursors_open_the_same_page_as_the_link(app, make_staff):
    """benchmarks/console/bench.py computes cursors itself (OFFSET query,
    sealed with the app's key): they must still open the right page."""
    from benchmarks.console.bench import _cursor, _time_query

    for n in range(51):
        make_report(app, f"Report {n} about a factory.")
    worker = make_staff("pia", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    html = client.get("/console/").get_data(as_text=True)
    by_link = _codes(client.get(_older(html)).get_data(as_text=True))
    cursor = _cursor(app, worker.user_id, {}, 1)
    assert cursor and _codes(client.get(f"/console/?after={cursor}")
                             .get_data(as_text=True)) == by_link
    assert _cursor(app, worker.user_id, {}, 0) == ""
    assert set(_time_query(app, worker.user_id, {}, cursor, 2)) == {"sql_median_ms", "sql_p99_ms"}
