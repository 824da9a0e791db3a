"""A health word that is the topic of a Spanish talk, not anyone's health (session 56, F2/F3).

"Gracias a Elena Vargas, de la biblioteca, por invitarnos a hablar de la presión alta",
"Nuestra promotora Lucía da pláticas sobre la diabetes", "la directora nos invitó a platicar
sobre las vacunas": the condition is what is talked about. The English reading finds this in
the parse (subjects.all_topical: a health term reached only through a talk, a handout or what
someone teaches); the parse reads English only, so in Spanish the host of a talk was judged as
its patient. Here a health word is a topic when a word of talking, teaching or informing, or
a talk's noun, comes right before it with "de", "sobre" or "acerca de" and at most an article
("hablar de la presión alta", "una plática sobre diabetes", "información acerca del cáncer").

Not a topic: a possessive before the word ("habló de su diabetes", "nos contó sobre su
cáncer": their own), nor a telling of what happened ("nos contó de", "compartió su
historia"): those are told of someone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .allow import PhiAllowList, _norm_words
from .hits import Hit
from .lazy_pattern import lazy
from .vocabulary import health_mentions, titles

I = re.IGNORECASE  # noqa: E741

_TALK = (r"hablar|hablarles|hablarle|hablamos|hablaremos|hablar[aá]|habl[oó]|habla|hablan|"
         r"platicar|platicarles|platicamos|platic[oó]|platica|conversar|conversamos|"
         r"ense[nñ]ar|ense[nñ]a|ense[nñ][oó]|ense[nñ]amos|explicar|explica|explic[oó]|"
         r"explicamos|aprender|aprendimos|aprenda|aprendan|educar|educaci[oó]n|informar|"
         r"informaci[oó]n|orientaci[oó]n|pl[aá]ticas?|charlas?|presentaci[oó]n|presentaciones|conferencias?|sesi[oó]n\s+informativa|"
         r"folletos?|volantes?|videos?|preguntas|dudas|consejos|datos|mitos|"
         r"concientizaci[oó]n|conciencia|prevenci[oó]n")
_TOPIC_BEFORE = lazy(r"\b(?:" + _TALK + r")\s+(?:(?:importantes?|b[aá]sic[oa]s?|gratis|"
                     r"gratuit[oa]s?|nuev[oa]s?|breves?)\s+)?(?:de|sobre|acerca\s+de|del|"
                     r"acerca\s+del|para\s+(?:prevenir|controlar|entender))\s+"
                     r"(?:(?:la|el|los|las|c[oó]mo\s+(?:prevenir|controlar|manejar|cuidar|"
                     r"evitar)(?:\s+(?:la|el|los|las))?)\s+)?$", I)


def talk_topic(text: str, start: int) -> bool:
    """The health word at ``start`` is what a Spanish talk, class or handout is about."""
    return bool(_TOPIC_BEFORE.search(text, max(0, start - 80), start))


def staff_talk(text: str, allow: PhiAllowList, hits: Sequence[Hit]) -> bool:
    """The practice's own clinician (a name of its allow-list) gives a talk, and every health
    word of the text is the talk's topic, with nobody else named: "Hoy la Dra. Brooks habló
    sobre la diabetes en la feria de salud" (F1). The learned layers read such a Spanish text
    by its function words and its title ("la Dra.") and blocked it; no patient is in it for
    them to find, so they are not asked (screen._found)."""
    if any(h.category == "name" for h in hits):
        return False  # someone the rules found: the learned layers may read them
    health = health_mentions(text)
    if not health or not all(talk_topic(text, m.start) for m in health):
        return False
    words = f" {_norm_words(text)} "
    return any(f" {listed} " in words for listed in _listed_names(allow.names))


@lru_cache(maxsize=8)
def _listed_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each allow-list entry without its title ("dr. alana brooks" -> "alana brooks"), and
    its last word after a title ("dr. brooks" -> "brooks")."""
    out = []
    for entry in names:
        words = _norm_words(entry).split()
        titled = len(words) > 1 and words[0] in titles()
        rest = words[1:] if titled else words
        if rest and (titled or len(rest) > 1):
            out.append(" ".join(rest))
    return tuple(out)
