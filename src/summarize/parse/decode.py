"""Bytes to text: BOMs, UTF-8, UTF-16, and the legacy Chinese encodings people still have files in.

Order matters: a BOM is proof; strict UTF-8 is next (legacy CJK bytes almost never decode as
UTF-8 by accident); then GB18030 and Big5 are tried and the one whose text looks like
real Chinese wins. Anything else is refused with the byte offset where decoding failed.
"""

from __future__ import annotations

import codecs
import re

from ..errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Binary formats people point a text tool at by mistake, by their magic numbers.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (or .docx/.apkg/.epub)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"RIFF": "a RIFF media file",
    b"ID3": "an MP3 file",
    b"\x00\x00\x00": "a binary file",
}

_COMMON_HANZI = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
    "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
    "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件"
    "计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
    "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改"
    "收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调"
    "深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
    "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列"
    "务网络服云原生容器微架构代码数据库版本发布社区项目开源控制平面流量安全"
)


def decode(data: bytes, *, source: str = "<input>") -> tuple[str, str]:
    """Return (text, encoding name) for ``data``, or raise DecodeError naming the byte offset."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise _undecodable(source, name, e) from None
    _refuse_binary(data, source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    utf16 = _sniff_utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_chinese_likelihood(text), name, text))
    if candidates:
        score, name, text = max(candidates)
        if score > 0.2:
            return text, name
    raise _undecodable(source, "utf-8", first_error)


def _refuse_binary(data: bytes, source: str) -> None:
    head = data[:16]
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise DecodeError(
                f"{source} is {what}, not text; summarize reads Markdown, plain text, "
                "SRT/WebVTT captions and transcripts (convert it to text first)"
            )
    if b"\x00" in data[:4096] and not _sniff_utf16_without_bom(data):
        raise DecodeError(
            f"{source} looks binary (NUL bytes near the start); summarize reads Markdown, "
            "plain text, SRT/WebVTT captions and transcripts"
        )


def _sniff_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows up as a NUL in every other byte of ASCII-heavy text."""
    sample = data[:2048]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _chinese_likelihood(text: str) -> float:
    """Share of CJK characters that are common hanzi: high for the right legacy codec, low for mojibake."""
    hanzi = re.findall(r"[\u4e00-\u9fff]", text)
    if not hanzi:
        # Decodes, but with no Chinese at all the non-ASCII bytes were something else.
        return 0.0
    common = sum(1 for ch in hanzi if ch in _COMMON_HANZI)
    return common / len(hanzi)


def _undecodable(source: str, encoding: str, error: UnicodeDecodeError) -> DecodeError:
    return DecodeError(
        f"{source}: cannot decode byte 0x{error.object[error.start]:02x} at offset {error.start} as {encoding}, "
        "nor as UTF-16, GB18030 or Big5; re-save the file as UTF-8 "
        "(for example: iconv -f YOUR-ENCODING -t UTF-8 FILE > FILE.utf8)"
    )
