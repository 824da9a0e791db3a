"""Write one BRIEF.md per independent writer session (blind sets and training data).

    python bench/writer_briefs.py [--train | --session9 | --session10 | --session11 | --session12
                                   | --session12-train | --session13 | --session13-train
                                   | --session13-train2 | --session14 | --session14-train
                                   | --session15 | --session15-train
                                   | --session16 | --session17 | --session18
                                   | --session19 | --session20 | --session21 | --session22
                                   | --session23 | --session24 | --session25
                                   | --session26 | --session27 | --session28
                                   | --session29 | --session30 | --session31 | --session32
                                   | --session33
                                   | --session34 | --session35
                                   | --session36 | --session37
                                   | --session38 | --session38b
                                   | --session39 | --session39b
                                   | --session40 | --session41 | ... | --session56] OUTDIR

Each brief is the devset README's definitions (read at run time from ../shared/devset/README.md,
so no devset text is copied here) plus a fictional practice and a task. Give each writer its own
session with the prompt "Your whole task is in <dir>/BRIEF.md". Writers finish in 3-10 minutes.
The lead writes each practice's policy.toml. Blind sets stay outside the repository; measure
them with totals only (bench/phi_eval.py / bench/moderation_eval.py --fresh, no --show-errors),
once at the start and once at the end of a session.
"""
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "shared/devset/README.md"
_lines = README.read_text().splitlines(keepends=True)
posts = "".join(_lines[43:140])      # "### Kinds and counts" .. before "## comments.jsonl"
comments = "".join(_lines[140:190])  # "## comments.jsonl" .. labelling conventions
synth = "".join(_lines[204:217])     # synthetic-identifier rules
if any(a in ("-h", "--help") for a in sys.argv[1:]):
    sys.exit(__doc__)  # not a task: without this, briefs were written into ./writers
_args = [a for a in sys.argv[1:] if not a.startswith("--")]
W = Path(_args[0]) if _args else Path("writers")

COMMON = """You are an independent writer of evaluation data for a PHI screen and a comment
classifier used by US medical practices. Nobody on the engineering team will read your texts;
only totals are reported. Rules:
- Do NOT open anything under /work/main, /work/shared or any other folder except your own
  output folder {out}. Write from your own head, fresh wording, no templates or sentence frames;
  vary openings (never reuse a 3-word opening more than twice), length, tone, platform voice.
- All patients and commenters are fictional. Real public figures only in pass items, and only with
  facts they made public themselves.
- Synthetic identifiers: phone numbers use the 555 exchange; SSNs are 000- or 9xx-series;
  IPv4 addresses only in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; every link and email
  domain ends in .example. MRNs, member IDs, plates, VINs, serials are made up.
- Write the JSONL with a small Python script of your own in {out} (json.dumps per line,
  ensure_ascii=False), then validate: every line parses, exact keys, unique sequential ids,
  the counts asked for below. Print the counts table at the end.
- Work fast: you have about 15 minutes. Finish with a one-paragraph report of counts only
  (no example texts).

## The practice
{practice}
"""

PRACTICES = {
 "larkspur": """*Larkspur Heart & Family Medicine*, 402 Orchard Lane, Suite 210, Boise, ID 83702,
(208) 555-0143, larkspurhealth.example. Cardiology, internal medicine, family medicine,
a cardiac rehab gym, a diabetes education program, a sleep lab, travel vaccines.
Staff on the allowlist: Dr. Helen Okafor ("Dr. O"), Dr. Samuel Reyes, Nurse Practitioner
Grace Lindqvist (NP Lindqvist), Tom Baxter (office manager). Other staff exist and are NOT on
the allowlist (invent them: MAs, front desk, techs, a dietitian, a retired founder).""",
 "sweetwater": """*Sweetwater Community Clinic*, 77 Mill Street, Lowell, MA 01852, (978) 555-0190,
sweetwaterclinic.example. A federally qualified health center: primary care, pediatrics,
prenatal care, dental, behavioral health, a pharmacy, WIC office, many Khmer-, Portuguese- and
Spanish-speaking families. Staff on the allowlist: Dr. Priya Natarajan, Dr. Owen Fitzgerald,
PA Maria Santos, Janet Cole (practice manager). Other staff exist and are NOT on the allowlist.""",
 "mesaverde": """*Mesa Verde Pediatrics & Urgent Care*, 1500 Juan Tabo Blvd NE,
Albuquerque, NM 87112, (505) 555-0118, mesaverdekids.example. Pediatrics, adolescent medicine,
walk-in urgent care,
sports physicals, a lactation clinic. Staff: Dr. Rosa Benally, Dr. Kevin Marsh, NP Alicia Vigil,
Dana Ruiz (office manager), plus front-desk and nursing staff commenters may name.""",
 "bluewater": """*Bluewater Orthopedics & Sports Medicine*, 230 Superior Street, Duluth, MN 55802,
(218) 555-0164, bluewaterortho.example. Joint replacement, sports injuries, hand clinic,
physical therapy, an imaging center, a walk-in injury clinic. Staff: Dr. Erik Lindahl,
Dr. Naomi Carter, PA Josh Hendricks, Beth Sorensen (practice manager).""",
}

SPECS = {
 "posts_hard": ("larkspur", """## Your task
Write 200 posts and replies this practice's social-media person might draft, as
{out}/posts.jsonl: 100 with expect=block and 100 with expect=pass. Use exactly the schema,
kinds and difficulty definitions below (ids p001..p200, shuffle the order). For block items,
about 50 subtle, 25 moderate, 25 obvious; cover every block kind at least twice. For pass
items, cover every pass kind, about 40 subtle. 30-45 items with context=reply. The counts in
the tables below are the dev set's (300 items); yours are the ones above. The definitions:

""" + posts),
 "posts_everyday": ("sweetwater", """## Your task
Write 200 posts and replies this practice would REALLY publish over a year, as
{out}/posts.jsonl, in the schema below (ids e001..e200, shuffled). Ordinary traffic:
mostly announcements, closures, flu clinics, health tips, staff news, events, hiring,
community partners, thank-yous, replies answering commenters' questions about hours,
insurance, appointments, parking and services (about 40 replies). Exactly 25 of them are
realistic slips a careful compliance officer would block (expect=block): the kind of mistake a
busy, well-meaning staffer really makes (a happy patient story with a name, a reply that
confirms a commenter's visit or treatment, a photo caption, a thank-you naming a family, etc.),
spread over the block kinds, any difficulty. The other 175 are expect=pass, with kind and
difficulty chosen from the pass table (difficulty as the table defines it, honestly: most
everyday posts are obvious). The counts in the tables below are the dev set's (300 items);
yours are the ones above. The schema and definitions:

""" + posts),
 "comments_hard": ("mesaverde", """## Your task
Write 250 comments posted on this practice's Facebook, X and LinkedIn posts, as
{out}/comments.jsonl, in the schema below (ids c001..c250, shuffled), with about the same
label mix as the table below scaled to 250 (about 92 harmless), including Spanish (about 10%),
a few in other languages, slang, typos, sarcasm, all caps, emoji, and the borderline
conventions below. The schema and definitions:

""" + comments),
 "comments_everyday": ("bluewater", """## Your task
Write 200 ordinary comments this practice's pages really get over a few months, as
{out}/comments.jsonl, in the schema below (ids v001..v200, shuffled). EXACTLY 140 are
harmless (labels []) -- the everyday stuff: thanks, praise, questions about hours, parking,
insurance, referrals, events, tagging friends, congratulations to staff, emoji, general health
questions, and a few in Spanish. The other 60 carry labels in realistic everyday proportions
(mostly self_disclosure and negative, some medical_advice, a few phi, abuse and spam). Label
definitions and conventions (use them exactly; ignore the counts in the table, yours are above):

""" + comments),
}

def brief(out: str, practice: str, task: str) -> str:
    return (COMMON.format(out=out, practice=PRACTICES[practice]) + "\n"
            + task.replace("{out}", out) + "\n\n## Synthetic identifiers\n" + synth)


def blind_sets(posts_hard: str, posts_everyday: str, comments_hard: str,
               comments_everyday: str) -> dict[str, tuple[str, str]]:
    """A session's four blind writers (totals only), one new practice each, the four tasks."""
    return {"blind_posts_hard": (posts_hard, SPECS["posts_hard"][1]),
            "blind_posts_everyday": (posts_everyday, SPECS["posts_everyday"][1]),
            "blind_comments_hard": (comments_hard, SPECS["comments_hard"][1]),
            "blind_comments_everyday": (comments_everyday, SPECS["comments_everyday"][1])}



# --- training-data writers (session 8) ---
PRACTICES.update({
 "cottonwood": """*Cottonwood Senior Care & Geriatrics*, 5120 S Yale Ave, Suite 300,
Tulsa, OK 74135, (918) 555-0172, cottonwoodsenior.example. Geriatrics, memory clinic,
falls prevention, home visits, palliative care, a caregiver support group, Medicare wellness visits.
Staff on the allowlist: Dr. Walter Kim, Dr. Abena Mensah, NP Carol Whitfield, Luis Ortega
(practice administrator). Other staff exist and are NOT on the allowlist.""",
 "harborgate": """*Harbor Gate Urology & Kidney Stone Center*, 18 Wharf Road, New Bedford, MA 02740,
(508) 555-0125, harborgateuro.example. Urology, men's health, pelvic floor therapy, kidney stones,
vasectomy clinic, prostate cancer screening, pediatric urology, many Portuguese-speaking
families. Staff on the allowlist: Dr. Rui Almeida, Dr. Katherine Doyle, PA Ben Whitaker,
Sandra Pires (office manager). Other staff exist and are NOT on the allowlist.""",
 "cielo": """*Cielo Family Clinic / Clínica Familiar Cielo*, 901 W Hidalgo Ave, McAllen, TX 78501,
(956) 555-0133, cieloclinic.example. Family medicine, pediatrics, prenatal care, diabetes
program, dental, walk-in clinic. Most families speak Spanish. Staff: Dr. Elena Cantú,
Dr. Marco Treviño, NP Lucía Garza, Irma Salinas (office manager).""",
})
TRAIN = {
 "train_cottonwood": ("cottonwood", SPECS["posts_hard"][1]),
 "train_harborgate": ("harborgate", SPECS["posts_hard"][1]),
 "train_cielo": ("cielo", SPECS["comments_hard"][1].replace(
     "including Spanish (about 10%)",
     "with HALF of them in Spanish or mixed Spanish/English"
     " (Texas border Spanish, informal, typos)")),
}


# --- blind-set writers (session 9): new practices, the same four tasks, plus a half-Spanish
# comment set for the Spanish judging work
PRACTICES.update({
 "juniper": """*Juniper Ridge Family & Women's Health*, 2215 N Fourth St, Suite 4,
Flagstaff, AZ 86004,
(928) 555-0151, juniperridgehealth.example. Family medicine, obstetrics and gynecology, midwifery,
a menopause clinic, a weight-management program, behavioral health, a travel clinic.
Staff on the allowlist: Dr. Naveen Rao, Dr. Claire Whitehorse, CNM Hollis Grant (Midwife Hollis),
Deb Alvarado (practice manager). Other staff exist and are NOT on the allowlist.""",
 "riverstone": """*Riverstone Community Health Center*, 640 Wayne Ave, Dayton, OH 45410,
(937) 555-0186,
riverstonechc.example. A federally qualified health center: primary care, pediatrics, dental,
behavioral health, addiction medicine (MAT), a food pantry, mobile van visits, many Somali-,
Spanish- and Haitian Creole-speaking families. Staff on the allowlist: Dr. Amina Warsame,
Dr. Peter Voss, PA Renee Dubois, Carl Jennings (operations director). Other staff exist and are
NOT on the allowlist.""",
 "pinecrest": """*Pinecrest Pediatrics & Teen Health*, 1120 N Division St, Spokane, WA 99202,
(509) 555-0137, pinecrestkids.example. Pediatrics, teen health, ADHD clinic, newborn visits,
vaccines, sports physicals, a night clinic. Staff: Dr. Sofia Lindgren, Dr. Marcus Oyelaran,
NP Tessa Boone, Greg Halvorsen (office manager), plus front-desk and nursing staff
commenters may name.""",
 "summit": """*Summit Spine, Pain & Sports Medicine*, 4800 Baseline Rd, Suite 110,
Boulder, CO 80303,
(303) 555-0129, summitspine.example. Spine surgery, pain management injections, sports medicine,
physical therapy, a concussion clinic, an MRI center. Staff: Dr. Hannah Cole, Dr. Ravi Menon,
PA Dustin Park, Leslie Moreno (practice manager).""",
 "valle": """*Clínica del Valle / Valley Family Clinic*, 302 S 3rd St, Yakima, WA 98901,
(509) 555-0162, clinicadelvalle.example. Family medicine, pediatrics, prenatal care, farmworker
health, dental, a diabetes program. Most families speak Spanish. Staff: Dr. Rafael Ochoa,
Dr. Mei Tanaka, NP Graciela Ruiz, Tomás Herrera (office manager).""",
})
SESSION9 = {
 "posts_hard": ("juniper", SPECS["posts_hard"][1]),
 "posts_everyday": ("riverstone", SPECS["posts_everyday"][1]),
 "comments_hard": ("pinecrest", SPECS["comments_hard"][1]),
 "comments_everyday": ("summit", SPECS["comments_everyday"][1]),
 "comments_spanish": ("valle", SPECS["comments_hard"][1].replace(
     "Write 250 comments", "Write 200 comments").replace(
     "ids c001..c250", "ids s001..s200").replace("scaled to 250 (about 92 harmless)",
     "scaled to 200 (about 74 harmless)").replace(
     "including Spanish (about 10%)",
     "with HALF of them in Spanish or mixed Spanish/English (Pacific Northwest farmworker"
     " families, Mexican Spanish, informal, typos)")),
}


# --- session 10: four new blind sets (measured by totals only) and three read sets (new
# practices, read by the team to find false-block and false-flag classes; fit once read)
PRACTICES.update({
 "aspen": """*Aspen Hollow Family & Skin Clinic*, 118 W Spruce St, Missoula, MT 59802,
(406) 555-0147, aspenhollowclinic.example. Family medicine, dermatology, Mohs surgery, allergy
testing, a wound clinic, women's health, telehealth for ranch families. Staff on the allowlist:
Dr. Ingrid Solberg, Dr. Tobias Running Crane, PA Megan Hale, Ray Dufresne (practice manager).
Other staff exist and are NOT on the allowlist.""",
 "magnolia": """*Magnolia Bend Community Health*, 2210 Bailey Ave, Jackson, MS 39213,
(601) 555-0158, magnoliabend.example. A federally qualified health center: primary care,
pediatrics, dental, behavioral health, a hypertension program, a mobile clinic serving rural
counties, school-based clinics. Staff on the allowlist: Dr. Lorraine Whitfield, Dr. Desmond
Akers, NP Keisha Moore, Bill Tran (operations manager). Other staff exist and are NOT on the
allowlist.""",
 "tidewater": """*Tidewater Women's & Children's Health*, 455 Granby St, Norfolk, VA 23510,
(757) 555-0139, tidewaterwch.example. Obstetrics, gynecology, pediatrics, a NICU follow-up clinic,
lactation, many military families. Staff: Dr. Camille Boateng, Dr. Eric Sandoval, CNM Rachel
Pruitt, Dee Harmon (office manager), plus front-desk and nursing staff commenters may name.""",
 "redrock": """*Red Rock Orthopedics & Physical Therapy*, 1490 E Riverside Dr, St. George,
UT 84790, (435) 555-0171, redrockortho.example. Joint replacement, hand surgery, sports
medicine, physical therapy, aquatic therapy, a walk-in injury clinic. Staff: Dr. Brandon Call,
Dr. Aaliyah Price, PA Jordan Tuckett, Shauna Reid (practice manager).""",
 "prairie": """*Prairie Wind Family Medicine*, 3901 S Minnesota Ave, Sioux Falls, SD 57105,
(605) 555-0126, prairiewindfm.example. Family medicine, obstetrics, sports physicals, a
farm-safety program, behavioral health, a diabetes class, a Saturday walk-in clinic. Staff on
the allowlist: Dr. Gretchen Vold, Dr. Samuel Two Bulls, PA Nate Olson, Kari Lindquist (office
manager). Other staff exist and are NOT on the allowlist.""",
 "cascadia": """*Cascadia Eye, Ear & Allergy*, 860 Country Club Rd, Eugene, OR 97401,
(541) 555-0182, cascadiaeea.example. Ophthalmology, cataract surgery, optometry, audiology and
hearing aids, ENT, allergy shots, a sinus center. Staff on the allowlist: Dr. Yuki Matsumoto,
Dr. Patrick Rourke, Dr. Leah Feldman (audiologist), Marisol Chavez (practice manager). Other
staff exist and are NOT on the allowlist.""",
 "bayou": """*Bayou Kids Pediatrics*, 3100 Ambassador Caffery Pkwy, Lafayette, LA 70506,
(337) 555-0114, bayoukids.example. Pediatrics, newborn care, asthma clinic, adolescent
medicine, vaccines, a lactation consultant, after-hours nurse line. Staff: Dr. Celeste
Thibodeaux, Dr. Andre Guidry, NP Monique Landry, Paul Hebert (office manager).""",
})
SESSION10 = {
 "blind_posts_hard": ("aspen", SPECS["posts_hard"][1]),
 "blind_posts_everyday": ("magnolia", SPECS["posts_everyday"][1]),
 "blind_comments_hard": ("tidewater", SPECS["comments_hard"][1]),
 "blind_comments_everyday": ("redrock", SPECS["comments_everyday"][1]),
 "read_posts_everyday_prairie": ("prairie", SPECS["posts_everyday"][1]),
 "read_posts_everyday_cascadia": ("cascadia", SPECS["posts_everyday"][1]),
 "read_comments_everyday_bayou": ("bayou", SPECS["comments_everyday"][1]),
}

