"""The Markdown reader: only prose reaches block text, with true source lines."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import markdown_doc

from summarize.parse import read_text
from summarize.parse.frontmatter import FrontMatterWarning

MARKUP = ("{{<", "{{%", "](", "![", "<svg", "<iframe", "**", "```", "<!--", "title:", "http://x")


def prose_blocks(doc):
    return [b for b in doc.blocks if b.kind not in ("code", "table")]


def test_front_matter_yaml_after_bom_and_blank_lines() -> None:
    """YAML front matter is metadata even behind a BOM and blank lines, and its lines never become prose."""
    doc = read_text('\ufeff\n\n---\ntitle: "Why Envoy"\ndate: 2023-11-16\ntags: [istio, envoy]\n---\n\nBody text.\n', fmt="markdown")
    assert doc.title == "Why Envoy"
    assert doc.meta["date"] == "2023-11-16"
    assert doc.meta["tags"] == ["istio", "envoy"]
    assert [(b.text, b.line) for b in doc.blocks] == [("Body text.", 9)]


def test_front_matter_toml() -> None:
    """TOML (+++) front matter is read the same way."""
    doc = read_text('+++\ntitle = "Mesh"\ndate = 2021-02-22\n+++\n# Heading\nText.\n', fmt="markdown")
    assert doc.title == "Mesh" and doc.meta["date"] == "2021-02-22"
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]


def test_malformed_front_matter_warns_and_reads_the_rest() -> None:
    """Broken YAML is a warning naming the line, never a crash; the body still reads."""
    with pytest.warns(FrontMatterWarning, match=r"<text>:2: malformed YAML"):
        doc = read_text("---\ntitle: [unclosed\n---\nStill read.\n", fmt="markdown")
    assert [b.text for b in doc.blocks] == ["Still read."]


def test_shortcodes_embeds_links_images_html() -> None:
    """Embeds become metadata; link text stays, URLs, images, SVG and comments go; a "原文：<url>" line is the
    post's source link, metadata rather than prose."""
    src = (
        "{{< youtube O-bHqDpStoE >}}\n\n"
        "{{% notice %}}Keep this sentence.{{% /notice %}}\n\n"
        "We picked [Envoy](https://envoyproxy.io) over ![logo](a.png) Nginx <!-- why? --> in 2017.\n\n"
        '<svg viewBox="0 0 1 1"><title>Group</title><desc>Sketch</desc></svg>\n\n'
        "<iframe src=x></iframe>\n\n"
        "原文：<https://thenewstack.io/x/>\n"
    )
    doc = read_text(src, fmt="markdown")
    assert doc.meta["embeds"] == [{"kind": "youtube", "id": "O-bHqDpStoE"}]
    assert [b.text for b in doc.blocks] == ["Keep this sentence.", "We picked Envoy over Nginx in 2017."]
    assert doc.blocks[1].line == 5
    assert doc.meta["source_url"] == "https://thenewstack.io/x/"
    assert doc.blocks[0].attrs == {"shortcode": "notice"}


def test_code_and_tables_are_kept_apart_from_prose() -> None:
    """Fences, indented code and tables are blocks of their own kinds, never prose."""
    src = "Intro.\n\n```yaml\nkind: VirtualService\n```\n\n    indented code\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    doc = read_text(src, fmt="markdown")
    assert [(b.kind, b.line) for b in doc.blocks] == [("paragraph", 1), ("code", 4), ("code", 7), ("table", 9)]
    assert doc.blocks[1].text == "kind: VirtualService"


def test_headings_lists_and_sections() -> None:
    """Heading levels, list depth and section numbers come through; bold-only lines act as headings."""
    src = "# Title\n\nIntro.\n\n## One\n\n- item *one*\n  - nested **two**\n\n1.  **2020: a year of innovation**\n\nBody.\n"
    doc = read_text(src, fmt="markdown")
    got = [(b.kind, b.level, b.section, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 1, 1, "Title"),
        ("paragraph", 0, 1, "Intro."),
        ("heading", 2, 2, "One"),
        ("list_item", 1, 2, "item one"),
        ("list_item", 2, 2, "nested two"),
        ("heading", 2, 3, "1. 2020: a year of innovation"),
        ("paragraph", 0, 3, "Body."),
    ]
    assert doc.title == "Title"


def test_speaker_labels_in_markdown_interview() -> None:
    """Repeated `Name：` labels (full- or half-width, bold or not) become speakers, not text."""
    src = "Huabing：你好，Varun。\n\n**Varun:** Thanks for having me.\n\nHuabing: 为什么选择 Envoy？\n\nVarun：因为它很轻量。\n"
    doc = read_text(src, fmt="markdown")
    assert [(b.speaker, b.text) for b in doc.blocks] == [
        ("Huabing", "你好，Varun。"),
        ("Varun", "Thanks for having me."),
        ("Huabing", "为什么选择 Envoy？"),
        ("Varun", "因为它很轻量。"),
    ]
    assert doc.spoken


