"""`sitegen serve`: build, serve the site locally, rebuild on change and reload open pages.

The site is built with the library API into the output folder exactly as `sitegen build`
writes it. The live-reload script is added to HTML responses as they are sent, never to
the files on disk, and it is an external file (`/__sitegen__/reload.js`) so a page's
Content-Security-Policy of `script-src 'self'` allows it. The script polls
`/__sitegen__/status` (a JSON object: server id, build version, current errors), reloads the
page when the build version changes, and shows the errors of a failed rebuild in a banner
built with DOM APIs. A failed rebuild writes nothing, so the last good site keeps being served.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import mimetypes
import os
import queue
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

import click

from sitegen.config import CONFIG_NAME
from sitegen.errors import ContentErrors, SitegenError
from sitegen.fsutil import is_inside
from sitegen.load import SIDECAR_SUFFIX

INTERNAL_PREFIX = "/__sitegen__/"
RELOAD_SCRIPT_URL = INTERNAL_PREFIX + "reload.js"
STATUS_URL = INTERNAL_PREFIX + "status"

# Files editors and tools write next to the ones they edit; never a reason to rebuild.
_IGNORED_SUFFIXES = (".swp", ".swo", ".swx", ".swn", ".tmp", ".temp", ".bak", ".orig", ".part",
                     ".crdownload", ".pyc", SIDECAR_SUFFIX)
_IGNORED_NAMES = {"4913", "__pycache__", "Thumbs.db", "desktop.ini"}

RELOAD_JS = r"""/* sitegen serve: reloads this page when the site is rebuilt and shows build errors.
   Sent only by `sitegen serve`; never part of a built site. */
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : null;
  var server = script ? script.getAttribute("data-server") : null;
  var banner = null;
  var shown = null;
  var failures = 0;

  function setStyle(el, props) {
    for (var key in props) { el.style[key] = props[key]; }
  }

  function showErrors(lines) {
    var text = lines.join("\n");
    if (text === shown) { return; }
    shown = text;
    if (banner && banner.parentNode) { banner.parentNode.removeChild(banner); }
    banner = null;
    if (!lines.length) { return; }
    banner = document.createElement("div");
    banner.id = "sitegen-errors";
    banner.setAttribute("role", "alert");
    setStyle(banner, {
      position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647",
      maxHeight: "50vh", overflow: "auto", margin: "0", padding: "0.75em 1em",
      background: "#7f1d1d", color: "#ffffff", textAlign: "left",
      font: "14px/1.4 system-ui, sans-serif", boxShadow: "0 -2px 8px rgba(0,0,0,0.35)"
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Hide these errors");
    setStyle(close, {
      float: "right", background: "transparent", color: "inherit", border: "0",
      font: "inherit", fontSize: "1.5em", lineHeight: "1", cursor: "pointer"
    });
    close.addEventListener("click", function () { banner.style.display = "none"; });
    var title = document.createElement("strong");
    title.textContent = "sitegen: the last change has " + lines.length +
      " problem(s). You are seeing the last good version of the site.";
    var list = document.createElement("pre");
    list.textContent = text;
    setStyle(list, {
      whiteSpace: "pre-wrap", margin: "0.5em 0 0", background: "transparent", color: "inherit",
      font: "13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
    });
    banner.appendChild(close);
    banner.appendChild(title);
    banner.appendChild(list);
    (document.body || document.documentElement).appendChild(banner);
  }

  function schedule() {
    var delay = failures ? Math.min(500 * Math.pow(2, failures), 5000) : (document.hidden ? 2000 : 400);
    window.setTimeout(poll, delay);
  }

  function poll() {
    fetch("/__sitegen__/status", { cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    }).then(function (status) {
      failures = 0;
      var current = String(status.version);
      if ((server !== null && status.server !== server) || (version !== null && current !== version)) {
        window.location.reload();
        return;
      }
      server = status.server;
      version = current;
      showErrors(status.errors || []);
      schedule();
    }).catch(function () {
      failures += 1;  // the server is restarting or gone: keep trying, more slowly
      schedule();
    });
  }

  poll();
})();
"""

_PLACEHOLDER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitegen serve: no site yet</title></head>
<body><h1>No site yet</h1>
<p>The site has not been built successfully yet. The problems are listed below and in the
terminal; this page reloads by itself once they are fixed.</p>
</body></html>
"""

_NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>There is no page at this address. <a href="/">Go to the home page</a>.</p>
</body></html>
"""


class _AnyEvent:
    """Something with is_set() that is set when any of several events is (for watchfiles' stop_event)."""

    def __init__(self, *events: threading.Event):
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


class DevServer:
    """Builds the site, serves it over HTTP, watches the inputs and rebuilds on change.

    Use from code (tests) as: `dev = DevServer(root, port=0); dev.start(); ...; dev.close()`.
    The CLI calls `build()`, `bind()`, `watch()` and `serve_forever()` itself.
    """

    def __init__(self, root: Path, content: Path = Path("content"), seeds: Path = Path("seeds"),
                 out: Path = Path("site"), bind: str = "127.0.0.1", port: int = 8000,
                 ingest: bool = True, search: bool = True,
                 log: Callable[[str], None] | None = None, err: Callable[[str], None] | None = None,
                 verbose: bool = False):
        self.root = root.resolve()
        self.content = self._abs(content)
        self.seeds = self._abs(seeds)
        self.out = self._abs(out)
        self.templates = self.root / "templates"
        self.config_path = self.root / CONFIG_NAME
        self.bind_address, self.port = bind, port
        self.ingest, self.search, self.verbose = ingest, search, verbose
        self.log = log or (lambda message: click.echo(message))
        self.err = err or (lambda message: click.echo(message, err=True))

        self.server_id = secrets.token_hex(8)
        self.version = 0  # successful builds so far; pages reload when it changes
        self.errors: list[str] = []  # problems of the last build (shown in the browser banner)
        self._ingest_errors: list[str] = []  # kept until seeds are ingested again
        self._state = threading.Condition()
        self._building = False
        self._build_lock = threading.Lock()
        self._built_fingerprint: dict[str, str] | None = None
        self.base_path = "/"  # the path of base_url: the site is served there too, as on its host

        self._stop = threading.Event()
        self._rewatch = threading.Event()
        self._tree_ready = threading.Event()
        self._root_ready = threading.Event()
        self._changes: queue.Queue[set[str]] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self.httpd: _HTTPServer | None = None

    def _abs(self, path: Path) -> Path:
        return (path if path.is_absolute() else self.root / path).resolve()

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # --- building -------------------------------------------------------------------------

    def status(self) -> dict:
        with self._state:
            return {"server": self.server_id, "version": self.version, "building": self._building,
                    "errors": list(self.errors)}

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until no build is running; False on timeout."""
        with self._state:
            return self._state.wait_for(lambda: not self._building, timeout)

    def build(self, reason: str | None = None) -> bool:
        """Ingest changed seeds, then render the site. Returns whether the site was rebuilt."""
        from sitegen.build import build_site
        from sitegen.config import load_config

        with self._build_lock:
            with self._state:
                self._building = True
            start = time.perf_counter()
            errors: list[str] = []
            built = None
            try:
                fingerprint = self.fingerprint()
                if self._run_ingest():
                    fingerprint = self.fingerprint()  # ingest's own writes are not a change to react to
                self._built_fingerprint = fingerprint
                try:
                    config = load_config(self.root)
                    self.base_path = urlsplit(config.base_url).path.rstrip("/") + "/"
                    built = build_site(self.root, self.content, self.out, config, search=self.search)
                except ContentErrors as exc:
                    errors = [str(p) for p in exc.problems]
                except SitegenError as exc:
                    errors = [str(exc)]
                except Exception as exc:  # a bug, or a broken theme: keep serving, say what happened
                    errors = [f"internal error while building: {type(exc).__name__}: {exc}"]
                    if self.verbose:
                        self.err(traceback.format_exc().rstrip())
            finally:
                with self._state:
                    if built is not None:
                        self.version += 1
                    self.errors = self._ingest_errors + errors
                    self._building = False
                    self._state.notify_all()
            elapsed = time.perf_counter() - start
            what = f" ({reason})" if reason else ""
            for line in self._ingest_errors + errors:
                self.err(line)
            if built is not None:
                verb = "built" if self.version == 1 else "rebuilt"
                self.log(f"{verb} {built.pages} pages into {self._rel(self.out)}/ in {elapsed:.2f} s, "
                         f"{built.pages - built.rendered} unchanged{what}{built.slow_search_note('sitegen serve ')}")
                return True
            if (self.out / "index.html").is_file():
                self.err(f"error: {len(errors)} problem(s){what}; still serving the last good site")
            else:
                self.err(f"error: {len(errors)} problem(s){what}; no site to serve until they are fixed")
            return False

    def _run_ingest(self) -> bool:
        """Ingest when a seed is new or changed. Returns whether ingest ran."""
        if not self.ingest or not self.seeds.is_dir():
            return False
        try:
            from sitegen.ingest import ingest as run_ingest
            from sitegen.ingest import seeds_changed

            if not seeds_changed(self.root, self.seeds, self.content):
                return False
            result = run_ingest(self.root, self.seeds, self.content)
        except SitegenError as exc:
            self._ingest_errors = [f"ingest: {exc}"]
            return True
        except Exception as exc:  # the extractor failed: the content already there still builds
            self._ingest_errors = [f"ingest failed: {type(exc).__name__}: {exc}"]
            if self.verbose:
                self.err(traceback.format_exc().rstrip())
            return True
        self._ingest_errors = [str(p) for p in result.problems]
        store = result.store
        self.log(f"ingested {result.seeds} seed(s): {len(store.created)} created, {len(store.updated)} updated, "
                 f"{len(store.merged)} merged, {len(store.removed)} removed, {len(store.conflicts)} for review")
        for rel, sidecar, fields in store.conflicts:
            folder = rel.rsplit("/", 1)[0]
            self.log(f"content/{rel}: edited by hand ({', '.join(fields)}); ingest's version written to "
                     f"content/{folder}/{sidecar} for review")
        return True

    # --- what counts as a change ----------------------------------------------------------

    def _watched_dirs(self) -> list[Path]:
        dirs: list[Path] = []
        for folder in (self.content, self.seeds, self.templates):
            if folder.is_dir() and folder not in dirs:
                dirs.append(folder)
        return dirs

    def relevant(self, path: str | Path) -> bool:
        """Whether a change to `path` can change the site."""
        path = Path(path)
        if path == self.config_path:
            return True
        if _under(path, self.out):
            return False
        for folder in (self.content, self.seeds, self.templates):
            if _under(path, folder):
                parts = path.relative_to(folder).parts
                if not parts:
                    return True  # the folder itself appeared or went away
                return not any(_ignored_name(part) for part in parts)
        return False

    def _input_files(self) -> Iterable[Path]:
        if self.config_path.is_file():
            yield self.config_path
        for folder in (self.content, self.seeds, self.templates):
            if not folder.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if not _ignored_name(d))
                base = Path(dirpath)
                if base == self.out or _under(base, self.out):
                    dirnames[:] = []
                    continue
                for name in sorted(filenames):
                    if not _ignored_name(name):
                        yield base / name

    def fingerprint(self) -> dict[str, str]:
        """A hash of every input file's bytes, by path: unchanged means nothing to rebuild."""
        hashes: dict[str, str] = {}
        for path in self._input_files():
            try:
                hashes[self._rel(path)] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            except OSError:
                hashes[self._rel(path)] = "unreadable"
        return hashes

    def changed_since_build(self) -> list[str]:
        """Input files added, changed or removed since the last build started."""
        now, then = self.fingerprint(), self._built_fingerprint
        if then is None:
            return sorted(now) or ["(first build)"]
        return sorted(p for p in now.keys() | then.keys() if now.get(p) != then.get(p))

    # --- watching -------------------------------------------------------------------------

    def watch(self) -> None:
        """Start the watcher and builder threads."""
        for target, name in ((self._watch_tree, "sitegen-watch"), (self._watch_root, "sitegen-watch-root"),
                             (self._build_loop, "sitegen-rebuild")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _watch_tree(self) -> None:
        """Watch content/, seeds/ and templates/ recursively; restart when one appears or goes."""
        import watchfiles

        while not self._stop.is_set():
            self._rewatch.clear()
            dirs = self._watched_dirs()
            if not dirs:
                self._tree_ready.set()
                self._rewatch.wait(1.0)
                continue
            try:
                self._follow(watchfiles.watch(
                    *dirs, watch_filter=lambda _change, path: self.relevant(path), debounce=1000, step=80,
                    stop_event=_AnyEvent(self._stop, self._rewatch), rust_timeout=300, yield_on_timeout=True,
                    raise_interrupt=False), self._tree_ready)
            except Exception as exc:  # a watched folder vanished under the watcher: start over
                if self.verbose:
                    self.err(f"watcher restarted: {exc}")
                self._stop.wait(0.5)

    def _watch_root(self) -> None:
        """Watch the briefing folder itself (not recursively) for sitegen.yaml and new folders."""
        import watchfiles

        names = {self.config_path.name} | {d.name for d in (self.content, self.seeds, self.templates)
                                          if d.parent == self.root}

        def wanted(_change, path: str) -> bool:
            return Path(path).parent == self.root and Path(path).name in names

        while not self._stop.is_set():
            try:
                self._follow(watchfiles.watch(
                    self.root, watch_filter=wanted, recursive=False, debounce=1000, step=80,
                    stop_event=self._stop, rust_timeout=300, yield_on_timeout=True, raise_interrupt=False),
                    self._root_ready, root=True)
            except Exception as exc:
                if self.verbose:
                    self.err(f"watcher restarted: {exc}")
                self._stop.wait(0.5)

    def _follow(self, changes_seen, ready: threading.Event, root: bool = False) -> None:
        """Queue the changes a watcher reports. Its first report (a timeout, at the latest) means
        it is watching: then queue an empty change, so anything saved while it was starting is
        caught by the fingerprint comparison."""
        first = True
        for changes in changes_seen:
            if first:
                first = False
                ready.set()
                self._changes.put(set())
            if not changes:
                continue
            paths = {path for _change, path in changes}
            if root and any(Path(p) != self.config_path for p in paths):
                self._rewatch.set()  # a watched folder was created, removed or replaced
            self._changes.put(paths)

    def wait_watching(self, timeout: float = 5.0) -> bool:
        """Wait until the watchers are running (so a save from now on is seen)."""
        deadline = time.monotonic() + timeout
        return all(e.wait(max(0.0, deadline - time.monotonic())) for e in (self._tree_ready, self._root_ready))

    def _build_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._changes.get(timeout=0.25)
            except queue.Empty:
                continue
            while True:  # let a burst of saves settle into one rebuild
                try:
                    self._changes.get(timeout=0.1)
                except queue.Empty:
                    break
            if self._stop.is_set():
                return
            changed = self.changed_since_build()
            if not changed:
                continue  # touched, or written by our own ingest: nothing new
            more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
            reason = f"{changed[0]}{more} changed"
            try:
                self.build(reason)
            except Exception as exc:  # never let the watcher die
                self.err(f"error: rebuild failed: {type(exc).__name__}: {exc}")

    # --- serving --------------------------------------------------------------------------

    def bind(self) -> None:
        """Open the listening socket (port 0 picks a free port)."""
        server_class = _HTTPServer6 if ":" in self.bind_address else _HTTPServer
        try:
            self.httpd = server_class((self.bind_address, self.port), _Handler)
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise SitegenError(f"port {self.port} is already in use; stop the other server or pick another "
                                   "with --port (--port 0 picks a free one)") from None
            raise SitegenError(f"cannot listen on {self.bind_address}:{self.port}: {exc.strerror or exc}") from None
        self.httpd.app = self
        self.port = self.httpd.server_address[1]

    @property
    def url(self) -> str:
        host = self.bind_address
        if host in ("", "0.0.0.0"):
            host = "127.0.0.1"
        elif host == "::":
            host = "[::1]"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def serve_forever(self) -> None:
        assert self.httpd is not None
        self.httpd.serve_forever(poll_interval=0.25)

    def start(self) -> None:
        """Build, bind, watch, and serve in a background thread (for tests and embedding)."""
        self.build()
        self.bind()
        self.watch()
        self.wait_watching()
        thread = threading.Thread(target=self.serve_forever, name="sitegen-http", daemon=True)
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        """Stop watching and serving."""
        self._stop.set()
        if self.httpd is not None:
            if any(t.name == "sitegen-http" and t.is_alive() for t in self._threads):
                self.httpd.shutdown()
            self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=3)

    def locate(self, url_path: str) -> tuple[str, Path | str | None]:
        """Map a URL path to ("file", path), ("redirect", location) or ("missing", None).

        With a base_url of https://example.org/briefing the site is also served under /briefing/,
        as it will be on its host, so the 404 page's root-absolute links work here too."""
        base = self.base_path
        if base != "/" and (url_path + "/").startswith(base):
            url_path = "/" + url_path[len(base):]
        parts = [p for p in url_path.split("/") if p not in ("", ".")]
        if any(p == ".." or "\\" in p or "\0" in p for p in parts):
            return "missing", None
        target = self.out.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                return "redirect", url_path + "/"
            target = target / "index.html"
        if target.is_file() and is_inside(target, self.out):
            return "file", target
        return "missing", None

    def reload_tag(self, version: int) -> bytes:
        return (f'<script src="{RELOAD_SCRIPT_URL}" data-version="{version}" '
                f'data-server="{self.server_id}"></script>').encode("ascii")

    def inject(self, html: bytes, version: int) -> bytes:
        """Add the reload script before the last </body> (or at the end)."""
        tag = self.reload_tag(version)
        at = html.lower().rfind(b"</body>")
        return html[:at] + tag + html[at:] if at >= 0 else html + tag


def _under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _ignored_name(name: str) -> bool:
    """Hidden files (.ingest.json, .git, editor locks), swap and backup files, ingest sidecars."""
    return (name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
            or name in _IGNORED_NAMES or name.lower().endswith(_IGNORED_SUFFIXES))


def _with_base(html: bytes) -> bytes:
    """Add <base href="/"> after <head>, unless the page has a <base> already."""
    lower = html.lower()
    if b"<base " in lower:
        return html
    at = lower.find(b"<head>")
    if at < 0:
        return html
    at += len(b"<head>")
    return html[:at] + b'<base href="/">' + html[at:]


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    app: DevServer

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the browser went away mid-response: not worth a traceback
        super().handle_error(request, client_address)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
          ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
          ".svg": "image/svg+xml", ".woff2": "font/woff2", ".webmanifest": "application/manifest+json",
          ".wasm": "application/wasm"}


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "sitegen-serve"

    def do_GET(self) -> None:  # noqa: N802
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        app = self.server.app
        path = unquote(urlsplit(self.path).path) or "/"
        if path.startswith(INTERNAL_PREFIX):
            self._internal(app, path, head)
            return
        version = app.status()["version"]  # read before the file: the page is at least this new
        kind, found = app.locate(path)
        data = self._read(found) if kind == "file" else None
        if kind != "redirect" and data is None and app.status()["building"]:
            app.wait_idle(10)  # the site folder is being swapped: look again once it is in place
            version = app.status()["version"]
            kind, found = app.locate(path)
            data = self._read(found) if kind == "file" else None
        if kind == "redirect":
            self._send(302, b"", "text/plain", head, extra={"Location": str(found)})
        elif data is not None:
            ctype = _content_type(found)
            if ctype.startswith("text/html"):
                data = app.inject(data, version)
            self._send(200, data, ctype, head)
        else:
            self._not_found(app, version, head)

    @staticmethod
    def _read(path: Path | str | None) -> bytes | None:
        try:
            return Path(path).read_bytes() if path else None
        except OSError:
            return None

    def _not_found(self, app: DevServer, version: int, head: bool) -> None:
        if not (app.out / "index.html").is_file():
            page, code = _PLACEHOLDER_PAGE.encode("utf-8"), 503
        else:
            page = self._read(app.out / "404.html") or _NOT_FOUND_PAGE.encode("utf-8")
            page = _with_base(page)  # its relative links must resolve from the site root, at any depth
            code = 404
        self._send(code, app.inject(page, version), "text/html; charset=utf-8", head)

    def _internal(self, app: DevServer, path: str, head: bool) -> None:
        if path == RELOAD_SCRIPT_URL:
            self._send(200, RELOAD_JS.encode("utf-8"), "text/javascript; charset=utf-8", head)
        elif path == STATUS_URL:
            body = json.dumps(app.status(), ensure_ascii=False).encode("utf-8")
            self._send(200, body, "application/json; charset=utf-8", head)
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", head)

    def _send(self, code: int, body: bytes, ctype: str, head: bool, extra: dict[str, str] | None = None) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except (ConnectionError, TimeoutError):
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        app = self.server.app
        if app.verbose and not self.path.startswith(INTERNAL_PREFIX):
            app.log(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}".rstrip())


