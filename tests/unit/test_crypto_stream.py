"""Chunked streaming AEAD (STREAM construction) for attachments."""

import io
import os
import struct
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotline.crypto import (
    CHUNK_SIZE,
    CryptoError,
    decrypt_stream,
    encrypt_stream,
    iter_decrypt,
    stream,
)

KEY = bytes(range(32))
AAD = b"attachment-7"
SIZES = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 200 * 1024]


def encrypt(data: bytes, key: bytes = KEY, aad: bytes = AAD) -> bytes:
    out = io.BytesIO()
    assert encrypt_stream(io.BytesIO(data), out, key, aad) == len(data)
    return out.getvalue()


def decrypt(blob: bytes, key: bytes = KEY, aad: bytes = AAD) -> bytes:
    out = io.BytesIO()
    n = decrypt_stream(io.BytesIO(blob), out, key, aad)
    assert n == len(out.getvalue())
    return out.getvalue()


def frames(blob: bytes) -> tuple[bytes, list[bytes]]:
    """Split an encrypted stream into its header and raw framed chunks."""
    header, pos, out = blob[:8], 8, []
    while pos < len(blob):
        (length,) = struct.unpack_from(">I", blob, pos)
        out.append(blob[pos : pos + 4 + length])
        pos += 4 + length
    return header, out


