"""Compile the PHI screen's vocabularies from kept packages into small text files.

    pip install -e .[vocab] && python policies/phi/data/build_vocab.py

Run it again when a source package is upgraded; the screen never imports these packages,
it reads the compiled files lazily (policies/phi/vocabulary.py). Sources and licences:

- conditions: ICD-10-CM 2026 tabular list (CMS/NCHS, public domain) via `simple-icd-10-cm`
  (MIT): the head phrase of every code's description and inclusion terms in chapters 1-19
  (diseases, symptoms, injuries; external causes and Z-codes left out: they describe
  everyday places and activities);
- medicines: `drug-named-entity-recognition` (MIT; names from DrugBank open data, MeSH and
  Wikipedia), brand and generic names;
- common-word filter: `wordfreq` (Apache-2.0 code; its CC-BY-SA data is only consulted, not
  shipped): a single word that is common English ("lead", "fall", "cast") is no health term
  on its own, so it is kept only inside a longer phrase;
- first names and surnames: Faker's en_US person provider (MIT; from US Census / SSA name
  frequency tables), plus its other Latin-script locales' names that are not common English,
  spelled without accents ("François" -> francois; a name only its accents make one must be
  rarer still); `python build_vocab.py names` rebuilds only the name files;
- accented words that are no names: wordfreq's 50,000 commonest Spanish words whose spelling
  without accents is a listed name ("está", "niña"), less those a locale's name list spells
  the same way ("maría", "josé") unless they are among the very commonest ("día");
- confusable characters: Unicode's confusables.txt via `confusable-homoglyphs` (MIT): every
  single code point whose skeleton is one ASCII letter or digit;
- vehicle makes and models: `faker-vehicle` (Apache-2.0; US makes and models 1992-2020), for
  a described car ("the green Outback with the kayak rack") tied to a patient;
- role nouns: Princeton WordNet 3.0 (WordNet 3.0 licence, BSD-style), read from the Debian
  package `wordnet-base` (`apt-get install wordnet-base`; `build_vocab.py roles DIR` reads
  another copy):
  every noun whose first or second sense is a person (the noun.person lexicographer file:
  "barber", "crossing guard", "mail carrier", "organist"), without the kin, child and
  sick-person branches, which the screen reads by other rules.
  `python build_vocab.py roles` rebuilds only this file;
- condition abbreviations: ICD-10-CM again, the capitalised abbreviations it defines beside a
  phrase ("Post-traumatic stress disorder (PTSD)") or writes alone ("TIA", "Decompensated
  COPD"), less those that are everyday words ("ALL", "HIT"); `python build_vocab.py
  abbreviations` rebuilds only this file. Well-known ones ICD never writes beside their phrase
  ("ALS", "CHF") are added from a short hand-kept list in this script.
- US place names: every town name of the US ZIP code list via `zipcodes` 3.0.0 (MIT code; its
  names come from unitedstateszipcodes.org's database and the USPS ZIP Locale Detail, its
  coordinates, not kept here, from GeoNames), lower-cased, with the other names a ZIP code's
  town is known by (only the names, which are facts, are kept), less the
  one-word towns that are a 1990 Census first name or surname (`names`, MIT; the Census
  Bureau's lists): a capitalised "name" after a place word that is a town and no person's name
  ("near Moab", "in Old Harbor and Larsen Bay") is read as the town (policies/phi/
  candidates.py `_town_name`). `python build_vocab.py places` rebuilds only this file.
"""

from __future__ import annotations

import bz2
import json
import pickle
import re
from functools import lru_cache
from pathlib import Path

