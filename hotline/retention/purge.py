"""One purge run: everything whose time is up, audited with counts only.

- closed cases past ``closed_case_days`` (rows and encrypted files);
- web inboxes idle past ``inbox_days``: the receipt, the reporter key and
  the keys sealed to it go, so nobody can open the inbox again (the case
  itself stays for the caseworkers until it is closed and expires);
- SMS relay numbers idle past ``relay_idle_days`` (through the SMS
  channel's own ``purge_idle`` and ``purge_number``);
- referral packets whose download link expired, and packet files left by
  a referral that never committed;
- unlocked-key sessions (``hotline.keysession``) idle past
  ``session_idle_minutes``, and staff sign-ins abandoned at the second
  factor, whose cookie never came back to delete them.

Work goes in batches (``BATCH`` cases per round); each round is one
transaction with one ``retention.purged`` audit entry holding only counts,
and its files are removed after it commits. ``purge_all`` loops rounds
until nothing is due; the CLI and the worker job call it.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case, Message, WrappedKey
from hotline.cases.sealing import REPORTER
from hotline.db import utcnow
from hotline.exports.models import Referral
from hotline.exports.packet_files import delete_packet
from hotline.keysession import KeySession, purge_idle, purge_pending
from hotline.retention.erase import Erased, erase_cases, remove_files
from hotline.retention.policy import RetentionPolicy, load_policy
from hotline.settings import Settings

log = logging.getLogger("hotline.retention")
BATCH: Final = 1000
INBOX_KINDS: Final = ("report", "reporter", "reply")
ORPHAN_GRACE: Final = timedelta(hours=1)


@dataclass
class Round:
    counts: Counter[str] = field(default_factory=Counter)
    erased: Erased = field(default_factory=Erased)
    packet_ids: list[str] = field(default_factory=list)

    @property
    def did_work(self) -> bool:
        return any(self.counts.values())


def expired_case_ids(session: Session, policy: RetentionPolicy, now: datetime,
                     limit: int = BATCH) -> list[int]:
    ids: list[int] = []
    for status, days in policy.status_ttl_days.items():
        cutoff = policy.cutoff(days, now)
        if cutoff is not None:
            ids += session.scalars(select(Case.id).where(
                Case.status == status, Case.updated_at <= cutoff)
                .order_by(Case.id).limit(limit - len(ids)))
    return ids


def forget_inbox(session: Session, case: Case) -> None:
    """Remove what opens a web reporter's inbox: receipt and reporter key."""
    message_ids = select(Message.id).where(Message.case_id == case.id)
    session.execute(delete(WrappedKey).where(WrappedKey.recipient == REPORTER,
                                             WrappedKey.message_id.in_(message_ids)))
    session.execute(delete(KeySession).where(KeySession.case_id == case.id))
    case.receipt_hash = None
    case.receipt_failures = 0
    case.receipt_locked_until = None
    case.reporter_public_key = None
    case.reporter_private_key_wrapped = None
    case.safe_to_contact = False


def idle_inboxes(session: Session, policy: RetentionPolicy, now: datetime,
                 limit: int = BATCH) -> list[Case]:
    cutoff = policy.cutoff(policy.inbox_days, now)
    if cutoff is None:
        return []
    last = (select(Message.case_id, func.max(Message.created_at).label("last"))
            .where(Message.kind.in_(INBOX_KINDS)).group_by(Message.case_id).subquery())
    return list(session.scalars(
        select(Case).join(last, last.c.case_id == Case.id)
        .where(Case.receipt_hash.is_not(None), last.c.last <= cutoff)
        .order_by(Case.id).limit(limit)))


