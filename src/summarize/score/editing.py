"""An editor's hand on a sentence lifted out of its post: what to delete, and whether it can stand alone.

Takeaways are published one line each, out of context, so three judgements recur wherever a sentence
is picked (the scorer, the takeaway polish, the quiz engine) and live here, once:

- :func:`edit`: the sentence as a takeaway reads it. Only deletions: fillers (the clean view), spoken
  openers and, in writing, a leading connective, list ordinals, and hedges and asides ("I would say",
  "basically", "as I mentioned before"). No word is ever added or changed but for capitalisation.
- :func:`leans_outside`: whether the edited sentence still points at something before it (a pronoun or
  demonstrative subject, "the other", an ordinal, "another", "这", "第二个问题是"): such a sentence
  cannot be a takeaway by itself.
- :func:`narrates` / :func:`makes_a_point`: first-person past narrative and scene-setting ("We started
  talking to Google.") against the shapes points take (recommendations, reasons, decisions, numbers with
  units, definitions).
"""

from __future__ import annotations

import functools
import re

from ..model import Sentence
from ..segment.zh import LIST_INTRODUCERS_ZH
from ._gate import fold, searcher

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
    r"|^第[一二三四五六七八九十]{1,3}(?:点|条|个(?:教训|经验|建议|原则|要点|坑|问题))?[，,、：:]\s*"
)
_ZH_OPENERS = re.compile(
    r"^(?:(?:所以|那么|然后|是的|好的|其实|就是|而且|总结一下|总的来说)[，,、：:\s]*"
    r"|(?:对|嗯|好|行|那)[，,、：:]+\s*|那(?=我|你|咱)|那个(?=[\u4e00-\u9fff]))+"
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
_HEDGE_BETWEEN_COMMAS_RE = re.compile(rf",\s*{_HEDGE}\s*,", re.IGNORECASE)
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
    r"|(?:the )?short answer is,?\s+(?:that\s+)?(?=\S))"
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
    unlabelled = _POINT_LABEL_RE.sub("", text)
    if len(unlabelled) >= 0.5 * len(text):
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


# Subjects and openers that point at something before the sentence. "It is important to …" and "That is
# why …" are not the same: the first is a dummy subject, the second needs the sentence before.
_LEANS_EN_RE = re.compile(
    r"^\W*(?:"
    r"(?:he|she|they|them|these|those|his|her|their|him|its)\b"
    r"|it\b(?!(?:'s|’s| is| was| will be| would be| can be| has been)\s+(?!(?:like|also|just|really|still|all|one|a|an|the)\b)"
    r"(?:\w+\s+){0,2}?(?:to|that|for|when|if)\b)"
    r"|(?:this|that)\b(?!\s+(?:is|was)\s+(?:why|how|what|where|when)\b)(?!\s+(?:way|means|said|is,)\b)"
    r"|(?:then|also|since then|after that|here|such|both(?: of (?:them|these|those|us))?|either|neither|another|"
    r"the latter|the former|the same|the rest|the remaining|the remainder|the answer|the reason|the second|the third|"
    r"the fourth|the fifth|"
    r"the other(?!\s+(?:hand|day|way round|way around)\b)|which|whereas|otherwise|again)(?![\w-])"
    r"|(?:second|third|fourth|fifth)(?:ly)?\b"
    # "Everything else was using the mesh for mTLS": else than what was just said; "The first month we were …":
    # the first month of something told before.
    r"|(?:everything|everyone|everybody|anything|anyone|nothing|somebody|someone) else\b"
    # "Before, because CPU scaling was too slow, teams had …", "Since then, we run a game day …": before or since what?
    r"|(?:before|at the time|at that point|by then|until then|since then|after that|afterwards|at the end|by the end),"
    # "The Helm one was the release that couldn't upgrade." (judged dangling): one of a list told before.
    r"|the (?:[\w-]+ ){1,2}ones?\b(?!\s+of\b)"
    r"|the (?:first|second|next|following|last|previous) (?:days?|weeks?|months?|years?|quarters?|sprints?)"
    r"(?=\s*,|\s+(?:we|I|you|they|he|she|it|the|our|my|there|everything|nobody)\b)"
    r"|as (?:I|we|you) (?:said|mentioned)|(?:so,? )?you(?:'re| are) saying\b"
    r"|I (?:think|believe|guess|would say|'d say|mean)\b"
    r"|(?:yeah|yes|no|right|sure|exactly|absolutely)\b[\s,.!]"
    r")"
    r"|^\W*(?:the|this|that) (?:project|product|company|team|choice|decision|one|approach|feature|idea|change|release|"
    r"version|tool|thing|problem|issue)\b(?!\s+(?:team|teams|lead|leads|notes|cycle|process|manager|managers|board|owner)\b)",
    re.IGNORECASE,
)
_LEANS_ZH_RE = re.compile(
    # "后来我们做了一个事情，…" (judged dangling, 3 of 3): later than what was just told; "上线后 CoreDNS 的 QPS 下降了约
    # 85%" (judged dangling, and ambiguous as a card): after what went live?
    r"^\W*(?:(?:上线|发布|迁移|升级|改造|切换|部署|改完|换完)(?:之|以)?后|"
    # "在迁移之前，…", "前两次断档…" (judged dangling): before what, the two times told before.
    r"在?(?:上线|发布|迁移|升级|改造|切换|部署)(?:之|以)前|前(?:两|三|四|五|几)(?:次|个|天|周|年|轮)|"
    r"你们?|他们?|她们?|它们?|这|那(?!么)|该|此|然后|后来|其次|再次|另外|另一|同样|后者|前者|上述|以上|上面|下面|"
    r"第[二三四五六七八九十](?:个|点|条|种)?|第[二三四五六七八九十]\s*[，,、是]|两者|二者|对此|为此|因此|所以|"
    # A reason, a turn or a sequel of what was just said: "因为我们很多模型其实是小模型…" (the answer to "why"),
    # "即便如此，…", "之后又遇到过一次…", "例外是…", "或者在 Pod 的 dnsConfig 里…", "问题是，…", "但是…" (judged: 12 dropped,
    # none kept); "因为 A，所以 B" gives its own consequence.
    r"因为(?![^。！？]*所以)|即便如此|即使如此|尽管如此|之后|此后|随后|例外是|或者|问题是|但是|"
    # "剩下的 35% 是…" (judged dangling): the rest of a whole the sentence before gave.
    r"剩下的|剩余的|其余的?|余下的)"
)


# Anywhere in the sentence: a demonstrative ("these projects", "those conversations", "solves this", "Later
# that year"), a pointer into the page ("As you can see", "the above", "In this case"), a third person with
# no name before it in the sentence ("…, he explains"). Judges dropped every one of these as dangling.
_LEANS_INSIDE_EN_RE = re.compile(
    r"\b(?:this|these|those)\b(?!\s+(?:is|was)\s+(?:why|how|what)\b)"
    r"|\b(?:of|between) the two\b(?=\s+(?:decides?|is|are|was|were|can|will|has|have)\b|\W*$|\s*[,.;])"
    r"|\bthat (?:way|year|month|week|day|time|point|area|release|version|project|working group|decision|choice|approach|"
    r"one|team|feature|change|problem|issue|tool|model|case|mode|setup|cluster|app|service|question|analogy|space)\b"
    # "We are delighted to share that work with the world", "led that effort" (not "clusters that work together").
    r"|(?<!s )(?<!found )(?<!showed )(?<!shows )(?<!learned )(?<!noticed )(?<!realized )(?<!saw )(?<!said )(?<!knew )"
    r"\bthat (?:work|effort|experience|conversation|discussion|incident|outage)\b"
    # A count of something told before: "Eleven times a backup existed but wouldn't restore.", "Fourteen point four
    # times over an hour means …" (judged dangling, 2 of 2); "Ten times faster …" compares and stands alone.
    r"|^\W*(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|\d+)"
    r"(?: point \w+)? times\b(?!\s+(?:faster|slower|more|less|fewer|as|bigger|smaller|cheaper|higher|lower|larger|longer|"
    r"shorter|per|out|the|a (?:day|week|month|year|minute|second)|an hour)\b)"
    # "… have been in that software supply chain area": the area the talk was just in.
    r"|\b(?:in|into|from|to|within|across|of|on) that (?!the\b|a\b|an\b)(?:[\w-]+ ){1,3}(?:area|space|realm|domain)\b"
    r"|\bthe other (?:one|command|thing|project|option|approach|way|tool|side|feature)\b|\bthe (?:latter|former|above|below)\b"
    # A result or an answer told before: "About a third of the saving came from …", "Very often the explanation
    # is in four numbers …" (judged dangling, 3 of 3); "the difference between A and B" names its own.
    r"|\bthe (?:savings?|explanation|results?|fix|difference|culprit|root cause|trick|catch|outcome|payoff)"
    r"(?=\s+(?:is|was|are|were|came|comes|lies|lay|turned out)\b)(?!\s+(?:is|was) (?:that|to)\b)"
    r"|\b(?:as|like) (?:you|we) (?:can )?(?:see|saw)\b|\bwe can see\b|\bas (?:shown|mentioned|described|noted|discussed)\b"
    r"|\b(?:was|were) (?:talking about|mentioning|saying|describing)\b|\b(?:you|he|she|[A-Z][a-z]+) (?:just )?mentioned\b"
    r"|\bin (?:this|that|each|either) case\b|\bthe (?:following|previous|next) (?:\w+ )?(?:section|step|example|command|output|figure|table)\b"
    r"|\b(?:figure|diagram|table|image|screenshot|output|graph|chart)s? (?:below|above)\b|\b(?:shown|listed|described|illustrated) (?:below|above)\b"
    r"|^\W*(?:particularly|for example|for instance|e\.g\.)\b"
    r"|^\W*(?:the|that|this) (?:project|conference|release|controller|app|tool|proposal|approach|one|same)\b"
    r"(?!\s+(?:team|teams|lead|leads|notes|cycle|process|manager|managers|board|committee)\b)"
    r"|^\W*(?:instead|later|afterwards|meanwhile|similarly|likewise|again|otherwise|finally|next)\b"
    # "Gateway API instead lets implementations define …": instead of what the sentence before said.
    r"|^(?![^.]*(?:\bnot\b|n't\b|\brather than\b|\bif\b|\bunless\b|\bbut\b))[^.]*?\binstead\b(?!\s+of\b)"
    # A step of a sequence told before: "The platform team then spends …", "We'll then deploy …".
    r"|^(?![^,]*\b(?:if|when|once)\b)\W*(?:[\w'’-]+\s+){1,4}(?<!and )(?<!or )(?<!but )then\s+(?!on\b)[a-z]"
    # "that" as the object a clause ends on: "As part of that, …", "When I was contributing to that, …".
    r"|\b(?:of|about|with|for|on|from|like|to|into|after|before|than) that(?=\s*[,.;]|\s+(?:and|but|so)\b)",
    re.IGNORECASE,
)
# A pronoun subject after an opening phrase: "On our fleet it's a bit under 1% of CPU", "For Postgres that's
# everything" (the dummy "it's important to …" stands alone).
_LEANS_AFTER_OPENER_RE = re.compile(
    r"^\W*(?:on|in|for|at|with|from|by|after|before|during|without)\b[^,.;]{0,40}?(?:,\s*|\s)(?:it|that|they)"
    r"(?:'s|’s|'re|’re| is| was| are| were)\b(?!\s+(?:\w+\s+){0,2}?(?:to|that|for|when|if|why|how)\b)"
    # "Over the years that became 11 node groups per cluster" (judged dangling): after a span of time, "that" is what
    # the sentence before told ("Over a network that is congested" is a relative clause, and no span of time).
    r"|^\W*(?:over (?:the |those |a few |several )?(?:years|months|weeks|time)|since then|in the end|eventually|by then|"
    r"at (?:that|this) point)[\s,]+(?:that|it|they)\s+(?:'s|is|was|are|were|became|becomes|meant|means|turned into|grew)\b",
    re.IGNORECASE,
)
# "Compile it to Wasm, …", "I ran it in dry-run against …", "You switch it on per namespace", "If its users are its
# authors, …": an "it" right after a pronoun subject and its verb, after an imperative, or an opening "its", before
# anything it could stand for (of the 7 judged lines it flags, 6 were dropped; "make it possible" is no pointer).
# Word shapes only, no tagger: the takeaways path must not load the POS model.
_EARLY_IT_RE = re.compile(
    r"^\W*(?:(?:(?:if|when|so|and|but|then|once|now)\s+)?(?:I|we|you|they|he|she)\s+(?:[\w'’]+\s+)?(?:it|its)"
    r"|(?-i:[A-Z][a-z]+)\s+(?:it|its)|(?:(?:if|when|once|because|since)\s+)?its)\b"
    r"(?!\s+(?:possible|easy|easier|hard|harder|clear|simple|impossible|difficult|likely|unlikely|worse|better)\b)",
    re.IGNORECASE,
)
# "We lowered that percentage for the batch profile", "Within the first day that channel had …", "OOM kills on that
# pool fell by 70%" (judged dangling or markup, 7 of 7): "that" + a thing the sentence never named; "a dedicated node
# pool, excluded that pool" names it first.
_THAT_THING_RE = re.compile(
    r"\bthat (percentage|number|value|setting|threshold|limit|flag|metric|rule|policy|dashboard|channel|pool|job|"
    r"script|plugin|config|configuration|file|label|annotation|field|agent|migration|rollout|outage|bug|query|alert|"
    r"list|report|meeting|call|system|namespace)\b",
    re.IGNORECASE,
)


def _that_thing_unnamed(text: str) -> bool:
    """Whether ``text`` says "that <thing>" (:data:`_THAT_THING_RE`) of a thing it did not name before."""
    return any(re.search(rf"\b{m.group(1)}", text[: m.start()], re.IGNORECASE) is None for m in _THAT_THING_RE.finditer(text))


_PLURAL_PRONOUN_RE = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)
# A plural a "they" can point back to inside the sentence: "pods", "clusters", "teams", "people", "users and operators".
_PLURAL_NOUN_RE = re.compile(
    r"\b(?i:(?!(?:this|was|has|is|does|its|us|as|yes|always|perhaps|thus|plus|less|unless|across|process|access|status|"
    r"focus|versus|chaos|bonus)\b)\w+[^s\W]s|people|children|data|media|criteria|everyone|everybody|anyone|anybody|"
    r"somebody|someone|folks|staff|team|company|community|and)\b|\b[A-Z]{2,}s?\b"
)
_THIRD_PERSON_ZH_RE = re.compile(r"(?<![其吉])(?:他|她|它)")
_LATIN_NAME_RE = re.compile(r"[A-Z][\w.-]*|[a-z]+[A-Z][\w-]*")
_THIRD_PERSON_RE = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
_NAME_RE = re.compile(r"\b[A-Z][a-z]+\b")
_SENTENCE_OPENERS = frozenset(
    "the a an in on at when if as after before while since because so but and or then this that these those it we "
    "our you your there here for with without once every each most many some".split()
)
# Chinese: a demonstrative or pointer anywhere (这些文件, 该问题, 其中, 此版本, 上面的命令, 如前所述, 本节), an
# ordinal of a list the sentence does not give (第一个坑, 第一层), a step of a sequence (接着, 再查看).
_LEANS_INSIDE_ZH_RE = re.compile(
    r"这|那(?!么)|该(?=[\u4e00-\u9fff])|其(?!他|实|余下|次要)|(?<![因如彼])此(?!外)|上面|下面|上述|上文|前文|前面(?:提到|所述|介绍)|"
    r"如前所述|如上所述|以下|如下|下列|后面|本节|本文|本篇|本系列|本主题|本章|本期|本次|前面的|(?:如|见|下|上)图|图中|如(?:您|你)所见|也不例外|"
    r"[上下]一(?:个|层|层级|步|阶段|节)|"
    r"同样的(?:问题|情况|错误|方法|方式|配置|做法)|^\W*(?:更重要的是|更糟糕的是|相比之下|与此同时|另一方面|(?:另)?一个是)|"  # "Splunk 技术栈中的下一个安全层级则是 …": the next after the one the post just gave
    r"^\W*(?:特别是|尤其是|(?:现在[，,]?\s*)?是时候|例如|比如|举例来说)|"
    # What another speaker said: "罗浩说的慢启动跟 HPA 要配合好" (not "我想说的是").
    r"(?:刚才|之前|前面|上面|[\u4e00-\u9fff]{2,3})说的(?!是|话|时候|那样|没错)|"
    r"^\W*(?:第[一二三四五六七八九十]+(?:个|层|点|条|种|步|类|项|阶段)|接着|再(?!次)|然后|同时|最后|首先|其次|也不例外|整个过程|我们可以看到|可以看到|从上)"
)


