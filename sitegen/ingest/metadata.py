"""Metadata of one article: headline, byline, date line, dateline, and the publication date.

Also the date-expression finder and resolver used by events.py: explicit dates of any precision
("1 April 2025", "April 2025", "in 2023"), partial ones ("on 1 April", "March 18", "in March",
"Tuesday") and relative ones ("last year", "this week", "26 years later"), resolved against a
reference date at honest precision (a month stays a month).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import ahocorasick

from sitegen.dates import PartialDate
from sitegen.ingest.gazetteer import SPECIAL_FOLDS, Caseless, WordScanner, matches_at

MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
            "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "a": 1, "an": 1}

_M = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December" \
     r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_M2 = _M.replace("?P<mon>", "?P<mon2>")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_Y = r"(?P<year>(?:1[89]|20)\d\d)"

_DATE_RX = re.compile(
    "|".join([
        # 2025-04-01
        r"(?P<iso>\b(?:19|20)\d\d-[01]\d-[0-3]\d\b)",
        # 01.04.2025. / 1.4.2025
        r"(?P<dotted>\b[0-3]?\d\.[01]?\d\.(?:19|20)\d\d\b\.?)",
        # 2025.04.13. / 2025. 04. 13. (year first, as Hungarian and East Asian sites write it)
        r"(?P<ydotted>\b(?:19|20)\d\d\.\s?[01]?\d\.\s?[0-3]?\d\b\.?)",
        # 1 April 2025 / 1 April, 2025 / 1 April
        rf"(?P<dmy>\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b)",
        # April 1, 2025 / April 1 / Sept 14
        rf"(?P<mdy>\b{_M2}\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|per|billion|million|\d))(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?)",
        # April 2025 / in March / March this year
        r"(?P<my>\b(?:(?P<mmod>last|this|next|past)\s)?"
        r"(?P<mon3>January|February|March|April|May|June|July|August|September|October|November|December)"
        r"(?:\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d)\b|(?P<mrel>\s+(?:this|last|next) year)\b)?)",
        # Tuesday / on Tuesday / last Tuesday
        rf"(?P<wdx>\b(?P<wmod>last|next|this|on|previous|earlier on|late on|early on)?\s*{_WD}\b)",
        # relative expressions
        r"(?P<rel>\b(?:(?:earlier |later )?(?:last|this|next|previous|past) (?:year|month|week)"
        r"|(?:the )?(?:year|month|week) before|yesterday|today|tomorrow"
        # the day before, the next day: a day next to the date the text gave last
        r"|(?P<dayrel>the day (?:before|after)|the (?:next|following|previous) day)"
        # the following year: the year after the one the text gave last
        r"|(?P<yfollow>the following year)"
        r"|(?P<nlater>(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
        r"|a) (?P<unit>years?|decades?|months?|weeks?|days?) (?P<dir>later|ago|after|earlier|before))\b)",
        # in 2023 / the 1999 Nato bombing / 2019 Strategy: a bare year
        rf"(?P<yonly>(?<![\d$€£.,/-])\b{_Y}\b(?![\d%]|\.\d|,\d|-\d|\s*(?:%|percent|per cent|euros?|dollars?|km|people|soldiers|troops|times)\b))",
    ]),
    re.IGNORECASE,
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # full | month_year | year | day_month | month | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    mod: str = ""  # last | next | this | on | ''
    rel: str = ""  # for relative: the normalised phrase
    n: int = 0  # for "N years later/ago"


def _mon(s: str) -> int:
    return MONTH_NAMES[s.lower().rstrip(".")]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in a text, left to right (a fresh list; mentions are shared, do not mutate)."""
    return list(_find_dates_cached(text))


@functools.lru_cache(maxsize=4096)
def _find_dates_cached(text: str) -> tuple:
    return dates_in(text)


_MAYBE_DATE = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
                         r"last|this|next|previous|past|yesterday|today|tomorrow|year|month|week|decade|day)", re.I)


# Where a date expression can begin: at a word start, a digit or one of these words' first three
# letters ("on", "a " and words written with letters that fold case specially are simply tried).
# A weekday written after a space may also begin at the space: it then begins at the weekday just the
# same. Trying _DATE_RX only there finds exactly the dates _DATE_RX.finditer finds, several times faster
# (the character class lets the regex engine skip ahead; the alternation of _DATE_RX cannot).
_DATE_FIRST = re.compile(r"[\dadefjlmnopstwyADEFJLMNOPSTWY\u017f\u212a](?<!\w.)")
_DATE_PREFIXES = frozenset(
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun yes tod tom yea wee las nex thi "
    "pre ear lat pas the one two thr fou fiv six sev eig nin ten ele twe fif".split())


