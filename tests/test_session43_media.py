"""An outside review of the images (session 43): text in a transparent image or turned on
its side, small print in a phone photo, alt text the approvers never saw and the publisher
never re-screened, a refused post's image left on disk, LinkedIn's pixel limit, and Pillow's
warnings on a broken EXIF block. Every image is drawn here, with words written for it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from test_daemon_helpers import AUTHOR, DANA, LUIS

from adapters import build_adapter
from adapters.base import Draft
from adapters.linkedin import MAX_IMAGE_PIXELS, LinkedInAdapter
from social_bot.app import _platform_validator
from social_bot.approvals import approve
from social_bot.chat.render import SLACK, post_card, post_summary
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.dismissals import dismiss
from social_bot.errors import UserError
from social_bot.media import clean_image, load_stored
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.retention import MEDIA_GRACE, sweep_orphan_media
from social_bot.review_card import media_line
from social_bot.sandbox import sandbox_env

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)
# OCR is slow on a shared machine: the flows run on SQLite only (test_media.py does the same)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CHART = ("Patient: Dolores Whitfield", "DOB 07/22/1958", "Dx: type 2 diabetes")


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _chart(size: tuple[int, int] = (1400, 700), font: int = 64, at: tuple[int, int] = (80, 150),
           ink: str = "black", paper: str | None = "white") -> Image.Image:
    """The chart's three lines; ``paper=None`` draws them on a transparent sheet."""
    image = Image.new("RGBA" if paper is None else "RGB", size,
                      (0, 0, 0, 0) if paper is None else paper)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(CHART):
        draw.text((at[0], at[1] + int(i * font * 1.4)), line, fill=ink, font=_font(font))
    return image


def _in_alpha(rgb: tuple[int, int, int]) -> Image.Image:
    """Text drawn only in the alpha channel, every pixel's colour ``rgb``: black text on a
    white page, white text on a dark-mode one, and nothing on a plain RGB conversion."""
    mask = Image.new("L", (1400, 700), 0)
    draw = ImageDraw.Draw(mask)
    for i, line in enumerate(CHART):
        draw.text((80, 150 + i * 90), line, fill=255, font=_font(64))
    image = Image.new("RGBA", mask.size, (*rgb, 0))
    image.putalpha(mask)
    return image


def _saved(image: Image.Image, path: Path, **options: object) -> Path:
    image.save(path, **options)
    return path


def _blocking_image_findings(findings: list) -> list:  # noqa: ANN001
    return [f for f in findings if f.severity == "block" and f.source == "image:1"]


# --- 1. transparency: one image, screened and published ----------------------------------


def _transparent_files(tmp_path: Path) -> dict[str, Path]:
    gif = _chart(paper="white").convert("P")  # index of white made transparent below
    white = gif.getpixel((5, 5))
    return {
        "black text in alpha (PNG)": _saved(_in_alpha((0, 0, 0)), tmp_path / "a.png"),
        "white text in alpha (PNG)": _saved(_in_alpha((255, 255, 255)), tmp_path / "w.png"),
        "black text in alpha (WebP)": _saved(_in_alpha((0, 0, 0)), tmp_path / "a.webp",
                                             lossless=True),
        "GIF with a transparent background": _saved(gif, tmp_path / "t.gif",
                                                    transparency=white),
    }


@sqlite_only
@pytest.mark.parametrize("kind", ["black text in alpha (PNG)", "white text in alpha (PNG)",
                                  "black text in alpha (WebP)",
                                  "GIF with a transparent background"])
def test_text_in_a_transparent_image_is_screened_in_the_file_published(
        make_app, tmp_path: Path, kind: str) -> None:  # noqa: ANN001
    app = make_app()
    source = _transparent_files(tmp_path)[kind]
    cleaned = clean_image(str(source), tmp_path / "media")
    published = Image.open(cleaned.path)
    # no alpha left for a feed's background to decide what shows, and the pixels the OCR
    # and the face finder saw are exactly the published ones
    assert published.mode == "RGB"
    assert np.array_equal(np.asarray(published), np.asarray(cleaned.image))
    assert any(r.startswith("transparency (laid on ") for r in cleaned.removed)
    draft = prepare_draft(app, "Our new wayfinding sign is up!", ["facebook"],
                          media=[str(source)], alts=["The new sign"])
    found = _blocking_image_findings(draft.findings)
    assert draft.blocked and any("Whitfield" in f.text for f in found), kind