@pytest.mark.parametrize("size", SIZES)
def test_round_trip(size):
    data = os.urandom(size)
    blob = encrypt(data)
    assert decrypt(blob) == data
    expected_chunks = max(1, -(-size // CHUNK_SIZE))
    assert len(frames(blob)[1]) == expected_chunks


def test_empty_input_is_one_empty_final_chunk():
    blob = encrypt(b"")
    header, chunks = frames(blob)
    assert len(header) == 8
    assert len(chunks) == 1
    assert len(chunks[0]) == 4 + 16
    assert decrypt(blob) == b""


def test_iterable_source_with_odd_piece_sizes():
    data = os.urandom(3 * CHUNK_SIZE + 123)
    pieces = [data[i : i + 10_007] for i in range(0, len(data), 10_007)]
    out = io.BytesIO()
    assert encrypt_stream(iter(pieces), out, KEY, AAD) == len(data)
    assert decrypt(out.getvalue()) == data
    # Re-chunking makes the output layout independent of the piece sizes.
    assert [len(c) for c in frames(out.getvalue())[1]] == [len(c) for c in frames(encrypt(data))[1]]


def test_bytes_source_and_empty_iterable():
    out = io.BytesIO()
    assert encrypt_stream(b"hello", out, KEY, AAD) == 5
    assert decrypt(out.getvalue()) == b"hello"
    out = io.BytesIO()
    assert encrypt_stream(iter([b"", b""]), out, KEY, AAD) == 0
    assert decrypt(out.getvalue()) == b""


def test_iter_decrypt_yields_chunks():
    data = os.urandom(200 * 1024)
    chunks = list(iter_decrypt(io.BytesIO(encrypt(data)), KEY, AAD))
    assert [len(c) for c in chunks] == [
        CHUNK_SIZE,
        CHUNK_SIZE,
        CHUNK_SIZE,
        200 * 1024 - 3 * CHUNK_SIZE,
    ]
    assert b"".join(chunks) == data


class RecordingReader(io.RawIOBase):
    """A source that returns short reads and remembers request sizes."""

    def __init__(self, data: bytes, max_return: int) -> None:
        self._buf = io.BytesIO(data)
        self._max = max_return
        self.requests: list[int] = []

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.requests.append(size)
        return self._buf.read(min(size, self._max) if size >= 0 else self._max)


def test_bounded_reads_and_short_reads():
    data = os.urandom(3 * CHUNK_SIZE + 5)
    src = RecordingReader(data, max_return=1000)
    out = io.BytesIO()
    encrypt_stream(src, out, KEY, AAD)
    assert 0 < max(src.requests) <= CHUNK_SIZE
    dec_src = RecordingReader(out.getvalue(), max_return=777)
    assert b"".join(iter_decrypt(dec_src, KEY, AAD)) == data
    assert max(dec_src.requests) <= CHUNK_SIZE + 16


def test_wrong_key_or_aad_fails():
    blob = encrypt(b"recording")
    with pytest.raises(CryptoError):
        decrypt(blob, key=bytes(32))
    with pytest.raises(CryptoError):
        decrypt(blob, aad=b"attachment-8")


def test_dropping_the_last_chunk_is_detected():
    header, chunks = frames(encrypt(os.urandom(200 * 1024)))
    with pytest.raises(CryptoError):
        decrypt(header + b"".join(chunks[:-1]))


def test_truncation_anywhere_is_detected():
    blob = encrypt(os.urandom(2 * CHUNK_SIZE + 10))
    _, chunks = frames(blob)
    cuts = [0, 3, 8, 10, 8 + len(chunks[0]), 8 + len(chunks[0]) + 2, len(blob) - 1]
    for cut in cuts:
        with pytest.raises(CryptoError):
            decrypt(blob[:cut])


def test_exact_chunk_multiple_truncation_is_detected():
    # With 2 full chunks, dropping the second leaves a full-size chunk that
    # would look complete were it not for the last-chunk flag in the nonce.
    header, chunks = frames(encrypt(os.urandom(2 * CHUNK_SIZE)))
    with pytest.raises(CryptoError):
        decrypt(header + chunks[0])


def test_reordering_is_detected():
    header, chunks = frames(encrypt(os.urandom(3 * CHUNK_SIZE)))
    swapped = [chunks[1], chunks[0], chunks[2]]
    with pytest.raises(CryptoError):
        decrypt(header + b"".join(swapped))


def test_duplicated_or_appended_chunks_are_detected():
    header, chunks = frames(encrypt(os.urandom(CHUNK_SIZE + 100)))
    with pytest.raises(CryptoError):
        decrypt(header + chunks[0] + chunks[0] + chunks[1])
    with pytest.raises(CryptoError):
        decrypt(header + chunks[0] + chunks[1] + chunks[1])
    with pytest.raises(CryptoError):
        decrypt(header + chunks[0] + chunks[1] + b"\x00")


def test_splicing_chunks_between_streams_is_detected():
    data = os.urandom(2 * CHUNK_SIZE + 1)
    header_a, chunks_a = frames(encrypt(data))
    _, chunks_b = frames(encrypt(data))
    with pytest.raises(CryptoError):
        decrypt(header_a + chunks_a[0] + chunks_b[1] + chunks_a[2])


def test_tampering_is_detected():
    blob = encrypt(os.urandom(CHUNK_SIZE + 100))
    positions = [0, 1, 7, 8, 11, 12, 500, 8 + 4 + CHUNK_SIZE + 15, len(blob) - 1]
    for pos in positions:
        tampered = bytearray(blob)
        tampered[pos] ^= 0x01
        with pytest.raises(CryptoError):
            decrypt(bytes(tampered))


def test_oversized_length_field_is_rejected():
    header, _ = frames(encrypt(b"x"))
    with pytest.raises(CryptoError, match="length"):
        decrypt(header + struct.pack(">I", 2**31) + b"\x00" * 32)


def test_good_chunks_are_released_before_failure_is_known():
    # Documented property of streaming: the caller sees chunk 0 before the
    # truncation is detected, and must abort the response on CryptoError.
    header, chunks = frames(encrypt(os.urandom(2 * CHUNK_SIZE + 1)))
    it = iter_decrypt(io.BytesIO(header + chunks[0] + chunks[1]), KEY, AAD)
    assert len(next(it)) == CHUNK_SIZE
    with pytest.raises(CryptoError):
        list(it)


@settings(max_examples=60, deadline=None, database=None)
@given(
    data=st.binary(max_size=200),
    piece=st.integers(min_value=1, max_value=70),
    chunk_size=st.integers(min_value=1, max_value=40),
)
def test_round_trip_property_with_small_chunks(data, piece, chunk_size):
    # Shrink CHUNK_SIZE so that arbitrary data crosses many chunk boundaries.
    with mock.patch.object(stream, "CHUNK_SIZE", chunk_size):
        out = io.BytesIO()
        pieces = (data[i : i + piece] for i in range(0, len(data), piece))
        assert encrypt_stream(pieces, out, KEY, AAD) == len(data)
        blob = out.getvalue()
        chunks = list(iter_decrypt(io.BytesIO(blob), KEY, AAD))
        assert b"".join(chunks) == data
        assert len(chunks) == max(1, -(-len(data) // chunk_size))
        assert all(len(c) == chunk_size for c in chunks[:-1])
        if len(chunks) > 1:
            header, framed = frames(blob)
            with pytest.raises(CryptoError):
                decrypt(header + b"".join(framed[:-1]))
