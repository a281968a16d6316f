"""Our English word splitter (``summarize.segment.en_tokens``) against NLTK's Treebank tokenizer on real text.

    python benchmarks/en_tokens.py                 # seeds, corpus-dev and the English eval sets in ../shared
    python benchmarks/en_tokens.py --limit 50      # at most 50 documents per eval file (a quick look)

Every text is compared four ways: whole, line by line, and sentence by sentence as ``summarize``
segments it (each sentence's ``text`` and its disfluency-free ``clean`` view, which is what
``en_words`` and the quiz's tagger read, the latter with curly apostrophes made straight as
``segment.pos.tokenize`` does). Any difference is printed with its text and both token lists, and the
script exits 1. Then both splitters time the sentence views (ours with its memo emptied first),
in the same run, and the ratio is printed. It writes nothing; without ``../shared`` it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, load_average  # noqa: E402  (after the path tweak)

SHARED = ROOT.parent / "shared"
#: English eval files and the fields of each record that hold text.
EVAL_FILES = {
    "vtssum/video_dev.jsonl": ("text",),
    "qmsum/meeting_val.jsonl": ("text",),
    "qmsum/query_span_val.jsonl": ("text", "query"),
    "ami/dev.jsonl": ("text",),
    "icsi/dev.jsonl": ("text",),
    "dialogsum/dev.jsonl": ("text",),
    "cnndm/dev.jsonl": ("text",),
    "qa/squad.jsonl": ("context", "question"),
}


def documents(shared: Path, limit: int | None) -> Iterator[tuple[str, str]]:
    """(name, text) of every seed, every corpus-dev file and every English eval text."""
    for folder in ("seeds", "corpus-dev"):
        for path in sorted((shared / folder).rglob("*")):
            if path.is_file() and path.suffix in (".md", ".txt", ".srt", ".vtt"):
                yield str(path.relative_to(shared)), path.read_text(encoding="utf-8", errors="replace")
    for name, fields in EVAL_FILES.items():
        path = shared / "eval" / name
        if not path.is_file():
            continue
        seen: set[str] = set()
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                record = json.loads(line)
                if record.get("lang", "en") != "en":
                    continue
                for field in fields:
                    text = record.get(field)
                    if isinstance(text, str) and text not in seen:  # SQuAD repeats a context per question
                        seen.add(text)
                        yield f"eval/{name}:{n + 1}:{field}", text


def views(text: str) -> tuple[list[str], list[str]]:
    """The whole text and its lines; and the sentence views summarize tokenises."""
    from summarize.pipeline import load

    whole = [text, *text.splitlines()]
    sentences: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # front-matter warnings of odd posts
            doc = load(text)
    except Exception:  # noqa: BLE001  (a text summarize refuses still has its lines compared)
        return whole, sentences
    for s in doc.sentences:
        if s.lang == "zh":
            continue
        for view in (s.text, s.clean):
            sentences.append(view)
            if "’" in view:
                sentences.append(view.replace("’", "'"))
    return whole, sentences


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many records per eval file")
    ns = parser.parse_args(argv)
    if not ns.shared.is_dir():
        print(f"{ns.shared} is absent: nothing to compare")
        return 0
    from summarize._resources import treebank
    from summarize.segment import en_tokens

    theirs = treebank().tokenize
    print(f"load average {load_average()} at the start")
    differ = compared = docs = 0
    timed: list[str] = []
    for name, text in documents(ns.shared, ns.limit):
        docs += 1
        whole, sentences = views(text)
        timed += sentences
        for piece in whole + sentences:
            compared += 1
            ours, ref = en_tokens.treebank_tokens(piece), theirs(piece)
            if ours != ref:
                differ += 1
                if differ <= 20:
                    print(f"DIFFERS  {name}: {piece[:200]!r}\n  nltk {ref}\n  ours {ours}")
    print(f"{docs:,} documents, {compared:,} texts compared (whole, lines, sentence views): {differ} differ")

    size = sum(len(s.encode("utf-8")) for s in timed)
    en_tokens.forget()
    t = time.process_time()
    for s in timed:
        en_tokens.treebank_tokens(s)
    ours_s = time.process_time() - t
    t = time.process_time()
    for s in timed:
        theirs(s)
    theirs_s = time.process_time() - t
    print(f"sentence views: {len(timed):,} texts, {size / 1e6:.2f} MB; CPU seconds: ours {ours_s:.3f} "
          f"({size / 1e6 / max(ours_s, 1e-9):.1f} MB/s, memo empty at the start), NLTK's Treebank {theirs_s:.3f} "
          f"({size / 1e6 / max(theirs_s, 1e-9):.2f} MB/s): {theirs_s / max(ours_s, 1e-9):.1f}x")
    print(f"load average {load_average()} at the end")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
