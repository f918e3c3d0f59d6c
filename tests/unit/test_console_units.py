"""Console building blocks without a database: TOTP sealing and windows,
queue filter parsing and cursors, the role table."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pyotp
import pytest

from hotline.console import totp
from hotline.console.policy import ROLE_PERMISSIONS, allowed, coarse_times
from hotline.console.queue import Cursor, Filters
from hotline.settings import encode_secret, load_settings


@pytest.fixture
def settings(tmp_path):
    return load_settings({name: encode_secret(secrets.token_bytes(32)) for name in (
        "HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY")} | {
        "HOTLINE_INSTANCE": str(tmp_path), "HOTLINE_ENV": "testing"})


def _user(settings, secret: str, user_id: int = 7):
    return SimpleNamespace(id=user_id, totp_secret_sealed=totp.seal_secret(settings, user_id, secret),
                           totp_last_step=None, totp_enrolled_at=datetime.now(UTC))


def test_totp_secret_is_sealed_and_bound_to_the_member(settings):
    secret = pyotp.random_base32()
    user = _user(settings, secret)
    assert secret.encode() not in user.totp_secret_sealed
    assert totp.open_secret(settings, user) == secret
    other = SimpleNamespace(id=8, totp_secret_sealed=user.totp_secret_sealed)
    assert totp.open_secret(settings, other) is None, "a sealed secret cannot be moved"


def test_totp_window_and_replay(settings):
    secret = pyotp.random_base32()
    user = _user(settings, secret)
    now = 1_800_000_000
    code = pyotp.TOTP(secret).at(now)
    assert not totp.verify_totp(settings, user, "12345", now)
    assert totp.verify_totp(settings, user, code, now + 29)
    assert not totp.verify_totp(settings, user, code, now + 29), "never twice"
    later = pyotp.TOTP(secret).at(now + 30)
    assert totp.verify_totp(settings, user, later, now + 60), "one step of clock drift"
    assert not totp.verify_totp(settings, user, pyotp.TOTP(secret).at(now + 300), now + 60)


def test_qr_is_an_svg_data_uri():
    uri = totp.provisioning_uri(pyotp.random_base32(), "ana")
    assert uri.startswith("otpauth://totp/hotline:ana?")
    assert totp.qr_data_uri(uri).startswith("data:image/svg+xml")


def test_filters_parse_only_known_values():
    filters = Filters.parse({"status": "closed", "language": "es", "channel": "fax",
                             "category": "drugs", "urgent": "yes", "assignee": "me",
                             "from": "2026-01-02", "to": "not a date"})
    assert filters == Filters(status="closed", language="es", category="drugs", urgent=True,
                              assignee="me", date_from=date(2026, 1, 2))
    assert Filters.parse(filters.as_args()) == filters
    assert Filters.parse({"assignee": "1; drop"}).assignee is None
    assert Filters.parse({"assignee": "12"}).assignee == "12"


def test_cursor_round_trip_and_garbage():
    key = secrets.token_bytes(32)
    cursor = Cursor(True, datetime(2026, 11, 22, 10, 30, 1, 123456, UTC), 42)
    token = cursor.encode(key)
    assert Cursor.decode(token, key) == cursor
    micros = str(int(cursor.created_at.timestamp()) * 1_000_000 + 123456)
    assert micros not in token and "2026-11-22" not in token, "opaque: no time in the link"
    assert cursor.encode(key) != token, "a fresh nonce each time"
    assert Cursor.decode(token, secrets.token_bytes(32)) is None, "another server's key"
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    for garbage in (None, "", "1.2", "x.y.z", "1.99999999999999999999999.3",
                    "1.1795000000000000.3", flipped, token[:-4], token + "AAAA", "é" * 60,
                    "A" * 4000):
        assert Cursor.decode(garbage, key) is None


def test_role_table():
    assert set(ROLE_PERMISSIONS) == {"caseworker", "le_triage", "supervisor", "admin",
                                     "ngo_partner"}
    police = SimpleNamespace(role="le_triage", active=True)
    assert allowed(police, "case.read") and not allowed(police, "case.reply")
    assert not allowed(police, "case.escalate") and not allowed(police, "case.audit")
    assert coarse_times(police)
    worker = SimpleNamespace(role="caseworker", active=True)
    assert allowed(worker, "case.escalate") and not allowed(worker, "case.escalate_override")
    assert not coarse_times(worker)
    assert allowed(SimpleNamespace(role="supervisor", active=True), "case.escalate_override")
    partner = ROLE_PERMISSIONS["ngo_partner"]
    assert "account" in partner
    assert not {p for p in partner if p.startswith(("queue.", "case.", "admin.", "audit."))}
    assert not allowed(SimpleNamespace(role="admin", active=False), "account")
    assert not allowed(None, "account")
