"""English sentence boundaries with Punkt on shipped parameters, and data-free word tokens."""

from __future__ import annotations

import functools
import re

from .._resources import punkt
from .en_tokens import treebank_tokens


#: Punkt reads at most this many characters at a time. NLTK runs its regexes under a 5 s wall-clock
#: limit for a whole pass, so one long paragraph of short "sentences" ("1. 1. 1. …", 200 KB) raised
#: TimeoutError; windows keep each pass short, and are cut after a sentence end where there is one.
CHUNK_CHARS = 10_000
_END_RE = re.compile(r"[.!?][\"')\]]*\s+")
_FALLBACK_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s)")


def en_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    while start < end:
        stop = _window_end(text, start, end)
        spans += _punkt_spans(text, start, stop)
        start = stop
    return spans


def _window_end(text: str, start: int, end: int) -> int:
    if end - start <= CHUNK_CHARS:
        return end
    limit, half = start + CHUNK_CHARS, start + CHUNK_CHARS // 2
    cut = None
    for m in _END_RE.finditer(text, half, limit):
        cut = m.end()
    if cut is None:
        space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
        cut = space + 1 if space != -1 else limit
    return cut


def _punkt_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if "." not in chunk and "?" not in chunk and "!" not in chunk:
        # What Punkt returns when no character may end a sentence, without loading it (an English
        # name or heading inside a Chinese post then needs no nltk): one span, trailing space off.
        stop = len(chunk.rstrip())
        return [(start, start + stop)] if chunk[:stop].strip() else []
    try:
        pairs = list(_punkt_pairs(chunk) if len(chunk) <= _MEMO_CHARS else punkt().span_tokenize(chunk))
    except TimeoutError:  # NLTK's ReDoS backstop on a pathological window: cut at plain sentence ends instead
        pairs, a = [], 0
        for m in _FALLBACK_RE.finditer(chunk):
            pairs.append((a, m.end()))
            a = m.end()
        pairs.append((a, len(chunk)))
        pairs = [(a + len(chunk[a:b]) - len(chunk[a:b].lstrip()), b) for a, b in pairs]
    return [(start + a, start + b) for a, b in pairs if chunk[a:b].strip()]


#: Windows up to this long are memoised (4,096 of them: at most 8 MB of keys); longer ones rarely repeat.
_MEMO_CHARS = 2_000


@functools.lru_cache(maxsize=4096)
def _punkt_pairs(chunk: str) -> tuple[tuple[int, int], ...]:
    """Punkt's spans of one window, memoised: Punkt is a pure function of the text on fixed parameters,
    and posts repeat paragraphs (a transcript's "Yeah. Right.", a caption's rolling lines, a digest's
    boilerplate). A window that timed out raises, and nothing is remembered for it."""
    return tuple(punkt().span_tokenize(chunk))


_WORD_RE = re.compile(r"\w")


def en_words(text: str) -> list[str]:
    """Treebank word tokens (our own splitter, ``en_tokens``: NLTK's tokens without NLTK), punctuation-only
    tokens dropped."""
    return [w for w in treebank_tokens(text) if _WORD_RE.search(w)]
