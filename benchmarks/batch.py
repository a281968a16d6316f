"""Throughput of `summarize digest` over a folder of 500+ posts: serial vs --jobs 2, cold vs warm cache.

Why this exists: issue 5 asks that a digest over thousands of files be fast and repeatable,
and that a rebuild after one post changes redo only that post.

Usage (from the repository root)::

    python benchmarks/batch.py --eval-dir ../shared/eval            # writes the `batch` section
    python benchmarks/batch.py --eval-dir ../shared/eval --repeat 1 --no-write

The corpus is built in a temporary folder (nothing from ../shared is copied into the
repository): every file in corpora/, plus fixed samples of evaluation documents written as
.txt files. Each configuration runs the real command in a fresh process
(``python -m summarize digest DIR --format json -o OUT --cache-dir CACHE``), so times include
interpreter start-up and each worker's one-off loading of NLTK and jieba.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    ROOT,
    command_line,
    machine_facts,
    markdown_table,
    read_jsonl,
    sample_records,
    write_section,
)

SECTION = "batch"
DEFAULT_EVAL = Path("../shared/eval")
#: (set file, documents drawn): news, dialogues, Chinese meeting segments, lecture transcripts, Weibo posts.
SETS = (
    ("cnndm/dev.jsonl", 125),
    ("dialogsum/dev.jsonl", 150),
    ("vcsum/segment_dev.jsonl", 135),
    ("vtssum/video_dev.jsonl", 60),
    ("lcsts/dev.jsonl", 60),
)
#: The post edited before each rebuild run.
REBUILT = "istio-lin-sun-kubecon-chicago-2023.md"
_STATS_RE = re.compile(r"digest of (\d+) posts \((\d+) from the cache, (\d+) processed, (\d+) failed\)")


@dataclass
class Run:
    label: str
    jobs: int
    cache: str
    seconds: list[float]
    cpu: list[float]
    processed: int
    cached: int
    identical: bool


def build_corpus(eval_dir: Path, dest: Path) -> dict[str, int]:
    """Write the benchmark posts under ``dest``; returns how many came from each source."""
    counts: dict[str, int] = {}
    corpora = dest / "corpora"
    corpora.mkdir(parents=True)
    for path in sorted((ROOT / "corpora").iterdir()):
        if path.is_file():
            shutil.copyfile(path, corpora / path.name)
            counts["corpora/"] = counts.get("corpora/", 0) + 1
    for rel, n in SETS:
        source = eval_dir / rel
        if not source.exists():
            continue
        folder = dest / rel.split("/")[0]
        folder.mkdir(exist_ok=True)
        for record in sample_records(read_jsonl(source), n, rel):
            name = re.sub(r"[^\w.-]+", "_", str(record["id"]))[:80] or "doc"
            (folder / f"{name}.txt").write_text(record["text"], encoding="utf-8")
        counts[rel] = min(n, len(list(folder.iterdir())))
    return counts


def snapshot_package(dest: Path) -> dict[str, str]:
    """Copy src/summarize once and return the environment that runs it.

    Edits to the working tree during a run (the cache key includes a fingerprint of the
    package's files) would otherwise turn warm runs cold and change the output mid-benchmark.
    """
    shutil.copytree(ROOT / "src" / "summarize", dest / "summarize", ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(dest), os.environ.get("PYTHONPATH")]))}


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # not on Unix
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_digest(corpus: Path, out: Path, cache: Path, jobs: int, env: dict[str, str]
               ) -> tuple[float, float, tuple[int, int, int]]:
    """Wall and CPU time of one `summarize digest` process (with its workers), and its (posts, from cache,
    processed) counts."""
    argv = [sys.executable, "-m", "summarize", "digest", str(corpus), "--format", "json", "-o", str(out),
            "--jobs", str(jobs), "--cache-dir", str(cache), "--no-progress"]
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    m = _STATS_RE.search(done.stderr)
    if not m:
        raise RuntimeError(f"no statistics line in: {done.stderr.strip()[-500:]}")
    return seconds, cpu, (int(m.group(1)), int(m.group(2)), int(m.group(3)))


def measure(corpus: Path, work: Path, jobs: int, repeat: int, quiet: bool) -> tuple[list[Run], float]:
    """Cold and warm cache for serial and ``jobs`` workers, then a rebuild after one post changes."""
    env = snapshot_package(work / "src")
    cache = work / "cache"
    reference: bytes | None = None
    timings: dict[tuple[str, int], list[float]] = {}
    cpu_times: dict[tuple[str, int], list[float]] = {}
    counts: dict[tuple[str, int], tuple[int, int, int]] = {}
    same: dict[tuple[str, int], bool] = {}
    for r in range(repeat):
        for j in (1, jobs):
            shutil.rmtree(cache, ignore_errors=True)
            for state in ("cold", "warm"):
                out = work / f"out-{state}-{j}-{r}.json"
                seconds, cpu, stats = run_digest(corpus, out, cache, j, env)
                key = (state, j)
                timings.setdefault(key, []).append(seconds)
                cpu_times.setdefault(key, []).append(cpu)
                counts[key] = stats
                data = out.read_bytes()
                reference = reference if reference is not None else data
                same[key] = same.get(key, True) and data == reference
                if not quiet:
                    print(f"run {r + 1}/{repeat}: {state} cache, --jobs {j}: {seconds:.2f} s {stats}", flush=True)
    runs = [Run(f"{'serial' if j == 1 else f'--jobs {j}'}, {state} cache", j,
                "empty" if state == "cold" else "full", timings[(state, j)], cpu_times[(state, j)],
                counts[(state, j)][2],
                counts[(state, j)][1], same[(state, j)])
            for state in ("cold", "warm") for j in (1, jobs)]
    # A rebuild after one post changed: the default engine for `--jobs N` (one miss runs in-process).
    victim = corpus / "corpora" / REBUILT
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nOne more sentence was added to this post.\n",
                      encoding="utf-8")
    rebuild, rebuild_cpu = [], []
    for r in range(repeat):
        if r:  # make it a change again: a new sentence each time
            victim.write_text(victim.read_text(encoding="utf-8") + f"\nAnd another one, number {r}.\n",
                              encoding="utf-8")
        seconds, cpu, stats = run_digest(corpus, work / f"out-rebuild-{r}.json", cache, jobs, env)
        rebuild.append(seconds)
        rebuild_cpu.append(cpu)
        if not quiet:
            print(f"rebuild {r + 1}/{repeat} after editing {victim.name}: {seconds:.2f} s {stats}", flush=True)
    runs.append(Run(f"rebuild after editing 1 post (--jobs {jobs})", jobs, "all but 1", rebuild, rebuild_cpu,
                    stats[2], stats[1], True))
    return runs, sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6


def report(runs: Sequence[Run], counts: dict[str, int], megabytes: float, argv: Sequence[str], repeat: int,
           load: tuple[float, float]) -> str:
    total = sum(counts.values())
    rows = []
    for run in runs:
        med = statistics.median(run.seconds)
        spread = f"{min(run.seconds):.2f}–{max(run.seconds):.2f}" if len(run.seconds) > 1 else "—"
        rows.append([run.label, run.cache, f"{med:.2f}", spread, f"{total / med:.1f}",
                     f"{statistics.median(run.cpu):.2f}", run.processed, run.cached])
    by_label = {run.label: statistics.median(run.seconds) for run in runs}
    cold = [r for r in runs if r.cache == "empty"]
    speedup = by_label[cold[0].label] / by_label[cold[1].label] if len(cold) == 2 else float("nan")
    identical = all(r.identical for r in runs if r.cache in ("empty", "full"))
    sources = ", ".join(f"{n} from `{name}`" for name, n in counts.items())
    return "\n".join([
        "## Batch digest throughput",
        "",
        f"Reproduce: `{command_line('batch.py', argv)}`.",
        "",
        f"{total} posts ({megabytes:.1f} MB): {sources}; evaluation documents are drawn with the fixed sample "
        "of `benchmarks/_common.py` and written as `.txt` files in a temporary folder. Each row is the whole "
        "`summarize digest DIR --format json -o OUT --cache-dir CACHE --jobs N` process (interpreter start, "
        f"every worker's loading of NLTK and jieba, reading, summarizing, writing); median of {repeat} "
        "run(s), files/s = posts ÷ median seconds; CPU s = user + system time of the command and its "
        "workers (median), which other load on the machine does not inflate.",
        "",
        markdown_table(["run", "result cache", "seconds", "range", "files/s", "CPU s", "processed", "from cache"],
                       rows, align="llrrrrrr").rstrip(),
        "",
        f"- `--jobs 2` against serial, cold cache: ×{speedup:.2f}.",
        f"- Output of every cold and warm run byte-identical to the first: {'yes' if identical else '**no**'}.",
        "- The rebuild row edits one post before each run: only that post is processed, and as a single miss "
        "it runs in the command's own process (a worker pool for one post would cost more than it saves).",
        "- \"Cold\" means an empty result cache; jieba's dictionary cache in the user cache folder stays warm. "
        "The package is copied once before the first run, so edits to the working tree cannot change a run.",
        f"- {machine_facts()}; load average {load[0]:.2f} before, {load[1]:.2f} after (other jobs share "
        "this machine, so absolute times vary).",
    ]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL, help="../shared/eval (skipped when absent)")
    parser.add_argument("--jobs", type=int, default=2, help="workers of the parallel runs (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (default 3, median shown)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--output", type=Path, default=None, help="the Markdown file (default docs/BENCHMARKS.md)")
    parser.add_argument("--quiet", action="store_true")
    ns = parser.parse_args(args)
    if not ns.eval_dir.is_dir():
        print(f"batch benchmark skipped: {ns.eval_dir} is not available (it is optional)")
        return 0
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory(prefix="summarize-batch-") as tmp:
        work = Path(tmp)
        counts = build_corpus(ns.eval_dir, work / "posts")
        runs, megabytes = measure(work / "posts", work, ns.jobs, ns.repeat, ns.quiet)
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    section = report(runs, counts, megabytes, args, ns.repeat, (load_before, load_after))
    if ns.no_write:
        print(section)
    else:
        path = write_section(SECTION, section, ns.output)
        print(f"wrote the {SECTION!r} section of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
