"""Raw articles -> machine versions of source, actor and event entries.

`extract_corpus` is pure and deterministic: the same seeds and known actors give the same entries
in the same order, and feeding the actors it produced back in as `known` gives identical output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sitegen.dates import PartialDate
from sitegen.ingest import gazetteer as gz
from sitegen.ingest.actors import Registry, discover, person_parts, similar_given
from sitegen.ingest.clean import clean_text, split_sentences
from sitegen.ingest.gazetteer import Matcher, Mention, fold_key, fold_with_map
from sitegen.ingest.metadata import (Header, derive_title, infer_publication, parse_header,
                                     publication_evidence)
from sitegen.ingest.types import KnownActor, MachineEntry, Seed
from sitegen.slugs import slugify


@dataclass
class Sentence:
    index: int
    para: int
    start: int  # offset in Doc.text
    end: int
    text: str


@dataclass
class Doc:
    seed: Seed
    index: int
    header: Header
    title: str
    title_flag: bool
    paragraphs: list[str]
    removed: list[str]
    text: str  # body: paragraphs joined by blank lines
    sentences: list[Sentence]
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

    def sentence_at(self, pos: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if pos < s.start:
                hi = mid - 1
            elif pos >= s.end + 2:
                lo = mid + 1
            else:
                return s
        return None


def _read_doc(seed: Seed, index: int) -> Doc:
    markdown = seed.path.lower().endswith(".md")
    cleaned = clean_text(seed.text, markdown=markdown)
    header = parse_header(cleaned.paragraphs)
    paragraphs = header.body
    title = header.title
    flag = False
    if not title:
        title = derive_title(paragraphs[0]) if paragraphs else "Untitled"
        flag = True
    removed = list(cleaned.removed) + list(header.consumed)
    text = "\n\n".join(paragraphs)
    sentences: list[Sentence] = []
    offset = 0
    for pi, p in enumerate(paragraphs):
        for (s, e) in split_sentences(p):
            sentences.append(Sentence(len(sentences), pi, offset + s, offset + e, p[s:e]))
        offset += len(p) + 2
    return Doc(seed, index, header, title, flag, paragraphs, removed, text, sentences)


def _unique_slug(base: str, used: set[str]) -> str:
    slug = base
    n = 2
    while slug in used:
        slug = f"{base}-{n}"
        n += 1
    used.add(slug)
    return slug


# ------------------------------------------------------------------ mentions

def find_mentions(text: str, matcher: Matcher, registry: Registry) -> tuple[list[Mention], list[Mention]]:
    """Actor mentions and place mentions (capitals used as places) in a text."""
    raw = matcher.find(text)
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
        if atype == "capital":
            if gz.capital_is_government(text, s, e):
                mentions.append(Mention(s, e, surface, slugs[0], atype))
            else:
                places.append(Mention(s, e, surface, slugs[0], atype, place=True))
            continue
        if atype == "demonym":
            if gz.demonym_is_state(text, s, e):
                mentions.append(Mention(s, e, surface, slugs[0], atype))
            continue
        if atype == "surname":
            persons = [sl for sl in slugs if registry.actors[sl].kind == "person"]
            if not persons:
                continue
            chosen = [sl for sl in persons if sl in full_persons]
            if len(chosen) == 1:
                slug = chosen[0]
            elif len(persons) == 1:
                slug = persons[0]
            else:
                continue
            # A different given name right before the surname: another person of that name.
            pm = re.search(r"([A-ZÀ-ÖØ-ÞČĆŠŽĐŁŐŰ][\w'’-]+)\s+$", text[max(0, s - 30):s])
            given, _ = person_parts(registry.actors[slug].name)
            if pm and given and fold_key(pm.group(1)) not in _ROLEISH:
                if similar_given(pm.group(1).split("-")[0], given.split()[0]):
                    s = s - len(pm.group(0))
                    surface = text[s:e]
                elif pm.group(1)[0].isupper() and fold_key(pm.group(1)) in gz.given_names():
                    continue
            mentions.append(Mention(s, e, surface, slug, atype))
            continue
        # Several actors share the alias: the first listed (known entries come first).
        mentions.append(Mention(s, e, surface, slugs[0], atype))
    return mentions, places


_ROLEISH = frozenset(fold_key(w) for w in """president minister prime premier leader chancellor envoy spokesman
spokeswoman ambassador general mr mrs ms dr prof counterpart colleague the and of serbian hungarian""".split())


# ------------------------------------------------------------------ publication dates

def _date_publications(docs: list[Doc]) -> None:
    for d in docs:
        h = d.header
        if h.published:
            d.published = h.published
            d.pub_how = "explicit"
    lede = {d.index: "\n".join(d.paragraphs[:2]) for d in docs}
    evidence = {d.index: publication_evidence(d.text, d.header.dateline_date, lede[d.index]) for d in docs}
    # First pass without a prior, then with the corpus's most common year as prior.
    for d in docs:
        if d.published:
            continue
        pub, how = infer_publication(evidence[d.index], None)
        if pub:
            d.published, d.published_inferred, d.pub_how = pub, True, how
    years = Counter(d.published.year for d in docs if d.published)
    prior = max(sorted(years), key=lambda y: years[y]) if years else None
    for d in docs:
        ev = evidence[d.index]
        if d.published and (d.published.day or not ev.weekdays or d.pub_how == "explicit"):
            if d.published.day is None and ev.weekdays:
                d.pub_weekday = ev.weekdays[0]
            continue
        pub, how = infer_publication(ev, prior)
        if pub:
            d.published, d.published_inferred, d.pub_how = pub, True, how
        if ev.weekdays and (not d.published or not d.published.day):
            d.pub_weekday = ev.weekdays[0]


# ------------------------------------------------------------------ main

def extract_corpus(seeds: list[Seed], known: list[KnownActor]) -> list[MachineEntry]:
    from sitegen.ingest import claims as claims_mod
    from sitegen.ingest import events as events_mod

    seeds = sorted(seeds, key=lambda s: s.path)
    docs = [_read_doc(s, i) for i, s in enumerate(seeds)]
    used: set[str] = set()
    for d in docs:
        d.slug = _unique_slug(slugify(d.title), used)

    registry = Registry(known)
    keys = registry.builtin_keys()
    cands = []
    for d in docs:
        texts = [s.text for s in d.sentences]
        cands.extend(discover(texts, d.slug, d.index, keys))
        if d.header.author:
            from sitegen.ingest.actors import Candidate
            aff = ""
            am = re.search(r"\b(?:at|of|with)\s+(?:the\s+)?(.+)$", d.header.author_role)
            if am:
                aff = am.group(1)
            if len(d.header.author.split()) >= 2:
                cands.append(Candidate(d.header.author, "person", d.header.author_role or "Author", aff,
                                       evidence=d.header.author_line, source=d.slug, order=(d.index, -1, 0)))
        if d.header.outlet:
            cands.append(Candidate(d.header.outlet, "media", "", "", evidence=d.header.author_line, source=d.slug,
                                   order=(d.index, -1, 1)))
        if d.header.dateline_wire:
            wire = d.header.dateline_wire
            if fold_key(wire) not in registry.by_key:
                cands.append(Candidate(wire, "media", "", "", evidence=d.paragraphs[0][:200] if d.paragraphs else "",
                                       source=d.slug, order=(d.index, -1, 2)))
    registry.add_candidates(cands)
    registry.finalize()
    matcher = Matcher(registry.matcher_entries())

    for d in docs:
        d.mentions, d.places = find_mentions(d.text, matcher, registry)
        if d.header.dateline_wire and d.paragraphs:
            wm = re.match(r"^[^()\n]{0,80}\(([^)]{1,40})\)", d.paragraphs[0])
            if wm:
                d.mentions = [m for m in d.mentions if not (wm.start(1) <= m.start < wm.end(1))]
        d.title_mentions, _ = find_mentions(d.title, matcher, registry)
        outlet = d.header.dateline_wire or d.header.outlet
        if outlet:
            d.outlet_slug = registry.by_key.get(fold_key(outlet))
        if not d.outlet_slug:
            d.outlet_slug = _outlet_from_text(d, registry)

    _date_publications(docs)

    events = events_mod.extract_events(docs, registry)
    per_doc_claims = {d.index: claims_mod.extract_claims(d, registry, events) for d in docs}
    per_doc_numbers = {d.index: claims_mod.extract_numbers(d, registry, events, per_doc_claims[d.index])
                       for d in docs}
    events_mod.add_disagreements(events, docs, per_doc_claims, per_doc_numbers, registry)

    entries: list[MachineEntry] = []
    used_actors: dict[str, set[str]] = {}
    discovered_in: dict[str, set[str]] = {}
    for a in registry.actors.values():
        if a.origin == "discovered":
            for c in a.candidates:
                if c.order[1] >= 0:
                    discovered_in.setdefault(c.source, set()).add(a.slug)
    for d in docs:
        slugs = {m.slug for m in d.mentions} | {m.slug for m in d.title_mentions}
        au = registry.find_person(d.header.author) if d.header.author else None
        if au:
            used_actors.setdefault(au, set()).add(d.seed.path)
        if d.outlet_slug:
            used_actors.setdefault(d.outlet_slug, set()).add(d.seed.path)
        for s in sorted(discovered_in.get(d.slug, ())):
            if registry.actors[s].kind == "person" and s not in slugs:
                continue
            slugs.add(s)
        for s in slugs:
            used_actors.setdefault(s, set()).add(d.seed.path)
        d_events = sorted({ev.slug for ev in events if d.slug in ev.sources})
        entries.append(_source_entry(d, registry, sorted(slugs), d_events, per_doc_claims[d.index],
                                     per_doc_numbers[d.index]))
    # Affiliations must point at entries that exist.
    queue = sorted(used_actors)
    seen = set(queue)
    while queue:
        s = queue.pop()
        for aff in registry.actors[s].affiliations:
            if aff in registry.actors and aff not in seen:
                seen.add(aff)
                used_actors.setdefault(aff, set())
                queue.append(aff)
    forms: dict[str, set[str]] = {}
    for d in docs:
        for m in d.mentions + d.title_mentions:
            forms.setdefault(m.slug, set()).add(m.surface)
    for slug in sorted(used_actors):
        entries.append(_actor_entry(registry.actors[slug], forms.get(slug, set()), sorted(used_actors[slug])))
    for ev in events:
        entries.append(ev.entry())
    entries.sort(key=lambda e: (e.kind_dir, e.slug))
    return entries


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
    cited = sorted({registry.actors[m.slug].name for m in d.mentions if registry.actors[m.slug].kind == "media"})
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
    if numbers:
        meta["numbers"] = numbers
    if d.removed:
        meta["removed"] = list(d.removed)
    return MachineEntry("sources", d.slug, meta, "\n\n".join(d.paragraphs) + "\n", [d.seed.path])


def _actor_entry(a, forms: set[str], seeds: list[str]) -> MachineEntry:
    meta: dict = {}
    meta["name"] = a.name
    meta["kind"] = a.kind
    aliases = set(a.builtin_aliases) | set(a.known_aliases) | set(a.demonyms) | set(a.capitals)
    for f in forms:
        f = re.sub(r"(?:'s|’s)$", "", f)
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
        meta["evidence"] = {"source": first.source, "text": first.evidence}
    body = ""
    if a.role:
        body = a.role.rstrip(".") + "."
    elif a.description:
        body = a.description
    return MachineEntry("actors", a.slug, meta, body + "\n" if body else "", seeds)
