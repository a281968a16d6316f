"""Plain text and transcripts, encodings, and format detection."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from strategies import any_text

from summarize.errors import DecodeError, SummarizeError
from summarize.parse import detect_format, read_bytes, read_text
from summarize.parse.decode import decode

TRANSCRIPT = """Kubernetes Podcast from Google

CRAIG BOX: Let's get to the news.

[MUSIC PLAYING]

ADAM GLICK: Istio 1.4 is out [LAUGHTER] today.

And it brings auto mutual TLS.

LIN SUN: Yes, I love it.
"""


def test_transcript_speakers_titles_and_nonspeech() -> None:
    """Labels become speakers, a turn's unlabelled paragraphs keep its speaker, tags vanish."""
    doc = read_text(TRANSCRIPT)
    assert doc.format == "transcript" and doc.spoken
    assert doc.title == "Kubernetes Podcast from Google"
    got = [(b.speaker, b.text) for b in doc.blocks if b.kind == "paragraph"]
    assert got == [
        ("CRAIG BOX", "Let's get to the news."),
        ("ADAM GLICK", "Istio 1.4 is out today."),
        ("ADAM GLICK", "And it brings auto mutual TLS."),
        ("LIN SUN", "Yes, I love it."),
    ]


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("<b>CRAIG BOX:</b> Hello there.", "CRAIG BOX", "Hello there."),
        (">> So we shipped it.", None, "So we shipped it."),
        ("A(PM): Hello, this meeting is about the remote.", "A", "Hello, this meeting is about the remote."),
        ("林孙：我们在 2017 年开始。", "林孙", "我们在 2017 年开始。"),
        ("[笑] 好的。", None, "好的。"),
        ("Tomás: Pick the metric that represents real work.", "Tomás", "Pick the metric that represents real work."),
        ("Lynne Neagle AM: Good morning, everyone.", "Lynne Neagle AM", "Good morning, everyone."),
        ("Docker镜像：使用多阶段构建可以减小体积。", None, "Docker镜像：使用多阶段构建可以减小体积。"),
        ("AttributeError: 'NoneType' object has no attribute 'x'", None, "AttributeError: 'NoneType' object has no attribute 'x'"),
        ("ŁUKASZ NOWAK: We shipped it.", "ŁUKASZ NOWAK", "We shipped it."),
        ("Ömer Şahin: Autoscaling is a loop.", "Ömer Şahin", "Autoscaling is a loop."),
    ],
)
def test_label_forms(line: str, speaker: str | None, text: str) -> None:
    """Each label style yields the same speaker metadata and clean text."""
    src = f"{line}\n\n{line}\n"
    doc = read_text(src, fmt="text")
    assert (doc.blocks[0].speaker, doc.blocks[0].text) == (speaker, text)


def test_otter_style_headers() -> None:
    """`Name  0:13` lines give the following paragraph its speaker and start time."""
    doc = read_text("Lin Sun  0:13\nWe started in 2017.\n\nCraig Box  1:02\nAnd then?\n", fmt="text")
    assert [(b.speaker, b.time_at(0), b.text) for b in doc.blocks] == [
        ("Lin Sun", 13.0, "We started in 2017."),
        ("Craig Box", 62.0, "And then?"),
    ]


OTTER_EXPORT = (
    "Platform sync - runner capacity\nTue, Mar 3, 2026 10:02AM • 31:07\n\nSUMMARY KEYWORDS\nrunners, spot, queue, "
    "retries\n\nSPEAKERS\nDana Ode, Lin Sun\n\nDana Ode  0:02\nWe moved every runner to spot nodes.\n\n"
    "Lin Sun  0:40\nAnd the builds?\n"
)


def test_otter_export_preamble_is_metadata_not_speech() -> None:
    """Otter's export opens with the meeting's name, a date line, SUMMARY KEYWORDS and SPEAKERS: the title, the
    date, keywords (key phrases for the scorer) and speakers, and no sentence of the summary comes from them."""
    doc = read_text(OTTER_EXPORT, fmt="auto")
    assert doc.title == "Platform sync - runner capacity"
    assert doc.meta["date"] == "2026-03-03"
    assert doc.meta["keywords"] == "runners, spot, queue, retries"
    assert doc.meta["speakers"] == "Dana Ode, Lin Sun"
    assert [b.text for b in doc.blocks] == ["We moved every runner to spot nodes.", "And the builds?"]
    assert doc.blocks[0].line == 11


