"""Sentence units for unpunctuated Chinese speech (Bilibili and YouTube auto-captions).

Chinese recognisers print short phrases separated by spaces, line breaks or caption cues, with
no 。，？ at all: the punctuation-driven splitter returns one run of hanzi (cut only at the
1,000-character cap). This module finds such text (:func:`looks_unpunctuated_zh`) and scores
every gap between two phrases with boundary statistics learned from VCSum (MIT; the data file
``data/asr_zh_boundaries.json.gz`` records sources, the meeting split and the command), keeping
the gaps whose score is positive and cutting any unit longer than ``MAX_UNIT_CHARS`` at its
best gap. Cuts fall only between phrases: a phrase is never split.

The English model (:mod:`summarize.segment.asr`) works on words; this one on phrases, with
character features (the last and first characters around the gap, sentence-final particles
such as 吗/呢/吧, openers such as 然后/就是/所以, the phrases' lengths), so it needs no jieba at
run time. :func:`unpunctuate_zh` turns punctuated Chinese into phrases plus gold boundaries; the
trainer, the benchmark and the tests share it.

Usage::

    if looks_unpunctuated_zh(text):
        spans = split_unpunctuated_zh(text)   # [(start, end), ...] character offsets
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise, repeat
from typing import NamedTuple

from .._text import CJK_CHAR, CJK_RE, lazy_pattern
from ..parse.speech import split_speaker_label, strip_nonspeech
from .asr_cuts import cap_units

__all__ = [
    "MAX_UNIT_CHARS",
    "TEMPLATES",
    "gap_keys",
    "looks_unpunctuated_zh",
    "phrase_spans",
    "split_unpunctuated_zh",
    "unpunctuate_zh",
]

DATA_FILE = "asr_zh_boundaries.json.gz"

#: Feature templates of the gap between phrase P and the next phrase N: p1/p2/p3 = the last one,
#: two, three units of P (a unit is a hanzi, or a run of Latin letters or digits), n1/n2/n3 the
#: first of N, p1n1 and p2n2 both sides at once, plen/nlen the phrases' lengths (bucketed), pp1 the
#: last unit of the phrase before P; gap = what separates them (see :func:`gap_kind`) in the text's
#: style (see :func:`text_style`), alone and with p1 and n1.
TEMPLATES = ("p1", "p2", "p3", "n1", "n2", "n3", "p1n1", "p2n2", "plen", "nlen", "pp1", "gap", "gap_p1", "gap_n1")

#: A unit the model left longer than this many characters is cut at its best gap between phrases.
MAX_UNIT_CHARS = 120

#: A gap inside a unit whose score (log-odds over the threshold) is above this reads as a pause a writer marks with
#: a comma. Measured on held-out VCSum meetings by ``benchmarks/asr_boundaries.py`` (table "Commas at pauses"):
#: how many of these commas stand where the punctuated original had a mark, and how many of its commas they find.
PAUSE_MARGIN = -2.0
#: The same for a space between phrases in text that spaces its phrases (not its words): the recogniser heard a
#: pause there, so less evidence is needed.
SPACED_PAUSE_MARGIN = -3.0

#: Log-odds added where a phrase already ends with 。？！ or .?! (text with a few stray marks).
PUNCT_BONUS = 3.0
EDGE_MARGIN = PUNCT_BONUS

_UNIT_RE = re.compile(rf"[{CJK_CHAR}]|[A-Za-z]+|[0-9]+|[^\s{CJK_CHAR}A-Za-z0-9]")
_PHRASE_RE = re.compile(r"\S+")
_hanzi_run_re = lazy_pattern(rf"[{CJK_CHAR}]+")  # compiled on the first Chinese speech (its ranges take ms)
_ENDS_RE = re.compile(r"[。？！?!…][”’」』）)】]*$|(?<=[^.])\.$")
#: The last character of every phrase :data:`_ENDS_RE` finds (a cheap test first: most phrases end on a hanzi).
_ENDS_LAST = frozenset("。？！?!…”’」』）)】.")
#: Marks a punctuated Chinese text has every few clauses; a recogniser prints none of them.
_MARKS_RE = re.compile(r"[。，、；：？！,;:?!]")
#: Characters that are everywhere in spoken Chinese and rare in a list of terms or a line of verse:
#: structural particles, pronouns, copula, the commonest adverbs and measure word.
_SPOKEN_CHARS = frozenset("的了是我你他她们这那就在有个吗呢吧啊说要会没不也都很把被让给吃")


def _units(phrase: str) -> list[str]:
    """A phrase as feature units: each hanzi, each Latin word (lowercased), ``<num>`` for digits."""
    if _hanzi_run_re().fullmatch(phrase):
        return list(phrase)  # most phrases of speech: every character a unit, and its own form (no hanzi is a digit)
    return list(map(_unit_form, _UNIT_RE.findall(phrase)))


@functools.lru_cache(maxsize=1 << 16)
def _unit_form(unit: str) -> str:
    """Memoised: the units are a small vocabulary (hanzi, words), and every one of a caption is looked at."""
    if unit.isdigit():
        return "<num>"
    if unit.isascii() and unit.isalpha():
        return unit.lower()
    return unit


def _length_bucket(n: int) -> str:
    if n <= 6:
        return str(n)
    return "7" if n <= 9 else "10" if n <= 14 else "15" if n <= 20 else "21"


def gap_kind(between: str) -> str:
    """What separates two phrases: ``sp`` spaces, ``nl`` a line break, ``par`` a blank line, ``cue`` nothing
    (a caption cue or timed word starts there)."""
    newlines = between.count("\n")
    return "cue" if not between else "sp" if not newlines else "nl" if newlines == 1 else "par"


def text_style(phrase_units: Sequence[Sequence[str]]) -> str:
    """``w`` for text with a space between words (phrases one per line), ``p`` for a space between phrases."""
    return _style_of([len(u) for u in phrase_units])


def _style_of(n_units: list[int]) -> str:
    """:func:`text_style` of phrases of these many units."""
    n_units.sort()
    return "w" if n_units and n_units[len(n_units) // 2] <= 3 else "p"


def gap_keys(
    before2: Sequence[str], before: Sequence[str], after: Sequence[str], gap: str = "sp", style: str = "p"
) -> tuple[str, ...]:
    """Feature keys, one per ``TEMPLATES`` entry, of the gap between two phrases given as units.

    ``before2`` is the phrase before ``before`` (empty at the start of the text); an empty
    ``after`` is the end; ``gap`` and ``style`` come from :func:`gap_kind` and :func:`text_style`.
    Training calls this; inference (:func:`_phrase_gap_scores`) makes the same keys with the same helpers, a
    phrase at a time, and a test holds its scores to the ones these keys give, so the two cannot drift apart.
    """
    p1, p2, p3 = _tail_keys(before)
    n1, n2, n3 = _head_keys(after)
    kind = f"{style}{gap}"
    return (
        p1, p2, p3, n1, n2, n3, f"{p1}|{n1}", f"{p2}|{n2}",
        _length_bucket(len(before)), _length_bucket(len(after)), before2[-1] if before2 else "<s>",
        kind, f"{kind}|{p1}", f"{kind}|{n1}",
    )


def _tail_keys(units: Sequence[str]) -> tuple[str, str, str]:
    """p1, p2, p3 of :func:`gap_keys`: the last one, two, three units of the phrase before the gap."""
    p = list(units[-3:]) or ["<s>"]
    return p[-1], "".join(p[-2:]), "".join(p)


def _head_keys(units: Sequence[str]) -> tuple[str, str, str]:
    """n1, n2, n3 of :func:`gap_keys`: the first one, two, three units of the phrase after the gap."""
    n = list(units[:3]) or ["</s>"]
    return n[0], "".join(n[:2]), "".join(n)


# -- the learned model ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Model:
    bias: float  # threshold folded in
    weights: tuple[dict[str, float], ...]  # one table per TEMPLATES entry


@functools.cache
def _model() -> _Model:
    """The shipped statistics, read once on the first unpunctuated Chinese text."""
    from .asr_model import read_boundary_data

    data = read_boundary_data(DATA_FILE, TEMPLATES)
    return _Model(
        bias=float(data["bias"]) - float(data["threshold"]),
        weights=tuple(dict(data["weights"][t]) for t in TEMPLATES),
    )


def phrase_gap_scores(phrases: Sequence[str], gaps: Sequence[str]) -> list[float]:
    """Learned log-odds, threshold subtracted, that a sentence ends after each phrase but the last.

    ``gaps[i]`` is the text between phrase i and phrase i + 1.
    """
    return _phrase_gap_scores(phrases, gaps)[0]


def _gap_scores(units: Sequence[Sequence[str]], gaps: Sequence[str]) -> list[float]:
    """:func:`phrase_gap_scores` of phrases already turned into units (the plain statement: :func:`gap_keys`
    of each gap, its tables' weights summed in order; :func:`_phrase_gap_scores` is the fast path)."""
    model = _model()
    style = text_style(units)
    zeros = repeat(0.0)
    out = []
    for i in range(len(units) - 1):
        keys = gap_keys(units[i - 1] if i else (), units[i], units[i + 1], gap_kind(gaps[i]), style)
        # the tables' weights summed in order, as ``sum(table.get(key, 0.0) for …)`` would, without its frames
        out.append(model.bias + sum(map(dict.get, model.weights, keys, zeros)))
    return out


class _Sides(NamedTuple):
    """What the gap features read of one phrase (see :func:`gap_keys`), with the weights of the keys that
    depend on this phrase alone already looked up (a named tuple: made once per distinct phrase of a long
    caption file, where a dataclass's ``__init__`` costs more than the lookups)."""

    n_units: int
    p1: str  # the last unit ("<s>" for no unit), the first of p1n1 / gap_p1 and of pp1 for the gap after next
    p2: str
    n1: str
    n2: str
    before: tuple[float, float, float, float]  # the weights of p1, p2, p3, plen with this phrase before the gap
    after: tuple[float, float, float, float]  # of n1, n2, n3, nlen with it after the gap


@functools.lru_cache(maxsize=1 << 14)
def _sides(phrase: str) -> _Sides:
    """Memoised per phrase: speech repeats its short phrases ("然后", "就是说", "对吧"), and every phrase but the
    first and last is read twice, once on each side of a gap."""
    units = _units(phrase)
    p1, p2, p3 = _tail_keys(units)
    n1, n2, n3 = _head_keys(units)
    length = _length_bucket(len(units))
    w = _model().weights
    return _Sides(
        len(units), p1, p2, n1, n2,
        (w[0].get(p1, 0.0), w[1].get(p2, 0.0), w[2].get(p3, 0.0), w[8].get(length, 0.0)),
        (w[3].get(n1, 0.0), w[4].get(n2, 0.0), w[5].get(n3, 0.0), w[9].get(length, 0.0)),
    )


def _phrase_gap_scores(phrases: Sequence[str], gaps: Sequence[str]) -> tuple[list[float], str]:
    """:func:`phrase_gap_scores` and :func:`text_style` of the phrases, without building every key of every
    gap: the same weights added in the same order (``TEMPLATES``'), so the same floats, but the keys of one
    phrase (its units, p1-p3, n1-n3, lengths) are made and looked up once per distinct phrase. The plain
    statement is :func:`_gap_scores`; a test holds the two equal."""
    sides = [_sides(p) for p in phrases]
    style = _style_of([s.n_units for s in sides])
    model = _model()
    bias = model.bias
    w_p1n1, w_p2n2, w_pp1, w_gap, w_gap_p1, w_gap_n1 = (model.weights[k] for k in (6, 7, 10, 11, 12, 13))
    kinds = {between: style + gap_kind(between) for between in set(gaps)}  # a handful: "", " ", "\n", ...
    out = []
    before2 = "<s>"
    for i in range(len(sides) - 1):
        b, a = sides[i], sides[i + 1]
        bw, aw = b.before, a.after
        kind = kinds[gaps[i]]
        total = 0.0  # in TEMPLATES order: p1 p2 p3 n1 n2 n3 p1n1 p2n2 plen nlen pp1 gap gap_p1 gap_n1
        total += bw[0]
        total += bw[1]
        total += bw[2]
        total += aw[0]
        total += aw[1]
        total += aw[2]
        total += w_p1n1.get(f"{b.p1}|{a.n1}", 0.0)
        total += w_p2n2.get(f"{b.p2}|{a.n2}", 0.0)
        total += bw[3]
        total += aw[3]
        total += w_pp1.get(before2, 0.0)
        total += w_gap.get(kind, 0.0)
        total += w_gap_p1.get(f"{kind}|{b.p1}", 0.0)
        total += w_gap_n1.get(f"{kind}|{a.n1}", 0.0)
        out.append(bias + total)
        before2 = b.p1
    return out, style


# -- phrases --------------------------------------------------------------------------------


def phrase_spans(text: str, time_marks: Sequence[tuple[int, float]] = ()) -> list[tuple[int, int]]:
    """Phrases of ``text``: runs without whitespace, also cut where a caption cue or timed word starts.

    The caption reader joins two cues with nothing between hanzi, so a cue start inside a run
    is a phrase gap too.
    """
    cuts = sorted({o for o, _t in time_marks if 0 < o < len(text) and not text[o - 1].isspace()})
    if not cuts:  # plain text: the runs themselves
        return [m.span() for m in _PHRASE_RE.finditer(text)]
    spans = []
    k = 0
    for m in _PHRASE_RE.finditer(text):
        a, b = m.span()
        while k < len(cuts) and cuts[k] <= a:
            k += 1
        while k < len(cuts) and cuts[k] < b:
            spans.append((a, cuts[k]))
            a = cuts[k]
            k += 1
        spans.append((a, b))
    return spans


def looks_unpunctuated_zh(
    text: str, time_marks: Sequence[tuple[int, float]] = (), *, min_hanzi: int = 40, min_phrases: int = 6
) -> bool:
    """True for Chinese speech as a recogniser prints it: many short phrases and no punctuation.

    Chinese prose has a comma or full stop every dozen characters; this needs at least
    ``min_hanzi`` hanzi in ``min_phrases`` phrases with fewer than one mark per 40 hanzi. Two
    other kinds of text also come as short unpunctuated lines and are refused: verse (most
    lines of one length) and lists of terms (few phrases with the particles, pronouns and
    adverbs every spoken sentence is full of).
    """
    # cjk_count, by runs: its findall made a string of every hanzi of a caption file
    hanzi = 0 if text.isascii() else sum(map(len, _hanzi_run_re().findall(text)))
    if hanzi < min_hanzi:
        return False
    latin = len(re.findall(r"[A-Za-z]+", text))
    if hanzi / 1.5 < latin:
        return False  # English with a few Chinese words: the English model's text
    if len(_MARKS_RE.findall(text)) * 40 >= hanzi:
        return False
    # The phrases, counted in C where it can be: with no mark inside a run, they are the text's runs of non-space.
    cut = any(0 < o < len(text) and not text[o - 1].isspace() for o, _t in time_marks)
    phrases = [text[a:b] for a, b in phrase_spans(text, time_marks)] if cut else text.split()
    phrases = [p for p in phrases if CJK_RE.search(p)]
    if len(phrases) < min_phrases:
        return False
    lengths = sorted(map(len, phrases))
    commonest = max(Counter(lengths).values())
    if commonest >= 0.6 * len(lengths) and lengths[len(lengths) // 2] <= 8:
        return False  # verse: 五言 / 七言 lines
    spoken = len(phrases) - sum(map(_SPOKEN_CHARS.isdisjoint, phrases))  # phrases with a particle, pronoun, ...
    return spoken >= 0.4 * len(phrases)


# -- splitting ------------------------------------------------------------------------------


def split_unpunctuated_zh(
    text: str, time_marks: Sequence[tuple[int, float]] = (), margins: list[float] | None = None,
    pauses: list[tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of unpunctuated Chinese speech, in order.

    Spans are offsets into ``text`` without surrounding whitespace and cover every non-space
    character; cuts fall only between phrases (:func:`phrase_spans`). When ``margins`` is a
    list it receives, per span, the score of its less certain end (as the English
    :func:`~summarize.segment.asr.split_unpunctuated` does). When ``pauses`` is a list it receives, per span,
    the offsets (into ``text``) of the gaps inside it that score above :data:`PAUSE_MARGIN`: where a writer
    would put a comma, so a takeaway cut from a caption reads as a sentence and not as 90 hanzi in one breath.
    """
    spans = phrase_spans(text, time_marks)
    if not spans:
        return []
    phrases = [text[a:b] for a, b in spans]
    gaps = [text[b:a] for (_x, b), (a, _y) in pairwise(spans)]
    scores, style = _phrase_gap_scores(phrases, gaps)
    scores = [s + (PUNCT_BONUS if p[-1:] in _ENDS_LAST and _ENDS_RE.search(p) else 0.0)
              for s, p in zip(scores, phrases)]
    cuts = _cap_lengths(scores, [i for i, s in enumerate(scores) if s > 0], spans, text)
    out = []
    start = 0
    for cut in cuts:
        out.append((spans[start][0], spans[cut][1]))
        start = cut + 1
    out.append((spans[start][0], spans[-1][1]))
    if margins is not None:
        edges = [EDGE_MARGIN, *(scores[c] for c in cuts), EDGE_MARGIN]
        margins.extend(min(a, b) for a, b in pairwise(edges))
    if pauses is not None:
        spaced = style == "p"
        bars = [SPACED_PAUSE_MARGIN if spaced and gap_kind(between) == "sp" else PAUSE_MARGIN for between in gaps]
        bounds = [-1, *cuts, len(spans) - 1]
        heard = [i for a, b in pairwise(bounds) for i in range(a + 1, b) if scores[i] > bars[i]]
        allowed = set(compress(heard, _pauses_allowed(text, [(spans[i][1], scores[i]) for i in heard])))
        pauses.extend(tuple(spans[i][1] for i in range(a + 1, b) if i in allowed) for a, b in pairwise(bounds))
    return out


#: A pause next to a Latin word needs this much more: a recogniser cuts a phrase before an English term it
#: heard ("在备用 | region 的镜像仓库"), rarely a clause.
LATIN_PAUSE_MARGIN = -0.5
_WORD_WINDOW = 6


def _around(text: str, at: int, n: int) -> str:
    """The ``|n|`` characters before (n < 0) or after offset ``at``, once the spaces next to it are stripped: a
    slice of a few dozen characters, not of the whole text (a caption file is one block, and slicing it whole at
    every pause was quadratic); it widens only when a run of spaces fills it."""
    span = 64
    while True:
        if n < 0:
            piece = text[max(0, at - span) : at].rstrip()
            if len(piece) >= -n or span >= at:
                return piece[n:]
        else:
            piece = text[at : at + span].lstrip()
            if len(piece) >= n or at + span >= len(text):
                return piece[:n]
        span *= 4


def _pause_allowed(text: str, at: int, score: float) -> bool:
    """Whether a comma may stand at offset ``at`` (one gap of :func:`_pauses_allowed`)."""
    return _pauses_allowed(text, [(at, score)])[0]


def _pauses_allowed(text: str, gaps: Sequence[tuple[int, float]]) -> list[bool]:
    """Whether a comma may stand at each gap ``(offset, score)``: never inside a word (a caption cue cuts
    "负 | 载均衡" where the screen was full; jieba, on a few characters either side, says where the words are),
    never between two Latin words or digits ("multi cluster"), and next to a Latin word only with a clearer
    pause. The jieba question goes to :func:`~summarize.segment.word_gap.words_across` for all gaps at once."""
    from .word_gap import words_across

    out: list[bool | None] = []
    windows = []
    for at, score in gaps:
        left, right = _around(text, at, -_WORD_WINDOW), _around(text, at, _WORD_WINDOW)
        before, after = left[-1:], right[:1]
        latin_before, latin_after = before.isascii() and before.isalnum(), after.isascii() and after.isalnum()
        if (latin_before and latin_after) or ((latin_before or latin_after) and score <= LATIN_PAUSE_MARGIN):
            out.append(False)
        else:
            out.append(None)
            windows.append((left + right, len(left)))
    inside = iter(words_across(windows))
    return [not next(inside) if known is None else known for known in out]


def _cap_lengths(scores: list[float], cuts: list[int], spans: list[tuple[int, int]], text: str = "") -> list[int]:
    """Add a cut at the best gap of every unit longer than MAX_UNIT_CHARS, until none is.

    A unit is phrases a+1 .. b (gap i = after phrase i); a single phrase is never cut. A cut the length forces
    that lands inside a word (with ``text``: a caption cue cut where the screen was full, "然后网关直接拒 | 绝了所有请求",
    a fresh page's takeaway) is moved: that gap is ranked below every other and the cap runs once more. Only
    forced cuts: on the model's own cuts jieba's reading across a real pause is as often wrong ("陈默 | 然后" read
    as 默然) as right.
    """
    last = len(spans) - 1

    def too_long(a: int, b: int) -> bool:
        return b - a > 1 and spans[b][1] - spans[a + 1][0] > MAX_UNIT_CHARS

    def best(ranked: Sequence[float]) -> Callable[[int, int], int]:
        return lambda a, b: max(range(a + 1, b), key=lambda i: (ranked[i], -i))  # best gap strictly inside

    capped = cap_units(scores, cuts, last, too_long, best(scores))
    if not text or len(capped) == len(cuts):
        return capped
    chosen = set(cuts)
    forced = [c for c in capped if c not in chosen]
    inside = [c for c, across in zip(forced, _inside_words(text, [spans[c][1] for c in forced])) if across]
    if not inside:
        return capped
    floor = min(scores) - 1.0
    ranked = list(scores)
    for c in inside:
        ranked[c] = floor
    return cap_units(ranked, cuts, last, too_long, best(ranked))


def _inside_words(text: str, offsets: Sequence[int]) -> list[bool]:
    """Whether jieba reads a word across each offset (a few characters either side, as the pause check does)."""
    from .word_gap import words_across

    windows = []
    for at in offsets:
        left, right = _around(text, at, -_WORD_WINDOW), _around(text, at, _WORD_WINDOW)
        windows.append((left + right, len(left)))
    return words_across(windows)


# -- gold boundaries from punctuated text ---------------------------------------------------

_CLAUSE_END_RE = re.compile(r"[，。？！、；：,;:?!…]+[”’」』）)】]*|\s+")
_SENTENCE_END_RE = re.compile(r"[。？！?!…]")


def unpunctuate_zh(
    text: str, *, max_phrase: int = 16, words: Callable[[str], list[str]] | None = None, marked: set[int] | None = None
) -> tuple[list[str], frozenset[int]]:
    """Turn punctuated Chinese into recogniser-like phrases plus gold sentence boundaries.

    Returns ``(phrases, {i: a sentence ends after phrase i})``. A phrase ends at every mark
    (，。？！、；：) and every space, as captions break at pauses; a clause longer than
    ``max_phrase`` characters is cut further at word boundaries (``words`` tokenises, default
    our jieba) into near-equal parts, as a caption line fills up. A sentence ends at 。？！ and
    at the end of every line (a speaker turn). Speaker labels and non-speech tags disappear.
    The gap after the last phrase is not counted. ``marked``, when given, receives every gap where the original
    had a mark or a space (a comma, a stop, a pause), as against a long clause cut where a caption line filled up:
    where :data:`PAUSE_MARGIN`'s commas are measured.
    """
    if words is None:
        from .zh import zh_words

        words = zh_words
    phrases: list[str] = []
    gold: set[int] = set()
    for raw in strip_nonspeech(text).splitlines():
        _speaker, start = split_speaker_label(raw)
        line = raw[start:]
        position = 0
        for m in [*_CLAUSE_END_RE.finditer(line), None]:
            clause = line[position : m.start() if m else len(line)]
            position = m.end() if m else len(line)
            if clause:
                phrases.extend(_cut_clause(clause, max_phrase, words))
                if marked is not None and m:
                    marked.add(len(phrases) - 1)
            if m and phrases and _SENTENCE_END_RE.search(m.group(0)):
                gold.add(len(phrases) - 1)
        if phrases:
            gold.add(len(phrases) - 1)
    gold.discard(len(phrases) - 1)
    return phrases, frozenset(gold)


def _cut_clause(clause: str, max_phrase: int, words: Callable[[str], list[str]]) -> list[str]:
    if len(clause) <= max_phrase:
        return [clause]
    parts = -(-len(clause) // max_phrase)
    ends = []  # where each word ends
    for word in words(clause):
        ends.append((ends[-1] if ends else 0) + len(word))
    cuts = sorted({min(ends[:-1], key=lambda e: abs(e - k * len(clause) / parts)) for k in range(1, parts)} if len(ends) > 1 else set())
    return [clause[a:b] for a, b in pairwise([0, *cuts, len(clause)])]
