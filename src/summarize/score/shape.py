"""Whether one sentence, as a takeaway would print it, has the shape of one: not a label's item, not a fragment
(no verb of its own, cut before its end, the tail of a broken sentence, only names), not a run-on, not a
spoken false start. These read the sentence alone; the takeaways scorer and the pairing rule (which must not
print a fragment as the anchor of a pair) share them.
"""

from __future__ import annotations

import re

from ..model import Sentence
from ..segment.asr import NUMBERED_POINT_EN
from ..segment.zh import LIST_INTRODUCERS_ZH
from .quality import AUXILIARIES, lacks_a_verb

MAX_TAKEAWAY_WORDS = 60
MAX_SPOKEN_TAKEAWAY_WORDS = 45
MAX_TAKEAWAY_CHARS = 150
"""Past these (English words, Chinese characters, after the editor's deletions) a sentence is a run-on no
newsletter prints as one line: it is used only when nothing else can fill the summary. Speech runs on
sooner: a spoken sentence of 45 words is already several clauses chained with "and" and "so"."""


# "可扩展性：我们计划…", "Network Service Endpoint (NSE): the implementation of …", "生成 deep copy 方法 - …":
# a list's label before its item; judges read these as labels or fragments, not as newsletter lines.
_LABELLED_RE = re.compile(r"^[^:：。.!?，,]{1,40}?(?:\s*[:：]|\s+[-–—]\s+)\s*\S")
# An English label may hold one comma: "Action one, alerts: page on …", "Node Pool Radio, episode 19: …", "Native
# sidecars, one year in — A practical write-up …" (judged markup, 7 of 7 such lines).
_LABELLED_COMMA_EN_RE = re.compile(r"^[^:：。.!?，,]{1,30},[^:：。.!?，,]{1,30}?(?:\s*[:：]|\s+[-–—]\s+)\s*\S")


def labelled(s: Sentence, text: str) -> bool:
    """Whether ``text`` opens on a list's label: a short phrase, then a colon or a spaced dash. A clause before the
    colon is no label but the sentence's own lead-in ("We adopt Option C: …", "Volume snapshots live with the
    disks: …", "所以翻译函数必须是一个纯函数：…"): of the judged lines with a short lead-in and a colon, 11 of 15 behind
    a clause were kept, 1 of 22 behind a noun label ("Frame pointers: …", "Action items: …", "可扩展性：…")."""
    m = _LABELLED_RE.match(text) or (_LABELLED_COMMA_EN_RE.match(text) if s.lang == "en" else None)
    if not m:
        return False
    label = text[: m.end() - 1].rstrip(" :：-–—")
    if s.lang == "en":
        return len(label.split()) <= 5 and not (_clause_en(label) and _SUBORDINATE_EN_RE.match(label) is None)
    # A Latin name counts as one character: "LeastAllocated（默认）：…" is a list's label too.
    if len(re.sub(r"[A-Za-z0-9_.+-]+", "x", label)) > 16:
        return False
    bare = _QUOTED_ZH_RE.sub("", label)  # "【技术人访谈】“又是 DNS”：…" is a title, whatever its quote says
    return _CLAUSE_ZH_RE.search(bare) is None or _COUNTS_ITEMS_ZH_RE.search(bare) is not None


# A Chinese lead-in with a copula or modal is a clause: "…就是：", "…必须是一个纯函数：", "…会放大 … 的问题：";
# unless it counts the list it opens ("真正花时间的是三件事：…": the first item follows, not the point) or announces a
# misconception ("很多人会有一个误解：…": what follows is what the post says is wrong).
_CLAUSE_ZH_RE = re.compile(r"是|会|必须|需要|应该|可以|不能|能够")
_COUNTS_ITEMS_ZH_RE = re.compile(r"[两二三四五六七八九十几](?:个|件|点|种|条|步|类|方面)[^，,]{0,4}$|误解|误区|错觉")
_QUOTED_ZH_RE = re.compile(r"【[^】]*】|“[^”]*”|「[^」]*」|\"[^\"]*\"")
# "If you are new here: …", "When it fails: …": a clause, but a subordinate one that heads what follows.
_SUBORDINATE_EN_RE = re.compile(r"(?:if|when|whenever|once|as|because|before|after|while|since|unless|although)\b", re.I)
_SUBJECT_PRONOUNS = frozenset("i we you they he she it".split())
_DETERMINERS = frozenset("the a an this that these those our my your their its his her no every each some any".split())


