"""How many worker processes a batch may use: the cores this process may run on, and the ones idle now.

Two numbers for two uses. :func:`usable_cores` caps every ``--jobs N``: the CPU affinity
(``taskset``, cpusets) and a container's CPU quota (cgroup ``cpu.max``), because workers beyond
that only take turns on the same cores, each holding its own memory. :func:`free_cores` is what
``jobs="auto"`` uses: the cores nobody else is using, from the machine's idle time while this
process warms up (single-threaded, so whatever else of the machine sat idle is what is free).

Why not the load average: it is a one-minute average, so it still counts work that ended
seconds ago (this tool's own previous run, in a build that digests twice), and the number of
processes running at one instant is a coin toss on a machine with light background work; either
can send the default serial on a nearly idle machine. They are used only where ``/proc/stat`` is
missing or the warm-up was too short to measure.
"""

from __future__ import annotations

import math
import os

#: The shortest measurement, in seconds of one core, that :func:`free_cores` trusts (about 20 clock
#: ticks per core); the warm-up it spans takes 0.3 s or more.
MIN_WINDOW = 0.2
#: Idle share of a core that makes it a free core: a quarter. A worker there gets that quarter and its
#: fair share of the rest (the kernel splits a busy core between the processes on it), more than
#: serial would have; a CPU-bound neighbour leaves next to nothing idle on its core.
FREE_SHARE = 0.25


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity, within a container's CPU quota when one is set."""
    try:
        cores = len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    quota = cgroup_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else cores


def cgroup_quota(root: str = "/sys/fs/cgroup") -> float | None:
    """CPUs' worth of time this cgroup may use (cgroup v2 ``cpu.max``, else the v1 CFS quota), or None."""
    try:
        with open(os.path.join(root, "cpu.max"), encoding="ascii") as fh:
            limit, period = fh.read().split()[:2]
        return None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError, ZeroDivisionError):
        pass
    try:
        with open(os.path.join(root, "cpu", "cpu.cfs_quota_us"), encoding="ascii") as fh:
            limit_us = int(fh.read())
        with open(os.path.join(root, "cpu", "cpu.cfs_period_us"), encoding="ascii") as fh:
            period_us = int(fh.read())
    except (OSError, ValueError):
        return None
    return limit_us / period_us if limit_us > 0 and period_us > 0 else None


def cpu_sample() -> tuple[float, float] | None:
    """(idle, total) clock ticks of the whole machine so far, from /proc/stat (None elsewhere)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [float(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(fields) < 4:
        return None
    return (fields[3] + (fields[4] if len(fields) > 4 else 0.0), sum(fields[:8]))


def free_cores(before: tuple[float, float] | None, after: tuple[float, float] | None) -> int:
    """The cores this process can use now, at least 1 and at most :func:`usable_cores`.

    ``before`` and ``after`` are :func:`cpu_sample` s taken around work this process did on one
    core: that core, plus each core's worth of idle time the rest of the machine had meanwhile
    (:data:`FREE_SHARE` of one counts). Without samples spanning :data:`MIN_WINDOW`: the cores
    minus the busier of the 1-minute load average and the processes running now, both counting
    this one.
    """
    cores = usable_cores()
    machine = os.cpu_count() or cores
    if before is not None and after is not None:
        ticks = after[1] - before[1]
        if ticks >= MIN_WINDOW * machine * _clock_ticks():
            idle = max(0.0, after[0] - before[0]) / ticks * machine
            return max(1, min(cores, 1 + int(idle + 1 - FREE_SHARE)))
    busy = _busy_by_load()
    return cores if busy is None else max(1, min(cores, int(cores - max(0.0, busy) + 1 - FREE_SHARE)))


def _busy_by_load() -> float | None:
    """Cores' worth of other work, from the load average and the processes running now (less this one)."""
    try:
        busy = os.getloadavg()[0] - 1
    except (AttributeError, OSError):
        return None
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            busy = max(busy, float(fh.read().split()[3].split("/")[0]) - 1)
    except (OSError, ValueError, IndexError):
        pass
    return busy


def _clock_ticks() -> int:
    try:
        return os.sysconf("SC_CLK_TCK")
    except (AttributeError, ValueError, OSError):
        return 100
