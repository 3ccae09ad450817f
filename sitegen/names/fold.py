"""The one folding rule: case, diacritics, scripts and apostrophes, for names and the text they are
found in.

`fold` spells a text in ASCII letters, case kept (Vučić -> Vucic, Ђурић -> Duric, Straße ->
Strasse); the others also lower-case it, which is what matching compares. Serbian Cyrillic ђ is
Latin đ, and both fold to "d" (the slug rule alone keeps "dj" for ђ: see slugs.py). Every
apostrophe (’ ‘ ʼ ´) is "'", so "Côte d’Ivoire" and "Côte d'Ivoire" are one name.
"""

from __future__ import annotations

import codecs
import functools
import re
import threading
import unicodedata

# Letters that do not decompose into ASCII plus a combining mark, and the apostrophes.
_SPECIAL = str.maketrans({
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th",
    "ð": "d", "ħ": "h", "Ħ": "H",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
})
APOSTROPHES = "'\u2019\u2018\u02bc\u00b4"

# Cyrillic (Serbian, Macedonian, Russian, Ukrainian, Belarusian, Bulgarian) and Greek, looked up
# after decomposition, so й, ё, ї, ѓ, ќ, ў arrive as their base letter. ђ is "d" like đ.
_CYRILLIC = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџшщъыьэюяёєіїґѕ",
    ["a", "b", "v", "g", "d", "d", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
     "o", "p", "r", "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s", "sc", "", "y", "",
     "e", "ju", "ja", "e", "je", "i", "ji", "g", "dz"],
))
_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r",
     "s", "s", "t", "y", "f", "ch", "ps", "o"],
))


def fold(text: str) -> str:
    """`text` in ASCII letters, case kept (Vučić -> Vucic, Ђурић -> Duric, Πάτρα -> Patra)."""
    if text.isascii():
        return text  # what the steps below make of it, without a Python step per character
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        low = ch.lower()
        rep = _CYRILLIC.get(low)
        if rep is None:
            rep = _GREEK.get(low)
        if rep is None:
            out.append(ch)
        else:
            out.append(rep.capitalize() if ch != low else rep)
    return "".join(out)


# ------------------------------------------------------------------ non-ASCII runs

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


# ------------------------------------------------------------------ lower-cased, for matching

# str.translate table of every non-ASCII character seen so far (and ASCII capitals): its fold,
# lower-cased. Filled as characters turn up, so a text costs a lookup per non-ASCII character.
_TRANS: dict[int, str] = {c: chr(c).lower() for c in range(65, 91)}
# Characters whose fold is not one character: the folded text is then not aligned with the original.
_UNALIGNED: set[str] = set()


def _learn(chars: set[str]) -> None:
    for ch in chars:
        if ord(ch) not in _TRANS:
            folded = fold(ch).lower()
            _TRANS[ord(ch)] = folded
            if len(folded) != 1:
                _UNALIGNED.add(ch)


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """`fold(text).lower()`, and the index in `text` of each folded character: None when the
    folded text is aligned with the original (the usual case), since ß or ь change lengths."""
    if text.isascii():
        return text.lower(), None
    # Translating a whole article character by character took ten times longer.
    runs = non_ascii_runs(text)
    chars = set("".join(run for _, _, run in runs))
    _learn(chars)
    if chars.isdisjoint(_UNALIGNED):
        return lower_and_translate_runs(text, runs, _TRANS), None
    out = [_TRANS.get(ord(ch), ch) for ch in text]
    origin: list[int] = []
    for i, part in enumerate(out):
        origin.extend([i] * len(part))
    return "".join(out), origin


def fold_letters(text: str) -> str:
    """`fold(text).lower()`: the text matching compares."""
    return fold_with_map(text)[0]


_WS = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """fold_letters with runs of white space made one space, and stripped."""
    return _WS.sub(" ", fold_letters(text)).strip()


@functools.lru_cache(maxsize=1 << 16)
def fold_key(text: str) -> str:
    """fold_text, cached: the key of a name, and names come back again and again. For sentences
    and longer texts, which seldom do, fold_text (the cache would keep them all until full)."""
    return fold_text(text)


# ------------------------------------------------------------------ Serbian Cyrillic in Latin script

_SR_LATIN = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш",
                     ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
                      "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]))
_SR_TABLE = {ord(k): v for k, v in _SR_LATIN.items()}
_SR_TABLE.update({ord(k.upper()): v[:1].upper() + v[1:] for k, v in _SR_LATIN.items()})


def to_latin(text: str) -> str:
    """Serbian Cyrillic in Gaj's Latin alphabet, letter for letter (Вучић -> Vučić): the same name
    an article in Latin script gives, diacritics and all; `fold` of either is the same."""
    return text.translate(_SR_TABLE) if not text.isascii() else text
