"""Lazy resources: a post loads only what its languages need, and the loaders give what the libraries would."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import CORPORA, FIXTURES

_PROBE = (
    "import sys, summarize\n"
    "summarize.summarize(sys.argv[1])\n"
    "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'jieba', 'scipy', 'requests', 'pkg_resources'})))\n"
)


def _loaded(path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_a_chinese_post_loads_no_nltk(tmp_path) -> None:
    """A Chinese post needs no Punkt, and its English terms are stemmed by our own Snowball stemmer, so it
    never imports nltk, with English words in it or without."""
    post = tmp_path / "zh.md"
    post.write_text("# 服务网格\n\n服务网格是一个基础设施层，负责服务之间的通信。它让开发者专注于业务逻辑。\n", encoding="utf-8")
    assert _loaded(post) == {"jieba"}
    assert _loaded(CORPORA / "istiocon-2021-5-key-takeaways.zh.md") == {"jieba"}


def test_an_english_post_loads_no_jieba_and_no_scipy() -> None:
    """Punkt comes in through ``nltk_tokenizer_module``, without nltk's package ``__init__`` (and
    so without SciPy or NumPy), and leave no ``nltk`` entry in ``sys.modules`` behind them."""
    assert _loaded(FIXTURES / "posts" / "kafka-seven-lessons.md") == set()


def test_nltk_imports_whole_after_our_tokenizers() -> None:
    """After our Punkt and Treebank, a program's own ``import nltk`` gets the whole real package (its own
    Punkt, its top-level functions), and our tokenizers split as the real ones do."""
    out = _run(
        "import sys\n"
        "from summarize._resources import punkt, treebank\n"
        "ours, tb = punkt(), treebank()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'), 'numpy' in sys.modules)\n"
        "import nltk\n"
        "from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktParameters\n"
        "real = PunktSentenceTokenizer(PunktParameters()); real._params.abbrev_types.update(ours._params.abbrev_types)\n"
        "text = 'Dr. Smith moved to Istio 1.9 last week. It worked! Did it? Yes, e.g. mTLS.'\n"
        "print(callable(nltk.word_tokenize), type(ours) is not PunktSentenceTokenizer,\n"
        "      list(ours.span_tokenize(text)) == list(real.span_tokenize(text)),\n"
        "      tb.tokenize(\"I can't, won't.\") == nltk.TreebankWordTokenizer().tokenize(\"I can't, won't.\"))\n"
    )
    assert out.splitlines() == ["[] False", "True True True True"]


def test_our_tokenizers_use_nltk_when_it_is_imported_first() -> None:
    """A program that imported nltk itself gets Punkt from that nltk: no second copy."""
    out = _run(
        "import nltk\n"
        "from summarize._resources import punkt\n"
        "print(type(punkt()) is nltk.tokenize.punkt.PunktSentenceTokenizer)\n"
    )
    assert out == "True"


_SCIPY = importlib.util.find_spec("scipy") is not None
needs_scipy = pytest.mark.skipif(not _SCIPY, reason="SciPy is not installed: there is nothing to hide")


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


@needs_scipy
def test_nltk_is_imported_without_scipy_which_still_imports_afterwards() -> None:
    """Our nltk import leaves SciPy out, removes its finder, and a later ``import scipy.stats`` works normally."""
    out = _run(
        "import sys\n"
        "from summarize._resources import nltk_module\n"
        "nltk_module('nltk')\n"
        "print('nltk' in sys.modules, any(m.split('.')[0] == 'scipy' for m in sys.modules),\n"
        "      any(type(f).__name__ == '_HideScipy' for f in sys.meta_path))\n"
        "import scipy.stats\n"
        "print(f'{scipy.stats.fisher_exact([[8, 2], [1, 5]])[1]:.4f}')\n"
    )
    assert out.splitlines() == ["True False False", "0.0350"]


@needs_scipy
def test_the_documented_side_effect_and_how_to_avoid_it() -> None:
    """After our whole-nltk import (the sumy scorers') nltk's Fisher measure is its no-SciPy stub; imported SciPy
    first, it is the real one. Our Punkt alone leaves nltk untouched, so it is the real one too."""
    probe = ("from nltk.metrics.association import BigramAssocMeasures\n"
             "try:\n    BigramAssocMeasures.fisher(8, (10, 9), 16); print('real')\n"
             "except NotImplementedError:\n    print('stub')\n")
    load = "from summarize._resources import nltk_module; nltk_module('nltk')\n"
    assert _run(load + probe) == "stub"
    assert _run("import scipy.stats\n" + load + probe) == "real"
    assert _run("from summarize._resources import punkt; punkt()\n" + probe) == "real"


@needs_scipy
def test_scipy_is_hidden_only_from_the_importing_thread() -> None:
    """While the finder is installed, another thread's ``import scipy`` is served as usual."""
    out = _run(
        "import importlib, sys, threading\n"
        "from summarize._resources import _HideScipy\n"
        "finder = _HideScipy(); sys.meta_path.insert(0, finder)\n"
        "try:\n    import scipy; print('imported')\n"
        "except ModuleNotFoundError:\n    print('hidden')\n"
        "got = []\n"
        "t = threading.Thread(target=lambda: got.append(importlib.import_module('scipy.stats').__name__))\n"
        "t.start(); t.join()\n"
        "sys.meta_path.remove(finder)\n"
        "print(got)\n"
    )
    assert out.splitlines() == ["hidden", "['scipy.stats']"]


def test_stop_words_are_sumys() -> None:
    utils = pytest.importorskip("sumy.utils")
    from summarize._resources import stop_word_list

    for language in ("english", "chinese"):
        assert stop_word_list(language) == utils.get_stop_words(language)


def test_preload_loads_both_languages() -> None:
    code = ("import sys; from summarize import _resources; _resources.preload(quiz=True); "
            "print(' '.join(sorted({'jieba', 'lemminflect'} & set(sys.modules))), _resources.punkt.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["jieba", "lemminflect", "1"]
