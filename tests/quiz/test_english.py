"""English question grammar: do-support, lemmas, inversion, and refusing what it cannot build."""

from __future__ import annotations

import pytest

from summarize.quiz.english import dangling, wh_question

NAMES = {"we": "the Istio project", "i": "Lin Sun"}


@pytest.mark.parametrize(
    ("clause", "question"),
    [
        ("Istio picked Envoy as its proxy", "Why did Istio pick Envoy as its proxy?"),
        ("Envoy was written in C++", "Why was Envoy written in C++?"),
        ("Thankfully, we, as a community, picked Envoy.", "Why did the Istio project pick Envoy?"),
        ("the Istio project made that choice", "Why did the Istio project make that choice?"),
        ("Google always likes to build everything by itself", "Why does Google always like to build everything by itself?"),
        ("Istio has a large community", "Why does Istio have a large community?"),
        ("The community has decided that automation was key", "Why has the community decided that automation was key?"),
        ("Most people use Helm", "Why do most people use Helm?"),
        ("We were able to ship on time", "Why was the Istio project able to ship on time?"),
    ],
)
def test_why_questions(clause: str, question: str) -> None:
    """Past, present and auxiliary clauses become grammatical why-questions."""
    assert wh_question("Why", clause, resolve=NAMES.get) == question


@pytest.mark.parametrize("clause", ["they picked Envoy", "and then what happened next", "It works"])
def test_unresolved_pronouns_give_no_question(clause: str) -> None:
    """A pronoun subject the context cannot name gives no card rather than a dangling one."""
    assert wh_question("Why", clause, resolve=lambda p: None) is None


@pytest.mark.parametrize(
    ("question", "is_dangling"),
    [
        ("Why did they pick Envoy?", True),
        ("Why did the project make that choice?", True),
        ("Why did that release cycle take so long?", True),
        ("What are your favorite features?", True),
        ("Why did Istio pick Envoy over Nginx?", False),
        ("Why is it said that Envoy is fast?", True),
    ],
)
def test_dangling(question: str, is_dangling: bool) -> None:
    """Questions that lean on context outside the card are recognised."""
    assert dangling(question) is is_dangling


@pytest.mark.parametrize(
    ("words", "mid_sentence"),
    [(["The", "CNCF"], "the CNCF"), (["The", "project"], "the project"), (["Our", "Istio", "team"], "our Istio team"),
     (["Matt", "Klein"], "Matt Klein"), (["Envoy"], "Envoy"), (["Users"], "users")],
)
def test_subject_reads_mid_sentence(words: list[str], mid_sentence: str) -> None:
    """A determiner is lowered even before a capitalised name ("How many … does the CNCF say …"); names stay."""
    from summarize.quiz.english import subject_text

    assert subject_text(words) == mid_sentence
