"""Small print in a large image (an outside review, session 52, W3).

A 4096x4096 poster with one line of 12 px print naming a patient passed the screen: OCR
read a copy at most 2,000 px long (detection at 1,600), where that print is about 5 px
tall. An image bigger than that is now read in overlapping tiles at full resolution too,
what the tiles read is merged with the whole image's reading (each line once, a line cut
by a tile's edge stitched back) and mapped back to the image's own pixels; an image that
would need more than MAX_TILES tiles is refused with one line naming the size to resize it
to. The words and identifiers are written for these tests (synthetic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from policies.media import engines
from policies.media.engines import Box, TextLine, TooManyTiles, merge_lines, tiles
from social_bot.errors import UserError
from social_bot.posts import prepare_draft

# OCR is slow on a shared machine: the flows run on SQLite only (as test_media.py does)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SMALL = "Patient: Dana Quill  MRN 5520-1187  DOB 03/14/1961"


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype(DEJAVU, size)
    except OSError:  # no DejaVu on this machine: Pillow's own font
        return ImageFont.load_default(size=size)


def _poster(small: str, at: tuple[int, int], side: int = 4096, px: int = 12) -> Image.Image:
    """A lobby poster: a headline in big print, and ``small`` in ``px`` px print at ``at``."""
    image = Image.new("RGB", (side, side), (248, 247, 240))
    draw = ImageDraw.Draw(image)
    draw.text((340, 290), "Our new lobby", fill=(30, 60, 120), font=_font(200))
    draw.text(at, small, fill=(25, 25, 25), font=_font(px))
    return image


def _draft(app, image: Image.Image, tmp_path: Path):  # noqa: ANN001, ANN202
    path = tmp_path / "poster.png"
    image.save(path)
    return prepare_draft(app, "Our new lobby poster.", ["x"], media=[str(path)],
                         alts=["A lobby poster"])


def _blocking(draft) -> list:  # noqa: ANN001
    return [f for f in draft.findings if f.severity == "block" and f.source == "image:1"]


@sqlite_only
def test_12_px_print_in_a_4096_px_image_blocks_the_post(make_app, tmp_path: Path  # noqa: ANN001
                                                        ) -> None:
    found = _blocking(_draft(make_app(), _poster(SMALL, (1510, 1680)), tmp_path))
    texts = " | ".join(f.text for f in found)
    assert "Dana Quill" in texts and "03/14/1961" in texts, texts
    # the region named is where the line is in the image as posted, not in a tile
    reasons = " ".join(f.reason for f in found)
    assert "region x 15" in reasons and "y 16" in reasons, reasons


def test_a_line_across_a_tile_edge_is_read_once_and_whole() -> None:
    # x 1226 to about 1560: cut by the first column of tiles' right edge (1536) and starting
    # before the second's left edge (1280), so neither tile holds it whole
    image = _poster(SMALL, (1226, 1229), px=12)
    lines = [line.text for line in engines.read_text(image)]
    assert sum("Quill" in t for t in lines) == 1, lines
    assert any("Dana Quill" in t and "1961" in t for t in lines), lines


@sqlite_only
def test_a_large_image_without_identifiers_passes(make_app, tmp_path: Path  # noqa: ANN001
                                                  ) -> None:
    draft = _draft(make_app(), _poster("Open Monday to Friday, 8 am to 6 pm", (2400, 3100)),
                   tmp_path)
    assert _blocking(draft) == [], [f.text for f in draft.findings]


def test_an_image_needing_too_many_tiles_is_refused_in_one_line(make_app, tmp_path: Path  # noqa: ANN001
                                                                ) -> None:
    app = make_app()
    path = tmp_path / "banner.png"
    Image.new("L", (6400, 5000), 200).save(path)
    with pytest.raises(UserError) as refused:
        prepare_draft(app, "Our new banner", ["x"], media=[str(path)], alts=["A banner"])
    message = str(refused.value)
    assert "\n" not in message and "6400x5000" in message, message
    assert f"at most {engines.MAX_TILES}" in message and "resize it to" in message, message
    side = int(message.split("resize it to ")[1].split(" px")[0])
    assert len(tiles(side, side * 5000 // 6400)) <= engines.MAX_TILES
    assert not list(app.media_dir.glob("*")) if app.media_dir.exists() else True


def test_tiles_cover_the_image_overlapping_and_within_bounds() -> None:
    assert tiles(2000, 1500) == [] and tiles(1200, 2000) == []
    for width, height in ((4096, 4096), (4032, 3024), (3000, 3000), (2001, 900),
                          (8000, 1000)):
        grid = tiles(width, height)
        assert len(grid) <= engines.MAX_TILES
        assert all(t.x1 - t.x0 <= engines.TILE_SIDE and t.y1 - t.y0 <= engines.TILE_SIDE
                   for t in grid)
        xs = sorted({(t.x0, t.x1) for t in grid})
        ys = sorted({(t.y0, t.y1) for t in grid})
        assert xs[0][0] == 0 and xs[-1][1] == width and ys[0][0] == 0 and ys[-1][1] == height
        for spans in (xs, ys):
            pairs = zip(spans, spans[1:], strict=False)
            assert all(a[1] - b[0] >= engines.TILE_OVERLAP for a, b in pairs)
    assert len(tiles(4096, 4096)) == 9 and len(tiles(4032, 3024)) == 6
    with pytest.raises(TooManyTiles, match="resize it to"):
        tiles(6000, 6000)


def _line(text: str, x0: int, x1: int, y0: int = 100, h: int = 14) -> TextLine:
    return TextLine(text, Box(x0, y0, x1, y0 + h), 0.9)


def test_readings_of_one_line_are_merged() -> None:
    # a line cut by two tiles' edges, each reading ending in a cut word, is stitched
    left = _line("Patient: Dana Quill MRN 5520-1187 [", 1226, 1531)
    right = _line(": Dana Quill MRN 5520-1187 DOB 03/14/1961", 1281, 1661)
    merged = merge_lines([], [left, right])
    assert [m.text for m in merged] == ["Patient: Dana Quill MRN 5520-1187 DOB 03/14/1961"]
    assert merged[0].box == Box(1226, 100, 1661, 114)
    # the whole pass's fragment and a tile's full reading: the full one, once
    whole = _line("B 03/14/196", 1560, 1660)
    assert [m.text for m in merge_lines([whole], [right])] == [right.text]
    # a misreading of the same print (the whole pass's small copy) does not hide a tile's
    misread = _line("Patiemt: Dama Qvill MRN 552O-1187 DOB O3/14/196", 1224, 1663)
    assert sorted(m.text for m in merge_lines([misread], [right])) == sorted(
        [misread.text, right.text])
    # another line, or print of another size on the same rows, is kept apart
    below = _line("Room 4", 1300, 1400, y0=140)
    big = TextLine("Welcome", Box(1000, 60, 1500, 160), 0.9)
    assert len(merge_lines([big], [right, below])) == 3
