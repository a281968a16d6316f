"""Page furniture and editorial lines: what a page carries around its prose.

Podcast pages open with guest bios, "Cool things of the week" link lists and "Where can you find
us next?"; translated articles with "译者按：" notes and "原文：<url>" lines; blogs end with
"参考资料" and "Further reading". Readers call these tests once per block, so the scorers and the
quiz engine only have to look at ``Block.furniture`` (see :data:`summarize.model.FURNITURE`).
"""

from __future__ import annotations

import re

from .._text import lazy_pattern

# Headings of sections that point elsewhere or talk about the show rather than the subject.
_NAVIGATION_HEADING_RE = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:"
    r"cool things? of the week|question of the week|where (?:can|will|to) (?:you )?find (?:us|me|them)(?: next)?|"
    r"(?:further|recommended|suggested|additional) reading|read more|see also|"
    r"(?:related|more|useful|other) (?:posts|links|reading|articles|resources|episodes)|links?|resources?|references?|"
    r"show notes|sponsors?|credits|acknowledg(?:e)?ments?|get involved|how to get involved|upcoming events|"
    r"参考(?:资料|文档|链接|文献|文章)?|相关(?:链接|阅读|文章|资料|资源)|延伸阅读|推荐阅读|扩展阅读|更多(?:资料|阅读|信息)|致谢|鸣谢"
    r")\W*$",
    re.IGNORECASE,
)
# Headings of biographies: "About Varun", "About the author", "作者简介".
_BIO_HEADING_RE = re.compile(
    r"^\W*(?:(?i:about (?:the )?(?:authors?|guests?|speakers?|hosts?|interviewees?|me|us))"
    r"|[Aa]bout [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
    r"|(?i:(?:authors?|speakers?|guests?) bios?|bios?)|作者简介|关于作者|作者介绍|嘉宾介绍|讲师介绍|讲者介绍|嘉宾简介)\W*$"
)
_ROLE_EN = (
    r"(?:engineer|manager|developer|advocate|evangelist|architect|lead|director|founder|co-?founder|ceo|cto|cfo|coo|vp|"
    r"president|head|principal|consultant|maintainer|contributor|researcher|scientist|analyst|designer|"
    r"strategist|specialist|officer|chair|member|professor|student|writer|author|editor|marketer|owner|partner)"
)
# "Maya is a Product Manager in Security & Privacy at Google", "Anthony is a Specialist Customer Engineer at …",
# "Dave Feuer is Senior Product Manager at Apigee": a name, "is (currently) (a|an|the)?", a role within a few words.
_BIO_EN_RE = re.compile(
    r"^(?!(?:The|This|That|It|There|Here|We|You|They|Our|Your|Their)\b)[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} "
    r"(?:(?:is|was|has been|currently works as|works as|serves as) "
    r"(?:currently |now |also )?(?:(?:a|an|the) )?(?:[\w&,'’-]+ ){0,6}?(?i:" + _ROLE_EN + r")s?\b"
    # "Nandan Sridhar works in the Product Management team at Google Cloud", "Alexandrina has been working on
    # the Getting Started with Apigee YouTube series": where someone works, not what the episode says.
    r"|has been working on the (?:[\w&,'’-]+ ){0,8}?(?i:series|show|podcast|channel|course)\b)"
    r"|^[A-Z][a-z]+ [A-Z][\w'’-]+ (?:currently )?(?:works|worked|has been working) (?:in|at|for) the (?:[\w&,'’-]+ ){0,8}?"
    r"(?i:team|group|organi[sz]ation|department|division)\b"
    # "Nabarun Pal is on the Tanzu team at VMware and served as the Kubernetes 1.21 release team lead."
    r"|^[A-Z][a-z]+ [A-Z][\w'’-]+ (?:is|was) (?:on|part of) the (?:[\w&,'’-]+ ){0,6}?(?i:team|group) (?:at|in|of) [A-Z]"
)
_ROLE_ZH = r"(?:经理|工程师|总监|负责人|创始人|联合创始人|架构师|布道师|专家|首席|总裁|副总裁|CEO|CTO|维护者|成员|主席|研究员|开发者|顾问|合伙人|主管|作者|编辑)"
# Compiled on first use (see ``lazy_pattern``): it needs a non-ASCII character to match, so English never asks.
_bio_zh_re = lazy_pattern(
    rf"^[\u4e00-\u9fff·A-Za-z .]{{1,16}}(?:是|现任|目前是|担任|曾任)[^。！？]{{0,40}}?{_ROLE_ZH}"
    # "周牧，青禾智能（qinghe.example.com）基础架构负责人，之前在…": a name, a comma, where they work and their role;
    # also after a label that introduces the people of an interview ("受访：刘洋，云杉视频调度平台负责人；王芳，…").
    rf"|^(?:(?:受访者?|嘉宾|主持人?|采访者?|主讲人?|讲者|分享人|撰文|作者|译者)[：:]\s*)?"
    rf"(?!我|你|他|她|它|此外|另外|因此|所以|但是|同时|目前|现在|其中|如今|最后|首先|其次|然后)[\u4e00-\u9fff·]{{2,4}}[，,]"
    rf"[^。！？，,]{{0,40}}?{_ROLE_ZH}[，,。；;]"
)

#: Anchor words a show-notes link carries after its title: "Introducing Cloud Build private pools [blog]".
LINK_TYPE_WORDS = frozenset(
    "blog blogs post posts article articles docs doc documentation site website page video videos podcast episode "
    "paper papers research tweet twitter thread slides deck repo github code wiki book talk guide tutorial codelab "
    "course demo announcement release notes event events pdf report survey newsletter"
    " 博客 文档 视频 网站 论文 代码 演讲".split()
)

