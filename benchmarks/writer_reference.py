"""Printed takeaways against the takeaways the fresh pages' own writers listed.

Each batch of fresh pages (`tests/fixtures/unseen*/`, written by sessions that never saw the program) has a
README whose section per page ends with the key takeaways its writer would publish, written before any program
output. That is a reference in our own register (podcasts, interviews, captions, blogs; English and Chinese),
which the meeting sets of `benchmarks/rouge.py` are not, and it costs no judge: a cheap screen for a change
before blind judging, never a substitute for it (ROUGE cannot see a dangling "This"). Scores are ROUGE-1/2/Lsum
F1 as `benchmarks/rouge.py` computes them (Google `rouge-score`), the printed lines against the writer's lines.

    python benchmarks/writer_reference.py [--min-confidence P] [--no-write]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Rouge, code_version, command_line, machine_facts, markdown_table, write_section  # noqa: E402

SECTION = "writer-reference"
_SECTION_RE = re.compile(r"^##\s+`?([^`\s]+\.[A-Za-z0-9.]+)`?\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+(.+)$")


def writer_takeaways(readme: str) -> dict[str, list[str]]:
    """File name → the bullet lines of its README section (a section starts at ``## <file name>``; bullets that
    wrap onto indented lines are joined)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in readme.splitlines():
        heading = _SECTION_RE.match(line)
        if heading:
            current = found.setdefault(heading.group(1), [])
            continue
        if line.startswith("#"):
            current = None
            continue
        if current is None:
            continue
        bullet = _BULLET_RE.match(line)
        if bullet:
            current.append(bullet.group(1).strip())
        elif current and line.startswith(("  ", "\t")) and line.strip():
            current[-1] += " " + line.strip()
    return {name: lines for name, lines in found.items() if lines}


def fresh_pages(fixtures: Path) -> list[tuple[str, Path, list[str]]]:
    """(batch folder, page, writer's takeaways) for every fresh page with a README section."""
    pages = []
    for folder in sorted(p for p in fixtures.iterdir() if p.is_dir() and p.name.startswith("unseen")):
        readme = folder / "README.md"
        if not readme.exists():
            continue
        for name, lines in sorted(writer_takeaways(readme.read_text(encoding="utf-8")).items()):
            if (folder / name).exists():
                pages.append((folder.name, folder / name, lines))
    return pages


def score_pages(pages: Iterable[tuple[str, Path, list[str]]], min_confidence: float | None
                ) -> list[dict[str, object]]:
    import warnings

    import summarize

    from rouge_score import rouge_scorer

    from _common import ChineseCharTokenizer

    rouge = Rouge()
    unigram = {"en": rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True),
               "zh": rouge_scorer.RougeScorer(["rouge1"], tokenizer=ChineseCharTokenizer())}
    rows = []
    for batch, path, reference in pages:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kwargs = {} if min_confidence is None else {"min_confidence": min_confidence}
            summary = summarize.summarize(str(path), **kwargs)
        printed = [t.text for t in summary.takeaways]
        scores = rouge.score("\n".join(reference), printed, summary.lang) if printed else dict.fromkeys(Rouge.METRICS, 0.0)
        # Precision first: how much of each printed line is in one of the writer's lines (its best match), so that
        # printing fewer lines is not scored as missing the writer's other points.
        scorer = unigram["zh" if summary.lang == "zh" else "en"]
        matched = [max(scorer.score(ref, line)["rouge1"].precision for ref in reference) for line in printed]
        rows.append({"batch": batch, "page": path.name, "lang": summary.lang, "lines": len(printed),
                     "line_precision": 100.0 * sum(matched) / len(matched) if matched else 0.0, **scores})
    return rows


def table(rows: Sequence[Mapping[str, object]]) -> str:
    groups: dict[str, list[Mapping[str, object]]] = defaultdict(list)
    for row in rows:
        groups[str(row["batch"])].append(row)
        groups[f"all {row['lang']}"].append(row)
        groups["all"].append(row)

    def mean(items: Sequence[Mapping[str, object]], key: str) -> str:
        return f"{sum(float(i[key]) for i in items) / len(items):.2f}"  # type: ignore[arg-type]

    body = [[name, len(items), mean(items, "lines"), mean(items, "line_precision"), mean(items, "rouge1"),
             mean(items, "rouge2"), mean(items, "rougeLsum")]
            for name, items in sorted(groups.items(), key=lambda kv: (kv[0].startswith("all"), kv[0]))]
    return markdown_table(["pages", "n", "lines/page", "line precision", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum"], body,
                          "lrrrrrr")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-confidence", type=float, help="as summarize's (0: every line the gate leaves out too)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    ns = ap.parse_args(argv)
    started = time.perf_counter()
    pages = fresh_pages(ROOT / "tests" / "fixtures")
    rows = score_pages(pages, ns.min_confidence)
    markdown = "\n".join([
        "## Printed takeaways against the fresh pages' writers",
        "",
        f"Reproduce: `{command_line('writer_reference.py', list(argv if argv is not None else sys.argv[1:]))}`.",
        "",
        "The writers of the fresh pages (`tests/fixtures/unseen*/`) listed the takeaways they would publish in each batch's "
        "README before any program output: a reference in the tool's own registers. ROUGE F1 ×100 of the printed lines "
        "against those lines (Google `rouge-score`, as in the ROUGE section: English Porter-stemmed, Chinese by "
        "character), mean over pages; *line precision* = for each printed line, the unigram precision against the "
        "writer's line it matches best, averaged (ROUGE F1 also counts the writer's points a page does not print, so "
        "printing fewer, surer lines lowers it). A screen for changes before blind judging, not a verdict: it cannot "
        "see a dangling pronoun or a garbled line.",
        "",
        table(rows),
        "",
        f"Code: {code_version()}. {machine_facts()}; {time.perf_counter() - started:.0f} s.",
    ])
    print(markdown)
    if not ns.no_write:
        path = write_section(SECTION, markdown)
        print(f"writer_reference.py: wrote section {SECTION!r} of {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
