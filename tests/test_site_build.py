"""The built briefing site, checked as files: the path contract, links and anchors, valid HTML,
feeds, data exports, metadata, determinism and the search step. Runs on the hand-made fixture and
on the repository's example content/ when it exists."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from site_helpers import BRIEFING_IDS, FIXTURE, LinkParser, briefing_copy, built, html_files, vnu_jar
from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.errors import SitegenError
from sitegen.links import resolve
from sitegen.load import load_briefing

CONTRACT = ["index.html", "timeline/index.html", "network/index.html", "disagreements/index.html",
            "search/index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "data/briefing.json",
            "data/events.csv", "data/actors.csv", "pagefind/parts.json", "pagefind/part-0/pagefind.js",
            "sources/index.html",
            "actors/index.html", "events/index.html"]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module", params=BRIEFING_IDS)
def site(request):
    return built(request.param)


def _briefing(b):
    briefing, _ = load_briefing(b.root, b.root / "content")
    return briefing


def _read(site_dir: Path, rel: str) -> str:
    return (site_dir / rel).read_text(encoding="utf-8")


def _pages(site_dir: Path) -> dict[str, str]:
    return {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in html_files(site_dir)}


# ------------------------------------------------------------------ the contract

def test_every_contract_path_and_entry_page_exists(site):
    b = _briefing(site)
    for rel in CONTRACT:
        assert (site.site / rel).is_file(), rel
    for kind in ("sources", "actors", "events"):
        for slug in getattr(b, kind):
            assert (site.site / kind / slug / "index.html").is_file(), (kind, slug)


def test_internal_links_and_anchors_all_resolve(site):
    pages = _pages(site.site)
    parsed = {}
    for rel, text in pages.items():
        parser = LinkParser()
        parser.feed(text)
        parsed[rel] = parser
    broken = []
    checked = 0
    base_url = load_config(site.root).base_url
    for rel, parser in parsed.items():
        base = PurePosixPath(rel).parent
        for tag, url in parser.refs:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                # Only links out to an article's original address; never a resource from elsewhere.
                canonical = tag == "link" and bool(base_url) and url.startswith(base_url + "/")
                assert canonical or (tag == "a" and parts.scheme in ("http", "https")), (rel, tag, url)
                continue
            assert not url.startswith("/"), (rel, url)  # relative everywhere: works from a sub-path and file://
            if not parts.path:
                target = PurePosixPath(rel)
            else:
                target = PurePosixPath(_normalise(base / parts.path))
            checked += 1
            path = site.site / target
            if not path.is_file():
                broken.append((rel, url, "no such file"))
                continue
            if parts.path and not str(target).endswith((".html", ".css", ".js", ".svg", ".json", ".csv", ".xml", ".txt")):
                broken.append((rel, url, "links a folder, not an explicit file"))
            if parts.fragment:
                ids = parsed[str(target)].ids if str(target) in parsed else set()
                if parts.fragment not in ids:
                    broken.append((rel, url, "no such anchor"))
    assert checked > 100
    assert not broken, broken[:20]


def _normalise(path: PurePosixPath) -> str:
    out: list[str] = []
    for part in path.parts:
        if part == "..":
            assert out, f"link climbs above the site root: {path}"
            out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/".join(out)


def test_no_inline_script_and_no_other_host(site):
    for rel, text in _pages(site.site).items():
        for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            attrs, body = m.group(1), m.group(2)
            if 'type="application/ld+json"' in attrs:
                assert "</" not in body and "<" not in body, rel
                json.loads(body)
            else:
                assert 'src="' in attrs and not body.strip(), (rel, attrs)
        assert not re.search(r"\son[a-z]+\s*=", text), rel  # no inline event handlers
        assert "style=" not in text, rel
        for m in re.finditer(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="([^"]+)"', text):
            url = m.group(1)
            if 'rel="canonical"' in m.group(0) or 'rel="alternate"' in m.group(0):
                continue
            assert not urlsplit(url).scheme and not url.startswith("//"), (rel, url)
    css = "".join(p.read_text() for p in (site.site / "static").glob("*.css"))
    assert "@import" not in css and "url(http" not in css and "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_static_assets_are_content_hashed(site):
    static = sorted(p.name for p in (site.site / "static").iterdir())
    assert static and all(re.fullmatch(r"[\w-]+\.[0-9a-f]{10}\.(css|js|svg)", n) for n in static), static
    index = _read(site.site, "index.html")
    for name in static:
        if not name.startswith(("network.", "timeline.")):  # those two are loaded by their own pages only
            assert f"static/{name}" in index


def test_html_is_valid_nu_checker(site, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java (apt-get install default-jre-headless)"
    files = [str(p) for p in html_files(site.site)]
    proc = subprocess.run([java, "-Xss8m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *files],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stderr or proc.stdout)
    # The checker's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval', which the pages need
    # for Pagefind (every page searches as you type); every other message counts.
    problems = [(PurePosixPath(m.get("url", "")).name, m.get("lastLine"), m["message"])
                for m in report["messages"] if m["type"] == "error" or m.get("subType") == "warning"
                if "found \"'wasm-unsafe-eval'\"" not in m["message"]]
    assert not problems, problems[:15]


# ------------------------------------------------------------------ page content

def test_home_has_summary_judgments_counts_and_date_from_content(site):
    b = _briefing(site)
    home = _read(site.site, "index.html")
    summary = str(b.index_meta.get("summary") or "")
    if summary:
        assert summary.split(".")[0].replace("'", "&#39;")[:40] in home
    assert f">{len(b.events)}</a>" in home and f">{len(b.sources)}</a>" in home
    assert "Latest developments" in home
    assert "Last updated" in home


def test_timeline_groups_by_year_and_month_and_keeps_date_precision(site):
    b = _briefing(site)
    links = resolve(b)
    text = _read(site.site, "timeline/index.html")
    positions = [text.index(f'id="event-{slug}"') for slug in links.events_in_order]
    assert positions == sorted(positions)
    for event in b.events.values():
        if event.date is None:
            continue
        item = text[text.index(f'id="event-{event.slug}"'):]
        item = item[:item.index("</li>")]
        assert f'datetime="{event.date.iso()}"' in item
        assert f">{event.date.human()}</time>" in item
        if event.date.precision == "month":
            assert f">1 {event.date.human()}<" not in item
            assert "day not known" in item
        assert f'data-kind="{event.kind}"' in item
        for actor in event.participants:
            assert actor in item
        assert f"{len(links.event_sources[event.slug])} source" in item
    years = {e.date.year for e in b.events.values() if e.date}
    for year in years:
        assert f'id="y{year}"' in text


def test_fixture_dates_month_and_year_only():
    b = built("fixture")
    text = _read(b.site, "timeline/index.html")
    assert "Sometime in 2023" in text and "March 2025" in text
    event = _read(b.site, "events/albania-croatia-kosovo-declaration/index.html")
    assert "1 March 2025" not in event and "day not known" in event


def test_fixture_actor_page():
    b = built("fixture")
    serbia = _read(b.site, "actors/serbia/index.html")
    # A state lists its ministers (the reverse of their affiliation).
    assert "Officials and members" in serbia and "actors/milos-vucevic/index.html" in serbia
    vucic = _read(b.site, "actors/aleksandar-vucic/index.html")
    assert "actors/serbia/index.html" in vucic  # affiliation
    events = re.findall(r'class="event-title" href="../../events/([\w-]+)/index.html"', vucic)
    assert events == ["serbia-hungary-strategic-partnership", "serbia-hungary-defence-plan",
                      "vucic-alliance-statement", "orban-visit-belgrade"]
    assert "What Aleksandar Vučić said" in vucic and "military alliance in all but name" in vucic
    assert "Appears most with" in vucic and "Sources that mention" in vucic
    # Mentioned in: the declaration cites him as a speaker without him taking part; Orbán's text names him.
    backlinks = vucic[vucic.index("Mentioned in"):]
    assert "events/albania-croatia-kosovo-declaration/index.html" in backlinks
    assert "actors/viktor-orban/index.html" in backlinks


def test_fixture_event_page():
    b = built("fixture")
    text = _read(b.site, "events/serbia-hungary-defence-plan/index.html")
    assert text.count('class="account"') == 3
    table = text[text.index('class="disagreement-table"'):text.index("</table>")]
    for header in ("What", "Value", "Who says it", "Where"):
        assert f">{header}</th>" in table
    assert "Number of joint activities" in table and ">79<" in table and ">80<" in table
    assert "3 sources, 2 independent" in re.sub(r"<[^>]+>", "", text)  # Balkan Insight cites Reuters
    assert "Earlier, same actors" in text and "events/serbia-hungary-strategic-partnership/index.html" in text
    assert "Later, same actors" in text and "events/vucic-alliance-statement/index.html" in text


def test_fixture_source_page_links_first_mention_per_paragraph_and_escapes():
    b = built("fixture")
    text = _read(b.site, "sources/balkan-insight-new-alliances/index.html")
    article = text[text.index('class="article-text"'):text.index("</article>")]
    paragraphs = re.findall(r"<p>(.*?)</p>", article, re.S)
    assert len(paragraphs) == 5
    for para in paragraphs:
        hrefs = re.findall(r'href="([^"]+)"', para)
        assert len(hrefs) == len(set(hrefs)), para  # never the same entry twice in one paragraph
    assert paragraphs[0].count("actors/hungary/index.html") == 1
    assert re.sub(r"<[^>]+>", "", paragraphs[0]).count("Hungary") == 2
    # A sentence-long account excerpt is not turned into one long link: the actors in it are linked.
    anchors = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<a [^>]*>(.*?)</a>", article, re.S)]
    assert anchors and max(len(a.split()) for a in anchors) <= 8, anchors
    assert "actors/" in paragraphs[1]
    assert "&lt;script&gt;alert" in article and "<script>alert" not in text
    assert "B2" in text and "Usually reliable" in text and "Probably true" in text
    assert "New military alliances appear in the Balkans &amp; Hungary" in text


def test_grade_shown_wherever_a_source_is_cited(site):
    b = _briefing(site)
    for rel, text in _pages(site.site).items():
        if rel.startswith("sources/") and rel != "sources/index.html":
            continue
        for m in re.finditer(r'<a href="(?:\.\./)*sources/([\w-]+)/index\.html">', text):
            slug = m.group(1)
            after = text[m.end():m.end() + 400]
            grade = b.sources[slug].grade
            assert f">{grade}</abbr>" in after, (rel, slug)
            assert re.search(r'<abbr class="grade[^"]*" title="Reliability [A-F]: ', after), (rel, slug)


def test_disagreements_page_lists_every_disagreement(site):
    b = _briefing(site)
    text = _read(site.site, "disagreements/index.html")
    total = 0
    for event in b.events.values():
        for d in event.disagreements:
            total += 1
            assert 'scope="rowgroup"' in text
            assert _esc(d.about) in text
    assert text.count('scope="rowgroup"') == total


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def test_network_svg_links_every_drawn_actor(site):
    b = _briefing(site)
    text = _read(site.site, "network/index.html")
    svg = text[text.index("<svg"):text.index("</svg>")]
    nodes = re.findall(r'<a class="node[^"]*" href="../actors/([\w-]+)/index.html">', svg)
    assert nodes and len(nodes) == len(set(nodes)) and set(nodes) <= set(b.actors)
    radii = [float(r) for r in re.findall(r'<circle [^>]*r="([\d.]+)"', svg)]
    assert len(radii) == len(nodes) and max(radii) > min(radii) or len(set(radii)) == 1
    for slug in b.actors:  # the table lists every actor, drawn or not
        assert f"actors/{slug}/index.html" in text[text.index("Connections"):]


def test_lists(site):
    b = _briefing(site)
    actors = _read(site.site, "actors/index.html")
    for kind in {a.kind for a in b.actors.values()}:
        assert f'id="kind-{kind.replace(" ", "-")}"' in actors
    sources = _read(site.site, "sources/index.html")
    assert sources.count("<tr>") == len(b.sources) + 1
    events = _read(site.site, "events/index.html")
    assert events.count("<tr>") == len(b.events) + 1 and "independent" in events


def test_404_page_links_relative_from_the_site_root(site):
    text = _read(site.site, "404.html")
    assert 'href="index.html"' in text and 'href="static/site.' in text
    assert 'rel="canonical"' not in text


# ------------------------------------------------------------------ machine-readable output

def test_feed_sitemap_robots(site):
    b = _briefing(site)
    config = load_config(site.root)
    feed = ET.fromstring((site.site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    # One entry per edition first, the newest first (the editions the content records: one for a
    # briefing built once), then sources and events.
    recorded = len(list((site.root / "content" / ".editions").glob("[0-9]*.json")))
    editions = [e for e in entries if e.find(f"{ATOM}title").text.startswith("Edition ")]
    assert recorded >= 1 and len(editions) == recorded
    assert editions[0].find(f"{ATOM}link").get("href").endswith(f"changes/index.html#edition-{recorded}")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", editions[0].find(f"{ATOM}updated").text)
    entries = [e for e in entries if e not in editions]
    assert len(entries) == min(100, len(b.sources) + len(b.events))
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.find(f"{ATOM}updated").text)
        href = entry.find(f"{ATOM}link").get("href")
        assert href.endswith("/index.html")
        if config.base_url:
            assert href.startswith(config.base_url + "/")
    urls = [u.text for u in ET.fromstring((site.site / "sitemap.xml").read_bytes()).iter(f"{SITEMAP}loc")]
    assert len(urls) == len(set(urls)) == 8 + len(b.sources) + len(b.actors) + len(b.events)
    robots = _read(site.site, "robots.txt")
    assert "User-agent: *" in robots
    if config.base_url:
        assert all(u.startswith(config.base_url + "/") for u in urls)
        assert f"Sitemap: {config.base_url}/sitemap.xml" in robots


def test_data_exports(site):
    b = _briefing(site)
    data = json.loads(_read(site.site, "data/briefing.json"))
    assert {s["slug"] for s in data["sources"]} == set(b.sources)
    assert {a["slug"] for a in data["actors"]} == set(b.actors)
    assert {e["slug"] for e in data["events"]} == set(b.events)
    for e in data["events"]:
        assert (site.site / e["page"]).is_file()
        assert set(e["participants"]) <= set(b.actors) and set(e["sources"]) <= set(b.sources)
    for a in data["actors"]:
        assert set(a["members"]) <= set(b.actors) and set(a["events"]) <= set(b.events)
    raw = (site.site / "data/events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(b.events) and {r["slug"] for r in rows} == set(b.events)
    assert {"date", "date_precision", "kind", "participants", "sources", "independent_sources"} <= set(rows[0])
    actors = list(csv.DictReader(io.StringIO((site.site / "data/actors.csv").read_bytes().decode("utf-8-sig"))))
    assert {r["slug"] for r in actors} == set(b.actors)


def test_json_ld_and_open_graph(site):
    b = _briefing(site)
    kinds = {"sources": {"NewsArticle"}, "events": {"Event"},
             "actors": {"Person", "Country", "Organization", "Corporation", "NewsMediaOrganization", "Thing"}}
    for kind, types in kinds.items():
        for slug in getattr(b, kind):
            text = _read(site.site, f"{kind}/{slug}/index.html")
            m = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
            assert m, (kind, slug)
            data = json.loads(m.group(1))
            assert data["@context"] == "https://schema.org" and data["@type"] in types, (kind, slug)
            assert '<meta property="og:title"' in text and '<meta property="og:type"' in text
    for slug, actor in b.actors.items():
        data = json.loads(re.search(r'ld\+json">(.*?)</script>', _read(site.site, f"actors/{slug}/index.html"), re.S).group(1))
        expected = {"person": "Person", "state": "Country"}.get(actor.kind)
        if expected:
            assert data["@type"] == expected


def test_search_markup_for_pagefind(site):
    b = _briefing(site)
    for kind, label in (("sources", "Source"), ("actors", "Actor"), ("events", "Event")):
        for slug in list(getattr(b, kind))[:5]:
            text = _read(site.site, f"{kind}/{slug}/index.html")
            assert "data-pagefind-body" in text
            assert f'data-pagefind-filter="kind[data-value]" data-value="{label}"' in text
            if kind == "sources":  # the grading scale, the same on every source page, is left out
                assert '<section class="grading" aria-labelledby="grade-h" data-pagefind-ignore>' in text
    assert "data-pagefind-body" not in _read(site.site, "timeline/index.html")
    parts = json.loads(_read(site.site, "pagefind/parts.json"))["parts"]
    indexed = sum(lang["page_count"] for part in parts
                  for lang in json.loads(_read(site.site, f"pagefind/{part}/pagefind-entry.json"))["languages"].values())
    assert indexed == len(b.sources) + len(b.actors) + len(b.events)
    header = _read(site.site, "index.html")
    assert 'action="search/index.html"' in header and 'name="q"' in header


def test_disk_search_index_is_a_small_script_of_every_entry_page(site):
    b = _briefing(site)
    script = _read(site.site, "search/disk-index.js")
    prefix = "window.sitegenDiskIndex = "
    data = json.loads(script[script.index(prefix) + len(prefix):].rstrip().rstrip(";"))
    urls = [p["u"] for p in data["pages"]]
    assert sorted(urls) == sorted([f"actors/{s}/index.html" for s in b.actors] + [f"events/{s}/index.html" for s in b.events]
                                  + [f"sources/{s}/index.html" for s in b.sources])
    for page in data["pages"]:
        assert (site.site / page["u"]).is_file() and page["k"] in ("Actor", "Event", "Source")
        assert len(page["x"]) <= 202 and page["t"]
    # Title, kind, address, a short text and the actors named: not the articles.
    assert len(script.encode()) < 600 * len(urls)
    source = next(iter(b.sources.values()))
    page = next(p for p in data["pages"] if p["u"] == f"sources/{source.slug}/index.html")
    assert {data["actors"][i] for i in page["a"]} == {b.actors[s].name for s in source.actors if s in b.actors}


# ------------------------------------------------------------------ build behaviour

def test_build_is_deterministic(tmp_path, monkeypatch):
    import sitegen.searchindex

    monkeypatch.setattr(sitegen.searchindex, "PART_PAGES", 5)  # the search index in several parts
    outs = []
    for name in ("one", "two"):  # two copies: neither build has the other's cache to go on
        root = briefing_copy(FIXTURE, tmp_path / f"briefing-{name}")
        if name == "two":  # the same input: the edition the first build recorded
            shutil.copytree(tmp_path / "briefing-one/content/.editions", root / "content/.editions")
        out = tmp_path / name
        build_site(root, root / "content", out, load_config(root), search=True)
        outs.append(out)
    files = sorted(p.relative_to(outs[0]).as_posix() for p in outs[0].rglob("*") if p.is_file())
    assert files
    assert any(rel.startswith("pagefind/part-0/filter/") for rel in files)
    assert len(json.loads((outs[0] / "pagefind" / "parts.json").read_text())["parts"]) > 2
    # The search index too: Pagefind writes filters in hash-map order; sitegen sorts them.
    assert files == sorted(p.relative_to(outs[1]).as_posix() for p in outs[1].rglob("*") if p.is_file())
    for rel in files:
        assert (outs[0] / rel).read_bytes() == (outs[1] / rel).read_bytes(), rel


def test_search_index_canonical_form_is_a_fixed_point_and_unknown_layouts_are_left_alone(tmp_path):
    from sitegen.searchindex import canonicalise

    out = tmp_path / "site"
    root = briefing_copy(FIXTURE, tmp_path / "briefing")
    build_site(root, root / "content", out, load_config(root), search=True)
    index = out / "pagefind" / "part-0"

    def snapshot() -> dict[str, bytes]:
        return {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*") if p.is_file()}

    before = snapshot()
    canonicalise(index)
    assert snapshot() == before
    # Filter values are stored sorted, so the search page lists them in order.
    import cbor2, gzip
    for path in index.glob("filter/*.pf_filter"):
        values = [v[0] for v in cbor2.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])[1]]
        assert values == sorted(values) and len(values) > 1
    # A layout it does not know (another Pagefind version) stays exactly as written.
    entry = index / "pagefind-entry.json"
    entry.write_text('{"version": "9", "languages": {"en": {"hash": "en_missing"}}}', encoding="utf-8")
    canonicalise(index)
    assert entry.read_text(encoding="utf-8") == '{"version": "9", "languages": {"en": {"hash": "en_missing"}}}'
    assert {k: v for k, v in snapshot().items() if k != "pagefind-entry.json"} == \
        {k: v for k, v in before.items() if k != "pagefind-entry.json"}


@pytest.mark.parametrize("output, code, reason", [
    ("thread 'main' panicked at src/fossick.rs:12:5:\nindex out of bounds\n"
     "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n", 101,
     "thread 'main' panicked at src/fossick.rs:12:5: index out of bounds"),
    ("thread 'main' panicked at 'no pages', src/main.rs:3:1\nnote: Some details are omitted\n", 101,
     "thread 'main' panicked at 'no pages', src/main.rs:3:1"),
    ("memory allocation of 1515 bytes failed\nskipping backtrace printing to avoid potential recursion\n", -6,
     "memory allocation of 1515 bytes failed (out of memory)"),
    ("Running Pagefind\nError: no HTML files found\n", 1, "Error: no HTML files found"),
    ("", -9, "killed by signal 9"),
])
def test_a_failed_search_index_says_why(output, code, reason):
    from sitegen.searchindex import failure_reason

    assert failure_reason(output, code) == reason


def test_failed_search_index_fails_the_build_and_keeps_the_previous_site(tmp_path, monkeypatch):
    out = tmp_path / "site"
    root = briefing_copy(FIXTURE, tmp_path / "briefing")
    build_site(root, root / "content", out, load_config(root), search=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert not (out / "pagefind").exists()
    monkeypatch.setenv("SITEGEN_PAGEFIND", f"{sys.executable} -c raise(SystemExit('pagefind-broke'))")
    with pytest.raises(SitegenError) as err:
        build_site(root, root / "content", out, load_config(root), search=True)
    message = str(err.value)
    assert "\n" not in message and message.startswith("search index failed") and "pagefind-broke" in message
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing", "site"]  # no temporary folder left behind


def test_cli_build_no_search(tmp_path):
    folder = tmp_path / "briefing"
    shutil.copytree(FIXTURE, folder)
    proc = subprocess.run([sys.executable, "-m", "sitegen", "build", "--no-ingest", "--no-search", "--out", "out"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "out" / "index.html").is_file() and not (folder / "out" / "pagefind").exists()
    assert not (folder / "out" / "search" / "disk-index.js").exists()
    assert "not built" in (folder / "out" / "search" / "index.html").read_text()


def test_updated_is_the_newest_source_and_stub_bodies_are_not_shown(tmp_path, briefing):
    from conftest import write

    # An event dated later than every source (planned, say) does not make the briefing newer.
    write(briefing / "content/events/2031-summit.md", "---\ntitle: Summit planned\ndate: 2031-01-05\nkind: meeting\n---\n")
    write(briefing / "content/sources/later.md", "---\ntitle: A later report\npublished: 2025-06-02\n---\nText.\n")
    write(briefing / "content/actors/croatia.md", "---\nname: Croatia\nkind: state\n---\nState.\n")
    actor = briefing / "content/actors/aleksandar-vucic.md"
    actor.write_text(actor.read_text(encoding="utf-8") + "President of Serbia.\n", encoding="utf-8")
    out = tmp_path / "out"
    build_site(briefing, briefing / "content", out, load_config(briefing), search=False)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'updated <time class="date date-day" datetime="2025-06-02">2 June 2025</time>' in home
    assert "2031" not in home.split("<footer")[1] and 'datetime="2031' not in home.split('<div class="home-grid">')[0]
    # "State." and a body that only repeats the role tell nothing the page does not show.
    for slug in ("croatia", "aleksandar-vucic"):
        page = (out / "actors" / slug / "index.html").read_text(encoding="utf-8")
        assert 'class="prose"' not in page, slug
    assert "A state in the Balkans." in (out / "actors" / "serbia" / "index.html").read_text(encoding="utf-8")


def test_statements_are_grouped_biggest_first_and_long_groups_folded():
    from sitegen.model import Claim
    from sitegen.pages import SHOWN_CLAIMS, group_claims

    claims = [Claim("a1", "a"), Claim("n1"), Claim("b1", "b")] + [Claim(f"b{i}", "b") for i in range(2, 8)] \
        + [Claim(f"a{i}", "a") for i in range(2, SHOWN_CLAIMS + 2)]
    groups = group_claims(claims, lambda c: c.speaker)
    assert [g.key for g in groups] == ["b", "a", None]
    assert [c.text for c in groups[0].shown] == ["b1", "b2", "b3"][:SHOWN_CLAIMS] and len(groups[0].more) == 7 - SHOWN_CLAIMS
    assert groups[1].count == SHOWN_CLAIMS + 1 and not groups[1].more  # one more is shown, not folded
    assert [c.text for c in groups[2].shown] == ["n1"]


def test_event_page_first_screen_and_sections(site):
    b = _briefing(site)
    links = resolve(b)
    for event in b.events.values():
        text = _read(site.site, f"events/{event.slug}/index.html")
        first_screen = text[text.index("<h1"):text.index('class="with-toc"')]
        assert "Participants" in first_screen and "Reported by" in first_screen and "Date" in first_screen
        if event.disagreements:
            assert "Sources disagree on" in first_screen and 'href="#disagreements-h"' in first_screen
            assert all(f">{d.about}</a>" in first_screen for d in event.disagreements)
        toc = text[text.index('<nav class="toc"'):]
        toc = toc[:toc.index("</nav>")]
        assert 'href="#accounts-h"' in toc and ('href="#claims-h"' in toc) == bool(links.event_claims[event.slug])
        speakers = {c.speaker or None for c in links.event_claims[event.slug]}
        assert text.count('class="claim-group"') == len(speakers)


def _svg_shapes(svg: str) -> tuple[list, list]:
    circles = [tuple(map(float, m)) for m in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/>', svg)]
    boxes = [tuple(map(float, m)) for m in re.findall(
        r'<rect class="label-box" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)]
    return circles, boxes


def _rect_circle_overlap(rect: tuple, circle: tuple) -> bool:
    x, y, w, h = rect
    cx, cy, r = circle
    nx, ny = min(max(cx, x), x + w), min(max(cy, y), y + h)
    return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r


def test_network_of_300_actors_has_no_overlapping_circles_or_names(tmp_path):
    import itertools

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import corpus

    corpus.generate(tmp_path, 300, actors=300, parts=("content",))
    build_site(tmp_path, tmp_path / "content", tmp_path / "site", load_config(tmp_path), search=False)
    text = (tmp_path / "site" / "network" / "index.html").read_text(encoding="utf-8")
    svg = text[text.index("<svg"):text.index("</svg>")]
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    circles, boxes = _svg_shapes(svg)
    assert len(circles) == len(boxes) >= 50
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(circles, 2):
        assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (r1 + r2) ** 2, ((x1, y1, r1), (x2, y2, r2))
    for a, b in itertools.combinations(boxes, 2):
        assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1], (a, b)
    for rect in boxes:
        assert 0 <= rect[0] and rect[0] + rect[2] <= width and 0 <= rect[1] and rect[1] + rect[3] <= height
        assert not any(_rect_circle_overlap(rect, c) for c in circles), rect
    for cx, cy, r in circles:
        assert r <= cx <= width - r and r <= cy <= height - r
    # Only the strongest ties are drawn until the reader asks for all of them.
    strong = len(re.findall(r'<line class="edge edge-\w+"', svg))
    more = len(re.findall(r'<line class="edge edge-\w+ edge-more"', svg))
    assert more > strong > 0 and strong <= 2 * len(circles) + svg.count("edge-affiliation")
    assert 'id="all-ties"' in text
    # Every actor page with a tie draws its direct ties; the names stay inside the drawing.
    b, _ = load_briefing(tmp_path, tmp_path / "content")
    links = resolve(b)
    for slug in list(b.actors)[:40]:
        page = (tmp_path / "site" / "actors" / slug / "index.html").read_text(encoding="utf-8")
        drawn = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)</text>', page)
        assert len(drawn) == min(8, len(links.actor_co[slug]))
        for x, anchor, name in drawn:
            extent = len(name) * 9.0  # 15px bold sans: at most about 0.6 em a character
            left = float(x) - {"start": 0, "middle": extent / 2, "end": extent}[anchor]
            assert 0 <= left and left + extent <= 480, (slug, name, anchor, x)


def test_ties_as_strong_are_ordered_by_shared_events_then_by_the_other_actors_sources():
    b = _briefing(built("example"))
    links = resolve(b)
    compared = 0
    for slug, ties in links.actor_co.items():
        events = set(links.actor_events[slug])

        def key(tie):
            return (-tie[1], -len(events & set(links.actor_events[tie[0]])), -len(links.actor_sources[tie[0]]), tie[0])
        assert ties == sorted(ties, key=key), slug
        compared += sum(1 for t, u in zip(ties, ties[1:]) if t[1] == u[1] and key(t)[1:3] != key(u)[1:3])
    assert compared  # some ties as strong are told apart by what they share, not by name
