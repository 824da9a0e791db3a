"""Care told without its word: a pregnancy and a cancer in the words people use for them,
and the end of a cancer treatment told by its custom (treatment_ends).

A reader hears a pregnancy in "Ana is expecting!", "they're expecting a baby boy in
August", "she's due in May" ("due date" is in data/lay_terms.tsv already), "a baby on
the way", "a bun in the oven", "mom-to-be", "está esperando un bebé", "en la dulce
espera", "va a ser mamá", and a cancer in "beat
the big C", "the C word", as plainly as in "pregnant" and "cancer", but no code list spells
them so. The constructions, not a list of sentences, are read here, in English and Spanish;
vocabulary.py reads each match as a lay condition, so it ties to a person like any other care
word (a name, "our patient", a reply) and with nobody in the text it is no finding.

"Expecting" is a pregnancy only where what is expected is a child ("a baby", "twins",
"their first child", "baby #2", "un bebé") or nothing at all: said of a person and ending
its clause ("Ana is expecting!", "Ana is expecting, thanks to ..."). "We're expecting a busy
flu season", "expecting you at 9", "more than we were expecting" and "what to expect" are
not read. "The big C" and "the C word" are read with the capital as written (a "big c" in
lower case is a size).

Session 56 (attack review S8, S11) added how far along a pregnancy is ("is eight months
along"), births told with have/tener ("had twins", "tuvo a su bebé"), the pregnant-woman emoji,
and a few slang words for care ("got snipped", "his ticker fixed", "has the sugar", "su cadera
nueva"), each read only with the subject, verb or possessive that ties it to a person where
the words have another sense (GESTATION, SLANG, PREGNANT_EMOJI below)."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .prefilter import gated

_CHILD = (r"(?:(?:a|another|their|her|his|our|my|the)\s+)?(?:(?:first|second|third|fourth|"
          r"1st|2nd|3rd|4th|new|little|baby|rainbow|sweet)\s+)*(?:baby|babies|child|kid|"
          r"son|daughter|boy|girl|bundle\s+of\s+joy|little\s+one|addition|sibling|"
          r"brother|sister|grandbaby|grandchild)\b|(?:twins|triplets)\b|(?:baby\s+)?"
          r"(?:#|no\.?\s*|number\s+)(?:\d|two|three|four)\b")
# "expecting" said of someone ("Ana is expecting", "they're expecting"), not after "than",
# "what", "as" ("bigger than we were expecting", "what we're expecting")
_BE = r"(?:is|are|was|were|['’]s|['’]re|now|also|both|happily|officially|finally)"
_EXPECTING = (r"\b" + _BE + r"\s+(?:\w+\s+)?(expecting(?:\s+(?:" + _CHILD + r")|(?=\s*(?:"
              r"[!.,;:)\n]|$|[\U0001F300-\U0001FAFF\u2600-\u27BF])|\s+(?:and|again)\b|"
              r"\s+[—–-]\s)))")
# ... said of what someone awaits, not of a person: "bigger than we were expecting", "what
# we're expecting", "just as we were expecting"
_AWAITED = gated(r"\b(?:than|what|as|whatever|anything|nothing|like|exactly)\s+(?:\w+\s+){0,2}$",
                 re.IGNORECASE)

PREGNANCY = gated(
    _EXPECTING
    + r"|\b((?:\b(?:she|they|we)|(?!(?-i:The|This|That|It|Rent|Payment|Everything|"
    r"Tuition|Registration)\b)(?-i:\b[A-Z][a-z]+))(?:\s+is|\s+are|['’]s|['’]re)\s+due\s+(?:any\s+day|in\s+(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december|the\s+spring|"
    r"the\s+summer|the\s+fall|the\s+winter)\b)|(?:a\s+)?baby\s+on\s+the\s+way|bun\s+in\s+the\s+"
    r"oven|eating\s+for\s+two|(?:mom|mum|mama|mother)[- ]to[- ]be|expectant\s+"
    r"(?:mother|mom|mum|mama)|baby\s+bump)\b"
    # Spanish: "está esperando un bebé", "en la dulce espera", "va a ser mamá"
    r"|\b((?:est[aá]n?|estamos)\s+esperando(?:\s+(?:a\s+)?(?:su|un|una|el|la|sus)\s+"
    r"(?:primer\s+|segundo\s+|tercer\s+)?(?:beb[eé]s?|hij[oa]s?|nin[oa]|niñ[oa]|"
    r"gemel[oa]s|bebito|bebita|angelito))|(?:la\s+)?dulce\s+espera|en\s+estado\s+de\s+buena\s+"
    r"esperanza|en\s+estado\s+interesante|encinta|(?:un\s+)?beb[eé]\s+en\s+camino|fecha\s+"
    r"(?:probable\s+)?de\s+parto|va\s+a\s+ser\s+(?:mam[aá]|madre)(?:\s+por\s+\w+\s+vez)?|"
    r"futura\s+mam[aá])\b",
    re.IGNORECASE,
)
# A pregnancy told by how far along it is, by who is coming, or by a birth that happened
# (session 56's attack review, S8): "is eight months along", "32 weeks along", "is with
# child", "is gonna be a mom", "have a little one arriving in October", "had twins", "had a
# baby girl", "está en estado", "espera gemelos", "esperando su segundo", "tuvo a su bebé",
# "tuvo una niña". Each needs its subject's verb or a comma before it where the words also
# tell of other things: "three months along in our renovation" (what is along is a project),
# "at 20 weeks along, a baby can hear" (no one is), "every mom with child in tow", "had a
# baby shower", "espera nuestro anuncio", "esperamos a sus hijos" are not read.
_ORDINAL = r"(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)"
_COUNT = (r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
          r"twenty[- ]\w+|thirty|thirty[- ]\w+|forty)")
_ES_BABY = (r"(?:beb[eé]s?|bebit[oa]s?|gemel[oa]s|melliz[oa]s|trilliz[oa]s|niñ[oa]|nin[oa]|"
            r"hij[oa]|varoncito|nen[ea])")
_ES_ORDINAL = r"(?:primer|primera|primero|segundo|segunda|tercer|tercera|tercero|cuarto|cuarta)"
GESTATION = gated(
    # "is eight months along", "Corinne, 32 weeks along": after a verb of being or a comma
    r"(?:\b(?:is|am|are|was|were|now|just|officially|already|almost|nearly)|['’](?:s|re)|,)"
    r"\s+((?:(?:now|just|about|almost|nearly|officially|already)\s+)?" + _COUNT
    + r"[\s-]+(?:months?|weeks?|wks?|mos?)\s+along)\b(?!\s+(?:in|on|into|through|at)\b)"
    # "is with child"; not "with child in tow", "with child care"
    r"|\b(?:is|are|was|were|['’]s|['’]re)\s+(?:(?:again|now|once\s+again|also)\s+)?(with\s+"
    r"child)\b(?!\s+(?:in\s+tow|care|support|custody|seats?|safety|services?|abuse|"
    r"development|protective))"
    # "is gonna be a mom", "is about to be a first-time dad"; not "a great mom"
    r"|\b((?:gonna|going\s+to|about\s+to)\s+be\s+(?:a\s+)?(?:first[- ]time\s+)?(?:mom|mum|"
    r"mommy|mama|momma|mother|dad|daddy|papa|father)(?:\s+(?:again|of\s+(?:two|three|four|"
    r"five|\d)))?)\b(?![- ]to[- ]be)"
    # "a little one arriving in October", "their baby due in May"; not "the baby due date"
    r"|\b((?:a|another|their|our|her|his)\s+(?:little\s+one|baby|bundle\s+of\s+joy|little\s+"
    r"(?:boy|girl|guy|man|lady))\s+(?:arriving|coming|due|expected)\b)(?!\s+date)"
    # "had her baby", "had twins", "had a healthy baby girl"; not "had a baby shower"
    r"|\b((?:had|has\s+had|have\s+had)\s+(?:(?:her|their|his|a|the)\s+)?(?:(?:" + _ORDINAL
    + r"|new|healthy|beautiful|sweet|precious|little|baby)\s+)*(?:baby\s+(?:boy|girl)s?|baby|"
    r"babies|twins|triplets|little\s+one|(?<=healthy\s)(?:boy|girl)|(?<=beautiful\s)(?:boy|"
    r"girl)))\b(?!\s+(?:shower|showers|shark|food|formula|gear|clothes|clothing|supplies|"
    r"seats?|class(?:es)?|visit\w*|photos?|pictures?|sign|sitter|steps|teeth|carriers?|come|"
    r"stop\w*|join\w*|from|in\s+(?:our|the)|at\s+(?:our|the)|who|that)\b)"
    # Spanish: "está en estado" ending its clause; not "en estado crítico / de emergencia"
    r"|\b((?:est[aá]|est[aá]n|ya\s+est[aá])\s+en\s+estado)(?=\s*(?:[!.,;:)¡]|$|[\U0001F300-"
    r"\U0001FAFF\u2600-\u27BF]|\s+(?:otra\s+vez|de\s+nuevo|y\b)))"
    # "espera gemelos", "esperan un niño", "espera a su primer bebé", "esperando su segundo"
    r"|\b((?:espera|esperan|esperaba|esperaban|esperando)\s+(?:gemel[oa]s|melliz[oa]s|"
    r"trilliz[oa]s|(?:un|una|su)\s+(?:" + _ES_ORDINAL + r"\s+)?" + _ES_BABY + r"|(?:a\s+)?"
    r"(?:su|sus)\s+" + _ES_ORDINAL + r"(?:\s+" + _ES_BABY + r")?))\b"
    # "tuvo a su bebé", "tuvo gemelos", "acaba de tener una niña"
    r"|\b((?:tuvo|tuvieron|ha\s+tenido|han\s+tenido|acaba\s+de\s+tener|acaban\s+de\s+tener)"
    r"\s+(?:a\s+)?(?:(?:su|sus|un|una|el|la|los)\s+)?(?:(?:" + _ES_ORDINAL
    + r"|hermos[oa]|precios[oa]|lind[oa])\s+)*" + _ES_BABY + r")\b",
    re.IGNORECASE,
)
# the pregnant woman, man and person (U+1F930, U+1FAC3, U+1FAC4): a pregnancy like the word,
# tied to a person as any care word is (with nobody in the text, "🤰 Prenatal yoga on
# Tuesdays" is no finding; "our 🤰 class" is a service, vocabulary._SERVICE)
PREGNANT_EMOJI = lazy("([\U0001F930\U0001FAC3\U0001FAC4])")

# Care in slang (S11): each a common colloquialism, read only with what ties it to a person
# where the words have another sense:
# - "got snipped", "had the snip" (a vasectomy), with a man as its subject, not "the ribbon
#   got snipped" (_subject_is_a_person);
# - "his ticker fixed", "a new ticker", "ticker trouble" (the heart), never the ticker alone
#   (a stock or a news ticker);
# - "has the sugar", "got the sugar" (diabetes) ending its clause, not "has the sugar for the
#   coffee" or "the sugar drive"; Spanish "tiene el azúcar alta";
# - "off the booze", "off the sauce" (sobriety; "off the bottle" is also a weaned baby, read
#   only with a milestone, milestones.py: "1 year dry");
# - "su cadera nueva", "su nueva rodilla" (a joint replacement), with a possessive: not "una
#   rodilla nueva" in a talk about them.
SLANG = gated(
    r"\b((?:got|get|gets|getting|been)\s+(?:(?:finally|officially|just)\s+)?snipped|"
    r"(?:had|has|got|get|gets|getting)\s+(?:(?:finally|officially|just)\s+)?the\s+snip)\b"
    r"(?!\s+(?:off|out|away|short|back|free|open|at|in)\b)"
    r"|\b((?:his|her|their|my)\s+(?:(?:bum|bad|old|dodgy|tired|weak)\s+)?ticker\s+(?:fixed|"
    r"repaired|worked\s+on|tuned(?:\s+up)?|checked|looked\s+at|zapped|stented|jump-?started|"
    r"restarted)|(?:got|getting|gets|has|have|had|with)\s+(?:a|his|her|their)\s+new\s+ticker|"
    r"(?:his|her|their|my)\s+(?:bum|bad|dodgy|weak)\s+ticker|ticker\s+(?:trouble|problems?|"
    r"issues?|scare|surgery))\b"
    r"|\b((?:has|have|had|got|gets|getting|having)\s+the\s+sugar)(?=\s*(?:[,.!;:)]|$|\s+"
    r"(?:but|now|too|again|so|bad|real\s+bad|and\s+(?:he|she|they|is|was|has|takes))\b))"
    r"|\b(tiene\s+(?:el\s+|la\s+)?az[uú]car\s+(?:alt[ao]|descontrolad[ao]))\b"
    r"|\b((?:finally|officially|now|is|been|stayed|staying|stays|got|gone)\s+off\s+the\s+"
    r"(?:booze|sauce))\b"
    r"|\b((?:su|sus|mi|tu)\s+(?:nuev[oa]s?\s+(?:cadera|rodilla|hombro)s?|(?:cadera|rodilla|"
    r"hombro)s?\s+nuev[oa]s?))\b",
    re.IGNORECASE,
)
# who "got snipped": a man or a name, not a ribbon ("the ribbon got snipped")
_SNIP_SUBJECT = lazy(r"(?:\b(?:he|i|hubby|husband|dad|daddy|papa|grandpa|partner|brother|son|"
                     r"uncle|boyfriend|fianc[eé]e?)|\b([A-Z][a-z]+))\s+(?:(?:finally|just|"
                     r"officially|recently|also|has|have|had)\s+){0,2}$", re.IGNORECASE)

# "beat the big C", "la gran C": the capital as written
CANCER = gated(r"\b((?:the|la|el)\s+(?:big|gran)\s+(?-i:C)|(?:the\s+)?(?-i:C)[- ]word)\b",
               re.IGNORECASE)


# The end of a cancer treatment told by its custom (session 56): ringing the bell when the
# last round is over ("rang the bell 🔔", "tocó la campana"). The bell is read only beside a
# treatment's own word (narrowed after the outside review of s56): a treatment's bell ("rang
# the chemo bell"), a treatment's end near it ("rang the bell after her last chemo", "at the
# end of his final round of treatment", "¡terminó la quimio!"), or a treatment named in its
# own sentence ("rang the bell at our infusion center"). A bare "last/final round" of
# anything (a spelling bee, state testing, bingo, a raffle), any other health word of the
# sentence ("our health fair") and a ribbon 🎗 elsewhere in the post (a cancer walk's raffle)
# do not make a bell a treatment's. "Rang the bell for the Salvation Army kettle" and a bell
# that starts something ("to start the final round") stay unread.
_TREATMENT = (r"(?:chemo(?:therapy)?|radiation|radiotherapy|infusions?|immunotherapy|"
              r"proton\s+therapy|quimio(?:terapia)?|radioterapia|inmunoterapia|"
              r"infusi[oó]n(?:es)?)")
# ... "treatment" too, but only where its end is told ("her last treatment"), not named
# ("the water treatment plant")
_ANY_TREATMENT = r"(?:" + _TREATMENT + r"|treatments?|tratamientos?)"
_BELL = lazy(r"\b(?:rang|rung|rings?|ringing)\s+(?:the|that|her|his|their|our|a)\s+"
             r"(?:(?P<kind>[\w-]+)\s+)?bell\b(?!\s+(?:to\s+(?:start|open|begin|signal|announce|"
             r"kick\s+off|close)|for\s+(?:the\s+)?(?:start|opening|next|first|round)|at\s+the\s+"
             r"(?:start|stock|opening)))|\b(?:toc[oó]|tocan?|tocando|tocar)\s+la\s+campana\b"
             r"(?:\s+(?:de\s+(?:la\s+)?)?(?P<kind_es>[\w-]+))?",
             re.IGNORECASE)
_TREATMENT_BELL = lazy(r"(?:" + _ANY_TREATMENT + r"|cancer|oncology|c[aá]ncer)$", re.IGNORECASE)
_WHOSE_TREATMENT = r"(?:(?:his|her|their|my|your|the|la|su|el|sus|los|las)\s+)?"
_TREATMENT_END = lazy(
    r"\b(?:last|final)\s+(?:(?:round|cycle|session|dose|day|week|infusion)s?\s+of\s+"
    + _WHOSE_TREATMENT + r")?" + _ANY_TREATMENT + r"\b|"
    r"\b(?:end|completion)\s+of\s+" + _WHOSE_TREATMENT + r"(?:[\w-]+\s+){0,3}?"
    + _ANY_TREATMENT + r"\b|"
    r"\b(?:finished|finishing|completed|done\s+with|wrapped\s+up|through\s+with)\s+"
    + _WHOSE_TREATMENT + r"(?:[\w-]+\s+){0,3}?" + _ANY_TREATMENT + r"\b|"
    + _ANY_TREATMENT + r"\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:done|over|finished|complete)\b|"
    r"\b[uú]ltim[ao]s?\s+(?:(?:sesi[oó]n|ronda|ciclo|dosis|d[ií]a)\s+de\s+"
    + _WHOSE_TREATMENT + r")?" + _ANY_TREATMENT + r"\b|"
    r"\b(?:termin[oó]|terminando|acab[oó]|complet[oó]|fin\s+de)\s+" + _WHOSE_TREATMENT
    + r"(?:[\w-]+\s+){0,3}?" + _ANY_TREATMENT + r"\b",
    re.IGNORECASE)
_NAMED_TREATMENT = lazy(r"\b" + _TREATMENT + r"\b", re.IGNORECASE)
_ROUND_START = lazy(r"\b(?:last|final|end|completion|[uú]ltim[ao]s?)\b", re.IGNORECASE)
_NEAR = 100  # characters either side of the bell where a treatment's end is looked for


def treatment_ends(text: str) -> list[tuple[int, int]]:
    """The spans of a bell rung for a treatment's end (see _BELL), and of that end where it
    is told beside the bell."""
    from .candidates import sentence_of

    low = text.lower()
    if "bell" not in low and "campana" not in low:
        return []
    out = set()
    for bell in _BELL.finditer(text):
        kind = bell.group("kind") or bell.group("kind_es") or ""
        start, end = sentence_of(text, bell.start())
        ended = _TREATMENT_END.search(text, max(0, bell.start() - _NEAR),
                                      min(len(text), bell.end() + _NEAR))
        if ended:  # "just finished her last round of chemo. Ring the bell, Ana!": hers, from
            # the round on, so that "her" stays before it
            last = _ROUND_START.search(text, *ended.span())
            out.add((last.start() if last else ended.start(), ended.end()))
        if ended or _TREATMENT_BELL.match(kind) or _NAMED_TREATMENT.search(text, start, end):
            out.add(bell.span())
    return sorted(out)




def euphemisms(text: str) -> list[re.Match[str]]:
    """Pregnancies and cancers told in everyday words (the matched group is the span)."""
    out = []
    for m in PREGNANCY.finditer(text):
        if m.group(1) and _AWAITED.search(text, max(0, m.start() - 40), m.start()):
            continue
        if not _due_of_a_person(text, m):
            continue
        out.append(m)
    out += [m for m in GESTATION.finditer(text)]
    out += [m for m in SLANG.finditer(text) if m.group(1) is None or _subject_is_a_person(text, m)]
    if any(ch in text for ch in "\U0001F930\U0001FAC3\U0001FAC4"):
        out += list(PREGNANT_EMOJI.finditer(text))
    return out + list(CANCER.finditer(text))


def _subject_is_a_person(text: str, m: re.Match[str]) -> bool:
    """ "got snipped" said of a man ("he", "hubby") or a name (a given name, or a surname after
    another capitalised word), not of a ribbon or a tape."""
    subject = _SNIP_SUBJECT.search(text, max(0, m.start() - 40), m.start())
    if subject is None:
        return False
    word = subject.group(1)
    if word is None:
        return True
    from .vocabulary import first_names, name_key, surnames

    return name_key(word) in first_names() or (
        name_key(word) in surnames()
        and _NAME_BEFORE.search(text, max(0, subject.start(1) - 40), subject.start(1)) is not None)


# "X is due in May": X names a person, not a project, a bill or a form ("Construction is due
# in June", "Renewal is due in March"): a given name, or the second word of a name written
# whole ("Jessica Tran is due in May") (lead's narrowing after an outside review of s55)
_DUE_SUBJECT = lazy(r"([A-Z][a-z]+)(?:\s+is|\s+are|['’]s|['’]re)\s+due\b")
_NAME_BEFORE = lazy(r"\b[A-Z][a-z]+[ \t]+$")


def _due_of_a_person(text: str, m: re.Match[str]) -> bool:
    """False where a "due" reading's subject is a capitalised word that is no given name and
    follows no other capitalised word on its line: a thing that is due, not a person."""
    due = _DUE_SUBJECT.match(text, m.start())
    if due is None:
        return True
    from .vocabulary import first_names

    return (due.group(1).lower() in first_names()
            or _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None)


def span(m: re.Match[str]) -> tuple[int, int]:
    """The span of the match's group that matched."""
    group = next(g for g in range(1, (m.re.groups or 0) + 1) if m.group(g) is not None)
    return m.start(group), m.end(group)
