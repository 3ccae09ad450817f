"""Render pages with Jinja: autoescape on, the briefing's templates/ over the built-in theme."""

from __future__ import annotations

import hashlib
import json
import posixpath
import types
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
import jinja2.utils
import markupsafe
from markupsafe import Markup

from sitegen.dates import PartialDate
from sitegen.errors import SitegenError
from sitegen.pages import Page, url_of
from sitegen.text import markdown_html
from sitegen.theme import theme_dirs


# markupsafe's C escaping routine, when this markupsafe has one under that name.
_escape_text = getattr(markupsafe, "_escape_inner", None)


def _escape_output(value: Any) -> str:
    """What a template's `{{ }}` writes: `value` escaped, or its own HTML if it is Markup.

    Jinja joins these outputs into a string at once, so they need not be Markup objects; making
    one per output was a third of rendering time. Same text as markupsafe.escape."""
    if type(value) is str:
        return _escape_text(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape_text(str(value))


class _Template(jinja2.Template):
    """A template whose `{{ }}` outputs go through `_escape_output`.

    Jinja's compiled code calls `escape` only to wrap an output, whose result is yielded or
    buffered and joined (a buffer becomes Markup as a whole), so a plain string is enough."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):  # noqa: A002 (Jinja's signature)
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escape_output
        return template


_MISSING = jinja2.utils.missing
_PLAIN_CALLABLES = (types.BuiltinFunctionType, types.MethodType, types.FunctionType)


class _Context(jinja2.runtime.Context):
    """A context that calls macros and plain methods straight away.

    Jinja's `Context.call` looks for `pass_context` & co. on every call a template makes; a
    macro always takes the evaluation context, and a function, method or builtin without the
    marker takes nothing, so those skip the search. A macro given its arguments by position is
    called without Jinja's argument matching. Anything else goes the general way."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own naming, kept for kwargs)
        kind = type(__obj)
        if kind is jinja2.runtime.Macro:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            missing = __obj._argument_count - len(args)
            if not kwargs and missing >= 0 and not (__obj.caller or __obj.explicit_caller or __obj.catch_kwargs
                                                    or __obj.catch_varargs or __obj._environment.is_async):
                # What Macro.__call__ comes to for arguments given by position (those left out
                # take their defaults): an actor page calls macros thousands of times.
                html = __obj._func(*args, *(_MISSING,) * missing)
                return Markup(html) if __self.eval_ctx.autoescape else html
            return __obj(__self.eval_ctx, *args, **kwargs)
        if kind in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


# What shapes a compiled template, besides its source and Jinja itself.
_AUTOESCAPE = ("html", "xml", "svg")
_ENV_SETTINGS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


def make_environment(root: Path, assets: dict[str, str] | None = None,
                     allow_html: bool = False, compiled: Path | None = None) -> jinja2.Environment:
    """`allow_html` lets hand-written Markdown bodies (actors, events, the front page) carry a
    sanitised HTML subset; the `markdown` filter is never applied to article text. `compiled` is
    a folder where compiled templates are kept between builds."""
    env = jinja2.Environment(
        bytecode_cache=compiled_templates(compiled) if compiled else None,
        loader=jinja2.FileSystemLoader([str(d) for d in theme_dirs(root)]),
        autoescape=jinja2.select_autoescape(_AUTOESCAPE, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        **_ENV_SETTINGS,
    )
    if _escape_text is not None:
        env.template_class = _Template
    env.context_class = _Context
    assets = assets or {}
    env.filters["human_date"] = _human_date
    env.filters["iso_date"] = lambda d: d.iso() if d else ""
    env.filters["atom_date"] = _atom_date
    env.filters["markdown"] = lambda text: Markup(markdown_html(text or "", allow_html))
    env.filters["jsonld"] = jsonld
    env.filters["external_url"] = external_url
    env.filters["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    env.globals["url_of"] = url_of

    def asset(name: str) -> str:
        try:
            return assets[name]
        except KeyError:
            raise SitegenError(f"template asks for static file '{name}', which no theme has") from None

    env.globals["asset"] = asset
    return env


def compiled_templates(folder: Path) -> jinja2.BytecodeCache | None:
    """A cache of compiled templates: compiling the theme costs a rebuild of one page more than
    rendering it. Jinja checks each entry against its template's source; the code that compiled
    it (Jinja's version, these environment settings) is in the file names, and entries from any
    other are removed."""
    tag = hashlib.blake2b(f"{jinja2.__version__}\0{_AUTOESCAPE}\0{_ENV_SETTINGS}".encode(), digest_size=8).hexdigest()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if not stale.name.startswith(tag):
                stale.unlink()
    except OSError:
        return None  # only a missed speed-up
    return jinja2.FileSystemBytecodeCache(str(folder), f"{tag}-%s.cache")


def _human_date(value: PartialDate | None, empty: str = "date unknown") -> str:
    return value.human() if value else empty


def _atom_date(value: PartialDate | None) -> str:
    """RFC 3339 timestamps need a day; a partial date is stamped at the start of its period."""
    if not value:
        return "1970-01-01T00:00:00Z"
    return f"{value.year:04d}-{value.month or 1:02d}-{value.day or 1:02d}T00:00:00Z"


def external_url(url: str) -> str:
    """Only http(s) addresses become links; anything else (javascript:, data:, ...) is dropped."""
    url = (url or "").strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") and "//" in url[:10] else ""


def jsonld(data: Any) -> Markup:
    """Serialise for a <script type="application/ld+json"> block; `<`, `>` and `&` are escaped so
    no text from an article can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def render_page(env: jinja2.Environment, page: Page, templates: dict[str, jinja2.Template] | None = None) -> bytes:
    try:
        if templates is not None:
            template = templates.get(page.template)
            if template is None:
                template = templates[page.template] = env.get_template(page.template)
        else:
            template = env.get_template(page.template)
        html = template.render(page.make_context(), root=page.root, page_path=page.path)
    except jinja2.TemplateSyntaxError as exc:
        raise SitegenError(f"template error: {exc.message}", path=exc.filename or exc.name, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise SitegenError(f"template not found: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise SitegenError(f"template {page.template} while rendering {page.path}: {exc.message}") from None
    return html.encode("utf-8")


def static_files(root: Path) -> dict[str, bytes]:
    """Files under static/ of the theme search path, by name; the briefing's own files win."""
    files: dict[str, bytes] = {}
    for theme in reversed(theme_dirs(root)):
        static = theme / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    files[path.relative_to(static).as_posix()] = path.read_bytes()
    return files


def hashed_assets(files: dict[str, bytes]) -> tuple[dict[str, str], dict[str, bytes]]:
    """Name each static file after its content (site.css -> static/site.3f2a9c1b.css) so browsers
    can cache it forever; return the name mapping for templates and the files to write."""
    names: dict[str, str] = {}
    out: dict[str, bytes] = {}
    for name in sorted(files):
        data = files[name]
        digest = hashlib.sha256(data).hexdigest()[:10]
        base, ext = posixpath.splitext(name)
        hashed = f"static/{base}.{digest}{ext}"
        names[name] = hashed
        out[hashed] = data
    return names, out
