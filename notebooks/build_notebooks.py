"""Write notebooks 01-04 from the cell lists below, run each on a fresh kernel, and save it
with the outputs of that clean run, widget state stripped (STACK.md: otherwise MBs).

    .venv/bin/python notebooks/build_notebooks.py            # all four
    .venv/bin/python notebooks/build_notebooks.py 02         # one

Re-run after the extractors change so the saved outputs (checked by nbval) stay true.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

HERE = Path(__file__).resolve().parent

SETUP = """import helpers, altair as alt
import ipywidgets as widgets
from IPython.display import HTML, Markdown, display
from helpers import briefing, charts, render
alt.renderers.enable('jupyter', offline=True)
CORPUS = briefing.default_corpus()  # the repo's seeds/ folder, found from this notebook"""

LOAD = """ann = briefing.load(CORPUS)
st = charts.prepare(ann.statements, ann.articles)
est = charts.prepare(ann.estimates, ann.articles)"""

NB01 = [
    ("md", "# 01 · The articles\n\n**Question:** what is in the corpus — which outlets and dates, "
           "how many statements and numbers each article holds — and what does each article say, "
           "and who says it?"),
    ("code", SETUP),
    ("md", "Load the articles and annotate them with the corpus's own gazetteer (`actors.yaml`)."),
    ("code", LOAD),
    ("md", "How many articles the corpus holds."),
    ("code", "# NBVAL_CHECK_OUTPUT\nprint(f\"{len(ann.articles)} articles from \"\n"
             "      f\"{ann.articles['outlet'].nunique()} named outlets\")"),
    ("md", "One row per article: outlet, publication date, length, and what the annotator found."),
    ("code", "ann.summary()"),
    ("md", "The same counts as a chart (hover a bar for the article's title)."),
    ("code", "charts.corpus_overview(ann.articles, st, est)"),
    ("md", "Pick an article and read it with actors, quotations and numbers highlighted; hover a "
           "highlight for the speaker, stance or figure."),
    ("code", "articles = ann.articles.set_index('article_id', drop=False)\n\n"
             "def read(article_id):\n"
             "    display(HTML(render.article_html(articles.loc[article_id], ann.mentions, st, est)))\n\n"
             "widgets.interact(read, article_id=widgets.Dropdown(\n"
             "    options=render.article_options(ann.articles), description='Article',\n"
             "    layout=widgets.Layout(width='48em')));"),
    ("md", "Speakers the gazetteer does not know yet: candidates to add to `actors.yaml` "
           "(name as written, how often, in how many articles)."),
    ("code", "charts.unlisted_speakers(st)"),
    ("md", "## Caveats\n\n"
           "- Counts are what the extractors found, not a reading of the articles; check the "
           "highlighted text before quoting a number.\n"
           "- An article without a publication date in `metadata.csv` or its text has no date "
           "here; statements and figures in it are dated only when the text gives a date.\n"
           "- Unlisted speakers are surface names: the same person can appear twice under two "
           "spellings or with a title in front until added to `actors.yaml`."),
]

