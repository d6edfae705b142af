"""The dask engine (helpers/distributed.py): same tables as --jobs 1, cache and corrections as
usual, an existing cluster reached by its scheduler address, clear refusals.

Each test that computes starts a real two-worker LocalCluster of processes (~3 s): the worker
processes import ``helpers`` themselves, as on a cluster of other machines.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import distributed  # noqa: F401 - make test installs requirements-dask.txt: a missing dask fails

from bench import synth
from helpers import distributed as D
from helpers.__main__ import main
from helpers.corpus import load_actors_for, load_corpus
from helpers.pipeline import annotate

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("articles", "actors", "mentions", "statements", "estimates")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """250 synthetic articles (three tasks of 100) plus the five seed articles."""
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    synth.write_corpus(folder, 250, seed=3)
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


def test_dask_local_cluster_writes_the_tables_of_jobs_1(corpus, tmp_path):
    one, dask = tmp_path / "one", tmp_path / "dask"
    r1 = cli("annotate", corpus, "--out", one, "--jobs", "1")
    r2 = cli("annotate", corpus, "--out", dask, "--engine", "dask", "--jobs", "2")
    assert r1.returncode == 0, r1.stderr
    assert r2.returncode == 0, r2.stderr
    for name in TABLES:
        assert (dask / f"{name}.csv").read_bytes() == (one / f"{name}.csv").read_bytes(), name
    assert (dask / "MANIFEST.json").exists()
    for name in ("articles", "mentions", "statements", "estimates"):
        parts = sorted((dask / "parquet" / name).glob("part-*.parquet"))
        assert parts, name
        rows = sum(len(pd.read_parquet(p)) for p in parts)
        assert rows == len(pd.read_csv(one / f"{name}.csv")), name


def test_dask_engine_through_the_cache_and_corrections(corpus, tmp_path):
    articles, actors = load_corpus(corpus), load_actors_for(corpus)
    first = articles[articles["duplicate_of"].isna()].iloc[0]["article_id"]
    plain = annotate(articles, actors, jobs=1, corrections=None)
    sid = plain.statements[plain.statements["article_id"] == first]["statement_id"].iloc[0]
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("table,target_id,action,field,value,decided_at\n"
                           f"statements,{sid},reject,,,2024-11-01T10:00:00\n", encoding="utf-8")
    cache = tmp_path / "cache"
    ref = annotate(articles, actors, jobs=1, corrections=corrections)
    cold = annotate(articles, actors, jobs=2, engine="dask", cache=cache, corrections=corrections)
    warm = annotate(articles, actors, jobs=2, engine="dask", cache=cache, corrections=corrections)
    for name in ("mentions", "statements", "estimates"):
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(ref, name))
        pd.testing.assert_frame_equal(getattr(warm, name), getattr(ref, name))
    assert sid in set(plain.statements["statement_id"])
    assert sid not in set(ref.statements["statement_id"])  # the rejection was applied


def test_dask_scheduler_address_of_a_running_cluster(corpus, tmp_path):
    from distributed import LocalCluster

    one, dask = tmp_path / "one", tmp_path / "dask"
    assert main(["annotate", str(corpus), "--out", str(one), "--jobs", "1"]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        assert main(["annotate", str(corpus), "--out", str(dask), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
        assert len(cluster.workers) == 2  # Warta neither started nor stopped this cluster
    for name in TABLES:
        assert (dask / f"{name}.csv").read_bytes() == (one / f"{name}.csv").read_bytes(), name


def test_scheduler_needs_the_dask_engine(corpus, tmp_path, capsys):
    assert main(["annotate", str(corpus), "--out", str(tmp_path / "o"),
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_no_scheduler_at_the_address_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(D, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status = main(["annotate", str(corpus), "--out", str(tmp_path / "o"), "--engine", "dask",
                   "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err[-1].startswith(f"warta: no dask scheduler answers at tcp://127.0.0.1:{port}")
    assert not (tmp_path / "o" / "MANIFEST.json").exists()


def test_workers_with_other_code_are_refused(monkeypatch):
    class FakeClient:
        def run(self, fn):
            return {"tcp://10.0.0.9:1234": "another-version"}

    with pytest.raises(D.DaskError, match="other Warta code"):
        D._check_workers(FakeClient())


def test_chunk_task_is_the_pure_per_article_function():
    articles = load_corpus(ROOT / "seeds")
    actors = load_actors_for(ROOT / "seeds")
    from helpers.extract import annotate_article
    from helpers.pipeline import _article_dicts, _gazetteer
    from helpers.profile import load_profile

    arts, profile = _article_dicts(articles), load_profile(ROOT / "seeds")
    gaz = _gazetteer(actors)
    assert D.annotate_chunk(arts, actors, "k", profile) == [annotate_article(a, gaz, profile)
                                                            for a in arts]
