"""Checks on text a person hands us, shared by every door (CLI, chat, service functions).

"Empty" means empty to a reader: a draft of zero-width spaces, bidi controls or other
format characters looks blank on every platform, so it is refused like an empty one.
"Too long" is checked before the PHI screen sees the text: spaCy refuses more than a
million characters with a raw E088, and no platform takes a tenth of that.
"""

from __future__ import annotations

from pathlib import Path

from policies.rendering import is_blank
from social_bot.errors import UserError

# Facebook's limit (63,206) is the longest of the three platforms; a comment or a file
# handed to `screen` may be longer than a post, but not by orders of magnitude.
MAX_TEXT_CHARS = 100_000
MAX_ID = 2**63 - 1  # the databases' BIGINT: a larger id names nothing and overflows SQLite

def check_text(text: str, what: str = "the text", limit: int = MAX_TEXT_CHARS) -> str:
    """`text` unchanged (offsets stay valid); UserError when blank or too long."""
    if is_blank(text):
        raise UserError(f"{what} is empty" + ("" if not text.strip() else
                                              " (it holds only invisible characters)"))
    if len(text) > limit:
        raise UserError(f"{what} is {len(text):,} characters; at most {limit:,} are accepted")
    return text


def require_text(text: str, what: str = "the text", limit: int = MAX_TEXT_CHARS) -> str:
    """`text` stripped of surrounding whitespace; UserError when blank or too long."""
    return check_text(text, what, limit).strip()


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


def read_text_file(path: str | Path, what: str = "text file",
                   limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file's content, or a UserError that names the file and the reason."""
    try:
        with Path(path).open("rb") as fh:
            return read_capped(fh, limit, f"{what} {path}").decode("utf-8")
    except FileNotFoundError:
        raise UserError(f"{what} not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{what} {path} is a directory") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} {path} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
                        f"at offset {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise UserError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
