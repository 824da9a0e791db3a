"""The lead's re-read of session 52's change (helpers who did not write it): a possessive
name in a reply, a planted key acceptance of any shape, a junk witness record, and a spool
filled by another login. Each test failed on the change as merged before this fix. Texts
and names are written for this test."""

from __future__ import annotations

import os

from test_daemon_helpers import DANA
from test_witness_session52 import (  # noqa: F401 - fixtures
    PAT_UID,
    _files,
    _give,
    _queued,
    _witnessed,
    as_root,
    door,
    logins,
    policy_file,
)

from policies.phi.answering import words_pattern
from social_bot import witness
from social_bot.approvals import approve
from social_bot.chat.guard import _hide_answered
from social_bot.vote_seal import acceptance_key

OTHER_UID = 61077  # a login that is not the writer


def test_a_possessive_name_is_the_name_in_a_reply() -> None:
    pattern = words_pattern({"Marisela"})
    assert pattern.search("So sorry to hear about Marisela's news.")
    assert pattern.search("Marisela’s recovery is in our thoughts")
    assert not pattern.search("Mariselas")  # another word


def test_the_reply_card_hides_a_possessive_of_a_hidden_name() -> None:
    hidden = [("Marisela", "[patient name]", True)]
    shown = _hide_answered("We hope Marisela's week gets easier.", hidden)
    assert "Marisela" not in shown and "[patient name]'s week" in shown


def test_a_planted_acceptance_of_any_shape_is_no_acceptance() -> None:
    for detail in ('{"public": 1}', '[]', '"x"', '{"public": null}', 'not json', '{}'):
        assert acceptance_key(3, "abc", detail) is None


@as_root
def test_another_logins_files_cannot_push_the_writers_witness_out(door, logins) -> None:  # noqa: ANN001, F811
    post_id = _queued(door)  # written as pat
    _give(door, witness.WROTE, post_id, PAT_UID)  # as pat's `leave` would own it
    spool = witness.spool_dir(door.settings)
    for n in range(witness.MAX_FILES + 5):  # names that sort before pat's own
        junk = spool / f"wrote-{post_id}-0-{n:04d}"
        junk.write_text("{}")
        os.chown(junk, OTHER_UID, -1)
    approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == [(1, "os:pat")]


def test_a_tile_with_one_short_line_of_grey_print_is_not_blank() -> None:
    from PIL import Image, ImageDraw

    from policies.media.engines import blank_tile

    tile = Image.new("RGB", (1664, 1664), "white")
    ImageDraw.Draw(tile).text((40, 800), "Rowan Pike 4471", fill=(90, 90, 90))
    assert not blank_tile(tile)
    assert blank_tile(Image.new("RGB", (1664, 1664), (250, 250, 250)))


def test_only_a_setgid_folder_closed_to_others_is_shared(tmp_path) -> None:  # noqa: ANN001
    from social_bot.filesafety import shared_group

    for mode, shared in ((0o2770, True), (0o775, False), (0o777, False), (0o2777, False),
                         (0o700, False)):
        folder = tmp_path / f"d{mode:o}"
        folder.mkdir()
        folder.chmod(mode)
        assert (shared_group(folder) is not None) is shared, oct(mode)


def test_a_planted_hard_link_is_not_opened_to_the_group(tmp_path) -> None:  # noqa: ANN001
    from social_bot.filesafety import make_private_file

    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o2770)
    secret = tmp_path / "vote.key"
    secret.write_text("k")
    secret.chmod(0o600)
    planted = folder / "socialbot.db-wal"
    os.link(secret, planted)
    make_private_file(planted, os.stat(folder).st_gid)
    assert (secret.stat().st_mode & 0o777) == 0o600
