"""A comment about suicide or self-harm, the commenter's own or someone's they speak of
("I have been thinking about ending it all", "my brother says he wants to end his life",
"pienso en suicidarme"): the `crisis` flag, which puts it in front of a person today with
what to do, and is never hidden automatically (policy.NEVER_AUTO_HIDE).

Hand-built constructions, not a word list: "suicide" alone is also a prevention walk, a
988 awareness share or a grief group, and "kill", "die", "morir" are figures of speech more
often than not ("this heat is killing me", "dying to try the new class", "me muero de
risa"). Each construction needs a person (the commenter, or he/she/they, or a reflexive
verb) and a wish, an intent, a thought or an act. Kept lexicons were looked at and not used
(docs/moderation.md, "Session 46"): the published ones are risk-factor vocabularies built to
score posts (loneliness, grief, insomnia), which would put every grief question in front of
staff as an emergency, or keyword lists without a licence.

Matched on the comment lower-cased with accents removed (features.fold): "suicídate",
"quítate" read as "suicidate", "quitate".
"""

from __future__ import annotations

import re

from policies.moderation.features import fold

# who the thought belongs to, as an object of "kill"/"hurt": the commenter or the person
# spoken of; never "yourself" ("go kill yourself" is incitement: abuse, lexicon.THREAT_RE)
# one optional word that is not a negation ("I'm not suicidal", "I dont want to die")
_W = r"(?:(?!(?:not|never|don'?t|doesn'?t|didn'?t|won'?t|can'?t|no)\b)[\w']+\s+)?"
_SELF = r"(?:myself|himself|herself|themselves|themself|ourselves)"
_LIFE = r"(?:my|his|her|their|our) (?:own )?life"
# a wish, intent, thought or attempt in front of an act ("wants to", "been thinking about",
# "tried to", "planning to"); "I'm going to kill myself" is one too, "dying to try" is not
_WISH = (r"(?:want(?:s|ed)? to|wanna|wish(?:es|ed)? (?:i|he|she|they) could|"
         r"(?:thinking|thought|thinks|talk(?:s|ing|ed)?|tal?king) (?:about|of)|"
         r"tr(?:y|ies|ied|ying) to|plan(?:s|ned|ning)? (?:to|on)|going to|gonna|"
         r"(?:'ll|will) (?:just )?|urge to|thoughts? of|decided to|ready to|about to)")
