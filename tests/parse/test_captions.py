"""Tests for the caption reader: SRT, WebVTT, YouTube rolling captions and caption dumps."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.errors import ParseError, UnknownChoiceError
from summarize.model import Block, Document
from summarize.parse.captions import CaptionWarning, detect_captions, read_captions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "captions"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_002 = SEEDS / "002_25197252806f71c2.txt"


def fixture_text(name: str) -> str:
    """Decode the fixture's bytes ourselves, so CRLF line endings reach the reader untouched."""
    return (FIXTURES / name).read_bytes().decode("utf-8")


def read_fixture(name: str) -> Document:
    return read_captions(fixture_text(name), source=name)


def summary(doc: Document) -> list[tuple[str | None, str]]:
    return [(block.speaker, block.text) for block in doc.blocks]


def check_marks(block: Block) -> None:
    """Marks are sorted, unique, inside the text, and time and line marks share offsets (a writer's
    paragraph between the cues has line marks only)."""
    if block.kind == "paragraph":
        assert not block.time_marks and block.line_marks
        return
    assert block.kind == "caption"
    offsets = [offset for offset, _ in block.time_marks]
    assert offsets == sorted(set(offsets))
    assert all(0 <= offset < len(block.text) for offset in offsets)
    assert [offset for offset, _ in block.line_marks] == offsets
    assert all(block.line <= line <= block.end_line for _, line in block.line_marks)


# ------------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("numbered.srt", "srt"),
        ("speakers_crlf.srt", "srt"),
        ("rolling_plain.srt", "srt"),
        ("broken.srt", "srt"),
        ("zh.srt", "srt"),
        ("voices.vtt", "vtt"),
        ("rolling.vtt", "vtt"),
        ("dump.txt", "caption-dump"),
    ],
)
def test_detect_captions_from_content(name: str, expected: str) -> None:
    """Each fixture is recognised from its content, whatever its file name says."""
    assert detect_captions(fixture_text(name)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "We meet at 10:30 and again at 14:00:00.\n",
        "# Release notes\n\n- The talk starts at 10:30.\n- Doors open 09:45.\n\nSee you there.\n",
        "---\ntitle: Post\ndate: 2023-11-16 10:30:00\n---\n\nA plain post about Istio.\n",
        "WEBVTT is the format browsers use for captions.\nIt looks a lot like SRT.\n",
        "# How SRT works\n\nA cue looks like this:\n\n```srt\n1\n00:00:01,000 --> 00:00:02,000\nHello\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nWorld\n```\n\nThat is all there is to it.\n",
        "Captions:\nWe add captions to every talk, usually within a week.\n",
    ],
)
def test_detect_captions_rejects_prose_and_markdown(text: str) -> None:
    """Posts that mention times, or quote a cue in a code fence, are not captions."""
    assert detect_captions(text) is None


