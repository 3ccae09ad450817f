"""The quick paths of loading and rendering give exactly what the plain ones give."""

from __future__ import annotations

import os
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


def test_quick_calls_behave_as_jinja_calls(tmp_path: Path) -> None:
    env = make_environment(tmp_path)

    @jinja2.pass_context
    def from_context(context, name):
        return context[name]

    @jinja2.pass_environment
    def from_environment(environment):
        return type(environment).__name__

    class Counter:
        def next(self):
            raise StopIteration

    template = env.from_string(
        "{% macro m(x) %}[{{ x }}]{% endmacro %}"
        "{% macro wrap() %}<{{ caller() }}>{% endmacro %}"
        "{{ m('<') }}{% for i in [1] %}{{ m(i) }}{% endfor %}"
        "{% call wrap() %}{{ '&' }}{% endcall %}"
        "{{ ctx('v') }}|{{ envname() }}|{{ d.get('k') }}|{{ '-'.join(['a', 'b']) }}|{{ f(2) }}"
    )
    out = template.render(ctx=from_context, envname=from_environment, v="<v>", d={"k": "<k>"},
                          f=lambda n: n * 2)
    assert out == "[&lt;][1]<&amp;>&lt;v&gt;|Environment|&lt;k&gt;|a-b|4"
    with pytest.raises(jinja2.UndefinedError):  # StopIteration still reads as undefined
        env.from_string("{{ c.next() }}").render(c=Counter())


def test_quick_macro_calls_behave_as_jinja_macro_calls(tmp_path: Path) -> None:
    # Macros called with positional arguments skip Jinja's argument handling; every other kind
    # of call (keywords, caller, varargs, kwargs, too many arguments) goes Jinja's way.
    source = (
        "{% macro d(x, empty='<none>') %}{{ x or empty }}{% endmacro %}"
        "{% macro two(a, b) %}{{ a }}+{{ b }}{% endmacro %}"
        "{% macro rest() %}{{ varargs|join(',') }};{{ kwargs|dictsort|join(',') }}{% endmacro %}"
        "{% macro named(caller=none) %}({{ caller() if caller else '-' }}){% endmacro %}"
        "{% macro wrap(x) %}<{{ caller(x) }}>{% endmacro %}"
        "{{ d('<a>') }}|{{ d('') }}|{{ d('', '&') }}|{{ d(empty='e', x='') }}|{{ two('<', b='>') }}|"
        "{{ rest(1, 2, k='<') }}|{% call(v) wrap('<w>') %}{{ v }}{% endcall %}|"
        "{% call named() %}c{% endcall %}|{{ named() }}|{% set m = d('<s>') %}{{ m }}|{{ d('<') ~ '<' }}"
    )
    expected = ("&lt;a&gt;|&lt;none&gt;|&amp;|e|&lt;+&gt;|1,2;(&#39;k&#39;, &#39;&lt;&#39;)|<&lt;w&gt;>|"
                "(c)|(-)|&lt;s&gt;|&lt;&lt;")
    assert jinja2.Environment(autoescape=True).from_string(source).render() == expected
    assert make_environment(tmp_path).from_string(source).render() == expected
    with pytest.raises(TypeError, match="takes not more than 1 argument"):
        make_environment(tmp_path).from_string("{% macro one(a) %}{% endmacro %}{{ one(1, 2) }}").render()


