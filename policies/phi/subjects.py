"""Who the health event happens to, read from the dependency parse (parsed.py).

Two constructions the word-level rules cannot read:

- **A role as the subject of a health event.** "Our favourite crossing guard had a heart
  attack", "the mail carrier on our route is recovering from surgery", "the barber on Main
  Street had his hip replaced": a singular person noun (WordNet's noun.person, compiled into
  data/role_nouns.txt) made specific by "the/this/our/my" or a possessor ("our town's fire
  chief"), that is the subject (or possessor) of a predicate holding a health term. People who
  know that crossing guard know who is meant. The same noun passes in health education and
  events: plural or indefinite ("crossing guards: know the signs", "a mail carrier walks 12
  miles"), under a modal or a condition ("the athlete should sit out"), as the agent of
  teaching, hosting or treating ("our pharmacist will host a talk on blood pressure"), with
  the health term inside an event or a handout ("flyers about skin checks"), and as the
  definite echo of an indefinite case ("A 40-year-old teacher came in ... The teacher ...":
  a de-identified case's protagonist).
- **A first name that is also a word, as a person subject.** "Hope finished her last round of
  radiation", "Will crushed his PT goals": a capitalised word opening a sentence is a name
  when it is the subject and a personal pronoun in its predicate agrees with it ("her",
  "his", "she"); "Hope is not a plan", "Summer is here: sunscreen prevents skin cancer" have
  none.

Both run only on sentences that hold a health term and pass a cheap word test first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .lazy_pattern import lazy
from .prefilter import gated
from .vocabulary import DATA, Mention, first_names, titles


class WordList(Protocol):
    """candidates.NOT_NAME: .match(word) says whether a word is one of its list."""

    def match(self, word: str) -> object: ...


I = re.IGNORECASE  # noqa: E741

# Person nouns that say nothing about a role on their own ("the man", "our friend"); with a
# noun before them they do ("the lunch lady", "the deli guy"). Closed class, not domain words.
_GENERIC = frozenset(
    {"man", "woman", "boy", "girl", "lady", "guy", "gentleman", "person", "individual", "adult",
     "type", "star", "fan", "friend", "neighbor", "neighbour", "member", "guest", "visitor",
     "client", "customer", "resident", "local", "citizen", "human", "people", "folk",
     "youngster", "teen", "teenager", "kid", "child", "baby", "infant", "toddler", "mom", "dad",
     "mum", "someone", "somebody", "anyone", "everyone", "one", "self", "being", "soul", "life",
     "character", "figure", "hero", "angel", "champ", "warrior", "fighter", "survivor",
     "trooper", "sweetheart", "darling", "dear"}
)
# determiners that make a singular noun one specific person
_SPECIFIC_DET = frozenset({"the", "this", "that", "our", "my"})
_INDEFINITE = frozenset({"a", "an", "any", "every", "each", "no", "some", "another", "either",
                         "your", "their", "what", "which", "whichever", "whatever"})
# modals of possibility and advice: "the athlete should sit out" is no event
_MODALS = frozenset({"can", "could", "should", "must", "may", "might", "would", "ca", "shall"})
_CONDITIONS = frozenset({"if", "when", "whenever", "unless", "once", "until", "before"})
# The subject acts on others or on the public (teaching, hosting, treating, giving): the
# health term is their topic or their work, not their own health. Verb stems, any tense.
_AGENT = lazy(
    r"^(?:(?:host|hold|run|teach|explain|giv|offer|lead|organi[sz]|sponsor|donat|rais|talk|"
    r"speak|discuss|shar|post|writ|hang|promot|support|help|treat|diagnos|prescrib|perform|"
    r"operat|refer|referr|order|recommend|administer|vaccinat|screen|check|see|cover|answer|"
    r"remind|encourag|urg|learn|research|volunteer|join|collect|deliver|demonstrat|show|"
    r"review|read|train|coach|bring|hand|staff|celebrat|honou?r|thank|welcom|announc|warn|"
    r"know|ask|tell|say|not|find|campaign|fundrais|advocat|spread|cut|open|launch|rescu|"
    r"reviv|resuscitat|educat|inform|lectur|distribut|guid|lend)(?:e|es|s|ed|d|ing)?|"
    r"held|ran|taught|gave|given|led|spoke|wrote|written|hung|saw|seen|brought|knew|known|"
    r"told|said|found|lent|stud(?:y|ies|ied|ying))$",
    I,
)
# Verbs whose subject undergoes the event: with one of them a first name needs no pronoun to
# be a person ("Rose beat leukemia", "Sterling tore an ACL"); "Summer brings sunburns" has none
_UNDERGO = lazy(
    r"^(?:beat|fought|battled|survived|underwent|undergoes|finished|completed|tore|broke|"
    r"sprained|fractured|dislocated|needed|needs|received|got|gets|had|has|recovered|"
    r"recovering|rang|started|starts|began|begins|beats|fights|battles|endured|suffered)$",
    I,
)
# nouns through which a health term is a topic, an event or a handout, not someone's health
_TOPIC = lazy(
    r"^(?:talks?|class(?:es)?|clinics?|events?|fairs?|flyers?|fliers?|posters?|videos?|books?|"
    r"clubs?|workshops?|seminars?|courses?|drives?|programs?|programmes?|days?|tips?|signs?|"
    r"awareness|information|info|quiz(?:zes)?|articles?|posts?|campaigns?|research|study|"
    r"studies|training|lectures?|walks?|runs?|5k|months?|weeks?|risks?|rates?|chances?|"
    r"booths?|kits?|pamphlets?|brochures?|guides?|webinars?|panels?|screenings?|"
    r"questions?|facts?|myths?|basics?|symptoms?|warning|lessons?|demos?|demonstrations?|"
    r"supplies|donations?|fundraisers?|funds?|money|ribbons?|stories|story|topics?|"
    r"speech(?:es)?|presentations?|podcasts?|newsletters?|columns?|reports?)$",
    I,
)
# closed-class words that open sentences and are never a first name
_CLOSED = frozenset({"she", "he", "they", "his", "her", "their", "its", "this", "that", "these",
                     "those", "there", "here", "what", "who", "how", "why", "where", "with",
                     "for", "from", "because", "since", "while", "once", "every", "each",
                     "some", "many", "most", "one", "two", "three", "not", "just", "then",
                     "please", "sending", "welcome", "meet", "last", "next", "shoutout"})
_PRONOUN_AGREES = frozenset({"his", "her", "he", "she", "himself", "herself"})
_OWN = frozenset({"his", "her", "their"})
_HEALTH_KINDS = ("condition", "care")


@lru_cache(maxsize=4096)
def role_word(word: str) -> bool:
    """A role noun, or a closed compound whose head is one ("zookeeper", "dogwalker"): the
    head of an English compound is its last part."""
    nouns = role_nouns()
    if word in nouns:
        return True
    if len(word) > 6 and word.endswith("ista"):
        return True  # the borrowed agent suffix WordNet 3.0 predates: "barista"
    return any(word[i:] in nouns and word[i:] not in _GENERIC and word[:i].isalpha()
               for i in range(3, len(word) - 3))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Nouns whose first or second sense is a person (WordNet 3.0, build_vocab.py)."""
    with open(DATA / "role_nouns.txt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if not line.startswith("#"))


@dataclass(frozen=True)
class Subject:
    start: int  # the noun phrase (determiner to head noun) or the name, in the text
    end: int
    kind: str  # "role" | "name"
    mention: Mention  # the health term tied to them
    noun: str = ""  # a role's head noun


_WORD = lazy(r"[A-Za-z][A-Za-z'’-]*")
_PRONOUN = gated(r"\b(?:his|her|he|she|himself|herself)\b", I)
_OPENING = lazy(r"^\W*([A-Z][a-z]{2,})\b")


_DETERMINED = lazy(
    r"(?:\b(?:the|this|that|our|my)|['’]s)\s+((?:[A-Za-z][\w'’-]*\s+){0,3}[A-Za-z][\w-]*)", I)


def role_gate(sentence: str) -> bool:
    """Cheap: "the/this/our/my" or a possessive, then a singular role noun within four
    words ("our favourite crossing guard", "the town's fire chief")."""
    nouns = role_nouns()
    for m in _DETERMINED.finditer(sentence):
        words = m.group(1).lower().split()
        for i, w in enumerate(words):
            if role_word(w) and (w not in _GENERIC or i > 0):
                return True
            if " ".join(words[i : i + 2]) in nouns:
                return True
    return False


def name_gate(sentence: str, not_names: WordList) -> bool:
    """Cheap: a capitalised word that may be a name opens the sentence, and a personal
    pronoun follows or the word is a first name."""
    m = _OPENING.match(sentence)
    return (bool(m) and not not_names.match(m.group(1)) and m.group(1).lower() not in _CLOSED
            and (bool(_PRONOUN.search(sentence, m.end())) or m.group(1).lower() in first_names()))


def needs_parse(text: str) -> list[str]:
    """The sentences of a text (stripped) that the judgement may parse: a health term and a
    role, an opening word with a pronoun after it, an opening word-like first name, or a
    titled clinician a clause of whose may follow (staff_health.staff_gate): what
    judge.py asks for, bar the rare described person ("the barber who ..."), so that they
    can be parsed in one batch."""
    from .candidates import NOT_NAME, sentences
    from .staff_health import staff_gate
    from .vocabulary import health_mentions, wordlike_first_names

    out = []
    for s, e in sentences(text):
        sentence = text[s:e].strip()
        opening = _OPENING.match(sentence)
        if not (role_gate(sentence) or name_gate(sentence, NOT_NAME) or opening and (
                opening.group(1).lower() in wordlike_first_names()) or staff_gate(sentence)):
            continue
        if health_mentions(sentence):
            out.append(sentence)
    return out



def find(parsed: Any, offset: int, mentions: list[Mention], skip_names: set[int],
         not_names: WordList) -> Iterator[Subject]:
    """Role and name subjects of one parsed sentence that starts at `offset` in the text.
    `mentions` are the sentence's health terms (text offsets); `skip_names` the starts of
    names already found; `not_names` the screen's list of capitalised non-names."""
    tied = _mention_tokens(parsed, offset, mentions)
    if not tied:
        return
    for tok in parsed:
        office = tok.tag_ == "NNP" and _of_a_place(tok)  # "The Fire Chief of Brookfield"
        if (tok.tag_ == "NN" or office) and _role(tok):
            m = _role_event(parsed, tok, tied)
            if m is not None and (not office or _own_event(tok, tied)):
                span = _phrase(tok)
                yield Subject(offset + span[0], offset + span[1], "role", m, tok.lower_)
    first = next((t for t in parsed if t.is_alpha), None)
    if first is not None and offset + first.idx not in skip_names:
        m = _name_event(parsed, first, tied, not_names)
        if m is not None:
            yield Subject(offset + first.idx, offset + first.idx + len(first), "name", m)


def _mention_tokens(parsed: Any, offset: int, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the health term it is part of."""
    out: dict[int, Mention] = {}
    for m in mentions:
        for tok in parsed:
            s = offset + tok.idx
            if s < m.end and m.start < s + len(tok):
                out[tok.i] = m
    return out


def _role(tok: Any) -> bool:
    word = tok.lower_
    nouns = role_nouns()
    compound = [c for c in tok.children if c.dep_ == "compound"]
    if compound and " ".join([c.lower_ for c in compound] + [word]) in nouns:
        return True  # "crossing guard", "mail carrier", "fire chief"
    if not role_word(word):
        return False
    return word not in _GENERIC or bool(compound)  # "the lunch lady", "the deli guy"


def _of_a_place(tok: Any) -> bool:
    """A capitalised role tied to a named place or body: "the Mayor of Elkton", "the Sheriff
    of Ostrander County", "the Principal at Westfield Middle School"."""
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "from") and any(
        g.dep_ == "pobj" and g.tag_ == "NNP" for g in c.children) for c in tok.children)


