"""In a real headless Chromium: a caseworker opens a voice case and the
browser plays the disguised recording, streamed from the console."""

from __future__ import annotations

import shutil
import subprocess

import pyotp
import pytest

pytestmark = pytest.mark.browser


def speech(tmp_path) -> bytes:
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    assert espeak and sox, "espeak-ng and sox are installed by scripts/install-system-deps"
    wav = subprocess.run([espeak, "-v", "es", "--stdout", "Nos quitaron los pasaportes."],
                         check=True, capture_output=True).stdout
    out = tmp_path / "call.wav"
    subprocess.run([sox, "-q", "-t", "wav", "-", "-r", "8000", "-c", "1", "-b", "16", str(out)],
                   input=wav, check=True)
    return out.read_bytes()


def test_caseworker_plays_the_disguised_recording(voice, new_context, live_server, make_staff,
                                                  artifacts, tmp_path):
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    voice.step("/twilio/voice/language?n=0", call, Digits="2")
    sid, url = voice.new_recording()
    voice.provider.add_media(url, speech(tmp_path))
    params = {"RecordingSid": sid, "RecordingUrl": url, "RecordingDuration": "3"}
    voice.xml(voice.step("/twilio/voice/recorded?n=0", call, **params))
    voice.step("/twilio/voice/recording", call, RecordingStatus="completed", **params)
    voice.drain()
    worker = make_staff("rosa", "caseworker", ["survivor-support"])

    page = new_context().new_page()
    page.goto(f"{live_server}/console/login")
    page.fill("#username", worker.username)
    page.fill("#password", worker.password)
    page.locator("form button[type=submit]").click()
    page.fill("#code", pyotp.TOTP(worker.totp_secret).now())
    page.locator("form button[type=submit]").click()
    page.locator("tbody tr a").first.click()
    entry = page.locator(".conversation li.entry").first
    assert "[grabación de voz, 3 s]" in entry.inner_text()
    assert "disguised" in entry.locator("figcaption").inner_text()
    audio = entry.locator("audio")
    duration = audio.evaluate("""element => new Promise((resolve, reject) => {
        element.addEventListener("loadedmetadata", () => resolve(element.duration));
        element.addEventListener("error", () => reject(new Error("audio did not load")));
        element.load();
    })""")
    assert 1.0 < duration < 6.0
    page.screenshot(path=str(artifacts / "voice-console-case.png"), full_page=True)
