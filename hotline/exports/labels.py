"""Translated names for every code the exports pages, charts and tables show.

One place, so that a chart and the table beside it (its text alternative)
always name a value the same way. Codes stay codes in CSV and JSON files;
these are for people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from babel import Locale
from flask import has_request_context
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from hotline.intake.languages import ALL_LANGUAGES

VALUE_LABELS: dict[str, Mapping[str, LazyString]] = {
    "channel": {"web": _l("Web"), "sms": _l("SMS"), "voice": _l("Voice")},
    "category": {
        "labour": _l("Labour exploitation"), "sexual": _l("Sexual exploitation"),
        "forced_marriage": _l("Forced marriage"), "drugs": _l("Drugs"), "other": _l("Other"),
    },
    "urgency": {"urgent": _l("Urgent"), "not_urgent": _l("Not flagged")},
    "outcome": {
        "open": _l("Open"), "referred": _l("Referred"),
        "closed_resolved": _l("Closed: resolved"),
        "closed_referred_elsewhere": _l("Closed: referred to another service"),
        "closed_no_further_action": _l("Closed: no further action possible"),
        "closed_not_trafficking": _l("Closed: not trafficking or exploitation"),
        "closed_no_contact": _l("Closed: reporter could not be reached"),
        "closed_duplicate": _l("Closed: duplicate"),
        "closed_other": _l("Closed: other reason"),
    },
    "consent": {"none": _l("No consent"), "redacted": _l("Redacted copy"),
                "full": _l("Full text")},
    "first_response": {
        "under_1h": _l("Under an hour"), "1h_to_1d": _l("1 to 24 hours"),
        "1d_to_7d": _l("1 to 7 days"), "over_7d": _l("Over 7 days"),
        "no_reply": _l("No reply yet"),
    },
}
COMMON = {"other": _l("Other"), "unknown": _l("Unknown"), "total": _l("Total")}

TABLE_TITLES: dict[str, LazyString] = {
    "channel": _l("Reports by channel"),
    "language": _l("Reports by language"),
    "category": _l("Reports by kind of exploitation"),
    "urgency": _l("Reports by urgency"),
    "outcome": _l("Reports by outcome"),
    "consent_police": _l("Consent to share with the police"),
    "consent_partner": _l("Consent to share with partner organisations"),
    "first_response": _l("Time to first response"),
    "weekly_channel": _l("Reports per week by channel"),
}

ORG_TYPE_LABELS: dict[str, LazyString] = {
    "NGO": _l("Non-governmental organisation"),
    "LawEnforcement": _l("Law enforcement"),
    "HealthServiceOrganisation": _l("Health service"),
    "CentralGovernmentOrganisation": _l("Central government"),
}
REFERRAL_REASON_LABELS: dict[str, LazyString] = {
    "AdditionalServicesRequired": _l("Additional services required"),
    "MigrationOrChangeOfLocation": _l("Migration or change of location"),
    "Other": _l("Other"),
}
REFERRAL_STATUS_LABELS: dict[str, LazyString] = {
    "in_progress": _l("Sent, awaiting an answer"), "accepted": _l("Accepted"),
    "rejected": _l("Rejected"), "revoked": _l("Revoked"),
}
SCOPE_LABELS: dict[str, LazyString] = {
    "none": _l("Nothing"), "redacted": _l("Redacted copy"),
    "full": _l("Full text and pictures"),
}


def language_name(code: str) -> str:
    """The language's name in the reader's language (a chart mixing every
    script would need fonts for all of them)."""
    from hotline.i18n import current_language

    reader = current_language() if has_request_context() else "en"
    name = Locale.parse(code).get_language_name(reader) or code
    return name[:1].upper() + name[1:]


def _dimension(table: str) -> str:
    if table.startswith("consent_"):
        return "consent"
    return "channel" if table == "weekly_channel" else table


def value_label(table: str, value: str) -> str:
    """The display name of ``value`` in ``table``'s columns."""
    if _dimension(table) == "language" and value in ALL_LANGUAGES:
        return language_name(value)
    found = VALUE_LABELS.get(_dimension(table), {}).get(value) or COMMON.get(value)
    return str(found) if found is not None else value


def labeller(table: str) -> Callable[[str], str]:
    return lambda value: value_label(table, value)
