"""Scorers by name. A scorer rates every sentence of a segmented Document; selection is separate.

Built-ins register themselves when ``summarize.score`` is imported, which the registry
itself does, so ``get_scorer`` never depends on what the caller happened to import first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import UnknownChoiceError
from ..model import Document

Scores = Mapping[int, float]
"""Sentence id → score; higher is better. Every candidate sentence is present."""


class Scorer(Protocol):
    def __call__(self, doc: Document) -> Scores: ...


def _no_redundancy(doc: Document) -> float:
    return 0.0


def _no_coverage(doc: Document) -> float:
    return 0.0


def _no_sentences(doc: Document) -> frozenset[int]:
    return frozenset()


def _no_anchors(doc: Document) -> Mapping[int, int]:
    return {}


def _no_confidence(doc: Document) -> Mapping[int, float]:
    return {}


SURE_TAKEAWAYS = 2
"""However unsure a scorer is, a summary keeps its best this many takeaways (unless the scorer says otherwise)."""


def _two_sure(doc: Document) -> int:
    return SURE_TAKEAWAYS


@dataclass(frozen=True, slots=True)
class Algorithm:
    name: str
    scorer: Scorer
    description: str
    reference: str = ""
    redundancy: Callable[[Document], float] = _no_redundancy
    """The MMR weight selection uses with this scorer: 0 keeps reference algorithms as published."""
    coverage: Callable[[Document], float] = _no_coverage
    """The concept-coverage weight selection uses with this scorer (``select(coverage=...)``)."""
    reserve: Callable[[Document], frozenset[int]] = _no_sentences
    """Sentences selection takes only when the others cannot fill the summary (``select(reserve=...)``)."""
    first: Callable[[Document], frozenset[int]] = _no_sentences
    """Sentences selection takes before any other (``select(first=...)``): the post's own numbered points."""
    reserve_upto: int | None = None
    """Reserve sentences fill a summary only up to this many sentences (``select(reserve_upto=...)``)."""
    anchors: Callable[[Document], Mapping[int, int]] = _no_anchors
    """Sentence id → the sentence before it that a takeaway prints with it (``build_summary(anchors=...)``)."""
    by_section: bool | str = True
    """Whether selection gives each section its best sentence before any section its second
    (``select(by_section=...)``; ``"numbered"``: only a post's numbered sections)."""
    confidence: Callable[[Document], Mapping[int, float]] = _no_confidence
    """Sentence id → how sure the scorer is that an editor keeps it (0–1); empty when it cannot say."""
    min_confidence: float = 0.0
    """By default, a chosen sentence past the best :attr:`sure` with a confidence under this is not printed
    (``select.drop_unsure``): fewer takeaways rather than weak ones."""
    sure: Callable[[Document], int] = _two_sure
    """How many of a summary's best-scored takeaways are printed however unsure (``drop_unsure(keep=...)``)."""

    def selection(self, doc: Document, max_words: int | None = None) -> dict[str, Any]:
        """The keywords ``select`` takes with this scorer on ``doc``: its MMR, coverage, reserve, first and section quota.

        Under a word budget (``max_words``) the sentences that would be printed with their anchor are
        reserve again: the budget counts the sentences chosen, and a pair would print words it never counted."""
        reserve = self.reserve(doc)
        if max_words is not None:
            reserve = frozenset(reserve) | frozenset(self.anchors(doc))
        return {"redundancy": self.redundancy(doc), "coverage": self.coverage(doc), "reserve": reserve,
                "first": self.first(doc), "reserve_upto": self.reserve_upto, "by_section": self.by_section}

    def pairs(self, doc: Document, max_words: int | None = None) -> Mapping[int, int]:
        """The anchors ``build_summary`` prints chosen sentences with; none under a word budget (see :meth:`selection`)."""
        return {} if max_words is not None else self.anchors(doc)


_REGISTRY: dict[str, Algorithm] = {}


def register(
    name: str,
    description: str,
    reference: str = "",
    redundancy: Callable[[Document], float] = _no_redundancy,
    coverage: Callable[[Document], float] = _no_coverage,
    reserve: Callable[[Document], frozenset[int]] = _no_sentences,
    first: Callable[[Document], frozenset[int]] = _no_sentences,
    reserve_upto: int | None = None,
    anchors: Callable[[Document], Mapping[int, int]] = _no_anchors,
    by_section: bool | str = True,
    confidence: Callable[[Document], Mapping[int, float]] = _no_confidence,
    min_confidence: float = 0.0,
    sure: Callable[[Document], int] = _two_sure,
) -> Callable[[Scorer], Scorer]:
    def deco(fn: Scorer) -> Scorer:
        if name in _REGISTRY:
            raise ValueError(f"summarizer {name!r} registered twice")
        _REGISTRY[name] = Algorithm(name, fn, description, reference, redundancy, coverage, reserve, first, reserve_upto,
                                    anchors, by_section, confidence, min_confidence, sure)
        return fn

    return deco


def algorithms() -> dict[str, Algorithm]:
    """Every registered algorithm, by name, in registration order."""
    _load_builtins()
    return dict(_REGISTRY)


def get_algorithm(name: str) -> Algorithm:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownChoiceError("--algorithm", name, _REGISTRY) from None


def get_scorer(name: str) -> Scorer:
    return get_algorithm(name).scorer


def _load_builtins() -> None:
    from . import builtin  # noqa: F401  (registers on first import)