_leans_inside_en = searcher(_LEANS_INSIDE_EN_RE)  # behind a pre-test of the words it needs (score/_gate.py)


@functools.lru_cache(maxsize=8192)
def leans_outside(text: str, lang: str) -> bool:
    """Whether an edited takeaway still points at something only the post says (see module docstring)."""
    if lang == "zh":
        return bool(_LEANS_ZH_RE.match(text) or _LEANS_INSIDE_ZH_RE.search(text))
    if _LEANS_EN_RE.match(text) or _leans_inside_en(text, fold(text)) or _LEANS_AFTER_OPENER_RE.match(text):
        return True
    plural = _PLURAL_PRONOUN_RE.search(text)
    if plural is not None and not _PLURAL_NOUN_RE.search(text[: plural.start()]):
        return True  # "We measured the cost of turning them back on": them = frame pointers, named before
    if _EARLY_IT_RE.match(text):
        return True
    if _that_thing_unnamed(text):
        return True
    pronoun = _THIRD_PERSON_RE.search(text)
    if pronoun is None:
        return False
    named = [m.group(0) for m in _NAME_RE.finditer(text[: pronoun.start()])]
    return not any(name.lower() not in _SENTENCE_OPENERS for name in named)


# Leans that the sentence just before cannot mend: a place in a list the post gives elsewhere ("The second
# …", "另外…"), a pointer into the page ("the figure below", "如上所述", "本文"), a reply or hedge ("Yeah,",
# "I think"), an example that needs its rule ("For example, …"). Everything else that leans outside (a
# pronoun or demonstrative subject: "It …", "This promotes …", "该项目…") usually points at the sentence before.
_UNMENDABLE_EN_RE = re.compile(
    r"^\W*(?:second|third|fourth|fifth|another|also|again|otherwise|finally|next|either|neither|"
    r"the (?:second|third|fourth|fifth|rest|other|answer|reason)|yeah|yes|no|right|sure|exactly|absolutely|"
    r"as (?:I|we|you) (?:said|mentioned)|I (?:think|believe|guess|would say|'d say|mean)|particularly|for example|"
    r"for instance|e\.g\.)(?![\w-])"
    r"|\b(?:as|like) (?:you|we) (?:can )?(?:see|saw)\b|\bwe can see\b|\bas (?:shown|mentioned|described|noted|discussed)\b"
    r"|\b(?:was|were) (?:talking about|mentioning|saying|describing)\b|\b(?:you|he|she|[A-Z][a-z]+) (?:just )?mentioned\b"
    r"|\bthe (?:following|previous|next) (?:\w+ )?(?:section|step|example|command|output|figure|table)\b|\bthe (?:above|below)\b"
    r"|\b(?:figure|diagram|table|image|screenshot|output|graph|chart)s? (?:below|above)\b|\b(?:shown|listed|described|illustrated) (?:below|above)\b",
    re.IGNORECASE,
)
_UNMENDABLE_ZH_RE = re.compile(
    r"^\W*(?:第[二三四五六七八九十]|其次|再次|另外|另一|最后|首先|接着|然后|同样|例如|比如|举例来说|特别是|尤其是|对此|为此)"
    r"|上面|下面|上述|上文|前文|前面(?:提到|所述|介绍)|如前所述|如上所述|以下|如下|下列|后面|本节|本文|本篇|本系列|本主题|本章|本期|本次|"
    r"(?:如|见|下|上)图|图中|如(?:您|你)所见|也不例外|我们可以看到|可以看到"
)


