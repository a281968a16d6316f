"""The default (``--jobs auto``) below the break-even does what ``--jobs 1`` does, and nothing more.

Issue 14's floor "the default is never slower than serial" is a timing, judged in benchmarks/batch.py;
these tests pin the reason it should hold without timing anything: on the serial path the default
imports the same modules as ``--jobs 1`` (neither imports multiprocessing), and where it has to
look before it decides (8 posts or more), the only code it runs beyond serial's is that look.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.batch import engines

#: What the default may run beyond serial's code when it has to decide (8 posts or more): read the first
#: posts' kinds, sample the machine's idle time around the first post, count free cores.
PROBE = {"ProcessEngine.__init__", "ProcessEngine.map", "ProcessEngine.close", "_needs", "_has_cjk", "cpu_sample", "free_cores"}

#: Run in a fresh interpreter: the modules a digest leaves in sys.modules, for one --jobs value.
_MODULES = """
import json, sys
from summarize.cli import main
code = main(["digest", *sys.argv[1:], "--format", "json", "-o", sys.argv[1] + ".json", "--no-cache", "--no-progress"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(folder: Path, jobs: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _MODULES, str(folder), "--jobs", jobs], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.splitlines()[-1])
    assert report["code"] == 0
    return set(report["modules"])


def _copies(posts: Path, dest: Path, count: int) -> Path:
    """``count`` posts in ``dest``: the fixture's files (broken ones included) in turn, under new names."""
    dest.mkdir()
    sources = sorted(path for path in posts.rglob("*") if path.is_file() and ".hidden" not in path.parts
                     and path.suffix != ".json")
    for i in range(count):
        source = sources[i % len(sources)]
        (dest / f"{i:02d}-{source.name}").write_bytes(source.read_bytes())
    return dest


def test_a_few_posts_by_default_import_nothing_serial_does_not(posts: Path, tmp_path: Path) -> None:
    """Below the break-even the default is serial: same modules as --jobs 1, and neither brings in
    multiprocessing or concurrent.futures (about 10 ms of imports that only worker processes need)."""
    folder = _copies(posts, tmp_path / "few", 3)
    serial, default = _modules_after(folder, "1"), _modules_after(folder, "auto")
    assert default == serial
    assert not {m for m in serial if m.split(".")[0] in ("multiprocessing", "concurrent")}
    assert "summarize.batch.engines" in serial  # the check above looked at a real digest


#: Run in a fresh interpreter (threads other tests leave behind, such as a Dask cluster's, stalled the traced
#: run): the package functions a digest of the folder runs by default with no free core, beyond --jobs 1's.
_TRACE = """
import json, sys
from summarize.batch import digest, engines
import summarize.batch

engines.free_cores = lambda before, after: 1  # a CPU-bound neighbour on every other core
made = []
real_make = engines.make_engine
def make_engine(*args, **kwargs):
    made.append(real_make(*args, **kwargs))
    return made[-1]
summarize.batch.make_engine = make_engine

def code_run(call):
    seen = set()
    def profile(frame, event, arg):
        if event == "call":
            seen.add(frame.f_code)
    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    package = summarize.__path__[0]
    return {code.co_qualname.split(".<locals>")[0] for code in seen if code.co_filename.startswith(package)}

folder = sys.argv[1]
digest(folder, jobs=1)  # memoised resources loaded before either run is traced
serial = code_run(lambda: digest(folder, jobs=1))
default = code_run(lambda: digest(folder, jobs="auto"))
engine = made[-1]
print(json.dumps({"extra": sorted(default - serial), "default": sorted(default),
                  "engine": type(engine).__name__, "workers": engine.workers_used,
                  "context": engine._context is not None, "multiprocessing": "multiprocessing" in sys.modules}))
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="names functions by co_qualname (Python 3.11+)")
def test_the_default_beside_a_busy_neighbour_adds_only_its_look(posts: Path, tmp_path: Path) -> None:
    """8 posts, no free core (a CPU-bound neighbour): the default summarizes every post in this process,
    as --jobs 1 does; the code it runs beyond serial's is the look that decided it (:data:`PROBE`): no
    warm-up, no worker, no multiprocessing context (nor the module)."""
    folder = _copies(posts, tmp_path / "eight", engines.MIN_PARALLEL_POSTS)
    out = subprocess.run([sys.executable, "-c", _TRACE, str(folder)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert got["engine"] == "ProcessEngine" and got["workers"] == 0
    assert not got["context"] and not got["multiprocessing"]
    assert set(got["extra"]) <= PROBE, sorted(set(got["extra"]) - PROBE)
    assert "ProcessEngine.map" in got["extra"]  # the traced run did take the deciding path
    assert not {"warm", "ProcessEngine._run", "_Worker.__init__"} & set(got["default"])


#: Run in a fresh interpreter: every package function a digest of a few posts calls, and how often, per --jobs value.
_CALLS = """
import collections, json, sys
import summarize
from summarize.batch import digest

def calls(jobs):
    seen = collections.Counter()
    def profile(frame, event, arg):
        if event == "call":
            seen[frame.f_code] += 1
    sys.setprofile(profile)
    try:
        digest(sys.argv[1], jobs=jobs)
    finally:
        sys.setprofile(None)
    package = summarize.__path__[0]
    return {f"{code.co_filename}:{code.co_qualname}": n for code, n in seen.items() if code.co_filename.startswith(package)}

digest(sys.argv[1], jobs=1)  # memoised resources loaded before either run is traced
print(json.dumps({"serial": calls(1), "default": calls("auto")}))
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="names functions by co_qualname (Python 3.11+)")
def test_a_few_posts_by_default_run_exactly_the_serial_calls(posts: Path, tmp_path: Path) -> None:
    """Below the break-even the default makes the very calls --jobs 1 makes, each as often: no probe, no pool,
    no cache scan. (So the benchmark's default-against-serial ratio at 1-4 posts is a command against itself.)"""
    folder = _copies(posts, tmp_path / "few", 3)
    out = subprocess.run([sys.executable, "-c", _CALLS, str(folder)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert any(name.endswith(":process_file") for name in got["serial"])  # the trace saw the posts summarized
    assert got["default"] == got["serial"]
