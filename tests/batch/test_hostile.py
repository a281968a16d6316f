"""A digest over a folder others can write to: special files, poisoned cache entries, slow posts, signals."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from conftest import CORPORA

from summarize._output import write_atomic
from summarize.batch import Cache, digest, find_posts, summarize_many
from summarize.batch.engines import ProcessEngine, SerialEngine
from summarize.batch.task import Options, process_chunk

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, /dev/zero and prctl are Linux")


@pytest.fixture
def hostile(tmp_path: Path, posts: Path) -> Path:
    """Two posts beside a FIFO, a socket and a symlink to /dev/zero, all with post endings."""
    root = tmp_path / "hostile"
    root.mkdir()
    shutil.copyfile(posts / "alpha.md", root / "alpha.md")
    shutil.copyfile(posts / "bravo.md", root / "bravo.md")
    os.mkfifo(root / "pipe.md")
    (root / "zero.md").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "sock.md"))
    yield root
    sock.close()


@linux_only
@pytest.mark.parametrize("cache", [False, True])
def test_special_files_in_a_folder_are_skipped_with_a_warning(hostile: Path, tmp_path: Path, cache: bool) -> None:
    """FIFO, socket, device: each a warning naming it; the posts are summarized; nothing hangs."""
    with pytest.warns(UserWarning) as caught:
        d = digest(hostile, cache_dir=tmp_path / "c" if cache else None, timeout=20)
    messages = " ".join(str(w.message) for w in caught)
    # The words of `summarize FILE` (tests/test_hostile.py), which once said "a device" here.
    for name, kind in (("pipe.md", "a FIFO"), ("sock.md", "a socket"), ("zero.md", "a character device")):
        assert f"{hostile / name}: skipped, {kind}" in messages
    assert sorted(Path(r.path).name for r in d.results) == ["alpha.md", "bravo.md"]


@linux_only
def test_a_fifo_named_explicitly_is_an_error_not_a_hang(hostile: Path) -> None:
    """A special file given by name is a per-file error; the run goes on."""
    results = {Path(r.path).name: r for r in summarize_many([hostile / "pipe.md", hostile / "zero.md",
                                                           hostile / "alpha.md"], timeout=20)}
    assert "is a FIFO (named pipe), not a regular file" in results["pipe.md"].error
    assert "is a character device, not a regular file" in results["zero.md"].error and results["alpha.md"].ok


@linux_only
def test_one_wording_for_special_files(hostile: Path, tmp_path: Path) -> None:
    """A digest names a special file exactly as `summarize FILE` does (one classifier, in parse), and a
    broken symlink, which only a folder search meets, as such."""
    from summarize.batch import special_kind
    from summarize.parse import special_file_kind

    for path in (hostile / "pipe.md", hostile / "sock.md", hostile / "zero.md", Path("/dev/null")):
        assert special_kind(str(path)) == special_file_kind(os.stat(path).st_mode) is not None
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    assert special_kind(str(tmp_path / "dangling.md")) == "a broken symlink"
    assert special_kind(str(hostile / "alpha.md")) is None and special_kind(str(tmp_path / "missing.md")) is None


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json"))


def _poison(entry: Path, result: dict) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["result"] = result
    entry.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("poison", [
    lambda r: {**r, "summary": {}},                                                  # empty: was a hit
    lambda r: {**r, "summary": {**r["summary"], "takeaways": 5}},                     # 'int' not iterable
    lambda r: {**r, "summary": {**r["summary"], "takeaways": [["a", 1]]}},            # update sequence
    lambda r: {**r, "summary": {**r["summary"], "title": 7}},                         # .replace on an int
    lambda r: {**r, "link": "javascript:alert(1)"},
    lambda r: {**r, "summary": {**r["summary"], "metadata": {**r["summary"]["metadata"],
                                                             "link": "javascript:alert(1)"}}},
    lambda r: {**r, "cards": [{"question": "q"}]},
    lambda r: {**r, "anchors": ["\"><script>"]},
    lambda r: {**r, "summary": {**r["summary"], "takeaways": [{**r["summary"]["takeaways"][0], "text": "x" * 1_100_000}]}},
])
def test_poisoned_cache_entries_are_misses(posts: Path, tmp_path: Path, poison) -> None:
    """An entry of the right outer shape but bad values is recomputed and rewritten, never trusted."""
    cache = tmp_path / "cache"
    fresh = digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    original = json.loads(entry.read_text(encoding="utf-8"))["result"]
    _poison(entry, poison(original))
    again = digest(posts / "alpha.md", cache_dir=cache)
    assert not again.results[0].cached and again.to_html() == fresh.to_html()
    assert "javascript" not in again.to_html()
    assert json.loads(entry.read_text(encoding="utf-8"))["result"] == original  # rewritten


def test_deeply_nested_and_oversized_entries_are_misses(posts: Path, tmp_path: Path) -> None:
    """JSON nested 100k deep (RecursionError) and a 5 MB entry are misses, not crashes."""
    cache = tmp_path / "cache"
    digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert not digest(posts / "alpha.md", cache_dir=cache).results[0].cached
    entry.write_text(json.dumps({"pad": "x" * 5_000_000}), encoding="utf-8")
    assert not digest(posts / "alpha.md", cache_dir=cache).results[0].cached


@linux_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_cache_entry_that_is_a_fifo_or_dev_zero_is_a_miss(posts: Path, tmp_path: Path, kind: str) -> None:
    """Only regular files of bounded size are read: a FIFO would block, /dev/zero never ends."""
    cache = tmp_path / "cache"
    digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    start = time.perf_counter()
    assert Cache(cache).get(entry.stem) is None
    assert time.perf_counter() - start < 1


@linux_only
def test_a_fifo_cache_entry_is_replaced_not_written_into(posts: Path, tmp_path: Path) -> None:
    """Writing the recomputed result into a FIFO entry blocked forever with no reader; the entry is
    replaced by a regular file instead. Run in a process of its own so the old hang fails the test."""
    cache = tmp_path / "cache"
    digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    entry.unlink()
    os.mkfifo(entry)
    script = ("import sys; from summarize.batch import digest; "
              "d = digest(sys.argv[1], cache_dir=sys.argv[2]); sys.exit(0 if d.results[0].ok else 1)")
    try:
        proc = subprocess.run([sys.executable, "-c", script, str(posts / "alpha.md"), str(cache)],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        os.close(os.open(entry, os.O_RDONLY | os.O_NONBLOCK))  # nothing left blocked behind us
        pytest.fail("the digest hung writing its result into a FIFO cache entry")
    assert proc.returncode == 0, proc.stderr
    assert entry.is_file() and not entry.is_symlink()
    assert digest(posts / "alpha.md", cache_dir=cache).results[0].cached  # a good entry now


def test_a_symlinked_cache_entry_never_carries_the_write_outside(posts: Path, tmp_path: Path) -> None:
    """An entry that is a symlink to a file elsewhere is a miss and is replaced by a file; the file it
    pointed to is untouched (write_atomic would have replaced the link's target)."""
    cache = tmp_path / "cache"
    digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    assert not digest(posts / "alpha.md", cache_dir=cache).results[0].cached
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert entry.is_file() and not entry.is_symlink()
    assert digest(posts / "alpha.md", cache_dir=cache).results[0].cached


@linux_only
def test_a_cache_entry_replacing_a_device_link_takes_no_permissions_from_it(posts: Path, tmp_path: Path) -> None:
    """The rewritten entry gets the umask's permissions, not /dev/zero's 0666 (writable by anyone)."""
    cache = tmp_path / "cache"
    digest(posts / "alpha.md", cache_dir=cache)
    (entry,) = _entries(cache)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    old = os.umask(0o022)
    try:
        assert not digest(posts / "alpha.md", cache_dir=cache).results[0].cached
    finally:
        os.umask(old)
    assert entry.is_file() and not entry.is_symlink()
    assert entry.stat().st_mode & 0o777 == 0o644 != 0o666


def test_a_folder_in_place_of_an_entry_is_a_miss_and_the_cache_goes_on(posts: Path, tmp_path: Path) -> None:
    """A folder where an entry belongs is left alone (never deleted) and only that post is recomputed:
    no warning, and the other posts are still cached."""
    cache = tmp_path / "cache"
    digest(posts, cache_dir=cache)
    entries = _entries(cache)
    entries[0].unlink()
    entries[0].mkdir()
    (entries[0] / "keep.txt").write_text("x", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = digest(posts, cache_dir=cache)
    assert sum(not r.cached for r in again.results) == 1
    assert (entries[0] / "keep.txt").is_file()
    assert all(e.is_file() for e in entries[1:])


def test_html_applies_the_url_rule_to_every_link(posts: Path) -> None:
    """Whatever a result holds, the renderer writes only http(s) or relative hrefs."""
    from summarize.batch.render import to_html, to_markdown

    data = digest(posts / "alpha.md").to_dict()
    data["posts"][0]["link"] = "javascript:alert(1)"
    for t in data["posts"][0]["takeaways"]:
        t["link"] = "data:text/html,x"
    html, md = to_html(data), to_markdown(data)
    assert "javascript:" not in html and "data:" not in html and "javascript:" not in md
    assert 'href="' not in html  # no safe link was left


def _slow_chunk(chunk: list, options: Options) -> list:
    if any(Path(path).name == "slow.md" for path, _ in chunk):
        time.sleep(60)
    return process_chunk(chunk, options)


def test_timeout_stops_a_slow_post_in_a_worker(posts: Path, warm: None) -> None:
    """A post past --timeout is reported as failed (TimeoutError) and the run goes on."""
    shutil.copyfile(posts / "bravo.md", posts / "slow.md")
    files = find_posts(posts)
    engine = ProcessEngine(2, func=_slow_chunk, warm_up=False, timeout=2)
    start = time.perf_counter()
    results = {Path(r.path).name: r for r in engine.map(((p, None) for p in files), Options(), len(files))}
    assert time.perf_counter() - start < 40
    assert results["slow.md"].error_type == "TimeoutError" and "still running after 2 s" in results["slow.md"].error
    assert results["alpha.md"].ok and results["bravo.md"].ok


def test_timeout_in_this_process(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 1: the alarm stops a slow post the same way."""
    import summarize.batch.engines as engines

    real = engines.process_file

    def slow(path: str, options: Options, data: bytes | None = None):
        if Path(path).name == "bravo.md":
            time.sleep(30)
        return real(path, options, data)

    monkeypatch.setattr(engines, "process_file", slow)
    tasks = [(str(posts / "bravo.md"), None), (str(posts / "alpha.md"), None)]
    start = time.perf_counter()
    results = list(SerialEngine(timeout=1).map(tasks, Options(), 2))
    assert time.perf_counter() - start < 20
    assert results[0].error_type == "TimeoutError" and results[1].ok


def test_stale_temp_files_are_removed_on_the_next_write(tmp_path: Path) -> None:
    """A writer killed mid-write leaves .NAME.PID.*.tmp; the next write removes it (a live writer's stays)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.md.{dead.stdout.strip()}.abc123xy.tmp"
    live = tmp_path / f".out.md.{os.getppid()}.abc123xy.tmp"
    other = tmp_path / ".notes.md.1.abc123xy.tmp"
    for p in (stale, live, other):
        p.write_text("half", encoding="utf-8")
    write_atomic(tmp_path / "out.md", "whole\n")
    assert not stale.exists() and live.exists() and other.exists()
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "whole\n"


def _big_folder(tmp_path: Path, copies: int = 6) -> Path:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(copies):
        for p in CORPORA.iterdir():
            if p.name != "SOURCES.md":
                shutil.copyfile(p, root / f"{i}-{p.name}")
    return root


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _start_digest(root: Path, out: Path, tmp_path: Path) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "summarize", "digest", str(root), "-o", str(out), "--jobs", "2", "--no-cache",
            "--no-progress"]
    # As from a terminal: Ctrl-C's default action restored in the child. A process started in the background
    # inherits SIGINT ignored (POSIX shells do that to background jobs, and so may the runner of this suite),
    # and a Python started that way rightly leaves Ctrl-C ignored.
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    return proc


def _gone(pids: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
                   for pid in pids if Path(f"/proc/{pid}").exists()):
            return True
        time.sleep(0.05)
    return False


@linux_only
@pytest.mark.parametrize(("sig", "code", "line"), [(signal.SIGTERM, 143, "summarize: terminated"),
                                                   (signal.SIGINT, 130, "summarize: interrupted")])
def test_sigterm_and_ctrl_c_end_the_run_cleanly(tmp_path: Path, sig: int, code: int, line: str) -> None:
    """One line, the right exit code, no traceback, workers gone, no output file, quickly."""
    out = tmp_path / "digest.md"
    proc = _start_digest(_big_folder(tmp_path), out, tmp_path)
    workers = _children(proc.pid)
    start = time.monotonic()
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)  # Ctrl-C reaches the group
    _, err = proc.communicate(timeout=30)
    elapsed = time.monotonic() - start
    assert proc.returncode == code and err.strip() == line, err
    assert elapsed < 5  # within a second on a quiet machine; CI shares its cores
    assert _gone(workers, 5) and not out.exists()


@linux_only
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """SIGKILL to the parent: its workers are killed too (no orphans still working)."""
    proc = _start_digest(_big_folder(tmp_path), tmp_path / "d.md", tmp_path)
    workers = _children(proc.pid)
    proc.kill()
    proc.wait(timeout=10)
    assert _gone(workers, 5)


def test_digest_renderers_strip_control_characters_and_balance_bidi(tmp_path: Path) -> None:
    """A title or takeaway carrying ESC sequences or an unclosed RLO reaches HTML and Markdown clean; JSON keeps
    the value (escaped)."""
    import summarize

    post = tmp_path / "posts" / "evil.md"
    post.parent.mkdir()
    post.write_text(
        "---\ntitle: \"Istio \\u202eevil\\u001b[2J title\"\n---\n\n"
        "Istio moved its control plane into one binary called istiod, which made upgrades simpler for operators.\n"
        "Envoy proxies get their configuration from istiod over xDS, so the mesh needs one component to run.\n",
        encoding="utf-8",
    )
    digest = summarize.digest([post.parent], n=2)
    for rendered in (digest.to_html(), digest.to_markdown()):
        assert "\x1b" not in rendered
        for line in rendered.splitlines():
            assert line.count("\u202e") <= line.count("\u202c")
    assert "\u202e" in json.loads(digest.to_json())["posts"][0]["title"]


def _read_pty(fd: int, seconds: float) -> str:
    """What the terminal has shown within ``seconds`` (until it closes)."""
    import select

    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the other end closed
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


@linux_only
def test_first_result_shows_early_and_ctrl_c_after_it_ends_the_run(tmp_path: Path) -> None:
    """On a terminal: the progress bar counts a first result while most posts are still to come, and Ctrl-C
    sent then ends the run promptly: exit 130, one line, no traceback, no worker left, the output file of the
    last build untouched. Results held back to the end would show their first count only as the run
    finishes, so the Ctrl-C would come too late and the file would be rewritten (checked by hand)."""
    import fcntl
    import pty
    import re
    import struct
    import termios

    root = _big_folder(tmp_path)
    total = len(list(root.iterdir()))
    out = tmp_path / "digest.md"
    out.write_text("the previous digest\n", encoding="utf-8")
    before = (out.read_bytes(), out.stat().st_mtime_ns)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    argv = [sys.executable, "-m", "summarize", "digest", str(root), "-o", str(out), "--jobs", "2", "--no-cache"]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    try:
        shown, done = "", 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and done == 0:
            shown += _read_pty(master, 0.2)
            counts = [int(n) for n in re.findall(rf"\b(\d+)/{total}\b", shown)]
            done = max(counts, default=0)
        assert 0 < done < total, f"first progress shown: {done}/{total}\n{shown[-500:]}"
        workers = _children(proc.pid)
        start = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        proc.wait(timeout=30)
        elapsed = time.monotonic() - start
        shown = _read_pty(master, 1.0)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert proc.returncode == 130, shown
    assert "summarize: interrupted" in shown and "Traceback" not in shown and "Exception" not in shown, shown
    assert elapsed < 5  # within a second on a quiet machine; CI shares its cores
    assert _gone(workers, 5)
    assert (out.read_bytes(), out.stat().st_mtime_ns) == before


_INTERRUPT_DURING_FORK = """
import os, signal, sys
from summarize.cli import main

sent = []

def parent():  # Ctrl-C arriving while fork runs its hooks: Python used to drop it there
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), signal.SIGINT)

def child():  # and in the new worker, before it has set Ctrl-C aside
    os.kill(os.getpid(), signal.SIGINT)

os.register_at_fork(after_in_parent=parent, after_in_child=child)
sys.exit(main(sys.argv[1:]))
"""


@linux_only
def test_ctrl_c_during_a_fork_is_not_lost(posts: Path, tmp_path: Path) -> None:
    """A Ctrl-C that lands inside the fork of a worker still stops the run (exit 130, no output file),
    and neither the parent nor the new worker prints a traceback or "Exception ignored"."""
    out = tmp_path / "digest.md"
    argv = [sys.executable, "-c", _INTERRUPT_DURING_FORK, "digest", str(posts), "-o", str(out), "--jobs", "2",
            "--no-cache", "--no-progress"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert (done.returncode, done.stderr.strip()) == (130, "summarize: interrupted"), done.stderr
    assert not out.exists()
