"""Photos, videos and biometrics described in a post: who does the picture show?

A practice's post describes its picture in words ("[Photo: ...]", "Pictured: ...") because
the platform's alt text and the screen-review media pipeline see the file, the screen sees
only the text. A picture of a patient identifies them (Safe Harbor: full-face photographs and
comparable images; biometric identifiers), so the question is whether the text says a person
who is not staff is shown, and whether it ties them to care. What the text says about consent
matters only when it is a written authorization: "with his OK", "she said it was fine to
post" are a person agreeing to be shown, which confirms someone is shown and is not a HIPAA
authorization (that is the consent registry, `socialbot consent`, and the dismissal reason
"written HIPAA authorization on file")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .candidates import KIN, PERSON_NOUN, STAFF_WORDS
from .lazy_pattern import lazy
from .prefilter import gated

I = re.IGNORECASE  # noqa: E741

_MEDIA = r"(?:photos?|pictures?|pics?|images?|videos?|vids?|clips?|selfies?|footage|gifs?|reels?)"
# the words of a described picture: "[Photo: ...]", "(video: ...)", "Pictured: ...", "In this
# photo, ..." (the description runs to the bracket or the end of the sentence)
_DESCRIBED = gated(
    r"[\[(]\s*(?:[\w-]+\s+){0,2}?" + _MEDIA + r"\b(?P<b>[^\])]{0,300})[\])]|"
    r"\b(?:pictured|shown|(?:in|on) (?:the|this|our) " + _MEDIA + r")\s*(?:here\s*)?[:,\-–—]"
    r"(?P<s>[^.!?\n\]]{0,200})|"
    # "a pic of one of our regulars finishing her last infusion"
    # ... or a capture from one: "a gait video from one of our players after her ACL repair"
    r"\b(?:" + _MEDIA + r"|scans?|prints?|recordings?)\s+(?:of|showing|from)\s+"
    r"(?P<o>[^.!?\n\]]{0,200})",
    I,
)
# a face the text says can be seen: "face fully visible", "faces clearly shown", "full-face"
FACE = gated(
    r"\bfaces?\s+(?:is\s+|are\s+)?(?:(?:fully|clearly|partly|partially|completely|easily)\s+)?"
    r"(?:visible|shown|in view|recogni[sz]able|identifiable|uncovered|unblurred)\b|"
    r"\bfull[- ]face\b|\bunblurred\b",
    I,
)
# a person's own say-so, which is not a written authorization: "with his OK", "with their
# blessing", "she said it was fine to post", "he gave us the thumbs-up to share"
INFORMAL_OK = gated(
    r"\bwith\s+(?:his|her|their|the family['’]s|(?:(?:his|her|their)\s+)?(?:mom|dad|mum|"
    r"mother|father|parents?|family)['’]s?)\s+(?:full\s+|verbal\s+|enthusiastic\s+)?(?:ok|okay|"
    r"blessing|permission|consent|go-ahead|thumbs[- ]up|approval|say-so)\b|"
    r"\b(?:he|she|they)\s+(?:said|says|told us|agreed)\s+(?:that\s+)?(?:it\s+(?:was|is|['’]s)|"
    r"we\s+(?:could|can|may)|to)\b[^.!?\n]{0,30}?\b(?:post|share|show|use)\b|"
    r"\b(?:gave|give|gives|got)\s+us\s+(?:the\s+|(?:his|her|their)\s+)?(?:ok|okay|"
    r"thumbs[- ]up|go-ahead|permission|blessing)\b|\bverbal\s+(?:ok|okay|consent|permission)\b|"
    r"\bshared with (?:(?:his|her|their)\s+)?(?:permission|blessing)\b",
    I,
)
# "Look who's back", "look who stopped by": a teaser about one person everyone will recognise
TEASER = lazy(r"\blook\s+who(?:['’]s|\s+is|\s+came|\s+stopped|\s+walked|\s+dropped|"
              r"\s+got|\s+made|\s+finished)\b", I)
_PERSON = lazy(
    r"(?<!\bfor )(?<!\bto )(?<!\bawaiting )\b(?:(?:" + PERSON_NOUN + r"|" + KIN + r")s?|"
    r"teenagers?|kids|toddlers|babies|men|women|people|folks|he|she|him|his|her|grandparents?|"
    r"seniors?|gentlemen|ladies|dads|moms|parents|couple|someone|somebody)\b",
    I,
)
# staff shown at work are not patients: "our nurses", "Dr. Lee", "the front desk team"
_STAFF = lazy(
    r"\b(?:our|the|a|an|two|three|some|all)?\s*(?:[\w-]+\s+){0,2}?(?:" + STAFF_WORDS
    + r")s?\b|\b(?:dr|doctor|nurse|np|pa)\.?\s+[A-Z][\w'’-]+",
    I,
)
PICTURE = lazy(r"\b(?:" + _MEDIA + r"|pictured|snapped|photographed|filmed)\b|📸|🎥|📷|🤳", I)
# a kind of thing, not a person shown: "children's books", "a women's health fair"
_GENERIC_POSSESSIVE = lazy(r"\b(?:children|kids|women|men|people|babies|parents|teens|"
                           r"girls|boys|seniors|families)['’]s?", I)
_PRONOUN = lazy(r"\b(?:he|she|him|his|her|hers|they|them|their)\b", I)
DEMO = lazy(r"\bhow to\b|\bdemonstrat\w*|\bexplain\w*|\bstep[- ]by[- ]step\b", I)
_ANIMAL = lazy(r"\b(?:dog|dogs|puppy|pup|cat|kitten|horse|pony|mascot)\b", I)


@dataclass(frozen=True)
class Shown:
    """A person the text says a picture shows: the span to highlight and why it is a patient."""

    start: int
    end: int
    because: str


def described(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each described picture's words ("scan" in "a scan of ..." is
    the medium, not the care of the person shown)."""
    out = []
    for m in _DESCRIBED.finditer(text):
        group = next(g for g in ("b", "s", "o") if m.group(g) is not None)
        out.append((m.start(group), m.end(group), m.group(group) or ""))  # the words alone
    return out


