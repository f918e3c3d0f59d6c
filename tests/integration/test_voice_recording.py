"""A call's recording, end to end: speech made with espeak-ng (resampled to
8 kHz, as Twilio records calls) is served by the recording provider, a
fake of Twilio's media endpoint; the outbox downloads it, stores only the
disguised copy encrypted, deletes it at the fake, and the console plays
the disguised voice to a signed-in caseworker."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import numpy as np
import pytest
import pyworld
import soundfile
from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case
from hotline.channels.voice.disguise import voiced_mean_f0
from hotline.channels.voice.models import VoiceRecording
from hotline.extensions import db
from hotline.media.models import Attachment
from hotline.media.operations import open_attachment
from hotline.outbox.models import Job
from hotline.outbox.providers.base import ProviderPermanent, ProviderTransient
from tests.conftest import signed_in
from tests.integration.test_sms_mms import admin_keys
from tests.integration.test_sms_privacy_canary import stored_bytes

SENTENCE = "They took my passport. We work every day and they do not pay us."


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> bytes:
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    assert espeak and sox, "espeak-ng and sox are installed by scripts/install-system-deps"
    wav = subprocess.run([espeak, "-v", "en", "-p", "35", "--stdout", SENTENCE],
                         check=True, capture_output=True).stdout
    out = tmp_path_factory.mktemp("speech") / "call.wav"
    subprocess.run([sox, "-q", "-t", "wav", "-", "-r", "8000", "-c", "1", "-b", "16", str(out)],
                   input=wav, check=True)
    return out.read_bytes()


def mean_f0(wav: bytes) -> float:
    samples, rate = soundfile.read(io.BytesIO(wav), dtype="float64", always_2d=True)
    f0, _ = pyworld.harvest(np.ascontiguousarray(samples.mean(axis=1)), rate,
                            f0_floor=50.0, f0_ceil=600.0)
    return voiced_mean_f0(f0)


def start_message(voice, speech: bytes) -> tuple[str, dict[str, str]]:
    """A call in English up to its <Record>, ``speech`` waiting at the fake
    media endpoint; returns the CallSid and the recording's parameters."""
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/language?n=0", call, Digits="1")
    sid, url = voice.new_recording()
    voice.provider.add_media(url, speech)
    return call, {"RecordingSid": sid, "RecordingUrl": url, "RecordingDuration": "4"}


def report_by_phone(voice, speech: bytes, *, status_first: bool = False) -> tuple[str, str]:
    """A call that leaves ``speech``; returns the recording's (sid, url)."""
    call, recording = start_message(voice, speech)
    sid, url = recording["RecordingSid"], recording["RecordingUrl"]
    status = {**recording, "RecordingStatus": "completed", "RecordingChannels": "1",
              "RecordingSource": "RecordVerb"}
    if status_first:
        voice.step("/twilio/voice/recording", call, **status)
    voice.xml(voice.step("/twilio/voice/recorded?n=0", call, **recording))
    if not status_first:
        voice.step("/twilio/voice/recording", call, **status)
    voice.step("/twilio/voice/status", call, CallStatus="completed")
    return sid, url


def pcm_windows(wav: bytes, count: int = 8) -> list[bytes]:
    """Slices of the audio data (past the header) that any plaintext copy holds."""
    data = wav[wav.index(b"data") + 8:]
    step = len(data) // (count + 1)
    return [data[i * step:i * step + 48] for i in range(1, count + 1)]


def test_recording_is_disguised_stored_encrypted_and_deleted(voice, app, admin, make_staff,
                                                             speech):
    sid, url = report_by_phone(voice, speech)
    with app.app_context():
        [job] = db.session.scalars(select(Job).where(Job.kind == "voice.fetch_recording"))
        assert sid not in job.payload and url not in job.payload  # sealed
    voice.drain()
    voice.drain()

    # 2) the provider's copy was downloaded once, then deleted; audited without the sid.
    assert [e["url"] for e in voice.provider.of("open_recording")] == [url]
    assert [e["sid"] for e in voice.provider.of("delete_recording")] == [sid]
    with app.app_context():
        case_id = db.session.scalars(select(Case.id)).one()
        [deleted] = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "voice.recording.deleted"))
        assert deleted.case_id == case_id and sid not in deleted.details
        row = db.session.scalars(select(VoiceRecording)).one()
        assert row.status == "stored" and row.duration_seconds == 4
        # 4) only the disguised copy: the original is not kept by default.
        [attachment] = db.session.scalars(select(Attachment))
        assert attachment.id == row.disguised_attachment_id and row.original_attachment_id is None
        assert attachment.content_type == "audio/wav"
        assert not db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "voice.original.kept")).all()
        jobs = db.session.scalars(select(Job).where(Job.kind.like("voice.%recording"))).all()
        assert {j.status for j in jobs} == {"done"} and {j.payload for j in jobs} == {"{}"}

    # 3) a caseworker hears the disguised voice, decrypted on the fly.
    worker = make_staff("carla", "caseworker", ["survivor-support"])
    client = signed_in(app, worker)
    page = client.get(f"/console/cases/{case_id}").get_data(as_text=True)
    [source] = re.findall(r'<audio controls preload="none" src="([^"]+)"', page)
    response = client.get(source)
    assert response.status_code == 200 and response.mimetype == "audio/wav"
    assert response.headers["Cache-Control"] == "no-store"
    played = response.get_data()
    before, after = mean_f0(speech), mean_f0(played)
    assert abs(after - before) / before >= 0.30, (before, after)
    assert played != speech and not any(w in played for w in pcm_windows(speech))

    # 1) stored only encrypted: no WAV, no slice of either audio, anywhere.
    stored = stored_bytes(app)
    for needle in (b"RIFF", b"WAVEfmt", *pcm_windows(speech), *pcm_windows(played)):
        assert needle not in stored
    with app.app_context():
        played_audit = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "voice.recording.played")).one()
        assert played_audit.actor_id == worker.user_id


