"""The one module that knows the order of the stages: read → segment → score → select → render.

Library callers and the CLI both come through here, so every CLI flag is a parameter.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError
from .model import Document
from .parse import DEFAULT_MAX_BYTES, read_path, read_text
from .segment import segment
from .takeaways import Summary

Source = str | os.PathLike[str] | bytes

_PATH_LIKE_SUFFIXES = (".md", ".markdown", ".txt", ".srt", ".vtt", ".mdx", ".text", ".sbv")


def load(source: Source, *, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and segment a post: a path, ``-`` for stdin, raw bytes, or the text itself.

    1. A ``Path`` (or ``-``) is read from disk (stdin).
    2. ``bytes`` are decoded (UTF-8, UTF-16, GB18030, Big5) and read.
    3. A ``str`` naming an existing file is read from disk; a short one-line ``str`` that
       looks like a file name but does not exist is an error (a typo, not a post);
       any other ``str`` is the text itself.
    """
    if isinstance(source, bytes):
        from .parse import read_bytes

        return segment(read_bytes(source, fmt=fmt))
    if isinstance(source, os.PathLike) or source == "-":
        return segment(read_path(source, fmt=fmt, max_bytes=max_bytes))
    if _is_path(source):
        return segment(read_path(source, fmt=fmt, max_bytes=max_bytes))
    return segment(read_text(source, fmt=fmt))


def _is_path(text: str) -> bool:
    if "\n" in text or len(text) > 1024 or not text.strip():
        return False
    try:
        if Path(text).exists():
            return True
    except (OSError, ValueError):
        return False
    if text.lower().endswith(_PATH_LIKE_SUFFIXES) and " " not in text.strip():
        raise InputError(f"{text}: no such file; check the path, or pass the text itself (it looks like a file name)")
    return False


LANGS = ("auto", "en", "zh")


def summarize(
    source: Source | Document,
    *,
    n: int = 5,
    lang: str = "auto",
    algorithm: str = "takeaways",
    max_words: int | None = None,
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_confidence: float | None = None,
) -> Summary:
    """A post's key takeaways.

    1. Read and segment ``source`` (see :func:`load`), unless it is a Document already.
    2. Score every sentence with ``algorithm`` (``summarize algorithms`` lists them).
    3. Select up to ``n`` sentences in one language (``lang="auto"``: the post's main one),
       within ``max_words`` (characters for Chinese) when given, no near-duplicates,
       in document order (some algorithms give each section its best sentence first).
    4. Past the best one, leave out a takeaway the algorithm is unsure of (confidence under ``min_confidence``;
       None: the algorithm's own bound, 0: never), so a post with three strong points prints three. Not under
       ``max_words``, which asks for that much text.
    5. Polish them into takeaways (clean spoken text, capitalised, with line/time/speaker).
    """
    from .errors import UnknownChoiceError, UsageError
    from .score import get_algorithm
    from .select import drop_unsure, numbered_sections, select, takeaway_units
    from .takeaways import build_summary

    if lang not in LANGS:
        raise UnknownChoiceError("--lang", lang, LANGS)
    if n < 0:
        raise UsageError(f"-n must be 0 or more, not {n}")
    if max_words is not None and max_words <= 0:
        raise UsageError(f"--max-words must be a positive number, not {max_words}")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    chosen_algorithm = get_algorithm(algorithm)
    doc = source if isinstance(source, Document) else load(source, fmt=fmt, max_bytes=max_bytes)
    target = doc.lang or "en" if lang == "auto" else lang
    scores = chosen_algorithm.scorer(doc)
    selection = chosen_algorithm.selection(doc, max_words)
    anchors = chosen_algorithm.pairs(doc, max_words)
    asked = n
    ids = select(doc, scores, n=asked, max_words=max_words, lang=target, **selection)
    # A sentence chosen together with the one it leans on prints as one takeaway with it: ask for one more
    # sentence per such pair, so that ``n`` still means takeaways (a few rounds at most; pairs are rare).
    for _ in range(3):
        short = n - len(takeaway_units(ids, anchors))
        if short <= 0 or len(ids) < asked:
            break
        asked += short
        ids = select(doc, scores, n=asked, max_words=max_words, lang=target, **selection)
    bound = chosen_algorithm.min_confidence if min_confidence is None else min_confidence
    if max_words is None and bound > 0:
        # The post's own points (numbered "Lesson one: …", or under numbered headings) are printed however unsure.
        numbered = numbered_sections(doc)
        own = set(selection["first"]) | {i for i in ids if doc.sentences[i].section in numbered}
        ids = drop_unsure(ids, scores, chosen_algorithm.confidence(doc), min_confidence=bound, anchors=anchors,
                          keep=chosen_algorithm.sure(doc), protected=own)
    return build_summary(doc, ids, algorithm=algorithm, lang=target, anchors=anchors)


def require_prose(doc: Document, purpose: str = "summarize") -> Document:
    """``doc`` itself, or an EmptyInputError that says whether it was empty or only non-prose."""
    from .errors import EmptyInputError

    if doc.sentences:
        return doc
    if not doc.source_chars:
        raise EmptyInputError(f"{doc.source} is empty (or only whitespace): nothing to {purpose}")
    kinds = sorted({b.kind for b in doc.blocks if b.kind in ("code", "table")})
    what = " and ".join(kinds) if kinds else "markup, images or embeds"
    raise EmptyInputError(f"{doc.source} has no prose to {purpose}: only {what}; give a post with some text")
