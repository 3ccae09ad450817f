"""The hostile briefing (tests/fixtures/hostile/, content and a hostile seed) built and loaded page by
page in Chromium: no dialog opens, no script error, no request to another origin, no injected
element, no event handler or javascript: URL in the live DOM, and a Content-Security-Policy on
every page.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading

import pytest

from test_robust_hostile import build_hostile, csp_problems, html_pages

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name)
          && /^\\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`<${el.tagName.toLowerCase()} ${a.name}=${a.value.slice(0, 60)}>`);
    }
    if (el.id && el.id.startsWith('pwned')) bad.push(`injected #${el.id}`);
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) bad.push(`<${el.tagName.toLowerCase()}>`);
  }
  for (const s of document.scripts) {
    if (!s.src && s.type !== 'application/ld+json') bad.push('inline script: ' + s.textContent.slice(0, 60));
  }
  if (window.__pwned !== undefined) bad.push('window.__pwned = ' + window.__pwned);
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  return {bad, csp: csp ? csp.getAttribute('content') : null,
          inline: [...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json').map(s => s.textContent)};
}"""


def chromium_path() -> str:
    path = os.environ.get("SITEGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Chromium not found (apt-get install chromium, or set SITEGEN_CHROMIUM)")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - keep test output clean
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-browser")
    return {
        "content+seed": build_hostile(base / "plain", seeds=True),
        "allow_html": build_hostile(base / "html", allow_html=True),
    }


@pytest.fixture(scope="module")
def server(sites):
    root = next(iter(sites.values())).parent.parent
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def visits(sites, server):
    """Load every page of every hostile site once; record what happened."""
    origin, root = server
    results = {}
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        events: dict[str, list[str]] = {}
        page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: events["errors"].append(str(e)))
        # A same-origin 404 (e.g. a hostile <img src=x> kept by allow_html's sanitizer) is a broken
        # picture, not a script error; requests to other origins are checked separately.
        page.on("console", lambda m: events["console"].append(m.text)
                if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
        page.on("request", lambda r: None if r.url.startswith((origin, "data:", "about:"))
                else events["foreign"].append(r.url))
        try:
            for label, site in sites.items():
                for path in html_pages(site):
                    rel = path.relative_to(root).as_posix()
                    events.clear()
                    events.update({"dialogs": [], "errors": [], "console": [], "foreign": []})
                    page.goto(f"{origin}/{rel}", wait_until="load")
                    # Move the pointer and the focus, for handlers that wait for them.
                    page.mouse.move(5, 5)
                    page.keyboard.press("Tab")
                    dom = page.evaluate(DOM_CHECK)
                    page.goto("about:blank")  # flush late errors of this page into its own record
                    results[(label, rel)] = {**{k: list(v) for k, v in events.items()}, **dom}
        finally:
            browser.close()
    return results


def _report(visits, key: str) -> dict:
    return {f"{label}: {rel}": r[key] for (label, rel), r in visits.items() if r[key]}


def test_pages_were_loaded(visits):
    assert len(visits) >= 20


def test_no_dialog_opens(visits):
    assert _report(visits, "dialogs") == {}


def test_no_script_error(visits):
    assert _report(visits, "errors") == {}
    # CSP violations are console errors too: one means something was injected and blocked.
    assert _report(visits, "console") == {}


def test_no_request_to_another_origin(visits):
    assert _report(visits, "foreign") == {}


def test_no_injected_element_or_handler_in_the_dom(visits):
    assert _report(visits, "bad") == {}


def test_every_page_carries_a_strict_csp(visits):
    report = {}
    for (label, rel), r in visits.items():
        problems = csp_problems(r["csp"], r["inline"])
        if problems:
            report[f"{label}: {rel}"] = problems
    assert report == {}
