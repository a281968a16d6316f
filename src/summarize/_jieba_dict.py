"""jieba's prefix dictionary, stored so that a process loads only the part its text can reach.

Why: jieba keeps its whole dictionary (498,113 words and word prefixes) in one dict, and even from
its own cache unmarshalling that dict costs most of a second, longer than everything else a
short Chinese post needs. Here the same entries are split into 65,536 buckets by their first
two characters (a single character has a bucket of its own), each bucket marshalled apart, so
before jieba looks at a piece of text we copy in the buckets of the character pairs and single
characters that occur in it. jieba only ever looks up substrings of the text it cuts, and a
substring's first two characters are a pair of that text, so every lookup finds exactly what
the full dictionary would give: the same words, frequencies and total, the same cuts
(``tests/segment/test_jieba_dict.py`` compares them with jieba's own Tokenizer).

The file is written once per jieba dictionary, atomically, and checked on every read (magic,
format, the dictionary it came from, a CRC of the payload): anything else is rebuilt, never
trusted. When it cannot be written (a read-only cache folder), the buckets live in memory.
"""

from __future__ import annotations

import json
import marshal
import os
import struct
import tempfile
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

MAGIC = b"summarize jieba prefix dictionary\n"
FORMAT = 1
BUCKET_BITS = 16
_MASK = (1 << BUCKET_BITS) - 1
FILE_NAME = f"jieba-prefix-v{FORMAT}.bin"


def bucket_of(first: str, second: str = "") -> int:
    """The bucket of every entry starting with ``first + second`` (``second`` empty: the one-character entry)."""
    key = (ord(first) << 21) | (ord(second) if second else 0)
    return ((key * 0x9E3779B1) >> 17) & _MASK


def _bucket_of_word(word: str) -> int:
    return bucket_of(word[0], word[1] if len(word) > 1 else "")


class PrefixDict:
    """Marshalled buckets, and which of them a tokenizer's FREQ already holds."""

    def __init__(self, index: array, data: bytes | memoryview, total: int) -> None:
        self._index = index
        self._data = data
        self.total = total
        self._loaded: set[int] = set()
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def fill(self, freq: dict[str, int], text: str) -> None:
        """Copy into ``freq`` every bucket a lookup of a substring of ``text`` could need."""
        pieces = set(text)
        pieces.update(map(str.__add__, text, text[1:]))
        with self._lock:
            new = pieces - self._seen
            if not new:
                return
            self._seen |= new
            wanted = {_bucket_of_word(piece) for piece in new} - self._loaded
            for bucket in sorted(wanted):
                start, end = self._index[bucket], self._index[bucket + 1]
                if end > start:
                    freq.update(marshal.loads(self._data[start:end]))
                self._loaded.add(bucket)


def build(entries: dict[str, int], total: int, source: dict[str, Any]) -> bytes:
    """The file's bytes for jieba's ``gen_pfdict`` output ``entries``/``total``, made from ``source``."""
    buckets: list[dict[str, int]] = [{} for _ in range(1 << BUCKET_BITS)]
    for word, count in entries.items():
        buckets[_bucket_of_word(word)][word] = count
    blobs = [marshal.dumps(b, 4) if b else b"" for b in buckets]
    index = array("Q", [0])
    for blob in blobs:
        index.append(index[-1] + len(blob))
    payload = _le(index).tobytes() + b"".join(blobs)
    header = json.dumps(
        {"format": FORMAT, "buckets": 1 << BUCKET_BITS, "total": total, "entries": len(entries),
         "source": source, "crc32": zlib.crc32(payload)},
        sort_keys=True,
    ).encode("utf-8")
    return MAGIC + struct.pack("<I", len(header)) + header + payload


def parse(blob: bytes, source: dict[str, Any]) -> PrefixDict | None:
    """The dictionary in ``blob``, or None when it is not ours, not for ``source``, or damaged."""
    try:
        if not blob.startswith(MAGIC):
            return None
        at = len(MAGIC)
        (header_len,) = struct.unpack_from("<I", blob, at)
        at += 4
        header = json.loads(blob[at : at + header_len].decode("utf-8"))
        at += header_len
        buckets = 1 << BUCKET_BITS
        if (not isinstance(header, dict) or header.get("format") != FORMAT or header.get("buckets") != buckets
                or header.get("source") != source or not isinstance(header.get("total"), int)):
            return None
        payload = memoryview(blob)[at:]
        if zlib.crc32(payload) != header.get("crc32"):
            return None
        index = array("Q")
        index.frombytes(payload[: (buckets + 1) * 8])
        index = _le(index)
        data = payload[(buckets + 1) * 8 :]
        if len(index) != buckets + 1 or index[0] != 0 or index[-1] != len(data):
            return None
        if any(b < a for a, b in zip(index, index[1:])):
            return None
        return PrefixDict(index, data, header["total"])
    except (ValueError, TypeError, UnicodeDecodeError, struct.error, OverflowError):
        return None


def _le(index: array) -> array:
    """``index`` in little-endian order (a copy on big-endian machines), so the file is portable."""
    if struct.pack("=H", 1) == struct.pack("<H", 1):
        return index
    swapped = array(index.typecode, index)
    swapped.byteswap()
    return swapped


def load(path: Path, source: dict[str, Any], make: Callable[[], tuple[dict[str, int], int]]) -> PrefixDict:
    """The dictionary stored at ``path`` if it is valid for ``source``; else built with ``make()``,
    written there atomically when possible, and used from memory either way."""
    try:
        found = parse(path.read_bytes(), source)
    except OSError:
        found = None
    if found is not None:
        return found
    entries, total = make()
    blob = build(entries, total, source)
    _write_atomically(path, blob)
    parsed = parse(blob, source)
    assert parsed is not None  # we just built it
    return parsed


def _write_atomically(path: Path, blob: bytes) -> bool:
    """Write ``blob`` to ``path`` through a temporary file in the same folder; False when that fails."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def source_of(jieba: Any) -> dict[str, Any]:
    """What the stored dictionary must have been built from: jieba's version and its dict.txt."""
    path = Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME
    stat = path.stat()
    return {"jieba": str(getattr(jieba, "__version__", "?")), "dict": str(path), "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns}


def tokenizer(jieba: Any, cache: Path, terms: Iterable[tuple[str, int | None, str | None]]) -> Any:
    """A ``jieba.Tokenizer`` on the bucketed default dictionary (stored in the folder ``cache``), with
    ``terms`` added as (word, frequency, tag) like ``add_word`` does."""

    class _Tokenizer(jieba.Tokenizer):  # type: ignore[misc,name-defined]
        """jieba's Tokenizer, filling its FREQ with the buckets a text needs before each lookup."""

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
            self.prefix_dict.fill(self.FREQ, sentence)
            return super().get_DAG(sentence)

        def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
            self.prefix_dict.fill(self.FREQ, word)
            super().add_word(word, freq, tag)

    def make() -> tuple[dict[str, int], int]:
        return jieba.Tokenizer.gen_pfdict(jieba.Tokenizer().get_dict_file())

    prefix = load(cache / FILE_NAME, source_of(jieba), make)
    tok = _Tokenizer()
    tok.prefix_dict = prefix
    tok.total = prefix.total
    tok.initialized = True  # jieba's initialize() would load the whole dictionary
    for word, freq, tag in terms:
        tok.add_word(word, freq, tag)
    return tok
