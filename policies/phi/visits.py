"""A reply that tells the commenter's own visit, with no health word in it.

A practice's reply that apologises for the wait the reader had on a given day, or says how
good it was to see them last week, confirms that they came in for care: the reply sits under
their name, so the care relationship is disclosed as plainly as "your results". HHS has
fined practices for exactly this (replies to reviews). What tells a visit here is the
construction, not a health word:

- an apology (sorry / lamentamos / disculpe) with a wait the reader had (the wait, waited,
  esperar, la espera) in the same sentence, tied to a day or time ("on Tuesday", "this
  morning", "el martes") or to their visit ("at your intake", "en la clínica"); a wait
  spoken of in general ("wait times have been long this month", "sorry to hear about the
  wait") names no visit;
- being glad to have seen the reader ("loved seeing you", "nos dio gusto verla"), with a
  time ("last week", "el jueves") or "too" (answering a commenter who said they loved
  seeing the staff); not when the sentence puts the meeting at an event ("at the 5K");
`booking_told` (session 44) reads three more, each tied to a time of the visit:

- thanks or a welcome for a visit to the practice, tied to a day, "today" or "again":
  "thanks for coming in yesterday", "thanks for stopping by the office on Tuesday", "great to
  have you in again", "gracias por visitarnos ayer" ("stopping/popping by" is also how a page
  greets a visitor online, so "again" does not tie it);
- the reader's booked slot: "we have you down for 3pm Friday", "you're scheduled for 9:30
  Monday", "got you on the schedule for Monday morning", "we moved you to the 26th", "your
  check-in is at 8:40", "lo tenemos agendado para el martes";
- a clinician or the office seeing the reader at a time: "Dr. Raman will see you Thursday",
  "we'll see you at 3", "we can get you in tomorrow", "we look forward to seeing you Thursday
  at 10", "la doctora la verá el jueves", "te esperamos el sábado a las 9"; a bare "see you"
  only with a clock time ("See you at 2:30 Friday, Sam").

An outside review (bench/data/replyvisit_review_s44) added other words for each ("appreciate
you coming by", "you're all set for", "we switched your time to", "Dr. X can take you", "has
room for you", "you'll be with Dr. X"), texting ("u", "ur appt", "tmrw", "Thurs", "2p", "@ 9", an
emoji after the time), Spanish ("le reagendamos", "puede atenderla", "nos vemos ... a las 8"),
and a slot or a clinician seeing the reader whose time is the next sentence's clock time or
the day it asks about ("We can fit you in. Would Friday work?"; not the office hours').

What a careful privacy officer lets pass among these, and why: a visit, a slot or a meeting
that is no care says nothing of the reader's health. So the sentence passes when it puts the
reader at an event or a public thing ("see you at the health fair Saturday", "thanks for
coming to our open house", "you're down for two raffle tickets", "thanks for coming out for
the blood drive": a donor, not a patient), at a job applicant's or an employee's appointment
("we'll see you at your interview Thursday", "the early shift", "orientation", "your first
day", "a phone screen", "the hiring manager"), at a vendor's errand ("the HVAC inspection",
"the sample catalog"), or gives the visit a reason that is no care ("thanks for stopping by
to drop off the cookies", "for coming in to talk to our nurses about fire safety", "swinging
by with pies");
when it invites anyone ("we'd love to see you", "walk-ins welcome Saturday", "we can see you
as early as 7am", "if you'd like an appointment we can see you Thursday": an offer that
confirms nothing), speaks to a crowd ("see you all Saturday!", "thanks for coming in today,
everyone"), thanks a clinician or an official by title (staff news, a guest: "welcome back
today, Nurse Kim", "thanks for stopping by, Officer Diaz"), or thanks for a comment, a review,
a donation or a share (no visit in it). A bare "See you Saturday!" is a sign-off any event
reply uses and is not read; "we'll see you Saturday" is, as "Dr. X will see you" is: the
practice seeing one reader on a day is a visit, and a reply about an event names the event.
A plural day ("Dr. Raman will be seeing patients on Thursdays") is the practice's hours.
judge.py clears a booking only on a refusal ("we can't confirm whether you're scheduled"),
not on its other general wording: "The doctor can see you at 1:15" opens like a rule of
thumb and "bring your card, we have you down for 2pm" like advice to everyone.

`care_told` reads another construction: the reply speaks to the reader's care as under way,
with no health word, or one the vocabulary reads as a service ("tinnitus group"):

- a care visit of theirs still to come: "miss you in group", "see you at tinnitus group" (a
  group named by a health word);
- home care they are doing on a body part: "keep icing that knee";
- their recovery or the clinicians' care of them: "your journey back to health", "the nurses
  who took care of you", "Dr. Ávila, who treated you" (not a trainee's orientation or shadow
  day).

A reply answers one commenter, so any of these confirms that commenter is a patient. In a
post they are advice or an invitation to everyone and are not read.

Only for context="reply"; a clause that declines to discuss visits is left to the caller
(judge.py skips sentences it reads as general)."""

