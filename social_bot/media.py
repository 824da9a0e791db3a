"""The media pipeline at create and edit: decode, orient, strip, store by hash.

A photo carries more than its pixels: EXIF GPS coordinates (a patient's home), camera
serial numbers, the owner's name, dates, XMP and IPTC blocks, comments, an embedded
thumbnail (which may show the uncropped original). Every image is therefore decoded with
Pillow (what does not decode is refused, and so are symlinks and anything but a regular
file), turned upright per its EXIF orientation, and re-encoded from its pixels alone. The
cleaned bytes are stored 0600 under their SHA-256; that hash is what approvals bind and
what the publisher re-checks before upload (social_bot/publish_gate.py).
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from social_bot.errors import UserError
from social_bot.filesafety import (
    NotRegularFile,
    make_data_folder,
    make_private_file,
    make_private_open_file,
    open_checked,
    open_regular,
    shared_group,
)

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 12-MP phone photo is 12M; beyond this is a decompression bomb
JPEG_QUALITY = 92
# Formats accepted and what they are stored as: photos as JPEG, graphics as PNG.
ACCEPTED = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "jpeg", "GIF": "png"}

# EXIF tags by what they reveal (ids from the EXIF 2.32 / TIFF 6 specifications).
_DATES = {0x0132, 0x9003, 0x9004}  # DateTime, DateTimeOriginal, DateTimeDigitized
_SERIALS = {0xA431, 0xA435}  # BodySerialNumber, LensSerialNumber
_OWNER = {0x013B, 0x8298, 0xA430}  # Artist, Copyright, CameraOwnerName
_CAMERA = {0x010F, 0x0110, 0xA434}  # Make, Model, LensModel
_TEXT = {0x010E, 0x9286}  # ImageDescription, UserComment
_DEVICE_ID = {0xA420}  # ImageUniqueID
_LAYOUT = {0x0112, 0x011A, 0x011B, 0x0128, 0x0213, 0x8769, 0x8825, 0xA000, 0xA001,
           0xA002, 0xA003, 0x9000, 0x9101, 0x0100, 0x0101}


@dataclass(frozen=True)
class CleanImage:
    path: Path
    sha256: str
    type: str
    width: int
    height: int
    size: int
    removed: tuple[str, ...]
    image: Any  # the upright PIL image, pixels only, for the OCR and face screen
    fresh: bool = False  # this call wrote the file (a refused post removes it again)

    def meta(self) -> dict[str, Any]:
        return {"type": self.type, "width": self.width, "height": self.height,
                "size": self.size, "removed": list(self.removed)}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def inventory(image: Any) -> list[str]:
    """What metadata this decoded image carries, in words a practice manager reads."""
    from PIL import ExifTags

    found: list[str] = []
    exif = image.getexif()
    base = dict(exif)
    sub = dict(exif.get_ifd(ExifTags.IFD.Exif)) if exif else {}
    gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) if exif else {}
    tags = {**base, **sub}
    if any(k in gps for k in (1, 2, 3, 4)):
        found.append("GPS position")
    elif gps:
        found.append("GPS data")
    if any(k in tags for k in _SERIALS):
        found.append("camera serial")
    if any(k in tags for k in _OWNER):
        found.append("owner/artist name")
    if any(k in tags for k in _CAMERA):
        found.append("camera make and model")
    if any(k in tags for k in _DEVICE_ID):
        found.append("image unique id")
    if any(k in tags for k in _TEXT):
        found.append("description/comment")
    dates = sum(1 for k in _DATES if k in tags) + (1 if 0x001D in gps else 0)
    if dates:
        found.append(_plural(dates, "date"))
    if 0x927C in tags:
        found.append("maker notes")
    if exif and exif.get_ifd(ExifTags.IFD.IFD1):
        found.append("embedded thumbnail")
    if 0x0112 in base and base[0x0112] in range(2, 9):  # what exif_transpose applies
        found.append("orientation tag (applied to the pixels)")
    elif 0x0112 in base and base[0x0112] != 1:
        found.append("orientation tag (invalid, ignored)")
    named = _DATES | _SERIALS | _OWNER | _CAMERA | _TEXT | _DEVICE_ID | _LAYOUT | {0x927C}
    others = [k for k in tags if k not in named]
    if others:
        found.append(_plural(len(others), "other EXIF field"))
    if image.info.get("exif") and not found:
        # a block Pillow could not read (a looping or truncated IFD) is still removed
        found.append("unreadable EXIF block")
    info = image.info
    applist = [data for _marker, data in getattr(image, "applist", [])]
    if "xmp" in info or "XML:com.adobe.xmp" in info or any(
            d.startswith(b"http://ns.adobe.com/xap/1.0/") for d in applist):
        found.append("XMP")
    if "photoshop" in info or any(d.startswith(b"Photoshop 3.0") for d in applist):
        found.append("IPTC/Photoshop block")
    if info.get("comment"):
        found.append("comment")
    if "icc_profile" in info:
        found.append("ICC colour profile")
    text_chunks = [k for k, v in info.items() if isinstance(v, str)
                   and k not in ("XML:com.adobe.xmp",)]
    if getattr(image, "text", None) or text_chunks:
        found.append("text chunks")
    return found


def _read_regular(value: str) -> bytes:
    path = Path(value).expanduser()
    try:
        meta = os.lstat(path)
    except FileNotFoundError:
        raise UserError(f"media file not found: {value}") from None
    except OSError as exc:
        raise UserError(f"cannot read media file {value}: {exc.strerror}") from None
    if stat.S_ISLNK(meta.st_mode):
        raise UserError(f"media file {value} is a symbolic link: give the file itself")
    if not stat.S_ISREG(meta.st_mode):
        raise UserError(f"media file {value} is not a regular file")
    if meta.st_size > MAX_INPUT_BYTES:
        raise UserError(f"media file {value} is larger than {MAX_INPUT_BYTES >> 20} MB")
    try:
        # open_regular: without blocking, so a pipe swapped in after the lstat above is
        # refused at once, not waited on (it held `post create` before session 54)
        fd = open_regular(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            return fh.read(MAX_INPUT_BYTES + 1)
    except NotRegularFile:
        raise UserError(f"media file {value} is not a regular file") from None
    except OSError as exc:
        raise UserError(f"cannot read media file {value}: {exc.strerror}") from None


def decode(data: bytes, name: str) -> Any:
    """A fully decoded PIL image, or UserError: a file is an image only if Pillow can
    decode all of it (an extension proves nothing)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a corrupt EXIF block: see inventory
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED:
                raise UserError(f"media file {name} is {image.format or 'an unknown format'}: "
                                "attach a JPEG, PNG, WebP or GIF image")
            if image.width * image.height > MAX_PIXELS:
                raise UserError(f"media file {name} has more than {MAX_PIXELS:,} pixels")
            if getattr(image, "n_frames", 1) > 1 and image.format != "MPO":
                raise UserError(f"media file {name} is animated: attach a still image")
            image.load()
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything Pillow cannot decode is refused
        raise UserError(f"media file {name} does not decode as an image "
                        f"({type(exc).__name__})") from None
    return image


