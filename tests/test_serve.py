"""`sitegen serve`: build, serve, rebuild on change, keep the last good site, reload in the browser."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.pages import url_of
from sitegen.serve import RELOAD_JS, RELOAD_SCRIPT_URL, DevServer

TIMEOUT = 15.0

ACTOR = """---
name: {name}
kind: person
role: {role}
---

{body}
"""


def make_briefing(folder: Path, name: str = "Ana Brnabić", role: str = "Speaker of parliament",
                  body: str = "First version of the text.") -> Path:
    """A minimal briefing folder: settings, a front page and one actor."""
    (folder / "content" / "actors").mkdir(parents=True)
    (folder / "seeds").mkdir()
    (folder / "sitegen.yaml").write_text("title: Serve test\n", encoding="utf-8")
    (folder / "content" / "_index.md").write_text("Front page.\n", encoding="utf-8")
    write_actor(folder, name, role, body)
    return folder


def write_actor(folder: Path, name: str, role: str = "Speaker of parliament", body: str = "Text.") -> Path:
    path = folder / "content" / "actors" / "ana-brnabic.md"
    path.write_text(ACTOR.format(name=name, role=role, body=body), encoding="utf-8")
    return path


def fetch(url: str, method: str = "GET") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def status(base: str) -> dict:
    return json.loads(fetch(base + "__sitegen__/status")[2])


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}; last: {last!r}")


ACTOR_PAGE = url_of("actor", "ana-brnabic")


class Served:
    """`sitegen serve --port 0` in a subprocess, as an editor runs it."""

    def __init__(self, folder: Path, *args: str):
        self.folder = folder
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--port", "0", "--no-search", *args],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            start_new_session=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.out, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.err, False), daemon=True).start()
        self.url = self._wait_url()

    def _pump(self, stream, sink: list[str], announce: bool) -> None:
        for line in stream:
            sink.append(line)
            if announce:
                self._lines.put(line)

    def _wait_url(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    time.sleep(0.2)
                    raise AssertionError(f"serve exited {self.proc.returncode}: {''.join(self.err)}")
                continue
            if " at http://" in line:
                return line.split(" at ", 1)[1].split()[0]
        raise AssertionError(f"serve printed no URL: {''.join(self.out)} {''.join(self.err)}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        time.sleep(0.1)  # let the pipe readers finish
        return self.proc.returncode


@pytest.fixture
def served(tmp_path):
    server = Served(make_briefing(tmp_path / "briefing"))
    yield server
    server.stop()


def page_text(base: str, path: str = ACTOR_PAGE) -> str:
    code, _headers, body = fetch(base + path)
    return f"{code} {body.decode('utf-8', 'replace')}"


# --- the editor's loop over HTTP ---------------------------------------------------------------


def test_serve_prints_url_and_serves_the_built_site(served):
    assert served.url.startswith("http://127.0.0.1:")
    code, headers, body = fetch(served.url)
    assert code == 200 and headers["Content-Type"].startswith("text/html")
    assert b"Serve test" in body
    code, _headers, body = fetch(served.url + ACTOR_PAGE)
    assert code == 200 and "Ana Brnabić".encode() in body
    # The reload script is added to the response, as an external script only.
    assert body.count(RELOAD_SCRIPT_URL.encode()) == 1
    assert body.index(RELOAD_SCRIPT_URL.encode()) < body.lower().rindex(b"</body>")
    # ...and never to the files on disk.
    for page in (served.folder / "site").rglob("*"):
        if page.is_file():
            assert b"__sitegen__" not in page.read_bytes(), page
    code, headers, script = fetch(served.url + RELOAD_SCRIPT_URL.lstrip("/"))
    assert code == 200 and headers["Content-Type"].startswith("text/javascript")
    assert script.decode() == RELOAD_JS
    state = status(served.url)
    assert state["version"] == 1 and state["errors"] == [] and state["building"] is False


def test_change_is_rebuilt_and_served(served):
    assert "First version" in page_text(served.url)
    write_actor(served.folder, "Ana Brnabić", body="Second version, after an edit.")
    wait_for(lambda: "Second version, after an edit." in page_text(served.url), "the rebuilt page")
    wait_for(lambda: status(served.url)["version"] >= 2, "the build version to count the rebuild")
    wait_for(lambda: any("rebuilt" in line and "ana-brnabic.md" in line for line in served.out), "the log line")
    # Incremental: only the pages the edited actor reaches were rendered again.
    line = next(line for line in served.out if "rebuilt" in line and "ana-brnabic.md" in line)
    pages, unchanged = map(int, re.search(r"rebuilt (\d+) pages .* (\d+) unchanged", line).groups())
    assert 0 < unchanged < pages
    # A new entry appears too.
    (served.folder / "content" / "actors" / "serbia.md").write_text(
        "---\nname: Serbia\nkind: state\n---\n", encoding="utf-8")
    wait_for(lambda: page_text(served.url, url_of("actor", "serbia")).startswith("200 "), "the new page")


def test_content_error_keeps_last_good_site_and_is_shown(served):
    before = status(served.url)["version"]
    path = served.folder / "content" / "actors" / "ana-brnabic.md"
    path.write_text("---\nname: [Ana\nkind: person\n---\nBroken.\n", encoding="utf-8")
    state = wait_for(lambda: (s := status(served.url))["errors"] and s, "the error to be reported")
    assert state["version"] == before
    assert any(line.startswith("content/actors/ana-brnabic.md:") for line in state["errors"]), state
    # The last good page is still served, with the reload script so the banner can show.
    text = page_text(served.url)
    assert text.startswith("200 ") and "First version" in text and RELOAD_SCRIPT_URL in text
    wait_for(lambda: any("still serving the last good site" in line for line in served.err), "terminal message")
    assert any("content/actors/ana-brnabic.md:" in line for line in served.err)
    # Fixing the file clears the error and serves the fix.
    write_actor(served.folder, "Ana Brnabić", body="Fixed version.")
    wait_for(lambda: "Fixed version." in page_text(served.url), "the fixed page")
    wait_for(lambda: status(served.url)["errors"] == [], "the error to clear")


def test_editor_droppings_do_not_rebuild(served):
    version = status(served.url)["version"]
    actors = served.folder / "content" / "actors"
    (actors / ".ana-brnabic.md.swp").write_bytes(b"swap")
    (actors / "ana-brnabic.md~").write_text("backup", encoding="utf-8")
    (actors / "ana-brnabic.ingest.md").write_text("---\nname: [broken\n---\n", encoding="utf-8")
    (served.folder / "content" / ".ingest.json").write_text("{}", encoding="utf-8")
    os.utime(actors / "ana-brnabic.md")  # touched, not changed
    time.sleep(2.0)
    assert status(served.url)["version"] == version
    assert not any("rebuilt" in line for line in served.out)


def test_config_change_rebuilds(served):
    (served.folder / "sitegen.yaml").write_text("title: Renamed briefing\n", encoding="utf-8")
    wait_for(lambda: "Renamed briefing" in page_text(served.url, ""), "the new title")
    wait_for(lambda: status(served.url)["version"] == 2, "the build version to count the rebuild")
    wait_for(lambda: any("rebuilt" in line and "sitegen.yaml changed" in line for line in served.out), "the log line")
    # A broken sitegen.yaml is an error like any other: reported, last good site kept.
    (served.folder / "sitegen.yaml").write_text("title: [oops\n", encoding="utf-8")
    state = wait_for(lambda: (s := status(served.url))["errors"] and s, "the config error")
    assert any("sitegen.yaml" in line for line in state["errors"]), state
    assert "Renamed briefing" in page_text(served.url, "")


def test_template_override_created_while_serving_is_used(served):
    templates = served.folder / "templates"
    templates.mkdir()
    (templates / "404.html").write_text("<html><body><p>Custom not found</p></body></html>\n", encoding="utf-8")
    wait_for(lambda: "Custom not found" in page_text(served.url, "no/such/page"), "the overriding template")
    assert page_text(served.url, "no/such/page").startswith("404 ")


def test_new_seed_is_ingested_and_served(served):
    article = Path(__file__).parent / "fixtures" / "articles" / "a13_poland_apache_deal.txt"
    shutil.copyfile(article, served.folder / "seeds" / article.name)
    sources = served.folder / "content" / "sources"
    written = wait_for(lambda: sorted(sources.glob("*.md")) if sources.is_dir() else [], "ingest to write a source")
    slug = written[0].stem
    wait_for(lambda: page_text(served.url, url_of("source", slug)).startswith("200 "), "the source page")
    assert any("ingested 1 seed" in line for line in served.out), served.out
    time.sleep(1.5)
    # Ingest's own writes into content/ do not set off a second rebuild.
    assert sum("rebuilt" in line for line in served.out) == 1, served.out


def test_ctrl_c_exits_cleanly(tmp_path):
    server = Served(make_briefing(tmp_path / "b"))
    assert fetch(server.url)[0] == 200
    assert server.stop(signal.SIGINT) == 0
    assert "Traceback" not in "".join(server.err)
    assert any("stopped" in line for line in server.out)


def test_sigterm_exits_cleanly(tmp_path):
    server = Served(make_briefing(tmp_path / "b"))
    assert server.stop(signal.SIGTERM) == 0
    assert "Traceback" not in "".join(server.err)


def test_port_in_use_is_one_line_error(tmp_path, monkeypatch):
    make_briefing(tmp_path)
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--no-search"])
    assert result.exit_code == 1
    assert f"port {port} is already in use" in result.output
    assert "Traceback" not in result.output


def test_serve_outside_a_briefing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1
    assert "no content folder" in result.output


# --- the server in-process: HTTP details ---------------------------------------------------------


@pytest.fixture
def dev(tmp_path):
    folder = make_briefing(tmp_path / "briefing")
    messages: list[str] = []
    server = DevServer(folder, port=0, search=False, log=messages.append, err=messages.append)
    server.messages = messages
    server.start()
    yield server
    server.close()


def test_directory_urls_and_not_found(dev):
    base = dev.url
    slug_dir = ACTOR_PAGE.rsplit("/", 1)[0]
    code, headers, _ = fetch(base + slug_dir + "/")
    assert code == 200 and headers["Content-Type"].startswith("text/html")
    request = urllib.request.Request(base + slug_dir)
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=5)
    assert redirect.value.code in (301, 302) and redirect.value.headers["Location"] == "/" + slug_dir + "/"
    code, _, body = fetch(base + "does/not/exist.html")
    assert code == 404 and RELOAD_SCRIPT_URL.encode() in body
    assert b'<base href="/">' in body  # the 404 page's relative links work at any depth
    css = next((dev.out).rglob("*.css")).relative_to(dev.out).as_posix()
    code, headers, body = fetch(base + css)
    assert code == 200 and headers["Content-Type"].startswith("text/css")
    assert RELOAD_SCRIPT_URL.encode() not in body  # only HTML gets the script
    code, headers, body = fetch(base, method="HEAD")
    assert code == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_site_is_also_served_under_the_base_url_path(tmp_path):
    folder = make_briefing(tmp_path / "b")
    (folder / "sitegen.yaml").write_text("title: T\nbase_url: https://example.org/briefing\n", encoding="utf-8")
    server = DevServer(folder, port=0, search=False, log=lambda m: None, err=lambda m: None)
    server.start()
    try:
        assert fetch(server.url + ACTOR_PAGE)[0] == 200
        assert fetch(server.url + "briefing/" + ACTOR_PAGE)[0] == 200
        assert fetch(server.url + "briefing/")[0] == 200
        code, _, body = fetch(server.url + "briefing/no/such/page/")
        assert code == 404 and RELOAD_SCRIPT_URL.encode() in body
    finally:
        server.close()


def test_no_path_traversal(dev, tmp_path):
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    for path in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "static/../../secret.txt",
                 "..\\secret.txt"):
        with socket.create_connection(("127.0.0.1", dev.port), timeout=5) as conn:
            conn.sendall(f"GET /{path} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
        assert b"secret" not in data.split(b"\r\n\r\n", 1)[1], path


def test_inject_places_script_before_body_end(dev):
    html = b"<html><body><p>x</p></BODY></html>"
    out = dev.inject(html, 7)
    assert out.startswith(b"<html><body><p>x</p><script src=\"/__sitegen__/reload.js\" data-version=\"7\"")
    assert out.endswith(b"</script></BODY></html>")
    assert dev.inject(b"<p>fragment</p>", 1).startswith(b"<p>fragment</p><script ")


def test_relevant_paths(dev):
    root = dev.root
    assert dev.relevant(root / "content" / "actors" / "x.md")
    assert dev.relevant(root / "content" / "_index.md")
    assert dev.relevant(root / "seeds" / "article.txt")
    assert dev.relevant(root / "templates" / "actor.html")
    assert dev.relevant(root / "sitegen.yaml")
    for ignored in ("site/index.html", "content/.ingest.json", "content/actors/x.ingest.md",
                    "content/actors/.x.md.swp", "content/actors/x.md~", "content/actors/4913",
                    "content/actors/#x.md#", ".sitegen/cache", "README.md", ".site-new-abc/index.html",
                    "content/.git/HEAD"):
        assert not dev.relevant(root / ignored), ignored


def test_reload_script_builds_banner_without_html_parsing():
    assert "innerHTML" not in RELOAD_JS and "outerHTML" not in RELOAD_JS
    assert "insertAdjacentHTML" not in RELOAD_JS and "document.write" not in RELOAD_JS
    assert "textContent" in RELOAD_JS and "eval(" not in RELOAD_JS


def test_first_build_failing_serves_placeholder_then_site(tmp_path):
    folder = make_briefing(tmp_path / "b")
    path = folder / "content" / "actors" / "ana-brnabic.md"
    path.write_text("---\nname: [broken\n---\n", encoding="utf-8")
    server = DevServer(folder, port=0, search=False, log=lambda m: None, err=lambda m: None)
    server.start()
    try:
        code, _, body = fetch(server.url)
        assert code == 503 and RELOAD_SCRIPT_URL.encode() in body
        assert status(server.url)["errors"]
        write_actor(folder, "Ana Brnabić")
        wait_for(lambda: fetch(server.url)[0] == 200, "the first good build")
    finally:
        server.close()


def test_build_output_has_no_reload_script(tmp_path, monkeypatch):
    make_briefing(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--no-search"])
    assert result.exit_code == 0, result.output
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in files)
    for path in files:
        data = path.read_bytes()
        assert b"__sitegen__" not in data and b"reload.js" not in data, path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


# --- in Chromium: the open page reloads by itself --------------------------------------------------


def _chromium():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "the browser tests need Debian's chromium (apt-get install chromium)"
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=executable, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"])
    return manager, browser


def test_browser_reloads_on_change_and_shows_error_banner(served):
    manager, browser = _chromium()
    try:
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(served.url + ACTOR_PAGE)
        assert "First version" in page.inner_text("main") or "First version" in page.content()
        page.evaluate("window.__notReloaded = true")
        # Let the script take its first look at the status, so the change is a change to it.
        page.wait_for_function("() => performance.getEntriesByType('resource')"
                               ".some(e => e.name.includes('/__sitegen__/status'))", timeout=TIMEOUT * 1000)

        write_actor(served.folder, "Ana Brnabić", body="Changed while the page was open.")
        page.wait_for_function("() => document.body.innerText.includes('Changed while the page was open.')",
                               timeout=TIMEOUT * 1000)
        assert page.evaluate("window.__notReloaded === undefined"), "the page was patched, not reloaded"

        # A broken file: the page stays, and a banner lists the problem.
        (served.folder / "content" / "actors" / "ana-brnabic.md").write_text(
            "---\nname: [Ana\n---\n", encoding="utf-8")
        page.wait_for_selector("#sitegen-errors", timeout=TIMEOUT * 1000)
        banner = page.inner_text("#sitegen-errors")
        assert "content/actors/ana-brnabic.md" in banner
        assert "Changed while the page was open." in page.inner_text("body")
        # Fixed: the page reloads and the banner is gone.
        write_actor(served.folder, "Ana Brnabić", body="Fixed in the editor.")
        page.wait_for_function("() => document.body.innerText.includes('Fixed in the editor.')",
                               timeout=TIMEOUT * 1000)
        assert page.query_selector("#sitegen-errors") is None
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    finally:
        browser.close()
        manager.stop()
