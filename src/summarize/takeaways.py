"""Chosen sentences to takeaways a reader sees: cleaned, capitalised, with where they came from."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

from .model import Document, Sentence


@dataclass(frozen=True, slots=True)
class Takeaway:
    text: str
    sentence_ids: tuple[int, ...]
    line: int
    time: float | None = None
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sentence_ids": list(self.sentence_ids),
            "line": self.line,
            "time": self.time,
            "speaker": self.speaker,
        }


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
        value = self.meta.get("date")
        return str(value) if value else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"source", "title", "lang", "algorithm", "takeaways": [...]}`` (plus ``date``)."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "lang": self.lang,
            "algorithm": self.algorithm,
            "takeaways": [t.to_dict() for t in self.takeaways],
        }

    def to_text(self) -> str:
        """One takeaway per line, nothing else."""
        return "".join(t.text + "\n" for t in self.takeaways)

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
        return "\n".join(lines) + "\n"


def format_time(seconds: float) -> str:
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _md_escape(text: str) -> str:
    """Keep a takeaway from turning into Markdown it never was (a list, a heading, emphasis)."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([#>+-])", r"\\\1", text))


# Openers that only link a sentence to the one before it. Not when they start a fixed phrase that carries
# meaning: "So far", "So-called", "Now that", "Right now", "Well-known", "Like Envoy, …".
_SO = r"so(?!\s+(?:far|much|many|long|called)\b|\s+that\b(?!['’]))"
_EN_OPENERS = re.compile(
    rf"^(?:(?:{_SO}|and|but|yeah|yes|well|now(?!\s+that\b)|oh|ok|okay|right(?!\s+now\b)|also|then|i mean|you know|"
    r"like(?=\s*,)|basically|actually|of course|sure|that is right|that's right|that's true|that is true|exactly|"
    r"absolutely|definitely)\b(?![-'’])[\s,]*)+",
    re.IGNORECASE,
)
# In writing, only a connective that leans on the sentence before: "But if annotations have become …".
_EN_CONNECTIVES = re.compile(
    rf"^(?:and|but(?!\s+for\b)|{_SO}|also(?!\s+known\b)|(?:however|still|plus|besides)(?=\s*,))\b(?![-'’/])[\s,]*",
    re.IGNORECASE,
)
# A list's ordinal marks where a point sits in the post, not what it says: "Second, we underestimated …",
# "Lesson one: start with …", "首先是资源占用：…", "第一，…".
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_EN_LIST_OPENERS = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|next|finally|lastly)(?:ly)?\s*,\s*"
    rf"|(?:lesson|step|tip|rule|mistake|takeaway|point|number)\s+(?:number\s+)?{_NUMBER_WORD}(?![.:]\d)\s*[:：.,–—-]\s*)",
    re.IGNORECASE,
)
# Only with its punctuation (or 是): "最后的结果" and "再次升级" are words, not list marks.
_ZH_LIST_OPENERS = re.compile(
    r"^(?:(?:首先|其次|最后)是|(?:首先|其次|再次|最后)(?:是|呢)?[，,、：:])\s*"
    r"|^第[一二三四五六七八九十]{1,3}(?:点|条|个(?:教训|经验|建议|原则|要点|坑|问题))?[，,、：:]\s*"
)
_ZH_OPENERS = re.compile(
    r"^(?:(?:所以|那么|然后|是的|好的|其实|就是|而且|总结一下|总的来说)[，,、：:\s]*"
    r"|(?:对|嗯|好|行|那)[，,、：:]+\s*|那(?=我|你|咱))+"
)


def polish(sentence: Sentence, spoken: bool, casing: Mapping[str, str] | None = None) -> str:
    """The sentence as a takeaway: its clean view, without spoken openers, capitalised, terminated.

    ``casing`` (from :func:`casing_for`) restores names in all-lowercase ASR text.
    """
    text = sentence.clean.strip()
    if casing and sentence.lang == "en" and not any(ch.isupper() for ch in text):
        text = truecase(text, casing)
    if spoken:
        stripped = (_ZH_OPENERS if sentence.lang == "zh" else _EN_OPENERS).sub("", text)
    else:
        stripped = _EN_CONNECTIVES.sub("", text) if sentence.lang == "en" else text
    if len(stripped) >= 0.5 * len(text):
        text = stripped
    unlisted = (_ZH_LIST_OPENERS if sentence.lang == "zh" else _EN_LIST_OPENERS).sub("", text)
    if len(unlisted) >= 4:  # "Lesson two: go slow." keeps "Go slow."
        text = unlisted
    text = re.sub(r"^[\s,，、;；:：\-–—]+", "", text)
    # A clause cut at a semicolon or comma ends with a full stop, not with both ("…规则；。").
    text = re.sub(r"[\s,，、;；:：\-–—]+$", "", text)
    if sentence.lang == "en":
        if text[:1].islower():
            text = text[0].upper() + text[1:]
        if not re.search(r"[.!?\"'”’)]$", text):
            text += "."
    elif not re.search(r"[。！？”’」』）)!?.]$", text):
        text += "。"
    return text


_WORD_RE = re.compile(r"[A-Za-z][\w.'/-]*")


@functools.cache
def _lexicon() -> dict[str, str]:
    from ._resources import data_lines

    return {form.lower(): form for form in data_lines("truecase.txt")}


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
    return casing


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
            text = re.sub(rf"(?<![\w.'-]){re.escape(phrase)}(?![\w'-])", casing[phrase], text)
    return text


def build_summary(doc: Document, ids: list[int], *, algorithm: str, lang: str) -> Summary:
    from .score.takeaways import register_of

    by_id = {s.id: s for s in doc.sentences}
    casing = casing_for(doc) if doc.spoken else None
    # A machine transcript pasted into a blog post is speech too ("And we started talking to Google."),
    # even without speaker labels: the register the scorer saw decides, not only the reader's flag.
    spoken_post = register_of(doc) == "spoken"  # "spoken" for every doc.spoken too
    takeaways = []
    for i in ids:
        s = by_id[i]
        spoken = spoken_post or s.clean != s.text
        takeaways.append(Takeaway(polish(s, spoken, casing), (s.id,), s.line, s.time, s.speaker))
    return Summary(doc.source, doc.title, lang, algorithm, tuple(takeaways), dict(doc.meta), doc)
