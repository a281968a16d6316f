"""Whole processes for the benchmarks: wall time, CPU time and the command's own peak RSS.

Split out of ``speed.py`` (which times processes against their floor and against sumy) so that script
stays readable in one sitting; ``speed.py`` re-exports what it uses.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT


@dataclass
class ProcessRun:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    stderr: str


#: A small launcher that forks and execs the command, waits for it with ``os.wait4`` and prints
#: its wall time, CPU time and peak RSS. Why not measure from here: on Linux a child's ``ru_maxrss``
#: starts from the RSS of the process it was forked from (the high-water mark survives ``exec``),
#: so every child of this benchmark, which has held a 1 MB document, would report ~200 MB.
#: Forked from a fresh ~10 MB interpreter instead, the number is the command's own.
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
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss,
                  "code": os.waitstatus_to_exitcode(status)}))
"""


def run_process(cmd: Sequence[str], timeout: float = 600.0) -> ProcessRun:
    """Run ``cmd`` as a fresh process (through ``_LAUNCHER``); its wall time, CPU time and own peak RSS."""
    with tempfile.NamedTemporaryFile(prefix="speed-", suffix=".err") as err:
        out = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, err.name, *cmd], cwd=ROOT,
                             capture_output=True, text=True, timeout=timeout, check=False)
        stderr = Path(err.name).read_text(encoding="utf-8", errors="replace")
    if out.returncode != 0 or not out.stdout.strip():
        return ProcessRun(math.nan, math.nan, math.nan, out.returncode or 1, out.stderr or stderr)
    facts = json.loads(out.stdout.strip().splitlines()[-1])
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return ProcessRun(facts["seconds"], facts["cpu"], facts["maxrss"] / scale, facts["code"], stderr)


def median_processes(cmds: dict[str, Sequence[str]], repeat: int) -> dict[str, ProcessRun]:
    """Each command ``repeat`` times, the commands interleaved (so a change in the machine's load hits
    them alike); the median wall time, CPU time and peak RSS of each. A failure is returned as is."""
    runs: dict[str, list[ProcessRun]] = {name: [] for name in cmds}
    failed: dict[str, ProcessRun] = {}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            if name in failed:
                continue
            run = run_process(cmd)
            if run.returncode != 0:
                failed[name] = run
            else:
                runs[name].append(run)
    out = dict(failed)
    for name, done in runs.items():
        if name not in failed:
            out[name] = ProcessRun(statistics.median(r.seconds for r in done), statistics.median(r.cpu_seconds for r in done),
                                   statistics.median(r.max_rss_mb for r in done), 0, "")
    return out


def first_line(text: str) -> str:
    """The line of an error output worth quoting: the last exception line of a traceback, else the first line."""
    lines = [ln.rstrip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        return "(no message)"
    raised = [ln for ln in lines if _EXCEPTION_LINE_RE.match(ln)]
    return raised[-1] if raised else lines[0]


_EXCEPTION_LINE_RE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b")