from __future__ import annotations

import re

from policies.anatomy import BODY_PART

from .lazy_pattern import lazy
from .vocabulary import health_mentions

_DAY = (r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|this\s+(?:morning|"
        r"afternoon|evening|week)|last\s+(?:night|week|month|visit|time)|the\s+other\s+day|"
        r"(?:el|este|ayer|hoy)\s*(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|"
        r"\b(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|ayer|hoy|esta\s+"
        r"(?:mañana|tarde|semana)|la\s+semana\s+pasada")
# the reader's own visit as the place of the wait: "at your intake", "en la clínica móvil"
_THEIR_VISIT = (r"(?:at|for|during|before)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?(?:intake|visit|"
                r"appointment|appt|check-?up|exam|session|consult|scan|x-?ray|ultrasound|"
                r"cleaning|infusion|chair\s+time|clinic|office)|en\s+(?:la|el|su)\s+(?:[\w-]+\s+)?"
                r"(?:cl[ií]nica|consultorio|cita|consulta|oficina)(?:\s+m[oó]vil)?")
_APOLOGY = lazy(r"\b(?:sorry|apologi[sz]e|apologies|lamentamos|lamento|disculpe|"
                r"perd[oó]n|sentimos)\b", re.I)
_WAIT = lazy(r"\b(?:the\s+(?:long\s+)?wait|you\s+(?:had\s+to\s+)?wait(?:ed)?|long\s+wait|"
             r"waited|waiting\s+so\s+long|esperar|la\s+espera|esper[oó])\b", re.I)
# the wait as a topic, not a visit: "wait times", "sorry to hear about the wait"; and a
# wait that is no visit: on the phone, for a reply, for an order
_WAIT_IN_GENERAL = lazy(r"\bwait\s+times?\b|\bto\s+hear\s+(?:about|of)\s+the\s+wait\b|"
                        r"\b(?:on\s+hold|phones?|lines?|call(?:back)?s?|voicemail|repl(?:y|ies)|"
                        r"emails?|messages?|response|answer|order|shipping|delivery|portal|"
                        r"website|tel[eé]fono|llamada|mensaje)\b", re.I)
_TIED = lazy(r"\b(?:" + _DAY + r")\b|\b" + _THEIR_VISIT + r"\b", re.I)
_SEEN = lazy(r"\b(?:(?:lov(?:ed|e)|enjoyed|(?:such\s+)?a\s+(?:joy|pleasure|treat)|(?:so\s+)?"
             r"(?:good|great|nice|wonderful))\s+(?:seeing|to\s+see)\s+you|"
             r"(?:nos\s+)?(?:dio|da)\s+(?:mucho\s+)?gusto\s+ver(?:la|lo|los|las|te|les)|"
             r"qu[eé]\s+gusto\s+ver(?:la|lo|los|las|te|les))\b", re.I)
_SEEN_WHEN = lazy(r"\b(?:" + _DAY + r"|too|también)\b", re.I)
_EVENT = lazy(r"\b(?:at|en)\s+(?:the|our|la|el)\s+(?:[\w'’-]+\s+){0,3}?(?:5k|run|walk|"
              r"race|fair|festival|parade|event|game|booth|party|picnic|market|drive|"
              r"open\s+house|carrera|feria|evento|fiesta)\b", re.I)
# the practice saw the reader or their family on a given day: "we saw your grandson this
# morning", "Dr. Marsh saw you on Tuesday" (not "we saw your post", "saw you at the 5K")
_KIN = (r"son|daughter|kids?|children|child|baby|boy|girl|grandson|granddaughter|grandkids?|"
        r"mom|mother|dad|father|husband|wife|partner|little one|twins|grandma|grandpa|"
        r"grandmother|grandfather|nephew|niece|brother|sister")
_SAW = lazy(r"\b(?:we|i|(?:dr|nurse|np|pa)\.?\s+[A-Z]\w+)\s+(?:(?:just|also)\s+)?"
            r"(?:saw|examined|checked\s+on|treated)\s+(?:you|your\s+(?:[\w-]+\s+)?(?:"
            + _KIN + r"))\b", re.I)
_SENTENCE = lazy(r"[^.!?¡¿]+[.!?]*")


def visit_told(text: str) -> re.Match[str] | None:
    """The words that tell the reader's own visit, or None."""
    for s in _SENTENCE.finditer(text):
        sentence = s.group(0)
        apology, wait = _APOLOGY.search(sentence), _WAIT.search(sentence)
        if apology and wait and not _WAIT_IN_GENERAL.search(sentence) and _TIED.search(
                sentence):
            return _WAIT.search(text, s.start(), s.end())
        seen = _SEEN.search(sentence)
        if seen and _SEEN_WHEN.search(sentence, seen.end()) and not _EVENT.search(sentence):
            return _SEEN.search(text, s.start(), s.end())
        saw = _SAW.search(sentence)
        if saw and _TIED.search(sentence) and not _EVENT.search(sentence):
            return _SAW.search(text, s.start(), s.end())
    return None


# --- a visit thanked for, a slot booked, a clinician seeing the reader (session 44) ---
# A time the visit or the slot is at: a day (not "Thursdays": every week's), "today",
# "tomorrow", "next week", a clock time ("3pm", "9:30", "at 3" ending its phrase), a date
# ("the 14th", "March 3", "3/14") and the Spanish of these.
# (review s44: "10a", "2p" written short; "@ 10"; "at 10 😊", "at 10 w/ Dr. Ruiz")
_CLOCK = (r"\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\d{1,2}(?::\d{2})?[ap]\b|"
          r"\d{1,2}:\d{2}\b|"
          r"(?:at|a\s+las?)\s+(?:\d{1,2}(?::\d{2})?|noon)(?=\s*(?:[^\w\s/%-]|$|o['’]clock|"
          r"sharp|on\b|with\b|w/|tomorrow|today|this|next|el\b|(?:mon|tues|wednes|thurs|fri|"
          r"satur|sun)day)))|@\s*\d{1,2}(?::\d{2})?\b")
_AT_CLOCK = lazy(_CLOCK, re.I)
# (review s44: "Thurs", "Fri.", "tmrw", "next wk"; "Sat"/"Sun" only capitalised: "sat", "sun")
_WHEN = lazy(r"\b(?:" + _DAY + r"|tomorrow|mañana|tmrw|tmw|tmrrw|tomm?orr?ow|2morrow|"
             r"(?:mon|tues?|wed|thu|thurs?|fri|(?-i:Sat|Sun))\b\.?|next\s+(?:week|wk|month|"
             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)|(?:jan|feb|mar|apr|"
             r"may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}/\d{1,2}|"
             r"earlier)\b|" + _CLOCK, re.I)
# ... and a visit thanked for may be a return: "thanks for coming in again"
_AGAIN = lazy(r"\b(?:again|de\s+nuevo|otra\s+vez)\b", re.I)
# "you" and "your" as texted: "thank u", "booked ya", "ur appt" (review s44)
_YOU = r"(?:you|u|ya)"
_YOUR = r"(?:your|ur|yr)"
# thanks or a welcome for a visit to the practice: "in"/"by"/"into the office" (not "thanks
# for coming to our open house", nor "for coming in clutch"); "stopping/popping by" is also
# how a page thanks a visitor online, so it is a visit with a day only, never with "again".
# Review s44: "appreciate you making the trip in", "a bunch", "coming to see us", "visiting
# with Dr. Ngata", "comming", "stoping", "qué bueno que vino ayer"
_THANKED_VISIT = lazy(
    r"\b(?:(?:thanks|thank\s+(?:you|u)|thx|ty|gracias)\s+(?:(?:so|very)\s+much\s+|again\s+|"
    r"a\s+(?:lot|bunch|ton)\s+)?(?:for|por)|appreciate\s+" + _YOU + r")\s+"
    r"(?:(?P<came>com+ing)\s+(?:back\s+)?in\b(?!\s+clutch)|"
    r"(?:com+ing|stop+ing|dropping|popping|swinging)\s+(?:(?:back\s+)?(?:in|by)\b(?!\s+clutch)|"
    r"into\s+(?:the|our)\s+(?:office|clinic|practice))|(?P<us>visiting\s+(?:us|(?:the|our)\s+"
    r"(?:office|clinic|practice)|with\s+(?:dr|dra|doctor|nurse|np|pa)\b)|com+ing\s+(?:to\s+see|"
    r"in\s+to\s+see)\s+us|making\s+the\s+trip\s+(?:in|over|out)|(?:your|the)\s+visit|venir|"
    r"visitarnos|(?:su|tu)\s+visita|pasar\s+por\s+(?:aqu[ií]|la\s+(?:cl[ií]nica|oficina))))|"
    r"\b(?P<welcome>welcome\s+back|(?:so\s+)?(?:great|good|nice|lovely|wonderful)\s+(?:to\s+have|having)\s+"
    r"you\s+(?:in|back)|glad\s+you\s+(?:came|stopped|dropped|could\s+(?:come|stop|make\s+it))\s+"
    r"(?:in|by)|bienvenid[oa]\s+de\s+nuevo|(?:qu[eé]\s+bueno|(?:me|nos)\s+alegra)\s+que\s+"
    r"(?:haya\s+venido|vino|viniste|viniera))\b", re.I)
# the reader's booked slot: "we have you down for", "you're scheduled for", "your appointment
# on", "got you on the schedule", "lo tenemos agendado". Review s44: "you're all set for",
# "we switched your time to", "your new time", "you've got the first slot", "we saved the 8:15
# spot", "you're booked with Dr. X", "le apartamos el espacio"; and a bare "You're confirmed."
# or "We moved you." whose time is in the next sentence (booking_told reads it there)
_SCHEDULED = r"(?:sc?hedu?a?l+ed|booked|confirmed)"
_BOOKED_SLOT = lazy(
    r"\b(?:(?:we|i)(?:['’]ve|\s+have|['’]ll|\s+will)?\s+)?(?:(?:got|ha(?:ve|v)|has|put|"
    r"pencil(?:l)?ed)\s+" + _YOU + r"\s+(?:down|in|at|on\s+(?:the|our)\s+(?:schedule|books|"
    r"calendar)|(?:all\s+)?" + _SCHEDULED + r")|(?:booked|scheduled|moved|rescheduled|switched|"
    r"pushed|bumped)\s+" + _YOU + r"\s+(?:(?:back|up|over)\s+)?(?:in|for|to|on|with)|"
    r"(?:moved|switched|pushed|bumped|changed)\s+" + _YOUR + r"\s+(?:time|appointment|appt|"
    r"visit|slot|spot)\s+(?:(?:back|up|over)\s+)?(?:to|for)|put\s+your\s+name\s+(?:down|in))\b|"
    r"\b(?:you(?:['’]re|\s+are|re)\s+(?:all\s+|now\s+)?(?:set|" + _SCHEDULED + r"|down|on\s+"
    r"(?:the|our)\s+(?:schedule|books|calendar))|your\s+" + _SCHEDULED + r")\s+(?:for|on|at|in|"
    r"with)\b|"
    r"\byou(?:['’]re|\s+are)\s+(?:all\s+)?" + _SCHEDULED + r"(?=\s*[.!])|"
    r"\b(?:moved|rescheduled|switched)\s+you(?=\s*[.!])|"
    r"\byou(?:['’]ve|\s+have)\s+(?:got\s+)?the\s+(?:[\w:]+\s+)?(?:slot|spot|opening)\b|"
    r"\b(?:saved|held|holding|reserved|found)\s+(?:" + _YOU + r"\s+)?(?:the|an?|your)\s+"
    r"(?:[\w:]+\s+){0,2}?(?:slot|spot|opening)\b|"
    r"\b" + _YOUR + r"\s+(?:next\s+)?(?:appointment|appt|visit|follow-?up|slot|time\s+slot|"
    r"booking|reservation|check-?in|recheck)\s+(?:on|at|for|is|was|has|got|this|next|tomorrow|"
    r"today|with)\b|"
    r"\byour\s+(?:new\s+time|time\s+with\s+(?:dr|dra|doctor|nurse|np|pa|our|the))\b|"
    r"\b(?:lo|la|le|te)\s+(?:tenemos|dejamos)\s+(?:agendad[oa]|anotad[oa]|programad[oa]|"
    r"apuntad[oa])\b|"
    r"\b(?:lo|la|le|te)\s+(?:apartamos|cambiamos|movimos|reagendamos|agendamos|anotamos|"
    r"reservamos|pasamos(?!\s+(?:muy\s+)?(?:bien|mal|genial|incre[ií]ble|s[uú]per)))\b|"
    r"\b(?:su|tu)\s+cita\s+(?:del?|es|est[aá]|para|a\s+las)\b", re.I)
# a clinician or the office seeing the reader: "Dr. Raman will see you", "we'll see you",
# "Nurse Bea can fit you in", "la doctora la verá" (one reader: not "you all", "los").
# Review s44: "can take you", "should be able to see you", "wants to see you back", "will
# work you in", "has room for you", "the doctor will meet with you", "you'll be with Dr. X",
# "Dr. Hsu will se you", "puede atenderle"
_CLINICIAN = (r"(?:dr|dra|doctor|doctora|nurse|np|pa|enfermer[ao])\.?\s+(?-i:[A-ZÁÉÍÓÚÑ])"
              r"[\w'’-]+|(?:our|the|your)\s+(?:[\w-]+\s+)?(?:doctors?|dr|nurses?|providers?|"
              r"hygienists?|therapists?|team|staff|front\s+desk|physicians?|surgeons?|dentists?|"
              r"specialists?|np|pa|midwife|midwives|dietitians?|counselors?|optometrists?|"
              r"nurse\s+practitioners?)")
_SEES_YOU = lazy(
    r"\b(?:we|i|he|she|" + _CLINICIAN + r")(?:(?:\s+(?:will|can|could|should|might|may)|"
    r"['’]ll)\s+(?:be\s+(?:able\s+to\s+)?)?(?:se{1,2}(?:ing)?\s+" + _YOU + r"|(?:fit(?:ting)?|"
    r"squeez(?:e|ing)|get(?:ting)?|work(?:ing)?)\s+" + _YOU + r"\s+(?:back\s+)?in|take\s+"
    + _YOU + r"(?!\s+(?:off|out|to|on|up|through|around|along|home)\b))|"
    r"(?:\s+(?:is|are)|['’]s|['’]re)\s+(?:seeing|expecting|going\s+to\s+"
    r"see|looking\s+forward\s+to\s+seeing|(?:happy|glad)\s+to\s+see)\s+you|\s+look(?:s|ing)?\s+"
    r"forward\s+to\s+seeing\s+you|\s+wants?\s+to\s+see\s+you|\s+(?:has|have|['’]ve\s+got)\s+"
    r"(?:room|space|an?\s+opening|time)\s+for\s+you)\b"
    r"(?!\s+(?:all|guys|folks|there)\b)|"
    r"\b(?:" + _CLINICIAN + r")(?:\s+(?:will|can|could)|['’]ll)\s+meet\s+(?:with\s+)?you\b|"
    r"\byou(?:['’]ll|\s+will)\s+(?:be\s+)?(?:with|seeing|see)\s+(?:" + _CLINICIAN + r")|"
    r"\b(?:la|lo|le|te)\s+(?:vemos|veremos|ver[aá]n?|esperamos|atender[aá]n?|atenderemos)\b|"
    r"\b(?:puede|podemos|puedo|podr[aá]|podremos|va\s+a|vamos\s+a)\s+(?:atender|ver)"
    r"(?:le|la|lo|te)\b",
    re.I)
# a bare "see you" is a sign-off any event reply uses ("See you Saturday!"); with a clock time
# it is a slot ("See you at 2:30 Friday, Sam"; review s44: "c u tmrw at 8:30", "nos vemos
# mañana a las 8:30")
_SEE_YOU = lazy(r"(?<![\w'’])(?:see|c)\s+(?:you|u|ya)\b(?!\s+(?:all|guys|folks|there)\b)|"
                r"\bnos\s+vemos\b", re.I)
# ... what the visit is instead: an event or a public thing, a job, a non-care errand, a
# visit to the page
# (review s44: "the pumpkin patch", "the tailgate", "the car show", "the health expo", "the
# HVAC inspection", "a phone screen", "the hiring manager", "at the softball field", "to
# measure for the new carpet", "to help sort", "with the new sample catalog")
_NOT_CARE = lazy(
    r"\b(?:pumpkin\s+patch|corn\s+maze|hay\s*rides?|trunk[\s-]or[\s-]treat|tailgate|cook-?off|"
    r"giveaway|expo|story\s+(?:hour|time)|(?:car|craft|art|dog|talent|trade|boat|home)\s+show|"
    r"inspection|estimate|quote|invoice|lease|catalog(?:ue)?s?|brochures?|phone\s+screen|"
    r"hiring|applying|applied|application|r[eé]sum[eé]|offer\s+letter)\b|"
    r"\b(?:5k|10k|fun\s+run|race|fair|festival|parade|event|game|booth|table|tent|party|picnic|"
    r"market|(?:blood|food|toy|coat|book|supply)\s+drive|open\s+house|gala|fundraiser|raffle|"
    r"auction|tournament|ceremony|ribbon\s+cutting|breakfast|luncheon|lunch|dinner|potluck|"
    r"bake\s+sale|concert|clean-?up|meet[\s-]and[\s-]greet|mixer|celebration|lecture|seminar|"
    r"workshop|webinar|class|course|club|tickets?|seats?|(?:career|field|health|wellness|"
    r"family|fun|community|spirit|awareness|trivia|movie|game|bingo)\s+(?:day|night)|"
    r"carrera|feria|evento|fiesta|charla|taller|reuni[oó]n|clase|curso|desfile|concierto|"
    r"interview|entrevista|shift|turno|orientation|onboarding|training|meeting|tour|shadow|"
    r"volunteer(?:s|ing)?|internship|externship|job|board|committee|first\s+day|"
    r"(?:grand\s+)?opening|reception|happy\s+hour|anniversary|church|mass|worship|temple|"
    r"synagogue|mosque|facebook|instagram|online|live\s*stream|livestream)\b|"
    r"\b(?:on|at)\s+the\s+(?:[\w-]+\s+)?(?:field|court|rink|track|pool|stadium|gym|diamond|"
    r"arena|ballpark|fairgrounds|lanes|alley)\b|"
    r"\bby\s+(?:our|the|my)\s+(?:page|feed|profile|website|site|blog|channel|stream|live)\b|"
    r"\b(?:to|para)\s+(?:drop\s+off|bring|deliver|donate|talk|speak|present|teach|read|sing|"
    r"perform|play|judge|cater|install|repair|fix|vote|measure|inspect|service|paint|decorate|"
    r"help\s+(?:out|with|us|sort|set\s+up|pack|move|paint|clean|stuff|organi[sz]e|decorate)|"
    r"say\s+(?:hi|hello)|meet\s+the\s+team|"
    r"celebrate|visit\s+(?:the|our)\s+staff|dejar|traer|hablar|saludar)\b|"
    r"\b(?:with|brought|bringing)\s+(?:(?:the|your|those|that|some|all\s+the)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:cookies|pizza|pies?|donations?|flowers|treats|lunch|coffee|bagels|"
    r"doughnuts|donuts|cupcakes|cake|cards?|balloons|catalog(?:ue)?s?|samples|brochures?|"
    r"flyers?|posters?|menus?|"
    r"gifts?|goodies|food|words|comments?|reviews?|shout-?outs?|notes?|messages?)\b", re.I)
# ... or a crowd is thanked or seen: "thanks for coming in today, everyone!"
_CROWD = lazy(r"\b(?:every(?:one|body)|you\s+all|y['’]all|you\s+guys|you\s+folks|"
              r"tod[oa]s)\b", re.I)
# ... or the slot is for anyone: an invitation, a condition, hours ("we'd love to see you",
# "if you call today we can see you tomorrow", "as early as 7am", "anytime")
_FOR_ANYONE = lazy(
    r"\b(?:if\s+you|whenever|any\s*(?:one|body|time|day)|as\s+(?:early|late|soon)\s+as|"
    r"same[\s-]day|walk-?ins?|usually|typically|most\s+(?:days|weekdays|people|patients)|"
    r"new\s+patients|(?:would|['’]d)\s+love\s+to|hope\s+to|si\s+(?:usted|gusta|quiere|desea)|"
    r"cualquier)\b", re.I)
# a clinician or staff member addressed: a welcome back or thanks for coming in is staff news
# ("Welcome back today, Nurse Kim!", "thanks for coming in on your day off, Dr. Raman")
_TO_CLINICIAN = lazy(r"(?:^|[,!¡])\s*(?:dr|dra|doctor|doc|nurse|np|pa|coach|officer|chief|"
                     r"mayor|principal|pastor|captain|sheriff|senator|councilman|councilwoman|"
                     r"commissioner)\.?(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])"
                     r"[\w'’-]+)?)?\s*(?:[!.?,]|$)", re.I)
# a sentence, kept whole over a title's or a time's period ("Dr. Raman", "10 a.m. Friday")
_ABBREV_END = lazy(r"(?:\b(?:drs?|dra|mrs?|ms|mx|st|sra?|jr|nurse)|\b\w)\.\s*$", re.I)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for s in _SENTENCE.finditer(text):
        if spans and _ABBREV_END.search(text, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], s.end())
        else:
            spans.append((s.start(), s.end()))
    return spans