def _clause_en(label: str) -> bool:
    """A subject and a finite verb, read from word shapes (the takeaways path loads no tagger): an auxiliary or
    copula ("The argument is this", "The registry story is solved"), a pronoun subject ("We adopt Option C"), a
    known finite -s/-ed form after a noun ("Cluster Autoscaler works on …", "Version 2 gives you …") or a base form
    after a plural ("Volume snapshots live with …"); not "Frame pointers", "To recap", "For most services"."""
    from .quality import verb_forms

    words = re.findall(r"[A-Za-z][\w'’-]*", label.replace("’", "'"))
    low = [w.lower() for w in words]
    if any(w in AUXILIARIES or re.search(r"'(?:s|re|m|ve|d|ll)$", w) for w in low):
        return True
    if len(low) >= 2 and low[0] in _SUBJECT_PRONOUNS:
        return True
    forms = verb_forms()
    for k in range(1, len(low)):
        before, word = low[k - 1], low[k]
        if before in _DETERMINERS or words[k][0].isupper():
            continue
        if word in forms["finite"] and word.endswith(("s", "ed")):
            return True
        if word in forms["base"] and before.endswith("s") and not before.endswith("ss") and k + 1 < len(low):
            return True
    return False


# A Chinese list item that opens with its verb or a preposition has left its subject in the lead-in
# ("为常见用例提供优秀的文档", "引入了 … 的扩展", "将工作负载添加到网格中…", "由 … 共同维护"): a fragment out of the list.
_ZH_SUBJECTLESS_RE = re.compile(
    r"^(?:为|将|把|由|向|给|对|在.{1,12}中(?:部署|启用|使用)|引入|提供|支持|使用|增加|添加|实现|启用|建立|执行|生成|部署|创建|允许|"
    r"确保|改进|修复|移除|删除|更新|升级|简化|降低|减少|提高|优化|集成|视为|获取|要求|帮助|根据|用于|围绕|通过|基于|已进入|进入)"
)


# A spoken false start the editor's deletions could not take out whole: "When those were announced-- well,
# actually, maybe …", "what we used to do was-- the release team …". Judges drop these as markup.
FALSE_START_RE = re.compile(r"\w\s*--|--\s*\w")


_ZH_AGENT_FIRST_RE = re.compile(r"^由(?!于|此|来|衷)")
# A Chinese sentence cannot open on a particle or a bare conjunction or aspect adverb: "的用户指南，帮助用户…"
# and "已激发了 SMI 社区讨论…" are the tails of a sentence the page broke (a "！）" inside brackets, a line break).
# "说它发了一个 DNS 查询，没收到回复…" (judged fragment): a reported "says" whose speaker is in the sentence before.
_ZH_TAIL_RE = re.compile(r"^(?:的(?!确|士)|以及|并且|而且|已(?!知|有|经)(?=[\u4e00-\u9fff]{1,2}了)|说(?!实话|真的|白了|起来|到底|明))")


# A speaker trailing off: "超时之后上游重试，流量更大，然后 HPA 又扩，新 Pod 又是冷的……" (judged fragment), "and so on...".
_TRAILS_OFF = r"(?:……|…|\.\.\.)\s*[。.]?\s*$"
_TRAILS_OFF_RE = re.compile(_TRAILS_OFF)


# A caption unit or spoken sentence cut before its end: "Failure mode deny is true which means.", "The fourth
# mistake is storing secrets in plain text in git and." (judged: 0 of 3 kept).
_CUT_SHORT_WORDS_EN = "which means|and|but|or|because|the|a|an|to|of|with"
_CUT_SHORT_EN_RE = re.compile(rf"\b(?:{_CUT_SHORT_WORDS_EN})\W*$", re.IGNORECASE)
_CUT_SHORT_EN_WIDTH = max(len(w) for w in _CUT_SHORT_WORDS_EN.split("|"))


