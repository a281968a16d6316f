"""Build ``src/summarize/data/asr_pauses.json.gz``: where a comma belongs inside a unit of English ASR text.

Why: the boundary model leaves units such as "replace don't patch roll out slowly with surge and real
budgets and watch the age of your oldest node": one sentence, a spoken list a reader cannot parse without
its commas. This model scores every gap for "the punctuated original had a comma, semicolon, colon or a
sentence end here"; the segmenter prints a comma inside a unit where the score passes the threshold
chosen here. Only punctuation is added, never a word.

Same documents, licences, hold-out, features and regression as ``tools/train_asr_boundaries.py`` (read its
docstring); only the label and the threshold differ:

- label: a gap is positive after ``,``, ``;``, ``:`` or a sentence boundary (a comma where a full stop
  belonged still reads well: the unit was a run-on);
- threshold: the lowest on a 0.25 grid whose out-of-fold precision, on the talk and podcast transcripts
  (the register the commas are for) at the gaps the shipped boundary model leaves inside a unit, reaches
  ``--min-precision``; folds by meeting series or transcript, as for the boundaries.

Usage (the data file records the exact command)::

    python tools/train_asr_pauses.py ../shared/eval/qmsum/meeting_val.jsonl ../shared/eval/ami/dev.jsonl \\
        --gcppodcast ../shared/corpus-dev --fixtures tests/fixtures --holdout-from src/summarize/data/asr_boundaries.json.gz \\
        --measure-only ../shared/eval/icsi/dev.jsonl -o src/summarize/data/asr_pauses.json.gz --date 2026-12-07
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from summarize.segment.asr import TEMPLATES

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_asr_boundaries as boundaries  # noqa: E402
from asr_speech_sources import FIXTURES_DOMAIN, GCPPODCAST_DOMAIN, fixture_docs, gcppodcast_docs  # noqa: E402

SPEECH_DOMAINS = frozenset({FIXTURES_DOMAIN, GCPPODCAST_DOMAIN})


def with_pause_labels(docs: Sequence[boundaries.Doc]) -> list[boundaries.Doc]:
    """The documents with a positive label at every boundary and every inner comma, semicolon or colon."""
    return [dataclasses.replace(d, gold=d.gold | d.pauses) for d in docs]


def boundary_model(path: Path) -> boundaries.Fit:
    """The shipped boundary model, its threshold folded into the bias (> 0 = cut), as the segmenter reads it."""
    data = json.loads(gzip.decompress(path.read_bytes()))
    return boundaries.Fit(float(data["bias"]) - float(data["threshold"]), [data["weights"][t] for t in TEMPLATES])


def comma_threshold(docs: Sequence[boundaries.Doc], cutter: boundaries.Fit, folds: int, min_precision: float,
                    **params: float) -> tuple[float, float, float]:
    """(threshold, out-of-fold precision, recall of inner marks) on the speech documents: the lowest threshold
    whose commas, at gaps ``cutter`` does not cut, stand at a mark or a boundary of the original at least
    ``min_precision`` of the time."""
    series = sorted({d.series for d in docs})
    fold_of = {s: i % folds for i, s in enumerate(series)}
    zs, hits, marks = [], [], []
    for f in range(folds):
        test = [d for d in docs if fold_of[d.series] == f and d.domain in SPEECH_DOMAINS]
        train = [d for d in docs if fold_of[d.series] != f]
        if not train or not test:
            continue
        model = boundaries.fit(*boundaries.gap_table(with_pause_labels(train)), **params)
        keys, _y = boundaries.gap_table(test)
        inside = boundaries.score(cutter, keys) <= 0
        zs.append(boundaries.score(model, keys)[inside])
        right = np.array([i in d.gold or i in d.pauses for d in test for i in range(len(d.words) - 1)])
        mark = np.array([i in d.pauses for d in test for i in range(len(d.words) - 1)])
        hits.append(right[inside])
        marks.append(mark[inside])
    z, right, mark = np.concatenate(zs), np.concatenate(hits), np.concatenate(marks)
    for tau in np.round(np.arange(-1.0, 4.0001, 0.25), 2):
        placed = z > tau
        if placed.any() and right[placed].mean() >= min_precision:
            return float(tau), float(right[placed].mean()), float((placed & mark).sum() / max(mark.sum(), 1))
    raise SystemExit(f"no threshold up to 4.0 reaches precision {min_precision}; lower --min-precision")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="QMSum / AMI JSON-lines files (../shared/eval/...)")
    ap.add_argument("--holdout-from", type=Path, required=True, metavar="DATA",
                    help="the boundary data file whose hold-out and excluded domains to keep out of training too")
    ap.add_argument("--measure-only", type=Path, action="append", default=[], metavar="JSONL")
    ap.add_argument("--gcppodcast", type=Path, metavar="CORPUS_DEV")
    ap.add_argument("--fixtures", type=Path, metavar="DIR")
    ap.add_argument("--min-precision", type=float, default=0.8,
                    help="out-of-fold precision the commas must reach (a comma at a mark or boundary of the original)")
    boundaries.add_fit_arguments(ap, folds_help="cross-validation folds for the threshold")
    ns = ap.parse_args(argv)

    started = time.perf_counter()
    built = json.loads(gzip.decompress(ns.holdout_from.read_bytes()))["built"]
    holdout, excluded = set(built["holdout"]), set(built["excluded_domains"])
    measure_only = set()
    for path in ns.measure_only:
        with path.open(encoding="utf-8") as fh:
            measure_only.update(boundaries.meeting_id(json.loads(line)["id"]) for line in fh if line.strip())
    docs, skipped = boundaries.read_docs(ns.inputs, holdout, excluded, measure_only)
    speech = [*(gcppodcast_docs(ns.gcppodcast) if ns.gcppodcast else []),
              *(fixture_docs(ns.fixtures) if ns.fixtures else [])]
    speech_docs, speech_skipped = boundaries.read_speech_docs(speech, holdout)
    docs += speech_docs
    skipped += speech_skipped
    params = dict(min_count=ns.min_count, l2=ns.l2, iters=ns.iters, lr=ns.lr)
    threshold, cv_precision, cv_recall = comma_threshold(docs, boundary_model(ns.holdout_from), ns.folds,
                                                         ns.min_precision, **params)
    keys, y = boundaries.gap_table(with_pause_labels(docs))
    model, weights = boundaries.fit_rounded(keys, y, TEMPLATES, ns.prune, **params)
    data = {
        "format": 1,
        "description": "Log-odds that the punctuated original had a comma, semicolon, colon or sentence end in the "
                       "gap after word i of unpunctuated English speech; read by summarize.segment.asr (commas "
                       "inside the boundary model's units).",
        "license": boundaries.licence_statement(docs),
        "source": boundaries.provenance(docs),
        "built": {
            "date": boundaries.build_date(ns.date),
            "command": boundaries.script_command("train_asr_pauses.py", argv),
            "method": ("the boundary model's features and regression (tools/train_asr_boundaries.py); label = , ; : "
                       "or a boundary; threshold = the lowest on a 0.25 grid whose out-of-fold precision on the talk "
                       "and podcast transcripts, at gaps the boundary model does not cut, reaches min_precision"),
            "hyperparameters": {**params, "prune": ns.prune, "folds": ns.folds, "min_precision": ns.min_precision},
            "threshold_cv_precision": round(cv_precision, 4),
            "threshold_cv_recall": round(cv_recall, 4),
            "holdout": sorted(holdout),
            "measure_only_meetings": sorted(measure_only),
            "excluded_domains": sorted(excluded),
            "training_gaps": len(y),
            "training_positives": int(y.sum()),
        },
        "templates": list(TEMPLATES),
        "bias": round(model.bias, 4),
        "threshold": threshold,
        "weights": weights,
    }
    boundaries.write_data(ns.output, data)
    print(f"{len(docs)} documents, {len(y)} gaps, {int(y.sum())} positives; skipped {len(skipped)}; threshold "
          f"{threshold} (out-of-fold precision {cv_precision:.3f}, recall of inner marks {cv_recall:.3f}); "
          f"{ns.output} {ns.output.stat().st_size} bytes; {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
