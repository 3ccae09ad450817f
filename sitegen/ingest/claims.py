"""Claims (quotations and attributed statements) and numbers, with speakers and events; and the
disagreements between sources or speakers about one event (numbers, characterisations)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

import ahocorasick

from sitegen.ingest.actors import SPEECH_VERBS
from sitegen.ingest import gazetteer as gz
from sitegen.names import fold_key, fold_text
from sitegen.ingest.metadata import NUMBER_WORDS
from sitegen.ingest.referents import counting_body, last_person
from sitegen.ingest.reported import UNNAMED_SPEAKERS, Voices, sentence_attributions
from sitegen.ingest.spans import mentions_between

_QUOTE_RX = re.compile(r"“([^”]{2,1500})”|\"([^\"]{2,1500})\"|«([^»]{2,1500})»|„([^“”]{2,1500})[“”]")
_SPEECH = gz.Caseless(rf"\b{SPEECH_VERBS}\b")
_PRONOUN = gz.Caseless(r"\b(he|she|they)\s+(?:also\s+)?" + SPEECH_VERBS + r"\b|" + SPEECH_VERBS + r"\s+(he|she)\b")


def _speaker_near(doc, registry, lo: int, hi: int, prefer_after: int | None = None) -> str | None:
    """The actor (people first) mentioned in text[lo:hi], nearest to prefer_after."""
    best = None
    for m in mentions_between(doc, lo, hi):
        a = registry.actors.get(m.slug)
        if a is None or a.kind == "media":
            continue
        rank = 0 if a.kind == "person" else 1
        dist = abs(m.start - prefer_after) if prefer_after is not None else 0
        key = (rank, dist, m.start)
        if best is None or key < best[0]:
            best = (key, m.slug)
    return best[1] if best else None


def _event_for(doc, sent_index: int, events) -> str | None:
    if events is None:
        return None  # filled in later by fill_events
    index = getattr(events, "by_sentence", None)
    if index is not None:
        slug = index.get(doc.index, {}).get(sent_index)
        if slug:
            return slug
        if doc.index not in events.primary:
            events.primary[doc.index] = primary_event(doc, events)
        return events.primary[doc.index]
    for e in events:
        for c in e.cands:
            if c.doc == doc.index and c.sent_index == sent_index:
                return e.slug
    return primary_event(doc, events)


def primary_event(doc, events) -> str | None:
    """The article's main event: dated at day or month precision, nearest to publication, most told."""
    best = None
    by_doc = getattr(events, "by_doc", None)
    if by_doc is not None:
        told = by_doc.get(doc.index, [])
    else:
        told = [(e, sum(1 for c in e.cands if c.doc == doc.index)) for e in events]
    for e, mine in told:
        if not mine or not e.date or not e.date.month:
            continue
        gap = 0
        if doc.published:
            gap = abs((doc.published.year - e.date.year) * 12 + ((doc.published.month or e.date.month) - e.date.month))
        key = (gap, -mine, -len(e.sources), e.slug)
        if best is None or key < best[0]:
            best = (key, e.slug)
    return best[1] if best else None


def fill_events(items: list[dict], doc, events) -> None:
    """Set the event of claims or numbers found with `events=None` (kept in "_sent")."""
    for item in items:
        item["event"] = _event_for(doc, item.pop("_sent"), events)


def extract_claims(doc, registry, events) -> list[dict]:
    """Quotations (found per paragraph, so a quote may span sentences) and attributed statements.

    With events None, each claim's event is left for fill_events (its sentence kept in "_sent")."""
    out: list[dict] = []
    seen: set = set()
    said_by, said_near, absorbed, one_voice = _attributed_words(doc, registry, events, out, seen)
    last_speaker = None
    offset = 0
    para_start = []
    for p in doc.paragraphs:
        para_start.append(offset)
        offset += len(p) + 2
    last_speaker_para = -1
    for pi, p in enumerate(doc.paragraphs):
        base = para_start[pi]
        quotes = [(m.start(), m.end(), next(g for g in m.groups() if g)) for m in _QUOTE_RX.finditer(p)]
        for qs, qe, qtext in quotes:
            if (base + qs, base + qe) in absorbed:
                continue  # told within a reported statement
            told = said_by.get((base + qs, base + qe)) or _told_around(said_near, base + qs, base + qe)
            if told is None and len(qtext.split()) < 6:
                continue  # a label or a scare quote, not a statement
            sent_q = doc.sentence_at(base + qs)
            if told is None and sent_q is not None:
                # "…, the colonel said, because the movement “…”": the one voice of its sentence
                told = one_voice.get(sent_q.index)
            if told is not None:
                speaker, unnamed = told
            else:
                unnamed = False
                speaker = _quote_speaker(doc, registry, p, base, qs, qe, sent_q)
                if speaker is None and qs <= 1:
                    speaker = last_speaker
                if speaker is None and last_speaker_para == pi and sent_q is not None \
                        and not doc.text[sent_q.start:base + qs].strip(" \"“‘'"):
                    # A quote that opens its sentence, right after a quote of the same paragraph: the
                    # same speaker goes on ("“...,” he said. “...”").
                    speaker = last_speaker
                if speaker is None and sent_q is not None and sent_q.index \
                        and not doc.text[sent_q.start:base + qs].strip(" \"“‘'"):
                    # A quote that opens its sentence right after a sentence of its paragraph told by one
                    # voice: that voice goes on ("The union rejected the report. “The tone …”").
                    before = doc.sentences[sent_q.index - 1]
                    voice = one_voice.get(before.index) if before.para == sent_q.para else None
                    if voice is not None:
                        speaker, unnamed = voice
            if speaker is not None:
                last_speaker = speaker
                last_speaker_para = pi
            qsent = sent_q.index if sent_q else 0
            text = _SPACES.sub(" ", qtext).strip(" ,")
            if (speaker, text) not in seen:
                seen.add((speaker, text))
                claim = {"speaker": speaker, "text": text, "event": _event_for(doc, qsent, events),
                         "mode": "direct", "_pos": base + qs, "_sent": qsent}
                if unnamed and speaker is None:
                    claim["unnamed"] = True
                out.append(claim)
    out.sort(key=lambda c: c["_pos"])
    for c in out:
        del c["_pos"]
        if events is not None:
            del c["_sent"]
    return out


# A wire's dateline at the head of a statement's words: a place, a date, then the wire's name or a
# dash ("Tokyo, Aug 24, 2025 (IANS)", "Harare, 3 August 2018 -", "(Bloomberg) --"); not "On
# Thursday, Aug. 28, as protesters gathered".
_DATELINE_LEAD = re.compile(r"^(?:(?!(?:On|In|At|By|Since|From|Until|Late|Early)\b)[A-Z][\w/ .'’-]{1,40},"
                            r"(?:\s*[A-Z][\w .'’-]{1,30},)?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                            r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\)\s*[-–—]*|[-–—]+)|\([A-Z][^)]{1,30}\)\s*[-–—]*)\s*")
_PART_SPLIT = re.compile(r",?\s+and\s+that\s+|;\s*")
_LABELS = frozenset("call describe dismiss denounce hail condemn label brand dub term praise criticise criticize "
                    "welcome".split())


