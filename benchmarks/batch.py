"""Does parallelism pay? `summarize digest` with --jobs 1, 2, 8 and the default, cold, quiet and beside a CPU hog.

Why this exists: issue 14 asks that on 2 cores, 48 posts cold, `--jobs 2` be at least 1.7x faster
than `--jobs 1`; that `--jobs 8` be no slower than `--jobs 2`; and that the default (`--jobs auto`)
be never slower than serial at any batch size, also with a CPU-bound process running beside it.
Every figure is a ratio of runs made in the same invocation, so a busy machine shows in the
absolute seconds but less in the ratios. The runs compared are made back to back, in alternating
order from one repeat to the next, and a floor is judged on the median of the per-repeat ratios,
so a slow phase of a shared machine lands on both sides of a comparison instead of on one. Each row
also shows the CPU seconds of the command and of everything else on the machine while it ran.

Usage (from the repository root)::

    python benchmarks/batch.py                          # writes the `batch` section of docs/BENCHMARKS.md
    python benchmarks/batch.py --repeat 1 --no-write    # a quick look

The 48 posts: the blog posts and transcripts of ../shared/corpus-dev (real Hugo/Hexo posts, read in
place through a temporary copy), the posts in corpora/, then evaluation documents from ../shared/eval
to make up the number (the fixed sample of benchmarks/_common.py). Nothing is copied into the
repository. Each run is the whole command in a fresh process (``python -m summarize digest DIR
--format json -o OUT --no-cache --no-progress [--jobs N]``), so times include interpreter start-up
and loading NLTK and jieba; "cold" means no result cache (jieba's own dictionary cache stays warm, and
the package is compiled to bytecode, as an installed one is: see ``snapshot_package``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (ROOT, code_version, command_line, machine_facts, markdown_table, read_jsonl, sample_records,
                     write_section)

SECTION = "batch"
DEFAULT_EVAL = Path("../shared/eval")
DEFAULT_CORPUS = Path("../shared/corpus-dev")
POSTS = 48
SIZES = (1, 2, 4, 8, 16, 48)
#: Batches smaller than this run twice per repeat.
SHORT = 8
#: Evaluation sets that fill the corpus up to POSTS documents, in this order.
FILL = ("cnndm/dev.jsonl", "dialogsum/dev.jsonl", "vcsum/segment_dev.jsonl", "vtssum/video_dev.jsonl")
_STATS_RE = re.compile(r"digest of (\d+) posts \((\d+) from the cache, (\d+) processed, (\d+) failed\)")
_SUFFIXES = (".md", ".markdown", ".txt", ".srt", ".vtt")
_NOT_POSTS = ("readme", "sources", "_index")


@dataclass
class Row:
    label: str
    posts: int
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)
    """CPU seconds the rest of the machine used during each run (other sessions, the hog)."""
    workers: list[int] = field(default_factory=list)
    """Worker processes seen under each run's command (0: it worked in its own process)."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def paired_ratio(slow: Row, fast: Row) -> float:
    """The median over repeats of slow ÷ fast seconds, each pair run back to back in one repeat."""
    return statistics.median(a / b for a, b in zip(slow.seconds, fast.seconds, strict=True))


