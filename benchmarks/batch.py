"""Does parallelism pay? `summarize digest` with --jobs 1, 2, 8 and the default, cold, quiet and beside a CPU hog.

Why this exists: issue 14 asks that on 2 cores, 48 posts cold, `--jobs 2` be at least 1.7x faster
than `--jobs 1`; that `--jobs 8` be no slower than `--jobs 2`; and that the default (`--jobs auto`)
be never slower than serial at any batch size, also with a CPU-bound process running beside it.
Every figure is a ratio of runs made in the same invocation, so a busy machine shows in the
absolute seconds but less in the ratios. The runs compared are made back to back, in alternating
order from one repeat to the next, and a floor is judged on the median of the per-repeat ratios,
so a slow phase of a shared machine lands on both sides of a comparison instead of on one. Each row
also shows the CPU seconds of the command and of everything else on the machine while it ran.

On a shared machine that is not enough: another session's burst lands on one run of a pair, and the
floors compare parallel runs that need both cores with serial runs that need one. So a run during
which the rest of the machine (not this script, not the hog) used more than ``--disturbed-share`` of
one core on average is *disturbed*; a group of runs with a disturbed run is run again at once (at
most ``--retries`` times per repeat, within ``--retry-budget`` seconds in all), and each floor is
judged on the median of its undisturbed pairs, with at least ``MIN_PAIRS`` of them, else not judged.
A pair is kept or dropped only by what the rest of the machine did during it, never by its result;
the section shows how many pairs were dropped and the median over all of them beside it.

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
#: Batches smaller than this run :data:`SHORT_PAIRS` pairs per repeat, in alternating order.
SHORT = 8
#: Below the break-even (8 posts) the default runs the serial engine itself, so its floor compares a command
#: with itself (tests/batch/test_serial_path.py) and is judged on the smallest of three medians of a ratio whose
#: true value is 1: with two pairs a repeat (ten in all, a median's spread about ±4%) that smallest median fell
#: under 0.97 in three sessions running. Four pairs a repeat halve the noise of the median for ~40 s more.
SHORT_PAIRS = 4
#: Evaluation sets that fill the corpus up to POSTS documents, in this order.
FILL = ("cnndm/dev.jsonl", "dialogsum/dev.jsonl", "vcsum/segment_dev.jsonl", "vtssum/video_dev.jsonl")
#: A run is disturbed when the rest of the machine used more than this share of one core meanwhile, on
#: average (a quiet 2-core machine shows about 0.02: daemons, the shell). Serial runs leave a core idle
#: and barely notice such work; a run with two workers needs both cores and pays for all of it.
DISTURBED_SHARE = 0.1
#: Extra attempts of a disturbed group per repeat, and the seconds all retries may take in one invocation.
RETRIES = 2
RETRY_BUDGET = 600.0
#: A floor is judged on at least this many undisturbed pairs.
MIN_PAIRS = 3
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
    """CPU seconds the rest of the machine used during each run (other sessions, not this script or the hog)."""
    workers: list[int] = field(default_factory=list)
    """Worker processes seen under each run's command (0: it worked in its own process)."""
    attempts: list[int] = field(default_factory=list)
    """Which execution of its group each run belongs to: runs of one attempt ran back to back."""
    share: float = DISTURBED_SHARE
    """The share of a core the rest of the machine may use before a run is disturbed."""

    def add(self, run: Run, attempt: int) -> None:
        self.seconds.append(run.seconds)
        self.cpu.append(run.cpu)
        self.others.append(run.others)
        self.workers.append(run.workers)
        self.attempts.append(attempt)

    @property
    def disturbed(self) -> list[bool]:
        return [disturbed(s, o, self.share) for s, o in zip(self.seconds, self.others, strict=True)]

    @property
    def median(self) -> float:
        """Median seconds of the undisturbed runs (of all runs when every one was disturbed)."""
        quiet = [s for s, d in zip(self.seconds, self.disturbed, strict=True) if not d]
        return statistics.median(quiet or self.seconds)


def disturbed(seconds: float, others: float, share: float = DISTURBED_SHARE) -> bool:
    """Whether the rest of the machine used more than ``share`` of one core, on average, during a run of
    ``seconds`` in which it used ``others`` CPU seconds."""
    return others > share * seconds