def test_the_background_is_the_one_the_content_shows_on(tmp_path: Path) -> None:
    dark = clean_image(str(_saved(_in_alpha((0, 0, 0)), tmp_path / "d.png")),
                       tmp_path / "media")
    light = clean_image(str(_saved(_in_alpha((255, 255, 255)), tmp_path / "l.png")),
                        tmp_path / "media")
    assert "transparency (laid on white)" in dark.removed
    assert "transparency (laid on black)" in light.removed
    assert dark.image.getpixel((5, 5)) == (255, 255, 255)
    assert light.image.getpixel((5, 5)) == (0, 0, 0)


def test_a_stored_image_with_transparency_is_not_screened_again_as_it_is(tmp_path: Path
                                                                        ) -> None:
    """Stored before this fix (RGBA kept), an edit that keeps it is refused, one line."""
    media = tmp_path / "media"
    media.mkdir()
    data = io.BytesIO()
    _in_alpha((0, 0, 0)).save(data, "PNG")
    digest = hashlib.sha256(data.getvalue()).hexdigest()
    (media / f"{digest}.png").write_bytes(data.getvalue())
    with pytest.raises(UserError, match="has transparency.*attach the image again"):
        load_stored({"path": str(media / f"{digest}.png"), "sha256": digest, "type": "png"})


# --- 2 and 3. text on its side, upside down, and small in a 12-MP photo ------------------


@sqlite_only
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_chart_photographed_turned_is_read(make_app, tmp_path: Path, turn: int  # noqa: ANN001
                                             ) -> None:
    app = make_app()
    path = _saved(_chart().rotate(turn, expand=True), tmp_path / f"turned{turn}.png")
    draft = prepare_draft(app, "A quiet afternoon at the front desk.", ["facebook"],
                          media=[str(path)], alts=["Our desk"])
    found = _blocking_image_findings(draft.findings)
    assert any("Whitfield" in f.text for f in found), [f.text for f in draft.findings]


@sqlite_only
def test_small_print_in_a_12_megapixel_photo_is_read(make_app, tmp_path: Path  # noqa: ANN001
                                                     ) -> None:
    app = make_app()
    photo = _chart(size=(4000, 3000), font=24, at=(2600, 2500), ink="navy",
                   paper="lightgrey")
    path = tmp_path / "phone.jpg"
    photo.save(path, "JPEG", quality=90)
    draft = prepare_draft(app, "Fresh paint in exam room 2.", ["facebook"],
                          media=[str(path)], alts=["Exam room 2"])
    found = _blocking_image_findings(draft.findings)
    assert any("Whitfield" in f.text for f in found), [f.text for f in draft.findings]


# --- 4. alt text on the card, and re-screened at publishing time --------------------------


def _plain_sign(tmp_path: Path) -> Path:
    return _saved(Image.new("RGB", (400, 200), "lightblue"), tmp_path / "sign.png")


@sqlite_only
def test_the_approval_card_shows_each_alt_text(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Spring hours start Monday.", ["facebook"], media=[str(_plain_sign(tmp_path))],
        alts=["A blue card with our spring opening hours"]))
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    card = json.dumps(post_card(detail, 2))
    assert "Alt text of image 1: A blue card with our spring opening hours" in card
    summary = post_summary(detail, 2, SLACK)  # what /socialbot show sends
    assert "Alt text of image 1: A blue card with our spring opening hours" in summary


def test_the_card_escapes_alt_text_and_says_what_was_removed() -> None:
    from social_bot.review_card import review_lines

    media = [{"type": "jpeg", "width": 10, "height": 10, "size": 2000,
              "alt": "Lobby <@channel>", "removed": ["GPS position", "2 dates"]}]
    lines = review_lines({"id": 1, "media": media}, escape=lambda s: s.replace("<", "&lt;"))
    assert "Alt text of image 1: Lobby &lt;@channel>" in lines
    assert media_line(media) == ("Media: 1 image(s): JPEG 10x10, 2 kB (removed: GPS position, "
                                 "2 dates)")


