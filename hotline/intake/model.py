"""The normalized intake: what a channel adapter hands the pipeline.

It exists only in memory. Adapters build it from what they may keep (the
text, the reporter's choices, at most a region used in memory) and drop
everything else before it is built.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hotline.cases.models import CHANNELS, REPORTER_ROLES
from hotline.intake.classify import CATEGORIES


class IntakeError(ValueError):
    """The submission cannot be accepted; the message is safe to show."""


@dataclass(frozen=True)
class Intake:
    channel: str
    text: str
    locale: str | None = None
    region: str | None = None
    reporter_role: str | None = None
    category: str | None = None
    safe_to_contact: bool = False
    consent_law_enforcement: bool = False
    consent_full_text: bool = False

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise IntakeError(f"unknown channel {self.channel!r}")
        if self.reporter_role is not None and self.reporter_role not in REPORTER_ROLES:
            raise IntakeError("unknown reporter role")
        if self.category is not None and self.category not in CATEGORIES:
            raise IntakeError("unknown category")
        if self.consent_full_text and not self.consent_law_enforcement:
            raise IntakeError("full-text consent needs law-enforcement consent")


def normalize_text(text: str, max_chars: int) -> str:
    """NFC, unified newlines, no control characters, trimmed, bounded."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    text = text.strip()
    if not text:
        raise IntakeError("empty report")
    if len(text) > max_chars:
        raise IntakeError("report too long")
    return text