# "原文：<url>", "原文链接：", "Originally published at <url>": where the post first appeared (metadata, not prose).
_SOURCE_LINE_RE = re.compile(
    r"^\W{0,3}(?:原文(?:链接|地址|出处)?|英文原文|来源|出处|原始链接|source|original(?: article| post)?|"
    r"(?:this (?:article|post) was )?originally (?:published|posted)(?: (?:at|on|in))?|canonical(?: url)?)"
    r"\s*[:：]?\s*<?(?P<url>https?://[^\s<>]+?)>?\s*[.。]?$",
    re.IGNORECASE,
)
# "译者按：…", "编者按：…", "Editor's note: …", "Note: …": a label before the note's content, which stays.
_EDITORIAL_LABEL_RE = re.compile(
    r"^\W{0,3}(?:译者按|译者注|译注|编者按|编者注|编注|按|注|注意|提示|说明|editor'?s note|translator'?s note|note|update|tl;?dr)"
    r"\s*[:：]\s*(?=\S)",
    re.IGNORECASE,
)
# A line that only labels what follows: "Transcript:", "采访内容(待整理):", "Show notes:".
_LABEL_LINE_RE = re.compile(
    r"^\W{0,3}(?:transcript|full transcript|show notes|resources|links|captions|采访内容|访谈内容|文字稿|字幕|全文|正文)"
    r"\s*(?:[(（][^)）]{0,12}[)）])?\s*[:：]?\s*$",
    re.IGNORECASE,
)


def heading_furniture(heading: str) -> str | None:
    """``navigation`` or ``bio`` for a heading that opens a furniture section, else None."""
    text = heading.strip()
    if _NAVIGATION_HEADING_RE.match(text):
        return "navigation"
    if _BIO_HEADING_RE.match(text):
        return "bio"
    return None


def is_bio(text: str) -> bool:
    """Whether a paragraph opens like a person's biography ("Maya is a Product Manager at Google")."""
    text = text.strip()
    return bool(_BIO_EN_RE.match(text) or (not text.isascii() and _bio_zh_re().match(text)))


def source_link(text: str) -> str | None:
    """The URL of a "原文：<url>" / "Originally published at <url>" line, or None."""
    m = _SOURCE_LINE_RE.match(text.strip())
    return m.group("url") if m else None


_SOURCE_PREFIX_RE = re.compile(r"^\s{0,3}(?:>\s*)*(?:[-*+]\s+)?")
_MD_LINK_RE = re.compile(r"\[([^\]\n]*)\]\((https?://[^)\s]+)[^)]*\)")


def without_source_lines(body: str) -> tuple[str, str | None]:
    """Blank "原文：<url>" / "Originally published at <url>" lines (quoted or in a list too) and return
    the first URL: where the post first appeared is metadata, not prose."""
    if "http" not in body:
        return body, None
    lines = body.split("\n")
    found: str | None = None
    for i, line in enumerate(lines):
        if "http" not in line or len(line) > 400:
            continue
        bare = _SOURCE_PREFIX_RE.sub("", line)
        bare = _MD_LINK_RE.sub(lambda m: m.group(2), bare).replace("**", "")
        url = source_link(bare)
        if url:
            found = found or url
            lines[i] = ""
    return "\n".join(lines), found


_CLOSING_BRACKET = {"【": "】", "[": "]", "（": "）", "(": ")"}


def strip_editorial_label(text: str) -> str:
    """A note's content without its "译者按：" / "Editor's note:" label, and without the bracket around it when the
    whole paragraph is one bracketed note ("【译注：我们内部把阈值设为 …】")."""
    m = _EDITORIAL_LABEL_RE.match(text)
    if not m:
        return text
    content = text[m.end():]
    opening = next((c for c in m.group(0) if c in _CLOSING_BRACKET), None)
    if opening is not None:
        closing = _CLOSING_BRACKET[opening]
        bare = content.rstrip()
        if bare.endswith(closing) and opening not in bare:
            content = bare[:-1].rstrip()
    return content


def is_label_line(text: str) -> bool:
    """A line that only labels what follows ("Transcript:"): nothing to read in it."""
    return bool(_LABEL_LINE_RE.match(text.strip()))


_LABELLED_LINK_RE = re.compile(r"^\W{0,3}[^\s:：]{1,20}(?: [^\s:：]{1,20}){0,2}\s*[:：]\s*<?https?://\S+?>?\s*$")


def is_labelled_link(text: str) -> bool:
    """A line that is only a label and a URL ("PR: https://…", "Slides: https://…")."""
    # Without a URL in it (most paragraphs) the regex, which backtracks over the label's words, is not tried.
    return "://" in text and _LABELLED_LINK_RE.match(text.strip()) is not None


def is_link_title(text: str, link_chars: int, last_link_anchor: str | None) -> bool:
    """A list item or line that is only a link's title: most of its text is link anchors, or it ends
    with a link whose anchor names the kind of page ("… private pools blog", "… site", "… 文档")."""
    visible = len(re.sub(r"\s", "", text))
    if not visible:
        return False
    if link_chars / visible >= 0.6:
        return True
    return (
        last_link_anchor is not None
        and last_link_anchor.strip().lower() in LINK_TYPE_WORDS
        and len(text.split()) <= 25
    )