def _thanked_visit(text: str, start: int, end: int) -> re.Match[str] | None:
    m = _THANKED_VISIT.search(text, start, end)
    if m is None or _CROWD.search(text, start, end) or _TO_CLINICIAN.search(text, start, end):
        return None
    # a return counts for coming in, visiting us, having them in: not for a page's visitor
    again = (m.group("came") or m.group("us") or m.group("welcome")) and _AGAIN.search(
        text, start, end)
    return m if again or _WHEN.search(text, m.end(), end) else None


# a bare "Booked:" or "Confirmed!" heads a slot only with a clinician named by it ("✅ Booked:
# Friday 9am with Dr. Lund"); bare, it may head anything ("Confirmed: we're closed Monday")
_BARE_BOOKED = lazy(r"(?<![\w'’])(?:all\s+)?(?:booked|confirmed)\s*[:!–—-]", re.I)
_NAMED_CLINICIAN = lazy(r"\b(?:" + _CLINICIAN + r")", re.I)
# the practice's hours in the sentence after a booking: "We'll see you soon! Doors open at 6."
_HOURS = lazy(r"\b(?:open|opens|closed|closes|closing|hours)\b", re.I)


def _next_tells_when(text: str, nxt: tuple[int, int] | None) -> bool:
    """The sentence after a slot or a clinician seeing the reader that gives its time (review
    s44: "We can fit you in. Would tomorrow at 11 work?", "You're confirmed. Tuesday, 10am"):
    a clock time, or a day asked about; not an event's, anyone's or the office hours'."""
    if nxt is None:
        return False
    start, end = nxt
    if any(p.search(text, start, end) for p in (_NOT_CARE, _EVENT, _CROWD, _FOR_ANYONE, _HOURS)):
        return False
    return bool(_AT_CLOCK.search(text, start, end) or (
        text[start:end].rstrip().endswith("?") and _WHEN.search(text, start, end)))


