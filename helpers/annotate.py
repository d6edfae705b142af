"""Run the extractors over a corpus and return tidy tables (``Annotations``).

``annotate_article(article, gaz)`` is pure: one article dict in, plain row dicts out, no I/O and
no shared state, so the same function can run in a process pool (``jobs``) or later on Dask or
Spark partitions. ``annotate`` adds what needs the whole corpus: repeat groups (the same
statement or claim reported by several articles) and the analyst's corrections.

Duplicate articles (``articles.duplicate_of`` set by the loader) are not annotated again, so a
file saved twice never counts twice. With ``cache=DIR`` the per-article rows of unchanged
articles are read back from the annotation cache (``helpers.cache``) instead of recomputed.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema

TABLES = ("articles", "actors", "mentions", "statements", "estimates")
ROW_TABLES = ("mentions", "statements", "estimates")  # the tables built from per-article rows


@dataclass
class Annotations:
    """The annotated corpus: one DataFrame per table (columns in helpers/schema.py)."""

    articles: pd.DataFrame
    actors: pd.DataFrame
    mentions: pd.DataFrame
    statements: pd.DataFrame
    estimates: pd.DataFrame
    unmatched_corrections: list = field(default_factory=list)
    rejected: pd.DataFrame | None = None
    corrections_path: str | None = None

    def to_csv(self, out_dir) -> list[Path]:
        """Write every table as UTF-8 CSV (dates as YYYY-MM-DD) into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in TABLES:
            df = getattr(self, name).copy()
            for col in df.columns:
                if pd.api.types.is_datetime64_any_dtype(df[col]):
                    df[col] = df[col].dt.strftime("%Y-%m-%d")
            path = out / f"{name}.csv"
            tmp = path.with_suffix(".csv.tmp")
            df.to_csv(tmp, index=False, encoding="utf-8")
            os.replace(tmp, path)
            written.append(path)
        return written

    def summary(self) -> pd.DataFrame:
        """Per-article counts of statements and estimates (for the corpus overview)."""
        a = self.articles[["article_id", "outlet", "published", "n_words"]].copy()
        for name in ("statements", "estimates"):
            counts = getattr(self, name).groupby("article_id").size()
            a[name] = a["article_id"].map(counts).fillna(0).astype(int)
        return a


def load_annotations(in_dir) -> Annotations:
    """Read tables written by :meth:`Annotations.to_csv` back with their dtypes."""
    in_dir = Path(in_dir)
    tables = {}
    for name in TABLES:
        path = in_dir / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path}: missing (expected the output of 'python -m helpers annotate')")
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        if "listed" in df:
            df["listed"] = df["listed"].map({"True": True, "False": False})
        tables[name] = schema.frame(df.to_dict("records"), name)
    return Annotations(**tables)


# --------------------------------------------------------------------------- per article

def _gazetteer(actors: pd.DataFrame | None):
    from .actors import Gazetteer

    if actors is None:
        actors = schema.frame([], "actors")
    return Gazetteer(actors)


def annotate_article(article: dict, gaz) -> dict:
    """Annotate one article (dict with article_id, text, published, outlet). Pure."""
    from .context import ArticleContext
    from .estimates import extract_estimates
    from .statements import extract_statements

    aid = article["article_id"]
    ctx = ArticleContext(article, gaz)  # sentences, quotes, mentions, dates: computed once
    mentions = [dict(m, article_id=aid) for m in ctx.mentions]
    statements = extract_statements(article, gaz, ctx)
    estimates = extract_estimates(article, gaz, statements, ctx)
    return {"mentions": mentions, "statements": statements, "estimates": estimates}


def _article_dicts(articles: pd.DataFrame) -> list[dict]:
    todo = articles
    if "duplicate_of" in todo:
        todo = todo[todo["duplicate_of"].isna()]
    cols = ["article_id", "text", "published", "outlet"]
    out = []
    for rec in todo[cols].to_dict("records"):
        rec = {k: (None if (not isinstance(v, str) and pd.isna(v) and k != "published") else v)
               for k, v in rec.items()}
        rec["text"] = rec["text"] or ""
        out.append(rec)
    return out


_WORKER_GAZ = None


def _init_worker(actors):
    global _WORKER_GAZ
    _WORKER_GAZ = _gazetteer(actors)


def _run_chunk(chunk):
    return [annotate_article(a, _WORKER_GAZ) for a in chunk]


