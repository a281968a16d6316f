"""How many workers a batch uses: the cores it may run on (affinity, container quota), the cores found
idle around its own warm-up, and the plain serial path below the break-even."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarize.batch import cores, engines
from summarize.batch.engines import MIN_PARALLEL_POSTS, ProcessEngine, SerialEngine, make_engine
from summarize.batch.task import Options, Result

TICK = cores._clock_ticks()


def window(idle_cores: float, machine: int, seconds: float = 1.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """Two /proc/stat samples ``seconds`` apart during which ``idle_cores`` cores' worth sat idle."""
    return (0.0, 0.0), (idle_cores * seconds * TICK, machine * seconds * TICK)


@pytest.fixture
def four_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(cores, "usable_cores", lambda: 4)


def test_free_cores_are_this_one_plus_each_idle_one(four_cores: None) -> None:
    """This process's core, plus a core for every core's worth of idle time (FREE_SHARE of one counts), at most
    all of them."""
    share = cores.FREE_SHARE
    assert 0 < share < 0.5
    assert cores.free_cores(*window(0.0, 4)) == 1  # a CPU-bound neighbour on each other core
    assert cores.free_cores(*window(0.05, 4)) == 1  # ... which the scheduler leaves idle now and then
    assert cores.free_cores(*window(share - 0.01, 4)) == 1
    assert cores.free_cores(*window(share + 0.01, 4)) == 2
    assert cores.free_cores(*window(1 + share - 0.01, 4)) == 2
    assert cores.free_cores(*window(1.7, 4)) == 3
    assert cores.free_cores(*window(3.0, 4)) == 4
    assert cores.free_cores((5.0, 0.0), (0.0, 4 * TICK)) == 1  # idle counter going backwards: nothing free


