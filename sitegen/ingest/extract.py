"""Raw articles -> machine versions of source, actor and event entries.

`extract_corpus` is pure and deterministic: the same seeds and known actors give the same entries
in the same order, and feeding the actors it produced back in as `known` gives identical output.
"""

from __future__ import annotations

import array
import bisect
import gc
import zlib
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitegen.dates import PartialDate
from sitegen.errors import Problem
from sitegen.ingest import gazetteer as gz
from sitegen.ingest import government
from sitegen.ingest.actors import SURNAMES_THAT_ARE_WORDS, Candidate, Registry, discover, person_parts, similar_given
from sitegen.ingest.clean import clean_text, split_sentences
from sitegen.ingest.gazetteer import Mention, alias_matcher
from sitegen.ingest.spans import PackedMentions
from sitegen.ingest.metadata import (Header, date_outside_text, date_starts, dates_in, derive_title, infer_publication,
                                     parse_header, publication_evidence)
from sitegen.ingest.types import KnownActor, KnownEvent, MachineEntry, Seed, SeedFacts
from sitegen.names import Matcher, fold_key, slugify
from sitegen.parallel import cpus, give_back_free_memory, parallel_map


class Sentence:
    """A sentence of Doc.text: its text is a slice of the document's, made when asked for (one copy
    of the text per document, not two)."""

    __slots__ = ("index", "para", "start", "end", "_src")

    def __init__(self, index: int, para: int, start: int, end: int, src: str):
        self.index = index
        self.para = para
        self.start = start  # offset in Doc.text
        self.end = end
        self._src = src

    @property
    def text(self) -> str:
        return self._src[self.start:self.end]

    def __repr__(self) -> str:
        return f"Sentence({self.index}, {self.para}, {self.start}, {self.end}, {self.text!r})"


