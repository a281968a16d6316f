"""jieba's cut of a sentence taken in one pass (segment/zh_cut.py): always the words jieba's own lcut gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from strategies import jieba_text, zh_asr_speech

from summarize._resources import _import_jieba, jieba_tokenizer
from summarize.segment import zh_cut
from summarize.segment.zh import zh_words
from summarize.segment.zh_cut import cut, hmm_words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@settings(max_examples=300, deadline=None)
@given(jieba_text())
@example("的团队比较大有 40 多")  # the HMM joins 大有
@example("研究生命科学")  # a dictionary word (研究生) the route does not take
@example("服务网格和控制平面")  # our domain terms
@example("Istio 1.20 的 mTLS 100% 生效，C++ 写的")  # Latin, digits and symbols in jieba's blocks
@example("鿿㐀鿿 \r\n\t　 ")  # hanzi beyond jieba's blocks, and every kind of space
@example("")
def test_same_words_as_lcut(fresh, text: str) -> None:
    assert cut(fresh, text) == jieba_tokenizer().lcut(text), text


@settings(max_examples=60, deadline=None)
@given(zh_asr_speech())
def test_same_words_on_speech(fresh, text: str) -> None:
    assert cut(fresh, text) == jieba_tokenizer().lcut(text)


@pytest.mark.parametrize("name", ["asr/bilibili-zh.txt", "sites/zh-auto-captions.txt", "posts/ebpf-cilium.zh.md",
                                  "segment_zh.txt"])
def test_same_words_on_real_text(name: str) -> None:
    tok = jieba_tokenizer()
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    assert [cut(tok, line) for line in lines] == [tok.lcut(line) for line in lines]


def test_known_words() -> None:
    """The comparisons above can fail: these are jieba's words, dictionary, domain terms and HMM."""
    assert zh_words("负载均衡") == ["负载均衡"]
    assert "大有" in zh_words("的团队比较大有 40 多")  # the HMM's join
    assert zh_words("服务网格 流量") == ["服务网格", "流量"]
    assert zh_words("研究生命") == ["研究", "生命"]


def test_other_tokenizers_are_cut_by_lcut(monkeypatch) -> None:
    """jieba's own Tokenizer (no bucketed dictionary) and any other jieba version: ``lcut`` itself."""
    text = (FIXTURES / "asr" / "bilibili-zh.txt").read_text(encoding="utf-8")[:400]
    ours = cut(jieba_tokenizer(), text)
    monkeypatch.setattr(zh_cut, "_this_jieba", lambda: False)
    calls = []
    tok = jieba_tokenizer()
    monkeypatch.setattr(tok, "lcut", lambda s: calls.append(s) or type(tok).lcut(tok, s))
    assert cut(tok, text) == ours and calls == [text]


def test_hmm_words_follow_forced_splits(monkeypatch) -> None:
    """A word jieba is told never to join (``add_word(w, 0)``) changes the HMM's answer: not remembered then."""
    from jieba import finalseg

    assert hmm_words("大有") == ("大有",)
    monkeypatch.setattr(finalseg, "Force_Split_Words", {"大有"})
    assert hmm_words("大有") == ("大", "有") == tuple(finalseg.cut("大有"))


def test_ties_go_to_the_longer_word() -> None:
    """Where two routes score exactly the same, jieba's ``max`` over (score, end) takes the longer word: a
    dictionary built so every word scores log(1) - log(1) = 0 makes every route a tie."""
    from types import SimpleNamespace

    jieba = _import_jieba()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = {"甲": 1, "乙": 1, "丙": 1, "甲乙": 1, "乙丙": 1, "甲乙丙": 0}, 1, True
    tok.prefix_dict = SimpleNamespace(fill=lambda freq, text: None)  # our tokenizer's shape, nothing to load
    for text in ("甲乙", "乙丙", "甲乙丙", "丙甲乙"):
        assert cut(tok, text) == tok.lcut(text), text
    assert cut(tok, "甲乙") == ["甲乙"]
