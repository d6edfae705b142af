"""Apply the analyst's decisions (``corrections.csv``, see helpers/corrections.py) to Annotations.

``apply_corrections(ann, path)`` returns a new :class:`helpers.tables.Annotations`; the input
is never mutated. Each target (table + id) is resolved once against the current tables: by its
id when the row still exists and still reads as the saved quote; else re-anchored to the row of
the same article with the same quote (nearest to the old span); else reported as unmatched. The
decision lines themselves are never touched here.

Effects: rejected rows leave the tables (they stay visible in ``ann.rejected``); corrected
fields are set (a speaker/claimant that is an actor id, name or alias of actors.yaml takes that
actor's id, name, kind and affiliation, anything else becomes an unlisted speaker with the typed
name; a corrected ``value`` moves ``low``/``high`` that equalled the old value; a corrected date
sets ``date_source`` to ``analyst``); added rows are built from the span (``text`` = the article
text there); every statement and estimate gets a ``reviewed`` column: ``accepted`` |
``corrected`` | ``added`` | NA.
"""
from __future__ import annotations

import copy
import re
import dataclasses
from pathlib import Path

import pandas as pd

from . import schema
from .corrections import FIELDS, TABLES, load_corrections, order_rows, rows_text, split_id

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
    """A new Annotations with the decisions in ``path`` applied (see the module doc).

    Sets ``reviewed`` on statements and estimates, ``rejected`` (a table of rejected rows),
    ``unmatched_corrections`` (messages for decisions that match no row; their lines stay in the
    file) and ``correction_notes`` (re-anchored targets and conflicts).
    """
    path = Path(path)
    dec = load_corrections(path)
    run = _Run(name=path.name, notes=list(dec.attrs.get("conflicts", [])), actors=_Actors(ann.actors),
               texts=dict(zip(ann.articles["article_id"].astype(str), ann.articles["text"])))
    out = copy.copy(ann)
    for table in TABLES:
        setattr(out, table, _apply_table(run, table, getattr(ann, table), dec))
    out.unmatched_corrections = run.unmatched
    out.rejected = pd.DataFrame(run.rejected, columns=["table", "target_id", "article_id", "start",
                                                       "end", "quote", "rows", "decided_at",
                                                       "reviewer", "note"])
    out.correction_notes = run.notes
    out.corrections_path = str(path)
    return out


@dataclasses.dataclass
class _Run:
    """What one :func:`apply_corrections` shares across tables: the file's name, the article
    texts, the gazetteer, and the messages and rejected rows it collects."""
    name: str
    notes: list
    actors: _Actors
    texts: dict
    unmatched: list = dataclasses.field(default_factory=list)
    rejected: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Rows:
    """One table while its decisions are applied: rows by id, their order, ids per article, and
    the ``reviewed`` mark of each id decided on."""
    table: str
    rows: dict
    order: list
    by_article: dict
    reviewed: dict = dataclasses.field(default_factory=dict)

    @property
    def noun(self) -> str:
        return TABLES[self.table][2]


