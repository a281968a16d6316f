"""Chinese predicate cards (see :mod:`.predicate`): "X 允许用户 …", "X 取代了 …", "X 为 Y 提供 …", "X 通过 Y 实现 Z",
"X 指 …", "X 的 Y 是 …", "X 基于 / 负责 …", "X 由 … 组成". The subject opens with a name in Latin letters, or is a
short common noun asked as the post's product's ("Istio 的控制面负责什么？"); 这/该/其/也 anywhere in the question or
answer makes no card.
"""

from __future__ import annotations

import re

from .context import Context
from .draft import Draft

#: Template ids, one per shape (part of every card's stable id).
(ZH_LETS, ZH_OBJECT, ZH_MEANS, ZH_PROPERTY, ZH_REFERS, ZH_BASIS, ZH_THEREFORE, ZH_THEREBY, ZH_PARTS, ZH_WHEN,
 ZH_RELEASE) = (
    "zh-what-lets", "zh-what-object", "zh-what-means", "zh-what-property", "zh-what-refers", "zh-what-basis",
    "zh-why-therefore", "zh-how-thereby", "zh-what-parts", "zh-when-lead", "zh-when-in-release",
)
TEMPLATES = frozenset({ZH_LETS, ZH_OBJECT, ZH_MEANS, ZH_PROPERTY, ZH_REFERS, ZH_BASIS, ZH_THEREFORE, ZH_THEREBY, ZH_PARTS,
                       ZH_WHEN, ZH_RELEASE})
_CONFIDENCE = {ZH_LETS: 0.6, ZH_OBJECT: 0.55, ZH_MEANS: 0.6, ZH_PROPERTY: 0.6, ZH_REFERS: 0.7, ZH_BASIS: 0.65,
               ZH_THEREFORE: 0.65, ZH_THEREBY: 0.65, ZH_PARTS: 0.65, ZH_WHEN: 0.6, ZH_RELEASE: 0.7}

# A subject that opens with a name in Latin letters ("Istio", "Envoy Gateway", "Ambient 模式", "Istio 的授权策略"):
# judges accepted few Chinese questions without one ("为什么以准入验证结束？" leaves out whose).
_ZH_SUBJECT = (r"(?P<subj>[A-Za-z][\w.+-]*(?:\s?[A-Za-z][\w.+-]*){0,2}(?:\s?的?\s?[\u4e00-\u9fff]{1,6}?"
               # "Cilium 的完整 kube-proxy replacement 功能": a 的 phrase with names in it, ending in a noun
               r"|\s?的\s?[^，,。！？；的]{2,28}?[\u4e00-\u9fff]"
               # "Cilium 自带的 Hubble": a name qualified by another
               r"|\s?[\u4e00-\u9fff]{1,6}的\s?[A-Za-z][\w.+-]*[\w+])??)")
