"""The cuts the length cap makes in one long unit of speech, found for every gap at once.

:func:`~.asr_cuts.cap_units` cuts a unit longer than ``max_words`` at its best gap, then each half the same way,
until no piece is too long; with a Cartesian tree it is linear, but a Python step per cut, and a caption
block of a million cues with no cut of its own (two million words) is a million steps. Which gaps it cuts can
be told gap by gap: the tree's node for gap ``j`` is the root of the piece that runs from the nearest gap on its
left scoring at least as high (an earlier equal gap is the parent) to the nearest on its right scoring higher,
or to the unit's ends; every ancestor's piece holds that one, so gap ``j`` is cut exactly when its own piece is
too long. Only distances up to ``max_words`` matter, so each gap looks at most that far each way, all gaps of
the unit at once in NumPy, the ones still looking fewer each step. ``tests/segment/test_cap_long_units.py``
holds it to :func:`~.asr_cuts.cap_units`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["long_unit_cuts"]


def long_unit_cuts(scores: Any, max_words: int) -> list[int] | None:
    """The gaps (indices into ``scores``, in order) that :func:`~.asr_cuts.cap_units` cuts in a unit whose gaps
    score ``scores``; None when a score is NaN or infinite (the caller's cap_units handles those)."""
    import numpy as np

    scores = np.asarray(scores, dtype=float)
    m = len(scores)
    if m == 0 or not bool(np.isfinite(scores).all()):
        return None if m else []
    if m + 1 <= max_words:
        return []  # the unit (m + 1 words) is not too long
    reach = max_words
    # Scores with ``reach`` walls of +inf on either side: the unit's ends, which stop every look.
    padded = np.concatenate((np.full(reach, np.inf), scores, np.full(reach, np.inf)))
    left = _distance(padded, scores, reach, -1)
    right = _distance(padded, scores, reach, +1)
    return np.flatnonzero(left + right > max_words).tolist()


def _distance(padded: Any, scores: Any, reach: int, step: int) -> Any:
    """Per gap, how far (1 .. ``reach``, ``reach`` meaning at least that) to the nearest gap on its ``step`` side
    that outranks it: on the left scoring at least as high, on the right scoring higher."""
    import numpy as np

    distance = np.full(len(scores), reach, dtype=np.int64)
    looking = np.arange(len(scores))
    for d in range(1, reach):
        neighbours = padded[looking + reach + step * d]
        found = neighbours >= scores[looking] if step < 0 else neighbours > scores[looking]
        distance[looking[found]] = d
        looking = looking[~found]
        if not len(looking):
            break
    return distance
