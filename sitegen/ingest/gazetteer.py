"""Built-in actors (states, organisations, media, companies) and the one-pass alias matcher.

Matching folds case and diacritics (Vučić = Vucic), accepts possessives (Hungary's), and applies
the same rules to an alias whatever entry it comes from, so that feeding extract's own output
back in as known actors changes nothing:

* short all-capital aliases (EU, UN, US) match only written in capitals; longer ones (NATO) also
  in title case (Nato); names must start with a capital letter;
* demonyms (Serbian) stand for the state, except "ethnic Albanian" and "Soviet-made";
* capitals (Belgrade) stand for the government only in government contexts ("Belgrade condemned",
  "official Belgrade", "Belgrade's ally", "between Belgrade and Budapest"); after "in", "at",
  "to", "from" they are places, reported as such for event locations.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick
import yaml

from sitegen.slugs import fold, slugify

# ------------------------------------------------------------------ folding

_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    r = _FOLD_CACHE.get(ch)
    if r is None:
        r = fold(ch).lower()
        if not r and unicodedata.combining(ch):
            r = ""
        _FOLD_CACHE[ch] = r
    return r


_WS = re.compile(r"\s+")


def fold_key(text: str) -> str:
    """Lower-case, diacritic-free key of a name (also normalises apostrophes and spaces)."""
    if text.isascii():
        return _WS.sub(" ", text.lower()).strip()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    folded, _ = fold_with_map(text)
    return _WS.sub(" ", folded).strip()


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold and lower-case a text; also the original index of each folded character
    (None when the folded text is aligned with the original, the usual case)."""
    if text.isascii():
        return text.lower(), None
    out = []
    aligned = True
    for ch in text:
        if ch < "\x80":
            out.append(ch.lower())
            continue
        if ch in "\u2019\u2018":
            out.append("'")
            continue
        r = _fold_char(ch)
        if len(r) != 1:
            aligned = False
        out.append(r)
    if aligned:
        return "".join(out), None
    folded_parts = []
    idx: list[int] = []
    for i, part in enumerate(out):
        folded_parts.append(part)
        idx.extend([i] * len(part))
    return "".join(folded_parts), idx


# ------------------------------------------------------------------ data

@dataclass
class GazActor:
    slug: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)  # names and abbreviations
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    description: str = ""


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


