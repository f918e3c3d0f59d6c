"""Voice disguise: speech made with espeak-ng, disguised, measured with a pitch tracker."""

from __future__ import annotations

import io
import shutil
import subprocess

import numpy as np
import pytest
import pyworld
import soundfile

from hotline.channels.voice.disguise import DisguiseError, disguise_wav, voiced_mean_f0

SENTENCE = "They took my passport and we work every day without pay. Please help us."


def espeak(voice: str, pitch: int) -> bytes:
    binary = shutil.which("espeak-ng")
    assert binary, "espeak-ng is installed by scripts/install-system-deps"
    result = subprocess.run([binary, "-v", voice, "-p", str(pitch), "--stdout", SENTENCE],
                            check=True, capture_output=True)
    return result.stdout


def mad(values: np.ndarray) -> float:
    return float(np.median(np.abs(values - np.median(values))))


def mean_f0(wav: bytes) -> float:
    samples, rate = soundfile.read(io.BytesIO(wav), dtype="float64", always_2d=True)
    signal = np.ascontiguousarray(samples.mean(axis=1))
    f0, _ = pyworld.harvest(signal, rate, f0_floor=50.0, f0_ceil=600.0)
    return voiced_mean_f0(f0)


@pytest.mark.parametrize(("voice", "pitch"), [("en", 20), ("en+f3", 80), ("es", 50)])
def test_disguise_moves_f0_by_at_least_thirty_percent(voice, pitch):
    original = espeak(voice, pitch)
    disguised = disguise_wav(original)
    before, after = mean_f0(original), mean_f0(disguised)
    assert abs(after - before) / before >= 0.30, (before, after)
    samples, _ = soundfile.read(io.BytesIO(disguised))
    assert np.max(np.abs(samples)) > 0.1, "the output is audible speech, not silence"


def test_inverse_pitch_shift_does_not_restore_the_voice():
    """Undo the mean pitch change alone: the formants and melody still differ."""
    original = espeak("en", 40)
    disguised = disguise_wav(original)
    a, rate = soundfile.read(io.BytesIO(original), dtype="float64")
    b, _ = soundfile.read(io.BytesIO(disguised), dtype="float64")
    fa, ta = pyworld.harvest(a, rate)
    fb, tb = pyworld.harvest(b, rate)
    ratio = voiced_mean_f0(fa) / voiced_mean_f0(fb)
    undone = np.where(fb > 0, fb * ratio, 0)
    both = (fa[: len(undone)] > 0) & (undone[: len(fa)] > 0)
    # Median absolute deviation, not the standard deviation: a pitch tracker's
    # few octave errors on re-synthesised speech would dominate the latter
    # and make the comparison a coin toss.
    spread_original = mad(np.log(fa[: len(undone)][both]))
    spread_undone = mad(np.log(undone[: len(fa)][both]))
    assert spread_undone < 0.7 * spread_original, "intonation stays flattened"
    env_a = pyworld.cheaptrick(a, fa, ta, rate).mean(axis=0)
    env_b = pyworld.cheaptrick(b, fb, tb, rate).mean(axis=0)
    centroid = lambda env: float(np.sum(np.arange(env.size) * env) / np.sum(env))  # noqa: E731
    assert abs(centroid(env_b) - centroid(env_a)) / centroid(env_a) > 0.05, "formants moved"


def test_rejects_garbage_and_silence():
    with pytest.raises(DisguiseError):
        disguise_wav(b"not audio at all")
    silence = io.BytesIO()
    soundfile.write(silence, np.zeros(8000), 8000, format="WAV")
    with pytest.raises(DisguiseError):
        disguise_wav(silence.getvalue())


def telephone(wav: bytes, tmp_path) -> bytes:
    """8 kHz mono 16-bit, as Twilio records calls (sox resamples, to a file)."""
    binary = shutil.which("sox")
    assert binary, "sox is installed by scripts/install-system-deps"
    out = tmp_path / "telephone.wav"
    subprocess.run([binary, "-q", "-t", "wav", "-", "-r", "8000", "-c", "1", "-b", "16", str(out)],
                   input=wav, check=True)
    return out.read_bytes()


@pytest.mark.parametrize(("voice", "pitch"), [("en", 20), ("en+f3", 80), ("es", 50)])
def test_telephone_audio_is_disguised_as_speech_not_whisper(voice, pitch, tmp_path):
    """At 8 kHz WORLD's aperiodicity analysis finds no band and would
    re-synthesise noise: the disguise works on it upsampled."""
    original = telephone(espeak(voice, pitch), tmp_path)
    disguised = disguise_wav(original)
    samples, rate = soundfile.read(io.BytesIO(disguised), dtype="float64")
    assert rate == 8000
    f0, timeaxis = pyworld.dio(samples, rate)
    f0 = pyworld.stonemask(samples, f0, timeaxis, rate)
    assert (f0 > 0).mean() > 0.3, "voiced, not whispered"
    before, after = mean_f0(original), mean_f0(disguised)
    assert abs(after - before) / before >= 0.30, (before, after)


def test_a_long_call_is_disguised_in_pieces_the_same_way_throughout(tmp_path):
    """Over SEGMENT_SECONDS the recording is processed in pieces (bounded
    memory): one plan for all, so every stretch moves alike, and the joins
    are cross-faded, not dropped."""
    sentence = telephone(espeak("en", 30), tmp_path)
    samples, rate = soundfile.read(io.BytesIO(sentence), dtype="float64")
    long = np.tile(samples, int(31 * rate / samples.size) + 1)[: 31 * rate]
    buffer = io.BytesIO()
    soundfile.write(buffer, long, rate, format="WAV", subtype="PCM_16")
    disguised, _ = soundfile.read(io.BytesIO(disguise_wav(buffer.getvalue())), dtype="float64")
    assert disguised.size == long.size
    def dio_mean(signal: np.ndarray) -> float:  # harvest is too slow for 30 s of audio
        f0, timeaxis = pyworld.dio(np.ascontiguousarray(signal), rate)
        return voiced_mean_f0(pyworld.stonemask(np.ascontiguousarray(signal), f0, timeaxis, rate))

    changes = []
    for part in (slice(0, 15 * rate), slice(15 * rate, 30 * rate)):
        before, after = dio_mean(long[part]), dio_mean(disguised[part])
        changes.append((after - before) / before)
    assert min(changes) >= 0.30 and max(changes) - min(changes) < 0.1, changes
