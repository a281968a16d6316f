"""Fit the takeaways keep model (``summarize/score/keep.py``) on the judged benchmark's verdicts.

Why: ROUGE against meeting summaries cannot see what readers drop; blind judges' verdicts can. Only
verdicts on openly licensed pages are fitted on (istio.io Apache-2.0, kubernetes.io CC BY 4.0,
gcppodcast Apache-2.0, our own fixtures: the ``licence`` column of ``benchmarks/judged_set.tsv``);
verdicts on every other page are a held-out measurement, never fitted on.

    python tools/fit_keep_model.py -o src/summarize/data/takeaways_keep_model.json

How: each judged takeaway is matched to its sentence by normalised text (as edited, cleaned or raw);
its inputs are what the scorer computes today (``takeaways.keep_inputs``); a logistic regression with
an L2 penalty is fitted by gradient descent on standardised inputs (numpy, at build time only). The
file records the sources, the counts, the AUC on the held-out pages and in five-fold cross-validation
by post, against the same AUC of the weighted features alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import judged  # noqa: E402

from summarize.pipeline import load  # noqa: E402
from summarize.score import takeaways as T  # noqa: E402
from summarize.score.keep import KEEP_INPUTS, KeepModel  # noqa: E402

FITTED_LICENCES = {"apache-2.0": "Apache-2.0", "cc-by-4.0": "CC BY 4.0", "own": "our own fixtures"}


def examples() -> list[dict]:
    verdicts = judged.load_judgments()["takeaway"]
    by_post: dict[str, dict[str, str]] = {}
    for (key, text), v in verdicts.items():
        by_post.setdefault(key, {})[text] = v["verdict"]
    rows = []
    for post in judged.read_set():
        if post.key not in by_post:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = load(post.path)
        feats = T.features(doc)
        base = T.combine(feats, T.shipped_weights()[T.register_of(doc)])
        inputs = T.keep_inputs(doc, feats, base)
        text = T.edited(doc)
        where: dict[str, int] = {}
        for s in doc.sentences:
            for variant in (text[s.id], s.clean, s.text):
                where.setdefault(judged.normalise(variant), s.id)
        for said, verdict in by_post[post.key].items():
            i = where.get(said)
            if i is None or i not in inputs:
                continue  # a line of an older version that no sentence reads as today, or no longer a candidate
            rows.append({"post": post.key, "licence": post.licence, "register": post.register,
                         "kept": verdict == "kept", "x": [inputs[i][n] for n in KEEP_INPUTS], "base": base[i]})
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000, rate: float = 0.1) -> KeepModel:
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= rate * float((p - y).mean())
    return KeepModel(KEEP_INPUTS, tuple(round(float(v), 4) for v in w), tuple(round(float(v), 4) for v in mean),
                     tuple(round(float(v), 4) for v in scale), round(b, 4))


def auc(scores: list[float], kept: list[bool]) -> float:
    pos = [s for s, k in zip(scores, kept) if k]
    neg = [s for s, k in zip(scores, kept) if not k]
    if not pos or not neg:
        return float("nan")
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def predict(model: KeepModel, rows: list[dict]) -> list[float]:
    return [model.probability(dict(zip(KEEP_INPUTS, r["x"]))) for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--blend", action="append", default=[], metavar="REGISTER=VALUE",
                        help="how much the probability counts in a register (written, spoken, captions); 1 if not given")
    ns = parser.parse_args(argv)
    rows = examples()
    fitted = [r for r in rows if r["licence"] in FITTED_LICENCES]
    held = [r for r in rows if r["licence"] not in FITTED_LICENCES]

    def arrays(rs: list[dict]) -> tuple[np.ndarray, np.ndarray]:
        return np.array([r["x"] for r in rs], dtype=float), np.array([float(r["kept"]) for r in rs])

    blends = tuple(sorted((name, float(value)) for name, value in (b.split("=", 1) for b in ns.blend)))
    model = dataclasses.replace(fit(*arrays(fitted), ns.l2), blends=blends)
    posts = sorted({r["post"] for r in fitted})
    random.Random(0).shuffle(posts)
    cv_scores: dict[int, float] = {}
    for k in range(5):
        fold = set(posts[k::5])
        train = [r for r in fitted if r["post"] not in fold]
        m = fit(*arrays(train), ns.l2)
        for n, r in enumerate(fitted):
            if r["post"] in fold:
                cv_scores[n] = m.probability(dict(zip(KEEP_INPUTS, r["x"])))
    kept_fit = [r["kept"] for r in fitted]
    kept_held = [r["kept"] for r in held]
    record = {
        "what": "keep model of the `takeaways` scorer (summarize/score/keep.py): logistic regression on judged verdicts",
        "built": dt.date.today().isoformat(),
        "command": "python tools/fit_keep_model.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "sources": {
            "verdicts": "benchmarks/judgments/takeaways.jsonl (blind judges, rubric benchmarks/RUBRIC.md)",
            "pages": "benchmarks/judged_set.tsv rows whose licence is one of: " + ", ".join(FITTED_LICENCES.values()),
            "fitted_verdicts": len(fitted), "fitted_kept": sum(kept_fit), "fitted_posts": len(posts),
        },
        "measured": {
            "held_out_pages": "every judged page under another licence (seeds, zhaohuabing.com, thenewstack-zh): measured, never fitted",
            "held_out_verdicts": len(held),
            "auc_held_out": round(auc(predict(model, held), kept_held), 3),
            "auc_held_out_weighted_features_alone": round(auc([r["base"] for r in held], kept_held), 3),
            "auc_cross_validated_by_post": round(auc([cv_scores[n] for n in range(len(fitted))], kept_fit), 3),
            "auc_fitted_weighted_features_alone": round(auc([r["base"] for r in fitted], kept_fit), 3),
        },
        "l2": ns.l2,
        "blend_note": ("the ranking score is p ** blend * share ** (1 - blend); blends chosen on the judged benchmark "
                       "(captions, where no reference summaries exist) and held down where the ROUGE guards on "
                       "meeting transcripts and news (benchmarks/rouge.py) would regress: see docs/BENCHMARKS.md"),
        "model": model.to_dict(),
    }
    ns.output.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(record["sources"], indent=1), json.dumps(record["measured"], indent=1), sep="\n")
    for name, w in sorted(zip(KEEP_INPUTS, model.weights), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
