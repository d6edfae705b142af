"""Altair chart builders, and every name the notebooks call as ``charts.<name>``.

Every builder takes DataFrames (the tables of ``helpers.schema``), loads nothing, aggregates
with pandas before charting (so no chart ever hits Altair's 5,000-row limit or grows to MBs),
types every encoding, and returns an ``alt.Chart``/``alt.LayerChart`` whose ``.data`` is the
small frame it plots (``save_chart`` writes that frame as the chart's CSV).

Builders
    estimates_timeline(est, color=, mode=, labels=)  claimed figures over time, one line per
                                                 claimant; one panel per measure (troops,
                                                 killed, ...), never two measures on one axis
                                                 (``helpers.timeline``)
    statements_by_actor(st, by=, stack=, ...)    horizontal bars, click selects an actor
    statements_over_time(st)                     statements per day, stacked by affiliation
    corpus_overview(articles, st, est)           statements and estimates per article
Output
    save_chart (PNG + CSV), static (inline SVG)
Re-exported here, so that ``charts.<name>`` keeps working everywhere
    the data helpers of ``helpers.chartdata`` (prepare, with_outlet, dedupe_reports,
    filter_estimates, filter_statements, revision_table, latest_by_claimant, unlisted_speakers,
    actor_statements, chart_data, measure_order, of_measure, measure_label), and the theme,
    palettes and colours of ``helpers.chartstyle`` (``color_for``, ``QUALIFIERS``,
    ``CATEGORIES`` ...). The house theme ``warta`` is registered and enabled on import.
"""
from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from helpers.chartdata import (  # noqa: F401 - re-exported: callers use charts.<name>
    GENERIC_LABEL, MAX_TEXT, UNKNOWN, _iso, _label, _measure_col, _short, actor_statements,
    chart_data, dedupe_reports, filter_estimates, filter_statements, latest_by_claimant,
    measure_label, measure_order, of_measure, prepare, revision_table, unlisted_speakers,
    with_outlet)
from helpers.chartstyle import (  # noqa: F401 - re-exported: callers use charts.<name>
    CATEGORIES, CATEGORY_DASHES, CHART_WIDTH, FONT, HOLLOW, HOLLOW_TEST, PALETTE, QUALIFIER_SHAPES,
    QUALIFIERS, STANCE_COLORS, STANCES, UNKNOWN_COLOR, _color_scale, _count_axis, _inline, _plain,
    color_for, date_format, ordered_categories, warta_theme)
from helpers.timeline import MAX_POINTS, estimates_timeline  # noqa: F401 - re-exported

MAX_BARS = 50         # actors drawn by statements_by_actor
MAX_DAYS = 400        # days drawn by statements_over_time
MAX_ARTICLES = 60     # articles drawn by corpus_overview


def statements_by_actor(st: pd.DataFrame, by: str = "speaker", stack: str = "stance",
                        top_n: int = 10, direct_only: bool = False, unique_claims: bool = False,
                        articles: pd.DataFrame | None = None, title: str | None = None):
    """How often each actor spoke: horizontal bars sorted by count, stacked by stance or outlet.

    Counts are computed with pandas (the chart holds one row per actor x stack value).
    Clicking a bar selects the actor (selection param ``actor``, field ``actor``);
    double-click clears it.
    """
    if by not in ("speaker", "affiliation"):
        raise ValueError(f"by must be 'speaker' or 'affiliation', not {by!r}")
    if stack not in ("stance", "outlet"):
        raise ValueError(f"stack must be 'stance' or 'outlet', not {stack!r}")
    d = st
    if stack == "outlet" and "outlet" not in d:
        d = with_outlet(d, articles)
    if direct_only:
        d = d[(d["kind"] == "direct").fillna(False).astype(bool)]
    if unique_claims:
        d = dedupe_reports(d)
    d = pd.DataFrame({"actor": _label(d[by]), "part": _label(d[stack])})
    counts = d.groupby(["actor", "part"]).size().rename("n").reset_index()
    totals = counts.groupby("actor")["n"].sum().sort_values(ascending=False, kind="stable")
    totals = totals.sort_index().sort_values(ascending=False, kind="stable")
    top_n = max(1, min(int(top_n), MAX_BARS))
    order = totals.index[:top_n].tolist()
    counts = counts[counts["actor"].isin(order)].copy()
    counts["total"] = counts["actor"].map(totals)
    data = _plain(counts)

    note = ("each repeated statement counted once" if unique_claims else "every report counted")
    note += "; direct quotations only" if direct_only else "; direct and indirect speech"
    subtitle = [note]
    if len(totals) > top_n:
        subtitle.append(f"top {top_n} of {len(totals)} {'speakers' if by == 'speaker' else 'affiliations'}")
    if data.empty:
        subtitle.append("no statements match")
    if stack == "stance":
        parts = sorted(set(data["part"].dropna()) - set(STANCES))
        pscale = alt.Scale(domain=STANCES + parts,
                           range=STANCE_COLORS + [color_for(p) for p in parts])
    else:
        pscale = _color_scale(data["part"].dropna().tolist() if len(data) else [])
    rank = {p: i for i, p in enumerate(pscale.domain)}
    data["rank"] = [float(rank.get(p, len(rank))) for p in data["part"]] if len(data) else []
    select = alt.selection_point(name="actor", fields=["actor"], on="click", clear="dblclick")
    return alt.Chart(_inline(data)).mark_bar().encode(
        y=alt.Y("actor:N", sort=order, title=None),
        x=alt.X("sum(n):Q", title="Statements", axis=_count_axis(totals.max() if len(totals) else 0)),
        color=alt.Color("part:N", title=stack.capitalize(), scale=pscale),
        order=alt.Order("rank:Q"),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.35)),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("part:N", title=stack.capitalize()),
                 alt.Tooltip("n:Q", title="Statements"), alt.Tooltip("total:Q", title="Total")],
    ).add_params(select).properties(
        title=alt.TitleParams(title or "Statements per " + ("speaker" if by == "speaker" else "affiliation"),
                              subtitle=subtitle),
        width=CHART_WIDTH - 160, height=alt.Step(24),
    )


