"""Precision checks and the card floor: what the judges rejected on pages no rule had seen.

Issue 13 puts precision first: five cards a learner keeps beat twenty to sift. Each check here names the
rubric reason the blind judges gave (``benchmarks/judgments/cards.jsonl``) and the shape of card it removes;
``benchmarks/card_precision.py`` counts, for every check, the judged-acceptable and judged-rejected cards it
takes away, so a check that starts to cost good cards shows in the "Card precision" section of
``docs/BENCHMARKS.md``.

**The card floor** is the quiz's counterpart of the takeaways' confidence gate ("past a post's best takeaway,
print only those the keep model gives at least the bound"): past a post's best :data:`SURE_CARDS` cards, a card prints
only when the ranker scores it at least :data:`CARD_FLOOR` (:func:`above_floor`). A post's best five stay (the ranked
deck a learner studies first); what lies beyond them must earn its place. The bound is under the score of every
judged-acceptable question card on the judged set but one (0.397, its post's only card, which the floor leaves alone)
and over every takeaway cloze's (their ranking penalty puts them at 0.17 to 0.38): a takeaway cloze fills a post's
first five cards, never a deck of twenty. On the judged set few posts have more than five cards, so the floor removed
one judged card there (an acceptable takeaway cloze ranked seventh); it bounds long, rich posts. A first try, a
cloze only of a printed takeaway, cost SQuAD and CMRC recall (the key-term cloze of other sentences recalled gold
answers) and was weak evidence on the judged set (acceptable 7 in 12 against 14 in 21), so it was left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from .draft import Draft

#: A post's best cards, printed whatever they score (the takeaways keep their best one the same way).
SURE_CARDS = 5
#: Past the best :data:`SURE_CARDS`, the least ranker score a card needs (see the module).
CARD_FLOOR = 0.40

_C = TypeVar("_C")

# "Why is every node replaced at least monthly …?", "Why can a module make outbound HTTP calls …?", "Why is an upgrade
# across two versions two upgrades?": a reason asked of a generic subject that names nothing ("a module", not "a GitLab
# runner") lets a stranger say neither whose nodes nor which modules (judged ambiguous 7 of 9 such cards on file; the
# two kept asked of "a runner" and "a client" of a ClusterIP).
_REASON_RE = re.compile(r"^(?:Why|How)\s+(?!many\b|much\b|long\b|often\b|far\b|big\b|large\b)\w+\s+(?P<body>.*)$")
_GENERIC_RE = re.compile(r"(?:a|an|any|every|each)\s", re.IGNORECASE)
# "Why does Shadow mode exist?" → "Afternoon.": a reason is a phrase with a noun and a verb or a modifier, not one word.
_ONE_WORD_RE = re.compile(r"^\W*[\w'-]+\W*$")
# "多集群的话，三个集群是一起做吗？" → "不是，一个集群一个集群来。": a bare yes or no is a reply to the host's words, not a
# fact (judged ambiguous); the English replies ("Yeah, …", "No, …") are caught for spoken posts in :mod:`.checks`.
_ZH_REPLY_RE = re.compile(r"^\W*(?:不是|是的|对的?|没有|不会|不用|嗯|当然)[，,。！!]")
# "What does Karpenter's consolidation replace?" → "Or removes nodes when …": an answer opening on a conjunction is
# the second half of a cut predicate (judged wrong-answer).
_CONJUNCTION_ANSWER_RE = re.compile(r"^\W*(?:or|and|but|nor)\b", re.IGNORECASE)
# "Why is GraphQL exciting?" → "The possibilities that it does.": an answer that ends on an auxiliary standing for a
# verb it never says points back at the question (judged wrong-answer).
_ELLIPTICAL_ANSWER_RE = re.compile(r"\b(?:it|they|we|you|he|she|that|which|this)\s+(?:does|do|did|is|are|was|were|can|could|"
                                   r"will|would|has|have|had)\W*$", re.IGNORECASE)
# "… turns each resource into a StatefulSet, a couple of Secrets, backups, and a DNS record": "X, a Y, Z, and W" lists
# items; it does not define X as Y ("What is StatefulSet?" → "A couple of Secrets, backups, and …", a fresh page).
_LIST_RE = re.compile(r",\s+(?:and|or)\s")
# "Once a {{c1::VM-hosted}} service …": a hyphenated participle is a modifier the rest of the sentence gives away, not
# a term (judged trivial).
_MODIFIER_RE = re.compile(r"^[\w.]+-(?:hosted|based|native|aware|driven|enabled|specific|level|wide|facing|managed|powered|"
                          r"backed|bound|scoped|only|free|ready|friendly|style)$", re.IGNORECASE)
# "between 08:12 and 08:59 {{c1::UTC}}": the zone of a timestamp is no fact to recall (judged trivial).
_TIME_ZONE_RE = re.compile(r"^(?:UTC|GMT|[ECMP][SD]T|CES?T|BST|IST|JST|CST|HKT|SGT)$")


def precision_fault(d: Draft, question: str, answer: str, lang: str, proper_words: set[str]) -> str | None:
    """The name of the first precision check the card fails, or None. See the module for each rule's verdicts."""
    if d.type == "cloze":
        if _MODIFIER_RE.match(answer):
            return "modifier-deleted"
        if _TIME_ZONE_RE.match(answer):
            return "time-zone-deleted"
        return None
    if _CONJUNCTION_ANSWER_RE.match(answer):
        return "conjunction-answer"
    if lang == "en" and _ELLIPTICAL_ANSWER_RE.search(answer):
        return "elliptical-answer"
    if d.template == "what-is-apposition" and _LIST_RE.search(answer):
        return "list-not-apposition"
    if lang == "zh":
        return "zh-yes-no-reply" if _ZH_REPLY_RE.match(answer) else None
    reason = _REASON_RE.match(question)
    if reason and d.type not in ("what", "who") and unnamed_generic_subject(reason.group("body"), proper_words):
        return "reason-names-nothing"
    if question.startswith("Why ") and _ONE_WORD_RE.match(answer):
        return "one-word-reason"
    return None


def unnamed_generic_subject(body: str, proper_words: set[str]) -> bool:
    """Whether a question's subject is generic ("a module", "every node", "a few well-written rules") with no name in
    it, up to its first common noun: "a GitLab runner" and "an Istio upgrade" are named. The tagger reads the nouns
    ("make" in "a module make outbound …" comes out a noun, so the subject ends at the first one)."""
    if not _GENERIC_RE.match(body):
        return False
    from ..segment.pos import tag_sentence

    for word, tag in tag_sentence(body)[1:]:
        if word in proper_words or word[:1].isupper() or re.search(r"[A-Z]{2}|[a-z][A-Z]|\d", word):
            return False
        if tag in ("NN", "NNS"):
            return True
    return True


def above_floor(ranked: Sequence[_C], score: Callable[[_C], float]) -> list[_C]:
    """``ranked`` (best first) without the cards past the first :data:`SURE_CARDS` that score under :data:`CARD_FLOOR`."""
    return [c for n, c in enumerate(ranked) if n < SURE_CARDS or score(c) >= CARD_FLOOR]