def _own_event(tok: Any, tied: dict[int, Mention]) -> bool:
    """An office holder acts in an official capacity ("the Governor of Ohio signed a bill
    expanding cancer screening"); only their own health tells of them: a health term of the
    predicate is theirs ("came in for his biopsy") or their verb is one its subject undergoes
    ("is recovering from")."""
    verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None:
        return False
    if _UNDERGO.match(verb.lower_):
        return True
    return any(t.i in tied and any(c.dep_ == "poss" and c.lower_ in _OWN for c in t.children)
               for t in verb.subtree)


def _specific(tok: Any) -> bool:
    """"the/our/my barber", "our town's fire chief", not "a barber" or "your barber"."""
    specific = False
    for c in tok.children:
        if c.dep_ == "det" or (c.dep_ == "poss" and c.tag_ == "PRP$"):
            if c.lower_ in _INDEFINITE:
                return False
            specific = specific or c.lower_ in _SPECIFIC_DET
        elif c.dep_ == "poss":
            specific = True  # "Duluth's", "everyone's favourite"
        elif c.dep_ == "amod" and c.lower_ in ("average", "typical", "ideal", "modern", "usual",
                                               "hypothetical", "imaginary", "fictional"):
            return False
    return specific


def _generic_clause(verb: Any) -> bool:
    for c in verb.children:
        if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _MODALS:
            return True
        if c.dep_ == "mark" and c.lower_ in _CONDITIONS:
            return True
    return False


