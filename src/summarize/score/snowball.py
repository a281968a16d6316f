"""English Snowball (Porter2) stemming, exactly as NLTK's ``SnowballStemmer("english")`` does it.

Why a copy: the only way to NLTK's stemmer is ``import nltk``, which imports SciPy and costs more
than summarizing a Chinese post whose English words (Istio, Kubernetes, API) need stems. This is
``EnglishStemmer.stem`` of NLTK 3.10.4 (``nltk/stem/snowball.py``), Copyright (C) 2001-2026 NLTK
Project, authors Peter Michael Stahl and Peter Ljunglof, algorithm by Martin Porter; Apache License
2.0 (https://www.apache.org/licenses/LICENSE-2.0). Changes: a module function instead of a class,
no stop-word option (we never passed one), ``suffix_replace`` inlined as a local helper.
``tests/score/test_snowball.py`` checks it against NLTK's own stemmer word for word; the
differences from the official Snowball algorithm (and from the ``snowballstemmer`` package,
which stems "organization's" and "geologists" differently) are NLTK's and kept on purpose.
"""

from __future__ import annotations

_VOWELS = 'aeiouy'
_DOUBLE_CONSONANTS = ('bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt')
_LI_ENDING = 'cdeghkmnrt'
_STEP0 = ("'s'", "'s", "'")
_STEP1A = ('sses', 'ied', 'ies', 'us', 'ss', 's')
_STEP1B = ('eedly', 'ingly', 'edly', 'eed', 'ing', 'ed')
_STEP2 = (
    'ization', 'ational', 'fulness', 'ousness', 'iveness', 'tional', 'biliti', 'lessli', 'entli', 'ation', 'alism',
    'aliti', 'ousli', 'iviti', 'fulli', 'enci', 'anci', 'abli', 'izer', 'ator', 'alli', 'bli', 'ogi', 'li',
)
_STEP3 = ('ational', 'tional', 'alize', 'icate', 'iciti', 'ative', 'ical', 'ness', 'ful')
_STEP4 = (
    'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion',
    'al', 'er', 'ic',
)
_SPECIAL_WORDS = {
    'skis': 'ski', 'skies': 'sky', 'dying': 'die', 'lying': 'lie', 'tying': 'tie', 'idly': 'idl', 'gently': 'gentl',
    'ugly': 'ugli', 'early': 'earli', 'only': 'onli', 'singly': 'singl', 'sky': 'sky', 'news': 'news', 'howe': 'howe',
    'atlas': 'atlas', 'cosmos': 'cosmos', 'bias': 'bias', 'andes': 'andes', 'inning': 'inning', 'innings': 'inning',
    'outing': 'outing', 'outings': 'outing', 'canning': 'canning', 'cannings': 'canning', 'herring': 'herring',
    'herrings': 'herring', 'earring': 'earring', 'earrings': 'earring', 'proceed': 'proceed', 'proceeds': 'proceed',
    'proceeded': 'proceed', 'proceeding': 'proceed', 'exceed': 'exceed', 'exceeds': 'exceed', 'exceeded': 'exceed',
    'exceeding': 'exceed', 'succeed': 'succeed', 'succeeds': 'succeed', 'succeeded': 'succeed',
    'succeeding': 'succeed',
}


def _suffix_replace(original: str, old: str, new: str) -> str:
    return original[: -len(old)] + new


def _replace(word: str, r1: str, r2: str, suffix: str, new: str, r2_short: str = "") -> tuple[str, str, str]:
    """``suffix`` of ``word`` replaced by ``new``, and in R1 and R2 where they are long enough to hold it
    (else R1 is emptied and R2 set to ``r2_short``: NLTK's rule, "e" in two places)."""
    return (
        _suffix_replace(word, suffix, new),
        _suffix_replace(r1, suffix, new) if len(r1) >= len(suffix) else "",
        _suffix_replace(r2, suffix, new) if len(r2) >= len(suffix) else r2_short,
    )


def _r1r2_standard(word: str) -> tuple[str, str]:
    """R1: the region after the first non-vowel following a vowel; R2: the same inside R1."""
    r1 = ""
    r2 = ""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            r1 = word[i + 1 :]
            break
    for i in range(1, len(r1)):
        if r1[i] not in _VOWELS and r1[i - 1] in _VOWELS:
            r2 = r1[i + 1 :]
            break
    return (r1, r2)


