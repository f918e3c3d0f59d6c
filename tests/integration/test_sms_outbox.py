"""SMS work done after commit through the outbox: provider purges, status
callbacks, caseworker replies through the relay, idle relay expiry."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case
from hotline.channels.sms.models import SmsConversation, SmsDelivery
from hotline.channels.sms.operations import sid_hash
from hotline.console.operations import CaseError, reply
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient
from hotline.staff.models import StaffUser

US = "+12025550143"
REPORT = "They took my passport and keep us locked in the farm house at night"


def new_sid() -> str:
    import secrets

    return "SM" + secrets.token_hex(16)


def jobs(app, kind: str | None = None) -> list[Job]:
    with app.app_context():
        query = select(Job).order_by(Job.id)
        if kind:
            query = query.where(Job.kind == kind)
        found = list(db.session.scalars(query))
        db.session.expunge_all()
        return found


def make_due(app) -> None:
    with app.app_context():
        db.session.execute(update(Job).where(Job.status == "pending")
                           .values(run_after=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def caseworker_reply(app, settings, text: str) -> None:
    with app.app_context():
        user = db.session.scalars(select(StaffUser)).first()
        case = db.session.scalars(select(Case).order_by(Case.id.desc())).first()
        reply(db.session, settings, user, case, text)
        db.session.commit()


def deliveries(app) -> list[SmsDelivery]:
    with app.app_context():
        found = list(db.session.scalars(select(SmsDelivery)))
        db.session.expunge_all()
        return found


def test_every_inbound_sid_is_purged_at_the_provider(sms, app):
    sids = [new_sid() for _ in range(5)]
    sms.text(US, REPORT, sid=sids[0])
    sms.text(US, "They moved us today", sid=sids[1])
    sms.text(US, "LANG es", sid=sids[2])
    sms.text(US, "   ", sid=sids[3])
    sms.text("+447700900123", "HELP", sid=sids[4])  # a stranger's keyword
    sms.text(US, REPORT, sid=sids[0])  # a retried webhook
    purges = jobs(app, "sms.purge_message")
    assert len(purges) == 5
    for job in purges:  # the sid is sealed in the payload, never in the clear
        assert not any(sid in job.payload for sid in sids)
    assert sms.drain() >= 5
    deleted = [event["sid"] for event in sms.provider.of("delete_message")]
    assert sorted(deleted) == sorted(sids)
    for job in jobs(app, "sms.purge_message"):
        assert job.status == "done" and job.payload == "{}"
    with app.app_context():
        purged = [json.loads(e.details) for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "provider.purged"))]
    assert sorted(entry["ref"] for entry in purged) == sorted(
        sid_hash(sms.settings, sid) for sid in sids)


def test_purge_can_be_turned_off(sms, app):
    sms.configure(provider_purge=False)
    sms.text(US, REPORT)
    assert jobs(app, "sms.purge_message") == []


def test_purge_retries_while_the_provider_is_busy(sms, app):
    sms.text(US, REPORT)
    sms.provider.fail_next(ProviderTransient(30), method="delete_message")
    sms.drain()
    [job] = jobs(app, "sms.purge_message")
    assert job.status == "pending" and job.last_error == "ProviderTransient"
    make_due(app)
    sms.drain()
    assert len(sms.provider.of("delete_message")) == 1
    assert jobs(app, "sms.purge_message")[0].status == "done"


def test_outbound_messages_are_purged_when_final(sms, app):
    auto_reply = new_sid()
    assert sms.status(auto_reply, "sent", to=US).status_code == 200
    assert sms.status(auto_reply, "delivered", to=US).status_code == 200
    assert sms.status(auto_reply, "delivered", to=US).status_code == 200  # retried callback
    purges = jobs(app, "sms.purge_message")
    assert len(purges) == 2  # one now, one late (for carriers that never say delivered)
    late = [job for job in purges if job.run_after > utcnow() + timedelta(minutes=50)]
    assert len(late) == 1
    sms.drain()
    assert [e["sid"] for e in sms.provider.of("delete_message")] == [auto_reply]


def test_status_callback_needs_a_signature(sms, app):
    params = {"MessageSid": new_sid(), "MessageStatus": "delivered"}
    assert sms.post("/twilio/sms/status", params, signature="bad").status_code == 403
    assert sms.post("/twilio/sms/status", {"MessageSid": "x"}).status_code == 400
    assert jobs(app) == []


def test_error_21610_on_a_status_callback_is_a_stop(sms, app):
    sms.text(US, REPORT)
    sms.status(new_sid(), "failed", error_code=21610, to=US)
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        assert conversation.opted_out


def test_caseworker_reply_is_texted_through_the_relay(sms, app):
    sms.text(US, REPORT)
    caseworker_reply(app, sms.settings, "We can help. Are you safe to talk tonight?")
    [delivery] = deliveries(app)
    assert delivery.status == "queued"
    [job] = jobs(app, "sms.send_reply")
    assert US not in job.payload and "safe to talk" not in job.payload
    sms.drain()
    assert sms.provider.bodies_to(US) == ["We can help. Are you safe to talk tonight?"]
    [sent] = sms.provider.sent
    assert sent["status_callback"] == sms.settings.public_url + "/twilio/sms/status"
    [delivery] = deliveries(app)
    assert delivery.status == "accepted"
    assert delivery.sid_hash == sid_hash(sms.settings, sent["sid"])
    sms.status(sent["sid"], "sent", to=US)
    sms.status(sent["sid"], "delivered", to=US)
    sms.status(sent["sid"], "sent", to=US)  # out of order: no step back
    assert deliveries(app)[0].status == "delivered"
    sms.drain()
    assert sent["sid"] in [e["sid"] for e in sms.provider.of("delete_message")]
    sms.drain()
    assert len(sms.provider.sent) == 1  # exactly once


def test_reply_is_retried_on_429_and_sent_once(sms, app):
    sms.configure(outbox_settle_seconds=0)
    sms.text(US, REPORT)
    caseworker_reply(app, sms.settings, "Are you safe?")
    sms.provider.fail_next(ProviderTransient(2), method="send_sms")
    sms.drain()
    [job] = jobs(app, "sms.send_reply")
    assert job.status == "pending" and sms.provider.sent == []
    make_due(app)
    sms.drain()
    make_due(app)
    sms.drain()
    assert sms.provider.bodies_to(US) == ["Are you safe?"]
    assert jobs(app, "sms.send_reply")[0].status == "done"


def test_reply_refused_after_stop(sms, app):
    sms.text(US, REPORT)
    sms.text(US, "STOP")
    with pytest.raises(CaseError):
        caseworker_reply(app, sms.settings, "Hello?")
    assert deliveries(app) == [] and jobs(app, "sms.send_reply") == []


def test_stop_after_the_reply_was_queued_cancels_it(sms, app):
    sms.text(US, REPORT)
    caseworker_reply(app, sms.settings, "Hello?")
    sms.text(US, "STOP")
    sms.drain()
    assert sms.provider.sent == []
    assert deliveries(app)[0].status == "cancelled"


def test_provider_opt_out_on_send_stops_the_conversation(sms, app):
    sms.text(US, REPORT)
    caseworker_reply(app, sms.settings, "Hello?")
    sms.provider.fail_next(ProviderPermanent(21610), method="send_sms")
    sms.drain()
    [delivery] = deliveries(app)
    assert (delivery.status, delivery.error_code) == ("failed", 21610)
    with app.app_context():
        assert db.session.scalars(select(SmsConversation)).one().opted_out


def test_idle_number_is_purged_by_the_hourly_sweep(sms, app):
    sms.text(US, REPORT)
    sms.text("+447700900123", "Another report from another phone")
    assert jobs(app, "sms.sweep_relays") == []  # nothing extra on the webhook
    sms.drain()  # the purge jobs make sure a sweep is scheduled
    [sweep] = jobs(app, "sms.sweep_relays")
    assert sweep.status == "pending" and sweep.run_after > utcnow()
    with app.app_context():
        idle = db.session.scalars(select(SmsConversation).order_by(
            SmsConversation.created_at)).first()
        idle.relay_purge_after = utcnow() - timedelta(seconds=1)
        idle_id = idle.id
        db.session.commit()
    make_due(app)
    sms.drain()
    with app.app_context():
        for conversation in db.session.scalars(select(SmsConversation)):
            purged = conversation.id == idle_id
            assert (conversation.relay_sealed is None) == purged
            assert db.session.get(Case, conversation.case_id).safe_to_contact != purged
    sweeps = jobs(app, "sms.sweep_relays")
    assert [job.status for job in sweeps] == ["done", "pending"]  # it chains itself
    # The idle purge ends the conversation and forgets its keyed hash (review
    # finding 7): when the reporter writes again, it is a new report.
    sms.text(US, "We are still here")
    with app.app_context():
        conversation = db.session.get(SmsConversation, idle_id)
        assert conversation.relay_sealed is None and conversation.ended_at is not None
        assert conversation.reporter_hash == "" and not conversation.number_deleted
        newest = db.session.scalars(select(SmsConversation).order_by(
            SmsConversation.created_at.desc())).first()
        assert newest.id != idle_id and newest.case_id != conversation.case_id
        assert newest.relay_purge_after > utcnow() + timedelta(days=29)
        assert db.session.get(Case, newest.case_id).safe_to_contact


def test_sweep_is_scheduled_without_provider_purge(sms, app):
    sms.configure(provider_purge=False)
    sms.text(US, REPORT)
    assert len(jobs(app, "sms.sweep_relays")) == 1
