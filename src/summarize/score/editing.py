"""An editor's hand on a sentence lifted out of its post: what to delete, and whether it can stand alone.

Takeaways are published one line each, out of context, so three judgements recur wherever a sentence
is picked (the scorer, the takeaway polish, the quiz engine); each lives in one place:

- :func:`edit` (here): the sentence as a takeaway reads it. Only deletions: fillers (the clean view), spoken
  openers and, in writing, a leading connective, list ordinals, and hedges and asides ("I would say",
  "basically", "as I mentioned before"). No word is ever added or changed but for capitalisation.
- :func:`~summarize.score.standalone.leans_outside`: whether the edited sentence still points at something
  before it (a pronoun or demonstrative subject, "the other", an ordinal, "another", "这", "第二个问题是"): such a
  sentence cannot be a takeaway by itself.
- :func:`~summarize.score.point_shapes.narrates` / :func:`~summarize.score.point_shapes.makes_a_point`: first-person
  past narrative and scene-setting ("We started talking to Google.") against the shapes points take
  (recommendations, reasons, decisions, numbers with units, definitions).
"""

from __future__ import annotations

import functools
import re

from ..model import Sentence
from ..segment.zh import LIST_INTRODUCERS_ZH

# Openers that only link a sentence to the one before it. Not when they start a fixed phrase that carries
# meaning: "So far", "So-called", "Now that", "Right now", "Well-known", "Like Envoy, …".
_SO = r"so(?!\s+(?:far|much|many|long|called)\b|\s+that\b(?!['’]|\s+(?:was|is|were|has|had)\b))"
_EN_OPENERS = re.compile(
    rf"^(?:(?:{_SO}|and|but|yeah|yes|well|now(?!\s+that\b)|oh|ok|okay|right(?!\s+now\b)|also|then|i mean|you know|"
    r"like(?=\s*,)|basically|actually|of course|sure|that is right|that's right|that's true|that is true|exactly|"
    r"absolutely|definitely|yup|yep|anyway|anyways|alright(?=\s*,)|all right(?=\s*,))\b(?![-'’])[\s,]*)+",
    re.IGNORECASE,
)
# In writing, only a connective that leans on the sentence before: "But if annotations have become …".
_EN_CONNECTIVES = re.compile(
    rf"^(?:and|but(?!\s+for\b)|{_SO}|also(?!\s+known\b)|(?:however|still|plus|besides|therefore|thus|hence|"
    r"moreover|furthermore|additionally|in addition|instead|meanwhile|as a result|in fact|indeed)(?=\s*,))\b(?![-'’/])[\s,]*",
    re.IGNORECASE,
)
_ZH_CONNECTIVES = re.compile(
    r"^(?:(?:但是|不过|然而|而且|此外|另外|因此|所以|同时|并且|于是|因而|总之)[，,]|(?:但是|但(?!愿|凡)|不过|然而)(?=[^，,]))\s*"
)
# A list's ordinal marks where a point sits in the post, not what it says: "Second, we underestimated …",
# "Lesson one: start with …", "首先是资源占用：…", "第一，…".
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_EN_LIST_OPENERS = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|next|finally|lastly)(?:ly)?\s*,\s*"
    rf"|(?:lesson|step|tip|rule|mistake|takeaway|point|number)\s+(?:number\s+)?{_NUMBER_WORD}(?![.:]\d)\s*[:：.,–—-]\s*)",
    re.IGNORECASE,
)
# Only with its punctuation (or 是): "最后的结果" and "再次升级" are words, not list marks.
_ZH_LIST_OPENERS = re.compile(
    r"^(?:(?:首先|其次|最后)是|(?:首先|其次|再次|最后)(?:是|呢)?[，,、：:])\s*"
    r"|^[\u2460-\u2473\u2776-\u277f\u278a-\u2793]\s*"  # circled numbers: "② 从负载上升到…"
    r"|^第[一二三四五六七八九十]{1,3}(?:点|条|个(?:教训|经验|建议|原则|要点|坑|问题))?[，,、：:]\s*"
)
_ZH_OPENERS = re.compile(
    r"^(?:(?:所以|那么|然后|是的|好的|其实|就是|而且|总结一下|总的来说)[，,、：:\s]*"
    r"|(?:对|嗯|好|行|那)[，,、：:]+\s*|(?:对|嗯|好)\s+(?!的)|那(?=我|你|咱)|那个(?=[\u4e00-\u9fff]))+"
)
# Hedges and asides a speaker wraps a point in. Deleted where they open the sentence or a clause, or sit
# between commas; "what I think matters" keeps its words (no comma, no clause start).
_HEDGE = (
    r"(?:I (?:would|'d|’d) (?:say|argue)|I think|I believe|I guess|I suppose|I feel like|I'm pretty sure|"
    r"I would think|I'd think|as I (?:said|mentioned)(?: (?:before|earlier|previously))?|"
    r"(?:just )?(?:like|as) you (?:have |just )?(?:said|pointed out|mentioned)|"
    r"as (?:we|you) (?:said|mentioned|discussed)(?: (?:before|earlier|previously))?|"
    r"to (?:be honest|some (?:degree|extent))|honestly|frankly|basically|essentially|obviously|of course|"
    r"in a sense|if you will|so to speak|at the end of the day|for the most part|more or less)"
)
# "I believe that project was …" keeps "that": after a hedge it is as often a determiner as a conjunction.
_HEDGE_OPENING_RE = re.compile(rf"^{_HEDGE}(?:\s*,\s*|\s+(?=\w))", re.IGNORECASE)
# ", say," is "for example" set off for a figure or a name: "We have, say, istiod 1-23 and istiod 1-24 running".
_HEDGE_BETWEEN_COMMAS_RE = re.compile(rf",\s*(?:{_HEDGE}|say)\s*,", re.IGNORECASE)
_HEDGE_AFTER_CONJUNCTION_RE = re.compile(rf"\b((?:and|but|because|so) ){_HEDGE}(?:\s*,\s*|\s+)", re.IGNORECASE)
_SOFTENERS_RE = re.compile(r"(?<![—–-])(?<![—–-] )\b(?:kind of|sort of|basically|actually)\s+(?=\w)", re.IGNORECASE)
# The same word set off by a comma the deletion of ", like," left: "fewer people have actually, done it". Only with no
# comma or dash before it and a lowercase word after it that is no number: "forty, actually, fifty nodes" corrects.
_SOFTENER_COMMA_RE = re.compile(
    r"(?<![,—–-])(?<![,—–-] )\b(?:basically|actually),\s+(?=(?!(?:you|like|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|thirty|forty|fifty|hundred)\b)(?-i:[a-z]))",
    re.IGNORECASE,
)
# A start the speaker abandons for a condition: "We have if we're burning at fourteen point four times …, that's a
# page." (judged markup): the condition and what follows are the sentence.
_ABANDONED_START_RE = re.compile(
    r"^(?:(?:so|and|but)\s+)?(?:we|I|you|they)(?:'ve| have| had)\s+(?=(?:if|when)\s[^,]+,\s*\w)",
    re.IGNORECASE,
)
# A label before the point: "The argument is this: …", "To recap: …", "Bottom line: …", "总结一下：".
_POINT_LABEL_RE = re.compile(
    # Spoken: "If I had to say it in one line, it would be gRPC is …", "The way I think about it is, …".
    r"^(?:if I had to (?:say|put|sum|describe|explain) (?:it|this|that)(?: up)? in,?(?: like,)? (?:one|a) (?:line|sentence|word|nutshell),? "
    r"(?:it would be|it'd be|it's|it is|I'd say|I would say)\s+(?=\S)"
    r"|the way I (?:think about|see|describe|explain) it(?:,| is,?)\s+(?:that\s+)?(?=\S)"
    r"|(?:the )?short answer is,?\s+(?:that\s+)?(?=\S)"
    r"|what (?:had |really |actually )?happened (?:is|was),?\s+(?:that\s+)?(?=\S)"
    r"|if (?:you|there's one thing you) (?:only )?remember (?:one|a single) thing(?: from (?:this|today)(?: talk)?)?,? "
    r"(?:it(?:'s| is| should be)|let it be|make it)\s+(?:that\s+)?(?=\S)"
    # "如果大家只记住一句话的话就是先去看…": the speaker's lead-in to the point, which is what follows it.
    r"|(?:如果|要是)?(?:大家|你们?)只(?:要)?记(?:住|得)一(?:句话|件事|点)(?:的话)?[，,\s]*(?:那)?(?:就是|是)[，,：:\s]*(?=\S))"
    r"|^(?:to recap|to sum up|to summari[sz]e|in summary|in short|in a nutshell|the (?:argument|point|idea|lesson|takeaway|"
    r"short version|bottom line|thing) is (?:this|simple)|bottom line|tl;?dr|key takeaway|takeaway|the lesson|my advice|"
    r"总结一下|总结|结论|一句话|简单来说|简单地说|核心观点)\s*[:：,，-]\s*(?=\S)",
    re.IGNORECASE,
)
# Spoken asides between dashes ("-- and we do talk to customers about this --") and trailing tags (", right?", ", yeah.").
# Not a correction said between dashes ("a little box in the back office — actually three little boxes —"): without
# it the sentence says one box where the speaker said three (judged wrong).
_DASH_ASIDE_RE = re.compile(
    r"\s*(?:--|—|–)\s*(?P<correction>(?:actually|I mean|or rather|rather|sorry|no|well|correction)\b)?[^-—–]{1,80}?\s*(?:--|—|–)\s*",
    re.IGNORECASE,
)


