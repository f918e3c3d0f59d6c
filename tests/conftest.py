"""Shared fixtures: a migrated database (SQLite or PostgreSQL), the app,
seeded teams and staff, and helpers to submit reports and sign in."""

from __future__ import annotations

import os
import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hotline import create_app
from hotline.bootstrap import seed
from hotline.db import Base, import_all_models
from hotline.extensions import db, make_engine
from hotline.migrate import upgrade
from hotline.settings import Settings, encode_secret, load_settings

import_all_models()
BACKEND = os.environ.get("HOTLINE_TEST_DATABASE", "sqlite")
PG_URL = os.environ.get("HOTLINE_TEST_POSTGRES",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_database(folder: Path, prefix: str = "hotline_test") -> Iterator[str]:
    """An empty database of the suite's backend (a file in ``folder``, or a
    fresh PostgreSQL database dropped afterwards); its URL."""
    if BACKEND == "sqlite":
        yield f"sqlite:///{folder / f'{prefix}.db'}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_database(tmp_path_factory.mktemp("db")) as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture
def instance_path(tmp_path: Path) -> Path:
    path = tmp_path / "instance"
    path.mkdir()
    return path


@pytest.fixture
def settings(instance_path: Path, database_url: str) -> Settings:
    env = {
        "HOTLINE_INSTANCE": str(instance_path),
        "HOTLINE_ENV": "testing",
        "HOTLINE_ARGON2": "insecure-test",
        "HOTLINE_SECRET_KEY": encode_secret(secrets.token_bytes(32)),
        "HOTLINE_PEPPER": encode_secret(secrets.token_bytes(32)),
        "HOTLINE_RELAY_KEY": encode_secret(secrets.token_bytes(32)),
        "DATABASE_URL": database_url,
        "HOTLINE_LANGUAGES": "en,es,fr,ar",
    }
    return load_settings(env)


def _clean(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        # As the first migration leaves it: the audit chain's empty head.
        connection.execute(text(
            "INSERT INTO audit_head (id, last_entry_id, last_hash) VALUES (1, 0, :genesis)"),
            {"genesis": "0" * 64})
    engine.dispose()


@dataclass
class Staff:
    username: str
    password: str
    recovery_key: str
    user_id: int
    # TOTP is mandatory (issue 5): fixtures enrol every member and keep the
    # secret so helpers can compute a current code.
    totp_secret: str = ""


@pytest.fixture
def app(settings: Settings, database_url: str):
    _clean(database_url)
    application = create_app(settings)
    yield application
    db.engine_for(application).dispose()


@pytest.fixture
def admin(app) -> Staff:
    with app.app_context():
        from hotline.console.totp import enrol_now

        settings = app.config["HOTLINE_SETTINGS"]
        seeded = seed(db.session, settings)
        enrolment = seeded.admin
        secret = enrol_now(db.session, settings, enrolment.user)
        db.session.commit()
        return Staff(enrolment.user.username, enrolment.password, enrolment.recovery_key,
                     enrolment.user.id, secret)


@pytest.fixture
def make_staff(app, admin: Staff):
    """Enrol a member into teams (by slug), sponsored by the admin."""
    from sqlalchemy import select

    from hotline.console.totp import enrol_now
    from hotline.crypto import KemSuite
    from hotline.security import argon2_params
    from hotline.staff.models import StaffUser, Team
    from hotline.staff.operations import add_member, enroll_user

    def factory(username: str, role: str, teams: list[str], password: str = "correct horse battery") -> Staff:
        with app.app_context():
            settings = app.config["HOTLINE_SETTINGS"]
            enrolment = enroll_user(db.session, username, role, argon2_params(settings),
                                    KemSuite(settings.kem_suite), password=password)
            sponsor = db.session.get(StaffUser, admin.user_id)
            for slug in teams:
                team = db.session.scalar(select(Team).where(Team.slug == slug))
                add_member(db.session, team, enrolment.user, sponsor, admin.password)
            secret = enrol_now(db.session, settings, enrolment.user)
            db.session.commit()
            return Staff(username, password, enrolment.recovery_key, enrolment.user.id, secret)

    return factory


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in page"
    return match.group(1)


def submit_web_report(client, text: str, *, consent: str = "support", lang: str | None = None,
                      role: str = "victim", headers: dict[str, str] | None = None) -> tuple[str, str]:
    """Post the web form as a browser would; return (case code, passphrase)."""
    query = f"?lang={lang}" if lang else ""
    page = client.get(f"/{query}", headers=headers or {})
    assert page.status_code == 200
    response = client.post("/", headers=headers or {}, data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "what_happened": text,
        "reporter_role": role,
        "category": "",
        "safe_to_contact": "yes",
        "consent": consent,
    })
    body = response.get_data(as_text=True)
    assert response.status_code == 200, body
    code = re.search(r'id="case-code">([^<]+)<', body).group(1).replace("-", "")
    passphrase = re.search(r'id="passphrase">([^<]+)<', body).group(1)
    return code, passphrase


def totp_code(app, staff: Staff) -> str:
    """A current TOTP code for ``staff``. A code is accepted once per time
    step, so a test signing the same member in twice within 30 seconds first
    forgets the step last used (test-only shortcut)."""
    import pyotp

    from hotline.staff.models import StaffUser

    with app.app_context():
        db.session.get(StaffUser, staff.user_id).totp_last_step = None
        db.session.commit()
    return pyotp.TOTP(staff.totp_secret).now()


def staff_login(client, staff: Staff) -> None:
    """Sign in with password and TOTP code; a member holding a one-time
    password (the seeded admin) then chooses a new one, kept in ``staff``."""
    page = client.get("/console/login")
    response = client.post("/console/login", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "username": staff.username, "password": staff.password})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/console/login/code")
    page = client.get("/console/login/code")
    response = client.post("/console/login/code", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "code": totp_code(client.application, staff)})
    assert response.status_code == 302, response.get_data(as_text=True)
    if response.headers["Location"].endswith("/console/account/password"):
        page = client.get("/console/account/password")
        new_password = f"chosen {staff.password}"
        response = client.post("/console/account/password", data={
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "current_password": staff.password, "new_password": new_password,
            "confirm": new_password})
        assert response.status_code == 302, response.get_data(as_text=True)
        staff.password = new_password


