"""A safe HTML subset for hand-written entries that opt into HTML (`allow_html: true`).

Only the bodies of actors, events and _index.md may use it; source bodies are article text
from the web and are never rendered as HTML. The sanitising is done by nh3 (the Python binding
of the maintained `ammonia` sanitizer, built on html5ever), with a conservative allow-list:

- formatting, lists, tables, quotes, code, headings, links, images; nothing that runs or embeds
  (no script, style, iframe, object, embed, svg, math, form, template, base, meta, link);
- no event handlers (on*), no style, class or id attributes (no CSS tricks, no DOM clobbering);
- URLs only http:, https:, mailto: or relative; never javascript:, data:, vbscript:, file:;
- every link gets rel="noopener noreferrer".
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
}

# Dropped together with everything inside them (their text is code or markup, not prose).
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext",
})

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the safe subset above. Pure: same input, same output."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
