"""Speaker labels and labelled links looked for only where they can be (issue 16): a label ends on a colon, an Otter
header's time has one, a bare turn marker opens with ">>", a non-speech tag with a bracket, a labelled link holds "://";
lines without them are answered without running the regexes, exactly as the regexes answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.parse import speech


def _split_speaker_label_as_before(line: str) -> tuple[str | None, int]:
    m = speech._LABEL_RE.match(line)
    if m:
        name = m.group("name").strip()
        if name.casefold().rstrip(".") not in speech._NOT_SPEAKERS and not name.isdigit():
            return speech._normalise_name(name), m.end()
    marker = re.match(r"^[ \t]*(?:>>|&gt;&gt;|-[ \t]+(?=[A-Z]))[ \t]*", line)
    if marker and line.lstrip().startswith((">>", "&gt;&gt;")):
        return "", marker.end()
    return None, 0


_PIECES = st.sampled_from(["Lin Sun", "CRAIG BOX", "华兵", "A(PM)", "#Person1#", "Speaker 1", "Note", "Dr. Jane", "12",
                           ":", "：", "::", ">>", "&gt;&gt;", "- ", " ", "  ", "\t", "\u3000", "0:13", "00:00:05", "we",
                           "said", "(host)", "（主持人）", "Ruby's REXML::Document"])
_LINES = st.lists(_PIECES, max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_speaker_labels_are_found_as_the_regexes_find_them(line: str) -> None:
    assert speech.split_speaker_label(line) == _split_speaker_label_as_before(line)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_otter_headers_are_found_as_the_regex_finds_them(line: str) -> None:
    m = speech._OTTER_RE.match(line.strip())
    assert (speech.otter_header(line) is None) == (m is None)


def _strip_nonspeech_as_before(text: str) -> str:
    if not any(c in text for c in "[(（【♪{"):
        return text
    marked = speech._NONSPEECH_RE.sub("\x00", text)
    out = re.sub(r"[ \t]*\x00[ \t]*", lambda m: " " if m.start() and m.end() < len(marked) else "", marked)
    return re.sub(r"(?m)^ +| +$", "", out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Hi", " ", "[LAUGHTER]", "(laughs)", "（掌声）", "【笑】", "♪ la ♪", "{vocalsound}", "[", "(",
                                 "there", "\n", "  "]), max_size=10).map("".join))
def test_nonspeech_tags_are_stripped_as_before(text: str) -> None:
    assert speech.strip_nonspeech(text) == _strip_nonspeech_as_before(text)


def test_the_shortcut_still_finds_labels() -> None:
    """Not a filter that drops everything: labels, headers and turn markers are still found."""
    assert speech.split_speaker_label("Lin Sun: we moved") == ("Lin Sun", 9)
    assert speech.split_speaker_label(">> and then") == ("", 3)
    assert speech.split_speaker_label("we moved the proxy") == (None, 0)
    assert speech.otter_header("Lin Sun  0:13") == ("Lin Sun", 13.0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["PR", "Slides", ":", "：", " ", "https://", "http://", "x.io/a", "<", ">", "we", "said",
                                 "-", "\n", "//"]), max_size=10).map("".join))
def test_labelled_links_are_found_as_the_regex_finds_them(text: str) -> None:
    """is_labelled_link tries its regex only on text with "://" in it, as the regex needs one."""
    from summarize.parse import furniture

    assert furniture.is_labelled_link(text) == bool(furniture._LABELLED_LINK_RE.match(text.strip()))
