"""A veiled threat: the commenter tells a person they know where that person or their family
lives, goes, or is alone (an outside review's hole: "I know where <staff>'s kids go to school"
was flagged nothing). Knowing where the office is, or when it opens, is no threat.

Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import score_abuse


@pytest.mark.parametrize("text", [
    "I know where Dr. Okonjo's kids go to school. Think about that.",
    "we know where that receptionist's daughter goes to school",
    "I know what car your nurse drives. Just saying.",
    "We know when the front desk lady gets off work and walks to her car.",
    "I found out where Dr. Haldane lives. See you soon doc",
    "I know where Nurse Trudy lives",
    "Funny, I know which gym Dr. Villa goes to and what time he's there alone.",
    "Ya sé dónde vive la doctora Ruiz, cuidadito",
    "sabemos a que hora sale la recepcionista y que carro maneja",
    "supe donde estaciona su troca el doctor, ahi lo espero",
    "I know where Dr. Kim's office is and where she parks every night",
])
def test_knowing_a_persons_private_whereabouts_is_abuse(text):
    score, reason = score_abuse(text.lower())
    assert score >= 0.8 and "whereabouts" in reason


@pytest.mark.parametrize("text", [
    "I know where the office is now, thanks for the directions!",
    "We know when you open on Saturdays, see you then",
    "I know where my kids go to school is far from your clinic, any plans for a second spot?",
    "I know what time you close, I'll bring the kids after school",
    "We know when the doctor is in, my son only wants to see her",
    "I know where Dr. Ames moved her practice, her new office is on Oak",
    "I know where your new office is now right by the high school",
    "We know when you guys open so we bring the kids before school",
    "Ya sé dónde queda la clínica, gracias!",
    "Ya sé dónde estacionarme, gracias por la info",
    "ya se donde vive mi tia, le llevo sus medicinas",
    "Ya sabemos a qué hora salen los niños de la escuela, vamos después a la cita",
])
def test_knowing_where_the_office_is_or_when_it_opens_is_not(text):
    _, reason = score_abuse(text.lower())
    assert "whereabouts" not in reason
