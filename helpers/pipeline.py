"""Annotate a whole corpus: ``annotate(articles, actors)`` -> ``Annotations`` (tidy tables).

The per-article step is ``extract.annotate_article`` (pure: one article dict in, plain row
dicts out), run here in one process or a process pool (``jobs``), or on a dask.distributed
cluster (``engine="dask"``, :mod:`helpers.distributed`). ``annotate`` adds what needs the whole
corpus: repeat groups (the same statement or claim reported by several articles) and the
analyst's corrections.

Duplicate articles (``articles.duplicate_of`` set by the loader) are not annotated again, so a
file saved twice never counts twice. With ``cache=DIR`` the per-article rows of unchanged
articles are read back from the annotation cache (``helpers.cache``) instead of recomputed.
"""
from __future__ import annotations

import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from . import schema
from .extract import annotate_article
from .profile import load_profile
from .repeats import estimate_repeat_groups, statement_repeat_groups
from .tables import ROW_TABLES, Annotations



def _gazetteer(actors: pd.DataFrame | None):
    from .actors import Gazetteer

    if actors is None:
        actors = schema.frame([], "actors")
    return Gazetteer(actors)


def _article_dicts(articles: pd.DataFrame) -> list[dict]:
    todo = articles
    if "duplicate_of" in todo:
        todo = todo[todo["duplicate_of"].isna()]
    cols = [c for c in ("article_id", "text", "published", "outlet", "language") if c in todo]
    out = []
    for rec in todo[cols].to_dict("records"):
        rec = {k: (None if (not isinstance(v, str) and pd.isna(v) and k != "published") else v)
               for k, v in rec.items()}
        rec["text"] = rec["text"] or ""
        out.append(rec)
    return out


_WORKER_GAZ = None
_WORKER_PROFILE = None


def _init_worker(actors, profile):
    global _WORKER_GAZ, _WORKER_PROFILE
    _WORKER_GAZ, _WORKER_PROFILE = _gazetteer(actors), profile


def _run_chunk(chunk):
    return [annotate_article(a, _WORKER_GAZ, _WORKER_PROFILE) for a in chunk]


def _cap_jobs(jobs: int) -> int:
    """No more worker processes than CPUs (``--jobs 1000`` must not start 1,000), with a warning."""
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        import warnings

        warnings.warn(f"jobs={jobs} is more than the {cpus} CPU(s) of this machine: using {cpus}",
                      stacklevel=3)
        return cpus
    return jobs


ENGINES = ("processes", "dask")


