"""The retention policy in force: settings, overridden by stored values.

Admins edit retention in the console (``stored_setting`` key
``retention``, days per item). A value stored there wins over the setting
from the environment; 0 means "keep until deleted by hand".

Time to live per case status: only closed cases expire (``updated_at``
older than ``closed_case_days``: a closed case that is still being written
to is not idle). Open, triaged, in-progress and referred cases are never
deleted automatically: somebody still owes the reporter an answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from hotline.settings import Settings

RETENTION_KEY = "retention"
# Stored key -> our field (the console names the inbox value as below).
_STORED = {"closed_case_days": "closed_case_days", "relay_idle_days": "relay_idle_days",
           "inbox_days": "inbox_days", "web_inbox_days": "inbox_days"}


@dataclass(frozen=True)
class RetentionPolicy:
    closed_case_days: int
    inbox_days: int
    relay_idle_days: int

    def cutoff(self, days: int, now: datetime) -> datetime | None:
        """The instant before which data of that age expires; None keeps it."""
        return None if days <= 0 else now - timedelta(days=days)

    @property
    def status_ttl_days(self) -> dict[str, int]:
        return {"closed": self.closed_case_days}


def _stored(session: Session) -> dict[str, int]:
    from hotline.console.models import StoredSetting

    row = session.get(StoredSetting, RETENTION_KEY)
    if row is None:
        return {}
    try:
        value = json.loads(row.value)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    found = {}
    for key, field in _STORED.items():
        raw = value.get(key)
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            found[field] = raw
    return found


def load_policy(session: Session, settings: Settings) -> RetentionPolicy:
    values = {"closed_case_days": settings.retention_closed_days,
              "inbox_days": settings.retention_inbox_days,
              "relay_idle_days": settings.relay_idle_days}
    values.update(_stored(session))
    return RetentionPolicy(**values)