def test_a_single_note_label_is_not_a_speaker() -> None:
    """A lone `Note:` or a one-off label is prose, not an interview; an editorial label goes, its note stays."""
    doc = read_text("Note: this changed in 1.4.\n\nUpdate: fixed.\n", fmt="markdown")
    assert [b.speaker for b in doc.blocks] == [None, None]
    assert [b.text for b in doc.blocks] == ["this changed in 1.4.", "fixed."]


def test_changelog_labels_in_list_items_are_not_speakers() -> None:
    """"- Fix: …" and "- Breaking: …" bullets label changes: the post stays written and keeps its words."""
    src = (
        "# Release 2.4\n\nThis release makes the gateway faster.\n\n"
        "- Fix: retries no longer double the timeout.\n- Fix: the health check uses the admin port.\n"
        "- Breaking: the v1alpha1 API is removed.\n- Breaking: the default log format is JSON.\n"
    )
    doc = read_text(src, fmt="markdown")
    assert not doc.spoken
    assert [b.speaker for b in doc.blocks] == [None] * len(doc.blocks)
    assert any(b.text.startswith("Fix: retries") for b in doc.blocks)


def test_a_double_colon_is_a_scope_not_a_label() -> None:
    """"REXML::Document" (Ruby) names a class; it does not open a turn."""
    doc = read_text("REXML::Document expands entities.\n\nREXML::Parsers do too.\n", fmt="text")
    assert not doc.spoken and doc.blocks[0].text.startswith("REXML::Document")


@given(markdown_doc())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_markup_survives_and_lines_are_in_range(src: str) -> None:
    """Whatever the mix of blocks, prose blocks carry no markup and point at real source lines."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FrontMatterWarning)
        doc = read_text(src, fmt="markdown")
    n_lines = src.count("\n") + 1
    for block in prose_blocks(doc):
        assert not [m for m in MARKUP if m in block.text], block
        assert 1 <= block.line <= block.end_line <= n_lines
        for _, line in block.line_marks:
            assert block.line <= line <= block.end_line


def test_brackets_that_no_bracket_closes_are_read_as_text() -> None:
    """A run of "[" with no "]" after it in its paragraph starts no link: it is read as fullwidth "［" (same length,
    so lines and offsets stay), while links before it, and a paragraph's few stray brackets, are untouched."""
    from summarize.parse.markdown import _UNCLOSABLE_BRACKETS, _without_unclosable_brackets

    junk = "[" * (_UNCLOSABLE_BRACKETS + 5)
    body = f"See [the docs](https://example.com/docs) first.\n\nA [stray bracket.\n\nEnvoy is at {junk}.\n"
    out = _without_unclosable_brackets(body)
    assert len(out) == len(body) and out.count("\n") == body.count("\n")
    assert "See [the docs](https://example.com/docs) first." in out and "A [stray bracket." in out
    assert "［" * len(junk) in out and "[" * len(junk) not in out
    doc = read_text(f"# Title\n\n{body}", source="post.md")
    assert any("the docs" in b.text for b in doc.blocks)


def test_a_warning_quotes_a_huge_value_clipped() -> None:
    """A never-closed fence of 5,000 backticks is named in a warning of one short line, not 5,000 characters."""
    from summarize.parse.markdown_warnings import MarkdownWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_text("# T\n\nProse before it.\n\n" + "`" * 5000 + "\n\ncode\n\nMore prose after the fence.\n", source="p.md")
    fences = [str(w.message) for w in caught if issubclass(w.category, MarkdownWarning)]
    assert fences and all(len(m) < 300 and "5,000 characters" in m for m in fences)


def test_otter_style_header_lines_open_turns_in_markdown() -> None:
    """A transcript page in Markdown whose turns open with a "Name  0:13" (or "宋佳 00:00:05") line of their own: the
    line is the speaker, not text, whether the turn's words follow on the next line or in the next paragraph."""
    text = ("# 第 3 期\n\n主持人：宋佳\n\n宋佳 00:00:05\n大家好，欢迎收听。今天聊数据库。\n\n韩立程 00:00:18\n谢谢邀请，我们跑了两年。\n\n"
            "宋佳 00:00:40\n为什么选择本地盘？\n\n韩立程 00:00:45\n\n因为云盘延迟太高。\n")
    doc = read_text(text, source="episode.md")
    turns = [(b.speaker, b.text) for b in doc.blocks if b.speaker in ("宋佳", "韩立程")]
    assert turns == [("宋佳", "大家好，欢迎收听。今天聊数据库。"), ("韩立程", "谢谢邀请，我们跑了两年。"),
                     ("宋佳", "为什么选择本地盘？"), ("韩立程", "因为云盘延迟太高。")]
    assert not any("00:00" in b.text for b in doc.blocks)
