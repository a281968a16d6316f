"""Sentence units for unpunctuated ASR text (caption dumps, auto transcripts).

Speech recognisers print a lowercase word stream with no punctuation, so the usual sentence
splitters return one giant "sentence". This module scores every gap between two words with
boundary statistics learned from punctuated meeting transcripts (QMSum, AMI; the data file
``data/asr_boundaries.json.gz`` records sources, licences and how it was built), adds a
hand-set bonus for pauses when caption or word times are known, and keeps the gaps whose
score is positive, cutting any unit longer than ``MAX_UNIT_WORDS`` at its best gap. A second
model on the same features (``data/asr_pauses.json.gz``) says where a comma belongs inside a
unit, so a spoken list prints as one ("replace, don't patch, roll out slowly").

It also holds the helpers that turn a punctuated transcript into an unpunctuated one with
gold boundaries, so the training script, the benchmark and the tests share one definition
of a boundary.

Usage::

    if looks_unpunctuated(text):
        spans = split_unpunctuated(text, time_marks)   # [(start, end), ...] character offsets
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

from .._resources import data_json_gz
from ..model import Marks
from ..errors import ResourceError
from ..parse.speech import split_speaker_label, strip_nonspeech
from .unit_cap import long_unit_cuts
from .word_spans import word_spans

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAX_UNIT_WORDS",
    "PAUSE_FILE",
    "TEMPLATES",
    "boundary_prf",
    "choose_boundaries",
    "feature_keys",
    "gap_scores",
    "gap_scores_of",
    "looks_unpunctuated",
    "norm_word",
    "spans_to_gaps",
    "split_unpunctuated",
    "unpunctuate",
]

DATA_FILE = "asr_boundaries.json.gz"
#: The pause model: log-odds that the original had a comma, semicolon, colon or sentence end in a gap, its
#: threshold chosen by the trainer for the precision a reader accepts (the data file records it).
PAUSE_FILE = "asr_pauses.json.gz"

#: Feature templates around the gap after word i: p = word i, n = word i+1, p2 / n2 = the
#: words one further out; longer names join neighbouring words ("pn" = word i and i+1).
TEMPLATES = ("p", "n", "pn", "pp", "nn", "ppn", "pnn", "nnn", "p2", "n2")

#: A unit the model left longer than this many words is cut at its highest-scoring gap, so
#: a stretch the statistics know nothing about never becomes one giant "sentence".
MAX_UNIT_WORDS = 50

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

#: A unit too long with more gaps than this is cut by :func:`~.unit_cap.long_unit_cuts` (up to ``max_words``
#: NumPy steps, the same whatever the unit's length), a shorter one by :func:`cap_units` (a Python step a gap).
_NUMPY_CAP_GAPS = 1_000

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

_TOKEN_RE = re.compile(r"\S+")
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")
_END_PUNCT = ".?!…。？！"
_CLOSERS = "\"'”’)]}»」』）】"
_ENDS_SENTENCE_RE = re.compile(rf"[{re.escape(_END_PUNCT)}][{re.escape(_CLOSERS)}]*$")


def ends_sentence(token: str) -> bool:
    """Whether a whitespace-free token ends with ., ? or ! (closing quotes and brackets after it allowed).

    What ``_ENDS_SENTENCE_RE.search(token)`` says, without a regex: it runs once per word of a
    caption, and the marks and closers are disjoint, so the mark is the last character before the
    closers at the end (tests/segment/test_asr.py checks the two agree)."""
    bare = token.rstrip(_CLOSERS)
    return bool(bare) and bare[-1] in _END_PUNCT


#: The last character of any token that ends a sentence: callers test it first, most words fail it.
_LAST_OF_END = frozenset(_END_PUNCT + _CLOSERS)
_LAST_OF_END_RE = re.compile("[" + re.escape(_END_PUNCT + _CLOSERS) + "]")
# Titles and Latin abbreviations whose period never ends a sentence in the gold standard.
_ABBREVIATIONS = frozenset("mr mrs ms dr prof hon st jr sr vs e.g i.e cf approx".split())


def norm_word(token: str) -> str:
    """The form a word takes as a feature: lowercase, no edge punctuation, numbers merged.

    Numbers become ``<num>`` because captions print "2018" where transcripts spell
    "twenty eighteen"; a token of punctuation only becomes ``<p>``.
    """
    word = _EDGE_RE.sub("", token.casefold().replace("’", "'").replace("‘", "'"))
    if not word:
        return "<p>"
    if any(c.isdigit() for c in word):
        return "<num>"
    return word


#: :func:`norm_word`, memoised: speech repeats a small vocabulary, and every word of it is normalised.
_norm_form = functools.lru_cache(maxsize=1 << 16)(norm_word)


def _norm_token(token: str) -> str:
    """:func:`norm_word` of ``token``; a token of digits is ``<num>`` without the cache, which the distinct
    numbers of a long caption ("mesh 1" … "mesh 999999") would otherwise churn, one miss each."""
    return "<num>" if token.isdigit() else _norm_form(token)


def feature_keys(words: Sequence[str], i: int) -> tuple[str, ...]:
    """Feature keys of the gap after ``words[i]``, one per entry of ``TEMPLATES``.

    ``words`` are already normalised (``norm_word``); outside the text they read ``<s>`` and
    ``</s>``. Training and inference both call this, so they cannot drift apart.
    """
    n = len(words)
    p2 = words[i - 1] if i >= 1 else "<s>"
    p1 = words[i]
    n1 = words[i + 1] if i + 1 < n else "</s>"
    n2 = words[i + 2] if i + 2 < n else "</s>"
    n3 = words[i + 3] if i + 3 < n else "</s>"
    return (
        p1,
        n1,
        f"{p1} {n1}",
        f"{p2} {p1}",
        f"{n1} {n2}",
        f"{p2} {p1} {n1}",
        f"{p1} {n1} {n2}",
        f"{n1} {n2} {n3}",
        p2,
        n2,
    )


# -- the learned model ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Model:
    """The data file, ready to score: per-template weight tables and the threshold folded into the bias.

    Compared and hashed by identity, so :func:`_lookup` can remember what it compiled from it."""

    bias: float
    weights: tuple[dict[str, float], ...]  # one table per TEMPLATES entry
    length_log_prior: np.ndarray  # log P(unit has L words), L = 1..len, max scaled to 0


def read_boundary_data(name: str, templates: Sequence[str]) -> dict:
    """A shipped boundary model's JSON (``data/NAME``), checked to hold the feature ``templates`` the code computes."""
    data = data_json_gz(name)
    if tuple(data["templates"]) != tuple(templates):
        raise ResourceError(f"data file {name!r} has templates {data['templates']}, this code expects {tuple(templates)}")
    return data


