"""Third attack review (2026-12-02), the tightening classes: threat verbs the harmless
list released (H1), 'is going to get hurt' after a clause opened by I/my/our (H2), threats
with no listed opener (H3), doxxing a staff member (H4), off-list insult nouns and insulting
emoji (H5). Our own sentences, written for these tests, not the reviewer's."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy())


def _abuse(classifier: CommentClassifier, text: str) -> float:
    return classifier.scores(text)["abuse"][0]


@pytest.mark.parametrize("text", [
    'Move my surgery again and I will shoot.',
    "Keep me on hold one more hour, I'm gonna shoot.",
    "I'm going to shoot when the night nurse walks out to her car.",
    "I swear I'll shoot if they cancel on me again.",
    'Gonna shoot tomorrow, right at your front window.',
    "I'm going to shoot the whole line at the pharmacy counter.",
    'Someone should shoot the crowd sitting in that lobby.',
    "I'm gonna beat and kick that billing lady until she cries.",
    'I will hurt and humiliate the scheduler who lost my file.',
    "I'm going to burn and destroy that receptionist's life.",
    "I'm going to beat the crowd in your lobby senseless.",
    "I'll shoot after your office closes, wait and see.",
    'Gonna beat when I catch the tech who did this.',
])
def test_threat_verb_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    'I guarantee that nurse is going to get hurt.',
    "If I run into that receptionist again she's going to get hurt.",
    'Our family doctor is going to get hurt if he keeps ignoring me.',
    'My nurse is gonna get hurt if she pokes me one more time.',
    'When I get there your office manager is going to get hurt.',
    'I know where she parks and that scheduler is going to get hurt.',
    'Once I learn who botched my bloodwork someone is getting beaten.',
])
def test_get_hurt_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    "I'd break every bone in that scheduler's face if I had the chance.",
    'I want to choke the front desk girl until she turns blue.',
    'I could stab Dr. Ruiz for what he did to my mom.',
    'I hope someone shoots that receptionist on her way home.',
    'Honestly that nurse deserves to die.',
    'Dr. Patel should just die already.',
    "Next visit I'm bringing my pistol for the billing office.",
    "I'd put a bullet through that doctor if I could.",
    'I wish somebody would strangle Nurse Kay.',
    'I really want to punch Dr. Bell in his smug face.',
    "Keep it up and I'm sending that receptionist to the ER.",
    'The billing manager should sleep with one eye open.',
    "Someone slash Dr. Kent's tires.",
])
def test_threat_no_opener_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    "Nurse Dana Price's home address is 44 Birch Lane, go say hi.",
    "Dr. Ortiz's house is the blue one at 210 Maple Ave, apt 3.",
    "Here is the scheduler's cell number 555-014-2231, call her at 3am.",
    "Dr. Hale's personal phone is 555-880-1200, let him have it.",
    'That receptionist drives a silver Camry and parks behind the dumpster every night.',
    "Dr. Voss's black Tesla is always parked on the third floor of the garage.",
    "Nurse Lee's daughter goes to Maple Grove Elementary, just saying.",
    'The tech is on TikTok @kayla.techlife, spam her comments.',
    "Dr. Shaw's insta is @drshaw_md, go blow up his DMs.",
    'Scheduler Tammy lives in the Pinecrest apartments, unit 12.',
    'That nurse is at 77 Harbor Rd most nights, somebody go talk to her.',
])
def test_doxxing_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    'Dr. Gray is a total creep, avoid him.',
    'That billing guy is a lying little weasel.',
    "The nurse is a halfwit who can't find a vein.",
    'Nurse Bo is a dimwit and a pervert.',
    'You airheads at the front desk lost my chart again.',
    'That scheduler is a sneaky snake.',
    'Dr. Ruiz is subhuman.',
    'The receptionist is a nasty worm.',
])
def test_insult_noun_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    'Nurse Tina 🖕',
    'Dr. Malik 🖕🖕🖕',
    'That scheduler Gina 🐷🐷',
    'The receptionist is a 🤡',
    'You 🐍 at the front desk',
    'Front desk lady 💩💩',
    'Dr. Kent = 🤡🤡',
])
def test_insult_emoji_is_hidden(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) >= 0.7


@pytest.mark.parametrize("text", [
    "It's going to hurt a little when they take the stitches out.",
    'This is going to burn and then it stops, the nurse said.',
    'Gonna beat the traffic and be there by eight.',
    "I'm going to beat the lunch rush, see you at noon.",
    "I'll beat the crowd if I get there early.",
    'The ointment is going to burn when you put it on.',
    "I'm gonna shoot for the 3pm slot if it's open.",
    "I'll shoot the office a message tomorrow.",
    "I'm going to be late, shoot!",
    "It's going to hurt but it's worth it.",
])
def test_threat_verb_lookalike_stays(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    "If I go on that icy ramp I'm going to get hurt.",
    'My son is going to get hurt on that broken play set in the waiting room.',
    'Our kids are gonna get hurt on those loose tiles by the door.',
    "I'm scared I'll get hurt during the stress test.",
    "We're going to get hurt if nobody salts the steps.",
    'My grandma is going to get hurt on that curb, please fix it.',
])
def test_get_hurt_lookalike_stays(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    "I'd kill for a same-day appointment right now.",
    'I could kill for a coffee after that fasting blood draw.',
    'No one deserves to die waiting for a transplant.',
    "Nobody should die because they can't afford insulin.",
    'I want to beat this infection before my wedding.',
    'I hope somebody shoots me an email about my results.',
    "I'd love to shoot some hoops once my knee heals.",
    'Can I bring my insulin pen on the plane?',
    'I want to kill this cough once and for all.',
    'I could strangle my husband, he forgot the appointment again lol.',
])
def test_threat_no_opener_lookalike_stays(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    'Please update your home number at the front desk.',
    'I parked my car behind the clinic and it was fine.',
    'My daughter goes to Maple Grove Elementary and got her shots here.',
    'Follow us on Instagram @riverbendclinic for updates.',
    "The practice's phone number is 555-010-4400.",
    "Dr. Lee's office is at 22 Oak Street, easy parking.",
])
def test_doxxing_lookalike_stays(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    'There was a rat in the parking lot last night.',
    'My son got a snake bite on his ankle at camp.',
    'Our toddler has pinworms again, any advice?',
    'Is degenerative disc disease painful?',
    "Cancer 🖕 I'm finally done with chemo!",
    'The kids loved the 🐷 stickers the nurse gave out.',
    'That freak accident broke my wrist.',
])
def test_insult_noun_lookalike_stays(classifier: CommentClassifier, text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    "I hope the flu shot doesn't hurt her.",
    'Hope they beat you there, traffic is bad.',
    "I'd love to hit you up for a coffee sometime.",
    'I wish someone would shoot me a text when results are in.',
    'We hope everyone beats the heat this summer!',
    "I'd hate to hurt her feelings, she was so kind.",
    'I pray nobody hurts you ever again.',
    'Hope nothing hurts you after the procedure.',
    "I hope the dentist doesn't hurt him this time.",
    'I want to hug the nurse who helped my mom.',
    "The nurse's home visit is at 3pm on Tuesday.",
    "Dr. Chu's cell phone rang during my appointment lol.",
    'My husband drives a red truck and parks in the back lot every day.',
    "The pediatrician's daughter goes to my son's school, small world!",
    'Flood warning: the parking lot floods every spring.',
])
def test_wish_and_exposure_lookalikes_stay(classifier: CommentClassifier, text: str) -> None:
    """A wish that nothing hurts, a thing flooding, one's own car, a shared school."""
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    "My kids are little monsters at every checkup 😂",
    "Our two boys were total animals in the waiting room, sorry nurses!",
    "our puppies are such animals at the vet too",
])
def test_fondness_for_ones_own_children_is_not_name_calling(classifier: CommentClassifier,
                                                          text: str) -> None:
    assert _abuse(classifier, text) < 0.7


@pytest.mark.parametrize("text", [
    "My kids say Dr. Hale is a monster",
    "That receptionist is a monster and my kids are scared of her",
])
def test_name_calling_beside_ones_own_children_still_hides(classifier: CommentClassifier,
                                                           text: str) -> None:
    assert _abuse(classifier, text) >= 0.7