_ZH_ADVERB = r"\s*(?P<adv>已经|将|可以|能够|会|正在|主要|默认|完全|直接|最初|通常|一般)?\s*"
_ZH_LETS_RE = re.compile(
    _ZH_SUBJECT + _ZH_ADVERB + r"(?P<verb>允许|让|使得|使(?![用得])|帮助|旨在|用于)(?P<who>用户|开发者|开发人员|您|你|我们|运维人员|团队)?"
    r"(?:能够|可以|轻松地|更轻松地)?(?P<what>[^。！？；]{4,80})[。！]$"
)
_ZH_OBJECT_RE = re.compile(
    _ZH_SUBJECT + _ZH_ADVERB + r"(?:为(?P<target>[^，,。！？；]{2,20}?))?(?P<verb>取代了|替代了|替换了|取代|替代|引入了|提供了|提供|需要|要求|简化了|消除了|支持|代表了|被认为是|被视为|被称为|定义了|包含了|包含)"
    r"(?P<obj>[^。！？；]{4,160})[。！]$"  # the answer is the object up to its first comma
)
# "Istio 基于 Envoy。", "控制面负责管理和配置代理。", "数据平面由一组智能代理组成。"
_ZH_BASIS_RE = re.compile(
    r"^(?P<subj>[^，,。！？；]{2,24}?)\s*(?:(?P<verb>基于|负责)(?P<obj>[^。！？；]{2,60})|由(?P<parts>[^，,。！？；]{2,40}?)(?P<made>组成|构成))[。！]$"
)
# "Istio 服务网格在逻辑上分为数据平面和控制平面。": the parts a named thing is divided into.
_ZH_PARTS_RE = re.compile(
    r"^(?P<subj>[A-Za-z][^，,。！？；]{1,24}?)\s*(?P<how>在逻辑上|在架构上|从逻辑上|逻辑上|主要)?(?P<verb>分为|划分为|分成)"
    r"(?P<parts>[^，,。！？；]{2,40}?[和与及、][^，,。！？；]{2,40})[。！]$"
)
# Verbs whose object is one of many when the subject is the post's own product ("Istio 提供了什么？").
_ZH_VAGUE_VERBS = frozenset({"提供了", "提供", "支持", "需要", "引入了", "定义了", "包含了", "包含", "采用", "采用了"})
# "在 Istio 的 Ambient 模式中，…": where the rest of the sentence holds, kept in the question.
_ZH_WHERE_RE = re.compile(r"^(?P<where>在[^，,。！？；]{2,30}?(?:中|下|里))[，,]\s*(?P<rest>.{6,})$")
# "授权策略中的 CUSTOM 操作表示 …": a subject that ends in a name in Latin letters (and a word or two of what it is),
# what it stands for up to a comma.
_ZH_SIGNIFIES_RE = re.compile(r"^(?P<subj>[^，,。！？；]{0,12}[A-Za-z][\w.+-]*[^，,。！？；]{0,8}?)\s*表示(?P<what>[^，,。！？；]{4,60})(?:[，,。！]|$)")
_ZH_REFERS_RE = re.compile(_ZH_SUBJECT + r"\s*(?:是指|指的是|指)(?P<what>[^。！？；]{4,80})[。！]$")
# "Envoy 官方文档建议的更新顺序是 CDS → EDS → LDS → RDS。": a property (with 的) of a named thing.
_ZH_PROPERTY_RE = re.compile(r"^(?P<subj>[^，,。！？；是]{2,30}的[^，,。！？；是]{1,12})是(?!否|为了|因为|由于|指|一个|一种|一家|一款|一套)(?P<what>[^。！？；]{2,80})[。！]$")
_ZH_MEANS_RE = re.compile(_ZH_SUBJECT + r"\s*(?P<modal>需要|必须|可以|会|主要)?(?:是)?通过(?P<rest>[^，,。！？；]{4,60})(?:[，,](?P<more>[^。！？；]{2,40}))?[。！]$")
# "IPVS 使用哈希表查找，…": what a named thing uses to do something, the tool a plain noun phrase.
_ZH_USES_RE = re.compile(_ZH_SUBJECT + r"\s*(?P<always>始终|总是|通常|一般)?(?P<verb>使用|利用|借助)(?P<rest>[^，,。！？；]{4,40})(?:[，,。！]|$)")
_ZH_ORDINAL_RE = re.compile(r"^第[一二三四五六七八九十][，,、]\s*(?=[A-Za-z])")
_ZH_LEANING_RE = re.compile(r"这|那(?!么)|该(?=[\u4e00-\u9fff])|其(?!他|实|中)|(?<![因如彼])此(?!外)|本文|上述|以上|如下|我|你(?!们)|他|她|它|也|还|同样|另外|此外")