@pytest.mark.parametrize("name", ["000_ddb547776411883d.txt", "003_0c018799b3330545.txt", "004_c5d979977d439f4c.txt"])
def test_detect_captions_rejects_seed_posts(name: str) -> None:
    """The Markdown and transcript seeds are not mistaken for captions."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed {path} is absent")
    assert detect_captions(path.read_text(encoding="utf-8")) is None


# ------------------------------------------------------------------------------- fixtures end to end


def test_numbered_srt() -> None:
    """Numbers, tags, entities and [MUSIC] go; a 6 s pause starts a new block; a spoken number stays."""
    doc = read_fixture("numbered.srt")
    assert (doc.format, doc.spoken, doc.title, dict(doc.meta)) == ("srt", True, None, {})
    assert summary(doc) == [
        (None, "Welcome to the show. Today we talk about Rust & Python."),
        (None, "After the break, 42 things. 2024"),
    ]
    first, second = doc.blocks
    assert first.kind == "caption"
    assert first.time_marks == ((0, 1.0), (21, 3.6), (41, 3.6))
    assert first.line_marks == ((0, 3), (21, 7), (41, 8))
    assert (first.line, first.end_line) == (3, 8)
    assert second.time_marks == ((0, 12.0), (28, 14.1))
    assert second.line_marks == ((0, 16), (28, 20))
    assert first.time_at(30) == 3.6 and first.line_at(45) == 8


def test_speaker_labels_and_turn_markers_crlf() -> None:
    """NAME: labels and >> markers start blocks; the name goes to Block.speaker, never into text."""
    doc = read_fixture("speakers_crlf.srt")
    assert summary(doc) == [
        ("CRAIG BOX", "Hello and welcome. It's great to be here."),
        ("ADAM GLICK", "Thanks, Craig."),
        (None, "Can everyone hear us?"),
        ("ADAM GLICK", "Yes we can. Note: this is not a speaker."),
    ]
    assert doc.blocks[0].time_marks == ((0, 0.5), (19, 2.1))
    assert doc.blocks[0].line_marks == ((0, 3), (19, 7))
    assert doc.blocks[3].time_marks == ((0, 8.1), (12, 9.1))


def test_vtt_voices_header_notes_and_styles() -> None:
    """<v Name> tags name speakers; NOTE/STYLE blocks, cue ids and settings never reach the text."""
    doc = read_fixture("voices.vtt")
    assert doc.format == "vtt"
    assert dict(doc.meta) == {"kind": "captions", "language": "en"}
    assert summary(doc) == [
        ("Roger Bingham", "We are in New York City and it's <cold> here."),
        ("Neil deGrasse Tyson", "No, it's not. Not at all."),
        ("Roger Bingham", "Fair enough."),
    ]
    assert doc.blocks[0].time_marks == ((0, 0.0), (24, 2.6))
    assert doc.blocks[1].time_marks == ((0, 4.1), (14, 6.1))
    assert doc.blocks[2].line_marks == ((0, 24),)


def test_youtube_rolling_captions_keep_genuine_repeats() -> None:
    """Rolling lines and 10 ms transition cues appear once; "no no no", "very very" and a
    repeated "thank you" line, which the speaker really said, all survive."""
    doc = read_fixture("rolling.vtt")
    assert summary(doc) == [
        (None, "so no no no that's very very important thank you thank you"),
        (None, "welcome back everyone"),
    ]
    first, second = doc.blocks
    assert first.time_marks == (
        (0, 0.0), (3, 0.4), (6, 0.6), (9, 0.8), (12, 1.2),
        (19, 2.36), (24, 2.7), (29, 3.0),
        (39, 4.81), (45, 5.2), (49, 7.01), (55, 7.5),
    )  # fmt: skip
    assert [line for _, line in first.line_marks] == [7] * 5 + [15] * 3 + [23] * 2 + [31] * 2
    assert second.time_marks == ((0, 20.3), (8, 20.6), (13, 22.01))
    assert (second.line, second.end_line) == (43, 51)


def test_rolling_captions_without_word_timings() -> None:
    """De-duplication works from cue text alone: an SRT conversion with no tags or transitions."""
    doc = read_fixture("rolling_plain.srt")
    assert summary(doc) == [(None, "we built the control plane and it was very very slow so we rewrote it")]
    assert doc.blocks[0].time_marks == ((0, 1.0), (27, 3.0), (53, 5.0))
    assert doc.blocks[0].line_marks == ((0, 3), (27, 8), (53, 13))


def test_caption_dump_header_overlaps_and_trailer() -> None:
    """Dump header fields become meta and title; overlapping cues lose nothing; the URL trailer is meta."""
    doc = read_fixture("dump.txt")
    assert doc.format == "caption-dump"
    assert doc.title == "Service Mesh Basics - Jane Doe"
    assert dict(doc.meta) == {
        "title": "Service Mesh Basics - Jane Doe",
        "date": "2021-05-04",
        "playlist": "Mesh Day 2021",
        "description": "Jane explains the basics.\nSlides: https://example.com/slides",
        "url": "https://www.youtube.com/watch?v=abc123",
    }
    assert summary(doc) == [
        (None, "hi everyone welcome to the talk the talk is about meshes"),
        (None, "sidecars route traffic"),
    ]
    assert doc.blocks[0].time_marks == ((0, 0.32), (23, 1.5), (32, 3.0))
    assert doc.blocks[0].line_marks == ((0, 9), (23, 12), (32, 15))


def test_chinese_labels() -> None:
    """Full-width colons after a CJK name are speaker labels too."""
    doc = read_fixture("zh.srt")
    assert summary(doc) == [("主持人", "大家好欢迎收听本期节目"), ("赵化冰", "谢谢邀请")]
    assert doc.blocks[0].time_marks == ((0, 1.0), (3, 3.2))


def test_broken_timestamps_are_skipped_with_warnings() -> None:
    """Each unreadable timing line costs only its own cue, and says where it is."""
    with pytest.warns(CaptionWarning) as caught:
        doc = read_fixture("broken.srt")
    messages = [str(w.message) for w in caught]
    assert [re.match(r"broken\.srt:(\d+):", m).group(1) for m in messages] == ["6", "10", "14"]
    assert all("00:01:02,500 --> 00:01:04,000" in m for m in messages)
    assert all(w.filename == __file__ for w in caught)  # stacklevel points at the caller
    assert summary(doc) == [
        (None, "first cue"),
        (None, "minutes and seconds only"),
        (None, "after a hundred hours"),
    ]
    assert [block.time_marks for block in doc.blocks] == [((0, 1.0),), ((0, 62.5),), ((0, 360000.0),)]


def test_no_readable_cue_raises_parse_error_naming_the_line() -> None:
    """With nothing readable, the error names the file, the first bad timing line and a valid example."""
    with pytest.raises(ParseError, match=r"^all_broken\.srt:2: .*'00:01:02,500 --> 00:01:04,000'") as info:
        read_fixture("all_broken.srt")
    assert (info.value.source, info.value.line) == ("all_broken.srt", 2)


@pytest.mark.parametrize("text", ["", "   \n", "just some prose\n", "WEBVTT\n\nNOTE nothing here\n"])
def test_input_without_cues_raises_parse_error(text: str) -> None:
    """Empty or cue-less input is a ParseError, not an empty document."""
    with pytest.raises(ParseError, match="caption cue"):
        read_captions(text, source="empty.srt")


def test_unknown_format_is_a_usage_error() -> None:
    """A bad fmt names the valid choices."""
    with pytest.raises(UnknownChoiceError, match="caption-dump, srt, timestamps, vtt"):
        read_captions("", source="x", fmt="ass")


@pytest.mark.parametrize("name", [p.name for p in sorted(FIXTURES.glob("*")) if p.name != "all_broken.srt"])
def test_line_endings_do_not_matter(name: str) -> None:
    """CRLF, LF and old-Mac CR inputs give the same blocks."""
    text = fixture_text(name).replace("\r\n", "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CaptionWarning)
        docs = [read_captions(text.replace("\n", ending), source=name) for ending in ("\n", "\r\n", "\r")]
    assert docs[0].blocks == docs[1].blocks == docs[2].blocks
    for block in docs[0].blocks:
        check_marks(block)


# ------------------------------------------------------------------------------- small cases


def srt(*cues: tuple[str, str, str]) -> str:
    return "\n".join(f"{i}\n{start} --> {end}\n{text}\n" for i, (start, end, text) in enumerate(cues, 1))


def test_same_words_in_separate_cues_are_kept() -> None:
    """Outside rolling captions, "no" / "no" / "no" in three cues is speech, not a repeat."""
    text = srt(
        ("00:00:01,000", "00:00:01,500", "no"),
        ("00:00:01,500", "00:00:02,000", "no"),
        ("00:00:02,000", "00:00:02,500", "no"),
    )
    assert summary(read_captions(text, source="x")) == [(None, "no no no")]


def test_transition_cue_is_dropped_anywhere() -> None:
    """A 10 ms cue that only repeats the line on screen adds no words."""
    text = srt(
        ("00:00:01,000", "00:00:02,000", "hello there"),
        ("00:00:02,000", "00:00:02,010", "hello there"),
        ("00:00:02,010", "00:00:03,000", "general kenobi"),
    )
    assert summary(read_captions(text, source="x")) == [(None, "hello there general kenobi")]


def test_same_speaker_label_again_continues_the_block() -> None:
    """A repeated NAME: label is not a change of speaker; a bare >> always is."""
    text = srt(
        ("00:00:01,000", "00:00:02,000", "ANA: one"),
        ("00:00:02,000", "00:00:03,000", "ANA: two"),
        ("00:00:03,000", "00:00:04,000", ">> three"),
        ("00:00:04,000", "00:00:05,000", ">> four"),
    )
    assert summary(read_captions(text, source="x")) == [("ANA", "one two"), (None, "three"), (None, "four")]


def test_silence_measured_from_end_to_start() -> None:
    """Exactly 3 s of silence keeps the block; a little more ends it."""
    text = srt(
        ("00:00:01,000", "00:00:02,000", "a"),
        ("00:00:05,000", "00:00:06,000", "b"),
        ("00:00:09,001", "00:00:10,000", "c"),
    )
    assert summary(read_captions(text, source="x")) == [(None, "a b"), (None, "c")]


@pytest.mark.parametrize(
    ("timing", "seconds"),
    [
        ("01:02:03,456 --> 01:02:04,000", 3723.456),
        ("01:02:03.456 --> 01:02:04.000", 3723.456),
        ("02:03.456 --> 02:04.000", 123.456),
        ("123:00:00,000 --> 123:00:01,000", 442800.0),
        ("  00:00:01,5 --> 00:00:02,000", 1.5),
    ],
)
def test_time_formats(timing: str, seconds: float) -> None:
    """HH:MM:SS,mmm, HH:MM:SS.mmm, MM:SS.mmm and hours over 99 all read."""
    doc = read_captions(f"{timing}\nhello\n", source="x", fmt="srt")
    assert doc.blocks[0].time_marks == ((0, seconds),)


def test_paragraph_break_inside_a_cue_loses_no_words() -> None:
    """Text after a stray blank line inside a cue is kept with that cue."""
    text = "1\n00:00:01,000 --> 00:00:02,000\nfirst part\n\nsecond part\n\n2\n00:00:02,000 --> 00:00:03,000\nthird\n"
    doc = read_captions(text, source="x")
    assert summary(doc) == [(None, "first part second part third")]
    assert doc.blocks[0].line_marks == ((0, 3), (11, 5), (23, 9))


def test_non_speech_only_cues_are_dropped() -> None:
    """A file of sounds only reads to a document with no blocks, not an error."""
    text = srt(("00:00:01,000", "00:00:02,000", "[MUSIC PLAYING]"), ("00:00:02,000", "00:00:03,000", "♪ la la ♪"))
    assert read_captions(text, source="x").blocks == ()


# ------------------------------------------------------------------------------- seed 002


def test_seed_002_reads_every_caption_word_once() -> None:
    """The real YouTube dump: overlapping times repeat no text, so every caption word stays, in order."""
    if not SEED_002.is_file():
        pytest.skip(f"seed {SEED_002} is absent")
    text = SEED_002.read_text(encoding="utf-8")
    assert detect_captions(text) == "caption-dump"
    doc = read_captions(text, source=SEED_002.name)
    assert doc.title == "Istio Community Roadmap - Craig Box, Google"
    assert doc.meta["date"] == "2020-10-26" and doc.meta["playlist"] == "Cloud Foundry Summit Europe 2020"
    assert doc.meta["url"].startswith("https://www.youtube.com/")

    lines = text.split("\n")
    body = lines[lines.index("Captions: ") + 1 :]
    expected = [
        word
        for line in body
        if "-->" not in line and not line.startswith("YouTube URL:")
        for word in line.split()
    ]
    got = [word for block in doc.blocks for word in block.text.split()]
    assert got == expected
    for block in doc.blocks:
        assert not re.search(r"-->|\d+:\d{2}[:,.]\d", block.text)  # no timing line leaked
        check_marks(block)
    starts = [block.time_marks[0][1] for block in doc.blocks]
    assert starts == sorted(starts) and len(doc.blocks) > 1


# ------------------------------------------------------------------------------- properties

_caption_pieces = st.sampled_from(
    [
        "00:00:01,000 --> 00:00:02,000",
        "00:00:02.500 --> 00:00:01.000 align:start",
        "01:02.000 --> 01:09.000",
        "00:00:0x,000 --> 00:00:03,000",
        "00:00:03,000 -> 00:00:04,000",
        "WEBVTT",
        "Captions:",
        "Title: a talk",
        "NOTE",
        "1",
        "",
        " ",
        ">>",
        "&gt;&gt; BOB: hi",
        "ANA: hello there",
        "<v Ana>hi</v>",
        "<v>",
        "so<00:00:01.200><c> no</c><00:00:01.400><c> no</c>",
        "[MUSIC<00:00:01.200> PLAYING] yes",
        "(laughs) <i>ok</i> &amp;",
        "♪ la",
        "no no no",
        "大家好",
    ]
)
_caption_like = st.lists(st.one_of(_caption_pieces, st.text(max_size=12)), max_size=25).map("\n".join)


def check_document(text: str, fmt: str | None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CaptionWarning)
        try:
            doc = read_captions(text, source="prop", fmt=fmt)
        except ParseError:
            return
    assert isinstance(doc, Document) and doc.spoken
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for block in doc.blocks:
        assert block.text and block.text == block.text.strip() and "  " not in block.text
        assert 1 <= block.line <= block.end_line <= line_count
        check_marks(block)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), fmt=st.sampled_from([None, "srt", "vtt", "caption-dump"]))
def test_any_text_reads_or_raises_parse_error(text: str, fmt: str | None) -> None:
    """Arbitrary text gives a Document with well-formed marks, or a ParseError; nothing else."""
    check_document(text, fmt)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_caption_like, fmt=st.sampled_from([None, "srt", "vtt", "caption-dump"]))
def test_caption_like_text_reads_or_raises_parse_error(text: str, fmt: str | None) -> None:
    """Text built from caption fragments exercises cues, tags, turns and broken timings."""
    check_document(text, fmt)


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_detect_captions_is_total(text: str) -> None:
    """Detection answers for any text, with one of the known formats or None."""
    assert detect_captions(text) in (None, "vtt", "srt", "caption-dump")


# ------------------------------------------------------------------------------- mixed files

MIXED = """These are my notes from the platform engineering meetup. The talk was short but dense, and the captions below are what the venue published.

