"""Chunked streaming AEAD for attachments and recordings.

Uploads can be large (voice recordings, videos), so they are encrypted and
decrypted in fixed-size chunks without ever holding the whole file in
memory. A plain "encrypt each chunk" scheme would let an attacker with write
access to storage drop, duplicate, reorder or truncate chunks unnoticed; the
STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) prevents that
by putting the chunk's position and a "last chunk" flag into its nonce.

Format::

    header:  version (1 byte = 0x01) || nonce prefix (7 random bytes)
    chunks:  length (u32 big-endian, of the ciphertext) || ciphertext+tag
             ...repeated; the final chunk is followed by end of input.

Chunk ``i`` is ChaCha20-Poly1305 with nonce ``prefix || i (u32 BE) || last``
(``last`` is 0x01 for the final chunk, else 0x00) and associated data
``b"hotline/stream/v1|" + aad``. Plaintext chunks are ``CHUNK_SIZE`` bytes
except the final one, which may be shorter or empty (empty input is encoded
as a single empty final chunk, so a stream with no chunks is "truncated").

Since the reader only learns a chunk is the final one by hitting end of
input, truncating at a chunk boundary makes the new last chunk fail to
authenticate, and appended data makes the real last chunk fail.

Streaming decryption yields each chunk only after it has been authenticated,
but a consumer may receive earlier chunks before a later one fails: callers
that stream to a client must abort the response on CryptoError.

Use a fresh random key per stream (or at least per file); the 56-bit random
prefix only makes key reuse across a modest number of streams safe.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from hotline.crypto.errors import CryptoError

CHUNK_SIZE = 64 * 1024
STREAM_VERSION = 0x01
_PREFIX_LEN = 7
_HEADER_LEN = 1 + _PREFIX_LEN
_TAG_LEN = 16
_LEN = struct.Struct(">I")
_MAX_CHUNKS = 2**32
_LABEL = b"hotline/stream/v1|"


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    if index >= _MAX_CHUNKS:
        raise CryptoError("stream too long")
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _pieces(src: BinaryIO | Iterable[bytes]) -> Iterator[bytes]:
    """Byte strings from a file-like object (checked first: files are also
    iterable, by lines), a bytes-like object, or an iterable of bytes."""
    if hasattr(src, "read"):
        reader = cast(BinaryIO, src)
        while piece := reader.read(CHUNK_SIZE):
            yield piece
    elif isinstance(src, bytes | bytearray | memoryview):
        yield bytes(src)
    else:
        yield from src


def _chunks(pieces: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Regroup arbitrary pieces into (chunk, is_last) pairs of CHUNK_SIZE
    bytes (the last may be shorter), looking one chunk ahead so the final
    one can be flagged. Always yields a final chunk, empty for empty input.
    """
    buf = bytearray()
    pending: bytes | None = None
    for piece in pieces:
        buf += piece
        while len(buf) >= CHUNK_SIZE:
            if pending is not None:
                yield pending, False
            pending = bytes(buf[:CHUNK_SIZE])
            del buf[:CHUNK_SIZE]
    if buf:
        if pending is not None:
            yield pending, False
        pending = bytes(buf)
    yield (pending if pending is not None else b""), True


def encrypt_stream(src: BinaryIO | Iterable[bytes], dst: BinaryIO, key: bytes, aad: bytes) -> int:
    """Encrypt ``src`` (a binary file, bytes, or an iterable of bytes) into
    ``dst``. ``key`` is a 32-byte ChaCha20-Poly1305 key; ``aad`` binds the
    stream to its owner (e.g. the attachment id). Returns the number of
    plaintext bytes encrypted."""
    aead = ChaCha20Poly1305(key)
    ad = _LABEL + aad
    prefix = os.urandom(_PREFIX_LEN)
    dst.write(bytes([STREAM_VERSION]) + prefix)
    total = 0
    for index, (chunk, last) in enumerate(_chunks(_pieces(src))):
        sealed = aead.encrypt(_nonce(prefix, index, last), chunk, ad)
        dst.write(_LEN.pack(len(sealed)) + sealed)
        total += len(chunk)
    return total


def _read_exact(src: BinaryIO, n: int) -> bytes:
    """Read exactly ``n`` bytes, or fewer only at end of input."""
    parts: list[bytes] = []
    remaining = n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _read_length(src: BinaryIO) -> int | None:
    raw = _read_exact(src, _LEN.size)
    if not raw:
        return None
    if len(raw) != _LEN.size:
        raise CryptoError("truncated stream")
    length = _LEN.unpack(raw)[0]
    if not _TAG_LEN <= length <= CHUNK_SIZE + _TAG_LEN:
        raise CryptoError("invalid chunk length")
    return length


def iter_decrypt(src: BinaryIO, key: bytes, aad: bytes) -> Iterator[bytes]:
    """Yield authenticated plaintext chunks of a stream made by
    :func:`encrypt_stream`. Raises CryptoError on a wrong key or aad, any
    tampering, reordering, truncation or trailing data."""
    aead = ChaCha20Poly1305(key)
    ad = _LABEL + aad
    header = _read_exact(src, _HEADER_LEN)
    if len(header) != _HEADER_LEN:
        raise CryptoError("truncated stream header")
    if header[0] != STREAM_VERSION:
        raise CryptoError("unsupported stream version")
    prefix = header[1:]
    length = _read_length(src)
    if length is None:
        raise CryptoError("truncated stream")
    index = 0
    while length is not None:
        sealed = _read_exact(src, length)
        if len(sealed) != length:
            raise CryptoError("truncated stream")
        next_length = _read_length(src)
        last = next_length is None
        try:
            chunk = aead.decrypt(_nonce(prefix, index, last), sealed, ad)
        except InvalidTag as exc:
            raise CryptoError("stream chunk failed authentication") from exc
        yield chunk
        index += 1
        length = next_length


def decrypt_stream(src: BinaryIO, dst: BinaryIO, key: bytes, aad: bytes) -> int:
    """Decrypt ``src`` into ``dst``; returns the number of plaintext bytes.

    On CryptoError, ``dst`` may already hold a prefix of the plaintext; the
    caller must discard it.
    """
    total = 0
    for chunk in iter_decrypt(src, key, aad):
        dst.write(chunk)
        total += len(chunk)
    return total