def purge_relays(session: Session, settings: Settings, policy: RetentionPolicy,
                 now: datetime, limit: int = BATCH) -> int:
    from hotline.channels.sms import conversations
    from hotline.channels.sms.models import SmsConversation

    purged = conversations.purge_idle(session, settings, now, limit)
    cutoff = policy.cutoff(policy.relay_idle_days, now)
    if cutoff is not None:  # a shorter window stored in the console
        due = session.scalars(select(SmsConversation).where(
            SmsConversation.relay_sealed.is_not(None),
            SmsConversation.last_inbound_at <= cutoff).limit(limit)).all()
        for conversation in due:
            purged += conversations.purge_number(session, settings, conversation, "idle")
    return purged


def expired_packets(session: Session, now: datetime, limit: int = BATCH) -> list[Referral]:
    return list(session.scalars(select(Referral).where(
        Referral.packet_deleted_at.is_(None), Referral.expires_at <= now).limit(limit)))


def orphan_packets(session: Session, instance_path: Path, now: datetime,
                   limit: int = BATCH) -> list[str]:
    """Packet files no live referral points to: a referral whose transaction
    rolled back after its file was written. Only files older than an hour,
    so a referral being made right now is never touched."""
    folder = instance_path / "exports"
    if not folder.is_dir():
        return []
    cutoff = (now - ORPHAN_GRACE).timestamp()
    candidates = [path.stem for path in folder.glob("??/*.pgp")
                  if path.stat().st_mtime < cutoff][:limit]
    if not candidates:
        return []
    live = set(session.scalars(select(Referral.id).where(
        Referral.id.in_(candidates), Referral.packet_deleted_at.is_(None))))
    return [referral_id for referral_id in candidates if referral_id not in live]


def purge_round(session: Session, settings: Settings, now: datetime) -> Round:
    """One batch of everything due, flushed and audited; the caller commits,
    then calls ``finish`` to remove the files."""
    policy = load_policy(session, settings)
    result = Round()
    case_ids = expired_case_ids(session, policy, now)
    for case in idle_inboxes(session, policy, now):
        if case.id not in case_ids:
            forget_inbox(session, case)
            result.counts["inboxes"] += 1
    result.counts["relay_numbers"] = purge_relays(session, settings, policy, now)
    result.counts["key_sessions"] = (
        purge_idle(session, timedelta(minutes=settings.session_idle_minutes), now)
        + purge_pending(session, now))
    for referral in expired_packets(session, now):
        referral.packet_deleted_at = now
        result.packet_ids.append(referral.id)
    result.counts["referral_packets"] = len(result.packet_ids)
    orphans = [referral_id for referral_id in orphan_packets(session, settings.instance_path, now)
               if referral_id not in result.packet_ids]
    result.packet_ids += orphans
    result.counts["orphan_packets"] = len(orphans)
    if case_ids:
        result.erased = erase_cases(session, case_ids)
        result.counts["cases"] = len(case_ids)
        result.counts["messages"] = result.erased.rows.get("message", 0)
        result.counts["attachments"] = len(result.erased.blob_ids)
        result.counts["referral_packets"] += len(result.erased.packet_ids)
    if result.did_work:
        audit(session, settings.pepper, "retention.purged",
              details={key: value for key, value in sorted(result.counts.items()) if value})
    session.flush()
    return result


def finish(settings: Settings, result: Round) -> int:
    """Remove the round's files (after its commit); returns how many."""
    removed = remove_files(settings.instance_path, result.erased)
    for referral_id in result.packet_ids:
        removed += delete_packet(settings.instance_path, referral_id)
    return removed


def purge_all(session: Session, settings: Settings, now: datetime | None = None,
              max_rounds: int = 1000) -> Counter[str]:
    """Run rounds until nothing is due, committing each; returns the totals."""
    now = now or utcnow()
    totals: Counter[str] = Counter()
    for _ in range(max_rounds):
        result = purge_round(session, settings, now)
        session.commit()
        totals.update(result.counts)
        totals["files"] += finish(settings, result)
        if not result.did_work:
            break
    log.info("retention purge: %s", dict(sorted(totals.items())) or "nothing due")
    return totals
