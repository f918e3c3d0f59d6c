"""Settings admins change at run time, stored as JSON in ``stored_setting``.

- ``urgency_words``: extra imminent-danger words per language (``"*"`` for
  any language), read by the intake pipeline for ``is_urgent``.
- ``retention``: how long things are kept, in days (issue 6 purges by them).
- ``enabled_languages``: the languages reports are detected in; only
  languages with a complete catalog can be enabled.

Each change is audited by the caller with the keys changed, never values
that could be report text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from hotline.console.models import StoredSetting
from hotline.db import utcnow
from hotline.i18n import TRANSLATIONS_DIR
from hotline.settings import Settings

URGENCY_WORDS = "urgency_words"
RETENTION = "retention"
ENABLED_LANGUAGES = "enabled_languages"
MAX_WORDS_PER_LANGUAGE = 200
MAX_WORD_LENGTH = 60


@dataclass(frozen=True)
class Retention:
    """Days to keep each kind of data (0 keeps it until deleted by hand)."""

    closed_case_days: int = 365
    relay_idle_days: int = 30
    recording_days: int = 30


def _get(session: Session, key: str) -> Any:
    row = session.get(StoredSetting, key)
    return None if row is None else json.loads(row.value)


def _put(session: Session, key: str, value: object, user_id: int | None) -> None:
    row = session.get(StoredSetting, key)
    if row is None:
        row = StoredSetting(key=key)
        session.add(row)
    row.value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row.updated_at = utcnow()
    row.updated_by = user_id
    session.flush()


def urgency_words(session: Session) -> dict[str, tuple[str, ...]]:
    stored = _get(session, URGENCY_WORDS) or {}
    return {lang: tuple(words) for lang, words in stored.items() if words}


def parse_words(raw: str) -> tuple[str, ...]:
    """One word or phrase per line; a trailing ``*`` matches word beginnings."""
    words = []
    for line in raw.splitlines():
        word = " ".join(line.split())
        if word and len(word) <= MAX_WORD_LENGTH and word not in words:
            words.append(word)
    return tuple(words[:MAX_WORDS_PER_LANGUAGE])


def set_urgency_words(session: Session, language: str, words: tuple[str, ...],
                      user_id: int) -> None:
    stored = _get(session, URGENCY_WORDS) or {}
    if words:
        stored[language] = list(words)
    else:
        stored.pop(language, None)
    _put(session, URGENCY_WORDS, stored, user_id)


def retention(session: Session) -> Retention:
    stored = _get(session, RETENTION) or {}
    known = {key: int(value) for key, value in stored.items()
             if key in Retention.__dataclass_fields__}
    return Retention(**known)


def set_retention(session: Session, value: Retention, user_id: int) -> list[str]:
    """Store new retention values; returns the names of those that changed."""
    before = asdict(retention(session))
    after = asdict(value)
    if any(days < 0 for days in after.values()):
        raise ValueError("retention cannot be negative")
    _put(session, RETENTION, after, user_id)
    return sorted(key for key in after if after[key] != before[key])


@cache
def complete_catalogs() -> tuple[str, ...]:
    """English (the source) and every locale whose catalog passes the gate."""
    from hotline.i18n import language_code
    from hotline.i18n_check import check_catalog

    found = ["en"]
    for path in sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po")):
        locale = path.parent.parent.name
        if not check_catalog(locale):
            found.append(language_code(locale))
    return tuple(found)


def enabled_languages(session: Session, settings: Settings) -> tuple[str, ...]:
    stored = _get(session, ENABLED_LANGUAGES)
    if not stored:
        return settings.languages
    return tuple(code for code in stored if isinstance(code, str))


def set_enabled_languages(session: Session, settings: Settings, codes: list[str],
                          user_id: int) -> tuple[str, ...]:
    allowed = set(complete_catalogs())
    chosen = tuple(code for code in codes if code in allowed)
    if settings.default_language not in chosen:
        raise ValueError("the default language must stay enabled")
    _put(session, ENABLED_LANGUAGES, list(chosen), user_id)
    return chosen
