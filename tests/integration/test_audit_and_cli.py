"""Audit chain verification, `hotline init` idempotence, settings errors."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from hotline.audit.log import verify
from hotline.audit.models import AuditEntry
from hotline.cli import main
from hotline.extensions import db
from hotline.settings import SettingsError, load_settings
from tests.conftest import submit_web_report


def _env(settings) -> dict[str, str]:
    from hotline.settings import encode_secret

    return {
        "HOTLINE_INSTANCE": str(settings.instance_path),
        "HOTLINE_ENV": "testing",
        "HOTLINE_ARGON2": "insecure-test",
        "HOTLINE_SECRET_KEY": encode_secret(settings.secret_key),
        "HOTLINE_PEPPER": encode_secret(settings.pepper),
        "HOTLINE_RELAY_KEY": encode_secret(settings.relay_key),
        "DATABASE_URL": settings.database_url,
        "HOTLINE_LANGUAGES": ",".join(settings.languages),
    }


@pytest.mark.parametrize("field", ["details", "action", "case_id", "actor_id", "created_at"])
def test_editing_any_audit_row_breaks_verification(app, client, admin, settings, field):
    submit_web_report(client, "They took our passports.")
    submit_web_report(client, "We work without pay.")
    runner = CliRunner()
    result = runner.invoke(main, ["audit", "verify"], env=_env(settings))
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    with app.app_context():
        second = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[1]
        values = {"details": '{"channel":"sms"}', "action": "report.deleted",
                  "case_id": (second.case_id or 0) + 1, "actor_id": admin.user_id,
                  "created_at": second.created_at.replace(year=2020)}
        db.session.execute(update(AuditEntry).where(AuditEntry.id == second.id)
                           .values({field: values[field]}))
        db.session.commit()
    result = runner.invoke(main, ["audit", "verify"], env=_env(settings))
    assert result.exit_code == 1
    assert "BROKEN" in result.output


def test_deleting_an_audit_row_breaks_verification(app, client, admin, settings):
    submit_web_report(client, "They took our passports.")
    submit_web_report(client, "We work without pay.")
    with app.app_context():
        first_report = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "report.received")).first()
        db.session.delete(first_report)
        db.session.commit()
        _checked, problems = verify(db.session, settings.pepper)
    assert problems


def test_init_is_idempotent_and_writes_private_secrets(tmp_path, database_url, monkeypatch):
    instance = tmp_path / "fresh-instance"
    env = {"HOTLINE_INSTANCE": str(instance), "HOTLINE_ENV": "testing",
           "HOTLINE_ARGON2": "insecure-test", "DATABASE_URL": database_url}
    for name in ("HOTLINE_SECRET_KEY", "HOTLINE_PEPPER", "HOTLINE_RELAY_KEY"):
        monkeypatch.delenv(name, raising=False)
    from hotline.db import Base
    from tests.conftest import _clean

    _clean(database_url)
    assert Base.metadata.tables
    runner = CliRunner()
    first = runner.invoke(main, ["init"], env=env)
    assert first.exit_code == 0, first.output
    assert "recovery key:" in first.output and "password:" in first.output
    env_file = instance / "hotline.env"
    assert stat.S_IMODE(os.stat(env_file).st_mode) == 0o600
    secrets_before = env_file.read_text()
    second = runner.invoke(main, ["init"], env=env)
    assert second.exit_code == 0, second.output
    assert "Already initialised" in second.output
    assert "password:" not in second.output
    assert env_file.read_text() == secrets_before
    verify_result = runner.invoke(main, ["audit", "verify"], env=env)
    assert verify_result.exit_code == 0, verify_result.output


def test_user_add_needs_a_sponsor_password(app, admin, settings):
    runner = CliRunner()
    env = _env(settings) | {"HOTLINE_SPONSOR_PASSWORD": "wrong"}
    result = runner.invoke(main, ["user", "add", "bea", "--team", "survivor-support",
                                  "--role", "caseworker", "--sponsor", admin.username], env=env)
    assert result.exit_code != 0 and "Wrong password" in result.output
    env["HOTLINE_SPONSOR_PASSWORD"] = admin.password
    result = runner.invoke(main, ["user", "add", "bea", "--team", "survivor-support",
                                  "--role", "caseworker", "--sponsor", admin.username], env=env)
    assert result.exit_code == 0, result.output
    assert "recovery key:" in result.output


def test_missing_secret_is_a_clear_error(tmp_path):
    env = {"HOTLINE_INSTANCE": str(tmp_path), "HOTLINE_SECRET_KEY": "x" * 43,
           "HOTLINE_PEPPER": "y" * 43}
    with pytest.raises(SettingsError, match="HOTLINE_RELAY_KEY is not set"):
        load_settings(env)
    with pytest.raises(SettingsError, match="HOTLINE_SECRET_KEY is not set"):
        load_settings({"HOTLINE_INSTANCE": str(tmp_path)})
    with pytest.raises(SettingsError, match="only allowed with HOTLINE_ENV=testing"):
        load_settings({"HOTLINE_INSTANCE": str(tmp_path), "HOTLINE_ARGON2": "insecure-test"})