def _has_alpha(image: Any) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info)


def _flattened(image: Any) -> tuple[Any, str]:
    """An image with transparency laid on an opaque background, and which one.

    A transparent pixel shows whatever the feed puts behind it: black text on transparent
    reads on a white page, white text on a dark-mode one, so the screen, which sees one
    background, and a reader, who sees another, disagree (an outside review, session 43:
    a chart in an alpha channel was published unread). Laid on one background, the file
    published is the one screened, on every theme. The background is the one the picture's
    own visible pixels contrast with (white under dark content, black under light), so a
    white logo stays visible; what would not show on it is not in the published file either.
    """
    import numpy as np
    from PIL import Image

    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    weight = np.asarray(alpha, dtype=np.float64)
    grey = np.asarray(rgba.convert("L"), dtype=np.float64)
    total = float(weight.sum())
    light = total > 0 and float((grey * weight).sum()) / total > 127.5
    background = "black" if light else "white"
    flat = Image.new("RGB", rgba.size, background)
    flat.paste(rgba.convert("RGB"), mask=alpha)
    return flat, background


def _pixels_only(image: Any) -> tuple[Any, str, str | None]:
    """The upright image rebuilt from its pixels (no info, no EXIF, no profile), its
    stored type, and the background any transparency was laid on (None without any)."""
    from PIL import Image, ImageOps

    upright = ImageOps.exif_transpose(image) or image
    kind = ACCEPTED[image.format]
    background = None
    if _has_alpha(upright):
        # graphics with transparency stay lossless (PNG), flattened: see _flattened
        (upright, background), kind = _flattened(upright), "png"
    mode = "L" if upright.mode == "L" else "RGB"
    converted = upright.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes()), kind, background