@functools.lru_cache(maxsize=1)
def builtin_actors() -> tuple[GazActor, ...]:
    data = resources.files("sitegen.ingest").joinpath("data")
    out: list[GazActor] = []
    countries = yaml.safe_load(data.joinpath("countries.yaml").read_text(encoding="utf-8"))["countries"]
    for line in countries.strip().splitlines():
        cells = [c.strip() for c in line.split("|")] + ["", "", ""]
        name = cells[0]
        out.append(GazActor(slugify(name), name, "state", _split(cells[1]), _split(cells[2]), _split(cells[3]),
                            "State."))
    orgs = yaml.safe_load(data.joinpath("organisations.yaml").read_text(encoding="utf-8"))["organisations"]
    for line in orgs.strip().splitlines():
        cells = [c.strip() for c in line.split("|")] + ["", "", ""]
        name, kind = cells[0], cells[1]
        desc = {"media": "News outlet.", "company": "Company.", "alliance": "Military alliance."}.get(kind, "")
        out.append(GazActor(slugify(name), name, kind, _split(cells[2]), [], _split(cells[3]), desc))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    data = resources.files("sitegen.ingest").joinpath("data")
    words = []
    for line in data.joinpath("given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.extend(fold_key(w) for w in line.split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def role_titles() -> tuple[tuple[str, str], ...]:
    """(surface, canonical) role titles, longest first."""
    data = resources.files("sitegen.ingest").joinpath("data")
    text = yaml.safe_load(data.joinpath("roles.yaml").read_text(encoding="utf-8"))["titles"]
    pairs = []
    for line in text.strip().splitlines():
        left, _, canon = line.partition("->")
        canon = canon.strip().strip('"')
        for form in _split(left):
            pairs.append((form, canon))
    pairs.sort(key=lambda p: (-len(p[0]), p[0]))
    return tuple(pairs)


@functools.lru_cache(maxsize=1)
def alias_types() -> dict[str, str]:
    """Folded alias -> 'demonym' | 'capital', for context rules applied whatever entry carries it."""
    out: dict[str, str] = {}
    for a in builtin_actors():
        for d in a.demonyms:
            out[fold_key(d)] = "demonym"
        for c in a.capitals:
            out[fold_key(c)] = "capital"
    return out


@functools.lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Folded place name (capital, seat or country) -> display name, for event locations."""
    out: dict[str, str] = {}
    for a in builtin_actors():
        for c in a.capitals:
            if c not in ("Kremlin", "White House", "Downing Street"):
                out[fold_key(c)] = c
        if a.kind == "state":
            out[fold_key(a.name)] = a.name
    return out


# ------------------------------------------------------------------ matcher

@dataclass(frozen=True)
class Mention:
    start: int
    end: int  # exclusive, in the original text, possessive 's excluded
    surface: str
    slug: str
    atype: str  # name | abbrev | demonym | capital | surname
    place: bool = False  # a capital used as a place, not as the government


_GOV_PREV = re.compile(r"(?:\bofficial|\bby|\bwith|\bagainst|\bbetween|\btowards?|\bfor|\band|\bon|\bthat|\bwhile|\bbut|\bsays?|\bwarned|\bsaid|[;:,(\"“])\s*$", re.I)
_PLACE_PREV = re.compile(r"(?:\bin|\bat|\bnear|\boutside|\binside|\baround|\binto|\bacross|\bvia|\bvisited|\bvisit|\bvisiting"
                         r"|\btravel(?:led|ed|s)?\s+to|\bflew\s+to|\bstreets of|\bcentre of|\bcenter of|\bheld in|\bfrom|\bto"
                         r"|\barrived in|\breturned to|\bbased|-based)\s*$", re.I)
_COMM_NOUNS = re.compile(r"\b(?:message|messages|signal|response|criticism|pressure|support|appeal|call|calls|letter|reply"
                         r"|reaction|warning|ally|allies|ties|relations|approach|stance|policy|demands?)\s+(?:to|from)\s*$", re.I)
_VERBISH_NEXT = re.compile(
    r"^(?:'s\b|’s\b|\s+(?:has|have|had|is|was|were|are|will|would|could|can|should|must|did|does|do|may|might|"
    r"said|says|say|insisted|insists|rejected|rejects|condemned|condemns|accused|accuses|denied|denies|warned|warns|"
    r"announced|announces|reacted|reacts|responded|responds|wants|wanted|refused|refuses|backed|backs|supported|supports|"
    r"sees|saw|considers|considered|called|calls|urged|urges|welcomed|welcomes|criticised|criticized|argued|argues|"
    r"maintains|maintained|remains|remained|sent|sends|imposed|imposes|agreed|agrees|decided|decides|expects|expected|"
    r"hopes|hoped|claims|claimed|believes|believed|fears|feared|blamed|blames|demanded|demands|threatened|threatens|"
    r"also|still|never|now|and\s+\w+\s+(?:have|has|are|were|said|agreed))\b|,\s+(?:backed|supported|for its part|however|in turn))", re.I)
_WORD_CHAR = re.compile(r"\w")


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c in "_@":
            return False
        if c in "-" and start > 1 and text[start - 2].isalnum():
            # "pro-NATO" is still NATO; "Serb-majority" handled by type rules.
            pass
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "_":
            return False
        if c == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return False  # "444.hu" should not match "444"
    return True


def _case_ok(alias: str, surface: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return True
    if all(c.isupper() for c in letters):
        if surface.isupper():
            return True
        if len(letters) >= 4 and surface[:1].isupper():
            return True  # Nato, Nato's
        return False
    if alias[:1].isupper():
        return surface[:1].isupper()
    return True


class Matcher:
    """One Aho-Corasick automaton over every alias of every actor."""

    def __init__(self, entries: list[tuple[str, str, str]]):
        """entries: (alias, slug, atype). Later entries with the same folded alias and a
        different slug make the alias ambiguous (recorded; resolution by the caller)."""
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, str, str]]] = {}
        for alias, slug, atype in entries:
            key = fold_key(alias)
            if len(key) < 2:
                continue
            lst = table.setdefault(key, [])
            if not any(s == slug for _, s, _ in lst):
                lst.append((alias, slug, atype))
        for key, lst in table.items():
            self._auto.add_word(key, (key, tuple(lst)))
        self.size = len(table)
        if table:
            self._auto.make_automaton()

    def find(self, text: str, folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, str, tuple]]:
        """Raw non-overlapping longest matches: (start, end, surface, candidates)."""
        if self.size == 0:
            return []
        ftext, idx = folded or fold_with_map(text)
        raw = []
        for fend, (key, cands) in self._auto.iter(ftext):
            fstart = fend - len(key) + 1
            if idx is None:
                s, e = fstart, fend + 1
            else:
                s, e = idx[fstart], idx[fend] + 1
            if not _boundary_ok(text, s, e):
                continue
            surface = text[s:e]
            ok = [c for c in cands if _case_ok(c[0], surface)]
            if not ok:
                continue
            raw.append((s, e, surface, tuple(ok)))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        out = []
        last_end = -1
        for r in raw:
            if r[0] >= last_end:
                out.append(r)
                last_end = r[1]
        return out


def capital_is_government(text: str, start: int, end: int) -> bool:
    """Is the capital at text[start:end] used for its government rather than as a place?"""
    before = text[max(0, start - 40):start]
    after = text[end:end + 60]
    if re.search(r"\bofficial\s*$", before, re.I):
        return True
    if after.startswith(("'s", "’s")):
        return True
    if _COMM_NOUNS.search(before):
        return True
    if _PLACE_PREV.search(before):
        # "in Pristina and Zagreb": the list continues as places.
        return False
    if re.search(r"\band\s*$|,\s*$", before):
        # In a list: a place if the list began with a place preposition, else the government.
        seg = re.split(r"[.;:]", text[max(0, start - 120):start])[-1]
        if re.search(r"\b(?:in|at|to|from|near|visited)\s+[A-Z][\w' -]*(?:,\s*[A-Z][\w' -]*)*\s*(?:,|and)\s*$", seg):
            return False
        if re.search(r"\bbetween\s+\w+\s+and\s*$", before, re.I):
            return True
    if _VERBISH_NEXT.match(after):
        return True
    if _GOV_PREV.search(before):
        return True
    # Part of a longer name ("Brussels Agreement", "Belgrade Arena") or a compound ("Belgrade-based"): not the government.
    if re.match(r"\s+[A-Z]|-\w", after):
        return False
    # Otherwise, in political news, a capital on its own stands for its government ("Berlin and Paris").
    return True


def demonym_is_state(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12):start]
    if re.search(r"\bethnic\s*$", before, re.I):
        return False
    after = text[end:end + 30]
    if re.match(r"-(?:speaking|majority|populated|dominated|language)\b", after):
        return False
    # "Anglo-Australian": the second half of a compound with a non-state word.
    pm = re.search(r"([A-Za-z]+)-$", before)
    if pm and fold_key(pm.group(1)) not in alias_types():
        return False
    # "a German politician": nationality of a person, not the state acting.
    if re.match(r"\s+(?:politician|national|citizen|citizens|nationals|businessman|businesswoman|woman|man|writer|"
                r"lawyer|tourist|tourists|journalist|academic)\b", after):
        return False
    return True
