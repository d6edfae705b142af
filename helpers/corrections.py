"""The corrections file: ``corrections.csv`` beside the corpus, its columns, reading and validating.

Automatic annotation sometimes picks the wrong speaker, misses a statement or misreads a number.
The analyst's fixes live in one human-readable file, ``<corpus>/corrections.csv`` (UTF-8 CSV, one
row per decision), which :func:`helpers.annotate` applies by default. Columns:

=========== ==================================================================================
table       ``statements`` or ``estimates``
target_id   the stable id of the row (helpers/schema.py): ``<article_id>:s:<start>-<end>[#n]`` or
            ``<article_id>:e:<start>-<end>`` -- spans, never row numbers, so a decision keeps
            applying after the annotator improves. For ``add`` it may be left empty (it is
            derived from article_id/start/end).
action      ``accept`` | ``reject`` | ``correct`` | ``add``
field       for ``correct`` only: the one column changed (one row per changed field, see FIELDS)
value       the new value of ``field``, written plainly: ``3000`` (no thousands separators;
            ``3.000`` is refused as ambiguous), ``2024-10-24``, ``at_least``, ``Lloyd Austin``;
            empty = clear the field
article_id  the article (required for ``add``)
start, end  character span in the article's text (required for ``add``: the selected sentence)
quote       the text the decision refers to (statement text / number phrase / added sentence),
            so a person can read it and a stale id can be re-anchored
reviewer    who decided;  decided_at: ISO timestamp (``2024-10-30T09:15:00+00:00``);  note: free
=========== ==================================================================================

Rules (``row N`` in messages is the spreadsheet row: the header is row 1):

* Malformed rows raise :class:`CorrectionsError` ("corrections.csv row N: ...") -- unknown table,
  action or field, a value of the wrong type, a bad date, a missing target_id or span.
* Several decisions on the same target: the one with the LATEST ``decided_at`` wins (file order
  breaks ties), per field for ``correct`` and between reject and accept/correct for the row;
  every such conflict is reported as a message, never an error.
* A target whose id no longer exists (or no longer reads as its quote) is re-anchored to the
  row of the same article and table with the same quote at a shifted span, else to one whose
  span mostly overlaps the old one (intersection over union >= 0.5, same "#n"); each
  re-anchoring is reported in ``ann.correction_notes``. Otherwise the decision is reported in
  ``ann.unmatched_corrections`` -- and its line is never removed from the file.
* A file saved from a spreadsheet with ';' (or tab) as delimiter is read, and appended to, in
  that delimiter.
* A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
  with a leading ``'`` (:func:`helpers.tables.spreadsheet_safe`) and read back without it.
* A row with fewer fields than the header where a required column should be is refused as cut
  off (a truncated file), not read as an empty action.

Saving (:func:`helpers.review.save_decisions`: locked, with history, atomic) lives in
helpers/review.py, which validates what it writes through :func:`read_rows` and
:func:`decisions_frame`; applying (:func:`load_corrections`) lives in helpers/review_apply.py.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from . import schema
from .tables import spreadsheet_text

FILE_NAME = "corrections.csv"
COLUMNS = ["table", "target_id", "action", "field", "value", "article_id", "start", "end",
           "quote", "reviewer", "decided_at", "note"]
REQUIRED_COLUMNS = ["table", "target_id", "action", "field", "value", "decided_at"]
ACTIONS = ("accept", "reject", "correct", "add")
TABLES = {"statements": ("statement_id", "s", "statement"),
          "estimates": ("estimate_id", "e", "estimate")}
# field -> type: "actor", "date", "number", "text", or a tuple of allowed values
FIELDS = {
    "statements": {"speaker": "actor", "stated_on": "date", "kind": ("direct", "indirect"),
                   "stance": ("confirms", "denies", "warns", "condemns", "other"),
                   "verb": "text", "cited_source": "text"},
    "estimates": {"claimant": "actor", "value": "number", "low": "number", "high": "number",
                  "qualifier": ("exact", "at_least", "about", "up_to", "vague"),
                  "category": ("deployed", "planned", "prepared", "reported", "other"),
                  "measure": "measure", "unit": "text", "as_of": "date", "revises": "number", "cited_source": "text"},
}
DATE_FIELDS = {"stated_on", "as_of"}
_ID = re.compile(r"^(?P<aid>.+):(?P<kind>[se]):(?P<start>\d+)-(?P<end>\d+)(?:#(?P<n>\d+))?$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_AMBIGUOUS = re.compile(r"^-?\d{1,3}(?:[.,]\d{3})+$|^-?\d+,\d+$")


class CorrectionsError(ValueError):
    """A malformed corrections file; str() is "corrections.csv row N: message"."""


def corrections_path(corpus_dir) -> Path:
    """Where the corrections of a corpus live: ``<corpus_dir>/corrections.csv``."""
    return Path(corpus_dir) / FILE_NAME


# ----------------------------------------------------------------------------- values
def is_blank(v) -> bool:
    """None, NA/NaN or only whitespace."""
    return v is None or (not isinstance(v, str) and pd.isna(v)) or str(v).strip() == ""


def parse_value(table: str, field: str, value):
    """The typed value of ``field`` from its text; ``None`` for empty. Raises ValueError."""
    kind = FIELDS[table][field]
    if is_blank(value):
        if field == "value":
            raise ValueError("an estimate needs a value (reject the row instead of clearing it)")
        return None
    text = str(value).strip()
    if kind == "number":
        if _AMBIGUOUS.match(text):
            raise ValueError(f"value {text!r} for {field} is ambiguous (thousands separator or "
                             f"decimal comma?): write digits only, e.g. {re.sub(r'[.,]', '', text)}")
        if not _NUMBER.match(text):
            raise ValueError(f"value {text!r} for {field} is not a number (write digits, e.g. 3000)")
        return float(text)
    if kind == "date":
        try:
            return pd.Timestamp(date.fromisoformat(text))
        except ValueError:
            raise ValueError(f"value {text!r} for {field} is not a date (write YYYY-MM-DD)") from None
    if kind == "measure":  # a measure id of the story profile ("killed", "displaced", …)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", text):
            raise ValueError(f"value {text!r} for measure is not a measure id (lower case, e.g. killed)")
        return text
    if isinstance(kind, tuple):
        if text not in kind:
            raise ValueError(f"value {text!r} for {field} is not one of: {', '.join(kind)}")
    return text


def parse_timestamp(text) -> pd.Timestamp:
    """``decided_at`` as a UTC timestamp (a time without zone is taken as UTC)."""
    if is_blank(text):
        raise ValueError("decided_at is empty (write an ISO timestamp, e.g. 2024-10-30T09:15:00)")
    try:
        ts = pd.Timestamp(datetime.fromisoformat(str(text).strip()))
    except ValueError:
        raise ValueError(f"decided_at {text!r} is not an ISO timestamp "
                         "(e.g. 2024-10-30T09:15:00+00:00)") from None
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


# ----------------------------------------------------------------------------- reading
def split_id(target_id: str):
    """A target id's parts (aid, kind, start, end, n) as a dict, or None when it is no id."""
    m = _ID.match(target_id)
    return None if m is None else m.groupdict()


