"""Screening the images of a draft: text read from each image and its alt text through
the PHI screen (post context), and faces. Used by prepare_draft at create and edit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from social_bot.app import App
from social_bot.domain import MediaRef
from social_bot.errors import UserError
from social_bot.media import CleanImage, clean_image, load_stored

MAX_ALT = 1000  # X's limit for alt text, the shortest of the three platforms


def prepare_images(app: App, media: Sequence[str | MediaRef], alts: Sequence[str] | None
                   ) -> tuple[tuple[MediaRef, ...], list[CleanImage]]:
    """Clean and store newly attached files; re-read (and re-hash) images an edit keeps.
    ``alts`` gives each image's alt text in order (None: keep what the images have)."""
    if alts is not None and len(alts) > len(media):
        raise UserError(f"{len(alts)} --alt text(s) for {len(media)} image(s): give one "
                        "--alt per --media, in the same order")
    refs: list[MediaRef] = []
    images: list[CleanImage] = []
    try:
        for i, item in enumerate(media):
            if isinstance(item, MediaRef):
                image, alt = load_stored(item.stored()), item.alt
            else:
                image, alt = clean_image(item, app.media_dir), ""
            images.append(image)
            if alts is not None:
                alt = " ".join(alts[i].split()) if i < len(alts) else ""
            if len(alt) > MAX_ALT:
                raise UserError(f"the alt text of image {i + 1} is longer than {MAX_ALT} "
                                "characters")
            refs.append(MediaRef(str(image.path), image.sha256, alt, image.meta()))
    except BaseException:
        discard_new(app, new_files(images))  # a refused image leaves no file behind
        raise
    return tuple(refs), images


def new_files(images: Sequence[CleanImage]) -> tuple[Path, ...]:
    """The files these images' cleaning wrote (not those already stored by hash)."""
    return tuple(image.path for image in images if image.fresh)


def discard_new(app: App, paths: Sequence[Path]) -> None:
    """Remove files a refused create or edit wrote, unless a post names them meanwhile."""
    if paths:
        from social_bot.retention import discard_unreferenced

        discard_unreferenced(app, paths)


def _allows_name(app: App) -> Any:
    phi = getattr(app.policy, "phi", None)
    return phi.allows_name if phi is not None else (lambda _text: False)


Screen = Callable[[str], Sequence[Any]]


def read_together(screen: Screen, caption: str, separate: Sequence[Any],
                  parts: Sequence[tuple[str, str]]) -> list[Any]:
    """What a reader sees as one text, screened as one (session 56's attack review, S3): the
    post's text, then each of ``parts`` ((source, text): "alt:N" an image's alt text,
    "image:N" the text read in it, "code:N" what its codes decode to), a paragraph apart.
    The caption, the pictures and their alt texts were screened one by one, so "Congrats to
    Tobias Wendt!" with "FINAL CHEMO DAY!" in the picture, or in its alt text, passed.

    Returns the blocks this reading adds: each on the one source its span starts in, cut
    to that source's text and spans (so redaction, `post show` and dismissals point at the
    name in the caption, or at the words in the alt text), source "text" for the caption.
    A block the separate readings (``separate``) already have there adds nothing."""
    from policies.phi.findings import Finding

    parts = [(source, text) for source, text in parts if text.strip()]
    if not parts:
        return []
    sources = [("text", caption), *parts]
    joined, offsets = "", []
    for _, text in sources:
        joined += "\n\n" if joined else ""
        offsets.append(len(joined))
        joined += text
    blocked = {(getattr(f, "source", None) or "text", f.start, f.end, f.category)
               for f in separate if getattr(f, "severity", None) == "block"}
    out: list[Any] = []
    for f in screen(joined):
        if getattr(f, "severity", None) != "block":
            continue
        i = max(n for n, at in enumerate(offsets) if at <= f.start)
        source, text = sources[i]
        start, end = f.start - offsets[i], min(f.end - offsets[i], len(text))
        if end <= start or not text[start:end].strip() or (
                source, start, end, f.category) in blocked:
            continue
        blocked.add((source, start, end, f.category))
        with_what = _read_with(source, [s for s, _ in sources if s != source])
        fields = (f.category, start, end, text[start:end], "block", float(f.score),
                  f"{f.rule}+read_together", f"{f.reason} (read with {with_what}, which "
                  "a reader sees with it)", f.redaction)
        if source == "text":
            out.append(Finding(*fields))
        else:
            from policies.media.judge import ImageFinding

            out.append(ImageFinding(*fields, source))
    return out


def _read_with(source: str, others: Sequence[str]) -> str:
    def named(s: str) -> str:
        kind, _, n = s.partition(":")
        return {"text": "the post's text", "alt": f"the alt text of image {n}",
                "image": f"the text in image {n}",
                "code": f"what the codes in image {n} decode to"}.get(kind, s)

    return ", ".join(named(s) for s in others) or "the rest of the post"


