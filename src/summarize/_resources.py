"""Heavy resources, loaded lazily, once, quietly, and never mutated after loading.

``import summarize`` must stay fast, so nothing here runs at import time; the first caller
pays (jieba's dictionary takes about a second), everyone after gets the cached object.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import os
import tempfile
import threading
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ResourceError

_lock = threading.Lock()


def data_text(name: str) -> str:
    """Text of a data file shipped in ``summarize/data``."""
    try:
        return resources.files("summarize").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise ResourceError(
            f"data file {name!r} is missing from the installed package ({e}); reinstall summarize"
        ) from None


def data_json_gz(name: str) -> Any:
    """A gzipped JSON data file shipped in ``summarize/data`` (trained weights), parsed."""
    try:
        raw = resources.files("summarize").joinpath("data", name).read_bytes()
        return json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as e:
        raise ResourceError(f"data file {name!r} is missing or damaged ({e}); reinstall summarize") from None


def data_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a shipped data file."""
    return [line.strip() for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]


def cache_dir() -> Path:
    """Where we may keep caches: $SUMMARIZE_CACHE_DIR, else the XDG user cache dir, else the temp dir."""
    env = os.environ.get("SUMMARIZE_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "summarize"
    try:
        base.mkdir(parents=True, exist_ok=True)
        if os.access(base, os.W_OK):
            return base
    except OSError:
        pass
    return Path(tempfile.gettempdir())


@functools.cache
def abbreviations() -> frozenset[str]:
    """Lowercase abbreviations (without the final period) after which a sentence never ends."""
    return frozenset(word for line in data_lines("en_abbreviations.txt") for word in line.split())


@functools.cache
def punkt() -> Any:
    """NLTK's Punkt sentence splitter on our own parameters: no nltk_data, no download."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types.update(abbreviations())
    return PunktSentenceTokenizer(params)


@functools.cache
def treebank() -> Any:
    from nltk.tokenize import TreebankWordTokenizer

    return TreebankWordTokenizer()


def jieba_tokenizer() -> Any:
    """Our own jieba Tokenizer (never the global ``jieba.dt``), with the domain-term dictionary."""
    with _lock:
        return _jieba_tokenizer()


@functools.cache
def _jieba_tokenizer() -> Any:
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which warns on new setuptools; not the user's concern.
        warnings.simplefilter("ignore")
        import jieba
    logging.getLogger("jieba").setLevel(logging.WARNING)  # jieba logs four DEBUG lines per load
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.cache_file = "jieba.summarize.cache"
    tokenizer.initialize()
    for entry in data_lines("zh_terms.txt"):
        word, *rest = entry.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def jieba_posseg() -> Any:
    """Part-of-speech tagging on top of our own Tokenizer (so our domain terms count as words)."""
    with _lock:
        return _jieba_posseg()


@functools.cache
def _jieba_posseg() -> Any:
    tokenizer = _jieba_tokenizer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer)
