"""Chinese point cards: a printed Chinese takeaway asked by the grammar of its clause (see :mod:`.point_en`).

The predicate shapes of :mod:`.predicate_zh` and :mod:`.keypoint` take closed lists of verbs, so most takeaways of
fresh Chinese pages got no card. A takeaway states its point in a few constructions whose answer type is plain:

* a 把/将 construction moves a thing somewhere: "默认情况下，istiod 会把网格里所有服务的配置都推给每一个 sidecar。" →
  "默认情况下，istiod 会把什么推给每一个 sidecar？" (网格里所有服务的配置); "Helm 会把每次发布的完整清单存在集群里。" →
  "Helm 会把什么存在集群里？" — the verb is any verb jieba tags as one, followed by where the thing goes (到/给/在/进/成/为);
* a tool used for a job: "限流服务用 Redis 做计数" → "限流服务用什么做计数？" (Redis);
* a change to an amount: "sidecar 的 CPU requests 总量降到了原来的四成左右" → "sidecar 的 CPU requests 总量降到了多少？".

The subject names a thing in Latin letters (or is a qualified term of the post: "特权容器中的进程"), never 我们, 用户 or a
pronoun, and leans on no sentence before (这, 其, 也, 还 …); the frame a sentence opens on ("默认情况下", "在 ambient 模式下")
stays in the question. Every draft then passes the checks of :mod:`.checks` like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .context import Context
from .draft import Draft

#: Template ids (part of every card's stable id).
ZH_BA, ZH_TOOL, ZH_AMOUNT, ZH_DOES = "zh-point-ba", "zh-point-tool", "zh-point-amount", "zh-point-does"
TEMPLATES = frozenset({ZH_BA, ZH_TOOL, ZH_AMOUNT, ZH_DOES})
_CONFIDENCE = {ZH_BA: 0.58, ZH_TOOL: 0.6, ZH_AMOUNT: 0.6, ZH_DOES: 0.55}

_CLAUSE = r"[^，,。！？；;：:]"
_TOOL_RE = re.compile(
    rf"^(?P<subj>{_CLAUSE}{{2,24}}?)\s*(?P<use>用|使用|采用|通过)\s*(?P<tool>[A-Za-z][\w.+-]*(?:\s[A-Za-z][\w.+-]*){{0,2}})\s*"
    rf"(?P<do>做|来|进行|实现|完成|存储|保存)\s*(?P<job>{_CLAUSE}{{2,20}}?)[。！]?$"
)
_AMOUNT_RE = re.compile(
    rf"^(?P<subj>{_CLAUSE}{{3,30}}?)\s*(?P<verb>降到了|降到|降至|降低了|降低到|降了|减少了|减少到|下降了|缩短到|缩短了|"
    rf"提升了|提升到|提高了|提高到|增加了|增加到|增长了|涨了|涨到|升到)\s*"
    rf"(?P<amount>(?:约|大约|近|超过)?\s*(?:\d[\d,.]*\s*(?:%|倍|毫秒|秒|分钟|小时|天|个|台|GB|MB|ms|s)?|原来的\s*[一二三四五六七八九]成|[一二三四五六七八九]成|一半)(?:左右|以上|以下)?)"
    rf"[。！]?$"
)
_GENERIC_RE = re.compile(r"^(?:用户|团队|我们|开发者|开发人员|管理员|社区|大家|人们|公司|组织|企业|客户|工程师|业务|它|他|她)")


def point_cards_zh(ctx: Context, points: Sequence[tuple[tuple[int, ...], str]]) -> Iterator[Draft]:
    """Chinese point cards of the printed takeaways ``points`` ((sentence ids, text as printed))."""
    for ids, text in points:
        for clause in _clauses(text):
            draft = point_card_zh(clause, ids)
            if draft is not None:
                yield draft
                break


def _clauses(text: str) -> list[str]:
    """The takeaway's sentences, each cut at its clauses: "限流服务用 Redis 做计数" is the second clause of its
    sentence ("Envoy 对每个请求调用一个独立的限流服务，限流服务用 Redis 做计数，…"), a point of its own when it
    names its own subject."""
    found = []
    for sentence in re.split(r"(?<=[。！？])", text.strip()):
        parts = [p.strip() for p in re.split(r"[，,；;]", sentence.rstrip("。！？")) if p.strip()]
        found.append(sentence.strip())
        found += [p + "。" for p in parts[1:]]
        if len(parts) > 1 and parts[0]:
            found.append(re.sub(r"[，,；;][^，,；;]*$", "", sentence.rstrip("。！？")) + "。")
    return [f for f in found if len(f) >= 6]


def point_card_zh(text: str, ids: tuple[int, ...]) -> Draft | None:
    """The card of one Chinese clause, or None when no shape fits it safely."""
    from .keypoint import _ZH_FRAME_RE, _ZH_LEANING_RE, _ZH_OPENER_RE, _zh_subject

    text = _ZH_OPENER_RE.sub("", text.strip())
    frame = ""
    m = _ZH_FRAME_RE.match(text)
    if m:
        frame, text = m.group("frame"), m.group("rest")
    if _ZH_LEANING_RE.search(frame + text) or re.search(r"[？?]", text):
        return None
    for shape in (_ba, _tool, _amount, _does):
        made = shape(text)
        if made is None:
            continue
        template, subject, question, answer = made
        if _GENERIC_RE.match(subject) or not _zh_subject(subject, frame, plain=True):
            return None
        question = f"{frame}，{question}" if frame else question
        answer = answer.strip(" ，,")
        if not 1 <= len(answer) <= 40:
            return None
        kind = "how-many" if template == ZH_AMOUNT else "what"
        return Draft(kind, template, question, answer, ids, _CONFIDENCE[template])
    return None


def _ba(text: str) -> tuple[str, str, str, str] | None:
    """"X 会把 A 推给 B" → ("X 会把什么推给 B？", A): the verb is the first word jieba tags as one whose next word
    (or its own last character) says where the thing goes, so "把每次发布的完整清单存在集群里" splits at 存在, not 单存."""
    from .._resources import jieba_posseg
    from .keypoint import _zh_object

    m = re.match(rf"^(?P<subj>{_CLAUSE}{{2,30}}?)\s*(?:会|可以|能够|自动|默认|都|只|直接)*\s*(?:把|将)\s*", text)
    if not m:
        return None
    after = text[m.end() :].rstrip("。！")
    if re.search(r"[，,；;：:]", after):
        return None
    words = [(w, f) for w, f in jieba_posseg().lcut(after)]
    for k in range(1, len(words)):
        word, flag = words[k]
        nxt = words[k + 1][0] if k + 1 < len(words) else ""
        goes = nxt[:1] in _TO or (len(word) > 1 and word[-1] in _TO)
        if not (flag.startswith("v") and goes) or word in ("是", "有"):
            continue
        obj_words = [w for w, _ in words[:k]]
        while obj_words and obj_words[-1].strip() in ("都", "全部", "统一", "一起"):
            obj_words.pop()
        obj = "".join(obj_words).strip()
        rest = "".join(w for w, _ in words[k:]).strip()
        if len(rest) < 3 or re.search(r"(?:是否|如何|怎么|什么|哪)", obj) or obj.endswith(("的", "了")):
            return None
        if not (_zh_object(obj) or _action_noun(obj)):
            return None  # "先把权重拉下来再加载到显存": a clause, not a thing
        rest = re.sub(r"\s*[（(][^（）()]*[）)]$", "", rest)  # a gloss in brackets at the end is no part of the question
        return ZH_BA, m.group("subj"), f"{text[: m.end()]}什么{rest}？", obj
    return None


_TO = frozenset("到给在进至成为入")


def _action_noun(obj: str) -> bool:
    """"网格里所有服务的配置", "每次发布的完整清单": a noun phrase headed after 的 by a word jieba tags as a verb or an
    adjective (配置, 清单): after 的 a word of two characters is the thing, whatever its tag."""
    from .._resources import jieba_posseg

    words = [(w, f) for w, f in jieba_posseg().lcut(obj) if w.strip()]
    if len(words) >= 3 and words[-2][1] == "a" and words[-3][0] == "的":
        words = words[:-2] + [(words[-2][0] + words[-1][0], "n")]  # "的完整清单"
    return len(words) >= 2 and words[-2][0] == "的" and len(words[-1][0]) >= 2 and words[-1][1][:1] in ("v", "a", "n")


def _tool(text: str) -> tuple[str, str, str, str] | None:
    m = _TOOL_RE.match(text)
    if not m:
        return None
    question = f"{text[: m.start('tool')].rstrip()}什么{text[m.end('tool') : m.end('job')].lstrip()}？"
    return ZH_TOOL, m.group("subj"), question, m.group("tool")


# "Istio 在端口协议不明确的时候会做协议探测。": a named subject, a modal, one verb and the thing it acts on.
_DOES_RE = re.compile(
    rf"^(?P<subj>[A-Za-z][\w.+-]*(?:\s?[A-Za-z][\w.+-]*){{0,2}}(?:\s?{_CLAUSE}{{0,8}}?)?)\s*(?P<when>在{_CLAUSE}{{2,20}}?(?:时候|时|之后|以后|之前|期间))?\s*"
    rf"(?P<mod>会|可以|能够|默认会|总是会|都会|只会)\s*(?P<rest>{_CLAUSE}{{3,40}})[。！]?$"
)
_LIGHT_ZH = frozenset({"是", "有", "说", "认为", "觉得", "需要", "想", "要", "能", "让", "使", "变得", "成为", "出现", "影响", "导致"})


def _does(text: str) -> tuple[str, str, str, str] | None:
    from .._resources import jieba_posseg
    from .keypoint import _zh_object

    m = _DOES_RE.match(text)
    if not m:
        return None
    words = [(w, f) for w, f in jieba_posseg().lcut(m.group("rest")) if w.strip()]
    if len(words) < 2 or not words[0][1].startswith("v") or words[0][0] in _LIGHT_ZH:
        return None
    obj = "".join(w for w, _ in words[1:])
    if re.match(r"[了着过到给在]", obj) or not (_zh_object(obj) or _action_noun(obj) or (len(words) == 3 and words[1][1].startswith("n") and words[2][1] in ("v", "vn"))):
        return None  # "协议探测": a noun and a verbal noun make a thing too
    return ZH_DOES, m.group("subj"), f"{text[: m.end('mod')]}{words[0][0]}什么？", obj


def _amount(text: str) -> tuple[str, str, str, str] | None:
    m = _AMOUNT_RE.match(text)
    if not m or re.search(r"\d|从", m.group("subj")):
        return None  # a second figure in the question muddles what is asked
    return ZH_AMOUNT, m.group("subj"), f"{m.group('subj')}{m.group('verb')}多少？", m.group("amount")