def _drop_dash_asides(text: str) -> str:
    """Asides between dashes go, pairs read left to right; a correction ("— actually three little boxes —") stays."""
    return _DASH_ASIDE_RE.sub(lambda m: m.group(0) if m.group("correction") else " ", text)


# A translator's or editor's note inside a sentence ("…发起一次压缩【译注：由 --etcd-compaction-interval 参数控制】，所以…",
# "(Translator's note: …)"): the note explains a term for the reader of the page, it is not what the author said, and a
# takeaway reads as the author's sentence without it.
# A release note's issue or pull-request reference: "…从 11 秒降到 4 秒（#1187）", "… (#4521, #4530)", "(PR #88)".
# The number is the tracker's, not the reader's; an editor leaves it out of the newsletter line.
_ISSUE_REF_RE = re.compile(
    r"\s*[（(]\s*(?:(?:PR|pull request|issue|fixes|see)\s*)?#\d+(?:\s*[,，、]\s*(?:(?:PR|issue)\s*)?#\d+)*\s*[)）]",
    re.IGNORECASE,
)
_INLINE_NOTE_RE = re.compile(
    r"\s*(?:【\s*(?:译者注|译注|编者注|编注|注)\s*[:：][^【】]{0,300}】"
    r"|[（(]\s*(?:译者注|译注|编者注|编注|注)\s*[:：][^（）()]{0,300}[）)]"
    r"|[\[(]\s*(?:translator'?s|editor'?s) note\s*:[^\[\]()]{0,300}[\])])",
    re.IGNORECASE,
)