def test_keeping_the_original_is_a_setting_and_audited(voice, app, admin, speech):
    voice.configure(voice_keep_original=True)
    report_by_phone(voice, speech, status_first=True)  # the callbacks in either order
    voice.drain()
    voice.drain()
    with app.app_context():
        row = db.session.scalars(select(VoiceRecording)).one()
        assert row.original_attachment_id and row.disguised_attachment_id
        original = db.session.get(Attachment, row.original_attachment_id)
        kept = b"".join(open_attachment(db.session, voice.settings.instance_path, original,
                                        admin_keys(admin)))
        assert kept == speech
        [audit] = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "voice.original.kept"))
        assert json.loads(audit.details) == {"message": row.message_id}
        case_id, original_id = row.case_id, row.original_attachment_id
    # The console never serves the original, not even to an admin of the case.
    client = signed_in(app, admin)
    assert client.get(f"/console/cases/{case_id}/recordings/{original_id}.wav").status_code == 404
    stored = stored_bytes(app)
    assert b"RIFF" not in stored and not any(w in stored for w in pcm_windows(speech))


def test_provider_errors_are_retried_and_the_delete_happens_anyway(voice, app, admin, speech):
    sid, _url = report_by_phone(voice, speech)
    voice.provider.fail_next(ProviderTransient(None), method="open_recording")
    voice.provider.fail_next(ProviderTransient(None), count=2, method="delete_recording")
    for _ in range(4):
        with app.app_context():  # make every pending job due now
            for job in db.session.scalars(select(Job).where(Job.status == "pending",
                                                            Job.kind != "voice.sweep_calls")):
                job.run_after = job.created_at
            db.session.commit()
        voice.drain()
    assert [e["sid"] for e in voice.provider.of("delete_recording")] == [sid]
    with app.app_context():
        assert db.session.scalars(select(VoiceRecording.status)).one() == "stored"


def test_a_recording_that_never_downloads_is_still_deleted(voice, app, admin, speech):
    sid, _url = report_by_phone(voice, speech)
    voice.provider.fail_next(ProviderPermanent(20404), count=20, method="open_recording")
    for _ in range(10):
        with app.app_context():
            for job in db.session.scalars(select(Job).where(Job.status == "pending",
                                                            Job.kind != "voice.sweep_calls")):
                job.run_after = job.created_at
            db.session.commit()
        voice.drain()
    assert [e["sid"] for e in voice.provider.of("delete_recording")] == [sid]
    with app.app_context():
        assert db.session.scalars(select(VoiceRecording.status)).one() == "unavailable"
        assert not db.session.scalars(select(Attachment)).all()
    page = signed_in(app, admin).get(
        f"/console/cases/{db_case_id(app)}").get_data(as_text=True)
    assert "could not be retrieved from the telephone provider" in page


def db_case_id(app) -> int:
    with app.app_context():
        return db.session.scalars(select(Case.id)).one()


def test_a_member_outside_the_cases_queues_cannot_play(voice, app, admin, make_staff, speech):
    report_by_phone(voice, speech)
    voice.drain()
    voice.drain()
    with app.app_context():
        row = db.session.scalars(select(VoiceRecording)).one()
        source = f"/console/cases/{row.case_id}/recordings/{row.disguised_attachment_id}.wav"
    officer = make_staff("omar", "le_triage", ["law-enforcement"])
    assert signed_in(app, officer).get(source).status_code == 404  # as if it did not exist
    assert app.test_client().get(source).status_code in (302, 401)  # signed out


def test_deleting_a_voice_case_takes_its_recordings_and_files(voice, app, admin, speech):
    from hotline.channels.voice.models import VoiceCall
    from hotline.media.blobs import blob_path
    from hotline.retention.erase import erase_cases, remove_files

    report_by_phone(voice, speech)
    voice.drain()
    voice.drain()
    with app.app_context():
        case_id = db_case_id(app)
        [attachment_id] = db.session.scalars(select(Attachment.id))
        erased = erase_cases(db.session, [case_id])
        db.session.commit()
        assert erased.rows["voice_recording"] == 1
        assert remove_files(voice.settings.instance_path, erased) == 1
        assert not blob_path(voice.settings.instance_path, attachment_id).exists()
        assert not db.session.scalars(select(VoiceRecording)).all()
        assert not db.session.scalars(select(VoiceCall)).all()