@functools.cache
def _model(name: str = DATA_FILE) -> _Model:
    """A shipped model (the boundary statistics, or with :data:`PAUSE_FILE` the comma ones), read once (about
    0.1 s) on the first unpunctuated text."""
    import numpy as np  # deferred: the segmenter imports this module for every paragraph

    data = read_boundary_data(name, TEMPLATES)
    tables = data["weights"]
    prior = np.asarray(data.get("length_log_prior", [0.0]), dtype=float)
    return _Model(
        bias=float(data["bias"]) - float(data["threshold"]),
        weights=tuple(dict(tables[t]) for t in TEMPLATES),
        length_log_prior=prior - prior.max(),
    )


#: Per template: how many words its key joins, and which of those n-grams of the padded words is the key of
#: gap 0 (padded[i + 1] is word i: for the gap after word i, p2 = padded[i], p = padded[i + 1], n = padded[i + 2]).
_TEMPLATE_GRAMS = {"p": (1, 1), "n": (1, 2), "pn": (2, 1), "pp": (2, 0), "nn": (2, 2),
                   "ppn": (3, 0), "pnn": (3, 1), "nnn": (3, 2), "p2": (1, 0), "n2": (1, 3)}


@dataclass(frozen=True, eq=False)
class _Lookup:
    """The weight tables of some models merged by key length, so a gap's n-grams are each looked up once for
    every template and model that uses them.

    ``index[k]`` numbers every key of ``k`` words that some table of that length holds; ``rows[k]`` has one
    row per such key, plus a last row of zeros for a key no table has, and one column per table of that length
    (in ``columns`` order)."""

    index: dict[int, dict[str, int]]  # key length -> {key: row}
    rows: dict[int, np.ndarray]  # key length -> weights (rows x tables)
    columns: tuple[tuple[tuple[int, int, int], ...], ...]  # per model, per TEMPLATES entry: (length, column, offset)


