"""What an editor would never pick as a takeaway, whatever its score.

Each rule returns a short reason, so tests and ``--explain`` style tooling can say why a
sentence was ruled out.
"""

from __future__ import annotations

import re

from ..model import Sentence
from ..parse.furniture import is_bio
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
_SELF_INTRODUCTION_RE = re.compile(
    r"^\W*(?:(?i:and|so|well|hi|hello|yeah)[\s,]+)?(?:[Mm]y name is|I'?m (?:a|an|the) (?:[\w-]+ ){0,5}?(?i:engineer|manager|developer|"
    r"advocate|lead|director|founder|maintainer|architect|consultant|product manager|pm|researcher|contributor|member)\b|"
    r"I(?:'ve| have) been (?:involved|working|contributing)\b|I'?m [A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? (?:and I|from|with|I work)|"
    r"I am [A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? (?:and I|from|with|I work))|^\W*(?:我叫[\u4e00-\u9fff]{2,4}[，,。]|我的名字(?:是|叫))"
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
    r"|in the next (?:video|episode|part|post|article|session),? (?:we|I)(?:'ll| will| are going to|'re going to| am going to|'m going to)\b"
    r")"
    r"|^\W*(?:本文(?:基于|反映|适用于|将)|本文(?:主要)?介绍了?(?!的)|以上就是|今天(?:就)?(?:先)?(?:讲|说|聊|分享)到这里|我们下期再见"
    r"|今天(?:我|我们)?(?:主要)?(?:想|要|会|来)?(?:跟|和|给|同|向)大家(?:聊|讲|分享|介绍|说|汇报))",
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
    r"|\b(?:the )?main (?:item|topic|thing) (?:for |on the agenda )?today\b|\btoday (?:I|we)(?:'ll| will| want to| are going to|'re going to)\b"
    r"|\bwe help you stay up to date\b|\bnews of the week\b"
    r"|^\W*(?:让我们(?:来)?(?:看看|看一下|了解一下)|今天(?:主要|的议题|我们主要)|接下来(?:我们)?(?:来)?(?:看|介绍))"
    r"|本期(?:节目|播客)|这一期|欢迎收听",
    re.IGNORECASE,
)
# Calls to action: "For an exhaustive list …, please see the release notes", "Take a look at the docs".
_CALL_TO_ACTION_RE = re.compile(
    r"(?=[cfgjlprstw请详参欢更])"  # first letters, for speed, as in _PROMO_RE
    r"(?:\bplease (?:see|refer|read|visit|check|do apply|apply|join|reach|let us know|try)\b|\bcheck out\b|\btake a look\b"
    r"|\brefer to the\b|\b(?:for|to get) more (?:information|details)\b|\bto learn more\b|\blearn more (?:about|at|in|by)\b"
    r"|\bsee the (?:\w+ ){0,4}(?:docs|documentation|release notes|guide|blog|announcement|changelog|repository|page)\b"
    r"|\bfollow the (?:\w+ ){0,3}(?:guide|instructions|tutorial|steps)\b|\bgive it a try\b|\btry it out\b"
    r"|\bwe(?:'d| would)? (?:love|welcome|encourage|invite) (?:you|everyone|anyone|as many|all|more|contributions|feedback)\b"
    r"|\bcome (?:join|say hi|talk to us|find us)\b|\bjoin (?:us|the (?:\w+ )?(?:community|slack|channel|meeting|mailing list))\b"
    r"|请参阅|请访问|请参考|请查看|详见|参见|欢迎(?:大家|您|你)?(?:参与|贡献|加入|试用|反馈)|更多(?:信息|详情)请)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:io|com|org|net|dev|cn)(?:/\S*)?")
_CODEISH_RE = re.compile(r"[{}();=<>$]|::|->|\b\w+\(\)|`")
_FIRST_WORD_FRAGMENT_RE = re.compile(r"^\s*(?:and|but|or|because|which|that|so|then|also)\s*[.!]?\s*$", re.IGNORECASE)


def rejection(sentence: Sentence, *, n_tokens: int, n_terms: int) -> str | None:
    """Why ``sentence`` must not be a takeaway, or None when it may be one."""
    text = sentence.clean.strip()
    if sentence.kind in ("heading", "code", "table"):
        return "heading or non-prose"
    if sentence.furniture is not None:
        return f"page furniture ({sentence.furniture})"
    if is_question(text):
        return "question"
    if _GREETING_RE.search(text):
        return "greeting or thanks"
    if _PROMO_RE.search(text):
        return "promotional"
    if _SELF_INTRODUCTION_RE.search(text):
        return "self-introduction"
    if _PROCEDURE_RE.search(text):
        return "meeting procedure"
    if _ABOUT_THE_POST_RE.search(text) or _ABOUT_THE_EPISODE_RE.search(text):
        return "about the post itself"
    if _CALL_TO_ACTION_RE.search(text):
        return "call to action"
    if is_bio(text):
        return "biography"
    if sentence.lang == "en":
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