NB02 = [
    ("md", "# 02 · How the troop estimates changed\n\n**Question:** who claimed how many troops, "
           "when, and how did each claimant's figure move over time?"),
    ("code", SETUP),
    ("md", "Load and annotate the corpus; undated figures take their article's publication date."),
    ("code", LOAD),
    ("md", "Every figure found, by claimant and category, with its qualifier."),
    ("code", "est[['claimant', 'affiliation', 'value', 'low', 'high', 'qualifier', 'category', "
             "'as_of', 'outlet']]"),
    ("md", "The chart: x is the date the figure was claimed, y the troops; lines join each claimant's "
           "successive figures, shapes show the qualifier, hollow points are planned/prepared "
           "figures. Change the filters and the chart and table below redraw."),
    ("code", "claimants = sorted(est['claimant'].dropna().unique())\n"
             "days = [(f'{d:%d %b}', d) for d in sorted(est['as_of'].dropna().dt.date.unique())] or [('–', None)]\n\n"
             "def timeline(category, claimants, qualifiers, color, mode, dates, undated):\n"
             "    e = charts.filter_estimates(est, category=category, claimants=claimants or None,\n"
             "                                qualifiers=qualifiers or None, start=dates[0], end=dates[1],\n"
             "                                keep_undated=undated)\n"
             "    display(charts.estimates_timeline(e, color=color, mode=mode))\n"
             "    display(Markdown('**Revisions** (each change of a claimant\\'s figure)'))\n"
             "    display(charts.revision_table(e))\n\n"
             "widgets.interact(\n"
             "    timeline,\n"
             "    category=widgets.Dropdown(options=['all'] + charts.CATEGORIES, value='all', description='Category'),\n"
             "    claimants=widgets.SelectMultiple(options=claimants, description='Claimants', rows=6,\n"
             "                                     layout=widgets.Layout(width='32em')),\n"
             "    qualifiers=widgets.SelectMultiple(options=charts.QUALIFIERS, description='Qualifier'),\n"
             "    color=widgets.ToggleButtons(options=['claimant', 'affiliation'], description='Colour'),\n"
             "    mode=widgets.ToggleButtons(options=[('claims', 'claims'), ('every report', 'reports')],\n"
             "                               description='Count'),\n"
             "    dates=widgets.SelectionRangeSlider(options=days, index=(0, len(days) - 1),\n"
             "                                       description='Dates', layout=widgets.Layout(width='44em')),\n"
             "    undated=widgets.Checkbox(value=True, description='show undated figures'),\n"
             ");"),
    ("md", "The revisions over the whole corpus (no filters)."),
    ("code", "# NBVAL_CHECK_OUTPUT\nrevisions = charts.revision_table(est)\n"
             "print(f\"{len(revisions)} revision(s) by {revisions['claimant'].nunique()} claimant(s)\")"),
    ("md", "The latest figure of each claimant, per category."),
    ("code", "charts.latest_by_claimant(est)"),
    ("md", "## Caveats\n\n"
           "- A claimant is whoever the sentence attributes the figure to; a figure the reporter "
           "states without attribution has no claimant and is drawn under \"(unknown)\" (no line).\n"
           "- \"as of\" is the date in the text when there is one, else the publication date; an "
           "article with neither is not drawn (the subtitle says how many).\n"
           "- Revisions compare successive figures of one claimant and category; two officials of "
           "the same government are separate claimants unless `actors.yaml` merges them.\n"
           "- \"claims\" draws a figure repeated by several outlets once; \"every report\" draws each."),
]

NB03 = [
    ("md", "# 03 · Statements by actor\n\n**Question:** who spoke most often about the story, "
           "with what stance, in which outlets — and what exactly did they say?"),
    ("code", SETUP + "\nalt.JupyterChart.enable_offline()"),
    ("md", "Load and annotate the corpus; undated statements take their article's publication date."),
    ("code", LOAD),
    ("md", "How many statements, and how many of them are direct quotations."),
    ("code", "print(f\"{len(st)} statements, {int((st['kind'] == 'direct').sum())} direct quotations, \"\n"
             "      f\"{st['speaker'].nunique()} speakers\")"),
    ("md", "Bars per actor: choose the grouping, the stacking and the filters; click a bar to list "
           "that actor's statements underneath (double-click clears)."),
    ("code", "table = widgets.Output()\n"
             "HINT = Markdown('*Click a bar to list that actor\\'s statements here.*')\n"
             "table.append_display_data(HINT)\n\n"
             "def bars(by, stack, top_n, direct_only, unique_claims):\n"
             "    chart = alt.JupyterChart(charts.statements_by_actor(\n"
             "        st, by=by, stack=stack, top_n=top_n, direct_only=direct_only, unique_claims=unique_claims))\n\n"
             "    def on_select(change):\n"
             "        table.clear_output()\n"
             "        with table:\n"
             "            if not change.new.value:\n"
             "                display(HINT)\n"
             "            for sel in change.new.value or []:\n"
             "                display(Markdown(f\"**{sel['actor']}**\"),\n"
             "                        charts.actor_statements(st, sel['actor'], by).style.format(escape='html', na_rep='–')\n"
             "                        .format({'stated_on': '{:%d %b %Y}'}, na_rep='–'))\n\n"
             "    chart.selections.observe(on_select, ['actor'])\n"
             "    display(chart)\n\n"
             "widgets.interact(\n"
             "    bars,\n"
             "    by=widgets.ToggleButtons(options=['speaker', 'affiliation'], description='Group by'),\n"
             "    stack=widgets.ToggleButtons(options=['stance', 'outlet'], description='Stack by'),\n"
             "    top_n=widgets.IntSlider(value=10, min=1, max=30, description='Top N'),\n"
             "    direct_only=widgets.Checkbox(value=False, description='direct quotes only'),\n"
             "    unique_claims=widgets.Checkbox(value=False, description='count repeated reports once'),\n"
             ")\n"
             "table"),
    ("md", "The most-quoted actors as a table (every report counted)."),
    ("code", "st.groupby('speaker').size().sort_values(ascending=False).head(10).rename('statements').to_frame()"),
    ("md", "Statements over time, by the speaker's affiliation."),
    ("code", "charts.statements_over_time(st)"),
    ("md", "## Caveats\n\n"
           "- A statement is one reporting clause; a long quotation split by \"katanya\" counts once "
           "per clause. \"count repeated reports once\" merges the same statement carried by "
           "several outlets (`repeat_group`).\n"
           "- Stance comes from word lists (`helpers/lexicon.py`), not from reading: a stance word "
           "decides (\"membantah\", \"memperingatkan\"); without one, a statement that asserts an "
           "event (\"telah mengirim\", \"tewas\") confirms it; \"other\" means neither was found.\n"
           "- Speakers not in `actors.yaml` have no affiliation and are grouped under \"(unknown)\"."),
]

