"""Voice recordings in the case page: the disguised audio, played in the browser.

The case page's media hook (``_message_media.html``) asks
``voice_recording(message)`` what a message holds; the player's source is
``case_recording``, which decrypts the disguised copy with the member's
team keys as it streams it (``Cache-Control: no-store``), and audits the
play. The undisguised original, where a deployment keeps it, is never
served here. Permission and visibility come from ``policy`` as for every
case page: a case outside the member's queues is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort, g
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from hotline.audit.log import append as audit
from hotline.cases.models import Message
from hotline.channels.voice.models import VoiceRecording
from hotline.console.blueprint import blueprint, current_user, settings
from hotline.console.policy import case_for, require
from hotline.extensions import db
from hotline.media.models import Attachment, AttachmentKey
from hotline.media.operations import open_attachment


@dataclass(frozen=True)
class VoiceMedia:
    """What the media hook shows for a voice message."""

    status: str  # pending, stored, undisguisable, unavailable, rejected
    seconds: int
    attachment_id: str | None  # the disguised copy, if this member can open it


@blueprint.app_template_global("voice_recording")
def voice_recording(message: Message) -> VoiceMedia | None:
    row = db.session.scalar(select(VoiceRecording).where(VoiceRecording.message_id == message.id))
    if row is None:
        return None
    playable = None
    if row.disguised_attachment_id is not None:
        recipients = list(g.get("staff_keys") or {})
        held = db.session.scalar(select(AttachmentKey.id).where(
            AttachmentKey.attachment_id == row.disguised_attachment_id,
            AttachmentKey.recipient.in_(recipients)).limit(1))
        playable = row.disguised_attachment_id if held is not None else None
    return VoiceMedia(row.status, row.duration_seconds, playable)


@blueprint.route("/cases/<int:case_id>/recordings/<attachment_id>.wav")
@require("case.read")
def case_recording(case_id: int, attachment_id: str) -> ResponseReturnValue:
    user = current_user()
    case = case_for(db.session, user, case_id)
    row = db.session.scalar(select(VoiceRecording).where(
        VoiceRecording.case_id == case.id,
        VoiceRecording.disguised_attachment_id == attachment_id))
    attachment = db.session.get(Attachment, attachment_id) if row is not None else None
    if row is None or attachment is None:
        abort(404)
    chunks = open_attachment(db.session, settings().instance_path, attachment, g.staff_keys)
    if chunks is None:
        abort(404)
    audit(db.session, settings().pepper, "voice.recording.played", actor_kind="staff",
          actor_id=user.id, case_id=case.id, details={"message": row.message_id})
    size = attachment.size
    db.session.commit()
    response = Response(chunks, mimetype="audio/wav")
    response.headers["Content-Length"] = str(size)
    response.headers["Cache-Control"] = "no-store"
    return response
