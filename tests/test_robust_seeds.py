"""The bad-input corpus for seeds: legacy encodings decoded correctly or refused with a clear
one-line message naming the file; empty, binary, huge and odd seeds never crash ingest.

Contract (sitegen/ingest/read.py): read_seed(path, rel) -> Seed, or SitegenError(message, path=rel).
Cases that fail today live in test_robust_pending.py.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.errors import SitegenError
from sitegen.ingest.read import read_seed

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SERBIAN = ("Predsednik Srbije Aleksandar Vučić rekao je da će Srbija i Mađarska potpisati plan. "
           "Đurić, Šešelj i Žarko su bili prisutni. Čačak, Niš, Požega, Šabac.")
CROATIAN = ("Hrvatski premijer Andrej Plenković izjavio je da će Hrvatska surađivati. Ministar Anušić, "
            "šef diplomacije Grlić Radman; žrtve, čovjek, đak, Šibenik, Žminj.")
HUNGARIAN = ("Orbán Viktor miniszterelnök szerint Magyarország és Szerbia őszinte barátok. Szijjártó Péter "
             "külügyminiszter kijelentette: az együttműködés erősödik. Ünnepélyes aláírás, űrkutatás, öröm.")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
@pytest.mark.parametrize("label,text", [("serbian", SERBIAN), ("croatian", CROATIAN), ("hungarian", HUNGARIAN)])
def test_legacy_encodings_decode_exactly(tmp_path: Path, label: str, text: str, encoding: str):
    path = tmp_path / f"{label}.txt"
    path.write_bytes(text.encode(encoding))
    seed = read_seed(path, f"seeds/{label}.txt")
    assert seed.text == text
    assert seed.encoding in ("cp1250", "iso-8859-2")


def test_utf8_bom_and_crlf_seed(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SERBIAN.replace(". ", ".\r\n").encode("utf-8"))
    seed = read_seed(path, "seeds/bom.txt")
    assert seed.text.startswith("Predsednik") and "\r" not in seed.text and "\ufeff" not in seed.text


@pytest.mark.parametrize("label,data,message", [
    ("empty", b"", "empty file"),
    ("whitespace", b" \n\n\t\n", "empty file"),
    ("binary-nul", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("binary-no-nul", bytes(range(1, 256)) * 64, "cannot decode"),
    ("broken-bom", b"\xef\xbb\xbf\xff\xfe not utf-8", "not valid UTF-8"),
])
def test_unusable_seed_is_refused_in_one_line(tmp_path: Path, label: str, data: bytes, message: str):
    path = tmp_path / f"{label}.txt"
    path.write_bytes(data)
    with pytest.raises(SitegenError) as exc:
        read_seed(path, f"seeds/{label}.txt")
    assert exc.value.path == f"seeds/{label}.txt"
    assert message in exc.value.message
    assert "\n" not in str(exc.value)


def test_twenty_megabyte_seed_reads_fast(tmp_path: Path):
    para = "Serbian President Aleksandar Vučić said the plan with Hungary has 79 activities. " * 10 + "\n\n"
    path = tmp_path / "big.txt"
    path.write_text(para * (20 * 1024 * 1024 // len(para.encode()) + 1), encoding="utf-8")
    start = time.perf_counter()
    seed = read_seed(path, "seeds/big.txt")
    assert time.perf_counter() - start < 5
    assert len(seed.text) > 19 * 1024 * 1024


# -- through `sitegen ingest` -----------------------------------------------------------------

def test_empty_and_binary_seeds_are_reported_and_the_rest_ingested(folder: Path):
    (folder / "seeds/empty.txt").write_bytes(b"")
    (folder / "seeds/binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "seeds/good.txt").write_text(
        "Serbia and Hungary sign a defence plan\n\nBy Jane Doe\n\n1 April 2025\n\n"
        "Serbian President Aleksandar Vučić said in Belgrade on 1 April 2025 that Serbia and Hungary "
        "signed a strategic defence partnership.\n", encoding="utf-8")
    result = invoke("ingest")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert "seeds/empty.txt: empty file: nothing to ingest" in lines
    assert any(l.startswith("seeds/binary.txt: binary file") for l in lines)
    assert list((folder / "content/sources").glob("*.md")), "the good seed was not ingested"


def test_single_line_article(folder: Path):
    line = ("Serbian President Aleksandar Vučić met Hungarian Prime Minister Viktor Orbán in Belgrade on "
            "23 May 2025 and said the two countries signed a defence cooperation plan.")
    (folder / "seeds/oneline.txt").write_text(line, encoding="utf-8")
    result = invoke("ingest")
    assert result.exit_code == 0, result.output
    sources = list((folder / "content/sources").glob("*.md"))
    assert len(sources) == 1
    assert line in frontmatter.parse(sources[0].read_text(encoding="utf-8")).body
    assert invoke("check").exit_code == 0


def _ingest_repo_seeds(folder: Path) -> None:
    for p in sorted(REPO_SEEDS.glob("*.txt")):
        shutil.copyfile(p, folder / "seeds" / p.name)
    result = invoke("ingest", "-q")
    assert result.exit_code == 0, result.output


def test_renamed_seed_makes_no_new_entry(folder: Path):
    _ingest_repo_seeds(folder)
    before = sorted(p.relative_to(folder).as_posix() for p in (folder / "content").rglob("*.md"))
    first = sorted((folder / "seeds").glob("*.txt"))[0]
    first.rename(folder / "seeds" / "renamed-article.txt")
    result = invoke("ingest")
    assert result.exit_code == 0 and "Traceback" not in result.output
    after = sorted(p.relative_to(folder).as_posix() for p in (folder / "content").rglob("*.md"))
    assert after == before, "renaming a seed created or removed entries"
    seeds = [frontmatter.parse(p.read_text(encoding="utf-8")).meta.get("seed")
             for p in (folder / "content/sources").glob("*.md")]
    assert "seeds/renamed-article.txt" in seeds
