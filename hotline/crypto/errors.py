"""The single exception type raised by the crypto package.

Callers (views, CLI, jobs) only need to catch one thing when a ciphertext
cannot be opened, whatever the reason: wrong key, wrong password, tampering,
truncation, or a malformed blob. Library exceptions such as
``cryptography.exceptions.InvalidTag`` never leak out, so the rest of the app
does not depend on which primitive sits underneath.

Messages are short and fixed: they never contain key material, plaintext,
passwords or ciphertext, so they are safe to log.
"""

from __future__ import annotations


class CryptoError(Exception):
    """Something could not be decrypted, unwrapped, verified or parsed."""
