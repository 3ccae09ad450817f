"""What ingest reads from names in the region's languages: how an inflected Serbo-Croatian name
goes back to its nominative, and how Albanian spells Slavic names (Vuçiq for Vučić). Which
language an article is in, and the endings names take in it, are the shared text layer's
(sitegen.names.lang, sitegen.names.inflect).
"""

from __future__ import annotations

import re

from sitegen.names import fold_key

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
