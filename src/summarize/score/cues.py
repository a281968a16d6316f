"""Point cues: does a line's wording read like a post's point or like its scene-setting?

Judges drop lines that set the scene ("We started talking to Google."), give background or an anecdote, or state
the problem whose fix the next sentence gives; they keep the decision, the result, the general claim. Those cues
are words, and which words is learnt, not guessed: a linear model over the line's n-grams (English: lower-cased
words and word pairs, a line's first word and first pair marked apart; Chinese: character pairs and triples, the
first two characters marked apart; digits read as one digit) fitted on judges' verdicts and on the fresh pages'
writers' own takeaways (``tools/fit_keep_model.py``; sources and counts in ``data/takeaways_cue_model.json``). As
fitted, "went from", "now", "are", a number, "we moved", "结果", "降到", "必须" count for a line; "this", an
opening "that" or "you", "I", "was", "以前", "当时" against it ("instead" and "should", guessed as point cues, came
out against). Its score is one more input of the keep model (``keep.KEEP_INPUTS``: "cue"). No language model: a
table of n-grams and their weights.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import add

_EN_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_DIGITS_RE = re.compile(r"\d+")
_HAN_RUN_RE = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")
#: Lines whose score :class:`CueModel` remembers at most (a few MB of keys that are the document's own strings).
_MEMO_SIZE = 1 << 15


def ngrams(text: str, lang: str) -> frozenset[str]:
    """The cue model's features of one line: a set of n-gram strings (presence, not counts: a long line is not a
    stronger point for repeating "so")."""
    text = _DIGITS_RE.sub("0", text.lower())
    grams: set[str] = set()
    if lang == "zh":
        runs = _HAN_RUN_RE.findall(text)
        han = "".join(r for r in runs if not r.isascii())
        if han:
            grams.add("^" + han[:2])
        for run in runs:
            if run.isascii():
                grams.add(run)
                continue
            # Each character and the next, then each pair and the character after it: the slices run[k:k + 2] and
            # run[k:k + 3], put in the set in the same order (so the set iterates, and a score sums, as before), made
            # by ``map`` in C rather than a generator's step per character (a caption file has millions of them).
            pairs = list(map(add, run, run[1:]))
            grams.update(pairs)
            grams.update(map(add, pairs, run[2:]))
        return frozenset(grams)
    words = _EN_WORD_RE.findall(text.replace("’", "'"))
    if words:
        grams.add("^" + words[0])
        if len(words) > 1:
            grams.add("^" + words[0] + " " + words[1])
    grams.update(words)
    grams.update(map(" ".join, zip(words, words[1:])))
    return frozenset(grams)


@dataclass(frozen=True, slots=True)
class CueModel:
    """``score = bias + Σ weight[g]`` over the line's n-grams :func:`ngrams` (the log-odds the line is kept,
    from its wording alone); n-grams not in the table count nothing."""

    weights: Mapping[str, float]
    bias: float
    #: Scores already given, by (text, lang): the keep model asks for every candidate, and speech says the same line
    #: again and again ("对吧", "thank you", a recogniser stuck in a loop); emptied when it reaches
    #: :data:`_MEMO_SIZE`. Not part of the model: neither compared nor shown.
    _memo: dict[tuple[str, str], float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def score(self, text: str, lang: str) -> float:
        memo = self._memo
        found = memo.get((text, lang))
        if found is None:
            # The weights of the line's grams, as ``sum(w.get(g, 0.0) for g in grams)`` adds them (in the set's
            # order, from 0), without a generator's frame per gram.
            found = self.bias + sum(map(self.weights.get, ngrams(text, lang), repeat(0.0)))
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[(text, lang)] = found
        return found

    def strongest(self, text: str, lang: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` n-grams of ``text`` that move its score most: why a line scored as it did."""
        found = [(g, self.weights[g]) for g in ngrams(text, lang) if g in self.weights]
        return sorted(found, key=lambda t: -abs(t[1]))[:k]

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CueModel:
        weights = data["weights"]
        assert isinstance(weights, Mapping)
        return cls({str(k): float(v) for k, v in weights.items()}, float(data["bias"]))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return {"bias": self.bias, "weights": dict(sorted(self.weights.items()))}


def vocabulary(lines: Iterable[tuple[str, str]], min_count: int) -> list[str]:
    """The n-grams found in at least ``min_count`` of the (text, lang) lines, sorted: the fitted table's rows."""
    counts: dict[str, int] = {}
    for text, lang in lines:
        for g in ngrams(text, lang):
            counts[g] = counts.get(g, 0) + 1
    return sorted(g for g, c in counts.items() if c >= min_count)


@functools.cache
def shipped_cue_model() -> CueModel:
    """The table in ``data/takeaways_cue_model.json``, read once."""
    from .._resources import data_text

    return CueModel.from_dict(json.loads(data_text("takeaways_cue_model.json"))["model"])
