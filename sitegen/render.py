"""Render pages with Jinja: autoescape on, the briefing's templates/ over the built-in theme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.dates import PartialDate
from sitegen.errors import SitegenError
from sitegen.pages import Page, url_of
from sitegen.text import markdown_html
from sitegen.theme import theme_dirs


def make_environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme_dirs(root)]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human_date"] = _human_date
    env.filters["markdown"] = lambda text: Markup(markdown_html(text or ""))
    env.globals["url_of"] = url_of
    return env


def _human_date(value: PartialDate | None, empty: str = "date unknown") -> str:
    return value.human() if value else empty


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    try:
        template = env.get_template(page.template)
        html = template.render(page.context, root=page.root, page_path=page.path)
    except jinja2.TemplateSyntaxError as exc:
        raise SitegenError(f"template error: {exc.message}", path=exc.filename or exc.name, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise SitegenError(f"template not found: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise SitegenError(f"template {page.template} while rendering {page.path}: {exc.message}") from None
    return html.encode("utf-8")


def static_files(root: Path) -> dict[str, bytes]:
    """Files under static/ of the theme search path; the briefing's own files win."""
    files: dict[str, bytes] = {}
    for theme in reversed(theme_dirs(root)):
        static = theme / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files["static/" + path.relative_to(static).as_posix()] = path.read_bytes()
    return files


def render_all(root: Path, pages: list[Page]) -> dict[str, bytes]:
    env = make_environment(root)
    out: dict[str, Any] = {page.path: render_page(env, page) for page in pages}
    out.update(static_files(root))
    return out
