"""The review panel of notebooks/05_review.ipynb: accept, reject, correct or add rows.

The panel is a thin ipywidgets shell over plain functions that run without a browser (and are
tested), in helpers/review_items.py and importable from here: :func:`queue` (what to review,
unreviewed first), :func:`item_html` (the sentence with the row's span highlighted, escaped),
:func:`form_values` (a row's current values as form text), :func:`decision_from_form` (the
decisions one button press means: one ``correct`` row per changed field), :func:`add_decisions`
(an ``add`` row for a selected sentence plus its fields) and :func:`sentence_options`. Decisions
are written only when the analyst presses a button, through
:func:`helpers.review.save_decisions` (validated, atomic, previous version kept).

Every error inside a widget callback reaches the analyst's screen: a one-line red message in
the panel's status ("Not saved: …" when a save failed, e.g. a read-only corpus folder) and the
traceback in the panel's error output (``box.controls["errors"]``); nothing is swallowed by
the widget machinery, and a failed save never reads as a saved one.
"""
from __future__ import annotations

import functools
import html
import traceback

from . import review
from .corrections import FIELDS, CorrectionsError
from .review_items import (  # noqa: F401 - the panel's plain functions, importable from here
    FORM_FIELDS, ID_COL, actor_names, add_decisions, article_texts, before_after, counts,
    decision_from_form, form_values, get_row, item_html, options, queue, sentence_bounds,
    sentence_options,
)

_STYLE = {"description_width": "13em"}
# fields offered as a dropdown of their values -> the table whose FIELDS list them
_CHOICES = {"qualifier": "estimates", "category": "estimates", "kind": "statements",
            "stance": "statements"}
_ADD_FIELDS = ("speaker", "claimant", "value", "qualifier", "category", "stated_on", "as_of")


def review_panel(ann, corpus_dir, *, reviewer=None, path=None, on_save=None):
    """An ipywidgets box to review ``ann``; decisions go to ``corrections.csv`` in ``corpus_dir``
    (or ``path``) only when a button is pressed. ``on_save(rows)`` is called after each save.
    The widgets are reachable as ``box.controls`` (a dict) for tests and notebooks."""
    path = review.corrections_path(corpus_dir) if path is None else path
    return _Panel(ann, path, reviewer, on_save).box


# ----------------------------------------------------------------------------- the widgets
def _wide(W):
    """One Layout per widget: hiding a field must not hide its neighbours."""
    return W.Layout(width="95%")


def _field_widget(W, field: str, names: list[str]):
    """The form widget of ``field``: a combobox of the gazetteer's actors (speaker, claimant), a
    dropdown of the allowed values, or a text box."""
    label = FORM_FIELDS[field][0]
    if field in ("speaker", "claimant"):
        w = W.Combobox(options=names, description=label, ensure_option=False, layout=_wide(W),
                       placeholder="actor from actors.yaml, or type a new name")
    elif field in _CHOICES:
        w = W.Dropdown(options=[""] + list(FIELDS[_CHOICES[field]][field]), description=label)
    else:
        w = W.Text(description=label)
    w.style = _STYLE
    return w


def _shown_for(table: str, widgets: dict) -> None:
    """Show the form fields that belong to ``table``, hide the others."""
    for f, w in widgets.items():
        w.layout.display = None if table in FORM_FIELDS[f][1] else "none"


