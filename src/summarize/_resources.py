"""Heavy resources, loaded lazily, once, quietly, and never mutated after loading.

``import summarize`` must stay fast, so nothing here runs at import time; the first caller
pays, everyone after gets the cached object. A post loads only what its languages need: an
English post never imports jieba, a Chinese one never imports nltk (its English words are stemmed
by ``score.stem_en``); of nltk, Punkt and Treebank come in without nltk's package ``__init__``
(:func:`nltk_tokenizer_module`), the whole of it (for sumy) without SciPy (:func:`nltk_module`).
:func:`preload` loads it all at once.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import gzip
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import sys
import threading
import warnings
from importlib import resources
from pathlib import Path
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from .errors import ResourceError

_lock = threading.Lock()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a while, back on after (unless the caller had it off): for work that
    allocates hundreds of thousands of small objects that form no reference cycles (markdown-it's tokens), where
    the collector's passes over everything alive (the loaded models too) find nothing and cost 10-20% of the work
    (issue 16). Reference counting still frees what is dropped; a cycle made meanwhile waits for the next pass."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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


@functools.cache
def abbreviations() -> frozenset[str]:
    """Lowercase abbreviations (without the final period) after which a sentence never ends."""
    return frozenset(word for line in data_lines("en_abbreviations.txt") for word in line.split())


@functools.cache
def ambiguous_abbreviations() -> frozenset[str]:
    """Lowercase abbreviations that are also words or units ending many sentences ("no", "in", "ms", "min"):
    after one, a sentence ends unless a number or a lowercase word follows."""
    return frozenset(word for line in data_lines("en_abbreviations_ambiguous.txt") for word in line.split())


_nltk_lock = threading.Lock()


class _HideScipy(importlib.abc.MetaPathFinder):
    """A finder, first on ``sys.meta_path`` while it is installed, that makes ``import scipy`` (and
    every ``scipy.…``) fail with ``ModuleNotFoundError``, in the thread that installed it only."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if (name == "scipy" or name.startswith("scipy.")) and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"summarize hides {name} while it imports nltk", name=name)
        return None


def nltk_module(name: str) -> ModuleType:
    """``importlib.import_module(name)`` for a module of nltk (``"nltk.tokenize.punkt"``), without SciPy.

    Every nltk import of the package goes through here. ``import nltk`` runs ``nltk.collocations``,
    whose ``nltk.metrics.association`` tries ``from scipy.stats import fisher_exact`` (falling back
    to a stub when it fails): importing SciPy's statistics is two thirds of nltk's import (1.6 s of
    CPU against 0.5 s here) for a Fisher test we never call. So when neither nltk nor SciPy is
    imported yet, SciPy is hidden from this thread for the duration of the nltk import, then shown
    again: a later ``import scipy`` works as usual, from any thread.

    The side effect, for the rest of the process: nltk's modules keep what they bound at import, so
    ``BigramAssocMeasures.fisher`` (and the trigram and quadgram ones) raise ``NotImplementedError``,
    as on an install without SciPy; the other measures are unchanged. nltk's other SciPy imports
    already fail against SciPy 1.x (``scipy.stats.stats.betai``, ``norm.logsf``); only
    ``TransitionParser``'s SVM training, which also needs scikit-learn, would lose ``scipy.sparse``.
    A process that needs the Fisher measure imports nltk (or SciPy) itself first, and nothing is hidden.

    Threads: the finder hides SciPy only from the importing thread, so another thread's ``import
    scipy`` meanwhile is served normally (and then nltk, seeing SciPy, may bind the real Fisher
    test: harmless). ``_nltk_lock`` keeps two of our own loaders from installing finders at once.
    """
    with _nltk_lock:
        return _import_without_scipy(name)


def _import_without_scipy(name: str) -> ModuleType:
    finder = None
    if "nltk" not in sys.modules and "scipy" not in sys.modules:
        finder = _HideScipy()
        sys.meta_path.insert(0, finder)
    try:
        return importlib.import_module(name)
    finally:
        if finder is not None:
            sys.meta_path.remove(finder)


#: The packages whose ``__init__`` :func:`nltk_tokenizer_module` skips, and the folder of each inside nltk's.
_NLTK_PACKAGES = (("nltk", ""), ("nltk.tokenize", "tokenize"))


