"""Read a folder of article files into the ``articles`` table (one row per ``*.txt`` file).

``load_corpus(path)`` reads every ``*.txt`` directly in ``path`` (not recursive), sorted by
file name; ``article_id`` is the file stem. Files are opened read-only and never written.

Real folders are messy, so each file goes through the same steps:

* **decode**: UTF-8 (with or without BOM); UTF-16 with a BOM; UTF-16 without a BOM (told by
  its NUL byte every second byte; warning of its own); a file that is mostly UTF-8 with a few
  broken bytes keeps its UTF-8 and replaces those bytes (warning); otherwise cp1252, then
  latin-1 (warning "decoded as cp1252, not UTF-8"). A few stray NUL bytes in a text file are
  removed (warning), they do not make it binary.
* **skip** (listed in ``df.attrs["skipped"]`` and issued as a :class:`CorpusWarning`): empty or
  whitespace-only files, binary files (many NUL bytes or control characters), hidden files, and
  links (symlinks) to files outside the corpus folder (never read).
* **normalise** with :func:`helpers.text.normalise` (CRLF -> LF, BOM/zero-width removed);
  all offsets elsewhere are into this text.
* **large** files (> 5 MB) are loaded with a warning; so are **long** articles (more than
  ``LONG_ARTICLE_CHARS`` characters, also issued as a :class:`CorpusWarning` naming the file):
  annotation of very long files is slow.
* a publication date **in the future** (from metadata.csv, the web page or the text) is kept
  with a warning naming the file (and the metadata.csv row).
* **duplicates**: a file whose text equals an earlier file's (by hash of the normalised text,
  whitespace collapsed) gets ``duplicate_of`` = that article_id.

``metadata.csv`` (optional, beside the articles) supplies per-file facts: ``file`` (required),
``outlet``, ``url``, ``published``, ``note`` (``title`` too; other columns are ignored). Row N
means line N of the file (the header is row 1). A malformed metadata.csv (no ``file`` column,
a file listed twice, ragged or unreadable CSV, an unreadable date) raises :class:`CorpusError`
naming the file and row; a row for a file that is not in the folder is a warning.

Where metadata is silent, ``outlet`` and ``title`` are inferred from the text (a dateline
"City, Outlet —" / "Outlet -" / "Outlet." at the start of the body; a short first line without a
final full stop followed by a blank line is the headline), and ``published`` is the latest
explicit full date in the text ("Kamis (24/10/2024)"); ``published_source`` says which
(metadata | text | none; ``html`` when the metadata.csv row has ``published_source`` = html:
the date was read from the web page by :mod:`helpers.intake`). ``language`` is "id" when enough
Indonesian function words occur, else "und"; ``n_words`` counts whitespace-separated words;
``warnings`` joins the file's warnings with "; " (NA when none).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings as _warnings
from pathlib import Path

import pandas as pd

from helpers import lexicon as _lexicon

lexicon = _lexicon.get("id")
from helpers.schema import frame
from helpers.text import normalise

LARGE_FILE_BYTES = 5 * 1024 * 1024
LONG_ARTICLE_CHARS = 200_000
# Why a very long article is slow, for the warning: several passes look back over the article's
# earlier mentions, quotations and statements for each new one (speakers named before,
# pronouns, repeated quotes), so their work grows faster than the text.
LONG_ARTICLE_WHY = ("because for each statement the extractors look back over the article's earlier "
                    "mentions and statements (speakers named before, pronouns), so the time grows "
                    "faster than the length; split it into its articles if it holds several")
METADATA = "metadata.csv"
ACTORS_FILE = "actors.yaml"
_META_COLUMNS = ("file", "outlet", "url", "published", "note", "title", "published_source")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


class CorpusError(ValueError):
    """Bad corpus input the analyst must fix; str() is "<file>[ row N]: message"."""

    def __init__(self, file, message: str, row: int | None = None):
        self.file, self.row, self.message = str(file), row, message
        where = self.file + (f" row {row}" if row is not None else "")
        super().__init__(f"{where}: {message}")


class CorpusWarning(UserWarning):
    """A file was skipped or metadata.csv names a file that is not there."""


# ----------------------------------------------------------------------------- decoding
def _looks_binary(raw: bytes) -> bool:
    sample = raw[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def _utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``raw`` reads as UTF-16 saved without a byte-order mark
    (Latin text: a NUL in every second byte), else None."""
    sample = raw[:65536]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    codec = ("utf-16-le" if z_odd > 0.3 and z_even < 0.05 else
             "utf-16-be" if z_even > 0.3 and z_odd < 0.05 else None)
    if codec is None:
        return None
    try:
        raw[: len(raw) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _article_bytes(raw: bytes) -> tuple[str | None, bytes, list[str]]:
    """(skip reason or None, bytes to decode, notes) for an article file's bytes: binary files
    are refused, a few stray NUL bytes removed, UTF-16 without BOM recognised."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, raw, []
    codec = _utf16_without_bom(raw)
    if codec is not None:
        text = raw[: len(raw) // 2 * 2].decode(codec)
        return None, text.encode("utf-8"), [
            f"decoded as UTF-16 ({'little' if codec.endswith('le') else 'big'}-endian) without a "
            "byte-order mark, not UTF-8; save it as UTF-8 to be sure"]
    nul = raw.count(0)
    if nul > max(8, len(raw) // 200) or _looks_binary(raw.replace(b"\x00", b"")):
        return "looks binary", raw, []
    if nul:
        return None, raw.replace(b"\x00", b""), [
            f"{nul} NUL byte(s) removed (first at byte {raw.index(0)}): a text file has none"]
    return None, raw, []


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings). Never raises for any input (binary is checked before)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ["decoded as UTF-16, not UTF-8"]
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = raw.decode("utf-8-sig", errors="replace")
    n_bad = text.count("\ufffd")
    n_multibyte = sum(1 for ch in text if ord(ch) > 127) - n_bad
    if n_multibyte > n_bad:  # real UTF-8 with a few damaged bytes: keep it
        return text, [f"not valid UTF-8 at byte {first_bad}: {n_bad} undecodable byte(s) "
                      "replaced with U+FFFD"]
    try:
        return raw.decode("cp1252"), ["decoded as cp1252, not UTF-8"]
    except UnicodeDecodeError:
        return raw.decode("latin-1"), ["decoded as latin-1, not UTF-8"]


# ----------------------------------------------------------------------------- dates
# Web-address endings that mark a dateline word as an outlet name ("Suara.com", "TEMPO.CO").
OUTLET_DOMAIN_SUFFIXES = ["com", "co", "id", "net", "org", "tv", "news", "co.id", "or.id"]
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


# ----------------------------------------------------------------------------- inference
_DASH = r"(?:--|[-\u2013\u2014])"
_NAME = r"[A-Z0-9][\w.&']*(?: [A-Z0-9][\w.&']*){0,3}"
_DOMAIN = re.compile(r"\.(?:%s)\b" % "|".join(
    sorted(map(re.escape, OUTLET_DOMAIN_SUFFIXES), key=len, reverse=True)), re.I)
# "Jakarta, Pahami.id —" / "Suara.com - " / "TEMPO.CO, Jakarta -" / "Detak Tribe — Sebanyak"
_DATELINE = re.compile(rf"^(?:(?P<a>{_NAME}), )?(?P<b>{_NAME})\s*{_DASH}(?:[ \t]+|\n|$)(?P<next>.?)")
# "Jakarta (ANTARA) -"
_PAREN_DATELINE = re.compile(rf"^{_NAME} \((?P<b>{_NAME})\)\s*{_DASH}(?=\s|$)")
# "EtIndonesia. Baru-baru ini" (a single brand-like word: camel case or web address)
_BRAND_DOT = re.compile(r"^(?P<b>[A-Za-z0-9]*[a-z][A-Z][\w]*|[\w]+(?:\.[\w]+)+)\.\s+(?=[A-Z])")
_TITLE_MAX_WORDS = 25


def _brandlike(name: str) -> bool:
    """A web address ("Suara.com") or camel case ("EtIndonesia"): never a place name."""
    return bool(_DOMAIN.search(name) or re.search(r"[a-z][A-Z]", name))


def infer_outlet(body: str):
    """The outlet named by a dateline at the start of ``body``, or None."""
    head = body[:300]
    m = _PAREN_DATELINE.match(head)
    if m:
        return m.group("b")
    m = _DATELINE.match(head)
    if m:
        a, b, nxt = m.group("a"), m.group("b"), m.group("next")
        if a and _DOMAIN.search(a) and not _DOMAIN.search(b):
            return a  # "TEMPO.CO, Jakarta -"
        if _brandlike(b):
            return b
        if not a and " " not in b:
            return None  # "JAKARTA - ": a dateline with the city only
        return b if nxt == "" or nxt.isupper() else None
    m = _BRAND_DOT.match(head)
    return m.group("b") if m else None


def infer_title(text: str):
    """(title, body): a short first line without final full stop, then a blank line."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.startswith("\n"):
        return None, text
    line = first.strip()
    if (not line or len(line.split()) > _TITLE_MAX_WORDS or len(line.split()) < 2
            or line[-1] in ".,;:-\u2013\u2014"):
        return None, text
    return line, rest.lstrip("\n")




def detect_language(text: str) -> str:
    """The article's language: "id" (Indonesian; Malay reads as Indonesian) or "en" ("und" for a
    text of fewer than three words), from
    py3langid restricted to the languages Warta has lexicons for (helpers/lexicon/)."""
    from py3langid import langid

    if not _LANGID_READY:
        langid.set_languages(["id", "en", "ms"])
        _LANGID_READY.append(True)
    sample = text[:5000]
    if len(re.findall(r"[^\W\d_]{2,}", sample)) < 3:
        return "und"  # too few words to tell; the extractors read it as Indonesian
    lang, _ = langid.classify(sample)
    return "en" if lang == "en" else "id"


_LANGID_READY: list = []


def text_key(text: str) -> str:
    """Hash used for duplicate detection: normalised text with whitespace collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


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
    if _looks_binary(raw) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
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


# ----------------------------------------------------------------------------- loading
def _latest_weekday_date(text: str) -> tuple[pd.Timestamp, str | None]:
    """Latest "Senin (28/10)" / "Rabu (23 Oktober)": no year, but the weekday pins it."""
    from .dates import find_dates

    best, surface = pd.NaT, None
    for d in find_dates(text):
        if d.get("granularity") == "day" and not pd.isna(d["date"]):
            if pd.isna(best) or d["date"] > best:
                best, surface = d["date"], d["surface"]
    return best, surface


def _read_article(path: Path, meta: dict | None) -> tuple[dict | None, str | None]:
    """One file -> (row, None) or (None, skip message). Opens the file read-only."""
    name = path.name
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return None, f"{name}: cannot read ({exc.strerror}), skipped"
    if not raw:
        return None, f"{name}: empty file, skipped"
    refused, clean, notes = _article_bytes(raw)
    if refused:
        return None, f"{name}: {refused}, skipped"
    decoded, more = decode(clean)
    notes += more
    text = normalise(decoded)
    if not text.strip():
        return None, f"{name}: only whitespace, skipped"
    announce = []  # notes also issued as warnings naming the file
    if len(raw) > LARGE_FILE_BYTES:
        notes.append(f"large file ({len(raw) / 2**20:.1f} MB, over "
                     f"{LARGE_FILE_BYTES // 2**20} MB): loaded, annotation may be slow")
    if len(text) > LONG_ARTICLE_CHARS:
        announce.append(f"very long article ({len(text):,} characters, over "
                        f"{LONG_ARTICLE_CHARS:,}): annotation of very long files is slow, "
                        f"{LONG_ARTICLE_WHY}")
    meta = meta or {}
    title, body = infer_title(text)
    published = meta.get("published")  # published_source "html": helpers.intake read it
    source = "html" if (meta.get("published_source") or "").lower() == "html" else "metadata"
    latest, surface = latest_text_date(text)
    if published is None and not surface:
        latest, surface = _latest_weekday_date(text)
        if surface:
            notes.append(f"published taken from '{surface}' ({latest:%Y-%m-%d}): the weekday "
                         f"fixes the year; the article may be from a later day")
    if published is None:
        published, source = (latest, "text") if surface else (pd.NaT, "none")
    elif surface and latest > published:
        notes.append(f"text has a later date ({surface}) than the published date in "
                     f"{METADATA} ({published:%Y-%m-%d})")
    if not pd.isna(published) and published > pd.Timestamp.now().normalize() + pd.Timedelta(days=1):
        where = {"metadata": f"{METADATA} row {meta.get('row')}",
                 "html": f"{METADATA} row {meta.get('row')} (from the web page)",
                 "text": f"the text ('{surface}')"}[source]
        announce.append(f"published date {published:%Y-%m-%d} ({where}) is in the future: "
                        "check the date")
    notes += announce
    return {
        "article_id": path.stem,
        "file": name,
        "outlet": meta.get("outlet") or infer_outlet(body),
        "title": meta.get("title") or title,
        "url": meta.get("url"),
        "published": published,
        "published_source": source,
        "language": detect_language(text),
        "text": text,
        "n_words": len(text.split()),
        "warnings": notes,
        "_announce": announce,
    }, None


def load_corpus(path) -> pd.DataFrame:
    """Read the ``*.txt`` files of folder ``path`` into the articles table (see module doc).

    ``df.attrs["skipped"]`` lists the files left out and why; ``df.attrs["messages"]`` has
    every folder-level message (skipped files, metadata.csv rows naming missing files). Each
    of these is also issued as a :class:`CorpusWarning`. ``df.attrs["corpus"]`` is the folder
    (annotate looks for corrections.csv there). Raises :class:`CorpusError`.
    """
    folder = Path(path)
    if not folder.exists():
        raise CorpusError(folder, "no such folder")
    if not folder.is_dir():
        raise CorpusError(folder, "not a folder (give the folder that holds the .txt files)")
    files = sorted((p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file()),
                   key=lambda p: p.name)
    if not files:
        raise CorpusError(folder, "no .txt files in this folder")
    meta, messages = read_metadata(folder)
    names = {p.name for p in files}
    for key, entry in meta.items():
        if key not in names:
            messages.append(f"{METADATA} row {entry['row']}: no file {key!r} in the folder")
    rows, skipped, ids, first_of = [], [], {}, {}
    root = folder.resolve()
    for p in files:
        if p.name.startswith((".", "~$")):
            skipped.append(f"{p.name}: hidden or temporary file, skipped")
            continue
        if p.is_symlink() and root not in p.resolve().parents:
            skipped.append(f"{p.name}: a link to {p.resolve()}, outside the corpus folder: not "
                           "read, skipped (copy the file into the folder if it belongs there)")
            continue
        if p.stem in ids:
            skipped.append(f"{p.name}: same article_id {p.stem!r} as {ids[p.stem]}, skipped")
            continue
        row, why = _read_article(p, meta.get(p.name))
        if row is None:
            skipped.append(why)
            continue
        ids[p.stem] = p.name
        messages += [f"{p.name}: {note}" for note in row.pop("_announce")]
        key = text_key(row["text"])
        if key in first_of:
            row["duplicate_of"] = first_of[key]
            row["warnings"].append(f"same text as {first_of[key]}")
        else:
            first_of[key] = row["article_id"]
        row["warnings"] = "; ".join(row["warnings"]) or None
        rows.append(row)
    messages += skipped
    for message in messages:
        _warnings.warn(message, CorpusWarning, stacklevel=2)
    if not rows:
        raise CorpusError(folder, "no readable articles (" + "; ".join(skipped) + ")")
    df = frame(rows, "articles")
    df.attrs["corpus"] = str(folder)
    df.attrs["skipped"] = skipped
    df.attrs["messages"] = messages
    return df


def load_actors_for(corpus_path) -> pd.DataFrame:
    """The corpus's gazetteer (``actors.yaml`` beside the articles) or an empty actors table."""
    path = Path(corpus_path) / ACTORS_FILE
    if not path.is_file():
        return frame([], "actors")
    from helpers.actors import load_actors

    return load_actors(path)
