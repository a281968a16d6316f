"""Condition cards: "What happens if …?" of a rule a written post states as a condition (summarize.quiz.condition)."""

from __future__ import annotations

import pytest

from summarize import load
from summarize.quiz import quiz
from summarize.quiz.condition import TEMPLATE, condition_card
from summarize.quiz.context import Context
from summarize.quiz.packs import load_packs


def _ctx() -> Context:
    doc = load(b"# Gatehouse notes\n\nThe Gatehouse proxy runs beside every Portcullis workload. Portcullis ships it.\n")
    return Context.build(doc, load_packs(())["en"])


@pytest.mark.parametrize(("text", "question", "answer"), [
    ("If the application container starts before the Gatehouse proxy, it cannot reach the network.",
     "What happens if the application container starts before the Gatehouse proxy?",
     "The application container cannot reach the network."),  # "it" is the condition's subject, written out
    ("Once any RouteTable is full, Portcullis rejects new routes to protect the proxies.",
     "What happens once any RouteTable is full?", "Portcullis rejects new routes to protect the proxies."),
    ("If a secret that is rotated upstream uses OnChange, Portcullis will not notice the rotation.",
     "What happens if a secret that is rotated upstream uses OnChange?", "Portcullis will not notice the rotation."),
])
def test_a_rule_stated_as_a_condition_is_asked_back(text: str, question: str, answer: str) -> None:
    draft = condition_card(text, (0,), _ctx())
    assert draft is not None and draft.template == TEMPLATE
    assert (draft.question, draft.answer) == (question, answer)


@pytest.mark.parametrize("text", [
    "If some workloads still use the old Gatehouse client, read step 6 before you delete anything.",  # an instruction
    "When Portcullis traffic went up 31%, the Gatehouse team split the RouteTable.",  # the post's story, past tense
    "If we pin the RouteTable, Portcullis skips the upgrade.",  # the writers
    "If you pin the RouteTable, Portcullis skips the upgrade.",  # the reader: a question with "you" leans on the post
    "If it is full, Portcullis rejects new routes.",  # "it" of a sentence before
    "As soon as the first replacement is Ready, the second eviction goes through.",  # the post's own sequence of events
    "If the node has no room, you can resize the Gatehouse pool.",  # advice, not what happens
    "Once a day, the latest RouteTable snapshot is copied to a second region.",  # a frequency, no condition
    "If the node is busy, the request waits.",  # names nothing: which node, which request?
])
def test_no_card_when_a_half_leans_on_the_post_or_is_no_rule(text: str) -> None:
    assert condition_card(text, (0,), _ctx()) is None


def test_the_quiz_asks_a_written_post_its_rule() -> None:
    """A written post's key sentence stated as a condition gets its card in the quiz."""
    doc = load(
        b"---\ntitle: Running the Gatehouse proxy\n---\n# Running the Gatehouse proxy\n\n"
        b"The Gatehouse proxy runs beside every Portcullis workload and carries all of its traffic. "
        b"If the application container starts before the Gatehouse proxy, it cannot reach the network. "
        b"Portcullis 2.4 starts the Gatehouse proxy as a native sidecar, so it is ready first.\n"
    )
    cards = [c for c in quiz(doc) if c.template == TEMPLATE]
    assert [(c.question, c.answer) for c in cards] == [
        ("What happens if the application container starts before the Gatehouse proxy?",
         "The application container cannot reach the network.")]