def _booked_or_seen(text: str, start: int, end: int,
                    nxt: tuple[int, int] | None) -> re.Match[str] | None:
    if _CROWD.search(text, start, end) or _FOR_ANYONE.search(text, start, end):
        return None
    for shape in (_BOOKED_SLOT, _SEES_YOU):
        m = shape.search(text, start, end)
        if m and (_WHEN.search(text, m.end(), end) or _next_tells_when(text, nxt)):
            return m
    m = _BARE_BOOKED.search(text, start, end)
    if m and _NAMED_CLINICIAN.search(text, start, nxt[1] if nxt else end) and (
            _WHEN.search(text, m.end(), end) or _next_tells_when(text, nxt)):
        return m
    m = _SEE_YOU.search(text, start, end)
    return m if m and _AT_CLOCK.search(text, m.end(), end) else None


def booking_told(text: str) -> re.Match[str] | None:
    """The words that thank the reader for a visit, tell their booked slot or a clinician
    seeing them at a time (the module's docstring), or None."""
    spans = _sentences(text)
    for i, (start, end) in enumerate(spans):
        if _NOT_CARE.search(text, start, end) or _EVENT.search(text, start, end):
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        m = _thanked_visit(text, start, end) or _booked_or_seen(text, start, end, nxt)
        if m:
            return m
    return None


