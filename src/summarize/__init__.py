"""Offline, LLM-free summaries and quiz cards for technical writing in English and Chinese.

Usage::

    import summarize
    summary = summarize.summarize("post.md", n=5)   # a Summary
    print(summary.to_markdown())
    html = summarize.digest(["posts/"], n=3).to_html()   # many posts: see summarize.batch
    doc = summarize.load("post.md")                  # read + segment: a Document with .sentences
    for s in doc.sentences:
        print(s.line, s.lang, s.speaker, s.text)

Heavy dependencies (jieba, nltk, sumy) load on first use, never at import.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

logging.getLogger("summarize").addHandler(logging.NullHandler())

_LAZY = {
    "load": "pipeline",
    "summarize": "pipeline",
    "Summary": "takeaways",
    "Takeaway": "takeaways",
    "Document": "model",
    "Block": "model",
    "Sentence": "model",
    "SummarizeError": "errors",
    "digest": "batch",
    "summarize_many": "batch",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:
    from .batch import digest, summarize_many
    from .errors import SummarizeError
    from .model import Block, Document, Sentence
    from .pipeline import load, summarize
    from .takeaways import Summary, Takeaway


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
