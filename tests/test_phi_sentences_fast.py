"""candidates._SENT_END, rewritten for speed (the period first, the titles looked for behind
it), finds the same sentence ends as the pattern it replaced, on the team's texts and on
every short string made of the characters that decide it."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from policies.phi.candidates import _SENT_END, sentences

# the pattern as it was before session 13: six lookbehinds tried at every character
_BEFORE = re.compile(r"[!?\n]+|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bJr)\.(?=\s|$)")
_DATA = Path(__file__).parent / "data" / "phi"


def _ends(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_same_ends_on_every_short_string_of_the_deciding_characters():
    # titles, their letters, a word character before them (\b), the ends and spaces
    alphabet = ["Dr", "Mr", "Ms", "Mrs", "St", "Jr", "D", "s", "a", ".", " ", "!", "?", "\n"]
    for n in range(1, 5):
        for parts in itertools.product(alphabet, repeat=n):
            text = "".join(parts)
            assert _ends(_SENT_END, text) == _ends(_BEFORE, text), repr(text)


def test_same_ends_on_the_team_corpus():
    texts = [json.loads(line)["text"] for line in
             (_DATA / "corpus.jsonl").read_text().splitlines() if line.strip()]
    assert len(texts) > 500
    for text in texts:
        assert _ends(_SENT_END, text) == _ends(_BEFORE, text)


def test_titles_do_not_end_a_sentence():
    text = "Dr. Lee and Mrs. Park met St. Jude's Jr. team. Then we left! Really?"
    assert [text[s:e].strip() for s, e in sentences(text)] == [
        "Dr. Lee and Mrs. Park met St. Jude's Jr. team.", "Then we left!", "Really?"]
