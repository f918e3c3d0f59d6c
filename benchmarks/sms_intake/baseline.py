"""The minimal baseline: validate the Twilio signature, insert one row.

A plain WSGI app (werkzeug parses the form, as under Flask), served by
``hotline.server`` with exactly the options ``hotline serve`` uses, on the
same database (``DATABASE_URL``, or the instance's SQLite file) through the
same engine factory (``hotline.extensions.make_engine``: WAL, ``BEGIN
IMMEDIATE``, the same pool). The row is a keyed hash of the MessageSid and
a time, like the intake's dedupe row; the sid itself is not stored.

    python -m benchmarks.sms_intake.baseline --port 5001 --workers 5

``--app hello`` serves a hello world instead (any request, 200 "ok", no
signature, no database): what gunicorn and the load generator alone reach.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert
from twilio.request_validator import RequestValidator
from werkzeug.wrappers import Request, Response

from hotline.db import utcnow
from hotline.extensions import make_engine
from hotline.privacy.identifiers import PURPOSE_PROVIDER_SID, keyed_hash
from hotline.settings import load_settings

PATH = "/twilio/sms/baseline"
metadata = MetaData()
rows = Table("bench_baseline", metadata,
             Column("id", Integer, primary_key=True, autoincrement=True),
             Column("sid_hash", String(64), nullable=False, unique=True),
             Column("received_at", DateTime(timezone=True), nullable=False))
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'


def create_baseline() -> Any:
    settings = load_settings()
    engine = make_engine(settings.database_url)
    metadata.create_all(engine)
    engine.dispose()  # no connection crosses gunicorn's fork
    validator = RequestValidator(settings.twilio_auth_token)
    url = settings.public_url + PATH

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        if request.method != "POST" or request.path != PATH:
            return Response("Not Found", status=404)(environ, start_response)
        signature = request.headers.get("X-Twilio-Signature", "")
        if not validator.validate(url, request.form, signature):
            return Response("Forbidden", status=403)(environ, start_response)
        sid = request.form.get("MessageSid", "")
        with engine.begin() as connection:
            connection.execute(insert(rows).values(
                sid_hash=keyed_hash(settings.pepper, PURPOSE_PROVIDER_SID, sid),
                received_at=utcnow()))
        return Response(EMPTY_TWIML, mimetype="application/xml")(environ, start_response)

    return app


def hello(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def serve(host: str, port: int, workers: int, app: str = "baseline") -> None:
    """``hotline.server.run`` with this app in place of create_app()."""
    from hotline import server

    class Baseline(server._Server):  # the same gunicorn options, another app
        def load(self) -> Any:
            return hello if app == "hello" else create_baseline()

    server._Server = Baseline  # type: ignore[misc]
    server.run(host, port, workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", choices=("baseline", "hello"), default="baseline")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()
    serve(args.host, args.port, args.workers, args.app)


if __name__ == "__main__":
    main()
