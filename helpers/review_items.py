"""The review notebook's plain functions, behind the panel of helpers/review_ui.py (which
re-exports them): they run without a browser and are tested.

:func:`queue` (what to review, unreviewed first) and :func:`options` (its dropdown labels),
:func:`get_row` (a row, or what the decision file knows of a rejected one), :func:`item_html`
(the sentence with the row's span highlighted, escaped), :func:`form_values` (a row's current
values as form text), :func:`decision_from_form` (the decisions one button press means: one
``correct`` row per changed field), :func:`add_decisions` (an ``add`` row for a selected sentence
plus its fields), :func:`sentence_options`, :func:`actor_names`, :func:`counts` (reviewed / not
reviewed per table) and :func:`before_after` (what the decisions changed). Nothing here writes:
decisions are saved by :func:`helpers.review.save_decisions`.
"""
from __future__ import annotations

import html

import pandas as pd

from . import schema
from .corrections import FIELDS, TABLES
from .review_apply import quote_of

# form field -> (label, tables it belongs to)
FORM_FIELDS = {
    "speaker": ("Speaker", ("statements",)),
    "claimant": ("Claimant", ("estimates",)),
    "value": ("Value", ("estimates",)),
    "qualifier": ("Qualifier", ("estimates",)),
    "category": ("Category", ("estimates",)),
    "unit": ("Unit", ("estimates",)),
    "as_of": ("As of (YYYY-MM-DD)", ("estimates",)),
    "kind": ("Kind", ("statements",)),
    "stance": ("Stance", ("statements",)),
    "stated_on": ("Stated on (YYYY-MM-DD)", ("statements",)),
}
ID_COL = {t: v[0] for t, v in TABLES.items()}


def _s(v) -> str:
    """Form text of a value: '' for missing, 3000 for 3000.0, YYYY-MM-DD for dates."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def article_texts(ann) -> dict:
    """article_id -> the article's text."""
    return dict(zip(ann.articles["article_id"].astype(str), ann.articles["text"]))


def queue(ann) -> pd.DataFrame:
    """One row per statement and estimate to review: unreviewed first, then by article/span."""
    parts = []
    for table, id_col in ID_COL.items():
        df = getattr(ann, table)
        who = "speaker" if table == "statements" else "claimant"
        what = df["text"] if table == "statements" else df["value"].map(_s) + " " + df["unit"].fillna("")
        reviewed = df["reviewed"] if "reviewed" in df else pd.Series(pd.NA, index=df.index)
        parts.append(pd.DataFrame({
            "table": table, "target_id": df[id_col].astype(str), "article_id": df["article_id"],
            "start": df["start"], "reviewed": reviewed.astype("string"),
            "label": (df[who].fillna("?").astype(str) + ": " + what.fillna("").astype(str)).str.slice(0, 70),
        }))
    rejected = getattr(ann, "rejected", None)
    if rejected is not None and not rejected.empty:  # listed too, so a rejection can be undone
        parts.append(pd.DataFrame({
            "table": rejected["table"], "target_id": rejected["target_id"].astype(str),
            "article_id": rejected["article_id"], "start": rejected["start"], "reviewed": "rejected",
            "label": rejected["quote"].fillna("").astype(str).str.slice(0, 70)}))
    q = pd.concat(parts, ignore_index=True)
    q["_done"] = q["reviewed"].notna()
    return q.sort_values(["_done", "article_id", "start", "table"], kind="stable").drop(columns="_done").reset_index(drop=True)


def options(ann) -> list[tuple[str, tuple[str, str]]]:
    """Dropdown options (label, (table, id)) for :func:`queue`."""
    out = []
    for r in queue(ann).to_dict("records"):
        mark = "·" if pd.isna(r["reviewed"]) else f"✓ {r['reviewed']}"
        noun = "statement" if r["table"] == "statements" else "estimate"
        out.append((f"{mark} | {noun} | {r['article_id']} | {r['label']}", (r["table"], r["target_id"])))
    return out


