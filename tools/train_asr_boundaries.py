"""Build ``src/summarize/data/asr_boundaries.json.gz``: sentence-boundary statistics for ASR text.

Why a script and not a notebook: the shipped statistics must be rebuilt byte for byte from
the same inputs, and must say where they came from. Only QMSum (MIT) and AMI (CC BY 4.0)
meetings, Google Cloud Platform Podcast transcripts (Apache-2.0) and our own fixture
transcripts (MIT) are accepted; any other source is refused, since we redistribute what we derive.
Meetings alone taught the model a register of one-word backchannels; talks and podcasts, the
register users bring most, run longer sentences that open on "and", "so", "because".

Steps:

1. Read every JSON-lines file given; keep one copy of each meeting (QMSum and AMI share a
   few), drop the held-out meetings (``--holdout``) and excluded domains (by default QMSum's
   ICSI meetings: their transcripts come from the ICSI corpus, whose own terms are unclear,
   and leaving them out keeps the ICSI benchmark a test on unseen recordings). With
   ``--gcppodcast`` and ``--fixtures``, add the talk and podcast transcripts that
   ``tools/asr_speech_sources.py`` reads (transcript turns only), minus the held-out ones
   (``--holdout`` names them ``gcppodcast:EPISODE`` and ``fixtures:DIR/FILE``).
2. Turn each transcript into what a recogniser prints (``summarize.segment.asr.unpunctuate``):
   lowercase words, no punctuation, no speaker labels, no "um"/"uh". A gap is a boundary after
   ``.``, ``?`` and ``!`` and at every change of speaker (the next speaker always starts a new
   unit, and at inference the stream carries no labels); commas are not boundaries.
3. Fit a logistic regression (numpy, full-batch Adam, L2) on the word-window features of
   ``feature_keys``; pick the decision threshold by cross-validation over meeting series
   (F1 averaged over domains); refit on everything; drop rare and near-zero weights.
4. Write the weights, the threshold, a length prior (from turns of 30+ words) and the
   provenance record as gzipped JSON with sorted keys and a zero gzip mtime.

Usage::

    python tools/train_asr_boundaries.py ../shared/eval/qmsum/meeting_val.jsonl ../shared/eval/ami/dev.jsonl \\
        --gcppodcast ../shared/corpus-dev --fixtures tests/fixtures \\
        --holdout ES2009a,ES2009b,ES2009c,ES2009d,IS1008a,IS1008b,IS1008c,IS1008d,covid_6,education_22,... \\
        --measure-only ../shared/eval/icsi/dev.jsonl -o src/summarize/data/asr_boundaries.json.gz --date 2025-01-01

(the data file records the exact command). The meeting hold-out is two whole meeting series
(ES2009, IS1008) and two of the six committee hearings; the talk and podcast hold-out is two
whole gcppodcast episodes and a few fixture transcripts. The benchmark reads the list back
from the data file and measures on exactly those.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import math
import os
import re
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from summarize.segment.asr import MAX_UNIT_WORDS, TEMPLATES, feature_keys, norm_word, unpunctuate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from asr_speech_sources import (  # noqa: E402
    FIXTURE_MEASURE_ONLY,
    FIXTURES,
    GCPPODCAST,
    SpeechDoc,
    fixture_docs,
    gcppodcast_docs,
)

#: Sources we may learn from and redistribute what we learn: (dataset, licence, where it is stated).
ALLOWED_SOURCES = {
    "Yale-LILY/QMSum": ("QMSum", "MIT", "https://github.com/Yale-LILY/QMSum (LICENSE: MIT, Copyright 2021 Yale-LILY)"),
    "microsoft/HMNet:AMI": ("AMI Meeting Corpus", "CC BY 4.0",
                            "AMI Meeting Corpus, AMI Consortium: CC BY 4.0; preprocessed copy in "
                            "https://github.com/microsoft/HMNet (MIT)"),
    GCPPODCAST: ("Google Cloud Platform Podcast transcripts", "Apache-2.0",
                 "https://github.com/GoogleCloudPlatform/podcast (LICENSE: Apache License 2.0, Copyright 2015 "
                 "Google Inc.); transcript "
                 "turns of the episode pages only, read from ../shared/corpus-dev/gcppodcast"),
    FIXTURES: ("summarize test fixtures", "MIT",
               "this project's own tests/fixtures transcripts, written for it (MIT, see pyproject.toml)"),
}
DEFAULT_EXCLUDED_DOMAINS = ("Academic(ICSI)",)
LONG_TURN_WORDS = 30


@dataclass(frozen=True)
class Doc:
    meeting: str
    source: str  # key of ALLOWED_SOURCES
    row_id: str
    source_path: str
    commit: str
    license_note: str
    domain: str
    words: tuple[str, ...]  # normalised
    gold: frozenset[int]  # gap i = after word i
    turn_ends: frozenset[int]
    pauses: frozenset[int] = frozenset()  # gaps after a , ; or : that are no boundary

    @property
    def series(self) -> str:
        """Meetings of one series (ES2006a-d) share people and topic, so they go to one fold."""
        return re.sub(r"(?<=\d)[a-d]$", "", self.meeting)


def meeting_id(row_id: str) -> str:
    """``qmsum-val-TS3009a`` and ``ami-dev-TS3009a`` name the same meeting."""
    return row_id.split("-", 2)[-1]


def source_key(row: dict) -> str:
    repo = row.get("source_repo", "")
    if repo == "microsoft/HMNet" and "AMI" in row.get("source_path", ""):
        return "microsoft/HMNet:AMI"
    return repo


def read_docs(paths: Sequence[Path], holdout: set[str], excluded_domains: set[str],
              measure_only: set[str] = frozenset()) -> tuple[list[Doc], list[str]]:
    """Training documents, and a log of what was skipped and why."""
    docs: list[Doc] = []
    seen: set[str] = set()
    skipped: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        for row in rows:
            key = source_key(row)
            if key not in ALLOWED_SOURCES:
                raise SystemExit(
                    f"{path}: row {row.get('id')!r} comes from {row.get('source_repo')!r} "
                    f"({row.get('license_note', 'no licence note')}); only QMSum (MIT) and AMI (CC BY 4.0) "
                    "rows may be learned from (talks and podcasts come in through --gcppodcast and --fixtures), "
                    "so remove this file from the command line"
                )
            meeting = meeting_id(row["id"])
            if meeting in holdout:
                skipped.append(f"{row['id']}: held out")
                continue
            if meeting in measure_only:
                skipped.append(f"{row['id']}: in a measure-only set")
                continue
            if row.get("domain") in excluded_domains:
                skipped.append(f"{row['id']}: domain {row['domain']} excluded")
                continue
            if meeting in seen:
                skipped.append(f"{row['id']}: duplicate of a meeting already read")
                continue
            seen.add(meeting)
            docs.append(_doc(row, meeting, key))
    return docs, skipped


def _domain(row: dict, key: str) -> str:
    """QMSum's domain label; AMI's own rows are the same product-design meetings QMSum calls Product(AMI)."""
    return row.get("domain") or ("Product(AMI)" if key.endswith(":AMI") else ALLOWED_SOURCES[key][0])


def _doc(row: dict, meeting: str, key: str) -> Doc:
    words, gold, turns, pauses = _stripped(row["text"], labelled_lines=True)
    return Doc(meeting, key, row["id"], row.get("source_path", ""), row.get("commit", ""),
               row.get("license_note", ""), _domain(row, key), words, gold, turns, pauses)


def speech_doc(doc: SpeechDoc) -> Doc:
    """A talk or podcast transcript (one turn or paragraph a line, labels already gone or recognised)."""
    words, gold, turns, pauses = _stripped(doc.text, labelled_lines=False)
    return Doc(doc.doc_id, doc.source, doc.doc_id, doc.source_path, doc.commit, doc.license_note,
               doc.domain, words, gold, turns, pauses)


def read_speech_docs(speech: Sequence[SpeechDoc], holdout: set[str]) -> tuple[list[Doc], list[str]]:
    """The talk and podcast transcripts to train on, and a log of the held-out ones."""
    docs, skipped = [], []
    for doc in speech:
        if doc.source not in ALLOWED_SOURCES:
            raise SystemExit(f"{doc.doc_id}: source {doc.source!r} is not in ALLOWED_SOURCES")
        if doc.source == FIXTURES and doc.doc_id.split(":", 1)[-1] in FIXTURE_MEASURE_ONLY:
            raise SystemExit(f"{doc.doc_id}: in asr_speech_sources.FIXTURE_MEASURE_ONLY, measured and never trained on")
        if doc.doc_id in holdout:
            skipped.append(f"{doc.doc_id}: held out")
        else:
            docs.append(speech_doc(doc))
    return docs, skipped


def _stripped(transcript: str, *, labelled_lines: bool
              ) -> tuple[tuple[str, ...], frozenset[int], frozenset[int], frozenset[int]]:
    """Normalised words, gold boundaries, turn ends and pauses (, ; : inside a sentence) of a transcript with one
    turn a line."""
    words: list[str] = []
    gold: set[int] = set()
    turns: set[int] = set()
    pauses: set[int] = set()
    for line in transcript.splitlines():
        line_pauses: set[int] = set()
        text, line_gold = unpunctuate(line, labelled_lines=labelled_lines, pauses=line_pauses)
        line_words = text.split()
        if not line_words:
            continue
        if words:
            gold.add(len(words) - 1)
            turns.add(len(words) - 1)
        gold.update(len(words) + g for g in line_gold)
        pauses.update(len(words) + g for g in line_pauses)
        words.extend(norm_word(w) for w in line_words)
    return tuple(words), frozenset(gold), frozenset(turns), frozenset(pauses)


# -- features and the regression ------------------------------------------------------------


def gap_table(docs: Sequence[Doc]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Feature keys and gold label (1 = boundary) of every gap of every document."""
    keys: list[tuple[str, ...]] = []
    labels: list[bool] = []
    for doc in docs:
        for i in range(len(doc.words) - 1):
            keys.append(feature_keys(doc.words, i))
            labels.append(i in doc.gold)
    return keys, np.asarray(labels, dtype=float)


