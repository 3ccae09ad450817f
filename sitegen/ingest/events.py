"""Events: dated happenings found in sentences, merged across sources.

Each date expression in a sentence is paired with the nearest event word (signed, declaration,
met, visit, voted, bought, sanctions, bombing, announced ...). Its date is resolved against the
article's publication date at honest precision. Sentences that name the same kind of happening
without a date add participants and a place to that article's event. Events of the same kind,
date and overlapping participants from several sources are merged into one event that lists every
source with a short excerpt of what each says; a vaguer date of the same kind joins ("in March" for
18 March). An announcement joins a happening of another kind only when both have the same day
("announced on April 1, following the signing"); "an April announcement" stays a statement of its
own, dated to the month. A bare weekday ("Tuesday") in an article with no date is matched
against the days that other articles of its story give the same happening, which dates the article
(inferred, for review) and resolves its other relative dates; one whose day is still unknown is
matched against the merged events.

Articles in the region's other languages (lang.py: Serbo-Croatian in Latin or Cyrillic, Hungarian,
Albanian, German) are read with that language's event and date words as well (LocalWords, from
data/events.yaml): "potpisali su 1. aprila", "kedden aláírták", "të martën nënshkruan", "am Montag
empfangen". Their dates become the same DateMentions and are resolved by metadata.resolve as English
ones are; their trigger words stand for English glosses, which titles and the rules above use.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from sitegen.dates import PartialDate
from sitegen.ingest import gazetteer as gz
from sitegen.ingest.actors import ORG_WORDS, SPEECH_VERBS
from sitegen.ingest.attribution import attributions
from sitegen.ingest.clauses import (PARTICLES, SPEECH_LEMMAS, Verb, clause_bounds, date_scope, dated_verb, headline,
                                    forms_of, inside_quote, plural_noun, told_verb, verb_reading, verbs_in, when_verb,
                                    with_subject, without_date_remnant)
from sitegen.ingest.metadata import _TIME, DateMention, _valid, dateline_end, find_dates, resolve
from sitegen.ingest.referents import last_body, last_person
from sitegen.ingest.spans import mentions_between, places_between
from sitegen.ingest.types import MachineEntry, pickled_by_position
from sitegen.names import fold_key, fold_letters, fold_with_map, slugify

TRIGGERS: list[tuple[str, str]] = [
    ("agreement", r"sign(?:ed|ing|s)?|inked|concluded|agreement|deal|pact|treaty|accord|memorandum|contract|partnership"),
    ("declaration", r"declaration|declared|proclaimed|strategy|adopted"),
    ("meeting", r"met|meets|meeting|talks|summit|consultations|conference"),
    ("visit", r"visit(?:ed|ing|s)?|trip|toured|arrived"),
    ("vote", r"vot(?:e|ed|es|ing)|referendum|elections?|elected|resolution"),
    ("transaction", r"bought|buy(?:s|ing)?|purchase[ds]?|acquired|acquisition"),  # ("ordered": most often a command)
    ("sanction", r"sanction(?:s|ed)?|blacklist(?:ed)?"),
    ("military action", r"bomb(?:ing|ed|s)?|invasion|invaded|attack(?:ed|s)?|air ?strikes?|offensive|shelling|clashes|"
                        r"war|genocide|massacre|air campaign|campaign|deployed|exercises?|drills"),
    ("statement", r"announced|announcement|announces|warned|condemned|described|statement"),
    ("other", r"sentenced|convicted|verdict|ruling|ruled|arrested|protests?|resigned|appointed|killed|collapsed?"
              r"|joined|joins|membership|coups?|takeovers?|uprisings?|revolutions?|independence|earthquake|quake|floods?"
              r"|riots?|crackdown"),
]
_TRIG_RX = re.compile("|".join(rf"(?P<k{i}>\b(?:{rx})\b)" for i, (_, rx) in enumerate(TRIGGERS)), re.I)
_KIND_OF = {f"k{i}": kind for i, (kind, _) in enumerate(TRIGGERS)}


def _trigger_first_words() -> set[str] | None:
    words: set[str] = set()
    for _, rx in TRIGGERS:
        lang = gz.finite_language(rx)
        if lang is None:
            return None
        for phrase in lang:
            first = re.match(r"\w+", phrase)
            if first is None:
                return None
            words.add(first.group().lower())
    return words


_TRIG = gz.WordScanner(_TRIG_RX, _trigger_first_words())


# ------------------------------------------------------------------ the region's languages

_WORD = re.compile(r"\w+")
_NOTHING = object()
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]|20)\d\d"
_MEMO_MAX = 50_000  # words remembered per language (a corpus's vocabulary can be far larger)


def _entries(value, phrases: bool = False) -> list[str]:
    """A data list: phrases separated by ";" (always when `phrases`), or else words separated by
    spaces; folded."""
    text = str(value or "")
    parts = text.split(";") if phrases or ";" in text else text.split()
    return [" ".join(fold_letters(x).split()) for x in parts if x.strip()]


def _expand(entry: str) -> set[str]:
    """The strings a data entry stands for ("sasta(o|la)" -> sastao, sastala)."""
    if not re.search(r"[()|?]", entry):
        return {entry}
    found = gz.finite_language(entry)
    if found is None:
        raise ValueError(f"events.yaml: {entry!r} is not a small pattern")
    return found


def _phrase_rx(phrases) -> str:
    """An alternation of phrases, the longest first, any run of spaces between their words."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=lambda p: (-len(p), p)))


class LocalWords:
    """The event and date words of one of the region's languages (data/events.yaml), compiled once.

    Text is read folded (lower case, no diacritics, Cyrillic in Latin letters: sitegen.names.fold_with_map),
    so the lists hold one spelling of each word; positions are mapped back to the text as written."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        # Trigger words: whole words, beginnings (potpis*) and endings (*abkommen) -> (kind, gloss).
        self.words: dict[str, tuple[str, str] | None] = {}
        self.starts: dict[str, tuple[str, str] | None] = {}
        self.ends: dict[str, tuple[str, str] | None] = {}
        for kind, glosses in (data.get("triggers") or {}).items():
            for gloss, value in glosses.items():
                for entry in _entries(value):
                    self._add(entry, (kind, gloss))
        for entry in _entries(data.get("not")):
            self._add(entry, None)
        self.start_lens = sorted({len(k) for k in self.starts}, reverse=True)
        self.end_lens = sorted({len(k) for k in self.ends}, reverse=True)
        self.memo: dict[str, tuple[str, str] | None] = {}

        self.months = self._numbered(data.get("months"))
        self.weekdays = self._numbered(data.get("weekdays"))
        endings = _entries(data.get("month_alone_endings"))
        self.month_alone = frozenset(f for f in self.months for e in endings if f.endswith(e)
                                     and self.months.get(f[:-len(e)]) == self.months[f])
        self.month_before = frozenset(_entries(data.get("month_before")))
        self.month_after = frozenset(_entries(data.get("month_after")))
        self.wd_before = {w: mod for mod, v in (data.get("weekday_before") or {}).items()
                          for e in _entries(v) for w in _expand(e)}
        after = {mod: [w for e in _entries(v, phrases=True) for w in _expand(e)]
                 for mod, v in (data.get("weekday_after") or {}).items()}
        self.wd_after = [(re.compile(rf"\s+(?:{_phrase_rx(ws)})\b"), mod) for mod, ws in after.items()]
        self.numbers = {fold_letters(str(k)): int(v) for k, v in (data.get("numbers") or {}).items()}
        self.units = {w: unit for unit, v in (data.get("units") or {}).items() for e in _entries(v) for w in _expand(e)}
        self.future = re.compile(rf"\b(?:{self._alternation(data.get('future'))})\b") if data.get("future") else None
        until = data.get("until_before")
        self.until_before = re.compile(rf"\b(?:{self._alternation(until)})\s+$") if until else None
        until = data.get("until_after")
        self.until_after = re.compile(rf"^(?:{self._alternation(until)})\b") if until else None
        self.labels = frozenset(_entries(data.get("date_line_labels")))
        self.joins = frozenset(_entries(data.get("month_year_joins"), phrases=True))

        # Relative expressions: plain phrases (group r) and templates with a number (t<i>).
        self.templates: dict[str, str] = {}  # group -> later | ago | earlier
        plain: dict[str, str] = {}
        alts = []
        num = "|".join([r"\d{1,3}"] + [re.escape(w) for w in sorted(self.numbers, key=len, reverse=True)])
        unit = _phrase_rx(self.units)
        for rel, value in (data.get("relative") or {}).items():
            for entry in _entries(value, phrases=True):
                if "{n}" in entry:
                    g = f"t{len(self.templates)}"
                    self.templates[g] = rel
                    rx = r"\s+".join(re.escape(w) if not re.search(r"[{()|?]", w) else w for w in entry.split())
                    rx = rx.replace("{n}", f"(?P<{g}n>{num})").replace("{unit}", f"(?:{unit})")
                    alts.append(f"(?P<{g}>{rx})")
                else:
                    for phrase in _expand(entry):
                        plain[phrase] = rel
        self.rel_of = plain  # phrase -> the English phrase resolve() knows
        if plain:
            alts.append(f"(?P<r>{_phrase_rx(plain)})")
        mon = _phrase_rx(self.months)
        wd = _phrase_rx(self.weekdays)
        branches = [rf"(?P<dmy>(?P<d1>{_DAY})(?:\.\s*|\s+)(?P<m1>{mon})\b\.?(?:,?\s+(?P<y1>{_YEAR})\b\.?)?)"]
        if data.get("date_order") == "ymd":
            # 2025. május 23., május 23-án, 2025 áprilisában
            branches += [rf"(?P<ymd>(?P<y2>{_YEAR})\.?\s+(?P<m2>{mon})\s+(?P<d2>{_DAY})(?!\d)(?:\.(?!\d)|-[a-z]+)?)",
                         rf"(?P<ym>(?P<y3>{_YEAR})\.?\s+(?P<m3>{mon})\b)",
                         rf"(?P<md>(?P<m4>{mon})\s+(?P<d4>{_DAY})(?![\d,.]?\d)(?:\.|-[a-z]+)?)"]
        joins = f"(?:(?:{_phrase_rx(self.joins)})\\s+)?" if self.joins else ""
        branches += [rf"(?P<my>(?P<m5>{mon})\b\.?,?\s+{joins}(?P<y5>{_YEAR})\b\.?)",
                     *alts,
                     rf"(?P<mon>{mon})",
                     rf"(?P<wd>{wd})"]
        self.dates_rx = re.compile(r"\b(?:" + "|".join(branches) + r")\b")
        # The words a date expression can begin with (besides a number): the regex is tried only there.
        firsts = set(self.months) | set(self.weekdays) | {p.split()[0] for p in plain} | set(self.numbers)
        for entry in (e for v in (data.get("relative") or {}).values() for e in _entries(v, phrases=True)):
            first = entry.split()[0]
            if "{" not in first:
                firsts |= _expand(first)
        self.date_firsts = frozenset(w.split()[0] for w in firsts)

    def _add(self, entry: str, hit: tuple[str, str] | None) -> None:
        if entry.endswith("*"):
            self.starts.setdefault(entry[:-1], hit)
        elif entry.startswith("*"):
            self.ends.setdefault(entry[1:], hit)
        else:
            for w in _expand(entry):
                self.words.setdefault(w, hit)

    @staticmethod
    def _numbered(table) -> dict[str, int]:
        return {w: int(n) for n, v in (table or {}).items() for e in _entries(v) for w in _expand(e)}

    @staticmethod
    def _alternation(value) -> str:
        """A regex of a data list of words or phrases; "word*" stands for the words that begin so."""
        alts = []
        for e in _entries(value):
            words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else w for w in e.split()]
            alts.append(r"\s+".join(words))
        return "|".join(alts)

    # -------------------------------------------------------------- triggers

    def lookup(self, word: str) -> tuple[str, str] | None:
        """(kind, gloss) of a folded word, or None."""
        hit = self.memo.get(word, _NOTHING)
        if hit is not _NOTHING:
            return hit
        hit = self.words.get(word, _NOTHING)
        if hit is _NOTHING:
            hit = None
            n = len(word)
            for k in self.start_lens:
                if k <= n and word[:k] in self.starts:
                    hit = self.starts[word[:k]]
                    break
            else:
                for k in self.end_lens:
                    if k < n and word[-k:] in self.ends:
                        hit = self.ends[word[-k:]]
                        break
        if len(self.memo) >= _MEMO_MAX:
            self.memo.clear()
        self.memo[word] = hit
        return hit

    def read(self, text: str) -> tuple[list, list, bool]:
        """A sentence's triggers [(start, end, kind, gloss)], its date mentions and whether it speaks of
        the future."""
        folded, fmap = fold_with_map(text)
        trig, starts = self._words(folded, fmap)
        dates = self._dates(text, folded, fmap, starts) if starts else []
        return trig, dates, bool(dates and self.future and self.future.search(folded))

    def triggers(self, text: str) -> list[tuple[int, int, str, str]]:
        folded, fmap = fold_with_map(text)
        return self._words(folded, fmap)[0]

    def _words(self, folded: str, fmap) -> tuple[list[tuple[int, int, str, str]], list[int]]:
        """One pass over the words: the triggers, and where a date expression may begin."""
        out = []
        starts = []
        lookup = self.lookup
        firsts = self.date_firsts
        for m in _WORD.finditer(folded):
            w = m.group()
            if w in firsts or w[0].isdigit():
                starts.append(m.start())
            hit = lookup(w)
            if hit is not None:
                s, e = m.span()
                if fmap is not None:
                    s, e = fmap[s], fmap[e - 1] + 1
                out.append((s, e, hit[0], hit[1]))
        return out, starts

    def refine(self, kind: str, trig) -> str:
        """_kind_refine for this language, from the triggers of the window."""
        glosses = {t[3] for t in trig}
        if kind == "agreement" and "declaration" in glosses:
            return "declaration"
        if kind == "meeting" and "visit" in glosses:
            return "visit"
        if kind == "agreement" and glosses & {"bought", "purchase"}:
            return "transaction"
        return kind

    # -------------------------------------------------------------- dates

    def dates(self, text: str) -> list:
        """The date expressions of this language in a text (DateMentions, as metadata.find_dates gives)."""
        folded, fmap = fold_with_map(text)
        return self._dates(text, folded, fmap, self._words(folded, fmap)[1])

    def _dates(self, text: str, folded: str, fmap, starts: list[int]) -> list:
        def orig(s: int, e: int) -> tuple[int, int]:
            return (fmap[s], fmap[e - 1] + 1) if fmap is not None else (s, e)

        out: list[DateMention] = []
        for m in gz.matches_at(self.dates_rx, folded, starts):
            g = m.groupdict()
            s, e = orig(*m.span())
            found = None
            if g["dmy"]:
                d, mo, y = int(g["d1"]), self.months[" ".join(g["m1"].split())], g["y1"]
                if _valid(int(y or 2000), mo, d):
                    found = DateMention(s, e, "", "full" if y else "day_month", int(y) if y else None, mo, d)
            elif g.get("ymd"):
                y, mo, d = int(g["y2"]), self.months[g["m2"]], int(g["d2"])
                if _valid(y, mo, d):
                    found = DateMention(s, e, "", "full", y, mo, d)
            elif g.get("ym"):
                found = DateMention(s, e, "", "month_year", int(g["y3"]), self.months[g["m3"]])
            elif g.get("md"):
                mo, d = self.months[g["m4"]], int(g["d4"])
                if _valid(2000, mo, d):
                    found = DateMention(s, e, "", "day_month", None, mo, d)
            elif g["my"]:
                found = DateMention(s, e, "", "month_year", int(g["y5"]), self.months[g["m5"]])
            elif g["mon"]:
                form = g["mon"]
                prev = re.search(r"(\w+)\s+$", folded[max(0, m.start() - 20):m.start()])
                nxt = re.match(r"\s+(\w+)", folded[m.end():m.end() + 20])
                if form in self.month_alone or (prev and prev.group(1) in self.month_before) or (
                        nxt and nxt.group(1) in self.month_after):
                    found = DateMention(s, e, "", "month", None, self.months[form])
            elif g["wd"]:
                mod = ""
                prev = re.search(r"(\w+)\s+$", folded[max(0, m.start() - 20):m.start()])
                if prev and prev.group(1) in self.wd_before:
                    mod = self.wd_before[prev.group(1)]
                    s = orig(prev.start(1) + max(0, m.start() - 20), m.end())[0]
                for rx, amod in self.wd_after:
                    after = rx.match(folded, m.end())
                    if after:
                        mod, e = amod, orig(m.start(), after.end())[1]
                        break
                found = DateMention(s, e, "", "weekday", weekday=self.weekdays[g["wd"]], mod=mod)
            elif g.get("r"):
                found = DateMention(s, e, "", "relative", rel=self.rel_of[" ".join(g["r"].split())])
            else:
                for name, direction in self.templates.items():
                    if g.get(name):
                        n_text = g[name + "n"]
                        prev = re.search(r"(\w+)\s+$", folded[max(0, m.start() - 20):m.start()])
                        if prev and prev.group(1) in self.numbers:
                            break  # "dvadeset pet godina": a number of several words, not read
                        n = int(n_text) if n_text.isdigit() else self.numbers[n_text]
                        unit = next((self.units[w] for w in g[name].split() if w in self.units), "year")
                        if unit == "decade":
                            n, unit = n * 10, "year"
                        found = DateMention(s, e, "", "relative", rel=f"{unit} {direction}", n=n)
                        break
            if found is not None:
                found.text = text[found.start:found.end]
                out.append(found)
        return self._month_with_year(out, text)

    def _month_with_year(self, found: list, text: str) -> list:
        """"u martu prošle godine", "tavaly márciusban": a month and the year it is said to be in."""
        out: list = []
        for dm in found:
            prev = out[-1] if out else None
            between = " ".join(fold_letters(text[prev.end:dm.start]).split()) if prev is not None else ""
            if prev is not None and (not between or between in self.joins) and \
                    {prev.kind, dm.kind} == {"month", "relative"}:
                month, rel = (prev, dm) if prev.kind == "month" else (dm, prev)
                if rel.rel in ("last year", "this year", "next year"):
                    month.rel = rel.rel
                    month.start, month.end = prev.start, dm.end
                    month.text = text[month.start:month.end]
                    out[-1] = month
                    continue
            out.append(dm)
        return out

    def merge(self, english: list, local: list) -> list:
        """This language's date mentions and the English finder's (ISO and dotted dates, bare years)
        where they do not overlap, in text order."""
        if not local:
            return english
        kept = [d for d in english if not any(d.start < x.end and x.start < d.end for x in local)]
        return sorted(local + kept, key=lambda d: d.start)

    def deadline(self, text: str, dm) -> bool:
        """A year that is a deadline ("do 2027. godine", "2027-re"), not the date of a happening."""
        if self.until_before is not None and self.until_before.search(fold_letters(text[max(0, dm.start - 12):dm.start])):
            return True
        return self.until_after is not None and bool(self.until_after.match(fold_letters(text[dm.end:dm.end + 6])))

    def date_line(self, line: str) -> PartialDate | None:
        """A header line that is a place and a date, or a label and a date ("Beograd, 1. aprila 2025.",
        "Objavljeno: 20. jun 2025.", "Budapest, 2025. május 23."): its date."""
        if len(line) > 80 or not re.search(_YEAR, line):
            return None
        line = re.sub(_TIME, " ", line, flags=re.I)  # "14:35", as metadata's date lines
        full = [d for d in self.dates(line) if d.kind == "full"]
        if len(full) != 1:
            return None
        d = full[0]
        rest = [w for w in _WORD.findall(fold_letters(line[:d.start] + " " + line[d.end:]))
                if w not in self.labels and w not in self.weekdays]
        if len(rest) > 2 or sum(map(len, rest)) > 20 or any(w.isdigit() for w in rest):
            return None
        return PartialDate(d.year, d.month, d.day)


def _load_local() -> dict[str, LocalWords]:
    import yaml
    from importlib import resources

    text = resources.files("sitegen.ingest").joinpath("data", "events.yaml").read_text(encoding="utf-8")
    return {lang: LocalWords(lang, data) for lang, data in yaml.safe_load(text).items()}


LOCAL: dict[str, LocalWords] = _load_local()  # language -> its words; English has none here


def local_words(lang: str) -> LocalWords | None:
    """The event and date words of a language of the region other than English, or None."""
    return LOCAL.get(lang)


def local_date_line(paragraphs: list[str], lang: str) -> tuple[int, PartialDate] | None:
    """The first of an article's opening paragraphs that is a date line in its language, and its date."""
    words = LOCAL.get(lang)
    if words is None:
        return None
    for i, p in enumerate(paragraphs[:4]):
        d = words.date_line(p.strip())
        if d is not None:
            return i, d
    return None