def encode(image: Any, kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "jpeg":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def _store(data: bytes, digest: str, kind: str, media_dir: Path) -> tuple[Path, bool]:
    """The stored file, and whether this call wrote it (False: the same bytes were there)."""
    # In a data directory staff share (group-writable), media/ is 2770 and each image 0660
    # in its group: the daemon, another account, read none a staff login attached, and
    # each staff command set media/ back to 0700 (session 52's attack review, finding 4)
    group = shared_group(media_dir.parent)
    make_data_folder(media_dir, group)
    target = media_dir / f"{digest}.{'jpg' if kind == 'jpeg' else 'png'}"
    if target.exists() and not target.is_symlink():
        # Reused: touched, so a purge running while this post is screened sees it as in
        # use for retention.MEDIA_GRACE (its row commits only after the screen), and the
        # orphan sweep's grace starts over.
        try:
            os.utime(target)
            make_private_file(target, group)  # one an earlier version made 0600
            return target, False
        except FileNotFoundError:
            pass  # a purge deleted it just now: written again below
    temp = media_dir / f".{digest}.{os.getpid()}.tmp"
    fd = open_checked(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                 0o600)
    make_private_open_file(fd, temp, group)  # 0600, or 0660 in the group
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(temp, target)
    return target, True


def clean_image(value: str, media_dir: Path) -> CleanImage:
    """Decode, orient, strip and store one image a person attached. The image returned for
    the screen is the stored one, pixel for pixel."""
    raw = _read_regular(value)
    if len(raw) > MAX_INPUT_BYTES:
        raise UserError(f"media file {value} is larger than {MAX_INPUT_BYTES >> 20} MB")
    original = decode(raw, value)
    with warnings.catch_warnings():
        # Pillow warns on stderr about a corrupt EXIF block; the block is removed anyway
        # and "removed" says so ("unreadable EXIF block").
        warnings.simplefilter("ignore", UserWarning)
        removed = inventory(original)
        pixels, kind, background = _pixels_only(original)
    if background:
        removed.append(f"transparency (laid on {background})")
    data = encode(pixels, kind)
    digest = hashlib.sha256(data).hexdigest()
    path, fresh = _store(data, digest, kind, media_dir)
    return CleanImage(path, digest, kind, pixels.width, pixels.height, len(data),
                      tuple(removed), pixels.convert("RGB"), fresh)


def load_stored(ref: Mapping[str, Any]) -> CleanImage:
    """An image already cleaned and stored (an edit that keeps it): re-read and re-hashed,
    so a file changed on disk is caught here too."""
    path = Path(ref["path"])
    data = _read_regular(str(path))
    digest = hashlib.sha256(data).hexdigest()
    if digest != ref["sha256"]:
        raise UserError(f"stored image {path.name} changed on disk since it was attached; "
                        "attach the image again with `post edit ID --media FILE` (or drop the "
                        "images with --no-media)")
    image = decode(data, path.name)
    if _has_alpha(image):
        # Stored before transparency was flattened (session 43): its text depends on the
        # feed's background, so it cannot be screened as one picture.
        raise UserError(f"stored image {path.name} has transparency, which this version "
                        "lays on a background before screening; attach the image again "
                        "with `post edit ID --media FILE` (or drop the images with --no-media)")
    kind = ref.get("type") or ACCEPTED[image.format]
    return CleanImage(path, digest, kind, image.width, image.height, len(data),
                      tuple(ref.get("removed") or ()), image.convert("RGB"))


def metadata_left(data: bytes) -> list[str]:
    """What metadata these bytes still carry (empty for a cleaned image; tests and the
    benchmark read published bytes back with this). The JFIF header is layout, not data."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    left = [m for m in inventory(image) if m != "orientation tag (applied to the pixels)"]
    if image.getexif():
        left.append("EXIF block")
    extra = set(image.info) - {"jfif", "jfif_version", "jfif_density", "jfif_unit", "dpi",
                               "progressive", "progression", "adobe", "adobe_transform"}
    left += sorted(f"info:{k}" for k in extra)
    return sorted(set(left))
