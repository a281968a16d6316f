"""Speed of the default pipeline: against sumy's LexRank, as input grows, and as whole processes.

Why this exists: the issue asks that the default summary of a 160 KB transcript be at least
20× faster than sumy's LexRank there (~19 s), that time grow about linearly with input size,
and that the command line stay quick and small as a process.

Usage (from the repository root)::

    python benchmarks/speed.py                     # seeds from ../shared/seeds
    python benchmarks/speed.py --quick             # fewer repeats, no 1 MB point (for a smoke run)

Parts: (a) in-process, load → takeaways → select(n=5) on seed 004 ×4 (~160 KB) against
sumy's LexRankSummarizer fed the same sentences (our scorer "lexrank"); (b) pipeline time
at 10 KB … 1 MB built from seeds 004 and 002, with the log-log slope; (c) each seed file
through ``python -m summarize FILE`` and through sumy's own CLI (or, when that cannot run
offline, a whole-process stand-in), as fresh processes: wall time and peak RSS, best of 3.
"""

from __future__ import annotations

import argparse
import math
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402  (after the path tweak)
    ROOT,
    code_version,
    command_line,
    load_average,
    machine_facts,
    markdown_table,
    write_section,
)

SECTION = "speed"
DEFAULT_SEEDS = Path("../shared/seeds")
TRANSCRIPT_SEED = "004_c5d979977d439f4c.txt"
CAPTION_SEED = "002_25197252806f71c2.txt"
GROWTH_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
TARGET_RATIO = 20.0

#: The whole-process stand-in for sumy's CLI: read the file, segment it with our pipeline,
#: rank with sumy's LexRankSummarizer through our adapter, keep 5 sentences, print them.
SUMY_STANDIN = (
    "import sys\n"
    "from pathlib import Path\n"
    "from summarize.pipeline import load\n"
    "from summarize.score import get_scorer\n"
    "from summarize.select import select\n"
    "doc = load(Path(sys.argv[1]))\n"
    "ids = select(doc, get_scorer('lexrank')(doc), n=5)\n"
    "by_id = {s.id: s for s in doc.sentences}\n"
    "print('\\n'.join(by_id[i].clean for i in ids))\n"
)


# --------------------------------------------------------------------------- in-process timing


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Smallest wall time of ``repeat`` calls (the least disturbed run), and the last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


@dataclass
class PipelineTiming:
    load: float
    score: float
    select: float
    n_sentences: int
    fmt: str
    lang: str | None

    @property
    def total(self) -> float:
        return self.load + self.score + self.select


def time_pipeline(text: str, repeat: int, scorer_name: str = "takeaways") -> PipelineTiming:
    """Best-of-``repeat`` time of each stage of load → score → select(n=5) on ``text``."""
    from summarize.pipeline import load
    from summarize.score import get_scorer
    from summarize.select import select

    scorer = get_scorer(scorer_name)
    best: PipelineTiming | None = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = load(text)
        t1 = time.perf_counter()
        scores = scorer(doc)
        t2 = time.perf_counter()
        select(doc, scores, n=5)
        t3 = time.perf_counter()
        run = PipelineTiming(t1 - t0, t2 - t1, t3 - t2, len(doc.sentences), doc.format, doc.lang)
        if best is None or run.total < best.total:
            best = run
    assert best is not None
    return best


