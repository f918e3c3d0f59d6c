"""The real provider: Twilio's REST API through the official SDK.

Privacy: the SDK's HTTP client logs every request URL (message and
recording sids), list filters (phone numbers) and response headers at INFO;
``_QuietHttpClient`` logs nothing. Twilio's exceptions quote URLs and
messages ("The 'To' number +1... is not valid"), so they are mapped to our
two error kinds *from None* and never logged or chained.

Twilio has no idempotency keys, so ``find_sent`` reconciles by looking: the
recent outbound messages to the recipient (from our sender) created since
the attempt began, whose body equals ours and whose sid no other send has
claimed. See ``hotline.outbox.sends`` for when this is asked and what it
cannot see.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from hotline.outbox.providers.base import (
    KnownSid,
    ProviderCannotTell,
    ProviderError,
    ProviderPermanent,
    ProviderTransient,
)

T = TypeVar("T")
CHUNK = 64 * 1024
TIMEOUT = 20.0  # seconds; the worker's lease must be much longer than this
CLOCK_SKEW = timedelta(seconds=5)  # Twilio's dates have whole seconds, and its clock is not ours
LOOKBACK = 50  # most recent messages to one recipient checked by find_sent
TRANSIENT_STATUSES = frozenset({401, 403, 408, 429})  # auth failures: fix config, then retry


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:  # an HTTP-date: let our backoff decide
        return None


def error_for(status: int, code: int | None, retry_after: float | None) -> ProviderError:
    """HTTP status (and Twilio error code) -> one of our two error kinds."""
    if status in TRANSIENT_STATUSES or status >= 500:
        return ProviderTransient(retry_after)
    return ProviderPermanent(code)


class _QuietHttpClient(TwilioHttpClient):
    """The SDK's client minus its logging, plus the last Retry-After seen by
    this thread (the SDK's exceptions do not carry response headers)."""

    def __init__(self, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self._local = threading.local()

    def log_request(self, kwargs: dict[str, Any]) -> None:
        pass

    def log_response(self, status_code: int, response: Any) -> None:
        pass

    @property
    def last_retry_after(self) -> float | None:
        return getattr(self._local, "retry_after", None)

    def request(self, *args: Any, **kwargs: Any) -> Any:
        self._local.retry_after = None
        response = super().request(*args, **kwargs)
        self._local.retry_after = _retry_after((response.headers or {}).get("Retry-After"))
        return response


def _same_body(a: str | None, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())
    return a is not None and norm(a) == norm(b)


class TwilioProvider:
    def __init__(self, account_sid: str, auth_token: str, sender: str, *,
                 timeout: float = TIMEOUT) -> None:
        self._auth = (account_sid, auth_token)
        self._sender = sender  # "+E.164" number, or "MG..." messaging service
        self._http_client = _QuietHttpClient(timeout)
        self._client = Client(account_sid, auth_token, http_client=self._http_client)
        self._http = requests.Session()
        self._timeout = timeout

    def __repr__(self) -> str:
        return "TwilioProvider()"

    def _call(self, fn: Callable[[], T], *, missing_ok: bool = False) -> T | None:
        try:
            return fn()
        except TwilioException as error:
            status = getattr(error, "status", None)
            if status is None:
                raise ProviderTransient(None) from None
            if status == 404 and missing_ok:
                return None
            code = getattr(error, "code", None)
            raise error_for(int(status), code if isinstance(code, int) else None,
                            self._http_client.last_retry_after) from None
        except requests.RequestException:
            raise ProviderTransient(None) from None

    # -- messages --------------------------------------------------------------
    def send_sms(self, to: str, body: str, *, status_callback: str | None,
                 idempotency_token: str) -> str:
        origin = ({"messaging_service_sid": self._sender} if self._sender.startswith("MG")
                  else {"from_": self._sender})
        extra = {"status_callback": status_callback} if status_callback else {}
        message = self._call(lambda: self._client.messages.create(
            to=to, body=body, **origin, **extra))
        assert message is not None and message.sid
        return str(message.sid)

    def find_sent(self, idempotency_token: str, *, to: str | None = None,
                  body: str | None = None, since: datetime | None = None,
                  known: KnownSid | None = None) -> str | None:
        if to is None or body is None or since is None:
            raise ProviderCannotTell("Twilio has no idempotency keys: need to, body and since")
        origin = {} if self._sender.startswith("MG") else {"from_": self._sender}
        messages = self._call(lambda: self._client.messages.list(
            to=to, limit=LOOKBACK, page_size=LOOKBACK, **origin)) or []
        floor = since.replace(microsecond=0) - CLOCK_SKEW
        matches = sorted(
            (m for m in messages
             if str(m.direction or "").startswith("outbound")
             and m.date_created is not None and m.date_created >= floor
             and _same_body(m.body, body)),
            key=lambda m: (m.date_created, m.sid))
        for message in matches:
            if known is None or not known(str(message.sid)):
                return str(message.sid)
        return None

    def delete_message(self, sid: str) -> None:
        self._call(lambda: self._client.messages(sid).delete(), missing_ok=True)

    def redact_message(self, sid: str) -> None:
        self._call(lambda: self._client.messages(sid).update(body=""), missing_ok=True)

    def delete_recording(self, sid: str) -> None:
        self._call(lambda: self._client.recordings(sid).delete(), missing_ok=True)

    def delete_call(self, sid: str) -> None:
        self._call(lambda: self._client.calls(sid).delete(), missing_ok=True)

    # -- media and recordings: plain HTTPS with the account credentials ----------
    def _check_url(self, url: str) -> None:
        # Never send the account credentials anywhere but Twilio's API.
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme != "https" or not (host == "twilio.com" or host.endswith(".twilio.com")):
            raise ProviderPermanent(None)

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self._check_url(url)
        try:
            # Redirects to the media store drop the Authorization header (requests).
            response = self._http.request(method, url, auth=self._auth,
                                          timeout=self._timeout, **kwargs)
        except requests.RequestException:
            raise ProviderTransient(None) from None
        return response

    @staticmethod
    def _raise_for(response: requests.Response, *, missing_ok: bool = False) -> None:
        status = response.status_code
        if status < 400 or (status == 404 and missing_ok):
            return
        try:
            value = response.json().get("code")
        except (ValueError, AttributeError, requests.RequestException):
            value = None
        code = value if isinstance(value, int) else None
        retry_after = _retry_after(response.headers.get("Retry-After"))
        response.close()
        raise error_for(status, code, retry_after)

    @contextmanager
    def _stream(self, url: str) -> Iterator[Iterator[bytes]]:
        response = self._request("GET", url, stream=True, allow_redirects=True)
        self._raise_for(response)
        try:
            yield self._chunks(response)
        finally:
            response.close()

    @staticmethod
    def _chunks(response: requests.Response) -> Iterator[bytes]:
        try:
            yield from response.iter_content(CHUNK)
        except requests.RequestException:
            raise ProviderTransient(None) from None

    def open_media(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._stream(url)

    def open_recording(self, url: str) -> AbstractContextManager[Iterator[bytes]]:
        return self._stream(url)

    def delete_media(self, url: str) -> None:
        self._raise_for(self._request("DELETE", url), missing_ok=True)