@dataclass
class Doc:
    seed: Seed
    index: int
    header: Header
    title: str
    title_flag: bool
    removed: list[str]
    text: str  # body: paragraphs joined by blank lines
    bounds: Sequence[int]  # (paragraph, start, end) of each sentence, flat
    slug: str = ""
    mentions: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    title_mentions: list[Mention] = field(default_factory=list)
    published: PartialDate | None = None
    published_inferred: bool = False
    pub_how: str = ""
    pub_weekday: int | None = None
    outlet_slug: str | None = None
    needs_review: list[str] = field(default_factory=list)
    date_starts: Sequence[int] = ()  # metadata.date_starts(text)
    _dates: dict = field(default_factory=dict, repr=False)
    _sentences: list | None = field(default=None, repr=False)
    _spans: dict = field(default_factory=dict, repr=False)  # spans.py's indexes of this doc
    _para_starts: list | None = field(default=None, repr=False)
    # The text, compressed, while the main process keeps the article between stages (pack/unpack).
    _ztext: bytes | None = field(default=None, repr=False)
    wire_lede: str = ""  # the first 200 characters of the first paragraph (for a wire's evidence)
    lang: str = "en"  # lang.guess_language of the title and text
    phrases: list | None = None  # claims.DisagreementContext.phrases of this article, found with it
    # Sentence index -> (start, end, speaker) of the words each attribution tells (claims.py): the
    # speaker of a figure found within them.
    attributed: dict = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        # Sentences, dates and indexes are rebuilt where needed, not sent between processes.
        state = dict(self.__dict__)
        state["_sentences"] = None
        state["_dates"] = {}
        state["_spans"] = {}
        state["_para_starts"] = None
        return state

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            b = self.bounds
            self._sentences = [Sentence(i, b[3 * i], b[3 * i + 1], b[3 * i + 2], self.text)
                               for i in range(len(b) // 3)]
        return self._sentences

    def sentence_object(self, i: int) -> Sentence:
        """Sentence i, made on its own (without building the sentence list)."""
        b = self.bounds
        return Sentence(i, b[3 * i], b[3 * i + 1], b[3 * i + 2], self.text)

    def sentence_text(self, i: int) -> str:
        """The text of sentence i, without building the sentence list."""
        return self.text[self.bounds[3 * i + 1]:self.bounds[3 * i + 2]]

    def release(self) -> None:
        """Drop what is rebuilt on demand (the sentence list, the dates found in it, the indexes)."""
        self._sentences = None
        self._dates = {}
        self._spans = {}
        self._para_starts = None

    def has_text(self) -> bool:
        return bool(self.text) or self._ztext is not None

    def pack(self) -> None:
        """Keep the text compressed only (a third of the memory, or less) until unpack()."""
        if self.text:
            self._ztext = zlib.compress(self.text.encode("utf-8"), 1)
        self.drop_text()

    def unpack(self) -> None:
        """The text back from pack(), for as long as it is needed (until drop_text())."""
        if not self.text and self._ztext is not None:
            self.text = zlib.decompress(self._ztext).decode("utf-8")

    def drop_text(self) -> None:
        """Let the unpacked text go (the packed one stays)."""
        if self._ztext is not None or not self.text:
            self.text = ""
            self.release()

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs (kept once, as the text they are joined into)."""
        return self.text.split("\n\n") if self.text else []

    def paragraph(self, i: int) -> str | None:
        """paragraphs[i] for 0 <= i < len(paragraphs), else None; without splitting the whole text."""
        if self._para_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n\n")
            while pos >= 0:
                starts.append(pos + 2)
                pos = find("\n\n", pos + 2)
            self._para_starts = starts
        starts = self._para_starts
        if not self.text or not 0 <= i < len(starts):
            return None
        end = starts[i + 1] - 2 if i + 1 < len(starts) else len(self.text)
        return self.text[starts[i]:end]

    def dates_of(self, sent: Sentence) -> list:
        """find_dates(sent.text), from the date starts found once in the whole text."""
        found = self._dates.get(sent.index)
        if found is None:
            lo = bisect.bisect_left(self.date_starts, sent.start)
            hi = bisect.bisect_left(self.date_starts, sent.end)
            found = dates_in(sent.text, [p - sent.start for p in self.date_starts[lo:hi]])
            self._dates[sent.index] = found
        return list(found)

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that contains pos (or the space right after it): the last one starting at or
        before pos."""
        b = self.bounds
        lo, hi = 0, len(b) // 3
        while lo < hi:  # bisect_right on the sentence starts
            mid = (lo + hi) // 2
            if pos < b[3 * mid + 1]:
                hi = mid
            else:
                lo = mid + 1
        i = lo - 1
        if i >= 0 and pos < self.sentences[i].end + 2:
            return self.sentences[i]
        return None


def _read_doc(seed: Seed, index: int) -> Doc:
    markdown = seed.path.lower().endswith(".md")
    cleaned = clean_text(seed.text, markdown=markdown)
    header = parse_header(cleaned.paragraphs)
    if header.published is None and cleaned.lang != "en":
        # A date line in the article's language ("Beograd, 1. aprila 2025."): the date its
        # relative dates ("danas", "am Montag") are resolved against, a header line as in English.
        from sitegen.ingest.events import local_date_line

        lines = ([header.title] if header.title else []) + header.body
        found = local_date_line(lines, cleaned.lang)
        if found is not None:
            i, header.published = found
            if header.title and i == 0:  # no headline: the first line was the date line
                header.date_line, header.title = header.title, ""
            else:
                header.date_line = header.body.pop(i - (1 if header.title else 0))
            header.consumed.append(header.date_line)
    _apply_facts(header, seed.facts)
    if header.published is None:
        header.furniture_date, header.furniture_how = date_outside_text(
            list(cleaned.removed) + header.consumed + [p for p in header.body if len(p) < 400])
    paragraphs = header.body
    title = header.title
    flag = False
    if not title:
        title = derive_title(paragraphs[0]) if paragraphs else "Untitled"
        flag = True
    removed = list(cleaned.removed) + list(header.consumed)
    text = "\n\n".join(paragraphs)
    bounds = array.array("i")
    offset = 0
    for pi, p in enumerate(paragraphs):
        for (s, e) in split_sentences(p, cleaned.lang):
            bounds.extend((pi, offset + s, offset + e))
        offset += len(p) + 2
    header.body = []  # the paragraphs are kept as the text
    return Doc(seed, index, header, title, flag, removed, text, bounds,
               date_starts=array.array("i", date_starts(text)), lang=cleaned.lang)


def _apply_facts(header: Header, facts: SeedFacts) -> None:
    """What a sidecar, front matter, page metadata or the editor says of the article wins over what
    its text suggests."""
    if facts.title:
        header.title = facts.title
    if facts.author:
        header.author = facts.author
    if facts.outlet:
        header.outlet = facts.outlet
    if facts.url:
        header.url = facts.url
    if facts.published:
        header.published = PartialDate.parse(facts.published)


def _unique_slug(base: str, used: set[str]) -> str:
    slug = base
    n = 2
    while slug in used:
        slug = f"{base}-{n}"
        n += 1
    used.add(slug)
    return slug


# ------------------------------------------------------------------ mentions

def _name_before_surname(name: str, word: str) -> bool:
    """Whether `word` is the word a person's full name has right before its surname ("Doria" of
    "Samuel Doria Medina"): a name of two surnames, not another person's given name."""
    toks = name.split()
    return len(toks) >= 3 and fold_key(toks[-2]) == fold_key(word)


def find_mentions(text: str, matcher: Matcher, registry: Registry, lang: str = "en"
                  ) -> tuple[list[Mention], list[Mention]]:
    """Actor mentions and place mentions (capitals used as places) in a text in language `lang`."""
    raw = matcher.find(text, lang=lang)
    mentions: list[Mention] = []
    places: list[Mention] = []
    full_persons = set()
    for s, e, surface, cands in raw:
        for alias, slug, atype in cands:
            if atype != "surname" and registry.actors[slug].kind == "person":
                full_persons.add(slug)
    for s, e, surface, cands in raw:
        atype = cands[0][2]
        slugs = []
        for alias, slug, t in cands:
            if slug not in slugs:
                slugs.append(slug)
        if re.match(r"\s?\$", text[e:e + 2]):
            continue  # "US$3,034", "A$40": a currency, not the state
        if atype == "name" and _SUBNATIONAL_STATE.match(text, e) and registry.actors[slugs[0]].kind == "state":
            continue  # "Niger State": a state of Nigeria, not the country
        if atype == "capital":
            if gz.capital_is_government(text, s, e, lang):
                mentions.append(Mention(s, e, surface, slugs[0], atype))
            else:
                places.append(Mention(s, e, surface, slugs[0], atype, place=True))
            continue
        if atype == "demonym":
            if gz.demonym_is_state(text, s, e, lang):
                mentions.append(Mention(s, e, surface, slugs[0], atype))
            continue
        if atype == "surname":
            persons = [sl for sl in slugs if registry.actors[sl].kind == "person"]
            if not persons:
                continue
            chosen = [sl for sl in persons if sl in full_persons]
            if len(chosen) == 1:
                slug = chosen[0]
            elif len(persons) == 1 and not _part_of_another_name(text, e, registry.actors[persons[0]]) \
                    and fold_key(surface) not in SURNAMES_THAT_ARE_WORDS:
                slug = persons[0]  # named in full in another article ("Sarkozy said"), not
                # "Khan Younis" nor "in May" ("Douglas May")
            else:
                continue
            # A different given name right before the surname: another person of that name.
            pm = re.search(r"([A-ZÀ-ÖØ-ÞČĆŠŽĐŁŐŰ][\w'’-]+)\s+$", text[max(0, s - 30):s])
            given, _ = person_parts(registry.actors[slug].name)
            if pm and given and fold_key(pm.group(1)) not in _ROLEISH:
                if similar_given(pm.group(1).split("-")[0], given.split()[0]) \
                        or _name_before_surname(registry.actors[slug].name, pm.group(1)):
                    # The full name; an inflected one ("Aleksandra Vučića") keeps the surname's
                    # nominative as its form.
                    inflected = surface != text[s:e]
                    s = s - len(pm.group(0))
                    if not inflected:
                        surface = text[s:e]
                elif pm.group(1)[0].isupper() and fold_key(pm.group(1)) in gz.given_names():
                    continue
            mentions.append(Mention(s, e, surface, slug, atype))
            continue
        # Several actors share the alias: the first listed (known entries come first).
        mentions.append(Mention(s, e, surface, slugs[0], atype))
    return mentions, places


_SUBNATIONAL_STATE = re.compile(r" State\b(?! (?:Department|Council|Duma|Security|Secretary|Media|"
                                r"Television|TV|Radio|Agency|University)\b)")


def _with_home_government(d: Doc, registry: Registry, mentions: list[Mention]) -> list[Mention]:
    """The mentions, and "the government" (or "the cabinet") of the state the article is about,
    named without its state: that state's voice. The surface is the state's name: "the government"
    is no alias of anyone's."""
    bare = list(government.bare_governments(d.text))
    home = government.home_state(s.text for s in d.sentences) if bare else ""  # (most articles name none)
    slug = registry.by_key.get(fold_key(home)) if home else None
    if slug is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added = [Mention(start, end, registry.actors[slug].name, slug, "government")
             for start, end in bare if not any(a < end and start < b for a, b in taken)]
    return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions


_NEXT_NAME = re.compile(r"\s+([A-ZÀ-ÖØ-ÞČĆŠŽĐŁŐŰ][\w'’-]+)")


def _part_of_another_name(text: str, end: int, person) -> bool:
    """Whether a surname found at text[:end] runs on into a name other than the person's given
    name ("Khan Younis"; not "Orbán Viktor", the family name first)."""
    m = _NEXT_NAME.match(text, end)
    if m is None:
        return False
    given, _ = person_parts(person.name)
    return not (given and similar_given(m.group(1), given.split()[0]))


_ROLEISH = frozenset(fold_key(w) for w in """president minister prime premier leader chancellor envoy spokesman
spokeswoman ambassador general mr mrs ms dr prof counterpart colleague the and of serbian hungarian""".split())


# ------------------------------------------------------------------ publication dates

# A wire's day and month given a year the article names, or one near it: the corpus's year decides.
_YEAR_GUESSED = ("dateline+weekday", "dateline+latest year")


def _date_publications(docs: list[Doc], evidences: list | None = None) -> None:
    for d in docs:
        h = d.header
        if h.published:
            d.published = h.published
            d.pub_how = "explicit"
        elif h.furniture_date:
            d.published, d.published_inferred, d.pub_how = h.furniture_date, True, h.furniture_how
    if evidences is not None:
        evidence = {d.index: ev for d, ev in zip(docs, evidences)}
    else:
        evidence = {d.index: publication_evidence(d.text, d.header.dateline_date, "\n".join(d.paragraphs[:2]))
                    for d in docs}
    # First pass without a prior, then with the corpus's most common year as prior.
    for d in docs:
        if d.published:
            continue
        pub, how = infer_publication(evidence[d.index], None)
        if pub:
            d.published, d.published_inferred, d.pub_how = pub, True, how
    years = Counter(d.published.year for d in docs if d.published and d.pub_how not in _YEAR_GUESSED)
    prior = max(sorted(years), key=lambda y: years[y]) if years else None
    for d in docs:
        ev = evidence[d.index]
        guess = None
        if d.pub_how in _YEAR_GUESSED and prior:
            # a wire's day placed in or near a year the article names: the corpus's year decides, if it can
            guess, d.published = d.published, None
        if d.published and (d.published.day or not ev.weekdays or d.pub_how == "explicit"):
            if d.published.day is None and ev.weekdays:
                d.pub_weekday = ev.weekdays[0]
            continue
        pub, how = infer_publication(ev, prior)
        if pub:
            d.published, d.published_inferred, d.pub_how = pub, True, how
        elif guess is not None:
            d.published = guess
        if ev.weekdays and (not d.published or not d.published.day):
            d.pub_weekday = ev.weekdays[0]


# ------------------------------------------------------------------ parallel map

# Below this many articles extraction runs in-process (a pool costs more than it saves).
POOL_MIN_ARTICLES = 50
WORKERS_ENV = "SITEGEN_INGEST_WORKERS"

def worker_count(n_items: int, workers: int | None = None) -> int:
    """Processes for n_items articles: `workers` if given, else $SITEGEN_INGEST_WORKERS, else one per
    core; one (in-process) for small corpora unless `workers` asks for more."""
    if workers is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        if env.isdigit() and int(env) > 0:
            workers = int(env)
        else:
            if n_items < POOL_MIN_ARTICLES or threading.active_count() > 1:
                # Small corpora, and processes with other threads running (forking those is unsafe:
                # `sitegen serve` ingests from a thread), extract in-process.
                return 1
            workers = cpus()
    if not hasattr(os, "fork"):  # (as parallel.fork_workers asks: the helpers are forked)
        return 1
    return max(1, min(workers, n_items))


# ------------------------------------------------------------------ per-article stages

@dataclass
class _Read:
    doc: Doc
    cands: list  # actor candidates, their source still to be set
    evidence: object  # PubEvidence


_AUTHORS_SEP = re.compile(r"\s+(?:and|&)\s+|,\s+(?:and\s+)?|;\s+")


def _read_stage(seed: Seed, index: int) -> _Read:
    """Clean, header, sentences, actor discovery and publication-date evidence of one article."""
    from sitegen.ingest.actors import Candidate

    d = _read_doc(seed, index)
    cands = discover([s.text for s in d.sentences], "", d.index, gz_builtin_keys(), d.lang)
    for c in cands:
        c.evidence = ""  # its sentence, (d.index, c.order[1]): taken from the doc when needed
    if d.header.author:
        aff = ""
        am = _AUTHOR_AFF.search(d.header.author_role)
        if am:
            aff = am.group(1)
        for author in _AUTHORS_SEP.split(d.header.author):  # "Nidal al-Mughrabi and Maayan Lubell": two
            if len(author.split()) >= 2:
                cands.append(Candidate(author.strip(), "person", d.header.author_role or "Author", aff,
                                       evidence=d.header.author_line, source="", order=(d.index, -1, 0)))
    if d.header.outlet:
        cands.append(Candidate(d.header.outlet, "media", "", "", evidence=d.header.author_line, source="",
                               order=(d.index, -1, 1)))
    lede = "\n".join(d.paragraphs[:2])
    evidence = publication_evidence(d.text, d.header.dateline_date, lede, d.date_starts)
    d.wire_lede = d.paragraph(0)[:200] if d.header.dateline_wire and d.paragraphs else ""
    d.pack()
    return _Read(d, cands, evidence)


def _read_stage_for_pool(seeds: list[Seed], i: int) -> _Read:
    r = _read_stage(seeds[i], i)
    r.doc.seed = None  # the parent has it: do not send the article back
    return r


_AUTHOR_AFF = re.compile(r"\b(?:at|of|with)\s+(?:the\s+)?(.+)$")
_WIRE_PAREN = re.compile(r"^[^()\n]{0,80}\(([^)]{1,40})\)")


def gz_builtin_keys() -> set[str]:
    if not _BUILTIN_KEYS:
        _BUILTIN_KEYS.append(Registry([]).builtin_keys())
    return _BUILTIN_KEYS[0]


_BUILTIN_KEYS: list = []


@dataclass
class _Found:
    mentions: list
    places: list
    title_mentions: list
    outlet_slug: str | None
    event_cands: list


@dataclass
class _Claims:
    claims: list
    numbers: list
    phrases: list


def _find_stage(d: Doc, matcher: Matcher, registry: Registry) -> _Found:
    """Mentions, outlet and event candidates of one article."""
    from sitegen.ingest import events as events_mod

    d.unpack()
    d.mentions, d.places = find_mentions(d.text, matcher, registry, d.lang)
    if d.header.dateline_wire and d.paragraphs:
        wm = _WIRE_PAREN.match(d.paragraphs[0])
        if wm:
            d.mentions = [m for m in d.mentions if not (wm.start(1) <= m.start < wm.end(1))]
    if d.lang == "en":
        d.mentions = _with_home_government(d, registry, d.mentions)
    d.title_mentions, _ = find_mentions(d.title, matcher, registry, d.lang)
    outlet = d.header.dateline_wire or d.header.outlet
    if outlet:
        d.outlet_slug = registry.by_key.get(fold_key(outlet))
        if d.outlet_slug and registry.actors[d.outlet_slug].kind in ("state", "person"):
            d.outlet_slug = None  # "By Mariana Quispe, La Paz": where the reporter writes from
    if not d.outlet_slug:
        d.outlet_slug = _outlet_from_text(d, registry)
    ev_cands = events_mod.doc_candidates(d, registry)
    for c in ev_cands:
        c.sentence = ""  # events_mod takes it from the doc when needed: one copy, not one per candidate
    d.drop_text()
    found = _Found(PackedMentions(d.mentions), d.places, d.title_mentions, d.outlet_slug, ev_cands)
    # The caller sets them from what is returned. A forked helper would otherwise keep them (its copy
    # of the doc outlives the stage) for every article it did: tens of MiB at 10,000 articles.
    d.mentions, d.places, d.title_mentions = [], [], []
    return found


def _claims_stage(d: Doc, registry: Registry) -> _Claims:
    """Claims, figures and quoted labels of one article, its mentions found (events still unknown:
    nothing here reads them, nor what merging them changes in the doc)."""
    from sitegen.ingest import claims as claims_mod

    d.unpack()
    try:
        claims = claims_mod.extract_claims(d, registry, None)
        numbers = claims_mod.extract_numbers(d, registry, None, claims)
        return _Claims(claims, numbers, claims_mod.quoted_labels(d.text))
    finally:
        d.drop_text()
        d.attributed = {}  # read by extract_numbers only: not kept for every article to the end


class _Shared:
    """One object for each distinct value among the find stage's results (dates, participant sets,
    words), where each article's results would bring their own copies: at 10,000 articles,
    hundreds of thousands of event candidates share a few thousand dates and sets of actors."""

    def __init__(self) -> None:
        self._seen: dict = {}

    def __call__(self, value):
        return self._seen.setdefault(value, value)

    def found(self, part: list[_Found]) -> None:
        one = self
        for f in part:
            for c in f.event_cands:
                c.date = one(c.date)
                c.participants = one(frozenset(c.participants))  # read only from here on
                c.kind, c.trigger, c.obj, c.location = one(c.kind), one(c.trigger), one(c.obj), one(c.location)

    def claims(self, part: list[_Claims]) -> None:
        one = self
        for f in part:
            for c in f.claims:  # a corpus repeats its statements: wires' copies, quotations many outlets carry
                c["text"] = one(c["text"])
            for item in f.numbers:
                item["unit"] = one(item["unit"])
                item["counts"] = one(item["counts"])
                item["shown"] = one(item["shown"])


# ------------------------------------------------------------------ main

# Entries handed to extract_corpus's sink at a time: sending a batch to a writer costs a passing
# few times its pickle (500 source entries: about 20 MiB).
SINK_BATCH = 100
TRIM_EVERY = 5  # batches between two give_back_free_memory() (each some ms on a large heap)

NO_ARTICLE_TEXT = ("no article text: only page furniture (comments, share prompts, 'Read also' links, "
                   "counters); nothing to ingest")


def extract_corpus(seeds: list[Seed], known: list[KnownActor], *, workers: int | None = None,
                   timings: dict | None = None, problems: list[Problem] | None = None,
                   sink=None, known_events: list[KnownEvent] = ()) -> list[MachineEntry]:
    """Entries for the corpus. `workers`: processes for the per-article stages (default: one per core
    for 50 articles or more, else in-process); the output does not depend on it. `timings`, if given,
    receives seconds per stage. A seed with no article text (nothing but page furniture) makes no
    entry; `problems`, if given, receives one for it. With `sink`, the entries are handed to
    sink(list) in batches as they are made (each article's text is let go once its entry is made),
    and the list returned is empty. `known_events`: the events already in content/; a happening
    found again keeps its entry's slug (its identity), whatever title it is given now.

    The output depends on the seeds' contents, not on their file names (except the `seed` field that
    names the file): the articles are taken in order of publication, then of the hash of their bytes."""
    # Only _extract_corpus holds the list from here on, so that the texts go once they are read (as
    # long as the caller handed over its only reference, as ingest() does).
    held = [seeds]
    del seeds
    try:
        return _extract_corpus(held, known, workers=workers, timings=timings, problems=problems, sink=sink,
                               known_events=known_events)
    finally:
        gc.unfreeze()  # see sitegen.parallel.frozen_gc: what each stage made was frozen once it was made


def _extract_corpus(held: list[list[Seed]], known: list[KnownActor], *, workers, timings, problems,
                    sink, known_events=()) -> list[MachineEntry]:
    from sitegen.ingest import claims as claims_mod
    from sitegen.ingest import events as events_mod

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        if timings is not None:
            now = time.perf_counter()
            timings[name] = timings.get(name, 0.0) + now - clock
            clock = now

    seeds = sorted(held.pop(), key=lambda s: (s.sha256, s.path))
    n = len(seeds)
    nw = worker_count(n, workers)
    gz_builtin_keys()
    reads: list[_Read] = parallel_map(lambda i: _read_stage_for_pool(seeds, i), n, nw)
    gc.freeze()
    lap("read+discover")
    # The raw texts are read: keep each seed's path and hash only. (A caller that hands over its
    # only reference to the list, as ingest() does, frees them here.)
    for r in reads:
        s = seeds[r.doc.index]
        r.doc.seed = Seed(s.path, "", s.sha256, s.encoding, s.facts)
    seeds = []  # (the read stage, which reads them through a closure, is over)
    give_back_free_memory()
    kept = []
    refused = []
    for r in reads:
        if not r.doc.has_text() and r.doc.title_flag:
            # Nothing but page furniture (and perhaps a byline or a date): not an article.
            refused.append(Problem(r.doc.seed.path, None, NO_ARTICLE_TEXT))
        else:
            kept.append(r)
    if problems is not None:
        problems.extend(sorted(refused))
    # Publication dates first: they order the articles (the oldest first; by hash among those of
    # one date), so that nothing depends on the seeds' file names or on the order they came in.
    _date_publications([r.doc for r in kept], [r.evidence for r in kept])
    reads = sorted(kept, key=lambda r: (r.doc.published is None,
                                        r.doc.published.sort_key() if r.doc.published else (0, 0, 0),
                                        r.doc.seed.sha256, r.doc.seed.path))
    del kept
    for i, r in enumerate(reads):
        r.doc.index = i
        for c in r.cands:
            c.order = (i,) + tuple(c.order[1:])
    n = len(reads)
    docs = [r.doc for r in reads]
    used: set[str] = set()
    for d in docs:
        d.slug = _unique_slug(slugify(d.title), used)

    registry = Registry(known)
    cands = []
    for r in reads:
        d = r.doc
        for c in r.cands:
            c.source = d.slug
        cands.extend(r.cands)
        if d.header.dateline_wire:
            wire = d.header.dateline_wire
            if fold_key(wire) not in registry.by_key:
                cands.append(Candidate(wire, "media", "", "", evidence=d.wire_lede,
                                       source=d.slug, order=(d.index, -1, 2)))
    registry.add_candidates(cands)
    registry.finalize()
    matcher = alias_matcher(registry.matcher_entries(), stem_slugs=registry.stem_slugs(),
                            states=frozenset(a.slug for a in registry.actors.values() if a.kind == "state"))
    del reads, cands
    _shrink_candidates(registry)
    gc.freeze()
    lap("registry")

    shared = _Shared()
    found: list[_Found] = parallel_map(lambda i: _find_stage(docs[i], matcher, registry), n, nw,
                                       keep=shared.found)
    for d, f in zip(docs, found):
        d.mentions, d.places, d.title_mentions, d.outlet_slug = f.mentions, f.places, f.title_mentions, f.outlet_slug
    event_cands = [f.event_cands for f in found]
    del found
    matcher = None  # (the automaton of every alias is done with)
    give_back_free_memory()
    gc.freeze()
    lap("mentions+candidates")

    # Merging the events is this process's alone, and the articles' claims and figures do not
    # depend on it: helpers find those meanwhile, and this process joins them when it is done.
    merged: list = []

    def merge() -> None:
        merged.append(events_mod.extract_events(docs, registry, event_cands, known_events))
        # Candidates in no event go now, not after the helpers are done: they would be held beside
        # the helpers' memory (each helper has its own copy of the list).
        event_cands.clear()
        give_back_free_memory()
        gc.freeze()

    claimed: list[_Claims] = parallel_map(lambda i: _claims_stage(docs[i], registry), n, nw,
                                          keep=shared.claims, meanwhile=merge)
    events = merged.pop()
    del shared
    gc.freeze()
    lap("events+claims")
    per_doc_claims = {}
    per_doc_numbers = {}
    for d, f in zip(docs, claimed):
        d.phrases = f.phrases
        claims_mod.fill_events(f.claims, d, events)
        claims_mod.fill_events(f.numbers, d, events)
        per_doc_claims[d.index] = f.claims
        per_doc_numbers[d.index] = f.numbers
    del claimed
    give_back_free_memory()  # (the claims' pickles, read)
    events_mod.add_disagreements(events, docs, per_doc_claims, per_doc_numbers, registry)
    events.drop_claim_indexes()
    give_back_free_memory()
    lap("claims+disagreements")

    entries: list[MachineEntry] = []

    batches = 0

    def emit(entry: MachineEntry) -> None:
        nonlocal batches
        entries.append(entry)
        if sink is not None and len(entries) >= SINK_BATCH:
            sink(entries[:])
            entries.clear()
            batches += 1
            if batches % TRIM_EVERY == 0:
                # The articles let go so far leave free pages among the heap's: hand them back, or
                # the manifest's records growing meanwhile (tens of MiB) would add to the process's size.
                give_back_free_memory()

    used_actors: dict[str, set[str]] = {}
    discovered_in: dict[str, set[str]] = {}
    for a in registry.actors.values():
        if a.origin == "discovered":
            for c in a.candidates:
                if c.order[1] >= 0:
                    discovered_in.setdefault(c.source, set()).add(a.slug)
    # Actors' evidence sentences now, so that each article's text can go once its entry is made.
    firsts = [min(a.candidates, key=lambda c: (c.order, c.name))
              for a in registry.actors.values() if a.discovered and a.candidates]
    texts = events_mod.sentence_texts(docs, {c.order[:2] for c in firsts if not c.evidence and c.order[1] >= 0})
    evidence: dict[int, str] = {}
    for c in firsts:
        evidence[id(c)] = c.evidence if c.evidence or c.order[1] < 0 else texts[c.order[:2]]
    del texts
    forms: dict[str, set[str]] = {}
    for d in docs:
        slugs = _mention_slugs(d.mentions) | _mention_slugs(d.title_mentions)
        for author in _AUTHORS_SEP.split(d.header.author) if d.header.author else ():
            au = registry.find_person(author.strip())
            if au:
                used_actors.setdefault(au, set()).add(d.seed.path)
        if d.outlet_slug:
            used_actors.setdefault(d.outlet_slug, set()).add(d.seed.path)
        for s in sorted(discovered_in.get(d.slug, ())):
            if registry.actors[s].kind == "person" and s not in slugs:
                continue
            slugs.add(s)
        d.unpack()
        slugs -= _places_only(d, registry, slugs, events.by_source.get(d.slug, ()))
        if d.outlet_slug and not any(c.get("speaker") == d.outlet_slug for c in per_doc_claims[d.index]):
            slugs.discard(d.outlet_slug)  # the outlet that published it, named in its byline: no actor of it
        for s in slugs:
            used_actors.setdefault(s, set()).add(d.seed.path)
        for item in per_doc_claims[d.index] + per_doc_numbers[d.index]:
            if item.get("speaker"):  # a speaker the article names only as a place still has an entry
                used_actors.setdefault(item["speaker"], set())
        d_events = sorted(set(events.by_source.get(d.slug, ())))
        emit(_source_entry(d, registry, sorted(slugs), d_events, per_doc_claims[d.index],
                           per_doc_numbers[d.index]))
        for slug, surface in _mention_forms(d.mentions) | _mention_forms(d.title_mentions):
            forms.setdefault(slug, set()).add(surface)
        # The entry has the body now: let the article's text, sentences and mentions go.
        d.release()
        d.text, d.bounds, d.mentions, d.title_mentions, d.places = "", array.array("i"), [], [], []
        d._ztext = d.phrases = None
        d.date_starts = ()
        per_doc_claims[d.index] = per_doc_numbers[d.index] = None
    # Every actor an event or a disagreement names has an entry, even one no article lists (a
    # state named only as a place, an outlet in its own byline); affiliations too.
    for ev in events:
        for p in ev.participants:
            used_actors.setdefault(p, set())
        for dis in ev.disagreements:
            for acc in dis.get("accounts") or []:
                if acc.get("speaker"):
                    used_actors.setdefault(acc["speaker"], set())
    queue = sorted(used_actors)
    seen = set(queue)
    while queue:
        s = queue.pop()
        for aff in registry.actors[s].affiliations:
            if aff in registry.actors and aff not in seen:
                seen.add(aff)
                used_actors.setdefault(aff, set())
                queue.append(aff)
    for slug in sorted(used_actors):
        emit(_actor_entry(registry.actors[slug], forms.get(slug, set()), sorted(used_actors[slug]),
                          lambda c: evidence[id(c)] if id(c) in evidence else c.evidence))
    for i, ev in enumerate(events):
        emit(ev.entry())
        events[i] = None  # its entry is made
    if sink is not None:
        if entries:
            sink(entries[:])
        entries.clear()
    entries.sort(key=lambda e: (e.kind_dir, e.slug))
    lap("entries")
    return entries


def _shrink_candidates(registry: Registry) -> None:
    """Once the registry is final, an actor's sightings serve only for its aliases (their names), the
    articles that discovered it and its evidence (the first sighting): keep one sighting for each name,
    article and kind of sighting (in the text or in the header), the first."""
    for a in registry.actors.values():
        if len(a.candidates) > 1:
            first: dict[tuple, Candidate] = {}
            for c in a.candidates:
                key = (c.name, c.source, c.order[1] >= 0)
                have = first.get(key)
                if have is None or (c.order, c.name) < (have.order, have.name):
                    first[key] = c
            a.candidates = sorted(first.values(), key=lambda c: (c.order, c.name))


_LOCATIVE = re.compile(r"\b(?:in|across|throughout|into|near|inside|outside|within|from|to|towards|via)\s+(?:(?:the|central|northern|southern|eastern|western|north|south|east|west|"
                       r"north-eastern|north-western|south-eastern|south-western|rural|neighbouring|neighboring)\s+)*$",
                       re.I)


# "mediators from Qatar", "votes … from Algeria": who acts, not where
_AGENTS_FROM = re.compile(r"\b(?:votes?|abstentions?|mediators?|envoys?|officials?|delegat(?:es|ions?)|diplomats?|"
                          r"representatives?|leaders?|ministers?|troops|forces|soldiers|support|backing|pressure|"
                          r"objections?|criticism|condemnation|requests?|demands?|calls?|offers?|proposals?|help|"
                          r"assistance|funding|bids?|opposition|warnings?|threats?)\s*,?\s+(?:from|by)\s+(?:the\s+)?$",
                          re.I)
_ROOM_NAME = re.compile(r"\b(?:Office|Room|Hall|House|Palace|Building|Square|Chamber)$")
_ROOM_BEFORE = re.compile(r"\b(?:in|at|inside|into|outside)\s+the\s+$", re.I)
_CREDIT_BEFORE = re.compile(r"(?:\b(?:Photo|Photograph|Picture|Image|Credit|Video)s?\s*:[^.\n:]{0,50}|/\s*)$")
_CREDIT_AFTER = re.compile(r"\s*/\s*[A-Z]")
_ORIGIN_AFTER = re.compile(r"-(?:made|built|designed|born|based|flagged|owned|manufactured)\b")


def _places_only(d: Doc, registry: Registry, slugs: set[str], event_slugs) -> set[str]:
    """States the article names only as places ("an earthquake in central Myanmar"), as where a
    thing comes from ("French-made jets") or by a demonym that qualifies someone ("Palestinian
    prisoners", "Hungarian Prime Minister Viktor Orbán"): every mention by name after a
    preposition of place or before "-made", or by a demonym; none by a capital or at the start of
    a sentence's subject; and outlets named only as the wire in the dateline ("(Reuters) -") or in
    a photograph's credit ("Photo: Eldson Chagara / Reuters"). Such a state is where things happen
    or whose people they are, such an outlet is a credit: neither is an actor of the article."""
    if d.lang != "en":
        return set()
    text = d.text
    wire = d.header.dateline_wire if d.header else ""
    kinds = {slug: registry.actors[slug].kind for slug in slugs}
    rooms = {slug for slug, kind in kinds.items()
             if kind in ("organization", "company") and _ROOM_NAME.search(registry.actors[slug].name)}
    mentioned: dict[str, bool] = {}
    for start, end, slug, atype in _mention_spans(d.mentions):
        kind = kinds.get(slug)
        if kind is None or mentioned.get(slug) is False:
            continue  # not listed, or named once already otherwise than as a place or a credit
        if kind == "media":
            # the wire in the dateline ("(Reuters) -"), or a photograph's credit ("Photo: Eldson
            # Chagara / Reuters", "(Danube Herald / Tamás Kiss)")
            mentioned[slug] = bool(wire) and text[start:end] in wire and text[max(0, start - 1):start] == "(" \
                or bool(_CREDIT_BEFORE.search(text, max(0, start - 60), start)) or bool(_CREDIT_AFTER.match(text, end))
        elif slug in rooms:
            # "in the Oval Office", "at the Treaty Room of the State Department": a room, not a body;
            # "a report from the National Disaster Management Office": the body
            mentioned[slug] = bool(_ROOM_BEFORE.search(text[max(0, start - 20):start]))
        elif kind == "state":
            before = text[max(0, start - 40):start]
            mentioned[slug] = atype == "demonym" or (atype in ("name", "abbrev") and bool(_LOCATIVE.search(before))
                                                     and not _AGENTS_FROM.search(before)) \
                or bool(_ORIGIN_AFTER.match(text, end))
    return {slug for slug, placed in mentioned.items() if placed}


def _mention_slugs(mentions) -> set[str]:
    return mentions.slugs() if isinstance(mentions, PackedMentions) else {m.slug for m in mentions}


def _mention_spans(mentions) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, slug, atype) of each mention, packed or not."""
    if isinstance(mentions, PackedMentions):
        return ((start, end, slug, atype) for (start, slug, atype), end in zip(mentions.rows(), mentions.ends))
    return [(m.start, m.end, m.slug, m.atype) for m in mentions]


def _mention_forms(mentions) -> set[tuple[str, str]]:
    return mentions.forms() if isinstance(mentions, PackedMentions) else {(m.slug, m.surface) for m in mentions}


_CITED_RX = re.compile(r"\b(?:says|said|told|stated|states|explains|notes)\s+(?:for|to)\s+$|\binterlocutors of\s+$", re.I)


def _outlet_from_text(d: Doc, registry: Registry) -> str | None:
    """The publishing outlet, when the text says someone 'says for X' or 'told X'."""
    counts: Counter = Counter()
    for m in d.mentions:
        a = registry.actors[m.slug]
        if a.kind != "media":
            continue
        before = d.text[max(0, m.start - 30):m.start]
        if _CITED_RX.search(before):
            counts[m.slug] += 1
    if counts:
        return max(sorted(counts), key=lambda s: counts[s])
    return None


def _source_entry(d: Doc, registry: Registry, actor_slugs: list[str], event_slugs: list[str],
                  claims: list[dict], numbers: list[dict]) -> MachineEntry:
    h = d.header
    meta: dict = {}
    meta["title"] = d.title
    outlet = ""
    if d.outlet_slug:
        outlet = registry.actors[d.outlet_slug].name
    meta["outlet"] = outlet
    meta["author"] = h.author
    meta["published"] = d.published.iso() if d.published else ""
    if d.published_inferred:
        meta["published_inferred"] = True
    if h.url:
        meta["url"] = h.url
    meta["seed"] = d.seed.path
    meta["seed_sha256"] = d.seed.sha256
    if h.dateline_place:
        meta["dateline"] = h.dateline_place
    cited = sorted({registry.actors[s].name for s in _mention_slugs(d.mentions) if registry.actors[s].kind == "media"})
    if cited:
        meta["outlets_cited"] = cited
    review = []
    if d.title_flag:
        review.append("title")
    if not outlet:
        review.append("outlet")
    if not d.published or d.published_inferred:
        review.append("published")
    if review:
        meta["needs_review"] = review
    meta["actors"] = actor_slugs
    meta["events"] = event_slugs
    if claims:
        meta["claims"] = claims
    if numbers:  # (less what extraction kept for itself, under "_" keys)
        meta["numbers"] = [{k: v for k, v in n.items() if not k.startswith("_")} for n in numbers]
    if d.removed:
        meta["removed"] = list(d.removed)
    return MachineEntry("sources", d.slug, meta, "\n\n".join(d.paragraphs) + "\n", [d.seed.path])


def _actor_entry(a, forms: set[str], seeds: list[str], evidence=lambda c: c.evidence) -> MachineEntry:
    meta: dict = {}
    meta["name"] = a.name
    meta["kind"] = a.kind
    aliases = set(a.builtin_aliases) | set(a.known_aliases) | set(a.demonyms) | set(a.capitals)
    for f in forms:
        f = re.sub(r"(?:'s|’s)$", "", f)
        if f.isupper() and " " in f:
            continue  # "LA PAZ, Oct 20 (Reuters) -": a dateline's capitals, not a name to keep
        aliases.add(f)
    for c in a.candidates:
        aliases.add(c.name)
    aliases.discard(a.name)
    meta["aliases"] = sorted(aliases, key=lambda x: (fold_key(x), x))
    meta["role"] = a.role
    meta["affiliations"] = sorted(a.affiliations)
    if a.discovered and a.candidates:
        first = min(a.candidates, key=lambda c: (c.order, c.name))
        meta["status"] = "draft"
        meta["evidence"] = {"source": first.source, "text": evidence(first)}
    body = ""
    if a.role:
        body = a.role.rstrip(".") + "."
    elif a.description:
        body = a.description
    return MachineEntry("actors", a.slug, meta, body + "\n" if body else "", seeds)
