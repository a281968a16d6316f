"""Cheap pre-tests for the editor's long regexes: the words a match cannot do without.

The rules in :mod:`~summarize.score.quality`, :mod:`~summarize.score.standalone` and
:mod:`~summarize.score.point_shapes` are alternations of dozens of phrases ("show notes", "your host", "we can
see"); ``re.search`` tries every one at every position of every sentence, tens of microseconds a sentence,
and almost every sentence matches none. Each alternative contains some literal text it cannot match without
(``\\byour hosts?\\b`` needs "your host"), and a few substring tests (``in``, in C) rule most sentences out
before the regex runs.

The needles are read from the compiled pattern itself (its parse tree), never written by hand, so a rule
edited later gets its pre-test with it. They are necessary, not sufficient: a sentence that holds one still
goes through the regex, and a pattern with an alternative that needs no literal text gets no gate (its
regex always runs). :func:`fold` maps text the way ``re.IGNORECASE`` compares it, so the pre-test never says
no where the regex would say yes (tests/score/test_gate.py checks that on the fixtures and on random text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

try:  # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover  (Python 3.10)
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_DIGIT = "\\d"
"""A pseudo-needle: the alternative needs a decimal digit (``\\d+%``), tested with a regex, not ``in``."""
_MAX_STRINGS = 64
_MIN_NEEDLE = 2
# The only characters outside ASCII that re.IGNORECASE equates with an ASCII letter, with the letter
# (İ ı ſ K): str.lower() alone leaves ı and ſ as they are and turns İ into two characters.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_DIGIT_RE = re.compile(r"\d")


def fold(text: str) -> str:
    """``text`` lowercased as ``re.IGNORECASE`` compares it, character for character."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


Gate = Callable[[str, str], bool]
"""``gate(folded, text)``: False only when the pattern cannot match ``text`` (``folded`` is ``fold(text)``)."""


def gate(pattern: re.Pattern[str]) -> Gate | None:
    """A pre-test for ``pattern`` (see the module docstring), or None when some alternative needs no literal
    text of two characters or more (the regex must then always run). Each top-level alternative gives its
    most selective requirement ("in the episode": one of "episode", "show", "podcast")."""
    items = _unwrap(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _c.BRANCH else [items]
    union: set[str] = set()
    beyond_ascii = False  # some alternative matches only text with a character outside ASCII
    for branch in branches:
        best = _needles(list(branch))
        if best is None or min(len(n) for n in best) < _MIN_NEEDLE:
            if not _needs_non_ascii(list(branch)):
                return None
            beyond_ascii = True  # "[两二三…](?:个|件…)": no needle, but ASCII text cannot match it
            continue
        union |= best
    digit = _DIGIT in union
    needles = _shortest_cover({_core(n) for n in union - {_DIGIT}})
    ascii_needles = tuple(n for n in needles if n.isascii())  # all an ASCII sentence can hold (not "感谢", "本期")
    # Both shortest first: a short text (a caption cue) is tested only against the needles that fit in it.
    lengths, ascii_lengths = [len(n) for n in needles], [len(n) for n in ascii_needles]
    longest = lengths[-1] if lengths else 0

    def may_match(folded: str, text: str) -> bool:
        if folded.isascii():
            candidates = ascii_needles
            if len(folded) < longest:
                candidates = candidates[: bisect_right(ascii_lengths, len(folded))]
        elif beyond_ascii:
            return True
        else:
            candidates = needles
            if len(folded) < longest:
                candidates = candidates[: bisect_right(lengths, len(folded))]
        for needle in candidates:
            if needle in folded:
                return True
        return digit and _DIGIT_RE.search(text) is not None

    return may_match


def _needs_non_ascii(items: list) -> bool:
    """Whether every match of ``items`` holds a character outside ASCII (one of its requirements is such
    characters only, "两|二|三…"): a Chinese alternative, which an English sentence cannot match."""
    return any(all(n != _DIGIT and not n.isascii() for n in required) for required in _requirements(items))


_COMMON = frozenset(
    "this that these those with from into than then they them their there here have been were what when which will "
    "would could should about also just like some more other each same does your".split()
)
"""Words too common in any sentence to rule one out: a needle is cut down to one of them only as a last resort."""


def _core(needle: str) -> str:
    """The needle's longest word when it has four letters or more ("episode" for "hosts this week's episode"):
    a part of a needle is a weaker but still necessary condition, and far fewer distinct needles to test."""
    words = [w for w in re.findall(r"\w+", needle) if len(w) >= 4 and w not in _COMMON]
    return max(words, key=len) if words else needle


def _shortest_cover(needles: set[str]) -> tuple[str, ...]:
    """``needles`` without those that contain another (when "sponsors" is there, "sponsor" is), shortest first."""
    kept: list[str] = []
    for n in sorted(needles, key=lambda n: (len(n), n)):
        if not any(k in n for k in kept):
            kept.append(n)
    return tuple(kept)


def _unwrap(items: list) -> list:
    """The pattern's items without leading zero-width tests and without a group around all of it
    (``(?=[bc…])(?:contact|…)`` is the alternation inside)."""
    while True:
        rest = [(op, av) for op, av in items if not (op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT))]
        if len(rest) == 1 and rest[0][0] is _c.SUBPATTERN:
            items = list(rest[0][1][-1])
            continue
        return rest if len(rest) == 1 and rest[0][0] is _c.BRANCH else items


