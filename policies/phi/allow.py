"""Allow-lists from the policy's [phi] section: the practice's own names, addresses,
phones and web domains, which are never patient identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lazy_pattern import lazy

_TOML_KEYS = {
    "allow_names": "names",
    "allow_addresses": "addresses",
    "allow_phones": "phones",
    "allow_domains": "domains",
}


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _run_of(part: str, whole: str) -> bool:
    """`part`'s words stand together in `whole`, whole words only: "200 harbor blvd" is no
    run of "1200 harbor blvd" (a character match had released a patient's house number
    that ends the practice's; session 45)."""
    return f" {part} " in f" {whole} "


# a domain entry: labels and dots, at least two labels ("com" alone would allow every .com)
_DOMAIN = lazy(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W_](?:[\w-]*[^\W_])?$")


@lru_cache(maxsize=64)
def _norm_all(values: tuple[str, ...]) -> tuple[str, ...]:
    """_norm_words of each allowed value, once per list (not once per candidate checked)."""
    return tuple(_norm_words(v) for v in values)


# the town before a state code and a ZIP code: "..., Erie PA 16501", "..., Tacoma, WA 98402"
_TOWN = lazy(r"(?:^|,)\s*([A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})\s*,?\s+"
             r"[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\s*$")


@lru_cache(maxsize=64)
def _towns(addresses: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(1) for a in addresses if (m := _TOWN.search(a))))


# a trailing possessive: "Rowe's", "Patel’s", "Jones'" (judge.py asks the same of a candidate)
POSSESSIVE = lazy(r"(?<=\w)['’]s?$")


@lru_cache(maxsize=64)
def _possessive_forms(names: tuple[str, ...]) -> frozenset[str]:
    """The forms a possessive of an allowed name may take: each entry, without its title, and
    its title with its surname; each word normalised alone ("Ortiz-Rowe" stays one surname),
    credentials after a comma dropped ("Jo Whitfield, PA-C")."""
    from .vocabulary import titles

    forms: set[str] = set()
    for entry in names:
        parts = [w for w in (_norm_words(p) for p in entry.split(",")[0].split()) if w]
        titled = len(parts) > 1 and parts[0] in titles()
        rest = parts[1:] if titled else parts
        if not rest:
            continue
        forms.update((" ".join(parts), " ".join(rest)))
        if titled and len(rest) > 1:
            forms.add(f"{parts[0]} {rest[-1]}")
    return frozenset(forms)


def _norm_digits(text: str) -> str:
    text = re.sub(r"\s*(?:x|ext\.?|extension|option)\s*\d{1,6}\s*$", "", text, flags=re.I)
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


@dataclass(frozen=True)
class PhiAllowList:
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, section: dict) -> PhiAllowList:
        if not isinstance(section, dict):
            raise ValueError("[phi] must be a table")
        unknown = sorted(set(section) - set(_TOML_KEYS))
        if unknown:
            raise ValueError(f"[phi] has unknown key(s): {', '.join(unknown)}")
        values: dict[str, tuple[str, ...]] = {}
        for key, field in _TOML_KEYS.items():
            raw = section.get(key, [])
            if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                raise ValueError(f"[phi] {key} must be a list of strings")
            values[field] = tuple(v.strip() for v in raw if v.strip())
        for domain in values["domains"]:
            if not _DOMAIN.match(domain.strip(".")):
                raise ValueError(f"[phi] allow_domains: {domain[:60]!r} is not a domain name "
                                 "like \"northsidefm.example\" (no scheme, path, @ or *; a "
                                 "top-level domain alone would allow every address under it)")
        return cls(**values)

    # Matching helpers; normalised so "Dr. Ana Sorel" also allows "Ana Sorel" / "Dr Sorel".
    def allows_name(self, text: str) -> bool:
        text = text.strip()
        bare = POSSESSIVE.sub("", text)
        if bare != text:  # "Dr. Rowe's team", "Ronnie Patel’s line", "Dr. Jones' clinic"
            return self._allows_possessive(bare)
        words = _norm_words(text)
        if not words:
            return False
        for allowed_words in _norm_all(self.names):
            if words == allowed_words or f" {words} " in f" {allowed_words} ":
                return True
        return False

    def one_word_names(self) -> tuple[str, ...]:
        """Entries of one word ("Ellen"): the screen reads every Ellen as the staff member, a
        patient called Ellen too, so her care beside the name is not read as a patient's."""
        return tuple(n for n in self.names if len(_norm_words(n).split()) == 1)

    def lists_exactly(self, name: str) -> bool:
        """The name is one of the policy's entries as written (without its punctuation)."""
        words = _norm_words(name)
        return bool(words) and words in _norm_all(self.names)

    def _allows_possessive(self, name: str) -> bool:
        """A possessive is the allowed person only as the policy writes them: a whole entry,
        the entry without its title, or its title and surname ("Ronnie Patel's", "Dr. Rowe's"
        for "Dr. Tamika Rowe"; judge.py reads a title before a possessive with it, and keeps
        the possessive a candidate where care or a condition follows). Never one word alone,
        and never part of an entry: "Rowe's", "toddler Rowe's", "Señora Rowe's", "Mary
        Beth's" may be a patient who shares a staff name (four outside reviews, session 32).
        A relative named through them ("Dr. Rowe's nephew") is a candidate of its own."""
        words = " ".join(w for w in (_norm_words(p) for p in name.split()) if w)
        return " " in words and words in _possessive_forms(self.names)

    def allows_phone(self, text: str) -> bool:
        digits = _norm_digits(text)
        return bool(digits) and any(_norm_digits(p) == digits for p in self.phones)

    def allows_address(self, text: str) -> bool:
        words = _norm_words(text)
        if not words:
            return False
        for allowed in self.addresses:
            allowed_words = _norm_words(allowed)
            # the street line of an allowed address is enough ("1200 Harbor Blvd"); an address
            # that holds a whole allowed one is it only if that one has a number: "Building B"
            # is in "14 Elm St, Building B" too
            if _run_of(words, allowed_words) or (
                    re.search(r"\d", allowed_words) and _run_of(allowed_words, words)):
                return True
            street = _norm_words(allowed.split(",")[0])
            if street and f"{words} ".startswith(f"{street} "):
                return True
        return False

    def towns(self) -> tuple[str, ...]:
        """The towns of the practice's own addresses ("220 State Street, Erie PA 16501" ->
        "Erie"): the place the practice's posts thank and greet most often."""
        return _towns(self.addresses)

    def allows_domain(self, host: str) -> bool:
        host = host.lower().strip(".")
        return any(host == d.lower() or host.endswith("." + d.lower()) for d in self.domains)
