"""The OCR engine and the face detector, each loaded once per process from its package.

- OCR: rapidocr-onnxruntime (Apache-2.0), PP-OCRv4 detection and recognition models
  bundled in the wheel, run by ONNX Runtime. Text is *found* on a copy whose long side
  is at most DET_MAX_SIDE (detection is the slow part and its cost grows with the pixels)
  and *read* from crops of a copy up to OCR_MAX_SIDE, so small print stays legible. EXIF
  orientation turns a photo upright, but not a board photographed sideways or a label
  upside down: a line standing on end is turned by RapidOCR's crop step, and the angle
  classifier says which crops are upside down (see _recognise). An image whose long side
  is over TILE_FROM is also read in overlapping tiles at (near) full resolution (small
  print in a 4096 px image posted to X; session 52), the readings merged line by line.
- Faces: OpenCV's frontal-face Haar cascade (BSD/Apache-2.0, shipped in opencv-python's
  cv2/data), on a grey image scaled to FACE_MAX_SIDE.
- Codes: OpenCV's QR code detector and its 1-D barcode detector (EAN/UPC decoding), on a
  copy up to OCR_MAX_SIDE. A phone reads a QR code on a poster as easily as a person reads
  its print, and OCR sees neither (an outside review, session 50, finding 3).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from enum import Enum
from typing import Any

OCR_MAX_SIDE = 2000
# 24 px print in a 4000x3000 phone photo is about 9 px tall on a 1600 px copy, which the
# detector finds; on the 960 px copy used before (6 px) it did not (an outside review,
# session 43). Detection costs about 2x more on such a photo (docs/media.md).
DET_MAX_SIDE = 1600
FACE_MAX_SIDE = 1024
FACE_MIN_NEIGHBORS = 6  # 5 found more false faces on textures (coins), 8 risks misses
FIX = "reinstall with `pip install -e .` (rapidocr-onnxruntime, opencv-python)"

_lock = threading.Lock()
_ocr: Any = None
_cascade: Any = None
_codes: Any = None
# An undecoded "barcode" smaller than this (its long side, on the OCR_MAX_SIDE copy) is not
# kept: OpenCV's detector fired on single printed words (30x67 and 49x37 px boxes in 3 of
# the bench's 32 label images), and 80 px leaves under one pixel a bar for the ~100 modules
# of a Code 128 record number, which no phone decodes from the published picture either.
MIN_UNDECODED_BARCODE = 80
# QR codes in a bigger photo are searched on a copy up to this size too: a code of 6 px
# modules in a 4000x3000 photo, tilted 15 degrees, was missed on the 2000 px copy alone
CODE_MAX_SIDE = 4000
# Small print in a big image (an outside review, session 52, W3): 12 px print in a 4096 px
# image is about 5 px on the DET_MAX_SIDE copy and the detector sees nothing there. So an
# image whose long side is over TILE_FROM is also read in overlapping tiles at (near) full
# size, each at most TILE_SIDE on a side (about what one whole-image pass reads), and
# neighbours overlapping by TILE_OVERLAP, more than a line of small print is tall, so such
# a line cut by a tile's top or bottom edge is whole in the next tile; a line cut by a
# left or right edge is stitched back from the two tiles (merge_lines). A 4096x4096 image
# is 3x3 tiles, a 4000x3000 phone photo 3x2. An image needing more than MAX_TILES is
# refused (TooManyTiles): each tile costs about 0.7 of a whole-image pass.
TILE_FROM = OCR_MAX_SIDE
TILE_SIDE = 1664
TILE_OVERLAP = 256
MAX_TILES = 16
# Each tile's text is *found* on a copy this long (0.8-0.9 of the tile: 12 px print is
# about 10 px there, 10 px print 8-9 px, which it still found) and *read* from full-size
# crops: about 0.65x the CPU of finding it at full size (bench/media_eval.py, session 52).
TILE_DET_SIDE = 1344
# A tile whose grey levels span less than this holds no print to read. The span, not the
# standard deviation: one short line of small print on a plain tile barely moves the
# deviation (the re-read of session 52: 1.28 for a dark-grey name, skipped and unread).
BLANK_TILE_RANGE = 8


def blank_tile(part: Any) -> bool:
    """Is this tile one grey (nothing on it could be print)?"""
    import numpy as np

    grey = np.asarray(part.convert("L"))
    return int(grey.max()) - int(grey.min()) < BLANK_TILE_RANGE


class MediaScreenUnavailable(Exception):
    """An engine the image screen needs cannot load (one line, with the fix)."""


class TooManyTiles(Exception):
    """An image so big that reading its small print would take more than MAX_TILES tiles:
    one line saying so and the size to resize it to."""


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    def label(self) -> str:
        return f"x {self.x0}-{self.x1}, y {self.y0}-{self.y1}"


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Box
    score: float


def _ocr_engine() -> Any:
    global _ocr
    with _lock:
        if _ocr is None:
            try:
                from policies.onnx_runtime import quiet_onnxruntime

                quiet_onnxruntime()  # before RapidOCR's package imports it
                from rapidocr_onnxruntime import RapidOCR

                # read_text drives the stages itself; the classifier is used (_recognise)
                _ocr = RapidOCR(use_cls=True)
            except Exception as exc:  # ImportError, or an engine that cannot start
                raise MediaScreenUnavailable(
                    f"the OCR engine cannot load ({type(exc).__name__}: {exc}); {FIX}"
                ) from None
        return _ocr


def _face_cascade() -> Any:
    global _cascade
    with _lock:
        if _cascade is None:
            try:
                import cv2

                cascade = cv2.CascadeClassifier(
                    cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
            except Exception as exc:
                raise MediaScreenUnavailable(
                    f"the face detector cannot load ({type(exc).__name__}: {exc}); {FIX}"
                ) from None
            if cascade.empty():
                raise MediaScreenUnavailable(f"OpenCV's face cascade file is missing; {FIX}")
            _cascade = cascade
        return _cascade


def _code_detectors() -> Any:
    """(QR detectors, barcode detector), loaded once: OpenCV's classic QR detector and its
    ArUco-based one, which found more tilted and small codes (docs/media.md, session 50)."""
    global _codes
    with _lock:
        if _codes is None:
            try:
                import cv2

                _codes = ((cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()),
                          cv2.barcode.BarcodeDetector())
            except Exception as exc:
                raise MediaScreenUnavailable(
                    f"the code reader cannot load ({type(exc).__name__}: {exc}); {FIX}"
                ) from None
        return _codes


def check_engines() -> None:
    """Fail closed early: raise MediaScreenUnavailable if an engine cannot load."""
    _ocr_engine()
    _face_cascade()
    _code_detectors()


def _scaled(image: Any, max_side: int) -> tuple[Any, float]:
    """A PIL image scaled down so its long side is at most max_side, and the factor."""
    side = max(image.size)
    if side <= max_side:
        return image, 1.0
    factor = max_side / side
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size), factor


def _bgr(image: Any) -> Any:
    import numpy as np

    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _spans(length: int) -> list[tuple[int, int]]:
    """(start, end) of the tiles along one side: as few as keep each at most TILE_SIDE,
    evenly spread, neighbours overlapping by at least TILE_OVERLAP."""
    if length <= TILE_SIDE:
        return [(0, length)]
    n = math.ceil((length - TILE_OVERLAP) / (TILE_SIDE - TILE_OVERLAP))
    side = math.ceil((length + (n - 1) * TILE_OVERLAP) / n)
    step = (length - side) / (n - 1)
    return [(round(i * step), round(i * step) + side) for i in range(n)]


def tiles(width: int, height: int) -> list[Box]:
    """The tiles an image of this size is read in at near full size, besides the whole
    image's pass: none for an image whose long side is at most TILE_FROM. TooManyTiles
    when there would be more than MAX_TILES."""
    if max(width, height) <= TILE_FROM:
        return []
    xs, ys = _spans(width), _spans(height)
    if len(xs) * len(ys) > MAX_TILES:
        side = max(width, height)
        while len(_spans(round(width * side / max(width, height)))) * len(
                _spans(round(height * side / max(width, height)))) > MAX_TILES:
            side -= 16
        raise TooManyTiles(
            f"{width}x{height} is too big to read its small print ({len(xs) * len(ys)} "
            f"tiles, at most {MAX_TILES}): resize it to {side} px on its long side and "
            "attach it again")
    return [Box(x0, y0, x1, y1) for y0, y1 in ys for x0, x1 in xs]


def _pass(engine: Any, image: Any, max_side: int, det_side: int,
          origin: tuple[int, int] = (0, 0)) -> tuple[list[Any], list[Any]]:
    """Text boxes (in the image's own pixels, moved by ``origin``) found on a copy of
    ``image`` at most ``det_side`` long, with their crops cut from a copy at most
    ``max_side`` long."""
    import numpy as np

    big, big_factor = _scaled(image, max_side)
    small, small_factor = _scaled(big, det_side)
    boxes, _ = engine.text_det(_bgr(small))
    if boxes is None or len(boxes) == 0:
        return [], []
    boxes = [np.asarray(b, dtype=np.float32) / small_factor
             for b in engine.sorted_boxes(boxes)]
    crops = engine.get_crop_img_list(_bgr(big), boxes)
    shift = np.asarray(origin, dtype=np.float32)
    return [b / big_factor + shift for b in boxes], crops


def read_text(image: Any) -> list[TextLine]:
    """Lines of text found in a PIL RGB image, with boxes in the image's own pixels.

    RapidOCR's own call detects at up to 2000 px whatever it is told, so its two stages
    are driven here (its pinned 1.4.4 API): detection on a DET_MAX_SIDE copy, recognition
    on crops of an OCR_MAX_SIDE copy. An image bigger than TILE_FROM is read in tiles at
    near full size too (``tiles``), and what the tiles and the whole pass read is merged
    so each line is there once (``merge_lines``). TooManyTiles for an image too big.
    """
    engine = _ocr_engine()
    grid = tiles(image.width, image.height)
    boxes, crops = _pass(engine, image, OCR_MAX_SIDE, DET_MAX_SIDE)
    whole = len(boxes)
    for tile in grid:
        part = image.crop((tile.x0, tile.y0, tile.x1, tile.y1))
        if blank_tile(part):
            continue
        more, cut = _pass(engine, part, TILE_SIDE, TILE_DET_SIDE, (tile.x0, tile.y0))
        boxes += more
        crops += cut
    if not boxes:
        return []
    results = _recognise(engine, crops)
    lines, tiled = [], []
    for n, (points, (text, score)) in enumerate(zip(boxes, results, strict=True)):
        if float(score) < engine.text_score or not str(text).strip():
            continue
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        box = Box(int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))
        (lines if n < whole else tiled).append(TextLine(str(text), box, float(score)))
    return merge_lines(lines, tiled) if grid else lines


def _rows_meet(a: Box, b: Box) -> bool:
    """Two boxes on the same line of print: alike in height, mostly the same rows."""
    ha, hb = a.y1 - a.y0, b.y1 - b.y0
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared > 0.6 * min(ha, hb) and max(ha, hb) < 1.6 * max(1, min(ha, hb))


def _stitch(left: TextLine, right: TextLine) -> str:
    """The text of two readings of one line, ``right`` starting inside ``left`` (a line
    cut by a tile's edge, where each reading may end in a cut word): joined on the longest
    run of characters both read (at least 4), else where ``left``'s box ends."""
    from difflib import SequenceMatcher

    a, b = left.text, right.text
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    if match.size >= 4:
        return a[:match.a] + b[match.b:]
    width = max(1, right.box.x1 - right.box.x0)
    rest = b[max(0, round(len(b) * (left.box.x1 - right.box.x0) / width)):]
    return f"{a} {rest}".strip()


def _squashed(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def merge_lines(whole: list[TextLine], tiled: list[TextLine]) -> list[TextLine]:
    """The lines read on the whole image and in its tiles, each line of print once, in
    reading order: a reading inside another reading of the same line is dropped when the
    longer one holds its words (a misreading of the same print is kept beside it), and
    two readings of one line that overlap from either side (a line cut by a tile's edge)
    are stitched into one."""
    kept: list[TextLine] = []
    for line in sorted(whole + tiled, key=lambda t: (-(t.box.x1 - t.box.x0), -t.score)):
        merged = False
        for i, other in enumerate(kept):
            a, b = other.box, line.box
            if not _rows_meet(a, b) or b.x0 > a.x1 or a.x0 > b.x1:
                continue
            if a.x0 - 4 <= b.x0 and b.x1 <= a.x1 + 4:  # inside a longer reading:
                # dropped if that reading holds its words; another reading of the same
                # print (the whole pass misread what a tile read at full size) is kept
                merged = _squashed(line.text) in _squashed(other.text)
                if not merged:
                    continue
                break
            left, right = (other, line) if a.x0 <= b.x0 else (line, other)
            box = Box(min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))
            kept[i] = TextLine(_stitch(left, right), box, min(other.score, line.score))
            merged = True
            break
        if not merged:
            kept.append(line)
    return sorted(kept, key=lambda t: (t.box.y0 // 8, t.box.x0))


def _recognise(engine: Any, crops: list[Any]) -> list[tuple[str, float]]:
    """(text, score) for each crop: read as cut, and, where the angle classifier calls it
    upside down (at any confidence), read turned round too, keeping the reading with the
    higher score. The classifier alone turned some small upright print over (measured on
    20 px text), so its word adds a reading and never replaces one."""
    import numpy as np

    _, labels, _ = engine.text_cls(crops)  # copies the crops; they stay as cut
    results = [(str(text), float(score)) for text, score in engine.text_rec(crops)[0]]
    flipped = [i for i, (label, _score) in enumerate(labels) if "180" in str(label)]
    if flipped:
        turned = [np.ascontiguousarray(crops[i][::-1, ::-1]) for i in flipped]
        for i, (text, score) in zip(flipped, engine.text_rec(turned)[0], strict=True):
            if float(score) > results[i][1]:
                results[i] = (str(text), float(score))
    return results


def find_faces(image: Any) -> list[Box]:
    """Frontal faces in a PIL image, as boxes in the image's own pixels."""
    import numpy as np

    cascade = _face_cascade()
    small, factor = _scaled(image.convert("L"), FACE_MAX_SIDE)
    gray = np.asarray(small)
    found = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=FACE_MIN_NEIGHBORS,
                                     minSize=(24, 24))
    return [Box(int(x / factor), int(y / factor), int((x + w) / factor),
                int((y + h) / factor)) for x, y, w, h in (found if len(found) else [])]


class CodeKind(Enum):
    QR = "QR code"
    BARCODE = "barcode"


@dataclass(frozen=True)
class Code:
    """A machine-readable code found in an image: what it says ("" when it was found but
    could not be decoded) and where it is, in the image's own pixels."""

    kind: CodeKind
    text: str
    box: Box


def _box(points: Any, factor: float) -> Box:
    xs = [float(p[0]) / factor for p in points]
    ys = [float(p[1]) / factor for p in points]
    return Box(int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))


def _decoded(infos: Any, points: Any) -> list[tuple[str, Any]]:
    """(text, corners) per code OpenCV found; a None result means none."""
    if points is None:
        return []
    return [(str(text or ""), corners) for text, corners in zip(infos, points, strict=False)]


def _overlap(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _qr_codes(searches: list[tuple[Any, Any, float]]) -> list[Code]:
    """QR codes found by the searches (detector, BGR copy, its factor), each found once: a
    code decoded by one search is not also reported undecoded by another."""
    found: list[Code] = []
    for detector, bgr, factor in searches:
        _ok, infos, points, _ = detector.detectAndDecodeMulti(bgr)
        found += [Code(CodeKind.QR, text, _box(corners, factor))
                  for text, corners in _decoded(infos, points)]
    decoded = [c for c in found if c.text]
    kept: list[Code] = []
    for code in decoded + [c for c in found if not c.text]:
        same = [k for k in kept if _overlap(k.box, code.box)]
        if not same or code.text and all(k.text != code.text for k in same):
            kept.append(code)
    return kept


def read_codes(image: Any) -> list[Code]:
    """QR codes and 1-D barcodes in a PIL image. QR codes are searched on the OCR_MAX_SIDE
    copy and, in a bigger photo, on a copy up to CODE_MAX_SIDE (small codes); one that does
    not decode is read mirrored too (a phone's front camera saves its picture mirrored)."""
    import numpy as np

    (classic, aruco), barcode = _code_detectors()
    big, factor = _scaled(image, OCR_MAX_SIDE)
    bgr = _bgr(big)
    searches = [(classic, bgr, factor), (aruco, bgr, factor)]
    if factor < 1.0:  # the ArUco detector alone: the classic one costs more there
        full, full_factor = _scaled(image, CODE_MAX_SIDE)
        searches.append((aruco, _bgr(full), full_factor))
    found = _qr_codes(searches)
    if any(not code.text for code in found):
        flipped = np.ascontiguousarray(bgr[:, ::-1])
        mirrored = _qr_codes([(classic, flipped, factor), (aruco, flipped, factor)])
        texts = [c.text for c in mirrored if c.text and c.text not in {f.text for f in found}]
        found = [code if code.text or not texts else Code(code.kind, texts.pop(0), code.box)
                 for code in found]
    _ok, infos, points, _ = barcode.detectAndDecodeMulti(bgr)
    for text, corners in _decoded(infos, points):
        seen = _box(corners, 1.0)  # on the copy searched
        if text or max(seen.x1 - seen.x0, seen.y1 - seen.y0) >= MIN_UNDECODED_BARCODE:
            found.append(Code(CodeKind.BARCODE, text, _box(corners, factor)))
    return found