# A false start cut off by a dash, which the speaker restarts: in the first few words ("You basically--RPC is a
# technology where …"), or one function word before it ("gRPC is great and--'cause it allows …", "so in--you know,
# to take it a step further"). The restart is the sentence; the words before the dash go.
# Only when what follows restarts a sentence (a capital, a pronoun subject, an opener): "We are looking at-- not the
# strategy …" and "Three things matter--latency, cost …" go on, they do not restart.
_OPENING_FALSE_START_RE = re.compile(
    r"^(?:[\w'’]+,?\s+){0,3}[\w'’]+\s*--\s*(?=[A-Z]|(?:well|so|actually|I|we|you|it|they|there)\b)"
)
_WORD_FALSE_START_RE = re.compile(
    r"\b(?:and|but|so|or|in|on|to|of|for|with|the|a|an)\s*--\s*(?=\S)",
    re.IGNORECASE,
)
_MIXED_CASE_WORD_RE = re.compile(r"[a-z]+[A-Z]")
_ZH_LIST_SEMICOLON_RE = re.compile(rf"({LIST_INTRODUCERS_ZH})\s*[；;]")
_YOU_KNOW_RE = re.compile(r"(?:,\s*|(?<=\w)\s+)you know,\s*", re.IGNORECASE)
_TRAILING_TAG_RE = re.compile(r",\s*(?:right|yeah|yes|you know|I think|I guess|if you will|so to speak|basically|actually)\s*([.?!]?)$", re.IGNORECASE)
# A footnote's mark left in the text: superscript digits, or an asterisk right before the sentence's end.
_FOOTNOTE_MARK_RE = re.compile(r"(?<=\S)[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[\w\u4e00-\u9fff])\*+(?=[。.!?！？]?$)")
_SPOKEN_LIKE_RE = re.compile(
    r",\s*like\s*,|(?:(?<=\band )|(?<=\bbut )|(?<=\bor )|(?<=\bso ))like,\s*(?=(?:the|a|an|I|we|you|they|it|he|she|this|there)\b)",
    re.IGNORECASE,
)
# A hedge before a figure, mid-sentence: the figure is the point, the hedge is talk ("adds, I think it was around four
# hundred nodes", "had, I guess, forty-one").
_HEDGED_FIGURE_RE = re.compile(
    r",?\s+I (?:think|guess|believe)(?: (?:it|that) (?:was|is)|,)?\s+(?=(?:around|about|roughly|approximately|maybe|almost|"
    r"nearly|over|under|more than|less than|like|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds|a thousand|thousands)\b)",
    re.IGNORECASE,
)
# Words that cannot end a clause: an aside deleted from between two commas after one of them (", like,", ", I think,")
# leaves no comma ("we were, like, hiding small ones" → "we were hiding small ones", not "we were, hiding": judged
# leftover markup, 4 of 46 lines of a fresh batch of interviews); after any other word the comma stays ("we had a
# problem, like, the cache was cold").
_NO_CLAUSE_END_RE = re.compile(
    r"\b(?:a|an|the|from|of|to|in|on|at|with|for|by|into|onto|about|than|around|is|are|was|were|be|been|am|has|have|had|"
    r"my|our|your|their|its|it's|that's|there's|it’s|that’s|there’s|very|really|just|adds|added|got|gets)\s*$",
    re.IGNORECASE,
)


