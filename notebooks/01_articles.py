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
# # 01 · The articles
#
# **Question:** what is in the corpus — which outlets and dates, how many statements and numbers each article holds — and what does each article say, and who says it?

# %%
import altair as alt
from helpers import charts, workbook
alt.renderers.enable('jupyter', offline=True)
CORPUS = workbook.default_corpus()  # seeds/, or the folder given by make lab CORPUS=…

# %% [markdown]
# Load the articles and annotate them with the corpus's own gazetteer (`actors.yaml`).

# %%
ann = workbook.load(CORPUS)
st = charts.prepare(ann.statements, ann.articles)
est = charts.prepare(ann.estimates, ann.articles)

# %% [markdown]
# How many articles the corpus holds.

# %%
# NBVAL_CHECK_OUTPUT
print(f"{len(ann.articles)} articles from "
      f"{ann.articles['outlet'].nunique()} named outlets")

# %% [markdown]
# One row per article: outlet, publication date, length, and what the annotator found.

# %%
ann.summary()

# %% [markdown]
# The same counts as a chart (hover a bar for the article's title).

# %%
charts.corpus_overview(ann.articles, st, est)

# %% [markdown]
# Pick an article and read it with actors, quotations and numbers highlighted; hover a highlight for the speaker, stance or figure.

# %%
workbook.article_reader(ann, st, est)

# %% [markdown]
# Speakers the gazetteer does not know yet: candidates to add to `actors.yaml` (name as written, how often, in how many articles).

# %%
charts.unlisted_speakers(st)

# %% [markdown]
# ## Add articles
#
# Add saved web pages (in the browser: Ctrl+S, "Webpage, HTML only" or "complete") or their addresses to the corpus folder, as `make add` does: each article becomes a new `.txt` file and a row of `metadata.csv` (nothing you wrote is changed; a page already in the corpus, or one without article text, is refused with the reason). Below the form: what was added or refused, then the corpus overview redrawn with the new articles. Re-run the notebook to read them here and in the other notebooks.

# %%
workbook.add_articles_panel(CORPUS)

# %% [markdown]
# ## Caveats
#
# - Counts are what the extractors found, not a reading of the articles; check the highlighted text before quoting a number.
# - An article without a publication date in `metadata.csv` or its text has no date here; statements and figures in it are dated only when the text gives a date.
# - Unlisted speakers are surface names: the same person can appear twice under two spellings or with a title in front until added to `actors.yaml`.
# - An added page keeps only what trafilatura recognises as the article's text; check the new `.txt` file (and its date in `metadata.csv`) before relying on it. An address needs the network; with none, save the page in the browser and add the file.
