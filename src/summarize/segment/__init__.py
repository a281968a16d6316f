"""Cut a Document's prose blocks into Sentences, each tagged ``en`` or ``zh``.

Per block: newlines are hard breaks except inside English prose (soft-wrapped lines) and
hard-wrapped Chinese paragraphs; each piece is cut at full-width terminators first, then by
the splitter of its language, or by the learned ASR boundary model when it has no
punctuation at all. Every non-space character of a prose block lands in exactly one sentence.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import starmap
from operator import attrgetter, itemgetter, sub

from .._resources import abbreviations as known_abbreviations
from .._resources import ambiguous_abbreviations
from .._text import CJK_RE, guess_lang, lazy_pattern
from ..model import PROSE_KINDS, Document, Marks, Sentence
# Imported here, not in the functions that use them: an import statement in a function runs on every call
# (~2 µs each), and these run per piece and per sentence (a 1M-cue caption file asks for words a million times).
from .asr import MAX_UNIT_WORDS, looks_unpunctuated, split_unpunctuated
from .disfluency import clean, filler_rate, sounds_spoken
from .en import en_spans, en_words
# _MarkCursor and _new_sentence are imported by their tests from here, where they lived.
from .sentence_columns import (  # noqa: F401
    _BULK_MARKS, _clean_view, _marks_at, _MarkCursor, _new_sentence, _one_line_block_sentences,
)
from .span_facts import ascii_span_facts
from .zh import terminator_spans, zh_spans, zh_words

__all__ = ["segment", "block_spans", "reads_as_speech", "words", "words_of"]

#: No sentence is longer than this many characters: past it, text with no sentence ends
#: (minified dumps, a 1 MB line of hanzi) is cut at the best break before the limit, so
#: every later stage sees bounded input.
MAX_SENTENCE_CHARS = 1000
_BREAK_RE = re.compile(r"[，,、；;：:]\s*|\s+")

_SPACES_RE = re.compile(r"\s+")
_START_OF, _END_OF = itemgetter(0), itemgetter(1)
_LANG_OF, _TEXT_OF = attrgetter("lang"), attrgetter("text")

_SPEECH_KINDS = frozenset({"paragraph", "caption"})

#: A sentence end inside a line: a Chinese mark anywhere, a Latin one only before a space or the line's end
#: (the "." of "Istio 1.9" or "e.g" ends nothing).
_SENTENCE_END_RE = re.compile(r"[。！？；…]|[.!?;](?=\s|$)")

_TERMINAL_RE = re.compile(r"[.!?。！？；;…:：\"'”’」』）)】]$")


def segment(doc: Document) -> Document:
    """Return ``doc`` with ``sentences`` and ``lang`` filled in.

    The cyclic garbage collector is paused meanwhile: segmenting allocates a sentence, its spans and its words
    by the million on a long caption file and none of them forms a cycle, while each of the collector's full
    passes walks every object made so far again (a million sentences: 0.9 of 2.3 CPU seconds)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _segment(doc)
    finally:
        if paused:
            gc.enable()