def test_a_measured_machine_ignores_the_load_average(four_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 1-minute load average still counts a run that ended seconds ago (this tool's own): it must
    not send an idle machine serial. The idle time around the warm-up decides."""
    monkeypatch.setattr(os, "getloadavg", lambda: (3.9, 3.9, 3.9))

    def consulted() -> float:
        raise AssertionError("the load average was consulted")

    monkeypatch.setattr(cores, "_busy_by_load", consulted)
    assert cores.free_cores(*window(3.0, 4)) == 4


def test_a_short_or_missing_sample_falls_back_to_the_load(four_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too short a window to trust (or no /proc/stat): the cores less the other work running."""
    monkeypatch.setattr(cores, "_busy_by_load", lambda: 2.0)
    assert cores.free_cores(*window(3.0, 4, seconds=cores.MIN_WINDOW / 4)) == 2
    assert cores.free_cores(None, None) == 2
    monkeypatch.setattr(cores, "_busy_by_load", lambda: None)  # no load average either
    assert cores.free_cores(None, None) == 4


def test_usable_cores_stay_within_a_container_quota(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 0.5-CPU quota is one core, 1.5 CPUs two; no quota leaves the affinity."""
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    monkeypatch.setattr(cores, "cgroup_quota", lambda: None)
    assert cores.usable_cores() == affinity
    monkeypatch.setattr(cores, "cgroup_quota", lambda: 0.5)
    assert cores.usable_cores() == 1
    monkeypatch.setattr(cores, "cgroup_quota", lambda: 1.5)
    assert cores.usable_cores() == min(affinity, 2)


def test_cgroup_quota_reads_v2_then_v1(tmp_path: Path) -> None:
    """cgroup v2 ``cpu.max`` ("max" is no limit), else v1's CFS quota (-1 is no limit), else None."""
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cpu.max").write_text("150000 100000\n")
    assert cores.cgroup_quota(str(v2)) == 1.5
    (v2 / "cpu.max").write_text("max 100000\n")
    assert cores.cgroup_quota(str(v2)) is None
    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("200000\n")
    assert cores.cgroup_quota(str(v1)) == 2.0
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    assert cores.cgroup_quota(str(v1)) is None
    assert cores.cgroup_quota(str(tmp_path / "none")) is None


def test_jobs_above_the_usable_cores_are_clamped(monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 8 on two usable cores is --jobs 2; on one core it is serial."""
    monkeypatch.setattr(engines, "usable_cores", lambda: 2)
    engine = make_engine(jobs=8, count=48)
    assert isinstance(engine, ProcessEngine) and engine.jobs == 2
    monkeypatch.setattr(engines, "usable_cores", lambda: 1)
    assert isinstance(make_engine(jobs=8, count=48), SerialEngine)
    assert isinstance(make_engine(jobs=2, count=1), SerialEngine)  # one post: nothing to share


def test_jobs_above_the_usable_cores_is_the_same_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14's "--jobs 8 no slower than --jobs 2" on two cores: nothing of the 8 survives make_engine, so the two
    run the same code with the same settings (a difference in the benchmark is the machine's, or the order of runs)."""
    monkeypatch.setattr(engines, "usable_cores", lambda: 2)
    for count in (2, 8, 48, 500):
        eight, two = make_engine(jobs=8, count=count), make_engine(jobs=2, count=count)
        assert type(eight) is type(two) and vars(eight) == vars(two)


def _tasks(posts: Path, n: int, taken: list[str]) -> Iterator[tuple[str, bytes | None]]:
    names = [p for p in sorted(posts.rglob("*")) if p.suffix in (".md", ".markdown") and p.name != "broken.md"
             and ".hidden" not in p.parts]
    for i in range(n):
        path = str(names[i % len(names)])
        taken.append(path)
        yield path, None


def _forbid(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for name in names:
        def refuse(*args: Any, _name: str = name, **kwargs: Any) -> Any:
            raise AssertionError(f"{_name} was called")

        monkeypatch.setattr(engines, name, refuse)


def test_auto_below_the_break_even_is_the_serial_path(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer posts than MIN_PARALLEL_POSTS: nothing read ahead, no warm-up, no probe, no worker, the first
    result before the second post is read, and the same results as SerialEngine."""
    _forbid(monkeypatch, "warm", "cpu_sample", "free_cores")
    monkeypatch.setattr(ProcessEngine, "_run", lambda *a, **k: pytest.fail("a worker was started"))
    n = MIN_PARALLEL_POSTS - 1
    taken: list[str] = []
    results = ProcessEngine(4, auto=True).map(_tasks(posts, n, taken), Options(), n)
    first = next(results)
    assert len(taken) == 1 and first.path == taken[0]
    got = [first, *results]
    expected = list(SerialEngine().map(_tasks(posts, n, []), Options(), n))
    assert got == expected and all(r.ok for r in got)


@pytest.mark.parametrize(("idle", "workers"), [(1.0, 2), (0.0, 0)])
def test_auto_sizes_the_pool_from_the_idle_time_around_its_warm_up(
        posts: Path, monkeypatch: pytest.MonkeyPatch, idle: float, workers: int) -> None:
    """12 posts on two cores: the other core idle while the first post runs here gives two workers, however high
    the load average; a CPU-bound neighbour on it keeps the work in this process, with no warm-up spent."""
    monkeypatch.setattr(engines, "usable_cores", lambda: 2)
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (4.0, 4.0, 4.0))
    samples = iter(window(idle, 2))
    monkeypatch.setattr(engines, "cpu_sample", lambda: next(samples))
    warmed: list[dict[str, bool]] = []
    monkeypatch.setattr(engines, "warm", lambda options, **needs: warmed.append(needs))
    pool: list[int] = []

    def run(self: ProcessEngine, tasks: Iterator[Any], options: Options, n: int,
            warm_in_child: bool) -> Iterator[Result]:
        pool.append(n)  # stands in for the workers: the same posts, in this process
        yield from SerialEngine().map(tasks, options, 0)

    monkeypatch.setattr(ProcessEngine, "_run", run)
    engine = ProcessEngine(2, auto=True)
    got = list(engine.map(_tasks(posts, 12, []), Options(), 12))
    assert len(got) == 12 and all(r.ok for r in got)
    assert len(warmed) == (1 if workers else 0) and engine.workers_used == workers
    assert pool == ([workers] if workers else [])