@dataclass
class Fit:
    bias: float
    weights: list[dict[str, float]]  # per template


def fit(keys: Sequence[tuple[str, ...]], y: np.ndarray, *, min_count: int, l2: float, iters: int, lr: float) -> Fit:
    """L2-regularised logistic regression on one-hot window features, full-batch Adam.

    Full batch and a fixed iteration count keep the result deterministic; features seen fewer
    than ``min_count`` times are left out (they would only memorise the training text).
    """
    n_templates = len(keys[0]) if keys else len(TEMPLATES)
    counts = [collections.Counter(k[t] for k in keys) for t in range(n_templates)]
    vocab: list[dict[str, int]] = []
    size = 0
    for t in range(n_templates):
        table = {}
        for key in sorted(k for k, c in counts[t].items() if c >= min_count):
            table[key] = size
            size += 1
        vocab.append(table)
    unseen = size  # one extra column whose weight stays 0
    X = np.array([[vocab[t].get(k[t], unseen) for t in range(n_templates)] for k in keys], dtype=np.int64)
    n = len(y)
    w = np.zeros(size + 1)
    b = 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb = vb = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    flat = X.ravel()
    for it in range(1, iters + 1):
        z = w[X].sum(axis=1) + b
        err = (1.0 / (1.0 + np.exp(-z)) - y) / n
        grad = np.bincount(flat, weights=np.repeat(err, n_templates), minlength=size + 1) + l2 * w
        grad[unseen] = 0.0
        gb = float(err.sum())
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        c1, c2 = 1 - beta1**it, 1 - beta2**it
        w -= lr * (m / c1) / (np.sqrt(v / c2) + eps)
        b -= lr * (mb / c1) / (math.sqrt(vb / c2) + eps)
        w[unseen] = 0.0
    return Fit(b, [{k: float(w[i]) for k, i in vocab[t].items()} for t in range(n_templates)])


