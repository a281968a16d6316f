"""The coverage measure of issue 13 (benchmarks/quiz_coverage.py) on small fake outputs: which takeaways a card
asks about, and what counts towards the long-post floor."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from conftest import bench_module


@pytest.fixture(scope="module")
def coverage() -> ModuleType:
    return bench_module("quiz_coverage")


def _card(question: str, answer: str, kind: str, ids: list[int]) -> dict:
    return {"question": question, "answer": answer, "type": kind, "sentence_ids": ids}


def test_a_takeaway_is_asked_when_a_card_shares_a_sentence(coverage: ModuleType) -> None:
    entry = {"takeaways": [{"sentence_ids": [3]}, {"sentence_ids": [7, 8]}, {"sentence_ids": [12]}],
             "cards": [_card("Q?", "A", "what", [8]), _card("Q2?", "A2", "why", [20, 21])]}
    assert coverage.asked_about(entry) == (1, 3)  # the pair [7, 8] is asked through 8; 3 and 12 are not
    assert coverage.asked_about({"takeaways": [], "cards": []}) == (0, 0)


def test_long_post_counts_only_judged_acceptable_non_cloze(coverage: ModuleType, tmp_path: Path) -> None:
    judged_mod = bench_module("judged")
    post = judged_mod.Post("seeds/a.txt", "written-en", "none", "en", tmp_path / "a.txt")
    cards = [_card("What is X?", "A Y.", "what", [1]), _card("Why Z?", "B.", "why", [2]),
             _card("{{c1::X}} is a Y.", "X", "cloze", [1]), _card("What is W?", "C.", "what", [3])]
    verdicts = {("seeds/a.txt", judged_mod.card_text("What is X?", "A Y.")): {"verdict": "acceptable"},
                ("seeds/a.txt", judged_mod.card_text("Why Z?", "B.")): {"verdict": "rejected"},
                ("seeds/a.txt", judged_mod.card_text("{{c1::X}} is a Y.", "X")): {"verdict": "acceptable"}}
    outputs = {"seeds/a.txt": {"takeaways": [{"sentence_ids": [1]}], "cards": cards}}
    long = coverage.tally([post], outputs, {"seeds/a.txt": 900}, verdicts)["long"]
    assert long == [{"key": "seeds/a.txt", "lang": "en", "words": 900, "non-cloze": 3, "acceptable": 1, "unjudged": 1,
                     "asked": 1, "takeaways": 1}]
    short = coverage.tally([post], outputs, {"seeds/a.txt": 799}, verdicts)
    assert short["long"] == [] and short["langs"]["en"]["cards"] == 4  # under 800 words: counted, not a long post


def test_cards_are_counted_by_where_the_post_comes_from(coverage: ModuleType) -> None:
    """Fresh pages are counted apart from the dev pages, so an empty quiz on unseen posts shows."""
    judged_mod = bench_module("judged")
    posts = [judged_mod.Post(k, "written-en", "own", "en", Path(k))
             for k in ("corpus-dev/a.md", "fixtures/unseen4/b.md", "fixtures/unseen4/c.md")]
    card = {"type": "what", "question": "What is X?", "answer": "A Y.", "sentence_ids": [0]}
    outputs = {"corpus-dev/a.md": {"takeaways": [], "cards": [card, card]},
               "fixtures/unseen4/b.md": {"takeaways": [], "cards": []},
               "fixtures/unseen4/c.md": {"takeaways": [], "cards": [card]}}
    sources = coverage.tally(posts, outputs, {}, {})["sources"]
    assert sources["corpus-dev"] == {"posts": 1, "cards": 2, "posts with none": 0}
    assert sources["fixtures/unseen4"] == {"posts": 2, "cards": 1, "posts with none": 1}
