"""A comment about suicide or self-harm, the commenter's own or someone's they speak of
("I have been thinking about ending it all", "my brother says he wants to end his life",
"pienso en suicidarme"): the `crisis` flag, which puts it in front of a person today with
what to do, and is never hidden automatically (policy.NEVER_AUTO_HIDE).

Hand-built constructions, not a word list: "suicide" alone is also a prevention walk, a
988 awareness share or a grief group, and "kill", "die", "morir" are figures of speech more
often than not ("this heat is killing me", "dying to try the new class", "me muero de
risa"). Each construction needs a person (the commenter, or he/she/they, or a reflexive
verb) and a wish, an intent, a thought or an act. Round 2 (_SIGNS_EN, _SIGNS_ES) adds the
published warning signs people at risk write indirectly (the C-SSRS screener's wish to be
dead, method, plan and preparatory behaviour; SAMHSA/NIMH/988's burden, farewell, giving
things away, no way out; stopping medicine to die; slang such as "kms", "unalive").
Kept lexicons were looked at and not used (docs/history/moderation.md, "Session 46"): the
published ones are risk-factor vocabularies built to score posts (loneliness, grief,
insomnia), which would put every grief question in front of staff as an emergency, or
keyword lists without a licence.

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
# "I don't want to live here / in this town / with my parents" is about where, not whether
# (a move, rent, a roommate): the wish not to live is the bare verb or "like this"
_WHERE = (r" (?:here|there|near|nearby|next to|close to|so far|on (?:this|that|the) street|"
          r"with (?:my|his|her|their|them|him|roommates?|parents?|family)\b|"
          r"in (?:this|that|the|a|an|my|our|his|her) (?:town|city|county|state|country|house|"
          r"home|apartment|neighbou?rhood|area|place|building|dorm|trailer|heat|cold)\b)")

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
    r"\b(?:i|he|she|they) (?:\w+ )?(?:do(?:es)?n'?t|do(?:es)? not|no longer) want to "
    rf"(?:live(?!{_WHERE})|be alive|wake up)(?: anymore| any more| again)?\b|"
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
# Round 2 (session 46): the published warning signs, where people at risk write indirectly.
# Sources (docs/history/moderation.md, "Session 46: the crisis flag, round 2"): the Columbia Suicide
# Severity Rating Scale screener (C-SSRS: 1 wish to be dead or to sleep and not wake up,
# 2 thoughts of killing oneself, 3 a method, 4 intent, 5 a plan, 6 preparatory behaviour);
# the warning signs SAMHSA, NIMH and the Suicide Prevention Resource Center publish and 988
# shares (being a burden, feeling trapped or no way out, no reason to live, looking for a
# way or a means, saying goodbye, giving things away, putting affairs in order); Spanish:
# the same lists in Spanish (suicidepreventionhouston.org/es, fundacionjoseignacio.org).
# Each construction needs a person (the commenter, he/she/they, "my", a reflexive verb) and
# the sign; a sign told of everyone ("warning signs include talking about being a burden")
# names no one and stays quiet.
_SIGNS_EN = re.compile(
    # C-SSRS 1, wish to be dead: "wish I could go to sleep and not wake up"; not "sleep in",
    # not "hope I don't wake up the baby", not "never wake up before noon"
    r"\b(?:i|i'?m|i'?ve|he|she|he'?s|she'?s|they|my \w+)\s+(?:\w+\s+){0,2}(?:want|wanna|wish|"
    r"hope|pray|praying)\w*\b[^.!?\n]{0,25}\b(?:go to sleep|"
    r"fall asleep|sleep|close (?:my|his|her|their) eyes)\b[^.!?\n]{0,12}\b(?:and|&) "
    r"(?:never|not|don'?t|won'?t|not ever) (?:ever )?wake (?:up|back up)\b"
    r"(?! (?:until|till|before|early|the|my|him|her|them|anyone|at|on|in time|from)\b)|"
    r"\b(?:hope|pray|praying|wish) (?:i|he|she) (?:don'?t|do not|won'?t|never|doesn'?t) "
    r"wake up\b(?!\s+(?:the|my|his|her|him|them|anyone|everyone|anybody|until|till|before|"
    r"early|in time|at|on|again to)\b)|"
    # C-SSRS 1: "wish I wasn't alive", "wish I didn't exist", "don't want to exist anymore"
    r"\bwish(?:es)? (?:i|he|she) (?:was|were|wasn'?t|weren'?t|could be) "
    r"(?:not alive|alive no more|gone for good)\b|\bwish(?:es)? (?:i|he|she) (?:wasn'?t|weren'?t)"
    r" alive\b|\bwish(?:es)? (?:i|he|she) (?:didn'?t|did not|could (?:just )?(?:stop|not)) "
    r"exist(?:ing)?\b|\b(?:i|he|she) (?:\w+ )?(?:do(?:es)?n'?t|do(?:es)? not) want to exist\b|"
    r"\b(?:want(?:s)? to|wanna) (?:just )?(?:stop existing|cease to exist|not exist)\b|"
    r"\bwish(?:es)? (?:i|he|she) (?:could|would) (?:just )?die\b"
    r"(?! (?:of|from|laughing|lol|haha)\b)|"
    # C-SSRS 1 in its own words, "a wish to be dead" (session 53): "I want to be dead", "she
    # wishes to be dead"; not "dead" as an intensifier ("I want to be dead honest"), nor
    # negated in the word between ("I never want to be dead", "i dont want to be dead")
    r"\b(?:i|he|she|they)\s+(?!(?:never|not|no|dont|didnt|doesnt|wont|cant)\s)(?:\w+\s+)?"
    r"(?:want(?:s|ed)?|wanna|wish(?:es|ed)?)\s+(?:to\s+)?"
    r"be dead\b(?!\s+(?:tired|serious|honest|sure|certain|wrong|right|last|quiet|silent|on|"
    r"center|even|set|asleep|still|broke|level|ahead|straight|sexy|cute|gorgeous|weight)\b)|"
    # ... "or not alive anymore": "I don't want to be alive anymore" is above; "on this
    # earth", "in this world" say the same
    r"\b(?:i|he|she|they)\s+(?:\w+\s+)?(?:do(?:es)?n'?t|do(?:es)? not|no longer)\s+"
    r"(?:really\s+)?(?:want|wanna|wish) to be (?:on this earth|in this world)\b|"
    # C-SSRS 2, thoughts of killing oneself, in slang: "kms" ("kill myself"), "unalive"
    # (algospeak for suicide), "sewerslide"; "kms" after a wish or intent only, and not
    # laughed off ("this traffic, gonna kms lol" is a figure)
    r"\b(?:want to|wanna|gonna|going to|about to|might|i'?ll|will|thinking about|thoughts of|"
    r"urge to|ready to|just)\s+kms\b(?!\s*(?:lol|lmao|haha|jk|jkjk|xd|😂|🤣|💀))|"
    r"\bunaliv(?:e|ing) (?:myself|himself|herself|themselves|themself)\b|"
    r"\bunalive (?:thoughts|urges|ideation)\b|\bthoughts? (?:of|about) unaliving\b|"
    r"\b(?:want(?:s|ed)? to|wanna|gonna|going to|thinking (?:about|of)|tried to|try to|"
    r"trying to|plan(?:ning)? to) (?:just )?unaliv(?:e|ing)\b"
    r"(?! (?:him|her|them|you|the|that|this|a|my|his|their)\b)|"
    r"\b(?:thinking (?:about|of)|thoughts of|want to|wanna|gonna|going to|tried|attempted)"
    r" (?:commit )?sewer ?slide\b|"
    r"\b(?:want(?:s|ed)? to|wanna|gonna|going to|plan(?:s|ning)? to|thinking (?:about|of)|"
    r"tried to|decided to|ready to) commit(?:ting)? suicide\b|"
    # C-SSRS 3 and 5, a method or a plan, wished or intended ("going to hang myself",
    # "thinking about jumping in front of a train"); "shoot myself in the foot" is a figure
    r"\b(?:want(?:s|ed)? to|wanna|gonna|going to|plan(?:s|ned|ning)? (?:to|on)|"
    r"(?:thinking|thought) (?:about|of)|tr(?:y|ies|ied|ying) to|decided to|ready to|"
    r"urge to|about to|(?:i'?ll|i will|he'?ll|she'?ll) (?:just )?)\s*(?:hang(?:ing)? "
    r"(?:myself|himself|herself)|shoot(?:ing)? (?:myself|himself|herself)(?! in the (?:foot|"
    r"feet))|jump(?:ing)? in front of (?:a |the )?(?:train|bus|truck|car|subway)|"
    r"throw(?:ing)? (?:myself|himself|herself) (?:off|in front of|from|under)|"
    r"driv(?:e|ing) (?:my car |the car |his car |her car )?(?:off (?:a|the) (?:bridge|cliff)|"
    r"into (?:a wall|a tree|oncoming traffic))|"
    r"(?:take|taking|swallow(?:ing)?) (?:all|every one) (?:of )?(?:my|his|her|the) "
    r"(?:\w+ )?(?:pills|meds|medications?|tablets)|swallow(?:ing)? (?:a|the) (?:whole )?bottle)|"
    # NIMH "looking for a way to kill themselves, such as searching online": the commenter's
    # own search ("been googling painless ways to die"); "yourself" would be an awareness post
    r"\b(?:look(?:ing|ed)? up|search(?:ed|ing)?(?: for)?|googl(?:e|ed|ing)|research(?:ed|ing)?|"
    r"reading about|look(?:ing|ed)? for) (?:the )?(?:best |easiest |painless |quickest |quick |"
    r"surest |different )?(?:ways?|how|methods?) to (?:kill myself|die|end (?:it all|my life)|"
    r"commit suicide|overdose)\b|"
    r"\b(?:painless|easiest|quickest|surest) (?:way|ways|method) (?:for me )?to "
    r"(?:die|kill myself|end (?:it|my life))\b|"
    r"\bhow many (?:\w+ )?(?:pills|tablets|tylenol|sleeping pills) (?:would it take|does it take|"
    r"it takes|to take|do i need) to (?:die|kill (?:me|myself)|end it|not wake up)\b|"
    # C-SSRS 6, preparatory behaviour and the means at hand (SAMHSA/NIMH: seeking a method,
    # stockpiling pills, buying a gun): the means held now ("sitting here with the pills in
    # my hand"), a noose made, a note written for one's family
    r"\b(?:i have|i'?ve got|i got|got|i'?m holding|sitting (?:here )?with) (?:the|my|a|his|"
    r"her|all (?:my|the)) (?:\w+ )?(?:pills|gun|pistol|rope|noose|razor|blade|bottle of \w+)"
    r"\s+(?:in my hands?|in front of me)\b|"
    r"\b(?:staring at|sitting (?:here )?with) (?:the|my|a) (?:\w+ )?(?:pills|gun|pistol|noose|"
    r"razor|blade)\b|"
    r"\b(?:i|i'?ve|i have|he|she|he'?s|she'?s)\s+(?:\w+\s+)?(?:tied|made|bought|tying|making|"
    r"buying) a noose\b|"
    r"\b(?:wrote|writing|written|left|leaving) (?:a |my |his |her |the )?suicide note\b|"
    r"\b(?:wrote|writing|written|left|leaving) (?:a |my )?(?:goodbye|farewell) (?:notes?|"
    r"letters?) (?:to|for) (?:my (?:kids|children|family|wife|husband|parents|mom|dad|son|"
    r"daughter)|everyone)\b|"
    # giving things away, with the reason that makes it a farewell ("won't need them where
    # I'm going"); "giving away my old crib" stays quiet
    r"\bgiv(?:e|ing) away (?:all|everything)(?: of)? (?:my|i own)\b[^.!?\n]{0,40}"
    r"(?:won'?t|will not|wont) (?:need|be needing) (?:it|them|any of it|anything)"
    r" (?:anymore|any more|where i'?m going|after)\b|\bwon'?t need (?:it|them|anything) where"
    r" i'?m going\b|"
    # the burden (SAMHSA, NIMH, SPRC: "talking about being a burden to others"), said of
    # oneself to everyone ("I'm just a burden to everyone", "they'd be better off without me")
    r"\b(?:i'?m|i am|i feel like|i feel|i've become|i have become|i'?m just|(?:he|she) "
    r"(?:feels|says) (?:like )?(?:he'?s|she'?s)?)\s*(?:such |just |only |nothing but |"
    r"nothing more than )?(?:a |an? )?(?:\w+ )?burden (?:to|on|for) (?:everyone|everybody|"
    r"all of (?:you|them|us)|the world|the people i love)\b|"
    r"\b(?:i'?m|i am) (?:nothing but|only|just) a burden\b|"
    r"\b(?:everyone|everybody|my (?:family|kids|children|wife|husband)|they|you all|the world)"
    r"(?:'s|'d| is| are| would be| will be| would all be| will all be)? (?:all )?better off "
    r"(?:without me|if i (?:was|were) (?:gone|dead)|if i (?:wasn'?t|weren'?t) (?:here|around|"
    r"alive))\b|\b(?:better|easier) (?:off )?(?:for everyone )?when i'?m gone\b|"
    # feeling trapped, no way out but dying (NIMH, SPRC); no reason to live (in the first
    # version); "I don't deserve to live" said of oneself
    r"\b(?:the )?only way out is (?:to die|death|dying|to kill myself|suicide|to end it)\b|"
    r"\bno way out (?:but|except|other than) (?:death|dying|to die|suicide|killing myself)\b|"
    r"\b(?:i|he|she) (?:just )?can'?t (?:go on|keep) living\b|"
    r"\bi (?:don'?t|do not) deserve to (?:live|be alive)\b|"
    r"\b(?:no one|nobody|no1) (?:would|will) (?:even )?(?:miss me|notice|care) if i "
    r"(?:died|was gone|were gone|disappeared|killed myself|wasn'?t here)\b|"
    # saying goodbye as if for the last time (988/SAMHSA "saying goodbye"; C-SSRS
    # preparatory acts): to one's own family for good, or a note-like "by the time you read"
    r"\b(?:i|i'?ve|i have|i just|i'?m)\s+(?:already |just )?(?:said|saying|say) (?:my )?"
    r"goodbyes? to (?:my (?:kids|children|family|son|daughter|wife|husband|mom|dad|parents)|"
    r"everyone) (?:forever|for good|for the last time|one last time)\b|"
    r"\bby the time (?:you|anyone|someone) reads? this,? i(?:'ll| will) (?:be gone|be dead|"
    r"not be here)\b|"
    # stopping one's medicine so as to die, or letting oneself die (a wish to be dead acted
    # on, C-SSRS 1 and 6; not on the published lists read, so the purpose must be said)
    r"\b(?:stopped|quit|stop|stopping|quitting|not taking|skipping) (?:taking )?(?:my|his|her)"
    r" (?:\w+ )?(?:meds|medications?|pills|insulin|antidepressants?|lithium)\b[^.!?\n]{0,40}"
    r"\b(?:so (?:i|he|she) (?:can|could|will|would) (?:just )?(?:die|not wake up|be gone)|"
    r"to die|(?:i|he|she) (?:just )?want(?:s)? to die|(?:i|he|she) (?:don'?t|doesn'?t) care "
    r"if (?:i|he|she) (?:die|dies))\b|"
    r"\b(?:let|letting) (?:myself|himself|herself) die\b|"
    # self-harm as a behaviour (C-SSRS non-suicidal self-injury): on purpose, to cope, a
    # relapse, urges ("cut myself on a can" is an accident and stays quiet)
    r"\b(?:cut|cutting|burn(?:ed|t|ing)?) (?:myself|himself|herself) (?:on purpose|to (?:feel|"
    r"cope|numb|make the|stop the))\b|"
    r"\brelaps(?:e|ed|ing) (?:on|with|into|in) (?:self[- ]?harm|cutting)\b|"
    r"\bself[- ]?harm(?:ing|ed)? again\b|\burges? to (?:cut|self[- ]?harm|hurt myself)\b"
)
# Spanish: the same signs, the person carried by a reflexive verb or a first person
_SIGNS_ES = re.compile(
    # C-SSRS 1: "quisiera dormirme y no despertar", "ojalá no despertar mañana"; not "ojalá
    # no despierte al bebé"
    r"\b(?:quisiera|quiero|queria|ojala|me gustaria|deseo|desearia|solo quiero)\s+(?:poder\s+)?"
    r"(?:dormir(?:me)?|quedarme dormid[oa]|cerrar los ojos)\s+y\s+(?:ya\s+)?(?:no|nunca)\s+"
    r"(?:volver a\s+)?despertar(?:me)?\b|"
    r"\bojala (?:ya )?no (?:despierte|despertar)(?! (?:al?|a la|a los|temprano|tarde))\b|"
    r"\b(?:quisiera|quiero|ojala pudiera|me gustaria) (?:ya )?(?:no existir|dejar de existir|"
    r"desaparecer (?:para siempre|de este mundo|del mundo))\b|"
    r"\bya no quiero existir\b|\b(?:quisiera|ojala) no haber nacido\b|"
    r"\bojala (?:yo )?no hubiera nacido\b|"
    r"\b(?:quisiera|ojala) (?:estar|estuviera) muert[oa]\b|"
    # the Spanish C-SSRS's own words (session 53), "deseo de estar muerto(a) o de no seguir
    # viviendo": "quiero estar muerta", "tengo ganas de estar muerto", "quisiera no seguir
    # viviendo", "ya no quiero estar vivo"
    r"\b(?:quiero|quisiera|deseo|desearia|me gustaria|solo quiero|(?:tengo|siento) (?:el )?"
    r"(?:deseo|ganas) de) estar muert[oa]s?\b|"
    r"\b(?:quiero|quisiera|deseo|desearia|me gustaria) no (?:seguir viviendo|seguir viv[oa]|"
    r"estar viv[oa]|vivir mas)\b|\b(?:ya )?no quiero (?:estar|seguir) viv[oa]\b|"
    # C-SSRS 2: "matarme" reflexive ("quiero matarme", "me quiero matar", "pienso en
    # matarme"); not "me voy a matar estudiando", "me quiero matar de risa"
    r"\b(?:quiero|quiere|queria|voy a|pienso en|piensa en|pensando en|pensado en|ganas de|"
    r"intente|intento|trate de|decidi|quisiera|he pensado en|ha pensado en)\s+matar(?:me|se)\b"
    r"(?! (?:de|trabajando|estudiando|a|al|con|por|ja\w*|je\w*|lol|xd)\b)|"
    r"\b(?:me|se) (?:quiero|quiere|queria|voy a|he querido|ha querido) matar\b"
    r"(?!\s+(?:de|a|al|con|trabajando|estudiando|el|la|los|las|un|una|por|ja\w*|je\w*|lol|"
    r"xd)\b)|"
    # C-SSRS 3 and 5, a method: hanging, jumping from a height or in front of a train,
    # swallowing all one's pills, an overdose intended; not "tirarme al mar" (a swim)
    r"\bahorcar(?:me|se)\b|\b(?:me|se) (?:quiero|quiere|voy a|va a) ahorcar\b|"
    r"\b(?:tirar(?:me|se)|aventar(?:me|se)|lanzar(?:me|se)) (?:de|del|desde)\s+(?:un |una |el |"
    r"la |lo alto de )?(?:puente|edificio|azotea|techo|balcon|piso \d+|\w+ piso)\b|"
    r"\b(?:tirar(?:me|se)|aventar(?:me|se)|lanzar(?:me|se)) (?:al|a las|frente al?|enfrente del?)"
    r" (?:tren|metro|vias|camion|carro|coche|trafico)\b|"
    r"\btomar(?:me|se) (?:todas (?:las|mis|sus) (?:pastillas|pildoras|medicinas|"
    r"medicamentos)|(?:el|un|todo el) frasco)\b|"
    r"\b(?:quiero|voy a|pienso en|intente|trate de|queria) (?:tomar(?:me)?|dar(?:me)?) una "
    r"sobredosis\b|"
    # C-SSRS 6, the means at hand, a note for one's family (lists in Spanish: "buscan acceso
    # a armas, píldoras, cuchillos"; "escribiendo ... una carta de despedida")
    r"\b(?:tengo|traigo|tiene) (?:la|las|el|una|un|mis) (?:pastillas|pistola|soga|cuerda|"
    r"navaja|cuchilla|arma) (?:en la mano|en las manos|aqui conmigo|frente a mi|lista para)\b|"
    r"\b(?:escribi|deje|escribiendo|dejando|estoy escribiendo) (?:una |mi |las )?cartas? de "
    r"despedida\b|"
    r"\bregal(?:e|ando|ar) (?:todas )?mis cosas\b[^.!?\n]{0,40}\bya no (?:las|los|lo) "
    r"(?:voy a )?necesit\w*\b|"
    # the burden: "soy una carga para todos", "estarían mejor sin mí"
    r"\b(?:soy|me siento|me siento como) (?:solo )?una carga para (?:todos|todo el mundo|"
    r"los demas|mi familia|mis hijos)\b|\bsolo soy una carga\b|"
    r"\b(?:estarian|estaran|estarias|estarian todos|estaran todos|todos estarian|"
    r"todos estaran) mejor sin mi\b|\bsin mi (?:todos )?(?:estarian|estaran) mejor\b|"
    r"\bnadie me (?:extranaria|echaria de menos|va a extranar) si (?:me muero|muero|no "
    r"estuviera|desaparezco|me mato)\b|"
    # trapped, no way out, no reason to live: "la única salida es morir", "no merezco vivir"
    r"\bla unica salida es (?:la muerte|morir(?:me)?|matarme|quitarme la vida|el suicidio)\b|"
    r"\bno merezco vivir\b|\bya no puedo seguir viviendo\b|"
    r"\b(?:estoy|estaba|ando) (?:muy )?cansad[oa] de vivir\b|"
    # saying goodbye for good: "me despido de todos para siempre"
    r"\bme (?:despido|despedi|estoy despidiendo) de (?:todos|ustedes|mi familia|mis hijos)"
    r" (?:para siempre|por ultima vez)\b|"
    # stopping the medicine so as to die; self-harm again ("me volví a cortar", not "el pelo")
    r"\bdej(?:e|o|ar) (?:de tomar )?(?:mis|sus|la|las|mi|su) (?:pastillas|medicinas?|"
    r"medicamentos?|insulina)\b[^.!?\n]{0,40}\bpara morir(?:me|se)?\b|"
    r"\bdejar(?:me|se) morir\b|\b(?:me|se) (?:voy|va|quiero|quiere) a? ?dejar morir\b|"
    r"\b(?:me|se) (?:volvi|volvio|vuelvo|vuelve|he vuelto|ha vuelto|sigo|sigue) "
    r"(?:a )?cort(?:ar|ando)\b(?!\s+(?:el|la|las|los|con|cocinando|picando|en la cocina)\b)"
)
# Passive ideation said as being here or disappearing (session 53): the C-SSRS's "wish to
# be dead or not alive anymore" as people write it, "I don't want to be here anymore" (here:
# alive), "I just want to disappear."; Spanish "ya no quiero estar aquí", "solo quiero
# desaparecer". The same words are often a wait, a place or a job ("I don't want to be here
# all day waiting", "the front desk acts like they don't want to be here anymore", "I want
# to disappear into a good book"), so: the commenter only (I, yo), "anymore"/"ya" needed
# for "here", the sentence ending on "disappear" (or "for good"), and a place, a wait or a
# job near it (_PLACE_NEAR) keeps it quiet.
_PASSIVE = re.compile(
    r"\bi\s+(?:\w+\s+)?(?:(?:do(?:n'?t| not)|no longer)\s+(?:really\s+)?(?:want|wanna|wish) "
    r"to be|wish i (?:wasn'?t|weren'?t|was not|were not))\s+(?:here|around)\s+"
    r"(?:anymore|any more|any longer)\b(?!\s+than\b)|"
    r"\bi\s+no longer (?:want|wish) to be (?:here|around)\b|"
    r"\bi\s+(?:(?:just|really|only|sometimes|honestly)\s+)*(?:want|wanna|wish i could)\s+"
    r"(?:to\s+)?(?:just\s+)?disappear(?=\s*(?:$|[.!?\n;]|,(?!\s*(?:lol|haha|jk|lmao)\b)|"
    r"(?:forever|for good|and never (?:come|be) back|from (?:this|the) (?:world|earth)|from "
    r"existence)\b))|"
    r"\bya no (?:quiero|quisiera) (?:estar|seguir) aqui\b|"
    r"\bno (?:quiero|quisiera) (?:estar|seguir) aqui (?:nunca )?(?:ya )?mas\b|"
    r"\b(?:solo|nada mas|ya solo|a veces solo) (?:quiero|quisiera) desaparecer"
    r"(?=\s*(?:$|[.!?\n;]|,(?!\s*(?:ja\w*|je\w*|lol)\b)|(?:para siempre|del mundo)\b))"
)
# Words that make "here" a place or a wait. Kept to places and waits: a job, a house, the
# hours or the phone in the sentence before are the story of someone in crisis as often as
# the reason for a grumble ("I lost my job and my wife left me. I don't want to be here
# anymore", "I cried for hours"); a missed crisis costs more than a card staff dismiss.
# Words that are as often a person's own state are a place only in a place's phrase: "a dark
# place", "my room", "can't hold on", "cold inside", "my mental state", "this weekend was
# hell", "school" (a teenager's story) kept the crisis quiet (re-read C, session 53).
_PLACE_NEAR = re.compile(
    r"\b(?:wait\w*|line|queue|lobby|office|clinic|practice|hospital|"
    r"(?:waiting|exam|emergency|er|treatment|patient|hospital) rooms?|"
    r"town|city|country|store|(?:this|that|your) (?:place|state)|"
    r"building|desk|parking|traffic|weather|on hold|hold music|"
    r"book|movie|vacation|trip|beach|social media|internet|"
    r"esper\w*|fila|cola|consultorio|clinica|oficina|sala|ciudad|pueblo|"
    r"cita|recepcion|(?:este|ese) lugar|vacaciones)\b")


def _passive(folded: str) -> list[re.Match[str]]:
    """_PASSIVE's matches with no place or wait in their own sentence or the one just before
    ("Two hours in the lobby. I don't want to be here anymore"); nothing further back counts."""
    found = []
    for m in _PASSIVE.finditer(folded):
        before = " ".join(re.split(r"[.!?\n]", folded[:m.start()])[-2:])
        after = re.split(r"[.!?\n]", folded[m.end():m.end() + 80])[0]
        if not _PLACE_NEAR.search(before) and not _PLACE_NEAR.search(after):
            found.append(m)
    return found


# "I'm not going to kill myself", "I would never hurt myself", "nunca pienso en suicidarme"
_NEGATED = re.compile(r"\b(?:not|never|n't|no|nunca|jamas)\s+(?:\w+\s+)?$")

SCORE = 0.9  # a construction above; nothing else raises the flag

# A reply the practice would post says to its reader what a comment says of its writer: "you"
# for "I", and in Spanish the usted or tu form for the yo form. Read as its writer's words,
# the reply meets the same constructions ("Lamentamos que ya no quiera vivir" -> "ya no
# quiero vivir"; "sorry you're thinking about ending your life" -> "i'm thinking about ending
# my life"). Only the verbs the constructions use are turned; the rest stays as written.
_TO_WRITER = tuple((re.compile(pattern), said) for pattern, said in (
    (r"\byoursel(?:f|ves)\b", "myself"), (r"\byour\b", "my"),
    (r"\byou'?re\b|\byou are\b|\bu r\b", "i'm"), (r"\byou'?ve\b", "i've"),
    (r"\byou'?d\b", "i'd"), (r"\byou'?ll\b", "i'll"), (r"\byou\b", "i"),
    (r"\b(?:quiera|quieras|quieres)\b", "quiero"), (r"\b(?:tenga|tengas|tienes)\b", "tengo"),
    (r"\b(?:pueda|puedas|puedes)\b", "puedo"), (r"\b(?:merezca|merezcas|mereces)\b", "merezco"),
    (r"\b(?:sea|seas|eres)\b", "soy"), (r"\b(?:piense|pienses|piensas)\b", "pienso"),
    (r"\b(?:se|te) (?:sienta|sientas|sientes|siente)\b", "me siento"),
    (r"\b(?:se|te) (?:haga|hagas|haces)\b", "me hago"),
    (r"\b(?:este|estes|estas|esta) (?=(?:muy )?cansad)", "estoy "),
    (r"\b(?:su|tu) familia\b", "mi familia"), (r"\b(?:sus|tus) hijos\b", "mis hijos"),
    (r"\bmorirte\b", "morirme"), (r"\bmatarte\b", "matarme"), (r"\bhacerte\b", "hacerme"),
))
# a clause that speaks of anyone ("if you are thinking about ending your life, call 988",
# "si usted piensa en quitarse la vida, llame al 988"): the lifeline's own public wording
_ANYONE = re.compile(r"\b(?:if|when|whenever|whether|anyone|si|cuando|quien|alguien)\b"
                     r"[^.!?;,\n]*$")


def _constructions(folded: str) -> list[re.Match[str]]:
    """Every construction above in `folded`, none just after a negation."""
    found = (*_EN.finditer(folded), *_ES.finditer(folded), *_SIGNS_EN.finditer(folded),
             *_SIGNS_ES.finditer(folded), *_passive(folded))
    return [m for m in found if not _NEGATED.search(folded, max(0, m.start() - 20), m.start())]


def spans(folded: str) -> list[tuple[int, int]]:
    """Where the constructions are in ``folded`` (features.fold of a comment): what
    aimed.aimed_clauses cuts out before it reads the rest for abuse aimed elsewhere."""
    return [m.span() for m in _constructions(folded)]


def restated(reply: str) -> str:
    """What a reply says to its reader of suicide or self-harm, in the words the `crisis`
    flag reads, as if the reader had written it ("" when nothing): a public reply that
    repeats a crisis comment tells everyone the commenter's mental health. A clause about
    anyone who might ("if you are thinking of ...") is not a restatement."""
    turned = fold(reply)
    for pattern, said in _TO_WRITER:
        turned = pattern.sub(said, turned)
    for m in _constructions(turned):
        if not _ANYONE.search(turned, 0, m.start()):
            return m.group(0).strip(" .,;:!?")
    return ""


def crisis(text: str) -> tuple[float, str]:
    """The `crisis` score and reason of a comment (any language; the constructions are
    English and Spanish)."""
    m = next(iter(_constructions(fold(text))), None)
    if m is None:
        return 0.0, ""
    said = m.group(0).strip(" .,;:!?")
    return SCORE, (
        f'URGENT, possible crisis: speaks of suicide or self-harm ("{said}"). Reach out to '
        "the person today, privately (a call or a direct message, not a public reply), and "
        "give them the 988 Suicide & Crisis Lifeline: call or text 988, or chat at "
        "988lifeline.org (in Spanish: press 2 when calling, or text AYUDA to 988). If someone "
        "is in immediate danger, call 911. This flag never hides the comment: a cry for help "
        "stays visible until a person decides (a name or a threat beside it may hide it).")
