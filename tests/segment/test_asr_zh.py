"""Unpunctuated Chinese speech: found (and verse, term lists, prose not), cut between phrases, nothing lost."""

from __future__ import annotations

import gzip
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import zh_asr_speech

from summarize.parse.captions import read_captions
from summarize.segment import block_spans, segment
from summarize.segment.asr import looks_unpunctuated
from summarize.segment.asr_zh import (
    MAX_UNIT_CHARS,
    looks_unpunctuated_zh,
    phrase_spans,
    split_unpunctuated_zh,
    unpunctuate_zh,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BILIBILI = (FIXTURES / "asr" / "bilibili-zh.txt").read_text(encoding="utf-8")

PROSE = (
    "Istio 是一个开源的服务网格，它为微服务提供了流量管理、安全和可观测性。我们在生产环境中使用它已经两年了，"
    "整体效果很好。下面我来介绍一下我们遇到的几个问题，以及最后是怎么解决的。"
)
POEM = "床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n白日依山尽\n黄河入海流\n欲穷千里目\n更上一层楼"
TERMS = "服务网格 微服务 容器编排 可观测性 灰度发布 熔断 限流 负载均衡 服务发现 配置中心 链路追踪 日志采集 指标监控 安全策略"
ENGLISH_ASR = " ".join(["so we picked istio because the 服务网格 was easy to run and it just worked for us"] * 4)


def _phrase_edges(text: str) -> tuple[set[int], set[int]]:
    spans = phrase_spans(text)
    return {a for a, _ in spans}, {b for _, b in spans}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BILIBILI, True),
        (BILIBILI.replace("\n", " "), True),
        (PROSE * 3, False),
        (POEM, False),
        (POEM.replace("\n", " "), False),
        (TERMS, False),
        (ENGLISH_ASR, False),
        ("大家好 欢迎收看 今天聊聊", False),  # too short to tell
    ],
    ids=["captions", "one-line", "prose", "verse", "verse-one-line", "term-list", "english-asr", "short"],
)
def test_detects_chinese_speech_only(text: str, expected: bool) -> None:
    """Phrases without marks and full of spoken particles are speech; prose, verse and term lists are not."""
    assert looks_unpunctuated_zh(text) is expected


def test_english_detector_leaves_chinese_speech_to_the_chinese_model() -> None:
    """Chinese phrases would pass the English test (40+ tokens, no full stops); the block goes the Chinese way."""
    assert looks_unpunctuated(BILIBILI)
    spans = block_spans(BILIBILI)
    starts, ends = _phrase_edges(BILIBILI)
    assert all(a in starts and b in ends for a, b in spans)


def test_cuts_the_fixture_between_phrases_at_sentence_ends() -> None:
    """Questions ending in 呢 end a sentence; no cut falls inside a phrase; units stay short."""
    spans = split_unpunctuated_zh(BILIBILI)
    texts = [BILIBILI[a:b] for a, b in spans]
    starts, ends = _phrase_edges(BILIBILI)
    assert all(a in starts and b in ends for a, b in spans)
    assert 10 <= len(spans) <= 40
    assert any(t.endswith("为什么选它呢") for t in texts)
    assert any(t.endswith("那我们是怎么解决的呢") for t in texts)
    assert all(len(t) <= MAX_UNIT_CHARS for t in texts)


def test_segmented_document_is_chinese_speech() -> None:
    """Through the whole segmenter: Chinese sentences with the model's confidence attached."""
    from summarize.parse import read_text

    doc = segment(read_text(BILIBILI))
    assert len(doc.sentences) >= 10
    assert {s.lang for s in doc.sentences} == {"zh"}
    assert all(s.boundary is not None for s in doc.sentences)


def test_chinese_captions_cut_only_at_cue_starts() -> None:
    """The caption reader joins hanzi cues with nothing between them: cue starts are phrase gaps too."""
    text = (FIXTURES / "captions" / "zh_asr.srt").read_text(encoding="utf-8")
    doc = segment(read_captions(text, source="zh_asr.srt"))
    block = doc.blocks[0]
    gaps = {o for o, _t in block.time_marks} | {m.end() for m in re.finditer(r"\s+", block.text)}
    assert len(doc.sentences) >= 5
    assert all(s.start in gaps for s in doc.sentences)
    assert sum(s.start not in {m.end() for m in re.finditer(r"\s+", block.text)} for s in doc.sentences) >= 4
    assert any(s.text.endswith("应该怎么选呢") for s in doc.sentences)


