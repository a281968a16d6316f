"""In-process timing for the benchmarks: warm library calls with the per-text memos emptied, growth inputs,
and the exponent of growth.

Split out of ``speed.py`` (which times processes against their floor and against sumy) so that script
stays readable in one sitting; ``speed.py`` re-exports what it uses.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def forget_sentences() -> None:
    """Empty the per-text memos (rejection rules, edits, leaning; Punkt's windows, clean views, the terms of
    a heading, ASR word forms, cut word chunks, jieba's word gaps and HMM runs, caption phrases), keeping loaded
    resources.

    They remember text across documents, so a repeated timing of one text would find every
    sentence remembered after its first run: each timed run starts without them, as a new post would.
    (Within one run a text that repeats itself still gains from them, as any post that repeats itself does.)"""
    from summarize.score import analysis, cues, editing, point_shapes, quality, standalone, takeaways
    from summarize.segment import asr_model, asr_zh, disfluency, en, en_tokens, word_gap, zh_cut

    for memoised in (quality._text_rejection, editing._edit, standalone.leans_outside, en._punkt_pairs,
                     disfluency._clean_view, analysis._text_terms, asr_model._norm_form, asr_zh._unit_form,
                     takeaways._probe_terms, point_shapes.narrates, point_shapes.makes_a_point, quality.lacks_a_verb,
                     en_tokens._cut_chunk_memo, asr_zh._sides, zh_cut._hmm_words):
        memoised.cache_clear()
    word_gap._ANSWERS.clear()
    cues.shipped_cue_model()._memo.clear()


def median_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` calls, each with no sentence remembered, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        forget_sentences()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


@dataclass
class PipelineTiming:
    load: float
    score: float
    select: float
    n_sentences: int
    fmt: str
    lang: str | None

    @property
    def total(self) -> float:
        return self.load + self.score + self.select


def time_pipeline(text: str, repeat: int, scorer_name: str = "takeaways") -> PipelineTiming:
    """Median time of each stage of load → score → select(n=5) on ``text`` over ``repeat`` runs."""
    from summarize.pipeline import load
    from summarize.score import get_scorer
    from summarize.select import select

    scorer = get_scorer(scorer_name)
    runs: list[PipelineTiming] = []
    for _ in range(repeat):
        forget_sentences()
        t0 = time.perf_counter()
        doc = load(text)
        t1 = time.perf_counter()
        scores = scorer(doc)
        t2 = time.perf_counter()
        select(doc, scores, n=5)
        t3 = time.perf_counter()
        runs.append(PipelineTiming(t1 - t0, t2 - t1, t3 - t2, len(doc.sentences), doc.format, doc.lang))
    runs.sort(key=lambda r: r.total)
    return runs[len(runs) // 2]


def time_summarize(text: str, repeat: int) -> float:
    """Median time of the library call a user makes, ``summarize.summarize(text)`` (warm)."""
    return time_summarize_cpu(text, repeat)[0]


def time_summarize_cpu(text: str, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (this process: user + system) of ``summarize.summarize(text)`` (warm).
    On a shared machine the CPU time is the steadier figure: a wait for a core counts in the wall time only."""
    import summarize

    walls, cpus = [], []
    for _ in range(repeat):
        forget_sentences()
        c, t = time.process_time(), time.perf_counter()
        summarize.summarize(text)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def growth_text(parts: Sequence[str], size: int) -> str:
    """About ``size`` bytes of ``parts`` repeated in turn, joined by blank lines, cut at a line break
    (or, in one long line, at a space)."""
    chunks: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = parts[i % len(parts)]
        chunks.append(piece)
        total += len(piece.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(chunks).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    for sep in ("\n", " "):
        cut = data.rfind(sep)
        if cut > size // 2:
            return data[:cut]
    return data


def loglog_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) on log(x): 1 = linear, 2 = quadratic."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den
