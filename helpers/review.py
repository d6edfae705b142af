"""The analyst's review decisions: save them to ``corrections.csv`` beside the corpus, safely.

The notebooks call this module (``review.save_decisions``, ``review.corrections_path``,
``review.load_corrections``…). The file format -- its columns, how a row is read and validated,
:class:`CorrectionsError` -- is :mod:`helpers.corrections`, whose names are importable from
here too; the applying lives in helpers/review_apply.py, the notebook panel in
helpers/review_ui.py.

* Saving (:func:`save_decisions`) validates first, then, holding a lock on the file
  (``.corrections.csv.lock`` beside it, :mod:`filelock`: two processes saving at once take
  turns, so no decision is lost), re-reads it, copies it into ``.corrections_history/``
  (every version is kept), appends the new lines to the old text unchanged, writes a
  temporary file in the same folder and ``os.replace``-s it. A folder that cannot be written
  raises the ``OSError`` (the review panel shows it); nothing is half-written.
* A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
  with a leading ``'`` (:func:`helpers.tables.spreadsheet_safe`) and read back without it.
"""
from __future__ import annotations

import csv
import getpass
import io
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .corrections import (  # noqa: F401 - the format's names, importable from here too
    ACTIONS, COLUMNS, DATE_FIELDS, FIELDS, FILE_NAME, REQUIRED_COLUMNS, TABLES, CorrectionsError,
    conflicts, corrections_path, decisions_frame, delimiter, is_blank, load_corrections, new_id,
    order_rows, parse_timestamp, parse_value, read_header, read_rows, rows_text, split_id,
)
from .tables import spreadsheet_safe

HISTORY_DIR = ".corrections_history"
LOCK_TIMEOUT = 60  # seconds to wait for another process saving to the same file


# ----------------------------------------------------------------------------- saving
def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _serialise(rec: dict) -> dict:
    out = {}
    for c in COLUMNS:
        v = rec.get(c)
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            v = ""
        elif isinstance(v, float) and v.is_integer():
            v = str(int(v))
        elif isinstance(v, pd.Timestamp):
            v = v.date().isoformat() if c == "value" else v.isoformat()
        out[c] = str(v)
    return out


def _spreadsheet_row(rec: dict) -> dict:
    return {k: spreadsheet_safe(v) for k, v in rec.items()}


def normalise_decision(decision: dict) -> dict:
    """Fill the defaults of a decision (decided_at now, reviewer, add's target_id) as strings."""
    rec = dict(decision)
    if is_blank(rec.get("decided_at")):
        rec["decided_at"] = now_iso()
    if is_blank(rec.get("reviewer")):
        try:
            rec["reviewer"] = getpass.getuser()
        except Exception:  # no login name in some containers
            rec["reviewer"] = "analyst"
    rec = _serialise(rec)
    parts = split_id(rec["target_id"]) if rec["target_id"] else None
    if parts and rec["action"] != "add":  # spell the id out for the person reading the file
        rec["article_id"] = rec["article_id"] or parts["aid"]
        rec["start"] = rec["start"] or parts["start"]
        rec["end"] = rec["end"] or parts["end"]
    if rec["action"] == "add" and not rec["target_id"] and rec["start"] and rec["end"]:
        try:
            rec["target_id"] = new_id(rec["table"], rec["article_id"], int(rec["start"]),
                                      int(rec["end"]))
        except (KeyError, ValueError):
            pass  # validation below names the problem
    return rec


def _lock(path: Path):
    from filelock import FileLock

    return FileLock(str(path.parent / f".{path.name}.lock"), timeout=LOCK_TIMEOUT)


def save_decisions(path, rows) -> Path:
    """Append decisions (dicts with COLUMNS keys) to the corrections file, safely.

    Validates the whole result first (nothing is written if a row is malformed), holds a lock
    on the file while it reads, appends and replaces it (concurrent saves take turns), keeps the
    previous version in ``.corrections_history/``, and replaces the file atomically. The old
    lines are kept byte for byte. Returns the path written.
    """
    from filelock import Timeout

    path = Path(path)
    new = [normalise_decision(r) for r in rows]
    if not new:
        return path
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True)
    try:
        with _lock(path):
            return _append(path, new)
    except Timeout:
        raise OSError(f"another save to {path} has held its lock for {LOCK_TIMEOUT} s; "
                      "nothing saved, try again") from None


def _append(path: Path, new: list[dict]) -> Path:
    """The read-modify-write of :func:`save_decisions`; the caller holds the lock."""
    old = path.read_bytes().decode("utf-8") if path.exists() else ""
    if not old.strip():
        old = ""
    old_rows = read_rows(old, path.name) if old else []  # the old file must parse (names its row)
    header = read_header(old) if old else list(COLUMNS)
    newline = "\r\n" if "\r\n" in old else "\n"
    sep = delimiter(old) if old else ","
    buf = io.StringIO(newline="")
    if old and all(c in header for c in COLUMNS):
        if not old.endswith(("\n", "\r")):
            old += newline
        text_head = old  # append: every earlier line stays byte for byte
    else:  # new file, or an old header lacking columns: rewrite it with every column
        header += [c for c in COLUMNS if c not in header]
        w = csv.DictWriter(buf, fieldnames=header, lineterminator=newline, extrasaction="ignore",
                           delimiter=sep)
        w.writeheader()
        w.writerows([_spreadsheet_row({k: v for k, v in r.items() if k != "row"}) for r in old_rows])
        text_head = ""
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator=newline, restval="",
                            extrasaction="ignore", delimiter=sep)
    writer.writerows(_spreadsheet_row(r) for r in new)
    text = text_head + buf.getvalue()
    decisions_frame(read_rows(text, path.name), path.name)  # validate before writing anything
    if path.exists():
        _keep_history(path)
    _replace(path, text)
    return path


def _keep_history(path: Path) -> None:
    """Copy the file as it is now into ``.corrections_history/`` (a new name every time)."""
    backup_dir = path.parent / HISTORY_DIR
    backup_dir.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    backup = backup_dir / f"{path.stem}-{stamp}{path.suffix}"
    n = 1
    while backup.exists():  # two saves within one microsecond: keep both versions
        backup = backup_dir / f"{path.stem}-{stamp}-{n}{path.suffix}"
        n += 1
    shutil.copy2(path, backup)


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and ``os.replace`` it: all or nothing."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_decision(path, decision: dict) -> Path:
    """Append one decision (see :func:`save_decisions`)."""
    return save_decisions(path, [decision])


def history(path) -> list[Path]:
    """Previous versions of the corrections file, oldest first."""
    path = Path(path)
    folder = path.parent / HISTORY_DIR
    return sorted(folder.glob(f"{path.stem}-*{path.suffix}")) if folder.is_dir() else []