@dataclass(frozen=True)
class Pairs:
    """The per-attempt ratios (slow ÷ fast seconds) of two rows: those whose two runs were undisturbed, and all."""

    kept: list[float]
    every: list[float]

    @property
    def ratio(self) -> float:
        """Median of the undisturbed pairs (NaN when there are none)."""
        return statistics.median(self.kept) if self.kept else float("nan")

    @property
    def judged(self) -> bool:
        return len(self.kept) >= MIN_PAIRS

    @property
    def dropped(self) -> int:
        return len(self.every) - len(self.kept)


def pairs(slow: Row, fast: Row, measure: str = "seconds") -> Pairs:
    """Ratios of the runs of ``slow`` and ``fast`` made in one attempt (back to back), each kept unless either
    run was disturbed: a pair is dropped for what the rest of the machine did, never for its ratio. ``measure``:
    ``seconds`` (wall) or ``cpu`` (the command's CPU seconds, which another session's work inflates less)."""
    values_of = {"seconds": lambda row: row.seconds, "cpu": lambda row: row.cpu}[measure]
    others = {a: (s, d) for a, s, d in zip(fast.attempts, values_of(fast), fast.disturbed, strict=True)}
    kept: list[float] = []
    every: list[float] = []
    for attempt, seconds, noisy in zip(slow.attempts, values_of(slow), slow.disturbed, strict=True):
        if attempt not in others:
            continue
        fast_seconds, fast_noisy = others[attempt]
        every.append(seconds / fast_seconds)
        if not (noisy or fast_noisy):
            kept.append(seconds / fast_seconds)
    return Pairs(kept, every)


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


def snapshot_package(dest: Path, src: Path = ROOT / "src") -> dict[str, str]:
    """Copy src/summarize once: edits to the working tree during a run cannot change it.

    The copy is compiled to bytecode, as ``pip install`` compiles an installed package (and Python caches it
    after a first run). Without that, and with ``PYTHONDONTWRITEBYTECODE`` set (as on the machine these figures
    come from), every run compiled the package from source first: about 0.1 s of CPU for the 51 modules a
    digest imports, all in the parent before any worker starts, which no user of an installed package pays."""
    shutil.copytree(src / "summarize", dest / "summarize", ignore=shutil.ignore_patterns("__pycache__"))
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


def _process_cpu(pid: int | None) -> float:
    """CPU seconds process ``pid`` has used so far (Linux; 0 when it is None or gone)."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (float(fields[11]) + float(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


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


def run_digest(folder: Path, out: Path, jobs: str | None, env: dict[str, str], hog_pid: int | None = None) -> Run:
    """Wall and CPU seconds of one `summarize digest` process (and its workers), the CPU seconds the rest of
    the machine used meanwhile (less this script's own and the hog's), the most worker processes it had at
    once (polled), and its output."""
    argv = [sys.executable, "-m", "summarize", "digest", str(folder), "--format", "json", "-o", str(out),
            "--no-cache", "--no-progress"] + (["--jobs", jobs] if jobs else [])
    cpu, busy, own, hogged = _children_cpu(), _machine_busy(), time.process_time(), _process_cpu(hog_pid)
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
        workers = 0
        while proc.poll() is None:
            workers = max(workers, _children(proc.pid))
            time.sleep(0.02)
        seconds, cpu, busy = time.perf_counter() - start, _children_cpu() - cpu, _machine_busy() - busy
        mine = time.process_time() - own + _process_cpu(hog_pid) - hogged
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0 or not _STATS_RE.search(stderr):
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {stderr.strip()[-500:]}")
    return Run(seconds, cpu, max(0.0, busy - cpu - mine), workers, out.read_bytes())


#: The hog's program: it dies with the benchmark even when the benchmark is killed (``timeout`` sends SIGTERM,
#: which skips ``finally``): Linux's parent-death signal, and elsewhere a check of its parent every 2**20 turns.
_HOG = """
import ctypes, os, signal, sys
parent = int(sys.argv[1])
if sys.platform.startswith("linux"):
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
n = 0
while n & 0xFFFFF or os.getppid() == parent:
    n += 1
