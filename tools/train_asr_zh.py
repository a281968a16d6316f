"""Build ``src/summarize/data/asr_zh_boundaries.json.gz``: sentence-boundary statistics for Chinese ASR.

The Chinese counterpart of ``train_asr_boundaries.py`` (whose regression and threshold search
it reuses). Only VCSum rows (MIT) are accepted, since we redistribute what we derive.

Steps:

1. Read the VCSum JSON-lines files given; one document per meeting (``meeting_dev`` holds whole
   meetings, ``segment_dev`` their topic segments: a meeting's segments are used only when the
   meeting itself is missing). Meetings in ``--holdout`` are never read for training.
2. Turn each transcript into what a recogniser prints (``summarize.segment.asr_zh.unpunctuate_zh``):
   phrases cut at every mark and space, clauses over 16 characters cut at word boundaries, no
   punctuation, no speaker labels. A gap is a boundary where the transcript had 。？！ or a
   speaker turn ended; ，、；： are not boundaries.
3. Fit a logistic regression on the character features of ``gap_keys``; pick the threshold by
   cross-validation over training meetings; refit on every training meeting; drop small weights.
4. Write weights, threshold and the provenance record as gzipped JSON (sorted keys, zero mtime).

Usage::

    python tools/train_asr_zh.py ../shared/eval/vcsum/meeting_dev.jsonl ../shared/eval/vcsum/segment_dev.jsonl \\
        --holdout 42,80,153,198,218 -o src/summarize/data/asr_zh_boundaries.json.gz --date 2026-12-07

The hold-out is five whole meetings (about a quarter of the text); the benchmark reads the list
back from the data file and measures on exactly those.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from train_asr_boundaries import add_fit_arguments, build_date, fit, score, script_command, train, write_data

from summarize.segment.asr_zh import TEMPLATES, _units, gap_keys, text_style, unpunctuate_zh
from summarize.segment.zh import zh_words

ALLOWED_REPO = "hahahawu/VCSum"
LICENSE_SOURCE = "https://github.com/hahahawu/VCSum (LICENSE: MIT, Copyright 2023 Han WU)"


@dataclass(frozen=True)
class Doc:
    meeting: str
    row_ids: tuple[str, ...]
    source_paths: tuple[str, ...]
    commits: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]  # units of each phrase
    gold: frozenset[int]  # gap i = after phrase i
    gaps: tuple[str, ...] = ()  # gap_kind of gap i
    style: str = "p"

    @property
    def chars(self) -> int:
        return sum(len("".join(p)) for p in self.phrases)


def meeting_of(row_id: str) -> str:
    """``vcsum-dev-meeting-13`` and ``vcsum-dev-seg-13_0`` are both meeting 13."""
    return row_id.rsplit("-", 1)[-1].split("_")[0]


def read_meetings(paths: Sequence[Path]) -> dict[str, list[dict]]:
    """Rows per meeting: the whole-meeting row where there is one, else its segments in order."""
    whole: dict[str, list[dict]] = {}
    parts: dict[str, list[dict]] = collections.defaultdict(list)
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                if row.get("source_repo") != ALLOWED_REPO:
                    raise SystemExit(f"{path}: row {row.get('id')!r} comes from {row.get('source_repo')!r}; "
                                     "only VCSum (MIT) may be learned from, so remove this file from the command line")
                meeting = meeting_of(row["id"])
                if "-seg-" in row["id"]:
                    parts[meeting].append(row)
                else:
                    whole[meeting] = [row]
    out = dict(whole)
    for meeting, rows in parts.items():
        if meeting not in out:
            out[meeting] = sorted(rows, key=lambda r: int(r["id"].rsplit("_", 1)[-1]))
    return out


def to_docs(meeting: str, rows: list[dict]) -> list[Doc]:
    """The meeting rendered twice, as captions print Chinese: a space or line break between phrases
    (Bilibili), and a space between words with one phrase per line (word-spaced auto-captions).

    What separates two phrases is drawn with a generator seeded by the meeting, so a rebuild gives
    the same data: a line break or a space half the time each, a blank line at half the turn ends.
    """
    texts: list[str] = []
    gold: set[int] = set()
    turns: set[int] = set()
    for row in rows:
        for line in row["text"].splitlines():
            line_texts, line_gold = unpunctuate_zh(line)
            if not line_texts:
                continue
            if texts:
                gold.add(len(texts) - 1)
                turns.add(len(texts) - 1)  # a speaker turn (or a topic segment) ends
            gold.update(len(texts) + g for g in line_gold)
            texts.extend(line_texts)
    rng = random.Random(f"vcsum:{meeting}")
    phrase_gaps = [("par" if rng.random() < 0.5 else "nl") if k in turns else ("nl" if rng.random() < 0.5 else "sp")
                   for k in range(len(texts) - 1)]
    ids = tuple(r["id"] for r in rows)
    paths = tuple(sorted({r.get("source_path", "") for r in rows}))
    commits = tuple(sorted({r.get("commit", "") for r in rows if r.get("commit")}))
    units = [tuple(_units(t)) for t in texts]
    phrase_doc = Doc(meeting, ids, paths, commits, tuple(units), frozenset(gold), tuple(phrase_gaps), text_style(units))
    words: list[tuple[str, ...]] = []
    word_gold: set[int] = set()
    word_gaps: list[str] = []
    for k, text in enumerate(texts):
        for j, word in enumerate(zh_words(text) or [text]):
            if words:
                word_gaps.append("sp" if j else ("par" if phrase_gaps[k - 1] == "par" else "nl"))
            words.append(tuple(_units(word)))
        if k in gold:
            word_gold.add(len(words) - 1)
    word_gold.discard(len(words) - 1)
    word_doc = Doc(meeting, ids, paths, commits, tuple(words), frozenset(word_gold), tuple(word_gaps), text_style(words))
    return [phrase_doc, word_doc]


def gap_table(docs: Sequence[Doc]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    keys: list[tuple[str, ...]] = []
    labels: list[bool] = []
    for doc in docs:
        p = doc.phrases
        for i in range(len(p) - 1):
            keys.append(gap_keys(p[i - 1] if i else (), p[i], p[i + 1], doc.gaps[i], doc.style))
            labels.append(i in doc.gold)
    return keys, np.asarray(labels, dtype=float)


def best_threshold(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The threshold on a 0.05 grid with the best pooled F1, and that F1."""
    best = (-1.0, 0.0)
    for tau in np.round(np.arange(-3.0, 2.0001, 0.05), 2):
        pred = z > tau
        hits = float((pred & (y > 0)).sum())
        f1 = 2 * hits / (pred.sum() + y.sum()) if hits else 0.0
        if f1 > best[0] + 1e-12:
            best = (f1, float(tau))
    return best[1], best[0]