_OBJECT_NOUNS = r"(?:agreement|plan|deal|pact|declaration|treaty|memorandum|contract|partnership|strategy|resolution|policy|" \
                r"accord|document|protocol|law|programme|program|roadmap|charter|alliance)"
_STRIP_ADJ = frozenset("a an the their its his her this that new ambitious separate historic landmark major comprehensive "
                       "broad wide-ranging formal signed so-called first second".split())


@pickled_by_position
@dataclass(slots=True)
class EvCand:
    doc: int
    source: str
    kind: str
    date: PartialDate | None
    sentence: str
    sent_index: int
    participants: set[str]
    location: str = ""
    obj: str = ""
    trigger: str = ""
    weekday: int | None = None  # an unresolved bare weekday
    year_hint: int | None = None
    pos: int = 0
    headline: str = ""  # the clause told as a headline (English)
    lemma: str = ""  # the lemma of the verb that tells it (English)
    # The words that name the happening its date belongs to ("military takeover"), or the clause of
    # the verb the date dates when the kind came from a word of another clause: a title either way.
    named: str = ""


@dataclass
class EventDraft:
    """An event as extraction builds it up (merging candidates, then naming and describing it):
    a working record, turned into the entry written to content/ by entry(). Not sitegen.model.Event,
    the entry as the site reads it."""

    slug: str = ""
    title: str = ""
    date: PartialDate | None = None
    kind: str = "other"
    location: str = ""
    participants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)
    disagreements: list[dict] = field(default_factory=list)
    cands: list[EvCand] = field(default_factory=list)
    body: str = ""

    def entry(self) -> MachineEntry:
        meta: dict = {}
        meta["title"] = self.title
        meta["date"] = self.date.iso() if self.date else ""
        meta["kind"] = self.kind
        meta["location"] = self.location
        meta["participants"] = list(self.participants)
        meta["sources"] = list(self.sources)
        meta["accounts"] = [dict(a) for a in self.accounts]
        if self.disagreements:
            meta["disagreements"] = self.disagreements
        return MachineEntry("events", self.slug, meta, self.body + "\n" if self.body else "", [])


def _kind_refine(kind: str, window: str) -> str:
    low = window.lower()
    if kind in ("agreement", "statement", "other") and re.search(r"\bdeclaration\b", low) and kind == "agreement":
        return "declaration"
    if kind == "meeting" and re.search(r"\bvisit", low):
        return "visit"
    if kind == "agreement" and re.search(r"\b(?:bought|buy|purchase|purchased)\b", low):
        return "transaction"
    return kind


def _object_phrase(sentence: str, pos: int) -> str:
    """The document-like noun phrase nearest to pos ("defence cooperation plan")."""
    best = None
    for m in re.finditer(rf"\b{_OBJECT_NOUNS}\b", sentence, re.I):
        dist = abs(m.start() - pos)
        if best is None or dist < best[0]:
            best = (dist, m)
    if best is None or best[0] > 120:
        return ""
    m = best[1]
    before = sentence[:m.start()].split()
    mods = []
    for w in reversed(before[-5:]):
        wc = w.strip(",;:“”\"'’()")
        if not wc or w.endswith((",", ";", ":")) or wc.lower() in ("of", "on", "by", "for", "to", "in", "and", "with", "as", "is", "was", "which", "that"):
            break
        if re.fullmatch(r"(?:19|20)\d\d", wc):
            break
        if wc.lower() in _STRIP_ADJ:
            break
        mods.insert(0, wc)
        if len(mods) == 3:
            break
    head = m.group(0)
    if head.lower() == "resolution":
        mods = []
    after = re.match(r"\s+on\s+(?:the\s+)?((?:[\w-]+\s+){0,3}[\w-]+)", sentence[m.end():])
    words = mods + [head]
    if head.lower() in ("resolution", "policy", "law") and after:
        words += ["on"] + after.group(1).split()
    of = re.match(r"\s+of\s+((?:[a-z-]+\s+)?[a-z-]+)\b", sentence[m.end():])
    if head.lower() in ("policy", "strategy") and of:
        words += ["of"] + of.group(1).split()
    phrase = " ".join(words)
    phrase = re.sub(r"(?:'s|’s)\b", "", phrase)
    return phrase.strip()


def _location(doc, sent, window_start: int, window_end: int) -> str:
    lang = getattr(doc, "lang", "en")
    if lang != "en":
        return _local_location(doc, sent, window_start, window_end, lang)
    for p in places_between(doc, sent.start, sent.end + 1):
        before = doc.text[max(0, p.start - 12):p.start]
        if re.search(r"\b(?:in|at)\s+$", before):
            return gz.place_names().get(fold_key(p.surface), p.surface)
    m = re.search(r"\bin the (?:\w+ )?(?:town|city|village|resort|capital) of ([A-Z][\w-]+(?: [A-Z][\w-]+)?)", sent.text)
    if m:
        return m.group(1)
    for m in re.finditer(r"\bin ([A-Z][\w-]+(?: [A-Z][\w-]+)?)", sent.text):
        name = m.group(1)
        if fold_key(name) in gz.place_names():
            return gz.place_names()[fold_key(name)]
    return ""


def _local_location(doc, sent, window_start: int, window_end: int, lang: str) -> str:
    """The capital an article in `lang` says the sentence's happening took place in ("u Beogradu",
    "Belgrádban", "në Tiranë", "in Belgrad"): the first among the event's words (the window)."""
    lo, hi = sent.start + window_start, sent.start + window_end
    for p in places_between(doc, lo, hi):
        if p.end <= hi and gz.local_place_kind(doc.text, p.start, p.end, lang) == "at":
            return gz.place_names().get(fold_key(p.surface), p.surface)
    return ""


_ANAPHORIC_VISIT = re.compile(r"^(?:The|This|That|His|Her|Their|During the|During his|During her)\s+"
                              r"(?:(?:\w+[ -]){0,2})(?:visit|trip)\b")


def _context(doc, sent) -> str:
    """The sentence's paragraph, and the next sentence when it refers back to the happening
    ("The visit, part of ...")."""
    get = getattr(doc, "paragraph", None)
    if get is not None:
        para = get(sent.para)
        if para is None:
            para = sent.text
    else:
        para = doc.paragraphs[sent.para] if 0 <= sent.para < len(doc.paragraphs) else sent.text
    nxt = doc.sentences[sent.index + 1].text if sent.index + 1 < len(doc.sentences) else ""
    if nxt and _ANAPHORIC_VISIT.match(nxt):
        return para + " " + nxt
    return para


def _says_visit(text: str, local: LocalWords | None = None) -> bool:
    if local is not None:
        return local.refine("meeting", local.triggers(text)) == "visit"
    return _kind_refine("meeting", text) == "visit"


