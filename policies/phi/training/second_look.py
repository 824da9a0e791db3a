"""The labelled posts the PHI screen's second look (policies/phi/contextual.py) learns from:
every set the word scorer trains on (train_disclosure.py: ``data/*.jsonl`` and its EXTRA) plus
the blind post sets read since, committed under bench/data. Each of those was written by an
independent writer for a practice of its own, measured once blind (totals only) at the start
and the end of its session, and read afterwards; their READMEs say who and when. Never here:
the dev set, the attackers' probe sets (they are release checks), and the sets still blind.

Read by bench/phi_finetune_experiment.py (the training and export, which need torch) and by
tests/test_devset_isolation.py (no training post may share a long word run or a distinctive
5-gram with the dev set; the lines that do are in ``data/second_look_left_out.json``, written
by ``bench/phi_finetune_experiment.py overlap``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).with_name("data")
LEFT_OUT = DATA / "second_look_left_out.json"
# read by the word scorer since session 5 (train_disclosure.EXTRA), and so by the second look
WORD_SCORER_SETS = ("lakeshore_dev",)

# session 12: session 11's two blind sets
SESSION11 = ("quarry_hard_s11", "saguaro_everyday_s11")
# session 27: every blind post set of sessions 13-26 (two per session: one hard, 100 block /
# 100 pass; one everyday, 25 / 175) and the three everyday sets read as dev sets
READ_SINCE = ("foxglove_hard_s13", "wabash_everyday_s13",
              "cedarhollow_hard_s14", "harvestmoon_everyday_s14",
              "thistle_hard_s15", "mossyoak_everyday_s15",
              "juniper_hard_s17", "redclay_everyday_s17",
              "tidewaterderm_hard_s18", "prairiewindfh_everyday_s18",
              "stillwaterpeds_hard_s19", "highplainsheart_everyday_s19",
              "lakeview_hard_s20", "mesquite_everyday_s20",
              "riverbendortho_hard_s21", "saguaropeds_everyday_s21",
              "cedarknollent_hard_s22", "prairiewindhays_everyday_s22",
              "skyline_hard_s23", "greenfield_everyday_s23",
              "bluestem_hard_s24", "chinook_everyday_s24",
              "sycamore_hard_s25", "pinyon_everyday_s25",
              "hemlock_hard_s26", "cypress_everyday_s26",
              "cascadia_everyday_dev", "harborlights_everyday_dev", "prairie_everyday_dev")
BENCH_SETS = SESSION11 + READ_SINCE
# read after the last retrain: the next one's (a test checks every read post set is in one
# list or the other, or is the word scorer's)
NOT_YET = ("bristlecone_hard_s27", "buttonwood_everyday_s27", "chickadee_hard_s28",
           "mulberry_everyday_s28", "kingfisher_hard_s29", "quailrun_everyday_s29",
           "roadrunner_hard_s30", "sandhill_everyday_s30", "chokecherry_hard_s31",
           "coquina_everyday_s31", "sitka_hard_s32", "sweetgum_everyday_s32",
           "ohialehua_hard_s33", "millmountain_everyday_s33",
           "monadnock_hard_s34", "steelcity_everyday_s34",
           "rubyvalley_hard_s35", "killington_everyday_s35",
           "newriver_hard_s36", "grandmesa_everyday_s36",
           "klamath_hard_s37", "pecos_everyday_s37",
           "ottumwa_hard_s38", "lewiston_everyday_s38", "hannibal_hard_s38",
           "ardmore_everyday_s38", "watertown_hard_s39", "minot_everyday_s39",
           "bluefield_hard_s39", "cullman_everyday_s39", "scottsbluff_hard_s40",
           "decorah_everyday_s40", "dickinson_hard_s41", "ruston_everyday_s41",
           "elko_hard_s42", "marquette_everyday_s42",
           "muskogee_hard_s43", "winona_everyday_s43",
           "kalispell_hard_s44", "natchez_everyday_s44",
           "grandisland_hard_s45", "rapidcity_everyday_s45",
           "salina_hard_s46", "hammond_everyday_s46", "yuma_hard_s46",
           "kingsport_hard_s47", "eaglepass_hard_s47", "nogales_hard_s47",
           "dalton_hard_s48", "calexico_hard_s48", "delrio_hard_s48",
           "rexburg_hard_s49", "harlingen_hard_s49",
           "marshalltown_hard_s50", "uvalde_hard_s50", "douglas_hard_s50",
           "worthington_hard_s51", "sunnyside_hard_s51", "riogrande_hard_s51",
           "hazard_hard_s52", "othello_hard_s52", "pharr_hard_s52",
           "houlton_hard_s53", "madera_hard_s53", "wenatchee_hard_s53",
           "tifton_hard_s54", "clewiston_hard_s54", "toppenish_hard_s54",
           "mattoon_hard_s55", "brawley_hard_s55", "hereford_hard_s55",
           "galesburg_hard_s56", "delano_hard_s56", "silercity_hard_s56")


def bench_file(name: str) -> Path:
    return ROOT / "bench" / "data" / name / "posts.jsonl"


@cache
def left_out() -> dict[str, frozenset[int]]:
    """Set name -> the line numbers left out of training (empty when the file is absent)."""
    if not LEFT_OUT.exists():
        return {}
    return {name: frozenset(lines)
            for name, lines in json.loads(LEFT_OUT.read_text("utf-8"))["lines"].items()}


def set_name(path: Path) -> str:
    """A training file's set name: its folder's for a bench set's posts.jsonl, else its stem."""
    return path.parent.name if path.stem == "posts" else path.stem


def training_files() -> dict[str, Path]:
    """Set name -> file, for every set both learned parts read: ``data/*.jsonl``, the word
    scorer's bench sets, then BENCH_SETS."""
    files = {set_name(p): p for p in sorted(DATA.glob("*.jsonl"))}
    files.update({name: bench_file(name) for name in (*WORD_SCORER_SETS, *BENCH_SETS)})
    return files


def training_posts(names: tuple[str, ...] | None = None,
                   ) -> Iterator[tuple[str, Path, int, dict]]:
    """(set name, file, line number, row) for every post of ``names`` (default: every set of
    training_files) the learned parts learn from, less the left-out lines."""
    skip = left_out()
    files = training_files()
    for name in (files if names is None else names):
        path = files[name]
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if line.strip() and number not in skip.get(name, frozenset()):
                yield name, path, number, json.loads(line)
