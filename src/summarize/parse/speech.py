"""Spoken-text conventions shared by the transcript, Markdown and caption readers.

Speaker labels become metadata and non-speech tags disappear, whichever reader found them.
"""

from __future__ import annotations

import re

# [MUSIC PLAYING], [LAUGHTER], (laughs), [笑], ♪ … ♪ — sounds, not words.
_SOUND_WORDS = (
    "music|musical|playing|laughter|laughs?|laughing|applause|clapping|cheering|cheers|inaudible|"
    "crosstalk|silence|noise|cough(?:s|ing)?|sighs?|chuckles?|background|indistinct|unintelligible|"
    "no audio|static|beep|bell|phone rings?|foreign|speaking foreign language|music continues|"
    "upbeat music|intro music|outro music|theme music|笑|笑声|掌声|音乐|鼓掌|听不清|背景音乐|噪音"
)
_NONSPEECH_RE = re.compile(
    # [MUSIC PLAYING], [CROSSTALK]: any ALL-CAPS tag, but only in square brackets, because
    # "(CNCF)" and "（PVA）" in parentheses are acronyms in prose, not sounds.
    r"[\[【]\s*[A-Z][A-Z'’ -]{2,}\s*[\]】]"
    # (laughs), [Applause], [笑], （掌声）: known sound words in any bracket.
    rf"|[\[（(【]\s*(?i:(?:{_SOUND_WORDS})(?:[\s\w'’-]{{0,24}}))\s*[\]）)】]"
    r"|♪[^♪\n]{0,200}♪|♪"
    # Meeting-corpus annotations: {disfmarker}, {vocalsound}, {gap}, {pause}, {comment}.
    r"|\{(?:disfmarker|vocalsound|gap|pause|comment|nonvocalsound|laugh|cough|breath)\}",
)


_TAG_OPENER_RE = re.compile(r"[\[(（【♪{]")


def strip_nonspeech(text: str) -> str:
    """Remove non-speech tags, keeping every other character (and newline) in place.

    Removal replaces the tag by nothing but collapses the doubled space it leaves, so
    ``"Hi [LAUGHTER] there"`` becomes ``"Hi there"``.
    """
    if _TAG_OPENER_RE.search(text) is None:  # no bracket a tag opens with: nothing to strip
        return text
    marked = _NONSPEECH_RE.sub("\x00", text)
    # A tag between words leaves one space; at either end of the text, none.
    out = re.sub(r"[ \t]*\x00[ \t]*", lambda m: " " if m.start() and m.end() < len(marked) else "", marked)
    return re.sub(r"(?m)^ +| +$", "", out)


# A speaker label: an ALL-CAPS name (CRAIG BOX), a capitalised name of one to four words
# (Lin Sun, Dr. Jane Doe), an AMI-style code (A(PM)), or a short CJK name (华兵), followed by
# a half- or full-width colon. Bold and <b> wrappers are removed by the readers first.
# Capitals of the Latin alphabets names are written in (Tomás, Ömer, Łukasz, Šimon), not only A-Z.
_UP = "A-ZÀ-ÖØ-ÞĄĆČĎĘĚĞİŁŃŇŐŒŘŚŞŠŢŤŮŰŹŻŽȘȚ"
_LOW = "a-z0-9ß-öø-ÿąćčďęěğıłńňőœřśşšţťůűźżžșț"
_NAME_CHAR = rf"[{_LOW}.'’-]"  # Latin lower case after the capital: not "AttributeError:", not "Docker镜像："
_LABEL_RE = re.compile(
    r"^[ \t]*(?:>>[ \t]*)?"
    r"(?P<name>"
    rf"[{_UP}][{_UP}0-9.'’-]*(?:[ \t][{_UP}][{_UP}0-9.'’-]*){{0,3}}"
    rf"|[{_UP}]{_NAME_CHAR}+(?:[ \t](?:[{_UP}][{_UP}{_LOW}.'’-]*|de|van|von|da|del|la)){{0,3}}"  # Lynne Neagle AM
    r"|[A-Z](?:\([A-Z]{1,4}\))?"
    r"|(?:PhD|Prof|Dr|Grad|Professor|Postdoc|Undergrad|Speaker|Person|Participant)[ \t]?[A-Z0-9]{1,2}"  # QMSum, AMI
    r"|\#[A-Za-z]+\d*\#"  # DialogSum: #Person1#
    r"|[\u4e00-\u9fff·]{1,6}"
    r")"
    r"[ \t]*(?:\([^)\n]{1,30}\)|（[^）\n]{1,30}）)?[ \t]*[:：](?![:：])[ \t]*(?=\S)"  # not Ruby's REXML::Document
)

# Words that end with a colon at a line start but are never speakers.
_NOT_SPEAKERS = frozenset(
    s.casefold()
    for s in (
        "Note Notes NB Tip Tips Warning Caution Important Example Examples Update Updated Edit "
        "Source Sources Link Links Title Date Author Tags Description Summary Abstract TL;DR TLDR "
        "Question Answer Step Steps Result Results Output Input Usage Error Info Debug See Also "
        "Reference References Disclaimer PS P.S Yes No OK Okay So Well Now Here There This That Then "
        "First Second Third Finally Also But And Or Captions Playlist Publication Transcript Video "
        "Videos Slides Photo Image Credit Credits Category Categories Keywords Status Version Release "
        "Problem Solution Answer Conclusion Background Context Goal Goals Why How What When Where Who "
        "Day Time Location Venue Topic Topics Agenda "
        "原文 译文 注意 注 提示 警告 说明 总结 结论 问题 答案 回答 参考 来源 链接 作者 日期 标题 "
        "简介 摘要 背景 例如 比如 首先 其次 最后 第一 第二 第三 采访内容 采访原文 时间 地点 主题"
    ).split()
)


# A turn a podcast page or a livestream's copy opens with its clock time in brackets: "[00:12:03] Maya: …",
# "(12:03) Maya: …". Bracketed only: a bare "10:30 Keynote: …" is a line of a conference's agenda.
_TURN_STAMP_RE = re.compile(
    r"^[ \t]*(?:\[(?P<b>(?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d{1,3})?\]|\((?P<p>(?:\d{1,2}:)?\d{1,2}:\d{2})\))[ \t]+"
)


def turn_stamp(line: str) -> tuple[float, int] | None:
    """(seconds, where the rest starts) for a line that opens with a bracketed clock time, else None."""
    m = _TURN_STAMP_RE.match(line) if line.lstrip(" \t")[:1] in ("[", "(") else None
    if m is None:
        return None
    return _clock_seconds(m.group("b") or m.group("p")), m.end()


def _clock_seconds(clock: str) -> float:
    """Seconds of an "h:mm:ss" or "m:ss" clock (a turn's stamp, an Otter header's time)."""
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return float(seconds)


def split_speaker_label(line: str) -> tuple[str | None, int]:
    """Return (speaker, offset where the speech starts) for a line that opens with a label, after a bracketed
    clock time if the line has one (:func:`turn_stamp`).

    Returns ``(None, 0)`` when the line has no label. A bare ``>>`` turn marker returns
    ``("", offset)``: a change of speaker whose name is not known.
    """
    # A label ends on a colon: a line without one (most lines of prose) is not tried.
    if ":" not in line and "：" not in line:
        m = None
    else:
        stamp = turn_stamp(line)
        start = stamp[1] if stamp else 0
        m = _LABEL_RE.match(line[start:]) if start else _LABEL_RE.match(line)
    if m:
        name = m.group("name").strip()
        if name.casefold().rstrip(".") not in _NOT_SPEAKERS and not name.isdigit():
            return _normalise_name(name), start + m.end()
    if line.lstrip().startswith((">>", "&gt;&gt;")):
        marker = _TURN_MARKER_RE.match(line)
        if marker:
            return "", marker.end()
    return None, 0


_TURN_MARKER_RE = re.compile(r"^[ \t]*(?:>>|&gt;&gt;|-[ \t]+(?=[A-Z]))[ \t]*")


def _normalise_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


# Otter.ai exports put the speaker and a timestamp on a line of their own: "Lin Sun  0:13".
_OTTER_RE = re.compile(
    rf"^(?P<name>[{_UP}][\w.'’-]*(?:[ \t][{_UP}][\w.'’-]*){{0,3}}|Speaker[ \t]\d+|[\u4e00-\u9fff·]{{1,6}})"
    r"[ \t]{1,}(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*$"
)


def otter_header(line: str) -> tuple[str, float] | None:
    """(speaker, seconds) for an Otter-style ``Name  0:13`` line, else None."""
    m = _OTTER_RE.match(line.strip()) if ":" in line else None  # the time has one
    if not m:
        return None
    return _normalise_name(m.group("name")), _clock_seconds(m.group("time"))


# Otter's export opens with the meeting's name, a date line, then "SUMMARY KEYWORDS" and "SPEAKERS" sections.
_PREAMBLE_SECTION_RE = re.compile(r"^[ \t]*(SUMMARY KEYWORDS|KEYWORDS|SPEAKERS)[ \t]*$")
_OTTER_DATE_RE = re.compile(r"^[ \t]*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,[ \t]+(?P<date>\w{3,9}[ \t]+\d{1,2},[ \t]+\d{4})\b")
_PREAMBLE_LINES = 40


def otter_preamble(lines: list[str]) -> tuple[int, dict[str, str]]:
    """Where an Otter-style export's body starts, and what its preamble said: ``title`` (the first line),
    ``date`` (ISO, from "Thu, Nov 12, 2026 7:02PM • 10:24"), ``keywords`` and ``speakers``. (0, {}) for any
    other text: the preamble counts only when a SUMMARY KEYWORDS or SPEAKERS line stands before the first
    ``Name  0:13`` header, so a transcript that merely starts with a title keeps every line."""
    import datetime as dt

    first_turn = next((i for i, line in enumerate(lines[:_PREAMBLE_LINES]) if otter_header(line)), None)
    if first_turn is None or not any(_PREAMBLE_SECTION_RE.match(line) for line in lines[:first_turn]):
        return 0, {}
    meta: dict[str, str] = {}
    section: str | None = None
    for line in lines[:first_turn]:
        text = line.strip()
        heading = _PREAMBLE_SECTION_RE.match(line)
        if not text:
            section = None
        elif heading:
            section = "speakers" if heading.group(1) == "SPEAKERS" else "keywords"
        elif section:
            meta[section] = f"{meta[section]} {text}" if section in meta else text
        elif (date := _OTTER_DATE_RE.match(line)) and "date" not in meta:
            try:
                meta["date"] = dt.datetime.strptime(re.sub(r"\s+", " ", date.group("date")), "%b %d, %Y").date().isoformat()
            except ValueError:
                pass
        elif "title" not in meta and len(text) <= 160:
            meta["title"] = text
    return first_turn, meta
