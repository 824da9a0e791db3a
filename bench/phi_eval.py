"""Recall and false blocks of the PHI screen on the independent dev set
(../shared/devset: 300 posts and replies written for a third practice, never trained on),
beside plain Presidio (default recognizers, same spaCy model) measured in the same run.

    python bench/phi_eval.py [--devset DIR] [--no-presidio] [--show-errors] [PATH[=LABEL] ...]

Each PATH is another posts JSONL in the devset's format (policy.toml beside it), printed
under its LABEL, which should say who wrote it and whether the rules were tuned on it, e.g.
"bench/data/lakeshore_dev/posts.jsonl=fresh set (independent writer; tuned on since: fit)".

A post counts as blocked when any finding on it blocks. Prints recall by difficulty and by
kind, false blocks by kind, the screen with and without the policy's allow-lists, and
Presidio blocking on any result (its default threshold, the same allow-list passed as its
`allow_list`) and on any result other than DATE_TIME, LOCATION and NRP.

The team corpus (tests/data/phi/corpus.jsonl, span-labelled) is read by the unit tests
through load_corpus/ours/score below: it measures fit to text the team wrote, not accuracy."""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
import typing
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "phi" / "corpus.jsonl"
POLICY = ROOT / "tests" / "data" / "phi" / "policy.toml"
NAMES_DATES = ("name", "date")
_PRESIDIO_NER = {"PERSON", "LOCATION", "NRP", "DATE_TIME", "ORGANIZATION"}


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().split("\n") if line.strip()]


def load_allow(no_allow: bool = False):
    from policies.phi import PhiAllowList

    if no_allow:
        return PhiAllowList()
    return PhiAllowList.from_toml(tomllib.loads(POLICY.read_text())["phi"])


def presidio_analyzer(model: str):
    """Presidio with its default recognizers on our spaCy model; nothing downloaded."""
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tx.TLDExtract(suffix_list_urls=(), cache_dir=None)  # bundled snapshot only
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def presidio_spans(analyzer, text: str, allow_values: list[str]) -> list[tuple[int, int, str]]:
    results = analyzer.analyze(text=text, language="en", allow_list=allow_values or None)
    return [(r.start, r.end, r.entity_type) for r in results]


def allow_values(allow) -> list[str]:
    values = list(allow.names) + list(allow.addresses) + list(allow.phones) + list(allow.domains)
    return values + ["(253) 555-0100", "Priya Raman", "Raman", "1200 Harbor Blvd"] if values else []


def score(rows: list[dict], blocks: list[list[tuple[int, int]]]) -> dict:
    """Span recall per category, text-level recall, false-block rate."""
    caught, total = defaultdict(int), defaultdict(int)
    phi_texts = phi_blocked = clean_texts = clean_blocked = 0
    misses, false_blocks = [], []
    for row, spans in zip(rows, blocks, strict=True):
        if row["kind"] == "clean":
            clean_texts += 1
            if spans:
                clean_blocked += 1
                false_blocks.append(row)
            continue
        phi_texts += 1
        phi_blocked += bool(spans)
        for label in row["spans"]:
            hit = any(s < label["end"] and label["start"] < e for s, e in spans)
            for key in (
                (label["category"], "*direct") if label.get("direct") else (label["category"],)
            ):
                total[key] += 1
                caught[key] += hit
            if not hit:
                misses.append((row, label))

    def recall(cats) -> float:
        n = sum(total[c] for c in cats)
        return sum(caught[c] for c in cats) / n if n else float("nan")

    return {
        "per_category": {c: (caught[c], total[c]) for c in sorted(total) if c[0] != "*"},
        "direct": recall(["*direct"]),
        "names_dates": recall(NAMES_DATES),
        "all_spans": recall([c for c in total if c[0] != "*"]),
        "text_recall": phi_blocked / max(phi_texts, 1),
        "false_block": clean_blocked / max(clean_texts, 1),
        "clean_blocked": clean_blocked,
        "clean_texts": clean_texts,
        "misses": misses,
        "false_blocks": false_blocks,
    }


