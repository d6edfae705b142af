"""The annotated corpus as tables: the ``Annotations`` container and its CSV files.

One writer and one reader: :meth:`Annotations.to_csv` writes every table (UTF-8, dates as
YYYY-MM-DD, NA as empty) and :func:`load_annotations` reads them back with their dtypes
(columns in ``helpers.schema``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import schema

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
