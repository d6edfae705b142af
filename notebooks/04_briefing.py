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

# %% [markdown] tags=["remove_cell"]
# # 04 · Briefing
#
# **Question:** what are the latest figures of each thing the story counts (troops, dead, displaced … as named in the corpus's `story.yaml`), how did they change, and who said what? Rendered by `make briefing` to `build/briefing.html` (without code and without the cells tagged `remove_cell`).

# %% tags=["parameters"]
# Parameters (papermill): corpus folder, date range (ISO, inclusive), title, output folder
corpus = None
start = None
end = None
title = None  # None: "Briefing: " and the story's name from story.yaml
out_dir = None

# %%
import altair as alt
from IPython.display import Markdown, display
from helpers import briefing, charts, workbook
alt.renderers.enable('jupyter', offline=True)
CORPUS = corpus or workbook.default_corpus()
OUT = out_dir or workbook.repo_root() / 'build'

# %% [markdown] tags=["remove_cell"]
# Load and annotate the corpus, and keep the figures and statements dated within the range.

# %%
ann = workbook.load(CORPUS)
st = charts.prepare(ann.statements, ann.articles)
est = charts.prepare(ann.estimates, ann.articles)
est = charts.filter_estimates(est, start=start, end=end)
st = charts.filter_statements(st, start=start, end=end)

# %% [markdown] tags=["remove_cell"]
# The heading and what the briefing covers.

# %%
TITLE = title or briefing.default_title(ann, CORPUS)
display(Markdown(briefing.summary_markdown(TITLE, ann, st, est, start, end, labels=ann.profile)))

# %% [markdown]
# ## Latest figure per claimant
#
# The most recent figure each claimant gave, one table per measure (what is counted), per category.

# %%
display(Markdown(briefing.latest_markdown(est, labels=ann.profile)))

# %% [markdown]
# ## Figures over time
#
# Each claimant's figures joined in date order, one chart per measure (PNG and CSV beside this briefing).

# %%
chart = charts.estimates_timeline(est, labels=ann.profile)
charts.save_chart(chart, None, OUT, 'estimates_timeline')
charts.static(chart)

# %% [markdown]
# ## Revisions
#
# Each time a claimant changed its figure of one measure.

# %%
display(Markdown(briefing.revisions_markdown(est, labels=ann.profile)))

# %% [markdown]
# ## Who said what
#
# The most-quoted actors and the longest direct quotation of each.

# %%
display(Markdown(briefing.quotes_markdown(st)))
chart = charts.statements_by_actor(st, top_n=10)
charts.save_chart(chart, None, OUT, 'statements_by_actor')
charts.static(chart)

# %% [markdown]
# ## Statements over time
#
# Statements per day, by the speaker's affiliation.

# %%
chart = charts.statements_over_time(st)
charts.save_chart(chart, None, OUT, 'statements_over_time')
charts.static(chart)

# %% [markdown]
# ## Caveats
#
# Figures and statements are extracted automatically from the articles listed above; every figure keeps its sentence (see the CSV files beside this briefing). A figure without a claimant is the reporter's or an unnamed source's. Dates are from the text when given, else the publication date. Check the article before quoting.