def ours(rows: list[dict], allow, warns: list | None = None) -> list[list[tuple[int, int]]]:
    from policies.phi import PhiScreen

    screen = PhiScreen(allow)
    out = []
    for context in ("post", "reply", "comment"):
        idx = [i for i, r in enumerate(rows) if r["context"] == context]
        results = screen.screen_many([rows[i]["text"] for i in idx], context=context)
        out += list(zip(idx, results, strict=True))
    out.sort(key=lambda pair: pair[0])
    if warns is not None:
        warns.extend(bool(findings) for _, findings in out)
    return [[(f.start, f.end) for f in findings if f.severity == "block"] for _, findings in out]


DEVSET = ROOT.parent.parent / "shared" / "devset"


def find_devset(explicit: str | None = None, holding: str = "posts.jsonl") -> Path | None:
    """The independent dev set's folder holding `holding`: --devset, $SOCIALBOT_PHI_DEVSET, or
    ../shared/devset next to the checkout (the team's layout); None when there is none."""
    import os

    for cand in (explicit, os.environ.get("SOCIALBOT_PHI_DEVSET"), str(DEVSET),
                 str(ROOT.parent / "shared" / "devset")):
        if cand and (Path(cand) / holding).exists():
            return Path(cand)
    return None


def devset_dir(explicit: str | None) -> Path:
    """The independent dev set (find_devset), or a clear failure."""
    found = find_devset(explicit)
    if found is None:
        _fail("dev set not found; pass --devset DIR (with posts.jsonl, policy.toml)")
    return found


def screen_blocks(rows: list[dict], allow) -> list[bool]:
    """Does the screen block each post (in its own context: post or reply)?"""
    from policies.phi import PhiScreen

    screen = PhiScreen(allow)
    out: dict[int, bool] = {}
    for context in ("post", "reply", "comment"):
        idx = [i for i, r in enumerate(rows) if r.get("context", "post") == context]
        if idx:
            found = screen.screen_many([rows[i]["text"] for i in idx], context=context)
            for i, fs in zip(idx, found, strict=True):
                out[i] = any(f.severity == "block" for f in fs)
    return [out[i] for i in range(len(rows))]


def rates(rows: list[dict], blocked: list[bool]) -> dict:
    """Recall by difficulty and kind on block items; false blocks by kind on pass items."""
    rec: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fb: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, b in zip(rows, blocked, strict=True):
        if row["expect"] == "block":
            for key in ("all", f"difficulty:{row['difficulty']}", f"kind:{row['kind']}"):
                rec[key][0] += b
                rec[key][1] += 1
        else:
            for key in ("all", f"kind:{row['kind']}"):
                fb[key][0] += b
                fb[key][1] += 1
    return {"recall": dict(rec), "false_block": dict(fb)}


def _cell(pair: list[int]) -> str:
    got, tot = pair
    return f"{got / tot:.2f} ({got}/{tot})" if tot else "-"


def print_devset(results: dict[str, dict]) -> None:
    names = list(results)
    width = 22
    head = f"{'':<34}" + "".join(f"{n:>{width}}" for n in names)
    print("\nRecall on block posts (blocked / should block)")
    print(head)
    keys = ["all", "difficulty:obvious", "difficulty:moderate", "difficulty:subtle"]
    kinds = sorted({k for r in results.values() for k in r["recall"] if k.startswith("kind:")})
    for key in keys + kinds:
        print(f"{key:<34}" + "".join(
            f"{_cell(results[n]['recall'].get(key, [0, 0])):>{width}}" for n in names))
    print("\nFalse blocks on pass posts (blocked / should pass)")
    print(head)
    kinds = sorted({k for r in results.values() for k in r["false_block"] if k.startswith("kind:")})
    for key in ["all"] + kinds:
        print(f"{key:<34}" + "".join(
            f"{_cell(results[n]['false_block'].get(key, [0, 0])):>{width}}" for n in names))


def _fail(message: str) -> typing.NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


DEVSET_LABEL = "devset (independent writer; rules were tuned on it: fit)"