def _told_around(said_near: list, qs: int, qe: int) -> tuple[str | None, bool] | None:
    """Who said a quotation that begins or ends within words an attribution tells ("… in detail,”
    he said."): the one whose words it begins in first ('X said, “… . …,” AFP reported': X's)."""
    for lo, hi, speaker, unnamed in said_near:
        if lo <= qs + 1 <= hi and hi < qe:
            return speaker, unnamed
    for lo, hi, speaker, unnamed in said_near:
        if lo <= qe - 1 <= hi + 2 and hi >= qs:
            return speaker, unnamed
    return None


def _attributed_words(doc, registry, events, out: list[dict], seen: set) -> tuple[dict, list, set, dict]:
    """Add the reported statements of doc to out; return who said each quotation told within an
    attribution ({(start, end): (speaker, unnamed)}), who said the words of attributions that
    hold part of a quotation begun in an earlier sentence, the quotations a reported statement
    holds, and the speaker of each sentence whose attributions all name one."""
    said_by: dict[tuple[int, int], tuple[str | None, bool]] = {}
    said_near: list[tuple[int, int, str | None, bool]] = []
    told: dict[int, list[tuple[int, int, str | None]]] = {}  # sentence -> (words said, speaker): for figures
    doc.attributed = told
    absorbed: set[tuple[int, int]] = set()
    voices = Voices(doc, registry, lambda at, pronoun: last_person(doc, registry, at, pronoun))
    one_voice: dict[int, tuple[str | None, bool]] = {}  # sentence -> its speaker, when it has one only
    for sent in doc.sentences:
        atts = sentence_attributions(doc, registry, sent, voices)
        if len({(a.speaker, a.unnamed) for a in atts}) == 1 and (atts[0].speaker or atts[0].unnamed):
            one_voice[sent.index] = (atts[0].speaker, atts[0].unnamed)
        for att in atts:
            told.setdefault(sent.index, []).append((att.said[0], att.said[1], att.speaker))
            lo = att.said[0]
            for piece in _PART_SPLIT.split(doc.text[att.said[0]:att.said[1]]):
                start = doc.text.find(piece, lo, att.said[1] + 1) if piece else -1
                if start < 0:
                    continue
                lo = start + len(piece)
                quotes = [(start + m.start(), start + m.end(), next(g for g in m.groups() if g))
                          for m in _QUOTE_RX.finditer(piece)]
                quoted = sum(len(q[2].split()) for q in quotes)
                if _unbalanced(piece):  # a quotation that began before the sentence: told with it
                    said_near.append((start, start + len(piece), att.speaker, att.unnamed))
                    continue
                if quotes and (att.lemma in _LABELS or 2 * quoted >= len(piece.split())):
                    for qs, qe, _ in quotes:
                        said_by[(qs, qe)] = (att.speaker, att.unnamed)
                    continue
                text = _SPACES.sub(" ", piece).strip(" ,.;:")
                text = _DATELINE_LEAD.sub("", text)  # "Tokyo, Aug 24, 2025 (IANS) …": the wire's line
                if len(text.split()) < (4 if att.speech else 2):
                    continue
                absorbed.update((qs, qe) for qs, qe, _ in quotes)
                text = text[:1].upper() + text[1:]
                if (att.speaker, text) in seen:
                    continue
                seen.add((att.speaker, text))
                claim = {"speaker": att.speaker, "text": text, "event": _event_for(doc, sent.index, events),
                         "mode": "reported", "_pos": start, "_sent": sent.index}
                if att.unnamed:
                    claim["unnamed"] = True
                out.append(claim)
    return said_by, said_near, absorbed, one_voice


def _unbalanced(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”") or text.count("«") != text.count("»")


def _quote_speaker(doc, registry, p: str, base: int, qs: int, qe: int, sent_q) -> str | None:
    """Who speaks a quotation no attribution verb of its sentence tells: the actor after it
    ("…,” Savković says"), or the subject of a speech verb before it in its sentence."""
    speaker = None
    sent_end = doc.sentence_at(base + max(qs, qe - 1))
    tail_end = sent_end.end if sent_end else base + len(p)
    # Only the tail's first 140 characters are read (a verb in 80, then 60 more).
    tail = doc.text[base + qe:min(tail_end, base + qe + 200)]
    vm = _SPEECH.search(tail[:80])
    if vm:
        speaker = _speaker_near(doc, registry, base + qe, base + qe + min(len(tail), vm.end() + 60),
                                base + qe + vm.start())
        if speaker is None:
            pm = re.search(r"\b(he|she)\b", tail[:vm.end() + 10], re.I)
            if pm:
                speaker = last_person(doc, registry, base + qs, pm.group(1))
    if speaker is None and sent_q:
        head = doc.text[sent_q.start:base + qs]
        vm = _SPEECH.search(head) or re.search(r"\baccording to\b", head, re.I)
        if vm:
            speaker = _subject_before(doc, registry, sent_q.start, sent_q.start + vm.start())
        if vm and speaker is None:
            speaker = _speaker_near(doc, registry, sent_q.start, base + qs, sent_q.start + vm.start())
            if speaker is None:
                pm = re.search(r"\b(he|she)\b", head, re.I)
                if pm:
                    speaker = last_person(doc, registry, base + qs, pm.group(1))
        if vm and speaker is not None and registry.actors[speaker].kind != "person" \
                and UNNAMED_SPEAKERS.search(head[:vm.start()]):
            speaker = None  # "the tabloids in Serbia stated": not Serbia
    return speaker


_SPACES = re.compile(r"\s+")
_PRONOUN_SUBJECT = re.compile(r"\b(he|she|they|we|it)\s+(?:also\s+|then\s+|later\s+)?$", re.I)
_APPOSITION_TO_VERB = re.compile(r"^\s*,[^;:“”\"]{2,160},\s*(?:also\s+|then\s+|later\s+)?$")
_HE_SHE = re.compile(r"\b(he|she)\b", re.I)


def _subject_before(doc, registry, lo: int, verb: int) -> str | None:
    """Who speaks in text[lo:verb] (the part of a sentence before its speech verb): the person
    named nearest before the verb, else the person a "he"/"she" after the last actor named refers to."""
    last_actor = None
    person = None
    for m in mentions_between(doc, lo, verb):
        if m.end <= verb:
            a = registry.actors.get(m.slug)
            if a is None or a.kind == "media":
                continue
            last_actor = m
            if a.kind == "person":
                person = m
    if person is not None:
        return person.slug
    pron = None
    for pm in _HE_SHE.finditer(doc.text, lo, verb):
        pron = pm
    if pron is not None and (last_actor is None or last_actor.end <= pron.start()):
        return last_person(doc, registry, pron.start(), pron.group(1))
    return None


# ------------------------------------------------------------------ numbers

_NUMWORD = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# "half a million", "a quarter of a million", "a dozen": fractions and "a" before a scale word.
_FRACTION = r"(?:half\s+an?|a\s+quarter\s+of\s+an?|three\s+quarters\s+of\s+an?|an?)(?=\s+(?:million|billion|dozen)\b)"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|"\
       rf"{_FRACTION}|{_NUMWORD}|dozens|hundreds|thousands)"
