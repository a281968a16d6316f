"""Strict readers for plain JSON values coming back in: ``Summary.from_dict``, ``Card.from_dict``, the cache.

A cache folder can be shared (CI) and so written by others; whatever it holds must either
become the exact value type, with bounded sizes, or be refused with a :class:`SchemaError`
(the cache then counts a miss). Nothing here trusts a type it has not checked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from . import _urls as urls

#: Longest string a value may hold (a takeaway, a card's source text, a description).
MAX_STR = 1_000_000
#: Most items in a list (takeaways, cards, sentence ids, tags).
MAX_ITEMS = 10_000


class SchemaError(ValueError):
    """A plain value that does not have the expected shape; the message names the key."""


def mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SchemaError(f"{what} is {type(value).__name__}, not an object")
    return value


def text(data: Mapping[str, Any], key: str, *, optional: bool = False, limit: int = MAX_STR) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise SchemaError(f"{key!r} is not a string of at most {limit:,} characters")
    return value


def integer(data: Mapping[str, Any], key: str, *, optional: bool = False, minimum: int = 0) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value > 2**53:
        raise SchemaError(f"{key!r} is not an integer ≥ {minimum}")
    return value


def number(data: Mapping[str, Any], key: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SchemaError(f"{key!r} is not a finite number")
    return float(value)


def items(data: Mapping[str, Any], key: str, *, optional: bool = False, limit: int = MAX_ITEMS) -> list[Any]:
    value = data.get(key)
    if value is None and optional:
        return []
    if not isinstance(value, list) or len(value) > limit:
        raise SchemaError(f"{key!r} is not a list of at most {limit:,} items")
    return value


def texts(data: Mapping[str, Any], key: str, *, optional: bool = True, limit: int = 2_000) -> tuple[str, ...]:
    values = items(data, key, optional=optional)
    if not all(isinstance(v, str) and len(v) <= limit for v in values):
        raise SchemaError(f"{key!r} is not a list of strings")
    return tuple(values)


def integers(data: Mapping[str, Any], key: str) -> tuple[int, ...]:
    values = items(data, key)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 2**53 for v in values):
        raise SchemaError(f"{key!r} is not a list of non-negative integers")
    return tuple(values)


def http_url(data: Mapping[str, Any], key: str) -> Any:
    """An absolute http(s) URL exactly as :func:`summarize._urls.http_url` passes it, or None."""
    value = text(data, key, optional=True, limit=urls.MAX_URL)
    if value is not None and urls.http_url(value) != value:
        raise SchemaError(f"{key!r} is not an absolute http(s) URL without spaces, quotes or backslashes")
    return value
