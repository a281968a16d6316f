"""Whether a sentence lifted out of its post can stand alone, or still points at what came before it.

A takeaway or a card is read out of context, so a subject such as "This", "the other", "第二个问题是" or an unnamed
他 makes it useless by itself. The scorer (``score.pairing``), the takeaway polish and the quiz engine all ask the
same questions, and ask them here, of the sentence as :func:`summarize.score.editing.edit` left it.
"""

from __future__ import annotations

import functools
import re

from ._gate import fold, searcher

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
    r"剩下的|剩余的|其余的?|余下的|"
    # A bare yes or no first: "不会，它只读取配置和进程参数，生成报告。", "是，所以我们后来做了一个清单…" (an FAQ's or an
    # interview's answer, judged dangling and markup, 2 of 2): the question it answers is not on the line.
    r"(?:是的?|对的?|没错|不会|不是|不能|不行|不用|不需要|可以|当然(?:可以|会)?)\s*[，,！!]\s*(?!\s*$))"
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
# everything", "Since Kubernetes 1.29 it's been on by default" (the dummy "it's important to …" stands alone).
_LEANS_AFTER_OPENER_RE = re.compile(
    r"^\W*(?:on|in|for|at|with|from|by|after|before|during|without|since|until|as of|starting (?:with|in|from))\b"
    r"(?:[^,.;]|(?<=\d)\.(?=\d)){0,40}?(?:,\s*|\s)(?:it|that|they)"  # "1.29" is no sentence's end
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