_SCALE = r"(?:\s*(?:bn|mn|m)\b|\s+(?:million|billion|thousand|trillion|dozen))?"
_NUMBER_RX = re.compile(
    rf"(?P<cur>[$€£])?(?P<num>(?<![\w.,-]){_NUM}(?!(?!(?:bn|mn|m|kg|km|mw|gw)\b)[\w]|,\d|\.\d)){_SCALE}"
    rf"(?P<pct>\s*(?:%|percent|per cent))?"
    rf"(?P<tail>(?:-(?P<unit>point|member|day|year|month|week|hour|km|kilometre|kilometer|strong|seat|nation|country|"
    rf"magnitude|storey|story|mile|metre|meter|tonne|ton|man|person|vote|hectare))?"
    # What is counted: the words after the figure, up to the next figure (which is a match of its own).
    # (read ahead, not taken: "since 2014 more than ten clashes" holds two figures).
    rf"(?=(?:\s+(?P<noun>(?:(?!\d)[\w’'-]+\s+){{0,3}}(?!\d)[\w’'-]+))?))", re.I)
_NOUN_STOP = frozenset("of to in on at for and or but the a an as by with from than is was were are be that which who "
                       "during according overnight he she they we after before since until while when where across "
                       "into near inside outside ago yesterday today earlier later south north east west away "
                       "it its this these those per has have had will would could should can may might must "
                       "increase increased rise rose fell including compared amid despite among back home off "
                       "out abroad together again".split())
_UNIT_CLASS = {"activity": "activities", "activities": "activities", "point": "activities", "points": "activities",
               "item": "activities", "items": "activities", "measure": "activities", "measures": "activities",
               "action": "activities", "actions": "activities", "event": "activities", "events": "activities"}


_TENS_VALUE = {w: 20 + 10 * i for i, w in enumerate(_TENS.split("|"))}


def _value(num: str, scale: str) -> int | float | None:
    n = num.lower().replace(",", "")
    words = n.split()
    if words and words[-1] in ("a", "an"):  # "a million", "half a million", "a quarter of a million"
        n = str(0.75 if "three" in words else 0.25 if "quarter" in words else 0.5 if "half" in words else 1)
    tens, _, unit = n.partition("-")
    if unit and tens in _TENS_VALUE and unit in NUMBER_WORDS:
        v: float = _TENS_VALUE[tens] + NUMBER_WORDS[unit]
    elif n in NUMBER_WORDS:
        v = NUMBER_WORDS[n]
    else:
        try:
            v = float(n)
        except ValueError:
            return None
    mult = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "trillion": 1e12,
            "dozen": 12}.get(scale.strip().lower(), 1)
    v = round(v * mult, 6)  # "$8.2 million" is 8,200,000, not 8,199,999.999999999
    return int(v) if float(v).is_integer() else v


_NUMBER_WORDS = gz.WordScanner(_NUMBER_RX, {w for w in NUMBER_WORDS if w not in ("a", "an")}
                               | {"dozens", "hundreds", "thousands"})
_NUMBER_CHAR = re.compile(r"[$€£\d]")


def _number_matches(s: str):
    """The same matches as _NUMBER_RX.finditer(s), tried only where a figure can begin."""
    starts = set(_NUMBER_WORDS.starts(s))
    starts.update(m.start() for m in _NUMBER_CHAR.finditer(s))
    starts.update(m.start() for m in _FRACTION_START.finditer(s))
    return gz.matches_at(_NUMBER_RX, s, sorted(starts))


# Where "half a million", "a quarter of a million", "a dozen" can begin.
_FRACTION_START = re.compile(rf"(?<![\w.,-]){_FRACTION}", re.I)


def extract_numbers(doc, registry, events, claims: list[dict] | None = None) -> list[dict]:
    out = []
    claims = claims or []
    pending = []  # (item, probe, sentence, position): speakers are found once every figure is known
    for sent in doc.sentences:
        s = sent.text
        taken = 0  # the end of the last range read: its upper figure is no figure of its own
        share_from = 0  # where the words before a percentage begin: after the last one
        for m in _number_matches(s):
            if m.start() < taken:
                continue
            num = m.group("num")
            if num.lower() in ("dozens", "hundreds", "thousands"):
                continue
            st = m.start("num")
            end = m.end("noun") if m.group("noun") else m.end()  # the figure and what it counts
            # Not years, dates, times, model names.
            if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("pct"):
                continue
            if re.search(r"(?:[A-Za-z]-|[A-Za-z])$", s[max(0, st - 2):st]):
                continue
            ctx = s[max(0, st - 12):end + 12]
            if re.search(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b", ctx) and re.fullmatch(r"\d{1,2}", num):
                continue
            if re.match(r"\s*(?:years?\s+(?:later|ago|earlier)|(?:st|nd|rd|th)\b|:\d)", s[m.end("num"):m.end("num") + 20]):
                continue
            if num.lower() in NUMBER_WORDS and not (m.group("noun") or m.group("unit")) \
                    and not _SCALE_AFTER.match(s, m.end("num")):
                continue
            if num.lower() in NUMBER_WORDS and NUMBER_WORDS[num.lower()] <= 3 and not m.group("unit") \
                    and not _SCALE_AFTER.match(s, m.end("num")) \
                    and not _DURATION.match(s[m.end("num"):]) \
                    and not re.search(r"\b(?:at least|at most|nearly|almost|more than|fewer than|up to)\s+$", s[:st]) \
                    and not ((st == 0 and not _PARTITIVE_START.match(s, m.end("num")))
                             or _casualty(s, st, m.end("num")) or _VOTES_AFTER.match(s, m.end("num"))):
                continue  # "the two countries", "three sides": not a figure anyone disputes ("one year",
                # "at least three civilians", "Two Chinese nationals died", "two abstentions" are)
            scale = ""
            sm = re.match(r"\s*(bn|mn|m)\b|\s+(million|billion|thousand|trillion|dozen)\b", s[m.end("num"):], re.I)
            if sm:
                scale = sm.group(1) or sm.group(2)
            value = _value(num, scale)
            if value is None:
                continue
            months = _AND_MONTHS.match(s, m.end("num"))
            if months:  # "27 years and three months"
                extra = _value(months.group(1), "")
                value = round(value + (extra or 0) / 12, 4) if extra is not None else value
            unit = ""
            noun = (m.group("noun") or "").strip()
            range_end = _RANGE_END.match(s[m.end("num"):m.end("num") + 40])
            if range_end and (not noun or noun.split()[0].lower() in ("and", "to")):
                noun = s[m.end("num") + range_end.end():m.end("num") + range_end.end() + 40].strip()  # "20 and 25 injured"
            words = _counted_words(noun)
            counts = " ".join(words)
            if not words and m.group("pct"):
                counts = _share_of(s, st, m.end("pct"))
            elif not words:
                counts = _counted_elsewhere(s, st, m.end("num") + (sm.end() if sm else 0))
            elif words[-1].lower() in _GENERIC_COUNTED:
                toll = _casualty(s, st, m.end("num"))
                if toll:
                    counts = f"{counts} {toll}"  # "31 people killed": the toll, not a headcount
            glued = _GLUED_UNIT.match(s, m.end("num"))
            if m.group("cur"):
                unit = {"$": "dollars", "€": "euros", "£": "pounds"}[m.group("cur")]
            elif glued:
                unit = glued.group(1).lower()  # "400kg of highly enriched uranium"
            elif m.group("pct"):
                unit = "percent"
            elif m.group("unit"):
                unit = m.group("unit").lower()
            elif words:
                if words[0].lower() in ("euros", "euro", "dollars", "dollar", "pounds", "forints", "dinars", "lek", "km",
                                        "kilometres", "kilometers", "tonnes", "tons", "years", "months", "days", "hours",
                                        "percent", "per"):
                    unit = words[0].lower()
                    counts = " ".join(words[1:])
                else:
                    unit = words[-1].lower()
            currency = _CURRENCY.get(m.group("cur") or "") or _CURRENCY.get(unit.lower(), "")
            if currency:
                unit = currency  # the value holds the scale: "4 million euros" is 4,000,000 EUR
            if not unit and not counts:
                toll = _TOLL_BEFORE.search(s[max(0, st - 60):st]) or (_TOLL_REACHES.search(s[:st]) and
                                                                       _TOLL_BEFORE_FAR.search(s[max(0, st - 160):st]))
                if toll:  # "put the toll at more than 400", "the number of dead rose to 1,644"
                    counts = unit = "dead" if toll.group(1).lower() in ("toll", "death toll") else toll.group(1).lower()
            if not unit and not counts:
                # "from 43 to 79", "as many as 79": what they count is named earlier ("number of X").
                pre = s[:st]
                nm = re.search(r"\bnumber of ((?:[\w-]+\s+){0,2}[\w-]+)[^.]*$", pre, re.I)
                if nm:
                    cw = []
                    for w in nm.group(1).split():
                        if w.lower() in _NOUN_STOP:
                            break
                        cw.append(w)
                    counts = " ".join(cw)
                    unit = cw[-1].lower() if cw else ""
                else:
                    continue
            yq = re.match(r"\s*(?:this year|for \w+ year)?\s*,?\s*in ((?:19|20)\d\d)\b", s[end:end + 14]) or \
                re.search(r"\bas in ((?:19|20)\d\d)\b", s[max(0, st - 60):st])
            if _FROM_BEFORE.search(s, max(0, st - 20), st):  # "from roughly 5.1% to 5.3%": the earlier
                period = "previous"
            elif yq:
                period = yq.group(1)
            else:
                period = ""
            # The speaker: of the first claim that quotes the figure, else as _number_speaker finds.
            probe = re.sub(r"^[“\"‘']+", "", s[max(0, st - 25):end]).strip()
            event = _event_for(doc, sent.index, events)
            item = {"value": value, "unit": unit, "counts": counts + (f" in {period}" if period and period != "previous" else "")
                    + (" (before)" if period == "previous" else ""), "speaker": None, "event": event,
                    "shown": _shown(value, unit, currency, scale)}
            qualifier = _QUALIFIER.search(s[max(0, m.start() - 25):m.start()])
            if qualifier:
                item["qualifier"] = qualifier.group(1).lower()
            upper = _RANGE_END.match(s[m.end("num"):m.end("num") + 40])
            if upper and _value(upper.group(1), scale) is not None:
                taken = m.end("num") + upper.end()
                item["upper"] = _value(upper.group(1), scale)
                head, _, rest = item["shown"].partition(" ")
                item["shown"] = f"{head}–{_shown(item['upper'], unit, currency, scale)}"  # "20–25 injured"
            if unit == "percent":
                holder = _share_holder(doc, registry, sent, max(share_from, 0), st)
                if holder:
                    item["_of"] = holder  # whose share: what two figures must share to be one quantity
                share_from = end
            if events is None:
                item["_sent"] = sent.index
            out.append(item)
            pending.append((item, probe, sent, st))
    quoted = _first_claims_with(claims, {probe for _, probe, _, _ in pending if probe})
    memo: dict = {}
    told = doc.attributed
    for item, probe, sent, st in pending:
        speaker = quoted.get(probe) if probe else None
        if speaker is None and sent.index in told:
            # the figure lies in words an attribution tells: its speaker gives it; outside them, in a
            # sentence whose attributions are known, the article states it (no speaker is guessed)
            within = [sp for lo, hi, sp in told[sent.index] if lo <= sent.start + st < hi]
            item["speaker"] = within[0] if within else None
            continue
        item["speaker"] = speaker if speaker is not None else _number_speaker(doc, registry, sent, st, memo)
    _continue_results(pending, told, doc, lambda slug: counting_body(registry, slug))
    return out


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:roughly|about|around|some|nearly|almost|over|under|more\s+than|"
                          r"less\s+than|at\s+least)\s+)?$")


