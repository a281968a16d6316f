"""The values passed between stages: frozen, slotted, and carrying provenance.

Identity is positional (a sentence is its ``id`` in the document), never textual, so two
identical sentences in one post stay two sentences.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Block kinds that hold prose and are cut into sentences. ``code`` and ``table`` are kept in
#: the document (exporters may show them) but never become sentences.
PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "quote", "caption"})
#: Input formats read as caption files (timed cues of speech); every stage that treats captions apart asks this.
CAPTION_FORMATS = ("vtt", "srt", "caption-dump", "timestamps")
BLOCK_KINDS = PROSE_KINDS | {"code", "table"}

#: What a prose block can be besides the post's own prose: page furniture an editor skips.
#: ``links`` a list of link titles (show notes, references); ``bio`` a person's biography (guest,
#: author); ``navigation`` a section that points elsewhere ("Where can you find us next?",
#: "Cool things of the week", "参考资料"); ``caption`` the line under a figure ("<center>…</center>", the
#: unterminated line right after an image). Readers mark them; scorers and the quiz engine leave them out.
FURNITURE = frozenset({"links", "bio", "navigation", "caption"})


class Marks(Sequence[tuple[int, Any]]):
    """(offset, value) pairs sorted by offset, held in two typed arrays instead of a tuple of tuples.

    A caption block holds one time mark and one line mark per cue: as tuples a 1M-cue file spent about
    220 bytes a cue on them (two tuples, their ints and float), here 24 (the two blocks of one caption run
    share their ``offsets``). It reads as the tuple of pairs it replaces (``len``, indexing, iteration,
    ``==`` with a tuple); ``offsets`` serves a bisection without a key function. Never mutated once built.
    """

    __slots__ = ("offsets", "values")

    def __init__(self, offsets: array[int], values: array[Any]) -> None:
        if len(offsets) != len(values):
            raise ValueError(f"marks need one value per offset, not {len(values)} for {len(offsets)}")
        self.offsets = offsets
        self.values = values

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Marks(self.offsets[index], self.values[index])
        return self.offsets[index], self.values[index]

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        return zip(self.offsets, self.values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Marks):
            return self.offsets == other.offsets and self.values == other.values
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Marks({tuple(self)!r})"


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of the source: a heading, a paragraph, a list item, a caption run.

    ``text`` is clean prose: markup, speaker labels and non-speech tags already removed.
    Offsets in ``line_marks`` and ``time_marks`` index into ``text``; they let a sentence
    cut from the middle of a block still name its own source line and caption time.
    """

    kind: str
    text: str
    line: int
    """1-based source line where the block starts."""
    end_line: int
    """1-based source line where the block ends (inclusive)."""
    level: int = 0
    """Heading level (1-6) or list nesting depth (1 = top level); 0 otherwise."""
    section: int = 0
    """Index of the heading section this block belongs to (0 before the first heading)."""
    speaker: str | None = None
    line_marks: Sequence[tuple[int, int]] = ()
    """(offset in ``text``, 1-based source line) pairs, sorted by offset: a tuple, or :class:`Marks`."""
    time_marks: Sequence[tuple[int, float]] = ()
    """(offset in ``text``, seconds from the start) pairs, sorted by offset: a tuple, or :class:`Marks`."""
    anchor: str | None = None
    """The link anchor of the block's section: the explicit id of its heading (``## Setup {#setup}``)."""
    furniture: str | None = None
    """One of :data:`FURNITURE` for page furniture, None for the post's own prose."""
    attrs: Mapping[str, Any] = field(default_factory=dict)
    """Where the block came from when markup said so: ``{"shortcode": "text", "args": "bash",
    "language": "bash"}`` for code in a Hugo shortcode, ``{"shortcode": "warning"}`` for prose inside one."""

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}; expected one of {sorted(BLOCK_KINDS)}")
        if self.furniture is not None and self.furniture not in FURNITURE:
            raise ValueError(f"unknown furniture {self.furniture!r}; expected one of {sorted(FURNITURE)}")
        object.__setattr__(self, "attrs", _frozen_mapping(self.attrs))
        if self.line < 1 or self.end_line < self.line:
            raise ValueError(f"bad line range {self.line}-{self.end_line} for a {self.kind} block")

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset``."""
        return _mark_at(self.line_marks, offset, self.line)

    def time_at(self, offset: int) -> float | None:
        """Caption time of the character at ``offset``, or None when the source has no times."""
        return _mark_at(self.time_marks, offset, None)


def _mark_at(marks: Sequence[tuple[int, Any]], offset: int, default: Any) -> Any:
    if not marks:
        return default
    if isinstance(marks, Marks):
        i = bisect_right(marks.offsets, offset) - 1
    else:
        i = bisect_right(marks, offset, key=lambda mark: mark[0]) - 1
    return marks[max(i, 0)][1]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, with where it came from.

    ``start``/``end`` index into the text of block ``block``; ``text`` is
    ``blocks[block].text[start:end]`` with soft line breaks undone (a space between words,
    nothing between hanzi). ``clean`` is the disfluency-free view used for
    spoken sources (equal to ``text`` elsewhere); ``text`` and the offsets stay as they were.
    """

    id: int
    text: str
    lang: str
    block: int
    start: int
    end: int
    line: int
    kind: str = "paragraph"
    section: int = 0
    speaker: str | None = None
    time: float | None = None
    clean: str = ""
    boundary: float | None = None
    """For a sentence cut out of unpunctuated speech by the boundary model: the model's confidence
    in its less certain end (log-odds over the cut threshold); None where the text's own
    punctuation or structure ended it."""
    anchor: str | None = None
    """The heading id of the sentence's section, when the post gives one (its link anchor)."""
    furniture: str | None = None
    """Set for page furniture (a link list, a bio, navigation): see :data:`FURNITURE`."""

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError(f"sentence {self.id} is empty")
        if self.lang not in ("en", "zh"):
            raise ValueError(f"sentence {self.id} has language {self.lang!r}; expected 'en' or 'zh'")
        if not self.clean:
            object.__setattr__(self, "clean", self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "clean": self.clean,
            "lang": self.lang,
            "kind": self.kind,
            "line": self.line,
            "section": self.section,
            "speaker": self.speaker,
            "time": self.time,
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "boundary": None if self.boundary is None else round(self.boundary, 3),
            "anchor": self.anchor,
            "furniture": self.furniture,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """A whole input, read and (after segmentation) cut into sentences."""

    source: str
    """Path of the file, or ``<stdin>`` / ``<text>``."""
    format: str
    """How it was read: markdown, srt, vtt, caption-dump, transcript or text."""
    blocks: tuple[Block, ...]
    title: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Front matter and header fields (date, author, tags, description, embeds …)."""
    spoken: bool = False
    """True for captions and transcripts: enables disfluency clean-up and ASR segmentation."""
    sentences: tuple[Sentence, ...] = ()
    lang: str | None = None
    """Main language of the document ('en' or 'zh'), set by segmentation."""
    source_chars: int = 0
    """Non-space characters in the decoded input: tells an empty file from one with only markup."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", _frozen_mapping(self.meta))
        object.__setattr__(self, "blocks", tuple(self.blocks))
        object.__setattr__(self, "sentences", tuple(self.sentences))


