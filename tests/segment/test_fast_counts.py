"""Shortcuts the segmenter takes for speed (issue 16): a count taken in C equals the Python count it replaced,
and the rules that stop early answer as they did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.segment import asr, asr_gold, disfluency

_PIECES = st.sampled_from(["word", "so", "and", ",", ";", ":", ".", ",,", " ", "  ", "\n", "\t", "\u00a0", "\u3000",
                           "\x1c", "\u2028", "Um", "uh", "end", "？", "，"])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=2)), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_pause_marks_are_the_words_ending_on_one(text: str) -> None:
    assert len(asr._PAUSE_MARK_RE.findall(text)) == sum(1 for t in text.split() if t.endswith((",", ";", ":")))


def _looks_unpunctuated_as_before(text: str, min_words: int = 40, words_per_end: int = 80) -> bool:
    tokens = text.split()
    if len(tokens) < min_words:
        return False
    ends = sum(1 for t in tokens if t[-1] in asr_gold._LAST_OF_END and asr.ends_sentence(t))
    marks = ends + sum(1 for t in tokens if t.endswith((",", ";", ":")))
    if marks * 20 >= len(tokens):
        return False
    if ends * words_per_end < len(tokens):
        return True
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    return ends * words_per_end // 2 < len(tokens) and capitalised * 20 < len(tokens)


_WORDS = st.sampled_from(["so", "we", "moved", "The", "mesh", "it.", "it,", "Envoy", "e.g.", "Dr.", "ok;", "yes:", "fast?"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=30, max_size=200).map(" ".join))
def test_looks_unpunctuated_answers_as_before(text: str) -> None:
    assert asr.looks_unpunctuated(text) == _looks_unpunctuated_as_before(text)


def _sounds_spoken_as_before(sentences: list[str], lang: str) -> bool:
    if len(sentences) < disfluency._MIN_SENTENCES_TO_JUDGE:
        return False
    openers = sum(1 for s in sentences if disfluency._SPOKEN_OPENER_RE[lang].match(s.lstrip()))
    size = sum(len(s.split()) if lang == "en" else len(s) for s in sentences)
    persons = sum(len(disfluency._FIRST_SECOND_PERSON_RE[lang].findall(s)) for s in sentences)
    return (openers / len(sentences) >= disfluency.SPOKEN_OPENER_SHARE[lang]
            and persons * 100 / max(size, 1) >= disfluency.SPOKEN_PERSON_RATE)


_SENTENCE = st.lists(st.sampled_from(["So", "and", "I", "you", "we", "mesh", "Envoy", "然后", "我们", "服务", "好，", "的"]),
                     min_size=1, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE, max_size=30), st.sampled_from(["en", "zh"]))
def test_sounds_spoken_answers_as_before(sentences: list[str], lang: str) -> None:
    assert disfluency.sounds_spoken(sentences, lang) == _sounds_spoken_as_before(sentences, lang)


# Text without hanzi (issue 16): block_spans cuts it as one English stretch (segment._english_spans), skipping the
# per-line and per-span language checks of the general path (segment._mixed_spans), which must find the same spans.
_EN_PIECES = st.sampled_from(["Istio", "is", "fast", "e.g.", "Dr.", "No.", "5", "ms.", "U.S.", ".", "?", "!", "…", "……",
                              "。", "；", "！", "）", ",", ":", " ", " ", "\n", "\n\n", "  \n", "“", "”", "—", "é", "\u00a0",
                              "\t", "\u3000", "Okafor", "said"])
_EN_TEXT = st.lists(_EN_PIECES, max_size=60).map("".join)
_UNPUNCTUATED = st.lists(st.sampled_from("so we moved the proxy into the node and it worked\n well for us".split(" ")),
                         min_size=40, max_size=120).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_EN_TEXT, _UNPUNCTUATED))
def test_text_without_hanzi_is_cut_as_the_general_path_cuts_it(text: str) -> None:
    from summarize import segment

    assert segment.CJK_RE.search(text) is None
    fast_margins: dict = {}
    slow_margins: dict = {}
    assert segment._english_spans(text, (), fast_margins) == segment._mixed_spans(text, (), slow_margins, {})
    assert fast_margins == slow_margins


_LANG_PIECES = st.sampled_from(["the", "The", "is", "Istio", "服务", "的", "网格", "\u3400", "\uf900", "カ", "é", "。", "；",
                                " ", "1.4", "(", "“", "-"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LANG_PIECES, max_size=12).map("".join))
def test_a_text_without_hanzi_is_english_or_the_default(text: str) -> None:
    """guess_lang stops at the first hanzi instead of counting them all: a text without one is still English when it
    has a Latin word and the default when not, and a text with one never falls to the default."""
    from summarize._text import LATIN_WORD_RE, cjk_count, guess_lang

    if cjk_count(text) == 0:
        assert guess_lang(text, default="x") == ("en" if LATIN_WORD_RE.search(text) else "x")
    else:
        assert guess_lang(text, default="x") in ("en", "zh")


def _terminator_spans_as_before(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from summarize.segment import zh

    spans, cursor = [], start
    for m in zh._TERMINATORS_RE.finditer(text, start, end):
        if zh._ends_an_aside(text, m, end):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    return [s for s in (zh._trim(text, a, b) for a, b in spans) if s]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["服务", "Istio", "。", "！", "？", "；", "…", "……", "）", "的", "包括", " ", "\n", "."]),
                max_size=30).map("".join), st.data())
def test_terminator_spans_skip_text_without_terminators_as_the_scan_would(text: str, data: st.DataObject) -> None:
    from summarize.segment import zh

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert zh.terminator_spans(text, start, end) == _terminator_spans_as_before(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["so", "we", "a", " ", "  ", "\n", "moved", "."]), max_size=120).map("".join))
def test_short_text_is_never_unpunctuated(text: str) -> None:
    """The length check before the word count: a text too short for 40 words answers as the count would."""
    tokens = text.split()
    if len(tokens) < 40:
        assert not asr.looks_unpunctuated(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LANG_PIECES, max_size=20).map("".join))
def test_chinese_function_characters_are_counted_as_one_by_one(text: str) -> None:
    """guess_lang counts Chinese function characters with a regex (in C): the count of the per-character loop."""
    from summarize import _text

    assert len(_text._ZH_FUNCTION_RE.findall(text)) == sum(1 for ch in text if ch in _text._ZH_FUNCTION_CHARS)