def part_a(seeds: Path, repeat: int, sumy_repeat: int) -> tuple[str, list[str]]:
    """Ours (whole pipeline) against sumy LexRank (scoring only, and scoring + our load/select)."""
    from summarize.pipeline import load
    from summarize.score import get_scorer
    from summarize.select import select

    text = "\n\n".join([(seeds / TRANSCRIPT_SEED).read_text(encoding="utf-8")] * 4)
    size_kb = len(text.encode("utf-8")) / 1000
    cold_t0 = time.perf_counter()
    warm = time_pipeline(text, 1)  # first call: imports, Punkt/stop-word tables, caches
    cold = time.perf_counter() - cold_t0
    ours = time_pipeline(text, repeat)
    doc = load(text)
    lexrank = get_scorer("lexrank")
    sumy_score, scores = best_of(lambda: lexrank(doc), sumy_repeat)
    sumy_select, _ = best_of(lambda: select(doc, scores, n=5), 1)
    sumy_whole = ours.load + sumy_score + sumy_select
    ratio_scoring = sumy_score / ours.total
    ratio_whole = sumy_whole / ours.total
    rows = [
        ["ours: load + takeaways + select(n=5)", f"{ours.total:.3f}",
         f"load {ours.load:.3f}, score {ours.score:.3f}, select {ours.select:.3f}; best of {repeat} warm runs "
         f"(first, cold run: {cold:.3f})"],
        ["sumy LexRank: scoring only", f"{sumy_score:.3f}",
         f"sumy's LexRankSummarizer on our {len(doc.sentences)} sentences (our scorer `lexrank`), best of "
         f"{sumy_repeat}"],
        ["sumy LexRank: load + scoring + select(n=5)", f"{sumy_whole:.3f}", "same load and select as ours"],
    ]
    md = [f"### (a) In-process: seed 004 ×4 ({size_kb:.0f} KB, {warm.n_sentences} sentences, format "
          f"`{warm.fmt}`, lang `{warm.lang}`)\n",
          markdown_table(["what", "seconds", "how"], rows, align="lrl"),
          f"Ratio (sumy scoring only ÷ our whole pipeline): **{ratio_scoring:.1f}×**; "
          f"(sumy with the same load/select ÷ ours): {ratio_whole:.1f}×. Target ≥ {TARGET_RATIO:.0f}×.\n"]
    checks = [f"{'PASS' if ratio_scoring >= TARGET_RATIO else 'FAIL'}  160 KB transcript: ours "
              f"{ours.total:.3f} s vs sumy LexRank scoring {sumy_score:.2f} s = {ratio_scoring:.1f}× "
              f"(target ≥ {TARGET_RATIO:.0f}×)"]
    return "\n".join(md), checks


#: Growth series: which seeds are repeated to build each input.
SERIES: dict[str, tuple[str, ...]] = {
    "transcript (seed 004 repeated)": (TRANSCRIPT_SEED,),
    "caption dump (seed 002 repeated)": (CAPTION_SEED,),
    "mixed (seeds 004 and 002 alternating)": (TRANSCRIPT_SEED, CAPTION_SEED),
}


def growth_text(seeds: Path, size: int, names: Sequence[str] = (TRANSCRIPT_SEED, CAPTION_SEED)) -> str:
    """About ``size`` bytes of the named seeds repeated in turn, joined by blank lines, cut at a line break."""
    parts = [(seeds / n).read_text(encoding="utf-8") for n in names]
    chunks: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = parts[i % len(parts)]
        chunks.append(piece)
        total += len(piece.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(chunks).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    cut = data.rfind("\n")
    return data[:cut] if cut > size // 2 else data


def loglog_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) on log(x): 1 = linear, 2 = quadratic."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den


def part_b(seeds: Path, sizes: Sequence[int], repeat: int) -> tuple[str, list[str]]:
    """Pipeline time as input grows, per series, and the fitted exponent of each."""
    big_repeat = max(1, repeat - 1)
    for names in SERIES.values():  # warm-up: imports, Punkt, jieba, the boundary model, caches
        time_pipeline(growth_text(seeds, 20_000, names), 1)
    md = [f"### (b) Growth: load + takeaways + select(n=5), best of {repeat} warm runs (1 MB: best of "
          f"{big_repeat})\n",
          "Each input is the series' seed(s) repeated, joined by a blank line, cut at a line break to the size "
          "shown. The exponent is the least-squares slope of log(time) on log(bytes); 1.0 = linear.\n"]
    checks: list[str] = []
    for label, names in SERIES.items():
        rows, xs = [], []
        stages: dict[str, list[float]] = {"load": [], "score": [], "select": [], "total": []}
        for size in sizes:
            text = growth_text(seeds, size, names)
            nbytes = len(text.encode("utf-8"))
            t = time_pipeline(text, repeat if size < 500_000 else big_repeat)
            xs.append(nbytes)
            for stage in stages:
                stages[stage].append(max(getattr(t, stage), 1e-6))
            rows.append([f"{nbytes / 1000:,.0f} KB", t.n_sentences, t.fmt, f"{t.load:.3f}", f"{t.score:.3f}",
                         f"{t.select:.3f}", f"{t.total:.3f}", f"{nbytes / 1e6 / t.total:.2f}"])
        slope = loglog_slope(xs, stages["total"])
        by_stage = ", ".join(f"{k} {loglog_slope(xs, v):.2f}" for k, v in stages.items() if k != "total")
        md += [f"**{label}**: exponent **{slope:.2f}** (by stage: {by_stage})\n",
               markdown_table(["input", "sentences", "format", "load s", "score s", "select s", "total s", "MB/s"],
                              rows)]
        checks.append(f"{'PASS' if slope <= 1.2 else 'FAIL'}  growth exponent, {label}: {slope:.2f} "
                      "(≤ 1.2 counts as about linear)")
    return "\n".join(md), checks