"""


def hog() -> subprocess.Popen[bytes]:
    """A CPU-bound process beside the runs (one core's worth, as another user's job would be), which never
    outlives this script: a hog left behind keeps a core busy for everyone else on the machine."""
    return subprocess.Popen([sys.executable, "-c", _HOG, str(os.getpid())])


@dataclass
class Retries:
    """What disturbs a run (``share``), and how often a disturbed group may run again: ``limit`` times per
    repeat, ``budget`` seconds in all."""

    share: float = DISTURBED_SHARE
    limit: int = RETRIES
    budget: float = RETRY_BUDGET
    spent: float = 0.0
    groups: int = 0
    """Group executions that were retries."""

    def allowed(self, done: int) -> bool:
        return done < self.limit and self.spent < self.budget


def measure(corpus: Path, work: Path, repeat: int, quiet: bool, retries: Retries | None = None,
            src: Path = ROOT / "src") -> tuple[dict[str, Row], bool]:
    env = snapshot_package(work / "src", src)
    retries = retries or Retries()
    rows: dict[str, Row] = {}
    reference: dict[int, bytes] = {}
    identical = True
    folders = {size: subset(corpus, work / f"n{size}", size) for size in SIZES}
    attempts = iter(range(1_000_000))
    hog_pid: int | None = None

    def run(key: str, label: str, size: int, jobs: str | None, attempt: int) -> bool:
        """One run, recorded in its row; whether it was disturbed."""
        nonlocal identical
        done = run_digest(folders[size], work / "out.json", jobs, env, hog_pid)
        rows.setdefault(key, Row(label, size, share=retries.share)).add(done, attempt)
        identical = identical and reference.setdefault(size, done.output) == done.output
        noisy = disturbed(done.seconds, done.others, retries.share)
        if not quiet:
            print(f"{label}: {done.seconds:.2f} s, {done.workers} workers (CPU {done.cpu:.2f} s; the rest of the "
                  f"machine {done.others:.2f} s{', disturbed' if noisy else ''}; load {_load()})", flush=True)
        return noisy

    def group(r: int, prefix: str, what: str, size: int, configs: Sequence[str | None]) -> None:
        """The configurations back to back, in the opposite order every other repeat (ABBA); run again while
        the rest of the machine disturbed one of them, as far as ``retries`` allows."""
        for tries in range(retries.limit + 1):
            started, attempt = time.perf_counter(), next(attempts)
            noisy = [run(f"{prefix}{size}/{jobs or 'auto'}", f"{size} posts{what}, "
                         + (f"--jobs {jobs}" if jobs else "default"), size, jobs, attempt)
                     for jobs in (configs if r % 2 == 0 else configs[::-1])]
            if tries:
                retries.spent += time.perf_counter() - started
                retries.groups += 1
            if not any(noisy) or not retries.allowed(tries):
                return
            if not quiet:
                print("  disturbed: running this group again", flush=True)

    for r in range(repeat):
        # Each of --jobs 2 and --jobs 8 follows a serial run once per two repeats (ABBA: 2 1 8 auto, auto 8 1 2): in
        # the order 1 2 8 auto, --jobs 8 always came right after a parallel run and --jobs 2 half the time after
        # serial, a bias in a comparison of two commands that run the same engine (tests/batch/test_cores.py).
        group(r, "", "", POSTS, ("2", "1", "8", None))
        for size in SIZES:
            if size != POSTS:
                for k in range(SHORT_PAIRS if size < SHORT else 1):  # a run of a second or two is noisier
                    group(r + k, "", "", size, ("1", None))  # r + k: the order alternates pair by pair
        busy = hog()
        hog_pid = busy.pid
        try:
            time.sleep(1.0)  # let the hog show in the CPU counters
            # Two pairs of the default and serial per repeat, in both orders (ABBA): beside the hog the default
            # takes the serial path, so this floor compares a command with itself and only more pairs narrow it.
            group(r, "hog ", " beside a CPU hog", 8, ("1", None))
            group(r + 1, "hog ", " beside a CPU hog", 8, ("1", None))
            group(r, "hog ", " beside a CPU hog", POSTS, ("1", None, "8"))
            group(r + 1, "hog ", " beside a CPU hog", POSTS, ("1", None, "8"))
        finally:
            hog_pid = None
            busy.kill()
            busy.wait()
    return rows, identical


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


@dataclass(frozen=True)
class Floor:
    name: str
    target: float
    ratio: float
    """Median of the undisturbed pairs (the smallest over batch sizes, for the by-size floors)."""
    kept: int
    every: int
    all_ratio: float
    """The same over all pairs, disturbed ones included: shown, not judged."""
    judged: bool

    @property
    def verdict(self) -> str:
        if not self.judged:
            return f"not judged (under {MIN_PAIRS} undisturbed pairs)"
        return "yes" if self.ratio >= self.target * 0.97 else "**no**"

    def cells(self) -> list[str]:
        ratio = f"×{self.ratio:.2f}" if self.kept else "—"
        return [self.name, ratio, f"{self.kept} of {self.every}", f"×{self.all_ratio:.2f}", f"≥ {self.target}",
                self.verdict]


def floor(name: str, target: float, compared: Sequence[Pairs]) -> Floor:
    """A floor over one comparison, or the smallest ratio over several (each must be judged)."""
    worst = min(compared, key=lambda p: p.ratio if p.kept else float("-inf"))
    return Floor(name, target, worst.ratio, sum(len(p.kept) for p in compared),
                 sum(len(p.every) for p in compared),
                 min(statistics.median(p.every) for p in compared), all(p.judged for p in compared))


def report(rows: dict[str, Row], counts: dict[str, int], argv: Sequence[str], repeat: int,
           load: tuple[float, float], identical: bool, retries: Retries | None = None) -> str:
    retries = retries or Retries()

    def compare(slow: str, fast: str) -> Pairs:
        return pairs(rows[slow], rows[fast])

    def spread(values: list[float]) -> str:
        return f"{min(values):.2f}–{max(values):.2f}" if len(values) > 1 else "—"

    def workers(row: Row) -> str:
        counts = sorted(set(row.workers))
        if len(counts) <= 1:
            return str(counts[0]) if counts else "—"
        return " or ".join(f"{n} ({row.workers.count(n)}×)" for n in counts)

    table = [[r.label, f"{r.median:.2f}", spread(r.seconds), f"{statistics.median(r.cpu):.2f}",
              f"{statistics.median(r.others):.2f}", f"{sum(r.disturbed)} of {len(r.seconds)}", workers(r)]
             for r in rows.values()]
    by_size = {size: compare(f"{size}/1", f"{size}/auto") for size in SIZES}
    cpu_by_size = {size: pairs(rows[f"{size}/1"], rows[f"{size}/auto"], "cpu") for size in SIZES}

    def by_size_cell(size: int) -> str:
        p, cpu = by_size[size], cpu_by_size[size]
        # In process in every run of both commands: the default took the serial engine, an A/A comparison.
        same = " (serial both)" if not any(rows[f"{size}/auto"].workers) and not any(rows[f"{size}/1"].workers) else ""
        if not p.kept:
            return f"{size}: — (0 of {len(p.every)}){same}"
        return f"{size}: ×{p.ratio:.2f}, CPU ×{cpu.ratio:.2f} ({len(p.kept)} of {len(p.every)}){same}"

    sizes = [by_size_cell(size) for size in SIZES]
    floors = [
        floor(f"`--jobs 2` against `--jobs 1`, {POSTS} posts cold", 1.7, [compare(f"{POSTS}/1", f"{POSTS}/2")]),
        floor("`--jobs 8` against `--jobs 2` (≥ 1: no slower)", 1.0, [compare(f"{POSTS}/2", f"{POSTS}/8")]),
        floor("default against `--jobs 1`, smallest ratio over batch sizes", 1.0, list(by_size.values())),
        floor("default against `--jobs 1` beside a CPU hog, smallest ratio", 1.0,
              [compare(f"hog {size}/1", f"hog {size}/auto") for size in (8, POSTS)]),
        floor("`--jobs 8` against `--jobs 1` beside a CPU hog (more workers than free cores: no slower)", 1.0,
              [compare(f"hog {POSTS}/1", f"hog {POSTS}/8")]),
    ]
    sources = ", ".join(f"{n} from `{name}`" for name, n in counts.items())
    runs = sum(len(r.seconds) for r in rows.values())
    noisy = sum(sum(r.disturbed) for r in rows.values())
    warning = ([f"**The rest of the machine disturbed {noisy} of {runs} runs (load average {load[0]:.1f} before, "
                f"{load[1]:.1f} after, on {os.cpu_count()} cores): the floors marked not judged had too few "
                "undisturbed pairs. Rerun on a quiet machine.**", ""]
               if not all(f.judged for f in floors) else [])
    return "\n".join([
        "## Batch digest: does parallelism pay?",
        "",
        f"Reproduce: `{command_line('batch.py', argv)}`.",
        "",
        *warning,
        f"{sum(counts.values())} posts: {sources}. Each row is the whole `summarize digest DIR --format json -o OUT "
        "--no-cache --no-progress [--jobs N]` process (interpreter start, loading NLTK and jieba once in the parent "
        "before workers fork, summarizing, writing; the package compiled to bytecode beforehand, as installed); "
        f"{repeat} repeat(s), {SHORT_PAIRS} pairs a repeat for batches under {SHORT} posts, two beside the hog. Smaller "
        "batches are the first N posts by name. Seconds is the median of the undisturbed runs (see below); CPU s "
        "is user + system time of the command and its workers; others' CPU s is what the rest of the machine "
        "used meanwhile (other sessions, not this script or the hog); workers is how many worker processes the "
        "command had at once (0: it worked in its own process), with how many runs when the runs differed.",
        "",
        markdown_table(["run", "seconds", "range", "CPU s", "others' CPU s", "disturbed", "workers"], table,
                       align="lrrrrrr").rstrip(),
        "",
        markdown_table(["floor", "ratio", "undisturbed pairs", "all pairs", "target", "met"],
                       [f.cells() for f in floors], align="lrrrrl").rstrip(),
        "",
        f"- Disturbed: a run during which the rest of the machine used more than {retries.share:g} of a core on "
        "average (others' CPU s over its seconds; a quiet machine shows about 0.02). A group of runs with a "
        f"disturbed run was run again at once, up to {retries.limit} more time(s) a repeat and within "
        f"{retries.budget:g} s of retries in all ({retries.groups} retries, {retries.spent:.0f} s, this time). "
        "A pair is dropped when either of its runs was disturbed, by what the rest of the machine did and never "
        "by its ratio; every run is still in the table.",
        "- A ratio is the median over undisturbed pairs of (seconds of the slower-expected run ÷ seconds of the "
        "other), the two run back to back, in alternating order from one repeat to the next; \"all pairs\" is "
        f"the same median with the disturbed pairs kept. A floor with fewer than {MIN_PAIRS} undisturbed pairs "
        "(for a smallest ratio: in any of its comparisons) is not judged. The first four floors are issue 14's, "
        "the last checks that `--jobs N` above the free cores costs no more than the free-cores count.",
        f"- Default against `--jobs 1` by batch size (≥ 1 is no slower; wall, then CPU seconds; undisturbed pairs of "
        f"all; \"serial both\": every run of both worked in its own process, the default below the break-even taking "
        f"the serial engine itself, so the ratio's distance from 1 is the machine's noise): {', '.join(sizes)}.",
        "- Within 3% counts as met: the spread of repeated runs on this machine is larger than that.",
        f"- Output identical across `--jobs` values for each batch size: {'yes' if identical else '**no**'}.",
        f"- {machine_facts()}; {code_version()}; load average {load[0]:.2f} before, {load[1]:.2f} after.",
    ]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS, help="../shared/corpus-dev (optional)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL, help="../shared/eval (optional)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per configuration (default 5, median shown)")
    parser.add_argument("--disturbed-share", type=float, default=DISTURBED_SHARE,
                        help=f"a run is disturbed when the rest of the machine used more than this share of a core "
                             f"(default {DISTURBED_SHARE:g})")
    parser.add_argument("--retries", type=int, default=RETRIES,
                        help=f"extra attempts of a disturbed group per repeat (default {RETRIES})")
    parser.add_argument("--retry-budget", type=float, default=RETRY_BUDGET, metavar="SECONDS",
                        help=f"seconds all retries may take (default {RETRY_BUDGET:g})")
    parser.add_argument("--src", type=Path, default=None, metavar="DIR",
                        help="measure the summarize package under DIR (e.g. an export of an older commit) instead "
                             "of this checkout's src/; implies --no-write")
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
        retries = Retries(ns.disturbed_share, ns.retries, ns.retry_budget)
        rows, identical = measure(work / "posts", work, ns.repeat, ns.quiet, retries, ns.src or ROOT / "src")
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    section = report(rows, counts, args, ns.repeat, (load_before, load_after), identical, retries)
    if ns.src is not None:
        section = section.replace(code_version(), f"the package in {ns.src}")
    if ns.no_write or ns.src is not None:
        print(section)
    else:
        path = write_section(SECTION, section, ns.output)
        print(f"wrote the {SECTION!r} section of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
