"""Output files: atomic replace for regular files, straight writes for everything else.

A regular file is written to a temporary file in its folder and renamed over the target when
complete, so a crash or an error mid-write never leaves a half-written file and never
truncates the file that was there before. A device, FIFO or socket (``-o /dev/null``,
``-o /dev/stdout``, a named pipe), or a symlink to one, is written straight into: renaming
over it would replace a system file (as root, ``/dev/null`` itself) with a regular file.
A symlink to a regular file keeps the link; the file it points to is replaced.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from .errors import OutputError, UsageError


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Fail early, before any work, when the output cannot be written."""
    name = os.fspath(path)
    if not name:
        raise UsageError("the output file name is empty; give one (-o out.md), or - for standard output")
    target = Path(name)
    if target.is_dir():
        raise UsageError(f"output {name} is a directory; give a file name, e.g. -o {target / 'out.md'}")
    if name.endswith(("/", os.sep)):
        raise UsageError(
            f"output {name} ends with a slash, so it names a folder, and there is none; give a file name, "
            f"e.g. -o {target / 'out.md'} (after mkdir -p {target})"
        )
    if _special(target):
        if not os.access(target, os.W_OK):
            raise UsageError(f"output {name} is not writable; pick another -o")
        return target
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"output folder {folder} does not exist; create it first (mkdir -p {folder}) or pick another -o")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"output folder {folder} is not writable; pick another -o")
    return target


def _special(target: Path) -> bool:
    """Whether ``target`` exists (through symlinks) and is not a regular file: a device, FIFO or socket."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path``: atomically for a regular file, straight into a device or FIFO.

    A failed write (a full disk, a quota) raises :class:`~summarize.errors.OutputError` naming the path.
    """
    target = check_output_path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if _special(target):
            with open(target, "wb") as fh:
                fh.write(payload)
            return
        replace_name(Path(os.path.realpath(target)) if target.is_symlink() else target, payload)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write {os.fspath(path)}: {error.strerror or error}; nothing was written") from None


def replace_name(target: Path, payload: bytes, *, keep_mode: bool = True) -> None:
    """Write ``payload`` to a temporary file beside ``target``, then rename it over the name ``target``.

    Whatever stands at ``target`` is never opened, only replaced: :func:`write_atomic` calls this for
    regular files only, and the cache for its own entries, where a FIFO, device or symlink found in an
    entry's place must be swapped for a file rather than written into. ``keep_mode`` gives the new file
    the old one's permissions (an output the user made); else the umask's default (a cache entry: a
    symlink to a 0666 device must not make it writable by all). Raises OSError.
    """
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_mode and target.exists():
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
    """Write to ``output`` (see :func:`write_atomic`), or to stdout when it is None or ``-``."""
    if output is not None and output != "-":
        write_atomic(output, data)
        return
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    sys.stdout.flush()