def test_unpunctuate_zh_gold() -> None:
    """Sentence ends at 。？！ and line ends, not at ，; labels and marks disappear; long clauses are cut."""
    phrases, gold = unpunctuate_zh(
        "S1: 好的，我们开始吧。今天讨论什么？\nS2: 讨论预算，还有人员安排的问题以及下个季度的招聘计划是否需要调整", words=list
    )
    assert phrases[:4] == ["好的", "我们开始吧", "今天讨论什么", "讨论预算"]
    assert not any(c in "".join(phrases) for c in "，。？:")
    assert gold == {1, 2}
    assert max(len(p) for p in phrases) <= 16


def test_data_file_records_vcsum_and_the_held_out_meetings() -> None:
    """The shipped weights say where they came from, which meetings were held out and how to rebuild them."""
    raw = resources.files("summarize").joinpath("data", "asr_zh_boundaries.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    (source,) = data["source"]
    assert source["dataset"] == "VCSum" and source["license"] == "MIT"
    assert data["built"]["holdout"]
    assert not set(data["built"]["holdout"]) & set(source["meetings"])
    assert data["built"]["command"].startswith("python tools/train_asr_zh.py")


@settings(max_examples=60, deadline=None)
@given(zh_asr_speech(), st.booleans())
def test_segmentation_loses_nothing(text: str, with_marks: bool) -> None:
    """Spans are ordered, disjoint, trimmed, and cover every non-space character of generated speech."""
    marks = tuple((m.start(), float(i)) for i, m in enumerate(re.finditer(r"\S+", text))) if with_marks else ()
    for spans in (block_spans(text, marks), split_unpunctuated_zh(text, marks)):
        covered = "".join(text[a:b] for a, b in spans)
        assert "".join(covered.split()) == "".join(text.split())
        assert all(a < b <= c for (a, b), (c, _d) in zip(spans, spans[1:]))
        assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_word_spaced_captions_break_at_lines_first() -> None:
    """Auto-captions with a space between words and a phrase a line: detected, cut mostly at line ends,
    and a sentence's line break reads as a space, never gluing two phrases' hanzi together."""
    text = (FIXTURES / "sites" / "zh-auto-captions.txt").read_text(encoding="utf-8")
    assert looks_unpunctuated_zh(text)
    from summarize.parse import read_text

    doc = segment(read_text(text))
    texts = [s.text for s in doc.sentences]
    assert "然后 以前 我们 排查 怎么做 呢" in texts
    assert all("\n" not in t for t in texts)
    line_ends = {m.end() for m in re.finditer(r"\S(?=\n)", doc.blocks[0].text)}
    block0 = [s for s in doc.sentences if s.block == 0]
    assert sum(s.end in line_ends for s in block0[:-1]) >= 0.8 * (len(block0) - 1)


@settings(max_examples=60, deadline=None)
@given(zh_asr_speech(), st.booleans())
def test_pauses_fall_between_phrases_inside_their_unit(text: str, with_marks: bool) -> None:
    """A comma goes only where one phrase ends and another starts inside the same unit, never inside a word
    jieba reads across the gap, never between two Latin words: one tuple of offsets per unit."""
    from summarize.segment.zh import zh_words

    marks = tuple((m.start(), float(i)) for i, m in enumerate(re.finditer(r"\S+", text))) if with_marks else ()
    pauses: list[tuple[int, ...]] = []
    spans = split_unpunctuated_zh(text, marks, None, pauses)
    assert len(pauses) == len(spans)
    ends = {b for _a, b in phrase_spans(text, marks)}
    for (a, b), offsets in zip(spans, pauses):
        for at in offsets:
            assert a < at < b and at in ends
            left, right = text[:at].rstrip()[-1:], text[at:].lstrip()[:1]
            assert not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum())
            window = text[:at].rstrip()[-6:] + text[at:].lstrip()[:6]
            cut = len(text[:at].rstrip()[-6:])
            position = 0
            for word in zh_words(window):
                position = window.find(word, position)
                assert not position < cut < position + len(word), (window, word)
                position += len(word)


def test_caption_takeaways_read_with_commas() -> None:
    """Unpunctuated Chinese captions get a comma at the pauses the model hears (in the clean view that takeaways
    and cards read; the text and its offsets stay as the captions had them), none inside a word."""
    text = (FIXTURES / "captions" / "zh_asr.srt").read_text(encoding="utf-8")
    doc = segment(read_captions(text, source="zh_asr.srt"))
    assert all("，" not in s.text for s in doc.sentences)
    with_commas = [s for s in doc.sentences if "，" in s.clean]
    assert len(with_commas) >= 2
    for s in with_commas:
        assert s.clean.replace("，", "") == s.clean.replace("，", "").strip()
        assert not re.search(r"[A-Za-z0-9]，[A-Za-z0-9]|^，|，$|，，", s.clean)


