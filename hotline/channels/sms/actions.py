"""What each keyword does, and the texts that answer it.

While a reporter is opted out (STOP) the line sends nothing at all, except
the confirmation of START, which lifts it. The exit word is never answered.
A keyword from a number with no open conversation changes nothing stored
(there is nothing to change) but is still answered, in the keyword's
language, or the country's, or the default.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale
from sqlalchemy.orm import Session

from hotline.audit.log import append as audit
from hotline.cases.models import Case
from hotline.channels.sms import texts
from hotline.channels.sms.conversations import (
    purge_number,
    reply_language,
    set_opted_out,
    touch,
)
from hotline.channels.sms.inbound import Inbound
from hotline.channels.sms.keywords import Keyword, normalize
from hotline.channels.sms.models import SmsConversation
from hotline.exports.consent import LAW_ENFORCEMENT
from hotline.exports.models import CaseConsent
from hotline.settings import Settings

if TYPE_CHECKING:
    from hotline.retention.reporter import ReporterDeletion

Replies = tuple[str, ...]


@lru_cache(maxsize=16)
def _language_names(enabled: tuple[str, ...]) -> dict[str, str]:
    """Normalized code, and the language's name in every enabled language
    and English -> code ("espanol", "arabe", "arabic" -> ...)."""
    names: dict[str, str] = {code: code for code in enabled}
    for code in enabled:
        locale = Locale.parse(code)
        for display in (code, *enabled, "en"):
            name = locale.get_language_name(display)
            if name:
                names.setdefault(normalize(name), code)
    return names


def resolve_language(argument: str, enabled: tuple[str, ...]) -> str | None:
    return _language_names(enabled).get(normalize(argument))


def without_conversation(settings: Settings, keyword: Keyword, inbound: Inbound) -> Replies:
    enabled = settings.languages
    language = reply_language(settings, inbound.region, keyword.language)
    if keyword.action == "stop":
        return (texts.stopped(language),)
    if keyword.action == "start":
        return (texts.started(language),)
    if keyword.action == "delete":
        return (texts.number_deleted(language),)
    if keyword.action == "lang":
        chosen = resolve_language(keyword.argument, enabled)
        if chosen is None:
            return (texts.language_choices(language, enabled),)
        return (texts.help_text(chosen, enabled),)
    if keyword.action == "exit":
        return ()
    return (texts.help_text(language, enabled),)


def in_conversation(session: Session, settings: Settings, keyword: Keyword,
                    conversation: SmsConversation, inbound: Inbound, now: datetime) -> Replies:
    action = keyword.action
    if action == "exit":
        conversation.ended_at = now
        conversation.consent_open = False
        purge_number(session, settings, conversation, "exit")
        return ()
    if action == "stop":
        conversation.last_inbound_at = now
        set_opted_out(session, settings, conversation, True, "keyword")
        return (texts.stopped(conversation.language),)
    touch(session, settings, conversation, inbound, now)
    if action == "start":
        set_opted_out(session, settings, conversation, False, "keyword")
    replies = _answer(session, settings, keyword, conversation)
    return () if conversation.opted_out else replies


def delete_report(session: Session, settings: Settings,
                  conversation: SmsConversation) -> tuple[Replies, ReporterDeletion]:
    """DELETE: the number goes at once, and the report with it, unless a
    caseworker has already passed it on (referred, escalated): then it stays
    with the teams that hold it, and the reply says so. The conversation row
    may be gone afterwards; the caller commits, then removes the files."""
    from hotline.retention.reporter import delete_reporter_data

    language, silent = conversation.language, conversation.opted_out
    case = session.get(Case, conversation.case_id)
    assert case is not None
    deletion = delete_reporter_data(session, settings, case, via="sms")
    reply = texts.report_kept(language) if deletion.content_kept else texts.report_deleted(language)
    return (() if silent else (reply,)), deletion


def _answer(session: Session, settings: Settings, keyword: Keyword,
            conversation: SmsConversation) -> Replies:
    enabled = settings.languages
    language = conversation.language
    if keyword.action == "start":
        return (texts.started(language),)
    if keyword.action == "lang":
        chosen = resolve_language(keyword.argument, enabled)
        if chosen is None:
            return (texts.language_choices(language, enabled),)
        conversation.language, conversation.language_chosen = chosen, True
        return (texts.language_changed(chosen),)
    if keyword.action == "police":
        conversation.consent_open = True
        return (texts.consent_question(language),)
    if keyword.action in ("yes", "no"):
        record_consent(session, settings, conversation, keyword.action == "yes")
        return ((texts.consent_given if keyword.action == "yes" else texts.consent_refused)(
            language),)
    return (texts.help_text(language, enabled),)


def record_consent(session: Session, settings: Settings, conversation: SmsConversation,
                   given: bool) -> None:
    """Law-enforcement consent (redacted copy only). Routing and re-sealing
    are the console's escalation step: the server holds no team private key.
    Also a consent record (source "sms"): the newest record is what
    referrals read, so this answer replaces one a caseworker wrote down."""
    conversation.consent_open = False
    case = session.get(Case, conversation.case_id)
    assert case is not None
    case.consent_law_enforcement = given
    case.consent_full_text = False
    session.add(CaseConsent(case_id=case.id, recipient_type=LAW_ENFORCEMENT,
                            scope="redacted" if given else "none", source="sms"))
    audit(session, settings.pepper, "consent.recorded", actor_kind="reporter", case_id=case.id,
          details={"channel": "sms", "law_enforcement": given, "full_text": False})
