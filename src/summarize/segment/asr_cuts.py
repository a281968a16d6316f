"""Which gaps of unpunctuated speech to cut, given a score per gap: the threshold, the length cap, or a
semi-Markov pass under a prior of unit lengths.

Why apart from the scores: the English model (:mod:`summarize.segment.asr`) and the Chinese one
(:mod:`summarize.segment.asr_zh`) score gaps differently but cap an overlong unit the same way
(:func:`cap_units`), and ``benchmarks/asr_boundaries.py`` tries other decoders on the same scores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .asr_model import length_log_prior
from .unit_cap import long_unit_cuts

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MAX_UNIT_WORDS", "cap_units", "choose_boundaries"]

#: A unit the model left longer than this many words is cut at its highest-scoring gap, so
#: a stretch the statistics know nothing about never becomes one giant "sentence".
MAX_UNIT_WORDS = 50

#: A unit too long with more gaps than this is cut by :func:`~.unit_cap.long_unit_cuts` (up to ``max_words``
#: NumPy steps, the same whatever the unit's length), a shorter one by :func:`cap_units` (a Python step a gap).
_NUMPY_CAP_GAPS = 1_000


def choose_boundaries(scores: np.ndarray, *, length_weight: float = 0.0, max_words: int = MAX_UNIT_WORDS) -> list[int]:
    """Gaps to cut (i = after word i) given per-gap scores, no unit longer than ``max_words``.

    With ``length_weight`` 0 a gap is cut when its score is positive. Otherwise a
    semi-Markov pass maximises the cut gaps' scores plus ``length_weight`` times the shipped
    log-prior of each unit's length (learned from long turns, so it favours spoken-sentence
    lengths over one-word backchannels).
    """
    import numpy as np

    n_words = len(scores) + 1
    max_words = max(1, max_words)
    if length_weight:
        return _semi_markov(scores, length_weight * length_log_prior(), max_words)
    cuts = np.flatnonzero(scores > 0).tolist()
    return _cap_lengths(scores, cuts, n_words, max_words)


def _cap_lengths(scores: np.ndarray, cuts: list[int], n_words: int, max_words: int) -> list[int]:
    """Add a cut at the best gap of every unit longer than ``max_words``, until none is."""
    import numpy as np

    bounds = np.asarray([-1, *cuts, n_words - 1])
    long = np.flatnonzero(np.diff(bounds) > max_words).tolist()
    if not long:
        return cuts  # no unit too long (most text): what cap_units returns, without a step per unit
    # Only the long units go through cap_units, each on its own gaps (a unit's cuts depend on nothing outside it):
    # a caption block of a million short units and a few long ones took a Python step per unit.
    out: list[int] = []
    done = 0
    for k in long:
        a, b = int(bounds[k]), int(bounds[k + 1])
        inner = scores[a + 1 : b]
        out += cuts[done:k]
        # Every gap at once in NumPy for a unit of thousands of words (a caption block with no cut of its own);
        # a unit of a spoken paragraph is a few hundred, where the tree in Python is the cheaper (same cuts).
        local = long_unit_cuts(inner, max_words) if len(inner) > _NUMPY_CAP_GAPS else None
        if local is None:  # a short unit, or a NaN, which cap_units handles
            local = cap_units(inner.tolist(), [], b - a - 1, lambda x, y: y - x > max_words,
                              lambda x, y, inner=inner: x + 1 + int(np.argmax(inner[x + 1 : y])))
        out += [a + 1 + c for c in local]
        done = k
    return out + cuts[done:]


def cap_units(scores: Sequence[float], cuts: list[int], last: int, too_long: Callable[[int, int], bool],
              scan: Callable[[int, int], int]) -> list[int]:
    """``cuts`` plus a cut at the best inner gap of every unit ``too_long(a, b)``, again in each half, until
    none is; in order. A unit (a, b) holds items a+1 .. b (gap i is after item i; ``last`` is the last item);
    its best gap is the first of the highest ``scores[a+1 .. b-1]``.

    Why not take the best gap of each piece by scanning it: when the best gap of a long unit sits near its
    edge (a caption of a million identical cues), every cut rescans nearly the whole unit, quadratic in
    its length. The gaps of a long unit are put in a Cartesian tree instead (each gap's parent is the
    nearer of the higher gaps on either side; equal ones: the earlier is the parent), in linear time: the
    best gap of the unit is the root, and the best gaps of its two halves are the root's children. A unit
    with a NaN score, which orders with nothing, is cut where ``scan(a, b)``, the caller's own scan, says.
    """
    out: list[int] = []
    units: list[tuple[int, int, int | None]] = []  # (a, b, best inner gap when already known)
    start = -1
    for c in [*cuts, last]:
        units.append((start, c, None))
        start = c
    units.reverse()
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    while units:
        a, b, k = units.pop()
        if too_long(a, b):
            if k is None:
                k = _tree_root(scores, a + 1, b, left, right)
            if k is None:  # a NaN inside
                k = scan(a, b)
                units += [(k, b, None), (a, k, None)]
            else:
                units += [(k, b, right.get(k)), (a, k, left.get(k))]
        elif b != last:
            out.append(b)
    return out


def _tree_root(scores: Sequence[float], lo: int, hi: int, left: dict[int, int], right: dict[int, int]) -> int | None:
    """The root of the Cartesian tree of gaps ``lo .. hi-1`` (children into ``left``/``right``); None on a NaN."""
    stack: list[int] = []
    for i in range(lo, hi):
        v = scores[i]
        if v != v:
            return None
        popped = -1
        while stack and scores[stack[-1]] < v:
            popped = stack.pop()
        if popped >= 0:
            left[i] = popped
        if stack:
            right[stack[-1]] = i
        stack.append(i)
    return stack[0]


def _semi_markov(scores: np.ndarray, log_prior: np.ndarray, max_words: int) -> list[int]:
    """Best segmentation under sum(cut scores) + sum(log_prior[unit length - 1]), by dynamic programming."""
    import numpy as np

    n_words = len(scores) + 1
    prior = np.full(max_words, log_prior[-1] if len(log_prior) else 0.0)
    prior[: min(max_words, len(log_prior))] = log_prior[:max_words]
    best = np.full(n_words + 1, -np.inf)
    best[0] = 0.0
    back = np.zeros(n_words + 1, dtype=np.int64)
    for j in range(1, n_words + 1):  # best segmentation of the first j words
        lo = max(0, j - max_words)
        cand = best[lo:j] + prior[j - lo - 1 :: -1]  # the last unit holds words k .. j-1
        k = int(np.argmax(cand))
        best[j] = cand[k] + (scores[j - 1] if j < n_words else 0.0)
        back[j] = lo + k
    cuts = []
    j = int(back[n_words])
    while j > 0:
        cuts.append(j - 1)
        j = int(back[j])
    return cuts[::-1]
