"""Shapes of dates, ages over 89 and identifying details the judgement counts."""

from __future__ import annotations

import re

from .lazy_pattern import lazy
from .prefilter import gated

I = re.IGNORECASE  # noqa: E741

BIRTH_CUE = lazy(r"\b(?:dob|d\.o\.b\.?|date of birth|born|birthday|bday|b-day|"
                 # the same in the languages the screen reads: Spanish, French, Vietnamese,
                 # Tagalog, Portuguese ("nacida el 3/3/1931", "kaarawan"); the screen reads
                 # Vietnamese with its marks off (normalize.py), so both spellings
                 r"nacid[oa]s?|naci[óo]|cumpleaños|n(?:é|ée|ee)\s+le|anniversaire|sinh\s+ng[aà]y|"
                 r"sinh\s+nh[aậ]t|ipinanganak|isinilang|kaarawan|nascid[oa]|aniversário)\b", I)
# "born" right before a date, in those languages: "born on", "nacida el", "né le",
# "ipinanganak noong", "nascido em", and the Vietnamese
BORN_BEFORE = lazy(r"\b(?:born\W{0,2}(?:on\W+)?|nacid[oa]\W{0,2}(?:el\W+)?|naci[óo]\W{0,2}"
                   r"(?:el\W+)?|n(?:é|ée|ee)\s+le\W+|(?:ipinanganak|isinilang)\W{0,2}(?:noong\W+)?|"
                   r"sinh\s+ng[aà]y\W*|nascid[oa]\W{0,2}(?:em\W+)?)$", I)
# The months in the other languages the screen reads (Spanish, French, Tagalog), and a full
# date written with one: "4 de mayo de 1948", "3 mai 1950", "Marso 3, 1950". The model tags
# English dates only, so the judgement adds these spans itself (numbers.py's DOB labels read
# the same months).
FOREIGN_MONTH = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
                 r"octubre|noviembre|diciembre|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|"
                 r"ao[uû]t|septembre|octobre|novembre|d[ée]cembre|pebrero|marso|hunyo|hulyo|"
                 r"setyembre|oktubre|nobyembre|disyembre")
FOREIGN_DATE = lazy(r"\b(?:\d{1,2}(?:er)?\s+(?:de\s+)?(?:" + FOREIGN_MONTH
                    + r")(?:,?\s+(?:de\s+|del\s+)?(?:19|20)\d{2})|(?:" + FOREIGN_MONTH
                    + r")\s+\d{1,2},?\s+(?:19|20)\d{2})\b", I)
DATE_SHAPE = lazy(
    # (bounded: "555-0147", a phone number the model tags DATE, holds "55-01" but no date)
    r"(?<!\d)\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?(?!\d)|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last (?:night|week|month)|this (?:morning|afternoon|past)|\b\d{1,2}(?:st|nd|rd|th)\b",
    I,
)
# A calendar day (not a weekday or a month alone): "March 3", "3/14/1951", "October 9th"
EXACT_DATE = lazy(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|"
    r"th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+of\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)|(?:^|(?<=\s))(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?:/\d{2,4})?\b|"
    r"\b\d{4}-\d{2}-\d{2}\b",
    I,
)
NUMERIC_DATE = lazy(
    r"(?<![\d/-])(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
    # a day and month after "on" or a care verb: "on 3/14", "admitted 3/14", "seen 3/14"
    r"(?:(?<=on )|(?<=admitted )|(?<=discharged )|(?<=seen )|(?<=treated )|(?<=operated )|"
    r"(?<=transferred )|(?<=readmitted )|(?<=delivered ))\d{1,2}/\d{1,2})(?![\d/-])"
    # dotted, with the year in full ("DOB 03.14.1962"): "1.2.10" is a version, not a date
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?![\d]|\.\d)"
)
# 90 to 119 in words: "ninety-four", "a hundred and one", "one hundred two"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_ORDINALS = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
WORD_AGE = (r"(?:ninety(?:[- ](?:" + _UNITS + r"))?|(?:(?:a|one)[- ])?hundred(?:[- ](?:and[- ])?"
            r"(?:" + _UNITS + "|" + _TEENS + r"))?)")
_WORD_ORDINAL_AGE = (r"(?:ninetieth|ninety[- ](?:" + _ORDINALS + r")|(?:(?:a|one)[- ])?hundredth|"
                     r"(?:(?:a|one)[- ])?hundred[- ](?:and[- ])?(?:" + _ORDINALS + r"|tenth|"
                     r"eleventh|twelfth))")
AGE_OVER_89 = gated(
    r"\b(?:turn(?:s|ed|ing)\s+" + WORD_AGE + r"\b(?![- ](?:years?|percent|people|patients|"
    r"times|days|miles|pounds|lbs)\b(?![- ]old))|(?:aged?)\s+" + WORD_AGE + r"\b|"
    + _WORD_ORDINAL_AGE + r"\s+birthday|"
    r"(?P<a>9\d|1[01]\d)\s*[- ]?\s*(?:years?|yrs?)[- ]?(?:old|young)|"
    r"(?P<b>9\d|1[01]\d)\s*(?:y/?o|yo)\b|"
    r"(?:aged?|age:?)\s*(?P<c>9\d|1[01]\d)\b|(?P<d>9\d|1[01]\d)(?:th|st|nd|rd)\s+birthday|"
    r"turn(?:s|ed|ing)\s+(?P<e>9\d|1[01]\d)\b|in (?:her|his|their) (?:9\d|1[01]\d)s|"
    r"(?:^|(?<=[.!?]\s))at (?P<f>9\d|1[01]\d)\s*,|"
    r"(?:ninety|one hundred|a hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|"
    r"nine|and \w+))?(?:[- ]years?[- ]old|th birthday|(?:[- ]year[- ]old))|"
    r"in (?:her|his|their) nineties|centenarian)",
    I,
)
AGE_APPOSED = gated(r"[A-Za-z]\s*,\s*(?P<n>9\d|1[01]\d)\s*,")
PRACTICE_SUBJECT = lazy(
    r"\b(?:practice|clinic|office|hospital|we|company|building|center|centre|team|business)\b"
    r"(?:\s+\w+){0,2}\s*$",
    I,
)
AGE = lazy(
    r"\b\d{1,3}[- ]?(?:year|yr|month|week)s?[- ]?old\b|\b\d{1,2}\s?yo\b|\bage[sd]?\s*\d{1,3}\b|"
    r"\(\s*\d{1,2}\s*\)|\b(?:at|turned|turns)\s+\d{1,3}\b",
    I,
)
RECENT = lazy(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|week|weekend)|last (?:night|week|"
    r"weekend)|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:night|morning|afternoon)|"
    r"last (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm))\b",
    I,
)
ROLE_ADJ = gated(  # a public-facing occupation: "a professional opera singer"
    r"\b(?:(?:a|an|the|our)\s+)?(?:professional|longtime|long-time|local|well-known|famous|prominent|retired|former|"
    r"award-winning)\s+(?:[\w-]+\s+){0,2}?[a-z]*(?:er|or|ist|ian|man|woman|chief|anchor)\b",
    I,
)
# a capitalised place or group before an unnamed person: "a Millbrook farmer", "an Oak Hollow 3yo"
PLACE_MODIFIER = lazy(r"\b(?i:a|an)\s+(?:[A-Z][\w'’]+\s+){1,2}(?:[a-z]+\s+)?"
                      r"(?:[a-z]{2,}(?:er|or|ist|ian)|\d{1,2}\s?yo|\d{1,3}-year-old|teen(?:ager)?|toddler|"
                      r"infant|boy|girl|man|woman|student|grader)\b")