OUT = Path(__file__).resolve().parent
_CUT = re.compile(
    r",|;|:|\(|\[| of | with | without | due to | in | on | not | nos\b| by | following | "
    r"after | affecting | involving | at | from | and | or | associated | as "
)
_QUALIFIERS = {
    "unspecified", "other", "acute", "chronic", "mild", "moderate", "severe", "primary",
    "secondary", "recurrent", "single", "multiple", "personal", "family", "history",
    "left", "right", "bilateral", "unilateral", "partial", "complete", "initial",
    "subsequent", "type", "1", "2", "localized", "generalized", "congenital", "suspected",
}
# at or above this a single word is everyday English (wordfreq's scale)
COMMON_ZIPF = 4.6
# a name from another locale's list is kept only below this (rarer than "hope", "grace")
FOREIGN_NAME_ZIPF = 4.0
# a first name at least this common in English is also an everyday word ("Mark", "Sue")
WORDLIKE_NAME_ZIPF = 4.2
FOLDED_NAME_ZIPF = 3.5
# Spanish words this common are no name even where a locale's list spells one so ("día")
COMMONEST_SPANISH_ZIPF = 5.5
# how many of Spanish's commonest words are looked up for verb forms
SPANISH_VERB_WORDS = 80000
# heads of inverted ICD descriptions ("Hypertension, portal") that are everyday words alone
# (and body parts, measurements and everyday nouns that head a few descriptions): alone they
# say nothing about anyone's health; inside a phrase ("torn labrum", "kidney stones") they do
_NOT_HEALTH_WORDS = """
portal behavioral knee elbow ankle wrist shoulder shoulders nursing breaks break arch angle atlas
category categories clip closure curve delivery density exit findings frequency guidance height
horn lens margin margins markers matrix milestone motor object onset origin overlap pads passage
passages pattern pearl component contents continuation correspondence equivalent formation
functional functioning induction involvement occurring perception perceptions arrangement
attainment awareness combat commands canal broad cries crying dimension doubling drip fits flare
hanging immersion incorporation institutes interference lateral latus leak light loose minimal
movements neglect node nodes obeys organ organs patch patent penetration exposure excess
excessive delay delayed decline deposit deposits difficulties difficulty disruption elevation
embedded episodes focal friction juvenile limitation localizes taco walker talker string tags
tube width void variant variants variations worries shift shadow sample seeds scrub root roots
ridge rotation separation stealing spots tipping struck unknown specified resulting supervision
sixth pins periods portions phenomenon precipitous presenting primarily predominantly
recruitment relaxation repair replaced restoration retained retention resistance sensitivity
skeleton teeth thumb toes tongue tooth throat tissue trunk valve valves vessel vessels vein veins
transparency tolerance tension termination twist swallow smoking potassium sodium protein pulse
posture absence absent acid affect agents bands beats bone bones chest cheek circulation
complicated component compromise condyle contents digit discharge duct ears equivalent finger
fingers fluids glucose graft iris joints lung membrane mucus muscle nail nerve nose organ pupil
skull spine stomach trait tract vocal cortex artery bladder breast breasts kidney liver prostate
activation aesthetic arising category exploitation feeding flank gait gene recession scaling
shutdown smear smearing spells splinter splitting streak suspect titer trauma
"""
NOT_HEALTH = frozenset(_NOT_HEALTH_WORDS.split())


def _words(phrase: str) -> list[str]:
    phrase = re.sub(r"['\u2019]s\b", "", phrase)  # "parkinson's disease" -> "parkinson disease"
    return re.findall(r"[a-z][a-z\-]*[a-z]|\d+", phrase)


