"""Table schemas and the one row constructor every extractor uses.

Every table in Warta is a long-form pandas DataFrame with exactly the columns listed here
(see README.md, "Data dictionary"). Extractors build rows as plain dicts and hand them to
:func:`frame`, which fills missing columns with NA, orders the columns, and applies dtypes,
so an empty table still has the right columns and types.

Stable ids are derived from the article and the character span, never from row numbers,
so that analyst corrections (``seeds/corrections.csv``) keep applying after re-annotation:

    statement_id = "<article_id>:s:<start>-<end>"   (span of what was said, the ``text`` column;
                   a second speaker of the same clause gets the suffix "#2", a third "#3")
    estimate_id  = "<article_id>:e:<start>-<end>"   (span of the number phrase)

Offsets: for statements ``article_text[start:end] == text``; for estimates
``article_text[start:end]`` is the number phrase (qualifier + number + unit where present).
"""
from __future__ import annotations

import pandas as pd

ARTICLES = [
    "article_id", "file", "outlet", "title", "url", "published", "published_source",
    "language", "text", "n_words", "duplicate_of", "warnings",
]
ACTORS = ["actor_id", "name", "kind", "role", "affiliation", "aliases"]
MENTIONS = ["article_id", "actor_id", "surface", "start", "end"]
STATEMENTS = [
    "statement_id", "article_id", "speaker_id", "speaker", "speaker_kind", "affiliation",
    "listed", "kind", "verb", "text", "sentence", "start", "end", "stated_on", "date_source",
    "cited_source", "stance", "repeat_group",
]
ESTIMATES = [
    "estimate_id", "article_id", "value", "low", "high", "qualifier", "measure", "category",
    "unit", "claimant_id", "claimant", "affiliation", "as_of", "date_source", "sentence", "start",
    "end", "revises", "cited_source", "in_headline", "repeat_group",
]
# Added by review (issue 5): how an analyst's corrections touched the row.
REVIEW_COLUMN = "reviewed"  # accepted | corrected | added | NA (not reviewed)

COLUMNS = {
    "articles": ARTICLES,
    "actors": ACTORS,
    "mentions": MENTIONS,
    "statements": STATEMENTS,
    "estimates": ESTIMATES,
}

_DATES = {"published", "stated_on", "as_of"}
_INTS = {"start", "end", "n_words"}
_FLOATS = {"value", "low", "high", "revises"}
_BOOLS = {"listed", "in_headline"}


def frame(rows, table: str) -> pd.DataFrame:
    """Build table ``table`` from an iterable of dict rows: exact columns, NA for missing."""
    cols = list(COLUMNS[table])
    rows = list(rows)
    extra = [c for r in rows for c in r if c not in cols]
    for c in extra:  # keep extra columns (e.g. "reviewed") after the documented ones
        if c not in cols:
            cols.append(c)
    df = pd.DataFrame.from_records(rows, columns=cols) if rows else pd.DataFrame(columns=cols)
    for c in cols:
        if c in _DATES:
            df[c] = pd.to_datetime(df[c], errors="coerce").astype("datetime64[ns]")
        elif c in _INTS:
            df[c] = pd.array(df[c], dtype="Int64")
        elif c in _FLOATS:
            df[c] = pd.array(df[c], dtype="Float64")
        elif c in _BOOLS:
            df[c] = pd.array(df[c], dtype="boolean")
        else:
            df[c] = df[c].astype("string")
    return df.reset_index(drop=True)


def statement_id(article_id: str, start: int, end: int, n: int = 1) -> str:
    return f"{article_id}:s:{start}-{end}" + (f"#{n}" if n > 1 else "")


def estimate_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:e:{start}-{end}"
