from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import site_files, write
from linkcheck import broken_links

from sitegen import __version__
from sitegen.cli import main


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["ingest"], ["check"], ["serve"], ["new"], ["init"],
                                     ["approve"], ["merge"], ["rename"]])
def test_help_everywhere(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_usage_error_exits_2(briefing: Path):
    result = invoke("build", "--no-such-option")
    assert result.exit_code == 2


def test_check_ok(briefing: Path):
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert "1 sources, 2 actors, 1 events" in result.output


def test_check_reports_problem_with_path_and_line(briefing: Path):
    write(briefing / "content/events/x.md", "---\ntitle: X\nkind: meeting\nparticipants:\n  - foo\n---\n")
    result = invoke("check")
    assert result.exit_code == 1
    assert "content/events/x.md:5: participant 'foo' is not an actor" in result.output
    assert "Traceback" not in result.output


def test_check_strict_turns_warnings_into_errors(briefing: Path):
    write(briefing / "content/actors/loner.md", "---\nname: Loner\nkind: person\n---\n")
    assert invoke("check").exit_code == 0
    result = invoke("check", "--strict")
    assert result.exit_code == 1
    assert "content/actors/loner.md: no source or event mentions this actor" in result.output


def test_build_writes_linked_site(briefing: Path):
    result = invoke("build", "--no-search")
    assert result.exit_code == 0, result.output
    site = briefing / "site"
    files = site_files(site)
    for page in ("index.html", "404.html", "sources/index.html", "actors/index.html", "events/index.html",
                 "sources/defence-plan/index.html", "actors/aleksandar-vucic/index.html",
                 "events/2025-04-01-defence-plan-signed/index.html"):
        assert page in files
    assert broken_links(site) == []
    html = (site / "actors/aleksandar-vucic/index.html").read_text()
    assert "Aleksandar Vučić" in html and "President of Serbia" in html
    assert "../../events/2025-04-01-defence-plan-signed/index.html" in html


def test_build_is_deterministic(briefing: Path):
    assert invoke("build", "--no-search", "--out", "one").exit_code == 0
    assert invoke("build", "--no-search", "--out", "two").exit_code == 0
    one, two = briefing / "one", briefing / "two"
    assert site_files(one) == site_files(two)
    for rel in site_files(one):
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


def test_failed_build_keeps_previous_site(briefing: Path):
    assert invoke("build", "--no-search").exit_code == 0
    before = {rel: (briefing / "site" / rel).read_bytes() for rel in site_files(briefing / "site")}
    write(briefing / "content/actors/broken.md", "---\nname: [unclosed\n---\n")
    result = invoke("build", "--no-search")
    assert result.exit_code == 1
    assert "content/actors/broken.md:2: invalid YAML" in result.output
    after = {rel: (briefing / "site" / rel).read_bytes() for rel in site_files(briefing / "site")}
    assert after == before
    assert not [p for p in briefing.iterdir() if p.name.startswith(".site-")]


def test_build_outside_a_briefing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "--no-search")
    assert result.exit_code == 1
    assert "no content folder" in result.output
    assert "Traceback" not in result.output


def test_bad_config_is_one_line(briefing: Path):
    (briefing / "sitegen.yaml").write_text("title: [oops\n")
    result = invoke("build", "--no-search")
    assert result.exit_code == 1
    assert result.output.startswith("error: sitegen.yaml:")
    assert len(result.output.strip().splitlines()) == 1


def test_article_text_is_escaped(briefing: Path):
    write(briefing / "content/sources/hostile.md", """
        ---
        title: <img src=x onerror=alert(1)>
        actors: [serbia]
        ---
        <script>alert("x")</script> Serbian {{ config }} text.
        """)
    assert invoke("build", "--no-search").exit_code == 0
    html = (briefing / "site/sources/hostile/index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "{{ config }}" in html


def test_allow_html_opt_in_is_sanitised_and_never_reaches_article_text(briefing: Path):
    actor = briefing / "content/actors/serbia.md"
    actor.write_text(actor.read_text() + '\n<abbr title="Republic of Serbia">RS</abbr> <script>alert(1)</script>'
                     '<a href="javascript:alert(2)" onclick="x()">x</a>\n')
    source = briefing / "content/sources/defence-plan.md"
    source.write_text(source.read_text() + "\n<abbr>kept as text</abbr>\n")
    assert invoke("build", "--no-search").exit_code == 0
    page = (briefing / "site/actors/serbia/index.html").read_text()
    assert "&lt;abbr" in page and "<abbr title" not in page  # off by default: shown as text
    (briefing / "sitegen.yaml").write_text((briefing / "sitegen.yaml").read_text() + "allow_html: true\n")
    assert invoke("build", "--no-search").exit_code == 0
    page = (briefing / "site/actors/serbia/index.html").read_text()
    assert '<abbr title="Republic of Serbia">RS</abbr>' in page
    # No live markup survives (escaped text in the meta description is harmless).
    assert "<script>alert" not in page and 'href="javascript:' not in page and ' onclick="' not in page
    article = (briefing / "site/sources/defence-plan/index.html").read_text()
    assert "&lt;abbr&gt;kept as text&lt;/abbr&gt;" in article


def test_the_program_flushes_its_output_and_keeps_its_exit_codes(briefing: Path):
    """`python -m sitegen` ends without tearing down what a build loaded: what it printed into
    a pipe still arrives, and every exit code is the command's own."""
    import subprocess
    import sys

    def program(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=briefing, capture_output=True,
                              text=True, timeout=120)

    built = program("build", "--no-ingest", "--no-search")
    assert built.returncode == 0 and built.stdout.startswith("built ") and built.stdout.endswith(" changed (edition 1)\n")
    assert (briefing / "site/index.html").is_file()
    version = program("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    assert program("build", "--no-such-option").returncode == 2
    write(briefing / "content/events/x.md", "---\ntitle: X\nkind: nosuchkind\n---\n")
    failed = program("build", "--no-ingest", "--no-search")
    assert failed.returncode == 1 and "content/events/x.md" in failed.stderr
