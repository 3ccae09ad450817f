"""Hostile input: HTML, script, javascript: links, event handlers, </script> and Jinja syntax in
article text and in front matter values (tests/fixtures/hostile/). The built site must carry all
of it as inert text. Checked here by parsing every built file; test_robust_browser.py loads the
same pages in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from sitegen.cli import main

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "applet", "base"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build_hostile(dest: Path, *, seeds: bool = False, allow_html: bool = False) -> Path:
    """Copy the hostile briefing to `dest` and build it there; return the site folder."""
    shutil.copytree(HOSTILE, dest)
    if not seeds:
        shutil.rmtree(dest / "seeds")
    if allow_html:
        with open(dest / "sitegen.yaml", "a", encoding="utf-8") as fh:
            fh.write("allow_html: true\n")
    cwd = os.getcwd()
    os.chdir(dest)
    try:
        result = invoke("build", "--no-search")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return dest / "site"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._buf = dict(attrs), []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None


def parse_csp(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), words[1:])
    return out


def csp_problems(policy: str | None, inline_scripts: list[str]) -> list[str]:
    """What is wrong with a page's Content-Security-Policy, given its inline (executable) scripts."""
    problems = []
    if policy is None:
        problems.append("no Content-Security-Policy meta tag")
    d = parse_csp(policy or "")
    script = d.get("script-src", d.get("default-src"))
    if script is None:
        if policy is not None:
            problems.append("neither script-src nor default-src")
        script = []
    if policy is not None and "default-src" not in d:
        problems.append("no default-src (other origins allowed for unlisted kinds)")
    for name, values in d.items():
        for v in values:
            v_low = v.lower()
            if v_low in ("'self'", "'none'", "'strict-dynamic'", "'report-sample'", "'wasm-unsafe-eval'") \
                    or v_low.startswith(("'sha256-", "'sha384-", "'sha512-")):
                continue
            if v_low in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"):
                if name in ("script-src", "default-src", "script-src-elem", "script-src-attr"):
                    problems.append(f"{name} allows {v}")
                continue
            if v_low == "data:" and name in ("img-src", "font-src"):
                continue
            if name in ("frame-ancestors", "form-action", "base-uri", "report-uri", "report-to", "sandbox",
                        "upgrade-insecure-requests"):
                continue
            problems.append(f"{name} allows another origin or scheme: {v}")
    hashes = {v.strip("'") for v in script if v.lower().startswith("'sha")}
    for body in inline_scripts:
        digest = "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if digest not in hashes:
            problems.append(f"inline script without a hash in the policy: {body[:60]!r}")
    return problems


def page_problems(html: str) -> list[str]:
    """Every way a built page lets hostile input through, as readable lines (empty: the page is safe)."""
    p = _Page()
    p.feed(html)
    p.close()
    problems = []
    policy = None
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRS and value:
                v = re.sub(r"[\x00-\x20]", "", value).lower()
                if v.startswith(BAD_SCHEMES):
                    problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "id" and value and value.startswith("pwned"):
                problems.append(f"injected element <{tag} id={value}>")
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            policy = attrs.get("content") or ""
        if tag == "form" and re.match(r"\s*(https?:)?//", attrs.get("action") or ""):
            problems.append(f"<form action={attrs.get('action')!r}> posts to another origin")
        if tag == "style":
            problems.append("<style> element in a page")
    inline = []
    for attrs, body in p.scripts:
        kind = (attrs.get("type") or "").lower()
        if kind == "application/ld+json":
            if re.search(r"</script|<!--", body, re.I):
                problems.append("JSON-LD contains </script or <!--")
            try:
                json.loads(body)
            except ValueError as exc:
                problems.append(f"JSON-LD is not valid JSON: {exc}")
        elif attrs.get("src") is not None:
            if re.match(r"\s*([a-z]+:|//)", attrs["src"], re.I):
                problems.append(f"script from another origin: {attrs['src']}")
        else:
            inline.append(body)
    problems += csp_problems(policy, inline)
    return problems


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "briefing")