def build_corpus(corpus_dir: Path, eval_dir: Path, dest: Path, n: int = POSTS) -> dict[str, int]:
    """Write ``n`` posts as 001-NAME files under ``dest`` (a flat folder); returns how many came from where."""
    dest.mkdir(parents=True)
    sources: list[tuple[str, str, bytes]] = []
    if corpus_dir.is_dir():
        for path in sorted(corpus_dir.rglob("*")):
            if path.is_file() and path.suffix in _SUFFIXES and path.name.split(".")[0].lower() not in _NOT_POSTS:
                sources.append(("corpus-dev", path.name, path.read_bytes()))
    for path in sorted((ROOT / "corpora").iterdir()):
        if path.is_file() and path.suffix in _SUFFIXES and path.name.split(".")[0].lower() not in _NOT_POSTS:
            sources.append(("corpora/", path.name, path.read_bytes()))
    for rel in FILL:
        if len(sources) >= n or not (eval_dir / rel).exists():
            continue
        for record in sample_records(read_jsonl(eval_dir / rel), n - len(sources), rel):
            name = re.sub(r"[^\w.-]+", "_", str(record["id"]))[:60] + ".txt"
            sources.append((rel, name, record["text"].encode("utf-8")))
    counts: dict[str, int] = {}
    for i, (origin, name, data) in enumerate(sources[:n]):
        (dest / f"{i:03d}-{name}").write_bytes(data)
        counts[origin] = counts.get(origin, 0) + 1
    return counts


def subset(corpus: Path, dest: Path, size: int) -> Path:
    """The first ``size`` posts of ``corpus`` (by name) in a folder of their own."""
    dest.mkdir(parents=True)
    for path in sorted(corpus.iterdir())[:size]:
        shutil.copyfile(path, dest / path.name)
    return dest