def _context_says_visit(doc, sent, seen: dict, local: LocalWords | None = None) -> bool:
    """_kind_refine("meeting", _context(doc, sent)) == "visit", with each paragraph searched once
    (`seen` keeps the answers) rather than once for each of its sentences. `local`: the words of the
    article's language when it is not English."""
    get = getattr(doc, "paragraph", None)
    if get is None:
        return _says_visit(_context(doc, sent), local)
    key = ("paragraph", sent.para)
    found = seen.get(key)
    if found is None:
        para = get(sent.para)
        if para is None:
            found = _says_visit(sent.text, local)  # no such paragraph: _context takes the sentence
        else:
            found = seen[key] = _says_visit(para, local)
    if found:
        return True
    if local is not None:
        return False  # (the next sentence's "The visit, ..." is English)
    nxt = doc.sentences[sent.index + 1].text if sent.index + 1 < len(doc.sentences) else ""
    # "visit" cannot span the space that joins the paragraph and the next sentence.
    return bool(nxt) and bool(_ANAPHORIC_VISIT.match(nxt)) and _says_visit(nxt)


_REPORT_VERBS = (SPEECH_VERBS[:-1] + r"|thank(?:ed|s)?|prais(?:ed|es)|hail(?:ed|s)|remind(?:ed|s)"
                 r"|mention(?:ed|s)|point(?:ed|s) out|took the opportunity to \w+|expressed (?:his|her) gratitude)")
_SUBJECT_OF_REPORT = re.compile(rf"^(?:'s|’s)?\s*(?:also\s+|then\s+|later\s+|has\s+|had\s+|once\s+)*{_REPORT_VERBS}\b")
_OBJECT_OF_THANKS = re.compile(r"\b(?:thank(?:ed|s)?|prais(?:ed|es)|commend(?:ed|s)?|hail(?:ed|s)?)\s+"
                               r"(?:(?:the\s+)?[A-Z][\w'’.-]*\s+){0,3}$")


def _bystanders(doc, registry, sent) -> set[str]:
    """People in a sentence who only report, recall or thank ("Vucic noted ...", "he thanked
    Prime Minister Viktor Orban for ...")."""
    out = set()
    for m in mentions_between(doc, sent.start, sent.end):
        a = registry.actors.get(m.slug)
        if a is None or a.kind != "person":
            continue
        after = doc.text[m.end:min(sent.end, m.end + 60)]
        before = doc.text[max(sent.start, m.start - 60):m.start]
        if _SUBJECT_OF_REPORT.match(after) or _OBJECT_OF_THANKS.search(before):
            out.add(m.slug)
    return out


def _participants(doc, registry, lo: int, hi: int, skip: list[tuple[int, int]] = ()) -> set[str]:
    """The actors named in doc.text[lo:hi]; those in the `skip` spans (who reports it) only when no
    other is named (who reports a happening nobody is named in is its one witness to the reader)."""
    out, skipped = set(), set()
    for m in mentions_between(doc, lo, hi):
        a = registry.actors.get(m.slug)
        if a and a.kind != "media":
            (skipped if any(a0 <= m.start < b0 for a0, b0 in skip) else out).add(m.slug)
    return out or skipped


def _reporters(sent, pos: int) -> list[tuple[int, int]]:
    """Where the sentence names who tells what lies at sent.text[pos] ("An explosion killed 40
    people, governor Mohammad Ashouri said"): the subjects of the attributions whose words hold pos,
    in the document's positions. Who tells a happening takes no part in it."""
    s = sent.text
    forms = _reporting_forms()
    if not any(w in forms for w in _WORD.findall(s.lower())):
        return []
    return [(sent.start + a.subject[0], sent.start + a.subject[1]) for a in attributions(s)
            if a.subject and a.lemma in _REPORTING and a.said[0] <= pos < a.said[1]]


# Verbs that report what happened (not "accused", "denied": those take a stance on it).
_REPORTING = frozenset("say tell add state report write note announce confirm".split())


@functools.lru_cache(maxsize=1)
def _reporting_forms() -> frozenset[str]:
    return forms_of(_REPORTING)


def _verb_gap(v: Verb, dm: DateMention) -> int:
    """How far a verb is from a date, as _gap measures a trigger's distance."""
    return dm.start - v.end if v.end <= dm.start else v.start - dm.end


def _own_clause(s: str, verb: Verb, dates: list) -> str:
    """The headline of the clause of the verb a date dates, when it tells a happening; else ""."""
    told = headline(s, told_verb(s, verb, [(d.start, d.end) for d in dates]), [(d.start, d.end) for d in dates])
    return told if tells_happening(told) and _well_formed(without_date_remnant(told)) else ""


def _gap(t: tuple, dm: DateMention, s: str) -> float:
    """How far trigger t is from date dm in sentence s; a year written right before a noun ("the
    1999 Nato bombing") binds to it."""
    if t[0] >= dm.end:
        gap = t[0] - dm.end
        if gap <= 3 and dm.kind in ("year", "month", "month_year"):
            return 0  # "an April announcement", "the 1999 bombing"
        if dm.kind == "year" and gap <= 30 and not re.search(r"[,;]", s[dm.end:t[0]]):
            gap = gap / 4
    else:
        gap = dm.start - t[1]
    if t[2] == "statement":
        gap += 45
    return gap


_YEAR_OF_HAPPENING = re.compile(r"\b(?:in|since|during|by early|by late|early|late|mid-?)\s*$", re.I)


def tells_happening(headline: str) -> bool:
    """Whether a clause told as a headline tells a happening whoever acts in it: a thing that did
    something ("Truce collapses", "Clashes break out", "The quake struck central Myanmar"), not a
    pronoun's act the article does not say whose ("It continues") nor a clause without its subject."""
    words = headline.split()
    if len(words) >= 4:
        return True
    return len(words) >= 2 and headline[:1].isupper() and words[0].lower() not in _PRONOUN_SUBJECTS


_PRONOUN_SUBJECTS = frozenset("he she it they we i you this that these those there who which".split())


def _verb_candidate(doc, registry, sent, dm: DateMention, dates: list, resolved, weekday, ref) -> EvCand | None:
    """A happening told by any verb: the verb the date dates in its clause ("stormed the camp last
    Sunday"), of the kind its word names or "other". A bare year dates a verb only as "in 2023", or
    that of a "when" clause after it."""
    s = sent.text
    if dm.kind == "year" and not _YEAR_OF_HAPPENING.search(s[max(0, dm.start - 12):dm.start]) \
            and when_verb(s, dm.end) is None:
        return None  # (but "the outcome of 2020, when Chakwera won a rerun" tells what 2020 holds)
    verb = dated_verb(s, dm.start, dm.end)
    if verb is not None:
        verb = told_verb(s, verb, [(d.start, d.end) for d in dates])
    verb = _when_told(s, dm, verb, dates)
    if verb is None or inside_quote(s, verb.start):
        return None  # what someone is quoted saying is a statement, not a happening the article reports
    lo, hi = clause_bounds(s, verb.start)
    lo, hi = min(lo, dm.start), max(hi, dm.end)
    parts = _participants(doc, registry, sent.start + lo, sent.start + hi, _reporters(sent, verb.start))
    told, who = _told(doc, registry, sent, verb, dates)
    return EvCand(doc.index, doc.slug, _verb_kind(verb), resolved, s, sent.index, parts | who,
                  _location(doc, sent, lo, hi), "", verb.word.lower(), weekday,
                  ref.year if ref else None, sent.start + dm.start, told, verb.lemma)


def _clause_between(s: str, trigger: tuple, dm: DateMention) -> bool:
    """Whether a clause of its own opens between a trigger word and a later date, with its verb
    before the date ("the junta leader who seized power in 2021", "a dispute that began when
    troops crossed the river in 2019"): the date is that clause's."""
    if trigger[1] > dm.start:
        return False
    opener = None
    for opener in _CLAUSE_OPENER.finditer(s, trigger[1], dm.start):
        pass
    return opener is not None and any(v.tag in ("VBD", "VBZ", "VBP", "VBN")
                                      for v in verbs_in(s, opener.end(), dm.start))


_CLAUSE_OPENER = re.compile(r"\b(?:when|after|before|since|because|while|until|who|which|whom|whose)\s", re.I)


def _scheduled(s: str, dm: DateMention) -> bool:
    """Whether a verb in the present tells what the date holds, a thing scheduled ("when the new
    Congress sits on December 10", "the museum reopens on Wednesday"): news tells what happened in
    the past tense. Not a verb of saying ("says on Monday" is news of the day)."""
    m = _PRESENT_BEFORE.search(s, max(0, dm.start - 24), dm.start)
    if m is None:
        return False
    reading = verb_reading(m.group(1))
    return reading is not None and reading[1] == "VBZ" and reading[0] not in SPEECH_LEMMAS


_PRESENT_BEFORE = re.compile(r"\b([a-z]+s)\s+(?:(?:on|in)\s+)?$")


def _when_told(s: str, dm: DateMention, verb: Verb | None, dates: list) -> Verb | None:
    """The verb of a "when" clause after the date ("They turned deadly on Thursday night, when an
    armoured vehicle ran over a driver") when the date's own clause says less: no verb, a subject
    the clause does not name, or none at all. Else the date's own verb."""
    when = when_verb(s, dm.end)
    if when is None or inside_quote(s, when.start):
        return verb
    if verb is not None:
        told = headline(s, verb, [(d.start, d.end) for d in dates])
        if told and told[:1].isupper() and told.split()[0].lower() not in _PRONOUN_SUBJECTS:
            return verb
    return when


_UNTIL = re.compile(r"\b(?:until|ahead\s+of)\s+$", re.I)
_SUBJECT_PRONOUN = re.compile(r"^(He|She|It)\b")


def _told(doc, registry, sent, verb: Verb, dates: list[DateMention]) -> tuple[str, set[str]]:
    """The headline of the verb's clause, its dates left out, and the actor its pronoun subject
    stands for (see _named_pronoun); a clause whose subject the headline could not tell named by the
    actor its subject ends with (_named_actor_subject)."""
    told = headline(sent.text, verb, [(d.start, d.end) for d in dates])
    if told[:1].islower():
        return _named_actor_subject(doc, registry, sent, verb, told), set()
    told, body = _named_definite(doc, registry, sent, verb, told)
    if body:
        return told, {body}
    return _named_pronoun(doc, registry, sent, verb, _named_owner(doc, registry, sent, verb, told))


def _named_definite(doc, registry, sent, verb: Verb, told: str) -> tuple[str, str]:
    """A headline whose subject is "the board", "the commission" with the body named before that the
    noun heads ("The board declared the strike unlawful": the Canada Industrial Relations Board), and
    that body's slug; the headline as it is and "" when no body before is called so."""
    m = _THE_NOUN_SUBJECT.search(sent.text, max(0, verb.start - 40), verb.start)
    if m is None:  # the subject of a verb joined to an earlier one: "The ministry opened a case … and detained …"
        first = told.split(" ", 1)[0]
        m = next((x for x in reversed(list(_THE_NOUN.finditer(sent.text, 0, verb.start)))
                  if x.group(1) == first.lower()), None) if first[:1].isupper() else None
    if m is None or not told.startswith(m.group(1).capitalize() + " "):
        return told, ""
    noun = m.group(1).lower()
    at = sent.start + m.start(1)
    if noun in ("government", "cabinet"):  # "the government" of the article's state (_with_home_government)
        state = next((x for x in mentions_between(doc, sent.start + m.start(), at + len(noun))
                      if x.atype == "government"), None)
        if state is not None:
            return f"{registry.actors[state.slug].name}'s {noun}{told[len(noun):]}", state.slug
    for mention in reversed(mentions_between(doc, max(0, at - 1500), at)):
        actor = registry.actors.get(mention.slug)
        if actor is not None and actor.kind not in ("person", "state") and not mention.place \
                and noun in actor.name.lower().split() and len(actor.name.split()) > 1:
            return actor.name + told[len(noun):], mention.slug
    return told, ""



def _named_owner(doc, registry, sent, verb: Verb, told: str) -> str:
    """A headline whose subject a body owns by "its" ("its inspectors had resumed work") with the
    body named last before it: "International Atomic Energy Agency inspectors resume work"; one a
    person owns by "his" or "her" with the person it refers to ("Asfura's four-year term")."""
    m = _ITS_SUBJECT.search(sent.text, max(0, verb.start - 60), verb.start)
    if m is None or not told.startswith(m.group(2).capitalize()):
        return told
    at = sent.start + m.start()
    previous = doc.sentence_object(sent.index - 1).start if sent.index else sent.start
    if m.group(1).lower() == "its":
        body = last_body(doc, registry, at, window=at - previous)
        return f"{registry.actors[body].name} {m.group(2)}{told[len(m.group(2)):]}" if body else told
    person = last_person(doc, registry, at, "he" if m.group(1).lower() == "his" else "she")
    if person is None or not any(x.slug == person for x in mentions_between(doc, previous, at)):
        return told  # (named no nearer than the sentence before: too far to be sure whose)
    return f"{registry.actors[person].name}'s {m.group(2)}{told[len(m.group(2)):]}"


_AUX_WORDS = r"(?:had|has|have|was|were|is|are|would|will)"
_ITS_SUBJECT = re.compile(rf"\b(its|[Hh]is|[Hh]er)\s+([a-z][\w-]*(?:\s+(?!{_AUX_WORDS}\b)[a-z][\w-]*)?)\s+(?:{_AUX_WORDS}\s+)?"
                          r"(?:(?:also|then|already|been)\s+)?$")
_THE_NOUN = re.compile(r"\b[Tt]he\s+([a-z]{3,})\b")
# "The board declared", "the commission has said": one common noun with "the", the verb's subject
_THE_NOUN_SUBJECT = re.compile(r"(?:^|[.;:]\s+|,\s+|\b(?:and|but|while)\s+)[Tt]he\s+([a-z]{3,})\s+"
                               rf"(?:{_AUX_WORDS}\s+)?(?:(?:also|then|already|later)\s+)?$")