def chinese_card(text: str, i: int, ctx: Context) -> Draft | None:
    """The predicate card of one Chinese key sentence (``i`` its id), or None when no shape fits it safely."""
    from .turns import zh_question

    if re.match(r"^(?:然后|所以|而且|但是|因此|同时|首先|最后)", text):
        return None
    text = _ZH_ORDINAL_RE.sub("", text)  # "第三，Cilium 自带的 Hubble 可以提供 …": the point stands without its number
    where = _ZH_WHERE_RE.match(text)
    if where:  # "在 Istio 的 Ambient 模式中，ztunnel 负责 …" → "在 Istio 的 Ambient 模式中，ztunnel 负责什么？"
        inner = chinese_card(where.group("rest"), i, ctx)
        if inner is None or inner.type != "what" or _ZH_LEANING_RE.search(where.group("where")):
            return None
        return Draft(inner.type, inner.template, f"{where.group('where')}，{inner.question}", inner.answer, inner.sentences,
                     inner.confidence)
    s = ctx.doc.sentences[i]
    made = _zh_consequence(text, i, ctx) or _zh_when_lead(text, i, ctx) or _zh_in_release(text, i, ctx)
    if made is not None:
        return made
    m = _ZH_PARTS_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    if m and subject and not _ZH_LEANING_RE.search(text):  # "Istio 服务网格在逻辑上分为数据平面和控制平面。"
        return _zh_draft(ZH_PARTS, zh_question(f"{subject}{m.group('how') or ''}{m.group('verb')}哪几部分？", s, ctx),
                         m.group("parts"), i, subject)
    m = _ZH_BASIS_RE.match(text)
    if m and _zh_subject_ok(m.group("subj")):
        subject = _zh_qualified(m.group("subj").strip(), ctx)
        if subject is not None:
            obj = re.split(r"[，,]", m.group("obj") or "")[0]
            split = _zh_means(obj) if m.group("verb") == "基于" else None
            if split:  # "Istio 基于 Envoy 代理实现数据面" → "Istio 基于什么实现数据面？" (Envoy 代理)
                question, answer = f"{subject}基于什么{split[1]}？", split[0]
            elif m.group("verb"):
                question, answer = f"{subject}{m.group('verb')}什么？", obj
            else:
                question, answer = f"{subject}由什么{m.group('made')}？", m.group("parts")
            return _zh_draft(ZH_BASIS, zh_question(question, s, ctx), answer, i, subject)
    m = _ZH_REFERS_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    if m and subject:
        return _zh_draft(ZH_REFERS, zh_question(f"{subject}指什么？", s, ctx), m.group("what"), i, subject)
    m = _ZH_SIGNIFIES_RE.match(text)
    if m and re.search(r"[A-Za-z][\w.+-]*\s?[\u4e00-\u9fff]{0,3}$", m.group("subj")):  # "授权策略中的 CUSTOM 操作表示 …"
        return _zh_draft(ZH_REFERS, zh_question(f"{m.group('subj')}表示什么？", s, ctx), m.group("what"), i, m.group("subj"))
    m = _ZH_PROPERTY_RE.match(text)
    if m and re.match(r"[A-Z]", m.group("subj")) and _zh_subject_ok(m.group("subj")):
        # "… 是 CDS → EDS → LDS → RDS，即先下发被引用的资源 …": the value ends where its gloss starts
        value = re.split(r"[，,]\s*(?:即|也就是说?|也即)", m.group("what"), maxsplit=1)[0]
        return _zh_draft(ZH_PROPERTY, zh_question(f"{m.group('subj')}是什么？", s, ctx), value, i, m.group("subj"))
    m = _ZH_MEANS_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    if m and subject:
        split = _zh_means(m.group("rest"))
        if split:
            means, verb_phrase = split
            modal = m.group("modal") or ""  # "Istio 需要通过什么来识别协议？"
            return _zh_draft(ZH_MEANS, zh_question(f"{subject}{modal}通过什么{verb_phrase}？", s, ctx), means, i, subject)
    m = _ZH_USES_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    split = _zh_means(m.group("rest"), plain=True) if m and subject else None
    if split:  # "IPVS 使用哈希表查找，…" → "IPVS 使用什么查找？" (哈希表)
        means, verb_phrase = split
        verb = (m.group("always") or "") + m.group("verb")  # "L7 策略始终使用什么绑定到 Service？"
        return _zh_draft(ZH_MEANS, zh_question(f"{subject}{verb}什么{verb_phrase}？", s, ctx), means, i, subject)
    m = _ZH_LETS_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    if m and subject:
        who = "用户" if m.group("who") in ("您", "你", "我们") else (m.group("who") or "")
        verb = m.group("verb")
        if not who and verb not in ("旨在", "用于"):
            return None  # "Linux 允许做什么？": allows whom? Too many answers fit
        question = zh_question(f"{subject}{verb}{who}做什么？" if verb != "用于" else f"{subject}用于什么？", s, ctx)
        return _zh_draft(ZH_LETS, question, m.group("what"), i, subject)
    m = _ZH_OBJECT_RE.match(text)
    subject = _zh_named(m.group("subj"), ctx) if m else None
    if m and subject:
        target = f"为{m.group('target')}" if m.group("target") else ""
        if not target and m.group("verb") in _ZH_VAGUE_VERBS and ctx.names_main_subject(m.group("subj")):
            return None  # "Istio 提供了什么？" in a post about Istio
        question = zh_question(f"{subject}{m.group('adv') or ''}{target}{m.group('verb')}什么？", s, ctx)
        return _zh_draft(ZH_OBJECT, question, re.split(r"[，,]", m.group("obj"))[0], i, subject + target)
    return None


# "Kyverno 是为 Kubernetes 设计的，因此对 Kubernetes 的工作方式有着深刻的了解。": a named subject, what it is or
# does, then what follows from it (因此/所以) or what it achieves by it (从而/进而).
_ZH_CONSEQUENCE_RE = re.compile(r"^(?P<head>[A-Za-z][^，,。！？；]{5,70})[，,]\s*(?P<link>因此|所以|从而|进而)(?P<effect>[^，,。！？；]{5,50})[。！]$")


