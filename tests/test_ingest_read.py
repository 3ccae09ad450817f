import pathlib

import pytest

from sitegen.errors import SitegenError
from sitegen.ingest.read import SEED_SUFFIXES, read_seed

TEXT = ("Vučić i Đurić su rekli da će Gašić doći u Beograd. Žena je čekala.\n"
        "Szalay-Bobrovniczky Kristóf honvédelmi miniszter és Orbán Viktor őszintén beszélt.\n")


def _write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
def test_legacy_central_european_encodings_decode(tmp_path, encoding):
    raw = TEXT.replace("\n", "\r\n").encode(encoding)
    seed = read_seed(_write(tmp_path, "a.txt", raw), "seeds/a.txt")
    assert seed.text == TEXT  # CRLF normalised, letters intact
    assert seed.encoding in ("cp1250", "iso-8859-2")
    import hashlib
    assert seed.sha256 == hashlib.sha256(raw).hexdigest()


def test_utf8_with_and_without_bom(tmp_path):
    a = read_seed(_write(tmp_path, "a.txt", TEXT.encode("utf-8")), "a.txt")
    b = read_seed(_write(tmp_path, "b.md", b"\xef\xbb\xbf" + TEXT.encode("utf-8")), "b.md")
    assert a.text == b.text == TEXT
    assert a.sha256 != b.sha256


def test_binary_empty_and_unsupported_fail_with_one_line_naming_the_file(tmp_path):
    for name, data, word in [("bin.txt", b"abc\x00\x01def", "binary"), ("empty.txt", b"  \n", "empty"),
                             ("x.pdf", b"%PDF", "unsupported")]:
        with pytest.raises(SitegenError) as err:
            read_seed(_write(tmp_path, name, data), f"seeds/{name}")
        assert err.value.path == f"seeds/{name}"
        assert word in err.value.message
        assert "\n" not in str(err.value)


def test_html_goes_through_article_extraction(tmp_path):
    html = ("<html><head><title>Serbia signs deal</title></head><body><nav>Home | News</nav><article>"
            "<h1>Serbia signs defence deal with Hungary</h1>"
            + "".join(f"<p>Paragraph {i}: Serbia and Hungary signed a defence cooperation plan in Belgrade, "
                      f"officials said on Tuesday, adding that cooperation would grow.</p>" for i in range(6))
            + "</article><footer>Comments (3)</footer></body></html>")
    seed = read_seed(_write(tmp_path, "page.html", html.encode("utf-8")), "page.html")
    assert "Serbia and Hungary signed a defence cooperation plan" in seed.text
    assert ".html" in SEED_SUFFIXES
