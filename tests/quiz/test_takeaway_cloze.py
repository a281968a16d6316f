"""A cloze for each printed takeaway no other card asks about (summarize.quiz.takeaway)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize import load
from summarize.quiz import quiz
from summarize.quiz.checks import FALLBACK_PENALTY, _good_cloze
from summarize.quiz.context import Context
from summarize.quiz.engine import printed_takeaways
from summarize.quiz.packs import load_packs
from summarize.quiz.takeaway import TEMPLATES, _deleted, asked_figure, figures, release_change, takeaway_cards, uncovered

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In Kubernetes 1.28, a feature to add native support for sidecars was merged.", "en", ["1.28"]),
    ("A formal proposal for sidecar support was raised in 2019.", "en", ["2019"]),
    ("Checkout p99 fell from 480 ms to 120 ms after the change.", "en", ["120 ms", "480 ms"]),  # the result first
    ("Informers lower memory usage by about 40 percent on large clusters.", "en", ["40 percent"]),
    ("The 4% of calls crossed zones.", "en", ["4%"]),
    ("In Kubernetes 1.28, native sidecars were merged, closing out over 5 years of work.", "en", ["1.28", "5 years"]),  # the sign stays in view: a deletion ends on a digit
    ("Traffic moves from Layer 4 to Layer 7 proxies.", "en", []),  # a name's numeral, not a figure
    ("HTTP 2 multiplexes streams on 3 connections.", "en", []),  # and a small count is guessed
    ("The mesh speaks HTTP/2 and L4 only.", "en", []),  # glued to a name
    ("iptables 规则数量超过了 40 万条，一次同步需要接近 20 秒。", "zh", ["40 万", "20 秒"]),
    ("延迟从 900 ms 降到 120 ms。", "zh", ["120 ms", "900 ms"]),
])
def test_figures(text: str, lang: str, expected: list[str]) -> None:
    assert figures(text, lang) == expected


def _doc_and_ctx(body: str, lang: str = "en"):
    doc = load(f"---\ntitle: Portcullis notes\n---\n# Portcullis notes\n\n{body}\n".encode())
    ctx = Context.build(doc, load_packs(())[lang])
    return doc, ctx


def _ids(doc) -> list[int]:
    return [s.id for s in doc.sentences if s.kind != "heading"]


def test_a_takeaway_cloze_deletes_its_figure_or_a_term() -> None:
    doc, ctx = _doc_and_ctx(
        "In Portcullis 2.4, cold starts of the Gatehouse proxy dropped to 180 ms. "
        "The Gatehouse proxy reads routes from a RouteTable object. "
        "Operators pin the RouteTable object before every upgrade."
    )
    drafts = list(takeaway_cards(doc, ctx, "en", _ids(doc)))
    assert drafts[0].question == "In Portcullis 2.4, cold starts of the Gatehouse proxy dropped to {{c1::180 ms}}."
    assert all(d.template in TEMPLATES and d.type == "cloze" for d in drafts)
    # each term is asked once: the second sentence deletes RouteTable, the third has nothing new left to delete
    assert [d.answer for d in drafts] == ["180 ms", "RouteTable"]


@pytest.mark.parametrize(("text", "figure", "asked"), [
    ("In Kubernetes 1.28, a new feature to add native support for sidecars was merged.", "1.28", True),
    ("In Istio 1.5, control plane costs are dominated by a single feature.", "1.5", False),  # judged trivial
    ("On September 29, 2020 the stadium held 71,088 fans.", "2020", True),
    ("On September 29, 2020 the stadium held 71,088 fans.", "71,088", True),
    ("The new scheduler was 1.5 times faster.", "1.5 times", True),
    ("11 月 29 日（周六）下午，Meetup 第 9 期顺利举办。", "29", False),  # the day of a date, judged trivial
    ("11 月 29 日（周六）下午，Meetup 第 9 期顺利举办。", "11", False),
    ("On September 29, 2020 the stadium held 71,088 fans.", "29", False),
    ("The highest point lies at a height of 115.7 metres.", "115.7", True),  # a measure, not a release
    ("Victoria's highest temperature, of 48.8 °C, was recorded in Hopetoun.", "48.8", True),
])
def test_asked_figure(text: str, figure: str, asked: bool) -> None:
    assert asked_figure(text, figure) is asked


@pytest.mark.parametrize(("text", "figure", "changed"), [
    ("In Kubernetes 1.28, a new feature to add native support for sidecars was merged.", "1.28", True),
    ("In Istio 1.5, control plane costs are dominated by a single feature.", "1.5", False),  # judged trivial
    ("Istio 1.22 中新增了 ztunnel 的健康检查。", "1.22", True),
    ("Sidecar memory requests fell by roughly 60% in 1.2.", "60%", False),  # no release, and no figure of one's setup
])
def test_release_change(text: str, figure: str, changed: bool) -> None:
    assert release_change(text, figure) is changed


def test_no_takeaway_cloze_on_what_needs_the_post() -> None:
    doc, ctx = _doc_and_ctx(
        "We moved 140 services behind the Gatehouse proxy in 2023. "  # whose services? the authors' story
        "All 140 services now route through two shared Gatehouse proxies. "  # all of which services?
        "It cut p99 latency to 120 ms on the RouteTable path."  # "it" leans on the sentence before
    )
    assert list(takeaway_cards(doc, ctx, "en", _ids(doc))) == []


def test_no_takeaway_cloze_in_a_spoken_post() -> None:
    doc = load(FIXTURES / "posts" / "wasm-podcast.txt")
    ctx = Context.build(doc, load_packs(())["en"])
    assert list(takeaway_cards(doc, ctx, "en", _ids(doc))) == []


def test_uncovered_counts_a_takeaway_of_two_sentences_once() -> None:
    class Card:
        def __init__(self, ids: tuple[int, ...]) -> None:
            self.sentence_ids = ids

    assert uncovered([(1,), (4, 5), (8,)], [Card((5,))]) == [1, 8]  # type: ignore[list-item]


def test_the_quiz_asks_about_a_takeaway_once_and_ranks_it_last() -> None:
    """On a post of the judged set's fixtures: every takeaway cloze is of a takeaway no other card asks about,
    and scores below the post's other cards by at least what the penalty takes off."""
    path = FIXTURES / "unseen" / "zh-translation.md"
    doc = load(path)
    cards = quiz(doc)
    printed = printed_takeaways(doc, "zh")
    fallback = [c for c in cards if c.template in TEMPLATES]
    assert fallback, "the post's takeaway with a figure gets a card"
    for card in fallback:
        group = next(g for g in printed if set(g) & set(card.sentence_ids))
        others = [c for c in cards if c is not card and set(c.sentence_ids) & set(group)]
        assert others == []
        assert _good_cloze(card.question, card.answer, "zh")
        assert card.score < 1.0 - FALLBACK_PENALTY


