"""Sentence boundaries in unpunctuated Chinese ASR text: the VCSum hold-out, baselines against the model.

Split out of ``benchmarks/asr_boundaries.py`` (which writes this table into its section) so each
file reads in one sitting; the English sets and the speed table stay there.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import markdown_table, read_jsonl  # noqa: E402

Gold = frozenset[int]

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
