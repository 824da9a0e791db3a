"""A text file is read only as far as a text can reach (security review, session 5):
`post create --file /dev/zero` used to read for ever (killed after 60 s in the review)."""

from __future__ import annotations

import os

import pytest

from social_bot.errors import UserError
from social_bot.inputs import MAX_FILE_BYTES, read_text_file


def test_a_file_larger_than_any_text_is_refused_without_reading_it_all(tmp_path) -> None:  # noqa: ANN001
    big = tmp_path / "calendar.txt"
    big.write_bytes(b"Open house on Saturday. " * (MAX_FILE_BYTES // 24 + 2))
    with pytest.raises(UserError, match="larger than"):
        read_text_file(big)
    ok = tmp_path / "post.txt"
    ok.write_text("Open house on Saturday.", encoding="utf-8")
    assert read_text_file(ok) == "Open house on Saturday."


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_an_endless_file_is_refused() -> None:
    with pytest.raises(UserError, match="larger than"):
        read_text_file("/dev/zero")
