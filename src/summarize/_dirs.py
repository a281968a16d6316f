"""Where summarize keeps files between runs: one function per folder, each platform's convention.

``cache_dir()`` is ``$SUMMARIZE_CACHE_DIR`` when set, else the user cache folder that
``platformdirs`` names (``~/.cache/summarize`` on Linux, honouring ``$XDG_CACHE_HOME``;
``~/Library/Caches/summarize`` on macOS; ``%LOCALAPPDATA%\\summarize\\Cache`` on Windows).
Every cache we write (digest results, jieba's dictionary) lives under it; nothing is created
until a caller asks with ``create=True``.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "summarize"


def cache_dir(*, create: bool = False) -> Path:
    """The user cache folder for summarize (``$SUMMARIZE_CACHE_DIR`` overrides)."""
    return _user_dir("SUMMARIZE_CACHE_DIR", "user_cache_dir", create)


def data_dir(*, create: bool = False) -> Path:
    """The user data folder for summarize (``$SUMMARIZE_DATA_DIR`` overrides): files a user keeps."""
    return _user_dir("SUMMARIZE_DATA_DIR", "user_data_dir", create)


def _user_dir(variable: str, kind: str, create: bool) -> Path:
    env = os.environ.get(variable)
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs

        path = Path(getattr(platformdirs, kind)(APP, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
