"""What an editor would never pick as a takeaway, whatever its score.

Each rule returns a short reason, so tests and ``--explain`` style tooling can say why a
sentence was ruled out.
"""

from __future__ import annotations

import functools
import re

from ..model import Sentence
from ..parse.furniture import is_bio
from ._gate import fold, searcher
from .roles import is_question

_GREETING_RE = re.compile(
    r"^\s*(?:(?:and|so|but|well|oh|okay|ok|好的?|那)[\s,，]*)?(?:hi|hello|hey|thanks|thank you|thank|welcome|good (?:morning|afternoon|evening)|nice to (?:meet|see)|"
    r"great to (?:have|be)|it'?s (?:great|good|a pleasure) to|(?:it'?s )?my pleasure|congrat\w*|cheers|bye|goodbye|"
    r"(?:special|big|huge|many) thanks|a (?:big|huge|special) thank you|"
    r"你好|大家好|谢谢|感谢|欢迎|再见|很高兴)(?:\b|(?<=[\u4e00-\u9fff]))",
    re.IGNORECASE,
)
_CHITCHAT_RE = re.compile(
    r"^\s*(?:(?:yeah|yes|no|ok|okay|right|sure|wow|oh|great|cool|awesome|exactly|absolutely|definitely|indeed|"
    r"of course|that'?s (?:right|true|great|cool|awesome|fascinating|interesting|a good point)|i see|i agree|"
    r"that makes sense|makes sense|good point|sounds good|got it|let'?s (?:get|move|talk|start|jump|dive)|"
    r"and that'?s the news|that sounds like)\b[\s,.!]*)+(?:$|[\w\s,']{0,25}[.!]?$)",
    re.IGNORECASE,
)
# A speaker checking the room or the stream ("can everyone hear me at the back", "let me share my screen",
# "后面的同学能听到吗"): every talk and meeting opens with one, and a caption file prints it as a unit of its own.
_STAGE_BUSINESS_RE = re.compile(
    r"\b(?:can (?:you|everyone|everybody|folks) (?:all )?(?:hear|see) (?:me|my screen|the slides?)|"
    r"(?:is|the) (?:this |the )?mic(?:rophone)? (?:is )?(?:on|working)|(?:let me|I'll|I will) (?:share|switch) (?:my )?"
    r"(?:screen|slides?)|next slide(?: please)?|is my screen (?:visible|showing))\b"
    r"|能听到(?:我)?(?:的声音)?吗|听得到吗|(?:我)?(?:共享|分享)一下(?:我的)?屏幕",
    re.IGNORECASE,
)
# The lookahead only skips positions where no alternative can start (their first letters, in either case
# under IGNORECASE): the same matches, several times faster on long transcripts (tests/score/test_quality_speed.py).
_PROMO_RE = re.compile(
    r"(?=[bcdefghijlnoprstuvwy联请注订关扫免报欢本感])"
    r"(?:contact (?:me|us)|reach out|get in touch|register (?:for|now|here|today)|sign up|subscribe|follow (?:me|us)|"
    r"check out our|visit our|free trial|book a demo|request a demo|join us (?:at|on|for)|discount|coupon|"
    r"you can find (?:us|me|the show)|send us (?:a|an|your) |email us|tweet at|show notes|like and subscribe|"
    r"brought to you by|(?:our|today'?s|this episode'?s|this week'?s) sponsors?\b|"
    r"(?:episode|show|video|podcast|newsletter) is sponsored by|leave (?:us )?a (?:review|rating)|rate (?:and|&) review|"
    r"(?:promo|coupon|discount) code|\buse (?:the )?code (?-i:[A-Z0-9]{3,})\b|\bdot (?:com|dev|io|org) slash\b|"
    r"link in the description|\bif you(?:'re| are) new to (?:the|this|my) channel|welcome back to (?:the|my) channel|"
    r"\bI (?:do|make|post|publish) (?:a lot of |lots of |weekly |new )?(?:videos|tutorials) (?:on|about)\b|hit the (?:like|bell)|"
    r"联系我|联系我们|请随时|注册|订阅|关注我们|关注公众号|扫码|免费收听|报名|欢迎加入|本期(?:节目)?由.{1,20}赞助|感谢.{1,20}赞助)",
    re.IGNORECASE,
)
# Who wrote the post, not what it says: "Today's post is by the Istio team showing how …", "Guest post by …".
_BYLINE_RE = re.compile(
    r"^\W*(?:(?:today'?s|this) (?:guest )?(?:blog )?post is (?:by|from|written by)\b|guest post by\b|(?:written|posted) by [A-Z])",
    re.IGNORECASE,
)
# A host's question typed without its mark, to the guests by name: "Ville and Mark, what to expect to the future of …".
_ADDRESSED_QUESTION_RE = re.compile(
    r"^\W*(?:(?:so|and|okay|ok|now)[\s,]+)?[A-Z][a-z]+(?:,? (?:and|&) [A-Z][a-z]+)?,\s+"
    r"(?:what|how|why|where|when|who|do|does|did|can|could|would|will|tell us)\b"
)
# A Chinese question typed with a full stop ("以前我们排查怎么做呢。"): 呢 or 吗 before the end.
_ZH_QUESTION_RE = re.compile(r"[呢吗][。.]?\s*$")
_SELF_INTRODUCTION_RE = re.compile(
    r"^\W*(?:(?i:and|so|well|hi|hello|yeah)[\s,]+)?(?:[Mm]y name is|I'?m (?:one of )?(?:a|an|the) (?:[\w-]+ ){0,5}?(?i:engineer|manager|developer|"
    r"advocate|lead|director|founder|maintainer|architect|consultant|product manager|pm|researcher|contributor|member)s?\b|"
    r"I(?:'ve| have) been (?:involved|working|contributing)\b|I'?m [A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? (?:and I|from|with|I work)|"
    r"I am [A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? (?:and I|from|with|I work)|"
    r"I (?:lead|run|manage|am on|'m on|work on) (?:what we call )?(?:the|a|our) (?:[\w-]+ ){0,4}?(?i:team|group|org\w*)\W*$)"
    r"|^\W*(?:我叫[\u4e00-\u9fff]{2,4}[，,。]|我的名字(?:是|叫))"
    # "我在木棉负责内部开发者平台，团队现在十二个人…", "大家好我是岚山数据平台工程团队的负责人许一帆…": where the speaker works
    # and what they do there, the way an interview or a talk opens.
    r"|^\W*(?:大家好[，,]?\s*)?我(?:是[\u4e00-\u9fff·]{2,4}[，,]\s*)?(?:目前|现在)?(?:在[^，。；]{1,14}?(?:负责|带|担任|主导)"
    r"|是[^，。；]{1,16}?(?:经理|工程师|总监|负责人|创始人|架构师|布道师|专家|维护者|研究员|开发者|顾问|合伙人|主管))"
    # A career told by its years: "I was working on Kubernetes … since 2014, and in 2018 I got appointed a lead.",
    # "自 2016 年以来，我一直作为最终用户使用 Kubernetes …".
    r"|^\W*I (?:was|have been|'ve been|started|joined|worked|began)\b[^.]{0,80}\b(?:since|in) (?:19|20)\d\d\b"
    r"[^.]{0,80}\b(?:appointed|lead|chair|maintainer|shadow|joined|member|role|became)\b"
    r"|^\W*自\s?(?:19|20)\d\d\s?年(?:以来|起)[，,]\s?我"
    # A career told by its roles: "Release notes shadow for 1.31, then I was the release notes lead for 1.33, …",
    # "… and I started contributing to Kubernetes because I was using its Python client."
    r"|^\W*(?:[\w.-]+ ){0,6}?(?:shadow|lead|maintainer|chair)\b[^;]{0,40}?, (?:then|and then) I was (?:the|a|an) (?:[\w-]+ ){0,4}?"
    r"(?:lead|shadow|maintainer|chair|co-chair)\b"
    r"|^\W*(?:then |and )?I was (?:the|a|an) (?:[\w-]+ ){0,4}?(?:lead|shadow|maintainer|chair|co-chair) for (?:[\w.]+ )?\d"
    r"|\bI (?:started|began) (?:contributing|attending)\b|\bI (?:got into|joined|applied to) (?:the )?(?:[\w.-]+ ){0,3}?(?:team|release|SIG)\b"
)
_PROCEDURE_RE = re.compile(
    r"(?:你|您)来(?:说|讲|介绍|汇报)一下|(?:下一个|第[一二三四五六七八九十]个)议题[，,：:]?\s*\S{0,20}$|我们开始吧|"
    r"^\W*(?:(?:ok(?:ay)?|so|right|and)[\s,]+)*(?:over to you|let'?s move on to)\b|"
    r"\bnext (?:item|topic) on the agenda\b|\bwho wants to go first\b",
    re.IGNORECASE,
)
# Sentences about the post rather than its subject: a disclaimer ("This post reflects Istio 1.22"), what
# it sets out to do ("In this talk I'll cover …"), or its sign-off ("That is my list of GitOps mistakes.").
_ABOUT_THE_POST_RE = re.compile(
    r"^\W*(?:(?:so|and|okay|ok|well)[\s,]+)?(?:"
    r"this (?:blog )?(?:post|article|write-?up|guide|tutorial|video|talk|episode|newsletter) "
    r"(?:reflects|is based on|was written|covers|describes|walks|will (?:cover|show|walk|explain|describe|look))\b"
    r"|in (?:this|today'?s) (?:blog )?(?:post|article|video|talk|episode|session),? (?:I|we)(?:'ll| will| want to| am going to| are going to|'m going to|'re going to)\b"
    r"|(?:that'?s|that is|this is|those are|these are) (?:my list|our list|all for (?:today|now)|it for (?:today|now|this (?:week|episode|time))"
    r"|all (?:I have|I've got|we have)(?:\s+for (?:you|today|now))?(?:\W*$|,? see you\b|,? thank))"
    r"|that wraps (?:it |things |us )?up\b|that brings us to the end\b|see you (?:next time|in the next)\b"
    r"|in (?:the next|subsequent|future|upcoming|later|a (?:later|future|follow-up)) (?:videos?|episodes?|parts?|posts?|articles?|sessions?),? "
    r"(?:we|I)(?:'ll|’ll| will| are going to|'re going to| am going to|'m going to)\b"
    r")"
    r"|^\W*(?:本文(?:基于|反映|适用于|将)|本文(?:主要)?介绍了?(?!的)|以上就是|今天(?:就)?(?:先)?(?:讲|说|聊|分享)到这里|我们下期再见"
    r"|今天(?:我|我们)?(?:主要)?(?:想|要|会|来)?(?:跟|和|给|同|向)大家(?:聊|讲|分享|介绍|说|汇报))",
    re.IGNORECASE,
)
# An episode named by its number, a show-notes line rather than a sentence: 'Episode 61, "Stop putting state in
# your cluster" (the episode Yusuf calls …)', "Ep. 12: …", "第 12 期：…".
# A speaker announcing what they will say rather than saying it: "I think I have to call out a testing feature that I
# like.", "Today I want to talk about how we run …".
_ANNOUNCING_RE = re.compile(
    r"\b(?:I|we)(?: think (?:I|we))? (?:have to|want to|wanna|would like to|'d like to|need to) "
    r"(?:call out|mention|highlight|shout out|point out|talk about|touch on)\b"
)
_EPISODE_LABEL_RE = re.compile(
    r"^\W*(?:episode|ep\.?|第\s*\d+\s*期)\s*#?\d*\s*[,:：.–—-]"
    # a show's credits and a newsletter's tagline: "The Pager Is Quiet is produced by Lantern Audio.", "A weekly digest
    # of cloud-native engineering news …" (both printed as takeaways of fresh pages, judged markup)
    r"|^[^.]{2,80}\b(?:is|was) (?:produced|edited|mixed|recorded|hosted|sponsored|brought to you) by"
    r"(?-i:(?: (?:[A-Z][\w&'’.-]*|and|of|the|&)){1,6})[.!]?$"
    r"|^\W*an? (?:weekly|monthly|daily|fortnightly|bi-?weekly) (?:digest|newsletter|round-?up|podcast|show|briefing)\b",
    re.IGNORECASE,
)
# Sentences about the episode rather than its subject: "This week, Melanie and Mark learn all about …",
# "In the fifteenth episode of this podcast, your hosts …", "Nandan helps our listeners understand …".
_ABOUT_THE_EPISODE_RE = re.compile(
    r"^\W*this week(?:'s episode)?(?: on the show)?,?\s.{0,80}?\b(?:learn|talk|chat|discuss|sit down|speak|interview|"
    r"explore|dive|hear|host|welcome)"
    r"|\b(?:in|on|with|of) (?:the|this|today'?s) (?:\w+ )?(?:episode|show|podcast)\b|\b(?:question|cool things?) of the week\b|\byour hosts?\b|\bour (?:listeners|audience)\b"
    r"|\bhost(?:s|ed)? this week'?s episode\b|\bjoining us (?:here |today |on the show )?(?:on|at|from|today)\b|\bwith our guests?\b"
    r"|\bnow is a (?:great|good) time to (?:look back|reflect)\b|\b(?:this|the) interview\b|\bour guests? (?:this week|today)\b"
    r"|\bwe(?:'re| are) (?:gonna|going to) (?:be )?(?:talk|talking|chat|chatting|dive|diving|look|looking)\b"
    r"|\bwe(?:'ll| will) be (?:talking|chatting|discussing|diving|looking)\b"
    # "Today we're talking about autoscaling, … with Marisol Quintero from Tixpoint.", "… rewriting the show's RSS feed".
    r"|^\W*(?:so,? )?today,? we(?:'re| are) (?:talking|chatting|speaking) (?:about|with|to)\b|\bthe show['’]s\b"
    r"|^\W*(?:today,? )?we(?:'ve| have) (?:got )?(?:the )?(?:awesome|amazing|wonderful|great|fantastic|lovely|excellent) [A-Z]"
    r"|\b(?:the )?main (?:item|topic|thing) (?:for |on the agenda )?today\b|\btoday (?:I|we)(?:'ll| will| want to| are going to|'re going to)\b"
    r"|\bwe help you stay up to date\b|\bnews of the week\b|\btoday'?s topic\b"
    # Show notes that name a topic rather than say the point: "Teodora tells us how a single upgrade used to …",
    # "Anthony helps us understand the best practices for …", "David explains the evolution of …" (but "Mark
    # and Ville explain that Knative is …" says it).
    r"|(?:^\W*|[,;]\s*(?:and |but |so )?)(?-i:(?!(?:This|That|It|Which|What|Here|There)\b)[A-Z][a-z]+(?: and [A-Z][a-z]+)?) "
    r"(?:also )?(?:tells? us|told us|helps? us understand|walks? us through|explains?|describes?|talks? about|discuss(?:es)?|shares?) "
    r"(?:how|what|why|the|about|his|her|their)\b"
    r"|\bwe(?:'re| are| get to) (?:talking|speaking|chatting|talk|speak|chat) (?:to|with) (?:our|[A-Z])"
    # "Ada and Rory talk with Tomasz Lindqvist of Hollowbrook Labs about what happened when …" (the episode blurb of a
    # fresh podcast page, judged chit-chat): the hosts' names, then the guest's full name and the topic.
    r"|^\W*(?-i:[A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+) (?:talk|chat|sit down|speak|catch up)s? (?:with|to) "
    r"(?-i:[A-Z][a-z]+ [A-Z][\w'’-]+)[^.;:]{0,80}?\b(?:about|to discuss|on how)\b"
    r"|^\W*(?-i:[A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+) (?:also )?ask (?:her|him|them) (?:what|how|why|about|whether)\b"
    # "We also hear about the namespace-by-namespace migration plan, …", "We learn about Google's Private Service
    # Connect …", "You'll learn how …": what the episode or post covers, not what it says.
    r"|^\W*(?:and )?(?:we also|you(?:'ll| will)(?: also)?|listeners(?: also)?) (?:hear|learn|find out) (?:about|how|what|why|more)\b"
    # "We also talk about recording rules for the dashboards …" (a fresh podcast page's show notes, judged chit-chat).
    r"|^\W*(?:and )?we also (?:talk|chat|get into|discuss|cover|touch on|dig into)\b"
    # "We get into renewal windows, the ACME rate limit that bit them, …" (a fresh podcast page's blurb, judged dangling).
    r"|^\W*(?:and )?we (?:get into|dig into|touch on|go through) (?!it\b|them\b|that\b|this\b)"
    r"|^\W*(?:(?:因此|所以|那么|好|现在|下面)[，,]\s*)?(?:让我们(?:来)?(?:看看|看一下|了解一下)|今天(?:主要|的议题|我们主要)|接下来(?:我们)?(?:来)?(?:看|介绍)"
    r"|(?:现在|下面)?我们(?:再)?来(?:尝试|试试|试一下|看看|看一下)|先(?:简单)?(?:介绍|说)一下)"
    r"|本期(?:节目|播客)|这一期|欢迎收听"
    # A translator on why they translated: "…原文把原因和解法讲得很清楚，…所以翻译过来。" (judged chit-chat).
    r"|翻译(?:过来|成中文|出来)|(?:本文|原文|全文)(?:翻)?译自",
    re.IGNORECASE,
)
# Calls to action: "For an exhaustive list …, please see the release notes", "Take a look at the docs".
_CALL_TO_ACTION_RE = re.compile(
    r"(?=[cdefgjloprstw请详参欢更按阅我可])"  # first letters, for speed, as in _PROMO_RE
    r"(?:\bplease (?:see|refer|read|visit|check|do apply|apply|join|reach|let us know|try)\b|\bcheck out\b|\btake a look\b"
    r"|\bcan refer to|可以?参(?:照|阅)"
    # "The steps to configure an egress gateway are described in the blog Consuming External MongoDB Services."
    r"|\b(?:described|explained|covered|documented) in (?:the |our |this |a )?(?:blog|post|article|docs|documentation|guide)\b"  # "You can refer to[Get Started with …](…) to deploy …", "可以参照[…](…) 搭建 …"
    r"|\brefer to the\b|\b(?:for|to get) more (?:information|details)\b|\bto learn more\b|\blearn more (?:about|at|in|by)\b"
    r"|\bsee the (?:\w+ ){0,4}(?:docs|documentation|release notes|guide|blog|announcement|changelog|repository|page)\b"
    r"|\bfollow the (?:\w+ ){0,3}(?:guide|instructions|tutorial|steps)\b|\bgive it a try\b|\btry it out\b"
    r"|\bwe(?:'d| would)? (?:love|welcome|encourage|invite) (?:you|everyone|anyone|as many|all|more|contributions|feedback)\b"
    # "Open an issue in the companion repo or find me in #k8s-beginners." (a fresh tutorial's sign-off).
    r"|\bfind (?:me|us) (?:in|on|at)\b|\bopen an issue (?:in|on|at|against)\b|\b(?:ping|reach) (?:me|us) (?:in|on|at|via)\b"
    r"|\bcome (?:join|say hi|talk to us|find us)\b|\bjoin (?:us|the (?:\w+ )?(?:community|slack|channel|meeting|mailing list))\b"
    r"|请参阅|请访问|请参考|请查看|详见|参见|欢迎(?:大家|您|你)?(?:参与|贡献|加入|试用|反馈|在评论区|留言)|更多(?:信息|详情)请"
    r"|^(?:按照|阅读|参阅)[^，。]{0,12}(?:指南|文档|教程|说明)|我们邀请(?:你|您|大家))",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:io|com|org|net|dev|cn)(?:/\S*)?")
