"""A disfluency-free view of spoken text: fillers ("uh", "um", "you know") and stutters ("I, I think").

The view is reversible: :func:`disfluency_spans` names what a clean-up would remove, as
offsets into the original, and :func:`clean` applies them. The original sentence and its
offsets are never changed; ``Sentence.clean`` only holds the view.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

_FILLERS_EN = r"(?:u+h+|u+m+|e+r+m*|a+h+|h+m+|m+h?m+|uh-huh|mm-hmm)"
# The lookahead names the letters a filler starts with (implied by the alternation): it lets the regex skip
# every other position before trying the lookbehind, 40% of the time filler_rate() spends on written prose.
_FILLER_RE = re.compile(rf"(?=[uemah])(?<![\w'’-]){_FILLERS_EN}(?![\w'’-])[,.…]*\s*", re.IGNORECASE)
# "you know" / "I mean" as discourse markers: set off by commas or opening a clause, not "do you know".
_MARKER_RE = re.compile(
    r",\s*(?:you know|I mean)\s*,"  # "we had, you know, growth": both commas go with it
    r"|(?:^|(?<=[.;!?]))\s*(?:you know|I mean|so yeah)\s*,\s*"  # opening a sentence or clause
    r"|,\s*(?:you know|I mean)(?=\s*[.;!?]|\s*$)"  # closing one
    r"|(?<=\w\s)(?<![Dd]o\s)(?<![Dd]id\s)(?<![Dd]oes\s)(?<![Ii]f\s)you know,\s*",  # mid-clause: "traffic you know, resiliency"
    re.IGNORECASE,
)
# A word or two said twice in a row: "I, I think", "it's, it's, it's a", "the the".
# "you can't, like, you can't schedule …": a restart with a "like" between the two goes too.
_STUTTER_RE = re.compile(r"(?<![\w'’])((?:[\w'’]+)(?:\s+[\w'’]+)?)(?:[,\s]+(?:like,\s+)?\1)+(?![\w'’])", re.IGNORECASE)
_ZH_FILLER_RE = re.compile(
    r"(?:^|(?<=[，。！？,]))\s*(?:嗯+|呃+|额+|唔+|啊+)[，,、]?\s*"
    # 嗯 and 呃 are hesitations wherever they fall in a caption ("演练的时候呃整个会议室…"); 额, 啊 and 唔 only at a
    # clause's start (额外, 金额 and a closing 啊 are words)
    r"|\s*(?<![嗯呃])(?:嗯+|呃+)(?![嗯呃])\s*(?=[\u4e00-\u9fffA-Za-z0-9])"
    # Laughter typed into a transcript ("…效果挺明显的哈哈"); "哈哈镜" is a word.
    r"|\s*(?<!哈)哈哈+(?!哈|镜)"
    # A spoken restart on a function word or a filler phrase: "我们团队就就五个人", "这个这个配置" (a content word said
    # twice, 看看, 试试, 慢慢, is Chinese grammar and stays).
    # Only words that never start a word of their own with the same character ("是是否", "有有效", "在在线" stay).
    r"|(?P<zh_restart>就|我|你|他|她|这|那|这个|那个|就是|然后|我们|他们|所以|因为|但是|其实|如果)(?=(?P=zh_restart))"
)
_LINKS = frozenset({"and", "or", "by", "after", "upon"})
_NOT_REPEATED_ON_PURPOSE = frozenset(
    "the a an to of in on at it we i you he she they that this is was and or by for with then so something stuff like".split()
)


def _is_reduplication(repeated: str) -> bool:
    """"round and round and round", "day by day by day": a word, a linking word and the same word again,
    said on purpose. "and then and then" and "or something or something" are stutters."""
    words = repeated.casefold().split()
    return any(
        words[k + 1] in _LINKS and words[k] == words[k + 2] and words[k] not in _NOT_REPEATED_ON_PURPOSE
        for k in range(len(words) - 2)
    )


_KEEP_DOUBLE = frozenset({"that", "had", "is", "very", "really", "no", "bye", "so", "ha", "well", "yeah", "yes"})
# Words a speaker restarts on ("I, I think", "it's, it's a", "we, we need"): short function words. A content
# word on both sides of a comma ("Pods share nodes, nodes sit idle", "scale the service, services depend on …")
# is one clause handing its last word to the next, written on purpose; taking it out changes what is said.
_RESTARTED_ON = frozenset(
    "i i'm i've i'd i'll we we're we've we'd we'll you you're he she it it's they they're there there's "
    "the a an and but or so to of in on at for with by from as if is are was were be been do does did "
    "have has had can could will would should this that these those what which who my our your their its "
    "not no just like then because when where how why that's what's here's let's".split()
)


# "that that", "had had", "is is" can be grammar ("I knew that that was wrong"); said again after a comma they are a
# restart: "We made a rule that, that no alert can page a human".
_RESTART_AFTER_COMMA = frozenset({"that", "had", "is"})


def _restart_after_comma(match: re.Match[str]) -> bool:
    word = match.group(1)
    return word.casefold() in _RESTART_AFTER_COMMA and "," in match.group(0)[len(word): -len(word)]


def _hands_on(match: re.Match[str]) -> bool:
    """One content word said once at the end of a clause and again at the start of the next, across a comma."""
    word = match.group(1)
    between = match.group(0)[len(word): -len(word)]
    return " " not in word.strip() and "," in between and word.casefold() not in _RESTARTED_ON and len(word) >= 4


def disfluency_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that the clean view leaves out, sorted and disjoint.

    Two passes, the second over what the first kept: "it's a, it's, it's a" needs the
    single-word stutter gone before the two-word one shows.
    """
    spans = _one_pass(text)
    if not spans:
        return spans  # nothing removed, so nothing new can have become adjacent
    # What the first pass kept, as runs: (offset in the kept text, offset in ``text``, length).
    runs: list[tuple[int, int, int]] = []
    kept: list[str] = []
    cursor = length = 0
    for a, b in [*spans, (len(text), len(text))]:
        if a > cursor:
            runs.append((length, cursor, a - cursor))
            kept.append(text[cursor:a])
            length += a - cursor
        cursor = b
    kept_text = "".join(kept)
    run_starts = [r[0] for r in runs]

    def original(i: int) -> int:  # offset in ``text`` of the kept text's character ``i``
        at, source, _ = runs[bisect_right(run_starts, i) - 1]
        return source + i - at

    for a, b in _one_pass(kept_text):
        spans.append((original(a), original(b - 1) + 1))
    return _merge(spans)


