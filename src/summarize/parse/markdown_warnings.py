"""Warnings about Markdown that is broken but still readable."""

from __future__ import annotations

from ..errors import SummarizeWarning


class MarkdownWarning(SummarizeWarning):
    """Broken Markdown (an unclosed code fence …) read with a best guess; the message says which."""
