"""WSGI layer that drops client identifiers before the app sees a request.

Only the request headers the app reads reach Flask (an allow-list): the
client address and port, User-Agent, Referer, forwarding headers and
whatever a CDN or proxy adds about the client (``CF-IPCountry``,
``CloudFront-Viewer-Address``, ``True-Client-IP`` ...) never do, nor the
server's socket (its peer is the client), so no view, extension, error
report or log line can record them, whatever it tries. A header the app
starts to read must be added to ``ALLOWED_HEADERS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

ALLOWED_HEADERS: Final = frozenset({
    "HTTP_HOST",
    "HTTP_COOKIE",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",  # the page language (hotline.i18n)
    "HTTP_TRANSFER_ENCODING",  # a chunked request body
    "HTTP_X_TWILIO_SIGNATURE",  # webhook signatures (channels.sms.signature)
    "HTTP_X_TWILIO_WEBHOOKS_SIGNATURE_SETTINGS",
    "HTTP_X_CSRFTOKEN", "HTTP_X_CSRF_TOKEN",  # Flask-WTF's header alternative
    # Conditional and partial GETs (prompt files, static files).
    "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_RANGE", "HTTP_RANGE",
})
# Not headers (CONTENT_TYPE and CONTENT_LENGTH are kept), but they name the
# client too: its address and port, and the connection's socket.
DROPPED_KEYS: Final = (
    "REMOTE_ADDR", "REMOTE_PORT", "REMOTE_HOST", "REMOTE_USER",
    "gunicorn.socket", "werkzeug.socket", "werkzeug.proxy_fix.orig",
)


class StripClientIdentifiers:
    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        for key in DROPPED_KEYS:
            environ.pop(key, None)
        for key in [k for k in environ if k.startswith("HTTP_") and k not in ALLOWED_HEADERS]:
            del environ[key]
        # Some libraries assume REMOTE_ADDR exists; give them nothing real.
        environ["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 - a placeholder, not a bind address
        return self.app(environ, start_response)
