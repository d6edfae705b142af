"""bench.devset: the real-article dev set is committed as offsets and hashes, its texts live in a
cache outside the repository. A machine that loses the cache rebuilds it from stored page
excerpts; these tests check that a rebuilt text is scored when (and only when) every hand
annotation is found again, and that ``restore`` recovers the annotated text from an excerpt
with menus around it. Sentences written here."""
import json

import pytest

from bench import devset

TEXT = ("Banjir Rendam Tiga Desa, 12 Warga Mengungsi\n"
        "KOTA CONTOH - Banjir merendam tiga desa sejak Senin malam.\n"
        "Kepala BPBD Contoh, Budi Santoso, mengatakan 12 warga mengungsi ke balai desa.\n"
        "\"Air mulai surut pagi ini,\" kata Budi.")
GOLD = {"statements": [{"anchor": "mengatakan 12 warga mengungsi", "speaker": "budi", "listed": True,
                        "kind": "indirect", "cue": "mengatakan"},
                       {"anchor": "Air mulai surut pagi ini", "speaker": "budi", "listed": True,
                        "kind": "direct", "cue": "kata"}],
        "estimates": [{"anchor": "12 warga mengungsi ke balai", "number": "12", "value": 12, "low": 12,
                       "high": 12, "qualifier": "exact", "measure": "displaced", "claimant": "budi"}]}


@pytest.fixture
def committed(tmp_path, monkeypatch):
    """A one-article dev set imported into a scratch HERE; returns the scratch text cache."""
    src = tmp_path / "src"
    (src / "texts").mkdir(parents=True)
    (src / "gold").mkdir()
    (src / "stories" / "flood").mkdir(parents=True)
    (src / "texts" / "fl_01.txt").write_text(TEXT, encoding="utf-8")
    (src / "gold" / "fl_01.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (src / "stories" / "flood" / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    (src / "articles_fl.csv").write_text("id,story,language,outlet,url,published,truncated\n"
                                         "fl_01,flood,id,Contoh,https://example.org/a,,false\n", encoding="utf-8")
    monkeypatch.setattr(devset, "HERE", tmp_path / "committed")
    assert devset.import_dir(src) == dict(articles=1, statements=2, estimates=1)
    cache = tmp_path / "cache"
    (cache / "texts").mkdir(parents=True)
    return cache


def _load(cache, text):
    (cache / "texts" / "fl_01.txt").write_text(text, encoding="utf-8")
    return devset.load(cache)


def test_the_annotated_text_loads_exactly(committed):
    d = _load(committed, TEXT)
    assert d["report"]["exact"] == ["fl_01"] and len(d["statements"]) == 2


def test_a_rebuilt_text_with_a_menu_line_is_scored_at_the_new_offsets(committed):
    d = _load(committed, "Beranda\n" + TEXT)
    assert d["report"]["relocated"] == ["fl_01"]
    est = d["estimates"][0]
    assert d["articles"][0]["text"][int(est["num_pos"]):int(est["num_pos"]) + 2] == "12"
    st = d["statements"][1]
    assert d["articles"][0]["text"][int(st["pos"]):].startswith("Air mulai surut")


@pytest.mark.parametrize("text", [
    TEXT.replace("12 warga", "21 warga"),            # a figure changed: its anchor is gone
    TEXT.replace("surut pagi", "surut  pagi"),       # a quotation re-typed
])
def test_a_text_whose_annotations_cannot_all_be_found_is_left_out(committed, text, capsys):
    d = _load(committed, text)
    assert d["articles"] == [] and d["statements"] == [] and d["report"]["broken"]
    assert "fl_01" in capsys.readouterr().err
    with pytest.raises(ValueError, match="fl_01"):
        devset.load(committed, strict=True)


def test_a_missing_text_is_named(committed, capsys):
    d = devset.load(committed)
    assert d["report"]["missing"] == ["fl_01"] and "fl_01 (missing)" in capsys.readouterr().err


@pytest.mark.parametrize("raw", [
    "Beranda\nBerita\n" + TEXT + "\nBaca berita tanpa iklan",
    "Beranda\n\n" + TEXT.replace("\n", "\n\n") + "\n\nEditor: Ani",
    TEXT + " Warga diminta tetap waspada karena hujan diperkirakan turun lag",   # cut mid-sentence
])
def test_restore_rebuilds_the_annotated_text_from_an_excerpt(committed, raw, tmp_path):
    (tmp_path / "raw.txt").write_text(raw, encoding="utf-8")
    msg = devset.restore(committed, "fl_01", tmp_path / "raw.txt")
    assert msg.startswith("fl_01: exact"), msg
    assert (committed / "texts" / "fl_01.txt").read_text(encoding="utf-8") == TEXT


