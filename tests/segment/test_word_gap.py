"""jieba's word across a gap, decided without cutting the window: always what cutting the window says."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from strategies import gap_window

from summarize._resources import jieba_tokenizer
from summarize.segment.asr_zh import phrase_spans
from summarize.segment.word_gap import _cut_says_across, word_across, words_across

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def cut_says_across(window: str, at: int) -> bool:
    """The statement the fast decision replaces (also its fallback): cut the window with our jieba, find each word
    where it stands (``test_known_answers`` pins what it says)."""
    return _cut_says_across(jieba_tokenizer(), window, at)


@settings(max_examples=400, deadline=None)
@given(gap_window())
@example(("的团队比较大有 40 多", 6))  # jieba's HMM joins 大有 across the gap (no dictionary word does)
@example(("是越往上面走越往高层走\n", 6))  # ... and 走越
@example(("负载均衡", 1))  # a dictionary word across the gap
@example(("研究生命", 2))  # a dictionary word (研究生) across the gap that the route does not take
@example(("服务网格", 0))
@example(("服务网格", 4))
@example(("3.5%", 2))  # one block of digits and symbols
@example(("鿿鿿", 1))  # beyond jieba's hanzi range: a block edge on each side
def test_same_answer_as_cutting_the_window(fresh, case: tuple[str, int]) -> None:
    """For any window and gap: a word across the gap exactly when jieba's cut of the window has one."""
    window, at = case
    assert word_across(window, at, tokenizer=fresh) == cut_says_across(window, at), case


def _windows(text: str) -> list[tuple[str, int]]:
    """The window the pause check reads at every phrase gap of ``text`` and at every offset inside a phrase."""
    windows = []
    for a, b in phrase_spans(text):
        for at in range(a + 1, b + 1):
            left, right = text[:at].rstrip()[-6:], text[at:].lstrip()[:6]
            windows.append((left + right, len(left)))
    return windows


@pytest.mark.parametrize("name", ["asr/bilibili-zh.txt", "sites/zh-auto-captions.txt", "captions/zh_asr.srt"])
def test_same_answers_on_real_captions(name: str) -> None:
    """Every gap of real Chinese captions (between phrases and between any two characters), decided in one batch,
    as cutting each window decides it: dictionary words across the gap, the HMM's joins, Latin words, digits."""
    windows = _windows((FIXTURES / name).read_text(encoding="utf-8"))
    fast = words_across(windows)
    assert fast == [cut_says_across(w, at) for w, at in windows]
    assert 0.2 * len(fast) < sum(fast) < 0.8 * len(fast)  # both answers occur often


def test_known_answers() -> None:
    """The comparisons above can fail: a word across the gap is found, and a gap between words is not one."""
    assert cut_says_across("负载均衡", 1) and cut_says_across("的团队比较大有 40 多", 6)
    assert not cut_says_across("研究生命", 2) and not cut_says_across("服务网格 流量", 4)
    assert word_across("负载均衡", 1)  # 负载均衡 is one word
    assert word_across("的团队比较大有 40 多", 6)  # the HMM reads 大有
    assert not word_across("研究生命", 2)  # 研究 | 生命, though 研究生 is a word
    assert not word_across("服务网格 流量", 4)
    assert not word_across("服务网格", 0) and not word_across("服务网格", 4)
    assert words_across([]) == []


def test_another_jieba_cuts_the_windows(monkeypatch) -> None:
    """With a jieba other than the one whose steps are followed, each window is cut: the same answers."""
    from summarize.segment import word_gap

    windows = _windows((FIXTURES / "asr" / "bilibili-zh.txt").read_text(encoding="utf-8"))
    fast = words_across(windows)
    monkeypatch.setattr(word_gap, "_mirrors_this_jieba", lambda: False)
    assert words_across(windows) == fast


def test_remembered_answers_are_the_answers(monkeypatch) -> None:
    """Answers come from the memo once a window was asked: the same as deciding afresh, and the memo stays bounded
    (it is emptied when a batch would pass its size, not grown)."""
    from summarize.segment import word_gap

    windows = _windows((FIXTURES / "asr" / "bilibili-zh.txt").read_text(encoding="utf-8"))[:400]
    monkeypatch.setattr(word_gap, "_ANSWERS", {})
    monkeypatch.setattr(word_gap, "_MAX_ANSWERS", 150)
    first = words_across(windows[:100])
    assert len(word_gap._ANSWERS) == len(set(windows[:100]))
    assert words_across(windows[:100]) == first  # every answer remembered
    both = words_across(windows[50:250])
    assert len(word_gap._ANSWERS) <= 150
    afresh = words_across(windows[50:250], tokenizer=jieba_tokenizer())  # a tokenizer given: nothing remembered
    assert both == afresh == [cut_says_across(*w) for w in windows[50:250]]