def _run(articles: list[dict], actors, jobs: int) -> list[dict]:
    if jobs <= 1 or len(articles) < 2 * jobs:
        gaz = _gazetteer(actors)
        return [annotate_article(a, gaz) for a in articles]
    size = max(1, min(500, len(articles) // (jobs * 4) or 1))
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(actors,)) as ex:
        return [r for part in ex.map(_run_chunk, chunks) for r in part]


# --------------------------------------------------------------------------- whole corpus

def _row_tables(articles: list[dict], actors, jobs: int, cache) -> dict[str, pd.DataFrame]:
    """The per-article rows of every article as typed tables, through the cache when given."""
    if cache is None or cache is False:
        results = _run(articles, actors, jobs)
        return {t: schema.frame([r for res in results for r in res[t]], t) for t in ROW_TABLES}
    from . import cache as cache_mod

    K, P = cache_mod.KEY, cache_mod.POS
    store = cache_mod.Store(cache_mod.default_dir() if cache is True else cache, actors)
    keys = [cache_mod.article_key(a) for a in articles]
    old = store.read()
    have = set(old["keys"][K]) if old else set()
    todo = [(k, a) for k, a in zip(keys, articles) if k not in have]
    results = _run([a for _, a in todo], actors, jobs)
    order = {k: i for i, k in enumerate(keys)}
    tables = {"keys": pd.DataFrame({K: pd.array(list(order), dtype="string")})}
    for t in ROW_TABLES:
        new = schema.frame([r for res in results for r in res[t]], t)
        new[K] = pd.array([k for (k, _), res in zip(todo, results) for _ in res[t]], dtype="string")
        new[P] = pd.array([i for res in results for i in range(len(res[t]))], dtype="Int64")
        df = new if not old else pd.concat([old[t][old[t][K].isin(order)], new], ignore_index=True)
        tables[t] = df.assign(_order=df[K].map(order)).sort_values(["_order", P], kind="stable") \
            .drop(columns="_order").reset_index(drop=True)
    if todo or len(have) != len(order):  # new, changed or removed articles
        store.write(tables)
    return {**{t: tables[t].drop(columns=[K, P]) for t in ROW_TABLES}, "store": store}


def annotate(articles: pd.DataFrame, actors: pd.DataFrame | None = None, *, jobs: int = 1,
             corrections="auto", cache=None) -> Annotations:
    """Annotate every article; returns :class:`Annotations`.

    ``actors``: the actors table; by default the corpus's ``actors.yaml`` (when the articles
    came from :func:`helpers.load_corpus`), else an empty gazetteer (every speaker unlisted).

    ``cache``: a folder (or True for :func:`helpers.cache.default_dir`) where per-article rows
    are kept, so unchanged articles are not annotated again (see helpers/cache.py); the
    result is the same as without it. Default None: no cache.

    ``corrections``: ``"auto"`` applies ``corrections.csv`` beside the corpus when the
    articles came from :func:`helpers.load_corpus` and the file exists; a path applies that
    file; ``None`` or ``False`` applies nothing.
    """
    if actors is None:
        actors = _default_actors(articles)
    rows = _row_tables(_article_dicts(articles), actors, max(1, int(jobs or 1)), cache)
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
    path = _corrections_path(articles, corrections)
    if path is not None:
        from .review import apply_corrections

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


# --------------------------------------------------------------------------- repeat groups

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text) -> frozenset:
    return frozenset(w for w in _WORD.findall(str(text).lower()) if len(w) > 2)


class _UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group_labels(ids: list[str], uf: _UnionFind) -> list[str]:
    # Label each group by the smallest id in it: stable across runs and row orders.
    best: dict[int, str] = {}
    for i, sid in enumerate(ids):
        root = uf.find(i)
        if root not in best or sid < best[root]:
            best[root] = sid
    return ["g:" + best[uf.find(i)] for i in range(len(ids))]


def statement_repeat_groups(st: pd.DataFrame, threshold: float = 0.6,
                            max_postings: int = 200) -> pd.Series:
    """Same speaker and near-identical words (Jaccard >= threshold) -> one repeat group.

    Candidate pairs come from an inverted index of word 3-grams within each speaker, so the
    cost grows with the number of similar statements, not with the square of the corpus.
    """
    n = len(st)
    if n == 0:
        return pd.Series([], dtype="string", index=st.index)
    ids = st["statement_id"].astype(str).tolist()
    speakers = st["speaker_id"].fillna(st["speaker"].str.lower()).fillna("?").astype(str).tolist()
    texts = st["text"].fillna("").astype(str).tolist()
    words = [_words(t) for t in texts]
    uf = _UnionFind(n)
    # identical word sets of one speaker are one statement (Jaccard 1): joined at once, and only
    # one of them is compared with the rest (wire copy repeated verbatim costs nothing)
    first: dict[tuple, int] = {}
    reps = []
    for i in range(n):
        key = (speakers[i], words[i])
        if words[i] and key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
            reps.append(i)
    postings: dict[tuple, list[int]] = defaultdict(list)
    for i in reps:
        t = texts[i]
        toks = [w for w in _WORD.findall(t.lower())]
        grams = {tuple(toks[k:k + 3]) for k in range(max(1, len(toks) - 2))}
        for g in grams:
            postings[(speakers[i], g)].append(i)
    failed = set()  # pairs compared and found different
    sizes = [len(w) for w in words]
    # statements that share one 3-gram usually share many: each distinct list is walked once
    for members in {tuple(m) for m in postings.values() if 2 <= len(m) <= max_postings}:
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                la, lb = sizes[a], sizes[b]
                if not la or not lb or min(la, lb) < threshold * max(la, lb):
                    continue  # Jaccard <= min/max: too different in length
                if (a, b) in failed or uf.find(a) == uf.find(b):
                    continue  # already compared, or already one group (same components)
                wa, wb = words[a], words[b]
                if len(wa & wb) / len(wa | wb) >= threshold:
                    uf.union(a, b)
                else:
                    failed.add((a, b))
    return pd.Series(_group_labels(ids, uf), index=st.index, dtype="string")


def estimate_repeat_groups(est: pd.DataFrame) -> pd.Series:
    """Same claimant, value and category -> one claim (reported once or many times).

    Figures without a claimant are grouped only when their sentences are word-for-word equal.
    """
    n = len(est)
    if n == 0:
        return pd.Series([], dtype="string", index=est.index)
    ids = est["estimate_id"].astype(str).tolist()
    uf = _UnionFind(n)
    first: dict[tuple, int] = {}
    claimant = est["claimant_id"].fillna(est["claimant"].str.lower())
    cols = zip(claimant, est["value"], est["category"], est["sentence"])
    for i, (c, v, cat, sent) in enumerate(cols):
        c, v, cat, sent = (None if pd.isna(x) else x for x in (c, v, cat, sent))
        vkey = None if v is None else float(v)
        key = (c, vkey, cat) if c is not None else ("?", vkey, cat, sent)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
    return pd.Series(_group_labels(ids, uf), index=est.index, dtype="string")
