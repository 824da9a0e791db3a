"""Experiment (session 11): a learned gate over the rules' context judgements, on MiniLM vectors.

    python bench/phi_minilm_gate.py dump      # screen every labelled set once (cached)
    python bench/phi_minilm_gate.py rules     # which rules block, by expect
    python bench/phi_minilm_gate.py lowo      # leave one writer's set out over the training sets
    python bench/phi_minilm_gate.py probes    # one gate fit on all training sets, on every
                                              # other labelled set
    python bench/phi_minilm_gate.py padding   # the padding test (session 7) on those sets
    options: --variants rws,rw:c3 ... (r rules+context, w whole text, s finding sentences,
    :c<C>), --posts-only, --dump FILE, --vectors FILE

Comment sets (everyday comments, the comment reviews' probes; phi in labels/must = block) are
screened too, as comments, but neither gate nor scorer reads comments.

The gate may only touch a post whose blocking findings are all context judgements (CONTEXT:
a name, a patient, a date, a place, an addressee or a reply judged to be about one person's
care); a post with any other blocking finding (a phone, an MRN, an address, a name with a
birth date, the learned scorer ...) stays blocked. Features: the MiniLM vector of the whole
text, the vector of the blocking findings' sentences (max-pooled), which context rules
blocked, the context (post/reply/comment). Label: the post's expect. A post the gate scores
below t would pass. The question is how many false blocks it removes per disclosure it
releases, leave one writer out (the training sets of train_disclosure.py), on the outside
reviews' probe sets, and under padding (session 7: one unrelated line added to a disclosure
released 40 of 174 through the last learned gate).

Screening is cached (--dump, JSON: every item's findings) as are the vectors (--vectors).
Result (docs/history/phi.md "Session 11: contextual sentence vectors (MiniLM)"): leave one writer
out
the gate removes 14 of 208 false blocks releasing none (rws, t 0.05), but fit on all training
sets it releases the session-10 reply review's disclosures first (5 at t 0.05) and padding
moves real disclosures across from t 0.03; where it releases nothing it removes 1-3 false
blocks in all. Not shipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TRAIN = ROOT / "policies/phi/training/data"
EXTRA_TRAIN = ("lakeshore_dev",)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|\n")


def labelled_sets() -> list[tuple[str, Path]]:
    from phi_eval import find_devset

    out = [(p.stem, p) for p in sorted(TRAIN.glob("*.jsonl"))]
    out += [(p.parent.name, p) for p in sorted((ROOT / "bench/data").glob("*/posts.jsonl"))]
    devset = find_devset()
    if devset:
        out.append(("devset", devset / "posts.jsonl"))
    return out


def comment_sets() -> list[tuple[str, Path]]:
    """Comment sets (screened as comments): everyday comments labelled for moderation (phi in
    labels = block) and the outside reviews' comment probes (phi in must, or expect P)."""
    data = ROOT / "bench/data"
    out = [(p.parent.name, p) for p in sorted(data.glob("*/comments.jsonl"))
           if p.parent.name != "lakeshore_dev"]
    out += [(p.parent.name, p) for p in sorted(data.glob("*_review*/probes.jsonl"))]
    out += [(f"spanish_review_s9/{p.stem}", p)
            for p in sorted(data.glob("spanish_review_s9/probes_review*.jsonl"))]
    return out