def _share_holder(doc, registry, sent, lo: int, hi: int) -> str | None:
    """Whose share (their name) a percentage at sent.text[hi:] is: the party, person or body named last before
    it in its sentence, after the figure before it ("Paz, of the PDC, 32.1 percent and Quiroga 26.8
    percent"; "ANO won 34.51 percent of the vote"), not a place."""
    for m in reversed(mentions_between(doc, sent.start + lo, sent.start + hi)):
        a = registry.actors.get(m.slug)
        if a is not None and not m.place and a.kind in _HOLDERS and sent.start + hi - m.end <= 120:
            return a.name
    return None


_HOLDERS = ("person", "organization", "alliance", "group")


def _counted_words(noun: str) -> list[str]:
    """The words a figure counts, from the text right after it: up to a small word, a number, a
    verb or a punctuation mark ("5,000 troops took part": troops); a group joined by "and" with a
    word that qualifies it stays whole ("200 Taliban and allied fighters")."""
    words: list[str] = []
    nwords = noun.split()
    i = 0
    while i < len(nwords):
        w = nwords[i]
        if w.lower() == "and" and words and _AND_MORE.fullmatch(" ".join(nwords[i + 1:i + 3]).rstrip(",.;:")):
            words += [w, nwords[i + 1], nwords[i + 2].rstrip(",.;:")]
            if re.search(r"[,.;:]$", nwords[i + 2]):
                break
            i += 3
            continue
        if w.lower().strip(",.;:") in _NOUN_STOP or re.fullmatch(r"\d[\d.,]*", w):
            break
        if words and (_is_verb(w.strip(",.;:")) or re.fullmatch(r"[a-z]{3,}ing", w.strip(",.;:"))):
            break  # "5,000 troops took part", "two weeks starting Monday": the counted ends at a verb
        words.append(w.strip("’'"))
        if re.search(r"[,.;:)]$", w):
            words[-1] = words[-1].rstrip(",.;:)")
            break
        i += 1
    return words


def _continue_results(pending: list, told: dict, doc, counting: Callable[[str], bool]) -> None:
    """A source named for figures covers the figures that go on from them, until the article names
    another or turns to something else ("ANO had 35.4 percent, according to the statistics office.
    Spolu trailed with 22.7 percent. [new paragraph] STAN had 11 percent"). A run of figures starts
    at a sentence whose attributions all name one speaker and that gives that speaker's figures, or
    gives none and names results ("according to results the commission published"). Sentences no
    one is said to tell continue it: in its paragraph, figures of a unit the run gave (any figure in
    the very next sentence: "Of those, 10.9 million voted on Tuesday"); in the next paragraph,
    figures of a unit the run gave that count the same thing. A sentence told by someone else ends
    it, as does a paragraph without the run's figures."""
    by_sent: dict[int, list[dict]] = {}
    for item, _, sent, _ in pending:
        by_sent.setdefault(sent.index, []).append(item)
    run: _Run | None = None
    for index in sorted(set(by_sent) | set(told)):
        sent = doc.sentences[index]
        items = by_sent.get(index, [])
        if index in told:
            same = run is not None and {sp for _, _, sp in told[index]} == {run.speaker}
            # ("It said …. Its count included …": the run's speaker goes on telling figures)
            run = (run.carried(sent, items) if same else None) or _Run.started(sent, told[index], items, counting)
        elif run is not None:
            run = run.carried(sent, items)


