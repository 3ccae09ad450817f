"""Build: load entries -> validate -> resolve links -> render pages -> write the site atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitegen.check import check_links
from sitegen.config import SiteConfig, load_config
from sitegen.errors import ContentErrors, Problem
from sitegen.links import resolve
from sitegen.load import load_briefing
from sitegen.output import write_site
from sitegen.pages import build_pages
from sitegen.render import render_all


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)


def build_site(root: Path, content: Path, out: Path, config: SiteConfig | None = None,
               search: bool = True) -> BuildResult:
    """Build the site from content/ into `out`. Raises ContentErrors (nothing written) on any error."""
    config = config or load_config(root)
    briefing, problems = load_briefing(root, content)
    problems += check_links(briefing)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentErrors(sorted(errors))
    links = resolve(briefing)
    pages = build_pages(briefing, links, config)
    files = render_all(root, pages)
    write_site(out, files)
    return BuildResult(pages=len(pages), files=len(files), problems=problems)