def _find_obj_flag(ctx: click.Context, name: str) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, name, False))


def _set_flag(name: str):
    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value and ctx.find_root().obj is not None:
            setattr(ctx.find_root().obj, name, True)
    return callback


@click.command()
@click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_set_flag("quiet"),
              help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_set_flag("verbose"),
              help="Print every request and more detail.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
@click.option("-b", "--bind", "bind", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to let other machines on the network see the site).")
@click.option("--seeds", "seeds_dir", default="seeds", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of raw articles.")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of entries.")
@click.option("--out", "out_dir", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder the site is written to.")
@click.option("--no-ingest", is_flag=True, help="Render content/ only; do not look at seeds.")
@click.option("--no-search", is_flag=True, help="Skip the full-text search index (faster rebuilds).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the web browser.")
@click.pass_context
def serve(ctx: click.Context, port: int, bind: str, seeds_dir: Path, content_dir: Path, out_dir: Path,
          no_ingest: bool, no_search: bool, open_browser: bool) -> None:
    """Build the site, serve it, and rebuild and reload open pages when a file changes.

    Watches content/, seeds/, templates/ and sitegen.yaml. A change with errors is reported
    here and in a banner in the browser, and the last good site keeps being served.
    Press Ctrl-C to stop.
    """
    quiet = _find_obj_flag(ctx, "quiet")
    verbose = _find_obj_flag(ctx, "verbose")
    root = Path.cwd()
    if not (root / content_dir).is_dir():
        raise SitegenError(f"no content folder '{content_dir}': run sitegen in a briefing folder, "
                           "or `sitegen init FOLDER` to start one")

    def log(message: str) -> None:
        if not quiet:
            click.echo(message)

    dev = DevServer(root, content_dir, seeds_dir, out_dir, bind=bind, port=port, ingest=not no_ingest,
                    search=not no_search, log=log, verbose=verbose)
    previous = None
    if threading.current_thread() is threading.main_thread():
        # `kill` (and test harnesses) stop the server as cleanly as Ctrl-C does.
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        dev.bind()
        dev.build()
        dev.watch()
        dev.wait_watching()
        # Always printed, even with -q: it is the one thing the editor needs.
        click.echo(f"Serving {dev._rel(dev.out)}/ at {dev.url}"
                   + (f" (listening on {bind})" if bind in ("0.0.0.0", "::", "") else "")
                   + " - press Ctrl-C to stop")
        if open_browser:
            import webbrowser
            webbrowser.open(dev.url)
        dev.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        dev.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    log("stopped")


def _raise_interrupt(_signum, _frame) -> None:  # noqa: ANN001
    raise KeyboardInterrupt
