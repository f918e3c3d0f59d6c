"""Privacy invariant 1 across the whole voice path, with canaries.

The caller's number (in every format), the CallSids, the RecordingSids and
URLs, the account id and every location field (From*, To*, Caller*,
Called*) must appear nowhere: not in any table, not in the instance folder
(blobs included), not in any log line, even with every logger at DEBUG and
SQLAlchemy logging each statement's parameters. The path covers a report
with a recording, consent and a number kept for texts back (sealed), a
returning caller's follow-up, a missed call, the fallback, and the outbox
downloading and deleting the recordings and the call records.
"""

from __future__ import annotations

import logging
import shutil
import subprocess

from sqlalchemy import func, select

from hotline.cases.models import Case
from hotline.extensions import db
from hotline.outbox.models import Job
from tests.integration.test_sms_privacy_canary import number_formats, stored_bytes

NUMBER = "+34611000222"
LOCATION = {"FromCity": "Canaryburgo", "FromState": "Canaryprovincia", "FromZip": "2900731",
            "FromCountry": "ES", "CallerCity": "Canaryburgo", "CallerState": "Canaryprovincia",
            "CallerZip": "2900731", "CallerCountry": "ES", "ToCity": "Canarytown",
            "ToState": "Canarystate", "ToZip": "2000159", "ToCountry": "US",
            "CalledCity": "Canarytown", "CalledState": "Canarystate", "CalledZip": "2000159",
            "CalledCountry": "US"}


def speech() -> bytes:
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is installed by scripts/install-system-deps"
    return subprocess.run([espeak, "-v", "es", "--stdout", "Me quitaron el pasaporte."],
                          check=True, capture_output=True).stdout


def test_voice_identifiers_never_stored_or_logged(voice, app, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # statements and parameters
    voice.caller = NUMBER
    voice.location = LOCATION
    call_sids: list[str] = []
    recordings: list[tuple[str, str]] = []
    audio = speech()

    def leave_recording(call: str) -> None:
        sid, url = voice.new_recording()
        recordings.append((sid, url))
        voice.provider.add_media(url, audio)
        params = {"RecordingSid": sid, "RecordingUrl": url, "RecordingDuration": "3"}
        voice.xml(voice.step("/twilio/voice/recorded?n=0", call, **params))
        voice.step("/twilio/voice/recording", call, RecordingStatus="completed", **params)

    def new_call() -> str:
        call = voice.new_call()
        call_sids.append(call)
        voice.xml(voice.step("/twilio/voice", call))
        voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits="2"))
        return call

    call = new_call()
    leave_recording(call)
    voice.xml(voice.step("/twilio/voice/consent?n=0", call, Digits="1"))
    root = voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="1"))
    code = "".join(ch for ch in root.find("Say[3]").text if ch.isdigit())
    assert len(code) == 10
    voice.step("/twilio/voice/status", call, CallStatus="completed")

    call = new_call()  # the same caller, back with the case code
    voice.xml(voice.step("/twilio/voice/intro", call, Digits="0"))
    voice.xml(voice.step("/twilio/voice/code?n=0", call, Digits=code))
    leave_recording(call)
    voice.step("/twilio/voice/fallback", call, ErrorCode="11200")
    voice.step("/twilio/voice/status", call, CallStatus="completed")

    call = new_call()  # hangs up before the tone
    voice.step("/twilio/voice/status", call, CallStatus="completed")

    voice.drain()
    voice.drain()
    with app.app_context():  # the call records' deletion, due at the next hour
        for job in db.session.scalars(select(Job).where(Job.kind == "voice.delete_call")):
            job.run_after = job.created_at
        db.session.commit()
    voice.drain()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1  # follow-up joined
    assert sorted(e["sid"] for e in voice.provider.of("delete_recording")) == \
        sorted(sid for sid, _ in recordings)
    assert sorted(e["sid"] for e in voice.provider.of("delete_call")) == sorted(call_sids)

    stored = stored_bytes(app)
    captured = capfd.readouterr()
    logs = (caplog.text + captured.out + captured.err).encode()
    assert b"INSERT INTO voice_call" in logs  # statements and parameters were logged
    assert b"'voice'" in stored  # the tables' rows were read (a voice case)
    canaries = [*number_formats(NUMBER), *call_sids, voice.call_params("x")["AccountSid"],
                *(sid for sid, _ in recordings), *(url for _, url in recordings),
                *sorted(set(LOCATION.values()) - {"ES", "US"})]
    for canary in canaries:
        needle = canary.encode()
        assert needle not in stored, f"{canary!r} found in stored bytes"
        assert needle not in logs, f"{canary!r} found in logs"