def get_row(ann, table: str, target_id: str) -> dict:
    """The row ``target_id`` of ``table``; for a rejected row, what the decision file knows of it.
    Raises KeyError."""
    df = getattr(ann, table)
    hit = df[df[ID_COL[table]] == target_id]
    if not hit.empty:
        return hit.iloc[0].to_dict()
    rejected = getattr(ann, "rejected", None)
    if rejected is not None and not rejected.empty:
        gone = rejected[(rejected["table"] == table) & (rejected["target_id"] == target_id)]
        if not gone.empty:  # a rejected row: what the decision file knows of it
            r = gone.iloc[-1]
            row = {ID_COL[table]: target_id, "article_id": r["article_id"], "start": r["start"],
                   "end": r["end"], "reviewed": "rejected"}
            if table == "statements":
                row["text"] = r["quote"]
            return row
    raise KeyError(f"{table} has no row {target_id!r}")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding ``start`` to the end of the one holding ``end``."""
    from .text import sentence_at, split_sentences

    spans = split_sentences(text)
    a = sentence_at(spans, start) or (start, end)
    b = sentence_at(spans, max(start, end - 1)) or (start, end)
    return min(a[0], start), max(b[1], end)


def item_html(ann, table: str, target_id: str) -> str:
    """The row's sentence with its span highlighted, and its current values (all escaped)."""
    from .render import spans_to_html

    row = get_row(ann, table, target_id)
    text = article_texts(ann).get(str(row["article_id"])) or ""
    start, end = int(row["start"]), int(row["end"])
    s0, s1 = sentence_bounds(text, start, end)
    label = "number" if table == "estimates" else ("quote" if row.get("kind") == "direct" else "indirect")
    body = spans_to_html(text[s0:s1], [dict(start=start - s0, end=end - s0, label=label,
                                            title=f"{target_id}")])
    fields = [f for f, (_, tables) in FORM_FIELDS.items() if table in tables]
    cells = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(FORM_FIELDS[f][0])}"
                    f"</th><td>{html.escape(form_values(row, table)[f]) or '–'}</td></tr>" for f in fields)
    state = row.get("reviewed")
    state = "not reviewed" if state is None or pd.isna(state) else f"reviewed: {state}"
    return (f"<div class='warta-review'><div style='color:#555'>{html.escape(target_id)} · "
            f"{html.escape(state)}</div><p style='line-height:1.5'>{body}</p>"
            f"<table>{cells}</table></div>")


def form_values(row: dict, table: str) -> dict:
    """The correctable fields of ``row`` as form text (speaker/claimant: the display name)."""
    out = {}
    for f, (_, tables) in FORM_FIELDS.items():
        if table in tables:
            out[f] = _s(row.get(f))
    return out


def _base(table: str, target_id: str, row: dict | None, text: str | None, note: str, reviewer) -> dict:
    quote = quote_of(table, row, text) if row is not None else ""
    return dict(table=table, target_id=target_id, quote=quote, note=note or "", reviewer=reviewer)


def decision_from_form(table: str, row: dict, action: str, form: dict | None = None, *,
                       article_text: str | None = None, note: str = "", reviewer=None) -> list[dict]:
    """The decisions one button press means for ``row``.

    ``accept``/``reject``: one row. ``correct``: one ``correct`` row per field of ``form`` whose
    text differs from the row's current value (an empty list when nothing changed).
    """
    tid = str(row[ID_COL[table]])
    base = _base(table, tid, row, article_text, note, reviewer)
    if action in ("accept", "reject"):
        return [dict(base, action=action)]
    if action != "correct":
        raise ValueError(f"unknown action {action!r}")
    now = form_values(row, table)
    out = []
    for field, value in (form or {}).items():
        value = "" if value is None else str(value).strip()
        if field in now and value != now[field]:
            out.append(dict(base, action="correct", field=field, value=value))
    return out


