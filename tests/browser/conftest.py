"""A live server on loopback and a headless Debian Chromium driven by Playwright.

Playwright drives the system browser (/usr/bin/chromium, Debian package
`chromium`); it downloads none. Every request to anything but the live
server is answered locally or refused, so tests never reach the network.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ARTIFACTS = Path(os.environ.get("HOTLINE_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    for candidate in (os.environ.get("HOTLINE_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium is missing: run `make test` (it installs Debian's chromium)")


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on a free loopback port, in a thread; its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live_server(app) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_context(browser, live_server):
    contexts = []

    def factory(**options):
        context = browser.new_context(**options)

        def offline(route):
            url = route.request.url
            if url.startswith(live_server):
                route.continue_()
            elif url.startswith("https://www.bbc.co.uk/"):
                route.fulfill(status=200, content_type="text/html",
                              body="<html><title>Weather</title><body>Weather</body></html>")
            else:
                route.abort()

        context.route("**/*", offline)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
