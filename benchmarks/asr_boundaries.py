"""Sentence boundaries in unpunctuated ASR text: baselines against the learned model.

Each evaluation text is punctuated; ``summarize.segment.asr.unpunctuate`` strips it to what a
recogniser prints (lowercase words, no punctuation, no speaker labels) and keeps the gold
boundaries: a boundary is the gap after word i where the original had ., ? or ! (or a turn or
paragraph ended). A predicted boundary counts only at exactly the same gap. Precision, recall
and F1 are pooled over every gap of a set.

Sets: seed 004 (a podcast transcript, never trained on), the QMSum/AMI meetings the data file
records as held out, and ICSI dev (measured only; its meetings and their QMSum copies are
not trained on). Missing paths are skipped.

Usage::

    python benchmarks/asr_boundaries.py --seeds ../shared/seeds --eval-dir ../shared/eval
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import add_common_arguments, command_line, from_root, markdown_table, read_jsonl, write_section  # noqa: E402

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


def data_record() -> dict:
    raw = resources.files("summarize").joinpath("data", "asr_boundaries.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def load_sets(seeds: Path, eval_dir: Path, holdout: Iterable[str]) -> tuple[dict[str, list[tuple[str, Gold]]], list[str]]:
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



# -- Chinese --------------------------------------------------------------------------------

#: Sentence-final particles: a hand list for the baseline, written once and not tuned.
ZH_PARTICLES = tuple("吗呢吧啊呀嘛")


def zh_data_record() -> dict:
    raw = resources.files("summarize").joinpath("data", "asr_zh_boundaries.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def load_zh_set(eval_dir: Path, holdout: Iterable[str], marks: list[set[int]] | None = None) -> list[tuple[list[str], Gold]]:
    """The held-out VCSum meetings as (phrases, gold gaps), built exactly as the trainer builds its data;
    ``marks``, when given, receives per meeting the gaps where the original had a mark or a space."""
    from summarize.segment.asr_zh import unpunctuate_zh

    wanted = set(holdout)
    whole: dict[str, list[dict]] = {}
    parts: dict[str, list[dict]] = {}
    for rel in ("vcsum/meeting_dev.jsonl", "vcsum/segment_dev.jsonl"):
        path = eval_dir / rel
        if not path.exists():
            continue
        for row in read_jsonl(path):
            meeting = row["id"].rsplit("-", 1)[-1].split("_")[0]
            if meeting in wanted:
                (parts.setdefault(meeting, []) if "-seg-" in row["id"] else whole.setdefault(meeting, [])).append(row)
    docs = []
    for meeting in sorted(wanted, key=int):
        rows = whole.get(meeting) or sorted(parts.get(meeting, []), key=lambda r: int(r["id"].rsplit("_", 1)[-1]))
        phrases: list[str] = []
        gold: set[int] = set()
        marked: set[int] = set()
        for row in rows:
            row_marks: set[int] = set()
            texts, row_gold = unpunctuate_zh(row["text"], marked=row_marks)
            if phrases:
                gold.add(len(phrases) - 1)
            gold.update(len(phrases) + g for g in row_gold)
            marked.update(len(phrases) + g for g in row_marks)
            phrases.extend(texts)
        if phrases:
            docs.append((phrases, frozenset(gold)))
            if marks is not None:
                marks.append(marked | gold)
    return docs


def _render(phrases: list[str], gold: Gold, words: bool) -> tuple[str, list[int], Gold]:
    """Caption text of a meeting: phrases one space apart, or words one space apart with a phrase a line.

    Returns the text, the offset where each gap's right-hand token starts, and the gold gaps
    (numbered over tokens)."""
    from summarize.segment.zh import zh_words

    tokens: list[str] = []
    seps: list[str] = []
    token_gold: set[int] = set()
    for k, phrase in enumerate(phrases):
        for j, token in enumerate(zh_words(phrase) if words else [phrase]):
            if tokens:
                seps.append(" " if j or not words else "\n")
            tokens.append(token)
        if k in gold:
            token_gold.add(len(tokens) - 1)
    token_gold.discard(len(tokens) - 1)
    text, starts = tokens[0], []
    for sep, token in zip(seps, tokens[1:]):
        text += sep
        starts.append(len(text))
        text += token
    return text, starts, frozenset(token_gold)


def zh_systems() -> list[tuple[str, Callable[[str, list[int]], set[int]]]]:
    from summarize.segment.asr_zh import split_unpunctuated_zh

    def shipped_zh(text: str, starts: list[int]) -> set[int]:
        gap_of = {start: i for i, start in enumerate(starts)}
        return {gap_of[a] for a, _b in split_unpunctuated_zh(text)[1:]}

    def particles(text: str, starts: list[int]) -> set[int]:
        return {i for i, a in enumerate(starts) if text[:a].rstrip().endswith(ZH_PARTICLES)}

    return [
        ("every gap a boundary", lambda text, starts: set(range(len(starts)))),
        ("every line break a boundary", lambda text, starts: {i for i, a in enumerate(starts) if text[a - 1] == "\n"}),
        (f"particle list ({''.join(ZH_PARTICLES)})", particles),
        ("**model (shipped)**", shipped_zh),
    ]


def pause_table(docs: list[tuple[list[str], Gold]], marks: list[set[int]]) -> list[str]:
    """Commas at the pauses the model hears inside a sentence (``split_unpunctuated_zh(pauses=...)``, which the
    clean view of a caption sentence shows): how many stand where the original had a mark (a comma or a stop: a
    pause either way), and how many of the original's commas inside the model's sentences they find."""
    from summarize.segment.asr_zh import split_unpunctuated_zh

    rows = []
    for label, sep in (("phrases joined with nothing (caption cues)", ""), ("phrases one space apart", " ")):
        placed = at_mark = commas = found = 0
        for (phrases, _gold), marked in zip(docs, marks):
            text, ends = "", []
            for k, phrase in enumerate(phrases):
                text += (sep if k else "") + phrase
                ends.append(len(text))
            gap_of = {end: k for k, end in enumerate(ends[:-1])}
            pauses: list[tuple[int, ...]] = []
            spans = split_unpunctuated_zh(text, tuple((e + len(sep), 0.0) for e in ends[:-1]) if not sep else (), None, pauses)
            chosen = {gap_of[o] for offsets in pauses for o in offsets if o in gap_of}
            inside = {gap_of[e] for a, b in spans for e in ends[:-1] if a < e < b and e in gap_of}
            placed += len(chosen)
            at_mark += len(chosen & marked)
            commas += len(inside & marked)
            found += len(chosen & inside & marked)
        rows.append([label, f"{placed:,}", f"{at_mark / max(1, placed):.2f}", f"{found / max(1, commas):.2f}"])
    return [
        "",
        "#### Commas at pauses",
        "",
        "Inside each sentence the model cut, a gap scoring above `PAUSE_MARGIN` (`SPACED_PAUSE_MARGIN` for a space in "
        "phrase-spaced text) becomes a comma in the sentence's clean view, unless jieba reads a word across it or two "
        "Latin words meet there. Same held-out meetings:",
        "",
        markdown_table(["rendering", "commas placed", "at a mark of the original", "of the original's marks inside sentences found"], rows),
    ]


def zh_table(eval_dir: Path) -> list[str]:
    record = zh_data_record()
    marks: list[set[int]] = []
    docs = load_zh_set(eval_dir, record["built"]["holdout"], marks)
    if not docs:
        return [f"- Chinese skipped: no VCSum files in {eval_dir}"]
    from summarize.segment.asr import boundary_prf

    renderings = {"phrases one space apart": False, "words one space apart, a phrase a line": True}
    rendered = {label: [_render(ph, g, words) for ph, g in docs] for label, words in renderings.items()}
    rows = []
    for name, predict in zh_systems():
        cells = [name]
        for items in rendered.values():
            gold: set[int] = set()
            predicted: set[int] = set()
            offset = 0
            for text, starts, g in items:
                gold.update(offset + i for i in g)
                predicted.update(offset + i for i in predict(text, starts))
                offset += len(starts) + 1
            p, r, f = boundary_prf(gold, predicted)
            cells.append(f"{p:.2f} / {r:.2f} / **{f:.3f}**" if "shipped" in name else f"{p:.2f} / {r:.2f} / {f:.3f}")
        rows.append(cells)
    header = [f"{label} ({sum(len(s) for _t, s, _g in items):,} gaps, {sum(len(g) for _t, _s, g in items):,} boundaries)"
              for label, items in rendered.items()]
    src = record["source"][0]
    return [
        "### Chinese",
        "",
        f"Held out: VCSum meetings {', '.join(record['built']['holdout'])} (whole meetings; none of their text was "
        "trained on). Gold: VCSum's own transcripts (MIT; ASR of Bilibili talks and meetings, punctuated in the "
        "corpus). `summarize.segment.asr_zh.unpunctuate_zh` removes the punctuation and cuts phrases where a caption "
        "would break: at every mark and space, and clauses over 16 characters at jieba word boundaries. Each meeting "
        "is then printed the two ways Chinese auto-captions come: phrases one space apart (Bilibili), or jieba words "
        "one space apart with a phrase a line. A gold boundary is the gap after a phrase that ended in 。？！ or a "
        "speaker turn; ，、；： are not boundaries; a predicted one counts only at the same gap.",
        "",
        markdown_table(["system", *header], rows),
        f"- Model: {sum(len(t) for t in record['weights'].values()):,} weights over character features of the gap "
        f"and what separates the phrases, threshold {record['threshold']} (cross-validated F1 "
        f"{record['built']['threshold_cv_f1']}, folds by meeting); trained on {src['dataset']} ({src['license']}, "
        f"meetings {', '.join(src['meetings'])}; {src['characters']:,} characters, each meeting in both renderings); "
        f"rebuild: `{record['built']['command']}`.",
        *pause_table(docs, marks),
    ]


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


def whole_sentence_takeaways(sets: dict[str, list[tuple[str, Gold]]]) -> list[list[str]]:
    """Share of the takeaways (n=5 and n=10 per text) that are whole gold sentences, with the default's
    reserve for units the model cut without confidence, and with it switched off."""
    import summarize
    import summarize.score.takeaways as takeaways

    shipped = takeaways._MIN_BOUNDARY_CONFIDENCE
    rows = []
    for label, bar in ((f"units with an end below {shipped} reserved (shipped)", shipped), ("no reserve", -1e9)):
        takeaways._MIN_BOUNDARY_CONFIDENCE = bar
        cells = [label]
        try:
            for docs in sets.values():
                whole = total = 0
                for text, gold in docs:
                    words = text.split()
                    cuts = [-1, *sorted(gold), len(words) - 1]
                    gold_sentences = {tuple(words[a + 1 : b + 1]) for a, b in zip(cuts, cuts[1:])}
                    for n in (5, 10):
                        summary = summarize.summarize(text, n=n)
                        for t in summary.takeaways:
                            for i in t.sentence_ids:
                                total += 1
                                whole += tuple(summary.document.sentences[i].text.split()) in gold_sentences
                cells.append(f"{whole}/{total} = {whole / max(total, 1):.2f}")
        finally:
            takeaways._MIN_BOUNDARY_CONFIDENCE = shipped
        rows.append(cells)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=Path("../shared/seeds"),
                    help="folder holding 004_*.txt and 002_*.txt (default ../shared/seeds, relative to the repository root)")
    ap.add_argument("--speed-sizes", default="250000,1000000",
                    help="input sizes in bytes for the whole-process speed table ('' skips it)")
    ap.add_argument("--speed-repeat", type=int, default=2, help="fresh processes per speed cell (best counts)")
    add_common_arguments(ap)
    ns = ap.parse_args(argv)
    seeds = from_root(ns.seeds)
    eval_dir = from_root(ns.eval_dir)

    started = time.perf_counter()
    import numpy  # noqa: F401  (imported first so the load time below is the data file's alone)

    from summarize.segment import asr

    t0 = time.perf_counter()
    asr._model()
    load_s = time.perf_counter() - t0
    record = data_record()
    sets, notes = load_sets(seeds, eval_dir, record["built"]["holdout"])
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
    whole = whole_sentence_takeaways(sets)
    lines += [
        "",
        "Takeaways from the stripped texts (`summarize.summarize(text, n=5)` and `n=10`): how many are whole gold "
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
