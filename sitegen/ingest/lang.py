"""The language of an article, and what its grammar does to names.

Articles about the region come in English and in its own languages: Serbian, Croatian and
Bosnian ("sh", in Latin or Cyrillic script), Hungarian ("hu"), Albanian ("sq") and German ("de").
Names change shape in them: "predsednika Srbije Aleksandra Vučića" (genitive), "Szerbiával",
"Kosovës", "Serbiens". This module says which language an article is in, which endings a name
may carry in it, how an inflected Serbo-Croatian name goes back to its nominative, and how
Albanian spells Slavic names (Vuçiq for Vučić).
"""

from __future__ import annotations

import re

from sitegen.ingest.gazetteer import fold_key, fold_letters

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


# ------------------------------------------------------------------ Serbian Cyrillic

_CYR = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш",
                ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
                 "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]))
_CYR_TABLE = {ord(k): v for k, v in _CYR.items()}
_CYR_TABLE.update({ord(k.upper()): v[:1].upper() + v[1:] for k, v in _CYR.items()})


def to_latin(text: str) -> str:
    """Serbian Cyrillic in Gaj's Latin alphabet, letter for letter (Вучић -> Vučić): the same name
    an article in Latin script gives, diacritics and all."""
    return text.translate(_CYR_TABLE) if not text.isascii() else text


# ------------------------------------------------------------------ endings

# Endings a name may take (after its folded form). "cons": after a name ending in a consonant;
# "stem": after a name ending in a vowel, the vowel dropped (Srbija -> Srbij-e, Kosova -> Kosov-ës);
# "any": after any name.
SUFFIXES: dict[str, dict[str, frozenset[str]]] = {
    "sh": {
        # Cases of masculine names (Vučić-a, -u, -em, Orban-om) and possessives (Vučić-ev).
        "cons": frozenset("a u om em e i ov ova ovo ovog ovom ovu ev eva evo evog evom evu".split()),
        # Feminine -a and neuter -o nouns and adjectival names (Srbij-e, Kosov-u, Hrvatsk-oj).
        "stem": frozenset("a e i u o om oj ju ja jom je".split()),
    },
    "hu": {
        # Case endings, joined to the name (Szerbiá-val, Orbán-t, Magyarország-on, koszovó-i).
        "any": frozenset("t ot et at ot nak nek val vel ban ben ba be bol rol tol hoz hez on en n ra re ert kent "
                         "ig i nal nel ul".split()),
    },
    "sq": {
        "cons": frozenset("i it in u ut un e es en a".split()),  # Kurti-t, Vuçiq-i, Rama-s
        "stem": frozenset("a e es en se ne s n ja je ia ise ine".split()),  # Serbi-së, Kosov-ës, Shqipëri-në
    },
    "de": {
        "any": frozenset("s es".split()),  # genitive: Serbien-s, Vučić-s
    },
}
_DOUBLED = re.compile(r"^(\w)\1?[ae]l$")  # Hungarian -val/-vel after a consonant: Orbán-nal, Vučić-csal


def suffix_ok(lang: str, key: str, suffix: str, stem: bool) -> bool:
    """May a name whose folded form is `key` (or, when `stem`, `key` without its final vowel) be
    followed by `suffix` (folded letters) in an article in `lang`?"""
    rules = SUFFIXES.get(lang)
    if not rules or not suffix:
        return False
    if stem:
        return suffix in rules.get("stem", ())
    if suffix in rules.get("any", ()):
        return True
    last = key[-1:]
    if not last.isalpha():
        return False
    if lang == "hu" and last not in "aeiou" and _DOUBLED.match(suffix) and suffix[0] == last:
        return True
    if last in "aeiou":
        # A vowel-final name keeps its vowel before a few endings only (Kurti-ja, Šojgu-om, Rama-s).
        if lang == "sh":
            return suffix in (("ja", "ju", "jem", "jom", "je") if last == "i" else ("a", "u", "om", "ov", "ova"))
        return lang == "sq" and suffix in ("s", "n", "t", "ut", "ja", "ne", "se")
    return suffix in rules.get("cons", ())


def stems_inflect(lang: str) -> bool:
    return "stem" in SUFFIXES.get(lang, {})


# ------------------------------------------------------------------ Serbo-Croatian nominatives

_CASE_ENDINGS = ("om", "em", "u", "a", "e", "i")
_VOWELS = "aeiou"


def token_lemmas(tok: str) -> list[str]:
    """Nominatives an inflected Serbo-Croatian name word may come from, most likely first:
    Vučića -> Vučić, Aleksandra -> Aleksandr, Aleksandar; Marka -> Mark, Marko; Ane -> An, Ana;
    Kurtija -> Kurti."""
    out: list[str] = []
    low = tok.lower()
    for end in _CASE_ENDINGS:
        if low.endswith(end) and len(tok) - len(end) >= 2:
            stem = tok[:-len(end)]
            out.append(stem)
            if stem[-1:].lower() not in _VOWELS and stem[-2:-1].lower() not in _VOWELS:
                out.append(stem[:-1] + "a" + stem[-1])  # a fleeting a: Aleksandr-a -> Aleksandar
            out.append(stem + "o")  # Mark-a -> Marko
            out.append(stem + "a")  # An-e -> Ana, Ivic-om -> Ivica
            if stem.endswith("j") and len(stem) > 3:
                out.append(stem[:-1])  # Kurtij-a -> Kurti
    seen: set[str] = set()
    return [x for x in out if not (x in seen or seen.add(x))]


# The endings that show a surname is inflected: Slavic surnames in -ić never end in them.
_SURE_INFLECTED = re.compile(r"(?:i[cć]|ov|ev|in|sk)(?:a|u|em|om)$", re.I)


def surely_inflected(surname: str) -> bool:
    """Whether a Serbo-Croatian surname is certainly not a nominative (Vučića, Gašiću, Petrovom)."""
    return bool(_SURE_INFLECTED.search(surname)) and not surname.lower().endswith(("ska", "ova", "eva", "ina"))


# ------------------------------------------------------------------ Albanian spellings

# How Albanian writes the letters of Serbo-Croatian names: Vučić -> Vuçiq, Đurić -> Gjuriq.
_SQ_SPELLING = (("dž", "xh"), ("Dž", "Xh"), ("ć", "q"), ("Ć", "Q"), ("č", "ç"), ("Č", "Ç"), ("đ", "gj"),
                ("Đ", "Gj"), ("š", "sh"), ("Š", "Sh"), ("ž", "zh"), ("Ž", "Zh"))


def albanian_spelling(name: str) -> str:
    """The Albanian spelling of a Slavic name, or "" when it is spelled the same."""
    out = name
    for a, b in _SQ_SPELLING:
        out = out.replace(a, b)
    return out if out != name else ""


_SQ_KEY = (("xh", "dz"), ("gj", "d"), ("sh", "s"), ("zh", "z"), ("q", "c"))


def slavic_key(name: str) -> str:
    """The folded key of a name an Albanian text spells the Albanian way, spelled back as the
    Slavic original folds (Gjuriq -> duric, Vuçiq -> vucic)."""
    key = fold_key(name)
    for a, b in _SQ_KEY:
        key = key.replace(a, b)
    return key