@functools.lru_cache(maxsize=4)
def _lookup(models: tuple[_Model, ...]) -> _Lookup:
    """``models``' weight tables as one :class:`_Lookup` (a few hundredths of a second for the two shipped
    English models: the keys' hashes are already known)."""
    import numpy as np

    tables: dict[int, list[dict[str, float]]] = {1: [], 2: [], 3: []}
    columns = []
    for model in models:
        placed = []
        for template, table in zip(TEMPLATES, model.weights):
            order, offset = _TEMPLATE_GRAMS[template]
            placed.append((order, len(tables[order]), offset))
            tables[order].append(table)
        columns.append(tuple(placed))
    index: dict[int, dict[str, int]] = {}
    rows: dict[int, np.ndarray] = {}
    for order, group in tables.items():
        keys = dict.fromkeys(chain.from_iterable(group))
        index[order] = dict(zip(keys, range(len(keys))))
        matrix = np.zeros((len(keys) + 1, len(group)))
        for k, table in enumerate(group):
            at = np.fromiter(map(index[order].__getitem__, table), np.int64, len(table))
            matrix[at, k] = np.fromiter(table.values(), float, len(table))
        rows[order] = matrix
    return _Lookup(index=index, rows=rows, columns=tuple(columns))


def gap_scores(words: Sequence[str], name: str = DATA_FILE) -> np.ndarray:
    """Learned log-odds that a sentence ends after each word but the last, threshold subtracted.

    ``words`` are raw tokens; a positive score means "cut here" on its own (with ``name`` =
    :data:`PAUSE_FILE`: "a comma or a sentence end belongs here"). The array has
    ``len(words) - 1`` entries: the weights of the gap's keys (those of :func:`feature_keys`) summed in
    ``TEMPLATES`` order, plus the bias.
    """
    return gap_scores_of(words, (name,))[0]


def gap_scores_of(words: Sequence[str], names: Sequence[str]) -> list[np.ndarray]:
    """:func:`gap_scores` of ``words`` under each model of ``names``.

    Each word, pair and triple of neighbouring words is looked up once for every template and model
    (:class:`_Lookup`), not once per template and model (20 dict lookups a gap for the boundary and comma models
    together, which were most of the cost); in a long list, each distinct one once. The weights are then added
    in the order the per-gap statement adds them, so the floats are the same to the last bit (tests hold the
    two equal)."""
    import numpy as np

    n = len(words)
    if n < 2:
        return [np.zeros(0) for _ in names]
    models = tuple(_model(name) for name in names)
    lookup = _lookup(models)
    found = (_rows_by_distinct if n >= _DISTINCT_FROM else _rows_by_position)(words, lookup)
    gaps = n - 1
    out = []
    for model, placed in zip(models, lookup.columns):
        total = np.zeros(gaps)
        for order, column, offset in placed:
            total += found[order][offset : offset + gaps, column]
        out.append(model.bias + total)
    return out


#: A list of this many words or more is scored by its distinct n-grams (:func:`_rows_by_distinct`), a shorter
#: one position by position (:func:`_rows_by_position`, less overhead for a spoken paragraph).
_DISTINCT_FROM = 1_000


def _rows_by_position(words: Sequence[str], lookup: _Lookup) -> dict[int, np.ndarray]:
    """Per key length, the :class:`_Lookup` row of each n-gram of the padded words, in order: every word, pair
    and triple spelled and looked up where it stands."""
    import numpy as np

    padded = ["<s>", *map(_norm_token, words), "</s>", "</s>", "</s>"]
    bigrams = [f"{a} {b}" for a, b in zip(padded, padded[1:])]
    trigrams = [f"{a} {b} {c}" for a, b, c in zip(padded, padded[1:], padded[2:])]
    found = {}
    for order, grams in ((1, padded), (2, bigrams), (3, trigrams)):
        index = lookup.index[order]
        # map over the keys with a repeated default: the same lookups as a generator, without its frames
        at = np.fromiter(map(index.get, grams, repeat(len(index))), np.int64, len(grams))
        found[order] = lookup.rows[order][at]
    return found


