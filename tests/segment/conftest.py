"""Fixtures shared by the segmenter tests."""

from __future__ import annotations

import pytest

from summarize import _jieba_dict
from summarize._resources import _cache_folder, _import_jieba, data_lines


@pytest.fixture(scope="module")
def fresh():
    """A tokenizer of our own with no dictionary bucket loaded yet but what our terms need: code that answers from
    the dictionary without loading the buckets its text needs would find words missing (what it is compared with
    uses the shared tokenizer, whose ``get_DAG`` loads each block's buckets and which other tests have filled)."""
    terms = []
    for entry in data_lines("zh_terms.txt"):
        word, *rest = entry.split()
        terms.append((word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None))
    return _jieba_dict.tokenizer(_import_jieba(), _cache_folder(), terms)
