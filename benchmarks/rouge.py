"""ROUGE of every registered algorithm on the shared evaluation sets, at the reference's length.

Why this exists: the issue's acceptance check ("the default beats every sumy algorithm on
ROUGE-1/2 on each transcript set, and is within 1 point of Lead-3 on CNN/DM") needs one run
that feeds every algorithm the same sentences and the same budget, scored the usual way
(Google's rouge-score; Porter stemming for English, characters for Chinese).

Usage (from the repository root)::

    python benchmarks/rouge.py                       # default sets, per-set default samples
    python benchmarks/rouge.py --sample 20 --sets cnndm lcsts --algorithms takeaways lead
    python benchmarks/rouge.py --docs-json /tmp/rouge_docs.json   # per-document scores

Each document: budget = reference length (words for English, non-space characters for
Chinese); each algorithm scores the sentences, ``summarize.select.select`` keeps sentences
up to the budget, and the ``clean`` text of the chosen sentences is the system summary.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys

# One BLAS thread per worker: two workers on two cores, and LSA's SVD the same whatever the machine.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402  (after the path tweak)
    ROOT,
    Rouge,
    bold_best,
    code_version,
    load_average,
    budget_of,
    command_line,
    machine_facts,
    markdown_table,
    read_jsonl,
    reference_text,
    sample_records,
    sample_rule,
    write_section,
)

SECTION = "rouge"
DEFAULT_EVAL_DIR = Path("../shared/eval")


@dataclass(frozen=True)
class EvalSet:
    name: str
    path: str
    label: str
    sample: int | None
    """Default documents per run (None: all). Sized so a default run stays near 20 min on 2 cores:
    the sumy algorithms cost ~40 CPU-s on one QMSum or AMI meeting, ~7 on a lecture, <1 on news."""
    transcript: bool = False
    extra: bool = False
    default: bool = True


SETS: tuple[EvalSet, ...] = (
    EvalSet("vtssum", "vtssum/video_dev.jsonl", "VT-SSum lectures (en)", 150, transcript=True),
    EvalSet("qmsum", "qmsum/meeting_val.jsonl", "QMSum meetings (en)", None, transcript=True),
    EvalSet("ami", "ami/dev.jsonl", "AMI meetings (en)", None, transcript=True),
    EvalSet("cnndm", "cnndm/dev.jsonl", "CNN/DM news (en)", None),
    EvalSet("vcsum", "vcsum/segment_dev.jsonl", "VCSum segments (zh)", None, transcript=True),
    EvalSet("lcsts", "lcsts/dev.jsonl", "LCSTS Weibo (zh)", 500),
    EvalSet("dialogsum", "dialogsum/dev.jsonl", "DialogSum (en)", 200, extra=True),
    # ~55 CPU-s per meeting: run it with --sets ... icsi
    EvalSet("icsi", "icsi/dev.jsonl", "ICSI meetings (en)", None, extra=True, default=False),
    # Whole VCSum meetings (~15k characters each), where the fit used only their topic segments.
    EvalSet("vcsum-meetings", "vcsum/meeting_dev.jsonl", "VCSum whole meetings (zh)", None, extra=True, default=False),
)
SETS_BY_NAME = {s.name: s for s in SETS}
DEFAULT_ALGORITHM = "takeaways"
SUMY_ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction", "edmundson")
LEAD3 = "lead-3"
"""Pseudo-algorithm: the first three sentences whatever the budget (See et al. 2017), CNN/DM only."""
TAKEAWAYS3 = "takeaways-3"
"""Pseudo-algorithm: the default's best three sentences whatever the budget, CNN/DM only: Lead-3's own
protocol (extractive news systems are compared with Lead-3 at three sentences, e.g. Liu & Lapata 2019)."""
PSEUDO = (LEAD3, TAKEAWAYS3)

#: sumy's KL re-scores every remaining sentence against the growing summary for every pick,
#: about O(n³) for a full ranking: 35 s on one 533-sentence lecture, many minutes on QMSum's
#: 50-140 KB meetings. So, for ``kl`` only: documents up to ``KL_FULL_MAX_SENTENCES``
#: sentences get sumy's full ranking; on longer ones sumy's greedy loop stops once its picks
#: hold ``KL_COVER`` × the budget (at least ``KL_MIN_PICKS`` picks). Those picks are exactly
#: the full ranking's first picks; every other sentence ties below them, so only the budget's
#: top-off can differ (select fills the last words with the earliest short sentence instead of
#: KL's choice). Each run measures how much that matters on the short documents, where both
#: are computed, and says so under the table.
KL_FULL_MAX_SENTENCES = 200
KL_COVER = 1.5
KL_MIN_PICKS = 20


# --------------------------------------------------------------------------- the worker side


@dataclass
class AlgoResult:
    scores: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    chosen: list[int] = field(default_factory=list)
    length: int = 0
    error: str | None = None


_WORKER: dict[str, Any] = {}


def _init_worker(algorithms: Sequence[str]) -> None:
    """Build the ROUGE scorers and resolve the scorers once per process."""
    import warnings

    from summarize.score import get_scorer

    # sumy's LSA warns whenever a meeting has fewer distinct words than sentences; it still runs.
    warnings.filterwarnings("ignore", message=r"Number of words \(\d+\) is lower than number of sentences")
    _WORKER["rouge"] = Rouge()
    _WORKER["scorers"] = {name: _scorer_for(name, get_scorer) for name in algorithms if name not in PSEUDO}
    if "kl" in algorithms:
        _WORKER["scorers"]["kl_full"] = get_scorer("kl")


def _scorer_for(name: str, get_scorer: Callable[[str], Any]) -> Any:
    if name == "kl":
        return None  # handled by _kl_select (see KL_FULL_MAX_SENTENCES)
    return get_scorer(name)


def evaluate_record(record: dict[str, Any], algorithms: Sequence[str]) -> dict[str, Any]:
    """Load one document, run every algorithm at the reference's budget, score with ROUGE."""
    from summarize.pipeline import load
    from summarize.score import get_algorithm
    from summarize.select import select
    from summarize.score.pairing import with_anchors

    if not _WORKER:
        _init_worker(algorithms)
    rouge: Rouge = _WORKER["rouge"]
    lang = record.get("lang", "en")
    reference = reference_text(record["summary"])
    budget = budget_of(reference, lang)
    out: dict[str, Any] = {"id": record["id"], "lang": lang, "budget": budget, "algorithms": {}}
    t0 = time.process_time()
    try:
        doc = load(record["text"])
    except Exception as error:  # report the document, keep the run going
        out["error"] = f"load: {type(error).__name__}: {error}"
        return out
    out["load_seconds"] = time.process_time() - t0
    # Tokens and terms are computed once per document and cached for every scorer (and for
    # select); computing them here keeps that cost off whichever algorithm happens to run first.
    from summarize.score.analysis import analyse

    t0 = time.process_time()
    analyse(doc)
    out["analysis_seconds"] = time.process_time() - t0
    out["doc_lang"] = doc.lang
    out["format"] = doc.format
    out["n_sentences"] = len(doc.sentences)
    by_id = {s.id: s for s in doc.sentences}
    for name in algorithms:
        result = AlgoResult()
        t = time.process_time()
        try:
            if name == LEAD3:
                chosen = [s.id for s in doc.sentences if s.kind != "heading"][:3]
            elif name == TAKEAWAYS3:
                algorithm = get_algorithm(DEFAULT_ALGORITHM)
                chosen = select(doc, algorithm.scorer(doc), n=3, lang=doc.lang,
                                **{**algorithm.selection(doc), "by_section": False})
                chosen = with_anchors(chosen, algorithm.pairs(doc))  # the sentences its takeaways print
            elif name == "kl":
                chosen, kl_info = _kl_select(doc, budget, rouge, reference, lang)
                out["kl"] = kl_info
            else:
                scores = _WORKER["scorers"][name](doc)
                # Each algorithm with the selection it ships with: MMR is part of our default, while
                # sumy's algorithms keep redundancy 0, as sumy itself selects.
                algorithm = get_algorithm(name)
                chosen = select(doc, scores, n=None, max_words=budget, lang=doc.lang,
                                **{**algorithm.selection(doc, budget), "by_section": False})
        except Exception as error:
            result.error = f"{type(error).__name__}: {error}"
            result.seconds = time.process_time() - t
            out["algorithms"][name] = result.__dict__
            continue
        result.seconds = time.process_time() - t
        if name == "kl" and "full_seconds" in out["kl"]:
            result.seconds = out["kl"]["full_seconds"]  # the calibration run is not KL's cost
        sentences = [by_id[i].clean for i in chosen]
        result.chosen = list(chosen)
        result.length = sum(budget_of(s, lang) for s in sentences)
        result.scores = rouge.score(reference, sentences, lang)
        out["algorithms"][name] = result.__dict__
    return out