def test_hostile_briefing_builds(hostile_site: Path):
    assert len(html_pages(hostile_site)) >= 8


def test_no_markup_from_content_survives(hostile_site: Path):
    """Everything but the CSP: no script, handler, javascript: URL or injected element on any page."""
    report = {}
    for page in html_pages(hostile_site):
        problems = [p for p in page_problems(page.read_text(encoding="utf-8")) if "Security-Policy" not in p
                    and "default-src" not in p and "script-src" not in p and "inline script" not in p
                    and "another origin or scheme" not in p]
        if problems:
            report[page.relative_to(hostile_site).as_posix()] = problems
    assert report == {}


def test_jinja_syntax_is_text(hostile_site: Path):
    everything = "\n".join(p.read_text(encoding="utf-8") for p in html_pages(hostile_site))
    assert "{{ 7*7 }}" in everything
    assert everything.count("JINJA-EVALUATED") == everything.count("{% if true %}JINJA-EVALUATED{% endif %}")
    assert "__globals__" not in everything.replace("{{ config.__class__.__init__.__globals__ }}", "")


def test_payload_text_is_visible_as_text(hostile_site: Path):
    html = (hostile_site / "sources/hostile-source/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html


def test_data_files_are_well_formed(hostile_site: Path):
    for path in sorted(hostile_site.rglob("*")):
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xml":
            ElementTree.parse(path)


def test_allow_html_keeps_hand_written_html_safe(tmp_path: Path):
    site = build_hostile(tmp_path / "briefing", allow_html=True)
    report = {}
    for page in html_pages(site):
        problems = [p for p in page_problems(page.read_text(encoding="utf-8"))
                    if not any(k in p for k in ("Security-Policy", "default-src", "script-src", "inline script",
                                                 "another origin or scheme"))]
        if problems:
            report[page.relative_to(site).as_posix()] = problems
    assert report == {}


# -- the pure checker itself, so a passing site means something --------------------------------

@pytest.mark.parametrize("html,needle", [
    ('<p onclick="x()">', "event handler"),
    ('<a href=" JaVaScRiPt:alert(1)">', "<a href="),
    ('<script>alert(1)</script>', "inline script without a hash"),
    ('<script type="application/ld+json">{"a":"</script>"}</script>', "JSON-LD"),
    ('<img id="pwned-x">', "injected element"),
    ('<iframe src="x"></iframe>', "<iframe> element"),
    ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'unsafe-inline\'">',
     "script-src allows 'unsafe-inline'"),
    ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\' https:">', "another origin"),
])
def test_checker_catches(html: str, needle: str):
    assert any(needle in p for p in page_problems(html)), page_problems(html)


def test_checker_accepts_a_safe_page():
    body = "console.log(1)"
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    html = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
            f"script-src 'self' 'sha256-{digest}'; img-src 'self' data:; object-src 'none'; base-uri 'none'\">"
            f"<script src=\"static/site.js\" defer></script><script>{body}</script>"
            "<script type=\"application/ld+json\">{\"a\":\"\\u003c/script\\u003e\"}</script>"
            "<a href=\"https://example.org/\">x</a><p>&lt;script&gt;</p>")
    assert page_problems(html) == []


def _non_csp(problems: list[str]) -> list[str]:
    return [p for p in problems if not any(k in p for k in ("Security-Policy", "default-src", "script-src",
                                                             "inline script", "another origin or scheme"))]


def test_hostile_seed_ingested_and_built_safely(tmp_path: Path):
    """The article itself is hostile: ingest extracts from it, build renders what ingest wrote."""
    site = build_hostile(tmp_path / "briefing", seeds=True)
    content = tmp_path / "briefing" / "content"
    assert len(list((content / "sources").glob("*.md"))) >= 2, "the hostile seed was not ingested"
    report = {}
    for page in html_pages(site):
        problems = _non_csp(page_problems(page.read_text(encoding="utf-8")))
        if problems:
            report[page.relative_to(site).as_posix()] = problems
    assert report == {}