def _literal(code: int) -> str | None:
    """The character a LITERAL stands for, when folding compares it exactly: ASCII, or a character with no case."""
    ch = chr(code)
    if ch.isascii() or (ch.lower() == ch == ch.upper() and ch.casefold() == ch):
        return fold(ch)
    return None


def _exact(items: list) -> set[str] | None:
    """Every string ``items`` can match, when that is a small finite set of literal text; else None."""
    out = {""}
    for op, av in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the text on either side is adjacent
        if op is _c.LITERAL:
            ch = _literal(av)
            options: set[str] | None = {ch} if ch is not None else None
        elif op is _c.IN:
            chars = [_literal(v) if o is _c.LITERAL else None for o, v in av]
            options = set(chars) if chars and None not in chars else None  # type: ignore[arg-type]
        elif op is _c.SUBPATTERN:
            options = _exact(list(av[-1]))
        elif op is _c.BRANCH:
            options = set()
            for branch in av[1]:
                sub = _exact(list(branch))
                if sub is None:
                    return None
                options |= sub
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            sub = _exact(list(av[2]))
            options = None if sub is None else sub | {""}
        else:
            return None
        if options is None:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _requirements(items: list) -> list[set[str]]:
    """Requirements of the sequence ``items``: sets of strings (or :data:`_DIGIT`), each of which every match
    contains one of. Runs of exact items are joined into whole words ("th" + "is|ese|ose": "this", "these", …)."""
    found: list[set[str]] = []

    def consider(candidate: set[str] | None) -> None:
        if candidate and "" not in candidate:
            found.append(candidate)

    run: set[str] = {""}
    for op, av in items:
        exact = _exact([(op, av)])
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        consider(run)
        run = {""} if exact is None else exact
        if exact is not None:
            continue
        if op is _c.SUBPATTERN:
            consider(_needles(list(av[-1])))
        elif op is _c.BRANCH:
            consider(_branch_needles(av[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_needles(list(av[2])))
        elif op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
            consider({_DIGIT})
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            consider(_needles(list(av)))
    consider(run)
    return found


def _needles(items: list) -> set[str] | None:
    """The most selective requirement of ``items`` (see :func:`_requirements`), or None."""
    found = _requirements(items)
    return max(found, key=_strength) if found else None


def _branch_needles(branches: Iterable[list]) -> set[str] | None:
    """Needles of an alternation: one requirement from each alternative, or None if one has none."""
    out: set[str] = set()
    for branch in branches:
        sub = _needles(list(branch))
        if sub is None:
            return None
        out |= sub
    return out


def _strength(needles: set[str]) -> tuple[int, int, int]:
    """How selective a requirement is: the shortest of its needles' longest words ("in the " is weaker than
    "show"; a digit counts as a three-letter word), then its shortest needle, then fewer needles."""
    def longest_word(n: str) -> int:
        return 3 if n == _DIGIT else max((len(w) for w in re.findall(r"\w+", n)), default=0)

    return (min(longest_word(n) for n in needles), min(len(n) for n in needles), -len(needles))


def searcher(pattern: re.Pattern[str]) -> Callable[[str, str], bool]:
    """``search(text, folded)``: whether ``pattern.search(text)`` finds a match, the regex run only when the
    pattern's :func:`gate` lets ``folded`` (``fold(text)``) through. The gate is read from the pattern on first
    use, not at import."""
    test: list[Gate | None] = []

    def search(text: str, folded: str) -> bool:
        if not test:
            test.append(gate(pattern))
        passes = test[0]
        if passes is not None and not passes(folded, text):
            return False
        return pattern.search(text) is not None

    return search