# --------------------------------------------------------------------------- whole processes


@dataclass
class ProcessRun:
    seconds: float
    max_rss_mb: float
    returncode: int
    stderr: str


#: A small launcher that forks and execs the command, waits for it with ``os.wait4`` and prints
#: its wall time and peak RSS. Why not measure from here: on Linux a child's ``ru_maxrss`` starts
#: from the RSS of the process it was forked from (the high-water mark survives ``exec``), so
#: every child of this benchmark, which has held a 1 MB document, would report ~200 MB. Forked
#: from a fresh ~10 MB interpreter instead, the number is the command's own.
_LAUNCHER = """
import json, os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        err = os.open(sys.argv[1], os.O_WRONLY)
        os.dup2(err, 2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        os.write(2, f"cannot run {sys.argv[2]}: {error}\\n".encode())
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}))
"""


def run_process(cmd: Sequence[str], timeout: float = 600.0) -> ProcessRun:
    """Run ``cmd`` as a fresh process (through ``_LAUNCHER``); its wall time and its own peak RSS."""
    import json

    with tempfile.NamedTemporaryFile(prefix="speed-", suffix=".err") as err:
        out = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, err.name, *cmd], cwd=ROOT,
                             capture_output=True, text=True, timeout=timeout, check=False)
        stderr = Path(err.name).read_text(encoding="utf-8", errors="replace")
    if out.returncode != 0 or not out.stdout.strip():
        return ProcessRun(math.nan, math.nan, out.returncode or 1, out.stderr or stderr)
    facts = json.loads(out.stdout.strip().splitlines()[-1])
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return ProcessRun(facts["seconds"], facts["maxrss"] / scale, facts["code"], stderr)


