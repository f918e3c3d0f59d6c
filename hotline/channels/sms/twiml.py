"""TwiML responses for the messaging webhook.

Each reply is a ``<Message>`` whose ``action`` is our status callback, so
that the auto-reply, too, is deleted at Twilio once delivered. Built with
the SDK's ``MessagingResponse`` (it escapes the text).
"""

from __future__ import annotations

from collections.abc import Sequence

from twilio.twiml.messaging_response import MessagingResponse

CONTENT_TYPE = "application/xml; charset=utf-8"


def render(replies: Sequence[str], status_callback: str | None) -> str:
    response = MessagingResponse()
    for text in replies:
        if status_callback:
            response.message(text, action=status_callback, method="POST")
        else:
            response.message(text)
    return str(response.to_xml(xml_declaration=True))


def empty() -> str:
    return render((), None)
