"""The content-addressed result cache: hits on rebuild, only changed posts recomputed, corruption survived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.batch import Cache, digest, summarize_many
from summarize.batch.cache import CACHE_SCHEMA, cache_key, options_fingerprint
from summarize.batch.task import Options
from summarize.errors import UsageError


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def test_rebuild_recomputes_only_the_changed_post(posts: Path, tmp_path: Path) -> None:
    """Second run: every post from the cache; after editing one post, only that one is recomputed."""
    cache = tmp_path / "cache"
    first = {r.path: r for r in summarize_many(posts, cache_dir=cache)}
    assert not any(r.cached for r in first.values())
    second = {r.path: r for r in summarize_many(posts, cache_dir=cache)}
    assert all(r.cached for r in second.values()) and second == first
    bravo = posts / "bravo.md"
    bravo.write_text(bravo.read_text(encoding="utf-8") + "\nA new sentence about service meshes appears.\n",
                     encoding="utf-8")
    third = {r.path: r for r in summarize_many(posts, cache_dir=cache)}
    assert [p for p, r in third.items() if not r.cached] == [str(bravo)]
    assert third[str(bravo)].ok and {p: r for p, r in third.items() if r.cached} == {
        p: r for p, r in first.items() if p != str(bravo)}


def test_cached_digest_is_identical_to_a_fresh_one(posts: Path, tmp_path: Path) -> None:
    """Cold cache, warm cache and no cache render the same bytes (cards included)."""
    cache = tmp_path / "cache"
    cold = digest(posts, quiz=True, cache_dir=cache)
    warm = digest(posts, quiz=True, cache_dir=cache)
    fresh = digest(posts, quiz=True)
    assert all(r.cached for r in warm.results)
    for fmt in ("md", "html", "json"):
        assert cold.render(fmt) == warm.render(fmt) == fresh.render(fmt)


def test_entries_are_sharded_json(posts: Path, tmp_path: Path) -> None:
    """Entries live at ab/abcdef….json and hold the schema, their key and the result; no temp files remain."""
    cache = tmp_path / "cache"
    list(summarize_many(posts, cache_dir=cache))
    entries = _entries(cache)
    assert len(entries) == 7  # both broken files too: their errors depend only on their bytes
    for entry in entries:
        assert entry.parent.name == entry.name[:2] and len(entry.stem) == 64
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert data["schema"] == CACHE_SCHEMA and data["key"] == entry.stem
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]


def test_corrupt_entry_is_ignored_and_rewritten(posts: Path, tmp_path: Path) -> None:
    """A truncated entry and a foreign entry count as misses: recomputed, then stored again correctly."""
    cache = tmp_path / "cache"
    target = posts / "alpha.md"
    (before,) = summarize_many([target], cache_dir=cache)
    (entry,) = _entries(cache)
    for garbage in ('{"schema": 1, "key": "tru', json.dumps({"schema": CACHE_SCHEMA, "key": "other", "result": {}}),
                    "[]", json.dumps({"schema": CACHE_SCHEMA, "key": entry.stem, "result": {"path": 3}})):
        entry.write_text(garbage, encoding="utf-8")
        (again,) = summarize_many([target], cache_dir=cache)
        assert not again.cached and again == before
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem
    (hit,) = summarize_many([target], cache_dir=cache)
    assert hit.cached and hit == before


def test_internal_errors_are_reported_but_never_cached(posts: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug of ours on one post is that post's error (with a traceback for --debug), and is not stored."""
    import summarize.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(summarize.pipeline, "summarize", broken)
    cache = tmp_path / "cache"
    (result,) = summarize_many([posts / "alpha.md"], cache_dir=cache)
    assert result.error_type == "InternalError" and "RuntimeError: boom" in result.error
    assert result.detail and "Traceback" in result.detail and not _entries(cache)


def test_key_covers_bytes_path_and_options() -> None:
    """Changing the bytes, the path or a result-changing option changes the key; max_bytes does not."""
    base = options_fingerprint(Options())
    key = cache_key("a.md", b"text", base)
    assert key != cache_key("a.md", b"text!", base)
    assert key != cache_key("b.md", b"text", base)
    assert key != cache_key("a.md", b"text", options_fingerprint(Options(n=4)))
    assert key != cache_key("a.md", b"text", options_fingerprint(Options(quiz=True)))
    assert key == cache_key("a.md", b"text", options_fingerprint(Options(max_bytes=10)))


def test_cache_dir_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    """The message names the value and both ways out."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=r"is a file; give a folder .* or --no-cache"):
        Cache(blocker)
