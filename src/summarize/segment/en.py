"""English sentence boundaries with Punkt on shipped parameters, and data-free word tokens."""

from __future__ import annotations

import re

from .._resources import punkt, treebank


def en_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [(start + a, start + b) for a, b in punkt().span_tokenize(chunk) if chunk[a:b].strip()]


_WORD_RE = re.compile(r"\w")


def en_words(text: str) -> list[str]:
    """Treebank word tokens (needs no nltk_data), punctuation-only tokens dropped."""
    return [w for w in treebank().tokenize(text) if _WORD_RE.search(w)]
