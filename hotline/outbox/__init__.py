"""The outbox: jobs enqueued in the transaction that needs them, run after
commit by ``hotline worker``, retried with backoff (DESIGN.md, Data flow).

``jobs`` (enqueue, handlers), ``worker`` (claim, run), ``sends`` (exactly-once
SMS), ``providers`` (Twilio, console, recording).
"""

from hotline.outbox.jobs import (
    JobContext,
    PermanentFailure,
    RetryLater,
    backoff,
    enqueue,
    handler,
)
from hotline.outbox.providers.factory import current_provider

__all__ = ["JobContext", "PermanentFailure", "RetryLater", "backoff", "current_provider",
           "enqueue", "handler"]
