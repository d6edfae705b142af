"""Annotate on dask.distributed: the same pure per-article function, on more machines.

``run(articles, actors, profile, scheduler=None, workers=None)`` is the ``engine="dask"``
path of :func:`helpers.pipeline.annotate`: it sends chunks of article dicts to
``extract.annotate_article`` on the workers of a dask cluster and returns the per-article
results in the order of ``articles``, exactly as the process pool does. Everything around it
— the annotation cache, repeat groups, corrections, writing the tables — stays in the calling
process, so the tables are the same whichever engine computed them.

``scheduler``: the address of a running cluster's scheduler (``tcp://host:8786``); Warta never
starts or stops such a cluster (dask-jobqueue, dask-kubernetes or ``dask scheduler`` /
``dask worker`` do). Its workers must import the same Warta code (``helpers`` on their Python
path, same versions of the requirements): before any work is sent, every worker's code
fingerprint (``helpers.cache``) is compared with this process's and a mismatch is refused
with :class:`DaskError`. Without an address a ``LocalCluster`` of ``workers`` processes (default:
the CPU count) with one thread each is started for the run and closed after it.

``write_parquet(ann, out_dir)`` writes the tables as partitioned Parquet
(``parquet/<table>/part-NNNNN.parquet``, ``PARTITION_ARTICLES`` articles per part), what a
large corpus's next step (dask.dataframe, pyarrow, DuckDB) reads without parsing CSV.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CHUNK_ARTICLES = 100  # articles per task: large enough to hide the per-task overhead (~1 ms)
PARTITION_ARTICLES = 10_000
CONNECT_TIMEOUT = "20s"  # how long to wait for a scheduler at --scheduler ADDRESS

_GAZ: dict = {}  # per worker process: actors fingerprint -> Gazetteer (built once per process)


class DaskError(RuntimeError):
    """The dask engine cannot run (not installed, no scheduler at the address, other code)."""


def _gazetteer(actors, key: str):
    gaz = _GAZ.get(key)
    if gaz is None:
        from helpers import schema
        from helpers.actors import Gazetteer

        _GAZ.clear()
        gaz = _GAZ[key] = Gazetteer(schema.frame([], "actors") if actors is None else actors)
    return gaz


def annotate_chunk(chunk: list[dict], actors, actors_key: str, profile) -> list[dict]:
    """Task run on a worker: ``annotate_article`` over one chunk (a module-level function, so
    worker processes import it rather than unpickle code)."""
    from helpers.extract import annotate_article

    gaz = _gazetteer(actors, actors_key)
    return [annotate_article(a, gaz, profile) for a in chunk]


def code_fingerprint() -> str:
    from helpers.cache import _code_fingerprint

    return _code_fingerprint()


def _actors_key(actors) -> str:
    import hashlib

    import pandas as pd

    if actors is None or len(actors) == 0:
        return "none"
    h = pd.util.hash_pandas_object(actors.astype("string"), index=False).values.tobytes()
    return hashlib.sha256(h + ",".join(actors.columns).encode()).hexdigest()[:16]


def _client(scheduler, workers):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskError("the dask engine needs dask and distributed: "
                        "pip install -r requirements-dask.txt") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError) as exc:
            raise DaskError(f"no dask scheduler answers at {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    return Client(cluster), cluster


def _check_workers(client) -> None:
    here = code_fingerprint()
    theirs = client.run(code_fingerprint)
    if not theirs:
        raise DaskError("the dask cluster has no workers")
    other = sorted(addr for addr, fp in theirs.items() if fp != here)
    if other:
        raise DaskError(f"{len(other)} dask worker(s) run other Warta code than this process "
                        f"(e.g. {other[0]}): install the same version of Warta on the workers")


def run(articles: list[dict], actors, profile, scheduler: str | None = None,
        workers: int | None = None, chunk: int = CHUNK_ARTICLES) -> list[dict]:
    """Per-article results of ``articles`` (same order), computed on a dask cluster."""
    return list(iter_results(articles, actors, profile, scheduler, workers, chunk))


def iter_results(articles: list[dict], actors, profile, scheduler: str | None = None,
                 workers: int | None = None, chunk: int = CHUNK_ARTICLES):
    """:func:`run`, yielding each article's result in order as its chunk arrives (a chunk's
    result is released on the cluster once it is read)."""
    if not articles:
        return
    client, cluster = _client(scheduler, workers)
    try:
        try:
            _check_workers(client)
        except ModuleNotFoundError as exc:  # the workers cannot import helpers at all
            raise DaskError(f"the dask workers cannot import Warta ({exc}): put it on their "
                            "Python path") from None
        key = _actors_key(actors)
        actors_f = client.scatter(actors, broadcast=True)
        profile_f = client.scatter(profile, broadcast=True)
        # positional arguments: a future passed as a keyword argument next to a list of dicts
        # reached the task unresolved (KeyError) with dask 2026.8.0
        futures = [client.submit(annotate_chunk, articles[i:i + chunk], actors_f, key, profile_f,
                                 pure=False) for i in range(0, len(articles), chunk)]
        for i in range(len(futures)):
            part = futures[i].result()
            futures[i] = None  # the cluster may forget it
            yield from part
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_parquet(ann, out_dir, per_part: int = PARTITION_ARTICLES) -> Path:
    """``out_dir/parquet/<table>/part-NNNNN.parquet``: articles, mentions, statements and
    estimates in parts of ``per_part`` articles (article order), written to a temporary folder
    and moved in whole. Returns the ``parquet`` folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".parquet-", dir=out))
    try:
        ids = ann.articles["article_id"].astype("string").tolist()
        part_of = {a: i // per_part for i, a in enumerate(ids)}
        n_parts = max(1, -(-len(ids) // per_part))
        for name in ("articles", "mentions", "statements", "estimates"):
            df = getattr(ann, name)
            part = df["article_id"].astype("string").map(part_of).fillna(0).astype(int)
            (tmp / name).mkdir()
            for p in range(n_parts):
                sub = df[part.to_numpy() == p].reset_index(drop=True)
                sub.to_parquet(tmp / name / f"part-{p:05d}.parquet", index=False)
        final = out / "parquet"
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
        return final
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
