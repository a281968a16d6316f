"""English sentence boundaries with Punkt on shipped parameters, and data-free word tokens."""

from __future__ import annotations

import functools
import re

from .._resources import punkt, treebank


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
# A token of recogniser output: ASCII letters and digits, joined by single inner hyphens or periods
# ("old-timer", "1.1") or commas between digits ("12,000"), and at most one apostrophe near the end ("it's").
_PLAIN_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:(?:[-.]|(?<=[0-9]),(?=[0-9]))[A-Za-z0-9]+)*(?:'[A-Za-z]+)?")
_TREEBANK_SPLITS = frozenset("cannot gimme gonna gotta lemme wanna".split())


def en_words(text: str) -> list[str]:
    """Treebank word tokens (needs no nltk_data), punctuation-only tokens dropped.

    Text made only of plain tokens (what a recogniser prints) gets the same tokens without running
    the Treebank rules over it: a plain word is its own token, and a word with an apostrophe or one
    Treebank splits ("gonna") is tokenised alone, once, since those rules never reach past a space.
    """
    tokens = [t for t in text.split(" ") if t]  # spaces only: Treebank treats a tab or newline differently
    if all(_PLAIN_TOKEN_RE.fullmatch(t) for t in tokens):
        words: list[str] = []
        for t in tokens:
            if "-" in t or "." in t or "," in t:
                # Treebank's word boundaries fall at - and . too: "x-can't" is not a plain case.
                if "'" in t or not _TREEBANK_SPLITS.isdisjoint(re.split(r"[-.,]", t.lower())):
                    break
                words.append(t)
            elif "'" in t or t.lower() in _TREEBANK_SPLITS:
                words.extend(_token_words(t))
            else:
                words.append(t)
        else:
            return words
    return [w for w in treebank().tokenize(text) if _WORD_RE.search(w)]


#: The Treebank rules that can touch a plain token, restated so recogniser output needs no nltk at all:
#: clitics split off the end ("it's" -> it 's, "don't" -> do n't), and CONTRACTIONS2's whole words.
_CLITIC_RE = re.compile(r"(.*[^' ])('[sSmMdD]|'ll|'LL|'re|'RE|'ve|'VE|n't|N'T)")
_WHOLE_WORD_SPLITS = re.compile(r"(?i)(can)(not)|(d)('ye)|(gim)(me)|(gon)(na)|(got)(ta)|(lem)(me)|(more)('n)|(wan)(na)")


@functools.lru_cache(maxsize=4096)
def _token_words(token: str) -> tuple[str, ...]:
    """Treebank's tokens for one plain token (checked against Treebank itself in the tests)."""
    whole = _WHOLE_WORD_SPLITS.fullmatch(token)
    if whole:
        return tuple(g for g in whole.groups() if g is not None)
    clitic = _CLITIC_RE.fullmatch(token)
    return (clitic[1], clitic[2]) if clitic else (token,)
