"""StripClientIdentifiers keeps only the request headers the app reads (an
allow-list): headers a CDN or proxy adds about the client (CF-IPCountry,
CloudFront-Viewer-Address, True-Client-IP, ...) never reach the app, nor
does the server's socket (its peer is the client's address)."""

from __future__ import annotations

import socket

import pytest

IP_CANARY = "203.0.113.77"
IDENTIFYING = {
    "CF-IPCountry": "ES",
    "CF-IPCity": "Canaryburg",
    "CF-Connecting-IPv6": "2001:db8::77",
    "CF-Ray": "8a1b2c3d4e5f6a7b-MAD",
    "CloudFront-Viewer-Address": f"{IP_CANARY}:51515",
    "CloudFront-Viewer-Country": "ES",
    "CloudFront-Viewer-City": "Canaryburg",
    "True-Client-IP": IP_CANARY,
    "X-Forwarded-For": IP_CANARY,
    "X-Forwarded-Host": "hotline.example",
    "X-Real-IP": IP_CANARY,
    "Forwarded": f"for={IP_CANARY}",
    "X-Amzn-Trace-Id": "Root=1-67891233-abcdef012345678912345678",
    "X-Appengine-User-IP": IP_CANARY,
    "Fastly-Client-IP": IP_CANARY,
    "User-Agent": "CanaryAgent/9.9",
    "Referer": "https://search.example/?q=hotline",
    "DNT": "1",
    "Sec-CH-UA-Platform": '"Canary"',
    "Sec-Fetch-Site": "same-origin",
    "Authorization": "Basic Y2FuYXJ5OmNhbmFyeQ==",
}
NEEDED = {
    "Accept": "text/html",
    "Accept-Language": "es-ES,es;q=0.9",
    "X-Twilio-Signature": "c2lnbmF0dXJl",
    "X-Twilio-Webhooks-Signature-Settings": "algorithm=HMAC_SHA256",
    "X-CSRFToken": "token",
    "If-None-Match": '"etag"',
    "If-Modified-Since": "Tue, 01 Dec 2026 08:00:00 GMT",
    "Range": "bytes=0-99",
}


@pytest.fixture
def probe(app):
    seen: dict[str, object] = {}

    from flask import request

    from hotline.extensions import csrf

    def headers_probe():
        seen["headers"] = dict(request.headers)
        seen["environ"] = dict(request.environ)
        seen["addr"] = request.remote_addr
        seen["form"] = dict(request.form)
        return "ok"

    app.add_url_rule("/__headers", view_func=csrf.exempt(headers_probe),
                     methods=["GET", "POST"])
    return seen


def test_only_the_headers_the_app_needs_reach_it(app, probe):
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": IP_CANARY, "REMOTE_PORT": "51515"})
    client.set_cookie("hl", "cookie-value")
    ours, theirs = socket.socketpair()
    try:
        response = client.post("/__headers", data={"field": "value"},
                               headers={**IDENTIFYING, **NEEDED},
                               environ_overrides={"gunicorn.socket": ours,
                                                  "werkzeug.socket": ours})
    finally:
        ours.close()
        theirs.close()
    assert response.status_code == 200
    headers = {name.lower(): value for name, value in probe["headers"].items()}
    for name in IDENTIFYING:
        assert name.lower() not in headers, name
    for name, value in NEEDED.items():
        assert headers.get(name.lower()) == value, name
    assert headers["host"] == "localhost"
    assert headers["cookie"] == "hl=cookie-value"
    assert headers["content-type"] == "application/x-www-form-urlencoded"
    assert int(headers["content-length"]) > 0
    assert probe["form"] == {"field": "value"}
    environ = probe["environ"]
    assert probe["addr"] == "0.0.0.0" and "REMOTE_PORT" not in environ
    assert "gunicorn.socket" not in environ and "werkzeug.socket" not in environ
    flat = repr(environ) + repr(probe["headers"])
    for canary in (IP_CANARY, "Canaryburg", "CanaryAgent", "2001:db8::77"):
        assert canary not in flat, canary


def test_a_header_nobody_listed_is_dropped_too(app, probe):
    app.test_client().get("/__headers", headers={"X-Some-New-CDN-Client-Geo": "ES;Canaryburg"})
    assert probe["headers"], "the probe ran"
    assert "x-some-new-cdn-client-geo" not in {name.lower() for name in probe["headers"]}