def unmendable(text: str, lang: str) -> bool:
    """Whether a takeaway leans on more than the sentence just before it could give: a place in a list, a
    pointer into the page, a reply or an example (a pronoun or demonstrative, "It runs in the kernel.",
    "这种方式…", the sentence before usually mends)."""
    if lang == "zh":
        return _UNMENDABLE_ZH_RE.search(text) is not None
    return _unmendable_en(text, fold(text))


_unmendable_en = searcher(_UNMENDABLE_EN_RE)  # behind a pre-test of the words it needs (score/_gate.py)


# The reason for, or the exception to, what the sentence before said: "因为我们很多模型其实是小模型，…" (no 所以 after
# it), "例外是幂等的读接口，…". In a meeting a speaker opens on 因为 to go on with their own point (on VCSum, reading
# it as a lean cost 0.5 ROUGE-2), so the caller decides by register (:func:`summarize.score.pairing.leaning`).
# "Gateway 服务还具备 …", "12 因素框架还指出 …", "与会者还兴奋地发现 …": a subject that "also" does something goes on
# from what the post said it did before (judged: none of 6 such takeaways kept; "也" is kept as often as not).
_GOES_ON_ZH_RE = re.compile(
    r"^\W*(?:因为(?![^。]*所以)|例外(?:是|的是))"
    r"|^[^，,。、；;：:]{1,20}?(?<![偿归退交])还(?=[\u4e00-\u9fff])(?!是|没|不|在|未|有|要|会|可以|能|需要|得|好|行|算|原|处于|停留|仅|只)"
)