class _Panel:
    """The review panel's widgets and callbacks; ``box`` is what :func:`review_panel` returns."""

    def __init__(self, ann, path, reviewer, on_save):
        import ipywidgets as W

        self.ann, self.path, self.reviewer, self.on_save = ann, path, reviewer, on_save
        self.texts = article_texts(ann)
        self.names = actor_names(ann.actors)
        self.saved: dict = {}
        self.fields = {f: _field_widget(W, f, self.names) for f in FORM_FIELDS}
        self.item = W.Dropdown(options=options(ann), description="Row", layout=_wide(W), style=_STYLE)
        self.shown = W.HTML()
        self.note = W.Text(description="Note", layout=_wide(W), style=_STYLE)
        self.status = W.HTML()
        self.errors = W.Output(layout=W.Layout(max_height="14em", overflow="auto"))
        self.buttons = {a: W.Button(description=d, button_style=s) for a, d, s in (
            ("accept", "Accept", "success"), ("reject", "Reject", "danger"),
            ("correct", "Save correction", "primary"))}
        for action, b in self.buttons.items():
            b.on_click(self.press(action))
        self.show = self.on_screen(self._show)
        self.item.observe(self.show, names="value")
        self._build_adder(W)
        self.pick_article()
        self.pick_kind()
        self.show()
        self.box = self._layout(W)

    # --------------------------------------------------------------- errors and saving
    def report(self, exc, what="Error"):
        """One red line in the status, the traceback in the error output."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        if isinstance(exc, OSError) and not isinstance(exc, CorrectionsError):
            where = exc.filename or self.path
            text = (f"cannot write {where}: {exc.strerror or text} (is the corpus folder "
                    "read-only? Copy it somewhere you can write, or give path=)")
        elif not isinstance(exc, CorrectionsError):
            text = f"{type(exc).__name__}: {text}"
        self.status.value = (f"<span style='color:#b00020'>{html.escape(what)}: "
                             f"{html.escape(text)}</span>")
        self.errors.outputs = ()
        self.errors.append_stderr("".join(traceback.format_exception(exc)))

    def on_screen(self, fn):
        """A widget callback whose every error is shown in the panel (never swallowed)."""
        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the analyst must see every failure
                self.report(exc)
        return call

    def save(self, rows, what):
        if not rows:
            self.status.value = "<span style='color:#555'>Nothing changed: nothing saved.</span>"
            return False
        try:
            review.save_decisions(self.path, [dict(r, reviewer=self.reviewer) for r in rows])
        except Exception as exc:  # noqa: BLE001 - a malformed row, a read-only folder, anything
            self.report(exc, "Not saved")
            return False
        self.errors.outputs = ()
        self.status.value = (f"Saved {len(rows)} decision(s) ({html.escape(what)}) to "
                             f"{html.escape(str(self.path))}. Re-run the cells below to see the "
                             "effect.")
        if self.on_save is not None:
            self.on_save(rows)
        return True

    # --------------------------------------------------------------- reviewing a row
    def current(self):
        if self.item.value is None:
            return None, None
        table, tid = self.item.value
        return table, get_row(self.ann, table, tid)

    def _show(self, _=None):
        table, row = self.current()
        if row is None:
            self.shown.value = "<i>Nothing to review.</i>"
            return
        self.shown.value = item_html(self.ann, table, row[ID_COL[table]])
        now = form_values(row, table)
        _shown_for(table, self.fields)
        for f, w in self.fields.items():
            try:
                w.value = now.get(f, "")
            except Exception:  # a value outside the dropdown's vocabulary: show it blank
                w.value = ""

    def mark(self, key, what):
        self.saved[key] = what
        keep = self.item.value
        self.item.unobserve(self.show, names="value")
        self.item.options = [((f"✎ saved {self.saved[v]} | " + lab) if v in self.saved else lab, v)
                             for lab, v in options(self.ann)]
        self.item.value = keep
        self.item.observe(self.show, names="value")

    def press(self, action):
        @self.on_screen
        def handler(_):
            table, row = self.current()
            if row is None:
                return
            form = {f: w.value for f, w in self.fields.items() if table in FORM_FIELDS[f][1]}
            rows = decision_from_form(table, row, action, form,
                                      article_text=self.texts.get(str(row["article_id"])),
                                      note=self.note.value)
            if self.save(rows, action):
                self.mark(self.item.value, action)
        return handler

    # --------------------------------------------------------------- adding a missed row
    def _build_adder(self, W):
        """Add a missing statement or estimate: article -> sentence -> table + fields."""
        from .render import article_options

        self.art = W.Dropdown(options=article_options(self.ann.articles), description="Article",
                              layout=_wide(W), style=_STYLE)
        self.sent = W.Dropdown(description="Sentence", layout=_wide(W), style=_STYLE)
        self.kind = W.ToggleButtons(options=[("statement", "statements"), ("estimate", "estimates")],
                                    description="Add a")
        self.add_fields = {f: _field_widget(W, f, self.names) for f in _ADD_FIELDS}
        self.add_btn = W.Button(description="Add", button_style="primary")
        self.pick_article = self.on_screen(self._pick_article)
        self.pick_kind = self.on_screen(self._pick_kind)
        self.art.observe(self.pick_article, names="value")
        self.kind.observe(self.pick_kind, names="value")
        self.add_btn.on_click(self.on_screen(self._add))

    def _pick_article(self, _=None):
        self.sent.options = sentence_options(self.texts.get(str(self.art.value)) or "")

    def _pick_kind(self, _=None):
        _shown_for(self.kind.value, self.add_fields)

    def _add(self, _):
        if self.art.value is None or self.sent.value is None:
            self.status.value = ("<span style='color:#b00020'>Pick an article and a sentence "
                                 "first.</span>")
            return
        kind, aid = self.kind.value, str(self.art.value)
        form = {f: w.value for f, w in self.add_fields.items() if kind in FORM_FIELDS[f][1]}
        a, b = self.sent.value
        self.save(add_decisions(kind, aid, a, b, self.texts[aid], form, note=self.note.value), "add")

    def _layout(self, W):
        adder = W.VBox([self.art, self.sent, self.kind, *self.add_fields.values(), self.add_btn])
        more = W.Accordion(children=[adder])
        more.set_title(0, "Add a statement or estimate the annotator missed")
        more.selected_index = None
        box = W.VBox([self.item, self.shown, *self.fields.values(), self.note,
                      W.HBox(list(self.buttons.values())), self.status, self.errors, more])
        box.controls = dict(item=self.item, shown=self.shown, fields=self.fields, note=self.note,
                            status=self.status, errors=self.errors, buttons=self.buttons,
                            article=self.art, sentence=self.sent, add_kind=self.kind,
                            add_fields=self.add_fields, add=self.add_btn)
        return box
