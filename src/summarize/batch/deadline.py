"""Stopping one post that runs past its time limit, wherever it runs.

Worker processes are simply killed (see :class:`~summarize.batch.engines.ProcessEngine`); a post
summarized in a thread of a process that must live on (this one with ``--jobs 1``, a Dask worker)
is interrupted instead: :func:`deadline` raises :class:`PostTimeout` inside it, by SIGALRM on the
main thread, else by an asynchronous exception sent to its thread. Either arrives between two
Python steps, which is where a summarizer spends its time; a single C call (one regular
expression) finishes first. :func:`~summarize.batch.task.process_file` lets a BaseException
through, so the post ends at once and the caller reports it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

from .task import Result


class PostTimeout(BaseException):
    """Raised in a post that runs past its limit (a BaseException: process_file lets it through)."""


def timed_out(path: str, timeout: float) -> Result:
    return Result(path, error=f"{path}: still running after {timeout:g} s, stopped (raise --timeout, or "
                              "--timeout 0 for no limit)", error_type="TimeoutError")


def can_interrupt_threads() -> bool:
    """Whether this interpreter can raise an exception in another thread (CPython can)."""
    try:
        import ctypes

        return hasattr(ctypes, "pythonapi") and hasattr(ctypes.pythonapi, "PyThreadState_SetAsyncExc")
    except ImportError:  # pragma: no cover - ctypes is missing only from unusual builds
        return False


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """PostTimeout inside the ``with`` body once it has run ``seconds`` (None: no limit)."""
    if seconds is None:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    elif can_interrupt_threads():
        with _thread_alarm(seconds):
            yield
    else:  # pragma: no cover - not CPython: the limit cannot be enforced in a thread
        yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise PostTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    """Make ``thread_id`` raise ``error`` at its next Python step; None withdraws one not raised yet."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(error) if error is not None else None)


@contextlib.contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    """A timer thread raises PostTimeout in this one; once the body is over it never does (a lock
    orders the two), and an exception sent just as the body ended is withdrawn, so nothing stray
    surfaces in whatever this thread runs next."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True, "rang": False}

    def ring() -> None:
        with lock:
            if state["running"]:
                state["rang"] = True
                _raise_in(target, PostTimeout)

    timer = threading.Timer(seconds, ring)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
        timer.cancel()
        if state["rang"]:
            _raise_in(target, None)  # still pending (the body finished first): withdraw it