def _zh_consequence(text: str, i: int, ctx: Context) -> Draft | None:
    """"X 是为 Kubernetes 设计的，因此对 Kubernetes 有深刻的了解" → "为什么 X 对 Kubernetes 有深刻的了解？" (X 是为
    Kubernetes 设计的); "X 引入了 Y，从而消除了 Z" → "X 如何消除 Z？" (引入了 Y). Only when the effect has no subject
    of its own (it shares X's), so the question asks about X."""
    from .turns import zh_question

    m = _ZH_CONSEQUENCE_RE.match(text)
    if m is None:
        return None
    split = _zh_subject_split(m.group("head"))
    if split is None:
        return None
    subject, cause = split
    effect = m.group("effect").strip()
    if _zh_opens_with_subject(effect) or _ZH_LEANING_RE.search(effect):
        return None  # "因此数据可以有多种实现": the effect is about something else
    named = _zh_named(subject, ctx)
    if named is None:
        return None
    s = ctx.doc.sentences[i]
    if m.group("link") in ("因此", "所以"):
        question = zh_question(f"为什么{named}{effect}？", s, ctx)
        return _zh_draft(ZH_THEREFORE, question, m.group("head").strip(), i, named, kind="why")
    effect = re.sub(r"^((?:大大|显著|进一步|有效|彻底)?[\u4e00-\u9fff]{2})了", r"\1", effect)  # 如何消除了 → 如何消除
    return _zh_draft(ZH_THEREBY, zh_question(f"{named}如何{effect}？", s, ctx), cause, i, named)


# "2015 年，Diamanti 贡献了 FlexVolume 插件，使…": a date that opens the sentence, then a named subject's act.
_ZH_WHEN_LEAD_RE = re.compile(r"^(?P<when>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)[，,]\s*(?P<clause>[A-Za-z][^，,。！？；]{5,60})(?:[，,。！]|$)")


def _zh_when_lead(text: str, i: int, ctx: Context) -> Draft | None:
    """"2017 年，Kubernetes 增加了存储类对象。" → "Kubernetes 什么时候增加了存储类对象？" (2017 年)."""
    from .turns import zh_question

    m = _ZH_WHEN_LEAD_RE.match(text)
    split = _zh_subject_split(m.group("clause")) if m else None
    if m is None or split is None or _ZH_LEANING_RE.search(m.group("clause")):
        return None
    subject, act = split
    named = _zh_named(subject, ctx)
    if named is None or not re.match(r"[A-Za-z]", named) or re.search(r"\d", act):
        return None  # a number left in the act muddles what is dated
    question = zh_question(f"{named}什么时候{act.rstrip('*')}？", ctx.doc.sentences[i], ctx)
    return _zh_draft(ZH_WHEN, question, m.group("when"), i, named, kind="when")


# "Ambient 模式有望在 Istio 1.18 中达到 Alpha 质量。": a named thing, then the release it does something in.
_ZH_IN_RELEASE_RE = re.compile(
    r"^(?P<subj>[A-Za-z][^，,。！？；]{1,20}?)\s*(?P<adv>有望|将|已经|会|预计)?\s*在\s*(?P<product>[A-Z][\w.+-]*(?:\s[A-Z][\w.+-]*)?)"
    r"\s*v?(?P<version>\d+\.\d+(?:\.\d+)?)\s*(?:版本)?(?:中|里)\s*(?P<rest>[^，,。！？；\d]{2,30})[。！]$"
)


def _zh_in_release(text: str, i: int, ctx: Context) -> Draft | None:
    """"Ambient 模式有望在 Istio 1.18 中达到 Alpha 质量。" → "Ambient 模式有望在 Istio 的哪个版本中达到 Alpha 质量？"
    (Istio 1.18): the release is the answer, as in the version template."""
    from .turns import zh_question

    m = _ZH_IN_RELEASE_RE.match(text)
    if m is None or not _zh_subject_ok(m.group("subj")) or _ZH_LEANING_RE.search(text):
        return None
    product = m.group("product")
    question = zh_question(f"{m.group('subj')}{m.group('adv') or ''}在 {product} 的哪个版本中{m.group('rest')}？", ctx.doc.sentences[i], ctx)
    return _zh_draft(ZH_RELEASE, question, f"{product} {m.group('version')}", i, m.group("subj"), kind="when")


def _zh_subject_split(head: str) -> tuple[str, str] | None:
    """(subject, predicate) of a clause that opens with a named noun phrase: the words before the first verb,
    adverb or preposition (jieba), ending in a noun; None when there is none."""
    from .._resources import jieba_posseg

    words = [(w, f) for w, f in jieba_posseg().lcut(head)]
    for n, (w, f) in enumerate(words):
        if f.startswith(("v", "d", "p", "c")) and n > 0:
            subject = "".join(x for x, _ in words[:n]).strip()
            rest = "".join(x for x, _ in words[n:]).strip()
            return (subject, rest) if _zh_subject_ok(subject) and len(rest) >= 4 else None
    return None


