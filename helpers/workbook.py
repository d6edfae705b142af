"""The notebooks' side of Warta: where the repo and the corpus are, the one loader every
notebook uses, and the interactive panels, so that each interactive cell is one call.

    repo_root(start)                 the checkout holding helpers/ and notebooks/
    default_corpus()                 $WARTA_CORPUS, else the repo's seeds/
    load(corpus, ...)                articles annotated with the corpus's actors.yaml (cached)
    article_reader(ann, st, est)     01: pick an article, read it with speakers, quotes, numbers
    add_articles_panel(corpus)       01: add saved pages / addresses, then the overview redrawn
    estimates_panel(est)             02/05: filters above the estimates timeline + revisions
    statements_panel(st)             03: statements-by-actor bars; click a bar to read them

A panel is a ``Panel`` (an ``ipywidgets.VBox``): its ``controls`` (a dict of widgets), one
``alt.JupyterChart`` redrawn in place when a control changes (``chart``; the chart's JavaScript
is sent to the browser once, not at every redraw) and an ``Output`` below it (``output``) for
tables. The choices offered come from the data: the measures, categories, claimants and
qualifiers present. When the estimates have a ``measure`` column (what is counted: troops,
killed, ...) the panel draws one measure at a time, never two on one axis, and offers a
measure dropdown when there are several.

An exception raised in a widget callback is shown in the panel's ``output`` with its traceback
(ipywidgets would otherwise send it to the kernel log, where nobody sees it); an exception while
the panel is first drawn is raised, so a notebook run (nbval, papermill) fails on it.
"""
from __future__ import annotations

import html
import os
import traceback
from pathlib import Path

import altair as alt
import ipywidgets as widgets
import pandas as pd
from IPython.core.formatters import DisplayFormatter
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import HTML, Markdown

from helpers import charts

POOL_MIN_ARTICLES = 200
UNKNOWN = charts.UNKNOWN
ACTOR_SELECTION = "actor"  # the selection param of charts.statements_by_actor
CLICK_HINT = "*Click a bar to list that actor's statements here (double-click clears).*"


# ----------------------------------------------------------------------------- locate and load
def repo_root(start=None) -> Path:
    """The Warta checkout containing ``start`` (default: the working directory).

    JupyterLab's root is notebooks/ and papermill runs there too, so notebooks never hold a
    machine path; outside a checkout it is the one this module lives in."""
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "helpers" / "__init__.py").is_file() and (d / "notebooks").is_dir():
            return d
    return Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    """The corpus the notebooks open when none is given: the folder named by the environment
    variable ``WARTA_CORPUS`` (``make lab CORPUS=~/news/kursk`` sets it), else the repo's seeds/."""
    env = os.environ.get("WARTA_CORPUS", "").strip()
    return Path(env).expanduser() if env else repo_root() / "seeds"


def load(corpus=None, corrections="auto", cache=True, jobs=None):
    """Articles of ``corpus`` (default: ``default_corpus()``) annotated with its actors.yaml.

    ``corrections``: "auto" applies the corpus's corrections.csv, None the annotator's rows
    as found. ``cache`` (default: ``helpers.cache.default_dir()``): unchanged articles are read
    back instead of annotated again, so re-running a notebook on a large corpus takes seconds.
    ``jobs``: processes for the articles that need annotating (default: the CPU count for a
    corpus of ``POOL_MIN_ARTICLES`` or more, else one: a pool costs more than it saves)."""
    from helpers.corpus import load_actors_for, load_corpus
    from helpers.pipeline import annotate

    corpus = Path(corpus) if corpus else default_corpus()
    from helpers.cache import default_dir

    articles = load_corpus(corpus, cache=(default_dir() if cache is True else cache) or None)
    jobs = jobs or ((os.cpu_count() or 1) if len(articles) >= POOL_MIN_ARTICLES else 1)
    return annotate(articles, load_actors_for(corpus), corrections=corrections, cache=cache, jobs=jobs)


# ----------------------------------------------------------------------------- panel plumbing
class Panel(widgets.VBox):
    """Controls, a chart redrawn in place, and an output area, stacked (see module doc)."""

    def __init__(self, controls: dict, chart=None, output=None, rows=None):
        self.controls, self.chart = controls, chart
        self.output = widgets.Output() if output is None else output
        rows = list(controls.values()) if rows is None else list(rows)
        super().__init__([*rows, *(w for w in (chart, self.output) if w is not None)])


