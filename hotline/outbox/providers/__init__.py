"""Telephony providers behind one small interface (``base.TelephonyProvider``)."""

from hotline.outbox.providers.base import (
    ProviderCannotTell,
    ProviderError,
    ProviderPermanent,
    ProviderTransient,
    TelephonyProvider,
)
from hotline.outbox.providers.factory import current_provider, provider_for, provider_for_app

__all__ = [
    "ProviderCannotTell",
    "ProviderError",
    "ProviderPermanent",
    "ProviderTransient",
    "TelephonyProvider",
    "current_provider",
    "provider_for",
    "provider_for_app",
]
