"""The regular expressions behind the context rules: what a cue in the text looks like."""

from __future__ import annotations

import re

I = re.IGNORECASE  # noqa: E741
NAME_WORD = r"[A-Za-z][a-z'’\-]+"
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,30}\b")
PATIENT_CUE = re.compile(
    r"\b(?:patients?|pt\.?)\s+(?:of the (?:month|week|year)\s*,?\s*)?(?P<n>"
    + NAME_WORD
    + r"(?:\s+[A-Z][a-z'’\-]+)?)",
    I,
)
GREETING_CUE = re.compile(
    r"\b(?:congrat(?:s|ulations)|thanks|thank you|shout-?out|kudos|welcome back|get well soon|"
    r"prayers|praying|hugs|sending love|so proud of|proud of|way to go|go|cheers|"
    r"happy(?: \d+\w*)? birthday|best wishes|good luck|hang in there)\s*,?\s*(?:to|for|,)?\s*"
    r"(?:our\s+(?:patient\s+|friend\s+)?)?(?:little\s+|sweet\s+|brave\s+)?(?P<n>"
    + NAME_WORD
    + r"(?:\s+[A-Z][a-z'’\-]+)?)",
    I,
)
SUBJECT_CUE = re.compile(
    r"(?<![\w.])(?P<n>[A-Za-z][a-z'’\-]{2,}(?:\s+[A-Z][a-z'’\-]+)?)\s+(?:is (?:now )?recovering|"
    r"was (?:just |recently )?diagnosed|has been diagnosed|was admitted|was discharged|had (?:her|his|"  # noqa: E501
    r"their) |finished (?:her|his|their)|completed (?:her|his|their)|beat |rang the|underwent|"
    r"is back (?:home|on)|is cancer[- ]free|tested positive|is in remission|came in (?:for|with)|"
    r"is doing (?:great|well|better) after)"
)
# "Kim's chart", "Tyler's ER visit"; not "Children's Cancer Fund" (a name of something)
POSSESSIVE_CUE = re.compile(
    r"(?<![\w.])(?P<n>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)['’]s\s+(?![A-Z][a-z])\w"
)
BABY_CUE = re.compile(
    r"\b(?:[Bb]aby|[Nn]ewborn|[Ll]ittle one)\s+(?P<n>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)"
)
FROM_CUE = re.compile(r"(?<![\w.])(?P<n>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)\s+from\s+[A-Z]")
VOCATIVE_CUE = re.compile(
    r"[,!]\s*(?P<n>[A-Z][a-z'\-]+)\s*[!.]*\s*$|"
    r"(?:all good|well done|great job|good luck|hang in there|you got this|"
    r"welcome back|we miss you|miss you),?\s+(?P<m>[A-Z][a-z'\-]+)\b",
    I,
)
INSTITUTION = re.compile(
    r"\b(?:month|week|day|awareness|league|magazine|clinic|center|centre|medicine|health|hospital|"
    r"family|team|group|foundation|association|library|county|city|market|school|university|"
    r"college|church|society|services?|care|pharmacy|labs?|inc|llc|co|street|st|ave|road|blvd|"
    r"park|lake|river|mount|port|north|south|east|west|new|saint|st\.)\b",
    I,
)
AGE_APPOSITION = re.compile(r"^\s*,\s*(?:age\s*)?\d{1,3}\s*,")
POSSESSIVE = re.compile(r"^['’]s\b")
BIRTH_CUE = re.compile(r"\b(?:dob|d\.o\.b\.?|date of birth|born|birthday|bday|b-day)\b", I)
# One particular person ("her", "our patient"); "a patient asked us" is anyone.
INDIVIDUAL_PRONOUN = re.compile(r"\b(?:her|his|their|she|he|(?:our|the|this) (?:patient|pt))\b", I)
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|yours)\b", I)
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i’m|im|i've|i’ve|i'd|my|me|mine|myself)\b", I)
DATE_SHAPE = re.compile(
    r"\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d{4}-\d{2}-\d{2}|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last (?:night|week|month)|this (?:morning|afternoon|past)|\b\d{1,2}(?:st|nd|rd|th)\b",
    I,
)
NUMERIC_DATE = re.compile(
    r"(?<![\d/-])(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
    r"(?<=on )\d{1,2}/\d{1,2})(?![\d/-])"
)
AGE_OVER_89 = re.compile(
    r"\b(?:(?P<a>9\d|1[01]\d)\s*[- ]?\s*(?:years?|yrs?)[- ]?old|(?P<b>9\d|1[01]\d)\s*(?:y/?o|yo)\b|"
    r"(?:aged?|age:?)\s*(?P<c>9\d|1[01]\d)\b|(?P<d>9\d|1[01]\d)(?:th|st|nd|rd)\s+birthday|"
    r"turn(?:s|ed|ing)\s+(?P<e>9\d|1[01]\d)\b|in (?:her|his|their) (?:9\d|1[01]\d)s|"
    r"(?:ninety|one hundred|a hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|"
    r"nine|and \w+))?(?:[- ]years?[- ]old|th birthday|(?:[- ]year[- ]old))|"
    r"in (?:her|his|their) nineties|centenarian)",
    I,
)
AGE_APPOSED = re.compile(r"[A-Za-z]\s*,\s*(?P<n>9\d|1[01]\d)\s*,")
# "our practice turns 100": a practice, not a person, has the age
PRACTICE_SUBJECT = re.compile(
    r"\b(?:practice|clinic|office|hospital|we|company|building|center|centre|team|business)\b"
    r"(?:\s+\w+){0,2}\s*$",
    I,
)
PLACE_AFTER_NAME = re.compile(r"\s*,?\s*(?:from|of)\s+(?P<p>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
PHOTO = re.compile(
    r"\b(?:photos?|pictures?|pics?|pictured|selfies?|images?|before[- ]and[- ]after"
    r"|smile for the camera)\b|📸",
    I,
)
BIOMETRIC = re.compile(
    r"\b(?:finger ?prints?|retina(?:l)? scans?|iris scans?|voice ?prints?|face ?prints?|"
    r"palm ?prints?|dna (?:profile|sample|results?|test)|genetic test results?)\b",
    I,
)
REPLY_CARE = re.compile(
    r"\b(?:your (?:recent |last |latest |upcoming |next )?(?:visit|appointment|appt|procedure|"
    r"surgery|treatment|care|test results?|results|lab work|labs|prescription|bill|exam|check-?up|"
    r"stay|consultation|follow-?up|diagnosis|scan|x-?ray|mri|doctor|provider|care team|"
    r"physician|nurse|chart|records?|medications?|refill)|(?:being|as) (?:our|a) (?:valued )?"
    r"patient|you (?:came|were) (?:in|seen|here|treated)|(?:when|while|since) you (?:came|visited|"
    r"were (?:here|in|seen))|(?:coming|came) in (?:for|to see|yesterday|today|last)|"
    r"during your (?:\w+ )?(?:visit|stay|appointment)|see you (?:at|for) your)\b",
    I,
)