# -- outbox -------------------------------------------------------------------


@pytest.fixture
def recording_provider(app):
    """A RecordingProvider installed as the app's telephony provider."""
    from hotline.outbox.providers.factory import EXTENSION_KEY
    from hotline.outbox.providers.recording import RecordingProvider

    provider = RecordingProvider()
    app.extensions[EXTENSION_KEY] = provider
    return provider


@pytest.fixture
def drain_outbox(app):
    """Run the jobs that are due now, until none is; return how many ran."""
    from hotline.outbox.worker import run_once

    def drain(limit: int = 1000) -> int:
        return run_once(app, worker_id="test-worker", limit=limit)

    return drain


# -- SMS channel ---------------------------------------------------------------

TWILIO_TEST_TOKEN = "twilio-test-auth-token-0123456789"
SMS_LINE = "+12025550100"


class SmsHarness:
    """Posts webhooks to the app signed exactly as Twilio signs them (the
    SDK's RequestValidator over the public URL and the sorted parameters),
    with the recording provider installed and the outbox at hand."""

    def __init__(self, app, provider, drain) -> None:
        self.app = app
        self.client = app.test_client()
        self.provider = provider
        self.drain = drain

    @property
    def settings(self):
        return self.app.config["HOTLINE_SETTINGS"]

    def configure(self, **overrides) -> None:
        """Change settings for this test (e.g. languages=(..., "vi"))."""
        from dataclasses import replace

        self.app.config["HOTLINE_SETTINGS"] = replace(self.settings, **overrides)

    def signature(self, path: str, params: dict[str, str]) -> str:
        from twilio.request_validator import RequestValidator

        return RequestValidator(TWILIO_TEST_TOKEN).compute_signature(
            self.settings.public_url + path, params)

    def post(self, path: str, params: dict[str, str], *, signature: str | None = None,
             headers: dict[str, str] | None = None):
        signed = {"X-Twilio-Signature": self.signature(path, params)
                  if signature is None else signature}
        return self.client.post(path, data=params, headers={**signed, **(headers or {})})

    @staticmethod
    def params(sender: str, body: str, *, sid: str | None = None,
               media: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
        """What Twilio posts for an inbound text, location fields included."""
        sid = sid or "SM" + secrets.token_hex(16)
        params = {
            "ToCountry": "US", "ToState": "DC", "ToCity": "WASHINGTON", "ToZip": "20001",
            "FromCountry": "ZZ", "FromState": "Canarystate", "FromCity": "Canaryville",
            "FromZip": "99117", "SmsMessageSid": sid, "SmsSid": sid, "MessageSid": sid,
            "AccountSid": "AC" + "c" * 32, "MessagingServiceSid": "MG" + "d" * 32,
            "From": sender, "To": SMS_LINE, "Body": body, "NumMedia": str(len(media)),
            "NumSegments": "1", "SmsStatus": "received", "ApiVersion": "2010-04-01",
        }
        for index, (url, content_type) in enumerate(media):
            params[f"MediaUrl{index}"] = url
            params[f"MediaContentType{index}"] = content_type
        return params

    def text(self, sender: str, body: str, **kwargs):
        """Post an inbound text; return the response."""
        return self.post("/twilio/sms", self.params(sender, body, **kwargs))

    def replies(self, response) -> list[str]:
        from xml.etree import ElementTree

        assert response.status_code == 200, response.get_data(as_text=True)
        root = ElementTree.fromstring(response.get_data())
        return [message.text or "" for message in root.iter("Message")]

    def status(self, sid: str, status: str, *, error_code: int | None = None,
               to: str | None = None):
        params = {"MessageSid": sid, "SmsSid": sid, "MessageStatus": status,
                  "SmsStatus": status, "AccountSid": "AC" + "c" * 32, "From": SMS_LINE,
                  "ApiVersion": "2010-04-01"}
        if to is not None:
            params["To"] = to
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        return self.post("/twilio/sms/status", params)


@pytest.fixture
def sms(app, admin, recording_provider, drain_outbox) -> SmsHarness:
    """The SMS channel with a Twilio auth token, seeded teams and the
    recording provider."""
    import hotline.channels.sms.jobs  # noqa: F401 - registers the SMS job handlers

    harness = SmsHarness(app, recording_provider, drain_outbox)
    harness.configure(twilio_auth_token=TWILIO_TEST_TOKEN)
    return harness


# --- triage console helpers (issue 5) ---------------------------------------

def make_report(app, text: str, **intake) -> int:
    """File a report through the real pipeline (no receipt); returns the case id.

    ``intake`` overrides Intake fields, e.g. channel="sms", consent_law_enforcement=True.
    """
    from hotline.intake.model import Intake
    from hotline.intake.pipeline import submit_report

    with app.app_context():
        submitted = submit_report(db.session, app.config["HOTLINE_SETTINGS"],
                                  Intake(**{"channel": "web", "text": text, **intake}),
                                  issue_receipt=False)
        db.session.commit()
        return submitted.case.id


def signed_in(app, staff: Staff):
    """A test client signed in as ``staff`` (password + TOTP)."""
    client = app.test_client()
    staff_login(client, staff)
    return client


def post_form(client, page_url: str, action_url: str, data: dict, **kwargs):
    """POST ``data`` to ``action_url`` with a CSRF token taken from ``page_url``."""
    page = client.get(page_url)
    token = csrf_from(page.get_data(as_text=True))
    return client.post(action_url, data={"csrf_token": token, **data}, **kwargs)


# --- exports and retention (issue 6) -------------------------------------------

@dataclass
class GpgKey:
    """A partner's key pair in a throwaway GnuPG home (the real Debian gpg)."""

    home: Path
    fingerprint: str
    public_key: str

    def run(self, *args: str, data: bytes | None = None) -> bytes:
        import subprocess

        done = subprocess.run(["gpg", "--homedir", str(self.home), "--batch", "--yes",
                               "--pinentry-mode", "loopback", "--passphrase", "", *args],
                              input=data, capture_output=True, check=True, timeout=60)
        return done.stdout

    def decrypt(self, ciphertext: bytes) -> bytes:
        return self.run("--decrypt", data=ciphertext)


@pytest.fixture(scope="session")
def partner_gpg_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpgKey]:
    """Generated once per session with `gpg --quick-gen-key` (Ed25519/Cv25519)."""
    import shutil

    # Installed by the test setup: a missing gpg fails loudly instead of hiding the test.
    assert shutil.which("gpg"), "gpg is missing: run `make test` (it installs Debian's gnupg)"
    home = tmp_path_factory.mktemp("gnupg")
    home.chmod(0o700)
    key = GpgKey(home, "", "")
    key.run("--quick-gen-key", "Partner NGO <intake@partner.example>", "future-default",
            "default", "never")
    listing = key.run("--with-colons", "--fingerprint", "intake@partner.example").decode()
    fingerprint = next(line.split(":")[9] for line in listing.splitlines()
                       if line.startswith("fpr:"))
    armored = key.run("--armor", "--export", fingerprint).decode()
    yield GpgKey(home, fingerprint.lower(), armored)
    import subprocess

    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], check=False,
                   capture_output=True, timeout=30)


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that makes `hotline ...` commands use this test's app."""
    return {"HOTLINE_INSTANCE": str(settings.instance_path), "HOTLINE_ENV": "testing",
            "HOTLINE_ARGON2": "insecure-test", "DATABASE_URL": settings.database_url,
            "HOTLINE_SECRET_KEY": encode_secret(settings.secret_key),
            "HOTLINE_PEPPER": encode_secret(settings.pepper),
            "HOTLINE_RELAY_KEY": encode_secret(settings.relay_key),
            "HOTLINE_LANGUAGES": ",".join(settings.languages)}


