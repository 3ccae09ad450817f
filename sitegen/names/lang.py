"""The language of an article: English, or one of the region's languages whose grammar changes
names (inflect.py): Serbian, Croatian and Bosnian ("sh", in Latin or Cyrillic script), Hungarian
("hu"), Albanian ("sq") and German ("de"). Ingest and the build both ask it, so that a name found
with an ending by one is found by the other.
"""

from __future__ import annotations

import re

from sitegen.names.fold import fold_letters

LANGS = ("en", "sh", "hu", "sq", "de")

# Frequent short words of each language that the others do not use (folded, lower case).
_MARKERS = {
    "en": "the and of to is that with was for has have said which were are from this its by",
    "sh": "je i u da na se su od za koji koja koje sa sto kao iz nije ce bi ali ili prema posle nakon "
          "tokom izmedju takodje biti kako vec",
    "hu": "az es hogy nem egy van volt meg csak mint mar szerint utan kozott pedig ezt azt amely valamint "
          "amelyet ket ket orszag is",
    "sq": "dhe te ne per qe eshte nga nje nuk ka jane edhe por si se tha do",
    "de": "der die das und ist nicht mit den dem des ein eine zu auf fur von sich im als auch wird wurde hat "
          "sagte bei nach",
}
# Each marker word -> the languages that use it (one lookup per word of the article).
_MARKER_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _MARKERS.items():
    for _w in _words.split():
        _MARKER_LANGS[_w] = _MARKER_LANGS.get(_w, ()) + (_lang,)
_WORD = re.compile(r"\w+")
# Letters only Serbian and Macedonian Cyrillic have (Russian and Bulgarian text has none of them).
_SERBIAN_CYRILLIC = frozenset("ђћџљњјЂЋЏЉЊЈ")
_SAMPLE = 3000  # characters looked at: enough to tell, and cheap on long articles


def guess_language(text: str) -> str:
    """"en", "sh", "hu", "sq" or "de": the language whose common words the article uses most.
    English unless another language clearly leads (a quoted foreign phrase changes nothing)."""
    sample = text[:_SAMPLE]
    if sample.isascii():
        folded = sample.lower()
    else:
        if not _SERBIAN_CYRILLIC.isdisjoint(sample):
            return "sh"
        folded = fold_letters(sample)
    counts = dict.fromkeys(_MARKERS, 0)
    words = _WORD.findall(folded)
    get = _MARKER_LANGS.get
    for lo in range(0, len(words), 64):  # 64 words at a time; only the marker words are looked at
        for langs in filter(None, map(get, words[lo:lo + 64])):
            for lang in langs:
                counts[lang] += 1
        if lo + 64 <= len(words) and counts["en"] >= 16 \
                and counts["en"] >= 3 * max(v for k, v in counts.items() if k != "en"):
            return "en"  # plainly English: the rest of the sample cannot change that
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], LANGS.index(kv[0])))
    (best, n), (_, second) = ranked[0], ranked[1]
    if best == "en" or n < 3 or n < 2 * second:
        return "en"
    return best
