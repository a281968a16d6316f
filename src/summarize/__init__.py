"""Offline, LLM-free summaries and quiz cards for technical writing in English and Chinese."""

from __future__ import annotations

__version__ = "0.1.0.dev0"