def date_starts(text: str) -> list[int]:
    """Where in text a date expression may begin (a superset of where one does, and a subset of
    _scan_date_starts(text)). Also right for any slice of text that begins after a space or at the
    start: take the positions inside it.

    Every date expression holds an anchor: a digit where it begins; a month's name where it begins
    or after a modifier ("last August"); a weekday's name after at most a modifier ("earlier on")
    and spaces; "year", "month", "week", "decade" or "day" at most 17 characters after where it
    begins ("earlier previous year", "the following day"); or "yesterday",
    "today", "tomorrow". The anchors are found in one pass (a digit's position is already a start);
    only the words before a weekday or a unit are looked at one by one."""
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in SPECIAL_FOLDS):
        return _scan_date_starts(text)  # case folding that changes lengths or matches specially
    out = [m.start() for m in _DIGIT_START.finditer(text)]
    windows: list[tuple[int, int]] = []
    for end, (length, back) in _ANCHORS.iter(low):
        p = end - length + 1
        at_word_start = p == 0 or not (text[p - 1].isalnum() or text[p - 1] == "_")
        if back < 0:  # a weekday, perhaps run into its modifier ("lastMonday")
            q = p
            while q > 0 and text[q - 1].isspace():
                q -= 1
            windows.append((q - _MODIFIER_BACK, p))
        elif not at_word_start:
            continue
        elif back:
            windows.append((p - back, p))
        else:
            out.append(p)
    if windows:
        windows.sort()
        lo, hi = windows[0]
        for a, b in windows[1:]:
            if a > hi:
                out.extend(_scan_date_starts(text, lo, hi))
                lo = a
            hi = max(hi, b)
        out.extend(_scan_date_starts(text, lo, hi))
        out = sorted(set(out))
    else:
        out.sort()
    return out


def _scan_date_starts(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Every word start in text[lo:hi + 1] (hi included) where a date expression may begin, by its
    first letters."""
    prefixes = _DATE_PREFIXES
    out = []
    scan = _DATE_FIRST.finditer(text, max(lo, 0)) if hi is None else _DATE_FIRST.finditer(text, max(lo, 0), hi + 1)
    for c in scan:
        p = c.start()
        if not text[p].isdecimal():
            k = text[p:p + 3].lower()
            if k not in prefixes and k[:2] not in ("on", "a ") and k.isascii():
                continue
        out.append(p)
    return out


_DIGIT_START = re.compile(r"\d(?<!\w\d)")
# "earlier on": the longest modifier before a weekday. "earlier previous ": the longest words
# before a unit.
_MODIFIER_BACK = 10
_UNIT_BACK = 17
_MONTH_BACK = 5  # "last August"


def _date_anchors() -> ahocorasick.Automaton:
    """The anchors of date_starts, each with its length and how far before it a date may begin (-1: a
    weekday, whose modifier may be separated from it by any run of spaces)."""
    auto = ahocorasick.Automaton()
    for w in "yesterday today tomorrow".split():
        auto.add_word(w, (len(w), 0))
    for w in "jan feb mar apr may jun jul aug sep oct nov dec".split():
        auto.add_word(w, (len(w), _MONTH_BACK))
    for w in "year month week decade day".split():
        auto.add_word(w, (len(w), _UNIT_BACK))
    for w in "monday tuesday wednesday thursday friday saturday sunday".split():
        auto.add_word(w, (len(w), -1))
    auto.make_automaton()
    return auto


_ANCHORS = _date_anchors()


def date_matches(text: str, starts: list[int] | None = None):
    """The same matches as _DATE_RX.finditer(text), tried only where a date can begin."""
    return matches_at(_DATE_RX, text, date_starts(text) if starts is None else starts)


def dates_in(text: str, starts: list[int] | None = None) -> tuple:
    """find_dates(text) without its cache, given date_starts(text) (or a superset of them)."""
    matches = list(date_matches(text, starts))
    if not matches:
        return ()
    # The old gate: texts without a digit or a date word at a word start have no dates. A digit
    # anywhere passes it.
    if not any(ch.isdecimal() for m in matches for ch in m.group()) and not _MAYBE_DATE.search(text):
        return ()
    return tuple(_find_dates(text, matches))


def _find_dates(text: str, matches=None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in (date_matches(text) if matches is None else matches):
        s, e, g = m.start(), m.end(), m.group(0)
        if m.group("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            if _valid(y, mo, d):
                out.append(DateMention(s, e, g, "full", y, mo, d))
        elif m.group("ydotted"):
            y, mo, d = (int(x) for x in re.findall(r"\d+", m.group("ydotted")))
            if _valid(y, mo, d):
                out.append(DateMention(s, e, g, "full", y, mo, d))
        elif m.group("dotted"):
            parts = [int(x) for x in re.findall(r"\d+", m.group("dotted"))]
            d, mo, y = parts
            if _valid(y, mo, d):
                out.append(DateMention(s, e, g, "full", y, mo, d))
        elif m.group("dmy"):
            d, mo = int(m.group("d1")), _mon(m.group("mon"))
            y = int(m.group("y1")) if m.group("y1") else None
            if _valid(y or 2000, mo, d):
                out.append(DateMention(s, e, g, "full" if y else "day_month", y, mo, d))
        elif m.group("mdy"):
            mon_text = m.group("mon2")
            d, mo = int(m.group("d2")), _mon(mon_text)
            y = int(m.group("y2")) if m.group("y2") else None
            # "May 2" is ambiguous with the verb "may": require capital M or a clear date context.
            if mon_text.lower() == "may" and not mon_text[0].isupper():
                continue
            if _valid(y or 2000, mo, d):
                out.append(DateMention(s, e, g, "full" if y else "day_month", y, mo, d))
        elif m.group("my"):
            mon_text = m.group("mon3")
            if not mon_text[0].isupper():
                continue
            mo = _mon(mon_text)
            if m.group("y3"):
                out.append(DateMention(s, e, g, "month_year", int(m.group("y3")), mo))
            elif mon_text.lower() == "may" and not m.group("mmod") and not re.search(r"\b(?:in|since|until|by|early|late|mid|of|last|next|this|from|to|before|after|on)\s+$", text[max(0, s - 12):s], re.I):
                continue
            else:
                rel = (m.group("mrel") or "").strip().lower() or (m.group("mmod") or "").lower().replace("past", "last")
                out.append(DateMention(s, e, g, "month", None, mo, rel=rel))
        elif m.group("wdx"):
            wd_text = m.group("wd")
            if not wd_text[0].isupper():
                continue
            mod = (m.group("wmod") or "").lower()
            # The weekday starts at group "wd"; keep the modifier in the span.
            out.append(DateMention(m.start("wd") if not mod else s, e, g.strip(), "weekday",
                                   weekday=WEEKDAYS[wd_text.lower()], mod=mod.split()[-1] if mod else ""))
        elif m.group("rel"):
            phrase = m.group("rel").lower()
            n = 0
            if re.search(r"(?:before|after)$", phrase) and not re.match(r"\s*(?:[,.;:)]|$)", text[e:]):
                # "came six days after China declared …": the happening after it lies that many days
                # before the day the text gave last; "three years before being taken into custody"
                # counts from a happening no date gives
                unit = (m.group("unit") or "").lower().rstrip("s")
                if m.group("nlater") and unit in ("day", "week") and _CLAUSE_NEXT.match(text, e):
                    nl = m.group("nlater").lower()
                    n = (int(nl) if nl.isdigit() else NUMBER_WORDS.get(nl, 1)) * (7 if unit == "week" else 1)
                    rel = "day earlier" if phrase.endswith("after") else "day later"
                    out.append(DateMention(s, e, g, "relative", rel=rel, n=n))
                continue
            if m.group("dayrel"):
                n, phrase = 1, "day earlier" if re.search(r"before|previous", phrase) else "day later"
            elif m.group("yfollow"):
                # (not "year later": "26 years later" may be the year of writing, this never is)
                n, phrase = 1, "following year"
            elif m.group("nlater"):
                nl = m.group("nlater").lower()
                n = int(nl) if nl.isdigit() else NUMBER_WORDS.get(nl, 1)
                unit = m.group("unit").lower().rstrip("s")
                if unit == "decade":
                    n *= 10
                    unit = "year"
                if unit == "week":
                    n *= 7
                    unit = "day"
                direction = m.group("dir").lower()
                phrase = f"{unit} {'later' if direction in ('later', 'after') else 'ago' if direction == 'ago' else 'earlier'}"
            out.append(DateMention(s, e, g, "relative", rel=phrase, n=n))
        elif m.group("yonly"):
            if _NUMBERED_BEFORE.search(text, max(0, s - 60), s) or _numbers_listed(text, s):
                continue  # "resolutions 1737, 1803 and 1835", "flight 1549": numbers, not years
            y = int(m.group("year"))
            # Skip years used as parts of names or counts: "Agenda 2030" is still a year; keep it.
            out.append(DateMention(s, e, g, "year", y))
    return _years_shared(text, out)


# What opens a clause with its own verb after "six days after": a subject ("China declared", "the
# delegations signed", "Beijing announced").
_CLAUSE_NEXT = re.compile(r"\s+(?:[\w'’-]+\s+){1,5}?(?:[a-z]+ed|began|met|won|lost|took|struck|fell|held|made|"
                          r"sent|shot|went|came|left|broke|drew|gave|hit|set|led|put|ran|rose|saw|told|wrote|said)\b")
_THAT_YEAR = re.compile(r",?\s+(?:of\s+|in\s+)?(?:that|the\s+same)\s+year\b", re.I)
_YEAR_AFTER = re.compile(r",?\s+(last|this|next)\s+year\b(?!['’]s)", re.I)
_JOINED = re.compile(r"\s*(?:and|or|to|through|until|-|–)\s*", re.I)


def _years_shared(text: str, found: list[DateMention]) -> list[DateMention]:
    """A day or month without a year that the text gives a year right after: "August 5 last year"
    (the phrase is the day's, not a date of its own), "in July and August of 2024" (the year of
    the month it is joined to)."""
    out: list[DateMention] = []
    skip = -1
    for i, dm in enumerate(found):
        if i == skip:
            continue
        if dm.kind in ("day_month", "month") and not dm.rel:
            m = _YEAR_AFTER.match(text, dm.end)
            then = _THAT_YEAR.match(text, dm.end)
            if not then and i + 1 < len(found) and found[i + 1].kind == dm.kind \
                    and _JOINED.fullmatch(text, dm.end, found[i + 1].start):
                then = _THAT_YEAR.match(text, found[i + 1].end)  # "July and August of that year"
            if then:
                dm = replace(dm, rel="that year")  # the year the text gave last
            elif m:
                dm = replace(dm, end=m.end(), text=text[dm.start:m.end()], rel=f"{m.group(1).lower()} year")
                if i + 1 < len(found) and found[i + 1].start < m.end():
                    skip = i + 1  # (the "last year" found on its own)
            elif dm.kind == "month" and i + 1 < len(found) and found[i + 1].kind in ("month_year", "full") \
                    and _JOINED.fullmatch(text, dm.end, found[i + 1].start):
                dm = replace(dm, kind="month_year", year=found[i + 1].year)
        out.append(dm)
    return out


def _numbers_listed(text: str, pos: int) -> bool:
    """Whether the four digits at pos are one of a list of such numbers that no word of time leads
    into ("resolutions restored are 1696, 1737 and 1747, … together with 1803, 1835 and 1929"), not a
    list of years ("in 1972, 1975 and 2009")."""
    for m in _FOUR_DIGIT_LIST.finditer(text, max(0, pos - 40), min(len(text), pos + 40)):
        if m.start() <= pos < m.end():
            return not _YEAR_LEAD.search(text, max(0, m.start() - 12), m.start())
    return False


_FOUR_DIGIT_LIST = re.compile(r"(?<![\w.,])\d{4}(?:\s*,\s*(?:and\s+)?\d{4}|\s+(?:and|&)\s+\d{4})+(?![\w.]\d)")
_YEAR_LEAD = re.compile(r"\b(?:in|since|from|between|until|till|by|of|during|before|after|around|circa|and|years?)\s+$",
                        re.I)


_NUMBERED_BEFORE = re.compile(r"\b(?:resolutions?|no\.|nos\.|numbers?|flights?|articles?|sections?|chapters?|items?|"
                              r"models?|codes?|routes?|highways?|rooms?|pages?|paragraphs?)\s+(?:\d{3,4}\s*(?:,|and|&)\s*)*$",
                              re.I)
_FUTURE = Caseless(r"\b(?:will|shall|would(?!\s+have\b)|is due|are due|is expected|are expected|plans? to|planned for|scheduled|next|upcoming|"
                   r"is to|are to|to take effect|set to|slated|"
                   r"(?:expected|due)\s+(?:in|on|by|before|around|early|late))\b")  # ("an election expected in December")


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def resolve(dm: DateMention, ref: PartialDate | None, sentence: str = "", prev_year: int | None = None,
            prev_day: PartialDate | None = None) -> PartialDate | None:
    """Resolve a date mention against the reference (publication) date, keeping honest precision.
    `prev_year` and `prev_day`: the year and the day the text gave last, which "26 years later"
    and "the day before" count from."""
    future = bool(_FUTURE.search(sentence))
    if dm.kind == "relative" and dm.rel in ("day later", "day earlier"):
        if prev_day is None or not prev_day.day:
            return None
        sign = 1 if dm.rel == "day later" else -1
        d = dt.date(prev_day.year, prev_day.month, prev_day.day) + dt.timedelta(days=sign * dm.n)
        return PartialDate(d.year, d.month, d.day)
    if dm.kind == "relative" and dm.rel == "day ago":
        if ref is None or not ref.day:
            return None
        d = dt.date(ref.year, ref.month, ref.day) - dt.timedelta(days=dm.n)
        return PartialDate(d.year, d.month, d.day)
    if dm.kind == "full":
        return PartialDate(dm.year, dm.month, dm.day)
    if dm.kind == "month_year":
        return PartialDate(dm.year, dm.month)
    if dm.kind == "year":
        return PartialDate(dm.year)
    if dm.kind == "relative":
        if dm.rel in ("year later", "following year") and prev_year:
            return PartialDate(prev_year + dm.n)
        if dm.rel in ("year earlier",) and prev_year:
            return PartialDate(prev_year - dm.n)
        if ref is None:
            return None
        if dm.rel == "year ago":
            return PartialDate(ref.year - dm.n)
        if dm.rel == "month ago" and ref.month:
            y, m = _shift_month(ref.year, ref.month, -dm.n)
            return PartialDate(y, m)
        phrase = dm.rel.replace("earlier ", "").replace("later ", "")
        if phrase in ("last year", "previous year", "past year", "the year before", "year before"):
            return PartialDate(ref.year - 1)
        if phrase == "this year":
            return PartialDate(ref.year)
        if phrase == "next year":
            return PartialDate(ref.year + 1)
        if ref.month:
            if phrase in ("last month", "previous month", "the month before", "month before", "past month"):
                y, m = _shift_month(ref.year, ref.month, -1)
                return PartialDate(y, m)
            if phrase == "this month":
                return PartialDate(ref.year, ref.month)
            if phrase == "next month":
                y, m = _shift_month(ref.year, ref.month, 1)
                return PartialDate(y, m)
            if phrase in ("this week", "past week"):
                return PartialDate(ref.year, ref.month)
            if ref.day and phrase in ("yesterday", "today", "tomorrow"):
                delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[phrase]
                d = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=delta)
                return PartialDate(d.year, d.month, d.day)
            if phrase in ("today",):
                return PartialDate(ref.year, ref.month)
        return None
    if dm.kind == "day_month":
        if ref is None:
            return None
        if dm.rel == "that year":  # "on August 5 that year": the year the text gave last
            return PartialDate(prev_year, dm.month, dm.day) if prev_year and _valid(prev_year, dm.month, dm.day) else None
        if dm.rel:  # "August 5 last year"
            y = ref.year + {"last year": -1, "next year": 1}.get(dm.rel, 0)
            return PartialDate(y, dm.month, dm.day) if _valid(y, dm.month, dm.day) else None
        y = ref.year
        if ref.month and not future:
            rd = ref.day or 28
            if (dm.month, dm.day) > (ref.month, rd) and (dm.month - ref.month) % 12 > 1:
                y -= 1
        if ref.month and future and (dm.month, dm.day) < (ref.month, ref.day or 1) and ref.month - dm.month > 2:
            y += 1
        return PartialDate(y, dm.month, dm.day) if _valid(y, dm.month, dm.day) else None
    if dm.kind == "month" and dm.rel == "that year":  # "between July and August of that year"
        return PartialDate(prev_year, dm.month) if prev_year else None
    if dm.kind == "month":
        if ref is None:
            return None
        y = ref.year
        if dm.rel == "last year":
            y -= 1
        elif dm.rel == "next year":
            y += 1
        elif dm.rel == "last" and ref.month and dm.month >= ref.month:
            y -= 1  # "last August", written in April or in August
        elif dm.rel == "next" and ref.month and dm.month <= ref.month:
            y += 1
        elif dm.rel == "this":
            pass  # "this May": of the reference's year
        elif not dm.rel and ref.month and dm.month > ref.month and not future:
            y -= 1
        elif not dm.rel and ref.month and dm.month < ref.month and future:
            y += 1  # "an election is due in January", written in December
        return PartialDate(y, dm.month)
    if dm.kind == "weekday":
        if ref is None or not ref.day:
            return None
        r = dt.date(ref.year, ref.month, ref.day)
        if dm.mod == "next" or (future and dm.mod != "last"):
            # "is due to receive him on Sunday", written on a Sunday: that day ("next Sunday": a week on)
            delta = (dm.weekday - r.weekday()) % 7 or (7 if dm.mod == "next" else 0)
            d = r + dt.timedelta(days=delta)
        else:
            delta = (r.weekday() - dm.weekday) % 7
            if dm.mod == "last" and delta == 0:
                delta = 7
            d = r - dt.timedelta(days=delta)
        return PartialDate(d.year, d.month, d.day)
    return None


# ---------------------------------------------------------------- header

_BYLINE = re.compile(r"^\s*(?:by|author|written by|autor|szerző)\s*[:\-]?\s+(?P<rest>.+)$", re.I)
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|sir)\.?\s+)+", re.I)
_TIME = r"(?<![\d.])\d{1,2}[:.]\d\d(?![.\d])(?!\s*(?:%|percent\b|per\s+cent\b))(?:\s*(?:AM|PM|a\.m\.|p\.m\.))?(?:\s*(?:GMT|UTC|CET|CEST|EET|EEST|BST)(?:[+-]\d{1,2})?)?"
_DATELINE = re.compile(
    r"^(?P<place>[A-ZČĆŠŽĐÁÉÍÓÖŐÚÜŰ][A-ZČĆŠŽĐÁÉÍÓÖŐÚÜŰ.'\- ]{2,40}?)"
    r"(?:,\s*(?P<extra>[^()\n–—-]{1,40}?))?\s*(?:\((?P<wire>[^)]{1,40})\))?\s*[-–—]{1,2}\s+")
# "Yangon, 29 March 2025 - ": a place in any case, then a date.
_DATED_LINE = re.compile(r"^(?P<place>[A-Z][\w.'’\- ]{1,40}?(?:\s*\([\w.'’\- ]{2,30}\))?),\s*(?P<extra>[^()\n–—]{4,40}?)\s*"
                         r"(?:\((?P<wire>[^)]{1,40})\)\s*(?:[-–—]{1,2}\s+)?|[-–—]{1,2}\s+|\.?\s*/(?P<wire2>[A-Z][\w-]{1,20})/\.\s+)")
_URL = re.compile(r"https?://[^\s<>\")\]]+")


def _dateline(paragraph: str) -> re.Match | None:
    """The dateline that opens a paragraph: "BELGRADE, Serbia (AA) - ", "QUITO, Nov 17 (Andean Wire)
    - ", "Yangon, 29 March 2025 - "."""
    dm = _DATELINE.match(paragraph)
    dated = _DATED_LINE.match(paragraph) if not dm else None
    if dated and any(d.kind in ("day_month", "full") for d in find_dates(dated.group("extra"))):
        dm = dated
    if dm and (dm.group("wire") or dm.group("extra") or re.match(r"^[A-Z][A-Z .'-]+\s*[-–—]", paragraph)):
        place = dm.group("place").strip()
        if len(place) >= 3 and (place.upper() == place or dm is dated):
            return dm
    return None


def dateline_end(paragraph: str) -> int:
    """Where a wire's dateline that opens a paragraph ends; 0 without one. Its date is the day of
    writing, no happening's."""
    dm = _dateline(paragraph)
    return dm.end() if dm else 0


@dataclass
class Header:
    title: str = ""
    title_derived: bool = False
    author: str = ""
    author_role: str = ""
    author_line: str = ""
    outlet: str = ""
    published: PartialDate | None = None  # explicit
    date_line: str = ""
    dateline_place: str = ""
    dateline_wire: str = ""
    dateline_date: DateMention | None = None
    url: str = ""
    furniture_date: PartialDate | None = None  # found only in the page's address or a caption
    furniture_how: str = ""
    body: list[str] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)  # header lines taken out of the body


