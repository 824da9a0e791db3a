"""The demo's photo post: a phone photo of a ward whiteboard, with a clean caption.

It shows the media pipeline end to end: the photo's EXIF (GPS position, camera serial,
dates) is stripped before anything else sees it, the text in the picture is read and
screened, and the post is blocked with a finding that names the image and the region.
The photo is drawn here with Pillow (its bundled font), so the demo needs no sample file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

CAPTION = "A busy, happy morning on our orthopedic ward!"
BOARD = ("Rm 4 \u2013 J. Ramirez \u2013 hip", "Rm 5 \u2013 (empty)", "Huddle 7:30")


def whiteboard_photo() -> bytes:
    """A JPEG of a whiteboard, carrying what a phone photo carries (GPS, serial, dates)."""
    from PIL import ExifTags, Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1600, 1000), (238, 238, 232))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=72)
    for row, line in enumerate(BOARD):
        draw.text((90, 160 + row * 150), line, fill=(25, 35, 140), font=font)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0132] = "PhoneMaker", "Model 12", "2026:11:30 07:41:09"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[0xA431], sub[0x9003] = "SN-0042-7781", "2026:11:30 07:41:09"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2], gps[3], gps[4] = "N", (47.0, 14.0, 52.2), "W", (122.0, 26.0, 3.9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def photo_post(console: Console, app: Any, staff: Any, folder: Path) -> int:
    """Queue the photo post; show what was removed from the photo and what was found."""
    from social_bot.cli.common import render_findings, render_media
    from social_bot.posts import create_post, prepare_draft

    path = folder / "whiteboard.jpg"
    path.write_bytes(whiteboard_photo())
    console.print(f"  a photo post: \"{escape(CAPTION)}\" + {path.name} (a phone photo of the "
                  "ward whiteboard)")
    draft = prepare_draft(app, CAPTION, ["facebook"], media=[str(path)],
                          alts=["Our ward whiteboard"])
    post_id = create_post(app, staff, draft)
    state = "[red]BLOCKED[/]" if draft.blocked else "[green]queued for approval[/]"
    console.print(f"  post {post_id}: {state} (the caption is clean; the picture is not)")
    render_media(console, [m.stored() for m in draft.content.media])
    render_findings(console, draft.findings)
    return post_id