def test_restore_writes_nothing_from_an_excerpt_of_another_page(committed, tmp_path):
    (tmp_path / "raw.txt").write_text("Gempa mengguncang kota lain.\nTidak ada korban.", encoding="utf-8")
    msg = devset.restore(committed, "fl_01", tmp_path / "raw.txt")
    assert "no rebuild fits; 0 of 3 anchors" in msg
    assert not (committed / "texts" / "fl_01.txt").exists()


def test_a_new_collection_is_added_without_changing_the_committed_one(committed, tmp_path):
    before = devset.load()
    src = tmp_path / "src2"
    for sub in ("texts", "gold", "stories/fire"):
        (src / sub).mkdir(parents=True)
    for n in ("01", "02"):
        (src / "texts" / f"fi_{n}.txt").write_text(TEXT.replace("Banjir", "Kebakaran"), encoding="utf-8")
        (src / "gold" / f"fi_{n}.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (src / "stories" / "fire" / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    (src / "articles_fi.csv").write_text("id,story,language,outlet,url,published,truncated\n"
                                         "fi_01,fire,id,A,https://a.example/1,,false\n"
                                         "fi_02,fire,id,B,https://b.example/2,,false\n", encoding="utf-8")
    assert devset.import_dir(src) == dict(articles=2, statements=4, estimates=2)
    after = devset.load()
    assert after["articles"][:1] == before["articles"] and after["statements"][:2] == before["statements"]
    assert [a["split"] for a in after["articles"][1:]] == ["dev", "test"]
    with pytest.raises(ValueError, match="fi_01"):
        devset.import_dir(src)


def test_restore_never_overwrites_a_cached_text(committed, tmp_path):
    (committed / "texts" / "fl_01.txt").write_text("the analyst's own copy", encoding="utf-8")
    (tmp_path / "raw.txt").write_text(TEXT, encoding="utf-8")
    assert "exists; nothing written" in devset.restore(committed, "fl_01", tmp_path / "raw.txt")
    assert (committed / "texts" / "fl_01.txt").read_text(encoding="utf-8") == "the analyst's own copy"


def test_restore_names_a_missing_excerpt(committed, tmp_path):
    assert devset.restore(committed, "fl_01", tmp_path / "nope.txt").endswith("nope.txt: no such file")


@pytest.mark.parametrize("gold, message", [
    ("{not json", "fi_01.json: Expecting property name"),
    (json.dumps({"statements": [{"speaker": "budi", "kind": "direct"}]}), "fi_01.json: statements[0] lacks anchor"),
    (json.dumps({"estimates": [{"anchor": "12 warga mengungsi"}]}), "fi_01.json: estimates[0] lacks number"),
])
def test_import_names_the_bad_gold_file_and_writes_nothing(committed, tmp_path, gold, message, capsys):
    before = {p.name: p.read_text(encoding="utf-8") for p in devset.HERE.glob("*.csv")}
    src = tmp_path / "src3"
    for sub in ("texts", "gold", "stories/fire"):
        (src / sub).mkdir(parents=True)
    (src / "texts" / "fi_01.txt").write_text(TEXT, encoding="utf-8")
    (src / "gold" / "fi_01.json").write_text(gold, encoding="utf-8")
    (src / "stories" / "fire" / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    (src / "articles_fi.csv").write_text("id,story,language,outlet,url,published,truncated\n"
                                         "fi_01,fire,id,A,https://a.example/1,,false\n", encoding="utf-8")
    assert devset.main(["import", str(src)]) == 2
    assert message in capsys.readouterr().err
    assert {p.name: p.read_text(encoding="utf-8") for p in devset.HERE.glob("*.csv")} == before


def test_import_of_a_folder_without_articles_is_refused(committed, tmp_path, capsys):
    assert devset.main(["import", str(tmp_path)]) == 2
    assert "no articles_*.csv" in capsys.readouterr().err


def test_accuracy_refuses_an_unknown_collection(capsys):
    from bench import accuracy
    with pytest.raises(SystemExit):
        accuracy.main(["/nonexistent", "--collections", "sixht"])
    assert "unknown sixht" in capsys.readouterr().err
