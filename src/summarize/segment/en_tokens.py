"""English word tokens in the Penn Treebank style, cut in one pass over the text's words.

Why our own: every score, tag and card was made with NLTK's ``TreebankWordTokenizer``, so the
tokens must stay exactly its tokens; but since NLTK 3.9 it runs about twenty substitutions over the
whole sentence, each through ``nltk.redos`` (the third-party ``regex`` engine under a wall-clock
timeout), and splitting words had become a quarter of the time of summarizing distinct English
prose (issue 16). The conventions are the Penn Treebank's (punctuation and brackets are tokens,
clitics split off: ``don't`` → ``do n't``, ``they'll`` → ``they 'll``, quotes become ````` and
``''``, a sentence's final period is a token, ``cannot`` → ``can not``); the many small ways NLTK's
rules play out on odd text were found by comparing outputs, and are written down where they apply.

How: the text is cut at white space into *chunks*. A chunk without punctuation is one token (unless
it holds one of the whole words cut in two, which sends its text the long way), so one regex scan finds
the chunks with a mark and ``str.split`` takes the stretches between them; a word with one mark after
it ("mesh,", "Istio.") is cut at once. Any other chunk is cut by :func:`_cut_chunk`: its tokens depend
only on the chunk and on what surrounds it (a plain space, other white space, the start or the end of
the text, and whether only white space follows it), so a short one is cut once per context and
remembered. Inside a chunk, cuts are decided in the order in which NLTK's rules would see them, since
a later rule reads the spaces an earlier one made (a clitic splits only where a space follows it by
then: ``it's,`` splits, ``it's,1`` does not).

Known difference: NLTK's ``regex`` engine carries newer Unicode tables than Python's ``re``, so a
comma or colon before a digit of a script added in Unicode 15 or later (all outside the Basic
Multilingual Plane, e.g. Garay digits U+10D40..U+10D49) is cut off here and kept there. No other
difference is known: ``tests/segment/test_en_tokens.py`` compares the two on generated text, and
``benchmarks/en_tokens.py`` on every sentence of the shared seeds, corpus-dev and English eval texts.
"""

from __future__ import annotations

import functools
import re

__all__ = ["treebank_tokens"]

# Where a chunk stands: the white space before it and after it.
_START, _SPACE, _OTHER, _END = 0, 1, 2, 3

#: A chunk with one of these characters may be cut or changed; any other chunk is one token in every
#: context, unless it holds one of the whole words Treebank cuts in two (:data:`_WHOLE_WORDS`).
_MARKS = r"""["'`.\-;@#$%&?!()\[\]{}<>:,]"""
#: A chunk with a mark, found from its first character (mid-chunk starts fail at the look-behind).
_MARKED_CHUNK = re.compile(r"(?<!\S)[^\s" + _MARKS[1:-1] + r"]*+" + _MARKS + r"\S*+")
#: The shape most marked chunks have: a word and one mark after it ("mesh,", "Istio.", "why?").
_WORD_AND_MARK = re.compile(r"([^" + _MARKS[1:-1] + r"]+)([,;:?!.])")
#: A superset of the texts where a chunk without marks holds a whole word to cut, tested on the lowered
#: text: re's IGNORECASE matches i with ı and İ (which lowers to i and a combining dot), and no other
#: letter of these words with anything but itself; each has a doubled n, m or t.
_MAYBE_WHOLE_WORD = re.compile("cannot|g(?:i|ı|i\u0307)mme|gonna|gotta|lemme|wanna")
_CHUNK = re.compile(r"\S+")  # re's \s is str.isspace: the white space str.split cuts at
#: The white space NLTK's final-period rule skips at the end of a text: ``regex``'s ``\s``, which,
#: unlike ``re``'s and ``str.split``'s, leaves out the separators U+001C..U+001F.
_TAIL_SPACE = re.compile(r"[^\S\x1c-\x1f]*")

_CLOSERS = frozenset("])}>\"'")  # may follow a sentence's final period inside its token-to-be
_OPENERS = frozenset("([{<")  # a double quote after one of these opens a quotation
#: Clitics split off the word before them when a space follows: first these ...
_CLITICS_FIRST = frozenset(["'s", "'S", "'m", "'M", "'d", "'D"])
#: ... then these, which may follow a split of the first kind ("they'd've" is not split twice).
_CLITICS_THEN = frozenset(["'ll", "'LL", "'re", "'RE", "'ve", "'VE"])
#: Whole words cut in two (any case, as re's IGNORECASE folds it: ſ is s, K is k, ı and İ are i).
_WHOLE_WORDS = re.compile(
    r"(?i)\b(?:(can)(not)|(d)('ye)|(gim)(me)|(gon)(na)|(got)(ta)|(lem)(me)|(more)('n))\b|\b(wan)(na)(?=\s)"
)
#: 'tis, then 'twas, after a space (in two passes: the first one's space may let the second match).
_TIS = (re.compile(r"(?i) ('t)(is)\b"), re.compile(r"(?i) ('t)(was)\b"))