def best_process(cmd: Sequence[str], repeat: int) -> ProcessRun:
    """Fastest of ``repeat`` fresh runs (peak RSS reported for that run); stops at the first failure."""
    best: ProcessRun | None = None
    for _ in range(repeat):
        run = run_process(cmd)
        if run.returncode != 0:
            return run
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def first_line(text: str) -> str:
    """The line of an error output worth quoting: the last exception line of a traceback, else the first line."""
    lines = [ln.rstrip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        return "(no message)"
    raised = [ln for ln in lines if _EXCEPTION_LINE_RE.match(ln)]
    return raised[-1] if raised else lines[0]


_EXCEPTION_LINE_RE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b")


def part_c(seeds: Path, repeat: int) -> tuple[str, list[str]]:
    """Each seed through our CLI and through sumy's CLI (or the stand-in), as fresh processes."""
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    py = sys.executable
    notes: list[str] = []
    probe = files[0]
    ours_cmd = [py, "-m", "summarize"]
    trial = run_process([*ours_cmd, str(probe)])
    if trial.returncode != 0:
        notes.append(f"`summarize FILE` is not ready (exit {trial.returncode}: {first_line(trial.stderr)}); timed "
                     "`python -m summarize sentences FILE` instead, which reads and segments but does not score.")
        ours_cmd = [py, "-m", "summarize", "sentences"]
    sumy_cmd: Callable[[Path], list[str]] | None = None
    sumy_exe = _which("sumy")
    if sumy_exe:
        trial = run_process([sumy_exe, "lex-rank", f"--file={probe}", "--length=5"])
        if trial.returncode == 0:
            sumy_cmd = lambda path: [sumy_exe, "lex-rank", f"--file={path}", "--length=5"]  # noqa: E731
        else:
            notes.append(f"sumy CLI fails offline: {first_line(trial.stderr)} (`sumy lex-rank --file FILE "
                         "--length 5`, exit " f"{trial.returncode})")
    else:
        notes.append("sumy CLI not found on PATH")
    standin = sumy_cmd is None
    if sumy_cmd is None:
        sumy_cmd = lambda path: [py, "-c", SUMY_STANDIN, str(path)]  # noqa: E731
        notes.append("Substitution: the sumy column times a whole-process stand-in instead, `python -c` that loads "
                     "the file with our pipeline, ranks with sumy's LexRankSummarizer through our adapter "
                     "(scorer `lexrank`) and keeps 5 sentences with `select(n=5)` (`SUMY_STANDIN` in "
                     "`benchmarks/speed.py`).")
    rows = []
    for path in files:
        ours = best_process([*ours_cmd, str(path)], repeat)
        theirs = best_process(sumy_cmd(path), repeat)
        rows.append([path.name, f"{path.stat().st_size / 1000:.1f}",
                     _cell(ours, "s"), _cell(ours, "mb"), _cell(theirs, "s"), _cell(theirs, "mb"),
                     f"{theirs.seconds / ours.seconds:.1f}×" if ours.returncode == 0 == theirs.returncode else "—"])
        for label, run in (("ours", ours), ("sumy", theirs)):
            if run.returncode != 0:
                notes.append(f"{path.name}: {label} exited {run.returncode}: {first_line(run.stderr)}")
    ours_shown = " ".join(shlex.quote(a) for a in ["python", *ours_cmd[1:], "FILE"])
    sumy_shown = "python -c '<stand-in>' FILE" if standin else "sumy lex-rank --file=FILE --length=5"
    md = [f"### (c) Whole processes: each seed file, fresh process, best of {repeat} (wall time; peak RSS of that "
          "run, from `os.wait4` in a small launcher process, so it is the command's own)\n",
          f"Ours: `{ours_shown}`. sumy: `{sumy_shown}`.\n",
          markdown_table(["seed", "KB", "ours s", "ours MB", "sumy s", "sumy MB", "sumy ÷ ours"], rows)]
    if notes:
        md += [f"- {n}" for n in notes]
        md.append("")
    return "\n".join(md), []


def _cell(run: ProcessRun, what: str) -> str:
    if run.returncode != 0:
        return f"exit {run.returncode}"
    return f"{run.seconds:.2f}" if what == "s" else f"{run.max_rss_mb:.0f}"


def _which(name: str) -> str | None:
    from shutil import which

    return which(name)


# --------------------------------------------------------------------------- driver


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                        help="the shared seed posts (default ../shared/seeds, relative to the repository root)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept (default 3)")
    parser.add_argument("--sumy-repeat", type=int, default=2,
                        help="runs of sumy's LexRank in part (a), best kept (default 2: each takes 10-20 s)")
    parser.add_argument("--parts", default="abc", help="which parts to run, e.g. 'ab' (default abc)")
    parser.add_argument("--quick", action="store_true", help="smoke run: repeat 1, sizes up to 100 KB")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    parser.add_argument("--output", type=Path, default=None, help=argparse.SUPPRESS)  # tests: another BENCHMARKS.md
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    ns = build_parser().parse_args(args_list)
    seeds = ns.seeds if ns.seeds.is_absolute() else ROOT / ns.seeds
    if not (seeds / TRANSCRIPT_SEED).is_file():
        print(f"speed.py: skipped: {seeds / TRANSCRIPT_SEED} not found (the shared seeds are optional)")
        return 0
    repeat = 1 if ns.quick else ns.repeat
    sizes = [s for s in GROWTH_SIZES if not ns.quick or s <= 100_000]
    md = ["## Speed\n", "```sh", command_line("speed.py", args_list), "```\n",
          f"Code: {code_version()}. Machine: {machine_facts()}; load average {load_average()} at the start "
          "(other work on the machine slows wall times).\n"]
    checks: list[str] = []
    t0 = time.perf_counter()
    for part, run in (("a", lambda: part_a(seeds, repeat, ns.sumy_repeat)),
                      ("b", lambda: part_b(seeds, sizes, repeat)),
                      ("c", lambda: part_c(seeds, repeat))):
        if part in ns.parts:
            print(f"speed.py: part ({part}) …", file=sys.stderr, flush=True)
            text, part_checks = run()
            md.append(text)
            checks += part_checks
    if checks:
        md += ["### Checks\n", "```", *checks, "```"]
    md.append(f"\nTotal benchmark time {time.perf_counter() - t0:.0f} s.")
    section = "\n".join(md) + "\n"
    print(section)
    if not ns.no_write:
        target = write_section(SECTION, section, ns.output)
        print(f"wrote section `{SECTION}` of {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
