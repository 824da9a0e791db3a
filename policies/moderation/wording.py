"""A comment flag and its reason in the words a practice manager reads on screen.

The classifier's reasons carry how each reading was reached: the models' probabilities and
the words that drove them ("(model 0.97, driven by "idiots", "fired")", "(practice-comment
model 0.98, ...)", "(second look 0.99)", "sentiment -0.32", "VADER compound score"). Those
are for whoever tunes the classifier; a person deciding what to do with a comment needs
what was read and the flag's meaning (session 52's newcomer reading). `comments classify`,
`comments list` and the demo show ``plain_reason`` and ``flag_words``; `--json`, the
database and the audit trail keep the reason and the flag's machine name as they were.
"""

from __future__ import annotations

import re

# what each flag (policy.ALL_FLAGS) means, as the screen says it
FLAG_WORDS: dict[str, str] = {
    "negative": "unhappy or critical",
    "abuse": "insulting or abusive",
    "phi": "someone else's health details",
    "self_disclosure": "tells of their own or their family's health",
    "medical_advice": "asks for medical advice",
    "spam": "spam or an advertisement",
    "unjudged": "not read (a language socialbot cannot read)",
    "crisis": "may be a person in crisis",
    "too_long": "too long to check (read it on the platform)",
    "unchecked": "not checked automatically (read it on the platform)",
    "unstorable": "holds characters socialbot cannot store (read it on the platform)",
}

# below this a raised flag is shown as "a weak reading" (the number itself is in --json)
WEAK = 0.5

_SCORE = r"[+-]?\d+\.\d+"
_QUOTED = r'"[^"]*"(?:,\s*"[^"]*")*'
# "(model 0.97, driven by "a", "b"; rules 0.80)", "(practice-comment model 0.98, driven by
# "a"; before it 0.40)": the whole bracket, which says nothing else
_MODEL_PART = re.compile(
    r"\s*\((?:practice-comment\s+)?model\s+" + _SCORE + r"(?:,\s*driven by\s+" + _QUOTED
    + r")?(?:;\s*(?:rules|before it)\s+" + _SCORE + r")?\)")
_SECOND_LOOK = re.compile(r"\s*\(second look\s+" + _SCORE + r"\)")
_SENTIMENT = re.compile(r";\s*sentiment\s+" + _SCORE + r"\)")
_WHOLE = re.compile(r"Read as a whole, (reads|tells|asks)\b")
_VADER = re.compile(r"Negative sentiment \(VADER compound score\s+" + _SCORE + r"\)")


def plain_reason(reason: str) -> str:
    """``reason`` without the models' scores and drivers; what the rules read stays."""
    out = _VADER.sub("Reads as unhappy", reason)
    out = _MODEL_PART.sub("", out)
    out = _SECOND_LOOK.sub("", out)
    out = _SENTIMENT.sub(")", out)
    out = _WHOLE.sub(r"Read as a whole, it \1", out)  # SECOND_LOOK_READS has no subject
    return re.sub(r"\.\.", ".", out).strip()


def flag_words(flag: str) -> str:
    """``flag`` in words, with its machine name (what `--json` and the policy call it)."""
    said = FLAG_WORDS.get(flag)
    return f"{said} ({flag})" if said else flag
