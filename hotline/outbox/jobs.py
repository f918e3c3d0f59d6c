"""Enqueueing jobs, the handler registry, and the errors handlers raise.

A job is added in the caller's transaction (``flush`` only), so it exists
exactly when the work that asked for it commits (DESIGN.md, Data flow). The
worker (``hotline.outbox.worker``) runs it afterwards, retrying with backoff.

Handlers live in modules named ``jobs`` anywhere under ``hotline`` (e.g.
``hotline/channels/sms/jobs.py``); ``discover_handlers()`` imports them all,
so a worker knows every kind without a central list to forget to update.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline.outbox.models import Job
from hotline.outbox.providers.base import TelephonyProvider
from hotline.settings import Settings

BACKOFF_BASE = timedelta(seconds=2)
BACKOFF_CAP = timedelta(hours=1)


class RetryLater(Exception):
    """Transient failure (429, 5xx, network): run the job again later.

    ``delay_seconds`` overrides the backoff (e.g. a provider's Retry-After).
    """

    def __init__(self, delay_seconds: float | None = None) -> None:
        super().__init__(f"retry later (delay={delay_seconds})")
        self.delay_seconds = delay_seconds


class PermanentFailure(Exception):
    """The job can never succeed: it goes dead and is audited ("outbox.dead").

    Say why in the class (subclass it), not in a message: only the class
    name is stored, since a message could quote data.
    """


class UnknownJobKind(Exception):
    """No handler is registered for the job's kind (yet: a deploy may lag)."""


class WorkerLost(Exception):
    """The job was claimed more than max_attempts times: it kills its worker."""


@dataclass
class JobContext:
    """What a handler gets besides its payload."""

    session: Session
    settings: Settings
    provider: TelephonyProvider
    job_id: int
    kind: str = ""
    attempt: int = 1
    worker_id: str = ""


Handler = Callable[[JobContext, dict[str, Any]], None]
_handlers: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register ``fn(ctx, payload) -> None`` as the handler for ``kind``.

    It runs inside the job's transaction: what it flushes commits together
    with the job being marked done, or is rolled back if it raises.
    """
    def register(fn: Handler) -> Handler:
        existing = _handlers.get(kind)
        if existing is not None and _name(existing) != _name(fn):
            raise ValueError(f"two handlers for job kind {kind!r}")
        _handlers[kind] = fn
        return fn
    return register


def _name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def handler_for(kind: str) -> Handler | None:
    return _handlers.get(kind)


def registered_kinds() -> list[str]:
    return sorted(_handlers)


def discover_handlers(package: str = "hotline") -> list[str]:
    """Import every ``<package>.**.jobs`` module; return the kinds known."""
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if info.name.rsplit(".", 1)[-1] == "jobs":
            importlib.import_module(info.name)
    return registered_kinds()


def enqueue(session: Session, kind: str, payload: Mapping[str, object], *,
            run_after: datetime | None = None, dedupe_key: str | None = None) -> Job | None:
    """Add a job in the caller's transaction (flushed, never committed); in
    a savepoint when it has a ``dedupe_key``.

    Returns None when a job with ``dedupe_key`` already exists (a retried
    webhook must not enqueue twice). ``payload`` must hold sealed or hashed
    values only: never a phone number or a provider sid in the clear.
    """
    if len(kind) > 64 or not kind:
        raise ValueError("job kind must be 1-64 characters")
    if run_after is not None and run_after.tzinfo is None:
        raise ValueError("run_after must be timezone-aware")
    body = json.dumps(dict(payload), sort_keys=True, separators=(",", ":"))
    job = Job(kind=kind, payload=body, dedupe_key=dedupe_key, status="pending", attempts=0)
    if run_after is not None:
        job.run_after = run_after
    if dedupe_key is None:
        # Nothing to race on, so no savepoint (two statements fewer on the
        # webhook's hot path).
        session.add(job)
        session.flush()
        return job
    if session.scalar(select(Job.id).where(Job.dedupe_key == dedupe_key)) is not None:
        return None
    try:
        # A savepoint, so that losing a race on dedupe_key (a concurrent
        # transaction inserted it first) leaves the caller's transaction usable.
        with session.begin_nested():
            session.add(job)
            session.flush()
    except IntegrityError:
        return None
    return job


def backoff(attempt: int) -> timedelta:
    """Delay before retry number ``attempt`` (1-based): "full jitter", i.e.
    uniform in [0, min(cap, 2s * 2^(attempt-1))], so that jobs that failed
    together (a provider outage) do not all come back together."""
    exponent = min(max(attempt - 1, 0), 30)
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** exponent))
    millis = int(ceiling.total_seconds() * 1000)
    return timedelta(milliseconds=secrets.randbelow(millis + 1))
