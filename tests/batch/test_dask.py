"""The Dask engine on a LocalCluster started here: the same bytes as the serial engine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA

distributed = pytest.importorskip("distributed")

from summarize.batch import digest  # noqa: E402
from summarize.batch.engines import DaskEngine, EngineError, make_engine  # noqa: E402
from summarize.batch.task import Options  # noqa: E402
from summarize.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local


def test_dask_engine_matches_serial(cluster: Any, posts: Path) -> None:
    """With a Client: identical Markdown, HTML and JSON to --jobs 1.

    The cluster's workers are spawned, so each has its own str hash seed: this also guards against
    output that depends on set iteration order (forked pool workers share the parent's seed).
    """
    paths = [posts, CORPORA]
    serial = digest(paths, quiz=True, jobs=1)
    with distributed.Client(cluster, set_as_default=False) as client:
        on_dask = digest(paths, quiz=True, engine="dask", client=client)
        assert client.status == "running"  # a client we were given is left open
    for fmt in ("md", "html", "json"):
        assert on_dask.render(fmt) == serial.render(fmt)
    assert [r.path for r in on_dask.errors] == [str(posts / "broken.md"), str(posts / "empty.txt")]


def test_dask_cli(cluster: Any, posts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`summarize digest --engine dask --scheduler ADDRESS` prints what --jobs 1 prints."""
    assert main(["digest", str(posts), "--no-cache", "--jobs", "1", "--format", "json"]) == 0
    serial = capsys.readouterr().out
    assert main(["digest", str(posts), "--no-cache", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                 "--format", "json"]) == 0
    assert capsys.readouterr().out == serial


def test_unreachable_scheduler_is_a_clear_error() -> None:
    """A scheduler nobody listens on: an EngineError naming the address and the alternative."""
    with pytest.raises(EngineError, match=r"cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'.*--engine process"):
        DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=1)


def _slow_for(name: str, real):  # type: ignore[no-untyped-def]
    """process_file, except that ``name`` runs for 30 s of Python steps (as a runaway post would)."""

    def slow(path: str, options, data=None):  # type: ignore[no-untyped-def]
        if Path(path).name == name:
            end = time.monotonic() + 30
            while time.monotonic() < end:
                time.sleep(0.01)
        return real(path, options, data)

    return slow


def test_timeout_is_enforced_on_dask_workers(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A post past the timeout on a Dask worker is reported as TimeoutError, and the same worker
    (one thread) goes on to summarize the next posts cleanly: nothing stray is raised in it later."""
    import summarize.batch.engines as engines

    monkeypatch.setattr(engines, "process_file", _slow_for("bravo.md", engines.process_file))
    # Workers as threads of this process, so the patched function is the one they run (and a free port for the
    # HTTP server an in-process scheduler starts anyway, or it warns when 8787 is taken).
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0",
                                  silence_logs=40) as local, distributed.Client(local, set_as_default=False) as client:
        engine = DaskEngine(client=client, timeout=1)
        tasks = [(str(posts / name), None) for name in ("bravo.md", "alpha.md", "delta.txt")]
        start = time.monotonic()
        results = {Path(r.path).name: r for r in engine.map(tasks, Options(), len(tasks))}
        assert time.monotonic() - start < 25  # the slow post alone would take 30 s
    assert results["bravo.md"].error_type == "TimeoutError" and "still running after 1 s" in results["bravo.md"].error
    assert results["alpha.md"].ok and results["delta.txt"].ok


def test_cli_timeout_reaches_the_dask_engine() -> None:
    """`--engine dask --timeout 30` builds an engine holding that limit (the default, 60 s, too)."""
    engine = make_engine("dask", scheduler=None, client=_Unused(), timeout=30)
    assert isinstance(engine, DaskEngine) and engine.timeout == 30


class _Unused:
    """A stand-in client: make_engine only stores it."""
