"""A guard for the everyday relaxations of issue 12 (offers.py, the reply rule, credentials and
groups beside a name, authors' possessives, Spanish function words): disclosures those paths
could now release, screened in the context they would be posted in. Every one must block.

    PYTHONPATH=. python bench/phi_everyday_probe.py [-v]

Four groups: (1) replies that confirm the reader's own care or a named person's, worded with
the offers' words ("you can get", "no appointment needed", "for anyone who"), and a second
round of them after the first fixes (care under way, wishes); (2) posts naming
a person with their care beside a credential, a title, a plural group, an author's possessive or
Spanish function words; (3) real disclosures with an ordinary line appended that carries the
released wording (an offer, a credential, a citation, an address, "Dr. X says hi", a date).
Every text is written for this probe; none comes from a dev, training or evaluation set.
"""

from __future__ import annotations

import sys

from policies.phi.findings import BLOCK
from policies.phi.screen import PhiScreen

REPLIES = [
    "You can get your stitches out at the walk-in clinic Friday, no appointment needed.",
    "So happy the albuterol works for you! You can get a refill anytime, no appointment needed.",
    "You don't need a referral for your MRI follow-up, Dana.",
    "Congrats on the clean scan! You can book your next screening online.",
    "No appointment needed to get the cast off, just come in Tuesday.",
    "You can get the boot off next week, Dr. Lee says.",
    "Sorry the wait was so long at your visit yesterday! No appointments needed next time.",
    "Walk-ins welcome for your dressing change, see you tomorrow!",
    "You can come in for your follow-up shot on Thursday, Maria.",
    "Hope the knee feels better soon! You can get the brace fitted at any visit.",
    "Glad your biopsy came back clear, Sam. You can schedule the next check-up online.",
    "Feel free to book your post-op check whenever the swelling goes down.",
    "If you have more pain after your knee surgery, call us, no appointment needed.",
    "If you still feel dizzy at your visit, tell the nurse right away.",
    "Anyone can get a flu shot, and we were glad to give you yours yesterday!",
    "Your daughter can get her booster at the walk-in clinic, no appointment needed.",
    "You can get the results of your biopsy at your appointment Friday.",
    "Open to the whole community! Great to see you back after your chemo, Ruth.",
    "Masks are at the front desk for anyone who needs one, and your inhaler refill is ready.",
    "You can get the COVID shot between chemo rounds, Dr. Patel says.",
    "No appointment needed for Tom's cast check, he's healing great.",
    "You don't need to be a patient here to join, and it was lovely seeing you at your "
    "prenatal visit!",
    "If you need to move your appointment for the stitch removal on Monday, just call.",
    "You're welcome to walk in for your allergy shots again this week.",
    "Sin cita para su vacuna de refuerzo, y qué gusto que ya se siente mejor del asma.",
    "Dr. Lee will check the incision from your C-section on Tuesday.",
    "The nurse can check your blood pressure log from last week's visit, Tom.",
    "If you're nervous about your appointment for the biopsy Tuesday, call us anytime.",
    "If you feel faint again at your appointment, tell us right away, Jess.",
    "We have a ride for anyone who needs one, and your dialysis chair is ready at 6am.",
    "Kids can get the flu shot at any visit, and your son's ear infection should clear soon.",
    "You can stop the antibiotics Friday, Jess.",
    "You can get the antibiotics refilled at the front desk, no appointment needed, Jess.",
    "You don't need a referral for the cardiology follow-up after your stent, Mr. Lee.",
    "Feel free to book the second round of allergy shots, Dana, the first went great!",
]
ATTACK = [
    "You can get your second hepatitis B shot at any visit.",
    "You can get the second dose of the rabies vaccine at the walk-in clinic, Tom.",
    "You can come in for the prenatal visits at our Main St office, no appointment "
    "needed, congrats!",
    "Walk-ins welcome for the HIV test, and we're so proud of you for coming in.",
    "No appointment needed for the pregnancy test; congrats again!",
    "You can get the Tdap shot at 27 weeks like we talked about.",
    "You don't need an appointment for the allergy shots you've been getting.",
    "You can book the follow-up visit for the biopsy results online.",
    "You can schedule the post-op visit whenever you're ready, Dana.",
    "Hope you feel better soon! You can get a flu test at the walk-in clinic, no "
    "appointment needed.",
    "You can get the remaining shots in the rabies series at any visit.",
    "Anyone can get tested, and we're glad you did; no appointment needed next time either.",
    "You can get the next allergy shot without an appointment, Jess.",
    "You don't need a referral for physical therapy after the fracture, just call us.",
    "You're welcome to join the diabetes support group since your diagnosis last month.",
    "Feel free to book the vaccine appointment for your baby once you're discharged.",
    "No appointments needed for the prenatal classes, and congratulations on the twins!",
    "You can get the shingles vaccine now that the rash is gone.",
    "No referral needed for the pelvic floor class after your delivery.",
    "You can walk in for the TB test reading on Thursday, Maria.",
]
# Written after the outside review (07:45), for the paths it opened or that were tightened:
# not paraphrases of its probes. Context first.
REVIEWED = [
    ("reply", "Omar, walk-ins welcome at the dialysis clinic."),
    ("reply", "You can join the grief support group anytime, Nell."),
    ("reply", "@lena.k you can book the fertility consult online, no referral needed."),
    ("reply", "No referral needed for the diabetes class, Hugo."),
    ("reply", "Priya, feel free to sign up for the bariatric program online."),
    ("reply", "Kofi, no appointment needed for the asthma check-up."),
    ("reply", "@runner_dee the wound clinic takes walk-ins, no appointment needed."),
    ("reply", "Ines, puede venir a la clínica de diabetes sin cita."),
    ("reply", "Tariq, you're welcome to come to the opioid recovery meeting on Thursdays."),
    ("reply", "You can register for the memory clinic online, Walt, no referral needed."),
    ("reply", "If you can, bring the splint to your visit, Carla."),
    ("reply", "If you want, bring your glucose log to your appointment, Ben."),
    ("reply", "Dr. Osei can check the baby's hip again at the next visit, Mia."),
    ("reply", "The nurse will check your incision again on Friday, Lou."),
    ("post", "Coach Ibarra and the swimmers finished their concussion screening on Monday."),
    ("post", "Pastor Ruiz, along with the choir, got their TB tests back this week."),
    ("post", "Principal Lee and the teachers finished their hepatitis B series here Friday."),
    ("post", "Sra. Bueno de Elm Street tuvo un derrame cerebral el sábado."),
    ("post", "Mrs. Para had her gallbladder removed here on Tuesday."),
    ("post", "Don Buena, de Oak Hill, empezó su diálisis el lunes."),
    ("post", "Our 4:15 session today with Mr. Grant: he finally spoke about his panic attacks."),
    ("post", "Our 6:30 shift sends hugs to Mrs. Obi, whose dialysis starts today."),
    ("post", "Our 8am class with Ms. Ruiz was her last cardiac rehab session before surgery."),
    ("post", "A toddler first-aid class member fractured her wrist on Sunday, June 8."),
    ("post", "A senior yoga class regular from Maple Ave had a stroke on Monday, May 5."),
    ("post", "The Elm Street families who trust us with their care had a measles exposure Monday."),
    ("post", "Our refugee families at the Oak Court apartments who trust us with their care "
             "tested positive for TB."),
    ("post", "Rita, PT is moved to Friday at 10."),
    ("post", "Hal Brandt, OT twice a week since his stroke, buttoned his own shirt today!"),
    ("post", "Nora and Abe Lund's review of our cancer center: 'they got Abe through chemo.'"),
    ("post", "Kim and Lee Park's findings: our clinic caught their daughter's leukemia early."),
]
POSTS = [
    "PT Janelle Okafor is recovering from her own ACL surgery this month. Get well soon!",
    "Marta Lindgren, PT, had knee surgery last week and is out until March.",
    "Tom Baker starts PT Monday after his hip replacement.",
    "Congrats to Ellen Marsh, who starts OT today after her stroke!",
    "Tom Baker and his kids got their flu shots and his knee is healing nicely.",
    "Joe Kaplan thanked the nurses for their care after his heart surgery.",
    "Councilmember Reyes is recovering from a stroke at home this week.",
    "Mayor Diaz had his gallbladder out this week; we wish him well.",
    "Maria Lopez's research paper was delayed by her chemo, but she's back at it!",
    "Kessler and Yoon's study group misses Ana Kessler while she recovers from pneumonia.",
    "Tom Baker's review of our cardiac rehab: 'after my bypass this program saved me.'",
    "La señora Rosa Martínez terminó su quimioterapia hoy. ¡Felicidades!",
    "Felicidades a Lucía Gómez por terminar su tratamiento de diálisis.",
    "Buena suerte a Carlos Ruiz en su cirugía de rodilla mañana.",
    "Una paciente, Ana Torres, celebra un año sin cáncer.",
    "Gracias a la familia de Pedro Salas por confiar en nosotros durante su quimioterapia.",
    "Pharmacist Joe Kaplan is home after his heart attack, and families miss him.",
    "Our families are praying for Lena Park, who had a stroke last night.",
    "Nurse Dana Cho is out after her surgery; patients sent their cards.",
    "Say hi to Walter Okonkwo, 80, who finished dialysis training with our team today!",
    "Dr. Okafor's patient, Jim Hale, went home after his bypass on Monday.",
    "Pastor Ellis, whose parishioners brought their meals while he recovered from his stroke, "
    "is back!",
    "Coach Ruiz thanked the parents for their help after his heart attack at practice.",
    "Thanks to the front desk for anyone who asked: Tom Baker is home after his bypass.",
    "Principal Gomez is home after her mastectomy, and families sent their love.",
    "The families who trust us with their care sent Maria Lopez flowers after her chemo.",
    "Our families in Oak Hill sent cards to Tom Baker after his stroke.",
    "Our kids in room 4 today were so brave during their flu shots.",
    "The parents who brought in their son with a broken arm on Tuesday were so calm.",
    "Meet Ada Brown, RN! She's the one who got a kidney transplant here last spring.",
    "Welcome Nurse Ada Brown! Say hi to our patient Lou, he's the one who had a stroke.",
    "Our 10:30 patient had a seizure in the lobby today.",
    "After the 10:30 service, a teen from Oak Hill had a seizure at the church on May 3.",
    "A teen at our infant CPR class in Oak Hill fainted on Saturday, March 3.",
    "An infant from Oak Hill in our car seat class on June 14 had a febrile seizure.",
    "Tía Rosa, la señora que vino el martes por su diálisis, ya está mejor.",
    "Gracias a la familia de nuestra paciente Ana, que terminó su quimioterapia hoy.",
    "Our 9am patient yesterday, a teacher at Lincoln Elementary, had a seizure in the lobby.",
]
DISCLOSURES = [
    ("post", "Congratulations to Maria Lopez on finishing chemo!"),
    ("post", "Walter Okonkwo is home after his knee replacement."),
    ("post", "One of our patients, a retired firefighter from Oak Hill, had a stroke Tuesday."),
    ("reply", "Happy to hear the albuterol is working for you, Jess!"),
    ("reply", "See you at your follow-up next week to check the stitches!"),
    ("reply", "So sorry about the rash, hope the cream works."),
    ("post", "Happy 80th to Mr. Haines, who finished cardiac rehab on March 3!"),
    ("reply", "Your A1c is way down, keep it up!"),
]
APPENDED = [
    "You can get the flu shot at any visit.",
    "No appointment needed.",
    "Walk-ins welcome.",
    "Masks are at the front desk for anyone who wants one.",
    "You don't need a referral to see our physical therapists.",
    "Open to the whole community!",
    "PT Janelle Brooks joins us Monday.",
    "Kessler and Yoon's review of 40 studies is worth a read.",
    "Dr. Haddad says hi!",
    "Our office is at 910 Lakeshore Drive.",
    "We're closed December 25.",
    "If you have questions at your visit, just ask.",
    "¡Buena pregunta! La vacuna está disponible.",
    "Grateful for the families who trust us with their care.",
    "Free blood pressure checks after the 10:30 service.",
    "Sign up for our infant CPR class.",
    "Meet Hana Ito, RN: she's the one who answers the nurse line.",
]


def main() -> None:
    verbose = "-v" in sys.argv
    screen = PhiScreen()
    groups: dict[str, list[tuple[str, str]]] = {
        "replies worded as offers": [("reply", t) for t in REPLIES],
        "replies, own attack round (care under way, wishes)": [("reply", t) for t in ATTACK],
        "after the outside review (named readers, groups, titles, times, classes)": REVIEWED,
        "names beside credentials, groups, authors, Spanish": [("post", t) for t in POSTS],
        "disclosure + ordinary line": [(ctx, f"{d} {a}") for ctx, d in DISCLOSURES
                                       for a in APPENDED],
    }
    total = blocked_all = 0
    for label, items in groups.items():
        blocked = 0
        for context, text in items:
            found = screen.screen(text, context=context)
            if any(f.severity == BLOCK for f in found):
                blocked += 1
            elif verbose:
                print(f"  RELEASED [{context}] {text}  {[(f.rule, f.text) for f in found]}")
        total += len(items)
        blocked_all += blocked
        print(f"{label:52} block {blocked:3} of {len(items)}")
    print(f"blocked in all: {blocked_all} of {total}")


if __name__ == "__main__":
    main()
