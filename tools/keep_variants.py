"""The variants ``tools/keep_folds.py`` compares: each maps (training rows, test rows) to the test rows'
(keep probabilities, ranking scores)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from keep_data import ROOT  # noqa: F401  (puts src/ on the path)

from summarize.score.keep import KEEP_INPUTS, KeepModel
from summarize.score.takeaways import RESULT_BOOST

Rows = list[dict[str, Any]]
BASE_INPUTS = tuple(n for n in KEEP_INPUTS if n != "cue")
"""The inputs the rows carry (the scorer's own); "cue" comes from tools/keep_cues.py."""


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000, rate: float = 0.1,
                 sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """L2-penalised logistic regression on standardised inputs by gradient descent: (weights, bias, mean, scale)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    n = sw.sum()
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = sw * (p - y)
        w -= rate * (z.T @ g / n + l2 * w / n)
        b -= rate * float(g.sum() / n)
    return w, b, mean, scale


class ResearchModel(KeepModel):
    """A keep model over inputs the scorer does not compute (the paragraph-role flags tried here): the same
    arithmetic, without the check that every input is one of ``KEEP_INPUTS``."""

    def __post_init__(self) -> None:
        terms = tuple(zip(self.inputs, self.weights, self.means, (scale or 1.0 for scale in self.scales)))
        object.__setattr__(self, "_terms", terms)


def model_from(inputs: tuple[str, ...], fitted: tuple[np.ndarray, float, np.ndarray, np.ndarray],
               blends: tuple[tuple[str, float], ...]) -> KeepModel:
    w, b, mean, scale = fitted
    r = lambda a: tuple(round(float(v), 4) for v in a)  # noqa: E731
    cls = KeepModel if set(inputs) <= set(KEEP_INPUTS) else ResearchModel
    return cls(inputs, r(w), r(mean), r(scale), round(float(b), 4), blends)


def score_with(model: KeepModel, rows: Rows, extra: dict[str, list[float]] | None = None) -> tuple[list[float], list[float]]:
    p, rank = [], []
    for n, r in enumerate(rows):
        values = dict(r["inputs"])
        for name, column in (extra or {}).items():
            values[name] = column[n]
        prob = model.probability(values)
        p.append(prob)
        rank.append(model.rank_score(values, r["register"], prob) * (RESULT_BOOST if r["measured"] else 1.0))
    return p, rank


PREVIOUS = "94b8088"
"""The commit whose keep model the fold table compares against (the model before the cue input)."""
SHIPPED_BLENDS = (("captions", 1.0), ("spoken", 0.0), ("written", 0.5))


def previous_model() -> KeepModel:
    import json
    import subprocess

    text = subprocess.run(["git", "show", f"{PREVIOUS}:src/summarize/data/takeaways_keep_model.json"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    return KeepModel.from_dict(json.loads(text)["model"])


def shipped(train: Rows, test: Rows) -> tuple[list[float], list[float]]:
    """The model shipped at :data:`PREVIOUS` (fitted on batches up to 11: not held out on folds 4-11)."""
    return score_with(previous_model(), test)


def weighted_alone(train: Rows, test: Rows) -> tuple[list[float], list[float]]:
    s = [r["inputs"]["score_share"] * (RESULT_BOOST if r["measured"] else 1.0) for r in test]
    return s, s


def judged(rows: Rows) -> Rows:
    return [r for r in rows if r["kept"] is not None]


def refit(train: Rows, test: Rows, l2: float = 10.0, inputs: tuple[str, ...] = BASE_INPUTS,
          extra_train: dict[str, list[float]] | None = None, extra_test: dict[str, list[float]] | None = None,
          blends: tuple[tuple[str, float], ...] | None = None) -> tuple[list[float], list[float]]:
    rows = judged(train)
    idx = [n for n, r in enumerate(train) if r["kept"] is not None]

    def value(r: dict[str, Any], n: int, name: str, extra: dict[str, list[float]] | None) -> float:
        return extra[name][n] if extra and name in extra else r["inputs"][name]

    x = np.array([[value(train[n], n, name, extra_train) for name in inputs] for n in idx], dtype=float)
    y = np.array([float(r["kept"]) for r in rows])
    model = model_from(inputs, fit_logistic(x, y, l2), SHIPPED_BLENDS if blends is None else blends)
    return score_with(model, test, extra_test)


def refit_blend1(train: Rows, test: Rows) -> tuple[list[float], list[float]]:
    return refit(train, test, blends=(("captions", 1.0), ("spoken", 1.0), ("written", 1.0)))


VARIANTS = {
    "previous": shipped,
    "weighted": weighted_alone,
    "refit": refit,
    "refit_b1": refit_blend1,
}


# ----------------------------------------------------------------------------- point cues (tools/keep_cues.py)

def _cue_columns(train: Rows, test: Rows, negative: float = 1.0, **fit_kwargs: Any) -> tuple[list[float], list[float]]:
    from keep_cues import cross_fitted, examples_for, fit_cues

    posts = {r["post"] for r in train}
    examples = examples_for(train, posts, negative)
    model = fit_cues(examples, **fit_kwargs)
    return cross_fitted(train, examples, **fit_kwargs), [model.score(r["text"], r["lang"]) for r in test]


_CUE_CACHE: dict[tuple[str, ...], tuple[list[float], list[float]]] = {}


def cue_columns(train: Rows, test: Rows, **kw: Any) -> tuple[list[float], list[float]]:
    """Cached in memory and in /tmp (a fold's cue columns take a minute on a busy machine)."""
    import hashlib
    import pickle
    from pathlib import Path

    key = (test[0]["batch"], *map(str, sorted(kw.items())))
    if key not in _CUE_CACHE:
        digest = hashlib.sha1(repr((key, len(train), len(test), Path(__file__).with_name("keep_cues.py").read_bytes(),
                                    Path(ROOT, "src/summarize/score/cues.py").read_bytes())).encode()).hexdigest()[:12]
        path = Path(f"/tmp/rank13-cue-{digest}.pkl")
        if path.exists():
            _CUE_CACHE[key] = pickle.loads(path.read_bytes())
        else:
            _CUE_CACHE[key] = _cue_columns(train, test, **kw)
            path.write_bytes(pickle.dumps(_CUE_CACHE[key]))
    return _CUE_CACHE[key]


def cue_alone(train: Rows, test: Rows) -> tuple[list[float], list[float]]:
    _tr, te = cue_columns(train, test)
    return te, te


def with_cue(train: Rows, test: Rows, blends: tuple[tuple[str, float], ...] | None = None,
             **kw: Any) -> tuple[list[float], list[float]]:
    tr, te = cue_columns(train, test, **kw)
    return refit(train, test, inputs=(*BASE_INPUTS, "cue"),
                 extra_train={"cue": tr}, extra_test={"cue": te}, blends=blends)


def with_cue_b1(train: Rows, test: Rows) -> tuple[list[float], list[float]]:
    return with_cue(train, test, blends=(("captions", 1.0), ("spoken", 1.0), ("written", 1.0)))


VARIANTS.update({"cue_alone": cue_alone, "cue": with_cue, "cue_b1": with_cue_b1})


# ----------------------------------------------------------------------------- paragraph role

import re
from collections.abc import Iterable

_RESOLUTION_EN_RE = re.compile(
    r"\b(?:so (?:we|i|they|now|the|it)|instead|now (?:we|it|the|they)|as a result|ended up|went from|dropped from|"
    r"fell from|down to|up to|cut (?:it|that|the)|the fix|the lesson|the result|the answer|which means|"
    r"that's why|that is why|turned out|we switched|we moved|we changed|we replaced)\b", re.IGNORECASE)
_RESOLUTION_ZH_RE = re.compile(r"结果|后来|于是|所以|因此|改成|改为|换成|最终|最后|降到|降至|提升到|缩短到|现在|建议|一定要|从.{1,12}到")


def resolves(text: str, lang: str) -> bool:
    """Whether a line carries a resolution: the fix, the result, the consequence ("so we …", "instead", "went from
    … to", "改成", "结果")."""
    return (_RESOLUTION_ZH_RE if lang == "zh" else _RESOLUTION_EN_RE).search(text) is not None


def paragraph_roles(items: Iterable[tuple[int, int, str, str, bool]]) -> dict[int, tuple[float, float]]:
    """Candidate id → (setup, resolution) from (id, block, text, lang, measures a change) of a post's candidates.

    *setup*: the first candidate of its paragraph (block) when a later one of the same paragraph carries the
    resolution (:func:`resolves`, or a measured change): the problem or the scene, whose point is further on.
    *resolution*: a later candidate of its paragraph that carries one."""
    blocks: dict[int, list[tuple[int, bool]]] = {}
    for i, block, text, lang, measured in items:
        blocks.setdefault(block, []).append((i, measured or resolves(text, lang)))
    roles: dict[int, tuple[float, float]] = {}
    for members in blocks.values():
        members.sort()
        later = any(r for _i, r in members[1:])
        for k, (i, r) in enumerate(members):
            roles[i] = (1.0 if k == 0 and later else 0.0, 1.0 if k > 0 and r else 0.0)
    return roles



def role_columns(rows: Rows) -> dict[str, list[float]]:
    by_post: dict[str, list[tuple[int, int, str, str, bool]]] = {}
    for r in rows:
        by_post.setdefault(r["post"], []).append((r["id"], r["block"], r["text"], r["lang"], r["measured"]))
    roles = {post: paragraph_roles(items) for post, items in by_post.items()}
    return {"setup": [roles[r["post"]][r["id"]][0] for r in rows],
            "resolution": [roles[r["post"]][r["id"]][1] for r in rows]}


_B1 = (("captions", 1.0), ("spoken", 1.0), ("written", 1.0))


def with_role(train: Rows, test: Rows, blends: tuple[tuple[str, float], ...] | None = None) -> tuple[list[float], list[float]]:
    return refit(train, test, inputs=(*BASE_INPUTS, "setup", "resolution"), extra_train=role_columns(train),
                 extra_test=role_columns(test), blends=blends)


def with_cue_role(train: Rows, test: Rows, blends: tuple[tuple[str, float], ...] | None = None) -> tuple[list[float], list[float]]:
    tr, te = cue_columns(train, test)
    return refit(train, test, inputs=(*BASE_INPUTS, "cue", "setup", "resolution"),
                 extra_train={"cue": tr, **role_columns(train)}, extra_test={"cue": te, **role_columns(test)},
                 blends=blends)


VARIANTS.update({"role": with_role, "role_b1": lambda a, b: with_role(a, b, _B1),
                 "cue_role": with_cue_role, "cue_role_b1": lambda a, b: with_cue_role(a, b, _B1)})


# ----------------------------------------------------------------------------- blends and joint labels

def _blends(spoken: float, written: float, captions: float = 1.0) -> tuple[tuple[str, float], ...]:
    return (("captions", captions), ("spoken", spoken), ("written", written))


def fit_joint(train: Rows, cue_train: list[float] | None, blends: tuple[tuple[str, float], ...],
              oracle_weight: float = 1.0, calibrate: bool = True, l2: float = 10.0) -> KeepModel:
    """The keep model fitted on the judged lines and, with ``oracle_weight``, on the writer-oracle labels of every
    candidate of a fresh page (a page's negatives weighted down to as much in all as its positives); with
    ``calibrate``, its probabilities then rescaled to the judges' (:func:`calibrated`). ``cue_train`` is the rows'
    cross-fitted cue score, or None for a model without the cue input."""
    inputs = (*BASE_INPUTS, "cue") if cue_train is not None else BASE_INPUTS
    extra_tr = {"cue": cue_train} if cue_train is not None else {}
    xs, ys, ws = [], [], []
    pos_by_post: dict[str, int] = {}
    neg_by_post: dict[str, int] = {}
    for r in train:
        if r["has_oracle"]:
            d = pos_by_post if r["oracle"] > 0 else neg_by_post
            d[r["post"]] = d.get(r["post"], 0) + 1
    for n, r in enumerate(train):
        x = [extra_tr[name][n] if name in extra_tr else r["inputs"][name] for name in inputs]
        if r["kept"] is not None:
            xs.append(x), ys.append(float(r["kept"])), ws.append(1.0)
        if r["has_oracle"] and oracle_weight and pos_by_post.get(r["post"]) and neg_by_post.get(r["post"]):
            w = oracle_weight * (1.0 if r["oracle"] > 0 else pos_by_post[r["post"]] / neg_by_post[r["post"]])
            xs.append(x), ys.append(1.0 if r["oracle"] > 0 else 0.0), ws.append(w)
    fitted = fit_logistic(np.array(xs, dtype=float), np.array(ys), l2, sample_weight=np.array(ws))
    if calibrate:
        fitted = calibrated(fitted, train, inputs, extra_tr)
    return model_from(inputs, fitted, blends)


def joint(train: Rows, test: Rows, blends: tuple[tuple[str, float], ...] | None = None, cue: bool = True,
          oracle_weight: float = 1.0, calibrate: bool = False) -> tuple[list[float], list[float]]:
    tr, te = cue_columns(train, test) if cue else (None, None)
    model = fit_joint(train, tr, SHIPPED_BLENDS if blends is None else blends, oracle_weight, calibrate)
    return score_with(model, test, {"cue": te} if te is not None else None)


def calibrated(fitted: tuple[np.ndarray, float, np.ndarray, np.ndarray], train: Rows, inputs: tuple[str, ...],
               extra: dict[str, list[float]]) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """The same ranking, its probabilities rescaled to the judges' (Platt: ``σ(a·z + c)`` fitted on the judged
    lines), so that a threshold chosen on verdicts (``MIN_KEEP_PROBABILITY``) keeps its meaning."""
    w, b, mean, scale = fitted
    idx = [n for n, r in enumerate(train) if r["kept"] is not None]
    x = np.array([[extra[name][n] if name in extra else train[n]["inputs"][name] for name in inputs] for n in idx])
    z = ((x - mean) / scale) @ w + b
    y = np.array([float(train[n]["kept"]) for n in idx])
    a, c = 1.0, 0.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(a * z + c)))
        a -= 0.1 * float(((p - y) * z).mean())
        c -= 0.1 * float((p - y).mean())
    return w * a, b * a + c, mean, scale


