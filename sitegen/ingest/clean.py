"""Cleaning: keep the article, drop page furniture, and remember exactly what was dropped.

Works line by line on LF text. A line is furniture if it matches one of the patterns below
(comment sections, "Read also" lines, share prompts, view counters, source footers, photo
credits, cookie banners, breadcrumbs, bylines of agencies' desks ...). A comment section runs
from its heading ("3 Comments", "Comments (4)", "Leave a Reply") to the end of the page.
Every dropped line is kept verbatim in `removed` so an editor can restore it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick
import yaml

from sitegen.ingest.gazetteer import SPECIAL_FOLDS
from sitegen.names import fold_key, guess_language, to_latin

_I = re.IGNORECASE

# A heading that opens the reader comment section; everything after it is comments or forms.
_COMMENTS_START = re.compile(
    r"^\s*(?:\d+\s+(?:comments?|responses?|replies|reactions?|thoughts?\b.*)"
    r"|comments?\s*(?:\(\d+\)|:)?"
    r"|comments are closed\.?|reader comments?|user comments?|show comments|view comments|load comments"
    r"|leave a (?:reply|comment)|add (?:a|your) comment|post a comment|write a comment|join the discussion"
    r"|komentari(?:\s*\(\d+\))?|yorumlar|hozzászólások|kommentek"
    r"|\d+\s+(?:komentara?|yorum|hozzászólás))\s*:?\s*$",
    _I,
)

# Lines that are furniture wherever they appear.
_FURNITURE = [
    ("read-also", re.compile(r"^\s*(?:read also|also read|read more|see also|related(?: articles?| news| stories)?"
                             r"|more on (?:this|the topic)|recommended|you may also like|pročitajte još|procitajte jos"
                             r"|pročitajte i|прочитајте још|прочитајте и|bővebben|kapcsolódó|lexo edhe|lexo më shumë|lexoni edhe|mehr zum thema|lesen sie auch"
                             r"|ilgili haberler|explore more on these topics|more from this section"
                             r"|most read|most popular|trending(?: now)?|top stories|latest news|more news|editor'?s picks)"
                             r"\b\s*[:\-–—]?.*$", _I)),
    ("click-here", re.compile(r"\bclick\s+(?:here|on this link)\b|\bfind them here\b", _I)),
    ("share", re.compile(r"^\s*(?:(?:share|teilen|shpërndaje|shpërndaj|podeli|podijeli|megosztás|подели)"
                         r"(?: this(?: article| story| post)?)?(?: on| via)?\b.*"
                         r"(?:facebook|twitter|linkedin|whatsapp|telegram|email|x\b|viber)"
                         r"|share this(?: article| story)?\s*:?|follow us on\b.*|subscribe\b.*(?:newsletter|channel|updates).*"
                         r"|sign up(?: here| for)?\b.{0,60}|tweet|print|email this)\s*\.?\s*$"
                         r"|^\s*(?:share on \w+\s*){1,6}$|\bshare (?:it|this) with your friends\b|^\s*subscribe to our newsletter\b.{0,40}$", _I)),
    ("views", re.compile(r"^\s*(?:this (?:news|article|story|post) has been )?(?:read|viewed|seen)\s+[\d.,]+\s+times(?: in total)?\s*\.?\s*$"
                         r"|^\s*[\d.,]+\s+(?:views|reads|pregleda|okunma)\s*$|^\s*(?:views|reads|pregleda)\s*:\s*[\d.,]+\s*$", _I)),
    ("source-footer", re.compile(r"^\s*(?:kaynak|izvor|forrás|forras|source|sources|извор)\s*:\s*[^.!?]{0,70}$", _I)),
    ("photo-credit", re.compile(r"^\s*(?:photo(?:s| credit| credits)?|foto(?:grafija)?|фото(?:графија)?|fotó|bild|image(?: credit)?|picture|illustration"
                                r"|cover photo|featured image|screenshot)\s*(?:credit)?\s*[:/©].{0,120}$"
                                r"|^\s*\(?(?:photo|foto)\s*:?\s*[^.]{0,80}\)?\s*$|^\s*©.{0,100}$", _I)),
    ("advertisement", re.compile(r"^\s*(?:advertisement|advertising|sponsored|ad)\b(?:\s*[·|\-–]\s*scroll to continue.*)?\s*$", _I)),
    ("tags", re.compile(r"^\s*(?:tags?|keywords|topics|oznake|ознаке|tagovi|címkék|etiketat|etiketa|schlagwörter"
                        r"|schlagworte|etiketler)\s*:.*$", _I)),
    ("cookies", re.compile(r"\b(?:accept (?:all )?cookies|(?:we|site|website) uses? cookies|cookie (?:policy|settings|notice|consent)|you agree to (?:our|the) use of cookies)\b", _I)),
    ("credits", re.compile(r"^\s*[(\[*_]*\s*(?:(?:additional )?reporting by|writing by|editing by|edited by|compiled by"
                           r"|translated by|translation:)\b.{0,200}$", _I)),
    ("standards", re.compile(r"^\s*our standards\s*:.*$|trust principles\.?\s*$", _I)),
    ("desk-initials", re.compile(r"^\s*[a-z]{1,5}(?:/[a-z]{1,5}){1,6}\s*$")),
    ("disclaimer", re.compile(r"^\s*the views expressed (?:in this|here|are)\b.*$|^\s*(?:all rights reserved|copyright)\b.{0,150}$", _I)),
    ("comment-form", re.compile(r"your email address will not be published|required fields are marked"
                                r"|you must be logged in to post a comment", _I)),
    ("comment-policy", re.compile(r"\b(?:yorum(?:lar)?|komentar(?:i|e|a)?|hozzászólás(?:ok)?|comments?)\b.{0,200}"
                                  r"\b(?:onaylanmama|neće biti objavljen|nece biti objavljen|will not be published|won't be published"
                                  r"|moderat|nem jelennek meg|are not approved|will be deleted)", _I)),
    ("navigation", re.compile(r"^\s*(?:home|menu|search|log ?in|sign in|register)\s*$", _I)),
]

# A breadcrumb: short pieces joined by | or › or » ("Balkan Monitor | Security | Serbia").
_MENU_WORD = re.compile(r"\b(?:home|news|log ?in|sign in|subscribe|search|menu|markets|sport|opinion|video)\b", _I)
_BREADCRUMB = re.compile(r"^\s*[^|›»·•]{1,40}(?:\s+[|›»·•]\s+[^|›»·•]{1,40}){1,12}\s*$")

_ENGLISH_WORDS = frozenset(
    "the a an and of to in on for is are was were be been has have had it its this that with by as at from "
    "not but or which who will would can could said says".split()
)


def english_ratio(line: str) -> float:
    words = re.findall(r"[^\W\d_]+", line.lower())
    if not words:
        return 1.0
    return sum(1 for w in words if w in _ENGLISH_WORDS) / len(words)


@dataclass
class Cleaned:
    paragraphs: list[str]  # kept text, one paragraph each, in order
    removed: list[str] = field(default_factory=list)  # exact dropped lines/blocks, in order
    removed_kinds: list[str] = field(default_factory=list)
    lang: str = "en"  # lang.guess_language of the kept text


# Words (lower case) without one of which a line cannot be furniture of that kind: the unanchored
# patterns are searched only in lines that have one (a quick test; the pattern still decides).
_NEEDLES = {
    "click-here": ("click", "find them here"),
    "share": ("share", "follow", "subscribe", "sign up", "tweet", "print", "email", "teilen", "shpërndaj", "podeli",
              "podijeli", "megosztás", "подели"),
    "cookies": ("cookie",),
    "standards": ("standards", "trust principles"),
    "comment-form": ("email address", "required fields", "logged in"),
    "comment-policy": ("yorum", "komentar", "hozzászólás", "comment"),
}


def _needle_finder() -> ahocorasick.Automaton:
    """Every needle of _NEEDLES, found in one pass: each gives the kinds it lets through."""
    kinds: dict[str, set[str]] = {}
    for kind, needles in _NEEDLES.items():
        for needle in needles:
            kinds.setdefault(needle, set()).add(kind)
    auto = ahocorasick.Automaton()
    for needle, of in kinds.items():
        auto.add_word(needle, frozenset(of))
    auto.make_automaton()
    return auto


_NEEDLE_FINDER = _needle_finder()


def _furniture_kind(line: str) -> str | None:
    s = line.strip()
    if not s:
        return None
    if any(c in s for c in SPECIAL_FOLDS):
        present = None  # (lower case is not what the patterns' case folding is here)
    else:
        present = {kind for _, kinds in _NEEDLE_FINDER.iter(s.lower()) for kind in kinds}
    for kind, rx in _FURNITURE:
        if present is not None and kind in _NEEDLES and kind not in present:
            continue
        if kind in ("click-here", "cookies", "comment-form", "comment-policy"):
            if len(s) < 400 and rx.search(s):
                return kind
        elif rx.search(s):
            if kind == "read-also" and len(s) > 250:
                continue
            return kind
    dotted = not any(c in s for c in "|›»")  # pieces joined by "·" or "•" only: a menu when it has a menu's words
    if len(s) < 160 and any(c in s for c in "|›»·•") and _BREADCRUMB.match(s) \
            and (not dotted or (s.count("·") + s.count("•") >= 3 and _MENU_WORD.search(s))) \
            and not re.search(r"[.!?]\s*$", s) \
            and not re.search(r"^\s*by\s|\bpublished\b|\bupdated\b|\b(?:19|20)\d\d\b|\d{1,2}:\d\d|\b(?:jan|feb|mar|apr|"
                              r"may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d|"
                              r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
                              r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", s, _I):
        return "breadcrumb"
    return None


_MD_IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def strip_markdown(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links, images, list markers, quotes."""
    out = []
    for line in text.split("\n"):
        s = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        s = re.sub(r"^\s{0,3}>\s?", "", s)
        s = re.sub(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(?=\S)", "", s) if re.match(r"^\s{0,3}(?:[-*+])\s", s) else s
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", s):
            s = ""
        s = _MD_LINK.sub(r"\1", s)
        s = _MD_EMPH.sub(r"\2", s)
        out.append(s)
    return "\n".join(out)


def looks_like_markdown(text: str) -> bool:
    """A .txt file written in Markdown: headings, images or links, bold labels."""
    if "#" not in text and "](" not in text and "**" not in text:
        return False  # none of them can be there
    hits = 0
    for _ in _MD_SIGNS.finditer(text):
        hits += 1
        if hits >= 2:
            return True
    return False


_MD_SIGNS = re.compile(r"(?m)^#{1,6} \S|!\[[^\]]*\]\(|\[[^\]]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*")
_BLANKS = re.compile(r"[ \t]+")


_WRAP_ENDS = frozenset(".!?:;\"”’)]")  # a line ending in one of these ends its paragraph
_WRAP_STARTS = frozenset("abcdefghijklmnopqrstuvwxyz(")  # a line starting with one of these may continue one


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of one block into paragraphs; one line per paragraph otherwise."""
    paras: list[list[str]] = []  # each paragraph as its lines, joined once at the end
    for line in lines:
        s = line.strip()
        last = paras[-1] if paras else None
        if last and last[0] and last[-1][-1:] not in _WRAP_ENDS and s[:1] in _WRAP_STARTS:
            last.append(s)
        else:
            paras.append([s])
    return [" ".join(p) for p in paras]


def clean_text(text: str, markdown: bool = False) -> Cleaned:
    """Split into kept paragraphs and removed furniture (verbatim)."""
    lines = text.split("\n")
    n = len(lines)
    drop: list[str | None] = [None] * n  # furniture kind per line, or None
    if markdown or looks_like_markdown(text):
        for i, line in enumerate(lines):
            if _MD_IMAGE_LINE.match(line):
                drop[i] = "image"
            else:
                lines[i] = strip_markdown(line)

    # Comment section: from its heading to the end.
    start = None
    for i, line in enumerate(lines):
        if _COMMENTS_START.match(line) and len(line.strip()) < 60:
            start = i
            break
    if start is not None:
        for i in range(start, n):
            drop[i] = "comments"

    for i in range(0 if start is None else 0, n if start is None else start):
        kind = None if drop[i] else _furniture_kind(lines[i])
        if kind:
            drop[i] = kind

    # "Read also:" alone on a line: the short headline links under it go too.
    for i in range(n):
        if drop[i] == "read-also" and re.match(r"^\s*[^:]{0,30}:?\s*$", lines[i]):
            j = i + 1
            while j < n and drop[j] is None and lines[j].strip() and len(lines[j]) < 160 \
                    and not re.search(r"[.!?]\s*$", lines[j]):
                drop[j] = "read-also"
                j += 1

    # Trailing lines in another language after the last kept line (comment policies and the like).
    # Only an English article has such a footer: an article in another language is all text.
    kept_idx = [i for i in range(n) if drop[i] is None and lines[i].strip()]
    lang = guess_language("\n".join(lines[i] for i in kept_idx[:60]))
    english_article = lang == "en" and any(english_ratio(lines[i]) >= 0.2 for i in kept_idx)
    for i in reversed(kept_idx if english_article else []):
        s = lines[i].strip()
        if len(s.split()) >= 4 and english_ratio(s) < 0.05 and re.search(r"[^\x00-\x7f]", s):
            drop[i] = "foreign-footer"
        else:
            break

    # Short all-caps kicker before the article ("COMMENTARY", "ANALYSIS").
    for i in range(n):
        s = lines[i].strip()
        if not s or drop[i]:
            continue
        if re.fullmatch(r"[A-Z][A-Z &/-]{2,30}", s) and len(s.split()) <= 3:
            drop[i] = "kicker"
        if i > 12:
            break

    removed: list[str] = []
    removed_kinds: list[str] = []
    blocks: list[list[str]] = [[]]
    i = 0
    while i < n:
        if drop[i]:
            kind = drop[i]
            j = i
            chunk = []
            while j < n and (drop[j] == kind or (not lines[j].strip() and j + 1 < n and drop[j + 1] == kind
                                                   and kind in ("comments",))):
                chunk.append(lines[j])
                j += 1
            while chunk and not chunk[-1].strip():
                chunk.pop()
            removed.append("\n".join(chunk).strip("\n"))
            removed_kinds.append(kind)
            blocks.append([])
            i = j
            continue
        if lines[i].strip():
            blocks[-1].append(lines[i])
        else:
            blocks.append([])
        i += 1
    paragraphs: list[str] = []
    for block in blocks:
        if block:
            paragraphs.extend(p for p in _join_wrapped(block) if p)
    # Runs of spaces and tabs to one space (a text with neither a tab nor two spaces in a row has none).
    paragraphs = [(_BLANKS.sub(" ", p) if "  " in p or "\t" in p else p).strip() for p in paragraphs]
    return Cleaned(paragraphs=paragraphs, removed=removed, removed_kinds=removed_kinds, lang=lang)


# ---------------------------------------------------------------- sentences

_ABBREV = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt st no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "inc ltd co corp jr sr vs etc approx dept est govt min max mt ft rev hon sen rep gov pres adm".split()
)
# Abbreviations of the region's languages (lang.py), Serbian Cyrillic read in Latin letters. None of
# them is an English word that ends sentences, so they count in any text.
_LOCAL_ABBREV = frozenset(
    # sh: dr., prof., npr. (for example), tzv. (so-called), tj. (that is), itd./sl. (etc.), br. (number),
    # str. (page), ul. (street), mil./mlrd. (million, billion), gđa/gdin (Mrs/Mr), sv. (saint)
    "npr tzv tj itd itsl sl br str ul mil mlrd gđa gdin gđica sv "
    # hu: sz. (number), stb. (etc.), pl. (for example), kb. (about), ún. (so-called), vö. (compare), ld. (see),
    # id./ifj. (senior, junior), özv. (widow)
    "sz stb pl kb ún vö ld ifj özv "
    # sq: etj. (etc.), p.sh. (for example), znj. (Mrs), nr. (number)
    "etj p.sh znj nr "
    # de: bzw. (or), usw. (etc.), vgl. (compare), ca., Nr., Str., Hr./Fr. (Mr/Mrs), sog. (so-called),
    # ggf. (if need be), evtl. (possibly), inkl. (including), zzgl. (plus), Dipl.-Ing.
    "bzw usw vgl ca str hr fr sog ggf evtl inkl zzgl dipl".split()
)
# Abbreviations that are also English words ("fell ill."): they count only in a paragraph in that language.
_LOCAL_ONLY = {"ill": "hu"}  # hu: ill. (illetve, or)
# A full stop followed by space and what may begin a sentence: a capital letter (Latin or not: what
# follows a non-ASCII character or an opening quote is checked in _split_sentences) or a digit.
_SENT_END = re.compile(r"[.!?…]+[\"”’“»«)\]]*(?=\s+[\"“‘„«»(\[]?(?:[A-Z0-9]|[^\x00-\x7f]))")
_OPENERS = "\"“‘„«»([ \t\n\r\f\v\u00a0"
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, p.m, z.B (the last stop stripped)
# Abbreviations that can end a sentence (not titles, which stand before a name), and the words that
# then show a new sentence begins.
_ENDING_ABBREV = frozenset("etc inc ltd co corp jr sr approx est".split())
_OPENER_WORD = re.compile(r"(?:He|She|It|They|We|I|The|This|That|These|Those|There|But|And|His|Her|Its|Their|"
                          r"Our|In|On|At|After|A|An|When|While|Meanwhile|However)\b")
_DAY = re.compile(r"\d{1,2}|\d{4}")  # "18." of "18. März", "2025." of "2025. Április"


@functools.lru_cache(maxsize=1)
def _month_word() -> re.Pattern:
    """A month's name in a region's language, folded (data/events.yaml): after "18." or "2025." it
    makes the number part of a date ("18. März", "2025. Április"), not a sentence's end. English writes
    no such dates ("in 2024. March was ...")."""
    data = yaml.safe_load(resources.files("sitegen.ingest").joinpath("data", "events.yaml")
                          .read_text(encoding="utf-8"))
    forms: list[str] = []
    for sections in data.values():
        if isinstance(sections, dict):
            forms.extend(str(v) for v in (sections.get("months") or {}).values())
    words = [w for f in forms for w in f.split()]
    return re.compile("(?:" + "|".join(words) + r")\.?")


def _keeps_going(paragraph: str, start: int, stop: int, nxt: int, lang: str | None) -> bool:
    """Whether the full stop at paragraph[stop] ends an abbreviation, an initial or an ordinal date,
    not the sentence from `start`; `nxt` is where the next word begins."""
    # The whole word before the stop (letters of any script, dots, hyphens: "megállapodást", "NATO-a",
    # "U.S"), not only its last ASCII letters.
    i = stop
    lo = max(start, stop - 64)
    while i > lo and not paragraph[i - 1].isspace():
        i -= 1
    word = paragraph[i:stop].lstrip(_OPENERS)
    if not word or (i == lo and lo > start):
        return False
    w = word.rstrip(".").lower()
    if not w.isascii():
        w = to_latin(w)
    if (w in _ENDING_ABBREV or _DOTTED.fullmatch(w)) and _OPENER_WORD.match(paragraph, nxt):
        return False  # "at 10 a.m. He said", "in the U.S. The report": what follows begins a sentence
    if w in _ABBREV or w in _LOCAL_ABBREV:
        return True
    if len(w) == 1 and w.isalpha():
        # An initial (J. Smith, z. B.), unless a sentence's first word follows: "in a post on X. He said"
        return not _OPENER_WORD.match(paragraph, nxt) or paragraph[nxt + 1:nxt + 2] == "."
    if _DOTTED.fullmatch(w):
        return True
    tail = w.rpartition("-")[2]
    if tail != w and (tail in _ABBREV or tail in _LOCAL_ABBREV):
        return True  # ex-Gen.
    only = _LOCAL_ONLY.get(w)
    if only is not None:
        return (lang or guess_language(paragraph)) == only
    if _DAY.fullmatch(w):
        m = re.match(r"[^\W\d_]+", paragraph[nxt:nxt + 20])
        return bool(m) and _month_word().fullmatch(fold_key(m.group())) is not None
    return False


# Longer than this, a "sentence" is split at a space: no sentence is this long, but a text without
# sentence ends (a list, a transcript) would otherwise be one sentence, and work done for each thing
# found in a sentence would cost its length squared.
MAX_SENTENCE = 3000


def split_sentences(paragraph: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within one paragraph. Knows common abbreviations (English and the
    region's languages), initials and ordinal dates ("18. März"). `lang`: the article's language
    (lang.guess_language), which decides the few abbreviations that are also English words ("ill.");
    the paragraph's own is guessed when they occur and it is not given."""
    spans = _split_sentences(paragraph, lang)
    if any(e - s > MAX_SENTENCE for s, e in spans):
        spans = [piece for s, e in spans for piece in _cut(paragraph, s, e)]
    return spans


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] as pieces of at most MAX_SENTENCE characters, cut after a space where there is one."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
        stop = cut if cut > start else limit
        out.append((start, stop))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _split_sentences(paragraph: str, lang: str | None) -> list[tuple[int, int]]:
    spans = []
    start = 0
    n = len(paragraph)
    for m in _SENT_END.finditer(paragraph):
        end = m.end()
        nxt = end
        while nxt < n and paragraph[nxt] in _OPENERS:
            nxt += 1
        c = paragraph[nxt:nxt + 1]
        if not (c.isupper() or c.isdigit()):
            continue  # a lower-case letter (of any script) or a sign: the sentence goes on
        if paragraph[m.start()] == "." and _keeps_going(paragraph, start, m.start(), nxt, lang):
            continue
        if end - start < 2:
            continue
        spans.append((start, end))
        nxt = end
        while nxt < n and paragraph[nxt].isspace():
            nxt += 1
        start = nxt
    if start < n and paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans
