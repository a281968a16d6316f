"""Bad input of every kind, through the command line: a one-line error and the right exit code,
never a traceback, never a stray or half-written output file."""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from pathlib import Path

import pytest

from summarize.cli import main

PROSE = "Istio picked Envoy because it was lightweight and written in C++. Envoy was battle tested at Lyft.\n"
ZH = "Istio 是一个服务网格。我们选择了 Envoy 作为数据平面，因为它很轻量。\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "hello")
    return buffer.getvalue()


# name → (file bytes or None for no file, extra argv, exit code, text the one-line message must contain)
BAD_INPUT = {
    "missing file": (None, [], 1, "no such file"),
    "empty file": (b"", [], 1, "is empty (or only whitespace): nothing to summarize"),
    "whitespace only": (b" \n\t\n  \r\n", [], 1, "nothing to summarize"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", [], 1, "is a PDF document, not text"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], 1, "is a PNG image"),
    "zip": (_zip_bytes(), [], 1, "zip archive"),
    "invalid utf-8": (b"Istio \xff\xfe\xfd picked \x80 Envoy.", [], 1, "cannot decode byte 0xff at offset 6"),
    "only code": (b"```python\nprint('hi')\n```\n", [], 1, "no prose to summarize: only code"),
    "only images": (b"![diagram](a.png)\n\n![logo](b.svg)\n", [], 1, "no prose to summarize"),
    "only a table": (b"| a | b |\n|---|---|\n| 1 | 2 |\n", [], 1, "only table"),
    "all caption cues broken": (b"1\n00:00:xx,000 --> 00:00:02,000\nhello\n\n2\n99:99 --> nope\nworld\n", ["--input-format", "srt"], 1, "no readable caption cue"),
    "too large": (PROSE.encode() * 10, ["--max-bytes", "200"], 1, "larger than the 200-byte limit; pass --max-bytes"),
}

BAD_USAGE = {
    "unknown algorithm": (["--algorithm", "bert"], "unknown --algorithm 'bert'; choose one of: edmundson, kl, lead"),
    "unknown format": (["--format", "pdf"], "unknown --format 'pdf'; choose one of: json, md, text"),
    "unknown lang": (["--lang", "fr"], "unknown --lang 'fr'; choose one of: auto, en, zh"),
    "unknown input format": (["--input-format", "docx"], "unknown --input-format 'docx'"),
    "output in a missing folder": (["-o", "no/such/dir/out.md"], "output folder no/such/dir does not exist"),
    "negative n": (["-n", "-3"], "-n must be 0 or more"),
    "zero max-words": (["--max-words", "0"], "--max-words must be a positive number"),
}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, needle: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("summarize: error:")]
    assert len(lines) == 1, err
    assert needle in lines[0], lines[0]