def condition_terms() -> dict[str, float]:
    import simple_icd_10_cm as icd
    from wordfreq import zipf_frequency

    def rarity(phrase: str) -> float:
        return min((zipf_frequency(w, "en") for w in _words(phrase)), default=8.0)

    terms: dict[str, float] = {}
    for code in icd.get_all_codes(with_dots=True):
        if icd.is_chapter_or_block(code) or code[0] in "VWXYZU":
            continue
        # symptoms (R) and injuries (S, T) are common whatever their wording: never "rare"
        common = code[0] in "RST"
        texts = [icd.get_description(code)] + list(icd.get_inclusion_term(code))
        for text in texts:
            text = text.lower()
            for bracket in re.findall(r"\[([^\]]+)\]", text):  # eponyms: "[Kawasaki]"
                head = text.split("[")[0].split()[-1:] or ["disease"]
                for name in re.split(r",\s*|\s+or\s+", bracket):
                    name = " ".join(_words(name))
                    for form in (f"{name} {head[0]}", f"{name} disease", f"{name} syndrome"):
                        terms[form] = 9.0 if common else rarity(name)
            core = _CUT.split(" " + text + " ", maxsplit=1)[0].strip()
            words = [w for w in _words(core) if w not in _QUALIFIERS]
            if not words or len(words) > 4:
                continue
            phrase = " ".join(words)
            if len(words) > 1:
                terms[phrase] = 9.0 if common else terms.get(phrase, rarity(phrase))
            for i, w in enumerate(words):
                z = zipf_frequency(w, "en")
                # alone, a word is a term when it heads the phrase ("fracture", "asthma") or
                # is rare English ("stridor"); a modifier ("portal", "vocal") is not
                head = i == len(words) - 1
                term = len(w) >= 4 and not w.isdigit() and w not in NOT_HEALTH
                if term and (z < 3.0 or head and z < COMMON_ZIPF):
                    # a word that names a symptom or injury anywhere is never "rare"
                    terms[w] = 9.0 if common else terms.get(w, z)
    return terms


def drug_terms() -> dict[str, float]:
    import drug_named_entity_recognition as dner
    from faker.providers.person.en_US import Provider
    from wordfreq import zipf_frequency

    # "Angelica", "Ella": brand names that are US first names
    people = {n.lower() for n in (*Provider.first_names, *Provider.last_names)}
    path = Path(dner.__file__).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as fh:
        data = pickle.load(fh)  # noqa: S301 - the package's own bundled dictionary
    out = {}
    canonical = set(data["drug_canonical_to_data"])
    for variant in data["drug_variant_to_canonical"]:
        words = _words(variant.lower())
        # single names (generic or brand) and canonical two-word names; the long chemical
        # and MeSH variants never appear in a social post
        if not words or len(variant) < 4 or not re.fullmatch(r"[a-z][a-z\- ]*", variant.lower()):
            continue
        if len(words) > 2 or (len(words) == 2 and variant not in canonical):
            continue
        phrase = " ".join(words)
        z = min(zipf_frequency(w, "en") for w in words)
        if len(words) == 1 and (z >= 3.5 or words[0] in people):
            continue  # "ensure", "today", "cold": everyday words that are also brand names
        out[phrase] = z
    return out


def names() -> tuple[list[str], list[str], list[str]]:
    """en_US first names and surnames, plus those of Faker's other Latin-script locales (a
    practice's patients are not all named from the US list: "Aiden", "Mateo", "Yesenia" are
    absent from it) that are not everyday English words ("Will", "Hope", "Grace" stay out
    unless the US list has them, where the candidate rules already treat them with care).
    Third, the first names only an accent makes one (listed nowhere in ASCII: "toi" from
    the Vietnamese "Tôi", also the word "I")."""
    from faker.providers.person.en_US import Provider
    from wordfreq import zipf_frequency

    from policies.phi.vocabulary import name_key

    first = {n.lower() for n in Provider.first_names}
    last = {n.lower() for n in Provider.last_names}
    us_first = set(first)
    spelled_first: set[str] = set()
    folded_first: set[str] = set()
    listed = _faker_names()
    for name, kinds in listed.items():
        # spelled without accents, as the screen looks names up ("François", "Côté",
        # "Jürgen" were left out while only ASCII spellings were kept); a name only an
        # accent makes one must be rarer as an English word ("Brá", "Nanný" are not the
        # words bra and nanny, and "Lín" does not make the surname Lin a first name)
        word = name_key(name)
        if not re.fullmatch(r"[a-z][a-z'\-]{2,}", word):
            continue
        for kind in kinds:
            spelled = word == name or kind in listed.get(word, ())
            if zipf_frequency(word, "en") < (FOREIGN_NAME_ZIPF if spelled else FOLDED_NAME_ZIPF):
                (first if kind == "first" else last).add(word)
                if kind == "first":
                    (spelled_first if spelled else folded_first).add(word)
    return sorted(first), sorted(last), sorted(folded_first - spelled_first - us_first)


