"""A voice case referred with full consent: the packet carries the disguised
recording, never the undisguised original that HOTLINE_VOICE_KEEP_ORIGINAL
keeps (staff never hear it, so neither may a partner organisation)."""

from __future__ import annotations

import io
import re
import zipfile

from sqlalchemy import select

from hotline.cases.models import Case
from hotline.channels.voice.models import VoiceRecording
from hotline.exports.consent import NGO, record_consent
from hotline.extensions import db
from hotline.media.models import Attachment
from hotline.media.operations import open_attachment
from tests.conftest import signed_in
from tests.integration.test_referral_roundtrip import (  # noqa: F401 - fixture
    partner_setup,
    refer,
)
from tests.integration.test_sms_mms import admin_keys
from tests.integration.test_voice_recording import (  # noqa: F401 - fixture
    pcm_windows,
    report_by_phone,
    speech,
)


def test_full_scope_packet_leaves_out_the_original_voice(
        voice, app, admin, partner_setup, partner_gpg_key, speech):  # noqa: F811
    voice.configure(voice_keep_original=True)
    report_by_phone(voice, speech)
    voice.drain()
    voice.drain()
    with app.app_context():
        row = db.session.scalars(select(VoiceRecording)).one()
        assert row.original_attachment_id and row.disguised_attachment_id
        case = db.session.scalars(select(Case)).one()
        record_consent(db.session, voice.settings, case, NGO, "full", "caseworker",
                       recorded_by=admin.user_id)
        disguised = b"".join(open_attachment(
            db.session, voice.settings.instance_path,
            db.session.get(Attachment, row.disguised_attachment_id), admin_keys(admin)))
        db.session.commit()
        case_id = case.id
    worker = signed_in(app, partner_setup["worker"])
    response = refer(worker, case_id, partner_setup["org_id"])
    assert response.status_code == 302, response.get_data(as_text=True)

    partner = signed_in(app, partner_setup["partner"])
    [link] = re.findall(r'href="(/console/referrals/[^"]+/packet)"',
                        partner.get("/console/referrals").get_data(as_text=True))
    packet = partner.get(link)
    assert packet.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(partner_gpg_key.decrypt(packet.get_data())))
    attachments = [name for name in archive.namelist() if name.startswith("attachments/")]
    assert len(attachments) == 1, archive.namelist()
    assert attachments[0].endswith(".wav")
    sent = archive.read(attachments[0])
    assert sent == disguised
    assert sent != speech and not any(window in sent for window in pcm_windows(speech))
