"""The Dask engine on a LocalCluster started here: the same bytes as the serial engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA

distributed = pytest.importorskip("distributed")

from summarize.batch import digest  # noqa: E402
from summarize.batch.engines import DaskEngine, EngineError  # noqa: E402
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
