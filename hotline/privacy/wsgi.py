"""WSGI layer that drops client identifiers before the app sees a request.

The client address, port, User-Agent, forwarding headers and Referer never
reach Flask, so no view, extension, error report or log line can record
them, whatever it tries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DROPPED_KEYS = (
    "REMOTE_ADDR", "REMOTE_PORT", "REMOTE_HOST", "REMOTE_USER",
    "HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_FROM", "HTTP_VIA",
    "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED", "HTTP_X_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP", "HTTP_CF_CONNECTING_IP", "HTTP_TRUE_CLIENT_IP",
    "HTTP_FASTLY_CLIENT_IP", "HTTP_X_ORIGINAL_FORWARDED_FOR", "HTTP_CLIENT_IP",
    "HTTP_SEC_CH_UA", "HTTP_SEC_CH_UA_PLATFORM", "HTTP_SEC_CH_UA_MOBILE",
    "werkzeug.proxy_fix.orig",
)


class StripClientIdentifiers:
    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        for key in DROPPED_KEYS:
            environ.pop(key, None)
        for key in [k for k in environ if k.startswith("HTTP_SEC_CH_UA")]:
            environ.pop(key, None)
        # Some libraries assume REMOTE_ADDR exists; give them nothing real.
        environ["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 - a placeholder, not a bind address
        return self.app(environ, start_response)
