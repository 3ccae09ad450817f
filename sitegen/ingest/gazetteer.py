"""Built-in actors (states, organisations, media, companies), what ingest feeds the shared alias
matcher (sitegen.names.match), and how it reads what that finds.

Matching folds case and diacritics (Vučić = Vucic), accepts possessives (Hungary's), and applies
the same rules to an alias whatever entry it comes from, so that feeding extract's own output
back in as known actors changes nothing:

* short all-capital aliases (EU, UN, US) match only written in capitals; longer ones (NATO) also
  in title case (Nato); names must start with a capital letter;
* demonyms (Serbian) stand for the state, except "ethnic Albanian" and "Soviet-made";
* capitals (Belgrade) stand for the government only in government contexts ("Belgrade condemned",
  "official Belgrade", "Belgrade's ally", "between Belgrade and Budapest"); after "in", "at",
  "to", "from" they are places, reported as such for event locations;
* in an article in one of the region's languages (sitegen.names), names also carry that language's
  endings (Vučića, Szerbiával, Kosovës, Serbiens), and local names of states and bodies
  (Srbija, Magyarország, Bashkimi Evropian; data/local.yaml) count there only; so do capitals'
  local names with their endings ("u Beogradu", "Belgrádban", "në Tiranë"), which are places or
  the government by that language's words (local_place_kind).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick
import yaml

from sitegen.ingest.types import pickled_by_position
from sitegen.names import Alias, fold_key, slugify, stems_inflect
from sitegen.names import Matcher as _NameMatcher

# ------------------------------------------------------------------ fast scanning

try:  # Python >= 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Letters that match an ASCII letter when case is ignored (İ ı ſ K).
_SPECIAL_FOLDS = "\u0130\u0131\u017f\u212a"
SPECIAL_FOLDS = tuple(_SPECIAL_FOLDS)


class Caseless:
    """A lower-case pattern searched with case ignored, 4-6x quicker than re.IGNORECASE, which turns
    off the regex engine's scan for where a match can begin: the pattern runs as it is over the
    lower-cased text, wherever that gives the same matches (everywhere but texts whose lower-casing
    changes their length or that hold İ ı ſ K; those take re.IGNORECASE). The match is over the
    lower-cased text: its positions are the text's, its group texts lower case."""

    def __init__(self, pattern: str):
        assert pattern == pattern.lower(), "the pattern's letters must be lower case"
        self.plain = re.compile(pattern)
        self.folded = re.compile(pattern, re.IGNORECASE)

    def search(self, text: str) -> re.Match | None:
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in SPECIAL_FOLDS):
            return self.folded.search(text)
        return self.plain.search(low)


