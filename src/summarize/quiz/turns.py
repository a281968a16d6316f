"""A sentence's neighbours in its turn, and Chinese questions made to stand alone: shared by the template
cards and the interview cards."""

from __future__ import annotations

import re

from .._text import CJK_RE
from ..model import Sentence
from .context import Context

_CONTINUATION_RE = re.compile(r"^(?:and|also|plus|it|they|second|secondly|third|in addition|on top of that|besides)\b", re.IGNORECASE)
_ZH_DANGLING_RE = re.compile(r"(?:他们|她们|它们|这个|那个|这些|那些|它|他|她|你们|你|我们|我)(?!们)")


def zh_question(question: str, s: Sentence, ctx: Context) -> str | None:
    """Resolve 我/我们/他 in a Chinese question, or give up on it."""

    def sub(m: re.Match[str]) -> str:
        named = ctx.resolve(s, m.group(0))
        if named is None:
            raise LookupError
        return f" {named} " if not CJK_RE.search(named) else named

    try:
        question = _ZH_DANGLING_RE.sub(sub, question)
    except LookupError:
        return None
    question = re.sub(r"^(?:然后|所以|那么|是的|好的|而且|但是|其实)[，,]?\s*", "", question.strip())
    # Chinese typography in these posts puts a space between hanzi and Latin words.
    question = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])", " ", question)
    question = re.sub(r"\s+", " ", question).replace(" ？", "？").strip()
    return question


def previous_in_turn(s: Sentence, ctx: Context) -> Sentence | None:
    turn = ctx.turns[ctx.turn_of[s.id]]
    i = ctx.index_in_turn[s.id]
    if i > 0:
        return ctx.doc.sentences[turn[i - 1]]
    # The previous paragraph of the same speaker also counts.
    n = ctx.turn_of[s.id]
    if n > 0 and s.speaker and ctx.doc.sentences[ctx.turns[n - 1][-1]].speaker == s.speaker:
        return ctx.doc.sentences[ctx.turns[n - 1][-1]]
    return None


def with_continuation(answer: str, s: Sentence, ctx: Context) -> tuple[str, tuple[int, ...]]:
    """A reason often runs on: "… lightweight and written in C++. And it handled 2 million requests …"."""
    if s.lang != "en":
        return answer, ()
    turn = ctx.turns[ctx.turn_of[s.id]]
    more: list[int] = []
    text = answer
    start = ctx.index_in_turn[s.id] + 1
    for i in turn[start : start + 2]:
        nxt = ctx.doc.sentences[i]
        if not _CONTINUATION_RE.match(nxt.clean) or len((text + nxt.clean).split()) > 70:
            break
        text = f"{text.rstrip(' .')}. {nxt.clean}"
        more.append(i)
    return text, tuple(more)


def turn_window(s: Sentence, ctx: Context, reach: int = 8) -> list[Sentence]:
    """Where alternatives and referents are named: the sentences just before ``s`` in its turn,
    and the end of the turn before (a host's question). Bounded, so a huge turn costs no more."""
    turn_no = ctx.turn_of.get(s.id, 0)
    turn = ctx.turns[turn_no]
    k = ctx.index_in_turn[s.id]
    ids = turn[max(0, k - reach) : k + 1]
    if turn_no > 0:
        ids = ctx.turns[turn_no - 1][-reach:] + ids
    return [ctx.doc.sentences[i] for i in ids]