def _named_actor_subject(doc, registry, sent, verb: Verb, told: str) -> str:
    """A headline without a subject ("win an outright majority") with the actor its clause's subject
    ends with, the head of a long noun phrase ("Moldova's ruling pro-European Party of Action and
    Solidarity (PAS) has won": PAS), when nothing but its parenthesis and auxiliaries stand between
    that actor and the verb; the headline as it is otherwise."""
    s = sent.text
    lo = clause_bounds(s, verb.start)[0]
    relative = _RELATIVE_START.match(s, lo)
    if relative and lo >= 2:  # "Noboa, who won re-election in April": who is the name before it
        end = s[:lo].rstrip(" ,")
        named = [m for m in mentions_between(doc, sent.start, sent.start + len(end))
                 if m.slug in registry.actors and not m.place
                 and _HEAD_AFTER_NAME.fullmatch(s, m.end - sent.start, len(end))]  # ("the M23 rebels")
        return with_subject(told, verb, registry.actors[named[-1].slug].name) if named else told
    before = [m for m in mentions_between(doc, sent.start + lo, sent.start + verb.start)
              if m.slug in registry.actors and not m.place and m.atype != "demonym"]
    if not before:
        return told
    m = before[-1]
    between = s[m.end - sent.start:verb.start]
    if not _SUBJECT_TO_VERB.fullmatch(between):
        return told  # an owner ("Netanyahu's office"), or words of a clause of their own between
    return with_subject(told, verb, registry.actors[m.slug].name)


_HEAD_AFTER_NAME = re.compile(r"(?:\s+[a-z][\w-]*){0,2}")
_RELATIVE_START = re.compile(r"\s*(?:who|which)\s", re.I)
# Between a subject's last name and its verb: its abbreviation in brackets, auxiliaries, adverbs.
_SUBJECT_TO_VERB = re.compile(r"\)?(?:\s*\([^()]{1,20}\))?(?:\s+(?:has|have|had|was|were|is|are|will|would|also|"
                              r"then|later|already|reportedly|on\s+\w+))*\s+")


def _named_pronoun(doc, registry, sent, verb: Verb, told: str) -> tuple[str, set[str]]:
    """A headline whose subject is "he", "she" or "it" with the actor it refers to named instead
    ("It took full control of Zamzam": the RSF), and that actor; the headline as it is when
    none is found."""
    if told.startswith("They "):
        return _named_they(doc, registry, sent, verb, told)
    m = _SUBJECT_PRONOUN.match(told)
    pron = list(re.finditer(r"\b(?:he|she|it)\b", sent.text[:verb.start], re.I))
    if m is None or not pron:
        return told, set()
    at = sent.start + pron[-1].start()
    word = m.group(1).lower()
    slug = last_person(doc, registry, at, word) if word != "it" else last_body(doc, registry, at)
    if slug is None:
        return told, set()
    return registry.actors[slug].name + told[m.end():], {slug}


_NAME_RUN = re.compile(r"(?:\s+(?:of|for|and|the)?\s*[A-Z][\w'’-]*)*")


_NAME_JOINED_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:and|on|for|of)\s+$")


def _inside_body_name(s: str, start: int, end: int) -> bool:
    """Whether a trigger word is part of a body's name ("Kachin Independence Army", "Freedom
    Party"): capitalised, in a run of capitalised words that ends with an organisation's word."""
    if not s[start:start + 1].isupper():
        return False
    if _NAME_JOINED_BEFORE.search(s, max(0, start - 40), start):
        return True  # "Special Adviser on Information and Strategy": a title's words
    run = _NAME_RUN.match(s, end)
    last = (s[start:end] + run.group(0)).split()[-1]
    return last in ORG_WORDS


def _named_they(doc, registry, sent, verb: Verb, told: str) -> tuple[str, set[str]]:
    """A headline whose subject is "They" with the actors the sentence names as the subject of the
    verb that introduces them ("Three ethnic armies, the Arakan Army, … and the MNDAA, said they
    would halt fighting"); the headline as it is when the sentence names fewer than two."""
    they = list(re.finditer(r"\bthey\b", sent.text[:verb.start], re.I))
    before = verbs_in(sent.text, 0, they[-1].start())[-1:] if they else []
    if not before:
        return told, set()
    slugs: list[str] = []
    for m in mentions_between(doc, sent.start, sent.start + before[0].start):
        if m.slug not in slugs and m.slug in registry.actors and m.atype != "demonym":
            slugs.append(m.slug)  # (not "Tajik" of "Tajik President Emomali Rahmon")
    people = [x for x in slugs if registry.actors[x].kind == "person"]
    slugs = people or slugs  # "Japarov and Rahmon, presidents of Kyrgyzstan and Tajikistan": the two
    if len(slugs) < 2:
        return told, set()
    names = [registry.actors[x].name for x in slugs]
    return f"{', '.join(names[:-1])} and {names[-1]}{told[4:]}", set(slugs)


def _verb_kind(verb: Verb) -> str:
    """The kind the verb's word names ("signed": agreement), a statement for a verb of speech, else other."""
    for word in (verb.word, verb.lemma):
        m = _TRIG_RX.fullmatch(word)
        if m:
            return _KIND_OF[m.lastgroup]
    return "statement" if verb.lemma in SPEECH_LEMMAS else "other"


def _doc_candidates(doc, registry) -> list[EvCand]:
    dates_of = getattr(doc, "dates_of", None) or (lambda sent: find_dates(sent.text))
    cands: list[EvCand] = []
    ref = doc.published
    prev_year = None
    prev_day: PartialDate | None = None
    triggers: dict[int, list] = {}  # sentence -> its triggers, (start, end, kind, word or gloss)
    visit_in: dict = {}  # paragraph -> whether it says "visit"
    # An article in another of the region's languages is read with its own words as well as the
    # English date finder's (ISO and dotted dates, bare years); English articles take no extra step.
    local = LOCAL.get(getattr(doc, "lang", "en"))
    locally_dated: set[int] = set()  # sentences with a date only this language's words find
    for sent in doc.sentences:
        s = sent.text
        if local is None:
            trig = [(m.start(), m.end(), _KIND_OF[m.lastgroup], m.group(0)) for m in _TRIG.finditer(s)
                    if not _inside_body_name(s, m.start(), m.end())]
            dates = dates_of(sent)
        else:
            trig, local_dates, future = local.read(s)
            dates = local.merge(dates_of(sent), local_dates)
            if local_dates:
                locally_dated.add(sent.index)
        triggers[sent.index] = trig
        dates = _without_second_days(s, dates)
        used_trig = set()
        if dates and sent.index < 3 and s[:1].isupper():
            opened = dateline_end(s)  # "QUITO, Nov 17 (Andean Wire) - …": the day of writing
            dates = [dm for dm in dates if dm.start >= opened]
        for dm in dates:
            if dm.kind == "year" and (re.search(r"\b(?:by|until|till)\s+$", s[max(0, dm.start - 7):dm.start], re.I)
                                      or (local is not None and local.deadline(s, dm))):
                prev_year = dm.year
                continue
            if local is None:
                scope = date_scope(s, dm.start, dm.end)
                if _UNTIL.search(s, max(0, dm.start - 12), dm.start) or _scheduled(s, dm):
                    scope += " will"  # "running until July 29", "ahead of Monday's vote": it lies ahead
                resolved = resolve(dm, ref, scope, prev_year, prev_day)
            else:
                # resolve() reads the sentence only for English words of the future ("will").
                resolved = resolve(dm, ref, "will" if future else "", prev_year, prev_day)
            if dm.kind in ("year", "full", "month_year"):
                prev_year = dm.year
            if resolved is not None and resolved.day:
                prev_day = resolved  # what "the day before" counts from
            weekday = None
            if resolved is None:
                if dm.kind == "weekday":
                    weekday = dm.weekday  # (matched with other articles' days: _date_by_story)
                else:
                    continue
            if not trig or min(_gap(t, dm, s) for t in trig) > 110:
                if local is None:
                    c = _verb_candidate(doc, registry, sent, dm, dates, resolved, weekday, ref)
                    if c is not None:
                        cands.append(c)
                continue
            # Nearest trigger; a year written right before a noun ("the 1999 Nato bombing") binds to it.
            def dist(t):
                return _gap(t, dm, s)
            best = min(trig, key=lambda t: (dist(t), t[0]))
            if local is None and dm.kind == "year" and _clause_between(s, best, dm):
                # "signed an accord, ending a dispute that began when troops crossed the river in
                # 2019": the year is the time of its own clause's verb, not of the accord.
                c = _verb_candidate(doc, registry, sent, dm, dates, resolved, weekday, ref)
                if c is not None:
                    cands.append(c)
                    continue
            used_trig.add(best[0])
            kind = best[2]
            lo = max(0, min(best[0], dm.start) - 110)
            hi = min(len(s), max(best[1], dm.end) + 110)
            window = s[lo:hi]
            if local is None:
                kind = _kind_refine(kind, window)
            else:
                kind = local.refine(kind, [t for t in trig if lo <= t[0] and t[1] <= hi])
            if kind == "meeting" and _context_says_visit(doc, sent, visit_in, local):
                kind = "visit"  # _kind_refine(kind, _context(doc, sent)), its paragraph searched once
            reporters = _reporters(sent, best[0]) if kind != "statement" else []
            parts = _participants(doc, registry, sent.start + lo, sent.start + hi, reporters)
            bym = re.search(r"\b(?:signed|agreed|concluded|adopted)\s+(?:by|between)\s+", s[lo:hi])
            if bym:
                blo = lo + bym.end()
                bend = re.search(r"[.;]|\s(?:on|in)\s(?!the\b)", s[blo:])
                bhi = blo + (bend.start() if bend else len(s) - blo)
                listed = _participants(doc, registry, sent.start + blo, sent.start + min(bhi, blo + 100))
                if listed:
                    parts = listed
            if not parts:
                parts = _participants(doc, registry, sent.start, sent.end, reporters)
            if resolved is not None and ref is not None and resolved.year < ref.year and kind != "statement":
                # A past happening recalled: who recalls or thanks someone for it is not part of it.
                kept = parts - _bystanders(doc, registry, sent)
                if kept:
                    parts = kept
            # The object named ("defence cooperation plan") goes into English titles: English only.
            obj = _object_phrase(s, best[0]) if local is None else ""
            if local is None and dm.kind == "year" and best[0] >= dm.end and best[0] - dm.end <= 30 \
                    and not re.search(r"[,;]", s[dm.end:best[0]]):
                tail = re.match(r"(?:\s+(?:campaign|resolution|agreement|deal|strategy|elections?))?", s[best[1]:])
                obj = s[dm.end:best[1] + (tail.end() if tail else 0)].strip()
            verb = dated_verb(s, dm.start, dm.end) if local is None and dm.kind != "year" else None
            own = None  # the date's own verb, when it tells another happening than the trigger's
            if verb is not None and not (verb.start <= best[0] <= verb.end + 60 or _subject_of(s, best, verb)):
                own, verb = verb, None
            if verb is not None:
                verb = told_verb(s, verb, [(d.start, d.end) for d in dates])
            if local is None and dm.kind != "year":
                verb = _when_told(s, dm, verb, dates)
            told, who = _told(doc, registry, sent, verb, dates) if verb else ("", set())
            if not parts and not who and kind in ("statement", "other") and not tells_happening(told):
                continue  # nobody acts and no clause tells it ("The protests began on September 25 …" does)
            named = _named_happening(s, dm, trig, kind, doc, registry, sent) if local is None and not told else ""
            if not named and own is not None and _verb_gap(own, dm) < dist(best):
                # a title for the happening the date's own verb tells ("removed the minister on
                # Monday, two weeks after protests"), nearer the date than the trigger's word
                named = _own_clause(s, own, dates)
            cands.append(EvCand(doc.index, doc.slug, kind, resolved, s, sent.index, parts | who,
                                _location(doc, sent, lo, hi), obj, best[3].lower(), weekday,
                                ref.year if ref else None, sent.start + dm.start, told,
                                verb.lemma if verb else "", named))
    # Undated sentences about the same kind of happening enrich this article's events.
    # Day-dated candidates by kind and participant: what `targets` below looks through.
    by_kind: dict[str, dict[str, list[EvCand]]] = {}
    for c in cands:
        if c.date and c.date.day:
            for p in c.participants:
                by_kind.setdefault(c.kind, {}).setdefault(p, []).append(c)
    dated_sents = {c.sent_index for c in cands}
    for sent in doc.sentences:
        if sent.index in dated_sents:
            continue
        if dates_of(sent) or sent.index in locally_dated:
            continue
        trig = triggers[sent.index]
        for t_start, t_end, t_kind, t_word in trig:
            kind = _kind_refine(t_kind, sent.text) if local is None else local.refine(t_kind, trig)
            if kind not in ("agreement", "declaration", "visit", "meeting") or t_word.lower() not in (
                    "signed", "signing", "visit", "met", "declaration"):
                continue
            near = _participants(doc, registry, sent.start + max(0, t_start - 20),
                                 min(sent.end, sent.start + t_end + 110))
            parts = {p for p in near if registry.actors[p].kind in ("state", "person")}
            targets = _one_target(by_kind.get(kind, {}), _with_affiliations(parts, registry))
            if len(targets) == 1:
                t = targets[0]
                allowed = {p for p in parts if registry.actors[p].kind == "person"
                           and set(registry.actors[p].affiliations) & t.participants}
                for p in sorted(allowed - t.participants):
                    by_kind.setdefault(kind, {}).setdefault(p, []).append(t)
                t.participants |= allowed
                if not t.location:
                    t.location = _location(doc, sent, 0, len(sent.text))
                break
    return cands


