"""How much of a post the quiz asks about: cards per language, takeaways asked about, long written posts covered.

Issue 13's coverage floors, measured on the judged set (``benchmarks/judged_set.tsv``):

* every written post of 800+ words gets at least 3 acceptable non-cloze cards;
* at least 60% of a post's takeaways are asked about by some card.

A takeaway is *asked about* when some card of the post was made from one of its sentences (the card's
``sentence_ids`` and the takeaway's share an id): the card quizzes the point the takeaway states. A post's
*words* are its prose (the sentences the segmenter keeps, code blocks and front matter left out): Latin
word tokens plus Chinese characters, one each. *Acceptable* is a verdict on file in
``benchmarks/judgments/cards.jsonl`` (judged blind by ``benchmarks/RUBRIC.md``); a card without one is
counted as unjudged, never as acceptable.

Usage::

    python benchmarks/quiz_coverage.py                         # run the package on the set
    python benchmarks/quiz_coverage.py --outputs DIR/outputs.json   # figures for outputs `judged.py sheets` wrote
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCHMARKS_MD, command_line, markdown_table, publish  # noqa: E402
from judged import JUDGMENTS, SET_TSV, Post, card_text, load_judgments, produce, rate, read_set  # noqa: E402

SECTION = "quiz-coverage"
LONG_POST_WORDS = 800
MIN_NON_CLOZE = 3
ASKED_SHARE = 0.60
_WORD_RE = re.compile(r"[A-Za-z0-9][\w.'+-]*|[\u3400-\u4dbf\u4e00-\u9fff]")


def prose_words(path: Path) -> int:
    """Latin word tokens plus Chinese characters in the post's sentences (code and front matter left out)."""
    import warnings

    from summarize.pipeline import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load(str(path))
    return sum(len(_WORD_RE.findall(s.text)) for s in doc.sentences)


def asked_about(entry: Mapping[str, Any]) -> tuple[int, int]:
    """(takeaways asked about by some card, takeaways) of one post's output."""
    asked = {i for c in entry.get("cards", []) for i in c.get("sentence_ids", [])}
    takeaways = entry.get("takeaways", [])
    return sum(bool(asked & set(t["sentence_ids"])) for t in takeaways), len(takeaways)


def tally(posts: Sequence[Post], outputs: Mapping[str, Mapping[str, Any]], words: Mapping[str, int],
          judged: Mapping[tuple[str, str], Mapping[str, Any]]) -> dict[str, Any]:
    """Counts per language and the long written posts' rows (see the module)."""
    by_lang: dict[str, Counter[str]] = {}
    by_source: dict[str, Counter[str]] = {}
    long_rows = []
    for post in posts:
        entry = outputs.get(post.key)
        if entry is None:
            continue
        c = by_lang.setdefault(post.lang, Counter())
        cards = entry.get("cards", [])
        source = by_source.setdefault(source_of(post.key), Counter())
        source["posts"] += 1
        source["cards"] += len(cards)
        source["posts with none"] += not cards
        c["posts"] += 1
        c["cards"] += len(cards)
        c["non-cloze"] += sum(card["type"] != "cloze" for card in cards)
        hit, total = asked_about(entry)
        c["asked"] += hit
        c["takeaways"] += total
        c["posts at 60%"] += bool(total) and hit >= ASKED_SHARE * total
        c["posts with takeaways"] += bool(total)
        if post.register.startswith("written") and words.get(post.key, 0) >= LONG_POST_WORDS:
            verdicts = [judged.get((post.key, card_text(card["question"], card["answer"], card.get("context"))))
                        for card in cards if card["type"] != "cloze"]
            good = sum(v is not None and v["verdict"] == "acceptable" for v in verdicts)
            unjudged = sum(v is None for v in verdicts)
            long_rows.append({"key": post.key, "lang": post.lang, "words": words[post.key], "non-cloze": len(verdicts),
                              "acceptable": good, "unjudged": unjudged, "asked": hit, "takeaways": total})
    return {"langs": by_lang, "long": long_rows, "sources": by_source}


