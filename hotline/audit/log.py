"""Append to and verify the hash-chained audit log.

Each entry's hash is an HMAC-SHA256, under a key derived from the server
pepper, over the previous entry's hash and the entry's own fields. Editing,
deleting or reordering any row breaks the chain; and since the chain is
keyed, someone who can write the database but lacks the pepper cannot
recompute it after a change.

Details are ids and enumerated values only: never report text, never an
identifier of a reporter.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from hotline.audit.models import AuditEntry, AuditHead
from hotline.db import utcnow

GENESIS = "0" * 64
ACTOR_KINDS = ("staff", "reporter", "system")
COLUMNS = (AuditEntry.id, AuditEntry.created_at, AuditEntry.actor_kind, AuditEntry.actor_id,
           AuditEntry.action, AuditEntry.case_id, AuditEntry.details, AuditEntry.prev_hash,
           AuditEntry.entry_hash)


@lru_cache(maxsize=8)
def audit_key(pepper: bytes) -> bytes:
    """The chain's HMAC key (derived once per process, not per entry)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"hotline/audit-chain/v1").derive(pepper)


def _entry_digest(key: bytes, prev_hash: str, entry: AuditEntry | Row[Any]) -> str:
    created = entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    fields = [entry.id, created, entry.actor_kind, entry.actor_id, entry.action,
              entry.case_id, entry.details]
    message = prev_hash.encode() + json.dumps(fields, separators=(",", ":")).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def append(session: Session, pepper: bytes, action: str, *, actor_kind: str = "system",
           actor_id: int | None = None, case_id: int | None = None,
           details: Mapping[str, object] | None = None) -> AuditEntry:
    """Add one entry in the caller's transaction.

    The chain head is locked (``FOR UPDATE``) until the transaction ends, so
    appends from concurrent processes serialize instead of forking the chain.
    """
    if actor_kind not in ACTOR_KINDS:
        raise ValueError(f"unknown actor kind {actor_kind!r}")
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_entry_id=0, last_hash=GENESIS)
        session.add(head)
    entry = AuditEntry(
        id=head.last_entry_id + 1,
        created_at=utcnow(),
        actor_kind=actor_kind,
        actor_id=actor_id,
        action=action,
        case_id=case_id,
        details=json.dumps(dict(details or {}), sort_keys=True, separators=(",", ":")),
        prev_hash=head.last_hash,
        entry_hash="",
    )
    entry.entry_hash = _entry_digest(audit_key(pepper), head.last_hash, entry)
    session.add(entry)
    head.last_entry_id = entry.id
    head.last_hash = entry.entry_hash
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str


def verify(session: Session, pepper: bytes, batch: int = 5000) -> tuple[int, list[ChainProblem]]:
    """Walk the chain in id order; return (entries checked, problems)."""
    key = audit_key(pepper)
    problems: list[ChainProblem] = []
    prev_hash, expected_id, checked = GENESIS, 1, 0
    last_id = 0
    while True:
        # Plain rows, not entities: a long chain must not fill the session.
        rows = session.execute(
            select(*COLUMNS).where(AuditEntry.id > last_id)
            .order_by(AuditEntry.id).limit(batch)).all()
        if not rows:
            break
        for entry in rows:
            checked += 1
            if entry.id != expected_id:
                problems.append(ChainProblem(entry.id, f"gap: expected entry {expected_id}"))
            if entry.prev_hash != prev_hash:
                problems.append(ChainProblem(entry.id, "previous hash does not match"))
            if not hmac.compare_digest(entry.entry_hash, _entry_digest(key, entry.prev_hash, entry)):
                problems.append(ChainProblem(entry.id, "entry hash does not match its contents"))
            prev_hash, expected_id, last_id = entry.entry_hash, entry.id + 1, entry.id
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_entry_id != last_id or head.last_hash != prev_hash):
        problems.append(ChainProblem(head.last_entry_id, "chain head does not match the last entry"))
    return checked, problems
