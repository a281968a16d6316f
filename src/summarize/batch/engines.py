"""Where :func:`~summarize.batch.task.process_file` runs: in this process, a process pool, or a Dask cluster.

Every engine maps the same function over ``(path, bytes)`` tasks and yields results as they
finish; none of them knows about caches, ordering or rendering, so none can change the output.
"""

from __future__ import annotations

import importlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol

from ..errors import SummarizeError, UnknownChoiceError, UsageError
from .task import Options, Result, process_chunk, process_file

ENGINES = ("serial", "process", "dask")

#: Posts per round trip to a worker, at most: enough to amortise pickling, small enough to balance.
MAX_CHUNK = 8
#: Chunks in flight per worker: keeps workers busy while bounding the bytes held in memory.
WINDOW = 2

Task = tuple[str, "bytes | None"]
ChunkFunc = Callable[[list[Task], Options], list[Result]]


class MissingDependencyError(SummarizeError, ImportError):
    """An optional dependency (an extra) is not installed; the message names the pip command."""


class EngineError(SummarizeError, RuntimeError):
    """The engine cannot run at all: an unreachable scheduler, no workers, mismatched installs."""


class Engine(Protocol):
    name: str

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        """Results of ``process_file`` for each task, in completion order; ``count`` is the task count."""
        ...

    def close(self) -> None: ...


# A post in each language and a caption snippet: one pass loads Punkt, jieba, the ASR
# boundary model and (with quiz=True) the card machinery, before the first real post.
_WARM_POST = (
    "# Warm-up\n\nThe service mesh routes traffic between services because it is fast. "
    "Istio was created in 2017.\n\n服务网格在服务之间路由流量，因为它很快。Istio 创建于 2017 年。\n"
).encode()
_WARM_CAPTIONS = (
    b"1\n00:00:01,000 --> 00:00:03,000\nso today we are going to talk about\n\n"
    b"2\n00:00:03,000 --> 00:00:05,000\nthe service mesh and how it works\n"
)


def warm(options: Options) -> None:
    """Load every lazy resource the options need, once per worker (the first post would pay otherwise)."""
    for name, data in (("<warm-up>.md", _WARM_POST), ("<warm-up>.srt", _WARM_CAPTIONS)):
        process_file(name, options, data)


def _init_worker(options: Options, warm_up: bool = True) -> None:
    # Ctrl-C goes to the whole process group; only the parent should handle it and stop the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm_up:
        warm(options)


def worker_fingerprint() -> str:
    """The code fingerprint of the process it runs in (compared across a Dask cluster)."""
    from .cache import code_fingerprint

    return code_fingerprint()


