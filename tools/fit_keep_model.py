"""Fit the takeaways keep model (``summarize/score/keep.py``) and its point-cue input (``summarize/score/cues.py``).

Why: ROUGE against meeting summaries cannot see what readers drop; blind judges' verdicts can, and the fresh
pages' writers listed their own takeaways before any output. Only openly licensed pages are fitted on (istio.io
Apache-2.0, kubernetes.io CC BY 4.0, gcppodcast Apache-2.0, our own fixtures: the ``licence`` column of
``benchmarks/judged_set.tsv``); verdicts on every other page are a held-out measurement, never fitted on.

    python tools/fit_keep_model.py -o src/summarize/data/takeaways_keep_model.json \\
        --cues src/summarize/data/takeaways_cue_model.json \\
        --blend captions=1 --blend spoken=0 --blend written=0.5 --folds

How (rows: ``tools/keep_data.py``, every candidate of every judged page, as the scorer computes it today):
1. the cue model, a logistic regression over word and character n-grams, is fitted on every licensed verdict's
   text and on the writer-oracle labels of the fresh pages' candidates (``tools/keep_cues.py``);
2. each licensed row gets the cue score of a cue model fitted without its post (4 groups of posts), so that the
   keep model learns how far to trust the cue on lines the cue model has not seen;
3. the keep model (logistic, L2, standardised inputs) is fitted on the judged lines and the writer-oracle labels
   together, then its probabilities are rescaled to the judged lines alone (Platt), so that
   ``MIN_KEEP_PROBABILITY`` keeps its meaning;
4. with ``--folds``, the leave-one-batch-out table (``tools/keep_folds.py``) of this recipe against the model it
   replaces is recorded in the file (about 10 minutes on a busy 2-core machine; cached in /tmp after).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keep_cues import cross_fitted, examples_for, fit_cues, verdict_examples  # noqa: E402
from keep_data import FITTED_LICENCES, FRESH_BATCHES, cached_rows  # noqa: E402
from keep_folds import auc  # noqa: E402
from keep_variants import PREVIOUS, fit_joint, joint, score_with, shipped  # noqa: E402

from summarize.score.keep import KEEP_INPUTS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--cues", type=Path, required=True, help="where the cue model goes")
    parser.add_argument("--blend", action="append", default=[], metavar="REGISTER=VALUE",
                        help="how much the probability counts in a register (written, spoken, captions); 1 if not given")
    parser.add_argument("--folds", action="store_true", help="record the leave-one-batch-out table (slow)")
    parser.add_argument("--cached-rows", action="store_true", help="reuse /tmp's rows instead of rebuilding (80 s)")
    ns = parser.parse_args(argv)
    command = "python tools/fit_keep_model.py " + " ".join(argv if argv is not None else sys.argv[1:])
    blends = tuple(sorted((name, float(value)) for name, value in (b.split("=", 1) for b in ns.blend)))
    rows = cached_rows(refresh=not ns.cached_rows)
    licensed = [r for r in rows if r["licence"] in FITTED_LICENCES]
    held = [r for r in rows if r["licence"] not in FITTED_LICENCES and r["kept"] is not None]
    posts = {r["post"] for r in licensed}
    examples = examples_for(licensed, posts, negative=1.0)
    cue_model = fit_cues(examples)
    cue_train = cross_fitted(licensed, examples)
    model = fit_joint(licensed, cue_train, blends)
    assert model.inputs == KEEP_INPUTS, (model.inputs, KEEP_INPUTS)

    judged_fit = [r for r in licensed if r["kept"] is not None]
    oracle_pages = {r["post"] for r in licensed if r["has_oracle"]}
    held_p, _ = score_with(model, held, {"cue": [cue_model.score(r["text"], r["lang"]) for r in held]})
    today = dt.date.today().isoformat()
    sources = {
        "verdicts": "benchmarks/judgments/takeaways.jsonl (blind judges, rubric benchmarks/RUBRIC.md)",
        "writer_takeaways": "tests/fixtures/unseen*/README.md: each page's takeaways as its writer listed them before "
                            "any output; the candidate that best matches a line (ROUGE-1 F1 >= 0.2) is a positive",
        "pages": "benchmarks/judged_set.tsv rows whose licence is one of: " + ", ".join(FITTED_LICENCES.values()),
        "fitted_posts": len(posts),
        "fitted_verdicts": len(judged_fit), "fitted_kept": sum(bool(r["kept"]) for r in judged_fit),
        "cue_verdict_texts": len(verdict_examples(posts)),
        "writer_oracle_pages": len(oracle_pages),
        "writer_oracle_positives": sum(1 for r in licensed if r["has_oracle"] and r["oracle"] > 0),
    }
    measured: dict[str, object] = {
        "held_out_pages": "every judged page under another licence (seeds, zhaohuabing.com, thenewstack-zh): measured, never fitted",
        "held_out_verdicts": len(held),
        "auc_held_out": round(auc(held_p, [bool(r["kept"]) for r in held]), 3),
        "auc_held_out_weighted_features_alone": round(auc([r["base"] for r in held], [bool(r["kept"]) for r in held]), 3),
    }
    if ns.folds:
        from keep_folds import fold_table

        table = fold_table(rows, {"previous": shipped,
                                  "this": lambda a, b: joint(a, b, blends, calibrate=True)})

        def brief(t: dict) -> dict:
            return {"folds": {b: {k: round(v, 3) for k, v in t["folds"][b].items()
                                  if k in ("auc_p", "auc_rank", "recall5")} for b in FRESH_BATCHES},
                    **{k: round(t[k], 3) for k in ("pooled_auc_p", "pooled_auc_rank", "mean_auc_p", "mean_auc_rank",
                                                  "recall5")}}

        measured["leave_one_batch_out"] = {
            "how": "tools/keep_folds.py: one fold per fresh batch; fitted on every other licensed page, scored on the "
                   "batch; auc_p / auc_rank = AUC of the probability / ranking score against the judges' verdicts "
                   "on its lines, recall5 = share of the writer's takeaways whose best match is in the page's top 5 "
                   f"(reserve last). 'previous' is the model of commit {PREVIOUS}, fitted on batches up to 11 "
                   "(not held out on folds 4-11).",
            "previous": brief(table["previous"]), "this": brief(table["this"]),
        }
    record = {
        "what": "keep model of the `takeaways` scorer (summarize/score/keep.py): logistic regression on judged "
                "verdicts and writers' takeaways, its probabilities rescaled to the verdicts",
        "built": today, "command": command, "sources": sources, "measured": measured,
        "l2": 10.0, "oracle_weight": 1.0,
        "blend_note": ("the ranking score is p ** blend * share ** (1 - blend); blends chosen on the judged benchmark "
                       "(captions, where no reference summaries exist) and held down where the ROUGE guards on "
                       "meeting transcripts and news (benchmarks/rouge.py) would regress: see docs/BENCHMARKS.md"),
        "model": model.to_dict(),
    }
    cue_record = {
        "what": "point-cue model of the takeaways keep model (summarize/score/cues.py): n-gram -> weight, "
                "the log-odds that a line is kept from its wording alone",
        "built": today, "command": command,
        "sources": {**sources, "examples": len(examples)},
        "fit": "logistic regression, L2 10, n-grams in 4 or more lines (tools/keep_cues.py); weights rounded to 3 places",
        "model": cue_model.to_dict(),
    }
    ns.cues.write_text(json.dumps(cue_record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    ns.output.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(sources, indent=1), json.dumps(measured, indent=1), sep="\n")
    for name, w in sorted(zip(model.inputs, model.weights), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {w:+.3f}")
    print(f"cue table: {len(cue_model.weights)} n-grams, {ns.cues.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