# --- session 11: four new blind sets (totals only), new practices
PRACTICES.update({
 "quarry": """*Quarry Hill Internal Medicine & Endocrinology*, 77 Granite St, Suite 5,
Barre, VT 05641, (802) 555-0164, quarryhillmed.example. Internal medicine, endocrinology, a
thyroid clinic, an osteoporosis program, a diabetes education class, a lab draw station, a
Medicare wellness clinic. Staff on the allowlist: Dr. Ruth Abernathy, Dr. Kwame Asante,
NP Colleen Birch, Marty Lavoie (office manager). Other staff exist and are NOT on the allowlist.""",
 "saguaro": """*Saguaro Valley Health Partners*, 2750 E Broadway Blvd, Tucson, AZ 85716,
(520) 555-0177, saguarovalley.example. A federally qualified health center: primary care,
pediatrics, dental, behavioral health, a refugee health program, a heat-illness outreach van,
a prenatal group, many Spanish- and Dari-speaking families. Staff on the allowlist:
Dr. Teresa Villanueva, Dr. Omar Haidari, PA Lindsey Crowe, Frank Ibarra (operations director).
Other staff exist and are NOT on the allowlist.""",
 "lighthouse": """*Lighthouse Point Pediatric & Adolescent Care*, 12 Harbor View Rd, Portland,
ME 04101, (207) 555-0121, lighthousepeds.example. Pediatrics, adolescent medicine, an eating
disorder program, newborn visits, school physicals, vaccines, a teen mental health group.
Staff: Dr. Abigail Thornton, Dr. Samir Khoury, NP Jenna Albright, Pete Gallant (office manager),
plus front-desk and nursing staff commenters may name.""",
 "ozark": """*Ozark Trail Sports Medicine & Rehab*, 2901 S Campbell Ave, Springfield, MO 65807,
(417) 555-0193, ozarktrailsports.example. Sports medicine, arthroscopy, a running clinic,
physical therapy, concussion care, a youth athletics program, a walk-in sprain clinic.
Staff: Dr. Heath Caldwell, Dr. Nia Okonkwo, PA Brody Vance, Tammy Riggs (practice manager).""",
})
SESSION11 = blind_sets("quarry", "saguaro", "lighthouse", "ozark")


# --- session 12: four new blind sets (totals only), new practices
PRACTICES.update({
 "birchwood": """*Birchwood Lung, Allergy & Sleep Center*, 415 College Ave, Suite 200,
Ithaca, NY 14850, (607) 555-0148, birchwoodlung.example. Pulmonology, asthma and COPD care,
allergy shots, a sleep lab, pulmonary rehab, a smoking-cessation program, lung cancer screening.
Staff on the allowlist: Dr. Miriam Goldberg, Dr. Felix Adeyemi, NP Hannah Kowalski,
Roger Pell (practice manager). Other staff exist and are NOT on the allowlist.""",
 "coastal": """*Coastal Plains Community Health*, 1210 Evans St, Greenville, NC 27834,
(252) 555-0161, coastalplainschc.example. A federally qualified health center: primary care,
pediatrics, dental, behavioral health, a farmworker outreach van, a hypertension and diabetes
program, a school-based clinic, many Spanish- and Haitian Creole-speaking families. Staff on the
allowlist: Dr. Vanessa Pruitt, Dr. Luis Echeverría, PA Darnell Hayes, Wanda Keel (operations
manager). Other staff exist and are NOT on the allowlist.""",
 "meadowlark": """*Meadowlark Women's Health & Birth Center*, 3340 N Cliff Ave, Sioux Falls,
SD 57104, (605) 555-0135, meadowlarkbirth.example. Obstetrics, midwifery, a birth center,
gynecology, fertility consults, lactation, postpartum mental health support. Staff:
Dr. Ingrid Halvorsen, Dr. Jamal Whitaker, CNM Rosa Delgado, Kelly Brandt (office manager),
plus front-desk and nursing staff commenters may name.""",
 "ironwood": """*Ironwood Dental & Oral Surgery*, 88 Front St, Marquette, MI 49855,
(906) 555-0117, ironwoodsmiles.example. General and family dentistry, oral surgery, wisdom
teeth, implants, orthodontics, pediatric dentistry, emergency dental visits. Staff: Dr. Carl
Niemi, Dr. Priya Shah, hygienist Amber Lutz, Joan Heikkinen (practice manager).""",
})
SESSION12 = blind_sets("birchwood", "coastal", "meadowlark", "ironwood")

