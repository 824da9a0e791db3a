"""Comment moderation: flag a comment as negative, abusive, carrying PHI, asking for
medical advice, or spam, each with a score and a reason a person understands.

Importing this package loads no model: VADER and the profanity list load on first use, and
the PHI screen is passed in by the caller (``phi_screen``).
"""

from policies.moderation.classifier import CommentClassifier
from policies.moderation.policy import (
    DEFAULT_REPLY_TEMPLATES,
    DEFAULT_THRESHOLDS,
    FLAGS,
    NEVER_AUTO_HIDE,
    Flag,
    ModerationPolicy,
    should_auto_hide,
)

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
