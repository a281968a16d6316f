"""Fitting the point-cue model (``summarize/score/cues.py``) and feeding it to the keep model without leaking.

Labels, by post (only licensed posts are ever passed in):
- every judges' verdict on a takeaway (``benchmarks/judgments/takeaways.jsonl``): kept or dropped, by its text,
  whether or not today's program still prints that line;
- on a fresh page with a README: each candidate that best matches one of the writer's takeaways is a positive,
  every other candidate a negative (the negatives weighted down to as much in all as the positives, times
  ``oracle_negative``).

The keep model is fitted on the cue score of its own training rows, so that score must come from a cue model
that did not see those rows' posts (:func:`cross_fitted`), or the keep model learns to trust an overfitted input.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.optimize
import scipy.sparse

from keep_data import FITTED_LICENCES, ROOT

from summarize.score.cues import CueModel, ngrams, vocabulary

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
Example = tuple[str, str, float, float, str]
"""(text, lang, label, weight, post)."""


def verdict_examples(licensed_posts: set[str]) -> list[Example]:
    out = []
    with (ROOT / "benchmarks" / "judgments" / "takeaways.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            v = json.loads(line)
            if v["post"] not in licensed_posts:
                continue
            lang = "zh" if 5 * len(_CJK_RE.findall(v["text"])) >= len(v["text"]) else "en"
            out.append((v["text"], lang, 1.0 if v["verdict"] == "kept" else 0.0, 1.0, v["post"]))
    return out


def oracle_examples(rows: Iterable[dict[str, Any]], negative: float = 1.0) -> list[Example]:
    by_post: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["has_oracle"]:
            by_post[r["post"]].append(r)
    out = []
    for post, rs in by_post.items():
        pos = [r for r in rs if r["oracle"] > 0]
        neg = [r for r in rs if r["oracle"] <= 0]
        if not pos or not neg:
            continue
        w_neg = negative * len(pos) / len(neg)
        out += [(r["text"], r["lang"], 1.0, 1.0, post) for r in pos]
        out += [(r["text"], r["lang"], 0.0, w_neg, post) for r in neg]
    return out


def fit_cues(examples: list[Example], l2: float = 10.0, min_count: int = 4) -> CueModel:
    """L2-penalised logistic regression over the n-grams found in ``min_count`` lines or more (L-BFGS)."""
    vocab = vocabulary(((t, lang) for t, lang, *_ in examples), min_count)
    index = {g: k for k, g in enumerate(vocab)}
    indptr, cols = [0], []
    for text, lang, *_ in examples:
        cols += [index[g] for g in ngrams(text, lang) if g in index]
        indptr.append(len(cols))
    x = scipy.sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(examples), len(vocab)))
    y = np.array([e[2] for e in examples])
    sw = np.array([e[3] for e in examples])
    sw = sw / sw.mean()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        ll = sw * (np.logaddexp(0, z) - y * z)
        g = sw * (p - y)
        return (float(ll.sum() + 0.5 * l2 * w @ w),
                np.concatenate([x.T @ g + l2 * w, [g.sum()]]))

    res = scipy.optimize.minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B",
                                  options={"maxiter": 300})
    w = res.x[:-1]
    return CueModel({g: round(float(v), 3) for g, v in zip(vocab, w) if abs(v) >= 0.0005}, round(float(res.x[-1]), 3))


def examples_for(rows: list[dict[str, Any]], posts: set[str], negative: float) -> list[Example]:
    return verdict_examples(posts) + oracle_examples((r for r in rows if r["post"] in posts), negative)


def cross_fitted(rows: list[dict[str, Any]], examples: list[Example], folds: int = 4, seed: int = 0,
                 **fit_kwargs: Any) -> list[float]:
    """Each row's cue score from a cue model fitted without its post's examples (``folds`` groups of posts)."""
    posts = sorted({r["post"] for r in rows})
    random.Random(seed).shuffle(posts)
    group = {p: k % folds for k, p in enumerate(posts)}
    scores = [0.0] * len(rows)
    for k in range(folds):
        model = fit_cues([e for e in examples if group.get(e[4], -1) != k], **fit_kwargs)
        for n, r in enumerate(rows):
            if group[r["post"]] == k:
                scores[n] = model.score(r["text"], r["lang"])
    return scores


def licensed_posts(rows: list[dict[str, Any]]) -> set[str]:
    return {r["post"] for r in rows if r["licence"] in FITTED_LICENCES}
