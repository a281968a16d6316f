"""Fewer, surer takeaways: what the default ``min_confidence`` costs and gains, measured on judged verdicts.

``summarize`` prints a post's best takeaway and, past it, only those the keep model
(``summarize.score.keep``) gives at least ``MIN_KEEP_PROBABILITY``. This script takes the takeaways each post
of the judged set (``benchmarks/judged_set.tsv``) prints with every bound in a sweep (0 = print all N), looks
each line up in ``benchmarks/judgments/`` and reports, per register, the keep-rate, the lines per post and how
many printed lines have no verdict yet. "held out" are the posts whose verdicts the keep model was not fitted
on (licences outside ``judged.FIT_LICENCES``); "fresh" the pages written after the rules by a session that never
saw the program: the honest estimates of what the bound does on unseen pages.

Usage::

    python benchmarks/confidence_gate.py [--bounds 0 0.35 0.45 0.55] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import judged  # noqa: E402
from _common import command_line, markdown_table, write_section  # noqa: E402

SECTION = "confidence-gate"


def printed(posts: Sequence[judged.Post], bound: float) -> dict[str, list[str]]:
    """Each post's takeaway texts with ``min_confidence=bound``."""
    import summarize

    out: dict[str, list[str]] = {}
    for post in posts:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out[post.key] = [t.text for t in summarize.summarize(post.path, min_confidence=bound).takeaways]
            except summarize.SummarizeError:
                out[post.key] = []
    return out


def tally(posts: Sequence[judged.Post], texts: dict[str, list[str]], verdicts: dict) -> dict[str, Counter]:
    """Per group (each register, "held out", "all"): kept, dropped, unjudged lines and posts."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for post in posts:
        names = [post.register, "all"] + (["held out"] if post.licence not in judged.FIT_LICENCES else []) \
            + (["fresh"] if post.key.startswith(tuple(judged.FRESH)) else [])
        for name in names:
            groups[name]["posts"] += 1
        for text in texts[post.key]:
            v = verdicts.get((post.key, judged.normalise(text)))
            outcome = "unjudged" if v is None else v["verdict"]
            for name in names:
                groups[name][outcome] += 1
    return groups


def cell(c: Counter) -> str:
    judged_lines = c["kept"] + c["dropped"]
    rate = f"{c['kept'] / judged_lines:.2f}" if judged_lines else "–"
    per_post = (c["kept"] + c["dropped"] + c["unjudged"]) / max(1, c["posts"])
    extra = f", {c['unjudged']} unjudged" if c["unjudged"] else ""
    return f"{rate} ({c['kept']}/{judged_lines}; {per_post:.1f}/post{extra})"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bounds", type=float, nargs="+", default=[0.0, 0.35, 0.45, 0.55])
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    ns = ap.parse_args(argv)
    from summarize.score.keep import MIN_KEEP_PROBABILITY

    posts = judged.read_set()
    verdicts = judged.load_judgments()["takeaway"]
    names = [*judged.REGISTERS, "held out", "fresh", "all"]
    rows = []
    for bound in ns.bounds:
        groups = tally(posts, printed(posts, bound), verdicts)
        label = f"{bound:g}" + (" (default)" if abs(bound - MIN_KEEP_PROBABILITY) < 1e-9 else "")
        rows.append([label, *(cell(groups[n]) for n in names)])
        print(label, " | ".join(f"{n}: {cell(groups[n])}" for n in names), flush=True)
    body = "\n".join([
        "## Fewer, surer takeaways",
        "",
        f"```sh\n{command_line('confidence_gate.py', list(argv) if argv is not None else sys.argv[1:])}\n```",
        "",
        f"Code: {judged.revision_here()}. Past a post's best takeaway, `summarize` prints only those the keep "
        f"model gives at least the bound (default {MIN_KEEP_PROBABILITY:g}; `--min-confidence 0` prints all N). "
        "Keep-rate = kept ÷ judged printed lines, by the verdicts in `benchmarks/judgments/`; lines per post; "
        "\"held out\" = posts whose verdicts the keep model was not fitted on; \"fresh\" = pages written after "
        f"these rules by a session that never saw the program "
        f"({', '.join(f'`tests/{folder}`' for folder in judged.FRESH)}).",
        "",
        markdown_table(["bound", *names], rows),
        "",
    ])
    if not ns.no_write:
        write_section(SECTION, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