@lru_cache(maxsize=1)
def _faker_names() -> dict[str, set[str]]:
    """Every name of Faker's person providers, lower-case as spelled -> "first", "last" or
    both."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    def listed(value: object) -> list[str]:
        return list(value) if isinstance(value, (dict, list, tuple, set, frozenset)) else []

    out: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"),
                           "Provider", None)
        if provider is None:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            for name in listed(getattr(provider, attr, ())):
                out.setdefault(name.lower(), set()).add(
                    "last" if attr == "last_names" else "first")
    return out


def confusables() -> dict[str, str]:
    import unicodedata

    import confusable_homoglyphs

    path = Path(confusable_homoglyphs.__file__).parent / "confusables.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for char, entries in table.items():
        if len(char) != 1 or char.isascii():
            continue
        for entry in entries:
            target = entry["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                # keep case: a Cyrillic capital maps to the Latin capital it imitates
                if unicodedata.category(char) == "Lu" and target.islower():
                    continue
                out[char] = target
                break
    # Small capitals ("ᴅOB", "ᴍʀɴ") read as their letter, but confusables.txt maps only some of
    # them to it; their Unicode names say which letter they are.
    import sys

    for code in range(0x80, sys.maxunicode + 1):
        name = unicodedata.name(chr(code), "")
        if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
            out.setdefault(chr(code), name[-1].lower())
    return out


# a model that is an everyday word ("Focus", "Escape", "Civic") is a car only when written as a
# name (capitalised); rarer ones ("Tacoma", "Prius") in any case
EVERYDAY_MODEL_ZIPF = 3.5


def vehicles() -> list[str]:
    """"make<TAB>name" and "model<TAB>name" lines (lowercase; single words), the everyday
    models marked "model_cap" (a car only when capitalised)."""
    from faker_vehicle.vehicle_dict import vehicles as table
    from wordfreq import zipf_frequency

    makes = {v["Make"].lower() for v in table}
    models = set()
    for v in table:
        word = v["Model"].split()[0].lower()
        if re.fullmatch(r"[a-z][a-z\-]{2,}(?:-?\d+)?|[a-z]-?\d{2,3}", word) and word not in makes:
            models.add(word)
    lines = [f"make\t{m}" for m in sorted(makes) if re.fullmatch(r"[a-z][a-z\- ]+", m)]
    for m in sorted(models):
        kind = "model_cap" if zipf_frequency(m, "en") >= EVERYDAY_MODEL_ZIPF else "model"
        lines.append(f"{kind}\t{m}")
    return lines


def write_vehicles() -> None:
    (OUT / "vehicles.tsv").write_text(
        "# kind\tword (faker-vehicle, Apache-2.0; build_vocab.py)\n" + "\n".join(vehicles())
        + "\n", encoding="utf-8")


# an abbreviation ICD-10-CM defines beside its phrase: "Post-traumatic stress disorder (PTSD)"
_DEFINED = re.compile(r"([A-Za-z][\w'\- ]*?)\s*[(\[]([A-Z]{3,6})[)\]]")
# a description that is an abbreviation alone, or one after its qualifiers: "TIA", "Decompensated
# COPD", "Acute bronchitis due to RSV"
_ALONE = re.compile(r"^(?:[A-Za-z\- ]*\s)?([A-Z]{3,6})(?:\s+NOS)?$")
# at or above this an abbreviation with a vowel is an everyday word too ("ALL", "MEN", "HIT",
# "FISH"); one without a vowel is never a word, however often it is written ("PTSD", "DVT")
ABBREVIATION_ZIPF = 3.0
# ICD's own shorthand, roman numerals, and abbreviations a practice's posts use for something
# else first: agencies ("SSA"), school districts ("ISD"), companies ("MSD"), parent councils,
# credentials ("PNP", a pediatric nurse practitioner; nameparser's credentials are left out too)
_NOT_ABBREVIATIONS = frozenset({"NOS", "NEC", "III", "VIII", "XIII", "EMT", "SSA", "ISD", "MSD",
                                "EAS", "IAS", "EFA", "APL", "AGL", "HMP", "SRV", "PTC", "PTP",
                                "CEA", "PNP"})
# well-known abbreviations that ICD-10-CM never writes beside their phrase (hand-kept)
_WELL_KNOWN = ("ALS", "CHF", "DVT", "TIA", "IBS", "GERD", "UTI", "TBI", "SIDS", "STD", "STI",
               "ADHD", "OCD")


def _defines(phrase: str, abbreviation: str) -> bool:
    """Schwartz-Hearst's test: the letters occur in order in the phrase's last words, the
    first one starting a word."""
    words = re.findall(r"[a-z]+", phrase.lower())[-(len(abbreviation) + 2):]
    letters = abbreviation.lower()
    for i, word in enumerate(words):
        if word[0] != letters[0]:
            continue
        rest, k = " ".join(words[i:])[1:], 1
        for ch in rest:
            if k < len(letters) and ch == letters[k]:
                k += 1
        if k == len(letters):
            return True
    return False


def abbreviations() -> list[str]:
    """Capitalised abbreviations of conditions from ICD-10-CM's descriptions and inclusion
    terms (chapters 1-19), matched only as written ("COPD", "PTSD", "TIA")."""
    import simple_icd_10_cm as icd
    from nameparser.config import CONSTANTS
    from wordfreq import zipf_frequency

    credentials = {c.upper() for c in (*CONSTANTS.suffix_acronyms, *CONSTANTS.titles)}
    out = set(_WELL_KNOWN)
    for code in icd.get_all_codes(with_dots=True):
        if icd.is_chapter_or_block(code) or code[0] in "VWXYZU":
            continue
        for text in [icd.get_description(code), *icd.get_inclusion_term(code)]:
            found = [m.group(2) for m in _DEFINED.finditer(text) if _defines(*m.groups())]
            found += [m.group(1) for m in _ALONE.finditer(text)]
            out.update(a for a in found if a not in _NOT_ABBREVIATIONS
                       and a not in credentials and (
                not re.search(r"[AEIOUY]", a)
                or zipf_frequency(a.lower(), "en") < ABBREVIATION_ZIPF))
    return sorted(out)


def write_abbreviations() -> None:
    found = abbreviations()
    (OUT / "abbreviations.txt").write_text(
        "# condition abbreviations from ICD-10-CM and a short hand list (see build_vocab.py)\n"
        + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found)} abbreviations")


# WordNet synsets whose hyponyms are not roles: kin, children and the sick are read by the
# relative, individual and patient rules (name, lexicographer file, sense number)
_NOT_ROLES = (("relative", 0), ("juvenile", 0), ("sick_person", 0), ("patient", 0))


def role_nouns(wordnet: Path) -> list[str]:
    """Lowercase nouns (and compounds) whose first or second sense is a person (and whose
    first is not an animal)."""
    import collections

    lexfile, lemmas, hyponyms = {}, {}, collections.defaultdict(list)
    for line in (wordnet / "data.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split("|")[0].split()
        offset, count = fields[0], int(fields[3], 16)
        lexfile[offset] = fields[1]
        lemmas[offset] = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]) for i in range(count)]
        k = 4 + 2 * count
        for _ in range(int(fields[k])):
            symbol, target, pos = fields[k + 1], fields[k + 2], fields[k + 3]
            if symbol == "@" and pos == "n":  # a class's hypernym (not an instance's)
                hyponyms[target].append(offset)
            k += 4
    senses, noun_tagged = {}, {}
    for line in (wordnet / "index.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[4 + int(fields[3]) + 2 :]
        noun_tagged[fields[0]] = int(fields[4 + int(fields[3]) + 1])
    excluded: set[str] = set()
    stack = [senses[name][i] for name, i in _NOT_ROLES]
    while stack:
        offset = stack.pop()
        if offset not in excluded:
            excluded.add(offset)
            stack += hyponyms[offset]
    # a word read far more often as an adjective ("favorite", "senior", "better", "brave")
    # is left out: SemCor's tagged-sense counts in the index files decide
    adjective = {}
    for line in (wordnet / "index.adj").read_text(encoding="utf-8").splitlines():
        if not line.startswith("  "):
            fields = line.split()
            adjective[fields[0]] = int(fields[4 + int(fields[3]) + 1])
    out = []
    for lemma, offsets in senses.items():
        if lemma in adjective and adjective[lemma] >= noun_tagged[lemma]:
            continue
        # an instance ("Barber", the composer) is capitalised in its synset: not a class
        classes = [o for o in offsets
                   if not any(w.lower() == lemma and w[0].isupper() for w in lemmas[o])]
        if classes and lexfile[classes[0]] == "05":
            continue  # an animal first ("dog", "cat"; a therapy dog is no role)
        if any(lexfile[o] == "18" and o not in excluded for o in classes[:2]):
            out.append(lemma.replace("_", " "))
    return sorted(out)


def write_names() -> tuple[list[str], list[str]]:
    first, last, folded = names()
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (OUT / "surnames.txt").write_text("\n".join(last) + "\n", encoding="utf-8")
    from wordfreq import zipf_frequency

    # first names that are also everyday words ("Mark", "Will", "Grace"): at the start of a
    # sentence they are read as a name only with more evidence; so are those only an accent
    # makes names, whose ASCII spelling may be a word elsewhere ("Toi dang mang thai...")
    common = sorted({n for n in first if zipf_frequency(n, "en") >= WORDLIKE_NAME_ZIPF}
                    | set(folded))
    (OUT / "first_names_wordlike.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    words = accented_words(set(first) | set(last))
    (OUT / "accented_not_names.txt").write_text(
        "# common Spanish words a listed name spells without its accents (see build_vocab.py)\n"
        + "\n".join(words) + "\n", encoding="utf-8")
    return first, last


def accented_words(listed: set[str]) -> list[str]:
    """Common Spanish words whose spelling without accents is a listed name ("está" and
    "niña" fold to the names Esta and Nina): the screen looks an accented word up as a name
    without its accents (vocabulary.NameList), but not these. A word some locale's name
    list spells with the same accents ("maría", "josé", "inés") stays a name unless it is
    among Spanish's very commonest words ("día", "así"). From wordfreq's 50,000 commonest
    Spanish words."""
    from wordfreq import top_n_list, zipf_frequency

    from policies.phi.vocabulary import name_key

    spelled = set(_faker_names())
    return sorted(w for w in top_n_list("es", 50000)
                  if not w.isascii() and w.isalpha() and name_key(w) in listed
                  and (w not in spelled or zipf_frequency(w, "es") >= COMMONEST_SPANISH_ZIPF))


def spanish_verb_forms(first: set[str], last: set[str]) -> dict[str, str]:
    """Spanish verb forms, accent-folded as the name lists spell ("Llamenos" is written as
    often as "Llámenos"): wordfreq's 30,000 commonest Spanish words that simplemma
    lemmatises to an infinitive other than themselves. Each is marked "name" when a listed
    first name or surname or a name of Faker's person providers spells it ("Dan", "Flores",
    "Orlando", "Pete", "Esta": a name may stand there; an outside review of session 30 found
    "Pete", "Orlando" and "Van" in a first version), "shared" when it is at least as common
    in English or Filipino ("please", "time", "sana": no sign of Spanish), else "". The
    screen reads an unmarked form opening a "¿"/"¡" sentence as no name, and any form after
    a word as that word's verb."""
    import simplemma
    from wordfreq import top_n_list, zipf_frequency

    from policies.phi.vocabulary import name_key

    named = set(first) | set(last) | {name_key(n) for n in _faker_names()}
    out: dict[str, str] = {}
    for word in top_n_list("es", SPANISH_VERB_WORDS):
        lemma = simplemma.lemmatize(word, lang="es")
        if not word.isalpha() or lemma == word or not lemma.endswith(("ar", "er", "ir", "ír")):
            continue
        key = name_key(word)
        # as written and as folded ("sana" is Filipino's "I hope", "i" English's "I")
        shared = any(max(zipf_frequency(w, "en"), zipf_frequency(w, "fil"))
                     >= zipf_frequency(w, "es") for w in {word, key})
        mark = "name" if key in named else "shared" if shared else ""
        marks = ("", "shared", "name")  # the strongest mark of any spelling stands
        out[key] = max(out.get(key, ""), mark, key=marks.index)
    return dict(sorted(out.items()))


