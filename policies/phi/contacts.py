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


# A link's path read as words (session 56's attack review, S12): an allowed domain vouches
# for the site, not for what its pages are about. A slug of a first name and a surname
# ("/oncology/tobias-wendt", "/dialisis/maria_lopez") under a path that names care tells
# that person's care. Not a staff member's page: a title in the slug ("dr-alana-brooks"),
# a staff or volunteer folder before it ("/providers/sam-rivera", "/hospice/volunteers/…"),
# a staff page after it (".../sam-rivera/faq"), an allow-listed name, or a name the post
# itself gives a title, credential or staff role ("our infusion nurse, Sam Rivera").
_SLUG_WORDS = lazy(r"[a-z]+(?:[-_][a-z]+){1,3}", I)
_SLUG_TITLES = frozenset({"dr", "dra", "doctor", "doctora", "np", "pa", "rn", "md", "do",
                          "nurse", "fnp", "dds", "dmd", "lcsw", "pac", "coach", "pastor"})
_STAFF_FOLDER = lazy(r"(?:our-?)?(?:providers?|doctors?|physicians?|staff|team|clinicians?|"
                     r"people|about(?:-us)?|bios?|nurses?|directory|meet-[\w-]+|"
                     r"careers?|jobs?|medicos?|doctores|equipo|personal|proveedores|"
                     r"volunteers?|voluntari[oa]s|chaplains?)"
                     # "care-team", "hospice-volunteers": a staff word closing the folder
                     r"|[a-z-]+-(?:team|staff|volunteers?|providers|equipo)",
                     I)
# a staff member's page under the name: ".../sam-rivera/faq", ".../sam-rivera/bio.html"
_STAFF_PAGE = lazy(r"(?:faqs?|bio|biography|about|profile|cv|contact|publications?|videos?|"
                   r"schedule|book(?:-online)?|appointments?|reviews?|perfil|biografia|"
                   r"preguntas(?:-frecuentes)?|contacto|horario)(?:\.\w{2,5})?", I)


# a folder of a care specialty or service ("oncology", "nefrologia", "hospice"), which the
# health vocabulary reads as a field, not as anyone's care
_CARE_FOLDER = lazy(
    r"\b(?:(?:onc|cardi|nephr|nefr|neur|ur|gastroenter|dermat|hemat|pulmon|neumol|rheumat|"
    r"reumat|endocrin|radi|ophthalm|oftalm|otolaryng|gynec|ginec|hepat|immun|infect|psych|"
    r"sic)olog(?:y|ies|ia|ía)|psychiatry|psiquiatr[ií]a|obstetrics|obstetricia|orthopedics|"
    r"ortopedia|hospice|palliative|paliativos?|infusion|infusiones|wound|maternity|nicu|"
    r"fertility|fertilidad|ivf|addiction|adicciones|behavioral|oncologico|cancer)\b", I)


# a clinician's credential after a name, as written ("Sam Rivera, RN", "Sam Rivera, PA-C")
_STAFF_CREDENTIAL = lazy(r"\s*,\s*(?:M\.?D|D\.?O|R\.?N|N\.?P|PA(?:-C)?|A?PRN|FNP(?:-[BC]C?)?|DNP|"
                         r"LPN|CNA|LCSW|MSW|LMSW|Pharm\.?D|RPh|DPT|PT|OTR?(?:/L)?|RDN?|CDCES|CDE|"
                         r"CRNA|CNM|DDS|DMD|Ph\.?D|BSN|MSN|OCN|CHPN|CCRN|MPH|LPC|LMFT|PsyD)\b")


def _staff_in_text(text: str, name: str) -> bool:
    """Whether the post gives ``name`` a title, a credential or a staff role right beside it:
    "Dr. Sam Rivera", "Sam Rivera, RN", "our new infusion nurse, Sam Rivera", "Sam Rivera,
    our social worker". A role said of someone else in the post does not count."""
    from .candidates import STAFF_WORDS

    # not "resident" (of a care home), "team", "partner": no staff role beside a name
    role = "|".join(w for w in STAFF_WORDS.split("|")
                    if w not in ("resident", "team", "partner", "founding", "lead"))
    role = rf"(?:{role})s?"
    from .vocabulary import _fold

    text = _fold(text)  # "la enfermera Rosa Díaz" for ".../rosa-diaz"
    for m in re.finditer(rf"\b{re.escape(name)}\b", text, I):
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 60]
        if re.search(r"(?:\b(?i:dra?|doctora?|nurse|chaplain)|\b(?:NP|PA|RN))\.?\s+$",
                     before) or re.search(
                rf"\b(?:our|nuestr[oa]|the|la|el)\s+(?:[\w-]+\s+){{0,3}}?{role}"
                r"(?:\s+(?:de|del|en)(?:\s+[\w-]+){1,2})?\s*[,:]?\s*$", before, I) or re.match(
                rf"\s*,\s*(?:(?:our|nuestr[oa]|the|la|el)\s+(?:[\w-]+\s+){{0,3}}?{role}\b)",
                after, I):
            return True
        if _STAFF_CREDENTIAL.match(after):
            return True
    return False


def _name_under_care(text: str, url: str, allow: PhiAllowList) -> tuple[str, str] | None:
    """(the name, the care words) a link's path files that name under, or None."""
    path = re.sub(r"^(?:https?://)?[^/?#]*", "", url, flags=I).split("?")[0].split("#")[0]
    if path.count("/") < 2 or not _SLUG_WORDS.search(path):
        return None  # one folder or none: nothing filed under anything
    from .vocabulary import first_names, health_words, surnames, wordlike_first_names

    folders = [f for f in path.split("/") if f]
    for i, folder in enumerate(folders):
        if not _SLUG_WORDS.fullmatch(folder):
            continue
        words = re.split(r"[-_]", folder.lower())
        if words[0] in _SLUG_TITLES or any(_STAFF_FOLDER.fullmatch(f) for f in folders[:i]):
            return None
        if not (words[0] in first_names() and words[1] in surnames()):
            continue
        name = f"{words[0].capitalize()} {words[1].capitalize()}"
        if allow.allows_name(name) or words[0] in wordlike_first_names() and not re.search(
                rf"\b{name}\b", text, I):
            continue  # staff; "/oncology/hope-lodge" is a place unless the text names Hope
        if i + 1 < len(folders) and _STAFF_PAGE.fullmatch(folders[i + 1]) or _staff_in_text(
                text, name):
            continue  # ".../sam-rivera/faq"; "our infusion nurse, Sam Rivera: .../sam-rivera"
        rest = " ".join(re.sub(r"[-_.]+", " ", f) for j, f in enumerate(folders) if j != i)
        care = _CARE_FOLDER.search(rest) or next(iter(health_words(rest)), None)
        if care:
            return name, care.group(0) if isinstance(care, re.Match) else care.text
    return None


def urls(text: str, allow: PhiAllowList) -> Iterator[Hit]:
    email_spans = [m.span() for m in _EMAIL.finditer(text)]
    for m in _URL.finditer(text):
        if any(s <= m.start() < e for s, e in email_spans):
            continue
        url = m.group(0)
        slug = _name_under_care(text, url, allow)
        if slug is not None:
            yield Hit("name", m.start(), m.end(), BLOCK, 0.85, "url+name_slug",
                      f"This link files a person's name ('{slug[0]}') under a care page "
                      f"('{slug[1]}'): readers learn that person's care from the address, "
                      "whoever owns the site. Link to the page without the name, or get the "
                      "patient's written authorization")
            continue
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