def stem(word: str) -> str:
    """The stem of ``word`` (lowercased first), as ``nltk.stem.snowball.SnowballStemmer("english").stem``."""
    word = word.lower()

    if len(word) <= 2:
        return word

    elif word in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[word]

    # Map the different apostrophe characters to a single consistent one
    word = (
        word.replace("\u2019", "\x27")
        .replace("\u2018", "\x27")
        .replace("\u201b", "\x27")
    )

    if word.startswith("\x27"):
        word = word[1:]

    if word.startswith("y"):
        word = "".join(("Y", word[1:]))

    # In-place mutation joined once; a per-match rebuild was O(n**2) on a
    # crafted token (CWE-407).
    chars = list(word)
    for i in range(1, len(chars)):
        if chars[i - 1] in _VOWELS and chars[i] == "y":
            chars[i] = "Y"
    word = "".join(chars)

    step1a_vowel_found = False
    step1b_vowel_found = False
    r1 = ""
    r2 = ""

    if word.startswith(("gener", "commun", "arsen")):
        if word.startswith(("gener", "arsen")):
            r1 = word[5:]
        else:
            r1 = word[6:]

        for i in range(1, len(r1)):
            if r1[i] not in _VOWELS and r1[i - 1] in _VOWELS:
                r2 = r1[i + 1 :]
                break
    else:
        r1, r2 = _r1r2_standard(word)

    # STEP 0
    for suffix in _STEP0:
        if word.endswith(suffix):
            word, r1, r2 = word[: -len(suffix)], r1[: -len(suffix)], r2[: -len(suffix)]
            break

    # STEP 1a
    for suffix in _STEP1A:
        if word.endswith(suffix):
            if suffix == "sses":
                word, r1, r2 = word[:-2], r1[:-2], r2[:-2]

            elif suffix in ("ied", "ies"):
                if len(word[: -len(suffix)]) > 1:
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]
                else:
                    word, r1, r2 = word[:-1], r1[:-1], r2[:-1]

            elif suffix == "s":
                for letter in word[:-2]:
                    if letter in _VOWELS:
                        step1a_vowel_found = True
                        break

                if step1a_vowel_found:
                    word, r1, r2 = word[:-1], r1[:-1], r2[:-1]
            break

    # STEP 1b
    for suffix in _STEP1B:
        if word.endswith(suffix):
            if suffix in ("eed", "eedly"):
                if r1.endswith(suffix):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ee")
            else:
                for letter in word[: -len(suffix)]:
                    if letter in _VOWELS:
                        step1b_vowel_found = True
                        break

                if step1b_vowel_found:
                    word, r1, r2 = word[: -len(suffix)], r1[: -len(suffix)], r2[: -len(suffix)]

                    if word.endswith(("at", "bl", "iz")):
                        word = "".join((word, "e"))
                        r1 = "".join((r1, "e"))

                        if len(word) > 5 or len(r1) >= 3:
                            r2 = "".join((r2, "e"))

                    elif word.endswith(_DOUBLE_CONSONANTS):
                        word, r1, r2 = word[:-1], r1[:-1], r2[:-1]

                    elif (
                        r1 == ""
                        and len(word) >= 3
                        and word[-1] not in _VOWELS
                        and word[-1] not in "wxY"
                        and word[-2] in _VOWELS
                        and word[-3] not in _VOWELS
                    ) or (
                        r1 == ""
                        and len(word) == 2
                        and word[0] in _VOWELS
                        and word[1] not in _VOWELS
                    ):
                        word = "".join((word, "e"))

                        if len(r1) > 0:
                            r1 = "".join((r1, "e"))

                        if len(r2) > 0:
                            r2 = "".join((r2, "e"))
            break

    # STEP 1c
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:
        word, r1, r2 = _replace(word, r1, r2, word[-1], "i")

    # STEP 2
    for suffix in _STEP2:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix == "tional":
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]

                elif suffix in ("enci", "anci", "abli"):
                    word, r1, r2 = _replace(word, r1, r2, word[-1], "e")

                elif suffix == "entli":
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]

                elif suffix in ("izer", "ization"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ize")

                elif suffix in ("ational", "ation", "ator"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ate", r2_short="e")

                elif suffix in ("alism", "aliti", "alli"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "al")

                elif suffix == "fulness":
                    word, r1, r2 = word[:-4], r1[:-4], r2[:-4]

                elif suffix in ("ousli", "ousness"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ous")

                elif suffix in ("iveness", "iviti"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ive", r2_short="e")

                elif suffix in ("biliti", "bli"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ble")

                elif suffix == "ogi" and word[-4] == "l":
                    word, r1, r2 = word[:-1], r1[:-1], r2[:-1]

                elif suffix in ("fulli", "lessli"):
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]

                elif suffix == "li" and word[-3] in _LI_ENDING:
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]
            break

    # STEP 3
    for suffix in _STEP3:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix == "tional":
                    word, r1, r2 = word[:-2], r1[:-2], r2[:-2]

                elif suffix == "ational":
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ate")

                elif suffix == "alize":
                    word, r1, r2 = word[:-3], r1[:-3], r2[:-3]

                elif suffix in ("icate", "iciti", "ical"):
                    word, r1, r2 = _replace(word, r1, r2, suffix, "ic")

                elif suffix in ("ful", "ness"):
                    word, r1, r2 = word[: -len(suffix)], r1[: -len(suffix)], r2[: -len(suffix)]

                elif suffix == "ative" and r2.endswith(suffix):
                    word, r1, r2 = word[:-5], r1[:-5], r2[:-5]
            break

    # STEP 4
    for suffix in _STEP4:
        if word.endswith(suffix):
            if r2.endswith(suffix):
                if suffix == "ion":
                    if word[-4] in "st":
                        word, r1, r2 = word[:-3], r1[:-3], r2[:-3]
                else:
                    word, r1, r2 = word[: -len(suffix)], r1[: -len(suffix)], r2[: -len(suffix)]
            break

    # STEP 5
    if r2.endswith("l") and word[-2] == "l":
        word = word[:-1]
    elif r2.endswith("e"):
        word = word[:-1]
    elif r1.endswith("e"):
        if len(word) >= 4 and (
            word[-2] in _VOWELS
            or word[-2] in "wxY"
            or word[-3] not in _VOWELS
            or word[-4] in _VOWELS
        ):
            word = word[:-1]
    word = word.replace("Y", "y")

    return word
