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
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent or ".")
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


#: A temporary file of ours without a live writer's pid in its name is stale after this many seconds.
STALE_SECONDS = 3600


def remove_stale_temps(target: Path) -> None:
    """Delete ``.NAME.PID.*.tmp`` files beside ``target`` whose writer is gone (killed mid-write).

    Only our own pattern, only regular files, and only when the pid in the name is no longer a
    running process (or, for a name without a pid, when the file is over an hour old), so a
    concurrent writer's file is never touched.
    """
    import re
    import stat
    import time

    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[\w-]{{6,}}\.tmp")
    try:
        names = [n for n in os.listdir(folder) if n.startswith(f".{target.name}.") and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        m = pattern.fullmatch(name)
        if not m:
            continue
        path = folder / name
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = int(m.group(1)) if m.group(1) else None
            if pid == os.getpid() or (pid is not None and _alive(pid)):
                continue
            if pid is None and time.time() - info.st_mtime < STALE_SECONDS:
                continue
            os.unlink(path)
        except (OSError, ValueError):
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


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