_CODEISH_RE = re.compile(r"[{}();=<>$]|::|->|\b\w+\(\)|`")
_FIRST_WORD_FRAGMENT_RE = re.compile(r"^\s*(?:and|but|or|because|which|that|so|then|also)\s*[.!]?\s*$", re.IGNORECASE)


# The slowest rules, each behind a pre-test of the words it cannot match without (see score/_gate.py).
_promotes = searcher(_PROMO_RE)
_about_the_episode = searcher(_ABOUT_THE_EPISODE_RE)
_procedure = searcher(_PROCEDURE_RE)
_calls_to_action = searcher(_CALL_TO_ACTION_RE)


# An event's turnout: "当天虽然下着小雨，现场依然来了 90 多位朋友，线上直播观看超过 1200 人次。", "Over 300 people
# attended." (a meetup recap's scene, printed as a fresh page's takeaway): no point of the talks.
_ATTENDANCE_RE = re.compile(
    r"(?:现场|线上|线下|直播)[^。！？]{0,16}(?:来了|到场|观看|参与|参加|报名)[^。！？]{0,12}\d+\s*多?(?:位|人|人次|名)"
    r"|\b\d[\d,]*\+?\s+(?:people|attendees|participants)\s+(?:attended|joined us|showed up|registered)\b"
    r"|\battended by (?:over |more than |about |around )?\d",
    re.IGNORECASE,
)


