"""The built briefing in a real browser (Playwright driving Debian's Chromium), served on 127.0.0.1
under a sub-path: rendering, navigation by clicking, the timeline filter, search, console errors,
accessibility (axe-core), phone layout, print and disk (file://) behaviour. Screenshots of each page
type are saved under the test run's temporary folder (screenshots/)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect, sync_playwright

from site_helpers import BRIEFING_IDS, CHROMIUM_ARGS, SiteServer, axe_script, briefing_copy, built, chromium_path
from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.links import resolve
from sitegen.load import load_briefing

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Served:
    def __init__(self, name: str):
        self.built = built(name)
        self.name = name
        self.briefing, _ = load_briefing(self.built.root, self.built.root / "content")
        self.links = resolve(self.briefing)
        self.server = SiteServer(self.built.site, self.built.base_path)
        self.url = self.server.url
        b, links = self.briefing, self.links
        # An actor that took part in an event some source reports: the click path needs one.
        actor = next(a for a in sorted(b.actors, key=lambda s: (-len(links.actor_events[s]), s))
                     if any(links.event_sources[e] for e in links.actor_events[a]))
        event = next(e for e in links.actor_events[actor] if links.event_sources[e])
        source = max(b.sources, key=lambda s: (len(links.source_events[s]), s))
        self.actor, self.event, self.source = actor, event, source
        self.page_types = {
            "home": "index.html", "timeline": "timeline/index.html", "network": "network/index.html",
            "disagreements": "disagreements/index.html", "search": "search/index.html",
            "sources": "sources/index.html", "actors": "actors/index.html", "events": "events/index.html",
            "source": f"sources/{source}/index.html", "actor": f"actors/{actor}/index.html",
            "event": f"events/{event}/index.html", "404": "no-such-page.html",
        }


@pytest.fixture(scope="module", params=BRIEFING_IDS)
def served(request):
    s = Served(request.param)
    yield s
    s.server.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.getbasetemp() / "screenshots"


def _console_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text} @ {m.location.get('url', '')}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    # A request cancelled because the test navigated on (net::ERR_ABORTED) is not a fault of the page.
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} ({r.failure})")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    return errors


def test_home_renders_summary_and_judgments(browser, served):
    page = browser.new_page()
    page.goto(served.url + "index.html")
    b = served.briefing
    title = str(b.index_meta.get("title") or "")
    if title:
        expect(page.locator("h1")).to_have_text(title)
    summary = str(b.index_meta.get("summary") or "")
    if summary:
        expect(page.locator(".summary")).to_contain_text(" ".join(summary.split())[:60])
    if b.index_meta.get("key_judgments"):
        assert page.locator(".judgments li").count() == len(b.index_meta["key_judgments"])
    expect(page.locator(".counts")).to_contain_text(str(len(b.events)))
    page.close()


def test_click_from_actor_to_event_to_source(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    b = served.briefing
    page.goto(served.url + served.page_types["actor"])
    expect(page.locator("h1")).to_have_text(b.actors[served.actor].name)
    page.locator(f'section[aria-labelledby="events-h"] a.event-title[href$="events/{served.event}/index.html"]').click()
    page.wait_for_url(re.compile(rf".*/events/{served.event}/index\.html$"))
    expect(page.locator("h1")).to_have_text(b.events[served.event].title)
    first_source = served.links.event_sources[served.event][0]
    page.locator(f'.account-source a[href$="sources/{first_source}/index.html"]').click()
    page.wait_for_url(re.compile(rf".*/sources/{first_source}/index\.html$"))
    expect(page.locator("h1")).to_have_text(b.sources[first_source].title)
    expect(page.locator(".grade-big .grade")).to_have_text(b.sources[first_source].grade)
    # and back to an actor from a mention in the article text or the sidebar
    page.locator('aside a[href*="/actors/"]').first.click()
    page.wait_for_url(re.compile(r".*/actors/[\w-]+/index\.html$"))
    assert not errors, errors
    page.close()


def test_timeline_filter_hides_and_shows_events(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    page.goto(served.url + "timeline/index.html")
    form = page.locator("[data-timeline-filter]")
    expect(form).to_be_visible()
    events = page.locator(".tl-event")
    total = len(served.briefing.events)
    assert events.count() == total
    expect(page.locator(".tl-event:visible")).to_have_count(total)
    actor = served.actor
    expected = len(served.links.actor_events[actor])
    page.select_option("#filter-actor", actor)
    expect(page.locator(".tl-event:visible")).to_have_count(expected)
    expect(page.locator("[data-filter-status]")).to_contain_text(f"Showing {expected} of {total}")
    for slug in served.links.actor_events[actor]:
        expect(page.locator(f"#event-{slug}")).to_be_visible()
    assert f"actor={actor}" in page.url  # the filtered view can be linked to
    kind = served.briefing.events[served.event].kind
    page.select_option("#filter-kind", kind)
    both = sum(1 for s in served.links.actor_events[actor] if served.briefing.events[s].kind == kind)
    expect(page.locator(".tl-event:visible")).to_have_count(both)
    page.click("button[type=reset]")
    expect(page.locator(".tl-event:visible")).to_have_count(total)
    # A link with ?actor= opens the timeline already filtered.
    page.goto(served.url + f"timeline/index.html?actor={actor}")
    expect(page.locator(".tl-event:visible")).to_have_count(expected)
    assert not errors, errors
    page.close()


def test_timeline_reads_fully_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "timeline/index.html")
    expect(page.locator(".tl-event:visible")).to_have_count(len(served.briefing.events))
    expect(page.locator("[data-timeline-filter]")).to_be_hidden()
    context.close()


def test_search_for_an_actor_lists_its_page(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    actor = served.briefing.actors[served.actor]
    page.goto(served.url + "index.html")
    page.fill("#site-search", actor.name)
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r".*/search/index\.html\?q=.*"))
    result = page.locator(f'.search-results a[href$="actors/{served.actor}/index.html"]')
    expect(result).to_have_count(1, timeout=10000)
    expect(page.locator("[data-search-status]")).to_contain_text("result")
    # Facets: limit to actor pages.
    expect(page.locator("[data-facets]")).to_be_visible()
    page.select_option("#facet-kind", "Actor")
    expect(page.locator(".search-results .result-kind").first).to_have_text("Actor")
    kinds = page.locator(".search-results .result-kind").all_text_contents()
    assert kinds and set(kinds) == {"Actor"}
    # The actor facet lists every actor filter value, read from the rewritten filter index.
    options = page.locator("#facet-actor option").evaluate_all("os => os.map(o => o.value)")
    assert actor.name in options and len(options) > 2, options
    result.click()
    page.wait_for_url(re.compile(rf".*/actors/{served.actor}/index\.html$"))
    assert not errors, errors
    page.close()


def _search(page, base: str, term: str) -> tuple[str, list[str], list[str]]:
    """The status line, the results' links (relative to the site) and the actor facet's values
    after searching for `term` on the search page of the site at `base`."""
    page.goto(base + "search/index.html?q=" + quote(term))
    expect(page.locator("[data-search-status]")).to_contain_text("result", timeout=10000)
    links = page.locator(".search-results a").evaluate_all("as => as.map(a => a.href)")
    facets = page.locator("#facet-actor option").all_text_contents()
    return page.locator("[data-search-status]").text_content(), sorted(u[len(base):] for u in links), facets


def test_search_over_an_index_in_parts_finds_what_one_index_finds(browser, served, tmp_path_factory):
    """A big site's index is made in parts that the search page merges: the same briefing with
    its index in many small parts gives the same results and facet counts as in one."""
    import sitegen.searchindex

    root = briefing_copy(served.built.root, tmp_path_factory.mktemp("parts") / "briefing")
    out = root.parent / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sitegen.searchindex, "PART_PAGES", 4)
        result = build_site(root, root / "content", out, load_config(root), search=True)
    assert result.search_parts > 3
    server = SiteServer(out, served.built.base_path)
    page = browser.new_page()
    errors = _console_errors(page)
    try:
        actor = served.briefing.actors[served.actor].name
        compared = 0
        title = f'"{served.briefing.sources[served.source].title}"'  # an exact phrase: few results
        for term in (actor, actor.split()[-1], "the", title):
            status, links, facets = _search(page, served.url, term)
            assert links, term
            in_parts = _search(page, server.url, term)
            assert in_parts[0] == status and in_parts[2] == facets, term
            # The same results; which 30 are shown of more depends on each part's own scoring.
            if "showing" not in status:
                assert in_parts[1] == links, term
                compared += 1
        assert compared
    finally:
        server.close()
    assert not errors, errors
    page.close()


def test_every_page_type_no_console_errors_no_serious_axe_violations(browser, served, shots):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = _console_errors(page)
    source = axe_script()
    problems = {}
    shots.mkdir(parents=True, exist_ok=True)
    for kind, rel in served.page_types.items():
        errors.clear()
        response = page.goto(served.url + rel)
        if kind == "404":
            assert response.status == 404
            expect(page.locator("h1")).to_have_text("Page not found")
            # The document's own 404 status is reported by Chromium; nothing else may fail.
            errors[:] = [e for e in errors if "status of 404" not in e]
        else:
            assert response.status == 200, rel
        if kind == "search":
            page.wait_for_function("document.querySelector('[data-facets]') && !document.querySelector('[data-facets]').hidden")
        assert page.evaluate("getComputedStyle(document.body).fontFamily").strip(), kind  # stylesheet applied
        page.add_script_tag(content=source)
        violations = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        serious = [v for v in violations if v["impact"] in SERIOUS]
        if serious:
            problems[kind] = serious
        if errors:
            problems.setdefault(kind, []).append({"console": list(errors)})
        page.screenshot(path=str(shots / f"{served.name}-{kind}.png"), full_page=True)
    # Dark mode keeps its contrast.
    page.emulate_media(color_scheme="dark")
    for kind in ("home", "event", "source"):
        page.goto(served.url + served.page_types[kind])
        page.add_script_tag(content=source)
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact}))")
        serious = [v for v in violations if v["impact"] in SERIOUS]
        if serious:
            problems[f"{kind} (dark)"] = serious
        page.screenshot(path=str(shots / f"{served.name}-{kind}-dark.png"), full_page=True)
    context.close()
    assert not problems, problems


# The page's own font stacks are swapped for these wide ones in a second pass, because a fresh
# machine may lack the narrower fonts the stacks name first, and then a line the usual fonts fit
# runs past the edge.
WIDE_FONTS = "body, body * { font-family: 'DejaVu Sans', 'DejaVu Serif', sans-serif !important; }"

OVERFLOWING = """vw => [document.documentElement.scrollWidth,
  [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > vw + 0.5)
    .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))]"""


@pytest.mark.parametrize("width", [375, 320])
def test_phone_width_has_no_sideways_scrolling(browser, served, shots, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    wide = {}
    pages = dict(served.page_types, **{"search with facets": served.page_types["search"] + "?q=a"})
    for kind, rel in pages.items():
        for fonts in ("page fonts", "wide fonts"):
            page.goto(served.url + rel)
            if kind == "search with facets":
                expect(page.locator("[data-facets]")).to_be_visible()
            if fonts == "wide fonts":
                page.add_style_tag(content=WIDE_FONTS)
            scroll_width, culprits = page.evaluate(OVERFLOWING, width)
            if scroll_width > width:
                wide[f"{kind}, {fonts}"] = (scroll_width, culprits)
            if width == 375 and fonts == "page fonts":
                page.screenshot(path=str(shots / f"{served.name}-{kind}-phone.png"), full_page=True)
    context.close()
    assert not wide, wide


def test_print_hides_navigation_chrome(browser, served, shots):
    page = browser.new_page()
    page.goto(served.url + served.page_types["event"])
    page.emulate_media(media="print")
    for selector in (".site-nav", ".search-box", ".footer-links"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=str(shots / f"{served.name}-event-print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    page.close()


def test_search_from_disk_finds_pages_with_the_index_in_a_script(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    actor = served.briefing.actors[served.actor]
    site = served.built.site
    page.goto((site / "search" / "index.html").as_uri() + "?q=" + quote(actor.name))
    expect(page.locator("[data-search-status]")).to_contain_text("result", timeout=10000)
    expect(page.locator("[data-search-scope]")).to_be_visible()  # says what this search covers
    first = page.locator(".search-results a.result-title").first
    expect(first).to_have_attribute("href", (site / "actors" / served.actor / "index.html").as_uri())
    expect(page.locator(".search-results mark").first).to_be_visible()
    # Folded: without its diacritics the name finds the same pages.
    plain = _fold(actor.name)
    page.fill("#search-query", plain)
    expect(page.locator("[data-search-status]")).to_contain_text(f"for “{plain}”")
    expect(first).to_have_attribute("href", (site / "actors" / served.actor / "index.html").as_uri())
    # The facets work from the same index.
    page.select_option("#facet-kind", "Event")
    kinds = page.locator(".search-results .result-kind")
    expect(kinds.first).to_have_text("Event")
    assert set(kinds.all_text_contents()) == {"Event"}
    # The masthead's box shows results as you type on any page, and its search goes to the search page.
    page.goto((site / "index.html").as_uri())
    page.fill("#site-search", actor.name)
    expect(page.locator(".search-drop-list a.result-title").first).to_have_text(actor.name)
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r".*/search/index\.html\?q=.*"))
    expect(page.locator("[data-search-status]")).to_contain_text("result")
    # The rest of the site works from disk: relative links to explicit index.html files.
    page.goto((site / "index.html").as_uri())
    page.locator(".site-nav a", has_text="Timeline").click()
    expect(page.locator("h1")).to_have_text("Timeline")
    expect(page.locator("[data-timeline-filter]")).to_be_visible()
    assert not errors, errors
    page.close()


def test_slash_key_searches_from_any_page_as_you_type(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    actor = served.briefing.actors[served.actor]
    page.goto(served.url + served.page_types["source"])
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type(actor.name)
    results = page.locator(".search-drop-list a.result-title")
    expect(results.first).to_have_attribute("href", re.compile(rf".*actors/{served.actor}/index\.html$"), timeout=10000)
    expect(page.locator("[data-search-drop-status]")).to_contain_text("result")
    # The arrows go through the results and back to the box; Escape closes the list.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == actor.name
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.press("Escape")
    expect(page.locator("[data-search-drop]")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type(" ")
    expect(page.locator("[data-search-drop]")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/actors/{served.actor}/index\.html$"))
    # "/" typed in a field is text, not a shortcut.
    page.goto(served.url + "search/index.html")
    page.fill("#search-query", "a")
    page.press("#search-query", "/")
    expect(page.locator("#search-query")).to_have_value("a/")
    assert not errors, errors
    page.close()


# The text of each page at these addresses that the search index holds: its [data-pagefind-body]
# without what is marked data-pagefind-ignore or hidden, folded (lowercase, no diacritics).
OWN_TEXT = """async urls => {
  const fold = t => t.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
  const out = {};
  for (const url of urls) {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    const body = doc.querySelector('[data-pagefind-body]');
    out[url + '#all'] = fold(body.textContent);
    body.querySelectorAll('[data-pagefind-ignore], [hidden]').forEach(e => e.remove());
    out[url] = fold(body.textContent);
  }
  return out;
}"""


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)) \
        .replace("đ", "d").replace("Đ", "d").lower()


def test_search_for_a_name_ranks_its_actor_first_and_skips_pages_naming_it_only_in_lists(browser, served):
    page = browser.new_page()
    errors = _console_errors(page)
    b, links = served.briefing, served.links
    entries = [f"actors/{s}/index.html" for s in b.actors] + [f"events/{s}/index.html" for s in b.events] \
        + [f"sources/{s}/index.html" for s in b.sources]
    page.goto(served.url + "index.html")
    texts = page.evaluate(OWN_TEXT, [served.url + rel for rel in entries])
    urls = [u for u in texts if not u.endswith("#all")]

    def naming(name: str, suffix: str) -> set[str]:
        return {u for u in urls if all(w in texts[u + suffix] for w in _fold(name).split())}

    # The most connected actor that some page names only in its lists (sidebars, backlinks, counts).
    slug = next((s for s in sorted(b.actors, key=lambda s: (-len(links.actor_sources[s]), s))
                 if naming(b.actors[s].name, "#all") - naming(b.actors[s].name, "")), None)
    assert slug, "no page names an actor only in its lists"
    name = b.actors[slug].name
    own, only_in_lists = naming(name, ""), naming(name, "#all") - naming(name, "")
    _search(page, served.url, name)
    results = page.locator(".search-results a.result-title").evaluate_all("as => as.map(a => a.href)")
    assert results[0].endswith(f"actors/{slug}/index.html"), results[:3]
    # Then events, sources and other actors' pages, in that order.
    kinds = page.locator(".search-results .result-kind").all_text_contents()
    order = [{"Event": 1, "Source": 2}.get(k, 3) for k in kinds[1:]]
    assert order == sorted(order), kinds
    assert set(results) <= own and not set(results) & only_in_lists, set(results) - own
    assert not errors, errors
    page.close()


def test_phone_sections_fold_into_a_menu_button(browser, served, shots):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    errors = _console_errors(page)
    page.goto(served.url + served.page_types["event"])
    toggle = page.locator("[data-nav-toggle]")
    links = page.locator(".site-nav li a")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(links.first).to_be_hidden()
    # The masthead was three lines of links (about 210 px) at this width.
    assert page.locator(".masthead").evaluate("e => e.getBoundingClientRect().height") < 170
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(links.nth(6)).to_be_visible()
    page.screenshot(path=str(shots / f"{served.name}-menu-open-phone.png"))
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(links.first).to_be_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-nav-toggle')")
    # By keyboard: Enter opens it, Tab goes to its first link.
    page.keyboard.press("Enter")
    expect(links.first).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Briefing"
    assert not errors, errors
    context.close()
    # Without scripts the links show and the button does not.
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + served.page_types["event"])
    expect(page.locator(".site-nav li a").first).to_be_visible()
    expect(page.locator("[data-nav-toggle]")).to_be_hidden()
    expect(page.locator("[data-theme-toggle]")).to_be_hidden()
    context.close()
    # On a wide screen there is no menu button.
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served.url + served.page_types["event"])
    expect(page.locator("[data-nav-toggle]")).to_be_hidden()
    expect(page.locator(".site-nav li a").nth(6)).to_be_visible()
    page.close()


BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def test_dark_mode_button_is_remembered_across_pages_with_the_system_as_default(browser, served):
    for system in ("light", "dark"):
        context = browser.new_context(color_scheme=system)
        page = context.new_page()
        errors = _console_errors(page)
        page.goto(served.url + "index.html")
        button = page.locator("[data-theme-toggle]")
        expect(button).to_have_attribute("aria-pressed", "true" if system == "dark" else "false")
        before = page.evaluate(BACKGROUND)
        button.click()
        other = "light" if system == "dark" else "dark"
        expect(button).to_have_attribute("aria-pressed", "true" if other == "dark" else "false")
        after = page.evaluate(BACKGROUND)
        assert after != before
        # Another page opens in the chosen theme, set before the first paint: by a script in
        # <head> that is neither deferred nor async and comes before the stylesheet.
        page.goto(served.url + served.page_types["source"])
        assert page.evaluate("document.documentElement.getAttribute('data-theme')") == other
        assert page.evaluate(BACKGROUND) == after
        expect(page.locator("[data-theme-toggle]")).to_have_attribute("aria-pressed", "true" if other == "dark" else "false")
        head = page.evaluate("""() => [...document.head.children].map(e => e.tagName === 'SCRIPT' && e.src
            ? (e.defer || e.async ? 'late-script' : 'script') : e.tagName === 'LINK' && e.rel === 'stylesheet' ? 'css' : '')""")
        assert "script" in head and head.index("script") < head.index("css"), head
        assert not errors, errors
        context.close()


def test_long_entry_pages_list_their_sections_on_wide_screens_only(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for kind in ("event", "actor"):
        page.goto(served.url + served.page_types[kind])
        toc = page.locator("nav.toc")
        expect(toc).to_be_visible()
        first = toc.locator("a").first
        target = first.get_attribute("href")
        first.click()
        assert page.url.endswith(target)
        assert page.evaluate(f"(r => r.top > -2 && r.bottom <= innerHeight)(document.querySelector('{target}').getBoundingClientRect())")
        page.locator(".to-top a").last.click()
        assert page.url.endswith("#main") and page.evaluate("window.scrollY") < 200
        # Long groups of statements start folded.
        for details in page.locator("details.more-claims").all():
            assert details.get_attribute("open") is None
        page.emulate_media(media="print")
        expect(toc).to_be_hidden()
        expect(page.locator(".to-top").first).to_be_hidden()
        page.emulate_media(media="screen")
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.locator("nav.toc")).to_be_hidden()
    page.close()


def test_network_picks_out_an_actors_ties_and_shows_a_table_on_a_phone(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = _console_errors(page)
    page.goto(served.url + "network/index.html")
    hidden = page.locator(".edge-more")
    if hidden.count():
        expect(hidden.first).to_be_hidden()
        page.check("#all-ties")
        expect(hidden.first).to_be_visible()
        page.uncheck("#all-ties")
    # By keyboard: Tab to a drawn actor picks out its ties (the same on pointing at it).
    node = page.locator(".node").last
    node.focus()
    slug = re.search(r"actors/([^/]+)/", node.get_attribute("href")).group(1)
    expect(page.locator("[data-network]")).to_have_class(re.compile("highlighting"))
    picked = page.locator(".edge.hl").evaluate_all("es => es.map(e => [e.dataset.a, e.dataset.b])")
    assert picked and all(slug in pair for pair in picked)
    assert page.locator(".edge.hl").first.evaluate("e => getComputedStyle(e).display") != "none"
    node.blur()
    expect(page.locator(".edge.hl")).to_have_count(0)
    # Pointing at it does the same (an actor with ties: one with none may be drawn as a dot).
    page.locator(f'.node[href$="actors/{slug}/index.html"]').hover()
    expect(page.locator(".node.hl").first).to_be_visible()
    assert not errors, errors
    # On a phone the drawing gives way to the table, with its headers.
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.locator("figure.network")).to_be_hidden()
    expect(page.locator(".network-table thead th").first).to_be_visible()
    assert page.locator(".network-table tbody tr").count() == len(served.briefing.actors)
    page.close()


def test_results_as_you_type_keep_their_contrast_in_both_themes(browser, served):
    for scheme in ("light", "dark"):
        context = browser.new_context(bypass_csp=True, color_scheme=scheme)
        page = context.new_page()
        page.goto(served.url + served.page_types["events"])
        page.keyboard.press("/")
        page.keyboard.type(served.briefing.actors[served.actor].name)
        expect(page.locator(".search-drop-list mark").first).to_be_visible(timeout=10000)
        page.add_script_tag(content=axe_script())
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact}))")
        assert not [v for v in violations if v["impact"] in SERIOUS], (scheme, violations)
        context.close()
