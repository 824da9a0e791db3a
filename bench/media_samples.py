"""A labelled image set generated here, for bench/media_eval.py and tests/test_media.py.

- Rendered text images drawn with Pillow: wristbands, whiteboards, name tags, message
  screenshots, in several fonts, sizes, rotations, blur and JPEG qualities, each labelled
  with the identifiers it shows; and signs with no identifier (false-block check).
- Photos with and without EXIF (GPS, camera serial, owner, dates), XMP, IPTC and comments.
- Faces from images that ship inside scikit-image (`skimage.data`):
  * astronaut.png — Eileen Collins, NASA; public domain ("no known copyright restrictions").
  * lfw_subset.npy — 100 face crops and 100 non-face crops (25x25) from Labeled Faces in
    the Wild (Huang et al.); LFW states no licence, it is distributed for research, so it
    is used here only to measure, never shipped or trained on.
  * camera, coffee, chelsea (a cat), rocket, coins, brick, grass, page: CC0 or public domain
    per skimage.data's docstrings; the ones without a person are the false-detection set.
All names below are invented for this file.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/noto")
GIVEN = ["Maria", "Tom", "Aisha", "Wei", "Jorge", "Priscilla", "Darnell", "Ingrid", "Kofi",
         "Leila", "Hiro", "Beatriz"]
FAMILY = ["Ramirez", "Baker", "Okonkwo", "Lindqvist", "Chen", "Delacroix", "Haddad",
          "Petrov", "Nakamura", "Fitzgerald", "Oduya", "Marchetti"]
PARTS = ["hip", "knee", "shoulder", "wrist", "spine", "ankle"]


def fonts() -> list[Any]:
    """TrueType fonts found on this machine (DejaVu etc.), plus Pillow's own bundled font."""
    from PIL import ImageFont

    found = []
    for folder in FONT_DIRS:
        for path in sorted(Path(folder).glob("*.ttf")):
            if any(w in path.name for w in ("Sans.ttf", "Serif.ttf", "Mono.ttf", "Bold.ttf",
                                            "Regular.ttf")):
                found.append(str(path))
    makers = [lambda size, p=p: ImageFont.truetype(p, size) for p in found[:5]]
    makers.append(lambda size: ImageFont.load_default(size=size))
    return makers


@dataclass(frozen=True)
class TextSample:
    kind: str
    data: bytes
    identifiers: tuple[str, ...]  # what the screen must find (empty: a clean sign)
    lines: tuple[str, ...]


