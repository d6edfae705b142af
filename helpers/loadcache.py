"""The loaded-file memo: ``load_corpus(folder, cache=DIR)`` reads a file again only when it changed.

Reading a file is most of what loading a large corpus costs (decoding, the language check, the
dates of the text: about 1.3 ms a file, two minutes for 100,000 files). The memo keeps, per
corpus folder, what reading each file gave, keyed by the file's name, size and modification
time and by its ``metadata.csv`` row; a file whose key is unchanged is not opened again. It lives
in ``DIR/files/`` beside the annotation cache (derived data, safe to delete), is written as
Parquet (no pickle) by one rename under a lock, and is keyed by the code and lexicon that read
the files, so a change to either starts afresh. A damaged memo is ignored with a warning.
"""
from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import os
import uuid
import warnings
from pathlib import Path

import pandas as pd

_HELPERS = Path(__file__).resolve().parent
# the modules and data files _read_article depends on
_READERS = ("corpus.py", "decoding.py", "metadata.py", "text.py", "dates.py", "loadcache.py")
_LISTS = ("warnings", "_announce")
_KEPT = ("_announce", "_text_key")  # underscored fields of a row that get() gives back


def _version() -> str:
    h = hashlib.sha256()
    for name in _READERS:
        h.update((_HELPERS / name).read_bytes())
    for p in sorted((_HELPERS / "lexicon").glob("*.yaml")):
        h.update(p.read_bytes())
    try:
        h.update(md.version("py3langid").encode())
    except md.PackageNotFoundError:
        pass
    return h.hexdigest()[:16]


class FileMemo:
    """What reading each file of one corpus folder gave, for files that have not changed."""

    def __init__(self, cache_dir, folder: Path):
        where = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
        self.path = Path(cache_dir) / "files" / f"{where}-{_version()}.parquet"
        self.old: dict = {}
        self.new: dict = {}
        self.changed = False
        if self.path.is_file():
            try:
                df = pd.read_parquet(self.path)
                self.old = {k: r for k, r in zip(df["_key"], df.to_dict("records"))}
            except Exception as exc:  # noqa: BLE001 - a damaged memo is rebuilt, never fatal
                warnings.warn(f"{self.path}: unreadable file memo ({exc}); reading every file",
                              stacklevel=3)

    @staticmethod
    def key(path: Path, meta: dict | None) -> str:
        st = path.stat()
        meta_s = json.dumps(meta or {}, sort_keys=True, default=str)
        return f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0{meta_s}"

    def get(self, key):
        """(row, why) as reading the file gave them, or None when the file must be read."""
        rec = self.old.get(key)
        if rec is None:
            return None
        self.new[key] = rec
        if rec["_why"] is not None and not pd.isna(rec["_why"]):
            return None, rec["_why"]
        row = {k: v for k, v in rec.items() if not k.startswith("_") or k in _KEPT}
        for k in _LISTS:
            row[k] = json.loads(rec[k])
        for k in ("outlet", "title", "url"):
            if row.get(k) is not None and pd.isna(row[k]):
                row[k] = None
        return row, None

    def put(self, key, row, why) -> None:
        rec = {"_key": key, "_why": why}
        if row is not None:
            rec.update({k: v for k, v in row.items() if k not in _LISTS})
            for k in _LISTS:
                rec[k] = json.dumps(row[k], ensure_ascii=False)
        self.new[key] = rec
        self.changed = True

    def save(self) -> None:
        """Keep the files of this load (removed files drop out): one rename, under a lock."""
        if not self.changed and len(self.new) == len(self.old):
            return
        from filelock import FileLock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}")
        try:
            with FileLock(str(self.path) + ".lock", timeout=60):
                pd.DataFrame(list(self.new.values())).to_parquet(tmp, index=False)
                os.replace(tmp, self.path)
        except Exception as exc:  # noqa: BLE001 - the memo only saves time
            warnings.warn(f"{self.path}: file memo not saved ({exc})", stacklevel=3)
        finally:
            tmp.unlink(missing_ok=True)
