"""Retention with a frozen clock: what is past its time is gone from the
database and the disk, what is not is intact, and the audit log records the
counts (and nothing else)."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from hotline.audit.log import verify
from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, CaseQueue, Message, WrappedKey
from hotline.extensions import db
from hotline.media.blobs import blob_path
from hotline.media.models import Attachment, AttachmentKey
from hotline.staff.models import StaffUser
from tests.conftest import cli_env, make_report

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def frozen_settings(app):
    settings = replace(app.config["HOTLINE_SETTINGS"], retention_closed_days=30,
                       retention_inbox_days=60, relay_idle_days=10)
    app.config["HOTLINE_SETTINGS"] = settings
    return settings


def report(app, words: str, *, status: str, updated: datetime, web_inbox: bool = False) -> int:
    case_id = make_report(app, words)
    with app.app_context():
        case = db.session.get(Case, case_id)
        case.status, case.updated_at, case.created_at = status, updated, updated - 5 * DAY
        if status == "closed":
            case.close_reason = "resolved"
        for message in case.messages:
            message.created_at = updated  # the last activity
        if web_inbox:
            case.receipt_hash = "hash"
            from hotline.crypto import KemSuite, generate_keypair

            pair = generate_keypair(KemSuite("x25519"))
            case.reporter_public_key, case.reporter_private_key_wrapped = pair.public, b"w"
            message = case.messages[0]
            db.session.add(WrappedKey(message_id=message.id, recipient="reporter",
                                      part="full", sealed_key=b"k"))
        db.session.commit()
    return case_id


def attach(app, case_id: int) -> str:
    from hotline.media.images import CleanImage
    from hotline.media.operations import store_attachment

    with app.app_context():
        attachment = store_attachment(
            db.session, app.config["HOTLINE_SETTINGS"].instance_path,
            db.session.get(Case, case_id), None, CleanImage(b"pixels" * 100, "image/png", 1, 1))
        db.session.commit()
        return attachment.id


def referral(app, case_id: int, *, expires: datetime) -> str:
    from hotline.exports.models import Organisation, Referral
    from hotline.exports.packet_files import write_packet

    with app.app_context():
        org = db.session.scalar(select(Organisation))
        if org is None:
            org = Organisation(name="NGO", org_type="NGO", public_key="-", fingerprint="0" * 40)
            db.session.add(org)
            db.session.flush()
        row = Referral(id=str(uuid.uuid4()), case_id=case_id, organisation_id=org.id,
                       basis="consent", scope="redacted", referral_reason="Other",
                       fingerprint=org.fingerprint, packet_sha256="0" * 64,
                       created_by=db.session.scalar(select(StaffUser.id)),
                       created_at=expires - 30 * DAY, expires_at=expires)
        db.session.add(row)
        db.session.commit()
        write_packet(app.config["HOTLINE_SETTINGS"].instance_path, row.id, b"-----PGP-----")
        return row.id


def conversation(app, case_id: int, *, last: datetime, purge_after: datetime) -> str:
    from hotline.channels.sms.models import SmsConversation
    from hotline.channels.sms.relay import seal_number

    settings = app.config["HOTLINE_SETTINGS"]
    with app.app_context():
        row = SmsConversation(id=str(uuid.uuid4()), case_id=case_id, reporter_hash="h" * 64,
                              language="en", created_at=last, last_inbound_at=last,
                              relay_purge_after=purge_after)
        row.relay_sealed = seal_number(settings, row.id, "+447700900123")
        db.session.add(row)
        db.session.commit()
        return row.id


def rows_for_case(case_id: int) -> dict[str, int]:
    from hotline.channels.sms.models import SmsConversation
    from hotline.exports.models import Referral

    message_ids = select(Message.id).where(Message.case_id == case_id)
    return {
        "case": db.session.scalar(select(func.count()).where(Case.id == case_id)),
        "message": db.session.scalar(select(func.count()).where(Message.case_id == case_id)),
        "wrapped_key": db.session.scalar(select(func.count()).where(
            WrappedKey.message_id.in_(message_ids))),
        "queue": db.session.scalar(select(func.count()).where(CaseQueue.case_id == case_id)),
        "attachment": db.session.scalar(select(func.count()).where(
            Attachment.case_id == case_id)),
        "referral": db.session.scalar(select(func.count()).where(Referral.case_id == case_id)),
        "sms": db.session.scalar(select(func.count()).where(
            SmsConversation.case_id == case_id)),
    }


@pytest.fixture
def world(app, admin):
    settings = frozen_settings(app)
    expired = report(app, "expired closed case", status="closed", updated=NOW - 31 * DAY)
    kept_closed = report(app, "recently closed case", status="closed", updated=NOW - 29 * DAY)
    old_open = report(app, "old but still open", status="in_progress", updated=NOW - 400 * DAY)
    idle_inbox = report(app, "web inbox, idle", status="in_progress", updated=NOW - 61 * DAY,
                        web_inbox=True)
    live_inbox = report(app, "web inbox, live", status="in_progress", updated=NOW - 59 * DAY,
                        web_inbox=True)
    world = {
        "settings": settings, "expired": expired, "kept_closed": kept_closed,
        "old_open": old_open, "idle_inbox": idle_inbox, "live_inbox": live_inbox,
        "expired_blob": attach(app, expired), "kept_blob": attach(app, kept_closed),
        "expired_case_packet": referral(app, expired, expires=NOW + 5 * DAY),
        "expired_link_packet": referral(app, kept_closed, expires=NOW - DAY),
        "live_packet": referral(app, old_open, expires=NOW + DAY),
        "idle_relay": conversation(app, old_open, last=NOW - 11 * DAY,
                                   purge_after=NOW - DAY),
        "live_relay": conversation(app, kept_closed, last=NOW - 2 * DAY,
                                   purge_after=NOW + 8 * DAY),
    }
    with app.app_context():
        db.session.execute(text("INSERT INTO case_tag (case_id, tag, created_at) "
                                "VALUES (:c, 'gone', :t)"), {"c": expired, "t": NOW})
        world["expired_messages"] = db.session.scalar(
            select(func.count()).where(Message.case_id == expired))
        db.session.commit()
    return world


def test_frozen_clock_purge(app, world):
    from hotline.channels.sms.models import SmsConversation
    from hotline.console.models import CaseStatusCount
    from hotline.exports.models import Referral
    from hotline.exports.packet_files import packet_path, write_packet
    from hotline.retention.purge import purge_all

    instance = world["settings"].instance_path
    assert blob_path(instance, world["expired_blob"]).exists()
    orphan = str(uuid.uuid4())  # a referral whose transaction never committed
    write_packet(instance, orphan, b"-----PGP-----")
    with app.app_context():
        totals = purge_all(db.session, world["settings"], NOW)
    assert totals["cases"] == 1 and totals["inboxes"] == 1 and totals["relay_numbers"] == 1

    with app.app_context():
        assert set(rows_for_case(world["expired"]).values()) == {0}, "every row of the case"
        assert db.session.scalar(select(func.count()).select_from(AttachmentKey).where(
            AttachmentKey.attachment_id == world["expired_blob"])) == 0
        assert db.session.scalar(text("SELECT count(*) FROM case_tag")) == 0
        for case_id in (world["kept_closed"], world["old_open"], world["live_inbox"]):
            assert rows_for_case(case_id)["case"] == 1 and rows_for_case(case_id)["message"]
        inbox = db.session.get(Case, world["idle_inbox"])
        assert inbox.receipt_hash is None and inbox.reporter_private_key_wrapped is None
        assert rows_for_case(inbox.id)["message"], "the content stays for caseworkers"
        assert db.session.scalar(select(func.count()).select_from(WrappedKey).where(
            WrappedKey.recipient == "reporter")) == 1, "only the live inbox keeps its key"
        assert db.session.get(Case, world["live_inbox"]).receipt_hash == "hash"
        assert db.session.get(SmsConversation, world["idle_relay"]).relay_sealed is None
        assert db.session.get(SmsConversation, world["live_relay"]).relay_sealed is not None
        expired_link = db.session.get(Referral, world["expired_link_packet"])
        assert expired_link.packet_deleted_at is not None, "the row stays as the record"
        # The queue counters (triggers) still match the rows.
        counted = {(row.team_id, row.status): row.n for row in
                   db.session.scalars(select(CaseStatusCount)) if row.n}
        actual = {(team, status): n for team, status, n in db.session.execute(
            select(CaseQueue.team_id, Case.status, func.count()).join(
                Case, Case.id == CaseQueue.case_id).group_by(CaseQueue.team_id, Case.status))}
        assert counted == actual

        entries = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "retention.purged")).all()
        summed = {}
        for entry in entries:
            assert entry.case_id is None and entry.actor_id is None
            for key, value in json.loads(entry.details).items():
                assert isinstance(value, int), "counts only"
                summed[key] = summed.get(key, 0) + value
        assert summed == {"cases": 1, "messages": world["expired_messages"],
                          "attachments": 1, "inboxes": 1, "relay_numbers": 1,
                          "referral_packets": 2, "orphan_packets": 1}
        checked, problems = verify(db.session, world["settings"].pepper)
        assert checked and not problems

    assert not blob_path(instance, world["expired_blob"]).exists()
    assert blob_path(instance, world["kept_blob"]).exists()
    assert not packet_path(instance, world["expired_case_packet"]).exists()
    assert not packet_path(instance, world["expired_link_packet"]).exists()
    assert packet_path(instance, world["live_packet"]).exists()
    assert not packet_path(instance, orphan).exists()

    # A second run finds nothing and audits nothing.
    with app.app_context():
        again = purge_all(db.session, world["settings"], NOW)
        assert not any(again.values())
        assert len(db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "retention.purged")).all()) == len(entries)


def test_stored_console_values_override_settings(app, world):
    from hotline.console.models import StoredSetting
    from hotline.retention.policy import load_policy
    from hotline.retention.purge import purge_all

    with app.app_context():
        db.session.add(StoredSetting(key="retention", value=json.dumps(
            {"closed_case_days": 0, "relay_idle_days": 1, "recording_days": 30})))
        db.session.commit()
        policy = load_policy(db.session, world["settings"])
        assert (policy.closed_case_days, policy.inbox_days, policy.relay_idle_days) == (0, 60, 1)
        totals = purge_all(db.session, world["settings"], NOW)
        assert totals["cases"] == 0, "0 keeps closed cases"
        assert totals["relay_numbers"] == 2, "a shorter stored window purges the live one"


def test_purge_job_and_cli(app, world, monkeypatch, drain_outbox):
    import hotline.retention.jobs as jobs
    from hotline.outbox.models import Job

    monkeypatch.setattr(jobs, "utcnow", lambda: NOW)
    with app.app_context():
        assert jobs.schedule_purge(db.session, datetime.now(UTC))
        assert not jobs.schedule_purge(db.session, datetime.now(UTC)), "one per slot"
        db.session.commit()
    assert drain_outbox() == 1
    with app.app_context():
        assert db.session.get(Case, world["expired"]) is None
        upcoming = db.session.scalars(select(Job).where(
            Job.kind == "retention.purge", Job.status == "pending")).all()
        assert [job.run_after for job in upcoming] == [NOW + jobs.INTERVAL]


def test_purge_command(app, world):
    from click.testing import CliRunner

    from hotline.cli import main
    from hotline.outbox.models import Job

    env = cli_env(world["settings"])
    env.update(HOTLINE_RETENTION_CLOSED_DAYS="30", HOTLINE_RETENTION_INBOX_DAYS="60",
               HOTLINE_RELAY_IDLE_DAYS="10")
    result = CliRunner().invoke(main, ["purge", "--schedule"], env=env)
    assert result.exit_code == 0, result.output
    # The real clock is months before NOW: only the relay past its purge
    # time and the packet past its expiry are due today.
    assert "Scheduled the recurring purge job." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job).where(
            Job.kind == "retention.purge")) == 1
    again = CliRunner().invoke(main, ["purge", "--schedule"], env=env)
    assert "already scheduled" in again.output