# A video caption dump as people paste it: one phrase a line, no punctuation, no times (written for this test).
_PHRASE_A_LINE_ZH = """大家好
今天聊一下我们的日志平台
之前我们每天大概有二十个 TB 的日志
全部写到一个集群里面
查询特别慢
高峰的时候经常超时
后来我们做了两件事
第一件事是按业务拆分集群
每个业务有自己的存储
第二件事是冷热分层
七天以内的放在本地盘
七天以上的放到对象存储
做完之后查询的延迟降到了原来的三分之一
成本也降了差不多一半
所以我的建议是先按业务拆
再做冷热分层
好今天就聊到这里
"""


def test_a_plain_caption_dump_gets_its_pause_commas_too() -> None:
    """Captions pasted as plain text, one phrase a line, no times: the reader does not know it is speech, but a span
    the Chinese boundary model cut is speech, and its pauses become commas as in a caption file (they were lost
    when the document was found to be speech only after segmentation)."""
    from summarize.parse import read_text

    doc = read_text(_PHRASE_A_LINE_ZH, fmt="text")
    cut = segment(doc)
    assert any(s.boundary is not None for s in cut.sentences)
    for s in cut.sentences:
        assert "，" not in s.text  # the text and its offsets stay as pasted
    assert sum("，" in s.clean for s in cut.sentences) >= 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="负载均衡 \n ab", max_size=400), st.integers(min_value=0, max_value=400))
@example("负载" + " " * 300 + "均衡" + " " * 300 + "ab", 302)
@example("负载" + " " * 300 + "均衡", 2)
def test_around_is_the_whole_slice_stripped(text: str, at: int) -> None:
    """The pause check reads a bounded slice around each gap (slicing a whole caption file at every pause was
    quadratic); it must see what the whole slice, stripped, shows, however long the run of spaces."""
    from summarize.segment.asr_zh import _around

    at = min(at, len(text))
    assert _around(text, at, -6) == text[:at].rstrip()[-6:]
    assert _around(text, at, 6) == text[at:].lstrip()[:6]


def test_a_pause_never_splits_a_domain_compound() -> None:
    """jieba's own dictionary cuts "负载均衡", "命名空间", "可用区" in two; our domain terms keep them whole, so a
    caption cue break inside one ("全局负载 | 均衡不要只靠 DNS") gets no comma (a fresh page printed "全局负载，均衡")."""
    from summarize.segment.asr_zh import _pause_allowed
    from summarize.segment.zh import zh_words

    for term in ("负载均衡", "命名空间", "可用区", "工作负载", "资源配额"):
        assert term in zh_words(f"我们在生产环境里调整了{term}的配置"), term
    text = "流量切换放在全局负载 均衡不要只靠域名解析"
    assert not _pause_allowed(text, text.index(" "), 5.0)


def test_a_forced_cut_never_lands_inside_a_word() -> None:
    """A unit over the length cap is cut at its best gap, but not at a cue break inside a word ("网关直接拒 | 绝了所有
    请求", where the screen was full): any other gap will do, so the words stay whole."""
    from summarize.segment.asr_zh import MAX_UNIT_CHARS, _cap_lengths

    phrases = ["然后我们把所有服务都接到了新的网关上面", "有一次镜像仓库抖了一下然后网关直接拒", "绝了所有请求后来我们改成跟安全相关的",
               "比如说鉴权签名是失败关闭其他的比如加请求头打日志", "都是失败放行最后说一下效果迁移完之后", "大概半年网关插件没有再出过事故"] * 2
    text = " ".join(phrases)
    spans, at = [], 0
    for phrase in phrases:
        spans.append((at, at + len(phrase)))
        at += len(phrase) + 1
    assert spans[-1][1] - spans[0][0] > MAX_UNIT_CHARS
    # No gap the model would cut (all negative); the one inside 拒绝 ranks best of all.
    scores = [-2.0] * (len(spans) - 1)
    scores[1] = scores[7] = -0.5
    assert _cap_lengths(scores, [], spans) and set(_cap_lengths(scores, [], spans)) & {1, 7}  # without the text: there
    cuts = _cap_lengths(scores, [], spans, text)
    assert cuts and not set(cuts) & {1, 7}


_PHRASE_CHARS = st.sampled_from(list("然后我们就是说的了吗呢吧服务网格一二〇") + ["Istio", "K8s", "3", "2.5", "%", "²", "鿿"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PHRASE_CHARS, max_size=7).map("".join), min_size=1, max_size=12),
       st.data())