def _rows_by_distinct(words: Sequence[str], lookup: _Lookup) -> dict[int, np.ndarray]:
    """What :func:`_rows_by_position` returns, each distinct word, pair and triple spelled and looked up once:
    a window of a caption block, or a recogniser stuck in a loop, repeats a small vocabulary many times."""
    import numpy as np

    # Distinct words normalised once and numbered by their form; the pads are forms 0 and 1.
    local = {"<s>": 0, "</s>": 1}
    word_id = dict.fromkeys(words)
    for word in word_id:
        word_id[word] = local.setdefault(_norm_token(word), len(local))
    forms = list(local)
    size = len(forms)
    ids = np.fromiter(chain((0,), map(word_id.__getitem__, words), (1, 1, 1)), np.int64, len(words) + 4)
    # A pair is numbered by its two forms, a triple by its first pair's number and its third form.
    pairs, pair_of = np.unique(ids[:-1] * size + ids[1:], return_inverse=True)
    triples, triple_of = np.unique(pair_of[:-1] * size + ids[2:], return_inverse=True)
    spelled_pairs = [f"{forms[c // size]} {forms[c % size]}" for c in pairs.tolist()]
    spelled_triples = [f"{spelled_pairs[c // size]} {forms[c % size]}" for c in triples.tolist()]
    found = {}
    for order, grams, where in ((1, forms, ids), (2, spelled_pairs, pair_of), (3, spelled_triples, triple_of)):
        index = lookup.index[order]
        at = np.fromiter(map(index.get, grams, repeat(len(index))), np.int64, len(grams))
        found[order] = lookup.rows[order][at[where]]
    return found


def choose_boundaries(scores: np.ndarray, *, length_weight: float = 0.0, max_words: int = MAX_UNIT_WORDS) -> list[int]:
    """Gaps to cut (i = after word i) given per-gap scores, no unit longer than ``max_words``.

    With ``length_weight`` 0 a gap is cut when its score is positive. Otherwise a
    semi-Markov pass maximises the cut gaps' scores plus ``length_weight`` times the shipped
    log-prior of each unit's length (learned from long turns, so it favours spoken-sentence
    lengths over one-word backchannels).
    """
    import numpy as np

    n_words = len(scores) + 1
    max_words = max(1, max_words)
    if length_weight:
        return _semi_markov(scores, length_weight * _model().length_log_prior, max_words)
    cuts = np.flatnonzero(scores > 0).tolist()
    return _cap_lengths(scores, cuts, n_words, max_words)


def _cap_lengths(scores: np.ndarray, cuts: list[int], n_words: int, max_words: int) -> list[int]:
    """Add a cut at the best gap of every unit longer than ``max_words``, until none is."""
    import numpy as np

    bounds = np.asarray([-1, *cuts, n_words - 1])
    long = np.flatnonzero(np.diff(bounds) > max_words).tolist()
    if not long:
        return cuts  # no unit too long (most text): what cap_units returns, without a step per unit
    # Only the long units go through cap_units, each on its own gaps (a unit's cuts depend on nothing outside it):
    # a caption block of a million short units and a few long ones took a Python step per unit.
    out: list[int] = []
    done = 0
    for k in long:
        a, b = int(bounds[k]), int(bounds[k + 1])
        inner = scores[a + 1 : b]
        out += cuts[done:k]
        # Every gap at once in NumPy for a unit of thousands of words (a caption block with no cut of its own);
        # a unit of a spoken paragraph is a few hundred, where the tree in Python is the cheaper (same cuts).
        local = long_unit_cuts(inner, max_words) if len(inner) > _NUMPY_CAP_GAPS else None
        if local is None:  # a short unit, or a NaN, which cap_units handles
            local = cap_units(inner.tolist(), [], b - a - 1, lambda x, y: y - x > max_words,
                              lambda x, y, inner=inner: x + 1 + int(np.argmax(inner[x + 1 : y])))
        out += [a + 1 + c for c in local]
        done = k
    return out + cuts[done:]


