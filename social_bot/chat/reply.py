"""What the command layer answers: plain data the web layer turns into Slack or Mattermost JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ChatReply:
    """One answer to a person in chat.

    ``later`` is slow work (a platform call) to run after the immediate answer; its own
    reply goes to the request's ``response_url``. ``replace_original`` is for button
    clicks: True updates the message that carried the button.
    """

    text: str
    blocks: list[dict[str, Any]] | None = None
    in_channel: bool = False
    replace_original: bool | None = None
    later: Callable[[], ChatReply] | None = field(default=None, compare=False)
    ok: bool = True  # False for refusals (tests and metrics read it; never sent)
    # (door, guard.Cleared): this reply as it already went through the chat guard for that
    # door (a `show` answer: the view is recorded from what the guard let out). The web
    # layer sends it as it is; any other door, or a reply without it, is released there.
    released: tuple[str, Any] | None = field(default=None, compare=False)

    def body(self, flavour: str) -> dict[str, Any]:
        """The JSON for ``flavour`` ("slack" or "mattermost"), before the chat guard."""
        return self.as_slack() if flavour == "slack" else self.as_mattermost()

    def as_slack(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "response_type": "in_channel" if self.in_channel else "ephemeral",
            "text": self.text,
        }
        if self.blocks:
            body["blocks"] = self.blocks
        if self.replace_original is not None:
            body["replace_original"] = self.replace_original
        return body

    def as_mattermost(self) -> dict[str, Any]:
        return {"response_type": "in_channel" if self.in_channel else "ephemeral",
                "text": self.text}
