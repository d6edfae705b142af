"""Tests for helpers.corpus: decoding, skipped files, metadata.csv, inference, seeds.

Every folder is built in tmp_path; every load goes through ``load``, which also checks that
no file in the folder changed (bytes and mtime) and no file was added.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from helpers import schema
from helpers.corpus import (
    CorpusError, CorpusWarning, detect_language, infer_outlet, infer_title, latest_text_date,
    load_actors_for, load_corpus, parse_metadata_date,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ID_TEXT = ("Menteri itu mengatakan bahwa pasukan tersebut telah tiba di pelabuhan dan akan "
           "berlatih dengan tentara dari negara lain.")


def snapshot(folder: Path) -> dict:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def load(folder: Path) -> pd.DataFrame:
    before = snapshot(folder)
    try:
        return load_corpus(folder)
    finally:
        assert snapshot(folder) == before, "load_corpus changed the folder"


def make(tmp_path: Path, files: dict, metadata: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def row(df: pd.DataFrame, article_id: str) -> pd.Series:
    return df.set_index("article_id").loc[article_id]


@contextmanager
def strict():
    """Context in which any CorpusWarning fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        yield


# ----------------------------------------------------------------------------- seeds
@pytest.fixture(scope="module")
def seeds():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # the seeds load cleanly
        return load(SEEDS)


def test_seeds_columns_and_ids(seeds):
    assert list(seeds.columns) == schema.ARTICLES
    assert seeds["article_id"].tolist() == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert seeds["file"].tolist() == [a + ".txt" for a in seeds["article_id"]]
    assert seeds.attrs["skipped"] == [] and seeds.attrs["messages"] == []
    assert seeds["duplicate_of"].isna().all()
    # only the two articles whose publication date was inferred from a weekday+date phrase warn
    assert seeds["warnings"].notna().sum() == 2


@pytest.mark.parametrize("prefix,outlet", [
    ("000", "Suara.com"), ("001", "EtIndonesia"), ("002", "Pahami.id"), ("004", "Detak Tribe"),
])
def test_seed_outlets(seeds, prefix, outlet):
    assert seeds.loc[seeds["article_id"].str.startswith(prefix), "outlet"].item() == outlet


def test_seed_003_has_no_outlet(seeds):
    assert pd.isna(seeds.loc[seeds["article_id"].str.startswith("003"), "outlet"].item())


def test_seed_001_title_is_headline_and_others_have_none(seeds):
    titles = dict(zip(seeds["article_id"].str[:3], seeds["title"]))
    first_line = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").split("\n")[0]
    assert titles["001"] == first_line.strip()
    assert all(pd.isna(titles[k]) for k in ("000", "002", "003", "004"))


def test_seed_dates_language_words(seeds):
    by = seeds.set_index(seeds["article_id"].str[:3])
    assert by.loc["004", "published"] == pd.Timestamp("2024-10-24")
    assert by.loc["004", "published_source"] == "metadata"
    for k in ("000", "003"):  # no dated phrase in their text, left empty in metadata
        assert pd.isna(by.loc[k, "published"]) and by.loc[k, "published_source"] == "none"
    # no year in the text, but the weekday pins it: "Rabu (23 Oktober)", "Senin (28/10)"
    for k, day in (("001", "2024-10-23"), ("002", "2024-10-28")):
        assert by.loc[k, "published"] == pd.Timestamp(day)
        assert by.loc[k, "published_source"] == "text"
        assert "weekday fixes the year" in by.loc[k, "warnings"]
    assert (seeds["language"] == "id").all()
    assert all(n == len(t.split()) and n > 200 for n, t in zip(seeds["n_words"], seeds["text"]))
    assert seeds["url"].isna().all()