_DAYS_EITHER = re.compile(r"\s*or\s*(?:on\s+)?", re.I)
_DAYS_JOINED = re.compile(r"\s*(?:and|to|through|-|–)\s*(?:on\s+)?", re.I)


def _without_second_days(s: str, dates: list[DateMention]) -> list[DateMention]:
    """The sentence's dates without the second of two days next to each other that one happening
    takes ("the vote, held on Friday and Saturday", "talks on 3-4 May"): it is dated by its first;
    and without days one or another ("on Monday or Tuesday"): the happening has no date yet."""
    out: list[DateMention] = []
    for dm in dates:
        prev = out[-1] if out else None
        between = s[prev.end:dm.start] if prev is not None and prev.kind == dm.kind else None
        if between is not None and dm.kind in ("weekday", "day_month") and _DAYS_EITHER.fullmatch(between):
            out.pop()
            continue
        if between is not None and _DAYS_JOINED.fullmatch(between) and _days_apart(prev, dm) in (1, 2):
            continue
        out.append(dm)
    return out


def _days_apart(a: DateMention, b: DateMention) -> int | None:
    """How many days b's weekday or day of the month comes after a's; None when they cannot tell."""
    if a.kind == "weekday" and a.weekday is not None and b.weekday is not None:
        return (b.weekday - a.weekday) % 7
    if a.kind in ("day_month", "full") and a.month == b.month and a.day and b.day:
        return b.day - a.day
    return None


# The words that may stand before a happening's noun and belong to its name: "military takeovers",
# "the U.S.-led invasion", "the 2026 presidential campaign" (no article, verb or number).
_MODIFIER = re.compile(r"(?:[a-z][a-z-]+|[A-Z][\w.]*-[a-z]+|[A-Z][\w.’'-]*)")
_NAME_COMPLEMENT = re.compile(r"\s+(?:of|from|against|between)\s+(?:the\s+)?(?:[A-Z][\w’'-]*|independence|"
                              r"liberation)(?:\s+(?:and\s+)?[A-Z][\w’'-]*)?")
# What lies between a happening's noun and its date written after it: "takeovers in 1972, 1975 and",
# "a dictatorship from 1964 to", "independence from France in".
_TO_DATE = re.compile(r"\s+(?:in|from|of|since|between|during)\s+(?:\d{4},?\s+(?:and\s+)?)*$")


def _named_happening(s: str, dm: DateMention, trig: list, kind: str, doc, registry, sent) -> str:
    """The noun phrase that names the happening a date belongs to, when the date is written with a
    noun rather than a verb: "the 2021 coup", "Sunday's referendum", "military takeovers in 1972",
    "the 1971 war of independence"; with the state it happened in when the phrase names none
    ("Military takeover in Madagascar"). "" when the date belongs to no such noun."""
    found = _noun_after_date(s, dm, trig) or _noun_before_date(s, dm, trig)
    if found is None:
        return ""
    mods, (start, end) = found
    if _unreal(s, start):
        return ""  # "refused to allow a NATO land invasion in 1999": the refusal took place, no invasion
    noun = s[start:end]
    if verb_reading(noun.lower()) and not verb_reading(noun.lower())[1].endswith("?"):
        return ""  # a verb form ("signed"): a clause tells it, or nothing does
    listed = end <= dm.start and re.search(r"\d{4},?\s+(?:and\s+)?$", s[:dm.start])
    if listed or end <= dm.start and re.match(r",?\s+(?:and\s+)?\d{4}\b", s[dm.end:]):
        noun = _singular(noun)  # "military takeovers in 1972, 1975 and 2009": one a year
    complement = _NAME_COMPLEMENT.match(s, end)
    named = " ".join([*mods, noun] + ([complement.group(0).strip()] if complement else []))
    if not re.search(r"[A-Z]", named):
        state = _state_of_sentence(doc, registry, sent) if kind in _HAPPENS_IN_A_STATE else ""
        if state:
            named += f" in {state}"  # "Coup in Myanmar"; a deal is no one place's
        elif len(named.split()) < 3:
            return ""  # "Nuclear deal": the kind and its parties say more
    return named[:1].upper() + named[1:]


def _noun_after_date(s: str, dm: DateMention, trig: list) -> tuple[list[str], tuple[int, int]] | None:
    """A happening's noun the date stands before: "the 2021 coup", "Tuesday's parliamentary election"."""
    for t in trig:
        if 0 <= t[0] - dm.end <= 30:
            mods = re.sub(r"^['’]s\b", "", s[dm.end:t[0]]).split()
            if len(mods) <= 2 and all(_MODIFIER.fullmatch(w) and w not in _NOT_MODIFIERS for w in mods):
                owner = _OWNER_BEFORE.search(s, 0, dm.start)  # "Serbia's 2019 National Security Strategy"
                return ([owner.group(1)] if owner else []) + mods, (t[0], t[1])
    return None


def _unreal(s: str, start: int) -> bool:
    """Whether the happening named by the noun at s[start:] is one that did not (or not yet) take
    place: "refused to allow a NATO land invasion", "without a ceasefire", "a possible deal"."""
    before = s[max(0, start - 80):start].split()
    while before and _MODIFIER.fullmatch(before[-1]) and before[-1].lower() not in _NOT_MODIFIERS \
            and not _UNREAL_WORD.fullmatch(before[-1]):
        before.pop()  # the words of its name ("NATO land")
    return bool(_UNREAL_BEFORE.search(" ".join(before) + " "))


