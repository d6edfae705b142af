"""Tests for ``helpers.intake``: saved pages and addresses into a corpus folder.

Pages are written here in the style of Indonesian news sites (``tests/data/pages/`` and
``news_page`` below; no real article text). Addresses are served by a local HTTP server on
127.0.0.1, never the internet. Concurrency and kills are tested with real processes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import intake
from helpers.corpus import CorpusError, load_corpus
from helpers.intake import add_sources, clean_lines, intake_panel, metadata_with_row, slugify

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
LOCK = intake.LOCK_NAME

PARAGRAPHS = [
    "Pemerintah Kabupaten Rawasari membuka posko pengungsian baru di gedung olahraga setelah "
    "tanah longsor menutup jalan utama menuju tiga desa di lereng bukit pada Selasa dini hari.",
    "Kepala Dinas Sosial Rawasari, Wulan Sari, mengatakan sedikitnya 640 warga kini tinggal di "
    "posko tersebut. \"Kami menambah dapur umum dan tenaga kesehatan sejak pagi,\" kata Wulan.",
    "Petugas gabungan masih membersihkan material longsor dengan dua alat berat. Jalan "
    "diperkirakan dapat dilalui kendaraan roda dua paling cepat dalam tiga hari ke depan.",
]


def news_page(title: str, paragraphs=PARAGRAPHS, *, site: str | None = "Kabar Uji",
              url: str | None = "https://www.kabaruji.test/daerah/longsor-rawasari",
              published: str | None = "2024-10-24T10:00:00+07:00", extra: str = "") -> bytes:
    """A synthetic news page: nav, ads, share buttons, "Baca juga", caption, comments."""
    head = [f"<title>{title} - {site or 'Berita'}</title>"]
    head += [f'<meta property="og:site_name" content="{site}">'] if site else []
    head += [f'<link rel="canonical" href="{url}">'] if url else []
    head += ['<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
             f'"{published}"}}</script>'] if published else []
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    body += '<p><strong>Baca juga:</strong> <a href="/x">Jembatan Darurat Mulai Dibangun</a></p>'
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return textwrap.dedent(f"""\
        <!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{''.join(head)}</head><body>
        <nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a> <a href="/indeks">Indeks</a></nav>
        <div class="ads">ADVERTISEMENT</div>
        <article><h1>{title}</h1>
        <div class="share"><a href="#">Bagikan</a> <a href="#">WhatsApp</a></div>
        <figure><img src="a.jpg"><figcaption>Foto: Posko pengungsian (Dok/Kabar Uji)</figcaption>
        </figure><div class="content">{body}{extra}</div></article>
        <section class="comments"><h3>Komentar</h3><p>Semoga cepat pulih, tetap semangat.</p>
        </section><footer>Copyright 2024 Kabar Uji</footer></body></html>""").encode("utf-8")


def snapshot(folder: Path) -> dict:
    """Every file of the folder (the lock file aside) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != LOCK}


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def meta_rows(folder: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((folder / "metadata.csv").read_text("utf-8"))))