def _zh_opens_with_subject(clause: str) -> bool:
    """Whether a clause opens with a noun phrase of its own before its verb ("数据可以有…", "Envoy 会…")."""
    from .._resources import jieba_posseg

    words = [(w, f) for w, f in jieba_posseg().lcut(clause) if w.strip()]
    return len(words) > 1 and words[0][1].startswith(("n", "eng", "r")) and words[1][1].startswith(("v", "d", "p", "c"))


def _zh_named(subject: str, ctx: Context) -> str | None:
    """The subject as a question names it: as written when its Latin word is a name (Istio, eBPF, Ambient 模式,
    ztunnel), the post's product's when it is a kind of thing in lower case ("init 容器" → "Istio 的 init 容器":
    which product's init container, a stranger could not tell); None when it is no noun phrase."""
    subject = subject.strip()
    if not _zh_subject_ok(subject):
        return None
    if re.fullmatch(r"[a-z][a-z-]*\s*[\u4e00-\u9fff]{1,4}", subject):
        product = ctx.product()
        return f"{product} 的 {subject}" if product and product.casefold() not in subject.casefold() else None
    return subject


def _zh_qualified(subject: str, ctx: Context) -> str | None:
    """A Chinese subject that names something: it opens with a Latin name ("Istio 控制面"), or it is a short
    common noun (控制面, 数据平面) asked as the product's ("Istio 的控制面"): a judge could not tell "数据平面由一组
    智能代理组成" is about Istio."""
    if re.match(r"[A-Za-z]", subject) or re.search(r"的\s*[A-Za-z][\w.+-]{2,}$", subject):
        return subject  # "Istio 控制面", "每个节点上的 ztunnel"
    product = ctx.product()
    if product is None or len(subject) > 6 or not re.fullmatch(r"[\u4e00-\u9fff]+", subject):
        return None
    return f"{product} 的{subject}"


def _zh_means(rest: str, *, plain: bool = False) -> tuple[str, str] | None:
    """"xDS 连接 Pilot" → ("xDS", "连接 Pilot"): the means is the words before the first verb that follows a
    noun (jieba); None when there is no such split. ``plain``: the means must be a plain noun phrase (nouns,
    names, adjectives, 的), not "Istio 根据每个请求…在应用层"."""
    from .._resources import jieba_posseg

    purpose = re.match(r"^(?P<means>[^来]{2,50}?[\w）)])\s*(?P<phrase>来[\u4e00-\u9fff][^来]{1,20})$", rest)
    if purpose and not plain:  # "端口名前缀或者 appProtocol 字段来识别协议": the means runs up to 来, whatever jieba tags
        return purpose.group("means").strip(), purpose.group("phrase")
    words = [(w, f) for w, f in jieba_posseg().lcut(rest)]
    seen_noun = False
    for n, (w, f) in enumerate(words):
        if plain and f.startswith("v") and len(w) == 1:
            f = "n"  # "哈希 表": jieba reads a one-character noun inside a compound as a verb
            words[n] = (w, f)
        if f.startswith("v") and seen_noun and (n + 1 < len(words) or plain):
            means = "".join(x for x, _ in words[:n]).strip()
            phrase = "".join(x for x, _ in words[n:]).strip()
            if plain and any(not (g.startswith(("n", "eng", "a", "x", "uj")) or not x.strip()) for x, g in words[:n]):
                return None
            return (means, phrase) if means and len(phrase) >= 2 else None
        seen_noun = seen_noun or f.startswith(("n", "eng", "x"))
    return None


def _zh_subject_ok(subject: str) -> bool:
    """A subject that ends in a noun (jieba), not a verb or a particle ("Istio 一直在" is no subject)."""
    from .._resources import jieba_posseg

    words = [(w, f) for w, f in jieba_posseg().lcut(subject) if w.strip()]
    return bool(words) and words[-1][1].startswith(("n", "eng", "x")) and len(subject) <= 36 and "，" not in subject


def _zh_draft(template: str, question: str | None, answer: str, i: int, subject: str, *, kind: str = "what") -> Draft | None:
    answer = answer.strip(" ，,")
    if question is None or not 2 <= len(answer) <= 80 or _ZH_LEANING_RE.search(answer) or _ZH_LEANING_RE.search(subject):
        return None
    return Draft(kind, template, question, answer, (i,), _CONFIDENCE[template])
