"""Scoring: every algorithm rates every sentence it considers; ``summarize.select`` decides what to keep."""

from __future__ import annotations

from .registry import Algorithm, Scores, Scorer, algorithms, get_algorithm, get_scorer, register

__all__ = ["Algorithm", "Scores", "Scorer", "algorithms", "get_algorithm", "get_scorer", "register"]
