"""Character-level facts about mixed Chinese/English text, shared by readers and segmenters."""

from __future__ import annotations

import re

# CJK Unified Ideographs (+ Extension A and compatibility ideographs): what we count as Chinese.
CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHAR}]")
LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))


def guess_lang(text: str, default: str = "en") -> str:
    """'zh' or 'en' for a span of text, weighing characters against words.

    A Chinese word is about 1.5 characters, so 1.5 hanzi count as much as one English
    word; this keeps "Istio 是一个服务网格" Chinese and "We picked 服务网格 early" English.
    """
    hanzi = cjk_count(text)
    words = len(LATIN_WORD_RE.findall(text))
    if not hanzi and not words:
        return default
    return "zh" if hanzi / 1.5 >= words else "en"
