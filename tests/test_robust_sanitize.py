"""sitegen.sanitize.sanitize_html: the safe HTML subset for hand-written entries (`allow_html: true`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>",
    "<a href=\" &#14; javascript:alert(1)\">x</a>",
    "<a href=\"java\tscript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"https://evil.example/\"><input name=q><button formaction=javascript:alert(1)>x</button></form>",
    "<p onclick=\"alert(1)\" onmouseover=\"alert(1)\">x</p>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>@import 'https://evil.example/x.css'; body{display:none}</style>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<template><img src=x onerror=alert(1)></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<details open ontoggle=alert(1)>x</details>",
    "<p id=\"__proto__\" name=\"cookie\" class=\"x\">clobber</p>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<img src=x onerror=alert(1)//",
    "<<script>script>alert(1)<</script>/script>",
    "<textarea><script>alert(1)</script></textarea>",
    "<a href=\"https://example.org/\" target=\"_blank\">x</a>",
]

EXEC = re.compile(r"<\s*(script|iframe|object|embed|style|base|meta|link|form|svg|math|template)\b"
                  r"|\son[a-z]+\s*=|javascript:|vbscript:|data:|\sstyle\s*=|\sid\s*=|\sclass\s*=", re.I)


@pytest.mark.parametrize("html", ATTACKS)
def test_attack_is_neutralised(html: str):
    out = sanitize_html(html)
    assert not EXEC.search(out), out
    assert _dangers(out) == [], out


def test_safe_subset_is_kept():
    html = ('<h2>Heading</h2><p>A <strong>bold</strong>, <em>em</em>, <code>code</code>, <abbr title="North '
            'Atlantic Treaty Organization">NATO</abbr>.</p><ul><li>one</li></ul><blockquote cite="https://e.org/">'
            'q</blockquote><table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td>'
            '</tr></tbody></table><p lang="sr" dir="ltr">Vučić</p><p dir="rtl">עברית</p>')
    assert sanitize_html(html) == html


def test_links_get_rel_noopener_noreferrer():
    assert sanitize_html('<a href="https://example.org/x">x</a>') == \
        '<a href="https://example.org/x" rel="noopener noreferrer">x</a>'
    assert sanitize_html('<a href="../actors/serbia/index.html">S</a>') == \
        '<a href="../actors/serbia/index.html" rel="noopener noreferrer">S</a>'
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="mailto:desk@example.org">m</a>')


def test_text_and_entities_survive():
    assert sanitize_html("Serbia &amp; Hungary: 79 &lt; 80 — “quoted”") == "Serbia &amp; Hungary: 79 &lt; 80 — “quoted”"


def test_script_content_is_dropped_not_shown():
    assert sanitize_html("<script>alert(1)</script>after") == "after"
    assert sanitize_html("<style>p{}</style>after") == "after"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATTACKS + ["<p>", "</p>", "<a href=", "\"", "'", ">", "<", "text", "=",
                                           " onload", "javascript", ":", "<img", "<svg", "&#", "x"]),
                max_size=12))
def test_any_mix_of_fragments_is_safe_and_stable(parts):
    out = sanitize_html("".join(parts))
    assert _dangers(out) == [], out
    assert sanitize_html(out) == out  # idempotent: sanitising twice changes nothing


def _dangers(html: str) -> list[str]:
    """What a browser would treat as active in `html`: parsed as HTML, not matched as text."""
    from html.parser import HTMLParser

    found: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ALLOWED_TAGS:
                pass
            else:
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name not in ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | {"rel"}:
                    found.append(f"<{tag} {name}>")
                if name in ("href", "src", "cite") and value and \
                        re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "vbscript:", "data:")):
                    found.append(f"<{tag} {name}={value}>")

        handle_startendtag = handle_starttag

    P(convert_charrefs=True).feed(html)
    return found
