"""Sentence units for unpunctuated ASR text (caption dumps, auto transcripts).

Speech recognisers print a lowercase word stream with no punctuation, so the usual sentence
splitters return one giant "sentence". This module scores every gap between two words with
boundary statistics learned from punctuated meeting transcripts (QMSum, AMI; the data file
``data/asr_boundaries.json.gz`` records sources, licences and how it was built), adds a
hand-set bonus for pauses when caption or word times are known, and keeps the gaps whose
score is positive, cutting any unit longer than ``MAX_UNIT_WORDS`` at its best gap. A second
model on the same features (``data/asr_pauses.json.gz``) says where a comma belongs inside a
unit, so a spoken list prints as one ("replace, don't patch, roll out slowly").

The model's features and weights are in :mod:`~summarize.segment.asr_model`, the choice of cuts in
:mod:`~summarize.segment.asr_cuts`, and the helpers that turn a punctuated transcript into an unpunctuated one
with gold boundaries in :mod:`~summarize.segment.asr_gold`; their public names are importable from here too.

Usage::

    if looks_unpunctuated(text):
        spans = split_unpunctuated(text, time_marks)   # [(start, end), ...] character offsets
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Marks
from .asr_cuts import MAX_UNIT_WORDS, choose_boundaries
from .asr_gold import _LAST_OF_END, _LAST_OF_END_RE, boundary_prf, ends_sentence, spans_to_gaps, unpunctuate
from .asr_model import DATA_FILE, PAUSE_FILE, TEMPLATES, feature_keys, gap_scores, gap_scores_of, norm_word
from .word_spans import word_spans

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "NUMBERED_POINT_EN",
    "looks_unpunctuated",
    "split_unpunctuated",
    # from asr_cuts, asr_gold and asr_model, importable here as they were before those modules were split off
    "DATA_FILE",
    "MAX_UNIT_WORDS",
    "PAUSE_FILE",
    "TEMPLATES",
    "boundary_prf",
    "choose_boundaries",
    "ends_sentence",
    "feature_keys",
    "gap_scores",
    "gap_scores_of",
    "norm_word",
    "spans_to_gaps",
    "unpunctuate",
]

#: Pause bonus, hand-set because the training transcripts carry no times: a pause longer than
#: PAUSE_FLOOR seconds raises the gap's log-odds by PAUSE_WEIGHT per second, up to PAUSE_CAP
#: seconds. The pause is what an interval between two timed words leaves after the document's
#: median time per word; so 1.3 s of silence adds 1.5, enough to tip an undecided gap but not
#: to cut "the | cloud" where a caption line happens to break.
PAUSE_WEIGHT = 1.5
PAUSE_FLOOR = 0.3
PAUSE_CAP = 2.0

#: Gaps scored per window in :func:`split_unpunctuated`, which bounds the memory a long block takes.
_SCORE_CHUNK = 65_536

#: Log-odds added where a token already ends with ., ? or ! (text with a few stray marks).
PUNCT_BONUS = 3.0

#: Added to the gap before a speaker's numbered point ("… tune it fourth thing is just make the images smaller …",
#: "… rotation just works the fifth mistake is …"): a talk's list is announced by its ordinals, and a unit that runs
#: across one holds two points (judged: 3 of 3 such caption takeaways dropped). Hand-set, as strong as a stray full
#: stop: the boundary model's word windows rarely see an ordinal three words before the verb.
NEXT_POINT_BONUS = PUNCT_BONUS
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "next", "last", "final")
NUMBERED_POINT_EN = (
    rf"(?:{'|'.join(_ORDINALS)})\s+"
    r"(?:thing|point|lesson|mistake|step|tip|takeaway|part|problem|reason|rule|pattern|trick)s?\s+(?:is|was|are|were)\b"
)
"""A speaker's numbered point ("fourth thing is", "the last lesson was"), lower case: where a unit is cut here, and
what makes a takeaway that still holds one inside it a run-on (``score.shape``)."""
_NEXT_POINT_RE = re.compile(NUMBERED_POINT_EN)
_LEAD_IN_RE = re.compile(r"(?:(?:and|so|okay|ok|now|then)\s+)?(?:the\s+)?$")

#: The confidence ``split_unpunctuated`` reports for an end that is the edge of its text (a turn,
#: a paragraph): as sure as a stray full stop.
EDGE_MARGIN = PUNCT_BONUS

# -- timing ---------------------------------------------------------------------------------


def _pause_bonus(starts: Sequence[int], time_marks: Sequence[tuple[int, float]]) -> np.ndarray:
    """Per-gap log-odds bonus from caption or word times (zeros when there are fewer than 3).

    Each mark is tied to the first token starting at or after its offset (the first finite mark of a
    token counts). Between two timed tokens a and b, the pause before b is the interval minus (b - a)
    times the median time per word over the document; cue starts and word starts work the same way.
    In arrays, not per mark in Python: a 1M-cue caption block has a million marks, and a dict and
    lists of tuples of them cost seconds and a few hundred MB.
    """
    import numpy as np

    n = len(starts)
    bonus = np.zeros(max(n - 1, 0))
    if isinstance(time_marks, Marks):
        offsets, seconds = np.asarray(time_marks.offsets, dtype=np.int64), np.asarray(time_marks.values, dtype=float)
    else:
        offsets = np.fromiter((o for o, _ in time_marks), dtype=np.int64, count=len(time_marks))
        seconds = np.fromiter((t for _, t in time_marks), dtype=float, count=len(time_marks))
    tokens = np.searchsorted(np.asarray(starts, dtype=np.int64), offsets, side="left")  # bisect_left per mark
    usable = (tokens < n) & np.isfinite(seconds)
    points, first = np.unique(tokens[usable], return_index=True)  # sorted tokens, each one's first mark
    times = seconds[usable][first]
    a, b, ta, tb = points[:-1], points[1:], times[:-1], times[1:]
    forward = tb >= ta
    a, b, ta, tb = a[forward], b[forward], ta[forward], tb[forward]
    if len(a) < 2:
        return bonus
    per_word = float(np.median((tb - ta) / (b - a)))
    per_word = min(max(per_word, 0.15), 0.8)
    pause = (tb - ta) - per_word * (b - a)
    long = pause > PAUSE_FLOOR
    bonus[b[long] - 1] += PAUSE_WEIGHT * (np.minimum(pause[long], PAUSE_CAP) - PAUSE_FLOOR)
    return bonus


# -- public entry points --------------------------------------------------------------------


def split_unpunctuated(
    text: str, time_marks: Sequence[tuple[int, float]] = (), margins: list[float] | None = None,
    commas: list[tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a text with no (or almost no) punctuation.

    Spans are character offsets into ``text``, in order, without surrounding whitespace; together
    they cover every non-space character. ``time_marks`` are ``(offset, seconds)`` pairs where a
    caption cue or a word starts, sorted by offset; pauses they reveal make a cut more likely.
    Any whitespace, a newline included, is just a gap between two words, since caption lines
    break wherever the screen is full. When ``margins`` is a list, it receives one number per
    span: the score of the span's less certain end (log-odds over the cut threshold; the text's
    own edges count as certain), which says how likely the span is a whole sentence. When ``commas``
    is a list, it receives one tuple per span: the offsets (ends of words) inside it where the pause
    model (:data:`PAUSE_FILE`) is sure enough of a comma, a pause a reader needs in a spoken list
    ("replace, don't patch, roll out slowly"); never where the span is cut nor after a word that
    already ends with a mark.
    """
    import numpy as np

    starts, ends = word_spans(text)  # its runs of non-space, 16 bytes a word: a 30 MB caption block has 6M of them
    if not starts:
        return []
    scores = np.zeros(len(starts) - 1)
    pause = np.zeros(len(scores) if commas is not None else 0)
    stray = np.zeros(len(scores), dtype=bool)  # the word before the gap already ends with . ? !
    for a in range(0, len(scores), _SCORE_CHUNK):
        # Gap g depends on words g-1 .. g+3, so a window with that much context scores its gaps
        # exactly as the whole list would, while only one window's strings exist at a time.
        b = min(a + _SCORE_CHUNK, len(scores))
        lo, hi = max(0, a - 1), min(len(starts), b + 3)
        # The window's words are its text's whitespace-separated runs: one str.split in C, not a slice per word.
        window = text[starts[lo] : ends[hi - 1]]
        words = window.split()
        if commas is None:
            scores[a:b] = gap_scores(words)[a - lo : b - lo]
        else:
            both = gap_scores_of(words, (DATA_FILE, PAUSE_FILE))
            scores[a:b], pause[a:b] = both[0][a - lo : b - lo], both[1][a - lo : b - lo]
        if _LAST_OF_END_RE.search(window) is not None:  # else no word of it can end on . ? ! (most speech)
            stray[a:b] = [w[-1] in _LAST_OF_END and ends_sentence(w) for w in words[a - lo : b - lo]]
    if time_marks and len(scores):
        scores = scores + _pause_bonus(starts, time_marks)
    scores = scores + PUNCT_BONUS * stray
    if len(scores):
        _add_next_point_bonus(text, starts, scores)
    # Unit k runs from the word after cut k-1 to the word of cut k; in arrays, not a step per unit in Python (a
    # million-cue caption block has a million units).
    cuts = np.asarray(choose_boundaries(scores), dtype=np.int64)
    first, last = np.frombuffer(starts, dtype=np.int64), np.frombuffer(ends, dtype=np.int64)
    spans = list(zip(np.concatenate((first[:1], first[cuts + 1])).tolist(), np.concatenate((last[cuts], last[-1:])).tolist()))
    if margins is not None:
        # Each span's less certain end: min(left, right) as Python's min takes it (the left one unless right < left).
        edges = np.concatenate(([EDGE_MARGIN], scores[cuts], [EDGE_MARGIN]))
        left, right = edges[:-1], edges[1:]
        margins.extend(np.where(right < left, right, left).tolist())
    if commas is not None:
        commas.extend(_commas_inside(text, pause, cuts, last, len(spans)))
    return spans