# --- the reader's care as under way (care_told) ---
# Each shape names the care itself. Two outside reviews (session 23) wrote everyday replies
# that looser shapes blocked: "next time you're in the neighborhood", "same time next week?"
# to a kickball team, "glad the new parking signs are helping", "so glad you're back to
# blogging", "rest up, players"; then "keep icing that cake", "keep elevating your voice", "no
# heavy lifting for a few more days" while the weight room is resurfaced, "feeling more like
# yourself again" after a vacation, "the nurses who looked after you on your shadow day", "see
# you at group practice", "your journey back to strength" for a team, "stroke class" at the
# pool. Those shapes are not here.
# a standing group of theirs, bare and ending its sentence: "miss you in group", "see you at
# group too!" (not "group practice", not "at group, choir!"; a named group is read apart:
# "tinnitus group" needs its health word). ("See you at your next infusion" needs no shape
# here: reply_confirms_care ties the care word to "your" first.)
_GROUP = (r"\b(?:see|miss(?:ed)?)\s+you\s+(?:at|in)\s+group(?=\s*(?:[.!?]|$|too\b|again\b))")
_NAMED_GROUP = lazy(r"\b(?:see|miss(?:ed)?)\s+you\s+(?:at|in)\s+(?P<what>[a-z][\w-]+)\s+"
                    r"(?:group|class)\b", re.I)
