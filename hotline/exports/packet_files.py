"""Encrypted referral packets on disk: ``<instance>/exports/<id[:2]>/<id>.pgp``.

What is stored is the OpenPGP message exactly as the partner downloads it:
it is already encrypted to the partner's certificate, so the server (and a
copy of its disk and database together) cannot read it. It is not wrapped
again under a server key: that would protect nothing the server could not
also unwrap, and the download can stream the file as it is.

Files are written to a temporary name and renamed into place (a crash never
leaves half a packet under a real name), mode 0600 in 0700 folders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CHUNK = 64 * 1024


def packet_path(instance_path: Path, referral_id: str) -> Path:
    if not _ID.match(referral_id):
        raise ValueError("a referral id is a UUID")
    return instance_path / "exports" / referral_id[:2] / f"{referral_id}.pgp"


def write_packet(instance_path: Path, referral_id: str, ciphertext: bytes) -> None:
    path = packet_path(instance_path, referral_id)
    for folder in (instance_path / "exports", path.parent):
        folder.mkdir(mode=0o700, exist_ok=True)
    temporary = path.with_suffix(".partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(ciphertext)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_packet(instance_path: Path, referral_id: str) -> Iterator[bytes]:
    """The stored ciphertext in chunks (a download streams it)."""
    with packet_path(instance_path, referral_id).open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def packet_exists(instance_path: Path, referral_id: str) -> bool:
    return packet_path(instance_path, referral_id).is_file()


def delete_packet(instance_path: Path, referral_id: str) -> bool:
    """Remove the file; True if there was one."""
    path = packet_path(instance_path, referral_id)
    existed = path.is_file()
    path.unlink(missing_ok=True)
    return existed