def fit_rounded(keys: Sequence[tuple[str, ...]], y: np.ndarray, templates: Sequence[str], prune: float,
                **params: float) -> tuple[Fit, dict[str, dict[str, float]]]:
    """The fit, and its weights per template rounded to 3 places with those under ``prune`` dropped (as shipped)."""
    model = fit(keys, y, **params)
    weights = {
        t: {k: round(w, 3) for k, w in sorted(model.weights[i].items()) if abs(round(w, 3)) >= prune}
        for i, t in enumerate(templates)
    }
    return model, weights


def train(docs: Sequence, ns: argparse.Namespace, cross_validate: Callable, gap_table: Callable,
          templates: Sequence[str]) -> tuple[dict, float, float, np.ndarray, Fit, dict[str, dict[str, float]]]:
    """Threshold by cross-validation, then the fit on every document: (params, threshold, its F1, labels, fit, weights)."""
    params = dict(min_count=ns.min_count, l2=ns.l2, iters=ns.iters, lr=ns.lr)
    threshold, cv_f1 = cross_validate(docs, ns.folds, **params)
    keys, y = gap_table(docs)
    model, weights = fit_rounded(keys, y, templates, ns.prune, **params)
    return params, threshold, cv_f1, y, model, weights


def write_data(path: Path, data: dict) -> None:
    """The data file: JSON with sorted keys, gzipped with a zero mtime, so a rebuild is byte-identical."""
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def script_command(script: str, argv: Sequence[str] | None) -> str:
    """The command line that rebuilt the data file, as recorded in it."""
    return f"python tools/{script} " + " ".join(shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))