def person_in(words: str) -> bool:
    """The description names a person who is not staff: "smiling teen in a sling", "patient
    in the infusion chair"; not "our nurses at the walk", "the new lobby", "the clinic dog"."""
    words = _GENERIC_POSSESSIVE.sub(" ", words)
    rest = _STAFF.sub(" ", words)
    if rest != words:  # staff were named: "her", "his" are theirs ("Dr. Lee with her stethoscope")
        rest = _PRONOUN.sub(" ", rest)
    return bool(_PERSON.search(rest))


def shown_person(text: str, health_spans: list[tuple[int, int]],
                 patient_word: bool) -> Shown | None:
    """The picture the text describes shows a patient: a described picture of a person who is
    not staff, with health or care in its description, or whose face the text calls visible,
    or whose own say-so the text reports, or who is a patient; or a picture with a teaser
    ("look who's back") or a say-so and health anywhere in the text. None otherwise."""
    face, ok, teaser = FACE.search(text), INFORMAL_OK.search(text), TEASER.search(text)
    if not health_spans:
        return None
    for start, end, words in described(text):
        if not person_in(words) or DEMO.search(words) and not patient_word:
            continue  # "a video showing how to give an EpiPen to a child": nobody in particular
        inside = [s for s, e in health_spans if start <= s < end]
        if inside and not _ANIMAL.search(words):
            return Shown(start, end, "a person shown with health or care in the picture")
        if face or ok or teaser or patient_word:
            return Shown(start, end, f"a person shown, with {_why(face, ok, teaser)}")
    # no description, but a picture, and a face, a say-so or a teaser about one person
    cue = face or ok or teaser
    if cue and PICTURE.search(text):
        return Shown(cue.start(), cue.end(), f"a picture with {_why(face, ok, teaser)}")
    return None


def _why(face: object, ok: object, teaser: object) -> str:
    return ("a visible face" if face else "a verbal OK, which is not a written authorization"
            if ok else "a teaser about one person" if teaser else "a patient")