# Longer than this, a line is never a date line: all but 12 of its characters would have to be dates,
# times, weekdays and punctuation.
_DATE_LINE_MAX = 500
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_PLACE_BEFORE_DATE = re.compile(r"^\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*\([\w.'’ -]{2,30}\))?,\s*(?=\d|[A-Z][a-z]+\s+\d)")


def _date_only(line: str) -> PartialDate | None:
    """A header line that is a date (with time, weekday, labels): its date."""
    if len(line) > _DATE_LINE_MAX:
        return None  # a paragraph, not a date line (and checking each date in it costs its length squared)
    if not _HAS_YEAR.search(line):
        return None  # every full date has a year (what the substitutions below leave cannot gain one)
    s = re.sub(r"(?i)\b(?:published|updated|posted|date|last updated|objavljeno)\s*(?:on)?\s*:?", " ", line)
    s = _PLACE_BEFORE_DATE.sub(" ", s)  # "Leidschendam (Netherlands), 26 September 2013"
    s = re.sub(_TIME, " ", s, flags=re.I)
    dates = find_dates(s)
    full = [d for d in dates if d.kind == "full"]
    if not full:
        return None
    rest = s
    for d in dates:
        rest = rest.replace(d.text, " ")
    rest = re.sub(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|[|,.–—:\-/]|\s", "", rest)
    if len(rest) > 12:
        return None
    d = full[0]
    return PartialDate(d.year, d.month, d.day)


def _clean_author(text: str) -> tuple[str, str]:
    text = text.strip().strip("*_ ")
    role = ""
    parts = re.split(r"\s*[|,]\s*|\s+-\s+|\s+–\s+", text, maxsplit=1)
    name = parts[0]
    if len(parts) > 1:
        role = parts[1].strip()
    name = _HONORIFIC.sub("", name).strip()
    name = re.sub(r"\s+(?:in|for)\s+[A-Z][\w ]+$", "", name)
    return name, role


def _is_headline(p: str) -> bool:
    if len(p) > 220 or len(p.split()) < 3:
        return False
    if _DATELINE.match(p) or _BYLINE.match(p) or _date_only(p):
        return False
    # A headline does not end like a sentence (a question mark is fine) and is not a quote-led lede.
    if p.rstrip().endswith(".") and len(p.split()) > 18:
        return False
    if re.search(r"\.\s+[A-Z]", p) and len(p.split()) > 20:
        return False
    return True


_PIECE_SEP = re.compile(r"\s+[|·•]\s+")


def _pieces(line: str) -> list[str]:
    """The parts of a header line ("Outlet · Africa desk · 2025.04.13. 19:20"), without Markdown
    emphasis."""
    if not _PIECE_SEP.search(line):
        return [line]
    return [x.strip().strip("*_ ").strip() for x in _PIECE_SEP.split(line)]


def _label_line(pieces: list[str]) -> bool:
    """Whether a header line's parts are labels (an outlet, its sections, a series), not a sentence:
    three or more, each of a few words, none ending like a sentence."""
    return len(pieces) >= 3 and all(0 < len(x.split()) <= 5 and not x.endswith((".", "?", "!")) for x in pieces)


def parse_header(paragraphs: list[str]) -> Header:
    h = Header()
    paras = list(paragraphs)
    consumed_idx: set[int] = set()
    limit = min(len(paras), 7)
    # A page's address alone on a line at the top (a saved page's first line): its URL.
    for i in range(limit):
        if _URL.fullmatch(paras[i].strip()):
            h.url = h.url or paras[i].strip().rstrip(".,;")
            consumed_idx.add(i)
    # Headline: the first paragraph when it looks like one, after an address and a line of section
    # labels ("CENTRAL AMERICA POST · Politics · Honduras Votes 2025") if the page opens with them.
    first = next((i for i in range(limit) if i not in consumed_idx
                  and not (len(_pieces(paras[i])) > 2 and not _date_only(paras[i]))), None)
    title_at = -1
    if first is not None and first <= 2 and _is_headline(paras[first]) and not _BYLINE.match(paras[first]):
        h.title = paras[first].strip()
        consumed_idx.add(first)
        title_at = first
    for i in range(limit):
        if i in consumed_idx:
            continue
        p = paras[i]
        pieces = _pieces(p)
        used = False
        for piece in pieces:
            bm = _BYLINE.match(piece)
            if bm and len(piece) < 200 and not h.author:
                h.author, h.author_role = _clean_author(bm.group("rest"))
                if h.author_role and len(pieces) == 1 and re.search(r"\b(?:at|of)\b", h.author_role) is None \
                        and len(h.author_role.split()) <= 5 and not re.search(r"[a-z]{3,}\s[a-z]", h.author_role):
                    h.outlet = h.outlet or h.author_role
                    h.author_role = ""
                h.author_line = p
                used = True
                continue
            d = _date_only(piece)
            if d and not h.published:
                h.published = d
                h.date_line = p
                used = True
                continue
            if len(pieces) > 1 and re.match(r"(?i)^\s*(?:section|category|rubrika)\s*:", piece):
                used = True
                continue
            if len(pieces) > 1 and used and not h.outlet and len(piece.split()) <= 5 and piece[:1].isupper():
                h.outlet = piece
                continue
        if not used and _label_line(pieces):
            # "CENTRAL AMERICA POST · Politics · Honduras Votes 2025": the outlet and its sections
            if not h.outlet and pieces[0][:1].isupper() and not _date_only(pieces[0]):
                h.outlet = pieces[0].title() if pieces[0].isupper() else pieces[0]
            used = True
        if h.date_line == p and len(pieces) > 1 and not h.outlet and pieces[0] != pieces[-1] \
                and len(pieces[0].split()) <= 5 and pieces[0][:1].isupper() and not _date_only(pieces[0]) \
                and not _BYLINE.match(pieces[0]):
            h.outlet = pieces[0]  # "Horn & Nile Monitor · Africa desk · 2025.04.13. 19:20"
        um = _URL.search(p)
        if um and len(p) < 300 and re.match(r"(?i)^\s*(?:url|source url|link|originally published at|source)\s*:?", p):
            h.url = um.group(0).rstrip(".,;")
            used = True
        # "Kaisa Virtanen in Helsinki": a bare byline right under the headline.
        if not used and not h.author and i <= 3 and re.fullmatch(
                r"(?:[A-ZČĆŠŽĐÁÉÍÓÖŐÚÜŰ][\w'’-]+\s){1,3}(?:in|and)\s[A-Z][\w -]{2,30}", p.strip()) \
                and len(p.split()) <= 7 and not _DATELINE.match(p):
            name, _ = _clean_author(p)
            if len(name.split()) >= 2:
                h.author, h.author_line = name, p
                used = True
        if used:
            consumed_idx.add(i)
    for i, p in enumerate(paras):
        if not h.url and len(p) < 300:
            um = _URL.search(p)
            if um and re.match(r"(?i)^\s*(?:url|source url|link|originally published at|canonical)\s*:?", p):
                h.url = um.group(0).rstrip(".,;")
                consumed_idx.add(i)
    body = []
    for i, p in enumerate(paras):
        if i in consumed_idx:
            if i != title_at:
                h.consumed.append(p)
            continue
        body.append(p)
    # Dateline of the first body paragraph: "BELGRADE, Serbia (AA) - ".
    for p in body[:3]:
        dm = _dateline(p)
        if dm:
            place = dm.group("place").strip()
            h.dateline_place = " ".join(w.capitalize() if not w.isupper() or len(w) > 3 or w not in ("US", "UK") else w
                                        for w in re.split(r"(\s+|-)", place.title()) if w).replace(" - ", "-")
            h.dateline_place = re.sub(r"\s+", " ", h.dateline_place).strip()
            wire2 = dm.groupdict().get("wire2")
            h.dateline_wire = (dm.group("wire") or wire2 or "").strip()
            extra = dm.group("extra") or ""
            dd = [d for d in find_dates(extra) if d.kind in ("day_month", "full")]
            if dd:
                h.dateline_date = dd[0]
            break
    if not h.title and body:
        h.title_derived = True
    h.body = body
    return h


_URL_DATE = re.compile(r"https?://\S*?/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?=[/-]|\.html?\b|\b)")
_CAPTION = re.compile(r"(?i)\b(?:photo|picture|image|caption|pictured|file photo|foto)\b|©|\((?:AP|AFP|Reuters|EPA)\b")


def date_outside_text(lines: list[str]) -> tuple[PartialDate | None, str]:
    """A publication date found only in a page's furniture: in the page's address
    (".../2025/05/12/slug", ".../20250512-slug") or in a photo caption's date. (date, how)."""
    for line in lines:
        for m in (_URL_DATE.finditer(line) if "://" in line else ()):
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            if _valid(y, mo, d):
                return PartialDate(y, mo, d), "url"
    for line in lines:
        if len(line) < 400 and _HAS_YEAR.search(line) and _CAPTION.search(line):
            full = [d for d in find_dates(line) if d.kind == "full"]
            if full:
                return PartialDate(full[0].year, full[0].month, full[0].day), "caption"
    return None, ""


def derive_title(lede: str) -> str:
    """A title from the lede's first clause: the words before the first comma, trimmed to 14 words."""
    text = _DATELINE.sub("", lede).strip()
    sent = re.split(r"(?<=[.!?])\s+", text)[0]
    clause = re.split(r",\s|\s[–—]\s|;\s", sent)[0]
    words = clause.split()
    if len(words) < 5:
        words = sent.split()
    if len(words) > 14:
        words = words[:12]
        while words and (re.fullmatch(r"(?i)(?:a|an|the|of|on|in|at|to|for|by|and|or|with|from|as|is|are|was|\d+\W*)", words[-1])):
            words.pop()
    title = " ".join(words).rstrip(".,;:")
    return title[:1].upper() + title[1:]


# ---------------------------------------------------------------- publication date

_YEAR_FOR = re.compile(r"\b(?:for|through|throughout|in the course of|during|of)\s+((?:19|20)\d\d)\b(?!\s*(?:-|–|to)\s*\d)", re.I)
_THIS_YEAR_IS = re.compile(r"\bthis year\s*[(,]\s*((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s*[(,]?\s*this year\b", re.I)


_YEAR_FOR_SCAN = WordScanner(_YEAR_FOR, {"for", "through", "throughout", "in", "during", "of"})


def _may_say_this_year(text: str) -> bool:
    return "this year" in text.lower() or any(c in text for c in SPECIAL_FOLDS)


@dataclass
class PubEvidence:
    strong_years: list[int] = field(default_factory=list)
    weak_years: list[int] = field(default_factory=list)
    max_year: int | None = None
    day_months: list[tuple[int, int]] = field(default_factory=list)
    lede_day_months: list[tuple[int, int]] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    lede_weekdays: list[int] = field(default_factory=list)  # the weekdays the opening paragraphs name
    dateline_date: tuple[int, int] | None = None


_SAID_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|stated|confirmed|reported|added|"
                          r"wrote|declared)\s*(?:late\s+|early\s+)?$")


