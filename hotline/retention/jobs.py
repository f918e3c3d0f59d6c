"""The worker's recurring purge (``hotline worker`` discovers this module).

The outbox has no cron: each ``retention.purge`` job first schedules the
next one (``INTERVAL`` later, de-duplicated per slot) and commits that, so
a purge that fails still leaves the next run scheduled, and then purges.
``hotline init`` and ``hotline purge --schedule`` start the chain;
starting it twice is harmless (the slot's dedupe key exists already).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy.orm import Session

from hotline.db import utcnow
from hotline.outbox.jobs import JobContext, enqueue, handler
from hotline.retention.purge import purge_all

PURGE_KIND: Final = "retention.purge"
INTERVAL: Final = timedelta(hours=1)


def _slot(when: datetime) -> str:
    return when.strftime("%Y%m%d%H")


def schedule_purge(session: Session, when: datetime | None = None) -> bool:
    """Enqueue a purge for the hour slot of ``when`` (default: now); False
    when one is already scheduled for that slot."""
    when = when or utcnow()
    job = enqueue(session, PURGE_KIND, {}, run_after=when,
                  dedupe_key=f"{PURGE_KIND}:{_slot(when)}")
    return job is not None


@handler(PURGE_KIND)
def purge_job(ctx: JobContext, payload: dict[str, Any]) -> None:
    now = utcnow()
    schedule_purge(ctx.session, now + INTERVAL)
    ctx.session.commit()
    purge_all(ctx.session, ctx.settings, now)
