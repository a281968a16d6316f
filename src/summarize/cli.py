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
from ._text import display_text, escape_json_text
from .errors import SummarizeError, UsageError

SUBCOMMANDS = ("sentences", "algorithms", "quiz", "digest")
QUIZ_FORMATS = ("apkg", "tsv", "json", "md")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input-format", default="auto", metavar="FMT",
                        help="how to read the input: auto (default), markdown, text, transcript, srt, vtt, caption-dump, timestamps (a transcript copied with a time line such as 1:23 above each caption line)")
    parser.add_argument("--max-bytes", type=int, default=None, metavar="N",
                        help="refuse inputs larger than N bytes (default 20,000,000)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser.add_argument("--version", action="version", version=f"summarize {__version__}")


def _summary_options(parser: argparse.ArgumentParser) -> None:
    """The options every takeaways-producing command shares, mapped one to one onto summarize()."""
    parser.add_argument("--max-words", type=int, default=None, metavar="N",
                        help="length budget in words (characters for Chinese); stops before N is passed")
    parser.add_argument("--min-confidence", type=float, default=None, metavar="P",
                        help="past the best one, print a takeaway only when the scorer's confidence that an editor "
                             "keeps it is at least P (0-1; default: the algorithm's own, 0.45 for takeaways); "
                             "0 prints all N")
    parser.add_argument("--lang", default="auto", metavar="LANG",
                        help="auto (default: the post's main language, by its title when bilingual), en or zh")
    parser.add_argument("--algorithm", default="takeaways", metavar="NAME",
                        help="scorer to use (default takeaways); `summarize algorithms` lists them")


def build_sentences_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize sentences",
        description="Print the sentences summarize sees in FILE, with language, line, speaker and time.",
        epilog="Example: summarize sentences talk.srt --format jsonl",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input file(s); - reads standard input")
    parser.add_argument("--format", choices=("jsonl", "json", "text"), default=None,
                        help="jsonl (default): one JSON object per sentence; json: one document; text: one per line "
                             "(with -o and no --format: from the file's ending, .jsonl, .json or .txt)")
    parser.add_argument("--clean", action="store_true", help="text format: print the disfluency-free view")
    _common(parser)
    return parser


def build_quiz_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize quiz",
        description="Make question/answer cards from posts: an Anki deck (one subdeck per post), TSV, JSON or Markdown.",
        epilog="Example: summarize quiz posts/*.md -o istio.apkg --deck Istio",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input file(s); - reads standard input")
    parser.add_argument("--format", default=None, metavar="FMT",
                        help="apkg, tsv, json or md (default: from the -o file's ending: .apkg, .tsv or .txt for "
                             "tsv, .json, .md; else md)")
    parser.add_argument("--deck", default="summarize", metavar="NAME", help="deck name (default summarize)")
    parser.add_argument("--max-cards", type=int, default=20, metavar="N", help="cards per post at most (default 20)")
    parser.add_argument("--lang", default="auto", metavar="LANG", help="auto (default), en or zh")
    parser.add_argument("--templates", action="append", default=[], metavar="DIR",
                        help="a folder of *.toml template packs to add (repeatable); same ids replace built-ins")
    parser.add_argument("--notetype-basic", default=None, metavar="NAME",
                        help='tsv: the note type for question cards (default "Basic"; 问答题 in a Chinese Anki)')
    parser.add_argument("--notetype-cloze", default=None, metavar="NAME",
                        help='tsv: the note type for cloze cards (default "Cloze"; 填空题 in a Chinese Anki)')
    _common(parser)
    return parser


def build_digest_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize digest",
        description=(
            "One section per post (title, date, link or path, key takeaways; with --quiz its top cards), "
            "oldest first (see --sort). Folders are searched recursively for *.md, *.markdown, *.txt, *.srt "
            "and *.vtt; hidden files, special files (FIFOs, sockets, devices) and files that are not posts "
            "(README, SOURCES, CHANGELOG, LICENSE …, Hugo _index.md) are skipped. Results are cached by "
            "content: a rebuild redoes only changed posts."
        ),
        epilog="Example: summarize digest posts/ -o digest.html --quiz",
    )
    parser.add_argument("paths", nargs="+", metavar="DIR|FILE", help="folders of posts and/or post files")
    parser.add_argument("--format", default=None, metavar="FMT",
                        help="md, html (a fragment to embed) or json (default: from the -o file's ending, .md, "
                             ".html or .json; else md)")
    parser.add_argument("-n", type=int, default=3, metavar="N", help="takeaways per post (default 3)")
    _summary_options(parser)
    parser.add_argument("--quiz", action="store_true", help="add each post's top quiz cards")
    parser.add_argument("--max-cards", type=int, default=3, metavar="N", help="cards per post with --quiz (default 3)")
    parser.add_argument("--templates", action="append", default=[], metavar="DIR",
                        help="with --quiz: a folder of *.toml template packs to add (repeatable)")
    parser.add_argument("--sort", default="date", metavar="ORDER",
                        help="date (default: oldest first), -date (newest first), path or title; undated posts last")
    parser.add_argument("--since", default=None, metavar="DATE",
                        help="only posts published on or after DATE (YYYY-MM-DD), judged by the date in each "
                             "file before any post is summarized; undated posts are left out")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="leave out files matching GLOB, relative to the folder or by name "
                             "(repeatable), e.g. --exclude 'drafts/*' --exclude '*.zh.md'")
    parser.add_argument("--include-all", action="store_true",
                        help="also read README, SOURCES, CHANGELOG, LICENSE … and Hugo _index.md list pages, "
                             "which a folder search skips as not posts")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help="make relative post links (url: /posts/x/, slug) absolute, e.g. https://example.com/")
    parser.add_argument("-j", "--jobs", type=_jobs, default="auto", metavar="N",
                        help="worker processes (default auto: this process for fewer than 8 posts, else one "
                             "per idle core); N above the usable cores counts as that many (--jobs 8 on 2 "
                             "cores is --jobs 2); 1 works in this process")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="stop a post still running after SECONDS and report it as failed "
                             "(default 60; 0: no limit)")
    parser.add_argument("--engine", default=None, metavar="NAME",
                        help="serial, process or dask (default: process unless --jobs 1; dask when "
                             "--scheduler is given; --engine dask alone starts a local cluster)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="Dask scheduler for --engine dask, e.g. tcp://10.0.0.5:8786 "
                             '(pip install "summarize[dask]"); an unreachable one fails within 5 s')
    parser.add_argument("--cache-dir", default=None, metavar="DIR",
                        help="where results are cached (default: results/ in the user cache folder, "
                             "e.g. ~/.cache/summarize on Linux, or $SUMMARIZE_CACHE_DIR)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write cached results")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar (it is only ever shown on a terminal)")
    _common(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Print the key takeaways of a post, transcript or caption file, offline.",
        epilog=(
            "Other commands: `summarize sentences FILE` (the sentences it sees), "
            "`summarize algorithms` (the scorers), `summarize quiz FILE` (question cards, Anki decks), "
            "`summarize digest DIR` (a digest of many posts). "
            "Example: summarize post.md -n 5 --format json"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input file(s); - reads standard input")
    parser.add_argument("-n", type=int, default=5, metavar="N", help="number of takeaways (default 5, at most)")
    _summary_options(parser)
    parser.add_argument("--format", default=None, metavar="FMT",
                        help="md (default), json or text (with -o and no --format: from the file's ending, "
                             ".md, .json or .txt)")
    _common(parser)
    return parser


OUTPUT_FORMATS = ("md", "json", "text")


def _jobs(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers or auto") from None


def _format_for(ns: argparse.Namespace, endings: dict[str, str], default: str) -> str:
    """``--format`` when given, else the one the ``-o`` file's ending names, else ``default``."""
    from pathlib import Path

    if ns.format:
        return {"markdown": "md", "htm": "html"}.get(ns.format, ns.format)
    suffix = Path(ns.output).suffix.lower() if ns.output else ""
    return endings.get(suffix, default)


def _glue_sort(args: list[str]) -> list[str]:
    """``--sort -date`` as ``--sort=-date``: argparse would take ``-date`` for an option."""
    out: list[str] = []
    for arg in args:
        if out and out[-1] == "--sort" and arg.startswith("-") and arg != "--":
            out[-1] = f"--sort={arg}"
        else:
            out.append(arg)
    return out


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so the run ends like Ctrl-C: workers stopped, no output written."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    import signal
    import threading

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            if args and args[0] == "sentences":
                return _run_sentences(build_sentences_parser().parse_args(args[1:]))
            if args and args[0] == "algorithms":
                return _run_algorithms(args[1:])
            if args and args[0] == "quiz":
                return _run_quiz(build_quiz_parser().parse_args(args[1:]))
            if args and args[0] == "digest":
                return _run_digest(build_digest_parser().parse_args(_glue_sort(args[1:])))
            return _run_summarize(build_parser().parse_args(args))
    except SummarizeError as error:
        if debug:
            raise
        print(f"summarize: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("summarize: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("summarize: terminated", file=sys.stderr)
        return 143
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
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


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
    from pathlib import Path

    from ._output import check_output_path, emit
    from .pipeline import load, require_prose

    ns.format = _format_for(ns, {".json": "json", ".jsonl": "jsonl", ".txt": "text"}, "jsonl")
    if ns.output is not None:
        check_output_path(ns.output)
    limits = _limits(ns)
    docs = [require_prose(load(Path(f) if f != "-" else f, **limits), "cut into sentences") for f in ns.files]
    out: list[str] = []
    if ns.format == "json":
        payload = [
            {"source": d.source, "format": d.format, "title": d.title, "lang": d.lang,
             "sentences": [s.to_dict() for s in d.sentences]}
            for d in docs
        ]
        out.append(escape_json_text(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)) + "\n")
    else:
        for d in docs:
            for s in d.sentences:
                if ns.format == "jsonl":
                    record = s.to_dict() | ({"source": d.source} if len(docs) > 1 else {})
                    out.append(escape_json_text(json.dumps(record, ensure_ascii=False)) + "\n")
                else:
                    out.append(display_text(s.clean if ns.clean else s.text) + "\n")
    emit("".join(out), ns.output)
    return 0


def _run_summarize(ns: argparse.Namespace) -> int:
    from ._output import check_output_path, emit
    from .errors import EmptyInputError, UnknownChoiceError
    from .pipeline import LANGS, load, require_prose, summarize
    from .score import algorithms
    from pathlib import Path

    ns.format = _format_for(ns, {".json": "json", ".md": "md", ".markdown": "md", ".txt": "text"}, "md")
    if ns.format not in OUTPUT_FORMATS:
        raise UnknownChoiceError("--format", ns.format, OUTPUT_FORMATS)
    if ns.lang not in LANGS:
        raise UnknownChoiceError("--lang", ns.lang, LANGS)
    if ns.algorithm not in algorithms():
        raise UnknownChoiceError("--algorithm", ns.algorithm, algorithms())
    if ns.output is not None:
        check_output_path(ns.output)
    limits = _limits(ns)
    summaries = []
    for name in ns.files:
        doc = require_prose(load(Path(name) if name != "-" else name, **limits))
        summary = summarize(doc, n=ns.n, lang=ns.lang, algorithm=ns.algorithm, max_words=ns.max_words,
                            min_confidence=ns.min_confidence)
        if not summary.takeaways and ns.n > 0:
            other = "zh" if summary.lang == "en" else "en"
            raise EmptyInputError(
                f"{doc.source}: no sentence in {summary.lang!r} worth a takeaway; try --lang {other} or --lang auto"
            )
        summaries.append(summary)
    if ns.format == "json":
        payload: Any = [s.to_dict() for s in summaries]
        text = escape_json_text(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)) + "\n"
    elif ns.format == "text":
        text = "".join(s.to_text() for s in summaries)
    else:
        text = "\n".join(s.to_markdown() for s in summaries)
    emit(text, ns.output)
    return 0


def _run_quiz(ns: argparse.Namespace) -> int:
    from pathlib import Path

    from ._output import check_output_path
    from .errors import EmptyInputError, UnknownChoiceError
    from .export import export
    from .pipeline import LANGS, load, require_prose
    from .quiz import quiz
    from .quiz.packs import load_packs
    from .quiz.post import common_base

    if ns.output is not None:
        check_output_path(ns.output)  # first: "-o dir/" is a folder, not a format
    endings = {".apkg": "apkg", ".tsv": "tsv", ".txt": "tsv", ".json": "json", ".md": "md", ".markdown": "md"}
    fmt = _format_for(ns, endings, "md")
    if not ns.format and ns.output and Path(ns.output).suffix and Path(ns.output).suffix.lower() not in endings:
        raise UsageError(f"cannot tell the card format from the ending of -o {ns.output}; add --format apkg, "
                         "tsv, json or md (or name the file .apkg, .tsv, .txt, .json or .md)")
    if fmt not in QUIZ_FORMATS:
        raise UnknownChoiceError("--format", fmt, QUIZ_FORMATS)
    if ns.lang not in LANGS:
        raise UnknownChoiceError("--lang", ns.lang, LANGS)
    if fmt == "apkg" and not ns.output:
        raise UsageError("an Anki deck is a file: give -o, e.g. -o quiz.apkg")
    notetypes = {"notetype": ns.notetype_basic, "cloze_notetype": ns.notetype_cloze}
    if fmt != "tsv" and any(value is not None for value in notetypes.values()):
        raise UsageError("--notetype-basic/--notetype-cloze name note types for --format tsv; an .apkg brings its own")
    load_packs(ns.templates)  # a broken pack is reported before any post is read
    limits = _limits(ns)
    base = common_base(ns.files)  # card ids name each post relative to this folder
    cards = []
    for name in ns.files:
        doc = require_prose(load(Path(name) if name != "-" else name, **limits), "make cards from")
        cards += quiz(doc, lang=ns.lang, max_cards=ns.max_cards, templates=ns.templates, base=base)
    if not cards:
        raise EmptyInputError(
            "no cards: no sentence of this post made a card that stands on its own without the post (cards are checked "
            "strictly, so a post of stories and opinions can get none; try --lang, or add templates with --templates DIR)"
        )
    options: dict[str, Any] = {"deck": ns.deck} if fmt in ("apkg", "tsv") else {}
    if fmt == "tsv":
        options.update((key, value) for key, value in notetypes.items() if value is not None)
    if fmt == "apkg":
        options["inputs"] = ns.templates  # editing a template pack makes its cards' notes newer
    count = export(cards, fmt, ns.output, **options)
    if ns.output:
        print(f"summarize: wrote {count} cards to {ns.output}", file=sys.stderr)
    return 0


def _run_digest(ns: argparse.Namespace) -> int:
    import time

    from ._output import check_output_path, emit
    from .batch import DEFAULT_TIMEOUT, FORMATS, SUFFIXES, default_cache_dir, digest
    from .errors import EmptyInputError, InputError, UnknownChoiceError

    fmt = _format_for(ns, {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}, "md")
    if fmt not in FORMATS:
        raise UnknownChoiceError("--format", fmt, FORMATS)
    if ns.no_cache and ns.cache_dir:
        raise UsageError("--cache-dir and --no-cache contradict each other; drop one")
    if ns.output is not None:
        check_output_path(ns.output)
    limits = _limits(ns)
    cache_dir = None if ns.no_cache else (ns.cache_dir or default_cache_dir())
    timeout = DEFAULT_TIMEOUT if ns.timeout is None else (ns.timeout or None)
    if ns.timeout is not None and ns.timeout < 0:
        raise UsageError(f"--timeout must be 0 (no limit) or a positive number of seconds, not {ns.timeout:g}")
    start = time.perf_counter()
    result = digest(
        ns.paths, n=ns.n, lang=ns.lang, algorithm=ns.algorithm, max_words=ns.max_words,
        min_confidence=ns.min_confidence, quiz=ns.quiz,
        max_cards=ns.max_cards, templates=ns.templates, jobs=ns.jobs, engine=ns.engine, scheduler=ns.scheduler,
        cache_dir=cache_dir, progress=not ns.no_progress, base_url=ns.base_url, exclude=ns.exclude,
        include_all=ns.include_all, sort=ns.sort, since=ns.since, timeout=timeout, **limits,
    )
    seconds = time.perf_counter() - start
    for r in result.results:
        for message in r.warnings:
            print(f"summarize: warning: {message}", file=sys.stderr)
        if r.error is not None:
            where = "" if r.error.startswith(r.path) else f"{r.path}: "
            print(f"summarize: warning: {where}{r.error}", file=sys.stderr)
            if ns.debug and r.detail:
                print(r.detail, file=sys.stderr, end="")
    if not result.results:
        raise InputError(
            f"no posts in {', '.join(ns.paths)} (looked for {', '.join('*' + s for s in SUFFIXES)}); "
            "give a folder of posts or the files themselves"
        )
    if not result.posts:
        raise EmptyInputError(
            f"none of the {len(result.results)} posts could be summarized (the warnings above say why)"
        )
    emit(result.render(fmt), ns.output)
    if ns.output or sys.stderr.isatty():
        cached = sum(r.cached for r in result.results)
        print(
            f"summarize: digest of {len(result.posts)} posts ({cached} from the cache, "
            f"{len(result.results) - cached} processed, {len(result.errors)} failed) in {seconds:.2f} s"
            + (f", written to {ns.output}" if ns.output else ""),
            file=sys.stderr,
        )
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
