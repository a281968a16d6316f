"""Cases kept in text files, markdown-it style: title, ``.``, input, ``.``, expected lines, ``.``.

Editing a case is editing a text file; adding one needs no Python.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def read_cases(path: Path) -> list:
    """``pytest.param(input, expected_lines, id=title)`` for every case in ``path``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title = lines[i].strip()
        if lines[i + 1] != ".":
            raise ValueError(f"{path}:{i + 2}: expected '.' after the title {title!r}")
        i += 2
        chunks: list[list[str]] = [[]]
        while len(chunks) < 3:
            if i >= len(lines):
                raise ValueError(f"{path}: case {title!r} is not closed with '.'")
            if lines[i] == ".":
                chunks.append([])
            else:
                chunks[-1].append(lines[i])
            i += 1
        source, expected = "\n".join(chunks[0]), [line for line in chunks[1] if line]
        cases.append(pytest.param(source, expected, id=title))
    return cases