def _render(lines: list[str], font: Any, size: int, *, canvas: tuple[int, int],
            background: tuple[int, int, int], ink: tuple[int, int, int], rotation: float,
            blur: float, quality: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("RGB", canvas, background)
    draw = ImageDraw.Draw(image)
    y = canvas[1] // 8
    for line in lines:
        draw.text((canvas[0] // 14, y), line, fill=ink, font=font(size))
        y += int(size * 1.6)
    if rotation:
        image = image.rotate(rotation, expand=True, fillcolor=background)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def text_samples(count: int = 32, seed: int = 16) -> list[TextSample]:
    """Wristbands, whiteboards, name tags and screenshots, cycling kinds and renderings."""
    rng = random.Random(seed)
    makers = fonts()
    out = []
    for i in range(count):
        given, family = _person(rng)
        kind = ("wristband", "whiteboard", "name_tag", "screenshot")[i % 4]
        dob = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(1940, 2015)}"
        mrn = str(rng.randint(10_000_000, 99_999_999))
        if kind == "wristband":
            lines = [f"{family.upper()}, {given.upper()}", f"DOB {dob}   MRN {mrn}"]
            ids = (family, dob, mrn)
            canvas, bg, ink = (1400, 360), (250, 250, 255), (10, 10, 10)
        elif kind == "whiteboard":
            room = rng.randint(1, 30)
            other_given, other_family = _person(rng)
            lines = [f"Rm {room} \u2013 {given[0]}. {family} \u2013 {rng.choice(PARTS)}",
                     f"Rm {room + 1} \u2013 {other_given[0]}. {other_family} \u2013 "
                     f"{rng.choice(PARTS)}"]
            ids = (family, other_family)
            canvas, bg, ink = (1600, 900), (240, 240, 235), (20, 30, 140)
        elif kind == "name_tag":
            lines = ["PATIENT", f"Name: {given} {family}", f"DOB: {dob}"]
            ids = (family, dob)
            canvas, bg, ink = (1000, 700), (255, 255, 255), (0, 0, 0)
        else:
            lines = [f"From: {given} {family}",
                     f"My appointment on {dob} for my {rng.choice(PARTS)}",
                     f"call me at (253) 555-0{rng.randint(100, 199)}"]
            ids = (family, dob, lines[2].split("at ")[1])
            canvas, bg, ink = (1200, 800), (236, 242, 250), (30, 30, 30)
        data = _render(lines, makers[i % len(makers)], rng.choice((34, 44, 56, 72)),
                       canvas=canvas, background=bg, ink=ink,
                       rotation=rng.choice((0, 0, -8, 5, 12)),
                       blur=rng.choice((0, 0, 0.8, 1.5)), quality=rng.choice((95, 75, 45)))
        out.append(TextSample(kind, data, ids, tuple(lines)))
    return out


CLEAN_SIGNS = [
    ["Flu shots this Saturday", "Walk-ins welcome, 9 to noon"],
    ["Please wash your hands", "Thank you for keeping our clinic safe"],
    ["Welcome to Northside Family Medicine"],
    ["New MRI suite now open", "Quieter, faster, brighter"],
    ["Wear a mask if you have a cough", "Ask at the front desk"],
    ["Staff parking only", "Visitors please use Lot B"],
    ["Healthy Heart Month", "Free blood pressure checks"],
    ["Pharmacy hours", "Monday to Friday, 8 to 6"],
]


def clean_signs(seed: int = 7) -> list[TextSample]:
    rng = random.Random(seed)
    makers = fonts()
    return [TextSample("sign", _render(lines, makers[i % len(makers)], rng.choice((44, 60)),
                                       canvas=(1400, 700), background=(255, 250, 240),
                                       ink=(30, 60, 30), rotation=rng.choice((0, -5, 6)),
                                       blur=0, quality=85), (), tuple(lines))
            for i, lines in enumerate(CLEAN_SIGNS)]


def photo_with_metadata(image: Any, *, gps: bool = True, extras: bool = True) -> bytes:
    """A JPEG of ``image`` carrying what phone photos carry: EXIF (GPS, serial, owner,
    dates, orientation), XMP, an IPTC block and a comment."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "PhoneMaker", "Model 12"
    exif[0x0132] = "2026:11:30 10:02:03"
    exif[0x013B] = "Pat Owner"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[0x9003] = "2026:11:30 10:02:03"
    sub[0xA431] = "SN-0042-7781"
    if gps:
        where = exif.get_ifd(ExifTags.IFD.GPSInfo)
        where[1], where[2] = "N", (47.0, 14.0, 52.2)
        where[3], where[4] = "W", (122.0, 26.0, 3.9)
    buffer = io.BytesIO()
    options: dict[str, Any] = {"exif": exif, "quality": 90}
    if extras:
        options["comment"] = b"taken in exam room 3"
        options["xmp"] = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Pat Owner'
                          b"</dc:creator></x:xmpmeta>")
    image.convert("RGB").save(buffer, "JPEG", **options)
    data = buffer.getvalue()
    if extras:  # an IPTC (Photoshop APP13) block right after SOI, as photo tools write it
        iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x07Pat Own"
        segment = b"\xff\xed" + (len(iptc) + 2).to_bytes(2, "big") + iptc
        data = data[:2] + segment + data[2:]
    return data


def astronaut() -> Any:
    from PIL import Image
    from skimage import data

    return Image.fromarray(data.astronaut())


def group_photo(faces: int, width: int = 1600, seed: int = 3) -> Any:
    """``faces`` copies of the astronaut's portrait side by side, varied in size and light
    (a "staff at the health fair" photo)."""
    from PIL import Image, ImageEnhance

    rng = random.Random(seed)
    portrait = astronaut().crop((100, 0, 330, 260))
    cell = width // max(1, faces)
    canvas = Image.new("RGB", (width, int(cell * 1.3) + 40), (200, 210, 220))
    for i in range(faces):
        scale = rng.uniform(0.75, 1.0) * cell / portrait.width
        face = portrait.resize((int(portrait.width * scale), int(portrait.height * scale)))
        face = ImageEnhance.Brightness(face).enhance(rng.uniform(0.8, 1.2))
        if i % 2:
            face = face.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        canvas.paste(face, (i * cell + (cell - face.width) // 2, 20))
    return canvas


def no_people() -> list[tuple[str, Any]]:
    """Photos without a person (CC0 / public domain, from skimage.data)."""
    from PIL import Image
    from skimage import data

    out = []
    # Only files bundled in the wheel (others would be downloaded: never at run time).
    for name in ("coffee", "chelsea", "rocket", "coins", "brick", "grass", "gravel", "page",
                 "text", "hubble_deep_field", "horse", "logo", "moon", "cell", "color"):
        loader = getattr(data, name, None)
        if loader is not None:
            out.append((name, Image.fromarray(loader()).convert("RGB")))
    return out


def lfw(face: bool) -> list[Any]:
    """LFW crops (25x25), each set in a neutral frame at a size a group photo would have."""
    from PIL import Image
    from skimage import data

    crops = data.lfw_subset()
    chosen = crops[:100] if face else crops[100:]
    out = []
    for crop in chosen:
        tile = Image.fromarray(crop).convert("RGB").resize((110, 110))
        frame = Image.new("RGB", (180, 180), (128, 128, 128))
        frame.paste(tile, (35, 35))
        out.append(frame)
    return out