def with_read_together(findings: Sequence[Any], added: Sequence[Any]) -> list[Any]:
    """``findings`` with the blocks ``added`` (read_together): a warning on the same source,
    span and category as an added block gives way to it."""
    taken = {(getattr(f, "source", None) or "text", f.start, f.end, f.category)
             for f in added}
    kept = [f for f in findings if (getattr(f, "source", None) or "text", f.start, f.end,
                                    f.category) not in taken]
    return kept + list(added)


def screen_with_images(app: App, caption: str, text_findings: Sequence[Any],
                       images: Sequence[CleanImage], alts: Sequence[str], screen: Screen
                       ) -> list[Any]:
    """The findings of a post with images: the text's (``text_findings``), each image's
    (screen_images), and what the text read with the alt texts, then with the alt texts
    and the text in the pictures, blocks that none of them did alone (read_together).
    The first joined reading is the one the daemon repeats at publishing time (it has the
    alt texts, not the pictures' text), so a block found there is found there again."""
    read: list[tuple[str, str]] = []
    found = [*text_findings, *screen_images(app, images, alts, read)]
    added = read_together(screen, caption, found,
                          [(f"alt:{n}", alt) for n, alt in enumerate(alts, start=1)])
    if any(text.strip() for _, text in read):
        added += read_together(screen, caption, [*found, *added],
                               [(f"alt:{n}", alt) for n, alt in enumerate(alts, start=1)]
                               + read)
    return with_read_together(found, added)


def screen_images(app: App, images: Sequence[CleanImage], alts: Sequence[str],
                  read_out: list[tuple[str, str]] | None = None) -> list[Any]:
    """Findings for the images (source "image:N", "code:N", "faces:N", "alt:N"). Fails
    closed with one line if the OCR engine, the code reader or the face detector cannot
    load. What an image's QR codes and barcodes decode to is screened like the text OCR
    read in it; a code found but not decoded blocks (session 50, finding 3). ``read_out``,
    if given, gets each image's text as (source, text): what OCR read ("image:N") and what
    its codes decode to ("code:N")."""
    from policies.media import (
        MediaScreenUnavailable,
        code_text,
        face_finding,
        image_text_findings,
        undecoded_findings,
    )
    from policies.media import ocr_text as join_lines
    from policies.media.engines import (
        TooManyTiles,
        check_engines,
        find_faces,
        read_codes,
        read_text,
        tiles,
    )

    if not images:
        return []
    for n, image in enumerate(images, start=1):
        try:  # before any reading: a refusal should not wait for the other images
            tiles(image.image.width, image.image.height)
        except TooManyTiles as exc:
            raise UserError(f"image {n} cannot be screened, nothing was queued: {exc}"
                            ) from None
    try:
        check_engines()
        read = [join_lines(read_text(image.image)) for image in images]
        codes = [read_codes(image.image) for image in images]
        faces = [find_faces(image.image) for image in images]
    except MediaScreenUnavailable as exc:
        raise UserError(f"images cannot be screened, nothing was queued: {exc}") from None
    decoded = [code_text(found) for found in codes]
    if read_out is not None:
        read_out += [(f"image:{n}", text) for n, (text, _) in enumerate(read, start=1)]
        read_out += [(f"code:{n}", text) for n, (text, _) in enumerate(decoded, start=1)]
    n_images = len(images)
    texts = [text for text, _ in read] + [text for text, _ in decoded] + list(alts)
    wanted = [i for i, text in enumerate(texts) if text.strip()]
    screened: list[list[Any]] = [[] for _ in texts]
    if wanted:
        for i, found in zip(wanted, app.screen([texts[i] for i in wanted], "post"),
                            strict=True):
            screened[i] = list(found)
    allows = _allows_name(app)
    out: list[Any] = []
    for n, ((text, spans), (payload, where), found, boxes) in enumerate(
            zip(read, decoded, codes, faces, strict=True), start=1):
        out += image_text_findings(n, text, spans, screened[n - 1], allows)
        out += image_text_findings(n, payload, where, screened[n_images + n - 1], allows,
                                   decoded=True)
        out += undecoded_findings(n, found)
        face = face_finding(n, boxes)
        if face is not None:
            out.append(face)
    for n, found in enumerate(screened[2 * n_images:], start=1):
        out += alt_findings(n, found)
    return out


def alt_findings(n: int, found: Sequence[Any]) -> list[Any]:
    """The screen's findings on image ``n``'s alt text, as image findings (source alt:N):
    at create and edit, and again at publishing time (daemon/publisher.py)."""
    from policies.media.judge import ImageFinding

    return [ImageFinding(f.category, f.start, f.end, f.text, f.severity, float(f.score),
                         f.rule, f"{f.reason} (in the alt text of image {n})", f.redaction,
                         f"alt:{n}") for f in found]