1
00:00:01,000 --> 00:00:04,000
so today we are going to talk about golden paths

2
00:00:04,500 --> 00:00:08,000
and why every platform team ends up building one

My own takeaway: start with the deployment path, because that is where teams lose the most time.

3
00:00:08,500 --> 00:00:12,000
the first thing you need is a paved road for deployments

The second remark is that golden paths need owners, or they rot within a year.
"""


def test_mixed_file_keeps_paragraphs_and_cues_in_order() -> None:
    """A post that quotes SRT cues between its own paragraphs loses neither, with true line numbers."""
    assert detect_captions(MIXED) == "srt"
    doc = read_captions(MIXED, source="x")
    kinds = [(b.kind, b.line) for b in doc.blocks]
    assert kinds == [("paragraph", 1), ("caption", 5), ("paragraph", 11), ("caption", 15), ("paragraph", 17)]
    assert doc.blocks[0].text.startswith("These are my notes")
    assert doc.blocks[1].text == "so today we are going to talk about golden paths and why every platform team ends up building one"
    assert doc.blocks[1].time_marks[0] == (0, 1.0)
    assert doc.blocks[4].text.startswith("The second remark")
    for block in doc.blocks:
        check_marks(block)


def test_caption_dump_keeps_prose_around_it() -> None:
    """Text above a pasted caption dump and a paragraph after its last cue are paragraphs, not lost."""
    text = (
        "I watched this talk twice and wrote down what I think matters most for small teams.\n\n"
        "Title: GitOps mistakes\nChannel: Corner\n\nCaptions:\n\n"
        "00:00:00.000 --> 00:00:02.000\nhey everyone welcome back\n\n"
        "00:00:02.000 --> 00:00:04.000\ntoday we talk about argo cd\n\n"
        "In short: keep your manifests in one repository, and review every sync policy before you turn it on.\n"
    )
    doc = read_captions(text, source="x")
    assert doc.title == "GitOps mistakes"
    assert [(b.kind, b.line) for b in doc.blocks] == [("paragraph", 1), ("caption", 9), ("paragraph", 14)]
    assert doc.blocks[1].text == "hey everyone welcome back today we talk about argo cd"


def test_short_text_between_cues_still_joins_its_cue() -> None:
    """A caption line after a stray blank line is no paragraph: it stays with the cue before it."""
    text = "1\n00:00:01,000 --> 00:00:02,000\nfirst part\n\nWe will see.\n\n2\n00:00:02,000 --> 00:00:03,000\nthird\n"
    assert [b.kind for b in read_captions(text, source="x").blocks] == ["caption"]


def test_rolling_decided_on_a_sample_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cues are cleaned and joined one at a time past the rolling sample: the blocks do not change."""
    import summarize.parse.captions as captions

    text = MIXED + "\n4\n00:00:12,500 --> 00:00:14,000\nand a last cue\n"
    wholes = [read_fixture(name) for name in ("rolling.vtt", "voices.vtt", "dump.txt")] + [read_captions(text, source="x")]
    monkeypatch.setattr(captions, "_ROLLING_SAMPLE", 2)
    streamed = [read_fixture(name) for name in ("rolling.vtt", "voices.vtt", "dump.txt")] + [read_captions(text, source="x")]
    assert streamed == wholes