def _switchable_screen() -> tuple[SimpleNamespace, object]:
    """A stand-in screen that flags "Rosalind Achterberg" once the switch is on: a policy
    that learned of a patient after the post was approved."""
    switch = SimpleNamespace(on=False)

    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        out = []
        for body in texts:
            at = body.find("Rosalind Achterberg")
            out.append([SimpleNamespace(
                category="name", start=at, end=at + 19, text="Rosalind Achterberg",
                severity="block", score=0.9, rule="test", reason="a patient's name",
                redaction="[name]")] if switch.on and at >= 0 else [])
        return out

    return switch, screen


@sqlite_only
def test_alt_text_is_screened_again_at_publishing_time(make_app, sandbox,  # noqa: ANN001
                                                       tmp_path: Path) -> None:
    switch, screen = _switchable_screen()
    app = make_app(screener=screen)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Thank you for the flowers!", ["facebook"], media=[str(_plain_sign(tmp_path))],
        alts=["Flowers from Rosalind Achterberg on the desk"]))
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    switch.on = True
    adapters = {"facebook": build_adapter("facebook", sandbox_env(sandbox.url))}
    Publisher(app, adapters.__getitem__, "w1", CONFIG).run_lane("facebook")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert sandbox.state.uploads == {}
    assert [(f["source"], f["text"]) for f in detail["findings"]] == [
        ("alt:1", "Rosalind Achterberg")]


@sqlite_only
def test_an_alt_text_finding_dismissed_before_the_votes_stays_cleared(  # noqa: ANN201
        make_app, sandbox, tmp_path: Path):  # noqa: ANN001
    switch, screen = _switchable_screen()
    switch.on = True
    app = make_app(screener=screen)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our new practice manager!", ["facebook"], media=[str(_plain_sign(tmp_path))],
        alts=["Rosalind Achterberg at her desk"]))
    [finding] = show_post(app, post_id)["findings"]
    assert finding["source"] == "alt:1"
    dismiss(app, AUTHOR, post_id, finding["ref"], "staff", note="Rosalind Achterberg")
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    adapters = {"facebook": build_adapter("facebook", sandbox_env(sandbox.url))}
    Publisher(app, adapters.__getitem__, "w1", CONFIG).run_lane("facebook")
    assert show_post(app, post_id)["status"] == "published"
    assert [u.get("alt") for u in sandbox.state.uploads.values()] == [
        "Rosalind Achterberg at her desk"]


# --- 5. a refused create leaves no image behind -------------------------------------------


def _media_files(app) -> list[str]:  # noqa: ANN001
    return sorted(p.name for p in app.media_dir.glob("*")) if app.media_dir.exists() else []


def test_a_post_refused_by_a_platform_rule_leaves_no_image_file(make_app, tmp_path: Path  # noqa: ANN001
                                                                 ) -> None:
    app = make_app(validator=lambda platform, text, media: [f"{platform}: too long"])
    with pytest.raises(UserError, match="too long"):
        prepare_draft(app, "Welcome to our new nurse!", ["x"],
                      media=[str(_plain_sign(tmp_path))], alts=["A sign"])
    assert _media_files(app) == []


def test_a_refused_second_image_takes_the_first_one_with_it(make_app, tmp_path: Path  # noqa: ANN001
                                                            ) -> None:
    app = make_app()
    second = tmp_path / "notes.png"
    second.write_text("these are typed notes, not a picture")
    with pytest.raises(UserError, match="does not decode"):
        prepare_draft(app, "Two pictures from the fair", ["x"],
                      media=[str(_plain_sign(tmp_path)), str(second)])
    assert _media_files(app) == []


@sqlite_only
def test_a_refusal_keeps_an_image_another_post_uses(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    app = make_app()
    sign = str(_plain_sign(tmp_path))
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Holiday hours", ["x"],
                                                     media=[sign], alts=["Hours"]))
    kept = Path(show_post(app, post_id)["media"][0]["path"])
    refusing = make_app(validator=lambda platform, text, media: ["x: refused"])
    with pytest.raises(UserError):
        prepare_draft(refusing, "Holiday hours again", ["x"], media=[sign])
    assert kept.is_file()


