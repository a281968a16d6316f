"""How cleanly the readers turn real pages into prose: the floors of the site-reading issue.

For every post of ../shared/seeds, ../shared/corpus-dev and the project's fixture posts, every prose
sentence (any kind but ``code`` and ``table``) is checked for what must never reach prose: markup,
a heading anchor, a shell prompt, manifest keys, a speaker label or a non-speech tag. Mixed-script
sentences (hanzi and Latin words, over 20 characters) are listed with their language tag, so a reader
can audit them; ``--show`` prints them.

    python benchmarks/reading.py [--show] [--no-write]
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, command_line, markdown_table, write_section  # noqa: E402

SHARED = ROOT.parent / "shared"
SOURCES = {
    "seeds": SHARED / "seeds",
    "corpus-dev": SHARED / "corpus-dev",
    "fixtures": ROOT / "tests" / "fixtures" / "posts",
    "sites": ROOT / "tests" / "fixtures" / "sites",
}
SUFFIXES = (".md", ".txt", ".srt", ".vtt")

#: What must never be read as prose, by kind. Each pattern is deliberately narrow: it names the
#: artefact, so a hit is a reading bug, not a judgement call.
CONTAMINATION = {
    "markup": re.compile(r"\{\{[<%]|[<%]\}\}|\]\(|!\[|</?(?:div|span|p|a|img|br|iframe|svg|code|pre)\b|\*\*|(?<!\w)__\w|\[\^\d|^#{1,6}\s"),
    "heading anchor": re.compile(r"\{\s*[#:.][\w-]"),
    "shell prompt": re.compile(r"(?:^|\s)[$#]\s+(?:kubectl|istioctl|helm|curl|docker|cat|export|git|go|make|sudo|echo|kind|apt|pip|npm|wget|cd|ls)\b"),
    "manifest keys": re.compile(r"\bapiVersion:\s*\S|\bkind:\s*[A-Z]\w+\s+metadata:|\bmetadata:\s*name:"),
    "speaker label": re.compile(r"^\s*(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}|Q|A)\s*:\s"),
    "non-speech tag": re.compile(r"\[(?:[A-Z][A-Z ,'-]{3,}|(?i:music|laughter|laughs|applause|inaudible|crosstalk|chuckling)[^\]]*)\]|\((?i:laughs|laughter|applause|music|inaudible)\)"),
}
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")


def posts() -> list[tuple[str, Path]]:
    found = []
    for name, root in SOURCES.items():
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and path.name not in ("README.md", "SOURCES.md"):
                found.append((f"{name}/{path.relative_to(root)}", path))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="print every mixed-script sentence with its tag")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    args = ap.parse_args(argv)
    from summarize.pipeline import load

    hits: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    prose = 0
    mixed: list[tuple[str, str, str]] = []
    for key, path in posts():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = load(path)
        for s in doc.sentences:
            if s.kind in ("code", "table"):
                continue
            prose += 1
            for what, pattern in CONTAMINATION.items():
                if pattern.search(s.text):
                    hits[what] += 1
                    examples.setdefault(what, []).append(f"{key}:{s.line}: {s.text[:120]}")
            if len(s.text) > 20 and _CJK_RE.search(s.text) and _LATIN_WORD_RE.search(s.text):
                mixed.append((key, s.lang, s.text))
    total = sum(hits.values())
    rows = [(what, hits[what]) for what in CONTAMINATION]
    rows.append(("**all**", total))
    table = markdown_table(("what reached prose", "sentences"), rows)
    per_thousand = 1000 * total / max(prose, 1)
    langs = Counter(lang for _, lang, _ in mixed)
    print(table)
    print(f"\n{prose} prose sentences in {len(posts())} posts; {total} contaminated ({per_thousand:.2f} per 1,000)")
    print(f"mixed-script sentences over 20 characters: {len(mixed)} ({langs['zh']} zh, {langs['en']} en)")
    for what, lines in examples.items():
        print(f"\n{what}:")
        for line in lines[:12]:
            print("  " + line)
    if args.show:
        for key, lang, text in mixed:
            print(f"{lang}\t{key}\t{text[:160]}")
    if not args.no_write:
        body = (
            f"`{command_line('reading.py', argv or [])}`\n\n"
            f"Every prose sentence (any kind but code and table) of {len(posts())} posts (../shared/seeds, "
            "../shared/corpus-dev, tests/fixtures/posts, tests/fixtures/sites), checked for what must never reach "
            f"prose. {prose} prose sentences; {total} contaminated: **{per_thousand:.2f} per 1,000** "
            "(floor: at most 1).\n\n" + table + "\n\n"
            f"Mixed-script sentences (hanzi and Latin words, over 20 characters): {len(mixed)}, tagged "
            f"{langs['zh']} zh and {langs['en']} en; `--show` lists them for an audit.\n"
        )
        write_section("Reading real pages", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
