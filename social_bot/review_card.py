"""What the approval card adds about the author's decisions and the media, built from
`post_detail` (chat/render.py places these lines; this module decides what they say).

Approvers vote on what they were shown, so every dismissed finding is listed with its
reason and the authorization it rests on, and a post with images says so: how many, of
what type and size, what metadata was removed, and how each face was cleared. The image
itself is not on the card unless the policy says so (an image is text nobody has read).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def media_line(media: list[dict[str, Any]]) -> str | None:
    if not media:
        return None
    parts = []
    for m in media:
        kind = (m.get("type") or "image").upper()
        dims = f" {m['width']}x{m['height']}" if m.get("width") else ""
        size = f", {_size(m['size'])}" if m.get("size") else ""
        alt = "" if m.get("alt") else ", NO ALT TEXT"
        parts.append(f"{kind}{dims}{size}{alt}")
    return f"Media: {len(media)} image(s): " + "; ".join(parts)


def review_lines(detail: dict[str, Any], escape: Callable[[str], str] = lambda s: s,
                 mark: Callable[[str], str] = lambda s: s) -> list[str]:
    """Lines for the approval card and `/socialbot show`: media, then dismissals.
    ``mark`` wraps socialbot's own words for the chat guard (chat/ownwords.py)."""
    lines = []
    line = media_line(list(detail.get("media") or []))
    if line:
        lines.append(line)
    from social_bot.dismissals import dismissal_lines

    dismissed = dismissal_lines(detail.get("findings") or [], escape, mark)
    if dismissed:
        lines.append(f"Dismissed by the author ({len(dismissed)}), check before you vote:")
        lines += [f"• {d}" for d in dismissed]
    return lines
