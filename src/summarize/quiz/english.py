"""English question grammar: turn a declarative clause into a wh-question.

"Istio picked Envoy as its proxy" → "Why did Istio pick Envoy as its proxy?"; "Envoy was
written in C++" → "Why was Envoy written in C++?". Verb forms come from lemminflect's
lexicon (no tagger data needed). A clause whose verb or subject cannot be found gives
None: no card is better than an ungrammatical one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

AUXILIARIES = frozenset(
    "is are was were am has have had can could will would should may might must does do did shall "
    "isn't aren't wasn't weren't hasn't haven't hadn't can't couldn't won't wouldn't shouldn't doesn't don't didn't".split()
)
SUBJECT_PRONOUNS = frozenset("i we you he she it they this that these those there".split())
_OPENERS_RE = re.compile(
    r"^(?:(?:so|and|but|well|now|also|then|thankfully|fortunately|unfortunately|basically|actually|honestly|"
    r"obviously|of course|in fact|however|for example|for instance|moreover|meanwhile|instead|still|"
    r"i think|i believe|i guess|i would say|i'd say|you know|to be (?:really )?(?:frank|honest)|according to [^,]{1,60},)"
    r"(?:\b|(?<=,))[\s,]*)+",
    re.IGNORECASE,
)
# ", as a community," / ", in 2016," between subject and verb: set off by commas, gone from the question.
_PARENTHETICAL_RE = re.compile(r",\s*[^,]{1,40},\s*")
_PRENOMINAL = frozenset(
    "the a an this that these those its their our my your his her first second third last next new old main "
    "early late other same whole entire".split()
)
_SINGULAR_S = frozenset("this its his hers was has does yes thus ours yours theirs news series always".split())
_PLURALS = frozenset("i we you they these those people children men women folks data both".split())
_LOWERCASE_STARTS = frozenset("the a an our their its my your his her this that these those some many most all each every".split())


@functools.cache
def _lemminflect() -> Any:
    import lemminflect

    return lemminflect


def verb_lemma(word: str) -> str | None:
    lemmas = _lemminflect().getAllLemmas(word.lower())
    verbs = lemmas.get("VERB") or lemmas.get("AUX")
    return verbs[0] if verbs else None


def tense_of(word: str, lemma: str) -> str | None:
    """VBD, VBZ or VBP when ``word`` is that finite form of ``lemma``; None for participles and others."""
    inflect = _lemminflect().getInflection
    w = word.lower()
    if w in inflect(lemma, "VBD"):
        # "made"/"picked" are past tense and participle alike; right after a subject, read as past tense.
        return "VBD"
    if w in inflect(lemma, "VBZ"):
        return "VBZ"
    if w == lemma:
        return "VBP"
    return None


def strip_openers(clause: str) -> str:
    return _OPENERS_RE.sub("", clause.strip()).strip(" ,")


def split_clause(clause: str) -> tuple[list[str], str, list[str], str] | None:
    """(subject words, verb, rest words, kind) where kind is 'aux' or the verb's tense tag."""
    clause = strip_openers(clause)
    clause = re.sub(r"[.!?;:]+$", "", clause).strip()
    words = clause.split()
    for i, raw in enumerate(words[:9]):
        w = raw.lower().strip(",")
        if i == 0:
            continue
        if raw.endswith(",") or raw[:1] in "(\"'":
            continue
        subject = words[:i]
        if raw[:1].isupper() and w not in AUXILIARIES:
            # "the United States", "Apollo Manned": a capitalised word inside the subject is a name, not a verb.
            if not _looks_like_subject(subject + [raw]):
                return None
            continue
        following = words[i + 1].lower().strip(",") if i + 1 < len(words) else ""
        if subject[-1].lower() in _PRENOMINAL and w not in AUXILIARIES:
            continue  # "the first manned flight": after "the first", "manned" describes, it does not act
        if any(s.endswith(",") for s in subject[:-1]) and len(subject) > 4:
            return None
        if w in AUXILIARIES:
            if w in ("has", "have", "had") and i + 1 < len(words):
                nxt = words[i + 1].lower()
                lemma = verb_lemma(nxt)
                if not (lemma and nxt in _lemminflect().getInflection(lemma, "VBN")):
                    return subject, w, words[i + 1 :], "VBZ" if w == "has" else ("VBD" if w == "had" else "VBP")
            return subject, w, words[i + 1 :], "aux"
        lemma = verb_lemma(w)
        if lemma and (following in AUXILIARIES or _is_finite_verb(following)) and w not in AUXILIARIES:
            # "Saudi Arabia and the other states joined": a verb-looking word followed by the real verb
            # is a noun in the subject.
            lemma = None
        if lemma:
            tag = tense_of(w, lemma)
            if tag == "VBP" and not _plural_subject(subject):
                tag = None  # "the Istio project made …": "project" is a noun here, not "they project"
            if tag and _looks_like_subject(subject):
                return subject, w, words[i + 1 :], tag
        if not _looks_like_subject(subject + [raw]):
            return None
    return None


def _is_finite_verb(word: str) -> bool:
    if not word or word in ("the", "a", "an", "to"):
        return False
    lemma = verb_lemma(word)
    if not lemma:
        return False
    lemmas = _lemminflect().getAllLemmas(word)
    return tense_of(word, lemma) in ("VBD", "VBZ") and "NOUN" not in lemmas and "ADJ" not in lemmas


def _plural_subject(words: list[str]) -> bool:
    raw = words[-1].strip(",")
    last = raw.lower()
    if last in _PLURALS:
        return True
    # "users", "teams" are plural; "this", "its", "Kubernetes", "status" are not.
    return raw[:1].islower() and last.endswith("s") and not last.endswith(("ss", "us", "is", "ts'")) and last not in _SINGULAR_S


