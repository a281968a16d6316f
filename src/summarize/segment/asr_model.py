"""The English boundary and comma models of unpunctuated speech: the features of a gap between two words, and
their learned weights summed into a score.

Why a module of its own: training (``tools/train_asr_boundaries.py``, ``tools/train_asr_pauses.py``) and inference
(:mod:`summarize.segment.asr`) must make the same keys of the same words, so :func:`norm_word`,
:func:`feature_keys` and the templates live in one place; the fast scoring of many gaps at once
(:func:`gap_scores_of`) sits next to them so a test can hold it to the per-gap statement. The data files
(``data/asr_boundaries.json.gz``, ``data/asr_pauses.json.gz``) record their sources, licences and how they were
built.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

from .._resources import data_json_gz
from ..errors import ResourceError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DATA_FILE",
    "PAUSE_FILE",
    "TEMPLATES",
    "feature_keys",
    "gap_scores",
    "gap_scores_of",
    "length_log_prior",
    "norm_word",
    "read_boundary_data",
]

DATA_FILE = "asr_boundaries.json.gz"
#: The pause model: log-odds that the original had a comma, semicolon, colon or sentence end in a gap, its
#: threshold chosen by the trainer for the precision a reader accepts (the data file records it).
PAUSE_FILE = "asr_pauses.json.gz"

#: Feature templates around the gap after word i: p = word i, n = word i+1, p2 / n2 = the
#: words one further out; longer names join neighbouring words ("pn" = word i and i+1).
TEMPLATES = ("p", "n", "pn", "pp", "nn", "ppn", "pnn", "nnn", "p2", "n2")

#: Edge punctuation of a token: what :func:`norm_word` (and the gold helpers) strip from a word.
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")


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


def length_log_prior() -> np.ndarray:
    """The boundary model's log-prior of a unit's length (L = 1 .. len words, max scaled to 0), for the
    semi-Markov decoder of :func:`~summarize.segment.asr_cuts.choose_boundaries`."""
    return _model().length_log_prior


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
