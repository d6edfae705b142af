"""Real-browser test: notebooks 02 and 03 run in JupyterLab in headless Chromium, and 01 adds
an article.

For each notebook: open it in JupyterLab (fixtures in conftest.py: a server on a temporary copy
of notebooks/, Debian's Chromium driven by Playwright), wait for its kernel through
``/api/sessions``, run all cells (command ``runmenu:run-all``), wait until every code cell has
run and the charts have drawn, and check that

- every chart drew (each ``.vega-embed`` holds an SVG or canvas, data marks present) and fits
  the width of its output area (nothing clipped: legends and labels visible),
- no cell shows an error or stderr output, a traceback, "Error loading script" (Altair's CDN
  renderer offline) or a widget error ("Error displaying widget"),
- in 03, clicking a bar replaces the hint under the chart with that actor's statements table;
- after the redraw the panel still shows its text under the chart (02: the revisions);
- changing the first selection widget of the page (Dropdown, SelectMultiple or ToggleButtons)
  redraws the chart of that cell with different data: the number of data-mark items or the
  axis labels differ from before (a colour-only change does not count).

In 01, on a JupyterLab whose kernels open a temporary copy of seeds/ (``WARTA_CORPUS``; seeds/
itself is checked unchanged), a saved page from tests/data/pages/ is uploaded into the "Add
articles" form and Add clicked: the form lists the added ``005_….txt`` and the corpus overview is
redrawn under it with six articles.

Screenshots for review go to build/browser_<notebook>.png and build/browser_<notebook>_after.png
(01: build/browser_01_articles_added.png).
Every wait is bounded; the test skips (conftest) when Chromium is not installed.

What a tested notebook must offer (the convention with the notebooks' author):
- its charts are Altair charts drawn offline as SVG (``alt.renderers.enable('jupyter',
  offline=True)`` or ``alt.JupyterChart``: both draw ``.vega-embed svg.marks``);
- the first Dropdown / SelectMultiple / ToggleButtons on the page sits in the same cell output as
  the chart it drives (a panel of ``helpers.workbook``: its controls, the chart and an Output in
  one VBox), and at least one of its other options changes the plotted data (number of marks or
  axis labels), not only colours;
- it runs top to bottom on a fresh kernel with nothing on stderr (warnings included); a panel
  shows a callback's exception as an error output, so an error after a widget change fails too.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
# The notebook shown (other tabs' panels are hidden, not removed).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
NOTEBOOKS = ["02_estimate_changes.ipynb", "03_statements_by_actor.ipynb"]
# Notebooks whose chart lists the clicked actor's statements: the hint shown before a click.
CLICK_TO_READ = {"03_statements_by_actor.ipynb": "Click a bar to list"}
# Text the panel's Output shows under its chart, after the first draw and after every redraw.
UNDER_CHART = {"02_estimate_changes.ipynb": "Revisions", "03_statements_by_actor.ipynb": "Click a bar"}

KERNEL_TIMEOUT = 60      # s: kernel session idle after opening
RUN_TIMEOUT = 180        # s: all cells executed after Run All
CHART_TIMEOUT = 60       # s: charts drawn after the last cell ran
CHART_SETTLE = 2.0       # s: chart count unchanged this long = charts done
REDRAW_TIMEOUT = 10      # s: chart redraw after a widget change, per option tried

# The widgets whose change must redraw a chart, in the order JupyterLab renders them.
WIDGETS = ".widget-dropdown select, .widget-select-multiple select, .widget-toggle-buttons"
ERROR_OUTPUTS = '[data-mime-type="application/vnd.jupyter.stderr"]'
ERROR_TEXTS = ["Error loading script", "Traceback (most recent call last)",
               "Error displaying widget", "Error creating widget", "Failed to load model class"]

# A chart's data summary, read from the rendered SVG: Vega draws each data mark as a group
# `g.role-mark` whose children are the items (one per datum for points/bars; one per series for
# lines); axes and legends are `role-axis-*` / `role-legend-*` groups with their labels as text.
# The data changed when the item count or the axis labels changed; legend labels and titles are
# kept for the report only (a colour toggle changes them without changing the data).
SIGNATURE_JS = """cell => Array.from(cell.querySelectorAll('.vega-embed')).map(e => {
  const svg = e.querySelector('svg.marks');
  if (!svg) { const c = e.querySelector('canvas'); return c ? {canvas: c.toDataURL()} : null; }
  const marks = Array.from(svg.querySelectorAll('g.role-mark'))
    .filter(g => !g.closest('[class*="role-axis"], [class*="role-legend"]'));
  const texts = sel => Array.from(svg.querySelectorAll(sel)).map(t => t.textContent);
  return {items: marks.reduce((n, g) => n + g.childElementCount, 0),
          axis: texts('[class*="role-axis-label"] text'),
          legend: texts('[class*="role-legend-label"] text, [class*="role-title"] text')};
})"""

# Charts wider than the output area that holds them: JupyterLab clips or scrolls them, so a
# legend or the undated panel is cut off. [chart width, output width] for each such chart.
OVERFLOW_JS = """panel => Array.from(document.querySelectorAll(panel + ' .vega-embed')).map(e => {
  const c = e.querySelector('svg.marks, canvas'), out = e.closest('.jp-OutputArea-output');
  return c && out ? [Math.round(c.getBoundingClientRect().width), out.clientWidth] : null;
}).filter(w => w && w[0] > w[1])"""


def _data(signature):
    """The part of a chart signature that reflects the plotted data."""
    return [s and (s.get("items"), s.get("axis"), s.get("canvas")) for s in signature or []]


def _summary(signature):
    """Short form of a chart signature for the test's printed report."""
    return [s and {"items": s.get("items"), "axis": len(s.get("axis") or []),
                   "legend": (s.get("legend") or [])[:8]} for s in signature]


