"""Calls in progress: the one row that ties a call's webhooks together.

A call is known only by the keyed hash of its CallSid. Its row holds the
language chosen and the case it reports into, and is deleted when the call
ends: at once on Twilio's call status callback, or at the latest by the
hourly sweep (``CALL_TTL`` after the call began) if that callback is not
configured or is lost. A call that ended without a recording adds one to
the day's missed-call counter and leaves nothing else behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotline.cases.models import Case
from hotline.channels.voice.models import VoiceCall, VoiceMissedCalls
from hotline.privacy.identifiers import normalize_case_code
from hotline.settings import Settings

# Longer than any call this flow allows (menus, one recording of at most an
# hour, two questions); calls older than this are over.
CALL_TTL: Final = timedelta(hours=2)


def menu_languages(session: Session, settings: Settings) -> tuple[str, ...]:
    """The languages offered, in menu order: the enabled ones (an admin may
    narrow them in the console), default language first."""
    from hotline.console.store import enabled_languages

    enabled = [code for code in enabled_languages(session, settings) if code]
    first = [settings.default_language] if settings.default_language in enabled else []
    return tuple(first + [code for code in enabled if code != settings.default_language])


def caller_language(languages: Sequence[str], caller: str | None) -> str | None:
    """The language most people read in the caller's country, if offered.
    The number is used here, in memory, and nowhere else."""
    from hotline.intake.languages import COUNTRY_DEFAULT_LANGUAGE
    from hotline.privacy.identifiers import phone_region

    language = COUNTRY_DEFAULT_LANGUAGE.get(phone_region(caller) or "") if caller else None
    return language if language in languages else None


def pick_language(languages: Sequence[str], digits: str | None) -> str | None:
    if not digits or not digits.isdigit():
        return None
    position = int(digits)
    return languages[position - 1] if 1 <= position <= len(languages) else None


def current(session: Session, call_hash: str, now: datetime) -> VoiceCall:
    """The call's row, created on its first webhook (or again, if a sweep
    ended it early)."""
    call = session.get(VoiceCall, call_hash)
    if call is None:
        call = VoiceCall(id=call_hash, language=None, case_id=None, follow_up=False,
                         recorded=False, started_at=now)
        session.add(call)
        session.flush()
    return call


def language_of(settings: Settings, call: VoiceCall | None) -> str:
    """The language the caller chose (from the menu), else the default."""
    if call is not None and call.language:
        return call.language
    return settings.default_language


def find_case(session: Session, digits: str | None) -> Case | None:
    """The case a returning caller keyed in. A case merged into another is
    still that case: its follow-up is sealed to its own queues (the primary's
    may include police the caller never consented to), and staff read it on
    the primary's page with the rest of the duplicate."""
    code = normalize_case_code(digits or "")
    if code is None:
        return None
    return session.scalar(select(Case).where(Case.case_code == code))


def end(session: Session, call_hash: str, now: datetime) -> bool:
    """The call is over: forget it, counting it if nothing was recorded."""
    call = session.get(VoiceCall, call_hash)
    if call is None:
        return False
    if not call.recorded:
        count_missed(session, now.date())
    session.delete(call)
    session.flush()
    return True


def count_missed(session: Session, day: date) -> None:
    bump = (update(VoiceMissedCalls).where(VoiceMissedCalls.day == day)
            .values(calls=VoiceMissedCalls.calls + 1))
    if session.execute(bump).rowcount:  # type: ignore[attr-defined]
        return
    try:
        with session.begin_nested():
            session.add(VoiceMissedCalls(day=day, calls=1))
            session.flush()
    except IntegrityError:  # a concurrent call inserted the day's row first
        session.execute(bump)


def sweep(session: Session, now: datetime, limit: int = 500) -> int:
    """End calls that began more than ``CALL_TTL`` ago."""
    stale = session.scalars(select(VoiceCall.id).where(VoiceCall.started_at < now - CALL_TTL)
                            .order_by(VoiceCall.started_at).limit(limit)).all()
    for call_hash in stale:
        end(session, call_hash, now)
    return len(stale)
