"""Shortcuts the segmenter takes for speed (issue 16): a count taken in C equals the Python count it replaced,
and the rules that stop early answer as they did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.segment import asr, disfluency

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
    ends = sum(1 for t in tokens if t[-1] in asr._LAST_OF_END and asr.ends_sentence(t))
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