def _add_next_point_bonus(text: str, starts: Sequence[int], scores: np.ndarray) -> None:
    """Add :data:`NEXT_POINT_BONUS` to the gap before each numbered point :data:`_NEXT_POINT_RE` finds, its lead-in
    ("and the", "so") included (the gap after word i is ``scores[i]``; a point at the text's first word has none).
    Found from its ordinals with ``str.find``: a regex tried at every character of a 40 MB caption block took 4 s."""
    from bisect import bisect_left

    low = text.lower()
    for ordinal in _ORDINALS:
        at = low.find(ordinal)
        while at != -1:
            if (at == 0 or low[at - 1].isspace()) and _NEXT_POINT_RE.match(low, at) is not None:
                lead = _LEAD_IN_RE.search(low, max(0, at - 20), at)
                begin = lead.start() if lead is not None and lead.start() < at else at
                word = bisect_left(starts, begin)
                if 0 < word <= len(scores) and word < len(starts) and starts[word] == begin:
                    scores[word - 1] += NEXT_POINT_BONUS
            at = low.find(ordinal, at + len(ordinal))


def _commas_inside(text: str, pause: np.ndarray, cuts: np.ndarray, word_ends: np.ndarray, n_spans: int) -> list[tuple[int, ...]]:
    """Per span, the word ends inside it where the pause model is past its threshold (``pause`` > 0) and
    the word does not already end with a mark (a caption punctuated here and there keeps its own)."""
    import numpy as np

    placed = pause > 0
    placed[cuts] = False
    gaps = [g for g in np.flatnonzero(placed).tolist() if text[int(word_ends[g]) - 1].isalnum()]
    out: list[tuple[int, ...]] = [()] * n_spans
    if not gaps:
        return out  # most spans of most captions
    by_span: dict[int, list[int]] = {}
    for span, gap in zip(np.searchsorted(cuts, gaps).tolist(), gaps):
        by_span.setdefault(span, []).append(int(word_ends[gap]))
    for span, offsets in by_span.items():
        out[span] = tuple(offsets)
    return out