# a place small enough that a detail names someone: "a population under 600", "a town of 900"
SMALL_PLACE = lazy(
    r"\bpopulation\s+(?:of\s+|under\s+|below\s+|around\s+|about\s+|just\s+|barely\s+|"
    r"less than\s+)*[\d,]{2,6}\b|\b(?:town|village|community|hamlet)\s+of\s+(?:about\s+|"
    r"under\s+|just\s+)?[\d,]{2,6}\b|\b(?:tiny|small)\s+(?:town|village|hamlet)\b",
    I,
)
UNIQUE = gated(
    r"\b(?:the only|our only|only one|one of a kind|one-of-a-kind|a rare|an ultra-rare|"
    r"the first (?:\w+ )?(?:in|to|"
    r"ever)|triplets|the youngest|the oldest)\b",
    I,
)
_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 r"fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
_STREET_SUFFIX = (r"(?i:blvd|boulevard|ave|avenue|st|street|rd|road|way|dr|drive|lane|ln|court|"
                  r"ct|place|pl|circle|cir|terrace|ter|parkway|pkwy|highway|hwy)\b")
STREET_LEVEL = gated(
    r"\b(?:block of|apartments?|apts?|complex|trailer park|cul-de-sac)\b|\b\d+(?:st|nd|rd|th)\s+"
    r"(?:and|&)\s+[A-Z]\w+|\b(?:on|of|off)\s+\d+(?:st|nd|rd|th)\s+" + _STREET_SUFFIX + "|"
    r"\b(?i:on|of|off|at)\s+(?:[A-Z]\w+\s+){1,2}" + _STREET_SUFFIX + "|"
    r"\b(?i:" + _NUMBER_WORDS + r")(?:[\s-]+(?i:" + _NUMBER_WORDS + r")){0,4}\s+"
    r"(?:[A-Z]\w+\s+){1,2}" + _STREET_SUFFIX,  # "eighteen forty Willow Lane"
)
ZIP_CUED = gated(
    r"\b(?i:zip(?:\s*code)?|postal code)\s*:?\s*#?\s*(?P<zip>\d{5}(?:-\d{4})?)\b"
)
SCHOOL = lazy(
    r"\b(?:[A-Z][\w'’]+\s+){1,3}(?:High|Middle|Elementary|School|Academy|State|College|"
    r"University)\b|\b(?:[A-Z][\w'’]+\s+)+(?:team|club|league)\b|\b(?:varsity|swim|"
    r"soccer|football|softball|baseball|basketball|volleyball|gymnastics|track)\s+team\b",
)
PHOTO = gated(
    r"\b(?:photos?|pictures?|pics?|pictured|selfies?|images?|videos?|vids?|clips?|footage|"
    r"before\s*(?:&|and|-)\s*after|close-up|in the background|"
    r"face (?:is )?(?:clearly )?visible)\b|📸|🎥|📷",
    I,
)
AUTHORIZATION = gated(
    r"\b(?:signed|written)\s+(?:hipaa\s+)?(?:authori[sz]ation|consent|release)|"
    r"authori[sz]ation (?:is )?on file|consent (?:form )?(?:is )?on file|hipaa authori[sz]ation\b",
    I,
)

# A rarity given as odds: "1 in 200,000 births", "one in every 50,000 kids", "affects 1 of
# 40,000 people". From 1 in 10,000 on, a condition is rare enough that, with a town or a role,
# it points at one person (judge.py counts it as a rare condition, session 38).
RARE_ODDS_FROM = 10_000
RARE_ODDS = gated(r"\b(?:1|one)\s+(?:in|of|out\s+of)\s+(?:every\s+|about\s+|roughly\s+)?"
                  r"(?P<n>\d{1,3}(?:,\d{3})+|\d{5,})\b", I)

