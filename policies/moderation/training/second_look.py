"""The labelled comments the comment second look (policies/moderation/second_look.py) learns
from: every independent writer's comment set in the repository except the dev set, which it
never sees, and the sets read after the writers' heads' last retrain (writers.NOT_YET), which
wait for the next one. Read by bench/moderation_finetune_experiment.py (the training and
export, which need torch) and by tests/test_devset_isolation.py (no training comment may
share a long word run or a distinctive 5-gram with the dev set)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).with_name("data")
# read comment sets under bench/data the model also learns from (each written by an
# independent writer; their READMEs say who and when)
BENCH_SETS = ("lakeshore_dev", "tworivers_everyday_dev", "bayou_everyday_dev",
              "ozark_everyday_s11", "sierra_everyday_s13", "lighthouse_comments_s11",
              "willowcreek_comments_s13", "cielo_spanish", "silverlake_comments_s14",
              "copperline_everyday_s14")
# lines sharing an 8+ word run or a distinctive 5-gram with the dev set
# (tests/test_devset_isolation.py): left out of training
EXCLUDED: dict[str, frozenset[int]] = {
    "lakeshore_dev": frozenset({48, 49}),
    "bayou_everyday_dev": frozenset({3, 114, 147}),
    "cielo_spanish": frozenset({36, 70, 110, 145, 169, 226, 242}),
    "copperline_everyday_s14": frozenset({88, 145}),
    "lighthouse_comments_s11": frozenset({63, 113, 135, 139, 164}),
    "ozark_everyday_s11": frozenset({173, 188}),
    "sierra_everyday_s13": frozenset({38, 49, 150, 195}),
    "silverlake_comments_s14": frozenset({166, 207}),
    "willowcreek_comments_s13": frozenset({14, 60, 69, 90, 137, 215}),
}


def training_files() -> dict[str, Path]:
    """Set name -> its comments.jsonl (labels under "labels"). Since session 27 also every
    set the writers' heads learn from (writers.WRITERS; the second look of session 15 learned
    the 20 sets above)."""
    from . import writers

    files = {f"writers/{f.stem}": f for f in sorted(DATA.glob("*.jsonl"))}
    files.update({name: ROOT / "bench" / "data" / name / "comments.jsonl"
                  for name in BENCH_SETS})
    known = set(files.values())
    files.update({name: writers.writer_file(name) for name in writers.WRITERS
                  if writers.writer_file(name) not in known})
    return files


def excluded_lines() -> dict[str, frozenset[int]]:
    """EXCLUDED, and for the writers' heads' sets not in EXCLUDED their own left-out lines
    (writers.left_out: the same two dev-set checks, and lines the public negative head
    learned, which concern only the heads). Where a set is in both, EXCLUDED stands: the
    session-15 sets were checked with it, and the tests check what this returns."""
    from . import writers

    return {**writers.left_out(), **EXCLUDED}


def training_comments(files: dict[str, Path] | None = None,
                      excluded: dict[str, frozenset[int]] | None = None,
                      ) -> Iterator[tuple[Path, int, str, tuple[str, ...]]]:
    """(file, line number, text, labels) for every training comment (of ``files``, leaving
    out the ``excluded`` lines, when given: another trainer's list)."""
    files = training_files() if files is None else files
    excluded = excluded_lines() if excluded is None else excluded
    for name, path in files.items():
        skip = excluded.get(name, frozenset())
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if line.strip() and number not in skip:
                row = json.loads(line)
                yield path, number, row["text"], tuple(row.get("labels", ()))
