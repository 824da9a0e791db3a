"""Session 44: a practice's reply that confirms the commenter's visit or appointment blocks
(visits.booking_told, read by visit_told; rule "reply_visit"): thanks or a welcome for a visit
tied to a day, "today" or "again"; the reader's booked slot; a clinician or the office seeing
the reader at a time. An event, a public thing, a job, an invitation to anyone, thanks for a
comment or a donation, staff news and a refusal to discuss visits pass. In a post none of this
is read. Every sentence is written for this file (fit, not accuracy); docs/history/phi.md, "Session
44: a reply that confirms a visit"."""

from __future__ import annotations

import pytest
from conftest import blocking, blocking_rules

from policies.phi import PhiScreen
from policies.phi.visits import booking_told

VISITS = [
    # thanks or a welcome for a visit, with a day, "today" or "again"
    "Thank you for coming in this morning, Marisol!",
    "Thanks so much for stopping by the office on Tuesday, Rob.",
    "Thanks for visiting us again today, Pat!",
    "Welcome back, Dana! Great to have you in again.",
    "Thanks for coming in today, hope the rest of your afternoon is relaxing!",
    "Gracias por visitarnos ayer, Rosa.",
    # the reader's booked slot
    "You're scheduled for 9:30 on Monday, Lee.",
    "You're all booked for next Tuesday at 10!",
    "We've got you on the schedule for Monday morning.",
    "Got you booked for the 22nd at 1:30, Sam.",
    "Your check-in is at 8:40 tomorrow, Ben.",
    # a clinician or the office seeing the reader at a time
    "Dr. Okafor will see you Thursday.",
    "Hi again! Nurse Bea will see you at 8:15 tomorrow.",
    "Dr. Lin can see you tomorrow at 10:45.",
    "We can get you in tomorrow morning.",
    "Dr. Ruiz is expecting you at 11.",
    "See you at 2:30 Friday, Sam!",
    "La doctora la verá el jueves a las 3.",
    "Te esperamos el sábado a las 9.",
    "The doctor can see you at 1:15 today.",
    "We've rescheduled you for the 9th.",
    "It was great having you in yesterday!",
    "We look forward to seeing you Thursday at 10!",
    # advice beside the booking does not make it anyone's
    "Bring your insurance card, we have you down for Friday at 2.",
]

EVERYDAY = [
    # an event or a public thing
    "See you at the health fair Saturday!",
    "Thanks for coming to our open house!",
    "We'll see you Thursday at the ribbon cutting!",
    "Thanks for stopping by our booth at the farmers market Saturday!",
    "Thanks for coming out for the blood drive yesterday!",
    "Dr. Okafor will see you at the pancake breakfast Sunday!",
    "You're down for two raffle tickets, drawing is Friday!",
    "Los esperamos el sábado en la feria de salud.",
    # general invitations, hours, a crowd
    "We'd love to see you! Call us to book.",
    "Walk-ins welcome Saturday from 9 to noon.",
    "Our new hours start Monday, so we can see you as early as 7am!",
    "If you'd like an appointment, we can see you Thursday or Friday. Just call us.",
    "Dr. Raman can see you anytime, just call the front desk.",
    "We'll see you all Saturday!",
    "Thanks for coming in today, everyone!",
    "See you Saturday!",
    # thanks for a comment, a review, a donation, a share, a page visit
    "Thanks for the kind review, Casey!",
    "Thank you for your generous donation to the toy drive!",
    "Thank you so much for sharing the flyer with your neighbors!",
    "Thanks for the shout-out yesterday, Casey!",
    "Thanks for stopping by our page again, Marge!",
    "Thanks for popping in again with the kind words!",
    # staff news, a guest, a job applicant or an employee
    "Welcome back from vacation, Dr. Raman! We missed you.",
    "Welcome back today, Nurse Kim!",
    "Dr. Raman will be seeing patients on Thursdays starting in May.",
    "Thanks for coming in yesterday to talk to our nurses about fire safety, Chief!",
    "Thanks for stopping by yesterday, Officer Diaz! The kids loved the fire truck.",
    "We'll see you at your interview Thursday!",
    "Your interview is scheduled for 2pm Monday.",
    "We have you down as a volunteer for Saturday.",
    "You're scheduled for the early shift Monday, Tasha.",
    # declining to discuss; errands that are no visit
    "We can't discuss visits here, please call us at the front desk.",
    "We'll get you a copy of the flyer tomorrow.",
    "Thanks again for the lovely flowers on Friday!",
    "Thanks for swinging by with pies yesterday!",
    "Thanks for coming in on a Saturday to help with the move!",
    "We can't confirm whether you're scheduled for Friday at 2, please call us.",
    "Thanks for stopping in Saturday at the grand opening!",
    "Thanks for visiting us today on Facebook Live!",
    "We look forward to seeing you!",
    "See you at 5:30 for book club!",
]


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


@pytest.mark.parametrize("text", VISITS)
def test_a_reply_that_confirms_a_visit_blocks(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Thank you for coming in on Monday, Priya!",
    "We have you down for 3pm Friday.",
    "Welcome back! Dr. Raman will see you Thursday.",
    "Thanks for stopping by the office on Tuesday, Rob.",
    "We'll see you at 3!",
])
def test_the_visit_is_its_own_finding(phi, text):
    # nothing else in these replies names care: the new construction is what blocks them
    assert rules(phi, text) == {"reply_visit"}


def rules(phi: PhiScreen, text: str) -> set[str]:
    return blocking_rules(phi, text, "reply")


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_replies_pass(phi, text):
    assert not blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", VISITS + EVERYDAY)
def test_as_a_post_nothing_is_read(phi, text):
    # in a post these are an invitation or news for every reader (none blocked as a post
    # before this rule either)
    assert not blocking(phi, text, context="post")


def test_a_title_does_not_end_the_sentence():
    # "Dr." is no sentence end: the clinician and the day stay together
    m = booking_told("Welcome back! Dr. Raman will see you Thursday.")
    assert m is not None and m.group(0) == "Dr. Raman will see you"

