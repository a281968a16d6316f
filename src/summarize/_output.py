"""Atomic output: a temporary file in the target folder, renamed over the target when complete.

A crash or an error mid-write never leaves a half-written file, and never truncates the
file that was there before.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import UsageError


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Fail early, before any work, when the output cannot be written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"output {target} is a directory; give a file name, e.g. -o {target / 'out.md'}")
    if not folder.is_dir():
        raise UsageError(f"output folder {folder} does not exist; create it first (mkdir -p {folder}) or pick another -o")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"output folder {folder} is not writable; pick another -o")
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    target = check_output_path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def emit(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    if output and output != "-":
        write_atomic(output, data)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    sys.stdout.flush()
