"""The IOM Human Trafficking Case Data Standard 2.0 names this service uses.

Referral packets use HTCDS field names as their only JSON keys, so that a
partner's case-management system (many run the HTCDS Salesforce template)
maps them without a translation table. Only fields we can fill honestly
are used; nothing identifying (``prs_*`` names, phones, addresses) is ever
produced because we never hold it.

The picklist values are the ones the standard lists. ``ORG_TYPES`` are the
first four ``org_Type`` values, which are all the reference copy in
``shared/reference`` shows legibly (the sheet truncates the rest); a value
added here must come from the standard.
"""

from __future__ import annotations

from typing import Final

# Organisation (org_Type picklist; labels are translated in the console).
ORG_TYPES: Final = ("NGO", "LawEnforcement", "HealthServiceOrganisation",
                    "CentralGovernmentOrganisation")

# Case
CAS_STATUS: Final = "cas_Status"
CAS_REFERRING_ORGANISATION: Final = "cas_ReferringOrganisation"
CAS_REFERRED_ORGANISATION: Final = "cas_ReferredOrganisation"
CAS_OUTGOING_REFERRAL_DATE: Final = "cas_OutgoingReferralDate"
CAS_REASON_FOR_OUTGOING_REFERRAL: Final = "cas_ReasonForOutgoingReferral"
CAS_OUTGOING_REFERRAL_DETAILS: Final = "cas_OutgoingReferralDetails"
# Consent (checkbox: true when the reporter consented, false on an override)
CON_CONSENT: Final = "con_Consent"
# Case comment: the reporter's own words, one entry per message.
CCO_CASE_COMMENT: Final = "cco_CaseComment"
# Victim context
VIC_TRAFFICKING_STATUS: Final = "vic_TraffickingStatus"
VIC_TYPE_OF_EXPLOITATION: Final = "vic_TypeOfExploitation"
# Person: the language to contact them in (ISO 639).
PRS_PRIMARY_LANGUAGE: Final = "prs_PrimaryLanguage"

# cas_ReasonForOutgoingReferral picklist.
REFERRAL_REASONS: Final = ("AdditionalServicesRequired", "MigrationOrChangeOfLocation", "Other")

# Our case status -> cas_Status (Active FollowUp Closed ClosedReferred).
CASE_STATUS: Final = {"new": "Active", "triaged": "Active", "in_progress": "Active",
                      "referred": "FollowUp", "closed": "Closed"}

# Our category -> vic_TypeOfExploitation (multiselect). Drugs and "other"
# have no legible equivalent in the standard's list, so they are left out.
EXPLOITATION: Final = {"labour": "ForcedLabour", "sexual": "SexualExploitation",
                       "forced_marriage": "ForcedMarriage"}

# Until an organisation decides otherwise, a person is a potential victim.
POSSIBLE_VICTIM: Final = "PossibleVictimOfTrafficking"

# Keys a packet may carry, by consent scope. Referral metadata is always
# present; the case description needs at least redacted consent.
REFERRAL_FIELDS: Final = (CAS_REFERRING_ORGANISATION, CAS_REFERRED_ORGANISATION,
                          CAS_OUTGOING_REFERRAL_DATE, CAS_REASON_FOR_OUTGOING_REFERRAL,
                          CAS_OUTGOING_REFERRAL_DETAILS, CON_CONSENT)
CASE_FIELDS: Final = (CAS_STATUS, VIC_TRAFFICKING_STATUS, VIC_TYPE_OF_EXPLOITATION,
                      PRS_PRIMARY_LANGUAGE, CCO_CASE_COMMENT)
ALL_FIELDS: Final = frozenset(REFERRAL_FIELDS + CASE_FIELDS)