@dataclass
class _Run:
    speaker: str
    para: int
    last: int  # the sentence that last gave the run's figures
    counts: dict[str, set[str]]  # unit family -> what the run's figures of it count
    any_next: bool  # the next sentence's figures are the run's whatever their unit

    @classmethod
    def started(cls, sent, spans: list, items: list[dict], counting: Callable[[str], bool]) -> _Run | None:
        speakers = {sp for _, _, sp in spans}
        if len(speakers) != 1 or None in speakers:
            return None
        speaker = next(iter(speakers))
        mine = [i for i in items if i["speaker"] == speaker]
        counted = [i for i in items if i["unit"] not in _SPANS_OF_TIME]  # ("nine days after the election")
        if not mine and (counted or not (_names_results(sent, spans) or counting(speaker))):
            return None  # its figures are the article's own, or it gives none, names no results and counts none
        counts: dict[str, set[str]] = {}
        for i in mine:
            counts.setdefault(_unit_family(i["unit"]), set()).add(i["counts"])
        return cls(speaker, sent.para, sent.index, counts or {u: set() for u in _RESULT_UNITS}, bool(mine))

    def carried(self, sent, items: list[dict]) -> _Run | None:
        if sent.para == self.para:
            fits = [i for i in items if (self.any_next and sent.index == self.last + 1) or self._unit_of_run(i)]
        elif sent.para == self.para + 1:
            fits = [i for i in items if self._unit_of_run(i) and self._counts_alike(i)]
        else:
            return None
        if not fits:
            return None
        for i in fits:
            if i["speaker"] is None:
                i["speaker"] = self.speaker
            self.counts.setdefault(_unit_family(i["unit"]), set()).add(i["counts"])
        self.para, self.last, self.any_next = sent.para, sent.index, False
        return self

    def _unit_of_run(self, item: dict) -> bool:
        """Whether the run gave figures of the item's unit (a share and seats are one result)."""
        family = _unit_family(item["unit"])
        return family in self.counts or family in _RESULT_UNITS and any(f in _RESULT_UNITS for f in self.counts)

    def _counts_alike(self, item: dict) -> bool:
        """Whether the item counts what the run's figures of its unit count ("turnout" after shares of
        the vote does not)."""
        counted = self.counts.get(_unit_family(item["unit"]))
        return not item["counts"] or not counted or item["counts"] in counted


# Units of one quantity of results: a party's share, its seats, its votes.
_RESULT_UNITS = ("percent", "seats")
_RESULTS_NAMED = re.compile(r"\b(?:results?|figures|count|tally|data|statistics)\b", re.I)


def _names_results(sent, spans: list) -> bool:
    """Whether the words naming the speaker of a sentence (outside what is said) name results ("according
    to results the commission published"; not "he said the result was a mandate")."""
    text, at = sent.text, sent.start
    cuts = sorted((lo - at, hi - at) for lo, hi, _ in spans)
    outside, pos = [], 0
    for lo, hi in cuts:
        outside.append(text[pos:max(pos, lo)])
        pos = max(pos, hi)
    outside.append(text[pos:])
    return bool(_RESULTS_NAMED.search(" ".join(outside)))


_SPANS_OF_TIME = frozenset("days day weeks week months month years year hours hour minutes".split())


def _unit_family(unit: str) -> str:
    u = unit.lower()
    return "seats" if u in ("seat", "seats", "votes", "vote", "") else u


_PARTITIVE_START = re.compile(r"\s+(?:of|the|his|her|their|its|a|an)\b", re.I)  # "One of his critics"
_VOTES_AFTER = re.compile(r"\s+(?:votes?|abstentions?|seats?)\b", re.I)
_SCALE_AFTER = re.compile(r"\s+(?:million|billion|thousand|trillion|dozen)\b", re.I)
_AND_MONTHS = re.compile(r"\s+years?\s+and\s+(\w+)\s+months?\b", re.I)
# What a figure with no noun of its own counts: "displaced about seven million", "87 were wounded",
# "55 of Turkey's 81 provinces".
_AS_DONE = {"killing": "killed", "wounding": "wounded", "injuring": "injured", "displacing": "displaced",
            "detaining": "detained", "arresting": "arrested", "freeing": "freed", "releasing": "released"}
_GLUED_UNIT = re.compile(r"(kg|km|mw|gw)\b", re.I)
_COUNTED_BEFORE = re.compile(r"\b(killed|displaced|uprooted|wounded|injured|arrested|detained|evacuated|rescued|"
                             r"freed|released|captured|deported|kidnapped|abducted|missing|dead|killing|wounding|"
                             r"injuring|displacing|detaining|arresting|freeing|releasing)\s+(?:(?:at least|about|"
                             r"around|more than|nearly|some|over|up to|an estimated|almost|roughly)\s+)?$", re.I)
_COUNTED_AFTER = re.compile(r"\s+(?:have|has|had|were|was|are|is)\s+(?:been\s+)?(?:\w+ly\s+)?"
                            r"(?!been\b)([a-z]+(?:ed|en))\b")
_PARTITIVE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|[A-Z][\w’'-]*(?:'s|’s)\s+)?(?:\d[\d,]*\s+)?"
                        r"((?!them\b|those\b|us\b|these\b)[a-z][\w-]+(?:\s+[a-z][\w-]+)?)")
_TOLL_REACHES = re.compile(r"\b(?:rose|risen|climbed|jumped|reached|nears|neared|hit|stood|stands|exceed|exceeded|"
                           r"passed|topped|to|at)\s+(?:(?:at least|about|around|more than|nearly|over|almost)\s+)?$", re.I)
_TOLL_BEFORE_FAR = re.compile(r"\b(death toll|toll|number of dead|number of deaths)\b", re.I)


_GENERIC_COUNTED = frozenset("people persons civilians citizens others residents villagers children women men "
                             "soldiers troops fighters migrants workers passengers".split())
_CASUALTY = re.compile(r"\b(killed|killing|died|dead|deaths|death toll|lost their lives|perished|wounded|wounding|"
                       r"injured|injuring|hurt)\b", re.I)


def _casualty(s: str, start: int, end: int) -> str:
    """"killed" or "injured" when the clause of a figure of people tells a toll ("killed at least
    31 people", "at least 10 people had died"); what a verb right before it counts otherwise
    ("displaced 2.2 million people and resulted in 363 deaths": displaced)."""
    before = _COUNTED_BEFORE.search(s[max(0, start - 40):start])
    counted = _AS_DONE.get(before.group(1).lower(), before.group(1).lower()) if before else ""
    if before and not _CASUALTY.fullmatch(counted):
        return counted
    # "nine fighters were killed and 16 wounded": the verb of the figure's own clause first, then the
    # words before it in that clause ("…had been wounded, while nine …" tells another figure's)
    own = _OWN_CASUALTY.match(s, end)
    clause_start = max([m.end() for m in _CLAUSE_CUT.finditer(s, max(0, start - 40), start)], default=max(0, start - 40))
    near = own or _CASUALTY.search(s[clause_start:start]) or _CASUALTY.search(s[end:end + 50])
    if not near:
        return ""
    return "injured" if near.group(1).lower() in ("wounded", "wounding", "injured", "injuring", "hurt") else "killed"


# After "and" in what a figure counts: a word that qualifies a group ("and allied fighters").
_AND_MORE = re.compile(r"(?:allied|affiliated|other|associated|loyalist|foreign|local)\s+[a-z]+s\b")
_OWN_CASUALTY = re.compile(r"\s+(?:have\s+|has\s+|had\s+|were\s+|was\s+)?(?:been\s+)?(killed|died|dead|wounded|injured|hurt)\b",
                           re.I)