_VERB_NEXT_RE = re.compile(r"\s*(?:is|are|was|were|has|have|had|will|would|can|could|should|might|must|does|do|did)\b",
                           re.IGNORECASE)


def _aside_gone(text: str, m: re.Match[str]) -> str:
    """What an aside deleted from between two commas (``m`` spans both) leaves: nothing after a word that cannot end
    a clause, else one comma."""
    if _NO_CLAUSE_END_RE.search(text[: m.start()]) or _VERB_NEXT_RE.match(text, m.end()):
        return ""  # "we were, like, hiding" → "we were hiding"; "the cluster, I think, was" → "the cluster was"
    return ","
_ZH_CAPTION_FILLER_RE = re.compile(r"(?:(?<=\s)|^)(?:就是|那个|然后|嗯+|呃+|啊)(?=\s|$)\s*|^(?:对|好)\s+")
# Spoken Chinese: a particle a speaker pauses on before a comma ("为了提高利用率嘛，我们是混部的" judged markup),
# and a filler said between two commas ("…，就是，…", "…，然后呢，…").
_ZH_PAUSE_PARTICLE_RE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])(?<![干哈])(?:嘛|呢|啊|呀|哈)(?=[，,])")  # not 干嘛, 哈哈
_ZH_FILLER_BETWEEN_COMMAS_RE = re.compile(r"[，,]\s*(?:就是说?|然后|那个|对吧|是吧|你知道)[，,]")
# "我补充一点，…", "我看了一下，…" (judged markup, 2 of 2): a speaker taking the floor, not part of the point.
_ZH_HEDGES_RE = re.compile(r"^(?:我(?:觉得|认为|想|感觉)|其实|基本上|说实话|坦白说|就像我(?:之前|刚才)说的)[，,]?"
                           r"|^(?:我(?:再)?补充(?:一点|一下|两句)|我(?:刚)?看了一下|怎么说呢|老实说|坦白讲)[，,]")


def edit(sentence: Sentence, spoken: bool, text: str | None = None) -> str:
    """The sentence as a takeaway: its clean view (or ``text``, a recased copy of it) with only deletions
    made, capitalised and terminated."""
    return _edit((sentence.clean if text is None else text).strip(), sentence.lang == "zh", bool(spoken))


