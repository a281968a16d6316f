"""Chosen sentences to takeaways a reader sees: cleaned, capitalised, with where they came from."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._text import display_text
from .model import Document, Sentence

if TYPE_CHECKING:
    from .parse.metadata import PostMeta


@dataclass(frozen=True, slots=True)
class Takeaway:
    text: str
    sentence_ids: tuple[int, ...]
    line: int
    time: float | None = None
    speaker: str | None = None
    source_text: str | None = None
    """The sentence(s) as they read in the post, when ``text`` is not them verbatim (an editor's deletions:
    fillers, openers, hedges); None when it is."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "text": self.text,
            "sentence_ids": list(self.sentence_ids),
            "line": self.line,
            "time": self.time,
            "speaker": self.speaker,
        }
        if self.source_text is not None:
            out["source_text"] = self.source_text
        return out


@dataclass(frozen=True, slots=True)
class Summary:
    """A post's takeaways and the facts needed to show them (title, date, source)."""

    source: str
    title: str | None
    lang: str
    algorithm: str
    takeaways: tuple[Takeaway, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        object.__setattr__(self, "takeaways", tuple(self.takeaways))

    @property
    def date(self) -> str | None:
        """The date as written in the front matter (``date``, else ``publishDate``)."""
        value = self.meta.get("date") or self.meta.get("publishDate")
        return str(value) if value else None

    @property
    def metadata(self) -> PostMeta:
        """Authors, description, tags, categories, link, videos and dates, in one spelling
        (``metadata.published`` is a ``datetime``; None for an undated post)."""
        from .parse.metadata import post_meta

        return post_meta(self.meta)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"source", "title", "lang", "algorithm", "takeaways": [...]}`` (plus ``date``
        and ``metadata``: :meth:`PostMeta.to_dict <summarize.parse.metadata.PostMeta.to_dict>`)."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "lang": self.lang,
            "algorithm": self.algorithm,
            "takeaways": [t.to_dict() for t in self.takeaways],
            "metadata": self.metadata.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """The inverse of :meth:`to_dict` (without the Document); raises ``ValueError`` on any bad type.

        ``meta`` becomes the canonical spelling of ``metadata``, so ``from_dict(to_dict())`` round-trips.
        """
        from . import _schema as s
        from .parse.metadata import PostMeta

        data = s.mapping(data, "summary")
        lang = s.text(data, "lang", limit=8)
        if lang not in ("en", "zh"):
            raise s.SchemaError(f"'lang' is {lang!r}, not 'en' or 'zh'")
        takeaways = []
        for item in s.items(data, "takeaways"):
            t = s.mapping(item, "a takeaway")
            takeaways.append(Takeaway(s.text(t, "text"), s.integers(t, "sentence_ids"), s.integer(t, "line"),
                                      s.number(t, "time", optional=True), s.text(t, "speaker", optional=True),
                                      s.text(t, "source_text", optional=True)))
        if "metadata" in data:
            meta = PostMeta.from_dict(data["metadata"]).to_meta()
        else:
            date = s.text(data, "date", optional=True, limit=100)
            meta = {"date": date} if date else {}
        return cls(s.text(data, "source"), s.text(data, "title", optional=True), lang,
                   s.text(data, "algorithm", limit=100), tuple(takeaways), meta)

    def to_text(self) -> str:
        """One takeaway per line, nothing else."""
        return display_text("".join(t.text + "\n" for t in self.takeaways))

    def to_markdown(self) -> str:
        """Title, date and source, then "N key takeaways" as a numbered list."""
        # Without a title, the file's name heads the list; its full path follows on the facts line.
        name = self.source if self.source.startswith("<") else PurePath(self.source).name or self.source
        lines = [f"# {_md_escape(self.title or name)}", ""]
        facts = [f for f in (self.date, f"`{self.source}`" if self.source and not self.source.startswith("<") else "") if f]
        if facts:
            lines += [" · ".join(facts), ""]
        n = len(self.takeaways)
        heading = f"{n} 个关键要点" if self.lang == "zh" else f"{n} key takeaway{'s' if n != 1 else ''}"
        lines += [f"## {heading}", ""]
        for number, t in enumerate(self.takeaways, start=1):
            stamp = f" ({format_time(t.time)})" if t.time is not None else ""
            lines.append(f"{number}. {_md_escape(t.text)}{stamp}")
        return display_text("\n".join(lines) + "\n")


