"""The bare Python loop the performance issue takes as Python's floor, run over finished entries.

    python bench/floor.py CONTENT OUT [--processes P]

For every entry file under CONTENT/{sources,actors,events}: read it, split off the front matter,
load it with PyYAML's C loader, render the body with markdown-it-py, put both through a trivial
Jinja template, and write OUT/<kind>/<slug>/index.html. No links, no lists, no cross-references:
what any static-site generator in Python must do at the least, one page per entry. With
--processes P the files are split between P forked processes (where the system can fork).

bench/run.py times it beside Hugo and sitegen, so that each run shows how far Python's floor on
this machine is from Hugo, and how far sitegen's cold build is from that floor.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

KINDS = ("sources", "actors", "events")
TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ meta.title or meta.name }}</title></head>
<body><main><h1>{{ meta.title or meta.name }}</h1>
{{ body }}
</main></body></html>
"""


def entry_files(content: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every entry, in a fixed order."""
    return [(kind, path) for kind in KINDS if (content / kind).is_dir()
            for path in sorted((content / kind).glob("*.md"))]


def render_all(files: list[tuple[str, Path]], out: Path) -> int:
    """The loop itself; the number of pages written."""
    md = MarkdownIt("commonmark")
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    for kind, path in files:
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader) or {}
        html = template.render(meta=meta, body=Markup(md.render(body)))
        folder = out / kind / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    files = entry_files(args.content)
    if not files:
        print(f"{args.content}: no entries", file=sys.stderr)
        return 1
    processes = max(1, args.processes) if hasattr(os, "fork") else 1
    children = []
    for k in range(1, processes):
        pid = os.fork()
        if pid == 0:  # a helper: its share, then out without running the parent's cleanup
            try:
                render_all(files[k::processes], args.out)
                os._exit(0)
            except BaseException:
                os._exit(1)
        children.append(pid)
    render_all(files[0::processes], args.out)
    failed = sum(os.waitpid(pid, 0)[1] != 0 for pid in children)
    if failed:
        print(f"{failed} helper process(es) failed", file=sys.stderr)
        return 1
    print(f"{len(files)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