def _looks_like_subject(words: list[str]) -> bool:
    if not words or len(words) > 7:
        return False
    first = words[0].lower()
    if len(words) == 1:
        return first in SUBJECT_PRONOUNS or words[0][:1].isupper() or first.isdigit()
    return first in _LOWERCASE_STARTS or words[0][:1].isupper() or first in SUBJECT_PRONOUNS


def subject_text(words: list[str], proper: Callable[[str], bool] | None = None) -> str:
    """The subject as it reads mid-sentence: "The community" → "the community", "Envoy" stays.

    Without a ``proper`` test from the post (which words it capitalises mid-sentence), only
    determiners and plural common nouns ("Users") are lowered: a capitalised singular word
    is more likely a name than not.
    """
    text = " ".join(words)
    first = words[0] if words else ""
    if not first[:1].isupper() or (first.isupper() and first not in ("A", "I")):
        return text
    lowered = first.lower()
    if proper is not None and proper(first):
        return text
    if lowered in _LOWERCASE_STARTS:
        return lowered + text[len(first) :]  # "The CNCF" → "the CNCF": a determiner, whatever follows
    if len(words) > 1 and words[1][:1].isupper():
        return text  # "Matt Klein", "Red Hat": a run of capitalised words is a name
    lemmas = _lemminflect().getAllLemmas(lowered)
    plural_noun = "NOUN" in lemmas and lowered not in lemmas["NOUN"]
    common = proper is not None and bool(lemmas)
    if lowered in _LOWERCASE_STARTS or plural_noun or common:
        return lowered + text[len(first) :]
    return text


def wh_question(
    wh: str,
    clause: str,
    *,
    resolve: Callable[[str], str | None] = lambda pronoun: None,
    drop_words: tuple[str, ...] = (),
    proper: Callable[[str], bool] | None = None,
) -> str | None:
    """``wh`` + the inverted clause ("Why did Istio pick Envoy?"), or None when it cannot be built.

    ``resolve`` maps a pronoun subject ("we", "it") to a name, or None to give up. ``drop_words``
    are removed from the rest of the clause (the answer, for when/how-many questions).
    """
    clause = _PARENTHETICAL_RE.sub(" ", strip_openers(clause), count=1) if clause.count(",") >= 2 else strip_openers(clause)
    parts = split_clause(clause)
    if parts is None:
        return None
    subject, verb, rest, kind = parts
    if subject[0].lower() in ("what", "who", "which", "how", "why", "when", "where"):
        return None
    named_subject = False
    if len(subject) == 1 and subject[0].lower() in SUBJECT_PRONOUNS:
        named = resolve(subject[0].lower())
        named_subject = True
        if not named:
            return None
        subject = named.split()
        if kind == "VBP" and subject[0].lower() not in ("we", "they", "i", "you"):
            kind = "VBZ"
        verb = _agree(verb, subject)
    rest_text = " ".join(w for w in rest if w not in drop_words).strip(" ,")
    subj = subject_text(subject, proper) if not named_subject else " ".join(subject)
    if kind == "aux":
        body = f"{verb.lower()} {subj} {rest_text}"
    else:
        lemma = verb_lemma(verb) or verb
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[kind]
        body = f"{do} {subj} {lemma} {rest_text}"
    question = f"{wh} {' '.join(body.split())}".strip()
    question = re.sub(r"[\s,;:]+$", "", question)
    return question + "?"


def _agree(verb: str, subject: list[str]) -> str:
    """Keep the auxiliary in agreement after a pronoun was replaced by a name ("we were" → "Istio was")."""
    plural = subject[-1].lower().endswith("s") and not subject[-1][:1].isupper()
    table = {"were": "was", "are": "is", "have": "has", "don't": "doesn't", "do": "does"}
    if not plural and verb.lower() in table:
        return table[verb.lower()]
    return verb


def dangling(question: str) -> bool:
    """A question that leans on context the card does not carry ("Why did they do that?")."""
    if re.match(r"^\w+(?:\s+\w+)?\s+(?:did|does|do|is|was|are|were|has|have|had|can|could|will|would)\s+(?:that|this|these|those)\b", question, re.IGNORECASE):
        return True  # "Why did that release cycle take so long?": the subject points outside the card
    for m in re.finditer(r"\b(?:that|this)\s+([a-z][\w-]*)", question, re.IGNORECASE):
        lemmas = _lemminflect().getAllLemmas(m.group(1).lower())
        if "NOUN" in lemmas and "VERB" not in lemmas and "AUX" not in lemmas:
            return True  # "that release cycle": a demonstrative pointing outside the card
    named = re.search(r"(?<=\s)(?:[A-Z][\w.+-]*|[\w.+-]*[A-Z][\w.+-]*)(?=[\s?])", question)
    if named and not re.search(r"\b(?:it|they|them|he|she|him|her|their|his|hers)\b", question[: named.start()], re.IGNORECASE):
        # "Why did Istio move several of its extensions …?": "its" after a name in the question points to it
        question = question[: named.end()] + re.sub(r"\bits\b", "", question[named.end() :])
    return bool(
        re.search(r"\b(?:it|they|them|he|she|him|her|its|their|his|hers|this|these|those)\b", question, re.IGNORECASE)
        or re.search(r"\bthat\b(?=\s*[?,.]|\s+(?:choice|decision|one|thing|project|feature|approach|way|idea|problem|issue|group|team)\b)", question, re.IGNORECASE)
        or re.search(r"\b(?:you|your|we|our|us|i|me|my)\b", question, re.IGNORECASE)
    )
