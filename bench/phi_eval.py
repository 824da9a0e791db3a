"""Recall and false blocks of the PHI screen on the labelled corpus, beside plain
Presidio (default recognizers, same spaCy model) measured in the same run.

    python bench/phi_eval.py [--no-allow] [--no-presidio] [--show-misses]

A labelled span counts as caught when a blocking finding overlaps it; a clean text is a
false block when any finding on it blocks. Presidio blocks on any result (its default
score threshold), with the same allow-list passed as its `allow_list`."""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "phi" / "corpus.jsonl"
POLICY = ROOT / "tests" / "data" / "phi" / "policy.toml"
NAMES_DATES = ("name", "date")
_PRESIDIO_NER = {"PERSON", "LOCATION", "NRP", "DATE_TIME", "ORGANIZATION"}


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


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


def print_table(title: str, results: dict[str, dict]) -> None:
    names = list(results)
    print(f"\n{title}")
    print(f"{'category':<14}" + "".join(f"{n:>20}" for n in names))
    cats = sorted({c for r in results.values() for c in r["per_category"]})
    for c in cats:
        cells = []
        for n in names:
            got, tot = results[n]["per_category"].get(c, (0, 0))
            cells.append(f"{got / tot:.3f} ({got}/{tot})" if tot else "-")
        print(f"{c:<14}" + "".join(f"{cell:>20}" for cell in cells))
    for key, label in (
        ("direct", "recall direct ids"),
        ("names_dates", "recall names+dates"),
        ("all_spans", "recall all spans"),
        ("text_recall", "block-case recall"),
        ("false_block", "false-block rate"),
    ):
        print(f"{label:<20}" + "".join(f"{results[n][key]:>14.3f}      " for n in names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-allow", action="store_true", help="run without the policy allow-lists"
    )
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    from policies.phi.model import model_name

    rows = load_corpus()
    allow = load_allow(args.no_allow)
    print(
        f"corpus: {len(rows)} texts ({sum(r['kind'] == 'phi' for r in rows)} with PHI, "
        f"{sum(r['kind'] == 'clean' for r in rows)} clean); model {model_name()}; "
        f"allow-lists {'off' if args.no_allow else 'from tests/data/phi/policy.toml'}"
    )
    t0 = time.perf_counter()
    warned: list[bool] = []
    our_blocks = ours(rows, allow, warned)
    t_ours = time.perf_counter() - t0
    results: dict[str, dict] = {}
    for split in ("dev", "heldout", "handwritten", "blind", "all"):
        idx = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
        results[f"screen:{split}"] = score([rows[i] for i in idx], [our_blocks[i] for i in idx])
    t_pres = float("nan")
    if not args.no_presidio:
        analyzer = presidio_analyzer(model_name())
        values = allow_values(allow)
        t0 = time.perf_counter()
        typed = [presidio_spans(analyzer, r["text"], values) for r in rows]
        pres = [[(s, e) for s, e, _ in spans] for spans in typed]
        t_pres = time.perf_counter() - t0
        results["presidio:all"] = score(rows, pres)
        # Would Presidio's recognizers add recall to ours? Union of both on the same texts.
        union = [a + b for a, b in zip(our_blocks, pres, strict=True)]
        results["union:all"] = score(rows, union)
        # ... and with Presidio's pattern recognizers only (its NER entities left out)
        patterns = [
            [(s, e) for s, e, kind in spans if kind not in _PRESIDIO_NER] for spans in typed
        ]
        union_patterns = [a + b for a, b in zip(our_blocks, patterns, strict=True)]
        results["union-patterns"] = score(rows, union_patterns)
    print_table(
        "Recall (labelled spans overlapped by a blocking finding) and false blocks", results
    )
    clean = [i for i, r in enumerate(rows) if r["kind"] == "clean"]
    print(
        f"\nclean texts with any finding (warnings to check, not blocking): "
        f"{sum(warned[i] for i in clean)}/{len(clean)}"
    )
    print(f"screen time {t_ours:.2f}s, presidio time {t_pres:.2f}s for {len(rows)} texts")
    screen_all = results["screen:all"]
    print(
        f"targets: direct >= 0.99 -> {screen_all['direct']:.3f}; names+dates >= 0.95 -> "
        f"{screen_all['names_dates']:.3f}; false blocks <= 0.03 -> {screen_all['false_block']:.3f}"
    )
    if args.show_misses:
        for row, label in screen_all["misses"]:
            print(
                f"MISS {label['category']:<12} {label['text']!r:<30} | {row['id']} | {row['text']}"
            )
        for row in screen_all["false_blocks"]:
            print(f"FALSE-BLOCK {row['id']} | {row['text']}")


if __name__ == "__main__":
    main()