NB04 = [
    ("md", "# 04 · Briefing\n\n**Question:** what are the latest troop figures, how did they change, "
           "and who said what? Rendered by `make briefing` to `build/briefing.html` (without code "
           "and without the cells tagged `remove_cell`).", ["remove_cell"]),
    ("code", "# Parameters (papermill): corpus folder, date range (ISO, inclusive), title, output folder\n"
             "corpus = None\nstart = None\nend = None\ntitle = 'Briefing: troop estimates and statements'\n"
             "out_dir = None", ["parameters"]),
    ("code", "import helpers, altair as alt\n"
             "from IPython.display import Markdown, display\n"
             "from helpers import briefing, charts\n"
             "alt.renderers.enable('jupyter', offline=True)\n"
             "CORPUS = corpus or briefing.default_corpus()\n"
             "OUT = out_dir or briefing.repo_root() / 'build'"),
    ("md", "Load and annotate the corpus, and keep the figures and statements dated within the range.",
     ["remove_cell"]),
    ("code", LOAD.replace("briefing.load(CORPUS)", "briefing.load(CORPUS)") + "\n"
             "est = charts.filter_estimates(est, start=start, end=end)\n"
             "st = charts.filter_statements(st, start=start, end=end)"),
    ("md", "The heading and what the briefing covers.", ["remove_cell"]),
    ("code", "display(Markdown(briefing.summary_markdown(title, ann, st, est, start, end)))"),
    ("md", "## Latest figure per claimant\n\nThe most recent figure each claimant gave, per category."),
    ("code", "display(Markdown(briefing.latest_markdown(est)))"),
    ("md", "## Figures over time\n\nEach claimant's figures joined in date order (PNG and CSV beside this briefing)."),
    ("code", "chart = charts.estimates_timeline(est)\n"
             "charts.save_chart(chart, None, OUT, 'estimates_timeline')\n"
             "charts.static(chart)"),
    ("md", "## Revisions\n\nEach time a claimant changed its figure."),
    ("code", "display(Markdown(briefing.revisions_markdown(est)))"),
    ("md", "## Who said what\n\nThe most-quoted actors and the longest direct quotation of each."),
    ("code", "display(Markdown(briefing.quotes_markdown(st)))\n"
             "chart = charts.statements_by_actor(st, top_n=10)\n"
             "charts.save_chart(chart, None, OUT, 'statements_by_actor')\n"
             "charts.static(chart)"),
    ("md", "## Statements over time\n\nStatements per day, by the speaker's affiliation."),
    ("code", "chart = charts.statements_over_time(st)\n"
             "charts.save_chart(chart, None, OUT, 'statements_over_time')\n"
             "charts.static(chart)"),
    ("md", "## Caveats\n\n"
           "Figures and statements are extracted automatically from the articles listed above; "
           "every figure keeps its sentence (see the CSV files beside this briefing). A figure "
           "without a claimant is the reporter's or an unnamed source's. Dates are from the text "
           "when given, else the publication date. Check the article before quoting."),
]

NOTEBOOKS = {"01": ("01_articles.ipynb", NB01), "02": ("02_estimate_changes.ipynb", NB02),
             "03": ("03_statements_by_actor.ipynb", NB03), "04": ("04_briefing.ipynb", NB04)}


def build(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                  "language": "python"},
                   "language_info": {"name": "python"}}
    for cell in cells:
        kind, src = cell[0], cell[1]
        c = nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        if len(cell) > 2:
            c.metadata["tags"] = list(cell[2])
        nb.cells.append(c)
    return nb


def strip_widgets(nb) -> None:
    nb.metadata.pop("widgets", None)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"  # stable ids: clean diffs between runs
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("application/vnd.jupyter.widget-state+json", None)


def main(argv) -> int:
    keys = argv or sorted(NOTEBOOKS)
    for key in keys:
        name, cells = NOTEBOOKS[key]
        nb = build(cells)
        ExecutePreprocessor(timeout=300, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(HERE)}})
        strip_widgets(nb)
        nbformat.write(nb, str(HERE / name))
        print(f"wrote {name} ({(HERE / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
