"""A block's sentence spans made :class:`~summarize.model.Sentence` s: their line and time marks, the maker, the
clean view of a spoken sentence, and the column path of a long one-line ASCII block (a caption file's).

Split from :mod:`summarize.segment`, which finds the spans; what is here turns spans into sentences, one at a time
or, for a block of a million caption units, column by column.
"""

from __future__ import annotations

import dataclasses
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import compress, count, repeat
from operator import is_not
from typing import Any

from .._text import CJK_RE
from ..model import Marks, Sentence
from .disfluency import clean, fluent

_SPACES_RE = re.compile(r"\s+")


class _MarkCursor:
    """``Block.line_at`` / ``time_at`` for many offsets of one block: the marks' offsets are split out once (an
    array already for :class:`~summarize.model.Marks`), so each sentence costs one C-level bisection with no key
    function and no pair built per step."""

    __slots__ = ("_offsets", "_values", "_default")

    def __init__(self, marks: Sequence[tuple[int, Any]], default: Any) -> None:
        # A tuple first: ``isinstance`` against ``Marks``, a ``Sequence``, runs the ABC machinery (µs a block).
        if not isinstance(marks, tuple) and isinstance(marks, Marks):
            self._offsets, self._values = marks.offsets, marks.values
        else:
            self._offsets, self._values = [o for o, _ in marks], [v for _, v in marks]
        self._default = default

    def __call__(self, offset: int) -> Any:
        if not self._offsets:
            return self._default
        return self._values[max(bisect_right(self._offsets, offset) - 1, 0)]


#: Spans of one block from which their line and time marks are looked up in one NumPy pass, not one by one.
_BULK_MARKS = 256


def _marks_at(marks: Sequence[tuple[int, Any]], default: Any, offsets: Sequence[int]) -> Sequence[Any]:
    """``_MarkCursor(marks, default)(offset)`` for each of ``offsets``; for many offsets into compact marks (a
    caption block) in one ``searchsorted``, the values read back as the same Python ints and floats."""
    if (
        len(offsets) < _BULK_MARKS or isinstance(marks, tuple) or not isinstance(marks, Marks) or not marks.offsets
        or getattr(marks.offsets, "typecode", "") != "q" or getattr(marks.values, "typecode", "") not in _NUMPY_TYPES
    ):
        at = _MarkCursor(marks, default)
        return [at(offset) for offset in offsets]
    import numpy as np

    found = np.searchsorted(np.frombuffer(marks.offsets, dtype=np.int64), offsets, side="right") - 1
    np.maximum(found, 0, out=found)
    typecode = marks.values.typecode
    # A typed array, not a list: its ints and floats are made one at a time as the sentences are (a million at once
    # held 60 MB more at the peak).
    return array(typecode, np.frombuffer(marks.values, dtype=_NUMPY_TYPES[typecode])[found].tobytes())  # type: ignore[return-value]


_NUMPY_TYPES = {"q": "int64", "d": "float64"}  # array typecodes of Marks and the NumPy types that read them


def _sentence_maker() -> Callable[..., Sentence]:
    """A :class:`Sentence` from its fields in declaration order, checked as ``Sentence.__post_init__`` checks it,
    without the frozen dataclass's ``__init__``: that sets each of its 15 fields through ``object.__setattr__``
    looked up anew, 3-6 µs a sentence, seconds on a caption file of a million. Here each slot's setter is bound
    once. ``tests/segment/test_sentence_maker.py`` holds it to the constructor, fields and errors alike."""
    names = [f.name for f in dataclasses.fields(Sentence)]
    setters = [getattr(Sentence, name).__set__ for name in names]
    if names[:3] != ["id", "text", "lang"] or names[11] != "clean" or len(names) != 15:
        return Sentence  # the fields moved: the constructor itself, which is always right
    (set_id, set_text, set_lang, set_block, set_start, set_end, set_line, set_kind, set_section, set_speaker,
     set_time, set_clean, set_boundary, set_anchor, set_furniture) = setters
    new = object.__new__

    def make(id: int, text: str, lang: str, block: int, start: int, end: int, line: int, kind: str, section: int,
             speaker: str | None, time: float | None, clean: str, boundary: float | None, anchor: str | None,
             furniture: str | None) -> Sentence:
        if lang != "en" and lang != "zh" or not text.strip():
            return Sentence(id, text, lang, block, start, end, line, kind, section, speaker, time, clean, boundary,
                            anchor, furniture)  # raises the constructor's own error
        s = new(Sentence)
        set_id(s, id)
        set_text(s, text)
        set_lang(s, lang)
        set_block(s, block)
        set_start(s, start)
        set_end(s, end)
        set_line(s, line)
        set_kind(s, kind)
        set_section(s, section)
        set_speaker(s, speaker)
        set_time(s, time)
        set_clean(s, clean or text)
        set_boundary(s, boundary)
        set_anchor(s, anchor)
        set_furniture(s, furniture)
        return s

    return make


