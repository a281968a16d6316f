"""Where :func:`~summarize.batch.task.process_file` runs: in this process, worker processes, or a Dask cluster.

Every engine maps the same function over ``(path, bytes)`` tasks and yields results as they
finish; none of them knows about caches, ordering or rendering, so none can change the output.

Workers start warm: the parent loads what the posts need (Punkt, jieba, the boundary model,
the quiz machinery) once, then forks, so no worker pays its own second or two of loading.
Each worker holds one post at a time, so a post over its time limit is stopped by killing its
worker (a fresh one is forked from the warm parent), and a worker that dies takes only its own
post with it. Workers ignore Ctrl-C (the parent stops them) and die with the parent.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any, Protocol

from ..errors import SummarizeError, UnknownChoiceError, UsageError
from .cores import cpu_sample, free_cores, usable_cores
from .deadline import PostTimeout, deadline, timed_out
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
_WARM_EN = (
    "# Warm-up\n\nThe service mesh routes traffic between services because it is fast. "
    "Istio was created in 2017.\n"
).encode()
_WARM_ZH = "# 预热\n\n服务网格在服务之间路由流量，因为它很快。Istio 创建于 2017 年。\n".encode()
_WARM_CAPTIONS = (
    b"1\n00:00:01,000 --> 00:00:03,000\nso today we are going to talk about\n\n"
    b"2\n00:00:03,000 --> 00:00:05,000\nthe service mesh and how it works\n"
)

#: Below this many posts to process, ``jobs="auto"`` works in this process: forking and loading
#: what every post might need costs more than it saves (see docs/BENCHMARKS.md, batch section).
MIN_PARALLEL_POSTS = 8
#: With ``jobs="auto"``, each worker should get at least this many posts.
MIN_POSTS_PER_WORKER = 4
#: Posts read ahead to decide what to load before forking (Chinese text needs jieba).
SNIFF = 16


def warm(options: Options, *, zh: bool = True, captions: bool = True) -> None:
    """Load every lazy resource the options need, once per process (the first post would pay otherwise)."""
    posts = [("<warm-up>.md", _WARM_EN)]
    if zh:
        posts.append(("<warm-up>.zh.md", _WARM_ZH))
    if captions:
        posts.append(("<warm-up>.srt", _WARM_CAPTIONS))
    for name, data in posts:
        process_file(name, options, data)


def _needs(tasks: list[Task]) -> dict[str, bool]:
    """What to load before forking, from the first posts: the boundary model for captions and transcripts;
    jieba when most of them are Chinese. With fewer, workers without jieba take the posts without Chinese
    while one loads it (see :class:`_Lookahead`), which starts the work a second sooner."""
    zh = sum(data is None or _has_cjk(data) for _path, data in tasks)
    captions = any(data is None or path.lower().endswith((".srt", ".vtt", ".txt")) or b"-->" in data[:4096]
                   for path, data in tasks)
    return {"zh": zh * 2 >= max(1, len(tasks)), "captions": captions}


class _Lookahead:
    """Posts read ahead of the workers, so that one worker loads jieba and takes the Chinese posts while the
    others take the posts without Chinese, instead of every worker loading it; and so that the largest go
    first (a large post handed out last keeps one worker busy while the others have nothing left)."""

    def __init__(self, tasks: Iterator[Task], size: int) -> None:
        self.tasks, self.size = tasks, size
        self.buffer: list[tuple[Task, bool]] = []

    def take(self, has_zh: bool) -> tuple[Task, bool] | None:
        """The largest post read ahead of the kind asked for (else of the other kind), so the posts
        left for the end are the small ones and the workers finish together."""
        while len(self.buffer) < self.size:
            task = next(self.tasks, None)
            if task is None:
                break
            self.buffer.append((task, task[1] is None or _has_cjk(task[1])))
        if not self.buffer:
            return None
        kind = [i for i, (_task, zh) in enumerate(self.buffer) if zh == has_zh] or range(len(self.buffer))
        return self.buffer.pop(max(kind, key=lambda i: len(self.buffer[i][0][1] or b"")))


#: Hanzi (CJK Unified Ideographs): what makes a post need jieba.
_HANZI_RE = re.compile("[\u4e00-\u9fff]")


def _has_cjk(data: bytes) -> bool:
    # A regular expression, not a loop over characters: the parent scans every post before a worker gets it,
    # on a core the workers need (the 48 posts of benchmarks/batch.py, 950 KB: 45 ms as a loop, 6 ms so).
    return _HANZI_RE.search(data[:200_000].decode("utf-8", errors="ignore")) is not None


def worker_fingerprint() -> str:
    """The code fingerprint of the process it runs in (compared across a Dask cluster)."""
    from .cache import code_fingerprint

    return code_fingerprint()


def default_jobs() -> int:
    """The most workers any ``--jobs`` gets: :func:`~.cores.usable_cores` (affinity, container quota)."""
    return usable_cores()


def chunk_size(count: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK, count // (workers * 4)))


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk


def _failed(chunk: list[Task], error: BaseException | str, what: str) -> list[Result]:
    detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    message = f"{what} ({detail}); rerun with --jobs 1 to see this file's own error"
    return [Result(path, error=message, error_type="WorkerError") for path, _data in chunk]


def _within(timeout: float | None, func: Callable[[str, Options, bytes | None], Result], path: str,
            options: Options, data: bytes | None) -> Result:
    """``func(path, options, data)``, or the TimeoutError result once it has run ``timeout`` seconds."""
    try:
        with deadline(timeout):
            return func(path, options, data)
    except PostTimeout:
        assert timeout is not None
        return timed_out(path, timeout)


class SerialEngine:
    """In this process, one post after another: ``--jobs 1``. A post past ``timeout`` is interrupted
    (SIGALRM on the main thread, else an exception sent to its thread: see :mod:`.deadline`)."""

    name = "serial"

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = timeout

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        for path, data in tasks:
            yield _within(self.timeout, process_file, path, options, data)

    def close(self) -> None:
        pass


def _set_parent_death_signal() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM arriving while a worker is forked is acted on once the fork is done.

    Python runs a signal's handler wherever the main thread happens to be. During a fork that is
    in the at-fork hooks (logging's lock release), where a KeyboardInterrupt is printed as
    "Exception ignored" and dropped: the run carried on and wrote its output. In the child, before
    it ignores Ctrl-C, it was a traceback. Here the handlers only note the signal meanwhile; the
    child drops the note (it ignores Ctrl-C next), the parent then runs its own handler.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # handlers run on the main thread, never in this thread's fork
        return
    noted: list[int] = []

    def note(signum: int, frame: Any) -> None:
        noted.append(signum)

    held = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    held = {sig: handler for sig, handler in held.items() if callable(handler)}  # SIG_DFL, SIG_IGN: the OS acts
    for sig in held:
        signal.signal(sig, note)
    try:
        yield
    finally:
        for sig, handler in held.items():
            signal.signal(sig, handler)
        if noted:
            held[noted[0]](noted[0], None)  # KeyboardInterrupt, or the CLI's SIGTERM exception


def _serve(conn: Any, parent: int, options: Options, func: ChunkFunc, warm_up: bool) -> None:
    """A worker's life: take one post, send its result back, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked copy of the CLI's handler must not run here
    _set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(0)
    if warm_up:
        warm(options)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        results = func([task], options)
        try:
            conn.send(results)
        except Exception as error:  # a result that cannot be pickled
            conn.send(_failed([task], error, "the worker could not return this post"))