def cap_units(scores: Sequence[float], cuts: list[int], last: int, too_long: Callable[[int, int], bool],
              scan: Callable[[int, int], int]) -> list[int]:
    """``cuts`` plus a cut at the best inner gap of every unit ``too_long(a, b)``, again in each half, until
    none is; in order. A unit (a, b) holds items a+1 .. b (gap i is after item i; ``last`` is the last item);
    its best gap is the first of the highest ``scores[a+1 .. b-1]``.

    Why not take the best gap of each piece by scanning it: when the best gap of a long unit sits near its
    edge (a caption of a million identical cues), every cut rescans nearly the whole unit, quadratic in
    its length. The gaps of a long unit are put in a Cartesian tree instead (each gap's parent is the
    nearer of the higher gaps on either side; equal ones: the earlier is the parent), in linear time: the
    best gap of the unit is the root, and the best gaps of its two halves are the root's children. A unit
    with a NaN score, which orders with nothing, is cut where ``scan(a, b)``, the caller's own scan, says.
    """
    out: list[int] = []
    units: list[tuple[int, int, int | None]] = []  # (a, b, best inner gap when already known)
    start = -1
    for c in [*cuts, last]:
        units.append((start, c, None))
        start = c
    units.reverse()
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    while units:
        a, b, k = units.pop()
        if too_long(a, b):
            if k is None:
                k = _tree_root(scores, a + 1, b, left, right)
            if k is None:  # a NaN inside
                k = scan(a, b)
                units += [(k, b, None), (a, k, None)]
            else:
                units += [(k, b, right.get(k)), (a, k, left.get(k))]
        elif b != last:
            out.append(b)
    return out


def _tree_root(scores: Sequence[float], lo: int, hi: int, left: dict[int, int], right: dict[int, int]) -> int | None:
    """The root of the Cartesian tree of gaps ``lo .. hi-1`` (children into ``left``/``right``); None on a NaN."""
    stack: list[int] = []
    for i in range(lo, hi):
        v = scores[i]
        if v != v:
            return None
        popped = -1
        while stack and scores[stack[-1]] < v:
            popped = stack.pop()
        if popped >= 0:
            left[i] = popped
        if stack:
            right[stack[-1]] = i
        stack.append(i)
    return stack[0]


def _semi_markov(scores: np.ndarray, log_prior: np.ndarray, max_words: int) -> list[int]:
    """Best segmentation under sum(cut scores) + sum(log_prior[unit length - 1]), by dynamic programming."""
    import numpy as np

    n_words = len(scores) + 1
    prior = np.full(max_words, log_prior[-1] if len(log_prior) else 0.0)
    prior[: min(max_words, len(log_prior))] = log_prior[:max_words]
    best = np.full(n_words + 1, -np.inf)
    best[0] = 0.0
    back = np.zeros(n_words + 1, dtype=np.int64)
    for j in range(1, n_words + 1):  # best segmentation of the first j words
        lo = max(0, j - max_words)
        cand = best[lo:j] + prior[j - lo - 1 :: -1]  # the last unit holds words k .. j-1
        k = int(np.argmax(cand))
        best[j] = cand[k] + (scores[j - 1] if j < n_words else 0.0)
        back[j] = lo + k
    cuts = []
    j = int(back[n_words])
    while j > 0:
        cuts.append(j - 1)
        j = int(back[j])
    return cuts[::-1]


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

    starts, ends = word_spans(text)  # _TOKEN_RE's matches, 16 bytes a word: a 30 MB caption block has 6M of them
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


# -- gold boundaries from punctuated text ---------------------------------------------------

_CURLY_TAG_RE = re.compile(r"\{[a-z]+\}")
_SPACED_HYPHEN_RE = re.compile(r"(?<=\w) - (?=\w)")
_PTB_CLITIC_RE = re.compile(r"(?<=\w) ('(?:s|re|m|ll|ve|d)|n't)(?=\s|$)", re.IGNORECASE)
_PTB_SPLIT_RE = re.compile(r"\b(gon|wan|got) (na|ta)\b", re.IGNORECASE)
_ACRONYM_RE = re.compile(r"\b(?:[A-Za-z]_){2,}")
_LABELLED_LINE_RE = re.compile(r"^[^:\n]{1,160}?:[ \t]+")
_DASH_RE = re.compile(r"--+|[—–]")
#: Hesitations that captioners and most recognisers leave out; transcripts keep them, often
#: as sentences of their own ("Um."), which would teach the model cuts that ASR never sees.
HESITATIONS = frozenset("um umm uh uhm er erm".split())