@example(["然后", "我们", "就是说"], None)
@example(["", "K8s²", ""], None)
def test_fast_gap_scores_are_the_keys_scores(phrases: list[str], data) -> None:
    """Inference scores a phrase's side of a gap once per distinct phrase (``_phrase_gap_scores``); training reads
    ``gap_keys`` of every gap. The same floats for any phrases and gaps, so the two cannot drift apart; and the
    hanzi-only shortcut of ``_units`` gives the units the pattern gives."""
    from summarize.segment.asr_zh import _UNIT_RE, _gap_scores, _phrase_gap_scores, _unit_form, _units, text_style

    gaps = ([" "] * (len(phrases) - 1) if data is None else
            data.draw(st.lists(st.sampled_from(["", " ", "\n", "\n\n", " \n "]), min_size=len(phrases) - 1,
                               max_size=len(phrases) - 1)))
    units = [list(map(_unit_form, _UNIT_RE.findall(p))) for p in phrases]
    assert [_units(p) for p in phrases] == units
    scores, style = _phrase_gap_scores(phrases, gaps)
    assert scores == _gap_scores(units, gaps) and style == text_style(units)


def test_gap_scores_can_differ() -> None:
    """The comparison above has something to compare: the scores vary with the phrases and the gap."""
    from summarize.segment.asr_zh import _phrase_gap_scores

    scores = _phrase_gap_scores(["我们今天", "讲一下服务网格吗", "然后", "就是说"], [" ", "\n\n", ""])[0]
    assert len(set(scores)) == 3


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("然后我们。？！?!…”’」』）)】.a1 ") + ["鿿", "㐀"]), max_size=12))
@example("好的。”")
@example("v1.")
@example("...")
def test_cheap_tests_agree_with_the_patterns(text: str) -> None:
    """The shortcuts in front of two patterns: a phrase ends a sentence only if its last character can end a match
    of ``_ENDS_RE``; the hanzi counted by runs are ``cjk_count``'s."""
    from summarize._text import cjk_count
    from summarize.segment.asr_zh import _ENDS_LAST, _ENDS_RE, _hanzi_run_re

    if _ENDS_RE.search(text):
        assert text[-1:] in _ENDS_LAST
    assert (0 if text.isascii() else sum(map(len, _hanzi_run_re().findall(text)))) == cjk_count(text)


def _looks_unpunctuated_zh_as_before(text: str, time_marks) -> bool:
    """The detector's phrase tests as first written (the spans sliced, each count a generator): the shortcuts of
    :func:`looks_unpunctuated_zh` (``str.split`` when no mark falls inside a run, counts in C) must agree."""
    from summarize._text import CJK_RE
    from summarize.segment.asr_zh import _SPOKEN_CHARS

    phrases = [text[a:b] for a, b in phrase_spans(text, time_marks)]
    phrases = [p for p in phrases if CJK_RE.search(p)]
    if len(phrases) < 6:
        return False
    lengths = sorted(len(p) for p in phrases)
    commonest = max(lengths.count(n) for n in set(lengths))
    if commonest >= 0.6 * len(lengths) and lengths[len(lengths) // 2] <= 8:
        return False
    return sum(1 for p in phrases if not _SPOKEN_CHARS.isdisjoint(p)) >= 0.4 * len(phrases)


@settings(max_examples=200, deadline=None)
@given(st.one_of(zh_asr_speech(), st.lists(st.sampled_from(["床前明月光", "疑是地上霜", "服务网格", "然后我们就说", "对吧",
                                                             "这个问题我们后来", "k8s"]), min_size=6, max_size=60)),
       st.sampled_from([" ", "\n", "\u3000", "\u00a0", "\u2028", " \n "]), st.sampled_from(["none", "words", "inside"]))
def test_detector_shortcuts_agree_with_the_plain_phrase_tests(speech: str | list[str], space: str, marks: str) -> None:
    """Speech, verse and term lists, with Unicode spaces (which ``\\S`` and ``str.split`` both skip), without time
    marks, with marks at word starts, and with marks inside runs (a caption cue joined to the next with nothing)."""
    from summarize.segment import asr_zh

    text = speech if isinstance(speech, str) else space.join(speech)
    time_marks = {"none": (), "words": tuple((m.start(), 1.0) for m in re.finditer(r"\S+", text)),
                  "inside": tuple((k, 1.0) for k in range(1, len(text), 3))}[marks]
    expected = _looks_unpunctuated_zh_as_before(text, time_marks)
    hanzi = sum(map(len, asr_zh._hanzi_run_re().findall(text)))
    if hanzi < 40 or hanzi / 1.5 < len(re.findall(r"[A-Za-z]+", text)) or len(asr_zh._MARKS_RE.findall(text)) * 40 >= hanzi:
        expected = False  # refused before the phrases are looked at
    assert looks_unpunctuated_zh(text, time_marks) == expected
