"""Subject cards: a key sentence whose subject is a name, asked back with the name as the answer.

"The gRPC project has significant support for the xDS APIs." → "Which project has significant
support for the xDS APIs?" (The gRPC project). The predicate is copied as the post wrote it, so
the question is as grammatical as the sentence: no inversion, no do-support to get wrong, which
is where most rejected question cards went wrong. The subject is found by the part-of-speech
tagger (a noun-phrase chunk at the start of the sentence with a proper noun in it, then a finite
verb). Only written posts: a transcript's subjects are "I", "we" and "you".

What makes a good one (each a check below): the sentence is one of the post's key sentences; the
subject names a thing, not a person of the post nor the post's own topic (every sentence could
say that, so the card would be guessed); the predicate stands alone and does not repeat the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Document
from .context import Context
from .draft import MAX_TEMPLATE_CHARS, Draft
from .strict import obvious_term, stands_alone

TEMPLATE_ID = "what-subject"
CONFIDENCE = 0.6
_FINITE = frozenset({"VBZ", "VBD", "MD"})
_PROPER = frozenset({"NNP", "NNPS"})
_MAX_PREDICATE_WORDS = 20
_PRESUPPOSING_RE = re.compile(
    r"\b(?:even|similar(?:ly)?|the same|also|too|as well|again|another|other|instead|still|either|likewise|both)\b", re.IGNORECASE
)


def subject_cards(doc: Document, ctx: Context, lang: str, ranked: Sequence[int] | None = None) -> Iterator[Draft]:
    """One "What/Which … ?" card per key English sentence that opens with a named subject (see the module)."""
    if lang != "en" or not ctx.sentence_scores:
        return
    from ..score.takeaways import register_of

    if register_of(doc) == "spoken":
        return
    from ..segment.pos import tag_sentence
    from .cloze import _people, _person_like

    people = ctx.people if ctx.people is not None else _people(doc)
    ctx.people = people
    scores = ctx.sentence_scores
    if ranked is None:
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
    ranked = [i for i in ranked if doc.sentences[i].lang == "en"]
    common = ctx.pack.cues.get("obvious", ())
    asked: set[str] = set()
    most_named = _most_named(doc)
    for i in ranked[: max(6, sum(doc.sentences[i].lang == "en" for i in scores) // 3)]:
        text = doc.sentences[i].clean.strip()
        if len(text) > MAX_TEMPLATE_CHARS or not re.search(r"[.!]$", text):
            continue
        tagged = tag_sentence(text)
        end = _subject_end(tagged)
        if end is None:
            continue
        start = 0
        subject_tags = [t for _, t in tagged[start:end]]
        if subject_tags[0] in ("PRP$", "WP$"):
            continue  # "Your gRPC service …": whose?
        subject = _span(text, [w for w, _ in tagged[start:end]])
        if subject is None:
            continue
        name = re.sub(r"^(?:The|A|An)\s+", "", subject)
        if (_person_like(name, people) or obvious_term(name, doc, ctx.topic, common) or re.search(r"\d", name)
                or name in most_named):
            # a release ("Istio 1.11 adds …") is asked by the version template
            continue
        predicate = text[text.find(subject) + len(subject) :].strip().rstrip(".!").strip()
        words = predicate.split()
        if not 3 <= len(words) <= _MAX_PREDICATE_WORDS or not stands_alone(f"{subject} {predicate}.", "en", named_subject=True):
            continue
        if name.casefold() in predicate.casefold() or name.casefold() in asked:
            continue  # the name again in the question gives it away; one card per name
        if _PRESUPPOSING_RE.search(predicate):
            continue  # "… defines Network Service in a similar way": similar to what?
        head, head_tag = tagged[end - 1]
        if subject.startswith("The ") and head_tag == "NN" and head.islower() and end > 2:
            question = f"Which {head} {predicate}?"  # "The gRPC project has …" → "Which project has …?"
        elif head_tag == "NNPS" or head_tag == "NNS":
            continue  # a plural name would need "What are …", and the verb would disagree
        else:
            question = f"What {predicate}?"
        asked.add(name.casefold())
        yield Draft("what", TEMPLATE_ID, question, subject, (i,), CONFIDENCE)


def _span(text: str, words: list[str]) -> str | None:
    """The subject as the sentence spells it (the tokenizer splits "Istio's" into two tokens)."""
    pattern = r"\s*".join(re.escape(w) for w in words)
    m = re.match(pattern, text)
    return m.group(0) if m else None


_SUBJECT_TAGS = frozenset({"DT", "NN", "NNS", "NNP", "NNPS", "JJ", "CD", "POS", "PRP$"})


def _subject_end(tagged: list[tuple[str, str]], *, plural: bool = False) -> int | None:
    """Where a named subject ends: the index of the finite verb after a noun phrase at the sentence's start
    that names something (a proper noun, or a capitalised word after its first). The tagger often reads an
    unknown name's verb as a plural noun ("The Helix project issues …"), so an -s word the lexicon allows as a
    verb ends the subject too."""
    from ..segment.pos import word_classes

    for k, (word, tag) in enumerate(tagged):
        if k == 0:
            if tag not in _SUBJECT_TAGS:
                return None
            continue
        finite = tag in _FINITE or (tag in ("NNS", "VB", "VBP") and word.endswith("s") and "VERB" in word_classes(word.lower()))
        finite = finite or (plural and tag == "VBP" and tagged[k - 1][1] == "NNS")
        if finite and tag == "NNS" and k + 1 < len(tagged) and tagged[k + 1][1] in ("VBP", "VB", "MD"):
            continue  # "Gateway API resources report …": the -s word was the noun, the verb follows
        if finite and tag == "NNS" and _verb_later(tagged, k):
            continue  # "External API calls on a restart dropped …": the verb comes after the noun's phrase
        if finite and word[:1].isupper():
            continue  # "Gravelpit Networks runs …": a capitalised word mid-subject is part of a name, not its verb
        if (finite and word.endswith("s") and k + 1 < len(tagged) and tagged[k + 1][1] in ("VBD", "VBZ", "RB")
                and not tagged[k + 1][0].endswith("ly") and "VERB" in word_classes(tagged[k + 1][0].lower())):
            continue  # "Sidecar memory requests fell …": the tagger read the noun as the verb and the verb as an adverb
        if finite:
            named = any(t in _PROPER or (i > 0 and w[:1].isupper()) or re.search(r"[a-z][A-Z]|[A-Z]{2}|^[A-Z]\w*[-.]\w", w)
                        for i, (w, t) in enumerate(tagged[:k]))
            return k if named and tagged[k - 1][1] in ("NN", "NNS", "NNP", "NNPS", "CD") else None
        if tag not in _SUBJECT_TAGS or k > 6:
            return None
    return None


def _verb_later(tagged: list[tuple[str, str]], k: int) -> bool:
    """Whether a plural noun the lexicon allows as a verb ("calls") is followed by a preposition's phrase and then a
    past tense ("… on a restart dropped by 97%"): the later word is the sentence's verb, the -s word a noun."""
    from .english import verb_lemma, _lemminflect

    if k + 1 >= len(tagged) or tagged[k + 1][1] != "IN":
        return False
    for word, tag in tagged[k + 2 : k + 8]:
        if word in (",", ";", ":") or tag in ("VBZ", "VBP", "MD"):
            return False
        lemma = verb_lemma(word)
        if tag in ("VBD", "VBN") and lemma and word.lower() in _lemminflect().getInflection(lemma, "VBD"):
            return True
    return False


def _most_named(doc: Document) -> set[str]:
    """The names the post writes most often mid-sentence (at least 5 times and 80% as often as the first): its
    real subjects, whatever the title says (Kubernetes and Istio in a post on choosing an ingress for a mesh).
    A card answered by one is guessed ("What is doing a great job …?" → Istio)."""
    from collections import Counter

    counts = Counter(m for s in doc.sentences for m in re.findall(r"(?<=[a-z,;:]\s)([A-Z][\w.+-]+)", s.text))
    top = max(counts.values(), default=0)
    return {name for name, n in counts.items() if n >= 5 and n >= 0.8 * top}
