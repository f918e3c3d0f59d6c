"""The exports blueprint with its page modules registered on it."""

from __future__ import annotations

from hotline.exports import (  # noqa: F401 - imported for their routes
    organisation_views,
    referral_views,
    stats_views,
)
from hotline.exports.blueprint import blueprint

__all__ = ["blueprint"]