def score(model: Fit, keys: Sequence[tuple[str, ...]]) -> np.ndarray:
    return np.array([model.bias + sum(table.get(key, 0.0) for table, key in zip(model.weights, k)) for k in keys])


def best_threshold(z: np.ndarray, y: np.ndarray, group: np.ndarray) -> tuple[float, float]:
    """The threshold (on a 0.05 grid) that maximises boundary F1 averaged over domains, and that F1.

    Averaging per domain keeps the 60% of gaps from product-design meetings, full of
    one-word backchannels, from setting the threshold for the committee hearings, whose
    long spoken sentences look more like a talk or a podcast.
    """
    best = (-math.inf, 0.0)
    groups = sorted(set(group.tolist()))
    for tau in np.round(np.arange(-3.0, 1.0001, 0.05), 2):
        pred = z > tau
        f1s = []
        for g in groups:
            sel = group == g
            hits = float((pred[sel] & (y[sel] > 0)).sum())
            f1s.append(2 * hits / (pred[sel].sum() + y[sel].sum()) if hits else 0.0)
        f1 = sum(f1s) / len(f1s)
        if f1 > best[0] + 1e-12:
            best = (f1, float(tau))
    return best[1], best[0]


def cross_validate(docs: Sequence[Doc], folds: int, **params: float) -> tuple[float, float]:
    """Out-of-fold scores over meeting series, then the threshold that suits them best."""
    series = sorted({d.series for d in docs})
    fold_of = {s: i % folds for i, s in enumerate(series)}
    zs, ys, gs = [], [], []
    for f in range(folds):
        train = [d for d in docs if fold_of[d.series] != f]
        test = [d for d in docs if fold_of[d.series] == f]
        if not train or not test:
            continue
        keys, y = gap_table(train)
        model = fit(keys, y, **params)
        test_keys, test_y = gap_table(test)
        zs.append(score(model, test_keys))
        ys.append(test_y)
        gs.extend(d.domain for d in test for _ in range(len(d.words) - 1))
    return best_threshold(np.concatenate(zs), np.concatenate(ys), np.array(gs))