def write_spanish_verbs(first: set[str], last: set[str]) -> None:
    forms = spanish_verb_forms(first, last)
    (OUT / "spanish_verbs.txt").write_text(
        "# Spanish verb forms (see build_vocab.spanish_verb_forms): form, then \"name\" or\n"
        "# \"shared\" where it may be a name or is as common in English or Filipino\n"
        + "".join(f"{w}\t{m}\n" if m else f"{w}\n" for w, m in forms.items()),
        encoding="utf-8")


def common_words() -> tuple[dict[str, float], list[str]]:
    """Everyday words a nickname after a Spanish honorific cannot be (spanish_names.common_word):
    wordfreq's Spanish words at Zipf >= spanish_names.COMMON_ES with their Zipf (a listed first
    name must reach COMMON_NAME_ES), and its English words at Zipf >= COMMON_EN. Compiled so
    the screen never imports wordfreq (a dev and vocab extra, not a dependency) nor loads its
    lists at run time."""
    from wordfreq import top_n_list, zipf_frequency

    from policies.phi.spanish_names import COMMON_EN, COMMON_ES

    spanish: dict[str, float] = {}
    for word in top_n_list("es", 200_000):
        zipf = zipf_frequency(word, "es")
        if zipf < COMMON_ES:
            break
        spanish[word] = zipf
    english = []
    for word in top_n_list("en", 50_000):
        if zipf_frequency(word, "en") < COMMON_EN:
            break
        english.append(word)
    return spanish, english