def snapshot_package(dest: Path) -> dict[str, str]:
    """Copy src/summarize once: edits to the working tree during a run cannot change it.

    The copy is compiled to bytecode, as ``pip install`` compiles an installed package (and Python caches it
    after a first run). Without that, and with ``PYTHONDONTWRITEBYTECODE`` set (as on the machine these figures
    come from), every run compiled the package from source first: about 0.1 s of CPU for the 51 modules a
    digest imports, all in the parent before any worker starts, which no user of an installed package pays."""
    shutil.copytree(ROOT / "src" / "summarize", dest / "summarize", ignore=shutil.ignore_patterns("__pycache__"))
    if not compileall.compile_dir(dest / "summarize", quiet=1):
        raise RuntimeError(f"cannot compile the snapshot of summarize in {dest}")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(dest), os.environ.get("PYTHONPATH")]))}


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # not on Unix
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine_busy() -> float:
    """CPU seconds the whole machine has spent not idle so far (/proc/stat; NaN elsewhere)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [float(x) for x in fh.readline().split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> int:
    """How many child processes ``pid`` has now (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return len(fh.read().split())
    except OSError:
        return 0


@dataclass
class Run:
    seconds: float
    cpu: float
    others: float
    workers: int
    output: bytes


def run_digest(folder: Path, out: Path, jobs: str | None, env: dict[str, str]) -> Run:
    """Wall and CPU seconds of one `summarize digest` process (and its workers), the CPU seconds everything
    else on the machine used meanwhile, the most worker processes it had at once (polled), and its output."""
    argv = [sys.executable, "-m", "summarize", "digest", str(folder), "--format", "json", "-o", str(out),
            "--no-cache", "--no-progress"] + (["--jobs", jobs] if jobs else [])
    cpu, busy, start = _children_cpu(), _machine_busy(), time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
        workers = 0
        while proc.poll() is None:
            workers = max(workers, _children(proc.pid))
            time.sleep(0.02)
        seconds, cpu, busy = time.perf_counter() - start, _children_cpu() - cpu, _machine_busy() - busy
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0 or not _STATS_RE.search(stderr):
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {stderr.strip()[-500:]}")
    return Run(seconds, cpu, max(0.0, busy - cpu), workers, out.read_bytes())


def hog() -> subprocess.Popen[bytes]:
    """A CPU-bound process beside the runs (one core's worth, as another user's job would be)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def measure(corpus: Path, work: Path, repeat: int, quiet: bool) -> tuple[dict[str, Row], bool]:
    env = snapshot_package(work / "src")
    rows: dict[str, Row] = {}
    reference: dict[int, bytes] = {}
    identical = True
    folders = {size: subset(corpus, work / f"n{size}", size) for size in SIZES}

    def run(key: str, label: str, size: int, jobs: str | None) -> None:
        nonlocal identical
        done = run_digest(folders[size], work / "out.json", jobs, env)
        row = rows.setdefault(key, Row(label, size))
        row.seconds.append(done.seconds)
        row.cpu.append(done.cpu)
        row.others.append(done.others)
        row.workers.append(done.workers)
        identical = identical and reference.setdefault(size, done.output) == done.output
        if not quiet:
            print(f"{label}: {done.seconds:.2f} s, {done.workers} workers (CPU {done.cpu:.2f} s; the rest of the "
                  f"machine {done.others:.2f} s; load {_load()})", flush=True)

    def group(r: int, prefix: str, what: str, size: int, configs: Sequence[str | None]) -> None:
        """The configurations back to back, in the opposite order every other repeat (ABBA)."""
        for jobs in configs if r % 2 == 0 else configs[::-1]:
            run(f"{prefix}{size}/{jobs or 'auto'}", f"{size} posts{what}, "
                + (f"--jobs {jobs}" if jobs else "default"), size, jobs)

    for r in range(repeat):
        group(r, "", "", POSTS, ("1", "2", "8", None))
        for size in SIZES:
            if size != POSTS:
                group(r, "", "", size, ("1", None))
                if size < SHORT:  # a second pair, in the other order: a run of a second or two is noisier
                    group(r + 1, "", "", size, ("1", None))
        busy = hog()
        try:
            time.sleep(1.0)  # let the hog show in the CPU counters
            # Two pairs of the default and serial per repeat, in both orders (ABBA): beside the hog the default
            # takes the serial path, so this floor compares a command with itself and only more pairs narrow it.
            group(r, "hog ", " beside a CPU hog", 8, ("1", None))
            group(r + 1, "hog ", " beside a CPU hog", 8, ("1", None))
            group(r, "hog ", " beside a CPU hog", POSTS, ("1", None, "8"))
            group(r + 1, "hog ", " beside a CPU hog", POSTS, ("1", None, "8"))
        finally:
            busy.kill()
            busy.wait()
    return rows, identical


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def report(rows: dict[str, Row], counts: dict[str, int], argv: Sequence[str], repeat: int,
           load: tuple[float, float], identical: bool) -> str:
    def ratio(slow: str, fast: str) -> float:
        return paired_ratio(rows[slow], rows[fast])

    def spread(values: list[float]) -> str:
        return f"{min(values):.2f}–{max(values):.2f}" if len(values) > 1 else "—"

    def workers(row: Row) -> str:
        counts = sorted(set(row.workers))
        if len(counts) <= 1:
            return str(counts[0]) if counts else "—"
        return " or ".join(f"{n} ({row.workers.count(n)}×)" for n in counts)

    table = [[r.label, f"{r.median:.2f}", spread(r.seconds), f"{statistics.median(r.cpu):.2f}",
              f"{statistics.median(r.others):.2f}", workers(r)] for r in rows.values()]
    sizes = [f"{size}: ×{ratio(f'{size}/1', f'{size}/auto'):.2f}" for size in SIZES]
    floors = [
        (f"`--jobs 2` against `--jobs 1`, {POSTS} posts cold", ratio(f"{POSTS}/1", f"{POSTS}/2"), 1.7),
        ("`--jobs 8` against `--jobs 2` (≥ 1: no slower)", ratio(f"{POSTS}/2", f"{POSTS}/8"), 1.0),
        ("default against `--jobs 1`, smallest ratio over batch sizes", min(
            ratio(f"{size}/1", f"{size}/auto") for size in SIZES), 1.0),
        ("default against `--jobs 1` beside a CPU hog, smallest ratio", min(
            ratio(f"hog {size}/1", f"hog {size}/auto") for size in (8, POSTS)), 1.0),
        ("`--jobs 8` against `--jobs 1` beside a CPU hog (more workers than free cores: no slower)",
         ratio(f"hog {POSTS}/1", f"hog {POSTS}/8"), 1.0),
    ]
    sources = ", ".join(f"{n} from `{name}`" for name, n in counts.items())
    busy = load[0] > 0.5 or load[1] > 1.5
    warning = ([f"**The machine was busy (load average {load[0]:.1f} before, {load[1]:.1f} after, on "
                f"{os.cpu_count()} cores): other work took its share of every run, so these are not the "
                "quiet-machine figures the floors are about. Rerun on a quiet machine.**", ""] if busy else [])
    return "\n".join([
        "## Batch digest: does parallelism pay?",
        "",
        f"Reproduce: `{command_line('batch.py', argv)}`.",
        "",
        *warning,
        f"{sum(counts.values())} posts: {sources}. Each row is the whole `summarize digest DIR --format json -o OUT "
        "--no-cache --no-progress [--jobs N]` process (interpreter start, loading NLTK and jieba once in the parent "
        "before workers fork, summarizing, writing; the package compiled to bytecode beforehand, as installed); "
        f"median of {repeat} run(s), {2 * repeat} for batches under {SHORT} posts and beside the hog. Smaller "
        "batches are the first N posts by name. CPU s is user + system time of the command and its workers; "
        "others' CPU s is what the rest of the machine used meanwhile (other sessions; the hog, about one core, "
        "in its rows); workers is how many worker processes the command had at once (0: it worked in its own "
        "process), with how many runs when the runs differed.",
        "",
        markdown_table(["run", "seconds", "range", "CPU s", "others' CPU s", "workers"], table,
                       align="lrrrrr").rstrip(),
        "",
        markdown_table(["floor", "ratio", "target", "met"],
                       [[name, f"×{value:.2f}", f"≥ {target}", "yes" if value >= target * 0.97 else "**no**"]
                        for name, value, target in floors], align="lrrl").rstrip(),
        "",
        "- A ratio is the median over repeats of (seconds of the slower-expected run ÷ seconds of the other), the "
        "two run back to back in one repeat, in alternating order; the first four floors are issue 14's, the last "
        "checks that `--jobs N` above the free cores costs no more than the free-cores count.",
        f"- Default against `--jobs 1` by batch size (≥ 1 is no slower): {', '.join(sizes)}.",
        "- Within 3% counts as met: the spread of repeated runs on this machine is larger than that.",
        f"- Output identical across `--jobs` values for each batch size: {'yes' if identical else '**no**'}.",
        f"- {machine_facts()}; {code_version()}; load average {load[0]:.2f} before, {load[1]:.2f} after. Other "
        "sessions shared this machine unless the load average before was near 0, so absolute times vary; the "
        "ratios compare runs made seconds apart.",
    ]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS, help="../shared/corpus-dev (optional)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL, help="../shared/eval (optional)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per configuration (default 5, median shown)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--output", type=Path, default=None, help="the Markdown file (default docs/BENCHMARKS.md)")
    parser.add_argument("--quiet", action="store_true")
    ns = parser.parse_args(args)
    if not ns.corpus_dir.is_dir() and not ns.eval_dir.is_dir():
        print(f"batch benchmark skipped: neither {ns.corpus_dir} nor {ns.eval_dir} is available (they are optional)")
        return 0
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory(prefix="summarize-batch-") as tmp:
        work = Path(tmp)
        counts = build_corpus(ns.corpus_dir, ns.eval_dir, work / "posts")
        if sum(counts.values()) < POSTS:
            print(f"batch benchmark skipped: only {sum(counts.values())} posts available, {POSTS} needed")
            return 0
        rows, identical = measure(work / "posts", work, ns.repeat, ns.quiet)
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    section = report(rows, counts, args, ns.repeat, (load_before, load_after), identical)
    if ns.no_write:
        print(section)
    else:
        path = write_section(SECTION, section, ns.output)
        print(f"wrote the {SECTION!r} section of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