def _check_row(rec: dict) -> dict:
    """Validate one decision (strings in), return it with parsed extras; raise ValueError."""
    table, action = rec["table"], rec["action"]
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r} (write statements or estimates)")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (write one of: {', '.join(ACTIONS)})")
    _, letter, noun = TABLES[table]
    out = dict(rec)
    out["_ts"] = parse_timestamp(rec["decided_at"])
    for key in ("start", "end"):
        if not is_blank(rec.get(key)):
            try:
                out[key] = int(str(rec[key]).strip())
            except ValueError:
                raise ValueError(f"{key} {rec[key]!r} is not a whole number") from None
            if out[key] < 0:
                raise ValueError(f"{key} {rec[key]!r} is negative")
        else:
            out[key] = None
    if not is_blank(rec.get("field")) and action != "correct":
        raise ValueError(f"field {rec['field']!r} given for {action!r} (only 'correct' rows name a "
                         "field; write one 'correct' row per changed field)")
    if action == "add":
        if is_blank(rec.get("article_id")) or out["start"] is None or out["end"] is None:
            raise ValueError("an 'add' row needs article_id, start and end (the selected sentence)")
        if out["end"] <= out["start"]:
            raise ValueError(f"empty span {out['start']}-{out['end']} (end must be after start)")
        expected = new_id(table, rec["article_id"].strip(), out["start"], out["end"])
        if is_blank(rec.get("target_id")):
            out["target_id"] = expected
        elif rec["target_id"].split("#")[0] != expected:
            raise ValueError(f"target_id {rec['target_id']!r} does not match the span "
                             f"(expected {expected!r})")
        out["article_id"] = rec["article_id"].strip()
        return out
    if is_blank(rec.get("target_id")):
        raise ValueError(f"target_id is empty (the {noun} id, e.g. <article_id>:{letter}:120-180)")
    parts = split_id(rec["target_id"])
    if parts is None or parts["kind"] != letter:
        raise ValueError(f"target_id {rec['target_id']!r} is not a {noun} id "
                         f"(<article_id>:{letter}:<start>-<end>)")
    if not is_blank(rec.get("article_id")) and rec["article_id"].strip() != parts["aid"]:
        raise ValueError(f"article_id {rec['article_id']!r} differs from the target_id's "
                         f"{parts['aid']!r}")
    out["article_id"] = parts["aid"]
    if action == "correct":
        field = rec.get("field") or ""
        if field not in FIELDS[table]:
            raise ValueError(f"unknown field {field!r} for {table} (correctable: "
                             f"{', '.join(FIELDS[table])})")
        out["_value"] = parse_value(table, field, rec.get("value"))
    return out