_HOME_CARE_NOW = (r"\b(?:keep|continue|remember\s+to|don['’]t\s+forget\s+to)\s+(?:on\s+)?"
                  r"(?:icing|elevating)\s+(?:that|your|the|those)\s+(?:sore\s+|new\s+)?"
                  r"(?:" + BODY_PART + r")\b")
_RECOVERING = r"\byour\s+journey\s+back\s+to\s+health\b(?!\s+inspections?\b)"
_UNDER_CARE = lazy("|".join((_GROUP, _HOME_CARE_NOW, _RECOVERING)), re.I)
# the clinicians who cared for the reader ("the nurses who took care of you", "Dr. Ávila, who
# treated you"), searched on the whole reply: a sentence split would cut "Dr." from its name
_CARED_BY = lazy(r"\b(?:nurses?|doctors?|care\s+team|(?:dr|nurse)\.?\s+"
                 # (a comma or spaces, matched in linear time on a long run of spaces)
                 r"(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)(?:\s*,\s*|\s+)(?:who\s+)?(?:took\s+care\s+of|"
                 r"cared\s+for|treated)\s+you\b|"
                 # ... and in Spanish: "las enfermeras que la atendieron", "el Dr. Ruiz, que lo
                 # operó" (not "el equipo que la cuidó": the garden, the float, the mural)
                 r"\b(?:(?:enfermer[ao]s?|doctor(?:a|es|as)?)(?:\s+(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)?|"
                 r"dra?\.?\s+(?-i:[A-ZÁÉÍÓÚÑÜ])[\w'’-]+)"
                 r"(?:\s*,\s*|\s+)(?:que|quienes?)\s+(?:la|lo|le|te|los|las)\s+(?:atendi[óo]|"
                 r"atendieron|cuid[óo]|cuidaron|oper[óo]|operaron|trat[óo]|trataron)\b", re.I)