def test_seed_metadata_rows_have_evidence_notes():
    meta = pd.read_csv(SEEDS / "metadata.csv", dtype=str, keep_default_na=False)
    assert sorted(meta["file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert (meta["note"].str.len() > 20).all()
    dated = meta[meta["published"] != ""]
    assert dated["note"].str.contains("24/10/2024").all()


# ----------------------------------------------------------------------------- decoding
def test_bom_and_crlf_give_the_same_text_as_plain_lf(tmp_path):
    lf = "Judul Berita\n\nParagraf satu dengan kata.\nParagraf dua."
    folder = make(tmp_path, {"a.txt": lf, "b.txt": "\ufeff" + lf.replace("\n", "\r\n"),
                             "c.txt": lf.replace("\n", "\r")})
    df = load(folder)
    texts = df["text"].tolist()
    assert texts == [lf, lf, lf]
    assert "\r" not in "".join(texts) and "\ufeff" not in "".join(texts)
    assert df["title"].tolist() == ["Judul Berita"] * 3
    assert df["duplicate_of"].tolist()[1:] == ["a", "a"]


@pytest.mark.parametrize("encoding,expected", [("cp1252", "cp1252"), ("latin-1", "latin-1")])
def test_legacy_encodings_are_decoded_with_a_warning(tmp_path, encoding, expected):
    text = "Menteri berkata “tidak” di café itu." if encoding == "cp1252" else \
        "Menteri itu di café\x81 dan pasukan dari negara."
    folder = make(tmp_path, {"old.txt": text.encode(encoding), "new.txt": ID_TEXT})
    df = load(folder)
    assert row(df, "old")["text"] == text
    assert f"decoded as {expected}, not UTF-8" in row(df, "old")["warnings"]
    assert pd.isna(row(df, "new")["warnings"])


def test_mostly_utf8_with_a_broken_byte_keeps_utf8(tmp_path):
    good = "Pernyataan “resmi” — café ‘itu’ dan pasukan dari negara."
    raw = good.encode("utf-8")
    folder = make(tmp_path, {"x.txt": raw[:10] + b"\xff" + raw[10:]})
    r = row(load(folder), "x")
    assert "“resmi”" in r["text"] and "\ufffd" in r["text"]
    assert "not valid UTF-8 at byte 10" in r["warnings"]


def test_utf16_with_bom_is_decoded(tmp_path):
    folder = make(tmp_path, {"w.txt": ID_TEXT.encode("utf-16")})
    r = row(load(folder), "w")
    assert r["text"] == ID_TEXT and "UTF-16" in r["warnings"]


# ----------------------------------------------------------------------------- skipped files
@pytest.mark.parametrize("content,reason", [
    (b"", "empty file, skipped"),
    (b"  \r\n\t\n   \n", "only whitespace, skipped"),
    (b"\xef\xbb\xbf\r\n", "only whitespace, skipped"),
    (b"%PDF-1.4\x00\x01\x02binary\x00data" * 20, "looks binary, skipped"),
    (bytes(range(1, 9)) * 50 + b"abc", "looks binary, skipped"),
])
def test_unusable_files_are_skipped_and_reported(tmp_path, content, reason):
    folder = make(tmp_path, {"bad.txt": content, "good.txt": ID_TEXT})
    with pytest.warns(CorpusWarning, match=f"bad.txt: {reason}"):
        df = load(folder)
    assert df["article_id"].tolist() == ["good"]
    assert df.attrs["skipped"] == [f"bad.txt: {reason}"]
    assert df.attrs["skipped"][0] in df.attrs["messages"]


def test_a_stray_control_character_is_not_binary(tmp_path):
    folder = make(tmp_path, {"ok.txt": ID_TEXT + "\x0c\x1b" + ID_TEXT})
    with strict():
        assert load(folder)["article_id"].tolist() == ["ok"]


def test_hidden_and_same_stem_files_are_skipped(tmp_path):
    folder = make(tmp_path, {".draft.txt": ID_TEXT, "a.txt": ID_TEXT, "a.TXT": ID_TEXT + " x"})
    with pytest.warns(CorpusWarning):
        df = load(folder)
    assert df["file"].tolist() == ["a.TXT"]  # sorted by name: "a.TXT" < "a.txt"
    assert df.attrs["skipped"] == [".draft.txt: hidden or temporary file, skipped",
                                   "a.txt: same article_id 'a' as a.TXT, skipped"]


def test_only_unusable_files_is_an_error(tmp_path):
    folder = make(tmp_path, {"a.txt": b"", "b.txt": b"\x00\x01"})
    with pytest.warns(CorpusWarning), pytest.raises(CorpusError, match="no readable articles"):
        load(folder)


def test_large_file_is_loaded_with_a_warning(tmp_path):
    para = (ID_TEXT + "\n") * 50000  # about 6 MB
    folder = make(tmp_path, {"big.txt": para, "small.txt": ID_TEXT})  # ~5.7 MiB
    df = load(folder)
    big = row(df, "big")
    assert big["n_words"] == len(ID_TEXT.split()) * 50000 and big["language"] == "id"
    size = len(para.encode("utf-8")) / 2**20
    assert size > 5 and f"large file ({size:.1f} MB, over 5 MB)" in big["warnings"]
    assert pd.isna(row(df, "small")["warnings"])


def test_duplicates_point_to_the_first_file(tmp_path):
    folder = make(tmp_path, {"1.txt": ID_TEXT, "2.txt": "  " + ID_TEXT.replace(" ", "  ") + "\n",
                             "3.txt": ID_TEXT + " Lagi.", "4.txt": ID_TEXT})
    df = load(folder)
    assert df["duplicate_of"].fillna("-").tolist() == ["-", "1", "-", "1"]
    assert row(df, "4")["warnings"] == "same text as 1"
    assert pd.isna(row(df, "3")["duplicate_of"])


def test_not_recursive_and_sorted_by_file_name(tmp_path):
    folder = make(tmp_path, {"b.txt": ID_TEXT + " b", "a.txt": ID_TEXT, "notes.md": "x"})
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(ID_TEXT + " c", encoding="utf-8")
    (folder / "dir.txt").mkdir()
    df = load(folder)
    assert df["article_id"].tolist() == ["a", "b"]
    assert df.attrs["corpus"] == str(folder)


def test_read_only_files_load(tmp_path):
    folder = make(tmp_path, {"ro.txt": ID_TEXT})
    (folder / "ro.txt").chmod(0o444)
    assert load(folder)["text"].tolist() == [ID_TEXT]


# ----------------------------------------------------------------------------- folder errors
def test_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"nope: no such folder"):
        load_corpus(tmp_path / "nope")


def test_folder_without_txt_files(tmp_path):
    folder = make(tmp_path, {"a.md": "x"})
    with pytest.raises(CorpusError, match=r"corpus: no \.txt files"):
        load(folder)


def test_a_file_instead_of_a_folder(tmp_path):
    (tmp_path / "one.txt").write_text(ID_TEXT, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"one\.txt: not a folder"):
        load_corpus(tmp_path / "one.txt")


def test_corpus_error_is_a_value_error_with_file_and_row():
    err = CorpusError("x/metadata.csv", "bad", row=3)
    assert isinstance(err, ValueError) and str(err) == "x/metadata.csv row 3: bad"
    assert (err.file, err.row, err.message) == ("x/metadata.csv", 3, "bad")
    assert str(CorpusError("f.txt", "bad")) == "f.txt: bad"


# ----------------------------------------------------------------------------- metadata.csv
def test_metadata_fills_outlet_url_title_published(tmp_path):
    meta = ("file,outlet,url,published,note,title,extra\n"
            "a.txt,Koran A,https://a.example/1,24/10/2024,evidence,Judul A,ignored\n"
            "b,,,,,,\n")
    folder = make(tmp_path, {"a.txt": "Suara.com - " + ID_TEXT, "b.txt": ID_TEXT}, meta)
    with strict():
        df = load(folder)
    a, b = row(df, "a"), row(df, "b")
    assert (a["outlet"], a["url"], a["title"]) == ("Koran A", "https://a.example/1", "Judul A")
    assert a["published"] == pd.Timestamp("2024-10-24") and a["published_source"] == "metadata"
    assert pd.isna(b["outlet"]) and pd.isna(b["url"]) and b["published_source"] == "none"


def test_empty_metadata_cells_fall_back_to_the_text(tmp_path):
    meta = "file,outlet,published\na.txt,,\n"
    folder = make(tmp_path, {"a.txt": "Suara.com - " + ID_TEXT + " Kamis (24/10/2024)."}, meta)
    a = row(load(folder), "a")
    assert a["outlet"] == "Suara.com"
    assert (a["published"], a["published_source"]) == (pd.Timestamp("2024-10-24"), "text")


def test_metadata_row_for_a_missing_file_is_a_warning(tmp_path):
    meta = "file,outlet\na.txt,A\nghost.txt,G\n"
    folder = make(tmp_path, {"a.txt": ID_TEXT}, meta)
    with pytest.warns(CorpusWarning, match=r"metadata\.csv row 3: no file 'ghost\.txt'"):
        df = load(folder)
    assert df.attrs["messages"] == ["metadata.csv row 3: no file 'ghost.txt' in the folder"]
    assert df.attrs["skipped"] == []


@pytest.mark.parametrize("value", ["32/13/2024", "10/24/2024", "31/02/2024", "Oktober 2024",
                                   "2024", "kemarin", "Senin (28/10)", "segera", "2024-13-01"])
def test_unreadable_published_date_names_row_and_value(tmp_path, value):
    meta = f"file,published\na.txt,2024-10-24\nb.txt,{value}\n"
    folder = make(tmp_path, {"a.txt": ID_TEXT, "b.txt": ID_TEXT + " b"}, meta)
    with pytest.raises(CorpusError) as info:
        load(folder)
    assert str(info.value).startswith(str(folder / "metadata.csv") + " row 3: cannot read "
                                      f"published date {value!r}")


@pytest.mark.parametrize("value,expected", [
    ("2024-10-24", "2024-10-24"), ("24/10/2024", "2024-10-24"), ("4/9/2024", "2024-09-04"),
    ("24-10-2024", "2024-10-24"), ("24.10.2024", "2024-10-24"), ("24 Oktober 2024", "2024-10-24"),
    ("24 Okt 2024", "2024-10-24"), ("Kamis, 24 Oktober 2024", "2024-10-24"),
    ("Kamis, 24 Oktober 2024 10:15 WIB", "2024-10-24"), ("2024-10-24T08:00:00", "2024-10-24"),
])
def test_metadata_date_formats(value, expected):
    assert parse_metadata_date(value) == pd.Timestamp(expected)


@pytest.mark.parametrize("meta,row_n,message", [
    ("name,outlet\na.txt,A\n", 1, "no 'file' column in the header (found: name, outlet)"),
    ("file,outlet,outlet\na.txt,A,B\n", 1, "column 'outlet' appears twice"),
    ("file,outlet\na.txt,A\nb.txt,B\na.txt,C\n", 4, "file 'a.txt' is already listed in row 2"),
    ("file,outlet\na,A\na.txt,C\n", 3, "file 'a.txt' is already listed in row 2"),
    ("file,outlet\na.txt,A,extra\n", 2, "3 fields but the header has 2"),
    ("file,outlet\n,A\n", 2, "the 'file' cell is empty"),
    ("file,outlet\nsub/a.txt,A\n", 2, "give the file name only"),
    ('file,outlet\na.txt,"A\n', 2, "not valid CSV"),
    ('file,outlet\na.txt,"A"B\n', 2, "not valid CSV"),
])
def test_malformed_metadata_names_file_and_row(tmp_path, meta, row_n, message):
    folder = make(tmp_path, {"a.txt": ID_TEXT, "b.txt": ID_TEXT + " b"}, meta)
    with pytest.raises(CorpusError) as info:
        load(folder)
    err = info.value
    assert err.file == str(folder / "metadata.csv") and err.row == row_n
    assert message in str(err) and f"metadata.csv row {row_n}: " in str(err)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03binary"])
def test_empty_or_binary_metadata_is_an_error(tmp_path, content):
    folder = make(tmp_path, {"a.txt": ID_TEXT})
    (folder / "metadata.csv").write_bytes(content)
    with pytest.raises(CorpusError, match=r"metadata\.csv: (empty|looks binary)"):
        load(folder)


def test_semicolon_and_cp1252_metadata_from_a_spreadsheet(tmp_path):
    folder = make(tmp_path, {"a.txt": ID_TEXT})
    (folder / "metadata.csv").write_bytes("file;outlet;published\r\na.txt;Kabar Café;"
                                          "24/10/2024\r\n".encode("cp1252"))
    with pytest.warns(CorpusWarning, match="metadata.csv: decoded as cp1252"):
        df = load(folder)
    assert row(df, "a")["outlet"] == "Kabar Café"
    assert row(df, "a")["published"] == pd.Timestamp("2024-10-24")


def test_text_date_later_than_metadata_date_is_flagged(tmp_path):
    meta = "file,published\na.txt,2024-10-20\n"
    folder = make(tmp_path, {"a.txt": ID_TEXT + " Kamis (24/10/2024)."}, meta)
    a = row(load(folder), "a")
    assert a["published"] == pd.Timestamp("2024-10-20")
    assert "later date (24/10/2024)" in a["warnings"]


# ----------------------------------------------------------------------------- inference
@pytest.mark.parametrize("body,outlet", [
    ("Suara.com - Menanggapi pertanyaan itu.", "Suara.com"),
    ("Jakarta, Pahami.id \u2014\nAmerika Serikat menuduh.", "Pahami.id"),
    ("EtIndonesia. Baru-baru ini, pasukan tiba.", "EtIndonesia"),
    ("Detak Tribe \u2014 Sebanyak 3.000 personel.", "Detak Tribe"),
    ("JAKARTA, KOMPAS.com - Presiden berkata.", "KOMPAS.com"),
    ("TEMPO.CO, Jakarta - Presiden berkata.", "TEMPO.CO"),
    ("Liputan6.com, Jakarta -- Presiden berkata.", "Liputan6.com"),
    ("Jakarta (ANTARA) - Presiden berkata.", "ANTARA"),
    ("Kabar Kota \u2013 Wali kota berkata.", "Kabar Kota"),
    ("Jakarta, CNN Indonesia -- Presiden berkata.", "CNN Indonesia"),
    ("TRIBUNNEWS.COM, JAKARTA - Presiden berkata.", "TRIBUNNEWS.COM"),
    ("Merdeka.com - Presiden berkata.", "Merdeka.com"),
    ("JAKARTA - Presiden berkata.", None),
    ("Jakarta \u2014 Presiden berkata.", None),
    ("Jakarta, Presiden Joko Widodo \u2014 yang baru tiba.", None),
    ("Presiden Joko Widodo \u2014 yang baru tiba \u2014 berkata.", None),
    ("AS menambah perkiraan jumlah pasukan.", None),
    ("Sekitar 10.000 tentara \u2013 naik dari 3.000 \u2013 bergerak.", None),
    ("Amerika Serikat (AS) menuduh Korea Utara.", None),
    ("Pada hari Rabu (23 Oktober), Menteri berkata.", None),
    ("Jakarta. Kota itu ramai.", None),
    ("Pasukan Korea Utara-Rusia bergerak.", None),
])
def test_infer_outlet(body, outlet):
    assert infer_outlet(body) == outlet


@pytest.mark.parametrize("text,title", [
    ("Judul Berita Hari Ini\n\nIsi berita.", "Judul Berita Hari Ini"),
    ("Apakah Pasukan Sudah Tiba?\n\nIsi berita.", "Apakah Pasukan Sudah Tiba?"),
    ("AS menambah perkiraan jumlah pasukan.\n\nIsi berita.", None),
    ("Judul Berita Hari Ini\nIsi berita langsung.", None),
    ("Jakarta, Pahami.id \u2014\n\nIsi berita.", None),
    ("Judul\n\nIsi berita.", None),
    (" ".join(["kata"] * 30) + "\n\nIsi.", None),
    ("Satu baris saja tanpa titik", None),
])
def test_infer_title(text, title):
    assert infer_title(text)[0] == title


def test_outlet_is_read_after_the_headline(tmp_path):
    folder = make(tmp_path, {"a.txt": "Judul Berita Hari Ini\n\nSuara.com - " + ID_TEXT})
    a = row(load(folder), "a")
    assert (a["title"], a["outlet"]) == ("Judul Berita Hari Ini", "Suara.com")


@pytest.mark.parametrize("text,date,surface", [
    ("kata Kirby, Kamis (24/10/2024).", "2024-10-24", "24/10/2024"),
    ("Pada 23 Oktober 2024 dan Jumat (25/10/2024) lalu.", "2024-10-25", "25/10/2024"),
    ("Laporan 2024-10-22 dan 24 Okt 2024.", "2024-10-24", "24 Okt 2024"),
    ("kata Singh, Senin (28/10), dan Jumat (25/10).", None, None),
    ("Pada bulan Februari 2022 Rusia menyerang.", None, None),
    ("Tanggal 31/02/2024 tidak ada.", None, None),
    ("Rasio 1/2/20245 bukan tanggal.", None, None),
])
def test_latest_text_date(text, date, surface):
    ts, found = latest_text_date(text)
    assert (None if pd.isna(ts) else ts) == (pd.Timestamp(date) if date else None)
    assert found == surface


@pytest.mark.parametrize("text,lang", [
    (ID_TEXT, "id"),
    ("The minister said that the troops had arrived at the port on Monday.", "en"),
    ("SEOUL, Oct 28 (Reuters) - North Korea has sent 10,000 troops, officials said.", "en"),
    ("Menteri itu mengatakan pasukan telah tiba di pelabuhan pada hari Senin.", "id"),
    ("Korea Utara", "und"),
    ("12345 67890", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# ----------------------------------------------------------------------------- actors
def test_load_actors_for_without_actors_yaml_is_empty(tmp_path):
    folder = make(tmp_path, {"a.txt": ID_TEXT})
    actors = load_actors_for(folder)
    assert list(actors.columns) == schema.ACTORS and len(actors) == 0


def test_load_actors_for_reads_actors_yaml(tmp_path):
    from helpers.actors import load_actors

    expected = load_actors(SEEDS / "actors.yaml")
    got = load_actors_for(SEEDS)
    assert list(got.columns)[:len(schema.ACTORS)] == schema.ACTORS
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("text, expected", [
    ("Kata menteri, Selasa (29/10), pasukan tiba.", "2024-10-29"),
    ("Pada hari Jumat (25 Oktober) ia berbicara.", "2024-10-25"),
    ("Pada hari Selasa ia berbicara.", None),          # weekday alone: no date
    ("Pada (29/10) ia berbicara.", None),              # no weekday: the year is unknown
])
def test_published_from_weekday_date_phrase(tmp_path, text, expected):
    (tmp_path / "a.txt").write_text(text + " Ini berita dan itu yang untuk dari.", encoding="utf-8")
    row = load_corpus(tmp_path).iloc[0]
    if expected is None:
        assert pd.isna(row["published"]) and row["published_source"] == "none"
    else:
        assert row["published"] == pd.Timestamp(expected) and row["published_source"] == "text"


# ----------------------------------------------------------------------------- reliability (issue 14)
def test_a_stray_nul_byte_is_removed_with_a_warning_not_binary(tmp_path):
    half = len(ID_TEXT) // 2
    folder = make(tmp_path, {"nul.txt": (ID_TEXT[:half] + "\x00" + ID_TEXT[half:]).encode("utf-8")})
    df = load(folder)
    assert df["text"].tolist() == [ID_TEXT] and df.attrs["skipped"] == []
    assert f"1 NUL byte(s) removed (first at byte {half})" in row(df, "nul")["warnings"]


@pytest.mark.parametrize("codec, endian", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_bom_has_its_own_message(tmp_path, codec, endian):
    text = ID_TEXT + " Kata Prabowo Subianto, “Setuju.”"
    folder = make(tmp_path, {"u16.txt": text.encode(codec)})
    df = load(folder)
    assert df["text"].tolist() == [text]
    assert f"decoded as UTF-16 ({endian}-endian) without a byte-order mark" in row(df, "u16")["warnings"]


def test_many_nul_bytes_are_still_binary(tmp_path):
    folder = make(tmp_path, {"img.txt": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 40, "ok.txt": ID_TEXT})
    with pytest.warns(CorpusWarning, match="img.txt: looks binary, skipped"):
        assert load(folder)["article_id"].tolist() == ["ok"]


def test_a_very_long_article_warns_naming_the_file_and_why(tmp_path):
    long_text = (ID_TEXT + "\n\n") * (200_000 // len(ID_TEXT) + 2)
    folder = make(tmp_path, {"panjang.txt": long_text, "pendek.txt": ID_TEXT})
    with pytest.warns(CorpusWarning, match=r"panjang\.txt: very long article \([\d,]+ characters, over "
                      r"200,000\): annotation of very long files is slow, because") as got:
        df = load(folder)
    assert any("split it" in str(w.message) and "per million characters" in str(w.message) for w in got)
    assert "very long article" in row(df, "panjang")["warnings"]
    assert pd.isna(row(df, "pendek")["warnings"])


@pytest.mark.parametrize("meta, text, expected", [
    ("file,published\na.txt,2099-01-02\n", ID_TEXT,
     "a.txt: published date 2099-01-02 (metadata.csv row 2) is in the future: check the date"),
    (None, ID_TEXT + " Jakarta, Kamis (24/10/2099).",
     "a.txt: published date 2099-10-24 (the text ('24/10/2099')) is in the future: check the date"),
])
def test_a_publication_date_in_the_future_warns(tmp_path, meta, text, expected):
    folder = make(tmp_path, {"a.txt": text}, meta)
    with pytest.warns(CorpusWarning) as got:
        df = load(folder)
    assert expected in [str(w.message) for w in got]
    assert "in the future" in row(df, "a")["warnings"]


def test_a_publication_date_of_today_is_not_the_future(tmp_path):
    today = pd.Timestamp.now().strftime("%Y-%m-%d")
    folder = make(tmp_path, {"a.txt": ID_TEXT}, f"file,published\na.txt,{today}\n")
    with strict():
        load(folder)


def test_a_link_to_a_file_outside_the_corpus_is_refused(tmp_path):
    outside = tmp_path / "private.txt"
    outside.write_text("Rahasia: " + ID_TEXT, encoding="utf-8")
    folder = make(tmp_path, {"a.txt": ID_TEXT})
    (folder / "b.txt").symlink_to(outside)
    (folder / "c.txt").symlink_to(folder / "a.txt")  # a link inside the folder is fine
    with pytest.warns(CorpusWarning, match=r"b\.txt: a link to .*private\.txt, outside the corpus folder"):
        df = load(folder)
    assert df["article_id"].tolist() == ["a", "c"]
    assert not any("Rahasia" in t for t in df["text"])
