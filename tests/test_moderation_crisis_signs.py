"""Session 46, the crisis flag round 2: the published warning signs (C-SSRS wish to be dead,
thoughts, method, plan, preparatory behaviour; SAMHSA/NIMH/988 burden, farewell, giving things
away, trapped, stopping medicine, slang), each beside a harmless look-alike that must stay
quiet. The comments are the team's own (fit, not accuracy: docs/history/moderation.md, "Session 46:
the crisis flag, round 2")."""

from __future__ import annotations

from typing import Any

import pytest

from policies.moderation import ModerationPolicy, should_auto_hide

# (a warning sign said by or of a person, a look-alike that names no one's crisis)
PAIRS = [
    # C-SSRS 1, wish to be dead
    ("some nights I just want to go to sleep and never wake up",
     "can't wait to sleep in on Saturday and not set an alarm"),
    ("my daughter said she doesn't want to exist anymore",
     "I hope I don't wake up the baby when I come in at 6"),
    ("quisiera dormirme y ya no despertar nunca",
     "me muero de hambre, ¿a qué hora abren?"),
    # slang for thoughts of killing oneself
    ("honestly gonna kms if this keeps up, nobody at home talks to me",
     "I'm dead 😂 this video of the nurses dancing"),
    ("been having unalive thoughts again since the divorce",
     "this traffic is killing me, running 10 min late"),
    ("me quiero matar, ya no puedo con todo esto",
     "me voy a matar estudiando para el examen de enfermería"),
    # a method or a plan, a search for one
    ("been googling painless ways to die all week",
     "Sharing for awareness month: call or text 988 if you are struggling"),
    ("mi hijo dice que piensa en ahorcarse",
     "vamos a tirarnos al mar este verano con los niños"),
    # preparatory behaviour, the means at hand
    ("I have the pills in my hand right now",
     "giving away my old crib, anyone want it?"),
    ("I'm giving away all my stuff, I won't need any of it anymore",
     "Do you have grief groups for people who lost someone to suicide?"),
    # the burden, trapped, no one would notice
    ("I'm just a burden to everyone in my life",
     "Warning signs include talking about being a burden and saying goodbye"),
    ("todos estarían mejor sin mí",
     "ya me voy, bye! gracias por todo"),
    ("the only way out is to die",
     "there's no way out of this parking lot after 5pm"),
    # farewell, stopping medicine on purpose, self-harm again
    ("I already said goodbye to my kids for the last time",
     "I cut myself shaving, can the nurse look at it?"),
    ("stopped taking my insulin so I can just die",
     "I stopped taking my statin because of the muscle pain"),
    ("me volví a cortar anoche y nadie sabe",
     "me volví a cortar el pelo muy corto jaja"),
]


@pytest.fixture(scope="module")
def classifier(screened_classifier: Any) -> Any:
    return screened_classifier


@pytest.mark.parametrize(("sign", "lookalike"), PAIRS)
def test_a_published_warning_sign_is_a_crisis_its_lookalike_is_not(
        classifier: Any, sign: str, lookalike: str) -> None:
    flags = classifier.classify(sign)
    assert flags and flags[0].flag == "crisis", [f.flag for f in flags]
    assert not should_auto_hide(flags, ModerationPolicy())
    assert classifier.scores(lookalike)["crisis"] == (0.0, "")


def test_a_prevention_walk_is_not_offensive(classifier: Any) -> None:
    walk = "signed up for the suicide prevention walk"
    assert "abuse" not in [f.flag for f in classifier.classify(walk)]
    # the rules still name an insult in the same context
    rude = "your suicide prevention walk is a joke, you idiots"
    assert "abuse" in [f.flag for f in classifier.classify(rude)]
