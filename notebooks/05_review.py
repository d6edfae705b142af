# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Review the annotations
#
# **Question:** which statements and figures has an analyst checked, and what must be fixed — wrong speaker, misread number, missed statement — before the briefing?

# %%
import tempfile

import altair as alt
from helpers import charts, review, review_apply, review_stats, review_ui, workbook
alt.renderers.enable('jupyter', offline=True)
CORPUS = workbook.default_corpus()  # seeds/, or the folder given by make lab CORPUS=…
CORRECTIONS = review.corrections_path(CORPUS)  # written only when you press a button

# %% [markdown]
# Load the corpus as every notebook does, twice: as the annotator found it (`base`), and with the decisions already saved in `corrections.csv` applied (`ann`).

# %%
base = workbook.load(CORPUS, corrections=None)  # through the annotation cache
ann = review_apply.apply_corrections(base, CORRECTIONS)

# %% [markdown]
# How far the review has got: rows per table, by decision.

# %%
review_ui.counts(ann)

# %% [markdown]
# How far to trust the annotator on *this* corpus, measured by your decisions: the share of reviewed rows accepted unchanged (its precision, with a 95% interval), per table, and the fields you corrected most. The charts of your story are as good as this figure; it means something once a few dozen rows picked at random are reviewed.

# %%
review_stats.report(ann)

# %% [markdown]
# Saved decisions that no longer match any row (their lines stay in the file: fix or delete them there), decisions re-anchored to a moved span, and conflicting decisions (the latest wins).

# %%
for message in ann.unmatched_corrections + ann.correction_notes:
    print(message)
print(f'{len(ann.unmatched_corrections)} unmatched, '
      f'{len(ann.correction_notes)} re-anchored or conflicting')

# %% [markdown]
# The review panel: pick a row (unreviewed first), read its sentence with the span highlighted, then **Accept**, **Reject**, or change the fields and **Save correction**. The speaker/claimant box offers the actors of `actors.yaml`; a name it does not know is kept as an unlisted speaker. Open the last section to add a statement or figure the annotator missed by picking its sentence.

# %%
review_ui.review_panel(ann, CORPUS)

# %% [markdown]
# After saving, re-run from here: annotate again with the corrections applied (as every notebook and the briefing do by default) and list what the decisions changed compared with the annotator's output.

# %%
ann = workbook.load(CORPUS, corrections=CORRECTIONS)
review_ui.before_after(base, ann)

# %% [markdown]
# The estimates chart with your decisions applied, with the filters of notebook 02; tick *reviewed only* to draw only the figures an analyst has accepted, corrected or added.

# %%
workbook.estimates_panel(charts.prepare(ann.estimates, ann.articles), labels=ann.profile)

# %% [markdown]
# A worked example in a scratch file (your corpus is not touched): reject the first figure, correct the value of the second, and see the before/after table.

# %%
with tempfile.TemporaryDirectory() as scratch:
    path = review.corrections_path(scratch)
    first, second = (review_ui.get_row(base, 'estimates', i) for i in base.estimates['estimate_id'][:2])
    text = dict(zip(base.articles['article_id'], base.articles['text']))
    form = dict(review_ui.form_values(second, 'estimates'), value=str(int(second['value']) + 500))
    review.save_decisions(path, review_ui.decision_from_form('estimates', first, 'reject', article_text=text[first['article_id']])
                          + review_ui.decision_from_form('estimates', second, 'correct', form, article_text=text[second['article_id']]))
    example = review_apply.apply_corrections(base, path)
    example_stats = review_stats.review_stats(example), review_stats.corrected_fields(example)
review_ui.before_after(base, example)[['reviewed', 'field', 'before', 'after']]

# %% [markdown]
# The example's effect, checked on every run: one figure fewer, one corrected by +500 — and the annotator's measured precision on the example's estimates: none of the two reviewed figures was right as found.

# %%
# NBVAL_CHECK_OUTPUT
moved = example.estimates.set_index('estimate_id').loc[second['estimate_id'], 'value'] - second['value']
print(f"{len(base.estimates) - len(example.estimates)} rejected, value moved by {moved:+.0f}, "
      f"reviewed: {sorted(example.estimates['reviewed'].dropna())}")
stats, fields = example_stats
print(review_stats.sentence(stats[stats['table'] == 'estimates'].iloc[0]))
print('corrected:', fields[['table', 'field', 'rows']].to_dict('records'))

# %% [markdown]
# ## Caveats
#
# - Decisions are keyed by article and character span, not row number; when the annotator later cuts a span differently, a decision follows its quote (or a mostly overlapping span) and is listed above as re-anchored — check those.
# - A decision that matches nothing is reported, never dropped: `corrections.csv` keeps every line, and each save keeps the previous file in `.corrections_history/`.
# - Accepting a row checks only that row; rows nobody reviewed are still the annotator's guess. Rejected rows leave the charts but stay listed in `ann.rejected`.
# - The measured precision speaks for the rows you reviewed: reviewing only the rows that look wrong makes the annotator look worse than it is, and a handful of rows gives a wide interval. Added rows are misses (recall) and do not enter it.
# - A corrected speaker matches `actors.yaml` only by exact id, name or alias; anything else is kept as an unlisted name (add the actor to `actors.yaml` to group it).