def _ours(verb: Any) -> bool:
    """The verb's subject is the practice ("we set it in our ER", "our team treated")."""
    return any(c.dep_ == "nsubj" and (c.lower_ in ("we", "us") or any(
        g.lower_ == "our" for g in c.children)) for c in verb.children)


def _path_ok(start: Any, top: Any, tied: dict[int, Mention]) -> bool:
    """Walk from a health term up to `top`: no topic noun, and no agent verb other than the
    practice's own care ("we've been treating her for shingles"), on the way."""
    tok = start
    for _ in range(12):
        if tok.i == top.i:
            return True
        if tok.i not in tied:
            if tok.tag_.startswith("NN") and _TOPIC.match(tok.text):
                return False
            if tok.dep_ == "prep" and tok.lower_ in ("about", "regarding", "concerning"):
                return False  # "flyers about skin checks", "learn about strokes"
            if (tok.tag_.startswith("VB") and _AGENT.match(tok.lower_) and tok.tag_ != "VBN"
                    and not _ours(tok)):
                return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _tied_under(head: Any, subject: Any, tied: dict[int, Mention]) -> Mention | None:
    """A health term in `head`'s subtree, outside the subject, reached by a clean path. Under
    a copula, not through a predicate noun that is no person: "Summer is peak season for
    Lyme disease" (but "Grace is a breast cancer survivor")."""
    inside = {t.i for t in subject.subtree} if subject is not None else set()
    for c in head.children:
        if c.dep_ == "attr" and c.tag_.startswith("NN") and c.i not in tied and not (
                role_word(c.lower_) or c.lower_ in _GENERIC):
            inside |= {t.i for t in c.subtree}
    for t in head.subtree:
        if t.i in tied and t.i not in inside and _path_ok(t, head, tied):
            return tied[t.i]
    return None