def test_a_title_line_alone_is_no_preamble() -> None:
    """Without a SUMMARY KEYWORDS or SPEAKERS section the first lines are read as before."""
    doc = read_text("Runner capacity\nTue, Mar 3, 2026\n\nDana Ode  0:02\nWe moved every runner.\n", fmt="text")
    assert "date" not in doc.meta and "keywords" not in doc.meta
    assert any("Mar 3, 2026" in b.text for b in doc.blocks)


SAMPLE = "Istio 是一个服务网格。我们选择了 Envoy 作为数据平面，因为它很轻量。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"])
def test_encodings(encoding: str) -> None:
    """UTF-8 with or without BOM, UTF-16 and GB18030/GBK all decode to the same text."""
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    assert decode(data)[0].lstrip("\ufeff") == SAMPLE


def test_big5() -> None:
    """Traditional Chinese in Big5 decodes as Big5, not as GB18030 mojibake."""
    text = "Istio 是一個服務網格。我們使用 Envoy 作為資料平面，這是台灣的文章。"
    assert decode(text.encode("big5")) == (text, "big5")


def test_crlf_is_normalised() -> None:
    """CRLF files give the same blocks and lines as LF files."""
    lf = read_bytes(b"# T\n\nOne.\n\nTwo.\n", fmt="markdown")
    crlf = read_bytes(b"# T\r\n\r\nOne.\r\n\r\nTwo.\r\n", fmt="markdown")
    assert lf.blocks == crlf.blocks


@pytest.mark.parametrize(
    ("data", "match"),
    [(b"%PDF-1.7\n...", "PDF"), (b"\x89PNG\r\n\x1a\n....", "PNG"), (b"PK\x03\x04rest", "zip"), (b"ab\xff\xfe\xfdcd\x80", "offset 2")],
)
def test_binary_and_undecodable_are_refused(data: bytes, match: str) -> None:
    """Binary files and undecodable bytes get a DecodeError that says what they are or where it failed."""
    with pytest.raises(DecodeError, match=match):
        read_bytes(data)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("---\ntitle: x\n---\nHello.\n", "markdown"),
        ("# Heading\n\nSome [link](http://a).\n\n- a\n- b\n", "markdown"),
        ("Just a plain paragraph.\n\nAnother one at 10:30 today.\n", "text"),
        ("CRAIG BOX: Hi.\n\nADAM GLICK: Hello.\n", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    """Formats are recognised from content alone."""
    assert detect_format(text) == fmt


@given(any_text)
def test_reading_any_text_returns_a_document_or_a_summarize_error(text: str) -> None:
    """Arbitrary input never escapes as anything but a SummarizeError."""
    try:
        read_text(text)
    except SummarizeError:
        pass


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The Polish federation (PZPN) said so.", "The Polish federation (PZPN) said so."),
        ("We joined the (CNCF) early.", "We joined the (CNCF) early."),
        ("志愿军（PVA）部队", "志愿军（PVA）部队"),
        ("Hi [LAUGHTER] there [MUSIC PLAYING]", "Hi there"),
        ("(Applause) thanks [笑]", "thanks"),
    ],
)
def test_acronyms_in_parentheses_are_not_sounds(text: str, kept: str) -> None:
    """Only bracketed ALL-CAPS tags and known sound words are non-speech; "(PZPN)" is prose."""
    from summarize.parse.speech import strip_nonspeech

    assert strip_nonspeech(text) == kept


def test_a_title_may_carry_a_colon_a_speaker_label_may_not() -> None:
    """"Show — Episode 112: Topic" is a title; "HOST: Welcome" is the first turn."""
    from summarize.pipeline import load

    episode = load("Cloud Native Coffee — Episode 112: WebAssembly on the Server\n\nHOST: Welcome to the show.\n\n"
                   "GUEST: Thanks for having me.\n")
    assert episode.title == "Cloud Native Coffee — Episode 112: WebAssembly on the Server"
    turns = load("HOST: Welcome to the show\n\nGUEST: Thanks for having me.\n\nHOST: Let's start.\n")
    assert turns.title is None and turns.sentences[0].speaker == "HOST"
    zh = load("服务网格的未来：Istio 环境模式详解\n\nIstio 1.20 发布了环境模式。它更快。\n")
    assert zh.title == "服务网格的未来：Istio 环境模式详解"
    zh_turns = load("张三：今天我们讨论选型\n\n李四：我同意。\n\n张三：好的，那就这样。\n")
    assert zh_turns.title is None and zh_turns.sentences[0].speaker == "张三"
