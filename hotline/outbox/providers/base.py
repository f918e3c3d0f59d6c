"""The telephony provider interface the outbox and the channels call.

Three implementations (DESIGN.md, Conventions): ``twilio`` (real),
``console`` (local use), ``recording`` (tests). Callers see only two error
kinds, so retry policy lives in one place (the worker): ``ProviderTransient``
means "try again later", ``ProviderPermanent`` means "this will never work".

Errors never carry the provider's message text: it can quote a phone number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol, runtime_checkable


class ProviderError(Exception):
    """Base of every provider error; its str() never contains call data."""


class ProviderTransient(ProviderError):
    """Throttled (429), provider fault (5xx) or network error: retry later."""

    def __init__(self, retry_after: float | None = None) -> None:
        super().__init__(f"transient provider error (retry_after={retry_after})")
        self.retry_after = retry_after


class ProviderPermanent(ProviderError):
    """The request can never succeed (4xx). ``code`` is the provider's error
    code when there is one, e.g. Twilio 21610 (opted out), 21211 (invalid
    number)."""

    def __init__(self, code: int | None = None) -> None:
        super().__init__(f"permanent provider error (code={code})")
        self.code = code


class ProviderCannotTell(ProviderError):
    """``find_sent`` cannot find out whether a send happened (missing hints)."""


#: Called by ``find_sent`` with a candidate sid: True if our own records
#: already attribute that message to another send (so it is not this one).
KnownSid = Callable[[str], bool]


@runtime_checkable
class TelephonyProvider(Protocol):
    def send_sms(self, to: str, body: str, *, status_callback: str | None,
                 idempotency_token: str) -> str:
        """Send one SMS; return the provider's message sid.

        ``idempotency_token`` is stable across retries of the same send.
        Providers that support idempotency keys use it; Twilio has none, see
        ``find_sent``.
        """
        ...

    def find_sent(self, idempotency_token: str, *, to: str | None = None,
                  body: str | None = None, since: datetime | None = None,
                  known: KnownSid | None = None) -> str | None:
        """The sid of the message an earlier ``send_sms`` with this token
        created, or None if, as far as the provider can see, there is none.

        The keyword hints (recipient, exact body, the time the attempt began,
        sids already claimed by other sends) let a provider without
        idempotency keys reconcile by looking; one that cannot decide raises
        ``ProviderCannotTell``.
        """
        ...

    def delete_message(self, sid: str) -> None:
        """Delete the Message resource (and its media). Already gone is done."""
        ...

    def redact_message(self, sid: str) -> None:
        """Blank the body of a stored message. Already gone is done."""
        ...

    def open_media(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        """Stream an inbound media file, authenticated, chunk by chunk."""
        ...

    def delete_media(self, url: str) -> None:
        """Delete one media file. Already gone is done."""
        ...

    def open_recording(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        """Stream a call recording, authenticated, chunk by chunk."""
        ...

    def delete_recording(self, sid: str) -> None:
        """Delete a recording. Already gone is done."""
        ...

    def delete_call(self, sid: str) -> None:
        """Delete a finished call's record (it holds the caller's number,
        location, times and duration). Already gone is done."""
        ...