def goes_on_from_before(text: str, lang: str) -> bool:
    """A Chinese sentence that gives the reason for, the exception to, or one more thing after the sentence before it."""
    return lang == "zh" and _GOES_ON_ZH_RE.match(text) is not None


def unnamed_third_person(text: str, lang: str) -> bool:
    """A Chinese 他/她/它 with no name before it in the sentence ("在正式推出 envoy 之前，他告诉我…"; "其他" is
    "other"). Written prose names what it goes on to call 它; in a meeting, 它 is whatever is on the table, so
    the caller decides by register (:func:`summarize.score.pairing.leaning`)."""
    if lang != "zh":
        return False
    pronoun = _THIRD_PERSON_ZH_RE.search(text)
    return pronoun is not None and not _LATIN_NAME_RE.search(text[: pronoun.start()])


# First-person past narrative and scene-setting: how a story is told, not what it teaches.
_NARRATIVE_EN_RE = re.compile(
    r"^\W*(?:(?:so|and|but|then|well|actually|yeah|now|anyway)[\s,]+)*(?:I|we|my team|our team|my colleague \w+)\s+"
    r"(?:(?:just|actually|really|first|finally|then|also|all|kind of|sort of)\s+)?"
    r"(?:was|were|went|got|started|began|tried|used to|joined|met|came|saw|remember|remembered|thought|asked|told|"
    r"said|spent|wanted|had|heard|ended up|showed up|called|looked|sat|talked|spoke|visited|flew|walked|deployed it|"
    r"happened|did)\b"
    r"|\b(?:this morning|yesterday|last (?:night|week|month|year)|the other day|years ago|back (?:in|then|when)|"
    r"at the time|when I was|when we were|once upon)\b"
    # Scene-setting about the author's own shop: "At Orbitra Labs we run a checkout platform on …", "We run 40
    # clusters with about 12,000 pods": the size of the stage, not what happened on it.
    r"|^\W*at [A-Z][\w-]*(?: [A-Z][\w-]*)*,? we (?:run|build|operate|have|maintain)\b"
    # A tutorial announcing its own next step: "We will use a simple application called BookInfo", "We'll then deploy …".
    r"|^\W*(?:(?:now|next|first|then),?\s+)?(?:we|I)(?:'ll|’ll| will| are going to|'re going to|’re going to)\s+"
    r"(?:(?:now|then|first|also|just)\s+)?(?:use|deploy|install|create|walk|look|see|show|start|set up|configure|run|try)\b"
    r"|^\W*(?:we|our (?:team|company|platform|org\w*))(?: currently| now)? (?:run|ran|have|had|operate|operated|manage|managed|"
    r"maintain|maintained) (?:about |around |roughly |over |more than |nearly |almost )?\d[\d,.]*\+?\s*(?:[\w-]+ ){0,2}?"
    r"(?:clusters?|nodes?|pods?|services|microservices|engineers|developers|teams|regions|zones|VMs|machines|servers)\b"
    # A tutorial's step or its invitation to the next one: "Now let's try to route the traffic …", "Look at
    # the endpoints that …", "Let's review how …".
    r"|^\W*(?:(?:now|next|then|so|first),?\s+)?let['’]?s\s+(?:now\s+|first\s+|then\s+)?(?:try|review|look|see|take|check|"
    r"verify|test|start|deploy|install|create|configure|run|route|move|go|walk|explore|examine|inspect)\b"
    r"|^\W*(?:(?:now|next|then|first),?\s+)?(?:look at|take a look at|check) the\b"
    # The scene a post sets before its point: "In the world of …", "As more and more companies adopt …", "If you
    # have heard anything about service meshes, …".
    r"|^\W*(?:in (?:today['’]s|the) (?:world|era|age|landscape) of\b|in today['’]s (?:fast-paced|cloud-native|digital|modern)\b"
    r"|as (?:more and more|organizations|companies|enterprises|teams) (?:adopt|move|embrace|shift)\b"
    r"|over the (?:past|last) (?:few|several|couple of) (?:years|decades)\b|if you have heard anything about\b)",
    re.IGNORECASE,
)
_NARRATIVE_ZH_RE = re.compile(
    r"^(?:我|我们)(?:当时|那时|那时候|之前|以前|曾经|刚|一开始|后来)|^(?:当时|那时候|那会儿|记得)"
    # A tutorial's step or its announcement of the next one: "检查代理和 OPA 日志以确认结果。", "执行下面的命令，…",
    # "我们将有条件地在 … 启用外部授权。", "现在我们来尝试 …".
    r"|^(?:在(?:当今|如今|今天)?[^，。]{0,12}的(?:世界|时代|领域)(?:中|里)|随着[^，。]{0,24}(?:发展|普及|兴起|流行|采用|增长)|"
    r"近年来|如今[，,]|当今[，,]|在过去的?(?:几|数|十)年)"
    r"|^(?:请|然后|接着|再|最后|现在|首先)?[，,]?\s*(?:检查(?!点|器|项)|查看(?!器)|运行(?!时|环境|状态)|执行(?!器|引擎|环境|策略)|输入(?!数据|参数)|打开(?!源)|"
    r"访问(?!控制|权限|策略|日志|模式)|登录(?!页|信息)|登到|复制(?!集|品)|粘贴|点击(?!率)|切换到|进入(?!门槛))"
    r"|^(?:接下来|下面|现在|首先|然后)?[，,]?\s*我们(?:将|来|要)(?:会)?(?:先|再)?(?:使用|部署|安装|创建|启用|配置|演示|看|介绍|尝试|测试|验证|查看)"
    r"|^(?:[^，。]{0,8}[，,]\s*)?我们的[^，。]{0,12}(?:规模|平台|集群)[^。]{0,10}(?:超过|达到|有|约)[^。]{0,8}\d"
)
# The shapes points take: advice, reasons, decisions, measured effects, definitions.
_POINT_EN_RE = re.compile(
    r"\b(?:should|must|need(?:s)? to|have to|has to|recommend\w*|make sure|best practice|the key (?:is|to)|"
    r"it(?:'s| is) (?:important|critical|essential|worth|better|best|easier|harder)|avoid|never|always|"
    r"because|so that|which means|the reason|in order to|allows?|enables?|lets|means that|instead of|rather than|"
    r"decided|chose|picked|replaced|switched|moved (?:to|from)|reduced|cut|increased|improved|"
    r"is (?:a|an|the) \w+(?: \w+)? (?:that|which|for|to)\b|are (?:a|an|the)?\s*\w+ (?:that|which)\b)"
    r"|\d+(?:\.\d+)?\s*(?:%|percent|ms|milliseconds?|seconds?|s\b|minutes?|hours?|days?|x\b|times|GB|MB|TB|GiB|MiB|"
    r"cores?|nodes?|pods?|clusters?|replicas?|requests?|users?|services?)",
    re.IGNORECASE,
)
_POINT_ZH_RE = re.compile(
    r"应该|必须|需要|建议|推荐|确保|避免|不要|关键|重要|因为|因此|所以|以便|从而|使得|允许|可以|能够|意味着|而不是|"
    r"选择|决定|采用|减少|降低|提高|提升|增加|是一种|是一个|\d+(?:\.\d+)?\s*(?:%|毫秒|秒|分钟|小时|倍|个|台|核|GB|MB|TB)"
)


