"""Regenerate tests/data/phi/corpus.jsonl: short social-media texts for the PHI screen,
half clean practice marketing, half carrying patient identifiers, with labelled spans.

Values come from Faker (fixed seed); wording from the hand-written templates below. Four
splits, which bench/phi_eval.py reports side by side:
  dev          templates used while building the screen;
  heldout      templates written at the same time, never tuned against;
  handwritten  tests/data/phi/handwritten.txt, single hand-written texts (used for a second
               round of fixes after their first run);
  blind        tests/data/phi/blind.txt, hand-written last and never tuned against.

    python bench/phi_corpus_gen.py            # writes tests/data/phi/corpus.jsonl
"""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

from faker import Faker

SEED = 20241125
OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "phi" / "corpus.jsonl"
PER_TEMPLATE = 5

# The fictional practice; tests/data/phi/policy.toml carries the same allow-lists.
PRACTICE = "Northside Family Medicine"
ALLOWED_DOCTOR = "Dr. Priya Raman"
ALLOWED_PHONE = "(253) 555-0100"
ALLOWED_ADDRESS = "1200 Harbor Blvd, Suite 4, Tacoma, WA 98402"
DOMAIN = "northsidefm.example"

COMMON_WORD_NAMES = [
    "Hope",
    "Grace",
    "Faith",
    "Joy",
    "Will",
    "Mark",
    "Rose",
    "June",
    "May",
    "Summer",
    "Bill",
    "Art",
    "Sunny",
    "Dawn",
    "Ray",
    "Page",
    "Frank",
    "Penny",
]
NICKNAMES = [
    "Bobby",
    "Lizzie",
    "Big Mike",
    "Nana Jo",
    "Grandpa Lou",
    "Coach Dave",
    "Auntie Bev",
    "Tommy",
    "Katie",
    "Skip",
    "Sully",
    "Junior",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SHORT_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WORDS_90 = ["ninety", "ninety-one", "ninety-two", "ninety-three", "ninety-five", "ninety-eight"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _vin(rng: random.Random) -> str:
    from policies.phi.checksums import _VIN_VALUES, _VIN_WEIGHTS

    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    while True:
        body = [rng.choice(chars) for _ in range(17)]
        total = sum(_VIN_VALUES[c] * w for c, w in zip(body, _VIN_WEIGHTS, strict=True))
        body[8] = "X" if total % 11 == 10 else str(total % 11)
        return "".join(body)


class Values:
    """One generator per placeholder; PHI placeholders map to a Safe Harbor category."""

    PHI = {
        "pfull": "name",
        "pfirst": "name",
        "plower": "name",
        "phandle": "name",
        "pnick": "name",
        "pword": "name",
        "plast": "name",
        "pdate": "date",
        "pdob": "date",
        "page": "age_over_89",
        "pphone": "phone",
        "pfax": "fax",
        "pemail": "email",
        "pssn": "ssn",
        "pmrn": "mrn",
        "pplan": "health_plan",
        "pacct": "account",
        "plicense": "license",
        "pplate": "vehicle",
        "pvin": "vehicle",
        "pdevice": "device",
        "purl": "url",
        "pip": "ip",
        "paddr": "geographic",
        "ptown": "geographic",
        "pphoto": "photo",
        "pclaim": "other_id",
        "phealth": "name",
    }

    def __init__(self, seed: int) -> None:
        self.f = Faker("en_US")
        self.f.seed_instance(seed)
        self.r = random.Random(seed)

    def get(self, key: str) -> str:
        return getattr(self, key)()

    # -- patient identifiers
    def pfull(self) -> str:
        return f"{self.f.first_name()} {self.f.last_name()}"

    def pfirst(self) -> str:
        return self.f.first_name()

    def plast(self) -> str:
        return self.f.last_name()

    def plower(self) -> str:
        return self.f.first_name().lower()

    def phandle(self) -> str:
        return "@" + re.sub(r"\W", "", self.f.user_name())[:15]

    def pnick(self) -> str:
        return self.r.choice(NICKNAMES)

    def pword(self) -> str:
        return self.r.choice(COMMON_WORD_NAMES)

    def pdate(self) -> str:
        d = self.f.date_between("-2y", "today")
        return self.r.choice(
            [
                f"{MONTHS[d.month - 1]} {d.day}",
                f"{d.month}/{d.day}",
                f"{MONTHS[d.month - 1]} {_ordinal(d.day)}",
                f"{self.r.choice(SHORT_MONTHS)} {d.day}",
                f"{d.month}/{d.day}/{d.year}",
                f"the {_ordinal(d.day)} of {MONTHS[d.month - 1]}",
                f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
                f"{d.month}-{d.day}-{str(d.year)[2:]}",
            ]
        )

    def pdob(self) -> str:
        d = self.f.date_of_birth(minimum_age=1, maximum_age=88)
        return self.r.choice(
            [
                f"{d.month:02d}/{d.day:02d}/{d.year}",
                f"{d.month}/{d.day}/{str(d.year)[2:]}",
                f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
                d.isoformat(),
            ]
        )

    def page(self) -> str:
        n = self.r.randint(90, 106)
        return self.r.choice(
            [
                f"{n}-year-old",
                f"{n} years old",
                f"age {n}",
                f"{_ordinal(n)} birthday",
                f"{self.r.choice(WORDS_90)}-year-old",
                f"turned {n}",
                f"{n} yo",
            ]
        )

    def pphone(self) -> str:
        return self.f.phone_number()

    def pfax(self) -> str:
        return (
            self.f.numerify(self.r.choice(["(###) 555-####", "###-###-####", "###.###.####"]))
            .replace("(0", "(2")
            .replace("(1", "(3")
        )

    def pemail(self) -> str:
        return self.r.choice(
            [
                self.f.free_email(),
                self.f.email(),
                f"{self.f.first_name().lower()}{self.r.randint(1, 99)}@{self.f.free_email_domain()}",  # noqa: E501
            ]
        )

    def pssn(self) -> str:
        return self.r.choice([self.f.ssn(), self.f.ssn().replace("-", " ")])

    def pmrn(self) -> str:
        n = self.r
        return n.choice(
            [
                f"{n.randint(0, 99):02d}-{n.randint(0, 9999):04d}-{n.randint(0, 99):02d}",
                f"A{n.randint(1000000, 9999999)}",
                f"{n.randint(100000, 99999999)}",
                f"MR-{n.randint(10000, 999999)}",
                f"{n.randint(100, 999)}.{n.randint(100, 999)}.{n.randint(10, 99)}",
                f"NFM{n.randint(10000, 99999)}",
                f"{n.randint(1000, 9999)} {n.randint(1000, 9999)}",
            ]
        )

    def pplan(self) -> str:
        n = self.r
        return n.choice(
            [
                f"{''.join(n.choices(string.ascii_uppercase, k=3))}{n.randint(100000000, 999999999)}",  # noqa: E501
                f"W{n.randint(10000000, 99999999)}",
                f"{n.randint(1000, 9999)}-{n.randint(100000, 999999)}",
            ]
        )

    def pacct(self) -> str:
        n = self.r
        return n.choice(
            [
                f"{n.randint(10000, 99999)}-{n.randint(100, 999)}",
                f"{n.randint(10000000, 999999999)}",
                f"AC{n.randint(100000, 999999)}",
            ]
        )

    def plicense(self) -> str:
        return self.r.choice(
            [
                f"{self.r.choice(string.ascii_uppercase)}{self.r.randint(1000000, 9999999)}",
                f"WDL{self.r.randint(100000, 999999)}{self.r.choice('ABCDEF')}{self.r.randint(1, 9)}",  # noqa: E501
            ]
        )

    def pplate(self) -> str:
        return self.f.license_plate()

    def pvin(self) -> str:
        return _vin(self.r)

    def pdevice(self) -> str:
        n = self.r
        return n.choice(
            [
                f"SN{n.randint(1000000, 9999999)}",
                f"{n.randint(100, 999)}-{n.randint(10000, 99999)}-{n.randint(10, 99)}",
                f"PJN{n.randint(100000, 999999)}H",
            ]
        )

    def purl(self) -> str:
        user = re.sub(r"\W", "", self.f.user_name())
        return self.r.choice(
            [
                f"facebook.com/{user}",
                f"https://www.instagram.com/{user}",
                f"gofundme.com/f/help-{self.f.first_name().lower()}-heal",
                f"https://portal.{DOMAIN.replace('.example', '')}-records.com/chart?patient={self.r.randint(10000, 99999)}",  # noqa: E501
                f"www.caringbridge.org/visit/{user}",
                f"https://x.com/{user}",
                f"https://www.linkedin.com/in/{user}",
            ]
        )

    def pip(self) -> str:
        return self.r.choice([self.f.ipv4_public(), self.f.ipv4_private(), self.f.ipv6()])

    def paddr(self) -> str:
        return self.r.choice(
            [
                self.f.street_address(),
                f"{self.f.street_address()}, {self.f.city()}, {self.f.state_abbr()} {self.f.zipcode()}",  # noqa: E501
            ]
        )

    def ptown(self) -> str:
        return self.f.city()

    def pphoto(self) -> str:
        return self.r.choice(["Pictured", "Photo", "photo", "pic", "picture"])

    def pclaim(self) -> str:
        return f"{self.r.randint(2019, 2025)}{self.r.randint(100000, 999999)}"

    def phealth(self) -> str:
        return self.r.choice(
            [
                "colonoscopy",
                "diabetes",
                "knee replacement",
                "chemo",
                "surgery",
                "biopsy",
                "mammogram",
                "pregnancy",
                "asthma",
                "physical therapy",
            ]
        )

    # -- clean practice values (never labelled)
    def doc(self) -> str:
        return self.r.choice([ALLOWED_DOCTOR, f"Dr. {self.f.last_name()}", f"Dr. {self.f.name()}"])

    def staff(self) -> str:
        return self.f.first_name()

    def staffull(self) -> str:
        return self.f.name()

    def cred(self) -> str:
        return self.r.choice(["MD", "DO", "NP", "PA-C", "RN", "FNP-C", "DPT", "RD"])

    def role(self) -> str:
        return self.r.choice(
            [
                "nurse practitioner",
                "front desk coordinator",
                "medical assistant",
                "physical therapist",
                "office manager",
                "billing specialist",
                "registered dietitian",
                "pediatric nurse",
                "lab technician",
            ]
        )

    def phone(self) -> str:
        return self.r.choice(
            [ALLOWED_PHONE, ALLOWED_PHONE, f"(253) 555-01{self.r.randint(10, 99)}"]
        )

    def addr(self) -> str:
        return self.r.choice([ALLOWED_ADDRESS, "1200 Harbor Blvd", "1200 Harbor Blvd, Suite 4"])

    def when(self) -> str:
        d = self.f.date_between("today", "+1y")
        return self.r.choice(
            [
                f"{MONTHS[d.month - 1]} {d.day}",
                f"{d.month}/{d.day}",
                f"{self.r.choice(['Monday', 'Tuesday', 'Saturday', 'Thursday'])}, "
                f"{MONTHS[d.month - 1]} {_ordinal(d.day)}",
                f"{MONTHS[d.month - 1]} {_ordinal(d.day)}",
            ]
        )

    def hours(self) -> str:
        return self.r.choice(["8am-5pm", "9 to 4", "7:30-6", "10am to 2pm"])

    def site(self) -> str:
        return self.r.choice(
            [DOMAIN, f"https://{DOMAIN}/events", f"www.{DOMAIN}/flu", f"info@{DOMAIN}"]
        )

    def year(self) -> str:
        return str(self.r.randint(1985, 2015))

    def count(self) -> str:
        return str(self.r.randint(2, 40))

    def town(self) -> str:
        return self.r.choice(["Tacoma", "the South Sound", "Pierce County", "Lakewood"])


# ---------------------------------------------------------------------------------------
# Templates: (context, text). Placeholders in braces; PHI placeholders start with "p".
DEV_CLEAN = [
    ("post", "Flu shots are here! Walk in {hours} at {addr} or call {phone}."),
    ("post", "Please welcome {doc} to {practice}! She sees patients of all ages."),
    ("post", "Join {doc} on {when} for a free talk on managing diabetes. RSVP at {site}."),
    ("post", "Meet {staff}, our new {role}! Say hi next time you're in."),
    ("post", "Our office will be closed {when} for the holiday. Call {phone} for urgent needs."),
    ("post", "{doc} explains why colon cancer screening should start at 45. Book at {site}."),
    ("post", "We've moved! Find us at {addr}. Same great team, more parking."),
    (
        "post",
        "Shoutout to our amazing nurses this Nurses Week. {count} years of caring for {town}!",
    ),
    ("post", "Back-to-school physicals are open on Saturdays through {when}. Call {phone}."),
    ("post", "{staffull}, {cred}, joins our team this month and specializes in sports medicine."),
    ("post", "Serving {town} since {year}. Thank you for trusting {practice} with your care."),
    ("post", "Heart health month: {doc} shares 5 easy swaps for lower blood pressure. {site}"),
    ("post", "Congrats to our front desk lead {staff} on 10 years with {practice}!"),
    ("post", "Free blood pressure checks at the Harbor farmers market on {when}, 9am-noon."),
    ("post", "Questions about your bill? Email {site} or call {phone} during office hours."),
    ("post", "New patient appointments available with {doc}. Call {phone} or visit {site}."),
    ("reply", "Thank you so much for the kind words! We'll pass them on to the whole team."),
    (
        "reply",
        "We're sorry to hear this. Please call our office manager at {phone} so we can help.",
    ),
    ("comment", "Best clinic in town, the staff are always friendly!"),
    ("post", "COVID and flu vaccines available for ages 6 months and up. Walk-ins {hours}."),
    ("post", "Our {role} {staff} ran the Tacoma half marathon for the food bank. So proud!"),
    ("post", "Teen vaccine clinic {when} at {addr}. Bring your insurance card."),
    ("post", "Happy retirement to {doc} after {count} wonderful years caring for our community!"),
    ("post", "Did you know? Sunscreen every day lowers your skin cancer risk. Tips from {doc}."),
    ("post", "Weekend hours start {when}: Saturdays {hours}. Same-day sick visits, call {phone}."),
]
DEV_PHI = [
    ("post", "{pfull}, 54, is recovering from her knee replacement. We're so proud of you!"),
    ("post", "Congrats to our patient {pfirst} on finishing chemo!"),
    ("post", "{phandle} thanks for coming in for your colonoscopy yesterday!"),
    ("post", "Happy {page} to our longtime patient {pfirst}!"),
    ("post", "congrats to {plower} on ringing the bell after her last chemo session!"),
    ("post", "{pword} is recovering nicely after her hip surgery on {pdate}."),
    (
        "post",
        "Get well soon, {pnick}! Your whole care team is rooting for your recovery from pneumonia.",
    ),
    ("post", "{pfull} had her baby here on {pdate}! Welcome to the world, little one."),
    ("post", "Patient {pfull} DOB {pdob} please call the office about your results."),
    ("post", "Reminder for {pfirst}: your MRN is {pmrn}, bring it to your follow-up."),
    ("post", "Can someone reach {pfirst} at {pphone}? Her biopsy results are in."),
    ("post", "Fax {pfirst}'s records to {pfax} per her request."),
    ("post", "We emailed {pemail} about the lab results, please check your inbox."),
    ("post", "Pt SSN {pssn} was entered wrong at check-in, sorry for the delay."),
    ("post", "Member ID {pplan} was denied for the MRI again, appealing today."),
    ("post", "Billing account {pacct} has a balance from the March visit."),
    ("post", "Found a wallet in the lobby with driver's license {plicense}. Call us to claim it."),
    ("post", "Whoever drives plate {pplate}, you left your lights on during your appointment!"),
    ("post", "Pacemaker serial no. {pdevice} was checked today, all good {pfirst}!"),
    ("post", "Follow {pfirst}'s recovery journey at {purl}"),
    ("post", "Login from {pip} tried to open a patient chart this morning."),
    ("post", "Flowers delivered to {pfull} at {paddr} to celebrate her last dialysis session."),
    ("post", "{pfirst} from {ptown} is cancer-free after 2 years of treatment!"),
    ("post", "{pphoto}: our patient {pfirst} after his first steps post stroke."),
    ("post", "Claim #{pclaim} for {pfirst}'s ER visit was finally approved."),
    ("reply", "{phandle} we hope your {phealth} went smoothly, see you at the follow-up!"),
    ("comment", "I had my {phealth} here last week and Dr. Raman was wonderful"),
    ("post", "So proud of {pfull}, who lost 60 pounds since starting insulin!"),
]
HELDOUT_CLEAN = [
    (
        "post",
        "It's National Wellness Month! {doc} and the team are offering free BMI checks {when}.",
    ),
    ("post", "Parking lot repaving {when}: please use the side entrance at {addr}."),
    (
        "post",
        "Thank you to {staffull} from the county library for hosting our healthy cooking demo!",
    ),
    ("post", "Our {role}, {staffull}, answers your top questions about seasonal allergies."),
    ("post", "{practice} is hiring a {role}! Send your resume to careers@{domain}."),
    ("post", "Ask {doc}: is it a cold or the flu? Watch the video on our page."),
    (
        "post",
        "Telehealth visits are now available Monday through Friday. Call {phone} to set one up.",
    ),
    ("post", "We're proud to sponsor the {town} Youth Soccer League again this year!"),
    ("post", "Reminder: bring a list of your medications to every visit. Questions? {phone}"),
    ("post", "Congratulations to {doc} on being named a Top Doctor by South Sound Magazine!"),
    ("post", "Diabetes support group meets the first Tuesday of every month at {addr}."),
    ("post", "Drop off unused medications at our front desk {when} for safe disposal."),
    ("post", "Welcome back, {staff}! Our favorite {role} has returned from maternity leave."),
    ("post", "Open house {when} from 4-7pm: tour our new pediatric wing and meet {doc}."),
    ("reply", "Thanks for reaching out! Our scheduling team can help at {phone}."),
    ("comment", "Does anyone know if they take new patients? Thinking of switching."),
    ("post", "Flu season tip from {staff}, {cred}: wash your hands for 20 seconds. Every time!"),
    ("post", "Our lab hours change {when}: blood draws {hours}, no appointment needed."),
    ("post", "Breast Cancer Awareness Month: schedule your mammogram with {doc} at {site}."),
    ("post", "Huge thanks to everyone who joined our 5K for heart health. See you next year!"),
]
HELDOUT_PHI = [
    ("post", "Throwback to {pfull}'s first visit after her stroke. Look at her now!"),
    (
        "post",
        "Our sweet patient {pword} turned {page} last week, and she still walks to every appointment!",  # noqa: E501
    ),
    ("post", "Big hugs to {pnick}, who beat leukemia this spring."),
    ("post", "{pfull} was diagnosed with type 1 diabetes on {pdate} and is thriving."),
    ("post", "Shoutout to {plower} for being so brave during her stitches today!"),
    ("post", "Thank you {phandle} for trusting us with your cataract surgery!"),
    ("post", "Please verify insurance for {pfull}, policy number {pplan}."),
    ("post", "{pfirst} {plast}, medical record {pmrn}, was discharged home this afternoon."),
    ("post", "Mr. {plast} asked us to send his X-rays to {pemail}."),
    ("post", "{pfirst}'s wife called from {pphone} asking about his MRI."),
    ("post", "Social Security number {pssn} belongs to the patient who left this morning."),
    ("post", "Acct # {pacct} - payment plan approved for the surgery."),
    ("post", "Insulin pump serial {pdevice} flagged for recall, we're contacting the patient."),
    ("post", "Vehicle VIN {pvin} blocked the ambulance bay while the owner had a checkup."),
    ("post", "{pfirst} {plast} lives at {paddr} and needs a home health nurse after surgery."),
    ("post", "Our oldest patient, a {page} from {ptown}, got her flu shot today!"),
    ("post", "{pfirst} shared her IVF story with us. Read it at {purl}"),
    ("post", "The patient portal logged in from {pip} for {pfirst}'s chart."),
    ("post", "{pphoto} with {pfull} on her last day of radiation. We'll miss you!"),
    ("comment", "my {phealth} results came back fine, thanks everyone"),
    ("reply", "{phandle} so glad your {phealth} went well!"),
    ("post", "Reminder: {pfull} is due for a mammogram, DOB {pdob}."),
]


# The "direct identifiers" (recall target 0.99): street addresses count, towns do not.
DIRECT_KEYS = {"pphone", "pfax", "pemail", "pssn", "pmrn", "pplan", "pacct", "paddr", "purl", "pip"}


def render(template: str, values: Values) -> tuple[str, list[dict]]:
    out, spans, pos = [], [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(template[pos : m.start()])
        key = m.group(1)
        if key == "practice":
            value = PRACTICE
        elif key == "domain":
            value = DOMAIN
        else:
            value = values.get(key)
        start = sum(len(s) for s in out)
        out.append(value)
        if key in Values.PHI:
            category = Values.PHI[key]
            span_value = value
            if key == "page":  # the age words are the identifier, not "turned"
                start += len(value) - len(value.removeprefix("turned "))
                span_value = value.removeprefix("turned ")
            spans.append(
                {
                    "start": start,
                    "end": start + len(span_value),
                    "category": category,
                    "text": span_value,
                    "direct": key in DIRECT_KEYS,
                }
            )
        pos = m.end()
    out.append(template[pos:])
    text = "".join(out)
    if text[:1].islower() and spans and spans[0]["start"] == 0 and Values.PHI.get("plower"):
        pass  # lowercase names stay lowercase on purpose
    return text, spans


def build(seed: int = SEED) -> list[dict]:
    values = Values(seed)
    rows = []
    for split, kind, templates in (
        ("dev", "clean", DEV_CLEAN),
        ("dev", "phi", DEV_PHI),
        ("heldout", "clean", HELDOUT_CLEAN),
        ("heldout", "phi", HELDOUT_PHI),
    ):
        for t_index, (context, template) in enumerate(templates):
            for _ in range(PER_TEMPLATE):
                text, spans = render(template, values)
                rows.append(
                    {
                        "id": f"{split}-{kind}-{t_index:02d}-{len(rows):04d}",
                        "split": split,
                        "kind": kind,
                        "context": context,
                        "template": t_index,
                        "text": text,
                        "spans": spans,
                    }
                )
    return rows


HANDWRITTEN = OUT.parent / "handwritten.txt"
_MARK = re.compile(r"\[\[(.+?)\|(\w+)\]\]")


def handwritten(path: Path = HANDWRITTEN) -> list[dict]:
    """The hand-written texts: KIND<TAB>CONTEXT<TAB>TEXT with [[span|category]] marks."""
    rows = []
    for n, line in enumerate(path.read_text().splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        kind, context, marked = line.split("\t", 2)
        text, spans, pos = "", [], 0
        for m in _MARK.finditer(marked):
            text += marked[pos : m.start()]
            start = len(text)
            text += m.group(1)
            spans.append(
                {
                    "start": start,
                    "end": len(text),
                    "category": m.group(2),
                    "text": m.group(1),
                    "direct": m.group(2) in DIRECT_CATEGORIES,
                }
            )
            pos = m.end()
        text += marked[pos:]
        rows.append(
            {
                "id": f"handwritten-{kind}-{n:03d}",
                "split": "handwritten",
                "kind": kind,
                "context": context,
                "template": None,
                "text": text,
                "spans": spans,
            }
        )
    return rows


DIRECT_CATEGORIES = {"phone", "fax", "email", "ssn", "mrn", "health_plan", "account", "url", "ip"}


BLIND = OUT.parent / "blind.txt"


def main() -> None:
    blind = [
        dict(r, split="blind", id=r["id"].replace("handwritten", "blind"))
        for r in handwritten(BLIND)
    ]
    rows = build() + handwritten() + blind
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("clean", "phi")}
    print(f"wrote {len(rows)} texts to {OUT} ({kinds})")


if __name__ == "__main__":
    main()