def treebank_tokens(text: str) -> list[str]:
    """The tokens NLTK's ``TreebankWordTokenizer().tokenize(text)`` gives, punctuation included."""
    low = text.lower()
    if ("nn" in low or "mm" in low or "tt" in low) and _MAYBE_WHOLE_WORD.search(low) is not None:
        return _every_chunk(text)  # rare ("cannot", "gonna"): every chunk takes the long way
    out: list[str] = []
    done = 0
    size = len(text)
    for m in _MARKED_CHUNK.finditer(text):
        a, b = m.span()
        if a > done:
            out += text[done:a].split()  # chunks without a mark, each a token
        done = b
        chunk = m.group()
        final = _TAIL_SPACE.match(text, b).end() == size  # type: ignore[union-attr]  # (it always matches)
        simple = _WORD_AND_MARK.fullmatch(chunk)
        if simple is None:
            out += _chunk_tokens(chunk, _before(text, a), _after(text, b), final)
        elif simple[2] != "." or final:
            out += simple.groups()  # a comma or colon before white space, ; ? ! and the final period are tokens
        else:
            out.append(chunk)  # a period inside a text stays on its word ("York. Then")
    if done < size:
        out += text[done:].split()
    return out


def _every_chunk(text: str) -> list[str]:
    out: list[str] = []
    size = len(text)
    for m in _CHUNK.finditer(text):
        a, b = m.span()
        final = _TAIL_SPACE.match(text, b).end() == size  # type: ignore[union-attr]
        out += _chunk_tokens(m.group(), _before(text, a), _after(text, b), final)
    return out


def _before(text: str, a: int) -> int:
    return _START if a == 0 else _SPACE if text[a - 1] == " " else _OTHER


def _after(text: str, b: int) -> int:
    return _END if b == len(text) else _SPACE if text[b] == " " else _OTHER


def forget() -> None:
    """Empty the memo of cut chunks (for timings that must start cold)."""
    _cut_chunk_memo.cache_clear()


def _chunk_tokens(chunk: str, before: int, after: int, final: bool) -> tuple[str, ...]:
    """Tokens of one chunk in its context, remembered unless the chunk is long (a URL, a blob of code)."""
    if len(chunk) > _MEMO_CHARS:
        return _cut_chunk(chunk, before, after, final)
    return _cut_chunk_memo(chunk, before, after, final)


#: Chunks up to this long are remembered (65,536 of them: a few MB at most); longer ones rarely repeat.
_MEMO_CHARS = 64


def _cut_chunk(chunk: str, before: int, after: int, final: bool) -> tuple[str, ...]:
    """Tokens of one chunk (a run of non-space characters) in its context; see the module docstring.

    The steps run in the order in which NLTK's rules would reach the chunk, each reading the spaces the
    ones before it made: ``cut[i]`` says a space stands before ``chunk[i]`` (``cut[0]`` and ``cut[n]``
    are the edges, which count as spaces once a rule would see one there), ``shown`` holds the quote
    marks rewritten as ````` or ``''`` (start -> (length, token)).
    """
    n = len(chunk)
    cut = [before == _SPACE] + [False] * (n - 1) + [after == _SPACE]
    shown: dict[int, tuple[int, str]] = {}
    _open_quotes(chunk, before, cut, shown)
    _cut_punctuation(chunk, before, final, cut, shown)
    cut[0] = cut[0] or before == _START  # NLTK pads the text with a space at each end here
    cut[n] = cut[n] or after == _END
    _close_quotes(chunk, cut, shown)
    _cut_clitics(chunk, cut, shown)
    return _whole_words(chunk, before, cut, shown)


_cut_chunk_memo = functools.lru_cache(maxsize=65536)(_cut_chunk)


def _alone(cut: list[bool], i: int, length: int = 1) -> None:
    cut[i] = cut[i + length] = True


def _open_quotes(chunk: str, before: int, cut: list[bool], shown: dict[int, tuple[int, str]]) -> None:
    """A double quote that starts the text, a pair of backticks (from the left in a run), then a double
    quote or a pair of single quotes after a space or an opening bracket (a space the first two made
    counts, not one this step made): each a token, the quotes shown as ``."""
    n = len(chunk)
    if before == _START and chunk[0] == '"':
        shown[0] = (1, "``")
        _alone(cut, 0)
    i = chunk.find("``")
    while i != -1:
        _alone(cut, i, 2)
        i = chunk.find("``", i + 2)
    spaced = cut[:]
    i = 0
    while i < n:
        length = 1 if chunk[i] == '"' else 2 if chunk.startswith("''", i) else 0
        if length and i not in shown and (spaced[i] or (i > 0 and chunk[i - 1] in _OPENERS)):
            shown[i] = (length, "``")
            _alone(cut, i, length)
            i += length
        else:
            i += 1


