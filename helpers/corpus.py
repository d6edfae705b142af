"""Read a folder of article files into the ``articles`` table (one row per ``*.txt`` file).

``load_corpus(path)`` reads every ``*.txt`` directly in ``path`` (not recursive), sorted by
file name; ``article_id`` is the file stem. Files are opened read-only and never written.

Real folders are messy, so each file goes through the same steps:

* **decode** (:mod:`helpers.decoding`): UTF-8 (with or without BOM); UTF-16 with a BOM;
  UTF-16 without a BOM (told by its NUL byte every second byte; warning of its own); a file
  that is mostly UTF-8 with a few broken bytes keeps its UTF-8 and replaces those bytes
  (warning); otherwise cp1252, then latin-1 (warning "decoded as cp1252, not UTF-8"). A few
  stray NUL bytes in a text file are removed (warning), they do not make it binary.
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

``metadata.csv`` (optional, beside the articles; read by :mod:`helpers.metadata`, which also
defines :class:`CorpusError` and the date readers) supplies per-file facts: ``file`` (required),
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

import hashlib
import re
import warnings as _warnings
from pathlib import Path

import pandas as pd

from helpers.decoding import article_bytes, decode
from helpers.metadata import (
    METADATA, CorpusError, latest_text_date, parse_metadata_date, read_metadata,
)
from helpers.schema import frame
from helpers.text import normalise

# Also the names importers know from here (helpers.intake, helpers.briefing, tests), defined in
# helpers.decoding and helpers.metadata.
__all__ = ["ACTORS_FILE", "METADATA", "CorpusError", "CorpusWarning", "decode", "detect_language",
           "infer_outlet", "infer_title", "latest_text_date", "load_actors_for", "load_corpus",
           "parse_metadata_date", "read_metadata", "text_key"]

LARGE_FILE_BYTES = 5 * 1024 * 1024
LONG_ARTICLE_CHARS = 200_000
# Why a very long article is slow, for the warning: annotation time grows with the length (about
# 1.5 ms per 1,000 characters on one core, measured by `make bench`'s scaling step), so a file
# of millions of characters takes seconds to minutes, and one article this long is most often
# several articles saved in one file (a page of search results, an archive).
LONG_ARTICLE_WHY = ("because every sentence passes through the statement and figure rules (about 1.5 s "
                    "per million characters on one core); if the file holds several articles, split it "
                    "so each is dated and attributed on its own")
ACTORS_FILE = "actors.yaml"


class CorpusWarning(UserWarning):
    """A file was skipped or metadata.csv names a file that is not there."""


# ----------------------------------------------------------------------------- inference
# Web-address endings that mark a dateline word as an outlet name ("Suara.com", "TEMPO.CO").
OUTLET_DOMAIN_SUFFIXES = ["com", "co", "id", "net", "org", "tv", "news", "co.id", "or.id"]
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
    refused, clean, notes = article_bytes(raw)
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
        "_text_key": text_key(text),
    }, None


def _read_cached(memo, p: Path, meta):
    """``_read_article``, or what it gave last time when the file has not changed."""
    if memo is None:
        return _read_article(p, meta)
    key = memo.key(p, meta)
    got = memo.get(key)
    if got is not None:
        return got
    row, why = _read_article(p, meta)
    memo.put(key, row, why)
    return row, why


def load_corpus(path, cache=None) -> pd.DataFrame:
    """Read the ``*.txt`` files of folder ``path`` into the articles table (see module doc).

    ``cache``: a folder (the annotation cache's) where what reading each file gave is kept, so
    unchanged files are not read again (:mod:`helpers.loadcache`); the table is the same.

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
    memo = None
    if cache:
        from helpers.loadcache import FileMemo

        memo = FileMemo(cache, folder)
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
        row, why = _read_cached(memo, p, meta.get(p.name))
        if row is None:
            skipped.append(why)
            continue
        ids[p.stem] = p.name
        messages += [f"{p.name}: {note}" for note in row.pop("_announce")]
        key = row.pop("_text_key")
        if key in first_of:
            row["duplicate_of"] = first_of[key]
            row["warnings"].append(f"same text as {first_of[key]}")
        else:
            first_of[key] = row["article_id"]
        row["warnings"] = "; ".join(row["warnings"]) or None
        rows.append(row)
    if memo is not None:
        memo.save()
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