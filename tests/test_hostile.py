"""Hostile inputs (issue 15), one test per failure mode, small enough for CI: special files refused,
devices and FIFOs written straight into, full disks and odd ``-o`` values reported, slow user
templates named, control and bidi characters kept off terminals and readers, and the lookups that
were quadratic still giving the same answers. The benchmark (``benchmarks/hostile.py``) runs the
big sizes; ``test_hostile_properties.py`` checks that reading stays linear."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.cli import main

PROSE = "Istio picked Envoy because it was lightweight and written in C++. Envoy was battle tested at Lyft.\n"
ROOT = Path(__file__).resolve().parents[1]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("summarize: error:")]
    assert len(lines) == 1, err
    return lines[0]


# ------------------------------------------------------------------------------ special files as inputs


def test_fifo_input_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO with no writer used to block forever; it is refused at once, in its own process."""
    fifo = tmp_path / "post.fifo"
    os.mkfifo(fifo)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", "summarize", str(fifo)], capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == 1
    assert "is a FIFO (named pipe), not a regular file" in one_error_line(proc.stderr)


def test_socket_and_device_inputs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A socket, a device, and a symlink to /dev/zero (which read 7 GB) get one line and exit 1."""
    sock_path = tmp_path / "post.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        code, _, err = run([str(sock_path)], capsys)
    finally:
        sock.close()
    assert code == 1 and "is a socket, not a regular file" in one_error_line(err)
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    for name in (str(link), "/dev/zero"):
        code, _, err = run([name], capsys)
        assert code == 1 and "is a character device, not a regular file" in one_error_line(err)


def test_stdin_still_works(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Standard input is a pipe, not a regular file, and is still read as ``-``."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PROSE.encode() * 2)))
    code, out, _ = run(["-", "--format", "text"], capsys)
    assert code == 0 and "Envoy" in out


def test_special_file_kind() -> None:
    from summarize.parse import special_file_kind

    assert special_file_kind(stat.S_IFREG | 0o644) is None
    assert special_file_kind(stat.S_IFDIR | 0o755) is None
    assert special_file_kind(stat.S_IFIFO | 0o644) == "a FIFO (named pipe)"
    assert special_file_kind(stat.S_IFCHR | 0o666) == "a character device"
    assert special_file_kind(stat.S_IFBLK | 0o660) == "a block device"
    assert special_file_kind(stat.S_IFSOCK | 0o600) == "a socket"
    assert special_file_kind(stat.S_IFLNK | 0o777) == "a special file"  # reads "X is a special file, not a regular file"


# ---------------------------------------------------------------------------------------- outputs


@pytest.fixture()
def post(tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_text(PROSE * 2, encoding="utf-8")
    return path


def test_symlink_to_a_device_is_written_into_not_replaced(post: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``-o`` a symlink to /dev/null writes into the device: the link (and /dev/null) stay what they were."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    code, _, err = run([str(post), "-o", str(link)], capsys)
    assert code == 0, err
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "post.md"]  # no temp file left


def test_fifo_output_is_written_straight_into(post: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO as ``-o`` receives the output (a rename would have replaced it with a file)."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run([str(post), "-o", str(fifo), "--format", "text"], capsys)
    reader.join(30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Envoy" in received


def test_symlink_to_a_regular_file_keeps_the_link(post: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The file a symlink points to is replaced atomically; the symlink itself stays."""
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    code, _, _ = run([str(post), "-o", str(link)], capsys)
    assert code == 0
    assert link.is_symlink() and "Envoy" in target.read_text(encoding="utf-8")