@sqlite_only
def test_the_sweep_removes_only_old_files_no_post_names(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Holiday hours", ["x"], media=[str(_plain_sign(tmp_path))], alts=["Hours"]))
    named = Path(show_post(app, post_id)["media"][0]["path"])
    orphan = app.media_dir / f"{'ab' * 32}.jpg"  # left by a create killed before its commit
    recent = app.media_dir / f"{'cd' * 32}.png"  # a create still running
    partial = app.media_dir / f".{'ef' * 32}.4242.tmp"  # a write cut short
    bystander = app.media_dir / "README.txt"  # not ours: never touched
    for path in (orphan, recent, partial, bystander):
        path.write_bytes(b"left behind")
    old = time.time() - MEDIA_GRACE.total_seconds() - 60
    for path in (named, orphan, partial, bystander):
        os.utime(path, (old, old))
    assert sweep_orphan_media(app) == 1
    assert sorted(p.name for p in app.media_dir.iterdir()) == sorted(
        [named.name, recent.name, bystander.name])


# --- 6. LinkedIn's pixel limit ------------------------------------------------------------


def _grey_png(path: Path, width: int, height: int) -> Path:
    Image.new("L", (width, height), 200).save(path, "PNG")
    return path


def test_linkedin_refuses_an_image_of_its_pixel_limit_or_more(tmp_path: Path) -> None:
    assert MAX_IMAGE_PIXELS == 36_152_320
    over = _grey_png(tmp_path / "over.png", 6400, 5649)  # 36,153,600 pixels
    under = _grey_png(tmp_path / "under.png", 6400, 5648)  # 36,147,200
    [problem] = LinkedInAdapter.validate(Draft("Our new banner", (over,)))
    assert problem == ("linkedin: over.png: 6400x5649 is 36,153,600 pixels; LinkedIn takes "
                       "fewer than 36,152,320 (scale it down)")
    assert LinkedInAdapter.validate(Draft("Our new banner", (under,))) == []
    assert _platform_validator("x", "Our new banner", [over]) == []  # X has no such rule


def test_post_create_refuses_it_in_one_line_and_keeps_no_file(make_app, tmp_path: Path  # noqa: ANN001
                                                              ) -> None:
    app = make_app(validator=_platform_validator)
    with pytest.raises(UserError) as refused:
        prepare_draft(app, "Our new banner", ["linkedin"],
                      media=[str(_grey_png(tmp_path / "banner.png", 6400, 5649))])
    assert "\n" not in str(refused.value) and "LinkedIn takes fewer than 36,152,320" in str(
        refused.value)
    assert _media_files(app) == []


def test_the_linkedin_sandbox_refuses_the_upload(sandbox, tmp_path: Path) -> None:  # noqa: ANN001
    from adapters.base import PermanentError

    adapter = build_adapter("linkedin", sandbox_env(sandbox.url))
    with pytest.raises(PermanentError, match="fewer than 36152320 pixels"):
        adapter.publish("Our new banner", [_grey_png(tmp_path / "big.png", 6400, 5649)])
    assert sandbox.state.posts == []
    adapter.publish("Our new banner", [_grey_png(tmp_path / "ok.png", 6400, 5648)])
    assert len(sandbox.state.posts) == 1  # one pixel row fewer is taken


# --- 7. a broken EXIF block: no warnings on stderr, and it is listed as removed ------------


def _jpeg_with_looping_exif() -> bytes:
    base = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(base, "JPEG")
    # IFD0 with one entry, the Exif IFD pointer, pointing back at IFD0
    ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 8) + struct.pack("<I", 0)
    payload = b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + ifd
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    data = base.getvalue()
    return data[:2] + segment + data[2:]


def _jpeg_with_oversized_tag() -> bytes:
    base = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(base, "JPEG")
    # an ImageDescription claiming two billion bytes
    ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0x010E, 2, 0x7FFFFFFF, 20)
    payload = b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    data = base.getvalue()
    return data[:2] + segment + data[2:]


@pytest.mark.parametrize("build", [_jpeg_with_looping_exif, _jpeg_with_oversized_tag])
def test_a_broken_exif_block_is_removed_quietly_and_said(tmp_path: Path, build) -> None:  # noqa: ANN001
    path = tmp_path / "odd.jpg"
    path.write_bytes(build())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cleaned = clean_image(str(path), tmp_path / "media")
    assert [str(w.message) for w in caught] == []
    assert "unreadable EXIF block" in cleaned.removed