# ... unless the reader is a newcomer the clinicians looked after: "the nurses who took care
# of you during orientation", "on your shadow day", "welcome back, interns!"
_TRAINEE = lazy(r"\b(?:orientation|onboarding|intern(?:s|ship)?|shadow(?:ing)?|clinicals|"
                r"rotation|externship|training|first\s+day|new\s+hire|welcome\s+to\s+the\s+"
                r"team|volunteer(?:s|ing)?|students?|entrenamiento|capacitaci[óo]n|"
                r"orientaci[óo]n|voluntari[oa]s?)\b", re.I)
# a class a health word names that is also a sport's word: "stroke class" at the pool
_SPORT_WORD = frozenset({"stroke"})
# not the reader's: "anyone", "most people", "if you ..." before it in its sentence
_ANYONE = lazy(r"\b(?:anyone|most\s+(?:people|folks|patients)|many\s+people|if\s+you|"
               r"whether\s+you|in\s+general)\b", re.I)


def care_told(text: str) -> re.Match[str] | None:
    """The words that speak to the reader's care as under way, or None."""
    for s in _SENTENCE.finditer(text):
        if _EVENT.search(s.group(0)):
            continue  # "see you at the 5K", "at the booth"
        m = _UNDER_CARE.search(text, s.start(), s.end())
        if m is None:
            group = _NAMED_GROUP.search(text, s.start(), s.end())
            what = group.group("what") if group else ""
            m = group if what.lower() not in _SPORT_WORD and health_mentions(what) else None
        if m and not _ANYONE.search(text, s.start(), m.start()):
            return m
    cared = _CARED_BY.search(text)
    if cared and not _TRAINEE.search(text):  # the trainee anywhere in the reply
        return cared
    return None