def cross_validate(docs: Sequence[Doc], folds: int, **params: float) -> tuple[float, float]:
    """Out-of-fold scores, folds by meeting (both renderings of a meeting in one fold), then the best threshold."""
    fold_of = {m: i % folds for i, m in enumerate(dict.fromkeys(d.meeting for d in docs))}
    zs, ys = [], []
    for f in range(folds):
        train = [d for d in docs if fold_of[d.meeting] != f]
        test = [d for d in docs if fold_of[d.meeting] == f]
        if not train or not test:
            continue
        model = fit(*gap_table(train), **params)
        keys, y = gap_table(test)
        zs.append(score(model, keys))
        ys.append(y)
    return best_threshold(np.concatenate(zs), np.concatenate(ys))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="VCSum JSON-lines files (../shared/eval/vcsum/...)")
    ap.add_argument("--holdout", required=True, help="comma-separated meeting numbers never trained on (e.g. 42,80)")
    add_fit_arguments(ap, folds_help="cross-validation folds (by meeting) for the threshold")
    ns = ap.parse_args(argv)

    started = time.perf_counter()
    holdout = {h.strip() for h in ns.holdout.split(",") if h.strip()}
    meetings = read_meetings(ns.inputs)
    unknown = holdout - set(meetings)
    if unknown:
        raise SystemExit(f"--holdout names meetings not in the inputs: {', '.join(sorted(unknown))}")
    docs = [d for m, rows in sorted(meetings.items(), key=lambda kv: int(kv[0])) if m not in holdout for d in to_docs(m, rows)]
    params, threshold, cv_f1, y, model, weights = train(docs, ns, cross_validate, gap_table, TEMPLATES)
    command = script_command("train_asr_zh.py", argv)
    data = {
        "format": 1,
        "description": "Log-odds that a sentence ends in the gap after phrase i of unpunctuated Chinese speech; "
                       "read by summarize.segment.asr_zh.",
        "license": "Statistics derived from VCSum (MIT, Copyright 2023 Han WU); keep this attribution when "
                   "redistributing. No text is stored, only character-window weights.",
        "source": [{
            "dataset": "VCSum",
            "license": "MIT",
            "license_source": LICENSE_SOURCE,
            "source_repo": ALLOWED_REPO,
            "source_paths": sorted({p for d in docs for p in d.source_paths}),
            "commits": sorted({c for d in docs for c in d.commits}),
            "documents": sorted({i for d in docs for i in d.row_ids}),
            "meetings": list(dict.fromkeys(d.meeting for d in docs)),
            "characters": sum({d.meeting: d.chars for d in docs}.values()),
        }],
        "built": {
            "date": build_date(ns.date),
            "command": command,
            "method": ("logistic regression on character features of the gap between two phrases (templates), "
                       "full-batch Adam with L2; phrases = text between marks or spaces, clauses over 16 "
                       "characters cut at jieba word boundaries; each meeting rendered twice: phrases between "
                       "spaces or line breaks, and jieba words between spaces with a phrase a line (gap kinds "
                       "drawn with random.Random('vcsum:<meeting>')); boundary = 。？！ or a speaker turn; ，、；： "
                       "are not; threshold = best out-of-fold pooled F1, folds by meeting; weights with |w| < "
                       "prune dropped"),
            "hyperparameters": {**params, "prune": ns.prune, "folds": ns.folds},
            "threshold_cv_f1": round(cv_f1, 4),
            "holdout": sorted(holdout, key=int),
            "training_gaps": len(y),
            "training_boundaries": int(y.sum()),
        },
        "templates": list(TEMPLATES),
        "bias": round(model.bias, 4),
        "threshold": threshold,
        "weights": weights,
    }
    write_data(ns.output, data)
    n_weights = sum(len(t) for t in weights.values())
    print(f"{len(docs)} documents (each meeting rendered twice), {len(y)} gaps, {int(y.sum())} boundaries; held out {sorted(holdout, key=int)}; "
          f"threshold {threshold} (cross-validated F1 {cv_f1:.3f}); {n_weights} weights; "
          f"{ns.output} {ns.output.stat().st_size} bytes; {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