def write_common_words() -> None:
    spanish, english = common_words()
    (OUT / "common_words.tsv").write_text(
        "# everyday words (see build_vocab.common_words): \"es\" + Zipf, or \"en\"\n"
        + "".join(f"{w}\tes\t{z:.2f}\n" for w, z in sorted(spanish.items()))
        + "".join(f"{w}\ten\n" for w in sorted(english)),
        encoding="utf-8")


def spanish_function_words() -> list[str]:
    """Spanish's function words (spaCy's Spanish stop words, accents folded as the name lists
    spell), less those a Spanish locale of Faker's person providers gives as a first name
    ("Mía", "Segundo", "Dan"): the screen reads the rest, opening a Spanish sentence before a
    lower-case word, as words ("Ya tiene su gafete"); vocabulary.spanish_function_words
    takes out, when it reads the file, every word the name lists hold ("Hasta", "Una",
    "Nada": given names too, session 47 round 3), so a rebuilt name list is followed."""
    import importlib
    import pkgutil

    import faker.providers.person as person
    from spacy.lang.es.stop_words import STOP_WORDS

    from policies.phi.vocabulary import name_key

    given: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name != "es" and not module.name.startswith("es_"):
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attr, ())
            if isinstance(value, (dict, list, tuple, set, frozenset)):
                given |= {name_key(n) for n in value}
    return sorted({name_key(w) for w in STOP_WORDS} - given)


