"""The identifier filter on every path a log line can take: our own
loggers, gunicorn's (which do not propagate to the root logger), and the
HTTP libraries behind the provider SDK."""

from __future__ import annotations

import io
import logging
import socket
from types import SimpleNamespace

import pytest
from gunicorn.http.errors import InvalidRequestLine
from gunicorn.workers.base import Worker

from hotline.logs import IdentifierFilter, configure_logging
from hotline.server import _Server, options

CLIENT_V4 = "203.0.113.77"
CLIENT_V6 = "2001:db8:85a3::8a2e:370:7334"


@pytest.fixture
def root_without_our_handler():
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    root.handlers = [h for h in root.handlers
                     if not any(isinstance(f, IdentifierFilter) for f in h.filters)]
    yield root
    root.handlers, root.level = saved_handlers, saved_level


def gunicorn_logger(stream: io.StringIO):
    """The logger ``hotline serve`` gives gunicorn, built from its options,
    with its stderr handler writing to ``stream``."""
    server = _Server(options("127.0.0.1", 0, 1))
    logger = server.cfg.logger_class(server.cfg)
    for handler in logger.error_log.handlers:
        handler.setStream(stream)  # type: ignore[attr-defined]
    return server.cfg, logger


@pytest.mark.parametrize("client", [CLIENT_V4, CLIENT_V6])
def test_gunicorn_invalid_request_warning_is_masked(client):
    stream = io.StringIO()
    cfg, logger = gunicorn_logger(stream)
    worker = SimpleNamespace(log=logger, cfg=cfg)
    ours, theirs = socket.socketpair()
    try:
        # gunicorn's own code path: "Invalid request from ip=<client>: ..."
        Worker.handle_error(worker, None, ours, (client, 51515),
                            InvalidRequestLine("GET /x?number=+34611000222 HTTP/9"))
    finally:
        ours.close()
        theirs.close()
    written = stream.getvalue()
    assert "Invalid request from ip=" in written, written
    assert client not in written and "+34611000222" not in written
    assert "[ip]" in written


def test_gunicorn_access_log_stays_off():
    stream = io.StringIO()
    _cfg, logger = gunicorn_logger(stream)
    assert not logger.access_log_enabled
    assert not [h for h in logger.access_log.handlers if getattr(h, "_gunicorn", False)]


def test_gunicorn_error_log_records_are_filtered_on_any_handler():
    stream = io.StringIO()
    _cfg, logger = gunicorn_logger(stream)
    extra = logging.StreamHandler(io.StringIO())
    logger.error_log.addHandler(extra)
    try:
        logger.error_log.warning("Error handling request from %s", CLIENT_V4)
        assert CLIENT_V4 not in extra.stream.getvalue()  # type: ignore[attr-defined]
    finally:
        logger.error_log.removeHandler(extra)


def test_urllib3_is_pinned_to_warning(root_without_our_handler):
    configure_logging("DEBUG")
    assert logging.getLogger("urllib3").getEffectiveLevel() == logging.WARNING
    assert not logging.getLogger("urllib3.connectionpool").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("urllib3.connectionpool").isEnabledFor(logging.INFO)


@pytest.mark.parametrize("address", ["::1", "fe80::1", "2001:db8::7", CLIENT_V6,
                                     "::ffff:198.51.100.4"])
def test_compressed_ipv6_addresses_are_masked(address):
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "from ip=%s: bad", (address,),
                               None)
    IdentifierFilter().filter(record)
    assert address not in record.getMessage() and "[ip]" in record.getMessage()


def test_words_with_double_colons_are_left_alone():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1,
                               "std::vector and Foo::Bar", None, None)
    IdentifierFilter().filter(record)
    assert record.getMessage() == "std::vector and Foo::Bar"