# An age over 89 in the other languages a practice writes in (session 38): "95 tuổi", "tuổi
# 92", "91 (na) taong gulang", "95 anyos", "94 años", "94 ans", "93 anni", "92 Jahre". The
# same words count years of anything ("95 años de servicio", "Bệnh viện tròn 100 tuổi", "mayores
# de 90 años"), so judge.py counts one only in a sentence about one person (a name, a relative,
# a patient, or a person's word in that language), not a group or a rule's cut-off right
# around it (FOREIGN_AGE_GROUP_BEFORE/_AFTER), not an institution's (FOREIGN_AGE_PLACE_BEFORE),
# and not followed by what the years are of.
FOREIGN_AGE = gated(
    r"(?:\b(?P<n>9\d|1[01]\d)\s*(?:na\s+)?(?:tu[oổ]i|taong\s+gulang|anyos|a[ñn]os|ans|anni|"
    r"jahre|jahren|taon)\b(?!\s+(?:de\s+(?!edad|vida)|d['’](?!âge)|di\b|sirviendo|cuidando|atendiendo|"
    r"al\s+servicio|of\b|na\s+(?:serbisyo|paglilingkod)|erfahrung|tradition|geschichte))|"
    r"\btu[oổ]i\s+(?P<m>9\d|1[01]\d)\b|\bedad\s*:?\s*(?P<e>9\d|1[01]\d)\b)", I)
FOREIGN_PERSON = lazy(
    r"\b(?:paciente|pacienta|abuel[oa]|bisabuel[oa]|señora?|se[ñn]orita|sra?\.|don|doña|dona|"
    r"mam[aá]|pap[aá]|madre|padre|t[ií][oa]|espos[oa]|vecin[oa]|hij[oa]|b[aà](?!\s+con)|[oô]ng|"
    r"c[uụ]|"
    r"m[eẹ]|b[oố]|cha|b[eệ]nh\s+nh[aâ]n|lola|lolo|nanay|tatay|aling|mang|pasyente|madame|"
    r"monsieur|mme|herr|frau|patiente?|nonn[oa]|signora|signor)\b", I)
# ... and the everyday Spanish words for one person whose years a post tells, twins of "a
# 91-year-old veteran", "a 93-year-old widow" (session 56): singular only, so a group
# ("veteranos de 90 años") stays a group; and not in a question, a condition or an offer to
# anyone ("¿Conoce a un hombre de 90 años ...?", "una viuda de 93 años puede ...")
FOREIGN_PERSON_ES = lazy(
    r"\b(?:abuelit[oa]|viejit[oa]|veteran[oa]|viud[oa]|hombre|mujer|caballero)\b", I)
FOREIGN_ANYONE_ES = lazy(r"[¿?]|\b(?:si|cualquier|cualquiera|puede|pueden|conoce|conoces)\b",
                         I)
# a group or a cut-off right around the age ("mayores de 90 años", "từ 90 tuổi trở lên",
# "90 taong gulang pataas", "über 90 Jahre"), not a common word anywhere in the sentence
# ("Cụ bà ... 95 tuổi, người Huế", "para sa nars": an outside code review)
FOREIGN_AGE_GROUP_BEFORE = lazy(
    r"(?:mayores\s+de|m[aá]s\s+de|menores\s+de|a\s+partir\s+de(?:\s+los)?|desde\s+los|"
    r"hasta\s+los|personas\s+de|adultos\s+de|pacientes\s+de|ancianos\s+de|t[uừ]|tr[eê]n|"
    r"d[uư][oớ]i|mga(?:\s+\w+)?(?:\s+na)?|über|ab|at\s+least|plus\s+de|de\s+plus\s+de|"
    r"oltre\s+i)\s*$", I)
FOREIGN_AGE_GROUP_AFTER = lazy(
    r"^\s*(?:o\s+m[aá]s|o\s+mayores|en\s+adelante|y\s+m[aá]s|tr[oở]\s+l[eê]n|"
    r"tr[oở]\s+xu[oố]ng|pataas|pababa|o\s+higit|oder\s+(?:älter|mehr)|et\s+plus|ou\s+plus|"
    r"e\s+oltre|\+)", I)
# ... and not an institution's years: "El edificio tiene 100 años", "Bệnh viện tròn 100 tuổi",
# "Hospital Santa Rosa: 1935-2025, 90 años" (an outside review's probes, session 38)
FOREIGN_AGE_PLACE_BEFORE = lazy(
    r"\b(?:hospital|cl[íi]nica|consultorio|centro|edificio|empresa|farmacia|laboratorio|"
    r"parroquia|iglesia|escuela|b[eệ]nh\s+vi[eệ]n|ph[oò]ng\s+kh[aá]m|tr[uư][oờ]ng|ospital|"
    r"klinika|simbahan|clinique|h[oô]pital|klinik|praxis|krankenhaus|ospedale|"
    r"practice|clinic|building)\b", I)