def length_log_prior(docs: Sequence[Doc], max_words: int = MAX_UNIT_WORDS) -> list[float]:
    """log P(a unit has L words), L = 1..max_words, from turns of LONG_TURN_WORDS+ words.

    Long turns only, because short ones are mostly backchannels ("yeah", "mm-hmm") that say
    little about how long a spoken sentence runs in a talk or a podcast.
    """
    counts: collections.Counter[int] = collections.Counter()
    for doc in docs:
        ends = sorted(doc.turn_ends | {len(doc.words) - 1})
        start = 0
        for end in ends:
            if end - start + 1 >= LONG_TURN_WORDS:
                last = start - 1
                for cut in sorted(g for g in doc.gold if start <= g < end) + [end]:
                    counts[min(cut - last, max_words)] += 1
                    last = cut
            start = end + 1
    total = sum(counts.values())
    return [round(math.log((counts[L] + 0.5) / (total + 0.5 * max_words)), 3) for L in range(1, max_words + 1)]


# -- output ---------------------------------------------------------------------------------


def provenance(docs: Sequence[Doc]) -> list[dict]:
    by_source: dict[str, list[Doc]] = collections.defaultdict(list)
    for d in {d.row_id: d for d in docs}.values():  # a document repeated for weight is recorded once
        by_source[d.source].append(d)
    out = []
    for key in sorted(by_source):
        name, licence, where = ALLOWED_SOURCES[key]
        group = by_source[key]
        out.append({
            "dataset": name,
            "license": licence,
            "license_source": where,
            "source_repo": key.split(":")[0],
            "source_paths": sorted({d.source_path for d in group}),
            "commits": sorted({d.commit for d in group if d.commit}),
            "license_notes": sorted({d.license_note for d in group if d.license_note}),
            "documents": sorted(d.row_id for d in group),
            "words": sum(len(d.words) for d in group),
        })
    return out


def licence_statement(docs: Sequence[Doc]) -> str:
    """The attribution the data file carries: one clause per source it was trained on."""
    clauses = {
        "Yale-LILY/QMSum": "QMSum (MIT, Copyright 2021 Yale-LILY)",
        "microsoft/HMNet:AMI": "the AMI Meeting Corpus (CC BY 4.0, AMI Consortium)",
        GCPPODCAST: "Google Cloud Platform Podcast transcripts (Apache-2.0, Copyright 2015 Google Inc.; "
                    "github.com/GoogleCloudPlatform/podcast)",
        FIXTURES: "this project's own fixture transcripts (MIT)",
    }
    used = [clauses[k] for k in clauses if any(d.source == k for d in docs)]
    listed = ", ".join(used[:-1]) + (" and " if len(used) > 1 else "") + used[-1]
    return (f"Statistics derived from {listed}; keep this attribution when redistributing. No text is stored, "
            "only word-window weights.")


def build_date(arg: str | None) -> str:
    """--date, else SOURCE_DATE_EPOCH, else today (UTC): pass one of the first two for a byte-identical rebuild."""
    if arg:
        return dt.date.fromisoformat(arg).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


