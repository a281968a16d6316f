"""Leave-one-batch-out table for the takeaways keep model: does a variant rank the writer's points and the judges'
kept lines higher than the shipped model, on a batch of fresh pages it was not fitted on?

    python tools/keep_folds.py [--refresh] [--variants shipped,refit,cue,role,cue+role]

One fold per fresh batch (``unseen4`` … ``unseen15``): a variant is fitted on every other licensed page (the
fitted licences of ``tools/keep_data.py``) and scores the held-out batch. Figures per fold and pooled:

- ``auc_p``: AUC of the keep probability against the judges' kept/dropped on the batch's judged lines;
- ``auc_rank``: the same for the ranking score (probability blended with the weighted score as the shipped blends
  say, times the result boost), which is what orders the printed lines;
- ``recall5``: of the writer's README takeaways whose best-matching candidate exists, the share whose match is in
  the page's top 5 (reserve last, then by ranking score) — the writer-oracle recall.

The shipped model was fitted on batches up to 11 and the verdicts of its day, so on folds 4-11 its figures are not
held out: read them against the refit's, which always are.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keep_data import FITTED_LICENCES, FRESH_BATCHES, ROOT, cached_rows  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))


def auc(scores: list[float], kept: list[bool]) -> float:
    s = np.asarray(scores, dtype=float)
    k = np.asarray(kept, dtype=bool)
    pos, neg = s[k], s[~k]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def recall_at(rows: list[dict[str, Any]], rank: list[float], k: int = 5) -> tuple[float, float]:
    """(hits, writer lines) over the pages: a writer line counts as found when its best match is in the top k."""
    pages: dict[str, list[tuple[bool, float, float]]] = defaultdict(list)
    for r, score in zip(rows, rank):
        if r["has_oracle"]:
            pages[r["post"]].append((r["reserve"], -score, r["oracle"]))
    hits = total = 0.0
    for cands in pages.values():
        cands.sort(key=lambda t: (t[0], t[1]))
        hits += sum(t[2] for t in cands[:k])
        total += sum(t[2] for t in cands)
    return hits, total


Scorer = Callable[[list[dict[str, Any]], list[dict[str, Any]]], tuple[list[float], list[float]]]
"""(training rows, test rows) → (probabilities, ranking scores) of the test rows."""


def fold_table(rows: list[dict[str, Any]], variants: dict[str, Scorer]) -> dict[str, dict[str, Any]]:
    licensed = [r for r in rows if r["licence"] in FITTED_LICENCES]
    out: dict[str, dict[str, Any]] = {}
    for name, scorer in variants.items():
        per: dict[str, dict[str, float]] = {}
        pooled_p: list[float] = []
        pooled_rank: list[float] = []
        pooled_kept: list[bool] = []
        hits_all = total_all = 0.0
        for batch in FRESH_BATCHES:
            train = [r for r in licensed if r["batch"] != batch]
            test = [r for r in licensed if r["batch"] == batch]
            p, rank = scorer(train, test)
            judged = [(a, b, r["kept"]) for a, b, r in zip(p, rank, test) if r["kept"] is not None]
            hits, total = recall_at(test, rank)
            hits_all += hits
            total_all += total
            gate = [j for j in judged if j[0] >= 0.45]
            gate_below = [j for j in judged if j[0] < 0.45]
            per[batch] = {"gate_pass": len(gate) / max(1, len(judged)),
                          "gate_kept": sum(j[2] for j in gate) / max(1, len(gate)),
                          "below_kept": sum(j[2] for j in gate_below) / max(1, len(gate_below)),
                          "mean_p": float(np.mean([j[0] for j in judged])),
                          "kept_rate": float(np.mean([j[2] for j in judged])),
                          "auc_p": auc([j[0] for j in judged], [j[2] for j in judged]),
                          "auc_rank": auc([j[1] for j in judged], [j[2] for j in judged]),
                          "recall5": hits / total if total else float("nan")}
            # pooled AUC ranks within a batch only: rescale each fold's scores to ranks in [0, 1]
            pooled_p += list(_ranks([j[0] for j in judged]))
            pooled_rank += list(_ranks([j[1] for j in judged]))
            pooled_kept += [j[2] for j in judged]
        out[name] = {"folds": per, "pooled_auc_p": auc(pooled_p, pooled_kept),
                     "pooled_auc_rank": auc(pooled_rank, pooled_kept), "recall5": hits_all / total_all,
                     "mean_auc_p": float(np.nanmean([v["auc_p"] for v in per.values()])),
                     "mean_auc_rank": float(np.nanmean([v["auc_rank"] for v in per.values()])),
                     "sd_auc_p": float(np.nanstd([v["auc_p"] for v in per.values()])),
                     "sd_recall5": float(np.nanstd([v["recall5"] for v in per.values()])),
                     **{k: float(np.mean([v[k] for v in per.values()]))
                        for k in ("gate_pass", "gate_kept", "below_kept", "mean_p", "kept_rate")}}
    return out


def _ranks(values: list[float]) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        return np.full(len(v), 0.5)
    order = v.argsort().argsort()
    return order / (len(v) - 1)


def print_table(table: dict[str, dict[str, Any]]) -> None:
    names = list(table)
    print("fold      " + "".join(f"{n:>24s}" for n in names))
    print("          " + "".join(f"{'aucP aucR rec5':>24s}" for _ in names))
    for batch in FRESH_BATCHES:
        line = f"{batch:10s}"
        for n in names:
            v = table[n]["folds"][batch]
            line += f"{v['auc_p']:>10.3f}{v['auc_rank']:>7.3f}{v['recall5']:>7.3f}"
        print(line)
    for key in ("pooled_auc_p", "pooled_auc_rank", "mean_auc_p", "mean_auc_rank", "sd_auc_p", "recall5",
                "sd_recall5", "gate_pass", "gate_kept", "below_kept", "mean_p", "kept_rate"):
        print(f"{key:16s}" + "".join(f"{table[n][key]:>18.3f}      " for n in names))
    first = names[0]
    for key in ("auc_p", "auc_rank", "recall5"):
        cells = []
        for n in names:
            d = np.array([table[n]["folds"][b][key] - table[first]["folds"][b][key] for b in FRESH_BATCHES])
            d = d[~np.isnan(d)]
            cells.append(f"{d.mean():+.3f}±{d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0:.3f}")
        print(f"d {key:14s}" + "".join(f"{c:>24s}" for c in cells))


def section(table: dict[str, dict[str, Any]], command: str, version: str) -> str:
    """The docs/BENCHMARKS.md section: every variant pooled, with its per-fold difference from the first."""
    names = list(table)
    first = names[0]

    def paired(n: str, key: str) -> str:
        d = np.array([table[n]["folds"][b][key] - table[first]["folds"][b][key] for b in FRESH_BATCHES])
        d = d[~np.isnan(d)]
        return f"{d.mean():+.3f} ± {d.std(ddof=1) / np.sqrt(len(d)):.3f}" if n != first else "–"

    body = ["| variant | AUC p (pooled) | AUC rank (pooled) | writer recall@5 | Δ AUC p | Δ AUC rank | Δ recall@5 | "
            "judged lines p ≥ 0.45 (kept) |", "|:---|---:|---:|---:|---:|---:|---:|---:|"]
    for n in names:
        t = table[n]
        body.append(f"| {n} | {t['pooled_auc_p']:.3f} | {t['pooled_auc_rank']:.3f} | {t['recall5']:.3f} | "
                    f"{paired(n, 'auc_p')} | {paired(n, 'auc_rank')} | {paired(n, 'recall5')} | "
                    f"{t['gate_pass']:.2f} ({t['gate_kept']:.2f}) |")
    folds = ["| fold | " + " | ".join(f"{n} AUC rank / recall@5" for n in names) + " |",
             "|:---|" + "---:|" * len(names)]
    for b in FRESH_BATCHES:
        folds.append(f"| {b} | " + " | ".join(f"{table[n]['folds'][b]['auc_rank']:.3f} / "
                                              f"{table[n]['folds'][b]['recall5']:.3f}" for n in names) + " |")
    return "\n".join([
        "## Keep model: leave one fresh batch out", "", f"Reproduce: `{command}` (rows cached in /tmp; `--refresh` "
        "rebuilds them). Code: " + version + ".", "",
        "One fold per fresh batch (`tests/fixtures/unseen4` … `unseen15`): each variant is fitted on every other "
        "openly licensed page and scores the held-out batch. *AUC p* / *AUC rank*: the keep probability / the ranking "
        "score (probability blended with the weighted score by register, as shipped unless the name says otherwise) "
        "against the judges' kept/dropped on the batch's judged lines (pooled over folds as within-batch ranks). "
        "*Writer recall@5*: of the writers' README takeaways, the share whose best-matching candidate (ROUGE-1 F1 ≥ 0.2) "
        "is in the page's top 5 (reserve last). Δ = mean per-fold difference from the first row ± its standard "
        "error over the 12 folds. The first row (`previous`) is the model before this change, fitted on batches up to "
        "11: its folds 4-11 are not held out.", "",
        "Variants: `weighted` = the weighted features alone; `refit` = the same 18 inputs refitted on today's verdicts; "
        "`role` = + paragraph set-up/resolution flags; `cue` = + the point-cue score (n-gram model, cross-fitted); "
        "`joint` = keep model fitted on verdicts and writer-oracle labels (`joint5`, `joint3`: those labels weighted 0.5, 0.3); `_cal` = its probabilities rescaled to the "
        "verdicts (Platt); `_s5` = spoken blend 0.5, written 0.5; `_b1` = every blend 1. Shipped: `joint_cal`.", "",
        *body, "", *folds, ""])


def main(argv: list[str] | None = None) -> int:
    from keep_variants import VARIANTS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--refresh", action="store_true", help="recompute the rows (about 80 s) instead of the cache")
    ap.add_argument("--variants", default="previous,weighted,refit,role,cue,cue_s5,joint,joint_cal,joint5_cal,joint3_cal,joint_cal_s5,joint_b1")
    ap.add_argument("--json", type=Path, help="also write the table here")
    ap.add_argument("--write", action="store_true", help="write the keep-folds section of docs/BENCHMARKS.md")
    ns = ap.parse_args(argv)
    rows = cached_rows(refresh=ns.refresh)
    table = fold_table(rows, {name: VARIANTS[name] for name in ns.variants.split(",")})
    print_table(table)
    if ns.json:
        ns.json.write_text(json.dumps(table, indent=1) + "\n")
    if ns.write:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from _common import code_version, write_section

        argv_used = list(argv if argv is not None else sys.argv[1:])
        write_section("keep-folds", section(table, "python tools/keep_folds.py " + " ".join(argv_used), code_version()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