_NAMES = st.sampled_from(["Gatehouse", "RouteTable", "Portcullis", "kube-proxy", "EnvoyFilter"])
_UNITS = st.sampled_from(["ms", "seconds", "percent", "GB", "days", ""])


@given(_NAMES, st.integers(10, 99_999), _UNITS, st.booleans())
def test_a_figure_deletion_is_whole_and_hidden(name: str, number: int, unit: str, twice: bool) -> None:
    """Whatever the figure, the card deletes every copy of it, whole, and leaves none in view."""
    figure = f"{number} {unit}".strip()
    text = f"In {name} 3.1, the proxy needs {figure} per node" + (f", and {figure} per cluster." if twice else ".")
    found = figures(text, "en")
    assert figure in found and (found[0] == figure or not unit)  # a measure before the release that frames it
    question = _deleted(text, figure, None, "en")  # type: ignore[arg-type]  # figures need no context
    assert question is not None
    assert re.findall(r"\{\{c1::(.+?)\}\}", question) == [figure] * (2 if twice else 1)
    assert _good_cloze(question, figure, "en")


def test_a_takeaway_the_gate_left_out_is_still_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A written post's takeaways selected but dropped by the summary's confidence gate get their cloze too (the
    keep model prints fewer lines than the quiz has points to ask); the printed ones still go first."""
    from summarize.quiz import engine

    doc, _ctx = _doc_and_ctx(
        "In Portcullis 2.4, cold starts of the Gatehouse proxy dropped to 180 ms. "
        "The Gatehouse proxy reads routes from a RouteTable object. "
        "Operators pin the RouteTable object before every upgrade."
    )
    selected = {i for group in engine.selected_takeaways(doc, "en") for i in group}
    monkeypatch.setattr(engine, "printed_points", lambda doc, lang: ())  # a summary that printed none of them
    cards = [c for c in quiz(doc) if c.template in TEMPLATES]
    assert [c.answer for c in cards] == ["180 ms", "RouteTable"]
    assert all(set(c.sentence_ids) <= selected for c in cards)


def test_no_takeaway_cloze_of_a_linked_title() -> None:
    """A newsletter's linked article, title and byline, states no fact: its sample size deleted was judged trivial."""
    doc, ctx = _doc_and_ctx("Measuring 1,000 cold starts on Gatehouse Serving, by Hiroshi Vantongeren at Tallgrass Data.")
    assert list(takeaway_cards(doc, ctx, "en", _ids(doc))) == []
    doc, ctx = _doc_and_ctx("Tallgrass Data measured 1,000 cold starts on Gatehouse Serving, by region.")
    assert [d.answer for d in takeaway_cards(doc, ctx, "en", _ids(doc))] == ["1,000"]


def test_no_takeaway_cloze_of_a_word_the_field_writes() -> None:
    """"from the {{c1::control plane}}", "{{c1::Pod}} 的最终 spec": judged trivial, so the packs list them as obvious."""
    doc, ctx = _doc_and_ctx(
        "Before 2.0, a Gatehouse agent fetched its workload certificate from the control plane. "
        "Portcullis runs the control plane on three nodes. Upgrades restart the control plane first."
    )
    assert [d.answer for d in takeaway_cards(doc, ctx, "en", _ids(doc)[:1])] == []
    doc, ctx = _doc_and_ctx("镜像地址在准入阶段被 Gatehouse 改写，Pod 的最终 spec 与提交的不同。排查时先对比 Pod 的注解。"
                            "改写规则写在 RouteTable 里。", "zh")
    assert "Pod" not in [d.answer for d in takeaway_cards(doc, ctx, "zh", _ids(doc)[:1])]