def write_spanish_function_words() -> None:
    words = spanish_function_words()
    (OUT / "spanish_function_words.txt").write_text(
        "# Spanish function words no Spanish given name spells (see "
        "build_vocab.spanish_function_words)\n" + "\n".join(words) + "\n", encoding="utf-8")


def write_roles(wordnet: Path = Path("/usr/share/wordnet")) -> None:
    roles = role_nouns(wordnet)
    (OUT / "role_nouns.txt").write_text(
        "# nouns for a person, from WordNet 3.0 (see build_vocab.py)\n" + "\n".join(roles) + "\n",
        encoding="utf-8")
    print(f"{len(roles)} role nouns")


def _census_names() -> set[str]:
    """The 1990 US Census first names (5,494) and surnames (88,799) the `names` package
    ships (MIT; the Census Bureau's frequency lists, public domain): a wider surname list than
    Faker's, read only to keep a town that is someone's name out of us_places.txt."""
    import names

    folder = Path(names.__file__).parent
    return {line.split()[0].lower() for file in ("dist.female.first", "dist.male.first",
                                                 "dist.all.last")
            for line in (folder / file).read_text().splitlines() if line.strip()}


def places() -> list[str]:
    """Town names of the ZIP code list, less a one-word town that is a census first name or
    surname ("Colville", "Denver", "Macon"): the screen drops a town from its names, and a
    person so named must stay a name."""
    import zipcodes

    census = _census_names()
    found: set[str] = set()
    for row in zipcodes.list_all():
        for city in [row["city"], *row.get("acceptable_cities", [])]:
            city = " ".join(city.lower().replace(".", "").split())
            if city and not any(ch.isdigit() for ch in city) and (
                    " " in city or city not in census):
                found.add(city)
    return sorted(found)