def _cut_short_en(text: str) -> bool:
    """``_CUT_SHORT_EN_RE.search(text)``, started where a match can start: its word ends where the text's last
    word character does. Searching from 0 tried the alternation at every word of every sentence."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # str.isalnum is re's \w, less "_"
        end -= 1
    return _CUT_SHORT_EN_RE.search(text, max(0, end - _CUT_SHORT_EN_WIDTH)) is not None
# A condition or reason with nothing it conditions: "If the rate limit service is down." (a caption unit that
# ended before its main clause).
_CLAUSE_ALONE_EN_RE = re.compile(r"^\W*(?:if|when|because|although|unless|while|whereas|since)\b[^,;:]*$", re.IGNORECASE)


# A reason with nothing it explains, at any length: "Because a lot of what runs in a cluster isn't in your Git
# repo." answers a question asked before (judged fragments, 2 of 2); "Because this is open source, you can …" has
# its main clause after the comma.
_REASON_ALONE_EN_RE = re.compile(r"^[^\w']*(?:because(?!\s+of\b)|'cause)\b(?:[^,;:—–-]|-(?!-))*$", re.IGNORECASE)


# What a tutorial promises to teach, as an indirect question with no statement of its own: "Why a PDB can block node
# drains forever, and how to avoid it.", "怎么先用 Warn/Audit 观察，再切到 Deny。" (a "What you'll learn"/"读完你会知道"
# list; judged fragments, 3 of 3). "How the scheduler scores nodes depends on …", "如何选择取决于 …" say something.
_OBJECTIVE_EN_RE = re.compile(
    r"^\W*(?:how|why) (?:to|a|an|the|we|you|our|your|it|this|these|they)\b(?![^?]*\b(?:is|are|was|were|depends|matters|"
    r"comes down to|varies|differs|because)\b)[^?]*$",
    re.IGNORECASE,
)
_OBJECTIVE_ZH_RE = re.compile(r"^\W*(?:怎么|怎样|如何|为什么|为何)(?![^？?]*(?:是|取决于|在于|决定|很重要|不重要|因为|所以))[^？?]*$")
# Nothing but names in a row: "T-Mobile、Airbnb、易贝和 Salesforce。" (the rest of a list a stray "；" cut off).
_ZH_NAMES_ONLY_RE = re.compile(
    r"^\W*(?:[A-Za-z0-9][A-Za-z0-9_.+-]*(?: [A-Za-z0-9][A-Za-z0-9_.+-]*)*|[\u4e00-\u9fff]{1,4})"
    r"(?:\s*(?:、|，|,|和|与|及|以及)\s*(?:[A-Za-z0-9][A-Za-z0-9_.+-]*(?: [A-Za-z0-9][A-Za-z0-9_.+-]*)*|[\u4e00-\u9fff]{1,4}))+"
    r"\s*(?:等)?\W*$"
)

# Cut before its object: "许多知名品牌都在台上讨论他们对 Istio 的采用，包括。" (the list went to the next sentence).
_ZH_CUT_SHORT_RE = re.compile(rf"(?:{LIST_INTRODUCERS_ZH})\W*$|{_TRAILS_OFF}")


def fragment(s: Sentence, text: str) -> bool:
    """A list item, caption or spoken phrase that is no sentence: no verb of its own or cut before its end
    (English); in Chinese, the tail of a broken sentence, a row of names only, a clause that ends on "包括/例如",
    or a list item that starts at its verb."""
    if s.lang == "en":
        return (lacks_a_verb(text, list_item=s.kind == "list_item") or _cut_short_en(text) or _TRAILS_OFF_RE.search(text) is not None
                or (len(text.split()) <= 8 and _CLAUSE_ALONE_EN_RE.match(text) is not None)
                # In speech only: a written "Because the cache was cold the first request took two seconds." has
                # its main clause without a comma; an answer in an interview that opens on "Because" seldom does.
                or (s.speaker is not None and _REASON_ALONE_EN_RE.match(text) is not None)
                or _OBJECTIVE_EN_RE.match(text) is not None)
    if (_ZH_AGENT_FIRST_RE.match(text) or _ZH_TAIL_RE.match(text) or _ZH_NAMES_ONLY_RE.match(text) or _ZH_CUT_SHORT_RE.search(text)
            or _OBJECTIVE_ZH_RE.match(text)):
        return True  # "由我所在公司以及 Emissary、Contour 等项目共同维护。": what is maintained is in the sentence before
    return s.kind == "list_item" and _ZH_SUBJECTLESS_RE.match(text) is not None


# The next point of a talk's list begun inside the unit: "… let the kubelet do it and tune it fourth thing is just make
# the images smaller …", "… rotation just works the fifth mistake is ignoring …" (captions with no marks; judged, 3 of
# 3 dropped). At the start of a sentence the same words open the point, which stands.
_NEXT_POINT_INSIDE_EN_RE = re.compile(rf"(?<=\w)[\s,]+(?:(?:and|so|then) )?(?:the )?{NUMBERED_POINT_EN}", re.IGNORECASE)


def _next_point_inside_en(text: str) -> bool:
    """A match of :data:`_NEXT_POINT_INSIDE_EN_RE` with at least three words of the unit before it."""
    return any(len(text[: m.start()].split()) >= 3 for m in _NEXT_POINT_INSIDE_EN_RE.finditer(text))
# Two places of a list in one Chinese sentence: "…第一先把内核 OOM 和驱逐分开看第二大机器上默认阈值不够…", "今天主要三个议题，
# 第一个是…，第二个是…" (judged, 4 of 4 dropped). 第一次, 第二天, 第三季度 count times, not points.
_ORDINAL_ZH_RE = re.compile(r"第([一二三四五六七八九十])(?!次|天|周|年|名|代|版|季|期|轮|批|层|阶段|月|届|方)")


def _lists_points_zh(text: str) -> bool:
    return len(set(_ORDINAL_ZH_RE.findall(text))) >= 2


def run_on(s: Sentence, text: str, spoken: bool) -> bool:
    """Too long for one line, or two points of a list run together (a speaker's "…, fourth thing is …", "第一…第二…")."""
    if s.lang == "zh":
        return len(re.sub(r"\s", "", text)) > MAX_TAKEAWAY_CHARS or _lists_points_zh(text)
    if spoken and _next_point_inside_en(text):
        return True
    return len(text.split()) > (MAX_SPOKEN_TAKEAWAY_WORDS if spoken else MAX_TAKEAWAY_WORDS)
