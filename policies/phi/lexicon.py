"""Word lists the context rules use. Health terms tie a sentence to someone's health;
care terms tie it to a care relationship when a possessive or "you" points at a person;
staff cues say a name belongs to the practice's own people. Matched case-insensitively as
whole tokens by spaCy PhraseMatchers (context.Matchers)."""


def _words(block: str) -> set[str]:
    return set(block.split())


def _lines(block: str) -> set[str]:
    return {line.strip() for line in block.splitlines() if line.strip()}


# Conditions, procedures, treatments and care events that disclose health information.
# Words too ambiguous alone in marketing ("Ms. Lee", "a great shot", "our crown", "visit")
# are left out or kept to CARE_TERMS.
_HEALTH_WORDS = """
a-fib addiction adhd admitted afib aids allergic allergies allergy alzheimer's alzheimers
anemia anxiety appendectomy appendicitis arthritis asthma autism biopsy bipolar bloodwork
bronchitis bypass c-section cancer cancer-free cataract cataracts celiac cesarean chemo
chemotherapy cholesterol colitis colonoscopy concussion copd covid+ crohn's cyst dementia
depression detox diabetes diabetic diagnosed diagnosis dialysis discharged ecg
echocardiogram eczema ekg emphysema endometriosis endoscopy epilepsy extraction fracture
glaucoma gout hepatitis hiv hospitalized hypertension hypothyroidism hysterectomy ibs icu
infection infertility infusion infusions inhaler insulin ivf labs leukemia lumpectomy lupus
lymphoma mammogram mastectomy measles medication medications meds melanoma migraine
migraines miscarriage mri newborn nicu obesity operation overdose pacemaker parkinson's pcos
pneumonia polyp polyps post-op postpartum pre-op pregnancy pregnant prenatal prescribed
prescription prescriptions prognosis psoriasis ptsd radiation rash recovered recovering
rehab rehabilitation remission schizophrenia scoliosis seizure seizures sepsis shingles
sprain std stent stents sti stitches strep stroke surgeries surgery thyroid tonsillectomy
transplant treated tumor tumors tumour ulcer ultrasound uti vasectomy weight-loss wound
x-ray x-rays xray
"""
_HEALTH_PHRASES = """
blood test
blood work
broken arm
broken hip
broken leg
broken wrist
cancer free
cardiac arrest
cardiac rehab
cat scan
chemo treatment
ct scan
ear infection
eating disorder
emergency room
er visit
final chemo
flu shot
follow up appointment
follow-up appointment
gave birth
had a baby
had her baby
had his baby
had their baby
heart attack
heart disease
heart failure
high blood pressure
hip replacement
hospital stay
joint replacement
kidney disease
kidney failure
knee replacement
lab results
lab work
last chemo
liver disease
multiple sclerosis
pap smear
physical exam
physical therapy
pink eye
positive for covid
pt session
radiation treatment
rang the bell
root canal
sinus infection
sleep apnea
strep throat
test results
tested negative
tested positive
torn acl
torn meniscus
weight loss
"""
HEALTH_TERMS = sorted(_words(_HEALTH_WORDS) | _lines(_HEALTH_PHRASES))

# Care with an individual ("your appointment", "Kim's chart"): discloses a care relationship.
_CARE_WORDS = """
appointment appointments appt bill booster care chart check-up checkup cleaning consult
consultation counseling covid covid-19 exam filling flu follow-up healing implant implants
influenza injection injections labs medication mri prescription procedure procedures records
recovery results scan screening screenings stay therapy treatment treatments vaccination
vaccine visit visits x-ray x-rays
"""
_CARE_PHRASES = """
er visit
first visit
flu shot
follow up
lab results
lab work
medical records
test results
"""
CARE_TERMS = sorted(_words(_CARE_WORDS) | _lines(_CARE_PHRASES))

# A name right after one of these is staff (or a public figure), not a patient.
STAFF_TITLES = _words("""
administrator assistant audiologist ceo chef chiropractor cmo colleague coordinator
councilmember counsellor counselor dentist dietician dietitian director doctor dr dr.
founder host hygienist intern manager mayor midwife np nurse optometrist pa pediatrician
pharmacist physician practitioner prof prof. professor psychiatrist psychologist
receptionist resident scribe senator speaker staff surgeon teammate tech technician
therapist volunteer
""")
# Credentials after a name: "Kim Lee, RN".
STAFF_SUFFIXES = _words("""
aprn arnp bsn ccc-slp cma cnm crna d.o. dds dmd dnp do dpt faafp facp fnp fnp-c lcsw lmft
lpn m.d. ma md mph msn np od ot otr pa pa-c pharmd phd psyd pt rd rn
""")
# A verb right after a name that staff do in marketing: "Dr. Lee explains", "Sam joins".
STAFF_VERBS = _words("""
answers celebrates discusses earned explains hosted hosts joined joining joins leads led
offers performs presented presents received recommends reminds retired retires says sees
shares speaks specialises specializes spoke teaches treats welcomes will
""")
# Capitalised words that the cue patterns must not take for a first name.
NON_NAMES = _words("""
a again all an being big coming community covid dad dads doctor doctors donors dr dr.
everybody everyone families fathers flu folks friday friends great happy her him huge it
joining kids men mom moms monday mothers much national neighbors new nurse nurses our
parents patients reading saturday sharing so special staff sunday teachers team that
the them this thursday today tomorrow tonight tuesday us veterans visiting volunteers we
wednesday women world y'all you
""")

# States and countries: a place this large is not a Safe Harbor geographic identifier.
STATES = _words("""
alabama alaska america arizona arkansas california canada colorado connecticut delaware
florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts mexico michigan minnesota mississippi missouri montana nebraska nevada ohio
oklahoma oregon pennsylvania tennessee texas u.s. us usa utah vermont virginia washington
wisconsin wyoming
""") | _lines("""
new hampshire
new jersey
new mexico
new york
north carolina
north dakota
rhode island
south carolina
south dakota
the united states
united states
west virginia
""")