@functools.lru_cache(maxsize=8192)
def _edit(text: str, zh: bool, spoken: bool) -> str:
    """:func:`edit` on the text alone, memoised (a transcript repeats its short lines)."""
    for _ in range(3):  # openers and hedges nest: "So, I think, basically, …"
        before = text
        if spoken:
            stripped = (_ZH_OPENERS if zh else _EN_OPENERS).sub("", text)
            stripped = (_ZH_CONNECTIVES if zh else _EN_CONNECTIVES).sub("", stripped)
        else:
            stripped = (_ZH_CONNECTIVES if zh else _EN_CONNECTIVES).sub("", text)
        if len(stripped) >= 0.5 * len(text):
            text = stripped
        unhedged = _unhedge(text, zh, spoken)
        if len(unhedged) >= 0.5 * len(text):
            text = unhedged
        if text == before:
            break
    if "#" in text:
        text = _ISSUE_REF_RE.sub("", text)
    if "注" in text or "note" in text.lower():
        unnoted = _INLINE_NOTE_RE.sub("", text)
        if len(unnoted.strip()) >= 8:  # a note may be longer than the clause it glosses; the clause is what stays
            text = unnoted
    unlabelled = _POINT_LABEL_RE.sub("", text)
    if len(unlabelled) >= 0.5 * len(text) or len(unlabelled.strip()) >= 20:  # a long lead-in before a short point
        text = unlabelled
    if spoken and not zh:
        text = _ABANDONED_START_RE.sub("", text)
        text = _repair_false_starts(_drop_dash_asides(text))
        text = _TRAILING_TAG_RE.sub(r"\1", text).strip()
        text = _SPOKEN_LIKE_RE.sub(lambda m: _aside_gone(text, m) if m.group(0).startswith(",") else "", text)  # ", like," / "and like,"
        text = _SOFTENER_COMMA_RE.sub("", text)  # "have actually, like, done it" → "have actually, done it" → "have done it"
        text = _HEDGED_FIGURE_RE.sub(" ", text)  # "adds, I think it was around four hundred nodes" → "adds around …"
    if zh:
        # The semicolon typed for a colon after "包括" (the splitter reads it so too, segment.zh): printed as the colon.
        text = _ZH_LIST_SEMICOLON_RE.sub(r"\1：", text)
    if spoken and zh:
        # Auto-captions space out words ("跑的 是 Cilium 作为 CNI"): hanzi are written together, and the fillers
        # a caption keeps as words of their own (就是, 那个, 然后) go.
        text = _ZH_CAPTION_FILLER_RE.sub("", text)
        text = _ZH_FILLER_BETWEEN_COMMAS_RE.sub("，", _ZH_PAUSE_PARTICLE_RE.sub("", text))
        text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()
    unlisted = (_ZH_LIST_OPENERS if zh else _EN_LIST_OPENERS).sub("", text)
    if len(unlisted) >= 4:  # "Lesson two: go slow." keeps "Go slow."
        text = unlisted
    text = _FOOTNOTE_MARK_RE.sub("", text)  # "100 万美元*。", "Gateway API²构建"
    text = re.sub(r"^[\s,，、;；:：\-–—]+", "", text)
    text = re.sub(r"\s+([.,;:!?。，；：！？])", r"\1", text)  # " ." where a tag was removed
    # A clause cut at a semicolon or comma ends with a full stop, not with both ("…规则；。").
    text = re.sub(r"[\s,，、;；:：\-–—]+$", "", text)
    if not zh:
        if text[:1].islower() and not _MIXED_CASE_WORD_RE.match(text):  # "gRPC is …", "eBPF lets …" keep their case
            text = text[0].upper() + text[1:]
        if not re.search(r"[.!?\"'”’)]$", text):
            text += "."
    elif not re.search(r"[。！？”’」』）)!?.]$", text):
        text += "。"
    return text


def _repair_false_starts(text: str) -> str:
    """Spoken English with its dash-cut false starts deleted (and a "you know," the restart left behind); a
    sentence that would keep less than half its words is left as it was (a takeaway with its dash is held back)."""
    repaired = _WORD_FALSE_START_RE.sub(" ", _OPENING_FALSE_START_RE.sub("", text))
    if repaired == text:
        return text
    repaired = _YOU_KNOW_RE.sub(" ", repaired)
    repaired = re.sub(r"\s{2,}", " ", repaired).strip()
    if len(repaired.split()) < 0.5 * len(text.split()):
        return text
    # The restart may open on an opener the loop above would have taken ("well, actually, maybe …").
    return _EN_OPENERS.sub("", repaired) or repaired


def _unhedge(text: str, zh: bool, spoken: bool) -> str:
    if zh:
        return _ZH_HEDGES_RE.sub("", text)
    text = _HEDGE_OPENING_RE.sub("", text)
    text = _HEDGE_BETWEEN_COMMAS_RE.sub(lambda m: _aside_gone(text, m), text)
    text = _HEDGE_AFTER_CONJUNCTION_RE.sub(r"\1", text)
    if spoken:
        text = _SOFTENERS_RE.sub("", text)
    return re.sub(r"\s{2,}", " ", text).replace(" ,", ",")
