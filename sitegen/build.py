"""Build: load entries -> validate -> resolve links -> pages -> render -> write into a temporary
folder -> index it for search -> swap it in. A failure at any step leaves the previous site intact."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.check import check_links
from sitegen.config import SiteConfig, load_config
from sitegen.errors import ContentErrors, Problem, SitegenError
from sitegen.exports import data_files
from sitegen.links import resolve
from sitegen.load import load_briefing
from sitegen.output import check_output_folder, write_site
from sitegen.pages import build_pages
from sitegen.render import render_all

PAGEFIND_TIMEOUT = 600  # seconds


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    search: bool = False


def build_site(root: Path, content: Path, out: Path, config: SiteConfig | None = None,
               search: bool = True) -> BuildResult:
    """Build the site from content/ into `out`. Raises ContentErrors (nothing written) on any
    content error, SitegenError (previous site kept) if writing or indexing fails."""
    config = config or load_config(root)
    check_output_folder(out, root, [content, root / "seeds", root / "templates", root / "sitegen.yaml"])
    briefing, problems = load_briefing(root, content)
    problems += check_links(briefing)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentErrors(sorted(errors))
    links = resolve(briefing)
    pages = build_pages(briefing, links, config, search=search)
    files = render_all(root, pages, allow_html=config.allow_html)
    files.update(data_files(briefing, links, config))
    publish(out, files, index=run_pagefind if search else None)
    return BuildResult(pages=len(pages), files=len(files), problems=problems, search=search)


def publish(out: Path, files: dict[str, bytes], index=None) -> None:
    """Write `files` into a new folder beside `out`, let `index` add to it, then swap it in."""
    write_site(out, files, before_swap=index)


def pagefind_command(site: Path) -> list[str]:
    """Pagefind from the pagefind[bin] package of this interpreter; SITEGEN_PAGEFIND overrides."""
    override = os.environ.get("SITEGEN_PAGEFIND")
    base = override.split() if override else [sys.executable, "-m", "pagefind"]
    return [*base, "--site", str(site), "--keep-index-url", "--silent"]


def run_pagefind(site: Path) -> None:
    """Index the (not yet published) site into site/pagefind/; one-line error on failure."""
    try:
        proc = subprocess.run(pagefind_command(site), capture_output=True, text=True,
                              timeout=PAGEFIND_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise SitegenError(f"search index failed: cannot run pagefind ({exc.strerror or exc}); "
                           "install pagefind[bin] or build with --no-search") from None
    except subprocess.TimeoutExpired:
        raise SitegenError(f"search index failed: pagefind took longer than {PAGEFIND_TIMEOUT} s") from None
    if proc.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        lines = [ln.strip() for ln in (proc.stderr + "\n" + proc.stdout).splitlines() if ln.strip()]
        reason = lines[-1] if lines else f"exit code {proc.returncode}"
        raise SitegenError(f"search index failed: {reason[:300]}; the previous site was kept "
                           "(build with --no-search to skip the index)")