#: A comma, semicolon or colon at a word's end (before whitespace, as ``str.split`` cuts words): one match per such word.
_PAUSE_MARK_RE = re.compile(r"[,;:](?=\s|\Z)")


def looks_unpunctuated(text: str, *, min_words: int = 40, words_per_end: int = 80) -> bool:
    """True for a text of at least ``min_words`` words with fewer than one ., ? or ! per ``words_per_end``.

    Such text came from a speech recogniser (or was typed without punctuation), and an
    ordinary sentence splitter would return it whole. The bar sits well below written prose:
    news with 40-word sentences (one full stop per 40 words) is punctuated, not a transcript.
    """
    if len(text) < 2 * min_words - 1:
        return False  # too short to hold ``min_words`` words, each a character and a space apart
    tokens = text.split()
    if len(tokens) < min_words:
        return False
    # A long written sentence has one period but several commas; recogniser output has neither.
    pauses = len(_PAUSE_MARK_RE.findall(text))  # the words that end on a comma, semicolon or colon, counted in C
    if pauses * 20 >= len(tokens):
        return False  # written prose, most of the time: no need to look for its sentence ends
    # No word can end a sentence when no mark or closer is in the text at all (most recogniser output).
    ends = 0 if _LAST_OF_END_RE.search(text) is None else sum(1 for t in tokens if t[-1] in _LAST_OF_END and ends_sentence(t))
    if (ends + pauses) * 20 >= len(tokens):
        return False
    if ends * words_per_end < len(tokens):
        return True
    # One stray full stop per 40-80 words: a recogniser's lower-case output, or written prose of long
    # sentences, which capitalises its names and sentence starts.
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    return ends * words_per_end // 2 < len(tokens) and capitalised * 20 < len(tokens)