PLACE_PREPOSITION = lazy(r"\b(?:de|del|de\s+la|en|en\s+el|al|a\s+la|from|in|at|to|the|sa|ng|"
                         r"[oở]|t[aạ]i|t[uừ]|kh[oỏ]i|v[aà]o|à|au|du|im|ins|aus|zum|vom|dal|"
                         r"nel|all)\s+$", I)

# A birthday told with its day (session 51): "turns 60 on March 3", "her birthday is March 3rd",
# "born on 3/3", "cumple 60 años el 3 de marzo", "nació el 3 de marzo", "cumpleaños: 3/3",
# "DOB" and its Spanish label, with the day before or after the words. Month and day with an
# age (or the year the post is written in) give a date of birth. The year may be left off, so
# these are spans the model and FOREIGN_DATE (which needs a year) do not give.
_EN_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_COMMA_YEAR = r"(?:,?\s+(?:19|20)\d{2})?"
BIRTHDAY_DAY = (r"(?:" + _EN_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)" + _COMMA_YEAR + "|"
                r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+of\s+" + _EN_MONTH + _COMMA_YEAR + "|"
                r"\d{1,2}\s+de\s+(?:" + FOREIGN_MONTH + r")(?:\s+(?:de|del)\s+(?:19|20)\d{2})?|"
                r"(?<![\d/.-])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:\d{4}|\d{2}))?"
                r"(?![\d/]))")
_BIRTHDAY_WORDS = (r"(?:turn(?:s|ed|ing)?\s+\d{1,3}|will\s+be\s+\d{1,3}|"
                   r"cumpl(?:e|ió|io|irá|ira|ir[aá])\s+(?:sus\s+)?\d{1,3}(?:\s+años)?|"
                   r"birthday|bday|b-day|born|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s?date|"
                   r"cumpleaños|cumple|nacid[oa]|naci[óo]|fecha\s+de\s+nacimiento)")
BIRTHDAY_DATE = gated(
    r"\b" + _BIRTHDAY_WORDS + r"\b[^.!?\n]{0,30}?\b(?P<d>" + BIRTHDAY_DAY + r")|"
    r"\b(?P<e>" + BIRTHDAY_DAY + r")[^.!?\n]{0,30}?\b" + _BIRTHDAY_WORDS + r"\b", I)
# the birthday of a thing, not a person: "our clinic turns 5 on May 1", "la clínica cumple 10
# años el 3 de marzo", "the practice's birthday", "born on March 3" of a program
BIRTHDAY_OF_THING = lazy(
    r"\b(?:practice|clinic|office|center|centre|hospital|program|team|building|business|"
    r"company|foundation|location|cl[íi]nica|consultorio|centro|programa|oficina|"
    r"fundaci[óo]n|farmacia|empresa)(?:['’]s)?\b", I)
# a cut-off for a rule, not one person's day: "if your child turns 4 before September 1",
# "si su hijo cumple 11 años el 1 de diciembre o antes", "born on or after January 1"
BIRTHDAY_CUTOFF_OPEN = lazy(r"^\W*(?:if|si|kids|children|ni[ñn]os|anyone|everyone|todos|"
                            r"quienes?|those|los\s+que|las\s+que)\b", I)
BIRTHDAY_CUTOFF_BEFORE = lazy(r"\b(?:before|after|by|antes\s+del?|despu[ée]s\s+del?|"
                              r"hasta\s+el)\s+(?:the\s+|el\s+)?$", I)
BIRTHDAY_CUTOFF_AFTER = lazy(r"^\W*(?:or\s+(?:before|after|earlier|later)|o\s+antes|"
                             r"o\s+despu[ée]s)\b", I)