# The author's own history, told as a story: "We ran Istio with sidecars for three years.", "For almost six years
# our platform team ran every public endpoint through …", "When we started, running Postgres on Kubernetes meant …":
# what the shop did before, the stage for the point rather than the point.
_DURATION = r"(?:almost |nearly |about |more than |over )?(?:\w+|\d+) (?:years|months)"
_OUR_SHOP = r"(?:we|our (?:\w+ ){0,2}?(?:team|company|org\w*|platform|engineers|developers|clusters?))"
_HISTORY_VERB = r"(?:ran|used|relied|kept|lived|struggled|built|were running|were using|spent)"
_HISTORY_EN_RE = re.compile(
    rf"^\W*(?:for|over) {_DURATION},?\s+{_OUR_SHOP}\s+{_HISTORY_VERB}\b"
    rf"|^\W*{_OUR_SHOP}\s+{_HISTORY_VERB}\b.*\bfor {_DURATION}\b"
    r"|^\W*(?:when we (?:first )?(?:started|began)|in the early days|at first),"
    r"|^\W*(?:in the past|traditionally|historically|back then|previously),?\s"
    rf"|^\W*{_OUR_SHOP}\s+(?:originally|initially|first) \w+ed\b"  # "We originally measured the success rate from …"
    # "For four years our Kubernetes clusters scaled their nodes with …", "For the first year we had beautiful
    # dashboards …", "For the last two years, we have been running …", "Since adopting Envoy in 2016, …".
    rf"|^\W*(?:for|over) {_DURATION},?\s+{_OUR_SHOP}\s+(?:\w+ed|had|ran|kept|built|spent)\b"
    r"|^\W*for (?:the |our )?(?:first|last|past) (?:\w+ )?(?:years?|months?|decade),?\s+(?:we|I|our)\b"
    # "For years, every schema change at Fernhill Commerce came with a maintenance window." (judged trivial): the old
    # way, told before the change.
    r"|^\W*for (?:many |several |a few )?(?:years|decades|a long time|ages),\s+(?-i:[a-z])[^.;]*\b(?:came|was|were|had|meant|took|needed|required|ran|used)\b"
    r"|^\W*since (?:adopting|joining|starting|launching|moving to|switching to)\b"
    # The author's own dated past: "In 2019 we moved …", "We adopted Linkerd in 2018, …" (not a dated fact such as
    # "Istio was created in 2017 by Google, IBM and Lyft", which a card asks about).
    r"|^\W*(?:in (?:19|20)\d\d,? (?:we|I)|(?:we|I) (?:\w+ )?(?:was|were|had|got|started|began|joined|adopted|moved|"
    r"switched|migrated)\b[^.;]*\b(?:in|since|by) (?:19|20)\d\d)\b"
    # The habitual past of a story: "A KEP would miss code freeze, file an exception, …", "The authors would decide …".
    # Without a team as its subject, only a chain of steps says habit ("Envoy would retry the request" is a claim).
    r"|^\W*the (?:[\w-]+ ){0,2}(?:team|teams|people|engineers|authors|owners|reviewers) would (?-i:[a-z]+)"
    r"|^\W*(?:(?-i:(?!(?:This|That|It|We|I|You|They)\b)[A-Z][\w-]*)|an? [a-z]+) would (?-i:(?!be\b|like\b|say\b|need\b|want\b)[a-z]+)"
    r"[^.,;]{0,60}, (?:(?:and|or|then) )?(?-i:(?!(?:which|who|where|when|while|because|if|that|so|but|not|by|as)\b)[a-z]+) "
    r"(?-i:[a-z]+)\b"
    # The shop as it was, the stage before the change: "A year ago we had about twelve clusters …", "With Cluster
    # Autoscaler we had a node group per instance type, …", "We were using the cluster autoscaler with …" (judged
    # trivial, 3 of 3). Not a result ("in the end we had 14 waypoints", "we had removed 97 of …") nor "we had to".
    r"|^\W*(?!(?:so )?(?:in the end|by the end|at the end|finally|now|today|by|within|once|because|since|after|when|"
    r"imagine|if|this|to give)\b)(?:[\w'’-]+,? ){0,6}?(?<!if )(?<!once )(?<!because )(?<!when )"
    r"(?:we|our (?:[\w-]+ ){0,2}?team) (?:had|were running|were using)\b(?!\s+(?:to\b|(?-i:[a-z]+ed)\b|"
    r"(?:already|just|finally|also|never|since|all) \w+\b|(?:cut|built|made|done|seen|run|set|put|become|taken|gone|grown|"
    r"written|shown|known|found|lost|won|spent|got|gotten|begun|brought|thought|chosen|broken|driven|fallen)\b|"
    r"(?:about |around |roughly |over |almost |nearly )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|a hundred|hundreds|thousands|dozens)\b))"
    r"|^\W*(?:about |almost |nearly )?(?:a|an|one|two|three|four|five|six|\d+|a few|several) (?:years?|months?|weeks?) ago,?\s+(?:we|I|our)\b"
    # "The enhancements team members used to ping each of …", "what we used to do was …" (not "is used to detect").
    r"|(?:^\W*|,\s*)(?:what |the (?:[\w-]+ ){0,2})?(?:we|I|they|team|teams|members|people|engineers)\s+used to "
    r"(?-i:(?!be\b|on\b|in\b|at\b|with\b|for\b|when\b|[a-z]{3,}ing\b)[a-z]+)\b",
    re.IGNORECASE,
)
# The same in Chinese: "过去，签名意味着管理长期密钥…", "原来很多告警规则依赖…", "传统的安全方法基于 IP 地址…" ("原来的微服务框架…",
# the former framework, names what the post replaced and is not history told).
_HISTORY_ZH_RE = re.compile(
    # "以前 CoreDNS 副本数是固定的 4 个。" (judged trivial) as well as "以前，…"; not "以前的版本…".
    # Not "以前端服务为例", "以前缀匹配", "以前者为准": 以 + a word that starts with 前.
    r"^(?:过去[，,]|原来(?!的|是)|以前(?=[，,\s]|[A-Za-z0-9]|我们|我|大家|团队|公司|这|那)|从前[，,]|早期[，,]|传统(?:的|上)|最初[，,]|起初|一开始[，,])"
)