_UNREAL_WORD = re.compile(r"no|possible|potential|proposed|planned|future", re.I)
_OWNER_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?['’]s)\s+$")
# Words that make a happening named after them one that did not (or not yet) take place.
_UNREAL_BEFORE = re.compile(r"\b(?:to\s+(?:allow|avoid|prevent|stop|block|launch|hold|sign|reach|seek)|no|without|"
                            r"never|refus\w*|prevent\w*|avoid\w*|threat\w*|plan\w*|call\w*\s+for|possible|"
                            r"potential|proposed|planned|future)\s+(?:(?:a|an|the|any)\s+)?$", re.I)


def _noun_before_date(s: str, dm: DateMention, trig: list) -> tuple[list[str], tuple[int, int]] | None:
    """A happening's noun the date follows: "military takeovers in 1972, 1975 and 2009", "independence
    from France in 1960", with the words before it that belong to its name."""
    to_date = _TO_DATE.search(s, 0, dm.start)
    if to_date is None:
        return None
    for t in trig:
        complement = _NAME_COMPLEMENT.match(s, t[1])
        if to_date.start() in (t[1], complement.end() if complement else -1):
            mods: list[str] = []
            for w in reversed(s[:t[0]].split()[-2:]):
                reading = verb_reading(w)
                if not _MODIFIER.fullmatch(w) or w in _NOT_MODIFIERS or reading and not reading[1].endswith("?"):
                    break
                mods.insert(0, w)
            return mods, (t[0], t[1])
    return None


_HAPPENS_IN_A_STATE = frozenset({"military action", "vote", "other"})


_NOT_MODIFIERS = frozenset("the a an this that these those its his her their our and or of in on at to for by with "
                           "from has had have was were is are be been since after before during".split())


def _singular(noun: str) -> str:
    """A plural noun's singular ("takeovers", "clashes", "rallies"); other words as they are."""
    if not plural_noun(noun.lower()):
        return noun
    if re.search(r"(?:ch|sh|ss|x)es$", noun):
        return noun[:-2]
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _state_of_sentence(doc, registry, sent) -> str:
    """The state a sentence is about, where a happening it names took place: the only state it
    names, or the one it opens with before its first verb ("Madagascar has had military takeovers
    …"); "" when it cannot tell."""
    states = [m for m in mentions_between(doc, sent.start, sent.end)
              if (a := registry.actors.get(m.slug)) is not None and a.kind == "state"]
    if len({m.slug for m in states}) == 1:
        return registry.actors[states[0].slug].name
    verbs = verbs_in(sent.text, 0, len(sent.text))
    opening = re.search(r"\b(?:has|have|had|is|was|are|were)\b", sent.text)  # (verbs_in tells no "has")
    first_verb = min([v.start for v in verbs[:1]] + [opening.start() if opening else len(sent.text)])
    if states and states[0].end - sent.start <= first_verb:
        return registry.actors[states[0].slug].name
    return ""


def _subject_of(s: str, trigger: tuple, verb: Verb) -> bool:
    """Whether a trigger word heads the subject of a finite verb right after it ("The protests began
    on September 25"), not an object of another verb before ("described a new agreement to
    strengthen …")."""
    between = s[trigger[1]:verb.start]
    return trigger[1] <= verb.start and len(between) <= 40 and verb.tag in ("VBD", "VBZ", "VBP", "VBD/VBN") \
        and clause_bounds(s, verb.start)[0] <= trigger[0] and not re.search(r"\bto\s*$|[,;:]", between)


def _one_target(by_participant: dict[str, list[EvCand]], wanted: set[str]) -> list[EvCand]:
    """The day-dated candidates sharing a participant with `wanted`, as far as telling one from
    several goes: [] for none, [c] for exactly one, two of them for more."""
    found: list[EvCand] = []
    for p in wanted:
        for c in by_participant.get(p, ()):
            if not any(c is f for f in found):
                found.append(c)
                if len(found) > 1:
                    return found
    return found


def _with_affiliations(parts, registry) -> set[str]:
    out = set(parts)
    for p in parts:
        a = registry.actors[p]
        if a.kind == "person":
            out |= set(a.affiliations)
    return out


# Kinds one source may give a happening another source gives the other: a signing told as an
# agreement or a declaration, a visit as a meeting; a happening told by a verb no event word names
# ("other") may be any.
_ALIKE_KINDS = ({"agreement", "declaration"}, {"meeting", "visit"})


def kinds_alike(a: str, b: str) -> bool:
    return a == b or "other" in (a, b) or any(a in k and b in k for k in _ALIKE_KINDS)


def _cross_kind_ok(e: EventDraft, c: EvCand) -> bool:
    """May candidate c, of another kind than event e, be part of it? On the very day of the
    happening only: an announcement made that day ("Vucic announced on April 1, following the
    signing"), or a kind another source may give the same happening (kinds_alike). A vaguer one
    ("an April announcement") may concern anything that month: it stays an event of its own."""
    if e.date is None or c.date is None or e.date.day is None or e.date != c.date:
        return False
    return c.kind == "statement" or kinds_alike(e.kind, c.kind)


def _dates_agree(e: EventDraft, c: EvCand) -> bool:
    """Dates agree as far as both go: a less precise mention of the same happening ("in March" for
    18 March)."""
    if e.date.year != c.date.year:
        return False
    if e.date.month and c.date.month and e.date.month != c.date.month:
        return False
    return not (e.date.day and c.date.day and e.date.day != c.date.day)


def _same(e: EventDraft, c: EvCand, registry) -> bool:
    """Whether candidate c tells the happening of event e (the reference version of _score)."""
    if e.date is None or c.date is None:
        return False
    if e.kind != c.kind:
        if not _cross_kind_ok(e, c):
            return False
        # Made by one of its participants.
        return len(_with_affiliations(e.participants, registry) & _with_affiliations(c.participants, registry)) >= 1
    if not _dates_agree(e, c):
        return False
    if e.date.precision == "year" or c.date.precision == "year":
        return bool(_with_affiliations(e.participants, registry) & _with_affiliations(c.participants, registry))
    return _overlap(e, c, registry) > 0


def _score(e: EventDraft, c: EvCand, registry, wa_e: set[str], wa_c: set[str], known: tuple | None = None) -> int:
    """(_overlap(e, c) or 1) if _same(e, c) else 0, given both _with_affiliations sets (and `known`, what
    _overlap would otherwise work out again)."""
    if e.date is None or c.date is None:
        return 0
    if e.kind != c.kind:
        if not _cross_kind_ok(e, c) or not (wa_e & wa_c):
            return 0
        return _overlap(e, c, registry, wa_e, wa_c, known) or 1
    if not _dates_agree(e, c):
        return 0
    if e.date.precision == "year" or c.date.precision == "year":
        if not (wa_e & wa_c):
            return 0
        return _overlap(e, c, registry, wa_e, wa_c, known) or 1
    return _overlap(e, c, registry, wa_e, wa_c, known)


def _overlap(e: EventDraft, c: EvCand, registry, wa_e: set[str] | None = None, wa_c: set[str] | None = None,
             known: tuple | None = None) -> int:
    """How strongly a candidate shares participants with an event (0: not the same happening).
    `known`: (set of the event's participants, how many of them are not persons, how many of the
    candidate's are not), when the caller keeps them."""
    actors = registry.actors
    if known is None:
        ep = set(e.participants)
        e_others = c_others = None
    else:
        ep, e_others, c_others = known
    non_person = persons = 0
    for p in ep & c.participants:
        if actors[p].kind == "person":
            persons += 1
        else:
            non_person += 1
    if non_person >= 2 or persons:
        ok = True
    elif non_person >= 1:
        if e_others is None:
            e_others = sum(1 for p in ep if actors[p].kind != "person")
        if c_others is None:
            c_others = sum(1 for p in c.participants if actors[p].kind != "person")
        ok = e_others <= 1 or c_others <= 1
    else:
        ok = False
    if not ok and (e.date and e.date.day):
        if wa_e is None:
            wa_e = _with_affiliations(ep, registry)
        if wa_c is None:
            wa_c = _with_affiliations(c.participants, registry)
        ok = bool(wa_e & wa_c - {None}) and len(wa_e & wa_c) >= 2
    return non_person + 2 * persons if ok else 0


def _merge(cands: list[EvCand], registry) -> list[EventDraft]:
    events: list[EventDraft] = []
    order = sorted([c for c in cands if c.date is not None],
                   key=lambda c: (c.kind == "statement", -(3 if c.date.day else 2 if c.date.month else 1), c.date.sort_key(),
                                  c.kind, c.doc, c.pos))
    # _same(e, c) needs e and c to share an actor or an affiliation of one (_with_affiliations),
    # and their dates to agree. So a candidate is compared only with the events of its year (and
    # month) that share one of those with it, in creation order: the same result as comparing it
    # with every event, without the quadratic cost.
    index = _MergeIndex(registry)
    actors = registry.actors
    for c in order:
        target = None
        best = 0
        wa_c = _with_affiliations(c.participants, registry)
        c_others = sum(1 for p in c.participants if actors[p].kind != "person")
        for n, e in index.candidates(c, wa_c):
            score = _score(e, c, registry, index.keys[n], wa_c, (index.psets[n], index.others[n], c_others))
            if score > best:
                target, best = e, score
        if target is None and c.headline and c.date.day:
            target = index.told_alike(c)
        if target is None:
            target = EventDraft(date=c.date, kind=c.kind)
            index.add(target)
            events.append(target)
        target.cands.append(c)
        target.participants = sorted(set(target.participants) | c.participants)
        index.update(target)
        index.tell(target, c)
    return events


# Kinds of which an article seldom tells two on one day: two such events told by one article are one.
_ONCE_A_DAY = frozenset("agreement declaration visit meeting vote sanction transaction".split())


def _told_together(events: list[EventDraft]) -> list[EventDraft]:
    """Events of one kind on one day that an article tells both of are one happening told with
    other actors ("the deal signed at the State Department" and "the accord the ministers signed
    in the Treaty Room"): joined, the earlier created keeping the others' accounts."""
    first: dict[tuple, EventDraft] = {}
    out: list[EventDraft] = []
    for e in events:
        if e.kind not in _ONCE_A_DAY or e.date is None or not e.date.day:
            out.append(e)
            continue
        docs = {c.doc for c in e.cands}
        into = next((first[(e.date.iso(), e.kind, d)] for d in sorted(docs) if (e.date.iso(), e.kind, d) in first), None)
        if into is None:
            out.append(e)
            into = e
        else:
            into.cands.extend(e.cands)
            into.participants = sorted(set(into.participants) | set(e.participants))
        for d in docs:
            first.setdefault((e.date.iso(), e.kind, d), into)
    return out


def _happening_words(e: EventDraft) -> set[str]:
    """What the event's clauses call the happening (their triggers and verbs), cut to a stem:
    "storming" and "stormed", "quake" and "earthquake" alike."""
    out = set()
    for c in e.cands:
        # the trigger, the clause's verb, and the verbs its headline names ("the storming of …")
        verbs = re.findall(r"\b[a-z]+(?:ing|ed)\b", c.headline.lower())
        out |= _stems([c.trigger, c.lemma] + [r[0] for r in map(verb_reading, verbs) if r])
    return out


def _stems(words: list[str]) -> set[str]:
    """Words of happening cut to a stem, without those of saying."""
    return {s for s in map(_stem, words) if s}


@functools.lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    w = fold_key(word)
    return _STEM_END.sub("", w.removeprefix("earth"))[:6] if len(w) >= 4 and w not in _SAYING else ""


_STEM_END = re.compile(r"(?:ing|ed|es|s)$")


def _only_ones_alike(events: list[EventDraft], docs, registry) -> list[EventDraft]:
    """A date far from the days the articles were written (a riot two years before, a deadline
    months ahead) on which each of two articles of one story (naming two rare actors alike) tells
    one happening only: the same happening, whatever words each tells it in ("the storming of
    government buildings", "damaging public property on 8 January 2023"). Around the news of the
    day, many happenings share a date."""
    told: Counter = Counter()
    for e in events:
        if e.date is not None:
            for doc in {c.doc for c in e.cands}:
                told[doc, e.date.iso()] += 1
    by_date: dict[str, list[EventDraft]] = {}
    for e in events:
        e_docs = {c.doc for c in e.cands}
        if e.date is not None and all(told[doc, e.date.iso()] == 1 and _far_from(e.date, docs[doc].published)
                                      for doc in e_docs):
            by_date.setdefault(e.date.iso(), []).append(e)
    return _join_alike(events, by_date, docs, registry, lambda group: lambda i: range(i + 1, len(group)),
                       shared=2)


def _far_from(date: PartialDate, published: PartialDate | None) -> bool:
    """Whether a date lies far from an article's publication: a day more than a week away, a month
    or a year more than a year away (a month of the news holds many happenings)."""
    if published is None:
        return False
    first, last = _span(date)
    pub_first, pub_last = _span(published)
    gap = dt.timedelta(days=7 if date.day else 366)
    return first > pub_last + gap or last < pub_first - gap


def _span(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The first and last day a date may mean."""
    if date.day:
        day = dt.date(date.year, date.month, date.day)
        return day, day
    if date.month:
        start = dt.date(date.year, date.month, 1)
        return start, (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)


_SAYING = frozenset("say said says tell told announce announced statement have make take give hold".split())


def _told_alike_across(events: list[EventDraft], docs, registry) -> list[EventDraft]:
    """Events of one date that articles of one story call by the same word ("the storming of
    government buildings", "stormed the Supreme Court"; "the 2021 coup" in both) are one happening,
    whoever each article names in it and whatever kind each gives it ("the vote comes a day after
    negotiators signed it": a vote to one, the signing to the other): joined, the earlier keeping
    the others' accounts. Articles are of one story when they name alike an actor few articles name."""
    by_date: dict[str, list[EventDraft]] = {}
    for e in events:
        if e.date is not None:
            by_date.setdefault(e.date.iso(), []).append(e)

    def sharing_a_word(group: list[EventDraft]):
        # Each event is compared only with the later events of its date that share one of its
        # words: a busy day of a large corpus holds thousands of events.
        words = [_happening_words(e) for e in group]
        by_word: dict[str, list[int]] = {}
        for j, ws in enumerate(words):
            for w in ws:
                by_word.setdefault(w, []).append(j)
        return lambda i: sorted({j for w in words[i] for j in by_word[w] if j > i})

    return _join_alike(events, by_date, docs, registry, sharing_a_word, shared=1, any_kind=True)


def _join_alike(events: list[EventDraft], by_date: dict[str, list[EventDraft]], docs, registry, later,
                shared: int, any_kind: bool = False) -> list[EventDraft]:
    """Events joined, date by date: each (the i-th of its date's group) with the later events of
    its date that later(group)(i) gives, of a kind alike (of any kind with `any_kind`: what joins them
    says they are one), told by other articles of its story (naming `shared` actors alike that few
    articles name). The earlier keeps the others' accounts."""
    if not any(len(group) > 1 for group in by_date.values()):
        return events
    named = {d.index: _actors_named(d, registry) for d in docs}
    every_rare = _rare_actors(named)
    rare = _story_actors(every_rare, registry)
    rare_of = {doc: actors & rare for doc, actors in named.items()}

    def one_story(e_docs: set[int], o_docs: set[int], e_rare: set[str]) -> bool:
        if shared == 1:  # (an actor in common between any two of their articles: their unions meet)
            return not e_rare.isdisjoint(set().union(*(rare_of[b] for b in o_docs)))
        return any(len(rare_of[a] & rare_of[b]) >= shared for a in e_docs for b in o_docs)

    gone: set[int] = set()
    for group in by_date.values():
        if len(group) < 2:
            continue
        later_of = later(group)
        for i, e in enumerate(group):
            if id(e) in gone:
                continue
            e_docs = {c.doc for c in e.cands}
            e_rare = set().union(*(rare_of[a] for a in e_docs))
            for o in (group[j] for j in later_of(i)):
                if id(o) in gone or not (any_kind or kinds_alike(e.kind, o.kind)):
                    continue
                o_docs = {c.doc for c in o.cands}
                # Of one story by a person or a body both articles name, or by a state that acts in
                # both happenings (not one an article names elsewhere: "Iraq sent doctors").
                if e_docs & o_docs or not (one_story(e_docs, o_docs, e_rare)
                                           or set(e.participants) & set(o.participants) & every_rare):
                    continue
                e.cands.extend(o.cands)
                e.participants = sorted(set(e.participants) | set(o.participants))
                e_docs |= o_docs
                e_rare |= set().union(*(rare_of[b] for b in o_docs))
                gone.add(id(o))
    return [e for e in events if id(e) not in gone]


_PLAIN = frozenset("the a an of to in on at and for with by from its their his her this that was were is are has "
                   "have had be been it they he she as after before over into about than more most some".split())


def content_words(headline: str) -> set[str]:
    """The words of a headline that say what happened (folded, without the small words)."""
    return {w for w in re.findall(r"\w+", fold_key(headline)) if w not in _PLAIN and not w.isdigit() and len(w) > 2}


class _MergeIndex:
    """Events by their date and kind and every actor in _with_affiliations of their participants: by
    (year, kind, month, day, actor) for the day-precise, by (year, kind, month or None, actor) for the
    others, and by (year, kind, actor) for candidates known to the year only. A day-precise candidate
    is compared with the events of its day and the vaguer ones only: an event of another day of
    the month scores nothing (_dates_agree, _cross_kind_ok)."""

    def __init__(self, registry):
        self.registry = registry
        self.events: list[EventDraft] = []
        self.ids: dict[int, int] = {}  # id(event) -> creation number
        self.keys: dict[int, set[str]] = {}  # creation number -> actors indexed
        self.psets: dict[int, set[str]] = {}  # creation number -> set(event.participants)
        self.others: dict[int, int] = {}  # creation number -> how many participants are not persons
        self.by_day: dict[tuple, list[int]] = {}
        self.days: dict[tuple, dict[int, None]] = {}  # (year, kind, month, actor) -> days indexed, in order
        self.undated: dict[tuple, list[int]] = {}  # events without a day, by (year, kind, month or None, actor)
        self.by_year: dict[tuple, list[int]] = {}
        self.kinds_by_year: dict[int, set[str]] = {}
        # day -> what its events' clauses say: each clause's content words, kept for every dated
        # candidate, as a tuple of shared strings (a fraction of what a set of its own strings takes)
        self.told: dict[str, list[tuple[tuple[str, ...], EventDraft]]] = {}
        self.vocabulary: dict[str, str] = {}

    def add(self, e: EventDraft) -> None:
        n = len(self.events)
        self.events.append(e)
        self.ids[id(e)] = n
        self.keys[n] = set()
        self.psets[n] = set()
        self.others[n] = 0
        self.kinds_by_year.setdefault(e.date.year, set()).add(e.kind)

    def update(self, e: EventDraft) -> None:
        n = self.ids[id(e)]
        pset = self.psets[n]
        for p in e.participants:
            if p not in pset:
                pset.add(p)
                if self.registry.actors[p].kind != "person":
                    self.others[n] += 1
        have = self.keys[n]
        for x in _with_affiliations(e.participants, self.registry) - have:
            have.add(x)
            y, kind, month, day = e.date.year, e.kind, e.date.month, e.date.day
            if day:
                self.by_day.setdefault((y, kind, month, day, x), []).append(n)
                self.days.setdefault((y, kind, month, x), {})[day] = None
            else:
                self.undated.setdefault((y, kind, month, x), []).append(n)
            self.by_year.setdefault((y, kind, x), []).append(n)

    def tell(self, e: EventDraft, c: EvCand) -> None:
        """Note what candidate c says of event e, for the candidates that name no actor."""
        told = c.headline or c.named  # (the clause of the date's own verb when the kind's word is elsewhere)
        if told and c.date.day:
            one = self.vocabulary.setdefault
            words = tuple(one(w, w) for w in content_words(told))
            self.told.setdefault(c.date.iso(), []).append((words, e))

    def told_alike(self, c: EvCand) -> EventDraft | None:
        """The event of the same day whose clauses say most nearly what c's does (two words or
        more in common, the verb's among them), for a happening no actor is named in."""
        words = content_words(c.headline)
        best, best_n = None, 1
        for told, e in self.told.get(c.date.iso(), ()):
            common = words.intersection(told)
            if len(common) > best_n and (c.lemma in common or any(w.startswith(c.lemma) for w in common)):
                best, best_n = e, len(common)
        return best

    def candidates(self, c: EvCand, wa_c: set[str]) -> list[tuple[int, EventDraft]]:
        """The events c may be part of, in creation order (every other event scores nothing)."""
        y, month, day = c.date.year, c.date.month, c.date.day
        # Only a day-precise candidate can join an event of another kind, and only of its very day
        # (_cross_kind_ok).
        kinds = [k for k in sorted(self.kinds_by_year.get(y, ())) if c.kind == "statement" or kinds_alike(k, c.kind)] \
            if day else [c.kind]
        found: set[int] = set()
        for x in wa_c:
            for k in kinds:
                if month is None:
                    found.update(self.by_year.get((y, k, x), ()))
                    continue
                if day:
                    found.update(self.by_day.get((y, k, month, day, x), ()))
                else:
                    for d in self.days.get((y, k, month, x), ()):
                        found.update(self.by_day[(y, k, month, d, x)])
                if k == c.kind:
                    found.update(self.undated.get((y, k, month, x), ()))
                    found.update(self.undated.get((y, k, None, x), ()))
        return [(n, self.events[n]) for n in sorted(found)]


def _date_by_story(docs, registry, per_doc: list[list[EvCand]]) -> None:
    """An article with no date whose bare weekdays tell happenings that other articles date by the
    day ("put their signatures on Thursday to a treaty", beside "signed the treaty on 13 March") is
    dated from them: published on the latest of those days (inferred, for review), and its
    candidates found again, so that its other relative dates ("on Friday", "a day later") resolve."""
    undated = [i for i, d in enumerate(docs) if d.published is None and any(c.weekday is not None for c in per_doc[i])]
    if not undated:
        return
    # What the undated articles' weekdays look for, then the day-dated candidates of dated articles
    # that have it: by weekday and participant, and by weekday and word.
    wanted = {i: [(c, _stems([c.trigger, c.lemma])) for c in per_doc[i] if c.weekday is not None] for i in undated}
    actor_keys = {(c.weekday, p) for looks in wanted.values() for c, _ in looks for p in c.participants}
    word_keys = {(c.weekday, w) for looks in wanted.values() for c, words in looks for w in words}
    weekdays = {wd for wd, _ in actor_keys | word_keys}
    by_actor: dict[tuple[int, str], list[tuple[EvCand, set[str]]]] = {}
    by_word: dict[tuple[int, str], list[EvCand]] = {}
    for found in per_doc:
        for c in found:
            if c.date is None or not c.date.day or docs[c.doc].published is None:
                continue
            wd = dt.date(c.date.year, c.date.month, c.date.day).weekday()
            if wd not in weekdays:
                continue
            words = _stems([c.trigger, c.lemma])
            for p in c.participants:
                if (wd, p) in actor_keys:
                    by_actor.setdefault((wd, p), []).append((c, words))
            for w in words:
                if (wd, w) in word_keys:
                    by_word.setdefault((wd, w), []).append(c)
    named = {d.index: _actors_named(d, registry) for d in docs}
    rare = _rare_actors(named)
    for i in undated:
        days: Counter = Counter()
        story = named[i] & rare
        for c, words in wanted[i]:
            # The same happening: with an actor in common, of its kind or called alike; or called
            # alike in an article of the same story (naming alike an actor few articles name).
            told = {o.date for p in c.participants for o, o_words in by_actor.get((c.weekday, p), ())
                    if o.doc != i and (o.kind == c.kind or words & o_words)}
            told |= {o.date for w in words for o in by_word.get((c.weekday, w), ())
                     if o.doc != i and not story.isdisjoint(named[o.doc])}
            if len(told) == 1:  # (a weekday that matches happenings of several weeks says nothing)
                days[told.pop()] += 1
        if not days:
            continue
        published = _published_after(sorted(days), {c.weekday for c in per_doc[i] if c.weekday is not None})
        if published is None:
            continue
        d = docs[i]
        d.published, d.published_inferred, d.pub_how = published, True, "weekday-matched-story"
        per_doc[i] = _candidates_again(d, registry)


def _published_after(days: list[PartialDate], weekdays: set[int]) -> PartialDate | None:
    """The day an article was written, from the days of the happenings it names by weekday alone:
    on or after the last of them, and late enough that each weekday it names last fell no earlier
    than the day before the first of them (a quake "on Tuesday", the toll "on Thursday": written
    on Thursday). None when the days lie more than a week apart."""
    first, last = (dt.date(d.year, d.month, d.day) for d in (days[0], days[-1]))
    if (last - first).days > 6:
        return None
    for k in range(7):
        day = last + dt.timedelta(days=k)
        if all((day.weekday() - w) % 7 <= (day - first).days + 1 for w in weekdays):
            break
    return PartialDate(day.year, day.month, day.day)


def _candidates_again(d, registry) -> list[EvCand]:
    """doc_candidates of an article whose text may have been packed away since they were found."""
    if d.text:
        return _doc_candidates(d, registry)
    d.unpack()
    try:
        found = _doc_candidates(d, registry)
    finally:
        d.drop_text()
    for c in found:
        c.sentence = ""  # (as the find stage leaves them: taken from the doc when needed)
    return found


def _attach_weekdays(events: list[EventDraft], cands: list[EvCand], docs, registry) -> None:
    # Day-precise events by kind, weekday and year, in list order.
    by_year: dict[tuple[str, int, int], list[tuple[int, EventDraft]]] = {}
    by_kind_weekday: dict[tuple[str, int], list[tuple[int, EventDraft]]] = {}
    for i, e in enumerate(events):
        if e.date and e.date.day:
            wd = dt.date(e.date.year, e.date.month, e.date.day).weekday()
            by_kind_weekday.setdefault((e.kind, wd), []).append((i, e))
            by_year.setdefault((e.kind, wd, e.date.year), []).append((i, e))
    for c in sorted([c for c in cands if c.date is None and c.weekday is not None], key=lambda c: (c.doc, c.pos)):
        best = None
        pool = by_year.get((c.kind, c.weekday, c.year_hint), ()) if c.year_hint else \
            by_kind_weekday.get((c.kind, c.weekday), ())
        for _, e in pool:
            if e.kind != c.kind or not e.date or not e.date.day:
                continue
            if c.year_hint and e.date.year != c.year_hint:
                continue
            if dt.date(e.date.year, e.date.month, e.date.day).weekday() != c.weekday:
                continue
            overlap = len(set(e.participants) & c.participants)
            if overlap >= 1 and (best is None or overlap > best[0]):
                best = (overlap, e)
        if best:
            e = best[1]
            c.date = e.date
            e.cands.append(c)
            e.participants = sorted(set(e.participants) | c.participants)
            d = docs[c.doc]
            if d.published is None or (d.published.day is None and d.published.year == e.date.year):
                d.published = e.date
                d.published_inferred = True
                d.pub_how = "weekday-matched-event"


def _title(e: EventDraft, registry) -> str:
    """A headline told by one of the event's clauses, else the words that name it ("Military
    takeover in Madagascar"), else one made of its kind and participants."""
    return _without_repeats(_clause_title(e, registry) or _named_title(e) or _kind_title(e, registry))


def _named_title(e: EventDraft) -> str:
    """What the event's accounts call it: the name most of them use, of its kind, the first told."""
    names = Counter(c.named for c in e.cands if c.named)
    first = {}
    for c in sorted(e.cands, key=lambda c: (c.doc, c.pos)):
        if c.named:
            first.setdefault(c.named, (c.kind == e.kind, -c.doc, -c.pos))
    return max(names, key=lambda n: (names[n], first[n])) if names else ""


# A run of words said twice over ("constitution adopted adopted", "Albania–Kosovo Albania–Kosovo
# declaration"): one lower-case word, or several words or one joined name ("Albania–Kosovo").
_REPEATED = re.compile(r"(?<![\w–-])((?:[^\s]+\s+){1,3}[^\s]+|[a-z]+|[^\s]*[–-][^\s]*)\s+\1(?![\w–-])")


def _without_repeats(title: str) -> str:
    """The title with each run of words said twice in a row said once."""
    while True:
        shorter = _REPEATED.sub(r"\1", title)
        if shorter == title:
            return title
        title = shorter


_VAGUE_SUBJECTS = frozenset("it its they them this that these those who which he she we also said says".split())


def _clause_title(e: EventDraft, registry) -> str:
    """The best headline of the event's clauses: of its own kind, naming its participants, of a
    headline's length (5 to 14 words), from the earliest article."""
    names = {fold_key(registry.actors[p].name) for p in e.participants}

    def score(c: EvCand) -> tuple:
        words = c.headline.split()
        folded = fold_key(c.headline)
        named = sum(1 for n in names if n and n in folded)
        # A headline whose subject is a pronoun ("It begins", "Who sweeps") says less than one that names.
        vague = words[0].lower() in _VAGUE_SUBJECTS
        return (not vague, c.kind == e.kind, 5 <= len(words) <= 14, named, -abs(len(words) - 9), -c.doc, -c.pos)

    told = []
    for c in e.cands:
        text = without_date_remnant(_named_subject(c.headline, e, registry)) if c.headline else ""
        if text and _well_formed(text):
            told.append(c if text == c.headline else replace(c, headline=text))
    if not told and e.kind == "other":  # no title by kind to fall back on: the best there is
        told = [c for c in e.cands if c.headline and not c.headline[:1].islower() and len(c.headline.split()) >= 3
                and not re.search(r"[“”\"]", c.headline)]
    return max(told, key=score).headline if told else ""


_PRONOUN_HEAD = re.compile(r"^(It|They|He|She)\s+(\S+)")  # ("It" is as often the war or the deal)
_MODALS = frozenset("would will could should may might must can shall to".split())
_SAYING = frozenset("say tell add note write state report".split())
# Participles that take "in" ("sworn in"); after others "in" is left by what was cut ("were held in")
_IN_PARTICIPLES = frozenset("sworn ushered phased locked boxed hemmed".split())
# "… speaks for most of in a marathon vote": a date left out between them
_TWO_PREPOSITIONS = re.compile(r"\b(?:of|to|for|from|with)\s+(?:in|on|at|by|of|for)\b")


def _ends_with_particle(words: list[str]) -> bool:
    """Whether a headline ends with a phrasal verb's particle ("will not give in", "steps down")."""
    if len(words) < 3 or words[-1].lower() not in PARTICLES:
        return False
    reading = verb_reading(words[-2].lower())
    if reading is None:
        return False
    return words[-1].lower() != "in" or reading[1] not in ("VBD", "VBN", "VBD/VBN") \
        or words[-2].lower() in _IN_PARTICIPLES
_DANGLING_END = frozenset("to or of and the a an by with for that in on at is was would will be its their his her "
                          "than as from had has have were are been".split())


def _named_subject(headline: str, e: EventDraft, registry) -> str:
    """A headline whose subject is "He" or "She" with the event's person for it; "" for a pronoun
    subject the event names no one for ("They" are named, if at all, where the clause is read:
    _named_they)."""
    m = _PRONOUN_HEAD.match(headline)
    if not m:
        return headline
    people = [p for p in e.participants if registry.actors[p].kind == "person"]
    if m.group(1) not in ("He", "She") or not people:
        return ""
    return registry.actors[people[0]].name + headline[m.end(1):]


_NO_SUBJECT = frozenset("whose whom who which has have had is are was were been being".split())


def _well_formed(headline: str) -> bool:
    """Whether a headline reads as one: a subject, a verb that is not an infinitive left alone
    ("They to halt"), no word it breaks off at ("… to happen or") and no stray possessive."""
    words = headline.split()
    if headline[:1].islower() or words[0].lower() in _NO_SUBJECT:
        return False  # no subject (clauses.headline), or a relative pronoun or auxiliary for one
    readings = [verb_reading(w.lower()) for w in words]
    if len(words) == 2 and words[0].lower() not in _VAGUE_SUBJECTS and readings[1] and (
            readings[1][1] in ("VBN", "VBD/VBN")
            or (readings[0] is None or readings[0][1].endswith("?") or readings[0][1] == "VBG")
            and (readings[1][1][:3] == "VBZ" or readings[1][1] in ("VB", "VB?") and _plural_before(words, 1))):
        return True  # "Investigation reinstated", "Truce collapses", "Demonstrations begin", "Fighting erupts"
    if len(words) < 3 or words[-1].lower().strip(",") in _DANGLING_END and not _ends_with_particle(words) \
            or re.search(r"\s['’]s\b|[“”\"]", headline) or re.search(r"['’]s$", words[-1]) \
            or _TWO_PREPOSITIONS.search(headline):
        return False  # (nor a quotation's broken end: '… accommodation," Bostic tells …'; nor "… of Iran's")
    first = readings[0]
    if (first is not None and not first[1].endswith("?") and words[0].lower() not in _VAGUE_SUBJECTS) \
            or words[0].lower() in _MODALS:
        return False  # "Sweep across the east", "Would take effect": no subject
    lead = re.match(r"[^,]{1,40},\s+([a-z]+)", headline)
    if lead and (r := verb_reading(lead.group(1))) and not r[1].endswith("?"):
        return False  # "Final week, conceded …": a phrase before the verb, and no subject
    last = readings[-1]
    told = next((i for i, r in enumerate(readings) if r and r[0] in _SAYING and r[1][:3] in ("VBZ", "VBD")), None)
    if told is not None and len(words) - told - 1 <= 3 \
            and not any(r and not r[1].endswith("?") for r in readings[told + 1:]):
        return False  # "Beccuau tells RTL radio": what was said is missing
    to = next((i for i, w in enumerate(words) if w.lower() == "to"), None)
    finite = next((i for i, r in enumerate(readings[1:], 1) if r and (
        r[1][:3] in ("VBZ", "VBD") or r[1] in ("VB", "VB?") and _plural_before(words, i))), None)
    if last and last[0] in SPEECH_LEMMAS and re.search(r",\s[^,]+\s\S+s$", headline):
        return False  # "Comprehensive military alliance, Vucic announces": the news is before the comma
    if to is not None and 0 < to <= 6 and (finite is None or to < finite):
        return words[0].lower() not in _VAGUE_SUBJECTS  # "Israel to free 2,000 prisoners", not "They to halt"
    return finite is not None


def _plural_before(words: list[str], i: int) -> bool:
    """Whether the words before words[i] end with a plural subject, whose verb is in its plain form:
    "Officers fire", "Israel and Hamas sign", "People rally"."""
    prev = words[i - 1].lower()
    if plural_noun(prev) or prev in ("people", "police"):
        return True
    return words[i - 1][:1].isupper() and "and" in (w.lower() for w in words[:i - 1])


def _kind_title(e: EventDraft, registry) -> str:
    actors = registry.actors
    states = [p for p in e.participants if actors[p].kind in ("state",)]
    orgs = [p for p in e.participants if actors[p].kind in ("organization", "alliance", "company", "other")]
    persons = [p for p in e.participants if actors[p].kind == "person"]
    # Count how often each participant appears across accounts, to keep the central ones.
    cnt = Counter()
    for c in e.cands:
        for p in c.participants:
            cnt[p] += 1
    def top(lst, n):
        return sorted(sorted(lst, key=lambda p: (-cnt[p], p))[:n])
    objs = Counter(c.obj for c in e.cands if c.obj and c.kind == e.kind)
    obj = max(sorted(objs), key=lambda o: (objs[o], len(o))) if objs else ""
    trig = Counter(c.trigger for c in e.cands)
    trigger = max(sorted(trig), key=lambda t: trig[t]) if trig else ""
    names = [actors[p].name for p in (top(states, 3) or top(orgs, 2) or top(persons, 2))]
    who = "–".join(names)
    loc = e.location
    if e.kind == "declaration" and trigger in ("adopted", "declared", "proclaimed", "strategy"):
        t = f"{who} {obj or 'policy'} adopted"
    elif e.kind in ("agreement", "declaration"):
        t = f"{who} {obj or e.kind} signed"
    elif e.kind == "visit":
        host = registry.by_key.get(fold_key(loc)) if loc else None
        guests = [p for p in persons if host is None or host not in actors[p].affiliations]
        visitor = top(guests, 1) or top(persons, 1) or top([p for p in states if p != host], 1) or top(states, 1)
        t = f"{actors[visitor[0]].name if visitor else who} visit" + (f" to {loc}" if loc else "")
    elif e.kind == "meeting":
        t = f"{' and '.join(actors[p].name for p in top(persons, 2)) or who} meeting" + (f" in {loc}" if loc else "")
    elif e.kind == "vote":
        bodies = sorted(orgs, key=lambda p: (not re.search(r"Assembly|Parliament|Council|Congress|Senate", actors[p].name),
                                             -cnt[p], p))[:1]
        t = f"{actors[bodies[0]].name if bodies else who} vote" + (f" on {obj}" if obj else "")
    elif e.kind == "military action":
        t = obj if obj and not re.fullmatch(_OBJECT_NOUNS, obj.split()[-1], re.I) else \
            f"{' '.join(actors[p].name for p in top(orgs, 1)) or who} {trigger}"
    elif e.kind == "transaction":
        t = f"{who} purchase" + (f" of {obj}" if obj else "")
    elif e.kind == "sanction":
        t = f"{who} sanctions"
    elif e.kind == "statement":
        # Who spoke, rather than the state they speak for.
        speaker = " and ".join(actors[p].name for p in top(persons, 2)) or who
        t = f"{speaker} {obj + ' ' if obj else ''}announcement"
    else:
        t = f"{who} {trigger}"
    t = re.sub(r"\s+", " ", t).strip()
    return t[:1].upper() + t[1:]


class EventList(list):
    """Events, with an index from (article, sentence) to the event told there, and each article's main
    event. The indexes have what claims read of the events' candidates: each event's are let go once
    indexed (all of them at once, the indexes beside them, were the merge's peak of memory)."""

    def __init__(self, events):
        super().__init__(events)
        # article -> sentence -> event: one small dict per article, not a tuple key per sentence
        # (200,000 of them at 10,000 articles)
        self.by_sentence: dict[int, dict[int, str]] = {}
        self.by_doc: dict[int, list[tuple[EventDraft, int]]] = {}  # article -> (event, how many of its candidates)
        self.by_source: dict[str, list[str]] = {}  # source slug -> slugs of the events it tells
        for e in events:
            per_doc = Counter(c.doc for c in e.cands)
            for doc in sorted(per_doc):
                self.by_doc.setdefault(doc, []).append((e, per_doc[doc]))
            for c in sorted(e.cands, key=lambda c: (c.doc, c.sent_index, c.pos)):
                self.by_sentence.setdefault(c.doc, {}).setdefault(c.sent_index, e.slug)
            for src in e.sources:
                self.by_source.setdefault(src, []).append(e.slug)
            e.cands = []
        self.primary: dict[int, str | None] = {}

    def drop_claim_indexes(self) -> None:
        """Let go of what only claims and disagreements read (by_sentence, by_doc, primary): by_doc
        holds every event, which would otherwise outlive its entry (accounts, texts and all)."""
        self.by_sentence, self.by_doc, self.primary = {}, {}, {}


def doc_candidates(doc, registry) -> list[EvCand]:
    """One article's event candidates (needs its mentions, places and publication date)."""
    return _doc_candidates(doc, registry)


def _dateline_place(d) -> str:
    """The place an article was filed from: its wire dateline's, or in the region's languages the
    place its date line begins with ("Beograd, 1. aprila 2025.", "Tiranë, 19 mars 2025")."""
    h = d.header
    if h.dateline_place:
        return h.dateline_place
    lang = getattr(d, "lang", "en")
    if lang == "en" or not h.date_line or "," not in h.date_line:
        return ""
    return gz.local_place_name(h.date_line.partition(",")[0], lang)


def extract_events(docs, registry, per_doc: list[list[EvCand]] | None = None, known=()) -> "EventList":
    """Events of a corpus; per_doc: each article's doc_candidates, when already found (handed over:
    emptied, so that candidates in no event go once merged); known: the events in content/
    (KnownEvent), whose slugs the same happenings keep."""
    per_doc = per_doc if per_doc is not None else [_doc_candidates(d, registry) for d in docs]
    _date_by_story(docs, registry, per_doc)
    cands: list[EvCand] = []
    for found in per_doc:
        cands.extend(found)
    per_doc.clear()
    events = _told_together(_merge(cands, registry))
    events = _told_alike_across(events, docs, registry)
    events = _only_ones_alike(events, docs, registry)
    _attach_weekdays(events, cands, docs, registry)
    del cands
    # Keep events that matter: a dated happening with participants, or one a clause tells whoever
    # acts in it ("the quake struck central Myanmar on Friday").
    events = [e for e in events if e.participants or any(tells_happening(c.headline) for c in e.cands)]
    kept = _known_slugs(events, known, docs)
    used: set[str] = set(kept.values()) | {k.slug for k in known}
    next_n: dict[str, int] = {}
    firsts_of: list[list[EvCand]] = []  # each event's first candidate in each of its sources
    for e in events:
        locs = Counter(c.location for c in e.cands if c.location)
        e.location = max(sorted(locs), key=lambda l: locs[l]) if locs else ""
        if not e.location and e.date and e.date.day:
            for c in e.cands:
                d = docs[c.doc]
                place = _dateline_place(d)
                if place and d.published == e.date:
                    e.location = place
                    break
        e.title = _title(e, registry)
        if id(e) in kept:
            e.slug = kept[id(e)]
        else:
            base = slugify(f"{e.date.iso()} {e.title}", max_length=80)
            # Suffixes below next_n[base] are taken already: start there (the same slugs, without a
            # quadratic search when many events share a title).
            n = next_n.get(base, 2)
            slug = base if n == 2 else f"{base}-{n}"
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            next_n[base] = n
            used.add(slug)
            e.slug = slug
        e.sources = sorted({c.source for c in e.cands})
        firsts: dict[str, EvCand] = {}
        for c in e.cands:
            if c.source not in firsts or c.pos < firsts[c.source].pos:
                firsts[c.source] = c
        firsts_of.append([firsts[src] for src in e.sources])
        where = f" in {e.location}" if e.location and not re.search(
            rf"\b(?:in|to|at)\s+{re.escape(e.location)}\b", e.title) else ""
        e.body = f"{e.title}{where}, {e.date.human() if e.date else 'date unknown'}."
    firsts_of = list(zip(events, firsts_of))
    events.sort(key=lambda e: (e.date.sort_key() if e.date else (9999, 0, 0), e.slug))
    out = EventList(events)  # (which lets the candidates go, before claims arrive)
    # Each source's account is its first sentence telling the event: the texts made once the other
    # candidates are gone, not beside them.
    texts = sentence_texts(docs, {(c.doc, c.sent_index) for _, firsts in firsts_of for c in firsts if not c.sentence})
    for e, firsts in firsts_of:
        e.accounts = [{"source": c.source, "text": _excerpt(c.sentence or texts[(c.doc, c.sent_index)])}
                      for c in firsts]
    return out


def _known_slugs(events: list[EventDraft], known, docs) -> dict[int, str]:
    """id(event) -> the slug of the entry in content/ that tells the same happening: dates that agree
    as far as both go and a source in common (then participants in common), each entry to one event
    at most, the best-matched first. A happening found again keeps its file whatever its title."""
    if not known:
        return {}
    seed_of = {d.slug: d.seed.path for d in docs}
    by_seed: dict[str, list] = {}
    by_day: dict[str, list] = {}
    for k in known:
        for seed in k.seeds:
            by_seed.setdefault(seed, []).append(k)
        if len(k.date) == 10:
            by_day.setdefault(k.date, []).append(k)
    pairs = []
    for e in events:
        seeds = {seed_of[c.source] for c in e.cands if c.source in seed_of}
        # Another source telling the same happening: the same day and two of its participants.
        alike = [k for k in by_day.get(e.date.iso(), ()) if len(set(k.participants) & set(e.participants)) >= 2]
        for k in {id(k): k for k in [*alike, *(k for seed in seeds for k in by_seed.get(seed, ()))]}.values():
            date = PartialDate.parse(k.date)
            if date is None or not _dates_agree(EventDraft(date=date), e):
                continue
            score = (len(seeds & set(k.seeds)), len(set(e.participants) & set(k.participants)),
                     date == e.date)
            pairs.append((score, k.slug, id(e)))
    out: dict[int, str] = {}
    taken: set[str] = set()
    for _, slug, eid in sorted(pairs, reverse=True):
        if eid not in out and slug not in taken:
            out[eid] = slug
            taken.add(slug)
    return out


def sentence_texts(docs, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The text of each (article, sentence) wanted, each article's text unpacked once (see
    extract.Doc.pack) and let go again."""
    by_doc: dict[int, list[int]] = {}
    for d, i in wanted:
        by_doc.setdefault(d, []).append(i)
    out = {}
    for d in sorted(by_doc):
        doc = docs[d]
        unpack = getattr(doc, "unpack", None)
        if unpack is not None:
            unpack()
        for i in by_doc[d]:
            out[(d, i)] = _sentence_text(doc, i)
        if unpack is not None:
            doc.drop_text()
    return out


def _sentence_text(doc, i: int) -> str:
    get = getattr(doc, "sentence_text", None)
    return get(i) if get else doc.sentences[i].text


def _excerpt(sentence: str, limit: int = 300) -> str:
    s = sentence.strip()
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def add_disagreements(events: list[EventDraft], docs, claims: dict, numbers: dict, registry) -> None:
    from sitegen.ingest.claims import (DisagreementContext, characterisation_disagreements, number_disagreements,
                                       story_number_disagreements)
    from sitegen.ingest.stances import stance_disagreements
    ctx = DisagreementContext(docs, claims, events)
    for e in events:
        dis = number_disagreements(e, ctx.by_slug, numbers) + characterisation_disagreements(
            e, docs, claims, registry, events, ctx)
        e.disagreements = dis
    by_slug = {e.slug: e for e in events}
    stories = _stories(events, docs, registry)
    for slug, found in story_number_disagreements(stories, numbers, by_slug) + stance_disagreements(stories, claims,
                                                                                                    by_slug):
        have = [{a["value"] for a in d["accounts"]} for d in by_slug[slug].disagreements]
        by_slug[slug].disagreements.extend(
            d for d in found if not any({a["value"] for a in d["accounts"]} <= values for values in have))


def _stories(events: list[EventDraft], docs, registry=None) -> list[list]:
    """The articles that tell one story. Two articles are joined when they report an event together
    and name alike an actor few articles of the corpus name (a story's own actors, not a president
    named everywhere) that is a person or a body, not a state or an alliance, or when, published
    within a month of each other, they name two such actors alike."""
    parent = {d.slug: d.slug for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    named = {d.slug: _actors_named(d, registry) for d in docs}
    rare = _rare_actors(named)
    own = _story_actors(rare, registry)
    for e in events:
        srcs = [s for s in e.sources if s in parent]
        for other in srcs[1:]:
            if registry is None or named[srcs[0]] & named[other] & own:
                parent[root(other)] = root(srcs[0])
    published = {d.slug: d.published for d in docs}
    for a, b in _sharing_rare_actors(named, rare):
        if _within_a_month(published[a], published[b]) and len(named[a] & named[b] & own) >= 2:
            parent[root(b)] = root(a)
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(root(d.slug), []).append(d)
    return [g for _, g in sorted(groups.items())]


def _within_a_month(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two publication dates lie within about a month (or either is unknown)."""
    if a is None or b is None or not a.month or not b.month:
        return True
    return abs((a.year * 12 + a.month) - (b.year * 12 + b.month)) <= 1


def _actors_named(doc, registry) -> frozenset[str]:
    """The actors an article names (not the outlets it cites)."""
    if registry is None:
        return frozenset()
    mentions = doc.mentions
    slugs = mentions.slug_list() if hasattr(mentions, "slug_list") else [m.slug for m in mentions]
    return frozenset(s for s in slugs if s in registry.actors and registry.actors[s].kind != "media")


def _rare_actors(named: dict[str, frozenset[str]]) -> set[str]:
    """Actors few articles name: at most an eighth of them (two in a small corpus) and at most 50,
    so that a corpus of many stories is not one."""
    df: Counter = Counter(a for actors in named.values() for a in actors)
    cap = min(50, max(2, len(named) // 8))
    return {a for a, n in df.items() if n <= cap}


def _story_actors(rare: set[str], registry) -> set[str]:
    """The rare actors (_rare_actors) that are people or bodies: a state or an alliance is named in
    many stories of its region, and two articles that name it alike need not tell one ("Iran" in a
    port blast and in nuclear talks, "Iraq" in both a flood and the blast's aid)."""
    return {a for a in rare if registry is not None and registry.actors[a].kind not in ("state", "alliance")}


def _sharing_rare_actors(named: dict[str, frozenset[str]], rare: set[str]) -> list[tuple[str, str]]:
    """Pairs of articles that name two rare actors alike."""
    by_actor: dict[str, list[str]] = {}
    for slug in sorted(named):
        for actor in named[slug] & rare:
            by_actor.setdefault(actor, []).append(slug)
    # The pairs counted one article at a time: all of a large corpus's pairs at once held tens of MiB.
    out = []
    for a in sorted(named):
        shared: Counter = Counter()
        for actor in named[a] & rare:
            slugs = by_actor[actor]
            shared.update(slugs[bisect.bisect_right(slugs, a):])
        out.extend((a, b) for b, n in shared.items() if n >= 2)
    return sorted(out)
