"""Reading the sites our users write for: Hugo code shortcodes, heading anchors, show notes, editorial lines,
and which language a mixed-script sentence is in. Fixtures in tests/fixtures/sites are written for the tests
in those sites' styles."""

from __future__ import annotations

import json
import re
import warnings

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import PRODUCT_NAMES, zh_grammar_sentence

from summarize._text import guess_lang
from summarize.parse import read_text
from summarize.parse.shortcodes import code_shortcodes
from summarize.pipeline import load

SITES = FIXTURES / "sites"
SHELL_OR_MANIFEST_RE = re.compile(r"(?:^|\s)\$ \w|\bapiVersion:|\bkind: [A-Z]")


def loaded(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load(SITES / name)


def test_istio_text_shortcodes_are_code_blocks_with_their_language() -> None:
    """Every {{< text lang >}} … {{< /text >}}, even indented inside a numbered step, is one code block that
    names its shortcode and language; none of its lines reaches prose."""
    path = SITES / "istio-style-blog.md"
    doc = loaded(path.name)
    code = [b for b in doc.blocks if b.kind == "code" and b.attrs.get("shortcode") == "text"]
    assert len(code) == path.read_text(encoding="utf-8").count("{{< text ")
    assert {b.attrs["language"] for b in code} == {"bash", "json", "yaml"}
    assert all(not b.text.startswith(" ") for b in code)  # dedented out of the list item
    assert not [s.text for s in doc.sentences if SHELL_OR_MANIFEST_RE.search(s.text)]
    notices = {b.attrs.get("shortcode") for b in doc.blocks if b.kind != "code"}
    assert {"warning", "tip"} <= notices  # prose inside notices stays prose, and says where it sat


def test_code_shortcode_lines_and_unknown_paired_shortcodes() -> None:
    """The code block starts on the code's own line; an unknown paired shortcode keeps its Markdown as prose."""
    src = "Intro line.\n\n{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\n\n{{< callout kind=note >}}\nRead **this** first.\n{{< /callout >}}\n"
    doc = read_text(src, fmt="markdown")
    code = next(b for b in doc.blocks if b.kind == "code")
    assert (code.text, code.line, code.attrs["language"]) == ("func main() {}", 4, "go")
    prose = next(b for b in doc.blocks if b.text == "Read this first.")
    assert prose.attrs == {"shortcode": "callout", "args": "kind=note"}


def test_sites_name_their_own_code_shortcodes(monkeypatch: pytest.MonkeyPatch) -> None:
    """$SUMMARIZE_CODE_SHORTCODES adds a site's own code shortcodes to the built-in list."""
    src = "Before.\n\n{{< snippet sh >}}\n$ make deploy\n{{< /snippet >}}\n"
    code_shortcodes.cache_clear()
    try:
        assert [b.kind for b in read_text(src, fmt="markdown").blocks] == ["paragraph", "paragraph"]
        monkeypatch.setenv("SUMMARIZE_CODE_SHORTCODES", "snippet, other")
        code_shortcodes.cache_clear()
        assert [b.kind for b in read_text(src, fmt="markdown").blocks] == ["paragraph", "code"]
    finally:
        code_shortcodes.cache_clear()


@pytest.mark.parametrize(
    ("heading", "text", "anchor"),
    [
        ("## 部署 ratings 服务{#deploy-the-ratings-service}", "部署 ratings 服务", "deploy-the-ratings-service"),
        ("## Design {#design .unnumbered}", "Design", "design"),
        ("### Setup {: #setup}", "Setup", "setup"),
        ("## Why {#why .wide data-x=\"1\"}", "Why", "why"),
        ("## Plain heading", "Plain heading", None),
        ("## Uses {curly} braces", "Uses {curly} braces", None),
    ],
)
def test_heading_attributes_become_the_section_anchor(heading: str, text: str, anchor: str | None) -> None:
    """Goldmark, Pandoc and kramdown heading attributes leave the text; the id is the section's anchor."""
    doc = load(f"{heading}\n\nA sentence in this section says enough.\n")
    assert doc.blocks[0].text == text
    assert [s.anchor for s in doc.sentences] == [anchor, anchor]


def test_anchors_on_a_chinese_istio_page() -> None:
    """No heading keeps its {#id}; sentences carry the id of their own section."""
    doc = loaded("istio-style-zh.md")
    assert not [s.text for s in doc.sentences if "{#" in s.text]
    headings = [s for s in doc.sentences if s.kind == "heading"]
    assert headings and all(s.anchor for s in headings)
    by_section = {s.section: s.anchor for s in headings}
    assert all(s.anchor == by_section.get(s.section) for s in doc.sentences if s.section in by_section)


def test_show_notes_are_furniture_and_the_transcript_is_not() -> None:
    """Bios, link lists and "Where can you find us next?" are marked; the transcript opens with the
    shortcode's own words, in a part of its own, and is the post's prose."""
    doc = loaded("gcp-style-podcast.md")
    kinds = {s.furniture for s in doc.sentences}
    assert {"bio", "navigation"} <= kinds
    assert any(s.furniture == "bio" and "principal engineer" in s.text for s in doc.sentences)
    assert all(s.furniture for s in doc.sentences if s.text.endswith((" blog", " site", " docs", " video")))
    opening = next(s for s in doc.sentences if "welcome to episode number 412" in s.text)
    assert opening.speaker == "NADIA" and opening.furniture is None and "[MUSIC" not in opening.text
    spoken = [s for s in doc.sentences if s.speaker]
    assert spoken and all(s.furniture is None for s in spoken)
    assert opening.section > max(s.section for s in doc.sentences if s.furniture)


def test_a_transcript_heading_ends_the_show_notes_and_stamped_turns_keep_speaker_and_time() -> None:
    """A "## Transcript" heading is no label line to drop: it ends the "Where can you find us next?" links, and the
    turns after it ("[00:00:04] Ada: …", "[00:00:11] **Rory:** …") are speakers' words with their clock times."""
    text = (
        "Ada and Rory talk with Kim Lee about group scheduling.\n\n##### Where can you find us next?\n\n"
        "Ada will be at Platform Days in February.\n\n## Transcript\n\n"
        "[00:00:04] Ada: Hello and welcome to the show, I'm Ada.\n\n"
        "[00:00:11] **Rory:** And I'm Rory, and today we talk about scheduling.\n\n"
        "[01:02:03] Kim: A replica of a big model is a group of pods, so the group is what you schedule.\n\n"
        "(1:05:00) Ada: Thanks for coming on the show.\n"
    )
    doc = load(text, fmt="markdown")
    said = [s for s in doc.sentences if s.speaker]
    assert [s.speaker for s in said] == ["Ada", "Rory", "Kim", "Ada"]
    kim = next(s for s in said if s.speaker == "Kim")
    assert kim.text.startswith("A replica") and kim.time == 3723.0 and kim.furniture is None
    assert all(s.furniture is None and not s.text.startswith(("[", "(")) for s in said)
    assert next(s for s in doc.sentences if s.text.startswith("Ada will be")).furniture == "navigation"
    agenda = load("09:00 Registration: coffee and badges.\n\n10:00 Keynote: the state of the mesh.\n\n"
                  "11:00 Panel: platform teams.\n", fmt="markdown")
    assert not any(s.speaker for s in agenda.sentences)  # a bare clock time before a label is an agenda line


def test_a_speakers_turn_ends_a_bio_section_no_heading_closed() -> None:
    """"## 嘉宾介绍" then a rule then the dialogue: the guest's bio is furniture, the turns after it are not."""
    text = (
        "## 嘉宾介绍\n\n**沈嘉禾**，青梧科技基础架构组负责人，做了八年 DBA，后来转做平台。\n\n---\n\n"
        "**老周**：欢迎收听云原生夜话，我是老周。今天聊数据库连接池。\n\n"
        "**沈嘉禾**：连接数是 HPA 扩容之后最先撞上的上限，每个 Pod 的池子乘上副本数就是总数。\n\n"
        "**老周**：那你们后来怎么做的？\n"
    )
    doc = load(text, fmt="markdown")
    bio = next(s for s in doc.sentences if "八年 DBA" in s.text)
    assert bio.furniture == "bio"
    turns = [s for s in doc.sentences if s.speaker]
    assert len(turns) >= 3 and all(s.furniture is None for s in turns)


def test_furniture_never_becomes_a_takeaway_or_a_card() -> None:
    """Neither takeaways nor cards quote a bio, a link title or navigation."""
    import summarize
    from summarize.quiz import quiz

    for name in ("gcp-style-podcast.md", "podcast-plain-transcript.txt"):
        doc = loaded(name)
        furniture = {s.id for s in doc.sentences if s.furniture}
        summary = summarize.summarize(doc)
        assert not furniture & {i for t in summary.takeaways for i in t.sentence_ids}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cards = quiz(SITES / name, max_cards=50)
        assert not furniture & {i for c in cards for i in c.sentence_ids}


def test_link_only_items_and_labelled_links() -> None:
    """A list item that is a link's title ("Foo [blog](…)") or a "PR: <url>" line is furniture; a sentence with
    a link in it is not."""
    src = (
        "- Introducing private pools [blog](https://example.com/a)\n"
        "- [Profiling at scale](https://example.com/b)\n"
        "- We moved to [Envoy](https://envoyproxy.io) because its hot restart kept connections open.\n\n"
        "PR: https://github.com/example/repo/pull/1\n"
    )
    doc = read_text(src, fmt="markdown")
    assert [b.furniture for b in doc.blocks] == ["links", "links", None, "links"]


def test_figure_captions_are_furniture() -> None:
    """The unterminated line right under an image and a "<center>" line are a figure's caption: furniture. A
    sentence that ends with a full stop under an image, and the prose around, are the post's own."""
    src = (
        "在 ambient 模式中启用 L7 功能后，应用之间的流量路径如下图所示：\n"
        "![](/img/app-in-ambient-l7.png)\n"
        "启用 waypoint L7 处理后的应用流量路径\n\n"
        "![](/img/multi-network.png)\n"
        "<center>The solution for multiple network interfaces</center>\n"
        "A pull request has already been submitted to fix it.\n\n"
        "![](/img/x.png)\n"
        "Envoy rejects the listener when two of them share a port.\n"
    )
    doc = read_text(src, fmt="markdown")
    marked = [(b.text, b.furniture) for b in doc.blocks]
    assert marked == [
        ("在 ambient 模式中启用 L7 功能后，应用之间的流量路径如下图所示：", None),
        ("启用 waypoint L7 处理后的应用流量路径", "caption"),
        ("The solution for multiple network interfaces", "caption"),
        ("A pull request has already been submitted to fix it.", None),
        ("Envoy rejects the listener when two of them share a port.", None),
    ]


def test_a_full_stop_typed_after_bold_is_not_doubled() -> None:
    """"**… individually.**. In the …" reads as two sentences, not one glued by "..": the second stop goes."""
    src = "- **Microservices empower you to manage services individually.**. In most installations one team runs it.\n"
    doc = read_text(src, fmt="markdown")
    assert doc.blocks[0].text == "Microservices empower you to manage services individually. In most installations one team runs it."


def test_translation_notes_and_source_lines() -> None:
    """"原文：<url>" lines are the post's source link (metadata); "译者按：" loses its label, not its note."""
    doc = loaded("tns-zh-translation.md")
    assert doc.meta["source_url"].startswith("https://thenewstack.io/")
    texts = [s.text for s in doc.sentences]
    assert not [t for t in texts if t.startswith(("原文：", "原文链接", "译者按", "> "))]
    assert any(t.startswith("本文是一篇关于软件供应链安全的入门文章") for t in texts)


def test_label_only_lines_and_notes() -> None:
    """"Transcript:" and "采访内容(待整理):" label what follows; "Editor's note:" labels its own content."""
    doc = read_text("Transcript:\n\n采访内容(待整理):\n\nEditor's note: the figures are from March.\n", fmt="text")
    assert [b.text for b in doc.blocks] == ["the figures are from March."]


def test_a_paragraph_that_is_one_bracketed_note_loses_label_and_bracket() -> None:
    """"【译注：…】" on its own is a note: its content stays, without "【译注：" and without the closing "】"."""
    doc = read_text("正文第一段。\n\n【译注：我们内部把阈值设为 1 GB，避免小集群频繁提示。】\n", fmt="text")
    assert [b.text for b in doc.blocks][-1] == "我们内部把阈值设为 1 GB，避免小集群频繁提示。"
    doc = read_text("正文第一段。\n\n【译注：见【附录】。】\n", fmt="text")  # a bracket inside: left as written
    assert [b.text for b in doc.blocks][-1] == "见【附录】。】"


def test_sentences_jsonl_has_anchor_and_furniture(capsys: pytest.CaptureFixture[str]) -> None:
    """`summarize sentences --format jsonl` adds `anchor` and `furniture`; earlier keys are unchanged."""
    from summarize.cli import main

    assert main(["sentences", str(SITES / "gateway-api-explainer.md"), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"id", "text", "clean", "lang", "kind", "line", "section", "speaker", "time", "block", "start", "end",
            "boundary", "anchor", "furniture"} <= set(rows[0])
    assert "design" in {r["anchor"] for r in rows}


# ------------------------------------------------------------------------------------------ language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Istio 对 Envoy Stats 的扩展", "zh"),
        ("LDS 更新CDS/EDS相应的Listener。", "zh"),
        ("从K8S API Server中获取流量规则(K8S CRD Resource)", "zh"),
        ("Reflector 采用 K8s HTTP API List/Watch API Server 中指定的资源。", "zh"),
        ("TypeMeta - CRD 的 Group，Version 和 Kind", "zh"),
        ("Istio 已经在 1.7 中合入了该修复方案，参见 Allow users to delay application start until proxy is ready。", "zh"),
        ("We partnered with 阿里巴巴 on the rollout of the new gateway.", "en"),
        ("The Istio community in China (中国的社区) is growing fast.", "en"),
        ("作者 Envoy Gateway 社区：Jianpeng He (Tetrate), Guy Daich (SAP)", "zh"),
        ("Kubernetes is a container orchestrator.", "en"),
        ("服务网格是一个基础设施层。", "zh"),
    ],
)
def test_language_is_the_grammar_not_the_terms(text: str, lang: str) -> None:
    """A sentence with Chinese grammar is Chinese however many English terms it carries; an English sentence
    that names a Chinese company stays English."""
    assert guess_lang(text) == lang


