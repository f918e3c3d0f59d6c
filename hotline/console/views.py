"""The triage console blueprint, with every page module registered on it.

Pages live in small modules (sign-in, queue and case, escalation, audit,
admin); each is thin: permissions come from ``policy``, work from the
operation modules.
"""

from __future__ import annotations

from hotline.console import (  # noqa: F401 - imported for their routes
    audit_views,
    case_views,
    escalation_views,
    login_views,
    recording_views,
)
from hotline.console.admin import (  # noqa: F401
    rules,
    settings_views,
    teams,
    translations,
    users,
)
from hotline.console.blueprint import blueprint

__all__ = ["blueprint"]
