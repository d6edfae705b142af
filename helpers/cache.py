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
the checkout, or ``WARTA_CACHE``), is read as Parquet (no pickle), and a damaged or unreadable
cache is ignored with a warning and rebuilt. Deleting the folder is always safe.

A cache entry is committed as a whole (see :class:`Store`): the tables go into a new folder
and one rename of the ``CURRENT`` pointer makes it the entry; an interrupted write leaves the
previous entry in force, never one table of each. A lock on the generation folder keeps two
runs sharing the cache from interleaving.
"""
from __future__ import annotations

import ast
import hashlib
import os
import re
import shutil
import tempfile
import uuid
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


def fingerprint(actors: pd.DataFrame, profile_digest: str = "") -> str:
    """Code + gazetteer + story profile: the folder name of a cache generation."""
    h = hashlib.sha256(_code_fingerprint().encode())
    h.update(actors.to_csv(index=False).encode("utf-8"))
    h.update(profile_digest.encode("utf-8"))
    return h.hexdigest()[:20]


def article_key(article: dict) -> str:
    """Hash of what the extractors read from one article."""
    pub = article.get("published")
    pub = "" if pub is None or pd.isna(pub) else pd.Timestamp(pub).isoformat()
    parts = [article.get("article_id") or "", article.get("text") or "", pub, article.get("outlet") or "",
             article.get("language") or ""]
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


class Store:
    """One cache generation: ``read()`` the row tables, ``write(tables)`` them back.

    Layout of a generation folder ``DIR/<fingerprint>/``: ``entry-<random>/`` holds one whole
    committed set of row tables (``<table>.parquet`` for ``ROW_TABLES``); ``CURRENT`` names the
    committed entry; ``groups.parquet`` the repeat groups; ``.lock`` the lock. ``write`` puts
    every table into a new hidden folder, renames it to ``entry-<random>`` and commits it by
    replacing ``CURRENT`` (one rename), so an interrupted write leaves the previous entry in
    force; under the lock (:mod:`filelock`), which ``read`` takes too, two runs sharing the cache
    never see or leave a mix of two runs' tables.
    """

    POINTER = "CURRENT"
    LOCK = ".lock"
    LOCK_TIMEOUT = 120  # seconds; then the run goes on without the cache, with a warning

    def __init__(self, root, actors: pd.DataFrame, profile_digest: str = ""):
        self.dir = Path(root) / fingerprint(actors, profile_digest)

    def _lock(self):
        from filelock import FileLock

        return FileLock(str(self.dir / self.LOCK), timeout=self.LOCK_TIMEOUT)

    def current(self) -> Path | None:
        """The folder of the committed entry, or None."""
        try:
            name = (self.dir / self.POINTER).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not _ENTRY.fullmatch(name) or not (self.dir / name).is_dir():
            return None
        return self.dir / name

    def read(self) -> dict[str, pd.DataFrame] | None:
        """The cached tables (each with KEY and POS columns), or None when there are none."""
        from filelock import Timeout

        if not (self.dir / self.POINTER).exists():
            return None
        try:
            with self._lock():
                return self._read()
        except Timeout:
            warnings.warn(f"warta: the annotation cache in {self.dir} is busy (another run has "
                          f"held its lock for {self.LOCK_TIMEOUT} s); annotating without it",
                          stacklevel=3)
            return None
        except OSError:  # a cache folder we cannot lock (read-only): read it as it is
            return self._read()

    def _read(self) -> dict[str, pd.DataFrame] | None:
        entry = self.current()
        if entry is None:
            return None
        paths = {t: entry / f"{t}.parquet" for t in ROW_TABLES}
        try:
            tables = {t: pd.read_parquet(p) for t, p in paths.items()}
        except Exception as e:  # a damaged cache is derived data: rebuild it
            warnings.warn(f"warta: ignoring the annotation cache in {self.dir} ({e}); rebuilding it",
                          stacklevel=4)
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
        tmp = None
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".groups.", suffix=".partial", dir=self.dir)
            os.close(fd)
            g.to_parquet(tmp, index=False)
            os.replace(tmp, self.dir / "groups.parquet")  # one file, whole or not at all
        except OSError:
            pass  # write() has warned already; the groups are recomputed next time
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        """Commit the tables as one new entry; a cache that cannot be written is skipped with a
        warning, an interrupted write leaves the previous entry in force."""
        from filelock import Timeout

        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            with self._lock():
                self._write(tables)
        except Timeout:
            warnings.warn(f"warta: the annotation cache in {self.dir} is busy (another run has "
                          f"held its lock for {self.LOCK_TIMEOUT} s); not updating it", stacklevel=3)
        except OSError as e:
            warnings.warn(f"warta: cannot write the annotation cache in {self.dir} ({e}); "
                          "annotating without it (set WARTA_CACHE to a writable folder)", stacklevel=3)

    def _write(self, tables: dict[str, pd.DataFrame]) -> None:
        new = Path(tempfile.mkdtemp(prefix=".new-", dir=self.dir))
        try:
            for t in ROW_TABLES:
                tables[t].to_parquet(new / f"{t}.parquet", index=False)
            entry = self.dir / f"entry-{uuid.uuid4().hex[:16]}"
            os.rename(new, entry)
            fd, pointer = tempfile.mkstemp(prefix=".current.", suffix=".partial", dir=self.dir)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(entry.name + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(pointer, self.dir / self.POINTER)  # the commit
            except BaseException:
                if os.path.exists(pointer):
                    os.unlink(pointer)
                shutil.rmtree(entry, ignore_errors=True)
                raise
        finally:
            shutil.rmtree(new, ignore_errors=True)
        # we hold the lock: every other entry, half-written folder or pre-entry file is stale
        for p in self.dir.iterdir():
            stale_dir = p.is_dir() and p != entry and (p.name.startswith(".new-") or _ENTRY.fullmatch(p.name))
            if stale_dir:
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.endswith(".partial") or p.name in {f"{t}.parquet" for t in ROW_TABLES}:
                p.unlink(missing_ok=True)


_ENTRY = re.compile(r"entry-[0-9a-f]{16}")