def _segment(doc: Document) -> Document:
    sentences: list[Sentence] = []
    for index, block in enumerate(doc.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        block_lang = guess_lang(block.text)
        spoken = doc.spoken or filler_rate(block.text) > 0.015
        margins: dict[tuple[int, int], float] = {}
        pauses: dict[tuple[int, int], tuple[int, ...]] = {}
        overlaps: _Overlaps | None = None  # built the first time a span is not one the model cut
        spans = block_spans(block.text, block.time_marks, margins, pauses)
        bulk = len(spans) >= _BULK_MARKS
        starts = array("q", map(_START_OF, spans)) if bulk else list(map(_START_OF, spans))
        lines, times = _marks_at(block.line_marks, block.line, starts), _marks_at(block.time_marks, None, starts)
        kind, section, speaker, anchor, furniture = block.kind, block.section, block.speaker, block.anchor, block.furniture
        # A long ASCII block (a caption file's) has each span's language and whether its clean view may differ
        # from it told for all spans at once; any other block asks guess_lang and fluent of each span.
        latin: Sequence[bool] = ()
        unsure: Sequence[bool] = ()
        if bulk and block.text.isascii():
            ends = array("q", map(_END_OF, spans))
            latin, unsure = ascii_span_facts(block.text, starts, ends)
            made = _one_line_block_sentences(len(sentences), index, block_lang, spoken, spans, starts, ends, lines, times,
                                             latin, unsure, margins, pauses, block)
            if made is not None:
                sentences += made
                continue
        for i, (span, line, time) in enumerate(zip(spans, lines, times)):
            start, end = span
            raw = block.text[start:end]
            if "\n" not in raw:
                text = raw
            elif span in margins and CJK_RE.search(raw):
                # Chinese speech cut by the boundary model: a line break there is a pause between phrases, kept as a space.
                text = _SPACES_RE.sub(" ", raw)
            else:
                text = _unwrap(raw)
            # A span the model cut has its margin in the dict (one lookup: a caption block has a million of them).
            margin = margins.get(span) if margins else None
            if margin is None and margins:
                if overlaps is None:
                    overlaps = _Overlaps(margins)
                margin = overlaps(start, end)
            pause = pauses.get(span) if pauses else None
            sentences.append(_new_sentence(
                len(sentences), text, ("en" if latin[i] else block_lang) if latin else guess_lang(text, default=block_lang),
                index, start, end, line, kind, section, speaker, time,
                # A span a boundary model cut with pauses inside (Chinese, or English with commas) is speech whatever
                # the rest of the block says: its commas go into the clean view here, as a later "reads as speech"
                # pass cannot place them.
                text if pause is None and (not spoken or unsure and not unsure[i]) else _clean_view(text, raw, start, pause),
                margin, anchor, furniture,
            ))
    spoken = doc.spoken
    if not spoken and reads_as_speech(sentences):
        # Auto-punctuated speech with no fillers left in it (Whisper, lecture captions): a transcript all
        # the same, so it gets the clean view and everything later stages do for speech.
        spoken = True
        for s in sentences:
            if s.clean == s.text:
                # Set in place, as ``Sentence.__post_init__`` does: these are new and no one else holds them yet
                # (``dataclasses.replace`` on every sentence cost more than cleaning them).
                object.__setattr__(s, "clean", clean(s.text) or s.text)
    return dataclasses.replace(doc, sentences=tuple(sentences), lang=main_language(doc, sentences), spoken=spoken)


def reads_as_speech(sentences: Sequence[Sentence]) -> bool:
    """Whether a document's prose, in either language, sounds like transcribed speech (see
    :func:`~summarize.segment.disfluency.sounds_spoken`), labels and fillers or not."""
    return any(
        sounds_spoken([s.text for s in sentences if s.lang == lang and s.kind in _SPEECH_KINDS], lang) for lang in ("en", "zh")
    )


class _Overlaps:
    """The margin of a span the boundary model did not cut as it stands: the least confident of the model's spans it
    overlaps (None when it overlaps none: punctuation made it). A span the model cut has its own margin, looked up
    in ``margins`` by :func:`segment` before it asks here. The model's spans are sorted once, so each span merged or
    re-cut afterwards (after "Dr.", past :data:`MAX_SENTENCE_CHARS`) costs two bisections and the spans it
    overlaps, not a pass over every span of the block (quadratic on a block of a million cut spans)."""

    __slots__ = ("_starts", "_ends", "_values", "_margins")

    def __init__(self, margins: dict[tuple[int, int], float]) -> None:
        ordered = sorted(margins.items())
        self._starts = [a for (a, _), _ in ordered]
        self._ends = [b for (_, b), _ in ordered]
        self._values = [m for _, m in ordered]
        # The model's units of one block never overlap, so their ends rise with their starts and the spans a
        # given span overlaps are one run of the sorted list; should they not, every span is looked at.
        self._margins = None if all(x <= y for x, y in zip(self._ends, self._ends[1:])) else margins

    def __call__(self, start: int, end: int) -> float | None:
        if self._margins is not None:
            overlapping = [m for (a, b), m in self._margins.items() if a < end and start < b]
            return min(overlapping) if overlapping else None
        # The first span ending after ``start`` to the last starting before ``end``.
        lo, hi = bisect_right(self._ends, start), bisect_left(self._starts, end)
        return min(self._values[lo:hi]) if lo < hi else None


def main_language(doc: Document, sentences: list[Sentence]) -> str:
    """The language most of the prose is in; in a bilingual post (the minority language over 30%), the title's."""
    weight: Counter[str] = Counter()
    langs = list(map(_LANG_OF, sentences))
    by_lang: dict[str, list[str]] = {}
    if langs and langs.count(langs[0]) == len(langs):  # one language (a caption file): its texts taken in C
        by_lang[langs[0]] = list(map(_TEXT_OF, sentences))
    else:
        for s in sentences:
            by_lang.setdefault(s.lang, []).append(s.text)
    for lang, texts in by_lang.items():
        if lang == "zh":  # summed sentence by sentence, as floats add up
            weight[lang] = sum(len(CJK_RE.findall(text)) / 1.5 for text in texts)
        else:  # each sentence split in C, one at a time (a split of them all joined held every word at once)
            weight[lang] = sum(map(len, map(str.split, texts)))
    if not weight:
        return guess_lang(doc.title or "", default="en")
    (top, top_w), *rest = weight.most_common() + [("", 0.0)]
    if doc.title and rest[0][1] > 0.3 * top_w:
        return guess_lang(doc.title, default=top)
    return top


def block_spans(
    text: str, time_marks: Sequence[tuple[int, float]] = (), margins: dict[tuple[int, int], float] | None = None,
    pauses: dict[tuple[int, int], tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """Sentence spans of one block's text, in order, covering every non-space character.

    ``margins``, when given, receives the boundary model's confidence for each span it cut out of
    unpunctuated speech (see :func:`summarize.segment.asr.split_unpunctuated`); ``pauses`` the offsets in
    each span of unpunctuated Chinese where a comma belongs (see
    :func:`summarize.segment.asr_zh.split_unpunctuated_zh`).
    """
    if CJK_RE.search(text) is None:
        spans = _english_spans(text, time_marks, margins, pauses)
    else:
        spans = _mixed_spans(text, time_marks, margins, pauses)
    return _cap_lengths(text, _merge_after_abbreviations(text, spans))


def _english_spans(
    text: str, time_marks: Sequence[tuple[int, float]], margins: dict[tuple[int, int], float] | None,
    pauses: dict[tuple[int, int], tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """:func:`_mixed_spans` of a text without hanzi, as most English prose is: every line of it is English, so
    :func:`_pieces` makes its lines one stretch, and every span of that is English; the same spans without asking
    each line and span for its language (``tests/segment/test_fast_counts.py`` holds the two to each other)."""
    # The stretch :func:`_line_spans` gives: from the start of the first line with a non-space character in it to
    # the end of the last such line.
    stripped = text.lstrip()
    if not stripped:
        return []
    start = text.rfind("\n", 0, len(text) - len(stripped)) + 1
    end = text.find("\n", len(text.rstrip()))
    return _split_piece(text, start, len(text) if end == -1 else end, time_marks, margins, pauses, hanzi=False)


def _mixed_spans(
    text: str, time_marks: Sequence[tuple[int, float]], margins: dict[tuple[int, int], float] | None,
    pauses: dict[tuple[int, int], tuple[int, ...]] | None,
) -> list[tuple[int, int]]:
    """Sentence spans of text in either language or both, before abbreviations are merged and lengths capped."""
    if _unpunctuated_zh(text, lambda: time_marks):
        # Chinese captions break lines wherever a phrase ends: the whole block is one stream.
        return _split_speech(text, 0, len(text), time_marks, margins, zh=True, pauses=pauses)
    spans: list[tuple[int, int]] = []
    for start, end in _pieces(text):
        spans.extend(_split_piece(text, start, end, time_marks, margins, pauses))
    return spans


def _cap_lengths(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not spans or min(starmap(sub, spans)) >= -MAX_SENTENCE_CHARS:
        return spans  # none too long (told in C: a caption block has a million spans)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_SENTENCE_CHARS:
            window = text[a : a + MAX_SENTENCE_CHARS]
            breaks = [m.end() for m in _BREAK_RE.finditer(window) if m.end() > MAX_SENTENCE_CHARS // 2]
            cut = a + (breaks[-1] if breaks else MAX_SENTENCE_CHARS)
            piece = (a, cut)
            while piece[1] > piece[0] and text[piece[1] - 1].isspace():
                piece = (piece[0], piece[1] - 1)
            if piece[1] > piece[0]:
                out.append(piece)
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append((a, b))
    return out


#: The last word of a span, read from a bounded window: an abbreviation is short, and searching the
#: whole span made a 100 KB token quadratic (each start position rescans to the end).
_LAST_WORD_RE = re.compile(r"(\S+)\.$")
_WORD_WINDOW = 64


def _merge_after_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whatever cut a span, it never ends on "Dr." or "e.g.": such a span runs on into the next. After a word
    that is also an ordinary word or a unit ("no", "in", "ms"), it runs on only into a number or a lowercase
    word ("No. 5", "3 min. read"): "Yes or no. And …" and "dropped to 25 ms. Then …" are two sentences."""
    if not any(map(".".__eq__, map(text.__getitem__, map((-1).__add__, map(_END_OF, spans[:-1]))))):
        return spans  # no span but the last ends on a full stop (told in C: a caption block has a million spans)
    abbreviations = known_abbreviations()
    ambiguous = ambiguous_abbreviations()
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and text[merged[-1][1] - 1] == ".":  # the only way the span can end on an abbreviation
            a, b = merged[-1]
            window = max(a, b - _WORD_WINDOW)
            last = _LAST_WORD_RE.search(text[window:b])
            if (
                last
                and (last.start() > 0 or window == a)  # else the word runs on past the window: too long
                and _runs_on(last.group(1).lstrip("(\"'"), text[span[0] : span[0] + 1], abbreviations, ambiguous)
                and text[b : span[0]].strip() == ""
            ):
                merged[-1] = (a, span[1])
                continue
        merged.append(span)
    return merged


def _runs_on(word: str, next_char: str, abbreviations: frozenset[str], ambiguous: frozenset[str]) -> bool:
    """Whether a span ending on ``word`` + "." runs on into the span that starts with ``next_char``."""
    lowered = word.lower()
    if lowered in abbreviations:
        return True
    if lowered not in ambiguous:
        return False
    return next_char.isdigit() or next_char.islower() or word == "Ms"  # "Ms. Okafor": the title


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Runs of lines that belong to one stretch of prose: newlines inside them are soft."""
    lines = list(_line_spans(text))
    if not lines:
        return
    langs = [guess_lang(text[a:b]) for a, b in lines]
    wrapped_zh = _hard_wrapped_chinese(text, lines, langs)
    punctuated = _ZH_FULL_STOP_RE.search(text) is not None
    run_start, run_end = lines[0]
    for k in range(1, len(lines)):
        (a, b), (prev_a, prev_b) = lines[k], lines[k - 1]
        soft = (
            langs[k - 1] == "en" == langs[k] and not CJK_RE.search(text[prev_b - 1 : prev_b] + text[a : a + 1])
        ) or (wrapped_zh and not _TERMINAL_RE.search(text[prev_a:prev_b])) or _zh_runs_on(
            text[prev_a:prev_b], text[a:b], punctuated
        )
        if soft:
            run_end = b
        else:
            yield run_start, run_end
            run_start, run_end = a, b
    yield run_start, run_end


# A Chinese line that cannot end a sentence: it stops on a comma or colon, or on a word that needs what follows
# ("…互操作性规范，例如" then "[KRM 函数规范](…)（GA）" then "和新的 ApplySet 规范（Alpha）。"); or the next line
# opens on a word no sentence opens with (和, 以及, 的 …) after a line that did not end on a full stop.
_ZH_OPEN_END_RE = re.compile(r"(?:[，,、：:；;（(]|例如|比如|包括|以及|或者|和|及|与|的|为|是|在|对|将|把|被|从|向|等)\s*$")
_ZH_CONTINUES_RE = re.compile(r"^\s*(?:和|及|以及|或者|与|的|等|并且|而且|（)")
_ZH_SENTENCE_END_RE = re.compile(r"[。！？!?；;…][\"'”’」』）)】]*\s*$")
_ZH_FULL_STOP_RE = re.compile(r"[。！？]")


def _zh_runs_on(prev: str, cur: str, punctuated: bool) -> bool:
    """Whether a line break inside a Chinese paragraph falls mid-sentence (see :data:`_ZH_OPEN_END_RE`). In a
    paragraph that ends its sentences with 。！？, a line that leaves a begun sentence open is mid-sentence too
    ("…自 2014 年以来，我一直在多个领域从事" then "Kubernetes 工作，并于 2018 年被任命为负责人。")."""
    if not (CJK_RE.search(prev) and CJK_RE.search(cur)):
        return False
    if _ZH_SENTENCE_END_RE.search(prev):
        return False
    if _ZH_CONTINUES_RE.match(cur) is not None:
        return True
    if _ZH_OPEN_END_RE.search(prev) is not None and CJK_RE.search(prev[-12:]) is not None:
        return True
    # The sentence the line leaves open has begun (a comma after its last full stop) and the next line ends one: a
    # heading-like line ("Istio 的历史") or a line on its own with no mark at all stays a sentence of its own.
    tail = _ZH_FULL_STOP_RE.split(prev)[-1]
    return punctuated and re.search(r"[，、：,]", tail) is not None and _ZH_FULL_STOP_RE.search(cur) is not None


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, offset + len(line)
        offset += len(line) + 1


def _hard_wrapped_chinese(text: str, lines: list[tuple[int, int]], langs: list[str]) -> bool:
    """A Chinese paragraph typed with line breaks every ~40 characters, not one sentence per line
    (``langs``: :func:`guess_lang` of each line)."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if len(lines) == 2:
        # "…操作允许您轻松地将\nIstio 与任何外部授权系统集成，…": one long Chinese line with no sentence end in
        # it at all runs on into the next (a line that ended a sentence before it stops is one of its own).
        a, b = body[0]
        first = text[a:b]
        return langs[0] == "zh" and not _SENTENCE_END_RE.search(first) and b - a >= 20
    if any(lang != "zh" for lang in langs[:-1]):
        return False
    unterminated = sum(1 for a, b in body if not _TERMINAL_RE.search(text[a:b]))
    lengths = sorted(b - a for a, b in body)
    return unterminated >= 0.6 * len(body) and lengths[len(lengths) // 2] >= 20


def _split_piece(
    text: str, start: int, end: int, time_marks: Sequence[tuple[int, float]],
    margins: dict[tuple[int, int], float] | None = None,
    pauses: dict[tuple[int, int], tuple[int, ...]] | None = None, *, hanzi: bool = True,
) -> list[tuple[int, int]]:
    """Sentence spans of one stretch of prose; ``hanzi=False`` says the stretch has none (every span is English)."""
    piece = text[start:end]
    if hanzi and _unpunctuated_zh(piece, lambda: _marks_in(time_marks, start, end)):
        return _split_speech(text, start, end, time_marks, margins, zh=True, pauses=pauses)
    if looks_unpunctuated(piece):
        return _split_speech(text, start, end, time_marks, margins, zh=False, pauses=pauses)
    spans: list[tuple[int, int]] = []
    for a, b in terminator_spans(text, start, end):
        if hanzi and guess_lang(text[a:b]) == "zh":
            spans.extend(zh_spans(text, a, b))
        elif time_marks:
            for c, d in en_spans(text, a, b):
                spans.extend(_overlong_caption(text, c, d, time_marks, margins))
        else:
            spans.extend(en_spans(text, a, b))
    return spans


OVERLONG_CAPTION_WORDS = MAX_UNIT_WORDS
"""A "sentence" of a timed caption longer than this many words is speech a recogniser punctuated only here and
there ("good morning everyone, thank you for coming … we did roll back once, that was the registry mirror problem
the results forty clusters moved in about four months"): the boundary model cuts it, as it cuts unpunctuated
speech. Written prose is never timed, so a long written sentence is left as its author wrote it."""


def _overlong_caption(
    text: str, start: int, end: int, time_marks: Sequence[tuple[int, float]],
    margins: dict[tuple[int, int], float] | None,
) -> list[tuple[int, int]]:
    """``[(start, end)]``, or the boundary model's units of it when it is an overlong caption sentence spanning
    two cues or more (:data:`OVERLONG_CAPTION_WORDS`)."""
    if end - start < 2 * OVERLONG_CAPTION_WORDS or len(text[start:end].split()) <= OVERLONG_CAPTION_WORDS:
        return [(start, end)]
    if len(_marks_in(time_marks, start, end)) < 2:
        return [(start, end)]
    return _split_speech(text, start, end, time_marks, margins, zh=False)


def _unpunctuated_zh(text: str, marks: Callable[[], Sequence[tuple[int, float]]]) -> bool:
    """:func:`~summarize.segment.asr_zh.looks_unpunctuated_zh` of ``text`` and its ``marks()``; text with no
    hanzi, which it always refuses, is refused here without loading that module (or its patterns)."""
    if CJK_RE.search(text) is None:
        return False
    from .asr_zh import looks_unpunctuated_zh

    return looks_unpunctuated_zh(text, marks())


def _split_speech(
    text: str, start: int, end: int, time_marks: Sequence[tuple[int, float]],
    margins: dict[tuple[int, int], float] | None, *, zh: bool,
    pauses: dict[tuple[int, int], tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """Cut unpunctuated speech in ``text[start:end]`` with the boundary model of its language."""
    confidence: list[float] = []
    marks = _marks_in(time_marks, start, end)
    if zh:
        from .asr_zh import split_unpunctuated_zh

        inside: list[tuple[int, ...]] = []
        units = [(start + a, start + b) for a, b in split_unpunctuated_zh(text[start:end], marks, confidence, inside)]
        if pauses is not None:
            pauses.update((unit, tuple(start + o for o in offsets)) for unit, offsets in zip(units, inside))
    else:
        commas: list[tuple[int, ...]] | None = [] if pauses is not None else None
        spans = split_unpunctuated(text[start:end], marks, confidence, commas)
        units = spans if start == 0 else [(start + a, start + b) for a, b in spans]  # a caption block is one piece
        if pauses is not None:  # English: only the units with a comma inside (most have none)
            pauses.update((unit, tuple(start + o for o in offsets)) for unit, offsets in zip(units, commas) if offsets)
    if margins is not None:
        margins.update(zip(units, confidence))
    return units


def _marks_in(time_marks: Sequence[tuple[int, float]], start: int, end: int) -> Sequence[tuple[int, float]]:
    """The marks (sorted by offset) that fall in ``[start, end)``, relative to ``start``; by bisection,
    since a block of a long caption file holds one mark per cue and is cut into many pieces. Compact
    :class:`~summarize.model.Marks` stay compact (the whole of a 1M-cue block is one piece)."""
    if isinstance(time_marks, Marks):
        offsets = time_marks.offsets
        lo, hi = bisect_left(offsets, start), bisect_left(offsets, end)
        if lo == 0 and hi == len(offsets) and start == 0:
            return time_marks
        return Marks(array("q", [o - start for o in offsets[lo:hi]]), time_marks.values[lo:hi])
    lo = bisect_left(time_marks, start, key=itemgetter(0))
    hi = bisect_left(time_marks, end, key=itemgetter(0))
    return tuple((o - start, t) for o, t in time_marks[lo:hi])


def _unwrap(raw: str) -> str:
    """A sentence's text with its soft line breaks undone: a space between words, nothing between hanzi."""
    if "\n" not in raw:
        return raw
    return re.sub(r"\s*\n\s*", lambda m: _join_char(raw, m.start(), m.end()), raw)


def _join_char(raw: str, a: int, b: int) -> str:
    before, after = raw[a - 1 : a], raw[b : b + 1]
    cjk_or_mark = _cjk_or_mark_re()
    return "" if cjk_or_mark.match(before) and cjk_or_mark.match(after) else " "


# Hanzi and the full-width marks written between them ("（GA）" then "和新的 …" joins with nothing between).
_cjk_or_mark_re = lazy_pattern(r"[\u3000-\u303f\uff00-\uffef]|" + CJK_RE.pattern)


def words(sentence: Sentence) -> list[str]:
    """Word tokens of a sentence in its own language (jieba for Chinese, Treebank for English)."""
    return words_of(sentence.clean, sentence.lang)


def words_of(text: str, lang: str) -> list[str]:
    """Word tokens of ``text`` in ``lang`` ("zh": jieba; otherwise Treebank)."""
    return zh_words(text) if lang == "zh" else en_words(text)