def load(folder: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder).set_index("file")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "korpus berita"  # a space, as analysts' folders have
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def server():
    """A local HTTP server: ``routes[path] = (content type, bytes)``; anything else is 404."""
    routes: dict[str, tuple[str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            if self.path not in routes:
                self.send_error(404)
                return
            ctype, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    httpd.shutdown()
    httpd.server_close()


# ----------------------------------------------------------------------------- saved pages
BOILERPLATE = ["Baca juga", "Baca Juga", "SCROLL", "ADVERTISEMENT", "Advertisement", "Foto:",
               "Foto :", "Bagikan", "Share", "Komentar", "Tweet", "WhatsApp", "Terpopuler",
               "Halaman", "Selanjutnya", "Beranda", "Copyright", "Tag:", "Simak juga",
               "Lihat juga", "Ilustrasi", "Ikuti berita", "Berita Terkait", "Masuk",
               "netizen", "semoga cepat surut", "Tinggalkan Balasan", "Google News"]
FIXTURES = [
    ("kabar_jsonld.html", "KabarNusantara", "2024-10-24",
     "Banjir Sukamaju, Ribuan Warga Mengungsi ke Balai Desa",
     "https://www.kabarnusantara.test/nasional/d-7712345/banjir-sukamaju-ribuan-warga-mengungsi",
     ["Sedikitnya 2.400 warga mengungsi", "kata Hendra kepada wartawan, Kamis (24/10/2024).",
      "Bupati Sukamaju, Agus Prasetyo,", "Hingga Kamis sore, petugas mencatat"]),
    ("warta_timeelement.html", "suaracontoh.co.id", "2024-10-28",
     "Harga Beras Naik, Pedagang Pasar Mengeluh Sepi Pembeli",
     "https://www.suaracontoh.co.id/read/2024/10/28/093000/harga-beras-naik-pedagang-mengeluh",
     ["naik menjadi Rp 14.500 per kilogram", "ujar Darmawan saat ditemui di kiosnya.",
      "menyalurkan 30 ton beras", "Darmawan menambahkan, pedagang kecil"]),
    ("opengraph_date.html", "Harian Pelita Kota", "2024-11-05",
     "Pemkot Resmikan Jalur Sepeda Baru Sepanjang 12 Kilometer",
     "https://pelitakota.test/kota/2024/11/05/jalur-sepeda-baru",
     ["jalur sepeda baru sepanjang 12 kilometer", "kata Lestari dalam sambutannya.",
      "sekitar Rp 18 miliar", "Bayu Setiawan, berharap pemkot"]),
]


@pytest.mark.parametrize("page, outlet, published, title, url, paragraphs", FIXTURES)
def test_saved_page_gives_the_article_and_none_of_the_boilerplate(
        corpus, page, outlet, published, title, url, paragraphs):
    report = add_sources([PAGES / page], corpus)
    assert not report.refused and len(report.added) == 1
    added = report.added[0]
    assert (added.outlet, added.published, added.title, added.url) == (outlet, published, title,
                                                                      url)
    text = (corpus / added.file).read_text("utf-8")
    assert text.startswith(title + "\n\n")
    for fragment in paragraphs:
        assert fragment in text
    for junk in BOILERPLATE:
        assert junk not in text, junk
    row = load(corpus).loc[added.file]
    assert (row["outlet"], row["title"], row["url"]) == (outlet, title, url)
    assert row["published"] == pd.Timestamp(published) and row["published_source"] == "html"
    assert row["language"] == "id"


def test_the_date_is_the_publication_not_the_saving_or_modification(corpus):
    # kabar_jsonld: saved 2026-11-30 (SingleFile comment), modified 2024-10-25 -> 2024-10-24
    # opengraph_date: modified 2026-01-10 -> 2024-11-05
    report = add_sources([PAGES / "kabar_jsonld.html", PAGES / "opengraph_date.html"], corpus)
    assert [a.published for a in report.added] == ["2024-10-24", "2024-11-05"]


def test_time_element_date_and_outlet_from_the_host(corpus):
    page = news_page("Jembatan Gantung Diresmikan", site=None, published=None,
                     url="https://www.koran-contoh.test/berita/jembatan",
                     extra='<p>Diterbitkan <time datetime="2024-09-03T08:00:00+07:00">3 '
                           'September 2024</time></p>')
    (added,) = add_sources([("jembatan.html", page)], corpus).added
    assert (added.outlet, added.published) == ("koran-contoh.test", "2024-09-03")


def test_text_layout_title_blank_line_paragraphs(corpus):
    (added,) = add_sources([("a.html", news_page("Longsor Tutup Jalan Rawasari"))], corpus).added
    text = (corpus / added.file).read_text("utf-8")
    assert text == "Longsor Tutup Jalan Rawasari\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    assert added.file == "000_longsor-tutup-jalan-rawasari.txt"


def test_metadata_row_and_note(corpus):
    page = news_page("Longsor Tutup Jalan Rawasari",
                     url="https://www.kabaruji.test/daerah/longsor?utm_source=wa&id=7#komentar")
    add_sources([("Longsor.html", page)], corpus)
    (row,) = meta_rows(corpus)
    assert row == {"file": "000_longsor-tutup-jalan-rawasari.txt", "outlet": "Kabar Uji",
                   "url": "https://www.kabaruji.test/daerah/longsor?id=7",
                   "published": "2024-10-24", "published_source": "html",
                   "note": "added from Longsor.html"}


def test_a_title_the_text_would_not_give_goes_to_the_title_column(corpus):
    title = "Warga Bertanya: Kapan Jalan Dibuka Lagi?"[:-1] + ":"  # ends with a colon
    add_sources([("a.html", news_page(title))], corpus)
    assert meta_rows(corpus)[0]["title"] == title
    assert load(corpus)["title"].tolist() == [title]


def test_future_publication_date_is_kept_with_a_warning(corpus):
    page = news_page("Rencana Pembangunan Bendungan", published="2031-05-01T10:00:00+07:00")
    report = add_sources([("a.html", page)], corpus)
    assert report.added[0].published == "2031-05-01"
    assert any("in the future" in w and "2031-05-01" in w for w in report.warnings)


def test_pagination_warns_that_only_this_page_was_added(corpus):
    report = add_sources([PAGES / "kabar_jsonld.html"], corpus)
    assert any("page 2" in w for w in report.warnings)
    report = add_sources([("b.html", news_page("Satu Halaman Saja"))], corpus)
    assert not report.warnings


def test_folder_of_pages_adds_each_and_refuses_the_rest(corpus):
    report = add_sources([PAGES], corpus)
    assert len(report.added) == 3
    assert sorted(Path(r.source).name for r in report.refused) == ["index_page.html",
                                                                  "paywall_stub.html"]
    assert [f[:4] for f in visible(corpus) if f.endswith(".txt")] == ["000_", "001_", "002_"]
    assert len(meta_rows(corpus)) == 3


# ----------------------------------------------------------------------------- refusals
def _refused_alone(corpus, sources, *words, fetch=True):
    before = snapshot(corpus)
    report = add_sources(sources, corpus, fetch=fetch)
    assert not report.added and len(report.refused) == 1
    reason = report.refused[0].reason
    assert "\n" not in reason and all(w in reason for w in words), reason
    assert snapshot(corpus) == before, "something was written"
    return reason


@pytest.mark.parametrize("page", ["index_page.html", "paywall_stub.html"])
def test_page_without_article_text_is_refused(corpus, page):
    _refused_alone(corpus, [PAGES / page], "no article text")


@pytest.mark.parametrize("name, content, words", [
    ("catatan.txt", b"Ini catatan biasa, bukan halaman web.", ["not an HTML file"]),
    ("laporan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", ["not an HTML file"]),
    ("halaman.html", b"Teks biasa tanpa markup apa pun, disimpan sebagai .html", ["not HTML"]),
    ("gambar.htm", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["not HTML", "binary"]),
])
def test_a_file_that_is_not_html_is_refused(corpus, tmp_path, name, content, words):
    (tmp_path / name).write_bytes(content)
    _refused_alone(corpus, [tmp_path / name], *words)
    _refused_alone(corpus, [(name, content)], *words)  # the same as an upload


def test_missing_file_and_empty_folder_are_refused(corpus, tmp_path):
    _refused_alone(corpus, [tmp_path / "tidak-ada.html"], "no such file")
    (tmp_path / "kosong").mkdir()
    _refused_alone(corpus, [tmp_path / "kosong"], "no .html/.htm files")


def test_same_address_is_refused_naming_the_file(corpus):
    add_sources([PAGES / "kabar_jsonld.html"], corpus)
    name = visible(corpus)[0]
    # the same address, with tracking parameters, http and no "www."
    page = news_page("Judul Lain Sama Sekali", paragraphs=[p + " Tambahan." for p in PARAGRAPHS],
                     url="http://kabarnusantara.test/nasional/d-7712345/banjir-sukamaju-ribuan-"
                         "warga-mengungsi/?utm_source=twitter")
    assert name in _refused_alone(corpus, [("lain.html", page)], "same address")


def test_same_text_is_refused_naming_the_file(corpus):
    add_sources([("a.html", news_page("Longsor Tutup Jalan Rawasari"))], corpus)
    name = visible(corpus)[0]
    page = news_page("Longsor Tutup Jalan Rawasari", url="https://cermin.test/salinan")
    assert name in _refused_alone(corpus, [("b.html", page)], "same text")


def test_same_text_as_a_file_the_analyst_wrote(corpus):
    # typed by hand: no headline, other line breaks and spaces, NFD accents
    (corpus / "ketikan sendiri.txt").write_text("  ".join(PARAGRAPHS).replace(" ", "\n", 3))
    reason = _refused_alone(corpus, [("a.html", news_page("Longsor Tutup Jalan Rawasari"))],
                            "same text")
    assert "ketikan sendiri.txt" in reason


def test_unreachable_address_suggests_saving_the_page(corpus):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    reason = _refused_alone(corpus, [f"http://127.0.0.1:{port}/berita"], "cannot reach")
    assert "save the page" in reason.lower() and ".html" in reason


def test_addresses_off_and_other_schemes(corpus):
    _refused_alone(corpus, ["https://kabaruji.test/a"], "save the page", fetch=False)
    _refused_alone(corpus, ["ftp://kabaruji.test/a.html"], "only http(s)")


def test_malformed_metadata_is_refused_with_the_loaders_message(corpus):
    (corpus / "metadata.csv").write_text("file,outlet,published\na.txt,X,kemarin\n", "utf-8")
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match=r"metadata.csv row 2: cannot read published date"):
        add_sources([PAGES / "kabar_jsonld.html"], corpus)
    assert snapshot(corpus) == before


def test_non_utf8_metadata_is_refused_not_rewritten(corpus):
    (corpus / "metadata.csv").write_bytes("file,note\nx.txt,Catatan caf\xe9\n".encode("cp1252"))
    before = snapshot(corpus)
    with pytest.raises(CorpusError, match="not UTF-8"):
        add_sources([PAGES / "kabar_jsonld.html"], corpus)
    assert snapshot(corpus) == before


# ----------------------------------------------------------------------------- addresses
def test_address_is_fetched_and_both_addresses_kept(corpus, server):
    base, routes = server
    routes["/m/berita/longsor"] = ("text/html; charset=utf-8", news_page("Longsor di Rawasari"))
    report = add_sources([base + "/m/berita/longsor"], corpus)
    (added,) = report.added
    assert added.url == "https://www.kabaruji.test/daerah/longsor-rawasari"  # canonical
    (row,) = meta_rows(corpus)
    assert row["url"] == added.url and row["published_source"] == "html"
    assert f"address: {base}/m/berita/longsor" in row["note"]
    # either address is now known
    assert "same address" in add_sources([base + "/m/berita/longsor"], corpus).refused[0].reason


@pytest.mark.parametrize("path, ctype, body, words", [
    ("/hilang", None, None, ["HTTP 404"]),
    ("/laporan.pdf", "application/pdf", b"%PDF-1.4\x00\x01\x02", ["not HTML"]),
    ("/indeks", "text/html", (PAGES / "index_page.html").read_bytes(), ["no article text"]),
])
def test_address_refusals(corpus, server, path, ctype, body, words):
    base, routes = server
    if body is not None:
        routes[path] = (ctype, body)
    _refused_alone(corpus, [base + path], *words)


# ----------------------------------------------------------------------------- numbering
def test_numbering_continues_after_the_highest_prefix(corpus):
    (corpus / "007_tulisan-tangan.txt").write_text("Catatan sendiri tentang banjir.\n")
    (corpus / "catatan.txt").write_text("Catatan lain.\n")
    (corpus / "metadata.csv").write_text("file,outlet\n012_belum-ada.txt,X\n")
    (added,) = add_sources([("a.html", news_page("Longsor"))], corpus).added
    assert added.file == "013_longsor.txt"
    assert (corpus / "007_tulisan-tangan.txt").read_text() == "Catatan sendiri tentang banjir.\n"


@pytest.mark.parametrize("title, slug", [
    ("Banjir Sukamaju, Ribuan Warga Mengungsi", "banjir-sukamaju-ribuan-warga-mengungsi"),
    ("Révolusi Ékonomi — Apa Kata “Pakar”?", "revolusi-ekonomi-apa-kata-pakar"),
    ("Kata " * 30, ("kata-" * 12).rstrip("-")),
    ("韓国の兵士", "artikel"),
    ("Satu" * 20, ("satu" * 20)[:60]),
])
def test_slug(title, slug):
    assert slugify(title) == slug and len(slug) <= 60


def test_an_existing_file_is_never_overwritten(corpus):
    (corpus / "000_a.txt").write_text("milik analis\n")
    assert intake._link_new(corpus, "000_a.txt", b"baru") is False
    assert (corpus / "000_a.txt").read_text() == "milik analis\n"
    assert [p.name for p in corpus.iterdir()] == ["000_a.txt"]  # no temporary file left


# ----------------------------------------------------------------------------- metadata.csv
def test_existing_rows_are_kept_byte_for_byte(corpus):
    old = ('\ufefffile;outlet;note\r\n'
           'a.txt;Kabar Uji;"catatan dua\r\nbaris; dengan titik koma"\r\n'
           '\r\n'
           'b.txt;;\r\n')
    (corpus / "metadata.csv").write_bytes(old.encode("utf-8"))
    (corpus / "a.txt").write_text("Teks a yang ditulis analis.\n")
    (corpus / "b.txt").write_text("Teks b yang ditulis analis.\n")
    add_sources([("x.html", news_page("Longsor Susulan"))], corpus)
    new = (corpus / "metadata.csv").read_bytes().decode("utf-8")
    assert new.startswith('\ufefffile;outlet;note;url;published;published_source\r\n'
                          'a.txt;Kabar Uji;"catatan dua\r\nbaris; dengan titik koma";;;\r\n'
                          '\r\n'
                          'b.txt;;;;;\r\n')
    assert new.endswith("\r\n") and new.count("\r\n") == 6
    df = load(corpus)
    assert df.loc["a.txt", "outlet"] == "Kabar Uji" and pd.isna(df.loc["a.txt", "published"])
    assert df.loc["000_longsor-susulan.txt", "published_source"] == "html"


def test_columns_already_there_leave_the_old_bytes_untouched(corpus):
    old = b"file,outlet,url,published,published_source,title,note\nA.txt,X,,,,,\n"
    (corpus / "metadata.csv").write_bytes(old)
    add_sources([("x.html", news_page("Longsor"))], corpus)
    assert (corpus / "metadata.csv").read_bytes().startswith(old)


@pytest.mark.parametrize("raw", [None, b"file\n", b"file,outlet", b"file\toutlet\nx.txt\tY\n"])
def test_metadata_with_row_parses_back(raw):
    row = {"file": "001_a.txt", "outlet": "Kabar, Uji", "url": "", "note": 'kata "x"'}
    out = metadata_with_row(raw, row).decode("utf-8")
    delim = "\t" if raw and b"\t" in raw else ","
    rows = list(csv.DictReader(io.StringIO(out), delimiter=delim))
    assert {k: rows[-1][k] for k in ("file", "outlet", "note")} == {
        "file": "001_a.txt", "outlet": "Kabar, Uji", "note": 'kata "x"'}
    assert out.startswith((raw or b"").decode().split("\n")[0])


def test_formula_like_values_are_defused(corpus):
    add_sources([("x.html", news_page("=HYPERLINK(\"http://jahat.test\")", site="@Kabar"))],
                corpus)
    (row,) = meta_rows(corpus)
    assert not row["outlet"].startswith("@") and not row.get("title", "").startswith("=")


# ----------------------------------------------------------------------------- atomic, locked
def test_a_failed_metadata_write_leaves_nothing(corpus, monkeypatch):
    (corpus / "metadata.csv").write_text("file,outlet\n")
    before = snapshot(corpus)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake.os, "replace", broken)
    with pytest.raises(OSError):
        add_sources([("x.html", news_page("Longsor"))], corpus)
    assert snapshot(corpus) == before