def format_time(seconds: float) -> str:
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _md_escape(text: str) -> str:
    """Keep a takeaway from turning into Markdown it never was (a list, a heading, emphasis)."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([#>+-])", r"\\\1", text))


def polish(sentence: Sentence, spoken: bool, casing: Mapping[str, str] | None = None) -> str:
    """The sentence as a takeaway (see :func:`summarize.score.editing.edit`: deletions only).

    ``casing`` (from :func:`casing_for`) restores names in all-lowercase ASR text.
    """
    from .score.editing import edit

    text = sentence.clean
    if casing and not any(ch.isupper() for ch in text):
        text = truecase(text, casing)  # Chinese captions too: "装 c n i" → "装 CNI"
    return edit(sentence, spoken, text)


_WORD_RE = re.compile(r"[A-Za-z][\w.'/-]*")


@functools.cache
def _lexicon() -> dict[str, str]:
    """Lower-case phrase → written form: the names of ``truecase.txt``, and the spellings speech recognisers give
    names (``asr_heard.txt``: "cube proxy" → kube-proxy, "n f tables" → nftables)."""
    from ._resources import data_lines

    casing = {form.lower(): form for form in data_lines("truecase.txt")}
    for line in data_lines("asr_heard.txt"):
        form, _, heard = line.partition("\t")
        for spelling in heard.split("|"):
            if spelling.strip():
                casing.setdefault(spelling.strip().lower(), form.strip())
    return casing


def casing_for(doc: Document) -> dict[str, str]:
    """Lower-case phrase → its written form: the shipped lexicon, then capitalised phrases of the post's
    own title and description ("Craig Box"), which name what its captions only say in lower case."""
    casing = dict(_lexicon())
    for field_value in (doc.title, doc.meta.get("description"), doc.meta.get("author")):
        if not isinstance(field_value, str):
            continue
        for m in re.finditer(r"\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)+", field_value):
            casing.setdefault(m.group(0).lower(), m.group(0))
        if field_value.isupper():
            continue  # a shouted title says nothing about how its words are spelled
        # Names spelled by their shape ("GitOps", "eBPF", "CD"), and an acronym with the capitalised word
        # before it ("Argo CD", "Gateway API"): a title-case run such as "Mistakes Everyone Makes With
        # Argo CD" never recurs whole.
        words = [w.strip(".,:;!?()\"'“”") for w in field_value.split()]
        for i, word in enumerate(words):
            if not _name_shaped(word):
                continue
            casing.setdefault(word.lower(), word)
            if i and word.isupper() and words[i - 1][:1].isupper() and words[i - 1].lower() not in _stop_words_en():
                phrase = f"{words[i - 1]} {word}"
                casing.setdefault(phrase.lower(), phrase)
    for form in list(casing.values()):
        for spelled in _spelled_out(form):
            casing.setdefault(spelled, form)
    return casing


def _spelled_out(form: str) -> list[str]:
    """How auto-captions write an acronym they hear letter by letter: "CNI" as "c n i", "eBPF" as "e b p f" or
    "e bpf", "mTLS" as "m tls". Only for names of three to six letters with two capitals or more: "i p" and "u i"
    are too often something else."""
    if not (form.isalpha() and form.isascii() and 3 <= len(form) <= 6 and sum(c.isupper() for c in form) >= 2):
        return []
    low = form.lower()
    variants = [" ".join(low)]
    parts = re.findall(r"[a-z]+|[A-Z]+(?![a-z])|[A-Z][a-z]*", form)
    # Split where an acronym or a single letter stands ("e bpf", "m tls", "g rpc"), never into two words ("ToDo",
    # "WeChat", "OnCall" would turn "to do", "we chat", "on call" into names).
    if len(parts) > 1 and all(len(p) == 1 or p.isupper() for p in parts):
        variants.append(" ".join(p.lower() for p in parts))
    return [v for v in variants if v != low]


def _stop_words_en() -> frozenset[str]:
    from .score.analysis import stop_words

    return stop_words("en")


def _name_shaped(word: str) -> bool:
    """Capitals past the first letter (GitOps, eBPF) or all capitals (CD, SLO), and not a common word."""
    if len(word) < 2 or not word.isalpha() or word.lower() in _stop_words_en():
        return False
    return word.isupper() or any(c.isupper() for c in word[1:])


def truecase(text: str, casing: Mapping[str, str]) -> str:
    """Apply ``casing`` to lower-case text, longest phrases first, on word boundaries only."""
    for phrase in sorted(casing, key=len, reverse=True):
        if phrase in text:
            # Latin word boundaries, so a name next to Chinese ("装c n i") is found too.
            text = re.sub(rf"(?<![A-Za-z0-9_.'/-]){re.escape(phrase)}(?![A-Za-z0-9_'/-])", casing[phrase], text)
    return text


def _verbatim(text: str, source: str) -> bool:
    """The same words as the source sentence: only a capital letter or a closing full stop added."""

    def bare(value: str) -> str:
        value = re.sub(r"[\s。.]+$", "", value.strip())
        return value[:1].lower() + value[1:]

    return bare(text) == bare(source)


def build_summary(
    doc: Document, ids: list[int], *, algorithm: str, lang: str, anchors: Mapping[int, int] | None = None
) -> Summary:
    """The Summary of the chosen sentences ``ids`` (document order). A sentence with an anchor (``anchors``:
    id → the sentence just before it that it leans on, see :mod:`summarize.score.pairing`) is printed after
    its anchor as one takeaway; when the anchor was chosen too, the two become that one takeaway."""
    from .score.takeaways import register_of

    by_id = {s.id: s for s in doc.sentences}
    anchors = anchors or {}
    casing = casing_for(doc) if doc.spoken else None
    # A machine transcript pasted into a blog post is speech too ("And we started talking to Google."),
    # even without speaker labels: the register the scorer saw decides, not only the reader's flag.
    spoken_post = register_of(doc) == "spoken"  # "spoken" for every doc.spoken too
    takeaways: list[Takeaway] = []
    for i in ids:
        parts = [by_id[anchors[i]], by_id[i]] if i in anchors else [by_id[i]]
        if len(parts) == 2 and takeaways and takeaways[-1].sentence_ids == (parts[0].id,):
            takeaways.pop()  # the anchor was chosen on its own as well: one takeaway says both
        texts = [polish(s, spoken_post or s.clean != s.text, casing) for s in parts]
        glue = "" if parts[0].lang == "zh" else " "
        text, source = glue.join(texts), glue.join(s.text for s in parts)
        first = parts[0]
        takeaways.append(Takeaway(text, tuple(s.id for s in parts), first.line, first.time, first.speaker,
                                  None if _verbatim(text, source) else source))
    return Summary(doc.source, doc.title, lang, algorithm, tuple(takeaways), dict(doc.meta), doc)