def test_loading_in_workers_equals_loading_in_one_process(briefing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of file, good and bad, loads to the same records and problems either way."""
    from sitegen import load

    content = briefing / "content"
    (content / "sources/bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (content / "sources/no-title.md").write_text("---\noutlet: X\n---\nText.\n", encoding="utf-8")
    (content / "actors/latin1.md").write_bytes("---\nname: Vu\xe8i\xe6\n---\n".encode("latin-1"))
    (content / "events/Bad Slug.md").write_text("---\ntitle: T\n---\n", encoding="utf-8")
    (content / "actors/serbia-copy.md").write_text("---\nslug: serbia\nname: Srbija\n---\n", encoding="utf-8")
    for i in range(30):
        (content / f"sources/s{i:02d}.md").write_text(
            f"---\ntitle: Source {i}\npublished: 2025-0{i % 9 + 1}-01\nactors: [serbia]\n"
            f"claims:\n  - text: Claim {i}\n    speaker: serbia\n---\nBody {i}.\n", encoding="utf-8")

    parse_in_workers = load._parse_in_workers
    parsed_in_workers: list[int] = []

    def counted(*args):
        parsed = parse_in_workers(*args)
        parsed_in_workers.append(len(parsed))
        return parsed

    monkeypatch.setattr(load, "_parse_in_workers", counted)

    def loaded(minimum: int) -> tuple[tuple, dict]:
        monkeypatch.setattr(load, "PARALLEL_LOAD_MIN", minimum)
        cache: dict = {}
        b, problems = load.load_briefing(briefing, content, cache=cache)
        return (b.sources, b.actors, b.events, b.index_meta, sorted(problems)), cache

    in_workers, worker_cache = loaded(1)
    in_one, one_cache = loaded(10**9)
    assert in_workers == in_one
    assert worker_cache == one_cache
    assert parsed_in_workers == [39, 0]  # every entry but _index.md in workers, then none
    assert len(worker_cache) == 40



def test_few_pages_rendered_by_workers_equal_pages_rendered_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a big briefing even a rebuild of two pages forks workers; what they write is what this
    process would write."""
    import shutil

    from sitegen import build as build_module
    from sitegen.build import build_site
    from sitegen.config import load_config

    repo = Path(__file__).resolve().parent.parent
    sites = {}
    forks: list[int] = []
    share_chunks = build_module.share_chunks
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743500000")  # both copies record their editions at one time

    for big in (False, True):
        root = tmp_path / f"big-{big}"
        root.mkdir()
        shutil.copytree(repo / "content", root / "content")
        shutil.copy(repo / "sitegen.yaml", root / "sitegen.yaml")
        monkeypatch.setattr(build_module, "BIG_BRIEFING", 1 if big else 10**9)
        build_site(root, root / "content", root / "site", load_config(root), search=False)
        actor = root / "content/actors/serbia.md"
        actor.write_text(actor.read_text(encoding="utf-8").replace("name: Serbia", "name: Republic of Serbia"),
                         encoding="utf-8")
        if big:
            def counted(n_chunks, run, helpers, meanwhile):  # counts the helpers the rebuild forks
                forks.append(helpers)
                return share_chunks(n_chunks, run, helpers, meanwhile)

            monkeypatch.setattr(build_module, "share_chunks", counted)
        result = build_site(root, root / "content", root / "site", load_config(root), search=False)
        assert 2 <= result.rendered < 400
        sites[big] = {p.relative_to(root / "site").as_posix(): p.read_bytes()
                      for p in sorted((root / "site").rglob("*")) if p.is_file()}
    assert len(forks) == 1 and forks[0] >= 1  # one rendering shared with helpers
    assert sites[True] == sites[False]


def test_link_tables_do_not_read_the_text_of_sources() -> None:
    """Pages showing the whole briefing are keyed by the inputs of the link tables, not by their
    rows (see fingerprint); those inputs leave out what sources say."""
    from sitegen.links import resolve
    from sitegen.load import load_briefing

    root = Path(__file__).resolve().parent.parent
    briefing, _ = load_briefing(root, root / "content")
    before = resolve(briefing)
    for source in briefing.sources.values():
        names = " ".join(a.name for a in briefing.actors.values())
        source.body = f"{names}\n\n{source.body[::-1]}"
    after = resolve(briefing)
    assert after == before  # every table (the name matcher aside, which is not a table)
    briefing.events[next(iter(briefing.events))].body += "\n" + names
    assert resolve(briefing).actor_backlinks != before.actor_backlinks


def test_link_tables_read_back_from_the_build_state_are_made_as_they_are_used() -> None:
    """A rebuild after one article's edit reads back a few of the tables, not all."""
    import pickle

    from sitegen.links import pack, resolve, unpack
    from sitegen.load import load_briefing

    root = Path(__file__).resolve().parent.parent
    briefing, _ = load_briefing(root, root / "content")
    links = resolve(briefing)
    back = unpack(pickle.loads(pickle.dumps(pack(links))))
    assert back.source_events == links.source_events
    assert "source_events" in vars(back) and "actor_claims" not in vars(back)
    assert back == links and not hasattr(back, "no_such_table")
    text = " ".join(a.name for a in briefing.actors.values())
    assert back.actor_names.scan(text) == links.actor_names.scan(text)


def test_a_call_in_a_child_process_gives_what_the_call_gives_here(tmp_path: Path) -> None:
    import os

    from sitegen.parallel import InChild
    from sitegen.output import site_signature

    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "a/b/index.html").write_text("x", encoding="utf-8")
    assert InChild(site_signature, tmp_path).result() == site_signature(tmp_path)
    parent = os.getpid()
    # A failure in the child is not lost: the call is made here, and raises here if it fails here.
    assert InChild(lambda: 1 / 0 if os.getpid() != parent else "made here").result() == "made here"
    with pytest.raises(ZeroDivisionError):
        InChild(lambda: 1 / 0).result()
    # One whose result is never asked for is reaped, even mid-write of a large result.
    child = InChild(lambda: "x" * 10_000_000)
    child.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(child._pid, os.WNOHANG)
    twice = InChild(site_signature, tmp_path)
    assert twice.result() == twice.result() == site_signature(tmp_path)