def _role_event(parsed: Any, tok: Any, tied: dict[int, Mention]) -> Mention | None:
    if not _specific(tok):
        return None
    if tok.dep_ == "appos" and tok.head.tag_ == "NNP" or any(
            c.dep_ == "appos" and c.tag_ == "NNP" for c in tok.children):
        return None  # "Rosalind, our receptionist (born ...)": the name's own rules judge
    if tok.dep_ == "poss" and tok.head.i in tied:
        return tied[tok.head.i]  # "the barber's surgery"
    predicates = []
    if tok.dep_ in ("nsubj", "nsubjpass"):
        predicates.append((tok.head, tok, tok.dep_ == "nsubjpass"))
    for c in tok.children:
        if c.dep_ in ("relcl", "acl"):
            predicates.append((c, None, c.tag_ == "VBN"))
    for verb, subject, passive in predicates:
        if _generic_clause(verb) or subject is not None and _cause_named(subject, verb):
            continue
        if not passive and verb.tag_.startswith("VB") and _AGENT.match(verb.lower_):
            continue  # "our pharmacist will host a talk on blood pressure"
        m = _tied_under(verb, subject, tied)
        if m is not None:
            return m
    return None


# Person nouns that health writing uses for a cause (session 56): "the culprit was an ACE
# inhibitor", "the usual suspect is mold", "the silent killer is high blood pressure".
_CAUSE_NOUNS = frozenset({"culprit", "suspect", "villain", "offender", "perpetrator",
                          "troublemaker", "enemy", "killer"})
_BE = frozenset({"is", "was", "are", "were", "be", "been", "'s", "’s"})  # no lemmatizer here


