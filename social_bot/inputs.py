"""Checks on text a person hands us, shared by every door (CLI, chat, service functions).

"Empty" means empty to a reader: a draft of zero-width spaces, bidi controls or other
format characters looks blank on every platform, so it is refused like an empty one.
"Too long" is checked before the PHI screen sees the text: spaCy refuses more than a
million characters with a raw E088, and no platform takes a tenth of that.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from policies.hidden import Carrier, carrier, drop_break_hints, layout_spot, plain_layout
from policies.rendering import is_blank
from social_bot.errors import UserError
from social_bot.filesafety import open_checked

# Facebook's limit (63,206) is the longest of the three platforms; a comment or a file
# handed to `screen` may be longer than a post, but not by orders of magnitude.
MAX_TEXT_CHARS = 100_000
MAX_ID = 2**63 - 1  # the databases' BIGINT: a larger id names nothing and overflows SQLite


def is_id_text(value: str) -> bool:
    """ASCII digits only: int() also reads "1_1" as 11, " 7 " and Arabic-Indic or fullwidth
    digits, so a typo named another post (an outside review, session 43)."""
    return value.isascii() and value.isdigit()

def check_text(text: str, what: str = "the text", limit: int = MAX_TEXT_CHARS) -> str:
    """`text` unchanged (offsets stay valid); UserError when blank, too long or not text."""
    refuse_surrogates(text, what)
    if is_blank(text):
        raise UserError(f"{what} is empty" + ("" if not text.strip() else
                                              " (it holds only invisible characters)"))
    if len(text) > limit:
        raise UserError(f"{what} is {len(text):,} characters; at most {limit:,} are accepted")
    return text


def require_text(text: str, what: str = "the text", limit: int = MAX_TEXT_CHARS, *,
                 kept: bool = False) -> str:
    """`text` stripped of surrounding whitespace; UserError when blank, too long or holding
    a control character or a hidden data carrier (text that is kept and published: see
    refuse_controls and refuse_hidden). Soft hyphens, zero-width spaces and word joiners
    are removed first, and the text put in the one form the screen reads it as, with a
    note (``kept_form``). ``kept``: ``text`` is already the form to be stored, checked as
    it is and returned unchanged. Either way the string checked is the string returned: the
    door normalised its own copy and a post stored another (an attack review, session 51, 5)."""
    text = check_text(text, what, limit)
    if not kept:
        text = kept_form(text, what).strip()
    return refuse_hidden(refuse_controls(text, what), what)


def kept_form(text: str, what: str = "the text") -> str:
    """``text`` as it is kept: without line-break hints (``without_break_hints``) and in
    the one form the screen reads it as (policies/hidden.plain_layout: plain spaces and
    line feeds, one space between words, no blanks at line ends or starts, one blank line
    at most, NFC, emoji in Unicode's fully-qualified form), with one note
    line on stderr for each when it changed anything. Normalised, not refused: each such
    place reads the same either way, so it could carry a bit nobody sees (an outside
    review, session 50, A1), and authors paste NBSPs and CRLFs without knowing."""
    layout = plain_layout(without_break_hints(text, what))
    note = layout.note(what)
    if note:
        logging.getLogger("socialbot.inputs").warning("%s", note)
    return layout.text


def stored_form(text: str) -> str:
    """``kept_form(text)`` without its notes: what a text typed so is stored as (a reply
    already queued with these words is found by it, social_bot/comments.py)."""
    return plain_layout(drop_break_hints(text)[0]).text


def without_break_hints(text: str, what: str = "the text") -> str:
    """``text`` without its soft hyphens, zero-width spaces and word joiners, with a note on
    stderr when it had any. Each only says where a line may break: pasted text from Word or
    a web page brings soft hyphens, Thai marks word breaks with zero-width spaces, and the
    door refused them all (an outside review's second round, session 50, N1). Removed, not
    refused: no glyph changes, and what is stored, screened and published is the same text
    with nothing invisible left in it to carry bits."""
    kept, removed = drop_break_hints(text)
    if removed:
        logging.getLogger("socialbot.inputs").warning(
            "note: removed %d invisible line-break hint(s) (soft hyphen, zero-width space, "
            "word joiner) from %s; the text is stored, screened and published without them",
            removed, what)
    return kept


def refuse_hidden(text: str, what: str = "the text") -> str:
    """`text` unchanged; UserError naming the first invisible character writing does not
    need (policies/hidden.py: tag characters, variation selectors other than one after an
    emoji, zero-width runs) and its position (1-based). The screen reads the text without
    them while the stored, approved and published text keeps them, so they smuggled a
    patient's name and MRN past it (an outside review, session 50): refused at the door,
    what is hashed and published is then what was screened."""
    found = carrier(text)
    if found is not None:
        raise UserError(f"{what} holds {_described(found)}: remove it")
    reference = _CHAR_REFERENCE.search(text)
    if reference is not None:
        raise UserError(f"{what} holds {reference.group()!r} at character "
                        f"{reference.start() + 1}, an HTML character reference: a platform "
                        "that decodes it shows a character the PHI screen did not read, one "
                        "that does not shows digits it could not read; type the character")
    return text


# An HTML numeric character reference ("&#77;", "&#x4D;"; the ";" is optional to HTML).
# "MRN &#5517302;" passed the screen that blocks "MRN 5517302", and "&#77;&#97;..." spells a
# name wherever entities are decoded (Mattermost's card does; an attack review, session 51,
# 9). Refused rather than decoded for the screen: which reading a reader gets depends on the
# platform, so there is no one text to screen, and nobody types HTML into a practice's post.
_CHAR_REFERENCE = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)")


def _described(found: Carrier) -> str:
    """"U+E004D (tag latin capital letter m) at character 60, an invisible ...": what the
    input check and the stored-revision check both name."""
    return (f"U+{ord(found.char):04X} ({found.name}) at character {found.index + 1}, an "
            "invisible character that can carry text nobody sees")


def stored_carrier(post_id: int, text: str, alts: Sequence[str | None]) -> str | None:
    """Why a revision stored before the door refused data carriers (policies/hidden.py)
    may not be approved or published, or None: its text or an alt text holds one. Approval
    (chat and CLI) and the publisher ask (an outside review's second round, session 50,
    F3: a tag-spelled MRN stored before the upgrade was approved by code and published)."""
    where = [("its text", text), *((f"the alt text of image {n}", alt)
                                   for n, alt in enumerate(alts, start=1) if alt)]
    for what, value in where:
        found = carrier(value)
        if found is not None:
            return (f"post {post_id} cannot be approved or published: {what} holds "
                    f"{_described(found)} (stored without the input check that refuses "
                    "them, by an older socialbot); edit the "
                    f"post (`socialbot post edit {post_id} --text ...`) to remove it, then "
                    "approve the new revision")
        # a no-break space, a CR, an NFD accent, two spaces, a tab, an extra blank line or
        # an emoji selector outside Unicode's sequences stored before the door normalised
        # them (session 51): its hash covers the text as stored, so it is refused like a
        # carrier, not normalised here; an edit with the same words stores the one form
        spot = layout_spot(value)
        if spot is not None:
            return (f"post {post_id} cannot be approved or published: {what} holds "
                    f"U+{ord(spot.char):04X} ({spot.name}) at character {spot.index + 1}, "
                    "where it reads the same as its normalised form and can carry a hidden "
                    "bit (stored before socialbot normalised them); edit the post "
                    f"(`socialbot post edit {post_id} --text ...`, the same words do) and "
                    "approve the new revision")
    return None


_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x0b": "vertical tab",
                  "\x0c": "form feed", "\x1b": "ESC", "\x7f": "DEL"}


def refuse_controls(text: str, what: str = "the text") -> str:
    """`text` unchanged; UserError naming the first C0 control character other than tab,
    line feed and carriage return, or DEL, and its position (1-based). Such a character is
    invisible on a web page, acts on a terminal (ESC c clears an approver's screen) and hid
    an SSN from the screen ("123-45-67\\x0189"; an outside review, session 43): nobody
    writes one into a post, so it is refused at the door rather than published."""
    refuse_surrogates(text, what)
    found = _CONTROL.search(text)
    if found:
        ch = found.group(0)
        name = _CONTROL_NAMES.get(ch, "a control character")
        raise UserError(f"{what} holds U+{ord(ch):04X} ({name}) at character "
                        f"{found.start() + 1}: remove it (a control character is no text)")
    return text


# rendering.control as a character class, for speed on long texts
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


# UTF-8 needs at most 4 bytes a character: a file larger than this holds a text longer than
# any door accepts. Reading stops there, so `--file /dev/zero` (or a multi-gigabyte file)
# is refused at once instead of filling memory for minutes.
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
MAX_BATCH_BYTES = 64 * 1024 * 1024  # a content calendar: many texts, one per line


def read_capped(stream, limit: int, what: str) -> bytes:  # noqa: ANN001 - a binary file
    """At most ``limit`` bytes of ``stream``; UserError if there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UserError(f"{what} is larger than {limit:,} bytes, more than socialbot reads "
                        f"(at most {MAX_TEXT_CHARS:,} characters a text)")
    return data


def surrogate_problem(text: str) -> str | None:
    """Why ``text`` cannot be encoded as UTF-8, or None. A command-line argument that is
    not valid UTF-8 arrives with each bad byte as a lone surrogate (U+DC80-U+DCFF; Python's
    surrogateescape); spaCy and the database then failed with "unexpected
    UnicodeEncodeError" (an outside review, session 43)."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    bad, point = found.start(), ord(found.group(0))
    if 0xDC80 <= point <= 0xDCFF:
        return (f"is not valid UTF-8 (byte 0x{point - 0xDC00:02x} at character {bad + 1}): "
                "set the terminal or the script to UTF-8")
    return f"holds a lone surrogate U+{point:04X} at character {bad + 1}, which is no text"


def refuse_surrogates(text: str, what: str = "the text") -> str:
    """``text`` unchanged; UserError when it cannot be encoded as UTF-8 (surrogate_problem)."""
    problem = surrogate_problem(text)
    if problem:
        raise UserError(f"{what} {problem}")
    return text


def read_text_file(path: str | Path, what: str = "text file",
                   limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file's content, or a UserError that names the file and the reason.

    A byte-order mark at the start (Notepad writes one) is dropped: it is no part of the
    text, and X refused such a file naming U+FFFE while LinkedIn and Facebook kept the mark.
    A FIFO or a socket is refused: opening one waits for a writer, for ever (`--media`
    refused them already; both found by an outside review, session 43)."""
    try:
        if stat.S_IFMT(os.stat(path).st_mode) in (stat.S_IFIFO, stat.S_IFSOCK):
            raise UserError(f"{what} {path} is not a regular file (a pipe or a socket)")
        with os.fdopen(open_checked(path, os.O_RDONLY), "rb") as fh:
            data = read_capped(fh, limit, f"{what} {path}")
        return data.decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        raise UserError(f"{what} not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{what} {path} is a directory") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} {path} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
                        f"at offset {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise UserError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
