"""Lazy resources: a post loads only what its languages need, and the loaders give what the libraries would."""

from __future__ import annotations

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
    """A Chinese post with no English words needs no Punkt and no stemmer, so no nltk; its English terms, when it
    has some, are stemmed by NLTK's Snowball stemmer and bring nltk in."""
    post = tmp_path / "zh.md"
    post.write_text("# 服务网格\n\n服务网格是一个基础设施层，负责服务之间的通信。它让开发者专注于业务逻辑。\n", encoding="utf-8")
    assert _loaded(post) == {"jieba"}
    assert _loaded(CORPORA / "istiocon-2021-5-key-takeaways.zh.md") == {"jieba", "nltk"} | _nltk_needs()


def test_an_english_post_loads_no_jieba() -> None:
    assert _loaded(FIXTURES / "posts" / "kafka-seven-lessons.md") == {"nltk"} | _nltk_needs()


def _nltk_needs() -> set[str]:
    """What ``import nltk`` brings along on this machine (SciPy when it is installed)."""
    out = subprocess.run([sys.executable, "-c", "import sys, nltk; print('scipy' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    return {"scipy"} if out.stdout.strip() == "True" else set()


def test_stop_words_are_sumys() -> None:
    utils = pytest.importorskip("sumy.utils")
    from summarize._resources import stop_word_list

    for language in ("english", "chinese"):
        assert stop_word_list(language) == utils.get_stop_words(language)


def test_preload_loads_both_languages() -> None:
    code = ("import sys; from summarize._resources import preload; preload(quiz=True); "
            "print(' '.join(sorted({'nltk', 'jieba', 'lemminflect'} & set(sys.modules))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["jieba", "lemminflect", "nltk"]