def _clean_line(line: str, labelled_lines: bool) -> str:
    if labelled_lines:
        line = _LABELLED_LINE_RE.sub("", line, count=1)
    else:
        _speaker, start = split_speaker_label(line)
        line = line[start:]
    line = _DASH_RE.sub(" ", line)  # "mesh--" and "this—mindful": a recogniser prints two words
    line = _CURLY_TAG_RE.sub(" ", line)  # QMSum {disfmarker}, {vocalsound}: not words
    line = _ACRONYM_RE.sub(lambda m: m.group(0).replace("_", ""), line)  # AMI L_C_D_ -> LCD
    line = _SPACED_HYPHEN_RE.sub("-", line)  # "Mm - hmm" -> "Mm-hmm", as a recogniser prints it
    line = _PTB_CLITIC_RE.sub(r"\1", line)  # "we 're" -> "we're"
    return _PTB_SPLIT_RE.sub(r"\1\2", line)  # "gon na" -> "gonna"


def _ends_sentence(token: str, next_token: str | None) -> bool:
    stripped = token.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in _END_PUNCT:
        return False
    if stripped.endswith("."):
        core = _EDGE_RE.sub("", stripped[:-1].casefold())
        if core in _ABBREVIATIONS:
            return False
        if core == "etc" and next_token is not None and not next_token[:1].isupper():
            return False
    return True


def unpunctuate(text: str, *, labelled_lines: bool = False, pauses: set[int] | None = None) -> tuple[str, frozenset[int]]:
    """Turn a punctuated transcript into ASR-like text plus its gold sentence boundaries.

    Returns ``(words joined by single spaces, {i: a sentence ends after word i})``. Words are
    lowercased and stripped of edge punctuation; speaker labels, non-speech tags
    (``[MUSIC]``, QMSum's ``{disfmarker}``) and punctuation-only tokens disappear. A
    sentence ends at ``.``, ``?``, ``!`` (not after titles such as "Mr.") and at the end of
    every line, since a line is a speaker turn or a paragraph. Commas, colons and dashes
    are not boundaries. Hesitations (``HESITATIONS``) are dropped, as captions drop them.
    The gap after the last word is not counted. With ``labelled_lines`` every line starts
    with ``Speaker:`` (QMSum, AMI, ICSI exports); otherwise labels are recognised as the
    transcript reader does. ``pauses``, when given, receives the gaps after a word that ended
    with ``,``, ``;`` or ``:`` and is no boundary: the gold of the comma model.
    """
    words: list[str] = []
    gold: set[int] = set()
    marks: set[int] = set()  # after a comma, semicolon or colon
    for raw in strip_nonspeech(text).splitlines():
        tokens = _clean_line(raw, labelled_lines).split()
        for k, token in enumerate(tokens):
            word = _EDGE_RE.sub("", token.casefold().replace("’", "'").replace("‘", "'"))
            if word and word not in HESITATIONS:
                words.append(word)
            if words and _ends_sentence(token, tokens[k + 1] if k + 1 < len(tokens) else None):
                gold.add(len(words) - 1)
            elif words and token.rstrip(_CLOSERS)[-1:] in (",", ";", ":"):
                marks.add(len(words) - 1)
        if words:
            gold.add(len(words) - 1)
    gold.discard(len(words) - 1)
    if pauses is not None:
        pauses.update(g for g in marks if g < len(words) - 1 and g not in gold)
    return " ".join(words), frozenset(gold)


def spans_to_gaps(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Word-gap indices where ``spans`` cut ``text``: i means "after the i-th word".

    Words are whitespace-separated tokens, numbered from 0; the end of the last span is
    not a gap.
    """
    starts = [m.start() for m in _TOKEN_RE.finditer(text)]
    cuts = set()
    for _start, end in spans[:-1]:
        cuts.add(bisect_left(starts, end) - 1)
    return frozenset(c for c in cuts if 0 <= c < len(starts) - 1)


def boundary_prf(gold: frozenset[int] | set[int], predicted: frozenset[int] | set[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted boundary gaps against gold ones (exact gap match).

    An empty prediction has precision 1 by convention; F1 is 0 when either side is empty
    and the other is not, and 1 when both are.
    """
    hits = len(set(gold) & set(predicted))
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    if not gold and not predicted:
        return 1.0, 1.0, 1.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1