def _cut_punctuation(chunk: str, before: int, final: bool, cut: list[bool], shown: dict[int, tuple[int, str]]) -> None:
    n = len(chunk)
    # A comma or colon is a token unless a digit follows it ("3,000", "10:30"); the character after one
    # that is cut is never cut as one itself ("a,,b" gives "a , ,b").
    i = 0
    while i < n:
        if chunk[i] in ":," and (i + 1 == n or not chunk[i + 1].isdecimal()):
            _alone(cut, i)
            i += 2
        else:
            i += 1
    # Three periods are a token, from the left in a run ("a....b": "a ... .b").
    i = chunk.find("...")
    while i != -1:
        _alone(cut, i, 3)
        i = chunk.find("...", i + 3)
    for i, c in enumerate(chunk):
        if c in ";@#$%&":
            _alone(cut, i)
    # The text's final period, before closing brackets and quotes, is a token unless a period is next to it.
    if final:
        j = n
        while j > 0 and chunk[j - 1] in _CLOSERS:
            j -= 1
        if j > 0 and chunk[j - 1] == "." and (
            (j > 1 and (cut[j - 1] or chunk[j - 2] != ".")) or (j == 1 and before != _START)
        ):
            if j > 1:
                cut[j - 1] = True
            cut[n] = True  # the white space after the text becomes one plain space, which later steps read
    for i, c in enumerate(chunk):
        if c in "?!":
            _alone(cut, i)
    # A single quote with a space after it leaves the character before it (unless that is a quote too).
    opening = {i + d for i, (length, _) in shown.items() for d in range(length)}
    for i in range(1, n):
        if chunk[i] == "'" and i not in opening and cut[i + 1] and (cut[i] or chunk[i - 1] != "'"):
            cut[i] = True
    # Brackets are tokens, and so are double dashes, from the left in a run.
    for i, c in enumerate(chunk):
        if c in "()[]{}<>":
            _alone(cut, i)
    i = chunk.find("--")
    while i != -1:
        _alone(cut, i, 2)
        i = chunk.find("--", i + 2)


def _close_quotes(chunk: str, cut: list[bool], shown: dict[int, tuple[int, str]]) -> None:
    """Each remaining pair of single quotes (from the left in a run) and each remaining double quote: a token ''."""
    n = len(chunk)
    i = 0
    while i < n - 1:
        if i in shown:
            i += shown[i][0]
        elif chunk[i] == "'" and chunk[i + 1] == "'":
            shown[i] = (2, "''")
            _alone(cut, i, 2)
            i += 2
        else:
            i += 1
    for i, c in enumerate(chunk):
        if c == '"' and i not in shown:
            shown[i] = (1, "''")
            _alone(cut, i)


def _cut_clitics(chunk: str, cut: list[bool], shown: dict[int, tuple[int, str]]) -> None:
    """A clitic, or a lone single quote, with a space after it leaves the character before it (unless
    that is a space or a quote): 's 'm 'd first, then 'll 're 've n't, which may follow a first cut."""
    n = len(chunk)

    def splits(start: int, end: int) -> bool:
        return cut[end] and start > 0 and not cut[start] and chunk[start - 1] != "'"

    rewritten = {i + d for i, (length, _) in shown.items() for d in range(length)}
    quotes = [i for i in range(n) if chunk[i] == "'" and i not in rewritten]
    firsts = [i for i in quotes if (chunk[i : i + 2] in _CLITICS_FIRST and splits(i, i + 2)) or splits(i, i + 1)]
    for i in firsts:
        cut[i] = True
    for i in quotes:
        if chunk[i : i + 3] in _CLITICS_THEN and splits(i, i + 3):
            cut[i] = True
        elif i > 0 and chunk[i - 1 : i + 2] in ("n't", "N'T") and splits(i - 1, i + 2):
            cut[i - 1] = True


def _whole_words(chunk: str, before: int, cut: list[bool], shown: dict[int, tuple[int, str]]) -> tuple[str, ...]:
    """The chunk as the cuts leave it, then the whole words cut in two ("cannot", "'tis"), then its tokens."""
    pieces = [" " if before in (_START, _SPACE) else "\t"]  # 'tis splits only after a plain space
    i = 0
    while i < len(chunk):
        if cut[i]:
            pieces.append(" ")
        length, token = shown.get(i, (1, chunk[i]))
        pieces.append(token)
        i += length
    pieces.append(" ")
    spaced = "".join(pieces)
    if _WHOLE_WORDS.search(spaced):
        spaced = _WHOLE_WORDS.sub(_spaced_groups, spaced)
    if "'" in spaced:
        for pattern in _TIS:
            spaced = pattern.sub(r" \1 \2 ", spaced)
    return tuple(spaced.split())


def _spaced_groups(m: re.Match[str]) -> str:
    return " " + " ".join(g for g in m.groups() if g is not None) + " "