# Housekeeping about a talk's materials: "The slides are on the meetup page.", "All recordings are on the summit video
# page …", "… the slides are at example.com/…" (4 judged lines, all dropped), "PPT 会放在群里".
_MATERIALS_RE = re.compile(
    r"\b(?:the |my |our |all )?(?:slides|deck|recordings?|video|demo code)\s+(?:are|is|will be)\s+"
    r"(?:(?:all |now |already )?(?:on|at|up|available|linked|in)\b)"
    r"|(?:幻灯片|PPT|课件|录像|回放)\s*(?:会|已经|稍后)?(?:放在|发到|上传|发在)",
    re.IGNORECASE,
)


def rejection(sentence: Sentence, *, n_tokens: int, n_terms: int) -> str | None:
    """Why ``sentence`` must not be a takeaway, or None when it may be one."""
    if sentence.kind in ("heading", "code", "table"):
        return "heading or non-prose"
    if sentence.furniture is not None:
        return f"page furniture ({sentence.furniture})"
    # The rules spell the apostrophe one way: "Today’s post is by …" is the byline "Today's post is by …".
    return _text_rejection(sentence.clean.strip().replace("’", "'"), sentence.lang, n_tokens, n_terms)


@functools.lru_cache(maxsize=8192)
def _text_rejection(text: str, lang: str, n_tokens: int, n_terms: int) -> str | None:
    """The rules that read the text, memoised: a dozen regexes per sentence were a third of the scoring
    time, and a transcript repeats its short lines ("Yeah.", "Right.") many times over."""
    if is_question(text) or (lang == "zh" and _ZH_QUESTION_RE.search(text)) or _ADDRESSED_QUESTION_RE.match(text):
        return "question"
    if _GREETING_RE.search(text):
        return "greeting or thanks"
    folded = fold(text)
    if _promotes(text, folded):
        return "promotional"
    if _SELF_INTRODUCTION_RE.search(text):
        return "self-introduction"
    if _procedure(text, folded):
        return "meeting procedure"
    if (_ABOUT_THE_POST_RE.search(text) or _about_the_episode(text, folded) or _EPISODE_LABEL_RE.match(text)
            or _ANNOUNCING_RE.search(text)):
        return "about the post itself"
    if _calls_to_action(text, folded):
        return "call to action"
    if _ATTENDANCE_RE.search(text):
        return "event attendance"
    if _MATERIALS_RE.search(text):
        return "where the materials are"
    if is_bio(text) or _BYLINE_RE.search(text):
        return "biography"
    if n_tokens <= 15 and _STAGE_BUSINESS_RE.search(text):
        return "chit-chat"
    if lang == "en":
        if n_tokens < 6 or n_terms < 3:
            return "fragment"
        if _CHITCHAT_RE.match(text) and n_tokens < 12:
            return "chit-chat"
    else:
        chars = len(re.sub(r"\s", "", text))
        if chars < 10 or n_terms < 3:
            return "fragment"
    if _FIRST_WORD_FRAGMENT_RE.match(text):
        return "fragment"
    visible = len(re.sub(r"\s", "", text)) or 1
    if sum(len(u) for u in _URL_RE.findall(text)) / visible > 0.3:
        return "mostly a link"
    if sum(map(str.isdigit, text)) / visible > 0.3:
        return "mostly numbers"
    codeish = len(_CODEISH_RE.findall(text))
    if codeish >= 4 and codeish / max(n_tokens, 1) > 0.2:
        return "mostly code"
    if text.endswith((":", "：")):
        return "introduces something else"
    return None


# ----------------------------------------------------------------------------- a clause's verb

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,;:–—()]|\s-\s")
_CLITIC_RE = re.compile(r"(?:'s|'re|'m|'ve|'ll|'d|n't)$")
_RELATIVE = frozenset({"which", "who", "whom", "whose"})
_PLURAL_PRONOUNS = frozenset({"we", "they", "you", "i"})
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor for of to in on at by with from into onto over under about as than then so if "
    "when while because though although not no all any some many much more most other such own same each every "
    "both either neither only also just very too here there now this that these those our your their my its".split()
)
# Words before a plural noun, never before a verb: "thirty-four nodes", "several clusters", "different versions".
_QUANTITY_RE = re.compile(
    r"^(?:[a-z]+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|few|several|multiple|various|different|new|other|"
    r"additional|separate|specific|certain|numerous|two-thirds)$"
)
_ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ful", "ive", "able", "ible", "ary", "less", "est", "ing")
_NOT_VERB_ENDINGS = ("ly", "tion", "sion", "ment", "ness", "ity", "ous", "ful", "ive", "able", "ible", "al", "ic", "ing", "ss")


def _could_be_a_verb(low: str, not_finite: frozenset[str]) -> bool:
    """An unknown word after a plural subject ("Microservices empower …", "we autoscale …"): a verb unless it is a
    function word or has a noun's, adjective's or adverb's ending."""
    return (
        low.isalpha() and len(low) > 2 and low not in _FUNCTION_WORDS and low not in not_finite
        and not low.endswith(_NOT_VERB_ENDINGS)
    )