@pytest.mark.parametrize("helpers", [0, 1, 3])
def test_shared_chunks_are_each_run_once_by_some_process(helpers: int) -> None:
    import os

    from sitegen.parallel import share_chunks

    import threading
    import time

    threads = threading.active_count()
    parent = os.getpid()
    ran_here: list[str] = []
    results = dict(share_chunks(200, lambda k: time.sleep(0.001) or (k * k, os.getpid()), helpers,
                                lambda: ran_here.append("meanwhile")))
    assert sorted(results) == list(range(200))
    assert all(square == k * k for k, (square, _) in results.items())
    assert ran_here == ["meanwhile"]  # once, in this process
    makers = {pid for _, pid in results.values()}
    assert parent in makers  # this process takes a share too
    assert (len(makers) >= 2) == (helpers > 0) and len(makers) <= helpers + 1
    with pytest.raises(ChildProcessError):  # every helper was reaped
        os.waitpid(-1, os.WNOHANG)
    assert threading.active_count() == threads  # and the threads taking their results are gone


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parallel_map_runs_meanwhile_once_here_as_the_helpers_start(workers: int) -> None:
    import os
    import time

    from sitegen.parallel import parallel_map

    parent = os.getpid()
    log: list[tuple[str, int]] = []

    def meanwhile() -> None:
        log.append(("meanwhile", os.getpid()))
        time.sleep(0.05)  # helpers that started take chunks in the meantime

    def fn(i: int) -> tuple[int, int]:
        if os.getpid() == parent:
            log.append(("item", i))
        return i * 3, os.getpid()

    out = parallel_map(fn, 100, workers, meanwhile=meanwhile)
    assert [x for x, _ in out] == [i * 3 for i in range(100)]
    assert log[0] == ("meanwhile", parent) and [e for e in log if e[0] == "meanwhile"] == [log[0]]
    made_by = {pid for _, pid in out}
    assert (made_by == {parent}) == (workers == 1)  # helpers were at work meanwhile