def add_fit_arguments(ap: argparse.ArgumentParser, *, folds_help: str) -> None:
    """Output, build date and the regression's settings: the same for every boundary trainer."""
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--date", help="build date recorded in the file (YYYY-MM-DD)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--l2", type=float, default=1e-5)
    ap.add_argument("--iters", type=int, default=400)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--folds", type=int, default=4, help=folds_help)
    ap.add_argument("--prune", type=float, default=0.02, help="drop weights whose magnitude is below this")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="QMSum / AMI JSON-lines files (../shared/eval/...)")
    ap.add_argument("--holdout", default="", help="comma-separated meeting ids never trained on (e.g. ES2009a,covid_6)")
    ap.add_argument("--exclude-domain", action="append", default=None,
                    help=f"QMSum domain to leave out (repeatable; default: {', '.join(DEFAULT_EXCLUDED_DOMAINS)}; "
                         "pass 'none' to keep every domain)")
    ap.add_argument("--measure-only", type=Path, action="append", default=[], metavar="JSONL",
                    help="a set we only measure on (e.g. ../shared/eval/icsi/dev.jsonl): its meetings are never "
                         "trained on, whichever file also holds them (repeatable)")
    ap.add_argument("--gcppodcast", type=Path, metavar="CORPUS_DEV",
                    help="also train on the gcppodcast episode transcripts that CORPUS_DEV/SOURCES.tsv lists "
                         "(e.g. ../shared/corpus-dev; Apache-2.0)")
    ap.add_argument("--fixtures", type=Path, metavar="DIR",
                    help="also train on the punctuated fixture transcripts of asr_speech_sources.FIXTURE_TRANSCRIPTS "
                         "(tests/fixtures; the project's own, MIT)")
    ap.add_argument("--speech-repeat", type=int, default=1, metavar="K",
                    help="count every talk and podcast transcript K times in the fit (weight of the new register)")
    add_fit_arguments(ap, folds_help="cross-validation folds for the threshold")
    ns = ap.parse_args(argv)

    holdout = {h.strip() for h in ns.holdout.split(",") if h.strip()}
    excluded = set(DEFAULT_EXCLUDED_DOMAINS if ns.exclude_domain is None else ns.exclude_domain) - {"none"}
    measure_only = set()
    for path in ns.measure_only:
        with path.open(encoding="utf-8") as fh:
            measure_only.update(meeting_id(json.loads(line)["id"]) for line in fh if line.strip())
    started = time.perf_counter()
    docs, skipped = read_docs(ns.inputs, holdout, excluded, measure_only)
    speech = [*(gcppodcast_docs(ns.gcppodcast) if ns.gcppodcast else []),
              *(fixture_docs(ns.fixtures) if ns.fixtures else [])]
    speech_docs, speech_skipped = read_speech_docs(speech, holdout)
    docs += speech_docs * max(ns.speech_repeat, 1)
    skipped += speech_skipped
    if not docs:
        raise SystemExit("no training documents left after the hold-out and exclusions")
    params, threshold, cv_f1, y, model, weights = train(docs, ns, cross_validate, gap_table, TEMPLATES)
    command = script_command("train_asr_boundaries.py", argv)
    data = {
        "format": 1,
        "description": "Log-odds that a sentence ends in the gap after word i of unpunctuated English speech; "
                       "read by summarize.segment.asr.",
        "license": licence_statement(docs),
        "source": provenance(docs),
        "built": {
            "date": build_date(ns.date),
            "command": command,
            "method": ("logistic regression on word-window features (templates), full-batch Adam with L2; "
                       "boundary = . ? ! or a change of speaker (or the end of a transcript's paragraph); commas are not boundaries; words lowercased, "
                       "punctuation, speaker labels, {tags} and um/uh removed, PTB contractions rejoined, "
                       "numbers -> <num>; threshold = best out-of-fold F1 averaged over domains, folds by "
                       "meeting series (a talk or podcast transcript is a series of its own); weights with |w| < prune dropped"),
            "hyperparameters": {**params, "prune": ns.prune, "folds": ns.folds, "speech_repeat": ns.speech_repeat},
            "threshold_cv_f1": round(cv_f1, 4),
            "holdout": sorted(holdout),
            "measure_only_meetings": sorted(measure_only),
            "excluded_domains": sorted(excluded),
            "training_gaps": len(y),
            "training_boundaries": int(y.sum()),
        },
        "templates": list(TEMPLATES),
        "bias": round(model.bias, 4),
        "threshold": threshold,
        "weights": weights,
        "length_log_prior": length_log_prior(docs),
    }
    write_data(ns.output, data)
    n_weights = sum(len(t) for t in weights.values())
    print(f"{len(docs)} documents, {len(y)} gaps, {int(y.sum())} boundaries; skipped {len(skipped)}:", file=sys.stderr)
    for line in skipped:
        print(f"  {line}", file=sys.stderr)
    print(f"threshold {threshold} (cross-validated F1 {cv_f1:.3f}); {n_weights} weights; "
          f"{ns.output} {ns.output.stat().st_size} bytes; {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