def publication_evidence(text: str, dateline_date: DateMention | None, lede: str = "",
                         starts: list[int] | None = None) -> PubEvidence:
    """Evidence for the publication date; `lede` is the opening paragraphs, whose dates are the news;
    `starts`: date_starts(text), when known."""
    ev = PubEvidence()
    lede_dates = find_dates(lede)
    ev.lede_day_months = [(d.month, d.day) for d in lede_dates if d.kind == "day_month"]
    # The lede's weekdays, one something was said on first; not "Sunday's election", a day before.
    lede_days = [d for d in lede_dates if d.kind == "weekday" and d.mod in ("", "on")
                 and not re.match(r"['’]s\b", lede[d.end:])]
    ev.lede_weekdays = [d.weekday for d in sorted(
        lede_days, key=lambda d: not _SAID_BEFORE.search(lede, max(0, d.start - 40), d.start))]
    dates = list(dates_in(text, starts)) if starts is not None else find_dates(text)
    last_year = None
    said: list[int] = []  # weekdays something was said on: a wire's own day, as a rule
    for d in dates:
        if d.kind in ("year", "full", "month_year"):
            if d.kind == "year" and re.search(r"\b(?:by|until|till|before)\s+$", text[max(0, d.start - 8):d.start], re.I):
                pass
            else:
                ev.max_year = max(ev.max_year or 0, d.year)
            last_year = d.year
        elif d.kind == "relative" and d.rel == "year later" and last_year:
            ev.strong_years.append(last_year + d.n)
        elif d.kind == "day_month":
            ev.day_months.append((d.month, d.day))
        elif d.kind == "weekday" and d.mod in ("", "on"):
            ev.weekdays.append(d.weekday)
            if _SAID_BEFORE.search(text, max(0, d.start - 40), d.start):
                said.append(d.weekday)
    # "the commission said on Monday" names the day of writing more surely than "Sunday's election"
    ev.weekdays = said[:1] + ev.weekdays
    for m in _YEAR_FOR_SCAN.finditer(text):
        # "plan for 2025", "activities for 2025": the year the text treats as current.
        ev.weak_years.append(int(m.group(1)))
    for m in (_THIS_YEAR_IS.finditer(text) if _may_say_this_year(text) else ()):
        ev.strong_years.append(int(m.group(1) or m.group(2)))
    if dateline_date is not None:
        ev.dateline_date = (dateline_date.month, dateline_date.day)
        if dateline_date.kind == "full":  # "Yangon, 29 March 2025 -": the year is given
            ev.strong_years.append(dateline_date.year)
    return ev