def show(out: widgets.Output, *objs) -> None:
    """Replace what ``out`` shows by ``objs`` (anything IPython can display), in one update."""
    shell = InteractiveShell.instance() if InteractiveShell.initialized() else None
    fmt = shell.display_formatter.format if shell else DisplayFormatter().format
    shown = []
    for obj in objs:
        data, metadata = fmt(obj)
        shown.append({"output_type": "display_data", "data": data, "metadata": metadata})
    out.outputs = tuple(shown)


def show_error(out: widgets.Output, exc: BaseException) -> None:
    """Add ``exc`` with its traceback to what ``out`` shows (an error output, as a cell's)."""
    lines = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).splitlines()
    out.outputs = (*out.outputs, {"output_type": "error", "ename": type(exc).__name__,
                                  "evalue": str(exc), "traceback": lines})


def guarded(out: widgets.Output, fn):
    """``fn`` as a widget callback whose exceptions are shown in ``out``, never swallowed."""
    def callback(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - shown to the analyst, with its traceback
            show_error(out, exc)
    callback.__wrapped__ = fn
    return callback


def _observe(controls, callback) -> None:
    for w in controls:
        w.observe(callback, names="value")


def table(df: pd.DataFrame):
    """``df`` ready to show: every cell HTML escaped (article text is third-party), dates as
    "28 Oct 2024", whole numbers as "3,000", missing values as "–", no row numbers."""
    def cell(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return "–"
        if isinstance(v, pd.Timestamp):
            return f"{v:%d %b %Y}"
        if isinstance(v, float):
            return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"
        return html.escape(str(v))

    return df.style.format(cell).hide(axis="index")


def jupyter_chart(chart) -> alt.JupyterChart:
    """``alt.JupyterChart`` of ``chart`` drawn with the JavaScript shipped by vl-convert (no CDN)."""
    alt.JupyterChart.enable_offline()
    return alt.JupyterChart(chart)


def ordered(values, order=()) -> list[str]:
    """Distinct non-missing values as strings: those in ``order`` first, in that order, then
    the others sorted."""
    present = {str(v) for v in pd.Series(values, dtype="object").dropna()}
    first = [o for o in order if o in present]
    return first + sorted(present - set(first))


# ----------------------------------------------------------------------------- 01: reader
def article_reader(ann, st, est) -> Panel:
    """A dropdown of the articles and the chosen one as escaped HTML, actors, quotations and
    numbers highlighted (``render.article_html``)."""
    from helpers import render

    articles = ann.articles.set_index("article_id", drop=False)
    pick = widgets.Dropdown(options=render.article_options(ann.articles), description="Article",
                            layout=widgets.Layout(width="48em"))
    panel = Panel({"article": pick})

    def read(_=None):
        if pick.value is None:
            return show(panel.output, Markdown("_No article in this corpus._"))
        show(panel.output, HTML(render.article_html(articles.loc[pick.value], ann.mentions, st, est)))

    read()
    pick.observe(guarded(panel.output, read), names="value")
    return panel


def corpus_note(ann, before: int | None = None) -> str:
    """One line on the corpus after an add: articles (and how many are new), outlets, figures."""
    n = len(ann.articles)
    new = f" ({n - before} new)" if before is not None else ""
    outlets = ann.articles["outlet"].dropna().nunique()
    return (f"**The corpus now holds {n} articles{new}** from {outlets} named outlets: "
            f"{len(ann.statements)} statements, {len(ann.estimates)} figures. Re-run the notebook "
            "(Kernel → Restart Kernel and Run All Cells) to read the new articles here and in the "
            "other notebooks.")


def add_articles_panel(corpus, loader=None) -> Panel:
    """01: the "Add articles" form (``helpers.intake.intake_panel``: saved pages, addresses, Add)
    and under it, after each add that added something, the corpus loaded again: a line on what
    it now holds and the corpus overview chart redrawn (``charts.corpus_overview``; the
    panel's ``chart`` once drawn).

    ``loader``: how the corpus is loaded (default :func:`load`). The form's own output lists
    what was added or refused; errors of the refresh are shown in the panel's ``output``."""
    from helpers import intake

    corpus = Path(corpus)
    loader = loader or load
    seen = {"n": None}

    def refresh(report=None):
        ann = loader(corpus)
        st, est = charts.prepare(ann.statements, ann.articles), charts.prepare(ann.estimates, ann.articles)
        before = seen["n"]
        seen["n"] = len(ann.articles)
        panel.chart = jupyter_chart(charts.corpus_overview(ann.articles, st, est))
        show(panel.output, Markdown(corpus_note(ann, before)), panel.chart)

    panel = Panel({})
    form = intake.intake_panel(corpus, on_added=guarded(panel.output, refresh))
    panel.controls = {"form": form}
    panel.children = (form, panel.output)
    panel.form, panel.refresh = form, refresh
    seen["n"] = (sum(1 for p in corpus.iterdir() if p.suffix.lower() == ".txt")  # article files
                 if corpus.is_dir() else None)
    return panel


# ----------------------------------------------------------------------------- 02: estimates
def measures(est: pd.DataFrame) -> list[str]:
    """The measures in ``est`` (what is counted), most figures first; [] without the column
    (``charts.measure_order``)."""
    return charts.measure_order(est)


def of_measure(est: pd.DataFrame, measure) -> pd.DataFrame:
    """The rows of one measure (all rows when ``est`` has no ``measure`` column)."""
    return charts.of_measure(est, measure)


def _estimate_controls(est: pd.DataFrame, labels) -> dict:
    ms = measures(est)
    c = {}
    if len(ms) > 1:
        c["measure"] = widgets.Dropdown(options=[(charts.measure_label(m, labels), m) for m in ms],
                                        value=ms[0], description="Measure")
    c["category"] = widgets.Dropdown(description="Category")
    c["claimants"] = widgets.SelectMultiple(description="Claimants", rows=6,
                                            layout=widgets.Layout(width="32em"))
    c["qualifiers"] = widgets.SelectMultiple(description="Qualifier")
    c["color"] = widgets.ToggleButtons(options=["claimant", "affiliation"], description="Colour")
    c["mode"] = widgets.ToggleButtons(options=[("claims", "claims"), ("every report", "reports")],
                                      description="Count")
    c["dates"] = widgets.SelectionRangeSlider(options=[("–", None)], description="Dates",
                                              readout=False, layout=widgets.Layout(width="32em"))
    c["undated"] = widgets.Checkbox(value=True, description="show undated figures")
    if "reviewed" in est:
        c["reviewed"] = widgets.Checkbox(value=False, description="reviewed only")
    _fill_estimate_options(c, of_measure(est, ms[0] if ms else None))
    return c


def _fill_estimate_options(c: dict, est: pd.DataFrame) -> None:
    """Set the choices of the category, claimant, qualifier and date controls from ``est``."""
    c["category"].options = ["all"] + ordered(est["category"], charts.CATEGORIES)
    c["category"].value = "all"
    c["claimants"].options = ordered(est["claimant"])
    c["qualifiers"].options = ordered(est["qualifier"], charts.QUALIFIERS)
    days = sorted(pd.to_datetime(est["as_of"]).dropna().dt.date.unique())
    options = [(f"{d:%d %b %Y}", d) for d in days] or [("–", None)]
    c["dates"].options = options
    c["dates"].index = (0, len(options) - 1)


def date_range(c: dict) -> tuple:
    """(first, last) date chosen on the dates slider of an estimates panel; (None, None) when
    the figures have no date."""
    return (*c["dates"].value, None, None)[:2]  # the value is () while no date is offered


def selected_estimates(est: pd.DataFrame, c: dict) -> pd.DataFrame:
    """The rows of ``est`` the controls ``c`` of an estimates panel select (one measure)."""
    ms = measures(est)
    e = of_measure(est, c["measure"].value if "measure" in c else (ms[0] if ms else None))
    if "reviewed" in c and c["reviewed"].value:
        e = e[e["reviewed"].notna().to_numpy()]
    start, end = date_range(c)
    return charts.filter_estimates(e, category=c["category"].value,
                                   claimants=list(c["claimants"].value) or None,
                                   qualifiers=list(c["qualifiers"].value) or None,
                                   start=start, end=end, keep_undated=c["undated"].value)


REVISIONS_SHOWN = 100  # rows of the revision table under the estimates chart


def estimates_panel(est: pd.DataFrame, labels=None) -> Panel:
    """Filters above the estimates timeline (``charts.estimates_timeline``) and, below it, the
    revisions of the figures drawn; every change of a control redraws both.

    ``est``: estimates as from ``charts.prepare``. ``labels``: display names of the measures,
    the story profile (``ann.profile``) or a dict such as ``{"killed": "People killed"}``; they
    name the measure dropdown and the chart's y axis (default: the default profile's)."""
    c = _estimate_controls(est, labels)
    span = widgets.Label()  # the chosen dates, in full (a slider's readout cuts them short)
    rows = [widgets.HBox([w, span]) if k == "dates" else w for k, w in c.items()]
    busy = []  # set while the measure's choices are refilled: one redraw, not one per control

    def draw():
        e = selected_estimates(est, c)
        return charts.estimates_timeline(e, color=c["color"].value, mode=c["mode"].value,
                                         labels=labels), e

    def revisions(e):
        start, end = date_range(c)
        span.value = "" if start is None else f"{start:%d %b %Y} – {end:%d %b %Y}"
        rev = charts.revision_table(e)
        note = []
        if len(rev) > REVISIONS_SHOWN:  # thousands of rows help no one and take seconds to draw
            note = [Markdown(f"_The latest {REVISIONS_SHOWN} of {len(rev):,} revisions: narrow the "
                             "measure, claimant or dates to see others (`charts.revision_table(est)` "
                             "gives them all)._")]
            rev = rev.tail(REVISIONS_SHOWN)
        show(panel.output, Markdown("**Revisions** (each change of a claimant's figure)"), *note,
             table(rev) if len(rev) else Markdown("_No claimant changed a figure in this selection._"))

    def redraw(_=None):
        if not busy:
            panel.chart.chart, e = draw()
            revisions(e)

    def new_measure(change):
        busy.append(True)
        try:
            _fill_estimate_options(c, of_measure(est, change.new))
        finally:
            busy.clear()
        redraw()

    chart, e = draw()
    panel = Panel(c, jupyter_chart(chart), rows=rows)
    revisions(e)
    _observe([w for k, w in c.items() if k != "measure"], guarded(panel.output, redraw))
    if "measure" in c:
        c["measure"].observe(guarded(panel.output, new_measure), names="value")
    return panel


# ----------------------------------------------------------------------------- 03: statements
def actor_table(st: pd.DataFrame, actor, by: str = "speaker"):
    """The statements of ``actor`` (``charts.actor_statements``) as an escaped ``table``."""
    return table(charts.actor_statements(st, actor, by))


def statements_panel(st: pd.DataFrame, top_n: int = 10) -> Panel:
    """Controls above the statements-by-actor bars (``charts.statements_by_actor``); clicking a
    bar lists that actor's statements below the chart (double-click clears).

    ``st``: statements as from ``charts.prepare``. Groupings and stackings are offered for the
    columns ``st`` has; the top-N slider goes up to the number of actors."""
    n_actors = max(1, min(charts.MAX_BARS, st["speaker"].nunique()))
    c = {"by": widgets.ToggleButtons(options=[b for b in ("speaker", "affiliation") if b in st],
                                     description="Group by"),
         "stack": widgets.ToggleButtons(options=[s for s in ("stance", "outlet") if s in st],
                                        description="Stack by"),
         "top_n": widgets.IntSlider(value=min(top_n, n_actors), min=1, max=max(n_actors, 2),
                                    description="Top N")}
    if "kind" in st:
        c["direct_only"] = widgets.Checkbox(value=False, description="direct quotes only")
    if "repeat_group" in st:
        c["unique_claims"] = widgets.Checkbox(value=False, description="count repeated reports once")

    def bars():
        return charts.statements_by_actor(st, **{k: w.value for k, w in c.items()})

    def on_select(change):
        chosen = [s[ACTOR_SELECTION] for s in change.new.value or [] if ACTOR_SELECTION in s]
        if not chosen:
            return show(panel.output, Markdown(CLICK_HINT))
        parts = []
        for actor in chosen:
            parts += [Markdown(f"**{html.escape(str(actor))}**"), actor_table(st, actor, c["by"].value)]
        show(panel.output, *parts)

    def watch():
        panel.chart.selections.observe(guarded(panel.output, on_select), [ACTOR_SELECTION])

    def redraw(_=None):
        panel.chart.chart = bars()  # a new chart has new selections: watch them again
        watch()
        show(panel.output, Markdown(CLICK_HINT))

    panel = Panel(c, jupyter_chart(bars()))
    watch()
    show(panel.output, Markdown(CLICK_HINT))
    _observe(c.values(), guarded(panel.output, redraw))
    return panel
