"""Sentence boundaries in unpunctuated ASR text: baselines against the learned model.

Each evaluation text is punctuated; ``summarize.segment.asr.unpunctuate`` strips it to what a
recogniser prints (lowercase words, no punctuation, no speaker labels) and keeps the gold
boundaries: a boundary is the gap after word i where the original had ., ? or ! (or a turn or
paragraph ended). A predicted boundary counts only at exactly the same gap. Precision, recall
and F1 are pooled over every gap of a set.

Sets: seed 004 (a podcast transcript, never trained on), the QMSum/AMI meetings the data file
records as held out, the talk and podcast transcripts it records as held out (gcppodcast
episodes from ``--corpus-dev``, our fixtures read as ``tools/asr_speech_sources.py`` reads them
for the trainer), the unseen10 transcripts no model trains on (``FIXTURE_MEASURE_ONLY``), and ICSI dev (measured only; its meetings and their QMSum copies are not
trained on). Missing paths are skipped. ``--baseline-rev`` adds the rows of the data file at a
git revision (the model before a retraining), scored on the same sets in the same run.

Usage::

    python benchmarks/asr_boundaries.py --seeds ../shared/seeds --eval-dir ../shared/eval --baseline-rev 990b9c9
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from _common import ROOT, add_common_arguments, command_line, from_root, markdown_table, read_jsonl, write_section  # noqa: E402
from asr_boundaries_zh import zh_data_record, zh_table  # noqa: E402, F401  (zh_data_record: tests read the Chinese record here)
from asr_commas_en import comma_sets, comma_table  # noqa: E402
from asr_speech_sources import FIXTURE_MEASURE_ONLY, fixture_docs, gcppodcast_docs  # noqa: E402

SECTION = "asr-boundaries"
CHUNK_WORDS = 15
#: Words that often open a spoken sentence: a hand list, written once and not tuned.
STARTERS = frozenset(
    "so and but i we you it's that's the this what now well okay yeah then because if there they how why yes no "
    "right also".split()
)
LENGTH_WEIGHTS = (0.5, 1.0)

Gold = frozenset[int]
Predictor = Callable[[str], set[int]]


# -- systems --------------------------------------------------------------------------------


def fixed_chunks(text: str) -> set[int]:
    """A boundary after every CHUNK_WORDS-th word."""
    n = len(text.split())
    return set(range(CHUNK_WORDS - 1, n - 1, CHUNK_WORDS))


def starter_words(text: str) -> set[int]:
    """A boundary before every word of STARTERS."""
    words = text.split()
    return {i for i in range(len(words) - 1) if words[i + 1] in STARTERS}


def model(length_weight: float = 0.0, max_words: int | None = None) -> Predictor:
    """The learned scores with a chosen decoder: a length prior, or a different length cap."""
    from summarize.segment import asr

    def predict(text: str) -> set[int]:
        scores = asr.gap_scores(text.split())
        cap = asr.MAX_UNIT_WORDS if max_words is None else max_words
        return set(asr.choose_boundaries(scores, length_weight=length_weight, max_words=cap))

    return predict


def shipped(text: str) -> set[int]:
    """The public entry point, exactly as the segmenter calls it (no times)."""
    from summarize.segment.asr import spans_to_gaps, split_unpunctuated

    return set(spans_to_gaps(text, split_unpunctuated(text)))


def systems() -> list[tuple[str, Predictor]]:
    out: list[tuple[str, Predictor]] = [
        (f"fixed {CHUNK_WORDS}-word chunks", fixed_chunks),
        ("sentence-starter list", starter_words),
        ("model, threshold only (no length cap)", model(max_words=10**9)),
        ("**model (shipped: threshold + 50-word cap)**", shipped),
    ]
    out += [(f"model + length prior (weight {w})", model(length_weight=w)) for w in LENGTH_WEIGHTS]
    return out


# -- data -----------------------------------------------------------------------------------


DATA_PATH = "src/summarize/data/asr_boundaries.json.gz"


def data_record() -> dict:
    raw = resources.files("summarize").joinpath("data", "asr_boundaries.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def data_at(rev: str) -> dict:
    """The data file as committed at git revision ``rev`` (the model a retraining replaced)."""
    raw = subprocess.run(["git", "show", f"{rev}:{DATA_PATH}"], cwd=ROOT, check=True, capture_output=True).stdout
    return json.loads(gzip.decompress(raw))


@contextlib.contextmanager
def scored_by(data: dict) -> Iterator[None]:
    """Every English gap scored with ``data`` instead of the shipped file while the block runs.

    Builds the model exactly as ``asr_model._model`` builds it from the shipped file, and puts it where
    ``gap_scores`` looks it up, so the decoder, the length cap and the takeaways are the shipped code."""
    import numpy as np

    from summarize.segment import asr_model

    if tuple(data["templates"]) != asr_model.TEMPLATES:
        raise SystemExit(f"the baseline data file has templates {data['templates']}, this code computes {asr_model.TEMPLATES}: "
                         "pass a --baseline-rev whose features the code still computes")
    prior = np.asarray(data["length_log_prior"], dtype=float)
    other = asr_model._Model(bias=float(data["bias"]) - float(data["threshold"]),
                             weights=tuple(dict(data["weights"][t]) for t in asr_model.TEMPLATES),
                             length_log_prior=prior - prior.max())
    shipped_model = asr_model._model
    asr_model._model = lambda name=asr_model.DATA_FILE: other if name == asr_model.DATA_FILE else shipped_model(name)
    try:
        yield
    finally:
        asr_model._model = shipped_model


def speech_holdout(corpus_dev: Path, fixtures: Path,
                   holdout: Iterable[str]) -> tuple[dict[str, list[tuple[str, Gold]]], list[str]]:
    """The held-out talk and podcast transcripts, stripped: gcppodcast episodes, then our fixtures."""
    from summarize.segment.asr import unpunctuate

    wanted = set(holdout)
    sets: dict[str, list[tuple[str, Gold]]] = {}
    notes: list[str] = []
    if any(h.startswith("gcppodcast:") for h in wanted):
        if (corpus_dev / "SOURCES.tsv").exists():
            docs = [d for d in gcppodcast_docs(corpus_dev) if d.doc_id in wanted]
            sets["held-out podcast episodes (gcppodcast)"] = [unpunctuate(d.text) for d in docs]
        else:
            notes.append(f"gcppodcast hold-out skipped: no {corpus_dev}/SOURCES.tsv")
    names = tuple(sorted(h.split(":", 1)[1] for h in wanted if h.startswith("fixtures:")))
    missing = [n for n in names if not (fixtures / n).exists()]
    if missing:
        notes.append(f"fixture hold-out skipped: {', '.join(missing)} not in {fixtures}")
    elif names:
        docs = fixture_docs(fixtures, names)
        sets["held-out talks and podcasts (fixtures)"] = [unpunctuate(d.text) for d in docs]
    if all((fixtures / n).exists() for n in FIXTURE_MEASURE_ONLY):
        sets["unseen10 talks and podcasts (never trained)"] = [
            unpunctuate(d.text) for d in fixture_docs(fixtures, FIXTURE_MEASURE_ONLY)]
    return {k: v for k, v in sets.items() if v}, notes


def load_sets(seeds: Path, eval_dir: Path, holdout: Iterable[str], corpus_dev: Path | None = None,
              fixtures: Path = ROOT / "tests" / "fixtures") -> tuple[dict[str, list[tuple[str, Gold]]], list[str]]:
    """Evaluation sets as (stripped text, gold gaps) lists, and notes on what was skipped."""
    from summarize.segment.asr import unpunctuate

    sets: dict[str, list[tuple[str, Gold]]] = {}
    notes: list[str] = []
    seed = sorted(seeds.glob("004_*.txt")) if seeds.is_dir() else []
    if seed:
        sets["seed 004 podcast"] = [unpunctuate(seed[0].read_text(encoding="utf-8"))]
    else:
        notes.append(f"seed 004 skipped: no {seeds}/004_*.txt")
    wanted = set(holdout)
    held: dict[str, list[tuple[str, Gold]]] = {}
    seen: set[str] = set()
    for rel in ("qmsum/meeting_val.jsonl", "ami/dev.jsonl"):
        path = eval_dir / rel
        if not path.exists():
            notes.append(f"{rel} skipped: not in {eval_dir}")
            continue
        for row in read_jsonl(path):
            meeting = row["id"].split("-", 2)[-1]
            if meeting in wanted and meeting not in seen:
                seen.add(meeting)
                domain = row.get("domain") or "Product(AMI)"
                kind = {"Committee": "held-out committee hearings (QMSum)",
                        "Product(AMI)": "held-out AMI meetings"}.get(domain, f"held-out {domain}")
                held.setdefault(kind, []).append(unpunctuate(row["text"], labelled_lines=True))
    sets.update(sorted(held.items()))
    if corpus_dev is not None:
        speech, speech_notes = speech_holdout(corpus_dev, fixtures, holdout)
        sets.update(speech)
        notes += speech_notes
    icsi = eval_dir / "icsi" / "dev.jsonl"
    if icsi.exists():
        sets["ICSI dev (measure only)"] = [unpunctuate(r["text"], labelled_lines=True) for r in read_jsonl(icsi)]
    else:
        notes.append(f"ICSI skipped: no {icsi}")
    return sets, notes


def prf(docs: Sequence[tuple[str, Gold]], predict: Predictor) -> tuple[float, float, float]:
    """Precision, recall and F1 pooled over a set: each document's gaps are numbered after the previous one's."""
    from summarize.segment.asr import boundary_prf

    gold: set[int] = set()
    predicted: set[int] = set()
    offset = 0
    for text, g in docs:
        gold.update(offset + i for i in g)
        predicted.update(offset + i for i in predict(text))
        offset += len(text.split())
    return boundary_prf(gold, predicted)


# -- timing on a real caption dump ----------------------------------------------------------

_CUE_RE = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d+) --> [^\n]*\n((?:[^\n]+\n?)+?)(?:\n|$)")


def caption_effect(seeds: Path) -> list[list[str]] | None:
    """Seed 002 (YouTube captions, no gold): how cue times move the cuts."""
    from summarize.segment.asr import spans_to_gaps, split_unpunctuated

    found = sorted(seeds.glob("002_*.txt")) if seeds.is_dir() else []
    if not found:
        return None
    parts: list[str] = []
    marks: list[tuple[int, float]] = []
    offset = 0
    for h, m, s, ms, body in _CUE_RE.findall(found[0].read_text(encoding="utf-8")):
        line = " ".join(body.split())
        if not line:
            continue
        marks.append((offset, int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 10 ** len(ms)))
        parts.append(line)
        offset += len(line) + 1
    text = "\n".join(parts)
    cue_gaps = spans_to_gaps(text, [(a, a) for a, _t in marks[1:]] + [(len(text), len(text))])
    rows = []
    for label, tm in (("no times", ()), ("cue start times", tuple(marks))):
        cuts = spans_to_gaps(text, split_unpunctuated(text, tm))
        n_words = len(text.split())
        rows.append([label, str(len(cuts) + 1), f"{n_words / (len(cuts) + 1):.1f}",
                     f"{len(cuts & cue_gaps) / max(len(cuts), 1):.2f}"])
    return rows



# -- speed through the whole process --------------------------------------------------------


def _speech_inputs(seeds: Path, eval_dir: Path) -> dict[str, tuple[str, str]]:
    """Per language: (unpunctuated speech, the same speech punctuated) as base texts to repeat."""
    from summarize.segment.asr import unpunctuate
    from summarize.segment.asr_zh import unpunctuate_zh

    out = {}
    seed = sorted(seeds.glob("004_*.txt")) if seeds.is_dir() else []
    if seed:
        raw = seed[0].read_text(encoding="utf-8")
        words = unpunctuate(raw)[0].split()
        paragraphs = [" ".join(words[i : i + 150]) for i in range(0, len(words), 150)]
        out["English"] = ("\n\n".join(paragraphs), raw)
    meetings = eval_dir / "vcsum" / "meeting_dev.jsonl"
    if meetings.exists():
        rows = read_jsonl(meetings)[:6]
        paragraphs = []
        for row in rows:
            phrases = unpunctuate_zh(row["text"])[0]
            paragraphs += [" ".join(phrases[i : i + 60]) for i in range(0, len(phrases), 60)]
        out["Chinese"] = ("\n\n".join(paragraphs), "\n\n".join(r["text"] for r in rows))
    return out


def _sized(text: str, size: int) -> str:
    data = ((text + "\n\n") * (size // max(len(text.encode("utf-8")), 1) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def _timed_process(path: Path, repeat: int) -> tuple[float, float]:
    """Best (wall, CPU) seconds of ``python -m summarize PATH`` as a fresh process."""
    import resource
    import subprocess

    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "summarize", str(path)], check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
    return best


def speed_table(seeds: Path, eval_dir: Path, sizes: Sequence[int], repeat: int) -> list[str]:
    import math
    import os
    import tempfile

    inputs = _speech_inputs(seeds, eval_dir)
    if not inputs:
        return ["- Speed skipped: no seed 004 and no VCSum"]
    rows, notes = [], []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for lang, (speech, punctuated) in inputs.items():
            cpu_by_size = []
            for size in sizes:
                cells = []
                for kind, base in (("unpunctuated", speech), ("punctuated (reference)", punctuated)):
                    path = Path(tmp) / f"{lang}-{kind[:4]}-{size}.txt"
                    path.write_text(_sized(base, size), encoding="utf-8")
                    nbytes = path.stat().st_size
                    wall, cpu = _timed_process(path, repeat)
                    cells.append((kind, nbytes, wall, cpu))
                    if kind == "unpunctuated":
                        cpu_by_size.append((nbytes, cpu))
                ref_cpu = cells[1][3]
                for kind, nbytes, wall, cpu in cells:
                    rows.append([lang, kind, f"{nbytes / 1000:,.0f} KB", f"{wall:.2f}", f"{cpu:.2f}",
                                 f"{nbytes / 1000 / wall:,.0f}", f"{nbytes / 1000 / cpu:,.0f}",
                                 f"{cpu / ref_cpu:.2f}"])
            (x0, y0), (x1, y1) = cpu_by_size[0], cpu_by_size[-1]
            notes.append(f"{lang} unpunctuated speech: growth exponent {math.log(y1 / y0) / math.log(x1 / x0):.2f} "
                         f"(CPU time, {x0 / 1000:,.0f} KB to {x1 / 1000:,.0f} KB; 1.0 = linear)")
    return [
        "### Speed of unpunctuated speech through `summarize`",
        "",
        f"Whole `python -m summarize FILE` processes (read, segment, score, select, render), best of {repeat}; "
        "English: seed 004 stripped by `unpunctuate` in 150-word paragraphs; Chinese: six VCSum meetings stripped "
        "by `unpunctuate_zh`, 60 phrases a paragraph; each repeated to the size shown. The reference is the same "
        "speech punctuated, in the same run; the last column is CPU time over the reference's. **The machine was "
        f"shared with other jobs while this ran (2 cores, 1-minute load average {load_before:.1f} before the table, "
        f"{os.getloadavg()[0]:.1f} after)**: wall times are inflated and noisy, CPU time (user + system of the "
        "process) is the steadier figure, though contention inflates it too.",
        "",
        markdown_table(["language", "input", "size", "wall s", "CPU s", "KB/s (wall)", "KB/s (CPU)", "CPU vs reference"], rows),
        *(f"- {n}" for n in notes),
    ]


# -- main -----------------------------------------------------------------------------------


def _whole_share(docs: list[tuple[str, Gold]], summarize_text: Callable) -> str:
    """How many takeaways' sentences (n=5 and n=10 per text, every one the selection makes: ``min_confidence=0``)
    are whole gold sentences, as a table cell."""
    whole = total = 0
    for text, gold in docs:
        words = text.split()
        cuts = [-1, *sorted(gold), len(words) - 1]
        gold_sentences = {tuple(words[a + 1 : b + 1]) for a, b in zip(cuts, cuts[1:])}
        for n in (5, 10):
            summary = summarize_text(text, n=n, min_confidence=0)
            for t in summary.takeaways:
                for i in t.sentence_ids:
                    total += 1
                    whole += tuple(summary.document.sentences[i].text.split()) in gold_sentences
    return f"{whole}/{total} = {whole / max(total, 1):.2f}"


def whole_sentence_takeaways(sets: dict[str, list[tuple[str, Gold]]], baseline: tuple[str, dict] | None = None) -> list[list[str]]:
    """Share of the takeaways (n=5 and n=10 per text) that are whole gold sentences, with the default's
    reserve for units the model cut without confidence, with it switched off, and (given a baseline
    ``(label, data)``) with the reserve and the baseline's boundaries."""
    import summarize
    import summarize.score.takeaways as takeaways

    shipped = takeaways._MIN_BOUNDARY_CONFIDENCE
    bar_en = shipped["en"]  # these sets are English
    rows = []
    runs = [(f"units with an end below {bar_en} reserved (shipped)", shipped, None),
            ("no reserve", {lang: -1e9 for lang in shipped}, None)]
    if baseline:
        runs.append((f"{baseline[0]}, units with an end below {bar_en} reserved", shipped, baseline[1]))
    for label, bar, data in runs:
        takeaways._MIN_BOUNDARY_CONFIDENCE = bar
        try:
            with scored_by(data) if data else contextlib.nullcontext():
                rows.append([label, *(_whole_share(docs, summarize.summarize) for docs in sets.values())])
        finally:
            takeaways._MIN_BOUNDARY_CONFIDENCE = shipped
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=Path("../shared/seeds"),
                    help="folder holding 004_*.txt and 002_*.txt (default ../shared/seeds, relative to the repository root)")
    ap.add_argument("--speed-sizes", default="250000,1000000",
                    help="input sizes in bytes for the whole-process speed table ('' skips it)")
    ap.add_argument("--speed-repeat", type=int, default=2, help="fresh processes per speed cell (best counts)")
    ap.add_argument("--corpus-dev", type=Path, default=Path("../shared/corpus-dev"),
                    help="folder holding SOURCES.tsv and gcppodcast/ for the held-out episodes (default ../shared/corpus-dev)")
    ap.add_argument("--fixtures", type=Path, default=Path("tests/fixtures"), help=argparse.SUPPRESS)
    ap.add_argument("--baseline-rev", metavar="REV",
                    help="also score the data file as committed at this git revision (the model before a retraining)")
    add_common_arguments(ap)
    ns = ap.parse_args(argv)
    seeds = from_root(ns.seeds)
    eval_dir = from_root(ns.eval_dir)

    started = time.perf_counter()
    import numpy  # noqa: F401  (imported first so the load time below is the data file's alone)

    from summarize.segment import asr, asr_model

    t0 = time.perf_counter()
    asr_model._model()
    load_s = time.perf_counter() - t0
    record = data_record()
    sets, notes = load_sets(seeds, eval_dir, record["built"]["holdout"], from_root(ns.corpus_dev),
                           from_root(ns.fixtures))
    if not sets:
        print("asr_boundaries.py: skipped: no evaluation data (" + "; ".join(notes) + ")")
        return 0

    rows = []
    for name, predict in systems():
        cells = [name]
        for docs in sets.values():
            p, r, f = prf(docs, predict)
            cells.append(f"{p:.2f} / {r:.2f} / **{f:.3f}**" if "shipped" in name else f"{p:.2f} / {r:.2f} / {f:.3f}")
        rows.append(cells)
    baseline = None
    if ns.baseline_rev:
        baseline = (f"model at {ns.baseline_rev}", data_at(ns.baseline_rev))
        with scored_by(baseline[1]):
            rows.append([f"{baseline[0]} (threshold + 50-word cap)",
                         *(("{:.2f} / {:.2f} / {:.3f}".format(*prf(docs, shipped))) for docs in sets.values())])
    header = ["system", *(f"{k} ({sum(len(t.split()) for t, _ in v):,} words, {sum(len(g) for _, g in v):,} boundaries)"
                          for k, v in sets.items())]
    table = markdown_table(header, rows)

    words = sum(len(t.split()) for docs in sets.values() for t, _ in docs)
    t0 = time.perf_counter()
    for docs in sets.values():
        for text, _ in docs:
            asr.split_unpunctuated(text)
    speed = words / (time.perf_counter() - t0)

    data_path = resources.files("summarize").joinpath("data", "asr_boundaries.json.gz")
    size = len(data_path.read_bytes())
    n_weights = sum(len(t) for t in record["weights"].values())
    sources = "; ".join(f"{s['dataset']} ({s['license']}, {len(s['documents'])} docs, {s['words']:,} words)"
                        for s in record["source"])
    lines = [
        "## ASR sentence boundaries",
        "",
        f"Reproduce: `{command_line('asr_boundaries.py', list(argv) if argv is not None else sys.argv[1:])}`.",
        "",
        "Cells are precision / recall / F1 of **boundaries**: a boundary is the gap after word i; the gold ones "
        "are where the punctuated original had `.`, `?` or `!` (not after titles such as *Mr.*) or a speaker turn "
        "or paragraph ended; commas do not count. A predicted boundary matches only at exactly the same gap. "
        "Counts are pooled over the gaps of every document in a set. The texts are stripped with "
        "`summarize.segment.asr.unpunctuate` (lowercase, no punctuation, no speaker labels or [tags]).",
        "",
        table,
        f"- Model: {n_weights:,} logistic-regression weights over word windows around the gap, threshold "
        f"{record['threshold']} chosen by cross-validation over meeting series (F1 averaged per domain); "
        f"trained on {sources}; held out: {', '.join(record['built']['holdout'])}; excluded domains: "
        f"{', '.join(record['built']['excluded_domains']) or 'none'}.",
        f"- Data file `asr_boundaries.json.gz`: {size / 1024:.0f} KiB; first load {load_s * 1000:.0f} ms; "
        f"`split_unpunctuated` runs at {speed:,.0f} words/s.",
        "- Length prior: a semi-Markov pass adding weight × log P(unit length), the distribution learned from turns "
        "of 30+ words (scaled so the commonest length costs 0).",
        f"- Starter list ({len(STARTERS)} words, not tuned): {' '.join(sorted(STARTERS))}.",
    ]
    if baseline:
        base = baseline[1]
        base_sources = "; ".join(f"{s['dataset']} ({len(s['documents'])} docs, {s['words']:,} words)" for s in base["source"])
        lines.append(f"- {baseline[0]}: the data file that revision shipped ({sum(len(t) for t in base['weights'].values()):,} "
                     f"weights, threshold {base['threshold']}; trained on {base_sources}), scored by this code on the same sets.")
    whole = whole_sentence_takeaways(sets, baseline)
    lines += [
        "",
        "Takeaways from the stripped texts (`summarize.summarize(text, n=5, min_confidence=0)` and `n=10`: every "
        "takeaway the selection makes, not only those the keep model is sure of): how many are whole gold "
        "sentences (both ends at gold boundaries). Each unit carries the model's confidence in its weaker end "
        "(`Sentence.boundary`); the default scorer reserves units below the bar (`select(reserve=...)`: used only "
        "when the others cannot fill the summary). The bar was chosen on the held-out AMI and committee meetings "
        "(licensed), from 0, 0.5, 1, 1.5, 2 and 2.5; seed 004 and ICSI are measured only.",
        "",
        markdown_table(["takeaways", *sets.keys()], whole),
    ]
    effect = caption_effect(seeds)
    if effect:
        lines += [
            "",
            "Timing, on seed 002 (YouTube captions of a talk; no gold, so this shows only what the hand-set "
            "pause bonus does): a pause is the interval between two cue starts minus the median time per word "
            "times the words between them.",
            "",
            markdown_table(["input", "units", "words per unit", "share of cuts at a cue start"], effect),
        ]
    lines += [f"- {n}" for n in notes]
    commas = comma_table(comma_sets(eval_dir, from_root(ns.corpus_dev), from_root(ns.fixtures), record["built"]["holdout"]))
    lines += ["", *commas] if commas else []
    lines += ["", *zh_table(eval_dir)]
    sizes = [int(x) for x in ns.speed_sizes.split(",") if x.strip()]
    if sizes:
        lines += ["", *speed_table(seeds, eval_dir, sizes, ns.speed_repeat)]
    markdown = "\n".join(lines) + "\n"
    print(markdown)
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if not ns.no_write:
        write_section(SECTION, markdown, ns.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
