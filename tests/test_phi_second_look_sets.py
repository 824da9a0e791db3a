"""The PHI second look's training sets are pinned: every independent writer's post set in the
repository is either learned (policies/phi/training/second_look.py, or the word scorer's sets
it also reads) or waits for the next retrain, and attackers' probes never are."""

from __future__ import annotations

from pathlib import Path

from policies.phi.training import second_look

BENCH = Path(__file__).resolve().parent.parent / "bench" / "data"


def _is_probe_set(name: str) -> bool:
    # attackers' and reviewers' probes ("attack_s56_screen": session 56's screen attack)
    return "review" in name or "probe" in name or name.startswith("attack_")


def test_every_writers_post_set_is_learned_or_waits() -> None:
    writers = {p.parent.name for p in BENCH.glob("*/posts.jsonl")
               if (p.parent / "policy.toml").exists() and not _is_probe_set(p.parent.name)}
    listed = (set(second_look.BENCH_SETS) | set(second_look.NOT_YET)
              | set(second_look.WORD_SCORER_SETS))
    assert writers - listed == set(), "post sets neither learned nor waiting"
    assert set(second_look.BENCH_SETS) <= writers, "a learned set is missing"


def test_no_probe_set_and_no_waiting_set_is_learned() -> None:
    assert not [n for n in second_look.BENCH_SETS if _is_probe_set(n)]
    assert not set(second_look.BENCH_SETS) & set(second_look.NOT_YET)
    names = {name for name, *_ in second_look.training_posts(second_look.BENCH_SETS)}
    assert names == set(second_look.BENCH_SETS)
    assert set(second_look.training_files()) >= set(second_look.BENCH_SETS) | set(
        second_look.WORD_SCORER_SETS)


def test_left_out_lines_are_left_out() -> None:
    left = second_look.left_out()
    assert left, "data/second_look_left_out.json is missing"
    for name, lines in left.items():
        assert name in second_look.training_files()
        kept = {number for n, _, number, _ in second_look.training_posts((name,))}
        assert not kept & lines
