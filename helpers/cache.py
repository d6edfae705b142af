"""Annotation cache: re-running a notebook on the same corpus does not annotate it again.

``annotate(articles, actors, cache=DIR)`` keeps the per-article rows (mentions, statements,
estimates, before repeat groups and corrections) in ``DIR/<fingerprint>/<table>.parquet``.
The fingerprint covers the extractor code (``EXTRACTOR_MODULES``) and the gazetteer (the
actors table), so a change to either starts a fresh cache. Inside it each row carries its
article's key, a hash of the article's id, text, publication date and outlet: an edited or new
article is annotated again, an unchanged one is read back, a removed one is dropped when the
cache is rewritten. Repeat groups span the corpus: they are computed over the assembled rows,
or read back when those rows are exactly the ones of the last run (a plain re-run); the
analyst's corrections are always applied afresh. The result equals an uncached run (tested).

The cache holds derived data only; it lives outside the corpus (default ``build/cache`` in
the checkout, or ``WARTA_CACHE``), is written atomically (temporary file, then rename), is
read as Parquet (no pickle), and a damaged or unreadable cache is ignored with a warning and
rebuilt. Deleting the folder is always safe.
"""
from __future__ import annotations

import ast
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


DATA_FOLDERS = ("lexicon", "profiles")  # data files the extractors read (languages, stories)


def _helpers_imports(path: Path) -> set[str]:
    """Modules of helpers/ that ``path`` imports (at the top or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.module or "").split(".")[0] == "helpers":
                base = (node.module or "").removeprefix("helpers").strip(".")
                if base:
                    found.add(base.split(".")[0])
                else:  # from helpers import x, y / from . import x
                    found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("helpers.") and a.name.count(".") >= 1)
    return found


def extractor_files(root: str = "extract") -> list[Path]:
    """Every helpers/ module that ``root`` imports, directly or not, and every data file of
    ``DATA_FOLDERS`` (the lexicons, the default story profile): what decides the per-article rows.
    Derived from the code, so a new extractor module or lexicon file is never left out."""
    seen, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        p = _HELPERS / f"{name}.py"
        if not p.exists():
            p = _HELPERS / name / "__init__.py"
        if p.exists():
            todo.extend(_helpers_imports(p) - seen)
    files = [_HELPERS / f"{n}.py" for n in seen if (_HELPERS / f"{n}.py").exists()]
    files += [_HELPERS / n / "__init__.py" for n in seen if (_HELPERS / n / "__init__.py").exists()]
    files += [p for d in DATA_FOLDERS for p in (_HELPERS / d).glob("*.yaml")]
    return sorted(set(files))


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for p in extractor_files():
        h.update(p.relative_to(_HELPERS).as_posix().encode())
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

    # Repeat groups are corpus-wide: kept with a hash of every statement and estimate id, and
    # read back only for exactly those rows (a re-run of the same corpus).
    @staticmethod
    def _rows_hash(statements, estimates) -> str:
        h = hashlib.sha256()
        cols = [statements[c] for c in ("statement_id", "speaker_id", "speaker", "text")]
        cols += [estimates[c] for c in ("estimate_id", "claimant_id", "claimant", "value", "category",
                                        "sentence")]
        for col in cols:  # everything the repeat groups are computed from
            h.update(pd.util.hash_pandas_object(col, index=False).to_numpy().tobytes())
        return h.hexdigest()[:24]

    def read_groups(self, statements, estimates):
        """(statement groups, estimate groups) for exactly these rows, or None."""
        path = self.dir / "groups.parquet"
        try:
            g = pd.read_parquet(path) if path.exists() else None
        except Exception:  # derived data: recompute
            return None
        if g is None or (len(g) and g["rows"].iloc[0] != self._rows_hash(statements, estimates)):
            return None
        st = g[g["table"] == "statements"]["repeat_group"].reset_index(drop=True)
        es = g[g["table"] == "estimates"]["repeat_group"].reset_index(drop=True)
        if len(st) != len(statements) or len(es) != len(estimates):
            return None
        return st.astype("string"), es.astype("string")

    def write_groups(self, statements, estimates, st_groups, est_groups) -> None:
        key = self._rows_hash(statements, estimates)
        g = pd.DataFrame({
            "table": ["statements"] * len(st_groups) + ["estimates"] * len(est_groups),
            "repeat_group": pd.array(list(st_groups) + list(est_groups), dtype="string")})
        g["rows"] = key
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = self.dir / f".groups.{os.getpid()}.tmp"
            g.to_parquet(tmp, index=False)
            os.replace(tmp, self.dir / "groups.parquet")
        except OSError:
            pass  # write() has warned already; the groups are recomputed next time

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        """Store the tables; a cache that cannot be written is skipped with a warning."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for t in ROW_TABLES:
                path = self.dir / f"{t}.parquet"
                tmp = path.with_name(f".{t}.{os.getpid()}.tmp")
                tables[t].to_parquet(tmp, index=False)
                os.replace(tmp, path)
        except OSError as e:
            warnings.warn(f"warta: cannot write the annotation cache in {self.dir} ({e}); "
                          "annotating without it (set WARTA_CACHE to a writable folder)", stacklevel=3)
