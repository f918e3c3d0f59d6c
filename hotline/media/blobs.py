"""Encrypted blob files under ``<instance>/blobs/``.

A blob is a STREAM ciphertext (``hotline.crypto.stream``: chunked
ChaCha20-Poly1305, truncation and reordering detected) bound to its id. The
plaintext arrives as an iterable of chunks and is encrypted as it is
written, so no plaintext byte reaches the disk. A blob is written to a
temporary name in the same folder and renamed into place, so a crash never
leaves a half-written blob under a real name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from hotline.crypto import encrypt_stream, iter_decrypt

_BLOB_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def blob_path(instance_path: Path, blob_id: str) -> Path:
    if not _BLOB_ID.match(blob_id):
        raise ValueError("a blob id is a UUID")
    return instance_path / "blobs" / blob_id[:2] / f"{blob_id}.blob"


def write_blob(instance_path: Path, blob_id: str, chunks: Iterable[bytes], key: bytes,
               aad: bytes) -> int:
    """Encrypt ``chunks`` into the blob file; returns the plaintext size."""
    path = blob_path(instance_path, blob_id)
    for folder in (instance_path / "blobs", path.parent):
        folder.mkdir(mode=0o700, exist_ok=True)
    temporary = path.with_suffix(".partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            size = encrypt_stream(chunks, handle, key, aad)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return size


def read_blob(instance_path: Path, blob_id: str, key: bytes, aad: bytes) -> Iterator[bytes]:
    """Authenticated plaintext chunks; raises CryptoError on any tampering."""
    with blob_path(instance_path, blob_id).open("rb") as handle:
        yield from iter_decrypt(handle, key, aad)


def delete_blob(instance_path: Path, blob_id: str) -> None:
    blob_path(instance_path, blob_id).unlink(missing_ok=True)