def nltk_tokenizer_module(name: str) -> ModuleType:
    """A module of ``nltk.tokenize`` (``"nltk.tokenize.punkt"``), loaded on its own when nltk is not imported yet.

    Why: ``import nltk`` runs nltk's package ``__init__``, which imports nearly all of nltk (parsers,
    classifiers, corpora readers, NumPy): 0.3-0.4 s of CPU, a quarter of summarizing a 160 KB transcript,
    for the two modules we use. Punkt and Treebank need only a dozen small modules (``nltk.probability``,
    ``nltk.redos``, ``nltk.tokenize.api`` …). So, while nltk is not imported, the two packages are put in
    ``sys.modules`` as empty stand-ins pointing at nltk's own folders, the module is imported (with its
    imports) under its real name, and then every ``nltk`` entry this added is taken out of ``sys.modules``
    again. We keep the module objects; a later ``import nltk`` anywhere in the process finds no trace and
    imports the whole real package as usual (its own copy of Punkt, SciPy not hidden).

    When nltk is already imported (the caller did, or a sumy scorer through :func:`nltk_module`), its own
    module is returned. The one caveat: another thread that imports nltk during the ~0.1 s this loader runs
    (once per process) would find the stand-in; such a program calls :func:`preload` first, or imports nltk.
    """
    with _nltk_lock:
        if "nltk" in sys.modules:
            return _import_without_scipy(name)
        spec = importlib.util.find_spec("nltk")
        if spec is None or not spec.submodule_search_locations:
            return _import_without_scipy(name)  # not a regular package: import it the ordinary way
        root = Path(next(iter(spec.submodule_search_locations)))
        before = set(sys.modules)
        for package, folder in _NLTK_PACKAGES:
            stand_in = ModuleType(package)
            stand_in.__path__ = [str(root / folder)]
            stand_in.__spec__ = importlib.machinery.ModuleSpec(package, None, is_package=True)
            stand_in.__spec__.submodule_search_locations = stand_in.__path__
            sys.modules[package] = stand_in
        try:
            return importlib.import_module(name)
        finally:
            for added in set(sys.modules) - before:
                if added == "nltk" or added.startswith("nltk."):
                    del sys.modules[added]
            for package, _ in _NLTK_PACKAGES:
                sys.modules.pop(package, None)


@functools.cache
def punkt() -> Any:
    """NLTK's Punkt sentence splitter on our own parameters: no nltk_data, no download."""
    punkt_module = nltk_tokenizer_module("nltk.tokenize.punkt")
    params = punkt_module.PunktParameters()
    params.abbrev_types.update(abbreviations())
    return punkt_module.PunktSentenceTokenizer(params)


@functools.cache
def treebank() -> Any:
    """NLTK's Treebank word tokenizer (needs no nltk_data): the reference ``segment.en_tokens`` is checked against
    (tests, ``benchmarks/en_tokens.py``); summarizing splits words with that module and never loads this one."""
    return nltk_tokenizer_module("nltk.tokenize.treebank").TreebankWordTokenizer()


@functools.cache
def stop_word_list(language: str) -> frozenset[str]:
    """sumy's stop-word list for ``language`` ("english", "chinese"), as ``sumy.utils.get_stop_words``
    reads it, without importing ``sumy.utils`` (it imports requests and pycountry: ~0.2 s for a word list)."""
    import pkgutil

    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{language}.txt")
    except (OSError, ImportError) as e:
        raise ResourceError(f"sumy's {language} stop words are missing ({e}); reinstall sumy") from None
    if data is None:
        raise ResourceError(f"sumy's {language} stop words cannot be read; reinstall sumy")
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


def _import_jieba() -> Any:
    """``import jieba``, quietly and without pkg_resources.

    jieba imports pkg_resources only to open its own data files, and falls back to plain ``open``
    when it is missing. Importing it costs more than the rest of jieba (and warns on new
    setuptools), so it is hidden for the duration of the import, unless something imported it already.
    """
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    logging.getLogger("jieba").setLevel(logging.WARNING)  # jieba logs four DEBUG lines per load
    return jieba


def jieba_tokenizer() -> Any:
    """Our own jieba Tokenizer (never the global ``jieba.dt``), with the domain-term dictionary.

    It reads jieba's dictionary from a bucketed copy in our cache folder, built on first use
    (about a second, once) and loaded bucket by bucket as texts need it (see ``_jieba_dict``):
    the same cuts as jieba's own Tokenizer, without a second of loading in every process.
    """
    with _lock:
        return _jieba_tokenizer()


@functools.cache
def _jieba_tokenizer() -> Any:
    from . import _jieba_dict

    jieba = _import_jieba()
    terms = []
    for entry in data_lines("zh_terms.txt"):
        word, *rest = entry.split()
        terms.append((word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None))
    return _jieba_dict.tokenizer(jieba, _cache_folder(), terms)


def _cache_folder() -> Path:
    """The user cache folder (``summarize._dirs``), created if it can be; if not, the dictionary lives in memory."""
    from ._dirs import cache_dir

    try:
        return cache_dir(create=True)
    except OSError:
        return cache_dir()


def jieba_posseg() -> Any:
    """Part-of-speech tagging on top of our own Tokenizer (so our domain terms count as words)."""
    with _lock:
        return _jieba_posseg()


@functools.cache
def _jieba_posseg() -> Any:
    tokenizer = _jieba_tokenizer()
    _import_jieba()
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer)


def preload(langs: tuple[str, ...] = ("en", "zh"), *, quiz: bool = False) -> None:
    """Load now everything summarizing a post in ``langs`` needs (with ``quiz``, making its cards too):
    for a process that forks workers afterwards (they inherit it all), or to take the one-off cost out
    of a first timing.

    English: Punkt (and nltk), the abbreviations, stop words; with ``quiz``, lemminflect. Chinese:
    jieba with our terms on the bucketed dictionary (its buckets still load as texts need them, a
    few milliseconds a post), stop words; with ``quiz``, jieba's POS tagger.
    """
    abbreviations()
    ambiguous_abbreviations()
    if "en" in langs:
        punkt()
        stop_word_list("english")
        if quiz:
            import lemminflect  # noqa: F401  (its tables load on import)
    if "zh" in langs:
        jieba_tokenizer()
        stop_word_list("chinese")
        if quiz:
            jieba_posseg()