# --- voice channel (issue 4) -----------------------------------------------------

VOICE_LINE = "+12025550199"
VOICE_ACCOUNT = "AC" + "5a" * 16


class VoiceHarness(SmsHarness):
    """Drives calls through the voice webhooks, signed as Twilio signs them
    (the SMS harness's signing), with every parameter Twilio sends: the
    caller's number and the location fields of both ends included."""

    def __init__(self, app, provider, drain, caller: str = "+34611000222") -> None:
        super().__init__(app, provider, drain)
        self.caller = caller
        self.location = {
            "FromCity": "Canaryburg", "FromState": "Canaryshire", "FromZip": "99123",
            "FromCountry": "ES", "CallerCity": "Canaryburg", "CallerState": "Canaryshire",
            "CallerZip": "99123", "CallerCountry": "ES", "ToCity": "WASHINGTON",
            "ToState": "DC", "ToZip": "20001", "ToCountry": "US", "CalledCity": "WASHINGTON",
            "CalledState": "DC", "CalledZip": "20001", "CalledCountry": "US"}

    def call_params(self, call_sid: str, **extra: str) -> dict[str, str]:
        return {"CallSid": call_sid, "AccountSid": VOICE_ACCOUNT, "From": self.caller,
                "Caller": self.caller, "To": VOICE_LINE, "Called": VOICE_LINE,
                "CallStatus": "in-progress", "Direction": "inbound",
                "ApiVersion": "2010-04-01", **self.location, **extra}

    @staticmethod
    def new_call() -> str:
        return "CA" + secrets.token_hex(16)

    @staticmethod
    def new_recording() -> tuple[str, str]:
        sid = "RE" + secrets.token_hex(16)
        return sid, (f"https://api.twilio.com/2010-04-01/Accounts/{VOICE_ACCOUNT}"
                     f"/Recordings/{sid}")

    def step(self, path_and_query: str, call_sid: str, **extra: str):
        """POST one webhook of the call (``/twilio/voice/...`` with its query)."""
        return self.post(path_and_query, self.call_params(call_sid, **extra))

    @staticmethod
    def xml(response):
        from xml.etree import ElementTree

        assert response.status_code == 200, response.get_data(as_text=True)
        return ElementTree.fromstring(response.get_data())

    @staticmethod
    def path_of(url: str) -> str:
        """The path and query of an absolute URL in the TwiML (to post next)."""
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def voice(app, admin, recording_provider, drain_outbox) -> VoiceHarness:
    """The voice channel with a Twilio auth token, seeded teams and the
    recording provider (which also serves recordings: ``add_media``)."""
    import hotline.channels.voice.jobs  # noqa: F401 - registers the voice job handlers

    harness = VoiceHarness(app, recording_provider, drain_outbox)
    harness.configure(twilio_auth_token=TWILIO_TEST_TOKEN)
    return harness