def comment_rows(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for r in rows:
        flags = r.get("labels", []) + r.get("must", [])
        phi = any("phi" in f.split("|") for f in flags) or r.get("expect") == "P"
        r["expect"], r["context"] = ("block" if phi else "pass"), "comment"
    return rows


def screen_rows(rows: list[dict], allow) -> list[list[dict]]:
    from policies.phi import PhiScreen

    screen = PhiScreen(allow)
    out: dict[int, list[dict]] = {}
    for context in ("post", "reply", "comment"):
        idx = [i for i, r in enumerate(rows) if r.get("context", "post") == context]
        if idx:
            found = screen.screen_many([rows[i]["text"] for i in idx], context=context)
            for i, fs in zip(idx, found, strict=True):
                out[i] = [{"rule": f.rule, "category": f.category, "severity": f.severity,
                           "start": f.start, "end": f.end} for f in fs]
    return [out[i] for i in range(len(rows))]


def dump(path: Path) -> dict[str, list[dict]]:
    if path.exists():
        return json.loads(path.read_text("utf-8"))
    import tomllib

    from phi_eval import load_set

    from policies.phi import PhiAllowList

    result = {}
    for name, p in labelled_sets():
        t0 = time.time()
        rows, allow = load_set(p)
        found = screen_rows(rows, allow)
        result[name] = [{"id": r.get("id") or f"line{i + 1}", "text": r["text"],
                         "expect": r["expect"], "kind": r.get("kind", "unknown"),
                         "context": r.get("context", "post"), "findings": fs}
                        for i, (r, fs) in enumerate(zip(rows, found, strict=True))]
        print(f"{name}: {len(rows)} in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    for name, p in comment_sets():
        rows = comment_rows(p)
        policy = p.parent / "policy.toml"
        allow = (PhiAllowList.from_toml(tomllib.loads(policy.read_text()).get("phi", {}))
                 if policy.exists() else PhiAllowList())
        found = screen_rows(rows, allow)
        result[name] = [{"id": r.get("id") or f"line{i + 1}", "text": r["text"],
                         "expect": r["expect"], "kind": "comment", "context": "comment",
                         "findings": fs} for i, (r, fs) in enumerate(zip(rows, found, strict=True))]
        print(f"{name}: {len(rows)} comments", file=sys.stderr, flush=True)
    path.write_text(json.dumps(result), "utf-8")
    return result


# Context judgements: a person, patient, date, place, addressee or reply judged to be about
# someone's care. Not: identifiers with a shape (phone, MRN, address, email ...), a name with a
# birth date, photos, biometrics, ages over 89, life events, the learned scorer.
CONTEXT = frozenset({
    "name+health", "name+own_health", "reply_confirms_care", "patient+detail", "date+patient",
    "addressee+care", "place+patient", "role+health", "role+subject_health", "handle+health",
    "relative+health", "individual+details", "reply_visit", "self_disclosure",
})


def blocking(item: dict) -> list[dict]:
    return [f for f in item["findings"] if f["severity"] == "block"]


def gateable(item: dict, context_rules=CONTEXT) -> bool:
    """Posts and replies (what the scorers train on) blocked by context judgements only."""
    b = blocking(item)
    return (item["context"] in GATED and bool(b)
            and all(f["rule"] in context_rules for f in b))


def sentence_of(text: str, start: int, end: int) -> str:
    for m in _SENT.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            s = text[m.start():max(m.end(), end)].strip()
            return s or text
    return text


CONTEXTS = ("post", "reply", "comment")
GATED = {"post", "reply"}  # --posts-only: {"post"}
RULES = sorted(CONTEXT)


def vectors(data: dict[str, list[dict]], path: Path) -> dict[str, np.ndarray]:
    """{set: (n, 768)}: the whole text's MiniLM vector, then the blocking findings' sentences'
    (max-pooled; the whole text's again when nothing blocks). Cached."""
    if path.exists():
        with np.load(path, allow_pickle=False) as saved:
            return {n: saved[n] for n in saved.files}
    out = {n: item_vectors(items) for n, items in data.items()}
    np.savez(path, **out)
    return out


def item_vectors(items: list[dict]) -> np.ndarray:
    from policies.contextual import sentence_vectors

    whole = sentence_vectors([it["text"] for it in items])
    sents = [sorted({sentence_of(it["text"], f["start"], f["end"]) for f in blocking(it)})
             for it in items]
    flat = sentence_vectors([s for ss in sents for s in ss])
    pooled, at = whole.copy(), 0
    for i, ss in enumerate(sents):
        if ss:
            v = flat[at:at + len(ss)].max(axis=0)
            pooled[i] = v / np.linalg.norm(v)
            at += len(ss)
    return np.hstack([whole, pooled])


def symbolic(items: list[dict]) -> np.ndarray:
    rows = []
    for it in items:
        fired = {f["rule"] for f in blocking(it)}
        rows.append([float(r in fired) for r in RULES]
                    + [float(it["context"] == c) for c in CONTEXTS])
    return np.array(rows, dtype=np.float32).reshape(len(items), len(RULES) + len(CONTEXTS))


def design(items, vecs, parts: str) -> np.ndarray:
    cols = [symbolic(items)]
    if "w" in parts:
        cols.append(vecs[:, :384])
    if "s" in parts:
        cols.append(vecs[:, 384:])
    return np.hstack(cols)


def train_names(data) -> list[str]:
    return [p.stem for p in sorted(TRAIN.glob("*.jsonl"))] + [
        n for n in EXTRA_TRAIN if n in data]


def fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


GRID = (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5)


def lowo(data, vecs, parts: str, c: float) -> dict[str, np.ndarray]:
    """P(block) for each gateable item of each training set, from a gate fit on the others."""
    names = train_names(data)
    gi = {n: [i for i, it in enumerate(data[n]) if gateable(it)] for n in names}
    xs = {n: design([data[n][i] for i in gi[n]], vecs[n][gi[n]], parts) for n in names}
    ys = {n: np.array([data[n][i]["expect"] == "block" for i in gi[n]], dtype=int)
          for n in names}
    out = {}
    for n in names:
        rest = [m for m in names if m != n]
        model = fit(np.vstack([xs[m] for m in rest]), np.concatenate([ys[m] for m in rest]), c)
        out[n] = model.predict_proba(xs[n])[:, 1] if len(gi[n]) else np.zeros(0)
    return out


def lowo_report(data, probs: dict[str, np.ndarray], label: str) -> None:
    names = list(probs)
    items = {n: [it for it in data[n] if gateable(it)] for n in names}
    npos = sum(it["expect"] == "block" for n in names for it in data[n])
    nneg = sum(it["expect"] == "pass" for n in names for it in data[n])
    fb = sum(it["expect"] == "pass" and bool(blocking(it)) for n in names for it in data[n])
    gpos = sum(it["expect"] == "block" for n in names for it in items[n])
    gneg = sum(it["expect"] == "pass" for n in names for it in items[n])
    print(f"== {label}: {len(names)} sets, {npos} block / {nneg} pass; blocked pass {fb}; "
          f"gateable {gpos} block + {gneg} pass")
    for t in GRID:
        rel = sum(int(p < t) for n in names for it, p in zip(items[n], probs[n], strict=True)
                  if it["expect"] == "block")
        fixed = sum(int(p < t) for n in names for it, p in zip(items[n], probs[n], strict=True)
                    if it["expect"] == "pass")
        print(f"  t {t:<6} false blocks removed {fixed:>3}/{fb}  disclosures released {rel:>3}")


def final(data, vecs, parts: str, c: float):
    names = train_names(data)
    items = [it for n in names for it in data[n] if gateable(it)]
    v = np.vstack([vecs[n][[i for i, it in enumerate(data[n]) if gateable(it)]] for n in names])
    y = np.array([it["expect"] == "block" for it in items], dtype=int)
    return fit(design(items, v, parts), y, c)


def held_out(data, vecs, parts: str, c: float, grid=GRID) -> None:
    """One gate fit on every training set, on every other labelled set: per t, false blocks
    removed / blocked pass items, and must-block items released / blocked must-block items."""
    model = final(data, vecs, parts, c)
    train = set(train_names(data))
    print(f"== {parts} C {c}: fit on {len(train)} training sets; per set and t: "
          "false blocks removed / blocked pass, disclosures released / blocked block")
    tot = {t: [0, 0] for t in grid}
    for n, items in data.items():
        if n in train:
            continue
        gi = [i for i, it in enumerate(items) if gateable(it)]
        fb = sum(it["expect"] == "pass" and bool(blocking(it)) for it in items)
        bb = sum(it["expect"] == "block" and bool(blocking(it)) for it in items)
        p = (model.predict_proba(design([items[i] for i in gi], vecs[n][gi], parts))[:, 1]
             if gi else np.zeros(0))
        cells = []
        for t in grid:
            fixed = sum(int(q < t) for i, q in zip(gi, p, strict=True)
                        if items[i]["expect"] == "pass")
            rel = sum(int(q < t) for i, q in zip(gi, p, strict=True)
                      if items[i]["expect"] == "block")
            tot[t][0] += fixed
            tot[t][1] += rel
            cells.append(f"{fixed}/{rel}")
        print(f"  {n:<34} FB {fb:>3} blocked {bb:>3} | " + " ".join(
            f"t{t}:{c_}" for t, c_ in zip(grid, cells, strict=True)))
    print("  ALL (fixed/released) " + " ".join(f"t{t}:{a}/{b}" for t, (a, b) in tot.items()))


# Ordinary lines a practice's post carries, several of which raise warnings of their own (an
# address, staff names, a date); written for this test (session 7's lesson), from no set.
PADDING = (
    "Visit us at 1420 Harbor View Drive, Suite 200.",
    "Dr. Patel and Nurse Kim say hi!",
    "#FamilyMedicine #CommunityHealth",
    "Open Monday to Friday 8am-5pm, Saturdays 9 to noon.",
    "Join us at the health fair on Saturday, March 14!",
)


def padding(data, vecs, variants: list[str], grid=GRID) -> None:
    """Every must-block item of every set the gate never trained on that it would touch,
    with each PADDING line appended and prepended, screened again and gated: per t, padded
    copies released (and of them, copies whose plain text the gate did not release)."""
    from phi_eval import load_set

    train = set(train_names(data))
    paths = dict(labelled_sets())
    jobs = []  # (set, index, padded text)
    for n, items in data.items():
        if n in train or n not in paths:
            continue
        for i, it in enumerate(items):
            if it["expect"] == "block" and gateable(it):
                for line in PADDING:
                    jobs += [(n, i, f"{it['text']} {line}"), (n, i, f"{line} {it['text']}")]
    t0 = time.time()
    padded: list[dict] = []
    for n in sorted({j[0] for j in jobs}):
        _, allow = load_set(paths[n])
        mine = [j for j in jobs if j[0] == n]
        rows = [{"text": t, "context": data[n][i]["context"]} for _, i, t in mine]
        for (_, i, t), fs in zip(mine, screen_rows(rows, allow), strict=True):
            padded.append({"set": n, "i": i, "text": t, "context": data[n][i]["context"],
                           "expect": "block", "findings": fs})
    still = [it for it in padded if gateable(it)]
    pv = item_vectors(still)
    print(f"padding: {len(jobs)} padded copies of {len({(j[0], j[1]) for j in jobs})} "
          f"must-block items, {len(still)} still gateable ({time.time() - t0:.0f} s)")
    for variant in variants:
        parts, _, c = variant.partition(":c")
        model = final(data, vecs, parts, float(c or 1.0))
        p = model.predict_proba(design(still, pv, parts))[:, 1]
        plain = {}
        for n in {it["set"] for it in still}:
            gi = [i for i, it in enumerate(data[n]) if gateable(it)]
            q = model.predict_proba(design([data[n][i] for i in gi], vecs[n][gi], parts))[:, 1]
            plain.update({(n, i): x for i, x in zip(gi, q, strict=True)})
        cells = []
        for t in grid:
            rel = [(it["set"], it["i"]) for it, x in zip(still, p, strict=True) if x < t]
            new = [k for k in rel if plain[k] >= t]
            cells.append(f"t{t}:{len(rel)}({len(set(new))} items new)")
        print(f"  {variant}: padded copies released " + " ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("dump", "rules", "lowo", "probes", "padding"))
    ap.add_argument("--dump", type=Path, default=Path("/tmp/phi_minilm_dump.json"))
    ap.add_argument("--vectors", type=Path, default=Path("/tmp/phi_minilm_gate_vectors.npz"))
    ap.add_argument("--variants", default="r,rw,rs,rws",
                    help="feature sets: r rules+context, w whole text, s finding sentences; "
                         "optional c<C> suffix (rws:c1)")
    ap.add_argument("--posts-only", action="store_true", help="gate posts only, not replies")
    args = ap.parse_args()
    if args.posts_only:
        GATED.discard("reply")
    data = dump(args.dump)
    if args.what == "lowo":
        vecs = vectors(data, args.vectors)
        for variant in args.variants.split(","):
            parts, _, c = variant.partition(":c")
            t0 = time.time()
            probs = lowo(data, vecs, parts, float(c or 1.0))
            lowo_report(data, probs, f"{variant} (LOWO in {time.time() - t0:.0f} s)")
    if args.what == "padding":
        padding(data, vectors(data, args.vectors), args.variants.split(","))
    if args.what == "probes":
        vecs = vectors(data, args.vectors)
        for variant in args.variants.split(","):
            parts, _, c = variant.partition(":c")
            held_out(data, vecs, parts, float(c or 1.0))
    if args.what == "rules":
        from collections import Counter

        counts: Counter = Counter()
        for items in data.values():
            for it in items:
                b = blocking(it)
                if b:
                    counts[(it["expect"], tuple(sorted({f["rule"] for f in b})))] += 1
        for (expect, rules), n in counts.most_common(80):
            print(f"{n:>5} {expect:<6} {' '.join(rules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
