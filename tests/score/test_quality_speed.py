"""The first-letter lookaheads in front of the promotion and call-to-action rules must never hide a match
(they exist for speed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    from re import _constants as sre_constants, _parser as sre_parse  # Python ≥ 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from conftest import CORPORA, FIXTURES
from summarize.score import quality

_LOOKAHEAD_RE = re.compile(r"^\(\?=\[([^\]]+)\]\)\(\?:(.*)\)$", re.S)


RULES = (quality._PROMO_RE, quality._CALL_TO_ACTION_RE)


def _split(rule: re.Pattern[str]) -> tuple[str, str]:
    m = _LOOKAHEAD_RE.match(rule.pattern)
    assert m, "the rule should be (?=[first letters])(?:alternatives)"
    return m.group(1), m.group(2)


def _first_chars(items) -> set[str]:
    """Every literal character a match of the parsed pattern ``items`` can start with (AT assertions skipped)."""
    for op, av in items:
        if op is sre_constants.AT:
            continue
        if op is sre_constants.LITERAL:
            return {chr(av)}
        if op is sre_constants.BRANCH:
            return set().union(*(_first_chars(branch) for branch in av[1]))
        if op is sre_constants.SUBPATTERN:
            return _first_chars(av[-1])
        raise AssertionError(f"an alternative of the rule starts with {op}: extend this test or the lookahead")
    raise AssertionError("an alternative of the rule can match the empty string")


@pytest.mark.parametrize("rule", RULES)
def test_lookahead_covers_every_alternative(rule: re.Pattern[str]) -> None:
    letters, body = _split(rule)
    starts = _first_chars(sre_parse.parse(body, re.IGNORECASE))
    assert {c.lower() for c in starts} <= set(letters)


@pytest.mark.parametrize("rule", RULES)
def test_same_matches_as_without_the_lookahead(rule: re.Pattern[str]) -> None:
    _, body = _split(rule)
    plain = re.compile(body, re.IGNORECASE)
    texts = [p.read_text(encoding="utf-8") for folder in (CORPORA, FIXTURES / "posts") for p in Path(folder).iterdir()]
    texts += ["Subscribe now!", "ſign up today", "BROUGHT TO YOU BY", "Use code SAVE20", "感谢某某公司的赞助",
              "İf you're new to this channel", "Hit the bell", "Our sponsor is great", "Please see the docs",
              "For more information, take a look", "We'd love contributions", "更多信息请访问官网"]
    for text in texts:
        for line in text.splitlines():
            found, expected = rule.search(line), plain.search(line)
            assert (found and found.span()) == (expected and expected.span()), line
