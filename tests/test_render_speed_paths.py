"""The quick paths of rendering give exactly what the plain ones give."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from sitegen.render import _escape_output, make_environment

values = st.one_of(
    st.text(),
    st.text().map(Markup),
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
    st.booleans(),
)


@given(values)
def test_output_escaping_equals_markupsafe(value) -> None:
    assert _escape_output(value) == str(markupsafe.escape(value))


def test_templates_escape_text_once_and_keep_markup(tmp_path: Path) -> None:
    env = make_environment(tmp_path)
    template = env.from_string(
        "{% macro link(t) %}<a title=\"{{ t }}\">{{ t }}</a>{% endmacro %}"
        "{{ text }}|{{ link(text) }}|{{ safe }}|{% set block %}<i>{{ text }}</i>{% endset %}{{ block }}|{{ n }}"
    )
    out = template.render(text='<b> & "x"', safe=Markup("<em>ok</em>"), n=3)
    assert out == ('&lt;b&gt; &amp; &#34;x&#34;|<a title="&lt;b&gt; &amp; &#34;x&#34;">&lt;b&gt; &amp; &#34;x&#34;</a>'
                   '|<em>ok</em>|<i>&lt;b&gt; &amp; &#34;x&#34;</i>|3')


def test_undefined_values_still_fail_loudly(tmp_path: Path) -> None:
    env = make_environment(tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
