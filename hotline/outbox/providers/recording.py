"""Recording providers, for tests: every call is kept so a test can assert on
what would have reached the network, and failures can be scripted.

``RecordingProvider`` keeps its record in memory (thread-safe).
``FileRecordingProvider`` also appends every event to a JSON-lines file and
reads it back on start, so a test can kill a worker process and still see
what it sent (the crash tests). Both honour idempotency tokens in
``find_sent`` the way a provider with idempotency keys would.

Test-only: the record holds numbers and bodies in the clear.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from hotline.outbox.providers.base import KnownSid, ProviderError, ProviderPermanent

CHUNK = 4096


class RecordingProvider:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: list[dict[str, Any]] = []
        self._failures: list[tuple[str | None, ProviderError]] = []
        self._media: dict[str, bytes] = {}

    # -- knobs ---------------------------------------------------------------
    def fail_next(self, error: ProviderError, count: int = 1, *, method: str | None = None) -> None:
        """Make the next ``count`` calls (of ``method``, or any) raise ``error``."""
        with self._lock:
            self._failures.extend([(method, error)] * count)

    def add_media(self, url: str, content: bytes) -> None:
        """Serve ``content`` from ``open_media``/``open_recording`` at ``url``."""
        with self._lock:
            self._media[url] = content

    # -- what happened --------------------------------------------------------
    def of(self, op: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(event) for event in self.events if event["op"] == op]

    @property
    def sent(self) -> list[dict[str, Any]]:
        """Every accepted send: dicts with to, body, sid, token, status_callback."""
        return self.of("send_sms")

    def bodies_to(self, number: str) -> list[str]:
        return [event["body"] for event in self.sent if event["to"] == number]

    # -- the provider interface ------------------------------------------------
    def send_sms(self, to: str, body: str, *, status_callback: str | None,
                 idempotency_token: str) -> str:
        self._maybe_fail("send_sms")
        sid = "SM" + uuid.uuid4().hex
        self._record({"op": "send_sms", "to": to, "body": body, "sid": sid,
                      "token": idempotency_token, "status_callback": status_callback})
        return sid

    def find_sent(self, idempotency_token: str, *, to: str | None = None,
                  body: str | None = None, since: datetime | None = None,
                  known: KnownSid | None = None) -> str | None:
        self._maybe_fail("find_sent")
        self._record({"op": "find_sent", "token": idempotency_token})
        for event in self.sent:
            if event["token"] == idempotency_token:
                return str(event["sid"])
        return None

    def delete_message(self, sid: str) -> None:
        self._maybe_fail("delete_message")
        self._record({"op": "delete_message", "sid": sid})

    def redact_message(self, sid: str) -> None:
        self._maybe_fail("redact_message")
        self._record({"op": "redact_message", "sid": sid})

    def open_media(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._open("open_media", url)

    def delete_media(self, url: str) -> None:
        self._maybe_fail("delete_media")
        self._record({"op": "delete_media", "url": url})

    def open_recording(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._open("open_recording", url)

    def delete_recording(self, sid: str) -> None:
        self._maybe_fail("delete_recording")
        self._record({"op": "delete_recording", "sid": sid})

    def delete_call(self, sid: str) -> None:
        self._maybe_fail("delete_call")
        self._record({"op": "delete_call", "sid": sid})

    # -- internals -------------------------------------------------------------
    @contextmanager
    def _open(self, op: str, url: str) -> Iterator[Iterator[bytes]]:
        self._maybe_fail(op)
        with self._lock:
            content = self._media.get(url)
        if content is None:
            raise ProviderPermanent(404)
        self._record({"op": op, "url": url})
        yield iter([content[i:i + CHUNK] for i in range(0, len(content), CHUNK)])

    def _maybe_fail(self, op: str) -> None:
        with self._lock:
            for index, (method, error) in enumerate(self._failures):
                if method is None or method == op:
                    del self._failures[index]
                    raise error

    def _record(self, event: dict[str, Any]) -> None:
        with self._lock:
            self.events.append(event)


class FileRecordingProvider(RecordingProvider):
    """A RecordingProvider whose record survives its process: every event is
    appended (and fsynced) to ``path`` as one JSON line before the call
    returns, and the file's earlier events are loaded on creation."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        if self.path.exists():
            self.events = self._read()

    def _read(self) -> list[dict[str, Any]]:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def reload(self) -> None:
        """Pick up events other processes appended since."""
        with self._lock:
            self.events = self._read()

    def _record(self, event: dict[str, Any]) -> None:
        with self._lock:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(event, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            self.events.append(event)
