"""Session 53, re-read C: passive ideation after words of a person's own state is a crisis.

`crisis._PLACE_NEAR` kept "I don't want to be here anymore" / "I just want to disappear"
quiet for any of "room", "hold", "place", "state", "school", "class", "cold", "weekend" in
the sentence before, which are as often the person's own story ("I'm in a dark place",
"I can't hold on"). Only a place's phrase ("waiting room", "on hold", "this place") counts.
"""

from __future__ import annotations

import pytest

from policies.moderation.crisis import crisis

OWN_STATE_THEN_IDEATION = [
    "I cried in my room all night. I don't want to be here anymore.",
    "I can't hold on. I don't want to be here anymore.",
    "Nobody in my class talks to me. I don't want to be here anymore.",
    "I'm in a dark place. I don't want to be here anymore.",
    "My mental state is awful. I don't want to be here anymore.",
    "I hate school and nobody cares. I don't want to be here anymore",
    "This weekend was hell. I don't want to be here anymore.",
    "I stayed in my room for days. I just want to disappear.",
    "I feel so cold inside. I just want to disappear.",
]

STILL_A_PLACE = [
    "Sat in the exam room for an hour. I don't want to be here anymore.",
    "On hold for 40 minutes again. I don't want to be here anymore",
    "This place is a joke. I don't want to be here anymore.",
    "Llevo dos horas en este lugar. Ya no quiero estar aqui.",
]


@pytest.mark.parametrize("text", OWN_STATE_THEN_IDEATION)
def test_words_of_a_persons_own_state_do_not_quiet_passive_ideation(text: str) -> None:
    assert crisis(text)[0] >= 0.5


@pytest.mark.parametrize("text", STILL_A_PLACE)
def test_a_place_phrase_still_keeps_it_quiet(text: str) -> None:
    assert crisis(text)[0] == 0.0


@pytest.mark.parametrize("text, number", [
    ("A lot of you asked: account 88120045 to 88120099 were refunded.", "88120099"),
    ("Lots of progress today, chart 4410233 to 4410299 reviewed.", "4410299"),
])
def test_lots_of_is_no_batch_word(text: str, number: str) -> None:
    """numbers.series_end released a number range after "serial/lot/batch ..."; "a lot of"
    and "lots of" (a quantity) counted as the batch word, so a range of account or chart
    numbers after it was read as a product's series."""
    from policies.phi.numbers import series_end

    start = text.index(number)
    assert not series_end(text, start, start + len(number))


def test_a_recall_lot_range_is_still_a_series() -> None:
    from policies.phi.numbers import series_end

    text = "Recall: lots SN-4410 to SN-4432 of the pump."
    start = text.index("SN-4432")
    assert series_end(text, start, start + len("SN-4432"))


def test_write_text_checked_refuses_a_planted_symlink(tmp_path) -> None:  # noqa: ANN001
    """`audit rotate-signing-key` keeps the old public half as audit.sign.<id>.pub (an id
    anyone can read with `audit public-key`); a staff login in a shared data directory
    planted it as a symlink to audit.key, and the rotation overwrote the audit key with the
    public key's text: every record after it was BROKEN. Now the rotation is refused and
    both keys are as they were."""
    import errno
    import os

    from social_bot.export_key import (
        SIGNING_KEY_FILE,
        SigningKey,
        create_key_file,
        load_signing_key,
        rotate_signing_key,
    )
    from social_bot.filesafety import write_text_checked

    secret = tmp_path / "audit.key"
    secret.write_text("s" * 64 + "\n")
    secret.chmod(0o600)
    create_key_file(tmp_path / SIGNING_KEY_FILE)
    old = load_signing_key(tmp_path)
    before = (tmp_path / SIGNING_KEY_FILE).read_bytes()
    (tmp_path / f"audit.sign.{old.public.key_id}.pub").symlink_to("audit.key")
    with pytest.raises(OSError) as refused:
        rotate_signing_key(tmp_path, SigningKey.generate())
    assert refused.value.errno == errno.ELOOP
    assert secret.read_text() == "s" * 64 + "\n"
    assert (tmp_path / SIGNING_KEY_FILE).read_bytes() == before
    plain = tmp_path / "plain.txt"
    write_text_checked(plain, "x")
    assert plain.read_text() == "x" and not os.path.islink(plain)
