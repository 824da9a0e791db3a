"""What the approval card adds about the author's decisions and the media, built from
`post_detail` (chat/render.py places these lines; this module decides what they say).

Approvers vote on what they were shown, so every dismissed finding is listed with its
reason and the authorization it rests on, and a post with images says so: how many, of
what type and size, what metadata was removed, each image's alt text (it is published with
the image; it was screened, and chat's guard screens it again like all text a person
wrote), and how each face was cleared (the dismissals). The image itself is never on the
card: its pixels are text nobody in chat has read, so a card with images says it is no read
in full (``images_note``; session 50, finding 3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit


def lapsed(dismissal: Any) -> str | None:
    """Why a finding's dismissal (as `dismissals.dismissal_view` shows it) no longer clears
    it, or None: the authorization it cites is revoked, expired or untrustworthy, or does
    not cover the finding. Such a finding blocks again: `post show` labels it BLOCKS, the
    card's line says so in the same words (`dismissals.dismissal_line`), and chat names
    neither the finding nor the patient (chat/guard.py)."""
    consent = dismissal.get("consent") if isinstance(dismissal, dict) else None
    if not consent:
        return None
    return consent.get("problem") or consent.get("not_covered") or None


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def media_line(media: list[dict[str, Any]], mark: Callable[[str], str] = lambda s: s
               ) -> str | None:
    """One line for the images: type, size, what metadata was removed (fixed words).
    ``mark``: its head, "Media: N image(s):", is socialbot's own (chat/ownwords.py)."""
    if not media:
        return None
    parts = []
    for m in media:
        kind = (m.get("type") or "image").upper()
        dims = f" {m['width']}x{m['height']}" if m.get("width") else ""
        size = f", {_size(m['size'])}" if m.get("size") else ""
        alt = "" if m.get("alt") else ", NO ALT TEXT"
        removed = f" (removed: {', '.join(m['removed'])})" if m.get("removed") else ""
        parts.append(f"{kind}{dims}{size}{alt}{removed}")
    return mark(f"Media: {len(media)} image(s):") + " " + "; ".join(parts)


def alt_lines(media: list[dict[str, Any]], escape: Callable[[str], str]) -> list[str]:
    """Each image's alt text as it will be published: a person's words, escaped and not
    marked as socialbot's own, so the chat guard screens them (an outside review, session
    43: approvers voted without seeing what went out with the image)."""
    return [f"Alt text of image {n}: {escape(m['alt'])}"
            for n, m in enumerate(media, start=1) if m.get("alt")]


# A link outside the policy's allow_domains: the platform builds a preview card (title,
# description, picture) from the page when it publishes, and whoever runs the page chooses
# what it shows, then or after the vote. The screen only warns on such a link (rule "url",
# policies/phi/contacts.urls); approvers vote on the address, never on the card (an outside
# review, session 50, finding 6). So each view of a post says so beside its text.
PREVIEW_NOTE = ("the platform builds a card from that page when it publishes; nobody "
                "screened or approved it, and whoever runs the page can change it")


def link_host(url: str) -> str:
    """The host of a link as the screen found it ("bit.ly/x", "https://Example.net:8/a"), as
    a browser reads it: "\\" ends the host there as "/" does, so
    "https://evil.net\\@practice.example/h" goes to evil.net, not to the practice's own
    domain urlsplit named (session 50, second attack review, N4)."""
    url = url.replace("\\", "/")
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def unscreened_previews(findings: list[dict[str, Any]]) -> list[str]:
    """The hosts of the text's links the screen let through outside allow_domains (each
    once): a blocked link is no preview, it blocks the post (and chat never names it)."""
    hosts = [link_host(str(f.get("text") or "")) for f in findings
             if f.get("category") == "url" and f.get("severity") != "block"
             and (f.get("source") or "text") == "text"]
    return list(dict.fromkeys(h for h in hosts if h))


def preview_line(detail: dict[str, Any], escape: Callable[[str], str] = lambda s: s,
                 mark: Callable[[str], str] = lambda s: s) -> str | None:
    """"link preview not screened: example.net (...)", or None when no link needs it."""
    hosts = detail.get("previews") or []
    if not hosts:
        return None
    return (mark("link preview not screened:") + " " + escape(", ".join(hosts))
            + " " + mark(f"({PREVIEW_NOTE})"))


def images_note(post_id: int) -> str:
    """Said on a card of a post with images: chat does not carry them, so what they show
    was read by nobody in chat and the card is no read in full (an outside review, session
    50, finding 3: a QR code naming a patient was approved from the card and published)."""
    return (f"Chat cannot show the images, so this card is not a read in full. Look at them "
            f"(`socialbot post show {post_id}` gives each cleaned file) and approve with the "
            f"code: `/socialbot approve {post_id} CODE`.")


def review_lines(detail: dict[str, Any], escape: Callable[[str], str] = lambda s: s,
                 mark: Callable[[str], str] = lambda s: s) -> list[str]:
    """Lines for the approval card and `/socialbot show`: unscreened link previews, media
    and alt texts, then dismissals.
    ``mark`` wraps socialbot's own words for the chat guard (chat/ownwords.py)."""
    previews = preview_line(detail, escape, mark)
    lines = [previews] if previews else []
    media = list(detail.get("media") or [])
    line = media_line(media, mark)
    if line:
        lines.append(line)
        lines.append(mark(images_note(detail["id"])))
    lines += alt_lines(media, escape)
    from social_bot.dismissals import dismissal_lines

    dismissed = dismissal_lines(detail.get("findings") or [], escape, mark)
    if dismissed:
        lines.append(mark(f"Dismissed by the author ({len(dismissed)}), check before you vote:"))
        lines += [f"• {d}" for d in dismissed]
    return lines