@settings(max_examples=150, deadline=None)
@given(zh_grammar_sentence(), st.lists(st.sampled_from(PRODUCT_NAMES), min_size=1, max_size=8), st.data())
def test_inserting_english_names_never_changes_a_chinese_tag(sentence: str, names: list[str], data: st.DataObject) -> None:
    """Inserting English product names anywhere in a Chinese sentence (between its words, never inside a name
    inserted before) keeps it Chinese."""
    assert guess_lang(sentence) == "zh"
    text = sentence
    for name in names:
        free = [i for i in range(len(text) + 1) if not (text[i - 1 : i].isascii() and text[i : i + 1].isascii() and i not in (0, len(text)))]
        at = data.draw(st.sampled_from(free))
        text = f"{text[:at]} {name} {text[at:]}"
    assert guess_lang(text) == "zh"


def test_mixed_script_sentences_of_the_chinese_fixtures_are_chinese() -> None:
    """On the Chinese site fixtures, every sentence with hanzi is tagged Chinese (the English ones have none)."""
    for name in ("istio-style-zh.md", "zh-mixed-tech.md", "tns-zh-translation.md"):
        doc = loaded(name)
        assert doc.lang == "zh"
        assert not [s.text for s in doc.sentences if re.search(r"[\u4e00-\u9fff]", s.text) and s.lang != "zh"]
