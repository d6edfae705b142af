"""Apply the analyst's decisions (``corrections.csv``, see helpers/review.py) to Annotations.

``apply_corrections(ann, path)`` returns a new :class:`helpers.tables.Annotations`; the input
is never mutated. Each target (table + id) is resolved once against the current tables: by its
id when the row still exists and still reads as the saved quote; else re-anchored to the row of
the same article with the same quote (nearest to the old span); else reported as unmatched. The
decision lines themselves are never touched here.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pandas as pd

from . import schema
from .review import FIELDS, TABLES, order_rows, rows_text, split_id, load_corrections

NA = pd.NA
OVERLAP = 0.5  # re-anchor to a row whose span overlaps the old one at least this much (IoU)
_SPACE = re.compile(r"\s+")


def _norm(text) -> str:
    return "" if text is None or (not isinstance(text, str) and pd.isna(text)) else _SPACE.sub(" ", str(text)).strip()


def quote_of(table: str, row: dict, article_text: str | None) -> str:
    """What a row reads as: a statement's text, an estimate's number phrase."""
    if table == "statements" and not pd.isna(row.get("text")):
        return str(row["text"])
    if article_text is None or pd.isna(row.get("start")) or pd.isna(row.get("end")):
        return ""
    return article_text[int(row["start"]):int(row["end"])]


def _short(text: str, n: int = 60) -> str:
    text = _norm(text)
    return text if len(text) <= n else text[: n - 1] + "…"


class _Actors:
    """Exact lookup of an actor by id, name or alias (no guessing inside longer phrases)."""

    def __init__(self, actors: pd.DataFrame | None):
        from .actors import alias_key

        self._key = alias_key
        self.rows: dict[str, dict] = {}
        self.index: dict[str, str] = {}
        for r in ([] if actors is None else actors.to_dict("records")):
            aid = str(r["actor_id"])
            self.rows[aid] = r
            forms = [aid, r.get("name")] + str(r.get("aliases") or "").split(";")
            for f in forms:
                if isinstance(f, str) and f.strip():
                    self.index.setdefault(alias_key(f.strip()), aid)

    def find(self, text: str) -> dict | None:
        aid = text if text in self.rows else self.index.get(self._key(text))
        return None if aid is None else self.rows[aid]


def _val(v):
    return NA if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def _set_actor(table: str, row: dict, value, actors: _Actors) -> None:
    hit = None if value is None else actors.find(value)
    if table == "statements":
        if hit is not None:
            row.update(speaker_id=hit["actor_id"], speaker=_val(hit.get("name")),
                       speaker_kind=_val(hit.get("kind")), affiliation=_val(hit.get("affiliation")),
                       listed=True)
        else:
            row.update(speaker_id=NA, speaker=_val(value), speaker_kind=NA, affiliation=NA,
                       listed=False)
    else:
        if hit is not None:
            row.update(claimant_id=hit["actor_id"], claimant=_val(hit.get("name")),
                       affiliation=_val(hit.get("affiliation")))
        else:
            row.update(claimant_id=NA, claimant=_val(value), affiliation=NA)


def _apply_fields(table: str, row: dict, fields: dict, actors: _Actors) -> None:
    if "value" in fields:
        old, new = row.get("value"), fields["value"]
        for bound in ("low", "high"):
            if bound not in fields and not pd.isna(old) and not pd.isna(row.get(bound)) \
                    and float(row[bound]) == float(old):
                row[bound] = new
    for field, value in fields.items():
        kind = FIELDS[table][field]
        if kind == "actor":
            _set_actor(table, row, value, actors)
        else:
            row[field] = _val(value)
            if field in ("stated_on", "as_of"):
                row["date_source"] = "analyst" if value is not None else "none"


def _added_row(table: str, target_id: str, article_id: str, start: int, end: int, text: str) -> dict:
    span = text[start:end]
    if table == "statements":
        return dict(statement_id=target_id, article_id=article_id, text=span, sentence=span,
                    start=start, end=end, listed=False, date_source="none")
    return dict(estimate_id=target_id, article_id=article_id, sentence=span, start=start, end=end,
                date_source="none")


def _relocate(text: str, quote: str, start: int) -> int | None:
    """Start of the occurrence of ``quote`` in ``text`` nearest to ``start``, or None."""
    if not quote:
        return None
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    return min(hits, key=lambda h: (abs(h - start), h)) if hits else None


def apply_corrections(ann, path):
    """A new Annotations with the decisions in ``path`` applied (see helpers/review.py).

    Sets ``reviewed`` on statements and estimates, ``rejected`` (a table of rejected rows),
    ``unmatched_corrections`` (messages for decisions that match no row; their lines stay in the
    file) and ``correction_notes`` (re-anchored targets and conflicts).
    """
    path = Path(path)
    name = path.name
    dec = load_corrections(path)
    notes = list(dec.attrs.get("conflicts", []))
    unmatched: list[str] = []
    texts = dict(zip(ann.articles["article_id"].astype(str), ann.articles["text"]))
    actors = _Actors(ann.actors)
    out = copy.copy(ann)
    rejected = []
    for table, (id_col, _, noun) in TABLES.items():
        df = getattr(ann, table)
        if not (dec["table"] == table).any():  # nothing decided here: same rows, reviewed = NA
            setattr(out, table, df.assign(**{schema.REVIEW_COLUMN: pd.array([NA] * len(df), dtype="string")}))
            continue
        rows = {r[id_col]: r for r in df.to_dict("records")}
        order = list(rows)
        by_article: dict = {}
        for k, r in rows.items():
            by_article.setdefault(r.get("article_id"), []).append(k)
        reviewed: dict[str, str] = {}
        sub = dec[dec["table"] == table]
        for tid, grp in order_rows(sub).groupby("target_id", sort=False):
            grp = order_rows(grp)
            last = grp.iloc[-1]
            where = f"{name} {rows_text(grp['row'])}"
            quotes = [q for q in grp["quote"] if isinstance(q, str) and q.strip()]
            quote = quotes[-1] if quotes else ""
            adds = grp[grp["action"] == "add"]
            key = tid
            if not adds.empty:
                a = adds.iloc[-1]
                aid, start, end = a["article_id"], int(a["start"]), int(a["end"])
                text = texts.get(aid)
                if text is None:
                    unmatched.append(f"{where}: added {noun} {tid}: article {aid!r} is not in the corpus")
                    continue
                if end > len(text) or (quote and _norm(text[start:end]) != _norm(quote)):
                    moved = _relocate(text, quote, start)
                    if moved is None:
                        unmatched.append(f"{where}: added {noun} {tid} no longer matches the article "
                                         f"text (quote: {_short(quote)!r})")
                        continue
                    start, end = moved, moved + len(quote)
                    key = schema.statement_id(aid, start, end) if table == "statements" \
                        else schema.estimate_id(aid, start, end)
                    notes.append(f"{where}: added {noun} {tid} re-anchored to {key}")
                if last["action"] == "reject":
                    continue
                if key in rows:
                    notes.append(f"{where}: added {noun} {key} is now found by the annotator; "
                                 "the decision applies to that row")
                else:
                    rows[key] = _added_row(table, key, aid, start, end, text)
                    order.append(key)
                    reviewed[key] = "added"
            else:
                key = _resolve(table, tid, quote, rows, texts, by_article)
                if key is None:
                    unmatched.append(f"{where}: {noun} {tid} no longer matches any row "
                                     f"(quote: {_short(quote)!r})")
                    continue
                if key != tid:
                    now = quote_of(table, rows[key], texts.get(rows[key].get("article_id")))
                    how = "same quote" if _norm(now) == _norm(quote) else \
                        f"overlapping span, now reads {_short(now)!r}"
                    notes.append(f"{where}: {noun} {tid} re-anchored to {key} ({how})")
            if last["action"] == "reject":
                r = rows.pop(key)
                order.remove(key)
                rejected.append(dict(table=table, target_id=key, article_id=r.get("article_id"),
                                     start=r.get("start"), end=r.get("end"),
                                     quote=quote_of(table, r, texts.get(r.get("article_id"))),
                                     rows=rows_text(grp["row"]), decided_at=last["decided_at"],
                                     reviewer=last["reviewer"], note=last["note"]))
                reviewed.pop(key, None)
                continue
            fixes = grp[grp["action"] == "correct"]
            fields = {f: fg.iloc[-1]["_value"] for f, fg in fixes.groupby("field", sort=False)}
            if fields:
                _apply_fields(table, rows[key], fields, actors)
            reviewed[key] = reviewed.get(key) or ("corrected" if fields else "accepted")
        new = schema.frame([dict(rows[k], reviewed=reviewed.get(k, NA)) for k in order], table)
        if schema.REVIEW_COLUMN not in new:
            new[schema.REVIEW_COLUMN] = pd.array([NA] * len(new), dtype="string")
        setattr(out, table, _regroup(table, new))
    out.unmatched_corrections = unmatched
    out.rejected = pd.DataFrame(rejected, columns=["table", "target_id", "article_id", "start", "end",
                                                   "quote", "rows", "decided_at", "reviewer", "note"])
    out.correction_notes = notes
    out.corrections_path = str(path)
    return out


def _resolve(table: str, tid: str, quote: str, rows: dict, texts: dict, by_article: dict) -> str | None:
    """The id the decision applies to now: the same id, or a re-anchored one, or None."""
    parts = split_id(tid)
    aid = parts["aid"]
    text = texts.get(aid)
    if tid in rows:
        if not quote or _norm(quote_of(table, rows[tid], text)) == _norm(quote):
            return tid
    if not quote:
        return None
    want = _norm(quote)
    old_start, suffix = int(parts["start"]), parts["n"]
    same = [k for k in by_article.get(aid, []) if k in rows]
    cands = [k for k in same if _norm(quote_of(table, rows[k], text)) == want]

    def rank(k):
        p = split_id(k)
        return (p["n"] != suffix, abs(int(p["start"]) - old_start), k)

    if cands:
        return min(cands, key=rank)
    # the annotator now cuts the span a little differently: the same suffix and a span that
    # mostly overlaps the old one (intersection over union >= OVERLAP) is the same row
    old_end = int(parts["end"])
    best, best_iou = None, OVERLAP
    for k in same:
        p = split_id(k)
        if p["n"] != suffix or k == tid:  # the same id reading differently is not the same row
            continue
        s, e = int(p["start"]), int(p["end"])
        inter = min(e, old_end) - max(s, old_start)
        iou = inter / (max(e, old_end) - min(s, old_start)) if inter > 0 else 0.0
        if iou >= best_iou and (best is None or iou > best_iou):
            best, best_iou = k, iou
    return best


def _regroup(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Recompute repeat groups: a corrected speaker or value can join or split a claim."""
    from .repeats import estimate_repeat_groups, statement_repeat_groups

    fn = statement_repeat_groups if table == "statements" else estimate_repeat_groups
    df["repeat_group"] = fn(df).astype("string")
    return df
