"""What a sentence means in its place: who "I" and "we" are, what "it" refers to, which turn it is in.

Cards must stand alone, so every pronoun in a question is either resolved here from the
sentences just before it or the card is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .._text import CJK_RE
from ..model import Document, Sentence
from ..score.bounded import scope
from .packs import Pack

_ORG_RE = re.compile(r"\b(?:the\s+)?((?:[A-Z][\w.+-]*\s+){1,3})(project|team|community|maintainers|foundation)\b")
_PERSON_RE = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\b")
_CAP_WORD_RE = re.compile(r"(?<=[a-z,;:]\s)([A-Z][\w.+-]+)")


def display_name(speaker: str) -> str:
    """"LIN SUN" → "Lin Sun"; names already in mixed case stay as they are."""
    return speaker.title() if speaker.isupper() else speaker


@dataclass
class Context:
    doc: Document
    pack: Pack
    proper_words: set[str] = field(default_factory=set)
    entity_class: dict[str, str] = field(default_factory=dict)
    turns: list[list[int]] = field(default_factory=list)
    turn_of: dict[int, int] = field(default_factory=dict)
    index_in_turn: dict[int, int] = field(default_factory=dict)
    topic: str | None = None
    _entity_cache: dict[int, list[str]] = field(default_factory=dict)
    key_terms: list[str] | None = None
    most_named: set[str] | None = None
    """The names the post writes most (casefolded), computed once when a predicate card needs them."""
    people: set[str] | None = None
    """The post's people (speakers, author), computed once when a check needs them."""
    sentence_scores: dict[int, float] = field(default_factory=dict)
    """The ``takeaways`` score of every candidate sentence: centrality for ranking answers and cloze."""
    takeaways: frozenset[int] = frozenset()
    """The sentences the default summary prints: cards are made from them first and ranked above others."""
    story: str | None = None
    """The post's subject from its title (:func:`summarize.quiz.topic.post_subject`), set when every card will carry
    it as its context line: a card may then lean on the story the line names ("the first restore drill")."""

    @classmethod
    def build(cls, doc: Document, pack: Pack) -> Context:
        ctx = cls(doc, pack)
        for name, members in pack.entities.items():
            for member in members:
                ctx.entity_class[member] = name
        # The post-wide measures (its proper words, its topic, how often a title word recurs) read the sentences
        # the takeaways scorer reads: all of them, or of a long input (score/bounded.py) its pool, so a quiz on a
        # caption file of a million cues does a long post's work here, as if the post were its pool.
        for s in scope(doc):
            ctx.proper_words.update(_CAP_WORD_RE.findall(s.text))
        ctx.proper_words.update(ctx.entity_class)
        ctx._build_turns()
        ctx.topic = ctx._topic()
        return ctx

    def _build_turns(self) -> None:
        """Consecutive sentences of one speaker (or one block, in written posts) form a turn."""
        current: list[int] = []
        key = None
        for s in self.doc.sentences:
            k = (s.speaker, s.lang) if s.speaker else ("block", s.block)
            if k != key and current:
                self.turns.append(current)
                current = []
            key = k
            current.append(s.id)
        if current:
            self.turns.append(current)
        for n, turn in enumerate(self.turns):
            for k, i in enumerate(turn):
                self.turn_of[i] = n
                self.index_in_turn[i] = k

    def _topic(self) -> str | None:
        """The post's main named subject: the entity its title names, else the most mentioned one."""
        title = self.doc.title or ""
        counts: Counter[str] = Counter()
        for s in scope(self.doc):
            for e in self.entities_of(s.id):
                counts[e] += 1
        if not counts:
            return None
        top = max(counts.values())
        in_title = [e for e in counts if e in title and counts[e] >= top / 2]
        pool = in_title or list(counts)
        return max(pool, key=lambda e: (counts[e], self.entity_class.get(e) == "mesh", e))

    def entities_in(self, text: str) -> list[str]:
        """The post's entities named in ``text``, in :attr:`entity_class` order. A name not even contained in the
        text (a substring test, in C) is not searched for: a caption file of 100,000 cues asked one regex per name
        per sentence, over three million searches before a single card."""
        found = []
        folded = text.lower() if text.isascii() else None
        for name in self.entity_class:
            if name.isupper():
                if name not in text:
                    continue
            elif folded is not None and name.isascii() and name.lower() not in folded:
                continue
            pattern = rf"(?<![\w.+-]){re.escape(name)}(?![\w+-])"
            if re.search(pattern, text, 0 if name.isupper() else re.IGNORECASE):
                found.append(name)
        return found

    def entities_of(self, sentence_id: int) -> list[str]:
        """Entities named in one sentence, computed once per sentence."""
        cached = self._entity_cache.get(sentence_id)
        if cached is None:
            cached = self._entity_cache[sentence_id] = self.entities_in(self.doc.sentences[sentence_id].text)
        return cached

    def proper(self, word: str) -> bool:
        return word.strip(",.") in self.proper_words

    def before(self, s: Sentence, n: int = 5) -> list[Sentence]:
        start = max(0, s.id - n)
        return [self.doc.sentences[i] for i in range(s.id - 1, start - 1, -1)]

    def _authors_elsewhere(self) -> bool:
        """Whether the post says its authors are not the project it is about: an author or attribution field
        that never names the topic ("Odalys Ferreira-Banks (Pellucid Insurance)" on istio.io). Their "we" is
        their company, so a card must not turn it into "the Istio project"."""
        names = " ".join(str(self.doc.meta.get(k) or "") for k in ("attribution", "author", "authors"))
        return bool(names.strip()) and bool(self.topic) and (self.topic or "").casefold() not in names.casefold()

    def _byline_team(self, s: Sentence) -> str | None:
        """Who "we" are by the post's byline (:func:`summarize.quiz.topic.authors_team`), in a written post: a
        speaker's "we" is the speaker's, whoever wrote the show notes."""
        from .topic import authors_team

        if s.speaker:
            return None
        return authors_team(dict(self.doc.meta))

    def resolve(self, s: Sentence, pronoun: str) -> str | None:
        """A name for ``pronoun`` as used in ``s``, or None when the text does not say."""
        p = pronoun.lower()
        if p in ("i", "我") and s.speaker:
            return display_name(s.speaker)
        if p in ("we", "我们"):
            found = [m for prev in [s, *self.before(s, 8)] for m in _ORG_RE.finditer(prev.text)]
            # The post's own project beats any other organisation named nearby ("we" at Istio, not Amalgam8).
            on_topic = [m for m in found if self.topic and self.topic in m.group(1)]
            if s.lang == "zh":
                mesh = self.topic and self.entity_class.get(self.topic) == "mesh" and not self._authors_elsewhere()
                return f"{self.topic} 团队" if mesh else self._byline_team(s)
            for m in on_topic or found:
                return f"the {m.group(1).strip()} {m.group(2)}"
            if self.topic and self.entity_class.get(self.topic) == "mesh" and not self._authors_elsewhere():
                return f"the {self.topic} project"
            return self._byline_team(s)
        if p in ("it", "they", "this", "that", "它", "他们"):
            at = re.search(rf"\b{p}\b", s.clean, re.IGNORECASE) if s.lang == "en" else None
            if at and len(s.clean[: at.start()].split()) > 3:
                # "The purpose of the Kubernetes network is …, so it has a simple design": the pronoun points back
                # into its own sentence, not to the last name of the sentences before ("Kubernetes").
                return None
            for prev in self.before(s, 3):
                ents = self.entities_of(prev.id)
                if ents:
                    return min(ents, key=lambda e: prev.text.lower().rfind(e.lower()) * -1)
            return None
        if p in ("he", "she", "他", "她"):
            for prev in self.before(s, 4):
                people = [m for m in _PERSON_RE.findall(prev.text) if m not in self.entity_class]
                if people:
                    return people[-1]
            return None
        return None

    def product(self) -> str | None:
        """The product the post is about: the first name in its title that the post writes at least three times
        (``topic`` is only the most mentioned entity of the pack, "Go" in a post on a Go program). A card about a
        common noun is asked with it ("What is a waypoint proxy in Istio?", "Istio 的控制面负责什么？")."""
        title = self.doc.title or ""
        chinese = CJK_RE.search(title) is not None
        for word in re.findall(r"[A-Z][\w.+-]*[\w+]", title):
            if (word in self.proper_words or word == self.topic or chinese) and sum(word in s.text for s in scope(self.doc)) >= 3:
                return word
        return None

    def names_main_subject(self, subject: str) -> bool:
        """Whether ``subject`` names what the post is about: its topic entity, a name its title gives, or one of
        the names it writes most (:func:`summarize.quiz.subject._most_named`)."""
        from .subject import _most_named

        bare = re.sub(r"^(?:The|A|An)\s+", "", subject)
        name = bare.casefold()
        title = (self.doc.title or "").casefold()
        if (self.topic and name == self.topic.casefold()) or (name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title)):
            return True
        if bare.isupper() and bare in _acronyms(self.doc.title or ""):
            return True  # "NSM" in a post titled "Network Service Mesh: …"
        if self.most_named is None:
            self.most_named = {n.casefold() for n in _most_named(self.doc)}
        return name in self.most_named

    def next_speaker(self, s: Sentence) -> str | None:
        turn = self.turn_of.get(s.id)
        if turn is None or turn + 1 >= len(self.turns):
            return None
        nxt = self.doc.sentences[self.turns[turn + 1][0]]
        return display_name(nxt.speaker) if nxt.speaker else None


def _acronyms(title: str) -> set[str]:
    """The initials of every run of two or more capitalised words in a title ("Network Service Mesh" → NSM)."""
    runs = re.findall(r"[A-Z][a-z]+(?:[\s-]+[A-Z][a-z]+)+", title)
    return {"".join(word[0] for word in re.split(r"[\s-]+", run)) for run in runs}
