"""The bucketed jieba dictionary: the same cuts as jieba's own Tokenizer, and a cache that is never trusted blindly."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings

from conftest import CORPORA, FIXTURES
from strategies import zh_sentence
from summarize import _jieba_dict
from summarize._resources import _import_jieba, data_lines


def _terms() -> list[tuple[str, int | None, str | None]]:
    out = []
    for entry in data_lines("zh_terms.txt"):
        word, *rest = entry.split()
        out.append((word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None))
    return out


@pytest.fixture(scope="module")
def jieba_full(tmp_path_factory):
    """jieba's own Tokenizer on its whole dictionary, with our terms added: what ours must equal."""
    jieba = _import_jieba()
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path_factory.mktemp("jieba-own"))
    tok.initialize()
    for word, freq, tag in _terms():
        tok.add_word(word, freq, tag)
    return tok


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """A cache folder holding a freshly built dictionary (building takes a second or two: once per module)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def ours(cache: Path):
    return _jieba_dict.tokenizer(_import_jieba(), cache, _terms())


def _chinese_texts() -> list[str]:
    paths = [p for p in [*CORPORA.iterdir(), *(FIXTURES / "posts").iterdir()] if ".zh." in p.name or "zh" in p.stem]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert texts
    return texts


def test_same_cuts_as_jieba_on_shipped_chinese(ours, jieba_full) -> None:
    for text in _chinese_texts():
        assert ours.lcut(text) == jieba_full.lcut(text)
    assert ours.total == jieba_full.total


@settings(max_examples=60, deadline=None)
@given(zh_sentence())
def test_same_cuts_as_jieba_on_generated_text(ours, jieba_full, text: str) -> None:
    assert ours.lcut(text) == jieba_full.lcut(text)
    assert ours.lcut(text, HMM=False) == jieba_full.lcut(text, HMM=False)


def test_loads_only_the_buckets_a_text_needs(cache: Path, ours) -> None:
    tok = _jieba_dict.tokenizer(_import_jieba(), cache, [])
    before = len(tok.FREQ)
    tok.lcut("服务网格在服务之间路由流量。")
    assert 0 < len(tok.FREQ) - before < 5_000  # of ~500,000 entries


def test_cache_is_written_once_and_reused(cache: Path, ours, monkeypatch) -> None:
    assert (cache / _jieba_dict.FILE_NAME).is_file()
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind
    jieba = _import_jieba()
    monkeypatch.setattr(jieba.Tokenizer, "gen_pfdict", _must_not_build)
    assert _jieba_dict.tokenizer(jieba, cache, []).lcut("我们的服务") == ours.lcut("我们的服务")


def _must_not_build(*_args):
    raise AssertionError("rebuilt although a valid cache was there")


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # a flipped bit in the payload
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:40],  # cut inside the header
        lambda blob: b"not ours at all",  # a foreign file
        lambda blob: blob.replace(b'"format": 1', b'"format": 9'),  # another format
        lambda blob: b"",
    ],
)
def test_a_damaged_or_foreign_cache_is_refused(cache: Path, ours, damage) -> None:
    jieba = _import_jieba()
    good = (cache / _jieba_dict.FILE_NAME).read_bytes()
    assert _jieba_dict.parse(good, _jieba_dict.source_of(jieba)) is not None
    assert _jieba_dict.parse(damage(good), _jieba_dict.source_of(jieba)) is None


def test_a_damaged_cache_is_rebuilt_and_written_back(cache: Path, ours, tmp_path: Path) -> None:
    good = (cache / _jieba_dict.FILE_NAME).read_bytes()
    path = tmp_path / _jieba_dict.FILE_NAME
    path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    tok = _jieba_dict.tokenizer(_import_jieba(), tmp_path, _terms())
    assert tok.lcut("我们用服务网格管理微服务的流量") == ours.lcut("我们用服务网格管理微服务的流量")
    assert path.read_bytes() == good


def test_a_cache_for_another_dictionary_is_not_used(cache: Path, ours) -> None:
    jieba = _import_jieba()
    blob = (cache / _jieba_dict.FILE_NAME).read_bytes()
    other = dict(_jieba_dict.source_of(jieba), size=1)
    assert _jieba_dict.parse(blob, other) is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_read_only_cache_dir_works_from_memory(tmp_path: Path, ours) -> None:
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        tok = _jieba_dict.tokenizer(_import_jieba(), tmp_path, _terms())
        assert tok.lcut("服务网格和控制平面") == ours.lcut("服务网格和控制平面")
        assert not list(tmp_path.iterdir())
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_unwritable_cache_path_works_from_memory(tmp_path: Path, ours) -> None:
    """Root ignores permissions, so the read-only case is also taken as a cache folder that is a file."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    tok = _jieba_dict.tokenizer(_import_jieba(), blocker, _terms())
    assert tok.lcut("服务网格和控制平面") == ours.lcut("服务网格和控制平面")
    assert blocker.read_text(encoding="utf-8") == "x"

