"""Character-level facts about mixed Chinese/English text, shared by readers and segmenters."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# CJK Unified Ideographs (+ Extension A and compatibility ideographs): what we count as Chinese.
CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHAR}]")
LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``re.compile(pattern, flags)`` on the first call, the same object after: for a pattern only Chinese
    text reaches. ``re`` builds a character class over the CJK ranges one code point at a time, about 3 ms
    a pattern, and a run of the CLI on an English post compiled a dozen it never used."""
    return functools.cache(functools.partial(re.compile, pattern, flags))


def cjk_count(text: str) -> int:
    # ``isascii`` is a flag CPython keeps on every string: English text is counted without a scan.
    return 0 if text.isascii() else len(CJK_RE.findall(text))


# Closed-class words: what a sentence's grammar is made of, as opposed to the names and terms it carries.
_EN_FUNCTION_WORDS = frozenset(
    "the a an is are was were be been being am of to in on at for with by from as and or but nor not no this that "
    "these those it its we you they he she i me us them him her our your their my his can could will would shall should "
    "may might must do does did have has had if than then so which who whom whose what when where why how there here "
    "also just into about over under more most very all any some each every such only because while although though "
    "unless until since let".split()
)
_EN_WORD_RE = re.compile(r"(?<![A-Za-z0-9_./-])[A-Za-z]+(?![A-Za-z0-9_/-])")
_ZH_FUNCTION_CHARS = frozenset("的了是在和与对从把被将也都就很吗呢吧这那我你他她它们不没有为以及并而或等让给向到之其该此但所可会能要着过得地")
_ZH_FUNCTION_RE = re.compile("[" + "".join(sorted(_ZH_FUNCTION_CHARS)) + "]")


def guess_lang(text: str, default: str = "en") -> str:
    """'zh' or 'en' for a span of text: the language of its grammar, not of its words.

    Chinese technical writing is full of English names ("Reflector 采用 K8s HTTP API List/Watch API
    Server 中指定的资源。"), and English writing sometimes names a Chinese company. So the rule counts
    closed-class words, which only the sentence's own language supplies:

    1. Text with hanzi and no English function word is Chinese, however many English terms it carries.
    2. Text with English function words and no Chinese function character is English, whatever
       Chinese names it carries ("We partnered with 阿里巴巴 on this.").
    3. Where both languages contribute grammar, the one with more function words wins; a tie is Chinese.
    4. Text without hanzi is English; text without any letters of either is ``default``.
    """
    if text.isascii() or CJK_RE.search(text) is None:  # no hanzi (the first one is enough to know)
        return "en" if LATIN_WORD_RE.search(text) else default
    # Lower case only, but for the text's first word: a capitalised "He" or "Who" mid-text is a name
    # ("Jianpeng He (Tetrate)"), not grammar.
    english = sum(
        1 for m in _EN_WORD_RE.finditer(text)
        if m.group(0).lower() in _EN_FUNCTION_WORDS and (m.group(0).islower() or not text[: m.start()].strip(" \"'“‘(（「"))
    )
    if not english:
        return "zh"
    chinese = len(_ZH_FUNCTION_RE.findall(text))  # the characters of _ZH_FUNCTION_CHARS, counted in C
    return "zh" if chinese >= english else "en"


# ------------------------------------------------------------------------------ what reaches a reader

#: Characters no human-facing output carries as they are: C0 controls but tab and newline (ESC
#: sequences retitle or clear a terminal), DEL, C1 controls, lone surrogates (an undecodable file
#: name), and the bidi embeddings, overrides and isolates, which are balanced instead (see below).
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
                 "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_PDF, _PDI = "\u202c", "\u2069"


def display_text(text: str) -> str:
    """``text`` as it may reach a terminal or a reader: Markdown, plain text, HTML, TSV and Anki fields.

    Control characters other than tab and newline are dropped (a carriage return becomes a
    newline); a lone surrogate becomes U+FFFD. Bidi controls are balanced line by line: an
    unmatched PDF or PDI is dropped and every embedding, override or isolate still open at the end
    of a line is closed there, so a reversed title cannot flip the text that follows it. JSON output
    keeps all of these, escaped (:func:`escape_json_text`). One pass, linear in the text.
    """
    if not _UNSAFE_RE.search(text):
        return text
    out: list[str] = []
    stack: list[str] = []  # closers of the embeddings/isolates open on this line
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            out.extend(reversed(stack))
            stack.clear()
            out.append(ch)
        elif ch in _BIDI_OPENERS:
            stack.append(_BIDI_OPENERS[ch])
            out.append(ch)
        elif ch == _PDF:
            if stack and stack[-1] == _PDF:
                out.append(stack.pop())
        elif ch == _PDI:
            if _PDI in stack:  # a PDI closes its isolate and any embedding opened inside it
                while stack:
                    closer = stack.pop()
                    out.append(closer)
                    if closer == _PDI:
                        break
        elif "\ud800" <= ch <= "\udfff":
            out.append("\ufffd")
        elif not _UNSAFE_RE.match(ch):
            out.append(ch)
    out.extend(reversed(stack))
    return "".join(out)


_JSON_ESCAPE_RE = re.compile("[\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def escape_json_text(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the invisible characters that
    ``ensure_ascii=False`` leaves raw written as ``\\uXXXX`` escapes: DEL and C1 controls, bidi
    marks and controls, line separators, and lone surrogates (a file name that is not UTF-8, which
    would otherwise be raw bytes or an encoding error). The parsed values are unchanged, since these
    characters only ever occur inside JSON strings."""
    return _JSON_ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)
