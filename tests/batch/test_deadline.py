"""The per-post time limit, on the main thread (SIGALRM) and on any other (an exception sent to it)."""

from __future__ import annotations

import threading
import time

import pytest

from summarize.batch.deadline import PostTimeout, deadline


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.005)


def _in_thread(func) -> BaseException | str:  # type: ignore[no-untyped-def]
    box: list[BaseException | str] = []

    def run() -> None:
        try:
            box.append(func())
        except BaseException as error:  # noqa: BLE001 - the test looks at what arrived
            box.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return box[0]


@pytest.mark.parametrize("where", ["main", "thread"])
def test_a_body_past_its_limit_is_interrupted(where: str) -> None:
    """PostTimeout arrives inside the body, well before it would have finished."""
    def body() -> str:
        start = time.monotonic()
        try:
            with deadline(0.3):
                _spin(20)
        except PostTimeout:
            return f"stopped after {time.monotonic() - start:.1f}"
        return "ran to the end"

    outcome = body() if where == "main" else _in_thread(body)
    assert isinstance(outcome, str) and outcome.startswith("stopped"), outcome
    assert float(outcome.split()[-1]) < 10


def test_nothing_stray_after_a_thread_body_ends_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A timer that fires after the body has ended (here: cancelling it is made to fail, the widest form
    of that race) raises nothing in the code that runs next in the thread."""
    import summarize.batch.deadline as module

    class Uncancellable(threading.Timer):
        def cancel(self) -> None:
            pass

    monkeypatch.setattr(module.threading, "Timer", Uncancellable)

    def quick_then_more() -> str:
        with deadline(0.1):
            pass
        _spin(0.5)  # the timer rings in here; a PostTimeout would escape and fail the test
        return "ran to the end"

    assert _in_thread(quick_then_more) == "ran to the end"


def test_no_limit_is_no_op() -> None:
    with deadline(None):
        _spin(0.01)