_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "this", "that", "one", "everything", "nothing", "everyone", "nobody"})


@functools.cache
def verb_forms() -> dict[str, frozenset[str]]:
    """The lists of ``data/en_finite_verbs.txt`` (built from UD EWT by tools/build_finite_verbs.py): "finite", "base",
    "not_finite"; loaded once, read here and by the label rule of :mod:`~summarize.score.shape`."""
    from .._resources import data_text

    lists: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in data_text("en_finite_verbs.txt").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line)
    return {name: frozenset(words) for name, words in lists.items()}


@functools.lru_cache(maxsize=8192)
def lacks_a_verb(text: str, *, list_item: bool = False) -> bool:
    """An English sentence with no word that can be its finite verb, outside a relative clause.

    "Functionalities of Kubernetes ingress, Istio gateway and API gateway.", "A hundred and twenty VMs
    to thirty-four nodes.", "Fields that are considered experimental and have not graduated …" and "A
    generic ABI for embedding Wasm in proxies, which means …" are a caption, a list's item or a figure,
    not a sentence: judges drop them as fragments. Conservative: any word that can be finite ("service"
    can be a verb) counts, an unknown lowercase word ending in -s or -ed counts, and an imperative's base
    form at the start of a clause counts; names (capitalised words inside the sentence) never do. An unknown
    -s word counts only after a name or a singular pronoun ("Envoy autoscales"), where a plural noun cannot stand.
    """
    forms = verb_forms()
    finite, base, not_finite = forms["finite"], forms["base"], forms["not_finite"]
    relative = False
    clause_start = True
    after_subject = after_plural = after_pronoun = after_comma = after_word = False
    words_seen = 0
    # "Debug logging that someone turned on … and never turned off", "Making sure that your containers are
    # secure": a "that" before any verb of the sentence's own opens a clause whose first verb (and the verbs
    # joined to it by and/or) is the clause's; a later verb is the sentence's ("Teams that adopt Istio see …").
    that_clause = clause_verb_seen = False
    previous = ""  # the last word that is not an adverb: "and" in "and never turned off"
    last_word = ""  # the last word, adverb or not
    opens_on_subject = True
    tokens = [m.group(0) for m in _TOKEN_RE.finditer(text.replace("’", "'"))]
    for position, token in enumerate(tokens):
        if not token[0].isalpha():
            relative = False
            clause_start = token != "("
            after_comma = token == ","
            after_plural = after_pronoun = False  # "Shared clusters, one namespace …": "one" is no verb
            continue
        low = token.lower()
        first = words_seen == 0
        words_seen += 1
        if first:
            # "In our case that meant …", "Today that takes …": after an opening phrase or adverb, "that" is the subject.
            opens_on_subject = low not in _OPENING_WORDS and not low.endswith("ly")
        if first and _modifies_next(low, tokens[position + 1] if position + 1 < len(tokens) else ""):
            clause_start = False  # "Shared clusters, one namespace per team …": a participle before its noun
            after_subject = after_plural = after_pronoun = after_word = False
            previous = low
            continue
        if previous == "to":  # "to develop": an infinitive, never the sentence's finite verb
            previous = low
            clause_start = False
            continue
        if (low in _RELATIVE and after_comma) or (low == "that" and list_item and 1 <= words_seen - 1 <= 3):
            relative = True  # ", which means …", a list's "Fields that are …": not the sentence's own verb
            clause_start = False
            continue
        if (
            low == "that" and words_seen > 1 and not relative and not that_clause and not after_comma and opens_on_subject
            and previous == last_word and previous not in _NOT_A_NOUN
            and not (words_seen == 2 and previous.endswith("ing")) and previous not in base
        ):  # not "Having that agreement …", "Well, that sounds …", "Before that she …", "Eventually that became …"
            that_clause = True
            clause_start = True
            previous = low
            continue
        after_comma = False
        if _CLITIC_RE.search(low) and not relative:
            return False  # "I'm", "it's", "don't"
        if token[0].isupper() and not first and token != "I":
            clause_start = False
            previous = low
            after_subject, after_plural, after_pronoun, after_word = True, token.endswith("s"), False, False
            continue
        can_be_finite = (
            low in finite or low == "cannot"
            or (clause_start and low in base)
            or (low.endswith("ed") and len(low) > 3 and low not in not_finite)
            or ((after_subject or after_word) and len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")))
            or (after_plural and _could_be_a_verb(low, frozenset() if after_pronoun else not_finite))
        )
        after_subject = token[0].isupper() or low in _SUBJECT_PRONOUNS
        after_pronoun = low in _PLURAL_PRONOUNS
        # "The ambient profile installs …", "Istio dynamically configures …": after a singular noun or an adverb.
        after_word = (
            low not in _FUNCTION_WORDS and (low.endswith("ly") or not low.endswith("s")) and not _QUANTITY_RE.match(low)
            and not low.endswith(_ADJECTIVE_ENDINGS)
        )
        after_plural = low in _PLURAL_PRONOUNS or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3)
        if that_clause and not clause_verb_seen and not relative and (
            can_be_finite or low in base or low in not_finite or low.endswith("ed")
        ):
            clause_verb_seen = True  # the clause's verb, read generously ("that allowed …", "that come with …")
        elif can_be_finite and not relative:
            if not that_clause or (previous not in AUXILIARIES and previous not in ("and", "or", "but", "nor")):
                return False  # after the clause's auxiliary ("that have graduated") or "and" it is still the clause's
        if not (low.endswith("ly") or low in _ADVERBS):
            previous = low
        last_word = low
        clause_start = False
    return words_seen > 0


AUXILIARIES = frozenset(
    "have has had be is are was were been being will would can could should may might must do does did cannot".split()
)
_ADVERBS = frozenset("never also then later still just already often always not even again now once".split())
_NOT_A_NOUN = _FUNCTION_WORDS | frozenset(
    "it them us him her me before after like about since until during without within beyond despite upon".split()
)
# A sentence that opens on one of these has an opening phrase or adverb before its subject.
_OPENING_WORDS = _FUNCTION_WORDS | frozenset(
    "before after since until during without within across through over under eventually today yesterday later "
    "honestly yes yeah well okay ok meanwhile".split()
)


def _modifies_next(low: str, following: str) -> bool:
    """Whether a sentence's first word is a participle before a noun ("Shared clusters", "Managed services"), not a
    verb ("Deployed the fix", "Tested everything"): an -ed word followed by a lowercase word that is no function
    word, pronoun or adverb."""
    return (
        low.endswith("ed") and len(low) > 4 and following[:1].islower() and following.isalpha()
        and following not in _NOT_A_NOUN and not following.endswith("ly")
    )