def test_an_error_in_a_helper_is_raised_here_and_no_helper_is_left() -> None:
    import os
    import time

    from sitegen.errors import SitegenError
    from sitegen.parallel import share_chunks

    parent = os.getpid()

    def run(k: int) -> int:
        if os.getpid() != parent:
            raise SitegenError(f"template error in chunk {k}", path="templates/x.html", line=3)
        time.sleep(0.01)  # leaves the helper time to claim a chunk
        return k

    with pytest.raises(SitegenError, match="template error in chunk") as raised:
        list(share_chunks(50, run, 1))
    assert raised.value.path == "templates/x.html" and raised.value.line == 3
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)

    # A caller that stops early leaves no helper running either.
    slow = share_chunks(1000, lambda k: time.sleep(0.005) or k, 1)
    next(slow)
    slow.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_helper_that_dies_is_reported_as_an_error_not_a_hang() -> None:
    import os
    import time

    from sitegen.errors import SitegenError
    from sitegen.parallel import share_chunks

    parent = os.getpid()

    def run(k: int) -> int:
        if os.getpid() != parent:
            os._exit(9)  # as if killed, at its first chunk
        time.sleep(0.002)
        return k

    with pytest.raises(SitegenError, match="stopped before its work was done"):
        list(share_chunks(400, run, 1))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_previous_data_file_is_read_in_ranges_and_a_cut_file_is_an_error(tmp_path: Path) -> None:
    from sitegen.errors import SitegenError
    from sitegen.exports import PreviousFile

    data = bytes(range(256)) * 12_000  # 3 MB: several blocks
    path = tmp_path / "briefing.json"
    path.write_bytes(data)
    previous = PreviousFile(path, {})
    try:
        assert previous.size == len(data)
        assert previous.read(300, 310) == data[300:310]
        assert b"".join(previous.pieces(7, len(data) - 5)) == data[7:-5]
        assert max(len(p) for p in previous.pieces(0, len(data))) == PreviousFile.BLOCK
        with pytest.raises(SitegenError, match="changed during the build") as cut:
            list(previous.pieces(len(data) - 10, len(data) + 10))
        assert cut.value.path == str(path)
    finally:
        previous.close()


def test_an_interrupt_while_the_helpers_start_is_raised_as_it_came(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C as a thread that takes a helper's results starts: KeyboardInterrupt (the CLI's
    exit 130), not an error about a thread never started, and the helper is reaped."""
    import threading

    from sitegen.parallel import share_chunks

    def interrupted(self: threading.Thread) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(threading.Thread, "start", interrupted)
    with pytest.raises(KeyboardInterrupt):
        list(share_chunks(4, lambda k: k, 1))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_shared_chunks_are_all_done_here_when_no_helper_can_be_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from sitegen import parallel

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    parent = os.getpid()
    results = dict(parallel.share_chunks(50, lambda k: (k, os.getpid()), 2))
    assert sorted(results) == list(range(50)) and {pid for _, pid in results.values()} == {parent}
    assert parallel.parallel_map(lambda i: i * 2, 40, 3) == [i * 2 for i in range(40)]


def test_the_counts_read_as_the_mapping_themes_are_told_of() -> None:
    """docs/themes.md: site.counts is {sources, actors, events, disagreements}."""
    from types import SimpleNamespace

    from sitegen.pages import Counts

    events = {"e": SimpleNamespace(disagreements=[1, 2]), "f": SimpleNamespace(disagreements=[3])}
    counts = Counts(5, 4, 2, events)
    assert dict(counts) == {"sources": 5, "actors": 4, "events": 2, "disagreements": 3}
    assert counts.disagreements == counts["disagreements"] == 3 and "title" not in counts
    env = make_environment(Path("."))
    assert env.from_string("{{ c.events }} {{ c['actors'] }} {% for k, v in c.items() %}{{ k }}={{ v }};{% endfor %}"
                           ).render(c=counts) == "2 4 sources=5;actors=4;events=2;disagreements=3;"
