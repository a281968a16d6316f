"""Where each whitespace-separated word of a long text starts and ends, found as arrays.

The boundary model (:func:`~.asr.split_unpunctuated`) needs the offsets of every word of a block, and
``re.finditer(r"\\S+")`` gives them one match object at a time: a caption file of a million cues has two
million words, 2-3 CPU seconds of matches and array appends. Here the text's code points are classed as space
or not in one NumPy pass (the whitespace ``\\s`` and ``str.split`` mean: Python's ``str.isspace``), and words
start where a non-space follows a space (or the text's start) and end where a space follows a non-space.
"""

from __future__ import annotations

import functools
from array import array
from typing import Any

__all__ = ["word_spans"]

#: Every code point ``str.isspace`` holds true lies below this (U+3000 IDEOGRAPHIC SPACE is the last);
#: ``tests/segment/test_word_spans.py`` checks it over all of Unicode.
SPACE_LIMIT = 0x3001


@functools.lru_cache(maxsize=1)
def _space_table() -> Any:
    import numpy as np

    return np.array([chr(code).isspace() for code in range(SPACE_LIMIT)], dtype=bool)


def word_spans(text: str) -> tuple[array[int], array[int]]:
    """``(starts, ends)`` of the runs of non-space characters of ``text`` (what ``re.finditer(r"\\S+", text)``
    matches), as ``array("q")`` s."""
    import numpy as np

    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        space = _space_table()[codes]
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        space = np.zeros(len(codes), dtype=bool)
        low = codes < SPACE_LIMIT
        space[low] = _space_table()[codes[low]]
    word = ~space
    edges = np.diff(word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))  # +1 where a word starts, -1 after it
    starts, ends = array("q"), array("q")
    starts.frombytes(np.flatnonzero(edges == 1).astype(np.int64).tobytes())
    ends.frombytes(np.flatnonzero(edges == -1).astype(np.int64).tobytes())
    return starts, ends
