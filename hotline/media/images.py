"""Strip every piece of metadata from an image by re-encoding its pixels.

Photos carry EXIF (GPS position, time, phone model and serial), XMP, IPTC,
ICC profiles, comments and thumbnails that can themselves carry EXIF.
Deleting known tags misses what we do not know about, so instead only the
pixels are kept: they are copied into a brand-new image (``frombytes``: no
``info``, no EXIF, no ICC profile, no comment) and encoded afresh. The EXIF
orientation is applied to the pixels first, so the picture still looks the
right way up without it.

Accepted: JPEG, PNG, GIF and WebP, detected from the bytes, not from the
declared content type. JPEG and WebP photos come out as JPEG; PNG and GIF
(screenshots, drawings) as PNG; an animated GIF or WebP keeps its first frame
only. Anything else (video, audio, vCards, PDFs) is rejected rather than
stored as-is: we cannot promise it carries no metadata.

Everything happens in memory; nothing unstripped is ever written to disk.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS: Final = ("JPEG", "PNG", "GIF", "WEBP")
# An MMS photo is small; a bigger canvas is a decompression bomb or a
# resource drain (25 MP is 75 MB of RGB in memory).
MAX_PIXELS: Final = 25_000_000
JPEG_QUALITY: Final = 88

# Pillow logs every EXIF tag it reads, values included (GPS position, camera
# serial), at DEBUG. However verbose the service's logging, never that.
logging.getLogger("PIL").setLevel(logging.WARNING)


class RejectedImage(ValueError):
    """Not an image we accept. ``reason`` is one of ``type``, ``size``,
    ``corrupt``: safe to audit (it says nothing about the content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    width: int
    height: int


def strip_metadata(data: bytes) -> CleanImage:
    """Re-encode ``data`` with its pixels only; raises RejectedImage."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS)) as image:
                source_format = image.format or ""
                if image.width * image.height > MAX_PIXELS:
                    raise RejectedImage("size")
                image.seek(0)
                pixels = _normalised_pixels(image)
    except RejectedImage:
        raise
    except UnidentifiedImageError:
        raise RejectedImage("type") from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, EOFError):
        raise RejectedImage("corrupt") from None
    photo = source_format in ("JPEG", "WEBP") and pixels.mode in ("RGB", "L")
    clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if photo:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = "image/jpeg"
    else:
        clean.save(out, format="PNG", optimize=True)
        content_type = "image/png"
    return CleanImage(out.getvalue(), content_type, clean.width, clean.height)


def _normalised_pixels(image: Image.Image) -> Image.Image:
    """Upright pixels in a mode both encoders take (L, RGB or RGBA)."""
    upright = ImageOps.exif_transpose(image) or image
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    if upright.mode == "L" and not has_alpha:
        return upright.copy()
    return upright.convert("RGBA" if has_alpha else "RGB")
