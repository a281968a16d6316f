"""Dump what ``summarize`` prints for a fixed set of inputs, so a speed change can be shown to change nothing.

Each input goes through two fresh processes, ``summarize --format json FILE`` and
``summarize quiz --format json FILE``, exactly as a user runs them; stdout, stderr and the exit
code land in one file per input and command under OUT. Run it before and after a change and
compare the folders::

    python tools/dump_outputs.py /tmp/before            # on the old code
    python tools/dump_outputs.py /tmp/after             # on the new code
    diff -r /tmp/before /tmp/after && echo identical

Inputs (default): the shared seeds (``../shared/seeds``, skipped when absent), ``corpora/`` and
``tests/fixtures/posts``. The ``source`` field holds the path as given, which is the same in
both runs because paths are given relative to the repository root.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = ("../shared/seeds", "corpora", "tests/fixtures/posts")
COMMANDS = {"summary": ["--format", "json"], "quiz": ["quiz", "--format", "json"]}


def inputs(folders: Sequence[str]) -> list[str]:
    """Every visible file under the given folders (relative to the repository root), sorted."""
    found = []
    for folder in folders:
        base = ROOT / folder
        if base.is_dir():
            found += [str(Path(folder) / p.relative_to(base)) for p in base.rglob("*")
                      if p.is_file() and not p.name.startswith(".")]
    return sorted(set(found))


def dump_one(path: str, command: str, out: Path) -> str:
    argv = [sys.executable, "-m", "summarize", *COMMANDS[command], path]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    name = path.replace("/", "__").replace("..", "up")
    (out / f"{name}.{command}.txt").write_text(
        f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}", encoding="utf-8")
    return f"{command:7} exit {done.returncode}  {path}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the dumps to (created)")
    parser.add_argument("--inputs", nargs="+", default=list(DEFAULT_INPUTS),
                        help="folders of inputs, relative to the repository root")
    parser.add_argument("--jobs", type=int, default=2, help="processes at a time (default 2)")
    ns = parser.parse_args(argv)
    ns.out.mkdir(parents=True, exist_ok=True)
    jobs = [(path, command) for path in inputs(ns.inputs) for command in COMMANDS]
    with ThreadPoolExecutor(ns.jobs) as pool:
        for line in pool.map(lambda job: dump_one(*job, ns.out), jobs):
            print(line)
    print(f"{len(jobs)} dumps in {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
