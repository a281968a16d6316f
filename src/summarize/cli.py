"""The command line: a thin layer that maps flags to library parameters and errors to exit codes.

Exit codes: 0 success, 1 bad input (a SummarizeError), 2 bad usage, 3 an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from . import __version__
from .errors import SummarizeError, UsageError

SUBCOMMANDS = ("sentences", "algorithms")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input-format", default="auto", metavar="FMT",
                        help="how to read the input: auto (default), markdown, text, transcript, srt, vtt, caption-dump")
    parser.add_argument("--max-bytes", type=int, default=None, metavar="N",
                        help="refuse inputs larger than N bytes (default 20,000,000)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser.add_argument("--version", action="version", version=f"summarize {__version__}")


def build_sentences_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize sentences",
        description="Print the sentences summarize sees in FILE, with language, line, speaker and time.",
        epilog="Example: summarize sentences talk.srt --format jsonl",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input file(s); - reads standard input")
    parser.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl",
                        help="jsonl (default): one JSON object per sentence; json: one document; text: one per line")
    parser.add_argument("--clean", action="store_true", help="text format: print the disfluency-free view")
    _common(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Print the key takeaways of a post, transcript or caption file, offline.",
        epilog=(
            "Other commands: `summarize sentences FILE` (the sentences it sees), "
            "`summarize algorithms` (the scorers). Example: summarize post.md -n 5 --format json"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input file(s); - reads standard input")
    parser.add_argument("-n", type=int, default=5, metavar="N", help="number of takeaways (default 5)")
    parser.add_argument("--max-words", type=int, default=None, metavar="N",
                        help="length budget in words (characters for Chinese); stops before N is passed")
    parser.add_argument("--lang", default="auto", metavar="LANG",
                        help="auto (default: the post's main language, by its title when bilingual), en or zh")
    parser.add_argument("--algorithm", default="takeaways", metavar="NAME",
                        help="scorer to use (default takeaways); `summarize algorithms` lists them")
    parser.add_argument("--format", default="md", metavar="FMT", help="md (default), json or text")
    _common(parser)
    return parser


OUTPUT_FORMATS = ("md", "json", "text")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            if args and args[0] == "sentences":
                return _run_sentences(build_sentences_parser().parse_args(args[1:]))
            if args and args[0] == "algorithms":
                return _run_algorithms(args[1:])
            return _run_summarize(build_parser().parse_args(args))
    except SummarizeError as error:
        if debug:
            raise
        print(f"summarize: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("summarize: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug of ours: say so in one line, keep the traceback for --debug
        if debug:
            raise
        print(
            f"summarize: internal error: {type(error).__name__}: {error} "
            "(rerun with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 3


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    print(f"summarize: warning: {message}", file=sys.stderr)


def _limits(ns: argparse.Namespace) -> dict[str, Any]:
    from .parse import DEFAULT_MAX_BYTES, FORMATS
    from .errors import UnknownChoiceError

    if ns.input_format not in FORMATS:
        raise UnknownChoiceError("--input-format", ns.input_format, FORMATS)
    if ns.max_bytes is not None and ns.max_bytes <= 0:
        raise UsageError(f"--max-bytes must be a positive number of bytes, not {ns.max_bytes}")
    return {"fmt": ns.input_format, "max_bytes": ns.max_bytes or DEFAULT_MAX_BYTES}


def _run_sentences(ns: argparse.Namespace) -> int:
    from ._output import check_output_path, emit
    from .pipeline import load
    from pathlib import Path

    if ns.output:
        check_output_path(ns.output)
    limits = _limits(ns)
    docs = [load(Path(f) if f != "-" else f, **limits) for f in ns.files]
    out: list[str] = []
    if ns.format == "json":
        payload = [
            {"source": d.source, "format": d.format, "title": d.title, "lang": d.lang,
             "sentences": [s.to_dict() for s in d.sentences]}
            for d in docs
        ]
        out.append(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for d in docs:
            for s in d.sentences:
                if ns.format == "jsonl":
                    record = s.to_dict() | ({"source": d.source} if len(docs) > 1 else {})
                    out.append(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    out.append((s.clean if ns.clean else s.text) + "\n")
    emit("".join(out), ns.output)
    return 0


def _run_summarize(ns: argparse.Namespace) -> int:
    from ._output import check_output_path, emit
    from .errors import EmptyInputError, UnknownChoiceError
    from .pipeline import LANGS, load, summarize
    from .score import algorithms
    from pathlib import Path

    if ns.format not in OUTPUT_FORMATS:
        raise UnknownChoiceError("--format", ns.format, OUTPUT_FORMATS)
    if ns.lang not in LANGS:
        raise UnknownChoiceError("--lang", ns.lang, LANGS)
    if ns.algorithm not in algorithms():
        raise UnknownChoiceError("--algorithm", ns.algorithm, algorithms())
    if ns.output:
        check_output_path(ns.output)
    limits = _limits(ns)
    summaries = []
    for name in ns.files:
        doc = load(Path(name) if name != "-" else name, **limits)
        if not doc.sentences:
            raise EmptyInputError(f"{doc.source}: no prose to summarize (the file is empty, or only code, images or markup)")
        summary = summarize(doc, n=ns.n, lang=ns.lang, algorithm=ns.algorithm, max_words=ns.max_words)
        if not summary.takeaways and ns.n > 0:
            other = "zh" if summary.lang == "en" else "en"
            raise EmptyInputError(
                f"{doc.source}: no sentence in {summary.lang!r} worth a takeaway; try --lang {other} or --lang auto"
            )
        summaries.append(summary)
    if ns.format == "json":
        payload: Any = [s.to_dict() for s in summaries]
        text = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
    elif ns.format == "text":
        text = "".join(s.to_text() for s in summaries)
    else:
        text = "\n".join(s.to_markdown() for s in summaries)
    emit(text, ns.output)
    return 0


def _run_algorithms(args: list[str]) -> int:
    from .score import algorithms

    parser = argparse.ArgumentParser(prog="summarize algorithms", description="List the scorers, one line each.")
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    parser.parse_args(args)
    table = algorithms()
    width = max(len(name) for name in table)
    for name, algorithm in table.items():
        cite = f" [{algorithm.reference}]" if algorithm.reference else ""
        print(f"{name:<{width}}  {algorithm.description}{cite}")
    return 0


def console_main() -> None:
    """Entry point of the ``summarize`` console script."""
    sys.exit(main())
