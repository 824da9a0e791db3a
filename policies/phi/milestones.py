"""A recovery milestone is a health condition told in everyday words.

"18 months off heroin", "three months vape-free", "one year without a drink", "90 days
sober", "seis meses sin fumar": a span of time kept free of a substance or a harmful habit
tells a substance-use (or self-harm, eating) disorder in remission as plainly as the
diagnosis would, but no code list spells it so: ICD-10-CM says "alcohol dependence, in
remission". The construction, not a list of phrases, is what is read here: a duration, a
word of going without, and what was given up (a closed class of substances and habits, in
English and Spanish); or a habit someone "finally quit". vocabulary.py reads each match as a
lay condition, so it ties to a person like any other (a name, "our patient", a reply);
with nobody in the text ("Dry January: 31 days without alcohol, who's in?") it is no
finding."""

from __future__ import annotations

import re

from .prefilter import gated

_NUMBER = (r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|eighteen|twenty|thirty|sixty|ninety|a\s+full|a\s+whole|un|una|dos|tres|"
           r"cuatro|cinco|seis|siete|ocho|nueve|diez|doce|primer|primera")
_DURATION = (r"(?:(?:" + _NUMBER + r")\s+(?:straight\s+|whole\s+|full\s+)?(?:days?|weeks?|months?|"
             r"years?|yrs?|d[ií]as?|semanas?|mes(?:es)?|años?)|day\s+\d{1,3}|d[ií]a\s+\d{1,3})")
# what is given up: substances and harmful habits (a closed class, English and Spanish)
_GIVEN_UP = (r"(?:drinks?|drinking|alcohol|booze|the\s+bottle|heroin|opioids?|opiates?|pills|"
             r"painkillers|fentanyl|meth|cocaine|crack|drugs|using|cigarettes?|smoking|smokes|"
             r"tobacco|nicotine|vap(?:e|es|ing)|the\s+vape|dip|chew|weed|cannabis|marijuana|"
             r"gambling|cutting|self-?harm(?:ing)?|purging|binge(?:ing)?|bingeing|fumar|tomar|"
             r"beber|drogas|cigarros|alcohol)")
_WITHOUT = (r"(?:off(?:\s+of)?|without|with\s+no|free\s+(?:of|from)|away\s+from|clean\s+(?:of|"
            r"from)|sober\s+from|sin)\s+(?:(?:a|any|the|an?)\s+)?")
# "1 year dry" (session 56, S11): dry is sobriety after a span of time someone kept
_FREE = (r"(?:clean|sober|dry|smoke-?free|vape-?free|nicotine-?free|alcohol-?free|drug-?free|"
         r"drink-?free|tobacco-?free|limpio|limpia|sobrio|sobria)")
MILESTONE = gated(
    r"\b(" + _DURATION + r"\s+(?:\w+\s+)?" + _WITHOUT + _GIVEN_UP + r"|" + _DURATION + r"\s+"
    + _FREE + r"|(?:finally|officially|just|successfully|has|have|had)\s+(?:quit|kicked|gave\s+up|"
    r"given\s+up)\s+(?:the\s+)?" + _GIVEN_UP + r"|dej[oó]\s+de\s+(?:fumar|tomar|beber))\b",
    re.IGNORECASE)


def milestones(text: str) -> list[re.Match[str]]:
    """The recovery milestones in a text (group 1 is the span)."""
    return list(MILESTONE.finditer(text))
