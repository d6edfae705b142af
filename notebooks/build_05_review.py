"""Write notebooks/05_review.ipynb from the cells below, run it on a fresh kernel, and save it
with the outputs of that clean run, widget state stripped (STACK.md).

    .venv/bin/python notebooks/build_05_review.py

The run writes nothing into the corpus: decisions are saved only when the analyst presses a
button in the panel; the worked example uses a temporary folder.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

HERE = Path(__file__).resolve().parent
NAME = "05_review.ipynb"

CELLS = [
    ("md", "# 05 · Review the annotations\n\n**Question:** which statements and figures has an "
           "analyst checked, and what must be fixed — wrong speaker, misread number, missed "
           "statement — before the briefing?"),
    ("code", "import tempfile\n\n"
             "import altair as alt\nimport ipywidgets as widgets\n"
             "from IPython.display import display\n\n"
             "import helpers\nfrom helpers import briefing, charts, review, review_apply, review_ui\n"
             "from helpers.corpus import load_actors_for, load_corpus\n"
             "alt.renderers.enable('jupyter', offline=True)\n"
             "CORPUS = briefing.default_corpus()  # seeds/, or the folder in WARTA_CORPUS\n"
             "CORRECTIONS = review.corrections_path(CORPUS)  # written only when you press a button"),
    ("md", "Annotate the corpus twice: as the annotator found it (`base`), and with the decisions "
           "already saved in `corrections.csv` applied (`ann`)."),
    ("code", "articles, actors = load_corpus(CORPUS), load_actors_for(CORPUS)\n"
             "base = helpers.annotate(articles, actors, corrections=None, cache=True)  # cache: helpers/cache.py\n"
             "ann = review_apply.apply_corrections(base, CORRECTIONS)"),
    ("md", "How far the review has got: rows per table, by decision."),
    ("code", "review_ui.counts(ann)"),
    ("md", "Saved decisions that no longer match any row (their lines stay in the file: fix or "
           "delete them there), decisions re-anchored to a moved span, and conflicting decisions "
           "(the latest wins)."),
    ("code", "for message in ann.unmatched_corrections + ann.correction_notes:\n"
             "    print(message)\n"
             "print(f'{len(ann.unmatched_corrections)} unmatched, '\n"
             "      f'{len(ann.correction_notes)} re-anchored or conflicting')"),
    ("md", "The review panel: pick a row (unreviewed first), read its sentence with the span "
           "highlighted, then **Accept**, **Reject**, or change the fields and **Save correction**. "
           "The speaker/claimant box offers the actors of `actors.yaml`; a name it does not know is "
           "kept as an unlisted speaker. Open the last section to add a statement or figure the "
           "annotator missed by picking its sentence."),
    ("code", "review_ui.review_panel(ann, CORPUS)"),
    ("md", "After saving, re-run from here: annotate again with the corrections applied "
           "(as every notebook and the briefing do by default) and list what the decisions "
           "changed compared with the annotator's output."),
    ("code", "ann = helpers.annotate(articles, actors, corrections=CORRECTIONS, cache=True)\n"
             "review_ui.before_after(base, ann)"),
    ("md", "The estimates chart with your decisions applied; tick *reviewed only* to draw only "
           "the figures an analyst has accepted, corrected or added."),
    ("code", "def timeline(reviewed_only):\n"
             "    e = charts.prepare(ann.estimates, ann.articles)\n"
             "    if reviewed_only and 'reviewed' in e:\n"
             "        e = e[e['reviewed'].notna()]\n"
             "    display(charts.estimates_timeline(e))\n\n"
             "widgets.interact(timeline, reviewed_only=widgets.Checkbox(value=False, description='reviewed only'));"),
    ("md", "A worked example in a scratch file (your corpus is not touched): reject the first "
           "figure, correct the value of the second, and see the before/after table."),
    ("code", "with tempfile.TemporaryDirectory() as scratch:\n"
             "    path = review.corrections_path(scratch)\n"
             "    first, second = (review_ui.get_row(base, 'estimates', i) for i in base.estimates['estimate_id'][:2])\n"
             "    text = dict(zip(base.articles['article_id'], base.articles['text']))\n"
             "    form = dict(review_ui.form_values(second, 'estimates'), value=str(int(second['value']) + 500))\n"
             "    review.save_decisions(path, review_ui.decision_from_form('estimates', first, 'reject', article_text=text[first['article_id']])\n"
             "                          + review_ui.decision_from_form('estimates', second, 'correct', form, article_text=text[second['article_id']]))\n"
             "    example = review_apply.apply_corrections(base, path)\n"
             "review_ui.before_after(base, example)[['reviewed', 'field', 'before', 'after']]"),
    ("md", "The example's effect, checked on every run: one figure fewer, one corrected by +500."),
    ("code", "# NBVAL_CHECK_OUTPUT\n"
             "moved = example.estimates.set_index('estimate_id').loc[second['estimate_id'], 'value'] - second['value']\n"
             "print(f\"{len(base.estimates) - len(example.estimates)} rejected, value moved by {moved:+.0f}, \"\n"
             "      f\"reviewed: {sorted(example.estimates['reviewed'].dropna())}\")"),
    ("md", "## Caveats\n\n"
           "- Decisions are keyed by article and character span, not row number; when the "
           "annotator later cuts a span differently, a decision follows its quote (or a mostly "
           "overlapping span) and is listed above as re-anchored — check those.\n"
           "- A decision that matches nothing is reported, never dropped: `corrections.csv` keeps "
           "every line, and each save keeps the previous file in `.corrections_history/`.\n"
           "- Accepting a row checks only that row; rows nobody reviewed are still the annotator's "
           "guess. Rejected rows leave the charts but stay listed in `ann.rejected`.\n"
           "- A corrected speaker matches `actors.yaml` only by exact id, name or alias; anything "
           "else is kept as an unlisted name (add the actor to `actors.yaml` to group it)."),
]


def build() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                  "language": "python"},
                   "language_info": {"name": "python"}}
    for kind, src in CELLS:
        nb.cells.append(nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src))
    return nb


def strip_widgets(nb) -> None:
    nb.metadata.pop("widgets", None)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("application/vnd.jupyter.widget-state+json", None)


def main() -> int:
    nb = build()
    ExecutePreprocessor(timeout=300, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(HERE)}})
    strip_widgets(nb)
    nbformat.write(nb, str(HERE / NAME))
    print(f"wrote {NAME} ({(HERE / NAME).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
