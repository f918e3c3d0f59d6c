"""MMS: pictures are downloaded after commit, stripped of all metadata,
stored encrypted to the case's teams, and deleted at the provider."""

from __future__ import annotations

import io
import json
import secrets

from PIL import ExifTags, Image
from sqlalchemy import select

from hotline.audit.models import AuditEntry
from hotline.cases.sealing import team_recipient
from hotline.extensions import db
from hotline.media.blobs import blob_path
from hotline.media.models import Attachment, AttachmentKey
from hotline.media.operations import open_attachment
from hotline.outbox.models import Job
from hotline.staff.models import StaffUser
from hotline.staff.operations import unlock_private_key, unlock_team_keys

US = "+12025550143"


def gps_jpeg() -> bytes:
    image = Image.new("RGB", (120, 80), (10, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "GPSCANARY phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 52.0, 4.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (151.0, 12.0, 36.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def media_url() -> str:
    return (f"https://api.twilio.com/2010-04-01/Accounts/AC{'c' * 32}/Messages/"
            f"MM{secrets.token_hex(16)}/Media/ME{secrets.token_hex(16)}")


def admin_keys(admin) -> dict[str, bytes]:
    user = db.session.get(StaffUser, admin.user_id)
    private = unlock_private_key(user, admin.password)
    return {team_recipient(k): v for k, v in unlock_team_keys(db.session, user, private).items()}


def test_jpeg_with_gps_is_stored_without_it(sms, app, admin):
    original = gps_jpeg()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    url = media_url()
    sms.provider.add_media(url, original)
    sid = "SM" + secrets.token_hex(16)
    replies = sms.replies(sms.text(US, "This is the house", sid=sid,
                                   media=((url, "image/jpeg"),)))
    assert len(replies) == 2
    with app.app_context():
        [job] = db.session.scalars(select(Job).where(Job.kind == "sms.fetch_media")).all()
        assert url not in job.payload and sid not in job.payload
        assert not db.session.scalars(select(Job).where(Job.kind == "sms.purge_message")).all()
    sms.drain()
    sms.drain()

    with app.app_context():
        [attachment] = db.session.scalars(select(Attachment)).all()
        assert attachment.content_type == "image/jpeg"
        stored = blob_path(sms.settings.instance_path, attachment.id).read_bytes()
        assert b"GPSCANARY" not in stored and b"Exif" not in stored
        recipients = {row.recipient for row in db.session.scalars(select(AttachmentKey))}
        assert recipients and all(r.startswith("team-key:") for r in recipients)
        decrypted = b"".join(open_attachment(db.session, sms.settings.instance_path,
                                             attachment, admin_keys(admin)))
        assert attachment.size == len(decrypted)
        audits = [json.loads(e.details) for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "media.stored"))]
    assert audits == [{"rejected": {}, "stored": 1}]
    assert b"GPSCANARY" not in decrypted
    with Image.open(io.BytesIO(decrypted)) as image:
        assert image.format == "JPEG" and image.size == (120, 80)
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info
    # The media, then the message, are deleted at the provider.
    assert [e["url"] for e in sms.provider.of("delete_media")] == [url]
    assert [e["sid"] for e in sms.provider.of("delete_message")] == [sid]
    assert list(sms.settings.instance_path.rglob("*.partial")) == []


def test_other_media_are_rejected_but_still_purged(sms, app):
    vcard, big, png = media_url(), media_url(), media_url()
    sms.configure(max_mms_bytes=4096)
    sms.provider.add_media(vcard, b"BEGIN:VCARD\nFN:GPSCANARY\nEND:VCARD\n")
    sms.provider.add_media(big, gps_jpeg() + b"\0" * 8192)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    sms.provider.add_media(png, buffer.getvalue())
    gone = media_url()  # the provider no longer has it
    sms.text(US, "", media=((vcard, "text/vcard"), (big, "image/jpeg"),
                            (png, "image/png"), (gone, "image/jpeg")))
    sms.drain()
    sms.drain()
    with app.app_context():
        assert len(db.session.scalars(select(Attachment)).all()) == 1
        [audit] = [json.loads(e.details) for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "media.stored"))]
    assert audit == {"stored": 1, "rejected": {"type": 1, "size": 1, "unavailable": 1}}
    assert len(sms.provider.of("delete_media")) == 4
    assert len(sms.provider.of("delete_message")) == 1


def test_a_retried_media_job_does_not_store_twice(sms, app):
    from hotline.outbox.providers.base import ProviderTransient

    first, second = media_url(), media_url()
    sms.provider.add_media(first, gps_jpeg())
    sms.provider.add_media(second, gps_jpeg())
    sms.text(US, "Two photos", media=((first, "image/jpeg"), (second, "image/jpeg")))
    # Both are stored and committed, then deleting them at the provider
    # fails: the job runs again and must find what it already stored.
    sms.provider.fail_next(ProviderTransient(1), method="delete_media")
    sms.drain()
    with app.app_context():
        assert len(db.session.scalars(select(Attachment)).all()) == 2
        [job] = db.session.scalars(select(Job).where(Job.kind == "sms.fetch_media")).all()
        assert job.status == "pending"
    with app.app_context():
        from sqlalchemy import update

        from hotline.db import utcnow

        db.session.execute(update(Job).where(Job.status == "pending", Job.kind != "sms.expire_relay")
                           .values(run_after=utcnow()))
        db.session.commit()
    sms.drain()
    sms.drain()
    with app.app_context():
        assert len(db.session.scalars(select(Attachment)).all()) == 2
    assert len(sms.provider.of("delete_message")) == 1
    assert len(sms.provider.of("open_media")) == 2  # not downloaded again


def test_delete_takes_the_pictures_off_the_disk_too(sms, app):
    url = media_url()
    sms.provider.add_media(url, gps_jpeg())
    sender = "+447700900123"
    sms.text(sender, "This is where they keep us", media=((url, "image/jpeg"),))
    sms.drain()
    sms.drain()
    with app.app_context():
        [attachment] = db.session.scalars(select(Attachment)).all()
        stored = blob_path(sms.settings.instance_path, attachment.id)
    assert stored.is_file()
    sms.replies(sms.text(sender, "DELETE"))
    with app.app_context():
        assert db.session.scalars(select(Attachment)).first() is None
    assert not stored.exists()