def new_id(table: str, article_id: str, start: int, end: int) -> str:
    """The id an added row of ``table`` gets from its span."""
    return (schema.statement_id if table == "statements" else schema.estimate_id)(article_id, start, end)


def delimiter(text: str) -> str:
    """The file's delimiter: ',' unless the header has none and uses ';' or a tab (spreadsheet
    exports in Indonesian locales write ';')."""
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in head:
        return ","
    return ";" if ";" in head else "\t" if "\t" in head else ","


def read_rows(text: str, name: str) -> list[dict]:
    """The file's decisions as dicts of text (COLUMNS + ``row``), not yet validated; raises
    :class:`CorrectionsError` for a bad header, a ragged or cut-off row, or invalid CSV."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True,
                        delimiter=delimiter(text))
    rows, header, row = [], None, 0
    try:
        for cells in reader:
            row += 1
            if header is None:
                header = [c.strip().lower() for c in cells]
                named = [h for h in header if h]
                twice = sorted({h for h in named if named.count(h) > 1})
                if twice:
                    raise CorrectionsError(f"{name} row 1: column {twice[0]!r} appears twice in "
                                           "the header")
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise CorrectionsError(f"{name} row 1: missing column(s) {', '.join(missing)} "
                                           f"(the header must name: {', '.join(COLUMNS)})")
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                raise CorrectionsError(f"{name} row {row}: {len(cells)} fields but the header has "
                                       f"{len(header)} (an unquoted comma?)")
            cut = [h for h in header[len(cells):] if h in REQUIRED_COLUMNS]
            if cut:
                raise CorrectionsError(f"{name} row {row}: the row is cut off after {len(cells)} of "
                                       f"{len(header)} fields (no {', '.join(cut)}): was the file "
                                       "truncated? Complete or delete the row")
            rec = {c: "" for c in COLUMNS}
            rec.update({h: spreadsheet_text(v.strip() if h != "quote" else v)
                        for h, v in zip(header, cells) if h})
            rec["row"] = row
            rows.append(rec)
    except csv.Error as exc:
        raise CorrectionsError(f"{name} row {row + 1}: not valid CSV ({exc})") from None
    return rows


def read_header(text: str) -> list[str]:
    """The file's header row, lower case."""
    first = next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                            delimiter=delimiter(text)), [])
    return [c.strip().lower() for c in first]


def load_corrections(path) -> pd.DataFrame:
    """The decisions in ``path`` as a DataFrame (COLUMNS + ``row``), validated.

    A missing or empty file gives no rows. Raises :class:`CorrectionsError` naming the row.
    ``df.attrs["conflicts"]`` lists the conflicting decisions (the latest wins).
    """
    path = Path(path)
    name = path.name
    text = ""
    if path.exists():
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorrectionsError(f"{name}: not UTF-8 text (byte {exc.start}); save it as "
                                   "UTF-8 CSV") from None
    return decisions_frame(read_rows(text, name), name)


def decisions_frame(rows: list[dict], name: str) -> pd.DataFrame:
    """:func:`read_rows`' rows validated into the decisions DataFrame (see
    :func:`load_corrections`); raises :class:`CorrectionsError` naming the first bad row."""
    checked = []
    for rec in rows:
        try:
            checked.append(_check_row(rec))
        except ValueError as exc:
            raise CorrectionsError(f"{name} row {rec['row']}: {exc}") from None
    cols = COLUMNS + ["row", "_ts", "_value"]
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in checked], columns=cols)
    df.attrs["conflicts"] = conflicts(df, name)
    df.attrs["file"] = name
    return df


def order_rows(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["_ts", "row"], kind="stable")


def rows_text(rows) -> str:
    rows = sorted(int(r) for r in rows)
    return f"row {rows[0]}" if len(rows) == 1 else "rows " + ", ".join(map(str, rows))


def conflicts(df: pd.DataFrame, name: str = FILE_NAME) -> list[str]:
    """Messages for decisions that disagree on one target (the latest decided_at wins)."""
    out = []
    if df.empty:
        return out
    for (table, tid), grp in df.groupby(["table", "target_id"], sort=False):
        grp = order_rows(grp)
        noun = TABLES[table][2]
        fixes = grp[grp["action"] == "correct"]
        for field, fg in fixes.groupby("field", sort=False):
            if fg["_value"].map(lambda v: "" if v is None else str(v)).nunique() > 1:
                last = fg.iloc[-1]
                out.append(f"{name} {rows_text(fg['row'])}: conflicting values for {field} of "
                           f"{noun} {tid}; the latest (row {last['row']}, {last['decided_at']}: "
                           f"{last['value']!r}) wins")
        rejects = grp["action"] == "reject"
        if rejects.any() and (~rejects).any():
            last = grp.iloc[-1]
            out.append(f"{name} {rows_text(grp['row'])}: {noun} {tid} was both rejected and "
                       f"kept; the latest decision (row {last['row']}, {last['action']}) wins")
    return out