def finite_language(pattern: str, limit: int = 2000) -> set[str] | None:
    """Every string a small regex (literals, groups, alternations, optional or bounded parts) matches,
    or None when it has anything else (classes, anchors, unbounded repeats) or too many strings."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001
        return None

    def seq(items) -> set[str] | None:
        out = {""}
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                alts = {chr(av)}
            elif name == "IN":
                if any(str(o) != "LITERAL" for o, _ in av):
                    return None
                alts = {chr(v) for _, v in av}
            elif name == "SUBPATTERN":
                alts = seq(av[-1])
            elif name == "BRANCH":
                alts = set()
                for b in av[1]:
                    sub = seq(b)
                    if sub is None:
                        return None
                    alts |= sub
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                lo, hi, item = av
                if hi > 4:
                    return None
                one = seq(item)
                if one is None:
                    return None
                alts = set()
                cur = {""}
                for k in range(hi + 1):
                    if k >= lo:
                        alts |= cur
                    cur = {a + b for a in cur for b in one}
            else:
                return None
            if alts is None:
                return None
            out = {a + b for a in out for b in alts}
            if len(out) > limit:
                return None
        return out

    return seq(list(parsed))


class WordScanner:
    """`finditer` of a regex whose every match begins at a word start with one of a few known words
    (case ignored), tried only at those words: the same matches, found in a fraction of the time.

    `first_words` are the words (lower case, letters and digits only) a match can begin with;
    `None` turns the scanner into a plain finditer."""

    def __init__(self, rx: re.Pattern, first_words: set[str] | None):
        self.rx = rx
        self.words = frozenset(w.lower() for w in first_words) if first_words is not None else None
        if self.words is not None:
            firsts = sorted({w[0] for w in self.words} | {w[0].upper() for w in self.words})
            cls = "".join(re.escape(c) for c in firsts) + _SPECIAL_FOLDS
            self._tok = re.compile(rf"[{cls}](?<!\w.)\w*")
            self._auto = ahocorasick.Automaton()
            for w in self.words:
                self._auto.add_word(w, len(w))
            self._auto.make_automaton()

    def starts(self, text: str) -> list[int]:
        """Word starts where a match may begin: the word (lower case) is one of the first words."""
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in SPECIAL_FOLDS):
            # Case folding that changes lengths or matches specially: look at every word.
            out = []
            for t in self._tok.finditer(text):
                w = t.group()
                if not w.isascii() or w.lower() in self.words:
                    out.append(t.start())
            return out
        out = []
        n = len(text)
        for end, k in self._auto.iter(low):
            p = end - k + 1
            if p > 0:
                c = text[p - 1]
                if c.isalnum() or c == "_":
                    continue
            if end + 1 < n:
                c = text[end + 1]
                if c.isalnum() or c == "_":
                    continue
            out.append(p)
        out.sort()
        return out

    def finditer(self, text: str):
        if self.words is None:
            yield from self.rx.finditer(text)
            return
        yield from matches_at(self.rx, text, self.starts(text))


def matches_at(rx: re.Pattern, text: str, starts):
    """The same matches as rx.finditer(text), trying rx only at the candidate `starts`
    (sorted positions where a match can begin): the fast path for expensive patterns."""
    last = 0
    match = rx.match
    for p in starts:
        if p < last:
            continue
        m = match(text, p)
        if m:
            last = m.end()
            yield m


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
    part_of: list[str] = field(default_factory=list)  # names of the bodies it belongs to (UN, EU)


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


@functools.lru_cache(maxsize=1)
def builtin_actors() -> tuple[GazActor, ...]:
    data = resources.files("sitegen.ingest").joinpath("data")
    out: list[GazActor] = list(_states(data))
    orgs = yaml.safe_load(data.joinpath("organisations.yaml").read_text(encoding="utf-8"))["organisations"]
    for line in orgs.strip().splitlines():
        cells = [c.strip() for c in line.split("|")] + ["", "", "", ""]
        name, kind = cells[0], cells[1]
        desc = {"media": "News outlet.", "company": "Company.", "alliance": "Military alliance."}.get(kind, "")
        out.append(GazActor(slugify(name), name, kind, _dotted_too(name, _split(cells[2])), [], _split(cells[3]),
                            desc, _split(cells[4])))
    return tuple(_spelled_out_too(out))


def _spelled_out_too(actors: list[GazActor]) -> list[GazActor]:
    """Each alias that opens with another body's abbreviation also with that body's name spelled out
    ("UN humanitarian office": "United Nations humanitarian office"), as many outlets write it."""
    full = {al: a.name for a in actors if a.kind != "state" for al in a.aliases
            if al.isupper() and 2 <= len(al) <= 3 and " " in a.name}
    for a in actors:
        for form in [a.name, *a.aliases]:
            m = _LEADING_ABBREV.match(form)
            spelled = f"{full[m.group(1)]} {form[m.end():]}" if m and m.group(1) in full else ""
            if spelled and spelled not in a.aliases and spelled != a.name:
                a.aliases.append(spelled)
    return actors


_LEADING_ABBREV = re.compile(r"^([A-Z]{2,3}) (?=\S)")


def _dotted_too(name: str, aliases: list[str]) -> list[str]:
    """The aliases, and each name or alias that opens with a short abbreviation also with it dotted
    ("UN refugee agency": "U.N. refugee agency"), as American wires write it."""
    out = list(aliases)
    for form in [name, *aliases]:
        m = _LEADING_ABBREV.match(form)
        dotted = "".join(f"{c}." for c in m.group(1)) + form[m.end() - 1:] if m else ""
        if dotted and dotted not in out and dotted != name:
            out.append(dotted)
    return out


def _states(data) -> list[GazActor]:
    """Every state: pycountry's names (ISO 3166, maintained) joined with what news writers call each
    one (states.yaml: usual names, demonyms, seats of government), and countries.yaml's older states
    and territories (Yugoslavia, Hong Kong). A name countries.yaml has long given a state stays its
    name, so that briefings made before keep their slugs ("Turkey", with "Türkiye" an alias)."""
    import pycountry  # noqa: PLC0415 (only when the gazetteer is first built)

    curated = yaml.safe_load(data.joinpath("states.yaml").read_text(encoding="utf-8"))
    older = yaml.safe_load(data.joinpath("countries.yaml").read_text(encoding="utf-8"))["countries"]
    code_of = {fold_key(n): code for code, st in curated.items() for n in [st["name"], *(st.get("aliases") or [])]}
    # A short name of pycountry's that lies inside another state's name ("Congo") names neither.
    curated_names = [fold_key(n) for st in curated.values() for n in [st["name"], *(st.get("aliases") or [])]]

    def ambiguous(name: str) -> bool:
        key = fold_key(name)
        return any(key != other and re.search(rf"\b{re.escape(key)}\b", other) for other in curated_names)

    out: dict[str, GazActor] = {}
    for code, st in curated.items():
        iso = pycountry.countries.get(alpha_3=code)
        official = [getattr(iso, attr, "") for attr in ("name", "common_name", "official_name")] if iso else []
        official = [n for n in official if n and "," not in n and "(" not in n and not ambiguous(n)]
        aliases = [*(st.get("aliases") or []), *official]
        out[code] = GazActor("", st["name"], "state", aliases, list(st.get("demonyms") or []),
                             list(st.get("capitals") or []), "State.")
    for line in older.strip().splitlines():
        cells = [c.strip() for c in line.split("|")] + ["", "", ""]
        name, aliases, demonyms, capitals = cells[0], _split(cells[1]), _split(cells[2]), _split(cells[3])
        code = next((code_of[k] for k in map(fold_key, [name, *aliases]) if k in code_of), name)
        known = out.get(code)
        if known is None:
            out[code] = GazActor("", name, "state", aliases, demonyms, capitals, "State.")
            continue
        if known.name != name:
            known.aliases.insert(0, known.name)
            known.name = name
        known.aliases.extend(aliases)
        known.demonyms.extend(demonyms)
        known.capitals.extend(capitals)
    for a in out.values():
        a.slug = slugify(a.name)
        # "the U.S." is matched as "U.S."; the article is not part of the name.
        a.aliases = _distinct([n[4:] if n.lower().startswith("the ") else n for n in a.aliases], exclude=a.name)
        a.demonyms, a.capitals = _distinct(a.demonyms), _distinct(a.capitals)
    return sorted(out.values(), key=lambda a: a.slug)


def _distinct(names: list[str], exclude: str = "") -> list[str]:
    """The names once each (folded for case and letters), in order, without `exclude`."""
    seen = {fold_key(exclude)} if exclude else set()
    kept = []
    for n in names:
        if fold_key(n) not in seen:
            seen.add(fold_key(n))
            kept.append(n)
    return kept


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (folded): the world's from gender-guesser's dictionary of some 48,000 names of
    every continent, and the region's own list (data/given_names.txt) for the spellings of its
    languages it lacks."""
    data = resources.files("sitegen.ingest").joinpath("data")
    words = set(_name_genders())
    for line in data.joinpath("given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.update(fold_key(w) for w in line.split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def regional_given_names() -> frozenset[str]:
    """The region's own list alone (data/given_names.txt), folded: names sure enough to tell a
    capitalised word before them from a name ("Enlargement Marta Kos")."""
    data = resources.files("sitegen.ingest").joinpath("data")
    return frozenset(fold_key(w) for line in data.joinpath("given_names.txt").read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#") for w in line.split())


def given_gender(name: str) -> str:
    """"female", "male" or "" (not known, or given to both) for a given name."""
    return _name_genders().get(fold_key(name), "")


@functools.lru_cache(maxsize=1)
def _name_genders() -> dict[str, str]:
    """gender-guesser's nam_dict.txt read once into {folded name: gender}: its lines give a sex code
    in the first columns and the name after it ("M  Aadam   …"; "+" joins the parts of a name
    written with a space or a hyphen), then a frequency per country from 1 (rare) to D. A name rare
    everywhere ("Effie", 1) tells nothing sure of its bearer's sex, so only names of frequency 2 or
    more anywhere keep theirs. A name listed with two sexes takes the one it is far more frequent
    with ("Juan": male, A in Spain, against unisex, 6 in China); about as frequent with both
    ("Andrea": 8 as a woman's name, 7 as a man's in Italy), it is given to both. Only the name and
    its sex are kept, not the per-country frequencies the package's own detector holds in memory."""
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    seen: dict[str, dict[str, int]] = {}  # folded name -> sex -> its highest frequency
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        code, _, rest = line.partition(" ")
        name = rest.split()[0] if rest.split() else ""
        if not name or len(name) < 2:
            continue
        sex = "female" if code in ("F", "1F", "?F") else "male" if code in ("M", "1M", "?M") else "both"
        freq = max((int(c, 16) for c in line[30:] if c in "0123456789ABCDEF"), default=0)
        if sex != "both" and freq <= 1:
            sex = "both"  # rare everywhere
        for form in {name.replace("+", ""), name.replace("+", "-")}:
            sexes = seen.setdefault(fold_key(form), {})
            sexes[sex] = max(sexes.get(sex, 0), freq)
    return {k: _likelier_sex(sexes) for k, sexes in seen.items()}


def _likelier_sex(sexes: dict[str, int]) -> str:
    """"female" or "male" when a name is given to that sex at least two frequency levels more
    often than to any other (or to both), else "" (given to both)."""
    ranked = sorted(sexes.items(), key=lambda kv: -kv[1])
    top, freq = ranked[0]
    if top == "both" or (len(ranked) > 1 and ranked[1][1] > freq - 2):
        return ""
    return top


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
            if form[:1].isupper() and (" " in form or form == "President") and not form.isupper():
                # "her former home minister Asaduzzaman Khan Kamal", "former president Igor Dodon"
                pairs.append((form.lower(), canon))
    pairs = list(dict.fromkeys(pairs))
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
    """Folded place name (capital, seat or country) -> display name, for event locations. Of two
    spellings of one name (Pristina, Priština), the first listed."""
    out: dict[str, str] = {}
    for a in builtin_actors():
        for c in a.capitals:
            if c not in ("Kremlin", "White House", "Downing Street"):
                out.setdefault(fold_key(c), c)
        if a.kind == "state":
            out[fold_key(a.name)] = a.name
    return out


# ------------------------------------------------------------------ matcher

@pickled_by_position
@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int  # exclusive, in the original text, possessive 's excluded
    surface: str
    slug: str
    atype: str  # name | abbrev | demonym | capital | surname
    place: bool = False  # a capital used as a place, not as the government


_GOV_PREV = Caseless(r"(?:\bofficial|\bby|\bwith|\bagainst|\bbetween|\btowards?|\bfor|\band|\bon|\bthat|\bwhile|\bbut|\bsays?|\bwarned|\bsaid|[;:,(\"“])\s*$")
_PLACE_PREV = Caseless(r"(?:\bin|\bat|\bnear|\boutside|\binside|\baround|\binto|\bacross|\bvia|\bvisited|\bvisit|\bvisiting"
                         r"|\btravel(?:led|ed|s)?\s+to|\bflew\s+to|\bstreets of|\bcentre of|\bcenter of|\bheld in|\bfrom|\bto"
                         r"|\barrived in|\breturned to|\bbased|-based)\s*$")
_COMM_NOUNS = Caseless(r"\b(?:message|messages|signal|response|criticism|pressure|support|appeal|call|calls|letter|reply"
                         r"|reaction|warning|ally|allies|ties|relations|approach|stance|policy|demands?)\s+(?:to|from)\s*$")
_VERBISH_NEXT = re.compile(
    r"^(?:'s\b|’s\b|\s+(?:has|have|had|is|was|were|are|will|would|could|can|should|must|did|does|do|may|might|"
    r"said|says|say|insisted|insists|rejected|rejects|condemned|condemns|accused|accuses|denied|denies|warned|warns|"
    r"announced|announces|reacted|reacts|responded|responds|wants|wanted|refused|refuses|backed|backs|supported|supports|"
    r"sees|saw|considers|considered|called|calls|urged|urges|welcomed|welcomes|criticised|criticized|argued|argues|"
    r"maintains|maintained|remains|remained|sent|sends|imposed|imposes|agreed|agrees|decided|decides|expects|expected|"
    r"hopes|hoped|claims|claimed|believes|believed|fears|feared|blamed|blames|demanded|demands|threatened|threatens|"
    r"also|still|never|now|and\s+\w+\s+(?:have|has|are|were|said|agreed))\b|,\s+(?:backed|supported|for its part|however|in turn))", re.I)


def alias_matcher(entries: list[tuple], stem_slugs: set[str] | None = None,
                  states: frozenset[str] = frozenset()) -> _NameMatcher:
    """The shared alias matcher (sitegen.names.match) over ingest's entries: (alias, slug, atype),
    (alias, slug, atype, lang) for an alias in that language only ("Srbija"), or (alias, slug,
    atype, lang, form) for a listed form found as it is and reported as the alias ("srpskog").
    Hits' values are (alias, slug, atype); a key several slugs share is ambiguous (resolution by
    the caller). Every alias may carry endings; names and surnames ending in a vowel of the actors
    in `stem_slugs` (people, states; every one when None), and of every alias in a language, are
    also found by their stems (Srbij-e, Kosov-ës; see sitegen.names.inflect). A capital
    (atype "capital") also brings its local names (data/local.yaml, local_capitals): "Beogradu"
    in an article in Serbian is found as "Belgrade". A state's abbreviation (`states`: their slugs)
    is found in capitals only: "SADR", not the name "Sadr"."""
    capitals = local_capitals()
    aliases = []
    for entry in entries:
        alias, slug, atype = entry[:3]
        lang = entry[3] if len(entry) > 3 else ""
        value = (alias, slug, atype)
        if len(entry) > 4:
            aliases.append(Alias(alias, value, lang, spelled=entry[4], ident=slug))
            continue
        inflects = bool(lang) or stem_slugs is None or slug in stem_slugs
        aliases.append(Alias(alias, value, lang, endings=True, stem=inflects and atype in ("name", "surname"),
                             ident=slug, capitals=atype == "abbrev" and slug in states))
        if atype == "capital" and not lang:
            # Its local names (Beograd, Belgrád), in their language only, with that language's
            # endings; a vowel-final one also by its stem (Tiran-i, Moskv-e). Reported as `alias`.
            for lg, form in capitals.get(fold_key(alias), ()):
                aliases.append(Alias(alias, value, lg, spelled=form, endings=True,
                                     stem=stems_inflect(lg), ident=slug))
    return _NameMatcher(aliases)


def capital_is_government(text: str, start: int, end: int, lang: str = "en") -> bool:
    """Is the capital at text[start:end] used for its government rather than as a place? In an
    article in one of the region's languages, by that language's words (local_place_kind)."""
    if lang != "en" and _place_words(lang) is not None:
        return not local_place_kind(text, start, end, lang)
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


_NEXT_WORD = re.compile(r"\s+(\w+)")


def demonym_is_state(text: str, start: int, end: int, lang: str = "en") -> bool:
    if lang != "en":
        nxt = _NEXT_WORD.match(text, end)
        if nxt is not None and fold_key(nxt.group(1)) in local_people_words(lang):
            return False
    before = text[max(0, start - 12):start]
    if re.search(r"\bethnic\s*$", before, re.I):
        return False
    after = text[end:end + 30]
    if re.match(r"-(?:speaking|majority|populated|dominated|language)\b", after):
        return False
    if re.match(r"\s+(?:Ocean|Sea|Gulf|Peninsula|Subcontinent|Basin|Plateau|Highlands|Desert|Strait)\b", after):
        return False  # "the Indian Ocean": a place's name
    # "Anglo-Australian": the second half of a compound with a non-state word.
    pm = re.search(r"([A-Za-z]+)-$", before)
    if pm and fold_key(pm.group(1)) not in alias_types():
        return False
    # "a German politician": nationality of a person, not the state acting.
    if re.match(r"\s+(?:politician|national|citizen|citizens|nationals|businessman|businesswoman|woman|man|writer|"
                r"lawyer|tourist|tourists|journalist|academic)\b", after):
        return False
    return True


# ------------------------------------------------------------------ the region's languages

@functools.lru_cache(maxsize=1)
def _local_data() -> dict:
    data = resources.files("sitegen.ingest").joinpath("data")
    return yaml.safe_load(data.joinpath("local.yaml").read_text(encoding="utf-8"))


def _pairs(text: str | None) -> list[tuple[str, list[str]]]:
    """'Name: a; b' lines as (name, [a, b])."""
    out = []
    for line in (text or "").strip().splitlines():
        name, _, forms = line.partition(":")
        if forms.strip():
            out.append((name.strip(), _split(forms)))
    return out


@functools.lru_cache(maxsize=1)
def local_names() -> tuple[tuple[str, str, str], ...]:
    """(built-in actor's name, language, local name) for the region's languages."""
    out = []
    for lang, sections in sorted(_local_data().items()):
        for name, forms in _pairs(sections.get("names")):
            out.extend((name, lang, f) for f in forms)
    return tuple(out)


# Adjective endings made by rule: sh from the -i dictionary form (srpsk-i, -og, -oj ...), de from the stem.
_ADJ_ENDINGS = {
    "sh": ("i", "a", "o", "e", "og", "oga", "om", "omu", "oj", "u", "ih", "im", "ima", "ome", "emu"),
    "de": ("", "e", "en", "er", "es", "em"),
}


@functools.lru_cache(maxsize=1)
def local_demonyms() -> dict[str, dict[str, tuple[str, str]]]:
    """language -> folded adjective form (with every ending) -> (the state's built-in name, the
    adjective's dictionary form)."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for lang, sections in sorted(_local_data().items()):
        table = out.setdefault(lang, {})
        for name, forms in _pairs(sections.get("demonyms")):
            for f in forms:
                key = fold_key(f)
                if lang == "sh" and key.endswith("i"):
                    keys = [key[:-1] + end for end in _ADJ_ENDINGS["sh"]]
                elif lang == "de":
                    keys = [key + end for end in _ADJ_ENDINGS["de"]]
                else:
                    keys = [key]
                for k in keys:
                    table.setdefault(k, (name, f))
    return out


@functools.lru_cache(maxsize=None)
def local_people_words(lang: str) -> frozenset[str]:
    """Folded words after which an adjective of `lang` is a nationality, not the state (local.yaml)."""
    sections = _local_data().get(lang) or {}
    return frozenset(fold_key(w) for w in (sections.get("people") or "").split())


@functools.lru_cache(maxsize=None)
def local_media_nouns(lang: str) -> frozenset[str]:
    """Folded nouns of `lang` after which a capitalised word names a news outlet (local.yaml)."""
    sections = _local_data().get(lang) or {}
    return frozenset(fold_key(w) for w in (sections.get("media") or "").split())


def local_demonym(lang: str, word: str) -> str:
    """The built-in name of the state an adjective of `lang` stands for ("srpskog" -> Serbia), or ""."""
    hit = local_demonyms().get(lang, {}).get(fold_key(word))
    return hit[0] if hit else ""


@dataclass(frozen=True)
class LocalTitle:
    form: str  # as written in the data ("ministar odbrane")
    role: str  # the English role ("Minister of Defence")
    oblique: bool  # sh: an oblique case form ("ministra odbrane"): the name after it is inflected


@functools.lru_cache(maxsize=None)
def local_titles(lang: str) -> tuple[LocalTitle, ...]:
    """The titles of one language, with (sh) the case forms of their first word; longest first."""
    sections = _local_data().get(lang) or {}
    cases: dict[str, list[str]] = {}
    for line in (sections.get("cases") or "").strip().splitlines():
        head, _, forms = line.partition(":")
        cases[fold_key(head)] = forms.split()
    out: dict[str, LocalTitle] = {}
    for line in (sections.get("titles") or "").strip().splitlines():
        left, _, role = line.partition("->")
        for form in _split(left):
            out.setdefault(form, LocalTitle(form, role.strip(), False))
            head, _, rest = form.partition(" ")
            for oblique in cases.get(fold_key(head), ()):
                f = f"{oblique} {rest}".strip()
                out.setdefault(f, LocalTitle(f, role.strip(), True))
    return tuple(sorted(out.values(), key=lambda t: (-len(t.form), t.form)))


@functools.lru_cache(maxsize=None)
def local_org_heads(lang: str) -> dict[str, tuple[str, str]]:
    """Folded form of an organisation's head noun (any case) -> (its nominative, its gender)."""
    sections = _local_data().get(lang) or {}
    out: dict[str, tuple[str, str]] = {}
    for line in (sections.get("org_heads") or "").strip().splitlines():
        head, _, forms = line.partition(":")
        word, _, gender = head.strip().partition(" ")
        for f in [word] + forms.split():
            out.setdefault(fold_key(f), (word, gender.strip()))
            out.setdefault(f, (word, gender.strip()))  # as written, for patterns
    return out


# ------------------------------------------------------------------ capitals in the region's languages

@functools.lru_cache(maxsize=1)
def local_capitals() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded English name of a capital -> its (language, local name) pairs (local.yaml `capitals`)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lang, sections in sorted(_local_data().items()):
        for name, forms in _pairs(sections.get("capitals")):
            out.setdefault(fold_key(name), []).extend((lang, f) for f in forms)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class _PlaceWords:
    place: frozenset[str]  # words before a capital that make it a place (folded)
    at: frozenset[str]  # ... and say something happened there
    conj: frozenset[str]  # words that continue a list
    place_endings: frozenset[str]  # Hungarian: endings that make it a place
    at_endings: frozenset[str]
    capitals: frozenset[str]  # folded names of capitals, English and local: where an ending begins


@functools.lru_cache(maxsize=None)
def _place_words(lang: str) -> _PlaceWords | None:
    sections = _local_data().get(lang) or {}
    if not any(sections.get(k) for k in ("place_words", "place_endings", "at_endings")):
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(fold_key(w) for w in str(sections.get(key) or "").split())

    caps = {fold_key(c) for a in builtin_actors() for c in a.capitals}
    caps |= {fold_key(f) for forms in local_capitals().values() for lg, f in forms if lg == lang}
    at = words("at_words")
    return _PlaceWords(words("place_words") | at, at, words("and_words") | {","}, words("place_endings"),
                       words("at_endings"), frozenset(caps))


_TOKENS = re.compile(r"\w+|,")
_NEXT_CAPITALISED = re.compile(r"\s+([^\W\d_])")


def local_place_kind(text: str, start: int, end: int, lang: str) -> str:
    """How an article in `lang` uses the capital at text[start:end]: "at" a place where something
    happens ("u Beogradu", "Belgrádban", "në Tiranë", "in Belgrad"), "place" another place ("iz
    Beograda", "Belgrádba", "nach Belgrad", "Belgrade Arena"), or "" its government ("Beograd je
    saopštio", "Belgrád szerint", "zahvalio Beogradu")."""
    pw = _place_words(lang)
    if pw is None:
        return ""
    if pw.at_endings or pw.place_endings:
        # The ending says it (Hungarian): what follows the longest capital's name the word begins with.
        word = fold_key(text[start:end])
        for i in range(len(word), 2, -1):
            if word[:i] in pw.capitals:
                ending = word[i:]
                if ending in pw.at_endings:
                    return "at"
                if ending in pw.place_endings:
                    return "place"
                break
    if pw.place:
        toks = _TOKENS.findall(text, max(0, start - 80), start)
        i = len(toks) - 1
        # "u Prištini, Skoplju i Beogradu": back over the list (of names) to the word before it.
        while i >= 2 and fold_key(toks[i]) in pw.conj and toks[i - 1][:1].isupper():
            i -= 2
        word = fold_key(toks[i]) if i >= 0 else ""
        if word in pw.place:
            return "at" if word in pw.at else "place"
    nxt = _NEXT_CAPITALISED.match(text, end)
    if nxt is not None and nxt.group(1).isupper():
        return "place"  # part of a longer name ("Beograd Arena") or a name's case form ("Bratislava Gašića")
    return ""


@functools.lru_cache(maxsize=None)
def _local_place_names(lang: str) -> dict[str, str]:
    out = dict(place_names())
    for key, forms in local_capitals().items():
        if key in out:
            for lg, form in forms:
                if lg == lang:
                    out.setdefault(fold_key(form), out[key])
    return out


def local_place_name(name: str, lang: str) -> str:
    """The display name (as place_names gives it) of a capital or state named `name` as such, in
    English or in `lang`'s nominative ("Beograd", "Београд", "Tiranë" -> Belgrade, Tirana), or ""."""
    return _local_place_names(lang).get(fold_key(name.strip()), "")