def _one_pass(text: str) -> list[tuple[int, int]]:
    spans = [_with_enclosing_comma(text, *m.span()) for m in _FILLER_RE.finditer(text)]
    # ASCII text (most English speech) is told in C when three of the four patterns cannot match it, which
    # a caption file of a million short cues otherwise asks of every cue (tests/segment/test_disfluency.py
    # holds the shortcut to the patterns): no hanzi filler; no marker without its words; no stutter unless a
    # word comes twice (the repeated words of a match are whole runs of ``[\w']``, equal but for case).
    ascii_text = text.isascii()
    lowered = text.lower() if ascii_text else ""
    if not ascii_text or "you know" in lowered or "i mean" in lowered or "so yeah" in lowered:
        spans += [m.span() for m in _MARKER_RE.finditer(text)]
    if not ascii_text:
        spans += [m.span() for m in _ZH_FILLER_RE.finditer(text) if m.end() > m.start()]
    if ascii_text and not _repeats_a_word(lowered):
        return _merge(spans)
    for m in _STUTTER_RE.finditer(text):
        word = m.group(1)
        if word.isdigit() or (word.casefold() in _KEEP_DOUBLE and not _restart_after_comma(m)):
            continue
        if _is_reduplication(m.group(0)):
            continue  # "round and round and round", "step by step by step": said on purpose
        if _hands_on(m):
            continue  # "Pods share nodes, nodes sit idle": written on purpose
        # Keep the last repetition, drop the ones before it.
        spans.append((m.start(), m.end() - len(word)))
    return _merge(spans)


_ASCII_WORD_RE = re.compile(r"[\w']+")


def fluent(text: str) -> bool:
    """True when the clean view of ``text`` is the text itself, told without the clean-up: ASCII text with no
    filler, no marker's words and no word said twice (see :func:`_one_pass`). False means it may not be."""
    if not text.isascii() or _FILLER_RE.search(text) is not None:
        return False
    lowered = text.lower()
    return not ("you know" in lowered or "i mean" in lowered or "so yeah" in lowered or _repeats_a_word(lowered))


def _repeats_a_word(lowered: str) -> bool:
    r"""Whether a lowercased ASCII text says some word twice (a run of ``[\w']``), which a stutter needs."""
    words = _ASCII_WORD_RE.findall(lowered)
    return len(set(words)) < len(words)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _with_enclosing_comma(text: str, start: int, end: int) -> tuple[int, int]:
    """A filler set off by commas takes one of them along: "about, um, fifty" is "about fifty"."""
    body = text[start:end].rstrip()
    before = text[:start].rstrip()
    spaced = len(before) < start and len(body) < end - start  # ", um, " and not ",um,"
    if spaced and body.endswith(",") and before.endswith(","):
        return len(before) - 1, start + len(body)
    return start, end


def clean(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The clean view of ``text``; empty when the text was nothing but fillers."""
    if spans is None:
        return _clean_view(text)
    return _apply(text, spans)


@functools.lru_cache(maxsize=4096)
def _clean_view(text: str) -> str:
    """Memoised: a transcript says "Yeah." and "Right." hundreds of times, a rolling caption repeats its lines."""
    return _apply(text, disfluency_spans(text))


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    kept: list[str] = []
    cursor = 0
    for a, b in spans:
        kept.append(text[cursor:a])
        cursor = b
    kept.append(text[cursor:])
    out = " ".join("".join(kept).split())
    out = re.sub(r"\s+([,.;!?，。！？])", r"\1", out)
    out = re.sub(r"([,，])(?:\s*[,，])+", r"\1", out)  # "we ,, think" after a removed tag or filler
    out = re.sub(r"^[,;，、\s]+", "", out)
    out = re.sub(r",\s*([.!?])", r"\1", out)
    return out if re.search(r"\w", out) else ""


def filler_rate(text: str) -> float:
    """Fillers per word: how spoken a text is (transcribed speech is well above 0.01)."""
    fillers = len(_FILLER_RE.findall(text))
    if not fillers:
        return 0.0  # written prose: no need to count its words
    return fillers / len(re.findall(r"[\w'’]+", text))


# Speech that a recogniser has already punctuated and stripped of "um" (Whisper, YouTube's and
# VideoLectures' auto-captions) has no fillers to count, but it still talks: its sentences open with
# "So", "And", "Yeah", "Okay" (然后, 就是, 所以, 对，), and it says "I" and "you" (我, 你, 我们).
_SPOKEN_OPENER_RE = {
    "en": re.compile(r"(?:so|and|but|yeah|yes|okay|ok|well|now|right|alright|oh|um|uh|like)\b[ ,]", re.IGNORECASE),
    # Not 但是 or 因为, which open written sentences as often; 那 only before a pronoun or 就 (not 那些).
    # Not 那么 or 其实 either: written Chinese argues with them too.
    "zh": re.compile(r"(?:然后|就是|所以|对[，,。！]|嗯|好[，,的]|呃|啊|反正|那个|我觉得|那(?=我|你|咱|就))"),
}
_FIRST_SECOND_PERSON_RE = {
    "en": re.compile(r"\b(?:I|I'm|I've)\b|\b(?i:you|you're|you've|let's)\b"),  # "I" only as the pronoun
    "zh": re.compile(r"我们|咱们|我|你们|你|大家"),
}
_MIN_SENTENCES_TO_JUDGE = 8
SPOKEN_OPENER_SHARE = {"en": 0.15, "zh": 0.10}
"""Share of sentences opening with a discourse marker above which prose reads as speech: set between
transcripts with their labels removed (QMSum, AMI: 0.16 and up in all but two of 55; VCSum: 0.10 and up
in five of six) and written posts (READMEs 0.10 at most; the project's Chinese posts 0.03 at most);
benchmarks/register.py measures both sides."""
SPOKEN_PERSON_RATE = 0.5
"""And at least this many first- or second-person words per 100 words (per 100 characters of Chinese):
a news story quoting a few people can open sentences with "But" and "And" without anyone talking to
the reader."""


def sounds_spoken(sentences: list[str], lang: str = "en") -> bool:
    """True for prose in ``lang`` ("en" or "zh") that reads as transcribed speech, with or without fillers."""
    if len(sentences) < _MIN_SENTENCES_TO_JUDGE:
        return False
    openers = sum(1 for s in sentences if _SPOKEN_OPENER_RE[lang].match(s.lstrip()))
    if openers / len(sentences) < SPOKEN_OPENER_SHARE[lang]:
        return False  # written prose, most of the time: its persons need no counting
    size = sum(len(s.split()) if lang == "en" else len(s) for s in sentences)
    persons = sum(len(_FIRST_SECOND_PERSON_RE[lang].findall(s)) for s in sentences)
    return persons * 100 / max(size, 1) >= SPOKEN_PERSON_RATE