_new_sentence = _sentence_maker()


def _one_line_block_sentences(
    first_id: int, index: int, block_lang: str, spoken: bool, spans: list[tuple[int, int]], starts: Sequence[int],
    ends: Sequence[int], lines: Sequence[int], times: Sequence[float | None], latin: Sequence[bool],
    unsure: Sequence[bool], margins: dict[tuple[int, int], float], pauses: dict[tuple[int, int], tuple[int, ...]],
    block: Any,
) -> list[Sentence] | None:
    """The sentences :func:`segment`'s loop makes of a long ASCII block with no line break (a caption file's: its
    cues joined by spaces), made column by column in C (slices, margin and pause lookups, then one ``map`` of the
    sentence maker) instead of a Python turn per span; the clean-up asked only of the spans a pause or an unsure
    fact (:func:`~.span_facts.ascii_span_facts`) names. None when the loop is needed: a line break to undo, or a
    span the boundary model did not cut as it stands (its margin is looked up by overlap)."""
    text = block.text
    if "\n" in text:
        return None
    boundaries: list[float | None] = list(map(margins.get, spans)) if margins else [None] * len(spans)
    if margins and None in boundaries:
        return None
    texts = list(map(text.__getitem__, map(slice, starts, ends)))
    cleans = texts.copy()
    held = list(map(pauses.get, spans)) if pauses else None
    redo = set(compress(range(len(spans)), unsure)) if spoken else set()
    if held is not None:
        redo.update(compress(range(len(spans)), map(is_not, held, repeat(None))))
    for i in sorted(redo):
        cleans[i] = _clean_view(texts[i], texts[i], starts[i], held[i] if held is not None else None)
    return list(map(
        _new_sentence, count(first_id), texts, map((block_lang, "en").__getitem__, latin), repeat(index), starts, ends,
        lines, repeat(block.kind), repeat(block.section), repeat(block.speaker), times, cleans, boundaries,
        repeat(block.anchor), repeat(block.furniture),
    ))


def _clean_view(text: str, raw: str, start: int, pauses: tuple[int, ...] | None) -> str:
    """The disfluency-free view of a spoken sentence; for unpunctuated Chinese speech with a comma at each
    pause the boundary model found inside it (``pauses``: offsets in the block), so the view reads as written
    Chinese ("第二个点是流量切换的方式，我们原来是靠改 DNS") and the cleaner's comma rules (a filler between
    commas, 嘛/呢 before one) apply to it as to punctuated speech; for unpunctuated English, a comma where the
    pause model is sure of one ("replace, don't patch, roll out slowly ..."), no word changed."""
    if pauses is None and fluent(text):
        return text  # most cues of a long caption file: nothing to clean, told before the memoised clean-up
    if pauses is not None and not CJK_RE.search(raw):
        # English speech: a comma at the end of each word the pause model marked, the words as they were.
        marked = raw
        for offset in sorted(pauses, reverse=True):
            at = offset - start
            if 0 < at < len(marked):
                marked = marked[:at] + "," + marked[at:]
        return clean(_SPACES_RE.sub(" ", marked)) or text
    if pauses is not None:
        marked = raw
        for offset in sorted(pauses, reverse=True):
            at = offset - start
            if 0 < at < len(marked):
                marked = marked[:at].rstrip() + "，" + marked[at:].lstrip()
        # A recogniser's space between two phrases with no pause worth a comma is no part of Chinese writing.
        text = _HANZI_GAP_RE.sub("", _SPACES_RE.sub(" ", marked))
        text = re.sub(r"\s*，\s*", "，", text)
    return clean(text) or text


_HANZI_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
