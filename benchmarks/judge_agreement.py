"""How far two blind judges agree on the same takeaways: the ceiling any keep-rate measurement can resolve.

A second judge, who saw neither the first verdict nor the code, judges a random sample of lines that already
have a verdict (``benchmarks/judgments/second_opinions.jsonl``, same record shape as ``takeaways.jsonl``). This
prints raw agreement and Cohen's kappa, overall and per register, and writes the "Judge agreement" section of
``docs/BENCHMARKS.md``.

    python benchmarks/judge_agreement.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judged  # noqa: E402
from _common import write_section  # noqa: E402

SECOND = judged.JUDGMENTS / "second_opinions.jsonl"
REGISTERS = ("written-en", "written-zh", "interview", "asr")


def pairs(first: Mapping[tuple[str, str], Mapping[str, object]], second: Iterable[Mapping[str, object]]
          ) -> list[tuple[str, bool, bool]]:
    """(post, first kept, second kept) for every second opinion whose line has a first verdict."""
    out = []
    for record in second:
        original = first.get((str(record["post"]), str(record["text"])))
        if original is not None:
            out.append((str(record["post"]), original["verdict"] == "kept", record["verdict"] == "kept"))
    return out


def kappa(rows: list[tuple[str, bool, bool]]) -> tuple[float, float]:
    """Raw agreement and Cohen's kappa of the two judges' kept/dropped."""
    n = len(rows)
    if not n:
        return float("nan"), float("nan")
    observed = sum(a == b for _, a, b in rows) / n
    first_kept = sum(a for _, a, _ in rows) / n
    second_kept = sum(b for _, _, b in rows) / n
    expected = first_kept * second_kept + (1 - first_kept) * (1 - second_kept)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else float("nan")


def section(rows: list[tuple[str, bool, bool]], register_of: Mapping[str, str]) -> str:
    observed, k = kappa(rows)
    lines = [
        "Reproduce: `python benchmarks/judge_agreement.py`.",
        "",
        f"A second blind judge re-judged {len(rows)} takeaways that already had a verdict (a random sample of the "
        "current outputs, stratified by register; `benchmarks/judgments/second_opinions.jsonl`). Agreement bounds "
        "what the keep-rates can resolve: a change smaller than the disagreement on a few dozen lines is noise.",
        "",
        "| register | lines | agree | Cohen's kappa | kept (first judge) | kept (second judge) |",
        "|:--|--:|--:|--:|--:|--:|",
    ]
    for register in (*REGISTERS, "all"):
        part = [r for r in rows if register == "all" or register_of.get(r[0]) == register]
        if not part:
            continue
        o, kp = kappa(part)
        lines.append(f"| {register} | {len(part)} | {o:.2f} | {kp:.2f} | {sum(a for _, a, _ in part)} | "
                     f"{sum(b for _, _, b in part)} |")
    flips = Counter((a, b) for _, a, b in rows if a != b)
    lines += ["", f"Overall {observed:.2f} agreement, kappa {k:.2f}; of the disagreements, {flips[(True, False)]} "
                  f"lines the first judge kept were dropped by the second and {flips[(False, True)]} the other way."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ns = parser.parse_args(argv)
    if not SECOND.exists():
        print(f"judge_agreement.py: no second opinions at {SECOND}", file=sys.stderr)
        return 1
    second = [json.loads(line) for line in SECOND.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = pairs(judged.load_judgments()["takeaway"], second)
    register_of = {post.key: post.register for post in judged.read_set()}
    text = section(rows, register_of)
    print(text)
    if not ns.no_write:
        write_section("judge-agreement", "## Judge agreement\n\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
