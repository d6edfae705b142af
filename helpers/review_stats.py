"""How far to trust the annotator on this corpus: its precision measured by the analyst's review.

Every decision of notebooks/05_review.ipynb is a measurement: a row **accepted** unchanged
was right, a row **corrected** or **rejected** was wrong, a row **added** was missed. From
the ``reviewed`` column of the statements and estimates, the rejected rows
(``ann.rejected``) and the ``correct`` decisions of ``corrections.csv`` (``ann.corrections_path``):

    review_stats(ann)       one row per table: reviewed, accepted, corrected, rejected, added,
                            not reviewed, precision (= accepted / reviewed) and its 95% Wilson
                            interval (NA until a row is reviewed)
    corrected_fields(ann)   which fields the analyst corrected, most often first: table, field,
                            rows, share of the table's corrected rows
    report(ann)             both as Markdown, with one sentence per table (the notebook's call)

Precision only speaks for the rows that were reviewed: rows picked at random measure the
annotator; rows picked because they looked wrong make it look worse than it is. Added rows are
misses (recall), not part of the precision.
"""
from __future__ import annotations

import math
import re

import pandas as pd

TABLES = ("statements", "estimates")
COLUMNS = ["table", "rows", "reviewed", "accepted", "corrected", "rejected", "added", "not_reviewed",
           "precision", "precision_low", "precision_high"]
Z95 = 1.959964


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (NaN, NaN when n is 0)."""
    if n <= 0:
        return math.nan, math.nan
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rejected(ann, table: str) -> int:
    rej = getattr(ann, "rejected", None)
    if rej is None or rej.empty or "table" not in rej:
        return 0
    return int((rej["table"] == table).sum())


def review_stats(ann) -> pd.DataFrame:
    """Per table: how many rows the analyst reviewed and how many the annotator had right.

    ``reviewed`` = accepted + corrected + rejected (the annotator's rows an analyst judged);
    ``precision`` = accepted / reviewed, with its 95% Wilson interval; ``added`` rows are the
    annotator's misses and ``rows`` the table's current size (added rows included, rejected
    ones not)."""
    out = []
    for table in TABLES:
        df = getattr(ann, table)
        rv = (df["reviewed"] if "reviewed" in df else pd.Series(pd.NA, index=df.index)).astype("string")
        accepted, corrected = int((rv == "accepted").sum()), int((rv == "corrected").sum())
        added, rejected = int((rv == "added").sum()), _rejected(ann, table)
        reviewed = accepted + corrected + rejected
        low, high = wilson(accepted, reviewed)
        out.append(dict(table=table, rows=len(df), reviewed=reviewed, accepted=accepted,
                        corrected=corrected, rejected=rejected, added=added,
                        not_reviewed=int(rv.isna().sum()),
                        precision=accepted / reviewed if reviewed else math.nan,
                        precision_low=low, precision_high=high))
    stats = pd.DataFrame(out, columns=COLUMNS)
    for c in COLUMNS[1:8]:
        stats[c] = stats[c].astype("Int64")
    for c in COLUMNS[8:]:
        stats[c] = pd.array([None if math.isnan(v) else round(v, 3) for v in stats[c]], dtype="Float64")
    return stats


def _decisions(ann, decisions=None) -> pd.DataFrame:
    if decisions is not None:
        return decisions
    path = getattr(ann, "corrections_path", None)
    if not path:
        return pd.DataFrame(columns=["table", "target_id", "action", "field", "_ts", "row"])
    from helpers.review import load_corrections

    return load_corrections(path)


def corrected_fields(ann, decisions=None) -> pd.DataFrame:
    """The fields the analyst corrected, most often first: ``table``, ``field``, ``rows`` (rows
    with that field corrected) and ``share`` (of the table's corrected rows).

    Read from the ``correct`` decisions of ``ann.corrections_path`` (or ``decisions``, a frame
    from :func:`helpers.review.load_corrections`): per row the fields of its decisions, leaving
    out rows rejected in the end, rows the analyst added (not the annotator's) and decisions
    that matched no row (``ann.unmatched_corrections``)."""
    cols = ["table", "field", "rows", "share"]
    dec = _decisions(ann, decisions)
    if dec.empty:
        return _typed_fields(pd.DataFrame(columns=cols))
    unmatched = " ".join(getattr(ann, "unmatched_corrections", None) or [])
    stale = set(re.findall(r"(\S+:[se]:\d+-\d+(?:#\d+)?)", unmatched))
    rows = []
    for (table, tid), g in dec.sort_values(["_ts", "row"], kind="stable").groupby(["table", "target_id"], sort=False):
        actions = g["action"].tolist()
        if "add" in actions or tid in stale:
            continue
        last_row_level = [a for a in actions if a in ("accept", "reject", "correct")]
        if not last_row_level or last_row_level[-1] == "reject":
            continue
        for field in sorted(set(g.loc[g["action"] == "correct", "field"].dropna())):
            rows.append((table, tid, field))
    if not rows:
        return _typed_fields(pd.DataFrame(columns=cols))
    d = pd.DataFrame(rows, columns=["table", "target_id", "field"])
    n_corrected = d.groupby("table")["target_id"].nunique()
    out = d.groupby(["table", "field"]).size().rename("rows").reset_index()
    out["share"] = [r.rows / n_corrected[r.table] for r in out.itertuples()]
    out = out.sort_values(["rows", "table", "field"], ascending=[False, True, True], kind="stable")
    return _typed_fields(out[cols])


def _typed_fields(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["table"], df["field"] = df["table"].astype("string"), df["field"].astype("string")
    df["rows"] = pd.array(pd.to_numeric(df["rows"]), dtype="Int64")
    df["share"] = pd.array(pd.to_numeric(df["share"]).round(3), dtype="Float64")
    return df.reset_index(drop=True)


def sentence(r) -> str:
    """One line on one table's review: '3 of 4 reviewed estimates accepted unchanged: …'."""
    noun = r["table"]
    if not r["reviewed"]:
        added = f"; {r['added']} added by the analyst" if r["added"] else ""
        return f"**{noun.capitalize()}**: none of the {r['rows']} reviewed yet{added}."
    return (f"**{noun.capitalize()}**: {r['accepted']} of {r['reviewed']} reviewed rows accepted unchanged: "
            f"precision {r['precision']:.2f} (95% interval {r['precision_low']:.2f}–{r['precision_high']:.2f}); "
            f"{r['corrected']} corrected, {r['rejected']} rejected; {r['added']} missed and added; "
            f"{r['not_reviewed']} not reviewed.")


def report(ann, decisions=None):
    """The review's measure of the annotator as Markdown: one sentence per table, the table of
    :func:`review_stats` and the fields corrected most (:func:`corrected_fields`)."""
    from IPython.display import Markdown

    stats = review_stats(ann)
    lines = [sentence(r) for r in stats.to_dict("records")]
    fields = corrected_fields(ann, decisions)
    if len(fields):
        lines.append("**Corrected most**: " + "; ".join(
            f"{r['table']} `{r['field']}` ({r['rows']} row{'s' if r['rows'] != 1 else ''}, "
            f"{r['share']:.0%} of corrected {r['table']})" for r in fields.head(6).to_dict("records")) + ".")
    if int(stats["reviewed"].sum()) and int(stats["reviewed"].max()) < 30:
        lines.append("_Fewer than 30 rows reviewed in a table: its interval is wide; review more "
                     "(picked at random, not only the doubtful ones) before trusting the figure._")
    return Markdown("\n\n".join(f"- {x}" if not x.startswith("_") else x for x in lines))
