"""Extension objects, bound to an app in ``create_app``.

``db`` is a thin holder for a SQLAlchemy 2 engine and a session scoped to the
Flask application context: one session (one transaction) per request, per
CLI command, per job. Operations ``flush()``; only the boundary commits.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from flask_babel import Babel
from flask_wtf import CSRFProtect
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self) -> None:
        self._factories: dict[int, sessionmaker[Session]] = {}
        self._engines: dict[int, Engine] = {}

    def init_app(self, app: Flask, url: str) -> None:
        engine = make_engine(url)
        self._engines[id(app)] = engine
        self._factories[id(app)] = sessionmaker(bind=engine, expire_on_commit=False)
        app.extensions["hotline_db"] = self
        app.teardown_appcontext(self._teardown)

    def engine_for(self, app: Flask) -> Engine:
        return self._engines[id(app)]

    @property
    def engine(self) -> Engine:
        from flask import current_app

        return self.engine_for(current_app._get_current_object())  # type: ignore[attr-defined]

    @property
    def session(self) -> Session:
        from flask import current_app

        session = g.get("_hotline_session")
        if session is None:
            factory = self._factories[id(current_app._get_current_object())]  # type: ignore[attr-defined]
            session = factory()
            g._hotline_session = session
        return session

    def _teardown(self, exc: BaseException | None) -> None:
        session = g.pop("_hotline_session", None)
        if session is not None:
            session.rollback()
            session.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # We emit BEGIN ourselves (below), so that pysqlite does not.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            # IMMEDIATE takes the write lock up front. With deferred
            # transactions two processes that read and then write (as every
            # audit append does) fail with SQLITE_BUSY instead of waiting.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


db = Database()
babel = Babel()
csrf = CSRFProtect()