@pytest.mark.parametrize("case", list(BAD_INPUT), ids=list(BAD_INPUT))
def test_bad_input_exits_1_with_one_line(case: str, tmp_path: Path, capsys, monkeypatch) -> None:
    """Each kind of bad input: exit 1, one `summarize: error:` line naming the problem, nothing written."""
    data, extra, expected_code, needle = BAD_INPUT[case]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "post.md"
    if data is not None:
        path.write_bytes(data)
    code, out, err = run([str(path), *extra, "-o", "summary.md"], capsys)
    assert code == expected_code
    assert_one_line_error(err, needle)
    assert not (tmp_path / "summary.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["post.md"] if data is not None else [])


@pytest.mark.parametrize("case", list(BAD_USAGE), ids=list(BAD_USAGE))
def test_bad_usage_exits_2_and_lists_the_choices(case: str, tmp_path: Path, capsys) -> None:
    """Unknown option values exit 2 and name the valid ones; nothing is read or written."""
    extra, needle = BAD_USAGE[case]
    post = tmp_path / "post.md"
    post.write_text(PROSE, encoding="utf-8")
    code, _, err = run([str(post), *extra], capsys)
    assert code == 2
    assert_one_line_error(err, needle)


def test_directory_and_permission_denied(tmp_path: Path, capsys, monkeypatch) -> None:
    """A folder where a file is expected, and an unreadable file, are input errors with the fix named."""
    code, _, err = run([str(tmp_path)], capsys)
    assert code == 1
    assert_one_line_error(err, "is a directory")

    post = tmp_path / "secret.md"
    post.write_text(PROSE, encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):  # root ignores file modes, so simulate the OS refusing
        if os.fspath(path) == str(post):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    code, _, err = run([str(post)], capsys)
    assert code == 1
    assert_one_line_error(err, "permission denied; check the file's permissions")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gb18030", ZH.encode("gb18030")),
        ("gbk", ZH.encode("gbk")),
        ("big5", "Istio 是一個服務網格。我們選擇了 Envoy 作為資料平面，因為它很輕量。\n".encode("big5")),
        ("utf-16", ZH.encode("utf-16")),
        ("utf-8 bom crlf", codecs.BOM_UTF8 + ZH.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_legacy_encodings_are_read(name: str, data: bytes, tmp_path: Path, capsys) -> None:
    """Undeclared legacy Chinese encodings and UTF-16 are detected and summarized."""
    post = tmp_path / "old.txt"
    post.write_bytes(data)
    code, out, err = run([str(post), "--format", "text"], capsys)
    assert code == 0, err
    assert "Envoy" in out and "数据平面" in out or "資料平面" in out


@pytest.mark.parametrize(
    ("name", "text", "warning"),
    [
        ("malformed yaml", "---\ntitle: [oops\n---\n" + PROSE, "malformed YAML front matter"),
        ("malformed toml", "+++\ntitle = \n+++\n" + PROSE, "malformed TOML front matter"),
        ("unclosed front matter", "---\ntitle: x\n" + PROSE, "never closed"),
        ("unclosed fence", PROSE + "\n```go\nfunc main() {}\n\n" + PROSE, "code fence '```' is never closed"),
        ("broken caption cue", "1\n00:00:01,000 --> 00:00:03,000\nIstio picked Envoy because it was light.\n\n2\n00:00:xx --> 1\nlost\n\n3\n00:00:05,000 --> 00:00:07,000\nEnvoy was battle tested at Lyft before that.\n", "timing line cannot be read"),
    ],
)
def test_broken_but_readable_input_warns_and_succeeds(name: str, text: str, warning: str, tmp_path: Path, capsys) -> None:
    """Malformed front matter, fences and cues: a warning line, then a normal result."""
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    code, out, err = run([str(post), "--format", "text"], capsys)
    assert code == 0, err
    assert out.strip()
    assert "Traceback" not in err and f"summarize: warning:" in err and warning in err, err


def test_unclosed_shortcode_long_lines_and_deep_nesting(tmp_path: Path, capsys) -> None:
    """An unclosed shortcode, a 300 KB line and 200 nested list levels are all read without error."""
    post = tmp_path / "weird.md"
    post.write_text(
        "{{< youtube abc\n\n" + PROSE + "\n" + ("word " * 60000) + "\n\n"
        + "\n".join("  " * i + f"- Envoy item {i} was tested at Lyft." for i in range(200)) + "\n",
        encoding="utf-8",
    )
    code, out, err = run([str(post), "--format", "json"], capsys)
    assert code == 0, err
    assert "{{<" not in out


def test_failure_never_truncates_an_existing_output(tmp_path: Path, capsys) -> None:
    """When the run fails, the file named by -o keeps its old content, and no temporary file remains."""
    out = tmp_path / "summary.md"
    out.write_text("previous digest\n", encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 binary")
    code, _, _ = run([str(bad), "-o", str(out)], capsys)
    assert code == 1
    assert out.read_text(encoding="utf-8") == "previous digest\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pdf", "summary.md"]


def test_quiz_deck_needs_an_output_and_fails_cleanly(tmp_path: Path, capsys) -> None:
    """An .apkg to stdout is a usage error; a post with no cards leaves no deck behind."""
    post = tmp_path / "post.md"
    post.write_text("Hello there.\n", encoding="utf-8")
    code, _, err = run(["quiz", str(post), "--format", "apkg"], capsys)
    assert code == 2
    assert_one_line_error(err, "give -o")
    code, _, err = run(["quiz", str(post), "-o", str(tmp_path / "deck.apkg")], capsys)
    assert code == 1
    assert_one_line_error(err, "no cards")
    assert not (tmp_path / "deck.apkg").exists()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """--debug lets the exception through, for bug reports."""
    from summarize.errors import InputError

    with pytest.raises(InputError):
        main([str(tmp_path / "missing.md"), "--debug"])


def test_determinism_byte_identical(tmp_path: Path, capsys) -> None:
    """md, json and tsv outputs are byte-identical across runs."""
    post = Path(__file__).resolve().parents[1] / "corpora" / "istio-varun-talwar-kubecon-chicago-2023.md"
    for argv in ([str(post)], [str(post), "--format", "json"], ["quiz", str(post), "--format", "tsv"]):
        first = run(argv, capsys)[1]
        assert first and first == run(argv, capsys)[1]