def _iter_results(articles: list[dict], actors, jobs: int, profile=None, engine: str = "processes",
                  scheduler: str | None = None):
    """The per-article results of ``articles``, in order, as they are computed."""
    if engine == "dask":
        from .distributed import iter_results

        yield from iter_results(articles, actors, profile, scheduler=scheduler,
                                workers=None if scheduler else _cap_jobs(jobs) if jobs > 1 else None)
        return
    jobs = _cap_jobs(jobs)
    if jobs <= 1 or len(articles) < 2 * jobs:
        gaz = _gazetteer(actors)
        for a in articles:
            yield annotate_article(a, gaz, profile)
        return
    size = max(1, min(500, len(articles) // (jobs * 4) or 1))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(actors, profile)) as ex:
        for part in ex.map(_run_chunk, chunks):
            yield from part


def _run(articles: list[dict], actors, jobs: int, profile=None, engine: str = "processes",
         scheduler: str | None = None):
    """The per-article results of ``articles``: an iterator, in order, as they are computed."""
    return _iter_results(articles, actors, jobs, profile, engine, scheduler)


# --------------------------------------------------------------------------- whole corpus

BATCH_ARTICLES = 2000  # rows are turned into typed frames this many articles at a time


def _frames(results, batch: int = BATCH_ARTICLES) -> dict[str, pd.DataFrame]:
    """Typed tables of the per-article ``results`` (an iterable, consumed once), plus the
    ``_n`` rows per article of each table. Built ``batch`` articles at a time, so a large
    corpus never holds every row as a Python dict at once (about 65 KB per article)."""
    parts: dict[str, list] = {t: [] for t in ROW_TABLES}
    counts: dict[str, list] = {t: [] for t in ROW_TABLES}
    pending: list[dict] = []

    def flush():
        for res in pending:
            if res.get("_error"):
                warnings.warn(f"article {res['_article']!r}: the annotator failed on it ({res['_error']}); "
                              "its statements and figures are left out. Please report the article.",
                              stacklevel=4)
        for t in ROW_TABLES:
            parts[t].append(schema.frame([r for res in pending for r in res[t]], t))
            counts[t].extend(len(res[t]) for res in pending)
        pending.clear()

    for res in results:
        pending.append(res)
        if len(pending) >= batch:
            flush()
    if pending or not parts[ROW_TABLES[0]]:
        flush()
    out = {t: _concat(parts[t], t) for t in ROW_TABLES}
    out["_n"] = counts
    return out


def _concat(frames: list[pd.DataFrame], table: str) -> pd.DataFrame:
    """``frames`` of one table as one, as ``schema.frame`` of all their rows would give it:
    extra columns (not in the schema) in first-seen order, NA where a part has none."""
    if len(frames) == 1:
        return frames[0]
    cols: list[str] = []
    for f in frames:
        cols += [c for c in f.columns if c not in cols]
    fixed = []
    for f in frames:
        missing = [c for c in cols if c not in f.columns]
        if missing:
            f = f.copy()
            for c in missing:
                dtype = schema.frame([{c: None}], table)[c].dtype
                f[c] = pd.array([pd.NA] * len(f), dtype=dtype)
        fixed.append(f[cols])
    return pd.concat(fixed, ignore_index=True)


def _row_tables(articles: list[dict], actors, jobs: int, cache, profile,
                engine: dict | None = None) -> dict[str, pd.DataFrame]:
    """The per-article rows of every article as typed tables, through the cache when given."""
    engine = engine or {}
    if cache is None or cache is False:
        out = _frames(_run(articles, actors, jobs, profile, **engine))
        return {t: out[t] for t in ROW_TABLES}
    from . import cache as cache_mod

    K, P = cache_mod.KEY, cache_mod.POS
    store = cache_mod.Store(cache_mod.default_dir() if cache is True else cache, actors, profile.digest)
    keys = [cache_mod.article_key(a) for a in articles]
    old = store.read()
    have = set(old["keys"][K]) if old else set()
    todo = [(k, a) for k, a in zip(keys, articles) if k not in have]
    if old and not todo and old["keys"][K].tolist() == keys:  # a plain re-run: stored as is
        return {**{t: old[t].drop(columns=[K, P]) for t in ROW_TABLES}, "store": store}
    built = _frames(_run([a for _, a in todo], actors, jobs, profile, **engine))
    order = {k: i for i, k in enumerate(keys)}
    tables = {"keys": pd.DataFrame({K: pd.array(list(order), dtype="string")})}
    for t in ROW_TABLES:
        new, counts = built[t], built["_n"][t]
        new[K] = pd.array([k for (k, _), n in zip(todo, counts) for _ in range(n)], dtype="string")
        new[P] = pd.array([i for n in counts for i in range(n)], dtype="Int64")
        df = new if not old else pd.concat([old[t][old[t][K].isin(order)], new], ignore_index=True)
        tables[t] = df.assign(_order=df[K].map(order)).sort_values(["_order", P], kind="stable") \
            .drop(columns="_order").reset_index(drop=True)
    if todo or len(have) != len(order):  # new, changed or removed articles
        store.write(tables)
    return {**{t: tables[t].drop(columns=[K, P]) for t in ROW_TABLES}, "store": store}


def annotate(articles: pd.DataFrame, actors: pd.DataFrame | None = None, *, jobs: int = 1,
             corrections="auto", cache=None, profile=None, engine: str = "processes",
             scheduler: str | None = None) -> Annotations:
    """Annotate every article; returns :class:`Annotations`.

    ``actors``: the actors table; by default the corpus's ``actors.yaml`` (when the articles
    came from :func:`helpers.load_corpus`), else an empty gazetteer (every speaker unlisted).

    ``profile``: the story profile (:mod:`helpers.profile`); by default the corpus's
    ``story.yaml``, else the default profile.

    ``cache``: a folder (or True for :func:`helpers.cache.default_dir`) where per-article rows
    are kept, so unchanged articles are not annotated again (see helpers/cache.py); the
    result is the same as without it. Default None: no cache.

    ``engine``: ``"processes"`` (default: this process, or a pool of ``jobs`` processes) or
    ``"dask"`` (:mod:`helpers.distributed`: the cluster whose scheduler listens at ``scheduler``,
    else a LocalCluster of ``jobs`` worker processes, default one per CPU). The tables are the
    same whichever engine computes them; the cache and corrections work the same way.

    ``corrections``: ``"auto"`` applies ``corrections.csv`` beside the corpus when the
    articles came from :func:`helpers.load_corpus` and the file exists; a path applies that
    file; ``None`` or ``False`` applies nothing.
    """
    if actors is None:
        actors = _default_actors(articles)
    if profile is None:
        profile = load_profile(articles.attrs.get("corpus"))
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    rows = _row_tables(_article_dicts(articles), actors, max(1, int(jobs or 1)), cache, profile,
                       {"engine": engine, "scheduler": scheduler})
    mentions, statements, estimates = rows["mentions"], rows["statements"], rows["estimates"]
    store = rows.get("store")
    groups = store.read_groups(statements, estimates) if store else None
    if groups is None:  # corpus-wide: computed unless the cache holds them for these very rows
        groups = (statement_repeat_groups(statements).astype("string"),
                  estimate_repeat_groups(estimates).astype("string"))
        if store:
            store.write_groups(statements, estimates, *groups)
    statements["repeat_group"] = groups[0].to_numpy()
    estimates["repeat_group"] = groups[1].to_numpy()
    statements["repeat_group"] = statements["repeat_group"].astype("string")
    estimates["repeat_group"] = estimates["repeat_group"].astype("string")
    ann = Annotations(articles=articles, actors=actors, mentions=mentions,
                      statements=statements, estimates=estimates)
    ann.profile = profile
    path = _corrections_path(articles, corrections)
    if path is not None:
        from .review_apply import apply_corrections

        ann = apply_corrections(ann, path)
        ann.corrections_path = str(path)
    return ann


def _default_actors(articles: pd.DataFrame) -> pd.DataFrame:
    """The corpus's own actors.yaml when the articles came from load_corpus, else none."""
    corpus = articles.attrs.get("corpus")
    if corpus is not None and (Path(corpus) / "actors.yaml").exists():
        from .actors import load_actors

        return load_actors(Path(corpus) / "actors.yaml")
    return schema.frame([], "actors")


def _corrections_path(articles: pd.DataFrame, corrections):
    if corrections is None or corrections is False:
        return None
    if isinstance(corrections, (str, os.PathLike)) and str(corrections) != "auto":
        return Path(corrections)
    corpus = articles.attrs.get("corpus")
    if corpus is None:
        return None
    path = Path(corpus) / "corrections.csv"
    return path if path.exists() else None