# A sentence that announces a list ("We did two things.", "To enable it there are a handful of required changes your
# application must make.", "有三个原因："): the one after it is the list's first item, and it is no point of its own.
_ANNOUNCES_A_LIST_RE = re.compile(
    # Not "… and then the first three things to check.": a count of the list's head is no announcement.
    r"(?<!\bfirst )(?<!\blast )(?<!\btop )(?<!\bnext )"
    r"\b(?:two|three|four|five|several|a few|a couple of|a handful of) (?:\w+ ){0,2}?(?:things|reasons|ways|steps|parts|"
    r"options|lessons|problems|changes|areas|kinds|types|components|mistakes|pillars)\b(?:\s+\w+){0,5}?\s*[.:]\s*$"
    # Chinese: a count after 有/做了/分为/包括… ("有三个原因：", "我们做了两件事。"), or any count the sentence ends on with a
    # colon; "因此你需要至少三个节点。" ends on a count and announces nothing.
    r"|(?:有|做了|分为|分成|包括|包含|总结了|遇到了|踩了)[^。，]{0,4}(?<![\d一二三四五六七八九十百千万两几])"
    r"[两二三四五六七八九几](?:个|件|点|种|条|步|类|方面)[^。，\d]{0,8}[。：:]\s*$"
    r"|(?<![\d一二三四五六七八九十百千万两几])[两二三四五六七八九几](?:个|件|点|种|条|步|类|方面)[^。，\d]{0,8}[：:]\s*$",
    re.IGNORECASE,
)


