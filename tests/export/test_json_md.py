"""The JSON and Markdown exporters, and the by-name ``export`` entry point."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from summarize.errors import ExportError, UnknownChoiceError, UsageError
from summarize.export import EXPORTERS, cards_from_json, export, to_json, to_markdown
from summarize.export._common import one_line
from summarize.export.markdown import escape_markdown
from summarize.model import CARD_TYPES, Card

# --- JSON -------------------------------------------------------------------------------------


def test_json_layout(sample_cards) -> None:
    """Sorted keys, two-space indent, Chinese kept as is, a trailing newline, metadata beside the cards."""
    text = to_json(sample_cards, source="posts", generator="summarize")
    assert text.endswith("}\n")
    assert "服务网格入门" in text and "\\u" not in text
    data = json.loads(text)
    assert list(data) == ["cards", "generator", "source"]
    assert data["cards"] == [card.to_dict() for card in sample_cards]
    assert list(data["cards"][0]) == sorted(data["cards"][0])
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def test_json_round_trip(sample_cards) -> None:
    assert cards_from_json(to_json(sample_cards)) == sample_cards


def test_json_empty_list_is_valid() -> None:
    assert json.loads(to_json([])) == {"cards": []}
    assert cards_from_json(to_json([])) == []


def test_json_errors(make_card) -> None:
    with pytest.raises(ExportError, match="'cards' is reserved"):
        to_json([make_card()], cards=1)
    with pytest.raises(ExportError, match="cannot write the cards as JSON"):
        to_json([make_card(score=float("nan"))])
    with pytest.raises(ExportError, match="not a JSON cards file"):
        cards_from_json("{")
    with pytest.raises(ExportError, match='expected an object with a "cards" list'):
        cards_from_json("[]")
    good = make_card().to_dict()
    with pytest.raises(ExportError, match=r"card 0 in the JSON has unknown key\(s\) colour; missing answer"):
        cards_from_json(json.dumps({"cards": [{**{k: v for k, v in good.items() if k != "answer"}, "colour": 1}]}))
    with pytest.raises(ExportError, match="card 0 in the JSON is not a valid card: unknown card type 'quiz'"):
        cards_from_json(json.dumps({"cards": [{**good, "type": "quiz"}]}))


texts = st.text(min_size=1, max_size=30).filter(str.strip)
floats = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def cards(draw: st.DrawFn) -> Card:
    return Card(
        id=draw(st.text(max_size=20)),
        type=draw(st.sampled_from(CARD_TYPES)),
        question=draw(texts),
        answer=draw(texts),
        sentence_ids=tuple(draw(st.lists(st.integers(0, 10_000), max_size=4))),
        source_text=draw(st.text(max_size=40)),
        line=draw(st.integers(1, 100_000)),
        template=draw(st.text(max_size=10)),
        lang=draw(st.sampled_from(["en", "zh"])),
        source=draw(st.text(max_size=20)),
        title=draw(st.none() | st.text(max_size=20)),
        time=draw(st.none() | floats),
        speaker=draw(st.none() | st.text(max_size=10)),
        tags=tuple(draw(st.lists(st.text(max_size=8), max_size=3))),
        score=draw(floats),
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(cards(), max_size=4),
    st.dictionaries(st.text(max_size=5).filter(lambda k: k != "cards"), st.text(max_size=5), max_size=2),
)
def test_json_round_trip_any_card(generated: list[Card], meta: dict[str, str]) -> None:
    """Any text (tabs, quotes, newlines, CJK …) and any finite number survive exactly."""
    text = to_json(generated, **meta)
    assert cards_from_json(text) == generated
    data = json.loads(text)
    assert data["cards"] == [card.to_dict() for card in generated]
    assert {k: v for k, v in data.items() if k != "cards"} == meta


# --- Markdown ---------------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered_text(markdown: str) -> str:
    """The plain text a Markdown line renders to (it must be one paragraph of text, no markup)."""
    out = MD.render(markdown)
    if not out:
        return ""
    match = re.fullmatch(r"<p>(.*)</p>\n", out, re.DOTALL)
    assert match, f"{markdown!r} rendered as markup: {out!r}"
    return html.unescape(match.group(1))


def test_markdown_quiz_layout(sample_cards) -> None:
    text = to_markdown(sample_cards, title="Weekly quiz")
    assert text.startswith("# Weekly quiz\n\n## Why Envoy, \"the\" proxy\n\nSource: posts/envoy.md\n\n1. What does")
    assert text.endswith("</details>\n")
    assert text.count("<details><summary>Answer</summary>") == 5
    assert "\n## 服务网格入门\n\nSource: posts/服务网格.md\n" in text
    assert "1. 服务网格的数据平面由什么组成？ (line 5, 01:23)" in text
    assert "2. 控制平面是\\[…\\]，它下发配置。 (line 9, 1:02:05)" in text
    assert "3. The \\[…\\] configures the \\[…\\] \\& \\<proxies\\>. (line 41)" in text
    assert "   It routes traffic between \\<b\\>services\\</b\\> \\& sidecars. All of it." in text
    assert "   > We picked C++ because it is fast, predictable \\& light." in text


def test_markdown_shows_the_context_line_the_other_exporters_show(make_card) -> None:
    """One line under the question, as in the TSV front and the Anki field; nothing for a context no reader sees."""
    text = to_markdown([make_card(context="Trellis 0.9:\nVMs at the edge"), make_card(context="\u200e \u2066")])
    assert text.count("Context:") == 1 and "   Context: Trellis 0.9: VMs at the edge\n" in text


def test_markdown_renders_questions_and_answers_literally(sample_cards) -> None:
    """Rendered, the quiz shows the <b>, & and quotes of the cards as text, never as markup."""
    out = MD.render(to_markdown(sample_cards))
    assert out.count("<details>") == 5 and out.count("<ol>") == 2
    assert "do with &lt;b&gt;traffic&lt;/b&gt;?" in out
    assert "<b>" not in out
    assert "<h2>服务网格入门</h2>" in out


def test_markdown_cloze_hint_and_empty_list(make_card) -> None:
    card = make_card(type="cloze", question="Use {{c1::kubectl::a CLI}} to apply it.", answer="kubectl")
    assert "1. Use \\[a CLI\\] to apply it." in to_markdown([card])
    assert to_markdown([]) == "# Quiz\n\nNo cards: the posts had too few sentences that fit a quiz template.\n"


@pytest.mark.parametrize(
    "text",
    ["# not a heading", "- not a list", "+ nor this", "1. nor this", "2) nor this", "> not a quote", "***", "---",
     "a *b* _c_ `d` [e](f) ![g](h) <i>j</i> &amp; ~~k~~ | l |", "ends with a backslash \\", "C# and F#", "<https://x.y>",
     "中文，“引号”与 <标签>"],
)
def test_escape_markdown_renders_as_itself(text: str) -> None:
    assert rendered_text(escape_markdown(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_escape_markdown_any_text(text: str) -> None:
    """Any text, escaped, renders to itself with whitespace collapsed, in a paragraph and a heading."""
    expected = one_line(text)
    assert rendered_text(escape_markdown(text)) == expected
    if expected:
        assert html.unescape(MD.render("## " + escape_markdown(text))) == f"<h2>{expected}</h2>\n"


# --- export() by name -------------------------------------------------------------------------


def test_exporters_registry() -> None:
    assert sorted(EXPORTERS) == ["apkg", "json", "md", "tsv"]


def test_export_by_name_to_files_and_stdout(sample_cards, tmp_path, capsys) -> None:
    for fmt in ("json", "md", "tsv"):
        assert export(sample_cards, fmt, tmp_path / f"quiz.{fmt}") == 5
    assert cards_from_json((tmp_path / "quiz.json").read_text(encoding="utf-8")) == sample_cards
    assert (tmp_path / "quiz.md").read_text(encoding="utf-8") == to_markdown(sample_cards)
    assert export(sample_cards, "apkg", tmp_path / "quiz.apkg", deck="X", timestamp=1) == 5
    assert export(sample_cards, "md", "-", title="T") == 5
    assert capsys.readouterr().out == to_markdown(sample_cards, title="T")


def test_export_errors(sample_cards) -> None:
    with pytest.raises(UnknownChoiceError, match="unknown export format 'csv'; choose one of: apkg, json, md, tsv"):
        export(sample_cards, "csv")
    with pytest.raises(UsageError, match="apkg format is a binary file; give an output path"):
        export(sample_cards, "apkg", None)
