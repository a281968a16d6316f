r"""Where a post's key terms occur, in one pass over the text however many terms there are.

A Latin term counts where it stands as whole words, as the regex
``(?<![\w.+-])TERM(?![\w+-])`` would find it ("Envoy" in "Envoy." and "Envoy.io", not in
"Envoys"); any other term (Chinese, accented names) counts as a plain substring, as ``str.count``
would. Running one regex per term over the whole text was quadratic: 5,000 distinct names made
``summarize quiz`` take minutes. Here each start position looks up only the few strings that
could begin there, so the cost is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


#: Terms longer than this are never blanked or counted: no cloze answer is a paragraph long, and
#: the bound keeps every lookup short.
MAX_TERM_CHARS = 100

_RUN_RE = re.compile(r"[\w.+-]+")
_WORDED_RE = re.compile(r"[\w.+-]+(?:\s[\w.+-]+)*\Z")


@dataclass(frozen=True)
class Terms:
    """A set of terms sorted by how they match, built once and used on many texts."""

    worded: frozenset[str]  #: matched as whole words, by runs
    plain: frozenset[str]  #: matched as substrings
    odd: frozenset[str]  #: matched by their own regex: a pack's few terms with other characters
    max_words: int
    lengths: tuple[int, ...]
    firsts: re.Pattern[str] | None

    @classmethod
    def build(cls, worded: set[str], plain: set[str], odd: set[str]) -> Terms:
        firsts = re.compile("[" + "".join(sorted({re.escape(t[0]) for t in plain})) + "]") if plain else None
        return cls(frozenset(worded), frozenset(plain), frozenset(odd), max((len(t.split()) for t in worded), default=0),
                   tuple(sorted({len(t) for t in plain})), firsts)

    def occurrences(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of every occurrence of a worded or plain term, each term's in increasing start order."""
        if self.worded:
            yield from _worded_occurrences(text, self.worded, self.max_words)
        if self.firsts is not None:
            for m in self.firsts.finditer(text):
                start = m.start()
                for n in self.lengths:
                    piece = text[start : start + n]
                    if piece in self.plain:
                        yield start, start + n, piece


def counting_terms(terms: Iterable[str]) -> Terms:
    """Terms as the quiz counts them: ASCII terms made of words as whole words, any other as a substring."""
    usable = _usable(terms)
    worded = {t for t in usable if t.isascii() and _WORDED_RE.match(t)}
    # A pack's entity with a trailing newline still counts as words (the old regex's ``$``): rare, so by regex.
    odd = {t for t in usable - worded if t.isascii() and re.match(r"[\w.+-]+(?:\s[\w.+-]+)*\n\Z", t)}
    return Terms.build(worded, usable - worded - odd, odd)


def substring_terms(terms: Iterable[str]) -> Terms:
    """Terms matched as plain substrings, as ``term in text`` does."""
    return Terms.build(set(), _usable(terms), set())


def occurs(text: str, terms: Terms) -> bool:
    """Whether any of ``terms`` occurs in ``text``; costs the text's length, not the number of terms."""
    return next(terms.occurrences(text), None) is not None or any(re.search(_bounded(t), text) for t in terms.odd)


def present_terms(text: str, terms: Terms) -> set[str]:
    """The terms that occur in ``text``."""
    return {term for _start, _end, term in terms.occurrences(text)} | {t for t in terms.odd if re.search(_bounded(t), text)}


def term_counts(text: str, terms: Terms) -> dict[str, int]:
    """Non-overlapping occurrences of each term (terms that never occur are left out)."""
    counts: dict[str, int] = {}
    last_end: dict[str, int] = {}
    for start, end, term in terms.occurrences(text):
        if start >= last_end.get(term, 0):
            counts[term] = counts.get(term, 0) + 1
            last_end[term] = end
    for term in terms.odd:
        n = len(re.findall(_bounded(term), text))
        if n:
            counts[term] = n
    return counts


def _bounded(term: str) -> str:
    return rf"(?<![\w.+-]){re.escape(term)}(?![\w+-])"


def _usable(terms: Iterable[str]) -> set[str]:
    return {t for t in terms if t and len(t) <= MAX_TERM_CHARS}


def _worded_occurrences(text: str, terms: frozenset[str], max_words: int) -> Iterator[tuple[int, int, str]]:
    r"""A match of ``(?<![\w.+-])TERM(?![\w+-])`` starts where a run of ``[\w.+-]`` starts; its words but
    the last are whole runs, each followed by the one whitespace character the term has there; it ends
    at the end of a run or before a period inside one."""
    runs = [(m.start(), m.end()) for m in _RUN_RE.finditer(text)]
    for i, (start, _) in enumerate(runs):
        limit = start + MAX_TERM_CHARS
        for k in range(i, min(i + max_words, len(runs))):
            run_start, run_end = runs[k]
            if run_start >= limit or (k > i and (run_start - runs[k - 1][1] != 1 or not text[run_start - 1].isspace())):
                break
            cut = text.find(".", run_start + 1, min(run_end, limit))
            while cut != -1:
                if text[start:cut] in terms:
                    yield start, cut, text[start:cut]
                cut = text.find(".", cut + 1, min(run_end, limit))
            if run_end <= limit and text[start:run_end] in terms:
                yield start, run_end, text[start:run_end]