def announces_a_list(text: str) -> bool:
    """Whether a sentence only announces the list after it (judged: 0 of 9 such takeaways kept)."""
    return _announces_a_list(text, fold(text))


_announces_a_list = searcher(_ANNOUNCES_A_LIST_RE)  # behind a pre-test of the counts it needs (score/_gate.py)


@functools.lru_cache(maxsize=8192)
def narrates(text: str, lang: str) -> bool:
    """First-person past narrative or scene-setting ("We started talking to Google.", "当时我们…")."""
    if lang == "zh":
        return bool(_NARRATIVE_ZH_RE.search(text) or _HISTORY_ZH_RE.match(text))
    return bool(_NARRATIVE_EN_RE.search(text) or _HISTORY_EN_RE.search(text))


# A measured change, the result a post exists to report: "cut our p99 produce latency from 180 ms to 25 ms", "dropped by
# roughly 70 percent", "31% fewer nodes", "waypoint 的数量从 38 个减少到 9 个", "日均节点数下降了大约四分之一". Writers of the
# fresh pages listed such results among their takeaways, and judges kept every one printed (5 of 5).
_NUMBER_EN = (r"(?:[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
              r"sixty|seventy|eighty|ninety|a hundred)")
_MEASURED_EN_RE = re.compile(
    rf"\bfrom (?:about |around |roughly |over |nearly )?{_NUMBER_EN}\s*[\w-]*\s+(?:down |up )?to "
    rf"(?:about |around |roughly |under |just )?(?:{_NUMBER_EN}|an? (?:afternoon|hour|day|minute))"
    r"|\bby (?:about |around |roughly |nearly |over )?[\d.,]+\s*(?:%|percent|x\b|times)"
    r"|[\d.,]+\s*(?:%|percent) (?:fewer|less|lower|more|faster|slower|cheaper|smaller|higher)",
    re.IGNORECASE,
)
_MEASURED_ZH_RE = re.compile(
    r"(?:从|由)[^，。]{0,12}?[\d.]+[^，。]{0,8}?(?:降|减|缩|提|升|增)[^，。]{0,3}?(?:到|至)"
    r"|(?:下降|减少|降低|提升|提高|增加|缩短)了?\s*(?:大约|约|近|超过)?\s*[\d.]+\s*(?:%|倍|个百分点)"
    r"|(?:下降|减少|降低|提升|提高)了?(?:大约|约)?[一二三四五六七八九十几]+(?:分之[一二三四五六七八九十]|成)"
)


@functools.lru_cache(maxsize=8192)
def measures_a_change(text: str, lang: str) -> bool:
    """Whether a sentence reports a measured change ("from 180 ms to 25 ms", "by 70 percent", "从 38 个减少到 9 个")."""
    return (_MEASURED_ZH_RE if lang == "zh" else _MEASURED_EN_RE).search(text) is not None


@functools.lru_cache(maxsize=8192)
def makes_a_point(text: str, lang: str) -> bool:
    """Whether a sentence has the shape of a point: advice, a reason, a decision, a measured effect, a definition."""
    if lang == "zh":
        return _POINT_ZH_RE.search(text) is not None
    return _points_en(text, fold(text))


_points_en = searcher(_POINT_EN_RE)  # behind a pre-test of the words it needs (score/_gate.py)
