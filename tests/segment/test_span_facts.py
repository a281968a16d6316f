"""The facts segment() takes for a long ASCII block's spans at once must be those it would ask span by span."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarize._text import guess_lang
from summarize.segment import segment
from summarize.segment.disfluency import fluent
from summarize.segment.span_facts import ascii_span_facts
from tests.strategies import ascii_speech_spans


def _views(raw: str) -> list[str]:
    """The span's text as segment() may hold it: as cut, or with its line breaks made spaces (``_unwrap``)."""
    return [raw, re.sub(r"\s*\n\s*", " ", raw)]


@settings(deadline=None)  # the first example imports NumPy
@given(ascii_speech_spans(), st.sampled_from([1 << 20, 1, 3, 8, 20]))
@example(("uh mesh", [(0, 2), (3, 7)]), 1 << 20)
@example(("xuh mesh", [(1, 3), (4, 8)]), 1 << 20)  # cut inside a word: the block sees "xuh", the span "uh"
@example(("xuh mesh", [(1, 3), (4, 8)]), 1)  # the same, each span a window of its own
@example(("you\nknow mesh", [(0, 13)]), 1 << 20)  # a marker across a line break
@example(("the mesh the", [(0, 8), (9, 12)]), 1 << 20)  # the same word in two spans is no stutter
def test_facts_match_the_per_span_functions(case: tuple[str, list[tuple[int, int]]], window: int) -> None:
    """Whatever the windows the spans are looked at in (a million characters, or a span or two each)."""
    text, spans = case
    latin, unsure = ascii_span_facts(text, [a for a, _ in spans], [b for _, b in spans], window=window)
    assert len(latin) == len(unsure) == len(spans)
    for (a, b), has_letter, maybe in zip(spans, latin, unsure):
        for view in _views(text[a:b]):
            assert (guess_lang(view, default="zh") == "en") == has_letter
            if not maybe:
                assert fluent(view), (text, a, b)


@pytest.mark.parametrize("window", [1 << 20, 37])
def test_fluent_spans_cut_between_words_are_sure(window: int) -> None:
    """Plain caption words cut between words are all told fluent: the filter leaves nothing to ask again."""
    text = " ".join(f"mesh {i}" for i in range(300))
    spans = [m.span() for m in re.finditer(r"\S+ \S+", text)]
    latin, unsure = ascii_span_facts(text, [a for a, _ in spans], [b for _, b in spans], window=window)
    assert all(latin) and not any(unsure)
    stutter = text.replace("mesh 7 ", "mesh mesh 7 ")
    spans = [m.span() for m in re.finditer(r"\S+ \S+", stutter)]
    _latin, unsure = ascii_span_facts(stutter, [a for a, _ in spans], [b for _, b in spans], window=window)
    assert [stutter[a:b] for (a, b), u in zip(spans, unsure) if u] == ["mesh mesh"]


def test_segment_of_a_long_caption_block_is_the_span_by_span_one(tmp_path, monkeypatch) -> None:
    """End to end: a caption block long enough for the bulk facts gives the sentences the span-by-span path gives
    (fillers, markers, stutters and the comma model's pauses among them)."""
    import dataclasses

    import summarize.segment as segment_module
    from summarize.parse import read_path

    words = "so um we moved the the control plane you know into its own cluster and then uh it works".split()
    cues = [" ".join(words[(i * 3) % len(words):][: 2 + i % 5]) or "mesh" for i in range(3 * segment_module._BULK_MARKS)]
    body = "".join(f"{i // 30:02d}:{i * 2 % 60:02d}.000 --> {i // 30:02d}:{i * 2 % 60:02d}.900\n{cue}\n\n"
                   for i, cue in enumerate(cues))
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    doc = read_path(str(path))
    bulk = segment(doc)
    assert len(bulk.sentences) >= segment_module._BULK_MARKS
    assert any(s.clean != s.text for s in bulk.sentences)
    monkeypatch.setattr(segment_module, "_BULK_MARKS", 10**9)
    one_by_one = segment(doc)
    assert [dataclasses.astuple(s) for s in bulk.sentences] == [dataclasses.astuple(s) for s in one_by_one.sentences]


def test_segment_leaves_the_collector_as_it_found_it(monkeypatch) -> None:
    """segment() pauses the garbage collector while it works and restores it, also when a post's time limit
    interrupts it; a collector the caller had turned off stays off."""
    import gc

    import summarize.segment as segment_module
    from summarize.parse import read_text

    doc = read_text("# Title\n\nThe mesh routes traffic. It is fast.\n", source="p.md")
    assert gc.isenabled()
    seen = []
    real = segment_module._segment
    monkeypatch.setattr(segment_module, "_segment", lambda d: seen.append(gc.isenabled()) or real(d))
    segment(doc)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        segment(doc)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def interrupted(d):
        raise TimeoutError("the post's time limit")

    monkeypatch.setattr(segment_module, "_segment", interrupted)
    with pytest.raises(TimeoutError):
        segment(doc)
    assert gc.isenabled()
