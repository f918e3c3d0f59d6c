"""Extension objects, bound to an app in ``create_app``.

``db`` is a thin holder for a SQLAlchemy 2 engine and a session scoped to the
Flask application context: one session (one transaction) per request, per
CLI command, per job. Operations ``flush()``; only the boundary commits.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import threading
import time
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


# The SQLite writer gate (below): first polls, then every 0.25 ms, for
# at most as long as SQLite's own busy timeout.
_GATE_POLLS = (0.00005, 0.0001, 0.0002, 0.00025)
_SQLITE_TIMEOUT = 30.0
# id(DBAPI connection) -> descriptor holding its database's gate, for every
# engine of the process (two engines on one file must see each other's).
_GATES_HELD: dict[int, int] = {}


def _install_writer_gate(engine: Engine, lock_path: str) -> None:
    """Hand SQLite's single write lock from process to process promptly.

    Every transaction here is ``BEGIN IMMEDIATE`` (one writer at a time).
    SQLite's busy handler waits for the lock by sleeping 1, 2, 5 ... up to
    100 ms between tries, so under concurrent writers (gunicorn workers on
    webhook bursts) the lock sits idle while the waiters sleep: throughput
    falls and latency reaches seconds. Here a transaction first takes an
    advisory ``flock`` on ``<database>-writer.lock`` and releases it right
    after COMMIT or ROLLBACK; SQLite's lock is then nearly always free when
    BEGIN IMMEDIATE asks for it. A single-threaded process (a gunicorn sync
    worker) that holds no other connection's gate waits for it in the kernel.
    Otherwise (threads, or a second connection in the same thread) the gate is
    polled at sub-millisecond intervals for at most SQLite's busy timeout, and
    then the transaction goes on without it (SQLite's own wait still applies),
    so that a wait that could deadlock ends as it did before, in an error.
    """
    held = _GATES_HELD

    def key(connection: Any) -> int:  # a pool proxy or the DBAPI connection itself
        return id(getattr(connection, "dbapi_connection", None) or connection)

    def acquire(dbapi_connection: Any) -> None:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        if not held and threading.active_count() == 1:
            # Nothing in this process holds a gate and no other thread
            # can take it: only another process can, and it cannot be
            # waiting for us. Wait in the kernel (no polling, woken at once).
            fcntl.flock(fd, fcntl.LOCK_EX)
            held[key(dbapi_connection)] = fd
            return
        deadline = time.monotonic() + _SQLITE_TIMEOUT
        for delay in itertools.chain(_GATE_POLLS, itertools.repeat(_GATE_POLLS[-1])):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(delay)
                    continue
                os.close(fd)
                return
            held[key(dbapi_connection)] = fd
            return

    def release(dbapi_connection: Any, *_: Any) -> None:
        fd = held.pop(key(dbapi_connection), None)
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the flock

    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        try:
            commit(dbapi_connection)
        finally:
            release(dbapi_connection)

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            rollback(dbapi_connection)
        finally:
            release(dbapi_connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]
    event.listen(engine, "checkin", release)  # safety nets: never keep the gate
    event.listen(engine, "close", release)

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        dbapi_connection = connection.connection
        acquire(dbapi_connection)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            release(dbapi_connection)
            raise


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": _SQLITE_TIMEOUT}, **kwargs)

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

        # IMMEDIATE takes the write lock up front. With deferred transactions
        # two processes that read and then write (as every audit append does)
        # fail with SQLITE_BUSY instead of waiting.
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            _install_writer_gate(engine, f"{database}-writer.lock")
        else:
            @event.listens_for(engine, "begin")
            def _sqlite_begin(connection: Any) -> None:
                connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


db = Database()
babel = Babel()
csrf = CSRFProtect()