CARD_TYPES = ("why", "choice", "what", "who", "when", "how-many", "cloze", "interview")


@dataclass(frozen=True, slots=True)
class Card:
    """A question/answer card drawn from a post, with where its answer came from.

    ``id`` is stable across rebuilds: it hashes what identifies the card (the post, the
    template and the normalised question), never the answer, so an improved answer updates
    the card in Anki instead of adding a duplicate.
    """

    id: str
    type: str
    question: str
    answer: str
    sentence_ids: tuple[int, ...]
    source_text: str
    """The source sentence(s) the answer was taken from, as they read in the post."""
    line: int
    template: str
    lang: str
    source: str
    """Path of the post (or ``<stdin>``)."""
    title: str | None = None
    time: float | None = None
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    score: float = 0.0
    link: str | None = None
    """Where to read the card's source online: the post's URL, or its video at the caption's second."""
    context: str | None = None
    """The post's subject as a short phrase ("Trellis 0.9: bringing VMs at the edge into the mesh", "Karpenter"),
    shown with the question: a learner studies the card in a deck of thousands, away from the post."""

    def __post_init__(self) -> None:
        if self.type not in CARD_TYPES:
            raise ValueError(f"unknown card type {self.type!r}; expected one of {', '.join(CARD_TYPES)}")
        if not self.question.strip() or not self.answer.strip():
            raise ValueError(f"card {self.id} needs a question and an answer")
        object.__setattr__(self, "tags", tuple(self.tags))
        object.__setattr__(self, "sentence_ids", tuple(self.sentence_ids))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "question": self.question,
            "answer": self.answer,
            "source_text": self.source_text,
            "sentence_ids": list(self.sentence_ids),
            "line": self.line,
            "time": self.time,
            "speaker": self.speaker,
            "tags": list(self.tags),
            "title": self.title,
            "source": self.source,
            "template": self.template,
            "lang": self.lang,
            "score": self.score,
            "link": self.link,
            "context": self.context,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Card:
        """The inverse of :meth:`to_dict`; raises ``ValueError`` on a missing key or a bad type."""
        from . import _schema as s

        data = s.mapping(data, "a card")
        return cls(
            id=s.text(data, "id", limit=200), type=s.text(data, "type", limit=40),
            question=s.text(data, "question"), answer=s.text(data, "answer"),
            sentence_ids=s.integers(data, "sentence_ids"), source_text=s.text(data, "source_text"),
            line=s.integer(data, "line"), template=s.text(data, "template", limit=200),
            lang=s.text(data, "lang", limit=8), source=s.text(data, "source"),
            title=s.text(data, "title", optional=True), time=s.number(data, "time", optional=True),
            speaker=s.text(data, "speaker", optional=True), tags=s.texts(data, "tags", limit=200),
            score=s.number(data, "score", optional=True) or 0.0,
            link=s.http_url(data, "link"), context=s.text(data, "context", optional=True, limit=500),
        )
