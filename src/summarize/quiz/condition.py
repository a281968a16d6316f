"""Condition cards: what a written post says happens when something holds.

A post's rule often comes as a condition and its consequence: "If an application container exits on purpose, the
proxy container keeps running and holds the pod open." No other generator asks it (the clause after the comma has
its own subject, so the point cards read the condition as a frame and stop). Asked back:

    What happens if an application container exits on purpose?
    The proxy container keeps running and holds the pod open.

A card is only made when both halves stand alone and state a rule, not the post's story:

1. the sentence opens with the condition ("If", "When", "Whenever", "Once", "As soon as"), which has a verb in the
   present tense or a modal ("Once a day, …" has none; "When deployment frequency went up, …" tells what happened);
2. the condition leans on no sentence before and names no one (no "this", "it", "we", "our", "you");
3. the consequence has a subject and a verb in the present tense or a modal: not an instruction ("If some still use
   the old clients, read step 6 first"), not the writer ("we", "I") nor the reader ("you can …", which is advice);
   its "it" or "they" is the condition's subject and is written out ("If the application container starts first,
   it cannot reach the network" → "The application container cannot reach the network.");
4. the question names a thing (a product, an identifier, a term the post defines), as the point cards' do.

Spoken posts get none: a speaker's "if" is as often a hypothetical as a rule. Every draft then passes the checks of
:mod:`.checks` like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .context import Context
from .draft import Draft

#: Template id (part of every card's stable id).
TEMPLATE = "point-what-happens"
#: Template confidence: a rule stated whole, asked by its own condition, is as sure as a point card's object.
CONFIDENCE = 0.56
_MAX_CONDITION_WORDS = 22
_MAX_ANSWER_WORDS = 30

_CONDITION_RE = re.compile(
    r"^(?P<lead>If|When|Whenever|Once|As soon as)\s+(?P<condition>[^,;:]{8,200}?),\s+(?P<result>[^;:]{8,}?)[.!]$"
)
# The condition points to a sentence before, or is the writers' own story ("If we …", "When our team …").
_LEANING_RE = re.compile(r"\b(?:we|our|us|i|my|me|you|your|he|she|his|her|they|their|them|it|its|this|these|those|that|such|the same|"
                         r"also|too|again|another|other|above|below|here|there|then|still|"
                         # "As soon as the first replacement is Ready, the second eviction goes through": which
                         # replacement? An ordinal of the post's own sequence of events
                         r"first|second|third|fourth|next|last|previous|former|latter)\b", re.IGNORECASE)
_FINITE_PRESENT = frozenset({"VBZ", "VBP", "MD"})
# The consequence's subject is the writer or the reader: advice or the post's story, not what happens.
_PERSONAL_SUBJECT_RE = re.compile(r"^(?:we|i|you|our|my|your|let's|there)\b", re.IGNORECASE)
_RESUMED_RE = re.compile(r"^(?P<pronoun>it|they)\s+(?=\w)", re.IGNORECASE)
_SUBJECT_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "VBG", "VBN"})


def condition_cards(ctx: Context, points: Sequence[tuple[tuple[int, ...], str]]) -> Iterator[Draft]:
    """A card for each of ``points`` ((sentence ids, text), best first) that states a condition and its consequence."""
    for ids, text in points:
        draft = condition_card(" ".join(text.split()), ids, ctx)
        if draft is not None:
            yield draft


def condition_card(text: str, ids: tuple[int, ...], ctx: Context) -> Draft | None:
    """The card of one sentence (see the module), or None."""
    from ..segment.pos import tag_sentence
    from .point_en import _names_a_thing

    m = _CONDITION_RE.match(text)
    if m is None or "?" in text:
        return None
    lead, condition, result = m.group("lead"), m.group("condition").strip(), m.group("result").strip()
    condition_tags = tag_sentence(condition)
    if (len(condition.split()) > _MAX_CONDITION_WORDS or _leans(condition_tags)
            or not any(t in _FINITE_PRESENT for _, t in condition_tags)):
        return None
    answer = _consequence(result, condition_tags)
    if answer is None:
        return None
    question = f"What happens {lead.lower()} {condition}?"
    if not _names_a_thing(question, ctx):
        return None
    return Draft("what", TEMPLATE, question, answer, ids, CONFIDENCE)


def _consequence(result: str, condition_tags: list[tuple[str, str]]) -> str | None:
    """The consequence as an answer that stands alone, or None when it is no statement of what happens."""
    from ..segment.pos import tag_sentence

    if _PERSONAL_SUBJECT_RE.match(result) or len(result.split()) > _MAX_ANSWER_WORDS:
        return None
    resumed = _RESUMED_RE.match(result)
    if resumed:
        subject = _subject(condition_tags)
        if subject is None or (resumed.group("pronoun").lower() == "they") != subject[1]:
            return None  # "it" of a plural subject, or of no subject the condition names
        result = subject[0] + " " + result[resumed.end():]
    tagged = tag_sentence(result)
    verb = next((n for n, (_, t) in enumerate(tagged) if t.startswith(("VB", "MD"))), None)
    # a subject (a noun phrase) first, then a verb in the present or a modal: not "read step 6", not "went up"
    if verb is None or verb == 0 or tagged[verb][1] not in _FINITE_PRESENT:
        return None
    if not all(t in _SUBJECT_TAGS or t == "RB" for _, t in tagged[:verb]) or not any(t.startswith("NN") for _, t in tagged[:verb]):
        return None
    if _leans(tagged[:verb]):
        return None
    answer = result[:1].upper() + result[1:]
    return answer if answer.endswith((".", "!")) else answer + "."


def _leans(tagged: list[tuple[str, str]]) -> bool:
    """Whether the words point to a sentence before or to the writers; "that" only as a demonstrative ("a secret that
    is rotated" is a relative clause)."""
    return any(_LEANING_RE.fullmatch(w) and not (w.lower() == "that" and t != "DT") for w, t in tagged)


def _subject(tagged: list[tuple[str, str]]) -> tuple[str, bool] | None:
    """The condition's subject (its words before the first verb, a noun phrase) and whether it is plural."""
    verb = next((n for n, (_, t) in enumerate(tagged) if t.startswith(("VB", "MD"))), None)
    if not verb or not all(t in _SUBJECT_TAGS for _, t in tagged[:verb]):
        return None
    nouns = [t for _, t in tagged[:verb] if t.startswith("NN")]
    if not nouns:
        return None
    words = [w for w, _ in tagged[:verb]]
    text = re.sub(r"\s+(?=['’]s\b)|(?<=\w)\s+(?=-)|(?<=-)\s+", "", " ".join(words))
    return text[:1].upper() + text[1:], nouns[-1] in ("NNS", "NNPS")