_CLAUSE_CUT = re.compile(r",\s+(?:while|whereas|but|and)\b|;|,\s+(?=\w+\s+(?:were|was|had)\b)", re.I)


# "Turnout was 52.1 percent", "inflation rose to 3%": the share the clause's subject is.
_SHARE_SUBJECT = re.compile(r"\b([A-Za-z][a-z]+)\s+(?:was|is|stood\s+at|stands\s+at|reached|rose\s+to|fell\s+to|"
                            r"hit|of|at)\s+(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over|under)\s+)?$")


def _share_of(s: str, start: int, end: int) -> str:
    """What a percentage with no noun after it is a share of: "50.2 percent of the vote" (vote),
    "Turnout was 52.1 percent" (turnout); "" when the sentence does not say."""
    part = _PARTITIVE.match(s, end)
    if part:
        return part.group(1).split()[0]
    subject = _SHARE_SUBJECT.search(s, max(0, start - 40), start)
    word = subject.group(1).lower() if subject else ""
    return "" if word in _NOUN_STOP else word


def _counted_elsewhere(s: str, start: int, end: int) -> str:
    """What a figure with no noun after it counts, from the verb around it or an "of" phrase."""
    before = _COUNTED_BEFORE.search(s[max(0, start - 40):start])
    if before:
        word = before.group(1).lower()
        return _AS_DONE.get(word, word)  # "wounding 13": 13 wounded
    if re.match(r"\s+who\b", s[end:]):
        return "people"  # "the half a million who had arrived"
    after = _COUNTED_AFTER.match(s, end)
    if after and after.group(1) not in ("been", "seen", "given", "taken"):
        return after.group(1)
    part = _PARTITIVE.match(s, end)
    if part:
        words = part.group(1).split()
        return " ".join(words[:1] + [w for w in words[1:2] if w.lower() not in _NOUN_STOP])
    aside = _NOUN_COMMA_BEFORE.search(s, max(0, start - 40), start) if _ASIDE_ENDS.match(s, end) else None
    if aside:  # "the most seats, 73, in 2021": the noun before; "Babis, 71, told": a person's age
        word = aside.group(1)
        if word[:1].isupper():
            return "age" if s[start:end].isdigit() and 18 <= int(s[start:end]) <= 110 else ""
        return word if word.endswith("s") and not _is_verb(word) else ""
    upto = _FROM_TO.search(s, max(0, start - 80), start)
    if upto:  # "from 37 seats in the lower house to 101": seats again
        return upto.group(1)
    of_them = _OF_THEM.match(s, end)
    if of_them:  # "8,596 of them on the 787", "more than 14,000 of them children": a part of what was counted
        after = of_them.group(1)
        if after and not _is_verb(after.lower()) and after.lower() not in _NOUN_STOP:
            return after
        whole = list(_FIGURE_NOUN.finditer(s, 0, start))
        return whole[-1].group(1) if whole else "people"
    return ""


_NOUN_COMMA_BEFORE = re.compile(r"\b([A-Za-z][\w’'-]*),\s*$")
_ASIDE_ENDS = re.compile(r"\s*(?:,|\)|\band\b)")
_FROM_TO = re.compile(r"\bfrom\s+(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                      r"(?:[a-z-]+\s+)?([a-z]+s)\b[^,;]{0,60}?\bto\s+$")
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those)\b(?:\s+([a-z][a-z-]+)\b)?")
_FIGURE_NOUN = re.compile(r"\d[\d,.]*\s+(?:[a-z-]+\s+)?([a-z]+s)\b")


_DURATION = re.compile(r"\s+(?:years?|months?|weeks?|days?|hours?)\b", re.I)
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "euros": "EUR", "euro": "EUR", "dollars": "USD", "dollar": "USD",
             "pounds": "GBP", "forints": "HUF", "dinars": "RSD", "rupees": "INR", "yuan": "CNY", "yen": "JPY",
             "roubles": "RUB", "rubles": "RUB", "reais": "BRL", "naira": "NGN", "rand": "ZAR", "lira": "TRY"}
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}
_QUALIFIER = re.compile(r"\b(at least|at most|about|around|some|nearly|almost|close to|more than|over|fewer than|"
                        r"less than|up to|as many as|roughly|approximately|an estimated|between)\s+[$€£]?$", re.I)
_RANGE_END = re.compile(r"(?:\s*(?:-|–|to|and)\s*)(\d[\d,]*(?:\.\d+)?)\b")


def _is_verb(word: str) -> bool:
    from sitegen.ingest.clauses import verb_reading  # noqa: PLC0415

    reading = verb_reading(word)
    return reading is not None and reading[1] in ("VBD", "VBD/VBN", "VBN", "VBZ")


def _shown(value, unit: str, currency: str, scale: str) -> str:
    """The figure as a reader wants it: "€4 million", "$1.2 billion", "31 people", "2.5 percent"."""
    words = {"m": "million", "mn": "million", "bn": "billion"}.get(scale.lower(), scale.lower())
    if words == "dozen" or (words and value / {"million": 1e6, "billion": 1e9, "thousand": 1e3,
                                                "trillion": 1e12}.get(words, 1) < 1):
        words = ""  # "a dozen": 12; "half a million": 500,000
    base = value / {"million": 1e6, "billion": 1e9, "thousand": 1e3, "trillion": 1e12}.get(words, 1)
    number = f"{base:,.{0 if float(base).is_integer() else 2}f}".rstrip("0").rstrip(".") if not float(base).is_integer() \
        else f"{int(base):,}"
    figure = f"{number} {words}".strip()
    if currency:
        return f"{_SYMBOL[currency]}{figure}" if currency in _SYMBOL else f"{figure} {currency}"
    if unit in _TIME_UNITS and value != 1:
        unit += "s"  # "a 15-year rule": 15 years
    return f"{figure} {unit}".strip()


_TIME_UNITS = frozenset("year month week day hour minute".split())


def _first_claims_with(claims: list[dict], probes: set[str]) -> dict[str, str]:
    """For each probe, the speaker of the first claim with a speaker whose text contains it: what
    `next(c["speaker"] for c in claims if probe in c["text"] and c["speaker"])` gives, found for
    all the probes in one pass over the claims."""
    if not probes or not claims:
        return {}
    auto = ahocorasick.Automaton()
    for probe in probes:
        auto.add_word(probe, probe)
    auto.make_automaton()
    out: dict[str, str] = {}
    for c in claims:
        if not c["speaker"]:
            continue
        for _, probe in auto.iter(c["text"]):
            if probe not in out:
                out[probe] = c["speaker"]
        if len(out) == len(probes):
            break
    return out


_ACCORDING_TO = re.compile(r"\baccording to\b", re.I)


def _number_speaker(doc, registry, sent, pos_in_sent: int, memo: dict | None = None) -> str | None:
    """Who gives a figure quoted in a sentence no attribution tells: the actor nearest the speech verb
    of its sentence (or the figure itself), else the person a "he"/"she" there refers to; an unquoted
    figure there is the article's own. `memo` keeps what is found once per sentence (its quotes, verb
    and pronoun) for the sentence's other figures."""
    info = memo.get(sent.index) if memo is not None else None
    if info is None:
        s = sent.text
        vm = _SPEECH.search(s) or _ACCORDING_TO.search(s)
        pm = _PRONOUN.search(s)
        info = ([(m.start(), m.end()) for m in _QUOTE_RX.finditer(s)], vm.start() if vm else None,
                (pm.group(1) or "") if pm else None)
        if memo is not None:
            memo[sent.index] = info
    quotes, verb, pronoun = info
    inside = any(a <= pos_in_sent < b for a, b in quotes)
    if inside:
        near = sent.start + (verb if verb is not None else pos_in_sent)
        sp = _speaker_near(doc, registry, sent.start, sent.end, near)
        if sp:
            return sp
        if pronoun is not None:
            return last_person(doc, registry, sent.start, pronoun)
    return None


