"""Shared paths and fixtures. Data from ../shared is optional: tests that need it skip cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is optional)")
    return path


@pytest.fixture(scope="session")
def corpus_docs():
    """Every bundled corpus post, read and segmented once per session."""
    from summarize.pipeline import load

    return {p.name: load(p) for p in sorted(CORPORA.iterdir()) if p.suffix in (".md", ".txt") and p.name != "SOURCES.md"}
