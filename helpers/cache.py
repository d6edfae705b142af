"""Annotation cache: re-running a notebook on the same corpus does not annotate it again.

``annotate(articles, actors, cache=DIR)`` keeps the per-article rows (mentions, statements,
estimates, before repeat groups and corrections) in ``DIR/<fingerprint>/<table>.parquet``.
The fingerprint covers the extractor code (every ``helpers/*.py``) and the gazetteer (the
actors table), so a change to either starts a fresh cache. Inside it each row carries its
article's key, a hash of the article's id, text, publication date and outlet: an edited or new
article is annotated again, an unchanged one is read back, a removed one is dropped when the
cache is rewritten. Repeat groups and the analyst's corrections are always computed afresh,
so the result equals an uncached run (tested).

The cache holds derived data only; it lives outside the corpus (default ``build/cache`` in
the checkout, or ``WARTA_CACHE``), is written atomically (temporary file, then rename), is
read as Parquet (no pickle), and a damaged or unreadable cache is ignored with a warning and
rebuilt. Deleting the folder is always safe.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import pandas as pd

ROW_TABLES = ("keys", "mentions", "statements", "estimates")  # keys: every article cached
KEY, POS = "_article_key", "_row"
_HELPERS = Path(__file__).resolve().parent


def default_dir() -> Path:
    """``WARTA_CACHE`` if set, else ``build/cache`` in the checkout holding helpers/."""
    env = os.environ.get("WARTA_CACHE")
    return Path(env) if env else _HELPERS.parent / "build" / "cache"


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for p in sorted(_HELPERS.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def fingerprint(actors: pd.DataFrame) -> str:
    """Code + gazetteer: the folder name of a cache generation."""
    h = hashlib.sha256(_code_fingerprint().encode())
    h.update(actors.to_csv(index=False).encode("utf-8"))
    return h.hexdigest()[:20]


def article_key(article: dict) -> str:
    """Hash of what the extractors read from one article."""
    pub = article.get("published")
    pub = "" if pub is None or pd.isna(pub) else pd.Timestamp(pub).isoformat()
    parts = [article.get("article_id") or "", article.get("text") or "", pub, article.get("outlet") or ""]
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


class Store:
    """One cache generation: ``read()`` the row tables, ``write(tables)`` them back."""

    def __init__(self, root, actors: pd.DataFrame):
        self.dir = Path(root) / fingerprint(actors)

    def read(self) -> dict[str, pd.DataFrame] | None:
        """The cached tables (each with KEY and POS columns), or None when there are none."""
        paths = {t: self.dir / f"{t}.parquet" for t in ROW_TABLES}
        if not all(p.exists() for p in paths.values()):
            return None
        try:
            tables = {t: pd.read_parquet(p) for t, p in paths.items()}
        except Exception as e:  # a damaged cache is derived data: rebuild it
            warnings.warn(f"warta: ignoring the annotation cache in {self.dir} ({e}); rebuilding it",
                          stacklevel=3)
            return None
        if not all(KEY in df and (t == "keys" or POS in df) for t, df in tables.items()):
            return None
        return tables

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for t in ROW_TABLES:
            path = self.dir / f"{t}.parquet"
            tmp = path.with_name(f".{t}.{os.getpid()}.tmp")
            tables[t].to_parquet(tmp, index=False)
            os.replace(tmp, path)