def _kl_select(doc: Any, budget: int, rouge: Rouge | None = None, reference: str = "", lang: str = "en"
               ) -> tuple[list[int], dict[str, Any]]:
    """sumy's KL at the budget: the full ranking on short documents, the first picks on long ones.

    On a short document the truncated ranking is computed too (it is cheap), and whether it
    chose the same sentences, and its ROUGE, are returned for the calibration note.
    """
    from summarize.score.sumy_adapter import sumy_scores
    from summarize.select import select

    def run(cover: int | None) -> list[int]:
        # None: the registered scorer itself, i.e. sumy's own KLSummarizer, untouched
        scores = _WORKER["scorers"]["kl_full"](doc) if cover is None else sumy_scores(doc, _kl_factory(cover, lang))
        return select(doc, scores, n=None, max_words=budget, lang=doc.lang, by_section=False, redundancy=0.0)

    cover = max(1, round(KL_COVER * budget))
    if len(doc.sentences) > KL_FULL_MAX_SENTENCES:
        return run(cover), {"mode": "truncated"}
    t = time.process_time()
    chosen = run(None)
    info: dict[str, Any] = {"mode": "full", "full_seconds": time.process_time() - t}
    if len(doc.sentences) > KL_MIN_PICKS:
        t = time.process_time()
        short = run(cover)
        info["truncated_seconds"] = time.process_time() - t
        info["truncated_same"] = short == chosen
        if rouge is not None:
            by_id = {s.id: s for s in doc.sentences}
            info["truncated_scores"] = rouge.score(reference, [by_id[i].clean for i in short], lang)
    return chosen, info


