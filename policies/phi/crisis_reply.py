"""A reply that repeats, to its reader, what a comment said of suicide or self-harm (session
47): "We're sorry you no longer want to live", "Lamentamos que ya no quiera vivir".

Posted under the comment, in the practice's voice, beside the commenter's name, it tells
everyone that person's mental health (the most sensitive kind), and a public echo is not
help. The comment's `crisis` flag already tells staff to reach out privately; in public the
practice answers with the `crisis` reply template, which points to 988 and the office and
quotes nothing. The reading is the `crisis` flag's own constructions, English and Spanish
(policies/moderation/crisis.py, `restated`), said of the reply's reader."""

from __future__ import annotations

from policies.moderation.crisis import restated

from .hits import Hit
from .lazy_pattern import lazy

RULE = "reply_restates_crisis"
_SENTENCE = lazy(r"[^.!?\n]+[.!?]*")


def crisis_reply_hits(text: str) -> list[Hit]:
    """One hit on the first sentence of a reply (normalised text) that says to its reader
    what the `crisis` flag reads as suicide or self-harm; none otherwise."""
    for sentence in _SENTENCE.finditer(text):
        if restated(sentence.group(0)):
            start = sentence.start() + len(sentence.group(0)) - len(sentence.group(0).lstrip())
            return [Hit("name", start, sentence.end(), "", 0.8, RULE,
                        "The reply repeats, to the person it answers, what the comment "
                        "says of suicide or self-harm: in public, beside their name, that tells "
                        "everyone their mental health. Reach out to them privately, and in "
                        "public answer only with the 'crisis' reply template (socialbot "
                        "comments reply ID --template crisis), which points to 988 and "
                        "quotes nothing",
                        redaction="[the 'crisis' reply template]")]
    return []