def load_set(path: Path) -> tuple[list[dict], object]:
    """Rows of a posts JSONL and the allow-list from the policy.toml beside it, or from
    <name>.policy.toml as the training sets keep theirs (none if absent)."""
    from policies.phi import PhiAllowList

    rows = [json.loads(line) for line in path.read_text().split("\n") if line.strip()]
    for row in rows:
        row.setdefault("difficulty", "unknown")
        row.setdefault("kind", "unknown")
        row.setdefault("context", "post")
    policy = path.parent / "policy.toml"
    if not policy.exists():  # policies/phi/training/data/tp_lakeview.policy.toml
        policy = path.with_suffix(".policy.toml")
    allow = (PhiAllowList.from_toml(tomllib.loads(policy.read_text()).get("phi", {}))
             if policy.exists() else PhiAllowList())
    return rows, allow


def evaluate(label: str, path: Path, presidio, show_errors: bool) -> dict:
    """Print one set's figures: the screen with and without allow-lists, Presidio beside."""
    from policies.phi import PhiAllowList

    rows, allow = load_set(path)
    print(f"\n=== {label}\n{path}: {len(rows)} posts "
          f"({sum(r['expect'] == 'block' for r in rows)} block, "
          f"{sum(r['expect'] == 'pass' for r in rows)} pass)")
    results: dict[str, dict] = {}
    t0 = time.perf_counter()
    ours_allow = screen_blocks(rows, allow)
    t_ours = time.perf_counter() - t0
    results["screen"] = rates(rows, ours_allow)
    results["screen,no allow"] = rates(rows, screen_blocks(rows, PhiAllowList()))
    t_pres = float("nan")
    if presidio is not None:
        values = allow_values(allow)
        t0 = time.perf_counter()
        typed = [presidio_spans(presidio, r["text"], values) for r in rows]
        t_pres = time.perf_counter() - t0
        results["presidio"] = rates(rows, [bool(t) for t in typed])
        results["presidio-DT/LOC/NRP"] = rates(rows, [
            any(k not in ("DATE_TIME", "LOCATION", "NRP") for _, _, k in t) for t in typed])
    print_devset(results)
    print(f"\nscreen {t_ours:.1f}s, presidio {t_pres:.1f}s for {len(rows)} posts "
          "(with allow-lists)")
    rec, fb = results["screen"]["recall"], results["screen"]["false_block"]
    # A probe set may hold only posts that must block, or only posts that must pass.
    subtle, every, passes = (rec.get("difficulty:subtle", [0, 0]), rec.get("all", [0, 0]),
                             fb.get("all", [0, 0]))
    print(f"targets [{label}]: recall >= 0.97 -> {every[0] / max(every[1], 1):.3f}; "
          f"subtle >= 0.90 -> {subtle[0] / max(subtle[1], 1):.3f}; false blocks <= 0.03 -> "
          f"{passes[0] / max(passes[1], 1):.3f}")
    if show_errors:
        for line, (row, b) in enumerate(zip(rows, ours_allow, strict=True), 1):
            if b != (row["expect"] == "block"):
                tag = "MISS" if row["expect"] == "block" else "FALSE-BLOCK"
                name = row.get("id", f"line {line}")
                print(f"{tag} {name} {row['kind']}/{row['difficulty']}: {row['text']}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="PATH[=LABEL]",
                        help="more posts JSONL files (policy.toml beside each), labelled by who "
                        "wrote them and whether the rules were tuned on them")
    parser.add_argument("--devset", help="directory with posts.jsonl and policy.toml")
    parser.add_argument("--no-devset", action="store_true", help="only the sets given")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--show-errors", action="store_true", help="list misses and false blocks")
    args = parser.parse_args()
    from policies.phi.model import model_name

    todo: list[tuple[str, Path]] = []
    if not args.no_devset:
        todo.append((DEVSET_LABEL, devset_dir(args.devset) / "posts.jsonl"))
    for spec in args.sets:
        path, _, label = spec.partition("=")
        if not Path(path).is_file():
            _fail(f"{path} is not a file")
        todo.append((label or f"other set ({path}; who wrote it not stated)", Path(path)))
    print(f"model {model_name()}; plain Presidio: default recognizers, same model, same run")
    presidio = None if args.no_presidio else presidio_analyzer(model_name())
    for label, path in todo:
        evaluate(label, path, presidio, args.show_errors)


if __name__ == "__main__":
    main()
