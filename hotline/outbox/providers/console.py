"""A provider for local development: prints what it would send and keeps
replies in memory so the development phone page can show them.

It never prints a phone number: a recipient appears as a short label, a
keyed hash of the number, which is also how its messages are kept in memory.
Settings refuse this provider in production (it would print bodies).
"""

from __future__ import annotations

import sys
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TextIO

from hotline.outbox.providers.base import KnownSid, ProviderPermanent
from hotline.privacy.identifiers import keyed_hash

LABEL_PURPOSE = "console-label"
CHUNK = 4096


class ConsoleProvider:
    def __init__(self, label_key: bytes, stream: TextIO | None = None) -> None:
        self._key = label_key
        self._stream = stream
        self._lock = threading.Lock()
        self._bodies: dict[str, list[str]] = defaultdict(list)
        self._by_token: dict[str, str] = {}
        self._media: dict[str, bytes] = {}

    def label(self, number: str) -> str:
        """The short, stable, non-reversible name printed for a number."""
        return "phone-" + keyed_hash(self._key, LABEL_PURPOSE, number)[:8]

    def sent_to(self, number: str) -> list[str]:
        """Bodies sent to ``number`` since start, oldest first (memory only)."""
        with self._lock:
            return list(self._bodies.get(self.label(number), ()))

    def add_media(self, url: str, content: bytes) -> None:
        """Let ``open_media``/``open_recording`` serve ``content`` at ``url``."""
        with self._lock:
            self._media[url] = content

    def _print(self, line: str) -> None:
        stream = self._stream or sys.stdout
        print(f"[console provider] {line}", file=stream, flush=True)

    def send_sms(self, to: str, body: str, *, status_callback: str | None,
                 idempotency_token: str) -> str:
        label = self.label(to)
        with self._lock:
            if idempotency_token in self._by_token:  # idempotent like a real key
                return self._by_token[idempotency_token]
            sid = "SMconsole" + uuid.uuid4().hex[:23]
            self._by_token[idempotency_token] = sid
            self._bodies[label].append(body)
        self._print(f"SMS to {label}: {body}")
        return sid

    def find_sent(self, idempotency_token: str, *, to: str | None = None,
                  body: str | None = None, since: datetime | None = None,
                  known: KnownSid | None = None) -> str | None:
        with self._lock:
            return self._by_token.get(idempotency_token)

    def delete_message(self, sid: str) -> None:
        self._print("deleted a message")

    def redact_message(self, sid: str) -> None:
        self._print("redacted a message")

    @contextmanager
    def _open(self, url: str) -> Iterator[Iterator[bytes]]:
        with self._lock:
            content = self._media.get(url)
        if content is None:
            raise ProviderPermanent(404)
        yield iter([content[i:i + CHUNK] for i in range(0, len(content), CHUNK)])

    def open_media(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._open(url)

    def delete_media(self, url: str) -> None:
        self._print("deleted a media file")

    def open_recording(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._open(url)

    def delete_recording(self, sid: str) -> None:
        self._print("deleted a recording")

    def delete_call(self, sid: str) -> None:
        self._print("deleted a call record")