VARIANTS.update({
    "cue_s5": lambda a, b: with_cue(a, b, blends=_blends(0.5, 0.5)),
    "cue_w1": lambda a, b: with_cue(a, b, blends=_blends(0.0, 1.0)),
    "cue_s5w1": lambda a, b: with_cue(a, b, blends=_blends(0.5, 1.0)),
    "joint": joint,
    "joint_nocue_b1": lambda a, b: joint(a, b, _B1, cue=False),
    "joint_b1": lambda a, b: joint(a, b, _B1),
    "joint_s5w1": lambda a, b: joint(a, b, _blends(0.5, 1.0)),
})
VARIANTS.update({
    "joint3_b1": lambda a, b: joint(a, b, _B1, oracle_weight=0.3),
    "joint3_s5": lambda a, b: joint(a, b, _blends(0.5, 0.5), oracle_weight=0.3),
    "joint3_s5w1": lambda a, b: joint(a, b, _blends(0.5, 1.0), oracle_weight=0.3),
    "joint_s5": lambda a, b: joint(a, b, _blends(0.5, 0.5)),
})
VARIANTS.update({
    "joint_cal": lambda a, b: joint(a, b, calibrate=True),
    "joint_cal_s5": lambda a, b: joint(a, b, _blends(0.5, 0.5), calibrate=True),
})
VARIANTS.update({
    "joint3_cal": lambda a, b: joint(a, b, oracle_weight=0.3, calibrate=True),
    "joint5_cal": lambda a, b: joint(a, b, oracle_weight=0.5, calibrate=True),
})
