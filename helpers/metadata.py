"""``metadata.csv`` beside the articles: reading, validating, and the publication dates it holds.

:func:`read_metadata` turns the file into ``{file name: facts}`` for
:func:`helpers.corpus.load_corpus`: ``file`` (required), ``outlet``, ``url``, ``published``,
``note``, ``title`` and ``published_source`` (other columns are ignored). ``,``, ``;`` or tab
separated; decoded like an article (:func:`helpers.decoding.decode`). Row N means line N of the
file (the header is row 1). A malformed file (no ``file`` column, a column or a file listed
twice, ragged or unreadable CSV, an unreadable date, a path instead of a file name) raises
:class:`CorpusError` naming the file and row.

:func:`parse_metadata_date` reads a ``published`` value (a day, never a month or a relative
date); :func:`latest_text_date` finds the latest explicit full date in an article's text, which
``load_corpus`` uses where metadata.csv gives none.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from helpers import lexicon as _lexicon
from helpers.decoding import decode, looks_binary

lexicon = _lexicon.get("id")
METADATA = "metadata.csv"
_META_COLUMNS = ("file", "outlet", "url", "published", "note", "title", "published_source")


class CorpusError(ValueError):
    """Bad corpus input the analyst must fix; str() is "<file>[ row N]: message"."""

    def __init__(self, file, message: str, row: int | None = None):
        self.file, self.row, self.message = str(file), row, message
        where = self.file + (f" row {row}" if row is not None else "")
        super().__init__(f"{where}: {message}")


# ----------------------------------------------------------------------------- dates
_MONTH_ALT = "|".join(sorted(map(re.escape, lexicon.MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(map(re.escape, lexicon.WEEKDAYS), key=len, reverse=True))
_FULL_DATE = re.compile(
    r"(?=\d)(?<![\d/.-])(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
    rf"|(?P<td>\d{{1,2}})\s+(?P<tm>{_MONTH_ALT})\.?\s+(?P<ty>(?:19|20)\d\d))(?![\d/])",
    re.IGNORECASE,
)
_META_DATE = re.compile(
    rf"^(?:(?:{_WEEKDAY_ALT}),?\s+)?(?P<date>.+?)(?:[ T,]+\d{{1,2}}[:.]\d\d.*)?$", re.IGNORECASE)


def _match_to_ts(m: re.Match) -> pd.Timestamp:
    if m.group("d"):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
    elif m.group("iy"):
        y, mo, d = m.group("iy"), m.group("im"), m.group("id")
    else:
        y, mo, d = m.group("ty"), lexicon.MONTHS[m.group("tm").lower()], m.group("td")
    try:
        return pd.Timestamp(year=int(y), month=int(mo), day=int(d))
    except ValueError:
        return pd.NaT


def latest_text_date(text: str) -> tuple[pd.Timestamp, str | None]:
    """The latest explicit full date (day, month, year) in ``text`` and its surface."""
    best, surface = pd.NaT, None
    for m in _FULL_DATE.finditer(text):
        ts = _match_to_ts(m)
        if not pd.isna(ts) and (pd.isna(best) or ts > best):
            best, surface = ts, m.group(0)
    return best, surface


def parse_metadata_date(value: str) -> pd.Timestamp:
    """A metadata ``published`` value -> midnight Timestamp, NaT if it is not a full date.

    ISO (2024-10-24), day/month/year (24/10/2024) and "24 Oktober 2024" (optionally with a
    weekday before and a time after) are read here; other spellings that carry a four-digit
    year go to ``helpers.dates.parse_date``. Month-only, year-only and relative values
    ("kemarin") are refused: a publication date must be a day.
    """
    m = _META_DATE.match(value.strip())
    core = m.group("date") if m else value.strip()
    full = _FULL_DATE.fullmatch(core)
    if full:
        return _match_to_ts(full)
    if re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}", core) or not re.search(r"\b(?:19|20)\d\d\b", core):
        return pd.NaT  # numeric but not day/month/year, or no year at all
    if not re.search(r"(?<!\d)\d{1,2}(?!\d)", re.sub(r"\b(?:19|20)\d\d\b", "", core)):
        return pd.NaT  # no day number ("Oktober 2024")
    try:
        from helpers.dates import parse_date
    except Exception:  # noqa: BLE001 - dates.py absent or mid-edit: use dateparser directly
        parse_date = None
    if parse_date is not None:
        return parse_date(core)
    import dateparser

    got = dateparser.parse(core, languages=["id", "en"], settings={
        "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]})
    return pd.Timestamp(got.date()) if got else pd.NaT


# ----------------------------------------------------------------------------- metadata.csv
def _blank(value) -> str | None:
    value = (value or "").strip()
    return value or None


def read_metadata(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """metadata.csv -> ({file name: facts}, warnings). Raises CorpusError on malformed input."""
    path = folder / METADATA
    if not path.is_file():
        return {}, []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot read ({exc.strerror})") from None
    if looks_binary(raw) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(path, "looks binary, not a CSV file")
    text, notes = decode(raw)
    messages = [f"{METADATA}: {n}" for n in notes]
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ","
    if "," not in header_line:  # spreadsheet exports in Indonesian locales use ";"
        delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    facts: dict[str, dict] = {}
    header = None
    line = 0
    try:
        for cells in reader:
            row, line = line + 1, reader.line_num
            if header is None:
                header = [c.strip().lower() for c in cells]
                _check_header(path, header)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                raise CorpusError(path, f"{len(cells)} fields but the header has {len(header)}"
                                  " (a stray delimiter or unquoted comma?)", row)
            values = dict(zip(header, cells))
            key, entry = _meta_entry(path, row, values)
            if key in facts:
                raise CorpusError(path, f"file {key!r} is already listed in row "
                                  f"{facts[key]['row']}", row)
            facts[key] = entry
    except csv.Error as exc:
        raise CorpusError(path, f"not valid CSV: {exc}", line + 1) from None
    if header is None:
        raise CorpusError(path, "empty: expected a header row with a 'file' column")
    return facts, messages


def _check_header(path: Path, header: list[str]) -> None:
    named = [h for h in header if h]
    dupes = sorted({h for h in named if named.count(h) > 1})
    if dupes:
        raise CorpusError(path, f"column {dupes[0]!r} appears twice in the header", 1)
    if "file" not in header:
        raise CorpusError(path, "no 'file' column in the header (found: "
                          f"{', '.join(named) or 'nothing'})", 1)


def _meta_entry(path: Path, row: int, values: dict) -> tuple[str, dict]:
    name = _blank(values.get("file"))
    if name is None:
        raise CorpusError(path, "the 'file' cell is empty", row)
    if "/" in name or "\\" in name:
        raise CorpusError(path, f"give the file name only, not a path: {name!r}", row)
    key = name if name.lower().endswith(".txt") else name + ".txt"
    entry = {c: _blank(values.get(c)) for c in _META_COLUMNS if c != "file"}
    entry["row"] = row
    if entry["published"] is not None:
        ts = parse_metadata_date(entry["published"])
        if pd.isna(ts):
            raise CorpusError(path, f"cannot read published date {entry['published']!r} "
                              "(write a full date: YYYY-MM-DD, DD/MM/YYYY or "
                              "'24 Oktober 2024')", row)
        entry["published"] = ts
    return key, entry
