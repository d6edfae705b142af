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
# # 02 · How the estimates changed
#
# **Question:** who claimed how many — troops, dead, displaced: whatever the story counts — when, and how did each claimant's figure move over time?

# %%
import altair as alt
from helpers import charts, workbook
alt.renderers.enable('jupyter', offline=True)
CORPUS = workbook.default_corpus()  # seeds/, or the folder given by make lab CORPUS=…

# %% [markdown]
# Load and annotate the corpus; undated figures take their article's publication date. What the story counts, and the label of each measure, come from the corpus's `story.yaml` (else the default profile).

# %%
ann = workbook.load(CORPUS)
st = charts.prepare(ann.statements, ann.articles)
est = charts.prepare(ann.estimates, ann.articles)
print(f"{ann.profile.story} ({ann.profile.source})")

# %% [markdown]
# Every figure found, by claimant, measure and category, with its qualifier.

# %%
est[['claimant', 'affiliation', 'measure', 'value', 'low', 'high', 'qualifier', 'category', 'as_of', 'outlet']]

# %% [markdown]
# The chart: x is the date the figure was claimed, y the figure (titled with the measure's label); lines join each claimant's successive figures, shapes show the qualifier, hollow points are planned/prepared figures. Change the filters and the chart and the revisions below it redraw. When the story counts more than one thing (troops and casualties, say), pick one under *Measure*: two measures never share an axis.

# %%
workbook.estimates_panel(est, labels=ann.profile)

# %% [markdown]
# The revisions over the whole corpus (no filters).

# %%
# NBVAL_CHECK_OUTPUT
revisions = charts.revision_table(est)
print(f"{len(revisions)} revision(s) by {revisions['claimant'].nunique()} claimant(s)")

# %% [markdown]
# The latest figure of each claimant, per measure and category.

# %%
charts.latest_by_claimant(est)

# %% [markdown]
# ## Caveats
#
# - A claimant is whoever the sentence attributes the figure to; a figure the reporter states without attribution has no claimant and is drawn under "(unknown)" (no line).
# - "as of" is the date in the text when there is one, else the publication date; an article with neither is not drawn (the subtitle says how many).
# - Revisions compare successive figures of one claimant, measure and category (a death toll is never compared with a troop figure); two officials of the same government are separate claimants unless `actors.yaml` merges them.
# - "claims" draws a figure repeated by several outlets once; "every report" draws each.