# ------------------------------------------------------------------ fast paths (issue 15)

_TIMING_TEXT = st.text(st.sampled_from("0123456789:.,-> \tax"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TIMING_TEXT)
def test_timing_line_read_in_one_match_agrees_with_timing_re_and_clock_seconds(line: str) -> None:
    """The one-match timing reader (clock parts captured) finds exactly the lines TIMING_RE finds and the
    times clock_seconds gives; a disagreement would move or drop cues."""
    from summarize.parse.cue_scan import _TIMING_PARTS_RE, TIMING_RE, _parse_timing, clock_seconds

    whole, fast = TIMING_RE.match(line), _TIMING_PARTS_RE.match(line)
    assert bool(whole) == bool(fast)
    if whole:
        start, end = clock_seconds(whole["start"]), clock_seconds(whole["end"])
        expected = None if start is None or end is None else (start, max(start, end))
        parsed = _parse_timing(fast)
        assert (parsed[:2] if parsed else None) == expected


_PLAIN_CUE_LINE = st.text(st.sampled_from("ab Cde:：[](（）【】♪ \t\u3000我们.?!,-'\"0123456789"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_PLAIN_CUE_LINE, st.integers(0, 10_000))
def test_plain_cue_lines_clean_as_on_the_full_path(line: str, millis: int) -> None:
    """A cue line without markup skips the tag, whitespace and label passes; it must clean exactly as
    the same line sent down the full path (a word timing at the cue's own start, an empty <i></i>)."""
    from summarize.parse.cue_scan import RawCue
    from summarize.parse.cue_text import clean_cue

    start = millis / 1000
    clock = f"00:{int(start // 60):02d}:{start % 60:06.3f}"
    plain = clean_cue(RawCue(start, start + 1, [(3, line)]))
    full = clean_cue(RawCue(start, start + 1, [(3, f"<{clock}>{line}<i></i>")]))
    assert plain == full



# ------------------------------------------------------------------------------- memory


def _numbered_vtt(cues: int) -> str:
    """One short cue every two seconds, none a long silence apart: all of them join one caption block."""
    parts = ["WEBVTT", ""]
    for i in range(cues):
        clock = f"{i * 2 // 3600:02d}:{i * 2 // 60 % 60:02d}:{i * 2 % 60:02d}"
        parts += [f"{clock}.000 --> {clock}.900", f"mesh {i}", ""]
    return "\n".join(parts)


def test_a_caption_block_holds_its_marks_compactly() -> None:
    """Issue 15: a 1M-cue VTT spent ~220 bytes a cue on its block's marks as tuples of pairs (257 bytes a cue
    held by the whole document); typed arrays with shared offsets hold them in 24. The bound leaves room for
    the text itself (~10 bytes a cue here) but not for a pair object per mark."""
    import gc
    import tracemalloc

    cues = 5_000
    text = _numbered_vtt(cues)
    read_captions(_numbered_vtt(3), source="warm.vtt")  # module-level state, compiled patterns
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        doc = read_captions(text, source="many.vtt")
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(doc.blocks) == 1 and len(doc.blocks[0].time_marks) == cues
    check_marks(doc.blocks[0])
    assert held / cues < 64, f"the document holds {held / cues:.0f} bytes a cue"


def test_compact_marks_read_as_the_tuple_of_pairs_they_replace() -> None:
    from array import array

    from summarize.model import Marks

    marks = Marks(array("q", [0, 5, 9]), array("d", [1.0, 2.5, 4.0]))
    pairs = ((0, 1.0), (5, 2.5), (9, 4.0))
    assert marks == pairs and pairs == marks and list(marks) == list(pairs) and len(marks) == 3
    assert marks[1] == (5, 2.5) and marks[-1] == (9, 4.0) and marks[1:] == pairs[1:]
    assert marks != pairs[:2] and marks != ((0, 1.0), (5, 2.5), (9, 4.5))
    block = Block("caption", "a" * 12, 1, 3, line_marks=Marks(marks.offsets, array("q", [1, 2, 3])), time_marks=marks)
    same = Block("caption", "a" * 12, 1, 3, line_marks=((0, 1), (5, 2), (9, 3)), time_marks=pairs)
    for offset in range(12):
        assert block.time_at(offset) == same.time_at(offset) and block.line_at(offset) == same.line_at(offset)
    with pytest.raises(ValueError, match="one value per offset"):
        Marks(array("q", [0, 1]), array("d", [1.0]))


# ------------------------------------------------------------------ transcripts copied with bare clock times

PANEL = FIXTURES / "transcript_panel.txt"


def test_transcript_panel_copy_is_read_as_timed_cues() -> None:
    """YouTube's transcript panel, copied: a bare clock time above each caption line. The times are cue starts
    (so a takeaway cites its second), never words of a sentence, and a sentence runs across the cues."""
    from summarize.pipeline import load

    text = PANEL.read_text(encoding="utf-8")
    assert detect_captions(text) == "timestamps"
    doc = load(str(PANEL))
    assert doc.format == "timestamps" and doc.spoken
    joined = " ".join(s.text for s in doc.sentences)
    assert not re.search(r"\b\d{1,2}:\d{2}\b", joined)
    assert "[Music]" not in joined
    cut = next(s for s in doc.sentences if "sixty percent" in s.text)
    assert cut.text.startswith("The short version") or "we cut the CI bill by about sixty percent" in cut.text
    assert cut.time == 14.0
    last = next(s for s in doc.sentences if "back in the queue" in s.text)
    assert last.time == 27.0
    assert doc.title is None or "Office Hours" in (doc.title or "")


@pytest.mark.parametrize(
    "text",
    [
        "# Chapters\n\n0:00 Intro\n\n1:30 Setup\n\nWe moved the runners. It took a week.\n",
        "Agenda\n10:00\nKeynote about the mesh and what it costs to run at our scale today.\n11:30\nLunch\n"
        + "A long paragraph of prose follows here, with many sentences that are not captions at all. " * 6,
    ],
    ids=["chapter-list", "agenda"],
)
def test_a_few_clock_times_do_not_make_a_transcript(text: str) -> None:
    """A post that lists chapter times or an agenda stays a post: the times must be a large share of the lines."""
    assert detect_captions(text) is None


def test_lines_that_open_on_their_clock_time_are_timed_cues() -> None:
    """A livestream's or podcast app's caption export puts the time at the start of each line ("[00:03:11] …",
    "(0:42) …", "00:03:18 …"): the stamps are cue starts, never words of a takeaway (a fresh page printed
    "… 就是 NPD [00:09:32] 照常检测 …")."""
    from summarize.pipeline import load

    lines = ["直播回放字幕导出 | 第32期", "", "[00:03:11] 好 我们看一下", "[00:03:18] 今天主要聊节点半死不活怎么办",
             "[00:03:26] 一个节点在 Kubernetes 里看起来是 Ready 的", "[00:03:31] kubelet 还在正常上报心跳 但是节点上已经出问题了",
             "[00:03:41] 比如 containerd 卡住了 新的容器起不来", "[00:03:52] 所以 Ready 不等于健康 要用 NPD 加自定义检查"]
    text = "\n".join(lines) + "\n"
    assert detect_captions(text) == "timestamps"
    doc = load(text, fmt="auto")
    joined = "".join(s.text for s in doc.sentences)
    assert "[00:" not in joined and "containerd" in joined
    assert next(s for s in doc.sentences if "containerd" in s.text).time in (221.0, 232.0)
    english = "\n".join(f"({m}:{s:02d}) we moved the build runners to ephemeral pods this spring" for m, s in
                        ((0, 5), (0, 12), (0, 20), (0, 31), (0, 40), (0, 52)))
    assert detect_captions(english) == "timestamps"


@pytest.mark.parametrize(
    "text",
    [
        # A speaker-labelled transcript with stamps: the transcript reader keeps its speakers.
        "\n".join(f"[00:0{k}:10] Maya: we moved the runners to ephemeral pods, step {k}." for k in range(8)),
        # A Markdown page (front matter) whose transcript lines carry stamps stays a page.
        "---\ntitle: Episode 12\n---\n" + "\n".join(f"[00:0{k}:10] we moved the runners, step {k}." for k in range(8)),
    ],
    ids=["labelled", "front-matter"],
)
def test_stamped_lines_with_speakers_or_front_matter_are_not_caption_files(text: str) -> None:
    assert detect_captions(text) is None
