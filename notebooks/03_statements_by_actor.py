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
# # 03 · Statements by actor
#
# **Question:** who spoke most often about the story, with what stance, in which outlets — and what exactly did they say?

# %%
import altair as alt
from helpers import charts, workbook
alt.renderers.enable('jupyter', offline=True)
CORPUS = workbook.default_corpus()  # seeds/, or the folder given by make lab CORPUS=…

# %% [markdown]
# Load and annotate the corpus; undated statements take their article's publication date.

# %%
ann = workbook.load(CORPUS)
st = charts.prepare(ann.statements, ann.articles)
est = charts.prepare(ann.estimates, ann.articles)

# %% [markdown]
# How many statements, and how many of them are direct quotations.

# %%
print(f"{len(st)} statements, {int((st['kind'] == 'direct').sum())} direct quotations, "
      f"{st['speaker'].nunique()} speakers")

# %% [markdown]
# Bars per actor: choose the grouping, the stacking and the filters; click a bar to list that actor's statements underneath (double-click clears).

# %%
workbook.statements_panel(st)

# %% [markdown]
# The most-quoted actors as a table (every report counted).

# %%
st.groupby('speaker').size().sort_values(ascending=False).head(10).rename('statements').to_frame()

# %% [markdown]
# Statements over time, by the speaker's affiliation.

# %%
charts.statements_over_time(st)

# %% [markdown]
# ## Caveats
#
# - A statement is one reporting clause; a long quotation split by "katanya" counts once per clause. "count repeated reports once" merges the same statement carried by several outlets (`repeat_group`).
# - Stance comes from word lists (`helpers/lexicon.py`), not from reading: a stance word decides ("membantah", "memperingatkan"); without one, a statement that asserts an event ("telah mengirim", "tewas") confirms it; "other" means neither was found.
# - Speakers not in `actors.yaml` have no affiliation and are grouped under "(unknown)".
