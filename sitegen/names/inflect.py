"""What the region's languages do to names: the endings a name may carry in an article in each
(Vučića, Szerbiával, Kosovës, Serbiens), which the one alias matcher (match.py) applies.
"""

from __future__ import annotations

import re

# Kinds of actor whose names take endings by their stem (Srbij-e, Vučić-a): people, states and
# entities like Republika Srpska; not outlets or companies named with common words ("Nova").
INFLECTING_KINDS = ("person", "state", "other")

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