def write_places() -> None:
    found = places()
    (OUT / "us_places.txt").write_text(
        "# US town names from the ZIP code list (zipcodes 3.0.0: unitedstateszipcodes.org and"
        " USPS), less one-word towns that are 1990 Census names (see build_vocab.py)\n"
        + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found)} place names")


def main() -> None:
    write_vehicles()
    conditions = condition_terms()
    drugs = drug_terms()
    with open(OUT / "health_terms.tsv", "w", encoding="utf-8") as fh:
        fh.write("# term\tsource\tzipf of its rarest word (wordfreq; 9.0 = a symptom or "
                 "injury, never rare)\n")
        for term, z in sorted(conditions.items()):
            fh.write(f"{term}\ticd10cm\t{z:.1f}\n")
        for term, z in sorted(drugs.items()):
            if term not in conditions:
                fh.write(f"{term}\tdrug\t{z:.1f}\n")
    first, last = write_names()
    write_spanish_verbs(set(first), set(last))
    write_spanish_function_words()
    write_common_words()
    (OUT / "confusables.json").write_text(
        json.dumps(confusables(), ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8"
    )
    print(f"{len(conditions)} condition terms, {len(drugs)} medicines, "
          f"{len(first)} first names, {len(last)} surnames")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["vehicles"]:
        write_vehicles()
    elif sys.argv[1:] == ["spanish_verbs"]:
        from policies.phi.vocabulary import first_names, surnames

        write_spanish_verbs(set(first_names()), set(surnames()))
    elif sys.argv[1:] == ["spanish_function_words"]:
        write_spanish_function_words()
    elif sys.argv[1:] == ["common_words"]:
        write_common_words()
    elif sys.argv[1:] == ["abbreviations"]:
        write_abbreviations()
    elif sys.argv[1:] == ["names"]:
        write_names()
    elif sys.argv[1:] == ["places"]:
        write_places()
    elif sys.argv[1:2] == ["roles"]:  # roles [WORDNET_DIR]
        write_roles(*(Path(a) for a in sys.argv[2:3]))
    else:
        main()
        write_roles()
        write_abbreviations()
        write_places()
