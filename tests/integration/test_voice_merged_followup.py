"""Review finding 9: a caller's follow-up goes on the case whose code they
keyed in, even when staff merged it into another case (merging is for
display). Sealing it to the primary's queues would send it to police the
caller never consented to."""

from __future__ import annotations

from sqlalchemy import select

from hotline.cases.models import Case, Message, WrappedKey
from hotline.channels.voice.models import VoiceRecording
from hotline.extensions import db
from tests.conftest import post_form, signed_in, submit_web_report
from tests.integration.test_console_escalation import _police
from tests.integration.test_voice_flow import choose, record


def test_a_follow_up_on_a_merged_duplicate_stays_with_the_duplicate(voice, app, client, admin,
                                                                     make_staff):
    first = voice.new_call()
    choose(voice, first, "en")
    record(voice, first)
    voice.step("/twilio/voice/consent?n=0", first, Digits="2")  # police: no
    voice.step("/twilio/voice/contact?n=0", first, Digits="2")
    with app.app_context():
        duplicate = db.session.scalars(select(Case)).one()
        duplicate_id, duplicate_code = duplicate.id, duplicate.case_code
    primary_code, _ = submit_web_report(client, "Same farm, same boss, we are twelve people.",
                                        consent="police_full")
    with app.app_context():
        primary_id = db.session.scalar(select(Case.id).where(Case.case_code == primary_code))
    _, police_key = _police(app)
    worker = signed_in(app, make_staff("uma", "caseworker", ["survivor-support"]))
    response = post_form(worker, f"/console/cases/{duplicate_id}",
                         f"/console/cases/{duplicate_id}/merge", {"primary_code": primary_code})
    assert response.status_code == 302

    call = voice.new_call()
    choose(voice, call, "en")
    voice.step("/twilio/voice/intro", call, Digits="0")
    voice.step("/twilio/voice/code?n=0", call, Digits=duplicate_code)
    root, _sid, _url = record(voice, call, seconds="7")
    assert "We added your message to your case" in "".join(
        el.text or "" for el in root.iter("Say"))
    with app.app_context():
        recording = db.session.get(VoiceRecording, next(
            r.id for r in db.session.scalars(select(VoiceRecording))
            if r.duration_seconds == 7))
        assert recording.case_id == duplicate_id
        message = db.session.get(Message, recording.message_id)
        assert message.case_id == duplicate_id
        recipients = set(db.session.scalars(select(WrappedKey.recipient).where(
            WrappedKey.message_id == message.id)))
        assert f"team-key:{police_key}" not in recipients
        assert not db.session.scalars(select(Message).where(
            Message.case_id == primary_id, Message.kind == "reporter")).all()
    # Staff still read it on the primary's page, with the duplicate's messages.
    html = worker.get(f"/console/cases/{primary_id}").get_data(as_text=True)
    assert "[voice recording, 7 s]" in html