_TOLL_BEFORE = re.compile(r"\b(death toll|toll|number of dead|number of deaths|casualties|dead|deaths|"
                          r"killed|injured|wounded)\b[^.;]{0,30}?\b(?:at|to|of|was|were|reached|stood at|rose to|"
                          r"climbed to|put at)\s+[“\"]?(?:more than |at least |about |nearly |over |some )?$", re.I)
# Words for one quantity: a death toll told as "dead", "killed", "deaths" or "people killed".
# Percentages that say what they are a share of, whoever is named before them ("turnout was 56.1%").
_OWN_SHARES = frozenset("turnout participation unemployment inflation growth".split())
_SAME_COUNT = {"bodies": "dead", "killed": "dead", "deaths": "dead", "fatalities": "dead", "died": "dead", "lives": "dead",
               "wounded": "injured", "injuries": "injured", "hurt": "injured", "jet": "jets", "aircraft": "jets",
               "planes": "jets", "fighters": "jets", "soldiers": "troops", "personnel": "troops"}


_SIDE = re.compile(r"\b(?:(soldiers?|troops|personnel|servicemen|police(?:men)?|officers?|guards?)|"
                   r"fighters?|militants?|rebels?|insurgents?|combatants?|gunmen|jihadists?)\b", re.I)
_UNIT_NAMES = {"kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "metres": "m",
               "meters": "m", "mile": "miles", "per": "percent"}
_DIMENSIONS = frozenset("long wide high deep tall away across".split())


def _num_class(item: dict) -> tuple[str, str]:
    counts = item["counts"]
    period = ""
    m = re.search(r" in ((?:19|20)\d\d)$", counts)
    if m:
        period = m.group(1)
        counts = counts[:m.start()]
    if counts.endswith(" (before)"):
        period = "before"
        counts = counts[:-9]
    unit = item["unit"].split()[-1] if item["unit"] else ""
    unit = _UNIT_NAMES.get(unit.lower(), unit)
    head = counts.split()[-1].lower() if counts else unit
    if unit in _MEASURES and head in _DIMENSIONS:  # "1,006.84 kilometres long": a length in km
        head = unit
    cls = _UNIT_CLASS.get(unit) or _UNIT_CLASS.get(head) or head
    cls = _SAME_COUNT.get(cls, cls)
    if cls in ("dead", "injured"):
        # whose: the dead soldiers and the dead fighters of one clash are two tolls, not one told two ways
        side = _SIDE.search(counts)
        if side:
            cls = f"{cls} {'troops' if side.group(1) else 'fighters'}"
    return cls, period


def _num_classes(item: dict) -> list[tuple[str, str]]:
    """The classes a figure may be compared within: _num_class's, and for a percentage of someone's
    (_share_holder), the share of that one too ("32.1 percent" and "32.06 percent of the vote",
    both Paz's, where the words after them differ)."""
    cls, period = _num_class(item)
    if not cls:
        return []
    if item.get("_of") and item["unit"] == "percent" and cls not in _OWN_SHARES:
        return [(cls, period), (f"share of {item['_of']}", period)]
    return [(cls, period)]


def _quantity(cls: str) -> str:
    """What a class of figures counts, as a disagreement is about it: "number of dead", "share of ANO"."""
    return cls if cls.startswith("share of ") else f"number of {cls}"


def number_disagreements(event, docs, numbers: dict) -> list[dict]:
    groups: dict[tuple[str, str], list[tuple]] = {}
    year = str(event.date.year) if event.date else ""
    if isinstance(docs, dict):  # source slug -> doc
        told = [docs[src] for src in event.sources]
        told.sort(key=lambda d: d.index)
    else:
        told = [d for d in docs if d.slug in event.sources]
    for d in told:
        for item in numbers.get(d.index, []):
            if item["event"] != event.slug:
                continue
            for cls, period in _num_classes(item):
                if period == year:
                    period = ""
                groups.setdefault((cls, period), []).append((item["value"], d.slug, item["speaker"]))
    # "from 43 to 79": the earlier value is the single past period named elsewhere.
    for cls in sorted({k[0] for k in groups}):
        past = sorted(p for c, p in groups if c == cls and p not in ("", "before"))
        if (cls, "before") in groups and len(past) == 1:
            groups[(cls, past[0])].extend(groups.pop((cls, "before")))
    out = []
    for (cls, period), vals in sorted(groups.items()):
        values = {v for v, _, _ in vals}
        if len(values) < 2 or not _one_quantity(cls, values):
            continue
        when = f" in {period}" if period and period != "before" else (f" for {year}" if year and not period else "")
        accounts = []
        seen = set()
        for v, src, sp in sorted(vals, key=lambda x: (str(x[0]), x[1], x[2] or "")):
            key = (v, src, sp)
            if key in seen:
                continue
            seen.add(key)
            accounts.append({"value": str(v), "source": src, "speaker": sp})
        out.append({"about": f"{_quantity(cls)}{when}", "accounts": accounts})
    return out


# Units of measure, not things counted: two distances or durations in a story are seldom one quantity.
_MEASURES = frozenset("km kilometres kilometers miles metres meters days weeks months years hours minutes percent "
                      "per cent p".split())


def _one_quantity(cls: str, values: set) -> bool:
    """Whether differing figures of one class can be one quantity told differently: within a
    factor of ten (a camp's 280,000 people and 14 killed are not), or for a unit of measure
    within a quarter (a border of 1,006.84 km or of 980 km; two distances in a story seldom are)."""
    low, high = min(values), max(values)
    measured = cls in _MEASURES or cls.startswith("share of ")  # (a share is a percentage)
    return low > 0 and high <= (1.25 if measured else 10) * low


def _clusters(vals: list[tuple], cls: str) -> list[list[tuple]]:
    """Figures of one class (value first in each tuple) in groups of values close enough to be one
    quantity (_one_quantity): 10 and 18 dead in one place, 1,644 and 2,886 in another."""
    out: list[list[tuple]] = []
    for item in sorted(vals, key=lambda x: (x[0], x[1], x[2] or "")):
        if out and _one_quantity(cls, {out[-1][0][0], item[0]}):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def story_number_disagreements(stories: list[list], numbers: dict, events: dict) -> list[tuple[str, list[dict]]]:
    """Figures for one quantity that the articles of one story give differently ("more than 100
    people" by the UN, "more than 400 dead" by a governor's faction, "300 killed" in another source):
    (the event most of them are told with, its disagreements). The same thing counted (its class,
    _num_class) and close in value (_clusters), from two or more sources or speakers."""
    out = []
    for docs in stories:
        groups: dict[tuple[str, str], list[tuple]] = {}
        story_events: Counter = Counter()  # the story's events, for figures an undated article gives
        for d in docs:
            for item in numbers.get(d.index, []):
                classes = _num_classes(item)
                event = item.get("event") if item.get("event") in events else None
                for cls, period in classes:
                    groups.setdefault((cls, period), []).append((item["value"], d.slug, item["speaker"], event))
                if event and classes:
                    story_events[event] += 1
        for (cls, period), found in sorted(groups.items()):
            for vals in _clusters(found, cls):
                told = Counter(ev for *_, ev in vals if ev) or Counter(ev for *_, ev in found if ev) or story_events
                if len({v for v, *_ in vals}) < 2 or len({(src, sp) for _, src, sp, _ in vals}) < 2 or not told:
                    continue
                event = max(sorted(told), key=lambda ev: told[ev])
                when = f" in {period}" if period and period != "before" else ""
                out.append((event, [{"about": f"{_quantity(cls)}{when}", "accounts": _accounts(vals)}]))
    return out