class _Worker:
    def __init__(self, context: Any, options: Options, func: ChunkFunc, warm_up: bool, zh_ready: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid(), options, func, warm_up),
                                       daemon=True, name="summarize-worker")
        try:
            with _signals_held():
                self.process.start()
        except BaseException:  # Ctrl-C (or SIGTERM) during the fork: this worker must not outlive it
            self.kill()
            raise
        finally:
            child.close()
        self.task: Task | None = None
        self.deadline = float("inf")
        self.has_zh = zh_ready
        """Whether jieba is loaded in it (inherited, or loaded for a Chinese post it was given)."""

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(1)
        with contextlib.suppress(Exception):
            self.conn.close()


class ProcessEngine:
    """Worker processes forked from this one after it has loaded what the posts need.

    ``jobs`` is the most workers to use, never more than the cores this process may run on
    (:func:`~.cores.usable_cores`), so ``jobs=8`` on two cores is ``jobs=2``. With ``auto=True``
    also never more than the cores found idle while this process warms up, one per
    :data:`MIN_POSTS_PER_WORKER` posts, and none at all (this process does the work, exactly as
    :class:`SerialEngine` would) for fewer than :data:`MIN_PARALLEL_POSTS` posts or one free core.
    """

    name = "process"

    def __init__(self, jobs: int, *, func: ChunkFunc = process_chunk, mp_context: Any = None,
                 warm_up: bool = True, timeout: float | None = None, auto: bool = False) -> None:
        self.jobs = jobs
        self.func = func
        self._context = mp_context
        self.warm_up = warm_up
        self.timeout = timeout
        self.auto = auto
        self.workers_used = 0
        """How many workers the last map() used (0: it ran in this process)."""
        self._zh_ready = True

    @property
    def context(self) -> Any:
        """The multiprocessing context workers are made with, imported the first time a worker is needed."""
        if self._context is None:
            self._context = _default_context()
        return self._context

    def map(self, tasks: Iterable[Task], options: Options, count: int) -> Iterator[Result]:
        self.workers_used = 0
        if count <= 0:
            return
        custom = self.func is not process_chunk
        workers = min(self.jobs, usable_cores(), count)
        if self.auto:
            workers = min(workers, count // MIN_POSTS_PER_WORKER) if count >= MIN_PARALLEL_POSTS else 1
        if workers <= 1 and not custom:  # the serial path itself: nothing read ahead, loaded or probed
            yield from SerialEngine(self.timeout).map(tasks, options, count)
            return
        before = cpu_sample()
        it = iter(tasks)
        head = list(islice(it, SNIFF))
        needs = _needs(head)
        decided_here = self.auto and not custom and len(head) > 1
        if decided_here:
            # The default decides while doing real work: the first post runs here (loading what it needs, as
            # serial would), and the cores found idle meanwhile say whether workers pay. Beside a CPU-bound
            # neighbour the answer is serial, and nothing was spent on a warm-up that serial never needed.
            first, head = head[0], head[1:]
            yield from SerialEngine(self.timeout).map([first], options, 1)
            workers = min(workers, free_cores(before, cpu_sample()), count - 1)
            if workers <= 1:
                yield from SerialEngine(self.timeout).map(chain(head, it), options, count - 1)
                return
        forked = self.context.get_start_method() == "fork"
        if self.warm_up and forked and not custom:
            warm(options, **needs)  # inherited by every worker; what serial would load for these posts anyway
        self._zh_ready = needs["zh"] or not forked
        if self.auto and not custom and not decided_here:  # measured over the warm-up instead
            workers = min(workers, free_cores(before, cpu_sample()))
        if workers <= 1 and not custom:
            yield from SerialEngine(self.timeout).map(chain(head, it), options, count)
            return
        self.workers_used = max(1, workers)
        yield from self._run(chain(head, it), options, self.workers_used, warm_in_child=self.warm_up and not forked)

    def _run(self, tasks: Iterator[Task], options: Options, workers: int, warm_in_child: bool) -> Iterator[Result]:
        from multiprocessing.connection import wait

        def spawn() -> _Worker:
            return _Worker(self.context, options, self.func, warm_in_child, self._zh_ready)

        # Objects alive now (the loaded dictionaries) leave the collector's view, so a worker's garbage
        # collections do not touch, and so copy, the pages it shares with this process.
        gc.freeze()
        idle: list[_Worker] = []
        busy: dict[Any, _Worker] = {}
        pending = _Lookahead(tasks, 4 * workers + SNIFF)
        try:
            for _ in range(workers):
                idle.append(spawn())
            while True:
                while idle:
                    worker = idle.pop()
                    # No worker has jieba yet: this one loads it, on a Chinese post; else each keeps to its kind.
                    first_zh = not worker.has_zh and not any(w.has_zh for w in (*idle, *busy.values()))
                    taken = pending.take(worker.has_zh or first_zh)
                    if taken is None:
                        idle.append(worker)
                        break
                    task, zh = taken
                    worker.has_zh = worker.has_zh or zh
                    worker.task = task
                    worker.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
                    try:
                        worker.conn.send(task)
                    except (OSError, ValueError):  # it died while idle: a fresh one takes the post
                        worker.kill()
                        worker = spawn()
                        worker.has_zh = worker.has_zh or zh
                        worker.task, worker.deadline = task, time.monotonic() + (self.timeout or float("inf"))
                        worker.conn.send(task)
                    busy[worker.conn] = worker
                if not busy:
                    return
                soonest = min(w.deadline for w in busy.values())
                wait_for = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
                for conn in wait(list(busy), timeout=wait_for):
                    worker = busy.pop(conn)
                    assert worker.task is not None
                    try:
                        results = conn.recv()
                    except (EOFError, OSError) as error:
                        worker.process.join(1)
                        code = worker.process.exitcode if worker.process.exitcode is not None else error
                        results = _failed([worker.task], f"exit code {code}",
                                          "the worker process died while summarizing this post")
                        worker.kill()
                        worker = spawn()
                    except Exception as error:  # a result that does not unpickle (it failed validation)
                        results = _failed([worker.task], error, "the worker could not return this post")
                    yield from results
                    worker.task = None
                    idle.append(worker)
                now = time.monotonic()
                for conn, worker in list(busy.items()):
                    if worker.deadline <= now:
                        del busy[conn]
                        assert worker.task is not None and self.timeout is not None
                        worker.kill()
                        yield timed_out(worker.task[0], self.timeout)
                        idle.append(spawn())
        finally:
            for worker in [*idle, *busy.values()]:
                worker.kill()
            gc.unfreeze()

    def close(self) -> None:
        pass


def _default_context() -> Any:
    """fork where it is safe and the default (Linux): workers inherit the warm parent; spawn elsewhere."""
    import multiprocessing  # here, not at the top: serial runs (``--jobs 1``, a few posts) never import it

    method = "fork" if sys.platform.startswith("linux") else None
    return multiprocessing.get_context(method)


class DaskEngine:
    """The same chunks on a Dask distributed cluster (``pip install "summarize[dask]"``).

    Workers need the same summarize installed (checked before any work); they receive each
    post's bytes, so they need not see the files. Give a ``client``, a ``scheduler`` address
    to connect to, or neither: a local cluster of ``jobs`` one-thread worker processes is started
    (what this engine opens, :meth:`close` closes). A post past ``timeout`` is interrupted in the
    worker's thread (see :mod:`.deadline`), so the worker lives on for the next one.
    """

    name = "dask"

    def __init__(self, *, client: Any = None, scheduler: str | None = None, connect_timeout: float = 5.0,
                 jobs: int | None = None, timeout: float | None = None) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")  # untyped; optional
        except ImportError:
            raise MissingDependencyError(
                "the dask engine needs dask.distributed, which is not installed; "
                'pip install "summarize[dask]" (or use --engine process)'
            ) from None
        self.timeout = timeout
        self._own = client is None
        self._cluster: Any = None
        if client is None and not scheduler:
            self._cluster = distributed.LocalCluster(
                n_workers=max(1, min(jobs or default_jobs(), default_jobs())), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=40)
            client = distributed.Client(self._cluster, set_as_default=False)
        elif client is None:
            try:
                client = _connect(distributed, scheduler, connect_timeout)
            except Exception as error:  # refused, timed out, or something that does not speak Dask
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
            future = self.client.submit(_deadline_chunk, chunk, options, self.timeout, pure=False)
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
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _deadline_chunk(chunk: list[Task], options: Options, timeout: float | None) -> list[Result]:
    """:func:`process_chunk` on a Dask worker, each post under its own ``timeout``."""
    return [_within(timeout, process_file, path, options, data) for path, data in chunk]


def _connect(distributed: Any, address: str, seconds: float) -> Any:
    """A Client for ``address``, or TimeoutError after ``seconds`` whatever the address does (a host
    that drops packets would otherwise hold the connection attempt for the OS's own timeout)."""
    import concurrent.futures

    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="summarize-dask-connect")
    future = pool.submit(distributed.Client, address, set_as_default=False, timeout=seconds)
    try:
        return future.result(timeout=seconds + 0.5)
    except concurrent.futures.TimeoutError:
        raise TimeoutError(f"no answer within {seconds:g} s") from None
    finally:
        pool.shutdown(wait=False)