# --- session 12: training-data writers for the fine-tuned second look (new practices; their
# sets join policies/phi/training/data once written)
PRACTICES.update({
 "tamarack": """*Tamarack Neurology & Headache Center*, 1020 Regent St, Suite 300, Madison, WI
53715, (608) 555-0152, tamarackneuro.example. Neurology, a headache and migraine clinic, epilepsy
care with an EEG lab, a memory and movement-disorders clinic, Botox for migraine, MS infusions.
Staff on the allowlist: Dr. Lena Brandvold, Dr. Isaac Mwangi, NP Paula Ostrowski, Dev Banerjee
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "sandpiper": """*Sandpiper Cancer & Blood Center*, 4700 Waters Ave, Savannah, GA 31404,
(912) 555-0166, sandpipercancer.example. Medical oncology, hematology, an infusion suite,
radiation oncology, a survivorship clinic, genetic counseling, a wig and prosthesis boutique,
a support group. Staff on the allowlist: Dr. Harriet Boykin, Dr. Anil Varghese, NP Celeste
Moultrie, Gus Alvarez (practice administrator). Other staff exist and are NOT on the allowlist.""",
 "highdesert": """*High Desert Behavioral Health & Recovery*, 61 NW Oregon Ave, Bend, OR 97703,
(541) 555-0109, highdesertbh.example. Outpatient therapy, psychiatry, an addiction recovery
program with medication treatment, teen groups, an eating-disorder group, peer support, a
crisis line. Staff on the allowlist: Dr. Simone Achterberg, Dr. Marcus Fenwick, LCSW Tara
Nakamura, Jill Ramsey (clinic director). Other staff exist and are NOT on the allowlist.""",
 "riverbend": """*Riverbend Rural Health Clinic*, 118 W 11th St, Hays, KS 67601,
(785) 555-0124, riverbendrhc.example. A rural health clinic: family medicine, well-child
visits, a farm-injury program, prenatal care, a diabetes class, a visiting-specialist day,
telehealth, a Saturday walk-in. Staff on the allowlist: Dr. Ruth Dreiling, Dr. Caleb Oyelowo,
PA Kendra Staab, Mike Pfannenstiel (office manager). Other staff exist and are NOT on the
allowlist.""",
 "palmetto": """*Palmetto Foot, Ankle & Wound Care*, 2045 Savannah Hwy, Charleston, SC 29407,
(843) 555-0187, palmettofoot.example. Podiatry, diabetic foot care, a wound clinic, bunion and
ankle surgery, custom orthotics, sports podiatry, a Spanish-speaking Thursday clinic. Staff on
the allowlist: Dr. Vernon Gadsden, Dr. Lucía Paredes, PA Whitney Cope, Andrea Lyles (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "canyon": """*Canyon View Dermatology & Skin Surgery*, 7331 E Osborn Rd, Suite 120,
Scottsdale, AZ 85251, (480) 555-0145, canyonviewderm.example. Medical dermatology, Mohs skin
cancer surgery, pediatric dermatology, acne and eczema care, cosmetic injections, a psoriasis
biologics program. Staff on the allowlist: Dr. Marisa Quintero, Dr. Elliot Haas, PA Brianna
Cole, Stu Jacobsen (office manager). Other staff exist and are NOT on the allowlist.""",
})
REPLIES = SPECS["posts_hard"][1].replace(
    "Write 200 posts and replies this practice's social-media person might draft",
    "Write 200 REPLIES (every item context=reply) the practice's social-media person might "
    "type under commenters' comments on its Facebook, X and LinkedIn posts; begin each text "
    "as the reply itself (you may address the commenter by name or handle, as real replies "
    "do)").replace(
    "30-45 items with context=reply.", "Every item has context=reply. Block items: mostly "
    "replies that confirm the commenter or someone they mention is a patient, tell their care, "
    "visit, results or condition, or name them with care, in many different wordings and "
    "tones (warm, apologetic, brisk, bilingual); pass items: replies a careful officer would "
    "publish (hours, directions, general advice, \"please call us\", thanks, apologies "
    "that confirm nothing), many of them warm and personal in tone.")
SESSION12_TRAIN = {
 "train_tamarack": ("tamarack", SPECS["posts_hard"][1]),
 "train_sandpiper": ("sandpiper", SPECS["posts_hard"][1]),
 "train_highdesert": ("highdesert", SPECS["posts_hard"][1]),
 "train_riverbend": ("riverbend", SPECS["posts_everyday"][1]),
 "train_palmetto": ("palmetto", SPECS["posts_everyday"][1]),
 "train_canyon_replies": ("canyon", REPLIES),
}


# --- session 13: four new blind sets (totals only) and five training writers, new practices
PRACTICES.update({
 "foxglove": """*Foxglove Digestive Health & Endoscopy*, 2600 Kirkwood Hwy, Suite 12, Newark, DE
19711, (302) 555-0156, foxglovegi.example. Gastroenterology, an endoscopy center, a liver
clinic, IBD infusions, a celiac and nutrition program, colon cancer screening, a pelvic-floor
clinic. Staff on the allowlist: Dr. Beatrice Okonjo, Dr. Henrik Vass, NP Dolores Quinlan,
Shane Mulcahy (practice manager). Other staff exist and are NOT on the allowlist.""",
 "wabash": """*Wabash Valley Community Health*, 1801 N 13th St, Terre Haute, IN 47804,
(812) 555-0179, wabashvalleychc.example. A federally qualified health center: primary care,
pediatrics, dental, behavioral health, recovery services, a homeless-outreach van, a
prenatal program, a college-campus clinic, many Spanish- and Burmese-speaking families.
Staff on the allowlist: Dr. Gloria Ashby, Dr. Nnamdi Eze, PA Travis Kuehn, Rhonda Bixler
(operations director). Other staff exist and are NOT on the allowlist.""",
 "willowcreek": """*Willow Creek Allergy, Asthma & ENT for Kids*, 925 Lake Cook Rd, Deerfield, IL
60015, (847) 555-0132, willowcreekkids.example. Pediatric allergy (food challenges, shots),
asthma, pediatric ENT (tubes, tonsils), hearing tests, an eczema clinic. Staff: Dr. Naomi
Feld, Dr. Tariq Siddiqui, NP Brooke Hammond, Lori Pasternak (office manager), plus front-desk
and nursing staff commenters may name.""",
 "sierra": """*Sierra Foothills Urgent Care & Occupational Health*, 3390 Bell Rd, Auburn, CA
95603, (530) 555-0168, sierrafoothillsuc.example. Walk-in urgent care, x-ray, stitches and
fractures, DOT and pre-employment physicals, workers' comp, drug screens, flu shots. Staff:
Dr. Wade Hollister, Dr. Anjali Rao, PA Cody Brandt, Trish Okamoto (clinic manager).""",
 "keystone": """*Keystone Heart & Vascular*, 1250 S Cedar Crest Blvd, Allentown, PA 18103,
(610) 555-0141, keystoneheart.example. Cardiology, a cath lab, electrophysiology (ablations,
pacemakers), vein and vascular surgery, cardiac rehab, a heart-failure clinic, an anticoagulation
clinic. Staff on the allowlist: Dr. Miriam Oduya, Dr. Stefan Kowal, NP Gwen Albrecht, Rick
Santangelo (practice administrator). Other staff exist and are NOT on the allowlist.""",
 "bluebonnet": """*Bluebonnet Fertility & Women's Care*, 6500 W Loop 1604 N, San Antonio, TX
78254, (210) 555-0119, bluebonnetfertility.example. Fertility (IVF, IUI, egg freezing),
gynecology, high-risk pregnancy consults, menopause care, a pregnancy-loss support group, many
military and Spanish-speaking families. Staff on the allowlist: Dr. Adaeze Nwosu, Dr. Carlos
Reyna, NP Holly Voss, Marisol Treviño (practice manager). Other staff exist and are NOT on
the allowlist.""",
 "northwoods": """*Northwoods Family Medicine & Sleep Clinic*, 215 W Front St, Traverse City, MI
49684, (231) 555-0138, northwoodsfm.example. Family medicine, a sleep clinic (CPAP, sleep
studies), sports physicals, a weight-management program, Medicare wellness visits, a
snowmobile- and ski-injury walk-in hour in winter. Staff on the allowlist: Dr. Karin Lund,
Dr. Ezra Whitcomb, PA Joelle Maki, Duane Ostrander (office manager). Other staff exist and
are NOT on the allowlist.""",
 "lowcountry": """*Lowcountry Kidney, Diabetes & Endocrine*, 3 Medical Park Dr, Beaufort, SC
29902, (843) 555-0195, lowcountrykde.example. Nephrology, a home-dialysis program,
endocrinology, a diabetes and insulin-pump clinic, a thyroid clinic, a Gullah-community
outreach day, telehealth. Staff on the allowlist: Dr. Josephine Middleton, Dr. Arjun Bhatt,
NP Claudette Simmons, Ray Heyward (office manager). Other staff exist and are NOT on the
allowlist.""",
 "redwood": """*Redwood Coast Plastic & Hand Surgery*, 2350 Harrison Ave, Eureka, CA 95501,
(707) 555-0127, redwoodcoastsurgery.example. Hand surgery, reconstructive surgery after cancer
and injury, a burn and scar clinic, cosmetic surgery, a hand-therapy gym. Staff on the
allowlist: Dr. Leif Amundsen, Dr. Monique Batiste, PA Carrie Delaney, Tony Figueroa
(practice manager). Other staff exist and are NOT on the allowlist.""",
})
SESSION13 = blind_sets("foxglove", "wabash", "willowcreek", "sierra")
SESSION13_TRAIN = {
 "train_keystone": ("keystone", SPECS["posts_hard"][1]),
 "train_bluebonnet": ("bluebonnet", SPECS["posts_hard"][1]),
 "train_lowcountry": ("lowcountry", SPECS["posts_hard"][1]),
 "train_northwoods": ("northwoods", SPECS["posts_everyday"][1]),
 "train_redwood": ("redwood", SPECS["posts_everyday"][1]),
}

PRACTICES.update({
 "saltmarsh": """*Salt Marsh Rheumatology & Infusion*, 14 Ferry Rd, Suite 3, Saco, ME 04072,
(207) 555-0153, saltmarshrheum.example. Rheumatology (lupus, rheumatoid arthritis, gout,
vasculitis), an infusion suite for biologics, osteoporosis care, a joint-injection clinic, a
lupus support group. Staff on the allowlist: Dr. Corinne Thibault, Dr. Yusuf Rahimi, NP Janelle
Brooks, Walt Pelletier (office manager). Other staff exist and are NOT on the allowlist.""",
 "evening": """*Evening Star Hospice & Palliative Care*, 870 E Main St, Mesa, AZ 85203,
(480) 555-0172, eveningstarhospice.example. Home hospice, an inpatient hospice house,
palliative-care consults, bereavement groups, a veterans' program, music and pet therapy
volunteers, a chaplaincy. Staff on the allowlist: Dr. Raymond Tso, Dr. Fiona Gallagher,
RN case manager Lourdes Ibarra, Pat Kellerman (executive director). Other staff exist and are
NOT on the allowlist.""",
 "sprout": """*Sprout Pediatric Therapy*, 3022 Fort Campbell Blvd, Clarksville, TN 37042,
(931) 555-0184, sproutpedtherapy.example. Speech therapy, occupational therapy, feeding
therapy, early intervention, autism evaluations, social-skills groups, many military families.
Staff on the allowlist: Dr. Leah Okafor (developmental pediatrician), SLP Jenny Tran, OT Marcus
Bell, Debbie Waltrip (office manager). Other staff exist and are NOT on the allowlist.""",
 "lakeside": """*Lakeside Weight Loss & Bariatric Surgery*, 5025 Lakeside Dr, Tyler, TX 75703,
(903) 555-0131, lakesidebariatric.example. Sleeve and bypass surgery, a medical weight-loss
program, nutrition classes, a support group, body-contouring referrals, a Spanish-language
info night. Staff on the allowlist: Dr. Garrett Pruitt, Dr. Yolanda Mireles, PA Kasey Dunn,
Brenda Cates (practice manager). Other staff exist and are NOT on the allowlist.""",
})
SESSION13_TRAIN2 = {
 "train_saltmarsh": ("saltmarsh", SPECS["posts_hard"][1]),
 "train_evening": ("evening", SPECS["posts_hard"][1]),
 "train_sprout": ("sprout", SPECS["posts_everyday"][1]),
 "train_lakeside_replies": ("lakeside", REPLIES),
}


# --- session 14: four new blind sets (totals only) and four training writers, new practices
PRACTICES.update({
 "cedarhollow": """*Cedar Hollow Infectious Disease & Travel Medicine*, 1930 Alcoa Hwy, Suite 5,
Knoxville, TN 37920, (865) 555-0148, cedarhollowid.example. An HIV clinic, PrEP, hepatitis C
treatment, a travel clinic, wound and bone infections, home IV antibiotics, an STI walk-in
hour. Staff on the allowlist: Dr. Lionel Achebe, Dr. Marta Kowalczyk, NP Dana Whitlock,
Curtis Langley (practice manager). Other staff exist and are NOT on the allowlist.""",
 "harvestmoon": """*Harvest Moon Family Practice*, 410 N 2nd Ave, Dodge City, KS 67801,
(620) 555-0166, harvestmoonfp.example. A rural family practice: primary care, obstetrics and
deliveries at the county hospital, pediatrics, a meatpacking-plant occupational clinic, a
mobile clinic, many Spanish- and Vietnamese-speaking families. Staff on the allowlist:
Dr. Ruth Engel, Dr. Tomas Villarreal, PA Kelsey Brandt, Norma Schultz (office manager). Other
staff exist and are NOT on the allowlist.""",
 "silverlake": """*Silver Lake Counseling & Psychiatry*, 2 S Carroll St, Madison, WI 53703,
(608) 555-0129, silverlakecounseling.example. Therapy for adults, couples and teens,
psychiatry and medication management, an eating-disorder program, teletherapy, a grief group.
Staff: Dr. Imogen Farrell, Dr. Darius Moradi, therapist Kayla Jensen (LCSW), Phil Gustafson
(office manager), plus front-desk staff commenters may name.""",
 "copperline": """*Copperline Physical Therapy & Chiropractic*, 1800 30th St, Boulder, CO 80301,
(303) 555-0177, copperlinept.example. Physical therapy, chiropractic, dry needling, running
gait analysis, post-surgical rehab, a pelvic-health PT, a pilates studio. Staff: Dr. Sam
Okoro (DPT), Dr. Leah Brandvold (DC), PTA Marco Pineda, Jill Raskin (front-office manager).""",
 "oakharbor": """*Oak Harbor Ear, Nose, Throat & Audiology*, 1200 Ellis St, Bellingham, WA
98225, (360) 555-0135, oakharborent.example. Adult and pediatric ENT, sinus surgery, hearing
aids and cochlear implants, a voice and swallowing clinic, head and neck cancer surgery.
Staff on the allowlist: Dr. Ingrid Solberg, Dr. Hamid Qureshi, AuD Beth Navarro, Glen Whitaker
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "goldenhills": """*Golden Hills Pain & Spine Institute*, 7045 N Fresno St, Fresno, CA 93720,
(559) 555-0112, goldenhillspain.example. Chronic pain, epidural and nerve-block injections,
spinal cord stimulators, ketamine infusions, a migraine clinic, an opioid-tapering program.
Staff on the allowlist: Dr. Armando Quiroz, Dr. Vivian Tsai, NP Rochelle Banks, Dale Hutchins
(office manager). Other staff exist and are NOT on the allowlist.""",
 "hickory": """*Hickory Hollow Pediatrics*, 3500 Harrodsburg Rd, Lexington, KY 40513,
(859) 555-0181, hickoryhollowpeds.example. Pediatrics from newborns to college, a
breastfeeding clinic, ADHD and asthma care, sports physicals, Saturday sick visits. Staff on
the allowlist: Dr. Anne-Marie Coleman, Dr. Femi Adeyemi, NP Laurel Sizemore, Katie Bowling
(office manager). Other staff exist and are NOT on the allowlist.""",
 "seaside": """*Seaside OB-GYN & Midwifery*, 1040 First Colonial Rd, Virginia Beach, VA 23454,
(757) 555-0158, seasideobgyn.example. Obstetrics, midwifery, a birth center, gynecology,
4D ultrasound, postpartum support, many Navy families. Staff on the allowlist: Dr. Simone
Laurent, Dr. Wesley Park, CNM Tamsin Hale, Jackie Dombrowski (practice manager). Other staff
exist and are NOT on the allowlist.""",
})
SESSION14 = blind_sets("cedarhollow", "harvestmoon", "silverlake", "copperline")
SESSION14_TRAIN = {
 "train_oakharbor": ("oakharbor", SPECS["posts_hard"][1]),
 "train_goldenhills": ("goldenhills", SPECS["posts_hard"][1]),
 "train_hickory": ("hickory", SPECS["posts_everyday"][1]),
 "train_seaside_replies": ("seaside", REPLIES),
}


# --- session 15: four new blind sets (totals only) and three training comment writers
PRACTICES.update({
 "thistle": """*Thistle Creek Endocrinology & Diabetes*, 915 W Garland Ave, Spokane, WA 99205,
(509) 555-0137, thistlecreekendo.example. Diabetes and insulin pumps, thyroid and thyroid
cancer follow-up, a transgender hormone clinic, osteoporosis, a pituitary clinic, diabetes
education classes. Staff on the allowlist: Dr. Nadia Bergstrom, Dr. Kwame Asante, NP Holly
Dufresne, Ray Castellano (practice manager). Other staff exist and are NOT on the allowlist.""",
 "mossyoak": """*Mossy Oak Family Health*, 220 W Main St, Tupelo, MS 38804, (662) 555-0159,
mossyoakfamily.example. A small-town family practice: primary care, well-child visits, a
Saturday walk-in, DOT physicals, a diabetes group, home visits for shut-in elders, a church
health-fair partnership. Staff on the allowlist: Dr. Clara Whitfield, Dr. Jerome Patton, NP
Ashley Grubbs, Donna Pruett (office manager). Other staff exist and are NOT on the
allowlist.""",
 "bayberry": """*Bayberry Dermatology & Skin Surgery*, 4700 Waters Ave, Savannah, GA 31404,
(912) 555-0126, bayberryderm.example. Medical dermatology, Mohs skin-cancer surgery, acne and
psoriasis biologics, pediatric eczema, cosmetic injections and lasers, a free skin-check day.
Staff: Dr. Vivienne Osei, Dr. Carter Blanchard, PA Maribel Ochoa, Travis Lund (office manager),
plus front-desk and nursing staff commenters may name.""",
 "granitepeak": """*Granite Peak Urgent Care*, 60 Loudon Rd, Concord, NH 03301, (603) 555-0195,
granitepeakuc.example. Walk-in urgent care seven days a week, X-ray, stitches and fractures,
occupational health and drug screens, COVID and flu testing, school and camp physicals.
Staff: Dr. Owen Kimura, PA Rachel Dube, NP Luis Cardenas, Mandy Forde (site manager).""",
 "lantern": """*Lantern Street Geriatrics & Memory Care*, 88 Lantern St, Providence, RI 02906,
(401) 555-0141, lanternstreetgeri.example. Primary care for older adults, a memory clinic,
an adult day program, fall-prevention classes, house calls, caregiver support groups. Staff:
Dr. Beatrice Amaral, Dr. Felix Oduya, NP Carol Ann Mercier, Ron Vieira (office manager),
plus front-desk and nursing staff commenters may name.""",
 "mariposa": """*Mariposa Women's & Family Clinic*, 6010 Montana Ave, El Paso, TX 79925,
(915) 555-0163, mariposaclinic.example. Prenatal care, family planning, pediatrics, a
diabetes program, a sliding-fee scale, most patients Spanish-speaking or bilingual. Staff:
Dra. Lucia Arreola, Dr. Ben Hartley, promotora Yesenia Robles, Irma Dominguez (clinic
manager), plus front-desk staff commenters may name.""",
 "kestrel": """*Kestrel Ridge Gastroenterology*, 1 Hospital Dr, Asheville, NC 28801,
(828) 555-0174, kestrelridgegi.example. Colonoscopy and endoscopy, Crohn's and colitis care,
liver disease, a reflux clinic, a colon-cancer screening outreach van. Staff: Dr. Martin
Vasquez-Hill, Dr. Ellen Pruitt, PA Devon Shaw, Gloria Ames (office manager).""",
})
SESSION15 = blind_sets("thistle", "mossyoak", "bayberry", "granitepeak")
PRACTICES.update({
 "driftwood": """*Driftwood Family Medicine & Pediatrics*, 2210 Shore Blvd, Corpus Christi,
TX 78404, (361) 555-0188, driftwoodfamily.example. Family medicine and
pediatrics, well-child visits and
vaccines, diabetes and blood-pressure clinics, sports physicals, telehealth, many Spanish-speaking
families. Staff: Dr. Elena Villarreal, Dr. Marcus Greer, NP Tasha Broussard, Hector Saenz
(office manager), plus front-desk and nursing staff commenters may name.""",
 "pinebluff": """*Pine Bluff Orthopedics & Sports Medicine*, 410 Ridge Pkwy, Missoula, MT 59801,
(406) 555-0157, pinebluffortho.example. Joint replacement, sports injuries, spine care, hand
surgery, physical therapy, a Saturday injury clinic for high-school athletes. Staff: Dr. Nora
Halvorsen, Dr. Isaac Redcloud, PA Jenna Marsh, Cole Whitaker (practice manager).""",
})
SESSION16 = {"blind_comments_hard": ("driftwood", SPECS["comments_hard"][1]),
             "blind_comments_everyday": ("pinebluff", SPECS["comments_everyday"][1])}

PRACTICES.update({
 "juniper": """*Juniper Valley Rheumatology & Infusion*, 3300 N Central Ave, Suite 400, Phoenix,
AZ 85012, (602) 555-0182, junipervalleyrheum.example. Rheumatoid arthritis, lupus, gout,
psoriatic arthritis, an infusion suite for biologics, osteoporosis scans, a patient support
group. Staff on the allowlist: Dr. Miriam Castellanos, Dr. Theo Abernathy, NP Keisha Landry,
Paul Okonkwo (practice manager). Other staff exist and are NOT on the allowlist.""",
 "redclay": """*Red Clay Community Health*, 140 Depot St, Athens, GA 30601, (706) 555-0121,
redclayhealth.example. A rural community health center: primary care, pediatrics, a mobile
clinic, behavioral health, dental, a food-pharmacy program, farmworker outreach. Staff on the
allowlist: Dr. Josephine Tate, Dr. Anil Mehra, PA Coretta Banks, Wade Holloway (clinic
manager). Other staff exist and are NOT on the allowlist.""",
 "harborview": """*Harborview Allergy, Asthma & ENT*, 12 Wharf Rd, Portland, ME 04101,
(207) 555-0176, harborviewent.example. Allergy testing and shots, asthma care, sinus surgery,
hearing aids and audiology, pediatric ear tubes, a food-allergy challenge clinic. Staff:
Dr. Sunniva Berg, Dr. Malik Johnson, PA Erin Castonguay, Lou Dionne (office manager), plus
front-desk and nursing staff commenters may name.""",
 "sagebrush": """*Sagebrush Women's Health & Midwifery*, 905 E 2nd St, Casper, WY 82601,
(307) 555-0133, sagebrushwomens.example. OB-GYN, midwifery and a birth center, fertility
consults, menopause care, mammography, lactation support. Staff: Dr. Hannah Kruger,
CNM Dolores Whitehorse, Dr. Peter Lindgren, Mackenzie Doyle (office manager).""",
})
SESSION17 = blind_sets("juniper", "redclay", "harborview", "sagebrush")
# session 18: practice keys carry a suffix, as earlier sessions used the towns' names
PRACTICES.update({
 "tidewater_derm": """*Tidewater Dermatology & Skin Cancer Center*, 700 W Olney Rd, Suite 5,
Norfolk, VA 23507, (757) 555-0139, tidewaterderm.example. Medical and surgical dermatology, Mohs
surgery for skin cancer, acne and eczema clinics, psoriasis biologics, cosmetic services, free
skin checks at beach events. Staff on the allowlist: Dr. Adaeze Nwosu, Dr. Carl Brennan, PA
Holly Tran, Rick Delgado (practice manager). Other staff exist and are NOT on the allowlist.""",
 "prairiewind_fh": """*Prairie Wind Family Health*, 215 Main Ave, Pierre, SD 57501,
(605) 555-0128, prairiewindhealth.example. A rural family practice: primary care, obstetrics and
well-baby visits, a farm-injury and occupational clinic, telehealth, a diabetes program with the
nearby tribal clinic, visiting specialists monthly. Staff on the allowlist: Dr. Lena Two Bulls,
Dr. Gary Pohl, NP Shauna Meyer, Deb Kowalski (clinic manager). Other staff exist and are NOT
on the allowlist.""",
 "cedarhollow_bh": """*Cedar Hollow Behavioral Health & Recovery*, 48 Mill Race Rd,
Lancaster, PA 17601, (717) 555-0150, cedarhollowbh.example. Outpatient therapy, psychiatry,
medication for opioid use disorder, teen counseling, an eating-disorder program, family groups,
telepsychiatry. Staff: Dr. Imani Booker, Dr. Stefan Kraus, LCSW Rosa Ibarra, Neil Hart (office
manager), plus front-desk staff commenters may name.""",
 "bayou_kidney": """*Bayou Kidney & Dialysis Center*, 3100 Canal St, New Orleans, LA 70119,
(504) 555-0177, bayoukidney.example. Nephrology, in-center and home dialysis, transplant
evaluation, a kidney-diet class, a Saturday blood-pressure screening van, many Vietnamese- and
Spanish-speaking families. Staff: Dr. Thanh Nguyen, Dr. Claudette Broussard, NP Andre Fontenot,
Marisol Vega (office manager).""",
})
SESSION18 = blind_sets("tidewater_derm", "prairiewind_fh", "cedarhollow_bh", "bayou_kidney")

# session 19: practice keys carry a suffix, as session 18's did
PRACTICES.update({
 "stillwater_peds": """*Stillwater Pediatrics & Adolescent Medicine*, 1820 W 6th Ave, Stillwater,
OK 74074, (405) 555-0164, stillwaterpeds.example. Newborn and well-child care, vaccines, ADHD and
asthma clinics, sports physicals, adolescent mental-health screening, a lactation nurse, school
partnerships. Staff on the allowlist: Dr. Renata Oyelaran, Dr. Blake Summers, NP Carmen Ruiz-Patel,
Trish Gallagher (office manager). Other staff exist and are NOT on the allowlist.""",
 "highplains_heart": """*High Plains Heart & Vascular*, 4400 S Western St, Amarillo, TX 79109,
(806) 555-0145, highplainsheart.example. Cardiology, cardiac rehab, a heart-failure clinic,
pacemaker and device checks, vein care, a Saturday cholesterol screening at the county fair.
Staff on the allowlist: Dr. Omar Haddad, Dr. Lucille Brandt, PA Tyrell Simmons, Janelle Cho
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "northfork_onc": """*North Fork Cancer & Infusion Center*, 910 N Division St, Spokane, WA 99202,
(509) 555-0119, northforkcancer.example. Medical oncology, an infusion suite, radiation therapy,
genetic counseling, survivorship groups, a wig and scarf closet. Staff: Dr. Priya Venkataraman,
Dr. Samuel Lindqvist, NP Abby Featherstone, Jorge Medina (office manager), plus front-desk and
infusion nurses commenters may name.""",
 "bluegrass_eye": """*Bluegrass Eye Care & Surgery*, 2050 Harrodsburg Rd, Lexington, KY 40503,
(859) 555-0172, bluegrasseye.example. Eye exams, cataract and LASIK surgery, glaucoma and
diabetic eye care, pediatric eye clinic, an optical shop, many Spanish-speaking and Bosnian
families. Staff: Dr. Hana Kovacevic, Dr. Russell Tate, OD Marisa Quintero, Clay Buckner (office
manager).""",
})
SESSION19 = blind_sets("stillwater_peds", "highplains_heart", "northfork_onc", "bluegrass_eye")

# session 20
PRACTICES.update({
 "lakeview_gi": """*Lakeview Digestive Health & Endoscopy*, 1302 E Superior St, Suite 210, Duluth,
MN 55805, (218) 555-0147, lakeviewgi.example. Gastroenterology, colonoscopy and endoscopy suite,
an IBD clinic, liver and hepatitis care, a celiac and nutrition program, colorectal-cancer
screening outreach. Staff on the allowlist: Dr. Ingrid Solberg, Dr. Kwame Asante, NP Rosa
Delgado-Hart, Pete Lindahl (practice manager). Other staff exist and are NOT on the allowlist.""",
 "mesquite_fm": """*Mesquite Family Medicine*, 1750 S Telshor Blvd, Las Cruces, NM 88011,
(575) 555-0138, mesquitefm.example. Family medicine, well-woman and well-child visits, a
diabetes education class, sports physicals, a walk-in flu and COVID shot clinic, telehealth,
behavioral health, many Spanish-speaking and ranching families. Staff on the allowlist:
Dr. Marisela Baca, Dr. Graham Whitcomb, PA Jolene Tsosie, Ray Montoya (office manager). Other
staff exist and are NOT on the allowlist.""",
 "tallpines_womens": """*Tall Pines Women's Health & Midwifery*, 77 Union St, Bangor, ME 04401,
(207) 555-0161, tallpineswomens.example. Obstetrics, midwifery and a birth center, fertility
consults, menopause care, pelvic floor therapy, lactation support, a postpartum mood group.
Staff: Dr. Abigail Thorne, Dr. Yusuf Karimi, CNM Delia Frost, Marcy Pelletier (office manager),
plus front-desk staff and nurses commenters may name.""",
 "palmetto_sleep": """*Palmetto Sleep & Lung Center*, 3010 Farrow Rd, Columbia, SC 29203,
(803) 555-0126, palmettosleep.example. Pulmonology, sleep studies, CPAP fittings, asthma and
COPD care, pulmonary rehab, a lung-cancer screening program, many Spanish-speaking families.
Staff: Dr. Cedric Alston, Dr. Mina Farahani, RT Becky Lyles, Dwayne Pickett (office manager).""",
})
SESSION20 = blind_sets("lakeview_gi", "mesquite_fm", "tallpines_womens", "palmetto_sleep")

# session 21
PRACTICES.update({
 "riverbend_ortho": """*Riverbend Orthopedics & Sports Medicine*, 455 Riverside Dr, Suite 120,
Dubuque, IA 52001, (563) 555-0152, riverbendortho.example. Joint replacement, sports medicine,
hand and spine surgery, a fracture walk-in clinic, physical therapy, school athletic trainers.
Staff on the allowlist: Dr. Aaron Velasquez, Dr. Margit Halvorsen, PA Denise Oduya, Curtis Ball
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "saguaro_peds": """*Saguaro Children's Clinic*, 2210 N Oracle Rd, Tucson, AZ 85705,
(520) 555-0143, saguarokids.example. Pediatrics from newborns to teens, vaccines, asthma and
allergy care, developmental screening, a teen health hour, a school-based clinic van, many
Spanish-speaking and Tohono O'odham families. Staff on the allowlist: Dr. Luz Arriaga,
Dr. Benjamin Okafor, NP Tessa Whiteman, Gloria Pacheco (office manager). Other staff exist and
are NOT on the allowlist.""",
 "copperhill_derm": """*Copper Hill Dermatology*, 60 Main St, Butte, MT 59701, (406) 555-0118,
copperhillderm.example. Skin checks, Mohs surgery, eczema and psoriasis care, acne clinic,
cosmetic injections, a mobile skin-cancer screening at rodeos. Staff: Dr. Rachel Strand,
Dr. Emeka Nwachukwu, PA Jodi Lambert, Vince Kovach (office manager), plus front-desk staff and
nurses commenters may name.""",
 "gulfbreeze_cardio": """*Gulf Breeze Heart & Vascular*, 1400 Gulf Breeze Pkwy, Gulf Breeze,
FL 32561, (850) 555-0166, gulfbreezeheart.example. Cardiology, a heart-failure clinic, cardiac
rehab, stress tests and echo, a vein clinic, pacemaker checks, many retirees and Spanish-speaking
families. Staff: Dr. Harold Mims, Dr. Catalina Ruiz, NP Brandon Tate, Sheila Boudreaux (office
manager).""",
})
SESSION21 = blind_sets("riverbend_ortho", "saguaro_peds", "copperhill_derm", "gulfbreeze_cardio")

# session 22
PRACTICES.update({
 "cedarknoll_ent": """*Cedar Knoll Ear, Nose & Throat*, 1880 Washington Ave, Suite 5, Vicksburg,
MS 39180, (601) 555-0137, cedarknollent.example. Adult and pediatric ENT, hearing tests and
hearing aids, sinus surgery, voice and swallowing clinic, allergy shots, thyroid surgery, a
tinnitus group.
Staff on the allowlist: Dr. Nathaniel Greer, Dr. Sunita Raman, AuD Colleen Marsh (audiologist),
Derrick Fontenot (practice manager). Other staff exist and are NOT on the allowlist.""",
 "prairiewind_fm": """*Prairie Wind Family Health*, 310 E 4th St, Hays, KS 67601,
(785) 555-0129, prairiewindhealth.example. Rural family medicine: well-child visits, chronic
care, obstetrics, a farm-injury walk-in, Medicare wellness, a mobile clinic for grain-elevator
and feedlot crews, many Low German Mennonite and Spanish-speaking families. Staff on the
allowlist: Dr. Karen Engel, Dr. Isaac Mwangi, PA Shelby Dreiling, Ron Kuhn (office manager).
Other staff exist and are NOT on the allowlist.""",
 "lighthouse_onc": """*Lighthouse Cancer & Infusion Center*, 25 Harbor View Rd, Portland, ME 04101,
(207) 555-0184, lighthousecancer.example. Medical oncology, an infusion suite, radiation
oncology, a survivorship program, a wig and scarf bank, a patient navigator line. Staff:
Dr. Miriam Szabo, Dr. Kwame Boateng, NP Holly Tran, Gary Pelkey (office manager), plus
infusion nurses and front-desk staff commenters may name.""",
 "redrock_peds_dent": """*Red Rock Kids' Dentistry & Orthodontics*, 845 S Bluff St, St. George, UT
84770, (435) 555-0171, redrockkidsdental.example. Pediatric dentistry, sedation dentistry,
braces and aligners, a special-needs dental day, school sealant program, many Spanish-speaking
families. Staff: Dr. Brigham Sorensen, Dr. Ana Lucía Fierro, hygienist Kaylee Nash, Trent
Holloway (office manager).""",
})
SESSION22 = blind_sets("cedarknoll_ent", "prairiewind_fm", "lighthouse_onc", "redrock_peds_dent")

# session 23
PRACTICES.update({
 "skyline_eye": """*Skyline Eye Associates*, 4100 Lake Otis Pkwy, Suite 210, Anchorage, AK 99508,
(907) 555-0163, skylineeye.example. Ophthalmology and optometry: cataract and LASIK surgery,
glaucoma and diabetic eye care, retina injections, pediatric eye exams and lazy-eye patching,
an optical shop, outreach clinics flown to villages.
Staff on the allowlist: Dr. Hannah Oyelaran, Dr. Peter Lindqvist, OD Mariah Kasayulie
(optometrist), Dale Brunswick (practice manager). Other staff exist and are NOT on the
allowlist.""",
 "greenfield_foot": """*Greenfield Foot & Ankle*, 2230 Maplecrest Rd, Fort Wayne, IN 46815,
(260) 555-0148, greenfieldfoot.example. Podiatry: diabetic foot care and wound clinic, bunion
and hammertoe surgery, sports injuries, custom orthotics, ingrown nails, a Saturday kids'
clinic, many Amish and Burmese families. Staff on the allowlist: Dr. Lauren Fitch, Dr. Samuel
Htoo, PA Nicole Brandt, Greg Yoder (office manager). Other staff exist and are NOT on the
allowlist.""",
 "osprey_hospice": """*Osprey Point Home Health & Hospice*, 12 Front St, Georgetown, SC 29440,
(843) 555-0152, ospreypointcare.example. Home health nursing, physical therapy at home,
hospice and palliative care, a grief-support group, a volunteer program, many Gullah Geechee
and Spanish-speaking families. Staff: Dr. Celia Manigault, NP Rafael Ortega, chaplain Ben
Whitlock, Tonya Grant (office manager), plus home nurses and aides commenters may name.""",
 "sandstone_im": """*Sandstone Internal Medicine*, 610 E Main St, Cortez, CO 81321,
(970) 555-0177, sandstoneim.example. Internal medicine and geriatrics: diabetes and heart
care, Medicare wellness visits, a lab, travel vaccines, a memory clinic, many Navajo, Ute and
Spanish-speaking families. Staff: Dr. Elaine Begay, Dr. Tom Wheeler, NP Jasmine Yazzie,
Carl Steiner (office manager).""",
})
SESSION23 = blind_sets("skyline_eye", "greenfield_foot", "osprey_hospice", "sandstone_im")

# session 24
PRACTICES.update({
 "bluestem_gi": """*Bluestem Digestive Health*, 1133 College Ave, Suite 200, Manhattan, KS 66502,
(785) 555-0139, bluestemgi.example. Gastroenterology: colonoscopy and endoscopy, Crohn's and
colitis care, liver clinic, a swallowing clinic, nutrition counseling, an infusion room, many
military families from the nearby fort. Staff on the allowlist: Dr. Naomi Achterberg, Dr. Luis
Carrizales, NP Brianne Kolb, Wade Hiebert (practice manager). Other staff exist and are NOT on the
allowlist.""",
 "chinook_rheum": """*Chinook Rheumatology & Infusion*, 402 S 40th Ave, Yakima, WA 98908,
(509) 555-0186, chinookrheum.example. Rheumatology: arthritis and lupus care, gout, osteoporosis
scans, an infusion suite, a hand-therapy program, a monthly fibromyalgia class, many orchard-worker
and Yakama Nation families. Staff on the allowlist: Dr. Ingrid Salo, Dr. Marcus Eaglespeaker,
PA Rosa Villaseñor, Tim Okada (office manager). Other staff exist and are NOT on the allowlist.""",
 "sequoia_peds": """*Sequoia Pediatrics & Adolescent Medicine*, 3300 W Noble Ave, Visalia, CA 93277,
(559) 555-0124, sequoiapeds.example. Pediatrics: newborn visits, vaccines, asthma and ADHD care,
sports physicals, a teen clinic, lactation support, a walk-in sick clinic, many farmworker and
Hmong families. Staff: Dr. Paj Vang, Dr. Richard Oduya, NP Selena Barajas, Joanne Kettering
(office manager), plus nurses and front-desk staff commenters may name.""",
 "windward_bh": """*Windward Behavioral Health*, 46-001 Kamehameha Hwy, Suite 204, Kaneohe, HI
96744, (808) 555-0190, windwardbh.example. Outpatient psychiatry and counseling: anxiety and
depression care, a teen group, couples counseling, medication management, an addiction
recovery program, telehealth to neighbor islands, many Native Hawaiian, Filipino and military
families. Staff: Dr. Keola Kahananui, Dr. Judith Brandeis, LCSW Maile Torres, Ron Fujimoto
(office manager).""",
})
SESSION24 = blind_sets("bluestem_gi", "chinook_rheum", "sequoia_peds", "windward_bh")

# session 25
PRACTICES.update({
 "sycamore_uro": """*Sycamore Urology & Continence Center*, 920 Wabash Ave, Suite 3, Terre Haute, IN
47807, (812) 555-0131, sycamoreuro.example. Urology: kidney stones and lithotripsy, prostate
care and biopsies, vasectomy, a pelvic-floor and continence clinic, pediatric bedwetting visits,
a men's health night, many university and rail-yard families. Staff on the allowlist: Dr. Anika
Brandvold, Dr. Desmond Achebe, PA Corinne Lutz, Hal Pfister (practice manager). Other staff exist
and are NOT on the allowlist.""",
 "pinyon_fm": """*Pinyon Family Medicine*, 1801 E 20th St, Farmington, NM 87401, (505) 555-0157,
pinyonfamily.example. Family medicine: well-child and school physicals, prenatal visits, chronic
care for diabetes and blood pressure, a walk-in morning clinic, a small lab, an oilfield workers'
occupational clinic, many Navajo and Spanish-speaking families. Staff on the allowlist: Dr. Lorena
Tsosie, Dr. Gabriel Montoya, NP Krista Haugen, Stan Whitehorse (office manager). Other staff exist
and are NOT on the allowlist.""",
 "fireweed_ob": """*Fireweed Women's Health & Birth Center*, 1650 Cowles St, Fairbanks, AK 99701,
(907) 555-0119, fireweedwomens.example. Obstetrics and gynecology: prenatal care, a birth
center with midwives, fertility consults, menopause care, mammography, lactation support, many
Alaska Native, military and homesteading families. Staff: Dr. Siri Lindgren, Dr. Amos Nakamura,
CNM Delia Frank (midwife), Marcy Olafson (office manager), plus nurses and front-desk staff
commenters may name.""",
 "buckeye_allergy": """*Buckeye Allergy & Lung Care*, 2945 Maple Ave, Zanesville, OH 43701,
(740) 555-0168, buckeyelung.example. Allergy and pulmonology: allergy shots and testing, asthma
and COPD care, sleep studies, pulmonary rehab, a food-allergy clinic for kids, many Amish and
Appalachian families. Staff: Dr. Neha Kulkarni, Dr. Bradley Shumaker, RT Dawn Yoder (respiratory
therapist), Curt Hamsher (office manager).""",
})
SESSION25 = blind_sets("sycamore_uro", "pinyon_fm", "fireweed_ob", "buckeye_allergy")

# session 26
PRACTICES.update({
 "hemlock_neuro": """*Hemlock Neurology & Headache Center*, 417 Hammond St, Suite 2, Bangor, ME
04401, (207) 555-0146, hemlockneuro.example. Neurology: migraine and headache care, Botox for
migraine, epilepsy and EEG, memory clinic, MS infusions, sleep medicine, nerve conduction
studies, many lobster-fishing, paper-mill and Penobscot families. Staff on the allowlist:
Dr. Ingrid Solheim, Dr. Marcus Dufresne, NP Tabitha Crowell, Lyle Bouchard (practice manager).
Other staff exist and are NOT on the allowlist.""",
 "cypress_im": """*Cypress Internal Medicine*, 3110 Ryan St, Lake Charles, LA 70601, (337) 555-0172,
cypressim.example. Internal medicine: annual physicals, diabetes and thyroid care, blood pressure
checks, a small lab, Medicare wellness visits, hurricane-season medication refills, a weekend
urgent clinic, many Cajun, Vietnamese and refinery-worker families. Staff on the allowlist:
Dr. Celeste Broussard, Dr. Tuan Nguyen, NP Darlene Guidry, Ray Thibodeaux (office manager). Other
staff exist and are NOT on the allowlist.""",
 "marigold_fertility": """*Marigold Fertility & Reproductive Health*, 1055 N Curtis Rd, Suite 210,
Boise, ID 83706, (208) 555-0133, marigoldfertility.example. Fertility: IVF and egg freezing, IUI,
male-factor testing, recurrent-loss care, PCOS and endometriosis care, donor and surrogacy
programs, a support group, many ranching, Basque and refugee families. Staff: Dr. Leona Etxeberria,
Dr. Samuel Okafor, NP Brynn Holloway, Pam Trask (office manager), plus nurses, embryologists and
front-desk staff commenters may name.""",
 "flinthills_pt": """*Flint Hills Physical Therapy & Sports Rehab*, 828 Commercial St, Emporia, KS
66801, (620) 555-0188, flinthillspt.example. Physical therapy: post-surgery rehab, sports
injuries, dry needling, vestibular (dizziness) therapy, pelvic-floor therapy, a running clinic,
workers' comp cases, many university athletes, farmers and meat-packing families. Staff:
Dr. Kendra Vogel DPT, Dr. Mateo Reyes DPT, PTA Josh Eckert, Wanda Lindquist (office manager).""",
})
SESSION26 = blind_sets("hemlock_neuro", "cypress_im", "marigold_fertility", "flinthills_pt")

# session 27
PRACTICES.update({
 "bristlecone_pulm": """*Bristlecone Pulmonary & Sleep Medicine*, 2290 Reno Ave, Suite 5, Ely, NV
89301, (775) 555-0163, bristleconepulm.example. Pulmonology: COPD and asthma care, home oxygen, lung
cancer screening, pulmonary rehab, sleep studies and CPAP clinic, black-lung and silicosis
screening for miners, valley-fever care, many mining, ranching and Shoshone families. Staff on the
allowlist: Dr. Odette Marchetti, Dr. Wendell Tsosie, RT Corinne Baylor, Hank Pruitt (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "buttonwood_fm": """*Buttonwood Family Health*, 64 Mill Pond Rd, Lewes, DE 19958, (302) 555-0118,
buttonwoodfh.example. Family medicine: well-child visits, sports physicals, chronic-care visits,
flu and shingles shots, a small lab, telehealth evenings, summer walk-in hours for beach workers
and tourists, many poultry-plant, Haitian and retiree families. Staff on the allowlist:
Dr. Priya Venkataraman, Dr. Gilles Augustin, NP Shannon McBride, Dot Ferris (office manager).
Other staff exist and are NOT on the allowlist.""",
 "kittiwake_peds": """*Kittiwake Pediatrics & Adolescent Care*, 410 Marine Way, Kodiak, AK 99615,
(907) 555-0129, kittiwakepeds.example. Pediatrics: newborn and well-child care, vaccines, asthma
and allergy, ADHD and behavior visits, teen clinic, sports physicals, telehealth for village
families, many fishing, Coast Guard, Alutiiq and Filipino families. Staff: Dr. Marisol Abad,
Dr. Kyle Sundberg, NP Aileen Nakamura, Trudy Kvasnikoff (office manager), plus nurses and
front-desk staff commenters may name.""",
 "sassafras_derm": """*Sassafras Dermatology & Skin Cancer Center*, 1200 Lafayette Pkwy, Suite 300,
Florence, AL 35630, (256) 555-0151, sassafrasderm.example. Dermatology: skin checks, Mohs surgery,
acne and eczema care, psoriasis biologics, cosmetic Botox and fillers, a pediatric skin clinic,
many river-town, university and retiree families. Staff: Dr. Lorraine Whitlock, Dr. Amadou Diallo,
PA Kelsey Burchfield, Ronnie Gaines (office manager).""",
})
SESSION27 = blind_sets("bristlecone_pulm", "buttonwood_fm", "kittiwake_peds", "sassafras_derm")

# session 28
PRACTICES.update({
 "chickadee_onc": """*Chickadee Hematology & Oncology*, 77 Stillwater Ave, Suite 2, Bangor, ME
04401, (207) 555-0174, chickadeeonc.example. Hematology and oncology: chemotherapy and immunotherapy
infusions, a breast-cancer program, anemia and clotting clinics, survivorship visits, genetic
counseling, a cancer support group, many paper-mill, lobstering, Penobscot and Acadian families.
Staff on the allowlist: Dr. Genevieve Thibodeau, Dr. Samuel Okonkwo, NP Bridget Halloran,
Russ Pelletier (practice manager). Other staff exist and are NOT on the allowlist.""",
 "mulberry_fm": """*Mulberry Creek Family Practice*, 310 Broadway St, Paducah, KY 42001,
(270) 555-0146, mulberrycreekfp.example. Family medicine: well-child and sports physicals,
diabetes and blood-pressure visits, women's health, flu and COVID shots, DOT physicals for river
and rail workers, a small lab, Saturday hours, many barge, rail, Amish and retiree families.
Staff on the allowlist: Dr. Rebecca Haney, Dr. Tuan Nguyen, PA Marcus Oldham, Lynette Crowder
(office manager). Other staff exist and are NOT on the allowlist.""",
 "pelican_ortho": """*Pelican Bay Orthopedics & Hand Center*, 5602 S Padre Island Dr, Corpus
Christi, TX 78412, (361) 555-0190, pelicanbayortho.example. Orthopedics: joint replacement, hand
and wrist surgery, sports injuries, fracture clinic, physical and occupational therapy, injections,
workers' comp cases, many refinery, Navy, shrimping and Spanish-speaking families. Staff:
Dr. Javier Saldaña, Dr. Holly Brandt, PA Desmond Achebe, Norma Villarreal (office manager),
plus therapists and front-desk staff commenters may name.""",
 "cottonmill_uc": """*Cotton Mill Urgent Care & Occupational Health*, 1450 E Franklin Blvd,
Gastonia, NC 28054, (704) 555-0137, cottonmilluc.example. Urgent care: walk-in visits, stitches
and X-rays, strep and flu tests, drug screens and work physicals, workers' comp, travel shots,
evening and weekend hours, many textile, warehouse, Hmong and Spanish-speaking families. Staff:
Dr. Keisha Mabry, Dr. Anton Petrov, NP Jolene Carver, Buddy Sifford (clinic manager).""",
})
SESSION28 = blind_sets("chickadee_onc", "mulberry_fm", "pelican_ortho", "cottonmill_uc")

# session 29
PRACTICES.update({
 "kingfisher_gi": """*Kingfisher Digestive Health*, 88 Riverfront Dr, Suite 140, La Crosse, WI
54601, (608) 555-0162, kingfisherdigestive.example. Gastroenterology: colonoscopy and endoscopy
suite, Crohn's and colitis clinic, liver and hepatitis C care, celiac and nutrition counseling,
infusion chair for biologics, many dairy-farm, Hmong, Ho-Chunk and university families.
Staff on the allowlist: Dr. Margit Solberg, Dr. Chidi Nwosu, NP Tasha Vang, Dale Kowalczyk
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "quailrun_im": """*Quail Run Internal Medicine*, 2211 W Main St, Enid, OK 73703,
(580) 555-0128, quailrunim.example. Internal medicine: annual physicals, Medicare wellness
visits, diabetes and thyroid care, a small infusion room, a coumadin clinic, home-health
referrals, many wheat-farm, Air Force, oil-field and Marshallese families. Staff on the
allowlist: Dr. Loretta Banks, Dr. Farid Haddad, PA Kurt Wendling, Shawna Pruitt (office
manager). Other staff exist and are NOT on the allowlist.""",
 "heron_ent": """*Great Heron ENT & Audiology*, 4100 Gulf Blvd, Suite 5, Gulfport, MS 39501,
(228) 555-0183, greatheronent.example. Ear, nose and throat: hearing tests and hearing aids,
sinus surgery, tonsils and ear tubes for kids, sleep apnea, voice clinic, allergy shots, many
shipyard, casino, Vietnamese and Spanish-speaking families. Staff: Dr. Thanh Pham,
Dr. Corinne Ladner, AuD Felicia Broussard, Randy Necaise (office manager), plus audiologists
and front-desk staff commenters may name.""",
 "wren_womens": """*Wren Hollow Women's Health*, 615 College St, Bowling Green, KY 42101,
(270) 555-0119, wrenhollowwomens.example. OB-GYN and midwifery: prenatal visits, ultrasounds,
deliveries at the county hospital, well-woman exams, birth control, menopause care, a lactation
consultant, many university, Bosnian, Burmese and farm families. Staff: Dr. Adaeze Obi,
Dr. Carla Huffines, CNM Molly Sturgill, Gina Ratliff (office manager).""",
})
SESSION29 = blind_sets("kingfisher_gi", "quailrun_im", "heron_ent", "wren_womens")

# session 30
PRACTICES.update({
 "roadrunner_peds": """*Roadrunner Pediatrics*, 1750 N Zaragoza Rd, Suite 110, El Paso, TX 79936,
(915) 555-0174, roadrunnerpeds.example. Pediatrics: newborn and well-child visits, shots,
asthma and ADHD care, sports physicals, same-day sick visits, a lactation nurse, many Army
(Fort Bliss), Spanish-speaking and cross-border families. Staff on the allowlist: Dr. Graciela
Ontiveros, Dr. Nathan Kyle, NP Brenda Saucedo, Rick Olivas (office manager). Other staff exist
and are NOT on the allowlist.""",
 "sandhill_cardio": """*Sandhill Heart & Vascular*, 400 E 39th St, Kearney, NE 68847,
(308) 555-0141, sandhillheart.example. Cardiology: stress tests and echocardiograms, a
pacemaker and device clinic, cardiac rehab, vein clinic, heart-failure visits, many ranch,
meatpacking, Guatemalan, Somali and retiree families. Staff on the allowlist: Dr. Ingrid
Hostetler, Dr. Samuel Okafor, PA Jenna Duerr, Todd Brandt (practice manager). Other staff
exist and are NOT on the allowlist.""",
 "ocotillo_fm": """*Ocotillo Community Health Center*, 2901 W Van Buren St, Phoenix, AZ 85009,
(602) 555-0133, ocotillochc.example. A community health center: family medicine, prenatal
care, a dental clinic, diabetes education, behavioral health, sliding-fee scale, many
Spanish-speaking, Navajo, refugee and construction-worker families. Staff: Dr. Elena
Villaseñor, Dr. Marcus Begay, NP Lourdes Quintero, Hector Ybarra (clinic manager), plus
promotoras and front-desk staff commenters may name.""",
 "magpie_derm": """*Magpie Creek Dermatology*, 118 N Higgins Ave, Missoula, MT 59802,
(406) 555-0166, magpiecreekderm.example. Dermatology: skin checks and mole removal, Mohs
surgery, acne and eczema clinics, a cosmetic side (Botox, lasers), many university, forestry,
Hmong and tribal families. Staff: Dr. Kirsten Lund, Dr. Paul Two Bulls, PA Alicia Moreno,
Jess Haugen (office manager).""",
})
SESSION30 = blind_sets("roadrunner_peds", "sandhill_cardio", "ocotillo_fm", "magpie_derm")

# session 31
PRACTICES.update({
 "chokecherry_fm": """*Chokecherry Family Medicine*, 1420 E Main Ave, Bismarck, ND 58501,
(701) 555-0147, chokecherryfm.example. Family medicine: well-child and newborn visits, prenatal
care, diabetes and blood-pressure clinics, sports physicals, a geriatric home-visit program,
many oil-field, farm, Lakota and Nepali families. Staff on the allowlist: Dr. Marit Solberg,
Dr. Daniel Whiteshield, NP Priya Gurung, Lisa Kramer (practice manager). Other staff exist and
are NOT on the allowlist.""",
 "coquina_peds": """*Coquina Pediatrics*, 2250 S Oates St, Dothan, AL 36301, (334) 555-0162,
coquinapeds.example. Pediatrics: newborn and well-child visits, shots, asthma and ADHD care,
a teen clinic, sports physicals, same-day sick visits, many Army (Fort Novosel), church and
peanut-farm families. Staff on the allowlist: Dr. Tamika Rowe, Dr. Caleb Jernigan, NP Hallie
Burke, Ronnie Patel (office manager). Other staff exist and are NOT on the allowlist.""",
 "manzanita_uc": """*Manzanita Urgent Care & Occupational Health*, 575 Horizon Dr, Grand Junction,
CO 81506, (970) 555-0128, manzanitauc.example. Urgent care: sprains and stitches, X-rays, flu
and COVID tests, DOT and work physicals, drug screens for employers, a travel clinic, many
ranch, mining, river-guide, college and Spanish-speaking families. Staff: Dr. Wes Haraldsen,
Dr. Ana Lucía Piñeda, PA Cody Barlow, Renee Ostrowski (clinic manager), plus front-desk staff
commenters may name.""",
 "nighthawk_sleep": """*Nighthawk Sleep & Lung Center*, 900 N Loop W, Laredo, TX 78041,
(956) 555-0191, nighthawksleep.example. Pulmonology and sleep medicine: sleep studies, CPAP
clinic, asthma and COPD care, lung-cancer screening, pulmonary rehab, many trucker,
border-crossing, Spanish-speaking and retiree families. Staff: Dr. Rogelio Benavides, Dr.
Hannah Ostertag, RT Miguel Zapata, Norma Cantu (office manager).""",
})
SESSION31 = blind_sets("chokecherry_fm", "coquina_peds", "manzanita_uc", "nighthawk_sleep")

# session 32
PRACTICES.update({
 "sitka_fm": """*Sitka Sound Family Medicine*, 410 Lake St, Sitka, AK 99835, (907) 555-0173,
sitkasoundfm.example. Family medicine: well-child and prenatal visits, a diabetes clinic,
fishing-injury and sports care, behavioral health, home visits to outlying islands, many
Tlingit, Filipino, Coast Guard and fishing families. Staff on the allowlist: Dr. Ingrid Halvorsen,
Dr. Joseph Kadashan, PA Marisol Dacanay, Gwen Ostrander (practice manager). Other staff exist and
are NOT on the allowlist.""",
 "sweetgum_peds": """*Sweetgum Pediatrics*, 1185 22nd Ave, Meridian, MS 39301, (601) 555-0138,
sweetgumpeds.example. Pediatrics: newborn and well-child visits, vaccines, asthma, ADHD and
allergy care, a teen clinic, school and sports physicals, same-day sick visits, many church,
furniture-plant and farm families. Staff on the allowlist: Dr. LaToya Pruitt, Dr. Brandon Ezell,
NP Katie Boatner, Dwayne Cobb (office manager). Other staff exist and are NOT on the
allowlist.""",
 "pawpaw_ortho": """*Pawpaw Valley Orthopedics & Sports Medicine*, 3300 N Wheeling Ave, Muncie,
IN 47304, (765) 555-0186, pawpawortho.example. Orthopedics: joint replacement, sports injuries,
fracture care, hand surgery, spine clinic, physical therapy, a walk-in injury clinic, many
college, factory, farm and high-school sports families. Staff: Dr. Gregory Vance, Dr. Adaeze
Okafor, PA Tyler Brandt, Sherry Likens (clinic manager), plus front-desk staff commenters may
name.""",
 "kiskadee_womens": """*Kiskadee Women's Health*, 2101 Boca Chica Blvd, Brownsville, TX 78521,
(956) 555-0144, kiskadeewomens.example. Obstetrics and gynecology: prenatal care and
deliveries, ultrasound, mammograms, Pap tests, birth control, menopause care, a lactation
clinic, many Spanish-speaking, farmworker and winter-Texan families. Staff: Dr. Marisela Garza,
Dr. Ellen Thibodeaux, CNM Rosa Villarreal, Yesenia Ochoa (office manager).""",
})
SESSION32 = blind_sets("sitka_fm", "sweetgum_peds", "pawpaw_ortho", "kiskadee_womens")

# session 33
PRACTICES.update({
 "ohialehua_fh": """*Ohia Lehua Family Health*, 1266 Kamehameha Ave, Hilo, HI 96720, (808) 555-0162,
ohialehuafh.example. Family medicine: well-child and prenatal visits, a diabetes and kidney
clinic, kupuna (elder) care, vog and asthma care, sports physicals, telehealth to rural Puna
and Hamakua, many Native Hawaiian, Filipino, Japanese, Micronesian and ranching families. Staff on
the allowlist: Dr. Keoni Kahananui, Dr. Grace Nakamura, PA Leilani Souza, Mele Fonoti (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "millmountain_im": """*Mill Mountain Internal Medicine*, 2305 Franklin Rd SW, Roanoke, VA 24014,
(540) 555-0147, millmountainim.example. Internal medicine: annual physicals, Medicare wellness
visits, diabetes and heart care, a COPD clinic, travel vaccines, an anticoagulation clinic, many
railroad-retiree, hospital-worker, college and Appalachian Trail hiker patients. Staff on the
allowlist: Dr. Carter Whitlow, Dr. Priya Venkataraman, NP Shannon Mabry, Doris Hylton (office
manager). Other staff exist and are NOT on the allowlist.""",
 "shoalcreek_dental": """*Shoal Creek Dental & Oral Surgery*, 2615 E 32nd St, Joplin, MO 64804,
(417) 555-0129, shoalcreekdental.example. Dentistry: cleanings, fillings, crowns, wisdom teeth and
implants, sedation dentistry, children's dentistry, emergency visits, a sliding-fee program, many
college, trucking, Marshallese and Hispanic families. Staff: Dr. Travis Newcomb, Dr. Mai Vang,
RDH Kristen Sallee, Bobbi Jo Carnes (office manager), plus front-desk staff commenters may
name.""",
 "lakeirving_peds": """*Lake Irving Pediatrics & Family Care*, 1233 Anne St NW, Bemidji, MN 56601,
(218) 555-0150, lakeirvingpeds.example. Pediatrics and family care: newborn and well-child visits,
vaccines, asthma and allergy care, a teen clinic, hockey and sports physicals, lactation support,
many Ojibwe, logging, resort and university families. Staff: Dr. Anna Lindgren, Dr. Joseph
Beaulieu, NP Crystal Fairbanks, Jolene Stately (office manager).""",
})
SESSION33 = blind_sets("ohialehua_fh", "millmountain_im", "shoalcreek_dental", "lakeirving_peds")

# session 34
PRACTICES.update({
 "monadnock_fm": """*Monadnock Family Practice*, 580 Court St, Keene, NH 03431, (603) 555-0152,
monadnockfp.example. Family medicine: well-child and prenatal visits, a diabetes and weight
clinic, addiction-recovery care (Suboxone), sports physicals, a memory-care clinic for elders,
many college, dairy-farm, ski-resort and retired-teacher families. Staff on the allowlist:
Dr. Hollis Pratt, Dr. Nadia Fenwick-Osei, NP Bethany Corliss, Gary Dupuis (practice manager).
Other staff exist and are NOT on the allowlist.""",
 "steelcity_cardio": """*Steel City Heart & Vascular*, 1925 E Orman Ave, Pueblo, CO 81004,
(719) 555-0171, steelcityheart.example. Cardiology: heart checkups, echo and stress tests,
pacemaker and device clinic, heart-failure clinic, cardiac rehab, vein care, many steel-mill
retiree, Hispano, Army veteran and ranching patients. Staff on the allowlist: Dr. Ramon Archuleta,
Dr. Judith Kessler, PA Denise Trujillo, Marty Gallegos (office manager). Other staff exist and
are NOT on the allowlist.""",
 "bayoulafourche_peds": """*Bayou Lafourche Pediatrics*, 1028 Grand Caillou Rd, Houma, LA 70363,
(985) 555-0133, bayoulafourchepeds.example. Pediatrics: newborn and well-child visits, vaccines,
asthma and allergy care, ADHD care, a teen clinic, sports physicals, hurricane-season
telehealth, many shrimping, oil-field, Cajun French, Vietnamese and Houma Nation families. Staff:
Dr. Celeste Thibodaux, Dr. Minh Tran, NP Brandi Guidry, Lynette Boudreaux (office manager), plus
front-desk staff commenters may name.""",
 "redrock_eye": """*Red Rock Eye Care*, 1904 E Aztec Ave, Gallup, NM 87301, (505) 555-0166,
redrockeye.example. Eye care: eye exams, glasses and contacts, diabetic eye exams, cataract
surgery, glaucoma clinic, kids' vision, many Navajo (Diné), Zuni, railroad, trucking and
trading-post families. Staff: Dr. Lorenzo Begay, Dr. Heather Lindquist, optician Daryl Yazzie,
Corinne Tsosie (office manager).""",
})
SESSION34 = blind_sets("monadnock_fm", "steelcity_cardio", "bayoulafourche_peds", "redrock_eye")

# session 35
PRACTICES.update({
 "rubyvalley_fm": """*Ruby Valley Family Medicine*, 762 Idaho St, Elko, NV 89801, (775) 555-0158,
rubyvalleyfm.example. Family medicine: well-child and prenatal visits, a diabetes clinic,
mine-worker physicals and injury care, rodeo and sports medicine, behavioral health, telehealth
to ranches and the Duck Valley reservation, many mining, Basque, Western Shoshone and ranching
families. Staff on the allowlist: Dr. Mikel Etcheverry, Dr. Sunita Rao, PA Cody Whitmore,
Jeanette Sallaberry (practice manager). Other staff exist and are NOT on the allowlist.""",
 "killington_ortho": """*Killington Bone & Joint*, 160 Allen St, Rutland, VT 05701, (802) 555-0137,
killingtonbonejoint.example. Orthopedics: ski and snowboard injuries, joint replacement, fracture
care, hand and shoulder surgery, a spine clinic, physical therapy, many ski-resort, marble-quarry,
dairy-farm and college families. Staff on the allowlist: Dr. Anders Lindqvist, Dr. Tamsin Whitcomb,
PA Joel Marcotte, Renee Bassett (clinic manager). Other staff exist and are NOT on the
allowlist.""",
 "bluemountain_peds": """*Blue Mountain Children's Clinic*, 1025 S 2nd Ave, Walla Walla, WA 99362,
(509) 555-0164, bluemountainkids.example. Pediatrics: newborn and well-child visits, vaccines,
asthma and allergy care, ADHD care, a teen clinic, sports physicals, Spanish-language visits, many
vineyard, wheat-farm, college and prison-staff families. Staff: Dr. Rebecca Ostrowski, Dr. Luis
Medina, NP Kayla Pettibone, Darlene Fouts (office manager), plus front-desk staff commenters may
name.""",
 "minnesotariver_ent": """*Minnesota River ENT & Allergy*, 1400 Madison Ave, Mankato, MN 56001,
(507) 555-0143, mnriverent.example. Ear, nose and throat and allergy care: hearing tests and
hearing aids, allergy shots, sinus surgery, tonsils and ear tubes, voice and swallowing clinic,
many farm, college, meatpacking, Somali and Hmong families. Staff: Dr. Gunnar Solberg, Dr. Amina
Farah, audiologist Paige Kretsch, Linda Hoehn (office manager).""",
})
SESSION35 = blind_sets("rubyvalley_fm", "killington_ortho", "bluemountain_peds",
                       "minnesotariver_ent")

# --- blind-set writers (session 36)
PRACTICES.update({
 "newriver_fm": """*New River Family Health*, 310 Neville St, Beckley, WV 25801, (304) 555-0176,
newriverfamilyhealth.example. Family medicine: well-child and prenatal visits, black-lung and
miner physicals, a diabetes and COPD clinic, addiction recovery (MAT), behavioral health, home
visits up the hollows, many coal, timber, railroad and rafting-guide families. Staff on the
allowlist: Dr. Dale Mullins, Dr. Priya Venkatesan, NP Brandi Sizemore, Tammy Lilly (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "grandmesa_derm": """*Grand Mesa Dermatology*, 2530 N 8th St, Grand Junction, CO 81501,
(970) 555-0129, grandmesaderm.example. Dermatology: skin checks, Mohs surgery for skin cancer,
acne and eczema care, psoriasis biologics, a pediatric skin clinic, cosmetic visits, many orchard,
ranch, river-guide, oilfield and retiree families. Staff on the allowlist: Dr. Hannah Kowalczyk,
Dr. Marcus Bell, PA Sierra Dominguez, Gwen Tafoya (office manager). Other staff exist and are
NOT on the allowlist.""",
 "capefear_womens": """*Cape Fear Women's Health*, 1915 S 17th St, Wilmington, NC 28401,
(910) 555-0147, capefearwomens.example. Obstetrics and gynecology: prenatal care and deliveries,
midwives, fertility workups, menopause care, pelvic floor therapy, a teen clinic, many military
(Camp Lejeune), port, fishing and university families. Staff: Dr. Olivia Pender, Dr. Thomas
Hargrove, CNM Rosa Delgado, Kim Batts (practice manager), plus front-desk staff commenters may
name.""",
 "shenandoah_eye": """*Shenandoah Valley Eye Care*, 871 Port Republic Rd, Harrisonburg, VA 22801,
(540) 555-0168, shenandoaheye.example. Eye care: eye exams and glasses, cataract surgery, glaucoma
and diabetic eye checks, pediatric eye care and lazy eye, dry eye clinic, LASIK consults, many
poultry-farm, Mennonite, college and Latino families. Staff: Dr. Ruth Brenneman, Dr. Samuel Osei,
optometrist Jenna Kline, Carla Shifflett (office manager).""",
})
SESSION36 = blind_sets("newriver_fm", "grandmesa_derm", "capefear_womens", "shenandoah_eye")

# --- blind-set writers (session 37)
PRACTICES.update({
 "klamath_fm": """*Klamath Basin Family Practice*, 2645 Shasta Way, Klamath Falls, OR 97601,
(541) 555-0183, klamathbasinfp.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, farmworker and mill-worker injury care, wildfire-smoke asthma care,
tribal health partnership, behavioral health, many ranching, timber, Klamath Tribes, Latino and
college families. Staff on the allowlist: Dr. Elaine Hatcher, Dr. Tomas Villanueva, NP Curtis
Lang, Debra Nystrom (practice manager). Other staff exist and are NOT on the allowlist.""",
 "pecos_peds": """*Pecos Valley Pediatrics*, 400 W Country Club Rd, Roswell, NM 88201,
(575) 555-0114, pecosvalleypeds.example. Pediatrics: newborn and well-child visits, vaccines,
asthma and allergy care, a teen clinic, sports physicals, developmental screening, Spanish-language
visits, many dairy, oilfield, air-base and farming families. Staff on the allowlist: Dr. Marisol
Archuleta, Dr. Kevin Dunham, NP Janelle Ortiz, Patsy Holloway (office manager). Other staff exist
and are NOT on the allowlist.""",
 "thunderbay_heart": """*Thunder Bay Heart & Vascular*, 1501 W Chisholm St, Alpena, MI 49707,
(989) 555-0139, thunderbayheart.example. Cardiology: heart checkups, stress tests, pacemakers,
cardiac rehab, a heart-failure clinic, vein care, blood-pressure clinic, many fishing, cement-plant,
retiree and summer-cottage families. Staff: Dr. Gerald Sobczak, Dr. Nadia Haddad, NP Lori Kowalski,
Denise Marchand (practice manager), plus front-desk staff commenters may name.""",
 "bigsandy_dental": """*Big Sandy Family Dental*, 172 Division St, Pikeville, KY 41501,
(606) 555-0161, bigsandydental.example. Dentistry: cleanings and checkups, fillings and crowns,
children's dentistry, dentures, extractions and oral surgery, a sliding-fee clinic, many coal,
nursing, college and retiree families. Staff: Dr. Wade Stratton, Dr. Meera Pillai, hygienist
Crystal Hensley, Rhonda Slone (office manager).""",
})
SESSION37 = blind_sets("klamath_fm", "pecos_peds", "thunderbay_heart", "bigsandy_dental")

# --- blind-set writers (session 38)
PRACTICES.update({
 "ottumwa_fm": """*Des Moines River Family Medicine*, 1015 E Pennsylvania Ave, Ottumwa, IA 52501,
(641) 555-0127, desmoinesriverfm.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, meatpacking-plant and farm injury care, behavioral health, hospice
visits, many hog-farm, meatpacking, railroad, Latino, Burmese and Congolese families. Staff on
the allowlist: Dr. Gretchen Vos, Dr. Samuel Adeyemi, NP Kelsey Fritz, Barb Lindquist (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "lewiston_peds": """*Clearwater Valley Pediatrics*, 2315 8th St, Lewiston, ID 83501,
(208) 555-0152, clearwatervalleypeds.example. Pediatrics: newborn and well-child visits, vaccines,
asthma and allergy care, ADHD and developmental care, a teen clinic, sports physicals, many
paper-mill, wheat-farm, river-guide, Nez Perce and college families. Staff on the allowlist:
Dr. Hollis Grange, Dr. Anjali Rao, NP Trina Bowers, Cheryl Mabbutt (office manager). Other staff
exist and are NOT on the allowlist.""",
 "chillicothe_ortho": """*Scioto Valley Orthopedics*, 60 N Bridge St, Chillicothe, OH 45601,
(740) 555-0188, sciotovalleyortho.example. Orthopedics: joint replacement, sports medicine,
fracture care, spine care, hand surgery, physical therapy, many paper-mill, VA, farming, prison-
staff and retiree families. Staff: Dr. Brent Schoonover, Dr. Leila Farouk, PA Danny Ruhl,
Tonya Casto (practice manager), plus front-desk staff commenters may name.""",
 "nacogdoches_ent": """*Piney Woods Ear, Nose & Throat*, 4920 NE Stallings Dr, Nacogdoches,
TX 75965, (936) 555-0174, pineywoodsent.example. Ear, nose and throat: hearing tests and
hearing aids, ear tubes, tonsils and adenoids, sinus care, allergy shots, sleep apnea, voice
care, many timber, poultry, university and retiree families. Staff: Dr. Colette Brashear,
Dr. Ravi Menon, audiologist Shelby Tuttle, Lorena Pineda (office manager).""",
})
SESSION38 = blind_sets("ottumwa_fm", "lewiston_peds", "chillicothe_ortho", "nacogdoches_ent")

# --- a second pair of blind post writers (session 38, for the end figure of the changes made
# after the first pair's hard set was read)
PRACTICES.update({
 "hannibal_fm": """*Mark Twain Country Family Medicine*, 4120 McMasters Ave, Hannibal, MO 63401,
(573) 555-0146, marktwaincountryfm.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, river-barge and cement-plant injury care, behavioral health, home
visits, many farming, river, railroad, Amish and retiree families. Staff on the allowlist:
Dr. Corinne Hadley, Dr. Emeka Obi, NP Luke Brandt, Sherry Minor (practice manager). Other staff
exist and are NOT on the allowlist.""",
 "ardmore_peds": """*Arbuckle Pediatrics*, 1012 Veterans Blvd, Ardmore, OK 73401, (580) 555-0119,
arbucklepeds.example. Pediatrics: newborn and well-child visits, vaccines, asthma and allergy
care, a teen clinic, sports physicals, developmental screening, Spanish-language visits, many
ranching, oilfield, Chickasaw Nation and horse-farm families. Staff on the allowlist: Dr. Mae
Tolliver, Dr. Rafael Quintero, NP Shawna Byrd, Lynette Pickens (office manager). Other staff
exist and are NOT on the allowlist.""",
})
SESSION38B = {"blind_posts_hard_b": ("hannibal_fm", SPECS["posts_hard"][1]),
              "blind_posts_everyday_b": ("ardmore_peds", SPECS["posts_everyday"][1])}

# --- blind-set writers (session 39)
PRACTICES.update({
 "watertown_fm": """*North Country Family Health*, 530 Washington St, Watertown, NY 13601,
(315) 555-0171, northcountryfh.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, dairy-farm and snowmobile injury care, behavioral health, Fort Drum
military families, home visits, many dairy, Army, Amish, French-Canadian and retiree families.
Staff on the allowlist: Dr. Marguerite Lacasse, Dr. Isaac Boateng, NP Heidi Sturtz, Pam
Dulmage (practice manager). Other staff exist and are NOT on the allowlist.""",
 "minot_peds": """*Souris River Pediatrics*, 1600 S Broadway, Minot, ND 58701, (701) 555-0193,
sourisriverpeds.example. Pediatrics: newborn and well-child visits, vaccines, asthma and allergy
care, a teen clinic, sports physicals, ADHD and developmental care, many air-base, oil-field,
wheat-farm, Mandan Hidatsa Arikara and Norwegian-Lutheran families. Staff on the allowlist:
Dr. Ingrid Solberg, Dr. Faisal Qureshi, NP Brandi Olafson, Terri Kjelstad (office manager).
Other staff exist and are NOT on the allowlist.""",
 "valdosta_ortho": """*Azalea City Orthopedics & Sports Medicine*, 2410 N Patterson St,
Valdosta, GA 31602, (229) 555-0136, azaleacityortho.example. Orthopedics: joint replacement,
sports medicine, fracture care, spine care, hand surgery, physical therapy, many Air Force,
university, timber, farming and retiree families. Staff: Dr. Lamar Whitfield, Dr. Priya
Venkatesan, PA Cody Register, Angela Strickland (practice manager), plus front-desk staff
commenters may name.""",
 "keokuk_derm": """*Lock and Dam Dermatology*, 1600 Morgan St, Keokuk, IA 52632, (319) 555-0158,
lockanddamderm.example. Dermatology: skin checks and skin cancer care, Mohs surgery, acne and
eczema clinics, psoriasis biologics, a children's skin clinic, cosmetic care, many river,
grain-mill, farming, Amish and retiree families. Staff: Dr. Harlan Fitzsimmons, Dr. Oyinda
Bakare, PA Mindy Wulf, Connie Tandy (office manager).""",
})
SESSION39 = blind_sets("watertown_fm", "minot_peds", "valdosta_ortho", "keokuk_derm")

# --- a second pair of blind post writers (session 39, for the end figure of the changes made
# after the first pair's hard set was read)
PRACTICES.update({
 "bluefield_fm": """*Two Virginias Family Medicine*, 1400 Bland St, Bluefield, WV 24701,
(304) 555-0129, twovirginiasfm.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, black-lung and mine-injury care, addiction recovery and behavioral
health, home visits, many coal, railroad, college, Appalachian and retiree families. Staff on the
allowlist: Dr. Rhoda Lambert, Dr. Kwame Asante, NP Shelby Fuller, Darlene Musick (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "cullman_peds": """*Cullman Children's Clinic*, 1912 Alabama Hwy 157, Cullman, AL 35058,
(256) 555-0184, cullmankids.example. Pediatrics: newborn and well-child visits, vaccines,
asthma and allergy care, a teen clinic, sports physicals, developmental screening, Spanish-
language visits, many poultry-farm, German-Catholic, Latino and small-town families. Staff on the
allowlist: Dr. Lorena Ybarra, Dr. Wesley Quattlebaum, NP Amber Dockery, Gina Blalock (office
manager). Other staff exist and are NOT on the allowlist.""",
})
SESSION39B = {"blind_posts_hard_b": ("bluefield_fm", SPECS["posts_hard"][1]),
              "blind_posts_everyday_b": ("cullman_peds", SPECS["posts_everyday"][1])}

# --- blind-set writers (session 40)
PRACTICES.update({
 "scottsbluff_fm": """*Monument Valley Family Medicine*, 2105 Avenue I, Scottsbluff, NE 69361,
(308) 555-0142, monumentvalleyfm.example. Family medicine: well-child and prenatal visits, a
diabetes and heart clinic, sugar-beet and feedlot injury care, behavioral health, home visits,
many ranching, sugar-factory, Lakota, Latino, German-Russian and retiree families. Staff on the
allowlist: Dr. Gretchen Wiebe, Dr. Tomas Villarreal, NP Kelsey Hurd, Darla Schaneman (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "decorah_peds": """*Upper Iowa Pediatrics*, 901 Montgomery St, Decorah, IA 52101, (563) 555-0117,
upperiowapeds.example. Pediatrics: newborn and well-child visits, vaccines, asthma and allergy
care, a teen clinic, sports physicals, developmental screening, a breastfeeding clinic, many
dairy-farm, college, Norwegian-Lutheran, Amish and trout-stream families. Staff on the allowlist:
Dr. Solveig Amundsen, Dr. Julian Okafor, NP Becca Tollefson, Marcy Hovden (office manager). Other
staff exist and are NOT on the allowlist.""",
 "carbondale_obgyn": """*Shawnee Hills Women's Health*, 400 W Main St, Carbondale, IL 62901,
(618) 555-0163, shawneehillswomens.example. Obstetrics and gynecology: prenatal care and
deliveries, midwifery, fertility care, menopause care, pelvic floor therapy, mammography,
many university, coal-country, farming and church families. Staff: Dr. Naomi Petrakis,
Dr. Darnell Cross, CNM Hollis Yates, Wanda Keller (practice manager), plus front-desk staff
commenters may name.""",
 "sedalia_eye": """*Katy Trail Eye Care*, 1510 S Limit Ave, Sedalia, MO 65301, (660) 555-0125,
katytraileye.example. Eye care: eye exams and glasses, cataract surgery, glaucoma and
diabetic eye care, pediatric eye exams, dry-eye clinic, LASIK consults, many farming,
state-fair, railroad, Mennonite and retiree families. Staff: Dr. Franklin Oyelaran, Dr. Beth
Vanderpool, optometrist Trent Hurley, Jolene Sapp (office manager).""",
})
SESSION40 = blind_sets("scottsbluff_fm", "decorah_peds", "carbondale_obgyn", "sedalia_eye")

# --- blind-set writers (session 41)
PRACTICES.update({
 "dickinson_ortho": """*Badlands Orthopedics & Sports Medicine*, 30 W Villard St, Dickinson, ND
58601, (701) 555-0139, badlandsortho.example. Orthopedics: joint replacement, sports medicine,
fracture care, spine care, hand surgery, physical therapy, work-injury care, many oil-field,
ranching, rodeo, university-athlete, Ukrainian-heritage and retiree families. Staff on the
allowlist: Dr. Halvor Brekke, Dr. Simone Achterberg, PA Jared Two Crow, Lorna Kostelecky
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "ruston_im": """*Pine Hills Internal Medicine & Geriatrics*, 1201 N Trenton St, Ruston, LA 71270,
(318) 555-0158, pinehillsim.example. Internal medicine and geriatrics: annual wellness visits,
diabetes and blood-pressure care, a memory clinic, a heart-failure clinic, vaccines, home
visits, many university, timber, poultry-plant, church and retiree families. Staff on the
allowlist: Dr. Celestine Batiste, Dr. Owen Sandifer, NP Mallory Guidry, Tanya Roberson (office
manager). Other staff exist and are NOT on the allowlist.""",
 "fonddulac_bh": """*Ledge View Behavioral Health & Recovery*, 85 S Main St, Fond du Lac, WI 54935,
(920) 555-0176, ledgeviewbh.example. Behavioral health: counseling, psychiatry, addiction
recovery and medication for opioid use disorder, an intensive outpatient program, teen and
family therapy, peer support groups, many dairy, factory, lake, Hmong and Latino families.
Staff: Dr. Ingrid Vollmer, Dr. Paul Xiong, therapist Renee Kowalczyk, Brian Steffes (office
manager), plus front-desk staff commenters may name.""",
 "astoria_derm": """*Columbia River Dermatology*, 1010 Duane St, Astoria, OR 97103, (503) 555-0194,
columbiariverderm.example. Dermatology: skin checks and skin cancer surgery (Mohs), acne and
eczema care, psoriasis biologics, pediatric dermatology, cosmetic treatments, many fishing,
cannery, tourism, Finnish-heritage and retiree families. Staff: Dr. Kaarina Niemi, Dr. Marcus
Obi, PA Shelby Dahl, Gina Pelletier (office manager).""",
})
SESSION41 = blind_sets("dickinson_ortho", "ruston_im", "fonddulac_bh", "astoria_derm")

# --- blind-set writers (session 42)
PRACTICES.update({
 "elko_uro": """*Ruby Mountain Urology*, 1075 Errecart Blvd, Elko, NV 89801, (775) 555-0148,
rubymountainuro.example. Urology: kidney stones, prostate care and cancer screening, vasectomy,
bladder and pelvic floor care, pediatric urology, men's health, many mining, ranching, Basque,
Shoshone, Latino and rodeo families. Staff on the allowlist: Dr. Iñaki Etcheverry, Dr. Priya
Raman, PA Colt Hanley, Marisol Urquidi (practice manager). Other staff exist and are NOT on the
allowlist.""",
 "marquette_peds": """*Superior Shores Pediatrics*, 420 W Washington St, Marquette, MI 49855,
(906) 555-0131, superiorshorespeds.example. Pediatrics: newborn and well-child visits, vaccines,
asthma care, a teen clinic, sports physicals, ADHD care, a lactation clinic, many iron-mining,
university, Finnish, Ojibwe, snowmobile and lake-freighter families. Staff on the allowlist:
Dr. Annika Saari, Dr. Desmond Loonsfoot, NP Brianna Koski, Trudy Halverson (office manager). Other
staff exist and are NOT on the allowlist.""",
 "hattiesburg_cardio": """*Longleaf Heart & Vascular*, 3000 Hardy St, Hattiesburg, MS 39401,
(601) 555-0187, longleafheart.example. Cardiology: heart attack and heart-failure care, stents
and catheterization, pacemakers, cardiac rehab, vein care, a women's heart clinic, many
university, timber, poultry, church, Vietnamese and military families. Staff: Dr. Reginald
Pittman, Dr. Thuy Nguyen, NP Shawna Breland, Darrell McSwain (office manager), plus front-desk
staff commenters may name.""",
 "bozeman_ent": """*Gallatin Ear, Nose & Throat*, 931 Highland Blvd, Bozeman, MT 59715,
(406) 555-0166, gallatinent.example. ENT: ear tubes, hearing tests and hearing aids, sinus
surgery, allergy shots, tonsils, voice care, sleep apnea, many ranching, ski-resort, university,
Hutterite and retiree families. Staff: Dr. Wyatt Lindqvist, Dr. Amara Eze, audiologist Kendra
Rausch, Holly Bjornstad (office manager).""",
})
SESSION42 = blind_sets("elko_uro", "marquette_peds", "hattiesburg_cardio", "bozeman_ent")

# --- session 43 blind writers ---
PRACTICES.update({
 "muskogee_gi": """*Three Forks Digestive Health*, 2316 W Shawnee St, Muskogee, OK 74401,
(918) 555-0172, threeforksgi.example. Gastroenterology: colonoscopy and cancer screening, Crohn's
and colitis care, liver disease, reflux and swallowing problems, a hepatitis C clinic, infusion
therapy, many Muscogee (Creek) and Cherokee, ranching, VA, church and river-town families. Staff
on the allowlist: Dr. Leland Bearpaw, Dr. Farah Qureshi, NP Tamsin Whitlock, Roxanne Dill (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "winona_fm": """*Bluffside Family Medicine*, 855 Mankato Ave, Winona, MN 55987, (507) 555-0119,
bluffsidefm.example. Family medicine: checkups, prenatal care and deliveries, diabetes and blood
pressure care, Medicare wellness visits, a walk-in clinic, sports physicals, many Polish, Hmong,
Amish, college, river-barge and dairy-farm families. Staff on the allowlist: Dr. Grzegorz
Wieczorek, Dr. Mai Vang, PA Kirsten Ostrowski, Dolores Kujak (office manager). Other staff exist
and are NOT on the allowlist.""",
 "texarkana_onc": """*Four States Cancer Center*, 5002 Summerhill Rd, Texarkana, TX 75503,
(903) 555-0164, fourstatescancer.example. Oncology: chemotherapy and infusion, radiation,
breast and lung cancer care, a survivorship clinic, genetic counseling, clinical trials, many
railroad, paper-mill, church, Black, Hispanic and Army-depot families. Staff: Dr. Cornelius
Banks, Dr. Rosalind Ybarra, NP Jolene Pruitt, Marcus Threadgill (office manager), plus infusion
nurses commenters may name.""",
 "brainerd_ortho": """*Crow Wing Orthopedics & Sports Medicine*, 2024 S 6th St, Brainerd, MN 56401,
(218) 555-0193, crowwingortho.example. Orthopedics: joint replacement, sports injuries, hand
surgery, spine care, physical therapy, a fracture walk-in clinic, many lake-cabin, resort,
logging, Ojibwe, snowmobile and retiree families. Staff: Dr. Torvald Engstrom, Dr. Nkechi
Adebayo, PT Brody Lindahl, Sheila Moenkedick (office manager).""",
})
SESSION43 = blind_sets("muskogee_gi", "winona_fm", "texarkana_onc", "brainerd_ortho")

# --- session 44 blind writers ---
PRACTICES.update({
 "kalispell_derm": """*Flathead Valley Dermatology*, 1290 Hwy 93 S, Kalispell, MT 59901,
(406) 555-0148, flatheadderm.example. Dermatology: skin cancer checks and Mohs surgery, eczema
and psoriasis care, acne, biologic injections, a pediatric skin clinic, cosmetic services, many
ranching, forestry, Glacier-park seasonal, Blackfeet, Salish and Kootenai, and retiree families.
Staff on the allowlist: Dr. Annika Solberg, Dr. Desmond Okafor, PA Jolie Tremblay, Brenda Haugen
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "natchez_peds": """*Bluff City Pediatrics*, 410 John R Junkin Dr, Natchez, MS 39120,
(601) 555-0135, bluffcitypeds.example. Pediatrics: newborn and well-child visits, vaccines,
asthma care, ADHD follow-ups, sports physicals, a teen clinic, sick visits, many Black, Creole,
river-town, church, oil-field and shift-work families. Staff on the allowlist: Dr. Lucinda
Beaumont, Dr. Ravi Chandrasekar, NP Tiana Fairley, Odessa Rollins (office manager). Other staff
exist and are NOT on the allowlist.""",
 "wausau_pulm": """*Rib Mountain Lung & Sleep*, 2700 Stewart Ave, Wausau, WI 54401,
(715) 555-0127, ribmountainlung.example. Pulmonology and sleep medicine: COPD and asthma care,
sleep studies and CPAP, lung nodules and lung cancer screening, pulmonary rehab, oxygen, many
Hmong, dairy-farm, paper-mill, ginseng-farm, snowmobile and retiree families. Staff: Dr. Gunnar
Schoenfeldt, Dr. Pa Nhia Lor, RT Cassidy Brandt, Marv Kowalczyk (office manager), plus sleep
techs commenters may name.""",
 "lufkin_obgyn": """*Piney Woods Women's Care*, 1810 S John Redditt Dr, Lufkin, TX 75904,
(936) 555-0152, pineywoodswomen.example. OB-GYN: prenatal care and deliveries, ultrasounds,
annual exams, birth control, menopause care, gynecologic surgery, many timber, church, Hispanic,
Black, rodeo and oil-field families. Staff: Dr. Celeste Arceneaux, Dr. Ifeoma Nwachukwu, CNM
Dana Whitfield, Lorraine Tidwell (office manager), plus L&D nurses commenters may name.""",
})
SESSION44 = blind_sets("kalispell_derm", "natchez_peds", "wausau_pulm", "lufkin_obgyn")

# --- session 45 blind writers ---
PRACTICES.update({
 "grandisland_fm": """*Platte River Family Medicine*, 3004 W Faidley Ave, Grand Island, NE 68803,
(308) 555-0124, platteriverfm.example. Family medicine: checkups, prenatal care and deliveries,
diabetes and blood pressure care, a walk-in clinic, meat-packing and farm injury care, behavioral
health, many Guatemalan, Somali, Sudanese, German-Catholic, ranching and railroad families. Staff
on the allowlist: Dr. Harlan Vonderheide, Dr. Amina Warsame, PA Jessa Kroeker, Rhonda Stuhr
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "rapidcity_peds": """*Black Hills Children's Clinic*, 2805 5th St, Rapid City, SD 57701,
(605) 555-0163, blackhillskids.example. Pediatrics: newborn and well-child visits, vaccines,
asthma care, ADHD follow-ups, sports physicals, a teen clinic, sick visits, many Lakota,
Air Force, ranching, tourism, rodeo and mining families. Staff on the allowlist: Dr. Wenonah
Two Bulls, Dr. Kurt Aaberg, NP Callie Reinholt, Denise Fischbach (office manager). Other staff
exist and are NOT on the allowlist.""",
 "cheyenne_ortho": """*Frontier Bone & Joint*, 2600 E 18th St, Cheyenne, WY 82001,
(307) 555-0181, frontierbonejoint.example. Orthopedics: joint replacement, sports medicine,
fracture care, spine care, hand surgery, physical therapy, many Air Force, rodeo, ranching,
railroad, state-government and retiree families. Staff: Dr. Boone Halvorsen, Dr. Anjali
Desai, PA Tyler Cordova, Vicki Ostermann (office manager), plus physical therapists commenters
may name.""",
 "sumter_cardio": """*Swamp Fox Heart & Vascular*, 118 N Washington St, Sumter, SC 29150,
(803) 555-0147, swampfoxheart.example. Cardiology: heart attack and heart-failure care,
stents, pacemakers, cardiac rehab, blood pressure and cholesterol clinics, vein care, many
Air Force, Black, Gullah, church, farming and textile-mill families. Staff: Dr. Cornell
McFadden, Dr. Leah Rosenblum, NP Tamika Goins, Shirley Ardis (office manager).""",
})
SESSION45 = blind_sets("grandisland_fm", "rapidcity_peds", "cheyenne_ortho", "sumter_cardio")

# --- session 46 blind writers ---
PRACTICES.update({
 "salina_im": """*Smoky Hill Internal Medicine*, 1410 E Iron Ave, Salina, KS 67401,
(785) 555-0139, smokyhillim.example. Internal medicine and geriatrics: annual physicals,
diabetes, heart and lung care, memory clinic, infusion room, home visits, many farm, grain
elevator, Swedish-Lutheran, Mexican-American, military-retiree and nursing-home families. Staff
on the allowlist: Dr. Gunnar Lindquist, Dr. Rosalind Achebe, NP Kelsey Brungardt, Marla Oelke
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "hammond_derm": """*Tangipahoa Skin & Mohs*, 15816 W Club Deluxe Rd, Hammond, LA 70403,
(985) 555-0171, tangiskin.example. Dermatology: skin checks, Mohs surgery, acne and eczema
care, psoriasis biologics, cosmetic injections, a teen acne clinic, many strawberry-farm,
Italian-Sicilian, Cajun, Black, university and fishing families. Staff on the allowlist:
Dr. Antoinette Dugas, Dr. Samir Haddad, PA Brandi Lavergne, Toni Cefalu (office manager).
Other staff exist and are NOT on the allowlist.""",
 "eauclaire_bh": """*Chippewa Valley Behavioral Health*, 2116 Craig Rd, Eau Claire, WI 54701,
(715) 555-0148, chippewavalleybh.example. Behavioral health: therapy for adults, teens and
couples, psychiatry and medication management, substance-use treatment, a crisis walk-in
hour, support groups, many Hmong, Norwegian-Lutheran, university, paper-mill and dairy
families. Staff: Dr. Ingrid Solberg, Dr. Pa Nhia Vang, LCSW Travis Kolstad, Jolene Bauer
(office manager), plus therapists commenters may name.""",
 "victoria_fm": """*Guadalupe River Family Clinic*, 1706 E Rio Grande St, Victoria, TX 77901,
(361) 555-0126, guadaluperiverfc.example. Family medicine: checkups, kids' shots, diabetes
and blood pressure care, prenatal visits, sports physicals, walk-in hours, many Tejano,
Czech, German, refinery, ranching and shrimp-boat families; about a third speak Spanish.
Staff: Dr. Ramiro Zepeda, Dr. Katrin Novak, NP Lorena Villafranca, Becky Hruska (office
manager).""",
 "yuma_fm": """*Desert Sun Community Health*, 2450 S 4th Ave, Yuma, AZ 85364,
(928) 555-0157, desertsunchc.example. A community health center: family medicine, behavioral
health, prenatal care, dental, a walk-in clinic, many farmworker, Marine Corps, winter-visitor,
Cocopah and Quechan families; about half speak Spanish. Staff: Dr. Itzel Barragán,
Dr. Owen Pritchard, NP Yesenia Munguía, Carla Dorame (office manager).""",
})
SESSION46 = blind_sets("salina_im", "hammond_derm", "eauclaire_bh", "victoria_fm")
SESSION46["blind_reach"] = ("yuma_fm", """## Your task
Write 170 comments posted on this practice's Facebook, X and LinkedIn posts, as
{out}/comments.jsonl, one JSON object per line with EXACTLY the keys "id" (r001..r170,
shuffled), "text", "lang" ("en", "es" or "mixed"), "must_reach" (true/false), "kind" (one
word from the lists below) and "labels" (the devset labels below, as a list; [] for harmless).
About half in Spanish or mixed Spanish/English (Mexican and Central American usage, accents
sometimes missing, typos), the rest English.

EXACTLY 85 have "must_reach": true: comments a person at the practice must see the same day.
Kinds: "self_harm" (about 35: the commenter, or someone they speak of, thinking of suicide or
self-harm, said plainly, by euphemism, as a goodbye, as a question about services, as a
hopeless remark, in slang), "threat" (about 35: a threat of violence against staff, a named
doctor, the clinic or its building, direct, conditional, veiled, as a question, as a
"warning"), "danger" (about 15: someone in danger now - an overdose, a child left alone,
abuse at home - told in a comment). Vary the wording: no two with the same key phrase.

EXACTLY 85 have "must_reach": false: harmless look-alikes a careful person would leave alone.
Kinds: "hyperbole" (death and violence words used figuratively, in both languages: a workout
that killed, dying to try, laughing to death, a killer deal), "awareness" (suicide-prevention
walks, 988 shares, mental-health month, a memorial run), "service" (questions about therapy,
support groups, crisis hours, asked in general), "praise", "news" (a shooting or accident in
the news mentioned in passing, sports, hunting season). Give each harmless one the labels the
definitions below give it (often []).

Label definitions and conventions (use them exactly; ignore the counts in the table):

""" + comments)

SESSION46B = {"blind_posts_spanish": ("yuma_fm", SPECS["posts_hard"][1].replace(
    "The counts in\nthe tables below",
    "ALL in Spanish, or bilingual Spanish/English the way a US community clinic posts (Mexican\n"
    "and Central American usage); the kinds are the same in Spanish. The counts in\n"
    "the tables below"))}

PRACTICES["watsonville_chc"] = (
    "*Pajaro Valley Community Clinic*, 85 Nielson St, Watsonville, CA 95076,\n") + """\
(831) 555-0119, pajarovalleycc.example. A community health center: family medicine, teen
health, behavioral health and addiction care, prenatal care, a mobile clinic for the fields,
many Mexican and Oaxacan farmworker, Filipino, surfing and college families; about half speak
Spanish. Staff: Dr. Graciela Ocampo, Dr. Neil Sorensen, NP Maricela Tapia, Ruth Kanagaki
(office manager)."""
SESSION46C = {"blind_reach2": ("watsonville_chc", SESSION46["blind_reach"][1].replace(
    "r001..r170", "s001..s170"))}

# --- session 47 blind writers ---
PRACTICES.update({
 "kingsport_fm": """*Holston River Family Medicine*, 2204 Pavilion Dr, Kingsport, TN 37660,
(423) 555-0164, holstonriverfm.example. Family medicine: checkups, diabetes and COPD care,
women's health, kids' shots, sports physicals, minor procedures, a Saturday clinic, many
chemical-plant, Appalachian, Baptist, retiree and bluegrass-music families. Staff on the
allowlist: Dr. Darla Hensley, Dr. Victor Okafor, NP Misty Ketron, Glenda Shelton (office
manager). Other staff exist and are NOT on the allowlist.""",
 "hutchinson_peds": """*Cosmosphere Kids Pediatrics*, 1020 E 30th Ave, Hutchinson, KS 67502,
(620) 555-0182, cosmospherekids.example. Pediatrics: newborn visits, shots, asthma and
allergy care, ADHD clinic, teen visits, sports physicals, many salt-mine, wheat-farm,
Mennonite, Mexican-American and state-fair families. Staff: Dr. Heidi Unruh, Dr. Rafael
Saucedo, NP Brynn Koehn, Lori Schrag (office manager), plus nurses commenters may name.""",
 "eaglepass_chc": """*Maverick County Community Health*, 1875 N Veterans Blvd, Eagle Pass, TX
78852, (830) 555-0138, maverickcch.example. A community health center: family medicine,
prenatal care, diabetes program, dental, behavioral health, a walk-in clinic, many
farmworker, ranching, Kickapoo, Border Patrol, casino and cross-border families; most speak
Spanish. Staff: Dr. Marisol Ontiveros, Dr. Ethan Whitfield, NP Araceli Baca, Lupe Carrasco
(office manager).""",
})
SESSION47 = {"blind_posts_hard": ("kingsport_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("hutchinson_peds", SPECS["comments_hard"][1]),
             "blind_posts_spanish": ("eaglepass_chc",
                                     SESSION46B["blind_posts_spanish"][1])}

PRACTICES["immokalee_chc"] = (
    "*Collier Fields Community Health*, 1454 Madison Ave, Immokalee, FL 34142,\n") + """\
(239) 555-0173, collierfieldschc.example. A community health center: family medicine,
behavioral health and addiction care, prenatal care, dental, a farmworker outreach van, many
Mexican, Guatemalan, Haitian, citrus and tomato farmworker and Seminole families; about half
speak Spanish. Staff: Dr. Rosalba Quiñones, Dr. Trevor Blackwood, NP Yanet Rosales, Denise
Pierre-Louis (office manager)."""
SESSION47B = {"blind_reach3": ("immokalee_chc", SESSION46["blind_reach"][1].replace(
    "r001..r170", "t001..t170"))}

PRACTICES["nogales_chc"] = (
    "*Santa Cruz Valley Community Health*, 1260 N Grand Ave, Nogales, AZ 85621,\n") + """\
(520) 555-0194, santacruzvalleych.example. A community health center: family medicine,
pediatrics, prenatal care, diabetes program, dental, behavioral health, a walk-in clinic, many
produce-warehouse, ranching, Border Patrol, cross-border and retiree families; most speak
Spanish. Staff: Dr. Alejandra Figueroa, Dr. Brian Kessler, NP Rocío Villegas, Norma Encinas
(office manager)."""
SESSION47C = {"blind_posts_spanish2": ("nogales_chc",
                                       SESSION46B["blind_posts_spanish"][1])}

# --- session 48 blind writers ---
PRACTICES.update({
 "calexico_chc": """*Imperial Border Community Health*, 415 E 5th St, Calexico, CA 92231,
(760) 555-0147, imperialborderch.example. A community health center: family medicine,
pediatrics, prenatal care, diabetes and kidney program, dental, behavioral health, many
lettuce and date farmworker, cross-border commuter, warehouse and retiree families; most
speak Spanish. Staff: Dr. Yesenia Garibay, Dr. Howard Lindqvist, NP Itzel Cordero, Marta
Fimbres (office manager).""",
 "delrio_chc": """*Val Verde Border Health*, 2110 Veterans Blvd, Del Rio, TX 78840,
(830) 555-0129, valverdebh.example. A community health center: family medicine, women's
health, diabetes program, a walk-in clinic, dental, behavioral health, many Air Force base,
ranching, Border Patrol, lake and cross-border families; most speak Spanish. Staff: Dr.
Graciela Treviño, Dr. Colin Abernathy, NP Dulce Arreola, Ofelia Zamarripa (office manager).""",
 "dalton_fm": """*Carpet Capital Family Medicine*, 1304 Walnut Ave, Dalton, GA 30720,
(706) 555-0158, carpetcapitalfm.example. Family medicine: checkups, diabetes and heart care,
women's health, kids' shots, work physicals, minor procedures, many carpet-mill, Mexican and
Guatemalan, Baptist, high-school football and lake families. Staff on the allowlist: Dr.
Rhonda Pettit, Dr. Samuel Oyelaran, NP Kayla Bramlett, Tammy Cochran (office manager). Other
staff exist and are NOT on the allowlist.""",
 "hermiston_peds": """*Umatilla Valley Pediatrics*, 850 W Elm Ave, Hermiston, OR 97838,
(541) 555-0116, umatillavalleypeds.example. Pediatrics: newborn visits, shots, asthma care,
ADHD clinic, teen visits, sports physicals, many watermelon-farm, food-plant, Mexican,
Umatilla tribal, rodeo and army-depot families. Staff: Dr. Kirsten Aldous, Dr. Mateo
Villaseñor, NP Shawna Peck, Debbie Royer (office manager), plus nurses commenters may name.""",
})
SESSION48 = {"blind_posts_spanish": ("calexico_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("delrio_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("dalton_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("hermiston_peds", SPECS["comments_hard"][1])}

PRACTICES.update({
 "harlingen_chc": """*Arroyo Colorado Community Health*, 601 S 77 Sunshine Strip,
Harlingen, TX 78550, (956) 555-0148, arroyocolorado.example. A community health center:
family medicine, prenatal care, pediatrics, diabetes and kidney care, a dental clinic, a
migrant farmworker program, a promotora (community health worker) team; most families speak
Spanish at home. Staff on the allowlist: Dr. Rosalinda Treviño, Dr. Aaron Whitcomb, NP
Yesenia Garza, Hector Cavazos (practice manager). Other staff exist and are NOT on the
allowlist.""",
 "rexburg_fm": """*Teton Valley Family Medicine*, 345 W Main St, Rexburg, ID 83440,
(208) 555-0161, tetonvalleyfm.example. Family medicine, obstetrics, sports medicine for the
university, a minor-injury walk-in clinic, well-child visits, many large families, farm and
ranch injuries. Staff on the allowlist: Dr. Jared Holbrook, Dr. Anneliese Vogt, PA Corinne
Bagley, Marcy Sorensen (office manager). Other staff exist and are NOT on the allowlist.""",
 "deming_peds": """*Luna County Kids Clinic*, 1100 S Gold Ave, Deming, NM 88030,
(575) 555-0127, lunacountykids.example. Pediatrics and teen health: newborn visits, shots,
asthma and allergy care, school and sports physicals, a behavioral health counselor, many
ranching, border-crossing and military families, many Spanish-speaking parents. Staff: Dr.
Lorena Baca, Dr. Philip Marsh, NP Tasha Yazzie, Gloria Ochoa (office manager), plus nurses
commenters may name.""",
})
SESSION49 = {"blind_posts_spanish": ("harlingen_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("rexburg_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("deming_peds", SPECS["comments_hard"][1])}

PRACTICES.update({
 "uvalde_chc": """*Nueces Canyon Community Health*, 220 E Main St, Uvalde, TX 78801,
(830) 555-0139, nuecescanyon.example. A community health center: family medicine, prenatal
care, pediatrics, diabetes care, a behavioral health team after hard years in town, a mobile
clinic for ranch and pecan workers; most families speak Spanish at home. Staff on the
allowlist: Dr. Marisol Ybarra, Dr. Grant Oakley, NP Araceli Lozano, Ruben Saldívar (practice
manager). Other staff exist and are NOT on the allowlist.""",
 "douglas_chc": """*Sulphur Springs Valley Community Health*, 1015 G Ave, Douglas, AZ 85607,
(520) 555-0182, sulphurspringschc.example. A border community health center: family medicine,
women's health, pediatrics, a dental van, a farmworker and copper-mine families program,
promotoras; most families cross often and speak Spanish. Staff on the allowlist: Dr. Elvira
Montaño, Dr. Keith Brannigan, NP Rocío Figueroa, Lupita Escárcega (office manager). Other
staff exist and are NOT on the allowlist.""",
 "marshalltown_fm": """*Iowa River Family Medicine*, 412 W Main St, Marshalltown, IA 50158,
(641) 555-0173, iowariverfm.example. Family medicine: checkups, diabetes and heart care,
obstetrics, work physicals for the meat plant and the valve factory, many Latino, Burmese,
Sudanese and farm families. Staff on the allowlist: Dr. Karen Vandermolen, Dr. Nyan Htet,
PA Brody Kessler, Lois Huisman (office manager). Other staff exist and are NOT on the
allowlist.""",
 "hobbs_peds": """*Lea County Children's Clinic*, 600 N Turner St, Hobbs, NM 88240,
(575) 555-0164, leacountykids.example. Pediatrics and teen health: newborn visits, shots,
asthma care, sports physicals, a teen clinic, many oilfield, ranching and Spanish-speaking
families. Staff: Dr. Veronica Saenz, Dr. Tyler Haskins, NP Brandi Olguin, Darla Pruitt
(office manager), plus nurses commenters may name.""",
})
SESSION50 = {"blind_posts_spanish": ("uvalde_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("douglas_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("marshalltown_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("hobbs_peds", SPECS["comments_hard"][1])}

PRACTICES.update({
 "sunnyside_chc": """*Lower Valley Community Health*, 301 E Edison Ave, Sunnyside, WA 98944,
(509) 555-0147, lowervalleychc.example. A community health center: family medicine, prenatal
care, pediatrics, diabetes and kidney care, behavioral health, a mobile clinic for orchard and
dairy workers; most families speak Spanish at home. Staff on the allowlist: Dr. Leticia
Ochoa, Dr. Neil Hargrove, NP Yesenia Cardenas, Armando Villalobos (practice manager). Other
staff exist and are NOT on the allowlist.""",
 "riogrande_chc": """*Starr County Family Health*, 118 N Britton Ave, Rio Grande City, TX 78582,
(956) 555-0173, starrfamilyhealth.example. A border community health center: family medicine,
women's health, pediatrics, a dental clinic, diabetes education, promotoras who visit colonias;
most families speak Spanish. Staff on the allowlist: Dr. Graciela Treviño, Dr. Samuel Pruett,
NP Maricela Garza, Yolanda Benavides (office manager). Other staff exist and are NOT on the
allowlist.""",
 "worthington_fm": """*Prairie Lakes Family Medicine*, 1018 Oxford St, Worthington, MN 56187,
(507) 555-0125, prairielakesfm.example. Family medicine and urgent care for a meatpacking and
farm town with Karen, Oromo, Lao and Latino families: well-child visits, sports physicals,
diabetes care, a walk-in clinic, interpreters. Staff on the allowlist: Dr. Annika Sorensen,
Dr. Htoo Paw, PA Derek Lindqvist, Marcy Olsen (office manager). Other staff exist and are NOT
on the allowlist.""",
 "gardencity_peds": """*High Plains Kids Clinic*, 410 N Main St, Garden City, KS 67846,
(620) 555-0158, highplainskids.example. Pediatrics and teen health: newborn visits, shots,
asthma and allergy care, sports physicals, a teen clinic; many meatpacking, feedlot and
Spanish-speaking families. Staff: Dr. Rosalinda Quiroz, Dr. Brent Hollister, NP Kayla Dietz,
Sheryl Unruh (office manager), plus nurses commenters may name.""",
})
SESSION51 = {"blind_posts_spanish": ("sunnyside_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("riogrande_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("worthington_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("gardencity_peds", SPECS["comments_hard"][1])}

PRACTICES.update({
 "othello_chc": """*Columbia Basin Community Health*, 240 S 1st Ave, Othello, WA 99344,
(509) 555-0118, columbiabasinchc.example. A community health center: family medicine, prenatal
care, pediatrics, diabetes care, a dental clinic, behavioral health, a mobile van for potato,
onion and dairy workers; most families speak Spanish at home. Staff on the allowlist: Dr.
Beatriz Cisneros, Dr. Owen Fairbanks, NP Liliana Mendoza, Rogelio Pineda (practice manager).
Other staff exist and are NOT on the allowlist.""",
 "pharr_chc": """*Hidalgo Valley Family Clinic*, 905 W Ferguson Ave, Pharr, TX 78577,
(956) 555-0192, hidalgovalleyclinic.example. A border community health center: family
medicine, women's health, pediatrics, diabetes and kidney education, promotoras who visit
colonias, a sliding-fee pharmacy; most families speak Spanish. Staff on the allowlist: Dr.
Adriana Villarreal, Dr. Curtis Lindgren, NP Janeth Salinas, Norma Cavazos (office manager).
Other staff exist and are NOT on the allowlist.""",
 "hazard_fm": """*Kentucky River Family Practice*, 150 Main St, Hazard, KY 41701,
(606) 555-0131, kyriverfp.example. Family medicine in a coal and hollow town: black-lung and
work physicals, diabetes and heart care, recovery (MAT) clinic, home visits up the hollows,
a school-based clinic. Staff on the allowlist: Dr. Rebecca Combs, Dr. Amir Haddad, PA Travis
Napier, Donna Fugate (office manager). Other staff exist and are NOT on the allowlist.""",
 "fortmorgan_peds": """*Plains Children's Health*, 820 E Railroad Ave, Fort Morgan, CO 80701,
(970) 555-0146, plainschildrens.example. Pediatrics and teen health: newborn visits, shots,
asthma care, sports physicals, a teen clinic; many dairy, beef-plant, Somali and
Spanish-speaking families. Staff: Dr. Lorena Aguilar, Dr. Mitchell Brandt, NP Hodan Warsame,
Tammy Kuntz (office manager), plus nurses commenters may name.""",
})
SESSION52 = {"blind_posts_spanish": ("othello_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("pharr_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("hazard_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("fortmorgan_peds", SPECS["comments_hard"][1])}

PRACTICES.update({
 "madera_chc": """*Valle Central Salud Familiar*, 1125 Gateway Dr, Madera, CA 93637,
(559) 555-0162, vallecentralsalud.example. A community health center for farmworker families:
family medicine, prenatal care, pediatrics, diabetes and kidney care, a dental van, promotoras
who visit labor camps; most families speak Spanish, some Mixteco. Staff on the allowlist: Dr.
Rocio Alvarado, Dr. Peter Vance, NP Itzel Cardona, Leticia Monroy (office manager). Other
staff exist and are NOT on the allowlist.""",
 "wenatchee_chc": """*Columbia Orchard Health*, 330 N Mission St, Wenatchee, WA 98801,
(509) 555-0189, columbiaorchard.example. A community clinic for orchard and packing-house
families: family medicine, women's health, pediatrics, a behavioral health team, a mobile
clinic in harvest season; many families speak Spanish at home. Staff on the allowlist: Dr.
Marisol Quintero, Dr. Gregory Stahl, PA Yadira Mendez, Brian Kowalski (practice manager).
Other staff exist and are NOT on the allowlist.""",
 "houlton_fm": """*Aroostook Valley Family Medicine*, 27 Military St, Houlton, ME 04730,
(207) 555-0114, aroostookvalleyfm.example. Family medicine for a potato-farming border town:
well-child and school physicals, farm-injury and wound care, COPD and heart care, a visiting
nurse program, Maliseet and Acadian families. Staff on the allowlist: Dr. Heather Cyr, Dr.
Samuel Bouchard, NP Kayla Tompkins, Ruth Ouellette (office manager). Other staff exist and are
NOT on the allowlist.""",
 "guymon_urgent": """*Panhandle Urgent & Family Care*, 512 N Main St, Guymon, OK 73942,
(580) 555-0137, panhandlecare.example. Urgent care and family medicine in a pork-plant town:
work injuries, sports physicals, flu and COVID shots, a women's clinic, Guatemalan, Burmese
and Spanish-speaking families. Staff: Dr. Cody Ramsey, Dr. Anita Pham, NP Maribel Ortega,
Trish Holloway (office manager), plus nurses commenters may name.""",
})
SESSION53 = {"blind_posts_spanish": ("madera_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("wenatchee_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("houlton_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("guymon_urgent", SPECS["comments_hard"][1])}

PRACTICES.update({
 "clewiston_chc": """*Lago Sur Salud Comunitaria*, 700 W Sugarland Hwy, Clewiston, FL 33440,
(863) 555-0171, lagosursalud.example. A community health center for sugar-cane and citrus
families: family medicine, prenatal care, pediatrics, diabetes and kidney care, a dental
clinic, promotoras who visit trailer parks; most families speak Spanish, some Q'anjob'al.
Staff on the allowlist: Dr. Yamilet Fuentes, Dr. Harold Beckett, NP Rosaura Delgado, Ivonne
Paredes (office manager). Other staff exist and are NOT on the allowlist.""",
 "toppenish_chc": """*Yakama Valley Familia Clinic*, 212 S Elm St, Toppenish, WA 98948,
(509) 555-0153, yakamavalleyfamilia.example. A community clinic for hop, orchard and dairy
families: family medicine, women's health, pediatrics, behavioral health, a mobile clinic in
harvest season; many families speak Spanish at home. Staff on the allowlist: Dr. Esperanza
Lucero, Dr. Daniel Whitcomb, PA Maritza Olvera, Rudy Sandoval (practice manager). Other staff
exist and are NOT on the allowlist.""",
 "tifton_fm": """*Coastal Plain Family Medicine*, 415 Love Ave, Tifton, GA 31794,
(229) 555-0128, coastalplainfm.example. Family medicine for a peanut, cotton and college town:
well-child and sports physicals, farm-injury and wound care, diabetes and heart care, a
women's clinic, telehealth for outlying counties. Staff on the allowlist: Dr. Lorraine
Whitaker, Dr. Ravi Menon, NP Brandi Pittman, Carla Dupree (office manager). Other staff exist
and are NOT on the allowlist.""",
 "liberal_urgent": """*Southwest Plains Urgent Care*, 15 N Kansas Ave, Liberal, KS 67901,
(620) 555-0166, swplainscare.example. Urgent care and family medicine in a beef-plant town:
work injuries, DOT physicals, flu shots, a women's clinic, Guatemalan, Somali, Vietnamese and
Spanish-speaking families. Staff: Dr. Travis Kinder, Dr. Lucia Banda, NP Ahmed Farah, Debbie
Scheuerman (office manager), plus nurses commenters may name.""",
})
SESSION54 = {"blind_posts_spanish": ("clewiston_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("toppenish_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("tifton_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("liberal_urgent", SPECS["comments_hard"][1])}

PRACTICES.update({
 "brawley_chc": """*Clínica del Valle Imperial Norte*, 580 Main St, Brawley, CA 92227,
(760) 555-0142, vallenortesalud.example. A community clinic for farmworker and feedlot
families: family medicine, prenatal care, pediatrics, dental, heat-illness and pesticide
education, a mobile van in lettuce season; most families speak Spanish at home. Staff on the
allowlist: Dr. Graciela Montaño, Dr. Peter Lindqvist, NP Araceli Ibarra, Joaquín Rentería
(office manager). Other staff exist and are NOT on the allowlist.""",
 "hereford_fc": """*Panhandle Familia Health Center*, 201 E 3rd St, Hereford, TX 79045,
(806) 555-0171, panhandlefamilia.example. Family medicine and behavioral health in a
cattle-feeding town: diabetes care, prenatal and well-child visits, work injuries from the
packing plants, a Saturday clinic; many patients speak Spanish or K'iche'. Staff on the
allowlist: Dr. Rosalinda Ybarra, Dr. Kenneth Albright, PA Nayeli Carrasco, Efraín Solís
(practice manager). Other staff exist and are NOT on the allowlist.""",
 "mattoon_fm": """*Lincoln Prairie Family Physicians*, 1020 Charleston Ave, Mattoon, IL 61938,
(217) 555-0136, lincolnprairiefp.example. Family medicine for a rail and manufacturing town:
sports and school physicals, COPD and heart care, a sleep clinic, occupational health for the
plants, telehealth for farm families. Staff on the allowlist: Dr. Meredith Kowalski, Dr. Samuel
Okafor, NP Jolene Harbaugh, Trish Pemberton (office manager). Other staff exist and are NOT on
the allowlist.""",
 "carthage_urgent": """*Ozark Gateway Urgent Care*, 310 S Garrison Ave, Carthage, MO 64836,
(417) 555-0119, ozarkgatewaycare.example. Urgent care and walk-in family medicine in a
poultry-plant town: cuts and burns from the plants, DOT physicals, flu shots, a women's clinic;
Guatemalan, Marshallese, Vietnamese and Spanish-speaking families. Staff: Dr. Colleen Ashby,
Dr. Marcos Villatoro, NP Hana Lee, Brenda Fultz (office manager), plus nurses commenters may
name.""",
})
SESSION55 = {"blind_posts_spanish": ("brawley_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("hereford_fc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("mattoon_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("carthage_urgent", SPECS["comments_hard"][1])}

PRACTICES.update({
 "delano_chc": """*Clínica Campesina del Valle Sur*, 1110 Cecil Ave, Delano, CA 93215,
(661) 555-0147, campesinavallesur.example. A community clinic for grape, almond and citrus
families: family medicine, prenatal care, pediatrics, dental, valley-fever and heat-illness
education, a Saturday mobile clinic at the labor camps; most families speak Spanish at home,
some Tagalog. Staff on the allowlist: Dr. Leticia Zamarripa, Dr. Howard Tanaka, NP Rocío
Bermúdez, Arturo Villaseñor (office manager). Other staff exist and are NOT on the allowlist.""",
 "siler_city_fc": """*Centro de Salud Chatham Familiar*, 224 N 2nd Ave, Siler City, NC 27344,
(919) 555-0183, chathamfamiliar.example. Family medicine and behavioral health in a
poultry-plant town: diabetes and blood-pressure care, prenatal and well-child visits, work
injuries from the plants, an interpreter desk; many patients speak Spanish, some Mam.
Staff on the allowlist: Dr. Marisol Cuéllar, Dr. Bradley Hollis, PA Yesenia Ortega, Ignacio
Barrientos (practice manager). Other staff exist and are NOT on the allowlist.""",
 "galesburg_fm": """*Knox Prairie Family Medicine*, 640 N Henderson St, Galesburg, IL 61401,
(309) 555-0124, knoxprairiefm.example. Family medicine for a rail and college town:
sports and college physicals, COPD and heart care, a memory clinic, occupational health for the
rail yard, telehealth for farm families. Staff on the allowlist: Dr. Annette Bergquist,
Dr. Femi Adeyemi, NP Carla Swanson, Rick Dunleavy (office manager). Other staff exist and are NOT
on the allowlist.""",
 "storm_lake_urgent": """*Buena Vista Lakeside Urgent Care*, 419 Lake Ave, Storm Lake, IA 50588,
(712) 555-0162, bvlakesidecare.example. Urgent care and walk-in family medicine in a
meatpacking and college town: cuts and burns from the plants, DOT physicals, flu shots, a
women's clinic; Lao, Karen, Micronesian, Sudanese and Spanish-speaking families. Staff:
Dr. Gretchen Voss, Dr. Luis Arreola, NP Thu Nguyen, Pam Hegstrom (office manager), plus nurses
commenters may name.""",
})
SESSION56 = {"blind_posts_spanish": ("delano_chc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_spanish2": ("siler_city_fc", SESSION46B["blind_posts_spanish"][1]),
             "blind_posts_hard": ("galesburg_fm", SPECS["posts_hard"][1]),
             "blind_comments_hard": ("storm_lake_urgent", SPECS["comments_hard"][1])}

SESSION15_TRAIN = {
 "train_lantern": ("lantern", SPECS["comments_hard"][1]),
 "train_mariposa": ("mariposa", SPECS["comments_hard"][1]),
 "train_kestrel": ("kestrel", SPECS["comments_everyday"][1]),
}


def write(specs: dict[str, tuple[str, str]]) -> None:
    """One folder per writer with its BRIEF.md; the writer's output goes to W/out/<name>."""
    for name, (practice, task) in specs.items():
        out = str((W / "out" / name).resolve())
        Path(out).mkdir(parents=True, exist_ok=True)
        d = W / name
        d.mkdir(parents=True, exist_ok=True)
        text = brief(out, practice, task)
        (d / "BRIEF.md").write_text(text)
        print(name, len(text))


FLAGS = {"--train": TRAIN, "--session9": SESSION9, "--session10": SESSION10,
         "--session11": SESSION11, "--session12": SESSION12, "--session12-train": SESSION12_TRAIN,
         "--session13": SESSION13, "--session13-train": SESSION13_TRAIN,
         "--session13-train2": SESSION13_TRAIN2, "--session14": SESSION14,
         "--session14-train": SESSION14_TRAIN, "--session15": SESSION15,
         "--session15-train": SESSION15_TRAIN,
         "--session16": SESSION16, "--session17": SESSION17,
         "--session18": SESSION18, "--session19": SESSION19,
         "--session20": SESSION20, "--session21": SESSION21,
         "--session22": SESSION22, "--session23": SESSION23,
         "--session24": SESSION24, "--session25": SESSION25,
         "--session26": SESSION26, "--session27": SESSION27,
         "--session28": SESSION28, "--session29": SESSION29,
         "--session30": SESSION30, "--session31": SESSION31,
         "--session32": SESSION32, "--session33": SESSION33,
         "--session34": SESSION34, "--session35": SESSION35,
         "--session36": SESSION36, "--session37": SESSION37,
         "--session38": SESSION38,
         "--session38b": SESSION38B, "--session39": SESSION39,
         "--session39b": SESSION39B, "--session40": SESSION40,
         "--session41": SESSION41,
         "--session42": SESSION42,
         "--session43": SESSION43,
         "--session44": SESSION44,
         "--session45": SESSION45,
         "--session46": SESSION46,
         "--session46b": SESSION46B,
         "--session46c": SESSION46C,
         "--session47": SESSION47,
         "--session47b": SESSION47B,
         "--session47c": SESSION47C,
         "--session48": SESSION48, "--session49": SESSION49,
         "--session50": SESSION50, "--session51": SESSION51,
         "--session52": SESSION52, "--session53": SESSION53,
         "--session54": SESSION54, "--session55": SESSION55,
         "--session56": SESSION56}
write(next((specs for flag, specs in FLAGS.items() if flag in sys.argv), SPECS))