def _accounts(vals: list[tuple]) -> list[dict]:
    """One row per value, source and speaker, in order of value."""
    rows, seen = [], set()
    for v, src, sp, _ in sorted(vals, key=lambda x: (x[0], x[1], x[2] or "")):
        if (v, src, sp) not in seen:
            seen.add((v, src, sp))
            rows.append({"value": str(v), "source": src, "speaker": sp})
    return rows


_NEG = re.compile(r"\b(?:not|no|never|cannot|can't|isn't|doesn't|does not|is not|unlikely|neither|nor|rather than)\b", re.I)


class DisagreementContext:
    """What characterisation_disagreements needs of each article, computed once per article."""

    def __init__(self, docs, claims: dict, events):
        self.by_slug = {d.slug: d for d in docs}
        self.claims = claims
        self.events = events
        self._phrases: dict[str, list[str]] = {}
        self._sents: dict[str, list] = {}
        self._told: dict[str, dict] = {}  # article -> event -> its sentences telling it
        self._claim_keys: dict[str, list] = {}

    def phrases(self, src: str) -> list[str]:
        """Short lower-case quoted labels in an article, folded, with repeats."""
        if src not in self._phrases:
            d = self.by_slug[src]
            found = getattr(d, "phrases", None)  # found with the article's claims
            self._phrases[src] = found if found is not None else quoted_labels(d.text)
        return self._phrases[src]

    def sentences(self, src: str) -> list:
        """(sentence, folded text, event told there) for each sentence of an article."""
        if src not in self._sents:
            d = self.by_slug[src]
            self._sents[src] = [(sent, fold_text(sent.text), _event_for(d, sent.index, self.events))
                                for sent in d.sentences]
            if hasattr(d, "release"):
                d.release()  # the list above keeps what is needed; the doc need not
        return self._sents[src]

    def told(self, src: str, event: str) -> list:
        """(sentence, folded text) of the sentences of an article that tell an event: what
        [(s, low) for s, low, ev in sentences(src) if ev == event] gives, without keeping the folded
        text of every article (only which event each of its sentences tells)."""
        d = self.by_slug[src]
        if not hasattr(d, "sentence_text"):
            return [(sent, low) for sent, low, ev in self.sentences(src) if ev == event]
        by_event = self._told.get(src)
        if by_event is None:
            by_event = {}
            for i in range(len(d.bounds) // 3):
                by_event.setdefault(_event_for(d, i, self.events), []).append(i)
            self._told[src] = by_event
        wanted = by_event.get(event, ())
        if not wanted:
            return []
        packed = not d.text
        d.unpack()
        out = []
        for i in wanted:
            sent = d.sentence_object(i)
            out.append((sent, fold_text(sent.text)))
        if packed:
            d.drop_text()  # the sentences keep the text as long as they are needed
        return out

    def claim_keys(self, src: str) -> list:
        if src not in self._claim_keys:
            d = self.by_slug[src]
            self._claim_keys[src] = [(fold_key(c["text"]), c["speaker"]) for c in self.claims.get(d.index, [])]
        return self._claim_keys[src]


_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+")


def quoted_labels(text: str) -> list[str]:
    """Short lower-case quoted labels in a text ("military alliance"), folded, with repeats."""
    out = []
    for m in _QUOTE_RX.finditer(text):
        q = next(g for g in m.groups() if g).strip(" ,.")
        q = _LEADING_ARTICLE.sub("", q)
        if 1 < len(q.split()) <= 5 and q[:1].islower():
            out.append(fold_key(q))
    return out


def characterisation_disagreements(event, docs, claims: dict, registry, events,
                                   ctx: DisagreementContext | None = None) -> list[dict]:
    """A short quoted label ("military alliance") affirmed by some and denied by others."""
    if ctx is None:
        ctx = DisagreementContext(docs, claims, events)
    by_doc = ctx.by_slug
    phrases: Counter = Counter()
    for src in event.sources:
        for ph in ctx.phrases(src):
            phrases[ph] += 1
    if not phrases:
        return []
    out = []
    folded: dict[str, list] = {}
    claim_keys: dict[str, list] = {}
    for src in event.sources:
        folded[src] = ctx.told(src, event.slug)
        claim_keys[src] = ctx.claim_keys(src)
    for phrase in sorted(phrases):
        if phrases[phrase] < 1:
            continue
        accounts = []
        stances = set()
        for src in event.sources:
            d = by_doc[src]
            for sent, low in folded[src]:
                i = low.find(phrase)
                if i < 0:
                    continue
                clause = re.split(r"[;]|, but\b|\bbut\b", low[:i])[-1][-90:]
                negated = bool(_NEG.search(clause))
                speaker = None
                for ck, csp in claim_keys[src]:
                    if ck in low or low in ck:
                        speaker = csp
                        break
                if speaker is None:
                    speaker = _speaker_of_sentence(d, registry, sent)
                value = ("not a " + phrase) if negated else phrase
                if negated:
                    alt = [q for q in (next(g for g in m.groups() if g) for m in _QUOTE_RX.finditer(sent.text))
                           if _LEADING_ARTICLE.sub("", fold_key(q.strip(" ,."))) != phrase and 1 < len(q.split()) <= 6]
                    if alt:
                        value = f"{alt[0].strip(' ,.')}, not a {phrase}"
                stances.add(negated)
                acc = {"value": value, "source": src, "speaker": speaker}
                if acc not in accounts:
                    accounts.append(acc)
        if len(stances) == 2:
            # One account per source and speaker: a speaker who names the label and also denies it
            # denies it. Accounts of one position together, the affirming ones first.
            denies = {(a["source"], a["speaker"]) for a in accounts if _denies(a["value"])}
            uniq, keys = [], set()
            for a in accounts:
                k = (a["source"], a["speaker"])
                if k not in keys and (_denies(a["value"]) or k not in denies):
                    keys.add(k)
                    uniq.append(a)
            uniq.sort(key=lambda a: (_denies(a["value"]), a["value"]))
            if len({_denies(a["value"]) for a in uniq}) == 2:
                out.append({"about": f"characterisation: {phrase}", "accounts": uniq})
    return out


def _denies(value: str) -> bool:
    return value.startswith("not ") or ", not a " in value


def _speaker_of_sentence(d, registry, sent) -> str | None:
    """Who a sentence attributes its words to, when it does ("EWB's interlocutors say", "X argued"):
    nobody for the outlet's own narration, never an actor merely named in it."""
    from sitegen.ingest.reported import reported_statements  # noqa: PLC0415

    found = reported_statements(d, registry, [sent], lambda at, pronoun: last_person(d, registry, at, pronoun))
    return found[0][2].speaker if found else None

