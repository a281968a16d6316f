"""The command line, through main(argv): exit codes, messages, outputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPORA

from summarize.cli import main

POST = CORPORA / "istio-varun-talwar-kubecon-chicago-2023.md"


def test_sentences_jsonl_contract(capsys) -> None:
    """`summarize sentences FILE --format jsonl`: one object per sentence with the promised keys, in order."""
    assert main(["sentences", str(POST), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 100
    assert {"id", "text", "lang", "line", "speaker", "time"} <= set(rows[0])
    assert [r["id"] for r in rows] == list(range(len(rows)))
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    nginx = next(r for r in rows if "Nginx" in r["text"] and r["lang"] == "zh")
    assert nginx["speaker"] == "Varun" and nginx["line"] == 54


def test_stdin(monkeypatch, capsys) -> None:
    """`-` reads standard input."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("第一句。Second one.".encode())))
    assert main(["sentences", "-", "--format", "text"]) == 0
    assert capsys.readouterr().out == "第一句。\nSecond one.\n"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["sentences", "no/such/file.md"], 1, "no such file"),
        (["sentences", "."], 1, "is a directory"),
        (["sentences", str(POST), "--input-format", "pdf"], 2, "choose one of: auto, caption-dump, markdown"),
        (["sentences", str(POST), "-o", "missing/dir/out.jsonl"], 2, "does not exist"),
        (["sentences", str(POST), "--max-bytes", "100"], 1, "larger than the 100-byte limit"),
    ],
)
def test_errors_are_one_line_without_traceback(argv, code, message, capsys) -> None:
    """Bad input exits 1, bad usage exits 2, each with one `summarize: error:` line."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("summarize: error:") and message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_output_file_is_written_atomically(tmp_path) -> None:
    """-o writes the whole output and leaves no temporary file beside it."""
    out = tmp_path / "s.jsonl"
    assert main(["sentences", str(POST), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("\n") > 100
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]


def test_console_script_runs() -> None:
    """The installed entry point starts and answers --version."""
    result = subprocess.run([sys.executable, "-m", "summarize", "sentences", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("summarize ")


def test_import_is_light() -> None:
    """`import summarize` loads neither jieba, nltk nor sumy."""
    code = "import summarize, sys; bad = {'jieba', 'nltk', 'sumy', 'numpy'} & set(sys.modules); assert not bad, bad"
    subprocess.run([sys.executable, "-c", code], check=True)