def default_jobs() -> int:
    """The cores this process may run on (fewer than os.cpu_count() under taskset or a container quota)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunk_size(count: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK, count // (workers * 4)))


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk


def _failed(chunk: list[Task], error: BaseException, what: str) -> list[Result]:
    message = f"{what} ({type(error).__name__}: {error}); rerun with --jobs 1 to see this file's own error"
    return [Result(path, error=message, error_type="WorkerError") for path, _data in chunk]


class SerialEngine:
    """In this process, one post after another: ``--jobs 1``."""

    name = "serial"

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        for path, data in tasks:
            yield process_file(path, options, data)

    def close(self) -> None:
        pass


class ProcessEngine:
    """A pool of worker processes (``concurrent.futures``), fed chunks through a bounded window.

    A worker that dies (a crash in a C extension, the OOM killer) breaks the whole pool; the
    posts that were in flight are then rerun one at a time in a fresh pool, so only the post
    that kills its worker again is reported as an error.
    """

    name = "process"

    def __init__(self, jobs: int, *, func: ChunkFunc = process_chunk, mp_context: Any = None,
                 warm_up: bool = True) -> None:
        self.jobs = jobs
        self.func = func
        self.mp_context = mp_context
        self.warm_up = warm_up

    def _pool(self, workers: int, options: Options) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self.mp_context, initializer=_init_worker,
                                   initargs=(options, self.warm_up))

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        if count <= 1 and self.func is process_chunk:  # a pool (and its warm-up) for one post is pure overhead
            yield from SerialEngine().map(tasks, options, count)
            return
        workers = max(1, min(self.jobs, count))
        yield from self._run(_chunks(tasks, chunk_size(count, workers)), options, workers)

    def _run(self, chunks: Iterator[list[Task]], options: Options, workers: int) -> Iterator[Result]:
        pool = self._pool(workers, options)
        running: dict[Future[list[Result]], list[Task]] = {}
        try:
            while True:
                suspects: list[Task] = []
                while len(running) < workers * WINDOW:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    try:
                        running[pool.submit(self.func, chunk, options)] = chunk
                    except BrokenProcessPool:
                        suspects += chunk
                        break
                if not running and not suspects:
                    return
                if running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        chunk = running.pop(future)
                        yield from self._collect(future, chunk, suspects)
                if suspects:  # the pool is broken: let in-flight work finish or fail, then isolate
                    for future in list(running):
                        yield from self._collect(future, running.pop(future), suspects)
                    pool.shutdown(wait=True, cancel_futures=True)
                    yield from self._isolate(suspects, options)
                    pool = self._pool(workers, options)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _collect(future: Future[list[Result]], chunk: list[Task], suspects: list[Task]) -> Iterator[Result]:
        try:
            results = future.result()
        except BrokenProcessPool:
            suspects += chunk
            return
        except Exception as error:  # e.g. a result that cannot be pickled back
            results = _failed(chunk, error, "the worker could not return this post")
        yield from results

    def _isolate(self, suspects: list[Task], options: Options) -> Iterator[Result]:
        """Each suspect alone in a one-worker pool: the one that breaks it again is the culprit."""
        pool = self._pool(1, options)
        try:
            for task in suspects:
                try:
                    results = pool.submit(self.func, [task], options).result()
                except BrokenProcessPool as error:
                    results = _failed([task], error, "the worker process died while summarizing this post")
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = self._pool(1, options)
                except Exception as error:
                    results = _failed([task], error, "the worker could not return this post")
                yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        pass


class DaskEngine:
    """The same chunks on a Dask distributed cluster (``pip install "summarize[dask]"``).

    Workers need the same summarize installed (checked before any work); they receive each
    post's bytes, so they need not see the files. Give a ``client``, or a ``scheduler`` address
    to connect to (that connection is closed again by :meth:`close`).
    """

    name = "dask"

    def __init__(self, *, client: Any = None, scheduler: str | None = None, connect_timeout: float = 15.0) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")  # untyped; optional
        except ImportError:
            raise MissingDependencyError(
                "the dask engine needs dask.distributed, which is not installed; "
                'pip install "summarize[dask]" (or use --engine process)'
            ) from None
        self._own = client is None
        if client is None:
            if not scheduler:
                raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786), "
                                 "the address `dask scheduler` prints")
            try:
                client = distributed.Client(scheduler, set_as_default=False, timeout=connect_timeout)
            except (OSError, TimeoutError, ValueError) as error:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {scheduler!r} ({error}); check the address "
                    "(start one with `dask scheduler`), or use --engine process"
                ) from None
        self.client = client

    def _check_workers(self) -> int:
        try:
            self.client.wait_for_workers(1, timeout=30)
        except TimeoutError:
            raise EngineError("the Dask cluster has no workers after 30 s; start some with "
                              "`dask worker SCHEDULER_ADDRESS`") from None
        mine = worker_fingerprint()
        theirs = self.client.run(worker_fingerprint)
        odd = sorted(address for address, print_ in theirs.items() if print_ != mine)
        if odd:
            import summarize

            raise EngineError(
                f"Dask worker(s) {', '.join(odd)} run different summarize code than this process "
                f"(version {summarize.__version__}, code {mine}); install the same summarize on every worker"
            )
        return len(theirs)

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        as_completed: Any = importlib.import_module("distributed").as_completed

        if count <= 0:
            return
        workers = self._check_workers()
        self.client.run(warm, options)
        chunks = _chunks(tasks, chunk_size(count, workers))
        running: dict[Any, list[Task]] = {}
        pending = as_completed(loop=self.client.loop)

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            future = self.client.submit(process_chunk, chunk, options, pure=False)
            running[future] = chunk
            pending.add(future)
            return True

        for _ in range(workers * WINDOW):
            if not submit():
                break
        try:
            for future in pending:
                chunk = running.pop(future)
                try:
                    results = future.result()
                except Exception as error:  # a worker lost (KilledWorker), a cancelled future
                    results = _failed(chunk, error, "the Dask task for this post failed")
                future.release()
                yield from results
                submit()
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_engine(name: str | None = None, *, jobs: int = 1, client: Any = None,
                scheduler: str | None = None) -> Engine:
    """The engine for these settings: ``dask`` when given a client or scheduler, else ``process`` when ``jobs > 1``."""
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs} (the default is every core: {default_jobs()})")
    if name is None:
        name = "dask" if client is not None or scheduler else "process" if jobs > 1 else "serial"
    if name not in ENGINES:
        raise UnknownChoiceError("--engine", name, ENGINES)
    if name != "dask" and (client is not None or scheduler):
        raise UsageError(f"--scheduler (or client=) goes with --engine dask, not --engine {name}")
    if name == "serial":
        return SerialEngine()
    if name == "process":
        return ProcessEngine(jobs)
    return DaskEngine(client=client, scheduler=scheduler)
