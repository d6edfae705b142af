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
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 8)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    main(["annotate", str(folder), "--out", str(tmp_path / "o1"), "--jobs", "3"])
    assert {k: seen.get(k) for k in ("jobs", "corrections", "n", "corpus")} == \
        {"jobs": 3, "corrections": "auto", "n": 1, "corpus": str(folder)}
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


# ----------------------------------------------------------------------------- reliability (issue 14)
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

from helpers import tables  # noqa: E402


def test_jobs_above_the_cpu_count_are_capped_with_a_warning(tmp_path, monkeypatch, capsys):
    seen = {}

    def annotate(articles, actors, **kwargs):
        seen.update(kwargs)
        raise cli.CorpusError("a.txt", "stop here")

    monkeypatch.setattr(cli, "annotate", annotate)
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    main(["annotate", str(folder), "--out", str(tmp_path / "o"), "--jobs", "1000"])
    assert seen["jobs"] == 2


def test_jobs_cap_warning_is_printed(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    assert main(["annotate", str(folder), "--out", str(tmp_path / "o"), "--jobs", "1000"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "warta: warning: --jobs 1000 is more than the 2 CPU(s) of this machine: using 2" in err


def test_annotate_writes_a_manifest_last_and_load_checks_it(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    out = tmp_path / "out"
    assert main(["annotate", str(folder), "--out", str(out)]) == 0
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(tables.TABLES)
    assert manifest["tables"]["articles"]["rows"] == 1
    assert tables.load_annotations(out).articles["article_id"].tolist() == ["a"]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".warta.lock") == []
    with open(out / "statements.csv", "a", encoding="utf-8") as fh:  # changed after the run
        fh.write("x\n")
    with pytest.raises(tables.TablesError, match=r"statements\.csv does not match MANIFEST\.json"):
        tables.load_annotations(out)
    (out / "MANIFEST.json").unlink()
    with pytest.raises(tables.TablesError) as err:
        tables.load_annotations(out)
    assert str(err.value).startswith(f"{out}: no MANIFEST.json") and "\n" not in str(err.value)


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_run_that_fails_half_way_leaves_no_complete_looking_output(tmp_path, monkeypatch, capsys, stop):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    out = tmp_path / "out"
    assert main(["annotate", str(folder), "--out", str(out)]) == 0  # a complete earlier run
    real, calls = tables._write_bytes, []

    def fails_on_the_third_file(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise stop(28, "No space left on device") if stop is OSError else stop()
        real(path, data)

    monkeypatch.setattr(tables, "_write_bytes", fails_on_the_third_file)
    capsys.readouterr()
    status = main(["annotate", str(folder), "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    if stop is KeyboardInterrupt:
        assert (status, err) == (130, ["warta: interrupted"])
    else:
        assert status == 1 and len(err) == 1 and "No space left on device" in err[0]
    assert not (out / "MANIFEST.json").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".writing-") or ".tmp" in p.name] == []
    with pytest.raises(tables.TablesError, match="no MANIFEST.json"):
        tables.load_annotations(out)


SLOW_WRITE = """
import sys, time
from helpers import tables
from helpers.__main__ import main
real, calls = tables._write_bytes, []
def slow(path, data):
    calls.append(path)
    real(path, data)
    if len(calls) == 2:
        print("writing", flush=True)
        time.sleep(60)
tables._write_bytes = slow
sys.exit(main(sys.argv[1:]))
"""


def _start(script: str, *args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize("sig, status, line", [(signal.SIGINT, 130, "warta: interrupted"),
                                                (signal.SIGTERM, 143, "warta: terminated")])
def test_a_signal_mid_write_prints_one_line_and_leaves_no_temporary_files(tmp_path, sig, status, line):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    out = tmp_path / "out"
    proc = _start(SLOW_WRITE, "annotate", folder, "--out", out)
    assert proc.stdout.readline() == "writing\n"
    assert [p for p in out.iterdir() if p.name.startswith(".writing-")]  # caught half way
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status and err.splitlines() == [line], err
    assert [p.name for p in out.iterdir() if p.name.startswith(".writing-") or p.name.endswith(".tmp")] == []
    assert not (out / "MANIFEST.json").exists()


def test_a_killed_run_leaves_an_incomplete_folder_that_the_next_run_cleans(tmp_path):
    folder = corpus(tmp_path, {"a.txt": ID_TEXT})
    out = tmp_path / "out"
    proc = _start(SLOW_WRITE, "annotate", folder, "--out", out)
    assert proc.stdout.readline() == "writing\n"
    proc.kill()
    proc.communicate(timeout=60)
    with pytest.raises(tables.TablesError, match="no MANIFEST.json"):
        tables.load_annotations(out)
    assert main(["annotate", str(folder), "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".writing-")] == []
    tables.load_annotations(out)


def test_two_runs_to_the_same_out_do_not_collide(tmp_path):
    out = tmp_path / "out"
    procs = [subprocess.Popen([sys.executable, "-m", "helpers", "annotate", str(SEEDS), "--out", str(out),
                               "--no-corrections"], cwd=ROOT,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    ann = tables.load_annotations(out)
    assert len(ann.articles) == 5 and [p.name for p in out.iterdir() if p.name.startswith(".writing-")] == []


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


@pytest.mark.skipif(not Path("/proc/self/task").exists() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux /proc and two CPUs")
def test_ctrl_c_with_worker_processes_is_one_line(tmp_path):
    """Ctrl-C reaches the whole process group (as in a terminal): the pool's workers must not
    print tracebacks of their own."""
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(3000):
        (folder / f"a{i:04d}.txt").write_text(f"{ID_TEXT} Nomor {i}: 3.000 tentara, kata Budi.",
                                             encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "annotate", str(folder), "--out",
                             str(tmp_path / "out"), "--jobs", "2"], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "finished before the pool started"
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and err.splitlines() == ["warta: interrupted"], err
    assert not (tmp_path / "out" / "MANIFEST.json").exists()