# A biometric is a trait of the body read by a sensor: a trait word with a capture word
# ("palm-vein scan", "iris image", "gait video"), or a print ("thumbprint", "voiceprint").
# Gait, face and voice alone are everyday words in care ("gait training"); with a capture
# word they are a recording of one person.
BIOMETRIC = gated(
    r"\b(?:finger|thumb|palm|voice|face|foot|hand|toe|paw)[- ]?prints?\b|"
    r"\b(?:palm|finger|hand|wrist)[- ]veins?\b|\bretina(?:l)?\b|\bfundus (?:photo|image)s?\b|"
    r"\b(?:iris|face|facial|ear|gait|vein|voice|hand[- ]geometry)[\s-]+(?:[\w-]+\s+)?(?:scans?|"
    r"images?|photos?|maps?|patterns?|recordings?|videos?|clips?|samples?|templates?|"
    r"captures?|signatures?|recognition|biomarkers?|footage)\b|\bvoice[- ]biomarkers?\b|"
    r"\bhand geometry\b|\bdna (?:profile|sample|results?|test)|\bgenetic test results?\b|"
    # the same in Spanish (session 54): a print ("huella digital", "huellas dactilares", "la
    # huellita del pie", "huellitas del bebé"), a trait with its capture in either order
    # ("escaneo de iris", "huella escaneada", "reconocimiento facial", "grabación de su voz");
    # a bare "huella" is a mark left ("dejó huella en la comunidad") and is not read, nor is
    # a print named as a way in or the kind of a reader ("registro con huella digital",
    # "entrar con su huella", "checador de huella digital": session 52's outside review)
    r"(?<!\bde\s)(?<!\bcon\s)(?<!\bpor\s)(?<!\bcon\ssu\s)(?<!\bcon\ssus\s)"
    r"\bhuellas?\s+(?:digital(?:es)?|dactilar(?:es)?)\b|"
    r"\bhuellas?\s+(?:del?\s+)?(?:(?:la|el|los|las|su|sus)\s+)?(?:pies?|manos?|pulgar|dedos?)\b|"
    r"\bhuellit(?:a|as)\s+(?:de(?:l|\s+la|\s+las|\s+los|\s+su|\s+sus|\s+nuestr[oa])?\s+)?"
    r"(?:(?:primer|nuev[oa])\s+)?(?:pies?|piecitos?|manos?|manitas?|beb[eé]s?|bebit[oa]s?|"
    r"reci[eé]n\s+nacid[oa]s?)\b|"
    r"\bhuellas?\s+(?:digital\s+|dactilar\s+)?(?:escanead|registrad|capturad|tomad)[oa]s?\b|"
    r"\b(?:escaneos?|im[aá]gen(?:es)?|fotos?|lecturas?|mapas?)\s+(?:de(?:l)?\s+)?"
    r"(?:(?:la|el|las|los|su|sus)\s+)?(?:iris|retina|venas?\s+de\s+la\s+(?:palma|mano))\b|"
    r"\breconocimiento\s+facial\b|\bhuella\s+de\s+(?:la\s+)?voz\b|"
    r"\bgrabaci[oó]n(?:es)?\s+de\s+(?:su\s+)?voz\b",
    I,
)
# the text presents a capture to its readers: "here's the first scan", "listen to", "📸"
PRESENTED = lazy(
    r"\b(?:here['’]?s|here (?:is|are)|this (?:is|one)|these are|check out|look at|take a look|"
    r"watch|hear|listen|below|attached|see (?:the|this|it|how|what)|shar(?:e|ed|ing)|"
    r"post(?:ed|ing)|the (?:very )?first (?:scan|print|image|capture|recording|one))\b|"
    r"📸|🎥|📷|🔊|🎧|👇|👀|"
    # Spanish: "aquí está", "les compartimos", "miren", "escuchen", "abajo", a photo named
    r"\b(?:aqu[ií]\s+(?:est[aá]n?|va|van|les|tienen|la|las|el|los|su|sus)|"
    r"les\s+(?:compartimos|presentamos|mostramos|dejamos)|compart(?:imos|o|iendo)|miren|mira|"
    r"vean|escuchen|abajo|adjunt[oa]s?|(?:en\s+)?la\s+foto|foto\s+de)\b",
    I,
)


# A presented Spanish capture is a patient's when one is its owner in the same words (session
# 54): "su huella", "la grabación de su voz", "el escaneo de iris de nuestro paciente", "las
# huellas dactilares de la paciente". "Paciente" elsewhere is anyone's ("el escaneo de retina:
# un paciente con diabetes debe hacérselo cada año": advice; session 52's outside review).
_SU_BEFORE = lazy(r"\b(?:su|sus)\s+$", I)
_SU_IN = lazy(r"\b(?:su|sus)\b", I)
_OWNER_AFTER = lazy(
    r"\s*,?\s+(?:de|del)\s+(?:(?:la|el|una?|nuestr[oa]|est[ea]|es[ea])\s+)?(?:paciente|"
    r"pacientita|beb[eé]|bebit[oa]|reci[eé]n\s+nacid[oa]|niñ[oa]|señor[a]?|abuelit[oa]|joven)\b|"
    r"\s*,?\s+(?:de|del)\s+(?:(?:don|doña)\s+)?(?-i:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b",
    I,
)


def patients_capture(text: str, m: re.Match[str]) -> bool:
    """The biometric `m` belongs to a patient the words around it name (above)."""
    return bool(_SU_BEFORE.search(text, max(0, m.start() - 6), m.start())
                or _SU_IN.search(m.group(0)) or _OWNER_AFTER.match(text, m.end()))


def biometric(text: str) -> re.Match[str] | None:
    """A biometric capture the text presents (a new scanner announced is not one)."""
    m = BIOMETRIC.search(text)
    return m if m and PRESENTED.search(text) else None