def _apply_table(run: _Run, table: str, df: pd.DataFrame, dec: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the decisions on ``table`` applied and its ``reviewed`` column set."""
    if not (dec["table"] == table).any():  # nothing decided here: same rows, reviewed = NA
        return df.assign(**{schema.REVIEW_COLUMN: pd.array([NA] * len(df), dtype="string")})
    rows = {r[TABLES[table][0]]: r for r in df.to_dict("records")}
    by_article: dict = {}
    for k, r in rows.items():
        by_article.setdefault(r.get("article_id"), []).append(k)
    t = _Rows(table=table, rows=rows, order=list(rows), by_article=by_article)
    for tid, grp in order_rows(dec[dec["table"] == table]).groupby("target_id", sort=False):
        _apply_target(run, t, tid, order_rows(grp))
    new = schema.frame([dict(t.rows[k], reviewed=t.reviewed.get(k, NA)) for k in t.order], table)
    if schema.REVIEW_COLUMN not in new:
        new[schema.REVIEW_COLUMN] = pd.array([NA] * len(new), dtype="string")
    return _regroup(table, new)


def _apply_target(run: _Run, t: _Rows, tid: str, grp: pd.DataFrame) -> None:
    """Apply the decisions ``grp`` (ordered, the latest last) on one target."""
    last = grp.iloc[-1]
    where = f"{run.name} {rows_text(grp['row'])}"
    quotes = [q for q in grp["quote"] if isinstance(q, str) and q.strip()]
    quote = quotes[-1] if quotes else ""
    adds = grp[grp["action"] == "add"]
    if not adds.empty:
        key = _added_target(run, t, tid, adds.iloc[-1], quote, where, last["action"] == "reject")
    else:
        key = _existing_target(run, t, tid, quote, where)
    if key is None:
        return
    if last["action"] == "reject":
        r = t.rows.pop(key)
        t.order.remove(key)
        run.rejected.append(dict(table=t.table, target_id=key, article_id=r.get("article_id"),
                                 start=r.get("start"), end=r.get("end"),
                                 quote=quote_of(t.table, r, run.texts.get(r.get("article_id"))),
                                 rows=rows_text(grp["row"]), decided_at=last["decided_at"],
                                 reviewer=last["reviewer"], note=last["note"]))
        t.reviewed.pop(key, None)
        return
    fixes = grp[grp["action"] == "correct"]
    fields = {f: fg.iloc[-1]["_value"] for f, fg in fixes.groupby("field", sort=False)}
    if fields:
        _apply_fields(t.table, t.rows[key], fields, run.actors)
    t.reviewed[key] = t.reviewed.get(key) or ("corrected" if fields else "accepted")


def _added_target(run: _Run, t: _Rows, tid: str, add, quote: str, where: str,
                  rejected: bool) -> str | None:
    """The id an ``add`` decision applies to, the row built when the annotator has none; None
    when its article or sentence is gone (reported) or the latest decision rejects it."""
    aid, start, end = add["article_id"], int(add["start"]), int(add["end"])
    text = run.texts.get(aid)
    if text is None:
        run.unmatched.append(f"{where}: added {t.noun} {tid}: article {aid!r} is not in the corpus")
        return None
    key = tid
    if end > len(text) or (quote and _norm(text[start:end]) != _norm(quote)):
        moved = _relocate(text, quote, start)
        if moved is None:
            run.unmatched.append(f"{where}: added {t.noun} {tid} no longer matches the article "
                                 f"text (quote: {_short(quote)!r})")
            return None
        start, end = moved, moved + len(quote)
        key = schema.statement_id(aid, start, end) if t.table == "statements" \
            else schema.estimate_id(aid, start, end)
        run.notes.append(f"{where}: added {t.noun} {tid} re-anchored to {key}")
    if rejected:
        return None
    if key in t.rows:
        run.notes.append(f"{where}: added {t.noun} {key} is now found by the annotator; "
                         "the decision applies to that row")
    else:
        t.rows[key] = _added_row(t.table, key, aid, start, end, text)
        t.order.append(key)
        t.reviewed[key] = "added"
    return key


def _existing_target(run: _Run, t: _Rows, tid: str, quote: str, where: str) -> str | None:
    """The id a decision on an annotator's row applies to now (re-anchoring is noted), or None
    (reported as unmatched)."""
    key = _resolve(t.table, tid, quote, t.rows, run.texts, t.by_article)
    if key is None:
        run.unmatched.append(f"{where}: {t.noun} {tid} no longer matches any row "
                             f"(quote: {_short(quote)!r})")
        return None
    if key != tid:
        now = quote_of(t.table, t.rows[key], run.texts.get(t.rows[key].get("article_id")))
        how = "same quote" if _norm(now) == _norm(quote) else \
            f"overlapping span, now reads {_short(now)!r}"
        run.notes.append(f"{where}: {t.noun} {tid} re-anchored to {key} ({how})")
    return key


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