KILLED = textwrap.dedent("""\
    import os, sys
    from pathlib import Path
    from helpers import intake
    calls = {"n": 0}
    real_fsync = os.fsync
    def fsync(fd):  # die the way `kill -9` does, at the n-th temporary file
        calls["n"] += 1
        if calls["n"] == int(sys.argv[3]):
            os.write(fd, b"half")
            os._exit(9)
        real_fsync(fd)
    intake.os.fsync = fsync
    intake.add_sources([("x.html", Path(sys.argv[1]).read_bytes())], sys.argv[2])
""")


@pytest.mark.parametrize("kill_at", [1, 2])  # 1: writing the .txt; 2: writing metadata.csv
def test_a_killed_run_leaves_neither_half_a_file_nor_half_a_row(corpus, tmp_path, kill_at):
    (corpus / "metadata.csv").write_text("file,outlet\nlama.txt,X\n")
    (corpus / "lama.txt").write_text("Artikel lama milik analis.\n")
    (tmp_path / "page.html").write_bytes(news_page("Longsor"))
    before = snapshot(corpus)
    proc = subprocess.run([sys.executable, "-c", KILLED, tmp_path / "page.html", corpus,
                           str(kill_at)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert (corpus / "metadata.csv").read_bytes() == before["metadata.csv"]
    new = set(visible(corpus)) - set(before)
    if kill_at == 1:
        assert not new
    else:  # the .txt was complete before metadata.csv was started: whole, never half
        assert new == {"000_longsor.txt"}
        assert (corpus / "000_longsor.txt").read_text().endswith(PARAGRAPHS[-1] + "\n")
    load(corpus)  # the corpus still loads; temporary files are hidden


CONCURRENT = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from helpers.intake import add_sources
    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.002)
    for page in sys.argv[3:]:
        assert len(add_sources([page], sys.argv[2]).added) == 1
""")


def test_two_processes_adding_at_once_lose_nothing(corpus, tmp_path):
    pages = []
    for i in range(24):  # without the lock, rows are lost in nearly every run
        name = f"{chr(65 + i % 26)}{i}"
        path = tmp_path / f"page{i}.html"
        path.write_bytes(news_page(f"Laporan Posko {name}", [f"{p} Posko {name}." for p in
                                                            PARAGRAPHS],
                                   url=f"https://kabaruji.test/posko/{i}"))
        pages.append(str(path))
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, go, corpus, *pages[k::2]],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True) for k in (0, 1)]
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    files = [f for f in visible(corpus) if f.endswith(".txt")]
    assert len(files) == 24 and len({f[:3] for f in files}) == 24
    assert sorted(r["file"] for r in meta_rows(corpus)) == files
    assert len(load(corpus)) == 24


# ----------------------------------------------------------------------------- boilerplate
@pytest.mark.parametrize("line, kept", [
    ("Baca juga: Harga Cabai Naik", False),
    ("BACA JUGA : Harga Cabai Naik", False),
    ("Simak juga video berikut ini", False),
    ("Lihat Juga: Antrean Operasi Pasar", False),
    ("ADVERTISEMENT", False),
    ("SCROLL TO CONTINUE WITH CONTENT", False),
    ("Foto: Warga mengungsi (Dimas/Kabar)", False),
    ("(Foto: Petugas menimbang beras)", False),
    ("Ilustrasi tentara berbaris.", False),
    ("Bagikan artikel ini", False),
    ("Halaman 2", False),
    ("Iklan", False),
    ("[Gambas:Video Kabar]", False),
    ("Fotografer senior itu mengatakan kamera rusak terendam banjir.", True),
    ("Halaman rumah warga terendam setinggi lutut orang dewasa.", True),
    ("Iklan rokok dilarang di dekat sekolah, kata wali kota.", True),
    ("Ilustrasi " + "kata " * 45, True),  # a long line is a paragraph, not a caption
    ("Bacaan doa dipimpin tokoh agama setempat.", True),
])
def test_boilerplate_lines(line, kept):
    assert (clean_lines(line, None) == [line.strip()]) is kept


def test_every_boilerplate_entry_has_a_comment():
    lines = intake.BOILERPLATE_FILE.read_text("utf-8").splitlines()
    entries = [ln for ln in lines if ln.lstrip().startswith("- ")]
    assert len(entries) > 20 and all("#" in ln for ln in entries)


# ----------------------------------------------------------------------------- loader
@pytest.mark.parametrize("cells, source", [
    ("2024-10-24,html", "html"), ("2024-10-24,", "metadata"), ("2024-10-24,HTML", "html"),
    (",html", "text"),
])
def test_loader_reports_published_source_html(corpus, cells, source):
    (corpus / "a.txt").write_text("Judul\n\nBerita pada Kamis (24/10/2024) di kota itu.\n")
    (corpus / "metadata.csv").write_text(f"file,published,published_source\na.txt,{cells}\n")
    row = load(corpus).loc["a.txt"]
    assert row["published_source"] == source and row["published"] == pd.Timestamp("2024-10-24")


# ----------------------------------------------------------------------------- random HTML
_TAGS = ["p", "div", "span", "article", "main", "nav", "script", "style", "h1", "a", "li",
         "figure", "figcaption", "time", "table", "td", "title", "head", "body", "html"]
_SNIPPETS = ["<", ">", "&", "&#0;", "&#xD800;", "<!DOCTYPE html>", "<!--", "-->", "<br/>",
             '<meta property="og:site_name" content="">', '<link rel="canonical" href="x:">',
             '<script type="application/ld+json">{"datePublished": "2024-13-45"}</script>',
             '<time datetime="9999-99-99">', "<!-- saved from url=(0010)https:// -->",
             "<p>" + PARAGRAPHS[0] + "</p>", "<p>" + " ".join(PARAGRAPHS) + "</p>",
             "<p>Baca juga: x</p>", "\x00", "\ufeff"]
_WITH_TEXT = ['<meta property="og:site_name" content="{}">', "<title>{}</title>", "<h1>{}</h1>",
              '<link rel="canonical" href="https://{}">', '<meta name="author" content="{}">',
              '<script type="application/ld+json">{{"datePublished": "{}"}}</script>']


@st.composite
def random_html(draw):
    text = st.text(max_size=60)
    element = st.tuples(st.sampled_from(_TAGS), text).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")
    filled = st.tuples(st.sampled_from(_WITH_TEXT), text).map(lambda t: t[0].format(t[1]))
    parts = draw(st.lists(st.one_of(text, element, filled, st.sampled_from(_SNIPPETS)),
                          max_size=30))
    raw = "".join(parts).encode("utf-8", "surrogatepass")
    return draw(st.one_of(st.just(raw), st.binary(max_size=200).map(lambda b: raw + b)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=random_html(), name=st.sampled_from(["a.html", "b.htm", "c.HTML"]))
def test_random_html_never_crashes_the_intake(page, name):
    with tempfile.TemporaryDirectory() as tmp:
        report = add_sources([(name, page)], Path(tmp) / "korpus")
        assert len(report.added) + len(report.refused) == 1
        if report.added:
            assert len(load(Path(tmp) / "korpus")) == 1


# ----------------------------------------------------------------------------- notebook form
def _upload(panel, *files):
    panel.upload.value = tuple({"name": n, "type": "text/html", "size": len(b),
                                "content": memoryview(b), "last_modified": dt.datetime.now()}
                               for n, b in files)


def _shown(panel) -> str:
    return "".join(o.get("text", "") for o in panel.output.outputs)


def test_panel_adds_uploads_and_addresses(corpus, server):
    base, routes = server
    routes["/panel/longsor"] = ("text/html", news_page("Longsor Kedua", url=None,
                                paragraphs=[p + " Versi dua." for p in PARAGRAPHS]))
    seen = []
    panel = intake_panel(corpus, on_added=seen.append)
    assert [type(c).__name__ for c in panel.children[1:]] == [
        "FileUpload", "Textarea", "Button", "Output"]
    assert panel.upload.accept == ".html,.htm" and panel.upload.multiple
    _upload(panel, ("Longsor.html", news_page("Longsor")), ("catatan.txt", b"bukan"))
    panel.addresses.value = f"{base}/panel/longsor\n\n  ftp://x.test/y  \n"
    panel.button.click()
    shown = _shown(panel)
    assert "added 000_longsor.txt" in shown and "added 001_longsor-kedua.txt" in shown
    assert "refused catatan.txt: not an HTML file" in shown and "refused ftp://x.test/y" in shown
    assert len(seen) == 1 and len(seen[0].added) == 2
    assert panel.upload.value == () and panel.addresses.value == "ftp://x.test/y"
    assert not panel.button.disabled


def test_panel_shows_every_exception(corpus):
    (corpus / "metadata.csv").write_text("outlet\nX\n")  # no 'file' column
    panel = intake_panel(corpus)
    _upload(panel, ("a.html", news_page("Longsor")))
    panel.add()
    assert "CorpusError" in _shown(panel) and "no 'file' column" in _shown(panel)
    assert not panel.button.disabled

    def boom(report):
        raise RuntimeError("grafik gagal diperbarui")

    (corpus / "metadata.csv").unlink()
    panel = intake_panel(corpus, on_added=boom)
    _upload(panel, ("a.html", news_page("Longsor")))
    panel.add()
    assert "added 000_longsor.txt" in _shown(panel)
    assert "RuntimeError: grafik gagal diperbarui" in _shown(panel)


def test_panel_with_nothing_chosen(corpus):
    panel = intake_panel(corpus)
    panel.add()
    assert "Choose saved pages" in _shown(panel) and visible(corpus) == []


# ----------------------------------------------------------------------------- command line
def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "add", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_cli_adds_and_refuses_one_line_each(corpus):
    proc = run_cli(PAGES / "kabar_jsonld.html", PAGES / "paywall_stub.html", "--corpus", corpus)
    assert proc.returncode == 1
    assert proc.stdout.startswith("added 000_banjir-sukamaju")
    errors = [ln for ln in proc.stderr.splitlines() if not ln.startswith("warta: warning:")]
    assert errors == [f"warta: {PAGES / 'paywall_stub.html'}: no article text on the page (an "
                      "index page or a paywall stub?); nothing added"]
    proc = run_cli(PAGES / "opengraph_date.html", "--corpus", corpus)
    assert proc.returncode == 0 and proc.stderr == ""


def test_cli_malformed_metadata_exits_1_with_one_line(corpus):
    (corpus / "metadata.csv").write_text("file,published\na.txt,besok\n")
    proc = run_cli(PAGES / "kabar_jsonld.html", "--corpus", corpus)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"warta: {corpus / 'metadata.csv'} row 2: cannot read published date 'besok' (write a "
        "full date: YYYY-MM-DD, DD/MM/YYYY or '24 Oktober 2024')"]