def make_engine(name: str | None = None, *, jobs: int | str = 1, client: Any = None,
                scheduler: str | None = None, count: int | None = None, timeout: float | None = None) -> Engine:
    """The engine for these settings: ``dask`` when given a client or scheduler, else ``process`` when
    ``jobs > 1`` or ``"auto"``, else ``serial``. ``jobs="auto"`` with ``count`` (the posts to run) under
    :data:`MIN_PARALLEL_POSTS` is ``serial`` outright; with more, one worker per free core. ``jobs``
    above :func:`default_jobs` is clamped to it."""
    auto = jobs == "auto"
    if not auto and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise UsageError(f"--jobs must be 1 or more, or auto, not {jobs!r} (auto: one per free core, "
                         f"here at most {default_jobs()})")
    workers = default_jobs() if auto else min(int(jobs), default_jobs())
    few = count is not None and count < (MIN_PARALLEL_POSTS if auto else 2)
    if name is None:
        parallel = (auto or workers > 1) and not few
        name = "dask" if client is not None or scheduler else "process" if parallel else "serial"
    if name not in ENGINES:
        raise UnknownChoiceError("--engine", name, ENGINES)
    if name != "dask" and (client is not None or scheduler):
        raise UsageError(f"--scheduler (or client=) goes with --engine dask, not --engine {name}")
    if name == "serial":
        return SerialEngine(timeout)
    if name == "process":
        return ProcessEngine(workers, timeout=timeout, auto=auto)
    return DaskEngine(client=client, scheduler=scheduler, jobs=None if auto else int(jobs), timeout=timeout)
