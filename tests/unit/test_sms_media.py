"""Pictures lose every piece of metadata (re-encoded pixels only), are
rejected unless JPEG/PNG/GIF/WebP, and are stored only as STREAM ciphertext."""

from __future__ import annotations

import io
import secrets

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from hotline.crypto import CryptoError
from hotline.media.blobs import blob_path, read_blob, write_blob
from hotline.media.images import MAX_PIXELS, RejectedImage, strip_metadata

GPS_CANARY = b"GPSCANARY"


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    """A JPEG whose EXIF has a GPS position, a camera model and a comment."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CanaryPhone"
    exif[ExifTags.Base.Model] = "GPSCANARY model"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    gps[ExifTags.GPS.GPSProcessingMethod] = "GPSCANARY"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"GPSCANARY comment")
    return out.getvalue()


def test_jpeg_gps_exif_is_gone():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the fixture has GPS"
    clean = strip_metadata(original)
    assert clean.content_type == "image/jpeg"
    assert GPS_CANARY not in clean.data and b"CanaryPhone" not in clean.data
    assert b"Exif" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "comment" not in image.info
        assert "icc_profile" not in image.info
        assert image.size == (64, 48)


def test_orientation_is_applied_to_the_pixels():
    clean = strip_metadata(jpeg_with_gps(size=(64, 48), orientation=6))  # rotate 90
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (48, 64)
        assert not image.getexif()


def test_png_text_chunks_are_gone_and_alpha_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPSCANARY")
    info.add_itxt("XML:com.adobe.xmp", "<x>GPSCANARY</x>")
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 128))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    clean = strip_metadata(out.getvalue())
    assert clean.content_type == "image/png" and GPS_CANARY not in clean.data
    with Image.open(io.BytesIO(clean.data)) as reopened:
        assert reopened.mode == "RGBA" and not reopened.text


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_gif_and_webp_are_accepted(fmt):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format=fmt)
    assert strip_metadata(out.getvalue()).content_type in ("image/png", "image/jpeg")


@pytest.mark.parametrize(("data", "reason"), [
    (b"BEGIN:VCARD\nFN:Someone\nEND:VCARD\n", "type"),
    (b"%PDF-1.4 not an image", "type"),
    (b"\xff\xd8\xff\xe0 truncated jpeg", "corrupt"),
])
def test_other_files_are_rejected(data, reason):
    with pytest.raises(RejectedImage) as raised:
        strip_metadata(data)
    assert raised.value.reason == reason


def test_tiff_is_rejected_even_though_pillow_reads_it():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="TIFF")
    with pytest.raises(RejectedImage):
        strip_metadata(out.getvalue())


def test_huge_canvas_is_rejected_before_decoding():
    side = int(MAX_PIXELS ** 0.5) + 10
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # tiny file, huge canvas
    with pytest.raises(RejectedImage) as raised:
        strip_metadata(out.getvalue())
    assert raised.value.reason == "size"


def test_blob_round_trip_and_tamper(tmp_path):
    blob_id = "0b1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"
    key = secrets.token_bytes(32)
    plaintext = b"GPSCANARY" + secrets.token_bytes(200_000)
    assert write_blob(tmp_path, blob_id, [plaintext[:1000], plaintext[1000:]], key, b"a") \
        == len(plaintext)
    path = blob_path(tmp_path, blob_id)
    assert GPS_CANARY not in path.read_bytes()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert not list(tmp_path.rglob("*.partial"))
    assert b"".join(read_blob(tmp_path, blob_id, key, b"a")) == plaintext
    with pytest.raises(CryptoError):
        b"".join(read_blob(tmp_path, blob_id, key, b"other"))
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(CryptoError):
        b"".join(read_blob(tmp_path, blob_id, key, b"a"))


def test_blob_ids_must_be_uuids(tmp_path):
    with pytest.raises(ValueError):
        blob_path(tmp_path, "../../etc/passwd")
