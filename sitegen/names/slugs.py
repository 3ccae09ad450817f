"""Slugs: lowercase ASCII words joined by hyphens, folded by the one rule (fold.py).

One exception, kept so that existing files keep their names: a slug spells Serbian Cyrillic ђ
"dj" (Ђоковић -> djokovic), as slugs always have, where matching folds it to "d" like Latin đ
(Đoković -> dokovic, in slugs too). Matching finds both spellings (match.py).
"""

from __future__ import annotations

import re

from sitegen.names.fold import fold

_SLUG_DJE = str.maketrans({"ђ": "dj", "Ђ": "Dj"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str, max_length: int = 80) -> str:
    """`Aleksandar Vučić` -> `aleksandar-vucic`. Never empty: falls back to `untitled`.
    Apostrophes join (O'Brien -> obrien)."""
    ascii_text = fold(text.translate(_SLUG_DJE)).lower().replace("'", "")
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "untitled"


def is_slug(text: object) -> bool:
    return isinstance(text, str) and bool(SLUG_RE.match(text))


def name_key(text: str) -> str:
    """What two spellings of one name share: case, diacritics, script and punctuation folded
    ("Šakalienė" and "sakaliene" both give "sakaliene"; Đoković, Ђоковић and Djokovic "dokovic")."""
    # Dj and Đ are one letter, as matching has them (Djokovic, Đoković).
    return " ".join(_NON_WORD.split(fold(text).lower().replace("dj", "d"))).strip()
