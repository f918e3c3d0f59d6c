"""Voice disguise by re-synthesis (WORLD vocoder, via ``pyworld``).

A recording is decomposed into its fundamental frequency (F0) contour, its
spectral envelope (formants: the shape of the vocal tract, much of what makes
a voice recognisable) and its aperiodicity, then re-synthesised with:

- F0 moved by at least a third, away from the speaker's own register (low
  voices up, high voices down), with a small random spread per recording;
- the intonation flattened toward the new mean (a speaker's melody is
  identifying, and flattening is not undone by any pitch shift);
- the spectral envelope warped along the frequency axis, moving the
  formants independently of F0.

Because formants and intonation change as well as pitch, a simple inverse
pitch shift does not bring the voice back. Everything happens in memory: the
caller passes bytes and gets bytes, nothing touches disk.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

import numpy as np
import pyworld
import soundfile

LOW_VOICE_HZ = 165.0  # below: treated as a low voice and raised
# WORLD's D4C estimates aperiodicity in bands 3 kHz apart above 3 kHz: below
# a 16 kHz sample rate it finds no band and calls every frame noise, and the
# re-synthesis is whisper. Telephone audio (Twilio records at 8 kHz) is
# therefore analysed and re-synthesised upsampled, then brought back.
ANALYSIS_RATE = 16_000
# Long recordings are processed in pieces of this length, read with this
# much padding each side and cross-faded over twice FADE_SECONDS at the joins.
SEGMENT_SECONDS = 15.0
PAD_SECONDS = 0.5
FADE_SECONDS = 0.03


@dataclass(frozen=True)
class DisguiseParams:
    up_ratio: float = 1.55
    down_ratio: float = 0.5
    spread: float = 0.06
    flatten: float = 0.6
    formant_up: float = 1.14
    formant_down: float = 0.88
    frame_period_ms: float = 5.0


class DisguiseError(ValueError):
    """The audio could not be decoded or holds no voice."""


def _warp_envelope(envelope: np.ndarray, alpha: float) -> np.ndarray:
    """Stretch (alpha > 1) or squeeze each frame's envelope along frequency."""
    bins = envelope.shape[1]
    source = np.clip(np.arange(bins) / alpha, 0, bins - 1)
    lower = np.floor(source).astype(int)
    upper = np.minimum(lower + 1, bins - 1)
    weight = source - lower
    return envelope[:, lower] * (1 - weight) + envelope[:, upper] * weight


def voiced_mean_f0(f0: np.ndarray) -> float:
    voiced = f0[f0 > 0]
    if voiced.size == 0:
        raise DisguiseError("no voiced speech found")
    return float(np.exp(np.mean(np.log(voiced))))


def _resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited resampling by zero-padding or truncating the spectrum."""
    if rate == target:
        return samples
    count = round(samples.size * target / rate)
    return np.fft.irfft(np.fft.rfft(samples), count) * (count / samples.size)


@dataclass(frozen=True)
class _Piece:
    """A stretch of the recording, analysed and re-synthesised on its own so
    that memory stays bounded (the spectral envelope and aperiodicity of a
    whole five-minute call would take over a gigabyte). ``lo:hi`` is read,
    with padding; ``start:end`` is what it contributes, faded at the joins."""

    lo: int
    start: int
    end: int
    hi: int
    f0: np.ndarray
    timeaxis: np.ndarray


def _bounds(size: int, rate: int) -> list[tuple[int, int, int, int]]:
    segment, pad = int(SEGMENT_SECONDS * rate), int(PAD_SECONDS * rate)
    return [(max(0, start - pad), start, min(size, start + segment),
             min(size, start + segment + pad)) for start in range(0, size, segment)]


def _weights(piece: _Piece, size: int, rate: int) -> np.ndarray:
    """1 on the piece's own stretch, linear ramps across each join (the
    neighbours' ramps add up to 1)."""
    fade = int(FADE_SECONDS * rate)
    where = np.arange(piece.lo, piece.hi, dtype=np.float64)
    weight = np.ones(where.size)
    if piece.start > 0:
        weight *= np.clip((where - (piece.start - fade)) / (2 * fade), 0.0, 1.0)
    if piece.end < size:
        weight *= np.clip(((piece.end + fade) - where) / (2 * fade), 0.0, 1.0)
    return weight


def disguise_samples(samples: np.ndarray, rate: int,
                     params: DisguiseParams = DisguiseParams()) -> np.ndarray:
    signal = np.ascontiguousarray(samples, dtype=np.float64)
    work = max(rate, ANALYSIS_RATE)
    pieces: list[_Piece] = []
    own: list[np.ndarray] = []
    for lo, start, end, hi in _bounds(signal.size, rate):
        audio = np.ascontiguousarray(_resample(signal[lo:hi], rate, work))
        f0, timeaxis = pyworld.dio(audio, work, frame_period=params.frame_period_ms)
        f0 = pyworld.stonemask(audio, f0, timeaxis, work)
        pieces.append(_Piece(lo, start, end, hi, f0, timeaxis))
        own.append(f0[(timeaxis >= (start - lo) / rate) & (timeaxis < (end - lo) / rate)])

    # One plan for the whole recording: every piece moves the same way.
    mean = voiced_mean_f0(np.concatenate(own))
    raise_voice = mean < LOW_VOICE_HZ
    jitter = 1 + params.spread * (secrets.randbelow(2001) / 1000 - 1)
    ratio = (params.up_ratio if raise_voice else params.down_ratio) * jitter
    target = mean * ratio
    alpha = params.formant_up if raise_voice else params.formant_down

    output = np.zeros(signal.size)
    for piece in pieces:
        audio = np.ascontiguousarray(_resample(signal[piece.lo:piece.hi], rate, work))
        envelope = pyworld.cheaptrick(audio, piece.f0, piece.timeaxis, work)
        aperiodicity = pyworld.d4c(audio, piece.f0, piece.timeaxis, work)
        voiced = piece.f0 > 0
        log_f0 = np.log(np.where(voiced, piece.f0, 1.0))
        flattened = np.log(target) + (1 - params.flatten) * (log_f0 - np.log(mean))
        new_f0 = np.where(voiced, np.exp(flattened), 0.0)
        new_envelope = np.ascontiguousarray(_warp_envelope(envelope, alpha))
        synthesized = pyworld.synthesize(new_f0, new_envelope, aperiodicity, work,
                                         frame_period=params.frame_period_ms)
        back = _resample(synthesized, work, rate)
        length = piece.hi - piece.lo
        back = np.pad(back, (0, max(0, length - back.size)))[:length]
        output[piece.lo:piece.hi] += back * _weights(piece, signal.size, rate)
    peak = float(np.max(np.abs(output))) or 1.0
    return (output / peak * 0.9).astype(np.float32)


def disguise_wav(data: bytes, params: DisguiseParams = DisguiseParams()) -> bytes:
    """Decode audio bytes (WAV, FLAC, OGG…), disguise, return 16-bit PCM WAV."""
    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float64", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as error:
        raise DisguiseError("unreadable audio") from error
    mono = samples.mean(axis=1)
    if mono.size < rate // 10:
        raise DisguiseError("recording too short")
    out = io.BytesIO()
    soundfile.write(out, disguise_samples(mono, rate, params), rate, format="WAV",
                    subtype="PCM_16")
    return out.getvalue()