def source_of(key: str) -> str:
    """Where a post of the set comes from: `seeds`, `corpus-dev`, `fixtures/posts`, … `fixtures/unseen4`."""
    parts = key.split("/")
    return "/".join(parts[:2]) if parts[0] == "fixtures" else parts[0]


def report_markdown(t: Mapping[str, Any], argv: Sequence[str]) -> str:
    rows = []
    for lang in sorted(t["langs"]):
        c = t["langs"][lang]
        rows.append([lang, c["posts"], c["cards"], c["non-cloze"], rate(c["asked"], c["takeaways"]),
                     f"{c['posts at 60%']} of {c['posts with takeaways']}"])
    long_rows = t["long"]
    three = sum(r["non-cloze"] >= MIN_NON_CLOZE for r in long_rows)
    judged_three = sum(r["acceptable"] >= MIN_NON_CLOZE for r in long_rows)
    open_three = sum(r["acceptable"] < MIN_NON_CLOZE <= r["acceptable"] + r["unjudged"] for r in long_rows)
    lines = [
        "## Quiz coverage (issue 13's floors)", "",
        f"Reproduce: `{command_line('quiz_coverage.py', argv)}`.", "",
        "A takeaway is *asked about* when a card of the post was made from one of its sentences. Targets: "
        f"≥ {ASKED_SHARE:.0%} of each post's takeaways asked about; every written post of {LONG_POST_WORDS}+ words "
        f"(prose: Latin words plus Chinese characters) has ≥ {MIN_NON_CLOZE} acceptable non-cloze cards. "
        "*Acceptable* = a blind verdict on file in `benchmarks/judgments/cards.jsonl`; unjudged cards are counted apart.", "",
        markdown_table(["language", "posts", "cards", "non-cloze", "takeaways asked about", "posts ≥ 60% asked"], rows), "",
        f"Written posts of {LONG_POST_WORDS}+ words: {len(long_rows)}; with ≥ {MIN_NON_CLOZE} non-cloze cards: {three}; "
        f"with ≥ {MIN_NON_CLOZE} judged acceptable: {judged_three}; "
        f"{open_three} more could reach it when their unjudged cards are judged.", "",
        "Cards per post by where the post comes from: the fresh pages (`fixtures/unseen*`, written by sessions that "
        "never saw the program) show what an unseen post gets.", "",
        markdown_table(["posts from", "posts", "cards", "cards per post", "posts with no card"],
                       [[name, c["posts"], c["cards"], f"{c['cards'] / c['posts']:.2f}", c["posts with none"]]
                        for name, c in sorted(t.get("sources", {}).items())]), "",
        markdown_table(["post", "lang", "words", "non-cloze", "acceptable", "unjudged", "takeaways asked"],
                       [[r["key"].rsplit("/", 2)[-2 if r["key"].endswith("index.md") else -1], r["lang"], r["words"],
                         r["non-cloze"], r["acceptable"], r["unjudged"], f"{r['asked']}/{r['takeaways']}"] for r in long_rows]), "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--outputs", type=Path, help="an outputs.json of `judged.py sheets --cards` (default: run the package)")
    ap.add_argument("--save", type=Path, help="write the outputs produced here to this JSON file")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    ap.add_argument("--output", type=Path, default=BENCHMARKS_MD, help=argparse.SUPPRESS)
    ns = ap.parse_args(argv)
    posts = [p for p in read_set(SET_TSV) if p.path.exists()]
    if ns.outputs:
        produced = json.loads(ns.outputs.read_text(encoding="utf-8"))
        label = next(iter(produced["labels"]))
        outputs = {k: v["outputs"][label] for k, v in produced["posts"].items() if label in v["outputs"]}
    else:
        outputs = produce([(p.key, str(p.path)) for p in posts], cards=True)
        if ns.save:
            ns.save.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    words = {p.key: prose_words(p.path) for p in posts if p.register.startswith("written")}
    t = tally(posts, outputs, words, load_judgments(JUDGMENTS)["card"])
    markdown = report_markdown(t, [a for a in (["--outputs", str(ns.outputs)] if ns.outputs else [])])
    print(markdown)
    publish(SECTION, markdown, ns.output, write=not ns.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
