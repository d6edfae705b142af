"""The review panel of notebooks/05_review.ipynb: accept, reject, correct or add rows.

The panel is a thin ipywidgets shell over plain functions that run without a browser (and are
tested): :func:`queue` (what to review, unreviewed first), :func:`item_html` (the sentence with
the row's span highlighted, escaped), :func:`form_values` (a row's current values as form text),
:func:`decision_from_form` (the decisions one button press means: one ``correct`` row per
changed field), :func:`add_decisions` (an ``add`` row for a selected sentence plus its fields)
and :func:`sentence_options`. Decisions are written only when the analyst presses a button,
through :func:`helpers.review.save_decisions` (validated, atomic, previous version kept).

Every error inside a widget callback reaches the analyst's screen: a one-line red message in
the panel's status ("Not saved: …" when a save failed, e.g. a read-only corpus folder) and the
traceback in the panel's error output (``box.controls["errors"]``); nothing is swallowed by
the widget machinery, and a failed save never reads as a saved one.
"""
from __future__ import annotations

import functools
import html
import traceback

import pandas as pd

from . import review
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
ID_COL = {t: v[0] for t, v in review.TABLES.items()}


def _s(v) -> str:
    """Form text of a value: '' for missing, 3000 for 3000.0, YYYY-MM-DD for dates."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _texts(ann) -> dict:
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
    text = _texts(ann).get(str(row["article_id"])) or ""
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
    tid = (review.schema.statement_id if table == "statements" else review.schema.estimate_id)(
        article_id, int(start), int(end))
    quote = article_text[int(start):int(end)]
    base = dict(table=table, target_id=tid, quote=quote, note=note or "", reviewer=reviewer)
    out = [dict(base, action="add", article_id=article_id, start=int(start), end=int(end))]
    for field, value in (form or {}).items():
        value = "" if value is None else str(value).strip()
        if value and field in review.FIELDS[table]:
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



# ----------------------------------------------------------------------------- the widgets
def review_panel(ann, corpus_dir, *, reviewer=None, path=None, on_save=None):
    """An ipywidgets box to review ``ann``; decisions go to ``corrections.csv`` in ``corpus_dir``
    (or ``path``) only when a button is pressed. ``on_save(rows)`` is called after each save.
    The widgets are reachable as ``box.controls`` (a dict) for tests and notebooks."""
    import ipywidgets as W

    path = review.corrections_path(corpus_dir) if path is None else path
    texts = _texts(ann)
    names = actor_names(ann.actors)
    choices = {"qualifier": review.FIELDS["estimates"]["qualifier"],
               "category": review.FIELDS["estimates"]["category"],
               "kind": review.FIELDS["statements"]["kind"],
               "stance": review.FIELDS["statements"]["stance"]}
    def wide():  # one Layout per widget: hiding a field must not hide its neighbours
        return W.Layout(width="95%")

    def make(field):
        label = FORM_FIELDS[field][0]
        if field in ("speaker", "claimant"):
            return W.Combobox(options=names, description=label, ensure_option=False, layout=wide(),
                              placeholder="actor from actors.yaml, or type a new name")
        if field in choices:
            return W.Dropdown(options=[""] + list(choices[field]), description=label)
        return W.Text(description=label)

    style = {"description_width": "13em"}
    fields = {f: make(f) for f in FORM_FIELDS}
    for w in fields.values():
        w.style = style
    item = W.Dropdown(options=options(ann), description="Row", layout=wide(), style=style)
    shown = W.HTML()
    note = W.Text(description="Note", layout=wide(), style=style)
    status = W.HTML()
    errors = W.Output(layout=W.Layout(max_height="14em", overflow="auto"))

    def report(exc, what="Error"):
        """One red line in the status, the traceback in the error output."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        if isinstance(exc, OSError) and not isinstance(exc, review.CorrectionsError):
            where = exc.filename or path
            text = (f"cannot write {where}: {exc.strerror or text} (is the corpus folder "
                    "read-only? Copy it somewhere you can write, or give path=)")
        elif not isinstance(exc, review.CorrectionsError):
            text = f"{type(exc).__name__}: {text}"
        status.value = f"<span style='color:#b00020'>{html.escape(what)}: {html.escape(text)}</span>"
        errors.outputs = ()
        errors.append_stderr("".join(traceback.format_exception(exc)))

    def on_screen(fn):
        """A widget callback whose every error is shown in the panel (never swallowed)."""
        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the analyst must see every failure
                report(exc)
        return call

    buttons = {a: W.Button(description=d, button_style=s) for a, d, s in (
        ("accept", "Accept", "success"), ("reject", "Reject", "danger"), ("correct", "Save correction", "primary"))}

    def current():
        if item.value is None:
            return None, None
        table, tid = item.value
        return table, get_row(ann, table, tid)

    def show(_=None):
        table, row = current()
        if row is None:
            shown.value = "<i>Nothing to review.</i>"
            return
        shown.value = item_html(ann, table, row[ID_COL[table]])
        now = form_values(row, table)
        for f, w in fields.items():
            w.layout.display = None if table in FORM_FIELDS[f][1] else "none"
            try:
                w.value = now.get(f, "")
            except Exception:  # a value outside the dropdown's vocabulary: show it blank
                w.value = ""

    saved: dict = {}

    def mark(key, what):
        saved[key] = what
        keep = item.value
        item.unobserve(show, names="value")
        item.options = [((f"✎ saved {saved[v]} | " + lab) if v in saved else lab, v) for lab, v in options(ann)]
        item.value = keep
        item.observe(show, names="value")

    def save(rows, what):
        if not rows:
            status.value = "<span style='color:#555'>Nothing changed: nothing saved.</span>"
            return False
        try:
            review.save_decisions(path, [dict(r, reviewer=reviewer) for r in rows])
        except Exception as exc:  # noqa: BLE001 - a malformed row, a read-only folder, anything
            report(exc, "Not saved")
            return False
        errors.outputs = ()
        status.value = (f"Saved {len(rows)} decision(s) ({html.escape(what)}) to "
                        f"{html.escape(str(path))}. Re-run the cells below to see the effect.")
        if on_save is not None:
            on_save(rows)
        return True

    def press(action):
        @on_screen
        def handler(_):
            table, row = current()
            if row is None:
                return
            form = {f: w.value for f, w in fields.items() if table in FORM_FIELDS[f][1]}
            rows = decision_from_form(table, row, action, form, article_text=texts.get(str(row["article_id"])),
                                      note=note.value)
            if save(rows, action):
                mark(item.value, action)
        return handler

    for action, b in buttons.items():
        b.on_click(press(action))
    show = on_screen(show)
    item.observe(show, names="value")

    # add a missing statement or estimate: article -> sentence -> table + fields
    from .render import article_options

    art = W.Dropdown(options=article_options(ann.articles), description="Article", layout=wide(), style=style)
    sent = W.Dropdown(description="Sentence", layout=wide(), style=style)
    kind = W.ToggleButtons(options=[("statement", "statements"), ("estimate", "estimates")], description="Add a")
    add_fields = {f: make(f) for f in ("speaker", "claimant", "value", "qualifier", "category", "stated_on", "as_of")}
    for w in add_fields.values():
        w.style = style
    add_btn = W.Button(description="Add", button_style="primary")

    def pick_article(_=None):
        sent.options = sentence_options(texts.get(str(art.value)) or "")

    def pick_kind(_=None):
        for f, w in add_fields.items():
            w.layout.display = None if kind.value in FORM_FIELDS[f][1] else "none"

    @on_screen
    def add(_):
        if art.value is None or sent.value is None:
            status.value = "<span style='color:#b00020'>Pick an article and a sentence first.</span>"
            return
        form = {f: w.value for f, w in add_fields.items() if kind.value in FORM_FIELDS[f][1]}
        a, b = sent.value
        save(add_decisions(kind.value, str(art.value), a, b, texts[str(art.value)], form, note=note.value), "add")

    pick_article, pick_kind = on_screen(pick_article), on_screen(pick_kind)
    art.observe(pick_article, names="value")
    kind.observe(pick_kind, names="value")
    add_btn.on_click(add)
    pick_article()
    pick_kind()
    show()
    adder = W.VBox([art, sent, kind, *add_fields.values(), add_btn])
    more = W.Accordion(children=[adder])
    more.set_title(0, "Add a statement or estimate the annotator missed")
    more.selected_index = None
    box = W.VBox([item, shown, *fields.values(), note, W.HBox(list(buttons.values())), status, errors,
                  more])
    box.controls = dict(item=item, shown=shown, fields=fields, note=note, status=status,
                        errors=errors, buttons=buttons,
                        article=art, sentence=sent, add_kind=kind, add_fields=add_fields, add=add_btn)
    return box


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
        fields = [f for f in review.FIELDS[table] if f in new]
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
