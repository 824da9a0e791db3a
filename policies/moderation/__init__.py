"""Comment moderation: flag a comment as negative, abusive, carrying PHI, asking for
medical advice, or spam, each with a score and a reason a person understands.

Importing this package loads no model: VADER and the profanity list load on first use, and
the PHI screen is passed in by the caller (``phi_screen``).
"""

from typing import Any

from policies.moderation.policy import (
    DEFAULT_REPLY_TEMPLATES,
    DEFAULT_THRESHOLDS,
    FLAGS,
    NEVER_AUTO_HIDE,
    Flag,
    ModerationPolicy,
    should_auto_hide,
)


def __getattr__(name: str) -> Any:
    # The classifier (and its compiled lexicons, ~50 ms) loads when first asked for: reading
    # the policy file imports this package for ModerationPolicy alone, and `socialbot screen`
    # / `post create` read the policy but classify no comment.
    if name == "CommentClassifier":
        from policies.moderation.classifier import CommentClassifier

        return CommentClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_REPLY_TEMPLATES",
    "DEFAULT_THRESHOLDS",
    "FLAGS",
    "NEVER_AUTO_HIDE",
    "CommentClassifier",
    "Flag",
    "ModerationPolicy",
    "should_auto_hide",
]