def statements_over_time(st: pd.DataFrame, by: str = "affiliation", title: str | None = None):
    """Statements per day (``stated_on``), stacked by affiliation (or speaker)."""
    d = st[st["stated_on"].notna()]
    undated = len(st) - len(d)
    d = pd.DataFrame({"day": pd.to_datetime(d["stated_on"]).dt.normalize(), "group": _label(d[by])})
    counts = d.groupby(["day", "group"]).size().rename("n").reset_index()
    days = sorted(counts["day"].unique())[-MAX_DAYS:]
    counts = counts[counts["day"].isin(days)]
    data = _plain(counts)
    subtitle = ["date the statement was made (from the text, else publication date)"]
    if undated:
        subtitle.append(f"{undated} statement(s) without a date not drawn")
    return alt.Chart(_inline(data)).mark_bar(width={"band": 0.8}).encode(
        x=alt.X("day:T", title="Date", timeUnit="yearmonthdate", axis=alt.Axis(format=date_format(days))),
        y=alt.Y("sum(n):Q", title="Statements",
                axis=_count_axis(counts.groupby("day")["n"].sum().max() if len(counts) else 0)),
        color=alt.Color("group:N", title=by.capitalize(),
                        scale=_color_scale(data["group"].dropna().tolist() if len(data) else [])),
        tooltip=[alt.Tooltip("day:T", title="Date", format="%d %b %Y"),
                 alt.Tooltip("group:N", title=by.capitalize()), alt.Tooltip("n:Q", title="Statements")],
    ).properties(title=alt.TitleParams(title or "Statements over time", subtitle=subtitle),
                 width=CHART_WIDTH - 20, height=260)


def corpus_overview(articles: pd.DataFrame, st: pd.DataFrame, est: pd.DataFrame,
                    title: str | None = None):
    """The corpus at a glance: one row per article (outlet, date), statements and estimates."""
    a = articles.sort_values(["published", "article_id"], kind="stable", na_position="last")
    a = a.head(MAX_ARTICLES)
    n_st = st.groupby("article_id").size()
    n_est = est.groupby("article_id").size()
    date = _iso(a["published"]).fillna("no date")
    label = (_label(a["outlet"]) + " · " + date.astype(str) + " · " + a["article_id"].astype(str))
    rows = []
    for lab, aid, ttl, out in zip(label, a["article_id"], _short(a["title"], 120), _label(a["outlet"])):
        for what, n in (("statements", n_st), ("estimates", n_est)):
            rows.append({"article": lab, "article_id": aid, "title": ttl, "outlet": out,
                         "measure": what, "n": int(n.get(aid, 0))})
    data = _plain(pd.DataFrame(rows, columns=["article", "article_id", "title", "outlet", "measure", "n"]))
    subtitle = [f"{len(articles)} article(s), {len(st)} statement(s), {len(est)} estimate(s)"]
    if len(articles) > MAX_ARTICLES:
        subtitle.append(f"first {MAX_ARTICLES} articles by date shown")
    order = label.tolist()
    bars = alt.Chart().mark_bar().encode(
        y=alt.Y("article:N", sort=order, title=None),
        yOffset=alt.YOffset("measure:N", sort=["statements", "estimates"]),
        x=alt.X("n:Q", title="Count", axis=_count_axis(data["n"].max() if len(data) else 0)),
        color=alt.Color("measure:N", title="Per article", sort=["statements", "estimates"],
                        scale=alt.Scale(domain=["statements", "estimates"], range=["#0072B2", "#E69F00"])),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("article_id:N", title="Article"), alt.Tooltip("measure:N", title="What"),
                 alt.Tooltip("n:Q", title="Count")],
    )
    text = bars.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("n:Q", format="d"),
                                                                   color=alt.value("#333333"))
    return alt.layer(bars, text, data=_inline(data)).properties(
        title=alt.TitleParams(title or "The corpus at a glance", subtitle=subtitle),
        width=CHART_WIDTH - 200, height=alt.Step(16))

# ----------------------------------------------------------------------------- output
def save_chart(chart, data: pd.DataFrame | None, out_dir, name: str, scale: float = 2.0):
    """Write ``<name>.png`` (vl-convert, offline) and ``<name>.csv`` (the plotted data)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, csv = out / f"{name}.png", out / f"{name}.csv"
    chart.save(str(png), scale_factor=scale)
    (chart_data(chart) if data is None else data).to_csv(csv, index=False)
    return png, csv


def static(chart):
    """The chart as an inline SVG display object (offline, no JavaScript: for briefings)."""
    import vl_convert as vlc
    from IPython.display import SVG

    return SVG(vlc.vegalite_to_svg(chart.to_dict()))
