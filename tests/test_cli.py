"""Tests for ``python -m helpers``: annotate on seeds and on bad corpora, briefing plumbing.

Subprocess tests run the real command; in-process tests (``main([...])``) stand in fake
modules for the parts other engineers write, so the argument plumbing is tested on its own.
"""
from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from helpers import schema
from helpers import __main__ as cli
from helpers.__main__ import main
from helpers.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ID_TEXT = ("Menteri itu mengatakan bahwa pasukan tersebut telah tiba di pelabuhan dan akan "
           "berlatih dengan tentara dari negara lain.")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def listing(folder: Path) -> dict:
    return {p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def corpus(tmp_path: Path, files: dict, metadata: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def read_table(path: Path) -> pd.DataFrame:
    path.read_bytes().decode("utf-8")  # strict UTF-8
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


# ----------------------------------------------------------------------------- seeds
@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    before = listing(SEEDS)
    proc = run("annotate", SEEDS, "--out", out, "--no-corrections")
    assert listing(SEEDS) == before, "the command changed seeds/"
    return proc, out


def test_seeds_articles_csv_round_trips(seeds_run):
    proc, out = seeds_run
    assert proc.returncode == 0, proc.stderr
    df = read_table(out / "articles.csv")
    assert list(df.columns) == schema.ARTICLES
    expected = load_corpus(SEEDS)
    assert df["article_id"].tolist() == expected["article_id"].tolist()
    assert df["text"].tolist() == expected["text"].tolist()  # newlines, curly quotes survive
    assert df["published"].fillna("").tolist() == \
        expected["published"].dt.strftime("%Y-%m-%d").fillna("").tolist()
    assert "\u201c" in (out / "articles.csv").read_text(encoding="utf-8")


def test_seeds_annotation_tables(seeds_run):
    proc, out = seeds_run
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    for name in ("actors", "mentions", "statements", "estimates"):
        df = read_table(out / f"{name}.csv")
        assert list(df.columns)[:len(schema.COLUMNS[name])] == schema.COLUMNS[name]
    assert len(read_table(out / "statements.csv")) > 0
    assert proc.stdout.startswith("wrote 5 articles")


# ----------------------------------------------------------------------------- bad input
BAD_CORPORA = {
    "missing folder": (None, None, "nope: no such folder"),
    "no txt files": ({"readme.md": "x"}, None, "corpus: no .txt files"),
    "only empty files": ({"a.txt": b"", "b.txt": b"  \n"}, None, "no readable articles"),
    "bad date": ({"a.txt": ID_TEXT}, "file,published\na.txt,32/13/2024\n",
                 "metadata.csv row 2: cannot read published date '32/13/2024'"),
    "no file column": ({"a.txt": ID_TEXT}, "name,outlet\na.txt,A\n",
                       "metadata.csv row 1: no 'file' column"),
    "duplicate row": ({"a.txt": ID_TEXT}, "file\na.txt\na.txt\n",
                      "metadata.csv row 3: file 'a.txt' is already listed in row 2"),
}


@pytest.mark.parametrize("case", sorted(BAD_CORPORA))
def test_bad_corpus_exits_with_one_line(tmp_path, case):
    files, meta, message = BAD_CORPORA[case]
    folder = tmp_path / "nope" if files is None else corpus(tmp_path, files, meta)
    before = listing(folder) if folder.exists() else None
    out = tmp_path / "out"
    proc = run("annotate", folder, "--out", out)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warta: ") and message in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not out.exists()
    if before is not None:
        assert listing(folder) == before


def test_skipped_file_is_a_warning_line_not_a_failure(tmp_path, capsys):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT, "blank.txt": b""})
    assert main(["annotate", str(folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "warta: warning: blank.txt: empty file, skipped" in err


def test_bad_actors_yaml_exits_with_one_line(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    (folder / "actors.yaml").write_text("actors:\n  - id: [unclosed\n", encoding="utf-8")
    proc = run("annotate", folder, "--out", tmp_path / "out")
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("warta: ") and "actors.yaml" in lines[0]


def fake_module(monkeypatch, name: str, **attrs) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def test_corrections_error_exits_with_one_line(tmp_path, monkeypatch, capsys):
    class CorrectionsError(ValueError):
        pass

    def annotate(*args, **kwargs):
        raise CorrectionsError("corrections.csv row 4: no such statement_id\nsecond line")

    monkeypatch.setattr(cli, "CorrectionsError", CorrectionsError)
    monkeypatch.setattr(cli, "INPUT_ERRORS", (CorrectionsError,))
    monkeypatch.setattr(cli, "annotate", annotate)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    assert main(["annotate", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["warta: corrections.csv row 4: no such statement_id second line"]


def test_jobs_and_corrections_flags_reach_annotate(tmp_path, monkeypatch, capsys):
    seen = {}

    def annotate(articles, actors, **kwargs):
        seen.update(kwargs, n=len(articles), corpus=articles.attrs["corpus"])
        raise cli.CorpusError("a.txt", "stop here")  # keeps the test independent of Annotations

    monkeypatch.setattr(cli, "annotate", annotate)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    main(["annotate", str(folder), "--out", str(tmp_path / "o1"), "--jobs", "3"])
    assert seen == {"jobs": 3, "corrections": "auto", "n": 1, "corpus": str(folder)}
    main(["annotate", str(folder), "--out", str(tmp_path / "o2"), "--no-corrections"])
    assert seen["jobs"] == 1 and seen["corrections"] is None


# ----------------------------------------------------------------------------- --out
@pytest.mark.parametrize("out", [".", "sub", "sub/deeper", "../corpus/sub"])
def test_refuses_out_inside_corpus(tmp_path, out):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    before = listing(folder)
    proc = run("annotate", folder, "--out", folder / out)
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert "inside the corpus folder" in lines[0]
    assert listing(folder) == before and sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_out_beside_the_corpus_is_allowed(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    assert main(["annotate", str(folder), "--out", str(tmp_path / "corpus-out")]) == 0
    assert (tmp_path / "corpus-out" / "articles.csv").exists()


@pytest.mark.parametrize("argv", [
    ["annotate", "seeds"],
    ["annotate", "seeds", "--out", "x", "--jobs", "0"],
    ["annotate", "seeds", "--out", "x", "--jobs", "many"],
    ["briefing", "seeds", "--out", "x", "--start", "2024-13-01"],
    ["briefing", "seeds", "--out", "x", "--end", "24/10/2024"],
    ["frobnicate", "seeds"],
])
def test_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


# ----------------------------------------------------------------------------- briefing
def test_briefing_plumbing(tmp_path, monkeypatch):
    calls = []
    fake_module(monkeypatch, "helpers.briefing", run=lambda **kw: calls.append(kw))
    out = tmp_path / "build"
    assert main(["briefing", str(SEEDS), "--out", str(out), "--start", "2024-10-20",
                 "--end", "2024-10-31", "--title", "Pasukan Korea Utara"]) == 0
    assert calls == [{"corpus": str(SEEDS), "out": str(out), "start": "2024-10-20",
                      "end": "2024-10-31", "title": "Pasukan Korea Utara"}]
    assert main(["briefing", str(SEEDS), "--out", str(out)]) == 0
    assert calls[-1] == {"corpus": str(SEEDS), "out": str(out), "start": None, "end": None,
                         "title": None}


def test_briefing_refuses_out_inside_corpus_before_running(tmp_path, monkeypatch, capsys):
    calls = []
    fake_module(monkeypatch, "helpers.briefing", run=lambda **kw: calls.append(kw))
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    assert main(["briefing", str(folder), "--out", str(folder / "build")]) == 2
    assert calls == [] and not (folder / "build").exists()
    assert capsys.readouterr().err.startswith("warta: --out ")


def test_briefing_bad_corpus_is_one_line(tmp_path, monkeypatch, capsys):
    from helpers.corpus import CorpusError

    def brief_run(**kw):
        raise CorpusError(Path(kw["corpus"]) / "metadata.csv", "cannot read", 3)

    fake_module(monkeypatch, "helpers.briefing", run=brief_run)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    assert main(["briefing", str(folder), "--out", str(tmp_path / "b")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"warta: {folder / 'metadata.csv'} row 3: cannot read"]


def test_jobs_give_the_same_tables(seeds_run, tmp_path):
    _, out1 = seeds_run
    proc = run("annotate", SEEDS, "--out", tmp_path, "--no-corrections", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    for name in ("articles", "mentions", "statements", "estimates"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (out1 / f"{name}.csv").read_bytes()
