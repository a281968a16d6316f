"""Commas inside English ASR units: how often the pause model's comma stands where the original had a mark.

Each held-out punctuated transcript is stripped to what a recogniser prints
(``summarize.segment.asr.unpunctuate``, which also returns the gaps after a ``,``, ``;`` or ``:``);
``split_unpunctuated(text, commas=...)`` cuts it and places its commas. A comma is right when the
original had a comma, semicolon, colon or a sentence end in that gap (a comma where a full stop
belonged still reads: the unit was a run-on). Recall is over the original's , ; : that fall inside
the units the segmenter made. Read by ``benchmarks/asr_boundaries.py``, which writes the table into
its section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from _common import markdown_table, read_jsonl
from asr_speech_sources import FIXTURE_MEASURE_ONLY, fixture_docs, gcppodcast_docs

#: (stripped text, gold boundaries, gold inner marks) of one document.
Doc = tuple[str, frozenset[int], frozenset[int]]


def _stripped(text: str, *, labelled_lines: bool = False) -> Doc:
    from summarize.segment.asr import unpunctuate

    marks: set[int] = set()
    words, gold = unpunctuate(text, labelled_lines=labelled_lines, pauses=marks)
    return words, gold, frozenset(marks)


def comma_sets(eval_dir: Path, corpus_dev: Path, fixtures: Path, holdout: Sequence[str]) -> dict[str, list[Doc]]:
    """The held-out talk, podcast and meeting transcripts of the boundary data file, and the never-trained
    unseen10 transcripts; a set whose files are missing is left out."""
    wanted = set(holdout)
    sets: dict[str, list[Doc]] = {}
    if (corpus_dev / "SOURCES.tsv").exists():
        sets["held-out podcast episodes (gcppodcast)"] = [
            _stripped(d.text) for d in gcppodcast_docs(corpus_dev) if d.doc_id in wanted]
    names = tuple(sorted(h.split(":", 1)[1] for h in wanted if h.startswith("fixtures:")))
    if names and all((fixtures / n).exists() for n in names):
        sets["held-out talks and podcasts (fixtures)"] = [_stripped(d.text) for d in fixture_docs(fixtures, names)]
    if all((fixtures / n).exists() for n in FIXTURE_MEASURE_ONLY):
        sets["unseen10 talks and podcasts (never trained)"] = [
            _stripped(d.text) for d in fixture_docs(fixtures, FIXTURE_MEASURE_ONLY)]
    qmsum = eval_dir / "qmsum" / "meeting_val.jsonl"
    if qmsum.exists():
        rows = [r for r in read_jsonl(qmsum) if r["id"].split("-", 2)[-1] in wanted and r.get("domain") == "Committee"]
        sets["held-out committee hearings (QMSum)"] = [_stripped(r["text"], labelled_lines=True) for r in rows]
    return {k: v for k, v in sets.items() if v}


def comma_counts(docs: Sequence[Doc]) -> tuple[int, int, int, int]:
    """(commas placed, of them at a mark or boundary of the original, the original's inner marks inside the
    segmenter's units, of them found), pooled over ``docs``."""
    from summarize.segment.asr import spans_to_gaps, split_unpunctuated

    placed = right = inner = found = 0
    for text, gold, marks in docs:
        commas: list[tuple[int, ...]] = []
        spans = split_unpunctuated(text, commas=commas)
        cuts = spans_to_gaps(text, spans)
        ends = {m: k for k, m in enumerate(_word_ends(text))}
        at = {ends[o] for offsets in commas for o in offsets}
        placed += len(at)
        right += len(at & (gold | marks))
        inside = marks - cuts
        inner += len(inside)
        found += len(at & inside)
    return placed, right, inner, found


def _word_ends(text: str) -> list[int]:
    import re

    return [m.end() for m in re.finditer(r"\S+", text)]


def comma_table(sets: dict[str, list[Doc]]) -> list[str]:
    """The markdown lines of the comma table (empty when there are no sets)."""
    if not sets:
        return []
    from importlib import resources

    record = json.loads(__import__("gzip").decompress(
        resources.files("summarize").joinpath("data", "asr_pauses.json.gz").read_bytes()))
    rows = []
    for name, docs in sets.items():
        placed, right, inner, found = comma_counts(docs)
        words = sum(len(t.split()) for t, _, _ in docs)
        rows.append([f"{name} ({words:,} words)", f"{placed:,}", f"{right / max(placed, 1):.2f}",
                     f"{found / max(inner, 1):.2f} of {inner:,}"])
    built = record["built"]
    return [
        "#### Commas inside English units",
        "",
        "Inside each unit the boundary model cut, a gap where the pause model (`asr_pauses.json.gz`) passes its "
        "threshold gets a comma in the sentence's clean view (the text takeaways print), unless the word already "
        "ends with a mark; no word is added or changed. A comma is right where the punctuated original had `,` `;` "
        "`:` or a sentence end; recall counts the original's `,` `;` `:` inside the units found. No times: the "
        "pause model reads words only.",
        "",
        markdown_table(["held-out set", "commas placed", "at a mark of the original", "inner marks found"], rows),
        f"- Pause model: the boundary model's features, positive at `,` `;` `:` or a boundary; threshold "
        f"{record['threshold']}, the lowest whose out-of-fold precision on the training talks and podcasts (at gaps "
        f"the boundary model leaves inside a unit) reaches {built['hyperparameters']['min_precision']} "
        f"(out of fold: {built['threshold_cv_precision']:.2f} precision, {built['threshold_cv_recall']:.2f} of "
        f"inner marks); rebuild: `{built['command']}`.",
    ]
