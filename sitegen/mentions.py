"""Find names in text in one pass (Aho-Corasick), case- and diacritic-insensitively, on word boundaries.

Used to link the first mention of an actor or event in each paragraph of an article, and to
find which entries name an actor in their text ("mentioned in" backlinks). Matching is linear
in the size of the text, whatever the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from sitegen.slugs import fold, lower_and_translate_runs, non_ascii_runs

MIN_NAME = 2  # shorter names (initials) would match everywhere


_NEEDS_FULL_FOLD = re.compile("[^\u0000-\u024f\u0300-\u036f]")  # beyond Latin: Cyrillic, Greek, ...


# Folding works character by character, so every Latin letter and combining mark is folded
# once here, and folding a paragraph is a table lookup per non-ASCII character.
_LATIN_FOLD = {cp: fold(chr(cp)).lower() for cp in [*range(0x80, 0x250), *range(0x300, 0x370)]}
# Serbian Cyrillic ђ is Latin đ and folds the same way (Ђурић = Đurić = Duric), as ingest folds it;
# a slug transliterates it as "dj" instead.
_SAME_AS_LATIN = str.maketrans("ђЂ", "đĐ")


def fast_fold(text: str) -> str:
    """`fold(text).lower()`, quick for the common cases (ASCII, Latin with diacritics)."""
    if text.isascii():
        return text.lower()
    # Only the few non-ASCII runs go through the table: 5x quicker than translating all, and
    # only they need looking at for letters beyond Latin.
    runs = non_ascii_runs(text)
    if _NEEDS_FULL_FOLD.search("".join(run for _, _, run in runs)) is None:
        return lower_and_translate_runs(text, runs, _LATIN_FOLD)
    return fold(text.translate(_SAME_AS_LATIN)).lower()


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold diacritics and case; return the folded text and, when lengths differ, where each
    folded character came from in the original (None means offsets are the same)."""
    folded = fast_fold(text)
    if len(folded) == len(text):
        return folded, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text.translate(_SAME_AS_LATIN)):
        f = ch.lower() if ch.isascii() else _LATIN_FOLD.get(ord(ch)) or fold(ch).lower()
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def _key(name: str) -> str:
    return " ".join(fast_fold(name).split())


class Matcher:
    """Names mapped to keys (e.g. actor slugs); `scan` yields (start, end, key) in the original text.

    Keys in `inflecting` (people and states) are also found with the case endings a language gives
    names ("Vučića", "Orbánnal", "Srbije", "Kosovës") when `scan` is told the text's language: the
    match then spans the whole word."""

    def __init__(self, names: Iterable[tuple[str, str]], inflecting: Iterable[str] = ()):
        # Two automata: stems can only match in a text whose language inflects names, so a text
        # in another (most are English) is scanned without them, and without their hits
        # ("serbi" at every "Serbia").
        self._names = ahocorasick.Automaton()
        inflect = set(inflecting)
        # needle -> (keys of names written so, keys of names whose stem it is: Srbij for Srbija)
        table: dict[str, tuple[set[str], set[str]]] = {}
        for name, key in names:
            needle = _key(name)
            if len(needle) >= MIN_NAME:
                table.setdefault(needle, (set(), set()))[0].add(key)
                if key in inflect and len(needle) >= 4 and needle[-1] in "aeiou" and needle[-2].isalpha():
                    table.setdefault(needle[:-1], (set(), set()))[1].add(key)
        stems = any(not keys for keys, _ in table.values())
        self._with_stems = ahocorasick.Automaton() if stems else self._names
        for needle, (keys, stem_of) in table.items():
            value = (len(needle), tuple(sorted(keys)), tuple(sorted(stem_of)), bool(inflect.intersection(keys)))
            if stems:
                self._with_stems.add_word(needle, value)
            if keys:
                self._names.add_word(needle, value)
        self.empty = not table
        if not self.empty:
            self._names.make_automaton()
            if stems:
                self._with_stems.make_automaton()

    def scan(self, text: str, lang: str = "en",
             folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, str]]:
        """Every whole-word match, in order of start, longest first at the same start. In a text in
        an inflecting language (see `sitegen.ingest.lang`), names of inflecting keys may carry endings.
        `folded`: `fold_with_map(text)`, when the caller has it already."""
        if self.empty or not text:
            return []
        suffix_ok = _suffix_rule(lang)
        folded, origin = folded or fold_with_map(text)
        automaton = self._names if suffix_ok is None else self._with_stems
        hits = []
        n = len(folded)
        for end_index, (length, keys, stem_of, inflects) in automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
                continue
            if end < n and (folded[end].isalnum() or folded[end] == "_"):
                if suffix_ok is None or not (inflects or stem_of) or not folded[end].isalpha():
                    continue
                word_end = end
                while word_end < n and folded[word_end].isalpha():
                    word_end += 1
                if word_end < n and (folded[word_end].isdigit() or folded[word_end] == "_"):
                    continue
                needle, suffix = folded[start:end], folded[end:word_end]
                keys = (keys if inflects and suffix_ok(needle, suffix, False) else ()) + \
                    (stem_of if suffix_ok(needle, suffix, True) else ())
                if not keys:
                    continue
                end = word_end
            elif not keys:
                continue  # a stem alone is not a name (Srbij)
            if origin is not None:
                o_start = origin[start]
                o_end = origin[end - 1] + 1
            else:
                o_start, o_end = start, end
            for key in keys:
                hits.append((o_start, o_end, key))
        if suffix_ok is not None:
            hits = list(set(hits))  # a name's stem and ending can spell the name itself (Ram-a)
        hits.sort(key=lambda h: (h[0], -h[1], h[2]))
        return hits

    def keys_in(self, text: str, lang: str = "en") -> set[str]:
        return {key for _, _, key in self.scan(text, lang)}


def _suffix_rule(lang: str):
    """(name, ending, is_stem) -> may the name carry that ending in `lang`; None for a language
    that does not inflect names (English)."""
    if lang == "en":
        return None
    from sitegen.ingest.lang import SUFFIXES, suffix_ok

    if lang not in SUFFIXES:
        return None
    return lambda key, suffix, stem: suffix_ok(lang, key, suffix, stem)
