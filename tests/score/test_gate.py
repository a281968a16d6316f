"""The pre-tests in front of the editor's slow regexes (score/_gate.py) exist for speed: they must never say
"cannot match" where the regex matches, on real text or on text built to hit the needles' edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPORA, FIXTURES
from summarize.score import _gate, editing, pairing, point_shapes, quality, shape, signals, standalone, takeaways

# Every rule of the editor's modules: the gated ones and the rest, so a gate that would be wrong for a rule
# edited tomorrow shows up here before anyone puts that rule behind one.
RULES = [
    (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value)
    for module in (quality, editing, standalone, point_shapes, takeaways, pairing, shape, signals)
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
]
GATED = {"quality._PROMO_RE", "quality._ABOUT_THE_EPISODE_RE", "quality._PROCEDURE_RE", "quality._CALL_TO_ACTION_RE",
         "standalone._LEANS_INSIDE_EN_RE", "point_shapes._POINT_EN_RE", "standalone._UNMENDABLE_EN_RE",
         "point_shapes._ANNOUNCES_A_LIST_RE"}


def _lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in (CORPORA, FIXTURES / "posts") for p in sorted(Path(folder).iterdir())
             if p.is_file()]
    return [line for text in texts for line in text.splitlines() if line.strip()]


def _tricky() -> list[str]:
    """Case folds re.IGNORECASE knows and str.lower() alone does not (ſ, ı, İ, the Kelvin sign), digits of
    other scripts, and each rule's own examples."""
    return ["ſubscribe to the show", "İn this episode", "thıs is why", "As ſhown below", "The KEY is", "We cut it by ３%",
            "It is worth 10x", "Nandan helps our listeners understand", "This week, Melanie and Mark learn about",
            "感谢某某公司的赞助", "本期节目由 X 赞助", "As you can see, the latency fell", "The platform team then spends",
            "Kubernetes should be boring.", "use code SAVE20", "Use code save20",
            "Ada and Rory talk with Tomasz Lindqvist of Hollowbrook Labs about LWS"]


def test_the_slow_rules_have_a_gate() -> None:
    for name, rule in RULES:
        if name in GATED:
            assert _gate.gate(rule) is not None, name


@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
def test_gate_never_hides_a_match(name: str, rule: re.Pattern[str]) -> None:
    passes = _gate.gate(rule)
    if passes is None:
        pytest.skip("no gate: the rule always runs")
    missed = [line for line in _lines() + _tricky()
              if not passes(_gate.fold(line), line) and rule.search(line) is not None]
    assert not missed, missed[:3]


def test_gate_rules_out_ordinary_sentences() -> None:
    """Not a gate that lets everything through: most lines of the corpus never reach the promotion rule."""
    passes = _gate.gate(quality._PROMO_RE)
    assert passes is not None
    lines = _lines()
    assert sum(passes(_gate.fold(line), line) for line in lines) < 0.5 * len(lines)


_PIECES = st.sampled_from(["please see", "over to you", "下一个议题", "take a look", "请参阅", "subscribe", "ſ", "ı", "İ", "K", "show", "episode", "this", "then", "that", " ", ",", "'", "’",
                           "the ", "we can see", "as shown", "below", "３", "7", "%", "ms", "should", "is a ", "tool",
                           "Our ", "listeners", "your host", "本期", "节目", "赞助", "感谢", "S", "E", "-", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20).map("".join))
def test_gate_never_hides_a_match_on_generated_text(text: str) -> None:
    for name, rule, passes in _GATES:
        if rule.search(text) is not None:
            assert passes(_gate.fold(text), text), (name, text)


_GATES = [(name, rule, _gate.gate(rule)) for name, rule in RULES if name in GATED]


def test_searcher_agrees_with_the_regex() -> None:
    search = _gate.searcher(point_shapes._POINT_EN_RE)
    for line in _lines()[:2000] + _tricky():
        assert search(line, _gate.fold(line)) == (point_shapes._POINT_EN_RE.search(line) is not None), line
