"""The one alias matcher: ingest finds actors with it, the build links their names with it, so
both find the same names in the same text.

One Aho-Corasick pass over the folded text (fold.py) finds every alias, whatever their number.
The rules, the same for every alias and both stages:

* a name is a whole word of the original text: not after a letter, digit, "_" or "@" (a
  handle), not before one, nor before ".x" ("444.hu" is not "444");
* case: an alias in capitals (EU, UN) matches only in capitals, a longer one (NATO) also with a
  capital first letter (Nato) unless it is never written so (a state's: SADR, not the name Sadr); an alias with a capital first letter needs one; a lower-case
  alias matches in any case;
* Đ/ђ: "Đoković" is also found as "Djokovic" and "Dokovic", and "Djokovic" as "Đoković";
* in an article in a language that inflects names (inflect.py), an alias with `endings` may
  carry that language's endings (Vučića, Orbánnal, Gazprommal), unless it is an abbreviation in
  capitals (NATO-a keeps its hyphen), and one with `stem` is also found by its stem (Srbij-e for
  Srbija, Kosov-ës): the hit then spans the whole word;
* an alias with a `lang` counts in articles in that language only; one `spelled` otherwise
  (a listed or local form: "srpskog", "Beogradu") is reported by its `name`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Hashable

import ahocorasick

from sitegen.names.fold import fold_key, fold_with_map
from sitegen.names.inflect import SUFFIXES, suffix_ok

MIN_KEY = 2  # shorter keys (initials) would match everywhere

# How an alias may end in an inflecting language: as written only, with endings, or (its stem) only
# with the endings a stem takes.
EXACT, ENDINGS, STEM = 0, 1, 2

_DJ = str.maketrans({"đ": "dj", "Đ": "Dj", "ђ": "dj", "Ђ": "Dj"})


@dataclass(frozen=True, slots=True)
class Alias:
    name: str  # as an entry gives it: its case rule, and what a hit of `spelled` reports
    value: Hashable  # what a hit stands for: a slug, or ingest's (alias, slug, type)
    lang: str = ""  # found in articles in this language only
    spelled: str = ""  # the form to find instead of `name` (a local or listed form)
    endings: bool = False  # may carry the endings of an inflecting language
    stem: bool = False  # found by its stem too, when it ends in a vowel
    ident: Hashable = None  # what makes two aliases of one key the same candidate (default: value)
    capitals: bool = False  # an abbreviation never written as a word ("SADR", not "Sadr": a name)


@dataclass(slots=True)
class _Cand:
    value: Hashable
    ident: Hashable
    name: str
    mode: int
    lang: str
    rule: int
    spelled: bool


def case_mode(alias: str) -> int:
    """How a hit's surface must be written: 0 any case, 1 in capitals, 2 in capitals or with a capital
    first letter, 3 with a capital first letter."""
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return 0
    if all(c.isupper() for c in letters):
        return 2 if len(letters) >= 4 else 1
    return 3 if alias[:1].isupper() else 0


def keys_of(text: str) -> list[str]:
    """The folded keys a name is found by: its fold, and its Đ/Dj spellings (Đoković: dokovic,
    djokovic; Djokovic: djokovic, dokovic)."""
    key = fold_key(text)
    keys = [key]
    if not text.isascii() and text.translate(_DJ) != text:
        keys.append(fold_key(text.translate(_DJ)))
    if "dj" in key:
        keys.append(key.replace("dj", "d"))
    return list(dict.fromkeys(keys))


def _stem_ok(key: str) -> bool:
    return len(key) >= 4 and key[-1] in "aeiou" and key[-2].isalpha()


class Matcher:
    """Aliases found in a text in one pass; `scan` gives every hit, `find` the longest ones."""

    def __init__(self, aliases: Iterable[Alias]):
        table: dict[str, list[_Cand]] = {}
        for alias in aliases:
            mode = case_mode(alias.name)
            if alias.capitals and mode == 2:
                mode = 1
            ident = alias.value if alias.ident is None else alias.ident
            # A local name spelled as the name folds is the name ("Budapest" in Hungarian); a listed
            # form (no endings: "srpskog") is always reported as its name.
            spelled = bool(alias.spelled) and (not alias.endings or fold_key(alias.spelled) != fold_key(alias.name))
            for key in keys_of(alias.spelled or alias.name):
                if len(key) < MIN_KEY:
                    continue
                # Abbreviations in capitals take endings after a hyphen (NATO-a, EU-val), not joined.
                rule = ENDINGS if alias.endings and mode not in (1, 2) else EXACT
                _put(table, key, _Cand(alias.value, ident, alias.name, mode, alias.lang, rule, spelled))
                if alias.stem and _stem_ok(key):
                    _put(table, key[:-1], _Cand(alias.value, ident, alias.name, mode, alias.lang, STEM, spelled))
        self.size = len(table)
        # Two automata: a text in a language that gives names no endings (most are English) is
        # scanned without the stems and the other languages' aliases, and without their hits
        # ("serbi" at every "Serbia").
        self._langs = frozenset(SUFFIXES) | {c.lang for cands in table.values() for c in cands}
        self._plain = _automaton({k: [c for c in cands if not c.lang and c.rule != STEM]
                                  for k, cands in table.items()}, plain=True)
        self._all = _automaton(table, plain=False)

    def scan(self, text: str, lang: str = "en",
             folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, Hashable]]:
        """Every hit as (start, end, value) in the original text, by start, longest first: hits may
        overlap. `folded`: `fold_with_map(text)`, when the caller has it already."""
        hits = self._hits(text, lang, folded, flat=True)
        if lang in SUFFIXES:
            hits = list(set(hits))  # a name's stem and ending can spell the name itself (Ram-a)
        hits.sort(key=lambda h: (h[0], -h[1], h[2]))
        return hits

    def keys_in(self, text: str, lang: str = "en") -> set:
        return {value for _, _, value in self.scan(text, lang)}

    def find(self, text: str, folded: tuple[str, list[int] | None] | None = None,
             lang: str = "en") -> list[tuple[int, int, str, tuple]]:
        """The longest hits that do not overlap: (start, end, surface, values). The surface of a
        name with an ending, or of a form spelled otherwise, is the alias's name ("Vučića" ->
        "Vučić")."""
        raw = self._hits(text, lang, folded, flat=False)
        # Longest first; of two hits of one word, the one that leaves the shorter ending (Kosovo
        # is Kosovo, not Kos with an ending).
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0]), -r[3]))
        out = []
        last_end = -1
        for s, e, values, _, named in raw:
            if s >= last_end:
                out.append((s, e, named or sys.intern(text[s:e]), values))
                last_end = e
        return out

    def _hits(self, text: str, lang: str, folded, flat: bool) -> list[tuple]:
        """(start, end, values, key length, the name to report or None for the text) of every hit;
        when `flat`, (start, end, value) for each of its values (the build's hot path)."""
        automaton = self._all if lang in self._langs else self._plain
        if automaton is None or not text:
            return []
        inflecting = lang in SUFFIXES
        ftext, idx = folded or fold_with_map(text)
        flen, n = len(ftext), len(text)
        out: list[tuple] = []
        append = out.append
        for fend, (klen, values, case, names, flags) in automaton.iter(ftext):
            fstart = fend - klen + 1
            if idx is None:
                s, e = fstart, fend + 1
            else:
                s, e = idx[fstart], idx[fend] + 1
            if s and (text[s - 1].isalnum() or text[s - 1] in "_@"):
                continue
            suffix = ""
            if e < n:
                c = text[e]
                if c.isalnum() or c == "_" or (c == "." and e + 1 < n and text[e + 1].isalnum()):
                    if not (inflecting and c.isalpha()):
                        continue
                    wend = fend + 1
                    while wend < flen and ftext[wend].isalpha():
                        wend += 1
                    suffix = ftext[fend + 1:wend]
                    e = wend if idx is None else idx[wend - 1] + 1
                    if e < n and (text[e].isalnum() or text[e] == "_"):
                        continue  # the fold and the text disagree on where the word ends
            listed = False
            if flags is None:  # found as written only
                if suffix:
                    continue
            elif flags is True:  # with endings too
                if suffix and not suffix_ok(lang, ftext[fstart:fend + 1], suffix, False):
                    continue
            else:
                keep = _allowed(flags, lang, ftext[fstart:fend + 1], suffix, len(values))
                if not keep:
                    continue
                if len(keep) < len(values):
                    values, names = tuple(values[i] for i in keep), tuple(names[i] for i in keep)
                    if type(case) is tuple:
                        case = tuple(case[i] for i in keep)
                listed = flags[keep[0]][2]
            if case is None:
                pass
            elif case == 3:  # the common case: every candidate needs a capital first letter
                if not text[s].isupper():
                    continue
            else:
                ok = _case_ok(case, text[s:e])
                if not ok:
                    continue
                if len(ok) < len(values):
                    values, names = tuple(values[i] for i in ok), tuple(names[i] for i in ok)
            if not flat:
                # A form of a name ("Vučića", "srpskog") is reported as the name.
                append((s, e, values, klen, names[0] if suffix or listed else None))
            elif len(values) == 1:
                append((s, e, values[0]))
            else:
                out.extend((s, e, v) for v in values)
        return out


def _case_ok(modes: tuple[int, ...], surface: str) -> list[int]:
    """Which candidates' case modes (case_mode) a hit written as `surface` meets."""
    upper, first = surface.isupper(), surface[:1].isupper()
    return [i for i, m in enumerate(modes)
            if m == 0 or (m == 1 and upper) or (m == 2 and (upper or first)) or (m == 3 and first)]


def _allowed(flags: tuple, lang: str, key: str, suffix: str, count: int) -> list[int]:
    """Which of a key's candidates a hit in an article in `lang` may be, given the ending it carries."""
    keep = []
    for i in range(count):
        cand_lang, rule, _ = flags[i]
        if cand_lang and cand_lang != lang:
            continue
        if rule == EXACT:
            ok = not suffix
        elif rule == ENDINGS:
            ok = not suffix or suffix_ok(lang, key, suffix, False)
        else:
            ok = bool(suffix) and suffix_ok(lang, key, suffix, True)
        if ok:
            keep.append(i)
    return keep


def _put(table: dict[str, list[_Cand]], key: str, cand: _Cand) -> None:
    """One candidate per key, ident and kind (a name, a stem, a form spelled otherwise in one
    language): the first, or the one for any language (Srbija in any article and in Serbian ones)."""
    cands = table.setdefault(key, [])
    for i, other in enumerate(cands):
        if other.ident == cand.ident and (other.rule == STEM) == (cand.rule == STEM) \
                and other.spelled == cand.spelled and (not cand.spelled or other.lang == cand.lang):
            if other.lang and not cand.lang:
                cands[i] = cand
            return
    cands.append(cand)


def _automaton(table: dict[str, list[_Cand]], plain: bool):
    """An automaton of the keys that have candidates, each with (key length, values, case modes:
    None when any case will do, 3 when each needs a capital first letter, else each one's; names;
    and each candidate's (lang, rule, spelled), or for them all None when found as written only,
    True when with endings too)."""
    automaton = ahocorasick.Automaton()
    for key, cands in table.items():
        if not cands:
            continue
        # Most keys' candidates are for any language, spelled as found, and end alike: then the
        # flags are that one rule, and a hit needs no look at each candidate.
        rules = {EXACT} if plain else {c.rule for c in cands}  # no endings where names take none
        simple = len(rules) == 1 and STEM not in rules and all(not c.lang and not c.spelled for c in cands)
        flags = (rules.pop() == ENDINGS or None) if simple else tuple((c.lang, c.rule, c.spelled) for c in cands)
        modes = tuple(c.mode for c in cands)
        case = None if not any(modes) else 3 if all(m == 3 for m in modes) else modes
        automaton.add_word(key, (len(key), tuple(c.value for c in cands), case, tuple(c.name for c in cands), flags))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton
