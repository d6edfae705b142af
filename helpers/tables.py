"""The annotated corpus as tables: the ``Annotations`` container and its CSV files.

One writer and one reader: :meth:`Annotations.to_csv` writes every table (UTF-8, dates as
YYYY-MM-DD, NA as empty) and :func:`load_annotations` reads them back with their dtypes
(columns in ``helpers.schema``).

The write is atomic as a whole. Under a lock on the folder (``.warta.lock``; two runs to the
same folder take turns) every table is written into a fresh hidden folder inside ``out_dir``
(``.writing-<random>``); then the old ``MANIFEST.json`` is removed, the tables are moved in
one by one (``os.replace``), and a new ``MANIFEST.json`` -- table names, file names, row
counts, sha256 of each file -- is written last. :func:`load_annotations` refuses a folder whose
manifest is missing or does not match its files (:class:`TablesError`, one line naming the
folder), so a run that failed or was killed half way never passes for a complete one. An
interrupted write removes its hidden folder; one left by a killed process (SIGKILL) is removed
by the next write to the folder.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return, plain numbers excepted) are written with a leading ``'``, as
spreadsheets expect (:func:`spreadsheet_safe`); :func:`load_annotations` (and the corrections
reader) strip it again (:func:`spreadsheet_text`), so the tables round-trip unchanged.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from helpers import schema

TABLES = ("articles", "actors", "mentions", "statements", "estimates")
ROW_TABLES = ("mentions", "statements", "estimates")  # the tables built from per-article rows
MANIFEST = "MANIFEST.json"
MANIFEST_FORMAT = "warta-tables/1"
LOCK_NAME = ".warta.lock"
TEMP_PREFIX = ".writing-"
LOCK_TIMEOUT = 600  # seconds to wait for another run writing the same folder

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d.,]*(?:[eE][+-]?\d+)?$")
_ESCAPED = re.compile(r"^'(?='*[=+\-@\t\r])")


class TablesError(ValueError):
    """A tables folder that is not the complete output of one run; str() is one line."""


def spreadsheet_safe(value):
    """``value`` as a CSV cell a spreadsheet shows as text: a leading ``'`` before a cell that
    starts with ``= + - @``, tab or CR (after any ``'``), unless it is a plain number (``-5``)."""
    if isinstance(value, str) and _FORMULA.match(value) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_text(value):
    """The inverse of :func:`spreadsheet_safe`: drop the one ``'`` it added."""
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(spreadsheet_safe, na_action="ignore")
    return out


def _folder_lock(folder: Path):
    from filelock import FileLock

    return FileLock(str(folder / LOCK_NAME), timeout=LOCK_TIMEOUT)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def invalidate(out_dir) -> bool:
    """Remove ``out_dir/MANIFEST.json`` (before a run that will rewrite the folder), so what
    is there cannot pass for that run's output if it fails. True if there was one."""
    try:
        (Path(out_dir) / MANIFEST).unlink()
        return True
    except FileNotFoundError:
        return False


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
    profile: object = None  # the story profile (helpers.profile.Profile): measures and labels

    def to_csv(self, out_dir) -> list[Path]:
        """Write every table as UTF-8 CSV (dates as YYYY-MM-DD) into ``out_dir``, atomically as
        a whole, with ``MANIFEST.json`` last (see the module docstring)."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        with _folder_lock(out):
            for stale in out.glob(TEMP_PREFIX + "*"):  # left by a killed run: we hold the lock
                shutil.rmtree(stale, ignore_errors=True)
            tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out))
            try:
                entries = {}
                for name in TABLES:
                    df = getattr(self, name)
                    data = _safe_frame(df).to_csv(index=False).encode("utf-8")
                    _write_bytes(tmp / f"{name}.csv", data)
                    entries[name] = {"file": f"{name}.csv", "rows": int(len(df)),
                                     "sha256": hashlib.sha256(data).hexdigest()}
                manifest = {"format": MANIFEST_FORMAT, "tables": entries,
                            "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
                _write_bytes(tmp / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
                invalidate(out)  # from here until the end the folder has no manifest
                written = []
                for name in TABLES:
                    os.replace(tmp / f"{name}.csv", out / f"{name}.csv")
                    written.append(out / f"{name}.csv")
                os.replace(tmp / MANIFEST, out / MANIFEST)  # last: the folder is complete
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        return written

    def summary(self) -> pd.DataFrame:
        """Per-article counts of statements and estimates (for the corpus overview)."""
        a = self.articles[["article_id", "outlet", "published", "n_words"]].copy()
        for name in ("statements", "estimates"):
            counts = getattr(self, name).groupby("article_id").size()
            a[name] = a["article_id"].map(counts).fillna(0).astype(int)
        return a


def read_manifest(in_dir) -> dict:
    """``MANIFEST.json`` of a tables folder, checked against the files; raises TablesError."""
    in_dir = Path(in_dir)
    rerun = "run 'python -m helpers annotate' again"
    path = in_dir / MANIFEST
    if not path.is_file():
        raise TablesError(f"{in_dir}: no {MANIFEST}, so these tables are not the complete output "
                          f"of one run (it failed, was stopped or is still writing); {rerun}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        entries = manifest["tables"]
        assert manifest.get("format") == MANIFEST_FORMAT and isinstance(entries, dict)
    except (ValueError, KeyError, TypeError, AssertionError, UnicodeDecodeError):
        raise TablesError(f"{in_dir}: {MANIFEST} is damaged; {rerun}") from None
    for name in TABLES:
        entry = entries.get(name)
        if not isinstance(entry, dict):
            raise TablesError(f"{in_dir}: {MANIFEST} does not list {name}.csv; {rerun}")
        file = in_dir / f"{name}.csv"
        if not file.is_file():
            raise TablesError(f"{in_dir}: {name}.csv is missing although {MANIFEST} lists it; {rerun}")
        if hashlib.sha256(file.read_bytes()).hexdigest() != entry.get("sha256"):
            raise TablesError(f"{in_dir}: {name}.csv does not match {MANIFEST} (changed or "
                              f"half-written after the run); {rerun}")
    return manifest


def load_annotations(in_dir) -> Annotations:
    """Read tables written by :meth:`Annotations.to_csv` back with their dtypes.

    Refuses (:class:`TablesError`) a folder without a ``MANIFEST.json`` matching its files."""
    in_dir = Path(in_dir)
    manifest = read_manifest(in_dir)
    tables = {}
    for name in TABLES:
        path = in_dir / f"{name}.csv"
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        for col in df.columns:
            df[col] = df[col].map(spreadsheet_text, na_action="ignore")
        if len(df) != manifest["tables"][name].get("rows"):
            raise TablesError(f"{in_dir}: {name}.csv has {len(df)} rows, {MANIFEST} says "
                              f"{manifest['tables'][name].get('rows')}; run 'python -m helpers annotate' again")
        for col in set(df.columns) & set(getattr(schema, "_BOOLS", {"listed"})):
            df[col] = df[col].map({"True": True, "False": False})
        tables[name] = schema.frame(df.to_dict("records"), name)
    return Annotations(**tables)
