"""The disfluency-free view: what it removes, and that the original stays recoverable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from summarize.segment.disfluency import clean, disfluency_spans


@pytest.mark.parametrize(
    ("spoken", "cleaned"),
    [
        ("Um OK. Let's just switch the image.", "OK. Let's just switch the image."),
        ("So uh maybe tell us um what inspired you", "So maybe tell us what inspired you"),
        ("I, I think it's fair to say", "I think it's fair to say"),
        ("It's a, it's, it's a collaboration project", "it's a collaboration project"),
        ("We had, you know, tremendous growth", "We had tremendous growth"),
        ("Do you know what it does?", "Do you know what it does?"),
        ("Do you know, really, what it is?", "Do you know, really, what it is?"),
        ("It does traffic shifting you know, resiliency", "It does traffic shifting resiliency"),
        ("That that is very very good", "That that is very very good"),
        ("We made a rule that, that no alert can page a human", "We made a rule that no alert can page a human"),
        ("it was very, very slow", "it was very, very slow"),
        ("and round and round it goes", "and round and round it goes"),
        ("it got worse day by day by day", "it got worse day by day by day"),
        ("we moved it to the to the cluster", "we moved it to the cluster"),
        ("I just agreed to make to make the panels", "I just agreed to make the panels"),
        ("and then and then we deployed it", "and then we deployed it"),
        ("or something, or something like that", "or something like that"),
        ("嗯，我觉得这个很好", "我觉得这个很好"),
        ("第一次演练的时候呃整个会议室坐了三十多个人", "第一次演练的时候整个会议室坐了三十多个人"),
        ("这笔额外的金额啊不算多", "这笔额外的金额啊不算多"),
        ("我们团队就就五个人", "我们团队就五个人"),
        ("这个这个配置要改", "这个配置要改"),
        ("效果挺明显的哈哈", "效果挺明显的"),
        ("我们先看看日志", "我们先看看日志"),  # a doubled verb is grammar
        ("是是否需要重试", "是是否需要重试"),  # 是否 is a word of its own
        ("就是说我们先跑了两周", "就是说我们先跑了两周"),
        ("Because you can't, like, you can't schedule a pod", "Because you can't schedule a pod"),
        ("Uh uh", ""),
        ("It went from eighteen to about, um, fifty-two percent", "It went from eighteen to about fifty-two percent"),
        ("the cost,uh,doubled", "the cost,doubled"),
        ("Pods share nodes, nodes sit idle between events", "Pods share nodes, nodes sit idle between events"),
        ("we, we need the docs, docs first", "we need the docs, docs first"),
        ("we need docs docs first", "we need docs first"),
        ("if you call your buddy, that's, that's the system working", "if you call your buddy, that's the system working"),
    ],
)
def test_clean_view(spoken: str, cleaned: str) -> None:
    """Fillers, discourse markers and stutters go; meaningful repeats and questions stay."""
    assert clean(spoken) == cleaned


@given(any_text)
def test_spans_are_sorted_disjoint_and_inside(text: str) -> None:
    """Removed ranges index the original text, so the original can always be rebuilt around them."""
    spans = disfluency_spans(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        last = b


def _spans_by_character(text: str) -> list[tuple[int, int]]:
    """The two passes with the kept text indexed character by character: the plain statement of what
    :func:`disfluency_spans` computes with runs and bisection."""
    from summarize.segment.disfluency import _merge, _one_pass

    spans = _one_pass(text)
    removed = {i for a, b in spans for i in range(a, b)}
    kept_index = [i for i in range(len(text)) if i not in removed]
    kept_text = "".join(text[i] for i in kept_index)
    return _merge(spans + [(kept_index[a], kept_index[b - 1] + 1) for a, b in _one_pass(kept_text)])


_STUTTERY = st.lists(
    st.sampled_from(["I", "I,", "it's", "it's,", "a", "a,", "uh", "um,", "the", "you know,", "so", "we", "嗯，", "day", "by"]),
    max_size=30,
).map(" ".join)


@given(st.one_of(any_text, _STUTTERY))
def test_second_pass_maps_back_to_the_original(text: str) -> None:
    """A stutter the first pass uncovers ("it's a, it's, it's a") is removed at its own place in the original."""
    assert disfluency_spans(text) == _spans_by_character(text)


def _one_pass_unfiltered(text: str) -> list[tuple[int, int]]:
    """:func:`_one_pass` with every pattern run on every text: what the ASCII shortcut must agree with."""
    from summarize.segment import disfluency as d

    spans = [d._with_enclosing_comma(text, *m.span()) for m in d._FILLER_RE.finditer(text)]
    spans += [m.span() for m in d._MARKER_RE.finditer(text)]
    spans += [m.span() for m in d._ZH_FILLER_RE.finditer(text) if m.end() > m.start()]
    for m in d._STUTTER_RE.finditer(text):
        word = m.group(1)
        if word.casefold() in d._KEEP_DOUBLE or word.isdigit() or d._is_reduplication(m.group(0)) or d._hands_on(m):
            continue
        spans.append((m.start(), m.end() - len(word)))
    return d._merge(spans)


_ASCII_SPEECH = st.lists(
    st.sampled_from(["I", "i", "I,", "mean", "Mean,", "You", "you", "know,", "KNOW", "so", "Yeah,", "yeah", "the", "The",
                     "it's", "It's,", "mesh", "12", "12,", "um,", "a_b", "don't", "Don't", ".", ",", "and", "round"]),
    max_size=14,
).map(" ".join)


@given(st.one_of(any_text, _ASCII_SPEECH, st.text(alphabet="IiMmYyKkNnOoSsEeAaUu ,.'’ſıK嗯", max_size=30)))
def test_ascii_shortcut_finds_what_the_patterns_find(text: str) -> None:
    """The shortcut that skips the marker, hanzi-filler and stutter patterns on ASCII text that cannot hold
    them (a million-cue caption file's cues) removes exactly what running every pattern removes."""
    from summarize.segment.disfluency import _one_pass

    assert _one_pass(text) == _one_pass_unfiltered(text)


@given(st.one_of(any_text, _ASCII_SPEECH, _STUTTERY))
def test_fluent_text_is_its_own_clean_view(text: str) -> None:
    """What :func:`fluent` lets through unchanged is what the clean-up leaves unchanged."""
    from summarize.segment.disfluency import fluent

    if fluent(text):
        assert disfluency_spans(text) == []
        assert clean(text) == text


def test_plain_caption_words_are_fluent() -> None:
    """A cue's plain words need no clean-up; a filler, a marker or a repeated word does."""
    from summarize.segment.disfluency import fluent

    assert fluent("mesh 12") and fluent("we moved the control plane")
    assert not fluent("um mesh") and not fluent("we, you know, moved") and not fluent("the the mesh")
    assert not fluent("网格")