# English: an act on oneself after a wish, or a construction that is the wish itself
_EN = re.compile(
    # "been thinking about ending it all", "wants to end his life", "tried to take her own life"
    rf"\b{_WISH}\s+{_W}(?:end(?:ing)? (?:it all|{_LIFE}|(?:my|his|her|their) "
    rf"(?:own )?(?:life|lives))|tak(?:e|ing) {_LIFE}|"
    # "kill myself", but not "killing myself at the gym / to get there on time / laughing"
    rf"kill(?:ing)? {_SELF}(?! (?:laughing|at (?:the|work)|to (?:get|make|finish)|over|with)\b)|"
    rf"(?:hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?) {_SELF}|"
    r"jump(?:ing)? off (?:a|the|that) (?:bridge|roof|building|cliff)|"
    r"unalive (?:myself|himself|herself|themselves)|disappear (?:forever|for good))|"
    # an overdose wished, planned or tried ("tried to overdose", "thinking about
    # overdosing"), not one talked about ("talking about the overdose he had", "opioid
    # overdoses": an accident or the news)
    r"\b(?:want(?:s|ed)? to|wanna|tr(?:y|ies|ied|ying) to|plan(?:s|ned|ning)? (?:to|on)|"
    r"going to|gonna|(?:thinking|thought) (?:about|of)) overdos(?:e|ing)\b|"
    # the wish itself: "I want to die" (not "dying to try"), "wish I were dead"
    rf"\b(?:i|he|she|they|i just|i really)\s+{_W}(?:want(?:s)?|wanna) (?:to )?die\b"
    r"(?! (?:of|from|laughing|lol|haha|of embarrassment)\b)|"
    r"\bwish(?:es)? (?:i|he|she|they) (?:was|were|had) (?:dead|never been born)\b|"
    r"\b(?:i'?d|he'?d|she'?d|they'?d|i would|everyone would|everybody would|world would)"
    r" be better off (?:dead|without (?:me|him|her|them))\b|"
    r"\b(?:i|he|she|they) (?:\w+ )?(?:do(?:es)?n'?t|do(?:es)? not) want to (?:live|be alive|"
    r"wake up)(?: anymore| any more| again)?\b|"
    r"\b(?:no reason|nothing left|nothing) to live for\b|\bno (?:reason|point) (?:in )?living\b|"
    r"\b(?:life|living) (?:is(?:n'?t| not)|isnt) worth (?:living|it anymore)\b|"
    r"\b(?:tired of|done with) (?:living|being alive|life)\b|"
    # "suicidal" said of a person: "I feel suicidal", "my son is suicidal", "suicidal thoughts"
    rf"\b(?:i'?m|am|is|was|been|feel(?:s|ing)?|felt|are|get(?:s|ting)?) {_W}suicidal\b|"
    r"\bsuicidal (?:thoughts?|ideation|feelings?|urges?)\b(?! (?:awareness|prevention))|"
    # an attempt or a plan: "attempted suicide", "her suicide attempt", "thinking about suicide"
    r"\b(?:attempt(?:ed|s)?|tried|considering|contemplating|thinking (?:about|of)|"
    r"thought (?:about|of)) suicide\b|"
    r"\b(?:my|his|her|their|a) (?:\w+ )?suicide (?:attempt|plan|note)s?\b|"
    # self-harm as something a person does ("she's been cutting herself", "self-harming")
    rf"\b(?:been|started|keeps?|caught \w+|is|was|are|stop) cutting {_SELF}\b|"
    r"\bself[- ]?harm(?:ing|s|ed)\b|"
    r"\b(?:my|his|her|their) (?:\w+ )?self[- ]?harm\b(?! (?:awareness|prevention))"
)
# Spanish: reflexive verbs carry the person ("suicidarme", "se quiere quitar la vida")
_ES = re.compile(
    # "pienso en suicidarme", "se quiere suicidar", "intentó suicidarse"; not the completed
    # act told in the third person ("se suicidó": grief, not a crisis today)
    r"\bsuicidar(?:me|se|te|nos)\b|\b(?:me|se|te) (?:\w+ ){0,2}suicid(?:ar|o\b(?<!se suicido))|"
    r"\b(?:me|te) suicido\b|"
    r"\b(?:intento|intentos|idea(?:s|cion)?|pensamientos?|tendencias?|pienso en el|piensa en el|"
    r"pensando en el) (?:de )?suicid(?:io|as?)\b|"
    # "quitarme la vida", "se quiere quitar la vida"; not "el cáncer le quitó la vida"
    r"\bquitar(?:me|se|te|nos) la vida\b|"
    r"\b(?:me|se|te) (?:\w+ ){0,3}quitar la vida\b|"
    r"\b(?:acabar|terminar) con (?:mi|su|tu) (?:propia )?vida\b|"
    # "me quiero morir", "quiero morirme", "ganas de morir"; not "me quiero morir de risa"
    r"\b(?:me quiero|me queria|se quiere|te quieres|quiero|quiere|queria) morir(?:me|se)?\b"
    r"(?! de (?:la |el )?(?:risa|hambre|ganas|gusto|verguenza|pena|sueno|calor|frio|envidia|"
    r"amor|emocion|aburrimiento)| (?:ja|je|lol))|"
    r"\bganas de morir(?:me|se)?\b(?! de)|"
    r"\b(?:ya )?no (?:quiero|quiere|queria) (?:seguir )?viv(?:ir|iendo)\b|"
    r"\b(?:estaria|estarian|estariamos|estoy|seria) mejor muert[oa]s?\b|"
    r"\b(?:no|ya no) (?:tengo|tiene) (?:razones|ganas|motivos?) (?:para|de) vivir\b|"
    r"\b(?:hacerme|hacerse|me hago|se hace|se hizo|me hice) dano\b|"
    r"\bse (?:corta|cortaba|ha cortado|corto|esta cortando) (?:los brazos|las (?:venas|munecas|"
    r"piernas))\b|\bcortar(?:me|se) (?:las venas|los brazos|las munecas)\b|"
    r"\bautolesi(?:on(?:es)?|onarse|onarme|ona)\b(?! (?:y prevencion|prevencion))"
)
# "I'm not going to kill myself", "I would never hurt myself", "nunca pienso en suicidarme"
_NEGATED = re.compile(r"\b(?:not|never|n't|no|nunca|jamas)\s+(?:\w+\s+)?$")

SCORE = 0.9  # a construction above; nothing else raises the flag


def crisis(text: str) -> tuple[float, str]:
    """The `crisis` score and reason of a comment (any language; the constructions are
    English and Spanish)."""
    folded = fold(text)
    m = next((m for m in (*_EN.finditer(folded), *_ES.finditer(folded))
              if not _NEGATED.search(folded, max(0, m.start() - 20), m.start())), None)
    if m is None:
        return 0.0, ""
    said = m.group(0).strip(" .,;:!?")
    return SCORE, (
        f'URGENT, possible crisis: speaks of suicide or self-harm ("{said}"). Reach out to '
        "the person today, privately (a call or a direct message, not a public reply), and "
        "give them the 988 Suicide & Crisis Lifeline: call or text 988, or chat at "
        "988lifeline.org (in Spanish: press 2 when calling, or text AYUDA to 988). If someone "
        "is in immediate danger, call 911. Not hidden automatically: a cry for help stays "
        "visible until a person decides.")
