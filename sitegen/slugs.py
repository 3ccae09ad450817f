"""Slugs: lowercase ASCII words joined by hyphens, diacritics folded."""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata

# Letters that do not decompose into ASCII plus a combining mark.
_SPECIAL = str.maketrans({
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th",
    "ð": "d", "ħ": "h", "Ħ": "H",
})

# Cyrillic and Greek transliteration so names in those scripts still get readable slugs.
_CYRILLIC = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџшщъыьэюяёєіїґ",
    ["a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
     "o", "p", "r", "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s", "sc", "", "y", "",
     "e", "ju", "ja", "e", "je", "i", "ji", "g"],
))
_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r",
     "s", "s", "t", "y", "f", "ch", "ps", "o"],
))

class _Runs(threading.local):
    found: list[tuple[int, int, str]] = []


_runs = _Runs()


def _note_run(error: UnicodeError) -> tuple[str, int]:
    # The ASCII encoder finds each run of other characters at C speed, three times quicker than
    # a regular expression over the text, and hands it here.
    assert isinstance(error, UnicodeEncodeError)
    _runs.found.append((error.start, error.end, error.object[error.start:error.end]))
    return "?" * (error.end - error.start), error.end


codecs.register_error("sitegen.non-ascii-runs", _note_run)


def non_ascii_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the run) of each run of non-ASCII characters in `text`."""
    found = _runs.found = []
    text.encode("ascii", "sitegen.non-ascii-runs")
    return found


def lower_and_translate_runs(text: str, runs: list[tuple[int, int, str]], table: dict[int, str]) -> str:
    """`text` with its ASCII lower-cased and each non-ASCII run (`non_ascii_runs(text)`)
    translated through `table`: the few runs of an article, not every character, go through
    the table."""
    parts = []
    pos = 0
    for start, end, run in runs:
        parts.append(text[pos:start].lower())
        parts.append(run.translate(table))
        pos = end
    parts.append(text[pos:].lower())
    return "".join(parts)


_NON_WORD = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Fold diacritics and special letters to ASCII (Vučić -> Vucic, Đurić -> Duric)."""
    if text.isascii():
        return text  # what the steps below make of it, without a Python step per character
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        low = ch.lower()
        if low in _CYRILLIC:
            rep = _CYRILLIC[low]
            out.append(rep.capitalize() if ch != low else rep)
        elif low in _GREEK:
            rep = _GREEK[low]
            out.append(rep.capitalize() if ch != low else rep)
        else:
            out.append(ch)
    return "".join(out)


def name_key(text: str) -> str:
    """What two spellings of one name share: case, diacritics, script and punctuation folded
    ("Šakalienė" and "sakaliene" both give "sakaliene")."""
    return " ".join(_NON_WORD.split(fold(text).lower())).strip()


def slugify(text: str, max_length: int = 80) -> str:
    """`Aleksandar Vučić` -> `aleksandar-vucic`. Never empty: falls back to `untitled`."""
    ascii_text = fold(text).lower().replace("'", "").replace("\u2019", "")
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "untitled"


def is_slug(text: object) -> bool:
    return isinstance(text, str) and bool(SLUG_RE.match(text))
