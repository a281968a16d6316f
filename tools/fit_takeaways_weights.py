"""Fit the `takeaways` scorer's weights on openly licensed meeting data, and ship them as package data.

Only sets whose licence lets us redistribute what we derive are used: QMSum (MIT), AMI
(CC BY 4.0) and VCSum (MIT). Every other set stays a measurement (benchmarks/rouge.py).

    python tools/fit_takeaways_weights.py ../shared/eval/qmsum/meeting_val.jsonl \\
        ../shared/eval/ami/dev.jsonl ../shared/eval/vcsum/segment_dev.jsonl \\
        -o src/summarize/data/takeaways_weights.json

How: features are computed once per document; coordinate ascent then tries each weight at
a few multiples of its current value and keeps a change only when the mean of ROUGE-1 and
ROUGE-2 F1 (at the reference's length, through the real selection stage) improves on the
fitting split. A quarter of each set (by a hash of the document id) is held out and
reported, never fitted on.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import Rouge, budget_of, read_jsonl, reference_text  # noqa: E402

ALLOWED = {"qmsum": "MIT", "ami": "CC BY 4.0", "vcsum": "MIT"}
STEPS = (0.0, 0.5, 0.8, 1.25, 2.0)


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 4 == 0


def prepare(paths: list[Path], limit: int | None) -> list[dict[str, Any]]:
    import summarize.score.analysis as analysis
    from summarize.pipeline import load

    # Every evaluation re-selects on every document: keep all their analyses, not the last 8.
    analysis._CACHE_SIZE = 1_000_000
    from summarize.score.takeaways import features, numbered_points, register_of, reserve_of

    docs = []
    for path in paths:
        family = path.parent.name
        if family not in ALLOWED:
            raise SystemExit(f"{path}: only {', '.join(sorted(ALLOWED))} may be fitted on (licence); measure others instead")
        records = sorted(read_jsonl(path), key=lambda r: r["id"])[:limit]
        for r in records:
            doc = load(r["text"])
            reference = reference_text(r["summary"])
            lang = r.get("lang", "en")
            docs.append({
                "id": r["id"], "set": family, "doc": doc, "feats": features(doc), "lang": lang,
                "reference": reference, "budget": budget_of(reference, lang), "register": register_of(doc),
                "held_out": held_out(r["id"]), "reserve": reserve_of(doc), "first": numbered_points(doc),
            })
    return docs


def evaluate(docs: list[dict[str, Any]], weights: Any, rouge: Rouge) -> float:
    from summarize.score.takeaways import combine
    from summarize.select import select

    total = 0.0
    for d in docs:
        scores = combine(d["feats"], weights)
        chosen = select(d["doc"], scores, n=None, max_words=d["budget"], lang=d["doc"].lang, by_section=False,
                        redundancy=weights.redundancy, coverage=weights.coverage, reserve=d["reserve"],
                        first=d["first"])
        sentences = [d["doc"].sentences[i].clean for i in chosen]
        r = rouge.score(d["reference"], sentences, d["lang"])
        total += (r["rouge1"] + r["rouge2"]) / 2
    return total / max(len(docs), 1)


def by_set(docs: list[dict[str, Any]], weights: Any, rouge: Rouge) -> dict[str, float]:
    return {name: round(evaluate([d for d in docs if d["set"] == name], weights, rouge), 3)
            for name in sorted({d["set"] for d in docs})}


def fit(docs: list[dict[str, Any]], rouge: Rouge, rounds: int, start: Any = None,
        only: list[str] | None = None) -> tuple[Any, list[str]]:
    from summarize.score.takeaways import Weights

    # Each set counts equally, whatever its size: VCSum's 135 segments must not outvote AMI's 20 meetings.
    sets = sorted({d["set"] for d in docs})

    def objective(w: Any) -> float:
        return sum(evaluate([d for d in docs if d["set"] == s], w, rouge) for s in sets) / len(sets)

    best = start or Weights()
    best_value = objective(best)
    log = [f"start {best_value:.3f}"]
    names = [f.name for f in dataclasses.fields(Weights) if not only or f.name in only]
    for round_no in range(rounds):
        improved = False
        for name in names:
            current = getattr(best, name)
            for step in STEPS:
                cap = {"dangling": 1.0, "interviewer": 1.0, "long_en": 120.0, "long_zh": 300.0, "coverage": 8.0}.get(name, 2.0)
                value = round(min(current * step if current else step * 0.1, cap), 4)
                if name.startswith("long_") and value < 10:
                    continue
                if value == current:
                    continue
                trial = dataclasses.replace(best, **{name: value})
                score = objective(trial)
                if score > best_value + 1e-6:
                    best, best_value, improved = trial, score, True
                    log.append(f"round {round_no + 1}: {name} {current} -> {value}: {score:.3f}")
                    print(log[-1], flush=True)
        if not improved:
            break
    return best, log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="first N documents per set (by id)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--written-lead", type=float, default=None,
                        help="lead weight for written prose (a hand-set prior, not fitted: no licensed written set)")
    parser.add_argument("--only", nargs="+", default=None, metavar="WEIGHT",
                        help="fit only these weights, keeping the others as they start")
    parser.add_argument("--set", nargs="+", default=[], metavar="WEIGHT=VALUE", dest="overrides",
                        help="start these weights at these values (e.g. coverage=1: the ascent multiplies a "
                             "weight, so one at 0 needs a non-zero start)")
    parser.add_argument("--date", default=time.strftime("%Y-%m-%d"))
    parser.add_argument("--from-shipped", action="store_true",
                        help="start from the spoken weights now in the package instead of the code defaults")
    ns = parser.parse_args(argv)

    t0 = time.time()
    docs = prepare(ns.paths, ns.limit)
    print(f"prepared {len(docs)} documents in {time.time() - t0:.0f} s", flush=True)
    rouge = Rouge()
    fitting = [d for d in docs if not d["held_out"]]
    holdout = [d for d in docs if d["held_out"]]
    from summarize.score.takeaways import Weights

    if ns.from_shipped:
        from summarize.score.takeaways import shipped_weights

        before = shipped_weights()["spoken"]
    else:
        before = Weights()
    names = {f.name for f in dataclasses.fields(Weights)}
    unknown = [w for w in (ns.only or []) + [o.split("=", 1)[0] for o in ns.overrides] if w not in names]
    if unknown:
        raise SystemExit(f"unknown weight(s) {unknown}; choose from {sorted(names)}")
    start = dataclasses.replace(before, **{k: float(v) for k, v in (o.split("=", 1) for o in ns.overrides)})
    weights, log = fit(fitting, rouge, ns.rounds, start, ns.only)
    report = {
        "fit_split": {"before": by_set(fitting, before, rouge), "start": by_set(fitting, start, rouge),
                      "fitted": by_set(fitting, weights, rouge)},
        "held_out_split": {"before": by_set(holdout, before, rouge), "start": by_set(holdout, start, rouge),
                           "fitted": by_set(holdout, weights, rouge)},
    }
    spoken = dataclasses.asdict(weights)
    written = dict(spoken)
    if ns.written_lead is not None:
        written["lead"] = ns.written_lead
    sources = []
    for path in ns.paths:
        first = read_jsonl(path)[0]
        sources.append({
            "set": path.parent.name, "file": path.name, "license": ALLOWED[path.parent.name],
            "source_repo": first.get("source_repo"), "source_path": first.get("source_path"),
            "documents": sum(1 for d in docs if d["set"] == path.parent.name),
        })
    data = {
        "what": "weights of the `takeaways` scorer (summarize/score/takeaways.py), by register",
        "built": ns.date,
        "command": "python tools/fit_takeaways_weights.py " + " ".join(str(p) for p in ns.paths)
        + f" -o {ns.output}" + (f" --written-lead {ns.written_lead}" if ns.written_lead is not None else "")
        + (" --from-shipped" if ns.from_shipped else "") + (f" --only {' '.join(ns.only)}" if ns.only else "")
        + (f" --set {' '.join(ns.overrides)}" if ns.overrides else "")
        + f" --rounds {ns.rounds}",
        "method": "coordinate ascent over multiples of each weight, maximising the mean over sets of "
                  "(ROUGE-1 F1 + ROUGE-2 F1)/2 at the reference length through summarize.select; "
                  "a quarter of each set (sha1(id) % 4 == 0) held out",
        "sources": sources,
        "objective": report,
        "log": log,
        "written_note": "no openly licensed written-prose set with references is available; the written "
                        "register uses the spoken fit (coverage included) with a hand-set lead weight (the "
                        "well-known lead bias of news and blog writing, See et al. 2017), not fitted on any data",
        "weights": {"spoken": spoken, "written": written},
    }
    ns.output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print("\n".join(log))
    print(f"wrote {ns.output} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