def _cause_named(subject: Any, verb: Any) -> bool:
    """One of _CAUSE_NOUNS is the subject of "be" whose predicate noun is a thing, no person
    noun: the sentence says what the cause was, and names no one. "The culprit was a kid
    with lice" (a person noun), "the killer was a 45-year-old" (an age), "the culprit was
    Mike" (a name), "the culprit, a man of 40, was treated for burns" (no predicate noun)
    are read as before."""
    if subject.lower_ not in _CAUSE_NOUNS or verb.lower_ not in _BE:
        return False
    return any(c.dep_ == "attr" and c.tag_ in ("NN", "NNS") and not (
        role_word(c.lower_) or c.lower_ in _GENERIC or any(ch.isdigit() for ch in c.text))
        for c in verb.children)


def _subject_verb(first: Any) -> Any | None:
    """The verb whose subject the sentence's first word is ("Will crushed": a modal cannot
    take a past form, so "Will" is the subject)."""
    if first.dep_ in ("nsubj", "nsubjpass"):
        return first.head
    if (first.tag_ == "MD" and first.dep_ == "aux" and first.head.tag_ in ("VBD", "VBN")
            and first.head.i == first.i + 1):
        return first.head
    return None


def _name_event(parsed: Any, first: Any, tied: dict[int, Mention],
                not_names: WordList) -> Mention | None:
    word = first.text
    if not (word[0].isupper() and word[1:].islower() and len(word) >= 3):
        return None
    if not_names.match(word) or word.lower() in titles() or first.i in tied:
        return None
    if any(c.dep_ in ("det", "compound", "amod", "poss") for c in first.children):
        return None  # "Rose hips", "Grace periods": a noun phrase, not a name
    if first.tag_ in ("NNS", "NNPS", "VBG", "PRP", "DT", "IN", "CC", "RB", "WRB", "WP", "JJ"):
        return None
    verb = _subject_verb(first)
    if verb is None or not (word.lower() in first_names() or first.tag_ in ("NNP", "MD")):
        return None
    if _generic_clause(verb) and first.tag_ != "MD":
        return None
    if not any(t.lower_ in _PRONOUN_AGREES and (
            t.dep_ == "poss" or t.dep_ in ("nsubj", "nsubjpass") or t.lower_.endswith("self"))
            for t in verb.subtree if t.i > first.i) and not (
            word.lower() in first_names() and _undergoes(verb, tied)):
        return None  # "Joy is contagious", "Hope is not a plan": no person in the predicate
    if verb.dep_ != "nsubjpass" and _AGENT.match(verb.lower_) and verb.tag_ != "VBN":
        return None  # "Faith helps patients cope with cancer"
    return _tied_under(verb, first, tied)


def _undergoes(verb: Any, tied: dict[int, Mention]) -> bool:
    """The verb is one its subject undergoes, with a health term as its object or after
    "from": "Rose beat leukemia", "Dawn started physical therapy", "recovering from a stroke"
    (not "Summer started with a heat wave and sunburns")."""
    if not _UNDERGO.match(verb.lower_):
        return False
    for c in verb.children:
        if c.dep_ == "dobj" and any(t.i in tied for t in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ == "from" and any(t.i in tied for t in c.subtree):
            return True
    return False


def opening_word_has_event(parsed: Any, offset: int, mentions: list[Mention]) -> bool:
    """The sentence's first word is the subject of a predicate that holds one of its health
    terms: "Grace is in remission" (yes), "Joy is contagious - so is the flu" and "Summer is
    here: sunscreen prevents skin cancer" (no: the health term is another clause's)."""
    tied = _mention_tokens(parsed, offset, mentions)
    first = next((t for t in parsed if t.is_alpha), None)
    if first is None:
        return False
    verb = _subject_verb(first)
    return verb is not None and _tied_under(verb, first, tied) is not None


def all_topical(parsed: Any, offset: int, mentions: list[Mention]) -> bool:
    """Every health term of the sentence is a topic: reached from the sentence's root only
    through a handout, an event or a talk, or as what someone teaches, hosts or hangs up
    ("the barbers who hung our blood pressure flyers", "lets us leave flyers about skin
    checks")."""
    tied = _mention_tokens(parsed, offset, mentions)
    if not tied:
        return False
    for i in tied:
        tok = parsed[i]
        root = tok
        while root.head.i != root.i:
            root = root.head
        if _path_ok(tok, root, tied):
            return False
    return True


def _phrase(tok: Any) -> tuple[int, int]:
    """Character span of the noun phrase up to its head (determiner, possessor, modifiers)."""
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts])
    doc = tok.doc
    return doc[left].idx, tok.idx + len(tok)