def _wait(predicate, timeout, what, interval=0.25):
    """Poll ``predicate`` until it returns a true value (returned) or fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def _kernel_idle(lab_server, notebook):
    for s in lab_server.api("sessions"):
        if s.get("path") == notebook and s.get("kernel", {}).get("execution_state") == "idle":
            return s
    return None


def _all_cells_ran(page):
    """True when every code cell shows an execution count ([n]:), none pending ([*]:)."""
    return page.evaluate("""panel => {
      const prompts = Array.from(document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputArea-prompt'));
      return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }""", PANEL)


def _chart_count(page):
    return page.locator(f"{PANEL} .vega-embed svg.marks, {PANEL} .vega-embed canvas").count()


def _wait_charts_settled(page, timeout, notebook):
    """Wait until at least one chart drew and the number of drawn charts stopped changing."""
    deadline, last, since = time.monotonic() + timeout, -1, time.monotonic()
    while time.monotonic() < deadline:
        _fail_on_errors(page, notebook)
        n = _chart_count(page)
        if n != last:
            last, since = n, time.monotonic()
        elif n > 0 and time.monotonic() - since >= CHART_SETTLE:
            return n
        time.sleep(0.25)
    pytest.fail(f"charts did not settle within {timeout} s (drawn: {last})")


def _errors_on_page(page):
    """Error/stderr outputs and error texts shown in the notebook (list of short strings)."""
    found = [f"stderr/error output: {t[:300]!r}" for t in page.locator(
        f"{PANEL} {ERROR_OUTPUTS}").all_inner_texts()]
    text = page.locator(f"{PANEL} .jp-Notebook").inner_text()
    found += [f"text on page: {t!r}" for t in ERROR_TEXTS if t in text]
    return found


def _fail_on_errors(page, notebook, when=""):
    errors = _errors_on_page(page)
    if errors:
        pytest.fail(f"{notebook}{when}: " + "; ".join(errors))


def _shot(page, path, top):
    """Screenshot of the notebook panel scrolled so that ``top`` (the widget) is at its top."""
    BUILD.mkdir(exist_ok=True)
    top.evaluate("e => e.scrollIntoView({block: 'start'})")
    time.sleep(0.3)
    page.locator(PANEL).first.screenshot(path=str(path))


def _change_widget(page, widget, choice):
    """Set ``widget`` (a locator of WIDGETS) to option number ``choice``; its label."""
    tag = widget.evaluate("e => e.tagName")
    if tag == "SELECT":
        options = widget.locator("option")
        value = options.nth(choice).get_attribute("value")
        label = options.nth(choice).inner_text()
        widget.select_option(value=value)
        return label
    button = widget.locator("button").nth(choice)
    label = button.inner_text()
    button.click()
    return label


def _option_count(widget):
    tag = widget.evaluate("e => e.tagName")
    return widget.locator("option" if tag == "SELECT" else "button").count()


def _current_choice(widget):
    """Index of the selected option (first selected for a multiple select), or -1."""
    return widget.evaluate("""e => e.tagName === 'SELECT' ? e.selectedIndex
      : Array.from(e.querySelectorAll('button')).findIndex(b => b.classList.contains('mod-active'))""")


def open_and_run(page, lab_server, notebook):
    """Open ``notebook``, wait for its kernel, clear the saved outputs, Run All, and wait until
    every cell ran and the charts settled; fails on an error output, a chart that did not draw
    or one wider than its output area. Returns what it saw (timings, chart count)."""
    seen, t0 = {"notebook": notebook}, time.monotonic()
    lap = lambda: round(time.monotonic() - t0, 1)  # noqa: E731 - seconds since the pass began
    page.goto(lab_server.lab_url(notebook), timeout=KERNEL_TIMEOUT * 1000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell",
                           timeout=KERNEL_TIMEOUT * 1000)
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=KERNEL_TIMEOUT * 1000)
    # A "Select Kernel" dialog appears when the notebook's kernelspec is unknown: take the default.
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    _wait(lambda: _kernel_idle(lab_server, notebook) or (dialog.count() and dialog.first.click()),
          KERNEL_TIMEOUT, f"an idle kernel for {notebook} in /api/sessions")
    seen["kernel_idle_s"] = lap()
    # Saved outputs (and their [n] prompts) go first, so every output seen below is from this run.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    _wait(lambda: not page.locator(f"{PANEL} .jp-OutputArea-output").count(), 10,
          "the saved outputs to be cleared")
    page.evaluate("() => window.jupyterapp.commands.execute('runmenu:run-all')")
    # Run All stops at a failing cell: error outputs fail at once rather than at the timeout.
    _wait(lambda: _fail_on_errors(page, notebook) or _all_cells_ran(page), RUN_TIMEOUT,
          "every code cell to run")
    seen["cells_ran_s"] = lap()
    seen["charts"] = _wait_charts_settled(page, CHART_TIMEOUT, notebook)
    seen["charts_settled_s"] = lap()
    _fail_on_errors(page, notebook)
    _assert_charts_drawn_and_fit(page, notebook)
    seen["lap"] = lap
    return seen


def _assert_charts_drawn_and_fit(page, notebook):
    embeds = page.evaluate("""panel => Array.from(document.querySelectorAll(panel + ' .vega-embed'))
      .filter(e => !e.querySelector('svg.marks, canvas')).length""", PANEL)
    assert embeds == 0, f"{notebook}: {embeds} chart container(s) without a drawn chart"
    wide = page.evaluate(OVERFLOW_JS, PANEL)
    assert not wide, f"{notebook}: chart wider than its output area (clipped legend/labels): {wide}"


def run_notebook_in_lab(page, lab_server, notebook, shots=True):
    """The whole open-run-check-change-check pass; returns a dict of what it saw."""
    seen = open_and_run(page, lab_server, notebook)
    lap = seen.pop("lap")

    widget = page.locator(f"{PANEL} {WIDGETS}").first
    assert widget.count(), f"{notebook}: no Dropdown/SelectMultiple/ToggleButtons widget"
    cell = page.locator(f"{PANEL} .jp-Cell").filter(has=page.locator(WIDGETS)).first
    cell.scroll_into_view_if_needed()
    before = cell.evaluate(SIGNATURE_JS)
    assert before and all(before), f"{notebook}: the widget's cell shows no drawn chart"
    assert any(s.get("items", 1) > 0 for s in before), f"{notebook}: chart has no data marks"
    seen["before"] = _summary(before)
    if shots:
        _shot(page, BUILD / f"browser_{Path(notebook).stem}.png", widget)

    # Try the other options in turn; the first one whose chart differs passes (a filter can
    # legitimately leave the chart unchanged for one option, never for all of them).
    current, tried, t_change = _current_choice(widget), [], time.monotonic()
    for choice in range(_option_count(widget)):
        if choice == current:
            continue
        tried.append(_change_widget(page, widget, choice))
        deadline = time.monotonic() + REDRAW_TIMEOUT
        after = None
        while time.monotonic() < deadline:
            _fail_on_errors(page, notebook, f" after choosing {tried[-1]!r}")
            after = cell.evaluate(SIGNATURE_JS)
            if after and all(after) and _data(after) != _data(before):
                break
            time.sleep(0.25)
        if _data(after) != _data(before):
            break
    else:
        pytest.fail(f"{notebook}: chart unchanged after choosing {tried} "
                    f"(signature {json.dumps(before)[:300]})")
    seen["redraw_s"] = round(time.monotonic() - t_change, 1)
    time.sleep(0.5)  # let the redraw finish before the screenshot
    after = cell.evaluate(SIGNATURE_JS)
    assert _data(after) != _data(before), f"{notebook}: chart went back to its first state"
    seen.update(after=_summary(after), changed_to=tried[-1])
    _fail_on_errors(page, notebook, " after the widget change")
    if notebook in UNDER_CHART:
        _wait(lambda: UNDER_CHART[notebook] in cell.inner_text(), REDRAW_TIMEOUT,
              f"{UNDER_CHART[notebook]!r} under the redrawn chart")
    if shots:
        _shot(page, BUILD / f"browser_{Path(notebook).stem}_after.png", widget)
    if notebook in CLICK_TO_READ:
        seen["clicked"] = _click_bar_shows_statements(page, cell, notebook)
        if shots:
            _shot(page, BUILD / f"browser_{Path(notebook).stem}_clicked.png", widget)
    seen["total_s"] = lap()
    return seen


def _click_bar_shows_statements(page, cell, notebook):
    """Click the first bar of the cell's chart: the statements table appears below it."""
    hint = CLICK_TO_READ[notebook]
    outputs = cell.locator(".jp-Cell-outputArea").first
    _wait(lambda: hint in outputs.inner_text(), REDRAW_TIMEOUT, f"the hint {hint!r} under the chart")
    bar = cell.locator(".vega-embed svg.marks g.mark-rect path").first
    bar.click()
    rows = _wait(lambda: cell.locator(".jp-OutputArea-output table tbody tr").count(), REDRAW_TIMEOUT,
                 "the clicked actor's statements table")
    _fail_on_errors(page, notebook, " after clicking a bar")
    assert hint not in outputs.inner_text(), f"{notebook}: the hint stayed after a click"
    return rows


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_redraws_in_browser(chromium, lab_server, notebook):
    if not (lab_server.root / notebook).is_file():
        pytest.fail(f"notebooks/{notebook} is missing")
    page = chromium.new_page()
    try:
        seen = run_notebook_in_lab(page, lab_server, notebook)
    finally:
        page.close()
    print(json.dumps(seen)[:1000])


# ----------------------------------------------------------------------------- 01: add articles
ADD_NOTEBOOK = "01_articles.ipynb"
ADD_PAGE = REPO / "tests" / "data" / "pages" / "kabar_jsonld.html"  # a saved page written here
ADD_TIMEOUT = 60  # s: the page added, the corpus annotated again and the overview redrawn
UPLOAD = ".widget-upload"


@pytest.fixture(scope="module")
def lab_on_corpus_copy(chromium, tmp_path_factory):
    """A JupyterLab whose kernels open a temporary COPY of seeds/ (WARTA_CORPUS): the add in 01
    writes there, never into seeds/."""
    import shutil

    from conftest import start_lab

    corpus = tmp_path_factory.mktemp("corpus") / "seeds"
    shutil.copytree(REPO / "seeds", corpus, ignore=shutil.ignore_patterns("corrections.csv", ".*"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WARTA_CORPUS", str(corpus))
        server = start_lab()  # the server's environment, and so its kernels', is read now
    try:
        yield server, corpus
    finally:
        server.stop()


def _seeds_files():
    return sorted((p.name, p.stat().st_size) for p in (REPO / "seeds").iterdir())


def test_add_articles_in_01_uploads_a_page_and_redraws_the_overview(chromium, lab_on_corpus_copy):
    server, corpus = lab_on_corpus_copy
    seeds_before, n_before = _seeds_files(), len(list(corpus.glob("*.txt")))
    page = chromium.new_page()
    try:
        seen = open_and_run(page, server, ADD_NOTEBOOK)
        cell = page.locator(f"{PANEL} .jp-Cell").filter(has=page.locator(UPLOAD)).first
        assert cell.count(), f"{ADD_NOTEBOOK}: no 'Add articles' form (a FileUpload widget)"
        cell.scroll_into_view_if_needed()
        charts_before = cell.locator(".vega-embed").count()
        with page.expect_file_chooser(timeout=REDRAW_TIMEOUT * 1000) as chooser:
            cell.locator(UPLOAD).first.click()  # as the analyst does: the browser's file dialog
        chooser.value.set_files(str(ADD_PAGE))
        _wait(lambda: "(1)" in cell.locator(UPLOAD).first.inner_text(), REDRAW_TIMEOUT,
              "the upload button to count the chosen file")
        cell.locator("button").filter(has_text=re.compile(r"^\s*Add\s*$")).first.click()
        _wait(lambda: "added 005_" in cell.inner_text(), ADD_TIMEOUT, "the form to list the added file")
        _wait(lambda: "now holds 6 articles (1 new)" in cell.inner_text(), ADD_TIMEOUT,
              "the corpus line under the form")
        _wait(lambda: cell.locator(".vega-embed svg.marks").count() > charts_before, ADD_TIMEOUT,
              "the corpus overview redrawn under the form")
        time.sleep(1.0)  # let the chart finish drawing before reading and shooting it
        _fail_on_errors(page, ADD_NOTEBOOK, " after adding a page")
        _assert_charts_drawn_and_fit(page, ADD_NOTEBOOK)
        subtitle = " ".join(cell.locator(".vega-embed svg.marks text").evaluate_all(
            "els => els.map(e => e.textContent)"))
        assert "6 article(s)" in subtitle, subtitle[:300]
        listed = cell.inner_text()
        _shot(page, BUILD / "browser_01_articles_added.png", cell.locator(".jp-Cell-outputArea").first)
    finally:
        page.close()
    added = sorted(p.name for p in corpus.glob("005_*.txt"))
    assert len(added) == 1 and f"added {added[0]}" in listed
    assert len(list(corpus.glob("*.txt"))) == n_before + 1
    assert "kabarnusantara" in (corpus / "metadata.csv").read_text(encoding="utf-8").lower()
    assert _seeds_files() == seeds_before, "the add wrote into seeds/"
    seen.pop("lap", None)
    print(json.dumps({**seen, "added": added}))