def add_decisions(table: str, article_id: str, start: int, end: int, article_text: str,
                  form: dict | None = None, *, note: str = "", reviewer=None) -> list[dict]:
    """An ``add`` row for the selected span, plus a ``correct`` row per filled-in field."""
    tid = (schema.statement_id if table == "statements" else schema.estimate_id)(
        article_id, int(start), int(end))
    quote = article_text[int(start):int(end)]
    base = dict(table=table, target_id=tid, quote=quote, note=note or "", reviewer=reviewer)
    out = [dict(base, action="add", article_id=article_id, start=int(start), end=int(end))]
    for field, value in (form or {}).items():
        value = "" if value is None else str(value).strip()
        if value and field in FIELDS[table]:
            out.append(dict(base, action="correct", field=field, value=value))
    return out


def sentence_options(text: str) -> list[tuple[str, tuple[int, int]]]:
    """(label, (start, end)) for each sentence of an article, for the 'add missing' form."""
    from .text import split_sentences

    out = []
    for i, (a, b) in enumerate(split_sentences(text or ""), 1):
        s = " ".join(text[a:b].split())
        out.append((f"{i:>3}. {s[:90]}{'…' if len(s) > 90 else ''}", (a, b)))
    return out


def actor_names(actors: pd.DataFrame | None) -> list[str]:
    """Names and ids of the gazetteer's actors for the speaker/claimant combobox."""
    if actors is None or actors.empty:
        return []
    return sorted(set(actors["name"].dropna().astype(str)) | set(actors["actor_id"].dropna().astype(str)))


def counts(ann) -> pd.DataFrame:
    """Reviewed / not reviewed rows per table (rejected rows counted from ``ann.rejected``)."""
    rows = []
    rejected = getattr(ann, "rejected", None)
    for table in ID_COL:
        df = getattr(ann, table)
        rv = df["reviewed"] if "reviewed" in df else pd.Series(pd.NA, index=df.index, dtype="string")
        rej = 0 if rejected is None or rejected.empty else int((rejected["table"] == table).sum())
        rows.append(dict(table=table, rows=len(df), not_reviewed=int(rv.isna().sum()),
                         accepted=int((rv == "accepted").sum()), corrected=int((rv == "corrected").sum()),
                         added=int((rv == "added").sum()), rejected=rej))
    return pd.DataFrame(rows)


def before_after(base, ann) -> pd.DataFrame:
    """What the decisions changed: one row per reviewed or rejected row and changed field
    (table, target_id, reviewed, field, before, after), from the annotator's output ``base``
    and the corrected ``ann``."""
    out = []
    for table, id_col in ID_COL.items():
        old = getattr(base, table).set_index(id_col)
        new = getattr(ann, table)
        if "reviewed" not in new:
            continue
        fields = [f for f in FIELDS[table] if f in new]
        fields = [c for c in ("speaker", "claimant") if c in fields] + \
                 [f for f in fields if f not in ("speaker", "claimant")]
        for r in new[new["reviewed"].notna()].to_dict("records"):
            tid = r[id_col]
            before = old.loc[tid].to_dict() if tid in old.index else {}
            changed = [f for f in fields if _s(before.get(f)) != _s(r.get(f))]
            if not changed:
                out.append(dict(table=table, target_id=tid, reviewed=r["reviewed"], field="",
                                before="", after=""))
            for f in changed:
                out.append(dict(table=table, target_id=tid, reviewed=r["reviewed"], field=f,
                                before=_s(before.get(f)), after=_s(r.get(f))))
    rejected = getattr(ann, "rejected", None)
    if rejected is not None:
        for r in rejected.to_dict("records"):
            out.append(dict(table=r["table"], target_id=r["target_id"], reviewed="rejected",
                            field="", before=" ".join(str(r["quote"]).split())[:60], after=""))
    return pd.DataFrame(out, columns=["table", "target_id", "reviewed", "field", "before", "after"])