def test_full_device_is_exit_1_with_the_path(post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ENOSPC (here /dev/full, through a symlink) is bad output, exit 1 naming the path; not an internal error."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    code, _, err = run([str(post), "-o", str(link)], capsys)
    assert code == 1
    assert f"cannot write {link}: No space left on device" in one_error_line(err)


def test_disk_full_during_an_atomic_write_leaves_the_old_file(post: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk mid-write: exit 1 with the path, the previous file intact, no temp file left."""
    out = tmp_path / "summary.md"
    out.write_text("previous\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run([str(post), "-o", str(out)], capsys)
    assert code == 1 and f"cannot write {out}: No space left on device" in one_error_line(err)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md", "summary.md"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["-o", ""], "the output file name is empty"),
        (["-o", "newdir/"], "output newdir/ ends with a slash, so it names a folder"),
        (["-o", "existing/"], "output existing/ is a directory"),
    ],
    ids=["empty", "new folder", "existing folder"],
)
def test_odd_output_names_are_usage_errors(argv: list[str], needle: str, post: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o ""`` no longer means stdout, ``-o newdir/`` no longer writes a file called newdir."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    for command in ([], ["quiz"], ["sentences"]):
        code, out, err = run([*command, str(post), *argv], capsys)
        assert code == 2 and needle in one_error_line(err) and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing", "post.md"]


# ---------------------------------------------------------------------------------- user templates

SLOW_PACK = (ROOT / "tests" / "fixtures" / "templates" / "catastrophic.toml").read_text(encoding="utf-8")


def test_a_catastrophic_user_template_is_stopped_and_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A user pattern that backtracks forever is stopped by the timeout; the error names the pack and template."""
    from summarize.quiz import packs

    monkeypatch.setattr(packs, "USER_PATTERN_TIMEOUT", 0.05)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "slow.toml").write_text(SLOW_PACK, encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text(PROSE * 2, encoding="utf-8")
    code, _, err = run(["quiz", str(post), "--templates", str(tmp_path / "tpl")], capsys)
    assert code == 1
    line = one_error_line(err)
    assert "slow.toml: template 'slow-one' took over 0.05 s on one sentence" in line
    assert "backtracks catastrophically" in line


def test_builtin_templates_use_re_and_user_ones_regex(tmp_path: Path) -> None:
    """Only user packs pay for the timeout; the shipped ones stay on the standard library's re."""
    import re

    from summarize.quiz.packs import load_packs

    (tmp_path / "slow.toml").write_text(SLOW_PACK, encoding="utf-8")
    templates = {t.id: t for t in load_packs([tmp_path])["en"].templates}
    assert isinstance(templates["slow-one"].pattern, re.Pattern) is False
    assert all(isinstance(t.pattern, re.Pattern) for i, t in templates.items() if i != "slow-one" and t.pattern)


# ------------------------------------------------------------------------- what reaches a reader

UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
OPENERS, CLOSERS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068", "\u202c\u2069"


def balanced(line: str) -> bool:
    stack = []
    for ch in line:
        if ch in OPENERS:
            stack.append("\u2069" if ch in "\u2066\u2067\u2068" else "\u202c")
        elif ch in CLOSERS:
            if not stack or stack.pop() != ch:
                return False
    return not stack


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab \t\n\r\x1b\x07\x85\x7f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ud800中"))))
def test_display_text_drops_controls_and_balances_bidi(text: str) -> None:
    """No control but tab and newline survives, bidi controls balance on every line, and it is idempotent."""
    import re

    from summarize._text import display_text

    shown = display_text(text)
    assert not re.search(UNSAFE, shown)
    assert all(balanced(line) for line in shown.split("\n"))
    assert display_text(shown) == shown
    assert shown.count("\n") == text.replace("\r\n", "\n").count("\n") + text.replace("\r\n", "\n").count("\r")
    kept = re.sub(f"{UNSAFE}|[{OPENERS}{CLOSERS}]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert re.sub(f"[{OPENERS}{CLOSERS}]", "", shown).replace("\ufffd", "") == kept.replace("\ufffd", "")


def test_escape_json_text_keeps_the_values() -> None:
    from summarize._text import escape_json_text

    value = {"title": "a\u202eb\u2066c", "path": "p\udcff.md", "c1": "x\x9by"}
    dumped = escape_json_text(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert dumped.encode("utf-8")  # no lone surrogate left to fail the encoding
    assert "\u202e" not in dumped and "\\u202e" in dumped


HOSTILE_POST = (
    "# Safe \u202eevil title \x1b]0;owned\x07\n\n"
    "Istio picked Envoy \x1b[2J because it was lightweight \u2066and fast. Envoy was battle tested at Lyft.\n"
)


@pytest.mark.parametrize("argv", [[], ["--format", "text"], ["sentences", "--format", "text"]],
                         ids=["md", "text", "sentences"])
def test_human_facing_outputs_carry_no_escapes_and_balanced_bidi(argv: list[str], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """ESC sequences never reach a terminal; an override opened in a title is closed on its own line."""
    post = tmp_path / "post.md"
    post.write_text(HOSTILE_POST, encoding="utf-8")
    command, options = (argv[:1], argv[1:]) if argv[:1] == ["sentences"] else ([], argv)
    code, out, err = run([*command, str(post), *options], capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert any(c in out for c in OPENERS) and all(balanced(line) for line in out.split("\n"))


@pytest.mark.parametrize("fmt", ["md", "tsv"])
def test_quiz_outputs_carry_no_escapes(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Cards from a transcript laced with ESC sequences and overrides show neither raw (see also tests/export)."""
    text = (ROOT / "corpora" / "kubernetes-podcast-lin-sun-istio.transcript.txt").read_text(encoding="utf-8")
    post = tmp_path / "talk.txt"
    post.write_text(text.replace("Istio", "Istio\u202e\x1b[2J", 5).replace(". ", ". \x1b]0;owned\x07", 20), encoding="utf-8")
    code, out, err = run(["quiz", str(post), "--format", fmt], capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert all(balanced(line) for line in out.split("\n"))


def test_json_keeps_them_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output keeps the characters (as escapes) and parses back to them."""
    post = tmp_path / "post.md"
    post.write_text(HOSTILE_POST, encoding="utf-8")
    code, out, _ = run([str(post), "--format", "json"], capsys)
    assert code == 0
    assert "\u202e" not in out and json.loads(out)["title"].startswith("Safe \u202eevil title")


def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A non-UTF-8 file name is escaped in JSON (it round-trips to the same name) and replaced in Markdown."""
    raw = os.path.join(os.fsencode(tmp_path), b"post\xff.md")
    with open(raw, "wb") as fh:
        fh.write(PROSE.encode() * 2)
    name = os.fsdecode(raw)
    for argv in (["--format", "json"], ["sentences", "--format", "json"]):
        command, options = (argv[:1], argv[1:]) if argv[0] == "sentences" else ([], argv)
        code, out, _ = run([*command, name, *options], capsys)
        assert code == 0
        out.encode("utf-8")  # strict: no lone surrogate
        assert json.loads(out)["source"] == name
    code, out, _ = run([name], capsys)
    assert code == 0 and "post\ufffd.md" in out
    out.encode("utf-8")


# ------------------------------------------------------------------- lookups that were quadratic


def test_html_block_with_unclosed_tags_keeps_its_text() -> None:
    """``<`` that never closes is text to html.parser (it rescanned the line for each one), and tags still go."""
    from summarize.parse.markdown import _html_text

    assert _html_text('<div class="x">Hello <b>there</b> x < y <!-- c --> done</div>\n<p>two</p>') == \
        "Hello there x < y  done\ntwo"
    assert "Hello" in _html_text("<div " * 200 + "Hello")


def test_abbreviation_merge_reads_only_the_last_word() -> None:
    """"Dr." still runs on into the next sentence; a long final token is never taken for an abbreviation."""
    import summarize

    texts = [s.text for s in summarize.load("He met Dr. Smith at noon. Then e.g. this one. 中文。e.g. fine.").sentences]
    assert texts == ["He met Dr. Smith at noon.", "Then e.g. this one.", "中文。", "e.g. fine."]
    long = "x" * 100 + "e.g."
    assert [s.text for s in summarize.load(f"See {long} Next one here.").sentences][-1] == "Next one here."


def test_english_spans_cover_a_long_paragraph_in_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Punkt reads windows cut after sentence ends; every character is still in a span, in order."""
    from summarize.segment import en

    text = " ".join(f"Sentence number {i} ends here." for i in range(2_000))
    spans = en.en_spans(text)
    assert len(spans) == 2_000
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_english_spans_fall_back_when_nltk_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """NLTK's ReDoS backstop raises TimeoutError on a pathological window: plain sentence ends are used instead."""
    from summarize.segment import en

    class Slow:
        def span_tokenize(self, text: str) -> None:
            raise TimeoutError("regular-expression match exceeded its 5.0s time limit")

    monkeypatch.setattr(en, "punkt", Slow)
    text = "One is here. Two is there! Three"
    assert [text[a:b] for a, b in en.en_spans(text)] == ["One is here.", "Two is there!", "Three"]


_ALPHABET = st.sampled_from(list("aB1._+-\t \n中Łé#&"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.lists(st.text(_ALPHABET, min_size=1, max_size=8), max_size=6),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=4))
def test_term_lookup_matches_one_regex_per_term(text: str, extra: list[str], cuts: list[tuple[int, int]]) -> None:
    """The one-pass term counts and lookups equal what one regex (or ``in``) per term, the old way, gives."""
    import re

    from summarize.quiz.terms import counting_terms, occurs, present_terms, substring_terms, term_counts

    terms = set(extra) | {text[a : a + n] for a, n in cuts if text[a : a + n]}
    old_counts = {}
    for term in terms:
        if re.match(r"^[\w.+-]+(?:\s[\w.+-]+)*$", term) and term.isascii():
            n = len(re.findall(rf"(?<![\w.+-]){re.escape(term)}(?![\w+-])", text))
        else:
            n = text.count(term)
        if n:
            old_counts[term] = n
    assert term_counts(text, counting_terms(terms)) == old_counts
    index = substring_terms(terms)
    assert present_terms(text, index) == {t for t in terms if t in text}
    assert occurs(text, index) == any(t in text for t in terms)
