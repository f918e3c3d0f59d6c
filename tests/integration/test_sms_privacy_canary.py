"""Privacy invariant 1 across the whole SMS path, with canaries.

The sender's number (in every format people and libraries write it), the
location fields, the MessageSids, the account id and the media URLs must
appear nowhere: not in any table, not in the instance folder (blobs
included), not in any log line, even with every logger at DEBUG (which
makes SQLAlchemy log each statement's parameters).
"""

from __future__ import annotations

import io
import logging
import secrets
from pathlib import Path

import phonenumbers
from PIL import ExifTags, Image
from sqlalchemy import select, text

from hotline.cases.models import Case
from hotline.console.operations import reply
from hotline.extensions import db
from hotline.staff.models import StaffUser
from tests.conftest import BACKEND

NUMBER = "+34611473829"
LOCATION = {"FromCity": "Canaryvillecity", "FromState": "Canarystateprov",
            "FromZip": "99117", "FromCountry": "ES"}
ACCOUNT = "AC" + "7e" * 16


def number_formats(e164: str) -> list[str]:
    parsed = phonenumbers.parse(e164)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits = e164.lstrip("+")
    national_digits = str(parsed.national_number)
    return [e164, digits, national, national_digits, international, "00" + digits,
            " ".join(national_digits[i:i + 3] for i in range(0, len(national_digits), 3))]


def stored_bytes(app) -> bytes:
    chunks: list[bytes] = []
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            if BACKEND == "sqlite":
                tables = connection.execute(text(
                    "select name from sqlite_master where type='table'")).scalars().all()
            else:
                tables = connection.execute(text(
                    "select tablename from pg_tables where schemaname='public'")).scalars().all()
            for table in tables:
                for row in connection.execute(text(f'select * from "{table}"')):
                    chunks.append(repr(tuple(row)).encode())
        if BACKEND == "sqlite":
            db_file = Path(engine.url.database)
            db.session.close()
            engine.dispose()
            for path in db_file.parent.glob(db_file.name + "*"):
                chunks.append(path.read_bytes())
    for path in Path(app.instance_path).rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes())
    return b"\n".join(chunks)


def photo() -> bytes:
    image = Image.new("RGB", (32, 32), (5, 5, 5))
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSAreaInformation] = "Canaryvillecity"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_sms_identifiers_never_stored_or_logged(sms, app, admin, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # statements and parameters
    sids: list[str] = []

    def text_in(body: str, media: tuple[tuple[str, str], ...] = ()) -> list[str]:
        sid = "SM" + secrets.token_hex(16)
        sids.append(sid)
        params = sms.params(NUMBER, body, sid=sid, media=media)
        params.update(LOCATION, AccountSid=ACCOUNT)
        return sms.replies(sms.post("/twilio/sms", params))

    media_url = (f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Messages/"
                 f"MM{secrets.token_hex(16)}/Media/ME{secrets.token_hex(16)}")
    sms.provider.add_media(media_url, photo())

    assert len(text_in("They keep us in a flat, my phone is 611 47 38 29, please help")) == 2
    text_in("There are four of us, call +34 611 47 38 29 after ten")
    text_in("Photo of the door", media=((media_url, "image/jpeg"),))
    text_in("LANG es")
    with app.app_context():
        user = db.session.get(StaffUser, admin.user_id)
        case = db.session.scalars(select(Case)).one()
        reply(db.session, sms.settings, user, case, "Gracias, ¿estás a salvo?")
        db.session.commit()
    sms.drain()
    sms.drain()
    [sent] = sms.provider.sent
    assert sent["to"] == NUMBER  # it did reach the provider, from memory
    sids.append(sent["sid"])
    for status in ("sent", "delivered"):
        params = {"MessageSid": sent["sid"], "MessageStatus": status, "To": NUMBER,
                  "From": "+12025550100", "AccountSid": ACCOUNT, **LOCATION}
        assert sms.post("/twilio/sms/status", params).status_code == 200
    sms.drain()
    text_in("BORRAR")
    sms.drain()
    assert sorted(e["sid"] for e in sms.provider.of("delete_message")) == sorted(sids)

    stored = stored_bytes(app)
    captured = capfd.readouterr()
    logs = (caplog.text + captured.out + captured.err).encode()
    assert b"INSERT INTO sms_conversation" in logs  # statements and parameters were logged
    canaries = [*number_formats(NUMBER), *sids, ACCOUNT, media_url,
                media_url.rsplit("/", 1)[-1], "Canaryvillecity", "Canarystateprov", "99117"]
    for canary in canaries:
        needle = canary.encode()
        assert needle not in stored, f"{canary!r} found in stored bytes"
        assert needle not in logs, f"{canary!r} found in logs"
