"""Shared paths and fixtures. Data from ../shared is optional: tests that need it skip cleanly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
BENCH = ROOT / "benchmarks"


def bench_module(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module, once (benchmarks/ on sys.path for its ``_common``)."""
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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
