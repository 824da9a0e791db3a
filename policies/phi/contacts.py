"""Phone and fax numbers (phonenumbers), email addresses, URLs and IP addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from .allow import PhiAllowList
from .findings import BLOCK, WARN
from .hits import Hit
from .lazy_pattern import lazy
from .owner import I, owner
from .prefilter import gated

# --- phones and faxes (phonenumbers) ---------------------------------------------------


def phones(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    import phonenumbers

    if not _PHONE_HINT.search(text):
        return
    matches = list(
        phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE)
    )
    yield from _nanp_fallback(text, allow, [(m.start, m.end) for m in matches])
    for match in matches:
        start, end, raw = match.start, match.end, match.raw_string
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 10 or allow.allows_phone(raw):
            continue
        from .numbers import series_range  # numbers.py imports this module

        if series_range(text, start, end):
            continue  # "serial range 40000–40999": a recall's batch, not ten digits of a phone
        is_fax = bool(re.search(r"\bfax\w*\b", text[max(0, start - 25) : start], I))
        category = "fax" if is_fax else "phone"
        kind = "fax number" if is_fax else "phone number"
        whose = owner(text, start, end)
        if phonenumbers.number_type(match.number) == phonenumbers.PhoneNumberType.TOLL_FREE or (
                re.match(r"\+?1?\D*8(?:00|88|77|66|55|44|33)\D", raw)):
            # toll-free: a business line, never a patient's own number (read from the parsed
            # number: "(1-800-555-0166)" opens with a bracket the pattern did not allow)
            whose = "practice"
        if whose == "practice":
            yield Hit(
                category,
                start,
                end,
                WARN,
                0.5,
                "phonenumbers+practice_context",
                f"This {kind} reads as the practice's own; add it to the policy's "
                "allow_phones if it is, remove it if it belongs to a person",
            )
        else:
            yield Hit(
                category,
                start,
                end,
                BLOCK,
                0.9 if whose == "person" else 0.8,
                "phonenumbers",
                f"A {kind} that is not on the practice's allow-list can identify a person "
                "(a patient or their family). Remove it, or add it to the policy's allow_phones "
                "if it is the practice's",
            )


NANP = lazy(
    r"(?<![\w-])(?:\+?1[-. ]?|001[-. ])?\(?[2-9]\d{2}\)?[-. ]?\d{3}[-. ]\d{4}"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,6})?(?![\w-])",
    I,
)


_PHONE_HINT = lazy(r"\d(?:\D{0,3}\d){6}")
_LOCAL = gated(r"(?<![\w-])\d{3}-\d{4}(?![\w-])")
_CALL_CUE = lazy(r"\b(?:call|text|cell|phone|tel|reach|number)\b", I)


def local_phones(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    """A 7-digit number the text calls a phone ("ring dad 555-0172"): a phone number."""
    for m in _LOCAL.finditer(text):
        if NANP.search(text[max(0, m.start() - 6) : m.end()]):
            continue  # part of a 10-digit number: the other recognizers decide
        before = text[max(0, m.start() - 25) : m.start()]
        if not _CALL_CUE.search(before):
            continue
        whose = owner(text, m.start(), m.end())
        yield Hit("phone", m.start(), m.end(), "", 0.4 if whose == "practice" else 0.8,
                  "local_phone", "A phone number that is not the practice's can identify a "
                  "person (a patient or their family). Remove it, or add it to the policy's "
                  "allow_phones if it is the practice's")


def _nanp_fallback(text: str, allow: PhiAllowList, matched: list) -> Iterator[Hit]:
    """US-shaped numbers that phonenumbers does not match (odd prefixes): same rules."""
    for m in NANP.finditer(text):
        if any(s <= m.start() < e for s, e in matched) or allow.allows_phone(m.group(0)):
            continue
        whose = owner(text, m.start(), m.end())
        severity, score = (WARN, 0.4) if whose == "practice" else (BLOCK, 0.75)
        yield Hit(
            "phone",
            m.start(),
            m.end(),
            severity,
            score,
            "phone_pattern",
            "A phone number that is not on the practice's allow-list can identify a person (a "
            "patient or their family). Remove it, or add it to the policy's allow_phones if it "
            "is the practice's",
        )


# --- email, URLs, IP addresses -------------------------------------------------------

_EMAIL = gated(
    r"(?<![\w.+-])[\w.+-]+@(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b"
)
_ROLE_MAILBOX = lazy(
    r"^(?:info|hello|contact|office|appointments?|appts|frontdesk|front\.desk|billing|admin|"
    r"marketing|careers|jobs|team|support|scheduling|referrals|records|press|media|events|"
    r"reception|help|newsletter|news|hr|staff|community|outreach)$",
    I,
)
# `(?<![\w.-]-)`: not from inside a hyphenated run, whose first word starts any link in it;
# otherwise "1-1-1-..." (and "1.-1.-1.-...": an outside review, session 41, 12 s for 20,000
# characters) is tried from every word, each try scanning to the run's end
_URL = lazy(
    r"(?<![@\w.])(?<![\w.-]-)(?:(?:https?://|www\.)[^\s<>\"']+|"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|health|care|clinic|io|co|us|me|example|"
    r"info|biz|ly|gl|page|site|app|blog)(?:/[^\s<>\"']*)?)(?<![.,!?;:)])",
    I,
)
# The same in Spanish: one record's page or parameter, with a number in it ("/expediente/
# 4471", "?paciente=...", "paciente-00914"); not "/pacientes/nuevos", the new patients' page,
# nor "/visitas/2025"
_SPANISH_RECORD = (r"[?&](?:paciente|pac|expediente|exp|afiliado|miembro|nombre|usuario)=\w|"
                   r"[?&]cita=\d|/(?:pacientes?|expedientes?|historias?|miembros?|afiliados?|"
                   r"visitas?)/(?!(?:19|20)\d\d(?!\d))[\w-]*\d{3}|(?:paciente|expediente)[-_]\d")
_PERSONAL_URL = lazy(
    r"(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com/in|"
    r"gofundme\.com|caringbridge\.org|youtube\.com/@|threads\.net|snapchat\.com|venmo\.com|"
    r"mealtrain\.com|cash\.app)/|[?&](?:patient|pt|mrn|id|user|uid|member|acct|account|dob|name)="
    r"|/(?:patients?|users?|u|profile|members?|charts?|records?|visits?)/\w|" + _SPANISH_RECORD,
    I,
)


def emails(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    for m in _EMAIL.finditer(text):
        if allow.allows_domain(m.group("host")):
            continue
        local = m.group(0).split("@", 1)[0]
        if _ROLE_MAILBOX.match(local) and owner(text, m.start(), m.end()) != "person":
            yield Hit(
                "email",
                m.start(),
                m.end(),
                WARN,
                0.5,
                "email+role_mailbox",
                "This looks like a shared practice mailbox; add its domain to the policy's "
                "allow_domains if it is the practice's",
            )
        else:
            yield Hit(
                "email",
                m.start(),
                m.end(),
                BLOCK,
                0.95,
                "email",
                "A personal email address identifies the person it belongs to. Remove it, or "
                "add its domain to the policy's allow_domains if it is the practice's",
            )


def _host(url: str) -> str:
    return re.sub(r"^(?:https?://)?", "", url, flags=I).split("/")[0].split("?")[0].split(":")[0]


_RECORD_PATH = lazy(
    r"[?&](?:patient|pt|mrn|id|user|uid|member|acct|account|dob|name|visit|chart)=\w|"
    r"/(?:patients?|users?|u|profile|members?|charts?|records?|visits?)/\w|" + _SPANISH_RECORD,
    I,
)


def urls(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    email_spans = [m.span() for m in _EMAIL.finditer(text)]
    for m in _URL.finditer(text):
        if any(s <= m.start() < e for s, e in email_spans):
            continue
        url = m.group(0)
        if allow.allows_domain(_host(url)) and not _RECORD_PATH.search(url):
            continue  # the practice's own pages; a deep link to one record is not one
        if _PERSONAL_URL.search(url):
            yield Hit(
                "url",
                m.start(),
                m.end(),
                BLOCK,
                0.9,
                "url+personal_link",
                "This link points to a person's profile, page or record",
            )
        elif owner(text, m.start(), m.end()) == "person":
            yield Hit(
                "url",
                m.start(),
                m.end(),
                BLOCK,
                0.8,
                "url+personal_context",
                "This link is presented as belonging to a person",
            )
        else:
            yield Hit(
                "url",
                m.start(),
                m.end(),
                WARN,
                0.4,
                "url",
                "Check this link is the practice's own or a public page; add its domain to "
                "the policy's allow_domains if it is",
            )


_IPV4 = gated(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)")
_IPV6 = lazy(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")


def ips(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    for pattern in (_IPV4, _IPV6):
        for m in pattern.finditer(text):
            try:
                ipaddress.ip_address(m.group(0))
            except ValueError:
                continue
            yield Hit(
                "ip",
                m.start(),
                m.end(),
                BLOCK,
                0.95,
                "ip_address",
                "An IP address can be traced to a person's device or home connection",
            )