_UNRANKED = -1e9


def _kl_factory(cover: int | None, lang: str = "en") -> Callable[[Any], Any]:
    """A sumy KLSummarizer whose greedy ranking stops once its picks hold ``cover`` budget units.

    ``cover=None`` never stops (the full ranking). Units are words, or characters for Chinese.
    """
    from sumy.summarizers.kl import KLSummarizer

    class EarlyStopKL(KLSummarizer):  # type: ignore[misc]
        """sumy's _compute_ratings, verbatim except for the early stop."""

        def _compute_ratings(self, sentences: Any) -> dict[Any, float]:
            word_freq = self.compute_tf(sentences)
            ratings: dict[Any, float] = {}
            summary: list[Any] = []
            sentences_list = list(sentences)
            sentences_as_words = [self._get_content_words_in_sentence(s) for s in sentences]
            covered = 0
            while len(sentences_list) > 0:
                if cover is not None and covered >= cover and len(summary) >= KL_MIN_PICKS:
                    # Below every pick, tied (select then prefers the earlier). Overwriting matters:
                    # sumy keys ratings by text, so in the full run a repeated sentence ("Yeah.")
                    # ends with the rating of its *last* pick, which is below all of these.
                    for s in sentences_list:
                        ratings[s] = _UNRANKED
                    break
                kls = []
                summary_as_word_list = self._get_all_words_in_doc(summary)
                for s in sentences_as_words:
                    joint_freq = self._joint_freq(s, summary_as_word_list)
                    kls.append(self._kl_divergence(joint_freq, word_freq))
                index_to_remove = self._find_index_of_best_sentence(kls)
                best_sentence = sentences_list.pop(index_to_remove)
                del sentences_as_words[index_to_remove]
                summary.append(best_sentence)
                ratings[best_sentence] = -1 * len(ratings)
                covered += budget_of(str(best_sentence), lang)
            return ratings

    return EarlyStopKL


