"""The loaded-file memo (helpers/loadcache.py): a corpus loaded through it is the corpus loaded
without it, and a changed, added or removed file, or a changed metadata row, is seen."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from helpers.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def load(folder, cache=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder, cache=cache)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a skipped file is remembered too
    return folder


def test_the_memo_gives_the_same_table_cold_and_warm(corpus, tmp_path):
    plain = load(corpus)
    cold = load(corpus, tmp_path / "cache")
    warm = load(corpus, tmp_path / "cache")
    assert_frame_equal(plain, cold)
    assert_frame_equal(plain, warm)
    assert warm.attrs["skipped"] == plain.attrs["skipped"]
    assert warm.attrs["messages"] == plain.attrs["messages"]


def test_a_changed_file_is_read_again(corpus, tmp_path):
    load(corpus, tmp_path / "cache")
    path = sorted(corpus.glob("*.txt"))[1]
    st = path.stat()
    path.write_text("Judul baru\n\nBNPB mengatakan 12 orang tewas.", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    got = load(corpus, tmp_path / "cache")
    assert_frame_equal(got, load(corpus))
    assert "12 orang" in got.set_index("file").loc[path.name, "text"]


def test_added_and_removed_files_and_metadata_rows_are_seen(corpus, tmp_path):
    load(corpus, tmp_path / "cache")
    (corpus / "new.txt").write_text("Polisi mengatakan 30 orang ditangkap di Garut.", encoding="utf-8")
    (corpus / "004_5cc8d4c95eea76fa.txt").unlink()
    meta = corpus / "metadata.csv"
    meta.write_text(meta.read_text(encoding="utf-8").replace(",Suara.com,", ",Suara Harian,"), encoding="utf-8")
    got = load(corpus, tmp_path / "cache")
    assert_frame_equal(got, load(corpus))
    assert "new" in set(got["article_id"]) and "Suara Harian" in set(got["outlet"])


def test_a_damaged_memo_is_ignored_with_a_warning(corpus, tmp_path):
    load(corpus, tmp_path / "cache")
    for p in (tmp_path / "cache" / "files").glob("*.parquet"):
        p.write_bytes(b"not parquet")
    with pytest.warns(UserWarning, match="unreadable file memo"):
        got = load_corpus(corpus, cache=tmp_path / "cache")
    assert_frame_equal(got, load(corpus))
