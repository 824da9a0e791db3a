"""A seller's own contact in an advertisement is nobody's health identifier.

Spam pairs a way to reach the seller with what is sold: "Cheap hearing aids, 90% off!!
WhatsApp (207) 555-0199", "We build HIPAA-ready websites for your clinic. Contact
sales@webco.example". The PHI screen, written for the practice's own posts, reads the number
or the email as an identifier and the product as health or care, and disclosure.py's tie
hides the comment as `phi`. On the independent writers' comment sets 27 of 164 false
auto-hides were spam hidden that way (session 35).

``seller_contact`` answers whether a finding is such a contact: a link anywhere in the
advertisement, or a phone, email or @-handle right after a contact call ("WhatsApp", "DM",
"text me at", "email", "visit", "👉"); a handle only where nothing after it goes on about its
owner ("DM @x to order", not "Follow @x, who is on chemo" or "Follow @x: lost 40 lbs").

The contacts are let go only where all of these hold (session 36: three outside reviews broke
every looser version):
- the classifier reads the comment as spam beyond doubt (classifier.SPAM_SURE);
- every health word is a device sold to anyone (``only_goods``: hearing aids, braces, CPAP),
  never a condition or a medicine, which a seller is likelier to take than to sell ("Unused
  Truvada, pharmacy filled it twice"), and every care word is the reader's (``only_the_readers``:
  "your clinic");
- no health word is anyone's ("my", "his", a household member), no relative or person is
  named, the screen read no first-person health (disclosure._nobodys_health);
- without the contacts the comment tells nobody's health at all, the commenter's included
  ("Finished chemo, selling my wigs" keeps its tie).
Pure functions of the text.
"""

from __future__ import annotations

import re
from typing import Any

# categories a seller is reached by
CONTACT_CATEGORIES = frozenset({"phone", "email", "url", "ip"})
# a contact call right before the identifier: a channel or a verb of reaching, then at most
# an object pronoun and a preposition ("text me at", "contact her on telegram", "DM",
# "WhatsApp +1", "order at", "👉", "📞")
_CALL = (r"whats\s?app|telegram|signal|wechat|viber|dm|dms|pm|inbox|message|msg|text|txt|"
         r"call|contact|contacto|email|e-mail|reach|reach out to|hit up|holler at|visit|"
         r"book|book now|order|orders|shop|buy|click|go to|check out|follow|add|info|details|"
         r"ig|insta|instagram|tiktok|facebook|fb|snap|snapchat|llama|llamame|llámame|"
         r"escribe|escribeme|escríbeme|mensaje|whats")
_CONTACT_BEFORE = re.compile(
    rf"(?:\b(?:{_CALL})\b|[👉➡📞☎📲📱✉📧])\W{{0,3}}"
    r"(?:(?:me|us|him|her|them|now|today|here|al|a)\s+){0,2}"
    r"(?:(?:at|on|via|to|thru|through|en|por)\s+)?(?:(?:whats\s?app|telegram|ig|instagram|"
    r"tiktok|signal)\s+)?(?:[:\-–—]\s*)?$", re.IGNORECASE)

# what may follow a seller's handle: the end, a sentence's end, emoji, "or", "to order", "for
# info", "now", "on IG" (anything else goes on about the handle's owner: "who is on chemo",
# "(down 40 lbs)", ": lost 40 lbs")
_CONTACT_AFTER = re.compile(
    r"[^\w(:;,.!?'’]*(?:$|[.!?]+(?:\s|$)|(?:or|and)\s+(?:visit|call|text|email|dm|order|"
    r"shop|check)\b|(?:to|for)\s+(?:order|orders|info|details|more|prices?|deals?|buy)\b|"
    r"(?:now|today|asap)\b|(?:on|via)\s+(?:ig|insta|instagram|tiktok|telegram|whats\s?app|"
    r"snap|snapchat|facebook|fb|x|twitter)\b)", re.IGNORECASE)
# from the start of a run only: tried from every character of "a-.a-.a-..." it scanned to the
# run's end each time (an outside review, session 41: 8 s for 20,000 characters)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]*\w@\w[\w-]*(?:\.[\w-]+)+")


# devices sold to anyone: a condition is not told by selling them (the kept vocabulary counts
# them as health words). Not medicines: a person selling one sells their own prescription
# more often than not ("Unused Truvada, pharmacy filled it twice, 60% off!!! WhatsApp ...",
# session 36's held-out review), and the drug names the condition
_DEVICES = frozenset(("hearing aid", "hearing aids", "brace", "braces", "knee brace",
                      "knee braces", "crutches", "wheelchair", "wheelchairs", "cpap", "walker",
                      "walkers", "cane", "canes", "compression socks", "compression stockings"))


def _uses(plain: str, term: str) -> list[tuple[int, int]]:
    """The spans of ``term`` as a whole word in ``plain``."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", plain)]


def only_goods(plain: str, terms: list[str]) -> bool:
    """Every health word of ``terms`` (lower-cased, found in ``plain``) is a device sold to
    anyone ("hearing aids", "knee braces"), not a condition, a symptom, a treatment or a
    medicine someone takes. A word only ever inside a longer one ("aids" in "hearing aids")
    counts as the longer one."""
    for term in set(terms):
        spans = _uses(plain, term)
        inside = [span for other in set(terms) if other != term and term in other
                  for span in _uses(plain, other)]
        if spans and all(any(a <= s and e <= b for a, b in inside) for s, e in spans):
            continue
        if term not in _DEVICES:
            return False
    return True


def only_the_readers(plain: str, care: list[str]) -> bool:
    """Every care word of ``care`` (lower-cased, found in ``plain``) is the reader's ("your
    clinic", "your practice's appointments"): an advertisement aimed at the practice. Any
    other care is somebody's ("pharmacy filled it twice", "sees you TODAY at our urgent
    care")."""
    return all(re.search(r"\byour\s+(?:[\w'-]+\s+)?$", plain[max(0, s - 30) : s])
               for term in set(care) for s, _ in _uses(plain, term))


def seller_contact(text: str, finding: Any) -> bool:
    """``finding`` (a screen finding, or an @-handle's span as (start, end)) is a way to reach
    whoever wrote the comment: a link (or the IP address inside one) anywhere, a phone, an
    email or a handle right after a contact call, a handle only where contact filler follows
    it."""
    if isinstance(finding, tuple):
        start, end = finding
        # "deals@sleepgear.example": an email's domain, not a handle (looked for in a window
        # round the "@", so that many handles in a long text cost no more than one each)
        lo = max(0, start - 64)
        email = next((m for m in _EMAIL.finditer(text[lo : end + 256])
                      if m.start() + lo < start < m.end() + lo), None)
        if email is not None:
            start, category = email.start() + lo, "email"  # read as the email it is
        elif not _CONTACT_AFTER.match(text, end):
            return False  # "Follow @amber_91, who is pregnant", "@jo_k: lost 40 lbs on ...":
        else:  # the handle is someone the text goes on about
            category = "handle"
    else:
        start, category = getattr(finding, "start", None), getattr(finding, "category", "")
        if category not in CONTACT_CATEGORIES or not isinstance(start, int):
            return False
    if start < 0:
        return False
    if category == "url" or category == "ip" and re.search(
            r"(?:https?://|www\.)$", text[max(0, start - 8):start], re.IGNORECASE):
        return True  # a link (or the address inside one): the advertisement's own
    # a phone, an email or a handle only right after a contact call ("a buyer:
    # mary@mail.example" is someone else's)
    return bool(_CONTACT_BEFORE.search(text, max(0, start - 40), start))