# --------------------------------------------------------------------------- the driver side


@dataclass
class SetRun:
    spec: EvalSet
    docs: list[dict[str, Any]]
    cpu_seconds: float
    """CPU time of the set's documents, whichever process ran them."""
    algorithms: list[str]
    size: int


def available_algorithms(requested: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Algorithms to run, and notes about any left out (e.g. the default not written yet)."""
    from summarize.pipeline import load
    from summarize.score import algorithms, get_scorer

    names = list(requested) if requested else list(algorithms())
    notes: list[str] = []
    known = set(algorithms()) | set(PSEUDO)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"rouge.py: unknown algorithm(s) {unknown}; choose from {sorted(known)}")
    keep: list[str] = []
    probe = load("The first sentence is here. The second one follows it. A third closes the text.")
    for name in names:
        if name in PSEUDO:  # always added for cnndm, never elsewhere
            continue
        try:
            get_scorer(name)(probe)
        except (ImportError, NotImplementedError) as error:
            notes.append(f"`{name}` skipped: {type(error).__name__}: {error}")
            continue
        keep.append(name)
    return keep, notes


def run_sets(specs: Sequence[tuple[EvalSet, Path]], samples: Sequence[int | None], algorithms: Sequence[str],
             workers: int, progress: bool = True) -> list[SetRun]:
    """Every sampled document of every set, over one pool of ``workers`` processes.

    One pool for the whole run, longest documents first, so a long meeting never leaves a core
    idle at the end of a set. Each document is independent, and results are put back in id
    order, so the numbers do not depend on ``workers``.
    """
    jobs: list[tuple[int, dict[str, Any], list[str]]] = []
    sizes: list[int] = []
    algos_by_set: list[list[str]] = []
    for k, ((spec, path), sample) in enumerate(zip(specs, samples)):
        everything = read_jsonl(path)
        sizes.append(len(everything))
        algos = [a for a in algorithms if a not in PSEUDO]
        if spec.name == "cnndm":
            algos += [LEAD3] + ([TAKEAWAYS3] if DEFAULT_ALGORITHM in algos else [])
        algos_by_set.append(algos)
        jobs += [(k, record, algos) for record in sample_records(everything, sample, spec.name)]
    jobs.sort(key=lambda job: -len(job[1]["text"]))
    every_algo = sorted({a for algos in algos_by_set for a in algos})
    results: list[list[dict[str, Any]]] = [[] for _ in specs]
    cpu: list[float] = [0.0 for _ in specs]
    t0 = time.perf_counter()
    if workers > 1 and len(jobs) > 1:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(every_algo,)) as pool:
            for done, (k, result) in enumerate(pool.imap_unordered(_job, jobs), 1):
                results[k].append(result)
                if progress:
                    _progress(done, len(jobs), t0)
    else:
        _init_worker(every_algo)
        for done, job in enumerate(jobs, 1):
            k, result = _job(job)
            results[k].append(result)
            if progress:
                _progress(done, len(jobs), t0)
    if progress:
        print(file=sys.stderr)
    runs = []
    for k, (spec, _path) in enumerate(specs):
        docs = sorted(results[k], key=lambda r: str(r["id"]))
        cpu[k] = sum(d.get("cpu_seconds", 0.0) for d in docs)
        runs.append(SetRun(spec, docs, cpu[k], algos_by_set[k], sizes[k]))
    return runs


def _job(job: tuple[int, dict[str, Any], list[str]]) -> tuple[int, dict[str, Any]]:
    k, record, algos = job
    c = time.process_time()
    result = evaluate_record(record, algos)
    result["cpu_seconds"] = time.process_time() - c
    return k, result


def _progress(done: int, total: int, t0: float) -> None:
    print(f"\r  {done}/{total} documents, {time.perf_counter() - t0:.0f} s", end="", file=sys.stderr, flush=True)


def mean_scores(run: SetRun, algo: str) -> dict[str, float] | None:
    rows = [d["algorithms"][algo]["scores"] for d in run.docs
            if algo in d.get("algorithms", {}) and d["algorithms"][algo]["scores"]]
    if not rows:
        return None
    return {m: sum(r[m] for r in rows) / len(rows) for m in Rouge.METRICS}


def report(runs: Sequence[SetRun], algorithms: Sequence[str], argv: Sequence[str], notes: Sequence[str],
           total_seconds: float, workers: int, load: str = "", code: str = "") -> tuple[str, list[str]]:
    """The markdown section, and the PASS/FAIL lines of the issue's acceptance check."""
    cols = [r.spec.name for r in runs]
    run_by = {r.spec.name: r for r in runs}
    rows = list(algorithms) + [p for p in PSEUDO if any(p in r.algorithms for r in runs)]
    means = {(a, c): mean_scores(run_by[c], a) if a in run_by[c].algorithms else None for a in rows for c in cols}
    lines = ["## ROUGE at the reference's length\n",
             "```sh", command_line("rouge.py", argv), "```\n",
             f"Code: {code}. Machine: {machine_facts()}; {workers} worker process(es); {load}. "
             f"Total wall time {total_seconds / 60:.1f} min. Times below are CPU seconds "
             "(`time.process_time` in the worker), which other load on the machine affects less than wall time.\n",
             f"Sample: {sample_rule()}; sizes in the column headers and the Sets table.\n",
             f"Mean F1 ×100 (Google `rouge-score` {_version('rouge-score')}: English Porter-stemmed; Chinese one token per CJK "
             "character or ASCII alphanumeric run). ROUGE-Lsum puts summary and reference sentences one per line "
             "(references split at . ! ? / 。！？ by a regex). Budget per document = reference length in words "
             "(en) or non-space characters (zh); every algorithm's scores go through "
             "`select(doc, scores, n=None, max_words=budget, lang=doc.lang, by_section=False, redundancy=R, "
             "coverage=C)` with each algorithm's own R and C (MMR and concept coverage as fitted for `takeaways`, "
             "both 0 for sumy's and lead), which prefers sentences "
             "that fit the budget and may overshoot it only with its first sentence. "
             f"`{LEAD3}` = first three sentences regardless of budget (See et al. 2017 convention), CNN/DM only; "
             f"`{TAKEAWAYS3}` = the default's best three sentences regardless of budget (the same protocol as Lead-3, "
             "as extractive news systems are compared with it, e.g. Liu & Lapata 2019), CNN/DM only. "
             "Best per column in bold.\n"]
    header = ["algorithm"] + [f"{c} ({len(run_by[c].docs)})" for c in cols]
    for metric, title in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeLsum", "ROUGE-Lsum")):
        column_cells = {c: bold_best({a: (means[a, c] or {}).get(metric) for a in rows}) for c in cols}
        body = [[_label(a)] + [column_cells[c][a] for c in cols] for a in rows]
        lines += [f"### {title}\n", markdown_table(header, body)]
    # time per algorithm per set (summed over documents, whichever process ran them)
    lines.append("### Time (CPU seconds of scoring + selection, summed over documents)\n")
    tbody = []
    for a in rows:
        cells = []
        for c in cols:
            docs = [d for d in run_by[c].docs if a in d.get("algorithms", {})]
            cells.append(f"{sum(d['algorithms'][a]['seconds'] for d in docs):.1f}" if docs else "—")
        tbody.append([_label(a)] + cells)
    tbody.append(["load + segment"] + [f"{sum(d.get('load_seconds', 0.0) for d in run_by[c].docs):.1f}"
                                       for c in cols])
    tbody.append(["shared term analysis"] + [f"{sum(d.get('analysis_seconds', 0.0) for d in run_by[c].docs):.1f}"
                                             for c in cols])
    tbody.append(["whole set (incl. ROUGE)"] + [f"{run_by[c].cpu_seconds:.1f}" for c in cols])
    lines.append(markdown_table(header, tbody))
    lines.append("### Sets\n")
    lines.append(markdown_table(
        ["set", "file", "docs", "mean sentences", "mean budget", "mean length of takeaways summary"],
        [[f"{r.spec.name}: {r.spec.label}{' (extra)' if r.spec.extra else ''}", f"`{r.spec.path}`",
          f"{len(r.docs)} of {r.size}",
          _mean(d.get("n_sentences") for d in r.docs), _mean(d["budget"] for d in r.docs),
          _mean(d["algorithms"][DEFAULT_ALGORITHM]["length"] for d in r.docs
                if DEFAULT_ALGORITHM in d.get("algorithms", {}))]
         for r in runs]))
    all_notes = list(notes) + _run_notes(runs)
    if all_notes:
        lines.append("### Notes\n")
        lines += [f"- {n}" for n in all_notes]
        lines.append("")
    checks = acceptance(means, cols, algorithms)
    lines.append("### Acceptance check (issue)\n")
    lines.append("```")
    lines += checks
    lines.append("```")
    return "\n".join(lines) + "\n", checks


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "(version unknown)"


def _label(algo: str) -> str:
    return f"{algo} (default)" if algo == DEFAULT_ALGORITHM else algo


def _mean(values: Iterable[Any]) -> str:
    vals = [v for v in values if v is not None]
    return f"{sum(vals) / len(vals):.0f}" if vals else "—"


def _run_notes(runs: Sequence[SetRun]) -> list[str]:
    notes: list[str] = []
    for r in runs:
        load_errors = [d["id"] for d in r.docs if "error" in d]
        if load_errors:
            notes.append(f"{r.spec.name}: {len(load_errors)} document(s) failed to load and count for no algorithm: "
                         + ", ".join(load_errors[:10]) + (" …" if len(load_errors) > 10 else ""))
        for a in r.algorithms:
            failed = [(d["id"], d["algorithms"][a]["error"]) for d in r.docs
                      if a in d.get("algorithms", {}) and d["algorithms"][a]["error"]]
            if failed:
                notes.append(f"{r.spec.name}/{a}: failed on {len(failed)} document(s), left out of its mean: "
                             + "; ".join(f"{i} ({e[:120]})" for i, e in failed[:5]))
        empty = {a: [d["id"] for d in r.docs if a in d.get("algorithms", {}) and not d["algorithms"][a]["error"]
                     and not d["algorithms"][a]["chosen"]] for a in r.algorithms}
        for a, ids in empty.items():
            if ids:
                notes.append(f"{r.spec.name}/{a}: empty summary (ROUGE 0) on {len(ids)} document(s), e.g. "
                             + ", ".join(ids[:5]))
        mismatched = [d["id"] for d in r.docs if d.get("doc_lang") and d["doc_lang"] != d["lang"]]
        if mismatched:
            notes.append(f"{r.spec.name}: our detected language differs from the set's on {len(mismatched)} "
                         "document(s), so `select(lang=doc.lang)` used the other language: " + ", ".join(mismatched[:5]))
    if any("kl" in r.algorithms for r in runs):
        kl_docs = [d for r in runs for d in r.docs if "kl" in d]
        truncated = [d for d in kl_docs if d["kl"]["mode"] == "truncated"]
        calib = [d for d in kl_docs if "truncated_same" in d["kl"]]
        note = (f"`kl` (sumy's KLSummarizer, ~O(n³) for a full ranking): full ranking on documents of up to "
                f"{KL_FULL_MAX_SENTENCES} sentences; on the {len(truncated)} longer document(s) "
                f"({_count_by_set(runs, truncated)}) sumy's greedy loop stops once its picks hold {KL_COVER:g}× the "
                f"budget (at least {KL_MIN_PICKS} picks): those are the full ranking's first picks, the other "
                "sentences tie below them, so only the budget's top-off can differ.")
        if calib:
            same = sum(d["kl"]["truncated_same"] for d in calib)
            deltas = [abs(d["kl"]["truncated_scores"]["rouge1"] - d["algorithms"]["kl"]["scores"]["rouge1"])
                      for d in calib if "truncated_scores" in d["kl"] and d["algorithms"]["kl"]["scores"]]
            note += (f" Calibration on the {len(calib)} shorter documents with more than {KL_MIN_PICKS} sentences: the "
                     f"truncated ranking chose the same sentences on {same}; |ΔROUGE-1| mean "
                     f"{sum(deltas) / max(len(deltas), 1):.2f}, max {max(deltas, default=0.0):.2f}.")
        notes.append(note + " No other algorithm is capped, truncated or skipped.")
    return notes


def _count_by_set(runs: Sequence[SetRun], docs: Sequence[dict[str, Any]]) -> str:
    ids = {d["id"] for d in docs}
    parts = [f"{r.spec.name} {sum(d['id'] in ids for d in r.docs)}" for r in runs]
    return ", ".join(p for p in parts if not p.endswith(" 0")) or "none"


def acceptance(means: dict[tuple[str, str], dict[str, float] | None], cols: Sequence[str],
               algorithms: Sequence[str]) -> list[str]:
    """PASS/FAIL per condition of the issue's check; conditions that could not be evaluated say why."""
    from summarize.score import algorithms as registered

    sumy_names = [a for a in SUMY_ALGORITHMS if a in registered()]
    out: list[str] = []
    ours = DEFAULT_ALGORITHM
    if ours not in algorithms:
        return [f"SKIP  `{ours}` was not run, so the check cannot be evaluated"]
    for c in ("vtssum", "qmsum", "ami", "vcsum"):
        if c not in cols:
            out.append(f"SKIP  {c}: set not run")
            continue
        mine = means.get((ours, c))
        if mine is None:
            out.append(f"FAIL  {c}: {ours} produced no scores")
            continue
        for metric, title in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2")):
            rivals = {a: means[(a, c)][metric] for a in sumy_names if a in algorithms and means.get((a, c))}
            missing = [a for a in sumy_names if a not in rivals]
            best = max(rivals.items(), key=lambda kv: kv[1]) if rivals else None
            ok = best is not None and mine[metric] > best[1]
            detail = (f"{ours} {mine[metric]:.2f} vs best sumy {best[0]} {best[1]:.2f}" if best else "no sumy results")
            if missing:
                detail += f" (not run: {', '.join(missing)})"
            out.append(f"{'PASS' if ok else 'FAIL'}  {c} {title}: {ours} beats every sumy algorithm — {detail}")
    if "cnndm" in cols and means.get((ours, "cnndm")) and means.get((LEAD3, "cnndm")):
        lead3 = means[(LEAD3, "cnndm")]
        protocols = [(ours, "at the reference's length, against Lead-3's three sentences"),
                     (TAKEAWAYS3, "three sentences each (Lead-3's protocol)")]
        for name, how in protocols:
            mine = means.get((name, "cnndm"))
            if mine is None:
                out.append(f"SKIP  cnndm: `{name}` not run")
                continue
            for metric, title in (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2")):
                gap = lead3[metric] - mine[metric]
                out.append(f"{'PASS' if gap <= 1.0 else 'FAIL'}  cnndm {title}, {how}: within 1 point of Lead-3 — "
                           f"{name} {mine[metric]:.2f} vs Lead-3 {lead3[metric]:.2f} (gap {gap:+.2f})")
    else:
        out.append("SKIP  cnndm: set, lead or takeaways not run")
    return out


def docs_json(runs: Sequence[SetRun], path: Path) -> None:
    """Per-document scores and chosen ids, for studying where the default loses."""
    payload = {r.spec.name: r.docs for r in runs}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR,
                        help="the shared evaluation data (default ../shared/eval, relative to the repository root)")
    parser.add_argument("--sample", type=int, default=None, metavar="N",
                        help="documents per set, a fixed seeded draw (0 = all; default per set: "
                             + ", ".join(f"{s.name} {s.sample or 'all'}" for s in SETS) + ")")
    parser.add_argument("--sets", nargs="+", default=[s.name for s in SETS if s.default],
                        choices=[s.name for s in SETS], metavar="SET",
                        help="sets to run (default: " + " ".join(s.name for s in SETS if s.default)
                             + "; also: " + " ".join(s.name for s in SETS if not s.default) + ")")
    parser.add_argument("--algorithms", nargs="+", default=None, metavar="NAME",
                        help="registered algorithm names (default: all registered)")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="processes per set (default 2); results do not depend on it")
    parser.add_argument("--docs-json", type=Path, default=None, metavar="OUT", help="write per-document scores to OUT")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    parser.add_argument("--output", type=Path, default=None, help=argparse.SUPPRESS)  # tests: another BENCHMARKS.md
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def _sample_size(spec: EvalSet, requested: int | None) -> int | None:
    if requested is None:
        return spec.sample
    return None if requested == 0 else requested


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    ns = build_parser().parse_args(args_list)
    eval_dir = ns.eval_dir if ns.eval_dir.is_absolute() else (ROOT / ns.eval_dir)
    if not eval_dir.is_dir():
        print(f"rouge.py: skipped: {eval_dir} not found (the shared evaluation data is optional)")
        return 0
    load_before = load_average()
    code = code_version()  # before the run: src/ may change while it runs
    specs = [SETS_BY_NAME[n] for n in ns.sets]
    present = [(s, eval_dir / s.path) for s in specs if (eval_dir / s.path).is_file()]
    notes = [f"{s.name}: `{s.path}` not found, skipped" for s in specs if not (eval_dir / s.path).is_file()]
    if not present:
        print(f"rouge.py: skipped: none of the sets found under {eval_dir}")
        return 0
    algorithms, skipped = available_algorithms(ns.algorithms)
    notes = skipped + notes
    for n in skipped:
        print(f"note: {n}", file=sys.stderr)
    t0 = time.perf_counter()
    runs = run_sets(present, [_sample_size(spec, ns.sample) for spec, _ in present], algorithms, ns.workers,
                    progress=not ns.quiet)
    total = time.perf_counter() - t0
    load = f"load average {load_before} before, {load_average()} after (other work on the machine slows the times)"
    if code_version() != code:
        notes.append("src/ changed while this ran: workers imported it at their first document, so rerun to be sure")
    section, checks = report(runs, algorithms, args_list, notes, total, ns.workers, load, code)
    print(section)
    if ns.docs_json:
        docs_json(runs, ns.docs_json)
        print(f"per-document scores: {ns.docs_json}")
    if not ns.no_write:
        target = write_section(SECTION, section, ns.output)
        print(f"wrote section `{SECTION}` of {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
