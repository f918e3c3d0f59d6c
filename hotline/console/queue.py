"""The queue: triage metadata only, urgent first, keyset pagination.

"Urgent first, then newest" is read as two index range scans, one per
urgency value, each ordered by ``(created_at, id)`` descending: the cursor
``(urgent, created_at, id)`` resumes inside one of them. With the indexes
of migration 0004 (``status``/``assignee_id``/``language`` leading, then
``urgent, created_at, id``) every page costs the same at any depth; see
``benchmarks/console/RESULTS.md``. Bodies are never read here. In links the
cursor is sealed (``Cursor.encode``): its exact time is not shown to anyone.
"""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from sqlalchemy import Select, bindparam, exists, select, tuple_
from sqlalchemy.orm import Session

from hotline.cases.models import CHANNELS, STATUSES, Case, CaseQueue
from hotline.console.models import CaseTag
from hotline.crypto import CryptoError
from hotline.crypto.secret_box import OVERHEAD, open_with_secret, seal_with_secret
from hotline.db import UTCDateTime
from hotline.intake.classify import CATEGORIES
from hotline.intake.languages import ALL_LANGUAGES
from hotline.staff.models import StaffUser

PAGE_SIZE = 50


_CURSOR_INFO: Final = b"hotline/console/queue-cursor/v1"
_CURSOR_AAD: Final = b"queue-cursor"
_CURSOR_FIELDS: Final = struct.Struct(">?qq")  # urgent, microseconds since 1970, case id
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)


@dataclass(frozen=True)
class Cursor:
    """Where the next page resumes. In links it is opaque and authenticated
    (ChaCha20-Poly1305 under a key derived from the app's secret key): the
    exact creation time inside must not reach members who see times to the
    day only (police), and a hand-made cursor must not let anyone bisect to
    exact times (review finding 12). ``decode`` returns None for anything
    the server did not make."""

    urgent: bool
    created_at: datetime
    case_id: int

    def encode(self, secret_key: bytes) -> str:
        when = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=UTC)
        fields = _CURSOR_FIELDS.pack(self.urgent, (when - _EPOCH) // _MICROSECOND,
                                     self.case_id)
        sealed = seal_with_secret(secret_key, _CURSOR_INFO, fields, _CURSOR_AAD)
        return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, raw: str | None, secret_key: bytes) -> Cursor | None:
        if not raw or len(raw) > 128:
            return None
        try:
            sealed = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
            if len(sealed) != OVERHEAD + _CURSOR_FIELDS.size:
                return None
            fields = open_with_secret(secret_key, _CURSOR_INFO, sealed, _CURSOR_AAD)
            urgent, micros, case_id = _CURSOR_FIELDS.unpack(fields)
            return cls(urgent, _EPOCH + micros * _MICROSECOND, case_id)
        except (binascii.Error, ValueError, UnicodeEncodeError, CryptoError, OverflowError):
            return None


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    language: str | None = None
    channel: str | None = None
    category: str | None = None
    urgent: bool | None = None
    assignee: str | None = None  # "me", "none" or a staff id
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> Filters:
        """Unknown values are dropped, never echoed or passed to SQL."""
        def pick(name: str, allowed: tuple[str, ...]) -> str | None:
            value = args.get(name) or None
            return value if value in allowed else None

        assignee = args.get("assignee") or None
        if assignee not in (None, "me", "none") and not (assignee or "").isdigit():
            assignee = None
        return cls(status=pick("status", STATUSES), language=pick("language", ALL_LANGUAGES),
                   channel=pick("channel", CHANNELS), category=pick("category", CATEGORIES),
                   urgent={"yes": True, "no": False}.get(args.get("urgent") or ""),
                   assignee=assignee, date_from=parse_date(args.get("from")),
                   date_to=parse_date(args.get("to")))

    def as_args(self) -> dict[str, str]:
        """Query arguments that reproduce these filters (for links)."""
        values = {"status": self.status, "language": self.language, "channel": self.channel,
                  "category": self.category, "assignee": self.assignee,
                  "urgent": None if self.urgent is None else ("yes" if self.urgent else "no"),
                  "from": self.date_from.isoformat() if self.date_from else None,
                  "to": self.date_to.isoformat() if self.date_to else None}
        return {key: value for key, value in values.items() if value}

    def with_status(self, status: str | None) -> Filters:
        return replace(self, status=status)


def parse_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@dataclass(frozen=True)
class QueueRow:
    id: int
    case_code: str
    channel: str
    language: str | None
    category: str | None
    urgent: bool
    status: str
    created_at: datetime
    assignee_id: int | None

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.urgent, self.created_at, self.id)


def _filtered(team_ids: list[int], filters: Filters, user_id: int) -> Select[tuple]:
    in_teams = exists().where(CaseQueue.case_id == Case.id, CaseQueue.team_id.in_(team_ids))
    query = select(Case.id, Case.case_code, Case.channel, Case.language, Case.category,
                   Case.urgent, Case.status, Case.created_at, Case.assignee_id).where(in_teams)
    for column, value in ((Case.status, filters.status), (Case.language, filters.language),
                          (Case.channel, filters.channel), (Case.category, filters.category)):
        if value is not None:
            query = query.where(column == value)
    if filters.assignee == "me":
        query = query.where(Case.assignee_id == user_id)
    elif filters.assignee == "none":
        query = query.where(Case.assignee_id.is_(None))
    elif filters.assignee is not None:
        query = query.where(Case.assignee_id == int(filters.assignee))
    if filters.date_from is not None:
        query = query.where(Case.created_at >= datetime.combine(filters.date_from, time(), UTC))
    if filters.date_to is not None:
        end = datetime.combine(filters.date_to + timedelta(days=1), time(), UTC)
        query = query.where(Case.created_at < end)
    return query


def queue(session: Session, team_ids: list[int], filters: Filters, user_id: int, *,
          after: Cursor | None = None, limit: int = PAGE_SIZE) -> list[QueueRow]:
    """One page of the member's queues, urgent first, then newest first."""
    if not team_ids:
        return []
    base = _filtered(team_ids, filters, user_id)
    rows: list[QueueRow] = []
    for urgent in (True, False):
        if filters.urgent is not None and filters.urgent != urgent:
            continue
        if after is not None and not after.urgent and urgent:
            continue  # past the urgent part already
        query = base.where(Case.urgent == urgent)
        if after is not None and after.urgent == urgent:
            query = query.where(tuple_(Case.created_at, Case.id) < tuple_(
                bindparam("after_created", after.created_at, type_=UTCDateTime()),
                bindparam("after_id", after.case_id)))
        query = query.order_by(Case.created_at.desc(), Case.id.desc()).limit(limit - len(rows))
        rows.extend(QueueRow(*row) for row in session.execute(query))
        if len(rows) >= limit:
            break
    return rows


def tags_for(session: Session, case_ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    if case_ids:
        for case_id, tag in session.execute(select(CaseTag.case_id, CaseTag.tag).where(
                CaseTag.case_id.in_(case_ids)).order_by(CaseTag.tag)):
            tags.setdefault(case_id, []).append(tag)
    return tags


def usernames(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    ids = [i for i in user_ids if i is not None]
    if not ids:
        return {}
    rows = session.execute(select(StaffUser.id, StaffUser.username).where(StaffUser.id.in_(ids)))
    return {row.id: row.username for row in rows}