def _years_to_try(years: list[int], max_year: int | None, prior_year: int | None) -> list[int]:
    """The year known; else the years around the corpus's, nearest first, not before the latest year
    the article names unless that year lies ahead of the corpus's ("the 2026 election" in 2025)."""
    if years:
        return years[:1]
    if not prior_year:
        return []
    lo = min(max_year, prior_year) if max_year else prior_year - 6
    return sorted(range(max(lo, prior_year - 6), prior_year + 7), key=lambda y: (abs(y - prior_year), -y))


def infer_publication(ev: PubEvidence, prior_year: int | None) -> tuple[PartialDate | None, str]:
    """Publication date from the text alone (and a corpus prior year); returns (date, how)."""
    years: list[int] = []
    how = ""
    if ev.strong_years:
        strong = Counter(ev.strong_years)
        years = [max(set(ev.strong_years), key=lambda y: (strong[y], y))]
        how = "strong"
    elif ev.weak_years:
        weak = Counter(ev.weak_years)
        cands = sorted(weak)
        if ev.max_year:
            cands = [y for y in cands if y >= ev.max_year - 1] or cands
        years = [max(cands, key=lambda y: (weak[y], y))]
        how = "weak"
    if ev.max_year and years and years[0] < ev.max_year - 1:
        years = []
    if ev.dateline_date and not years and prior_year:
        # A wire's year-less dateline is the day of writing, and the weekdays it names are days of the
        # week before ("Sunday's referendum" in a Monday's wire), which any year allows: the corpus's year.
        y = _years_to_try(years, ev.max_year, prior_year)[0]
        if _valid(y, *ev.dateline_date):
            return PartialDate(y, *ev.dateline_date), "dateline+prior year"
    # Weekday + day and month: the years in which they agree.
    pairs = []
    if ev.dateline_date:
        pairs.append(ev.dateline_date)
    pairs += ev.lede_day_months
    if ev.weekdays and pairs:
        # A year in which a day the article names falls on a weekday it names: the year known, else
        # the one nearest the corpus's (any weekday: the first one named may be the news's, not the day's).
        weekdays = set(ev.weekdays)
        for (mo, d) in dict.fromkeys(pairs):  # each distinct pair once: long articles repeat them
            for y in _years_to_try(years, ev.max_year, prior_year):
                if _valid(y, mo, d) and dt.date(y, mo, d).weekday() in weekdays:
                    return PartialDate(y, mo, d), (how + "+weekday") if years else "prior+weekday"
    if ev.dateline_date and how != "strong" and not prior_year and ev.max_year and ev.weekdays:
        # A wire's "BRASILIA, Sept 11 (Reuters) - ... on Thursday": the year near the latest one
        # the article names (which may be a coming election's) in which that day is that weekday.
        # The lede's weekday is the news's, told on the day of the dateline ("MANILA, Sept 21 - …
        # marched on Sunday"), before a day something was said on later in the text.
        mo, d = ev.dateline_date
        day = (ev.lede_weekdays or ev.weekdays)[0]
        near = [y for y in range(ev.max_year - 3, ev.max_year + 4)
                if _valid(y, mo, d) and dt.date(y, mo, d).weekday() == day]
        if near:
            return PartialDate(min(near, key=lambda y: (abs(y - ev.max_year), y)), mo, d), "dateline+weekday"
    if ev.dateline_date and years:
        return PartialDate(years[0], *ev.dateline_date), how + "+dateline"
    if ev.dateline_date and ev.max_year and not years:
        # A wire's "KHARTOUM, May 12 (Reuters) -": the latest year the article names is the year.
        mo, d = ev.dateline_date
        if _valid(ev.max_year, mo, d):
            return PartialDate(ev.max_year, mo, d), "dateline+latest year"
    if years:
        if pairs:
            # The latest day and month the article names: published on or soon after it.
            mo, d = max(pairs)
            return PartialDate(years[0], mo), how + "+month"
        return PartialDate(years[0]), how
    return None, ""
